"""``infoview undo [--dry-run]``: revert the last run's writes where files are unchanged since."""

from __future__ import annotations

import click

from infoview.app.session import Session
from infoview.cli.options import json_option, session_options
from infoview.cli.output import print_json


@click.command("undo")
@click.option("--dry-run", is_flag=True, help="Show the diffs undo would make; change nothing.")
@json_option
@session_options
def command(session: Session, dry_run: bool, as_json: bool) -> int:
    """Revert the writes of the last run that wrote (usually the last sync): notes it created
    are deleted, notes it edited get their previous bytes back. A file changed since is left
    alone and listed. Run it again to revert the run before."""
    from infoview.write.undo import undo_last
    from infoview.write.writer import NoteWriter

    writer = NoteWriter(session.vault, None, dry_run=dry_run)  # undo is itself not journaled
    report = undo_last(session.journal, writer)
    if report.restored or report.deleted:
        session.refresh()
    if as_json:
        print_json({"run": report.run, "started": report.started, "command": report.command,
                    "dry_run": dry_run, "restored": report.restored, "deleted": report.deleted,
                    "left_alone": report.left_alone,
                    "diffs": writer.report.diffs if dry_run else []})
        return 1 if report.left_alone else 0
    if report.run is None:
        click.echo("Nothing to undo: infoview has made no writes to this vault (that are not "
                   "undone already).")
        return 0
    if dry_run:
        for diff in writer.report.diffs:
            click.echo(diff, nl=False)
    verb = "Would revert" if dry_run else "Reverted"
    click.echo(f"{verb} `{report.command}` of {report.started}: {len(report.restored)} note(s) "
               f"restored, {len(report.deleted)} created note(s) deleted.")
    for path in report.left_alone:
        click.echo(f"  left alone (changed since): {path}", err=True)
    return 1 if report.left_alone else 0
