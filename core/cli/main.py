"""The ``infoview`` command line: the group, the core commands, plugin commands, and the one
place where errors become one line and an exit status (0 ok, 1 problems found, 2 usage)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence

import click

from infoview import __version__
from infoview.cli.options import AppState, debug_option
from infoview.cli.output import error_line, printable_output, warn
from infoview.errors import InfoviewError, os_error_reason
from infoview.plugin_manager import PluginHost, make_plugin_manager
from infoview.printable import quoted_name


def build_cli(plugins: PluginHost | None) -> click.Group:
    """A fresh ``infoview`` group with the core commands and every plugin's commands."""
    from infoview.cli import (
        doctor_cmd,
        init_cmd,
        list_cmd,
        plugins_cmd,
        search_cmd,
        show_cmd,
        sync_cmd,
        undo_cmd,
        watch_cmd,
    )

    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="infoview")
    @debug_option
    def cli() -> None:
        """Keep an informational-interview job search in a Markdown vault: who to thank, follow
        up and prepare for, and who led to whom."""

    for module in (init_cmd, sync_cmd, list_cmd, show_cmd, search_cmd, doctor_cmd,
                   plugins_cmd, undo_cmd, watch_cmd):
        cli.add_command(module.command)
    if plugins is not None:
        plugins.register_commands(cli)
    return cli


def _vault_arg(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--vault" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--vault="):
            return arg.split("=", 1)[1]
    return None


def load_plugins(argv: Sequence[str],
                 extra: Sequence[tuple[str, object]] = ()) -> PluginHost:
    """Plugins for the vault the command line names (its ``[plugins] disabled`` respected);
    all installed plugins when there is no vault (``init``, ``--help``)."""
    from infoview.config import load_config
    from infoview.vault import find_vault

    disabled: list[str] = []
    with contextlib.suppress(InfoviewError):  # the command itself reports a bad vault/config
        disabled = load_config(find_vault(_vault_arg(argv))).disabled_plugins
    return make_plugin_manager(disabled=disabled, extra=extra)


def main(argv: Sequence[str] | None = None, *,
         extra_plugins: Sequence[tuple[str, object]] = ()) -> None:
    """Entry point of the ``infoview`` script; ``extra_plugins`` (``(name, plugin)`` pairs) are
    registered beside the installed ones (tests and embedding use it). Always ends with
    ``SystemExit``. What it prints is free of control characters from notes
    (:func:`~infoview.cli.output.printable_output`)."""
    with printable_output():
        _main(list(sys.argv[1:] if argv is None else argv), extra_plugins)


def _main(args: list[str], extra_plugins: Sequence[tuple[str, object]]) -> None:
    options = args[:args.index("--")] if "--" in args else args
    debug = "--debug" in options or os.environ.get("INFOVIEW_DEBUG", "").strip().lower() \
        not in ("", "0", "false", "no", "off")
    try:
        plugins = load_plugins(args, extra_plugins)
        for failure in plugins.failures:
            warn(str(failure))
        cli = build_cli(plugins)
        reported = len(plugins.failures)
        result = cli.main(args=args, prog_name="infoview", standalone_mode=False,
                          obj=AppState(plugins=plugins, debug=debug))
    except click.UsageError as error:
        where = error.ctx.command_path if error.ctx is not None else "infoview"
        error_line(f"{error.format_message()} (see `{where} --help`)")
        sys.exit(2)
    except click.ClickException as error:
        error_line(error.format_message())
        sys.exit(error.exit_code if error.exit_code != 1 else 2)
    except click.Abort:
        error_line("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except InfoviewError as error:
        if debug:
            raise
        error_line(str(error))
        sys.exit(error.exit_code)
    except OSError as error:  # the disk or the file system, not infoview: one line
        if debug:
            raise
        where = f"{quoted_name(os.fsdecode(error.filename))}: " if error.filename else ""
        error_line(f"{where}{os_error_reason(error)}")
        sys.exit(2)
    except Exception as error:
        if debug:
            raise
        error_line(f"internal error: {type(error).__name__}: {error} "
                   "(a bug in infoview: rerun with --debug for the traceback and report it)")
        sys.exit(1)
    for failure in plugins.failures[reported:]:
        error_line(str(failure))
    code = result if isinstance(result, int) else 0
    sys.exit(max(code, 1) if plugins.failures else code)
