"""Options every vault command shares, and opening the session they describe."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from infoview.app.session import Session
from infoview.cli.output import warn
from infoview.plugin.host import PluginHost

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppState:
    """What ``main`` hands every command through ``click.Context.obj``."""

    plugins: PluginHost | None = None
    debug: bool = False


def debug_option(func: F) -> F:
    """A hidden ``--debug`` (show tracebacks), accepted anywhere; ``main`` acts on it."""
    return click.option("--debug", is_flag=True, hidden=True, expose_value=False,
                        help="Show tracebacks.")(func)


def session_options(func: F) -> F:
    """Add ``--vault``, ``--today`` and ``--debug``; the command receives ``session``. A command
    that declares its own ``--dry-run`` option (parameter ``dry_run``) gets a session opened
    with it: every write of that session is then only planned (:attr:`Session.dry_run`)."""

    @click.option("--vault", "vault", metavar="PATH", envvar="INFOVIEW_VAULT",
                  help="The vault (default: $INFOVIEW_VAULT, else the nearest folder upward "
                       "holding .infoview/).")
    @click.option("--today", "today", metavar="YYYY-MM-DD", envvar="INFOVIEW_TODAY",
                  help='The date to treat as "today" (default: $INFOVIEW_TODAY or the date).')
    @debug_option
    @functools.wraps(func)
    def wrapper(*args: Any, vault: str | None, today: str | None, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(AppState)
        plugins = state.plugins if state is not None else None
        session = Session.open(vault, today=today, plugins=plugins, warn=warn,
                               dry_run=bool(kwargs.get("dry_run", False)),
                               command=click.get_current_context().command_path)
        try:
            return func(*args, session=session, **kwargs)
        finally:
            session.close()

    return wrapper  # type: ignore[return-value]


def json_option(func: F) -> F:
    """Add ``--json``: one JSON document on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True,
                        help="Print one JSON document (stable keys).")(func)


def up_to_date(session: Session) -> None:
    """Bring the index up to date before answering (a read command never answers from a stale
    index); draws progress on a terminal when many notes must be read."""
    from infoview.cli.output import progress

    with progress("Indexing") as update:
        session.refresh(progress=update)
