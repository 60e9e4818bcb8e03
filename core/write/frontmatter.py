"""Surgical edits to a note's YAML frontmatter: bytes in, bytes out, every other byte kept.

Nothing here re-serialises YAML (PyYAML drops comments and styles; a round-tripping library
re-emits the whole block in its own way). Instead:

1. The frontmatter is found as the parser finds it (:func:`~infoview.parse.fence.find_frontmatter`:
   an optional UTF-8 BOM, ``---`` on line 1, closed by a ``---`` line, LF or CRLF); only the
   frontmatter is decoded, and it is loaded with
   :func:`~infoview.parse.frontmatter.load_frontmatter`. What does not load, or is not a block
   mapping of properties, is refused.
2. PyYAML's composer (libyaml's, through ``CSafeLoader``, when installed; its marks are
   character offsets into that text, as the pure-Python composer's are) finds each
   top-level key, its ``:`` and where its value's content ends: the last character of the last
   scalar or flow collection in it, so comments and blank lines after a block list are not its own.
3. Text is spliced: the lines of one entry are replaced (keeping the indentation, the key as
   written and a comment on the key line), items are inserted after a block list's last item or
   after a flow list's last item, new keys are added at the end of the frontmatter. New text uses
   Obsidian's forms (:func:`format_value`) and the line ending of the frontmatter's first line.
4. The result is verified before it is returned: it is split and loaded again, here and by
   :func:`infoview.parse.note.parse_note`, and must read as the old properties with exactly the
   intended keys changed (same order, same JSON types), with the BOM and the body's bytes
   identical. Anything else raises :class:`FrontmatterEditError`; a wrong result is never returned.

What looks ambiguous is refused rather than guessed: a key written twice, anchors, aliases and
tags on the edited value, ``<<`` merge keys, explicit ``?`` keys, a ``{...}`` mapping at the top,
lone CR or Unicode line separators in the frontmatter. A key that already reads as the intended
value is left as it is, so a repeated edit returns the input unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import yaml

from infoview.model.errors import WriteError
from infoview.model.values import is_empty
from infoview.model.wikilinks import split_wikilink
from infoview.parse.fence import find_frontmatter, opens_frontmatter
from infoview.parse.frontmatter import load_frontmatter
from infoview.parse.note import parse_note
from infoview.write.scalars import Where, double_quoted, yaml_scalar


class FrontmatterEditError(WriteError):
    """A frontmatter edit that infoview refuses to make; the note is left as it was."""


@dataclass(frozen=True)
class Link:
    """A wikilink value, written as ``"[[name]]"``."""

    name: str


Item: TypeAlias = str | Link | dt.date
Value: TypeAlias = str | Link | dt.date | dt.datetime | bool | int | float | list[Item]
_Scalar: TypeAlias = str | Link | dt.date | bool | int | float

_BOM = b"\xef\xbb\xbf"
_LONE_CR_RE = re.compile(rb"\r(?!\n)")
_COMMENT_RE = re.compile(r"[ \t]*(?:#.*)?")
_BLOCK_HEADER_RE = re.compile(r"[|>][-+0-9]*([ \t]+#.*)?")
_DASH_RE = re.compile(r" *- +")
_LINK_RE = re.compile(r"!?\[\[([^\[\]\n]+?)\]\]")
_MERGE = "tag:yaml.org,2002:merge"
_YAML11: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- values ----------------------------------------------------------------------------------


def format_value(value: Value) -> str:
    """``value`` as Obsidian writes it: ``"[[Name]]"``, ``2026-11-25``, ``2026-11-25T09:30:00``
    (an aware date-time keeps its offset; microseconds are dropped), ``true``, ``42``, ``1.5``,
    text plain unless a YAML reader could read it as something else (then double-quoted, with
    escapes: :mod:`infoview.write.scalars`).
    A list is a block list without indentation (``- a`` lines joined by ``\\n``), ``[]`` if empty.
    """
    if isinstance(value, list):
        return "\n".join(f"- {format_value(_item(item))}" for item in value) or "[]"
    return _scalar(value, "value")


def _scalar(value: object, where: Where) -> str:
    if isinstance(value, Link):
        return double_quoted(f"[[{_link_name(value)}]]")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise FrontmatterEditError(f"{value[:40]!r} is not valid Unicode text") from None
        return yaml_scalar(value, where)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FrontmatterEditError(f"{value} is not a number a note can hold")
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        return f"{mantissa}.0e{exponent}" if e and "." not in mantissa else text
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset is not None and offset % dt.timedelta(minutes=1):
            raise FrontmatterEditError(f"time-zone offset {offset} is not whole minutes")
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} to frontmatter")


def _link_name(link: Link) -> str:
    name = link.name
    if not isinstance(name, str) or not name.strip() or re.search(r"[\[\]\n\r\x85\u2028\u2029]",
                                                                  name):
        raise FrontmatterEditError(f"{name!r} is not a note name a link can hold")
    return name


def _item(item: object) -> _Scalar:
    """A list item: any value but a list (``Item`` in the API; numbers and booleans work too)."""
    if isinstance(item, str | Link | dt.date | bool | int | float):
        return item
    raise TypeError(f"a list item cannot be a {type(item).__name__}")


def _expected(value: Value) -> Any:
    """The JSON value infoview reads back for ``value``."""
    if isinstance(value, list):
        return [_expected(_item(item)) for item in value]
    written = _scalar(value, "value")
    if isinstance(value, Link):
        return f"[[{value.name}]]"
    if isinstance(value, dt.date):
        return written
    return value


def _dump(value: Any) -> str:
    """A strict comparison form: ``True`` is not ``1``, ``1`` is not ``1.0``, order counts."""
    return json.dumps(value, ensure_ascii=False)


def _identity(value: Any) -> str:
    """List items are the same when written alike; links when they name the same note."""
    if isinstance(value, str):
        match = _LINK_RE.fullmatch(value.strip())
        if match:
            return "link:" + split_wikilink(match[1])[0].casefold()
    return _dump(value)


# --- reading -----------------------------------------------------------------------------------


@dataclass
class _Frontmatter:
    data: bytes
    bom: int
    start: int | None
    """Byte offset of the frontmatter text (``None``: the note has no frontmatter)."""
    end: int
    """Byte offset of the closing ``---`` line."""
    body: int
    """Byte offset of the body (just after the closing ``---`` and its spaces)."""
    text: str
    nl: str
    values: dict[str, Any]
    entries: dict[str, list[tuple[yaml.Node, yaml.Node]]]
    indent: str
    note_body: str


def _refuse(message: str) -> FrontmatterEditError:
    return FrontmatterEditError(f"cannot edit the frontmatter: {message}")


def _read(data: bytes) -> _Frontmatter:
    bom = len(_BOM) if data.startswith(_BOM) else 0
    fence = find_frontmatter(data)
    note = parse_note("note.md", data, frozenset(), structure=False)
    if fence is None and not opens_frontmatter(data):
        if note.frontmatter:
            raise _refuse("infoview reads this note's frontmatter differently")
        nl = "\r\n" if b"\r\n" in data else "\n"
        return _Frontmatter(data, bom, None, bom, bom, "", nl, {}, {}, "", note.body)
    # the lines of the frontmatter, fences included, end in LF or CRLF, or the note is not edited
    checked = len(data) if fence is None else \
        fence.body + (2 if data.startswith(b"\r\n", fence.body) else 1)
    if _LONE_CR_RE.search(data, bom, checked):
        raise _refuse("it has a line ending that is a lone CR (carriage return)")
    if fence is None:
        raise _refuse("it starts with --- but is never closed by a --- line")
    try:
        text = data[fence.start:fence.end].decode("utf-8")
    except UnicodeDecodeError as error:
        raise _refuse(f"it is not valid UTF-8 (byte 0x{error.object[error.start]:02x})") from None
    if re.search("[\x85\u2028\u2029]", text):
        raise _refuse("it holds a Unicode line or paragraph separator")
    try:
        values = load_frontmatter(text)
        root = yaml.compose(text, Loader=_YAML11)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise _refuse(f"it is not valid YAML{where}: {reason}") from None
    if root is None and values is None:
        values = {}
    elif not isinstance(root, yaml.MappingNode) or not isinstance(values, dict):
        raise _refuse("it is not a list of `key: value` properties")
    elif root.flow_style:
        raise _refuse("it is written as one {...} mapping")
    if not note.frontmatter_ok or _dump(note.frontmatter) != _dump(values):
        raise _refuse("infoview reads this note's frontmatter differently")
    entries: dict[str, list[tuple[yaml.Node, yaml.Node]]] = {}
    indent = ""
    if root is not None:
        for key, value in root.value:
            if key.tag == _MERGE:
                raise _refuse("it uses a << merge key")
            at = key.start_mark.index
            if text[_line_start(text, at):at].strip(" "):
                raise _refuse("it uses an explicit `? key`")
            entries.setdefault(str(key.value), []).append((key, value))
        first = root.value[0][0].start_mark.index if root.value else 0
        indent = text[_line_start(text, first):first]
    return _Frontmatter(data, bom, fence.start, fence.end, fence.body, text, fence.newline,
                        values, entries, indent, note.body)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """Where the line holding ``index`` ends (before its ``\\r\\n`` or ``\\n``)."""
    end = text.find("\n", index)
    end = len(text) if end < 0 else end
    return end - 1 if end > index and text[end - 1] == "\r" else end


def _nodes(node: yaml.Node) -> Iterator[yaml.Node]:
    seen: set[int] = set()
    stack = [node]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _content_end(text: str, node: yaml.Node) -> int:
    """Just after the last character of ``node``'s content (comments after it excluded)."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            start = node.start_mark.index
            return start + len(text[start:node.end_mark.index].rstrip())
        return int(node.end_mark.index)
    if isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(text, last[1] if isinstance(node, yaml.MappingNode) else last)
    return int(node.end_mark.index)


