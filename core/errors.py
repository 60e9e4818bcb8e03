"""The one exception family for problems a user can cause.

Every ``InfoviewError`` prints as a single line (no traceback) and maps to an exit status.
Anything else is a programming error and keeps its traceback behind ``--debug``.
"""

from __future__ import annotations


class InfoviewError(Exception):
    """A problem the user can fix; ``str(error)`` is the one-line message."""

    exit_code = 2


class VaultNotFoundError(InfoviewError):
    """No vault was given and none was found upward from the current directory."""


class ConfigError(InfoviewError):
    """``.infoview/config.toml`` is not valid."""


class IndexLockedError(InfoviewError):
    """Another infoview process holds the vault's index lock for too long."""


class PluginError(InfoviewError):
    """A plugin failed to load or raised; the message names the plugin."""

    exit_code = 1


class NotFoundError(InfoviewError):
    """A name (a contact, a note, a reminder) that matches nothing, or several things; the
    message says what was close and how to be precise."""


class NoteExistsError(InfoviewError):
    """A note infoview was asked to make is already there; it is never overwritten."""

    exit_code = 1
