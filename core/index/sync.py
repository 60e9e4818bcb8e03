"""Bringing the index up to date with the vault, incrementally.

Only new, changed and removed files are read: a file is unchanged when its mtime and size match
what was indexed, unless it is *racy* (modified within :data:`RACY_WINDOW_NS` of when it was
read, so a same-size edit in the same clock tick could hide): those are re-read and compared by
content hash. All changes of one run are written in one transaction, under the vault's lock.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from infoview.config import Config
from infoview.index.lock import IndexLock
from infoview.index.rows import NoteRows, read_note
from infoview.index.store import Index
from infoview.note import Problem
from infoview.resolve import LinkResolver
from infoview.vault import WalkResult, walk_vault

RACY_WINDOW_NS = 3_000_000_000
PARSER_VERSION = "1"
"""Bump when parsing changes what it stores: every note is then read again."""
PARALLEL_THRESHOLD = 400
"""Below this many files to read, one process is faster than starting workers."""

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class IndexReport:
    """What one index update did."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    """Problems of the notes read in this run."""
    total_problems: int = 0
    conflicts: list[str] = field(default_factory=list)
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def update_index(vault: Path, config: Config, index_file: Path, *, full: bool = False,
                 progress: Progress | None = None,
                 warn: Callable[[str], None] = lambda _: None) -> IndexReport:
    """Bring the index at ``index_file`` up to date with ``vault`` and return what changed."""
    started = time.perf_counter()
    with IndexLock(index_file.with_name(index_file.name + ".lock"),
                   on_wait=lambda: warn("waiting for another infoview process on this vault")):
        index = Index.open(index_file, warn)
        try:
            try:
                report = _update(index, vault, config, full=full, progress=progress)
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                    raise
                index.close()
                warn(f"index {index_file} is damaged ({error}); rebuilding it")
                for suffix in ("", "-wal", "-shm"):
                    Path(str(index_file) + suffix).unlink(missing_ok=True)
                index = Index.open(index_file, warn)
                report = _update(index, vault, config, full=True, progress=progress)
                report.rebuilt = True
        finally:
            index.close()
    report.seconds = time.perf_counter() - started
    return report


def _fingerprint(config: Config) -> str:
    payload = json.dumps([PARSER_VERSION, config.data], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _update(index: Index, vault: Path, config: Config, *, full: bool,
            progress: Progress | None) -> IndexReport:
    report = IndexReport()
    walk = walk_vault(vault, config.folder("templates"))
    fingerprint = _fingerprint(config)
    if index.meta("fingerprint") != fingerprint or index.meta("vault") != str(vault):
        full = True
    stored = {row[0]: row[1:] for row in index.stored_files()}
    to_read: list[str] = []
    racy: list[str] = []
    for path, stat in walk.notes.items():
        old = stored.get(path)
        if old is None:
            report.added.append(path)
            to_read.append(path)
        elif full or old[0] != stat.mtime_ns or old[1] != stat.size:
            report.changed.append(path)
            to_read.append(path)
        elif stat.mtime_ns >= old[3] - RACY_WINDOW_NS:
            racy.append(path)  # same stat, but written too close to when it was read
        else:
            report.unchanged += 1
    report.removed = [p for p in stored if p not in walk.notes]
    report.conflicts = walk.conflicts
    racy_same: list[tuple[int, str]] = []
    for path in racy:
        digest = _hash_file(vault / path)
        if digest == stored[path][2]:
            racy_same.append((time.time_ns(), path))
        else:
            report.changed.append(path)
            to_read.append(path)
    report.unchanged += len(racy_same)
    rows = _read_all(vault, to_read, config, progress)
    files_changed = _files_changed(index, walk)
    meta_changed = index.meta("fingerprint") != fingerprint or index.meta("vault") != str(vault)
    if not rows and not report.removed and not racy_same and not files_changed \
            and not meta_changed:
        report.total_problems = _count_problems(index)
        return report
    conn = index.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("UPDATE notes SET read_ns = ? WHERE path = ?", racy_same)
        old_aliases = _aliases_of(conn, [r.path for r in rows])
        gone = [(p,) for p in report.removed] + [(r.path,) for r in rows]
        for table, column in (("notes", "path"), ("links", "source"), ("names", "path"),
                              ("problems", "path"), ("notes_fts", "path")):
            conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)
        _insert(conn, rows)
        if files_changed:
            conn.execute("DELETE FROM files")
            conn.executemany("INSERT INTO files VALUES (?, 'conflict')",
                             [(p,) for p in walk.conflicts])
            conn.executemany("INSERT OR IGNORE INTO files VALUES (?, 'attachment')",
                             [(p,) for p in walk.attachments])
        renamed = bool(report.added or report.removed or files_changed)
        aliases_changed = old_aliases != _aliases_of(conn, [r.path for r in rows])
        _resolve_links(conn, walk, [r.path for r in rows],
                       everything=full or renamed or aliases_changed)
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [("fingerprint", fingerprint), ("vault", str(vault))])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    report.problems = [Problem(r.path, line, message, kind)
                       for r in rows for line, kind, message in r.problems]
    report.total_problems = _count_problems(index)
    return report


def _hash_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _aliases_of(conn: sqlite3.Connection, paths: list[str]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in paths:
        found.update(conn.execute("SELECT path, key FROM names WHERE path = ? AND kind = 'alias'",
                                  (path,)))
    return found


def _count_problems(index: Index) -> int:
    count: int = index.conn.execute("SELECT count(*) FROM problems").fetchone()[0]
    return count


def _files_changed(index: Index, walk: WalkResult) -> bool:
    stored = set(index.conn.execute("SELECT path, kind FROM files"))
    now = {(p, "conflict") for p in walk.conflicts} | {(p, "attachment")
                                                       for p in walk.attachments}
    return stored != now


def _read_all(vault: Path, paths: list[str], config: Config,
              progress: Progress | None) -> list[NoteRows]:
    read = partial(read_note, str(vault), config_data=config.data)
    total = len(paths)
    results: list[NoteRows] = []
    workers = min(os.cpu_count() or 1, 8)
    if total >= PARALLEL_THRESHOLD and workers > 1 and sys.platform != "win32":
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunk = max(16, min(256, total // (workers * 8)))
            for done, row in enumerate(pool.map(read, paths, chunksize=chunk), 1):
                if row is not None:
                    results.append(row)
                if progress is not None and done % 200 == 0:
                    progress(done, total)
    else:
        for done, path in enumerate(paths, 1):
            row = read(path)
            if row is not None:
                results.append(row)
            if progress is not None and done % 200 == 0:
                progress(done, total)
    if progress is not None and total:
        progress(total, total)
    return results


def _insert(conn: sqlite3.Connection, rows: Iterable[NoteRows]) -> None:
    rows = list(rows)
    conn.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(r.path, r.name, r.type, r.mtime_ns, r.size, r.hash, r.read_ns, int(r.frontmatter_ok),
          r.props, r.data) for r in rows])
    conn.executemany("INSERT INTO notes_fts VALUES (?, ?, ?)",
                     [(r.path, r.name, r.body) for r in rows])
    conn.executemany("INSERT INTO names VALUES (?, ?, ?)",
                     [(r.path, key, kind) for r in rows for key, kind in r.names])
    conn.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)",
                     [(r.path, line, kind, message) for r in rows
                      for line, kind, message in r.problems])
    conn.executemany(
        "INSERT INTO links VALUES (?, ?, ?, ?, ?, NULL, 'unresolved')",
        [(r.path, line, fld, target, int(explicit)) for r in rows
         for line, fld, target, explicit in r.links])


def _resolve_links(conn: sqlite3.Connection, walk: WalkResult, sources: list[str], *,
                   everything: bool) -> None:
    """Resolve the links of ``sources`` (or of every note when files came or went)."""
    aliases: dict[str, list[str]] = {}
    for path, key in conn.execute("SELECT path, key FROM names WHERE kind = 'alias'"):
        aliases.setdefault(path, []).append(key)
    resolver = LinkResolver(walk.notes, walk.attachments, aliases)
    if everything:
        rows = conn.execute("SELECT rowid, source, target, resolved, status FROM links").fetchall()
    else:
        rows = []
        for source in sources:
            rows.extend(conn.execute("SELECT rowid, source, target, resolved, status FROM links "
                                     "WHERE source = ?", (source,)))
    updates = []
    for rowid, source, target, old_path, old_status in rows:
        found = resolver.resolve(target, source)
        if found.path != old_path or found.status != old_status:
            updates.append((found.path, found.status, rowid))
    conn.executemany("UPDATE links SET resolved = ?, status = ? WHERE rowid = ?", updates)
