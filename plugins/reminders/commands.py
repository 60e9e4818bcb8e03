"""``infoview due [--within DAYS]`` and ``infoview done ID``."""

from __future__ import annotations

import datetime as dt

import click

from infoview.api import (
    NotFoundError,
    Reminder,
    Session,
    as_record,
    is_terminal,
    json_option,
    normalise_id,
    open_reminders,
    plain,
    print_json,
    session_options,
    shift,
    table,
    up_to_date,
)


def _when(reminder: Reminder, today: dt.date) -> str:
    late = reminder.days_late(today)
    if late > 0:
        return f"{late} day{'s' if late > 1 else ''} late"
    if late == 0:
        return "today"
    return f"in {-late} day{'s' if late < -1 else ''}"


@click.command("due")
@click.option("--within", default=7, show_default=True, type=click.IntRange(min=0),
              metavar="DAYS", help="Also show what is due in the next DAYS days.")
@json_option
@session_options
def due(session: Session, within: int, as_json: bool) -> None:
    """Open reminders: overdue first (how many days late), then what is due within DAYS."""
    up_to_date(session)
    today = session.today
    horizon = shift(today, within)
    shown = [r for r in open_reminders(session) if r.due <= horizon]
    if as_json:
        print_json({"today": today.isoformat(), "within": within,
                    "reminders": [as_record(r, today) for r in shown]})
        return
    if not shown:
        click.echo(f"Nothing due in the next {within} days. (infoview due --within 30 looks "
                   "further ahead.)")
        return
    overdue = [r for r in shown if r.due < today]
    upcoming = [r for r in shown if r.due >= today]
    for title, items in ((f"{len(overdue)} overdue", overdue),
                         (f"{len(upcoming)} due within {within} days", upcoming)):
        if items:
            if not is_terminal():
                click.echo(f"{title[0].upper()}{title[1:]}:")
            table(title, ["When", "Due", "Kind", "To do", "Id"],
                  [[_when(r, today), r.due.isoformat(), r.kind, plain(r.sentence), r.id]
                   for r in items])


@click.command("done")
@click.argument("reminder_id", metavar="ID")
@click.option("--dry-run", is_flag=True, help="Show the change; write nothing.")
@session_options
def done(session: Session, reminder_id: str, dry_run: bool) -> int:
    """Mark a reminder done: write the property that closes it (e.g. thank_you_sent: today)."""
    from infoview.plugins.reminders.note import close

    if not reminder_id.strip().lstrip("^"):
        raise click.UsageError("give the id of a reminder, as `infoview due` shows it (iv-3f9a1c)")
    up_to_date(session)
    wanted = normalise_id(reminder_id)
    matches = [r for r in open_reminders(session) if r.id == wanted]
    if not matches:
        raise NotFoundError(f"no open reminder {wanted}; `infoview due --within 365` lists them")
    reminder = matches[0]
    closing = reminder.closing
    value = closing.value.isoformat() if isinstance(closing.value, dt.date) else \
        str(closing.value).lower() if isinstance(closing.value, bool) else str(closing.value)
    if close(session, reminder):
        if dry_run:
            for diff in session.writer.report.diffs:
                click.echo(diff, nl=False)
        verb = "Would write" if dry_run else "Wrote"
        click.echo(f"{verb} {closing.field}: {value} to {closing.path} "
                   f"({reminder.kind}: {plain(reminder.sentence)}).")
        return 0
    for skipped in session.writer.report.skipped:
        click.echo(f"not written: {skipped}", err=True)
    return 1
