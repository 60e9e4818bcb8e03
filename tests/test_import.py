"""`infoview import linkedin|vcf FILE`: people from a file become contacts, once (via the CLI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click
import pytest
from helpers import MakeVault, Run, RunWith, changed_files, do_import, frontmatter, snapshot, write

from infoview import hookimpl
from infoview.model.linkedin import linkedin_url
from infoview.plugin.importers import Importer, Incoming, ReadResult, Skipped
from infoview.plugins.imports.linkedin import connected_on

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about this here: "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PRIYA = ("Priya,Raman,https://www.linkedin.com/in/priya-raman-4b1a2c,priya@globex.example,"
         "Globex,Director of Engineering,14 Mar 2023\n")
SAM = "Sam,Ortiz,https://www.linkedin.com/in/samortiz,,Initech,Recruiter,02 Apr 2021\n"
LEE = "Lee,Park,https://www.linkedin.com/in/leepark,lee@park.example,Umbrella,Analyst,2021-04-02\n"


def connections(*rows: str, bom: bool = False, crlf: bool = False) -> bytes:
    """A LinkedIn Connections.csv as LinkedIn writes it (preamble, header, rows)."""
    text = PREAMBLE + HEADER + "".join(rows)
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def created(report: dict[str, Any]) -> list[str]:
    return sorted(c["path"] for c in report["created"])


def contact(extra: str = "") -> str:
    return f"---\ntype: contact\nstatus: interviewed\n{extra}---\n## About\n\nMet at a meetup.\n"


# --- LinkedIn ----------------------------------------------------------------------------------


def test_a_linkedin_export_becomes_contact_notes(make_vault: MakeVault, run: Run,
                                                 tmp_path: Path) -> None:
    vault = make_vault()
    file = write(tmp_path, "Connections.csv", connections(PRIYA, SAM, LEE))
    report = do_import(run, vault, "linkedin", file)
    assert created(report) == ["Contacts/Lee Park.md", "Contacts/Priya Raman.md",
                               "Contacts/Sam Ortiz.md"]
    assert [(c["name"], c["line"]) for c in report["created"]] == [
        ("Priya Raman", 5), ("Sam Ortiz", 6), ("Lee Park", 7)]
    assert (report["matched"], report["skipped"], report["problems"]) == ([], [], [])
    assert report["source"] == "linkedin" and report["dry_run"] is False
    priya = frontmatter(vault / "Contacts/Priya Raman.md")
    assert priya == {
        "type": "contact", "company": "Globex", "role": "Director of Engineering",
        "email": "priya@globex.example",
        "linkedin": "https://www.linkedin.com/in/priya-raman-4b1a2c", "status": "prospect",
        "imported_from": "LinkedIn", "connected_on": dt.date(2023, 3, 14)}
    sam = frontmatter(vault / "Contacts/Sam Ortiz.md")
    assert "email" not in sam and sam["connected_on"] == dt.date(2021, 4, 2)
    assert frontmatter(vault / "Contacts/Lee Park.md")["connected_on"] == dt.date(2021, 4, 2)
    # The vault's contact template is used: its body is there.
    assert "## About" in (vault / "Contacts/Sam Ortiz.md").read_text()
    # The next command sees them, and they are contacts like any other.
    listed = run("list", "contacts", "--vault", vault, "--json").json()["contacts"]
    assert sorted(c["name"] for c in listed) == ["Lee Park", "Priya Raman", "Sam Ortiz"]
    doctor = run("doctor", "--vault", vault, "--json")
    assert doctor.code == 0, doctor.out


def test_the_text_summary_names_file_line_person_and_reason(make_vault: MakeVault, run: Run,
                                                            tmp_path: Path) -> None:
    vault = make_vault()
    file = write(tmp_path, "Connections.csv", connections(PRIYA, ",,,,Acme,CEO,01 Jan 2020\n"))
    result = run("import", "linkedin", file, "--vault", vault)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "Created 1, matched 0, skipped 1 (from Connections.csv)."
    assert "Connections.csv:6: no name (a letter or digit is needed)" in result.err
    again = run("import", "linkedin", file, "--vault", vault, "--verbose")
    assert "Created 0, matched 1, skipped 1" in again.out
    assert ("matched: Priya Raman = Contacts/Priya Raman.md (by LinkedIn URL) "
            "(Connections.csv:5)") in again.out


def test_odd_rows_are_read_or_skipped_with_their_line(make_vault: MakeVault, run: Run,
                                                      tmp_path: Path) -> None:
    rows = (
        'Jane,"Doe, PhD",https://www.linkedin.com/in/jane-doe-1a2b3c,,"Acme, Inc.",'
        '"VP, Engineering",02 Apr 2021\n',                                      # 5: commas
        "José,Álvarez 🚀,http://linkedin.com/in/Jose-Alvarez/?trk=people,"
        'JOSE@example.com,Globex,"Designer\nand Illustrator",2021-04-02\n',     # 6-7: newline
        "\n",                                                                    # 8: blank
        "Broken\n",                                                              # 9: 1 cell
        "Sam,Lee,https://uk.linkedin.com/in/samlee\n",                           # 10: 3 cells
        'Jane,"Doe, PhD",https://www.linkedin.com/in/jane-doe-1a2b3c/,,"Acme, Inc.",'
        '"VP, Engineering",02 Apr 2021\n',                                      # 11: repeat
        "Zoë,Ng,https://www.linkedin.com/in/zoe,,Acme, Inc.,CTO,01 Jan 2020\n",  # 12: 8 cells
        "李,小龙 (he/him),https://www.linkedin.com/in/li-xiaolong,,,,\n",         # 13
        "🎉,✨,https://www.linkedin.com/in/party,,,,\n",                          # 14: no name
    )
    vault = make_vault()
    file = write(tmp_path, "Connections.csv", connections(*rows, bom=True, crlf=True))
    report = do_import(run, vault, "linkedin", file)
    assert [(c["line"], c["path"]) for c in report["created"]] == [
        (5, "Contacts/Jane Doe, PhD.md"), (6, "Contacts/José Álvarez 🚀.md"),
        (10, "Contacts/Sam Lee.md"), (13, "Contacts/李 小龙 (he him).md")]
    assert report["created"][3]["name"] == "李 小龙 (he/him)"
    skipped = {s["line"]: (s["name"], s["reason"]) for s in report["skipped"]}
    assert sorted(skipped) == [9, 11, 12, 14]
    assert "only 1 of the header's 7 cells" in skipped[9][1]
    assert skipped[11] == ("Jane Doe, PhD",
                           "the same person as line 5 (same LinkedIn URL); imported once")
    assert "8 cells where the header has 7" in skipped[12][1]
    assert skipped[14][0] == "🎉 ✨" and "no name" in skipped[14][1]
    jane = frontmatter(vault / "Contacts/Jane Doe, PhD.md")
    assert (jane["company"], jane["role"], jane["aliases"]) == (
        "Acme, Inc.", "VP, Engineering", ["Jane Doe"])
    assert "name" not in jane and "email" not in jane
    jose = frontmatter(vault / "Contacts/José Álvarez 🚀.md")
    assert jose["role"] == "Designer and Illustrator"
    assert jose["linkedin"] == "https://www.linkedin.com/in/jose-alvarez"
    assert (jose["email"], jose["aliases"]) == ("JOSE@example.com", ["José Álvarez"])
    sam = frontmatter(vault / "Contacts/Sam Lee.md")
    assert sam["linkedin"] == "https://www.linkedin.com/in/samlee" and "company" not in sam
    li = frontmatter(vault / "Contacts/李 小龙 (he him).md")
    assert (li["name"], li["aliases"]) == ("李 小龙 (he/him)", ["李 小龙"])
    # [[Jane Doe]] now finds the note through its alias.
    shown = run("show", "Jane Doe", "--vault", vault, "--json")
    assert shown.code == 0 and shown.json()["path"] == "Contacts/Jane Doe, PhD.md"


def test_the_header_is_found_by_its_names(make_vault: MakeVault, run: Run,
                                          tmp_path: Path) -> None:
    vault = make_vault()
    text = ("Exported by hand\n"
            "connected on;COMPANY;last name;first name;Email Address;Notes\n"
            "05 sep 2019;Hooli;Doe;Dana;dana@hooli.example;ignored\n")
    report = do_import(run, vault, "linkedin", write(tmp_path, "people.csv", text))
    assert [(c["name"], c["line"]) for c in report["created"]] == [("Dana Doe", 3)]
    dana = frontmatter(vault / "Contacts/Dana Doe.md")
    assert (dana["company"], dana["email"], dana["connected_on"]) == (
        "Hooli", "dana@hooli.example", dt.date(2019, 9, 5))
    assert "linkedin" not in dana and "role" not in dana


def test_reimport_creates_nothing_and_a_newer_file_only_the_new_person(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    vault = make_vault()
    file = write(tmp_path, "Connections.csv", connections(PRIYA, SAM))
    assert len(do_import(run, vault, "linkedin", file)["created"]) == 2
    before = snapshot(vault)
    second = do_import(run, vault, "linkedin", file)
    assert second["created"] == []
    assert [(m["path"], m["by"]) for m in second["matched"]] == [
        ("Contacts/Priya Raman.md", "LinkedIn URL"), ("Contacts/Sam Ortiz.md", "LinkedIn URL")]
    assert changed_files(before, snapshot(vault)) == []
    # LinkedIn's newer export: another person, and Sam's URL written differently.
    newer = write(tmp_path, "Connections (1).csv", connections(
        PRIYA, SAM.replace("https://www.", "http://").replace("samortiz", "SamOrtiz/"), LEE,
        bom=True))
    third = do_import(run, vault, "linkedin", newer)
    assert created(third) == ["Contacts/Lee Park.md"]
    assert len(third["matched"]) == 2
    assert changed_files(before, snapshot(vault)) == ["Contacts/Lee Park.md"]


def test_people_already_in_the_vault_are_matched_and_left_alone(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    vault = make_vault({
        # The URL written another way; a comment and odd quoting that must survive.
        "Contacts/P. Raman.md": contact("linkedin: linkedin.com/in/Priya-Raman-4B1A2C/  # hi\n"),
        "Contacts/Sam.md": contact("email: 'SAM@initech.example'\n"),
        "Contacts/People/Lee Park.md": "---\r\ntype: contact\r\n---\r\nCRLF note\r\n",
        "Contacts/Dana Wu.md": contact('aliases: ["Dana W."]\n'),
        "Contacts/Jane Doe.md": "\ufeff---\ntype: contact\n---\n",
        "Companies/Globex.md": "---\ntype: company\n---\n",
    })
    file = write(tmp_path, "Connections.csv", connections(
        PRIYA, SAM.replace(",,Initech", ",sam@initech.example,Initech"), LEE,
        "Dana,W.,,,Hooli,PM,\n", 'Jane,"Doe, PhD",,,Acme,VP,\n'))
    before = snapshot(vault)
    report = do_import(run, vault, "linkedin", file)
    assert report["created"] == [] and report["skipped"] == []
    assert [(m["name"], m["path"], m["by"]) for m in report["matched"]] == [
        ("Priya Raman", "Contacts/P. Raman.md", "LinkedIn URL"),
        ("Sam Ortiz", "Contacts/Sam.md", "email"),
        ("Lee Park", "Contacts/People/Lee Park.md", "name"),
        ("Dana W.", "Contacts/Dana Wu.md", "alias"),
        ("Jane Doe, PhD", "Contacts/Jane Doe.md", "alias"),  # her plain name is an alias
    ]
    assert changed_files(before, snapshot(vault)) == []


def test_a_name_two_contacts_share_is_ambiguous_and_skipped(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    vault = make_vault({
        "Contacts/Lee Park.md": contact(),
        "Contacts/Old/Lee Park.md": contact(),
        "Contacts/Sam.md": contact("email: sam@initech.example\n"),
        "Contacts/Samuel.md": contact("email: [sam@initech.example]\n"),
    })
    sam = SAM.replace(",,Initech", ",sam@initech.example,Initech")
    file = write(tmp_path, "Connections.csv",
                 connections(LEE.replace("lee@park.example", ""), sam))
    before = snapshot(vault)
    report = do_import(run, vault, "linkedin", file)
    assert (report["created"], report["matched"]) == ([], [])
    reasons = {s["name"]: s["reason"] for s in report["skipped"]}
    assert reasons["Lee Park"].startswith("ambiguous: the name is on 2 contacts "
                                          "(Contacts/Lee Park.md, Contacts/Old/Lee Park.md)")
    assert reasons["Sam Ortiz"].startswith("ambiguous: the email sam@initech.example is on 2")
    assert changed_files(before, snapshot(vault)) == []


def test_same_name_with_another_profile_is_not_taken_for_the_same_person(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    vault = make_vault({
        "Contacts/John Smith.md": contact("linkedin: https://www.linkedin.com/in/john-smith-1\n")})
    two = ("John,Smith,https://www.linkedin.com/in/john-smith-2,,Acme,CFO,\n"
           "John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,CEO,\n")
    report = do_import(run, vault, "linkedin", write(tmp_path, "c.csv", connections(two)))
    assert report["created"] == []
    assert [(m["line"], m["by"]) for m in report["matched"]] == [(6, "LinkedIn URL")]
    [skipped] = report["skipped"]
    assert skipped["line"] == 5 and "a different profile" in skipped["reason"]
    assert "https://www.linkedin.com/in/john-smith-2" in skipped["reason"]


def test_a_name_two_people_of_the_file_share_is_not_matched_by_name(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    vault = make_vault({"Contacts/John Smith.md": contact()})
    two = ("John,Smith,https://www.linkedin.com/in/john-smith-2,,Acme,CFO,\n"
           "John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,CEO,\n")
    report = do_import(run, vault, "linkedin", write(tmp_path, "c.csv", connections(two)))
    assert (report["created"], report["matched"]) == ([], [])
    assert [s["line"] for s in report["skipped"]] == [5, 6]
    assert all(s["reason"].startswith("ambiguous: several people in this file go by this name")
               for s in report["skipped"])


def test_two_people_of_one_name_in_the_file_are_two_notes(make_vault: MakeVault, run: Run,
                                                          tmp_path: Path) -> None:
    vault = make_vault()
    two = ("John,Smith,https://www.linkedin.com/in/john-smith-2,,Acme,CFO,\n"
           "John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,CEO,\n")
    file = write(tmp_path, "c.csv", connections(two))
    report = do_import(run, vault, "linkedin", file)
    assert created(report) == ["Contacts/John Smith (2).md", "Contacts/John Smith.md"]
    assert frontmatter(vault / "Contacts/John Smith (2).md")["name"] == "John Smith"
    again = do_import(run, vault, "linkedin", file)
    assert again["created"] == [] and len(again["matched"]) == 2
    # A third John Smith matches neither note by name: both are named so.
    third = connections("John,Smith,,,Initech,Intern,\n")
    report = do_import(run, vault, "linkedin", write(tmp_path, "d.csv", third))
    assert "ambiguous" in report["skipped"][0]["reason"]


def test_company_is_a_link_when_its_note_exists(make_vault: MakeVault, run: Run,
                                               tmp_path: Path) -> None:
    vault = make_vault({"Companies/Globex.md": "---\ntype: company\n---\n"})
    report = do_import(run, vault, "linkedin",
                       write(tmp_path, "c.csv", connections(PRIYA, SAM)))
    assert len(report["created"]) == 2
    assert 'company: "[[Globex]]"' in (vault / "Contacts/Priya Raman.md").read_text()
    assert "company: Initech\n" in (vault / "Contacts/Sam Ortiz.md").read_text()


def test_dry_run_prints_the_notes_and_writes_nothing(make_vault: MakeVault, run: Run,
                                                    tmp_path: Path, cache_dir: Path) -> None:
    vault = make_vault()
    two = ("John,Smith,https://www.linkedin.com/in/john-smith-2,,Acme,CFO,\n"
           "John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,CEO,\n")
    file = write(tmp_path, "Connections.csv", connections(PRIYA, two))
    before = snapshot(vault)
    result = run("import", "linkedin", file, "--vault", vault, "--dry-run")
    assert result.code == 0, result.err
    assert "+++ b/Contacts/Priya Raman.md" in result.out
    assert "+++ b/Contacts/John Smith (2).md" in result.out  # distinct names though not on disk
    assert "+email: priya@globex.example" in result.out
    assert "Would create 3, matched 0, skipped 0" in result.out
    report = do_import(run, vault, "linkedin", file, "--dry-run")
    assert report["dry_run"] is True and len(report["diffs"]) == 3
    assert changed_files(before, snapshot(vault)) == []
    assert run("undo", "--vault", vault).out.startswith("Nothing to undo")
    assert len(do_import(run, vault, "linkedin", file)["created"]) == 3


def test_undo_removes_what_an_import_created(make_vault: MakeVault, run: Run,
                                             tmp_path: Path) -> None:
    vault = make_vault({"Contacts/Lee Park.md": contact()})
    before = snapshot(vault)
    report = do_import(run, vault, "linkedin",
                       write(tmp_path, "c.csv", connections(PRIYA, SAM, LEE)))
    assert len(report["created"]) == 2 and len(report["matched"]) == 1
    undone = run("undo", "--vault", vault)
    assert undone.code == 0, undone.err
    assert "`infoview import linkedin`" in undone.out and "2 created note(s) deleted" in undone.out
    assert changed_files(before, snapshot(vault)) == []
    assert sorted(p.name for p in (vault / "Contacts").iterdir()) == ["Lee Park.md"]


@pytest.mark.parametrize(("content", "says"), [
    ("name,email\nJane Doe,jane@example.com\n", "expects LinkedIn's Connections.csv"),
    ("", "expects LinkedIn's Connections.csv"),
    (b"PK\x03\x04\x14\x00\x00\x00", "is a zip archive; unzip it"),
    (PREAMBLE.encode() + HEADER.encode() + "Zoë,Ng,,,,,\n".encode("latin-1"),
     ":5: not UTF-8 text (byte 0xeb)"),
])
def test_a_file_that_is_not_linkedins_is_a_one_line_error(
        make_vault: MakeVault, run: Run, tmp_path: Path, content: str | bytes, says: str) -> None:
    vault = make_vault()
    file = write(tmp_path, "export.csv", content)
    before = snapshot(vault)
    result = run("import", "linkedin", file, "--vault", vault)
    assert result.code == 2, result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"error: {file}") and says in result.err
    assert changed_files(before, snapshot(vault)) == []


def test_a_missing_file_or_source_is_a_usage_error(make_vault: MakeVault, run: Run,
                                                   tmp_path: Path) -> None:
    vault = make_vault()
    missing = run("import", "linkedin", tmp_path / "nope.csv", "--vault", vault)
    assert missing.code == 2 and missing.err == f"error: {tmp_path / 'nope.csv'}: no such file\n"
    folder = run("import", "vcf", tmp_path, "--vault", vault)
    assert folder.code == 2 and "is a folder, not a file" in folder.err
    unknown = run("import", "outlook", tmp_path / "x.pst", "--vault", vault)
    assert unknown.code == 2 and "unknown import source 'outlook'" in unknown.err
    assert "linkedin, vcf" in unknown.err
    bare = run("import", "--vault", vault)
    assert bare.code == 2


def test_import_list_shows_the_sources(run: Run) -> None:
    listed = run("import", "--list", "--json")
    assert listed.code == 0, listed.err
    sources = {s["name"]: s for s in listed.json()["sources"]}
    assert {"linkedin", "vcf"} <= set(sources)
    assert sources["linkedin"]["plugin"] == "imports"
    text = run("import", "--list").out
    assert "linkedin" in text and "Connections.csv" in text


@pytest.mark.parametrize(("url", "normal"), [
    ("https://www.linkedin.com/in/jane-doe", "https://www.linkedin.com/in/jane-doe"),
    ("http://linkedin.com/in/Jane-Doe/", "https://www.linkedin.com/in/jane-doe"),
    ("www.linkedin.com/in/jane-doe?trk=abc#x", "https://www.linkedin.com/in/jane-doe"),
    ("https://uk.linkedin.com/in/jane-doe/en", "https://www.linkedin.com/in/jane-doe"),
    ("https://www.linkedin.com/in/jos%C3%A9", "https://www.linkedin.com/in/jos%C3%A9"),
    ("https://www.linkedin.com/in/José/", "https://www.linkedin.com/in/jos%C3%A9"),
    ("https://www.linkedin.com/pub/jane-doe/1/2/3", "https://www.linkedin.com/pub/jane-doe/1/2/3"),
    ("https://example.com/in/jane", None),
    ("https://notlinkedin.com/in/jane", None),
    ("", None),
    ("https://www.linkedin.com/", None),
])
def test_linkedin_urls_are_normalised(url: str, normal: str | None) -> None:
    assert linkedin_url(url) == normal


@pytest.mark.parametrize(("text", "day"), [
    ("02 Apr 2021", dt.date(2021, 4, 2)), ("2 april 2021", dt.date(2021, 4, 2)),
    ("2021-04-02", dt.date(2021, 4, 2)), ("31 Feb 2021", None), ("Apr 2021", None), ("", None),
])
def test_connected_on_dates(text: str, day: dt.date | None) -> None:
    assert connected_on(text) == day


# --- vCard -------------------------------------------------------------------------------------

VCARD3 = """BEGIN:VCARD\r
VERSION:3.0\r
N:Raman;Priya;;;\r
FN:Priya Raman\r
NICKNAME:Pri,P. Raman\r
ORG:Globex;Routing\r
TITLE:Director of Engineering\r
EMAIL;TYPE=INTERNET,WORK:priya@globex.example\r
EMAIL;TYPE=HOME:priya@home.example\r
TEL;TYPE=CELL:+1 312 555 0100\r
URL:https://www.linkedin.com/in/Priya-Raman-4b1a2c/\r
URL:https://priya.example\r
CATEGORIES:engineering,chicago\r
NOTE:Met at the routing meetup\\, talked about GPS data.\\nAsk about the platf\r
 orm team.\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
