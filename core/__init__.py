"""infoview: an informational-interview job search kept in a Markdown vault.

A plugin needs ``from infoview import hookimpl`` to start; everything else it may use is in
:mod:`infoview.api`, and the same names can be imported from ``infoview`` itself
(``from infoview import Session, ReminderKind``), loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pluggy

    hookimpl: pluggy.HookimplMarker
    """Marker for plugin hook implementations: ``@hookimpl def register_commands(cli): ...``."""

__all__ = ["__version__", "hookimpl"]


def __getattr__(name: str) -> Any:
    """``hookimpl``, made on first use, and the names of :mod:`infoview.api`: importing
    ``infoview`` itself imports nothing else, so that ``python -m infoview`` can first take the
    current folder off ``sys.path`` (:mod:`infoview.__main__`) before any other module is
    imported."""
    if name == "hookimpl":
        import pluggy

        marker = pluggy.HookimplMarker("infoview")
        globals()["hookimpl"] = marker
        return marker
    if not name.startswith("_"):
        import importlib

        api = importlib.import_module("infoview.api")
        if name in api.__all__:
            return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
