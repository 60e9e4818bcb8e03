"""``.infoview/config.toml``: folders, type rules, field aliases, reminder cadences, plugins.

Every setting is declared once, in :data:`SETTINGS` (its section, name, kind, default, range
and help): the defaults (:data:`DEFAULTS`, what an empty or missing file means), the checks
(one by kind, :meth:`Setting.check`, with a few that span settings), the ``config.toml`` that
``infoview init`` writes (:mod:`infoview.config.template`) and the tables of
``docs/config.md`` (a test checks them) all come from it.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from infoview.model.errors import ConfigError
from infoview.model.reading import read_regular_file

Kind = Literal["folder", "whole", "number", "bool", "text", "line", "names"]
"""What a setting holds: a folder inside the vault, a whole number, a number, true/false, any
text, a non-empty line of text, a list of strings."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting of ``.infoview/config.toml``, declared once: its defaults, its check, the
    ``config.toml`` that ``init`` writes (:mod:`infoview.config.template`) and the tables of
    ``docs/config.md`` (checked by a test) all come from here."""

    section: str
    name: str
    kind: Kind
    default: Any
    help: str
    """One line: what it does (the comment beside it in the ``config.toml`` ``init`` writes)."""
    low: float = 0
    high: float = 0
    """The allowed range of a number."""
    unit: str = ""
    """What a number counts, as the error message says it (``days``)."""
    what: str = ""
    """What a text or a list holds, as the error message says it (``company names``)."""
    example: str = ""
    """A valid value written as in the file, for the error message (``["Acme"]``)."""

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}"

    def expects(self) -> str:
        """What a valid value is, as an error message says it."""
        span = f"from {_number(self.low)} to {_number(self.high)}"
        of = f" of {self.unit}" if self.unit else ""
        like = f", like {self.example}" if self.example else ""
        return {
            "folder": f"a folder inside the vault, like {self.default!r} (not hidden, not "
                      "absolute)",
            "whole": f"a whole number{of} {span}",
            "number": f"a number{of} {span}",
            "bool": "true or false",
            "text": f"text ({self.what})" if self.what else "text",
            "line": f"{self.what}, like {self.default!r}",
            "names": f"a list of {self.what}{like}",
        }[self.kind]

    def valid(self, value: Any) -> bool:
        """Is ``value`` one this setting takes?"""
        if self.kind == "folder":
            return _is_folder(value)
        if self.kind in ("whole", "number"):
            kinds = int if self.kind == "whole" else int | float
            return isinstance(value, kinds) and not isinstance(value, bool) \
                and self.low <= value <= self.high
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "names":
            return _is_str_list(value)
        return isinstance(value, str) and (self.kind == "text" or bool(value.strip()))

    def check(self, value: Any, where: str) -> None:
        """Raise the one-line :class:`ConfigError` of a value this setting does not take."""
        if not self.valid(value):
            raise ConfigError(f"{where}: {self.key} must be {self.expects()}, not {value!r}")


@dataclass(frozen=True, slots=True)
class Section:
    """A ``[section]`` of the file, in the order the docs and the template give them."""

    name: str
    open: bool = False
    """Keys beyond the declared settings are the user's (``[types]``, ``[fields]``) or the
    plugins' (``[plugins.NAME]``), not typos."""
    empty: str = ""
    """For a section with no setting of its own: what its default means (``no aliases``)."""
    note: str = ""
    """Comment lines the template adds after the section's settings."""


MAX_CONFIG_BYTES = 1_000_000
MAX_DAYS = 36_500
"""The longest reminder cadence a setting may give (a hundred years)."""
NOTE_TYPES = ("contact", "company", "interview")
_TYPE_FOLDER = {"contact": "contacts", "company": "companies", "interview": "interviews"}
_EXAMPLES_NOT_DEFAULTS = "These are examples, not defaults:"


def _days(section: str, name: str, default: int, help: str) -> Setting:
    return Setting(section, name, "whole", default, help, 0, MAX_DAYS, unit="days")


def _score(name: str, default: int, help: str) -> Setting:
    return Setting("strategy", name, "whole", default, help, 0, 10_000)


