"""Link resolution: the resolver on its own, then through the index (``show``, ``doctor``, and the
documented ``links`` table), including re-resolution when notes come, go or change aliases."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from helpers import Cli, MakeVault, Run, note

from infoview.vault.links import LinkResolver, Resolution

NFC_JOSE = unicodedata.normalize("NFC", "José")
NFD_JOSE = unicodedata.normalize("NFD", "José")
assert NFC_JOSE != NFD_JOSE


# -- the resolver on its own ----------------------------------------------------------------------

NOTES = [
    "Contacts/Jane Doe.md",
    "Archive/2020/Jane Doe.md",
    "Archive/2020/Review.md",
    "Team A/Sam.md",
    "Team B/Sam.md",
    "Meeting.md",
    "Projects/X/dir1/Note.md",
    "Projects/Y/dir1/Note.md",
]


@pytest.fixture
def resolver() -> LinkResolver:
    return LinkResolver(NOTES, ["Attachments/photo.png", "diagram.pdf"],
                        {"Contacts/Jane Doe.md": ["Janey", "JD"], "Team A/Sam.md": ["JD"]})


@pytest.mark.parametrize(("target", "source", "expected"), [
    # an exact vault path, with or without .md, in any case; it beats the same folder
    ("Contacts/Jane Doe", "Archive/2020/Review.md", "Contacts/Jane Doe.md"),
    ("Contacts/Jane Doe.md", "Archive/2020/Review.md", "Contacts/Jane Doe.md"),
    ("contacts/JANE DOE", "Archive/2020/Review.md", "Contacts/Jane Doe.md"),
    ("Archive/2020/Jane Doe", "Meeting.md", "Archive/2020/Jane Doe.md"),
    # a partial path: the name under those folders
    ("2020/Jane Doe", "Meeting.md", "Archive/2020/Jane Doe.md"),
    # same folder wins over a shorter path
    ("Jane Doe", "Archive/2020/Review.md", "Archive/2020/Jane Doe.md"),
    ("jane doe", "Archive/2020/Review.md", "Archive/2020/Jane Doe.md"),
    # a partial path under the linking note's folder (Obsidian's relative link format)
    ("dir1/Note", "Projects/X/Index.md", "Projects/X/dir1/Note.md"),
    ("DIR1/note", "Projects/Y/Index.md", "Projects/Y/dir1/Note.md"),
    # otherwise the shortest path
    ("Jane Doe", "Meeting.md", "Contacts/Jane Doe.md"),
    ("Jane Doe", "Team A/Notes.md", "Contacts/Jane Doe.md"),
    ("Jane Doe.md", "Meeting.md", "Contacts/Jane Doe.md"),
    ("  Jane Doe ", "Meeting.md", "Contacts/Jane Doe.md"),
    # a tie is broken by the folder of the linking note
    ("Sam", "Team B/Overview.md", "Team B/Sam.md"),
    # attachments by their full file name, or path
    ("photo.png", "Meeting.md", "Attachments/photo.png"),
    ("PHOTO.PNG", "Meeting.md", "Attachments/photo.png"),
    ("Attachments/photo.png", "Meeting.md", "Attachments/photo.png"),
    ("diagram.pdf", "Contacts/Jane Doe.md", "diagram.pdf"),
    # aliases, when no note has that name
    ("Janey", "Meeting.md", "Contacts/Jane Doe.md"),
    ("JANEY", "Meeting.md", "Contacts/Jane Doe.md"),
    # Obsidian's relative-path link format
    ("../../Contacts/Jane Doe", "Archive/2020/Review.md", "Contacts/Jane Doe.md"),
    ("./Jane Doe", "Archive/2020/Review.md", "Archive/2020/Jane Doe.md"),
    ("./Meeting", "Notes.md", "Meeting.md"),
])
def test_resolves(resolver: LinkResolver, target: str, source: str, expected: str) -> None:
    assert resolver.resolve(target, source) == Resolution(expected, "ok")


@pytest.mark.parametrize(("target", "source"), [
    ("Sam", "Meeting.md"),          # two notes at the same depth, neither in the source's folder
    ("Sam", "Team C/Notes.md"),
    ("Sam.md", "Meeting.md"),
    ("JD", "Meeting.md"),           # an alias of two notes
    ("dir1/Note", "Projects/Index.md"),
])
def test_true_tie_is_ambiguous(resolver: LinkResolver, target: str, source: str) -> None:
    found = resolver.resolve(target, source)
    assert found.status == "ambiguous"
    assert found.path is None
    expected = {"Sam": ("Team A/Sam.md", "Team B/Sam.md"),
                "JD": ("Contacts/Jane Doe.md", "Team A/Sam.md"),
                "dir1/Note": ("Projects/X/dir1/Note.md", "Projects/Y/dir1/Note.md"),
                }[target.removesuffix(".md")]
    assert found.candidates == expected


@pytest.mark.parametrize("target", [
    "John Doe", "photo", "Wrong/Jane Doe", "ontacts/Jane Doe", "Contacts/Sam", "Jane",
    "../Jane Doe", "Jane Doe.png",
])
def test_unresolved(resolver: LinkResolver, target: str) -> None:
    assert resolver.resolve(target, "Meeting.md") == Resolution(None, "unresolved")


def test_a_note_name_beats_an_alias() -> None:
    resolver = LinkResolver(["People/Jane.md", "People/Janey.md"],
                            aliases={"People/Jane.md": ["Janey"]})
    assert resolver.resolve("Janey", "x.md") == Resolution("People/Janey.md", "ok")


def test_empty_target_is_the_note_itself(resolver: LinkResolver) -> None:
    assert resolver.resolve("", "Meeting.md") == Resolution("Meeting.md", "self")


@pytest.mark.parametrize(("file_name", "link"), [
    (NFD_JOSE, NFC_JOSE), (NFC_JOSE, NFD_JOSE), (NFD_JOSE, NFD_JOSE),
    (NFD_JOSE, NFC_JOSE.upper()),
])
def test_unicode_normalisation(file_name: str, link: str) -> None:
    path = f"Contacts/{file_name}.md"
    resolver = LinkResolver([path, "Other.md"], aliases={"Other.md": [f"{file_name} Jr"]})
    assert resolver.resolve(link, "Meeting.md") == Resolution(path, "ok")
    assert resolver.resolve(f"Contacts/{link}", "Meeting.md") == Resolution(path, "ok")
    assert resolver.resolve(f"{link} jr", "Meeting.md") == Resolution("Other.md", "ok")


@pytest.mark.parametrize("order", [1, -1])
def test_paths_differing_only_in_case(order: int) -> None:
    """On a case-sensitive file system two notes may differ only in case: the one written exactly
    as the link wins (whatever order the walk found them in); otherwise it is ambiguous."""
    resolver = LinkResolver(["Contacts/Jane.md", "Contacts/jane.md"][::order])
    assert resolver.resolve("Contacts/Jane", "x.md") == Resolution("Contacts/Jane.md", "ok")
    assert resolver.resolve("Contacts/jane.md", "x.md") == Resolution("Contacts/jane.md", "ok")
    found = resolver.resolve("CONTACTS/JANE", "x.md")
    assert (found.path, found.status) == (None, "ambiguous")
    assert resolver.resolve("Jane", "x.md").status == "ambiguous"


# -- through the index ----------------------------------------------------------------------------

@pytest.fixture
def iv(run: Run) -> Cli:
    return Cli(run)


@pytest.fixture
def vault(make_vault: MakeVault) -> Path:
    return make_vault({
        "Contacts/Jane Doe.md": note("aliases: [Janey]\ncompany: Acme\nrole: Engineer"),
        "Companies/Acme.md": note("type: company"),
        "Archive/2020/Jane Doe.md": note("name: Old Jane"),
        "Archive/2020/Review.md": "Talked to [[Jane Doe]].\n",
        "Archive/2020/Explicit.md": "See [[Contacts/Jane Doe]].\n",
        "Meeting.md": note('contact: "[[Jane Doe]]"', "Met [[jane doe|her]] today.\n"),
        "Team A/Sam.md": "",
        "Team B/Sam.md": "",
        "Team A/Overview.md": "Lead: [[Sam]]\n",
        "Index.md": "# Index\n\nTeams: [[Team A/Sam]] and\n[[Sam]] again.\n",
    })


def test_same_folder_then_shortest_path(vault: Path, iv: Cli) -> None:
    assert iv.linked_from(vault, "Archive/2020/Jane Doe") == ["Archive/2020/Review.md"]
    assert iv.linked_from(vault, "Contacts/Jane Doe") == ["Archive/2020/Explicit.md", "Meeting.md"]
    assert iv.resolved_from(vault, "Meeting.md") == {
        "Jane Doe": ("Contacts/Jane Doe.md", "ok"), "jane doe": ("Contacts/Jane Doe.md", "ok")}
    assert iv.resolved_from(vault, "Team A/Overview.md") == {"Sam": ("Team A/Sam.md", "ok")}


def test_explicit_path_beats_same_folder(vault: Path, iv: Cli) -> None:
    assert iv.resolved_from(vault, "Archive/2020/Explicit.md") == {
        "Contacts/Jane Doe": ("Contacts/Jane Doe.md", "ok")}


def test_true_tie_reported_by_doctor(vault: Path, iv: Cli) -> None:
    problems = iv.doctor_links(vault)
    assert [(p, line) for p, line, _ in problems] == [("Index.md", 4)]
    assert "[[Sam]]" in problems[0][2] and "ambiguous" in problems[0][2]
    assert iv.resolved_from(vault, "Index.md") == {
        "Team A/Sam": ("Team A/Sam.md", "ok"), "Sam": (None, "ambiguous")}


def test_show_details_of_the_linked_note(vault: Path, iv: Cli) -> None:
    shown = iv.json("show", "Jane Doe", "--vault", vault)
    assert shown["path"] == "Contacts/Jane Doe.md"
    assert shown["type"] == "contact"
    assert shown["details"]["role"] == "Engineer"
    assert [c["path"] for c in iv.json("show", "Acme", "--vault", vault)["contacts"]] == [
        "Contacts/Jane Doe.md"]


@pytest.mark.parametrize(("file_name", "link"), [(NFD_JOSE, NFC_JOSE), (NFC_JOSE, NFD_JOSE)])
def test_unicode_normalisation_in_the_index(make_vault: MakeVault, iv: Cli, file_name: str,
                                            link: str) -> None:
    vault = make_vault({
        f"Contacts/{file_name} Ruiz.md": note("role: Designer"),
        "Interviews/Call.md": note(
            f'type: interview\ncontact: "[[{link} Ruiz]]"',
            f"Body link [[{link.upper()} RUIZ]] and [[Contacts/{link} Ruiz]]"),
        "Notes.md": note(f"connection: {link} Ruiz"),
    })
    assert iv.doctor_links(vault) == []
    path = f"Contacts/{file_name} Ruiz.md"
    assert {t: r for _, t, r, _ in iv.links_table(vault)} == {
        f"{link} Ruiz": path, f"{link.upper()} RUIZ": path, f"Contacts/{link} Ruiz": path}
    for name in (f"{NFC_JOSE} Ruiz", f"{NFD_JOSE} ruiz"):
        shown = iv.json("show", name, "--vault", vault)
        assert shown["path"] == path
        assert shown["details"] == {"role": "Designer"}
        assert [i["path"] for i in shown["interviews"]] == ["Interviews/Call.md"]
        assert [i["path"] for i in shown["linked_from"]] == ["Notes.md"]


def test_md_suffix_case_and_heading_in_links(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": "",
        "Notes.md": "[[Jane Doe.md]] [[JANE DOE#Notes]] [[jane doe#^block|x]] [[#Top]]\n\n"
                    "| who |\n|---|\n| [[Jane Doe\\|Jane]] |\n",
    })
    assert iv.doctor_links(vault) == []
    rows = iv.resolved_from(vault, "Notes.md")
    assert rows == {"Jane Doe.md": ("Contacts/Jane Doe.md", "ok"),
                    "JANE DOE": ("Contacts/Jane Doe.md", "ok"),
                    "jane doe": ("Contacts/Jane Doe.md", "ok"),
                    "Jane Doe": ("Contacts/Jane Doe.md", "ok"),
                    "": ("Notes.md", "self")}
    assert iv.linked_from(vault, "Jane Doe") == ["Notes.md"]


def test_attachments(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Attachments/photo.png": b"\x89PNG\r\n\x1a\n",
        "Files/Résumé.pdf": b"%PDF-1.4\n",
        "Contacts/Jane Doe.md": note("photo: \"[[photo.png]]\"",
                                     "![[photo.png]]\n\n![[Résumé.pdf#page=2]]\n\n"
                                     "![[Attachments/photo.png|200]]\n\n![[missing.png]]\n"),
    })
    rows = iv.links_table(vault)
    assert rows == [
        ("Contacts/Jane Doe.md", "photo.png", "Attachments/photo.png", "ok"),
        ("Contacts/Jane Doe.md", "photo.png", "Attachments/photo.png", "ok"),
        ("Contacts/Jane Doe.md", "Résumé.pdf", "Files/Résumé.pdf", "ok"),
        ("Contacts/Jane Doe.md", "Attachments/photo.png", "Attachments/photo.png", "ok"),
        ("Contacts/Jane Doe.md", "missing.png", None, "unresolved"),
    ]
    problems = iv.doctor_links(vault)
    assert [(p, line) for p, line, _ in problems] == [("Contacts/Jane Doe.md", 10)]
    assert "[[missing.png]]" in problems[0][2]


def test_aliases(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": note("aliases:\n  - Janey\n  - J. Doe"),
        "Interviews/Coffee.md": note("type: interview\ncontact: Janey\ndate: 2026-01-05"),
        "Interviews/Lunch.md": note('type: interview\ncontact: "[[J. Doe]]"\ndate: 2026-02-05'),
        "Notes.md": "Ask [[janey|her]] about it.\n",
    })
    assert iv.doctor_links(vault) == []
    shown = iv.json("show", "Janey", "--vault", vault)
    assert shown["path"] == "Contacts/Jane Doe.md"
    assert [i["path"] for i in shown["interviews"]] == ["Interviews/Lunch.md",
                                                       "Interviews/Coffee.md"]
    assert [i["path"] for i in shown["linked_from"]] == ["Notes.md"]


def test_unresolved_links_reported_with_file_and_line(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": "",
        "Interviews/Call.md": note('type: interview\ndate: 2026-01-05\ncontact: "[[John Roe]]"',
                                   "# Call\n\nMet [[Jane Doe]], then [[Nobody Here#x|n]].\n"),
    })
    problems = iv.doctor_links(vault)
    assert [(p, line) for p, line, _ in problems] == [("Interviews/Call.md", 4),
                                                     ("Interviews/Call.md", 8)]
    assert "[[John Roe]]" in problems[0][2]
    assert "[[Nobody Here]]" in problems[1][2]
    text = iv.run("doctor", "--vault", vault)
    assert text.code == 1
    assert "Interviews/Call.md:4: " in text.out and "Interviews/Call.md:8: " in text.out


def test_plain_text_in_link_fields(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Companies/Acme.md": note("type: company"),
        "Contacts/Jane Doe.md": note("company: Acme\nreferred_by: Sam Smith"),
        "Contacts/Bob.md": note("company: Nonexistent Corp\nconnection: Nobody Known\n"
                                "role: Acme"),  # role is not a link field
        "Notes.md": note("title: Jane Doe"),
        "Interviews/Panel.md": note("type: interview\ncontact: [Jane Doe, Ghost Person]"),
    })
    assert iv.doctor_links(vault) == []
    assert iv.run("doctor", "--vault", vault).code == 0
    shown = iv.json("show", "Acme", "--vault", vault)
    assert [c["path"] for c in shown["contacts"]] == ["Contacts/Jane Doe.md"]
    assert shown["linked_from"] == []  # already listed under contacts
    assert iv.linked_from(vault, "Jane Doe") == []  # `title` is no link field
    shown = iv.json("show", "Jane Doe", "--vault", vault)
    assert [i["path"] for i in shown["interviews"]] == ["Interviews/Panel.md"]
    assert iv.resolved_from(vault, "Interviews/Panel.md") == {
        "Jane Doe": ("Contacts/Jane Doe.md", "ok"), "Ghost Person": (None, "unresolved")}
    assert iv.resolved_from(vault, "Contacts/Bob.md") == {
        "Nonexistent Corp": (None, "unresolved"), "Nobody Known": (None, "unresolved")}


def test_links_inside_code_never_count(make_vault: MakeVault, iv: Cli) -> None:
    body = (
        "Real: [[Target]]\n\n"
        "Inline `[[Code One]]` and ``a ` [[Code Two]]`` here.\n\n"
        "```\n[[Code Three]]\n```\n\n"
        "~~~markdown\n[[Code Four]]\n~~~\n\n"
        "    [[Code Five]] indented\n\n"
        "- item\n\n  ```\n  [[Code Six]]\n  ```\n\n"
        "> quote `[[Code Seven]]`\n"
    )
    vault = make_vault({
        "Target.md": "", "Code One.md": "", "Code Three.md": "", "Code Six.md": "",
        "Notes.md": body,
    })
    assert iv.doctor_links(vault) == []
    assert iv.links_table(vault) == [("Notes.md", "Target", "Target.md", "ok")]
    assert iv.json("doctor", "--vault", vault)["notes"]["links"] == 1
    for name in ("Code One", "Code Three", "Code Six"):
        assert iv.linked_from(vault, name) == []
    assert iv.linked_from(vault, "Target") == ["Notes.md"]


def test_conflict_copies_and_hidden_notes_are_no_candidates(make_vault: MakeVault,
                                                            iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": "",
        "Contacts/Jane Doe.sync-conflict-20260101-120000-ABCDEFG.md": "",
        "Jane Doe (conflicted copy 2026-01-01).md": "",
        ".trash/Jane Doe.md": "",
        "Templates/Jane Doe.md": "",
        "Notes.md": "[[Jane Doe]]\n",
    })
    assert iv.resolved_from(vault, "Notes.md") == {"Jane Doe": ("Contacts/Jane Doe.md", "ok")}
    assert iv.doctor_links(vault) == []


# -- re-resolution as the vault changes -----------------------------------------------------------

def test_creating_the_target_resolves_old_links(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Interviews/Call.md": note('type: interview\ncontact: "[[Bob Stone]]"', "[[Bob Stone]]"),
        "Notes.md": note("connection: Bob Stone"),
    })
    iv.sync(vault)
    assert len(iv.doctor_links(vault)) == 2
    (vault / "Contacts").mkdir()
    (vault / "Contacts/Bob Stone.md").write_text("", encoding="utf-8")
    assert iv.sync(vault)["added"] == ["Contacts/Bob Stone.md"]
    assert iv.doctor_links(vault) == []
    shown = iv.json("show", "Bob Stone", "--vault", vault)
    assert [i["path"] for i in shown["interviews"]] == ["Interviews/Call.md"]
    assert [i["path"] for i in shown["linked_from"]] == ["Notes.md"]


def test_deleting_the_target_unresolves_links(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Bob Stone.md": "",
        "Notes.md": "[[Bob Stone]]\n",
        "Other.md": note("connection: Bob Stone"),
    })
    assert iv.doctor_links(vault) == []
    (vault / "Contacts/Bob Stone.md").unlink()
    problems = iv.doctor_links(vault)  # a read command brings the index up to date first
    assert [(p, line) for p, line, _ in problems] == [("Notes.md", 1)]
    assert iv.resolved_from(vault, "Other.md") == {"Bob Stone": (None, "unresolved")}


def test_rename_re_resolves_links(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": "",
        "Old.md": "[[Jane Doe]]\n",
        "New.md": "[[Jane Smith]]\n",
    })
    assert [p for p, _, _ in iv.doctor_links(vault)] == ["New.md"]
    (vault / "Contacts/Jane Doe.md").rename(vault / "Contacts/Jane Smith.md")
    report = iv.sync(vault)
    assert (report["added"], report["removed"]) == (["Contacts/Jane Smith.md"],
                                                    ["Contacts/Jane Doe.md"])
    assert [p for p, _, _ in iv.doctor_links(vault)] == ["Old.md"]
    assert iv.linked_from(vault, "Jane Smith") == ["New.md"]


def test_new_note_in_the_same_folder_takes_over(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": "",
        "Archive/Review.md": "[[Jane Doe]]\n",
        "Meeting.md": "[[Jane Doe]]\n",
    })
    assert iv.resolved_from(vault, "Archive/Review.md") == {
        "Jane Doe": ("Contacts/Jane Doe.md", "ok")}
    (vault / "Archive/Jane Doe.md").write_text("", encoding="utf-8")
    assert iv.resolved_from(vault, "Archive/Review.md") == {
        "Jane Doe": ("Archive/Jane Doe.md", "ok")}
    # Meeting.md now sees two notes at the same depth: ambiguous, and reported
    assert iv.resolved_from(vault, "Meeting.md") == {"Jane Doe": (None, "ambiguous")}
    assert [p for p, _, _ in iv.doctor_links(vault)] == ["Meeting.md"]
    (vault / "Archive/Jane Doe.md").unlink()
    assert iv.resolved_from(vault, "Meeting.md") == {"Jane Doe": ("Contacts/Jane Doe.md", "ok")}
    assert iv.doctor_links(vault) == []


def test_editing_aliases_re_resolves_other_notes(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": note("role: Engineer"),
        "Notes.md": "[[Janey]]\n",
        "Interviews/Call.md": note("type: interview\ncontact: Janey"),
    })
    assert [p for p, _, _ in iv.doctor_links(vault)] == ["Notes.md"]
    (vault / "Contacts/Jane Doe.md").write_text(note("role: Engineer\naliases: [Janey]"),
                                                encoding="utf-8")
    assert iv.sync(vault)["changed"] == ["Contacts/Jane Doe.md"]
    assert iv.doctor_links(vault) == []
    shown = iv.json("show", "Jane Doe", "--vault", vault)
    assert [i["path"] for i in shown["interviews"]] == ["Interviews/Call.md"]
    assert [i["path"] for i in shown["linked_from"]] == ["Notes.md"]
    (vault / "Contacts/Jane Doe.md").write_text(note("role: Engineer"), encoding="utf-8")
    assert [p for p, _, _ in iv.doctor_links(vault)] == ["Notes.md"]
    assert iv.resolved_from(vault, "Interviews/Call.md") == {"Janey": (None, "unresolved")}


def test_adding_and_removing_an_attachment(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({"Notes.md": "![[photo.png]]\n"})
    assert [p for p, _, _ in iv.doctor_links(vault)] == ["Notes.md"]
    (vault / "photo.png").write_bytes(b"\x89PNG")
    assert iv.doctor_links(vault) == []
    assert iv.resolved_from(vault, "Notes.md") == {"photo.png": ("photo.png", "ok")}
    (vault / "photo.png").unlink()
    assert [p for p, _, _ in iv.doctor_links(vault)] == ["Notes.md"]


def test_relative_path_links_in_the_index(make_vault: MakeVault, iv: Cli) -> None:
    """Obsidian's "relative path to file" link format: ``[[../Contacts/Jane Doe]]``."""
    vault = make_vault({
        "Contacts/Jane Doe.md": "",
        "Interviews/2026/Call.md": note('type: interview\ncontact: "[[../../Contacts/Jane Doe]]"',
                                        "[[./Prep|prep]] and [[../../../Outside]]\n"),
        "Interviews/2026/Prep.md": "",
    })
    assert iv.resolved_from(vault, "Interviews/2026/Call.md") == {
        "../../Contacts/Jane Doe": ("Contacts/Jane Doe.md", "ok"),
        "./Prep": ("Interviews/2026/Prep.md", "ok"),
        "../../../Outside": (None, "unresolved"),
    }
    assert [line for _, line, _ in iv.doctor_links(vault)] == [5]
    shown = iv.json("show", "Jane Doe", "--vault", vault)
    assert [i["path"] for i in shown["interviews"]] == ["Interviews/2026/Call.md"]


