"""Pool the blind sets' first scores: tp, fp and fn summed over every
``corpora/<set>/first-score/overlap.json`` (the reports kept from each set's one scoring
before any rule was written against it), then P/R/F1 of the issue's labels and provisions.

    python scripts/pool_first_scores.py
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("INSTITUTION", "DEADLINE", "MONEY", "POLICY_REF")
FIELDS = ("value", "unit", "per", "comparator", "deadline")


def main() -> None:
    reports = sorted(ROOT.glob("corpora/*/first-score/overlap.json"))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    right: dict[str, float] = defaultdict(float)
    matched = documents = 0
    for path in reports:
        r = json.loads(path.read_text(encoding="utf-8"))
        documents += r["documents"]
        rows = [(lab, r["entities"]["overlap"][lab]) for lab in LABELS] + [("provisions", r["provisions"])]
        for name, row in rows:
            for i, key in enumerate(("tp", "fp", "fn")):
                counts[name][i] += row[key]
        matched += r["provisions"]["matched"]
        for f in FIELDS:
            right[f] += r["provisions"]["field_accuracy"][f] * r["provisions"]["matched"]
    print(f"{len(reports)} sets, {documents} documents: {', '.join(p.parts[-3] for p in reports)}")
    for name, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        print(f"{name:<12} P {p:.3f}  R {rc:.3f}  F1 {f1:.3f}  gold {tp + fn}")
    print("matched provisions right: " + ", ".join(f"{f} {right[f] / matched:.2f}" for f in FIELDS))


if __name__ == "__main__":
    main()
