"""Bringing the index up to date with the vault, incrementally.

Only new, changed and removed files are read: a file is unchanged when its mtime and size match
what was indexed, unless it is *racy* (modified within :data:`RACY_WINDOW_NS` of when it was
read, so a same-size edit in the same clock tick could hide): those are re-read and compared by
content hash. All changes of one run are written in one transaction, under the vault's lock.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.config.settings import Config
from infoview.index.linking import indexed_resolver, insert_links, re_resolve, vault_resolver
from infoview.index.lock import IndexLock
from infoview.index.store import Index, remove_index_files, schema_sql
from infoview.model.errors import LockedError, cache_file_error
from infoview.model.note import Problem
from infoview.vault.layout import FileStat, WalkResult, classify_path, walk_vault

if TYPE_CHECKING:
    from infoview.index.rows import NoteRows

RACY_WINDOW_NS = 3_000_000_000
PARSER_VERSION = "5"
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
    temp_files: list[str] = field(default_factory=list)
    """infoview's own temporary files seen by the walk (see
    :func:`infoview.write.writer.remove_stale_temp_files`)."""

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed)


def update_index(vault: Path, config: Config, index_file: Path, *, full: bool = False,
                 progress: Progress | None = None,
                 warn: Callable[[str], None] = lambda _: None,
                 paths: Collection[str] | None = None) -> IndexReport:
    """Bring the index at ``index_file`` up to date with ``vault`` and return what changed.

    ``paths`` (vault-relative): look only at these files, trusting the index for the rest (the
    watcher knows what changed). When one of them is a file the index does not know yet, or a
    note that is gone, the whole vault is walked as usual."""
    started = time.perf_counter()
    with IndexLock(index_file.with_name(index_file.name + ".lock"),
                   on_wait=lambda: warn("waiting for another infoview process on this vault")):
        index = Index.open(index_file, warn)
        try:
            try:
                report = _update(index, vault, config, full=full, progress=progress,
                                 paths=paths)
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                    raise LockedError(
                        f"the index {index_file} is held open by another program (sqlite3, "
                        "Datasette?); close it and retry") from None
                if (problem := cache_file_error(index_file, error)) is not None:
                    raise problem from None  # the disk, not the index: rebuilding cannot help
                index.close()
                warn(f"index {index_file} is damaged ({error}); rebuilding it")
                remove_index_files(index_file)
                index = Index.open(index_file, warn)
                report = _update(index, vault, config, full=True, progress=progress)
                report.rebuilt = True
            report.rebuilt = report.rebuilt or index.rebuilt
        finally:
            index.close()
    report.seconds = time.perf_counter() - started
    return report


def _fingerprint(config: Config) -> str:
    payload = json.dumps([PARSER_VERSION, config.data], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _update(index: Index, vault: Path, config: Config, *, full: bool,
            progress: Progress | None, paths: Collection[str] | None = None) -> IndexReport:
    report = IndexReport()
    fingerprint = _fingerprint(config)
    if index.meta("fingerprint") != fingerprint or index.meta("vault") != str(vault):
        full = True
    stored = {row[0]: row[1:] for row in index.stored_files()}
    walk = None
    if paths is not None and not full:
        walk = _walk_paths(index, vault, config, stored, paths)
    if walk is None:
        walk = walk_vault(vault, config.folder("templates"), config.folder("generated"))
    to_read: list[str] = []
    racy: list[str] = []
    for path, seen in walk.notes.items():
        old = stored.get(path)
        if old is None:
            report.added.append(path)
            to_read.append(path)
        elif full or old[0] != seen.mtime_ns or old[1] != seen.size:
            report.changed.append(path)
            to_read.append(path)
        elif seen.mtime_ns >= old[3] - RACY_WINDOW_NS:
            racy.append(path)  # same stat, but written too close to when it was read
        else:
            report.unchanged += 1
    report.removed = [p for p in stored if p not in walk.notes]
    report.conflicts = walk.conflicts
    report.temp_files = walk.temp_files
    report.problems.extend(Problem(f"{folder}/" if folder else "./", None,
                                   f"folder cannot be read ({reason}); check its permissions")
                           for folder, reason in sorted(walk.unreadable.items()) if reason)
    racy_same: list[tuple[int, str]] = []
    for path in racy:
        digest = _hash_file(vault / path)
        if digest == stored[path][2]:
            racy_same.append((time.time_ns(), path))
        else:
            report.changed.append(path)
            to_read.append(path)
    report.unchanged += len(racy_same)
    files_changed = _files_changed(index, walk)
    meta_changed = index.meta("fingerprint") != fingerprint or index.meta("vault") != str(vault)
    if not to_read and not report.removed and not racy_same and not files_changed \
            and not meta_changed:
        report.total_problems = _count_problems(index)
        return report
    conn = index.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("UPDATE notes SET read_ns = ? WHERE path = ?", racy_same)
        old_aliases = _aliases_of(conn, to_read)
        old_content = _content_of(conn, to_read) if len(to_read) <= 50 else None
        content_changed = old_content is None
        bulk = _is_empty(conn)
        if bulk:
            _drop_indexes(conn)  # building them once at the end is cheaper
        else:
            _delete(conn, report.removed + to_read)
        links: list[tuple[str, int, str, str, bool]] = []
        read_paths: list[str] = []
        for rows in _read_chunks(vault, to_read, config, progress):
            _insert(conn, rows)
            if not content_changed and old_content is not None:
                content_changed = any(old_content.get(r.path) != (r.name, r.type, r.props, r.data)
                                      for r in rows)
            for row in rows:
                read_paths.append(row.path)
                links.extend((row.path, *link) for link in row.links)
                report.problems.extend(Problem(row.path, line, message, kind)
                                       for line, kind, message in row.problems)
        vanished = set(to_read) - set(read_paths)  # deleted while we were reading
        report.added = [p for p in report.added if p not in vanished]
        report.changed = [p for p in report.changed if p not in vanished]
        report.removed.extend(sorted(p for p in vanished if p in stored))
        if files_changed:
            conn.execute("DELETE FROM files")
            conn.executemany("INSERT OR IGNORE INTO files VALUES (?, ?)", _file_rows(walk))
        renamed = bool(report.added or report.removed or files_changed)
        if full or renamed or old_aliases != _aliases_of(conn, read_paths):
            resolver = vault_resolver(conn, walk, vanished)
            re_resolve(conn, resolver)  # other notes' links may now point elsewhere
        else:  # a few notes changed: look names up in the index rather than load them all
            resolver = indexed_resolver(conn, walk)
        insert_links(conn, resolver, links)
        if bulk:
            _create_indexes(conn)
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [("fingerprint", fingerprint), ("vault", str(vault))])
        if to_read or report.removed or files_changed or meta_changed:  # contents changed
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)",
                         (str(int(index.meta("generation") or 0) + 1),))
        if report.removed or report.added or files_changed or meta_changed or content_changed:
            # more than the plain text of some notes changed (see Index.content_generation)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('content_generation', ?)",
                         (str(index.content_generation + 1),))
        # Every note this update read has a read_ns before this; one read later, after it.
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('committed_ns', ?)",
                     (str(time.time_ns()),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    report.total_problems = _count_problems(index)
    return report


def _walk_paths(index: Index, vault: Path, config: Config,
                stored: dict[str, tuple[int, int, str, int]],
                paths: Collection[str]) -> WalkResult | None:
    """The walk :func:`walk_vault` would give when only ``paths`` may have changed: their stat
    from the disk, every other file as the index has it. ``None`` when a path is a file the
    index does not know, or a known file that is gone or is now something else (a walk is
    needed to see what else changed)."""
    known_files = dict(index.conn.execute("SELECT path, kind FROM files"))
    notes = {p: FileStat(p, old[0], old[1]) for p, old in stored.items()}
    templates, generated = config.folder("templates"), config.folder("generated")
    for path in paths:
        kind = classify_path(path, templates, generated)
        if kind is None:
            continue  # not a file of the vault (hidden, temporary)
        try:
            st = os.stat(vault / path)
        except OSError:
            st = None
        exists = st is not None and stat.S_ISREG(st.st_mode)
        if kind == "note":
            if path not in stored or not exists:
                return None
            assert st is not None
            notes[path] = FileStat(path, st.st_mtime_ns, st.st_size)
        elif (path in known_files) != exists:
            return None
    unindexed: dict[str, list[str]] = {}
    result = WalkResult(notes=notes, conflicts=[], attachments=[], unindexed=unindexed)
    for path, kind in known_files.items():
        if kind == "conflict":
            result.conflicts.append(path)
        elif kind == "attachment":
            result.attachments.append(path)
        elif kind == "unreadable":
            result.unreadable[path] = ""  # known: reported by the walk that found it
        else:
            unindexed.setdefault(kind, []).append(path)
    return result


def _is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM notes LIMIT 1").fetchone() is None


def _drop_indexes(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                "AND sql IS NOT NULL").fetchall():
        conn.execute(f'DROP INDEX "{name}"')


def _create_indexes(conn: sqlite3.Connection) -> None:
    """The schema's indexes (``CREATE INDEX`` statements of schema.sql), made where missing."""
    for statement in schema_sql().split(";"):
        statement = statement.strip()
        if statement.startswith("CREATE INDEX"):
            conn.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


