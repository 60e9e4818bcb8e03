"""Surgical frontmatter edits (:mod:`infoview.write.frontmatter`): bytes in, bytes out.

Unit tests pin each promise with literal before/after bytes; property tests generate notes with
comments, odd quoting, flow and block lists, nested mappings, block scalars, blank lines, CRLF,
a BOM and bodies, then check that an edit changes exactly the intended lines and reads back as
the intended data. Expected values are computed here independently of the module.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import infoview.write.frontmatter as fe
import infoview.write.scalars as scalars
from infoview.model.errors import WriteError
from infoview.parse.frontmatter import load_frontmatter
from infoview.parse.note import parse_note
from infoview.write.frontmatter import (
    FrontmatterEditError,
    Link,
    Value,
    add_missing,
    append_to_list,
    format_value,
    set_fields,
)

BOM = b"\xef\xbb\xbf"


def props(data: bytes) -> dict[str, Any]:
    """The properties infoview reads from ``data`` (dates as ISO text, every key typed)."""
    note = parse_note("note.md", data, frozenset())
    assert note.frontmatter_ok
    return dict(note.frontmatter)


def read_back(value: Value) -> Any:
    """What infoview should read back for a value written by the module."""
    if isinstance(value, list):
        return [read_back(item) for item in value]
    if isinstance(value, Link):
        return f"[[{value.name}]]"
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def same(a: Any, b: Any) -> bool:
    """Equality that tells ``True`` from ``1``, ``1`` from ``1.0`` and minds the key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


# --- writing values ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "written"), [
    (Link("Jane Doe"), '"[[Jane Doe]]"'),
    (Link('Say "hi" \\ now'), '"[[Say \\"hi\\" \\\\ now]]"'),
    (dt.date(2026, 11, 25), "2026-11-25"),
    (dt.datetime(2026, 11, 25, 9, 30, 0, 123), "2026-11-25T09:30:00"),
    (dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30))),
     "2026-11-25T09:30:00-03:30"),
    (True, "true"), (False, "false"), (42, "42"), (-7, "-7"), (1.5, "1.5"), (1e16, "1.0e+16"),
    ("Jane Doe", "Jane Doe"), ("Acme, Inc.", "Acme, Inc."), ("C'est la vie", "C'est la vie"),
    ("Met at [[Acme]]", "Met at [[Acme]]"), ("a:b", "a:b"), ("naïve", "naïve"),
    ("", '""'), (" lead", '" lead"'), ("trail ", '"trail "'), ("a: b", '"a: b"'),
    ("a #b", '"a #b"'), ("ends:", '"ends:"'), ("-a", '"-a"'), ("[[Jane]]", '"[[Jane]]"'),
    ("#tag", '"#tag"'), ("@me", '"@me"'), ("%x", '"%x"'), ("`x`", '"`x`"'), ("*x", '"*x"'),
    ("'q'", "\"'q'\""), ('"q"', '"\\"q\\""'), ("{x}", '"{x}"'), ("!x", '"!x"'), ("|", '"|"'),
    ("yes", '"yes"'), ("No", '"No"'), ("true", '"true"'), ("NULL", '"NULL"'), ("~", '"~"'),
    ("0123", '"0123"'), ("12:30", '"12:30"'), ("1e3", '"1e3"'), ("0x1F", '"0x1F"'),
    ("0o17", '"0o17"'),
    ("2026-11-25", '"2026-11-25"'), (".5", '".5"'), ("-1", '"-1"'), (".inf", '".inf"'),
    ("two\nlines", '"two\\nlines"'), ("tab\there", '"tab\\there"'), ("nul\0", '"nul\\0"'),
    ("sep\u2028", '"sep\\L"'), ("bom\ufeff", '"bom\\uFEFF"'), ("bell\x07", '"bell\\x07"'),
    (["a", Link("B"), dt.date(2026, 1, 2)], '- a\n- "[[B]]"\n- 2026-01-02'), ([], "[]"),
])
def test_format_value_writes_obsidians_forms(value: Value, written: str) -> None:
    assert format_value(value) == written


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Link(""), Link("a]]b"),
                                   Link("two\nlines"), "\ud800",
                                   dt.datetime(2026, 1, 1, tzinfo=dt.timezone(
                                       dt.timedelta(seconds=30)))])
def test_format_value_refuses_what_a_note_cannot_hold(value: Value) -> None:
    with pytest.raises(FrontmatterEditError):
        format_value(value)


