"""Vault-local plugins: ``.infoview/plugins/*.py``, loaded only once the user trusts them.

A vault may come from someone else (a shared folder, a cloned repository), so a Python file in
it never runs by itself. ``infoview plugins trust FILE`` records the file's SHA-256 in the user's
config folder (``platformdirs.user_config_path("infoview")/trusted-plugins.json``, or
``$INFOVIEW_CONFIG_DIR``), keyed by the vault's real path: trusting never writes to the vault.
A file whose bytes changed since is untrusted again.

Only plain ``*.py`` files directly in ``.infoview/plugins/`` are plugins. A symbolic link that
leads outside that folder, a sub-folder, or any other file is refused with a reason. A plugin's
name is its file stem.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import secrets
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from infoview.model.errors import ConfigError, InfoviewError, PluginError, UsageError

FOLDER = ".infoview/plugins"
TRUST_FILE = "trusted-plugins.json"
MAX_BYTES = 1_000_000
"""A local plugin larger than this is refused (it is meant to be a small script)."""


@dataclass(frozen=True, slots=True)
class LocalPlugin:
    """A file found in ``.infoview/plugins/``."""

    name: str
    path: Path
    digest: str | None
    """SHA-256 of its bytes (``None`` when refused)."""
    trusted: bool
    refused: str = ""
    """Why it cannot be a plugin (``""`` for a plain ``.py`` file)."""

    @property
    def shown(self) -> str:
        return f"{FOLDER}/{self.path.name}"


def config_dir() -> Path:
    """Where infoview keeps the user's settings: ``$INFOVIEW_CONFIG_DIR`` or the user config
    folder."""
    override = os.environ.get("INFOVIEW_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_config_path("infoview")


def discover(vault: Path) -> list[LocalPlugin]:
    """The files of the vault's plugin folder, by name, each trusted, untrusted or refused."""
    folder = vault / FOLDER
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise InfoviewError(f"cannot list {FOLDER}: {error.strerror or error}") from None
    trusted = _trusted(vault)
    found = []
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        path = Path(entry.path)
        reason = _refusal(folder, path)
        if reason:
            found.append(LocalPlugin(path.stem, path, None, False, reason))
            continue
        digest = _digest(path)
        found.append(LocalPlugin(path.stem, path, digest, trusted.get(path.name) == digest))
    return found


def _refusal(folder: Path, path: Path) -> str:
    if path.suffix != ".py":
        return "not a .py file"
    if path.is_symlink():
        real = Path(os.path.realpath(path))
        if real.parent != Path(os.path.realpath(folder)):
            return f"a symbolic link that leads outside {FOLDER} (to {real})"
    try:
        info = path.stat()
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if not stat.S_ISREG(info.st_mode):
        return "not a plain file"
    if info.st_size > MAX_BYTES:
        return f"larger than {MAX_BYTES // 1_000_000} MB"
    return ""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find(vault: Path, file: str | os.PathLike[str]) -> LocalPlugin:
    """The local plugin ``file`` names (its path, its file name or its name)."""
    wanted = Path(file)
    for plugin in discover(vault):
        if wanted.name in (plugin.path.name, plugin.name) and (
                wanted.parent in (Path("."), Path(FOLDER)) or
                os.path.realpath(wanted.parent) == os.path.realpath(plugin.path.parent)):
            return plugin
    raise UsageError(f"{file} is not a plugin of this vault: put plain .py files directly "
                     f"in {vault / FOLDER}")


def trust(vault: Path, file: str | os.PathLike[str]) -> LocalPlugin:
    """Trust the local plugin ``file`` as its bytes are now (outside the vault)."""
    plugin = find(vault, file)
    if plugin.refused:
        raise UsageError(f"{plugin.shown} cannot be trusted: {plugin.refused}")
    assert plugin.digest is not None
    store = _store()
    store.setdefault(_vault_key(vault), {})[plugin.path.name] = plugin.digest
    _save(store)
    return LocalPlugin(plugin.name, plugin.path, plugin.digest, True)


def untrust(vault: Path, file: str | os.PathLike[str]) -> LocalPlugin:
    """Forget the trust given to the local plugin ``file`` (a file no longer there too)."""
    store = _store()
    trusted = store.get(_vault_key(vault), {})
    name = Path(file).name if Path(file).suffix == ".py" else f"{Path(file).name}.py"
    if name not in trusted:
        raise UsageError(f"{FOLDER}/{name} is not trusted in this vault")
    del trusted[name]
    if not trusted:
        store.pop(_vault_key(vault), None)
    _save(store)
    return LocalPlugin(Path(name).stem, vault / FOLDER / name, None, False)


def load(plugin: LocalPlugin) -> ModuleType:
    """Import a trusted plugin's file as a module of its own (never ``sys.path``)."""
    if not plugin.trusted:
        raise PluginError(f"{plugin.shown} is not trusted")
    data = plugin.path.read_bytes()
    if hashlib.sha256(data).hexdigest() != plugin.digest:
        raise PluginError(f"{plugin.shown} changed while infoview was loading it; trust it "
                          "again")
    module_name = f"infoview_local_{plugin.digest[:12] if plugin.digest else 'x'}_{plugin.name}"
    spec = importlib.util.spec_from_loader(module_name, loader=None, origin=str(plugin.path))
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__file__ = str(plugin.path)
    sys.modules[module_name] = module
    try:
        exec(compile(data, str(plugin.path), "exec"), module.__dict__)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


# -- the trust store ------------------------------------------------------------------------------


def _vault_key(vault: Path) -> str:
    return os.path.realpath(vault)


def _trusted(vault: Path) -> dict[str, str]:
    return dict(_store().get(_vault_key(vault), {}))


def _store() -> dict[str, dict[str, str]]:
    path = config_dir() / TRUST_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path} cannot be read ({error}); delete it and trust your "
                          "vault's plugins again") from None
    if not isinstance(data, dict):
        return {}
    return {k: {n: d for n, d in v.items() if isinstance(d, str)}
            for k, v in data.items() if isinstance(v, dict)}


def _save(store: dict[str, dict[str, str]]) -> None:
    path = config_dir() / TRUST_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        tmp.write_text(json.dumps(store, indent=2, sort_keys=True) + "\n", "utf-8")
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
