"""Who led to whom: ``infoview referrals [NAME]`` and ``Infoview/Referrals.md`` (a Mermaid graph
that Obsidian draws). An edge goes from a contact to each contact whose ``referred_by`` names
them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import click

from infoview.api import (
    GeneratedNote,
    Session,
    digest,
    find_note,
    header,
    json_option,
    one_line,
    print_json,
    session_options,
    up_to_date,
)

_STATE = "referrals.note_state"
_INPUTS = "referrals.note_inputs"
NAME = "Referrals.md"
HEADER = header("edits here are replaced.")
_MERMAID_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}


@dataclass(slots=True)
class Person:
    path: str
    name: str
    conversations: int
    referred: list[Person] = field(default_factory=list)


def graph(session: Session) -> tuple[dict[str, Person], dict[str, str]]:
    """Every contact, and ``child path → referrer path`` for each resolved ``referred_by``."""
    index = session.index
    conversations: dict[str, int] = {}
    for link in index.field_links("contact", source_type="interview"):
        if link.resolved is not None:
            conversations[link.resolved] = conversations.get(link.resolved, 0) + 1
    people = {n.path: Person(n.path, n.name, conversations.get(n.path, 0))
              for n in index.properties("contact", [])}
    parent: dict[str, str] = {}
    for link in index.field_links("referred_by"):
        source, resolved = link.source, link.resolved
        if resolved is None:
            continue
        if source in people and resolved in people and source != resolved \
                and source not in parent:
            parent[source] = resolved
    for child, referrer in sorted(parent.items(), key=lambda kv: people[kv[0]].name.lower()):
        people[referrer].referred.append(people[child])
    return people, parent


def roots(people: dict[str, Person], parent: dict[str, str]) -> list[Person]:
    """People who referred someone and were referred by nobody known (or sit in a cycle)."""
    found = [p for path, p in people.items() if p.referred and path not in parent]
    reached = set()

    def mark(person: Person) -> None:
        if person.path in reached:
            return
        reached.add(person.path)
        for child in person.referred:
            mark(child)

    for person in found:
        mark(person)
    for path in sorted(parent):  # a referral cycle has no root: start it at one of its people
        if path not in reached and people[path].referred:
            found.append(people[path])
            mark(people[path])
    return sorted(found, key=lambda p: p.name.lower())


def tree(person: Person, depth: int = 0, seen: frozenset[str] = frozenset()) -> dict[str, Any]:
    """``person`` and everyone they led to, as JSON-ready data."""
    seen = seen | {person.path}
    return {"name": person.name, "path": person.path, "depth": depth,
            "conversations": person.conversations,
            "referred": [tree(c, depth + 1, seen) for c in person.referred if c.path not in seen]}


def _lines(node: dict[str, Any], prefix: str = "", last: bool = True,
           top: bool = True) -> list[str]:
    talks = node["conversations"]
    label = f"{one_line(node['name'])} ({talks} conversation{'s' if talks != 1 else ''})"
    out = [label if top else f"{prefix}{'└─ ' if last else '├─ '}{label}"]
    child_prefix = "" if top else prefix + ("   " if last else "│  ")
    for i, child in enumerate(node["referred"]):
        out += _lines(child, child_prefix, i == len(node["referred"]) - 1, top=False)
    return out


def mermaid(people: dict[str, Person], parent: dict[str, str]) -> str:
    """A Mermaid ``graph LR`` of every referral edge (labels escaped)."""
    ids = {path: f"p{i}" for i, path in enumerate(sorted(
        set(parent) | set(parent.values())))}
    lines = ["```mermaid", "graph LR"]
    for path, node_id in ids.items():
        lines.append(f'  {node_id}["{mermaid_label(people[path].name)}"]')
    for child, referrer in sorted(parent.items()):
        lines.append(f"  {ids[referrer]} --> {ids[child]}")
    lines.append("```")
    return "\n".join(lines)


def mermaid_label(name: str) -> str:
    """``name`` inside a quoted Mermaid label: one line, with Mermaid's entity codes for what
    would end the label or be read as HTML or Markdown (``# " < > ```)."""
    return "".join(_MERMAID_ESCAPES.get(char, char) for char in one_line(name))


def render(people: dict[str, Person], parent: dict[str, str]) -> str:
    trees = [tree(p) for p in roots(people, parent)]
    body = ["# Referrals", ""]
    if not parent:
        body += ["No referrals yet: write them under `## Referrals` in an interview note.", ""]
    else:
        body += [mermaid(people, parent), ""]
        for node in trees:
            body += ["```text", *_lines(node), "```", ""]
    return "\n".join([HEADER, "", *body])


def update_referrals_note(session: Session) -> None:
    """Write ``Infoview/Referrals.md`` when its text changes (only if infoview wrote it: see
    :class:`infoview.write.generated.GeneratedNote`)."""
    note = GeneratedNote.open(session, NAME)
    if note is None:
        return
    path, before = note.path, note.before
    state = f"{path}|{session.index.generation}|"
    if before is not None and session.index.meta(_STATE) == state + digest(before):
        return  # the index has not changed since this note was written
    inputs = f"{path}|{session.index.content_generation}|"
    if before is not None and session.index.meta(_INPUTS) == inputs + digest(before):
        session.index.set_meta(_STATE, state + digest(before))  # changed, but not the people
        return
    people, parent = graph(session)
    text = render(people, parent)
    if note.write(session, text, reason="referral graph") and not session.dry_run:
        session.index.set_meta(_STATE, state + digest(text.encode("utf-8")))
        session.index.set_meta(_INPUTS, inputs + digest(text.encode("utf-8")))


@click.command("referrals")
@click.argument("name", nargs=-1)
@json_option
@session_options
def referrals_command(session: Session, name: tuple[str, ...], as_json: bool) -> None:
    """Who led to whom: every referral chain, or the one starting at NAME."""
    up_to_date(session)
    people, parent = graph(session)
    if name:
        wanted = " ".join(name)
        start = people[find_note(session.index, wanted, "contact").path]
        chain = [start]
        while chain[-1].path in parent and parent[chain[-1].path] not in {p.path for p in chain}:
            chain.append(people[parent[chain[-1].path]])
        trees = [tree(start, len(chain) - 1)]
        referred_by = [{"name": p.name, "path": p.path} for p in reversed(chain[1:])]
    else:
        trees = [tree(p) for p in roots(people, parent)]
        referred_by = []
    if as_json:
        print_json({"trees": trees, "referred_by": referred_by})
        return
    if not trees:
        click.echo("No referrals yet: write them under `## Referrals` in an interview note, "
                   "then `infoview sync`.")
        return
    if referred_by:
        click.echo("Led to by: " + " → ".join(p["name"] for p in referred_by))
    for node in trees:
        click.echo("\n".join(_lines(node)))
