"""New notes from the vault's templates, through the safe write path.

``create_note(session, "contact", "Priya Raman", {"status": "prospect", ...})`` reads the vault's
``Templates/Contact.md`` (or infoview's own when the vault has none), fills Obsidian's
placeholders (``{{title}}``, ``{{date}}``...), sets the given properties surgically, and creates
``Contacts/Priya Raman.md`` under a safe name that never replaces an existing file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.resources import files
from typing import TYPE_CHECKING

from infoview.model.errors import InfoviewError, WriteError
from infoview.model.names import name_key
from infoview.vault.names import listings_kept, note_created, note_path
from infoview.write.body import append_to_section, ensure_section
from infoview.write.frontmatter import Value, set_fields
from infoview.write.templates import render_template
from infoview.write.writer import Skipped

if TYPE_CHECKING:
    from infoview.app.session import Session

TEMPLATES = {"contact": "Contact.md", "company": "Company.md", "interview": "Interview.md"}
FOLDERS = {"contact": "contacts", "company": "companies", "interview": "interviews"}


MAX_TEMPLATE_BYTES = 1_000_000


def template_text(session: Session, kind: str) -> str:
    """The vault's template for ``kind``, else the one infoview ships. A template that is not
    an ordinary file of at most :data:`MAX_TEMPLATE_BYTES`, or cannot be read, raises
    :class:`~infoview.model.errors.WriteError` (the note is not made)."""
    from infoview.model.reading import read_regular_file

    name = TEMPLATES[kind]
    own = session.vault / session.config.folder("templates") / name
    try:
        return read_regular_file(own, MAX_TEMPLATE_BYTES, "a note template",
                                 WriteError).decode("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return files("infoview.vault_template").joinpath("Templates", name).read_text("utf-8")
    except OSError as error:
        raise WriteError(f"template {own} cannot be read ({error.strerror or error})") \
            from None


def note_bytes(session: Session, kind: str, name: str, values: Mapping[str, Value]) -> bytes:
    """The bytes of a new ``kind`` note called ``name`` with ``values`` set."""
    text = render_template(template_text(session, kind), title=name, today=session.today)
    return set_fields(text.encode("utf-8"), {"type": kind, **values})


def create_note(session: Session, kind: str, name: str, values: Mapping[str, Value], *,
                reason: str, note_text: str = "", name_if_renamed: bool = False,
                sections: Sequence[str] = (),
                planned: Callable[[str], bool] | None = None) -> str | None:
    """Create a ``kind`` note for ``name`` in its folder; returns its path, or ``None`` when it
    could not be made (the reason is in ``session.writer.report.skipped``).

    ``note_text`` goes at the end of the template's ``## Notes`` section; ``name_if_renamed``
    sets ``name:`` when the file name had to differ from ``name``; ``sections``: headings the
    note must have (those the template lacks are added at the end); ``planned(path)`` says a
    path is taken by a note planned in this run (by default: the notes this run created)."""
    writer = session.writer
    if planned is None:
        taken = {name_key(p) for p in writer.report.created}  # --dry-run: not on disk yet
        planned = lambda candidate: name_key(candidate) in taken  # noqa: E731
    try:
        path = note_path(session.vault, session.config.folder(FOLDERS[kind]), name,
                         exists=planned)
        if name_if_renamed and path.rsplit("/", 1)[-1][:-3] != name:
            values = {"name": name, **values}
        data = with_note_text(note_bytes(session, kind, name, values), note_text)
        for heading in sections:
            data = ensure_section(data, heading)
    except InfoviewError as error:
        writer.report.skipped.append(Skipped(f"{FOLDERS[kind]}/{name}",
                                             f"not created: {error}"))
        return None
    created = writer.create(path, data, reason=reason)
    if created is not None and not session.dry_run:
        note_created(session.vault, created)
    return created


@contextlib.contextmanager
def many_notes(session: Session) -> Iterator[None]:
    """Creating many notes in a row (an import, a first sync's referrals): each folder is
    listed once (:func:`~infoview.vault.names.listings_kept`) and made durable once, at the end
    (:meth:`~infoview.write.writer.NoteWriter.folders_synced_at_end`), not once per note."""
    with listings_kept(), session.writer.folders_synced_at_end():
        yield


def with_note_text(data: bytes, text: str) -> bytes:
    """``data`` (a new note) with ``text`` at the end of its ``## Notes`` section (added at the
    end when it has none), in the note's line endings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return data
    return append_to_section(data, "Notes", text.split("\n"), separate=True)
