"""The one way infoview changes a user's notes.

Every change — a field set by a plugin, a new contact, a generated note, ``done``, ``undo`` —
goes through a :class:`NoteWriter`, which keeps the contract's promises:

- the change itself is surgical (:mod:`infoview.write.frontmatter`): every other byte stays;
- a note whose frontmatter does not parse is never written;
- a file that changed since infoview read it is not overwritten: the write is skipped and
  reported, and happens on a later sync;
- writes are atomic: the new bytes go to a temporary file in the same folder (a hidden
  ``.*.infoview-<pid>-<hex>.tmp`` name, which is never taken for a note), are flushed to
  disk, keep the file's mode, and replace the file with ``os.replace``; the next sync removes
  those a crash left behind (:func:`remove_stale_temp_files`);
- a new note never replaces an existing file;
- a read-only note is not written; a note that is a symbolic link is written at its target
  (the link stays), one that leads outside the vault is not written; notes are read without
  ever waiting on a named pipe;
- every write is recorded in the journal first (:mod:`infoview.write.journal`), so ``undo`` can
  revert it, and withdrawn from it when it is not made after all; a write the journal cannot
  record is not made; under ``--dry-run`` nothing is written and the planned changes are kept
  as diffs;
- a write the system refuses (a full disk, a read-only file system) is skipped and reported
  with the reason (:attr:`Skipped.error` set), never raised: the rest of the run goes on;
- writing the bytes a file already has is no write at all (sync stays idempotent).

The only remaining race is the instant between the last check of the file and ``os.replace``.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import secrets
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from infoview.model.errors import InfoviewError, os_error_reason
from infoview.write.journal import Journal, digest

Change = Callable[[bytes], bytes]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A write that was not made, and why."""

    path: str
    reason: str
    error: Exception | None = field(default=None, compare=False)
    """The error of the system (a full disk, a read-only folder, the journal cannot be written)
    when that was the reason: the command then could not do part of its work."""

    def __str__(self) -> str:
        from infoview.model.printable import quoted_name

        return f"{quoted_name(self.path)}: {self.reason}"


@dataclass(slots=True)
class WriteReport:
    """What a :class:`NoteWriter` did (or, under ``--dry-run``, would do)."""

    written: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[str]:
        return self.created + self.written


class ChangedSinceRead(Exception):
    """The file on disk is not the one the change was planned from."""


