"""``infoview watch``: a real watcher process, driven by real file changes."""

from __future__ import annotations

import errno
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import TODAY, MakeVault, Result, Run, RunProcess

CONTACT = "---\ntype: contact\nstatus: prospect\n---\nMet at a meetup.\n"
TIMEOUT = 20.0


class Watch:
    """A running ``infoview watch --json`` and the records it printed."""

    def __init__(self, vault: Path, *extra: str) -> None:
        self.vault = vault
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "infoview", "watch", "--json", "--vault", str(vault),
             "--debounce", "100", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self.records: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))
        self.lines.put(None)

    def next(self, timeout: float = TIMEOUT) -> dict[str, Any] | None:
        try:
            record = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if record is not None:
            self.records.append(record)
        return record

    def until(self, wanted: Callable[[dict[str, Any]], bool],
              timeout: float = TIMEOUT) -> dict[str, Any]:
        """The first record (from now) that ``wanted`` accepts; fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            record = self.next(left)
            if record is None:
                break
            if wanted(record):
                return record
        raise AssertionError(f"no such record within {timeout}s; got {self.records}; "
                             f"stderr: {self.stderr()}")

    def ready(self) -> dict[str, Any]:
        return self.until(lambda r: r["event"] == "ready")

    def quiet(self, seconds: float) -> list[dict[str, Any]]:
        """Records printed in the next ``seconds`` (expected: none)."""
        found = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            record = self.next(left)
            if record is None:
                break
            found.append(record)
        return found

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout=TIMEOUT)
        while self.next(0.5) is not None:
            pass
        return code

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return "(running)"
        return self.proc.stderr.read()


@pytest.fixture
def watch(make_vault: MakeVault) -> Iterator[Callable[..., Watch]]:
    started: list[Watch] = []

    def start(vault: Path | None = None, *extra: str) -> Watch:
        w = Watch(vault or make_vault({"Contacts/Jane Doe.md": CONTACT}), *extra)
        started.append(w)
        return w

    yield start
    for w in started:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()


def changed(path: str, key: str = "changed") -> Callable[[dict[str, Any]], bool]:
    return lambda r: r["event"] == "batch" and path in r[key]


def save_by_rename(path: Path, text: str) -> None:
    """How Obsidian and most editors save: a temp file beside it, then a rename."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def watch_here(run: Run, args: list[str], *actions: tuple[float, Callable[[], object]],
               stop_after: float) -> Result:
    """``infoview watch ARGS`` through the ``run`` fixture, in this process (so a test can patch
    it), doing each ``(delay, action)`` on a timer and sending SIGTERM after ``stop_after``
    seconds."""
    timers = [threading.Timer(delay, action) for delay, action in actions]
    timers.append(threading.Timer(stop_after, lambda: os.kill(os.getpid(), signal.SIGTERM)))
    for timer in timers:
        timer.start()
    try:
        return run("watch", *args)
    finally:
        for timer in timers:
            timer.cancel()


def test_first_sync_then_ready(watch: Callable[..., Watch]) -> None:
    w = watch()
    first = w.until(lambda r: r["event"] == "batch")
    assert "Contacts/Jane Doe.md" in first["added"]
    assert w.ready()["mode"] in ("events", "polling")
    assert w.stop() == 0
    assert w.records[-1]["event"] == "stopped"


def test_new_note_by_rename_edit_delete_and_rename(watch: Callable[..., Watch],
                                                   run: Run) -> None:
    w = watch()
    w.ready()
    vault = w.vault
    save_by_rename(vault / "Contacts/Ann Lee.md", CONTACT)
    w.until(changed("Contacts/Ann Lee.md", "added"))
    listed = run("list", "--json", "--vault", vault)
    assert "Contacts/Ann Lee.md" in [c["path"] for c in json.loads(listed.out)["contacts"]]

    with open(vault / "Contacts/Ann Lee.md", "a", encoding="utf-8") as handle:  # in place
        handle.write("Works on search.\n")
    w.until(changed("Contacts/Ann Lee.md"))
    found = json.loads(run("search", "search", "--json", "--vault", vault).out)
    assert any(r["path"] == "Contacts/Ann Lee.md" for r in found["results"])

    os.rename(vault / "Contacts/Ann Lee.md", vault / "Contacts/Ann Lee-Smith.md")
    record = w.until(changed("Contacts/Ann Lee-Smith.md", "added"))
    assert "Contacts/Ann Lee.md" in record["removed"]

    (vault / "Contacts/Ann Lee-Smith.md").unlink()
    w.until(changed("Contacts/Ann Lee-Smith.md", "removed"))
    listed = run("list", "--json", "--vault", vault)
    assert [c["path"] for c in json.loads(listed.out)["contacts"]] == ["Contacts/Jane Doe.md"]
    assert w.stop() == 0


