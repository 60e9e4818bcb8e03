"""infoview: an informational-interview job search kept in a Markdown vault.

Plugins need only ``from infoview import hookimpl``.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("infoview")
"""Marker for plugin hook implementations: ``@hookimpl def register_commands(cli): ...``."""

__all__ = ["__version__", "hookimpl"]
