"""Hostile and broken input (issue 13): no hang, no false write, nothing lost, nothing left behind.

The generators of the inputs live here so that every later change is checked against them:

- :data:`NOTES`: notes built to be as slow to read as the parser's caps allow (YAML merge keys
  and ``!!omap`` alias bombs, quadratic regexes, code-span staircases, tables, thousands of
  headings and links...). Each must be read in at most :data:`BUDGET_SECONDS` of CPU time, or
  be reported with its file and line. They run in a child process under a timeout, so a hang
  fails the test instead of stopping the suite; a vault of all of them is synced through the
  command line under a timeout too.
- Devices, pipes and oversized files for ``import``, the config, templates and ``export -o``.
- Values that try to break out of a generated note (line breaks, forged task lines, HTML,
  Mermaid), terminal escapes, file names with line breaks, a ``yaml.py`` in the current folder.
- Crashes (``kill -9`` before a rename), failing and missing reminder kinds, a user's own
  ``Infoview/Reminders.md``, full disks, read-only notes and vaults, paths that became folders,
  deep folders, huge numbers and the last day of the calendar, referral items that name nobody.

Each test failed on the code before issue 13's fixes.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import MakeVault, Run, RunProcess, RunWith, sync_in_child

from infoview.parse.note import (
    MAX_BODY_CHARS,
    MAX_BODY_LINES,
    MAX_FRONTMATTER_ITEMS,
    MAX_FULL_PARSE_LINES,
)

INTERVIEW = "---\ntype: interview\ncontact: \"[[Ann Lee]]\"\ndate: 2026-01-01\n---\n"
"""An interview note's frontmatter (add a body)."""

BUDGET_SECONDS = 1.0
"""CPU time one note may take to be read into the index (the issue's budget)."""
FM_ITEMS = MAX_FRONTMATTER_ITEMS - 10
CHARS = MAX_BODY_CHARS - 100
LINES = MAX_BODY_LINES - 10
FULL_LINES = MAX_FULL_PARSE_LINES - 10
"""Just under the caps: the most a note can hold and still be read whole."""

HERE = Path(__file__).parent


def _fm(yaml: str, body: str = "") -> bytes:
    return f"---\n{yaml}\n---\n{body}".encode()


def _body(text: str) -> bytes:
    return _fm("type: interview\ncontact: \"[[Jane Doe]]\"\ndate: 2026-01-01", text)


def _merge_bomb(levels: int = 40) -> bytes:
    """40 levels of ``aN: &aN {<<: [*aN-1, *aN-1]}``: 2**40 merges if expanded naively."""
    lines = ["a0: &a0 {k: v}"]
    lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}" for i in range(1, levels)]
    return _fm("\n".join(lines))


def _tagged_bomb(tag: str, levels: int = 8) -> bytes:
    """``!!omap``/``!!pairs`` nodes of aliases of aliases: 10**8 values from 700 bytes."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} {tag} [" + ", ".join(f"k{j}: *a{i - 1}" for j in range(10)) + "]"
              for i in range(1, levels)]
    return _fm("\n".join(lines))


NOTES: dict[str, Callable[[], bytes]] = {
    # finding 1 and 2: YAML that expands without limit
    "merge keys": _merge_bomb,
    "omap aliases": lambda: _tagged_bomb("!!omap"),
    "pairs aliases": lambda: _tagged_bomb("!!pairs"),
    "anchors": lambda: _fm("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                           + "\n".join(f"k{i}: [*a, *a, *a]" for i in range(3000))),
    "recursive alias": lambda: _fm("a: &a [*a]\nb: &b {<<: *b}"),
    "deep flow": lambda: _fm("k: " + "[" * 100_000),
    # finding 3: quadratic regexes
    "inline fields": lambda: _body("[a:: " * 16_000),
    "inline fields at the cap": lambda: _body("(a:: " * (MAX_BODY_CHARS // 5 - 10)),
    "code span staircase": lambda: _body("".join("`" * k + "x" for k in range(1, 1300))),
    # as much as the caps let in
    "frontmatter keys": lambda: _fm("\n".join(f"k{i}: v" for i in range(FM_ITEMS))),
    "frontmatter links": lambda: _fm("k:\n" + "\n".join('  - "[[a]]"' for _ in range(FM_ITEMS))),
    "frontmatter flow": lambda: _fm("k: [" + ", ".join(['"[[a]]"'] * FM_ITEMS) + "]"),
    "frontmatter over the cap": lambda: _fm("\n".join(f"k{i}: v" for i in range(300_000))),
    "long value": lambda: _fm("k: " + "x" * 15_000_000),
    "table": lambda: _body("|a|b|\n|-|-|\n" + "|[[x]] [f:: y]|y:: z|\n" * (FULL_LINES - 2)),
    "setext headings": lambda: _body("a\n-\n" * (FULL_LINES // 2)),
    "quoted items": lambda: _body("> - [[a]] x:: y\n" * FULL_LINES),
    "big table": lambda: _body("|a|b|\n|-|-|\n" + "|x|y|\n" * 10_000),
    "fences": lambda: _body("```\n" * 400_000),
    "items": lambda: _body("- [[a]] x:: y\n" * LINES),
    "tasks": lambda: _body("- [ ] [[a]] [x:: y] (z:: w)\n" * LINES),
    "headings": lambda: _body("## [[a]]\n" * LINES),
    "referral headings": lambda: _body("## Referrals\n- Ann Lee\n" * (LINES // 2)),
    "links": lambda: _body("[[a]] " * (CHARS // 6)),
    "links over the cap": lambda: _body("[[a|b]] [[c#d]] " * (CHARS // 16)),
    "code spans and links": lambda: _body("`a` [[b]] " * (CHARS // 10)),
    "comments": lambda: _body("%% " * (CHARS // 3)),
    "one long item": lambda: _body("## Referrals\n- Jane " + "[[a]] " * (CHARS // 7)),
    "names": lambda: _body("## Referrals\n- " + "Ab " * (CHARS // 4)),
    "lines": lambda: _body("x\n" * 400_000),
    "nested lists": lambda: _body("".join("  " * (i % 20) + "- x [[a]]\n"
                                          for i in range(LINES // 2))),
    "nested quotes": lambda: _body("> " * 100_000 + "x"),
}
"""Name → a note's bytes. Every one is read within the budget (or reported)."""


_MEASURE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from test_hostile import NOTES
from infoview.config.settings import config_from_dict
from infoview.index.rows import rows_for

