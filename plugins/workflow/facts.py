"""What the notes say about one person, gathered once for ``prep`` and ``draft``: their company
and its research, who connects you, the conversations you had (and the one ahead), what they
advised and whom they led you to. Read from the up-to-date index only; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from infoview.api import (
    Advice,
    Index,
    IndexedNote,
    Note,
    Session,
    advice_in,
    as_date,
    as_datetime,
    as_text,
    link_targets,
    name_key,
)

_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)|%%.*?(?:%%|\Z)", re.S)
_BLANKS_RE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def clean_text(text: str) -> str:
    """Section text as a person reads it: comments (``<!-- -->``, ``%% %%``) gone, no more than
    one blank line in a row, no blank lines around it."""
    text = _COMMENT_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _BLANKS_RE.sub("\n\n", text).strip("\n").rstrip()


@dataclass(slots=True)
class Person:
    """A contact named by a link or a plain name (``path`` is ``None`` when no note matches)."""

    name: str
    path: str | None = None
    status: str = ""
    company: str = ""
    source: str | None = None
    """For a referred person: the interview note the referral came from (``referral_source``)."""
    met: dt.date | None = None
    """For a referred or introduced person: the day of your first conversation with them."""


@dataclass(slots=True)
class Conversation:
    """One interview note with this person."""

    path: str
    name: str
    date: dt.date | None
    moment: dt.datetime | None
    medium: str
    props: dict[str, object]
    note: Note
    people: list[Person] = field(default_factory=list)

    def section(self, heading: str) -> str:
        return clean_text(self.note.section_text(heading))

    def items(self, heading: str) -> list[str]:
        return [clean_text(i.text) for i in self.note.section_items(heading)
                if clean_text(i.text)]

    @property
    def when(self) -> str:
        """``2026-12-04 14:30`` or ``2026-12-04`` (``no date``)."""
        if self.moment is not None:
            return f"{self.moment.date().isoformat()} {self.moment.strftime('%H:%M')}"
        return self.date.isoformat() if self.date else "no date"


@dataclass(slots=True)
class Facts:
    """Everything the notes say about one contact."""

    contact: IndexedNote
    today: dt.date
    company: str = ""
    company_note: IndexedNote | None = None
    referred_by: Person | None = None
    connection: Person | None = None
    referral_source: Conversation | None = None
    conversations: list[Conversation] = field(default_factory=list)
    colleagues: list[Person] = field(default_factory=list)
    referred: list[Person] = field(default_factory=list)
    """People whose ``referred_by`` is this contact."""
    introduced: list[Person] = field(default_factory=list)
    """People whose ``connection`` is this contact."""
    advice: list[Advice] = field(default_factory=list)
    referrals_heading: str = "Referrals"
    """The heading referrals are written under (``[referrals] heading``)."""

    @property
    def name(self) -> str:
        return self.contact.name

    @property
    def role(self) -> str:
        return as_text(self.contact.props.get("role")).strip()

    @property
    def email(self) -> str:
        return as_text(self.contact.props.get("email")).strip()

    @property
    def status(self) -> str:
        return as_text(self.contact.props.get("status")).strip().lower()

    @property
    def held(self) -> list[Conversation]:
        """Conversations dated today or earlier, oldest first."""
        return [c for c in self.conversations if c.date is not None and c.date <= self.today]

    @property
    def ahead(self) -> Conversation | None:
        """The next conversation dated today or later."""
        return next((c for c in self.conversations
                     if c.date is not None and c.date >= self.today), None)

    @property
    def last(self) -> Conversation | None:
        """The latest conversation held."""
        return self.held[-1] if self.held else None

    @property
    def introducer(self) -> Person | None:
        """Who connects you: the person who referred you, else the connection."""
        return self.referred_by or self.connection


def read_facts(session: Session, contact: IndexedNote) -> Facts:
    """The facts about ``contact`` (index up to date)."""
    index = session.index
    facts = Facts(contact, session.today,
                  referrals_heading=str(session.config.data["referrals"]["heading"]))
    own = {link.field: link for link in reversed(index.links_from(contact.path))}
    facts.company = _company_name(index, contact, own.get("company"))
    company_link = own.get("company")
    if company_link is not None and company_link.resolved:
        note = index.note(company_link.resolved)
        facts.company_note = note if note is not None and note.type == "company" else None
    for key in ("referred_by", "connection"):
        link = own.get(key)
        if link is not None:
            setattr(facts, key, _person(index, link.resolved, link.target))
        elif as_text(contact.props.get(key)).strip():
            targets = link_targets(contact.props.get(key))
            if targets:
                setattr(facts, key, Person(targets[0]))
    incoming = index.links_to(contact.path)
    interviews = sorted({link.source for link in incoming if link.field == "contact"})
    facts.conversations = sorted(
        (c for c in (_conversation(index, p) for p in interviews) if c is not None),
        key=lambda c: (c.date or dt.date.min, c.moment.time() if c.moment else dt.time(),
                       c.path))
    source = own.get("referral_source")
    if source is not None and source.resolved:
        facts.referral_source = _conversation(index, source.resolved)
    for key, into in (("referred_by", facts.referred), ("connection", facts.introduced)):
        paths = sorted({link.source for link in incoming if link.field == key})
        for path in paths:
            person = _person(index, path, path)
            if person.path is None or not _is_contact(index, person.path):
                continue
            links = index.links_from(person.path)
            person.source = next((link.resolved for link in links
                                  if link.field == "referral_source"), None)
            person.met = _first_met(index, person.path, session.today)
            into.append(person)
    facts.colleagues = colleagues(index, contact, facts)
    facts.advice = [a for c in facts.held
                    for a in advice_in(c.note, c.date, contact.name, [p.name for p in c.people])]
    return facts


def colleagues(index: Index, contact: IndexedNote, facts: Facts) -> list[Person]:
    """Other contacts at the same company (by its note, else by the company's name)."""
    if not facts.company:
        return []
    wanted = facts.company_note.path if facts.company_note else None
    key = name_key(facts.company)
    found = []
    by_link = {link.source: link for link in index.field_links("company", source_type="contact")}
    for note in index.properties("contact", ["company", "status"]):
        if note.path == contact.path:
            continue
        link = by_link.get(note.path)
        same = (wanted is not None and link is not None and link.resolved == wanted) or \
            any(name_key(t.rsplit("/", 1)[-1]) == key
                for t in link_targets(note.props.get("company")))
        if same:
            found.append(Person(note.name, note.path,
                                as_text(note.props.get("status")).strip().lower()))
    return found


def _company_name(index: Index, contact: IndexedNote, link: object) -> str:
    resolved = getattr(link, "resolved", None)
    if resolved:
        note = index.note(resolved)
        if note is not None:
            return note.name
    targets = link_targets(contact.props.get("company"))
    return targets[0].rsplit("/", 1)[-1] if targets else ""


def _person(index: Index, path: str | None, target: str) -> Person:
    if path:
        note = index.note(path)
        if note is not None:
            return Person(note.name, note.path,
                          as_text(note.props.get("status")).strip().lower(),
                          company=as_text(note.props.get("company")).strip())
    return Person(target.rsplit("/", 1)[-1].removesuffix(".md"), None)


def _first_met(index: Index, path: str, today: dt.date) -> dt.date | None:
    """The day of the first conversation held with the contact at ``path``."""
    days = []
    for link in index.links_to(path):
        if link.field == "contact":
            note = index.note(link.source)
            day = as_date(note.props.get("date")) if note is not None else None
            if note is not None and note.type == "interview" and day is not None \
                    and day <= today:
                days.append(day)
    return min(days, default=None)


def _is_contact(index: Index, path: str) -> bool:
    note = index.note(path)
    return note is not None and note.type == "contact"


def _conversation(index: Index, path: str) -> Conversation | None:
    note = index.note(path)
    if note is None or note.type != "interview":
        return None
    people = [_person(index, link.resolved, link.target) for link in index.links_from(path)
              if link.field == "contact"]
    return Conversation(
        path=path, name=note.name, date=as_date(note.props.get("date")),
        moment=as_datetime(note.props.get("date")),
        medium=as_text(note.props.get("medium")).strip(), props=note.props, note=note.note,
        people=list({(p.name, p.path): p for p in people}.values()))
