"""The plugin core: loading, isolation of failing plugins, hooks, commands, `infoview plugins`."""

from __future__ import annotations

import importlib.metadata
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from helpers import MakeVault, Run, RunWith

from infoview import hookimpl
from infoview.model.note import Problem
from infoview.plugin import hookspecs
from infoview.plugin.host import make_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
HOOKS = sorted(name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
               if hasattr(fn, "infoview_spec"))


@pytest.fixture()
def vault(make_vault: MakeVault) -> Path:
    return make_vault({"Contacts/Jane Doe.md": "---\ntype: contact\n---\nHi [[Nobody]]\n"})


class ProblemPlugin:
    @hookimpl
    def doctor_problems(self, session: Any) -> list[Problem]:
        return [Problem("Contacts/Jane Doe.md", 3, "plugin says hello", kind="plugin")]


class BrokenPlugin:
    @hookimpl
    def doctor_problems(self, session: Any) -> list[Problem]:
        raise RuntimeError("boom")


def test_builtin_plugins_load_through_entry_points() -> None:
    host = make_plugin_manager()
    infos = {i.name: i for i in host.plugins()}
    assert infos["checks"].builtin
    assert infos["checks"].distribution == "infoview"
    assert infos["checks"].version == importlib.metadata.version("infoview")
    assert infos["checks"].hooks == ["doctor_problems"]
    declared = {ep.name for ep in importlib.metadata.entry_points(group="infoview")
                if ep.dist is not None and ep.dist.name == "infoview"}
    assert declared <= set(infos)


def test_each_call_gives_a_fresh_manager() -> None:
    first, second = make_plugin_manager(), make_plugin_manager()
    first.register(ProblemPlugin(), "extra")
    assert "extra" in first.info and "extra" not in second.info


