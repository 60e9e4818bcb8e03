"""Incremental sync through the CLI: what ``sync --json`` reports, the racy-mtime check, ``--full``,
rebuilding a deleted, corrupt or old-schema index, where the index lives, two processes at once,
never writing a vault file, and read commands answering from an up-to-date index."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from helpers import Cli, MakeVault, Run, changed_files, note, snapshot

NOTES = {
    "Contacts/Jane Doe.md": note("company: \"[[Acme]]\"\nstatus: prospect\nrole: Engineer",
                                 "# Notes\n\nMet at [[Acme]].\n"),
    "Contacts/Bob Stone.md": note("company: Globex\nstatus: contacted"),
    "Companies/Acme.md": note("type: company\nindustry: Widgets"),
    "Interviews/2026-01-05 Jane Doe.md": note(
        'type: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-01-05\nprepared: true\n'
        "thank_you_sent: 2026-01-06\nfollow_up_sent: 2026-03-01"),
    "Notes/Ideas.md": "Plain note, no frontmatter.\n",
}
NO_MOVES = {".infoview/config.toml": "[workflow]\nstatus_moves = false\n"}
"""Jane's interview is long past while she is still a prospect: these tests are about indexing,
so sync must not move her status (tests/test_workflow.py tests that)."""
IGNORED = {
    "Templates/Contact.md": note("name: {{title}}"),
    ".obsidian/workspace.md": "",
    ".trash/Old.md": "",
    "Contacts/Jane Doe.sync-conflict-20260101-120000-ABCDEFG.md": "",
    "Contacts/draft.md~": "",
    "Contacts/.Jane Doe.md.swp": "",
    "Notes/scratch.tmp": "",
    "Attachments/photo.png": b"\x89PNG\r\n\x1a\n",
}


@pytest.fixture
def iv(run: Run) -> Cli:
    return Cli(run)


@pytest.fixture
def vault(make_vault: MakeVault) -> Path:
    return make_vault({**NO_MOVES, **NOTES, **IGNORED})


def same_size_rewrite(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (same length) in the file and give it back its mtime."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    data = path.read_bytes()
    assert old.encode() in data
    path.write_bytes(data.replace(old.encode(), new.encode()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


def status_of(iv: Cli, vault: Path, name: str) -> str | None:
    status: str | None = iv.json("show", name, "--vault", vault)["details"].get("status")
    return status


# -- what sync reports ----------------------------------------------------------------------------

def test_first_sync_adds_every_note_and_nothing_else(vault: Path, iv: Cli) -> None:
    report = iv.sync(vault)
    assert sorted(report["added"]) == sorted(NOTES)
    assert (report["changed"], report["removed"], report["unchanged"]) == ([], [], 0)
    assert report["conflicts"] == ["Contacts/Jane Doe.sync-conflict-20260101-120000-ABCDEFG.md"]
    assert report["vault"] == str(vault.resolve())


def test_second_sync_changes_nothing(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    for _ in range(2):
        report = iv.sync(vault)
        assert (report["added"], report["changed"], report["removed"]) == ([], [], [])
        assert report["unchanged"] == len(NOTES)


def test_edit_changes_only_that_note(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    path = vault / "Contacts/Bob Stone.md"
    path.write_text(path.read_text(encoding="utf-8").replace("contacted", "interviewed"),
                    encoding="utf-8")
    report = iv.sync(vault)
    assert (report["added"], report["changed"], report["removed"]) == (
        [], ["Contacts/Bob Stone.md"], [])
    assert report["unchanged"] == len(NOTES) - 1
    assert status_of(iv, vault, "Bob Stone") == "interviewed"


def test_delete_is_removed(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    (vault / "Notes/Ideas.md").unlink()
    report = iv.sync(vault)
    assert (report["added"], report["changed"], report["removed"]) == (
        [], [], ["Notes/Ideas.md"])
    assert report["unchanged"] == len(NOTES) - 1
    assert iv.run("show", "Ideas", "--vault", vault, "--json").code == 1


def test_rename_is_one_removed_and_one_added(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    (vault / "Contacts/Jane Doe.md").rename(vault / "Contacts/Jane Smith.md")
    report = iv.sync(vault)
    assert (report["added"], report["changed"], report["removed"]) == (
        ["Contacts/Jane Smith.md"], [], ["Contacts/Jane Doe.md"])
    shown = iv.json("show", "Jane Smith", "--vault", vault)
    assert shown["path"] == "Contacts/Jane Smith.md"
    assert shown["details"]["role"] == "Engineer"
    assert sorted(iv.contacts(vault)) == ["Contacts/Bob Stone.md", "Contacts/Jane Smith.md"]
    gone = iv.run("show", "Jane Doe", "--vault", vault, "--json")
    assert gone.code == 1 and "Jane Doe" in gone.err


def test_moving_a_note_to_another_folder(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    (vault / "Archive").mkdir()
    (vault / "Contacts/Bob Stone.md").rename(vault / "Archive/Bob Stone.md")
    report = iv.sync(vault)
    assert (report["added"], report["removed"]) == (["Archive/Bob Stone.md"],
                                                    ["Contacts/Bob Stone.md"])
    assert iv.contacts(vault) == ["Contacts/Jane Doe.md"]  # no longer in the contacts folder
    assert iv.json("show", "Bob Stone", "--vault", vault)["type"] is None


def test_racy_same_size_edit_is_detected(vault: Path, iv: Cli) -> None:
    """An edit within the file system's clock tick of the last read, keeping size and mtime, is
    caught by the content hash."""
    iv.sync(vault)
    path = vault / "Contacts/Jane Doe.md"
    same_size_rewrite(path, "prospect", "dormant!")
    report = iv.sync(vault)
    assert (report["added"], report["changed"], report["removed"]) == (
        [], ["Contacts/Jane Doe.md"], [])
    assert status_of(iv, vault, "Jane Doe") == "dormant!"
    # and once re-read, it is unchanged again
    report = iv.sync(vault)
    assert (report["added"], report["changed"], report["removed"]) == ([], [], [])


def test_racy_edit_seen_by_a_read_command(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    same_size_rewrite(vault / "Contacts/Bob Stone.md", "contacted", "dormant!!")
    listed = iv.json("list", "--vault", vault)["contacts"]
    assert {c["path"]: c["status"] for c in listed}["Contacts/Bob Stone.md"] == "dormant!!"


def test_full_rereads_everything(vault: Path, iv: Cli) -> None:
    """A same-size edit that restores an old mtime (a copy tool, ``touch -r``) long after the
    note was read is outside what an incremental sync promises; ``--full`` reads it."""
    hour_ago = time.time_ns() - 3600 * 10**9
    for rel in NOTES:
        os.utime(vault / rel, ns=(hour_ago, hour_ago))
    iv.sync(vault)
    same_size_rewrite(vault / "Contacts/Jane Doe.md", "prospect", "dormant!")
    report = iv.sync(vault, "--full")
    assert sorted(report["changed"]) == sorted(NOTES)
    assert (report["added"], report["removed"]) == ([], [])
    assert status_of(iv, vault, "Jane Doe") == "dormant!"
    report = iv.sync(vault)
    assert (report["added"], report["changed"], report["removed"]) == ([], [], [])


def test_fixing_a_note_clears_its_problem(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    path = vault / "Notes/Ideas.md"
    path.write_text("---\nstatus: [unclosed\n---\nbody\n", encoding="utf-8")
    report = iv.sync(vault)
    assert [p["path"] for p in report["problems"]] == ["Notes/Ideas.md"]
    assert report["total_problems"] >= 1
    assert "Notes/Ideas.md" in {p["path"] for p in iv.doctor(vault)["problems"]}
    path.write_text("---\nstatus: fine\n---\nbody\n", encoding="utf-8")
    report = iv.sync(vault)
    assert report["changed"] == ["Notes/Ideas.md"] and report["problems"] == []
    assert "Notes/Ideas.md" not in {p["path"] for p in iv.doctor(vault)["problems"]}


def test_config_change_reclassifies_notes(vault: Path, iv: Cli) -> None:
    (vault / "Notes/Person.md").write_text(note("tags: [person]"), encoding="utf-8")
    iv.sync(vault)
    assert "Notes/Person.md" not in iv.contacts(vault)
    (vault / ".infoview/config.toml").write_text('[types.contact]\ntags = ["person"]\n',
                                                 encoding="utf-8")
    assert "Notes/Person.md" in iv.contacts(vault)  # no note changed, the config did


# -- the index file -------------------------------------------------------------------------------

def test_index_is_outside_the_vault_in_the_cache_dir(vault: Path, iv: Cli,
                                                     cache_dir: Path) -> None:
    before = snapshot(vault)
    iv.sync(vault)
    index = iv.index_file(vault)
    assert index.is_file()
    assert not index.resolve().is_relative_to(vault.resolve())
    assert index.resolve().is_relative_to(cache_dir.resolve())
    with closing(sqlite3.connect(f"file:{index}?mode=ro", uri=True)) as conn:
        count = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    assert count == len(NOTES)
    assert changed_files(before, snapshot(vault)) == [
        "Infoview/Dashboard.md", "Infoview/Referrals.md", "Infoview/Reminders.md"]  # generated


@pytest.mark.skipif(sys.platform != "linux", reason="XDG cache folder is Linux's")
def test_default_index_location_is_the_user_cache(vault: Path, iv: Cli, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INFOVIEW_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    iv.sync(vault)
    index = iv.index_file(vault)
    assert index.is_file()
    assert index.is_relative_to(tmp_path / "xdg" / "infoview")


def test_one_index_per_vault(make_vault: MakeVault, iv: Cli, tmp_path: Path) -> None:
    one = make_vault({"Contacts/One.md": ""})
    two = tmp_path / "elsewhere" / "vault"  # the same folder name as the first
    two.parent.mkdir()
    make_vault({"Contacts/Two.md": ""}).rename(two)
    assert one.name == two.name
    assert iv.index_file(one) != iv.index_file(two)
    assert iv.contacts(one) == ["Contacts/One.md"]
    assert iv.contacts(two) == ["Contacts/Two.md"]


def test_one_index_however_the_vault_is_named(vault: Path, iv: Cli, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    iv.sync(vault)
    link = tmp_path / "link-to-vault"
    link.symlink_to(vault, target_is_directory=True)
    monkeypatch.chdir(vault.parent)
    spellings = [vault, Path(vault.name), vault / ".." / vault.name, link]
    assert {iv.index_file(p) for p in spellings} == {iv.index_file(vault)}
    for spelling in spellings:
        report = iv.sync(spelling)
        assert (report["added"], report["changed"], report["removed"]) == ([], [], [])


def test_deleted_index_is_rebuilt(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    index = iv.index_file(vault)
    index.unlink()
    report = iv.sync(vault)
    assert sorted(report["added"]) == sorted(NOTES)
    assert index.is_file()
    assert sorted(iv.contacts(vault)) == ["Contacts/Bob Stone.md", "Contacts/Jane Doe.md"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "header", "empty", "other-db"])
def test_corrupt_index_is_rebuilt_with_a_warning(vault: Path, iv: Cli, damage: str) -> None:
    iv.sync(vault)
    index = iv.index_file(vault)
    data = index.read_bytes()
    assert len(data) > 4096
    if damage == "other-db":  # a valid SQLite file, but not an infoview index
        index.unlink()
        conn = sqlite3.connect(index)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    else:
        index.write_bytes({
            "garbage": b"this is not a database \x00\xff" * 200,
            "truncated": data[: len(data) // 3],
            "header": b"\x00" * 100 + data[100:],
            "empty": b"",
        }[damage])
    result = iv.run("sync", "--vault", vault, "--json")
    assert result.code == 0, result.err
    assert "warning:" in result.err and "rebuilding" in result.err, result.err
    assert "Traceback" not in result.err
    assert sorted(result.json()["added"]) == sorted(NOTES)
    assert sorted(iv.contacts(vault)) == ["Contacts/Bob Stone.md", "Contacts/Jane Doe.md"]
    again = iv.run("sync", "--vault", vault, "--json")  # rebuilt for good: no second warning
    assert (again.code, again.err) == (0, "")
    report = again.json()
    assert (report["added"], report["changed"], report["removed"]) == ([], [], [])


def test_corrupt_index_rebuilt_by_a_read_command(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    iv.index_file(vault).write_bytes(b"\xde\xad\xbe\xef" * 1024)
    result = iv.run("list", "--vault", vault, "--json")
    assert result.code == 0, result.err
    assert "rebuilding" in result.err
    assert len(result.json()["contacts"]) == 2


@pytest.mark.parametrize("version", ["0", "99"])
def test_other_schema_index_is_rebuilt_with_a_warning(vault: Path, iv: Cli, version: str) -> None:
    iv.sync(vault)
    index = iv.index_file(vault)
    conn = sqlite3.connect(index)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
        conn.execute("DELETE FROM notes")  # a stale answer would show
    conn.close()
    result = iv.run("sync", "--vault", vault, "--json")
    assert result.code == 0, result.err
    assert "warning:" in result.err and "schema" in result.err and "rebuilding" in result.err
    assert sorted(result.json()["added"]) == sorted(NOTES)
    with closing(sqlite3.connect(f"file:{index}?mode=ro", uri=True)) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] \
            not in ("0", "99")
    assert iv.run("sync", "--vault", vault, "--json").err == ""


# -- vault files are never touched; read commands are never stale ---------------------------------

def test_sync_never_modifies_a_vault_file(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({
        **NO_MOVES, **NOTES, **IGNORED,
        "Contacts/Crlf.md": b"\xef\xbb\xbf---\r\nstatus: prospect # comment\r\n---\r\nBody\r\n",
        "Notes/Broken.md": "---\nname: [unclosed\n---\n",
        "Notes/Latin1.md": b"caf\xe9\n",
        "Notes/Placeholder.md": note("date: {{date}}"),
    })
    before = snapshot(vault)
    iv.sync(vault)
    iv.sync(vault)
    iv.sync(vault, "--full")
    iv.doctor(vault)
    iv.json("list", "--vault", vault)
    iv.json("show", "Jane Doe", "--vault", vault)
    changed = changed_files(before, snapshot(vault))
    generated = "Infoview/"  # the only folder infoview may write notes into
    assert [p for p in changed if not p.startswith(generated)] == []


def test_read_commands_bring_a_stale_index_up_to_date(vault: Path, iv: Cli) -> None:
    iv.sync(vault)
    (vault / "Contacts/New Person.md").write_text(note("status: prospect"), encoding="utf-8")
    assert "Contacts/New Person.md" in iv.contacts(vault)
    assert iv.json("show", "New Person", "--vault", vault)["path"] == "Contacts/New Person.md"
    path = vault / "Contacts/Bob Stone.md"
    path.write_text(path.read_text(encoding="utf-8").replace("contacted", "dormant"),
                    encoding="utf-8")
    listed = {c["path"]: c["status"] for c in iv.json("list", "--vault", vault)["contacts"]}
    assert listed["Contacts/Bob Stone.md"] == "dormant"
    (vault / "Contacts/New Person.md").unlink()
    assert "Contacts/New Person.md" not in iv.contacts(vault)
    counts = iv.doctor(vault)["notes"]
    assert counts["contact"] == 2
    report = iv.sync(vault)  # the read commands already did the work
    assert (report["added"], report["changed"], report["removed"]) == ([], [], [])


# -- two processes at once ------------------------------------------------------------------------

def test_two_processes_syncing_at_once(make_vault: MakeVault, iv: Cli) -> None:
    count = 1500
    vault = make_vault({
        f"Contacts/Person {i:04d}.md": note(f'role: Engineer {i}\ncompany: "[[Co {i % 30}]]"',
                                            f"Met [[Person {(i + 1) % count:04d}]].\n")
        for i in range(count)
    })
    before = snapshot(vault)
    command = [sys.executable, "-m", "infoview"]
    procs = [subprocess.Popen([*command, *args, "--vault", str(vault), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for args in (["sync"], ["sync"], ["list"])]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "error" not in err, err
    syncs = [json.loads(out) for out, _ in outputs[:2]]
    # whichever process got the lock first indexed everything (the list may have); the others
    # found every note unchanged
    assert sorted(len(s["added"]) for s in syncs) in ([0, 0], [0, count])
    assert all(len(s["added"]) + s["unchanged"] == count for s in syncs)
    assert all(s["changed"] == [] and s["removed"] == [] for s in syncs)
    assert len(json.loads(outputs[2][0])["contacts"]) == count
    assert len(iv.contacts(vault)) == count
    doctor = iv.doctor(vault)
    assert doctor["notes"]["contact"] == count
    assert doctor["notes"]["links"] == 2 * count
    assert len([p for p in doctor["problems"] if p["kind"] == "link"]) == count  # no Co notes
    assert changed_files(before, snapshot(vault)) == [
        "Infoview/Dashboard.md", "Infoview/Referrals.md", "Infoview/Reminders.md"]


def test_sync_json_says_when_an_old_index_was_rebuilt(make_vault: MakeVault, iv: Cli) -> None:
    vault = make_vault({"Contacts/Ann.md": ""})
    assert iv.sync(vault)["rebuilt"] is False
    conn = sqlite3.connect(iv.index_file(vault))
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.close()
    (vault / "Contacts" / "Bob.md").write_text("")
    assert iv.sync(vault)["rebuilt"] is True


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_where_a_note_was_is_skipped_not_waited_on(tmp_path: Path) -> None:
    import signal

    from infoview.config.settings import config_from_dict
    from infoview.index.rows import read_note

    os.mkfifo(tmp_path / "Pipe.md")
    (tmp_path / "Real.md").write_text("---\nname: Real\n---\n", encoding="utf-8")
    config = config_from_dict({})
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("reading a named pipe hung"))
    signal.alarm(5)
    try:
        assert read_note(str(tmp_path), config, "Pipe.md") is None
    finally:
        signal.alarm(0)
    rows = read_note(str(tmp_path), config, "Real.md")
    assert rows is not None and rows.name == "Real"


def test_a_note_that_grew_after_its_stat_is_read_to_the_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from infoview.index import rows

    path = tmp_path / "Grown.md"
    path.write_bytes(b"x" * 5000)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert rows._read_all(fd, 100) == b"x" * 5000  # stat said 100 bytes: read on
    finally:
        os.close(fd)
    monkeypatch.setattr(rows, "MAX_FILE_BYTES", 1000)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert rows._read_all(fd, 100) == b"x" * 1001  # never past the cap (plus one)
    finally:
        os.close(fd)
