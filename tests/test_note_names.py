"""``infoview.vault.names``: hostile names become safe file names, new-note paths stay inside the
vault and never clobber, and templates are filled in without breaking their frontmatter."""

from __future__ import annotations

import datetime
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import infoview.vault.names as note_names
from infoview.model.errors import ConfigError, InfoviewError
from infoview.model.names import name_key
from infoview.parse.frontmatter import load_frontmatter
from infoview.parse.note import parse_note
from infoview.vault.layout import is_conflict_copy
from infoview.vault.names import FORBIDDEN, RESERVED_NAMES, note_path, safe_note_name
from infoview.write.moment import format_moment
from infoview.write.templates import render_template

A_TUESDAY = datetime.date(2026, 11, 24)
"""The day templates are rendered on below: the expected texts spell out its weekday, its day of
the year (328) and its week (48)."""
A_MORNING = datetime.datetime(2026, 1, 1, 9, 5, 7, 123456)
"""The moment templates are rendered at below: only its time of day (09:05:07.123456) counts."""
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b\u200e\u200f\u202a-\u202e"
                     r"\u2066-\u2069\ufeff]")


def assert_safe(stem: str, max_bytes: int = 200) -> None:
    """Every promise :func:`safe_note_name` makes about its result."""
    assert stem
    assert not set(stem) & set(FORBIDDEN), stem
    assert not CONTROL.search(stem), stem
    assert unicodedata.is_normalized("NFC", stem)
    assert len(stem.encode("utf-8")) <= max_bytes
    assert stem == stem.strip(" ."), stem
    assert stem not in (".", "..")
    assert not stem.lower().endswith(".md")
    assert stem.split(".", 1)[0].rstrip(" ").upper() not in RESERVED_NAMES
    assert not is_conflict_copy(stem + ".md")
    assert "  " not in stem


# --- safe_note_name: characters ----------------------------------------------------------------


@pytest.mark.parametrize("char", list(FORBIDDEN))
def test_each_forbidden_character_becomes_a_space(char: str) -> None:
    assert safe_note_name(f"Jane{char}Doe") == "Jane Doe"
    assert safe_note_name(f"Jane {char} Doe") == "Jane Doe"
    assert safe_note_name(char) == "Untitled"


def test_a_run_of_forbidden_characters_reads_as_one_space() -> None:
    assert safe_note_name("AT&T: Platform/Infra") == "AT&T Platform Infra"
    assert safe_note_name('Jane "JJ" Doe') == "Jane JJ Doe"
    assert safe_note_name("[[Jane Doe|Jane]]") == "Jane Doe Jane"
    assert safe_note_name("Q1/Q2 <plan>?*") == "Q1 Q2 plan"


def test_a_name_of_only_forbidden_characters_is_untitled() -> None:
    assert safe_note_name(FORBIDDEN) == "Untitled"
    assert safe_note_name(FORBIDDEN * 50 + " . . ") == "Untitled"
    assert safe_note_name("") == "Untitled"
    assert safe_note_name("   \t\n ") == "Untitled"


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\..\\Windows\\system32", "/etc/passwd"])
def test_path_traversal_leaves_no_separator_and_no_dot_dot(name: str) -> None:
    stem = safe_note_name(name)
    assert stem in ("etc passwd", "Windows system32")
    assert "/" not in stem and "\\" not in stem and not stem.startswith(".")


@pytest.mark.parametrize("name", [".", "..", "...", " . ", ". .", ". .. ..."])
def test_dots_alone_are_untitled(name: str) -> None:
    assert safe_note_name(name) == "Untitled"


@pytest.mark.parametrize(("name", "expected"), [(".md", "md"), ("..md", "md"), (".MD.md", "MD")])
def test_a_hidden_md_name_loses_its_dot(name: str, expected: str) -> None:
    assert safe_note_name(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    (".hidden", "hidden"), ("..hidden", "hidden"), (". hidden.", "hidden"),
    ("Jane Doe.", "Jane Doe"), ("  Jane Doe  ", "Jane Doe"),
    ("J. R. R. Tolkien", "J. R. R. Tolkien"),
])
def test_no_leading_or_trailing_dots_or_spaces(name: str, expected: str) -> None:
    assert safe_note_name(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("CON", "CON_"), ("con", "con_"), ("Con", "Con_"), ("nul", "nul_"), ("PRN", "PRN_"),
    ("aux", "aux_"), ("COM1", "COM1_"), ("com9", "com9_"), ("LPT1", "LPT1_"), ("lpt0", "lpt0_"),
    ("COM¹", "COM¹_"), ("conin$", "conin$_"), ("CONOUT$", "CONOUT$_"),
    ("con.txt", "con_.txt"), ("NUL.tar.gz", "NUL_.tar.gz"), ("con .txt", "con_ .txt"),
    ("CON.md", "CON_"), ("con:", "con_"), ("  aux  ", "aux_"),
])
def test_windows_reserved_names_get_an_underscore(name: str, expected: str) -> None:
    assert safe_note_name(name) == expected


