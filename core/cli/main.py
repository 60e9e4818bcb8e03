"""The ``infoview`` command line: the group, the core commands, plugin commands, and the one
place where errors become one line and an exit status: 0 ok; 1 the command ran and found
problems or could not do (part of) its work; 2 usage or setup error; 130 interrupted. An
:class:`~infoview.model.errors.InfoviewError` carries its own status (see that module)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from infoview import __version__
from infoview.cli.options import AppState, debug_option
from infoview.cli.output import error_line, printable_output, warn
from infoview.model.errors import InfoviewError, VaultNotFoundError, os_error_reason
from infoview.model.printable import quoted_name
from infoview.plugin.host import PluginHost, make_plugin_manager

CORE_COMMANDS = {"init": "init_cmd", "sync": "sync_cmd", "list": "list_cmd",
                 "show": "show_cmd", "search": "search_cmd", "doctor": "doctor_cmd",
                 "plugins": "plugins_cmd", "undo": "undo_cmd", "watch": "watch_cmd"}
"""The core commands: name → their module under ``infoview.cli`` (its ``command``)."""


class _Commands(click.Group):
    """The ``infoview`` group: a core command's module is imported when that command runs (or
    ``--help`` lists it), so that start-up does not pay for the others. A plugin's command of
    the same name takes its place, as when core commands were added first. Plugins may add
    their commands the same way: :meth:`add_lazy_command`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}
        """Command name → ``"module:attribute"`` of a plugin's command not imported yet."""

    def add_lazy_command(self, name: str, target: str) -> None:
        """Add the command ``name`` that ``target`` (``"package.module:attribute"``) holds,
        importing its module only when the command runs (or ``--help`` lists it)."""
        self.lazy[name] = target

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *CORE_COMMANDS, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and (cmd_name in self.lazy
                                              or cmd_name in CORE_COMMANDS):
            import importlib

            if cmd_name in self.lazy:
                module, _, attribute = self.lazy.pop(cmd_name).partition(":")
                command = getattr(importlib.import_module(module), attribute)
            else:
                command = importlib.import_module(
                    f"infoview.cli.{CORE_COMMANDS[cmd_name]}").command
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


def build_cli(plugins: PluginHost | None) -> click.Group:
    """A fresh ``infoview`` group with the core commands and every plugin's commands."""

    @click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="infoview")
    @debug_option
    def cli() -> None:
        """Keep an informational-interview job search in a Markdown vault: who to thank, follow
        up and prepare for, and who led to whom.

        --vault PATH, --today YYYY-MM-DD, --json and --debug may come before the command name
        or after it."""

    if plugins is not None:
        plugins.register_commands(cli)
    return cli


SHARED_VALUE_OPTIONS = ("--vault", "--today")
SHARED_FLAGS = ("--json",)


def shared_options_last(args: list[str]) -> list[str]:
    """``args`` with the options every command takes (:data:`SHARED_VALUE_OPTIONS`,
    :data:`SHARED_FLAGS`) moved from before the command name to the end (before a ``--``), as
    git's ``-C`` is taken: ``infoview --vault V due`` runs ``infoview due --vault V``. Click reads
    a group's options before its command and a command's options after it; ``--debug`` stays
    where it is (the group takes it too). A command that has no such option says so."""
    moved: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.split("=", 1)[0] in SHARED_VALUE_OPTIONS:
            step = 1 if "=" in arg else 2
            moved += args[i:i + step]
        elif arg in SHARED_FLAGS:
            moved.append(arg)
            step = 1
        elif arg == "--debug":
            kept.append(arg)
            step = 1
        else:
            break
        i += step
    rest = args[i:]
    if not moved or not rest or rest[0].startswith("-"):
        return args
    end = rest.index("--") if "--" in rest else len(rest)
    return [*kept, *rest[:end], *moved, *rest[end:]]


def _vault_arg(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--vault" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--vault="):
            return arg.split("=", 1)[1]
    return None


def load_plugins(argv: Sequence[str],
                 extra: Sequence[tuple[str, object]] = ()) -> PluginHost:
    """Plugins for the vault the command line names (its ``[plugins] disabled`` respected, its
    trusted local plugins loaded); all installed plugins when there is no vault (``init``,
    ``--help``)."""
    from infoview.config.settings import load_config
    from infoview.vault.layout import find_vault

    disabled: list[str] = []
    vault = None
    with contextlib.suppress(InfoviewError):  # the command itself reports a bad vault/config
        vault = find_vault(_vault_arg(argv))
        disabled = load_config(vault).disabled_plugins
    return make_plugin_manager(disabled=disabled, vault=vault, extra=extra)


def main(argv: Sequence[str] | None = None, *,
         extra_plugins: Sequence[tuple[str, object]] = ()) -> None:
    """Entry point of the ``infoview`` script; ``extra_plugins`` (``(name, plugin)`` pairs) are
    registered beside the installed ones (tests and embedding use it). Always ends with
    ``SystemExit``. What it prints is free of control characters from notes
    (:func:`~infoview.cli.output.printable_output`)."""
    with printable_output():
        _main(shared_options_last(list(sys.argv[1:] if argv is None else argv)), extra_plugins)


def _main(args: list[str], extra_plugins: Sequence[tuple[str, object]]) -> None:
    options = args[:args.index("--")] if "--" in args else args
    debug = "--debug" in options or os.environ.get("INFOVIEW_DEBUG", "").strip().lower() \
        not in ("", "0", "false", "no", "off")
    try:
        plugins = load_plugins(args, extra_plugins)
        for notice in plugins.notices:
            warn(notice)
        for failure in plugins.failures:
            warn(str(failure))
            if debug:
                click.echo(failure.traceback, err=True, nl=False)
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
        if error.filename is None and not _current_folder_exists():
            from infoview.vault.layout import GONE  # a relative path, in a folder deleted

            error_line(GONE)
            sys.exit(VaultNotFoundError.exit_code)
        where = f"{quoted_name(os.fsdecode(error.filename))}: " if error.filename else ""
        error_line(f"{where}{os_error_reason(error)}")
        sys.exit(InfoviewError.exit_code)  # the command could not do its work
    except Exception as error:
        if debug:
            raise
        error_line(f"internal error: {type(error).__name__}: {error} "
                   "(a bug in infoview: rerun with --debug for the traceback and report it)")
        sys.exit(1)
    for failure in plugins.failures[reported:]:
        error_line(str(failure))
        if debug and failure.traceback:
            click.echo(failure.traceback, err=True, nl=False)
    code = result if isinstance(result, int) else 0
    sys.exit(max(code, 1) if plugins.failures else code)


def _current_folder_exists() -> bool:
    try:
        os.getcwd()
    except FileNotFoundError:
        return False
    return True
