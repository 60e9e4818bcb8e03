"""Frontmatter values read as a person means them.

The parser stores frontmatter as JSON-safe values (:func:`to_json_safe`); everything that reads
a value asks these helpers what it means: a date, a yes/no, a list of names, a link target.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Any

from infoview.model.wikilinks import WIKILINK_RE, split_wikilink

STATUSES = ("prospect", "contacted", "scheduled", "interviewed", "following-up", "dormant")
"""A contact's ``status`` values, in the order of the method's pipeline."""

# Keys whose values are names, addresses or labels: always kept as the text in the file.
TEXT_FIELDS = frozenset({
    "name", "aliases", "alias", "company", "role", "title", "email", "phone", "linkedin",
    "status", "connection", "referred_by", "referral_source", "contact", "referrals", "tags",
    "tag", "categories", "medium", "website", "industry", "location", "type", "org", "people",
})

# Keys whose values name notes: plain text in them resolves like a wikilink.
LINK_FIELDS = frozenset({
    "contact", "company", "connection", "referred_by", "referral_source", "referrals",
})

_MINUTES = r"(?:m|mins?|minutes?)"
_DURATION_RE = re.compile(
    r"(?P<hours>\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?)(?:\s*(?P<more>\d{1,2})\s*"
    + _MINUTES + r"?)?"
    r"|(?P<minutes>\d+)\s*" + _MINUTES + r"?"
    r"|(?P<clock_h>\d+):(?P<clock_m>[0-5]\d)", re.I)
MAX_DURATION = 24 * 60
"""The longest ``duration`` taken (minutes); a longer one is surely a slip of the keyboard."""

_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def to_json_safe(value: Any, *, text: bool = False) -> Any:
    """Convert a loaded YAML value into JSON types; ``text`` keeps scalars as written."""
    if isinstance(value, dict):
        return {str(k): to_json_safe(v, text=text) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [to_json_safe(v, text=text) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return ("true" if value else "false") if text else value
    if isinstance(value, int | float):
        if text or (isinstance(value, float) and not math.isfinite(value)):
            return str(value)  # NaN and infinity are not JSON
        return value
    if value is None or isinstance(value, str):
        return value
    return str(value)


def is_empty(value: Any) -> bool:
    """An empty value (``None``, ``""``, ``[]``, ``{}``) counts as absent."""
    return value is None or (isinstance(value, str | list | dict) and not value)


def as_date(value: Any) -> dt.date | None:
    """The calendar date a value names, as written (a time zone never shifts the day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = _DATE_RE.match(value)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


def as_datetime(value: Any) -> dt.datetime | None:
    """A date-time value (``None`` for a bare date or anything else)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and ("T" in value or " " in value.strip()):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def as_minutes(value: Any) -> int | None:
    """A length of time in whole minutes, as people write one: ``45``, ``45m``, ``45 min``,
    ``90 minutes``, ``1h``, ``1 hour``, ``1h30`` (``1h 30m``), ``1.5h`` (``1,5 h``), ``1:30``.
    ``None`` for anything else, a bare number that is not whole (``1.5``: hours or minutes?),
    nothing at all, or more than :data:`MAX_DURATION`: never a guess."""
    if isinstance(value, bool) or is_empty(value):
        return None
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, str) and (match := _DURATION_RE.fullmatch(value.strip())):
        if match["hours"] is not None:
            hours = match["hours"].replace(",", ".")
            if "." in hours and match["more"] is not None:
                return None  # 1.5h30: which is it?
            more = int(match["more"] or 0)
            if more >= 60:
                return None
            minutes = round(float(hours) * 60) + more
        elif match["minutes"] is not None:
            minutes = int(match["minutes"])
        else:
            minutes = int(match["clock_h"]) * 60 + int(match["clock_m"])
    else:
        return None
    return minutes if 0 < minutes <= MAX_DURATION else None


def as_bool(value: Any) -> bool:
    """A yes/no value: ``true``, ``yes``, ``y``, ``on``, ``1``, ``x`` (any case) are true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "y", "on", "1", "x", "done"}
    return False


def as_list(value: Any) -> list[Any]:
    """A value as a list: a scalar becomes a one-item list, empty values vanish."""
    if is_empty(value):
        return []
    if isinstance(value, list):
        return [v for v in value if not is_empty(v)]
    return [value]


def as_text(value: Any) -> str:
    """A scalar as display text: a link ``[[A|b]]`` becomes ``b``; lists are joined."""
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value if not is_empty(v))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if "[[" not in text:
        return text
    return WIKILINK_RE.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    """What a wikilink shows: its alias, else its target."""
    target, _subpath, alias = split_wikilink(match[2])
    return alias or target


def link_targets(value: Any) -> list[str]:
    """The note names a link-type value points at (wikilinks, else the plain text)."""
    names: list[str] = []
    for item in as_list(value):
        if not isinstance(item, str):
            item = str(item)
        found = [split_wikilink(m[2])[0] for m in WIKILINK_RE.finditer(item)]
        names.extend(found if found else [item.strip()])
    return [n for n in names if n]


def iter_strings(value: Any) -> Iterable[str]:
    """Every string inside a value (for finding links in any frontmatter key)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from iter_strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from iter_strings(v)