@pytest.mark.parametrize("name", ["CONSOLE", "Con Smith", "COM10", "NULL", "LPT", "Aux-Lab",
                                  "Connor.txt", "my con"])
def test_names_that_merely_look_reserved_are_kept(name: str) -> None:
    assert safe_note_name(name) == name


def test_nfd_input_comes_out_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "José Müller-Šimić")
    assert nfd != "José Müller-Šimić"
    assert safe_note_name(nfd) == "José Müller-Šimić"


def test_a_removed_character_between_letter_and_accent_still_gives_nfc() -> None:
    assert safe_note_name("e\u202e\u0301") == "\u00e9"


def test_emoji_and_scripts_are_kept() -> None:
    for name in ("Ada 😀", "👨\u200d👩\u200d👧 family", "李小龙", "Ελένη", "محمد", "🇯🇵 Tanaka",
                 "क्\u200dष"):
        assert safe_note_name(name) == name


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
                                  "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
                                  "\u200b", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_and_bidi_characters_are_removed(char: str) -> None:
    assert safe_note_name(f"Invoice{char}gpj.exe") == "Invoicegpj.exe"
    assert safe_note_name(f"{char}Jane Doe{char}") == "Jane Doe"


def test_a_bidi_override_cannot_fake_the_extension() -> None:
    stem = safe_note_name("Jane\u202edm.exe")
    assert stem == "Janedm.exe"
    assert "\u202e" not in stem


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x00", "\x07", "\x1b", "\x7f", "\x85",
                                  "\x9b", "\u2028", "\u2029", "\v", "\f", "\u00a0", "\u3000"])
def test_controls_and_other_whitespace_become_one_space(char: str) -> None:
    assert safe_note_name(f"Jane{char}Doe") == "Jane Doe"
    assert safe_note_name(f"Jane {char}{char} Doe{char}") == "Jane Doe"


def test_lone_surrogates_and_noncharacters_are_removed() -> None:
    stem = safe_note_name("Ja\ud800ne\ufffe Do\ufdd0e\U0010ffff")
    assert stem == "Jane Doe"
    stem.encode("utf-8")


@pytest.mark.parametrize(("name", "expected"), [
    ("Notes.md", "Notes"), ("Notes.md.md", "Notes"), ("Notes.MD", "Notes"),
    ("Notes.md.", "Notes"), ("Notes .md", "Notes"), ("Notes.mdx", "Notes.mdx"),
    ("Jane Doe.md ", "Jane Doe"),
])
def test_a_name_never_ends_in_md(name: str, expected: str) -> None:
    assert safe_note_name(name) == expected


@pytest.mark.parametrize("name", [
    "Jane (Jane's conflicted copy 2026-01-01)", "Jane (Conflicted copy 2026-01-01)",
    "Jane.sync-conflict-20260101-120000-ABCDEF", "Jane (conflicted copy)",
])
def test_a_name_is_never_a_sync_conflict_copy(name: str) -> None:
    assert is_conflict_copy(name + ".md")
    stem = safe_note_name(name)
    assert not is_conflict_copy(stem + ".md")
    assert stem.startswith("Jane")


# --- safe_note_name: length --------------------------------------------------------------------


def test_ten_thousand_characters_are_cut_to_the_byte_limit() -> None:
    assert safe_note_name("x" * 10_000) == "x" * 200
    assert safe_note_name("é" * 10_000) == "é" * 100
    assert safe_note_name("😀" * 10_000) == "😀" * 50
    assert safe_note_name("x" * 10_000, max_bytes=50) == "x" * 50


def test_a_cut_never_splits_a_character_and_drops_a_trailing_space() -> None:
    stem = safe_note_name("a" + "€" * 100)  # 1 + 3 * 66 = 199 bytes fit, the 67th would not
    assert stem == "a" + "€" * 66
    assert safe_note_name("x" * 199 + " y") == "x" * 199
    assert safe_note_name("x" * 199 + ".y") == "x" * 199


def test_a_cut_keeps_combining_sequences_emoji_and_flags_whole() -> None:
    accented = safe_note_name("q\u0301" * 200)  # no precomposed form: 3 bytes per letter
    assert accented == "q\u0301" * 66
    family = "👨\u200d👩\u200d👧"
    assert safe_note_name(family * 100) == family * 11
    flags = safe_note_name("a" + "🇯🇵" * 100)
    assert flags == "a" + "🇯🇵" * 24
    thumbs = safe_note_name("👍🏽" * 100)
    assert thumbs == "👍🏽" * 25


