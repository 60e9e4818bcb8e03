"""Built-in plugin: referrals ("who else should I talk to?") become contacts.

In interview notes, a referral is a list item under the ``## Referrals`` heading (the heading is
``[referrals] heading``), an item of the ``referrals:`` property, or a ``referral:: ...`` inline
field. Each is read by :func:`infoview.plugins.referrals.items.parse_referral`. For each referred
person, on ``sync``:

- an existing contact (the item's link, else the name, an alias or the email) gets
  ``referred_by`` (the person interviewed: the interview's first contact) if it has none; a
  different ``referred_by`` is left alone and reported; nothing else changes;
- otherwise a contact note is made from the vault's contact template with ``status: prospect``,
  ``referred_by``, ``referral_source`` (the interview) and what the item said (role, company,
  email, phone, LinkedIn, and anything else in ``referral_note``).

A second sync finds the contacts the first made, so it creates nothing. ``infoview referrals``
shows who led to whom; ``Infoview/Referrals.md`` draws it (:mod:`infoview.plugins.referrals.graph`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from infoview import hookimpl
from infoview.api import (
    Problem,
    Session,
    as_list,
    as_text,
    link_targets,
    name_key,
    one_line,
    quoted_name,
)

if TYPE_CHECKING:
    from infoview.api import Problem, Value
    from infoview.plugins.referrals.items import ReferralItem

_SEEN = "referrals.seen:"
"""Vault state keys (:attr:`Session.state`, kept across index rebuilds): ``referrals.seen:`` +
an interview's path → the hash of the bytes whose referrals were applied."""
_PROBLEMS = "referrals.problems"
"""Index cache name (:meth:`~infoview.index.store.Index.keep`) of doctor's referral problems."""
_OLD_SEEN = "referrals.seen"
"""Where earlier versions kept all of them, as one JSON object (state, or index meta)."""
_SEEN_AT = "referrals.seen_generation"
"""Index meta key: the index generation of the last pass (unchanged index: nothing to do)."""
_SEEN_SINCE = "referrals.seen_read_ns"
"""Index meta key: notes read (``notes.read_ns``) after this were not looked at yet. It is the
index's ``committed_ns`` when the pass began: an index update committed later read its notes
after that (updates hold the index lock), so no note is missed."""
_MARGIN_NS = 2_000_000_000
"""Notes read this long before that are looked at again (a hash compare each), in case
clocks are coarse."""


@dataclass(frozen=True, slots=True)
class Referral:
    """One referred person, as an interview note names them."""

    item: ReferralItem
    interview: str
    """Path of the interview note."""
    referrer: tuple[str, str | None]
    """``(name, contact path)`` of the person interviewed."""
    line: int | None = None
    """The line of the item in the interview note."""


@dataclass(frozen=True, slots=True)
class Unread:
    """A referral item that makes no contact, and why: reported by ``sync`` and ``doctor``."""

    interview: str
    line: int | None
    text: str
    reason: str

    def problem(self) -> Problem:
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return Problem(self.interview, self.line, f"referral {one_line(shown)!r}: "
                       f"{self.reason}; no contact made", kind="warning")


NOT_UNDERSTOOD = ("infoview cannot tell whom it names (write the name first, then a comma or "
                  "(role, company), or link the person: [[Name]])")


