"""The body of a note through markdown-it-py: headings, list items and tasks, wikilinks (never
inside code) and Dataview-style ``key:: value`` fields.

Only the block structure is parsed by markdown-it (the inline rule is off: it is most of the
cost and nothing here needs emphasis or HTML); inline code spans are blanked before links are
looked for, so ``[[x]]`` inside backticks, fenced or indented code is never a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from infoview.note import Heading, InlineField, Link, ListItem
from infoview.wikilinks import WIKILINK_RE, blank_code_spans, split_wikilink

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_TASK_RE = re.compile(r"^\[(.)\]\s+")
_FIELD_LINE_RE = re.compile(r"^\s*([A-Za-z][\w \-]{0,60}?)::\s?(.*)$")
_FIELD_INLINE_RE = re.compile(r"[\[(]([A-Za-z][\w \-]{0,60}?)::\s*([^\])]*)[\])]")


@dataclass(slots=True)
class Body:
    """What the body holds."""

    headings: list[Heading] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    fields: list[InlineField] = field(default_factory=list)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.disable("inline")
    return md


def parse_body(text: str, first_line: int) -> Body:
    """Parse ``text`` whose first line is line ``first_line`` of the file."""
    body = Body()
    if not text.strip():
        return body
    tokens = _markdown().parse(text)
    section = ""
    depth = 0
    pending_item: tuple[int, int] | None = None  # (line, depth) of an item awaiting its text
    heading_level = 0
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "list_item_open" and token.map:
            pending_item = (first_line + token.map[0], depth - 1)
        elif kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "inline" and token.map:
            line = first_line + token.map[0]
            content = token.content
            if heading_level:
                text_ = content.strip()
                body.headings.append(Heading(heading_level, text_, line))
                section = text_
                heading_level = 0
            elif pending_item is not None:
                body.items.append(_list_item(content, pending_item, section))
                pending_item = None
            _scan_inline(content, line, body)
        elif kind == "list_item_close":
            pending_item = None
    return body


def _list_item(content: str, where: tuple[int, int], section: str) -> ListItem:
    text = content.strip()
    task = None
    match = _TASK_RE.match(text)
    if match:
        task = match[1]
        text = text[match.end():]
    return ListItem(text=text, line=where[0], section=section, depth=where[1], task=task)


def _scan_inline(content: str, line: int, body: Body) -> None:
    """Find links and inline fields in one block's text."""
    has_link = "[[" in content
    has_field = "::" in content
    if not (has_link or has_field):
        return
    visible = blank_code_spans(content)
    if has_link:
        for match in WIKILINK_RE.finditer(visible):
            target, subpath, alias = split_wikilink(match[2])
            at = line + visible.count("\n", 0, match.start())
            body.links.append(Link(target=target, line=at, source="body", subpath=subpath,
                                   alias=alias, embed=bool(match[1])))
    if has_field:
        for offset, text_line in enumerate(visible.split("\n")):
            if "::" not in text_line:
                continue
            start = _TASK_RE.sub("", text_line.lstrip("-*+ \t"))
            whole = _FIELD_LINE_RE.match(start)
            if whole and not start.lstrip().startswith(("[", "(")):
                body.fields.append(InlineField(whole[1].strip(), whole[2].strip(), line + offset))
                continue
            for match in _FIELD_INLINE_RE.finditer(text_line):
                body.fields.append(InlineField(match[1].strip(), match[2].strip(), line + offset))
