"""``infoview targets [--json]``: each target company with who you know there, the conversations
held, the referrals into it, the warm path to it and one sentence of what to do next; the
companies with the fewest conversations first.

A target is a company note with ``target: true``, or a name in ``[strategy] targets``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click

from infoview.api import (
    Session,
    command_word,
    json_option,
    name_key,
    print_json,
    session_options,
    up_to_date,
)
from infoview.plugins.strategy.network import Company, Network, Person


@dataclass(frozen=True, slots=True)
class Target:
    """One target company as ``targets`` shows it."""

    company: Company
    people: list[Person]
    conversations: int
    referrals_in: int
    warm_path: list[str] | None
    """Paths of the people on the warm path, from someone you have met to someone there."""
    next: str

    def record(self, network: Network) -> dict[str, Any]:
        return {
            "company": self.company.name,
            "path": self.company.path,
            "people": [{"name": p.name, "path": p.path, "status": p.status or None}
                       for p in self.people],
            "conversations": self.conversations,
            "referrals_in": self.referrals_in,
            "warm_path": [network.people[p].name for p in self.warm_path]
            if self.warm_path else None,
            "next": self.next,
        }


def targets_of(network: Network) -> list[Target]:
    """Every target company, fewest conversations first (then by name)."""
    found = []
    for company in network.targets:
        people = [network.people[p] for p in company.people]
        path = network.warm_path(company.people) if people else None
        found.append(Target(
            company, people, conversations=sum(len(p.held) for p in people),
            referrals_in=sum(1 for p in people if p.referred_by or p.referred_by_name),
            warm_path=path, next=next_step(network, company, people, path)))
    found.sort(key=lambda t: (t.conversations, name_key(t.company.name), t.company.path or ""))
    return found


def target_records(network: Network) -> list[dict[str, Any]]:
    """``targets --json``'s ``targets``."""
    return [target.record(network) for target in targets_of(network)]


def next_step(network: Network, company: Company, people: list[Person],
              path: list[str] | None) -> str:
    """One sentence: what to do next about ``company``."""
    met = [p for p in people if p.met]
    coming = sorted((p.ahead[0], p.name) for p in people if p.ahead)
    if coming:
        (day, _path), name = coming[0]
        return (f"Your next conversation there is with {name} on {day.isoformat()}: "
                f"`infoview prep {command_word(name)}` prepares it.")
    if met:
        last = max(met, key=lambda p: (p.last or ("", ""), p.name))
        others = [p for p in people if p.status in ("", "prospect")]
        if others:
            return (f"You have met {_names(met)}; reach out to {others[0].name} next"
                    + (f", mentioning {others[0].referred_by_name}."
                       if others[0].referred_by_name else "."))
        return (f"You have met {_names(met)}; ask {last.name} whom else at {company.name} "
                "you should talk to.")
    if people and path:
        first, target = network.people[path[0]], network.people[path[-1]]
        if len(path) == 2:
            return (f"Ask {first.name}, whom you have met, to introduce you to {target.name}.")
        chain = " → ".join(network.people[p].name for p in path)
        return (f"Ask {first.name}, whom you have met, for an introduction along {chain}.")
    if people:
        person = people[0]
        return (f"Nobody you have met connects to {company.name} yet: write to {person.name} "
                "directly, or ask the people you have met whether they know someone there.")
    return (f"Nobody in your notes works at {company.name} yet: ask the people you have met "
            "whether they know someone there.")


def _names(people: list[Person]) -> str:
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@click.command("targets")
@json_option
@session_options
def targets_command(session: Session, as_json: bool) -> None:
    """Your target companies: who you know there, conversations, referrals in, the warm path to
    each, and what to do next (fewest conversations first). A target is a company note with
    `target: true`, or a name in [strategy] targets."""
    up_to_date(session)
    records = target_records(Network.read(session))
    if as_json:
        print_json({"targets": records})
        return
    if not records:
        click.echo("No target companies yet: add `target: true` to a company note, or list "
                   "names in [strategy] targets (.infoview/config.toml).")
        return
    for number, record in enumerate(records, 1):
        where = f" ({record['path']})" if record["path"] else ""
        click.echo(f"{number}. {record['company']}{where}: {record['conversations']} conversation"
            f"{'s' if record['conversations'] != 1 else ''}, {record['referrals_in']} referral"
            f"{'s' if record['referrals_in'] != 1 else ''} in")
        people = ", ".join(f"{p['name']} ({p['status'] or 'no status'})"
                           for p in record["people"])
        click.echo(f"   People: {people or 'nobody yet'}")
        if record["warm_path"]:
            click.echo(f"   Warm path: {' → '.join(record['warm_path'])}")
        click.echo(f"   Next: {record['next']}")