def test_the_limit_holds_after_a_reserved_name_gets_its_underscore() -> None:
    stem = safe_note_name("con." + "x" * 500, max_bytes=40)
    assert stem.startswith("con_.")
    assert len(stem.encode()) == 40


def test_max_bytes_has_a_floor() -> None:
    with pytest.raises(ValueError, match="at least"):
        safe_note_name("Jane", max_bytes=5)


# --- safe_note_name: properties ----------------------------------------------------------------

PIECES = [*FORBIDDEN, " ", ".", "..", "\t", "\n", "\x00", "\u202e", "\u2066", "\u0301", "\u200d",
          "\ufeff", "\ud800", "a", "é", "e", "€", "😀", "🇯", "🇵", "CON", "con", "nul", "COM1",
          ".md", ".MD", "sync-conflict-", "conflicted copy", "(", ")", "x" * 60]
names = st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=60).map("".join))


@given(name=names, max_bytes=st.integers(min_value=16, max_value=300))
@settings(max_examples=500, deadline=None)
def test_any_text_gives_a_safe_name(name: str, max_bytes: int) -> None:
    stem = safe_note_name(name, max_bytes=max_bytes)
    assert_safe(stem, max_bytes)
    assert safe_note_name(stem, max_bytes=max_bytes) == stem


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    vault = tmp_path_factory.mktemp("vault")
    (vault / "Contacts").mkdir()
    for existing in ("Untitled.md", "CON_.md", "etc passwd.md", "Jane Doe.md"):
        (vault / "Contacts" / existing).write_text("x", encoding="utf-8")
    return vault


@given(name=names)
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gives_a_path_inside_the_vault(shared_vault: Path, name: str) -> None:
    rel = note_path(shared_vault, "Contacts", name)
    folder, file_name = rel.split("/")
    assert folder == "Contacts"
    assert file_name.endswith(".md")
    assert_safe(re.sub(r" \(\d+\)$", "", file_name[:-3]))
    assert len(file_name[:-3].encode()) <= 200
    assert not (shared_vault / rel).exists()
    real = os.path.realpath(shared_vault / rel)
    assert os.path.dirname(real) == os.path.realpath(shared_vault / "Contacts")


# --- note_path ---------------------------------------------------------------------------------


def touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntype: contact\n---\n", encoding="utf-8")


def test_a_new_name_in_a_missing_folder(tmp_path: Path) -> None:
    assert note_path(tmp_path, "Contacts", "Jane Doe") == "Contacts/Jane Doe.md"
    assert note_path(tmp_path, "Contacts", "AT&T: Platform/Infra") \
        == "Contacts/AT&T Platform Infra.md"
    assert note_path(tmp_path, "Contacts", "../../etc/passwd") == "Contacts/etc passwd.md"


def test_an_existing_name_gets_a_number(tmp_path: Path) -> None:
    touch(tmp_path / "Contacts" / "Jane Doe.md")
    assert note_path(tmp_path, "Contacts", "Jane Doe") == "Contacts/Jane Doe (2).md"
    touch(tmp_path / "Contacts" / "Jane Doe (2).md")
    assert note_path(tmp_path, "Contacts", "Jane Doe") == "Contacts/Jane Doe (3).md"
    assert note_path(tmp_path, "Contacts", "Jane Doe.md") == "Contacts/Jane Doe (3).md"


def test_names_differing_only_in_case_collide(tmp_path: Path) -> None:
    touch(tmp_path / "Contacts" / "jane doe.md")
    if (tmp_path / "Contacts" / "JANE DOE.md").exists():
        pytest.skip("needs a case-sensitive file system to hold the other spelling")
    assert note_path(tmp_path, "Contacts", "Jane Doe") == "Contacts/Jane Doe (2).md"
    assert note_path(tmp_path, "Contacts", "JANE DOE") == "Contacts/JANE DOE (2).md"
    touch(tmp_path / "Contacts" / "Straße.MD")
    assert note_path(tmp_path, "Contacts", "STRASSE") == "Contacts/STRASSE (2).md"


def test_an_nfd_file_blocks_the_nfc_name_and_back(tmp_path: Path) -> None:
    nfc, nfd = "José Müller", unicodedata.normalize("NFD", "José Müller")
    touch(tmp_path / "A" / f"{nfd}.md")
    touch(tmp_path / "B" / f"{nfc}.md")
    assert note_path(tmp_path, "A", nfc) == f"A/{nfc} (2).md"
    assert note_path(tmp_path, "B", nfd) == f"B/{nfc} (2).md"
    assert note_path(tmp_path, "C", nfd) == f"C/{nfc}.md"


