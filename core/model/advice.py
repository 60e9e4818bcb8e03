"""Advice written in interview notes: the list items under ``## Advice`` and ``advice:: ...``
fields; a ticked item (``- [x]``, or a field on a ticked line) has been acted on.

In a conversation with several people, an item that starts with one attendee's first name
(``- Tom: pair every finding with a number``) is that person's advice only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from infoview.model.names import name_key
from infoview.model.note import Note

HEADING = "Advice"
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)|%%.*?(?:%%|\Z)", re.S)
_ATTRIBUTED_RE = re.compile(r"^\s*([^\W\d_][\w.'’ -]{0,40}?)\s*:\s+(.+)$", re.S)


@dataclass(frozen=True, slots=True)
class Advice:
    """One piece of advice from a conversation."""

    text: str
    done: bool
    """Acted on (ticked)."""
    interview: str
    """Path of the interview note."""
    date: dt.date | None
    """The conversation's date."""
    line: int


def first_name(name: str) -> str:
    """The name to greet someone by: the first word of their name."""
    words = name.split()
    return words[0] if words else name


def advice_in(note: Note, date: dt.date | None, person: str,
              attendees: Sequence[str] = ()) -> list[Advice]:
    """The advice ``person`` gave in the interview ``note`` (``attendees``: the names of
    everyone in the conversation)."""
    found: list[Advice] = []
    firsts = {name_key(first_name(a)) for a in attendees}
    mine = name_key(first_name(person))

    def add(text: str, done: bool, line: int) -> None:
        text = " ".join(_COMMENT_RE.sub("", text).split())
        match = _ATTRIBUTED_RE.match(text)
        if match and len(firsts) > 1 and name_key(match[1]) in firsts:
            if name_key(match[1]) != mine:
                return
            text = match[2].strip()
        if text:
            found.append(Advice(text, done, note.path, date, line))

    for item in note.section_items(HEADING):
        add(item.text, (item.task or " ").lower() == "x", item.line)
    ticked = {i.line for i in note.items if (i.task or " ").lower() == "x"}
    for inline in note.fields:
        if inline.key.strip().lower() == "advice":
            add(inline.value, inline.line in ticked, inline.line)
    return found
