"""Finding Obsidian wikilinks in text: ``[[A]]``, ``[[A|b]]``, ``[[A#H]]``, ``[[A#^id]]``,
``![[A]]`` and ``[[A\\|b]]`` (the escaped pipe used inside tables). Never inside code."""

from __future__ import annotations

import re

WIKILINK_RE = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_CODE_SPAN_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def split_wikilink(inner: str) -> tuple[str, str, str]:
    """Split the inside of ``[[...]]`` into ``(target, subpath, alias)``."""
    alias = ""
    for sep in ("\\|", "|"):
        if sep in inner:
            inner, alias = inner.split(sep, 1)
            break
    target, _, subpath = inner.partition("#")
    return target.strip(), subpath.strip(), alias.strip()


def blank_code_spans(text: str) -> str:
    """Replace inline code spans with spaces (positions and line breaks kept)."""
    if "`" not in text:
        return text
    return _CODE_SPAN_RE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
