"""``infoview export``: the csv, json, ics and vcf formats, the command and the exporter registry.

Every export is read back with the library a real client would use (``csv``, ``json``,
``icalendar``, ``vobject``), from the example vault and from small vaults with hostile values:
formulas, commas, semicolons, quotes, line breaks, emoji and non-ASCII text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
import pytest
import vobject
from helpers import TODAY, MakeVault, Run, RunWith
from icalendar import Calendar

from infoview import hookimpl
from infoview.plugin.exporters import Exporter, Register
from infoview.plugins.exports.records import Records
from infoview.plugins.exports.to_csv import COLUMNS, inert

FORMATS = ("csv", "json", "ics", "vcf")
CONTACT_KEYS = ["name", "aliases", "company", "company_path", "role", "emails", "phones",
                "linkedin", "status", "connection", "connection_path", "referred_by",
                "referred_by_path",
                "referral_source", "referral_source_path", "keep_in_touch", "last_contact",
                "last_interaction", "next_reminder", "tags", "path"]
INTERVIEW_KEYS = ["name", "date", "contacts", "contact_paths", "company", "medium", "location",
                  "duration", "prepared", "thank_you_sent", "follow_up_sent", "referrals", "path"]
COMPANY_KEYS = ["name", "website", "industry", "size", "location", "tags", "path"]


# -- vaults ------------------------------------------------------------------------------------


def yaml_value(value: Any) -> str:
    """A value as YAML (JSON is YAML: strings come out double-quoted and escaped)."""
    return json.dumps(value, ensure_ascii=False)


def note(props: Mapping[str, Any], body: str = "Some notes.\n") -> str:
    return "---\n" + "".join(f"{k}: {yaml_value(v)}\n" for k, v in props.items()) + \
        "---\n" + body


FORMULA = '=HYPERLINK("http://evil.example","click")'
EVE = {"type": "contact", "name": FORMULA, "company": "-2+3", "role": "+1",
       "email": ["@SUM(1+1)*cmd|' /C calc'!A0", "eve@example.com"], "phone": "-2",
       "linkedin": "http://linkedin.com/in/eve", "status": "prospect"}
ZOE_NAME = "Zoë O'Brien-Łukasz 😀"
ZOE = {"type": "contact", "name": ZOE_NAME, "aliases": ['Zo, "Z"; Z'],
       "company": "Ünïcode, Inc; Ltd", "role": 'Head of "Growth", EMEA; APAC\nsecond line',
       "email": ["zoe@example.com", "zoe+work@example.org"],
       "phone": ["(555) 010-0000", "020 7946 0000"], "linkedin": "zoe-ob",
       "status": "following-up", "referred_by": "[[Eve]]",
       "referral_source": "[[2026-11-20 Eve]]", "tags": ["a,b", "c;d", "ü"]}
LOCATION = 'Café "Zoë", Room 4; floor 2\nleft door'
CONTROL_ROLE = "a\x00b\x1bc\r\nd\x7fe"
"""A role with control characters (written with YAML's escapes below)."""
HOSTILE = {
    "Contacts/Eve.md": note(EVE),
    "Contacts/Zoe.md": note(ZOE),
    "Contacts/Solo.md": note({"type": "contact"}),
    "Interviews/2026-11-20 Eve.md": note({"type": "interview", "contact": "[[Eve]]",
                                          "date": "2026-11-20", "duration": 20,
                                          "referrals": ["[[Zoe]]"]}),
    "Interviews/2026-11-26 Zoe.md": note({"type": "interview", "contact": "[[Zoe]]",
                                          "date": "2026-11-26T09:15:00+02:00",
                                          "medium": "in-person", "location": LOCATION}),
    "Interviews/2026-11-25 Zoe and Eve.md": note({"type": "interview",
                                                  "contact": ["[[Zoe]]", "[[Eve]]"],
                                                  "date": "2026-11-25T18:00:00",
                                                  "medium": "video", "duration": "45 min"}),
    "Interviews/2026-12-01 Solo.md": note({"type": "interview", "contact": "[[Solo]]",
                                           "date": "2026-12-01", "medium": "phone"}),
    "Contacts/Ctl.md": '---\ntype: contact\nrole: "a\\0b\\ec\\r\\nd\\x7fe"\n---\n',
    "Interviews/2026-11-27 Ctl.md": note({"type": "interview", "contact": "[[Ctl]]",
                                          "date": "2026-11-27T10:00:00", "duration": 15}),
}


@pytest.fixture
def example(run: Run, tmp_path: Path) -> Path:
    """The example vault, dated from :data:`TODAY`."""
    vault = tmp_path / "example"
    result = run("init", "--example", vault, "--today", TODAY)
    assert result.code == 0, result.err
    return vault


@pytest.fixture
def hostile(make_vault: MakeVault) -> Path:
    vault: Path = make_vault(HOSTILE)
    return vault


# -- running infoview --------------------------------------------------------------------------


def export(run: Run, vault: Path, fmt: str, *extra: str, today: str = TODAY) -> str:
    """``infoview export FMT`` on standard output; checks it ran cleanly."""
    result = run("export", fmt, "--vault", vault, "--today", today, *extra)
    assert result.code == 0, (result.code, result.err)
    assert result.err == ""
    return result.out


def export_file(run: Run, vault: Path, fmt: str, target: Path, *extra: str) -> bytes:
    """``infoview export FMT -o TARGET``: the bytes written."""
    result = run("export", fmt, "--vault", vault, "--today", TODAY, "-o", target, *extra)
    assert result.code == 0, (result.code, result.err)
    assert result.out == ""
    return target.read_bytes()


def due_ids(run: Run, vault: Path, today: str = TODAY) -> list[str]:
    result = run("due", "--vault", vault, "--today", today, "--within", "100000", "--json")
    assert result.code == 0, result.err
    return [r["id"] for r in result.json()["reminders"]]


def contact_names(run: Run, vault: Path) -> list[str]:
    result = run("list", "contacts", "--vault", vault, "--json")
    assert result.code == 0, result.err
    return [c["name"] for c in result.json()["contacts"]]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def calendar(text: str) -> Calendar:
    parsed = Calendar.from_ical(text)
    assert isinstance(parsed, Calendar)
    return parsed


def cards(text: str) -> list[Any]:
    return list(vobject.readComponents(text))


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


# == csv ========================================================================================


def test_csv_has_a_header_and_a_row_per_contact(run: Run, example: Path) -> None:
    text = export(run, example, "csv")
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = csv_rows(text)
    assert [r["name"] for r in rows] == contact_names(run, example)
    aisha = {r["name"]: r for r in rows}["Aisha Bello"]
    assert aisha == {
        "name": "Aisha Bello", "company": "Initech", "role": "Group Product Manager",
        "email": "aisha.bello@initech.example", "phone": "'+1 312 555 0163", "linkedin": "",
        "status": "interviewed", "referred_by": "", "last_interaction": "2026-11-24",
        "next_reminder": "2026-11-25 thank-you", "path": "Contacts/Aisha Bello.md"}
    daniel = {r["name"]: r for r in rows}["Daniel Okafor"]
    assert daniel["role"] == "Product Manager, Fleet Platform"  # quoted, read back whole
    assert daniel["referred_by"] == "Maya Chen"  # a link exported as its text


def test_csv_next_reminder_is_the_contacts_first_open_reminder(run: Run, example: Path) -> None:
    rows = {r["name"]: r for r in csv_rows(export(run, example, "csv"))}
    assert rows["Kenji Watanabe"]["next_reminder"] == "2026-11-24 prep"
    assert rows["Grace Liu"]["next_reminder"] == "2026-11-20 keep-in-touch"
    records = json.loads(export(run, example, "json"))["contacts"]
    for contact in records:
        upcoming = contact["next_reminder"]
        want = f"{upcoming['due']} {upcoming['kind']}" if upcoming else ""
        assert rows[contact["name"]]["next_reminder"] == want


def test_csv_makes_formulas_inert(run: Run, hostile: Path) -> None:
    rows = {r["path"]: r for r in csv_rows(export(run, hostile, "csv"))}
    eve = rows["Contacts/Eve.md"]
    assert eve["name"] == "'" + FORMULA
    assert eve["company"] == "'-2+3"
    assert eve["role"] == "'+1"
    assert eve["phone"] == "'-2"
    assert eve["email"] == "'@SUM(1+1)*cmd|' /C calc'!A0; eve@example.com"
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    for row in rows.values():
        assert not any(cell.startswith(dangerous) for cell in row.values()), row


SEMICOLON_NAME = "X;=1+2;"
"""A name that a spreadsheet splitting on ``;`` (German, French settings) would make a formula."""


def test_csv_guards_each_semicolon_part_and_quotes_it(run: Run,
                                                      make_vault: MakeVault) -> None:
    vault = make_vault({"Contacts/X.md": note({"type": "contact", "name": SEMICOLON_NAME,
                                               "role": "a;-1;@b", "company": "c;d",
                                               "phone": ["+1 555 0100", "+44 20 7946 0000"]})})
    text = export(run, vault, "csv")
    [x] = csv_rows(text)
    assert x["name"] == "X;'=1+2;" and x["role"] == "a;'-1;'@b" and x["company"] == "c;d"
    assert x["phone"] == "'+1 555 0100; +44 20 7946 0000"
    assert '"X;\'=1+2;"' in text and '"c;d"' in text  # quoted: a ; spreadsheet keeps it whole
    for line in text.splitlines():  # a spreadsheet splitting every line on ; alone
        for part in line.split(";"):
            assert not part.lstrip('"').startswith(("=", "+", "-", "@")), line
    raw = [r for r in csv_rows(export(run, vault, "csv", "--no-guard"))]
    assert raw[0]["name"] == SEMICOLON_NAME and raw[0]["role"] == "a;-1;@b"
    assert raw[0]["phone"] == "+1 555 0100; +44 20 7946 0000"


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "＝1+2"])
def test_inert_quotes_every_formula_start(cell: str) -> None:
    assert inert(cell) == "'" + cell
    assert inert(f"a;{cell};b") == f"a;'{cell};b"