@pytest.mark.parametrize("value", [None, {"a": 1}, b"x", [["nested"]], [None], (1, 2)])
def test_format_value_rejects_other_types(value: Any) -> None:
    with pytest.raises(TypeError):
        format_value(value)


SCALARS = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="ab -:#'\"[]{},.0123456789eE+_~?!&*|>%@`\t\n", max_size=8),
    # what a name, a role or a URL is made of (the writer's fast path for plain text)
    st.text(alphabet="aéZßnoyONTf0_ .,'@+&/()=?%:~-\u00e0\u4e2d", min_size=1, max_size=10),
    st.builds(Link, st.text(alphabet=st.characters(exclude_characters="[]\n\r\x85\u2028\u2029",
                                                   exclude_categories=["Cs"]), min_size=1,
                            max_size=12).filter(str.strip)),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=5,
                                                                                   minutes=30)),
                                            dt.timezone(dt.timedelta(hours=-8))])),
    st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
)
ITEMS = st.one_of(st.text(max_size=12), st.builds(Link, st.sampled_from(["Jane", "Bob Roe"])),
                  st.dates())
VALUES = st.one_of(SCALARS, st.lists(ITEMS, max_size=3))


@settings(max_examples=300, deadline=None)
@given(value=VALUES)
def test_format_value_reads_back_as_the_value(value: Value) -> None:
    written = format_value(value)
    if isinstance(value, list) and value:
        text = "k:\n" + "\n".join("  " + line for line in written.split("\n"))
    else:
        text = f"k: {written}"
    assert same(load_frontmatter(text), {"k": read_back(value)})
    if isinstance(value, str):  # YAML 1.1 readers agree: text stays text
        assert yaml.safe_load(text) == {"k": value}
        try:
            plain_reads_back = yaml.safe_load(f"k: {value}") == {"k": value}
        except yaml.YAMLError:
            plain_reads_back = False
        plain = not written.startswith('"')
        assert plain or not plain_reads_back or value != value.strip() or not value or re.search(
            r"^[-?:,\[\]{}#&*!|>'\"%@`]|^\.\.\.|: | #|:$|[0-9]|[^\x20-\x7e\xa0-\ud7ff]|^(?i:yes|no|"
            r"on|off|true|false|null|~|y|n)$", value), f"{value!r} was quoted needlessly"


# --- set_fields: only the value changes ------------------------------------------------------


NOTE = (b"---\n"
        b"# Contact\n"
        b"name: 'Jane Doe'  # as she writes it\n"
        b"\n"
        b"company: \"[[Acme]]\"\n"
        b"tags: [a, 'b']\n"
        b"met:\n"
        b"  - 2026-01-02\n"
        b"thank_you_sent:\n"
        b"---\n"
        b"# Jane\n"
        b"\n"
        b"Met at [[Acme]].")


def test_set_replaces_only_the_value() -> None:
    assert set_fields(NOTE, {"thank_you_sent": dt.date(2026, 11, 25)}) == NOTE.replace(
        b"thank_you_sent:\n", b"thank_you_sent: 2026-11-25\n")


def test_set_keeps_a_trailing_comment_on_the_edited_line() -> None:
    assert set_fields(NOTE, {"name": "Jane Q. Doe"}) == NOTE.replace(
        b"name: 'Jane Doe'  # as she writes it", b"name: Jane Q. Doe  # as she writes it")


def test_set_adds_a_missing_key_at_the_end() -> None:
    assert set_fields(NOTE, {"referred_by": Link("Bob Roe"), "when": dt.datetime(
        2026, 11, 25, 9, 30)}) == NOTE.replace(
        b"thank_you_sent:\n", b"thank_you_sent:\nreferred_by: \"[[Bob Roe]]\"\n"
                              b"when: 2026-11-25T09:30:00\n")


def test_set_new_key_goes_after_trailing_comments_with_the_mappings_indentation() -> None:
    before = b"---\n  a: 1\n  b:\n    - x\n# end\n---\n"
    assert set_fields(before, {"c": "y z"}) == b"---\n  a: 1\n  b:\n    - x\n# end\n  c: y z\n---\n"


def test_set_quotes_a_key_that_needs_it() -> None:
    assert set_fields(b"---\na: 1\n---\n", {"due: soon": 1, "yes": 2}) == (
        b'---\na: 1\n"due: soon": 1\n"yes": 2\n---\n')


