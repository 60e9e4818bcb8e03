"""A shell left in a folder that was deleted (or moved) under it: every command says so in one
line, never an internal error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GONE = "error: the current folder no longer exists (deleted or moved while you were in it)"


def in_deleted_folder(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m infoview ARGS`` run from a folder removed just before it starts."""
    script = ("import os, runpy, sys; sys.path = [p for p in sys.path if p]; "
              "os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
              "sys.argv = ['infoview', *sys.argv[2:]]; "
              "runpy.run_module('infoview', run_name='__main__')")
    folder = tmp_path / "was-here"
    folder.mkdir()
    return subprocess.run([sys.executable, "-c", script, str(folder), *args],
                          capture_output=True, text=True, timeout=60, env=os.environ.copy())


@pytest.mark.skipif(sys.platform == "win32", reason="Windows cannot delete the current folder")
@pytest.mark.parametrize("args", [("due",), ("list", "--json"), ("init", "Search"),
                                  ("sync",)])
def test_a_deleted_current_folder_is_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = in_deleted_folder(tmp_path, *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(GONE) and done.stderr.count("\n") == 1, done.stderr
    assert done.stdout == ""


def test_a_vault_given_by_its_full_path_still_works(tmp_path: Path) -> None:
    vault = tmp_path / "Search"
    done = in_deleted_folder(tmp_path, "init", str(vault))
    assert done.returncode == 0, done.stderr
    again = in_deleted_folder(tmp_path, "due", "--vault", str(vault), "--json")
    assert again.returncode == 0, again.stderr
