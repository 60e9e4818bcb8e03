"""Making the plugin manager for a vault, and calling hooks so one plugin's failure is reported by
name while the others still run.

Built-in plugins are entry points of the ``infoview`` distribution (see ``pyproject.toml``):
they are found (:mod:`infoview.plugin.entry_points`) and registered by the very same code as a
third-party plugin; trusted vault-local plugins (:mod:`infoview.plugin.local`) come after them.
Nothing is loaded at import time; each call of :func:`make_plugin_manager` gives a fresh manager.

Hooks are called through pluggy (``pm.hook``), so pluggy's order (``tryfirst``, ``trylast``)
and wrappers (``@hookimpl(wrapper=True)``) work. Each ordinary implementation is guarded when
it is registered: if it raises, the failure is recorded with the plugin's name, the file and
line in the plugin where it happened, and the traceback (``--debug`` prints it); the hook goes
on with the other plugins.
"""

from __future__ import annotations

import contextvars
import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy

from infoview.model.errors import PluginError
from infoview.plugin import hookspecs

ENTRY_POINT_GROUP = "infoview"
LOAD_VARIABLE = "INFOVIEW_LOAD_PLUGINS"
DISABLE_VARIABLE = "INFOVIEW_DISABLE_PLUGINS"

_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("infoview_plugin", default="")
"""The plugin whose hook implementation is running (what a ``register`` callback is from)."""
_AFTER_EACH: contextvars.ContextVar[Callable[[], None] | None] = contextvars.ContextVar(
    "infoview_after_each", default=None)
"""Called after each implementation of the hook being called (see :meth:`PluginHost.call`)."""


@dataclass(slots=True)
class PluginInfo:
    """What ``infoview plugins`` shows about one plugin."""

    name: str
    module: str
    distribution: str | None = None
    version: str | None = None
    builtin: bool = False
    hooks: list[str] = field(default_factory=list)
    path: str | None = None
    """The file of a vault-local plugin."""


@dataclass(slots=True)
class PluginFailure:
    """A plugin that failed to load or raised in a hook."""

    plugin: str
    hook: str | None
    error: BaseException
    where: str = ""
    """``file:line`` in the plugin's own code where it failed (``""``: not known)."""
    traceback: str = ""
    """The whole traceback, for ``--debug``."""

    def __str__(self) -> str:
        when = f" in {self.hook}" if self.hook else " while loading"
        at = f" ({self.where})" if self.where else ""
        return (f"plugin {self.plugin!r} failed{when}{at}: {type(self.error).__name__}: "
                f"{self.error}")


