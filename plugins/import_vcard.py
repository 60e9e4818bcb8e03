"""Reading a vCard file (``infoview import vcf FILE``): one or more cards, vCard 3.0 or 4.0
(2.1 as far as ``vobject`` reads it).

The file is cut into cards (``BEGIN:VCARD`` … ``END:VCARD``) first, so that a card ``vobject``
cannot parse is skipped with the reason and the others are still read. A file without any card,
or whose cards all fail, is a one-line error naming the file (and the line).

From each card: the name from ``FN``, else ``N`` (given, additional, family names); ``NICKNAME``
as aliases; every ``EMAIL`` and ``TEL`` (a ``tel:``/``mailto:`` prefix dropped); ``ORG`` as the
company (its units as ``department``); ``TITLE`` (else ``ROLE``) as the role; a linkedin.com
``URL`` (or ``X-SOCIALPROFILE``) as ``linkedin``, other URLs as ``website``; ``CATEGORIES`` as
``tags``; ``NOTE`` as the note's text. Everything else (addresses, photos, birthdays) is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from infoview.errors import InfoviewError
from infoview.importers import Incoming, ReadResult, Skipped
from infoview.importing import clean_name, linkedin_url, read_text

EXPECTS = "a vCard file (.vcf)"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NICKNAME = re.compile(r"(?:[A-Za-z0-9-]+\.)?NICKNAME(?:;[^:]*)?:(.*)", re.I)
_FAILED_LINE = re.compile(r"Failed to parse line: (.*)", re.S)
_AT_LINE = re.compile(r"^At line \d+: ")


def read_vcards(path: Path, options: Mapping[str, Any]) -> ReadResult:
    """The people of a vCard file (see the module docstring)."""
    cards, result, unclosed = _cards(read_text(path, EXPECTS))
    if not cards and unclosed is None:
        raise InfoviewError(f"{path}: no BEGIN:VCARD line; infoview expects {EXPECTS}")
    failed = [] if unclosed is None else [unclosed]
    for start, lines in cards:
        try:
            result.people.append(_person(start, lines))
        except Exception as error:  # vobject raises more than ParseError on bad input
            failed.append(_failure(start, lines, error))
    if not result.people:
        first = min(failed, key=lambda s: s.line or 0)
        raise InfoviewError(f"{path}:{first.line}: {first.reason}")
    result.skipped = sorted(result.skipped + failed, key=lambda s: s.line or 0)
    return result


def _cards(text: str) -> tuple[list[tuple[int, list[str]]], ReadResult, Skipped | None]:
    """The cards of the file as ``(first line number, lines)``, what lies outside them, and
    the last card if it is not closed."""
    cards: list[tuple[int, list[str]]] = []
    result = ReadResult()
    depth, start, outside = 0, 0, False
    block: list[str] = []
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        word = "" if line[:1] in (" ", "\t") else line.strip().upper()  # not a folded line
        if word == "BEGIN:VCARD":
            if depth == 0:
                start, block = number, []
            depth += 1
        if depth:
            block.append(line)
            if word == "END:VCARD":
                depth -= 1
                if depth == 0:
                    cards.append((start, block))
        elif line.strip() and not outside:
            outside = True
            result.skipped.append(Skipped(number, "text outside BEGIN:VCARD … END:VCARD; "
                                          "ignored"))
    unclosed = Skipped(start, "card not closed by END:VCARD (is the file cut short?); "
                       "not read") if depth else None
    return cards, result, unclosed


def _person(start: int, lines: list[str]) -> Incoming:
    import vobject

    card = vobject.readOne("\r\n".join(lines) + "\r\n", allowQP=True)

    def values(*names: str) -> list[Any]:
        found: list[Any] = []
        for name in names:
            found += [item.value for item in card.contents.get(name, [])]
        return found

    def texts(*names: str) -> list[str]:
        return [t for t in (_text(v) for v in values(*names)) if t]

    name = next(iter(texts("fn")), "") or next(
        (n for n in (_from_n(v) for v in values("n")) if n), "")
    emails = [_unprefixed(e, "mailto:") for e in texts("email")]
    phones = [_unprefixed(t, "tel:") for t in texts("tel")]
    org = [_text(part) for part in _parts(next(iter(values("org")), []))]
    urls = texts("url", "x-socialprofile")
    linkedin = next((u for u in map(linkedin_url, urls) if u), None)
    websites = [u for u in texts("url") if linkedin_url(u) is None]
    extra: dict[str, Any] = {}
    if websites:
        extra["website"] = websites[0] if len(websites) == 1 else websites
    tags = [_text(t).lstrip("#").replace(" ", "-") for v in values("categories")
            for t in _parts(v)]
    if any(tags):
        extra["tags"] = [t for t in tags if t]
    if len(org) > 1 and any(org[1:]):
        extra["department"] = ", ".join(part for part in org[1:] if part)
    return Incoming(
        name=clean_name(name), line=start, emails=emails, phones=phones,
        company=org[0] if org and org[0] else None,
        role=next(iter(texts("title", "role")), None),
        linkedin=linkedin, aliases=_nicknames(lines), extra=extra,
        note="\n\n".join(texts("note")))


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(t for t in (_text(v) for v in value) if t)
    return value.strip() if isinstance(value, str) else ""


def _parts(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _from_n(value: Any) -> str:
    """A name from a structured ``N`` value (given, additional, family)."""
    parts = [_text(getattr(value, key, "")) for key in ("given", "additional", "family")]
    return clean_name(" ".join(p for p in parts if p))


def _unprefixed(text: str, prefix: str) -> str:
    return text[len(prefix):].strip() if text.lower().startswith(prefix) else text


def _nicknames(lines: list[str]) -> list[str]:
    """``NICKNAME`` values, read from the card's lines: vobject keeps only the first of a
    comma-separated list."""
    unfolded: list[str] = []
    for line in lines:
        if line[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    names: list[str] = []
    for line in unfolded:
        match = _NICKNAME.fullmatch(line.strip())
        if match:
            names += [clean_name(n.replace("\\,", ",")) for n in
                      re.split(r"(?<!\\),", match[1]) if n.strip()]
    return names


def _failure(start: int, lines: list[str], error: Exception) -> Skipped:
    """A card vobject could not read: at the failing line when the message names it."""
    message = " ".join(_AT_LINE.sub("", str(error)).split()) or type(error).__name__
    line = start
    bad = _FAILED_LINE.search(str(error))
    if bad:
        wanted = bad[1].strip()
        line = next((start + i for i, text in enumerate(lines) if text.strip() == wanted), start)
    return Skipped(line, f"not a valid vCard card: {message}")
