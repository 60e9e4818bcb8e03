"""infoview.testing, the fixtures plugin authors test with (active through pytest's ``pytest11``
entry point): a vault from a dict (a function becomes a trusted local plugin), a plugin
registered for one test, the command line in this process, only the plugins a test names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers import MakeVault, Run

from infoview import Problem, hookimpl
from infoview.testing import Result


def local_plugin() -> None:
    from infoview import Problem, hookimpl

    @hookimpl
    def doctor_problems(session):  # type: ignore[no-untyped-def]
        return [Problem("Contacts/Ann.md", 1, "from a local plugin", kind="warning")]


class Shout:
    @hookimpl
    def doctor_problems(self, session: Any) -> list[Problem]:
        return [Problem("Contacts/Ann.md", 1, "from a registered plugin", kind="warning")]


def messages(result: Result) -> list[str]:
    return [p["message"] for p in result.json()["problems"]]


def test_a_function_in_the_files_is_a_trusted_local_plugin(
        infoview_vault: MakeVault, infoview_run: Run) -> None:
    vault = infoview_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n",
                            "shout": local_plugin})
    assert (vault / ".infoview/plugins/shout.py").read_text().startswith("from infoview import")
    result = infoview_run("doctor", "--vault", vault, "--json")
    assert result.code == 0, result.err
    assert messages(result) == ["from a local plugin"]


def test_a_registered_plugin_and_only_the_plugins_named(
        infoview_vault: MakeVault, infoview_plugin: Callable[..., object],
        infoview_run: Run) -> None:
    vault = infoview_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n[[Nobody]]\n"})
    infoview_plugin(Shout())
    everything = infoview_run("doctor", "--vault", vault, "--json")
    assert sorted(messages(everything)) == ["from a registered plugin",
                                           "link [[Nobody]] points at no note; fix the name or "
                                           "create it"]
    alone = infoview_run("doctor", "--vault", vault, "--json", load=["shout"])
    assert messages(alone) == ["from a registered plugin"]
    assert infoview_run("due", "--vault", vault, load=[]).code == 2  # no reminders plugin


def test_an_installed_plugin_can_be_registered_for_a_test(
        infoview_vault: MakeVault, infoview_plugin: Callable[..., object],
        infoview_run: Run) -> None:
    import infoview.plugins.checks as installed

    vault = infoview_vault({"Contacts/Ann.md": "---\ntype: contact\n---\n[[Nobody]]\n"})
    infoview_plugin(installed, "checks")  # loaded already: not registered twice
    result = infoview_run("doctor", "--vault", vault, "--json", load=[])
    assert "internal error" not in result.err
    assert len(messages(result)) == 1


def test_each_test_has_its_own_folders(infoview_run: Run, tmp_path: Path) -> None:
    import os

    assert os.environ["NO_COLOR"] == "1"
    assert "INFOVIEW_VAULT" not in os.environ
    for name in ("INFOVIEW_CACHE_DIR", "INFOVIEW_CONFIG_DIR"):
        assert Path(os.environ[name]).is_dir()
