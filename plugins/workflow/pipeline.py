"""The contacts and conversations of the vault as ``status``, the dashboard and the status moves
need them: read from the index once per index state (kept in ``session.cache``)."""

from __future__ import annotations

from dataclasses import dataclass

from infoview.api import NoteProperties, Session

CONTACT_KEYS = ["status", "referred_by", "connection"]
INTERVIEW_KEYS = ["date", "thank_you_sent", "follow_up_sent"]


@dataclass(slots=True)
class Pipeline:
    contacts: dict[str, NoteProperties]
    """Contact path → its name, hash and ``status``."""
    interviews: dict[str, NoteProperties]
    """Interview path → its name, hash, ``date``, ``thank_you_sent`` and ``follow_up_sent``."""
    attendees: dict[str, list[tuple[str, str | None]]]
    """Interview path → ``(name, contact path or None)`` of each person its ``contact`` names."""
    referrers: set[str]
    """Paths of the contacts some contact's ``referred_by`` names."""

    @classmethod
    def read(cls, session: Session) -> Pipeline:
        cached = session.cache.get(__name__)
        if isinstance(cached, cls):
            return cached
        index = session.index
        contacts = {n.path: n for n in index.properties("contact", CONTACT_KEYS)}
        interviews = {n.path: n for n in index.properties("interview", INTERVIEW_KEYS)}
        attendees: dict[str, list[tuple[str, str | None]]] = {}
        for link in index.field_links("contact", source_type="interview"):
            known = contacts.get(link.resolved or "")
            entry = (known.name if known is not None else link.target,
                     link.resolved if known is not None else None)
            if entry not in attendees.setdefault(link.source, []):
                attendees[link.source].append(entry)
        referrers = {link.resolved
                     for link in index.field_links("referred_by", source_type="contact")
                     if link.resolved in contacts}
        session.cache[__name__] = pipeline = cls(contacts, interviews, attendees,
                                                 {r for r in referrers if r is not None})
        return pipeline
