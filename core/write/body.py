"""Surgical edits to a note's body: lines added at the end of a section, every other byte kept.

Headings are found by the note parser (so a ``## Questions`` inside a code block is not one); a
section runs to the next heading of the same or a higher level. New lines take the note's line
ending. Used for ``infoview prep --write`` (questions under ``## Questions``), the sections a
new interview note needs, and the text a new contact gets under ``## Notes``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from infoview.model.errors import WriteError

_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_SETEXT_RE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*\r?\n?$")


def _split(text: str) -> list[str]:
    """``text`` as lines with their endings, split at ``\\n`` only (as the parser counts)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def append_to_section(data: bytes, heading: str, lines: Sequence[str], *,
                      level: int = 2, separate: bool = False) -> bytes:
    """``data`` with ``lines`` added at the end of the section under the first heading named
    ``heading`` (case-insensitive), after its last non-blank line; a blank line separates them
    unless both are list items (with ``separate``: always). A note without that heading gets
    it (``level`` ``#``s) at its end, followed by the lines. Raises
    :class:`~infoview.model.errors.WriteError` for a note that is not UTF-8 text."""
    if not lines:
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise WriteError("the note is not UTF-8 text, so infoview does not edit it") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    all_lines = _split(text)
    span = _section(data, heading)
    if span is None:
        out = ensure_section(data, heading, level=level).decode("utf-8")
        return (out + newline + newline.join(lines) + newline).encode("utf-8")
    head, end = span
    if head + 1 < end and _SETEXT_RE.match(all_lines[head + 1]):
        head += 1  # the heading's underline
    last = end - 1
    while last > head and not all_lines[last].strip():
        last -= 1
    list_after_list = last > head and _ITEM_RE.match(all_lines[last]) is not None and \
        all(_ITEM_RE.match(line) for line in lines)
    block: list[str] = []
    if not all_lines[last].endswith("\n"):
        all_lines[last] += newline
    if separate or not list_after_list:
        block.append(newline)
    block.extend(line + newline for line in lines)
    out = "".join(all_lines[:last + 1]) + "".join(block) + "".join(all_lines[last + 1:])
    return out.encode("utf-8")


def ensure_section(data: bytes, heading: str, *, level: int = 2) -> bytes:
    """``data`` with an empty section ``heading`` at its end when it has no such heading."""
    if has_section(data, heading):
        return data
    text = data.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    if text.strip() and _split(text)[-1].strip():
        text += newline
    return (text + "#" * level + " " + heading + newline).encode("utf-8")


def has_section(data: bytes, heading: str) -> bool:
    """Whether the note has a heading named ``heading`` (case-insensitive)."""
    return _section(data, heading) is not None


def _section(data: bytes, heading: str) -> tuple[int, int] | None:
    """``(index of the heading's line, index of the line after the section)`` (0-based)."""
    from infoview.parse.note import parse_note

    note = parse_note("note.md", data)
    wanted = heading.strip().casefold()
    for i, head in enumerate(note.headings):
        if head.text.strip().casefold() != wanted:
            continue
        end = next((h.line for h in note.headings[i + 1:] if h.level <= head.level), None)
        total = len(_split(data.decode("utf-8")))
        return head.line - 1, (total if end is None else end - 1)
    return None
