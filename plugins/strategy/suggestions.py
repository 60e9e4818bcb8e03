"""``infoview next [--limit N] [--json]``: what to do beyond the due list, best first.

Three kinds of suggestion, each scored from ``[strategy]`` weights:

- ``ask-referral``: a person you met (a conversation held, its thank-you sent) who has referred
  no one yet, at least ``ask_after_days`` (7) after your last conversation:
  ``weight_ask_referral`` (30);
- ``reach-out``: a ``prospect`` (or a contact with no status) you have not met:
  ``weight_reach_out_warm`` (25) with a ``referred_by`` or ``connection`` (a warm introduction),
  else ``weight_reach_out_cold`` (10);
- ``line-up``: fewer than ``active_goal`` (5) people contacted, scheduled or met within the last
  ``active_days`` (30): ``weight_line_up`` (15) plus 2 per person missing.

People at a target company get ``weight_target`` (20) more; a person waiting gets 1 more per
full week waited (since the conversation, or the referral), up to 8. Ties go by action (the
order above), then name, then path, so the same notes always give the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click

from infoview.api import Session, json_option, name_key, print_json, session_options, up_to_date
from infoview.plugins.strategy.network import Network, Person

ACTIONS = ("ask-referral", "reach-out", "line-up")
MAX_WAIT_BONUS = 8
ACTIVE_STATUSES = frozenset({"contacted", "scheduled"})


@dataclass(frozen=True, slots=True)
class Suggestion:
    action: str
    person: str | None
    path: str | None
    company: str | None
    score: int
    reason: str

    def record(self) -> dict[str, Any]:
        return {"action": self.action, "person": self.person, "path": self.path,
                "company": self.company, "score": self.score, "reason": self.reason}

    def order(self) -> tuple[int, int, str, str]:
        return (-self.score, ACTIONS.index(self.action), name_key(self.person or ""),
                self.path or "")


def suggestions(session: Session) -> list[Suggestion]:
    """Every suggestion, best first."""
    network = Network.read(session)
    weights = session.config.data["strategy"]
    found = [*_ask_referral(network, weights), *_reach_out(network, weights)]
    found.extend(_line_up(network, weights))
    return sorted(found, key=Suggestion.order)


def _bonus(network: Network, person: Person, weights: dict[str, Any],
           since: Any) -> tuple[int, str | None, bool]:
    """Target bonus + waiting bonus, the company's name, and whether it is a target."""
    company = network.company_of(person)
    target = company is not None and company.target
    weeks = (network.today - since).days // 7 if since is not None else 0
    bonus = (int(weights["weight_target"]) if target else 0) + min(max(weeks, 0),
                                                                   MAX_WAIT_BONUS)
    return bonus, company.name if company is not None else None, target


def _ask_referral(network: Network, weights: dict[str, Any]) -> list[Suggestion]:
    found = []
    wait = int(weights["ask_after_days"])
    for person in network.people.values():
        last = person.last
        if last is None or network.referred.get(person.path):
            continue
        day, interview = last
        if interview not in person.thanked or (network.today - day).days < wait:
            continue
        bonus, company, target = _bonus(network, person, weights, day)
        at = f" at {company}{' (a target)' if target else ''}" if company else ""
        reason = (f"You talked with {person.name}{at} on {day.isoformat()} and sent your "
                  f"thanks; nobody {person.name} suggested is in your notes yet. Ask whom else "
                  "you should talk to.")
        found.append(Suggestion("ask-referral", person.name, person.path, company,
                                int(weights["weight_ask_referral"]) + bonus, reason))
    return found


def _reach_out(network: Network, weights: dict[str, Any]) -> list[Suggestion]:
    found = []
    for person in network.people.values():
        if person.status not in ("", "prospect") or person.met or person.ahead:
            continue
        since = person.referral_date
        bonus, company, target = _bonus(network, person, weights, since)
        role = f"{person.role} at {company}" if person.role and company else \
            person.role or (company or "")
        who = f"{person.name} ({role}{', a target company' if target and role else ''})" \
            if role else person.name
        if person.referred_by_name:
            when = f" on {since.isoformat()}" if since is not None else ""
            reason = (f"{who} was referred by {person.referred_by_name}{when}: write, "
                      f"mentioning {person.referred_by_name}.")
            base = weights["weight_reach_out_warm"]
        elif person.connection_name:
            reason = f"{person.connection_name} can introduce you to {who}: ask for it."
            base = weights["weight_reach_out_warm"]
        else:
            path = network.warm_path([person.path])
            if path and len(path) > 1:
                reason = (f"{who} has no introduction yet, but {network.people[path[0]].name}, "
                          f"whom you have met, is connected: "
                          f"{' → '.join(network.people[p].name for p in path)}. Ask for one.")
            else:
                reason = (f"{who} has no introduction yet: ask the people you have met whether "
                          "they know them, or write directly.")
            base = weights["weight_reach_out_cold"]
        found.append(Suggestion("reach-out", person.name, person.path, company,
                                int(base) + bonus, reason))
    return found


def _line_up(network: Network, weights: dict[str, Any]) -> list[Suggestion]:
    days, goal = int(weights["active_days"]), int(weights["active_goal"])
    active = 0
    for person in network.people.values():
        recent = person.ahead or any((network.today - day).days < days for day, _ in person.held)
        if recent or person.status in ACTIVE_STATUSES:
            active += 1
    if active >= goal:
        return []
    missing = goal - active
    reason = (f"{active} {'person is' if active == 1 else 'people are'} in play (contacted, "
              f"scheduled or met in the last {days} days); the method keeps {goal} going at "
              f"once: line up {missing} more, starting with the people above.")
    return [Suggestion("line-up", None, None, None,
                       int(weights["weight_line_up"]) + 2 * missing, reason)]


@click.command("next")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1),
              metavar="N", help="Show at most N suggestions.")
@json_option
@session_options
def next_command(session: Session, limit: int, as_json: bool) -> None:
    """What to do beyond the due list, best first: whom to ask for a referral, whom to reach
    out to (warm introductions and target companies first), whether to line up more
    conversations. Each says why."""
    up_to_date(session)
    found = suggestions(session)[:limit]
    if as_json:
        print_json({"suggestions": [s.record() for s in found]})
        return
    if not found:
        click.echo("Nothing to suggest beyond `infoview due`: every conversation has led "
                   "somewhere.")
        return
    labels = {"ask-referral": "Ask for a referral", "reach-out": "Reach out",
              "line-up": "Line up more conversations"}
    for number, suggestion in enumerate(found, 1):
        who = f": {suggestion.person}" if suggestion.person else ""
        click.echo(f"{number}. {labels[suggestion.action]}{who}")
        click.echo(f"   {suggestion.reason}")
