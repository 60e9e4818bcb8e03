"""Files that are not Python but part of infoview (the index's schema, the vault template, the
HTML report's style and templates) are package data: a built wheel holds them, and the code
reads them from the package, not from Python strings."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from pathlib import Path

from helpers import TODAY, Run

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_in_the_package_data() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {package: ROOT / folder for package, folder in setuptools["package-dir"].items()}
    declared: set[Path] = set()
    for package, patterns in setuptools["package-data"].items():
        top = max((p for p in folders if package == p or package.startswith(p + ".")), key=len)
        folder = folders[top].joinpath(*package[len(top):].split(".")[1:])
        declared |= {path for pattern in patterns for path in folder.glob(pattern)
                     if path.is_file()}
    data = {path for folder in folders.values() for path in folder.rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc")
            and "__pycache__" not in path.parts}
    assert data, "no data files found: the package layout changed?"
    assert sorted(map(str, data - declared)) == []


def test_the_report_is_made_from_its_files(run: Run, tmp_path: Path) -> None:
    exports = files("infoview.plugins.exports")
    css = exports.joinpath("report.css").read_text(encoding="utf-8")
    page_template = exports.joinpath("report.html").read_text(encoding="utf-8")
    svg_template = exports.joinpath("referrals.svg").read_text(encoding="utf-8")
    vault = tmp_path / "Search"
    assert run("init", "--example", vault).code == 0
    page = run("export", "html", "--vault", vault, "--today", TODAY).out
    assert f"<style>\n{css}</style>" in page
    head = page_template.split("<title>")[0]
    assert page.startswith(head) and page.endswith("</footer>\n</body>\n</html>\n")
    svg_head = svg_template.split("\n", 1)[0]
    svg_head_re = re.escape(svg_head).replace(r"\$width", r"\d+").replace(r"\$height", r"\d+")
    svg_head_re = svg_head_re.replace(r"\$label", r"[^\"]+")
    assert re.search(svg_head_re, page), svg_head
    assert svg_template.split("\n")[1] in page  # the arrowhead
    assert not re.search(r"\$(?:title|css|body|vault|today|width|height|label|drawing)\b", page)
