"""Referrals become contacts, and the chains of people show (through the CLI)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, MakeVault, Run, changed_files, snapshot

from infoview.plugins.referrals import People


@pytest.fixture(autouse=True, params=["one by one", "in bulk"])
def matching(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test twice: people looked up one by one (an edited interview) and read in bulk
    (a first sync of a big vault) must match the same way."""
    monkeypatch.setattr(People, "BULK", 10**9 if request.param == "one by one" else -1)


def interview(contact: str, date: str = "2026-11-20", extra: str = "", body: str = "") -> str:
    return (f'---\ntype: interview\ncontact: "[[{contact}]]"\ndate: {date}\n{extra}---\n'
            f"## Notes\n\nGood talk.\n\n{body}")


def contact(extra: str = "") -> str:
    return f"---\ntype: contact\nstatus: interviewed\n{extra}---\n## About\n"


def sync(run: Run, vault: Path) -> dict[str, Any]:
    result = run("sync", "--json", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    data: dict[str, Any] = result.json()
    return data


def made(report: dict[str, Any]) -> list[str]:
    """The contacts a sync created (generated notes aside)."""
    return sorted(p for p in report["created"] if p.startswith("Contacts/"))


def props(run: Run, vault: Path, name: str) -> dict[str, Any]:
    shown = run("show", name, "--json", "--vault", vault).json()
    details: dict[str, Any] = shown["details"]
    return details


def test_every_source_makes_a_contact(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": contact(),
        "Interviews/2026-11-20 Jane Doe.md": interview(
            "Jane Doe", extra='referrals:\n  - "[[Lee Park]]"\n',
            body="## Referrals\n\n- [[Priya Raman]] — Director of Engineering at [[Globex]], "
                 "priya@globex.example\n- Sam Ortiz (Recruiter, Initech)\n\n"
                 "referral:: Dana Wu\n"),
    })
    report = sync(run, vault)
    assert made(report) == ["Contacts/Dana Wu.md", "Contacts/Lee Park.md",
                                         "Contacts/Priya Raman.md", "Contacts/Sam Ortiz.md"]
    priya = (vault / "Contacts/Priya Raman.md").read_text()
    for line in ("status: prospect", 'referred_by: "[[Jane Doe]]"',
                 'referral_source: "[[2026-11-20 Jane Doe]]"', "role: Director of Engineering",
                 'company: "[[Globex]]"', "email: priya@globex.example"):
        assert line in priya, line
    sam = props(run, vault, "Sam Ortiz")
    assert (sam["role"], sam["company"], sam["status"]) == ("Recruiter", "Initech", "prospect")


def test_a_second_sync_creates_and_writes_nothing(make_vault: MakeVault,
                                                  run: Run) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": contact(),
        "Interviews/2026-11-20 Jane Doe.md": interview(
            "Jane Doe", body="## Referrals\n\n- CON: the boss\n- José Álvarez (Recruiter)\n"),
    })
    first = sync(run, vault)
    assert len(made(first)) == 2
    assert all(".." not in p for p in first["created"])
    assert sorted(made(first)) == ["Contacts/CON_.md", "Contacts/José Álvarez.md"]
    before = snapshot(vault)
    second = sync(run, vault)
    assert (second["created"], second["written"]) == ([], [])
    assert changed_files(before, snapshot(vault)) == []


def test_an_existing_contact_gets_referred_by_and_nothing_else(
        make_vault: MakeVault, run: Run) -> None:
    original = ("---\r\n# someone I met\r\ntype: contact\r\naliases: [Sammy]\r\n"
                "email: 'sam@initech.example'  # work\r\nstatus: contacted\r\n---\r\nBody\r\n")
    vault = make_vault({
        "Contacts/Jane Doe.md": contact(),
        "Contacts/Samuel Ortiz.md": original.encode(),
        "Interviews/2026-11-20 Jane Doe.md": interview(
            "Jane Doe", body="## Referrals\n\n- Sammy (Recruiter, Initech)\n"),
    })
    report = sync(run, vault)
    assert made(report) == []
    assert report["written"] == ["Contacts/Samuel Ortiz.md"]
    after = (vault / "Contacts/Samuel Ortiz.md").read_bytes()
    assert after == original.replace("status: contacted\r\n",
                                     'status: contacted\r\nreferred_by: "[[Jane Doe]]"\r\n'
                                     ).encode()


