"""Real vaults from other projects (``shared/corpora/*`` beside the repo): each is copied to a
temporary folder (the originals are never touched), made a vault with ``infoview init``, synced,
checked by ``doctor``, and synced again, which must find and write nothing."""

from __future__ import annotations

import os
import re
import shutil
import stat
from pathlib import Path

import pytest
from helpers import Cli, Run, changed_files, snapshot

CORPORA_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora"
CORPORA = sorted(p.name for p in CORPORA_DIR.iterdir() if p.is_dir()) \
    if CORPORA_DIR.is_dir() else []
CONFLICT = re.compile(r"\.sync-conflict-|\((?:[^()]*\s)?conflicted copy\b[^()]*\)", re.I)

needs_corpora = pytest.mark.skipif(not CORPORA, reason=f"no corpora in {CORPORA_DIR}")


@pytest.fixture
def iv(run: Run) -> Cli:
    return Cli(run)


def copy_corpus(name: str, dest: Path) -> Path:
    """A writable copy of the corpus ``name`` at ``dest`` (the originals are read-only)."""
    source = CORPORA_DIR / name
    assert not dest.resolve().is_relative_to(Path(__file__).resolve().parents[1])
    shutil.copytree(source, dest, symlinks=True)
    for dirpath, dirs, files in os.walk(dest):
        for entry in [*dirs, *files]:
            path = Path(dirpath, entry)
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR | stat.S_IRUSR
                           | (stat.S_IXUSR if path.is_dir() else 0))
    dest.chmod(dest.stat().st_mode | stat.S_IWUSR)
    return dest


def expected_notes(vault: Path, templates: str = "Templates",
                   generated: str = "Infoview") -> set[str]:
    """The notes the contract says a vault has: ``.md`` files outside hidden folders and the
    templates and generated folders, not temp files or sync-conflict copies."""
    found = set()
    for path in vault.rglob("*.md"):
        rel = path.relative_to(vault)
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] in (templates,
                                                                                generated):
            continue
        if path.is_file() and not CONFLICT.search(path.name):
            found.add(rel.as_posix())
    return found


def check_stderr(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


@needs_corpora
@pytest.mark.parametrize("corpus", CORPORA or ["none"])
def test_corpus_syncs_and_resyncs_to_nothing(corpus: str, tmp_path: Path, iv: Cli) -> None:
    original = snapshot(CORPORA_DIR / corpus)
    vault = copy_corpus(corpus, tmp_path / corpus)

    init = iv.run("init", vault)
    assert init.code == 0, init.err
    check_stderr(init.err)
    assert (vault / ".infoview" / "config.toml").is_file()

    first = iv.run("sync", "--vault", vault, "--json")
    assert first.code == 0, first.err
    check_stderr(first.err)
    report = first.json()
    assert sorted(report["added"]) == sorted(expected_notes(vault))
    assert (report["changed"], report["removed"]) == ([], [])
    assert report["plugin_failures"] == []

    doctor = iv.run("doctor", "--vault", vault, "--json")
    assert doctor.code in (0, 1), doctor.err
    check_stderr(doctor.err)
    data = doctor.json()
    assert doctor.code == (1 if data["problems"] else 0)
    for problem in data["problems"]:
        assert set(problem) == {"path", "line", "kind", "message"}
        assert problem["message"].strip()
    assert not Path(data["index"]).resolve().is_relative_to(vault.resolve())

    after_first = snapshot(vault)
    second = iv.run("sync", "--vault", vault, "--json")
    assert second.code == 0, second.err
    check_stderr(second.err)
    again = second.json()
    assert (again["added"], again["changed"], again["removed"]) == ([], [], [])
    assert again["unchanged"] == len(report["added"])
    assert changed_files(after_first, snapshot(vault)) == []

    listed = iv.run("list", "--vault", vault, "--json")
    assert listed.code == 0, listed.err
    assert isinstance(listed.json()["contacts"], list)
    assert changed_files(original, snapshot(CORPORA_DIR / corpus)) == []


KEPANO = "kepano-obsidian"


@pytest.mark.skipif(KEPANO not in CORPORA, reason=f"no {KEPANO} corpus in {CORPORA_DIR}")
def test_kepano_people_are_contacts(tmp_path: Path, iv: Cli) -> None:
    """kepano's vault files people under ``References/`` with ``categories: ["[[People]]"]`` and
    their company under ``org:``: a config of two rules makes them contacts."""
    vault = copy_corpus(KEPANO, tmp_path / KEPANO)
    assert iv.run("init", vault).code == 0
    (vault / ".infoview" / "config.toml").write_text(
        '[types.contact]\ncategories = ["[[People]]"]\n\n[fields]\ncompany = ["org"]\n',
        encoding="utf-8")
    iv.sync(vault)
    contacts = {c["path"]: c for c in iv.json("list", "--vault", vault)["contacts"]}
    assert {"References/Steph Ango.md", "References/Kevin Kelly.md",
            "References/Paul Chambers.md"} <= set(contacts)
    assert contacts["References/Steph Ango.md"]["company"] == "Obsidian"
    assert not any(p.startswith("Templates/") for p in contacts)  # templates are no data
    shown = iv.json("show", "Steph Ango", "--vault", vault)
    assert shown["type"] == "contact"
    assert shown["details"]["company"] == "Obsidian"
    assert "References/Steph Ango.md" in iv.linked_from(vault, "References/Obsidian")
    # without the config, the same notes are not contacts
    (vault / ".infoview" / "config.toml").write_text("", encoding="utf-8")
    assert "References/Steph Ango.md" not in iv.contacts(vault)