def _content_of(conn: sqlite3.Connection,
                paths: list[str]) -> dict[str, tuple[str, str | None, str, str]]:
    """``(name, type, props, data)`` of the notes at ``paths`` as the index has them."""
    found = {}
    for path in paths:
        row = conn.execute("SELECT name, type, props, data FROM notes WHERE path = ?",
                           (path,)).fetchone()
        if row is not None:
            found[path] = (row[0], row[1], row[2], row[3])
    return found


def _delete(conn: sqlite3.Connection, paths: list[str]) -> None:
    gone = [(p,) for p in paths]
    conn.executemany("DELETE FROM notes_fts WHERE rowid IN "
                     "(SELECT id FROM notes WHERE path = ?)", gone)
    for table, column in (("notes", "path"), ("links", "source"), ("names", "path"),
                          ("problems", "path")):
        conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", gone)


def _hash_file(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _aliases_of(conn: sqlite3.Connection, paths: list[str]) -> set[tuple[str, str]]:
    """The aliases of ``paths`` (all aliases when that is most of the vault: one query)."""
    if len(paths) > 50:
        wanted = set(paths)
        return {(p, k) for p, k in conn.execute(
            "SELECT path, key FROM names WHERE kind = 'alias'") if p in wanted}
    found: set[tuple[str, str]] = set()
    for path in paths:
        found.update(conn.execute("SELECT path, key FROM names WHERE path = ? AND kind = 'alias'",
                                  (path,)))
    return found


def _count_problems(index: Index) -> int:
    count: int = index.conn.execute("SELECT count(*) FROM problems").fetchone()[0]
    return count


def _start_worker() -> None:
    """In a parsing worker: end when the sync that started it ends, even by ``kill -9``
    (Linux; elsewhere the worker ends when it next finds its parent gone). Parsing makes
    many short-lived objects and few cycles: collect them less often."""
    gc.set_threshold(20_000, 20, 50)
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _file_rows(walk: WalkResult) -> list[tuple[str, str]]:
    """``(path, kind)`` of the files that are not notes."""
    rows = [(p, "conflict") for p in walk.conflicts]
    rows.extend((p, "attachment") for p in walk.attachments)
    rows.extend((p, kind) for kind, paths in walk.unindexed.items() for p in paths)
    rows.extend((folder, "unreadable") for folder in walk.unreadable)
    return rows


def _files_changed(index: Index, walk: WalkResult) -> bool:
    stored = set(index.conn.execute("SELECT path, kind FROM files"))
    return stored != set(_file_rows(walk))


def _read_chunks(vault: Path, paths: list[str], config: Config,
                 progress: Progress | None) -> Iterator[list[NoteRows]]:
    """Read and parse ``paths`` (in worker processes when there are many), yielding rows in
    chunks as they are ready so the caller can write while the workers parse."""
    from infoview.index.rows import read_note  # the parser: imported only when needed

    read = partial(read_note, str(vault), config)
    total = len(paths)
    chunk: list[NoteRows] = []
    workers = min(os.cpu_count() or 1, 8)
    pool: Any = None
    results: Iterable[NoteRows | None] = map(read, paths)
    if total >= PARALLEL_THRESHOLD and workers > 1 and sys.platform != "win32":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                   mp_context=multiprocessing.get_context("fork"))
        results = pool.map(read, paths, chunksize=max(16, min(128, total // (workers * 8))))
    try:
        for done, row in enumerate(results, 1):
            if row is not None:
                chunk.append(row)
            if len(chunk) >= 200:
                yield chunk
                chunk = []
                if progress is not None:
                    progress(done, total)
    except BaseException:
        if pool is not None:  # abandoned (SIGTERM to a watcher): do not wait for the workers
            running = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for worker in running:  # they only read notes: nothing is lost
                with contextlib.suppress(Exception):
                    worker.kill()
        raise
    if pool is not None:
        pool.shutdown(wait=True)
    if chunk:
        yield chunk
    if progress is not None and total:
        progress(total, total)


def _insert(conn: sqlite3.Connection, rows: Iterable[NoteRows]) -> None:
    rows = list(rows)
    first: int = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM notes").fetchone()[0]
    conn.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + i, r.path, r.name, r.type, r.mtime_ns, r.size, r.hash, r.read_ns,
          int(r.frontmatter_ok), r.props, r.data) for i, r in enumerate(rows)])
    conn.executemany("INSERT INTO notes_fts(rowid, path, name, properties, body) "
                     "VALUES (?, ?, ?, ?, ?)",
                     [(first + i, r.path, r.name, r.properties, r.body)
                      for i, r in enumerate(rows)])
    conn.executemany("INSERT INTO names VALUES (?, ?, ?)",
                     [(r.path, key, kind) for r in rows for key, kind in r.names])
    conn.executemany("INSERT INTO problems VALUES (?, ?, ?, ?)",
                     [(r.path, line, kind, message) for r in rows
                      for line, kind, message in r.problems])
