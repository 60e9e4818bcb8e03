"""Companies read from an import file (an address book's card for an organisation, such as
Apple's ``X-ABShowAs:COMPANY``) become company notes, or are matched to one.

For each company, in file order: one with no usable name is skipped; a repeat of an earlier
one of the file (the same name) is skipped; one whose name (or an alias) is the name, file name
or alias of exactly one company note is *matched* and that note is left as it is; several such
notes are ambiguous (skipped, never guessed). Otherwise a company note is made from the vault's
company template, through the safe write path, with ``imported_from`` and what the file said:
``aliases``, ``website``, ``location``, ``email``, ``phone``, ``tags`` (the source's ``extra``)
and the note text under ``## Notes``. The names of the notes made are added to ``companies`` so
that the people of the same file link to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from infoview.app.importing import (
    Created,
    ImportReport,
    Matched,
    SkippedPerson,
    clean_name,
    create,
    usable_name,
)
from infoview.model.names import name_key
from infoview.plugin.importers import Incoming

if TYPE_CHECKING:
    from infoview.app.importing import _Directory
    from infoview.app.session import Session
    from infoview.write.frontmatter import Value


def import_companies(session: Session, companies: list[Incoming], directory: _Directory,
                     report: ImportReport, *, source_label: str, planned: set[str],
                     reason: Callable[[int | None], str]) -> None:
    """Match or create a company note for each of ``companies`` (see the module docstring).
    ``directory.companies`` (name key → company note paths) is updated with the notes made;
    ``reason(line)``: the journal's reason for a note made from the record at ``line``."""
    known = directory.companies
    earlier: dict[str, int | None] = {}
    for company in companies:
        name, line = clean_name(company.name), company.line
        if not usable_name(name):
            report.skipped.append(SkippedPerson(line, name or None,
                                                "company with no name (a letter or digit is "
                                                "needed)"))
            continue
        keys = list(dict.fromkeys(name_key(n) for n in [name, *company.aliases]
                                  if usable_name(n)))
        repeat = next((k for k in keys if k in earlier), None)
        if repeat is not None:
            where = f"line {earlier[repeat]}" if earlier[repeat] is not None else "earlier"
            report.skipped.append(SkippedPerson(line, name, f"the same company as {where} "
                                                            "(same name); imported once"))
            continue
        earlier.update((k, line) for k in keys)
        key = next((k for k in keys if known.get(k)), "")
        found = known.get(key, [])
        if len(found) > 1:
            report.skipped.append(SkippedPerson(
                line, name, f"ambiguous: the name is on {len(found)} company notes "
                            f"({', '.join(sorted(found))}); merge them or rename one"))
            continue
        if found:
            by = "alias" if key != keys[0] or (key, found[0]) in directory.company_aliases \
                else "name"
            report.matched.append(Matched(name, found[0], by, line, type="company"))
            continue
        path = create(session, "company", name, company_values(company, source_label),
                      note_text=company.note, planned=planned, reason=reason(line))
        if path is not None:
            for new_key in keys:
                known[new_key] = [path]
            report.created.append(Created(name, path, line, type="company"))


def company_values(company: Incoming, source_label: str) -> dict[str, Value]:
    """The properties of a new company note (``name`` aside)."""
    values: dict[str, Value] = {}
    aliases = [clean_name(a) for a in company.aliases
               if usable_name(a) and name_key(a) != name_key(company.name)]
    if aliases:
        values["aliases"] = list(dict.fromkeys(aliases))
    for key, found in (("email", company.emails), ("phone", company.phones)):
        unique = list(dict.fromkeys(v.strip() for v in found if v.strip()))
        if len(unique) == 1:
            values[key] = unique[0]
        elif unique:
            values[key] = list(unique)
    for key, value in company.extra.items():
        if key not in values and key not in ("type", "name") and value not in (None, "", []):
            values[key] = value
    values["imported_from"] = source_label
    return values
