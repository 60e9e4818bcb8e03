"""Import sources: the registry behind ``infoview import SOURCE FILE``.

Core owns the model; plugins (the built-in ``infoview.plugins.imports`` first) register sources
through the ``register_importers`` hook. A source only *reads* a file into :class:`Incoming`
people; matching them to the vault's contacts and writing new contact notes is the same for
every source (:mod:`infoview.app.importing`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import click


@dataclass(frozen=True, slots=True)
class Related:
    """Another person of the file (or of the vault) a person is linked to."""

    name: str
    """Their display name."""
    uid: str | None = None
    """Their :attr:`Incoming.uid`, when the file says which record it is."""


@dataclass(slots=True)
class Incoming:
    """One person (or, with ``kind="company"``, one organisation) read from an import file."""

    name: str
    """The display name (becomes the note's file name when new)."""
    line: int | None = None
    """Where in the file the person was read (for messages)."""
    kind: str = "contact"
    """``contact``, or ``company`` for an organisation's own card (it becomes, or is matched
    to, a company note)."""
    uid: str | None = None
    """The file's id for this record (a vCard ``UID``), which :attr:`related` may name."""
    status: str | None = None
    """The ``status`` of a new contact (default ``prospect``)."""
    related: dict[str, Related] = field(default_factory=dict)
    """Link properties of a new contact (``referred_by``, ``connection``) → the person. They
    are written as a link to that person's note when it is in the vault or the file, else as
    the plain name (which becomes a link once the note exists)."""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    role: str | None = None
    linkedin: str | None = None
    """The profile URL, normalised (``https://www.linkedin.com/in/jane-doe``)."""
    aliases: list[str] = field(default_factory=list)
    connected_on: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    """More frontmatter for a new note (keys as the contract names them)."""
    note: str = ""
    """Text for the new note's body."""


@dataclass(slots=True)
class Skipped:
    """A record of the file that was not imported, and why."""

    line: int | None
    reason: str


@dataclass(slots=True)
class ReadResult:
    """What a source read from one file."""

    people: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[Skipped] = field(default_factory=list)
    """What the user should know about how the file was read (a guessed character set):
    ``(line, message)``; reported, not an error."""


@dataclass(frozen=True, slots=True)
class Importer:
    """One import source."""

    name: str
    """What the user types: ``infoview import NAME FILE``."""
    read: Callable[[Path, Mapping[str, Any]], ReadResult]
    """``read(file, options)``: the people in ``file``. A file that is not one this source
    reads (no header row, not UTF-8...) raises :class:`~infoview.model.errors.UsageError`
    with a one-line message naming it."""
    description: str = ""
    """One line for ``infoview import --list``."""
    options: Sequence[click.Parameter] = ()
    """Extra Click options of ``infoview import NAME``."""
    source_label: str = ""
    """How a new note records where it came from (``LinkedIn``); default: the name."""


Register = Callable[[Importer], None]
