"""The key names are compared by: :func:`name_key`.

Two names of notes, people or files are the same name when their keys are equal (``Jane Doe``,
``jane doe``, an NFD spelling of an accented name, ``STRASSE`` and ``straße``): Unicode canonical
caseless matching, as a case-insensitive, normalisation-insensitive file system (macOS, Windows)
compares file names. Links, aliases, emails, people and new notes' file names are matched with
it; the index's ``names`` table stores it.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """The form names are compared in: surrounding space dropped, then Unicode canonical
    caseless matching (NFD, case-folded; equal keys exactly when the names match), kept in NFC
    so that a key reads like the name."""
    name = name.strip()
    if name.isascii():
        return name.lower()  # what the rest comes to for ASCII, faster
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", name).casefold())
