"""Built-in plugin: the reminders of the informational-interview method.

- thank-you: interview date + ``thank_you_days`` (1); closed by ``thank_you_sent`` (a date or
  ``true``);
- follow-up: interview date + ``follow_up_days`` (60); closed by ``follow_up_sent``;
- prep: interview date − ``prep_days`` (2), for interviews still ahead; closed by
  ``prepared: true`` or ``prep_min_questions`` (3) items under ``## Questions``;
- keep-in-touch: last interaction + the contact's ``keep_in_touch``; closed by a newer
  interaction (``last_contact``, an interview, a sent thank-you or follow-up);
- outreach: the referral's interview date + ``outreach_days`` (7), for referred contacts still
  at ``prospect``; closed when ``status`` moves on;
- update-introducer: interview date + ``update_introducer_days`` (3), for a conversation with
  someone who has a ``referred_by``: tell that person how it went; closed by
  ``introducer_updated``.

Cadences come from ``[reminders]`` in the vault's config. The plugin also keeps
``Infoview/Reminders.md`` (:mod:`infoview.plugins.reminders.note`) and adds ``infoview due`` and
``infoview done`` (:mod:`infoview.plugins.reminders.commands`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infoview import hookimpl
from infoview.api import (
    Closing,
    Problem,
    Reminder,
    ReminderKind,
    Session,
    as_bool,
    as_date,
    as_list,
    as_text,
    inline,
    is_empty,
    shift,
    wikilink,
)
from infoview.api import RegisterReminderKind as Register

if TYPE_CHECKING:
    from infoview.api import Problem

INTERVIEW_KEYS = ["date", "thank_you_sent", "follow_up_sent", "prepared", "introducer_updated"]
CONTACT_KEYS = ["status", "keep_in_touch", "last_contact", "referred_by"]
_CADENCE_RE = re.compile(r"^\s*(\d+)\s*([dwm]?)\s*$", re.I)


@dataclass(slots=True)
class Interview:
    path: str
    name: str
    hash: str
    date: dt.date | None
    props: dict[str, Any]
    people: list[tuple[str, str | None]] = field(default_factory=list)


@dataclass(slots=True)
class Vault:
    """What the reminder rules need from the index, read once."""

    session: Session
    interviews: list[Interview]
    contacts: dict[str, Any]
    names: dict[str, str]

    @classmethod
    def read(cls, session: Session) -> Vault:
        """The vault as the rules see it (read once per session, shared by the kinds)."""
        cached = session.cache.get(__name__)
        if isinstance(cached, cls):
            return cached
        index = session.index
        contacts = {n.path: n for n in index.properties("contact", CONTACT_KEYS)}
        names = {path: note.name for path, note in contacts.items()}
        people: dict[str, list[tuple[str, str | None]]] = {}
        for link in index.field_links("contact"):
            resolved = link.resolved
            entry = (names.get(resolved, link.target) if resolved else link.target, resolved)
            if entry not in people.setdefault(link.source, []):
                people[link.source].append(entry)
        interviews = [Interview(n.path, n.name, n.hash, as_date(n.props.get("date")), n.props,
                                people.get(n.path, []))
                      for n in index.properties("interview", INTERVIEW_KEYS)]
        session.cache[__name__] = vault = cls(session, interviews, contacts, names)
        return vault

    def link(self, name: str, path: str | None) -> str:
        """A link to a person (one line, inert: see :mod:`infoview.write.generated`)."""
        stem = path.rsplit("/", 1)[-1].removesuffix(".md") if path else name
        return wikilink(stem, name if path else "")

    def note_link(self, path: str) -> str:
        return wikilink(path.rsplit("/", 1)[-1].removesuffix(".md"))

    def who(self, people: list[tuple[str, str | None]]) -> str:
        links = [self.link(name, path) for name, path in people] or ["them"]
        return links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]


def is_set(value: Any) -> bool:
    """A sent marker: a date, ``true`` or ``yes`` (``false`` and empty are not)."""
    return not is_empty(value) and (as_date(value) is not None or as_bool(value))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus calendar months (Jan 31 + 1 month is the last day of February); past
    9999-12-31 it is 9999-12-31."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def cadence(value: Any) -> tuple[int, str] | None:
    """``keep_in_touch`` as ``(count, unit)``: ``90``/``90d`` days, ``2w`` weeks, ``3m`` months."""
    if isinstance(value, bool) or is_empty(value):
        return None
    match = _CADENCE_RE.match(str(value))
    if match is None or int(match[1]) == 0:
        return None
    return int(match[1]), (match[2] or "d").lower()


def after(day: dt.date, every: tuple[int, str]) -> dt.date:
    count, unit = every
    if unit == "m":
        return add_months(day, count)
    return shift(day, count * (7 if unit == "w" else 1))


# -- the five kinds -----------------------------------------------------------------------------


def _after_interview(session: Session, kind: str, days_key: str, sent: str,
                     what: str) -> Iterator[Reminder]:
    """A note to send ``days`` after each past interview, until its ``sent`` field is set."""
    vault = Vault.read(session)
    days = session.config.reminders[days_key]
    for iv in vault.interviews:
        if iv.date is None or iv.date > session.today or is_set(iv.props.get(sent)):
            continue
        yield Reminder(kind, shift(iv.date, days),
                       f"Send {what} to {vault.who(iv.people)} ({vault.note_link(iv.path)})",
                       iv.path, iv.people, Closing(iv.path, sent, session.today), anchor="",
                       extra={"hash": iv.hash})


def thank_you(session: Session) -> Iterator[Reminder]:
    return _after_interview(session, "thank-you", "thank_you_days", "thank_you_sent",
                            "a thank-you note")


def follow_up(session: Session) -> Iterator[Reminder]:
    return _after_interview(session, "follow-up", "follow_up_days", "follow_up_sent",
                            "a follow-up note")


def prep(session: Session) -> Iterator[Reminder]:
    vault = Vault.read(session)
    settings = session.config.reminders
    ahead = [(iv, iv.date) for iv in vault.interviews if iv.date is not None
             and iv.date >= session.today and not as_bool(iv.props.get("prepared"))]
    parsed = session.index.structures([iv.path for iv, _ in ahead])
    for iv, date in ahead:
        note = parsed.get(iv.path)
        questions = note.section_items("Questions") if note is not None else []
        if len(questions) >= settings["prep_min_questions"]:
            continue
        yield Reminder("prep", shift(date, -settings["prep_days"]),
                       f"Prepare for the conversation with {vault.who(iv.people)} on "
                       f"{date.isoformat()} ({vault.note_link(iv.path)})", iv.path, iv.people,
                       Closing(iv.path, "prepared", True), anchor="", extra={"hash": iv.hash})


def last_interactions(session: Session) -> dict[str, dt.date]:
    """Each contact's last interaction up to today (path → date): the latest of
    ``last_contact``, past interview dates, and sent thank-you and follow-up dates."""
    vault = Vault.read(session)
    seen: dict[str, dt.date] = {}

    def saw(path: str, day: dt.date | None) -> None:
        if day is not None and day <= session.today and (path not in seen or day > seen[path]):
            seen[path] = day

    for iv in vault.interviews:
        if iv.date is None or iv.date > session.today:
            continue
        for _name, path in iv.people:
            if path is not None:
                for day in (iv.date, as_date(iv.props.get("thank_you_sent")),
                            as_date(iv.props.get("follow_up_sent"))):
                    saw(path, day)
    for path, contact in vault.contacts.items():
        saw(path, as_date(contact.props.get("last_contact")))
    return seen


def keep_in_touch(session: Session) -> Iterator[Reminder]:
    vault = Vault.read(session)
    seen = last_interactions(session)
    for path, contact in vault.contacts.items():
        every = cadence(contact.props.get("keep_in_touch"))
        if every is None:
            continue
        last = seen.get(path)
        due = after(last, every) if last else session.today
        since = f"last contact {last.isoformat()}" if last else "no contact recorded yet"
        people: list[tuple[str, str | None]] = [(contact.name, path)]
        yield Reminder("keep-in-touch", due,
                       f"Get back in touch with {vault.who(people)} ({since})", path, people,
                       Closing(path, "last_contact", session.today),
                       anchor=last.isoformat() if last else "", extra={"hash": contact.hash})


def outreach(session: Session) -> Iterator[Reminder]:
    vault = Vault.read(session)
    days = session.config.reminders["outreach_days"]
    dated = {iv.path: iv.date for iv in vault.interviews}
    links = {key: (link.resolved, link.target) for key, link in
             session.index.first_links("referral_source", "referred_by").items()}
    for path, contact in vault.contacts.items():
        props = contact.props
        if as_text(props.get("status")).strip().lower() != "prospect" or is_empty(
                props.get("referred_by")):
            continue
        source = links.get((path, "referral_source"))
        day = dated.get(source[0]) if source is not None and source[0] else None
        due = shift(day, days) if day else session.today
        referrer = links.get((path, "referred_by"))
        by = vault.link(vault.names.get(referrer[0] or "", referrer[1]), referrer[0]) \
            if referrer else inline(as_text(props.get("referred_by")))
        people: list[tuple[str, str | None]] = [(contact.name, path)]
        yield Reminder("outreach", due, f"Reach out to {vault.who(people)}, referred by {by}",
                       path, people, Closing(path, "status", "contacted"), anchor="",
                       extra={"hash": contact.hash})


def update_introducer(session: Session) -> Iterator[Reminder]:
    """After a conversation with someone who was referred to you, tell the person who referred
    them how it went: due ``update_introducer_days`` (3) after it, closed by
    ``introducer_updated`` on the interview note. One reminder per introducer."""
    vault = Vault.read(session)
    days = session.config.reminders["update_introducer_days"]
    referrers: dict[str, tuple[str, str | None]] = {}
    for link in session.index.field_links("referred_by", source_type="contact"):
        if link.source not in referrers:  # the first one written wins
            name = vault.names.get(link.resolved or "", link.target.rsplit("/", 1)[-1])
            referrers[link.source] = (name, link.resolved)
    for iv in vault.interviews:
        if iv.date is None or iv.date > session.today or is_set(
                iv.props.get("introducer_updated")):
            continue
        told: dict[tuple[str, str | None], list[tuple[str, str | None]]] = {}
        for person in iv.people:
            introducer = referrers.get(person[1] or "")
            if introducer is not None and introducer[1] not in {p for _, p in iv.people}:
                told.setdefault(introducer, []).append(person)
        for introducer, people in told.items():
            yield Reminder(
                "update-introducer", shift(iv.date, days),
                f"Tell {vault.who([introducer])} how the conversation with {vault.who(people)} "
                f"went ({vault.note_link(iv.path)})", iv.path, [introducer, *people],
                Closing(iv.path, "introducer_updated", session.today),
                anchor=introducer[1] or introducer[0], extra={"hash": iv.hash})


KINDS = (
    ReminderKind("thank-you", thank_you, "thank the person the day after the conversation"),
    ReminderKind("follow-up", follow_up, "follow up a couple of months later"),
    ReminderKind("prep", prep, "prepare questions before a conversation"),
    ReminderKind("keep-in-touch", keep_in_touch, "keep the relationship going"),
    ReminderKind("outreach", outreach, "reach out to a person you were referred to"),
    ReminderKind("update-introducer", update_introducer,
                 "tell the person who referred someone how the conversation went"),
)


@hookimpl
def register_reminder_kinds(register: Register) -> None:
    for kind in KINDS:
        register(kind)


@hookimpl
def doctor_problems(session: Session) -> list[Problem]:
    """Interviews without a date and cadences infoview cannot read get no reminders: say so.
    (Properties are read inside SQLite; only the notes reported are decoded, for the line.)"""
    from infoview.api import Problem

    index = session.index
    undated = [n.path for n in index.properties("interview", ["date"])
               if as_date(n.props.get("date")) is None]
    unread = {n.path: n.props["keep_in_touch"]
              for n in index.properties("contact", ["keep_in_touch"])
              if not is_empty(n.props.get("keep_in_touch"))
              and cadence(n.props["keep_in_touch"]) is None}
    lines = index.structures([*undated, *unread])

    def line(path: str, key: str) -> int | None:
        return lines[path].key_lines.get(key) if path in lines else None

    found = [Problem(path, line(path, "date"), "interview has no date (YYYY-MM-DD), so it "
                     "gets no reminders", kind="warning") for path in undated]
    found += [Problem(path, line(path, "keep_in_touch"), f"keep_in_touch "
                      f"{as_list(value)[0]!r} is not a cadence like 90, 90d, 2w or 3m",
                      kind="warning") for path, value in unread.items()]
    return found


@hookimpl(trylast=True)
def sync_after_index(session: Session) -> None:
    """Close the reminders ticked in ``Reminders.md``, after the other plugins acted (the sync
    has indexed what they wrote)."""
    from infoview.plugins.reminders.note import close_ticked

    close_ticked(session)


@hookimpl
def sync_generated_notes(session: Session) -> None:
    from infoview.plugins.reminders.note import update_reminders_note

    update_reminders_note(session)


@hookimpl
def register_commands(cli: Any) -> None:
    from infoview.plugins.reminders.commands import done, due

    cli.add_command(due)
    cli.add_command(done)
