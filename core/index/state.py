"""What plugins must remember about a vault across index rebuilds, beside the index (outside
the vault): e.g. which interview notes the referrals plugin has already read, so that a contact
the user deleted is not made again because the index was rebuilt.

Unlike the index this is not derived from the notes; deleting it only means that work is done
again once (deleted referral contacts may come back).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from infoview.model.errors import check_not_folder


class VaultState:
    """A key-value store in ``path`` (SQLite); keys are prefixed with the plugin's name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            check_not_folder(self.path, "what plugins remember about this vault")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                conn = self._open()
            except sqlite3.DatabaseError:  # damaged: it only saves work, start again
                self.path.unlink(missing_ok=True)
                conn = self._open()
            self._conn = conn
        return self._conn

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        return conn

    def get(self, key: str) -> str | None:
        if not self.path.exists():
            return None
        row = self._db().execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        self._db().execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def get_many(self, keys: list[str]) -> dict[str, str]:
        """The values of those of ``keys`` that are set."""
        if not keys or not self.path.exists():
            return {}
        found: dict[str, str] = {}
        conn = self._db()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found.update(conn.execute("SELECT key, value FROM state WHERE key IN "
                                      f"({', '.join('?' * len(chunk))})", chunk))
        return found

    def set_many(self, values: dict[str, str]) -> None:
        """Set several keys in one transaction."""
        if not values:
            return
        conn = self._db()
        conn.execute("BEGIN")
        try:
            conn.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", values.items())
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already (a full disk)
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise

    def delete(self, key: str) -> None:
        if self.path.exists():
            self._db().execute("DELETE FROM state WHERE key = ?", (key,))

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
