"""The tests share one set of helpers (``helpers.py``, ``conftest.py``): no test file defines its
own day, snapshot, fixture type alias or command-line runner. Checked from the source with
:mod:`ast`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SHARED = {"helpers.py", "conftest.py"}
ALIASES = {"Run", "RunWith", "RunProcess", "MakeVault"}
RUNNERS = {("infoview.cli.main", "main"), ("infoview.testing", "run_cli")}
"""What runs the command line in this process: only conftest's fixtures call these."""


def own_helpers(source: str, name: str = "test_x.py") -> list[str]:
    """``file:line: what`` for each helper a test file defines that helpers.py or conftest.py
    already gives."""
    tree = ast.parse(source)
    found: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        found.append(f"{name}:{getattr(node, 'lineno', 0)}: {what}")

    for node in tree.body:  # module level: constants and type aliases
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        for target in targets:
            if isinstance(target, ast.Name) and target.id == "TODAY":
                report(node, "its own TODAY (use helpers.TODAY or DAY)")
            elif isinstance(target, ast.Name) and (target.id in ALIASES or is_callable(value)):
                report(node, f"its own type alias {target.id} (helpers.py has "
                             f"{', '.join(sorted(ALIASES))})")
    runners: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "snapshot":
            report(node, "its own snapshot() (use helpers.snapshot)")
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if (node.module, alias.name) in RUNNERS:
                    runners.add(alias.asname or alias.name)
                    report(node, f"imports {node.module}.{alias.name} (run infoview through "
                                 "the run / run_with / run_process fixtures)")
    runners |= {f"{module}.{name}" for module, name in RUNNERS}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and dotted(node.func) in runners:
            report(node, "runs the command line itself (use the run / run_with fixtures)")
    return sorted(found, key=lambda line: int(line.split(":")[1]))


def is_callable(value: ast.expr | None) -> bool:
    """Whether ``value`` is ``Callable[...]`` (an alias of a fixture's type)."""
    return isinstance(value, ast.Subscript) and dotted(value.value).endswith("Callable")


def dotted(node: ast.expr) -> str:
    """``a.b.c`` for a chain of names and attributes, else ``""``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def test_no_test_file_defines_its_own_helpers() -> None:
    found = [line for path in sorted(TESTS.glob("*.py")) if path.name not in SHARED
             for line in own_helpers(path.read_text(encoding="utf-8"), path.name)]
    assert found == []


def test_the_shared_ones_are_in_helpers_and_conftest() -> None:
    helpers = ast.parse((TESTS / "helpers.py").read_text(encoding="utf-8"))
    defined = {node.name for node in helpers.body if isinstance(node, ast.FunctionDef)}
    defined |= {target.id for node in helpers.body if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)}
    assert {"TODAY", "DAY", "snapshot", "changed_files", *ALIASES} <= defined
    conftest = own_helpers((TESTS / "conftest.py").read_text(encoding="utf-8"), "conftest.py")
    assert [line for line in conftest if "runs the command line" in line]  # the one runner


@pytest.mark.parametrize(("source", "what"), [
    ('TODAY = "2026-11-25"\n', "its own TODAY"),
    ("import datetime\nTODAY: datetime.date = datetime.date(2026, 11, 24)\n", "its own TODAY"),
    ("from collections.abc import Callable\nRun = Callable[..., object]\n", "type alias Run"),
    ("import typing\nInvoke = typing.Callable[..., int]\n", "type alias Invoke"),
    ("def snapshot(root):\n    return {}\n", "its own snapshot()"),
    ("class T:\n    def snapshot(self):\n        return {}\n", "its own snapshot()"),
    ("from infoview.testing import run_cli\n\ndef cli(capsys, *args):\n"
     "    return run_cli(args, [], capsys.readouterr)\n", "runs the command line itself"),
    ("def test_x():\n    from infoview.cli.main import main as entry\n    entry(['list'])\n",
     "runs the command line itself"),
    ("import infoview.cli.main\n\ndef go():\n    infoview.cli.main.main(['list'])\n",
     "runs the command line itself"),
])
def test_the_check_finds_each_kind(source: str, what: str) -> None:
    assert any(what in line for line in own_helpers(source)), own_helpers(source)


def test_what_the_helpers_give_is_fine() -> None:
    source = ("from helpers import DAY, TODAY, Run, snapshot\n"
              "A_TUESDAY = DAY\n"
              "def test_x(run: Run, tmp_path):\n"
              "    before = snapshot(tmp_path)\n"
              "    assert run('list', '--today', TODAY).code == 0\n")
    assert own_helpers(source) == []
