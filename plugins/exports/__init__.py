"""Built-in plugin: ``infoview export FORMAT [-o FILE]`` and its five formats.

The formats are a registry (the ``register_exporters`` hook) that other plugins extend;
``infoview export --list`` shows what is installed. Each format's code is imported only when
it runs.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from infoview import hookimpl
from infoview.api import (
    InfoviewError,
    RegistryGroup,
    Session,
    json_option,
    session_options,
    up_to_date,
)

if TYPE_CHECKING:
    from infoview.api import Exporter
    from infoview.api import RegisterExporter as Register


def _lazy(module: str, function: str) -> Any:
    """A render function that imports ``infoview.plugins.exports.<module>`` when first called."""

    def render(session: Session, options: Mapping[str, Any]) -> str | bytes:
        found = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        result: str | bytes = found(session, options)
        return result

    return render


def formats() -> tuple[Exporter, ...]:
    """The five built-in formats."""
    from infoview.api import Exporter

    return (
        Exporter("csv", _lazy("to_csv", "render_csv"),
                 "contacts as a spreadsheet (one row per contact)", ".csv",
                 options=(click.Option(["--no-guard"], is_flag=True,
                                       help="Leave cells that start like a formula (=, +, -, @) "
                                            "as they are: for tools that never run formulas. "
                                            "By default they get a leading '."),)),
        Exporter("json", _lazy("to_json", "render_json"),
                 "contacts, interviews, companies and open reminders (version 1)", ".json"),
        Exporter("ics", _lazy("to_ics", "render_ics"),
                 "calendar: open reminders (with an alarm) and interviews ahead", ".ics",
                 options=(click.Option(["--todos"], is_flag=True,
                                       help="Reminders as to-dos (VTODO) instead of all-day events "
                                            "(many calendars ignore to-dos)."),)),
        Exporter("vcf", _lazy("to_vcf", "render_vcf"),
                 "address book: a vCard 3.0 per contact", ".vcf"),
        Exporter("html", _lazy("to_html", "render_html"),
                 "a self-contained report page: pipeline, due, referral graph, contacts", ".html"),
    )


@hookimpl
def register_exporters(register: Register) -> None:
    for exporter in formats():
        register(exporter)


def export_command(exporter: Exporter) -> click.Command:
    """``infoview export NAME [-o FILE] [its options]``."""

    @click.command(exporter.name, help=f"Export {exporter.description}.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  metavar="FILE", help="Write to FILE (default: standard output).")
    @session_options
    def command(session: Session, output: Path | None, **options: Any) -> int:
        up_to_date(session)
        try:
            document = exporter.render(session, options)
        except InfoviewError:
            raise
        except Exception as error:
            from infoview.api import PluginFailure

            owner = session.plugins.owner("register_exporters", exporter.name)
            session.plugins.failures.append(PluginFailure(owner, f"export {exporter.name}",
                                                          error))
            return 1
        data = document.encode("utf-8") if isinstance(document, str) else document
        if output is None or str(output) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return 0
        from infoview.api import write_output

        write_output(output, data, vault=session.vault)
        click.echo(f"Wrote {output} ({exporter.name}, {_size(len(data))})", err=True)
        return 0

    command.params.extend(exporter.options)
    return command


def _size(count: int) -> str:
    return f"{count} bytes" if count < 1024 else f"{count / 1024:.0f} KB"


@click.group("export", cls=RegistryGroup, invoke_without_command=True,
             what="export format", hook="register_exporters",
             entries=lambda plugins: plugins.exporters(), make_command=export_command)
@click.option("--list", "show_list", is_flag=True, help="List the installed formats.")
@json_option
@click.pass_context
def export(ctx: click.Context, show_list: bool, as_json: bool) -> None:
    """Export the vault: FORMAT is csv, json, ics, vcf, html or one a plugin adds
    (--list shows them). Writes to standard output unless -o FILE is given."""
    group = ctx.command
    if ctx.invoked_subcommand is None and isinstance(group, RegistryGroup):
        group.without_subcommand(ctx, show_list, as_json)


@hookimpl
def register_commands(cli: Any) -> None:
    cli.add_command(export)
