"""``infoview export csv [--no-guard]``: one row per contact, for spreadsheets.

RFC 4180 (``\\r\\n`` line ends, a cell holding a comma, a quote or a line break quoted, quotes
doubled), a header row, plain text only (control characters dropped). A cell holding a ``;`` is
quoted too: spreadsheets set to a German or French locale split a CSV on ``;``.

A cell a spreadsheet would run as a formula is made inert with a leading ``'`` (OWASP's rule),
and so is each ``;``-separated part of a cell, because a spreadsheet that splits on ``;`` makes
each part a cell of its own (``X;=1+2`` is exported as ``X;'=1+2``). ``--no-guard`` leaves every
cell as it is, for tools that never evaluate formulas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from infoview.api import Session
from infoview.plugins.exports.records import Records, printable

COLUMNS = ("name", "company", "role", "email", "phone", "linkedin", "status", "referred_by",
           "last_interaction", "next_reminder", "path")
"""The header row, in order."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""First characters that make a spreadsheet read a cell as a formula: OWASP's list, and the
full-width forms some locales of Excel accept too."""

JOIN = "; "
"""Between several emails or phone numbers in one cell."""

_QUOTED = (",", ";", '"', "\r", "\n")
"""A cell holding one of these is quoted."""


def inert(cell: str) -> str:
    """``cell``, with a ``'`` before it and before each of its ``;``-separated parts that a
    spreadsheet would run as a formula."""
    if not any(start in cell for start in FORMULA_STARTS):
        return cell
    return ";".join("'" + part if part.startswith(FORMULA_STARTS) else part
                    for part in cell.split(";"))


def quoted(cell: str) -> str:
    """``cell`` as a CSV field: in quotes (quotes doubled) when it holds a comma, a semicolon,
    a quote or a line break. (The ``csv`` module cannot quote on ``;`` alone.)"""
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in _QUOTED) else cell


def line(cells: Iterable[str]) -> str:
    return ",".join(quoted(cell) for cell in cells) + "\r\n"


def row(contact: Mapping[str, Any], *, guard: bool = True) -> list[str]:
    """One contact record as the cells of :data:`COLUMNS` (made inert unless ``guard`` is
    false)."""
    upcoming = contact["next_reminder"]
    values = {
        **contact,
        "email": JOIN.join(contact["emails"]),
        "phone": JOIN.join(contact["phones"]),
        "next_reminder": f"{upcoming['due']} {upcoming['kind']}" if upcoming else "",
    }
    cells = [printable(values[column] or "") for column in COLUMNS]
    return [inert(cell) for cell in cells] if guard else cells


def render_csv(session: Session, options: Mapping[str, Any]) -> str:
    """The header row, then a row per contact (in name order); ``options["no_guard"]``: no
    formula guard."""
    guard = not options.get("no_guard")
    contacts = Records.build(session).contacts
    return line(COLUMNS) + "".join(line(row(contact, guard=guard)) for contact in contacts)
