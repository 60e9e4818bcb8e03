"""Benchmark ``infoview watch``: save-to-visible latency and a burst of new files.

Starts a real watcher (``infoview watch --json``) on a synthetic vault (benchmarks/make_vault.py),
then:

- *save-to-visible*: saves an interview note the way editors do (a temp file, then a rename)
  ``--saves`` times, a little apart (every other save also changes a property, so that the
  reminders are computed again), and times each from the rename until the watcher's line
  saying that note was indexed (by then the index is committed and the plugins have run, so
  ``infoview due`` and ``Infoview/Reminders.md`` show it). Reports p50 and p95 against the
  targets (p50 ≤ 0.5 s, p95 ≤ 1 s).
- *burst*: writes ``--burst`` new contact notes into a new folder as fast as Python can (like a
  ``git checkout``) and times from the first write until the watcher has indexed all of them
  (target ≤ 10 s).

Usage::

    python benchmarks/watch.py [--notes 10000] [--saves 30] [--burst 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_vault import make_vault

CONTACT = "---\ntype: contact\nstatus: prospect\ncompany: \"[[Globex]]\"\n---\nFrom a list.\n"


def infoview_command() -> list[str]:
    script = Path(sys.executable).with_name("infoview")
    return [str(script)] if script.exists() else [sys.executable, "-m", "infoview"]


class Watcher:
    def __init__(self, vault: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([*infoview_command(), "watch", "--json", "--vault",
                                      str(vault)], stdout=subprocess.PIPE, text=True, env=env)
        self.lines: queue.SimpleQueue[tuple[float, dict[str, Any]]] = queue.SimpleQueue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), json.loads(line)))

    def wait(self, wanted: Any, timeout: float = 60) -> tuple[float, dict[str, Any]]:
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise SystemExit("the watcher did not report in time")
            at, record = self.lines.get(timeout=left)
            if wanted(record):
                return at, record

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=60)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=10000, help="vault size (default 10000)")
    parser.add_argument("--saves", type=int, default=30, help="saves to time (default 30)")
    parser.add_argument("--burst", type=int, default=1000, help="files in the burst (1000)")
    parser.add_argument("--keep", type=Path, help="make the vault in DIR and keep it")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="infoview-watch-bench-"))
    vault = args.keep or work / "vault"
    env = dict(os.environ, INFOVIEW_CACHE_DIR=str(work / "cache"), NO_COLOR="1")
    try:
        if not (vault / ".infoview").is_dir():
            make_vault(vault, args.notes)
        subprocess.run([*infoview_command(), "sync", "--vault", str(vault)], env=env,
                       check=True, capture_output=True)
        watcher = Watcher(vault, env)
        watcher.wait(lambda r: r["event"] == "ready", timeout=300)
        notes = sorted((vault / "Interviews").rglob("*.md"))[: args.saves]
        latencies = []
        for i, note in enumerate(notes):
            rel = note.relative_to(vault).as_posix()
            temp = note.with_name(f".{note.name}.tmp")
            text = note.read_text(encoding="utf-8")
            if i % 2:  # every other save changes a property: reminders are computed again
                text = text.replace("\n---\n", f"\nmedium: video{i}\n---\n", 1)
            temp.write_text(text + f"\nSaved again ({i}).\n", encoding="utf-8")
            start = time.perf_counter()
            os.replace(temp, note)
            at, _ = watcher.wait(lambda r, rel=rel: r["event"] == "batch"
                                 and rel in r["changed"])
            latencies.append(at - start)
            time.sleep(0.3)
        burst_dir = vault / "Burst"
        burst_dir.mkdir()
        wanted = {f"Burst/Person {i:04}.md" for i in range(args.burst)}
        start = time.perf_counter()
        for rel in sorted(wanted):
            (vault / rel).write_text(CONTACT, encoding="utf-8")
        written = time.perf_counter() - start
        seen: set[str] = set()
        batches = 0
        while not wanted <= seen:
            at, record = watcher.wait(lambda r: r["event"] == "batch")
            batches += 1
            seen.update(record["added"])
        burst = at - start
        code = watcher.stop()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    result = {
        "notes": args.notes,
        "saves": len(latencies),
        "p50_s": round(statistics.median(latencies), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
        "max_s": round(max(latencies), 3),
        "burst_files": args.burst,
        "burst_write_s": round(written, 3),
        "burst_visible_s": round(burst, 3),
        "burst_batches": batches,
        "exit": code,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"infoview watch on {args.notes} notes ({os.cpu_count()} cores)")
        print(f"save-to-visible over {len(latencies)} saves: p50 {result['p50_s']:.3f} s "
              f"(target ≤ 0.5), p95 {result['p95_s']:.3f} s (target ≤ 1), "
              f"max {result['max_s']:.3f} s")
        print(f"burst of {args.burst} new notes (written in {written:.2f} s): all indexed "
              f"{burst:.2f} s after the first write, in {batches} batch(es) (target ≤ 10 s)")
        print(f"watcher exit status after SIGINT: {code}")
    ok = result["p50_s"] <= 0.5 and result["p95_s"] <= 1 and burst <= 10 and code == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
