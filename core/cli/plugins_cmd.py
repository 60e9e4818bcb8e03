"""``infoview plugins``: the active plugins and the hooks each implements."""

from __future__ import annotations

import click

from infoview.cli.options import AppState, debug_option, json_option
from infoview.cli.output import print_json, table


@click.command("plugins")
@debug_option
@json_option
@click.option("--vault", metavar="PATH", envvar="INFOVIEW_VAULT",
              help="Show the plugins active for this vault (its disabled list applied).")
@click.pass_obj
def command(state: AppState, as_json: bool, vault: str | None) -> None:
    """List the active plugins and the hooks each implements."""
    host = state.plugins
    infos = host.plugins() if host is not None else []
    failures = host.failures if host is not None else []
    disabled = host.disabled if host is not None else []
    if as_json:
        print_json({
            "plugins": [{"name": i.name, "module": i.module, "builtin": i.builtin,
                         "distribution": i.distribution, "version": i.version,
                         "hooks": i.hooks} for i in infos],
            "disabled": disabled,
            "failed": [{"name": f.plugin, "error": str(f)} for f in failures],
        })
        return
    table("Plugins", ["Name", "Built-in", "Hooks", "Module"],
          [[i.name, "yes" if i.builtin else "no", ", ".join(i.hooks), i.module] for i in infos])
    for name in disabled:
        click.echo(f"disabled: {name}")
