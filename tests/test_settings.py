"""Every setting of ``.infoview/config.toml`` is declared once
(:data:`infoview.config.settings.SETTINGS`): its default, its check, the ``config.toml`` that
``init`` writes and ``docs/config.md`` all follow from the declaration, and cannot drift."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from infoview.config.settings import (
    DEFAULTS,
    SECTIONS,
    SETTINGS,
    Setting,
    config_from_dict,
)
from infoview.config.template import config_template, toml_value
from infoview.model.errors import ConfigError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "config.md"
WHERE = Path("/path/to/vault/.infoview/config.toml")
"""The file the docs' examples name."""


def docs() -> str:
    return DOCS.read_text(encoding="utf-8")


def type_label(setting: Setting) -> str:
    """The docs' "type" column for ``setting``."""
    span = f"{toml_value(setting.low)} to {toml_value(setting.high)}"
    return {"folder": "string", "text": "string", "line": "string", "bool": "true/false",
            "names": "list of strings", "whole": f"whole number, {span}",
            "number": f"number, {span}"}[setting.kind].replace(".0 ", " ").removesuffix(".0")


def test_every_setting_is_declared_once_with_a_default_it_accepts() -> None:
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    order = [section.name for section in SECTIONS]
    assert [s.section for s in SETTINGS] == sorted((s.section for s in SETTINGS), key=order.index)
    for setting in SETTINGS:
        assert setting.valid(setting.default), setting.key
        assert setting.help, setting.key
    assert config_from_dict({}).data == DEFAULTS
    assert list(DEFAULTS) == order


def bad_values(setting: Setting) -> list[Any]:
    """Values of the wrong type, and just out of range."""
    wrong_type: list[Any] = [[1], {"a": 1}] if setting.kind != "names" else ["Acme", [1]]
    if setting.kind in ("whole", "number"):
        step = 1 if setting.kind == "whole" else setting.low / 2
        return [*wrong_type, True, str(setting.default), setting.low - step,
                setting.high + 1, *([1.5] if setting.kind == "whole" else [])]
    return [*wrong_type, *{
        "folder": [3, "", "/abs", ".hidden", "a/../b", "a//b"],
        "bool": ["no", 1, 0],
        "text": [3, None],
        "line": [3, "", "  "],
        "names": [],
    }[setting.kind]]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.key)
def test_a_value_a_setting_does_not_take_is_one_line_naming_it(setting: Setting) -> None:
    for value in bad_values(setting):
        if value is None:
            continue  # TOML has no null
        with pytest.raises(ConfigError) as caught:
            config_from_dict({setting.section: {setting.name: value}}, WHERE)
        assert str(caught.value) == (f"{WHERE}: {setting.key} must be {setting.expects()}, "
                                     f"not {value!r}")
    if setting.kind in ("whole", "number"):  # the bounds themselves are fine
        for value in (setting.low, setting.high):
            value = int(value) if setting.kind == "whole" else value
            config = config_from_dict({setting.section: {setting.name: value}})
            assert config.data[setting.section][setting.name] == value


def test_unknown_keys_are_warned_about_with_the_known_ones() -> None:
    config = config_from_dict({"reminders": {"thank_you_day": 3}, "colour": {"a": 1},
                               "types": {"contact": {"tags": ["person"]}},
                               "plugins": {"mine": {"colour": "blue"}}}, WHERE)
    assert config.warnings == [
        f"{WHERE}: unknown key reminders.thank_you_day ignored (known: thank_you_days, "
        "follow_up_days, prep_days, prep_min_questions, outreach_days, update_introducer_days)",
        f"{WHERE}: unknown section [colour] ignored"]
    assert config.plugin_settings("mine") == {"colour": "blue"}


def test_the_docs_list_every_default() -> None:
    block = re.search(r"All the defaults, written out:\n\n```toml\n(.*?)```", docs(), re.S)
    assert block is not None
    lines: list[str] = []
    for section in SECTIONS:
        settings = [s for s in SETTINGS if s.section == section.name]
        lines.append(f"{'[' + section.name + ']':<18} # {section.empty}" if section.empty
                     else f"[{section.name}]")
        lines += [f"{s.name} = {toml_value(s.default)}" for s in settings]
        lines.append("")
    assert block[1] == "\n".join(lines)


def table_rows(section: str) -> list[tuple[str, str, str]]:
    """``(key, type, default)`` of each row of the table under the docs' ``[section]``
    heading (rows of sub-tables such as ``[plugins.NAME]`` left out)."""
    text = docs()
    start = text.index(f"\n## `[{section}]`")
    end = text.find("\n## ", start + 1)
    rows = []
    for line in text[start:end].splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| `") and not cells[0].startswith("`["):
            rows.append((cells[0], cells[1], cells[2]))
    return rows


@pytest.mark.parametrize("section", sorted({s.section for s in SETTINGS}))
def test_each_docs_table_has_every_setting_as_declared(section: str) -> None:
    assert table_rows(section) == [
        (f"`{s.name}`", type_label(s), f"`{toml_value(s.default)}`")
        for s in SETTINGS if s.section == section]


def test_every_error_the_docs_show_is_the_one_infoview_gives() -> None:
    shown = re.findall(r"^error: (/path/to/vault/\.infoview/config\.toml: (\w+)\.(\w+) must be "
                       r".*, not (.+))$", docs(), re.M)
    assert {f"{section}.{name}" for _, section, name, _ in shown} >= {
        "folders.contacts", "reminders.thank_you_days", "referrals.heading",
        "watch.debounce_ms", "workflow.status_moves", "strategy.active_goal",
        "plugins.disabled"}
    for message, section, name, value in shown:
        with pytest.raises(ConfigError) as caught:
            config_from_dict({section: {name: ast.literal_eval(value)}}, WHERE)
        assert str(caught.value) == message


def test_the_template_lists_every_setting_at_its_default() -> None:
    text = config_template()
    assert all(len(line) <= 100 for line in text.splitlines())
    found = {}
    section = ""
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif (match := re.match(r"# ([a-z_]+) = (.*?)(?:\s+# .*)?$", line)) and \
                section in DEFAULTS and match[1] in DEFAULTS[section]:
            found[f"{section}.{match[1]}"] = tomllib.loads(f"v = {match[2]}")["v"]
    assert found == {s.key: s.default for s in SETTINGS}
    assert tomllib.loads(text) == {section: {} for section in
                                   ("folders", "reminders", "referrals", "watch", "workflow",
                                    "strategy", "plugins")}