def test_referral_added_makes_a_contact(watch: Callable[..., Watch],
                                        make_vault: MakeVault) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": CONTACT,
        "Interviews/2026-11-20 Jane Doe.md":
            '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-20\n---\n## Notes\n',
    })
    w = watch(vault)
    w.ready()
    note = vault / "Interviews/2026-11-20 Jane Doe.md"
    save_by_rename(note, note.read_text(encoding="utf-8")
                   + "\n## Referrals\n- [[Dana Fox]] (Staff Engineer at Globex)\n")
    record = w.until(lambda r: r["event"] == "batch" and "Contacts/Dana Fox.md" in r["created"])
    assert "Interviews/2026-11-20 Jane Doe.md" in record["changed"]
    made = (vault / "Contacts/Dana Fox.md").read_text(encoding="utf-8")
    assert 'referred_by: "[[Jane Doe]]"' in made and "status: prospect" in made
    # The contact infoview just wrote causes no further batch: no write loop.
    assert w.quiet(1.5) == []
    assert w.stop() == 0


def test_duplicate_events_vim_dance_and_scratch_files_make_one_change(
        watch: Callable[..., Watch]) -> None:
    w = watch()
    w.ready()
    vault = w.vault
    note = vault / "Contacts/Jane Doe.md"
    # vim: a swap file, a write test file, the old file renamed to a backup, a new file
    # written, the backup removed.
    (vault / "Contacts/.Jane Doe.md.swp").write_bytes(b"swap")
    (vault / "Contacts/4913").write_bytes(b"")
    (vault / "Contacts/4913").unlink()
    os.rename(note, vault / "Contacts/Jane Doe.md~")
    time.sleep(0.06)  # a slow disk: the note is missing for a moment
    note.write_text(CONTACT + "Edited in vim.\n", encoding="utf-8")
    for _ in range(3):  # the same change saved again: duplicate events
        note.write_text(CONTACT + "Edited in vim.\n", encoding="utf-8")
    (vault / "Contacts/Jane Doe.md~").unlink()
    (vault / "Contacts/.Jane Doe.md.swp").unlink()
    record = w.until(lambda r: r["event"] == "batch")
    assert record["changed"] == ["Contacts/Jane Doe.md"]
    assert record["added"] == [] and record["removed"] == []
    assert w.quiet(1.0) == []
    w.stop()


def test_ignored_files_cause_no_batch(watch: Callable[..., Watch]) -> None:
    w = watch()
    w.ready()
    vault = w.vault
    (vault / ".obsidian").mkdir()
    (vault / ".obsidian/workspace.json").write_text("{}", encoding="utf-8")
    (vault / ".trash").mkdir()
    (vault / ".trash/Old.md").write_text(CONTACT, encoding="utf-8")
    (vault / "Contacts/draft.md.tmp").write_text(CONTACT, encoding="utf-8")
    (vault / "Contacts/.syncthing.Jane.md.tmp").write_text(CONTACT, encoding="utf-8")
    assert w.quiet(1.0) == []
    w.stop()


def test_idle_watcher_writes_nothing(watch: Callable[..., Watch], run: Run) -> None:
    w = watch()
    w.ready()
    vault = w.vault
    files = sorted(p for p in vault.rglob("*") if p.is_file())
    before = {p: p.stat().st_mtime_ns for p in files}
    assert w.quiet(2.0) == []
    assert {p: p.stat().st_mtime_ns for p in files} == before
    assert sorted(p for p in vault.rglob("*") if p.is_file()) == files
    w.stop()


def test_burst_of_files_is_batched(watch: Callable[..., Watch], run: Run) -> None:
    w = watch()
    w.ready()
    vault = w.vault
    (vault / "Imported").mkdir()
    for i in range(320):
        (vault / f"Imported/Person {i:03}.md").write_text(CONTACT, encoding="utf-8")
    seen: set[str] = set()
    batches = 0
    while len(seen) < 320:
        record = w.until(lambda r: r["event"] == "batch")
        batches += 1
        seen.update(p for p in record["added"] if p.startswith("Imported/"))
    assert batches <= 5  # batched, not one sync per file
    count = json.loads(run("list", "--json", "--vault", vault).out)["contacts"]
    assert len(count) == 321
    # A folder moved away: its notes leave the index.
    os.rename(vault / "Imported", vault.parent / "Imported-elsewhere")
    record = w.until(lambda r: r["event"] == "batch" and r["removed"])
    assert len(record["removed"]) == 320 and record["rescan"] is True
    w.stop()


