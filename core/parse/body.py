"""The body of a note through markdown-it-py: headings, list items and tasks, wikilinks (never
inside code) and Dataview-style ``key:: value`` fields.

Only the block structure is parsed by markdown-it (the inline rule is off: it is most of the
cost and nothing here needs emphasis or HTML); inline code spans are blanked before links are
looked for, so ``[[x]]`` inside backticks, fenced or indented code is never a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from infoview.model.note import Heading, InlineField, Link, ListItem
from infoview.model.wikilinks import blank_code_spans, iter_wikilinks, split_wikilink
from infoview.parse.body_fast import Event, fast_blocks

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MAX_LINKS = 20_000
"""Links read from one body (each costs more than the text around it); more are counted and
reported, not read."""
_TASK_RE = re.compile(r"^\[(.)\]\s+")
_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_FIELD_LINE_RE = re.compile(r"^\s*([A-Za-z][\w \-]{0,60}?)::\s?(.*)$")
_FIELD_OPEN_RE = re.compile(r"[\[(]([A-Za-z][\w \-]{0,60}?)::\s*")
_FIELD_CLOSE_RE = re.compile(r"[\])]")


@dataclass(slots=True)
class Body:
    """What the body holds."""

    headings: list[Heading] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    fields: list[InlineField] = field(default_factory=list)
    links_left_out: int = 0
    """Links beyond :data:`MAX_LINKS`, not read."""


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.disable("inline")
    return md


def parse_body(text: str, first_line: int, *, full_parse: bool = True) -> Body | None:
    """Parse ``text`` whose first line is line ``first_line`` of the file. ``full_parse``
    false: ``None`` when the text needs markdown-it (the fast path cannot read it)."""
    body = Body()
    if not text.strip():
        return body
    events = fast_blocks(text)
    if events is None:
        if not full_parse:
            return None
        events = markdown_blocks(text)
    section = ""
    for kind, line0, level, content in events:
        line = first_line + line0
        if kind == "heading":
            body.headings.append(Heading(level, content, line))
            section = content
        elif kind == "item":
            body.items.append(_list_item(content, line, level, section))
        _scan_inline(content, line, body)
    return body


def markdown_blocks(text: str) -> list[Event]:
    """The block events of ``text`` from markdown-it's tokens (see :mod:`markdown_fast`)."""
    events: list[Event] = []
    depth = 0
    pending_item = False
    heading_level = 0
    for token in _markdown().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "list_item_open":
            pending_item = True
        elif kind == "list_item_close":
            pending_item = False
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "inline" and token.map:
            if heading_level:
                events.append(("heading", token.map[0], heading_level, token.content.strip()))
                heading_level = 0
            elif pending_item:
                events.append(("item", token.map[0], depth - 1, token.content))
                pending_item = False
            else:
                events.append(("para", token.map[0], 0, token.content))
    return events


def _list_item(content: str, line: int, depth: int, section: str) -> ListItem:
    text = content.strip()
    task = None
    match = _TASK_RE.match(text)
    if match:
        task = match[1]
        text = text[match.end():]
    return ListItem(text=text, line=line, section=section, depth=depth, task=task)


def _scan_inline(content: str, line: int, body: Body) -> None:
    """Find links and inline fields in one block's text."""
    has_link = "[[" in content
    has_field = "::" in content
    if not (has_link or has_field):
        return
    visible = blank_code_spans(content)
    if has_link and len(body.links) >= MAX_LINKS:
        body.links_left_out += sum(1 for _ in iter_wikilinks(visible))
    elif has_link:
        at, counted = line, 0  # line numbers counted on from the previous link: linear time
        for at_char, embed, inside in iter_wikilinks(visible):
            if len(body.links) >= MAX_LINKS:
                body.links_left_out += 1
                continue
            target, subpath, alias = split_wikilink(inside)
            at += visible.count("\n", counted, at_char)
            counted = at_char
            body.links.append(Link(target=target, line=at, source="body", subpath=subpath,
                                   alias=alias, embed=embed))
    if has_field:
        for offset, text_line in enumerate(visible.split("\n")):
            if "::" not in text_line:
                continue
            start = _TASK_RE.sub("", _MARKER_RE.sub("", text_line))
            whole = _FIELD_LINE_RE.match(start)
            if whole and not start.lstrip().startswith(("[", "(")):
                body.fields.append(InlineField(whole[1].strip(), whole[2].strip(), line + offset))
                continue
            for key, value in _bracketed_fields(text_line):
                body.fields.append(InlineField(key, value, line + offset))


def _bracketed_fields(text: str) -> Iterator[tuple[str, str]]:
    """``(key, value)`` of each ``[key:: value]`` or ``(key:: value)`` in ``text``: the value
    runs to the first ``]`` or ``)``. Linear time: where no bracket closes, none after does
    either, so the search stops (a regex would try every opening bracket to the line's end)."""
    pos = 0
    while (start := _FIELD_OPEN_RE.search(text, pos)) is not None:
        close = _FIELD_CLOSE_RE.search(text, start.end())
        if close is None:
            return
        yield start[1].strip(), text[start.end():close.start()].strip()
        pos = close.end()
