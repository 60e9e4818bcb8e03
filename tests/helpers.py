"""What the tests share beside conftest's fixtures: the day they run on, the fixtures' types, a
snapshot of a folder's files, note text, and a thin wrapper over the ``run`` fixture for
``--json`` commands. Every test file takes these from here (``tests/test_test_helpers.py`` checks
that none defines its own).

Example::

    from helpers import TODAY, MakeVault, Run, changed_files, note, snapshot

    def test_due_writes_nothing(make_vault: MakeVault, run: Run) -> None:
        vault = make_vault({"Contacts/Ann.md": note("type: contact")})
        before = snapshot(vault)
        assert run("due", "--vault", vault, "--today", TODAY).code == 0
        assert changed_files(before, snapshot(vault)) == []
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from infoview.testing import Result

__all__ = ["DAY", "TODAY", "Cli", "MakeVault", "Result", "Run", "RunProcess", "RunWith",
           "Snapshot", "changed_files", "days", "do_import", "frontmatter", "note", "snapshot",
           "sync_in_child", "write"]

TODAY = "2026-11-25"
"""The day the tests run on (a Wednesday), as ``--today`` takes it."""
DAY = dt.date.fromisoformat(TODAY)
""":data:`TODAY` as a date."""

Run = Callable[..., Result]
"""The ``run`` fixture: ``run(*args) -> Result``, ``infoview ARGS`` in this process."""
RunWith = Callable[..., Result]
"""The ``run_with`` fixture: ``run_with(plugins, *args) -> Result``."""
RunProcess = Callable[..., Result]
"""The ``run_process`` fixture: ``run_process(*args, timeout=60) -> Result``, in a child process."""
MakeVault = Callable[..., Path]
"""The ``make_vault`` fixture: ``make_vault(files={}, config="") -> Path``."""

Snapshot = dict[str, tuple[bytes, int]]
"""Vault-relative POSIX path → (bytes, mtime in ns)."""


def days(n: int) -> str:
    """:data:`TODAY` moved by ``n`` days, as ``YYYY-MM-DD``."""
    return (DAY + dt.timedelta(days=n)).isoformat()


def snapshot(root: Path) -> Snapshot:
    """Every file under ``root`` (hidden ones included; symlinks not followed), sorted by path:
    its bytes and mtime in ns."""
    found: Snapshot = {}
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = Path(dirpath, name)
            if path.is_symlink() or not path.is_file():
                continue
            found[path.relative_to(root).as_posix()] = (path.read_bytes(),
                                                        path.stat().st_mtime_ns)
    return dict(sorted(found.items()))


def changed_files(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, removed, or whose bytes or mtime differ between two snapshots."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def note(lines: str = "", body: str = "") -> str:
    """A note's text: ``lines`` (YAML) between ``---`` fences, then ``body``."""
    text = f"---\n{lines.strip()}\n---\n" if lines.strip() else ""
    return text + body


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """``data`` (``str`` as UTF-8) written to ``folder/name``; returns its path."""
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def frontmatter(path: Path) -> dict[str, Any]:
    """The note's frontmatter (``yaml.safe_load``), empty values left out."""
    text = path.read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
    return {k: v for k, v in loaded.items() if v is not None}


def do_import(run: Run, vault: Path, source: str, file: Path, *extra: str,
              ok: int = 0) -> dict[str, Any]:
    """``infoview import SOURCE FILE --json`` on :data:`TODAY`; checks the exit status is
    ``ok`` and nothing crashed; returns the report."""
    result = run("import", source, file, "--vault", vault, "--json", "--today", TODAY, *extra)
    assert result.code == ok, (result.code, result.out, result.err)
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    report: dict[str, Any] = result.json()
    return report


_SYNC_WITH_PLUGIN = """\
import importlib, sys
sys.path.insert(0, sys.argv[1])
plugin = importlib.import_module(sys.argv[2])
from infoview.cli.main import main
main(["sync", "--vault", sys.argv[3]], extra_plugins=[(sys.argv[2], plugin)])
"""


def sync_in_child(plugin: Path, vault: Path) -> list[str]:
    """The command line of a child process that runs ``infoview sync --vault VAULT`` with the
    module ``plugin`` (a ``.py`` file, registered under its stem): for the tests that kill a
    sync in the middle of its writes."""
    return [sys.executable, "-c", _SYNC_WITH_PLUGIN, str(plugin.parent), plugin.stem, str(vault)]


class Cli:
    """``infoview`` through conftest's ``run`` fixture, for commands whose JSON is wanted."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def json(self, *args: str | os.PathLike[str], ok: tuple[int, ...] = (0,)) -> Any:
        """Run ``infoview ARGS --json``; check the exit status and that nothing crashed."""
        result = self.run(*args, "--json")
        assert result.code in ok, (result.code, result.out, result.err)
        assert "Traceback" not in result.err and "internal error" not in result.err, result.err
        return result.json()

    def sync(self, vault: Path, *extra: str) -> dict[str, Any]:
        report: dict[str, Any] = self.json("sync", "--vault", vault, *extra)
        return report

    def doctor(self, vault: Path) -> dict[str, Any]:
        """``doctor --json``; its exit status must be 1 exactly when it reports problems other
        than warnings."""
        result = self.run("doctor", "--vault", vault, "--json")
        assert "Traceback" not in result.err and "internal error" not in result.err, result.err
        data: dict[str, Any] = result.json()
        serious = [p for p in data["problems"] if p["kind"] != "warning"]
        assert result.code == (1 if serious else 0), (result.code, data["problems"])
        return data

    def index_file(self, vault: Path) -> Path:
        return Path(self.doctor(vault)["index"])

    def contacts(self, vault: Path) -> list[str]:
        """Paths of the contacts ``list --json`` gives."""
        return [c["path"] for c in self.json("list", "--vault", vault)["contacts"]]

    def doctor_links(self, vault: Path) -> list[tuple[str, int | None, str]]:
        """``(path, line, message)`` of every link problem doctor reports."""
        return [(p["path"], p["line"], p["message"]) for p in self.doctor(vault)["problems"]
                if p["kind"] == "link"]

    def links_table(self, vault: Path) -> list[tuple[str, str, str | None, str]]:
        """``(source, target, resolved, status)`` of every row of the index's documented
        ``links`` table (read with sqlite3, as a user may)."""
        index = self.index_file(vault)
        conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT source, target, resolved, status FROM links "
                                "ORDER BY source, line, rowid").fetchall()
        finally:
            conn.close()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def resolved_from(self, vault: Path, source: str) -> dict[str, tuple[str | None, str]]:
        """Target as written → ``(resolved path, status)`` for the links of ``source``."""
        return {target: (resolved, status)
                for src, target, resolved, status in self.links_table(vault) if src == source}

    def linked_from(self, vault: Path, name: str) -> list[str]:
        """Paths of the notes that link to the note ``show NAME`` finds."""
        return [i["path"] for i in self.json("show", name, "--vault", vault)["linked_from"]]
