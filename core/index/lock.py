"""One writer per vault index: an OS file lock beside the index file.

The lock is advisory (``fcntl.flock`` / ``msvcrt.locking``) and released by the OS if the
process dies, so a crash never leaves a vault locked.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from infoview.model.errors import LockedError, WriteError, check_not_folder, os_error_reason

_HELD: set[int] = set()
"""File descriptors of the locks this process holds."""


def _close_inherited_locks() -> None:
    """In a forked child (a parsing worker): close the copies of the parent's lock files, so
    that the lock dies with the parent even if a child outlives it."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


class IndexLock:
    """``with IndexLock(path): ...`` waits (up to ``timeout`` seconds) for the vault's lock."""

    def __init__(self, path: Path, timeout: float = 60.0,
                 on_wait: Callable[[], None] | None = None) -> None:
        self.path = path
        self.timeout = timeout
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> IndexLock:
        fd = _open_lock(self.path)
        deadline = time.monotonic() + self.timeout
        told = False
        while not _try_lock(fd):
            if not told and self.on_wait is not None:
                self.on_wait()
                told = True
            if time.monotonic() > deadline:
                os.close(fd)
                raise LockedError(f"another infoview process has held {self.path} for "
                                  f"{self.timeout:.0f}s; wait for it to finish and retry")
            time.sleep(0.05)
        self._fd = fd
        _HELD.add(fd)
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self._fd is not None:
            _HELD.discard(self._fd)
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def _open_lock(path: Path) -> int:
    """The lock file at ``path``, opened (made if missing); a one-line error when it cannot be
    (a folder in its place, a read-only or full disk)."""
    check_not_folder(path, "a lock of this vault's index")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise WriteError(f"cannot use the lock file {path}: {os_error_reason(error)}") \
            from None


try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


def hold_exclusive(path: Path) -> int | None:
    """Take the lock at ``path`` for as long as this process lives (or until
    :func:`release`), without waiting: its descriptor, or ``None`` when another process holds it.
    The file then holds this process's id, for messages."""
    fd = _open_lock(path)
    if not _try_lock(fd):
        os.close(fd)
        return None
    _HELD.add(fd)
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return fd


def holder(path: Path) -> str:
    """The process id written in a lock file held by :func:`hold_exclusive` ("?" if unknown)."""
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"


def release(fd: int) -> None:
    _HELD.discard(fd)
    with contextlib.suppress(OSError):
        _unlock(fd)
        os.close(fd)
