"""One quoting rule (:mod:`infoview.write.scalars`) for everything infoview writes into YAML: a
frontmatter edit's values and keys, and a title filled into a template. The first table pins the
texts the two old rules disagreed on (the template's wrote them plain)."""

from __future__ import annotations

import re

import pytest
import yaml
from helpers import DAY
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.parse.frontmatter import load_frontmatter
from infoview.write.frontmatter import format_value, set_fields
from infoview.write.scalars import Where, plain_ok, yaml_scalar
from infoview.write.templates import render_template

YAML12_NOT_TEXT = re.compile(
    r"null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN)")
"""What a YAML 1.2 reader (Obsidian's) reads as other than text: the core schema's tags."""
READERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


def title_in_template(title: str) -> str:
    """The ``name:`` line a template's ``name: {{title}}`` becomes."""
    out = render_template("---\nname: {{title}}\n---\n", title=title, today=DAY)
    return out.removeprefix("---\n").removesuffix("---\n")


@pytest.mark.parametrize(("text", "written"), [
    ("0o17", '"0o17"'),  # an octal integer in YAML 1.2 (Obsidian)
    ("0O17", '"0O17"'),
    ("0o", '"0o"'),
    ("+.5", '"+.5"'),
    ("\u00a0Jane", '"\u00a0Jane"'),  # a leading no-break space: trimmed by some readers
    ("Jane\u00a0", '"Jane\u00a0"'),
    ("\u2003Jane", '"\u2003Jane"'),
    ("...", '"..."'),  # a document end marker
    ("---x", '"---x"'),
])
def test_the_once_disagreeing_texts_are_quoted_by_every_writer(text: str, written: str) -> None:
    assert yaml_scalar(text) == written
    assert format_value(text) == written
    assert title_in_template(text) == f"name: {written}\n"
    assert set_fields(b"---\nname: x\n---\n", {"name": text}) == f"---\nname: {written}\n---\n"\
        .encode()
    assert load_frontmatter(f"name: {written}") == {"name": text}


@pytest.mark.parametrize(("text", "written"), [
    ("Jane Doe", "Jane Doe"), ("Acme, Inc.", "Acme, Inc."), ("a:b", "a:b"), ("naïve", "naïve"),
    ("Zoë O'Brien", "Zoë O'Brien"), ("1 000", "1 000"), ("Met at [[Acme]]", "Met at [[Acme]]"),
    ("a: b", '"a: b"'), ("#1", '"#1"'), ("- x", '"- x"'), ("true", '"true"'), ("2026", '"2026"'),
    ("2026-11-25", '"2026-11-25"'), ("12:30", '"12:30"'), ("0x1F", '"0x1F"'), ("yes", '"yes"'),
    ('Jane: "JJ" Doe', '"Jane: \\"JJ\\" Doe"'), ("", '""'), ("a #b", '"a #b"'),
])
def test_both_writers_write_a_text_alike(text: str, written: str) -> None:
    assert format_value(text) == yaml_scalar(text) == written
    if text:
        assert title_in_template(text) == f"name: {written}\n"


def test_a_key_and_a_flow_item_have_their_own_rules() -> None:
    assert yaml_scalar("a, b", "value") == "a, b"
    assert yaml_scalar("a, b", "flow") == '"a, b"'
    assert yaml_scalar("a: b", "key") == '"a: b"'
    assert yaml_scalar("due date", "key") == "due date"
    assert yaml_scalar("O'Brien", style="'") == "'O''Brien'"
    assert yaml_scalar("line\u2028break", style="'") == '"line\\Lbreak"'


TEXTS = st.one_of(
    st.text(max_size=12),
    st.lists(st.sampled_from([*"aZ09 .:-_#'\"[]{},!&*?|>%@`~+=/\\", "\t", "\u00a0", "\u2003",
                              "\ufeff", "\x85", "\u2028", "é", "0o", "0x", "...", "---", "e",
                              "\U0001f600"]), max_size=6).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(text=TEXTS, where=st.sampled_from(["value", "key", "flow"]))
def test_what_is_written_reads_back_as_the_text_in_every_reader(text: str, where: Where) -> None:
    written = yaml_scalar(text, where)
    probe = {"value": f"k: {written}", "key": f"{written}: k", "flow": f"k: [{written}]"}[where]
    want = {"value": {"k": text}, "key": {text: "k"}, "flow": {"k": [text]}}[where]
    assert load_frontmatter(probe) == want
    for reader in READERS:
        assert yaml.load(probe, Loader=reader) == want
    if written == text:
        assert plain_ok(text, where)
        assert text == text.strip() and not YAML12_NOT_TEXT.fullmatch(text)
