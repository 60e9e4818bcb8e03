"""Settings a plugin declares for its ``[plugins.NAME]`` table of ``.infoview/config.toml``:
each with its default, type and a line of help. infoview checks the table against them (a key
the plugin does not declare is a warning, a value of the wrong type a one-line error), fills in
the defaults, and ``infoview plugins --settings`` lists them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from infoview.model.errors import ConfigError

_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "text",
               list: "a list"}


@dataclass(frozen=True, slots=True)
class PluginSetting:
    """One setting of a plugin: ``[plugins.NAME] <name> = <value>``."""

    name: str
    default: Any
    help: str
    check: Callable[[Any], str | None] | None = None
    """Returns why a value of the right type is still wrong (``"must be 0 or more"``), or
    ``None`` when it is fine."""

    @property
    def kind(self) -> type:
        return bool if isinstance(self.default, bool) else type(self.default)

    @property
    def type_name(self) -> str:
        return _TYPE_NAMES.get(self.kind, self.kind.__name__)

    def accepts(self, value: Any) -> bool:
        if self.kind is bool:
            return isinstance(value, bool)
        if self.kind is float:
            return isinstance(value, int | float) and not isinstance(value, bool)
        return isinstance(value, self.kind) and not isinstance(value, bool)


Register = Callable[[PluginSetting], None]


def checked(plugin: str, table: Mapping[str, Any], declared: list[PluginSetting],
            where: str) -> tuple[dict[str, Any], list[str]]:
    """The plugin's settings with their defaults filled in, and warnings (keys it does not
    declare); raises :class:`~infoview.model.errors.ConfigError` for a value of the wrong type."""
    known = {setting.name: setting for setting in declared}
    values = {name: setting.default for name, setting in known.items()}
    warnings = []
    for key, value in table.items():
        setting = known.get(key)
        if setting is None:
            warnings.append(f"{where}: unknown key plugins.{plugin}.{key} ignored (plugin "
                            f"{plugin!r} knows: {', '.join(sorted(known))})")
            continue
        reason = None if setting.accepts(value) else f"must be {setting.type_name}"
        if reason is None and setting.check is not None:
            reason = setting.check(value)
        if reason is not None:
            raise ConfigError(f"{where}: plugins.{plugin}.{key} {reason}, not {value!r} "
                              f"({setting.help})")
        values[key] = value
    return values, warnings