def test_a_folder_or_a_dangling_link_of_that_name_is_taken(tmp_path: Path) -> None:
    (tmp_path / "Contacts" / "Jane Doe.md").mkdir(parents=True)
    assert note_path(tmp_path, "Contacts", "Jane Doe") == "Contacts/Jane Doe (2).md"
    try:
        os.symlink(tmp_path / "nowhere", tmp_path / "Contacts" / "Ada.md")
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links are not available")
    assert note_path(tmp_path, "Contacts", "Ada") == "Contacts/Ada (2).md"


def test_exists_adds_names_planned_but_not_written(tmp_path: Path) -> None:
    asked: list[str] = []
    planned = {name_key("Contacts/Jane Doe.md"), name_key("Contacts/Jane Doe (2).md")}

    def exists(rel: str) -> bool:
        asked.append(rel)
        return name_key(rel) in planned

    assert note_path(tmp_path, "Contacts", "jane doe", exists=exists) == "Contacts/jane doe (3).md"
    assert asked == ["Contacts/jane doe.md", "Contacts/jane doe (2).md", "Contacts/jane doe (3).md"]


def test_a_numbered_long_name_still_fits(tmp_path: Path) -> None:
    long = "é" * 500
    first = note_path(tmp_path, "Contacts", long)
    touch(tmp_path / first)
    second = note_path(tmp_path, "Contacts", long)
    assert second == "Contacts/" + "é" * 98 + " (2).md"
    assert len(second.split("/")[1][:-3].encode()) <= 200
    short = note_path(tmp_path, "Contacts", "x" * 40, max_bytes=20)
    touch(tmp_path / short)
    assert note_path(tmp_path, "Contacts", "x" * 40, max_bytes=20) \
        == "Contacts/" + "x" * 16 + " (2).md"


def test_too_many_copies_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(note_names, "MAX_COPIES", 3)
    for name in ("Jane.md", "Jane (2).md", "Jane (3).md"):
        touch(tmp_path / "Contacts" / name)
    with pytest.raises(InfoviewError, match="3 notes named"):
        note_path(tmp_path, "Contacts", "Jane")


@pytest.mark.parametrize(("folder", "expected"), [
    ("", "Jane Doe.md"), ("Contacts/", "Contacts/Jane Doe.md"),
    ("People/Contacts", "People/Contacts/Jane Doe.md"), ("My Stuff", "My Stuff/Jane Doe.md"),
])
def test_valid_folders(tmp_path: Path, folder: str, expected: str) -> None:
    assert note_path(tmp_path, folder, "Jane Doe") == expected


@pytest.mark.parametrize("folder", [
    "/etc", "..", "../outside", "Contacts/../..", "Contacts/..", ".", "./Contacts", ".obsidian",
    "People/.git", "a//b", "C:\\Users", "C:/Users", "a\\b", "Con\x00tacts", "Con\ntacts", "//",
])
def test_invalid_folders_are_refused(tmp_path: Path, folder: str) -> None:
    with pytest.raises(ConfigError, match="folder"):
        note_path(tmp_path, folder, "Jane Doe")


def test_a_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Contacts").write_text("not a folder", encoding="utf-8")
    with pytest.raises(InfoviewError, match="not a folder"):
        note_path(tmp_path, "Contacts", "Jane Doe")


@pytest.fixture
def symlink() -> Any:
    def make(link: Path, target: Path) -> None:
        try:
            os.symlink(target, link, target_is_directory=True)
        except (OSError, NotImplementedError):
            pytest.skip("symbolic links are not available")
    return make


def test_a_symlinked_folder_leaving_the_vault_is_refused(tmp_path: Path, symlink: Any) -> None:
    vault, outside = tmp_path / "vault", tmp_path / "outside"
    vault.mkdir()
    outside.mkdir()
    symlink(vault / "Contacts", outside)
    with pytest.raises(InfoviewError, match=r"outside the vault .* symbolic link"):
        note_path(vault, "Contacts", "Jane Doe")
    symlink(vault / "People", outside)
    (outside / "Contacts").mkdir()
    with pytest.raises(InfoviewError, match=r"outside the vault .* symbolic link"):
        note_path(vault, "People/Contacts", "Jane Doe")
    assert list(outside.rglob("*")) == [outside / "Contacts"]