def test_matching_by_email(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": contact(),
        "Contacts/P. Raman.md": contact("email: priya@globex.example\n"),
        "Interviews/2026-11-20 Jane Doe.md": interview(
            "Jane Doe", body="## Referrals\n\n- Priya Raman, priya@globex.example\n"),
    })
    report = sync(run, vault)
    assert (made(report), report["written"]) == ([], ["Contacts/P. Raman.md"])


def test_a_different_referred_by_is_left_and_reported(make_vault: MakeVault,
                                                      run: Run) -> None:
    text = contact('referred_by: "[[Someone Else]]"\n')
    vault = make_vault({
        "Contacts/Jane Doe.md": contact(), "Contacts/Lee Park.md": text,
        "Interviews/2026-11-20 Jane Doe.md": interview(
            "Jane Doe", body="## Referrals\n\n- [[Lee Park]]\n"),
    })
    result = run("sync", "--vault", vault, "--today", TODAY)
    assert (vault / "Contacts/Lee Park.md").read_text() == text
    assert "Contacts/Lee Park.md: referred_by is Someone Else" in result.err


def test_chains_show_as_a_tree_and_a_mermaid_graph(make_vault: MakeVault,
                                                   run: Run) -> None:
    vault = make_vault({
        "Contacts/Grace Liu.md": contact(),
        "Interviews/2026-08-01 Grace Liu.md": interview(
            "Grace Liu", "2026-08-01", body="## Referrals\n\n- Maya Chen\n"),
        "Interviews/2026-09-01 Maya Chen.md": interview(
            "Maya Chen", "2026-09-01", body="## Referrals\n\n- Daniel Okafor\n"),
        "Interviews/2026-10-01 Daniel Okafor.md": interview(
            "Daniel Okafor", "2026-10-01", body="## Referrals\n\n- Priya Raman\n"),
    })
    sync(run, vault)
    sync(run, vault)  # the contacts made by the first sync are matched by name now
    data = run("referrals", "--json", "--vault", vault).json()
    [grace] = data["trees"]
    assert (grace["name"], grace["depth"], grace["conversations"]) == ("Grace Liu", 0, 1)
    maya = grace["referred"][0]
    daniel = maya["referred"][0]
    assert (maya["name"], maya["depth"], daniel["depth"]) == ("Maya Chen", 1, 2)
    assert daniel["referred"][0]["name"] == "Priya Raman"
    text = run("referrals", "--vault", vault).out
    assert "Grace Liu (1 conversation)\n└─ Maya Chen (1 conversation)\n" in text
    chain = run("referrals", "Priya Raman", "--json", "--vault", vault).json()
    assert [p["name"] for p in chain["referred_by"]] == ["Grace Liu", "Maya Chen",
                                                         "Daniel Okafor"]
    assert chain["trees"][0]["depth"] == 3
    graph = (vault / "Infoview/Referrals.md").read_text()
    assert graph.startswith("Generated by infoview")
    assert "```mermaid\ngraph LR\n" in graph
    assert graph.count(" --> ") == 3


def test_doctor_reports_duplicate_people(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann Lee.md": contact("email: ann@x.example\n"),
        "Contacts/Work/Ann Lee.md": contact(),
        "Contacts/A. Lee.md": contact("email: ANN@x.example\n"),
    })
    problems = run("doctor", "--json", "--vault", vault).json()["problems"]
    duplicates = [(p["path"], p["message"]) for p in problems if p["kind"] == "duplicate"]
    assert ("Contacts/A. Lee.md", "duplicate contact: the same email (ann@x.example) as "
            "Contacts/Ann Lee.md; merge them") in duplicates
    assert any(path == "Contacts/Work/Ann Lee.md" and "the same name" in message
               for path, message in duplicates)
    assert run("doctor", "--vault", vault).code == 1


