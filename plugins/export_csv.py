"""``infoview export csv``: one row per contact, for spreadsheets.

RFC 4180 (the ``csv`` module's quoting, ``\\r\\n`` line ends), a header row, plain text only
(control characters dropped). A cell a spreadsheet would run as a formula is made inert with a
leading ``'`` (OWASP's rule).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from infoview.plugins.export_records import Records, printable
from infoview.session import Session

COLUMNS = ("name", "company", "role", "email", "phone", "linkedin", "status", "referred_by",
           "last_interaction", "next_reminder", "path")
"""The header row, in order."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""First characters that make a spreadsheet read a cell as a formula: OWASP's list, and the
full-width forms some locales of Excel accept too."""

JOIN = "; "
"""Between several emails or phone numbers in one cell."""


def inert(cell: str) -> str:
    """``cell``, with a leading ``'`` when a spreadsheet would run it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def row(contact: Mapping[str, Any]) -> list[str]:
    """One contact record as the cells of :data:`COLUMNS`."""
    upcoming = contact["next_reminder"]
    values = {
        **contact,
        "email": JOIN.join(contact["emails"]),
        "phone": JOIN.join(contact["phones"]),
        "next_reminder": f"{upcoming['due']} {upcoming['kind']}" if upcoming else "",
    }
    return [inert(printable(values[column] or "")) for column in COLUMNS]


def render_csv(session: Session, options: Mapping[str, Any]) -> str:
    """The header row, then a row per contact (in name order)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row(contact) for contact in Records.build(session).contacts)
    return out.getvalue()
