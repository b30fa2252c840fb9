"""``make bench``: every speed and memory figure of policyx in one run, each against its goal.

    python benchmarks/bench.py [--files 40] [--repeat 2] [--out benchmarks/results.json]
                               [--rebuild] [--skip-scale]

1. builds (or takes from ``benchmarks/.corpus/``) the corpus: the seeds as TXT, DOCX
   (python-docx), PDF and HTML (LibreOffice), copies of them, 1,000 small TXT documents
   (:mod:`corpus`);
2. in this process: characters a second of each stage and end to end, as a ratio to
   jieba.lcut on the same text, and PDF pages a second against pdfplumber
   (:mod:`bench_extract`);
3. in fresh processes: cold start, 2 workers against 1 and peak RSS per worker, an
   unchanged 1,000-document corpus re-run with ``--db`` and with ``--resume``
   (:mod:`bench_scale`);
4. prints a table with PASS/MISS per goal and writes everything to ``--out``. A figure
   that misses its goal gets a short profile (where the time goes) in the output.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_extract  # noqa: E402
import bench_scale  # noqa: E402
import corpus  # noqa: E402

ROOT = HERE.parent
TEXT_SAME = 0.99  # "the same text": share of characters equal, whitespace aside
log = bench_extract.log


def machine() -> dict:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in
                    Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(terse=True),
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "load_average_start": [round(x, 2) for x in os.getloadavg()]}


def goals(r: dict) -> list[dict]:
    """Each goal of issue 7 with the figure measured for it."""
    rows: list[dict] = []

    def add(name: str, value: float | None, shown: str, goal: str,
            ok: Callable[[float], bool]) -> None:
        rows.append({"goal": name, "value": value, "shown": shown, "target": goal,
                     "pass": None if value is None else bool(ok(value))})

    e2e = r["stages"]["end_to_end"]["txt"]
    add("end to end, TXT", e2e["ratio_to_jieba"], f"{e2e['ratio_to_jieba']:.3f} x jieba.lcut",
        ">= 0.2 x jieba.lcut", lambda v: v >= 0.2)
    pdf = r["stages"]["pdf"]
    same = pdf["text_share_equal"] >= TEXT_SAME
    add("PDF ingest vs pdfplumber", pdf["ratio_to_pdfplumber"] if same else 0.0,
        f"{pdf['ratio_to_pdfplumber']:.2f} x, text {pdf['text_share_equal']:.2%} equal",
        f">= 3 x, text >= {TEXT_SAME:.0%} equal", lambda v: v >= 3)
    w = r.get("workers") or {}
    s = w.get("speedup_2_over_1")
    add("2 workers over 1", s, f"{s:.2f} x" if s else "not measured", ">= 1.7 x",
        lambda v: v >= 1.7)
    rr = r.get("rerun") or {}
    for mode, label in (("db", "--db"), ("jsonl_resume", "-o out.jsonl --resume")):
        v = (rr.get(mode) or {}).get("speedup")
        add(f"unchanged re-run, {label}", v, f"{v:.1f} x faster" if v else "not measured",
            ">= 20 x faster", lambda v: v >= 20)
    c = (r.get("cold_start") or {}).get("best_s")
    add("cold start", c, f"{c:.2f} s" if c else "not measured", "< 2 s", lambda v: v < 2)
    rss = [w.get("peak_rss_per_worker_mb")] + [
        (rr.get(m) or {}).get("first_peak_mb", {}).get("largest_worker")
        for m in ("db", "jsonl_resume")]
    rss = [x for x in rss if x]
    m = max(rss) if rss else None
    add("peak RSS per worker", m, f"{m:.0f} MB" if m else "not measured", "<= 400 MB",
        lambda v: v <= 400)
    return rows


def table(r: dict) -> str:
    """The figures, then the goals with PASS/MISS."""
    st = r["stages"]
    lines = ["", f"policyx benchmarks  {r['machine']['date']}  {r['machine']['cores']} cores, "
             f"load average {r['machine']['load_average_start']} at start, "
             f"{r['machine']['load_average_end']} at end", "",
             f"{'stage (chars/s, ratio to jieba.lcut on the same text)':<44}"
             f"{'chars':>9}{'chars/s':>11}{'ratio':>8}"]
    rows = [(f"ingest {f}", v) for f, v in st["ingest"].items()]
    rows += [(k, st[k]) for k in ("clean", "structure", "recognise", "provisions")]
    rows += [(f"end to end {f}", v) for f, v in st["end_to_end"].items()]
    for name, v in rows:
        lines.append(f"{name:<44}{v['chars']:>9,}{v['chars_per_s']:>11,}"
                     f"{v['ratio_to_jieba']:>8.3f}")
    lines.append("  recognise by step (s): " + ", ".join(
        f"{k.removeprefix('policyx_')} {v}" for k, v in st["recognise_steps_s"].items()))
    lines.append("  share of end to end TXT: " + ", ".join(
        f"{k} {v:.0%}" for k, v in st["end_to_end_txt_shares"].items()))
    pdf = st["pdf"]
    lines.append(f"PDF: {pdf['pages']} pages, {pdf['pages_per_s']} pages/s, pdfplumber "
                 f"extract_text {pdf['pdfplumber_pages_per_s']} pages/s")
    w = r.get("workers")
    if w:
        lines.append(f"workers ({w['documents']} documents): " + ", ".join(
            f"{n}: {v['seconds']} s (first result at {v['first_outcome_s']} s), worker peak "
            f"{v['worker_peak_mb']:.0f} MB" for n, v in w["runs"].items())
            + f"; steady speed-up (start-up left out) {w['steady_speedup_2_over_1']} x; two "
            f"CPU-bound processes got {w['machine_parallel_capacity']['cores_worth']} cores' worth")
    for mode, v in (r.get("rerun") or {}).items():
        if isinstance(v, dict) and "first_s" in v:
            lines.append(f"re-run {mode} ({r['rerun']['documents']} docs): first {v['first_s']} s,"
                         f" unchanged re-run {v['rerun_s']} s   [{v['command']}]")
    c = r.get("cold_start")
    if c:
        lines.append(f"cold start: best {c['best_s']} s, median {c['median_s']} s of "
                     f"{c['runs']}; " + ", ".join(f"{k} {v}" for k, v in c["parts_s"].items()))
    lines += ["", f"{'goal':<40}{'measured':<32}{'target':<28}result"]
    for g in r["goals"]:
        mark = "—" if g["pass"] is None else "PASS" if g["pass"] else "MISS"
        lines.append(f"{g['goal']:<40}{g['shown']:<32}{g['target']:<28}{mark}")
    m = r["machine"]
    capacity = ((r.get("workers") or {}).get("machine_parallel_capacity") or {}).get(
        "cores_worth", 2.0)
    # the load at the end counts this run's own workers: the start and the capacity tell
    if m["load_average_start"][0] > 0.5 * (m["cores"] or 1) or capacity < 1.8:
        lines.append("note: other work shared the machine during this run (load average at "
                     f"start, {capacity} cores' worth for two processes): speeds and the "
                     "workers' speed-up are low; re-run on an idle machine")
    for p in r.get("profiles", {}).values():
        lines += ["", f"profile of {p['of']}:",
                  "  own time: " + ", ".join(f"{x['function']} {x['share']:.0%}"
                                             for x in p["own_time"]),
                  "  policyx functions, time below: " + ", ".join(
                      f"{x['function']} {x['seconds']} s" for x in p["below"])]
    return "\n".join(lines)


def profiles(r: dict, formats: dict[str, list[Path]], files: int) -> dict:
    """A short profile of each figure that missed its goal."""
    from extractor.ingest import read_bytes
    from extractor.pipeline import extract

    out: dict = {}
    missed = {g["goal"] for g in r["goals"] if g["pass"] is False}
    if "end to end, TXT" in missed:
        log("profile: end to end, TXT")
        txt = bench_extract.txt_set(files)
        out["end_to_end_txt"] = {"of": "extract() over the TXT set",
                                 **bench_extract.profile(lambda: [extract(p) for p in txt])}
    if "PDF ingest vs pdfplumber" in missed:
        log("profile: PDF ingest")
        data = [(p.read_bytes(), str(p)) for p in formats["pdf"]]
        out["pdf_ingest"] = {"of": "PDF ingest", **bench_extract.profile(
            lambda: [read_bytes(d, n) for d, n in data])}
    if "cold start" in missed:
        log("profile: cold start")
        out["cold_start"] = {"of": "the cold-start command", **bench_scale.profile_code(
            bench_scale.COLD.format(file=str(formats["txt"][0])))}
    for mode, label in (("db", "--db"), ("jsonl_resume", "-o out.jsonl --resume")):
        prof = ((r.get("rerun") or {}).get(mode) or {}).get("profile")
        if f"unchanged re-run, {label}" in missed and prof:
            out[f"rerun_{mode}"] = {"of": f"the unchanged re-run, {label} (main process)", **prof}
    return out


def stage_shares(st: dict) -> dict[str, float]:
    """Share of the TXT end-to-end time taken by each stage (timed apart, not profiled)."""
    secs = {"ingest": st["ingest"]["txt"]["seconds"], "clean": st["clean"]["seconds"],
            "structure": st["structure"]["seconds"], "provisions": st["provisions"]["seconds"],
            **{k.removeprefix("policyx_"): v for k, v in st["recognise_steps_s"].items()}}
    total = st["end_to_end"]["txt"]["seconds"]
    secs["rest (models, hashing, unaccounted)"] = max(0.0, total - sum(secs.values()))
    return {k: round(v / total, 3) for k, v in sorted(secs.items(), key=lambda kv: -kv[1])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=40, help="shared-corpus texts besides the seeds")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs of each stage (best counts)")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--rebuild", action="store_true", help="build the corpus again")
    ap.add_argument("--skip-scale", action="store_true", help="in-process figures only")
    args = ap.parse_args()

    t0 = time.perf_counter()
    r: dict = {"command": "make bench", "machine": machine()}
    log("corpus")
    c = corpus.load(args.rebuild)
    r["corpus"] = {"key": c.root.name, "built_now": c.built,
                   "formats": {f: len(p) for f, p in c.formats.items()},
                   "pool_documents": len(c.pool_files), "many_documents": corpus.MANY,
                   "many_chars_max": corpus.MANY_CHARS}
    r["stages"] = bench_extract.measure(c.formats, args.files, args.repeat)
    if not args.skip_scale:
        log("cold start")
        r["cold_start"] = bench_scale.cold_start(c.formats["txt"][0])
        runs = corpus.CACHE / "runs"
        runs.mkdir(parents=True, exist_ok=True)
        log(f"workers: 1 and 2 over {len(c.pool_files)} documents")
        r["workers"] = bench_scale.workers(c.pool_files, runs / "pool.txt")
        r["workers"]["machine_parallel_capacity"] = bench_scale.parallel_capacity()
        has_db = bench_scale.cli_supports("--db", "--workers")
        n = 2 if bench_scale.cli_supports("--workers") else 1
        log(f"re-run over {corpus.MANY} documents ({'--db and ' if has_db else ''}--resume)")
        r["rerun"] = bench_scale.rerun(c.many, runs / "rerun", n, has_db)
    r["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    r["goals"] = goals(r)
    r["stages"]["end_to_end_txt_shares"] = stage_shares(r["stages"])
    r["profiles"] = profiles(r, c.formats, args.files)
    r["seconds"] = round(time.perf_counter() - t0, 1)
    args.out.write_text(json.dumps(r, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(r))
    print(f"\n{r['seconds']:.0f} s; figures in {args.out}")


if __name__ == "__main__":
    main()