@pytest.mark.parametrize("cell", ["Jane", "", "1+2", "a=b", "'quoted", " =1"])
def test_inert_leaves_other_cells_alone(cell: str) -> None:
    assert inert(cell) == cell


def test_csv_keeps_commas_quotes_line_breaks_and_unicode(run: Run, hostile: Path) -> None:
    zoe = {r["path"]: r for r in csv_rows(export(run, hostile, "csv"))}["Contacts/Zoe.md"]
    assert zoe["name"] == ZOE_NAME
    assert zoe["company"] == ZOE["company"]
    assert zoe["role"] == ZOE["role"]
    assert zoe["email"] == "zoe@example.com; zoe+work@example.org"
    assert zoe["phone"] == "(555) 010-0000; 020 7946 0000"
    assert zoe["referred_by"] == "Eve"
    assert zoe["last_interaction"] == "2026-11-25"


# == json =======================================================================================


def test_json_document_keys_and_version(run: Run, example: Path) -> None:
    text = export(run, example, "json")
    assert text.endswith("}\n") and text.startswith('{\n  "version": 1,\n')
    data = json.loads(text)
    assert list(data) == ["version", "generated", "contacts", "interviews", "companies",
                          "reminders"]
    assert data["version"] == 1 and data["generated"] == TODAY
    assert [c["name"] for c in data["contacts"]] == contact_names(run, example)
    for contact in data["contacts"]:
        assert list(contact) == CONTACT_KEYS
    for interview in data["interviews"]:
        assert list(interview) == INTERVIEW_KEYS
    for company in data["companies"]:
        assert list(company) == COMPANY_KEYS
    assert [c["name"] for c in data["companies"]] == \
        ["Cascade Health", "Globex", "Initech", "Northwind Analytics"]
    dates = [i["date"] for i in data["interviews"]]
    assert dates == sorted(dates) and len(dates) == 5


