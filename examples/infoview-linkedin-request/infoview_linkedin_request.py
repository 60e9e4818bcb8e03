"""An infoview plugin: a reminder to send a LinkedIn connection request after a conversation.

A few days after you talk with someone whose contact note has no ``linkedin``, infoview reminds
you to connect with them ("Send a LinkedIn connection request to [[Jane Doe]]"). ``infoview done
ID``, or ticking the line in ``Infoview/Reminders.md``, writes ``linkedin_requested: <today>``
to the contact; adding their ``linkedin`` closes it too.

The number of days is ``[plugins.linkedin-request] days`` in the vault's config (3 by default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from infoview import (
    Closing,
    PluginSetting,
    RegisterReminderKind,
    RegisterSetting,
    Reminder,
    ReminderKind,
    Session,
    as_date,
    hookimpl,
    is_empty,
    shift,
    wikilink,
)

NAME = "linkedin-request"
DEFAULT_DAYS = 3


def days_after(session: Session) -> int:
    """``[plugins.linkedin-request] days`` (checked by infoview: see register_settings)."""
    days: int = session.config.plugin_settings(NAME)["days"]
    return days


def linkedin_requests(session: Session) -> Iterator[Reminder]:
    """One reminder per contact met who has no ``linkedin`` and no ``linkedin_requested``:
    due ``days`` after the last conversation held with them."""
    index = session.index
    contacts = {n.path: n for n in index.properties("contact", ["linkedin", "linkedin_requested"])}
    last: dict[str, dt.date] = {}
    dates = {n.path: as_date(n.props.get("date")) for n in index.properties("interview", ["date"])}
    for link in index.field_links("contact", source_type="interview"):
        day = dates.get(link.source)
        if link.resolved in contacts and day is not None and day <= session.today:
            last[link.resolved] = max(day, last.get(link.resolved, day))
    for path, day in sorted(last.items()):
        contact = contacts[path]
        if not is_empty(contact.props.get("linkedin")) or \
                not is_empty(contact.props.get("linkedin_requested")):
            continue
        link = wikilink(path.rsplit("/", 1)[-1].removesuffix(".md"), contact.name)
        yield Reminder(NAME, shift(day, days_after(session)),
                       f"Send a LinkedIn connection request to {link}", path,
                       [(contact.name, path)], Closing(path, "linkedin_requested", session.today),
                       anchor=day.isoformat())


@hookimpl
def register_settings(register: RegisterSetting) -> None:
    register(PluginSetting("days", DEFAULT_DAYS, "days after a conversation to send the request",
                           check=lambda days: None if days >= 0 else "must be 0 or more"))


@hookimpl
def register_reminder_kinds(register: RegisterReminderKind) -> None:
    register(ReminderKind(NAME, linkedin_requests,
                          "connect on LinkedIn a few days after a conversation"))
