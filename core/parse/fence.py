"""Where a note's frontmatter is, by Obsidian's rule: the one answer the parser, the frontmatter
editor and the template filler all use.

A note has frontmatter when its first line (after an optional UTF-8 byte order mark) is a
*fence*, ``---`` and nothing after it but spaces or tabs, and a later line is a fence too; the
YAML is the lines between. A line ends at LF, CRLF or a lone CR (the parser reads all three as
line breaks). A first-line fence that no later fence closes opens no frontmatter: the parser
reports it and reads the file as body text.

:func:`find_frontmatter` works on text or on the file's bytes; its offsets are in the same
units as what it was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AnyStr, Generic, NamedTuple

_FENCE = r"---[ \t]*"
_FENCE_LINE_RE = re.compile(_FENCE)


@dataclass(frozen=True, slots=True)
class _Syntax(Generic[AnyStr]):
    """The patterns, for text or for bytes."""

    opening: re.Pattern[AnyStr]
    """The first line: a byte order mark (group 1), a fence, its line break (group 2)."""
    fence: re.Pattern[AnyStr]
    """A fence line, matched at the start of a line."""
    break_and_fence: re.Pattern[AnyStr]
    """A line break and a fence line after it, searched for."""
    lf_dashes: AnyStr
    cr: AnyStr


_TEXT = _Syntax(re.compile(f"(\ufeff)?{_FENCE}(\r\n|\n|\r|\\Z)"),
                re.compile(f"{_FENCE}(?=[\r\n]|\\Z)"),
                re.compile(f"[\r\n]{_FENCE}(?=[\r\n]|\\Z)"), "\n---", "\r")
_BYTES = _Syntax(re.compile(rb"(\xef\xbb\xbf)?" + _FENCE.encode() + rb"(\r\n|\n|\r|\Z)"),
                 re.compile(_FENCE.encode() + rb"(?=[\r\n]|\Z)"),
                 re.compile(rb"[\r\n]" + _FENCE.encode() + rb"(?=[\r\n]|\Z)"), b"\n---",
                 b"\r")


class Frontmatter(NamedTuple):
    """Where the frontmatter is, as offsets into the text (or bytes) it was found in."""

    bom: int
    """The byte order mark's length: 0 without one."""
    opening: int
    """The end of the opening ``---`` and the spaces after it: its line break follows."""
    start: int
    """Where the YAML starts: the line after the opening fence."""
    end: int
    """Where the closing fence line starts (the YAML ends here)."""
    body: int
    """The end of the closing ``---`` and the spaces after it: the body starts here, with the
    closing line's line break (if any)."""
    newline: str
    """The opening line's line break: ``"\\n"``, ``"\\r\\n"`` or ``"\\r"``."""


def find_frontmatter(text: str | bytes) -> Frontmatter | None:
    """Where the frontmatter of the note ``text`` is, or ``None`` when it has none (its first
    line is no fence, or no later line closes it: see :func:`opens_frontmatter`)."""
    return _find(text, _BYTES) if isinstance(text, bytes) else _find(text, _TEXT)


def opens_frontmatter(text: str | bytes) -> bool:
    """Whether the first line of ``text`` is a fence (after an optional byte order mark),
    closed or not."""
    if isinstance(text, bytes):
        return _BYTES.opening.match(text) is not None
    return _TEXT.opening.match(text) is not None


def _find(text: AnyStr, syntax: _Syntax[AnyStr]) -> Frontmatter | None:
    opening = syntax.opening.match(text)
    if opening is None or not opening[2]:
        return None
    closing = _closing(text, opening.end(), syntax)
    if closing is None:
        return None
    newline = opening[2]
    return Frontmatter(opening.end(1) if opening[1] is not None else 0, opening.start(2),
                       opening.end(), *closing,
                       newline if isinstance(newline, str) else newline.decode())


def _closing(text: AnyStr, start: int, syntax: _Syntax[AnyStr]) -> tuple[int, int] | None:
    """Where the first fence line from ``start`` (the start of a line, after a line break) on
    starts and ends. The parser asks this of every note, with LF line ends only: for those, the
    fast way, a ``find`` of LF and ``---``; else, or past a few lines that start with ``---``
    but are no fence, a search."""
    at = start - 1
    if syntax.cr not in text:
        at = text.find(syntax.lf_dashes, at)
        for _ in range(8):
            if at < 0:
                return None
            found = syntax.fence.match(text, at + 1)
            if found is not None:
                return found.start(), found.end()
            at = text.find(syntax.lf_dashes, at + 1)
        if at < 0:
            return None
    found = syntax.break_and_fence.search(text, at)
    return None if found is None else (found.start() + 1, found.end())


def is_fence(line: str) -> bool:
    """Whether ``line`` (without its line break or a byte order mark) is a fence."""
    return _FENCE_LINE_RE.fullmatch(line) is not None