def test_importing_infoview_loads_no_plugin() -> None:
    code = ("import sys, infoview, infoview.cli.main; "
            "print(any(m.startswith('infoview.plugins.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_core_never_imports_builtin_plugins() -> None:
    offenders = [p.name for p in (ROOT / "core").rglob("*.py")
                 if re.search(r"^\s*(from|import) infoview\.plugins\b", p.read_text(), re.M)]
    assert offenders == []


def test_plugin_problems_reach_doctor(vault: Path, run_with: RunWith) -> None:
    result = run_with([("hello", ProblemPlugin())], "doctor", "--vault", str(vault))
    assert result.code == 1
    assert "Contacts/Jane Doe.md:3: plugin says hello" in result.out
    # The built-in checks plugin still ran beside it.
    assert "[[Nobody]] points at no note" in result.out


def test_failing_plugin_is_named_and_the_rest_goes_on(
        vault: Path, run_with: RunWith) -> None:
    result = run_with([("broken", BrokenPlugin()), ("hello", ProblemPlugin())],
                      "doctor", "--vault", str(vault), "--json")
    assert result.code == 1
    messages = [p["message"] for p in json.loads(result.out)["problems"]]
    assert "plugin says hello" in messages
    assert "plugin 'broken' failed in doctor_problems (tests/test_plugins.py:" in result.err
    assert "): RuntimeError: boom" in result.err
    assert "Traceback" not in result.err


def test_misspelt_hook_is_reported_by_plugin_name(
        vault: Path, run_with: RunWith) -> None:
    class Misspelt:
        @hookimpl
        def doctor_problem(self, session: Any) -> list[Problem]:  # missing "s"
            return []

    result = run_with([("typo", Misspelt())], "list", "--vault", str(vault), "--json")
    assert "plugin 'typo' failed while loading" in result.err
    assert "doctor_problem" in result.err
    assert result.code == 1
    assert json.loads(result.out)["contacts"][0]["name"] == "Jane Doe"  # the rest still works


def test_plugin_that_fails_to_import_is_reported(
        vault: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.metadata.entry_points

    def with_broken(**kwargs: Any) -> Any:
        found = list(real(**kwargs))
        if kwargs.get("group") == "infoview":
            found.append(importlib.metadata.EntryPoint(
                "ghost", "infoview_no_such_module_xyz", "infoview"))
        return found

    monkeypatch.setattr(importlib.metadata, "entry_points", with_broken)
    result = run("list", "--vault", str(vault))
    assert "plugin 'ghost' failed while loading: ModuleNotFoundError" in result.err
    assert "Jane Doe" in result.out
    assert result.code == 1


def test_register_commands_adds_a_working_command(
        vault: Path, run_with: RunWith) -> None:
    class Hello:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command("hello")
            @click.argument("who")
            def hello(who: str) -> None:
                """Say hello."""
                click.echo(f"hello {who}")

    result = run_with([("hello", Hello())], "hello", "world")
    assert (result.code, result.out) == (0, "hello world\n")
    assert "hello" in run_with([("hello", Hello())], "--help").out


def test_sync_after_index_runs_on_sync_only(
        vault: Path, run_with: RunWith) -> None:
    seen: list[list[str]] = []

    class Recorder:
        @hookimpl
        def sync_after_index(self, session: Any) -> None:
            seen.append([n.name for n in session.index.notes("contact")])

    (vault / "Contacts" / "Sam Ortiz.md").write_text("---\ntype: contact\n---\n")
    assert run_with([("rec", Recorder())], "sync", "--vault", str(vault)).code == 0
    assert seen == [["Jane Doe", "Sam Ortiz"]]  # the index was already up to date
    assert run_with([("rec", Recorder())], "list", "--vault", str(vault)).code == 0
    assert len(seen) == 1


def test_disabled_plugin_is_not_loaded(vault: Path, run: Run) -> None:
    (vault / ".infoview" / "config.toml").write_text('[plugins]\ndisabled = ["checks"]\n')
    result = run("plugins", "--vault", str(vault), "--json")
    data = json.loads(result.out)
    assert "checks" not in [p["name"] for p in data["plugins"]]
    assert data["disabled"] == ["checks"]
    # Without its built-in checks, doctor still runs (and finds nothing to report).
    assert run("doctor", "--vault", str(vault)).code == 0


def test_plugins_command_lists_hooks(run_with: RunWith, vault: Path) -> None:
    result = run_with([("hello", ProblemPlugin())], "plugins", "--json")
    plugins = {p["name"]: p for p in json.loads(result.out)["plugins"]}
    assert plugins["hello"]["hooks"] == ["doctor_problems"]
    assert plugins["hello"]["builtin"] is False
    assert plugins["checks"]["builtin"] is True
    text = run_with([("hello", ProblemPlugin())], "plugins").out
    assert "hello" in text and "doctor_problems" in text


def test_duplicate_plugin_names_are_an_error_naming_both() -> None:
    host = make_plugin_manager(extra=[("checks", ProblemPlugin())])
    assert [str(f) for f in host.failures] == [
        "plugin 'checks' failed while loading: PluginError: two plugins are named 'checks' "
        "(infoview.plugins.checks and ProblemPlugin); uninstall or rename one"]
    assert host.info["checks"].module == "infoview.plugins.checks"  # the first one stays


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented(hook: str) -> None:
    docs = (ROOT / "docs" / "plugins.md").read_text()
    assert re.search(rf"^### `{hook}\(", docs, re.M), f"docs/plugins.md lacks ### `{hook}(...)`"


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_tested(hook: str) -> None:
    tests = "\n".join(p.read_text() for p in (ROOT / "tests").glob("test_*.py")
                      if p.name != "test_plugins.py")
    here = Path(__file__).read_text()
    uses = len(re.findall(rf"def {hook}\(", here)) + len(re.findall(rf"def {hook}\(", tests))
    assert uses >= 1, f"no test implements the hook {hook}"


def test_generated_notes_are_written_after_every_sync_after_index(
        vault: Path, run_with: RunWith) -> None:
    order: list[str] = []

    class Lister:
        @hookimpl
        def sync_generated_notes(self, session: Any) -> None:
            order.append("generated")
            names = sorted(n.name for n in session.index.notes("contact"))
            session.writer.replace_text("Infoview/People.md", "".join(f"- {n}\n" for n in names),
                                        reason="test")

    class Adder:
        @hookimpl(trylast=True)
        def sync_after_index(self, session: Any) -> None:
            order.append("after_index")
            session.writer.create("Contacts/Zed.md", b"---\ntype: contact\n---\n", reason="t")

    plugins = [("lister", Lister()), ("adder", Adder())]
    assert run_with(plugins, "sync", "--vault", str(vault)).code == 0
    assert order == ["after_index", "generated"]
    assert (vault / "Infoview" / "People.md").read_text() == "- Jane Doe\n- Zed\n"
    again = json.loads(run_with(plugins, "sync", "--json", "--vault", str(vault)).out)
    assert again["written"] == [] and again["created"] == []


# -- finding installed plugins quickly ----------------------------------------------------------

LISTING = ("import sys; from infoview.plugin.entry_points import entry_points; "
           "found = entry_points('infoview'); "
           "print(sorted(e.name for e in found if e.distribution == 'fakeplug')); "
           "print('importlib.metadata' in sys.modules); "
           "print([e.load().__name__ for e in found if e.distribution == 'fakeplug'])")


def test_installed_plugins_are_remembered_until_something_is_installed(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    info = site / "fakeplug-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplug\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[infoview]\nfake = fakeplug\n")
    (site / "fakeplug.py").write_text("NAME = 'fake'\n")
    env = {"PYTHONPATH": str(site), "INFOVIEW_CACHE_DIR": str(tmp_path / "cache"),
           "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}

    def listing() -> list[str]:
        done = subprocess.run([sys.executable, "-c", LISTING], capture_output=True, text=True,
                              env=env, cwd=tmp_path, check=True)
        return done.stdout.splitlines()

    assert listing() == ["['fake']", "True", "['fakeplug']"]  # asked importlib.metadata
    assert listing() == ["['fake']", "False", "['fakeplug']"]  # remembered: not even imported
    (info / "entry_points.txt").write_text("[infoview]\nfake = fakeplug\nmore = fakeplug\n")
    assert listing() == ["['fake', 'more']", "True", "['fakeplug', 'fakeplug']"]
    (info / "entry_points.txt").unlink()
    (info / "METADATA").unlink()
    info.rmdir()
    assert listing() == ["[]", "True", "[]"]


def test_a_wrapper_hook_runs_around_the_others(vault: Path,
                                              run_with: RunWith) -> None:
    seen: list[Any] = []

    class Wrapper:
        @hookimpl(wrapper=True)
        def doctor_problems(self, session: Any) -> Any:
            seen.append("before")
            results = yield
            seen.append(len(results))
            return [*results, [Problem("Contacts/Jane Doe.md", 1, "wrapped", kind="warning")]]

    result = run_with([("wrapper", Wrapper()), ("problem", ProblemPlugin())],
                      "doctor", "--vault", str(vault), "--json")
    messages = [p["message"] for p in json.loads(result.out)["problems"]]
    assert "wrapped" in messages and "plugin says hello" in messages
    assert seen[0] == "before" and seen[1] >= 2  # saw checks' and problem's results


def test_a_failing_plugin_is_named_with_its_line_and_traceback_under_debug(
        vault: Path, run_with: RunWith) -> None:
    before = {p: p.read_bytes() for p in vault.rglob("*.md")}
    quiet = run_with([("broken", Failing())], "sync", "--vault", str(vault))
    assert quiet.code == 1
    assert "plugin 'broken' failed in sync_after_index (tests/test_plugins.py:" in quiet.err
    assert "Traceback" not in quiet.err
    loud = run_with([("broken", Failing())], "sync", "--vault", str(vault), "--debug")
    assert "Traceback (most recent call last)" in loud.err
    assert 'raise ValueError("half way")' in loud.err
    assert (vault / "Infoview" / "Reminders.md").exists()  # the other plugins went on
    for path, data in before.items():
        assert path.read_bytes() == data  # nothing half-written


class Failing:
    @hookimpl
    def sync_after_index(self, session: Any) -> None:
        session.writer.create("Contacts/Half.md", b"---\ntype: contact\n---\n", reason="t")
        raise ValueError("half way")


def test_sync_after_index_gets_what_changed(vault: Path,
                                           run_with: RunWith) -> None:
    got: list[Any] = []

    class Watcher:
        @hookimpl
        def sync_after_index(self, session: Any, changes: Any) -> None:
            got.append(changes)

    plugins = [("watcher", Watcher())]
    assert run_with(plugins, "sync", "--vault", str(vault)).code == 0
    assert got[-1].added == ("Contacts/Jane Doe.md",) and not got[-1].everything
    assert run_with(plugins, "sync", "--full", "--vault", str(vault)).code == 0
    assert got[-1].everything
    (vault / "Contacts" / "Ann.md").write_text("---\ntype: contact\n---\n")
    (vault / "Contacts" / "Jane Doe.md").write_text("---\ntype: contact\nrole: CTO\n---\n")
    assert run_with(plugins, "sync", "--vault", str(vault)).code == 0
    changes = got[-1]
    assert (changes.added, changes.changed, changes.removed, changes.everything) == (
        ("Contacts/Ann.md",), ("Contacts/Jane Doe.md",), (), False)
    (vault / "Contacts" / "Ann.md").unlink()
    assert run_with(plugins, "sync", "--vault", str(vault)).code == 0
    assert got[-1].removed == ("Contacts/Ann.md",)
    assert run_with(plugins, "sync", "--vault", str(vault)).code == 0
    assert not got[-1]  # nothing changed


def test_an_installed_plugin_given_again_is_not_registered_twice(
        vault: Path, run_with: RunWith) -> None:
    import infoview.plugins.checks as checks

    result = run_with([("checks", checks)], "doctor", "--vault", str(vault), "--json")
    assert "internal error" not in result.err and "already registered" not in result.err
    assert result.code == 1  # the unresolved link, reported once
    assert len(json.loads(result.out)["problems"]) == 1


def test_every_public_name_is_documented() -> None:
    import infoview.api as api

    docs = (ROOT / "docs" / "plugins.md").read_text()
    missing = [name for name in api.__all__ if f"`{name}`" not in docs]
    assert missing == [], f"docs/plugins.md ('The public API') lacks {missing}"


def test_the_tutorial_plugin_is_the_example_package() -> None:
    """The tutorial's rule is the example plugin's (examples/infoview-linkedin-request)."""
    example = (ROOT / "examples" / "infoview-linkedin-request" /
               "infoview_linkedin_request.py").read_text()
    docs = (ROOT / "docs" / "plugins.md").read_text()
    for needle in ('index.properties("contact", ["linkedin", "linkedin_requested"])',
                   'Closing(path, "linkedin_requested", session.today)',
                   "Send a LinkedIn connection request to"):
        assert needle in example and needle in docs, needle


class Greeter:
    """A plugin with settings: [plugins.greeter] greeting, times."""

    @hookimpl
    def register_settings(self, register: Any) -> None:
        from infoview import PluginSetting

        register(PluginSetting("greeting", "hello", "what to say"))
        register(PluginSetting("times", 1, "how often",
                               check=lambda n: None if n > 0 else "must be 1 or more"))

    @hookimpl
    def doctor_problems(self, session: Any) -> list[Problem]:
        settings = session.config.plugin_settings("greeter")
        return [Problem("Contacts/Jane Doe.md", None, settings["greeting"] * settings["times"],
                        kind="warning")]


def test_declared_settings_are_checked_defaulted_and_listed(
        vault: Path, run_with: RunWith) -> None:
    plugins = [("greeter", Greeter())]
    config = vault / ".infoview" / "config.toml"

    def problems() -> Any:
        result = run_with(plugins, "doctor", "--vault", str(vault), "--json")
        return result, [p["message"] for p in json.loads(result.out)["problems"]
                        if p["kind"] == "warning"]

    assert problems()[1] == ["hello"]  # the defaults
    config.write_text('[plugins.greeter]\ngreeting = "hi"\ntimes = 2\n')
    assert problems()[1] == ["hihi"]
    config.write_text('[plugins.greeter]\ngreting = "hi"\n')
    result, found = problems()
    assert found == ["hello"]
    assert "unknown key plugins.greeter.greting ignored (plugin 'greeter' knows: greeting, " \
        "times)" in result.err
    for bad, message in (('times = "2"', "plugins.greeter.times must be a whole number, not '2'"),
                         ("times = 0", "plugins.greeter.times must be 1 or more, not 0")):
        config.write_text(f"[plugins.greeter]\n{bad}\n")
        result = run_with(plugins, "doctor", "--vault", str(vault))
        assert result.code == 2 and message in result.err
        assert len(result.err.strip().splitlines()) == 1
    listed = run_with(plugins, "plugins", "--settings", "--json").json()["settings"]
    assert {(s["plugin"], s["name"], s["type"], s["default"]) for s in listed} >= {
        ("greeter", "greeting", "text", "hello"), ("greeter", "times", "a whole number", 1)}
def test_each_kind_of_error_ends_a_command_with_its_status(
        vault: Path, run_with: RunWith) -> None:
    from infoview.model import errors

    expected = {"UsageError": 2, "VaultNotFoundError": 2, "ConfigError": 2, "NotFoundError": 1,
                "LockedError": 1, "WriteError": 1, "NoteExistsError": 1, "PluginError": 1,
                "InfoviewError": 1}

    class Raiser:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command("fail")
            @click.argument("kind")
            def fail(kind: str) -> None:
                raise getattr(errors, kind)(f"{kind}: what went wrong; what to do")

    for kind, code in expected.items():
        assert issubclass(getattr(errors, kind), errors.InfoviewError)
        result = run_with([("raiser", Raiser())], "fail", kind)
        assert (result.code, result.out, result.err) == (
            code, "", f"error: {kind}: what went wrong; what to do\n"), kind
