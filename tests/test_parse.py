"""The pure parser (``parse_note``: bytes in, ``Note`` out) on every bad input it must survive.

Problems are never raised: they are recorded on the note with the line of the *file* (counting
the frontmatter, a BOM and CRLF line endings as a text editor does), and whatever could be read
is kept.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.model.note import Link, Note
from infoview.model.values import as_date
from infoview.parse.frontmatter import FrontmatterLoader
from infoview.parse.note import parse_note


def parse(source: str | bytes, path: str = "Contacts/Jane Doe.md") -> Note:
    return parse_note(path, source.encode("utf-8") if isinstance(source, str) else source)


def links(note: Note) -> list[tuple[str, str, str, bool, int]]:
    """``(target, subpath, alias, embed, line)`` of every link, in order."""
    return [(k.target, k.subpath, k.alias, k.embed, k.line) for k in note.links]


def body_links(note: Note) -> list[tuple[str, int]]:
    return [(k.target, k.line) for k in note.links if k.source == "body"]


def problems(note: Note) -> list[tuple[int | None, str]]:
    return [(p.line, p.kind) for p in note.problems]


# --- encodings and line endings ------------------------------------------------------------------


def test_bom_is_not_part_of_the_frontmatter_fence() -> None:
    note = parse("\ufeff---\nname: Jane Doe\nrole: Engineer\n---\nMet at [[Acme]].\n")
    assert note.frontmatter == {"name": "Jane Doe", "role": "Engineer"}
    assert note.problems == []
    assert note.key_lines == {"name": 2, "role": 3}
    assert body_links(note) == [("Acme", 5)]


def test_bom_without_frontmatter() -> None:
    note = parse("\ufeff# Jane\n[[Acme]]\n")
    assert note.frontmatter == {}
    assert note.problems == []
    assert [(h.text, h.line) for h in note.headings] == [("Jane", 1)]
    assert body_links(note) == [("Acme", 2)]
    assert "\ufeff" not in note.body


def test_crlf_lines_are_counted_like_an_editor_does() -> None:
    text = (
        "\ufeff---\r\n"                     # 1
        "name: Jane Doe\r\n"                # 2
        'company: "[[Acme]]"\r\n'           # 3
        "---\r\n"                           # 4
        "\r\n"                              # 5
        "## Questions\r\n"                  # 6
        "- [ ] What does [[Globex]] do?\r\n"  # 7
        "- second\r\n"                      # 8
        "\r\n"                              # 9
        "status:: contacted\r\n"            # 10
    )
    note = parse(text)
    assert note.problems == []
    assert note.frontmatter == {"name": "Jane Doe", "company": "[[Acme]]"}
    assert links(note) == [("Acme", "", "", False, 3), ("Globex", "", "", False, 7)]
    assert [(h.text, h.line) for h in note.headings] == [("Questions", 6)]
    assert [(i.text, i.line, i.task) for i in note.items] == [
        ("What does [[Globex]] do?", 7, " "), ("second", 8, None),
    ]
    assert [(f.key, f.value, f.line) for f in note.fields] == [("status", "contacted", 10)]
    assert "\r" not in note.body


def test_old_mac_line_endings() -> None:
    note = parse("---\rname: Jane\r---\rline 4\r[[Acme]]\r")
    assert note.frontmatter == {"name": "Jane"}
    assert body_links(note) == [("Acme", 5)]


# --- where frontmatter is, and is not -----------------------------------------------------------


@pytest.mark.parametrize("source", [b"", b"\n", b"\n\n   \n", b"\xef\xbb\xbf"])
def test_empty_file(source: bytes) -> None:
    note = parse(source)
    assert (note.frontmatter, note.problems, note.frontmatter_ok) == ({}, [], True)
    assert (note.headings, note.items, note.links, note.fields) == ([], [], [], [])
    assert note.body.strip() == ""


@pytest.mark.parametrize("end", ["---\n", "---", "---\n\n", "---\r\n", "--- \n"])
def test_frontmatter_only(end: str) -> None:
    note = parse(f"---\ntype: contact\nname: Jane Doe\n{end}")
    assert note.frontmatter == {"type": "contact", "name": "Jane Doe"}
    assert note.problems == []
    assert note.body.strip() == ""
    assert (note.headings, note.items, note.links) == ([], [], [])


@pytest.mark.parametrize("source", ["---\n---\nBody [[A]]\n", "---\n# only a comment\n---\n"])
def test_empty_frontmatter_block(source: str) -> None:
    note = parse(source)
    assert (note.frontmatter, note.problems, note.frontmatter_ok) == ({}, [], True)


def test_later_thematic_break_and_second_block_are_body() -> None:
    text = (
        "---\n"                 # 1
        "name: Jane\n"          # 2
        "---\n"                 # 3
        "Intro\n"               # 4
        "\n"                    # 5
        "---\n"                 # 6 a thematic break
        "\n"                    # 7
        "---\n"                 # 8 looks like a second frontmatter block
        "role: Engineer\n"      # 9
        "---\n"                 # 10
        "See [[Acme]]\n"        # 11
    )
    note = parse(text)
    assert note.frontmatter == {"name": "Jane"}
    assert note.problems == []
    assert "role: Engineer" in note.body
    assert "Intro" in note.body
    assert body_links(note) == [("Acme", 11)]


@pytest.mark.parametrize("prefix", ["\n", " ", "Title\n\n", "\ufeff\n"])
def test_frontmatter_not_on_line_one_is_body(prefix: str) -> None:
    note = parse(f"{prefix}---\nname: Jane\n---\n[[Acme]]\n")
    assert note.frontmatter == {}
    assert note.frontmatter_ok
    assert "name: Jane" in note.body
    assert body_links(note) == [("Acme", 4 + prefix.count("\n"))]


def test_four_dashes_do_not_open_frontmatter() -> None:
    note = parse("----\nname: Jane\n----\n[[Acme]]\n")
    assert note.frontmatter == {}
    assert note.problems == []
    assert body_links(note) == [("Acme", 4)]


def test_unclosed_frontmatter_is_reported_and_read_as_body() -> None:
    note = parse("---\ntype: contact\nname: Jane\n\nMet at [[Acme]].\n- an item\n")
    assert note.frontmatter == {}
    assert problems(note) == [(1, "error")]
    assert "never closed" in note.problems[0].message
    assert "name: Jane" in note.body
    assert body_links(note) == [("Acme", 5)]
    assert [(i.text, i.line) for i in note.items] == [("an item", 6)]


# --- bytes that are not UTF-8 ---------------------------------------------------------------------


def test_bad_bytes_in_body_reported_with_line_rest_still_parsed() -> None:
    source = b"---\nname: Jane\n---\nline 4\nbad \xff\xfe here [[Acme]]\n- item [[Globex]]\n"
    note = parse(source)
    assert problems(note) == [(5, "error")]
    assert "UTF-8" in note.problems[0].message
    assert note.frontmatter == {"name": "Jane"}
    assert body_links(note) == [("Acme", 5), ("Globex", 6)]
    assert [(i.text, i.line) for i in note.items] == [("item [[Globex]]", 6)]
    assert "\ufffd" in note.body


def test_latin1_frontmatter_reported_on_its_line() -> None:
    source = "---\ntype: contact\nname: René\ncompany: \"[[Acme]]\"\n---\n".encode("latin-1")
    note = parse(source)
    assert problems(note) == [(3, "error")]
    assert note.frontmatter["name"] == "Ren\ufffd"
    assert note.frontmatter["company"] == "[[Acme]]"
    assert note.frontmatter_ok


def test_bad_bytes_after_crlf_lines_and_bom() -> None:
    source = b"\xef\xbb\xbf---\r\nname: Jane\r\n---\r\n\r\n\x80\r\n"
    note = parse(source)
    assert problems(note) == [(5, "error")]
    assert note.frontmatter == {"name": "Jane"}


def test_utf16_file_does_not_crash() -> None:
    note = parse("---\nname: Jane\n---\n[[Acme]]\n".encode("utf-16"))
    assert problems(note)[0] == (1, "error")
    assert "UTF-8" in note.problems[0].message


# --- big files ------------------------------------------------------------------------------------


def test_huge_body_is_indexed_quickly_with_a_warning() -> None:
    body = "A line of notes about [[Acme]] and `code`:\n- item [[Globex]]\n" * 85_000
    source = ("---\ntype: contact\nname: Big\n---\n" + body).encode()
    assert len(source) > 5_000_000
    started = time.perf_counter()
    note = parse(source)
    elapsed = time.perf_counter() - started
    assert note.frontmatter == {"type": "contact", "name": "Big"}
    assert [(p.line, p.kind) for p in note.problems] == [(5, "warning")]  # the body's start
    assert "million characters" in note.problems[0].message
    assert elapsed < 3.0, f"{elapsed:.2f}s"


def test_dense_body_under_the_size_limit_is_still_quick() -> None:
    # one 0.3 MB paragraph full of links and code spans: structure is parsed, in linear time
    body = "word [[A]] `c` " * 19_000
    started = time.perf_counter()
    note = parse("---\nname: Dense\n---\n" + body)
    elapsed = time.perf_counter() - started
    assert note.problems == []
    assert len(note.links) == 19_000
    assert {k.line for k in note.links} == {4}
    assert elapsed < 10.0, f"{elapsed:.2f}s"  # it was 35 s when line numbers were quadratic


def test_many_lines_under_the_size_limit_have_the_right_lines() -> None:
    body = "".join(f"Line {n} [[Note {n}]]\n\n" for n in range(9_000))
    note = parse("---\nname: Many\n---\n" + body)
    assert note.problems == []
    assert len(note.links) == 9_000
    assert all(k.line == 4 + 2 * n and k.target == f"Note {n}" for n, k in enumerate(note.links))


# --- invalid frontmatter: reported with the file line ---------------------------------------------


@pytest.mark.parametrize(
    ("frontmatter", "line"),
    [
        ("type: contact\nname: Jane\n  role: indented\n", 4),      # mapping in a scalar
        ("type: contact\nname: Jane\nemail: a: b\n", 4),            # a second ': ' on a line
        ("type: contact\ntags:\n\t- person\n", 4),                  # a tab as indentation
        ("type: contact\nname: Jane\n- stray item\n", 4),           # a list item in a mapping
        ("type: contact\nname: Jane\nrole\nemail: j@x.example\n", 4),  # a key with no colon
        ("type: contact\nrole: !custom x\n", 3),                    # an unknown tag
        ("type: contact\nrole: *nowhere\n", 3),                     # an undefined alias
        ("type: contact\nname: Jane\nrole: `Engineer`\n", 4),       # a backtick
        ("type: contact\nname: 'Jane's'\n", 3),                     # a quote inside quotes
    ],
)
def test_invalid_yaml_reported_with_the_file_line(frontmatter: str, line: int) -> None:
    note = parse(f"---\n{frontmatter}---\nBody [[Acme]]\n")
    assert problems(note) == [(line, "error")]
    assert note.problems[0].message.startswith("invalid frontmatter")
    assert note.frontmatter == {}
    assert not note.frontmatter_ok
    assert [k.target for k in note.links] == ["Acme"], "the body is still read"


@pytest.mark.parametrize(
    ("frontmatter", "line"),
    [
        ('type: contact\nname: "Jane\nrole: x\n', 3),       # a quote never closed
        ("type: contact\ntags: [person, friend\n", 3),    # a bracket never closed
        ("type: contact\nname: {first: Jane\n", 3),       # a brace never closed
    ],
)
def test_unclosed_quote_or_bracket_points_at_where_it_opens(frontmatter: str, line: int) -> None:
    note = parse(f"---\n{frontmatter}---\nBody\n")
    assert problems(note) == [(line, "error")]
    assert not note.frontmatter_ok


def test_invalid_yaml_line_counts_bom_and_crlf() -> None:
    note = parse("\ufeff---\r\ntype: contact\r\nname: Jane\r\nemail: a: b\r\n---\r\n")
    assert problems(note) == [(4, "error")]


@pytest.mark.parametrize(
    "value", ["2026-02-30", "2026-13-01", "!!int twelve", "1" + "0" * 5000],
)
def test_value_that_cannot_be_built_is_reported_with_its_line(value: str) -> None:
    note = parse(f"---\ntype: interview\ncontact: \"[[Jane]]\"\ndate: {value}\n---\n")
    assert problems(note) == [(4, "error")]
    assert note.problems[0].message.startswith("invalid frontmatter")
    assert not note.frontmatter_ok


@pytest.mark.parametrize(
    ("frontmatter", "line"),
    [("- Jane\n- Acme\n", 2), ("just a sentence\n", 2), ("42\n", 2), ('"text"\n', 2)],
)
def test_frontmatter_that_is_not_a_mapping(frontmatter: str, line: int) -> None:
    note = parse(f"---\n{frontmatter}---\nBody [[Acme]]\n")
    assert problems(note) == [(line, "error")]
    assert note.frontmatter == {}
    assert not note.frontmatter_ok
    assert body_links(note) == [("Acme", 2 + frontmatter.count("\n") + 1)]


@pytest.mark.parametrize(
    ("frontmatter", "placeholder", "line"),
    [
        ("type: interview\ncontact: \"[[Jane]]\"\ndate: {{date}}\n", "{{date}}", 4),
        ("type: contact\nname: {{title}}\n", "{{title}}", 3),
        ("type: contact\nlast_contact: {{date:YYYY-MM-DD}}\n", "{{date:YYYY-MM-DD}}", 3),
        ("type: contact\ntags:\n  - person\n  - {{date}}\n", "{{date}}", 5),
        ("type: contact\nname: Jane\nrole: x\nmet: {{date}} {{time}}\n", "{{date}}", 5),
    ],
)
def test_template_placeholder_reported_as_such(frontmatter: str, placeholder: str,
                                               line: int) -> None:
    note = parse(f"---\n{frontmatter}---\n# {{{{title}}}}\n")
    assert problems(note) == [(line, "error")]
    message = note.problems[0].message
    assert "placeholder" in message
    assert placeholder in message
    assert not note.frontmatter_ok


def test_placeholder_in_the_body_is_only_text() -> None:
    note = parse("---\nname: Jane\n---\nWritten on {{date}} about {{title}}.\n")
    assert note.problems == []
    assert note.frontmatter == {"name": "Jane"}


# --- values: YAML 1.1 surprises do not corrupt text -----------------------------------------------


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ("phone: 0123", "phone", "0123"),
        ("phone: +15551234567", "phone", "+15551234567"),
        ("phone: 555_1234", "phone", "555_1234"),
        ("phone: 5551234", "phone", "5551234"),
        ("name: no", "name", "no"),
        ("name: Yes", "name", "Yes"),
        ("name: off", "name", "off"),
        ("name: 1.50", "name", "1.50"),
        ("name: 1e3", "name", "1e3"),
        ("name: 0x1F", "name", "0x1F"),
        ("name: .inf", "name", ".inf"),
        ("name: true", "name", "true"),
        ("name: 2026-11-24", "name", "2026-11-24"),
        ("role: 12:30", "role", "12:30"),
        ("company: 3M", "company", "3M"),
        ("postal: 12:30", "postal", "12:30"),
        ("postal: 01234", "postal", "01234"),
        ("answer: no", "answer", "no"),
        ("answer: y", "answer", "y"),
        ("aliases: [no, 0123, 1.50]", "aliases", ["no", "0123", "1.50"]),
        ("duration: 30", "duration", 30),
        ("duration: 1.5", "duration", 1.5),
        ("size: -20", "size", -20),
        ("prepared: true", "prepared", True),
        ("prepared: False", "prepared", False),
    ],
)
def test_values_are_read_as_meant(line: str, key: str, expected: object) -> None:
    note = parse(f"---\ntype: contact\n{line}\n---\n")
    assert note.problems == []
    value = note.frontmatter[key]
    assert value == expected
    assert type(value) is type(expected), f"{value!r} is a {type(value).__name__}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-24", "2026-11-24"),
        ('"2026-11-24"', "2026-11-24"),
        ("2026-11-24T23:30:00-08:00", "2026-11-24T23:30:00-08:00"),
        ("2026-11-24T00:30:00+14:00", "2026-11-24T00:30:00+14:00"),
        ("2026-11-24 23:45:00 -05:00", None),
        ("2026-11-24T10:00:00", "2026-11-24T10:00:00"),
        ("2026-11-24T23:59:59Z", None),
        ("2026-11-24 14:30", "2026-11-24 14:30"),
    ],
)
def test_dates_keep_their_day(value: str, expected: str | None) -> None:
    note = parse(f"---\ntype: interview\ndate: {value}\n---\n")
    assert note.problems == []
    stored = note.frontmatter["date"]
    assert isinstance(stored, str)
    if expected is not None:
        assert stored == expected
    assert stored.startswith("2026-11-24")
    assert as_date(stored) == dt.date(2026, 11, 24)


def test_date_times_keep_their_time() -> None:
    note = parse("---\ndate: 2026-11-24T23:30:00-08:00\nlocal: 2026-11-24T14:30:00\n---\n")
    assert note.frontmatter["date"].startswith("2026-11-24T23:30")
    assert note.frontmatter["local"] == "2026-11-24T14:30:00"


def test_empty_values_are_kept_as_empty() -> None:
    note = parse("---\ntype: contact\nname:\nrole: ''\ntags: []\n---\n")
    assert note.problems == []
    assert note.frontmatter == {"type": "contact", "name": None, "role": "", "tags": []}


# --- wikilinks ------------------------------------------------------------------------------------


def test_wikilinks_in_every_obsidian_form() -> None:
    text = (
        "---\n"                                                        # 1
        "name: Jane\n"                                                 # 2
        "---\n"                                                        # 3
        "# Meeting with [[Jane Doe]]\n"                                # 4
        "Plain [[A]], aliased [[A|b]], heading [[A#H]], block [[A#^id1]].\n"  # 5
        "Embed ![[img.png]], both [[A#H|b]] and self [[#Local]].\n"    # 6
        "Spread over\n"                                                # 7
        "two lines [[Second]].\n"                                      # 8
        "\n"                                                           # 9
        "| Who | Link |\n"                                              # 10
        "|-----|------|\n"                                             # 11
        "| one | [[T\\|alias]] |\n"                                    # 12
        "| two | [[U#H\\|u]] and [[V]] |\n"                             # 13
        "\n"                                                           # 14
        "> quoted [[Q]]\n"                                             # 15
        "- item [[L1]]\n"                                              # 16
        "  - nested [[L2]]\n"                                          # 17
    )
    note = parse(text)
    assert note.problems == []
    assert links(note) == [
        ("Jane Doe", "", "", False, 4),
        ("A", "", "", False, 5),
        ("A", "", "b", False, 5),
        ("A", "H", "", False, 5),
        ("A", "^id1", "", False, 5),
        ("img.png", "", "", True, 6),
        ("A", "H", "b", False, 6),
        ("", "Local", "", False, 6),
        ("Second", "", "", False, 8),
        ("T", "", "alias", False, 12),
        ("U", "H", "u", False, 13),
        ("V", "", "", False, 13),
        ("Q", "", "", False, 15),
        ("L1", "", "", False, 16),
        ("L2", "", "", False, 17),
    ]
    assert {k.source for k in note.links} == {"body"}


def test_no_links_inside_code() -> None:
    text = (
        "---\n"                                     # 1
        "name: Jane\n"                              # 2
        "---\n"                                     # 3
        "Inline `[[Code1]]` and ``[[Code2]] ` `` then [[Real1]].\n"  # 4
        "A span `over\n"                            # 5
        "[[Code3]] two lines` ends.\n"              # 6
        "\n"                                        # 7
        "```\n"                                     # 8
        "[[Code4]]\n"                               # 9
        "```\n"                                     # 10
        "\n"                                        # 11
        "~~~python\n"                               # 12
        "x = '[[Code5]]'\n"                         # 13
        "~~~\n"                                     # 14
        "\n"                                        # 15
        "    [[Code6]] indented\n"                  # 16
        "\n"                                        # 17
        "- item\n"                                  # 18
        "\n"                                        # 19
        "  ```\n"                                   # 20
        "  [[Code7]]\n"                             # 21
        "  ```\n"                                   # 22
        "\n"                                        # 23
        "Unclosed ` backtick [[Real2]]\n"           # 24
    )
    note = parse(text)
    assert body_links(note) == [("Real1", 4), ("Real2", 24)]


def test_unclosed_fence_hides_the_rest() -> None:
    note = parse("[[Before]]\n\n```\n[[Inside]]\n")
    assert body_links(note) == [("Before", 1)]


def test_frontmatter_links_have_their_key_line() -> None:
    text = (
        "---\n"                                # 1
        "type: interview\n"                    # 2
        'company: "[[Acme]]"\n'                # 3
        "contact:\n"                           # 4
        '  - "[[Jane Doe]]"\n'                 # 5
        '  - "[[Sam Ortiz|Sam]]"\n'            # 6
        "referrals: ['[[Priya]]', '[[Daniel#Notes]]']\n"  # 7
        "note: see [[Globex]] too\n"           # 8
        "date: 2026-11-24\n"                   # 9
        "---\n"                                # 10
        "Body [[Acme]]\n"                      # 11
    )
    note = parse(text)
    assert note.problems == []
    assert [(k.source, k.target, k.subpath, k.alias, k.line) for k in note.links] == [
        ("company", "Acme", "", "", 3),
        ("contact", "Jane Doe", "", "", 4),
        ("contact", "Sam Ortiz", "", "Sam", 4),
        ("referrals", "Priya", "", "", 7),
        ("referrals", "Daniel", "Notes", "", 7),
        ("note", "Globex", "", "", 8),
        ("body", "Acme", "", "", 11),
    ]
    assert note.frontmatter["contact"] == ["[[Jane Doe]]", "[[Sam Ortiz|Sam]]"]


def test_frontmatter_link_lines_with_comments_and_quoted_keys() -> None:
    text = (
        "\ufeff---\r\n"                       # 1
        "# a comment\r\n"                     # 2
        "\r\n"                                # 3
        '"company": "[[Acme]]"\r\n'           # 4
        "'referred_by': \"[[Maya]]\"\r\n"     # 5
        "---\r\n"
    )
    note = parse(text)
    assert [(k.source, k.target, k.line) for k in note.links] == [
        ("company", "Acme", 4), ("referred_by", "Maya", 5),
    ]


def test_key_lines_are_where_yaml_read_each_key() -> None:
    text = (
        "---\n"                                  # 1
        "name : Jane\n"                          # 2  (a space before the colon)
        "notes: |\n"                             # 3
        "  company: not a key\n"                 # 4
        "? company\n"                            # 5  (an explicit key)
        ': "[[Acme]]"\n'                         # 6
        "name: Again\n"                          # 7  (repeated: the first line is kept)
        "2024: a number as a key\n"              # 8
        "---\n"
    )
    note = parse(text)
    assert note.key_lines == {"name": 2, "notes": 3, "company": 5, "2024": 8}
    assert [(k.source, k.target, k.line) for k in note.links] == [("company", "Acme", 5)]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="![]|#x \n`", max_size=40))
def test_fast_wikilink_finder_agrees_with_the_pattern(text: str) -> None:
    from infoview.model.wikilinks import WIKILINK_RE, has_wikilink, iter_wikilinks

    expected = [(m.start(), bool(m[1]), m[2]) for m in WIKILINK_RE.finditer(text)]
    assert list(iter_wikilinks(text)) == expected
    assert has_wikilink(text) == bool(expected)


# --- headings, list items, tasks, inline fields ---------------------------------------------------


def test_headings_and_the_section_of_each_item() -> None:
    text = (
        "---\n"                    # 1
        "type: interview\n"        # 2
        "---\n"                    # 3
        "- before any heading\n"   # 4
        "# Call with Jane\n"       # 5
        "## Questions\n"           # 6
        "- What is a day like?\n"  # 7
        "- How did you start?\n"   # 8
        "\n"                       # 9
        "Referrals\n"              # 10
        "---------\n"              # 11 a setext heading
        "* [[Priya]] at Globex\n"  # 12
        "### Next steps ###\n"     # 13
        "1. Send thanks\n"         # 14
        "```\n"                    # 15
        "# not a heading\n"        # 16
        "- not an item\n"          # 17
        "```\n"                    # 18
    )
    note = parse(text)
    assert [(h.level, h.text, h.line) for h in note.headings] == [
        (1, "Call with Jane", 5), (2, "Questions", 6), (2, "Referrals", 10),
        (3, "Next steps", 13),
    ]
    assert [(i.text, i.line, i.section) for i in note.items] == [
        ("before any heading", 4, ""),
        ("What is a day like?", 7, "Questions"),
        ("How did you start?", 8, "Questions"),
        ("[[Priya]] at Globex", 12, "Referrals"),
        ("Send thanks", 14, "Next steps"),
    ]
    # A section runs to the next heading of its level or higher: sub-headings belong to it.
    assert [i.text for i in note.section_items("referrals")] == [
        "[[Priya]] at Globex", "Send thanks"]
    assert [i.text for i in note.section_items("Questions")] == [
        "What is a day like?", "How did you start?"]
    assert [i.text for i in note.section_items("Call with Jane")] == [
        i.text for i in note.items[1:]]


def test_tasks() -> None:
    text = (
        "## Next steps\n"                    # 1
        "- [ ] Send a thank-you note\n"      # 2
        "- [x] Connect on LinkedIn\n"        # 3
        "- [X] Read their blog\n"            # 4
        "* [ ] star bullet\n"                # 5
        "1. [ ] numbered task\n"             # 6
        "- [-] cancelled\n"                  # 7
        "- [link] not a task\n"              # 8
        "- [[Jane]] not a task either\n"     # 9
    )
    note = parse(text)
    assert [(i.text, i.line, i.task) for i in note.items] == [
        ("Send a thank-you note", 2, " "),
        ("Connect on LinkedIn", 3, "x"),
        ("Read their blog", 4, "X"),
        ("star bullet", 5, " "),
        ("numbered task", 6, " "),
        ("cancelled", 7, "-"),
        ("[link] not a task", 8, None),
        ("[[Jane]] not a task either", 9, None),
    ]


def test_nested_list_items() -> None:
    text = (
        "## Referrals\n"                       # 1
        "- [[Priya Raman]]\n"                  # 2
        "  - works at [[Globex]]\n"            # 3
        "    1. deeper\n"                      # 4
        "       - deepest\n"                   # 5
        "- Sam Ortiz (Recruiter, Initech)\n"   # 6
        "  continued on a second line\n"       # 7
        "\n"                                   # 8
        "  second paragraph of Sam\n"          # 9
    )
    note = parse(text)
    assert [(i.text, i.line, i.depth, i.section) for i in note.items] == [
        ("[[Priya Raman]]", 2, 0, "Referrals"),
        ("works at [[Globex]]", 3, 1, "Referrals"),
        ("deeper", 4, 2, "Referrals"),
        ("deepest", 5, 3, "Referrals"),
        ("Sam Ortiz (Recruiter, Initech)\ncontinued on a second line", 6, 0, "Referrals"),
    ]
    assert body_links(note) == [("Priya Raman", 2), ("Globex", 3)]


def test_inline_fields() -> None:
    text = (
        "---\n"                                            # 1
        "type: interview\n"                                # 2
        "---\n"                                            # 3
        "referral:: [[Kenji Watanabe]]\n"                  # 4
        "\n"                                               # 5
        "- next step:: call back\n"                        # 6
        "- [ ] due:: 2026-12-01\n"                         # 7
        "\n"                                               # 8
        "Met [mood:: great] and (medium:: video) today.\n"  # 9
        "\n"                                               # 10
        "Not `code:: field` in a span.\n"                  # 11
        "\n"                                               # 12
        "```\n"                                            # 13
        "fenced:: field\n"                                 # 14
        "```\n"                                            # 15
    )
    note = parse(text)
    assert [(f.key, f.value, f.line) for f in note.fields] == [
        ("referral", "[[Kenji Watanabe]]", 4),
        ("next step", "call back", 6),
        ("due", "2026-12-01", 7),
        ("mood", "great", 9),
        ("medium", "video", 9),
    ]
    assert body_links(note) == [("Kenji Watanabe", 4)]
    assert note.frontmatter == {"type": "interview"}


# --- properties: whatever the input, parse_note returns and every line is in the file -----------


def line_count(data: bytes) -> int:
    """Lines of the file as an editor counts them (``\\r\\n``, ``\\r`` and ``\\n`` end a line)."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.count("\n") + 1


