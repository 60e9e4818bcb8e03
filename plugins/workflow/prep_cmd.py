"""``infoview prep NAME [--write]``: a preparation sheet for the next conversation with a contact.

The sheet holds the person, role and company; the company note's research; who connects you
and how; past conversations and what was said (their ``## Notes``); open reminders; advice not
acted on yet; the questions already written for the coming conversation; and five to eight
suggested questions from the question bank (:mod:`infoview.plugins.workflow.questions`).
``--write`` adds the suggested questions to the coming interview's ``## Questions`` section,
and nothing else.
"""

from __future__ import annotations

import functools
from typing import Any

import click

from infoview.api import (
    Session,
    append_to_section,
    command_word,
    find_note,
    json_option,
    open_reminders,
    plain,
    print_json,
    session_options,
    up_to_date,
)
from infoview.plugins.workflow.facts import Conversation, Facts, Person, clean_text, read_facts
from infoview.plugins.workflow.questions import (
    Suggestion,
    asked_before,
    read_bank,
    same_question,
    suggest,
)


@click.command("prep")
@click.argument("name", nargs=-1, required=True)
@click.option("--write", is_flag=True, help="Add the suggested questions to the coming "
              "interview's ## Questions section.")
@click.option("--dry-run", is_flag=True, help="With --write: show the change; write nothing.")
@json_option
@session_options
def prep_command(session: Session, name: tuple[str, ...], write: bool, dry_run: bool,
                 as_json: bool) -> int:
    """A preparation sheet for the next conversation with NAME: their company's research, how
    you are connected, past conversations, open reminders and advice, suggested questions."""
    wanted = " ".join(" ".join(name).split())
    if not wanted:
        raise click.UsageError('name the person, e.g. infoview prep "Jane Doe"')
    up_to_date(session)
    contact = find_note(session.index, wanted, "contact")
    facts = read_facts(session, contact)
    coming = facts.ahead
    written = coming.items("Questions") if coming is not None else []
    past = [c for c in facts.conversations if coming is None or c.path != coming.path]
    suggestions = suggest(facts, read_bank(session), asked_before(past))
    suggestions = [s for s in suggestions if not same_question(s.text, written)]
    reminders = [r for r in open_reminders(session)
                 if any(path == contact.path for _, path in r.people)]
    sheet = _sheet(facts, coming, written, suggestions, reminders)
    code = 0
    if write:
        sheet["written_to"], code = _write(session, facts, coming, suggestions)
    if as_json:
        print_json(sheet)
        return code
    _print(sheet)
    if write and sheet["written_to"] is not None and dry_run:
        for diff in session.writer.report.diffs:
            click.echo(diff.rstrip("\n"), err=True)
    return code


def _write(session: Session, facts: Facts, coming: Conversation | None,
           suggestions: list[Suggestion]) -> tuple[str | None, int]:
    """Append the suggestions to the coming interview's ``## Questions`` (those not there)."""
    if coming is None:
        click.echo(f"error: no conversation with {facts.name} ahead to write the questions into; "
                   f"`infoview new interview {command_word(facts.name)} --date YYYY-MM-DD` "
                   "plans one", err=True)
        return None, 1
    note = session.index.note(coming.path)
    lines = [f"- {s.text}" for s in suggestions]
    if not lines:
        click.echo(f"The suggested questions are all in {coming.path} already.", err=True)
        return None, 0
    change = functools.partial(append_to_section, heading="Questions", lines=lines)
    if session.writer.edit(coming.path, change, reason="prep --write",
                           expected_hash=note.hash if note else None):
        verb = "Would add" if session.dry_run else "Added"
        click.echo(f"{verb} {len(lines)} questions to {coming.path} (## Questions).", err=True)
        return coming.path, 0
    for skipped in session.writer.report.skipped:
        click.echo(f"error: not written: {skipped}", err=True)
    return None, 1 if session.writer.report.skipped else 0


