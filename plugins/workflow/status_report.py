"""The state of the job search at a glance, for ``infoview status`` and ``Infoview/Dashboard.md``:
people per status, the conversations of the last ``[strategy] active_days`` (30) against the
method's ``active_goal`` (5) going at once, this week's activity, and what is due.

"This week" is Monday to Sunday of the week holding "today"; what is counted happened from
Monday up to today. A conversation is an interview note with a date; one dated today counts as
held.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from infoview.api import (
    STATUSES,
    Reminder,
    Session,
    as_date,
    as_record,
    as_text,
    is_empty,
    open_reminders,
    shift,
)
from infoview.plugins.workflow.pipeline import Pipeline

DUE_DAYS = 7
"""Reminders due within this many days count as "due this week" (as ``infoview due``)."""
CHANNELS = ("referral", "connection", "cold")
STAGES = ("people", "contacted", "interviewed", "referred_others")
NOT_CONTACTED = frozenset({"", "prospect", "dormant"})


@dataclass(slots=True)
class Funnel:
    """How far the people of one channel got: how many there are, reached ``contacted``, had a
    conversation, and referred someone."""

    people: int = 0
    contacted: int = 0
    interviewed: int = 0
    referred_others: int = 0

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {stage: getattr(self, stage) for stage in STAGES}
        out["conversion"] = {f"{a}_to_{b}": self.rate(a, b)
                             for a, b in itertools.pairwise(STAGES)}
        return out

    def rate(self, before: str, after: str) -> float | None:
        """The share of ``before`` that reached ``after`` (``None`` when ``before`` is 0)."""
        total = getattr(self, before)
        return round(getattr(self, after) / total, 3) if total else None


@dataclass(slots=True)
class Meeting:
    """A conversation: the interview note, its date and who was there."""

    path: str
    name: str
    date: dt.date
    people: list[tuple[str, str | None]]

    def record(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "path": self.path,
                "people": [{"name": n, "path": p} for n, p in self.people]}

    @property
    def who(self) -> str:
        names = [n for n, _ in self.people] or [self.name]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(slots=True)
class Status:
    """What ``status`` shows."""

    today: dt.date
    people: dict[str, list[tuple[str, str]]]
    """Status → ``(name, path)`` of each contact with it, by name."""
    other: list[tuple[str, str, str]]
    """``(name, path, status as written)`` of contacts with no or another status."""
    goal: int
    days: int
    recent: list[Meeting]
    """Conversations held within the last ``days`` days, newest first."""
    ahead: list[Meeting]
    """Conversations after today, soonest first."""
    week_start: dt.date
    held_this_week: list[Meeting]
    thanked: list[Meeting] = field(default_factory=list)
    followed_up: list[Meeting] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    """Open reminders due within :data:`DUE_DAYS` (overdue first)."""
    later: int = 0
    """Open reminders due after that."""
    funnel: dict[str, Funnel] = field(default_factory=dict)
    """Channel (``referral``, ``connection``, ``cold``) → its funnel."""

    @property
    def week_end(self) -> dt.date:
        return shift(self.week_start, 6)

    @property
    def active_people(self) -> list[str]:
        """Distinct people of the recent and coming conversations."""
        seen: dict[str, str] = {}
        for meeting in (*self.recent, *self.ahead):
            for name, path in meeting.people:
                seen.setdefault(path or name, name)
        return list(seen.values())

    @property
    def overdue(self) -> list[Reminder]:
        return [r for r in self.reminders if r.due < self.today]

    @property
    def due_soon(self) -> list[Reminder]:
        return [r for r in self.reminders if r.due >= self.today]

    def record(self) -> dict[str, Any]:
        """``status --json``."""
        return {
            "today": self.today.isoformat(),
            "people": {s: len(self.people[s]) for s in STATUSES},
            "other_status": len(self.other),
            "total": sum(len(v) for v in self.people.values()) + len(self.other),
            "conversations": {
                "days": self.days, "goal": self.goal, "held": len(self.recent),
                "people": len(self.active_people), "ahead": len(self.ahead),
                "recent": [m.record() for m in self.recent],
                "coming": [m.record() for m in self.ahead],
            },
            "week": {
                "from": self.week_start.isoformat(), "to": self.week_end.isoformat(),
                "interviews": [m.record() for m in self.held_this_week],
                "thank_yous": [m.record() for m in self.thanked],
                "follow_ups": [m.record() for m in self.followed_up],
            },
            "due": {
                "overdue": len(self.overdue), "within_days": DUE_DAYS,
                "soon": len(self.due_soon), "later": self.later,
                "reminders": [as_record(r, self.today) for r in self.reminders],
            },
            "funnel": {channel: self.funnel[channel].record() for channel in CHANNELS},
        }


def read_status(session: Session) -> Status:
    """The status of the vault (index up to date)."""
    pipeline = Pipeline.read(session)
    today = session.today
    strategy = session.config.data["strategy"]
    people: dict[str, list[tuple[str, str]]] = {s: [] for s in STATUSES}
    other: list[tuple[str, str, str]] = []
    for note in pipeline.contacts.values():
        written = as_text(note.props.get("status")).strip()
        if written.lower() in people:
            people[written.lower()].append((note.name, note.path))
        else:
            other.append((note.name, note.path, written))
    for members in people.values():
        members.sort(key=lambda m: (m[0].casefold(), m[1]))
    meetings: list[tuple[Meeting, Any, Any]] = []
    for note in pipeline.interviews.values():
        day = as_date(note.props.get("date"))
        if day is not None:
            meetings.append((Meeting(note.path, note.name, day,
                                     pipeline.attendees.get(note.path, [])),
                             as_date(note.props.get("thank_you_sent")),
                             as_date(note.props.get("follow_up_sent"))))
    days = int(strategy["active_days"])
    since = shift(today, -days)
    week_start = shift(today, -today.weekday())

    def this_week(day: dt.date | None) -> bool:
        return day is not None and week_start <= day <= today

    by_date = sorted(meetings, key=lambda m: (m[0].date, m[0].path))
    status = Status(
        today=today, people=people, other=sorted(other), goal=int(strategy["active_goal"]),
        days=days,
        recent=[m for m, _, _ in reversed(by_date) if since < m.date <= today],
        ahead=[m for m, _, _ in by_date if m.date > today],
        week_start=week_start,
        held_this_week=[m for m, _, _ in by_date if this_week(m.date)],
        thanked=[m for m, sent, _ in by_date if this_week(sent)],
        followed_up=[m for m, _, sent in by_date if this_week(sent)],
    )
    status.funnel = funnels(pipeline, today)
    horizon = shift(today, DUE_DAYS)
    reminders = open_reminders(session)
    status.reminders = [r for r in reminders if r.due <= horizon]
    status.later = len(reminders) - len(status.reminders)
    return status


def funnels(pipeline: Pipeline, today: dt.date) -> dict[str, Funnel]:
    """The funnel of each channel. A contact's channel is ``referral`` (it has a
    ``referred_by``), else ``connection`` (a ``connection``), else ``cold``; it was *contacted*
    when its status is past ``prospect`` (``dormant`` aside) or it has a conversation, held or
    planned; *interviewed* when a conversation was held (dated today or before); and *referred
    others* when another contact's ``referred_by`` names it."""
    talks: dict[str, list[dt.date | None]] = {}
    for source, people in pipeline.attendees.items():
        interview = pipeline.interviews.get(source)
        day = as_date(interview.props.get("date")) if interview is not None else None
        for _name, path in people:
            if path is not None:
                talks.setdefault(path, []).append(day)
    found = {channel: Funnel() for channel in CHANNELS}
    for path, contact in pipeline.contacts.items():
        props = contact.props
        channel = "referral" if not is_empty(props.get("referred_by")) else \
            "connection" if not is_empty(props.get("connection")) else "cold"
        funnel = found[channel]
        funnel.people += 1
        status = as_text(props.get("status")).strip().lower()
        if status not in NOT_CONTACTED or path in talks:
            funnel.contacted += 1
        if any(day is not None and day <= today for day in talks.get(path, [])):
            funnel.interviewed += 1
        if path in pipeline.referrers:
            funnel.referred_others += 1
    return found


def pace(status: Status) -> str:
    """One sentence on the conversations going, against the method's goal."""
    held, coming, goal = len(status.recent), len(status.ahead), status.goal
    active = len(status.active_people)
    talks = f"{held} in the last {status.days} days"
    if coming:
        talks += f" and {coming} coming up"
    if active >= goal:
        return f"{talks}, with {active} people: the five or six going at once that the " \
            "method asks for."
    short = goal - active
    return f"{talks}, with {active} {'person' if active == 1 else 'people'}. The method " \
        f"keeps five or six going at once: line up {short} more."
