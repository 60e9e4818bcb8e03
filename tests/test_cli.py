"""The command line's promises: one-line errors, exit codes, --json, --debug, and the behaviours
of list/show/search/doctor/config that a user relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import TODAY, MakeVault, Run


def fm(text: str, body: str = "") -> str:
    return f"---\n{text}\n---\n{body}"


def test_no_vault_is_a_one_line_error_with_status_2(tmp_path: Path, run: Run,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("list")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "infoview init" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("args", [["list", "--bogus"], ["lst"], ["list", "people"]])
def test_usage_errors_are_one_line_with_status_2(make_vault: MakeVault, run: Run,
                                                 args: list[str]) -> None:
    vault = make_vault({})
    result = run(*args, "--vault", vault)
    assert result.code == 2
    assert result.err.startswith("error: ") and result.err.count("\n") == 1
    assert "--help" in result.err


def test_bad_today_is_a_usage_error(make_vault: MakeVault, run: Run) -> None:
    result = run("list", "--vault", make_vault({}), "--today", "tomorrow")
    assert result.code == 2 and "2026-11-25" in result.err


def test_debug_is_accepted_anywhere(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Contacts/Ann.md": fm("type: contact")})
    for args in (["--debug", "list", "--vault", str(vault)], ["list", "--debug", "--vault",
                 str(vault)], ["plugins", "--debug"], ["init", "--debug", str(vault)]):
        assert run(*args).code == 0, args


@pytest.mark.parametrize("args", [
    ["--vault", "{vault}", "due", "--json"],
    ["--vault={vault}", "--json", "due"],
    ["--json", "--vault", "{vault}", "--today", TODAY, "due"],
    ["--debug", "--vault", "{vault}", "list", "contacts", "--json"],
    ["--vault", "{vault}", "show", "Ann", "--json"],
    ["--today", TODAY, "--vault", "{vault}", "export", "json", "-o", "-"],
    ["--vault", "{vault}", "search", "--json", "--", "--vault"],
])
def test_shared_options_come_before_or_after_the_command(make_vault: MakeVault, run: Run,
                                                          args: list[str]) -> None:
    vault = make_vault({"Contacts/Ann.md": fm("type: contact"),
                        "Interviews/2026-11-18 Ann.md": fm('type: interview\ncontact: "[[Ann]]"\n'
                                                           "date: 2026-11-18")})
    result = run(*(a.replace("{vault}", str(vault)) for a in args))
    assert result.code == 0, result.err
    document = json.loads(result.out)
    if "--today" in args:
        assert document.get("today", document.get("generated")) == TODAY


def test_a_shared_option_a_command_lacks_is_a_usage_error(make_vault: MakeVault,
                                                          run: Run) -> None:
    result = run("--json", "--vault", make_vault({}), "done", "iv-000000")
    assert result.code == 2 and "--json" in result.err and "done --help" in result.err


def test_debug_shows_the_traceback_of_a_bad_config(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({".infoview/config.toml": "[folders\n"})
    plain = run("list", "--vault", vault)
    assert plain.code == 2 and "config.toml" in plain.err and plain.err.count("\n") == 1
    with pytest.raises(Exception, match=r"config\.toml"):
        run("list", "--vault", vault, "--debug")


@pytest.mark.parametrize("command", [["list"], ["list", "interviews"], ["list", "companies"],
                                     ["search", "Acme"], ["show", "Ann"], ["doctor"],
                                     ["plugins"], ["sync"]])
def test_every_read_command_prints_one_json_document(make_vault: MakeVault, run: Run,
                                                     command: list[str]) -> None:
    vault = make_vault({"Contacts/Ann.md": fm('type: contact\ncompany: "[[Acme]]"'),
                        "Companies/Acme.md": fm("type: company")})
    result = run(*command, "--json", "--vault", vault)
    assert result.code == 0, result.err
    assert isinstance(json.loads(result.out), dict)


def test_json_is_one_compact_line_when_piped_and_indented_on_a_terminal(
        make_vault: MakeVault, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault({"Contacts/Ann.md": fm("type: contact\nrole: PM")})
    piped = run("list", "--json", "--vault", vault)
    assert piped.out.count("\n") == 1 and '": ' not in piped.out and ", " not in piped.out
    monkeypatch.setattr("infoview.cli.output.is_terminal", lambda stream=None: True)
    shown = run("list", "--json", "--vault", vault)
    assert shown.out.startswith('{\n  "contacts": [\n')
    assert json.loads(shown.out) == json.loads(piped.out)


def test_no_color_and_pipes_get_plain_text(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Contacts/Ann.md": fm("type: contact\nstatus: prospect")})
    out = run("list", "--vault", vault).out
    assert "\x1b[" not in out
    assert out.splitlines()[0].split("\t")[:4] == ["Name", "Company", "Role", "Status"]


def test_list_filters_by_status_and_company(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann.md": fm('company: "[[Companies/Globex]]"\nstatus: prospect'),
        "Contacts/Bob.md": fm("company: Globex\nstatus: interviewed"),
        "Contacts/Cy.md": fm('company: "[[Initech]]"\nstatus: Prospect'),
        "Companies/Globex.md": fm("type: company"),
    })
    names = lambda *a: [c["name"] for c in run("list", "--json", "--vault", vault, *a)  # noqa: E731
                        .json()["contacts"]]
    assert names("--company", "Globex") == ["Ann", "Bob"]
    assert names("--company", "[[Globex]]", "--status", "prospect") == ["Ann"]
    assert names("--status", "PROSPECT") == ["Ann", "Cy"]


def test_search_finds_property_values_and_ranks_names_first(make_vault: MakeVault,
                                                           run: Run) -> None:
    vault = make_vault({
        "Contacts/Priya Raman.md": fm("role: Platform lead\nemail: priya@globex.example"),
        "Interviews/Call.md": fm("type: interview", "Talked with Priya Raman about Globex.\n"),
    })
    found = run("search", "globex.example", "--json", "--vault", vault).json()["results"]
    assert [r["path"] for r in found] == ["Contacts/Priya Raman.md"]
    found = run("search", "Priya", "--json", "--vault", vault).json()["results"]
    assert found[0]["path"] == "Contacts/Priya Raman.md"
    assert "«Priya»" in found[1]["snippet"]


def test_show_lists_interviews_and_referrals_both_ways(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann.md": fm('type: contact\nreferred_by: "[[Bob]]"'),
        "Contacts/Bob.md": fm("type: contact"),
        "Contacts/Cy.md": fm('type: contact\nreferred_by: "[[Ann]]"'),
        "Interviews/2026-01-02 Ann.md": fm('type: interview\ncontact: "[[Ann]]"\ndate: 2026-01-02'),
    })
    shown = run("show", "ann", "--json", "--vault", vault).json()
    assert [i["date"] for i in shown["interviews"]] == ["2026-01-02"]
    assert [r["name"] for r in shown["referred_by"]] == ["Bob"]
    assert [r["name"] for r in shown["referred"]] == ["Cy"]
    assert run("show", "Nobody", "--vault", vault).code == 1  # found nothing (NotFoundError)


def test_show_finds_a_contact_by_part_of_its_name(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann Lee.md": fm("type: contact"),
        "Contacts/Bo Lee.md": fm("type: contact"),
        "Companies/Annex.md": fm("type: company"),
    })
    assert run("show", "ann", "--json", "--vault", vault).json()["path"] == "Contacts/Ann Lee.md"
    both = run("show", "LEE", "--vault", vault)
    assert both.code == 1
    assert "Ann Lee (Contacts/Ann Lee.md), Bo Lee (Contacts/Bo Lee.md)" in both.err


def test_generated_notes_are_not_indexed_but_can_be_linked(make_vault: MakeVault,
                                                           run: Run) -> None:
    vault = make_vault({
        "Infoview/Reminders.md": "Generated by infoview.\n- [ ] Thank [[Ann]] [[Nobody]]\n",
        "Contacts/Ann.md": fm("type: contact", "See [[Reminders]].\n"),
    })
    assert run("doctor", "--vault", vault).code == 0  # [[Nobody]] there is not reported
    shown = run("show", "Ann", "--json", "--vault", vault).json()
    assert shown["linked_from"] == []
    assert [r["path"] for r in run("search", "Thank", "--json", "--vault", vault)
            .json()["results"]] == []


def test_doctor_warnings_alone_exit_0(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Contacts/Ann.md": fm("type: contact\nconnection: [[Bob]]"),
                        "Contacts/Bob.md": fm("type: contact")})
    result = run("doctor", "--json", "--vault", vault)
    assert result.code == 0
    [problem] = result.json()["problems"]
    assert (problem["line"], problem["kind"]) == (3, "warning")
    assert 'write it as "[[Bob]]"' in problem["message"]
    shown = run("show", "Bob", "--json", "--vault", vault).json()
    assert [n["path"] for n in shown["linked_from"]] == ["Contacts/Ann.md"]  # link still read


def test_unknown_config_keys_are_warned_about(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({".infoview/config.toml": "[reminders]\nthank_you_day = 3\n"})
    result = run("list", "--vault", vault)
    assert result.code == 0
    assert "unknown key reminders.thank_you_day" in result.err


@pytest.mark.parametrize("folder", ["/abs/People", ".people", "../outside", ""])
def test_folders_must_stay_inside_the_vault(make_vault: MakeVault, run: Run,
                                            folder: str) -> None:
    vault = make_vault({".infoview/config.toml": f'[folders]\ncontacts = "{folder}"\n'})
    result = run("list", "--vault", vault)
    assert result.code == 2 and "folders.contacts" in result.err


def test_the_deepest_matching_folder_decides_the_type(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        ".infoview/config.toml": '[folders]\ncontacts = "Work"\ninterviews = "Work/Calls"\n',
        "Work/Ann.md": "", "Work/Calls/Monday.md": "",
    })
    assert [c["path"] for c in run("list", "--json", "--vault", vault).json()["contacts"]] == \
        ["Work/Ann.md"]
    assert [c["path"] for c in run("list", "interviews", "--json", "--vault", vault)
            .json()["interviews"]] == ["Work/Calls/Monday.md"]


def test_aliased_text_fields_keep_their_text(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        ".infoview/config.toml": '[fields]\nphone = ["mobile"]\n',
        "Contacts/Ann.md": fm("mobile: +15551234567\nduration: 0123"),
    })
    shown = run("show", "Ann", "--json", "--vault", vault).json()
    assert shown["details"]["phone"] == "+15551234567"


def test_a_huge_file_is_partly_indexed(make_vault: MakeVault, run: Run,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import infoview.index.rows as rows

    monkeypatch.setattr(rows, "MAX_FILE_BYTES", 1000)
    vault = make_vault({"Contacts/Big.md": fm("type: contact\nrole: Tester", "x" * 5000)})
    result = run("doctor", "--json", "--vault", vault)
    [problem] = result.json()["problems"]
    assert problem["kind"] == "warning" and "only its first" in problem["message"]
    assert run("list", "--json", "--vault", vault).json()["contacts"][0]["role"] == "Tester"


def test_doctor_fails_loudly_without_libyaml(make_vault: MakeVault, run: Run,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import infoview.parse.frontmatter

    vault = make_vault({"Contacts/Ann.md": fm("type: contact")})
    assert run("doctor", "--vault", vault).code == 0
    monkeypatch.setattr(infoview.parse.frontmatter, "HAVE_LIBYAML", False)
    result = run("doctor", "--json", "--vault", vault)
    assert result.code == 1
    data = result.json()
    assert data["libyaml"] is False
    assert [p["kind"] for p in data["problems"]] == ["setup"]
    assert "libyaml" in data["problems"][0]["message"]


def test_comment_markers_inside_code_are_code(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Notes.md": 'Use `printf("%%d")` here.\n\n```\n%%\n```\n[[Ann]] %%[[Hidden]]%% [[Bob]]\n'
                    "%% unclosed\n[[Gone]]\n",
        "Ann.md": "", "Bob.md": "",
    })
    shown = run("show", "Notes", "--json", "--vault", vault).json()
    assert shown["linked_from"] == []
    assert [n["name"] for n in run("show", "Ann", "--json", "--vault", vault)
            .json()["linked_from"]] == ["Notes"]
    assert run("doctor", "--vault", vault).code == 0  # [[Hidden]] and [[Gone]] not counted


def test_a_cut_never_splits_a_character(make_vault: MakeVault, run: Run,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import infoview.index.rows as rows

    monkeypatch.setattr(rows, "MAX_FILE_BYTES", 1001)
    vault = make_vault({"Contacts/Big.md": fm("type: contact", "é" * 3000)})
    kinds = [p["kind"] for p in run("doctor", "--json", "--vault", vault).json()["problems"]]
    assert kinds == ["warning"]


@pytest.mark.parametrize("config", ['[folders]\npeople = 3\n',
                                    '[reminders]\nthank_you_day = "3"\n'])
def test_unknown_keys_are_ignored_whatever_their_value(make_vault: MakeVault, run: Run,
                                                       config: str) -> None:
    vault = make_vault({".infoview/config.toml": config})
    result = run("list", "--vault", vault)
    assert result.code == 0 and "ignored" in result.err


@pytest.mark.parametrize("folders", ['generated = "Contacts"', 'templates = "Contacts/T"',
                                     'generated = "Templates"'])
def test_unindexed_folders_may_not_overlap_note_folders(make_vault: MakeVault, run: Run,
                                                        folders: str) -> None:
    vault = make_vault({".infoview/config.toml": f"[folders]\n{folders}\n"})
    result = run("list", "--vault", vault)
    assert result.code == 2 and "overlaps" in result.err


def test_infoview_debug_0_is_off(make_vault: MakeVault, run: Run,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault({".infoview/config.toml": "[folders\n"})
    monkeypatch.setenv("INFOVIEW_DEBUG", "0")
    assert run("list", "--vault", vault).code == 2
    monkeypatch.setenv("INFOVIEW_DEBUG", "1")
    with pytest.raises(Exception, match=r"config\.toml"):
        run("list", "--vault", vault)


def test_show_prints_booleans_as_written(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Interviews/Call.md": fm("type: interview\nprepared: true")})
    assert run("show", "Call", "--json", "--vault", vault).json()["details"]["prepared"] == "true"
