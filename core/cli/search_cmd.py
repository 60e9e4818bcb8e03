"""``infoview search TEXT``."""

from __future__ import annotations

import click

from infoview.app.session import Session
from infoview.cli.options import json_option, session_options, up_to_date
from infoview.cli.output import print_json, table

MAX_RESULTS = 100_000
"""A larger ``--limit`` means as many as this."""


@click.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=50, show_default=True,
              type=click.IntRange(min=0, max=MAX_RESULTS, clamp=True),
              help="At most this many results.")
@json_option
@session_options
def command(session: Session, text: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Full-text search over the notes (every word must appear)."""
    query = " ".join(text)
    if not query.strip():
        raise click.UsageError("give the words to search for, e.g. infoview search Globex")
    up_to_date(session)
    hits = session.index.search(query, limit=limit)
    if as_json:
        print_json({"query": query, "results": [
            {"path": p, "name": n, "snippet": s} for p, n, s in hits]})
        return
    if not hits:
        click.echo(f"No note mentions {query!r}.")
        return
    table(f"{len(hits)} result(s) for {query!r}", ["Name", "Snippet", "Path"],
          [[n, s, p] for p, n, s in hits])
