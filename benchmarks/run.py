"""Benchmark infoview against a synthetic vault and two bare-Python floors.

Usage (with the Python of the environment where infoview is installed)::

    python benchmarks/run.py --notes 10000 [--repeat 3] [--json] [--keep DIR]

Every figure is one whole process (start-up included), run with ``subprocess.Popen`` and reaped
with ``os.wait4`` so that its own peak resident memory (``ru_maxrss``) is known. Wall times are
the median of ``--repeat`` runs; peak memory is the largest of those runs. Each infoview figure
is printed beside its floor, the ratio, and its target. See ``docs/benchmarks.md``.

Exit status: 0 when every measured command ran (targets missed or not), 1 when an infoview
command failed (or, with ``--check``, when a target was missed), 2 when infoview is not installed
or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_vault import ANCHOR_DAY, make_vault

#: Targets (see docs/benchmarks.md).
COLD_VS_FLOOR_B = 1.5
COLD_PEAK_MB = 250.0
NO_CHANGE_VS_FLOOR_A = 4.0
ONE_CHANGE_EXTRA_S = 0.15
READ_COMMAND_S = 0.5
EXAMPLE_DUE_S = 0.15

FLOOR_STARTUP = "pass"

FLOOR_A = r"""
import os, sys
n = 0
for top, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        if name.endswith(".md"):
            os.stat(os.path.join(top, name))
            n += 1
