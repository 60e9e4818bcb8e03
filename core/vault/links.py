"""Resolving a link to a note the way Obsidian does.

1. an exact vault path (``Contacts/Jane Doe`` or ``Contacts/Jane Doe.md``);
2. else a note of that name in the linking note's own folder (for a partial path such as
   ``dir1/Note``: at that path under the linking note's folder);
3. else the note of that name with the shortest path (fewest folders); a tie is *ambiguous*;
4. else (infoview's addition, for people) a unique note with that name among its ``aliases``.

Names are compared case-insensitively after Unicode NFC normalisation; when two paths differ
only in case (possible on a case-sensitive file system), the one written exactly as the link wins,
else the link is ambiguous. A path starting with ``./`` or ``../`` (Obsidian's "relative path"
link format) is taken relative to the linking note's folder. Non-Markdown files (attachments)
resolve by their full file name.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from infoview.model.names import name_key


@dataclass(frozen=True, slots=True)
class Resolution:
    path: str | None
    status: str
    """``ok``, ``unresolved``, ``ambiguous`` or ``self`` (a link to a heading of the same note)."""
    candidates: tuple[str, ...] = ()


class LinkResolver:
    """Resolves link targets against the vault's files (built once per sync)."""

    def __init__(self, notes: Iterable[str], attachments: Iterable[str] = (),
                 aliases: dict[str, list[str]] | None = None) -> None:
        self._by_path: dict[str, list[str]] = defaultdict(list)
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for path in notes:
            key = name_key(path)
            self._by_path[key[:-3] if key.endswith(".md") else key].append(path)
            self._by_name[name_key(path.rsplit("/", 1)[-1][:-3])].append(path)
        for path in attachments:
            key = name_key(path)
            if key not in self._by_path:  # a note of that path wins
                self._by_path[key].append(path)
            self._by_name[name_key(path.rsplit("/", 1)[-1])].append(path)
        self._by_alias: dict[str, list[str]] = defaultdict(list)
        for path, names in (aliases or {}).items():
            for alias in names:
                self._by_alias[name_key(alias)].append(path)

    def resolve(self, target: str, source: str = "") -> Resolution:
        """Resolve ``target`` as written in the note at ``source``."""
        key = name_key(target)
        if not key:
            return Resolution(source or None, "self")
        written = unicodedata.normalize("NFC", target).strip()
        if written.startswith(("./", "../")):
            folder = source.rsplit("/", 1)[0] if "/" in source else ""
            written = posixpath.normpath(posixpath.join(folder, written))
            if written.startswith("../"):
                return Resolution(None, "unresolved")  # outside the vault
            key = name_key(written)
        if key.endswith(".md"):
            key = key[:-3]
            written = written[:-3]
        exact = self._path_matches(key)
        if exact:
            return self._exact(exact, written)
        name = key.rsplit("/", 1)[-1]
        candidates = self._name_matches(name)
        if "/" in key:  # a partial path: the name must sit under those folders
            candidates = [c for c in candidates if name_key(c).removesuffix(".md").endswith(
                "/" + key)]
        if len(candidates) == 1:
            return Resolution(candidates[0], "ok")
        if candidates:
            return self._pick(candidates, source, key)
        by_alias = self._alias_matches(key)
        if len(by_alias) == 1:
            return Resolution(by_alias[0], "ok")
        if by_alias:
            return Resolution(None, "ambiguous", tuple(sorted(set(by_alias))))
        return Resolution(None, "unresolved")

    # The three lookups (keys are name_key()s); a subclass may answer them from elsewhere.

    def _path_matches(self, key: str) -> list[str]:
        """Files whose vault path (without ``.md``) is ``key``."""
        return self._by_path.get(key, [])

    def _name_matches(self, key: str) -> list[str]:
        """Notes whose file stem, and attachments whose file name, is ``key``."""
        return self._by_name.get(key, [])

    def _alias_matches(self, key: str) -> list[str]:
        """Notes with ``key`` among their aliases."""
        return self._by_alias.get(key, [])

    @staticmethod
    def _exact(paths: list[str], written: str) -> Resolution:
        """The note at an exact path; when several differ only in case, the one written so."""
        if len(paths) == 1:
            return Resolution(paths[0], "ok")
        same = [p for p in paths if unicodedata.normalize("NFC", p).removesuffix(".md") == written]
        if len(same) == 1:
            return Resolution(same[0], "ok")
        return Resolution(None, "ambiguous", tuple(sorted(paths)))

    @staticmethod
    def _pick(candidates: list[str], source: str, key: str) -> Resolution:
        # "here": the note at that name (or partial path) under the linking note's folder
        folder = name_key(source.rsplit("/", 1)[0]) + "/" if "/" in source else ""
        here = [c for c in candidates if name_key(c).removesuffix(".md") == folder + key]
        if len(here) == 1:
            return Resolution(here[0], "ok")
        depth = min(c.count("/") for c in candidates)
        shortest = [c for c in candidates if c.count("/") == depth]
        if len(shortest) == 1:
            return Resolution(shortest[0], "ok")
        return Resolution(None, "ambiguous", tuple(sorted(candidates)))
