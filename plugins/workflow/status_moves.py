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

from infoview.frontmatter_edit import set_fields
from infoview.plugins.workflow.pipeline import Pipeline
from infoview.session import Session
from infoview.values import as_date, as_text

_MOVED = "workflow.status_moved:"
"""Vault state key prefix: + a contact's path → ``status|interview path`` of the last move."""
_SEEN = "workflow.status_moves_at"
"""Index meta key: the content generation and day of the last pass (unchanged: no work)."""
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
    moves = planned_moves(session)
    if moves:
        done = session.state.get_many([_MOVED + path for path in moves])
        with session.writer.folders_synced_at_end():  # a first sync may move many
            _move(session, moves, done)
    if not session.dry_run:
        index.set_meta(_SEEN, seen)


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


def planned_moves(session: Session) -> dict[str, tuple[str, str, str]]:
    """Contact path → ``(new status, the interview that says so, the contact's hash)``."""
    pipeline = Pipeline.read(session)
    today = session.today
    held: dict[str, tuple[dt.date, str]] = {}
    coming: dict[str, tuple[dt.date, str]] = {}
    for source, people in pipeline.attendees.items():
        day = as_date(pipeline.interviews[source].props.get("date")) \
            if source in pipeline.interviews else None
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
    for path, contact in pipeline.contacts.items():
        status = as_text(contact.props.get("status")).strip().lower()
        if path in held and status in BEFORE_INTERVIEWED:
            moves[path] = ("interviewed", held[path][1], contact.hash)
        elif path in coming and status in BEFORE_SCHEDULED:
            moves[path] = ("scheduled", coming[path][1], contact.hash)
    return moves
