"""Text written as a YAML scalar that reads back as exactly that text: one quoting rule for
every value, key and title infoview writes into frontmatter (:mod:`infoview.write.frontmatter`,
:mod:`infoview.write.templates`).

Plain (``Jane Doe``) only where that is safe in every reader that matters: infoview's loader
(:mod:`infoview.parse.frontmatter`), PyYAML's ``SafeLoader`` (YAML 1.1, pure Python and libyaml)
and a YAML 1.2 reader such as Obsidian's. So text that one of them would read as something else
is quoted: a number in any spelling (``0123``, ``0o17``, ``0x1F``, ``1_000``, ``+.5``, ``12:30``),
a YAML 1.1 word (``yes``, ``off``, ``~``), a date, an indicator first (``- x``, ``#1``, ``@me``),
``: `` or `` #`` inside, and white space at either end, a no-break space included (a
reader that trims Unicode spaces would lose it). Otherwise double-quoted with escapes, or
single-quoted where a template already wrote ``'...'``.
"""

from __future__ import annotations

import io
import re
from typing import Any, Literal

import yaml

from infoview.parse.frontmatter import load_frontmatter

Where = Literal["value", "key", "flow"]
"""Where a scalar stands: a block value (``k: X``), a key (``X: v``), a flow list item
(``k: [X]``)."""

_NOT_PRINTABLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
"""What YAML cannot hold unescaped: every character outside its printable set (tab, the line
breaks, ASCII but DEL, the rest of the Basic Multilingual Plane but the C1 controls, the
surrogates, the byte order mark and the two non-characters at its end, and the astral planes).
Written as what it excludes, it compiles about seven times faster at start-up."""
_NOT_SINGLE_QUOTABLE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""What a single-quoted scalar cannot hold: the above, and line breaks of every kind."""
_NUMBERISH_RE = re.compile(r"[-+]?\.?[0-9][0-9a-zA-Z_.:,+-]*|[-+]?\.(?:inf|nan)", re.I)
_WORDS = frozenset({"~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"})
_SIMPLE = {
    "value": re.compile(r"[^\W\d_][\w .,'@+&/()=?%:~-]*"),
    "key": re.compile(r"[^\W\d_][\w .'@+&()-]*"),
}
"""Texts that read back as themselves, unquoted, in every YAML reader (checked after the
other rules of :func:`plain_ok`): a letter first (no YAML 1.1 type but the words in
:data:`_WORDS` starts with one), then only characters a plain scalar may hold anywhere."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_READERS: tuple[Any, ...] = tuple(dict.fromkeys(
    (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader)))
"""PyYAML's YAML 1.1 readers: libyaml's when installed, and the pure-Python one."""
_PROBES = {"value": "k: {}", "key": "{}: k", "flow": "k: [{}]"}


def yaml_scalar(text: str, where: Where = "value", style: str | None = None) -> str:
    """``text`` as a one-line YAML scalar that reads back as exactly ``text``: plain where
    :func:`plain_ok` (and ``style`` is plain, ``None``), single-quoted where ``style`` is
    ``'`` and that can hold it, else double-quoted."""
    if style is None and plain_ok(text, where):
        return text
    if style == "'" and not _NOT_SINGLE_QUOTABLE_RE.search(text):
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


def double_quoted(text: str) -> str:
    """``text`` double-quoted, with YAML's escapes for what is not printable."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _NOT_PRINTABLE_RE.match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000
                       else f"\\U{code:08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def plain_ok(text: str, where: Where = "value") -> bool:
    """Whether ``text`` reads back as itself, unquoted, ``where`` it stands, in every YAML
    reader that matters (see the module doc). A key must be plain-safe as a value too."""
    if (not text or text != text.strip() or text[0] in _INDICATORS or ": " in text
            or " #" in text or text.endswith(":") or text.lower() in _WORDS
            or "\t" in text or "\n" in text or "\r" in text
            or _NOT_PRINTABLE_RE.search(text) or _NUMBERISH_RE.fullmatch(text)
            or (where == "flow" and re.search(r"[,\[\]{}:]", text))
            or (where == "key" and not plain_ok(text, "value"))):
        return False
    simple = _SIMPLE.get(where)
    if simple is not None and simple.fullmatch(text):
        return True  # no need to ask the YAML readers (an import writes thousands of these)
    analysis = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True).analyze_scalar(text)
    if analysis.empty or analysis.multiline or not (
            analysis.allow_flow_plain if where == "flow" else analysis.allow_block_plain):
        return False
    probe = _PROBES[where].format(text)
    want = {"value": {"k": text}, "key": {text: "k"}, "flow": {"k": [text]}}[where]
    try:
        return load_frontmatter(probe) == want and all(
            yaml.load(probe, Loader=reader) == want for reader in _READERS)
    except yaml.YAMLError:
        return False
