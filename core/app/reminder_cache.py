"""The open reminders of the built-in kinds, kept in the index between commands.

Computing every reminder of a large vault (thousands of interviews and contacts) is most of
what ``due``, ``show``, the exports and ``sync`` do. The built-in kinds' reminders depend only on
the index's contents, "today", the vault's config and the code of the kinds, so they are kept in
the index's ``meta`` table under a key made of exactly those: the index's ``generation`` (which
changes with any change to any note, plain text included, as reminders carry the hash of their
note), the day, a digest of the config, the kinds' names, and infoview's version with the
modification time and size of every module of infoview (so an edited or reinstalled infoview
never serves what older code computed). A deleted or rebuilt index takes its cache with it.
Kinds from other plugins may read anything, so they are computed every time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from infoview import __version__
from infoview.model.reminders import Closing, Reminder, ReminderKind

if TYPE_CHECKING:
    from infoview.app.session import Session

META_KEY = "reminders.cache"
FORMAT = 1
"""Raised when the stored form changes."""


def cache_key(session: Session, kinds: dict[str, ReminderKind]) -> str:
    """What the reminders of ``kinds`` depend on (see the module docstring)."""
    config = json.dumps(session.config.data, sort_keys=True, default=str)
    code = {kind.compute.__module__ for kind in kinds.values()}
    parts = [str(FORMAT), __version__, str(session.index.generation), session.today.isoformat(),
             hashlib.sha256(config.encode()).hexdigest(), ",".join(sorted(kinds)),
             _code_digest(code)]
    return "|".join(parts)


def _code_digest(modules: set[str]) -> str:
    """A digest of the modification time and size of every module of infoview and of the
    folders of ``modules`` (the kinds' code: the built-in plugins): a key that changes with the
    code, the same for every command."""
    import infoview

    files = {getattr(sys.modules.get(name), "__file__", None) or "" for name in modules}
    folders = {*infoview.__path__, *(os.path.dirname(f) for f in files if f)}
    for folder in sorted(folders):
        for top, _dirs, names in os.walk(folder):
            files.update(os.path.join(top, n) for n in names if n.endswith(".py"))
    stats = []
    for file in sorted(files):
        try:
            info = os.stat(file)
            stats.append(f"{file}:{info.st_mtime_ns}:{info.st_size}")
        except OSError:
            stats.append(file)
    return hashlib.sha256("\n".join(stats).encode("utf-8", "surrogateescape")).hexdigest()


def load(session: Session, key: str) -> list[Reminder] | None:
    """The reminders stored under ``key``, or ``None`` (none stored, another key, unreadable)."""
    stored = session.index.cached(META_KEY, key)
    if stored is None:
        return None
    try:
        return [_reminder(item) for item in json.loads(stored)]
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def store(session: Session, key: str, reminders: list[Reminder]) -> None:
    """Keep ``reminders`` under ``key``; a busy or read-only index is left as it is (the next
    command computes them again)."""
    try:
        data = json.dumps([_record(r) for r in reminders], ensure_ascii=False,
                          separators=(",", ":"), default=_value)
    except (TypeError, ValueError):  # a value JSON cannot hold: not kept
        return
    session.index.keep(META_KEY, key, data)


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    raise TypeError(f"cannot keep {type(value).__name__} in the reminder cache")


def _record(reminder: Reminder) -> list[Any]:
    closing = reminder.closing
    value = {"date": closing.value.isoformat()} if isinstance(closing.value, dt.date) \
        else closing.value
    return [reminder.kind, reminder.due.isoformat(), reminder.sentence, reminder.note,
            reminder.people, closing.path, closing.field, value, reminder.anchor, reminder.id,
            reminder.extra]


def _reminder(item: list[Any]) -> Reminder:
    (kind, due, sentence, note, people, path, fld, value, anchor, rid, extra) = item
    if isinstance(value, dict):
        value = dt.date.fromisoformat(value["date"])
    return Reminder(kind, dt.date.fromisoformat(due), sentence, note,
                    [(name, where) for name, where in people], Closing(path, fld, value),
                    anchor, rid, extra)