def check_lines(data: bytes, note: Note) -> None:
    count = line_count(data)
    for link in note.links:
        assert 1 <= link.line <= count, link
    for item in note.items:
        assert 1 <= item.line <= count, item
    for heading in note.headings:
        assert 1 <= heading.line <= count, heading
    for field in note.fields:
        assert 1 <= field.line <= count, field
    for problem in note.problems:
        assert problem.line is None or 1 <= problem.line <= count, problem
    lines = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines_list = lines.removeprefix("\ufeff").split("\n")
    for link in note.links:
        if link.source == "body":
            assert "[[" in lines_list[link.line - 1], (link, lines_list)


PIECES = st.sampled_from([
    "---", "\n", "\r\n", "\r", " ", "  ", "    ", "\t", "[[", "]]", "|", "\\|", "#", "^", "!",
    "`", "```", "~~~", "- ", "* ", "1. ", "[ ] ", "[x] ", "> ", "key:: ", "[k:: v]", ": ",
    "{{date}}", "name: Jane", "'", '"', "\ufeff", "A", "b", "é", "\x00", "<div>", "|---|",
])
MARKDOWNISH = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.text(max_size=400), frontmatter=st.booleans())
def test_any_text_body_parses(body: str, frontmatter: bool) -> None:
    data = (("---\nname: Jane\n---\n" if frontmatter else "") + body).encode("utf-8",
                                                                         "surrogatepass")
    note = parse_note("Any.md", data)
    check_lines(data, note)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_any_bytes_parse(data: bytes) -> None:
    note = parse_note("Any.md", data)
    check_lines(data, note)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MARKDOWNISH)
