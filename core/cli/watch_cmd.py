"""``infoview watch [--json] [--poll] [--debounce MS]``."""

from __future__ import annotations

import datetime as dt
import signal
from typing import Any

import click

from infoview.app.session import Session
from infoview.cli.options import session_options
from infoview.cli.output import json_text, warn
from infoview.model.errors import LockedError
from infoview.model.printable import quoted_name

SHOWN = 3
"""Paths named per kind of change in a batch's line (the rest are counted)."""


@click.command("watch")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per line (ready, each batch, stopped).")
@click.option("--poll", is_flag=True, default=None,
              help="Poll the folder instead of waiting for the system's change events.")
@click.option("--debounce", "debounce_ms", type=click.IntRange(min=1, max=3_600_000),
              metavar="MS",
              help="Quiet time before a batch of changes is synced (default: [watch] "
                   "debounce_ms, 200).")
@session_options
def command(session: Session, as_json: bool, poll: bool | None, debounce_ms: int | None) -> int:
    """Sync once, then keep the index, reminders and referral contacts current as notes
    change, until Ctrl-C. Prints one line per batch of changes."""
    from infoview.app.watch import BatchResult, StopWatching, Watcher
    from infoview.index.lock import hold_exclusive, holder, release

    lock_path = session.index_file.with_name(session.index_file.name + ".watch.lock")
    fd = hold_exclusive(lock_path)
    if fd is None:
        raise LockedError(f"another `infoview watch` (process {holder(lock_path)}) is already "
                          f"watching {session.vault}; one watcher per vault is enough")

    def emit(record: dict[str, Any], text: str) -> None:
        click.echo(json_text(record) if as_json else text)

    def on_batch(done: BatchResult) -> None:
        record = _record(done)
        emit(record, _line(record))
        if not as_json:
            for problem in done.sync.report.problems:
                click.echo(f"  {problem}", err=True)
            for skipped in done.sync.writes.skipped:
                click.echo(f"  not written: {skipped}", err=True)
            for failure in done.sync.failures:
                click.echo(f"  {failure}", err=True)

    def notice(message: str) -> None:
        if as_json:
            emit({"event": "notice", "message": message}, message)
        else:
            warn(message)

    today_given = click.get_current_context().params.get("today") is not None
    watcher = Watcher(session, on_batch=on_batch, notice=notice, poll=poll,
                      debounce_ms=debounce_ms, today_fixed=today_given)
    previous = {sig: signal.signal(sig, lambda *_: watcher.interrupt())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        watcher.start()
        watcher.sync()
        emit({"event": "ready", "vault": str(session.vault), "mode": watcher.mode},
             f"Watching {session.vault} for changes ({watcher.mode}); Ctrl-C stops.")
        watcher.run()
    except StopWatching:
        pass  # stopped in the middle of a batch: it was abandoned, the next start syncs it
    finally:
        watcher.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        release(fd)
    emit({"event": "stopped"}, "Stopped watching.")
    # Failures were printed with their batch; they do not make a clean stop an error.
    session.plugins.failures.clear()
    return 0


def _record(done: Any) -> dict[str, Any]:
    report, writes = done.sync.report, done.sync.writes
    return {
        "event": "batch",
        "time": dt.datetime.now().isoformat(timespec="milliseconds"),
        "events": done.events,
        "rescan": done.rescan,
        "added": sorted(report.added), "changed": sorted(report.changed),
        "removed": sorted(report.removed),
        "written": sorted(writes.written), "created": sorted(writes.created),
        "skipped": [{"path": s.path, "reason": s.reason} for s in writes.skipped],
        "problems": [{"path": p.path, "line": p.line, "kind": p.kind, "message": p.message}
                     for p in report.problems],
        "failures": [str(f) for f in done.sync.failures],
        "seconds": round(done.seconds, 3),
    }


def _line(record: dict[str, Any]) -> str:
    """``12:03:04 1 changed (Interviews/x.md); wrote Infoview/Reminders.md (0.05s)``."""
    parts = []
    for key, label in (("added", "new"), ("changed", "changed"), ("removed", "removed"),
                       ("created", "created"), ("written", "wrote")):
        paths = record[key]
        if paths:
            named = ", ".join(map(quoted_name, paths[:SHOWN])) + (
                f" +{len(paths) - SHOWN}" if len(paths) > SHOWN else "")
            parts.append(f"{label} {named}" if key in ("created", "written")
                         else f"{len(paths)} {label} ({named})")
    if record["problems"]:
        parts.append(f"{len(record['problems'])} problem(s)")
    if record["skipped"]:
        parts.append(f"{len(record['skipped'])} write(s) skipped")
    if record["failures"]:
        parts.append(f"{len(record['failures'])} plugin failure(s)")
    when = record["time"][11:19]
    return f"{when} {'; '.join(parts) or 'no change'} ({record['seconds']:.2f}s)"
