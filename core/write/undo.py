"""Reverting the last run's writes (``infoview undo``), from the journal."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from infoview.write.journal import Journal, digest
from infoview.write.writer import NoteWriter


@dataclass(slots=True)
class UndoReport:
    run: int | None = None
    started: str = ""
    command: str = ""
    restored: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    """Files changed since that run (or gone): not touched."""


def _restore(previous: bytes, _current: bytes) -> bytes:
    return previous


def undo_last(journal: Journal, writer: NoteWriter) -> UndoReport:
    """Revert the newest run not undone yet, newest write first. A file is put back only if it
    still holds exactly what infoview wrote; any other file is left alone and listed. Under a
    dry-run writer, only plans."""
    report = UndoReport()
    last = journal.last_run()
    if last is None:
        return report
    report.run, report.started, report.command, entries = last
    for entry in entries:
        current = writer.read(entry.path)
        now = None if current is None else digest(current)
        if entry.action == "create":
            if now is None:
                continue
            if now == entry.hash_after and writer.delete(
                    entry.path, expected_hash=now, reason="undo"):
                report.deleted.append(entry.path)
            else:
                report.left_alone.append(entry.path)
            continue
        if now == entry.hash_before:
            continue  # already as it was
        if now is None or now != entry.hash_after or entry.before is None:
            report.left_alone.append(entry.path)
            continue
        if writer.edit(entry.path, partial(_restore, entry.before), reason="undo",
                       expected_hash=now):
            report.restored.append(entry.path)
        else:
            report.left_alone.append(entry.path)
    if not writer.dry_run:
        journal.mark_undone(report.run)
    return report
