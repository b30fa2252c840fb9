"""The benchmark's own machinery: goals judged right, the re-run corpus, RSS of a process tree.

No speed is asserted here (speed is what ``make bench`` reports, not a test).
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import bench  # noqa: E402
import bench_scale  # noqa: E402
import corpus  # noqa: E402


def _result(e2e: float = 0.25, pdf: float = 4.0, share: float = 1.0, speedup: float = 1.8,
            rerun: float = 30.0, cold: float = 1.5, rss: float = 300.0) -> dict:
    return {
        "stages": {"end_to_end": {"txt": {"ratio_to_jieba": e2e}},
                   "pdf": {"ratio_to_pdfplumber": pdf, "text_share_equal": share}},
        "workers": {"speedup_2_over_1": speedup, "peak_rss_per_worker_mb": rss},
        "rerun": {"db": {"speedup": rerun, "first_peak_mb": {"largest_worker": rss}},
                  "jsonl_resume": {"speedup": rerun}},
        "cold_start": {"best_s": cold},
    }


def _verdicts(r: dict) -> dict[str, bool | None]:
    return {g["goal"]: g["pass"] for g in bench.goals(r)}


def test_goals_all_met() -> None:
    assert set(_verdicts(_result()).values()) == {True}


def test_each_goal_can_miss() -> None:
    v = _verdicts(_result(e2e=0.19, speedup=1.6, rerun=19.0, cold=2.0, rss=401.0))
    assert v["end to end, TXT"] is False
    assert v["2 workers over 1"] is False
    assert v["unchanged re-run, --db"] is False
    assert v["cold start"] is False
    assert v["peak RSS per worker"] is False
    assert v["PDF ingest vs pdfplumber"] is True


def test_fast_pdf_reading_with_other_text_misses() -> None:
    assert _verdicts(_result(pdf=10.0, share=0.95))["PDF ingest vs pdfplumber"] is False


def test_figure_not_measured_is_neither_pass_nor_miss() -> None:
    r = _result()
    del r["workers"], r["rerun"]
    v = _verdicts(r)
    assert v["2 workers over 1"] is None and v["unchanged re-run, --db"] is None


def test_rerun_corpus_small_documents_all_different(tmp_path: Path) -> None:
    seeds = sorted(corpus.SEEDS.glob("*.txt"))
    corpus._many(seeds, tmp_path)
    files = sorted(tmp_path.iterdir())
    assert len(files) == corpus.MANY
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len({hashlib.sha256(t.encode()).hexdigest() for t in texts}) == corpus.MANY
    last_line = max(len(t.rstrip("\n").rsplit("\n", 1)[-1]) for t in texts)
    assert max(map(len, texts)) <= corpus.MANY_CHARS + last_line + 1
    assert texts[0].startswith(seeds[0].read_text(encoding="utf-8").splitlines()[0])


def test_cache_key_follows_seed_content(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一、目标\n", encoding="utf-8")
    b.write_text("一、目标\n", encoding="utf-8")
    before = corpus.cache_key([a, b])
    assert corpus.cache_key([a, b]) == before
    b.write_text("一、目标。\n", encoding="utf-8")
    assert corpus.cache_key([a, b]) != before


GROW = "b = bytearray({mb} * 2**20); b[::4096] = b'x' * len(b[::4096]); import time; time.sleep(1.5)"


def test_run_sees_peak_rss_of_process_and_grandchild() -> None:
    # the grandchild stands for a pool worker forked below the run
    child = ("import subprocess, sys; "
             f"subprocess.run([sys.executable, '-c', {GROW.format(mb=120)!r}], check=True); "
             + GROW.format(mb=60))
    r = bench_scale.run([sys.executable, "-c", child]).check()
    assert r.root_peak_mb >= 60
    assert r.largest_descendant_mb >= 120


def test_failed_run_raises_with_its_stderr() -> None:
    r = bench_scale.run([sys.executable, "-c", "import sys; sys.exit('boom')"])
    with pytest.raises(RuntimeError, match="boom"):
        r.check()
