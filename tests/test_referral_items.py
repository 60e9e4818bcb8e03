"""Reading one referral item: the person, role and company in each documented shape, contact
details wherever they are, what is kept in ``note``, when an item names nobody; and, as
properties, that it never raises, loses no word and normalises LinkedIn URLs idempotently."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from infoview.model.linkedin import find_linkedin, linkedin_url
from infoview.plugins.referrals.items import ReferralItem, parse_referral

FIELDS = ("name", "link", "role", "company", "company_link", "email", "phone", "linkedin", "note")


def parsed(text: str) -> ReferralItem:
    item = parse_referral(text)
    assert item is not None, text
    return item


def check(text: str, **expected: Any) -> None:
    """The item's fields: those given as expected, the others empty."""
    item = parsed(text)
    got = {k: getattr(item, k) for k in FIELDS}
    want = {k: "" if k == "note" else None for k in FIELDS} | expected
    assert got == want, text
    assert item.text == text.strip()


# -- the brief's examples ----------------------------------------------------------------------

def test_the_five_examples() -> None:
    check("[[Priya Raman]] — Director of Engineering at [[Globex]], priya@globex.example",
          name="Priya Raman", link="Priya Raman", role="Director of Engineering",
          company="Globex", company_link="Globex", email="priya@globex.example")
    check("Sam Ortiz (Recruiter, Initech)", name="Sam Ortiz", role="Recruiter", company="Initech")
    check("Lee Park, CTO, Acme — +1 555 010 2030 — https://www.linkedin.com/in/leepark/",
          name="Lee Park", role="CTO", company="Acme", phone="+1 555 010 2030",
          linkedin="https://www.linkedin.com/in/leepark")
    check("[[Ana Lima|Ana]] at Stripe (ana@stripe.example) — says she loves coffee chats",
          name="Ana Lima", link="Ana Lima", company="Stripe", email="ana@stripe.example",
          note="says she loves coffee chats")
    check("Talk to Dana Wu from the data team", name="Dana Wu", note="Talk to … from the data team")


# -- shape 1: NAME — ROLE at COMPANY -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Priya Raman — Director of Engineering at Globex",
    "Priya Raman – Director of Engineering at Globex",
    "Priya Raman - Director of Engineering at Globex",
    "Priya Raman, Director of Engineering at Globex",
    "Priya Raman: Director of Engineering at Globex",
    "Priya Raman — Director of Engineering @ Globex",
    "Priya Raman — Director of Engineering from Globex",
    "Priya Raman Director of Engineering at Globex",
    "  Priya   Raman —  Director of Engineering   at  Globex  ",
])
def test_name_dash_role_at_company(text: str) -> None:
    check(text, name="Priya Raman", role="Director of Engineering", company="Globex")


def test_name_dash_role_at_company_variations() -> None:
    check("[[Priya Raman]] — Engineering Manager at [[Companies/Globex|Globex]]",
          name="Priya Raman", link="Priya Raman", role="Engineering Manager", company="Globex",
          company_link="Companies/Globex")
    check("José Álvarez — senior data scientist at Mercado Libre. Met at PyCon.",
          name="José Álvarez", role="senior data scientist", company="Mercado Libre",
          note="Met at PyCon.")
    check("Ludwig van Beethoven — Principal Composer at [[Vienna Phil]], lvb@wien.example",
          name="Ludwig van Beethoven", role="Principal Composer", company="Vienna Phil",
          company_link="Vienna Phil", email="lvb@wien.example")
    check("Priya — VP Product at AT&T — +44 20 7946 0958 — knows the hiring team",
          name="Priya", role="VP Product", company="AT&T", phone="+44 20 7946 0958",
          note="knows the hiring team")
    check("Priya — Head of [[Payments]] at Bank of America",
          name="Priya", role="Head of [[Payments]]", company="Bank of America")


# -- shape 2: NAME (ROLE, COMPANY) / NAME (X) ---------------------------------------------------