print(n)
"""

FLOOR_B = r"""
import os, sys, yaml
n = bad = 0
for top, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for name in files:
        if not name.endswith(".md"):
            continue
        with open(os.path.join(top, name), encoding="utf-8") as fh:
            text = fh.read()
        n += 1
        if not text.startswith("---\n"):
            continue
        end = text.find("\n---", 3)
        if end < 0:
            continue
        try:
            yaml.load(text[4:end + 1], Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            bad += 1
print(n, bad)
"""


@dataclass
class Run:
    """One finished child process."""

    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Figure:
    """One row of the report: a command run ``repeat`` times, and how it compares."""

    name: str
    argv: list[str]
    times: list[float] = field(default_factory=list)
    peaks_mb: list[float] = field(default_factory=list)
    status: str = "ok"  # ok | over | n/a | FAILED | skipped
    floor: str | None = None
    floor_s: float | None = None
    ratio: float | None = None
    delta_s: float | None = None
    target: str | None = None
    target_s: float | None = None
    note: str = ""

    @property
    def median_s(self) -> float | None:
        """Median wall time in seconds, or None if never measured."""
        return statistics.median(self.times) if self.times else None

    @property
    def peak_mb(self) -> float | None:
        """Largest peak RSS over the runs, in MB."""
        return max(self.peaks_mb) if self.peaks_mb else None

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON-ready dict."""
        return {
            "name": self.name,
            "command": self.argv,
            "times_s": [round(t, 4) for t in self.times],
            "median_s": None if self.median_s is None else round(self.median_s, 4),
            "peak_rss_mb": None if self.peak_mb is None else round(self.peak_mb, 1),
            "floor": self.floor,
            "floor_s": None if self.floor_s is None else round(self.floor_s, 4),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "delta_s": None if self.delta_s is None else round(self.delta_s, 4),
            "target": self.target,
            "target_s": None if self.target_s is None else round(self.target_s, 4),
            "status": self.status,
            "note": self.note,
        }


def maxrss_mb(ru_maxrss: int) -> float:
    """``ru_maxrss`` in MB (it is in kilobytes on Linux, bytes on macOS)."""
    scale = 1.0 if sys.platform == "darwin" else 1024.0
    return ru_maxrss * scale / 1e6


LAUNCHER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    req = json.loads(line)
    try:
        with open(req["out"], "wb") as out, open(req["err"], "wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(req["argv"], stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=err, env=req["env"], cwd=req["cwd"])
            _, status, rusage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        reply = {"seconds": seconds, "maxrss": rusage.ru_maxrss, "returncode": code}
    except OSError as exc:
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
"""


class Launcher:
    """A small, long-lived helper process that starts every measured command.

    On Linux a process's ``ru_maxrss`` survives ``execve`` and starts from the memory of the
    process that forked it (for a ``vfork`` child, that process's high-water mark), so a command
    started directly from this script would report at least this script's own peak, which holds
    the vault generator's data. The helper is started first, stays at about 10 MB, and runs each
    command with ``subprocess.Popen`` + ``os.wait4``, timing it there. Peak figures below the
    helper's own size (about 10 MB, see floor 0) are the helper's.
    """

    def __init__(self, work: Path) -> None:
        self.work = work
        self.count = 0
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def run(self, argv: list[str], env: dict[str, str], cwd: Path) -> Run:
        """Run ``argv`` to completion; return its wall time, peak RSS and output."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.count += 1
        out = self.work / f"run-{self.count}.out"
        err = self.work / f"run-{self.count}.err"
        request = {"argv": argv, "env": env, "cwd": str(cwd), "out": str(out), "err": str(err)}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the benchmark's launcher process died")
        reply = json.loads(line)
        if "error" in reply:  # the command could not be started at all
            return Run(0.0, 0.0, 127, "", f"cannot run {shlex.join(argv)}: {reply['error']}")
        try:
            return Run(
                reply["seconds"],
                maxrss_mb(reply["maxrss"]),
                reply["returncode"],
                out.read_bytes().decode("utf-8", "replace"),
                err.read_bytes().decode("utf-8", "replace"),
            )
        finally:
            out.unlink(missing_ok=True)
            err.unlink(missing_ok=True)

    def close(self) -> None:
        """Stop the helper (it ends when its stdin closes)."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def is_missing_command(run: Run) -> bool:
    """True when infoview says it has no such command (click's usage error)."""
    return run.returncode == 2 and "No such command" in run.stderr


def find_infoview() -> list[str] | None:
    """The command that runs the infoview installed for this Python, or None."""
    script = Path(sys.executable).parent / ("infoview.exe" if os.name == "nt" else "infoview")
    if script.is_file():
        return [str(script)]
    try:
        if importlib.util.find_spec("infoview.__main__") is not None:
            return [sys.executable, "-m", "infoview"]
    except ImportError:
        pass
    return None


def count_notes(vault: Path) -> int:
    """Number of ``.md`` files outside hidden folders."""
    total = 0
    for _top, dirs, files in os.walk(vault):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        total += sum(1 for name in files if name.endswith(".md"))
    return total


def snapshot(vault: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every file outside hidden folders, to see what a sync wrote."""
    snap: dict[str, tuple[int, int]] = {}
    for top, dirs, files in os.walk(vault):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(top, name)
            st = os.stat(path)
            snap[os.path.relpath(path, vault)] = (st.st_size, st.st_mtime_ns)
    return snap


def changed_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> int:
    """How many files were created, changed or deleted between two snapshots."""
    return sum(1 for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def pick_interview(vault: Path) -> Path | None:
    """A deterministic interview note to edit for the one-changed-note figure."""
    folder = vault / "Interviews"
    notes = sorted(folder.glob("*.md")) if folder.is_dir() else []
    return notes[len(notes) // 2] if notes else None


def pick_contact_name(vault: Path) -> str:
    """The name of a contact that has interviews (from an interview note's file name)."""
    interview = pick_interview(vault)
    if interview is not None and len(interview.stem) > 11 and interview.stem[10] == " ":
        return interview.stem[11:]
    contacts = sorted((vault / "Contacts").glob("*.md"))
    return contacts[0].stem if contacts else "Jane Doe"


class Bench:
    """Runs the figures and keeps the rows."""

    def __init__(self, launcher: Launcher, repeat: int, verbose: bool) -> None:
        self.launcher = launcher
        self.repeat = repeat
        self.verbose = verbose
        self.rows: list[Figure] = []
        self.failed = False

    def run_once(self, argv: list[str], env: dict[str, str], cwd: Path) -> Run:
        """Run ``argv`` once through the launcher."""
        return self.launcher.run(argv, env, cwd)

    def log(self, message: str) -> None:
        """Progress message on stderr (suppressed with --quiet)."""
        if self.verbose:
            print(message, file=sys.stderr, flush=True)

    def measure(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str],
        cwd: Path,
        before_each: Callable[[int], dict[str, str] | None] | None = None,
        infoview: bool = True,
        ok_codes: tuple[int, ...] = (0,),
    ) -> Figure:
        """Run ``argv`` ``repeat`` times (calling ``before_each(i)`` first) and add the row.

        ``before_each`` may return a replacement environment for that run; an exit status
        outside ``ok_codes`` is a failure (``doctor`` exits 1 when it finds problems).
        """
        fig = Figure(name, argv)
        self.rows.append(fig)
        self.log(f"  {name} ...")
        for i in range(self.repeat):
            run_env = env
            if before_each is not None:
                run_env = before_each(i) or env
            run = self.run_once(argv, run_env, cwd)
            if infoview and is_missing_command(run):
                fig.status = "n/a"
                fig.note = "command not in the installed infoview"
                return fig
            if run.returncode not in ok_codes:
                fig.status = "FAILED"
                fig.note = f"exit status {run.returncode}"
                self.failed = True
                print(
                    f"\n{name}: `{shlex.join(argv)}` exited with {run.returncode}; stderr:",
                    file=sys.stderr,
                )
                print(run.stderr.rstrip() or "(empty)", file=sys.stderr)
                return fig
            fig.times.append(run.seconds)
            fig.peaks_mb.append(run.peak_mb)
        return fig


def judge(fig: Figure, floor: Figure | None, kind: str, limit: float) -> None:
    """Fill floor, ratio and target columns of ``fig`` and set ok/over.

    ``kind`` is ``ratio`` (median ≤ limit × floor), ``delta`` (median ≤ floor + limit seconds)
    or ``absolute`` (median ≤ limit seconds).
    """
    median = fig.median_s
    if kind == "absolute":
        fig.target = f"≤ {limit:g} s"
        fig.target_s = limit
    elif floor is not None:
        fig.floor = floor.name
        fig.floor_s = floor.median_s
        fig.target = (
            f"≤ {limit:g}× {floor.name.split(':')[0]}"
            if kind == "ratio"
            else f"≤ {floor.name} + {limit:g} s"
        )
        if floor.median_s is not None:
            fig.target_s = limit * floor.median_s if kind == "ratio" else floor.median_s + limit
    if median is None or fig.status != "ok":
        return
    if fig.floor_s:
        fig.ratio = median / fig.floor_s
        if kind == "delta":
            fig.delta_s = median - fig.floor_s
    if fig.target_s is not None and median > fig.target_s:
        fig.status = "over"


def machine_info(infoview_cmd: list[str] | None) -> dict[str, Any]:
    """What the figures were measured on."""
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count() or 0
    version = None
    try:
        from importlib.metadata import version as dist_version

        version = dist_version("infoview")
    except Exception:
        pass
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "nproc": nproc,
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "infoview_version": version,
        "infoview_command": infoview_cmd,
    }


def fmt_s(value: float | None) -> str:
    """Seconds for the table."""
    return "—" if value is None else f"{value:.3f} s"


def print_table(bench: Bench, header: list[str]) -> None:
    """The human-readable report."""
    for line in header:
        print(line)
    print()
    cols = ["figure", "median", "peak RSS", "floor", "ratio", "target", "result"]
    table = [cols]
    for fig in bench.rows:
        ratio = ""
        if fig.delta_s is not None:
            ratio = f"{fig.delta_s:+.3f} s"
        elif fig.ratio is not None:
            ratio = f"{fig.ratio:.2f}×"
        floor = f"{fig.floor.split(':')[0]} {fmt_s(fig.floor_s)}" if fig.floor else ""
        result = "" if fig.name.startswith("floor") else fig.status
        if fig.note and fig.status not in ("ok", "over"):
            result += f" ({fig.note})"
        table.append(
            [
                fig.name,
                fmt_s(fig.median_s) if fig.times else ("n/a" if fig.status == "n/a" else "—"),
                "" if fig.peak_mb is None else f"{fig.peak_mb:.0f} MB",
                floor,
                ratio,
                fig.target or "",
                result,
            ]
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        description="Time infoview on a synthetic vault against bare-Python floors."
    )
    parser.add_argument("--notes", type=int, default=10000, help="vault size (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="vault generator seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="make the vault in DIR and keep it (reused if it already has .infoview/)",
    )
    parser.add_argument("--search", default="Kubernetes", help="word for `infoview search`")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed, too")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--infoview",
        metavar="CMD",
        help="command that runs infoview (default: the `infoview` script beside "
        "this Python, else `python -m infoview`)",
    )
    args = parser.parse_args(argv)
    if args.notes < 3 or args.repeat < 1:
        parser.error("--notes must be at least 3 and --repeat at least 1")

    infoview = shlex.split(args.infoview) if args.infoview else find_infoview()
    work = Path(tempfile.mkdtemp(prefix="infoview-bench-"))
    launcher = Launcher(work)  # first, while this process is still small
    bench = Bench(launcher, args.repeat, verbose=not args.quiet)
    try:
        if args.keep is not None:
            vault = args.keep.resolve()
            reuse = (vault / ".infoview").is_dir()
        else:
            vault = work / "vault"
            reuse = False
        gen_s = None
        if reuse:
            bench.log(f"reusing the vault in {vault}")
        else:
            bench.log(f"generating {args.notes} notes in {vault} ...")
            start = time.perf_counter()
            make_vault(vault, args.notes, args.seed)
            gen_s = time.perf_counter() - start
        md_files = count_notes(vault)
        notes = md_files if reuse else args.notes

        home = work / "home"  # keep the user's own cache, config and trust store out of it
        for sub in ("cache", "config", "data", "state"):
            (home / sub).mkdir(parents=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("INFOVIEW_")}
        env.update(
            NO_COLOR="1",
            INFOVIEW_VAULT=str(vault),
            INFOVIEW_TODAY=ANCHOR_DAY.isoformat(),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_STATE_HOME=str(home / "state"),
            COLUMNS="120",
        )
        py = [sys.executable]

        bench.log("warming the file cache (floor B, untimed) ...")
        warm = bench.run_once([*py, "-c", FLOOR_B, str(vault)], env, work)
        if warm.returncode != 0:
            print(f"floor B failed:\n{warm.stderr}", file=sys.stderr)
            return 2
        bench.log("floors:")
        bench.measure(
            "floor 0: python startup", [*py, "-c", FLOOR_STARTUP], env, work, infoview=False
        )
        floor_a = bench.measure(
            "floor A: walk+stat", [*py, "-c", FLOOR_A, str(vault)], env, work, infoview=False
        )
        floor_b = bench.measure(
            "floor B: walk+read+C-YAML", [*py, "-c", FLOOR_B, str(vault)], env, work, infoview=False
        )

        header = [
            f"infoview benchmark: {notes} notes"
            + (
                f" (+{md_files - notes} templates; generated in {gen_s:.1f} s)"
                if not reuse
                else " (.md files in the reused vault)"
            )
            + f", vault {vault}",
        ]
        info = machine_info(infoview)
        header.append(
            f"machine: {info['platform']}, nproc {info['nproc']}, Python {info['python']} "
            f"({sys.executable})"
        )
        how = (
            f"infoview {info['infoview_version'] or '?'} via `{shlex.join(infoview)}`"
            if infoview
            else "infoview not installed"
        )
        header.append(
            f"{how}; median of {args.repeat} runs, peak RSS = largest ru_maxrss of the child"
        )
        extra: list[str] = []
        if infoview is None:
            extra.append(
                f"infoview is not installed for {sys.executable}: no `infoview` script beside "
                "it and no `python -m infoview`. Install it with "
                f"`{sys.executable} -m pip install -e {Path(__file__).resolve().parents[1]}` "
                "(or pass --infoview CMD) and run this script with that Python."
            )
        else:
            extra += run_infoview(bench, infoview, vault, env, work, args.search, floor_a, floor_b)

        if args.json:
            doc = {
                "notes": notes,
                "md_files": md_files,
                "notes_requested": None if reuse else args.notes,
                "seed": None if reuse else args.seed,
                "generate_s": None if gen_s is None else round(gen_s, 3),
                "repeat": args.repeat,
                "vault": str(vault),
                "today": ANCHOR_DAY.isoformat(),
                "machine": info,
                "infoview_installed": infoview is not None,
                "figures": [fig.to_json() for fig in bench.rows],
                "remarks": extra,
                "failed": bench.failed,
                "targets_met": all(f.status != "over" for f in bench.rows),
            }
            print(json.dumps(doc, indent=2, ensure_ascii=False))
        else:
            print_table(bench, header)
            for line in extra:
                print(f"\n{line}" if line is extra[0] else line)
        if infoview is None:
            return 2
        if bench.failed:
            return 1
        if args.check and any(f.status == "over" for f in bench.rows):
            return 1
        return 0
    finally:
        launcher.close()
        shutil.rmtree(work, ignore_errors=True)


def measure_syncs(
    bench: Bench,
    sync: list[str],
    env: dict[str, str],
    steady_env: dict[str, str],
    vault: Path,
    work: Path,
    floor_a: Figure,
    floor_b: Figure,
    remarks: list[str],
) -> None:
    """Cold, no-change and one-changed-note syncs (after a successful first sync)."""
    cold_n = [0]

    def fresh_cache(_i: int) -> dict[str, str]:
        cold_n[0] += 1
        cache = work / f"cache-cold-{cold_n[0]}"
        cache.mkdir()
        return {**env, "INFOVIEW_CACHE_DIR": str(cache)}

    cold = bench.measure("cold sync", sync, env, vault, before_each=fresh_cache)
    judge(cold, floor_b, "ratio", COLD_VS_FLOOR_B)
    cold.target = f"{cold.target}; ≤ {COLD_PEAK_MB:g} MB"
    if cold.peak_mb is not None and cold.peak_mb > COLD_PEAK_MB and cold.status == "ok":
        cold.status = "over"
        cold.note = "peak memory over target"

    bench.run_once(
        sync, steady_env, vault
    )  # settle the steady cache (a second sync writes nothing)
    before = snapshot(vault)
    no_change = bench.measure("no-change sync", sync, steady_env, vault)
    written = changed_files(before, snapshot(vault))
    if written and no_change.status == "ok":
        remarks.append(
            f"WARNING: the no-change syncs changed {written} file(s) in the vault "
            "(sync should be idempotent)."
        )
    judge(no_change, floor_a, "ratio", NO_CHANGE_VS_FLOOR_A)

    note = pick_interview(vault)
    if note is None or no_change.status not in ("ok", "over"):
        reason = "no interview note" if note is None else "no no-change figure"
        bench.rows.append(Figure("one changed note", sync, status="skipped", note=reason))
        return

    def append_line(i: int) -> None:
        with open(note, "a", encoding="utf-8", newline="") as fh:
            fh.write(f"\nBenchmark edit {i + 1}.\n")

    one = bench.measure("one changed note", sync, steady_env, vault, before_each=append_line)
    judge(one, no_change, "delta", ONE_CHANGE_EXTRA_S)
    remarks.append(
        f"one changed note: a line was appended to {note.relative_to(vault)} before each run."
    )


def run_infoview(
    bench: Bench,
    infoview: list[str],
    vault: Path,
    env: dict[str, str],
    work: Path,
    search_word: str,
    floor_a: Figure,
    floor_b: Figure,
) -> list[str]:
    """Measure the infoview figures; return remarks to print under the table."""
    remarks: list[str] = []
    sync = [*infoview, "sync"]
    steady_cache = work / "cache-steady"
    steady_env = {**env, "INFOVIEW_CACHE_DIR": str(steady_cache)}

    # Untimed first sync: brings the vault to its steady state (generated notes written), so
    # every timed cold sync sees the same files.
    bench.log("infoview: first sync (untimed) ...")
    before = snapshot(vault)
    first = bench.run_once(sync, steady_env, vault)
    sync_missing = is_missing_command(first)
    if first.returncode != 0 and not sync_missing:
        print(f"\nfirst `infoview sync` exited with {first.returncode}; stderr:", file=sys.stderr)
        print(first.stderr.rstrip() or "(empty)", file=sys.stderr)
    elif first.returncode == 0:
        written = changed_files(before, snapshot(vault))
        remarks.append(
            f"the first (untimed) sync created or changed {written} file(s) in the "
            "vault (expected: its two generated notes; see docs/benchmarks.md)."
        )

    if first.returncode != 0:
        if sync_missing:
            status, reason = "n/a", "command not in the installed infoview"
        else:
            status, reason = "FAILED", "first sync failed"
            bench.failed = True
        for name in ("cold sync", "no-change sync", "one changed note"):
            bench.rows.append(Figure(name, sync, status=status, note=reason))
    else:
        measure_syncs(bench, sync, env, steady_env, vault, work, floor_a, floor_b, remarks)

    contact = pick_contact_name(vault)
    for name, cmd in read_commands(contact, search_word):
        for extra in ([], ["--json"]):
            fig = bench.measure(" ".join([name, *extra]), [*infoview, *cmd, *extra], steady_env,
                                vault, ok_codes=(0, 1) if cmd[0] == "doctor" else (0,))
            judge(fig, None, "absolute", READ_COMMAND_S)
    measure_example_due(bench, infoview, env, work, remarks)
    return remarks


def read_commands(contact: str, search_word: str) -> list[tuple[str, list[str]]]:
    """Every read command (each is also timed with ``--json``): its row name and arguments."""
    return [
        ("list", ["list"]),
        ("list interviews", ["list", "interviews"]),
        (f'show "{contact}"', ["show", contact]),
        ("due", ["due"]),
        (f"search {search_word}", ["search", search_word]),
        ("referrals", ["referrals"]),
        ("status", ["status"]),
        ("targets", ["targets"]),
        ("next", ["next"]),
        ("doctor", ["doctor"]),
        ("plugins", ["plugins"]),
    ]


def measure_example_due(bench: Bench, infoview: list[str], env: dict[str, str], work: Path,
                        remarks: list[str]) -> None:
    """``due`` on the example vault (``init --example``): start-up is most of it."""
    example = work / "example"
    example_env = {**env, "INFOVIEW_VAULT": str(example),
                   "INFOVIEW_CACHE_DIR": str(work / "cache-example")}
    made = bench.run_once([*infoview, "init", "--example", str(example)], example_env, work)
    synced = bench.run_once([*infoview, "sync"], example_env, example) \
        if made.returncode == 0 else made
    if synced.returncode != 0:
        bench.rows.append(Figure("due (example vault)", [*infoview, "due"], status="FAILED",
                                 note="init --example or sync failed"))
        bench.failed = True
        return
    fig = bench.measure("due (example vault)", [*infoview, "due"], example_env, example)
    judge(fig, None, "absolute", EXAMPLE_DUE_S)
    remarks.append("due (example vault): `infoview init --example`, synced once, then `due`: "
                   "what a small vault costs, start-up and imports being most of it.")


if __name__ == "__main__":
    sys.exit(main())
