"""``infoview list [contacts|interviews|companies] [--status S] [--company C]``."""

from __future__ import annotations

from typing import Any

import click

from infoview.app.session import Session
from infoview.cli.options import json_option, session_options, up_to_date
from infoview.cli.output import print_json, table
from infoview.index.store import NoteProperties
from infoview.model.names import name_key
from infoview.model.values import as_text, link_targets

KINDS = {"contacts": "contact", "interviews": "interview", "companies": "company"}
COLUMNS = {
    "contacts": ("name", "company", "role", "status", "email"),
    "interviews": ("date", "contact", "medium", "duration"),
    "companies": ("name", "industry", "location", "website"),
}


@click.command("list")
@click.argument("kind", required=False, default="contacts", type=click.Choice(list(KINDS)))
@click.option("--status", help="Only notes with this status.")
@click.option("--company", help="Only notes of this company (name or link).")
@json_option
@session_options
def command(session: Session, kind: str, status: str | None, company: str | None,
            as_json: bool) -> None:
    """List contacts (default), interviews or companies."""
    up_to_date(session)
    keys = list(dict.fromkeys([*COLUMNS[kind], "status", "company"]))
    notes = [n for n in session.index.properties(KINDS[kind], keys, by_name=True)
             if _keep(n, status, company)]
    if kind == "interviews":
        notes.sort(key=lambda n: (str(n.props.get("date", "")), n.path), reverse=True)
    records = [record(n, COLUMNS[kind]) for n in notes]
    if as_json:
        print_json({kind: records})
        return
    columns = COLUMNS[kind]
    table(f"{len(records)} {kind}", [c.title() for c in columns] + ["Path"],
          [[r[c] or "" for c in columns] + [r["path"]] for r in records])


def record(note: NoteProperties, columns: tuple[str, ...]) -> dict[str, Any]:
    """A note as a flat record of display text (links as plain names)."""
    out: dict[str, Any] = {"name": note.name}
    for column in columns:
        if column != "name":
            out[column] = as_text(note.props.get(column)) or None
    out["path"] = note.path
    return out


def _last(target: str) -> str:
    """``Companies/Globex.md`` and ``Globex`` both name Globex."""
    return name_key(target.rsplit("/", 1)[-1].removesuffix(".md"))


def _keep(note: NoteProperties, status: str | None, company: str | None) -> bool:
    if status is not None and name_key(as_text(note.props.get("status"))) != name_key(status):
        return False
    if company is not None:
        wanted = {_last(t) for t in link_targets(company)}
        if not wanted & {_last(t) for t in link_targets(note.props.get("company"))}:
            return False
    return True
