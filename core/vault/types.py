"""What kind of note a note is (contact, company, interview) and its properties read through the
vault's field aliases. Both depend on the config, not on the parser."""

from __future__ import annotations

from typing import Any

from infoview.config.settings import NOTE_TYPES, Config
from infoview.model.names import name_key
from infoview.model.note import Note
from infoview.model.values import as_list, is_empty


def canonical_props(frontmatter: dict[str, Any], aliases: dict[str, list[str]]) -> dict[str, Any]:
    """The frontmatter with aliased keys read as their canonical key (``people`` → ``contact``).

    A canonical key that is present and not empty wins over its aliases.
    """
    props = {k: v for k, v in frontmatter.items() if not is_empty(v)}
    for canonical, others in aliases.items():
        if canonical in props:
            continue
        for other in others:
            if other in props:
                props[canonical] = props[other]
                break
    return props


def classify(note: Note, props: dict[str, Any], config: Config) -> str | None:
    """``type:`` if it names a known type, else the first property rule that matches, else the
    folder rule; ``None`` for any other note."""
    declared = props.get("type")
    if isinstance(declared, str) and declared.strip().lower() in NOTE_TYPES:
        return declared.strip().lower()
    rules = config.type_rules
    for note_type in NOTE_TYPES:
        for prop, wanted in rules[note_type].items():
            if prop != "folder" and _matches(props.get(prop), wanted):
                return note_type
    folder = note.folder
    best: tuple[int, str] | None = None  # the most specific (deepest) matching folder wins
    for note_type in NOTE_TYPES:
        for wanted_folder in rules[note_type].get("folder", []):
            wanted_folder = wanted_folder.strip("/")
            if folder == wanted_folder or folder.startswith(wanted_folder + "/"):
                depth = wanted_folder.count("/")
                if best is None or depth > best[0]:
                    best = (depth, note_type)
    return best[1] if best else None


def _matches(value: Any, wanted: list[str]) -> bool:
    keys = {_value_key(w) for w in wanted}
    return any(_value_key(str(v)) in keys for v in as_list(value))


def _value_key(value: str) -> str:
    """``"[[People]]"``, ``People`` and ``#people`` all compare equal."""
    value = value.strip()
    if value.startswith("[[") and value.endswith("]]"):
        value = value[2:-2].split("|", 1)[0]
    return name_key(value.lstrip("#"))
