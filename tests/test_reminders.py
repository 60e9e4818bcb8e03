"""Reminders (built-in plugin), pinned through the command line with a fixed ``--today``.

The five kinds and their rules (thank-you, follow-up, prep, keep-in-touch, outreach), the
``[reminders]`` settings, ``infoview due``, ``infoview done``, ``Infoview/Reminders.md`` (Obsidian
Tasks lines, tick-back) and the ``register_reminder_kinds`` hook. Vaults are small and written the
way people write notes: frontmatter, then a body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, MakeVault, Run, RunWith, changed_files, note, snapshot

from infoview import hookimpl
from infoview.model.reminders import Closing, Reminder, ReminderKind
from infoview.model.values import as_date

ID_RE = re.compile(r"^iv-[0-9a-f]{6}$")
BODY = "## Notes\n\nTalked about how the team works. Good hour.\n\n## Next steps\n\n- Write back\n"
JSON_KEYS = {"id", "kind", "due", "days_late", "person", "people", "note", "sentence",
             "markdown", "closes"}


# -- notes as people write them -----------------------------------------------------------------


def contact(extra: str = "", role: str = "Product Manager") -> str:
    """A contact note (``extra``: more frontmatter lines, each ending in a newline)."""
    return note(f"type: contact\nrole: {role}\ncompany: Acme\n{extra}",
                "## About\n\nMet at the product meetup in October.\n")


def interview(date: str | None, *people: str, extra: str = "", body: str = BODY) -> str:
    """An interview note with ``people`` (``Jane Doe`` if none) in ``contact``."""
    people = people or ("Jane Doe",)
    who = (f'contact: "[[{people[0]}]]"\n' if len(people) == 1 else
           "contact:\n" + "".join(f'  - "[[{p}]]"\n' for p in people))
    when = "" if date is None else f"date: {date}\n"
    return note(f"type: interview\n{who}{when}medium: video\nduration: 45\n{extra}", body)


def questions(count: int) -> str:
    items = "".join(f"- Question number {n} about the role?\n" for n in range(1, count + 1))
    return f"## Questions\n\n{items}\n## Notes\n\n- Not yet.\n"


def jane(extra: str = "") -> dict[str, str]:
    return {"Contacts/Jane Doe.md": contact(extra)}


# -- running infoview --------------------------------------------------------------------------


def due(run: Run, vault: Path, today: str = TODAY, within: int = 400) -> list[dict[str, Any]]:
    """``due --json`` (a wide ``--within`` by default): the reminders."""
    result = run("due", "--vault", vault, "--today", today, "--within", str(within), "--json")
    assert result.code == 0, (result.out, result.err)
    data = result.json()
    assert data["today"] == today and data["within"] == within
    reminders: list[dict[str, Any]] = data["reminders"]
    return reminders


def of_kind(reminders: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [r for r in reminders if r["kind"] == kind]


def one(reminders: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = of_kind(reminders, kind)
    assert len(found) == 1, found
    return found[0]


def dues(reminders: list[dict[str, Any]], kind: str) -> list[tuple[str, str]]:
    """``(note, due)`` of each reminder of ``kind``."""
    return [(r["note"], r["due"]) for r in of_kind(reminders, kind)]


def sync(run: Run, vault: Path, *extra: str, today: str = TODAY) -> dict[str, Any]:
    result = run("sync", "--vault", vault, "--today", today, "--json", *extra)
    assert result.code == 0, (result.out, result.err)
    data: dict[str, Any] = result.json()
    return data


def doctor(run: Run, vault: Path) -> list[dict[str, Any]]:
    result = run("doctor", "--vault", vault, "--today", TODAY, "--json")
    problems: list[dict[str, Any]] = result.json()["problems"]
    assert result.code == (1 if any(p["kind"] != "warning" for p in problems) else 0)
    return problems


def reminders_note(vault: Path) -> str:
    return (vault / "Infoview" / "Reminders.md").read_text(encoding="utf-8")


# == thank-you ==================================================================================


def test_thank_you_is_due_the_day_after_the_interview(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-20 Jane Doe.md": interview("2026-11-20")})
    reminder = one(due(run, vault), "thank-you")
    assert reminder["due"] == "2026-11-21"
    assert reminder["days_late"] == 4
    assert reminder["person"] == "Jane Doe"
    assert reminder["people"] == [{"name": "Jane Doe", "path": "Contacts/Jane Doe.md"}]
    assert reminder["note"] == "Interviews/2026-11-20 Jane Doe.md"
    assert reminder["sentence"] == "Send a thank-you note to Jane Doe (2026-11-20 Jane Doe)"
    assert reminder["markdown"] == \
        "Send a thank-you note to [[Jane Doe]] ([[2026-11-20 Jane Doe]])"
    assert reminder["closes"] == {"path": "Interviews/2026-11-20 Jane Doe.md",
                                  "field": "thank_you_sent"}
    assert ID_RE.match(reminder["id"])


@pytest.mark.parametrize("written", [
    "2026-11-24T23:30:00-05:00",   # late evening in New York: 04:30 the next day in UTC
    "2026-11-24T00:30:00+09:00",   # just after midnight in Tokyo: the day before in UTC
    "2026-11-24T14:30",            # Obsidian's date-time property (no seconds, no zone)
    "2026-11-24T14:30:00",
    '"2026-11-24"',
])
def test_thank_you_uses_the_day_as_written(make_vault: MakeVault, run: Run, written: str) -> None:
    vault = make_vault({**jane(), "Interviews/Jane.md": interview(written)})
    assert dues(due(run, vault), "thank-you") == [("Interviews/Jane.md", "2026-11-25")]


def test_thank_you_not_yet_due_shows_only_within(make_vault: MakeVault, run: Run) -> None:
    # The conversation is today: the thank-you is due tomorrow.
    vault = make_vault({**jane(), "Interviews/2026-11-25 Jane Doe.md": interview("2026-11-25")})
    assert dues(due(run, vault, within=0), "thank-you") == []
    reminder = one(due(run, vault, within=1), "thank-you")
    assert (reminder["due"], reminder["days_late"]) == ("2026-11-26", 0)
    assert one(due(run, vault, today="2026-11-28", within=0), "thank-you")["days_late"] == 2


@pytest.mark.parametrize("sent", ["2026-11-24", "true", "yes", "Yes", "2026-11-24T18:05"])
def test_thank_you_is_closed_by_thank_you_sent(make_vault: MakeVault, run: Run, sent: str) -> None:
    vault = make_vault({
        **jane(),
        "Interviews/Open.md": interview("2026-11-20", extra="thank_you_sent:\n"),
        "Interviews/Not sent.md": interview("2026-11-20", extra="thank_you_sent: false\n"),
        "Interviews/Sent.md": interview("2026-11-20", extra=f"thank_you_sent: {sent}\n"),
    })
    assert sorted(dues(due(run, vault), "thank-you")) == [
        ("Interviews/Not sent.md", "2026-11-21"), ("Interviews/Open.md", "2026-11-21")]


def test_no_thank_you_for_a_future_interview(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-12-03 Jane Doe.md": interview("2026-12-03")})
    reminders = due(run, vault)
    assert of_kind(reminders, "thank-you") == []
    assert dues(reminders, "prep") == [("Interviews/2026-12-03 Jane Doe.md", "2026-12-01")]
    # The day after it happens, it is due.
    later = due(run, vault, today="2026-12-04")
    assert dues(later, "thank-you") == [("Interviews/2026-12-03 Jane Doe.md", "2026-12-04")]


def test_two_people_in_one_interview_give_one_thank_you(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Aisha Bello.md": contact(),
        "Contacts/Tom Novak.md": contact(role="UX Researcher"),
        "Interviews/2026-11-24 Aisha and Tom.md": interview("2026-11-24", "Aisha Bello",
                                                            "Tom Novak"),
    })
    reminder = one(due(run, vault), "thank-you")
    assert reminder["due"] == "2026-11-25"
    assert reminder["person"] == "Aisha Bello"
    assert reminder["people"] == [{"name": "Aisha Bello", "path": "Contacts/Aisha Bello.md"},
                                  {"name": "Tom Novak", "path": "Contacts/Tom Novak.md"}]
    assert reminder["markdown"] == ("Send a thank-you note to [[Aisha Bello]] and [[Tom Novak]] "
                                    "([[2026-11-24 Aisha and Tom]])")


@pytest.mark.parametrize("date_line", ["", "date:\n", "date: next Tuesday\n", "date: TBD\n"])
def test_interview_without_a_date_gets_no_reminder_and_a_doctor_warning(
        make_vault: MakeVault, run: Run, date_line: str) -> None:
    vault = make_vault({**jane(),
                        "Interviews/Coffee with Jane.md": interview(None, extra=date_line),
                        "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    sync(run, vault)
    reminders = due(run, vault)
    assert {r["note"] for r in reminders} == {"Interviews/2026-11-24 Jane Doe.md"}
    problems = doctor(run, vault)
    assert [(p["path"], p["kind"]) for p in problems] == \
        [("Interviews/Coffee with Jane.md", "warning")]
    assert "no date" in problems[0]["message"]


# == follow-up ==================================================================================


def test_follow_up_is_due_sixty_days_after(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-09-24 Jane Doe.md":
                        interview("2026-09-24", extra="thank_you_sent: 2026-09-25\n")})
    reminder = one(due(run, vault), "follow-up")
    assert (reminder["due"], reminder["days_late"]) == ("2026-11-23", 2)
    assert reminder["markdown"] == \
        "Send a follow-up note to [[Jane Doe]] ([[2026-09-24 Jane Doe]])"
    assert reminder["closes"] == {"path": "Interviews/2026-09-24 Jane Doe.md",
                                  "field": "follow_up_sent"}
    assert of_kind(due(run, vault), "thank-you") == []


def test_follow_up_is_closed_by_follow_up_sent(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        **jane(),
        "Interviews/A.md": interview("2026-09-24", extra="follow_up_sent:\n"),
        "Interviews/B.md": interview("2026-09-24", extra="follow_up_sent: 2026-11-20\n"),
        "Interviews/C.md": interview("2026-09-24", extra="follow_up_sent: true\n"),
    })
    assert dues(due(run, vault), "follow-up") == [("Interviews/A.md", "2026-11-23")]


def test_no_follow_up_before_the_interview_happened(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-26 Jane Doe.md": interview("2026-11-26")})
    assert of_kind(due(run, vault), "follow-up") == []
    assert dues(due(run, vault, today="2026-11-26"), "follow-up") == \
        [("Interviews/2026-11-26 Jane Doe.md", "2027-01-25")]


# == prep =======================================================================================


def test_prep_is_due_two_days_before_an_interview_ahead(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-30 Jane Doe.md":
                        interview("2026-11-30T10:00", body=questions(0))})
    reminder = one(due(run, vault), "prep")
    assert (reminder["due"], reminder["days_late"]) == ("2026-11-28", 0)
    assert reminder["markdown"] == ("Prepare for the conversation with [[Jane Doe]] on 2026-11-30 "
                                    "([[2026-11-30 Jane Doe]])")
    assert reminder["closes"] == {"path": "Interviews/2026-11-30 Jane Doe.md",
                                  "field": "prepared"}
    assert one(due(run, vault, today="2026-11-29"), "prep")["days_late"] == 1


def test_prep_is_closed_by_prepared_true(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        **jane(),
        "Interviews/Ready.md": interview("2026-11-30", extra="prepared: true\n"),
        "Interviews/Not ready.md": interview("2026-11-30", extra="prepared: false\n"),
        "Interviews/Unsaid.md": interview("2026-11-30", extra="prepared:\n"),
    })
    assert sorted(dues(due(run, vault), "prep")) == [
        ("Interviews/Not ready.md", "2026-11-28"), ("Interviews/Unsaid.md", "2026-11-28")]


def test_prep_is_closed_by_three_questions(make_vault: MakeVault, run: Run) -> None:
    nested = ("## Questions\n\n- How did you move into product?\n\n### About the team\n\n"
              "- Who decides the roadmap?\n- How big is the team?\n\n## Notes\n\n- Later.\n")
    two_then_notes = ("## Questions\n\n- How did you move into product?\n- Who decides?\n\n"
                      "## Notes\n\n- one\n- two\n- three\n")
    vault = make_vault({
        **jane(),
        "Interviews/Three.md": interview("2026-11-30", body=questions(3)),
        "Interviews/Two.md": interview("2026-11-30", body=questions(2)),
        "Interviews/Nested.md": interview("2026-11-30", body=nested),
        "Interviews/Two then notes.md": interview("2026-11-30", body=two_then_notes),
    })
    sync(run, vault)  # the questions are read from the index, as on any day
    assert sorted(dues(due(run, vault), "prep")) == [
        ("Interviews/Two then notes.md", "2026-11-28"), ("Interviews/Two.md", "2026-11-28")]


def test_no_prep_for_past_interviews(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-20 Jane Doe.md": interview("2026-11-20"),
                        "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    assert of_kind(due(run, vault), "prep") == []
    # The day before the second one, it was still ahead.
    assert dues(due(run, vault, today="2026-11-23"), "prep") == \
        [("Interviews/2026-11-24 Jane Doe.md", "2026-11-22")]


# == keep-in-touch ==============================================================================


@pytest.mark.parametrize(("every", "expected"), [
    ("90", "2026-12-30"), ("90d", "2026-12-30"), ("'90'", "2026-12-30"), ("2w", "2026-10-15"),
    ("3m", "2027-01-01"), ("1m", "2026-11-01"), ("12M", "2027-10-01"),
])
def test_keep_in_touch_cadence_units(make_vault: MakeVault, run: Run, every: str,
                                     expected: str) -> None:
    vault = make_vault(jane(f"keep_in_touch: {every}\nlast_contact: 2026-10-01\n"))
    reminder = one(due(run, vault), "keep-in-touch")
    assert reminder["due"] == expected
    assert reminder["markdown"] == "Get back in touch with [[Jane Doe]] (last contact 2026-10-01)"
    assert reminder["closes"] == {"path": "Contacts/Jane Doe.md", "field": "last_contact"}


@pytest.mark.parametrize(("last", "every", "expected"), [
    ("2027-01-31", "1m", "2027-02-28"),
    ("2028-01-31", "1m", "2028-02-29"),
    ("2026-08-31", "3m", "2026-11-30"),
    ("2026-03-31", "1m", "2026-04-30"),
    ("2026-11-30", "3m", "2027-02-28"),
])
def test_keep_in_touch_months_are_calendar_months(make_vault: MakeVault, run: Run, last: str,
                                                  every: str, expected: str) -> None:
    vault = make_vault(jane(f"keep_in_touch: {every}\nlast_contact: {last}\n"))
    reminders = due(run, vault, today=last, within=800)
    assert dues(reminders, "keep-in-touch") == [("Contacts/Jane Doe.md", expected)]


@pytest.mark.parametrize(("notes", "last"), [
    ({}, "2026-09-01"),
    # a past interview newer than last_contact
    ({"Interviews/I.md": interview("2026-10-05")}, "2026-10-05"),
    # a sent thank-you (a date) after the interview
    ({"Interviews/I.md": interview("2026-09-20", extra="thank_you_sent: 2026-09-22\n")},
     "2026-09-22"),
    # a sent follow-up
    ({"Interviews/I.md": interview("2026-06-10", extra="thank_you_sent: true\n"
                                  "follow_up_sent: 2026-10-12\n")}, "2026-10-12"),
    # the latest of several interviews
    ({"Interviews/I.md": interview("2026-09-15"), "Interviews/J.md": interview("2026-10-20"),
      "Interviews/K.md": interview("2026-08-01")}, "2026-10-20"),
    # older interview: last_contact wins
    ({"Interviews/I.md": interview("2026-07-01")}, "2026-09-01"),
    # a thank-you dated ahead (a slip of the keyboard) was not sent yet
    ({"Interviews/I.md": interview("2026-08-20", extra="thank_you_sent: 2026-12-22\n")},
     "2026-09-01"),
    # an interview ahead is no interaction yet
    ({"Interviews/I.md": interview("2026-12-01")}, "2026-09-01"),
    # an interview with someone else is not an interaction with Jane
    ({"Contacts/Bob Stone.md": contact(),
      "Interviews/I.md": interview("2026-11-01", "Bob Stone")}, "2026-09-01"),
])
def test_keep_in_touch_counts_from_the_last_interaction(make_vault: MakeVault, run: Run,
                                                        notes: dict[str, str], last: str) -> None:
    vault = make_vault({**jane("keep_in_touch: 90\nlast_contact: 2026-09-01\n"), **notes})
    reminders = [r for r in due(run, vault) if r["note"] == "Contacts/Jane Doe.md"]
    expected = (dt.date.fromisoformat(last) + dt.timedelta(days=90)).isoformat()
    assert dues(reminders, "keep-in-touch") == [("Contacts/Jane Doe.md", expected)]
    assert reminders[0]["sentence"] == f"Get back in touch with Jane Doe (last contact {last})"


def test_a_newer_interaction_resets_keep_in_touch(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault(jane("keep_in_touch: 2w\nlast_contact: 2026-10-01\n"))
    sync(run, vault)
    before = one(due(run, vault), "keep-in-touch")
    assert (before["due"], before["days_late"]) == ("2026-10-15", 41)
    # Coffee last week: in the note, and an interview note for it.
    path = vault / "Contacts" / "Jane Doe.md"
    path.write_text(path.read_text().replace("2026-10-01", "2026-11-10"))
    after = one(due(run, vault), "keep-in-touch")
    assert (after["due"], after["days_late"]) == ("2026-11-24", 1)
    assert after["id"] != before["id"]
    (vault / "Interviews").mkdir()
    (vault / "Interviews" / "2026-11-20 Jane Doe.md").write_text(interview("2026-11-20"))
    latest = one(due(run, vault), "keep-in-touch")
    assert latest["due"] == "2026-12-04"
    assert latest["id"] not in (before["id"], after["id"])


def test_keep_in_touch_without_any_interaction_is_due_today(make_vault: MakeVault,
                                                            run: Run) -> None:
    vault = make_vault(jane("keep_in_touch: 3m\nlast_contact:\n"))
    reminder = one(due(run, vault, within=0), "keep-in-touch")
    assert (reminder["due"], reminder["days_late"]) == (TODAY, 0)
    assert reminder["sentence"] == "Get back in touch with Jane Doe (no contact recorded yet)"


@pytest.mark.parametrize("every", ["soon", "0", "3 months", "-2w", "true"])
def test_unreadable_cadence_is_a_doctor_warning(make_vault: MakeVault, run: Run,
                                                every: str) -> None:
    vault = make_vault({**jane(f"keep_in_touch: {every}\nlast_contact: 2026-01-01\n"),
                        "Contacts/Bob Stone.md": contact("keep_in_touch: 30\n"
                                                         "last_contact: 2026-11-01\n")})
    assert dues(due(run, vault), "keep-in-touch") == [("Contacts/Bob Stone.md", "2026-12-01")]
    problems = doctor(run, vault)
    assert [(p["path"], p["kind"], p["line"]) for p in problems] == \
        [("Contacts/Jane Doe.md", "warning", 5)]
    assert "keep_in_touch" in problems[0]["message"]


# == outreach ===================================================================================


def referral_vault(priya: str, source_date: str | None = "2026-11-16") -> dict[str, str]:
    return {
        "Contacts/Daniel Okafor.md": contact("status: interviewed\n"),
        "Interviews/2026-11-16 Daniel Okafor.md": interview(
            source_date, "Daniel Okafor", extra="thank_you_sent: 2026-11-16\n",
            body="## Referrals\n\n- [[Priya Raman]] — Director of Engineering at Acme\n"),
        "Contacts/Priya Raman.md": note(priya, "## About\n\nRuns routing at Acme.\n"),
    }


PRIYA = ('type: contact\nrole: Director of Engineering\nstatus: prospect\n'
         'referred_by: "[[Daniel Okafor]]"\nreferral_source: "[[2026-11-16 Daniel Okafor]]"\n')


def test_outreach_is_due_a_week_after_the_referral(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault(referral_vault(PRIYA))
    reminder = one(due(run, vault), "outreach")
    assert (reminder["due"], reminder["days_late"]) == ("2026-11-23", 2)
    assert reminder["person"] == "Priya Raman"
    assert reminder["note"] == "Contacts/Priya Raman.md"
    assert reminder["markdown"] == "Reach out to [[Priya Raman]], referred by [[Daniel Okafor]]"
    assert reminder["closes"] == {"path": "Contacts/Priya Raman.md", "field": "status"}


@pytest.mark.parametrize(("priya", "source_date"), [
    (PRIYA, None),                                                   # interview has no date
    (PRIYA.replace('referral_source: "[[2026-11-16 Daniel Okafor]]"\n', ""), "2026-11-16"),
    (PRIYA.replace("2026-11-16 Daniel Okafor]]", "Lunch somewhere]]"), "2026-11-16"),
])
def test_outreach_without_a_dated_interview_is_due_today(make_vault: MakeVault, run: Run,
                                                         priya: str,
                                                         source_date: str | None) -> None:
    vault = make_vault(referral_vault(priya, source_date))
    assert dues(due(run, vault, within=0), "outreach") == [("Contacts/Priya Raman.md", TODAY)]


@pytest.mark.parametrize("status", ["contacted", "scheduled", "Interviewed", "declined"])
def test_outreach_closes_when_status_moves_on(make_vault: MakeVault, run: Run, status: str) -> None:
    vault = make_vault(referral_vault(PRIYA))
    assert len(of_kind(due(run, vault), "outreach")) == 1
    path = vault / "Contacts" / "Priya Raman.md"
    path.write_text(path.read_text().replace("status: prospect", f"status: {status}"))
    assert of_kind(due(run, vault), "outreach") == []


def test_no_outreach_for_a_prospect_nobody_referred(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        "Contacts/Priya Raman.md": note("type: contact\nstatus: prospect\nreferred_by:\n",
                                        "## About\n\nFound her talk online.\n"),
        "Contacts/Sam Ortiz.md": note("type: contact\nstatus: prospect\n", "Recruiter.\n"),
    })
    assert of_kind(due(run, vault), "outreach") == []


# == [reminders] settings =======================================================================


@pytest.mark.parametrize(("setting", "kind", "expected"), [
    ("thank_you_days = 3", "thank-you", "2026-11-27"),
    ("follow_up_days = 30", "follow-up", "2026-12-24"),
    ("prep_days = 5", "prep", "2026-12-05"),
    ("outreach_days = 2", "outreach", "2026-11-26"),
])
def test_settings_change_due_dates(make_vault: MakeVault, run: Run, setting: str, kind: str,
                                   expected: str) -> None:
    files = {**jane(), **referral_vault(PRIYA, "2026-11-24"),
             "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24"),
             "Interviews/2026-12-10 Jane Doe.md": interview("2026-12-10")}
    defaults = make_vault(files)
    configured = make_vault({**files, ".infoview/config.toml": f"[reminders]\n{setting}\n"})
    wanted = {"thank-you": "Interviews/2026-11-24 Jane Doe.md",
              "follow-up": "Interviews/2026-11-24 Jane Doe.md",
              "prep": "Interviews/2026-12-10 Jane Doe.md",
              "outreach": "Contacts/Priya Raman.md"}[kind]
    default_due = {"thank-you": "2026-11-25", "follow-up": "2027-01-23", "prep": "2026-12-08",
                   "outreach": "2026-12-01"}[kind]
    assert [d for n, d in dues(due(run, defaults), kind) if n == wanted] == [default_due]
    assert [d for n, d in dues(due(run, configured), kind) if n == wanted] == [expected]


def test_prep_min_questions_setting(make_vault: MakeVault, run: Run) -> None:
    files = {**jane(), "Interviews/One.md": interview("2026-11-30", body=questions(1)),
             "Interviews/None.md": interview("2026-11-30", body=questions(0))}
    defaults = make_vault(files)
    configured = make_vault({**files, ".infoview/config.toml":
                             "[reminders]\nprep_min_questions = 1\n"})
    assert sorted(dues(due(run, defaults), "prep")) == [
        ("Interviews/None.md", "2026-11-28"), ("Interviews/One.md", "2026-11-28")]
    assert dues(due(run, configured), "prep") == [("Interviews/None.md", "2026-11-28")]


# == infoview due ===============================================================================


def busy_vault(make_vault: MakeVault) -> Path:
    """Overdue: a follow-up (2 days late) and a thank-you (5 days late); ahead: a thank-you
    today, a prep in 3 days, a follow-up in 59 days."""
    vault: Path = make_vault({
        **jane(),
        "Contacts/Maya Chen.md": contact(),
        "Contacts/Kenji Watanabe.md": contact(),
        "Interviews/2026-09-24 Maya Chen.md": interview("2026-09-24", "Maya Chen",
                                                        extra="thank_you_sent: 2026-09-25\n"),
        "Interviews/2026-11-19 Kenji Watanabe.md": interview(
            "2026-11-19", "Kenji Watanabe", extra="follow_up_sent: 2026-11-24\n"),
        "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24"),
        "Interviews/2026-11-30 Maya Chen.md": interview("2026-11-30", "Maya Chen",
                                                        body=questions(1)),
    })
    return vault


def test_due_lists_overdue_first_then_upcoming(make_vault: MakeVault, run: Run) -> None:
    vault = busy_vault(make_vault)
    result = run("due", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    rows = [line for line in result.out.splitlines() if "iv-" in line]
    summary = [(re.split(r"\s{2,}|\t", line.strip())[0], line.split()[-1]) for line in rows]
    ids = {(r["kind"], r["note"]): r["id"] for r in due(run, vault)}
    assert summary == [
        ("5 days late", ids["thank-you", "Interviews/2026-11-19 Kenji Watanabe.md"]),
        ("2 days late", ids["follow-up", "Interviews/2026-09-24 Maya Chen.md"]),
        ("today", ids["thank-you", "Interviews/2026-11-24 Jane Doe.md"]),
        ("in 3 days", ids["prep", "Interviews/2026-11-30 Maya Chen.md"]),
    ]
    out = result.out
    assert out.index("2 overdue") < out.index("5 days late") < out.index("2 days late") \
        < out.index("2 due within 7 days") < out.index("today") < out.index("in 3 days")
    assert "2027-01-22" not in out  # Jane's follow-up is further away than 7 days


def test_due_json_records(make_vault: MakeVault, run: Run) -> None:
    vault = busy_vault(make_vault)
    result = run("due", "--vault", vault, "--today", TODAY, "--json")
    data = result.json()
    assert data["within"] == 7
    reminders = data["reminders"]
    assert all(set(r) == JSON_KEYS for r in reminders)
    assert [(r["kind"], r["due"], r["days_late"]) for r in reminders] == [
        ("thank-you", "2026-11-20", 5), ("follow-up", "2026-11-23", 2),
        ("thank-you", "2026-11-25", 0), ("prep", "2026-11-28", 0)]
    assert len({r["id"] for r in reminders}) == 4
    assert all(ID_RE.match(r["id"]) for r in reminders)


def test_due_within_defaults_to_seven_days(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(),
                        "Interviews/In 7.md": interview("2026-12-04"),     # prep due 12-02
                        "Interviews/In 8.md": interview("2026-12-05")})    # prep due 12-03
    result = run("due", "--vault", vault, "--today", TODAY, "--json")
    assert dues(result.json()["reminders"], "prep") == [("Interviews/In 7.md", "2026-12-02")]
    assert dues(due(run, vault, within=8), "prep") == [
        ("Interviews/In 7.md", "2026-12-02"), ("Interviews/In 8.md", "2026-12-03")]


def test_due_says_nothing_due(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-20 Jane Doe.md": interview(
        "2026-11-20", extra="thank_you_sent: 2026-11-21\n")})
    result = run("due", "--vault", vault, "--today", TODAY)
    assert result.code == 0
    assert result.out.startswith("Nothing due in the next 7 days.")
    assert "iv-" not in result.out
    assert run("due", "--vault", vault, "--today", TODAY, "--json").json()["reminders"] == []


def test_ids_are_stable_across_index_rebuilds(make_vault: MakeVault, run: Run) -> None:
    vault = busy_vault(make_vault)
    (vault / "Contacts" / "Grace Liu.md").write_text(
        contact("keep_in_touch: 30\nlast_contact: 2026-10-21\n"))
    sync(run, vault)
    first = [(r["id"], r["kind"], r["note"], r["due"]) for r in due(run, vault)]
    assert len(first) == 6
    assert len({r[0] for r in first}) == 6
    sync(run, vault, "--full")
    assert [(r["id"], r["kind"], r["note"], r["due"]) for r in due(run, vault)] == first
    index = Path(run("doctor", "--vault", vault, "--json").json()["index"])
    assert index.is_file()
    index.unlink()
    sync(run, vault)
    assert index.is_file()
    assert [(r["id"], r["kind"], r["note"], r["due"]) for r in due(run, vault)] == first
    # And the ids written to Reminders.md are the same ids.
    assert sorted(re.findall(r"\^(iv-[0-9a-f]+)$", reminders_note(vault), re.M)) == \
        sorted(r[0] for r in first)


# == infoview done ==============================================================================

CRLF_INTERVIEW = (b'---\r\ntype: interview\r\ncontact: "[[Jane Doe]]"  # met via Grace\r\n'
                  b"date: 2026-11-24\r\n# sent from my phone, keep it short\r\n"
                  b"thank_you_sent:\r\nfollow_up_sent:\r\n---\r\n## Notes\r\n\r\n"
                  b"She said: \"ask me again in spring\".\r\n")


def done_id(run: Run, vault: Path, kind: str, path: str | None = None) -> str:
    """The id of the one open reminder of ``kind`` (from the note at ``path``)."""
    found = [r for r in of_kind(due(run, vault), kind) if path in (None, r["note"])]
    assert len(found) == 1, found
    rid: str = found[0]["id"]
    return rid


def test_done_writes_thank_you_sent_and_nothing_else(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": CRLF_INTERVIEW})
    rid = done_id(run, vault, "thank-you")
    result = run("done", rid, "--vault", vault, "--today", "2026-11-26")
    assert result.code == 0, result.err
    assert "thank_you_sent: 2026-11-26" in result.out
    assert "Interviews/2026-11-24 Jane Doe.md" in result.out
    path = vault / "Interviews" / "2026-11-24 Jane Doe.md"
    assert path.read_bytes() == CRLF_INTERVIEW.replace(b"thank_you_sent:\r\n",
                                                       b"thank_you_sent: 2026-11-26\r\n")
    assert of_kind(due(run, vault), "thank-you") == []
    assert len(of_kind(due(run, vault), "follow-up")) == 1


@pytest.mark.parametrize(("kind", "path", "old", "new"), [
    ("follow-up", "Interviews/2026-09-01 Jane Doe.md", "follow_up_sent:\n",
     "follow_up_sent: 2026-11-25\n"),
    ("prep", "Interviews/2026-11-30 Jane Doe.md", "prepared: false\n", "prepared: true\n"),
    ("keep-in-touch", "Contacts/Jane Doe.md", "last_contact: 2026-09-01\n",
     "last_contact: 2026-11-25\n"),
    ("outreach", "Contacts/Priya Raman.md", "status: prospect\n", "status: contacted\n"),
])
def test_done_writes_the_closing_field(make_vault: MakeVault, run: Run, kind: str, path: str,
                                       old: str, new: str) -> None:
    files = {
        **jane("keep_in_touch: 2w\nlast_contact: 2026-09-01\n# she prefers email\n"),
        **referral_vault(PRIYA + "# met nobody yet\n"),
        "Interviews/2026-09-01 Jane Doe.md": interview(
            "2026-07-01", extra="thank_you_sent: 2026-07-02 # by email\nfollow_up_sent:\n"),
        "Interviews/2026-11-30 Jane Doe.md": interview(
            "2026-11-30", extra="prepared: false\n# read the annual report\n"),
    }
    vault = make_vault(files)
    rid = done_id(run, vault, kind, path)
    result = run("done", rid, "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Wrote {new.strip()} to {path} ({kind}: ")
    assert (vault / path).read_text() == files[path].replace(old, new)
    for other, text in files.items():
        if other != path:
            assert (vault / other).read_text() == text
    assert rid not in {r["id"] for r in due(run, vault)}


@pytest.mark.parametrize("form", ["^{id}", "{id}", "{hex}", "{upper}", " ^{id} "])
def test_done_accepts_every_way_of_writing_the_id(make_vault: MakeVault, run: Run,
                                                  form: str) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    rid = done_id(run, vault, "thank-you")
    given = form.format(id=rid, hex=rid.removeprefix("iv-"), upper=rid.upper())
    result = run("done", given, "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    assert "thank_you_sent: 2026-11-25" in (vault / "Interviews/2026-11-24 Jane Doe.md").read_text()


def test_done_with_an_unknown_id_is_a_one_line_error(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    before = snapshot(vault)
    result = run("done", "iv-000000", "--vault", vault, "--today", TODAY)
    assert result.code == 1  # no such reminder (NotFoundError)
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert "iv-000000" in result.err
    # A reminder already closed is unknown too.
    rid = done_id(run, vault, "thank-you")
    assert run("done", rid, "--vault", vault, "--today", TODAY).code == 0
    again = run("done", rid, "--vault", vault, "--today", TODAY)
    assert again.code == 1
    assert len(again.err.strip().splitlines()) == 1
    assert changed_files(before, snapshot(vault)) == ["Interviews/2026-11-24 Jane Doe.md"]


def test_done_dry_run_shows_a_diff_and_writes_nothing(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": CRLF_INTERVIEW})
    rid = done_id(run, vault, "thank-you")
    before = snapshot(vault)
    result = run("done", rid, "--dry-run", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    assert "Interviews/2026-11-24 Jane Doe.md" in result.out
    diff = [line.rstrip("\r") for line in result.out.splitlines()]
    assert "-thank_you_sent:" in diff
    assert "+thank_you_sent: 2026-11-25" in diff
    assert "Would write thank_you_sent: 2026-11-25" in result.out
    assert changed_files(before, snapshot(vault)) == []
    assert rid in {r["id"] for r in due(run, vault)}


def test_undo_reverts_done(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": CRLF_INTERVIEW})
    rid = done_id(run, vault, "thank-you")
    assert run("done", rid, "--vault", vault, "--today", TODAY).code == 0
    path = vault / "Interviews" / "2026-11-24 Jane Doe.md"
    assert path.read_bytes() != CRLF_INTERVIEW
    result = run("undo", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    assert path.read_bytes() == CRLF_INTERVIEW
    assert rid in {r["id"] for r in due(run, vault)}


# == Infoview/Reminders.md ======================================================================


def test_reminders_note_lists_tasks_by_group(make_vault: MakeVault, run: Run) -> None:
    vault = busy_vault(make_vault)
    (vault / "Contacts" / "Grace Liu.md").write_text(   # due in 6 days: this week
        contact("keep_in_touch: 1w\nlast_contact: 2026-11-24\n"))
    (vault / "Contacts" / "Oliver Grant.md").write_text(  # due in 10 days: later
        contact("keep_in_touch: 2w\nlast_contact: 2026-11-21\n"))
    report = sync(run, vault)
    assert "Infoview/Reminders.md" in report["created"]
    ids = {(r["kind"], r["note"]): r["id"] for r in due(run, vault)}
    lines = reminders_note(vault).splitlines()
    assert "generated" in lines[0].lower()
    assert lines[1:] == [
        "",
        "# Reminders",
        "",
        "## Overdue",
        "",
        "- [ ] Send a thank-you note to [[Kenji Watanabe]] ([[2026-11-19 Kenji Watanabe]]) "
        f"📅 2026-11-20 ^{ids['thank-you', 'Interviews/2026-11-19 Kenji Watanabe.md']}",
        "- [ ] Send a follow-up note to [[Maya Chen]] ([[2026-09-24 Maya Chen]]) "
        f"📅 2026-11-23 ^{ids['follow-up', 'Interviews/2026-09-24 Maya Chen.md']}",
        "",
        "## This week",
        "",
        "- [ ] Send a thank-you note to [[Jane Doe]] ([[2026-11-24 Jane Doe]]) "
        f"📅 2026-11-25 ^{ids['thank-you', 'Interviews/2026-11-24 Jane Doe.md']}",
        "- [ ] Prepare for the conversation with [[Maya Chen]] on 2026-11-30 "
        "([[2026-11-30 Maya Chen]]) "
        f"📅 2026-11-28 ^{ids['prep', 'Interviews/2026-11-30 Maya Chen.md']}",
        "- [ ] Get back in touch with [[Grace Liu]] (last contact 2026-11-24) "
        f"📅 2026-12-01 ^{ids['keep-in-touch', 'Contacts/Grace Liu.md']}",
        "",
        "## Later",
        "",
        "- [ ] Get back in touch with [[Oliver Grant]] (last contact 2026-11-21) "
        f"📅 2026-12-05 ^{ids['keep-in-touch', 'Contacts/Oliver Grant.md']}",
        "- [ ] Send a follow-up note to [[Jane Doe]] ([[2026-11-24 Jane Doe]]) "
        f"📅 2027-01-23 ^{ids['follow-up', 'Interviews/2026-11-24 Jane Doe.md']}",
    ]


def test_reminders_note_with_nothing_open(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault(jane())
    sync(run, vault)
    assert "- [ ]" not in reminders_note(vault)
    assert "Nothing due" in reminders_note(vault)


def tick(vault: Path, rid: str) -> None:
    path = vault / "Infoview" / "Reminders.md"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.endswith(f"^{rid}"))
    path.write_text(text.replace(line, line.replace("- [ ]", "- [x]", 1)), encoding="utf-8")


def test_ticking_a_task_closes_the_reminder(make_vault: MakeVault, run: Run) -> None:
    vault = busy_vault(make_vault)
    sync(run, vault)
    rid = done_id(run, vault, "prep")
    thank = {r["note"]: r["id"] for r in of_kind(due(run, vault), "thank-you")}
    jane_note = "Interviews/2026-11-24 Jane Doe.md"
    tick(vault, rid)
    tick(vault, thank[jane_note])
    before = reminders_note(vault)
    report = sync(run, vault, today="2026-11-26")
    assert report["written"] == ["Infoview/Dashboard.md", "Infoview/Reminders.md", jane_note,
                                 "Interviews/2026-11-30 Maya Chen.md"]
    jane_text = (vault / jane_note).read_text()
    assert jane_text == interview("2026-11-24").replace(
        "duration: 45\n", "duration: 45\nthank_you_sent: 2026-11-26\n")
    assert "prepared: true\n" in (vault / "Interviews/2026-11-30 Maya Chen.md").read_text()
    after = reminders_note(vault)
    assert f"^{rid}" not in after and f"^{thank[jane_note]}" not in after
    kept = [line for line in before.splitlines()
            if line.startswith("- [ ]") and rid not in line and thank[jane_note] not in line]
    assert [line for line in after.splitlines() if line.startswith("- [")] == kept
    assert {r["id"] for r in due(run, vault, today="2026-11-26")} == \
        {line.rsplit("^", 1)[1] for line in kept}


def test_a_second_sync_writes_nothing(make_vault: MakeVault, run: Run) -> None:
    vault = busy_vault(make_vault)
    sync(run, vault)
    before = snapshot(vault)
    report = sync(run, vault)
    assert (report["written"], report["created"]) == ([], [])
    assert changed_files(before, snapshot(vault)) == []


def test_a_second_sync_after_a_tick_writes_nothing(make_vault: MakeVault, run: Run) -> None:
    # Closing a thank-you is also an interaction with Jane: her keep-in-touch moves on.
    vault = make_vault({**jane("keep_in_touch: 90\nlast_contact: 2026-09-01\n"),
                        "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    sync(run, vault)
    tick(vault, done_id(run, vault, "thank-you"))
    sync(run, vault, today="2026-11-26")
    before = snapshot(vault)
    report = sync(run, vault, today="2026-11-26")
    assert (report["written"], report["created"]) == ([], [])
    assert changed_files(before, snapshot(vault)) == []
    assert "last contact 2026-11-26) 📅 2027-02-24 ^" in reminders_note(vault)


def test_sync_dry_run_shows_the_reminders_note_and_writes_nothing(make_vault: MakeVault,
                                                                   run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    before = snapshot(vault)
    result = run("sync", "--dry-run", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    assert "Infoview/Reminders.md" in result.out
    assert "+- [ ] Send a thank-you note to [[Jane Doe]] ([[2026-11-24 Jane Doe]]) 📅 2026-11-25" \
        in result.out
    assert changed_files(before, snapshot(vault)) == []
    # With the note there and a box ticked: the tick is shown, nothing is written.
    sync(run, vault)
    tick(vault, done_id(run, vault, "thank-you"))
    before = snapshot(vault)
    report = sync(run, vault, "--dry-run")
    assert report["dry_run"] is True
    diffs = "".join(report["diffs"])
    assert "+thank_you_sent: 2026-11-25" in diffs
    assert "-- [x] Send a thank-you note" in diffs
    assert changed_files(before, snapshot(vault)) == []


# == plugins adding kinds =======================================================================


class Birthdays:
    """A third-party plugin: a reminder on each contact's ``birthday``."""

    @hookimpl
    def register_reminder_kinds(self, register: Callable[[ReminderKind], None]) -> None:
        register(ReminderKind("birthday", self.compute, "wish a happy birthday"))

    @staticmethod
    def compute(session: Any) -> Iterator[Reminder]:
        for contact_note in session.index.notes("contact"):
            day = as_date(contact_note.props.get("birthday"))
            if day is None or as_date(contact_note.props.get("birthday_wished")) == day:
                continue
            people = [(contact_note.name, contact_note.path)]
            yield Reminder("birthday", day, f"Wish [[{contact_note.name}]] a happy birthday",
                           contact_note.path, people,
                           Closing(contact_note.path, "birthday_wished", day), anchor=str(day))


