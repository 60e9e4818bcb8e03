"""Reading LinkedIn's ``Connections.csv`` (``infoview import linkedin FILE``).

LinkedIn's export ("Get a copy of your data" → Connections) starts with a few lines of notes
(``Notes:``, a quoted paragraph about missing email addresses, a blank line) before the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``. This reader:

- finds the header as the first line whose cells include ``First Name`` and ``Last Name`` (any
  case, any order, other known columns optional, unknown ones ignored; comma, semicolon or tab
  between cells, as a spreadsheet may re-save it); no such line is a one-line error naming the
  file;
- reads UTF-8 with or without a BOM (:func:`infoview.app.importing.read_text`), quoted cells with
  commas, quotes and line breaks in them, and ignores blank lines;
- gives each person the line of the file their row starts on;
- names a person ``First Last`` as LinkedIn shows it, credentials and emoji included
  (``Jane Doe, PhD``); when that differs from the plain name (``Jane Doe``: the last name cut at
  its first comma, emoji and symbols and a trailing ``(she/her)`` dropped) the plain name is an
  alias, so ``[[Jane Doe]]`` finds the note and matching an existing ``Jane Doe`` works;
- reads ``Connected On`` as ``02 Apr 2021`` (English month names, any case, full or short) or
  ``2021-04-02``; another form is left out;
- normalises the profile URL (:func:`infoview.app.importing.linkedin_url`);
- normalises the profile URL (:func:`infoview.model.linkedin.linkedin_url`);
- a row too short to hold both names, or longer than the header (a comma outside quotes moves
  every later cell), is skipped with the reason rather than read wrongly; a row with fewer cells
  than the header but both names is read with the missing cells empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from infoview.api import (
    Incoming,
    ReadResult,
    UsageError,
    clean_name,
    linkedin_url,
    read_text,
    usable_name,
)
from infoview.api import SkippedRecord as Skipped

EXPECTS = "LinkedIn's Connections.csv"
COLUMNS = {"first name": "first", "last name": "last", "url": "url", "profile url": "url",
           "email address": "email", "email": "email", "company": "company",
           "position": "position", "connected on": "connected"}
"""Header cell (lower case, single spaces) → field."""
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]*(\d{4})")
_PRONOUNS = re.compile(r"\s*\([^()]*/[^()]*\)\s*$")
_DROPPED = {"So", "Sk", "Cf", "Cs", "Co"}
"""Character categories left out of the plain name: symbols (emoji), format characters."""


def read_connections(path: Path, options: Mapping[str, Any]) -> ReadResult:
    """The people of a LinkedIn ``Connections.csv`` (see the module docstring)."""
    lines = list(io.StringIO(read_text(path, EXPECTS), newline=""))
    found = _header(lines)
    if found is None:
        raise UsageError(f"{path}: no header row with First Name and Last Name columns; "
                         f"infoview expects {EXPECTS} (First Name,Last Name,URL,Email "
                         "Address,Company,Position,Connected On)")
    header_line, delimiter, columns, width = found
    result = ReadResult()
    reader = csv.reader(lines[header_line:], delimiter=delimiter)
    end = 0
    for row in reader:
        line = header_line + end + 1
        end = reader.line_num
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) <= max(columns["first"], columns["last"]):
            result.skipped.append(Skipped(line, f"only {len(cells)} of the header's {width} "
                                          "cells: not a connection row"))
            continue
        if len(cells) > width and any(cells[width:]):
            result.skipped.append(Skipped(line, f"{len(cells)} cells where the header has "
                                          f"{width} (a comma outside quotes?); not read, so "
                                          "that no cell lands in the wrong field"))
            continue
        result.people.append(_person(cells, columns, line))
    return result


def _header(lines: list[str]) -> tuple[int, str, dict[str, int], int] | None:
    """``(line, delimiter, field → cell index, number of cells)`` of the header, if any."""
    for number, line in enumerate(lines, 1):
        for delimiter in (",", ";", "\t"):
            if delimiter not in line:
                continue
            cells = next(csv.reader([line], delimiter=delimiter), [])
            columns: dict[str, int] = {}
            for index, cell in enumerate(cells):
                key = " ".join(cell.replace("\ufeff", "").split()).casefold()
                if key in COLUMNS:
                    columns.setdefault(COLUMNS[key], index)
            if "first" in columns and "last" in columns:
                return number, delimiter, columns, len(cells)
    return None


def _person(cells: list[str], columns: dict[str, int], line: int) -> Incoming:
    def cell(field: str) -> str:
        index = columns.get(field)
        return cells[index] if index is not None and index < len(cells) else ""

    first, last = cell("first"), cell("last")
    name = clean_name(f"{first} {last}")
    plain = plain_name(first, last)
    email = cell("email")
    return Incoming(
        name=name, line=line, emails=[email] if email else [],
        company=cell("company") or None, role=cell("position") or None,
        linkedin=linkedin_url(cell("url")),
        aliases=[plain] if plain != name and usable_name(plain) else [],
        connected_on=connected_on(cell("connected")))


def plain_name(first: str, last: str) -> str:
    """The name without credentials (``Doe, PhD`` → ``Doe``), emoji and symbols, or pronouns
    in parentheses at the end."""
    last = last.split(",", 1)[0]
    text = _PRONOUNS.sub("", f"{first} {last}")
    kept = "".join(ch for ch in unicodedata.normalize("NFC", text)
                   if unicodedata.category(ch) not in _DROPPED and ch not in "\ufe0e\ufe0f")
    return clean_name(kept).strip(" -|·•,")


def connected_on(text: str) -> dt.date | None:
    """``02 Apr 2021``, ``2 April 2021`` or ``2021-04-02`` as a date; ``None`` otherwise."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        match = _DAY_MONTH_YEAR.fullmatch(text)
        if match:
            month = MONTHS.get(match[2][:3].lower())
            if month is not None:
                return dt.date(int(match[3]), month, int(match[1]))
    except ValueError:
        return None
    return None
