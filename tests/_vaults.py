"""Helpers shared by test_links.py, test_sync.py and test_corpora.py (on top of the fixtures of
``conftest.py``): a thin wrapper over the ``run`` fixture for ``--json`` commands, snapshots of
a folder's files, and note text."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

Snapshot = dict[str, tuple[bytes, int]]


class Cli:
    """``infoview`` through conftest's ``run`` fixture, for commands whose JSON is wanted."""

    def __init__(self, run: Callable[..., Any]) -> None:
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


def snapshot(root: Path) -> Snapshot:
    """Every file under ``root`` (hidden ones included): bytes and mtime in ns."""
    found: Snapshot = {}
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = Path(dirpath, name)
            if path.is_symlink() or not path.is_file():
                continue
            found[path.relative_to(root).as_posix()] = (path.read_bytes(),
                                                        path.stat().st_mtime_ns)
    return found


def changed_files(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, removed, or whose bytes or mtime differ between two snapshots."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def note(frontmatter: str = "", body: str = "") -> str:
    """A note's text: ``frontmatter`` (YAML lines) between ``---`` fences, then ``body``."""
    text = f"---\n{frontmatter.strip()}\n---\n" if frontmatter.strip() else ""
    return text + body
