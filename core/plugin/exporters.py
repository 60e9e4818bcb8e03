"""Export formats: the registry behind ``infoview export FORMAT``.

Core owns the model; plugins (the built-in ``infoview.plugins.exports`` first) register formats
through the ``register_exporters`` hook. A format turns the up-to-date index into one document
(text or bytes) that ``infoview export`` prints or writes to ``-o FILE``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import click

    from infoview.app.session import Session


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format."""

    name: str
    """What the user types: ``infoview export NAME``."""
    render: Callable[[Session, Mapping[str, Any]], str | bytes]
    """``render(session, options)``: the whole document, from ``session.index`` (current);
    ``options`` holds the values of :attr:`options` by parameter name."""
    description: str = ""
    """One line for ``infoview export --list``."""
    suffix: str = ""
    """The usual file name suffix (``.ics``)."""
    options: Sequence[click.Parameter] = ()
    """Extra Click options of ``infoview export NAME`` (e.g. ``--todos`` for ``ics``)."""


Register = Callable[[Exporter], None]