def test_sigint_and_sigterm_stop_cleanly(watch: Callable[..., Watch], run: Run) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        w = watch()
        w.ready()
        (w.vault / f"Contacts/Sig {sig}.md").write_text(CONTACT, encoding="utf-8")
        assert w.stop(sig) == 0
        assert w.records[-1]["event"] == "stopped"
        done = run("sync", "--json", "--vault", w.vault)
        assert done.code == 0
        # nothing to repair; only the dashboard counts the contact if the watcher stopped
        # before its batch
        assert json.loads(done.out)["written"] in ([], ["Infoview/Dashboard.md"])
        w.vault.rename(w.vault.with_name(w.vault.name + f"-done-{sig}"))


def test_one_watcher_per_vault_and_sync_beside_it(watch: Callable[..., Watch],
                                                  run_process: RunProcess) -> None:
    w = watch()
    w.ready()
    second = run_process("watch", "--vault", w.vault, timeout=TIMEOUT)
    assert second.code == 1  # the vault is held (LockedError)
    assert "already watching" in second.err and len(second.err.strip().splitlines()) == 1
    (w.vault / "Contacts/Beside.md").write_text(CONTACT, encoding="utf-8")
    done = run_process("sync", "--vault", w.vault)
    assert done.code == 0, done.err
    assert w.proc.poll() is None
    assert w.stop() == 0


def test_vault_removed_ends_the_watch(watch: Callable[..., Watch]) -> None:
    w = watch()
    w.ready()
    moved = w.vault.with_name("moved-away")
    w.vault.rename(moved)
    code = w.proc.wait(timeout=TIMEOUT)
    assert code == 1
    err = w.stderr()
    assert "moved or removed" in err and "Traceback" not in err


def test_ticking_a_reminder_closes_it(watch: Callable[..., Watch],
                                      make_vault: MakeVault) -> None:
    vault = make_vault({
        "Contacts/Jane Doe.md": CONTACT,
        "Interviews/2026-11-20 Jane Doe.md":
            '---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: 2026-11-20\n---\n',
    })
    w = watch(vault, "--today", TODAY)
    w.ready()
    reminders = vault / "Infoview/Reminders.md"
    text = reminders.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "thank-you" in ln)
    save_by_rename(reminders, text.replace(line, line.replace("- [ ]", "- [x]", 1)))
    w.until(changed("Interviews/2026-11-20 Jane Doe.md", "written"))
    assert f"thank_you_sent: {TODAY}" in (vault / "Interviews/2026-11-20 Jane Doe.md") \
        .read_text(encoding="utf-8")
    w.stop()


def test_polling_mode(watch: Callable[..., Watch]) -> None:
    w = watch(None, "--poll")
    ready = w.until(lambda r: r["event"] == "ready")
    assert ready["mode"] == "polling"
    (w.vault / "Contacts/Polled.md").write_text(CONTACT, encoding="utf-8")
    w.until(changed("Contacts/Polled.md", "added"))
    assert w.stop() == 0


def test_no_inotify_watches_left_falls_back_to_polling(
        make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch,
        run: Run) -> None:
    import watchdog.observers

    class Exhausted:
        def schedule(self, *args: Any, **kwargs: Any) -> None:
            raise OSError(errno.ENOSPC, "inotify watch limit reached")

        def stop(self) -> None:
            pass

    monkeypatch.setattr(watchdog.observers, "Observer", Exhausted)
    vault = make_vault({"Contacts/Jane Doe.md": CONTACT})
    from infoview.app import watch as watching

    monkeypatch.setattr(watching, "CHECK_SECONDS", 0.1)
    result = watch_here(run, ["--vault", str(vault)], stop_after=1.5)
    assert result.code == 0
    err = result.err
    notes = [ln for ln in err.splitlines() if "inotify" in ln]
    assert len(notes) == 1 and "polling" in notes[0] and "max_user_watches" in notes[0]


