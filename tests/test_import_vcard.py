"""`infoview import vcf`: the vCard dialects people really import, field by field.

The files under ``tests/fixtures/vcards/`` are written after each program's documented export
(Google Contacts, Apple Contacts/iCloud, Outlook's vCard 2.1 in Windows-1252, Android's vCard
2.1 with quoted-printable UTF-8), byte for byte: CRLF line ends, escaped ``\\:`` in URLs, folded
photos, soft line breaks, a UTF-8 card beside Windows-1252 ones. And a vault exported as a vCard
and imported into an empty vault keeps its graph: status, referred_by, connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, MakeVault, Run, do_import, frontmatter, write

FIXTURES = Path(__file__).parent / "fixtures" / "vcards"


def body_notes(path: Path) -> str:
    """What the note holds under its ``## Notes`` heading."""
    return path.read_text(encoding="utf-8").split("## Notes\n", 1)[1]


def imported(run: Run, make_vault: MakeVault, fixture: str) -> tuple[Path, dict[str, Any]]:
    vault = make_vault()
    return vault, do_import(run, vault, "vcf", FIXTURES / fixture)


def test_google_contacts_export(run: Run, make_vault: MakeVault) -> None:
    vault, report = imported(run, make_vault, "google.vcf")
    assert [(c["name"], c["line"], c["type"]) for c in report["created"]] == [
        ("Jane Doe", 1, "contact"), ("José Álvarez", 22, "contact")]
    assert report["skipped"] == [] and report["notices"] == []
    jane = vault / "Contacts/Jane Doe.md"
    assert frontmatter(jane) == {
        "type": "contact", "aliases": ["JD"], "company": "Globex Corporation",
        "department": "Platform Engineering", "role": "Staff Engineer",
        "email": ["jane.doe@globex.example", "jane.doe.home@mail.example"],
        "phone": ["+1 415-555-0134", "+1 415-555-0199"],
        "linkedin": "https://www.linkedin.com/in/jane-doe-4a21b7",  # https\: unescaped
        "website": "https://janedoe.example",  # without the backslash
        "tags": ["Mentors", "Bay-Area"],  # not Google's myContacts and starred
        "status": "prospect", "imported_from": "vCard"}
    assert "Met at PyCon 2025, talked about moving to Kubernetes.\nAsk about the platform " \
        "team.\n" in body_notes(jane)
    jose = frontmatter(vault / "Contacts/José Álvarez.md")
    assert jose == {"type": "contact", "company": "Hooli", "role": "Product Manager",
                    "email": "jose.alvarez@hooli.example",
                    "linkedin": "https://www.linkedin.com/in/jos%C3%A9-alvarez",
                    "status": "prospect", "imported_from": "vCard"}  # no tags: only myContacts


def test_apple_contacts_export(run: Run, make_vault: MakeVault) -> None:
    vault, report = imported(run, make_vault, "icloud.vcf")
    assert [(c["name"], c["path"], c["type"]) for c in report["created"]] == [
        ("Lars Berg", "Contacts/Lars Berg.md", "contact"),
        ("Chidi Okafor", "Contacts/Chidi Okafor.md", "contact"),
        ("Initech", "Companies/Initech.md", "company")]  # the company card: a company
    lars = vault / "Contacts/Lars Berg.md"
    assert frontmatter(lars) == {
        "type": "contact", "company": "[[Initech]]",  # the company of the same file
        "role": "Head of Data", "email": "lars.berg@initech.example",
        "phone": "+46 70 123 45 67",
        "linkedin": "https://www.linkedin.com/in/larsberg",  # X-SOCIALPROFILE, old form
        "website": "http://larsberg.example", "status": "prospect", "imported_from": "vCard"}
    assert "Introduced by Priya at the data meetup.\n" in body_notes(lars)
    assert frontmatter(vault / "Contacts/Chidi Okafor.md") == {
        "type": "contact", "aliases": ["Chi"], "company": "Hooli", "department": "Research",
        "role": "Research Scientist", "email": "chidi@hooli.example",
        "phone": "+1 (650) 555-0142",
        "linkedin": "https://www.linkedin.com/in/chidi-okafor",  # from x-user
        "tags": ["Referrals"], "status": "prospect", "imported_from": "vCard"}
    assert frontmatter(vault / "Companies/Initech.md") == {
        "type": "company", "website": "https://initech.example",
        "location": "Austin, TX, United States", "phone": "+1 (512) 555-0100",
        "imported_from": "vCard"}
    again = do_import(run, vault, "vcf", FIXTURES / "icloud.vcf")
    assert again["created"] == []
    assert [(m["path"], m["by"], m["type"]) for m in again["matched"]] == [
        ("Contacts/Lars Berg.md", "LinkedIn URL", "contact"),
        ("Contacts/Chidi Okafor.md", "LinkedIn URL", "contact"),
        ("Companies/Initech.md", "name", "company")]


