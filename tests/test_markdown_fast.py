"""The fast block scanner must agree with markdown-it on every document it accepts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.parse.body import markdown_blocks, parse_body
from infoview.parse.body_fast import fast_blocks

WORDS = st.sampled_from([
    "word", "two words", "[[Link]]", "[[A|b]]", "`code [[x]]`", "key:: value", "#tag", "1.5",
    "-foo", "*em*", "[ ] task", "[x] done", "trailing #", "#", "a  ", "\\- escaped", "x",
    "[[A\\|b]]", "2. not", "1) one", "- dash", "10.",
])
TEXT = st.lists(WORDS, min_size=0, max_size=3).map(" ".join)
MARKERS = st.sampled_from(["-", "*", "+", "1.", "2.", "1)", "10.", "999999999."])
SPECIAL = st.sampled_from([
    "---", "***", "===", "- - -", "```", "~~~", "> quote", "<div>", "| a | b |", "|---|---|",
    "\tx", "[x]: /url", "    code", "-", "1.", "+ ", "#", "# ", "## H ##", "####### seven",
])


@st.composite
def lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["blank", "heading", "item", "item", "text", "text", "special"]))
    indent = " " * draw(st.integers(0, 9))
    if kind == "blank":
        return draw(st.sampled_from(["", "  "]))
    if kind == "heading":
        return draw(st.sampled_from(["", " ", "  "])) + "#" * draw(st.integers(1, 7)) + " " + \
            draw(TEXT) + draw(st.sampled_from(["", " #", " ##", "#"]))
    if kind == "item":
        return indent + draw(MARKERS) + " " * draw(st.integers(0, 6)) + draw(TEXT)
    if kind == "text":
        return indent + draw(TEXT)
    return indent[:draw(st.integers(0, 4))] + draw(SPECIAL)


DOCUMENTS = st.lists(lines(), min_size=1, max_size=14).map("\n".join)


@st.composite
def plain_lines(draw: st.DrawFn) -> str:
    """Lines of the kinds the fast path accepts, so that most documents exercise it."""
    kind = draw(st.sampled_from(["blank", "heading", "item", "item", "item", "text", "text"]))
    indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 3, 4, 5, 6]))
    if kind == "blank":
        return ""
    if kind == "heading":
        return "#" * draw(st.integers(1, 3)) + " " + draw(TEXT)
    if kind == "item":
        return indent + draw(MARKERS) + " " * draw(st.sampled_from([1, 1, 1, 2, 3])) + \
            draw(TEXT.filter(bool))
    return indent + draw(TEXT)


PLAIN_DOCUMENTS = st.lists(plain_lines(), min_size=1, max_size=14).map("\n".join)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(DOCUMENTS, PLAIN_DOCUMENTS))
def test_fast_path_agrees_with_markdown_it(document: str) -> None:
    fast = fast_blocks(document)
    if fast is not None:
        assert fast == markdown_blocks(document)


def test_fast_path_takes_ordinary_notes() -> None:
    note = (
        "## Questions\n\n- What does a week look like?\n- How did you start in [[Data]]?\n"
        "  - and why `this` stack?\n\n## Notes\n\nMet at [[Blue Bottle]], talked about the\n"
        "team.\n\n## Referrals\n\n- [[Priya Raman]] — Director at [[Globex]]\n"
        "1. Sam Ortiz (Recruiter, Initech)\n\n## Next steps\n\n- [ ] Send thank-you\n"
        "referral:: [[Kim]]\n"
    )
    assert fast_blocks(note) is not None
    assert fast_blocks(note) == markdown_blocks(note)
    body = parse_body(note, 1)
    assert [i.text for i in body.items if i.section == "Referrals"] == [
        "[[Priya Raman]] — Director at [[Globex]]", "Sam Ortiz (Recruiter, Initech)"]


def test_code_and_quotes_go_through_markdown_it() -> None:
    for text in ("```\n[[x]]\n```\n", "> - [[q]]\n", "a\n---\n", "\t- tab\n"):
        assert fast_blocks(text) is None