def test_json_reminders_are_the_open_reminders_as_due_gives_them(run: Run,
                                                                  example: Path) -> None:
    data = json.loads(export(run, example, "json"))
    due = run("due", "--vault", example, "--today", TODAY, "--within", "100000", "--json")
    assert data["reminders"] == due.json()["reminders"]
    assert {r["kind"] for r in data["reminders"]} == \
        {"thank-you", "follow-up", "prep", "keep-in-touch", "outreach", "update-introducer"}


def test_json_contact_and_interview_fields(run: Run, example: Path) -> None:
    data = json.loads(export(run, example, "json"))
    daniel = by_name(data["contacts"])["Daniel Okafor"]
    assert daniel["aliases"] == ["Dan Okafor"]
    assert daniel["company"] == "Globex" and daniel["company_path"] == "Companies/Globex.md"
    assert daniel["referred_by"] == "Maya Chen"
    assert daniel["referred_by_path"] == "Contacts/Maya Chen.md"
    assert daniel["referral_source"] == "2026-09-24 Maya Chen"
    assert daniel["keep_in_touch"] == "2w" and daniel["phones"] == []
    kenji = by_name(data["interviews"])["2026-11-26 Kenji Watanabe"]
    assert kenji["date"] == "2026-11-26T14:30:00"
    assert kenji["contacts"] == ["Kenji Watanabe"]
    assert kenji["contact_paths"] == ["Contacts/Kenji Watanabe.md"]
    assert kenji["duration"] == 30 and kenji["prepared"] is False
    assert by_name(data["interviews"])["2026-11-16 Daniel Okafor"]["thank_you_sent"] is True


