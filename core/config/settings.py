"""``.infoview/config.toml``: folders, type rules, field aliases, reminder cadences, plugins.

Every key is optional; :data:`DEFAULTS` is what an empty or missing file means. See
``docs/config.md`` for each key.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from infoview.model.errors import ConfigError, InfoviewError
from infoview.model.reading import read_regular_file

DEFAULTS: dict[str, Any] = {
    "folders": {
        "contacts": "Contacts",
        "companies": "Companies",
        "interviews": "Interviews",
        "templates": "Templates",
        "generated": "Infoview",
    },
    "types": {},
    "fields": {},
    "reminders": {
        "thank_you_days": 1,
        "follow_up_days": 60,
        "prep_days": 2,
        "prep_min_questions": 3,
        "outreach_days": 7,
        "update_introducer_days": 3,
    },
    "referrals": {"heading": "Referrals"},
    "watch": {"debounce_ms": 200, "max_batch": 500, "poll": False, "poll_seconds": 1.0},
    "workflow": {"status_moves": True, "signature": ""},
    "strategy": {
        "targets": [],
        "active_goal": 5,
        "active_days": 30,
        "ask_after_days": 7,
        "weight_ask_referral": 30,
        "weight_reach_out_warm": 25,
        "weight_reach_out_cold": 10,
        "weight_target": 20,
        "weight_line_up": 15,
    },
    "plugins": {"disabled": []},
}

MAX_CONFIG_BYTES = 1_000_000
MAX_DAYS = 36_500
"""The longest reminder cadence a setting may give (a hundred years)."""
NOTE_TYPES = ("contact", "company", "interview")
_TYPE_FOLDER = {"contact": "contacts", "company": "companies", "interview": "interviews"}


@dataclass(frozen=True)
class Config:
    """The settings of one vault, defaults filled in."""

    data: dict[str, Any]
    path: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def folder(self, name: str) -> str:
        """A folder setting (``contacts``, ``templates``, ``generated``...), without slashes."""
        return str(self.data["folders"][name]).strip("/")

    @cached_property
    def type_rules(self) -> dict[str, dict[str, list[str]]]:
        """For each note type, property name (or ``folder``) → values that make a note that type.

        The type's default folder is always a rule; ``[types.X]`` rules add to it.
        """
        rules: dict[str, dict[str, list[str]]] = {}
        for note_type in NOTE_TYPES:
            extra = self.data["types"].get(note_type, {})
            merged: dict[str, list[str]] = {k: list(v) for k, v in extra.items()}
            merged.setdefault("folder", []).insert(0, self.folder(_TYPE_FOLDER[note_type]))
            rules[note_type] = merged
        return rules

    @cached_property
    def field_aliases(self) -> dict[str, list[str]]:
        """Canonical key → other keys read as it (``{"contact": ["people"]}``)."""
        return {k: list(v) for k, v in self.data["fields"].items()}

    @cached_property
    def canonical_keys(self) -> dict[str, str]:
        """Other key → the canonical key it is read as (``{"people": "contact"}``)."""
        return {other: key for key, others in self.field_aliases.items() for other in others}

    @cached_property
    def text_keys(self) -> frozenset[str]:
        """Keys whose values stay the text in the file: the text-like fields and their aliases."""
        from infoview.model.values import TEXT_FIELDS

        return TEXT_FIELDS | {k for k, v in self.canonical_keys.items() if v in TEXT_FIELDS}

    @property
    def reminders(self) -> dict[str, Any]:
        return dict(self.data["reminders"])

    @property
    def disabled_plugins(self) -> list[str]:
        return list(self.data["plugins"].get("disabled", []))

    def plugin_settings(self, name: str) -> dict[str, Any]:
        """The ``[plugins.NAME]`` table (empty when absent)."""
        value = self.data["plugins"].get(name, {})
        return dict(value) if isinstance(value, dict) else {}


def load_config(vault: Path) -> Config:
    """Read ``vault/.infoview/config.toml``; a missing file means all defaults."""
    path = vault / ".infoview" / "config.toml"
    try:
        raw = tomllib.loads(read_regular_file(path, MAX_CONFIG_BYTES, "settings (config.toml)")
                            .decode("utf-8"))
    except FileNotFoundError:
        raw = {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: {error}; fix the file (every key is optional)") from None
    except InfoviewError as error:
        raise ConfigError(str(error)) from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error}); check its "
                          "permissions") from None
    return config_from_dict(raw, path)


def config_from_dict(raw: dict[str, Any], path: Path | None = None) -> Config:
    """Merge ``raw`` over the defaults and check the types of the known keys."""
    where = str(path) if path else "config"
    data = copy.deepcopy(DEFAULTS)
    warnings: list[str] = []
    for section, value in raw.items():
        if section not in data:
            warnings.append(f"{where}: unknown section [{section}] ignored")
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: [{section}] must be a table")
        known = DEFAULTS[section]
        for key, item in value.items():
            if known and section != "plugins" and key not in known:
                warnings.append(f"{where}: unknown key {section}.{key} ignored "
                                f"(known: {', '.join(known)})")
                continue
            data[section][key] = item
    for key, value in data["folders"].items():
        parts = value.strip("/").split("/") if isinstance(value, str) else []
        if not parts or not parts[0] or value.startswith("/") or any(
                p in ("", ".", "..") or p.startswith(".") for p in parts):
            raise ConfigError(f"{where}: folders.{key} must be a folder inside the vault, like "
                              f"{DEFAULTS['folders'][key]!r} (not hidden, not absolute), "
                              f"not {value!r}")
    folders = {k: v.strip("/") for k, v in data["folders"].items()}
    for apart in ("templates", "generated"):
        for key in ("contacts", "companies", "interviews", "templates"):
            a, b = folders[apart], folders[key]
            if key != apart and (a == b or a.startswith(b + "/") or b.startswith(a + "/")):
                raise ConfigError(f"{where}: folders.{apart} ({a!r}) overlaps folders.{key} "
                                  f"({b!r}); its notes would not be indexed: keep them apart")
    for key, value in data["reminders"].items():
        unit, top = ("questions", 1000) if key == "prep_min_questions" else ("days", MAX_DAYS)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise ConfigError(f"{where}: reminders.{key} must be a whole number of {unit} "
                              f"from 0 to {top}, not {value!r}")
    if not isinstance(data["referrals"].get("heading"), str) or \
            not data["referrals"]["heading"].strip():
        raise ConfigError(f"{where}: referrals.heading must be a heading's text, like "
                          "'Referrals'")
    watch = data["watch"]
    for key, top in (("debounce_ms", 3_600_000), ("max_batch", 10_000_000)):
        if isinstance(watch[key], bool) or not isinstance(watch[key], int) \
                or not 1 <= watch[key] <= top:
            raise ConfigError(f"{where}: watch.{key} must be a whole number from 1 to {top}, "
                              f"not {watch[key]!r}")
    if not isinstance(watch["poll"], bool):
        raise ConfigError(f"{where}: watch.poll must be true or false, not {watch['poll']!r}")
    if isinstance(watch["poll_seconds"], bool) or not isinstance(
            watch["poll_seconds"], int | float) or not 0.05 <= watch["poll_seconds"] <= 3600:
        raise ConfigError(f"{where}: watch.poll_seconds must be a number of seconds from 0.05 "
                          f"to 3600, not {watch['poll_seconds']!r}")
    workflow = data["workflow"]
    if not isinstance(workflow["status_moves"], bool):
        raise ConfigError(f"{where}: workflow.status_moves must be true or false, not "
                          f"{workflow['status_moves']!r}")
    if not isinstance(workflow["signature"], str):
        raise ConfigError(f"{where}: workflow.signature must be text (your name as you sign "
                          f"messages), not {workflow['signature']!r}")
    for key, value in data["strategy"].items():
        if key == "targets":
            if not _is_str_list(value):
                raise ConfigError(f"{where}: strategy.targets must be a list of company names, "
                                  f"like [\"Acme\"], not {value!r}")
            continue
        low = 0 if key.startswith("weight_") or key == "ask_after_days" else 1
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= 10_000:
            raise ConfigError(f"{where}: strategy.{key} must be a whole number from {low} to "
                              f"10000, not {value!r}")
    for note_type, rules in data["types"].items():
        if note_type not in NOTE_TYPES or not isinstance(rules, dict):
            raise ConfigError(f"{where}: [types.{note_type}] must be one of "
                              f"{', '.join(NOTE_TYPES)} with lists of values")
        for prop, values in rules.items():
            if not _is_str_list(values):
                raise ConfigError(f"{where}: types.{note_type}.{prop} must be a list of strings")
    for key, aliases in data["fields"].items():
        if not _is_str_list(aliases):
            raise ConfigError(f"{where}: fields.{key} must be a list of property names")
    if not _is_str_list(data["plugins"].get("disabled", [])):
        raise ConfigError(f"{where}: plugins.disabled must be a list of plugin names")
    return Config(data=data, path=path, warnings=warnings)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
