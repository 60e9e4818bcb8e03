"""``init_vault``: a new vault, an existing folder, the example job search, and never a clobber."""

from __future__ import annotations

import datetime
import os
import re
import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import DAY, TODAY, snapshot

from infoview.app.init import expand_date_tokens, init_vault
from infoview.model.errors import InfoviewError

TEMPLATES = ("Company.md", "Contact.md", "Interview.md", "Questions.md")
BASES = ("Contacts.base", "Interviews.base")
WIKILINK = re.compile(r"!?\[\[([^\]|#^]*)")

CONTACT_KEYS = [
    "type", "name", "aliases", "company", "role", "email", "phone", "linkedin", "status",
    "connection", "referred_by", "referral_source", "keep_in_touch", "last_contact", "tags",
]
INTERVIEW_KEYS = [
    "type", "contact", "date", "medium", "duration", "prepared", "thank_you_sent",
    "follow_up_sent", "referrals",
]
COMPANY_KEYS = ["type", "website", "industry", "size", "location"]


def days(n: int, today: datetime.date = DAY) -> datetime.date:
    return today + datetime.timedelta(days=n)


def split_note(text: str) -> tuple[dict[str, Any], str]:
    """Frontmatter (parsed with ``yaml.safe_load``) and body of a note."""
    assert text.startswith("---\n"), "a note must start with frontmatter"
    end = text.index("\n---\n", 4)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict)
    return data, text[end + 5:]