@pytest.mark.parametrize(("text", "role", "company", "company_link"), [
    ("Sam Ortiz (Recruiter, Initech)", "Recruiter", "Initech", None),
    ("Sam Ortiz (Recruiter at Initech)", "Recruiter", "Initech", None),
    ("Sam Ortiz (Initech, Recruiter)", "Recruiter", "Initech", None),
    ("Sam Ortiz (Recruiter, [[Initech]])", "Recruiter", "Initech", "Initech"),
    ("Sam Ortiz ([[Initech]])", None, "Initech", "Initech"),
    ("Sam Ortiz (Initech)", None, "Initech", None),
    ("Sam Ortiz (Bank of America)", None, "Bank of America", None),
    ("Sam Ortiz (recruiter)", "recruiter", None, None),
    ("Sam Ortiz (Technical Recruiter)", "Technical Recruiter", None, None),
    ("Sam Ortiz (CEO)", "CEO", None, None),
    ("Sam Ortiz (Recruiter) at Initech", "Recruiter", "Initech", None),
    ("[[Sam Ortiz]] (Recruiter, Initech)", "Recruiter", "Initech", None),
])
def test_name_parenthesis(text: str, role: str | None, company: str | None,
                          company_link: str | None) -> None:
    item = parsed(text)
    assert (item.name, item.role, item.company, item.company_link) == (
        "Sam Ortiz", role, company, company_link)
    assert item.note == ""


def test_a_parenthesis_that_is_neither_role_nor_company_is_note() -> None:
    check("Sam Ortiz (ex-colleague of mine)", name="Sam Ortiz", note="(ex-colleague of mine)")
    check("Sam Ortiz (she is great)", name="Sam Ortiz", note="(she is great)")


def test_parenthesis_keeps_unread_parts_and_emptied_brackets_vanish() -> None:
    check("Mary-Jane O'Neil (Head of Design, [[Figma]], met 2019)", name="Mary-Jane O'Neil",
          role="Head of Design", company="Figma", company_link="Figma", note="met 2019")
    check("Mary-Jane O'Neil (mj@figma.example)", name="Mary-Jane O'Neil",
          email="mj@figma.example")


# -- shape 3: NAME, ROLE, COMPANY ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "extra"), [
    ("Lee Park, CTO, Acme", "Lee Park", {}),
    ("Lee Park, CTO, [[Acme]]", "Lee Park", {"company_link": "Acme"}),
    ("Lee Park, CTO, Acme, lee@acme.example", "Lee Park", {"email": "lee@acme.example"}),
    ("Lee Park, CTO, Acme, met at the meetup", "Lee Park", {"note": "met at the meetup"}),
    ("lee@acme.example, Lee Park, CTO, Acme", "Lee Park", {"email": "lee@acme.example"}),
    ("Lee Park, CTO, Acme — (555) 010-2030", "Lee Park", {"phone": "(555) 010-2030"}),
    ("Łukasz Żak, CTO, Acme", "Łukasz Żak", {}),
    ("Ahmed al-Hassan, CTO, Acme", "Ahmed al-Hassan", {}),
    ("J. R. Park, CTO, Acme", "J. R. Park", {}),
])
def test_name_role_company(text: str, name: str, extra: dict[str, str]) -> None:
    check(text, name=name, role="CTO", company="Acme", **extra)


def test_name_company_then_role_or_other() -> None:
    check("Ahmed al-Hassan, VP Sales, Bank of America", name="Ahmed al-Hassan", role="VP Sales",
          company="Bank of America")
    check("Sam Ortiz, Initech", name="Sam Ortiz", company="Initech")
    check("Sam Ortiz, Initech, Boston", name="Sam Ortiz", company="Initech", note="Boston")
    check("Sam Ortiz, Recruiter", name="Sam Ortiz", role="Recruiter")


# -- shape 4: NAME at/from/@ COMPANY ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ana Lima at Stripe", "Ana Lima from Stripe", "Ana Lima @ Stripe", "Ana Lima At Stripe",
    "[[Ana Lima]] at Stripe", "[[People/Ana Lima.md]] at Stripe", "Intro to Ana Lima at Stripe",
    "Ana Lima at Stripe.", "Ana Lima @Stripe",
])
def test_name_at_company(text: str) -> None:
    item = parsed(text)
    assert (item.name, item.company, item.role) == ("Ana Lima", "Stripe", None)


def test_name_at_company_variations() -> None:
    check("Sam Ortiz at [[Initech]]", name="Sam Ortiz", company="Initech", company_link="Initech")
    check("Sam Ortiz @ [[Initech]] next week", name="Sam Ortiz", company="Initech",
          company_link="Initech", note="next week")
    check("Ana at Google Cloud, ana@google.example", name="Ana", company="Google Cloud",
          email="ana@google.example")
    check("Ana at Stripe, Engineer", name="Ana", company="Stripe", role="Engineer")
    check("Ana at McKinsey & Company", name="Ana", company="McKinsey & Company")
    check("Ana at Acme Inc.", name="Ana", company="Acme Inc.")
    check("Ana at 5pm", name="Ana", note="at 5pm")
    check("Ana from the data team", name="Ana", note="from the data team")
    check("[[Ana Lima]] from [[Stripe|the payments company]]", name="Ana Lima", link="Ana Lima",
          company="Stripe", company_link="Stripe", note="the payments company")


