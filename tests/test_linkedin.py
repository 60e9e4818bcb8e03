"""LinkedIn profile URLs in one form (:mod:`infoview.model.linkedin`), whichever way a person
reaches infoview: imported, referred in an interview note, or exported to an address book.

The cases are the union of those the three old normalisers (the importer's, the referral
parser's and the vCard export's) handled; the first table pins where they disagreed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from helpers import TODAY, MakeVault, Run

from infoview.model.linkedin import PROFILE, find_linkedin, linkedin_url, profile_url

JANE = "https://www.linkedin.com/in/jane-doe"


@pytest.mark.parametrize("url", [
    "https://mobile.linkedin.com/in/Jane-Doe",  # the importer's form; the referral parser's None
    "https://www.linkedin.com/in/Jane-Doe",  # the vCard export kept the capitals
    "http://linkedin.com/in/jane-doe",  # the vCard export kept the host without www.
    "https://m.linkedin.com/in/jane-doe/",
    "https://www.linkedin.com/in/jane-doe?trk=abc",  # the vCard export kept the query
    "https://www.linkedin.com/in/jane-doe.",  # a sentence's full stop: only the parser cut it
])
def test_once_disagreeing_urls_have_one_form(url: str) -> None:
    assert linkedin_url(url) == JANE
    assert linkedin_url(url, handle=True) == JANE
    found = find_linkedin(f"Jane Doe {url} knows everyone")
    assert found is not None and found.url == JANE


@pytest.mark.parametrize(("text", "url"), [
    # the importer's cases
    ("https://www.linkedin.com/in/jane-doe", JANE),
    ("http://linkedin.com/in/Jane-Doe/", JANE),
    ("www.linkedin.com/in/jane-doe?trk=abc#x", JANE),
    ("https://uk.linkedin.com/in/jane-doe/en", JANE),
    ("https://www.linkedin.com/in/jos%C3%A9", "https://www.linkedin.com/in/jos%C3%A9"),
    ("https://www.linkedin.com/in/José/", "https://www.linkedin.com/in/jos%C3%A9"),
    ("https://www.linkedin.com/pub/jane-doe/1/2/3", "https://www.linkedin.com/pub/jane-doe/1/2/3"),
    ("https://www.linkedin.com/company/Acme", "https://www.linkedin.com/company/acme"),
    ("https://example.com/in/jane", None),
    ("https://notlinkedin.com/in/jane", None),
    ("https://linkedin.com.example/in/jane", None),
    ("", None),
    (None, None),
    ("   ", None),
    ("https://www.linkedin.com/", None),
    ("https://www.linkedin.com/in/", None),
    ("https://www.linkedin.com/in/./", None),
    ("https://[broken/in/jane", None),
    # the referral parser's
    ("linkedin.com/in/leepark", "https://www.linkedin.com/in/leepark"),
    ("HTTPS://DE.LINKEDIN.COM/in/Lee-Park#about", "https://www.linkedin.com/in/lee-park"),
    ("https://www.linkedin.com/in/leepark/details/experience/",
     "https://www.linkedin.com/in/leepark"),
    # a handle is not a URL unless the text is known to be about LinkedIn
    ("jane-doe", None),
    ("in/jane-doe", None),
])
def test_linkedin_url(text: str | None, url: str | None) -> None:
    assert linkedin_url(text) == url


@pytest.mark.parametrize(("text", "url"), [
    # the vCard export's and the vCard import's handles
    ("jane-doe", JANE),
    ("@jane-doe", JANE),
    ("/in/Jane-Doe", JANE),
    ("in/jane-doe/", JANE),
    ("IN/jane-doe?x=1", JANE),
    ("jos%C3%A9", "https://www.linkedin.com/in/jos%C3%A9"),
    ("josé", "https://www.linkedin.com/in/jos%C3%A9"),
    ("jane_doe_42", "https://www.linkedin.com/in/jane_doe_42"),
    ("linkedin.com/in/jane-doe", JANE),
    # not a handle: a web address, words, nothing
    ("janedoe.example", None),
    ("https://janedoe.example/in/jane", None),
    ("Jane Doe", None),
    ("@", None),
    ("", None),
])
def test_a_handle_is_a_profile_where_the_text_is_about_linkedin(text: str, url: str | None) -> None:
    assert linkedin_url(text, handle=True) == url


@pytest.mark.parametrize(("text", "url", "written"), [
    ("Lee Park https://mobile.linkedin.com/in/LeePark/ CTO", "https://www.linkedin.com/in/leepark",
     "https://mobile.linkedin.com/in/LeePark/"),
    ("Lee Park (linkedin.com/in/leepark?trk=x)", "https://www.linkedin.com/in/leepark",
     "linkedin.com/in/leepark?trk=x"),
    ("see https://www.linkedin.com/company/acme then uk.linkedin.com/in/lee",
     "https://www.linkedin.com/in/lee", "uk.linkedin.com/in/lee"),
    ("Lee Park, linkedin.com/in/lee.", "https://www.linkedin.com/in/lee", "linkedin.com/in/lee."),
    # a word glued to the host is a word, not a subdomain (hypothesis found "Inc." lost)
    ("Sam Inc.linkedin.com/in/lee/", "https://www.linkedin.com/in/lee", "linkedin.com/in/lee/"),
    ("Sam J.linkedin.com/in/lee", "https://www.linkedin.com/in/lee", "linkedin.com/in/lee"),
    ("Acme.de.linkedin.com/in/lee", "https://www.linkedin.com/in/lee", "de.linkedin.com/in/lee"),
    ("https://de.mobile.linkedin.com/in/lee", "https://www.linkedin.com/in/lee",
     "https://de.mobile.linkedin.com/in/lee"),
])
def test_the_first_profile_in_text_and_where_it_is(text: str, url: str, written: str) -> None:
    found = find_linkedin(text)
    assert found is not None
    assert found.url == url
    assert text[found.start:found.end] == written


@pytest.mark.parametrize("text", [
    "Lee Park, no profile", "jane@linkedin.com/in/x", "notlinkedin.com/in/lee",
    "x.y@uk.linkedin.com/in/lee", "https://www.linkedin.com/company/acme", "linkedin.com/in/.",
])
def test_text_without_a_profile(text: str) -> None:
    assert find_linkedin(text) is None


def test_the_form_is_ascii_lowercase() -> None:
    assert profile_url("Zoë O'Brien") == PROFILE + "zo%C3%AB%20o%27brien"
    assert linkedin_url(profile_url("Zoë")) == profile_url("Zoë")


# --- through the commands: a person referred, then imported, then exported ----------------------


def test_the_same_person_by_every_route_is_one_contact(make_vault: MakeVault,
                                                       run: Run, tmp_path: Path) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": "---\ntype: contact\nstatus: interviewed\n---\n",
        "Contacts/Sam Ortiz.md": "---\ntype: contact\nlinkedin: samortiz\n---\n",
        "Interviews/2026-11-20 Jane Doe.md": (
            '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-20\n---\n'
            "## Referrals\n\n- Dana Wu https://mobile.linkedin.com/in/Dana-Wu/ (Recruiter)\n"),
    })
    synced = run("sync", "--vault", vault, "--today", TODAY)
    assert synced.code == 0, synced.err
    dana = (vault / "Contacts/Dana Wu.md").read_text(encoding="utf-8")
    assert "linkedin: https://www.linkedin.com/in/dana-wu\n" in dana

    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                   "Dana,Wu-Lee,https://uk.linkedin.com/in/dana-wu,,Initech,Recruiter,"
                   "02 Apr 2021\n"
                   "Samuel,Ortiz,http://www.linkedin.com/in/SamOrtiz/,,Initech,CTO,"
                   "02 Apr 2021\n", encoding="utf-8")
    imported = run("import", "linkedin", csv, "--vault", vault, "--json", "--today", TODAY)
    assert imported.code == 0, imported.err
    report = imported.json()
    assert report["created"] == []
    assert sorted((m["path"], m["by"]) for m in report["matched"]) == [
        ("Contacts/Dana Wu.md", "LinkedIn URL"), ("Contacts/Sam Ortiz.md", "LinkedIn URL")]

    exported = run("export", "vcf", "--vault", vault, "--today", TODAY)
    assert exported.code == 0, exported.err
    urls = {card.fn.value: card.url.value for card in vobject.readComponents(exported.out)
            if hasattr(card, "url")}
    assert urls == {"Dana Wu": "https://www.linkedin.com/in/dana-wu",
                    "Sam Ortiz": "https://www.linkedin.com/in/samortiz"}