def test_partial_path_under_the_linking_notes_folder(make_vault: MakeVault, iv: Cli) -> None:
    """Two copies of one folder tree (an export beside its input): ``[[dir1/Note]]`` means the
    one under the linking note's own folder."""
    files = {}
    for tree in ("input", "expected"):
        files[f"{tree}/dir1/Note.md"] = ""
        files[f"{tree}/Note.md"] = "[[dir1/Note]]\n"
    files["Other.md"] = "[[dir1/Note]]\n"
    vault = make_vault(files)
    assert iv.resolved_from(vault, "input/Note.md") == {"dir1/Note": ("input/dir1/Note.md", "ok")}
    assert iv.resolved_from(vault, "expected/Note.md") == {
        "dir1/Note": ("expected/dir1/Note.md", "ok")}
    assert [(p, line) for p, line, _ in iv.doctor_links(vault)] == [("Other.md", 1)]


def test_links_into_the_templates_folder_resolve(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        "Templates/Bases/People.base": "views: []\n",
        "Templates/Contact Template.md": note("name: {{title}}"),
        "Categories/People.md": "![[People.base]]\n\nNew people from [[Contact Template]].\n",
    })
    assert iv.contacts(vault) == []
    assert iv.doctor_links(vault) == []


def test_resolving_a_changed_note_agrees_with_a_full_sync(make_vault: MakeVault, iv: Cli) -> None:
    """A sync that reads a few notes looks names up in the index; a full sync builds the whole
    resolver in memory. Both must give every link the same answer."""
    links = ("[[Jane Doe]] [[Contacts/Jane Doe]] [[jane doe.md]] [[Janey]] [[Twin]] "
             "[[Work/Twin]] [[Nobody]] [[photo.png]] [[Interview]] [[./Twin]] [[Pat]] "
             "[[JOSÉ]] [[Archive/Old/Sam]] [[#Heading]] [[Dup]]")
    vault = make_vault({
        "Contacts/Jane Doe.md": note("aliases: [Janey]"),
        "Contacts/José.md": "",
        "Home/Twin.md": "", "Work/Twin.md": "",
        "Archive/Old/Sam.md": "",
        "A/Dup.md": note("aliases: [Pat]"), "B/Dup.md": note("aliases: [Pat]"),
        "Attachments/photo.png": "png",
        "Templates/Interview.md": "",
        "Work/Notes.md": "first version\n",
    })
    iv.sync(vault)
    (vault / "Work" / "Notes.md").write_text(f"{links}\n", encoding="utf-8")
    iv.sync(vault)  # only Work/Notes.md is read: its links are resolved from the index
    incremental = iv.resolved_from(vault, "Work/Notes.md")
    assert len(incremental) == 15
    iv.json("sync", "--full", "--vault", vault)
    assert iv.resolved_from(vault, "Work/Notes.md") == incremental
    assert incremental["Janey"] == ("Contacts/Jane Doe.md", "ok")
    assert incremental["Twin"] == ("Work/Twin.md", "ok")  # same folder
    assert incremental["Pat"] == (None, "ambiguous")
    assert incremental["Interview"] == ("Templates/Interview.md", "ok")
