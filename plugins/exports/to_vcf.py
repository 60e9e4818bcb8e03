"""``infoview export vcf``: an address book, a vCard 3.0 (RFC 2426) per contact, by name.

Each card has N, FN, ORG, TITLE, EMAIL and TEL (labelled ``WORK`` as address books label them,
the first ``PREF``), URL (LinkedIn), NICKNAME (aliases), NOTE (referral and status, for people),
CATEGORIES (tags) and a UID from the note's path, so an address book that imports the file again
updates its cards. The contact's place in the search is kept for ``infoview import vcf``:
``X-INFOVIEW-STATUS``, ``X-INFOVIEW-REFERRED-BY`` and ``X-INFOVIEW-CONNECTION`` (the person's
name, with the UID of their card as the ``X-INFOVIEW-UID`` parameter) and
``X-INFOVIEW-REFERRAL-SOURCE``; and, as Apple's related names (``X-ABRELATEDNAMES`` labelled
``referred by`` and ``connection``), which Apple and Google Contacts show and keep when they drop
unknown properties. (vCard 4.0's ``RELATED`` has no place in a 3.0 card.) vobject does the
escaping, line folding and CRLF line ends.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

import vobject

from infoview.api import Session, linkedin_url
from infoview.plugins.exports.records import Records, printable

PRODID = "-//infoview//infoview export//EN"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://infoview.invalid/contacts")
"""Fixed: a contact's UID is ``urn:uuid:`` + uuid5(NAMESPACE, its vault path)."""
_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def contact_uid(path: str) -> str:
    """The stable UID of the contact note at vault path ``path``."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, path)}"


def split_name(name: str) -> tuple[str, str]:
    """``(given, family)``: the last word is the family name, the words before it the given
    name; a single word is a given name. Trailing words without a letter (an emoji) or in
    parentheses (``(Acme)``) are left out (FN keeps the whole name)."""
    words = name.split()
    while len(words) > 1 and (not any(ch.isalpha() for ch in words[-1])
                              or (words[-1].startswith("(") and words[-1].endswith(")"))):
        words.pop()
    if len(words) < 2:
        return " ".join(words), ""
    return " ".join(words[:-1]), words[-1]


def url_of(linkedin: str) -> str:
    """The URL of a contact's ``linkedin``: a LinkedIn URL or handle in infoview's one form
    (:func:`~infoview.model.linkedin.linkedin_url`: ``jane-doe``, ``in/jane-doe`` and
    ``http://linkedin.com/in/Jane-Doe/`` are ``https://www.linkedin.com/in/jane-doe``); another
    URL is kept, ``http://`` made ``https://`` and a bare ``example.com/jane`` given ``https://``."""
    url = linkedin_url(linkedin, handle=True)
    if url is not None:
        return url
    value = linkedin.strip()
    if _SCHEME_RE.match(value):
        scheme, rest = value.split("://", 1)
        return f"https://{rest}" if scheme.lower() == "http" else value
    return "https://" + value.lstrip("/")


def note_text(contact: Mapping[str, Any]) -> str:
    """The NOTE: how you came to them (referral, connection) and their status."""
    lines = []
    if contact["referred_by"]:
        source = contact["referral_source"]
        lines.append(f"Referred by {contact['referred_by']}"
                     + (f" (from interview {source})" if source else ""))
    if contact["connection"]:
        lines.append(f"Connection: {contact['connection']}")
    if contact["status"]:
        lines.append(f"Status: {contact['status']}")
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    """Strings (also inside lists) without control characters; other values as they are."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def card(record: Mapping[str, Any]) -> Any:
    """One contact record as a vobject vCard 3.0 component."""
    contact = {key: _plain(value) for key, value in record.items()}
    vcard = vobject.vCard()
    vcard.add("version").value = "3.0"
    vcard.add("prodid").value = PRODID
    vcard.add("uid").value = contact_uid(contact["path"])
    given, family = split_name(contact["name"])
    vcard.add("n").value = vobject.vcard.Name(family=family, given=given)
    vcard.add("fn").value = contact["name"]
    for alias in contact["aliases"]:
        vcard.add("nickname").value = alias
    if contact["company"]:
        vcard.add("org").value = [contact["company"]]
    if contact["role"]:
        vcard.add("title").value = contact["role"]
    for number, email in enumerate(contact["emails"]):
        line = vcard.add("email")
        line.value = email
        line.type_paramlist = ["INTERNET", "WORK", *(["PREF"] if number == 0 else [])]
    for number, phone in enumerate(contact["phones"]):
        line = vcard.add("tel")
        line.value = phone
        line.type_paramlist = ["WORK", "VOICE", *(["PREF"] if number == 0 else [])]
    if contact["linkedin"]:
        vcard.add("url").value = url_of(contact["linkedin"])
    note = note_text(contact)
    if note:
        vcard.add("note").value = note
    if contact["tags"]:
        vcard.add("categories").value = list(contact["tags"])
    _search_fields(vcard, contact)
    return vcard


RELATED_LABELS = {"referred_by": "referred by", "connection": "connection"}
"""A link property → Apple's label of the related name that carries it."""


def _search_fields(vcard: Any, contact: Mapping[str, Any]) -> None:
    """``X-INFOVIEW-*`` and Apple's related names: see the module docstring."""
    if contact["status"]:
        vcard.add("x-infoview-status").value = contact["status"]
    number = 0
    for key, label in RELATED_LABELS.items():
        if not contact[key]:
            continue
        line = vcard.add(f"x-infoview-{key.replace('_', '-')}")
        line.value = contact[key]
        if contact.get(f"{key}_path"):
            line.params["X-INFOVIEW-UID"] = [contact_uid(contact[f"{key}_path"])]
        number += 1
        vcard.add("x-abrelatednames", group=f"item{number}").value = contact[key]
        vcard.add("x-ablabel", group=f"item{number}").value = label
    if contact["referral_source"]:
        vcard.add("x-infoview-referral-source").value = contact["referral_source"]


def render_vcf(session: Session, options: Mapping[str, Any]) -> str:
    """Every contact's card, sorted by name (then path)."""
    contacts = sorted(Records.build(session).contacts,
                      key=lambda c: (c["name"].casefold(), c["path"]))
    return "".join(card(contact).serialize() for contact in contacts)
