"""Printing: plain text when piped, Rich on a terminal, JSON for ``--json``; honours ``NO_COLOR``.

Rich is imported only when something is drawn on a terminal, to keep start-up fast.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console


def is_terminal(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False,
                   no_color=bool(os.environ.get("NO_COLOR")) or None)


def print_json(data: Any) -> None:
    """One JSON document on stdout (keys in the order given, UTF-8): indented for a person
    on a terminal, compact on one line otherwise (what a program reads: ``json`` writes that
    form in C, several times faster than the indented one on a large vault)."""
    if is_terminal():
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str))


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def say(text: str = "", *, err: bool = False) -> None:
    """Print text that may hold words from notes: control characters (a terminal's escape
    sequences) are dropped, tabs and line breaks kept."""
    click.echo(_CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")), err=err)


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def error_line(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table: Rich on a terminal, tab-separated columns (with a header) otherwise."""
    if not is_terminal():
        lines = ["\t".join(columns)]
        lines.extend("\t".join(_one_line(cell) for cell in row) for row in rows)
        click.echo("\n".join(lines))
        return
    from rich.table import Table

    out = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        out.add_column(column, overflow="fold")
    for row in rows:
        out.add_row(*(_escape(cell) for cell in row))
    console().print(out)


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@contextmanager
def progress(label: str, threshold: int = 300) -> Iterator[Callable[[int, int], None]]:
    """A callback ``(done, total)`` that draws a Rich progress bar on a terminal (stderr) once
    ``total`` reaches ``threshold``; elsewhere it does nothing."""
    if not is_terminal(sys.stderr):
        yield lambda done, total: None
        return
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if total < threshold or state.get("done"):
            return
        if "task" not in state:
            from rich.progress import Progress

            bar = Progress(console=console(stderr=True), transient=True)
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task(label, total=total)
        state["bar"].update(state["task"], completed=done, total=total)
        if done >= total:  # finished: do not leave it drawn while other work goes on
            state.pop("bar").stop()
            state["done"] = True

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()