def notes(vault: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """Every note of the three data folders, by vault-relative path."""
    found = {}
    for folder in ("Contacts", "Companies", "Interviews"):
        for path in sorted((vault / folder).glob("*.md")):
            found[f"{folder}/{path.name}"] = split_note(path.read_text(encoding="utf-8"))
    return found


def packaged(*parts: str) -> bytes:
    return files("infoview.vault_template").joinpath(*parts).read_bytes()


# --- a new vault -------------------------------------------------------------------------------


def test_fresh_folder_gets_config_and_every_template(tmp_path: Path) -> None:
    vault = tmp_path / "deep" / "job search"
    report = init_vault(vault, today=DAY)

    assert report.vault == vault
    assert report.kept == []
    assert report.created == [
        ".infoview/config.toml",
        *(f"Templates/{name}" for name in TEMPLATES),
        *BASES,
        "Contacts/",
        "Companies/",
        "Interviews/",
    ]
    for name in TEMPLATES:
        assert (vault / "Templates" / name).read_bytes() == packaged("Templates", name)
    config = tomllib.loads((vault / ".infoview" / "config.toml").read_text(encoding="utf-8"))
    assert all(value == {} for value in config.values()), "the config must be empty in effect"
    assert set(snapshot(vault)) == {
        ".infoview/config.toml", *(f"Templates/{n}" for n in TEMPLATES), *BASES
    }
    for folder in ("Contacts", "Companies", "Interviews"):
        assert (vault / folder).is_dir()
        assert list((vault / folder).iterdir()) == []


def test_files_are_utf8_with_lf_line_endings(tmp_path: Path) -> None:
    init_vault(tmp_path, example=True, today=DAY)
    for name, (data, _) in snapshot(tmp_path).items():
        assert b"\r" not in data, name
        assert not data.startswith(b"\xef\xbb\xbf"), name
        data.decode("utf-8")
        assert data.endswith(b"\n"), name


def test_config_lists_every_setting_at_its_default(tmp_path: Path) -> None:
    init_vault(tmp_path, today=DAY)
    text = (tmp_path / ".infoview" / "config.toml").read_text(encoding="utf-8")
    uncommented = "\n".join(
        line[2:] if re.match(r"# (\[|[a-z_]+ = )", line) else line for line in text.splitlines()
    )
    assert tomllib.loads(uncommented) == {
        "folders": {
            "contacts": "Contacts",
            "companies": "Companies",
            "interviews": "Interviews",
            "templates": "Templates",
            "generated": "Infoview",
        },
        "reminders": {
            "thank_you_days": 1,
            "follow_up_days": 60,
            "prep_days": 2,
            "prep_min_questions": 3,
            "outreach_days": 7,
            "update_introducer_days": 3,
        },
        "referrals": {"heading": "Referrals"},
        "watch": {"debounce_ms": 200, "max_batch": 500, "poll": False, "poll_seconds": 1.0},
        "workflow": {"status_moves": True, "signature": ""},
        "strategy": {"targets": [], "active_goal": 5, "active_days": 30, "ask_after_days": 7,
                     "weight_ask_referral": 30, "weight_reach_out_warm": 25,
                     "weight_reach_out_cold": 10, "weight_target": 20, "weight_line_up": 15},
        "types": {
            "contact": {"categories": ["[[People]]"], "tags": ["person"]},
            "interview": {"categories": ["[[Meetings]]"]},
        },
        "fields": {"contact": ["people"], "company": ["org"]},
        "plugins": {"disabled": []},
    }
    assert "keep_in_touch" in text


@pytest.mark.parametrize(
    ("name", "keys", "headings"),
    [
        ("Contact.md", CONTACT_KEYS, ["## About", "## Notes"]),
        ("Company.md", COMPANY_KEYS, ["## What they do", "## Recent news", "## Teams and roles",
                                      "## Culture", "## Questions this raises"]),
        ("Interview.md", INTERVIEW_KEYS,
         ["## Questions", "## Notes", "## Referrals", "## Advice", "## Next steps"]),
    ],
)
def test_templates_have_the_contract_keys(name: str, keys: list[str], headings: list[str]) -> None:
    text = packaged("Templates", name).decode("utf-8")
    # What Obsidian's Templates plugin does on use:
    text = text.replace("{{date}}", TODAY).replace("{{title}}", "Jane Doe")
    data, body = split_note(text)
    assert list(data) == keys
    assert data["type"] == name.removesuffix(".md").lower()
    headings_found = [line for line in body.splitlines() if line.startswith("## ")]
    assert headings_found == headings
    # no empty list items a parser could count as questions or referrals
    assert not re.search(r"^\s*[-*+]\s*$", body, re.MULTILINE)
    if name == "Contact.md":
        assert data["status"] == "prospect"
        assert all(data[key] is None for key in keys if key not in ("type", "status"))
    if name == "Interview.md":
        assert data["date"] == DAY
        assert "{{iv" not in text


def test_interview_template_keeps_obsidian_placeholder(tmp_path: Path) -> None:
    init_vault(tmp_path, example=True, today=DAY)
    assert "date: {{date}}\n" in (tmp_path / "Templates" / "Interview.md").read_text("utf-8")


# --- an existing folder ------------------------------------------------------------------------


def test_existing_files_are_kept_byte_for_byte(tmp_path: Path) -> None:
    mine = "\ufeff---\r\ntype: contact\r\nstatus: lead # mine\r\n---\r\nMy own template.\r\n"
    (tmp_path / "Templates").mkdir()
    (tmp_path / "Templates" / "Contact.md").write_bytes(mine.encode("utf-8"))
    (tmp_path / ".infoview").mkdir()
    config = b"[reminders]\nfollow_up_days = 45\n"
    (tmp_path / ".infoview" / "config.toml").write_bytes(config)
    (tmp_path / "Contacts").mkdir()
    (tmp_path / "Contacts" / "Jane Doe.md").write_bytes(b"---\ntype: contact\n---\n")
    before = snapshot(tmp_path)

    report = init_vault(tmp_path, today=DAY)

    assert sorted(report.kept) == [".infoview/config.toml", "Templates/Contact.md"]
    made = ["Templates/Company.md", "Templates/Interview.md", "Templates/Questions.md", *BASES]
    assert report.created == [*made, "Companies/", "Interviews/"]
    after = snapshot(tmp_path)
    for path, (data, mtime) in before.items():
        assert after[path] == (data, mtime), path  # the same bytes, not even touched
    assert set(after) - set(before) == set(made)


def test_second_call_creates_nothing(tmp_path: Path) -> None:
    first = init_vault(tmp_path, example=True, today=DAY)
    before = snapshot(tmp_path)
    second = init_vault(tmp_path, example=True, today=days(30))
    assert second.created == []
    assert second.kept == [path for path in first.created if not path.endswith("/")]
    assert snapshot(tmp_path) == before


def test_example_added_later_keeps_edited_notes(tmp_path: Path) -> None:
    init_vault(tmp_path, example=True, today=DAY)
    edited = tmp_path / "Contacts" / "Maya Chen.md"
    edited.write_text("---\ntype: contact\nstatus: dormant\n---\nMoved on.\n", encoding="utf-8")
    (tmp_path / "Companies" / "Globex.md").unlink()

    report = init_vault(tmp_path, example=True, today=DAY)

    assert report.created == ["Companies/Globex.md"]
    assert "Contacts/Maya Chen.md" in report.kept
    assert edited.read_text(encoding="utf-8").endswith("Moved on.\n")


def test_folders_from_an_existing_config_are_used(tmp_path: Path) -> None:
    (tmp_path / ".infoview").mkdir()
    (tmp_path / ".infoview" / "config.toml").write_text(
        '[folders]\ntemplates = "Meta/Templates"\ncontacts = "People"\n',
        encoding="utf-8",
    )
    report = init_vault(tmp_path, example=True, today=DAY)
    assert (tmp_path / "Meta" / "Templates" / "Contact.md").is_file()
    assert not (tmp_path / "Templates").exists()
    assert (tmp_path / "People" / "Maya Chen.md").is_file()
    assert not (tmp_path / "Contacts").exists()
    assert (tmp_path / "Interviews").is_dir()
    assert all(not path.startswith("..") for path in report.created)


def test_an_invalid_config_stops_init_before_it_writes(tmp_path: Path) -> None:
    (tmp_path / ".infoview").mkdir()
    (tmp_path / ".infoview" / "config.toml").write_text(
        '[folders]\ninterviews = "../escape"\n', encoding="utf-8")
    with pytest.raises(InfoviewError, match=r"folders\.interviews"):
        init_vault(tmp_path, example=True, today=DAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".infoview"]
    assert not (tmp_path.parent / "escape").exists()


def test_path_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_bytes(b"hello\n")
    with pytest.raises(InfoviewError, match=r"notes\.md"):
        init_vault(target, today=DAY)
    assert target.read_bytes() == b"hello\n"


def test_a_file_where_a_folder_belongs_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "Templates").write_bytes(b"not a folder\n")
    with pytest.raises(InfoviewError, match="Templates is a file") as raised:
        init_vault(tmp_path, today=DAY)
    assert "\n" not in str(raised.value)
    assert (tmp_path / "Templates").read_bytes() == b"not a folder\n"


