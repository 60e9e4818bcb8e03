"""Generated notes: the notes infoview writes on every sync under the ``generated`` folder
(``Infoview/Reminders.md``, ``Infoview/Referrals.md``, ``Infoview/Dashboard.md``...). Any plugin
that writes one uses this module, so that every generated note keeps the same promises:

- **Its first line says it is generated**: :func:`~infoview.model.markdown.header` makes it,
  starting with ``MARKER``; :func:`~infoview.model.markdown.is_generated` checks it.
- **Only a note infoview wrote is rewritten.** :meth:`GeneratedNote.open` finds where the note
  goes: its own name when the file is missing or starts with the marker line; otherwise (a
  user's own ``Infoview/Reminders.md`` when a vault is adopted) that file is left as it is,
  reported as a skipped write, and the generated note goes beside it,
  ``Infoview/Reminders (generated).md``. :meth:`GeneratedNote.write` writes through the safe
  write path, never over an edit made since it was read.
- **Values from notes stay inert.** A name, a role, a file name may hold a line break, Markdown,
  HTML or a carriage return; written raw, ``name: "Mallory\\n- [x] ... ^iv-4701d5"`` became a
  ticked box of someone else's reminder. :func:`~infoview.model.markdown.inline` makes any value
  one line of plain text (Markdown, HTML and Obsidian syntax escaped);
  :func:`~infoview.model.markdown.wikilink` makes a link that stays one link;
  :func:`~infoview.model.markdown.plain` turns such Markdown back into display text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from infoview.model.markdown import MARKER, is_generated
from infoview.write.journal import digest
from infoview.write.writer import Skipped

if TYPE_CHECKING:
    from infoview.app.session import Session

BESIDE = " (generated)"
"""Added to a generated note's name when a file of the user's holds its own name."""


@dataclass(slots=True)
class GeneratedNote:
    """Where a generated note is written, and what is there now."""

    path: str
    """The vault path infoview writes (the note's own name, or the name beside it)."""
    before: bytes | None
    """The file's bytes now (``None``: there is none)."""

    @classmethod
    def open(cls, session: Session, name: str, *, report: bool = True) -> GeneratedNote | None:
        """The generated note ``name`` (``"Reminders.md"``) of ``session``'s vault. A file of
        that name that infoview did not write (its first line is not :data:`MARKER`) is left
        as it is and reported (a skipped write); the note then goes beside it, ``Reminders
        (generated).md``, unless that name is someone else's file too (``None``: both are
        reported, nothing is written). ``report=False`` only reads (the skip is reported by
        the one who writes the note)."""
        folder = session.config.folder("generated")
        own = f"{folder}/{name}"
        mine, before = _ours(session, own)
        if mine:
            return cls(own, before)
        beside = f"{folder}/{name.removesuffix('.md')}{BESIDE}.md"
        usable, other = _ours(session, beside)
        if report:
            where = f"infoview writes it as {beside} instead" if usable else \
                f"nor is {beside}: infoview writes neither; rename one of them"
            session.writer.report.skipped.append(Skipped(
                own, f"not written by infoview (its first line is not '{MARKER} ...'): left as "
                     f"it is; {where}"))
        return cls(beside, other) if usable else None

    def write(self, session: Session, text: str, *, reason: str) -> bool:
        """Make the note hold ``text`` (through ``session.writer``): created if missing, never
        written over a change made since :meth:`open` read it, no write when unchanged. True
        when it now holds ``text`` (dry run: would hold)."""
        if not text.startswith(MARKER):
            raise ValueError(f"a generated note starts with its header(), not {text[:40]!r}")
        session.writer.replace_text(self.path, text, reason=reason,
                                    expected_hash=None if self.before is None
                                    else digest(self.before))
        if session.dry_run:
            return True
        return session.writer.read(self.path) == text.encode("utf-8")


def _ours(session: Session, path: str) -> tuple[bool, bytes | None]:
    """``(may infoview write path, its bytes now)``: yes when nothing is there or infoview
    wrote it (its marker line)."""
    data = session.writer.read(path)
    if data is None:
        return not os.path.lexists(session.vault / path), None
    return is_generated(data), data