@pytest.mark.parametrize(("before", "after"), [
    # a block list indented, at the key's indentation, a block mapping, a multi-line scalar
    (b"a:\n  - x\n  - y # c\nb: 1\n", b"a: 2\nb: 1\n"),
    (b"a:\n- x\n- y\nb: 1\n", b"a: 2\nb: 1\n"),
    (b"a:\n  sub: 1\n  deep:\n    - x\n# after\nb: 1\n", b"a: 2\n# after\nb: 1\n"),
    (b"a: one\n  two\nb: 1\n", b"a: 2\nb: 1\n"),
    (b"a: \"one\n  two\"  # c\nb: 1\n", b"a: 2  # c\nb: 1\n"),
    (b"a: [x,\n  y]  # c\nb: 1\n", b"a: 2  # c\nb: 1\n"),
    (b"a: {x: 1}\nb: 1\n", b"a: 2\nb: 1\n"),
    # block scalars, with a comment in the header
    (b"a: |\n  line\n\n  more\nb: 1\n", b"a: 2\nb: 1\n"),
    (b"a: >- # folded\n  line\n  more\n\n# c\nb: 1\n", b"a: 2 # folded\n\n# c\nb: 1\n"),
    # a value on the next line, empty values, a comment on the key line
    (b"a:   # c\n  plain\nb: 1\n", b"a: 2   # c\nb: 1\n"),
    (b"a:\nb: 1\n", b"a: 2\nb: 1\n"),
    (b"a:    # c\nb: 1\n", b"a: 2    # c\nb: 1\n"),
    (b"a:\n  # nothing yet\nb: 1\n", b"a: 2\n  # nothing yet\nb: 1\n"),
    # quoted keys and spacing before the colon are kept
    (b"\"a\": x\nb: 1\n", b"\"a\": 2\nb: 1\n"),
    (b"'a'  :   x\nb: 1\n", b"'a'  :   2\nb: 1\n"),
])
def test_set_replaces_the_whole_value_in_every_form(before: bytes, after: bytes) -> None:
    assert set_fields(b"---\n" + before + b"---\nbody\n", {"a": 2}) == (
        b"---\n" + after + b"---\nbody\n")


def test_set_writes_a_list_as_a_block_list_keeping_the_comment() -> None:
    before = b"---\na: x # c\nb: 1\n---\n"
    assert set_fields(before, {"a": ["p", Link("Q")]}) == (
        b'---\na: # c\n  - p\n  - "[[Q]]"\nb: 1\n---\n')


def test_set_a_list_over_a_block_list_keeps_its_dash_style() -> None:
    before = b"---\na:\n    -   x\nb: 1\n---\n"
    assert set_fields(before, {"a": ["p", "q"]}) == b"---\na:\n    -   p\n    -   q\nb: 1\n---\n"


def test_set_an_empty_list() -> None:
    assert set_fields(b"---\na:\n  - x\n---\n", {"a": []}) == b"---\na: []\n---\n"


def test_set_touches_the_top_level_key_not_a_nested_one() -> None:
    before = b"---\ncompany:\n  name: Acme\nname: Jane\n---\n"
    assert set_fields(before, {"name": "Jo"}) == b"---\ncompany:\n  name: Acme\nname: Jo\n---\n"
    assert set_fields(before, {"sub": 1}) == before.replace(b"Jane\n", b"Jane\nsub: 1\n")


def test_crlf_is_kept_and_new_lines_use_it() -> None:
    before = b"---\r\na: 1\r\nb:\r\n  - x\r\n---\r\nbody\r\n"
    assert set_fields(before, {"a": 2, "c": ["w"]}) == (
        b"---\r\na: 2\r\nb:\r\n  - x\r\nc:\r\n  - w\r\n---\r\nbody\r\n")
    assert append_to_list(before, "b", ["z"]) == before.replace(b"x\r\n", b"x\r\n  - z\r\n")


def test_new_lines_use_the_frontmatters_first_line_ending() -> None:
    before = b"---\na: 1\r\n---\r\n"
    assert set_fields(before, {"b": 2}) == b"---\na: 1\r\nb: 2\n---\r\n"


def test_bom_blank_lines_and_a_missing_final_newline_are_kept() -> None:
    before = BOM + b"---\n\na: 1\n\n\nb: 2\n\n---"
    assert set_fields(before, {"b": 3}) == BOM + b"---\n\na: 1\n\n\nb: 3\n\n---"
    assert set_fields(before, {"c": 4}) == BOM + b"---\n\na: 1\n\n\nb: 2\n\nc: 4\n---"


