"""Filling a note template the way Obsidian's core Templates plugin does: ``{{title}}``,
``{{date}}``, ``{{time}}``, ``{{date:FORMAT}}`` and ``{{time:FORMAT}}`` (Moment.js tokens), with
a title in the frontmatter written so YAML reads it back as exactly that text.
"""

from __future__ import annotations

import datetime
import re
import secrets
import unicodedata
from typing import Any

import yaml

from infoview.model.errors import WriteError
from infoview.parse.fence import Frontmatter, find_frontmatter, is_fence
from infoview.parse.frontmatter import FrontmatterLoader
from infoview.write.moment import format_moment
from infoview.write.scalars import yaml_scalar

_PLACEHOLDER = re.compile(
    r"\{\{(?:(?P<title>title)|(?P<kind>date|time)(?::(?P<format>[^\r\n]*?))?)\}\}", re.I)
_LINE_END = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")
_CRLF = re.compile("\r\n")
_DEFAULT_FORMAT = {"date": "YYYY-MM-DD", "time": "HH:mm"}


def render_template(template: str, *, title: str, today: datetime.date,
                    now: datetime.datetime | None = None) -> str:
    """``template`` with Obsidian's core Templates placeholders filled in.

    - ``{{title}}``: ``title``. In the frontmatter (between the ``---`` fences) it is written
      so that YAML reads exactly that text (:mod:`infoview.write.scalars`): as it is where
      that is safe plain YAML text (``Jane Doe``), else quoted and escaped
      (``"Jane: \\"JJ\\" Doe"``, ``"- x"``, ``"#1"``, ``"true"``, ``"2026"``), keeping a quoted
      value's quotes (``"[[{{title}}]]"``) and a block scalar's style. In the body it is
      inserted as it is. A title is one line of text:
      line breaks and other control characters in it become spaces (one for ``\\r\\n``)
      everywhere, so a title cannot add a line, and body and frontmatter hold the same text.
    - ``{{date}}`` is ``today`` as ``YYYY-MM-DD``, ``{{time}}`` the time as ``HH:mm``;
      ``{{date:FORMAT}}`` and ``{{time:FORMAT}}`` format the same moment with Moment.js tokens
      (``YYYY YY Y Q M Mo MM MMM MMMM D Do DD DDD DDDD d do dd ddd dddd e E w wo ww W Wo WW gg
      gggg GG GGGG H HH h hh k kk m mm s ss S... a A X x Z ZZ``, ``[literal text]``,
      ``\\x``; English names); other text is kept. The moment is ``today`` at the time of day of
      ``now`` (default: the current local time). Values are inserted as they are, as Obsidian
      does, so ``date: {{date}}`` stays a YAML date.
    - Keyword names are matched ignoring case (``{{Title}}``); spaces inside the braces are not
      allowed, as in Obsidian. Anything else (``{{foo}}``, Templater's ``<% %>``) is left alone.

    Filling in never creates frontmatter the template did not have: a line that a value would
    turn into a ``---`` fence is written ``\\---`` (Markdown for the same text). Raises
    :class:`~infoview.model.errors.WriteError` if ``{{title}}`` is in frontmatter that is not
    valid YAML, or a value in the frontmatter would make a ``---`` line.
    """
    title = _title_text(title)
    moment = datetime.datetime.combine(
        today, (now or datetime.datetime.now()).timetz())
    fence = find_frontmatter(template)

    def fill(match: re.Match[str], title_as: str) -> str:
        if match["title"] is not None:
            return title_as
        kind = match["kind"].lower()
        return format_moment(moment, match["format"] or _DEFAULT_FORMAT[kind])

    if fence is None:
        rendered = _PLACEHOLDER.sub(lambda m: fill(m, title), template)
    else:
        fm_start, fm_end = fence.start, fence.end
        sentinel = _sentinel(template, title)
        fm = _PLACEHOLDER.sub(lambda m: fill(m, sentinel), template[fm_start:fm_end])
        if sentinel in fm:
            fm = _fill_yaml(fm, sentinel, title)
        rendered = (template[:fm_start] + fm
                    + _PLACEHOLDER.sub(lambda m: fill(m, title), template[fm_end:]))
    return _guard_fences(template, rendered, fence)


def _title_text(title: str) -> str:
    """A title as one line of text: line breaks and other control characters become spaces,
    what cannot be written as UTF-8 or YAML (lone surrogates, U+FFFE, U+FFFF) becomes U+FFFD."""
    out: list[str] = []
    for ch in _CRLF.sub(" ", title):
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif category == "Cs" or ch in "\ufffe\uffff":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """``text`` as lines with their line breaks (LF, CRLF or a lone CR, as the parser reads)."""
    return _LINE_END.split(text)


