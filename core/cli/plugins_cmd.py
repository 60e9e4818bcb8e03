"""``infoview plugins``: the plugins loaded (and the ones that are not, and why), the hooks each
implements; ``plugins trust FILE`` / ``plugins untrust FILE`` for the vault's local plugins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from infoview.cli.options import AppState, debug_option, json_option
from infoview.cli.output import print_json, table
from infoview.plugin.host import PluginHost


@click.group("plugins", invoke_without_command=True)
@debug_option
@json_option
@click.option("--vault", metavar="PATH", envvar="INFOVIEW_VAULT",
              help="Show the plugins of this vault (its disabled list applied, its local plugins "
                   "listed).")
@click.option("--settings", "show_settings", is_flag=True,
              help="List the settings each plugin declares for its [plugins.NAME] table.")
@click.pass_context
def command(ctx: click.Context, as_json: bool, vault: str | None, show_settings: bool) -> None:
    """List the plugins: loaded (and the hooks each implements), disabled, failed, and the
    vault's local plugins (.infoview/plugins/*.py) that are not trusted yet."""
    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(AppState)
    host = state.plugins if state is not None else None
    if show_settings:
        _settings(host, as_json)
        return
    records = _records(host) if host is not None else []
    if as_json:
        print_json({
            "plugins": [r for r in records if r["state"] == "loaded"],
            "disabled": host.disabled if host is not None else [],
            "failed": [{"name": f.plugin, "error": str(f)} for f in host.failures]
            if host is not None else [],
            "local": [{"name": p.name, "path": p.shown, "trusted": p.trusted,
                       "refused": p.refused or None} for p in host.local]
            if host is not None else [],
        })
        return
    table("Plugins", ["Name", "State", "Hooks", "Module"],
          [[r["name"], r["state"] + ("" if not r["builtin"] else ", built-in"),
            ", ".join(r["hooks"]), r["module"]] for r in records])


def _records(host: PluginHost) -> list[dict[str, Any]]:
    """Every plugin of the host as one row: loaded, disabled, failed, untrusted or refused."""
    rows: list[dict[str, Any]] = [
        {"name": i.name, "module": i.path or i.module, "builtin": i.builtin,
         "distribution": i.distribution, "version": i.version, "hooks": i.hooks,
         "state": "loaded"} for i in host.plugins()]
    seen = {r["name"] for r in rows}
    for failure in host.failures:
        if failure.hook is None and failure.plugin not in seen:
            seen.add(failure.plugin)
            rows.append({"name": failure.plugin, "module": "", "builtin": False, "hooks": [],
                         "state": f"failed to load: {type(failure.error).__name__}: "
                                  f"{failure.error}"})
    rows.extend({"name": name, "module": "", "builtin": False, "hooks": [],
                 "state": "disabled"} for name in host.disabled if name not in seen)
    for plugin in host.local:
        if plugin.name in seen and plugin.trusted:
            continue
        state = f"refused: {plugin.refused}" if plugin.refused else "not trusted"
        rows.append({"name": plugin.name, "module": plugin.shown, "builtin": False,
                     "hooks": [], "state": state})
    return rows


def _settings(host: PluginHost | None, as_json: bool) -> None:
    """``plugins --settings``: each plugin's declared settings."""
    declared = host.settings() if host is not None else {}
    records = [{"plugin": plugin, "name": s.name, "type": s.type_name, "default": s.default,
                "help": s.help} for plugin, settings in sorted(declared.items())
               for s in settings]
    if as_json:
        print_json({"settings": records})
        return
    if not records:
        click.echo("No plugin declares settings.")
        return
    table("Plugin settings ([plugins.NAME] in .infoview/config.toml)",
          ["Plugin", "Setting", "Type", "Default", "Meaning"],
          [[r["plugin"], r["name"], r["type"], repr(r["default"]), r["help"]] for r in records])


def _vault(vault: str | None) -> Path:
    from infoview.vault.layout import find_vault

    return find_vault(vault)


@command.command("trust")
@click.argument("file")
@click.option("--vault", metavar="PATH", envvar="INFOVIEW_VAULT", help="The vault.")
@debug_option
def trust_command(file: str, vault: str | None) -> None:
    """Trust the vault-local plugin FILE (.infoview/plugins/NAME.py) as it is now: it runs from
    the next command on, until its file changes. Read it first: a plugin can do anything you
    can. Nothing in the vault is written; the trust is kept in your own config folder."""
    from infoview.plugin.local import config_dir, trust

    plugin = trust(_vault(vault), file)
    click.echo(f"Trusted {plugin.shown} (sha256 {plugin.digest[:12] if plugin.digest else ''}"
               f"...), recorded in {config_dir()}; it runs from the next command on.")


@command.command("untrust")
@click.argument("file")
@click.option("--vault", metavar="PATH", envvar="INFOVIEW_VAULT", help="The vault.")
@debug_option
def untrust_command(file: str, vault: str | None) -> None:
    """Stop trusting the vault-local plugin FILE: it is no longer loaded."""
    from infoview.plugin.local import untrust

    plugin = untrust(_vault(vault), file)
    click.echo(f"No longer trusted: {plugin.shown}.")