def referrals_in(session: Session, only: set[str] | None = None,
                 unread: list[Unread] | None = None) -> list[Referral]:
    """The referrals written in the vault's interview notes (one per person per interview);
    ``only``: just those of these interview paths. Items that name no person are added to
    ``unread``."""
    from infoview.plugins.referrals.items import (  # big patterns: compiled on use
        MAX_ITEM_CHARS,
        parse_referral,
    )

    heading = str(session.config.data["referrals"]["heading"])
    index = session.index
    few = sorted(only) if only is not None and len(only) <= 50 else None
    contacts = {source: (source, link.resolved, link.target)  # an interview's first contact
                for (source, _field), link in index.first_links("contact", sources=few).items()}
    if few is None:
        names = {n.path: n.name for n in index.properties("contact", [])}
    else:
        names = index.names({row[1] for row in contacts.values() if row[1]}, "contact")
    found: list[Referral] = []
    if only is None or len(only) > 50:  # most of them: one query
        notes = [n for n in index.notes("interview") if only is None or n.path in only]
        notes.sort(key=lambda n: n.path)
    else:
        notes = [n for n in (index.note(p) for p in sorted(only)) if n is not None]
    for interview in notes:
        structure = interview.structure
        texts: list[tuple[str, int | None]] = [
            (item.text, item.line) for item in structure.section_items(heading)]
        texts += [(str(v), structure.key_lines.get("referrals"))
                  for v in as_list(interview.props.get("referrals"))]
        texts += [(f.value, f.line) for f in structure.fields
                  if f.key.strip().lower() in ("referral", "referrals")]
        if not texts:
            continue
        first = contacts.get(interview.path)
        referrer = (names.get(first[1], first[2]) if first[1] else first[2], first[1]) \
            if first else (interview.name, None)
        seen: set[str] = set()
        for text, line in texts:
            item = parse_referral(text)
            if item is None:
                if unread is not None and text.strip():
                    reason = NOT_UNDERSTOOD if len(text) <= MAX_ITEM_CHARS else \
                        f"it is {len(text)} characters long, more than the {MAX_ITEM_CHARS} " \
                        "of a referral infoview reads"
                    unread.append(Unread(interview.path, line, text.strip(), reason))
                continue
            if name_key(item.name) in seen:
                continue
            seen.add(name_key(item.name))
            found.append(Referral(item, interview.path, referrer, line))
    return found


class People:
    """What matching referrals needs from the index: read in a few bulk queries when many
    referrals are matched (a first sync), else looked up one by one (an edited interview)."""

    BULK = 50

    def __init__(self, session: Session, count: int) -> None:
        self.index = session.index
        self.bulk = count > self.BULK
        self._contacts: dict[str, tuple[str, dict[str, Any]] | None] = {}
        self._linked: dict[str, dict[str, str]] = {}
        self._resolved: dict[str, dict[str, str]] = {}
        self._referred_by: dict[str, str | None] = {}
        if self.bulk:
            self._contacts.update((n.path, (n.hash, n.props))
                                  for n in self.index.properties("contact", ["referred_by"]))
            for link in reversed(self.index.field_links()):  # the first link of a name wins
                source, target, resolved = link.source, link.target, link.resolved
                if resolved:
                    self._resolved.setdefault(source, {})[target] = resolved
                if resolved in self._contacts:
                    self._linked.setdefault(source, {})[target] = resolved
                if link.field == "referred_by":
                    self._referred_by[source] = resolved

    def contact(self, path: str) -> tuple[str, dict[str, Any]] | None:
        """``(hash, {"referred_by": ...})`` of the contact at ``path``; ``None``: no contact."""
        if path not in self._contacts and not self.bulk:
            note = self.index.note(path)
            self._contacts[path] = (note.hash, note.props) \
                if note is not None and note.type == "contact" else None
        return self._contacts.get(path)

    def linked(self, source: str, target: str) -> str | None:
        """The contact that ``source``'s first link to ``target`` resolves to."""
        if source not in self._linked and not self.bulk:
            found: dict[str, str] = {}
            for link in reversed(self.index.links_from(source)):
                if link.resolved and self.contact(link.resolved) is not None:
                    found[link.target] = link.resolved
            self._linked[source] = found
        return self._linked.get(source, {}).get(target)

    def resolved(self, source: str, target: str) -> str | None:
        """The file (a note of any type) that ``source``'s first link to ``target`` resolves to."""
        if source not in self._resolved and not self.bulk:
            self._resolved[source] = {link.target: link.resolved for link in
                                      reversed(self.index.links_from(source)) if link.resolved}
        return self._resolved.get(source, {}).get(target)

    def referred_by(self, path: str) -> str | None:
        """Where the contact's first ``referred_by`` link resolves (``None``: nowhere)."""
        if path not in self._referred_by and not self.bulk:
            self._referred_by[path] = next((link.resolved for link in self.index.links_from(path)
                                            if link.field == "referred_by"), None)
        return self._referred_by.get(path)


def match(session: Session, item: ReferralItem, interview: str,
          people: People | None = None) -> list[str]:
    """Existing contacts the item names: by its link, else by name or alias, else by email."""
    index = session.index
    people = people or People(session, 1)
    if item.link:
        found = people.linked(interview, item.link)
        if found is not None:
            return [found]
    found_paths = index.find(item.name, "contact")
    if not found_paths and item.email:
        found_paths = index.find(item.email, "contact")
    return found_paths


