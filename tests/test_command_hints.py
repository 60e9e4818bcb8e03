"""The commands infoview suggests (``infoview prep "Jane Doe"``) name people and companies from
the notes; pasted into a shell, each name is one word and nothing in it runs."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
from helpers import MakeVault, Run

from infoview.model.printable import command_word


@pytest.mark.parametrize("name", ["Globex", "Jane Doe", "O'Brien", "Zoë Ω", "Jane $(touch x)",
                                  "`touch x`", "Wow!", 'Ann "AJ" Lee', "back\\slash", "a;b&c|d",
                                  "tab\there", "~root", "*", ""])
def test_a_name_is_one_word_the_shell_reads_back(name: str, tmp_path: Path) -> None:
    word = command_word(name)
    assert "\n" not in word and "\t" not in word
    expected = " ".join(name.split()) if "\t" in name else name
    assert shlex.split(f"prep {word}") == ["prep", expected] if name else ["prep", ""]
    done = subprocess.run(["bash", "-c", f"printf '%s' {word}"], capture_output=True,
                          text=True, cwd=tmp_path, check=True)
    assert done.stdout == expected
    assert not (tmp_path / "x").exists()


def test_a_hint_with_a_hostile_name_runs_nothing(make_vault: MakeVault, run: Run) -> None:
    vault = make_vault({"Companies/Placeholder.md": "---\ntype: company\n---\n"})
    result = run("new", "contact", "Jane $(touch pwned)", "--company", "Acme `id`",
                 "--vault", vault)
    assert result.code == 0, result.err
    assert "`infoview new company 'Acme `id`'` makes one" in result.err
    interview = run("new", "interview", "Jane $(touch pwned)", "--date", "2026-12-10",
                    "--vault", vault)
    assert interview.code == 0, interview.err
    assert "`infoview prep 'Jane $(touch pwned)'` prepares" in interview.err