def test_a_file_appearing_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link = os.link

    def racing_link(source: Any, target: Any) -> None:
        if Path(target).name == "Interview.md":
            Path(target).write_bytes(b"written by someone else\n")
        real_link(source, target)

    monkeypatch.setattr(os, "link", racing_link)
    report = init_vault(tmp_path, today=DAY)
    assert "Templates/Interview.md" in report.kept
    assert (tmp_path / "Templates" / "Interview.md").read_bytes() == b"written by someone else\n"
    assert not [p for p in snapshot(tmp_path) if p.endswith(".tmp")]


def test_file_system_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_link(source: Any, target: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    report = init_vault(tmp_path, example=True, today=DAY)
    assert "Templates/Contact.md" in report.created
    assert (tmp_path / "Templates" / "Contact.md").read_bytes() == packaged(
        "Templates", "Contact.md"
    )
    assert not [p for p in snapshot(tmp_path) if p.endswith(".tmp")]


def test_no_package_files_or_temporary_files_in_the_vault(tmp_path: Path) -> None:
    init_vault(tmp_path, example=True, today=DAY)
    names = list(snapshot(tmp_path))
    assert not [n for n in names if n.endswith((".py", ".pyc", ".tmp")) or "__pycache__" in n]
    assert [n for n in names if n.endswith(".toml")] == [".infoview/config.toml"]
    assert not (tmp_path / "example").exists()


# --- date tokens -------------------------------------------------------------------------------


def test_expand_date_tokens() -> None:
    text = (
        "date: {{iv:date:-62}} / {{iv:date:+1}} / {{iv:date:0}} / {{iv=date=-9}}\n"
        "at: {{iv:datetime:+1T14:30}} / {{date}} {{title}} {{date:YYYY-MM-DD}}\n"
    )
    assert expand_date_tokens(text, DAY) == (
        "date: 2026-09-24 / 2026-11-26 / 2026-11-25 / 2026-11-16\n"
        "at: 2026-11-26T14:30:00 / {{date}} {{title}} {{date:YYYY-MM-DD}}\n"
    )


@pytest.mark.parametrize(
    "bad", ["{{iv:date:soon}}", "{{iv:date:+1T14:30}}", "{{iv:datetime:+1}}", "{{iv:days:-3}}"]
)
def test_malformed_date_token_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="token"):
        expand_date_tokens(f"x {bad} y", DAY)


