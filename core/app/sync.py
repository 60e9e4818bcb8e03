"""One sync: index what changed, run the plugins, write the generated notes. Shared by
``infoview sync`` and each batch of ``infoview watch``.

The whole sync holds the vault's *sync lock* (beside the index, outside the vault), so a
``sync`` run while ``watch`` is busy waits for it rather than interleaving its writes.

The sync alone keeps the index current while plugins write: after each plugin's hook it
indexes the notes that hook wrote (the writer's report says which), so the next hook, and the
generated notes, read the vault as the hooks before them left it. A plugin never calls the
indexer itself.
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
from infoview.vault.layout import classify_path
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
    notes; what the plugins write is indexed as they go (see the module doc)."""
    failures_before = len(session.plugins.failures)
    with IndexLock(sync_lock_path(session), timeout=600, on_wait=lambda: session.warn(
            "waiting for another infoview process on this vault (infoview watch?)")):
        report = session.refresh(full=full, progress=progress, paths=paths)
        if report.temp_files and not session.dry_run:
            remove_stale_temp_files(session.vault, report.temp_files)  # left by a crash
        changes = NoteChanges(tuple(sorted(report.added)), tuple(sorted(report.changed)),
                              tuple(sorted(report.removed)), everything=report.rebuilt or full)
        written = Written(session)
        session.plugins.sync_after_index(session, changes, after_each=written.index_notes)
        session.plugins.sync_generated_notes(session, after_each=written.index_notes)
        written.index_new_files()
    return SyncResult(report, session.writer.report, session.plugins.failures[failures_before:])


class Written:
    """What the plugins of one sync wrote, and indexing it (never under ``--dry-run``, which
    writes nothing)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen = (0, 0)
        """How many of the writer's ``written`` and ``created`` paths were looked at."""
        self.created: list[str] = []
        """Files created that are no notes, not indexed yet."""

    def index_notes(self) -> None:
        """Index the notes written since the last call (a file of the templates or generated
        folder is no note to the index: its text is not indexed)."""
        writes = self.session.writer.report
        written, created = writes.written[self.seen[0]:], writes.created[self.seen[1]:]
        self.seen = (len(writes.written), len(writes.created))
        config = self.session.config
        templates, generated = config.folder("templates"), config.folder("generated")
        notes = [path for path in dict.fromkeys(created + written)
                 if classify_path(path, templates, generated) == "note"]
        self.created += [path for path in created if path not in notes]
        self._index(notes)

    def index_new_files(self) -> None:
        """Index what is left: the files created that are no notes (a first ``Reminders.md``
        is a link target), once."""
        self.index_notes()
        self._index(self.created)

    def _index(self, paths: list[str]) -> None:
        if paths and not self.session.dry_run:
            self.session.refresh(paths=paths)