def test_outlook_vcard_2_1_in_windows_1252(run: Run, make_vault: MakeVault) -> None:
    vault, report = imported(run, make_vault, "outlook-2.1-cp1252.vcf")
    assert [c["name"] for c in report["created"]] == ["Jürgen Müller", "Łukasz Wiśniewski"]
    assert report["notices"] == []  # every property said its character set
    jurgen = vault / "Contacts/Jürgen Müller.md"
    assert frontmatter(jurgen) == {
        "type": "contact", "company": "Bäckerei Müller GmbH", "department": "Vertrieb",
        "role": "Geschäftsführer", "email": "juergen.mueller@baeckerei-mueller.example",
        "phone": ["+49 30 1234567", "+49 170 1234567"],
        "website": "http://www.baeckerei-mueller.example", "status": "prospect",
        "imported_from": "vCard"}
    assert "Kennengelernt auf der Messe – später anrufen.\nEmpfohlen von Frau Schäfer.\n" \
        in body_notes(jurgen)
    assert frontmatter(vault / "Contacts/Łukasz Wiśniewski.md") == {
        "type": "contact", "company": "Café Contoso", "role": "CTO",
        "email": "lukasz@contoso.example", "status": "prospect", "imported_from": "vCard"}


def test_android_vcard_2_1_quoted_printable(run: Run, make_vault: MakeVault) -> None:
    vault, report = imported(run, make_vault, "android-2.1-qp.vcf")
    assert [(c["name"], c["line"]) for c in report["created"]] == [("王小明", 1),
                                                                   ("Ana Silva", 18)]
    wang = vault / "Contacts/王小明.md"
    assert frontmatter(wang) == {
        "type": "contact", "aliases": ["小王", "明仔"], "company": "腾讯",
        "department": "微信事业群", "role": "产品经理", "email": "xiaoming.wang@example.com",
        "phone": ["+86 138 0013 8000", "+86 10 6552 9988"],
        "linkedin": "https://www.linkedin.com/in/xiaoming-wang", "status": "prospect",
        "imported_from": "vCard"}
    assert "在深圳的产品大会上认识。\n他可以介绍支付团队的人。\n" in body_notes(wang)
    assert frontmatter(vault / "Contacts/Ana Silva.md") == {
        "type": "contact", "phone": "+55 11 91234-5678", "status": "prospect",
        "imported_from": "vCard"}
    # the nickname finds the person: a second import matches by alias, and by name
    assert do_import(run, vault, "vcf", FIXTURES / "android-2.1-qp.vcf")["created"] == []


def test_a_file_that_is_not_utf8_is_read_as_windows_1252_with_a_notice(
        run: Run, make_vault: MakeVault, tmp_path: Path) -> None:
    vault = make_vault()
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brontë\r\nORG:Société Générale\r\n"
            "END:VCARD\r\n").encode("cp1252")
    file = write(tmp_path, "thunderbird.vcf", card)
    report = do_import(run, vault, "vcf", file)
    assert [c["name"] for c in report["created"]] == ["Zoë Brontë"]
    assert frontmatter(vault / "Contacts/Zoë Brontë.md")["company"] == "Société Générale"
    assert report["notices"] == [{"line": 3, "message": "not UTF-8 text (and 1 more); read as "
                                  "Windows-1252, as Outlook writes it: check the names it "
                                  "gave"}]
    text = run("import", "vcf", file, "--vault", make_vault(), "--today", TODAY)
    assert text.code == 0 and "thunderbird.vcf:3: not UTF-8 text" in text.err


@pytest.mark.parametrize(("lines", "expected"), [
    (["NICKNAME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B0=8F=E7=8E=8B"],
     {"aliases": ["小王"]}),
    (["NICKNAME:Pri,P. Raman\\, PhD"], {"aliases": ["Pri", "P. Raman, PhD"]}),
    (["item1.URL:https\\://www.linkedin.com/in/jane", "item2.URL:https\\://jane.example"],
     {"linkedin": "https://www.linkedin.com/in/jane", "website": "https://jane.example"}),
    (["X-SOCIALPROFILE;type=linkedin;x-user=chidi:x-apple:chidi"],
     {"linkedin": "https://www.linkedin.com/in/chidi"}),
    (["X-SOCIALPROFILE;type=linkedin:http\\://www.linkedin.com/in/larsberg"],
     {"linkedin": "https://www.linkedin.com/in/larsberg"}),
    (["X-SOCIALPROFILE;type=twitter;x-user=jane:x-apple:jane"], {}),
    (["IMPP;X-SERVICE-TYPE=LinkedIn:https://linkedin.com/in/jdoe"],
     {"linkedin": "https://www.linkedin.com/in/jdoe"}),
    (["CATEGORIES:myContacts,starred,Friends"], {"tags": ["Friends"]}),
    (["ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9 R=F8d"], {"company": "Café Rød"}),
    (["ORG;CHARSET=klingon:Acme"], {"company": "Acme"}),
    (["NOTE;ENCODING=QUOTED-PRINTABLE:one=0D=0A=", "two"], {}),
])
def test_card_forms(run: Run, make_vault: MakeVault, tmp_path: Path, lines: list[str],
                    expected: dict[str, Any]) -> None:
    vault = make_vault()
    card = "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", "FN:Jane Doe", *lines, "END:VCARD", ""])
    report = do_import(run, vault, "vcf", write(tmp_path, "one.vcf", card.encode("utf-8")))
    assert report["created"][0]["name"] == "Jane Doe", report
    found = frontmatter(vault / "Contacts/Jane Doe.md")
    assert {k: found[k] for k in found if k not in ("type", "status", "imported_from")} == \
        expected
    if lines[0].startswith("NOTE"):
        assert "one\ntwo\n" in body_notes(vault / "Contacts/Jane Doe.md")