class Broken:
    @hookimpl
    def register_reminder_kinds(self, register: Callable[[ReminderKind], None]) -> None:
        register(ReminderKind("horoscope", self.compute))

    @staticmethod
    def compute(session: Any) -> list[Reminder]:
        raise RuntimeError("the stars are not aligned")


class Impostor:
    @hookimpl
    def register_reminder_kinds(self, register: Callable[[ReminderKind], None]) -> None:
        register(ReminderKind("thank-you", Broken.compute))


def birthday_vault(make_vault: MakeVault) -> Path:
    vault: Path = make_vault({**jane("birthday: 2026-11-28\n"),
                              "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    return vault


def test_a_plugin_adds_a_kind(make_vault: MakeVault, run_with: RunWith) -> None:
    vault = birthday_vault(make_vault)
    plugins = [("mine", Birthdays())]
    result = run_with(plugins, "due", "--vault", vault, "--today", TODAY, "--json")
    assert result.code == 0, result.err
    reminders = result.json()["reminders"]
    assert [(r["kind"], r["due"]) for r in reminders] == \
        [("thank-you", "2026-11-25"), ("birthday", "2026-11-28")]
    birthday = reminders[1]
    assert birthday["markdown"] == "Wish [[Jane Doe]] a happy birthday"
    assert birthday["closes"] == {"path": "Contacts/Jane Doe.md", "field": "birthday_wished"}
    assert run_with(plugins, "sync", "--vault", vault, "--today", TODAY).code == 0
    assert (f"- [ ] Wish [[Jane Doe]] a happy birthday 📅 2026-11-28 ^{birthday['id']}"
            in reminders_note(vault).splitlines())
    done = run_with(plugins, "done", birthday["id"], "--vault", vault, "--today", TODAY)
    assert done.code == 0, done.err
    assert "birthday_wished: 2026-11-28\n" in (vault / "Contacts/Jane Doe.md").read_text()
    # Without the plugin, the kind is simply not there.
    after = run_with([], "due", "--vault", vault, "--today", TODAY, "--json").json()
    assert [r["kind"] for r in after["reminders"]] == ["thank-you"]


def test_a_kind_that_raises_is_reported_by_plugin_name(make_vault: MakeVault,
                                                       run_with: RunWith) -> None:
    vault = birthday_vault(make_vault)
    result = run_with([("stargazer", Broken())], "due", "--vault", vault, "--today", TODAY,
                      "--json")
    assert result.code == 1
    assert "'stargazer'" in result.err
    assert "the stars are not aligned" in result.err
    assert "Traceback" not in result.err
    assert [(r["kind"], r["due"]) for r in result.json()["reminders"]] == \
        [("thank-you", "2026-11-25")]
    # A sync still writes Reminders.md with the built-in kinds, and says what failed.
    synced = run_with([("stargazer", Broken())], "sync", "--vault", vault, "--today", TODAY,
                      "--json")
    assert synced.code == 1
    assert any("stargazer" in failure for failure in synced.json()["plugin_failures"])
    assert "Send a thank-you note to [[Jane Doe]]" in reminders_note(vault)


def test_a_kind_registered_twice_is_reported_naming_both(make_vault: MakeVault,
                                                         run_with: RunWith) -> None:
    vault = birthday_vault(make_vault)
    result = run_with([("copycat", Impostor())], "due", "--vault", vault, "--today", TODAY,
                      "--json")
    assert result.code == 1
    assert "'thank-you'" in result.err
    assert "'copycat'" in result.err and "'reminders'" in result.err
    # The built-in kind is the one that stays.
    reminders = result.json()["reminders"]
    assert [(r["kind"], r["due"]) for r in reminders] == [("thank-you", "2026-11-25")]
    assert "the stars are not aligned" not in result.err


# == the edges settled after review ==============================================================


def test_a_future_last_contact_is_no_interaction_yet(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({
        **jane("keep_in_touch: 30\nlast_contact: 2026-12-05\n"),
        "Interviews/2026-10-16 Jane Doe.md": interview("2026-10-16", extra="thank_you_sent: "
                                                      "2026-10-17\nfollow_up_sent: true\n"),
    })
    assert dues(due(run, vault), "keep-in-touch") == [("Contacts/Jane Doe.md", "2026-11-16")]


def test_this_week_is_the_same_seven_days_as_due(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane(), "Interviews/Next.md": interview("2026-12-04")})
    sync(run, vault)
    [prep] = of_kind(due(run, vault, within=7), "prep")
    assert prep["due"] == "2026-12-02"
    text = reminders_note(vault)
    assert text.index("## This week") < text.index(prep["id"])
    assert "## Later" not in text


def test_reminders_note_is_written_after_other_plugins_write(
        make_vault: MakeVault, run_with: RunWith) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})

    class SendsThanks:
        @hookimpl(trylast=True)  # a plugin that asks to run late still runs before the list
        def sync_after_index(self, session: Any) -> None:
            from infoview.write.frontmatter import set_fields

            note = session.index.note("Interviews/2026-11-24 Jane Doe.md")
            session.writer.edit(note.path, lambda d: set_fields(d, {"thank_you_sent": True}),
                                reason="test", expected_hash=note.hash)  # the sync indexes it

    plugins = [("thanks", SendsThanks())]
    result = run_with(plugins, "sync", "--vault", vault, "--today", TODAY)
    assert result.code == 0, result.err
    assert "thank-you" not in reminders_note(vault).lower()
    assert "Send a thank-you" not in reminders_note(vault)
    before = snapshot(vault)
    run_with(plugins, "sync", "--vault", vault, "--today", TODAY)
    assert changed_files(before, snapshot(vault)) == []