SECTIONS: tuple[Section, ...] = (
    Section("folders", note="(Links may still point at files in those two folders, when no "
                            "other note or file matches.)"),
    Section("types", open=True, empty="no rules beyond the folders above", note=f"""\
Extra rules for recognising notes in an existing vault layout. A note is a contact (or an
interview) if any rule matches; rules add to the default (the folder). Keys are frontmatter
properties; `folder` matches the note's folder. A note's own `type:` wins, then property
rules, then the deepest matching folder. {_EXAMPLES_NOT_DEFAULTS}

[types.contact]
categories = ["[[People]]"]
tags = ["person"]

[types.interview]
categories = ["[[Meetings]]"]"""),
    Section("fields", open=True, empty="no aliases", note=f"""\
Other frontmatter keys to read as the canonical one (an alias of a text field such as phone
keeps its text as written too). {_EXAMPLES_NOT_DEFAULTS}

[fields]
contact = ["people"]
company = ["org"]"""),
    Section("reminders", note="(keep_in_touch is set per contact, in its note: keep_in_touch: "
                              "90, or 90d, 2w, 3m)"),
    Section("referrals"),
    Section("watch"),
    Section("workflow"),
    Section("strategy"),
    Section("plugins", open=True, note="A plugin's own settings go in a table named after it, "
                                       "[plugins.NAME] (see the plugin's documentation)."),
)
"""Every section, in order."""

SETTINGS: tuple[Setting, ...] = (
    Setting("folders", "contacts", "folder", "Contacts", "one note per person"),
    Setting("folders", "companies", "folder", "Companies",
            "one note per company, with your research"),
    Setting("folders", "interviews", "folder", "Interviews", "one note per conversation"),
    Setting("folders", "templates", "folder", "Templates",
            "templates, not data: not indexed, placeholders such as {{date}} expected"),
    Setting("folders", "generated", "folder", "Infoview",
            "reserved for notes infoview generates: not indexed"),
    _days("reminders", "thank_you_days", 1,
          "thank-you note due this many days after an interview"),
    _days("reminders", "follow_up_days", 60,
          "follow-up note due this many days after an interview"),
    _days("reminders", "prep_days", 2, "preparation due this many days before an interview"),
    Setting("reminders", "prep_min_questions", "whole", 3,
            'this many items under "## Questions" count as prepared', 0, 1000,
            unit="questions"),
    _days("reminders", "outreach_days", 7,
          "reach out to a referred person this many days after the referral"),
    _days("reminders", "update_introducer_days", 3,
          "tell whoever referred someone how the conversation went"),
    Setting("referrals", "heading", "line", "Referrals",
            "list items under this heading (and its sub-headings) are referrals",
            what="a heading's text"),
    Setting("watch", "debounce_ms", "whole", 200,
            "`infoview watch` syncs once the vault has been quiet this long", 1, 3_600_000),
    Setting("watch", "max_batch", "whole", 500,
            "more changed files than this in one batch: one full rescan", 1, 10_000_000),
    Setting("watch", "poll", "bool", False,
            "poll for changes instead of file-system events (network drives)"),
    Setting("watch", "poll_seconds", "number", 1.0, "how often to poll, when polling",
            0.05, 3600, unit="seconds"),
    Setting("workflow", "status_moves", "bool", True,
            'on sync, a past interview moves its contact to "interviewed", a coming one to '
            '"scheduled" (never backwards)'),
    Setting("workflow", "signature", "text", "",
            "your name, to sign the messages `infoview draft` writes",
            what="your name as you sign messages"),
    Setting("strategy", "targets", "names", [],
            "target companies by name (or `target: true` on a company note)",
            what="company names", example='["Acme"]'),
    Setting("strategy", "active_goal", "whole", 5,
            "people the method keeps in play at once (`status`, `next`)", 1, 10_000),
    Setting("strategy", "active_days", "whole", 30,
            "a conversation within this many days keeps a person in play", 1, 10_000),
    Setting("strategy", "ask_after_days", "whole", 7,
            "`next` suggests asking for a referral this long after a talk", 0, 10_000),
    _score("weight_ask_referral", 30, "how `next` ranks asking for a referral"),
    _score("weight_reach_out_warm", 25, "...reaching out with an introduction"),
    _score("weight_reach_out_cold", 10, "...reaching out without one"),
    _score("weight_target", 20, "...added for a person at a target company"),
    _score("weight_line_up", 15, "...lining up more conversations"),
    Setting("plugins", "disabled", "names", [],
            "names of plugins not to load (see `infoview plugins`)", what="plugin names"),
)
"""Every setting, in the order of its section in :data:`SECTIONS`."""