def test_a_dangling_symlink_leaving_the_vault_is_refused(tmp_path: Path, symlink: Any) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    symlink(vault / "Contacts", tmp_path / "not-yet")
    with pytest.raises(InfoviewError, match=r"outside the vault .* symbolic link"):
        note_path(vault, "Contacts", "Jane Doe")


def test_a_symlink_to_the_vaults_parent_is_refused(tmp_path: Path, symlink: Any) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    symlink(vault / "Contacts", tmp_path)
    with pytest.raises(InfoviewError, match=r"outside the vault .* symbolic link"):
        note_path(vault, "Contacts", "vault")


def test_symlinks_that_stay_inside_are_followed(tmp_path: Path, symlink: Any) -> None:
    real_vault = tmp_path / "real"
    touch(real_vault / "People" / "Jane Doe.md")
    symlink(real_vault / "Contacts", real_vault / "People")
    symlink(tmp_path / "vault-link", real_vault)
    vault = tmp_path / "vault-link"
    assert note_path(vault, "Contacts", "Jane Doe") == "Contacts/Jane Doe (2).md"
    assert note_path(vault, "Contacts", "Ada") == "Contacts/Ada.md"
    assert note_path(vault, "People", "Jane Doe") == "People/Jane Doe (2).md"


# --- render_template: placeholders -------------------------------------------------------------


def render(template: str, title: str = "Jane Doe", **kwargs: Any) -> str:
    return render_template(template, title=title, today=kwargs.pop("today", A_TUESDAY),
                           now=kwargs.pop("now", A_MORNING), **kwargs)


def test_each_placeholder_in_the_body() -> None:
    assert render("# {{title}}\n{{date}} {{time}}\n") == "# Jane Doe\n2026-11-24 09:05\n"


def test_the_body_gets_the_title_as_it_is() -> None:
    title = 'Jane: "JJ" Doe #1 - [x] *y*'
    assert render("# {{title}}\n\nMet {{title}}.", title) == f"# {title}\n\nMet {title}."


def test_keywords_ignore_case_but_not_spaces() -> None:
    assert render("{{Title}} {{DATE}} {{Time}}") == "Jane Doe 2026-11-24 09:05"
    assert render("{{ title }} {{title }} {{titles}} {{date :YYYY}}") \
        == "{{ title }} {{title }} {{titles}} {{date :YYYY}}"


def test_unknown_placeholders_are_left_alone() -> None:
    template = "{{foo}} <% tp.file.title %> <%* tR += 'x' %> {{date}} {{iv:date:-1}} {{"
    assert render(template) == template.replace("{{date}}", "2026-11-24")


def test_a_title_that_looks_like_a_placeholder_is_not_filled_again() -> None:
    assert render("{{title}} {{date}}", "{{date}} {{time}}") == "{{date}} {{time}} 2026-11-24"
    out = render("---\nname: {{title}}\n---\n{{title}}\n", "{{date}}")
    assert load_frontmatter(frontmatter_of(out))["name"] == "{{date}}"
    assert out.endswith("\n{{date}}\n")


@pytest.mark.parametrize(("fmt", "expected"), [
    ("YYYY", "2026"), ("YY", "26"), ("Y", "2026"), ("MM", "11"), ("M", "11"), ("DD", "24"),
    ("D", "24"), ("HH", "09"), ("H", "9"), ("mm", "05"), ("m", "5"), ("ss", "07"), ("s", "7"),
    ("ddd", "Tue"), ("dddd", "Tuesday"), ("dd", "Tu"), ("d", "2"), ("E", "2"),
    ("MMM", "Nov"), ("MMMM", "November"), ("Do", "24th"), ("Mo", "11th"), ("Q", "4"),
    ("DDD", "328"), ("DDDD", "328"), ("hh", "09"), ("h", "9"), ("A", "AM"), ("a", "am"),
    ("k", "9"), ("SSS", "123"), ("S", "1"), ("SSSSSS", "123000"), ("Hmm", "905"),
    ("W", "48"), ("WW", "48"), ("GGGG", "2026"), ("w", "48"), ("gggg", "2026"),
    ("YYYY-MM-DD", "2026-11-24"), ("YYYY-MM-DDTHH:mm:ss", "2026-11-24T09:05:07"),
    ("dddd, MMMM Do YYYY", "Tuesday, November 24th 2026"), ("[Week] W, YYYY", "Week 48, 2026"),
    ("[YYYY] YYYY", "YYYY 2026"), ("\\YYYY", "YYYY"), ("YYYY/MM/DD · HH:mm", "2026/11/24 · 09:05"),
    ("YYYY-MM-DD 🗓 ✓", "2026-11-24 🗓 ✓"), ("", "2026-11-24"),
])
def test_moment_formats(fmt: str, expected: str) -> None:
    assert render(f"{{{{date:{fmt}}}}}") == expected
    assert render(f"{{{{time:{fmt}}}}}") == (expected if fmt else "09:05")