def test_example_has_no_token_left(tmp_path: Path) -> None:
    report = init_vault(tmp_path, example=True, today=DAY)
    for name, (data, _) in snapshot(tmp_path).items():
        assert "{{iv" not in name and "iv=" not in name
        assert b"{{iv" not in data, name
    assert not [path for path in report.created if "{{" in path]


@pytest.mark.parametrize("today", [DAY, datetime.date(2027, 3, 1), datetime.date(2028, 2, 29)])
def test_example_dates_follow_today(tmp_path: Path, today: datetime.date) -> None:
    init_vault(tmp_path, example=True, today=today)
    thank_you = f"Interviews/{days(-1, today)} Aisha Bello and Tom Novak.md"
    follow_up = f"Interviews/{days(-62, today)} Maya Chen.md"
    ahead = f"Interviews/{days(1, today)} Kenji Watanabe.md"
    found = notes(tmp_path)
    assert found[thank_you][0]["date"] == days(-1, today)
    assert found[follow_up][0]["date"] == days(-62, today)
    assert found[follow_up][0]["thank_you_sent"] == days(-61, today)
    tomorrow = days(1, today)
    assert found[ahead][0]["date"] == datetime.datetime(
        tomorrow.year, tomorrow.month, tomorrow.day, 14, 30
    )
    assert found["Contacts/Grace Liu.md"][0]["last_contact"] == days(-35, today)


# --- the example job search --------------------------------------------------------------------


@pytest.fixture
def example(tmp_path: Path) -> dict[str, tuple[dict[str, Any], str]]:
    init_vault(tmp_path, example=True, today=DAY)
    return notes(tmp_path)


def test_example_notes_parse_and_are_typed(example: dict[str, tuple[dict[str, Any], str]]) -> None:
    kinds = {"Contacts": "contact", "Companies": "company", "Interviews": "interview"}
    counts = {kind: 0 for kind in kinds.values()}
    for path, (data, body) in example.items():
        kind = kinds[path.split("/")[0]]
        assert data["type"] == kind, path
        counts[kind] += 1
        assert body.strip(), path
        for key in ("email", "website"):
            if data.get(key):
                assert ".example" in data[key], path
    assert 6 <= counts["contact"] <= 8
    assert 3 <= counts["company"] <= 4
    assert 5 <= counts["interview"] <= 6


def test_example_links_all_resolve(example: dict[str, tuple[dict[str, Any], str]]) -> None:
    stems = {path.split("/")[1].removesuffix(".md").casefold() for path in example}
    for path, (data, body) in example.items():
        text = yaml.safe_dump(data) + body
        for target in WIKILINK.findall(text):
            assert target.strip().casefold() in stems, f"{path}: [[{target}]]"


def section_items(body: str, heading: str) -> list[str]:
    """List items directly under ``## heading``."""
    items: list[str] = []
    inside = False
    for line in body.splitlines():
        if line.startswith("## "):
            inside = line[3:].strip().casefold() == heading.casefold()
        elif inside and re.match(r"[-*+] \S", line):
            items.append(line[2:])
    return items


def test_example_referrals_in_every_form(example: dict[str, tuple[dict[str, Any], str]]) -> None:
    interviews = {p: note for p, note in example.items() if p.startswith("Interviews/")}
    listed = [item for _, body in interviews.values() for item in section_items(body, "Referrals")]
    assert any(item.startswith("[[Priya Raman]]") and "@globex.example" in item for item in listed)
    assert "Sam Ortiz (Recruiter, Initech)" in listed
    assert "Contacts/Sam Ortiz.md" not in example, "sync makes this one from the referral"
    assert any(data.get("referrals") == ["[[Daniel Okafor]]"] for data, _ in interviews.values())
    assert any(
        re.search(r"^referral:: \[\[Kenji Watanabe\]\]$", body, re.MULTILINE)
        for _, body in interviews.values()
    )
    # a chain of three: Maya -> Daniel -> Priya
    contacts = {p.split("/")[1][:-3]: data for p, (data, _) in example.items() if "Contacts/" in p}
    assert contacts["Daniel Okafor"]["referred_by"] == "[[Maya Chen]]"
    assert contacts["Priya Raman"]["referred_by"] == "[[Daniel Okafor]]"
    assert contacts["Priya Raman"]["referral_source"] == f"[[{days(-9)} Daniel Okafor]]"
    # an interview with two people
    assert any(
        data["contact"] == ["[[Aisha Bello]]", "[[Tom Novak]]"] for data, _ in interviews.values()
    )
    assert any(data["thank_you_sent"] is True for data, _ in interviews.values())


