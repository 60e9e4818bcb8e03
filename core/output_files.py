"""Writing a file the user asked for (``infoview export -o FILE``): atomically, never a note."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from infoview.errors import InfoviewError
from infoview.safe_write import write_temp


def write_output(path: Path, data: bytes, *, vault: Path | None = None) -> None:
    """Write ``data`` to ``path`` atomically (a temp file beside it, then a rename: the same
    temp files as :class:`~infoview.safe_write.NoteWriter`'s), keeping the mode of a file it
    replaces. A ``.md`` file inside ``vault`` is refused: it would be a note,
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
        mode: int | None = target.stat().st_mode & 0o7777
    except OSError:
        mode = None
    temp: Path | None = None
    try:
        temp = write_temp(target, data, mode)
        os.replace(temp, target)
    except OSError as error:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
        raise InfoviewError(f"{path}: could not be written ({error.strerror or error})") from None
