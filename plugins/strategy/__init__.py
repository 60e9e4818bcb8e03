"""Built-in plugin: the strategy of the method, from the facts already in the notes.

- ``infoview targets``: each target company, who you know there, the warm path to it and what to
  do next (:mod:`~infoview.plugins.strategy.targets`);
- ``infoview next``: ranked suggestions beyond the due list
  (:mod:`~infoview.plugins.strategy.suggestions`).

Both read the vault as a network of people, companies, referrals and connections
(:mod:`~infoview.plugins.strategy.network`). It sends nothing and guesses no contact data.
"""

from __future__ import annotations

from typing import Any

from infoview import hookimpl


@hookimpl
def register_commands(cli: Any) -> None:
    """The commands are imported when one of them runs, not at every start-up."""
    cli.add_lazy_command("targets", f"{__name__}.targets:targets_command")
    cli.add_lazy_command("next", f"{__name__}.suggestions:next_command")