class NoteWriter:
    """Makes the changes of one run (a sync, a command) to the notes of one vault."""

    def __init__(self, vault: Path, journal: Journal | None, *, dry_run: bool = False,
                 before_replace: Callable[[str], None] | None = None) -> None:
        self.vault = vault
        self.journal = journal
        self.dry_run = dry_run
        self.report = WriteReport()
        self.before_replace = before_replace
        """A test hook: called with the path just before the last check and the replace."""
        self._pending_folders: set[Path] | None = None
        self._vault_real: Path | None = None

    @contextlib.contextmanager
    def folders_synced_at_end(self) -> Iterator[None]:
        """Many notes in a row (an import): each file is still flushed to disk before it takes
        its name, so a crash never leaves a torn note, but each folder is made durable once,
        when the block ends, rather than after every note."""
        if self._pending_folders is not None:
            yield
            return
        self._pending_folders = set()
        try:
            yield
        finally:
            pending, self._pending_folders = self._pending_folders, None
            for folder in sorted(pending):
                _fsync_dir(folder)

    def _sync_folder(self, folder: Path) -> None:
        if self._pending_folders is None:
            _fsync_dir(folder)
        else:
            self._pending_folders.add(folder)

    # -- reading ------------------------------------------------------------------------------

    def read(self, path: str) -> bytes | None:
        """The bytes of ``path`` now: ``None`` if it does not exist, is not a regular file
        (never waiting on a named pipe) or leads outside the vault."""
        target = self._inside(path)
        return None if target is None else _read_regular(target)

    # -- changing an existing note ------------------------------------------------------------

    def edit(self, path: str, change: Change, *, reason: str,
             expected_hash: str | None = None) -> bool:
        """Apply ``change`` (bytes → bytes) to the note at ``path``.

        ``expected_hash`` is the hash of the bytes the change was decided from (the indexed
        note's ``hash``): if the file is no longer those bytes, nothing is written and the skip
        is reported. Returns True when the note was (or, dry-run, would be) changed.
        """
        target = self._inside(path, report=True)
        if target is None:
            return False
        before = _read_regular(target)
        if before is None:
            self._skip(path, "is gone; nothing written")
            return False
        if expected_hash is not None and digest(before) != expected_hash:
            self._skip(path, "changed since infoview read it; not written (the next sync "
                       "tries again)")
            return False
        if not _frontmatter_ok(path, before):
            self._skip(path, "its frontmatter does not parse, so infoview does not write it "
                       "(see `infoview doctor`)")
            return False
        try:
            after = change(before)
        except InfoviewError as error:
            self._skip(path, f"not written: {error}")
            return False
        if after == before:
            return False
        return self._replace(path, target, before, after, reason)

    def replace_text(self, path: str, text: str, *, reason: str,
                     expected_hash: str | None = None) -> bool:
        """Make ``path`` hold ``text`` (UTF-8), creating it if missing: for generated notes,
        which infoview owns (see :mod:`infoview.write.generated`). Unchanged text writes nothing."""
        data = text.encode("utf-8")
        target = self._inside(path, report=True)
        if target is None:
            return False
        before = _read_regular(target)
        if before is None:
            if os.path.lexists(target):
                self._skip(path, "is not a regular file; not written")
                return False
            return self.create(path, data, reason=reason) is not None
        if expected_hash is not None and digest(before) != expected_hash:
            self._skip(path, "changed since infoview read it; not written (the next sync "
                       "tries again)")
            return False
        if before == data:
            return False
        return self._replace(path, target, before, data, reason)

    # -- making a new note --------------------------------------------------------------------

    def create(self, path: str, data: bytes, *, reason: str) -> str | None:
        """Create the note ``path`` holding ``data``; never replaces a file that exists
        (the write is skipped and reported). Returns ``path`` when created."""
        folder = self._inside(path.rsplit("/", 1)[0] if "/" in path else "", report=False)
        if folder is None:
            self._skip(path, "its folder leads outside the vault; infoview writes only inside "
                       "it")
            return None
        target = folder / path.rsplit("/", 1)[-1]
        if os.path.lexists(target):
            self._skip(path, "already exists; not overwritten")
            return None
        self._diff(path, b"", data)
        if self.dry_run:
            self.report.created.append(path)
            return path
        recorded, seq = self._record(path, "create", None, data, reason)
        if not recorded:
            return None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a file where the folder belongs, a read-only vault...
            self._withdraw(seq)
            self._skip(path, f"not created: {os_error_reason(error)}", error)
            return None
        made = False
        tmp: Path | None = None
        try:
            tmp = write_temp(target, data, mode=None)
            try:
                os.link(tmp, target)  # fails if the name exists: nothing is ever replaced
            except FileExistsError:
                raise
            except OSError:
                with open(target, "xb") as handle:  # no hard links on this file system
                    made = True
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            made = True
        except FileExistsError:
            self._withdraw(seq)
            self._skip(path, "appeared meanwhile; not overwritten")
            return None
        except OSError as error:
            if made:  # the name was taken but not filled: take it back
                with contextlib.suppress(OSError):
                    target.unlink()
            self._withdraw(seq)
            self._skip(path, f"not created: {os_error_reason(error)}", error)
            return None
        except BaseException:
            if not made:
                self._withdraw(seq)
            raise
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        self._sync_folder(target.parent)
        self.report.created.append(path)
        return path

    def delete(self, path: str, *, expected_hash: str, reason: str) -> bool:
        """Delete the note ``path`` if it still holds the bytes hashed ``expected_hash`` (undo
        of a note infoview created); anything else is left alone and reported."""
        target = self._inside(path, report=True)
        current = None if target is None else _read_regular(target)
        if target is None or current is None:
            return False
        if digest(current) != expected_hash:
            self._skip(path, "changed since infoview made it; left alone")
            return False
        self._diff(path, current, b"")
        if not self.dry_run:
            try:
                target.unlink()
            except OSError as error:
                self._skip(path, f"not deleted: {os_error_reason(error)}")
                return False
            self._sync_folder(target.parent)
        self.report.deleted.append(path)
        return True

    # -- internals ----------------------------------------------------------------------------

    def _record(self, path: str, action: str, before: bytes | None, after: bytes,
                reason: str) -> tuple[bool, int | None]:
        """Journal a write about to be made: ``(True, seq)``; ``(False, None)`` (reported)
        when the journal cannot be written, for then the write must not be made."""
        if self.journal is None:
            return True, None
        try:
            return True, self.journal.record(path, action, before, after, reason)
        except InfoviewError as error:
            self._skip(path, str(error), error)
            return False, None
        except (sqlite3.Error, OSError) as error:
            why = os_error_reason(error) if isinstance(error, OSError) else str(error)
            self._skip(path, f"not written: the journal of infoview's writes "
                       f"({self.journal.path}) cannot be written ({why}); free some space "
                       "or check its folder", error)
            return False, None

    def _withdraw(self, seq: int | None) -> None:
        if self.journal is not None and seq is not None:
            with contextlib.suppress(sqlite3.Error):
                self.journal.withdraw(seq)

    def _replace(self, path: str, target: Path, before: bytes, after: bytes,
                 reason: str) -> bool:
        self._diff(path, before, after)
        if self.dry_run:
            self.report.written.append(path)
            return True
        try:
            info = target.stat()
        except OSError as error:
            self._skip(path, f"not written: {os_error_reason(error)}")
            return False
        if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
            self._skip(path, "is read-only; not written (make it writable if infoview should "
                       "update it)")
            return False
        recorded, seq = self._record(path, "edit", before, after, reason)
        if not recorded:
            return False
        replaced = False
        tmp: Path | None = None
        try:
            tmp = write_temp(target, after, mode=stat.S_IMODE(info.st_mode))
            if self.before_replace is not None:
                self.before_replace(path)
            if _read_regular(target) != before:
                raise ChangedSinceRead(path)
            os.replace(tmp, target)
            replaced, tmp = True, None
        except ChangedSinceRead:
            self._withdraw(seq)
            self._skip(path, "changed while infoview was writing it; not written (the next "
                       "sync tries again)")
            return False
        except OSError as error:
            self._withdraw(seq)
            self._skip(path, f"not written: {os_error_reason(error)}", error)
            return False
        except BaseException:
            if not replaced:
                self._withdraw(seq)
            raise
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        self._sync_folder(target.parent)
        self.report.written.append(path)
        return True

    def _inside(self, path: str, *, report: bool = False) -> Path | None:
        """Where ``path`` really is (symbolic links inside the vault followed, so that a note
        that is a link is written at its target and stays a link); ``None`` when that is
        outside the vault (with ``report``, the skip is recorded)."""
        vault = self._real_vault()
        target = Path(os.path.realpath(self.vault / path))
        if target == vault or vault in target.parents:
            return target
        if report:
            self._skip(path, f"leads outside the vault (to {target}); infoview writes only "
                       "inside it")
        return None

    def _real_vault(self) -> Path:
        if self._vault_real is None:
            self._vault_real = Path(os.path.realpath(self.vault))
        return self._vault_real

    def _skip(self, path: str, reason: str, error: Exception | None = None) -> None:
        self.report.skipped.append(Skipped(path, reason, error))

    def _diff(self, path: str, before: bytes, after: bytes) -> None:
        old = before.decode("utf-8", "replace").splitlines(keepends=True)
        new = after.decode("utf-8", "replace").splitlines(keepends=True)
        self.report.diffs.append("".join(difflib.unified_diff(
            old, new, fromfile=f"a/{path}" if before else "/dev/null",
            tofile=f"b/{path}" if after else "/dev/null")))


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_regular(target: Path) -> bytes | None:
    """The bytes of ``target`` if it is a regular file (opened without waiting: a named pipe
    put there is not read); ``None`` when it is missing or anything else."""
    try:
        fd = os.open(target, _READ_FLAGS)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        parts = []
        while chunk := os.read(fd, max(info.st_size + 1, 1 << 16)):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _frontmatter_ok(path: str, data: bytes) -> bool:
    from infoview.parse.note import parse_note

    return parse_note(path, data, structure=False).frontmatter_ok


