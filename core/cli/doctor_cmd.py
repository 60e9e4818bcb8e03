"""``infoview doctor``: everything wrong with the vault, one line each; exit 1 if anything."""

from __future__ import annotations

import os
import sys

import click

from infoview.app.session import Session
from infoview.cli.options import json_option, session_options, up_to_date
from infoview.cli.output import print_json
from infoview.model.note import Problem


@click.command("doctor")
@json_option
@session_options
def command(session: Session, as_json: bool) -> int:
    """Report invalid frontmatter (file:line), unresolved and ambiguous links, sync-conflict
    copies and setup problems. Exits 1 if there are any (warnings alone exit 0)."""
    up_to_date(session)
    libyaml = have_libyaml()
    problems: list[Problem] = []
    if not libyaml:
        problems.append(Problem("PyYAML", None, "PyYAML was built without libyaml, so reading "
                                "notes is several times slower; reinstall it from a wheel: "
                                "pip install --force-reinstall --only-binary=:all: PyYAML",
                                kind="setup"))
    problems.extend(session.plugins.doctor_problems(session))
    problems.sort(key=lambda p: (p.kind == "setup", p.path, p.line or 0))
    if as_json:
        print_json({
            "vault": str(session.vault),
            "index": str(session.index_file),
            "config": str(session.vault / ".infoview" / "config.toml"),
            "libyaml": libyaml,
            "notes": session.index.counts(),
            "problems": [{"path": p.path, "line": p.line, "kind": p.kind,
                          "message": p.message} for p in problems],
        })
    else:
        for problem in problems:
            click.echo(str(problem))
        counts = session.index.counts()
        summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("contact", "interview",
                                                                  "company", "other"))
        click.echo(f"{len(problems)} problem(s) in {session.vault} ({summary}; "
                   f"index {session.index_file})", err=True)
    return 1 if any(p.kind != "warning" for p in problems) else 0


def have_libyaml() -> bool:
    """Whether PyYAML has its C loader (libyaml). Asked of the loader when it is imported (a
    sync read notes); otherwise the extension module is looked for without importing PyYAML,
    which a read command has no other use for."""
    loader = sys.modules.get("infoview.parse.frontmatter")
    if loader is not None:
        return bool(loader.HAVE_LIBYAML)
    import importlib.machinery
    import importlib.util

    spec = importlib.util.find_spec("yaml")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    return any(os.path.isfile(os.path.join(folder, "_yaml" + suffix))
               for folder in folders for suffix in importlib.machinery.EXTENSION_SUFFIXES)
