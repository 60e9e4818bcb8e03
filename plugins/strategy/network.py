"""The job search as a network: each contact with their company, status, who referred them, who
connects them and the conversations held, each company with its people, and the warm path from
someone you have met to anyone. Read from the up-to-date index once per index state.

A contact *works at* the company its ``company`` names or links: the company's note when there is
one (by link, or by a name no other company note has), else the name as written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from dataclasses import dataclass, field

from infoview.api import Session, as_bool, as_date, as_text, is_empty, link_targets, name_key

CONTACT_KEYS = ["status", "company", "role"]
CACHE = "strategy.network"
FORMAT = 1
"""Raised when what is kept changes."""
INTERVIEW_KEYS = ["date", "thank_you_sent"]


def is_sent(value: object) -> bool:
    """A sent marker: a date, or ``true``."""
    return not is_empty(value) and (as_date(value) is not None or as_bool(value))


@dataclass(slots=True)
class Person:
    path: str
    name: str
    status: str
    role: str
    company: str | None
    """The key of the company they work at (see :class:`Network`), or ``None``."""
    referred_by: str | None = None
    """Path of the contact who referred them."""
    referred_by_name: str = ""
    connection: str | None = None
    connection_name: str = ""
    held: list[tuple[dt.date, str]] = field(default_factory=list)
    """``(date, interview path)`` of each conversation held, oldest first."""
    ahead: list[tuple[dt.date, str]] = field(default_factory=list)
    thanked: set[str] = field(default_factory=set)
    """Paths of the interviews with them whose ``thank_you_sent`` is set."""
    referral_date: dt.date | None = None
    """The date of the conversation their referral came from (``referral_source``)."""

    @property
    def met(self) -> bool:
        return bool(self.held)

    @property
    def last(self) -> tuple[dt.date, str] | None:
        return self.held[-1] if self.held else None


@dataclass(slots=True)
class Company:
    key: str
    name: str
    path: str | None
    target: bool = False
    people: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Network:
    today: dt.date
    people: dict[str, Person]
    companies: dict[str, Company]
    referred: dict[str, list[str]]
    """Contact path → the contacts whose ``referred_by`` is them."""
    direct: dict[str, set[str]] = field(default_factory=dict)
    """Contact path → who referred them, whom they referred, their connection and whom they
    connect (the links that count both ways)."""
    _order: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    _parent: dict[str, str | None] | None = field(default=None, repr=False)
    _distance: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, session: Session) -> Network:
        """The vault's network: computed once per index state and day, and kept in the index
        between commands (:meth:`~infoview.index.store.Index.keep`)."""
        cached = session.cache.get(__name__)
        if isinstance(cached, cls):
            return cached
        index = session.index
        targets = json.dumps(session.config.data["strategy"]["targets"], sort_keys=True)
        key = f"{FORMAT}|{index.generation}|{session.today.isoformat()}|{targets}"
        stored = index.cached(CACHE, key)
        network = _loads(session.today, stored) if stored is not None else None
        if network is None:
            network = _read(session)
            index.keep(CACHE, key, _dumps(network))
        session.cache[__name__] = network
        return network

    @property
    def targets(self) -> list[Company]:
        return [c for c in self.companies.values() if c.target]

    def company_of(self, person: Person) -> Company | None:
        return self.companies.get(person.company) if person.company else None

    def order(self, path: str) -> tuple[str, str]:
        """People are taken in this order wherever there is a choice: by name, then path."""
        key = self._order.get(path)
        if key is None:
            key = self._order[path] = (name_key(self.people[path].name), path)
        return key

    def warm_path(self, to: list[str]) -> list[str] | None:
        """The shortest chain of contacts from someone you have met to one of ``to``, following
        referrals and connections both ways and colleagues (everyone at a company is one step
        from each other); ``None`` when there is none. Among equally short chains, the one
        found first when people are taken in name order (:meth:`order`): the same notes always
        give the same chain."""
        parent = self._reached()
        ends = [p for p in to if p in parent]
        if not ends:
            return None
        here: str | None = min(ends, key=lambda p: (self._distance[p], self.order(p)))
        chain = []
        while here is not None:
            chain.append(here)
            here = parent[here]
        return chain[::-1]

    def _reached(self) -> dict[str, str | None]:
        """One breadth-first walk from everyone you have met (in name order), once per network:
        each person reached → the one before them on the way (``None`` for a person met)."""
        if self._parent is not None:
            return self._parent
        parent: dict[str, str | None] = {}
        self._distance = {}
        queue: deque[str] = deque()
        for path in sorted((p for p, person in self.people.items() if person.met),
                           key=self.order):
            parent[path] = None
            self._distance[path] = 0
            queue.append(path)
        expanded: set[str] = set()  # a company's people are all reached at once
        while queue:
            here = queue.popleft()
            nearby = set(self.direct.get(here, ()))
            company = self.people[here].company
            if company is not None and company not in expanded:
                expanded.add(company)
                nearby.update(self.companies[company].people)
            for other in sorted((o for o in nearby if o not in parent), key=self.order):
                parent[other] = here
                self._distance[other] = self._distance[here] + 1
                queue.append(other)
        self._parent = parent
        return parent


def _dumps(network: Network) -> str:
    people = [[p.path, p.name, p.status, p.role, p.company, p.referred_by, p.referred_by_name,
               p.connection, p.connection_name, [[d.isoformat(), s] for d, s in p.held],
               [[d.isoformat(), s] for d, s in p.ahead], sorted(p.thanked),
               p.referral_date.isoformat() if p.referral_date else None]
              for p in network.people.values()]
    companies = [[c.key, c.name, c.path, c.target, c.people]
                 for c in network.companies.values()]
    return json.dumps([people, companies], ensure_ascii=False, separators=(",", ":"))


def _loads(today: dt.date, text: str) -> Network | None:
    """A network kept by :func:`_dumps` (``None`` if it cannot be read)."""
    day = dt.date.fromisoformat
    try:
        people_data, companies_data = json.loads(text)
        people = {}
        for (path, name, status, role, company, referred_by, referred_by_name, connection,
             connection_name, held, ahead, thanked, referral_date) in people_data:
            people[path] = Person(path, name, status, role, company, referred_by,
                                  referred_by_name, connection, connection_name,
                                  [(day(d), s) for d, s in held], [(day(d), s) for d, s in ahead],
                                  set(thanked), day(referral_date) if referral_date else None)
        companies = {key: Company(key, name, path, target, list(members))
                     for key, name, path, target, members in companies_data}
    except (ValueError, TypeError):
        return None
    return _link_up(today, people, companies)


def _read(session: Session) -> Network:
    index = session.index
    today = session.today
    strategy = session.config.data["strategy"]
    companies: dict[str, Company] = {}
    by_name: dict[str, list[str]] = {}
    for note in index.properties("company", ["target"]):
        companies[note.path] = Company(note.path, note.name, note.path,
                                       target=as_bool(note.props.get("target")))
        by_name.setdefault(name_key(note.name), []).append(note.path)
        by_name.setdefault(name_key(note.path.rsplit("/", 1)[-1][:-3]), []).append(note.path)

    def company_key(text: str) -> str:
        paths = sorted(set(by_name.get(name_key(text), [])))
        if len(paths) == 1:
            return paths[0]
        key = "name:" + name_key(text)
        companies.setdefault(key, Company(key, text, None))
        return key

    for wanted in strategy["targets"]:
        companies[company_key(str(wanted))].target = True
    links = {(link.source, link.field): link for link in reversed(index.field_links(
        "company", "referred_by", "connection", "referral_source", source_type="contact"))}
    people: dict[str, Person] = {}
    for note in index.properties("contact", CONTACT_KEYS):
        props = note.props
        company_link = links.get((note.path, "company"))
        company: str | None = None
        if company_link is not None and company_link.resolved in companies:
            company = company_link.resolved
        else:
            names = link_targets(props.get("company"))
            if names:
                company = company_key(names[0].rsplit("/", 1)[-1])
        person = Person(note.path, note.name, as_text(props.get("status")).strip().lower(),
                        as_text(props.get("role")).strip(), company)
        for key in ("referred_by", "connection"):
            link = links.get((note.path, key))
            if link is not None:
                setattr(person, key, link.resolved)
                setattr(person, f"{key}_name", link.target.rsplit("/", 1)[-1])
        people[note.path] = person
        if company is not None:
            companies[company].people.append(note.path)
    interviews = {n.path: n for n in index.properties("interview", INTERVIEW_KEYS)}
    dates = {path: as_date(n.props.get("date")) for path, n in interviews.items()}
    for link in index.field_links("contact", source_type="interview"):
        attendee = people.get(link.resolved or "")
        day = dates.get(link.source)
        if attendee is None or day is None:
            continue
        entry = (day, link.source)
        if day <= today and entry not in attendee.held:
            attendee.held.append(entry)
            if is_sent(interviews[link.source].props.get("thank_you_sent")):
                attendee.thanked.add(link.source)
        elif day > today and entry not in attendee.ahead:
            attendee.ahead.append(entry)
    for person in people.values():
        source = links.get((person.path, "referral_source"))
        if source is not None and source.resolved in dates:
            person.referral_date = dates[source.resolved]
    return _link_up(today, people, companies)


def _link_up(today: dt.date, people: dict[str, Person],
             companies: dict[str, Company]) -> Network:
    """The network of ``people`` and ``companies``: who referred and connects whom."""
    referred: dict[str, list[str]] = {}
    direct: dict[str, set[str]] = {}
    for person in people.values():
        person.held.sort()
        person.ahead.sort()
        for other in (person.referred_by, person.connection):
            if other in people and other != person.path:
                direct.setdefault(person.path, set()).add(other)
                direct.setdefault(other, set()).add(person.path)
        if person.referred_by in people:
            referred.setdefault(person.referred_by, []).append(person.path)
            person.referred_by_name = people[person.referred_by].name
        if person.connection in people:
            person.connection_name = people[person.connection].name
    for place in companies.values():
        place.people.sort(key=lambda p: (name_key(people[p].name), p))
    return Network(today, people, companies, referred, direct)
