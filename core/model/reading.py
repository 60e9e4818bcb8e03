"""Reading a file that infoview did not make (an import, the vault's config, a template) so that
it can never hang a command: regular files only, and at most a given size.

``/dev/zero``, ``/dev/urandom``, a named pipe or a symbolic link to one would otherwise be read
without end (or wait forever for a writer). Notes have their own reader
(:func:`infoview.index.rows.read_note`), which keeps what it can of a big note.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from infoview.model.errors import InfoviewError

_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
"""Non-blocking: opening a named pipe returns at once (and is then refused)."""


def read_regular_file(path: Path, limit: int, what: str,
                      error: type[InfoviewError] = InfoviewError) -> bytes:
    """The bytes of ``path``, a regular file (a symbolic link to one is fine) of at most
    ``limit`` bytes. Anything else raises a one-line ``error`` (the caller says which: a
    :class:`~infoview.model.errors.ConfigError` for the config...) naming ``path`` and
    ``what`` it should be; :class:`FileNotFoundError` and other :class:`OSError` are left to
    the caller."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path}: is a folder, not {what}")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: is not a regular file (a device, a pipe?); infoview "
                        f"reads {what} only from an ordinary file")
        if info.st_size > limit:
            raise error(f"{path}: is {_size(info.st_size)}, more than the "
                        f"{_size(limit)} infoview reads as {what}")
        parts: list[bytes] = []
        got = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - got)):
            parts.append(chunk)
            got += len(chunk)
            if got > limit:  # it grew while being read
                raise error(f"{path}: grew past {_size(limit)} while infoview read "
                            f"it as {what}")
        return b"".join(parts)
    finally:
        os.close(fd)


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.0f} MB"
    if count >= 1000:
        return f"{count / 1000:.0f} KB"
    return f"{count} bytes"