def add_cadence(day: datetime.date, cadence: Any) -> datetime.date:
    match = re.fullmatch(r"(\d+)([dwm]?)", str(cadence))
    assert match, cadence
    n, unit = int(match[1]), match[2]
    if unit == "m":
        month = day.month - 1 + n
        year, month = day.year + month // 12, month % 12 + 1
        return day.replace(year=year, month=month, day=min(day.day, 28))
    return day + datetime.timedelta(days=n * (7 if unit == "w" else 1))


def as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


def reminders(found: dict[str, tuple[dict[str, Any], str]]) -> list[tuple[str, str, datetime.date]]:
    """The contract's reminder rules, at their defaults: (kind, person or note, due)."""
    out: list[tuple[str, str, datetime.date]] = []
    interactions: dict[str, list[datetime.date]] = {}
    interview_dates: dict[str, datetime.date] = {}
    for path, (data, body) in found.items():
        if data["type"] != "interview":
            continue
        when = as_date(data["date"])
        assert when is not None, path
        interview_dates[path.split("/")[1][:-3]] = when
        people = data["contact"] if isinstance(data["contact"], list) else [data["contact"]]
        for person in people:
            seen = interactions.setdefault(person.strip("[]"), [])
            if when <= DAY:
                seen.append(when)
            seen.extend(d for d in (as_date(data.get("thank_you_sent")),
                                    as_date(data.get("follow_up_sent"))) if d)
        if not data.get("thank_you_sent"):
            out.append(("thank-you", path, when + datetime.timedelta(days=1)))
        if not data.get("follow_up_sent"):
            out.append(("follow-up", path, when + datetime.timedelta(days=60)))
        questions = len(section_items(body, "Questions"))
        if when > DAY and data.get("prepared") is not True and questions < 3:
            out.append(("prep", path, when - datetime.timedelta(days=2)))
    for path, (data, _) in found.items():
        if data["type"] != "contact":
            continue
        name = path.split("/")[1][:-3]
        if data.get("keep_in_touch"):
            seen = interactions.get(name, []) + [d for d in [as_date(data["last_contact"])] if d]
            assert seen, name
            out.append(("keep-in-touch", name, add_cadence(max(seen), data["keep_in_touch"])))
        if data["status"] == "prospect" and data.get("referral_source"):
            source = interview_dates[data["referral_source"].strip("[]")]
            out.append(("outreach", name, source + datetime.timedelta(days=7)))
    return out


def test_example_shows_every_reminder_kind(example: dict[str, tuple[dict[str, Any], str]]) -> None:
    found = reminders(example)
    due = {(kind, who) for kind, who, when in found if when <= DAY}
    assert due == {
        ("thank-you", f"Interviews/{days(-1)} Aisha Bello and Tom Novak.md"),
        ("follow-up", f"Interviews/{days(-62)} Maya Chen.md"),
        ("prep", f"Interviews/{days(1)} Kenji Watanabe.md"),
        ("keep-in-touch", "Grace Liu"),
        ("outreach", "Priya Raman"),
    }
    upcoming = {(kind, who) for kind, who, when in found if DAY < when <= days(7)}
    assert ("keep-in-touch", "Daniel Okafor") in upcoming
    later = {kind for kind, _, when in found if when > days(7)}
    assert {"follow-up", "keep-in-touch"} <= later
    # closed ones: the oldest conversation has its thank-you and follow-up sent
    oldest = example[f"Interviews/{days(-130)} Oliver Grant.md"][0]
    assert oldest["thank_you_sent"] and oldest["follow_up_sent"]