DEFAULTS: dict[str, dict[str, Any]] = {
    section.name: {s.name: s.default for s in SETTINGS if s.section == section.name}
    for section in SECTIONS}
"""What an empty or missing file means: section → setting → default."""
_SECTIONS = {section.name: section for section in SECTIONS}
_DECLARED = {section: list(defaults) for section, defaults in DEFAULTS.items()}


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
        raw = tomllib.loads(read_regular_file(path, MAX_CONFIG_BYTES, "settings (config.toml)",
                                              ConfigError).decode("utf-8"))
    except FileNotFoundError:
        raw = {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: {error}; fix the file (every key is optional)") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error}); check its "
                          "permissions") from None
    return config_from_dict(raw, path)


def config_from_dict(raw: dict[str, Any], path: Path | None = None) -> Config:
    """Merge ``raw`` over the defaults and check every setting (:data:`SETTINGS`), then what
    no single setting says: folders kept apart, the ``[types]`` and ``[fields]`` tables."""
    where = str(path) if path else "config"
    data = copy.deepcopy(DEFAULTS)
    warnings: list[str] = []
    for section, value in raw.items():
        if section not in _SECTIONS:
            warnings.append(f"{where}: unknown section [{section}] ignored")
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: [{section}] must be a table")
        known = _DECLARED[section]
        for key, item in value.items():
            if key not in known and not _SECTIONS[section].open:
                warnings.append(f"{where}: unknown key {section}.{key} ignored "
                                f"(known: {', '.join(known)})")
                continue
            data[section][key] = item
    for setting in SETTINGS:
        setting.check(data[setting.section][setting.name], where)
    _check_folders_apart(data["folders"], where)
    _check_types(data["types"], where)
    for key, aliases in data["fields"].items():
        if not _is_str_list(aliases):
            raise ConfigError(f"{where}: fields.{key} must be a list of property names")
    # The other keys of [plugins] are the plugins' own tables ([plugins.NAME]), kept as written
    # (Config.plugin_settings); a plugin declares and checks its settings as Setting objects.
    return Config(data=data, path=path, warnings=warnings)


def _check_folders_apart(folders: dict[str, str], where: str) -> None:
    """The templates and generated folders hold no notes: neither may be, hold or sit in a
    note folder (nor each other)."""
    stripped = {key: value.strip("/") for key, value in folders.items()}
    for apart in ("templates", "generated"):
        for key in ("contacts", "companies", "interviews", "templates"):
            a, b = stripped[apart], stripped[key]
            if key != apart and (a == b or a.startswith(b + "/") or b.startswith(a + "/")):
                raise ConfigError(f"{where}: folders.{apart} ({a!r}) overlaps folders.{key} "
                                  f"({b!r}); its notes would not be indexed: keep them apart")


def _check_types(types: dict[str, Any], where: str) -> None:
    for note_type, rules in types.items():
        if note_type not in NOTE_TYPES or not isinstance(rules, dict):
            raise ConfigError(f"{where}: [types.{note_type}] must be one of "
                              f"{', '.join(NOTE_TYPES)} with lists of values")
        for prop, values in rules.items():
            if not _is_str_list(values):
                raise ConfigError(f"{where}: types.{note_type}.{prop} must be a list of strings")


def _is_folder(value: Any) -> bool:
    """A folder inside the vault: relative, not hidden, no empty, ``.`` or ``..`` part."""
    parts = value.strip("/").split("/") if isinstance(value, str) else []
    return bool(parts) and bool(parts[0]) and not value.startswith("/") and not any(
        p in ("", ".", "..") or p.startswith(".") for p in parts)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _number(value: float) -> str:
    """``36500``, ``0.05``: a bound as people write it."""
    return str(int(value)) if float(value).is_integer() else str(value)
