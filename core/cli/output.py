"""Printing: plain text when piped, Rich on a terminal, JSON for ``--json``; honours ``NO_COLOR``.

Nothing from a note reaches the terminal raw: while a command runs, ``sys.stdout`` and
``sys.stderr`` are :class:`PrintableStream` objects (:func:`printable_output`, set up by ``main``),
which drop control characters (:func:`infoview.model.printable.printable`) from everything written
as text, whoever writes it (a command, a plugin, click). Only Rich's own drawing and ``export``'s
bytes (``sys.stdout.buffer``: the formats escape their own text) bypass it, and table cells are
cleaned before Rich draws them. JSON escapes every control character instead of dropping it.

Rich is imported only when something is drawn on a terminal, to keep start-up fast.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import click

from infoview.model.printable import printable

if TYPE_CHECKING:
    from rich.console import Console


class PrintableStream:
    """A text stream that writes to ``raw`` what it is given, control characters (but tab and
    newline) removed. Everything else (``buffer``, ``isatty``, ``fileno``...) is ``raw``'s."""

    def __init__(self, raw: IO[str]) -> None:
        self.raw = raw
        encoding = getattr(raw, "encoding", None) or "ascii"
        self._ascii = codecs.lookup(encoding).name == "ascii"
        self.encoding = "utf-8" if self._ascii else encoding
        """An ASCII stream (a C locale) is written to with replacements, never by click
        around this wrapper."""

    def write(self, text: str) -> int:
        clean = printable(text)
        if self._ascii:
            clean = clean.encode("ascii", "replace").decode("ascii")
        self.raw.write(clean)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@contextmanager
def printable_output() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` as :class:`PrintableStream` objects in the block."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, PrintableStream):
        sys.stdout = PrintableStream(sys.stdout)
    if not isinstance(sys.stderr, PrintableStream):
        sys.stderr = PrintableStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _raw(stream: Any) -> Any:
    """The stream under a :class:`PrintableStream` (Rich draws with escape codes of its own)."""
    return stream.raw if isinstance(stream, PrintableStream) else stream


def is_terminal(stream: Any = None) -> bool:
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def console(stderr: bool = False) -> Console:
    """A Rich console on the terminal itself: give it only text that went through
    :func:`printable` (as :func:`table` does)."""
    from rich.console import Console

    return Console(file=_raw(sys.stderr if stderr else sys.stdout), highlight=False,
                   no_color=bool(os.environ.get("NO_COLOR")) or None)


_UNESCAPED_IN_JSON_RE = re.compile("[\x7f-\x9f]")
"""Controls that ``json.dumps`` leaves as they are (it escapes those below U+0020)."""


def json_text(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON (UTF-8 text, keys in the order given; without ``indent``, compact on one
    line) in which every control character
    is escaped (``\\u001b``, ``\\u009b``): the values are exact, and none reaches a terminal."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str,
                      separators=None if indent is not None else (",", ":"))
    return _UNESCAPED_IN_JSON_RE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def print_json(data: Any) -> None:
    """One JSON document on stdout (keys in the order given, UTF-8): indented for a person
    on a terminal, compact on one line otherwise (what a program reads: ``json`` writes that
    form in C, several times faster than the indented one on a large vault)."""
    click.echo(json_text(data, indent=2 if is_terminal() else None))


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

    out = Table(title=_escape(printable(title)), title_justify="left", header_style="bold")
    for column in columns:
        out.add_column(_escape(printable(column)), overflow="fold")
    for row in rows:
        out.add_row(*(_escape(_one_line(cell)) for cell in row))
    console().print(out)


def _one_line(text: str) -> str:
    return printable(text).replace("\t", " ").replace("\n", " ")


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
