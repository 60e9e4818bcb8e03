"""``infoview export ics [--todos]``: a calendar (RFC 5545) of open reminders and interviews ahead.

- each open reminder: an all-day event on its due date with an alarm at 9:00 that day (with
  ``--todos``: a to-do due that day, alarm at 9:00, instead);
- each interview dated today or later: an event at its time lasting ``duration`` minutes (30 when
  not given), or an all-day event when it has a date only; an alarm at 9:00 that day (an hour
  before, for a conversation that starts before 10:00).

UIDs come from the reminder id and the interview's path, DTSTAMP from "today" (midnight UTC) and
SEQUENCE from when the notes an item comes from last changed, so two exports of the same notes on
the same day are byte-identical, and a calendar that imports the file again updates its events
(a rescheduled interview moves) instead of adding copies. See docs/export.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from icalendar import Alarm, Calendar, Component, Event, Todo

from infoview.api import Session, as_date, as_datetime
from infoview.plugins.exports.records import Records, printable

PRODID = "-//infoview//infoview export//EN"
ALARM_AT = dt.timedelta(hours=9)
"""When a reminder's alarm goes off: this long after the start of its (floating) due day."""
DEFAULT_MINUTES = 30
"""An interview's length when its note gives no ``duration``."""
MEDIUMS = {"in-person": "In person", "phone": "Phone call", "video": "Video call"}
"""LOCATION of an interview without a ``location`` property, from its ``medium``."""
ONE_DAY = dt.timedelta(days=1)
ALARM_BEFORE = dt.timedelta(hours=1)
"""An interview's alarm goes off at :data:`ALARM_AT` on its day, or this long before it starts
when 9:00 is later than that."""
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
"""SEQUENCE counts seconds from here (an iCalendar integer is 32 bits: good until 2088)."""


def sequence(mtimes_ns: list[int]) -> int:
    """SEQUENCE for an item made from notes last changed at ``mtimes_ns``: the newest change,
    in seconds since :data:`SEQUENCE_EPOCH`. It grows when one of the notes is edited, so a
    calendar that imports the file again takes the new version of an event with the same UID."""
    newest = max(mtimes_ns, default=0) // 1_000_000_000
    return max(0, newest - int(SEQUENCE_EPOCH.timestamp()))


def _day_after(day: dt.date) -> dt.date | None:
    """The next day; ``None`` after the last day Python knows (DTEND is then left out, which
    means one day for an all-day event)."""
    return None if day == dt.date.max else day + ONE_DAY


def interview_uid(path: str) -> str:
    """A stable UID for the interview note at vault path ``path``."""
    return f"interview-{hashlib.sha1(path.encode()).hexdigest()[:16]}@infoview"


def _alarm(summary: str, *, todo: bool = False,
           trigger: dt.timedelta = ALARM_AT) -> Alarm:
    """A display alarm ``trigger`` after (negative: before) the start of an event, or the DUE
    of a to-do (a to-do here has no DTSTART); by default at :data:`ALARM_AT` on the day of an
    all-day item."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", printable(summary))
    if todo:
        alarm.add("trigger", trigger, parameters={"RELATED": "END"})
    else:
        alarm.add("trigger", trigger)
    return alarm


def interview_trigger(start: dt.datetime) -> dt.timedelta:
    """When an interview starting at ``start`` (its own clock, zone or not) is announced: at
    :data:`ALARM_AT` on its day, or :data:`ALARM_BEFORE` before it when that is earlier."""
    since_midnight = dt.timedelta(hours=start.hour, minutes=start.minute, seconds=start.second)
    return -max(since_midnight - ALARM_AT, ALARM_BEFORE)


def reminder_component(reminder: Mapping[str, Any], stamp: dt.datetime, *,
                       todo: bool, seq: int = 0) -> Component:
    """An all-day VEVENT (or a VTODO) with an alarm for one reminder record; ``seq``: its
    SEQUENCE."""
    due = dt.date.fromisoformat(reminder["due"])
    item: Component = Todo() if todo else Event()
    item.add("uid", f"{reminder['id']}{'-todo' if todo else ''}@infoview")
    item.add("dtstamp", stamp)
    item.add("sequence", seq)
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
                    stamp: dt.datetime, seq: int = 0) -> Event | None:
    """The VEVENT of an interview record (``seq``: its SEQUENCE), ``None`` when it has no date
    (or one so near the end of time that its end cannot be written)."""
    moment, day = as_datetime(interview["date"]), as_date(interview["date"])
    if day is None:
        return None
    event = Event()
    event.add("uid", interview_uid(interview["path"]))
    event.add("dtstamp", stamp)
    event.add("sequence", seq)
    length = interview["duration"] or DEFAULT_MINUTES
    start: dt.date | dt.datetime = day
    end = _day_after(day)
    trigger = ALARM_AT
    if moment is not None:
        trigger = interview_trigger(moment)  # on the clock the note was written in
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
    event.add_component(_alarm(str(event["summary"]), trigger=trigger))
    return event


def render_ics(session: Session, options: Mapping[str, Any]) -> bytes:
    """The calendar (``options["todos"]``: reminders as VTODOs)."""
    records = Records.build(session)
    stamp = dt.datetime.combine(records.today, dt.time(), dt.UTC)
    modified = session.index.modified()

    def seq(paths: list[str | None]) -> int:
        return sequence([modified[p] for p in paths if p in modified])

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", printable(f"infoview: {session.vault.name}"))
    for reminder in records.reminders:
        paths = [reminder["note"], *(p["path"] for p in reminder["people"])]
        calendar.add_component(reminder_component(reminder, stamp, seq=seq(paths),
                                                  todo=bool(options.get("todos"))))
    contacts = {c["path"]: c for c in records.contacts}
    for interview in records.interviews:
        day = as_date(interview["date"])
        if day is not None and day >= records.today:
            event = interview_event(interview, contacts, stamp,
                                    seq([interview["path"], *interview["contact_paths"]]))
            if event is not None:
                calendar.add_component(event)
    return bytes(calendar.to_ical())
