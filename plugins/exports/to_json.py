"""``infoview export json``: the vault's records as one JSON document (version 1).

``{"version", "generated", "contacts", "interviews", "companies", "reminders"}``; every key is
documented in docs/export.md. Keys keep the records' order and lists are in a fixed order, so
the same notes and the same "today" give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from infoview.api import Session
from infoview.plugins.exports.records import Records

VERSION = 1
"""Raised only when a key changes meaning or goes away; new keys may appear in version 1."""


def document(records: Records) -> dict[str, Any]:
    """The JSON document as a dict (keys in their documented order)."""
    return {
        "version": VERSION,
        "generated": records.today.isoformat(),
        "contacts": records.contacts,
        "interviews": records.interviews,
        "companies": records.companies,
        "reminders": records.reminders,
    }


def render_json(session: Session, options: Mapping[str, Any]) -> str:
    """The document, indented by 2, UTF-8 text as is, with a trailing newline."""
    return json.dumps(document(Records.build(session)), ensure_ascii=False, indent=2) + "\n"
