"""LinkedIn profile URLs in the one form infoview stores, compares and writes them in:
``https://www.linkedin.com/in/<slug>``, the slug lowercase and percent-encoded.

- :func:`linkedin_url`: a value that is a LinkedIn URL (an import's URL column, a contact's
  ``linkedin``, a vCard's URL) in that form; with ``handle=True`` a bare handle is a profile too.
- :func:`find_linkedin`: the first LinkedIn profile URL written anywhere in free text (a
  referral item), in that form, and where it stands.
- :func:`profile_url`: the form itself, for a slug.

So the same person reaches infoview with the same URL whichever way they came: imported,
referred in an interview note, or exported to an address book.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

PROFILE = "https://www.linkedin.com/in/"
"""How every profile URL infoview writes starts."""

_HOST_RE = re.compile(r"(?:[a-z0-9-]+\.)*linkedin\.com")
_SUBDOMAIN_RE = re.compile(r"www|mobile|m|[a-z]{2}")
_HANDLE_RE = re.compile(r"[\w%-]+")
"""A bare handle: letters, digits, ``_``, ``-`` (a slug has no dot: ``jane.example`` is a web
address, not a handle)."""
_IN_TEXT_RE = re.compile(r"(?<![\w.@/-])(?:https?://)?(?:[a-z0-9-]+\.)*linkedin\.com/in/"
                         r"[^\s/?#()\[\]<>|,\"']+(?:[/?#][^\s()\[\]<>|]*)?", re.I)
"""A profile URL in running text: with or without scheme, any subdomain (``www.``, ``uk.``,
``mobile.``); its sub-pages, query and fragment run to a space or a bracket."""


def profile_url(slug: str) -> str:
    """The one form infoview writes a LinkedIn profile in: :data:`PROFILE` and the slug,
    lowercase and percent-encoded (an ASCII URL every tool takes)."""
    return PROFILE + quote(slug.lower(), safe="")


def linkedin_url(text: str | None, *, handle: bool = False) -> str | None:
    """``text`` as a LinkedIn URL in one form, for storing and comparing, or ``None`` when it
    is not one.

    A profile (``/in/<slug>``) becomes :func:`profile_url` of its slug, whatever the scheme
    (or none), the subdomain (``www.``, a country, ``mobile.``), the query, fragment, trailing
    slash or dots, and the profile's sub-pages (``/details/experience``); ``/in/`` without a
    slug is no profile. Another LinkedIn page
    keeps its path, lowercased (``https://www.linkedin.com/company/acme``). With ``handle=True``,
    for text known to be about LinkedIn (a ``linkedin`` property, a vCard's LinkedIn profile),
    a bare handle is a profile too: ``jane-doe``, ``@jane-doe``, ``in/jane-doe``."""
    text = (text or "").strip()
    if not text:
        return None
    if handle:
        bare = text.lstrip("@/")
        if bare[:3].lower() == "in/":
            text = "https://www.linkedin.com/" + bare
        elif _HANDLE_RE.fullmatch(unquote(bare)):
            return profile_url(unquote(bare))
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if not _HOST_RE.fullmatch(host):
        return None
    segments = [s for s in unquote(parts.path).lower().split("/") if s]
    if not segments:
        return None
    if segments[0] == "in":  # a profile; none without a slug
        slug = segments[1].rstrip(".") if len(segments) > 1 else ""
        return profile_url(slug) if slug else None
    return "https://www.linkedin.com/" + "/".join(quote(s, safe="") for s in segments)


class Found(NamedTuple):
    """A profile URL found in text: its one form, and where it was written."""

    url: str
    start: int
    end: int


def find_linkedin(text: str) -> Found | None:
    """The first LinkedIn profile URL written in ``text`` (see :func:`linkedin_url`), or
    ``None``. ``text[start:end]`` is the URL as written, with its sub-pages, query and
    fragment."""
    for match in _IN_TEXT_RE.finditer(text):
        url = linkedin_url(match[0])
        if url is not None and url.startswith(PROFILE):
            return Found(url, match.start() + _glued(match[0]), match.end())
    return None


def _glued(written: str) -> int:
    """How many characters at the start of ``written`` (a URL found without a scheme) are a
    word glued to it rather than a subdomain: ``Inc.`` in ``Inc.linkedin.com/in/lee``, ``Acme.``
    in ``Acme.de.linkedin.com/...``. A subdomain is written in lowercase: ``www``, ``mobile``,
    ``m`` or a country's two letters."""
    if "://" in written:
        return 0
    labels = written[:written.lower().index("linkedin.com")].split(".")[:-1]
    words = [i for i, label in enumerate(labels) if not _SUBDOMAIN_RE.fullmatch(label)]
    return sum(len(label) + 1 for label in labels[:words[-1] + 1]) if words else 0
