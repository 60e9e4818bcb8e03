"""The keys names are compared by.

- :func:`name_key`: two names of notes or people are the same name (``Jane Doe``, ``jane doe``,
  an NFD spelling of an accented name): NFC, case-folded, surrounding space dropped. Links,
  aliases, emails and people are matched with it; the index's ``names`` table stores it.
- :func:`file_key`: two file names are the same file on a case-insensitive,
  normalisation-insensitive file system (macOS, Windows): Unicode canonical caseless matching.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """The form names are compared in: NFC, case-folded, surrounding space dropped."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def file_key(file_name: str) -> str:
    """The form in which two file names are the same on a case-insensitive, normalisation-
    insensitive file system (macOS, Windows): Unicode canonical caseless matching."""
    return unicodedata.normalize(
        "NFD", unicodedata.normalize("NFD", file_name).casefold())
