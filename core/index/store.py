"""The SQLite index of one vault: opening (and rebuilding), and every query the commands use.

Writing rows is :mod:`infoview.index.sync`'s job; this module only reads, apart from creating
the schema.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from infoview.index.codec import note_from_json
from infoview.model.errors import cache_file_error, check_not_folder
from infoview.model.names import name_key
from infoview.model.note import Note, Problem

if TYPE_CHECKING:  # the parsed form is imported when a command first decodes a note
    from infoview.model.note import Note, Problem

SCHEMA_VERSION = 2


@dataclass(slots=True)
class IndexedNote:
    """A note as the index knows it. ``note`` (the full parse) is decoded on first use."""

    path: str
    name: str
    type: str | None
    props: dict[str, Any]
    hash: str
    """sha256 of the bytes the index read: pass it as ``expected_hash`` when writing."""
    _data: str
    _index: Index | None = None
    _note: Note | None = None

    @property
    def structure(self) -> Note:
        """The parse without the body text (headings, items, links, fields): no extra query."""

        return note_from_json(self.path, self._data) if self._note is None else self._note

    @property
    def note(self) -> Note:
        if self._note is None:
            from infoview.index.codec import note_from_json

            body = self._index.body(self.path) if self._index is not None else ""
            self._note = note_from_json(self.path, self._data, body)
        return self._note


@dataclass(frozen=True, slots=True)
class NoteProperties:
    """Some properties of a note (see :meth:`Index.properties`)."""

    path: str
    name: str
    hash: str
    props: dict[str, Any]


class LinkRow(NamedTuple):
    """A row of the ``links`` table (a named tuple: cheap to make by the thousand)."""

    source: str
    line: int
    field: str
    target: str
    explicit: bool
    resolved: str | None
    status: str


class Index:
    """An open index database."""

    def __init__(self, conn: sqlite3.Connection, path: Path, rebuilt: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.rebuilt = rebuilt
        """True when an unreadable or old-schema index was thrown away on opening."""

    @classmethod
    def open(cls, path: Path, warn: Callable[[str], None] = lambda _: None) -> Index:
        """Open the index at ``path``, creating it, or rebuilding it (with a warning) when it is
        corrupt or from another schema version."""
        check_not_folder(path, "this vault's index")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise cache_file_error(path.parent, error) or error from None
        existed = path.exists()
        rebuilt = False
        try:
            conn = _connect(path)
            version = _schema_version(conn) if existed else None
        except sqlite3.DatabaseError as error:
            if (problem := cache_file_error(path, error)) is not None:
                raise problem from None
            warn(f"index {path} is unreadable ({error}); rebuilding it")
            remove_index_files(path)
            conn = _connect(path)
            version = None
            rebuilt = True
        else:
            if existed and version != SCHEMA_VERSION:
                conn.close()
                reason = "has no schema version" if version is None else \
                    f"is schema version {version}, this infoview uses {SCHEMA_VERSION}"
                warn(f"index {path} {reason}; rebuilding it")
                remove_index_files(path)
                conn = _connect(path)
                version = None
                rebuilt = True
        if version is None:
            try:
                _create(conn)
            except sqlite3.Error as error:
                conn.close()
                raise cache_file_error(path, error) or error from None
        return cls(conn, path, rebuilt)

    def close(self) -> None:
        self.conn.close()

    # -- meta ---------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Remember a value (plugins: prefix the key with your plugin's name)."""
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def delete_meta(self, key: str) -> None:
        """Forget the value kept under ``key``."""
        self.conn.execute("DELETE FROM meta WHERE key = ?", (key,))

    def cached(self, name: str, key: str) -> str | None:
        """The text kept by :meth:`keep` under ``name`` for the same ``key``, else ``None``.
        For derived data a plugin keeps between commands (key it on :attr:`generation` and
        whatever else it depends on)."""
        stored = self.meta(f"cache:{name}")
        if not stored or not stored.startswith(key + "\n"):
            return None
        return stored[len(key) + 1:]

    def keep(self, name: str, key: str, text: str) -> None:
        """Keep ``text`` under ``name`` for ``key`` (see :meth:`cached`). A busy or read-only
        index is left as it is: the next command computes the data again."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA busy_timeout = 200")  # never wait long for a cache
            try:
                self.set_meta(f"cache:{name}", f"{key}\n{text}")
            finally:
                self.conn.execute("PRAGMA busy_timeout = 30000")

    @property
    def content_generation(self) -> int:
        """A number that changes when anything but the plain text of notes changes: a note
        added, removed or renamed, its name, type or properties, its headings, list items,
        links or fields. Plugins compare it to skip work that would come out the same."""
        return int(self.meta("content_generation") or 0)

    @property
    def generation(self) -> int:
        """A number that changes whenever the index's contents change."""
        return int(self.meta("generation") or 0)

    # -- notes --------------------------------------------------------------------------------

    def notes(self, note_type: str | None = None) -> list[IndexedNote]:
        """Every note (of ``note_type`` when given), ordered by name."""
        sql = "SELECT path, name, type, props, hash, data FROM notes"
        args: tuple[Any, ...] = ()
        if note_type is not None:
            sql += " WHERE type = ?"
            args = (note_type,)
        sql += " ORDER BY name COLLATE NOCASE, path"
        return [self._row(r) for r in self.conn.execute(sql, args)]

    def names(self, paths: Collection[str], note_type: str | None = None) -> dict[str, str]:
        """``path → name`` of the notes of ``paths`` (of ``note_type`` when given)."""
        found: dict[str, str] = {}
        chosen = sorted(paths)
        for start in range(0, len(chosen), 500):
            chunk = chosen[start:start + 500]
            sql = f"SELECT path, name FROM notes WHERE path IN ({', '.join('?' * len(chunk))})"
            args: list[Any] = list(chunk)
            if note_type is not None:
                sql += " AND type = ?"
                args.append(note_type)
            found.update(self.conn.execute(sql, args))
        return found

    def properties(self, note_type: str, keys: list[str], *,
                   by_name: bool = False) -> list[NoteProperties]:
        """Only the properties ``keys`` of every note of ``note_type`` that the note has (an
        empty ``null`` one left out), read inside SQLite: much cheaper than :meth:`notes` on a
        large vault. By path (``by_name``: in :meth:`notes`'s order)."""
        order = "name COLLATE NOCASE, path" if by_name else "path"
        if len(keys) > 1:  # one json_extract of several paths: the JSON is parsed once
            paths = ", ".join(f"'$.\"{k}\"'" for k in keys)
            rows = self.conn.execute(
                f"SELECT path, name, hash, json_extract(props, {paths}) FROM notes "
                f"WHERE type = ? ORDER BY {order}", (note_type,))
            loads = json.loads
            return [NoteProperties(path, name, digest,
                                   {k: v for k, v in zip(keys, loads(found), strict=True)
                                    if v is not None})
                    for path, name, digest, found in rows]
        columns = "".join(f", json_extract(props, '$.\"{k}\"'), json_type(props, '$.\"{k}\"')"
                          for k in keys)
        out = []
        for row in self.conn.execute(
                f"SELECT path, name, hash{columns} FROM notes WHERE type = ? ORDER BY {order}",
                (note_type,)):
            props: dict[str, Any] = {}
            for i, key in enumerate(keys):
                value, kind = row[3 + 2 * i], row[4 + 2 * i]
                if kind is None or kind == "null":
                    continue
                props[key] = json.loads(value) if kind in ("array", "object") else \
                    bool(value) if kind in ("true", "false") else value
            out.append(NoteProperties(row[0], row[1], row[2], props))
        return out

    def read_since(self, read_ns: int, note_type: str | None = None) -> dict[str, str]:
        """``path → hash`` of the notes (of ``note_type``) the index read after ``read_ns``
        (compare with the ``committed_ns`` meta value of an earlier pass: what changed since)."""
        sql = "SELECT path, hash FROM notes WHERE read_ns > ?"
        args: tuple[Any, ...] = (read_ns,)
        if note_type is not None:
            sql += " AND type = ?"
            args += (note_type,)
        return dict(self.conn.execute(sql, args))

    def structures(self, paths: list[str]) -> dict[str, Note]:
        """The parsed structure (no body text) of each of ``paths``, in few queries."""

        out: dict[str, Note] = {}
        for start in range(0, len(paths), 500):
            chunk = paths[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for path, data in self.conn.execute(
                    f"SELECT path, data FROM notes WHERE path IN ({marks})", chunk):
                out[path] = note_from_json(path, data)
        return out

    def note(self, path: str) -> IndexedNote | None:
        row = self.conn.execute("SELECT path, name, type, props, hash, data FROM notes "
                                "WHERE path = ?", (path,)).fetchone()
        return None if row is None else self._row(row)

    def body(self, path: str) -> str:
        row = self.conn.execute("SELECT body FROM notes_fts WHERE rowid = "
                                "(SELECT id FROM notes WHERE path = ?)", (path,)).fetchone()
        return "" if row is None else str(row[0])

    def find(self, name: str, note_type: str | None = None) -> list[str]:
        """Paths of notes whose name, file stem, alias or email is ``name`` (or whose path is)."""
        key = name_key(name)
        sql = ("SELECT DISTINCT names.path FROM names JOIN notes ON notes.path = names.path "
               "WHERE names.key = ? AND names.kind != 'path'")
        args: list[Any] = [key]
        if note_type is not None:
            sql += " AND notes.type = ?"
            args.append(note_type)
        found = [r[0] for r in self.conn.execute(sql + " ORDER BY names.path", args)]
        if not found:
            row = self.conn.execute("SELECT path FROM notes WHERE path = ? OR path = ?",
                                    (name, name + ".md")).fetchone()
            found = [row[0]] if row else []
        return found

    def _row(self, row: tuple[Any, ...]) -> IndexedNote:
        return IndexedNote(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], self)

    # -- links --------------------------------------------------------------------------------

    def links_from(self, path: str) -> list[LinkRow]:
        return self._links("source = ?", path)

    def links_to(self, path: str) -> list[LinkRow]:
        return self._links("resolved = ? AND source != ?", path, path)

    def field_links(self, *fields: str, source_type: str | None = None,
                    sources: Collection[str] | None = None) -> list[LinkRow]:
        """Every link written in the frontmatter keys ``fields`` (``body`` for the body; no
        ``fields``: every link), from notes of ``source_type`` and among ``sources`` when
        given, by source note and line."""
        where: list[str] = ["1"]
        args: list[Any] = []
        if fields:
            where.append(f"field IN ({', '.join('?' * len(fields))})")
            args.extend(fields)
        if source_type is not None:
            where.append("source IN (SELECT path FROM notes WHERE type = ?)")
            args.append(source_type)
        if sources is None:
            return self._links(" AND ".join(where), *args)
        found: list[LinkRow] = []
        chosen = sorted(sources)
        for start in range(0, len(chosen), 500):
            chunk = chosen[start:start + 500]
            found.extend(self._links(" AND ".join(
                [*where, f"source IN ({', '.join('?' * len(chunk))})"]), *args, *chunk))
        return found

    def first_links(self, *fields: str, source_type: str | None = None,
                    sources: Collection[str] | None = None) -> dict[tuple[str, str], LinkRow]:
        """``(source, field) → `` the first link (in file order) each note has in each of the
        frontmatter keys ``fields`` (see :meth:`field_links`)."""
        found: dict[tuple[str, str], LinkRow] = {}
        for link in self.field_links(*fields, source_type=source_type, sources=sources):
            found.setdefault((link.source, link.field), link)
        return found

    def bad_links(self) -> list[LinkRow]:
        """Explicit links that resolve to nothing, and any link that is ambiguous."""
        return self._links("(status = 'unresolved' AND explicit = 1) OR status = 'ambiguous'")

    def _links(self, where: str, *args: Any) -> list[LinkRow]:
        sql = (f"SELECT source, line, field, target, explicit != 0, resolved, status FROM links "
               f"WHERE {where} ORDER BY source, line, rowid")
        return list(map(LinkRow._make, self.conn.execute(sql, args)))

    # -- problems, files, search --------------------------------------------------------------

    def problems(self) -> list[Problem]:
        from infoview.model.note import Problem

        rows = self.conn.execute("SELECT path, line, message, kind FROM problems "
                                 "ORDER BY path, line")
        return [Problem(r[0], r[1], r[2], r[3]) for r in rows]

    def files(self, kind: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT path FROM files WHERE kind = ? ORDER BY path", (kind,))]

    def search(self, text: str, limit: int = 50) -> list[tuple[str, str, str]]:
        """Full-text search: ``(path, name, snippet)`` best first. ``text`` is taken as words
        (each must appear), not as FTS5 syntax."""
        words = [w for w in text.split() if w]
        if not words:
            return []
        query = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.conn.execute(
            "SELECT path, name, snippet(notes_fts, -1, '«', '»', '…', 12) FROM notes_fts "
            "WHERE notes_fts MATCH ? ORDER BY bm25(notes_fts, 0, 10, 2, 1) LIMIT ?", (query, limit))
        return [(r[0], r[1], r[2]) for r in rows]

    def shared_names(self, note_type: str, kind: str) -> dict[str, list[str]]:
        """Names of kind ``kind`` (``name``, ``email``, ``alias``...) that several notes of
        ``note_type`` go by: name key → their paths (sorted), grouped inside SQLite."""
        out: dict[str, list[str]] = {}
        for key, path in self.conn.execute(
                "SELECT names.key, names.path FROM names JOIN notes ON notes.path = names.path "
                "WHERE notes.type = ?1 AND names.kind = ?2 AND names.key IN ("
                "  SELECT n.key FROM names n JOIN notes t ON t.path = n.path "
                "  WHERE t.type = ?1 AND n.kind = ?2 GROUP BY n.key HAVING count(*) > 1) "
                "ORDER BY names.key, names.path", (note_type, kind)):
            out.setdefault(key, []).append(path)
        return out

    def counts(self) -> dict[str, int]:
        """Notes per type (``other`` for untyped), plus links and the problems found while
        reading notes (``read_problems``)."""
        out: dict[str, int] = {}
        for note_type, count in self.conn.execute(
                "SELECT coalesce(type, 'other'), count(*) FROM notes GROUP BY 1"):
            out[note_type] = count
        out["links"] = self.conn.execute("SELECT count(*) FROM links").fetchone()[0]
        out["read_problems"] = self.conn.execute("SELECT count(*) FROM problems").fetchone()[0]
        return out

    def modified(self) -> dict[str, int]:
        """Each note's modification time when it was read (ns since the epoch), by path."""
        return dict(self.conn.execute("SELECT path, mtime_ns FROM notes"))

    def stored_files(self) -> Iterator[tuple[str, int, int, str, int]]:
        """``(path, mtime_ns, size, hash, read_ns)`` of every indexed note."""
        yield from self.conn.execute("SELECT path, mtime_ns, size, hash, read_ns FROM notes")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    # A rollback journal, not WAL: every writer holds the vault's lock anyway, and bulk writes
    # cost a third less without writing every page twice.
    conn.execute("PRAGMA journal_mode = TRUNCATE")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _schema_version(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        return None
    try:
        return int(row[0]) if row else None
    except ValueError:
        return None


def schema_sql() -> str:
    """The text of ``schema.sql`` (comments removed)."""
    from importlib import resources

    text = resources.files("infoview.index").joinpath("schema.sql").read_text("utf-8")
    return "\n".join(line.split("--", 1)[0] for line in text.splitlines())


def _create(conn: sqlite3.Connection) -> None:
    conn.executescript("BEGIN;" + schema_sql() + ";COMMIT;")
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def remove_index_files(path: Path) -> None:
    """Delete the index at ``path`` and its journal files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
