"""``infoview show NAME``: one contact (or any note) with its interviews and referrals."""

from __future__ import annotations

from typing import Any

import click

from infoview.app.session import Session
from infoview.cli.options import json_option, session_options, up_to_date
from infoview.cli.output import print_json
from infoview.index.lookup import find_note
from infoview.index.store import Index, IndexedNote
from infoview.model.advice import advice_in
from infoview.model.markdown import plain
from infoview.model.values import as_date, as_text

DETAILS = ("type", "company", "role", "email", "phone", "linkedin", "status", "connection",
           "referred_by", "referral_source", "keep_in_touch", "last_contact", "aliases", "tags",
           "contact", "date", "medium", "duration", "prepared", "thank_you_sent",
           "follow_up_sent", "referrals", "industry", "size", "location", "website")


@click.command("show")
@click.argument("name", nargs=-1, required=True)
@json_option
@session_options
def command(session: Session, name: tuple[str, ...], as_json: bool) -> None:
    """Show one contact: details, interviews, who referred them and whom they referred."""
    if not " ".join(name).strip():
        raise click.UsageError("name the note to show, e.g. infoview show \"Jane Doe\"")
    up_to_date(session)
    index = session.index
    note = find_note(index, " ".join(name), "contact", any_type=True)
    data = describe(index, note)
    data["reminders"] = reminders_of(session, note.path)
    data["advice"] = open_advice(index, note)
    if as_json:
        print_json(data)
        return
    click.echo(f"{note.name}  ({note.path})")
    for key, value in data["details"].items():
        click.echo(f"  {key}: {value}")
    if data["reminders"]:
        click.echo("Open reminders:")
    for reminder in data["reminders"]:
        click.echo(f"  - {reminder['due']}  {reminder['sentence']}  ({reminder['id']})")
    if data["advice"]:
        click.echo("Advice not acted on yet:")
    for advice in data["advice"]:
        click.echo(f"  - {advice['text']}  ({advice['date'] or advice['interview']})")
    for title, key in (("Interviews", "interviews"), ("Referred by", "referred_by"),
                       ("Referred", "referred"), ("Contacts here", "contacts"),
                       ("Linked from", "linked_from")):
        if data[key]:
            click.echo(f"{title}:")
            for item in data[key]:
                extra = f"  {item['date']}" if item.get("date") else ""
                click.echo(f"  - {item['name']}{extra}  ({item['path']})")


def reminders_of(session: Session, path: str) -> list[dict[str, Any]]:
    """The open reminders about the note at ``path`` (it is the person, or the source)."""
    from infoview.app.reminders import open_reminders

    return [{"id": r.id, "kind": r.kind, "due": r.due.isoformat(),
             "sentence": plain(r.sentence)}
            for r in open_reminders(session)
            if r.note == path or any(p == path for _, p in r.people)]


def open_advice(index: Index, note: IndexedNote) -> list[dict[str, Any]]:
    """The advice a contact gave in their conversations and you have not acted on yet."""
    if note.type != "contact":
        return []
    found: list[dict[str, Any]] = []
    for path in sorted({link.source for link in index.links_to(note.path)
                        if link.field == "contact"}):
        interview = index.note(path)
        if interview is None or interview.type != "interview":
            continue
        attendees = [other.name for link in index.links_from(path)
                     if link.field == "contact" and link.resolved
                     for other in [index.note(link.resolved)] if other is not None]
        day = as_date(interview.props.get("date"))
        found.extend({"text": a.text, "interview": a.interview,
                      "date": day.isoformat() if day else None, "line": a.line}
                     for a in advice_in(interview.structure, day, note.name, attendees)
                     if not a.done)
    return sorted(found, key=lambda a: (a["date"] or "", a["interview"], a["line"]))


def describe(index: Index, note: IndexedNote) -> dict[str, Any]:
    """What ``show`` prints, as JSON-ready data."""
    incoming = index.links_to(note.path)
    outgoing = index.links_from(note.path)

    def brief(path: str) -> dict[str, Any]:
        other = index.note(path)
        out: dict[str, Any] = {"name": other.name if other else path, "path": path}
        if other is not None and other.type == "interview":
            out["date"] = as_text(other.props.get("date")) or None
        return out

    def sources(fields: set[str], note_type: str | None = None) -> list[dict[str, Any]]:
        paths = sorted({link.source for link in incoming if link.field in fields})
        found = [brief(p) for p in paths]
        if note_type is not None:
            found = [f for f in found if (index.note(f["path"]) or note).type == note_type]
        return found

    interviews = sorted(sources({"contact"}, "interview"), key=lambda i: str(i.get("date")),
                        reverse=True)
    referred_by = [brief(link.resolved) for link in outgoing
                   if link.field == "referred_by" and link.resolved]
    referred = sources({"referred_by"}, "contact")
    contacts = sources({"company"}, "contact") if note.type == "company" else []
    shown = {i["path"] for i in (*interviews, *referred, *contacts)}
    return {
        "name": note.name,
        "path": note.path,
        "type": note.type,
        "details": {k: as_text(note.props[k]) for k in DETAILS if k in note.props},
        "interviews": interviews,
        "referred_by": referred_by,
        "referred": referred,
        "contacts": contacts,
        "linked_from": [brief(p) for p in sorted({link.source for link in incoming})
                        if p not in shown],
    }