def test_a_tick_whose_note_changed_meanwhile_stays_ticked_and_closes_later(
        make_vault: MakeVault, run: Run, run_with: RunWith) -> None:
    path = "Interviews/2026-11-24 Jane Doe.md"
    vault = make_vault({**jane(), path: interview("2026-11-24")})
    sync(run, vault)
    rid = one(due(run, vault), "thank-you")["id"]
    notes = vault / "Infoview" / "Reminders.md"
    notes.write_text(notes.read_text().replace("- [ ] Send a thank-you", "- [x] Send a thank-you"))

    class UserSaves:
        @hookimpl
        def sync_after_index(self, session: Any) -> None:  # the user saves after the read
            target = vault / path
            target.write_text(target.read_text() + "\nOne more thought.\n")

    result = run_with([("user", UserSaves())], "sync", "--vault", vault, "--today", TODAY)
    assert "changed since infoview read it" in result.err
    assert "thank_you_sent" not in (vault / path).read_text()
    assert "- [x] Send a thank-you" in notes.read_text() and rid in notes.read_text()
    sync(run, vault)  # the next sync reads the user's version and closes the reminder
    text = (vault / path).read_text()
    assert "thank_you_sent: 2026-11-25" in text and "One more thought." in text
    assert rid not in notes.read_text()