def link_problem(session: Session, people: People, referral: Referral) -> str | None:
    """Why the person a referral *links* to cannot get a contact: the link resolves to a note
    that is not a contact (a template, a generated note, a company...), or the contact note
    made for it would not be what the link names (``[[Existing.md.md]]``, ``[[Existing.]]``:
    a new ``Existing (2).md`` would be a second Existing; ``[[Infoview/Reminders]]``: a note
    in another folder). ``None`` when all is well."""
    from infoview.api import safe_note_name

    item = referral.item
    if not item.link:
        return None
    resolved = people.resolved(referral.interview, item.link)
    if resolved is not None:
        if people.contact(resolved) is None:
            return f"it links to {quoted_name(resolved)}, which is not a contact note"
        return None
    named = item.link.replace("\\", "/").strip("/")
    named = named[:-3] if named.lower().endswith(".md") else named
    made = f"{session.config.folder('contacts')}/{safe_note_name(item.name)}"
    if name_key(made) != name_key(named) and not name_key(made).endswith("/" + name_key(named)):
        return (f"a note made for [[{one_line(item.link)}]] would be {made}.md, which that link "
                "does not name; link the person by their name")
    return None


def referral_problems(session: Session) -> list[Problem]:
    """The referral items of every interview that make no contact (``doctor``); kept in the
    index between commands while nothing changes (every item of the vault is read to find
    them)."""
    index = session.index
    key = f"{index.generation}|{session.config.data['referrals']['heading']}"
    kept = index.cached(_PROBLEMS, key)
    if kept is not None:
        with contextlib.suppress(ValueError, TypeError):
            return [Problem(path, line, message, kind)
                    for path, line, message, kind in json.loads(kept)]
    found = _referral_problems(session)
    index.keep(_PROBLEMS, key, json.dumps([[p.path, p.line, p.message, p.kind] for p in found],
                                          ensure_ascii=False))
    return found


def _referral_problems(session: Session) -> list[Problem]:
    unread: list[Unread] = []
    referrals = referrals_in(session, unread=unread)
    people = People(session, len(referrals))
    for referral in referrals:
        reason = link_problem(session, people, referral)
        if reason is not None:
            unread.append(Unread(referral.interview, referral.line, referral.item.text, reason))
    return [u.problem() for u in sorted(unread, key=lambda u: (u.interview, u.line or 0))]


def new_contact_values(referral: Referral, interview_name: str) -> dict[str, Value]:
    from infoview.api import Link

    item = referral.item
    values: dict[str, Value] = {
        "status": "prospect",
        "referred_by": Link(referral.referrer[0]),
        "referral_source": Link(interview_name),
    }
    company = Link(item.company_link) if item.company_link else item.company
    for key, value in (("role", item.role), ("company", company), ("email", item.email),
                       ("phone", item.phone), ("linkedin", item.linkedin),
                       ("referral_note", item.note)):
        if value:
            values[key] = value
    return values


def apply_referrals(session: Session) -> None:
    """Make or update the contacts that new or changed interview notes refer to (through the
    safe write path). An interview is read again only when its bytes change, so a contact the
    user deleted is not made again while the referral stays as it was; only the interviews the
    index read since the last pass are looked at, so an edit costs the same in any vault."""
    index = session.index
    generation = str(index.generation)
    if index.meta(_SEEN_AT) == generation:
        return  # the index has not changed since the last pass
    now = time.time_ns()
    until = index.meta("committed_ns") or str(now)  # read first: a later update reads after it
    since = index.meta(_SEEN_SINCE)
    if since is None or now < int(since):
        # a new or rebuilt index, or the clock went back since the last pass: every interview
        candidates = {n.path: n.hash for n in index.properties("interview", [])}
    else:
        candidates = index.read_since(int(since), "interview")
    seen = _seen(session, sorted(candidates))
    changed = {path for path, digest in candidates.items() if seen.get(path) != digest}
    if changed:
        unread: list[Unread] = []
        _apply(session, referrals_in(session, changed, unread))
        for item in unread:
            session.warn(str(item.problem()))
    if not session.dry_run:
        session.state.set_many({_SEEN + path: candidates[path] for path in changed})
        index.set_meta(_SEEN_SINCE, str(int(until) - _MARGIN_NS))
        index.set_meta(_SEEN_AT, generation)