def test_json_keeps_hostile_values_exactly(run: Run, hostile: Path) -> None:
    text = export(run, hostile, "json")
    assert ZOE_NAME in text  # non-ASCII as is, not \u escapes
    data = json.loads(text)
    contacts = {c["path"]: c for c in data["contacts"]}
    eve, zoe = contacts["Contacts/Eve.md"], contacts["Contacts/Zoe.md"]
    assert eve["name"] == FORMULA and eve["company"] == "-2+3"  # only csv is made inert
    assert eve["emails"] == EVE["email"]
    assert zoe["name"] == ZOE_NAME and zoe["aliases"] == ZOE["aliases"]
    assert zoe["role"] == ZOE["role"] and zoe["tags"] == ZOE["tags"]
    assert zoe["phones"] == ZOE["phone"]
    assert zoe["referral_source_path"] == "Interviews/2026-11-20 Eve.md"
    interviews = by_name(data["interviews"])
    assert interviews["2026-11-26 Zoe"]["location"] == LOCATION
    assert interviews["2026-11-26 Zoe"]["date"] == "2026-11-26T09:15:00+02:00"
    assert interviews["2026-11-25 Zoe and Eve"]["duration"] == 45


# == ics ========================================================================================


def reminder_events(cal: Calendar) -> list[Any]:
    return [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("iv-")]


def interview_events(cal: Calendar) -> dict[str, Any]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")
            if str(e["UID"]).startswith("interview-")}


def test_ics_calendar_properties(run: Run, example: Path) -> None:
    text = export(run, example, "ics")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    cal = calendar(text)
    assert str(cal["PRODID"]) == "-//infoview//infoview export//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == "infoview: example"


def test_ics_has_an_all_day_event_with_an_alarm_per_open_reminder(run: Run,
                                                                  example: Path) -> None:
    cal = calendar(export(run, example, "ics"))
    reminders = {r["id"]: r for r in json.loads(export(run, example, "json"))["reminders"]}
    events = reminder_events(cal)
    assert [str(e["UID"]) for e in events] == [f"{i}@infoview" for i in due_ids(run, example)]
    for event in events:
        reminder = reminders[str(event["UID"]).removesuffix("@infoview")]
        due = dt.date.fromisoformat(reminder["due"])
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and start == due
        assert type(end) is dt.date and end == due + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == reminder["sentence"]
        assert reminder["note"] in str(event["DESCRIPTION"])
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"])
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=9)
    assert not list(cal.walk("VTODO"))


def test_ics_todos_option_gives_vtodos_with_a_due_date(run: Run, example: Path) -> None:
    cal = calendar(export(run, example, "ics", "--todos"))
    assert reminder_events(cal) == []
    todos = list(cal.walk("VTODO"))
    assert [str(t["UID"]) for t in todos] == \
        [f"{i}-todo@infoview" for i in due_ids(run, example)]
    reminders = json.loads(export(run, example, "json"))["reminders"]
    for todo, reminder in zip(todos, reminders, strict=True):
        assert todo.decoded("DUE") == dt.date.fromisoformat(reminder["due"])
        assert "DTSTART" not in todo
        assert str(todo["SUMMARY"]) == reminder["sentence"]
        assert str(todo["STATUS"]) == "NEEDS-ACTION"
        [alarm] = todo.walk("VALARM")
        assert alarm["TRIGGER"].params["RELATED"] == "END"
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=9)
    assert list(interview_events(cal)) == ["Informational interview with Kenji Watanabe"]


def test_ics_interview_ahead_with_a_time(run: Run, example: Path) -> None:
    events = interview_events(calendar(export(run, example, "ics")))
    assert list(events) == ["Informational interview with Kenji Watanabe"]  # past ones left out
    kenji = events["Informational interview with Kenji Watanabe"]
    start, end = kenji.decoded("DTSTART"), kenji.decoded("DTEND")
    assert start == dt.datetime(2026, 11, 26, 14, 30) and start.tzinfo is None  # floating
    assert end - start == dt.timedelta(minutes=30)
    assert str(kenji["LOCATION"]) == "Video call"
    assert "Product Lead, Patient Apps, Cascade Health" in str(kenji["DESCRIPTION"])
    assert "Interviews/2026-11-26 Kenji Watanabe.md" in str(kenji["DESCRIPTION"])


def test_ics_interviews_zones_all_day_and_default_length(run: Run, hostile: Path) -> None:
    events = interview_events(calendar(export(run, hostile, "ics")))
    assert set(events) == {f"Informational interview with {ZOE_NAME}",
                           f"Informational interview with {ZOE_NAME} and {FORMULA}",
                           "Informational interview with Solo",
                           "Informational interview with Ctl"}  # not the past one (11-20)
    zoe = events[f"Informational interview with {ZOE_NAME}"]
    # An offset is kept as the same moment (in UTC); no duration means 30 minutes.
    assert zoe.decoded("DTSTART") == dt.datetime(2026, 11, 26, 7, 15, tzinfo=dt.UTC)
    assert zoe.decoded("DTEND") == dt.datetime(2026, 11, 26, 7, 45, tzinfo=dt.UTC)
    assert str(zoe["LOCATION"]) == LOCATION
    assert "30 minutes assumed" in str(zoe["DESCRIPTION"])
    both = events[f"Informational interview with {ZOE_NAME} and {FORMULA}"]  # today counts
    assert both.decoded("DTSTART") == dt.datetime(2026, 11, 25, 18, 0)
    assert both.decoded("DTEND") == dt.datetime(2026, 11, 25, 18, 45)
    solo = events["Informational interview with Solo"]
    assert type(solo.decoded("DTSTART")) is dt.date
    assert solo.decoded("DTSTART") == dt.date(2026, 12, 1)
    assert solo.decoded("DTEND") == dt.date(2026, 12, 2)
    assert str(solo["LOCATION"]) == "Phone call"


