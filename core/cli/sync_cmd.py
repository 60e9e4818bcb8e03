"""``infoview sync [--full] [--dry-run]``."""

from __future__ import annotations

import click

from infoview.cli.options import json_option, session_options
from infoview.cli.output import print_json, progress
from infoview.session import Session

PROBLEMS_SHOWN = 20


@click.command("sync")
@click.option("--full", is_flag=True, help="Read every note again, not only changed ones.")
@click.option("--dry-run", is_flag=True, help="Show what plugins would write; write nothing.")
@json_option
@session_options
def command(session: Session, full: bool, dry_run: bool, as_json: bool) -> None:
    """Index changed notes, run the plugins (reminders, referrals, generated notes) and print a
    summary. Notes that cannot be read are reported; the rest is indexed."""
    session.dry_run = dry_run
    with progress("Indexing") as update:
        report = session.refresh(full=full, progress=update)
    session.plugins.sync_after_index(session)
    problems = sorted(report.problems, key=lambda p: (p.path, p.line or 0))
    if as_json:
        print_json({
            "vault": str(session.vault),
            "added": sorted(report.added), "changed": sorted(report.changed),
            "removed": sorted(report.removed), "unchanged": report.unchanged,
            "conflicts": sorted(report.conflicts),
            "problems": [{"path": p.path, "line": p.line, "kind": p.kind, "message": p.message}
                         for p in problems],
            "total_problems": report.total_problems, "rebuilt": report.rebuilt,
            "seconds": round(report.seconds, 3),
            "plugin_failures": [str(f) for f in session.plugins.failures],
        })
        return
    click.echo(f"Synced {session.vault}: {len(report.added)} new, {len(report.changed)} changed, "
               f"{len(report.removed)} removed, {report.unchanged} unchanged "
               f"({report.seconds:.2f}s).")
    for problem in problems[:PROBLEMS_SHOWN]:
        click.echo(f"  {problem}", err=True)
    if len(problems) > PROBLEMS_SHOWN:
        click.echo(f"  ... and {len(problems) - PROBLEMS_SHOWN} more", err=True)
    others = report.total_problems - len(problems)
    if report.conflicts:
        click.echo(f"  {len(report.conflicts)} sync-conflict cop"
                   f"{'y' if len(report.conflicts) == 1 else 'ies'} not indexed "
                   "(see `infoview doctor`)", err=True)
    if others > 0:
        click.echo(f"  {others} problem(s) in unchanged notes: see `infoview doctor`", err=True)