@dataclass
class _Span:
    """The lines of one top-level entry: ``text[start:end]`` (without the last line break)."""

    start: int
    end: int
    key_head: str
    """The line up to and including the ``:``."""
    value_head: str
    """The line up to the value when the value is written on the key line, else ``key_head``."""
    comment: str
    """A comment on the key line, with the spaces before it (``""`` when none)."""
    node: yaml.Node
    content_end: int
    indent: str


def _locate(fm: _Frontmatter, key: str) -> _Span:
    pairs = fm.entries[key]
    if len(pairs) > 1:
        raise _refuse(f"key {key!r} is written {len(pairs)} times; remove the duplicates first")
    key_node, node = pairs[0]
    text = fm.text
    start = _line_start(text, key_node.start_mark.index)
    indent = text[start:key_node.start_mark.index]
    colon = key_node.end_mark.index
    while colon < len(text) and text[colon] in " \t":
        colon += 1
    if indent.strip(" ") or text[key_node.start_mark.index] in "&!*?" or text[colon:colon + 1] \
            != ":":
        raise _refuse(f"key {key!r} is written in a form infoview does not edit")
    colon += 1
    for part in _nodes(node):
        at = part.start_mark.index
        if at < colon or text[at:at + 1] in ("&", "!", "*"):
            raise _refuse(f"the value of {key!r} uses YAML anchors, aliases or tags")
    content_end = max(_content_end(text, node), colon)
    value_start = node.start_mark.index
    key_line_end = _line_end(text, colon - 1)
    inline = value_start <= key_line_end and not (
        isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"))
    if inline:
        rest = text[content_end:_line_end(text, content_end - 1)]
    elif value_start <= key_line_end:  # a block scalar: its header may hold a comment
        header = _BLOCK_HEADER_RE.fullmatch(text[value_start:key_line_end])
        rest = (header[1] or "") if header else "?"
    else:
        rest = text[colon:key_line_end]
    if not _COMMENT_RE.fullmatch(rest):
        raise _refuse(f"cannot tell where the value of {key!r} ends")
    comment = rest if "#" in rest else ""
    if comment[:1] == "#":  # libyaml reads `'q'#x` as a comment; written after `:` it would not be
        comment = " " + comment
    return _Span(start, _line_end(text, content_end - 1), text[start:colon],
                 text[start:value_start] if inline else text[start:colon],
                 comment, node, content_end, indent)


def _dash(text: str, node: yaml.Node) -> str | None:
    """The indentation and dash of a block list's items (``"  - "``), from its last item."""
    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        return None
    for item in reversed(node.value):
        at = item.start_mark.index
        prefix = text[_line_start(text, at):at]
        if _DASH_RE.fullmatch(prefix):
            return prefix
    return None


# --- writing -----------------------------------------------------------------------------------

_Written: TypeAlias = str | list[str]
"""A value as written: inline text, or the items of a block list."""


def _written(value: Value) -> _Written:
    if isinstance(value, list):
        return [_scalar(_item(item), "value") for item in value] or "[]"
    return _scalar(value, "value")


def _entry(head: str, comment: str, written: _Written, dash: str, nl: str) -> str:
    if isinstance(written, str):
        gap = "" if head[-1:] in (" ", "\t") else " "
        return f"{head}{gap}{written}{comment}"
    return nl.join([head + comment, *(dash + item for item in written)])


def _put(fm: _Frontmatter, key: str, written: _Written,
         edits: list[tuple[int, int, str]], added: list[str]) -> None:
    """Record the edit that writes ``written`` as the value of ``key``."""
    if key not in fm.entries:
        head = f"{fm.indent}{_scalar(key, 'key')}:"
        added.append(_entry(head, "", written, f"{fm.indent}  - ", fm.nl) + fm.nl)
        return
    span = _locate(fm, key)
    dash = _dash(fm.text, span.node) or f"{span.indent}  - "
    head = span.value_head if isinstance(written, str) else span.key_head
    edits.append((span.start, span.end, _entry(head, span.comment, written, dash, fm.nl)))


def _finish(fm: _Frontmatter, edits: list[tuple[int, int, str]], added: list[str],
            expected: dict[str, Any]) -> bytes:
    """Apply the edits, verify the result reads as ``expected``, and return it."""
    if added:
        edits.append((len(fm.text), len(fm.text), "".join(added)))
    if not edits:
        return fm.data
    text = fm.text
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    if fm.start is None:
        fence = f"---{fm.nl}{text}---{fm.nl}".encode()
        result = fm.data[:fm.bom] + fence + fm.data[fm.bom:]
        body, note_body = fm.nl.encode() + fm.data[fm.bom:], "\n" + fm.note_body
    else:
        result = fm.data[:fm.start] + text.encode() + fm.data[fm.end:]
        body, note_body = fm.data[fm.body:], fm.note_body
    if result == fm.data:
        return fm.data
    try:
        new = _read(result)
    except FrontmatterEditError as error:
        raise FrontmatterEditError(f"refusing to write: the edited note would not read back "
                                   f"({error})") from None
    if _dump(new.values) != _dump(expected) or _count(new) != _count(fm) + len(added):
        raise FrontmatterEditError("refusing to write: the edit would not read back as "
                                   "exactly the intended change")
    if result[:new.bom] != fm.data[:fm.bom] or result[new.body:] != body \
            or new.note_body != note_body:
        raise FrontmatterEditError("refusing to write: the edit would change the note's body")
    return result


def _count(fm: _Frontmatter) -> int:
    """How many top-level keys are written (a key written twice counts twice)."""
    return sum(map(len, fm.entries.values()))


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"a frontmatter key must be a str, not {type(key).__name__}")
    if not key.strip():
        raise FrontmatterEditError("a frontmatter key cannot be empty")
    return key


