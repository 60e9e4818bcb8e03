"""People read from an import file become contacts: the same for every source.

A source (:mod:`infoview.plugin.importers`) only reads its file into
:class:`~infoview.plugin.importers.Incoming`
people. :func:`import_people` then, for each person in file order:

1. skips one with no usable name (no letter or digit in it), with the reason;
2. skips a repeat of someone earlier in the same file (same LinkedIn URL, email, or name with
   no conflicting URL): each person is made once;
3. matches an existing contact by LinkedIn URL (normalised by
   :func:`~infoview.model.linkedin.linkedin_url`; a contact's ``linkedin`` may be a bare
   handle), else by email (case-insensitive), else by name or alias (the person's name, then
   their aliases, against contacts' ``name``, file stem and ``aliases``, compared as
   :func:`~infoview.model.names.name_key`). Several contacts at the first key that finds any, or a
   name that several people of the file share, is *ambiguous*: skipped, never guessed. A
   contact found by name whose ``linkedin`` is a different profile is not the same person for
   sure: the person is skipped with that reason. A matched contact's note is not written at all;
4. otherwise makes a contact note from the vault's contact template through the safe write path
   (journaled, so ``infoview undo`` removes it; collected as diffs under ``--dry-run``).

A new note holds ``type: contact``, ``status`` (the file's, else ``prospect``),
``imported_from`` (the source's label, e.g. ``LinkedIn``), and what the file said: ``aliases``,
``company``, ``role``, ``email``, ``phone`` (a list when several), ``linkedin``,
``connected_on``, ``referred_by`` and ``connection``
(:attr:`~infoview.plugin.importers.Incoming.related`)
and the source's ``extra`` keys; ``name`` only when the file name had to differ from it; the
source's note text goes under the template's ``## Notes`` heading. ``company`` is a link
(``"[[Acme]]"``) when exactly one company note goes by that name, else plain text (a plain name
in ``company`` still resolves once the company note exists, and is not reported as a broken link
meanwhile); ``referred_by`` and ``connection`` likewise link to the person's note when it is in
the vault or the file.

Companies of the file (``kind="company"``, an address book's card for an organisation) are
handled first, by :mod:`infoview.app.import_companies`: matched to a company note by name or alias,
else made one, so that the people of the same file link to it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.model.errors import UsageError
from infoview.model.linkedin import linkedin_url
from infoview.model.names import name_key
from infoview.model.values import as_list, as_text
from infoview.plugin.importers import Incoming, ReadResult, Related
from infoview.write.writer import Skipped as WriteSkipped

if TYPE_CHECKING:
    from infoview.app.session import Session
    from infoview.write.frontmatter import Value

_SPACES = re.compile(r"\s+")


# --- the report --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Created:
    """A contact (or company) note made (or, dry run, planned) for a record of the file."""

    name: str
    path: str
    line: int | None
    type: str = "contact"


@dataclass(frozen=True, slots=True)
class Matched:
    """A person (or company) already in the vault; their note is left as it is."""

    name: str
    path: str
    by: str
    """``LinkedIn URL``, ``email``, ``name`` or ``alias``."""
    line: int | None
    type: str = "contact"


@dataclass(frozen=True, slots=True)
class SkippedPerson:
    """A person (or a record of the file) not imported, and why."""

    line: int | None
    name: str | None
    reason: str


@dataclass(slots=True)
class ImportReport:
    """What one import did (or, under ``--dry-run``, would do)."""

    source: str
    created: list[Created] = field(default_factory=list)
    matched: list[Matched] = field(default_factory=list)
    skipped: list[SkippedPerson] = field(default_factory=list)
    problems: list[WriteSkipped] = field(default_factory=list)
    """Writes the safe writer did not make (the note is not created)."""
    notices: list[SkippedPerson] = field(default_factory=list)
    """How the file was read, where the user should know (a guessed character set)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "created": [{"name": c.name, "path": c.path, "line": c.line, "type": c.type}
                        for c in self.created],
            "matched": [{"name": m.name, "path": m.path, "by": m.by, "line": m.line,
                         "type": m.type} for m in self.matched],
            "skipped": [{"line": s.line, "name": s.name, "reason": s.reason}
                        for s in self.skipped],
            "problems": [{"path": p.path, "reason": p.reason} for p in self.problems],
            "notices": [{"line": n.line, "message": n.reason} for n in self.notices],
        }


# --- normalising -------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """A display name on one line: NFC, every run of whitespace one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()


def usable_name(name: str) -> bool:
    """Does ``name`` hold a letter or digit (not only punctuation, symbols or emoji)?"""
    return any(ch.isalnum() for ch in name)


def _email_key(email: str) -> str:
    return name_key(email)


# --- what the vault holds ----------------------------------------------------------------------


