"""Reading a vCard file (``infoview import vcf FILE``): vCard 2.1, 3.0 and 4.0, as Google
Contacts, Apple Contacts (iCloud), Outlook and Android write them.

The file is read by :mod:`infoview.plugins.imports.vcard_read` (cards, properties, each value
decoded by its own ``CHARSET`` and ``QUOTED-PRINTABLE``). A card that cannot be read is skipped
with the reason and the others are still read; a file without any card, or whose cards all
fail, is a one-line error naming the file (and the line).

From each card: the name from ``FN``, else ``N`` (given, additional, family names); every
``NICKNAME`` as aliases; every ``EMAIL`` and ``TEL`` (a ``tel:``/``mailto:`` prefix dropped);
``ORG`` as the company (its units as ``department``); ``TITLE`` (else ``ROLE``) as the role; a
linkedin.com ``URL`` as ``linkedin`` (Google and Apple write ``https\\://``: unescaped), else
Apple's ``X-SOCIALPROFILE;type=linkedin`` (its URL, or the profile built from ``x-user``), other
URLs as ``website``; ``CATEGORIES`` as ``tags``, without Google's system groups (``myContacts``,
``starred``); ``NOTE`` as the note's text. infoview's own export adds ``X-INFOVIEW-STATUS``,
``-REFERRED-BY``, ``-CONNECTION`` and ``-REFERRAL-SOURCE`` (read back as they were), and Apple's
``X-ABRELATEDNAMES`` labelled ``referred by`` or ``connection`` (read when the ``X-INFOVIEW-``
ones were lost on the way through an address book).

A company's own card (Apple's ``X-ABShowAs:COMPANY``, vCard 4.0's ``KIND:org``) is a company:
its ``ORG`` names it, with ``website``, ``location`` (from ``ADR``), ``email`` and ``phone``. A
group's card (``KIND:group``, iCloud's ``X-ADDRESSBOOKSERVER-KIND:group``) is skipped.
Addresses of people, photos, birthdays and the rest are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from infoview.api import (
    Incoming,
    ReadResult,
    Related,
    UsageError,
    clean_name,
    linkedin_url,
    read_bytes,
)
from infoview.api import SkippedRecord as Skipped
from infoview.plugins.imports.vcard_read import Card, Property, items, parts, read_vcard_file

EXPECTS = "a vCard file (.vcf)"
GOOGLE_SYSTEM_GROUPS = frozenset({"mycontacts", "starred"})
"""Google Contacts' own groups (every contact is in ``myContacts``): not the user's labels."""
RELATIONS = {"REFERRED-BY": "referred_by", "CONNECTION": "connection"}
"""``X-INFOVIEW-<name>`` → the contact property it holds (a person)."""
RELATION_LABELS = {"referred by": "referred_by", "connection": "connection"}
"""Apple's ``X-ABLabel`` of an ``X-ABRELATEDNAMES``, as infoview's export writes it → property."""
UID_PARAM = "X-INFOVIEW-UID"
"""The parameter of an ``X-INFOVIEW-`` relation that names the other card's UID."""
ANDROID_NICKNAME = "vnd.android.cursor.item/nickname"


def read_vcards(path: Path, options: Mapping[str, Any]) -> ReadResult:
    """The people (and companies) of a vCard file (see the module docstring)."""
    data, utf16 = read_bytes(path, EXPECTS)
    found = read_vcard_file(data, charsets=not utf16)
    if not found.has_begin:
        raise UsageError(f"{path}: no BEGIN:VCARD line; infoview expects {EXPECTS}")
    result = ReadResult(notices=[Skipped(n.line, n.reason) for n in found.notices])
    skipped = [Skipped(f.line, f.reason) for f in found.failed]
    for card in found.cards:
        person = _incoming(card)
        if isinstance(person, Skipped):
            skipped.append(person)
        else:
            result.people.append(person)
    if not result.people:
        first = min((s for s in skipped if not s.reason.startswith("text outside")),
                    key=lambda s: s.line or 0, default=None) or skipped[0]
        raise UsageError(f"{path}:{first.line}: {first.reason}")
    result.skipped = sorted(skipped, key=lambda s: s.line or 0)
    return result