def _sheet(facts: Facts, coming: Conversation | None, written: list[str],
           suggestions: list[Suggestion], reminders: list[Any]) -> dict[str, Any]:
    """The sheet as ``prep --json`` prints it."""
    company = facts.company_note
    past = [c for c in facts.held if coming is None or c.path != coming.path]
    return {
        "person": {"name": facts.name, "path": facts.contact.path, "role": facts.role or None,
                   "company": facts.company or None, "email": facts.email or None,
                   "status": facts.status or None},
        "conversation": _talk(coming) if coming is not None else None,
        "company": {"name": company.name, "path": company.path,
                    "research": clean_text(company.note.body)} if company is not None else None,
        "connection": {
            "referred_by": _who(facts.referred_by),
            "referral_source": _talk(facts.referral_source)
            if facts.referral_source is not None else None,
            "connection": _who(facts.connection),
            "colleagues": [_who(p) for p in facts.colleagues],
        },
        "past_conversations": [{**_talk(c), "notes": c.section("Notes")} for c in past],
        "reminders": [{"id": r.id, "kind": r.kind, "due": r.due.isoformat(),
                       "sentence": plain(r.sentence)} for r in reminders],
        "advice": [{"text": a.text, "interview": a.interview,
                    "date": a.date.isoformat() if a.date else None}
                   for a in facts.advice if not a.done],
        "questions": {"written": written,
                      "suggested": [{"text": s.text, "from": s.source} for s in suggestions]},
        "written_to": None,
    }


def _who(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {"name": person.name, "path": person.path, "status": person.status or None}


def _talk(conversation: Conversation) -> dict[str, Any]:
    return {"path": conversation.path, "date": conversation.when,
            "medium": conversation.medium or None}


def _print(sheet: dict[str, Any]) -> None:
    person = sheet["person"]
    title = person["name"]
    if person["role"] and person["company"]:
        title += f", {person['role']} at {person['company']}"
    elif person["role"] or person["company"]:
        title += f", {person['role'] or person['company']}"
    click.echo(f"Preparing for {title}")
    click.echo(f"  {person['path']}" + (f" · {person['email']}" if person["email"] else "")
        + (f" · {person['status']}" if person["status"] else ""))
    coming = sheet["conversation"]
    if coming is not None:
        how = f", {coming['medium']}" if coming["medium"] else ""
        click.echo(f"  Next conversation: {coming['date']}{how} ({coming['path']})")
    else:
        click.echo("  No conversation planned yet: `infoview new interview` plans one.")

    click.echo("\nHow you are connected")
    link = sheet["connection"]
    lines = []
    if link["referred_by"]:
        source = link["referral_source"]
        when = f", in your conversation on {source['date']} ({source['path']})" if source else ""
        lines.append(f"Referred by {link['referred_by']['name']}{when}.")
    if link["connection"]:
        verb = "introduced you" if sheet["past_conversations"] else "can introduce you"
        lines.append(f"{link['connection']['name']} {verb}.")
    if link["colleagues"]:
        people = ", ".join(f"{p['name']} ({p['status'] or 'no status'})"
                           for p in link["colleagues"])
        lines.append(f"You also know at {person['company']}: {people}.")
    for line in lines or ["No one in your notes connects you yet: a cold approach."]:
        click.echo(f"  {line}")

    company = sheet["company"]
    if company is not None:
        click.echo(f"\n{company['name']} ({company['path']})")
        click.echo(_indent(company["research"] or "No research written yet."))
    elif person["company"]:
        click.echo(f"\n{person['company']}: no company note yet; `infoview new company "
            f"{command_word(person['company'])}` makes one for your research.")

    click.echo("\nPast conversations")
    if not sheet["past_conversations"]:
        click.echo("  None yet: this is your first conversation.")
    for talk in sheet["past_conversations"]:
        how = f", {talk['medium']}" if talk["medium"] else ""
        click.echo(f"  {talk['date']}{how} ({talk['path']})")
        if talk["notes"]:
            click.echo(_indent(talk["notes"], 4))

    if sheet["reminders"]:
        click.echo("\nOpen reminders")
        for reminder in sheet["reminders"]:
            click.echo(f"  - {reminder['due']}  {reminder['sentence']} ({reminder['id']})")
    if sheet["advice"]:
        click.echo("\nTheir advice, not acted on yet")
        for advice in sheet["advice"]:
            click.echo(f"  - {advice['text']} ({advice['date'] or advice['interview']})")

    questions = sheet["questions"]
    if questions["written"]:
        click.echo("\nQuestions already in the note")
        for question in questions["written"]:
            click.echo(f"  - {question}")
    click.echo("\nSuggested questions")
    for number, question in enumerate(questions["suggested"], 1):
        click.echo(f"  {number}. {question['text']}")
    if not questions["suggested"]:
        click.echo("  (the question bank has nothing new for this conversation)")
    if sheet["written_to"] is None and coming is not None and questions["suggested"]:
        click.echo(f"\n`infoview prep {command_word(person['name'])} --write` adds them to "
                   f"{coming['path']}.")


def _indent(text: str, by: int = 2) -> str:
    return "\n".join((" " * by + line) if line.strip() else "" for line in text.split("\n"))
