"""Pytest fixtures for testing infoview plugins: a pytest plugin, active in any test run of an
environment where infoview is installed (the ``pytest11`` entry point ``infoview``).

- ``infoview_vault(files, config="")``: a new vault in a temporary folder, holding ``files``
  (vault path → ``str`` or ``bytes``). A *callable* value is a vault-local plugin: its body
  (the code inside the function, dedented) becomes ``.infoview/plugins/<key>.py``, trusted.
- ``infoview_plugin(plugin, name=None)``: register a plugin object (a module, an instance of a
  class with ``@hookimpl`` methods) for the rest of the test, installed or not.
- ``infoview_run(*args, load=None)``: ``infoview ARGS`` in this process with those plugins;
  returns a :class:`Result` (``code``, ``out``, ``err``, ``json()``). ``load`` names the only
  plugins to load (as ``INFOVIEW_LOAD_PLUGINS``; the ones given by ``infoview_plugin`` always
  are).

Every test gets its own cache and config folder (``INFOVIEW_CACHE_DIR``,
``INFOVIEW_CONFIG_DIR``), ``NO_COLOR=1`` and none of the user's ``INFOVIEW_*`` settings. Example::

    from infoview import hookimpl, Problem

    class Shout:
        @hookimpl
        def doctor_problems(self, session):
            return [Problem("Contacts/Ann.md", 1, "hello", kind="warning")]

    def test_shout(infoview_vault, infoview_plugin, infoview_run):
        vault = infoview_vault({"Contacts/Ann.md": "---\\ntype: contact\\n---\\n"})
        infoview_plugin(Shout())
        result = infoview_run("doctor", "--vault", vault, "--json")
        assert result.json()["problems"][0]["message"] == "hello"
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

Files = Mapping[str, "str | bytes | Callable[..., Any]"]
_VARIABLES = ("INFOVIEW_VAULT", "INFOVIEW_TODAY", "INFOVIEW_DEBUG", "INFOVIEW_LOAD_PLUGINS",
              "INFOVIEW_DISABLE_PLUGINS")


@dataclass(frozen=True)
class Result:
    """What one run of the command line did."""

    code: int
    """Exit status."""
    out: str
    """Everything written to stdout."""
    err: str
    """Everything written to stderr."""

    def json(self) -> Any:
        """stdout parsed as one JSON document (for ``--json`` commands)."""
        return json.loads(self.out)


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``files`` under ``root`` (``str`` as UTF-8 exactly, ``bytes`` as they are),
    making folders as needed."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def plugin_source(function: Callable[..., Any]) -> str:
    """The body of ``function`` as the text of a module."""
    lines = textwrap.dedent(inspect.getsource(function)).splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip().endswith(":")
                 and line.lstrip().startswith("def "))
    return textwrap.dedent("".join(lines[start + 1:]))


def make_vault(root: Path, files: Files | None = None, config: str = "") -> Path:
    """A vault at ``root`` holding ``files`` (see the module doc); local plugins trusted."""
    from infoview.plugin.local import FOLDER, trust

    (root / ".infoview").mkdir(parents=True)
    write_files(root, {".infoview/config.toml": config})
    plain: dict[str, str | bytes] = {}
    plugins: dict[str, str] = {}
    for key, value in (files or {}).items():
        if callable(value):
            plugins[key.removesuffix(".py").rsplit("/", 1)[-1]] = plugin_source(value)
        else:
            plain[key] = value
    write_files(root, plain)
    write_files(root, {f"{FOLDER}/{name}.py": text for name, text in plugins.items()})
    for name in plugins:
        trust(root, f"{FOLDER}/{name}.py")
    return root


def run_cli(args: Sequence[str | os.PathLike[str]], plugins: Sequence[tuple[str, object]] = (),
            capture: Callable[[], tuple[str, str]] | None = None) -> Result:
    """``infoview ARGS`` in this process with ``plugins`` registered; ``capture`` returns (and
    clears) what was printed (pytest's ``capsys.readouterr``)."""
    from infoview.cli.main import main

    code: int | str | None = 0
    try:
        main([os.fspath(a) for a in args], extra_plugins=list(plugins))
    except SystemExit as exited:
        code = exited.code
    out, err = capture() if capture is not None else ("", "")
    if not isinstance(code, int):
        code = 0 if code is None else 1
    return Result(code, out, err)


@pytest.fixture(autouse=True)
def _infoview_environment(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test: its own cache and config folders, no colour, none of the user's settings."""
    monkeypatch.setenv("INFOVIEW_CACHE_DIR", str(tmp_path_factory.mktemp("infoview-cache")))
    monkeypatch.setenv("INFOVIEW_CONFIG_DIR", str(tmp_path_factory.mktemp("infoview-config")))
    monkeypatch.setenv("NO_COLOR", "1")
    for name in _VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def infoview_vault(tmp_path: Path) -> Callable[..., Path]:
    """``infoview_vault(files=None, config="") -> Path``: a new vault (``vault``, then
    ``vault-2``...) under ``tmp_path``; see the module doc."""
    made: list[Path] = []

    def build(files: Files | None = None, config: str = "") -> Path:
        root = tmp_path / ("vault" if not made else f"vault-{len(made) + 1}")
        made.append(root)
        return make_vault(root, files, config)

    return build


@pytest.fixture
def infoview_plugins() -> list[tuple[str, object]]:
    """The plugins :func:`infoview_plugin` registered in this test."""
    return []


@pytest.fixture
def infoview_plugin(infoview_plugins: list[tuple[str, object]]) -> Callable[..., object]:
    """``infoview_plugin(plugin, name=None)``: use ``plugin`` in this test's runs (``name``:
    default, its module's or class's name in lower case)."""

    def register(plugin: object, name: str | None = None) -> object:
        shown = name or getattr(plugin, "__name__", type(plugin).__name__).rsplit(".", 1)[-1]
        infoview_plugins.append((shown.lower(), plugin))
        return plugin

    return register


@pytest.fixture
def infoview_run(capsys: pytest.CaptureFixture[str],
                 infoview_plugins: list[tuple[str, object]]) -> Callable[..., Result]:
    """``infoview_run(*args, load=None) -> Result``: ``infoview ARGS`` in this process (the
    output printed before it is not part of the result)."""

    def run(*args: str | os.PathLike[str], load: Sequence[str] | None = None) -> Result:
        capsys.readouterr()
        with _loading(load, [name for name, _ in infoview_plugins]):
            return run_cli(args, infoview_plugins, capsys.readouterr)

    return run


@contextlib.contextmanager
def _loading(load: Sequence[str] | None, extra: Sequence[str]) -> Iterator[None]:
    if load is None:
        yield
        return
    before = os.environ.get("INFOVIEW_LOAD_PLUGINS")
    os.environ["INFOVIEW_LOAD_PLUGINS"] = ",".join([*load, *extra])
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("INFOVIEW_LOAD_PLUGINS", None)
        else:
            os.environ["INFOVIEW_LOAD_PLUGINS"] = before
