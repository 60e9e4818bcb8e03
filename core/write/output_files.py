"""Writing a file the user asked for (``infoview export -o FILE``): atomically, never a note, and
never replacing what is not an ordinary file.

- An ordinary file (or none yet) is replaced atomically: a temp file beside it, then a rename,
  keeping the mode of the file it replaces.
- A symbolic link is written through: its target is replaced (atomically, as above) and the
  link stays a link.
- Anything else (a named pipe, a device such as ``/dev/full`` or ``/dev/stdout``, a socket) and
  every path under ``/dev/`` or ``/proc/`` is written to plainly, as a shell's ``>`` would: it
  is never replaced by a regular file. A pipe nobody reads is an error, not a wait.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from infoview.model.errors import UsageError, WriteError, os_error_reason
from infoview.write.writer import write_temp

_SPECIAL = ("/dev/", "/proc/")


def write_output(path: Path, data: bytes, *, vault: Path | None = None) -> None:
    """Write ``data`` to ``path`` as the module docstring says. A ``.md`` file inside ``vault``
    is refused: it would be a note, and notes are written only through
    :class:`~infoview.write.writer.NoteWriter`. Every failure is one line naming ``path``: a
    :class:`~infoview.model.errors.UsageError` for a path that cannot be an export (a note,
    a folder, in no folder), a :class:`~infoview.model.errors.WriteError` when the system
    refuses the write."""
    given = path.expanduser().absolute()
    real = Path(os.path.realpath(given))
    if vault is not None and real.suffix.lower() == ".md" \
            and real.is_relative_to(vault.resolve()):
        raise UsageError(f"{path}: will not write an export as a note inside the vault; "
                         "choose a file outside it or another suffix")
    try:
        info: os.stat_result | None = os.stat(given)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteError(f"{path}: {os_error_reason(error)}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} is a folder; give a file name")
    if (info is not None and not stat.S_ISREG(info.st_mode)) \
            or str(given).startswith(_SPECIAL) or str(real).startswith(_SPECIAL):
        _write_plainly(path, given, data)
        return
    folder = real.parent
    if not folder.is_dir():
        raise UsageError(f"{path}: folder {folder} does not exist; make it first")
    mode = stat.S_IMODE(info.st_mode) if info is not None else None
    temp: Path | None = None
    try:
        temp = write_temp(real, data, mode)
        os.replace(temp, real)
    except OSError as error:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise WriteError(f"{path}: could not be written ({os_error_reason(error)})") \
            from None


def _write_plainly(path: Path, target: Path, data: bytes) -> None:
    """Write ``data`` into ``target`` as it is (a pipe, a device): opened without waiting for
    a reader, then written in full."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:  # a named pipe that nobody reads
            raise WriteError(f"{path}: is a named pipe that no program reads; start the "
                             "reader first") from None
        raise WriteError(f"{path}: could not be written ({os_error_reason(error)})") \
            from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as error:
        raise WriteError(f"{path}: could not be written ({os_error_reason(error)})") \
            from None
    finally:
        os.close(fd)
