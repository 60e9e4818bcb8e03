"""Where the frontmatter is (:mod:`infoview.parse.fence`): one answer for the parser, the
frontmatter editor and the template filler, which each found it their own way before."""

from __future__ import annotations

import re

import pytest
from helpers import DAY
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.parse.fence import Frontmatter, find_frontmatter, is_fence, opens_frontmatter
from infoview.parse.note import parse_note
from infoview.write.frontmatter import FrontmatterEditError, set_fields
from infoview.write.templates import render_template


@pytest.mark.parametrize(("text", "found"), [
    ("---\na: 1\n---\nbody\n", Frontmatter(0, 3, 4, 9, 12, "\n")),
    ("---\r\na: 1\r\n---\r\nbody\r\n", Frontmatter(0, 3, 5, 11, 14, "\r\n")),
    ("---\ra: 1\r---\rbody", Frontmatter(0, 3, 4, 9, 12, "\r")),
    ("\ufeff---\na: 1\n---\n", Frontmatter(1, 4, 5, 10, 13, "\n")),
    ("--- \t\na: 1\n---  \nbody", Frontmatter(0, 5, 6, 11, 16, "\n")),
    ("---\n---\n", Frontmatter(0, 3, 4, 4, 7, "\n")),
    ("---\na: 1\n---", Frontmatter(0, 3, 4, 9, 12, "\n")),
    ("---\na: 1\n----\n---\n", Frontmatter(0, 3, 4, 14, 17, "\n")),
    ("---\na: 1\n --- \n---\n", Frontmatter(0, 3, 4, 15, 18, "\n")),
])
def test_where_the_frontmatter_is(text: str, found: Frontmatter) -> None:
    assert find_frontmatter(text) == found
    fence = find_frontmatter(text.encode())  # the bytes of an ASCII note: the same offsets
    assert fence == found._replace(bom=3 * found.bom, opening=found.opening + 2 * found.bom,
                                   start=found.start + 2 * found.bom,
                                   end=found.end + 2 * found.bom, body=found.body + 2 * found.bom)
    assert opens_frontmatter(text)


@pytest.mark.parametrize(("text", "opens"), [
    ("", False), ("body\n---\na: 1\n---\n", False), ("----\na: 1\n---\n", False),
    ("--- x\na: 1\n---\n", False), (" ---\na: 1\n---\n", False), ("\n---\na: 1\n---\n", False),
    ("\ufeff\ufeff---\na: 1\n---\n", False), ("---", True), ("---\na: 1\n", True),
    ("---\na: 1\n--- x\n", True), ("---\na: 1\n\ufeff---\n", True),
])
def test_no_frontmatter(text: str, opens: bool) -> None:
    assert find_frontmatter(text) is None
    assert find_frontmatter(text.encode()) is None
    assert opens_frontmatter(text) is opens
    assert opens_frontmatter(text.encode()) is opens


def test_a_fence_line() -> None:
    assert is_fence("---") and is_fence("--- \t")
    assert not is_fence("----") and not is_fence(" ---") and not is_fence("--- x")


def by_lines(text: str) -> tuple[int, int] | None:
    """The frontmatter's first and closing line numbers, read line by line: the rule as written
    (a line ends at LF, CRLF or a lone CR)."""
    lines = [line.rstrip("\r\n") for line in re.split(r"(?<=\n)|(?<=\r)(?!\n)", text)]
    if len(lines) < 2 or not re.fullmatch(r"---[ \t]*", lines[0].removeprefix("\ufeff")):
        return None
    return next(((1, n) for n in range(1, len(lines)) if re.fullmatch(r"---[ \t]*", lines[n])),
                None)


@settings(max_examples=500, deadline=None)
@given(lines=st.lists(st.sampled_from(["---", "--- ", "----", "---x", "a: 1", "", " ---"]),
                      max_size=20),
       newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans(), mixed=st.booleans(),
       last=st.booleans())
def test_the_fence_is_where_the_rule_says(lines: list[str], newline: str, bom: bool,
                                          mixed: bool, last: bool) -> None:
    breaks = [("\n" if mixed and n % 3 == 1 else newline) for n in range(len(lines))]
    if breaks and not last:
        breaks[-1] = ""
    text = ("\ufeff" if bom else "") + "".join(
        line + nl for line, nl in zip(lines, breaks, strict=True))
    fence, expected = find_frontmatter(text), by_lines(text)
    if expected is None:
        assert fence is None
        return
    assert fence is not None
    line_of = lambda at: len(re.split(r"(?<=\n)|(?<=\r)(?!\n)", text[:at])) - 1  # noqa: E731
    assert (line_of(fence.start), line_of(fence.end)) == expected
    assert find_frontmatter(text.encode()) is not None


