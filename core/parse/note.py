"""Parse one file: bytes in, :class:`~infoview.model.note.Note` out. Pure: no disk, no config.

Frontmatter is found by Obsidian's rule (:mod:`infoview.parse.fence`: ``---`` on the very first
line, closed by a ``---`` line) and loaded with PyYAML's C loader
(:mod:`infoview.parse.frontmatter`). Problems never raise: they are recorded on the note with the
file line, and whatever could be read is kept.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

import yaml

from infoview.model.note import Link, Note, Problem
from infoview.model.values import TEXT_FIELDS, iter_strings
from infoview.model.wikilinks import blank_code_spans, iter_wikilinks, split_wikilink
from infoview.parse.body import MAX_LINKS, parse_body
from infoview.parse.fence import find_frontmatter, opens_frontmatter
from infoview.parse.frontmatter import load_frontmatter

MAX_BODY_CHARS = 1_000_000
"""Bodies longer than this are indexed for search only, not parsed for structure."""
MAX_BODY_LINES = 20_000
"""Bodies of more lines than this are indexed for search only (each line may be a list item
with links and fields: this keeps any note's parse within about a second)."""
MAX_FULL_PARSE_LINES = 6_000
"""A body that needs the full Markdown parser (a table, code block, quote, HTML...) is parsed
for structure up to this many lines (that parser costs several times more per line)."""
MAX_FRONTMATTER_ITEMS = 10_000
"""Frontmatter of more lines and commas than this is not read: each may be a value, and
reading values costs time even before :data:`~infoview.parse.frontmatter.MAX_NODES` stops them."""

_COMMENT_RE = re.compile(r"%%.*?(?:%%|\Z)", re.DOTALL)
_FENCE_RE = re.compile(r" {0,3}(`{3,}|~{3,})")
_PLACEHOLDER_RE = re.compile(r"\{\{[^{}\n]*\}\}")


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Bytes to text: UTF-8 (BOM dropped, CRLF read as LF); bad bytes are reported and replaced."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(Problem(path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); "
                                "the file was read with replacement characters: save it as UTF-8"))
        text = data.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems


def parse_note(path: str, data: bytes, text_keys: Collection[str] = TEXT_FIELDS, *,
               structure: bool = True) -> Note:
    """Parse the bytes of the note at vault-relative ``path``; values under ``text_keys`` are
    kept as the text in the file (see :func:`infoview.parse.frontmatter.load_frontmatter`).
    ``structure=False``: the frontmatter and the body text only (no headings, items, body links
    or fields), for callers that need no more."""
    text, problems = decode(data, path)
    note = Note(path=path, problems=problems)
    body = text
    body_line = 1
    if text.startswith("---"):
        fence = find_frontmatter(text)
        if fence is not None:
            fm_text, body = text[fence.opening:fence.end], text[fence.body:]
            body_line = 1 + fm_text.count("\n")
            _read_frontmatter(note, fm_text, text_keys)
        elif opens_frontmatter(text):
            problems.append(Problem(path, 1, "frontmatter starts with --- but is never closed "
                                    "by a --- line; add one (it is read as body text)"))
    note.body = body
    note.body_line = body_line
    if not structure:
        return note
    lines = body.count("\n") + 1
    start = body_line + 1 if body_line > 1 and body.startswith("\n") else body_line
    if len(body) > MAX_BODY_CHARS or lines > MAX_BODY_LINES:
        size = f"{len(body) // 1_000_000} million characters" if len(body) > MAX_BODY_CHARS \
            else f"{lines} lines"
        problems.append(Problem(path, start, f"body has {size}: only its frontmatter and "
                                "text are indexed, not its lists and links", kind="warning"))
        return note
    parsed = parse_body(_blank_comments(body) if "%%" in body else body, body_line,
                        full_parse=lines <= MAX_FULL_PARSE_LINES)
    if parsed is None:
        problems.append(Problem(path, start, f"body has {lines} lines and Markdown that "
                                "needs the full parser (a table, code block, quote or HTML), "
                                f"which reads at most {MAX_FULL_PARSE_LINES}: only its "
                                "frontmatter and text are indexed, not its lists and links",
                                kind="warning"))
        return note
    note.headings = parsed.headings
    note.items = parsed.items
    note.links.extend(parsed.links)
    note.fields = parsed.fields
    if parsed.links_left_out:
        problems.append(Problem(path, start, f"body has {MAX_LINKS + parsed.links_left_out} "
                                f"links: only the first {MAX_LINKS} are read", kind="warning"))
    return note


