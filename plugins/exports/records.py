"""The vault as flat records, for the export formats (and anything else that wants them).

Every value is plain text as a person reads it (a link ``"[[Acme]]"`` becomes ``Acme``), dates
are ``YYYY-MM-DD`` (date-times keep their time), keys come in a fixed order. One
:class:`Records` is built per command, from the up-to-date index, and shared by the formats.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from infoview.api import (
    STATUSES,
    IndexedNote,
    Reminder,
    Session,
    as_bool,
    as_date,
    as_datetime,
    as_list,
    as_minutes,
    as_record,
    as_text,
    is_empty,
    open_reminders,
    plain,
)

CONTACT_STATUSES = STATUSES
"""The contract's statuses, in pipeline order."""


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: str) -> str:
    """``value`` without the control characters that calendars, address books and spreadsheets
    may reject (tabs and line breaks stay; ``\\r\\n`` and ``\\r`` become ``\\n``). For the file
    formats; the records themselves keep the text exactly."""
    return _CONTROL_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def text(value: Any) -> str | None:
    """A value as plain text, ``None`` when empty."""
    out = as_text(value).strip()
    return out or None


def texts(value: Any) -> list[str]:
    """A value as a list of plain texts (empty items dropped)."""
    return [t for t in (as_text(v).strip() for v in as_list(value)) if t]


def when(value: Any) -> str | None:
    """A date as ``YYYY-MM-DD``, a date-time as ``YYYY-MM-DDTHH:MM:SS`` (its zone kept)."""
    moment = as_datetime(value)
    if moment is not None:
        return moment.isoformat()
    day = as_date(value)
    return day.isoformat() if day is not None else None


@dataclass
class Records:
    """Contacts, interviews, companies and open reminders as records (see the module doc)."""

    contacts: list[dict[str, Any]]
    interviews: list[dict[str, Any]]
    companies: list[dict[str, Any]]
    reminders: list[dict[str, Any]]
    open: list[Reminder]
    today: dt.date

    @classmethod
    def build(cls, session: Session) -> Records:
        """Read everything once (cached on the session for the other formats of this run)."""
        cached = session.cache.get(__name__)
        if isinstance(cached, cls):
            return cached
        index = session.index
        resolved = _resolved_links(session)
        reminders = open_reminders(session)
        next_for: dict[str, Reminder] = {}
        for reminder in reminders:  # sorted by due date: the first one per person is the next
            for _name, path in reminder.people:
                if path is not None and path not in next_for:
                    next_for[path] = reminder
        last = _last_interactions(session)
        contacts = [_contact(n, resolved, last.get(n.path), next_for.get(n.path))
                    for n in index.notes("contact")]
        names = {n.path: n.name for n in index.notes()}
        interviews = [_interview(n, resolved, names) for n in index.notes("interview")]
        interviews.sort(key=lambda r: (r["date"] or "", r["path"]))
        companies = [_company(n) for n in index.notes("company")]
        records = cls(contacts, interviews, companies,
                      [as_record(r, session.today) for r in reminders], reminders, session.today)
        session.cache[__name__] = records
        return records


def _resolved_links(session: Session) -> dict[tuple[str, str], list[str]]:
    """``(source, field) → [resolved paths]`` for the frontmatter links exports need."""
    out: dict[tuple[str, str], list[str]] = {}
    for link in session.index.field_links("company", "referred_by", "referral_source",
                                          "connection", "contact", "referrals"):
        if link.resolved is None:
            continue
        found = out.setdefault((link.source, link.field), [])
        if link.resolved not in found:
            found.append(link.resolved)
    return out


def _last_interactions(session: Session) -> dict[str, dt.date]:
    if "reminders" not in session.plugins.info:
        return {}
    from infoview.plugins.reminders import last_interactions

    return last_interactions(session)


def _first(resolved: dict[tuple[str, str], list[str]], path: str, fld: str) -> str | None:
    found = resolved.get((path, fld))
    return found[0] if found else None


def _contact(note: IndexedNote, resolved: dict[tuple[str, str], list[str]],
             last: dt.date | None, upcoming: Reminder | None) -> dict[str, Any]:
    props = note.props
    return {
        "name": note.name,
        "aliases": texts(props.get("aliases")),
        "company": text(props.get("company")),
        "company_path": _first(resolved, note.path, "company"),
        "role": text(props.get("role")),
        "emails": texts(props.get("email")),
        "phones": texts(props.get("phone")),
        "linkedin": text(props.get("linkedin")),
        "status": text(props.get("status")),
        "connection": text(props.get("connection")),
        "connection_path": _first(resolved, note.path, "connection"),
        "referred_by": text(props.get("referred_by")),
        "referred_by_path": _first(resolved, note.path, "referred_by"),
        "referral_source": text(props.get("referral_source")),
        "referral_source_path": _first(resolved, note.path, "referral_source"),
        "keep_in_touch": text(props.get("keep_in_touch")),
        "last_contact": when(props.get("last_contact")),
        "last_interaction": last.isoformat() if last else None,
        "next_reminder": None if upcoming is None else {
            "id": upcoming.id, "kind": upcoming.kind, "due": upcoming.due.isoformat(),
            "sentence": plain(upcoming.sentence)},
        "tags": texts(props.get("tags")),
        "path": note.path,
    }


def _interview(note: IndexedNote, resolved: dict[tuple[str, str], list[str]],
               names: dict[str, str]) -> dict[str, Any]:
    props = note.props
    contact_paths = resolved.get((note.path, "contact"), [])
    return {
        "name": note.name,
        "date": when(props.get("date")),
        "contacts": texts(props.get("contact")),
        "contact_paths": contact_paths,
        "company": text(props.get("company")),
        "medium": text(props.get("medium")),
        "location": text(props.get("location")),
        "duration": as_minutes(props.get("duration")),
        "prepared": as_bool(props.get("prepared")),
        "thank_you_sent": _sent(props.get("thank_you_sent")),
        "follow_up_sent": _sent(props.get("follow_up_sent")),
        "referrals": texts(props.get("referrals")),
        "path": note.path,
    }


def _sent(value: Any) -> str | bool | None:
    """A sent marker as the date it names, ``True`` for a plain yes, else ``None``."""
    day = when(value)
    if day is not None:
        return day
    return True if not is_empty(value) and as_bool(value) else None


def _company(note: IndexedNote) -> dict[str, Any]:
    props = note.props
    return {
        "name": note.name,
        "website": text(props.get("website")),
        "industry": text(props.get("industry")),
        "size": text(props.get("size")),
        "location": text(props.get("location")),
        "tags": texts(props.get("tags")),
        "path": note.path,
    }