NOTES = st.lists(st.sampled_from(["---", "--- ", "----", "a: 1", "b: [x", "", "# h", " ---"]),
                 max_size=6)


@settings(max_examples=300, deadline=None)
@given(lines=NOTES, newline=st.sampled_from(["\n", "\r\n", "\r"]), bom=st.booleans())
def test_the_parser_reads_the_frontmatter_the_fence_finds(lines: list[str], newline: str,
                                                          bom: bool) -> None:
    text = ("\ufeff" if bom else "") + newline.join(lines)
    note = parse_note("n.md", text.encode())
    fence = find_frontmatter(text)
    if fence is None:
        assert note.frontmatter == {} and note.body == text.removeprefix("\ufeff").replace(
            "\r\n", "\n").replace("\r", "\n")
    else:
        assert note.body == text[fence.body:].replace("\r\n", "\n").replace("\r", "\n")
    unclosed = any("never closed" in p.message for p in note.problems)
    assert unclosed is (fence is None and opens_frontmatter(text))


# --- the once-disagreeing case: a lone CR ends a line for every one of them -----------------


def test_a_template_with_lone_cr_line_ends_gets_its_title_quoted() -> None:
    template = "---\rname: {{title}}\rtype: contact\r---\r# {{title}}\r"
    out = render_template(template, title="a: b", today=DAY)
    assert out == '---\rname: "a: b"\rtype: contact\r---\r# a: b\r'
    assert parse_note("x.md", out.encode()).frontmatter == {"name": "a: b", "type": "contact"}


def test_a_template_with_lone_cr_line_ends_cannot_close_early() -> None:
    with pytest.raises(Exception, match="would become a --- line"):
        render_template("---\rname: x\r{{date:[---]}}\r---\r", title="x", today=DAY)
    out = render_template("a\r{{title}}\rb\r---\r", title="---", today=DAY)
    assert out == "a\r\\---\rb\r---\r"


@pytest.mark.parametrize("data", [b"---\ra: 1\r---\rbody", b"---\na: 1\n---\rbody\n"])
def test_the_editor_finds_the_frontmatter_and_refuses_lone_cr(data: bytes) -> None:
    assert parse_note("n.md", data).frontmatter == {"a": 1}
    with pytest.raises(FrontmatterEditError, match="lone CR"):
        set_fields(data, {"a": 2})


@pytest.mark.parametrize("data", [b"---\r\na: 1\r\n---\r\nbody\r\n", b"\xef\xbb\xbf---\na: 1\n---",
                                  b"---\na: 1\n---  \n\rbody\r\n"])
def test_the_editor_edits_what_the_parser_reads(data: bytes) -> None:
    edited = set_fields(data, {"a": 2})
    assert parse_note("n.md", edited).frontmatter == {"a": 2}
    fence, after = find_frontmatter(data), find_frontmatter(edited)
    assert fence is not None and after is not None
    assert edited[after.body:] == data[fence.body:]


class _ObsidianYAMLHandler:
    """python-frontmatter's YAML handler with Obsidian's exact fence: what the parser used
    before :mod:`infoview.parse.fence`, kept here as the reference for LF text."""

    def __init__(self) -> None:
        from frontmatter.default_handlers import YAMLHandler

        class Handler(YAMLHandler):  # type: ignore[misc]
            FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)

        self.handler = Handler()

    def split(self, text: str) -> tuple[str, str] | None:
        if not self.handler.detect(text):
            return None
        try:
            fm, body = self.handler.split(text)
        except ValueError:  # never closed
            return None
        return fm, body


_LINES = st.lists(st.sampled_from(["---", "--- ", "----", " ---", "a: 1", "", "text", "-- -",
                                   "---\t", "b: [1, 2]"]), max_size=8)


@given(_LINES)
@settings(max_examples=300, deadline=None)
def test_lf_text_is_split_as_python_frontmatter_splits_it(lines: list[str]) -> None:
    """On LF text (what the parser sees), the fence is where python-frontmatter's YAML handler,
    given Obsidian's fence, finds it."""
    text = "\n".join(lines)
    expected = _ObsidianYAMLHandler().split(text)
    fence = find_frontmatter(text)
    if expected is None:
        assert fence is None
        return
    assert fence is not None
    assert (text[fence.opening:fence.end], text[fence.body:]) == expected