def _blank_comments(text: str) -> str:
    """Obsidian ``%%comments%%`` (an unclosed one runs to the end) as spaces, lines kept; a
    ``%%`` inside code is code, not a comment."""
    masked = blank_code_spans(_blank_fences(text))
    out: list[str] = []
    done = 0
    for match in _COMMENT_RE.finditer(masked):
        out.append(text[done:match.start()])
        out.append(re.sub(r"[^\n]", " ", text[match.start():match.end()]))
        done = match.end()
    out.append(text[done:])
    return "".join(out)


def _blank_fences(text: str) -> str:
    """``text`` with the lines of fenced code blocks blanked (line breaks kept)."""
    lines = text.split("\n")
    fence = ""
    for number, line in enumerate(lines):
        match = _FENCE_RE.match(line)
        if fence:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
            lines[number] = " " * len(line)
        elif match:
            fence = match[1]
            lines[number] = " " * len(line)
    return "\n".join(lines)


def _read_frontmatter(note: Note, fm_text: str, text_keys: Collection[str]) -> None:
    items = fm_text.count("\n") + fm_text.count(",")
    if items > MAX_FRONTMATTER_ITEMS:
        note.frontmatter_ok = False
        note.problems.append(Problem(note.path, 1, f"frontmatter has {items} lines and commas, "
                                     f"more than the {MAX_FRONTMATTER_ITEMS} infoview reads: its "
                                     "properties are not read; move long text into the body"))
        return
    warnings: list[tuple[int, str]] = []
    try:
        key_lines: dict[str, int] = {}
        loaded: Any = load_frontmatter(fm_text, text_keys, warnings, key_lines)
    except yaml.YAMLError as error:
        note.frontmatter_ok = False
        note.problems.append(_yaml_problem(note.path, fm_text, error))
        return
    if loaded is None:
        return
    if not isinstance(loaded, dict):
        note.frontmatter_ok = False
        note.problems.append(Problem(note.path, 2, "frontmatter is not a list of `key: value` "
                                     "properties; fix it so Obsidian can read it too"))
        return
    note.frontmatter = loaded
    note.key_lines = key_lines
    note.problems.extend(Problem(note.path, line, message, kind="warning")
                         for line, message in warnings)
    _frontmatter_links(note, fm_text)


def _frontmatter_links(note: Note, fm_text: str) -> None:
    if "[[" not in fm_text:
        return
    for key, value in note.frontmatter.items():
        for string in iter_strings(value):
            if "[[" not in string:
                continue
            for _, embed, inside in iter_wikilinks(string):
                target, subpath, alias = split_wikilink(inside)
                note.links.append(Link(target=target, line=note.key_lines.get(key, 1),
                                       source=key, subpath=subpath, alias=alias, embed=embed))


# Errors found only where something unclosed ends (often at the closing ---): point at its start.
_OPENED_AT = ("while scanning a simple key", "while scanning a quoted scalar",
              "while parsing a flow")


def _yaml_problem(path: str, fm_text: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context = getattr(error, "context", None)
    if isinstance(context, str) and context.startswith(_OPENED_AT):
        mark = getattr(error, "context_mark", None) or mark
    line = mark.line + 1 if mark is not None else None
    placeholder = _PLACEHOLDER_RE.search(fm_text)
    if placeholder:
        at = 1 + fm_text.count("\n", 0, placeholder.start())
        return Problem(path, at, f"invalid frontmatter: template placeholder {placeholder[0]} "
                       "is not filled in; replace it with a value (or move the note to the "
                       "templates folder)")
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Problem(path, line, f"invalid frontmatter: {reason}; fix the YAML (Obsidian shows "
                   "this note's properties as broken too)")