TEMP_RE = re.compile(r"\..+\.infoview-(?:(\d+)-)?[0-9a-f]{8}\.tmp")
"""The name of infoview's temporary files: ``.Name.md.infoview-<pid>-<8 hex>.tmp`` (earlier
versions wrote no process id)."""
STALE_SECONDS = 3600
"""A temp file of a process that still runs is taken as left behind after this long (its id
may have been given to another process since)."""


def write_temp(target: Path, data: bytes, mode: int | None) -> Path:
    """``data`` in a hidden temporary file beside ``target`` (never taken for a note), flushed
    to disk, with ``mode`` (default: 0o666 less the umask); the caller renames it into place.
    Its name holds this process's id, so that one a crash leaves behind can be told from one
    being written (:func:`remove_stale_temp_files`)."""
    tmp = target.with_name(f".{target.name}.infoview-{os.getpid()}-{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temp_files(vault: Path, paths: list[str]) -> list[str]:
    """Delete those of ``paths`` (vault-relative temp files of infoview, as the walk found them)
    that a crashed infoview left behind: the process that made one is gone (or the file is over
    :data:`STALE_SECONDS` old, or of an earlier version and over a minute old). A temp file
    another infoview is writing right now is left alone. Returns the paths deleted."""
    removed: list[str] = []
    now = time.time()
    for path in paths:
        match = TEMP_RE.fullmatch(path.rsplit("/", 1)[-1])
        if match is None:
            continue
        target = vault / path
        try:
            age = now - target.lstat().st_mtime
        except OSError:
            continue
        pid = int(match[1]) if match[1] else None
        if pid is None:
            stale = age > 60
        elif pid == os.getpid():
            stale = False  # this very process: it writes its temp files and removes them
        else:
            stale = age > STALE_SECONDS or not _running(pid)
        if stale:
            with contextlib.suppress(OSError):
                target.unlink()
                removed.append(path)
    return removed


def _running(pid: int) -> bool:
    """Is there a process with this id (on this machine)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True
