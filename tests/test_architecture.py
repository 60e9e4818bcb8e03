"""The layers of ``core/`` (installed as ``infoview``), read from the code's own imports: a module
imports only from its own layer or the layers below (docs/architecture.md), and core never
imports the built-in plugins. Imports under ``if TYPE_CHECKING:`` are annotations only, which
may name a type of a higher layer (the plugin host's hooks take the app's ``Session``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "core"
LAYERS = ["model", "config", "parse", "vault", "index", "write", "plugin", "app", "cli"]
"""Lowest first."""
TOP = {"__init__": -1, "__main__": len(LAYERS), "api": len(LAYERS), "testing": len(LAYERS)}
"""Modules outside the layer packages: the package itself (imports nothing of infoview's; its
names come lazily from :mod:`infoview.api`), ``python -m infoview`` (the command line), the
public plugin API (names from every layer) and the pytest fixtures for plugin authors."""


def layer_of(module: str) -> int:
    """The layer of ``infoview.X...`` (``-1``: the package's own ``__init__``)."""
    parts = module.split(".")
    if len(parts) == 1:
        return -1
    first = parts[1]
    if first in LAYERS:
        return LAYERS.index(first)
    return TOP.get(first, -1)  # a name of the package itself: hookimpl, __version__


def runtime_imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` of every ``infoview`` import that runs (not under TYPE_CHECKING)."""
    found: list[tuple[int, str]] = []

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            test = node.test
            if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                    isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
                for child in node.orelse:
                    self.visit(child)
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.extend((node.lineno, a.name) for a in node.names
                         if a.name.startswith("infoview"))

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.module and node.module.startswith("infoview"):
                if node.module == "infoview":
                    found.extend((node.lineno, f"infoview.{a.name}") for a in node.names)
                else:
                    found.append((node.lineno, node.module))

    Visitor().visit(ast.parse(path.read_text("utf-8")))
    return found


def modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE).with_suffix("").parts
        out.append((".".join(("infoview", *parts)).removesuffix(".__init__"), path))
    return out


def test_every_module_is_in_a_layer() -> None:
    loose = [name for name, path in modules()
             if path.parent == CORE and path.stem not in TOP]
    assert loose == [], "put these in a layer's package (docs/architecture.md)"


@pytest.mark.parametrize(("name", "path"), modules(), ids=[n for n, _ in modules()])
def test_no_module_imports_a_higher_layer(name: str, path: Path) -> None:
    own = layer_of(name)
    wrong = [f"{path.relative_to(CORE.parent)}:{line}: {target}"
             for line, target in runtime_imports(path)
             if layer_of(target) > max(own, 0)]
    assert wrong == []


def test_core_never_imports_the_built_in_plugins() -> None:
    wrong = [f"{path}:{line}" for _name, path in modules()
             for line, target in runtime_imports(path) if target.startswith("infoview.plugins")]
    assert wrong == []


def test_the_layer_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from infoview.app.session import Session\n"
                   "from typing import TYPE_CHECKING\n"
                   "if TYPE_CHECKING:\n    from infoview.cli.main import main\n")
    found = runtime_imports(bad)
    assert found == [(1, "infoview.app.session")]
    assert layer_of(found[0][1]) > layer_of("infoview.model.note")


def test_plugins_write_no_sql() -> None:
    """The built-in plugins ask the index through its documented methods
    (:class:`infoview.index.store.Index`), as a third-party plugin would: no SQL of their own."""
    plugins = CORE.parent / "plugins"
    wrong = [f"{path.relative_to(plugins.parent)}:{number}"
             for path in sorted(plugins.rglob("*.py"))
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if "execute(" in line or ".conn." in line]
    assert wrong == []


def test_the_built_in_plugins_use_only_the_public_api() -> None:
    """A built-in plugin imports ``infoview``, ``infoview.api`` and its own package: what a
    third-party plugin can import too."""
    plugins = CORE.parent / "plugins"
    wrong = [f"{path.relative_to(plugins.parent)}:{line}: {target}"
             for path in sorted(plugins.rglob("*.py"))
             for line, target in runtime_imports(path) + annotation_imports(path)
             if not (target in ("infoview", "infoview.api") or target.startswith(
                 ("infoview.plugins", "infoview.hookimpl", "infoview.__version__")))]
    assert wrong == []


def annotation_imports(path: Path) -> list[tuple[int, str]]:
    """The ``infoview`` imports under ``if TYPE_CHECKING:`` (a plugin's types come from the
    public API too)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in ast.walk(node):
                if isinstance(child, ast.ImportFrom) and child.module \
                        and child.module.startswith("infoview"):
                    found.append((child.lineno, child.module))
    return found


def test_the_public_api_lists_what_it_gives() -> None:
    import infoview.api as api

    names = {name for name in api.__all__ if name not in ("__version__", "hookimpl")}
    assert names == set(api._WHERE)
    for name in sorted(names):
        assert getattr(api, name) is not None, name