# -- shape 5: NAME, ROLE at COMPANY -------------------------------------------------------------

def test_name_role_at_company() -> None:
    check("Sam, Recruiter at [[Initech]]", name="Sam", role="Recruiter", company="Initech",
          company_link="Initech")
    check("Sam Ortiz, technical recruiter at Initech (met at the meetup)", name="Sam Ortiz",
          role="technical recruiter", company="Initech", note="(met at the meetup)")
    check("Sam Ortiz, Recruiter @ Initech, sam@initech.example, 555-010-2030",
          name="Sam Ortiz", role="Recruiter", company="Initech", email="sam@initech.example",
          phone="555-010-2030")
    check("Dr. Sam Ortiz, Staff Engineer at Initech", name="Dr. Sam Ortiz",
          role="Staff Engineer", company="Initech")


# -- the person ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Ludwig van Beethoven", "Ludwig van Beethoven"),
    ("Mary-Jane O'Neil", "Mary-Jane O'Neil"),
    ("Mary-Jane O’Neil", "Mary-Jane O’Neil"),
    ("José Álvarez", "José Álvarez"),
    ("J.R.R. Tolkien", "J.R.R. Tolkien"),
    ("Dana Wu.", "Dana Wu"),
    ("Leonardo da Vinci, Painter", "Leonardo da Vinci"),
    ("Talk to Dana Wu", "Dana Wu"),
    ("talk with Dana Wu", "Dana Wu"),
    ("Reach out to Dana Wu", "Dana Wu"),
    ("ASK Dana Wu", "Dana Wu"),
    ("Contact: Dana Wu", "Dana Wu"),
    ("Meet Dana Wu", "Dana Wu"),
    ("Intro to Dana Wu", "Dana Wu"),
    ("Θεόδωρος Αγγελόπουλος", "Θεόδωρος Αγγελόπουλος"),
    ("王伟 at Tencent", "王伟"),
    ("Sam Ortiz Recruiter at Initech", "Sam Ortiz"),
])
def test_leading_names(text: str, name: str) -> None:
    assert parsed(text).name == name


def test_the_first_wikilink_is_the_person_without_a_leading_name() -> None:
    check("Check [[Dana Wu]] later", name="Dana Wu", link="Dana Wu", note="Check … later")
    check("maybe ask [[Dana Wu]] about it", name="Dana Wu", link="Dana Wu",
          note="maybe ask … about it")
    check("Note: [[Dana Wu]] is great", name="Dana Wu", link="Dana Wu", note="Note … is great")
    check("![[photo.png]] [[Dana Wu]]", name="Dana Wu", link="Dana Wu", note="![[photo.png]]")
    check("[[People/Dana Wu.md#Work|Dee]]", name="Dana Wu", link="People/Dana Wu.md",
          note="Work Dee")
    assert parsed("[[Ana Lima|Ana]]").note == ""


def test_prefixes_are_dropped() -> None:
    for prefix in ("[ ] ", "[x] ", "[X] ", "referral:: ", "Referral:: ", "- ", "- [ ] ",
                   "[x] referral:: ", "referral:: [ ] "):
        check(prefix + "Sam Ortiz (Initech)", name="Sam Ortiz", company="Initech")


@pytest.mark.parametrize("text", [
    "", "   ", "[ ] ", "referral:: ", "Talk to", "https://example.com/people/Sam",
    "www.example.com", "priya@globex.example", "mailto:priya@globex.example",
    "+1 555 010 2030", "https://www.linkedin.com/in/leepark/",
    "she said to call her brother", "talk to someone on the data team",
    "The recruiter at Initech", "Maybe later", "2024-05-01", "— Recruiter at Initech",
    "![[photo.png]]", "[[#Heading]]",
])
def test_no_plausible_person(text: str) -> None:
    assert parse_referral(text) is None


# -- contact details -----------------------------------------------------------------------------

@pytest.mark.parametrize("phone", [
    "+1 555 010 2030", "555-010-2030", "(555) 010-2030", "555.010.2030", "+44 20 7946 0958",
    "07700 900123", "0123 456", "+33 (0)1 23 45 67 89", "5550102030",
])
def test_phones_anywhere(phone: str) -> None:
    for text in (f"Sam Ortiz {phone}", f"Sam Ortiz — {phone} — Initech",
                 f"Sam Ortiz ({phone})", f"{phone} Sam Ortiz"):
        item = parsed(text)
        assert (item.name, item.phone) == ("Sam Ortiz", phone), text
        assert re.sub(r"[^\d]", "", item.note) == ""