class PluginHost:
    """A vault's plugin manager, with one typed method per hook."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self.info: dict[str, PluginInfo] = {}
        self.failures: list[PluginFailure] = []
        self.disabled: list[str] = []
        self.notices: list[str] = []
        """One-line notices about loading (an untrusted local plugin, an unknown name in
        ``INFOVIEW_LOAD_PLUGINS``): printed as warnings."""
        self.local: list[Any] = []
        """The vault's local plugins (:class:`~infoview.plugin.local.LocalPlugin`), loaded or
        not."""
        self._registries: dict[str, dict[str, Any]] = {}
        self._owners: dict[str, dict[str, str]] = {}
        """Per registry hook: which plugin registered each name."""

    # -- registering ------------------------------------------------------------------------

    def register(self, plugin: object, name: str, *, distribution: str | None = None,
                 version: str | None = None, path: str | None = None) -> None:
        """Register ``plugin`` (a module or object with hookimpls) under ``name``."""
        if name in self.info:
            raise PluginError(f"two plugins are named {name!r} ({self.info[name].module} and "
                              f"{getattr(plugin, '__name__', type(plugin).__name__)}); "
                              "uninstall or rename one")
        self.pm.register(plugin, name=name)
        self.info[name] = PluginInfo(
            name=name, module=getattr(plugin, "__name__", type(plugin).__name__),
            distribution=distribution, version=version, builtin=distribution == "infoview",
            path=path)
        for caller in self.pm.get_hookcallers(plugin) or []:
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin:
                    self._guard(impl, caller.name)

    def _guard(self, impl: Any, hook: str) -> None:
        """Make ``impl`` record its failure instead of raising (a wrapper stays as it is: it
        must see the others' results, and its own failure is named by :meth:`call`)."""
        if impl.wrapper or impl.hookwrapper:
            return
        function, plugin = impl.function, impl.plugin_name

        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            token = _CURRENT.set(plugin)
            try:
                return function(*args, **kwargs)
            except Exception as error:
                self.failures.append(self.failure(plugin, hook, error))
                return None
            finally:
                _CURRENT.reset(token)
                if (after_each := _AFTER_EACH.get()) is not None:
                    after_each()

        impl.function = guarded

    def failure(self, plugin: str, hook: str | None, error: BaseException) -> PluginFailure:
        """A failure of ``plugin``, with where in its code it happened and the traceback."""
        return PluginFailure(plugin, hook, error, self._where(plugin, error),
                             "".join(traceback.format_exception(error)))

    def _where(self, plugin: str, error: BaseException) -> str:
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if not f.filename.startswith("<")]  # Python's own frozen modules
        home = self._home(plugin)
        inside = [f for f in frames if home and os.path.abspath(f.filename).startswith(home)]
        chosen = inside or [f for f in frames if not _ours_or_python(f.filename)]
        if not chosen:
            return ""
        return f"{_shown(chosen[-1].filename)}:{chosen[-1].lineno}"

    def _home(self, plugin: str) -> str:
        """The file of a plugin's module, or its package's folder."""
        info = self.info.get(plugin)
        if info is not None and info.path:
            return os.path.abspath(info.path)
        module = sys.modules.get(info.module if info is not None else "")
        found = getattr(module, "__file__", None)
        if not isinstance(found, str):
            return ""
        file = os.path.abspath(found)
        return os.path.dirname(file) if file.endswith("__init__.py") else file

    def plugins(self) -> list[PluginInfo]:
        """Every registered plugin with the hooks it implements (and its distribution's
        version), built-ins first."""
        from infoview.plugin.entry_points import version

        for name, info in self.info.items():
            plugin = self.pm.get_plugin(name)
            info.hooks = sorted(c.name for c in self.pm.get_hookcallers(plugin) or [])
            if info.version is None and info.path is None:
                info.version = version(info.distribution)
        return sorted(self.info.values(), key=lambda i: (not i.builtin, i.name))

    # -- calling ----------------------------------------------------------------------------

    def call(self, hook: str, *, after_each: Callable[[], None] | None = None,
             **kwargs: Any) -> list[Any]:
        """Call ``hook`` through pluggy; the results that are not ``None``. A failing
        implementation is recorded (see :meth:`_guard`) and the others still run; a wrapper
        that raises is recorded too, by the plugin its traceback leads to. ``after_each`` runs
        after each (ordinary) implementation, failed or not: a sync indexes there what that
        plugin wrote, so the next one reads it."""
        token = _AFTER_EACH.set(after_each)
        try:
            results: list[Any] = getattr(self.pm.hook, hook)(**kwargs)
        except Exception as error:
            self.failures.append(self.failure(self._blamed(error), hook, error))
            return []
        finally:
            _AFTER_EACH.reset(token)
        return [r for r in results if r is not None]

    def _blamed(self, error: BaseException) -> str:
        """The plugin whose code is deepest in ``error``'s traceback."""
        files = [os.path.abspath(f.filename) for f in traceback.extract_tb(error.__traceback__)]
        homes = {name: self._home(name) for name in self.info}
        for file in reversed(files):
            for name, home in homes.items():
                if home and file.startswith(home):
                    return name
        return "?"

    def call_safely(self, function: Callable[..., Any], *args: Any,
                    plugin: str) -> list[Any]:
        """Call a function a plugin registered (e.g. a reminder kind's ``compute``) and return
        its results as a list; if it raises, report it by the plugin's name and return []."""
        owner = self.owner("register_reminder_kinds", plugin)
        try:
            return list(function(*args))
        except Exception as error:
            self.failures.append(self.failure(owner, plugin, error))
            return []

    # -- one method per hook ------------------------------------------------------------------

    def register_commands(self, cli: Any) -> None:
        self.call("register_commands", cli=cli)

    def sync_after_index(self, session: Any, changes: Any, *,
                         after_each: Callable[[], None] | None = None) -> None:
        self.call("sync_after_index", after_each=after_each, session=session, changes=changes)

    def sync_generated_notes(self, session: Any, *,
                             after_each: Callable[[], None] | None = None) -> None:
        self.call("sync_generated_notes", after_each=after_each, session=session)

    def doctor_problems(self, session: Any) -> list[Any]:
        found: list[Any] = []
        for result in self.call("doctor_problems", session=session):
            found.extend(result)
        return found

    def reminder_kinds(self) -> dict[str, Any]:
        """Every registered :class:`~infoview.model.reminders.ReminderKind`, by name (collected
        once). A name registered twice is reported, naming both plugins (see
        :meth:`registry`)."""
        return self.registry("register_reminder_kinds", "reminder kind")

    def exporters(self) -> dict[str, Any]:
        """Every registered :class:`~infoview.plugin.exporters.Exporter`, by name."""
        return self.registry("register_exporters", "export format")

    def importers(self) -> dict[str, Any]:
        """Every registered :class:`~infoview.plugin.importers.Importer`, by name."""
        return self.registry("register_importers", "import source")

    def registry(self, hook: str, what: str) -> dict[str, Any]:
        """Call the ``register_*`` hook ``hook`` once and collect what each plugin registers
        (objects with a ``name``): built-in plugins' first, then the others' in the order the
        plugins were loaded. A name registered twice is reported naming both plugins; the
        built-in one wins, else the first; a plugin that raises is reported by name."""
        if hook in self._registries:
            return self._registries[hook]
        made: list[tuple[str, Any]] = []

        def register(item: Any) -> None:
            made.append((_CURRENT.get() or "?", item))

        self.call(hook, register=register)
        order = {name: (not info.builtin, i) for i, (name, info) in enumerate(self.info.items())}
        found: dict[str, Any] = {}
        owners = self._owners.setdefault(hook, {})
        for plugin, item in sorted(made, key=lambda m: order.get(m[0], (True, len(order)))):
            if item.name in found:
                self.failures.append(PluginFailure(plugin, hook, PluginError(
                    f"{what} {item.name!r} is already registered by plugin "
                    f"{owners[item.name]!r}")))
                continue
            found[item.name] = item
            owners[item.name] = plugin
        self._registries[hook] = found
        return found

    def settings(self) -> dict[str, list[Any]]:
        """Each plugin's declared settings (:class:`~infoview.plugin.settings.PluginSetting`),
        by plugin name (collected once)."""
        if "register_settings" in self._registries:
            return self._registries["register_settings"]
        found: dict[str, list[Any]] = {}

        def register(setting: Any) -> None:
            found.setdefault(_CURRENT.get() or "?", []).append(setting)

        self.call("register_settings", register=register)
        self._registries["register_settings"] = found
        return found

    def apply_settings(self, config: Any) -> list[str]:
        """Check each plugin's ``[plugins.NAME]`` table of ``config`` against its declared
        settings and fill in the defaults; the warnings. A wrong value raises
        :class:`~infoview.model.errors.ConfigError`."""
        from infoview.plugin.settings import checked

        warnings: list[str] = []
        where = str(config.path) if config.path is not None else "config"
        for plugin, declared in self.settings().items():
            values, found = checked(plugin, config.plugin_settings(plugin), declared, where)
            config.data["plugins"][plugin] = values
            warnings.extend(found)
        return warnings

    def owner(self, hook: str, name: str) -> str:
        """The plugin that registered ``name`` through the ``register_*`` hook ``hook``."""
        return self._owners.get(hook, {}).get(name, name)


