"""The plugins installed for infoview (an entry-point group), found quickly.

:mod:`importlib.metadata` finds them, but importing it (it brings email, zipfile, csv and more)
and reading the distributions' metadata costs more than all the rest a read command does on a
small vault. So what it found is kept in the cache folder (:func:`infoview.vault.layout.cache_dir`,
one file per Python environment) under a key made of everything the answer depends on: the import
path (``sys.path``) and, for each distribution on it, the name of its metadata folder
(``*.dist-info``, ``*.egg-info``, ``*.egg``: the version is part of it) with the modification
time and size of its ``entry_points.txt``; a zip file on the path by its own. Installing,
upgrading, removing or reinstalling a package changes the key, and importlib.metadata is asked
again. Looking at the key costs one folder listing per path entry and one ``stat`` per
distribution.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from typing import Any

CACHE_VERSION = 2
KEYS_KEPT = 8
"""Answers kept for this many keys (the newest)."""
_METADATA = (".dist-info", ".egg-info", ".egg")


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """One entry point of the group: ``name = value`` from ``distribution``."""

    name: str
    value: str
    """``module`` or ``module:attribute``."""
    distribution: str | None

    def load(self) -> Any:
        """Import the module (and get the attribute) the entry point names."""
        module, _, attributes = self.value.partition(":")
        found: Any = importlib.import_module(module.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            found = getattr(found, attribute)
        return found


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` in every installed distribution, sorted by name (from the
    cache when nothing installed has changed since it was written)."""
    key = _key()
    path = _cache_file()
    cached = _read(path, group, key)
    if cached is not None:
        return cached
    import importlib.metadata

    found = sorted((EntryPoint(ep.name, ep.value, ep.dist.name if ep.dist is not None else None)
                    for ep in importlib.metadata.entry_points(group=group)),
                   key=lambda ep: ep.name)
    _write(path, group, key, found)
    return found


def version(distribution: str | None) -> str | None:
    """The installed version of ``distribution`` (reads its metadata: for listing plugins)."""
    if distribution is None:
        return None
    import importlib.metadata

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _key() -> str:
    """A digest of what the entry points depend on (see the module docstring)."""
    parts: list[str] = [sys.version]
    for entry in sys.path:
        path = entry or os.getcwd()
        try:
            info = os.stat(path)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode):
            parts.append(f"{path}\0{info.st_mtime_ns}\0{info.st_size}")
            continue
        parts.append(path)
        try:
            with os.scandir(path) as listing:
                names = sorted(e.name for e in listing if e.name.endswith(_METADATA))
        except OSError:
            continue
        for name in names:
            inner = ("EGG-INFO", "entry_points.txt") if name.endswith(".egg") \
                else ("entry_points.txt",)
            try:
                found = os.stat(os.path.join(path, name, *inner))
                parts.append(f"{name}\0{found.st_mtime_ns}\0{found.st_size}")
            except OSError:
                parts.append(name)
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _cache_file() -> str:
    from infoview.vault.layout import cache_dir

    environment = hashlib.sha256(sys.prefix.encode("utf-8", "surrogateescape")).hexdigest()
    return os.path.join(cache_dir(), f"entry-points-{environment[:16]}.json")


def _load(path: str) -> dict[str, Any]:
    """The cache file's answers, by key then group (empty when missing or unreadable)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    return answers if data.get("version") == CACHE_VERSION and isinstance(answers, dict) else {}


def _read(path: str, group: str, key: str) -> list[EntryPoint] | None:
    try:
        return [EntryPoint(str(e["name"]), str(e["value"]), e.get("distribution"))
                for e in _load(path)[key][group]]
    except (KeyError, TypeError, AttributeError):
        return None


def _write(path: str, group: str, key: str, found: list[EntryPoint]) -> None:
    """Keep ``found`` for next time, beside the answers for the last few other keys (the same
    environment gives another key when run as ``python -m infoview`` from another folder); a
    cache that cannot be written is only slower."""
    answers = _load(path)
    mine = answers.pop(key, {}) if isinstance(answers.get(key), dict) else {}
    mine[group] = [{"name": e.name, "value": e.value, "distribution": e.distribution}
                   for e in found]
    kept = dict(list(answers.items())[-(KEYS_KEPT - 1):])
    data = {"version": CACHE_VERSION, "answers": {**kept, key: mine}}
    temporary = f"{path}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(temporary, path)
    with contextlib.suppress(OSError):
        os.unlink(temporary)