class _Directory:
    """The vault's contacts by LinkedIn URL, email and name (read once from the index)."""

    def __init__(self, session: Session) -> None:
        index = session.index
        self.urls: dict[str, list[str]] = defaultdict(list)
        self.linkedin: dict[str, set[str]] = defaultdict(set)
        for note in index.properties("contact", ["linkedin"]):
            for value in as_list(note.props.get("linkedin")):
                url = linkedin_url(as_text(value), handle=True)
                if url is not None:
                    self.urls[url].append(note.path)
                    self.linkedin[note.path].add(url)
        self.emails: dict[str, list[str]] = defaultdict(list)
        self.names: dict[str, dict[str, str]] = defaultdict(dict)
        """name key → {path: kind}: ``name`` or ``stem`` (reported as name), ``alias``."""
        for key, kind, path in index.conn.execute(
                "SELECT names.key, names.kind, names.path FROM names JOIN notes "
                "ON notes.path = names.path WHERE notes.type = 'contact' "
                "AND names.kind IN ('name', 'stem', 'alias', 'email') "
                "ORDER BY names.path"):
            if kind == "email":
                if path not in self.emails[key]:
                    self.emails[key].append(path)
            elif kind != "alias" or path not in self.names[key]:
                self.names[key][path] = "alias" if kind == "alias" else "name"
        self.companies: dict[str, list[str]] = defaultdict(list)
        self.company_aliases: set[tuple[str, str]] = set()
        """(name key, path) of the companies that go by that name only as an alias."""
        for key, path, kinds in index.conn.execute(
                "SELECT names.key, names.path, group_concat(names.kind) FROM names JOIN notes "
                "ON notes.path = names.path WHERE notes.type = 'company' "
                "AND names.kind IN ('name', 'stem', 'alias') GROUP BY names.key, names.path "
                "ORDER BY names.path"):
            self.companies[key].append(path)
            if set(kinds.split(",")) == {"alias"}:
                self.company_aliases.add((key, path))


@dataclass(slots=True)
class _Person:
    """An incoming person, cleaned, with the keys they are matched by."""

    incoming: Incoming
    name: str
    url: str | None
    emails: list[str]
    names: list[str]
    """Name keys: the name's first, then the aliases'."""


def _person(incoming: Incoming) -> _Person:
    name = clean_name(incoming.name)
    emails = _unique(e.strip() for e in incoming.emails if e and e.strip())
    names = _unique_keys([name, *(clean_name(a) for a in incoming.aliases)])
    return _Person(incoming, name, linkedin_url(incoming.linkedin), emails, names)


def _unique(values: Any) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        if name_key(value) not in seen:
            seen.add(name_key(value))
            out.append(value)
    return out


def _unique_keys(names: list[str]) -> list[str]:
    return list(dict.fromkeys(name_key(n) for n in names if usable_name(n)))


# --- matching ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Match:
    path: str | None = None
    by: str = ""
    reason: str = ""
    """Why the person is skipped (ambiguous, conflicting); empty when not."""


class _Matcher:
    """Matches people to the vault's contacts and to the people earlier in the file."""

    def __init__(self, directory: _Directory, people: list[_Person]) -> None:
        self.directory = directory
        self.earlier: dict[tuple[str, str], tuple[int | None, str | None]] = {}
        """(kind, key) → (line, LinkedIn URL) of a person earlier in the file."""
        urls_by_name: dict[str, set[str]] = defaultdict(set)
        for person in people:
            if person.url and person.names:
                urls_by_name[person.names[0]].add(person.url)
        self.shared_names = {key for key, urls in urls_by_name.items() if len(urls) > 1}
        """Names that several people of the file (different profiles) go by."""

    def repeat(self, person: _Person) -> str | None:
        """Why ``person`` is someone earlier in the file (``None`` if not)."""
        keys = [("url", person.url, "LinkedIn URL")] if person.url else []
        keys += [("email", _email_key(e), "email") for e in person.emails]
        keys += [("name", k, "name") for k in person.names]
        for kind, key, what in keys:
            found = self.earlier.get((kind, key))
            if found is None:
                continue
            line, url = found
            if kind == "name" and url and person.url and url != person.url:
                continue  # same name, different profiles: two people
            where = f"line {line}" if line is not None else "earlier in the file"
            return f"the same person as {where} (same {what}); imported once"
        return None

    def remember(self, person: _Person) -> None:
        line = person.incoming.line
        keys = [("url", person.url)] if person.url else []
        keys += [("email", _email_key(e)) for e in person.emails]
        keys += [("name", k) for k in person.names]
        for key in keys:
            self.earlier.setdefault(key, (line, person.url))

    def match(self, person: _Person) -> _Match:
        directory = self.directory
        if person.url and directory.urls.get(person.url):
            return _one(directory.urls[person.url], "LinkedIn URL", person.url)
        found: list[str] = []
        for email in person.emails:
            found += [p for p in directory.emails.get(_email_key(email), []) if p not in found]
        if found:
            return _one(found, "email", ", ".join(person.emails))
        for number, key in enumerate(person.names):
            candidates = directory.names.get(key, {})
            if not candidates:
                continue
            what = "name" if number == 0 else "alias"
            same = {p: kind for p, kind in candidates.items()
                    if not (person.url and directory.linkedin.get(p)
                            and person.url not in directory.linkedin[p])}
            if not same:
                other = ", ".join(sorted(candidates))
                return _Match(reason=f"named like {other}, whose LinkedIn URL is a different "
                                     "profile; not imported (if it is the same person, put "
                                     f"{person.url} in that note)")
            if key in self.shared_names:
                return _Match(reason=f"ambiguous: several people in this file go by this "
                                     f"{what}, and so does {', '.join(sorted(same))}; put "
                                     "the LinkedIn URL in the note of the one it is")
            if len(same) > 1:
                return _one(sorted(same), what, "")
            path, kind = next(iter(same.items()))
            return _Match(path, "alias" if kind == "alias" else what)
        return _Match()