def test_dates_and_short_numbers_are_not_phones() -> None:
    for text in ("Sam Ortiz, met 2024-05-01", "Sam Ortiz 2019-2020", "Sam Ortiz, 12.05.2024",
                 "Sam Ortiz, room 1234", "Sam Ortiz v1.2.3.4.5.6.7",
                 "Sam Ortiz https://example.com/12345678"):
        item = parsed(text)
        assert item.phone is None, text
        assert item.note.replace(" ", "") in text.replace(" ", ""), text


def normalised(text: str) -> str | None:
    """The first LinkedIn profile URL in ``text``, in its one form (what a referral keeps)."""
    found = find_linkedin(text)
    return None if found is None else found.url


@pytest.mark.parametrize(("url", "slug"), [
    ("https://www.linkedin.com/in/leepark/", "leepark"),
    ("http://linkedin.com/in/leepark", "leepark"),
    ("linkedin.com/in/leepark", "leepark"),
    ("www.linkedin.com/in/LeePark?trk=public_profile", "leepark"),
    ("https://uk.linkedin.com/in/lee-park-1a2b3c/", "lee-park-1a2b3c"),
    ("https://de.linkedin.com/in/lee-park#about", "lee-park"),
    ("<https://www.linkedin.com/in/jos%C3%A9-p>", "jos%C3%A9-p"),
    ("https://www.linkedin.com/in/josé-p", "jos%C3%A9-p"),
    ("https://www.linkedin.com/in/leepark/details/experience/", "leepark"),
])
def test_linkedin_anywhere(url: str, slug: str) -> None:
    want = f"https://www.linkedin.com/in/{slug}"
    assert normalised(url) == want
    assert linkedin_url(url.strip("<>")) == want  # imports write the same form
    for text in (f"Lee Park {url}", f"Lee Park — {url} — CTO at Acme", f"Lee Park ({url})",
                 f"{url} Lee Park", f"Lee Park, [LinkedIn]({url})"):
        item = parsed(text)
        assert (item.name, item.linkedin) == ("Lee Park", want), text
        assert "linkedin.com" not in item.note


def test_only_the_first_of_each_detail_is_taken_the_rest_stays_in_note() -> None:
    item = parsed("Sam Ortiz sam@a.example, sam@b.example, https://example.com/sam")
    assert item.email == "sam@a.example"
    assert item.note == "sam@b.example, https://example.com/sam"


def test_email_forms() -> None:
    check("Sam Ortiz <sam.ortiz+jobs@initech.co.uk>", name="Sam Ortiz",
          email="sam.ortiz+jobs@initech.co.uk")
    check("Sam Ortiz [email](mailto:sam@initech.example)", name="Sam Ortiz",
          email="sam@initech.example", note="email")
    check("Sam Ortiz, sam@initech.example.", name="Sam Ortiz", email="sam@initech.example")


def test_urls_other_than_linkedin_stay_whole_in_note() -> None:
    check("Sam Ortiz — https://initech.example/team?who=sam&tel=5550102030",
          name="Sam Ortiz", note="https://initech.example/team?who=sam&tel=5550102030")
    check("Sam Ortiz at Initech, see [[Initech - hiring 2024]]", name="Sam Ortiz",
          company="Initech", note="see [[Initech - hiring 2024]]")


# -- known mistakes (documented; an improvement turns these into passes) --------------------------

@pytest.mark.xfail(strict=True, reason="no separator: the company reads as part of the name")
def test_known_wrong_name_runs_into_company() -> None:
    check("Priya Raman Google", name="Priya Raman", company="Google")


@pytest.mark.xfail(strict=True, reason="a comma inside the role splits ROLE, COMPANY")
def test_known_wrong_comma_inside_role() -> None:
    check("Sam — Engineering Manager, Payments at Stripe", name="Sam",
          role="Engineering Manager, Payments", company="Stripe")


@pytest.mark.xfail(strict=True, reason="a role without a role word reads as a company")
def test_known_wrong_unknown_role_word() -> None:
    check("Ludwig van Beethoven, Composer, Vienna Phil", name="Ludwig van Beethoven",
          role="Composer", company="Vienna Phil")


@pytest.mark.xfail(strict=True, reason="'Meet' is taken as the verb phrase")
def test_known_wrong_first_name_that_is_a_verb() -> None:
    assert parsed("Meet Patel at Infosys").name == "Meet Patel"


