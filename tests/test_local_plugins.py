"""Vault-local plugins (``.infoview/plugins/*.py``): loaded only once trusted, trust kept outside
the vault and lost when the file changes; symlinks out of the folder and other files refused;
``INFOVIEW_LOAD_PLUGINS`` and ``INFOVIEW_DISABLE_PLUGINS``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import MakeVault, Run, changed_files, snapshot

HELLO = '''
import click
from infoview import hookimpl


@hookimpl
def register_commands(cli):
    @cli.command("hello")
    def hello():
        """Say hello."""
        click.echo("hello from a local plugin")
'''


@pytest.fixture
def vault(make_vault: MakeVault) -> Path:
    return make_vault({".infoview/plugins/hello.py": HELLO})


def test_an_untrusted_plugin_is_not_loaded_and_says_how(vault: Path, run: Run) -> None:
    result = run("hello", "--vault", vault)
    assert result.code == 2  # no such command
    assert ".infoview/plugins/hello.py is not trusted" in result.err
    assert "infoview plugins trust .infoview/plugins/hello.py" in result.err
    listed = run("plugins", "--vault", vault, "--json").json()
    assert listed["local"] == [{"name": "hello", "path": ".infoview/plugins/hello.py",
                                "trusted": False, "refused": None}]
    assert "hello" not in [p["name"] for p in listed["plugins"]]
    text = run("plugins", "--vault", vault).out
    assert "hello\tnot trusted" in text


def test_trust_runs_it_and_an_edit_takes_the_trust_back(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(vault)
    trusted = run("plugins", "trust", ".infoview/plugins/hello.py", "--vault", vault)
    assert trusted.code == 0, trusted.err
    assert changed_files(before, snapshot(vault)) == []  # nothing written in the vault
    store = Path(os.environ["INFOVIEW_CONFIG_DIR"]) / "trusted-plugins.json"
    assert str(vault.resolve()) in json.loads(store.read_text())
    monkeypatch.setenv("INFOVIEW_VAULT", str(vault))  # hello takes no --vault
    result = run("hello")
    assert result.code == 0 and result.out == "hello from a local plugin\n"
    listed = run("plugins", "--vault", vault, "--json").json()
    assert "hello" in [p["name"] for p in listed["plugins"]]
    plugin = vault / ".infoview/plugins/hello.py"
    plugin.write_text(HELLO.replace("hello from", "changed from"))
    again = run("hello")
    assert again.code == 2 and "is not trusted" in again.err
    untrusted = run("plugins", "untrust", "hello", "--vault", vault)
    assert untrusted.code == 0
    assert run("plugins", "untrust", "hello", "--vault", vault).code == 2


def test_symlinks_out_of_the_folder_and_other_files_are_refused(make_vault: MakeVault,
                                                               run: Run, tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(HELLO)
    vault = make_vault({".infoview/plugins/notes.txt": "not a plugin",
                        ".infoview/plugins/sub/inner.py": HELLO})
    (vault / ".infoview/plugins/away.py").symlink_to(outside)
    listed = {p["name"]: p for p in run("plugins", "--vault", vault, "--json").json()["local"]}
    assert listed["away"]["refused"].startswith("a symbolic link that leads outside")
    assert listed["notes"]["refused"] == "not a .py file"
    assert listed["sub"]["refused"] == "not a .py file"
    for name in ("away.py", "notes.txt"):
        result = run("plugins", "trust", f".infoview/plugins/{name}", "--vault", vault)
        assert result.code == 2 and "cannot be trusted" in result.err, result.err
    assert run("plugins", "trust", "elsewhere.py", "--vault", vault).code == 2


def test_a_plugin_that_raises_while_loading_is_named_with_its_line(make_vault: MakeVault,
                                                                  run: Run) -> None:
    vault = make_vault({".infoview/plugins/broken.py": "x = 1\nraise RuntimeError('no')\n"})
    assert run("plugins", "trust", "broken", "--vault", vault).code == 0
    result = run("list", "--vault", vault)
    assert result.code == 1
    assert "plugin 'broken' failed while loading (" in result.err
    assert "broken.py:2): RuntimeError: no" in result.err
    listed = run("plugins", "--vault", vault).out
    assert "broken\tfailed to load: RuntimeError: no" in listed


def test_load_and_disable_lists(vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFOVIEW_LOAD_PLUGINS", "reminders,nosuch")
    data = run("plugins", "--vault", vault, "--json").json()
    assert [p["name"] for p in data["plugins"]] == ["reminders"]
    assert "referrals" in data["disabled"]
    assert "'nosuch'" in run("plugins", "--vault", vault).err
    monkeypatch.setenv("INFOVIEW_LOAD_PLUGINS", "")
    assert run("plugins", "--vault", vault, "--json").json()["plugins"] == []
    assert run("due", "--vault", vault).code == 2  # that command comes from a plugin
    monkeypatch.delenv("INFOVIEW_LOAD_PLUGINS")
    monkeypatch.setenv("INFOVIEW_DISABLE_PLUGINS", "reminders, referrals")
    data = run("plugins", "--vault", vault, "--json").json()
    names = [p["name"] for p in data["plugins"]]
    assert "reminders" not in names and "referrals" not in names and "exports" in names
