"""``infoview draft thank-you|follow-up|outreach NAME [--mailto]``: a message to edit and send
yourself. Nothing is sent and nothing is written."""

from __future__ import annotations

import click

from infoview.api import Session, find_note, json_option, print_json, session_options, up_to_date
from infoview.plugins.workflow.drafts import KINDS, DraftError, compose
from infoview.plugins.workflow.facts import read_facts


@click.command("draft")
@click.argument("kind", type=click.Choice(KINDS), metavar="thank-you|follow-up|outreach")
@click.argument("name", nargs=-1, required=True)
@click.option("--mailto", is_flag=True, help="Print a mailto: link (subject and body encoded, "
              "to the contact's email) instead of the text.")
@json_option
@session_options
def draft_command(session: Session, kind: str, name: tuple[str, ...], mailto: bool,
                  as_json: bool) -> None:
    """A short message to NAME from your notes: a thank-you (what you talked about, the people
    they suggested), a follow-up (the advice you acted on, whom you met through them) or an
    outreach (who connects you; 20-30 minutes of advice, not a job). Edit it, then send it
    yourself."""
    wanted = " ".join(" ".join(name).split())
    if not wanted:
        raise click.UsageError(f'name the person, e.g. infoview draft {kind} "Jane Doe"')
    up_to_date(session)
    contact = find_note(session.index, wanted, "contact")
    facts = read_facts(session, contact)
    draft = compose(kind, facts, str(session.config.data["workflow"]["signature"]))
    if mailto and not draft.to:
        raise DraftError(f"{facts.name} has no email in {contact.path}; add `email:` there, "
                            "or leave out --mailto to get the text")
    if as_json:
        print_json({"kind": draft.kind, "to": draft.to or None, "name": facts.name,
                    "path": contact.path, "subject": draft.subject, "body": draft.body,
                    "mailto": draft.mailto() if draft.to else None})
        return
    if mailto:
        click.echo(draft.mailto())
        return
    if draft.to:
        click.echo(f"To: {facts.name} <{draft.to}>")
    click.echo(f"Subject: {draft.subject}\n")
    click.echo(draft.body.rstrip("\n"))
