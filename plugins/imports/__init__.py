"""Built-in plugin: ``infoview import SOURCE FILE [--dry-run]`` and its two sources.

The sources are a registry (the ``register_importers`` hook) that other plugins extend;
``infoview import --list`` shows what is installed. A source only reads its file; matching the
people to the vault's contacts and making notes for the new ones is :mod:`infoview.app.importing`.
Each source's code is imported only when it runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from infoview import hookimpl
from infoview.api import (
    InfoviewError,
    RegistryGroup,
    Session,
    UsageError,
    json_option,
    print_json,
    session_options,
    up_to_date,
)

if TYPE_CHECKING:
    from infoview.api import Importer, ReadResult
    from infoview.api import RegisterImporter as Register


def _lazy(module: str, function: str) -> Any:
    """A read function that imports ``infoview.plugins.imports.<module>`` when first called."""

    def read(path: Path, options: Mapping[str, Any]) -> ReadResult:
        found = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        result: ReadResult = found(path, options)
        return result

    return read


def sources() -> tuple[Importer, ...]:
    """The two built-in sources."""
    from infoview.api import Importer

    return (
        Importer("linkedin", _lazy("linkedin", "read_connections"),
                 "LinkedIn's Connections.csv (from \"Get a copy of your data\")",
                 source_label="LinkedIn"),
        Importer("vcf", _lazy("vcard", "read_vcards"),
                 "an address book's vCard file (.vcf: Google, Apple, Outlook, Android; vCard "
                 "2.1, 3.0 or 4.0)", source_label="vCard"),
    )


@hookimpl
def register_importers(register: Register) -> None:
    for importer in sources():
        register(importer)


def import_command(importer: Importer) -> click.Command:
    """``infoview import NAME FILE [--dry-run] [--verbose] [--json] [its options]``."""

    @click.command(importer.name, short_help=importer.description,
                   help=f"Import contacts from {importer.description}. People already in the "
                   "vault are matched, not duplicated, and their notes are left as they are; "
                   "the others become contact notes (undo with `infoview undo`).")
    @click.argument("file", type=click.Path(path_type=Path))
    @click.option("--dry-run", is_flag=True,
                  help="Show the notes that would be created (as diffs); write nothing.")
    @click.option("-v", "--verbose", is_flag=True,
                  help="Also list each person created and matched.")
    @json_option
    @session_options
    def command(session: Session, file: Path, dry_run: bool, verbose: bool, as_json: bool,
                **options: Any) -> int:
        if file.is_dir():
            raise UsageError(f"{file}: is a folder, not a file")
        if not file.exists():
            raise UsageError(f"{file}: no such file")
        try:
            result = importer.read(file, options)
        except InfoviewError:
            raise
        except OSError as error:
            raise InfoviewError(f"cannot read {file}: {error.strerror or error}") from None
        except Exception as error:
            return _failed(session, importer, error)
        from infoview.api import ReadResult

        if not isinstance(result, ReadResult):
            return _failed(session, importer, TypeError(
                f"read() returned {type(result).__name__}, not a ReadResult"))
        up_to_date(session)
        from infoview.api import import_people, progress

        with progress("Importing", threshold=100) as update:
            report = import_people(session, importer.name, result,
                                   source_label=importer.source_label or importer.name,
                                   file_label=file.name, progress=update)
        if report.created and not dry_run:
            session.refresh()  # the next command sees the new notes
        if as_json:
            print_json({"file": str(file), "dry_run": dry_run, **report.as_json(),
                        "diffs": session.writer.report.diffs if dry_run else []})
        else:
            _print(report, file, dry_run, verbose, session.writer.report.diffs)
        return 1 if report.problems else 0

    command.params.extend(importer.options)
    return command


def _failed(session: Session, importer: Importer, error: Exception) -> int:
    from infoview.api import PluginFailure

    owner = session.plugins.owner("register_importers", importer.name)
    session.plugins.failures.append(PluginFailure(owner, f"import {importer.name}", error))
    return 1


def _print(report: Any, file: Path, dry_run: bool, verbose: bool, diffs: list[str]) -> None:
    """The summary, the people skipped (file:line: name: reason) and the writes not made."""
    if dry_run:
        for diff in diffs:
            click.echo(diff, nl=False)
    verb = "Would create" if dry_run else "Created"
    click.echo(f"{verb} {len(report.created)}, matched {len(report.matched)}, skipped "
               f"{len(report.skipped)} (from {file.name}"
               f"{'; nothing written: --dry-run' if dry_run else ''}).")
    if verbose:
        for created in report.created:
            click.echo(f"  {'would create' if dry_run else 'created'}: {created.path}"
                       f"{_at(file, created.line)}")
        for matched in report.matched:
            click.echo(f"  matched: {matched.name} = {matched.path} (by {matched.by})"
                       f"{_at(file, matched.line)}")
    for notice in report.notices:
        where = f"{file.name}:{notice.line}" if notice.line is not None else file.name
        click.echo(f"  {where}: {notice.reason}", err=True)
    for skipped in report.skipped:
        where = f"{file.name}:{skipped.line}" if skipped.line is not None else file.name
        who = f" {skipped.name}:" if skipped.name else ""
        click.echo(f"  {where}:{who} {skipped.reason}", err=True)
    for problem in report.problems:
        click.echo(f"  not written: {problem}", err=True)


def _at(file: Path, line: int | None) -> str:
    return f" ({file.name}:{line})" if line is not None else ""


@click.group("import", cls=RegistryGroup, invoke_without_command=True,
             subcommand_metavar="SOURCE FILE [OPTIONS]",
             what="import source", hook="register_importers",
             entries=lambda plugins: plugins.importers(), make_command=import_command)
@click.option("--list", "show_list", is_flag=True, help="List the installed sources.")
@json_option
@click.pass_context
def import_group(ctx: click.Context, show_list: bool, as_json: bool) -> None:
    """Import contacts from a file: SOURCE is linkedin (LinkedIn's Connections.csv), vcf (a
    vCard file) or one a plugin adds (--list shows them)."""
    group = ctx.command
    if ctx.invoked_subcommand is None and isinstance(group, RegistryGroup):
        group.without_subcommand(ctx, show_list, as_json)


@hookimpl
def register_commands(cli: Any) -> None:
    cli.add_command(import_group)
