"""``infoview watch``: keep the index and the generated notes current as files change.

A watchdog observer reports file events from its own thread into a queue. The watcher collects
them into a *batch* until the vault has been quiet for ``[watch] debounce_ms`` (only
:data:`SETTLED_SECONDS` when every file of a small batch was closed after writing or renamed
into place: an editor's save is complete), or a batch has been open for
:data:`MAX_BATCH_SECONDS`, then syncs just the files of the batch (the index
walks the whole vault only when a file appeared, vanished or a folder moved). A batch of more
than ``[watch] max_batch`` files (a ``git checkout``) becomes one rescan. infoview's own writes
are recognised and cause no further work. When the OS gives no events (inotify watches used up,
a network filesystem), the observer polls instead.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

from infoview.app.session import Session
from infoview.app.sync import SyncResult, run_sync
from infoview.config.settings import load_config
from infoview.model.errors import InfoviewError
from infoview.vault.layout import MARKER, classify_path

SETTLED_SECONDS = 0.03
"""The quiet window when every file of a small batch is *settled*: closed after writing or
renamed into place (an editor's save is complete)."""
SETTLED_MAX_PATHS = 20
"""Batches of more files always wait the full quiet window (a checkout is still going on)."""
MAX_BATCH_SECONDS = 2.0
"""A batch is synced after this long even if events keep coming (a long copy, a checkout)."""
CHECK_SECONDS = 0.5
"""How often the watcher looks whether it should stop or the vault is gone, when idle."""
RESCAN_SECONDS = 300.0
"""When idle this long since the last walk, walk the vault once (reading only what changed):
events the system dropped (an inotify queue overflow, a folder it could not watch) are not
missed for long."""
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "afs", "fuse.sshfs",
    "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "davfs", "fuse.davfs2", "ncpfs", "coda",
})
"""Filesystems whose changes made on other machines send no inotify events: poll them."""
_EVENTS = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
           FileClosedEvent, FileAttribEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
"""Reads (opened, closed without writing) are not changes: infoview's own reads stay quiet."""
_CONFIG = f"{MARKER}/config.toml"


class VaultGone(InfoviewError):
    """The vault folder was removed or moved while it was watched (the watcher could not go
    on: exit status 1)."""


class StopWatching(BaseException):
    """Raised by :meth:`Watcher.interrupt` in the middle of a batch: the batch is abandoned (the
    index rolls back its transaction, no note is left half-written, parsing workers are
    stopped) so that the watcher stops at once; the next start syncs it."""


@dataclass(slots=True)
class Batch:
    """Events collected since the last sync."""

    first: float
    last: float
    paths: set[str] = field(default_factory=set)
    rescan: bool = False
    config: bool = False
    events: int = 0
    open: set[str] = field(default_factory=set)
    """Paths whose last event was a write still going on (created, modified)."""

    def quiet(self, debounce: float) -> float:
        """How long the vault must stay quiet before this batch is synced."""
        if not self.open and not self.rescan and len(self.paths) <= SETTLED_MAX_PATHS:
            return min(debounce, SETTLED_SECONDS)
        return debounce


@dataclass(slots=True)
class BatchResult:
    """One synced batch, as ``infoview watch`` reports it."""

    sync: SyncResult
    events: int
    paths: int
    rescan: bool
    seconds: float

    @property
    def anything(self) -> bool:
        """Did the batch change the index, write a note, or find a problem?"""
        return bool(self.sync.report.touched or self.sync.writes.changed
                    or self.sync.writes.skipped or self.sync.failures or self.sync.report.problems)


class _Collector(FileSystemEventHandler):
    """Runs in the observer's thread: hands every event to the watcher's queue."""

    def __init__(self, events: queue.SimpleQueue[tuple[str, bool, str, str] | None]) -> None:
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.put((event.event_type, event.is_directory, os.fsdecode(event.src_path),
                         os.fsdecode(event.dest_path)))


def filesystem_type(path: str) -> str | None:
    """The type of the filesystem holding ``path`` (Linux: from ``/proc/self/mountinfo``)."""
    best, found = "", None
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                fields = line.split()
                if " - " not in line or len(fields) < 5:
                    continue
                mount = fields[4].replace("\\040", " ")
                after = line.split(" - ", 1)[1].split()
                inside = path == mount or path.startswith(mount.rstrip("/") + "/")
                if after and inside and len(mount) >= len(best):
                    best, found = mount, after[0]
    except OSError:
        return None
    return found