def _one(paths: list[str], by: str, value: str) -> _Match:
    if len(paths) == 1:
        return _Match(paths[0], by)
    shown = f" {value}" if value else ""
    return _Match(reason=f"ambiguous: the {by}{shown} is on {len(paths)} contacts "
                         f"({', '.join(sorted(paths))}); merge them or make one note say so")


# --- making notes ------------------------------------------------------------------------------


def new_contact_values(person: _Person, directory: _Directory, source_label: str,
                       links: Callable[[Related], Value] = lambda r: r.name) -> dict[str, Value]:
    """The properties of a new contact note for ``person`` (``name`` aside); ``links(person)``
    gives the value of a link property (``referred_by``) naming that person."""
    from infoview.write.frontmatter import Link

    incoming = person.incoming
    values: dict[str, Value] = {"status": clean_name(incoming.status or "") or "prospect",
                                "imported_from": source_label}
    aliases = _unique(clean_name(a) for a in incoming.aliases
                      if usable_name(a) and name_key(a) != name_key(person.name))
    if aliases:
        values["aliases"] = list(aliases)
    company = clean_name(incoming.company or "")
    if company:
        found = directory.companies.get(name_key(company), [])
        stem = found[0].rsplit("/", 1)[-1][:-3] if len(found) == 1 else ""
        values["company"] = Link(stem) if stem and not set(stem) & set("[]|#^") else company
    role = clean_name(incoming.role or "")
    if role:
        values["role"] = role
    phones = _unique(p.strip() for p in incoming.phones if p and p.strip())
    for key, items in (("email", person.emails), ("phone", phones)):
        if items:
            values[key] = items[0] if len(items) == 1 else list(items)
    if person.url:
        values["linkedin"] = person.url
    if isinstance(incoming.connected_on, dt.date):
        values["connected_on"] = incoming.connected_on
    for key, related in incoming.related.items():
        if usable_name(related.name):
            values[key] = links(related)
    for key, value in incoming.extra.items():
        if key not in values and key not in ("type", "name") and value not in (None, "", []):
            values[key] = value
    return values


def create(session: Session, kind: str, name: str, values: dict[str, Value], *,
           note_text: str, planned: set[str], reason: str) -> str | None:
    """Create the ``kind`` note; returns its path, ``None`` when not made (the reason is in the
    writer's report). ``planned``: the file keys of the notes created in this run (under
    ``--dry-run`` they are not on disk); the new one is added."""
    from infoview.app.new_notes import create_note

    made = create_note(session, kind, name, values, reason=reason, note_text=note_text,
                       name_if_renamed=True,
                       planned=lambda candidate: name_key(candidate) in planned)
    if made is not None:
        planned.add(name_key(made))
    return made


def link_to(path: str) -> Value:
    """A link to the note at vault path ``path`` (by its file name)."""
    from infoview.write.frontmatter import Link

    return Link(path.rsplit("/", 1)[-1].removesuffix(".md"))


class _Relations:
    """How a new contact's ``referred_by`` or ``connection`` names a person: a link to their
    note when it is known (a record of the file by its UID, or a contact of the vault by its
    name), a link to the name of a record of the file not yet made, else the plain name."""

    def __init__(self, directory: _Directory, people: list[_Person]) -> None:
        self.directory = directory
        self.paths: dict[str, str] = {}
        """UID → the path of the note made or matched for that record."""
        self.in_file = {p.incoming.uid: p.name for p in people if p.incoming.uid}
        self.names = {p.names[0] for p in people if p.names}

    def remember(self, person: _Person, path: str) -> None:
        if person.incoming.uid:
            self.paths[person.incoming.uid] = path

    def value(self, related: Related) -> Value:
        from infoview.write.frontmatter import Link

        if related.uid and related.uid in self.paths:
            return link_to(self.paths[related.uid])
        name = self.in_file.get(related.uid or "", clean_name(related.name))
        found = self.directory.names.get(name_key(name), {})
        if len(found) == 1:
            return link_to(next(iter(found)))
        if name_key(name) in self.names and not set(name) & set("[]|#^"):
            return Link(name)
        return name


