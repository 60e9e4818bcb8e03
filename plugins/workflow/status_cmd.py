"""``infoview status [--json]``: the pipeline (people per status), the conversations going against
the method's five or six, this week's activity and what is due."""

from __future__ import annotations

import datetime as dt
import itertools

import click

from infoview.api import (
    STATUSES,
    Session,
    json_option,
    plain,
    print_json,
    session_options,
    up_to_date,
)
from infoview.plugins.workflow.status_report import CHANNELS, STAGES, Status, pace, read_status

NAMES_SHOWN = 6
"""Names listed per status before the rest are counted."""
REMINDERS_SHOWN = 10
"""Reminders listed before the rest are counted (`infoview due` lists them all)."""


@click.command("status")
@json_option
@session_options
def status_command(session: Session, as_json: bool) -> None:
    """The job search at a glance: people per status, conversations in the last 30 days
    against the five or six the method keeps going, this week's activity, what is due."""
    up_to_date(session)
    status = read_status(session)
    if as_json:
        print_json(status.record())
        return
    for line in status_lines(status):
        click.echo(line)


def status_lines(status: Status) -> list[str]:
    """``status`` as text lines."""
    total = sum(len(v) for v in status.people.values()) + len(status.other)
    lines = [f"Your job search on {long_date(status.today)}", "", f"People: {total}"]
    width = max(len(s) for s in STATUSES) + 2
    for key in STATUSES:
        members = status.people[key]
        lines.append(f"  {key:<{width}}{len(members):>3}   {names(members)}".rstrip())
    if status.other:
        shown = names([(f"{n} ({s})" if s else n, p) for n, p, s in status.other])
        lines.append(f"  {'other':<{width}}{len(status.other):>3}   {shown}")
    lines += ["", f"Conversations: {pace(status)}"]
    for meeting in status.recent:
        lines.append(f"  {meeting.date.isoformat()}  {meeting.who}")
    for meeting in status.ahead:
        lines.append(f"  {meeting.date.isoformat()}  {meeting.who} (coming)")
    lines += ["", f"This week ({long_date(status.week_start, status.today)} to "
              f"{long_date(status.week_end, status.today)}): {week(status)}"]
    lines += ["", "Funnel (people, then how many were contacted, interviewed and referred "
              "someone):"]
    lines += [f"  {line}" for line in funnel_lines(status)]
    lines += ["", f"Due: {due(status)}"]
    for reminder in status.reminders[:REMINDERS_SHOWN]:
        late = (status.today - reminder.due).days
        when = f"{late} day{'s' if late != 1 else ''} late" if late > 0 else \
            "today" if late == 0 else f"in {-late} day{'s' if late != -1 else ''}"
        lines.append(f"  {when:<13}{plain(reminder.sentence)} ({reminder.id})")
    if len(status.reminders) > REMINDERS_SHOWN:
        lines.append(f"  ... and {len(status.reminders) - REMINDERS_SHOWN} more")
    return lines


def funnel_lines(status: Status) -> list[str]:
    """One line per channel: ``referral     4 → 3 (75%) → 2 (67%) → 1 (50%)``."""
    lines = []
    for channel in CHANNELS:
        funnel = status.funnel[channel]
        steps = [str(funnel.people)]
        for before, after in itertools.pairwise(STAGES):
            rate = funnel.rate(before, after)
            share = f" ({rate:.0%})" if rate is not None else ""
            steps.append(f"{getattr(funnel, after)}{share}")
        lines.append(f"{channel:<11}" + " → ".join(steps))
    return lines


def names(members: list[tuple[str, str]]) -> str:
    shown = [name for name, _ in members[:NAMES_SHOWN]]
    more = len(members) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def week(status: Status) -> str:
    held, thanked, followed = (len(status.held_this_week), len(status.thanked),
                               len(status.followed_up))
    return (f"{held} conversation{'s' if held != 1 else ''} held, {thanked} thank-you "
            f"note{'s' if thanked != 1 else ''} and {followed} follow-up"
            f"{'s' if followed != 1 else ''} sent.")


def due(status: Status) -> str:
    overdue, soon = len(status.overdue), len(status.due_soon)
    if not overdue and not soon:
        later = f" ({status.later} later)" if status.later else ""
        return f"nothing in the next 7 days{later}."
    parts = [f"{overdue} overdue"] if overdue else []
    if soon:
        parts.append(f"{soon} {'more ' if overdue else ''}within 7 days")
    return " and ".join(parts) + ": `infoview due` lists them, `infoview done ID` closes one."


def long_date(day: dt.date, today: dt.date | None = None) -> str:
    """``Thursday 3 December 2026`` (the year left out when ``today`` is in the same one)."""
    year = "" if today is not None and today.year == day.year else f" {day.year}"
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')}{year}"
