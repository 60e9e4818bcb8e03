"""A fast path for the block structure of simple notes.

markdown-it-py defines what a body means (:mod:`infoview.parse.body`); this scanner produces
the very same block events for the common subset of Markdown that notes are written in (ATX
headings, paragraphs, bullet and ordered lists nested with spaces, tasks) about ten times
faster, and returns ``None`` for anything outside that subset (code fences, indented code,
block quotes, HTML, tables, thematic breaks and setext headings, tabs in indentation, link
reference definitions...), which then goes through markdown-it. A property test checks that
both paths agree on every document the fast path accepts.
"""

from __future__ import annotations

import re

Event = tuple[str, int, int, str]
"""``(kind, line, depth_or_level, content)``: ``heading`` (level), ``item`` (list depth; the
item's first paragraph) or ``para`` (any other paragraph). Lines are 0-based."""

_LIST_RE = re.compile(r"([-*+]|(\d{1,9})[.)])( *)")
_HEADING_RE = re.compile(r"(#{1,6})(?:[ ]+(.*?))?[ ]*$")
_CLOSING_HASHES_RE = re.compile(r"(?:^|[ ]+)#+[ ]*$")
_REF_DEF_RE = re.compile(r"\[[^\]]*\]:")
_RULE_CHARS = "-*_=+ "
_TABLE_RULE_CHARS = set("|:- ")


_SPECIAL_FIRST = frozenset(">`~<[|:-*_=+ ")
_MARKER_FIRST = frozenset("-*+0123456789")


def _unsupported(stripped: str) -> bool:
    """A line that starts a block the fast path leaves to markdown-it: a quote, fence, HTML,
    link reference definition, thematic break or setext underline, or a table's rule."""
    first = stripped[0]
    if first in ">`~<":
        return True
    if first == "[" and _REF_DEF_RE.match(stripped):
        return True
    if first in _RULE_CHARS and not stripped.strip(_RULE_CHARS):
        return True
    return "|" in stripped and "-" in stripped and set(stripped) <= _TABLE_RULE_CHARS
_HARD_ITEM_START_RE = re.compile(r"[-*+#>`~<]|\d{1,9}[.)]|\[[^\]]*\]:")


def fast_blocks(text: str) -> list[Event] | None:
    """The block events of ``text``, or ``None`` when it needs the full parser."""
    if "\t" in text:
        return None
    events: list[Event] = []
    stack: list[tuple[int, int]] = []  # open list items: (marker column, content column)
    para: list[str] = []
    para_start = para_depth = para_strip = 0
    para_kind = ""
    prev_blank = True

    def flush() -> None:
        if para:
            events.append((para_kind, para_start, para_depth, "\n".join(para).strip()))
            para.clear()

    for number, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if not stripped:
            flush()
            prev_blank = True
            continue
        first = stripped[0]
        if first in _SPECIAL_FIRST and _unsupported(stripped):
            return None
        indent = len(line) - len(stripped)
        continuing = bool(para) and not prev_blank
        prev_blank = False
        block_indent = stack[-1][1] if stack else 0
        if stack and stack[-1][0] + 4 <= indent < stack[-1][1]:
            return None  # markdown-it's "staircase" special case
        marker = _LIST_RE.match(stripped) if first in _MARKER_FIRST else None
        if marker is not None and not marker[3] and len(stripped) > marker.end():
            marker = None  # "-foo" or "1.5": no list marker
        if marker is not None:
            if len(marker[3]) > 4 or len(stripped) == marker.end():
                return None  # code inside an item, or an empty item
            if indent >= block_indent:
                if indent - block_indent >= 4:
                    return None  # indented code (or, in a paragraph, its continuation)
                if continuing and marker[2] is not None and marker[2] != "1":
                    para.append(line[min(indent, para_strip):])  # cannot interrupt: text
                    continue
            rest = stripped[marker.end():]
            if _HARD_ITEM_START_RE.match(rest):
                return None  # a heading, marker or other block right after the marker
            flush()
            while stack and indent < stack[-1][1]:
                stack.pop()
            if indent - (stack[-1][1] if stack else 0) >= 4:
                return None
            stack.append((indent, indent + marker.end()))
            para.append(rest)
            para_start, para_kind, para_depth, para_strip = number, "item", len(stack) - 1, \
                indent + marker.end()
            continue
        heading = _HEADING_RE.match(stripped) if first == "#" else None
        if heading is not None:
            if indent:
                return None
            flush()
            stack.clear()
            content = heading[2] or ""
            if content.endswith("#"):
                content = _CLOSING_HASHES_RE.sub("", content)
            events.append(("heading", number, len(heading[1]), content.strip()))
            continue
        if continuing:
            para.append(line[min(indent, para_strip):])  # continuation, lazy or not
            continue
        while stack and indent < stack[-1][1]:
            stack.pop()
        block_indent = stack[-1][1] if stack else 0
        if indent - block_indent >= 4:
            return None  # indented code
        para.append(stripped)
        para_start, para_kind, para_depth, para_strip = number, "para", 0, block_indent
    flush()
    return events