def test_bad_debounce_and_config(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({".infoview/config.toml": "[watch]\ndebounce_ms = 0\n"})
    result = run("watch", "--vault", vault)
    assert result.code == 2
    assert "watch.debounce_ms" in result.err and len(result.err.strip().splitlines()) == 1
    assert run("watch", "--vault", vault, "--debounce", "0").code == 2


def test_half_written_file_is_read_again_when_complete(watch: Callable[..., Watch]) -> None:
    w = watch()
    w.ready()
    path = w.vault / "Contacts/Slow Writer.md"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("---\ntype: contact\nstatus: pro")
        handle.flush()
        first = w.until(changed("Contacts/Slow Writer.md", "added"))
        assert first["problems"]  # read half-written: frontmatter never closed
        handle.write("spect\n---\nDone.\n")
    record = w.until(changed("Contacts/Slow Writer.md"))
    assert record["problems"] == []
    assert w.stop() == 0


def test_a_new_day_redraws_the_reminders(make_vault: MakeVault,
                                         monkeypatch: pytest.MonkeyPatch,
                                         run: Run) -> None:
    import datetime as dt

    from infoview.app import watch as watching

    today = dt.date.today()
    vault = make_vault({
        "Contacts/Jane Doe.md": CONTACT,
        f"Interviews/{today} Jane Doe.md":
            f'---\ntype: interview\ncontact: "[[Jane Doe]]"\ndate: {today}\n---\n',
    })
    days = {"ahead": 0}
    monkeypatch.setattr(watching, "_today", lambda: today + dt.timedelta(days=days["ahead"]))
    monkeypatch.setattr(watching, "CHECK_SECONDS", 0.1)

    def midnight() -> None:
        days["ahead"] = 10

    result = watch_here(run, ["--json", "--vault", str(vault)], (0.8, midnight), stop_after=2.5)
    assert result.code == 0
    records = [json.loads(line) for line in result.out.splitlines()]
    ready = next(i for i, r in enumerate(records) if r["event"] == "ready")
    later = [r for r in records[ready:] if r["event"] == "batch"]
    # the interview is in the past now: Jane is "interviewed", and the dashboard says so
    assert len(later) == 1 and later[0]["written"] == [
        "Contacts/Jane Doe.md", "Infoview/Dashboard.md", "Infoview/Reminders.md"]
    text = (vault / "Infoview/Reminders.md").read_text(encoding="utf-8")
    assert "Overdue" in text


def test_a_checkout_of_many_files_is_one_rescan(watch: Callable[..., Watch],
                                                make_vault: MakeVault) -> None:
    files = {f"Contacts/Person {i:03}.md": CONTACT for i in range(120)}
    vault = make_vault({".infoview/config.toml": "[watch]\nmax_batch = 50\n", **files})
    w = watch(vault)
    w.ready()
    for rel in files:  # like `git checkout` of another branch: every file rewritten at once
        (vault / rel).write_text(CONTACT + "On another branch.\n", encoding="utf-8")
    seen: set[str] = set()
    rescans = 0
    while len(seen) < 120:
        record = w.until(lambda r: r["event"] == "batch")
        seen.update(record["changed"])
        rescans += record["rescan"]
    assert rescans >= 1 and seen == set(files)
    assert w.stop() == 0


def test_changes_the_system_did_not_report_are_found_by_a_periodic_walk(
        make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch,
        run: Run) -> None:
    import watchdog.observers

    from infoview.app import watch as watching

    class Deaf:  # an observer that never reports anything (a dropped inotify queue)
        def schedule(self, *args: Any, **kwargs: Any) -> None:
            pass

        def start(self) -> None:
            pass

        def stop(self) -> None:
            pass

        def join(self, timeout: float | None = None) -> None:
            pass

    monkeypatch.setattr(watchdog.observers, "Observer", Deaf)
    monkeypatch.setattr(watching, "CHECK_SECONDS", 0.1)
    monkeypatch.setattr(watching, "RESCAN_SECONDS", 1.0)
    vault = make_vault({"Contacts/Jane Doe.md": CONTACT})
    unseen = vault / "Contacts/Unseen.md"
    result = watch_here(run, ["--json", "--vault", str(vault)],
                        (0.5, lambda: unseen.write_text(CONTACT)), stop_after=3.0)
    assert result.code == 0
    records = [json.loads(line) for line in result.out.splitlines()]
    found = [r for r in records if r["event"] == "batch" and "Contacts/Unseen.md" in r["added"]]
    assert len(found) == 1 and found[0]["rescan"] is True