DURATIONS = [(45, 45), ("45", 45), ("45m", 45), ("45 min", 45), ("1h", 60), ("1h30", 90),
             ("1.5h", 90), ("1:30", 90), ("90 minutes", 90), ("1 hour 15 min", 75),
             ("2 hrs", 120), ("1,5 h", 90), (1.5, None), ("1.5", None), ("soon", None),
             ("0", None), ("1:75", None), ("1h75", None), ("1.5h30", None), ("30h", None),
             (True, None), ("45 secs", None)]


def test_durations_are_read_as_written_or_reported(run: Run,
                                                   make_vault: MakeVault) -> None:
    files = {"Contacts/A.md": note({"type": "contact"})}
    for number, (written, _minutes) in enumerate(DURATIONS):
        files[f"Interviews/{number:02}.md"] = note({
            "type": "interview", "contact": "[[A]]", "date": "2026-11-30T10:00:00",
            "duration": written})
    vault = make_vault(files)
    interviews = by_name(json.loads(export(run, vault, "json"))["interviews"])
    events = {str(e["DESCRIPTION"]).split("Interviews/")[1][:2]: e
              for e in calendar(export(run, vault, "ics")).walk("VEVENT")
              if str(e["UID"]).startswith("interview-")}
    doctor = run("doctor", "--vault", vault, "--json").json()["problems"]
    warned = {p["path"]: p for p in doctor if "duration" in p["message"]}
    for number, (written, minutes) in enumerate(DURATIONS):
        key = f"{number:02}"
        assert interviews[key]["duration"] == minutes, written
        event = events[key]
        length = event.decoded("DTEND") - event.decoded("DTSTART")
        assert length == dt.timedelta(minutes=minutes or 30), written
        path = f"Interviews/{key}.md"
        if minutes is None:
            assert warned[path]["kind"] == "warning" and warned[path]["line"] == 5, written
            assert "1h30" in warned[path]["message"]
        else:
            assert path not in warned, written


def test_ics_a_rescheduled_interview_replaces_the_old_event(
        run: Run, make_vault: MakeVault) -> None:
    interview = {"type": "interview", "contact": "[[A]]", "date": "2026-12-01T14:30:00"}
    vault = make_vault({"Contacts/A.md": note({"type": "contact"}),
                        "Interviews/2026-12-01 A.md": note(interview)})
    path = vault / "Interviews/2026-12-01 A.md"
    os.utime(vault / "Contacts/A.md", ns=(1_780_000_000_000_000_000,) * 2)
    os.utime(path, ns=(1_790_000_000_000_000_000,) * 2)
    first = calendar(export(run, vault, "ics"))
    assert calendar(export(run, vault, "ics")).to_ical() == first.to_ical()  # nothing changed
    path.write_text(note({**interview, "date": "2026-12-03T10:00:00"}), encoding="utf-8")
    os.utime(path, ns=(1_790_000_600_000_000_000,) * 2)
    second = calendar(export(run, vault, "ics"))
    [old] = [e for e in first.walk("VEVENT") if str(e["UID"]).startswith("interview-")]
    [new] = [e for e in second.walk("VEVENT") if str(e["UID"]).startswith("interview-")]
    assert str(new["UID"]) == str(old["UID"])
    assert new.decoded("DTSTART") == dt.datetime(2026, 12, 3, 10, 0)
    # A calendar takes the version with the higher SEQUENCE (RFC 5546), DTSTAMP being equal.
    assert int(new["SEQUENCE"]) > int(old["SEQUENCE"]) > 0
    assert new.decoded("DTSTAMP") == old.decoded("DTSTAMP")
    for event in second.walk("VEVENT"):  # the reminders of that note move on with it
        assert int(event["SEQUENCE"]) == int(new["SEQUENCE"])


