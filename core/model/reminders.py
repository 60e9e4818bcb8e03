"""Reminders: what a job seeker should do next, and by when.

Core owns the model and the registry of reminder *kinds*; plugins (the built-in
``infoview.plugins.reminders`` first) register kinds through the ``register_reminder_kinds``
hook. A kind computes the open reminders from the index; each reminder says which property of
which note closes it, so ``infoview done``, the tick-back in ``Infoview/Reminders.md`` and any
plugin close reminders the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infoview.model.markdown import plain

if TYPE_CHECKING:
    from infoview.app.session import Session

ID_PREFIX = "iv-"


@dataclass(frozen=True, slots=True)
class Closing:
    """The property that closes a reminder: ``path``'s ``field`` set to ``value``."""

    path: str
    field: str
    value: Any


@dataclass(slots=True)
class Reminder:
    """One open reminder."""

    kind: str
    due: dt.date
    sentence: str
    """A human sentence with wikilinks, e.g. ``Send a thank-you note to [[Jane Doe]]``."""
    note: str
    """Vault path of the note it comes from."""
    people: list[tuple[str, str | None]]
    """``(name, contact note path or None)`` of the people concerned."""
    closing: Closing
    anchor: str
    """What makes this reminder this one (its id is derived from kind, note and anchor)."""
    id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def person(self) -> str:
        return self.people[0][0] if self.people else ""

    def days_late(self, today: dt.date) -> int:
        return (today - self.due).days


@dataclass(frozen=True, slots=True)
class ReminderKind:
    """A kind of reminder: its name and how to compute the open ones."""

    name: str
    compute: Callable[[Session], Iterable[Reminder]]
    description: str = ""


Register = Callable[[ReminderKind], None]


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` (minus, when negative), kept within the calendar Python knows:
    a date past 9999-12-31 is 9999-12-31 (a reminder due then is as good as never), one
    before year 1 is 0001-01-01. Reminder kinds compute due dates with it, so no note value
    (``keep_in_touch: 99999999``) or ``--today 9999-12-31`` can make a kind fail."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def reminder_id(kind: str, note: str, anchor: str, length: int = 6) -> str:
    """A stable id (``iv-3f9a1c``): the same for the same reminder after any index rebuild."""
    digest = hashlib.sha1(f"{kind}\0{note}\0{anchor}".encode()).hexdigest()
    return ID_PREFIX + digest[:length]


def assign_ids(reminders: list[Reminder]) -> None:
    """Give each reminder its id; ids that would collide are made longer (deterministically)."""
    short: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        short.setdefault(reminder_id(reminder.kind, reminder.note, reminder.anchor), []) \
            .append(reminder)
    for rid, group in short.items():
        long = len(group) > 1
        for reminder in group:
            reminder.id = reminder_id(reminder.kind, reminder.note, reminder.anchor,
                                      12 if long else 6) if long else rid


def as_record(reminder: Reminder, today: dt.date) -> dict[str, Any]:
    """A reminder as ``due --json`` prints it (stable keys)."""
    return {
        "id": reminder.id,
        "kind": reminder.kind,
        "due": reminder.due.isoformat(),
        "days_late": max(reminder.days_late(today), 0),
        "person": reminder.person,
        "people": [{"name": name, "path": path} for name, path in reminder.people],
        "note": reminder.note,
        "sentence": plain(reminder.sentence),
        "markdown": reminder.sentence,
        "closes": {"path": reminder.closing.path, "field": reminder.closing.field},
    }


def normalise_id(text: str) -> str:
    """``^iv-3f9a1c``, ``iv-3f9a1c`` and ``3f9a1c`` all name the reminder ``iv-3f9a1c``."""
    text = text.strip().lstrip("^").lower()
    return text if text.startswith(ID_PREFIX) else ID_PREFIX + text