def test_the_body_is_kept_byte_for_byte() -> None:
    body = b"\r\n# H\n---\nname: not frontmatter\r\n\xff\xfe bad bytes\n\n---  \nend"
    before = b"---\nname: x\n---" + body
    after = set_fields(before, {"name": "w"})
    assert after == b"---\nname: w\n---" + body


# --- a note without frontmatter gets one ---------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), [
    (b"", b"---\na: 1\n---\n"),
    (b"# Jane\n", b"---\na: 1\n---\n# Jane\n"),
    (b"no newline", b"---\na: 1\n---\nno newline"),
    (b"# Jane\nx\r\ny\n", b"---\r\na: 1\r\n---\r\n# Jane\nx\r\ny\n"),
    (BOM + b"# Jane\n", BOM + b"---\na: 1\n---\n# Jane\n"),
    (BOM, BOM + b"---\na: 1\n---\n"),
    (b"--- not a fence\n", b"---\na: 1\n---\n--- not a fence\n"),
    (b"----\n---\n", b"---\na: 1\n---\n----\n---\n"),
])
def test_a_note_without_frontmatter_gets_one(before: bytes, after: bytes) -> None:
    assert set_fields(before, {"a": 1}) == after


def test_an_empty_frontmatter_gets_the_key() -> None:
    assert set_fields(b"---\n---\nbody", {"a": 1}) == b"---\na: 1\n---\nbody"
    assert set_fields(b"---\n# c\n---\n", {"a": 1}) == b"---\n# c\na: 1\n---\n"


# --- idempotence -----------------------------------------------------------------------------


def test_setting_the_value_a_key_has_returns_the_input() -> None:
    assert set_fields(NOTE, {"name": "Jane Doe", "company": Link("Acme"),
                             "met": [dt.date(2026, 1, 2)], "tags": ["a", "b"]}) is NOTE
    once = set_fields(NOTE, {"thank_you_sent": dt.date(2026, 11, 25), "x": ["a"]})
    assert once != NOTE
    assert set_fields(once, {"thank_you_sent": dt.date(2026, 11, 25), "x": ["a"]}) is once
    assert append_to_list(once, "x", ["a"]) is once
    assert add_missing(once, {"x": ["b"], "name": "Other"}) is once


def test_a_value_that_reads_differently_is_rewritten() -> None:
    assert set_fields(b"---\na: 1\n---\n", {"a": 1.0}) == b"---\na: 1.0\n---\n"
    assert set_fields(b"---\na: 1\n---\n", {"a": True}) == b"---\na: true\n---\n"
    assert set_fields(b"---\na: 1\n---\n", {"a": "1"}) == b'---\na: "1"\n---\n'


# --- add_missing -------------------------------------------------------------------------------


def test_add_missing_fills_only_absent_or_empty_keys() -> None:
    before = b"---\na:\nb: ''\nc: []\nd: x  # keep\ne: 0\n---\n"
    after = add_missing(before, {"a": 1, "b": 2, "c": ["w"], "d": 4, "e": 5, "f": False})
    assert after == b"---\na: 1\nb: 2\nc:\n  - w\nd: x  # keep\ne: 0\nf: false\n---\n"


# --- append_to_list ----------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "items", "after"), [
    # block lists keep their indentation and dashes; comments after the list stay after it
    (b"a:\n  - x\n  - y # c\n# end\nb: 1\n", ["z"], b"a:\n  - x\n  - y # c\n  - z\n# end\nb: 1\n"),
    (b"a:\n- x\nb: 1\n", ["z", "w"], b"a:\n- x\n- z\n- w\nb: 1\n"),
    (b"a:\n    -   x\n", [dt.date(2026, 1, 2)], b"a:\n    -   x\n    -   2026-01-02\n"),
    # flow lists stay flow: a trailing comma, a comment inside, several lines
    (b"a: [x, 'y'] # c\n", ["z", "p q"], b"a: [x, 'y', z, p q] # c\n"),
    (b"a: [x, y,]\n", ["z"], b"a: [x, y, z,]\n"),
    (b"a: 'q'#x\n", ["z"], b"a: #x\n  - 'q'\n  - z\n"),
    (b"a: [\n  x, # one\n  y\n]\n", ["z"], b"a: [\n  x, # one\n  y, z\n]\n"),
    (b"a: [x]\n", ["p, q", Link("R")], b'a: [x, "p, q", "[[R]]"]\n'),
    (b"a: [1]\n", [2, True, 1.5, 1], b"a: [1, 2, true, 1.5]\n"),
    # missing or empty keys become a block list; a scalar becomes [old, new]
    (b"b: 1\n", [Link("Jane")], b'b: 1\na:\n  - "[[Jane]]"\n'),
    (b"a:\nb: 1\n", ["z"], b"a:\n  - z\nb: 1\n"),
    (b"a: []  # none\nb: 1\n", ["z"], b"a:  # none\n  - z\nb: 1\n"),
    (b"a: ''\n", ["z"], b"a:\n  - z\n"),
    (b"a: 'x' # c\n", ["z"], b"a: # c\n  - 'x'\n  - z\n"),
    (b"a: 2026-01-02\n", [dt.date(2026, 1, 3)], b"a:\n  - 2026-01-02\n  - 2026-01-03\n"),
])
def test_append_to_list(before: bytes, items: list[Value], after: bytes) -> None:
    assert append_to_list(b"---\n" + before + b"---\n", "a", items) == b"---\n" + after + b"---\n"