class Watcher:
    """Watches one vault until :meth:`stop` is called (from a signal handler, another thread)."""

    def __init__(self, session: Session, *, on_batch: Callable[[BatchResult], None],
                 notice: Callable[[str], None], poll: bool | None = None,
                 debounce_ms: int | None = None, today_fixed: bool = False) -> None:
        self.session = session
        self.today_fixed = today_fixed
        """``--today`` was given: the day does not move at midnight."""
        self.on_batch = on_batch
        self.notice = notice
        settings = session.config.data["watch"]
        self.poll = settings["poll"] if poll is None else poll
        self.debounce = (settings["debounce_ms"] if debounce_ms is None else debounce_ms) / 1000
        self.root = str(session.vault)
        self.events: queue.SimpleQueue[tuple[str, bool, str, str] | None] = queue.SimpleQueue()
        self.own: dict[str, tuple[int, int]] = {}
        """Files infoview wrote, with their stat right after: events for them are its own."""
        self._stop = threading.Event()
        self._identity = self._vault_identity()
        self._walked = time.monotonic()
        self.observer: Any = None
        self.mode = ""
        self.busy = False
        """True while a batch is being synced."""

    # -- starting and stopping --------------------------------------------------------------

    def start(self) -> None:
        """Start observing (events are queued from now on)."""
        self.observer, self.mode = self._start_observer()

    def stop(self) -> None:
        """Ask the watcher to finish (the batch in progress completes first)."""
        self._stop.set()
        self.events.put(None)

    def interrupt(self) -> None:
        """From a signal handler (Ctrl-C, SIGTERM): stop, abandoning a batch in progress by
        raising :class:`StopWatching`, so that even a long batch (a first sync of a big vault)
        stops within a moment."""
        self.stop()
        if self.busy:
            raise StopWatching

    def close(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None

    def _start_observer(self) -> tuple[Any, str]:
        from watchdog.observers.polling import PollingObserver

        interval = float(self.session.config.data["watch"]["poll_seconds"])
        handler = _Collector(self.events)
        reason = None
        if self.poll:
            reason = "polling, as asked"
        else:
            kind = filesystem_type(self.root)
            if kind in NETWORK_FILESYSTEMS:
                reason = f"the vault is on {kind}, which sends no change events: polling"
        if reason is None:
            from watchdog.observers import Observer

            observer = Observer()
            try:
                observer.schedule(handler, self.root, recursive=True, event_filter=_EVENTS)
                observer.start()
                return observer, "events"
            except OSError as error:
                observer.stop()
                if error.errno not in (errno.ENOSPC, errno.EMFILE, errno.ENOMEM):
                    raise InfoviewError(f"cannot watch {self.root}: {error.strerror or error}"
                                        ) from None
                reason = ("the system's inotify watches are used up: polling (raise "
                          "fs.inotify.max_user_watches with sysctl, or close other watchers)")
        self.notice(f"{reason} every {interval:g}s")
        observer = PollingObserver(timeout=interval)
        observer.schedule(handler, self.root, recursive=True, event_filter=_EVENTS)
        observer.start()
        return observer, "polling"

    # -- the loop ---------------------------------------------------------------------------

    def run(self) -> None:
        """Collect events into batches and sync each, until :meth:`stop`. Raises
        :class:`VaultGone` when the vault folder disappears."""
        batch: Batch | None = None
        while not self._stop.is_set():
            now = time.monotonic()
            quiet = self.debounce if batch is None else batch.quiet(self.debounce)
            if batch is not None and (now - batch.last >= quiet
                                      or now - batch.first >= MAX_BATCH_SECONDS):
                self._check_vault()
                self.sync(batch)
                batch = None
                continue
            wait = CHECK_SECONDS if batch is None else max(0.005, min(
                quiet - (now - batch.last), MAX_BATCH_SECONDS - (now - batch.first)))
            try:
                item = self.events.get(timeout=wait)
            except queue.Empty:
                if batch is None:
                    self._check_vault()
                    self._new_day()
                    if time.monotonic() - self._walked >= RESCAN_SECONDS:
                        batch = self._new_batch()
                        batch.rescan = True
                        batch.first = batch.last = 0.0  # sync it at once
                continue
            while item is not None:
                batch = self._add(batch, item)
                try:
                    item = self.events.get_nowait()
                except queue.Empty:
                    break

    def _add(self, batch: Batch | None, item: tuple[str, bool, str, str]) -> Batch | None:
        kind, is_dir, src, dest = item
        relevant = False
        for path in (src, dest) if kind == "moved" else (src,):
            # A file closed after writing or renamed into place is complete; one that vanished
            # may be replaced in a moment (vim renames the note away, then writes it anew).
            settled = kind == "closed" or (kind == "moved" and path == dest)
            rel = self._relative(path)
            if rel is None:
                continue
            if rel == "":  # the vault folder itself
                self._check_vault()
                continue
            if rel == _CONFIG:
                batch = batch or self._new_batch()
                batch.config = batch.rescan = relevant = True
                continue
            if classify_path(rel, "", "") is None or _is_scratch(rel):
                continue  # hidden, temporary, editor scratch files
            if is_dir:
                if kind == "modified":
                    continue  # a folder's listing changed: its files report themselves
                batch = batch or self._new_batch()
                batch.rescan = relevant = True
                continue
            batch = batch or self._new_batch()
            batch.paths.add(rel)
            if settled:
                batch.open.discard(rel)
            elif kind != "attrib":
                batch.open.add(rel)
            relevant = True
        if relevant and batch is not None:
            batch.events += 1
            batch.last = time.monotonic()
        return batch

    @staticmethod
    def _new_batch() -> Batch:
        now = time.monotonic()
        return Batch(first=now, last=now)

    def _relative(self, path: str) -> str | None:
        if path == self.root:
            return ""
        if not path.startswith(self.root + os.sep):
            return None
        return path[len(self.root) + 1:].replace(os.sep, "/")

    # -- syncing ----------------------------------------------------------------------------

    def sync(self, batch: Batch | None = None, *, force: bool = False) -> BatchResult | None:
        """Sync a batch (``None``: the whole vault, as at start); report it unless it was only
        infoview's own writes. ``force``: run the plugins even if no file changed."""
        paths: set[str] | None = None
        if batch is not None:
            if batch.config:
                self._reload_config()
            paths = {p for p in batch.paths if not self._is_own(p)}
            if not paths and not batch.rescan and not force:
                return None
            if batch.rescan or len(paths) > int(self.session.config.data["watch"]["max_batch"]):
                paths = None
        started = time.perf_counter()
        if paths is None:
            self._walked = time.monotonic()
        self.session.new_run()
        self.busy = True
        try:
            result = run_sync(self.session, paths=paths)
        except InfoviewError as error:
            self.notice(f"this batch was not synced ({error}); the next change retries")
            return None
        finally:
            self.busy = False
        self._remember_own(result)
        done = BatchResult(result, batch.events if batch else 0,
                           len(paths) if paths is not None else -1,
                           paths is None, time.perf_counter() - started)
        if batch is None or done.anything:
            self.on_batch(done)
        return done

    def _new_day(self) -> None:
        """After midnight: reminders move from "this week" to "overdue"; sync for the new day
        (nothing is read again; the generated notes are redrawn)."""
        today = _today()
        if self.today_fixed or today == self.session.today:
            return
        self.session.today = today
        self.sync(self._new_batch(), force=True)

    def _is_own(self, rel: str) -> bool:
        seen = self.own.get(rel)
        if seen is None:
            return False
        try:
            st = os.stat(os.path.join(self.root, rel))
        except OSError:
            self.own.pop(rel, None)
            return False
        if (st.st_mtime_ns, st.st_size) == seen:
            return True
        self.own.pop(rel, None)  # changed since infoview wrote it: someone else's change
        return False

    def _remember_own(self, result: SyncResult) -> None:
        for rel in result.writes.changed:
            try:
                st = os.stat(os.path.join(self.root, rel))
            except OSError:
                continue
            self.own[rel] = (st.st_mtime_ns, st.st_size)

    def _reload_config(self) -> None:
        try:
            config = load_config(self.session.vault)
        except InfoviewError as error:
            self.notice(f"{error}; keeping the settings read before")
            return
        for message in config.warnings:
            self.notice(message)
        self.session.config = config

    # -- the vault itself -------------------------------------------------------------------

    def _vault_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.root)
        except OSError:
            return None
        if not os.path.isdir(os.path.join(self.root, MARKER)):
            return None
        return st.st_dev, st.st_ino

    def _check_vault(self) -> None:
        if self._vault_identity() != self._identity:
            raise VaultGone(f"the vault folder {self.root} was moved or removed (or lost its "
                            f"{MARKER}/ folder); stopped watching")


def _today() -> dt.date:
    return dt.date.today()


def _is_scratch(rel: str) -> bool:
    """Editor scratch files that are no attachment: vim's write test ``4913``."""
    name = rel.rsplit("/", 1)[-1]
    return name.isdigit()