def test_moment_details() -> None:
    at = datetime.datetime(2026, 3, 1, 0, 30)
    assert format_moment(at, "D Do DDDo k kk h A") == "1 1st 60th 24 24 12 AM"
    assert format_moment(at.replace(hour=13), "h hh A a") == "1 01 PM pm"
    for day, ordinal in ((2, "2nd"), (3, "3rd"), (11, "11th"), (12, "12th"), (13, "13th"),
                         (21, "21st"), (22, "22nd"), (23, "23rd"), (31, "31st")):
        assert format_moment(at.replace(day=min(day, 31), month=3), "Do") == ordinal
    aware = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.timezone(
        -datetime.timedelta(hours=5, minutes=30)))
    epoch = int((aware - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)).total_seconds())
    assert epoch == 1767288600  # 17:30 UTC
    assert format_moment(aware, "Z|ZZ|X|x") == f"-05:30|-0530|{epoch}|{epoch}000"


def us_week(day: datetime.date) -> tuple[int, int]:
    """Moment's English-locale week: weeks start on Sunday, the one holding 1 January is 1."""
    sunday = day - datetime.timedelta(days=(day.weekday() + 1) % 7)
    year = (sunday + datetime.timedelta(days=6)).year
    jan1 = datetime.date(year, 1, 1)
    first = jan1 - datetime.timedelta(days=(jan1.weekday() + 1) % 7)
    return (sunday - first).days // 7 + 1, year


def test_week_numbers_agree_with_iso_and_us_calendars() -> None:
    day = datetime.date(2014, 12, 1)
    while day < datetime.date(2031, 2, 1):
        moment = datetime.datetime.combine(day, datetime.time())
        iso = day.isocalendar()
        assert format_moment(moment, "W GGGG E") == f"{iso.week} {iso.year} {iso.weekday}", day
        week, year = us_week(day)
        assert format_moment(moment, "w gggg") == f"{week} {year}", day
        day += datetime.timedelta(days=1)
    assert format_moment(datetime.datetime(2025, 12, 28), "w gggg gg ww") == "1 2026 26 01"


def test_now_defaults_to_the_current_time_on_today() -> None:
    out = render_template("{{date}} {{time}} {{date:YYYY}}", title="x",
                          today=datetime.date(2001, 2, 3))
    assert re.fullmatch(r"2001-02-03 \d\d:\d\d 2001", out)


def test_dates_in_frontmatter_stay_dates() -> None:
    out = render("---\ndate: {{date}}\nat: {{date:YYYY-MM-DDTHH:mm:ss}}\n---\n")
    assert out == "---\ndate: 2026-11-24\nat: 2026-11-24T09:05:07\n---\n"
    assert yaml.safe_load(frontmatter_of(out))["date"] == A_TUESDAY


def test_shipped_templates_render_as_they_are_but_for_the_date() -> None:
    root = Path(note_names.__file__).parent / "vault_template" / "Templates"
    if not root.is_dir():
        root = Path(__file__).parents[1] / "vault_template" / "Templates"
    for path in sorted(root.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert render(text) == text.replace("{{date}}", "2026-11-24"), path.name


# --- render_template: the title in YAML --------------------------------------------------------


def one_line(title: str) -> str:
    """What :func:`render_template` makes of a title: control characters become spaces, what
    UTF-8 or YAML cannot hold becomes U+FFFD."""
    title = title.replace("\r\n", " ")
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
                   else "\ufffd" if unicodedata.category(ch) == "Cs" or ch in "\ufffe\uffff"
                   else ch for ch in title)


def frontmatter_of(text: str) -> str:
    note = text.replace("\r\n", "\n")
    assert note.startswith("---\n")
    return note[4:note.index("\n---", 3) + 1]


HOSTILE_TITLES = [
    'Jane: "JJ" Doe', "- x", "-x", "#1", "a #b", "a: b", "a:b", "? x", "?x", "true", "False",
    "no", "Yes", "on", "null", "Null", "~", "", " ", "2026", "0123", "1e3", "1_000", ".inf",
    ".nan", "0x1F", "12:30", "2026-11-24", "2026-11-24T10:00:00", "=", "<<", "[x]", "x]",
    "{a: b}", "a, b", "a,b", "&anchor", "*alias", "!tag", "!!str x", "|", ">", "%YAML", "@x",
    "`x`", "'quoted'", '"quoted"', "O'Brien", "\\", "a\\nb", "x\ty", "---", "...", "--- x",
    "  padded  ", "trailing ", " leading", "😀 Ada", "José", "李小龙", "Jane\u202eDoe", "\ufeffbom",
    "a\x00b", "a\x7fb", "a\x9bb", "a\ud800b", "a\ufffeb", "{{title}}", "[[Jane Doe]]",
    "Jane %% comment %%", "x" * 300,
]