def _seen(session: Session, paths: list[str]) -> dict[str, str]:
    """The hash each of ``paths`` had when its referrals were applied (kept outside the index:
    a rebuilt index must not bring back contacts the user deleted)."""
    state = session.state
    old = state.get(_OLD_SEEN) or session.index.meta(_OLD_SEEN)
    if old is not None:  # kept as one JSON object by earlier versions
        found: dict[str, str] = json.loads(old)
        if not session.dry_run:
            state.set_many({_SEEN + path: digest for path, digest in found.items()})
            state.delete(_OLD_SEEN)
            session.index.delete_meta(_OLD_SEEN)
        return {path: found[path] for path in paths if path in found}
    stored = state.get_many([_SEEN + path for path in paths])
    return {key[len(_SEEN):]: digest for key, digest in stored.items()}


def _apply(session: Session, referrals: list[Referral]) -> None:
    from infoview.api import many_notes

    made: dict[str, str] = {}  # name key -> path created in this run (not indexed yet)
    people = People(session, len(referrals))
    with many_notes(session):  # a first sync may make many contacts
        for referral in referrals:
            _apply_one(session, referral, people, made)


def _apply_one(session: Session, referral: Referral, people: People,
               made: dict[str, str]) -> None:
    """Add ``referred_by`` to the contact a referral names, or make the contact."""
    from infoview.api import create_note

    item = referral.item
    key = name_key(item.name)
    if key in made or key == name_key(referral.referrer[0]):
        return  # made already in this run, or the person interviewed themself
    reason = link_problem(session, people, referral)
    if reason is not None:
        session.warn(str(Unread(referral.interview, referral.line, item.text, reason).problem()))
        return
    matches = match(session, item, referral.interview, people)
    if len(matches) > 1:
        session.warn(f"{referral.interview}: referral {item.name!r} could be "
                     f"{', '.join(matches)}; link the one you mean ([[...]])")
        return
    if matches:
        if matches[0] != referral.referrer[1]:
            _add_referred_by(session, matches[0], referral, people)
        return
    interview = session.index.note(referral.interview)
    values = new_contact_values(referral, interview.path.rsplit("/", 1)[-1][:-3]
                                if interview else referral.interview)
    path = create_note(session, "contact", item.name, values, name_if_renamed=True,
                       reason=f"referral in {referral.interview}")
    if path is not None:
        made[key] = path


def _add_referred_by(session: Session, path: str, referral: Referral, people: People) -> None:
    from infoview.api import Link, add_missing

    found = people.contact(path)
    if found is None:
        return
    digest, props = found
    current = link_targets(props.get("referred_by"))
    referrer = referral.referrer[0]
    if current:
        if name_key(current[0].rsplit("/", 1)[-1]) != name_key(referrer) and (
                referral.referrer[1] is None
                or people.referred_by(path) != referral.referrer[1]):
            session.warn(f"{path}: referred_by is {as_text(props['referred_by'])}, but "
                         f"{referral.interview} says {referrer} referred them; left as it is")
        return
    session.writer.edit(path, functools.partial(add_missing, values={
        "referred_by": Link(referrer)}), reason=f"referral in {referral.interview}",
        expected_hash=digest)


def duplicate_people(session: Session) -> list[Problem]:
    """Contacts that look like the same person: the same email, or the same name."""
    from infoview.api import Problem

    problems: list[Problem] = []
    for kind, reason in (("email", "the same email"), ("name", "the same name")):
        for key, paths in session.index.shared_names("contact", kind).items():
            if len(paths) > 1:
                for path in paths:
                    others = ", ".join(quoted_name(p) for p in paths if p != path)
                    problems.append(Problem(path, None, f"duplicate contact: {reason} "
                                            f"({key}) as {others}; merge them", kind="duplicate"))
    return problems


@hookimpl
def sync_after_index(session: Session) -> None:
    apply_referrals(session)


@hookimpl
def sync_generated_notes(session: Session) -> None:
    from infoview.plugins.referrals.graph import update_referrals_note

    update_referrals_note(session)


@hookimpl
def doctor_problems(session: Session) -> list[Problem]:
    return duplicate_people(session) + referral_problems(session)


@hookimpl
def register_commands(cli: Any) -> None:
    from infoview.plugins.referrals.graph import referrals_command

    cli.add_command(referrals_command)