def _incoming(card: Card) -> Incoming | Skipped:
    """The person (or company) of one card, or why it is left out."""
    kind = (_value(card, "KIND") or _value(card, "X-ADDRESSBOOKSERVER-KIND")).lower()
    if kind == "group":
        return Skipped(card.line, "a group's card (a list of people), not a person; left out")
    is_company = kind in ("org", "organization") or \
        _value(card, "X-ABSHOWAS").upper() == "COMPANY"
    version = card.version
    org = next((parts(p.value, version) for p in card.all("ORG")), [])
    name = _value(card, "FN") or next(
        (n for n in (_from_n(parts(p.value, version)) for p in card.all("N")) if n), "")
    if is_company:
        name = org[0] if org and org[0] else name
    emails = [_unprefixed(e, "mailto:") for e in _values(card, "EMAIL")]
    phones = [_unprefixed(t, "tel:") for t in _values(card, "TEL")]
    urls = _values(card, "URL")
    linkedin = next((u for u in map(linkedin_url, urls) if u), None) or next(
        (u for u in map(lambda p: _social_linkedin(card, p), card.all("X-SOCIALPROFILE", "IMPP"))
         if u), None)
    extra: dict[str, Any] = {}
    websites = [u for u in urls if linkedin_url(u) is None]
    if websites:
        extra["website"] = websites[0] if len(websites) == 1 else websites
    tags = [t.lstrip("#").replace(" ", "-") for p in card.all("CATEGORIES")
            for t in items(p.value, version)
            if t.removeprefix("* ").lower() not in GOOGLE_SYSTEM_GROUPS]
    if any(tags):
        extra["tags"] = [t for t in tags if t]
    person = Incoming(
        name=clean_name(name), line=card.line, emails=emails, phones=phones,
        uid=_value(card, "UID") or None, linkedin=linkedin, extra=extra,
        aliases=_nicknames(card))
    if is_company:
        person.kind = "company"
        location = _location(card)
        if location:
            extra["location"] = location
        person.note = _note(card)
        return person
    person.company = org[0] if org and org[0] else None
    person.role = _value(card, "TITLE") or _value(card, "ROLE") or None
    if len(org) > 1 and any(org[1:]):
        extra["department"] = ", ".join(part for part in org[1:] if part)
    _infoview_fields(card, person)
    return person


def _value(card: Card, name: str) -> str:
    """The first non-empty text value of property ``name``, else ``""``."""
    return next(iter(_values(card, name)), "")


def _values(card: Card, name: str) -> list[str]:
    return [t for t in (card.text(p).strip() for p in card.all(name)) if t]


def _nicknames(card: Card) -> list[str]:
    """Every ``NICKNAME`` (each a list), and Android's ``X-ANDROID-CUSTOM`` nickname rows
    (``vnd.android.cursor.item/nickname;NAME;...``)."""
    names = [n for p in card.all("NICKNAME") for n in items(p.value, card.version)]
    for prop in card.all("X-ANDROID-CUSTOM"):
        found = parts(prop.value, card.version)
        if found[0] == ANDROID_NICKNAME and len(found) > 1 and found[1]:
            names.append(found[1])
    return [clean_name(n) for n in names]


def _from_n(components: list[str]) -> str:
    """A name from a structured ``N`` value (family; given; additional; ...)."""
    family, given, additional = [*components, "", "", ""][:3]
    return clean_name(" ".join(p for p in (given, additional, family) if p).replace(",", " "))


def _unprefixed(text: str, prefix: str) -> str:
    return text[len(prefix):].strip() if text.lower().startswith(prefix) else text


def _social_linkedin(card: Card, prop: Property) -> str | None:
    """The LinkedIn profile of an ``X-SOCIALPROFILE`` (or ``IMPP``): its URL, else, for a
    ``type=linkedin`` one, the profile of its ``x-user`` (Apple's current form,
    ``X-SOCIALPROFILE;type=linkedin;x-user=chidi:x-apple:chidi``)."""
    value = card.text(prop).strip()
    url = linkedin_url(value)
    if url is not None or not ({"linkedin"} & prop.types
                               or (prop.param("X-SERVICE-TYPE") or "").lower() == "linkedin"):
        return url
    handle = (prop.param("X-USER") or "").strip()
    if not handle and value.lower().startswith("x-apple:"):
        handle = value.split(":", 1)[1]
    return linkedin_url(unquote(handle), handle=True)


def _location(card: Card) -> str:
    """A company's place from its first ``ADR``: the locality, region and country."""
    for prop in card.all("ADR"):
        found = [*parts(prop.value, card.version), *[""] * 7][3:7]
        place = ", ".join(p for p in (found[0], found[1], found[3]) if p)
        if place:
            return place
    return ""


def _note(card: Card, generated: str = "") -> str:
    """The ``NOTE`` texts, less one that only repeats ``generated`` (infoview's own)."""
    notes = [t for t in _values(card, "NOTE") if t != generated]
    return "\n\n".join(notes)


def _infoview_fields(card: Card, person: Incoming) -> None:
    """What infoview's export writes about a contact's place in the search: status, who
    referred them, their connection, the interview the referral came from."""
    from infoview.plugins.exports.to_vcf import note_text

    status = _value(card, "X-INFOVIEW-STATUS")
    if status:
        person.status = status
    for prop in card.all("X-ABRELATEDNAMES"):
        label = card.in_group(prop, "X-ABLABEL")
        key = RELATION_LABELS.get(card.text(label).strip().lower()) if label else None
        if key and card.text(prop).strip():
            person.related[key] = Related(clean_name(card.text(prop)))
    for suffix, key in RELATIONS.items():
        for prop in card.all(f"X-INFOVIEW-{suffix}"):
            if card.text(prop).strip():
                person.related[key] = Related(clean_name(card.text(prop)), prop.param(UID_PARAM))
    source = _value(card, "X-INFOVIEW-REFERRAL-SOURCE")
    if source:
        person.extra["referral_source"] = source
    generated = note_text({
        "referred_by": _value(card, "X-INFOVIEW-REFERRED-BY"), "referral_source": source,
        "connection": _value(card, "X-INFOVIEW-CONNECTION"), "status": status})
    person.note = _note(card, generated)