YAML_TEMPLATE = """---
type: contact
name: {{title}}
title: Meeting with {{title}}
quoted: "{{title}}"
single: '{{title}}'
link: "[[{{title}}]]"
aliases:
  - {{title}}
  - "[[{{title}}]]"
flow: [{{title}}, other]
map: {k: {{title}}}
nested:
  deeper: {{title}}
note: |
  Met {{title}} today.
# made for {{title}}
last: {{date}}
---
# {{title}}
"""


def expected_values(title: str) -> dict[str, Any]:
    return {
        "type": "contact", "name": title, "title": f"Meeting with {title}", "quoted": title,
        "single": title, "link": f"[[{title}]]", "aliases": [title, f"[[{title}]]"],
        "flow": [title, "other"], "map": {"k": title}, "nested": {"deeper": title},
        "note": f"Met {title} today.\n", "last": "2026-11-24",
    }


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_title_in_frontmatter_reads_back_exactly(title: str) -> None:
    out = render(YAML_TEMPLATE, title)
    title = one_line(title)
    fm = frontmatter_of(out)
    expected = expected_values(title)
    assert load_frontmatter(fm) == expected
    if title.strip():
        strict = yaml.safe_load(fm)  # a YAML 1.1 reader with its own surprises
        assert strict["name"] == title and strict["flow"] == [title, "other"]
    assert out.endswith(f"\n---\n# {title}\n")
    note = parse_note("Contacts/x.md", out.encode("utf-8"))
    assert note.frontmatter_ok and not note.problems
    assert note.frontmatter["name"] == title


def test_a_safe_title_stays_plain_and_quotes_stay_quotes() -> None:
    out = render(YAML_TEMPLATE, "Jane Doe")
    assert "\nname: Jane Doe\n" in out
    assert "\ntitle: Meeting with Jane Doe\n" in out
    assert "\nlink: \"[[Jane Doe]]\"\n" in out
    assert "\nsingle: 'Jane Doe'\n" in out
    assert "\n  Met Jane Doe today.\n" in out
    assert "\n# made for Jane Doe\n" in out


def test_only_the_scalars_that_need_it_are_quoted() -> None:
    out = render("---\nname: {{title}}\nflow: [{{title}}]\nother: {{title}}s\n---\n", "a, b")
    assert out == '---\nname: a, b\nflow: ["a, b"]\nother: a, bs\n---\n'


def test_a_title_needing_quotes_is_quoted() -> None:
    out = render("---\nname: {{title}}\nrole: x\n---\n", 'Jane: "JJ" Doe')
    assert out == '---\nname: "Jane: \\"JJ\\" Doe"\nrole: x\n---\n'
    assert render("---\nname: {{title}}\n---\n", "- x") == '---\nname: "- x"\n---\n'
    assert render("---\nname: {{title}}\n---\n", "#1") == '---\nname: "#1"\n---\n'
    assert render("---\nname: '{{title}}'\n---\n", "O'Brien") == "---\nname: 'O''Brien'\n---\n"


def test_a_title_cannot_add_keys_or_close_the_frontmatter() -> None:
    for title in ("x\nevil: 1", "x\n---\nevil: 1", "x\r\nevil: 1", "x\u2028evil: 1",
                  "x\x85evil: 1"):
        out = render("---\nname: {{title}}\n---\nbody\n", title)
        data = load_frontmatter(frontmatter_of(out))
        assert set(data) == {"name"}
        assert data["name"] == re.sub(r"\r\n|[\n\u2028\x85]", " ", title)
        assert data["name"] == one_line(title)
        assert out.count("\n---\n") == 1


def test_a_title_key_is_quoted_too() -> None:
    out = render("---\n{{title}}: 1\nother: 2\n---\n", "a: b")
    assert load_frontmatter(frontmatter_of(out)) == {"a: b": 1, "other": 2}


def test_crlf_templates_keep_their_line_endings() -> None:
    template = "---\r\nname: {{title}}\r\ntype: contact\r\n---\r\n# {{title}}\r\n"
    out = render(template, "a: b")
    assert out == '---\r\nname: "a: b"\r\ntype: contact\r\n---\r\n# a: b\r\n'
    note = parse_note("x.md", out.encode())
    assert note.frontmatter == {"name": "a: b", "type": "contact"}