@pytest.mark.parametrize(("before", "items"), [
    (b"a:\n  - x\n", ["x"]),
    (b"a: [x, 2026-01-02]\n", ["x", dt.date(2026, 1, 2)]),
    (b"a:\n  - \"[[Jane Doe|Jane]]\"\n", [Link("jane doe"), Link("JANE DOE")]),
    (b"a: [[Jane Doe]]\n", [Link("Jane Doe")]),
    (b"a: x\n", ["x"]),
    (b"b: 1\n", []),
])
def test_append_skips_items_already_there(before: bytes, items: list[Value]) -> None:
    data = b"---\n" + before + b"---\n"
    assert append_to_list(data, "a", items) is data


def test_append_skips_duplicates_among_the_new_items() -> None:
    assert append_to_list(b"---\na:\n  - x\n---\n", "a", ["w", "w", Link("Z"), Link("z")]) == (
        b'---\na:\n  - x\n  - w\n  - "[[Z]]"\n---\n')


@pytest.mark.parametrize("before", [
    b"a:\n  b: 1\n",                    # a mapping
    b"a:\n  - b: 1\n",                  # a list of mappings
    b"a: [[x, y]]\n",                   # a list of lists
    b"a:\n  -\n    x\n",                # items not written `- value`
    b"a: |\n  two\n  lines\n",           # a scalar over several lines
    b"a: one\n  two\n",
])
def test_append_refuses_what_is_not_a_simple_list(before: bytes) -> None:
    with pytest.raises(FrontmatterEditError):
        append_to_list(b"---\n" + before + b"---\n", "a", ["z"])


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "message"), [
    (b"---\na: [\n---\n", "not valid YAML (line 3)"),
    (b"---\na: 1\n  b: 2\n---\n", "not valid YAML"),
    (b"---\n- a\n---\n", "not a list of `key: value`"),
    (b"---\njust text\n---\n", "not a list of `key: value`"),
    (b"---\nnull\n---\n", "not a list of `key: value`"),
    (b"---\n{a: 1}\n---\n", "{...} mapping"),
    (b"---\na: 1\na: 2\n---\n", "written 2 times"),
    (b"---\na: &x 1\nb: 2\n---\n", "anchors, aliases or tags"),
    (b"---\nb: &x 1\na: *x\n---\n", "anchors, aliases or tags"),
    (b"---\na: !!str 1\n---\n", "anchors, aliases or tags"),
    (b"---\na:\n  - &x 1\n---\n", "anchors, aliases or tags"),
    (b"---\nbase: &b {q: 1}\n<<: *b\n---\n", "merge key"),
    (b"---\n? a\n: 1\n---\n", "explicit `? key`"),
    (b"---\nb: 1\n?  # c\n---\n", "explicit `? key`"),
    (b"---\n&k a: 1\n---\n", "form infoview does not edit"),
    (b"---\na: 1\n", "never closed"),
    (b"---", "never closed"),
    (b"---\na: 1\r---\n", "lone CR"),
    (b"---\ra: 1\r---\r", "lone CR"),
    (b"---\na: \xff\n---\n", "not valid UTF-8"),
    (b"---\na: x\xc2\x85y\n---\n", "line or paragraph separator"),
    (b"---\na: x\xe2\x80\xa8y\n---\n", "line or paragraph separator"),
    (b"---\na: \x01\n---\n", "not valid YAML"),
])
def test_refuses_what_it_cannot_edit_safely(data: bytes, message: str) -> None:
    with pytest.raises(FrontmatterEditError, match=re.escape(message)) as caught:
        set_fields(data, {"a": 3})
    assert isinstance(caught.value, WriteError)  # an edit refused: the command could not do it
    assert caught.value.exit_code == 1


