"""Fixtures shared by every test file.

- ``cache_dir`` (autouse): the index and journals go to a fresh temporary folder (outside
  ``tmp_path``, so a test may use ``tmp_path`` itself as a vault); ``$INFOVIEW_VAULT``,
  ``$INFOVIEW_TODAY`` and ``$INFOVIEW_DEBUG`` are unset and ``NO_COLOR=1``.
- ``make_vault(files)``: a vault (with an empty ``.infoview/config.toml``) holding ``files``.
- ``run(*args)``: ``infoview ARGS`` in this process; returns a :class:`Result`.
- ``run_process(*args)``: ``python -m infoview ARGS`` in a child process (true end-to-end);
  returns a :class:`Result` too.

Example::

    def test_doctor_is_happy(make_vault, run):
        vault = make_vault({"Contacts/Jane Doe.md": "---\\ntype: contact\\n---\\n"})
        result = run("doctor", "--vault", vault, "--json")
        assert result.code == 0
        assert result.json()["problems"] == []
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from infoview.cli.main import main


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


Files = Mapping[str, str | bytes]
"""Vault-relative POSIX path → content: ``str`` is written as UTF-8 exactly (no newline
translation), ``bytes`` as they are."""


def write_files(root: Path, files: Files) -> None:
    """Write ``files`` under ``root``, making parent folders as needed."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``$INFOVIEW_CACHE_DIR`` for each test (returned), and a clean environment."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("INFOVIEW_CACHE_DIR", str(folder))
    monkeypatch.setenv("INFOVIEW_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    for name in ("INFOVIEW_LOAD_PLUGINS", "INFOVIEW_DISABLE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    for name in ("INFOVIEW_VAULT", "INFOVIEW_TODAY", "INFOVIEW_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


@pytest.fixture
def make_vault(tmp_path: Path) -> Callable[..., Path]:
    """``make_vault(files={}) -> Path``: a new vault under ``tmp_path`` (``vault``, then
    ``vault-2``, ... if called again) with an empty ``.infoview/config.toml`` and ``files``.

    ``files`` may hold ``.infoview/config.toml`` to give the vault a config.
    """
    made: list[Path] = []

    def make(files: Files | None = None) -> Path:
        root = tmp_path / ("vault" if not made else f"vault-{len(made) + 1}")
        (root / ".infoview").mkdir(parents=True)
        (root / ".infoview" / "config.toml").write_bytes(b"")
        write_files(root, files or {})
        made.append(root)
        return root

    return make


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``run(*args) -> Result``: ``infoview ARGS`` in this process (arguments may be paths).

    Output already captured before the call is discarded, so each result holds only its own.
    """

    def invoke(*args: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        code: int | str | None = 0
        try:
            main([os.fspath(a) for a in args])
        except SystemExit as exit_:
            code = exit_.code
        captured = capsys.readouterr()
        if not isinstance(code, int):  # sys.exit("message") or sys.exit(None)
            code = 0 if code is None else 1
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def run_with(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``run_with(plugins, *args) -> Result``: ``infoview ARGS`` in this process with extra
    ``(name, plugin)`` pairs registered beside the installed plugins."""

    def invoke(plugins: Sequence[tuple[str, object]], *args: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main([os.fspath(a) for a in args], extra_plugins=plugins)
        out, err = capsys.readouterr()
        code = exited.value.code
        return Result(code if isinstance(code, int) else (0 if code is None else 1), out, err)

    return invoke


@pytest.fixture
def run_process() -> Callable[..., Result]:
    """``run_process(*args, timeout=60) -> Result``: ``python -m infoview ARGS`` in a child
    process with this test's environment (so its ``$INFOVIEW_CACHE_DIR``)."""

    def invoke(*args: str | os.PathLike[str], timeout: float = 60) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "infoview", *(os.fspath(a) for a in args)],
            capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return invoke
