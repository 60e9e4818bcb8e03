"""The method's own steps through the command line: ``new``, ``prep``, ``draft``, ``status``,
``Infoview/Dashboard.md``, status moves on sync, Obsidian Bases from ``init``, and names that
match nothing or several contacts."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import (
    DAY,
    TODAY,
    MakeVault,
    Result,
    Run,
    RunProcess,
    changed_files,
    days,
    note,
    snapshot,
)


@pytest.fixture
def example(tmp_path: Path, run: Run) -> Path:
    """The bundled example job search, dated from TODAY and synced."""
    vault = tmp_path / "job-search"
    assert run("init", "--example", vault, "--today", TODAY).code == 0
    assert run("sync", "--vault", vault, "--today", TODAY).code == 0
    return vault


def iv(run: Run, vault: Path, *args: str) -> Result:
    """``infoview ARGS --vault VAULT --today TODAY``."""
    return run(*args, "--vault", vault, "--today", TODAY)


def json_of(run: Run, vault: Path, *args: str) -> Any:
    result = iv(run, vault, *args, "--json")
    assert result.code == 0, result.err
    return result.json()


def clean(result: Result) -> None:
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err


# --- new ---------------------------------------------------------------------------------------


def test_new_contact_prints_only_its_path_and_fills_the_template(example: Path,
                                                                  run: Run) -> None:
    result = iv(run, example, "new", "contact", "Zoë", "O'Brien", "--company", "Globex",
                "--role", "Data Engineer", "--email", "zoe@globex.example",
                "--via", "Daniel Okafor")
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert result.out == f"{path}\n"  # stdout is the path and nothing else
    assert path.is_absolute() and path == example / "Contacts" / "Zoë O'Brien.md"
    assert "Created Contacts/Zoë O'Brien.md" in result.err
    data = yaml.safe_load(path.read_text("utf-8").split("---")[1])
    assert data["type"] == "contact" and data["status"] == "prospect"
    assert data["company"] == "[[Globex]]"  # the company's note exists: a link
    assert data["role"] == "Data Engineer" and data["email"] == "zoe@globex.example"
    assert data["connection"] == "[[Daniel Okafor]]"
    assert "## Notes" in path.read_text("utf-8")
    shown = json_of(run, example, "show", "Zoë O'Brien")
    assert shown["path"] == "Contacts/Zoë O'Brien.md"
    assert shown["details"]["company"] == "Globex"


def test_new_contact_with_an_unknown_company_writes_its_name(example: Path, run: Run) -> None:
    result = iv(run, example, "new", "contact", "Ana Lima", "--company", "Contoso")
    assert result.code == 0, result.err
    data = yaml.safe_load(Path(result.out.strip()).read_text("utf-8").split("---")[1])
    assert data["company"] == "Contoso"  # plain text: a link would point at no note
    assert "infoview new company Contoso" in result.err


def test_new_never_overwrites_a_note(example: Path, run: Run) -> None:
    before = (example / "Contacts" / "Maya Chen.md").read_bytes()
    for name in ("Maya Chen", "maya chen"):
        result = iv(run, example, "new", "contact", name)
        assert result.code == 1
        assert result.out == ""
        assert "Contacts/Maya Chen.md" in result.err
        assert len(result.err.strip().splitlines()) == 1
    assert (example / "Contacts" / "Maya Chen.md").read_bytes() == before
    company = iv(run, example, "new", "company", "Globex")
    assert company.code == 1 and "Companies/Globex.md" in company.err


def test_new_dry_run_writes_nothing_and_undo_removes_a_new_note(example: Path,
                                                                run: Run) -> None:
    before = snapshot(example)
    dry = iv(run, example, "new", "company", "Contoso", "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.strip() == str(example / "Companies" / "Contoso.md")
    assert "+type: company" in dry.err and "--dry-run" in dry.err
    assert changed_files(before, snapshot(example)) == []
    made = iv(run, example, "new", "company", "Contoso")
    assert made.code == 0 and (example / "Companies" / "Contoso.md").is_file()
    undone = iv(run, example, "undo")
    assert undone.code == 0, undone.err
    assert not (example / "Companies" / "Contoso.md").exists()


def test_new_interview_links_the_contact_and_has_the_method_sections(example: Path,
                                                                     run: Run) -> None:
    result = iv(run, example, "new", "interview", "priya", "--date", days(6), "--time",
                "09:30", "--medium", "Video")
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert path == example / "Interviews" / f"{days(6)} Priya Raman.md"
    text = path.read_text("utf-8")
    data = yaml.safe_load(text.split("---")[1])
    assert data["type"] == "interview"
    assert data["contact"] == "[[Priya Raman]]"
    assert data["date"] == dt.datetime.fromisoformat(f"{days(6)}T09:30:00")
    assert data["medium"] == "video"
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["Questions", "Notes", "Referrals", "Advice", "Next steps"]
    questions = text.split("## Questions")[1].split("## Notes")[0]
    assert not re.search(r"^\s*[-*+] ", questions, re.M)  # starts empty
    assert 'infoview prep "Priya Raman"' in result.err
    again = iv(run, example, "new", "interview", "Priya Raman", "--date", days(6))
    assert again.code == 1 and f"Interviews/{days(6)} Priya Raman.md" in again.err


def test_new_interview_adds_the_sections_an_old_template_lacks(make_vault: MakeVault,
                                                               run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann Lee.md": note("type: contact"),
        "Templates/Interview.md": "---\ntype: interview\ncontact:\ndate: {{date}}\n---\n"
                                  "## Notes\n\nMy own layout.\n",
    })
    result = iv(run, vault, "new", "interview", "Ann Lee")
    assert result.code == 0, result.err
    text = Path(result.out.strip()).read_text("utf-8")
    assert "## Notes\n\nMy own layout.\n" in text
    assert re.findall(r"^## (.+)$", text, re.M) == ["Notes", "Questions", "Referrals",
                                                   "Advice", "Next steps"]
    assert f"date: {TODAY}\n" in text


@pytest.mark.parametrize("args", [["new", "interview", "Nobody Here"],
                                  ["new", "contact", "X", "--via", "Nobody Here"],
                                  ["prep", "Nobody Here"], ["draft", "thank-you", "Nobody Here"],
                                  ["show", "Nobody Here"], ["referrals", "Nobody Here"]])
def test_an_unknown_name_is_a_one_line_error(example: Path, run: Run, args: list[str]) -> None:
    result = iv(run, example, *args)
    clean(result)
    assert result.code == 1  # found nothing (NotFoundError)
    assert len(result.err.strip().splitlines()) == 1
    assert "'Nobody Here'" in result.err


@pytest.mark.parametrize("command", [["prep"], ["draft", "outreach"], ["show"],
                                     ["new", "interview"]])
def test_a_misspelt_name_gets_a_did_you_mean(example: Path, run: Run,
                                             command: list[str]) -> None:
    result = iv(run, example, *command, "Kenji Watanbe")
    assert result.code == 1
    assert "did you mean 'Kenji Watanabe'?" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_an_ambiguous_name_lists_the_candidates(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Contacts/Wei Chen.md": note("type: contact"),
                        "Contacts/Maya Chen.md": note("type: contact"),
                        "Contacts/Old/Maya Chen.md": note("type: contact")})
    for args in (["prep", "Chen"], ["draft", "outreach", "Maya Chen"]):
        result = iv(run, vault, *args)
        assert result.code == 1, result.err
        assert len(result.err.strip().splitlines()) == 1
        assert "Contacts/Maya Chen.md" in result.err
        assert "Contacts/Old/Maya Chen.md" in result.err


# --- prep --------------------------------------------------------------------------------------


def test_prep_sheet_for_a_first_conversation(example: Path, run: Run) -> None:
    sheet = json_of(run, example, "prep", "Kenji")
    assert sheet["person"]["name"] == "Kenji Watanabe"
    assert sheet["person"]["role"] == "Product Lead, Patient Apps"
    assert sheet["company"]["path"] == "Companies/Cascade Health.md"
    assert "patient app for clinic networks" in sheet["company"]["research"]
    assert "<!--" not in sheet["company"]["research"]
    assert sheet["connection"]["referred_by"]["name"] == "Oliver Grant"
    assert sheet["connection"]["referral_source"]["path"] == f"Interviews/{days(-130)} " \
        "Oliver Grant.md"
    assert [p["name"] for p in sheet["connection"]["colleagues"]] == ["Oliver Grant"]
    assert sheet["past_conversations"] == []
    assert sheet["conversation"]["path"] == f"Interviews/{days(1)} Kenji Watanabe.md"
    assert [r["kind"] for r in sheet["reminders"]] == ["prep"]
    written = sheet["questions"]["written"]
    assert len(written) == 2
    suggested = [q["text"] for q in sheet["questions"]["suggested"]]
    assert 5 <= len(suggested) <= 8
    assert not set(suggested) & set(written)
    assert suggested[-1].startswith("Who else")  # the referral question comes last
    assert any("Product Lead, Patient Apps" in q for q in suggested)  # first talk, their role
    assert not any("since we last talked" in q for q in suggested)
    assert not any("{" in q for q in suggested)


def test_prep_for_a_follow_up_lists_past_conversations_and_open_advice(example: Path,
                                                                       run: Run) -> None:
    sheet = json_of(run, example, "prep", "Daniel Okafor")
    past = sheet["past_conversations"]
    assert [p["path"] for p in past] == [f"Interviews/{days(-9)} Daniel Okafor.md"]
    assert "GPS pings arrive late or twice" in past[0]["notes"]
    assert [a["text"] for a in sheet["advice"]] == [
        "Talk to engineering leadership too, not only PMs: they decide whether a new PM is "
        "welcome."]
    suggested = [q["text"] for q in sheet["questions"]["suggested"]]
    assert "What has changed for you and your team since we last talked?" in suggested
    asked = {"How did you make the jump from operations into product at [[Globex]]?"}
    assert not asked & set(suggested)
    text = iv(run, example, "prep", "Daniel Okafor")
    assert text.code == 0
    assert "Their advice, not acted on yet" in text.out
    assert "GPS pings arrive late or twice" in text.out


def test_prep_without_a_company_or_conversations(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Contacts/Sam.md": note("type: contact\nrole: Recruiter")})
    sheet = json_of(run, vault, "prep", "Sam")
    assert sheet["company"] is None and sheet["conversation"] is None
    suggested = [q["text"] for q in sheet["questions"]["suggested"]]
    assert 5 <= len(suggested) <= 8
    assert "What makes a candidate from outside the field stand out to you?" in suggested
    assert not any("{" in q or " at ?" in q for q in suggested)
    assert "no question bank" in iv(run, vault, "prep", "Sam").err


def test_prep_questions_come_from_the_vaults_own_bank(make_vault: MakeVault, run: Run) -> None:
    bank = ("# Mine\n\n## First conversation\n\n- What surprised you most at {company}?\n"
            "- Q two?\n- Q three?\n\n## Follow-up conversation\n\n- Anything new, "
            "{first_name}?\n\n## Closing\n\n- Whom should I meet next?\n")
    vault = make_vault({
        "Templates/Questions.md": bank,
        "Companies/Acme.md": note("type: company"),
        "Contacts/Ann Lee.md": note('type: contact\ncompany: "[[Acme]]"'),
        "Contacts/Bo Ek.md": note("type: contact"),
        "Interviews/Bo.md": note(f'type: interview\ncontact: "[[Bo Ek]]"\ndate: {days(-20)}'),
    })
    ann = [q["text"] for q in json_of(run, vault, "prep", "Ann")["questions"]["suggested"]]
    assert ann[:3] == ["What surprised you most at Acme?", "Q two?", "Q three?"]
    assert ann[-1] == "Whom should I meet next?"
    bo = [q["text"] for q in json_of(run, vault, "prep", "Bo")["questions"]["suggested"]]
    assert bo[0] == "Anything new, Bo?"
    assert "What surprised you most at ?" not in bo


def test_prep_write_fills_the_questions_and_closes_the_prep_reminder(example: Path,
                                                                     run: Run) -> None:
    path = example / "Interviews" / f"{days(1)} Kenji Watanabe.md"
    before = path.read_bytes()
    due = json_of(run, example, "due")["reminders"]
    assert any(r["kind"] == "prep" and "Kenji" in r["sentence"] for r in due)
    others = snapshot(example)
    result = iv(run, example, "prep", "Kenji Watanabe", "--write")
    assert result.code == 0, result.err
    assert f"to Interviews/{days(1)} Kenji Watanabe.md" in result.err
    after = path.read_bytes()
    assert changed_files(others, snapshot(example)) == [path.relative_to(example).as_posix()]
    # only lines added, and only under ## Questions
    old, new = before.decode().splitlines(), after.decode().splitlines()
    added = [line for line in new if line not in old]
    assert [line for line in new if line not in added] == old
    questions = new[new.index("## Questions"):new.index("## Notes")]
    assert all(line in questions for line in added)
    assert 5 <= len(added) <= 8
    due = json_of(run, example, "due")["reminders"]
    assert not any(r["kind"] == "prep" and "Kenji" in r["sentence"] for r in due)
    again = iv(run, example, "prep", "Kenji Watanabe", "--write")
    assert again.code == 0 and path.read_bytes() == after  # nothing new to add
    assert "already" in again.err


def test_prep_write_needs_a_conversation_ahead(example: Path, run: Run) -> None:
    before = snapshot(example)
    result = iv(run, example, "prep", "Maya Chen", "--write")
    assert result.code == 1
    assert "infoview new interview" in result.err
    assert "Suggested questions" in result.out  # the sheet is still printed
    assert changed_files(before, snapshot(example)) == []


# --- draft -------------------------------------------------------------------------------------


def test_draft_thank_you_names_the_conversation_advice_and_referrals(example: Path,
                                                                     run: Run) -> None:
    before = snapshot(example)
    result = iv(run, example, "draft", "thank-you", "Daniel Okafor")
    assert result.code == 0, result.err
    day = DAY - dt.timedelta(days=9)
    assert f"on {day.strftime('%A')} {day.day} {day.strftime('%B')}" in result.out
    assert "Subject: Thank you, Daniel" in result.out
    assert "Hi Daniel," in result.out
    assert "your work at Globex" in result.out
    assert "GPS pings arrive late or twice" in result.out
    assert "Talk to engineering leadership too" in result.out
    assert "suggesting I talk to Priya Raman" in result.out
    assert changed_files(before, snapshot(example)) == []  # nothing written


def test_draft_thank_you_in_a_shared_conversation_is_each_persons(example: Path,
                                                                  run: Run) -> None:
    tom = iv(run, example, "draft", "thank-you", "Tom Novak").out
    aisha = iv(run, example, "draft", "thank-you", "Aisha Bello").out
    assert "pair interviews with usage data" in tom
    assert "pair interviews with usage data" not in aisha
    assert "Sam Ortiz" in aisha and "Sam Ortiz" not in tom  # Aisha's referral
    assert "yesterday" in tom


def test_draft_follow_up_names_advice_acted_on_and_people_met(example: Path, run: Run) -> None:
    result = iv(run, example, "draft", "follow-up", "Maya Chen")
    assert result.code == 0, result.err
    assert "It has been two months since we talked" in result.out
    assert "I followed your suggestion to lead with the stock-alert dashboard" in result.out
    assert "Sit in on customer calls" not in result.out  # not acted on yet
    assert "Thanks to you I talked with Daniel Okafor at Globex" in result.out


def test_draft_outreach_says_who_connects_you_and_that_it_is_not_about_a_job(
        example: Path, run: Run) -> None:
    data = json_of(run, example, "draft", "outreach", "Priya Raman")
    assert data["to"] == "priya@globex.example"
    assert data["subject"] == "Daniel Okafor suggested I get in touch"
    body = data["body"]
    assert "Daniel Okafor suggested I get in touch with you" in body
    assert "20 to 30 minutes" in body and "not asking for a job" in body
    assert "Director of Engineering at Globex" in body
    cold = iv(run, example, "new", "contact", "Lu Wen", "--role", "Analyst")
    assert cold.code == 0
    text = json_of(run, example, "draft", "outreach", "Lu Wen")
    assert "I am writing to ask about your work as Analyst." in text["body"]
    assert "suggested" not in text["body"]


def test_draft_mailto_encodes_subject_and_body(example: Path, run: Run) -> None:
    data = json_of(run, example, "draft", "thank-you", "Daniel Okafor")
    link = iv(run, example, "draft", "thank-you", "Daniel Okafor", "--mailto").out.strip()
    assert "\n" not in link and " " not in link
    parts = urllib.parse.urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "daniel.okafor@globex.example"
    query = urllib.parse.parse_qs(parts.query)
    assert query["subject"] == [data["subject"]]
    assert query["body"] == [data["body"].replace("\n", "\r\n")]
    assert link == data["mailto"]


def test_draft_errors_are_one_line(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Contacts/Ann Lee.md": note("type: contact")})
    for args, code in ((["draft", "thank-you", "Ann"], 1), (["draft", "follow-up", "Ann"], 1),
                       (["draft", "outreach", "Ann", "--mailto"], 1),
                       (["draft", "hello", "Ann"], 2)):
        result = iv(run, vault, *args)
        clean(result)
        assert result.code == code, (args, result.err)
        assert len(result.err.strip().splitlines()) == 1, result.err


def test_draft_signature_from_config(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({".infoview/config.toml": '[workflow]\nsignature = "Robin"\n',
                        "Contacts/Ann Lee.md": note("type: contact")})
    out = iv(run, vault, "draft", "outreach", "Ann Lee").out
    assert out.rstrip().endswith("Best wishes,\nRobin")


# --- status and the dashboard -----------------------------------------------------------------


def test_status_counts_every_status_and_matches_due(example: Path, run: Run) -> None:
    status = json_of(run, example, "status")
    assert list(status["people"]) == ["prospect", "contacted", "scheduled", "interviewed",
                                      "following-up", "dormant"]
    contacts = json_of(run, example, "list")["contacts"]
    assert status["total"] == len(contacts)
    for key, count in status["people"].items():
        assert count == sum(1 for c in contacts if c["status"] == key), key
    assert status["people"]["contacted"] == 0 and status["people"]["dormant"] == 0
    conversations = status["conversations"]
    assert conversations["held"] == 2  # 1 and 9 days ago; 62 and 130 are too old
    assert conversations["ahead"] == 1 and conversations["goal"] == 5
    week = status["week"]
    assert week["from"] == "2026-11-23" and week["to"] == "2026-11-29"
    assert [m["date"] for m in week["interviews"]] == [days(-1)]
    due = json_of(run, example, "due")["reminders"]
    assert status["due"]["overdue"] + status["due"]["soon"] == len(due)
    assert status["due"]["overdue"] == sum(1 for r in due if r["due"] < TODAY)
    text = iv(run, example, "status")
    assert text.code == 0
    assert "line up" in text.out and "dormant" in text.out


def test_status_of_an_empty_vault(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault()
    status = json_of(run, vault, "status")
    assert status["people"] == dict.fromkeys(("prospect", "contacted", "scheduled",
                                              "interviewed", "following-up", "dormant"), 0)
    assert "Nothing due" in (vault / "Infoview" / "Dashboard.md").read_text("utf-8") \
        if (vault / "Infoview" / "Dashboard.md").exists() else True
    result = iv(run, vault, "status")
    assert result.code == 0 and "line up 5 more" in result.out


def test_dashboard_is_written_on_sync_and_only_when_it_changes(example: Path,
                                                               run: Run) -> None:
    dashboard = example / "Infoview" / "Dashboard.md"
    text = dashboard.read_text("utf-8")
    assert text.startswith("Generated by infoview")
    assert "| interviewed | 3 |" in text
    assert "[[Kenji Watanabe]]" in text
    stamp = dashboard.stat().st_mtime_ns
    assert iv(run, example, "sync").code == 0
    assert dashboard.stat().st_mtime_ns == stamp  # unchanged: not written
    contact = example / "Contacts" / "Tom Novak.md"
    contact.write_text(contact.read_text("utf-8").replace("status: interviewed",
                                                          "status: dormant"), "utf-8")
    assert iv(run, example, "sync").code == 0
    text = dashboard.read_text("utf-8")
    assert "| dormant | 1 |" in text and "- **dormant**: [[Tom Novak]]" in text


def test_dashboard_keeps_note_values_on_one_inert_line(make_vault: MakeVault,
                                                       run: Run) -> None:
    vault = make_vault({
        "Contacts/Mal.md": note('type: contact\nname: "Mal\\n- [x] pwn ^iv-4701d5\\n<b>x"\n'
                                "status: \"odd\\n# heading\""),
        "Interviews/Talk.md": note(f'type: interview\ncontact: "[[Mal]]"\ndate: {days(-1)}'),
    })
    assert iv(run, vault, "sync").code == 0
    text = (vault / "Infoview" / "Dashboard.md").read_text("utf-8")
    assert not re.search(r"^\s*- \[x\]", text, re.M)
    assert "<b>" not in text and not re.search(r"^# heading", text, re.M)
    assert "^iv-4701d5" not in text.replace("\\^", "")


# --- status moves ------------------------------------------------------------------------------


def moves_vault(make_vault: MakeVault, config: str = "") -> Path:
    return make_vault({
        ".infoview/config.toml": config,
        "Contacts/Past.md": note("type: contact\nstatus: contacted"),
        "Contacts/Soon.md": note("type: contact\nstatus: prospect"),
        "Contacts/Late.md": note("type: contact\nstatus: following-up"),
        "Contacts/Gone.md": note("type: contact\nstatus: dormant"),
        "Contacts/Bare.md": note("type: contact"),
        "Interviews/a.md": note(f'type: interview\ncontact: "[[Past]]"\ndate: {days(-3)}'),
        "Interviews/b.md": note(f'type: interview\ncontact: "[[Soon]]"\ndate: {days(4)}'),
        "Interviews/c.md": note(f'type: interview\ncontact: ["[[Late]]", "[[Gone]]", '
                                f'"[[Bare]]"]\ndate: {days(-2)}'),
    })


def statuses(run: Run, vault: Path) -> dict[str, str | None]:
    return {c["name"]: c["status"] for c in json_of(run, vault, "list")["contacts"]}


def test_status_moves_with_interviews_never_backwards(make_vault: MakeVault, run: Run) -> None:
    vault = moves_vault(make_vault)
    before = (vault / "Contacts" / "Past.md").read_bytes()
    assert iv(run, vault, "sync").code == 0
    assert statuses(run, vault) == {"Bare": "interviewed", "Gone": "dormant",
                                    "Late": "following-up", "Past": "interviewed",
                                    "Soon": "scheduled"}
    after = (vault / "Contacts" / "Past.md").read_bytes()
    assert after == before.replace(b"status: contacted", b"status: interviewed")
    stamp = (vault / "Contacts" / "Soon.md").stat().st_mtime_ns
    assert iv(run, vault, "sync").code == 0
    assert (vault / "Contacts" / "Soon.md").stat().st_mtime_ns == stamp


def test_status_moves_respect_a_status_the_user_set_afterwards(make_vault: MakeVault,
                                                               run: Run) -> None:
    vault = moves_vault(make_vault)
    assert iv(run, vault, "sync").code == 0
    past = vault / "Contacts" / "Past.md"
    past.write_text(past.read_text("utf-8").replace("interviewed", "contacted"), "utf-8")
    assert iv(run, vault, "sync").code == 0
    assert statuses(run, vault)["Past"] == "contacted"  # the same interview moves it once


def test_status_moves_can_be_turned_off_and_dry_run_and_undone(make_vault: MakeVault,
                                                               run: Run) -> None:
    off = moves_vault(make_vault, "[workflow]\nstatus_moves = false\n")
    assert iv(run, off, "sync").code == 0
    assert statuses(run, off)["Past"] == "contacted"
    vault = moves_vault(make_vault)
    before = snapshot(vault / "Contacts")
    dry = iv(run, vault, "sync", "--dry-run")
    assert dry.code == 0 and "+status: interviewed" in dry.out
    assert changed_files(before, snapshot(vault / "Contacts")) == []
    assert iv(run, vault, "sync").code == 0
    assert statuses(run, vault)["Soon"] == "scheduled"
    assert iv(run, vault, "undo").code == 0
    assert statuses(run, vault)["Soon"] == "prospect"


# --- Obsidian Bases ----------------------------------------------------------------------------


def test_init_adds_bases_for_the_configured_folders(tmp_path: Path, run: Run) -> None:
    vault = tmp_path / "v"
    (vault / ".infoview").mkdir(parents=True)
    (vault / ".infoview" / "config.toml").write_text(
        '[folders]\ncontacts = "People"\ninterviews = "Meetings/Talks"\n'
        '[types.contact]\ncategories = ["[[People]]"]\ntags = ["person"]\n'
        '[fields]\ncompany = ["org"]\n', "utf-8")
    assert run("init", vault).code == 0
    contacts = yaml.safe_load((vault / "Contacts.base").read_text("utf-8"))
    either = contacts["filters"]["and"][0]["or"]
    assert 'file.inFolder("People")' in either and 'type == "contact"' in either
    assert 'list(categories).contains(link("People"))' in either
    assert 'file.hasTag("person")' in either
    assert '!file.inFolder("Templates")' in contacts["filters"]["and"]
    views = {v["name"]: v for v in contacts["views"]}
    assert views["Contacts"]["type"] == "table" and "org" in views["Contacts"]["order"]
    assert views["By status"]["type"] == "cards"
    assert views["By status"]["groupBy"]["property"] == "note.status"
    interviews = yaml.safe_load((vault / "Interviews.base").read_text("utf-8"))
    assert 'file.inFolder("Meetings/Talks")' in interviews["filters"]["and"][0]["or"]
    assert interviews["views"][0]["sort"] == [{"property": "date", "direction": "DESC"}]


def test_init_keeps_a_base_the_user_has(tmp_path: Path, run: Run) -> None:
    (tmp_path / "Contacts.base").write_text("views: []\n", "utf-8")
    result = run("init", tmp_path, "--json")
    assert result.code == 0
    assert "Contacts.base" in result.json()["kept"]
    assert "Interviews.base" in result.json()["created"]
    assert (tmp_path / "Contacts.base").read_text("utf-8") == "views: []\n"


def test_new_prints_a_path_an_editor_can_open(example: Path, run_process: RunProcess,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the child process starts there
    result = run_process("new", "contact", "Ola Nordmann", "--vault", example,
                         "--today", TODAY)
    assert result.code == 0, result.err
    assert Path(result.out.rstrip("\n")).is_file()
    assert result.out.count("\n") == 1


def test_prep_and_draft_with_several_conversations(make_vault: MakeVault, run: Run) -> None:
    talk = "type: interview\ncontact: \"[[Inês Duarte]]\"\ndate: {}"
    vault = make_vault({
        "Contacts/Inês Duarte.md": note("type: contact\nname: Ines Duarte\nrole: Head of Data"),
        "Interviews/first.md": note(talk.format(days(-90)),
                                    "## Questions\n\n- What does the team own?\n\n"
                                    "## Notes\n\n- The team owns the warehouse.\n"),
        "Interviews/second.md": note(talk.format(days(-10)),
                                     "## Notes\n\n- They are hiring analysts in spring.\n\n"
                                     "## Advice\n\n- [x] Learn dbt.\n"),
        "Interviews/third.md": note(talk.format(days(3)),
                                    "## Questions\n\n- One?\n\n## Notes\n").replace("\n", "\r\n"),
    })
    sheet = json_of(run, vault, "prep", "ines")
    assert [p["path"] for p in sheet["past_conversations"]] == ["Interviews/first.md",
                                                                "Interviews/second.md"]
    assert sheet["conversation"]["path"] == "Interviews/third.md"
    assert sheet["questions"]["written"] == ["One?"]
    suggested = [q["text"] for q in sheet["questions"]["suggested"]]
    assert "What does the team own?" not in suggested  # asked in the first conversation
    assert "What has changed for you and your team since we last talked?" in suggested
    assert iv(run, vault, "prep", "Ines Duarte", "--write").code == 0
    third = (vault / "Interviews/third.md").read_bytes()
    assert b"\n" not in third.replace(b"\r\n", b"")  # CRLF kept, lines added in CRLF
    assert b"- One?\r\n- What has changed" in third
    thanks = iv(run, vault, "draft", "thank-you", "Inês Duarte").out
    assert "They are hiring analysts in spring" in thanks  # the latest conversation
    assert "warehouse" not in thanks
    follow = iv(run, vault, "draft", "follow-up", "Ines").out
    assert "I followed your suggestion to learn dbt." in follow


def test_status_moves_follow_later_edits_and_the_days(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Contacts/Ann.md": note("type: contact\nstatus: prospect"),
                        "Contacts/Bo.md": note("type: contact\nstatus: contacted")})
    assert iv(run, vault, "sync").code == 0
    assert statuses(run, vault) == {"Ann": "prospect", "Bo": "contacted"}
    (vault / "Interviews").mkdir()
    (vault / "Interviews/talk-ann.md").write_text(
        note(f'type: interview\ncontact: "[[Ann]]"\ndate: {days(-1)}'), "utf-8")
    (vault / "Interviews/talk-bo.md").write_text(
        note(f'type: interview\ncontact: "[[Bo]]"\ndate: {days(1)}'), "utf-8")
    assert iv(run, vault, "sync").code == 0  # the same day: only what changed is looked at
    assert statuses(run, vault) == {"Ann": "interviewed", "Bo": "scheduled"}
    later = run("sync", "--vault", vault, "--today", days(2))  # Bo's conversation is past now
    assert later.code == 0, later.err
    assert statuses(run, vault)["Bo"] == "interviewed"
