"""A contact's ``status`` follows the facts where they are clear, on ``sync``:

- an interview dated before today moves its contact from ``prospect``, ``contacted`` or
  ``scheduled`` (or no status) to ``interviewed``;
- an interview dated today or later moves ``prospect`` or ``contacted`` (or no status) to
  ``scheduled``.

Never backwards, and never over ``interviewed``, ``following-up``, ``dormant`` or a status of the
user's own. Each move is made once per fact: if the user changes the status afterwards, the same
interview does not move it again (the moves made are remembered in the vault state, outside the
vault). Written through the safe write path; ``[workflow] status_moves = false`` turns it off.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from typing import Any

from infoview.api import NoteProperties, Session, as_date, as_text, set_fields
from infoview.plugins.workflow.pipeline import Pipeline

_MOVED = "workflow.status_moved:"
"""Vault state key prefix: + a contact's path → ``status|interview path`` of the last move."""
_SEEN = "workflow.status_moves_at"
"""Index meta key: the content generation and day of the last pass (unchanged: no work)."""
_SINCE = "workflow.status_moves_since"
"""Index meta key: ``day|read_ns``: the notes read after ``read_ns`` (the index's
``committed_ns`` when the last pass began, less a margin) were not looked at yet; a new day
looks at every contact (an interview may have passed)."""
_MARGIN_NS = 2_000_000_000
BEFORE_INTERVIEWED = frozenset({"", "prospect", "contacted", "scheduled"})
BEFORE_SCHEDULED = frozenset({"", "prospect", "contacted"})


def move_statuses(session: Session) -> None:
    """Move the statuses the interviews make clear (see the module doc)."""
    if not session.config.data["workflow"]["status_moves"]:
        return
    index = session.index
    seen = f"{index.content_generation}|{session.today.isoformat()}"
    if index.meta(_SEEN) == seen:
        return
    until = index.meta("committed_ns") or str(time.time_ns())
    moves = planned_moves(session, _changed(session))
    if moves:
        done = session.state.get_many([_MOVED + path for path in moves])
        with session.writer.folders_synced_at_end():  # a first sync may move many
            _move(session, moves, done)
    if not session.dry_run:
        index.set_meta(_SEEN, seen)
        index.set_meta(_SINCE, f"{session.today.isoformat()}|{int(until) - _MARGIN_NS}")


def _changed(session: Session) -> set[str] | None:
    """The contacts whose status the notes read since the last pass may move: contacts read
    again and those of interviews read again; ``None``: every contact (a new day, a new or
    rebuilt index, a clock that went back)."""
    index = session.index
    day, _, since = (index.meta(_SINCE) or "").partition("|")
    if day != session.today.isoformat() or not since.lstrip("-").isdigit() or \
            time.time_ns() < int(since):
        return None
    contacts = set(index.read_since(int(since), "contact"))
    interviews = index.read_since(int(since), "interview")
    for path in interviews:
        contacts.update(link.resolved for link in index.links_from(path)
                        if link.field == "contact" and link.resolved)
    return contacts


def _move(session: Session, moves: dict[str, tuple[str, str, str]],
          done: dict[str, str]) -> None:
    made: dict[str, str] = {}
    for path, (status, interview, digest) in sorted(moves.items()):
        fact = f"{status}|{interview}"
        if done.get(_MOVED + path) == fact:
            continue  # made once already; the user has changed it since
        change = functools.partial(set_fields, values={"status": status})
        if session.writer.edit(path, change, reason=f"status: {interview}",
                               expected_hash=digest):
            made[_MOVED + path] = fact
    if made and not session.dry_run:
        session.state.set_many(made)


def planned_moves(session: Session, only: set[str] | None = None
                  ) -> dict[str, tuple[str, str, str]]:
    """Contact path → ``(new status, the interview that says so, the contact's hash)``, for
    every contact, or for those of ``only``."""
    if only is None:
        pipeline = Pipeline.read(session)
        contacts = pipeline.contacts
        talks: list[Talk] = [(source, pipeline.interviews[source].props.get("date"), people)
                             for source, people in pipeline.attendees.items()
                             if source in pipeline.interviews]
    else:
        contacts, talks = _some(session, only)
    today = session.today
    held: dict[str, tuple[dt.date, str]] = {}
    coming: dict[str, tuple[dt.date, str]] = {}
    for source, date, people in talks:
        day = as_date(date)
        if day is None:
            continue
        for _name, path in people:
            if path is None:
                continue
            if day < today:
                if path not in held or (day, source) > held[path]:
                    held[path] = (day, source)
            elif path not in coming or (day, source) < coming[path]:
                coming[path] = (day, source)
    moves = {}
    for path, contact in contacts.items():
        status = as_text(contact.props.get("status")).strip().lower()
        if path in held and status in BEFORE_INTERVIEWED:
            moves[path] = ("interviewed", held[path][1], contact.hash)
        elif path in coming and status in BEFORE_SCHEDULED:
            moves[path] = ("scheduled", coming[path][1], contact.hash)
    return moves


Talk = tuple[str, Any, list[tuple[str, str | None]]]
"""An interview's path, its ``date`` as written, and ``(name, contact path)`` of its people."""


def _some(session: Session, paths: set[str]) -> tuple[dict[str, NoteProperties], list[Talk]]:
    """The contacts of ``paths`` and their conversations, one by one (few of them)."""
    index = session.index
    contacts: dict[str, NoteProperties] = {}
    talks: list[Talk] = []
    for path in sorted(paths):
        note = index.note(path)
        if note is None or note.type != "contact":
            continue
        contacts[path] = NoteProperties(note.path, note.name, note.hash, note.props)
        for link in index.links_to(path):
            interview = index.note(link.source) if link.field == "contact" else None
            if interview is not None and interview.type == "interview":
                talks.append((link.source, interview.props.get("date"),
                              [(note.name, path)]))
    return contacts, talks
