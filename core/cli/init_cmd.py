"""``infoview init [PATH] [--example]``."""

from __future__ import annotations

from pathlib import Path

import click

from infoview.app.session import parse_today
from infoview.cli.options import debug_option
from infoview.cli.output import print_json


@click.command("init")
@debug_option
@click.argument("path", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--example", is_flag=True, help="Add a small example job search.")
@click.option("--today", metavar="YYYY-MM-DD", envvar="INFOVIEW_TODAY",
              help="Date the example relative to this day.")
@click.option("--dry-run", is_flag=True, help="Print the files init would make; make nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what was made as JSON.")
def command(path: Path, example: bool, today: str | None, dry_run: bool, as_json: bool) -> None:
    """Make a vault at PATH (default: here), or add .infoview/ and the missing templates to an
    existing folder. Nothing that exists is overwritten."""
    from infoview.app.init import init_vault

    report = init_vault(path, example=example, today=parse_today(today), dry_run=dry_run)
    if as_json:
        print_json({"vault": str(report.vault.resolve()), "created": report.created,
                    "kept": report.kept, "dry_run": dry_run,
                    "diffs": report.writer.report.diffs if dry_run else []})
        return
    if dry_run:
        for diff in report.writer.report.diffs:
            click.echo(diff, nl=False)
        click.echo(f"Would create {len(report.created)} file(s) and folder(s) in {report.vault} "
                   f"(nothing made: --dry-run); {len(report.kept)} already there.")
        return
    click.echo(f"Vault: {report.vault}")
    click.echo(f"  created {len(report.created)} file(s), kept {len(report.kept)} that were "
               "already there")
    click.echo("Next: `infoview sync` to index it, then `infoview list` or `infoview doctor`.")