def test_duplicates_are_refused_even_when_nothing_would_change() -> None:
    with pytest.raises(FrontmatterEditError, match="written 2 times"):
        set_fields(b"---\na: 2\na: 3\n---\n", {"a": 3})


def test_refuses_bad_keys() -> None:
    with pytest.raises(FrontmatterEditError, match="cannot be empty"):
        set_fields(b"", {" ": 1})
    with pytest.raises(TypeError):
        set_fields(b"", {1: 1})  # type: ignore[dict-item]


# --- the safety net ----------------------------------------------------------------------------


def test_an_edit_that_does_not_read_back_is_refused() -> None:
    # After a `...` document end marker, an added key would start a second YAML document.
    with pytest.raises(FrontmatterEditError, match="would not read back"):
        set_fields(b"---\na: 1\n...\n---\n", {"b": 2})


@pytest.mark.parametrize("extra", ["\nc: 9", "\nb: 2", "\n  - 4", "\n# fine\nb: [2]"])
def test_a_wrong_splice_is_caught(monkeypatch: pytest.MonkeyPatch, extra: str) -> None:
    real = fe._entry
    monkeypatch.setattr(fe, "_entry", lambda *args: real(*args) + extra)
    with pytest.raises(FrontmatterEditError, match="exactly the intended change"):
        set_fields(b"---\na: 1\nb: 2\n---\n", {"a": 3})


def test_a_splice_that_would_touch_the_body_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fe._entry
    monkeypatch.setattr(fe, "_entry", lambda *args: real(*args) + "\n---\nextra")
    with pytest.raises(FrontmatterEditError, match="refusing to write"):
        set_fields(b"---\na: 1\n---\nbody\n", {"a": 3})


def test_a_value_that_reads_back_differently_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scalars, "plain_ok", lambda text, where: True)
    with pytest.raises(FrontmatterEditError, match="exactly the intended change"):
        set_fields(b"---\na: 1\n---\n", {"a": "12"})


# --- property tests ----------------------------------------------------------------------------

KEYS = ["name", "company", "tags", "met", "status", "notes", "x", "due date", "Role", "a_b", "n1"]
PLAIN = ["Acme", "Jane Doe", "42", "1.5", "2026-01-02", "true", "hello world", "a:b", "~",
         "2026-01-02T10:00:00", "'it''s'", '"say \\"hi\\""', '"[[Jane]]"', "[[Bob]]", "'0123'"]
FLOW_ITEMS = ["a", "'b c'", '"d"', "1", "2026-01-02", '"[[Jane]]"']
BLOCK_ITEMS = [*FLOW_ITEMS, "[[Bob]]", "'x # not a comment'"]
COMMENTS = st.sampled_from(["", "", " # c", "   #  note: x", " #"])


@dataclass
class Doc:
    data: bytes
    lines: list[bytes]
    """``data.split(b"\\n")``."""
    spans: dict[str, tuple[int, int]]
    """Each key's lines in ``lines``: ``[start, end)``."""
    kinds: dict[str, str]
    dashes: dict[str, str]
    comments: dict[str, str]
    fence: int
    """The index of the closing ``---`` line in ``lines``."""
    cr: bytes