# --- the import --------------------------------------------------------------------------------


def import_people(session: Session, importer_name: str, result: ReadResult, *,
                  source_label: str, file_label: str = "",
                  progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Match the people of ``result`` to the vault's contacts and create notes for the others
    (see the module docstring). ``session.index`` must be up to date; under
    ``session.dry_run`` nothing is written. ``file_label`` names the file in journal reasons;
    ``progress(done, total)`` is called after each person."""
    from infoview.app.new_notes import many_notes

    report = ImportReport(importer_name)
    report.skipped.extend(SkippedPerson(s.line, None, s.reason) for s in result.skipped)
    report.notices.extend(SkippedPerson(s.line, None, s.reason) for s in result.notices)
    directory = _Directory(session)
    companies = [i for i in result.people if i.kind == "company"]
    people = [_person(incoming) for incoming in result.people if incoming.kind != "company"]
    matcher = _Matcher(directory, people)
    relations = _Relations(directory, people)
    skipped_writes = len(session.writer.report.skipped)
    planned: set[str] = set()

    def reason(line: int | None) -> str:
        where = f"{file_label}:{line}" if file_label and line is not None else file_label
        return f"import {importer_name}" + (f" ({where})" if where else "")

    with many_notes(session):
        if companies:
            from infoview.app.import_companies import import_companies

            import_companies(session, companies, directory, report,
                             source_label=source_label, planned=planned, reason=reason)
        for done, person in enumerate(people, 1):
            if progress is not None:
                progress(done, len(people))
            line = person.incoming.line
            if not usable_name(person.name):
                report.skipped.append(SkippedPerson(line, person.name or None,
                                                    "no name (a letter or digit is needed)"))
                continue
            repeat = matcher.repeat(person)
            if repeat is not None:
                report.skipped.append(SkippedPerson(line, person.name, repeat))
                continue
            found = matcher.match(person)
            if found.reason:
                report.skipped.append(SkippedPerson(line, person.name, found.reason))
                continue
            matcher.remember(person)
            if found.path is not None:
                relations.remember(person, found.path)
                report.matched.append(Matched(person.name, found.path, found.by, line))
                continue
            values = new_contact_values(person, directory, source_label, relations.value)
            path = create(session, "contact", person.name, values,
                          note_text=person.incoming.note, planned=planned, reason=reason(line))
            if path is not None:
                relations.remember(person, path)
                report.created.append(Created(person.name, path, line))
    report.problems.extend(session.writer.report.skipped[skipped_writes:])
    report.created.sort(key=lambda c: (c.line is None, c.line or 0))
    report.matched.sort(key=lambda m: (m.line is None, m.line or 0))
    report.skipped.sort(key=lambda s: (s.line is None, s.line or 0))
    return report


# --- for sources -------------------------------------------------------------------------------


MAX_IMPORT_BYTES = 64_000_000
"""The largest import file infoview reads (a LinkedIn export of 30,000 connections is about
3 MB; a vCard file with photos can be tens of MB)."""


def read_bytes(path: Path, expects: str) -> tuple[bytes, bool]:
    """The bytes of an import file, and whether they are UTF-16 text (with a BOM) made UTF-8.
    A zip archive, a file that is not a regular file (``/dev/zero``, a named pipe) and one over
    :data:`MAX_IMPORT_BYTES` raise a one-line :class:`~infoview.model.errors.UsageError` naming
    the file and saying that it expects ``expects``. :class:`OSError` is left to the caller."""
    from infoview.model.reading import read_regular_file

    data = read_regular_file(path, MAX_IMPORT_BYTES, expects, UsageError)
    if data.startswith(b"PK\x03\x04"):
        raise UsageError(f"{path}: is a zip archive; unzip it and import the {expects} "
                            "inside")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8"), True
        except UnicodeDecodeError:
            pass
    return data, False


def read_text(path: Path, expects: str) -> str:
    """The text of an import file: UTF-8 with or without a BOM, or UTF-16 with a BOM. Anything
    else raises a one-line :class:`~infoview.model.errors.UsageError` naming the file and saying
    that it expects ``expects``. :class:`OSError` is left to the caller."""
    data, _utf16 = read_bytes(path, expects)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UsageError(f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
                            f"infoview expects {expects} saved as UTF-8") from None
