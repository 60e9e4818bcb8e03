"""``infoview export ics [--todos]``: a calendar (RFC 5545) of open reminders and interviews ahead.

- each open reminder: an all-day event on its due date with an alarm at 9:00 that day (with
  ``--todos``: a to-do due that day, alarm at 9:00, instead);
- each interview dated today or later: an event at its time lasting ``duration`` minutes (30 when
  not given), or an all-day event when it has a date only.

UIDs come from the reminder id and the interview's path, and DTSTAMP from "today" (midnight UTC),
so two exports of the same notes on the same day are byte-identical and a calendar that imports
the file again updates its events instead of adding copies. See docs/export.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from icalendar import Alarm, Calendar, Component, Event, Todo

from infoview.plugins.export_records import Records, printable
from infoview.session import Session
from infoview.values import as_date, as_datetime

PRODID = "-//infoview//infoview export//EN"
ALARM_AT = dt.timedelta(hours=9)
"""When a reminder's alarm goes off: this long after the start of its (floating) due day."""
DEFAULT_MINUTES = 30
"""An interview's length when its note gives no ``duration``."""
MEDIUMS = {"in-person": "In person", "phone": "Phone call", "video": "Video call"}
"""LOCATION of an interview without a ``location`` property, from its ``medium``."""
ONE_DAY = dt.timedelta(days=1)


def _day_after(day: dt.date) -> dt.date | None:
    """The next day; ``None`` after the last day Python knows (DTEND is then left out, which
    means one day for an all-day event)."""
    return None if day == dt.date.max else day + ONE_DAY


def interview_uid(path: str) -> str:
    """A stable UID for the interview note at vault path ``path``."""
    return f"interview-{hashlib.sha1(path.encode()).hexdigest()[:16]}@infoview"


def _alarm(summary: str, *, todo: bool) -> Alarm:
    """A display alarm at :data:`ALARM_AT` on the day: relative to an event's DTSTART, or to a
    to-do's DUE (a to-do here has no DTSTART)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", printable(summary))
    if todo:
        alarm.add("trigger", ALARM_AT, parameters={"RELATED": "END"})
    else:
        alarm.add("trigger", ALARM_AT)
    return alarm


def reminder_component(reminder: Mapping[str, Any], stamp: dt.datetime, *,
                       todo: bool) -> Component:
    """An all-day VEVENT (or a VTODO) with an alarm for one reminder record."""
    due = dt.date.fromisoformat(reminder["due"])
    item: Component = Todo() if todo else Event()
    item.add("uid", f"{reminder['id']}{'-todo' if todo else ''}@infoview")
    item.add("dtstamp", stamp)
    if todo:
        item.add("due", due)
        item.add("status", "NEEDS-ACTION")
    else:
        item.add("dtstart", due)
        if (end := _day_after(due)) is not None:
            item.add("dtend", end)
        item.add("transp", "TRANSPARENT")
    item.add("summary", printable(reminder["sentence"]))
    item.add("description", printable(f"{reminder['sentence']}\nNote: {reminder['note']}\n"
                                      f"Done? infoview done {reminder['id']}"))
    item.add("categories", ["infoview", reminder["kind"]])
    item.add_component(_alarm(reminder["sentence"], todo=todo))
    return item


def _names(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _who(contact: Mapping[str, Any]) -> str:
    about = ", ".join(v for v in (contact["role"], contact["company"]) if v)
    return f"{contact['name']} ({about})" if about else contact["name"]


def interview_event(interview: Mapping[str, Any], contacts: Mapping[str, Mapping[str, Any]],
                    stamp: dt.datetime) -> Event | None:
    """The VEVENT of an interview record, ``None`` when it has no date (or one so near the end
    of time that its end cannot be written)."""
    moment, day = as_datetime(interview["date"]), as_date(interview["date"])
    if day is None:
        return None
    event = Event()
    event.add("uid", interview_uid(interview["path"]))
    event.add("dtstamp", stamp)
    length = interview["duration"] or DEFAULT_MINUTES
    start: dt.date | dt.datetime = day
    end = _day_after(day)
    if moment is not None:
        try:
            if moment.tzinfo is not None:  # an offset (not a named zone): the same moment in UTC
                moment = moment.astimezone(dt.UTC)
            start, end = moment, moment + dt.timedelta(minutes=length)
        except OverflowError:
            return None
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    people = [contacts[p] for p in interview["contact_paths"] if p in contacts]
    # Display names when every person links to a contact note, else the names as written.
    names = [c["name"] for c in people] if len(people) >= len(interview["contacts"]) \
        else interview["contacts"]
    event.add("summary", printable(f"Informational interview with {_names(names)}" if names
                                   else f"Informational interview ({interview['name']})"))
    medium = interview["medium"]
    where = interview["location"] or MEDIUMS.get((medium or "").lower(), medium)
    if where:
        event.add("location", printable(where))
    lines = [_who(contact) for contact in people]
    if medium:
        lines.append(f"Medium: {medium}")
    if interview["duration"]:
        lines.append(f"Duration: {length} minutes")
    elif moment is not None:
        lines.append(f"Duration: not given ({DEFAULT_MINUTES} minutes assumed)")
    lines.append(f"Prepared: {'yes' if interview['prepared'] else 'no'}")
    lines.append(f"Note: {interview['path']}")
    event.add("description", printable("\n".join(lines)))
    event.add("categories", ["infoview", "interview"])
    return event


def render_ics(session: Session, options: Mapping[str, Any]) -> bytes:
    """The calendar (``options["todos"]``: reminders as VTODOs)."""
    records = Records.build(session)
    stamp = dt.datetime.combine(records.today, dt.time(), dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", printable(f"infoview: {session.vault.name}"))
    for reminder in records.reminders:
        calendar.add_component(reminder_component(reminder, stamp,
                                                  todo=bool(options.get("todos"))))
    contacts = {c["path"]: c for c in records.contacts}
    for interview in records.interviews:
        day = as_date(interview["date"])
        if day is not None and day >= records.today:
            event = interview_event(interview, contacts, stamp)
            if event is not None:
                calendar.add_component(event)
    return bytes(calendar.to_ical())