def test_a_template_whose_frontmatter_is_not_yaml_cannot_take_a_title() -> None:
    with pytest.raises(InfoviewError, match="not valid YAML"):
        render("---\nname: {{title}}\nbad: [unclosed\n---\n")
    broken = "---\nbad: [unclosed\ndate: {{date}}\n---\n{{title}}\n"
    assert render(broken) == broken.replace("{{date}}", "2026-11-24").replace(
        "{{title}}", "Jane Doe")


def test_frontmatter_with_other_placeholders_still_takes_a_title() -> None:
    out = render("---\nname: {{title}}\ncreated: <% tp.date.now() %>\nx: {{foo}}\n---\n", "a: b")
    assert out == '---\nname: "a: b"\ncreated: <% tp.date.now() %>\nx: {{foo}}\n---\n'


def test_filling_in_never_creates_frontmatter() -> None:
    template = "{{title}}\nsome text\n---\nmore\n"
    out = render(template, "---")
    assert out == "\\---\nsome text\n---\nmore\n"
    assert parse_note("x.md", out.encode()).frontmatter == {}
    unclosed = "---\nname: x\n{{title}}\nbody\n"
    out = render(unclosed, "---")
    assert out == "---\nname: x\n\\---\nbody\n"
    assert parse_note("x.md", out.encode()).frontmatter == {}
    assert render("# {{title}}\n---\n", "---") == "# ---\n---\n"
    assert render("---\na: 1\n---\n{{title}}\n", "---") == "---\na: 1\n---\n---\n"


def test_a_date_format_cannot_close_the_frontmatter() -> None:
    with pytest.raises(InfoviewError, match="--- line"):
        render("---\na: 1\n{{date:[---]}}\n---\n")


def test_a_bom_is_kept_and_frontmatter_still_found() -> None:
    out = render("\ufeff---\nname: {{title}}\n---\n", "a: b")
    assert out == '\ufeff---\nname: "a: b"\n---\n'


title_text = st.one_of(st.text(), st.text(alphabet=st.sampled_from(
    list(":#-?[]{},&*!|>'\"%@` \t\\\n.~0123456789abcnulltrue\u2028\x85\ufeff😀é"))))


@given(title=title_text)
@settings(max_examples=300, deadline=None)
def test_any_title_reads_back_exactly(title: str) -> None:
    out = render(YAML_TEMPLATE, title)
    assert load_frontmatter(frontmatter_of(out)) == expected_values(one_line(title))
    assert out.endswith(f"\n---\n# {one_line(title)}\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names in the test")
def test_a_safe_name_renders_into_the_contact_template(tmp_path: Path) -> None:
    template = (Path(__file__).parents[1] / "vault_template" / "Templates" / "Contact.md") \
        .read_text(encoding="utf-8").replace("name:\n", "name: {{title}}\n", 1)
    hostile = '"; rm -rf / #: [[x]]\n---\nevil: 1'
    stem = safe_note_name(hostile)
    rel = note_path(tmp_path, "Contacts", hostile)
    assert rel == f"Contacts/{stem}.md"
    out = render(template, stem)
    note = parse_note(rel, out.encode())
    assert note.frontmatter["name"] == stem
    assert "evil" not in note.frontmatter
    assert note.frontmatter["type"] == "contact"


def test_creating_many_notes_lists_a_folder_once_and_still_sees_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from infoview.vault import names as note_names

    listed: list[str] = []
    real_listdir = os.listdir
    monkeypatch.setattr(note_names.os, "listdir",
                        lambda folder: listed.append(folder) or real_listdir(folder))
    touch(tmp_path / "Contacts" / "Ann.md")
    with note_names.listings_kept():
        assert note_path(tmp_path, "Contacts", "ann") == "Contacts/ann (2).md"
        assert note_path(tmp_path, "Contacts", "Bob") == "Contacts/Bob.md"
        assert len(listed) == 1
        touch(tmp_path / "Contacts" / "Cy.md")  # made by infoview, and said so: no new listing
        note_names.note_created(tmp_path, "Contacts/Cy.md")
        assert note_path(tmp_path, "Contacts", "Cy") == "Contacts/Cy (2).md"
        assert len(listed) == 1
        touch(tmp_path / "Contacts" / "Dee.md")  # made by another program: listed again
        assert note_path(tmp_path, "Contacts", "Dee") == "Contacts/Dee (2).md"
        assert len(listed) == 2
    assert note_path(tmp_path, "Contacts", "Eve") == "Contacts/Eve.md"
    assert note_path(tmp_path, "Contacts", "Eve") == "Contacts/Eve.md"
    assert len(listed) == 4  # outside, every call lists
