"""Resolving links while the index is written: every link of a sync, the same rules
(:mod:`infoview.vault.links`) whichever way the vault's names are looked up."""

from __future__ import annotations

import sqlite3

from infoview.vault.layout import WalkResult
from infoview.vault.links import LinkResolver, Resolution


def vault_resolver(conn: sqlite3.Connection, walk: WalkResult,
                   vanished: set[str]) -> CachedResolver:
    """A resolver over every note of the walk (less ``vanished``), built in memory: for
    resolving many links at once."""
    aliases: dict[str, list[str]] = {}
    for path, key in conn.execute("SELECT path, key FROM names WHERE kind = 'alias'"):
        aliases.setdefault(path, []).append(key)
    notes = [p for p in walk.notes if p not in vanished]
    return CachedResolver(LinkResolver(notes, walk.attachments, aliases),
                           _fallback_resolver(walk))


def indexed_resolver(conn: sqlite3.Connection, walk: WalkResult) -> CachedResolver:
    """A resolver that looks names up in the index as it goes: for resolving a few links."""
    return CachedResolver(_IndexedResolver(conn, walk.attachments), _fallback_resolver(walk))


def _fallback_resolver(walk: WalkResult) -> LinkResolver:
    """Templates and generated notes: link targets only when nothing else matches."""
    others = [p for paths in walk.unindexed.values() for p in paths]
    return LinkResolver([p for p in others if p.endswith(".md")],
                        [p for p in others if not p.endswith(".md")])


class _IndexedResolver(LinkResolver):
    """The resolution rules, with notes looked up in the index's ``names`` table (indexed), so
    resolving a few links does not cost a pass over the whole vault."""

    def __init__(self, conn: sqlite3.Connection, attachments: list[str]) -> None:
        super().__init__((), attachments)
        self.conn = conn

    def _lookup(self, key: str, kind: str) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "SELECT path FROM names WHERE key = ? AND kind = ?", (key, kind))]

    def _path_matches(self, key: str) -> list[str]:
        return self._lookup(key, "path") or super()._path_matches(key)

    def _name_matches(self, key: str) -> list[str]:
        return self._lookup(key, "stem") + super()._name_matches(key)

    def _alias_matches(self, key: str) -> list[str]:
        return self._lookup(key, "alias")


class CachedResolver:
    """Resolution depends only on the target and the linking note's folder: remember answers
    (most links of a vault name the same few companies and people)."""

    def __init__(self, resolver: LinkResolver, fallback: LinkResolver) -> None:
        self.resolver = resolver
        self.fallback = fallback
        self.cache: dict[tuple[str, str], Resolution] = {}

    def resolve(self, target: str, source: str) -> Resolution:
        if not target.strip():
            return self.resolver.resolve(target, source)
        key = (target, source.rpartition("/")[0])
        found = self.cache.get(key)
        if found is None:
            found = self.resolver.resolve(target, source)
            if found.status == "unresolved":  # templates and generated notes come last
                found = self.fallback.resolve(target, source)
            self.cache[key] = found
        return found


def insert_links(conn: sqlite3.Connection, resolver: CachedResolver,
                  links: list[tuple[str, int, str, str, bool]]) -> None:
    rows = []
    for source, line, fld, target, explicit in links:
        found = resolver.resolve(target, source)
        rows.append((source, line, fld, target, int(explicit), found.path, found.status))
    conn.executemany("INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def re_resolve(conn: sqlite3.Connection, resolver: CachedResolver) -> None:
    """Resolve every stored link again, updating the ones whose answer changed."""
    updates = []
    for rowid, source, target, old_path, old_status in conn.execute(
            "SELECT rowid, source, target, resolved, status FROM links"):
        found = resolver.resolve(target, source)
        if found.path != old_path or found.status != old_status:
            updates.append((found.path, found.status, rowid))
    conn.executemany("UPDATE links SET resolved = ?, status = ? WHERE rowid = ?", updates)