def plugin_lists(disabled: Iterable[str] = ()) -> tuple[set[str] | None, set[str]]:
    """``(only these, not these)`` from ``$INFOVIEW_LOAD_PLUGINS`` (``None`` when unset: every
    plugin; set but empty: none) and from ``disabled`` plus ``$INFOVIEW_DISABLE_PLUGINS``."""
    load = os.environ.get(LOAD_VARIABLE)
    only = None if load is None else {n.strip() for n in load.split(",") if n.strip()}
    skip = set(disabled) | {n.strip() for n in os.environ.get(DISABLE_VARIABLE, "").split(",")
                            if n.strip()}
    return only, skip


def make_plugin_manager(*, disabled: Iterable[str] = (), entry_points: bool = True,
                        third_party: bool = True, vault: Path | None = None,
                        extra: Iterable[tuple[str, object]] = ()) -> PluginHost:
    """A fresh plugin host.

    :param disabled: plugin names not to load (``[plugins] disabled`` in the config; the names
        in ``$INFOVIEW_DISABLE_PLUGINS`` are added, and ``$INFOVIEW_LOAD_PLUGINS`` loads only
        the plugins it names).
    :param entry_points: load plugins from the ``infoview`` entry-point group at all.
    :param third_party: also load entry points of other distributions (tests turn this off).
    :param vault: load that vault's trusted local plugins (``.infoview/plugins/*.py``).
    :param extra: ``(name, plugin)`` pairs to register as well (tests, embedding); a plugin
        object that an entry point registered already is not registered twice.
    """
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm)
    only, skip = plugin_lists(disabled)

    def wanted(name: str) -> bool:
        if name in skip or (only is not None and name not in only):
            host.disabled.append(name)
            return False
        return True

    if entry_points:
        from infoview.plugin.entry_points import entry_points as installed

        for ep in installed(ENTRY_POINT_GROUP):
            if ep.distribution != "infoview" and not third_party:
                continue
            if not wanted(ep.name):
                continue
            try:
                plugin = ep.load()
            except Exception as error:
                host.failures.append(host.failure(ep.name, None, error))
                continue
            _register(host, plugin, ep.name, distribution=ep.distribution)
    if vault is not None:
        _load_local(host, vault, wanted)
    for name, plugin in extra:
        if pm.is_registered(plugin) or not wanted(name):
            continue
        _register(host, plugin, name)
    if only is not None:
        unknown = sorted(only - set(host.info) - set(host.disabled)
                         - {f.plugin for f in host.failures})
        if unknown:
            host.notices.append(f"{LOAD_VARIABLE} names {', '.join(map(repr, unknown))}, which "
                                "no installed or trusted plugin is called; `infoview plugins` "
                                "lists them")
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


