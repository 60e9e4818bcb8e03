"""The one exception family for problems a user can cause, each with its exit status.

Every ``InfoviewError`` prints as a single line (no traceback) and ends the command with its
``exit_code``; :func:`infoview.cli.main.main` is the one place that does it. The codes are the
contract's (``docs/guide.md``, "Exit statuses"): 2 when the command cannot run as given (usage)
or the vault is not set up (no vault, an invalid config); 1 when it ran and could not do its
work. Raise the class that says what happened, where it happens:

- :class:`UsageError` (2): a bad option or argument (a date, a file to import that is not
  there); :class:`VaultNotFoundError` (2), no vault where the command looks;
- :class:`ConfigError` (2): ``.infoview/config.toml`` is not valid;
- :class:`NotFoundError` (1): a name matches no note (or several), an id no reminder;
- :class:`LockedError` (1): another process holds the vault;
- :class:`WriteError` (1): a file could not be written (or a note edited) as asked: the disk or
  the file system said no, or the change would not be safe; :class:`NoteExistsError` (1);
- :class:`PluginError` (1): a plugin failed;
- :class:`InfoviewError` itself (1): any other reason the command could not do its work (a
  file it must read cannot be read).

Anything else is a programming error and keeps its traceback behind ``--debug``.
"""

from __future__ import annotations


class InfoviewError(Exception):
    """A problem the user can fix; ``str(error)`` is the one-line message, ``exit_code`` the
    status the command exits with: the command ran and could not do its work."""

    exit_code = 1


class UsageError(InfoviewError):
    """The command cannot run as given: a bad value for an option or an argument."""

    exit_code = 2


class VaultNotFoundError(UsageError):
    """No vault where the command looks (``--vault``, ``$INFOVIEW_VAULT``, upward from here)."""


class ConfigError(InfoviewError):
    """``.infoview/config.toml`` is not valid: the vault is not set up to run anything."""

    exit_code = 2


class NotFoundError(InfoviewError):
    """A name (a contact, a note, a reminder) that matches nothing, or several things; the
    message says what was close and how to be precise."""


class LockedError(InfoviewError):
    """Another process holds the vault (its index, or its watcher) for too long."""


class WriteError(InfoviewError):
    """A file could not be written, or a note changed, as asked: the disk or the file system
    refused (the message says why and what to do), or the change would not be safe."""


class NoteExistsError(WriteError):
    """A note infoview was asked to make is already there; it is never overwritten."""


class PluginError(InfoviewError):
    """A plugin failed to load or raised; the message names the plugin."""


_ADVICE = {
    "ENOSPC": "the disk is full; free some space and retry",
    "EDQUOT": "your disk quota is used up; free some space and retry",
    "EFBIG": "the file is too large for this disk or your limits",
    "EROFS": "it is on a read-only file system",
    "EACCES": "check its permissions (and its folder's)",
    "EPERM": "check its permissions (and its folder's)",
    "EISDIR": "a folder is in the way; move it aside",
    "EEXIST": "something is in the way; move it aside",
    "ENOTDIR": "a file is in the way where a folder should be; move it aside",
    "ENAMETOOLONG": "the path is too long for this system",
    "ELOOP": "it is a loop of symbolic links",
    "EIO": "the disk reported an error; check it",
    "EMFILE": "too many files are open; close some programs and retry",
}


def os_error_reason(error: OSError) -> str:
    """Why an operating-system error happened and what to do, for a one-line message:
    ``No space left on device: the disk is full; free some space and retry``."""
    import errno

    reason = error.strerror or str(error) or type(error).__name__
    advice = _ADVICE.get(errno.errorcode.get(error.errno or 0, ""), "")
    return f"{reason}: {advice}" if advice else reason


_SQLITE_REASONS = {
    13: "the disk is full; free some space and retry",  # SQLITE_FULL
    8: "it cannot be written (a read-only file or folder?); check its permissions",  # READONLY
    14: "it cannot be opened; check that it is a file and that its folder can be written",
    3: "permission denied; check its permissions",  # SQLITE_PERM
    10: "the disk reported an error (full? failing?); check it and retry",  # SQLITE_IOERR
}


def cache_file_error(path: object, error: BaseException) -> WriteError | None:
    """A one-line error for a problem of the disk or the file system with one of the files
    infoview keeps beside the index (the index, its lock, the journal): ``None`` when the error
    is not of that kind (a damaged file, say, which is rebuilt instead)."""
    import sqlite3

    if isinstance(error, OSError):
        return WriteError(f"{path}: {os_error_reason(error)}")
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        reason = _SQLITE_REASONS.get(code & 0xFF) if isinstance(code, int) else None
        if reason is not None:
            return WriteError(f"{path}: {error}: {reason}")
    return None


def check_not_folder(path: object, what: str) -> None:
    """Raise a one-line error when ``path`` (a file infoview keeps beside the index) is a
    folder: it would be deleted and made again otherwise, which fails."""
    import os

    if os.path.isdir(str(path)):
        raise WriteError(f"{path} is a folder, where infoview keeps {what}; move it aside "
                         "(infoview makes the file again)")
