"""New notes from the vault's templates, through the safe write path.

``create_note(session, "contact", "Priya Raman", {"status": "prospect", ...})`` reads the vault's
``Templates/Contact.md`` (or infoview's own when the vault has none), fills Obsidian's
placeholders (``{{title}}``, ``{{date}}``...), sets the given properties surgically, and creates
``Contacts/Priya Raman.md`` under a safe name that never replaces an existing file.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files
from typing import TYPE_CHECKING

from infoview.errors import InfoviewError
from infoview.frontmatter_edit import Value, set_fields
from infoview.note_names import name_key, note_path
from infoview.safe_write import Skipped
from infoview.templates import render_template

if TYPE_CHECKING:
    from infoview.session import Session

TEMPLATES = {"contact": "Contact.md", "company": "Company.md", "interview": "Interview.md"}
FOLDERS = {"contact": "contacts", "company": "companies", "interview": "interviews"}


def template_text(session: Session, kind: str) -> str:
    """The vault's template for ``kind``, else the one infoview ships."""
    name = TEMPLATES[kind]
    own = session.vault / session.config.folder("templates") / name
    try:
        return own.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return files("infoview.vault_template").joinpath("Templates", name).read_text("utf-8")


def note_bytes(session: Session, kind: str, name: str, values: Mapping[str, Value]) -> bytes:
    """The bytes of a new ``kind`` note called ``name`` with ``values`` set."""
    text = render_template(template_text(session, kind), title=name, today=session.today)
    return set_fields(text.encode("utf-8"), {"type": kind, **values})


def create_note(session: Session, kind: str, name: str, values: Mapping[str, Value], *,
                reason: str) -> str | None:
    """Create a ``kind`` note for ``name`` in its folder; returns its path, or ``None`` when it
    could not be made (the reason is in ``session.writer.report.skipped``)."""
    writer = session.writer
    planned = {name_key(p) for p in writer.report.created}  # --dry-run: not on disk yet
    try:
        path = note_path(session.vault, session.config.folder(FOLDERS[kind]), name,
                         exists=lambda candidate: name_key(candidate) in planned)
        data = note_bytes(session, kind, name, values)
    except InfoviewError as error:
        writer.report.skipped.append(Skipped(f"{FOLDERS[kind]}/{name}",
                                             f"not created: {error}"))
        return None
    return writer.create(path, data, reason=reason)