@pytest.mark.parametrize(("date", "alarm_at"), [
    ("2026-12-01T14:30:00", dt.datetime(2026, 12, 1, 9, 0)),
    ("2026-12-01T09:45:00", dt.datetime(2026, 12, 1, 8, 45)),
    ("2026-12-01T07:00:00", dt.datetime(2026, 12, 1, 6, 0)),
    ("2026-12-01T14:30:00+02:00", dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)),
    ("2026-12-01", dt.datetime(2026, 12, 1, 9, 0)),
])
def test_ics_an_interview_is_announced_at_nine_on_its_day(
        run: Run, make_vault: MakeVault, date: str, alarm_at: dt.datetime) -> None:
    vault = make_vault({"Contacts/A.md": note({"type": "contact"}),
                        "Interviews/B.md": note({"type": "interview", "contact": "[[A]]",
                                                 "date": date})})
    [event] = interview_events(calendar(export(run, vault, "ics"))).values()
    [alarm] = event.walk("VALARM")
    start = event.decoded("DTSTART")
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time())
    fires = start + alarm.decoded("TRIGGER")
    assert fires == alarm_at and fires < start + dt.timedelta(hours=10)
    assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == \
        "Informational interview with A"


def test_ics_dates_at_the_ends_of_time(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({
        "Contacts/A.md": note({"type": "contact"}),
        "Interviews/first.md": note({"type": "interview", "contact": "[[A]]",
                                     "date": "0001-01-01"}),
        "Interviews/last.md": note({"type": "interview", "contact": "[[A]]",
                                    "date": "9999-12-31"}),
        "Interviews/too late.md": note({"type": "interview", "contact": "[[A]]",
                                        "date": "9999-12-31T23:50:00", "duration": 30}),
    })
    cal = calendar(export(run, vault, "ics"))
    [last] = interview_events(cal).values()  # the one that would end after 9999 is left out
    assert last.decoded("DTSTART") == dt.date(9999, 12, 31) and "DTEND" not in last
    reminders = json.loads(export(run, vault, "json"))["reminders"]
    assert [str(e["UID"]) for e in reminder_events(cal)] == \
        [f"{r['id']}@infoview" for r in reminders]
    assert {r["due"] for r in reminders} >= {"0001-01-02", "9999-12-29"}
    for fmt in ("csv", "vcf"):
        export(run, vault, fmt)


def test_ics_text_survives_escaping(run: Run, hostile: Path) -> None:
    cal = calendar(export(run, hostile, "ics"))
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert f"Send a thank-you note to {FORMULA} (2026-11-20 Eve)" in summaries
    descriptions = "\n".join(str(e["DESCRIPTION"]) for e in cal.walk("VEVENT"))
    assert f"{ZOE_NAME} (Head of \"Growth\", EMEA; APAC\nsecond line, Ünïcode, Inc; Ltd)" \
        in descriptions


def test_ics_uids_stay_when_the_day_changes(run: Run, example: Path) -> None:
    later_day = "2026-11-26"
    first = calendar(export(run, example, "ics"))
    later = calendar(export(run, example, "ics", today=later_day))
    for cal, day in ((first, TODAY), (later, later_day)):
        assert [str(e["UID"]) for e in reminder_events(cal)] == \
            [f"{i}@infoview" for i in due_ids(run, example, day)]
    shared = set(due_ids(run, example)) & set(due_ids(run, example, later_day))
    assert len(shared) >= 8  # the same reminder keeps its UID from one day to the next
    assert {u: e.decoded("DTSTART") for u, e in interview_events(first).items()} == \
        {u: e.decoded("DTSTART") for u, e in interview_events(later).items()}
    assert [str(e["UID"]) for e in interview_events(first).values()] == \
        [str(e["UID"]) for e in interview_events(later).values()]
    stamps = {e.decoded("DTSTAMP") for e in later.walk("VEVENT")}
    assert stamps == {dt.datetime(2026, 11, 26, tzinfo=dt.UTC)}


# == vcf ========================================================================================


def test_vcf_a_vcard_per_contact(run: Run, example: Path) -> None:
    text = export(run, example, "vcf")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    parsed = cards(text)
    names = contact_names(run, example)
    assert [c.fn.value for c in parsed] == sorted(names, key=str.casefold)
    for card in parsed:
        assert card.version.value == "3.0"
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", card.uid.value)
    assert len({c.uid.value for c in parsed}) == len(parsed)
    aisha = {c.fn.value: c for c in parsed}["Aisha Bello"]
    assert (aisha.n.value.given, aisha.n.value.family) == ("Aisha", "Bello")
    assert aisha.org.value == ["Initech"]
    assert aisha.title.value == "Group Product Manager"
    assert [(e.value, e.params["TYPE"]) for e in aisha.email_list] == \
        [("aisha.bello@initech.example", ["INTERNET", "WORK", "PREF"])]
    assert [(t.value, t.params["TYPE"]) for t in aisha.tel_list] == \
        [("+1 312 555 0163", ["WORK", "VOICE", "PREF"])]
    assert aisha.categories.value == ["alumni"]
    daniel = {c.fn.value: c for c in parsed}["Daniel Okafor"]
    maya = {c.fn.value: c for c in parsed}["Maya Chen"]
    assert daniel.note.value == ("Referred by Maya Chen (from interview 2026-09-24 Maya Chen)\n"
                                 "Status: following-up")
    assert daniel.x_infoview_status.value == "following-up"
    assert daniel.x_infoview_referred_by.value == "Maya Chen"
    assert daniel.x_infoview_referred_by.params["X-INFOVIEW-UID"] == [maya.uid.value]
    assert daniel.x_infoview_referral_source.value == "2026-09-24 Maya Chen"
    related = {c.group: c.value for c in daniel.getChildren() if c.name == "X-ABRELATEDNAMES"}
    labels = {c.group: c.value for c in daniel.getChildren() if c.name == "X-ABLABEL"}
    assert [(related[g], labels[g]) for g in related] == [("Maya Chen", "referred by")]
    assert daniel.nickname.value == "Dan Okafor"
    assert daniel.title.value == "Product Manager, Fleet Platform"


def test_vcf_round_trips_hostile_values(run: Run, hostile: Path) -> None:
    parsed = {c.fn.value: c for c in cards(export(run, hostile, "vcf"))}
    assert list(parsed) == [FORMULA, "Ctl", "Solo", ZOE_NAME]
    zoe = parsed[ZOE_NAME]
    assert (zoe.n.value.given, zoe.n.value.family) == ("Zoë", "O'Brien-Łukasz")
    assert zoe.org.value == [ZOE["company"]]
    assert zoe.title.value == ZOE["role"]
    assert [e.value for e in zoe.email_list] == ZOE["email"]
    assert [t.value for t in zoe.tel_list] == ZOE["phone"]
    assert zoe.url.value == "https://www.linkedin.com/in/zoe-ob"
    assert zoe.nickname.value == ZOE["aliases"][0]
    assert zoe.categories.value == ZOE["tags"]
    assert zoe.note.value == "Referred by Eve (from interview 2026-11-20 Eve)\n" \
                             "Status: following-up"
    eve = parsed[FORMULA]
    assert eve.url.value == "https://www.linkedin.com/in/eve"  # the one form of a profile
    assert eve.title.value == "+1" and eve.org.value == ["-2+3"]
    solo = parsed["Solo"]
    assert (solo.n.value.given, solo.n.value.family) == ("Solo", "")
    assert not hasattr(solo, "org") and not hasattr(solo, "email") and not hasattr(solo, "note")


def test_control_characters_are_left_out_of_the_files(run: Run, hostile: Path) -> None:
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
    texts = {fmt: export(run, hostile, fmt) for fmt in ("csv", "ics", "vcf")}
    for fmt, text in texts.items():
        assert not control.search(text), fmt
    assert {r["path"]: r for r in csv_rows(texts["csv"])}["Contacts/Ctl.md"]["role"] == "abc\nde"
    assert {c.fn.value: c for c in cards(texts["vcf"])}["Ctl"].title.value == "abc\nde"
    ctl = interview_events(calendar(texts["ics"]))["Informational interview with Ctl"]
    assert "Ctl (abc\nde)" in str(ctl["DESCRIPTION"])
    contacts = json.loads(export(run, hostile, "json"))["contacts"]
    assert by_name(contacts)["Ctl"]["role"] == CONTROL_ROLE  # JSON keeps the text exactly


# == stable output ==============================================================================


def test_exports_are_byte_identical_on_unchanged_data(run: Run, hostile: Path,
                                                      tmp_path: Path, cache_dir: Path) -> None:
    def all_formats(tag: str) -> dict[str, bytes]:
        return {fmt: export_file(run, hostile, fmt, tmp_path / f"{tag}.{fmt}")
                for fmt in FORMATS}

    # `sync` may move a status (a change of the data); this test is about the same data
    (hostile / ".infoview" / "config.toml").write_text("[workflow]\nstatus_moves = false\n")
    first = all_formats("first")
    assert all_formats("second") == first
    indexes = list(cache_dir.rglob("*.sqlite"))
    assert indexes
    for index in indexes:
        index.unlink()
    assert all_formats("rebuilt") == first
    assert run("sync", "--vault", hostile, "--today", TODAY, "--full").code == 0
    assert all_formats("full") == first


def test_exports_are_identical_in_another_process(run: Run, run_process: Run, hostile: Path,
                                                  tmp_path: Path) -> None:
    for fmt in FORMATS:
        here = export_file(run, hostile, fmt, tmp_path / f"here.{fmt}")
        there = tmp_path / f"there.{fmt}"
        result = run_process("export", fmt, "--vault", hostile, "--today", TODAY, "-o", there)
        assert result.code == 0, result.err
        assert there.read_bytes() == here


def test_uids_survive_an_index_rebuild(run: Run, example: Path, cache_dir: Path) -> None:
    def uids() -> tuple[list[str], list[str]]:
        cal = calendar(export(run, example, "ics"))
        return ([str(e["UID"]) for e in cal.walk("VEVENT")],
                [c.uid.value for c in cards(export(run, example, "vcf"))])

    before = uids()
    for index in cache_dir.rglob("*.sqlite"):
        index.unlink()
    assert uids() == before


# == the command ================================================================================


def test_output_file_holds_what_stdout_would(run: Run, example: Path, tmp_path: Path) -> None:
    target = tmp_path / "contacts.csv"
    result = run("export", "csv", "--vault", example, "--today", TODAY, "-o", target)
    assert result.code == 0 and result.out == ""
    assert result.err.startswith(f"Wrote {target} (csv, ")
    assert target.read_bytes() == export(run, example, "csv").encode()
    ics = export_file(run, example, "ics", tmp_path / "calendar.ics")
    assert ics == export(run, example, "ics").encode()


def test_output_refuses_a_note_inside_the_vault(run: Run, example: Path) -> None:
    target = example / "Contacts" / "Export.md"
    result = run("export", "csv", "--vault", example, "--today", TODAY, "-o", target)
    assert result.code == 2
    assert "will not write an export as a note inside the vault" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not target.exists()


def test_list_shows_the_five_formats(run: Run) -> None:
    result = run("export", "--list")
    assert result.code == 0
    for fmt in (*FORMATS, "html"):
        assert re.search(rf"^{fmt}\s", result.out, re.M), result.out
    listed = run("export", "--list", "--json").json()["formats"]
    assert [(f["name"], f["plugin"]) for f in listed] == \
        [(f, "exports") for f in ("csv", "html", "ics", "json", "vcf")]


def test_unknown_format_is_one_line_and_exit_2(run: Run, example: Path) -> None:
    result = run("export", "xlsx", "--vault", example)
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert "unknown export format 'xlsx'" in result.err
    assert "csv, html, ics, json, vcf" in result.err
    assert "Traceback" not in result.err


# == plugins ====================================================================================


def shout(session: Any, options: Mapping[str, Any]) -> str:
    names = [c["name"].upper() for c in Records.build(session).contacts]
    return "".join(f"{options['prefix']}{name}\n" for name in names)


class Shout:
    """A third-party format: the contacts' names in capitals."""

    @hookimpl
    def register_exporters(self, register: Register) -> None:
        register(Exporter("shout", shout, "contact names in capitals", ".txt",
                          options=(click.Option(["--prefix"], default=""),)))


class Impostor:
    @hookimpl
    def register_exporters(self, register: Register) -> None:
        register(Exporter("csv", shout, "not the real csv"))


class Broken:
    @hookimpl
    def register_exporters(self, register: Register) -> None:
        register(Exporter("boom", self.render, "always fails"))

    @staticmethod
    def render(session: Any, options: Mapping[str, Any]) -> str:
        raise RuntimeError("the printer is on fire")


def test_a_plugin_format_is_listed_and_runs(run_with: RunWith, example: Path) -> None:
    plugins = [("mine", Shout())]
    listed = run_with(plugins, "export", "--list", "--json")
    assert listed.code == 0, listed.err
    assert {"name": "shout", "description": "contact names in capitals", "plugin": "mine"} in \
        listed.json()["formats"]
    result = run_with(plugins, "export", "shout", "--vault", example, "--today", TODAY,
                      "--prefix", "* ")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == ["* AISHA BELLO", "* DANIEL OKAFOR"]


def test_a_duplicate_format_names_both_plugins(run_with: RunWith, example: Path) -> None:
    plugins = [("impostor", Impostor())]
    result = run_with(plugins, "export", "csv", "--vault", example, "--today", TODAY)
    assert result.code == 1
    assert "plugin 'impostor' failed in register_exporters" in result.err
    assert "export format 'csv' is already registered by plugin 'exports'" in result.err
    assert csv_rows(result.out)[0]["name"] == "Aisha Bello"  # the built-in format stays


def test_a_failing_plugin_format_is_named(run_with: RunWith, example: Path) -> None:
    result = run_with([("broken", Broken())], "export", "boom", "--vault", example)
    assert result.code == 1 and result.out == ""
    assert "plugin 'broken' failed in export boom: RuntimeError: the printer is on fire" \
        in result.err
    assert "Traceback" not in result.err