@pytest.mark.xfail(strict=True, reason="no leading name: the first link is the person")
def test_known_wrong_lowercase_sentence_with_a_company_link() -> None:
    assert parse_referral("ask about roles at [[Globex]]") is None


# -- properties ----------------------------------------------------------------------------------

SYNTAX_WORDS = {"at", "from", "mailto", "tel"}  # connectors and schemes: read, not kept


def kept(item: ReferralItem) -> str:
    return "\n".join(str(getattr(item, k)) for k in FIELDS if getattr(item, k))


def lost_words(text: str, item: ReferralItem) -> list[str]:
    everything = kept(item)
    # a lowercase subdomain glued to linkedin.com is the URL's (de.linkedin.com), not a word
    text = re.sub(r"(?<!\w)(?:(?:www|mobile|m|[a-z]{2})\.)+(?=linkedin\.com)", "", text)
    return [w for w in re.findall(r"\w+", text)
            if w.lower() not in SYNTAX_WORDS and w not in everything]


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises(text: str) -> None:
    item = parse_referral(text)
    assert item is None or (item.name.strip() and item.text == text.strip())


PIECES = st.sampled_from([
    "Sam", "Ortiz", "José", "Álvarez", "van", "de", "O'Neil", "Mary-Jane", "J.", "al-Hassan",
    "Director", "of", "Engineering", "recruiter", "CTO", "VP", "Head", "at", "from", "@", "Talk",
    "to", "Ask", "the", "data", "team", "she", "says", "Acme", "AT&T", "Inc.", "[[Globex]]",
    "[[Ana Lima|Ana]]", "[[People/Dana Wu.md#Work|Dee]]", "![[x.png]]", "[[#h]]", "—", "–", "-",
    ",", ":", ";", "(", ")", "[", "]", "|", ".", "a@b.example", "mailto:x@y.example",
    "+1 555 010 2030", "(555) 010-2030", "555.010.2030", "2019-2020", "tel:5550102", "1234",
    "https://example.com/x?y=1", "www.example.org", "[link](https://example.com)", "Ⅻ", "王伟",
    "ǅemal", "x_y", "Σ", "ß",
    # a LinkedIn URL ends at a space (a word glued to it is part of its path, which is dropped)
    "linkedin.com/in/lee/ ", "https://www.linkedin.com/in/lee-park ",
])


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PIECES, st.sampled_from([" ", " ", "", "  "])), max_size=14),
       st.sampled_from(["", "[ ] ", "[x] ", "referral:: ", "- "]))
def test_no_word_is_lost_in_generated_items(parts: list[tuple[str, str]], prefix: str) -> None:
    text = "".join(p + gap for p, gap in parts)
    item = parse_referral(prefix + text)
    if item is not None:
        assert not lost_words(text, item), (prefix + text, item)


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.text(alphabet="Sam OrtizAcmeJ.-—,;:()[]|@at from 0123456789+éÉ'’_", max_size=60))
def test_no_word_is_lost_in_any_text(text: str) -> None:
    assume("linkedin" not in text.lower())
    assume(not re.match(r"\s*(?:[-*+]\s+)?(?:\[.\]|referrals?::)", text, re.I))
    item = parse_referral(text)
    if item is not None:
        assert not lost_words(text, item), (text, item)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["Lee Park", "CTO", "at", "Acme", "—", ","]), max_size=5),
       st.sampled_from(["", "http://", "https://", "HTTPS://"]),
       st.sampled_from(["", "www.", "uk.", "de."]),
       st.text(min_size=1, max_size=20),
       st.sampled_from(["", "/", "?trk=x", "/?a=b#c", "/details/"]))
def test_linkedin_normalisation_is_idempotent(words: list[str], scheme: str, host: str,
                                              slug: str, tail: str) -> None:
    url = f"{scheme}{host}linkedin.com/in/{slug}{tail}"
    once = normalised(url)
    if once is not None:
        assert once.startswith("https://www.linkedin.com/in/")
        assert normalised(once) == once
        assert re.fullmatch(r"https://www\.linkedin\.com/in/[\w%.~-]+", once, re.A)
    item = parse_referral(" ".join(["Lee Park —", *words, url]))
    assert item is not None and item.name == "Lee Park"
    if item.linkedin is not None:
        assert normalised(item.linkedin) == item.linkedin
        assert parse_referral(f"Lee Park {item.linkedin}") == ReferralItem(
            "Lee Park", None, None, None, None, None, None, item.linkedin, "",
            f"Lee Park {item.linkedin}")
