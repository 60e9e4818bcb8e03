"""Making the plugin manager for a vault, and calling hooks so one plugin's failure is reported by
name while the others still run.

Built-in plugins are entry points of the ``infoview`` distribution (see ``pyproject.toml``):
they are found (:mod:`infoview.plugin.entry_points`) and registered by the very same code as a
third-party plugin. Nothing is loaded at import time; each call of :func:`make_plugin_manager`
gives a fresh manager.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pluggy

from infoview.model.errors import PluginError
from infoview.plugin import hookspecs

ENTRY_POINT_GROUP = "infoview"


@dataclass(slots=True)
class PluginInfo:
    """What ``infoview plugins`` shows about one plugin."""

    name: str
    module: str
    distribution: str | None = None
    version: str | None = None
    builtin: bool = False
    hooks: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PluginFailure:
    """A plugin that failed to load or raised in a hook."""

    plugin: str
    hook: str | None
    error: BaseException

    def __str__(self) -> str:
        where = f" in {self.hook}" if self.hook else " while loading"
        return f"plugin {self.plugin!r} failed{where}: {type(self.error).__name__}: {self.error}"


class PluginHost:
    """A vault's plugin manager, with one typed method per hook."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self.info: dict[str, PluginInfo] = {}
        self.failures: list[PluginFailure] = []
        self.disabled: list[str] = []
        self._registries: dict[str, dict[str, Any]] = {}
        self._owners: dict[str, dict[str, str]] = {}
        """Per registry hook: which plugin registered each name."""

    def register(self, plugin: object, name: str, *, distribution: str | None = None,
                 version: str | None = None) -> None:
        """Register ``plugin`` (a module or object with hookimpls) under ``name``."""
        if name in self.info:
            raise PluginError(f"two plugins are named {name!r} ({self.info[name].module} and "
                              f"{getattr(plugin, '__name__', type(plugin).__name__)}); "
                              "uninstall or rename one")
        self.pm.register(plugin, name=name)
        self.info[name] = PluginInfo(
            name=name, module=getattr(plugin, "__name__", type(plugin).__name__),
            distribution=distribution, version=version, builtin=distribution == "infoview")

    def plugins(self) -> list[PluginInfo]:
        """Every registered plugin with the hooks it implements (and its distribution's
        version), built-ins first."""
        from infoview.plugin.entry_points import version

        for name, info in self.info.items():
            plugin = self.pm.get_plugin(name)
            info.hooks = sorted(c.name for c in self.pm.get_hookcallers(plugin) or [])
            if info.version is None:
                info.version = version(info.distribution)
        return sorted(self.info.values(), key=lambda i: (not i.builtin, i.name))

    def call_each(self, hook: str, *, after_each: Callable[[], None] | None = None,
                  **kwargs: Any) -> list[Any]:
        """Call every implementation of ``hook``; a failing one is recorded, the rest run.
        ``after_each`` is called after each one (a sync indexes there what it wrote)."""
        results: list[Any] = []
        caller = getattr(self.pm.hook, hook)
        for impl in reversed(caller.get_hookimpls()):
            args = {k: v for k, v in kwargs.items() if k in impl.argnames}
            try:
                result = impl.function(**args)
            except Exception as error:
                self.failures.append(PluginFailure(impl.plugin_name, hook, error))
                result = None
            if after_each is not None:
                after_each()
            if result is not None:
                results.append(result)
        return results

    # -- one method per hook ------------------------------------------------------------------

    def register_commands(self, cli: Any) -> None:
        self.call_each("register_commands", cli=cli)

    def sync_after_index(self, session: Any, *,
                         after_each: Callable[[], None] | None = None) -> None:
        self.call_each("sync_after_index", after_each=after_each, session=session)

    def sync_generated_notes(self, session: Any, *,
                             after_each: Callable[[], None] | None = None) -> None:
        self.call_each("sync_generated_notes", after_each=after_each, session=session)

    def reminder_kinds(self) -> dict[str, Any]:
        """Every registered :class:`~infoview.reminders.ReminderKind`, by name (collected once).
        A name registered twice is reported, naming both plugins; the first one stays (built-in
        plugins first, then the others in the order they were registered)."""
        return self.registry("register_reminder_kinds", "reminder kind")

    def exporters(self) -> dict[str, Any]:
        """Every registered :class:`~infoview.exporters.Exporter`, by name."""
        return self.registry("register_exporters", "export format")

    def importers(self) -> dict[str, Any]:
        """Every registered :class:`~infoview.importers.Importer`, by name."""
        return self.registry("register_importers", "import source")

    def registry(self, hook: str, what: str) -> dict[str, Any]:
        """Call the ``register_*`` hook ``hook`` once and collect what each plugin registers
        (objects with a ``name``), built-in plugins first. A name registered twice is reported
        naming both plugins and the first one stays; a plugin that raises is reported by name."""
        if hook in self._registries:
            return self._registries[hook]
        found: dict[str, Any] = {}
        owners = self._owners.setdefault(hook, {})
        caller = getattr(self.pm.hook, hook)
        builtin = {name for name, info in self.info.items() if info.builtin}
        for impl in sorted(caller.get_hookimpls(),
                           key=lambda impl: impl.plugin_name not in builtin):
            def register(item: Any, plugin: str = impl.plugin_name) -> None:
                if item.name in found:
                    self.failures.append(PluginFailure(plugin, hook, PluginError(
                        f"{what} {item.name!r} is already registered by plugin "
                        f"{owners[item.name]!r}")))
                    return
                found[item.name] = item
                owners[item.name] = plugin
            try:
                impl.function(register=register)
            except Exception as error:
                self.failures.append(PluginFailure(impl.plugin_name, hook, error))
        self._registries[hook] = found
        return found

    def owner(self, hook: str, name: str) -> str:
        """The plugin that registered ``name`` through the ``register_*`` hook ``hook``."""
        return self._owners.get(hook, {}).get(name, name)

    def call_safely(self, function: Any, *args: Any, plugin: str) -> list[Any]:
        """Call a function a plugin registered (e.g. a reminder kind's ``compute``) and return
        its results as a list; if it raises, report it by the plugin's name and return []."""
        owner = self.owner("register_reminder_kinds", plugin)
        try:
            return list(function(*args))
        except Exception as error:
            self.failures.append(PluginFailure(owner, plugin, error))
            return []

    def doctor_problems(self, session: Any) -> list[Any]:
        found: list[Any] = []
        for result in self.call_each("doctor_problems", session=session):
            found.extend(result)
        return found


