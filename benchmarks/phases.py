"""Where the time of one cold ``infoview sync`` goes, phase by phase.

Usage (with the Python of the environment where infoview is installed)::

    python benchmarks/phases.py VAULT [--today YYYY-MM-DD] [--keep-state]

Runs ``infoview sync`` once in this process, on ``VAULT`` with a fresh temporary
``INFOVIEW_CACHE_DIR`` (``--keep-state``: the index alone is fresh, as after a rebuild, and the
plugins' state is taken from a first sync), and prints when each phase started and how long it
took, measured by wrapping the functions that do the work. Nothing in the vault changes except
what a sync writes. See ``docs/benchmarks.md``, "Where a cold sync's time goes".
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PHASES = [
    # (module, attribute, label)
    ("infoview.index.sync", "walk_vault", "walk the vault"),
    ("infoview.index.sync", "_read_chunks", "read phase: parse (workers) and write rows"),
    ("infoview.index.sync", "_insert", "  of which: writing rows (main process)"),
    ("infoview.index.sync", "vault_resolver", "link resolver"),
    ("infoview.index.sync", "insert_links", "resolve and write links"),
    ("infoview.index.sync", "_create_indexes", "build the indexes"),
    ("infoview.plugin.host", "PluginHost.sync_after_index", "plugins: after index"),
    ("infoview.plugin.host", "PluginHost.sync_generated_notes", "plugins: generated notes"),
    ("infoview.plugins.workflow.status_moves", "move_statuses", "  of which: status moves"),
    ("infoview.plugins.workflow.dashboard", "update_dashboard", "  of which: Dashboard.md"),
]


class Clock:
    """Collects (label, first start, total seconds, calls) per wrapped function."""

    def __init__(self) -> None:
        self.spans: dict[str, list[float]] = {}
        self.start = time.perf_counter()

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)
        spans, start = self.spans, self.start

        def record(started: float) -> None:
            span = spans.setdefault(label, [started - start, 0.0, 0])
            span[1] += time.perf_counter() - started
            span[2] += 1

        if name == "_read_chunks":  # a generator: time it until it is exhausted
            def timed_gen(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    yield from original(*args, **kwargs)
                finally:
                    record(started)
            setattr(owner, name, timed_gen)
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                record(started)

        setattr(owner, name, timed)


def install(clock: Clock) -> None:
    import importlib

    for module_name, attribute, label in PHASES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        clock.wrap(owner, name, label)


def run_sync(vault: Path, today: str, quiet: Callable[[], Any]) -> int:
    from infoview.cli.main import main

    with quiet():
        try:
            main(["sync", "--vault", str(vault), "--today", today])
        except SystemExit as exit_:
            return int(exit_.code or 0)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the phases of one cold infoview sync.")
    parser.add_argument("vault", type=Path)
    parser.add_argument("--today", default="2026-11-01",
                        help="the day the sync runs on (default: the synthetic vault's)")
    parser.add_argument("--keep-state", action="store_true",
                        help="fresh index, but the plugins' state of a first sync kept")
    args = parser.parse_args(argv)
    if not args.vault.is_dir():
        print(f"{args.vault}: no such folder", file=sys.stderr)
        return 2
    import contextlib
    import io

    def quiet() -> Any:
        stack = contextlib.ExitStack()
        stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
        stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
        return stack

    cache = Path(tempfile.mkdtemp(prefix="infoview-phases-"))
    os.environ["INFOVIEW_CACHE_DIR"] = str(cache)
    try:
        if args.keep_state:
            if run_sync(args.vault, args.today, quiet) != 0:
                print("the first sync failed", file=sys.stderr)
                return 1
            for index in (cache / "vaults").glob("*.sqlite"):
                if not index.name.endswith(".state.sqlite"):
                    index.unlink()
        clock = Clock()
        install(clock)
        before = os.times()
        code = run_sync(args.vault, args.today, quiet)
        total = time.perf_counter() - clock.start
        after = os.times()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"cold sync of {args.vault}: {total:.3f} s from the command's start, its imports "
          f"included (exit {code}); timed in process, so a little slower than run alone")
    main_cpu = after.user + after.system - before.user - before.system
    workers_cpu = (after.children_user + after.children_system
                   - before.children_user - before.children_system)
    print(f"CPU: this process {main_cpu:.2f} s, its parsing workers {workers_cpu:.2f} s")
    print(f"{'phase':46s} {'starts at':>9s} {'takes':>8s}  calls")
    for label, (first, seconds, calls) in sorted(clock.spans.items(), key=lambda s: s[1][0]):
        print(f"{label:46s} {first:8.3f}s {seconds:7.3f}s  {calls}")
    return code


if __name__ == "__main__":
    sys.exit(main())
