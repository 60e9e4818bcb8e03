"""The record of every write infoview makes to a vault, kept beside the index (outside the vault),
so that ``infoview undo`` can put files back.

Each run that writes (a sync, a command) is one row of ``runs``; each write one row of
``writes`` with the file's bytes before (``NULL`` for a note infoview created) and the hashes
before and after. A write is recorded *before* it is made, so a crash never leaves a change
that the journal does not know about. Only the last :data:`KEEP_RUNS` runs are kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from infoview.model.errors import check_not_folder

KEEP_RUNS = 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY,
    started  TEXT NOT NULL,     -- ISO date-time
    command  TEXT NOT NULL,     -- e.g. "sync"
    undone   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS writes (
    run         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    path        TEXT NOT NULL,  -- vault-relative
    action      TEXT NOT NULL,  -- create | edit
    hash_before TEXT,           -- NULL for a note infoview created
    hash_after  TEXT NOT NULL,
    before      BLOB,           -- the previous bytes (NULL for a created note)
    reason      TEXT NOT NULL,
    PRIMARY KEY (run, seq)
);
"""


def digest(data: bytes) -> str:
    """The hash infoview compares file contents by."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class JournalEntry:
    run: int
    path: str
    action: str
    hash_before: str | None
    hash_after: str
    before: bytes | None
    reason: str


class Journal:
    """The journal file of one vault."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._run: int | None = None
        self._command = ""

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            check_not_folder(self.path, "the journal of its writes to this vault")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.executescript(_SCHEMA)
            except sqlite3.DatabaseError:
                # A damaged journal only costs the ability to undo: start a new one.
                Path(self.path).unlink(missing_ok=True)
                conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                conn.executescript(_SCHEMA)
            conn.execute("PRAGMA foreign_keys = ON")
            # WAL + NORMAL: a record survives the process being killed (not a power cut) and
            # costs no fsync per write.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._conn = conn
        return self._conn

    def start(self, command: str) -> None:
        """Name the run the next writes belong to (the run row is made at the first write)."""
        self._command = command
        self._run = None

    def record(self, path: str, action: str, before: bytes | None, after: bytes,
               reason: str) -> int:
        """Record a write about to be made (durably, before the file is touched)."""
        conn = self._db()
        if self._run is None:
            now = dt.datetime.now().isoformat(timespec="seconds")
            cursor = conn.execute("INSERT INTO runs (started, command) VALUES (?, ?)",
                                  (now, self._command or "infoview"))
            self._run = int(cursor.lastrowid or 0)
            self._prune(conn)
        seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM writes WHERE run = ?",
                           (self._run,)).fetchone()[0]
        conn.execute("INSERT INTO writes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (self._run, seq, path, action, None if before is None else digest(before),
                      digest(after), before, reason))
        return int(seq)

    def withdraw(self, seq: int) -> None:
        """Forget a recorded write that was not made after all."""
        self._db().execute("DELETE FROM writes WHERE run = ? AND seq = ?", (self._run, seq))

    def last_run(self) -> tuple[int, str, str, list[JournalEntry]] | None:
        """The newest run not undone yet: ``(id, started, command, entries)``."""
        if not self.path.exists():
            return None
        conn = self._db()
        row = conn.execute("SELECT id, started, command FROM runs WHERE undone = 0 AND "
                           "EXISTS (SELECT 1 FROM writes WHERE run = runs.id) "
                           "ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        entries = [JournalEntry(*r) for r in conn.execute(
            "SELECT run, path, action, hash_before, hash_after, before, reason FROM writes "
            "WHERE run = ? ORDER BY seq DESC", (row[0],))]
        return int(row[0]), str(row[1]), str(row[2]), entries

    def mark_undone(self, run: int) -> None:
        self._db().execute("UPDATE runs SET undone = 1 WHERE id = ?", (run,))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @staticmethod
    def _prune(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM runs WHERE id NOT IN "
                     "(SELECT id FROM runs ORDER BY id DESC LIMIT ?)", (KEEP_RUNS,))
