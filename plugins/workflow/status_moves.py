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
        for path, (status, interview, digest) in sorted(moves.items()):
            fact = f"{status}|{interview}"
            if done.get(_MOVED + path) == fact:
                continue  # made once already; the user has changed it since
            change = functools.partial(set_fields, values={"status": status})
            if session.writer.edit(path, change, reason=f"status: {interview}",
                                   expected_hash=digest) and not session.dry_run:
                session.state.set_many({_MOVED + path: fact})
    if not session.dry_run:
        index.set_meta(_SEEN, seen)


def planned_moves(session: Session) -> dict[str, tuple[str, str, str]]:
    """Contact path → ``(new status, the interview that says so, the contact's hash)``."""
    index = session.index
    today = session.today
    contacts = {n.path: n for n in index.properties("contact", ["status"])}
    dates = {n.path: as_date(n.props.get("date")) for n in index.properties("interview",
                                                                            ["date"])}
    held: dict[str, tuple[dt.date, str]] = {}
    coming: dict[str, tuple[dt.date, str]] = {}
    for link in index.field_links("contact", "interview"):
        day = dates.get(link.source)
        if link.resolved not in contacts or day is None:
            continue
        if day < today:
            if link.resolved not in held or (day, link.source) > held[link.resolved]:
                held[link.resolved] = (day, link.source)
        elif link.resolved not in coming or (day, link.source) < coming[link.resolved]:
            coming[link.resolved] = (day, link.source)
    moves = {}
    for path, contact in contacts.items():
        status = as_text(contact.props.get("status")).strip().lower()
        if path in held and status in BEFORE_INTERVIEWED:
            moves[path] = ("interviewed", held[path][1], contact.hash)
        elif path in coming and status in BEFORE_SCHEDULED:
            moves[path] = ("scheduled", coming[path][1], contact.hash)
    return moves
