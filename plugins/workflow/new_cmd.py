"""``infoview new contact|company|interview NAME``: a note from the vault's template.

stdout is only the new note's path, so ``$EDITOR "$(infoview new contact "Jane Doe")"`` opens
it; everything else goes to stderr. The note is made through the safe write path (journaled,
so ``infoview undo`` removes it; ``--dry-run`` shows it as a diff), and never over a note that
is there: that is exit status 1, naming it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import click

from infoview.api import NOTE_FOLDERS as FOLDERS
from infoview.api import NOTE_TEMPLATES as TEMPLATES
from infoview.api import (
    Link,
    NoteExistsError,
    Session,
    Value,
    WriteError,
    command_word,
    create_note,
    existing_note,
    find_note,
    session_options,
    shift,
    up_to_date,
)

INTERVIEW_SECTIONS = ("Questions", "Notes", "{referrals}", "Advice", "Next steps")
"""The sections an interview note gets (those its template lacks are added at the end)."""
MEDIUMS = ("in-person", "phone", "video")


@click.group("new")
def new_group() -> None:
    """Make a note from the vault's template: a contact, a company or an interview.

    Prints only the new note's path, so `$EDITOR "$(infoview new contact "Jane Doe")"` opens
    it. A note that exists already is never overwritten."""


def _name(words: tuple[str, ...], what: str) -> str:
    name = " ".join(" ".join(words).split())
    if not name:
        raise click.UsageError(f'name the {what}, e.g. infoview new {what} "Jane Doe"')
    return name


def _link(session: Session, path: str) -> Link:
    return Link(path.rsplit("/", 1)[-1].removesuffix(".md"))


def _refuse_existing(session: Session, kind: str, name: str, file_name: str | None = None) -> None:
    folder = session.config.folder(FOLDERS[kind])
    taken = existing_note(session.vault, folder, file_name or name)
    if taken is not None:
        raise NoteExistsError(f"{taken} already exists; infoview never overwrites a note "
                              "(open it, or give another name)")
    if kind != "interview":
        same = session.index.find(name, kind)
        if same:
            raise NoteExistsError(f"{same[0]} is already a {kind} called {name!r}; open it, or "
                                  "give another name")


def _make(session: Session, kind: str, name: str, values: Mapping[str, Value], *,
          file_name: str | None = None, sections: tuple[str, ...] = ()) -> None:
    """Create the note, then print its path (stdout) and what happened (stderr)."""
    reason = f"new {kind}"
    path = create_note(session, kind, file_name or name, values, reason=reason,
                       name_if_renamed=file_name is None, sections=sections)
    if path is None:
        skipped = session.writer.report.skipped
        raise WriteError(str(skipped[-1]) if skipped else f"{name!r} could not be made")
    template = f"{session.config.folder('templates')}/{TEMPLATES[kind]}"
    source = template if (session.vault / template).is_file() else "infoview's own template"
    if session.dry_run:
        for diff in session.writer.report.diffs:
            click.echo(diff.rstrip("\n"), err=True)
        click.echo(f"Would create {path} from {source} (nothing written: --dry-run).", err=True)
    else:
        click.echo(f"Created {path} from {source}.", err=True)
    click.echo(str((session.vault / path).absolute()))


@new_group.command("contact")
@click.argument("name", nargs=-1, required=True)
@click.option("--company", metavar="C", help="Where they work (links the company's note if "
              "there is one).")
@click.option("--role", metavar="R", help="Their job title.")
@click.option("--email", metavar="E", help="Their email address.")
@click.option("--via", metavar="PERSON", help="A contact who can introduce you (sets "
              "`connection`).")
@click.option("--dry-run", is_flag=True, help="Show the note as a diff; write nothing.")
@session_options
def new_contact(session: Session, name: tuple[str, ...], company: str | None,
                role: str | None, email: str | None, via: str | None, dry_run: bool) -> None:
    """A contact note: Contacts/NAME.md, status prospect."""
    full = _name(name, "contact")
    up_to_date(session)
    _refuse_existing(session, "contact", full)
    values: dict[str, Value] = {}
    if company and company.strip():
        values["company"] = _company(session, company.strip())
    for key, value in (("role", role), ("email", email)):
        if value and value.strip():
            values[key] = " ".join(value.split())
    if via and via.strip():
        values["connection"] = _link(session, find_note(session.index, via, "contact").path)
    _make(session, "contact", full, values)


def _company(session: Session, company: str) -> Value:
    """A link to the company's note when there is exactly one, else the name as text."""
    found = session.index.find(company, "company")
    if len(found) == 1:
        return _link(session, found[0])
    click.echo(f"note: no company note called {company!r} yet; `infoview new company "
        f"{command_word(company)}` makes one for your research", err=True)
    return company


@new_group.command("company")
@click.argument("name", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Show the note as a diff; write nothing.")
@session_options
def new_company(session: Session, name: tuple[str, ...], dry_run: bool) -> None:
    """A company note for your research: Companies/NAME.md."""
    full = _name(name, "company")
    up_to_date(session)
    _refuse_existing(session, "company", full)
    _make(session, "company", full, {})


@new_group.command("interview")
@click.argument("name", nargs=-1, required=True)
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="The day of the conversation (default: today; also `tomorrow`).")
@click.option("--time", "at", metavar="HH:MM", help="The time of the conversation.")
@click.option("--medium", type=click.Choice(MEDIUMS, case_sensitive=False),
              help="How you meet.")
@click.option("--dry-run", is_flag=True, help="Show the note as a diff; write nothing.")
@session_options
def new_interview(session: Session, name: tuple[str, ...], day: str | None, at: str | None,
                  medium: str | None, dry_run: bool) -> None:
    """A conversation with the contact NAME: Interviews/DATE NAME.md, with the sections
    Questions, Notes, Referrals, Advice and Next steps (`infoview prep NAME --write` suggests
    the questions)."""
    full = _name(name, "interview")
    when = _date(day, session.today)
    moment: dt.date | dt.datetime = when
    if at is not None:
        moment = dt.datetime.combine(when, _time(at))
    up_to_date(session)
    contact = find_note(session.index, full, "contact")
    file_name = f"{when.isoformat()} {contact.name}"
    _refuse_existing(session, "interview", full, file_name)
    values: dict[str, Value] = {"contact": _link(session, contact.path), "date": moment}
    if medium:
        values["medium"] = medium.lower()
    heading = str(session.config.data["referrals"]["heading"])
    sections = tuple(s.replace("{referrals}", heading) for s in INTERVIEW_SECTIONS)
    _make(session, "interview", full, values, file_name=file_name, sections=sections)
    if not dry_run:
        click.echo(f"Next: `infoview prep {command_word(contact.name)}` prepares the conversation.",
            err=True)


def _date(text: str | None, today: dt.date) -> dt.date:
    if text is None or text.strip().lower() == "today":
        return today
    if text.strip().lower() == "tomorrow":
        return shift(today, 1)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date like 2026-12-04 (or today, "
                                 "tomorrow)", param_hint="--date") from None


def _time(text: str) -> dt.time:
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a time like 14:30",
                                 param_hint="--time") from None
