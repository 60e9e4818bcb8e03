"""Everything a plugin needs, in one place: ``from infoview.api import Session, Reminder, ...``
(the same names are also ``from infoview import ...``). Each name is imported when it is
first used, so a plugin that imports a few pays for those only. The built-in plugins use only
these names; docs/plugins.md ("The public API") documents each, and a test keeps that true.

Anything else under ``infoview.*`` is infoview's own and may change between versions.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time each name comes from __getattr__
    from infoview import __version__ as __version__
    from infoview import hookimpl as hookimpl
    from infoview.app.importing import clean_name as clean_name
    from infoview.app.importing import import_people as import_people
    from infoview.app.importing import read_bytes as read_bytes
    from infoview.app.importing import read_text as read_text
    from infoview.app.importing import usable_name as usable_name
    from infoview.app.new_notes import FOLDERS as NOTE_FOLDERS
    from infoview.app.new_notes import TEMPLATES as NOTE_TEMPLATES
    from infoview.app.new_notes import create_note as create_note
    from infoview.app.new_notes import many_notes as many_notes
    from infoview.app.reminders import collect_reminders as collect_reminders
    from infoview.app.reminders import open_reminders as open_reminders
    from infoview.app.session import Session as Session
    from infoview.cli.options import json_option as json_option
    from infoview.cli.options import session_options as session_options
    from infoview.cli.options import up_to_date as up_to_date
    from infoview.cli.output import is_terminal as is_terminal
    from infoview.cli.output import print_json as print_json
    from infoview.cli.output import progress as progress
    from infoview.cli.output import table as table
    from infoview.cli.registry_group import RegistryGroup as RegistryGroup
    from infoview.index.lookup import find_note as find_note
    from infoview.index.store import Index as Index
    from infoview.index.store import IndexedNote as IndexedNote
    from infoview.index.store import LinkRow as LinkRow
    from infoview.index.store import NoteProperties as NoteProperties
    from infoview.model.advice import Advice as Advice
    from infoview.model.advice import advice_in as advice_in
    from infoview.model.advice import first_name as first_name
    from infoview.model.errors import ConfigError as ConfigError
    from infoview.model.errors import InfoviewError as InfoviewError
    from infoview.model.errors import LockedError as LockedError
    from infoview.model.errors import NoteExistsError as NoteExistsError
    from infoview.model.errors import NotFoundError as NotFoundError
    from infoview.model.errors import PluginError as PluginError
    from infoview.model.errors import UsageError as UsageError
    from infoview.model.errors import WriteError as WriteError
    from infoview.model.linkedin import find_linkedin as find_linkedin
    from infoview.model.linkedin import linkedin_url as linkedin_url
    from infoview.model.linkedin import profile_url as profile_url
    from infoview.model.markdown import header as header
    from infoview.model.markdown import inline as inline
    from infoview.model.markdown import plain as plain
    from infoview.model.markdown import wikilink as wikilink
    from infoview.model.names import name_key as name_key
    from infoview.model.note import Note as Note
    from infoview.model.note import NoteChanges as NoteChanges
    from infoview.model.note import Problem as Problem
    from infoview.model.printable import command_word as command_word
    from infoview.model.printable import one_line as one_line
    from infoview.model.printable import quoted_name as quoted_name
    from infoview.model.reminders import Closing as Closing
    from infoview.model.reminders import Register as RegisterReminderKind
    from infoview.model.reminders import Reminder as Reminder
    from infoview.model.reminders import ReminderKind as ReminderKind
    from infoview.model.reminders import as_record as as_record
    from infoview.model.reminders import normalise_id as normalise_id
    from infoview.model.reminders import shift as shift
    from infoview.model.values import STATUSES as STATUSES
    from infoview.model.values import as_bool as as_bool
    from infoview.model.values import as_date as as_date
    from infoview.model.values import as_datetime as as_datetime
    from infoview.model.values import as_list as as_list
    from infoview.model.values import as_minutes as as_minutes
    from infoview.model.values import as_text as as_text
    from infoview.model.values import is_empty as is_empty
    from infoview.model.values import link_targets as link_targets
    from infoview.model.wikilinks import WIKILINK_RE as WIKILINK_RE
    from infoview.model.wikilinks import split_wikilink as split_wikilink
    from infoview.parse.note import parse_note as parse_note
    from infoview.plugin.exporters import Exporter as Exporter
    from infoview.plugin.exporters import Register as RegisterExporter
    from infoview.plugin.host import PluginFailure as PluginFailure
    from infoview.plugin.importers import Importer as Importer
    from infoview.plugin.importers import Incoming as Incoming
    from infoview.plugin.importers import ReadResult as ReadResult
    from infoview.plugin.importers import Register as RegisterImporter
    from infoview.plugin.importers import Related as Related
    from infoview.plugin.importers import Skipped as SkippedRecord
    from infoview.plugin.settings import PluginSetting as PluginSetting
    from infoview.plugin.settings import Register as RegisterSetting
    from infoview.vault.names import existing_note as existing_note
    from infoview.vault.names import safe_note_name as safe_note_name
    from infoview.write.body import append_to_section as append_to_section
    from infoview.write.frontmatter import Link as Link
    from infoview.write.frontmatter import Value as Value
    from infoview.write.frontmatter import add_missing as add_missing
    from infoview.write.frontmatter import set_fields as set_fields
    from infoview.write.generated import GeneratedNote as GeneratedNote
    from infoview.write.journal import digest as digest
    from infoview.write.output_files import write_output as write_output

_WHERE: dict[str, tuple[str, str]] = {
    "Advice": ("infoview.model.advice", "Advice"),
    "Closing": ("infoview.model.reminders", "Closing"),
    "ConfigError": ("infoview.model.errors", "ConfigError"),
    "Exporter": ("infoview.plugin.exporters", "Exporter"),
    "GeneratedNote": ("infoview.write.generated", "GeneratedNote"),
    "Importer": ("infoview.plugin.importers", "Importer"),
    "Incoming": ("infoview.plugin.importers", "Incoming"),
    "Index": ("infoview.index.store", "Index"),
    "IndexedNote": ("infoview.index.store", "IndexedNote"),
    "InfoviewError": ("infoview.model.errors", "InfoviewError"),
    "Link": ("infoview.write.frontmatter", "Link"),
    "LinkRow": ("infoview.index.store", "LinkRow"),
    "NOTE_FOLDERS": ("infoview.app.new_notes", "FOLDERS"),
    "NOTE_TEMPLATES": ("infoview.app.new_notes", "TEMPLATES"),
    "NotFoundError": ("infoview.model.errors", "NotFoundError"),
    "Note": ("infoview.model.note", "Note"),
    "NoteChanges": ("infoview.model.note", "NoteChanges"),
    "NoteExistsError": ("infoview.model.errors", "NoteExistsError"),
    "NoteProperties": ("infoview.index.store", "NoteProperties"),
    "PluginError": ("infoview.model.errors", "PluginError"),
    "UsageError": ("infoview.model.errors", "UsageError"),
    "WriteError": ("infoview.model.errors", "WriteError"),
    "LockedError": ("infoview.model.errors", "LockedError"),
    "PluginFailure": ("infoview.plugin.host", "PluginFailure"),
    "PluginSetting": ("infoview.plugin.settings", "PluginSetting"),
    "Problem": ("infoview.model.note", "Problem"),
    "ReadResult": ("infoview.plugin.importers", "ReadResult"),
    "RegisterExporter": ("infoview.plugin.exporters", "Register"),
    "RegisterImporter": ("infoview.plugin.importers", "Register"),
    "RegisterReminderKind": ("infoview.model.reminders", "Register"),
    "RegisterSetting": ("infoview.plugin.settings", "Register"),
    "RegistryGroup": ("infoview.cli.registry_group", "RegistryGroup"),
    "Related": ("infoview.plugin.importers", "Related"),
    "Reminder": ("infoview.model.reminders", "Reminder"),
    "ReminderKind": ("infoview.model.reminders", "ReminderKind"),
    "STATUSES": ("infoview.model.values", "STATUSES"),
    "Session": ("infoview.app.session", "Session"),
    "SkippedRecord": ("infoview.plugin.importers", "Skipped"),
    "Value": ("infoview.write.frontmatter", "Value"),
    "WIKILINK_RE": ("infoview.model.wikilinks", "WIKILINK_RE"),
    "add_missing": ("infoview.write.frontmatter", "add_missing"),
    "advice_in": ("infoview.model.advice", "advice_in"),
    "append_to_section": ("infoview.write.body", "append_to_section"),
    "as_bool": ("infoview.model.values", "as_bool"),
    "as_date": ("infoview.model.values", "as_date"),
    "as_datetime": ("infoview.model.values", "as_datetime"),
    "as_list": ("infoview.model.values", "as_list"),
    "as_minutes": ("infoview.model.values", "as_minutes"),
    "as_record": ("infoview.model.reminders", "as_record"),
    "as_text": ("infoview.model.values", "as_text"),
    "clean_name": ("infoview.app.importing", "clean_name"),
    "collect_reminders": ("infoview.app.reminders", "collect_reminders"),
    "create_note": ("infoview.app.new_notes", "create_note"),
    "digest": ("infoview.write.journal", "digest"),
    "existing_note": ("infoview.vault.names", "existing_note"),
    "find_linkedin": ("infoview.model.linkedin", "find_linkedin"),
    "find_note": ("infoview.index.lookup", "find_note"),
    "first_name": ("infoview.model.advice", "first_name"),
    "header": ("infoview.model.markdown", "header"),
    "import_people": ("infoview.app.importing", "import_people"),
    "inline": ("infoview.model.markdown", "inline"),
    "is_empty": ("infoview.model.values", "is_empty"),
    "is_terminal": ("infoview.cli.output", "is_terminal"),
    "json_option": ("infoview.cli.options", "json_option"),
    "link_targets": ("infoview.model.values", "link_targets"),
    "linkedin_url": ("infoview.model.linkedin", "linkedin_url"),
    "many_notes": ("infoview.app.new_notes", "many_notes"),
    "name_key": ("infoview.model.names", "name_key"),
    "normalise_id": ("infoview.model.reminders", "normalise_id"),
    "command_word": ("infoview.model.printable", "command_word"),
    "one_line": ("infoview.model.printable", "one_line"),
    "open_reminders": ("infoview.app.reminders", "open_reminders"),
    "parse_note": ("infoview.parse.note", "parse_note"),
    "plain": ("infoview.model.markdown", "plain"),
    "print_json": ("infoview.cli.output", "print_json"),
    "profile_url": ("infoview.model.linkedin", "profile_url"),
    "progress": ("infoview.cli.output", "progress"),
    "quoted_name": ("infoview.model.printable", "quoted_name"),
    "read_bytes": ("infoview.app.importing", "read_bytes"),
    "read_text": ("infoview.app.importing", "read_text"),
    "safe_note_name": ("infoview.vault.names", "safe_note_name"),
    "session_options": ("infoview.cli.options", "session_options"),
    "set_fields": ("infoview.write.frontmatter", "set_fields"),
    "shift": ("infoview.model.reminders", "shift"),
    "split_wikilink": ("infoview.model.wikilinks", "split_wikilink"),
    "table": ("infoview.cli.output", "table"),
    "up_to_date": ("infoview.cli.options", "up_to_date"),
    "usable_name": ("infoview.app.importing", "usable_name"),
    "wikilink": ("infoview.model.markdown", "wikilink"),
    "write_output": ("infoview.write.output_files", "write_output"),
}
"""Each public name → ``(module, attribute)`` it comes from."""

__all__ = [
    "NOTE_FOLDERS",
    "NOTE_TEMPLATES",
    "STATUSES",
    "WIKILINK_RE",
    "Advice",
    "Closing",
    "ConfigError",
    "Exporter",
    "GeneratedNote",
    "Importer",
    "Incoming",
    "Index",
    "IndexedNote",
    "InfoviewError",
    "Link",
    "LinkRow",
    "LockedError",
    "NotFoundError",
    "Note",
    "NoteChanges",
    "NoteExistsError",
    "NoteProperties",
    "PluginError",
    "PluginFailure",
    "PluginSetting",
    "Problem",
    "ReadResult",
    "RegisterExporter",
    "RegisterImporter",
    "RegisterReminderKind",
    "RegisterSetting",
    "RegistryGroup",
    "Related",
    "Reminder",
    "ReminderKind",
    "Session",
    "SkippedRecord",
    "UsageError",
    "Value",
    "WriteError",
    "__version__",
    "add_missing",
    "advice_in",
    "append_to_section",
    "as_bool",
    "as_date",
    "as_datetime",
    "as_list",
    "as_minutes",
    "as_record",
    "as_text",
    "clean_name",
    "collect_reminders",
    "command_word",
    "create_note",
    "digest",
    "existing_note",
    "find_linkedin",
    "find_note",
    "first_name",
    "header",
    "hookimpl",
    "import_people",
    "inline",
    "is_empty",
    "is_terminal",
    "json_option",
    "link_targets",
    "linkedin_url",
    "many_notes",
    "name_key",
    "normalise_id",
    "one_line",
    "open_reminders",
    "parse_note",
    "plain",
    "print_json",
    "profile_url",
    "progress",
    "quoted_name",
    "read_bytes",
    "read_text",
    "safe_note_name",
    "session_options",
    "set_fields",
    "shift",
    "split_wikilink",
    "table",
    "up_to_date",
    "usable_name",
    "wikilink",
    "write_output",
]


def __getattr__(name: str) -> Any:
    if name in ("hookimpl", "__version__"):
        import infoview

        return getattr(infoview, name)
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _WHERE[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value
