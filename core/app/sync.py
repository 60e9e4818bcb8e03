"""One sync: index what changed, run the plugins, write the generated notes. Shared by
``infoview sync`` and each batch of ``infoview watch``.

The whole sync holds the vault's *sync lock* (beside the index, outside the vault), so a
``sync`` run while ``watch`` is busy waits for it rather than interleaving its writes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from infoview.app.session import Session
from infoview.index.lock import IndexLock
from infoview.index.sync import IndexReport, Progress
from infoview.model.note import NoteChanges
from infoview.plugin.host import PluginFailure
from infoview.write.writer import WriteReport, remove_stale_temp_files


@dataclass(slots=True)
class SyncResult:
    """What one sync did."""

    report: IndexReport
    writes: WriteReport
    failures: list[PluginFailure] = field(default_factory=list)
    """Plugin failures of this sync."""


def sync_lock_path(session: Session) -> Path:
    return session.index_file.with_name(session.index_file.name + ".sync.lock")


def run_sync(session: Session, *, full: bool = False, progress: Progress | None = None,
             paths: Collection[str] | None = None) -> SyncResult:
    """Index (only ``paths`` when given and enough), then the plugin phase, then the generated
    notes; the index is refreshed after plugins write so it reflects their writes."""
    failures_before = len(session.plugins.failures)
    with IndexLock(sync_lock_path(session), timeout=600, on_wait=lambda: session.warn(
            "waiting for another infoview process on this vault (infoview watch?)")):
        report = session.refresh(full=full, progress=progress, paths=paths)
        if report.temp_files and not session.dry_run:
            remove_stale_temp_files(session.vault, report.temp_files)  # left by a crash
        changes = NoteChanges(tuple(sorted(report.added)), tuple(sorted(report.changed)),
                              tuple(sorted(report.removed)), everything=report.rebuilt or full)
        session.plugins.sync_after_index(session, changes)
        writes = session.writer.report
        dry = session.dry_run
        if writes.changed and not dry:
            session.refresh(paths=writes.changed)  # generated notes see what plugins wrote
        written = len(writes.changed)
        session.plugins.sync_generated_notes(session)
        if len(writes.changed) > written and not dry:
            session.refresh(paths=writes.changed[written:])
    return SyncResult(report, writes, session.plugins.failures[failures_before:])