def test_any_markdownish_text_parses(text: str) -> None:
    data = text.encode("utf-8")
    note = parse_note("Any.md", data)
    check_lines(data, note)
    assert all(isinstance(k, Link) and "\n" not in k.target for k in note.links)


def test_frontmatter_only_parse_skips_the_body_structure() -> None:
    data = b'---\nname: Jane\nco: "[[Acme]]"\n---\n# H\n- [ ] task [[Bob]]\nk:: v\n'
    full = parse_note("a.md", data)
    light = parse_note("a.md", data, structure=False)
    assert (light.frontmatter, light.body, light.frontmatter_ok, light.key_lines) == (
        full.frontmatter, full.body, full.frontmatter_ok, full.key_lines)
    assert [k.target for k in light.links] == ["Acme"]  # the frontmatter's links only
    assert (light.headings, light.items, light.fields) == ([], [], [])
    assert full.headings and full.items and full.fields



class _ReferenceLoader(FrontmatterLoader):
    """The frontmatter loader with PyYAML's own, general resolve()."""

    resolve = yaml.resolver.BaseResolver.resolve  # type: ignore[assignment]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet="0123456789+-._:eE~nNtTfFyYoO<=ab xZ'\"[]", max_size=8),
                max_size=4))
def test_the_fast_resolver_types_values_as_pyyaml_does(values: list[str]) -> None:
    text = "".join(f"k{i}: {v}\n" for i, v in enumerate(values)) + "l:\n" + "".join(
        f"  - {v}\n" for v in values)
    try:
        reference = yaml.load(text, Loader=_ReferenceLoader)
    except (yaml.YAMLError, ValueError):  # ValueError: '._' resolves as a float, then is none
        with pytest.raises((yaml.YAMLError, ValueError)):
            yaml.load(text, Loader=FrontmatterLoader)
        return
    assert repr(yaml.load(text, Loader=FrontmatterLoader)) == repr(reference)