@st.composite
def entries(draw: st.DrawFn, key: str) -> tuple[str, list[str], str, str]:
    """``(kind, lines, dash, comment)`` for one top-level entry."""
    written = draw(st.sampled_from([key, f"'{key}'", f'"{key}"']))
    kind = draw(st.sampled_from(["scalar", "empty", "flow", "block", "map", "literal", "plain2"]))
    comment = draw(COMMENTS)
    head = f"{written}:"
    if kind == "scalar":
        gap = draw(st.sampled_from([" ", "   "]))
        return kind, [f"{head}{gap}{draw(st.sampled_from(PLAIN))}{comment}"], "", comment
    if kind == "empty":
        return kind, [head + comment], "", comment
    if kind == "flow":
        items = draw(st.lists(st.sampled_from(FLOW_ITEMS), max_size=4))
        return kind, [f"{head} [{', '.join(items)}]{comment}"], "", comment
    if kind == "block":
        dash = draw(st.sampled_from(["", "  ", "    "])) + draw(st.sampled_from(["- ", "-   "]))
        lines = [head + comment]
        for item in draw(st.lists(st.sampled_from(BLOCK_ITEMS), min_size=1, max_size=4)):
            if draw(st.booleans()):
                lines.append(dash.split("-")[0] + "# between")
            lines.append(dash + item + draw(COMMENTS))
        return kind, lines, dash, comment
    if kind == "map":
        return kind, [head + comment, "  sub: 1 # s", "  deep:", "    - y", "  'q': [1]"], "", ""
    if kind == "literal":
        style = draw(st.sampled_from(["|", ">-", "|+"]))
        return kind, [f"{head} {style}{comment}", "  line one", "", "  line two"], "", comment
    return kind, [f"{head} first", "  second"], "", ""


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
    filler = st.lists(st.sampled_from(["", "# a comment", "#", "# name: commented out"]),
                      max_size=2)
    lines = ["---"]
    spans: dict[str, tuple[int, int]] = {}
    kinds: dict[str, str] = {}
    dashes: dict[str, str] = {}
    comments: dict[str, str] = {}
    for key in keys:
        lines += draw(filler)
        kinds[key], entry, dashes[key], comments[key] = draw(entries(key))
        spans[key] = (len(lines), len(lines) + len(entry))
        lines += entry
    lines += draw(filler)
    fence = len(lines)
    lines.append("---" + draw(st.sampled_from(["", "  "])))
    text = nl.join(lines)
    body = draw(st.sampled_from(["", "# Jane", "Met at [[Acme]].\n\n---\nmore", "é ---"]))
    text += draw(st.sampled_from(["", nl])) if not body else nl + body + draw(
        st.sampled_from(["", nl]))
    data = (BOM if draw(st.booleans()) else b"") + text.encode()
    return Doc(data, data.split(b"\n"), spans, kinds, dashes, comments, fence,
               b"\r" if nl == "\r\n" else b"")


def changed(old: list[bytes], new: list[bytes]) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: the lines that differ after the common prefix and suffix."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, len(old) - end, len(new) - end


def body_of(data: bytes) -> bytes:
    return data[data.index(b"\n---", 3) + 4:]


def expected_lines(key: str, value: Value) -> list[str]:
    """The lines a new ``key: value`` should take (without line endings)."""
    written = format_value(value)
    if isinstance(value, list) and value:
        return [f"{key}:", *("  " + line for line in written.split("\n"))]
    return [f"{key}: {written}"]


@settings(max_examples=300, deadline=None)
@given(doc=documents(), data=st.data())
def test_setting_an_existing_key_changes_only_its_lines(doc: Doc, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(sorted(doc.spans)))
    value = data.draw(VALUES)
    old = props(doc.data)
    after = set_fields(doc.data, {key: value})
    assert same(props(after), {**old, key: read_back(value)})
    assert body_of(after) == body_of(doc.data)
    assert after.startswith(BOM) == doc.data.startswith(BOM)
    new_lines = after.split(b"\n")
    start, old_end, _ = changed(doc.lines, new_lines)
    first, last = doc.spans[key]
    if start < old_end:
        assert first <= start and old_end <= last, "lines outside the entry changed"
    if doc.comments[key] and doc.kinds[key] not in ("map", "plain2"):
        assert doc.comments[key].encode() in new_lines[first], "the key line's comment was lost"
    assert set_fields(after, {key: value}) is after


@settings(max_examples=300, deadline=None)
@given(doc=documents(), key=st.text(min_size=1, max_size=12).filter(str.strip), value=VALUES)
def test_setting_a_new_key_adds_its_lines_before_the_closing_fence(doc: Doc, key: str,
                                                                    value: Value) -> None:
    old = props(doc.data)
    if key in old:
        return
    after = set_fields(doc.data, {key: value})
    assert same(props(after), {**old, key: read_back(value)})
    written_key = format_value(key)
    added = [line.encode() + doc.cr for line in expected_lines(written_key, value)]
    assert after.split(b"\n") == doc.lines[:doc.fence] + added + doc.lines[doc.fence:]


