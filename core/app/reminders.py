"""Every open reminder of a vault: each registered kind's, computed once per index state and, for
the built-in kinds, kept in the index between commands (:mod:`infoview.app.reminder_cache`)."""

from __future__ import annotations

from collections.abc import Iterable

from infoview.app.session import Session
from infoview.model.reminders import Reminder, ReminderKind, assign_ids


def open_reminders(session: Session) -> list[Reminder]:
    """Every open reminder of the vault (index assumed current), overdue first, by due date.

    The built-in kinds' reminders are kept in the index between commands
    (:mod:`infoview.app.reminder_cache`) and computed again only when the notes, the day, the config
    or the code changed; those of other plugins' kinds are computed every time. Within one
    command they are computed once (until the index is refreshed)."""
    return collect_reminders(session)[0]


def collect_reminders(session: Session) -> tuple[list[Reminder], set[str]]:
    """:func:`open_reminders`, and the names of the kinds whose ``compute`` raised (reported as
    plugin failures; their reminders are missing)."""
    cached = session.cache.get(__name__)
    if isinstance(cached, tuple):
        return list(cached[0]), set(cached[1])
    from infoview.app import reminder_cache

    plugins = session.plugins
    builtin = {name for name, info in plugins.info.items() if info.builtin}
    kinds = plugins.reminder_kinds()
    own = {n: k for n, k in kinds.items()
           if plugins.owner("register_reminder_kinds", n) in builtin}
    key = reminder_cache.cache_key(session, own)
    found = reminder_cache.load(session, key)
    failed: set[str] = set()
    if found is None:
        found, failed = _compute(session, own.values())
        if not failed and not any(f.plugin in builtin for f in plugins.failures):
            reminder_cache.store(session, key, found)
    others = [k for n, k in kinds.items() if n not in own]
    if others:  # ids are made unique over all the kinds
        found, more = _compute(session, others, found)
        failed |= more
    session.cache[__name__] = (found, failed)
    return list(found), set(failed)


def _compute(session: Session, kinds: Iterable[ReminderKind],
             found: Iterable[Reminder] = ()) -> tuple[list[Reminder], set[str]]:
    """``found`` and the reminders of ``kinds``, with their ids, in order; and the kinds whose
    ``compute`` raised."""
    out = list(found)
    failed: set[str] = set()
    for kind in kinds:
        before = len(session.plugins.failures)
        out.extend(session.plugins.call_safely(kind.compute, session, plugin=kind.name))
        if len(session.plugins.failures) > before:
            failed.add(kind.name)
    assign_ids(out)
    out.sort(key=lambda r: (r.due, r.kind, r.note, r.id))
    return out, failed
