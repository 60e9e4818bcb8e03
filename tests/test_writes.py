"""The write promises, end to end through the CLI: journal, undo, --dry-run, idempotence, the
changed-since-read check, invalid frontmatter, atomic replace (including kill -9)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, MakeVault, Run, RunWith, snapshot, sync_in_child

from infoview import hookimpl

# The built-in reminders plugin writes Infoview/Reminders.md on every sync; these tests are about
# the write path itself, with only their own test plugins writing.
QUIET = '[plugins]\ndisabled = ["reminders", "referrals", "workflow"]\n'


def contact(status: str = "prospect", extra: str = "") -> str:
    return f"---\n# who\ntype: contact\nstatus: {status}  # moves on\n{extra}---\nBody.\n"


def promote(data: bytes) -> bytes:
    """The change the test plugins make: ``prospect`` → ``contacted``."""
    return data.replace(b"status: prospect", b"status: contacted")


class Promoter:
    """Sets every prospect to contacted, and makes one new note."""

    def __init__(self, create: str | None = None) -> None:
        self.create = create

    @hookimpl
    def sync_after_index(self, session: Any) -> None:
        for note in session.index.notes("contact"):
            if note.props.get("status") == "prospect":
                session.writer.edit(note.path, promote, reason="test",
                                    expected_hash=note.hash)
        if self.create:
            session.writer.create(self.create, b"---\ntype: contact\n---\n", reason="test")


def test_sync_writes_once_then_nothing(make_vault: MakeVault, run: Run, run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact(), "Contacts/Bob.md": contact("interviewed")},
                       config=QUIET)
    plugin = [("promoter", Promoter())]
    first = run_with(plugin, "sync", "--json", "--vault", vault).json()
    assert first["written"] == ["Contacts/Ann.md"]
    assert (vault / "Contacts/Ann.md").read_text() == contact("contacted")
    assert (vault / "Contacts/Bob.md").read_text() == contact("interviewed")
    before = snapshot(vault)
    second = run_with(plugin, "sync", "--json", "--vault", vault).json()
    assert second["written"] == [] and second["created"] == []
    assert snapshot(vault) == before  # not even an mtime changed
    assert run("list", "--json", "--vault", vault).json()["contacts"][0]["status"] == "contacted"


def test_dry_run_prints_diffs_and_writes_nothing(make_vault: MakeVault,
                                                 run: Run, run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact()}, config=QUIET)
    before = snapshot(vault)
    plugin = [("promoter", Promoter(create="Contacts/Cy.md"))]
    result = run_with(plugin, "sync", "--dry-run", "--vault", vault)
    assert result.code == 0
    assert "-status: prospect  # moves on\n+status: contacted  # moves on\n" in result.out
    assert "+++ b/Contacts/Cy.md" in result.out
    assert snapshot(vault) == before
    as_json = run_with(plugin, "sync", "--dry-run", "--json", "--vault", vault).json()
    assert as_json["written"] == ["Contacts/Ann.md"] and as_json["created"] == ["Contacts/Cy.md"]
    assert len(as_json["diffs"]) == 2
    assert snapshot(vault) == before
    assert "Nothing to undo" in run("undo", "--vault", vault).out  # nothing was journaled


def test_users_edit_after_the_read_survives(make_vault: MakeVault,
                                            run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact()}, config=QUIET)
    users_version = contact(extra="phone: '555'\n")

    class EditsFirst(Promoter):
        @hookimpl
        def sync_after_index(self, session: Any) -> None:
            (vault / "Contacts/Ann.md").write_text(users_version)  # the user saves meanwhile
            super().sync_after_index(session)

    result = run_with([("edits", EditsFirst())], "sync", "--vault", vault)
    assert result.code == 0
    assert (vault / "Contacts/Ann.md").read_text() == users_version
    assert "Contacts/Ann.md: changed since infoview read it" in result.err
    # The next sync reads the user's version and makes the change on top of it.
    run_with([("promoter", Promoter())], "sync", "--vault", vault)
    assert (vault / "Contacts/Ann.md").read_text() == users_version.replace(
        "prospect", "contacted")


def test_an_edit_in_the_last_instant_survives(make_vault: MakeVault,
                                              run: Run, run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact()}, config=QUIET)

    class LastInstant(Promoter):
        @hookimpl
        def sync_after_index(self, session: Any) -> None:
            session.writer.before_replace = lambda path: (vault / path).write_text("mine\n")
            super().sync_after_index(session)

    result = run_with([("late", LastInstant())], "sync", "--vault", vault)
    assert (vault / "Contacts/Ann.md").read_text() == "mine\n"
    assert "changed while infoview was writing it" in result.err
    assert [p.name for p in (vault / "Contacts").iterdir()] == ["Ann.md"]  # no temp file left
    assert "Nothing to undo" in run("undo", "--vault", vault).out  # the skipped write is gone


def test_a_note_with_broken_frontmatter_is_never_written(make_vault: MakeVault,
                                                         run_with: RunWith) -> None:
    broken = "---\ntype: contact\nstatus: prospect\nname: [unclosed\n---\nBody\n"
    vault = make_vault({"Contacts/Ann.md": broken}, config=QUIET)

    class Blind:
        @hookimpl
        def sync_after_index(self, session: Any) -> None:
            session.writer.edit("Contacts/Ann.md", promote, reason="test")

    result = run_with([("blind", Blind())], "sync", "--vault", vault)
    assert (vault / "Contacts/Ann.md").read_text() == broken
    assert "frontmatter does not parse" in result.err


def test_writes_keep_the_mode_and_leave_no_temp_files(make_vault: MakeVault,
                                                      run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact()}, config=QUIET)
    os.chmod(vault / "Contacts/Ann.md", 0o600)
    run_with([("promoter", Promoter())], "sync", "--vault", vault)
    assert (vault / "Contacts/Ann.md").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in (vault / "Contacts").iterdir()) == ["Ann.md"]


def test_create_never_overwrites(make_vault: MakeVault, run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact("interviewed"), "Contacts/Cy.md": "mine\n"},
                       config=QUIET)
    result = run_with([("promoter", Promoter(create="Contacts/Cy.md"))],
                      "sync", "--json", "--vault", vault).json()
    assert result["created"] == []
    assert result["skipped"] == [{"path": "Contacts/Cy.md",
                                  "reason": "already exists; not overwritten"}]
    assert (vault / "Contacts/Cy.md").read_text() == "mine\n"


def test_undo_reverts_what_is_unchanged_and_lists_the_rest(
        make_vault: MakeVault, run: Run, run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact(), "Contacts/Bob.md": contact(),
                        "Contacts/Dee.md": contact("interviewed")}, config=QUIET)
    original = snapshot(vault)
    run_with([("promoter", Promoter(create="Contacts/Cy.md"))], "sync", "--vault", vault)
    assert (vault / "Contacts/Cy.md").exists()
    (vault / "Contacts/Bob.md").write_text("the user's own edit\n")

    planned = run("undo", "--dry-run", "--vault", vault)
    assert "-status: contacted  # moves on\n+status: prospect  # moves on" in planned.out
    assert (vault / "Contacts/Cy.md").exists()  # --dry-run changed nothing

    result = run("undo", "--json", "--vault", vault)
    data = result.json()
    assert data["restored"] == ["Contacts/Ann.md"]
    assert data["deleted"] == ["Contacts/Cy.md"]
    assert data["left_alone"] == ["Contacts/Bob.md"]
    assert result.code == 1
    assert (vault / "Contacts/Ann.md").read_bytes() == original["Contacts/Ann.md"][0]
    assert (vault / "Contacts/Bob.md").read_text() == "the user's own edit\n"
    assert not (vault / "Contacts/Cy.md").exists()
    assert (vault / "Contacts/Dee.md").read_bytes() == original["Contacts/Dee.md"][0]
    assert [c["status"] for c in run("list", "--json", "--vault", vault).json()["contacts"]
            if c["name"] == "Ann"] == ["prospect"]
    assert "Nothing to undo" in run("undo", "--vault", vault).out


def test_undo_goes_back_one_run_at_a_time(make_vault: MakeVault,
                                          run: Run, run_with: RunWith) -> None:
    vault = make_vault({"Contacts/Ann.md": contact()}, config=QUIET)

    class Step:
        def __init__(self, old: bytes, new: bytes) -> None:
            self.old, self.new = old, new

        @hookimpl
        def sync_after_index(self, session: Any) -> None:
            session.writer.edit("Contacts/Ann.md", lambda d: d.replace(self.old, self.new),
                                reason="step")

    run_with([("s", Step(b"prospect", b"contacted"))], "sync", "--vault", vault)
    run_with([("s", Step(b"contacted", b"scheduled"))], "sync", "--vault", vault)
    run("undo", "--vault", vault)
    assert "status: contacted" in (vault / "Contacts/Ann.md").read_text()
    run("undo", "--vault", vault)
    assert (vault / "Contacts/Ann.md").read_text() == contact()


PLUGIN = '''
from infoview import hookimpl

@hookimpl
def sync_after_index(session):
    for note in session.index.notes("contact"):
        session.writer.edit(note.path, lambda d: d.replace(b"status: prospect",
                            b"status: contacted\\nsynced: yes"), reason="crash test",
                            expected_hash=note.hash)
'''


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_9_mid_sync_never_tears_a_note(make_vault: MakeVault, tmp_path: Path,
                                            seed: int) -> None:
    old = {f"Contacts/P{i:03}.md": contact(extra=f"n: {i}\n" + "x: " + "y" * 3000 + "\n")
           for i in range(400)}
    vault = make_vault(old, config=QUIET)
    new = {p: t.replace("status: prospect", "status: contacted\nsynced: yes")
           for p, t in old.items()}
    (tmp_path / "crash.py").write_text(PLUGIN)
    env = {**os.environ, "INFOVIEW_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    command = sync_in_child(tmp_path / "crash.py", vault)
    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    full_run = time.monotonic() - started
    rng = random.Random(seed)
    kills = mixed = 0
    for _ in range(12):
        for path, text in old.items():  # every round starts with 400 writes to make
            (vault / path).write_text(text)
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.0) * full_run)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        states = set()
        for path in old:
            text = (vault / path).read_text()
            assert text in (old[path], new[path]), f"{path} is torn"
            states.add(text == new[path])
        mixed += states == {True, False}
        notes = [p for p in vault.rglob("*.md") if not p.name.startswith(".")]
        assert len(notes) == len(old)
    assert kills > 0 and mixed > 0  # some kills did land in the middle of the writes
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert all((vault / p).read_text() == new[p] for p in new)
    listed = subprocess.run([sys.executable, "-m", "infoview", "list", "--json", "--vault",
                             str(vault)], env=env, capture_output=True, text=True, check=True)
    assert len(json.loads(listed.stdout)["contacts"]) == len(old)  # no temp file became a note


def test_init_dry_run_makes_nothing(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "new"
    result = run("init", target, "--example", "--dry-run", "--json")
    data = result.json()
    assert "Templates/Contact.md" in data["created"] and data["dry_run"] is True
    assert any("+++ b/.infoview/config.toml" in d for d in data["diffs"])
    assert not target.exists()
    existing = tmp_path / "old"
    (existing / "Templates").mkdir(parents=True)
    (existing / "Templates" / "Contact.md").write_text("mine\n")
    before = snapshot(existing)
    data = run("init", existing, "--dry-run", "--json").json()
    assert "Templates/Contact.md" in data["kept"]
    assert snapshot(existing) == before


def test_new_notes_come_from_the_vaults_template(make_vault: MakeVault,
                                                 run: Run, run_with: RunWith) -> None:
    from infoview.app.new_notes import create_note
    from infoview.write.frontmatter import Link

    template = "---\ntype: contact\nname: {{title}}\nstatus:\ncreated: {{date}}\n---\n## Notes\n"
    vault = make_vault({"Templates/Contact.md": template, "Contacts/Sam Ortiz.md": "mine\n"},
                       config=QUIET)
    made: list[str | None] = []

    class Maker:
        @hookimpl
        def sync_after_index(self, session: Any) -> None:
            values = {"status": "prospect", "referred_by": Link("Jane Doe")}
            for name in ("Sam Ortiz", "../../escape: now?", "CON", "Sam Ortiz"):
                made.append(create_note(session, "contact", name, values, reason="test"))

    run_with([("maker", Maker())], "sync", "--vault", vault, "--today", TODAY)
    assert made == ["Contacts/Sam Ortiz (2).md", "Contacts/escape now.md", "Contacts/CON_.md",
                    "Contacts/Sam Ortiz (3).md"]
    assert (vault / "Contacts/Sam Ortiz.md").read_text() == "mine\n"
    text = (vault / "Contacts/Sam Ortiz (2).md").read_text()
    assert text == ('---\ntype: contact\nname: Sam Ortiz\nstatus: prospect\n'
                    f'created: {TODAY}\nreferred_by: "[[Jane Doe]]"\n---\n## Notes\n')
    assert not (vault.parent / "escape now.md").exists()
    shown = run("show", "Sam Ortiz (2)", "--json", "--vault", vault).json()
    assert shown["details"]["status"] == "prospect"
    assert "Contacts/Sam Ortiz (2).md" in run("undo", "--json", "--vault", vault).json()["deleted"]


def test_many_creations_sync_each_folder_once_at_the_end(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from infoview.write import writer as safe_write

    synced: list[Path] = []
    monkeypatch.setattr(safe_write, "_fsync_dir", synced.append)
    writer = safe_write.NoteWriter(tmp_path, None)
    assert writer.create("A/one.md", b"1\n", reason="test") == "A/one.md"
    assert synced == [tmp_path / "A"]  # alone: durable at once
    synced.clear()
    with writer.folders_synced_at_end():
        for name in ("A/two.md", "A/three.md", "B/four.md"):
            assert writer.create(name, b"x\n", reason="test") == name
            assert (tmp_path / name).read_bytes() == b"x\n"  # each file whole on disk
        assert synced == []
    assert synced == [tmp_path / "A", tmp_path / "B"]