def _set(fm: _Frontmatter, values: Mapping[str, Value]) -> bytes:
    expected = dict(fm.values)
    edits: list[tuple[int, int, str]] = []
    added: list[str] = []
    for key, value in values.items():
        want = _expected(value)
        if _key(key) in fm.entries:
            _locate(fm, key)  # refuse duplicates and odd forms even when nothing changes
            if _dump(fm.values[key]) == _dump(want):
                continue
        _put(fm, key, _written(value), edits, added)
        expected[key] = want
    return _finish(fm, edits, added, expected)


# --- the API -----------------------------------------------------------------------------------


def set_fields(data: bytes, values: Mapping[str, Value]) -> bytes:
    """Set each key: replace only its value if present, else add it at the end of the
    frontmatter (a note without frontmatter gets one). A key that already reads as the value is
    left as written. Raises :class:`FrontmatterEditError` rather than return a wrong result."""
    return _set(_read(data), values)


def add_missing(data: bytes, values: Mapping[str, Value]) -> bytes:
    """Like :func:`set_fields`, but only for keys that are absent or empty (``null``, ``""``,
    ``[]``, ``{}``); present keys are untouched."""
    fm = _read(data)
    return _set(fm, {key: value for key, value in values.items()
                     if key not in fm.values or is_empty(fm.values[key])})