def test_only_new_or_changed_interviews_are_read_again(make_vault: MakeVault,
                                                       run: Run) -> None:
    path = "Interviews/2026-11-20 Jane Doe.md"
    vault = make_vault({"Contacts/Jane Doe.md": contact(),
                        path: interview("Jane Doe", body="## Referrals\n\n- Lee Park\n")})
    assert made(sync(run, vault)) == ["Contacts/Lee Park.md"]
    (vault / "Contacts/Lee Park.md").unlink()  # the user does not want this one
    assert made(sync(run, vault)) == []
    assert not (vault / "Contacts/Lee Park.md").exists()
    with (vault / path).open("a") as handle:
        handle.write("- Dana Wu\n")  # a new referral in the same list
    assert made(sync(run, vault)) == ["Contacts/Dana Wu.md", "Contacts/Lee Park.md"]


def test_a_deleted_contact_stays_deleted_when_the_index_is_rebuilt(
        make_vault: MakeVault, run: Run, cache_dir: Path) -> None:
    path = "Interviews/2026-11-20 Jane Doe.md"
    vault = make_vault({"Contacts/Jane Doe.md": contact(),
                        path: interview("Jane Doe", body="## Referrals\n\n- Lee Park\n")})
    assert made(sync(run, vault)) == ["Contacts/Lee Park.md"]
    (vault / "Contacts/Lee Park.md").unlink()
    for index in (cache_dir / "vaults").glob("*.sqlite"):
        if not index.name.endswith((".journal.sqlite", ".state.sqlite")):
            index.unlink()  # the index is derived data: deleting it must lose nothing
    report = sync(run, vault)
    assert "Contacts/Jane Doe.md" in report["added"]  # it was rebuilt from the notes
    assert made(report) == []
    assert not (vault / "Contacts/Lee Park.md").exists()


def test_the_person_interviewed_is_never_their_own_referral(make_vault: MakeVault,
                                                            run: Run) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": contact("aliases: [JD]\n"),
        "Interviews/2026-11-20 Jane Doe.md": interview(
            "Jane Doe", body="## Referrals\n\n- [[Jane Doe]] (again)\n- JD\n- Jane Doe\n"),
    })
    report = sync(run, vault)
    assert (made(report), report["written"]) == ([], [])
    assert "referred_by" not in (vault / "Contacts/Jane Doe.md").read_text()


def test_the_graph_is_redrawn_only_when_people_change(make_vault: MakeVault, run: Run,
                                                      monkeypatch: Any) -> None:
    import infoview.plugins.referrals.graph as graph_module

    path = "Interviews/2026-11-20 Jane Doe.md"
    vault = make_vault({"Contacts/Jane Doe.md": contact(),
                        path: interview("Jane Doe", body="## Referrals\n\n- Lee Park\n")})
    sync(run, vault)
    sync(run, vault)
    calls: list[int] = []
    real = graph_module.graph
    monkeypatch.setattr(graph_module, "graph", lambda session: calls.append(1) or real(session))
    with (vault / path).open("a") as handle:
        handle.write("\nJust a thought.\n")
    sync(run, vault)
    assert calls == []
    (vault / "Contacts/Lee Park.md").write_text(contact('referred_by: "[[Someone]]"\n'))
    sync(run, vault)
    assert calls == [1]


GRAPH_EDITS = {
    "a status (not drawn)": ("Contacts/Lee Park.md", "status: interviewed", "status: dormant"),
    "a display name": ("Contacts/Lee Park.md", "status: interviewed",
                       "status: interviewed\nname: Lee P. Park"),
    "who referred someone": ("Contacts/Lee Park.md", 'referred_by: "[[Jane Doe]]"',
                             'referred_by: "[[Ann Wu]]"'),
    "the person a conversation was with": ("Interviews/2026-11-20 Jane Doe.md",
                                           '"[[Jane Doe]]"', '"[[Ann Wu]]"'),
}


