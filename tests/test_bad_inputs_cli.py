"""Bad files in a vault, through the command line: ``sync`` indexes what it can and exits 0,
``doctor`` reports each bad note as ``path:line: message`` and exits 1; templates, hidden folders
and temp files are not notes; sync-conflict copies are reported, never taken as people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import MakeVault, Run

GOOD = {
    "Contacts/Jane Doe.md": (
        "---\n"
        "type: contact\n"
        "name: Jane Doe\n"
        'company: "[[Acme]]"\n'
        "role: Engineering Manager\n"
        "phone: 0123 456\n"
        "email: jane@acme.example\n"
        "status: interviewed\n"
        "---\n"
        "Met through [[Sam Ortiz]].\n"
    ),
    # a BOM, CRLF line endings and YAML 1.1 look-alikes: all fine
    "Contacts/Sam Ortiz.md": (
        "\ufeff---\r\ntype: contact\r\nname: Sam Ortiz\r\nrole: no\r\nphone: 0123\r\n"
        "status: prospect\r\n---\r\nRecruiter.\r\n"
    ),
    # a round bracket in a name is not a conflict copy
    "Contacts/Ann Lee (copy editor).md": "---\nstatus: contacted\n---\n",
    "Companies/Acme.md": "---\ntype: company\nindustry: Software\n---\nResearch.\n",
    "Interviews/2026-11-24 Jane Doe.md": (
        "---\n"
        "type: interview\n"
        'contact: "[[Jane Doe]]"\n'
        "date: 2026-11-24T15:00:00-08:00\n"
        "duration: 30\n"
        "---\n"
        "## Referrals\n"
        "- [[Sam Ortiz]]\n"
    ),
}
GOOD_CONTACTS = ["Ann Lee (copy editor)", "Jane Doe", "Sam Ortiz"]

# path -> (content, line doctor reports, a word of its message)
BAD: dict[str, tuple[str | bytes, int, str]] = {
    "Notes/Unclosed.md": ("---\ntype: contact\nname: Unclosed\n\nBody.\n", 1, "closed"),
    "Notes/Bad Indent.md": ("---\ntype: contact\nname: X\n  role: y\n---\n", 4, "frontmatter"),
    "Notes/Two Colons.md": ("---\ntype: contact\nname: X\nemail: a: b\n---\n", 4, "frontmatter"),
    "Notes/Placeholder.md": (
        "---\ntype: interview\ncontact: \"[[Jane Doe]]\"\ndate: {{date}}\n---\n", 4, "{{date}}",
    ),
    "Notes/Latin-1.md": (
        "---\ntype: contact\nname: René\n---\n".encode("latin-1"), 3, "UTF-8",
    ),
    "Notes/Not A Mapping.md": ("---\n- Jane\n- Sam\n---\nText.\n", 2, "key: value"),
    "Notes/Bad Date.md": ("---\ntype: interview\ndate: 2026-02-30\n---\n", 3, "2026-02-30"),
    "Notes/Open Quote.md": (
        '---\ntype: contact\nname: "Open\nrole: x\n---\n', 3, "frontmatter",
    ),
    "Notes/Windows.md": (
        "\ufeff---\r\ntype: contact\r\nname: W\r\nemail: a: b\r\n---\r\n".encode(), 4,
        "frontmatter",
    ),
    "Notes/Bad Body Bytes.md": (b"---\nname: B\n---\nfine\n\xff\xfe\n- item\n", 5, "UTF-8"),
}


def bad_vault(make_vault: MakeVault) -> Path:
    return make_vault({**GOOD, **{path: content for path, (content, _, _) in BAD.items()}})


def listed(run: Run, vault: Path, kind: str = "contacts") -> list[dict[str, Any]]:
    result = run("list", kind, "--vault", vault, "--json")
    assert result.code == 0, result.err
    records: list[dict[str, Any]] = result.json()[kind]
    return records


def contact_names(run: Run, vault: Path) -> list[str]:
    return sorted(record["name"] for record in listed(run, vault))


# --- a vault with one of each bad file ------------------------------------------------------------


def test_sync_indexes_the_good_notes_and_exits_0(make_vault: MakeVault,
                                                  run: Run) -> None:
    vault = bad_vault(make_vault)
    result = run("sync", "--vault", vault, "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert sorted(report["added"]) == sorted([*GOOD, *BAD])
    assert sorted({p["path"] for p in report["problems"]}) == sorted(BAD)
    assert "Traceback" not in result.err

    contacts = {r["name"]: r for r in listed(run, vault)}
    assert set(GOOD_CONTACTS) <= set(contacts)
    jane = contacts["Jane Doe"]
    assert (jane["company"], jane["role"], jane["status"]) == (
        "Acme", "Engineering Manager", "interviewed")
    assert contacts["Sam Ortiz"]["role"] == "no"
    assert [r["path"] for r in listed(run, vault, "companies")] == ["Companies/Acme.md"]
    interviews = listed(run, vault, "interviews")
    assert [(r["path"], r["contact"], r["duration"]) for r in interviews] == [
        ("Interviews/2026-11-24 Jane Doe.md", "Jane Doe", "30"),
    ]


def test_sync_text_output_names_each_bad_note(make_vault: MakeVault,
                                              run: Run) -> None:
    vault = bad_vault(make_vault)
    result = run("sync", "--vault", vault)
    assert result.code == 0, result.err
    for path, (_, line, _) in BAD.items():
        assert f"{path}:{line}: " in result.err, path


def test_doctor_reports_each_bad_note_with_its_line(make_vault: MakeVault,
                                                    run: Run) -> None:
    vault = bad_vault(make_vault)
    run("sync", "--vault", vault)
    result = run("doctor", "--vault", vault)
    assert result.code == 1
    lines = result.out.splitlines()
    for path, (_, line, word) in BAD.items():
        found = [text for text in lines if text.startswith(f"{path}:{line}: ")]
        assert len(found) == 1, (path, lines)
        assert word in found[0], found[0]
    assert not [text for text in lines if text.startswith(tuple(GOOD))], lines
    assert "Traceback" not in result.err


def test_doctor_json_lists_the_problems_with_their_kind(make_vault: MakeVault,
                                                        run: Run) -> None:
    vault = bad_vault(make_vault)
    result = run("doctor", "--vault", vault, "--json")  # no sync first: doctor indexes itself
    assert result.code == 1
    report = result.json()
    found = {(p["path"], p["line"], p["kind"]) for p in report["problems"]}
    assert found == {(path, line, "error") for path, (_, line, _) in BAD.items()}
    assert all(p["message"] for p in report["problems"])
    assert report["notes"]["read_problems"] == len(BAD)
    assert Path(report["vault"]) == vault.resolve()


def test_fixing_a_note_clears_its_problem(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**GOOD, "Notes/Two Colons.md": BAD["Notes/Two Colons.md"][0]})
    assert run("doctor", "--vault", vault).code == 1
    (vault / "Notes" / "Two Colons.md").write_text("---\ntype: contact\nname: X\n---\n",
                                                    encoding="utf-8")
    result = run("doctor", "--vault", vault, "--json")
    assert (result.code, result.json()["problems"]) == (0, [])
    assert "X" in contact_names(run, vault)


def test_a_vault_of_good_notes_has_no_problems(make_vault: MakeVault,
                                               run: Run) -> None:
    vault = make_vault(GOOD)
    assert run("sync", "--vault", vault).code == 0
    result = run("doctor", "--vault", vault, "--json")
    assert result.code == 0, result.out
    report = result.json()
    assert report["problems"] == []
    assert (report["notes"]["contact"], report["notes"]["company"],
            report["notes"]["interview"]) == (3, 1, 1)
    text = run("doctor", "--vault", vault)
    assert (text.code, text.out) == (0, "")
    assert contact_names(run, vault) == GOOD_CONTACTS


def test_end_to_end_in_a_child_process(make_vault: MakeVault,
                                       run_process: Run) -> None:
    vault = bad_vault(make_vault)
    sync = run_process("sync", "--vault", vault)
    assert sync.code == 0, sync.err
    doctor = run_process("doctor", "--vault", vault, "--json")
    assert doctor.code == 1, doctor.err
    found = {(p["path"], p["line"]) for p in doctor.json()["problems"]}
    assert found == {(path, line) for path, (_, line, _) in BAD.items()}
    listing = run_process("list", "--vault", vault, "--json")
    assert listing.code == 0, listing.err
    assert set(GOOD_CONTACTS) <= {r["name"] for r in listing.json()["contacts"]}
    assert "Traceback" not in sync.err + doctor.err + listing.err


def test_end_to_end_good_vault_exits_0(make_vault: MakeVault,
                                       run_process: Run) -> None:
    vault = make_vault(GOOD)
    doctor = run_process("doctor", "--vault", vault)
    assert (doctor.code, doctor.out) == (0, ""), doctor.err


# --- templates are not data -----------------------------------------------------------------------

TEMPLATE = (
    "---\n"
    "type: contact\n"
    "name: {{title}}\n"
    "last_contact: {{date}}\n"
    "company: \"[[{{company}}]]\"\n"
    "---\n"
    "# {{title}}\n"
    "Met on {{date:YYYY-MM-DD}} via [[Nobody Here]].\n"
)


@pytest.mark.parametrize(
    ("config", "folder"),
    [("", "Templates"), ('[folders]\ntemplates = "Meta/My Templates"\n', "Meta/My Templates")],
)
def test_templates_are_not_reported_or_listed(make_vault: MakeVault, run: Run,
                                              config: str, folder: str) -> None:
    vault = make_vault({
        **GOOD,
        ".infoview/config.toml": config,
        f"{folder}/Contact.md": TEMPLATE,
        f"{folder}/Nested/Interview.md": "---\ntype: interview\ndate: {{date}}\n---\n",
    })
    assert run("sync", "--vault", vault).code == 0
    result = run("doctor", "--vault", vault, "--json")
    assert (result.code, result.json()["problems"]) == (0, [])
    assert contact_names(run, vault) == GOOD_CONTACTS
    assert listed(run, vault, "interviews")[0]["path"] == "Interviews/2026-11-24 Jane Doe.md"
    assert len(listed(run, vault, "interviews")) == 1


def test_the_same_template_outside_the_templates_folder_is_reported(
    make_vault: MakeVault, run: Run
) -> None:
    vault = make_vault({**GOOD, "Contacts/Untitled.md": TEMPLATE})
    result = run("doctor", "--vault", vault, "--json")
    assert result.code == 1
    problems = [(p["path"], p["line"], p["kind"]) for p in result.json()["problems"]]
    assert ("Contacts/Untitled.md", 3, "error") in problems
    assert "placeholder" in next(p["message"] for p in result.json()["problems"]
                                 if p["path"] == "Contacts/Untitled.md" and p["line"] == 3)


# --- files that are not notes ---------------------------------------------------------------------

NOT_NOTES = [
    ".obsidian/Ghost One.md",
    ".obsidian/plugins/x/Ghost Two.md",
    ".trash/Ghost Three.md",
    ".git/Ghost Four.md",
    "Contacts/.trash/Ghost Five.md",
    "Contacts/Ghost Six.md.tmp",
    "Contacts/Ghost Seven.md~",
    "Contacts/.Ghost Eight.md.swp",
    "Contacts/.syncthing.Ghost Nine.md.tmp",
    "Contacts/.Ghost Ten.md.icloud",
    "Contacts/Ghost Eleven.txt",
    "Contacts/Ghost Twelve.markdown",
]


def ghost(path: str) -> str:
    name = path.rsplit("/", 1)[-1].split(".md")[0].lstrip(".")
    return (f"---\ntype: contact\nname: {name}\nemail: a: b\n---\n"
            f"zyzzyva [[Missing {name}]]\n")


def test_hidden_and_temporary_files_are_not_notes(make_vault: MakeVault,
                                                  run: Run) -> None:
    vault = make_vault({**GOOD, **{path: ghost(path) for path in NOT_NOTES}})
    sync = run("sync", "--vault", vault, "--json")
    assert sync.code == 0, sync.err
    assert sorted(sync.json()["added"]) == sorted(GOOD)
    assert contact_names(run, vault) == GOOD_CONTACTS
    doctor = run("doctor", "--vault", vault, "--json")
    assert (doctor.code, doctor.json()["problems"]) == (0, []), doctor.out
    search = run("search", "zyzzyva", "--vault", vault, "--json")
    assert (search.code, search.json()["results"]) == (0, [])


# --- sync-conflict copies -------------------------------------------------------------------------

CONFLICTS = [
    "Contacts/Jane Doe.sync-conflict-20240101-120000-ABCDEFG.md",
    "Contacts/Jane Doe (conflicted copy 2024-01-01).md",
    "Contacts/Jane Doe (Conflicted copy 2024-01-01).md",
    "Contacts/Jane Doe (Jane's MacBook conflicted copy 2024-01-01).md",
    "Interviews/2026-11-24 Jane Doe.sync-conflict-20261124-090000-XYZ1234.md",
]


def conflict_copy(path: str) -> str:
    return (f"---\ntype: contact\nname: Copy {CONFLICTS.index(path)}\n"
            "email: other@acme.example\n---\nzyzzyva [[Nobody]]\n")


def test_conflict_copies_are_reported_and_never_listed(make_vault: MakeVault,
                                                       run: Run) -> None:
    vault = make_vault({**GOOD, **{path: conflict_copy(path) for path in CONFLICTS}})
    sync = run("sync", "--vault", vault, "--json")
    assert sync.code == 0, sync.err
    assert sorted(sync.json()["conflicts"]) == sorted(CONFLICTS)
    assert sorted(sync.json()["added"]) == sorted(GOOD)

    assert contact_names(run, vault) == GOOD_CONTACTS
    assert len(listed(run, vault, "interviews")) == 1

    doctor = run("doctor", "--vault", vault, "--json")
    assert doctor.code == 1
    problems = doctor.json()["problems"]
    assert sorted((p["path"], p["kind"]) for p in problems) == sorted(
        (path, "conflict") for path in CONFLICTS)
    assert all(p["line"] is None for p in problems)

    text = run("doctor", "--vault", vault)
    assert text.code == 1
    for path in CONFLICTS:
        assert any(line.startswith(f"{path}: ") and "conflict" in line
                   for line in text.out.splitlines()), path

    search = run("search", "zyzzyva", "--vault", vault, "--json")
    assert search.json()["results"] == []


def test_a_conflict_copy_appearing_later_is_reported(make_vault: MakeVault,
                                                     run: Run) -> None:
    vault = make_vault(GOOD)
    assert run("doctor", "--vault", vault).code == 0
    copy = CONFLICTS[1]
    (vault / copy).write_text(conflict_copy(copy), encoding="utf-8")
    result = run("doctor", "--vault", vault, "--json")
    assert result.code == 1
    assert [(p["path"], p["kind"]) for p in result.json()["problems"]] == [(copy, "conflict")]
    assert contact_names(run, vault) == GOOD_CONTACTS
    (vault / copy).unlink()
    assert run("doctor", "--vault", vault).code == 0


@pytest.mark.parametrize("args", [("show", ""), ("show", "  "), ("search", ""), ("search", " "),
                                  ("done", ""), ("done", "^")])
def test_an_empty_name_query_or_id_is_a_usage_error(make_vault: MakeVault, run: Run,
                                                    args: tuple[str, str]) -> None:
    vault = make_vault(GOOD)
    result = run(*args, "--vault", vault)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and args[0] in lines[0], result.err
    assert result.out == ""
