"""Strategy through the command line: target companies and warm paths, ``next``'s suggestions
and their order, the update-introducer reminder, advice in ``show``, and the funnel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, MakeVault, Run, days, note


def json_of(run: Run, vault: Path, *args: str) -> Any:
    result = run(*args, "--vault", vault, "--today", TODAY, "--json")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return result.json()


def contact(props: str = "") -> str:
    return note(f"type: contact\n{props}")


def talk(who: str, day: str, extra: str = "", body: str = "") -> str:
    return note(f'type: interview\ncontact: "[[{who}]]"\ndate: {day}\n{extra}', body)


def targets(run: Run, vault: Path) -> dict[str, dict[str, Any]]:
    return {t["company"]: t for t in json_of(run, vault, "targets")["targets"]}


# --- targets and warm paths --------------------------------------------------------------------


def test_targets_by_note_and_by_config_fewest_conversations_first(make_vault: MakeVault,
                                                                  run: Run) -> None:
    vault = make_vault({
        ".infoview/config.toml": '[strategy]\ntargets = ["Contoso", "Initech"]\n',
        "Companies/Acme.md": note("type: company\ntarget: true"),
        "Companies/Initech.md": note("type: company"),
        "Companies/Other.md": note("type: company"),
        "Contacts/Ann.md": contact('company: "[[Acme]]"\nstatus: interviewed'),
        "Contacts/Bo.md": contact('company: Acme\nstatus: prospect\nreferred_by: "[[Ann]]"'),
        "Contacts/Cy.md": contact('company: "[[Initech]]"\nstatus: prospect'),
        "Interviews/a1.md": talk("Ann", days(-20)),
        "Interviews/a2.md": talk("Ann", days(-5)),
    })
    data = json_of(run, vault, "targets")["targets"]
    assert [t["company"] for t in data] == ["Contoso", "Initech", "Acme"]
    acme = data[2]
    assert acme["path"] == "Companies/Acme.md"
    assert acme["people"] == [{"name": "Ann", "path": "Contacts/Ann.md", "status": "interviewed"},
                              {"name": "Bo", "path": "Contacts/Bo.md", "status": "prospect"}]
    assert acme["conversations"] == 2 and acme["referrals_in"] == 1
    assert acme["warm_path"] == ["Ann"]  # you have met someone there
    assert "reach out to Bo next, mentioning Ann" in acme["next"]
    contoso = data[0]
    assert contoso["path"] is None and contoso["people"] == [] and contoso["warm_path"] is None
    assert "Nobody in your notes works at Contoso" in contoso["next"]
    assert "Other" not in {t["company"] for t in data}


def test_warm_path_through_referrals_connections_and_colleagues(make_vault: MakeVault,
                                                                run: Run) -> None:
    vault = make_vault({
        "Companies/Acme.md": note("type: company\ntarget: true"),
        "Contacts/Mia.md": contact("company: Beta"),
        "Contacts/Ned.md": contact('company: Beta\nreferred_by: "[[Mia]]"'),  # Mia referred Ned
        "Contacts/Oz.md": contact("company: Gamma"),  # Ned's colleague? no: Gamma
        "Contacts/Pat.md": contact('company: Gamma\nconnection: "[[Ned]]"'),
        "Contacts/Quinn.md": contact('company: "[[Acme]]"'),
        "Contacts/Ray.md": contact('company: Gamma\nreferred_by: "[[Quinn]]"'),
        "Interviews/m.md": talk("Mia", days(-3)),
    })
    # Mia (met) → Ned (she referred him) → Pat (his connection) → Ray (Pat's colleague at
    # Gamma) → Quinn (referred Ray) at Acme
    acme = targets(run, vault)["Acme"]
    assert acme["warm_path"] == ["Mia", "Ned", "Pat", "Ray", "Quinn"]
    assert acme["next"].startswith("Ask Mia, whom you have met, for an introduction along "
                                   "Mia → Ned → Pat → Ray → Quinn")


def test_warm_path_none_and_cycles(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Companies/Acme.md": note("type: company\ntarget: true"),
        "Contacts/A.md": contact('company: "[[Acme]]"\nreferred_by: "[[B]]"'),
        "Contacts/B.md": contact('referred_by: "[[A]]"'),  # a cycle, and nobody met
        "Contacts/C.md": contact("company: Elsewhere"),
        "Interviews/c.md": talk("C", days(-3)),
    })
    acme = targets(run, vault)["Acme"]
    assert acme["warm_path"] is None
    assert "Nobody you have met connects to Acme yet" in acme["next"]


def test_two_equally_short_paths_are_resolved_by_name(make_vault: MakeVault, run: Run) -> None:
    files = {
        "Companies/Acme.md": note("type: company\ntarget: true"),
        "Contacts/Tia.md": contact('company: "[[Acme]]"'),
        "Contacts/Zed.md": contact('connection: "[[Tia]]"'),
        "Contacts/Bea.md": contact('connection: "[[Tia]]"'),
        "Contacts/Met.md": contact(),
        "Contacts/Met Two.md": contact(),
        "Interviews/1.md": talk("Met", days(-3)),
        "Interviews/2.md": talk("Met Two", days(-4)),
    }
    # Met knows Zed and Bea; both connect to Tia: Bea comes first by name
    files["Contacts/Zed.md"] = contact('connection: "[[Tia]]"\nreferred_by: "[[Met]]"')
    files["Contacts/Bea.md"] = contact('connection: "[[Tia]]"\nreferred_by: "[[Met]]"')
    vault = make_vault(files)
    first = targets(run, vault)["Acme"]["warm_path"]
    assert first == ["Met", "Bea", "Tia"]
    assert all(targets(run, vault)["Acme"]["warm_path"] == first for _ in range(3))


# --- next ------------------------------------------------------------------------------------


def suggestion_vault(make_vault: MakeVault, config: str = "") -> Path:
    return make_vault({
        ".infoview/config.toml": config,
        "Companies/Acme.md": note("type: company\ntarget: true"),
        # met 20 days ago, thanked, referred nobody: ask for a referral
        "Contacts/Ana.md": contact("status: interviewed\ncompany: Beta"),
        "Interviews/talk-ana.md": talk("Ana", days(-20), f"thank_you_sent: {days(-19)}"),
        # met 3 days ago: too soon to ask
        "Contacts/Ben.md": contact("status: interviewed"),
        "Interviews/talk-ben.md": talk("Ben", days(-3), f"thank_you_sent: {days(-2)}"),
        # met, not thanked yet: thank first
        "Contacts/Cat.md": contact("status: interviewed"),
        "Interviews/talk-cat.md": talk("Cat", days(-30)),
        # met, thanked, and has referred someone
        "Contacts/Dan.md": contact("status: interviewed"),
        "Interviews/talk-dan.md": talk("Dan", days(-40), "thank_you_sent: true"),
        "Contacts/Eve.md": contact('status: prospect\nreferred_by: "[[Dan]]"\nrole: Engineer'),
        # prospects: warm at a target, warm elsewhere, cold
        "Contacts/Fay.md": contact('status: prospect\ncompany: "[[Acme]]"\n'
                                   'connection: "[[Ana]]"'),
        "Contacts/Gus.md": contact("status: prospect\ncompany: Nowhere"),
    })


def test_next_suggests_each_kind_in_a_documented_order(make_vault: MakeVault,
                                                       run: Run) -> None:
    vault = suggestion_vault(make_vault)
    found = json_of(run, vault, "next")["suggestions"]
    pairs = [(s["action"], s["person"]) for s in found]
    assert pairs == [("reach-out", "Fay"), ("ask-referral", "Ana"), ("reach-out", "Eve"),
                     ("line-up", None), ("reach-out", "Gus")]
    fay, ana = found[0], found[1]
    assert fay["score"] == 25 + 20 and fay["company"] == "Acme"  # warm + target
    assert "Ana can introduce you to Fay" in fay["reason"]
    assert ana["score"] == 30 + 2  # two full weeks waited
    assert days(-20) in ana["reason"] and "Ask whom else" in ana["reason"]
    assert "referred by Dan" in found[2]["reason"]
    assert found[3]["score"] == 15 + 2 * 3  # Ana and Ben in play (Cat: 30 days ago is out)
    assert "line up 3 more" in found[3]["reason"]
    assert "no introduction yet" in found[4]["reason"]
    for suggestion in found:
        assert set(suggestion) == {"action", "person", "path", "company", "score", "reason"}


def test_next_limit_and_weights_from_config(make_vault: MakeVault, run: Run) -> None:
    vault = suggestion_vault(make_vault, "[strategy]\nweight_reach_out_cold = 100\n"
                                         "active_goal = 2\n")
    found = json_of(run, vault, "next", "--limit", "2")["suggestions"]
    assert [s["person"] for s in found] == ["Gus", "Fay"]
    assert all(s["action"] != "line-up" for s in json_of(run, vault, "next")["suggestions"])
    text = run("next", "--vault", vault, "--today", TODAY, "--limit", "1")
    assert text.code == 0 and text.out.startswith("1. Reach out: Gus\n")
    bad = run("next", "--vault", vault, "--limit", "0")
    assert bad.code == 2


# --- update-introducer -----------------------------------------------------------------------


def introducer_vault(make_vault: MakeVault) -> Path:
    return make_vault({
        "Contacts/Maya.md": contact(),
        "Contacts/Dan.md": contact('referred_by: "[[Maya]]"'),
        "Interviews/2026-11-20 Dan.md": talk("Dan", "2026-11-20"),
        "Interviews/2026-11-30 Dan.md": talk("Dan", "2026-11-30"),
    })


def test_update_introducer_is_due_three_days_after(make_vault: MakeVault, run: Run) -> None:
    vault = introducer_vault(make_vault)
    due = [r for r in json_of(run, vault, "due", "--within", "30")["reminders"]
           if r["kind"] == "update-introducer"]
    assert len(due) == 1  # the conversation ahead is not one yet
    reminder = due[0]
    assert reminder["due"] == "2026-11-23"
    assert reminder["sentence"] == ("Tell Maya how the conversation with Dan went "
                                    "(2026-11-20 Dan)")
    assert [p["name"] for p in reminder["people"]] == ["Maya", "Dan"]
    assert reminder["closes"] == {"path": "Interviews/2026-11-20 Dan.md",
                                  "field": "introducer_updated"}
    done = run("done", reminder["id"], "--vault", vault, "--today", TODAY)
    assert done.code == 0, done.err
    assert f"introducer_updated: {TODAY}\n" in (vault / "Interviews/2026-11-20 Dan.md").read_text()
    assert not [r for r in json_of(run, vault, "due")["reminders"]
                if r["kind"] == "update-introducer"]
    shown = json_of(run, vault, "show", "Maya")["reminders"]
    assert shown == []  # closed


def test_update_introducer_ticked_in_reminders_md(make_vault: MakeVault, run: Run) -> None:
    vault = introducer_vault(make_vault)
    ics = run("export", "ics", "--vault", vault, "--today", TODAY)
    assert ics.code == 0 and "Tell Maya how the conversation with Dan went" in ics.out
    assert run("sync", "--vault", vault, "--today", TODAY).code == 0
    note_path = vault / "Infoview" / "Reminders.md"
    lines = note_path.read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if text.startswith("- [ ] Tell [[Maya]]"))
    lines[line] = lines[line].replace("- [ ]", "- [x]", 1)
    note_path.write_text("\n".join(lines), "utf-8")
    assert run("sync", "--vault", vault, "--today", TODAY).code == 0
    assert "introducer_updated:" in (vault / "Interviews/2026-11-20 Dan.md").read_text()


def test_update_introducer_days_from_config(make_vault: MakeVault, run: Run) -> None:
    vault = introducer_vault(make_vault)
    (vault / ".infoview" / "config.toml").write_text("[reminders]\nupdate_introducer_days = 1\n")
    due = [r for r in json_of(run, vault, "due")["reminders"] if r["kind"] == "update-introducer"]
    assert [r["due"] for r in due] == ["2026-11-21"]


# --- advice and the funnel -------------------------------------------------------------------


def test_show_lists_open_advice(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann.md": contact(),
        "Contacts/Tom.md": contact(),
        "Interviews/lunch.md": note(f'type: interview\ncontact: ["[[Ann]]", "[[Tom]]"]\n'
                                    f"date: {days(-2)}",
                                    "## Advice\n\n- [x] Done already.\n- Read the blog.\n"
                                    "- Tom: learn SQL.\n\nAlso [advice:: call Sam]\n"),
    })
    ann = [a["text"] for a in json_of(run, vault, "show", "Ann")["advice"]]
    tom = [a["text"] for a in json_of(run, vault, "show", "Tom")["advice"]]
    assert ann == ["Read the blog.", "call Sam"]
    assert tom == ["Read the blog.", "learn SQL.", "call Sam"]
    text = run("show", "Tom", "--vault", vault, "--today", TODAY).out
    assert "Advice not acted on yet:" in text and "learn SQL." in text


def test_status_funnel_per_channel(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        ".infoview/config.toml": "[workflow]\nstatus_moves = false\n",
        "Contacts/Ref1.md": contact('referred_by: "[[Cold1]]"\nstatus: prospect'),
        "Contacts/Ref2.md": contact('referred_by: "[[Cold1]]"\nstatus: contacted'),
        "Contacts/Con1.md": contact('connection: "[[Cold1]]"\nstatus: prospect'),
        "Contacts/Cold1.md": contact("status: prospect"),
        "Contacts/Cold2.md": contact("status: dormant"),
        "Interviews/c1.md": talk("Cold1", days(-5)),
        "Interviews/r2.md": talk("Ref2", days(4)),
    })
    funnel = json_of(run, vault, "status")["funnel"]
    assert funnel["referral"] == {
        "people": 2, "contacted": 1, "interviewed": 0, "referred_others": 0,
        "conversion": {"people_to_contacted": 0.5, "contacted_to_interviewed": 0.0,
                       "interviewed_to_referred_others": None}}
    assert funnel["connection"]["people"] == 1 and funnel["connection"]["contacted"] == 0
    cold = funnel["cold"]
    assert (cold["people"], cold["contacted"], cold["interviewed"],
            cold["referred_others"]) == (2, 1, 1, 1)
    assert cold["conversion"]["interviewed_to_referred_others"] == 1.0
    text = run("status", "--vault", vault, "--today", TODAY).out
    assert "cold       2 → 1 (50%) → 1 (100%) → 1 (100%)" in text
    assert run("sync", "--vault", vault, "--today", TODAY).code == 0
    assert "| cold | 2 | 1 (50%) | 1 (100%) | 1 (100%) |" in \
        (vault / "Infoview" / "Dashboard.md").read_text("utf-8")


@pytest.mark.parametrize("setting", ['targets = "Acme"', "weight_target = -1",
                                     "active_goal = 0", 'ask_after_days = "7"'])
def test_bad_strategy_settings_are_one_line_errors(make_vault: MakeVault, run: Run,
                                                   setting: str) -> None:
    vault = make_vault({".infoview/config.toml": f"[strategy]\n{setting}\n"})
    result = run("next", "--vault", vault)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "strategy." in result.err


def test_html_report_shows_the_funnel_and_each_target_with_its_warm_path(
        make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Companies/Acme.md": note("type: company\ntarget: true"),
        "Contacts/Mia.md": contact("status: interviewed"),
        "Contacts/Jo.md": contact('name: "<b>Jo</b>"\ncompany: "[[Acme]]"\n'
                                  'connection: "[[Mia]]"'),
        "Interviews/talk.md": talk("Mia", days(-3)),
    })
    result = run("export", "html", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    page = result.out
    targets = page.split('id="targets"')[1].split("</section>")[0]
    assert "Acme" in targets and "&lt;b&gt;Jo&lt;/b&gt;" in targets and "<b>Jo" not in targets
    assert "Mia → &lt;b&gt;Jo&lt;/b&gt;" in targets
    assert targets.count('class="node') == 2 and 'class="edge' in targets  # drawn, one arrow
    assert "introduce you to &lt;b&gt;Jo&lt;/b&gt;" in targets
    funnel = page.split('id="funnel"')[1].split("</section>")[0]
    assert "<b>1</b> people" in funnel and "referred someone" in funnel
    empty = make_vault({"Contacts/Ann.md": contact()})
    page = run("export", "html", "--vault", empty, "--today", TODAY).out
    assert "No target companies yet" in page


def test_targets_follow_edits_and_the_day(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Companies/Acme.md": note("type: company\ntarget: true"),
        "Contacts/Ann.md": contact('company: "[[Acme]]"'),
        "Interviews/talk.md": talk("Ann", days(2)),
    })
    assert targets(run, vault)["Acme"]["conversations"] == 0
    later = run("targets", "--vault", vault, "--today", days(3), "--json").json()
    assert later["targets"][0]["conversations"] == 1  # the day moved: the talk is held now
    (vault / "Contacts/Bo.md").write_text(contact('company: "[[Acme]]"'), "utf-8")
    assert [p["name"] for p in targets(run, vault)["Acme"]["people"]] == ["Ann", "Bo"]