def test_a_company_card_matches_the_company_note(run: Run, make_vault: MakeVault,
                                                 tmp_path: Path) -> None:
    vault = make_vault({"Companies/Globex.md": "---\ntype: company\naliases: [Globex Corp]\n"
                                               "---\n"})
    before = (vault / "Companies/Globex.md").read_bytes()
    text = ("BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Globex Corp\nORG:Globex Corp\n"
            "END:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nORG:Globex Corp\nEND:VCARD\n"
            "BEGIN:VCARD\nVERSION:3.0\nFN:Friends\nX-ADDRESSBOOKSERVER-KIND:group\n"
            "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1\nEND:VCARD\n")
    report = do_import(run, vault, "vcf", write(tmp_path, "org.vcf", text))
    assert report["matched"] == [{"name": "Globex Corp", "path": "Companies/Globex.md",
                                  "by": "alias", "line": 1, "type": "company"}]
    assert (vault / "Companies/Globex.md").read_bytes() == before
    assert frontmatter(vault / "Contacts/Sam Lee.md")["company"] == "[[Globex]]"
    assert [(s["line"], s["reason"][:15]) for s in report["skipped"]] == [
        (12, "a group's card ")]


def test_apple_related_names_carry_the_graph_when_x_properties_are_lost(
        run: Run, make_vault: MakeVault, tmp_path: Path) -> None:
    vault = make_vault({"Contacts/Maya Chen.md": "---\ntype: contact\n---\n"})
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dan Ode\r\nitem1.X-ABRELATEDNAMES:Maya Chen\r\n"
            "item1.X-ABLabel:referred by\r\nitem2.X-ABRELATEDNAMES:Nobody Yet\r\n"
            "item2.X-ABLabel:connection\r\nitem3.X-ABRELATEDNAMES:Mum\r\n"
            "item3.X-ABLabel:_$!<Mother>!$_\r\nEND:VCARD\r\n")
    do_import(run, vault, "vcf", write(tmp_path, "related.vcf", text))
    dan = frontmatter(vault / "Contacts/Dan Ode.md")
    assert (dan["referred_by"], dan["connection"]) == ("[[Maya Chen]]", "Nobody Yet")
    assert run("doctor", "--vault", vault).code == 0  # the plain name is not a broken link


# -- export, then import ------------------------------------------------------------------------


def graph(run: Run, vault: Path) -> dict[str, tuple[Any, ...]]:
    """Each contact's status and the names its referred_by and connection resolve to."""
    listed = run("export", "json", "--vault", vault, "--today", TODAY).json()["contacts"]
    names = {c["path"]: c["name"] for c in listed}
    return {c["name"]: (c["status"], names.get(c["referred_by_path"]),
                        names.get(c["connection_path"]), c["referral_source"],
                        c["company"], tuple(c["emails"]), tuple(c["phones"]))
            for c in listed}


def test_export_vcf_then_import_keeps_status_referrals_and_connections(
        run: Run, tmp_path: Path) -> None:
    example, empty = tmp_path / "example", tmp_path / "empty"
    assert run("init", "--example", example, "--today", TODAY).code == 0
    assert run("init", empty).code == 0
    (example / "Contacts/Priya Raman.md").write_text(
        (example / "Contacts/Priya Raman.md").read_text(encoding="utf-8")
        .replace("status: prospect", "status: contacted"), encoding="utf-8")
    exported = run("export", "vcf", "--vault", example, "--today", TODAY, "-o",
                   tmp_path / "all.vcf")
    assert exported.code == 0, exported.err
    report = do_import(run, empty, "vcf", tmp_path / "all.vcf")
    assert report["skipped"] == [] and report["matched"] == []
    before, after = graph(run, example), graph(run, empty)
    assert after == before
    daniel = before["Daniel Okafor"]
    assert daniel[:3] == ("following-up", "Maya Chen", None)
    assert before["Tom Novak"][2] == "Aisha Bello" and before["Priya Raman"][0] == "contacted"
    note = (empty / "Contacts/Daniel Okafor.md").read_text(encoding="utf-8")
    assert 'referred_by: "[[Maya Chen]]"' in note and "Referred by" not in note  # no repeat
    problems = run("doctor", "--vault", empty, "--json").json()["problems"]
    assert [p for p in problems if p["kind"] == "link"] == []