N:Ortiz;Sam;;;\r
EMAIL:sam@initech.example\r
END:VCARD\r
"""

VCARD4 = """BEGIN:VCARD
VERSION:4.0
FN:José Álvarez
N:Álvarez;José;;;
EMAIL;TYPE=work:mailto:jose@example.com
TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-5555
ORG:Hooli
UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1
X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.com/in/jose-alvarez
END:VCARD
"""


def test_vcard_3_and_4_become_contacts(make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    vault = make_vault()
    report = do_import(run, vault, "vcf", write(tmp_path, "people.vcf", VCARD3 + VCARD4))
    assert [(c["name"], c["line"]) for c in report["created"]] == [
        ("Priya Raman", 1), ("Sam Ortiz", 17), ("José Álvarez", 1 + VCARD3.count("\n"))]
    priya = frontmatter(vault / "Contacts/Priya Raman.md")
    assert priya == {
        "type": "contact", "aliases": ["Pri", "P. Raman"], "company": "Globex",
        "role": "Director of Engineering",
        "email": ["priya@globex.example", "priya@home.example"], "phone": "+1 312 555 0100",
        "linkedin": "https://www.linkedin.com/in/priya-raman-4b1a2c", "status": "prospect",
        "tags": ["engineering", "chicago"], "imported_from": "vCard",
        "website": "https://priya.example", "department": "Routing"}
    text = (vault / "Contacts/Priya Raman.md").read_text()
    notes = text.split("## Notes\n", 1)[1]
    assert "Met at the routing meetup, talked about GPS data.\nAsk about the platform team.\n" \
        in notes
    assert frontmatter(vault / "Contacts/Sam Ortiz.md")["email"] == "sam@initech.example"
    jose = frontmatter(vault / "Contacts/José Álvarez.md")
    assert (jose["email"], jose["phone"], jose["company"], jose["linkedin"]) == (
        "jose@example.com", "+1-555-555-5555", "Hooli", "https://www.linkedin.com/in/jose-alvarez")
    again = do_import(run, vault, "vcf", tmp_path / "people.vcf")
    assert again["created"] == [] and len(again["matched"]) == 3


def test_note_text_goes_at_the_end_when_the_template_has_no_notes_heading(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    vault = make_vault({"Templates/Contact.md": "---\ntype: contact\ncreated: {{date}}\n---\n"
                                                "# {{title}}\n"})
    write(tmp_path, "one.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Dana Wu\nNOTE:Likes maps.\n"
                               "END:VCARD\n")
    do_import(run, vault, "vcf", tmp_path / "one.vcf")
    assert (vault / "Contacts/Dana Wu.md").read_text() == (
        "---\ntype: contact\ncreated: 2026-11-25\nstatus: prospect\nimported_from: vCard\n---\n"
        "# Dana Wu\n\n## Notes\n\nLikes maps.\n")


def test_a_bad_card_is_skipped_and_the_others_read(make_vault: MakeVault, run: Run,
                                                   tmp_path: Path) -> None:
    vault = make_vault()
    text = ("BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Bad One\nthis line is not a property\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:\nEMAIL:nobody@example.com\nEND:VCARD\n"
            "stray text\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\n")
    report = do_import(run, vault, "vcf", write(tmp_path, "mixed.vcf", text))
    assert created(report) == ["Contacts/Good One.md"]
    skipped = {s["line"]: s["reason"] for s in report["skipped"]}
    assert sorted(skipped) == [8, 10, 15, 16]
    assert skipped[8] == ("not a valid vCard card: 'this line is not a property' is not a "
                          "property (NAME:value)")
    assert skipped[10].startswith("no name")
    assert skipped[15].startswith("text outside BEGIN:VCARD")
    assert skipped[16].startswith("card not closed by END:VCARD")


@pytest.mark.parametrize(("content", "says"), [
    ("hello\nworld\n", "mixed.vcf: no BEGIN:VCARD line; infoview expects a vCard file"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:X\nnot a property\nEND:VCARD\n",
     "mixed.vcf:4: not a valid vCard card: 'not a property' is not a property (NAME:value)"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:X\n", "mixed.vcf:1: card not closed by END:VCARD"),
])
def test_a_malformed_vcard_file_is_a_one_line_error(
        make_vault: MakeVault, run: Run, tmp_path: Path, content: str, says: str) -> None:
    vault = make_vault()
    result = run("import", "vcf", write(tmp_path, "mixed.vcf", content), "--vault", vault)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and says in result.err, result.err


def test_export_vcf_then_import_gives_the_same_people(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("infoview.plugins.exports.to_vcf")
    example, empty = tmp_path / "example", tmp_path / "empty"
    assert run("init", "--example", example).code == 0
    assert run("init", empty).code == 0
    exported = run("export", "vcf", "--vault", example, "-o", tmp_path / "all.vcf")
    assert exported.code == 0, exported.err
    report = do_import(run, empty, "vcf", tmp_path / "all.vcf")
    assert report["skipped"] == [] and report["matched"] == []

    def people(vault: Path) -> list[tuple[str, list[str]]]:
        listed = run("list", "contacts", "--vault", vault, "--json").json()["contacts"]
        out = []
        for item in listed:
            emails = frontmatter(vault / item["path"]).get("email") or []
            out.append((item["name"], sorted(emails if isinstance(emails, list) else [emails])))
        return sorted(out)

    assert people(empty) == people(example)
    assert len(people(empty)) >= 5
    # And the example vault itself already holds them all.
    back = do_import(run, example, "vcf", tmp_path / "all.vcf")
    assert back["created"] == [] and len(back["matched"]) == len(people(example))


# --- plugins -----------------------------------------------------------------------------------


def read_names(path: Path, options: Mapping[str, Any]) -> ReadResult:
    """A one-name-per-line source: ``Name <email>``."""
    result = ReadResult()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        name, _, email = line.partition("<")
        if not name.strip():
            result.skipped.append(Skipped(number, "empty line"))
            continue
        result.people.append(Incoming(name.strip(), line=number,
                                      emails=[email.rstrip(">")] if email else [],
                                      extra={"met_at": options["event"] or "unknown"}))
    return result


class NamesPlugin:
    @hookimpl
    def register_importers(self, register: Callable[[Importer], None]) -> None:
        register(Importer("names", read_names, "one person per line",
                          options=[click.Option(["--event"], default=None)],
                          source_label="Names list"))


class DuplicatePlugin:
    @hookimpl
    def register_importers(self, register: Callable[[Importer], None]) -> None:
        register(Importer("linkedin", read_names, "my own LinkedIn reader"))


class BrokenReaderPlugin:
    @hookimpl
    def register_importers(self, register: Callable[[Importer], None]) -> None:
        def read(path: Path, options: Mapping[str, Any]) -> ReadResult:
            raise RuntimeError("cannot parse")

        register(Importer("broken", read, "fails"))


def test_a_plugin_adds_a_source(make_vault: MakeVault, tmp_path: Path,
                                run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Lee Park.md": contact()})
    plugins: list[tuple[str, object]] = [("names-plugin", NamesPlugin())]
    listed = run_with(plugins, "import", "--list", "--json")
    sources = {s["name"]: s for s in listed.json()["sources"]}
    assert sources["names"] == {"name": "names", "description": "one person per line",
                                "plugin": "names-plugin"}
    file = write(tmp_path, "names.txt", "Dana Wu <dana@wu.example>\n\nlee park\n")
    result = run_with(plugins, "import", "names", file, "--event", "Meetup", "--vault", vault,
                      "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert created(report) == ["Contacts/Dana Wu.md"]
    assert [(m["path"], m["by"]) for m in report["matched"]] == [
        ("Contacts/Lee Park.md", "name")]
    assert report["skipped"] == [{"line": 2, "name": None, "reason": "empty line"}]
    dana = frontmatter(vault / "Contacts/Dana Wu.md")
    assert (dana["imported_from"], dana["met_at"], dana["email"]) == (
        "Names list", "Meetup", "dana@wu.example")


def test_a_source_name_taken_twice_names_both_plugins(make_vault: MakeVault, tmp_path: Path,
                                                      run_with: RunWith) -> None:
    vault = make_vault()
    file = write(tmp_path, "Connections.csv", connections(PRIYA))
    result = run_with([("mine", DuplicatePlugin())], "import", "linkedin", file, "--vault", vault,
                      "--json")
    assert result.code == 1
    assert ("plugin 'mine' failed in register_importers: PluginError: import source "
            "'linkedin' is already registered by plugin 'imports'") in result.err
    assert created(result.json()) == ["Contacts/Priya Raman.md"]  # the built-in one ran


def test_a_failing_reader_is_reported_by_its_plugin(make_vault: MakeVault, tmp_path: Path,
                                                    run_with: RunWith) -> None:
    vault = make_vault()
    before = snapshot(vault)
    result = run_with([("shaky", BrokenReaderPlugin())], "import", "broken",
                      write(tmp_path, "x.txt", "x"), "--vault", vault)
    assert result.code == 1
    assert "plugin 'shaky' failed in import broken: RuntimeError: cannot parse" in result.err
    assert "Traceback" not in result.err
    assert changed_files(before, snapshot(vault)) == []