def test_an_unchanged_vault_skips_the_reminders_work(make_vault: MakeVault, run: Run,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault({**jane(), "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24")})
    sync(run, vault)
    sync(run, vault)  # the index now also knows Reminders.md itself (a link target)
    import infoview.plugins.reminders.note as note_module

    calls: list[int] = []
    real = note_module.collect_reminders
    monkeypatch.setattr(note_module, "collect_reminders",
                        lambda session: calls.append(1) or real(session))
    sync(run, vault)
    assert calls == []  # same index, same day, same note: nothing recomputed
    sync(run, vault, today="2026-11-26")
    assert calls == [1]  # a new day regroups the list


def test_show_lists_the_persons_open_reminders(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({**jane("keep_in_touch: 30\n"),
                        "Interviews/2026-11-24 Jane Doe.md": interview("2026-11-24"),
                        "Contacts/Sam.md": contact()})
    shown = run("show", "Jane Doe", "--json", "--vault", vault, "--today", TODAY).json()
    assert sorted((r["kind"], r["due"]) for r in shown["reminders"]) == [
        ("follow-up", "2027-01-23"), ("keep-in-touch", "2026-12-24"), ("thank-you", "2026-11-25")]
    assert {r["id"] for r in shown["reminders"]} <= {r["id"] for r in due(run, vault)}
    assert run("show", "Sam", "--json", "--vault", vault).json()["reminders"] == []
    text = run("show", "Jane Doe", "--vault", vault, "--today", TODAY).out
    assert "Open reminders:" in text and "Send a thank-you note to Jane Doe" in text


def test_a_text_only_edit_skips_the_reminders_work(make_vault: MakeVault, run: Run,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = "Interviews/2026-11-24 Jane Doe.md"
    vault = make_vault({**jane(), path: interview("2026-11-24")})
    sync(run, vault)
    sync(run, vault)
    import infoview.plugins.reminders.note as note_module

    calls: list[int] = []
    real = note_module.collect_reminders
    monkeypatch.setattr(note_module, "collect_reminders",
                        lambda session: calls.append(1) or real(session))
    with (vault / path).open("a") as handle:
        handle.write("\nA thought that changes no reminder.\n")
    sync(run, vault)
    assert calls == []
    text = (vault / path).read_text().replace("medium: video", "medium: video\nprepared: true")
    (vault / path).write_text(text + "\n## Questions\n\n- What is next?\n")
    sync(run, vault)
    assert calls == [1]  # properties and lists are what reminders are made of


# == Reminders.md is never stale, whatever changes ===========================================

EDITS: list[tuple[str, Callable[[Path], None]]] = []


def _edit(name: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    def add(change: Callable[[Path], None]) -> Callable[[Path], None]:
        EDITS.append((name, change))
        return change
    return add


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@_edit("a role (no reminder reads it)")
def _role(vault: Path) -> None:
    _replace(vault / "Contacts/Jane Doe.md", "role: Product Manager", "role: Director")


@_edit("an email (no reminder reads it)")
def _email(vault: Path) -> None:
    _replace(vault / "Contacts/Bob Stone.md", "company: Acme\n", "company: Acme\nemail: b@x.io\n")


@_edit("an interview date")
def _date(vault: Path) -> None:
    _replace(vault / "Interviews/past.md", "date: 2026-11-20", "date: 2026-11-10")


@_edit("a thank-you sent")
def _sent(vault: Path) -> None:
    _replace(vault / "Interviews/past.md", "medium: video", "medium: video\nthank_you_sent: true")


@_edit("a status")
def _status(vault: Path) -> None:
    _replace(vault / "Contacts/Sam Lee.md", "status: prospect", "status: contacted")


@_edit("a keep-in-touch cadence")
def _cadence(vault: Path) -> None:
    _replace(vault / "Contacts/Bob Stone.md", "keep_in_touch: 30", "keep_in_touch: 2w")


@_edit("a last contact")
def _last(vault: Path) -> None:
    _replace(vault / "Contacts/Bob Stone.md", "last_contact: 2026-10-01",
             "last_contact: 2026-11-24")


@_edit("a contact's display name")
def _name(vault: Path) -> None:
    _replace(vault / "Contacts/Jane Doe.md", "company: Acme\n", "company: Acme\nname: Janet Doe\n")


@_edit("the person an interview was with")
def _person(vault: Path) -> None:
    _replace(vault / "Interviews/past.md", "[[Jane Doe]]", "[[Bob Stone]]")


@_edit("questions in an interview ahead")
def _questions(vault: Path) -> None:
    path = vault / "Interviews/ahead.md"
    path.write_text(path.read_text(encoding="utf-8") + questions(3), encoding="utf-8")


@_edit("a contact renamed")
def _rename(vault: Path) -> None:
    (vault / "Contacts/Bob Stone.md").rename(vault / "Contacts/Robert Stone.md")


@_edit("who referred someone")
def _referrer(vault: Path) -> None:
    _replace(vault / "Contacts/Sam Lee.md", 'referred_by: "[[Jane Doe]]"',
             'referred_by: "[[Bob Stone]]"')


@_edit("the reminder settings")
def _settings(vault: Path) -> None:
    (vault / ".infoview/config.toml").write_text("[reminders]\nthank_you_days = 3\n",
                                                 encoding="utf-8")


@pytest.mark.parametrize("name", [name for name, _ in EDITS])
def test_reminders_note_after_an_edit_is_the_one_a_fresh_index_writes(
        make_vault: MakeVault, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        name: str) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": contact(),
        "Contacts/Bob Stone.md": contact("keep_in_touch: 30\nlast_contact: 2026-10-01\n"),
        "Contacts/Sam Lee.md": contact('status: prospect\nreferred_by: "[[Jane Doe]]"\n'
                                       'referral_source: "[[past]]"\n'),
        "Interviews/past.md": interview("2026-11-20"),
        "Interviews/ahead.md": interview("2026-11-30", "Bob Stone"),
    })
    sync(run, vault)
    dict(EDITS)[name](vault)
    sync(run, vault)
    kept = reminders_note(vault)
    monkeypatch.setenv("INFOVIEW_CACHE_DIR", str(tmp_path / "fresh-cache"))
    (vault / "Infoview/Reminders.md").unlink()
    sync(run, vault)
    assert kept == reminders_note(vault)


# == kept between commands =======================================================================


def test_reminders_are_kept_between_commands_and_never_stale(
        make_vault: MakeVault, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import infoview.app.reminders

    computed: list[int] = []
    real = infoview.app.reminders._compute

    def counting(*args: Any, **kwargs: Any) -> tuple[list[Reminder], set[str]]:
        computed.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(infoview.app.reminders, "_compute", counting)
    path = "Interviews/2026-11-24 Jane Doe.md"
    vault = make_vault({**jane("keep_in_touch: 2w\n"), path: interview("2026-11-24")})
    first = due(run, vault)
    assert [r["kind"] for r in first] == ["thank-you", "keep-in-touch", "follow-up"]
    assert len(computed) == 1
    assert due(run, vault) == first and len(computed) == 1  # another command: kept
    assert run("show", "Jane Doe", "--vault", vault, "--today", TODAY).code == 0
    assert len(computed) == 1
    # Anything they depend on changes: computed again, never served stale.
    (vault / path).write_text(interview("2026-11-24", extra="thank_you_sent: 2026-11-25\n"),
                              encoding="utf-8")
    assert [r["kind"] for r in due(run, vault)] == ["keep-in-touch", "follow-up"]
    assert len(computed) == 2
    assert [r["due"] for r in due(run, vault, today="2026-11-26")] == \
        ["2026-12-09", "2027-01-23"]
    (vault / ".infoview/config.toml").write_text("[reminders]\nfollow_up_days = 30\n",
                                                 encoding="utf-8")
    assert dues(due(run, vault), "follow-up") == [(path, "2026-12-24")]
    assert len(computed) == 4
    text = (vault / path).read_text(encoding="utf-8")  # a plain-text edit: its hash changes
    (vault / path).write_text(text + "\nOne more line.\n", encoding="utf-8")
    due(run, vault)
    assert len(computed) == 5


# == who re-indexes during a sync ===============================================================


def count_index_updates(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record the ``paths`` of every index update from now on (``None``: a walk of the vault)."""
    import infoview.index.sync as indexing

    calls: list[Any] = []
    real = indexing.update_index

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("paths"))
        return real(*args, **kwargs)

    monkeypatch.setattr(indexing, "update_index", counted)
    return calls


def test_a_sync_that_closes_ticked_boxes_indexes_twice(make_vault: MakeVault, run: Run,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    vault = busy_vault(make_vault)
    sync(run, vault)
    tick(vault, done_id(run, vault, "prep"))
    tick(vault, done_id(run, vault, "thank-you", "Interviews/2026-11-24 Jane Doe.md"))
    calls = count_index_updates(monkeypatch)
    report = sync(run, vault, today="2026-11-26")
    assert sorted(report["written"]) == ["Infoview/Dashboard.md", "Infoview/Reminders.md",
                                         "Interviews/2026-11-24 Jane Doe.md",
                                         "Interviews/2026-11-30 Maya Chen.md"]
    # The sync's own update, then one for the closings (it was three: the reminders plugin
    # walked the whole vault again itself, then the sync looked at what was written).
    assert [None if c is None else sorted(c) for c in calls] == [
        None, ["Interviews/2026-11-24 Jane Doe.md", "Interviews/2026-11-30 Maya Chen.md"]]
    calls.clear()
    before = snapshot(vault)
    assert (sync(run, vault, today="2026-11-26")["written"]) == []
    assert changed_files(before, snapshot(vault)) == [] and calls == [None]


def test_a_tick_and_a_referral_change_the_same_contact_in_one_sync(make_vault: MakeVault,
                                                                   run: Run) -> None:
    # Each plugin's hook reads the notes as the hooks before it left them: the referral adds
    # referred_by to Jane, and the closing of her ticked keep-in-touch still finds her note.
    vault = make_vault({**jane("status: interviewed\nkeep_in_touch: 30\n"
                               "last_contact: 2026-09-01\n"),
                        "Contacts/Bob Stone.md": contact()})
    sync(run, vault)
    tick(vault, done_id(run, vault, "keep-in-touch"))
    (vault / "Interviews").mkdir()
    (vault / "Interviews/2026-11-20 Bob Stone.md").write_text(interview(
        "2026-11-20", "Bob Stone", extra="thank_you_sent: 2026-11-21\n",
        body="## Referrals\n\n- [[Jane Doe]]\n"), encoding="utf-8")
    result = run("sync", "--vault", vault, "--today", TODAY, "--json")
    assert result.code == 0, result.err
    assert "not written" not in result.err and result.json()["skipped"] == []
    text = (vault / "Contacts/Jane Doe.md").read_text(encoding="utf-8")
    assert "last_contact: 2026-11-25\n" in text and 'referred_by: "[[Bob Stone]]"' in text
    before = snapshot(vault)
    assert sync(run, vault)["written"] == []
    assert changed_files(before, snapshot(vault)) == []
