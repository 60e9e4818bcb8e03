"""Syncing only the files a watcher names (``update_index(paths=...)``): the index it leaves must
be the one a full walk would leave, whatever happened to the vault."""

from __future__ import annotations

import random
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest
from helpers import MakeVault, note

from infoview.config.settings import load_config
from infoview.index.sync import update_index
from infoview.vault.layout import classify_path, walk_vault

BASE = {
    "Contacts/Jane Doe.md": note("company: \"[[Acme]]\"\nstatus: prospect", "See [[Bob]].\n"),
    "Contacts/Bob Stone.md": note("aliases: [Bob]\nstatus: contacted"),
    "Companies/Acme.md": note("type: company", "![[logo.png]]\n"),
    "Interviews/2026-01-05 Jane Doe.md": note('type: interview\ncontact: "[[Jane Doe]]"\n'
                                              "date: 2026-01-05", "Met [[Carol]].\n"),
    "Templates/Contact.md": note("name: {{title}}"),
    "Attachments/logo.png": b"\x89PNG",
}


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files here change within a second of being read: without this, the racy-mtime check
    would re-read them all and hide a path the partial walk missed."""
    import infoview.index.sync

    monkeypatch.setattr(infoview.index.sync, "RACY_WINDOW_NS", 0)


def index_state(index_file: Path) -> dict[str, list[tuple[object, ...]]]:
    """What the index says about the vault (ignoring read times and row ids)."""
    with closing(sqlite3.connect(index_file)) as conn:
        return {
            "notes": conn.execute("SELECT path, name, type, mtime_ns, size, hash, props, data "
                                  "FROM notes ORDER BY path").fetchall(),
            "links": conn.execute("SELECT source, line, field, target, explicit, resolved, "
                                  "status FROM links ORDER BY 1, 2, 3, 4, 6").fetchall(),
            "names": conn.execute("SELECT * FROM names ORDER BY 1, 2, 3").fetchall(),
            "problems": conn.execute("SELECT * FROM problems ORDER BY 1, 2, 4").fetchall(),
            "files": conn.execute("SELECT * FROM files ORDER BY 1").fetchall(),
            "fts": conn.execute("SELECT path, name, properties, body FROM notes_fts "
                                "ORDER BY path").fetchall(),
        }


def sync(vault: Path, index_file: Path, paths: set[str] | None = None):  # type: ignore[no-untyped-def]
    return update_index(vault, load_config(vault), index_file, paths=paths)


def test_an_edit_reads_only_that_note(make_vault: MakeVault, tmp_path: Path) -> None:
    vault = make_vault(BASE)
    index = tmp_path / "i.sqlite"
    sync(vault, index)
    path = vault / "Contacts/Jane Doe.md"
    path.write_text(path.read_text() + "More.\n")
    report = sync(vault, index, {"Contacts/Jane Doe.md"})
    assert report.changed == ["Contacts/Jane Doe.md"] and not report.added
    assert report.unchanged == 3
    fresh = tmp_path / "fresh.sqlite"
    sync(vault, fresh)
    assert index_state(index) == index_state(fresh)


def test_paths_it_does_not_know_make_it_walk(make_vault: MakeVault, tmp_path: Path) -> None:
    vault = make_vault(BASE)
    index = tmp_path / "i.sqlite"
    sync(vault, index)
    (vault / "Contacts/Carol King.md").write_text(note("status: prospect"))
    (vault / "Contacts/Dan.md").write_text(note("status: prospect"))
    report = sync(vault, index, {"Contacts/Carol King.md"})  # Dan's event was missed
    assert sorted(report.added) == ["Contacts/Carol King.md", "Contacts/Dan.md"]


def test_ignored_paths_change_nothing(make_vault: MakeVault, tmp_path: Path) -> None:
    vault = make_vault(BASE)
    index = tmp_path / "i.sqlite"
    sync(vault, index)
    before = index_state(index)
    report = sync(vault, index, {".obsidian/workspace.json", "Contacts/.Jane Doe.md.swp",
                                 "Contacts/x.md~", "Templates/Contact.md",
                                 "Attachments/logo.png"})
    assert not report.touched
    assert index_state(index) == before


@pytest.mark.parametrize("seed", range(6))
def test_random_changes_leave_the_index_a_full_walk_would(make_vault: MakeVault,
                                                          tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    vault = make_vault(BASE)
    index = tmp_path / "i.sqlite"
    sync(vault, index)
    names = ["Jane Doe", "Bob Stone", "Carol", "Dan", "Acme"]
    for step in range(12):
        touched: set[str] = set()
        for _ in range(rng.randint(1, 3)):
            existing = sorted(p.relative_to(vault).as_posix() for p in vault.rglob("*")
                              if p.is_file() and ".infoview" not in p.parts)
            action = rng.choice(["edit", "edit", "alias", "add", "delete", "rename", "attach"])
            target = rng.choice([p for p in existing if p.endswith(".md")] or ["Notes/x.md"])
            if action == "edit" and (vault / target).exists():
                (vault / target).write_text(note(f"status: s{step}",
                                                 f"[[{rng.choice(names)}]]\n"))
            elif action == "alias" and (vault / target).exists():
                (vault / target).write_text(note(f"aliases: [{rng.choice(names)}]"))
            elif action == "add":
                target = f"Contacts/{rng.choice(names)} {step}.md"
                (vault / target).write_text(note("status: prospect", "[[Acme]]\n"))
            elif action == "delete" and (vault / target).exists():
                (vault / target).unlink()
            elif action == "rename" and (vault / target).exists():
                new = f"Archive/{Path(target).name}"
                (vault / "Archive").mkdir(exist_ok=True)
                (vault / target).rename(vault / new)
                touched.add(new)
            elif action == "attach":
                target = f"Attachments/{rng.choice(names)}.png"
                (vault / target).write_bytes(b"png")
            touched.add(target)
        time.sleep(0.002)
        sync(vault, index, touched)
        fresh = tmp_path / f"fresh-{step}.sqlite"
        sync(vault, fresh)
        assert index_state(index) == index_state(fresh), f"step {step}"


def test_classify_path_agrees_with_the_walk(make_vault: MakeVault) -> None:
    vault = make_vault({**BASE, ".obsidian/app.md": "", "Contacts/a.md~": "",
                        "Contacts/.b.md.swp": "", "Notes/c.tmp": "",
                        "Contacts/Jane Doe.sync-conflict-20260101-120000-ABCDEFG.md": "",
                        "Infoview/Reminders.md": "", "Notes/Deep/Down/d.md": ""})
    walk = walk_vault(vault, "Templates", "Infoview")
    seen = {p: "note" for p in walk.notes}
    seen.update({p: "conflict" for p in walk.conflicts})
    seen.update({p: "attachment" for p in walk.attachments})
    for kind, paths in walk.unindexed.items():
        seen.update({p: kind for p in paths})
    every = [p.relative_to(vault).as_posix() for p in vault.rglob("*") if p.is_file()]
    for path in every:
        assert classify_path(path, "Templates", "Infoview") == seen.get(path), path
