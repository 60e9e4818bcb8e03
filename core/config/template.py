"""The ``.infoview/config.toml`` that ``infoview init`` writes, made from
:data:`~infoview.config.settings.SETTINGS`: every setting commented out at its default, with
its help beside it, so the file changes nothing as written and lists every setting there is.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from infoview.config.settings import SECTIONS, SETTINGS

HEADER = (
    "infoview settings for this vault (TOML).\n\n"
    'Every setting is optional. The commented-out values below are the defaults, so this file '
    'changes nothing as written: remove the leading "# " from a line to change that setting. '
    "A key infoview does not know (a typo) is reported in a warning. Folders are paths inside "
    'the vault: not absolute, not hidden, no "..".')
WIDTH = 100
HELP_COLUMN = 31
"""Where the help beside a setting starts (``# contacts = "Contacts"        # one note...``)."""


def toml_value(value: Any) -> str:
    """A default as TOML writes it: ``"Contacts"``, ``60``, ``1.0``, ``true``, ``[]``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)  # a string or a list of strings


def config_template() -> str:
    """The text of the file: a header, then each section with its settings and notes."""
    lines = _comment(HEADER)
    for section in SECTIONS:
        settings = [s for s in SETTINGS if s.section == section.name]
        lines.append("")
        if settings:
            lines.append(f"[{section.name}]")
        for setting in settings:
            lines += _setting(f"# {setting.name} = {toml_value(setting.default)}", setting.help)
        if section.note:
            lines += _comment(section.note) if settings else _comment(section.note, blank=True)
    return "\n".join(lines) + "\n"


def _setting(line: str, help: str) -> list[str]:
    """The commented-out setting, its help beside it (wrapped under itself when long)."""
    column = max(HELP_COLUMN, len(line) + 1)
    parts = textwrap.wrap(help, WIDTH - column - 2, break_on_hyphens=False) or [""]
    return [f"{line:<{column - 1}} # {parts[0]}".rstrip(),
            *(f"#{'':<{column - 2}} # {part}" for part in parts[1:])]


def _comment(text: str, *, blank: bool = False) -> list[str]:
    """``text`` as comment lines, each long line wrapped; with ``blank``, an empty comment line
    before each table of its TOML part."""
    lines: list[str] = []
    for line in text.splitlines():
        if blank and line.startswith("[") and lines and lines[-1] != "#":
            lines.append("#")
        parts = textwrap.wrap(line, WIDTH - 2, break_on_hyphens=False)
        lines += [f"# {part}" for part in parts] or ["#"]
    return lines
