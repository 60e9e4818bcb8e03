"""``infoview sync [--full] [--dry-run]``."""

from __future__ import annotations

import click

from infoview.app.session import Session
from infoview.cli.options import json_option, session_options
from infoview.cli.output import print_json, progress

PROBLEMS_SHOWN = 20


@click.command("sync")
@click.option("--full", is_flag=True, help="Read every note again, not only changed ones.")
@click.option("--dry-run", is_flag=True, help="Show what plugins would write; write nothing.")
@json_option
@session_options
def command(session: Session, full: bool, dry_run: bool, as_json: bool) -> int:
    """Index changed notes, run the plugins (reminders, referrals, generated notes) and print a
    summary. Notes that cannot be read are reported; the rest is indexed. Exits 1 when a write
    failed for a reason of the system (a full disk, a read-only folder)."""
    from infoview.app.sync import run_sync

    with progress("Indexing") as update:
        result = run_sync(session, full=full, progress=update)
    report, writes = result.report, result.writes
    failed = 1 if any(skip.error is not None for skip in writes.skipped) else 0
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
            "dry_run": dry_run,
            "written": sorted(writes.written), "created": sorted(writes.created),
            "skipped": [{"path": s.path, "reason": s.reason} for s in writes.skipped],
            "diffs": writes.diffs if dry_run else [],
        })
        return failed
    if dry_run:
        for diff in writes.diffs:
            click.echo(diff, nl=False)
    click.echo(f"Synced {session.vault}: {len(report.added)} new, {len(report.changed)} changed, "
               f"{len(report.removed)} removed, {report.unchanged} unchanged "
               f"({report.seconds:.2f}s).")
    if writes.changed:
        verb = "would write" if dry_run else "wrote"
        click.echo(f"Plugins {verb} {len(writes.written)} note(s) and "
                   f"{'would create' if dry_run else 'created'} {len(writes.created)}"
                   f"{' (nothing written: --dry-run)' if dry_run else ''}.")
    for skipped in writes.skipped:
        click.echo(f"  not written: {skipped}", err=True)
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
    return failed