def make_plugin_manager(*, disabled: Iterable[str] = (), entry_points: bool = True,
                        third_party: bool = True,
                        extra: Iterable[tuple[str, object]] = ()) -> PluginHost:
    """A fresh plugin host.

    :param disabled: plugin names not to load (``[plugins] disabled`` in the config).
    :param entry_points: load plugins from the ``infoview`` entry-point group at all.
    :param third_party: also load entry points of other distributions (tests turn this off).
    :param extra: ``(name, plugin)`` pairs to register as well (tests, vault-local plugins).
    """
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm)
    skip = set(disabled)
    if entry_points:
        from infoview.plugin.entry_points import entry_points as installed

        for ep in installed(ENTRY_POINT_GROUP):
            if ep.distribution != "infoview" and not third_party:
                continue
            if ep.name in skip:
                host.disabled.append(ep.name)
                continue
            try:
                plugin = ep.load()
            except Exception as error:
                host.failures.append(PluginFailure(ep.name, None, error))
                continue
            _register(host, plugin, ep.name, distribution=ep.distribution)
    for name, plugin in extra:
        if name in skip:
            host.disabled.append(name)
            continue
        _register(host, plugin, name)
    while True:
        try:
            pm.check_pending()
        except pluggy.PluginValidationError as error:
            # A misspelt hook is an error named after its plugin; that plugin is unloaded.
            name = pm.get_name(error.plugin) or "?"
            host.failures.append(PluginFailure(name, None, PluginError(
                f"{error}; check the hook's name against docs/plugins.md")))
            pm.unregister(name=name)
            host.info.pop(name, None)
            continue
        break
    return host


def _register(host: PluginHost, plugin: object, name: str, **meta: Any) -> None:
    try:
        host.register(plugin, name, **meta)
    except pluggy.PluginValidationError as error:
        host.failures.append(PluginFailure(name, None, PluginError(str(error))))
