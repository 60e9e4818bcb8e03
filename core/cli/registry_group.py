"""A command group whose subcommands come from a plugin registry (``infoview export FORMAT``,
``infoview import SOURCE``): the formats are looked up when the command line runs, from the
vault's plugins, and ``--list`` shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from infoview.cli.options import AppState
from infoview.cli.output import print_json, table


class RegistryGroup(click.Group):
    """Subcommands made by ``make_command(entry)`` for each entry of the plugin registry that
    ``entries(plugins)`` returns (``PluginHost.exporters``, ``PluginHost.importers``)."""

    def __init__(self, *args: Any, what: str, hook: str,
                 entries: Callable[[Any], dict[str, Any]],
                 make_command: Callable[[Any], click.Command], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.what = what
        self.hook = hook
        self._entries = entries
        self._make_command = make_command

    def entries(self, ctx: click.Context) -> dict[str, Any]:
        state = ctx.find_object(AppState)
        if state is None or state.plugins is None:
            return {}
        return self._entries(state.plugins)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.entries(ctx))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = self.entries(ctx).get(cmd_name)
        return None if entry is None else self._make_command(entry)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if self.get_command(ctx, name) is None and not name.startswith("-"):
            known = ", ".join(self.list_commands(ctx)) or "none installed"
            raise click.UsageError(f"unknown {self.what} {name!r}; known: {known}", ctx)
        return super().resolve_command(ctx, args)

    def show_list(self, ctx: click.Context, as_json: bool) -> None:
        """Print the installed entries (``--list``), with the plugin that registered each."""
        state = ctx.find_object(AppState)
        plugins = state.plugins if state is not None else None
        rows = []
        for name, entry in sorted(self.entries(ctx).items()):
            rows.append({"name": name, "description": entry.description,
                         "plugin": plugins.owner(self.hook, name) if plugins else None})
        if as_json:
            print_json({"formats" if self.hook == "register_exporters" else "sources": rows})
            return
        table(f"{len(rows)} {self.what}s", ["Name", "Description", "Plugin"],
              [[r["name"], r["description"], r["plugin"] or ""] for r in rows])

    def without_subcommand(self, ctx: click.Context, show_list: bool, as_json: bool) -> None:
        """The group run alone: ``--list`` prints the entries, anything else is a usage error
        naming them."""
        if show_list:
            self.show_list(ctx, as_json)
            return
        known = ", ".join(self.list_commands(ctx))
        raise click.UsageError(f"name a {self.what.split()[-1]}: {known} "
                               f"({ctx.command_path} --list)", ctx)
