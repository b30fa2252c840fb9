"""Figures that need fresh processes: cold start, 2 workers against 1, peak RSS per
worker, and re-running over an unchanged corpus (``--db`` and ``-o out.jsonl --resume``).

Each run is a subprocess of this one; a thread reads the peak RSS (``VmHWM`` in
``/proc/PID/status``) of that process and of every process below it (pool workers fork
from a forkserver, so they are not children of the run itself) until they exit.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "cli.py"
TIMEOUT = 1200
POLL_S = 0.5  # VmHWM only grows: a poll misses at most the last half second of a process


@dataclass
class Run:
    """A finished subprocess: wall time, exit status, output, peak RSS of its tree."""

    wall_s: float
    returncode: int
    stdout: str
    stderr: str
    root_peak_mb: float
    others_peak_mb: dict[int, float] = field(default_factory=dict)  # pid -> MB

    @property
    def largest_descendant_mb(self) -> float:
        return max(self.others_peak_mb.values(), default=0.0)

    def check(self) -> Run:
        if self.returncode != 0:
            tail = "\n".join(self.stderr.strip().splitlines()[-5:])
            raise RuntimeError(f"benchmark run failed (exit {self.returncode}): {tail}")
        return self


def _hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _descendants(root: int) -> set[int]:
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        # the name in parentheses may hold spaces: the fields after its ')' are fixed
        parent[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parent.items() if ppid in frontier} - found
        found |= frontier
    return found


def run(cmd: list[str], cwd: Path = ROOT, timeout: float = TIMEOUT) -> Run:
    """Run ``cmd``, timing it and watching the peak RSS of its process tree."""
    peaks: dict[int, float] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            for pid in {proc.pid} | _descendants(proc.pid):
                mb = _hwm_mb(pid)
                if mb is not None:
                    peaks[pid] = max(peaks.get(pid, 0.0), mb)
            stop.wait(POLL_S)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole group this run started
        out, err = proc.communicate()
        err += f"\nbenchmark: timed out after {timeout:g} s"
    wall = time.perf_counter() - t0
    stop.set()
    watcher.join()
    root = peaks.pop(proc.pid, 0.0)
    return Run(wall, proc.returncode, out, err, round(root, 1),
               {pid: round(mb, 1) for pid, mb in peaks.items()})


def cli_supports(*options: str) -> bool:
    """Whether ``policyx extract`` has all of ``options`` (another issue may add them)."""
    r = run([sys.executable, str(CLI), "extract", "--help"], timeout=120)
    return r.returncode == 0 and all(o in r.stdout for o in options)


# ---------------------------------------------------------------- cold start

COLD = "from extractor import extract; extract({file!r})"
COLD_PARTS = """
import json, time
t0 = time.perf_counter()
import extractor.pipeline
t1 = time.perf_counter()
from extractor.recognise import nlp
nlp.load()
t2 = time.perf_counter()
extractor.pipeline.extract({file!r})
t3 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "model_load_s": t2 - t1, "first_extract_s": t3 - t2}}))
"""


def cold_start(file: Path, repeat: int = 3) -> dict:
    """Wall time of a fresh ``python -c "from extractor import extract; extract(FILE)"``."""
    walls = [run([sys.executable, "-c", COLD.format(file=str(file))]).check().wall_s
             for _ in range(repeat)]
    parts = json.loads(run([sys.executable, "-c", COLD_PARTS.format(file=str(file))])
                       .check().stdout)
    return {"file": file.name, "runs": repeat, "best_s": round(min(walls), 2),
            "median_s": round(statistics.median(walls), 2),
            "parts_s": {k: round(v, 2) for k, v in parts.items()},
            "command": f'python -c "{COLD.format(file=file.name)}"'}


# ---------------------------------------------------------------- workers

POOL = """
import json, sys, time
from pathlib import Path
from extractor import parallel
from extractor.pipeline import ExtractOptions
paths = [Path(p) for p in Path(sys.argv[1]).read_text(encoding="utf-8").split("\\n") if p]
t0 = time.perf_counter()
outs, at = [], []
for o in parallel.run(paths, ExtractOptions(), workers=int(sys.argv[2])):
    outs.append(o)
    at.append(time.perf_counter() - t0)
print(json.dumps({"seconds": at[-1], "first_s": at[0],
                  "records": sum(o.record is not None for o in outs),
                  "errors": [o.error for o in outs if o.error][:3]}))