config = config_from_dict({})
out = {}
for name in sys.argv[2:]:
    data = NOTES[name]()
    started = time.process_time()
    rows = rows_for("Interviews/x.md", data, config, 0, len(data), 0)
    out[name] = [time.process_time() - started, [[line, kind, message]
                                                 for line, kind, message in rows.problems]]
    print(json.dumps({name: out[name]}), flush=True)
"""


def _measure(names: list[str], timeout: float) -> dict[str, list]:  # type: ignore[type-arg]
    """CPU seconds and problems of reading each of ``names``, in a child process that is
    killed after ``timeout`` seconds (the names it did not finish are missing)."""
    found: dict[str, list] = {}  # type: ignore[type-arg]
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(_MEASURE), str(HERE),
                               *names], capture_output=True, text=True, timeout=timeout,
                              check=False)
        output, error = done.stdout, done.stderr
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout.decode() if isinstance(expired.stdout, bytes) else \
            expired.stdout or ""
        error = "timed out"
    for line in output.splitlines():
        found.update(json.loads(line))
    missing = [name for name in names if name not in found]
    assert not missing, f"not read within {timeout}s: {missing}; {error[-2000:]}"
    return found


@pytest.mark.parametrize("names", [list(NOTES)[:12], list(NOTES)[12:22], list(NOTES)[22:]])
def test_every_hostile_note_is_read_within_the_budget(names: list[str]) -> None:
    measured = _measure(names, timeout=120)
    slow = {name: round(seconds, 2) for name, (seconds, _) in measured.items()
            if seconds > BUDGET_SECONDS}
    assert not slow, f"over {BUDGET_SECONDS}s of CPU: {slow}"
    for name, (_, problems) in measured.items():
        assert all(line is not None for line, _, _ in problems), (name, problems)


def test_what_is_not_read_is_reported_with_its_line() -> None:
    measured = _measure(["merge keys", "omap aliases", "frontmatter over the cap", "big table",
                         "lines", "inline fields"], timeout=120)
    assert measured["merge keys"][1] == []  # merges are read, each once
    assert measured["inline fields"][1] == []
    body_start = 6  # the first line after _body's frontmatter
    for name, line, kind, words in (
            ("omap aliases", None, "error", "expand to more than 20000"),
            ("frontmatter over the cap", 1, "error", "lines and commas"),
            ("big table", body_start, "warning", "full parser"),
            ("lines", body_start, "warning", "lines: only its frontmatter")):
        problems = measured[name][1]
        assert len(problems) == 1, (name, problems)
        found_line, found_kind, message = problems[0]
        assert found_line == line or (line is None and found_line >= 1), (name, problems)
        assert (found_kind, words in message) == (kind, True), (name, problems)


# --- finding 4: imports, the config and templates read without bound ----------------------------


@pytest.mark.parametrize(("source", "device"), [("linkedin", "/dev/zero"),
                                                 ("vcf", "/dev/urandom"), ("vcf", "fifo")])
def test_import_refuses_what_is_not_an_ordinary_file(make_vault: MakeVault,
                                                     run_process: RunProcess,
                                                     tmp_path: Path, source: str,
                                                     device: str) -> None:
    vault = make_vault()
    if device == "fifo":
        device = str(tmp_path / "contacts.vcf")
        os.mkfifo(device)
    result = run_process("import", source, device, "--vault", vault, timeout=30)
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and device in result.err
    assert "not a regular file" in result.err
    assert sorted(p.name for p in vault.rglob("*.md")) == []


def test_import_refuses_a_file_over_the_cap(make_vault: MakeVault, run: Run,
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from infoview.app import importing

    vault = make_vault()
    big = tmp_path / "Connections.csv"
    big.write_text("First Name,Last Name\n" + "Ann,Lee\n" * 200)
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 1000)
    result = run("import", "linkedin", big, "--vault", vault)
    assert result.code == 2
    assert result.err == f"error: {big}: is 2 KB, more than the 1 KB infoview reads as " \
                         "LinkedIn's Connections.csv\n"


def test_a_config_or_template_that_is_a_device_is_reported(make_vault: MakeVault,
                                                           run_process: RunProcess,
                                                           tmp_path: Path) -> None:
    vault = make_vault({"Interviews/2026-01-01 Ann.md": INTERVIEW + "## Referrals\n- Bo Chen\n"})
    (vault / "Templates").mkdir()
    os.mkfifo(vault / "Templates" / "Contact.md")  # a contact made from it would wait forever
    result = run_process("sync", "--vault", vault, timeout=30)
    assert result.code == 0, result.err
    assert "Templates/Contact.md: is not a regular file" in result.err
    assert not (vault / "Contacts" / "Bo Chen.md").exists()
    (vault / ".infoview" / "config.toml").unlink()
    (vault / ".infoview" / "config.toml").symlink_to("/dev/zero")
    result = run_process("list", "--vault", vault, timeout=30)
    assert result.code == 2
    assert result.err == f"error: {vault}/.infoview/config.toml: is not a regular file (a " \
                         "device, a pipe?); infoview reads settings (config.toml) only from " \
                         "an ordinary file\n"


# --- finding 12: terminal escapes from notes never reach the terminal ----------------------------

ESCAPES = "\x1b]52;c;aGVsbG8=\x07\x1b]0;pwned\x07\x1b[31m\x9b31m\r\x08\x7f"
"""An OSC 52 clipboard write, a window title, colours (7-bit and C1), CR, backspace and DEL."""


def _escape_vault(make_vault: MakeVault) -> Path:
    name = json.dumps(f"Eve{ESCAPES}Smith")
    return make_vault({
        "Contacts/Eve.md": f"---\ntype: contact\nname: {name}\nrole: {name}\n"
                           f"referred_by: \"[[Ann]]\"\n---\nNotes {ESCAPES} roadmap, see "
                           f"[[Nobody{ESCAPES}]]\n",
        "Contacts/Ann.md": "---\ntype: contact\n---\n",
        "Interviews/2026-01-01 Eve.md": "---\ntype: interview\ncontact: \"[[Eve]]\"\n"
                                        "date: 2026-01-01\n---\n",
        "Notes/Bad date.md": f"---\nwhen: !!timestamp {json.dumps('2026-13-45' + ESCAPES)}\n---\n",
    })


@pytest.mark.parametrize("command", [["list"], ["show", "Eve"], ["search", "roadmap"],
                                     ["due", "--within", "400"], ["referrals"], ["doctor"],
                                     ["sync"], ["export", "csv"]])
def test_no_control_character_from_a_note_is_printed(make_vault: MakeVault,
                                                     run_process: RunProcess,
                                                     command: list[str]) -> None:
    vault = _escape_vault(make_vault)
    result = run_process(*command, "--vault", vault, "--today", "2026-01-10")
    assert result.code in (0, 1), result.err
    printed = result.out + result.err
    assert "Eve" in printed or "2026-13-45" in printed, (command, printed)
    bad = sorted({hex(ord(c)) for c in printed if (ord(c) < 32 and c not in "\t\n")
                  or 0x7f <= ord(c) <= 0x9f})
    assert bad == [], (command, bad)


def test_json_output_keeps_the_value_with_its_controls_escaped(
        make_vault: MakeVault, run_process: RunProcess) -> None:
    vault = _escape_vault(make_vault)
    result = run_process("show", "Eve", "--json", "--vault", vault)
    assert result.code == 0, result.err
    assert not any(0x7f <= ord(c) <= 0x9f or (ord(c) < 32 and c not in "\n ") for c in result.out)
    assert result.json()["name"] == f"Eve{ESCAPES}Smith"


# --- finding 13: python -m infoview ignores modules in the current folder ------------------------


def test_python_m_infoview_does_not_import_modules_from_the_current_folder(
        make_vault: MakeVault) -> None:
    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n"})
    for module in ("yaml", "pluggy", "click", "frontmatter"):
        (vault / f"{module}.py").write_text(
            f"open({str(vault / 'imported')!r}, 'a').write({module!r})\n")
    done = subprocess.run([sys.executable, "-m", "infoview", "list", "--json"], cwd=vault,
                          capture_output=True, text=True, timeout=60, check=False)
    assert not (vault / "imported").exists(), (vault / "imported").read_text()
    assert done.returncode == 0, done.stderr
    assert [c["name"] for c in json.loads(done.stdout)["contacts"]] == ["Ann"]


# --- finding 14: a file name cannot forge a line of output --------------------------------------


def test_a_file_name_with_a_line_break_is_quoted(make_vault: MakeVault,
                                                run: Run) -> None:
    forged = "Evil\nContacts/Fake.md:1: invalid frontmatter: forged.md"
    vault = make_vault({f"Contacts/{forged}": "---\nname: [\n---\n",
                        "Contacts/Ann.md": "---\ntype: contact\nname: Ann\n---\n",
                        "Contacts/Ann\nB.md": "---\ntype: contact\nname: Ann\n---\n"})
    result = run("doctor", "--vault", vault)
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 3, lines  # the bad frontmatter and two duplicates, one line each
    assert any(line.startswith('"Contacts/Evil\\nContacts/Fake.md:1: invalid frontmatter: '
                               'forged.md":') and "did not find" in line for line in lines), lines
    assert not any(line.startswith("Contacts/Fake.md") for line in lines)
    assert '"Contacts/Ann\\nB.md": duplicate contact' in result.out
    assert 'as "Contacts/Ann\\nB.md"' in result.out


# --- finding 9: temp files a crash left behind are removed by the next run ----------------------

CRASH_PLUGIN = '''
import os, signal
from infoview import hookimpl

@hookimpl
def sync_after_index(session):
    note = session.index.note("Contacts/Ann.md")
    session.writer.before_replace = lambda path: os.kill(os.getpid(), signal.SIGKILL)
    session.writer.edit("Contacts/Ann.md", lambda data: data + b"more\\n", reason="crash",
                        expected_hash=note.hash)
'''


def _temp_files(vault: Path) -> list[str]:
    return sorted(p.relative_to(vault).as_posix() for p in vault.rglob("*.infoview-*.tmp"))


def test_kill_9_before_the_rename_leaves_nothing_after_the_next_sync(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    note = "---\ntype: contact\nname: Ann\n---\n"
    vault = make_vault({"Contacts/Ann.md": note})
    (tmp_path / "crash.py").write_text(CRASH_PLUGIN)
    crashed = subprocess.run(sync_in_child(tmp_path / "crash.py", vault), capture_output=True,
                             timeout=60, check=False, env={**os.environ})
    assert crashed.returncode == -9
    left = _temp_files(vault)
    assert len(left) == 1 and left[0].startswith("Contacts/.Ann.md.infoview-"), left
    result = run("sync", "--vault", vault)
    assert result.code == 0, result.err
    assert _temp_files(vault) == []
    assert (vault / "Contacts/Ann.md").read_text() == note


def test_only_temp_files_of_gone_processes_are_removed(make_vault: MakeVault,
                                                      run: Run) -> None:
    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n"})
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(gone.stdout)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = {
            f"Contacts/.Ann.md.infoview-{dead}-0badf00d.tmp": "gone",
            f"Infoview/.Reminders.md.infoview-{dead}-00c0ffee.tmp": "gone",
            "Contacts/.Ann.md.infoview-1234abcd.tmp": "old format, old",
            f"Contacts/.Ann.md.infoview-{alive.pid}-feedf00d.tmp": "being written",
            "Contacts/.Ann.md.infoview-5678abcd.tmp": "old format, new",
            "Contacts/.other.tmp": "not infoview's",
        }
        for name in names:
            (vault / name).parent.mkdir(exist_ok=True)
            (vault / name).write_text("x")
        old = (vault / "Contacts/.Ann.md.infoview-1234abcd.tmp")
        os.utime(old, (old.stat().st_atime - 120, old.stat().st_mtime - 120))
        assert run("sync", "--vault", vault, "--dry-run").code == 0
        assert len(_temp_files(vault)) == 5  # a dry run writes nothing, deletes nothing
        assert run("sync", "--vault", vault).code == 0
        assert _temp_files(vault) == sorted([
            f"Contacts/.Ann.md.infoview-{alive.pid}-feedf00d.tmp",
            "Contacts/.Ann.md.infoview-5678abcd.tmp"])
        assert (vault / "Contacts/.other.tmp").exists()
    finally:
        alive.kill()
        alive.wait()


# --- finding 10: a write that fails leaves no journal entry ------------------------------------


def _no_space(*_args: Any) -> None:
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_skips_the_writes_and_undo_has_nothing_to_revert(
        make_vault: MakeVault, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = make_vault({
        "Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
        "Interviews/2026-01-01 Ann.md": INTERVIEW + "## Referrals\n- Bo Chen (Recruiter)\n",
    })
    assert run("sync", "--vault", vault, "--dry-run").code == 0  # the index is fine
    monkeypatch.setattr(os, "fsync", _no_space)
    result = run("sync", "--vault", vault)
    assert result.code == 1, result.err
    assert "internal error" not in result.err
    assert "not written: Contacts/Bo Chen.md: not created: No space left on device: the disk " \
           "is full; free some space and retry" in result.err
    assert _temp_files(vault) == []
    assert not (vault / "Contacts/Bo Chen.md").exists()
    monkeypatch.undo()
    undone = run("undo", "--vault", vault)
    assert (undone.code, undone.out) == (0, "Nothing to undo: infoview has made no writes to "
                                             "this vault (that are not undone already).\n")


def test_a_read_only_vault_is_reported_not_a_bug(make_vault: MakeVault, run: Run,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    vault = make_vault({
        "Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
        "Interviews/2026-01-01 Ann.md": INTERVIEW + "## Referrals\n- Bo Chen (Recruiter)\n",
    })
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any) -> int:
        if flags & os.O_CREAT and str(vault) in os.fspath(path):
            raise OSError(errno.EROFS, "Read-only file system", os.fspath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    result = run("sync", "--vault", vault)
    assert result.code == 1
    assert "Read-only file system: it is on a read-only file system" in result.err
    assert "internal error" not in result.err
    assert run("undo", "--vault", vault).out.startswith("Nothing to undo")


# --- finding 15: errors that are not bugs --------------------------------------------------------


def _one_line_error(result: Any, *words: str) -> None:
    assert result.code in (1, 2), (result.code, result.err)
    assert result.err.count("\n") == 1 and result.err.startswith("error: "), result.err
    assert "internal error" not in result.err
    for word in words:
        assert word in result.err, (word, result.err)


def test_a_full_disk_under_the_index_is_one_line(make_vault: MakeVault,
                                                 tmp_path: Path) -> None:
    resource = pytest.importorskip("resource")
    vault = make_vault({f"Contacts/P{i}.md": f"---\ntype: contact\nrole: role {i} {'x' * 200}\n"
                        f"---\nBody {i} {'y' * 300}\n" for i in range(300)})

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    done = subprocess.run([sys.executable, "-m", "infoview", "sync", "--vault", str(vault)],
                          preexec_fn=small_files, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "INFOVIEW_CACHE_DIR": str(tmp_path / "c")},
                          check=False)
    assert done.returncode == 1, done.stderr  # it could not do its work: a WriteError
    assert done.stderr.count("\n") == 1 and "internal error" not in done.stderr
    assert ".sqlite: " in done.stderr and "retry" in done.stderr


@pytest.mark.parametrize(("suffix", "command", "words"), [
    ("", "list", "is a folder, where infoview keeps this vault's index"),
    (".lock", "list", "is a folder, where infoview keeps a lock of this vault's index"),
    (".sync.lock", "sync", "is a folder, where infoview keeps a lock"),
])
def test_an_index_or_lock_path_that_became_a_folder(make_vault: MakeVault, run: Run,
                                                    suffix: str, command: str,
                                                    words: str) -> None:
    from infoview.vault.layout import index_path

    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n"})
    folder = Path(str(index_path(vault)) + suffix)
    folder.mkdir(parents=True)
    (folder / "keep").write_text("x")
    _one_line_error(run(command, "--vault", vault), str(folder), words, "move it aside")
    assert (folder / "keep").exists()


def test_a_journal_path_that_became_a_folder_skips_the_writes(
        make_vault: MakeVault, run: Run) -> None:
    from infoview.vault.layout import journal_path

    vault = make_vault({"Interviews/2026-01-01 Ann.md": INTERVIEW})
    journal_path(vault).mkdir(parents=True)
    result = run("sync", "--vault", vault)
    assert result.code == 1, result.err
    assert f"not written: Infoview/Reminders.md: {journal_path(vault)} is a folder, where " \
           "infoview keeps the journal of its writes to this vault; move it aside" in result.err
    assert not (vault / "Infoview" / "Reminders.md").exists()


def test_folders_nested_deeper_than_the_recursion_limit(make_vault: MakeVault,
                                                        run: Run) -> None:
    vault = make_vault()
    top = deep = str(vault / "Contacts")
    os.mkdir(deep)
    for _ in range(sys.getrecursionlimit() + 100):  # (Path.mkdir(parents=True) recurses)
        deep += "/d"
        os.mkdir(deep)
    Path(deep, "Deep Person.md").write_text("---\ntype: contact\n---\n")
    try:
        result = run("list", "--vault", vault, "--json")
        assert result.code == 0, result.err
        assert [c["name"] for c in result.json()["contacts"]] == ["Deep Person"]
        assert run("sync", "--vault", vault).code == 0
    finally:  # pytest's own clean-up of old temporary folders recurses: leave nothing deep
        os.unlink(Path(deep, "Deep Person.md"))
        while deep != top:
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def test_huge_numbers_and_the_last_day_are_not_bugs(make_vault: MakeVault,
                                                    run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann Lee.md": "---\ntype: contact\nkeep_in_touch: 99999999999\n"
                               "last_contact: 9999-12-30\nstatus: prospect\n"
                               "referred_by: \"[[Bo]]\"\n---\n",
        "Contacts/Bo.md": "---\ntype: contact\nkeep_in_touch: 99999999m\n"
                          "last_contact: 2026-01-01\n---\n",
        "Interviews/9999-12-31 Ann.md": "---\ntype: interview\ncontact: \"[[Ann Lee]]\"\n"
                                        "date: 9999-12-31\n---\n",
        "Interviews/0001-01-01 Ann.md": "---\ntype: interview\ncontact: \"[[Ann Lee]]\"\n"
                                        "date: 0001-01-01\n---\n",
    })
    for args in (["due", "--within", "99999999999999999999"], ["due", "--today", "9999-12-31"],
                 ["due", "--today", "0001-01-01", "--within", "5"],
                 ["sync", "--today", "9999-12-31"], ["sync", "--today", "0001-01-01"],
                 ["show", "Ann Lee", "--today", "9999-12-31"],
                 ["export", "ics", "--today", "9999-12-31"],
                 ["search", "Ann", "--limit", "99999999999999999999"]):
        result = run(*args, "--vault", vault)
        assert result.code == 0, (args, result.err)
        assert "internal error" not in result.err
    reminders = run("due", "--json", "--today", "9999-12-31", "--vault", vault).json()
    assert {r["due"] for r in reminders["reminders"]} <= {"9999-12-31", "9999-12-29",
                                                          "0001-01-02", "0001-03-02",
                                                          "0001-01-04"}  # update-introducer
    vault.joinpath(".infoview/config.toml").write_text("[reminders]\nthank_you_days = 99999999\n")
    _one_line_error(run("due", "--vault", vault), "reminders.thank_you_days must be a whole "
                    "number of days from 0 to 36500, not 99999999")
    result = run("watch", "--vault", vault, "--debounce", "99999999999")
    assert result.code == 2 and "--debounce" in result.err


def test_an_unreadable_folder_is_reported_like_an_unreadable_file(
        make_vault: MakeVault, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n",
                        "Contacts/Private/Bo.md": "---\ntype: contact\n---\n"})
    real_scandir = os.scandir

    def no_entry(path: Any = ".") -> Any:
        if os.fspath(path).endswith("Private"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", no_entry)
    result = run("sync", "--vault", vault)
    assert result.code == 0, result.err
    assert "Contacts/Private/: folder cannot be read (Permission denied); check its " \
           "permissions" in result.err
    doctor = run("doctor", "--vault", vault)
    assert doctor.code == 1
    assert "Contacts/Private/: folder cannot be read; check its permissions" in doctor.out
    assert run("list", "--vault", vault, "--json").json()["contacts"][0]["name"] == "Ann"


def test_a_linked_contact_outside_the_vault_skips_that_note_only(
        make_vault: MakeVault, run: Run, tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "Cy Dunn.md"
    outside.parent.mkdir()
    outside.write_text("---\ntype: contact\n---\n")
    vault = make_vault({
        "Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
        "Interviews/2026-01-01 Ann.md": INTERVIEW + "## Referrals\n- [[Cy Dunn]]\n"
                                                    "- Bo Chen (Recruiter)\n",
    })
    (vault / "Contacts" / "Cy Dunn.md").symlink_to(outside)
    result = run("sync", "--vault", vault)
    assert result.code == 0, result.err
    assert "plugin" not in result.err
    assert f"not written: Contacts/Cy Dunn.md: leads outside the vault (to {outside})" \
        in result.err
    assert outside.read_text() == "---\ntype: contact\n---\n"
    assert (vault / "Contacts" / "Bo Chen.md").exists()  # the other referral is made


def test_a_read_only_note_is_reported_and_skipped(make_vault: MakeVault,
                                                  run: Run) -> None:
    vault = make_vault({
        "Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
        "Contacts/Bo Chen.md": "---\ntype: contact\n---\n",
        "Interviews/2026-01-01 Ann.md": INTERVIEW + "## Referrals\n- [[Bo Chen]]\n",
    })
    (vault / "Contacts" / "Bo Chen.md").chmod(0o444)
    result = run("sync", "--vault", vault)
    assert result.code == 0, result.err
    assert "not written: Contacts/Bo Chen.md: is read-only; not written (make it writable " \
           "if infoview should update it)" in result.err
    assert (vault / "Contacts" / "Bo Chen.md").read_text() == "---\ntype: contact\n---\n"
    ids = [r["id"] for r in run("due", "--json", "--vault", vault, "--today",
                                "2026-01-05").json()["reminders"]]
    (vault / "Interviews" / "2026-01-01 Ann.md").chmod(0o444)
    done = run("done", ids[0], "--vault", vault, "--today", "2026-01-05")
    assert done.code == 1 and "is read-only" in done.err


# --- finding 5: a value in a generated note is one inert line; only infoview's ticks count -----

ANN_INTERVIEW = "---\ntype: interview\ncontact: \"[[Ann Lee]]\"\ndate: 2026-01-01\n---\n"
TASK_RE = r"^- \[[ x]\] .* 📅 \d{4}-\d{2}-\d{2} \^iv-[0-9a-f]+$"


def _task_lines(vault: Path, name: str = "Reminders.md") -> list[str]:
    text = (vault / "Infoview" / name).read_text()
    return [line for line in text.splitlines() if line.startswith(("- [", "* [", "+ ["))]


def _due(run: Run, vault: Path) -> list[dict[str, Any]]:
    result = run("due", "--json", "--within", "400", "--vault", vault, "--today", "2026-01-10")
    assert result.code == 0, result.err
    reminders: list[dict[str, Any]] = result.json()["reminders"]
    return reminders


def test_a_line_break_in_a_name_cannot_tick_someone_elses_reminder(
        make_vault: MakeVault, run: Run) -> None:
    import re

    vault = make_vault({"Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
                        "Interviews/2026-01-01 Ann.md": ANN_INTERVIEW})
    ann = next(r["id"] for r in _due(run, vault) if r["kind"] == "thank-you")
    evil = json.dumps(f"Mallory\n- [x] pwn 📅 2026-01-02 ^{ann}\r- [x] <img src=x "
                      f"onerror=alert(1)> [[Ann Lee]] %%", ensure_ascii=False)
    (vault / "Contacts/Mallory.md").write_text(f"---\ntype: contact\nname: {evil}\n---\n")
    (vault / "Interviews/2026-01-02 Mallory.md").write_text(
        "---\ntype: interview\ncontact: \"[[Mallory]]\"\ndate: 2026-01-02\n---\n")
    for _ in range(3):
        result = run("sync", "--vault", vault, "--today", "2026-01-10")
        assert result.code == 0, result.err
    assert (vault / "Interviews/2026-01-01 Ann.md").read_text() == ANN_INTERVIEW
    lines = _task_lines(vault)
    assert len(lines) == len(_due(run, vault)) == 4, lines  # thank-you and follow-up, each
    assert all(re.match(TASK_RE, line) for line in lines), lines
    assert not any(line.startswith("- [x]") for line in lines)
    text = (vault / "Infoview/Reminders.md").read_text()
    assert "\r" not in text and "\\<img" in text
    assert not re.search(r"(?<!\\)[<%]", text)  # no HTML tag, no %% comment: all escaped
    assert [line for line in lines if line.endswith(f" ^{ann}")] == [
        f"- [ ] Send a thank-you note to [[Ann Lee]] ([[2026-01-01 Ann]]) 📅 2026-01-02 ^{ann}"]
    mallory = next(r for r in _due(run, vault) if r["kind"] == "thank-you"
                   and "Mallory" in r["sentence"])
    assert mallory["sentence"].startswith("Send a thank-you note to Mallory (Mallory - [x] pwn")


def test_a_tick_counts_only_on_a_line_infoview_wrote(make_vault: MakeVault,
                                                      run: Run) -> None:
    vault = make_vault({"Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
                        "Interviews/2026-01-01 Ann.md": ANN_INTERVIEW})
    assert run("sync", "--vault", vault, "--today", "2026-01-10").code == 0
    ann = next(r["id"] for r in _due(run, vault) if r["kind"] == "thank-you")
    path = vault / "Infoview/Reminders.md"
    path.write_text(path.read_text() + f"\n- [x] Something else entirely 📅 2026-01-02 ^{ann}\n")
    assert run("sync", "--vault", vault, "--today", "2026-01-10").code == 0
    assert (vault / "Interviews/2026-01-01 Ann.md").read_text() == ANN_INTERVIEW
    assert not any(line.startswith("- [x]") for line in _task_lines(vault))
    path.write_text(path.read_text().replace("- [ ] Send a thank-you note to [[Ann Lee]]",
                                             "- [x] Send a thank-you note to [[Ann Lee]]"))
    assert run("sync", "--vault", vault, "--today", "2026-01-10").code == 0
    assert "thank_you_sent: 2026-01-10" in (vault / "Interviews/2026-01-01 Ann.md").read_text()


def test_names_in_the_referral_graph_stay_inside_their_label_and_block(
        make_vault: MakeVault, run: Run) -> None:
    evil = json.dumps('Eve"]\n```\n<script>alert(1)</script>\r# Owned `x` #tag')
    vault = make_vault({
        "Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
        "Contacts/Eve.md": f"---\ntype: contact\nname: {evil}\nreferred_by: \"[[Ann Lee]]\"\n---\n",
    })
    assert run("sync", "--vault", vault).code == 0
    text = (vault / "Infoview/Referrals.md").read_text()
    assert "\r" not in text
    lines = text.splitlines()
    assert [line for line in lines if line.startswith("```")] == ["```mermaid", "```",
                                                                 "```text", "```"]
    tree = lines[lines.index("```text") + 1:-1]  # inside a code block, text is only text
    assert [line for line in lines if "<script" in line] == [line for line in tree
                                                             if "<script" in line] != []
    assert not any(line.startswith("#") and "Owned" in line for line in lines)
    label = next(line for line in lines if line.startswith("  p") and "Eve" in line)
    assert label.endswith('["Eve#quot;] #96;#96;#96; #lt;script#gt;alert(1)#lt;/script#gt; '
                          '#35; Owned #96;x#96; #35;tag"]'), label


# --- finding 6: a failing or missing reminder kind loses no ticked box ---------------------------


class _Birthdays:
    """A third-party reminder kind: "Wish <name> a happy birthday", closed by ``wished``."""

    fail = False
    words = "Wish"

    @staticmethod
    def compute(session: Any) -> Any:
        from infoview.model.reminders import Closing, Reminder

        if _Birthdays.fail:
            raise RuntimeError("birthday service down")
        for note in session.index.notes("contact"):
            if note.props.get("birthday") and not note.props.get("wished"):
                yield Reminder("birthday", session.today, f"{_Birthdays.words} [[{note.name}]] "
                               "a happy birthday", note.path, [(note.name, note.path)],
                               Closing(note.path, "wished", True), anchor="")

    @staticmethod
    def register_reminder_kinds(register: Any) -> None:
        from infoview.model.reminders import ReminderKind

        register(ReminderKind("birthday", _Birthdays.compute))


class _Phone:
    """The same kind with other words (an upgraded plugin)."""

    @staticmethod
    def compute(session: Any) -> Any:
        from infoview.model.reminders import Closing, Reminder

        for note in session.index.notes("contact"):
            if note.props.get("birthday") and not note.props.get("wished"):
                yield Reminder("birthday", session.today, f"Phone [[{note.name}]] on their "
                               "birthday", note.path, [(note.name, note.path)],
                               Closing(note.path, "wished", True), anchor="")

    @staticmethod
    def register_reminder_kinds(register: Any) -> None:
        from infoview.model.reminders import ReminderKind

        register(ReminderKind("birthday", _Phone.compute))


def _plugin(source: type) -> object:
    from infoview import hookimpl

    class Plugin:
        register_reminder_kinds = staticmethod(hookimpl(source.register_reminder_kinds))

    return Plugin()


@pytest.fixture
def birthdays(make_vault: MakeVault) -> Path:
    _Birthdays.fail = False
    return make_vault({"Contacts/Bo.md": "---\ntype: contact\nbirthday: 1990-01-10\n---\n",
                       "Contacts/Cy.md": "---\ntype: contact\nbirthday: 1991-01-10\n---\n"})


def _tick(vault: Path, words: str) -> None:
    path = vault / "Infoview/Reminders.md"
    text = path.read_text()
    line = next(line for line in text.splitlines() if words in line)
    path.write_text(text.replace(line, line.replace("- [ ]", "- [x]", 1)))


def test_a_kind_that_raises_keeps_its_lines_and_ticks(birthdays: Path,
                                                      run_with: RunWith) -> None:
    vault, plugin = birthdays, [("birthdays", _plugin(_Birthdays))]
    assert run_with(plugin, "sync", "--vault", vault).code == 0
    _tick(vault, "[[Bo]]")
    before = (vault / "Infoview/Reminders.md").read_text()
    _Birthdays.fail = True
    result = run_with(plugin, "sync", "--vault", vault)
    assert result.code == 1 and "birthday service down" in result.err
    lines = _task_lines(vault)
    assert [line for line in lines if "birthday" in line] == \
        [line for line in before.splitlines() if "birthday" in line]  # kept as they were
    assert any(line.startswith("- [x] Wish [[Bo]]") for line in lines)
    _Birthdays.fail = False
    assert run_with(plugin, "sync", "--vault", vault).code == 0
    assert "wished: true" in (vault / "Contacts/Bo.md").read_text()  # the tick was not lost
    assert "wished" not in (vault / "Contacts/Cy.md").read_text()


def test_a_kind_no_longer_loaded_keeps_its_ticked_lines(birthdays: Path, run: Run,
                                                        run_with: RunWith) -> None:
    vault, plugin = birthdays, [("birthdays", _plugin(_Birthdays))]
    assert run_with(plugin, "sync", "--vault", vault).code == 0
    _tick(vault, "[[Bo]]")
    result = run("sync", "--vault", vault)  # the plugin is gone (disabled, uninstalled)
    assert result.code == 0, result.err
    assert "1 ticked reminder(s) of birthday kept as they are" in result.err
    lines = [line for line in _task_lines(vault) if "birthday" in line]
    assert len(lines) == 1 and lines[0].startswith("- [x] Wish [[Bo]]")  # Cy's unticked: gone
    assert run_with(plugin, "sync", "--vault", vault).code == 0  # back: the tick closes it
    assert "wished: true" in (vault / "Contacts/Bo.md").read_text()


def test_a_plugin_whose_text_changed_rewrites_the_note(birthdays: Path,
                                                       run_with: RunWith) -> None:
    vault = birthdays
    assert run_with([("birthdays", _plugin(_Birthdays))], "sync", "--vault", vault).code == 0
    assert run_with([("birthdays", _plugin(_Birthdays))], "sync", "--vault", vault).code == 0
    assert any("Wish [[Bo]]" in line for line in _task_lines(vault))
    assert run_with([("birthdays", _plugin(_Phone))], "sync", "--vault", vault).code == 0
    lines = _task_lines(vault)
    assert any("Phone [[Bo]] on their birthday" in line for line in lines), lines
    assert not any("Wish" in line for line in lines)


# --- finding 7: a generated note infoview did not write is left alone ---------------------------


def test_adopting_a_vault_leaves_the_users_own_notes_of_those_names(
        make_vault: MakeVault, run: Run) -> None:
    mine = "# My reminders\n\n- [ ] water the plants\n"
    graph = "My own map of who I know.\n"
    vault = make_vault({"Infoview/Reminders.md": mine, "Infoview/Referrals.md": graph,
                        "Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
                        "Interviews/2026-01-01 Ann.md": ANN_INTERVIEW})
    result = run("sync", "--vault", vault, "--today", "2026-01-10")
    assert result.code == 0, result.err
    assert (vault / "Infoview/Reminders.md").read_text() == mine
    assert (vault / "Infoview/Referrals.md").read_text() == graph
    assert "not written: Infoview/Reminders.md: not written by infoview (its first line is " \
           "not 'Generated by infoview ...'): left as it is; infoview writes it as " \
           "Infoview/Reminders (generated).md instead" in result.err
    assert "Infoview/Referrals.md: not written by infoview" in result.err
    beside = vault / "Infoview/Reminders (generated).md"
    assert beside.read_text().startswith("Generated by infoview")
    assert (vault / "Infoview/Referrals (generated).md").read_text().startswith("Generated by")
    beside.write_text(beside.read_text().replace("- [ ] Send a thank-you", "- [x] Send a "
                                                                          "thank-you"))
    assert run("sync", "--vault", vault, "--today", "2026-01-10").code == 0
    assert "thank_you_sent: 2026-01-10" in (vault / "Interviews/2026-01-01 Ann.md").read_text()
    assert (vault / "Infoview/Reminders.md").read_text() == mine


def test_when_both_names_are_the_users_nothing_is_written(make_vault: MakeVault,
                                                          run: Run) -> None:
    vault = make_vault({"Infoview/Reminders.md": "mine\n",
                        "Infoview/Reminders (generated).md": "also mine\n",
                        "Interviews/2026-01-01 Ann.md": ANN_INTERVIEW})
    result = run("sync", "--vault", vault, "--json", "--today", "2026-01-10")
    assert result.code == 0
    skipped = {s["path"]: s["reason"] for s in result.json()["skipped"]}
    assert "nor is Infoview/Reminders (generated).md: infoview writes neither" in \
        skipped["Infoview/Reminders.md"]
    assert (vault / "Infoview/Reminders.md").read_text() == "mine\n"
    assert (vault / "Infoview/Reminders (generated).md").read_text() == "also mine\n"


# --- finding 8: export -o never replaces a link, a pipe or a device -------------------------------


def test_export_writes_through_a_symlink(make_vault: MakeVault, run: Run,
                                         tmp_path: Path) -> None:
    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n"})
    target = tmp_path / "exports" / "contacts.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    result = run("export", "csv", "-o", link, "--vault", vault)
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text().startswith("name,")
    assert target.stat().st_mode & 0o777 == 0o640


def test_export_writes_into_a_named_pipe_and_devices(make_vault: MakeVault,
                                                     run_process: RunProcess,
                                                     tmp_path: Path) -> None:
    import threading

    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n"})
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    result = run_process("export", "csv", "-o", pipe, "--vault", vault, timeout=30)
    reader.join(timeout=30)
    assert result.code == 0, result.err
    assert pipe.is_fifo() and received and received[0].startswith(b"name,")
    nobody = run_process("export", "csv", "-o", pipe, "--vault", vault, timeout=30)
    assert nobody.code == 1 and "no program reads" in nobody.err and pipe.is_fifo()
    # As root a mistaken export could replace /dev/full itself: use private copies then.
    if os.geteuid() == 0:
        device, stdout = tmp_path / "full", tmp_path / "stdout"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        stdout.symlink_to("/proc/self/fd/1")
    else:
        device, stdout = Path("/dev/full"), Path("/dev/stdout")
    full = run_process("export", "csv", "-o", device, "--vault", vault, timeout=30)
    assert full.code == 1 and full.err.startswith(f"error: {device}: could not be written "
                                                  "(No space left on device"), full.err
    assert device.is_char_device()
    out = run_process("export", "csv", "-o", stdout, "--vault", vault, timeout=30)
    assert out.code == 0 and out.out.startswith("name,")
    assert stdout.is_symlink()


# --- finding 11: referral items not understood are reported, names are never cut ---------------


def test_referral_items_not_understood_are_reported_and_make_no_contact(
        make_vault: MakeVault, run: Run) -> None:
    body = ("## Referrals\n\n"
            "- ../../evil\n"                                   # line 8
            "- A/B: C?\n"                                      # line 9
            "- Dana Wu2 (Recruiter, Initech)\n"                # line 10: would be 'Dana'
            "- Lee R2D2\n"                                     # line 11: would be 'Lee'
            "- [[Templates/Contact]]\n"                        # line 12
            "- [[Infoview/Reminders]]\n"                       # line 13
            "- [[Existing.md.md]]\n"                           # line 14
            "- [[Existing.]]\n"                                # line 15
            "- [[Acme]]\n"                                     # line 16
            "- Bo Chen (Recruiter, Initech)\n")                # line 17: a person
    body += "".join(f"- Ref {n:03} B (Recruiter, Initech)\n" for n in range(3))  # people
    vault = make_vault({
        "Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
        "Contacts/Existing.md": "---\ntype: contact\n---\n",
        "Companies/Acme.md": "---\ntype: company\n---\n",
        "Templates/Contact.md": "---\ntype: contact\n---\n",
        "Interviews/2026-01-01 Ann.md": INTERVIEW + body,
    })
    result = run("sync", "--vault", vault)
    assert result.code == 0, result.err
    contacts = sorted(p.name for p in (vault / "Contacts").iterdir())
    assert contacts == ["Ann Lee.md", "Bo Chen.md", "Existing.md", "Ref 000 B.md",
                        "Ref 001 B.md", "Ref 002 B.md"], contacts
    warned = [line for line in result.err.splitlines() if "referral" in line]
    expected = {8: "cannot tell whom it names", 9: "cannot tell whom it names",
                10: "cannot tell whom it names", 11: "cannot tell whom it names",
                12: "links to Templates/Contact.md, which is not a contact note",
                13: "would be Contacts/Reminders.md, which that link does not name",
                14: "would be Contacts/Existing.md, which that link does not name",
                15: "would be Contacts/Existing.md, which that link does not name",
                16: "links to Companies/Acme.md, which is not a contact note"}
    for line, words in expected.items():
        assert any(f"Interviews/2026-01-01 Ann.md:{line}: referral " in w and words in w
                   and w.endswith("no contact made") for w in warned), (line, warned)
    doctor = run("doctor", "--vault", vault, "--json").json()["problems"]
    found = {p["line"]: p["message"] for p in doctor if p["message"].startswith("referral ")}
    assert sorted(found) == sorted(expected)
    expected[13] = "links to Infoview/Reminders.md, which is not a contact note"  # made now
    assert all(words in found[line] for line, words in expected.items()), found


def test_three_hundred_numbered_referrals_are_not_one_contact(
        make_vault: MakeVault, run: Run) -> None:
    body = "## Referrals\n\n" + "".join(f"- Ref {n:03} B (Recruiter, Initech)\n"
                                        for n in range(300))
    body += "- Kofi García 1153 — engineer at [[Initech]]\n"  # a numbered name that exists
    vault = make_vault({"Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
                        "Contacts/Kofi García 1153.md": "---\ntype: contact\n---\n",
                        "Interviews/2026-01-01 Ann.md": INTERVIEW + body})
    result = run("sync", "--vault", vault)
    assert result.code == 0, result.err
    made = sorted(p.name for p in (vault / "Contacts").iterdir())
    assert len(made) == 302 and "Ref 299 B.md" in made and "Kofi García.md" not in made
    assert "referred_by" in (vault / "Contacts/Kofi García 1153.md").read_text()


# --- the watcher stops on SIGTERM within 2 s, even in the middle of a batch ---------------------


class _Slow:
    """A plugin whose sync step takes half a minute."""

    @staticmethod
    def sync_after_index(session: Any) -> None:
        import time

        time.sleep(30)


def test_sigterm_stops_a_watcher_in_the_middle_of_a_batch(make_vault: MakeVault,
                                                         run_with: RunWith) -> None:
    import signal
    import threading
    import time

    from infoview import hookimpl

    class Slow:
        sync_after_index = staticmethod(hookimpl(_Slow.sync_after_index))

    vault = make_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n"})
    sent: list[float] = []

    def terminate() -> None:
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGTERM)

    timer = threading.Timer(1.0, terminate)
    timer.start()
    try:
        result = run_with([("slow", Slow())], "watch", "--vault", vault)
    finally:
        timer.cancel()
    assert sent and time.monotonic() - sent[0] < 2.0
    assert result.code == 0
    assert result.out.endswith("Stopped watching.\n")
    assert _temp_files(vault) == []


def test_sigterm_stops_a_watcher_reading_a_big_vault(make_vault: MakeVault,
                                                    tmp_path: Path) -> None:
    import signal
    import time

    note = "---\ntype: contact\nrole: Engineer\n---\n" + "- [[a]] x:: y\n" * 300
    vault = make_vault({f"Contacts/P{i}.md": note for i in range(4000)})
    proc = subprocess.Popen([sys.executable, "-m", "infoview", "watch", "--vault", str(vault)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "INFOVIEW_CACHE_DIR": str(tmp_path / "c")})
    time.sleep(2.0)  # the first sync reads 4000 notes: several seconds here
    sent = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert time.monotonic() - sent < 2.0, err
    assert proc.returncode == 0, err
    assert out.endswith("Stopped watching.\n")


def test_a_vault_of_hostile_notes_syncs_within_the_budget(make_vault: MakeVault,
                                                         run_process: RunProcess
                                                         ) -> None:
    """Every generator at once, as interview notes with referrals, through the command line:
    sync (index, referrals, reminders) and doctor finish within a second per note (plus
    start-up)."""
    import time

    files = {f"Interviews/{i:02} {name}.md": make() for i, (name, make) in
             enumerate(NOTES.items())}
    vault = make_vault({"Contacts/Ann Lee.md": "---\ntype: contact\n---\n",
                        "Contacts/Jane Doe.md": "---\ntype: contact\n---\n", **files})
    budget = BUDGET_SECONDS * len(files) + 10
    for command in (["sync"], ["doctor"]):
        started = time.monotonic()
        result = run_process(*command, "--vault", vault, timeout=budget)
        took = time.monotonic() - started
        assert result.code in (0, 1), (command, result.err[-2000:])
        assert "internal error" not in result.err and "Traceback" not in result.err
        assert took < budget, (command, took)


def test_the_reminders_cache_key_is_the_same_in_every_process(
        make_vault: MakeVault) -> None:
    """The key that lets an unchanged vault skip the reminders work must not hold anything
    that differs between runs (a memory address, a set's order): else every sync recomputes."""
    vault = make_vault({"Interviews/2026-01-01 Ann.md": ANN_INTERVIEW})
    code = ("from infoview.app.session import Session\n"
            "from infoview.plugins.reminders.note import _kinds_key\n"
            f"print(_kinds_key(Session.open({str(vault)!r})))\n")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(keys) == 1, keys


def test_a_plugin_that_fails_to_load_loses_none_of_its_lines(
        birthdays: Path, run_with: RunWith) -> None:
    from infoview import hookimpl

    class Broken:  # a misspelt hook: the plugin fails to load, its kinds are unknown
        @hookimpl
        def register_reminder_kind(self, register: Any) -> None:
            raise AssertionError("never called")

    vault, plugin = birthdays, [("birthdays", _plugin(_Birthdays))]
    assert run_with(plugin, "sync", "--vault", vault).code == 0
    _tick(vault, "[[Bo]]")
    before = [line for line in _task_lines(vault) if "birthday" in line]
    assert len(before) == 2
    result = run_with([("birthdays", Broken())], "sync", "--vault", vault)
    assert result.code == 1 and "plugin 'birthdays' failed while loading" in result.err
    assert [line for line in _task_lines(vault) if "birthday" in line] == before
    assert run_with(plugin, "sync", "--vault", vault).code == 0
    assert "wished: true" in (vault / "Contacts/Bo.md").read_text()
