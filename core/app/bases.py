"""Obsidian Bases (``.base`` files: YAML views of notes, a core plugin of Obsidian 1.9+) for the
vault's contacts and interviews, made by ``infoview init`` where they are missing.

``Contacts.base``: every contact as a table, and as cards grouped by status. ``Interviews.base``:
every conversation by date, and the ones coming up. Both select notes the way infoview does: the
configured folder, ``type:``, and the vault's ``[types.*]`` rules; and show the vault's own
property names (a ``[fields]`` alias such as ``org`` for ``company``).
"""

from __future__ import annotations

from typing import Any

import yaml

from infoview.config.settings import Config
from infoview.model.wikilinks import WIKILINK_RE, split_wikilink

CONTACT_COLUMNS = ("company", "role", "status", "email", "referred_by", "last_contact")
INTERVIEW_COLUMNS = ("date", "contact", "medium", "thank_you_sent", "follow_up_sent")
LABELS = {"thank_you_sent": "Thank-you sent", "follow_up_sent": "Follow-up sent"}


def base_files(config: Config) -> dict[str, str]:
    """``{vault path: text}`` of the ``.base`` files ``init`` writes."""
    return {"Contacts.base": contacts_base(config), "Interviews.base": interviews_base(config)}


def contacts_base(config: Config) -> str:
    prop = _names(config)
    columns = [prop(c) for c in CONTACT_COLUMNS]
    return _dump({
        "filters": _filters(config, "contact"),
        "properties": _display(columns, {"file.name": "Name"}),
        "views": [
            {"type": "table", "name": "Contacts",
             "order": ["file.name", *columns],
             "sort": [{"property": "file.name", "direction": "ASC"}]},
            {"type": "cards", "name": "By status",
             "groupBy": {"property": f"note.{prop('status')}", "direction": "ASC"},
             "order": ["file.name", prop("company"), prop("role")],
             "sort": [{"property": "file.name", "direction": "ASC"}]},
        ],
    })


def interviews_base(config: Config) -> str:
    prop = _names(config)
    columns = [prop(c) for c in INTERVIEW_COLUMNS]
    date = prop("date")
    return _dump({
        "filters": _filters(config, "interview"),
        "properties": _display(columns, {"file.name": "Conversation"}),
        "views": [
            {"type": "table", "name": "By date", "order": ["file.name", *columns],
             "sort": [{"property": date, "direction": "DESC"}]},
            {"type": "table", "name": "Coming up",
             "filters": {"and": [f"{date} >= today()"]},
             "order": ["file.name", *columns],
             "sort": [{"property": date, "direction": "ASC"}]},
        ],
    })


def _names(config: Config) -> Any:
    """The property name the vault uses for a canonical key: its first ``[fields]`` alias, if
    any (a vault that sets ``company = ["org"]`` writes ``org:``), else the key."""
    aliases = config.field_aliases

    def prop(key: str) -> str:
        return aliases[key][0] if aliases.get(key) else key

    return prop


def _filters(config: Config, note_type: str) -> dict[str, Any]:
    """Notes of ``note_type`` as infoview finds them, outside the templates folder."""
    rules = config.type_rules[note_type]
    either = [f'file.inFolder({_string(folder)})' for folder in rules.get("folder", [])]
    either.append(f'type == {_string(note_type)}')
    for key, values in rules.items():
        if key == "folder":
            continue
        for value in values:
            if key in ("tags", "tag"):
                either.append(f'file.hasTag({_string(value.lstrip("#"))})')
            else:
                either.append(f"list({key}).contains({_value(value)})")
    templates = config.folder("templates")
    return {"and": [{"or": either}, f"!file.inFolder({_string(templates)})"]}


def _display(columns: list[str], extra: dict[str, str]) -> dict[str, Any]:
    shown = {name: {"displayName": label} for name, label in extra.items()}
    for column in columns:
        label = LABELS.get(column, column.replace("_", " ").capitalize())
        shown[f"note.{column}"] = {"displayName": label}
    return shown


def _value(text: str) -> str:
    """A rule value as a Bases expression: ``[[People]]`` is ``link("People")``."""
    match = WIKILINK_RE.fullmatch(text.strip())
    if match:
        return f"link({_string(split_wikilink(match[2])[0])})"
    return _string(text)


def _string(text: str) -> str:
    """A string literal of the Bases expression language."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
