"""The one way infoview changes a user's notes.

Every change — a field set by a plugin, a new contact, a generated note, ``done``, ``undo`` —
goes through a :class:`NoteWriter`, which keeps the contract's promises:

- the change itself is surgical (:mod:`infoview.frontmatter_edit`): every other byte stays;
- a note whose frontmatter does not parse is never written;
- a file that changed since infoview read it is not overwritten: the write is skipped and
  reported, and happens on a later sync;
- writes are atomic: the new bytes go to a temporary file in the same folder (a hidden
  ``.*.tmp`` name, which is never taken for a note), are flushed to disk, keep the file's
  mode, and replace the file with ``os.replace``;
- a new note never replaces an existing file;
- every write is recorded in the journal first (:mod:`infoview.journal`), so ``undo`` can
  revert it; under ``--dry-run`` nothing is written and the planned changes are kept as diffs;
- writing the bytes a file already has is no write at all (sync stays idempotent).

The only remaining race is the instant between the last check of the file and ``os.replace``.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from infoview.errors import InfoviewError
from infoview.journal import Journal, digest

Change = Callable[[bytes], bytes]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A write that was not made, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        from infoview.printable import quoted_name

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
        """The bytes of ``path`` now (``None`` if it does not exist)."""
        try:
            return self._abs(path).read_bytes()
        except FileNotFoundError:
            return None

    # -- changing an existing note ------------------------------------------------------------

    def edit(self, path: str, change: Change, *, reason: str,
             expected_hash: str | None = None) -> bool:
        """Apply ``change`` (bytes → bytes) to the note at ``path``.

        ``expected_hash`` is the hash of the bytes the change was decided from (the indexed
        note's ``hash``): if the file is no longer those bytes, nothing is written and the skip
        is reported. Returns True when the note was (or, dry-run, would be) changed.
        """
        before = self.read(path)
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
        return self._replace(path, before, after, reason)

    def replace_text(self, path: str, text: str, *, reason: str,
                     expected_hash: str | None = None) -> bool:
        """Make ``path`` hold ``text`` (UTF-8), creating it if missing: for generated notes,
        which infoview owns. Unchanged text writes nothing."""
        data = text.encode("utf-8")
        before = self.read(path)
        if before is None:
            return self.create(path, data, reason=reason) is not None
        if expected_hash is not None and digest(before) != expected_hash:
            self._skip(path, "changed since infoview read it; not written (the next sync "
                       "tries again)")
            return False
        if before == data:
            return False
        return self._replace(path, before, data, reason)

    # -- making a new note --------------------------------------------------------------------

    def create(self, path: str, data: bytes, *, reason: str) -> str | None:
        """Create the note ``path`` holding ``data``; never replaces a file that exists
        (the write is skipped and reported). Returns ``path`` when created."""
        target = self._abs(path)
        if target.exists() or target.is_symlink():
            self._skip(path, "already exists; not overwritten")
            return None
        self._diff(path, b"", data)
        if self.dry_run:
            self.report.created.append(path)
            return path
        seq = self.journal.record(path, "create", None, data, reason) if self.journal else None
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = write_temp(target, data, mode=None)
        try:
            try:
                os.link(tmp, target)  # fails if the name exists: nothing is ever replaced
            except FileExistsError:
                raise
            except OSError:
                with open(target, "xb") as handle:  # no hard links on this file system
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
        except FileExistsError:
            self._withdraw(seq)
            self._skip(path, "appeared meanwhile; not overwritten")
            return None
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        self._sync_folder(target.parent)
        self.report.created.append(path)
        return path

    def delete(self, path: str, *, expected_hash: str, reason: str) -> bool:
        """Delete the note ``path`` if it still holds the bytes hashed ``expected_hash`` (undo
        of a note infoview created); anything else is left alone and reported."""
        current = self.read(path)
        if current is None:
            return False
        if digest(current) != expected_hash:
            self._skip(path, "changed since infoview made it; left alone")
            return False
        self._diff(path, current, b"")
        if not self.dry_run:
            self._abs(path).unlink()
            self._sync_folder(self._abs(path).parent)
        self.report.deleted.append(path)
        return True

    # -- internals ----------------------------------------------------------------------------

    def _withdraw(self, seq: int | None) -> None:
        if self.journal is not None and seq is not None:
            self.journal.withdraw(seq)

    def _replace(self, path: str, before: bytes, after: bytes, reason: str) -> bool:
        self._diff(path, before, after)
        if self.dry_run:
            self.report.written.append(path)
            return True
        target = self._abs(path)
        mode = stat.S_IMODE(target.stat().st_mode)
        seq = self.journal.record(path, "edit", before, after, reason) if self.journal else None
        tmp = write_temp(target, after, mode=mode)
        try:
            if self.before_replace is not None:
                self.before_replace(path)
            if self.read(path) != before:
                raise ChangedSinceRead(path)
            os.replace(tmp, target)
        except ChangedSinceRead:
            self._withdraw(seq)
            self._skip(path, "changed while infoview was writing it; not written (the next "
                       "sync tries again)")
            return False
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        self._sync_folder(target.parent)
        self.report.written.append(path)
        return True

    def _abs(self, path: str) -> Path:
        target = (self.vault / path).resolve()
        vault = self.vault.resolve()
        if target != vault and vault not in target.parents:
            raise InfoviewError(f"{path}: outside the vault; infoview writes only inside it")
        return self.vault / path

    def _skip(self, path: str, reason: str) -> None:
        self.report.skipped.append(Skipped(path, reason))

    def _diff(self, path: str, before: bytes, after: bytes) -> None:
        old = before.decode("utf-8", "replace").splitlines(keepends=True)
        new = after.decode("utf-8", "replace").splitlines(keepends=True)
        self.report.diffs.append("".join(difflib.unified_diff(
            old, new, fromfile=f"a/{path}" if before else "/dev/null",
            tofile=f"b/{path}" if after else "/dev/null")))


def _frontmatter_ok(path: str, data: bytes) -> bool:
    from infoview.parse import parse_note

    return parse_note(path, data, structure=False).frontmatter_ok


def write_temp(target: Path, data: bytes, mode: int | None) -> Path:
    """``data`` in a hidden temporary file beside ``target`` (never taken for a note), flushed
    to disk, with ``mode`` (default: 0o666 less the umask); the caller renames it into place."""
    tmp = target.with_name(f".{target.name}.infoview-{secrets.token_hex(4)}.tmp")
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