def _load_local(host: PluginHost, vault: Path, wanted: Callable[[str], bool]) -> None:
    """Register the vault's trusted local plugins; note the others."""
    from infoview.model.errors import InfoviewError
    from infoview.plugin.local import discover, load

    try:
        host.local = discover(vault)
    except InfoviewError as error:
        host.notices.append(str(error))
        return
    for plugin in host.local:
        if plugin.refused:
            host.notices.append(f"{plugin.shown} is not loaded: {plugin.refused}")
        elif not plugin.trusted:
            host.notices.append(f"{plugin.shown} is not trusted, so it is not loaded; read it, "
                                f"then `infoview plugins trust {plugin.shown}`")
        elif wanted(plugin.name):
            try:
                module = load(plugin)
            except Exception as error:
                host.failures.append(PluginFailure(
                    plugin.name, None, error, _where_in(error, plugin.path),
                    "".join(traceback.format_exception(error))))
                continue
            _register(host, module, plugin.name, path=str(plugin.path))


def _where_in(error: BaseException, path: Path) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if os.path.abspath(f.filename) == os.path.abspath(path)]
    return f"{_shown(str(path))}:{frames[-1].lineno}" if frames else ""


def _ours_or_python(filename: str) -> bool:
    """Is ``filename`` infoview's own code or Python's standard library (never where a
    plugin's mistake is)?"""
    import sysconfig

    import infoview

    path = os.path.abspath(filename)
    homes = [*map(os.path.abspath, infoview.__path__),
             os.path.abspath(sysconfig.get_paths()["stdlib"])]
    return any(path.startswith(home + os.sep) for home in homes)


def _shown(filename: str) -> str:
    """A file name as short as is still clear: relative to the current folder when inside it."""
    try:
        relative = os.path.relpath(filename)
    except ValueError:
        return filename
    return relative if not relative.startswith("..") else filename


def _register(host: PluginHost, plugin: object, name: str, **meta: Any) -> None:
    try:
        host.register(plugin, name, **meta)
    except (pluggy.PluginValidationError, PluginError, ValueError) as error:
        host.failures.append(PluginFailure(name, None, error if isinstance(error, PluginError)
                                           else PluginError(str(error))))