"""


def workers(files: list[Path], listfile: Path, counts: tuple[int, ...] = (1, 2)) -> dict:
    """``extractor.parallel.run`` over the same files with 1 and 2 workers.

    Timed inside the process from the call to the last outcome: pool start and the
    workers' model loading count, the interpreter's start does not. The steady speed-up
    leaves start-up out: documents after the first, over the time after the first.
    """
    listfile.write_text("\n".join(map(str, files)) + "\n", encoding="utf-8")
    out: dict = {"documents": len(files), "runs": {}}
    for n in counts:
        r = run([sys.executable, "-c", POOL, str(listfile), str(n)]).check()
        got = json.loads(r.stdout)
        if got["errors"]:
            raise RuntimeError(f"workers={n}: {got['errors']}")
        # one worker runs in the process itself; with a pool the workers are below it
        worker_peak = r.root_peak_mb if n == 1 else r.largest_descendant_mb
        out["runs"][str(n)] = {"seconds": round(got["seconds"], 2),
                               "first_outcome_s": round(got["first_s"], 2),
                               "records": got["records"],
                               "parent_peak_mb": r.root_peak_mb,
                               "worker_peak_mb": worker_peak}
    one = out["runs"][str(counts[0])]
    for n in counts[1:]:
        many = out["runs"][str(n)]
        out[f"speedup_{n}_over_{counts[0]}"] = round(one["seconds"] / many["seconds"], 2)
        out[f"steady_speedup_{n}_over_{counts[0]}"] = round(
            (one["seconds"] - one["first_outcome_s"])
            / max(1e-9, many["seconds"] - many["first_outcome_s"]), 2)
    out["peak_rss_per_worker_mb"] = max(v["worker_peak_mb"] for v in out["runs"].values())
    return out


SPIN = "import time\nt = time.perf_counter()\nx = 0\nfor i in range(15_000_000):\n    x += i\n" \
       "print(time.perf_counter() - t)"


def parallel_capacity(rounds: int = 2) -> dict:
    """How many cores' worth two CPU-bound processes get right now: 2 x (one alone) /
    (two at once). 2.0 on an idle 2-core machine; the ceiling of the workers' speed-up
    while other work shares the machine (or the host's cores are oversubscribed)."""
    best = 0.0
    for _ in range(rounds):
        alone = float(run([sys.executable, "-c", SPIN]).check().stdout)
        pair = [subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.PIPE, text=True)
                for _ in range(2)]
        both = [float(p.communicate()[0]) for p in pair]
        best = max(best, 2 * alone / statistics.mean(both))
    return {"cores_worth": round(best, 2), "rounds": rounds,
            "how": "a pure-Python loop alone, then two copies at once (best round)"}


# ---------------------------------------------------------------- unchanged re-run


def rerun(folder: Path, scratch: Path, n_workers: int, with_db: bool,
          goal: float = 20.0) -> dict:
    """First run over ``folder`` and a second over the same, unchanged files, by the CLI:
    ``--db`` (when ``with_db``) and ``-o out.jsonl --resume``. A re-run less than ``goal``
    times faster than the first is run once more under cProfile."""
    documents = sum(1 for p in folder.iterdir() if p.is_file())
    flags = ["--workers", str(n_workers)] if n_workers > 1 else []
    base = [sys.executable, str(CLI), "extract", str(folder), "-q", *flags]
    modes = {"jsonl_resume": (["-o", str(scratch / "out.jsonl")], ["--resume"])}
    if with_db:
        modes = {"db": (["--db", str(scratch / "corpus.duckdb")], []), **modes}
    out: dict = {"documents": documents, "workers": n_workers}
    for mode, (target, again) in modes.items():
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        first = run(base + target).check()
        second = run(base + target + again).check()
        out[mode] = {
            "command": " ".join(["policyx extract DIR -q", *flags, *target, *again])
                          .replace(str(scratch) + "/", ""),
            "first_s": round(first.wall_s, 2), "rerun_s": round(second.wall_s, 2),
            "speedup": round(first.wall_s / second.wall_s, 1),
            "first_peak_mb": {"main": first.root_peak_mb,
                              "largest_worker": first.largest_descendant_mb},
        }
        if mode == "jsonl_resume":
            lines = (scratch / "out.jsonl").read_text(encoding="utf-8").count("\n")
            out[mode]["records"] = lines
        if out[mode]["speedup"] < goal:
            out[mode]["profile"] = profile_command(base[1:] + target + again)
    shutil.rmtree(scratch, ignore_errors=True)
    return out


# ---------------------------------------------------------------- profiles


def profile_command(argv: list[str], top: int = 8) -> dict:
    """Run ``python -m cProfile SCRIPT ARGS`` (``argv``) and return its hot spots."""
    import pstats
    import tempfile

    from bench_extract import hot_spots

    with tempfile.TemporaryDirectory(prefix="policyx-bench-prof-") as tmp:
        out = Path(tmp) / "prof.out"
        run([sys.executable, "-m", "cProfile", "-o", str(out), *argv]).check()
        return hot_spots(pstats.Stats(str(out)), top)


def profile_code(code: str, top: int = 8) -> dict:
    """:func:`profile_command` of a snippet of Python, written to a script first."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".py", prefix="policyx-bench-",
                                     delete=False, encoding="utf-8") as f:
        f.write(code)
    try:
        return profile_command([f.name], top)
    finally:
        os.unlink(f.name)
