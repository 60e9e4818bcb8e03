"""``Infoview/Dashboard.md``: what ``infoview status`` shows, as a note that reads well in
Obsidian, rewritten on every sync when its text changes (never written when it is the same).

Written as every generated note is (:mod:`infoview.write.generated`): values from notes go in as one
inert line or as a wikilink, so nothing a note holds can add a line, a task or HTML to it; a
``Dashboard.md`` the user wrote is left alone.
"""

from __future__ import annotations

import itertools

from infoview.api import STATUSES, GeneratedNote, Session, digest, header, inline, plain, wikilink
from infoview.plugins.workflow.status_cmd import due, long_date, week
from infoview.plugins.workflow.status_report import (
    CHANNELS,
    STAGES,
    Meeting,
    Status,
    pace,
    read_status,
)

NAME = "Dashboard.md"
HEADER = header("edits here are replaced.")
_STATE = "workflow.dashboard_state"
"""Index meta key: what Dashboard.md was last written from, and its digest."""
NAMES_SHOWN = 12
REMINDERS_SHOWN = 20


def note_path(session: Session) -> str:
    return f"{session.config.folder('generated')}/{NAME}"


def link(name: str, path: str | None) -> str:
    """A wikilink to the note at ``path`` shown as ``name`` (inert text without a path)."""
    if path is None:
        return inline(name)
    return wikilink(path.rsplit("/", 1)[-1].removesuffix(".md"), name)


def render(status: Status, reminders_note: str) -> str:
    """The text of the dashboard."""
    total = sum(len(v) for v in status.people.values()) + len(status.other)
    lines = [HEADER, "", "# Job search", "",
             f"{long_date(status.today)} · {total} {'person' if total == 1 else 'people'} · "
             f"due: {due(status).split(':')[0]}", "", "## Pipeline", "",
             "| Status | People |", "| --- | ---: |"]
    lines += [f"| {key} | {len(status.people[key])} |" for key in STATUSES]
    if status.other:
        lines.append(f"| other | {len(status.other)} |")
    lines.append("")
    for key in STATUSES:
        members = status.people[key]
        if members:
            shown = ", ".join(link(name, path) for name, path in members[:NAMES_SHOWN])
            more = len(members) - NAMES_SHOWN
            lines.append(f"- **{key}**: {shown}" + (f" and {more} more" if more > 0 else ""))
    for name, path, written in status.other[:NAMES_SHOWN]:
        lines.append(f"- **{inline(written) or 'no status'}**: {link(name, path)}")
    lines += ["", "## Conversations", "", inline(pace(status)), ""]
    lines += [_meeting(m) for m in status.recent]
    lines += [_meeting(m) + " (coming)" for m in status.ahead]
    lines += ["", "## Funnel", "",
              "| Channel | People | Contacted | Interviewed | Referred someone |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for channel in CHANNELS:
        funnel = status.funnel[channel]
        cells = [str(funnel.people)]
        for before, after in itertools.pairwise(STAGES):
            rate = funnel.rate(before, after)
            cells.append(f"{getattr(funnel, after)}" + (f" ({rate:.0%})" if rate is not None
                                                         else ""))
        lines.append(f"| {channel} | " + " | ".join(cells) + " |")
    lines += ["", "## This week", "",
              f"{long_date(status.week_start, status.today)} to "
              f"{long_date(status.week_end, status.today)}: {week(status)}", "",
              "## Due", ""]
    stem = reminders_note.rsplit("/", 1)[-1].removesuffix(".md")
    if status.reminders:
        lines += [f"{inline(due(status).split(':')[0].capitalize())}: tick them off in "
                  f"{wikilink(stem)}.", ""]
        for reminder in status.reminders[:REMINDERS_SHOWN]:
            late = (status.today - reminder.due).days
            mark = f"{late} day{'s' if late != 1 else ''} late" if late > 0 else \
                f"due {reminder.due.isoformat()}"
            lines.append(f"- {inline(plain(reminder.sentence))} ({mark})")
        if len(status.reminders) > REMINDERS_SHOWN:
            lines.append(f"- ... and {len(status.reminders) - REMINDERS_SHOWN} more")
    else:
        lines.append(f"Nothing due in the next 7 days. {wikilink(stem)} lists everything open.")
    lines.append("")
    return "\n".join(lines)


def _meeting(meeting: Meeting) -> str:
    who = ", ".join(link(name, path) for name, path in meeting.people) or inline(meeting.name)
    return f"- {meeting.date.isoformat()} {who} ({link(meeting.date.isoformat(), meeting.path)})"


def update_dashboard(session: Session) -> None:
    """Write ``Dashboard.md`` anew when what it shows changed (and only then; only if infoview
    wrote it: see :class:`~infoview.write.generated.GeneratedNote`)."""
    note = GeneratedNote.open(session, NAME)
    if note is None:
        return
    inputs = _inputs(session)
    state = f"{note.path}|{inputs}"
    if note.before is not None and inputs and \
            session.index.meta(_STATE) == state + digest(note.before):
        return  # nothing it shows can have changed
    reminders_note = f"{session.config.folder('generated')}/Reminders.md"
    text = render(read_status(session), reminders_note)
    if note.write(session, text, reason="dashboard") and inputs and not session.dry_run:
        session.index.set_meta(_STATE, state + digest(text.encode("utf-8")))


def _inputs(session: Session) -> str:
    """What the dashboard is made of: the day, the index's content, the settings and the
    reminder kinds; ``""`` when a kind comes from a plugin that is not built in (it may read
    anything, so the dashboard is made anew each time)."""
    plugins = session.plugins
    kinds = sorted(plugins.reminder_kinds())
    for kind in kinds:
        info = plugins.info.get(plugins.owner("register_reminder_kinds", kind))
        if info is None or not info.builtin:
            return ""
    strategy = session.config.data["strategy"]
    return (f"{session.today.isoformat()}|{','.join(kinds)}|{session.index.content_generation}"
            f"|{strategy['active_goal']}|{strategy['active_days']}|")
