"""Fixtures shared by every test file, built on the plugin authors' own fixtures
(:mod:`infoview.testing`, which gives every test its own cache and config folders, no colour and
none of the user's ``INFOVIEW_*`` settings):

- ``cache_dir``: the test's ``$INFOVIEW_CACHE_DIR`` (where the index and journal go);
- ``make_vault(files, config="")``: a vault holding ``files``, ``config`` its
  ``.infoview/config.toml`` (``infoview_vault``: a callable value is a trusted local plugin);
- ``run(*args)``: ``infoview ARGS`` in this process; returns a :class:`Result`;
- ``run_with(plugins, *args)``: the same with ``(name, plugin)`` pairs registered;
- ``run_process(*args)``: ``python -m infoview ARGS`` in a child process (true end-to-end).

Their types, the day the tests run on and the other helpers the tests share are in
``helpers.py``.

Example::

    def test_doctor_is_happy(make_vault, run):
        vault = make_vault({"Contacts/Jane Doe.md": "---\\ntype: contact\\n---\\n"})
        result = run("doctor", "--vault", vault, "--json")
        assert result.code == 0
        assert result.json()["problems"] == []
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from helpers import MakeVault, Result, Run, RunProcess, RunWith

from infoview.testing import run_cli


@pytest.fixture
def cache_dir() -> Path:
    """The test's ``$INFOVIEW_CACHE_DIR`` (a fresh folder, set by :mod:`infoview.testing`)."""
    return Path(os.environ["INFOVIEW_CACHE_DIR"])


@pytest.fixture
def make_vault(infoview_vault: MakeVault) -> MakeVault:
    """``make_vault(files={}, config="") -> Path``: a new vault under ``tmp_path`` (``vault``,
    then ``vault-2``, ... if called again) with ``config`` as its ``.infoview/config.toml`` and
    ``files`` (which may hold ``.infoview/config.toml`` instead)."""
    return infoview_vault


@pytest.fixture
def run(infoview_run: Run) -> Run:
    """``run(*args) -> Result``: ``infoview ARGS`` in this process (arguments may be paths);
    the output printed before the call is not part of the result."""
    return infoview_run


@pytest.fixture
def run_with(capsys: pytest.CaptureFixture[str]) -> RunWith:
    """``run_with(plugins, *args) -> Result``: ``infoview ARGS`` in this process with extra
    ``(name, plugin)`` pairs registered beside the installed plugins."""

    def invoke(plugins: Sequence[tuple[str, object]], *args: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        return run_cli(args, plugins, capsys.readouterr)

    return invoke


@pytest.fixture
def run_process() -> RunProcess:
    """``run_process(*args, timeout=60) -> Result``: ``python -m infoview ARGS`` in a child
    process with this test's environment (so its ``$INFOVIEW_CACHE_DIR``)."""

    def invoke(*args: str | os.PathLike[str], timeout: float = 60) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "infoview", *(os.fspath(a) for a in args)],
            capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return invoke