@pytest.mark.parametrize("edit", sorted(GRAPH_EDITS))
def test_referrals_note_after_an_edit_is_the_one_a_fresh_index_writes(
        make_vault: MakeVault, run: Run, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, edit: str) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": contact(),
        "Contacts/Ann Wu.md": contact(),
        "Contacts/Lee Park.md": contact('referred_by: "[[Jane Doe]]"\n'),
        "Interviews/2026-11-20 Jane Doe.md": interview("Jane Doe"),
    })
    sync(run, vault)
    path, old, new = GRAPH_EDITS[edit]
    text = (vault / path).read_text()
    assert old in text
    (vault / path).write_text(text.replace(old, new, 1))
    sync(run, vault)
    kept = (vault / "Infoview/Referrals.md").read_text()
    monkeypatch.setenv("INFOVIEW_CACHE_DIR", str(tmp_path / "fresh-cache"))
    (vault / "Infoview/Referrals.md").unlink()
    sync(run, vault)
    assert kept == (vault / "Infoview/Referrals.md").read_text()


def test_what_an_earlier_version_remembered_is_kept(make_vault: MakeVault,
                                                    run: Run, cache_dir: Path) -> None:
    """Earlier versions kept the interviews they had read as one JSON object (in the index's
    meta table, then in the vault state): a contact deleted then is still not made again."""
    import json
    import sqlite3

    from infoview.vault.layout import index_path, state_path

    path = "Interviews/2026-11-20 Jane Doe.md"
    vault = make_vault({"Contacts/Jane Doe.md": contact(),
                        path: interview("Jane Doe", body="## Referrals\n\n- Lee Park\n")})
    assert made(sync(run, vault)) == ["Contacts/Lee Park.md"]
    (vault / "Contacts/Lee Park.md").unlink()
    with sqlite3.connect(state_path(vault)) as state:
        digest = state.execute("SELECT value FROM state WHERE key = ?",
                               (f"referrals.seen:{path}",)).fetchone()[0]
        state.execute("DELETE FROM state")
    index_path(vault).unlink()  # rebuilt: everything is looked at again
    sync(run, vault)  # (a fresh index, then the old record put back in its meta table)
    with sqlite3.connect(state_path(vault)) as state:
        state.execute("DELETE FROM state")
    with sqlite3.connect(index_path(vault)) as index:
        index.execute("INSERT OR REPLACE INTO meta VALUES ('referrals.seen', ?)",
                      (json.dumps({path: digest}),))
        index.execute("DELETE FROM meta WHERE key LIKE 'referrals.seen_%'")
    (vault / "Contacts/Lee Park.md").unlink(missing_ok=True)
    assert made(sync(run, vault)) == []
    with sqlite3.connect(state_path(vault)) as state:
        assert state.execute("SELECT value FROM state WHERE key = ?",
                             (f"referrals.seen:{path}",)).fetchone() == (digest,)
    with sqlite3.connect(index_path(vault)) as index:
        assert index.execute("SELECT 1 FROM meta WHERE key = 'referrals.seen'").fetchone() \
            is None


def test_an_interview_indexed_by_a_read_command_is_still_read_for_referrals(
        make_vault: MakeVault, run: Run) -> None:
    path = "Interviews/2026-11-20 Jane Doe.md"
    vault = make_vault({"Contacts/Jane Doe.md": contact(), path: interview("Jane Doe"),
                        "Interviews/2026-11-21 Jane Doe.md": interview("Jane Doe")})
    assert made(sync(run, vault)) == []
    with (vault / path).open("a") as handle:
        handle.write("## Referrals\n\n- Lee Park\n")
    assert run("list", "--vault", vault).code == 0  # indexes the change, runs no plugin
    report = sync(run, vault)
    assert report["changed"] == []  # the index already had it
    assert made(report) == ["Contacts/Lee Park.md"]