def append_to_list(data: bytes, key: str, items: Sequence[Value]) -> bytes:
    """Append the ``items`` not already in the list under ``key`` (compared as written; links by
    note name, ignoring case). A missing or empty key becomes a block list, a scalar becomes the
    list ``[old, new...]``; a block list keeps its indentation and dashes, a flow list stays flow.
    """
    fm = _read(data)
    key = _key(key)
    current = fm.values.get(key)
    have: list[Any] = [] if is_empty(current) else current if isinstance(current, list) \
        else [current]
    if isinstance(current, dict) or any(isinstance(item, list | dict) for item in have):
        raise _refuse(f"{key!r} is not a list of values")
    seen = {_identity(item) for item in have}
    new: list[_Scalar] = []
    for item in map(_item, items):
        identity = _identity(_expected(item))
        if identity not in seen:
            seen.add(identity)
            new.append(item)
    if not new:
        return data
    expected = {**fm.values, key: have + [_expected(item) for item in new]}
    edits: list[tuple[int, int, str]] = []
    added: list[str] = []
    if not have:
        _put(fm, key, [_scalar(item, "value") for item in new], edits, added)
        return _finish(fm, edits, added, expected)
    span = _locate(fm, key)
    node, text = span.node, fm.text
    if not isinstance(current, list):
        old = text[node.start_mark.index:span.content_end]
        if "\n" in old or old[:1] in ("|", ">"):
            raise _refuse(f"the value of {key!r} spans several lines")
        _put(fm, key, [old, *(_scalar(item, "value") for item in new)], edits, added)
    elif isinstance(node, yaml.SequenceNode) and node.flow_style:
        after = _content_end(text, node.value[-1])
        edits.append((after, after, "".join(f", {_scalar(i, 'flow')}" for i in new)))
    else:
        dash = _dash(text, node)
        if dash is None:
            raise _refuse(f"the list under {key!r} is written in a form infoview does not edit")
        lines = "".join(f"{fm.nl}{dash}{_scalar(item, 'value')}" for item in new)
        edits.append((span.end, span.end, lines))
    return _finish(fm, edits, added, expected)