def _is_fence_line(line: str, first: bool) -> bool:
    """Whether ``line`` (the first line may start with a byte order mark) is a ``---`` fence."""
    return is_fence((line[1:] if first and line.startswith("\ufeff") else line).rstrip("\r\n"))


def _guard_fences(template: str, rendered: str, fence: Frontmatter | None) -> str:
    """``rendered`` with no ``---`` line that the template did not have where it would
    change what is frontmatter. Placeholders never add or remove line breaks, so line N of
    the template is line N of the result."""
    before, after = _lines(template), _lines(rendered)
    if len(before) != len(after):  # pragma: no cover - a placeholder never spans lines
        raise AssertionError("a filled-in placeholder changed the number of lines")
    close = None if fence is None else len(_lines(template[:fence.end])) - 1
    for number, (old, new) in enumerate(zip(before, after, strict=True)):
        first = number == 0
        if _is_fence_line(old, first) or not _is_fence_line(new, first):
            continue
        if close is not None and number < close:
            raise WriteError(f"the template's frontmatter line {number + 1} would become "
                             "a --- line once filled in")
        if close is None:
            bom = "\ufeff" if first and new.startswith("\ufeff") else ""
            after[number] = bom + "\\" + new[len(bom):]
    return "".join(after)


def _sentinel(*texts: str) -> str:
    """A plain-YAML-safe word found in none of ``texts``."""
    while True:
        word = "ivtitle" + secrets.token_hex(8)
        if not any(word in text for text in texts):
            return word


# --- the title in YAML -------------------------------------------------------------------------

_Signature = list[tuple[str, Any]]
_EDITABLE_STYLES = (None, "'", '"')  # plain, single-quoted, double-quoted (not | or >)


def _fill_yaml(fm: str, sentinel: str, title: str) -> str:
    """Frontmatter text ``fm`` with each ``sentinel`` replaced by ``title`` so that every scalar
    holding it reads as the same text with ``title`` in place of ``sentinel``."""
    try:
        for _ in yaml.parse(fm, Loader=yaml.SafeLoader):
            pass
        tokens = list(yaml.scan(fm, Loader=yaml.SafeLoader))
        expected = [_signature(fm, yaml.SafeLoader, sentinel, title),
                    _signature(fm, FrontmatterLoader, sentinel, title)]
    except yaml.YAMLError as error:
        raise WriteError("the template's frontmatter is not valid YAML, so {{title}} cannot "
                         f"be filled in safely: {_one_line(error)}") from None
    edits: list[tuple[int, int, str, bool, str | None]] = []  # start, end, value, flow, style
    depth = 0
    for token in tokens:
        if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
            depth += 1
        elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken):
            depth -= 1
        elif isinstance(token, yaml.ScalarToken) and token.style in _EDITABLE_STYLES:
            start, end = token.start_mark.index, token.end_mark.index
            if sentinel in fm[start:end]:
                edits.append((start, end, str(token.value).replace(sentinel, title), depth > 0,
                              token.style))
    for quote_all in (False, True):
        out = fm
        for start, end, value, flow, style in reversed(edits):
            out = out[:start] + yaml_scalar(value, "flow" if flow else "value",
                                            '"' if quote_all else style) + out[end:]
        out = out.replace(sentinel, title)  # block scalars, comments
        if _same(out, expected):
            return out
    raise WriteError("the template's frontmatter cannot hold this title safely where "
                     "{{title}} is (in a block scalar or a key?)")


def _one_line(error: yaml.YAMLError) -> str:
    return " ".join(str(error).split())


def _signature(text: str, loader: Any, sentinel: str = "", title: str = "") -> _Signature:
    """Token kinds and values of ``text``, ``sentinel`` read as ``title``."""
    signature: _Signature = []
    for token in yaml.scan(text, Loader=loader):
        value = getattr(token, "value", None)
        if isinstance(value, str) and sentinel:
            value = value.replace(sentinel, title)
        elif isinstance(value, tuple) and sentinel:
            value = tuple(v.replace(sentinel, title) if isinstance(v, str) else v
                          for v in value)
        signature.append((type(token).__name__, value))
    return signature


def _same(text: str, expected: list[_Signature]) -> bool:
    try:
        return [_signature(text, yaml.SafeLoader), _signature(text, FrontmatterLoader)] \
            == expected
    except yaml.YAMLError:
        return False