@settings(max_examples=300, deadline=None)
@given(doc=documents(), data=st.data())
def test_appending_changes_only_the_list(doc: Doc, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(sorted(doc.spans)))
    fresh: list[Value] = data.draw(st.lists(st.sampled_from(["new one", "z: z", Link("Newbie")]),
                                            min_size=1, max_size=3, unique=True))
    old = props(doc.data)
    current = old[key]
    kind = doc.kinds[key]
    repeat = [item for item in current if isinstance(item, str)][:1] \
        if isinstance(current, list) else []
    if kind in ("map", "literal", "plain2"):
        with pytest.raises(FrontmatterEditError):
            append_to_list(doc.data, key, fresh)
        return
    after = append_to_list(doc.data, key, [*repeat, *fresh])
    have = [] if current in (None, "", []) else current if isinstance(current, list) \
        else [current]
    assert same(props(after), {**old, key: have + [read_back(item) for item in fresh]})
    assert body_of(after) == body_of(doc.data)
    new_lines = after.split(b"\n")
    first, last = doc.spans[key]
    if kind == "block":
        dash = doc.dashes[key].encode()
        added = [dash + format_value(item).encode() + doc.cr for item in fresh]
        assert new_lines == doc.lines[:last] + added + doc.lines[last:]
    elif kind == "flow" and current:
        start, old_end, new_end = changed(doc.lines, new_lines)
        assert (start, old_end, new_end) == (first, first + 1, first + 1)
    else:
        start, old_end, _ = changed(doc.lines, new_lines)
        assert first <= start and old_end <= last
    assert append_to_list(after, key, fresh) is after


@settings(max_examples=300, deadline=None)
@given(body=st.text(alphabet="ab -#\n\r:", max_size=30), bom=st.booleans(), value=VALUES)
def test_a_note_without_frontmatter_gets_exactly_one(body: str, bom: bool, value: Value) -> None:
    data = (BOM if bom else b"") + body.encode()
    note = parse_note("n.md", data)
    if note.frontmatter or re.match(r"---[ \t]*(\r|\n|$)", body):
        return
    after = set_fields(data, {"key": value})
    nl = "\r\n" if b"\r\n" in data else "\n"
    fence = "".join(line + nl for line in ["---", *expected_lines("key", value), "---"])
    assert after == (BOM if bom else b"") + fence.encode() + body.encode()


FRAGMENTS = ["", "x", "'q'", '"d"', "[a, b]", "{k: v}", "|", ">-", "&a 1", "*a", "!!str 1",
             "[[L]]", "2026-01-02", "1", "~", "a b", '"multi', 'line"', "[", "]", "a: b", "-",
             "..."]
LINES = st.builds("".join, st.tuples(
    st.sampled_from(["", "", "", "  ", "    ", "\t"]), st.sampled_from(["", "", "", "- "]),
    st.sampled_from(["", "a: ", "b: ", "a:", "'a': ", '"b" : ', "? ", ": ", "<<: ", "c: "]),
    st.sampled_from(FRAGMENTS), st.sampled_from(["", "", " # c", "#x"])))
YAMLISH = st.one_of(
    st.tuples(st.lists(LINES, max_size=8), st.sampled_from(["\n", "\r\n"])).map(
        lambda pair: pair[1].join(pair[0])),
    st.text(alphabet="ab: -#'\"[]{},|>&*!\n\r\t\x85é1", max_size=60))


@settings(max_examples=300, deadline=None)
@given(fm=YAMLISH, body=st.sampled_from(["", "\n", "\nbody", "\r\nbody\r\n"]),
       bom=st.booleans(), value=VALUES)
def test_any_note_is_edited_correctly_or_refused(fm: str, body: str, bom: bool,
                                                 value: Value) -> None:
    data = (BOM if bom else b"") + f"---\n{fm}\n---{body}".encode()
    for append in (False, True):
        try:
            after = append_to_list(data, "a", ["new"]) if append else set_fields(data, {"a": value})
        except FrontmatterEditError:
            continue
        old = props(data)
        if after is data:
            if append:
                assert old["a"] == "new" or (isinstance(old["a"], list) and "new" in old["a"])
            else:
                assert same(old["a"], read_back(value))
            continue
        new = props(after)
        assert list(new)[:len(old)] == list(old)
        assert all(same(new[k], old[k]) for k in old if k != "a")
        assert set(new) - set(old) <= {"a"}
        if append:
            have = old.get("a")
            have = [] if have in (None, "", [], {}) else have if isinstance(have, list) else [have]
            assert same(new["a"], [*have, "new"])
        else:
            assert same(new["a"], read_back(value))
        assert parse_note("n.md", after).body == parse_note("n.md", data).body
        assert after.endswith(body.encode())
