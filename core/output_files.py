"""Writing a file the user asked for (``infoview export -o FILE``): atomically, never a note."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from infoview.errors import InfoviewError


def write_output(path: Path, data: bytes, *, vault: Path | None = None) -> None:
    """Write ``data`` to ``path`` atomically (a temp file beside it, then a rename), keeping the
    mode of a file it replaces. A ``.md`` file inside ``vault`` is refused: it would be a note,
    and notes are written only through :class:`~infoview.safe_write.NoteWriter`."""
    target = path.expanduser().absolute()
    if vault is not None and target.suffix.lower() == ".md" \
            and target.resolve().is_relative_to(vault.resolve()):
        raise InfoviewError(f"{path}: will not write an export as a note inside the vault; "
                            "choose a file outside it or another suffix")
    if target.is_dir():
        raise InfoviewError(f"{path} is a folder; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise InfoviewError(f"{path}: folder {folder} does not exist; make it first")
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = None
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InfoviewError(f"{path}: cannot write here ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise InfoviewError(f"{path}: could not be written ({error.strerror or error})") from None
