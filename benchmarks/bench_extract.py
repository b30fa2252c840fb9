"""End-to-end extraction speed as a ratio to jieba.lcut on the same text, and peak RSS.

    python benchmarks/bench_extract.py [--files N] [--out benchmarks/results.json]

Both are measured in this one process on the same texts (the seeds plus N corpus
files), so the ratio does not depend on how fast the machine is. Model and dictionary
loading is done before timing (cold start is reported apart).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=60, help="corpus files besides the seeds")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from extractor import extract
    from extractor.pipeline import ExtractOptions  # noqa: F401
    from extractor.recognise import nlp
    nlp.load()
    import jieba
    jieba.initialize()
    cold = time.perf_counter() - t0

    corpus = sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))[: args.files]
    paths = sorted((ROOT / "corpora" / "seeds").glob("*.txt")) + corpus
    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)
    extract(paths[0])  # warm every lazy table once

    t = time.perf_counter()
    for p in paths:
        extract(p)
    t_extract = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    t_jieba = time.perf_counter() - t

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": len(paths),
        "chars": chars,
        "extract_chars_per_s": round(chars / t_extract),
        "jieba_lcut_chars_per_s": round(chars / t_jieba),
        "ratio_to_jieba_lcut": round(t_jieba / t_extract, 3),
        "ratio_goal": 0.2,
        "peak_rss_mb": round(rss_mb, 1),
        "peak_rss_goal_mb": 400,
        "cold_start_s": round(cold, 2),
    }
    print(json.dumps(result, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
