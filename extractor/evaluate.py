"""Score extractions against gold annotations (ANNOTATION.md's scorer).

Entities: precision, recall and F1 per label, three ways: exact span, overlapping span
(one-to-one), and text (label and text after normalisation, no offsets: for gold made
on another copy of a document). Provisions: matched one-to-one by overlapping spans;
P/R/F1, then among matched ones the share with value, unit, per, comparator, deadline
and metric_id right, and the TARGET/QUOTA/STAT confusion.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS = ("INSTITUTION", "REGION", "DEADLINE", "DATE", "MONEY", "TARGET", "STAT", "QUOTA",
          "POLICY_REF")
FIELDS = ("value", "unit", "per", "comparator", "deadline", "metric_id")
MODES = ("exact", "overlap", "text")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    entities: dict[str, dict[str, PRF]] = field(
        default_factory=lambda: {m: defaultdict(PRF) for m in MODES})
    provisions: PRF = field(default_factory=PRF)
    field_right: Counter = field(default_factory=Counter)
    matched: int = 0
    confusion: Counter = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0

    def to_dict(self) -> dict[str, Any]:
        ents = {}
        for mode in MODES:
            per = {lab: self.entities[mode][lab].to_dict() for lab in LABELS
                   if lab in self.entities[mode]}
            total = PRF()
            for p in self.entities[mode].values():
                total.tp += p.tp
                total.fp += p.fp
                total.fn += p.fn
            per["ALL"] = total.to_dict()
            ents[mode] = per
        return {
            "documents": self.documents,
            "entities": ents,
            "provisions": {
                **self.provisions.to_dict(),
                "matched": self.matched,
                "field_accuracy": {f: round(self.field_right[f] / self.matched, 4)
                                   if self.matched else 0.0 for f in FIELDS},
                "kind_confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            },
        }


def norm_text(s: str) -> str:
    """Text as compared without offsets: width-folded, no spaces, no book-title marks."""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"[\s《》〈〉“”\"']", "", s)


def _match_overlap(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), greatest overlap first."""
    cands = []
    for i, (a, b) in enumerate(gold):
        for j, (c, d) in enumerate(pred):
            ov = min(b, d) - max(a, c)
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score_document(gold: dict, pred: dict, report: Report, text: str | None = None,
                   errors: bool = False) -> None:
    report.documents += 1
    text = text or pred.get("text", "")
    for lab in LABELS:
        g = [e for e in gold.get("entities", []) if e["label"] == lab]
        p = [e for e in pred.get("entities", []) if e["label"] == lab]
        # exact
        gs = Counter((e["start"], e["end"]) for e in g)
        ps = Counter((e["start"], e["end"]) for e in p)
        tp = sum((gs & ps).values())
        _add(report.entities["exact"][lab], tp, len(p) - tp, len(g) - tp)
        # overlap
        pairs = _match_overlap([(e["start"], e["end"]) for e in g], [(e["start"], e["end"]) for e in p])
        _add(report.entities["overlap"][lab], len(pairs), len(p) - len(pairs), len(g) - len(pairs))
        if errors:
            mg = {i for i, _ in pairs}
            mp = {j for _, j in pairs}
            for i, e in enumerate(g):
                if i not in mg:
                    report.errors.append(_err("miss", lab, e, text, gold.get("file")))
            for j, e in enumerate(p):
                if j not in mp:
                    report.errors.append(_err("false", lab, e, text, gold.get("file")))
        # text
        gt = Counter(norm_text(e["text"]) for e in g)
        pt = Counter(norm_text(e["text"]) for e in p)
        tp = sum((gt & pt).values())
        _add(report.entities["text"][lab], tp, sum(pt.values()) - tp, sum(gt.values()) - tp)
    gp = gold.get("provisions", [])
    pp = pred.get("provisions", [])
    pairs = _match_overlap([_pspan(x) for x in gp], [_pspan(x) for x in pp])
    _add(report.provisions, len(pairs), len(pp) - len(pairs), len(gp) - len(pairs))
    report.matched += len(pairs)
    for i, j in pairs:
        g, p = gp[i], pp[j]
        report.confusion[(g.get("kind"), p.get("kind"))] += 1
        for f in FIELDS:
            if _same(f, g.get(f), p.get(f)):
                report.field_right[f] += 1
            elif errors:
                report.errors.append({"kind": "field", "field": f, "gold": g.get(f),
                                      "pred": p.get(f), "file": gold.get("file"),
                                      "span": g.get("span") or text[_pspan(g)[0]:_pspan(g)[1]]})
    if errors:
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        for i, g in enumerate(gp):
            if i not in mg:
                report.errors.append({"kind": "provision miss", "file": gold.get("file"),
                                      "span": g.get("span"), "gold": g.get("kind")})
        for j, p in enumerate(pp):
            if j not in mp:
                a, b = _pspan(p)
                report.errors.append({"kind": "provision false", "file": gold.get("file"),
                                      "span": text[a:b], "pred": p.get("kind")})


def _pspan(p: dict) -> tuple[int, int]:
    a = p.get("span_start", p.get("start"))
    b = p.get("span_end", p.get("end"))
    return a, b


def _same(f: str, g: Any, p: Any) -> bool:
    if f in ("value",) and g is not None and p is not None:
        return abs(float(g) - float(p)) < 1e-9
    if f == "per":
        if not g or not p:
            return not g and not p
        return abs(float(g["value"]) - float(p["value"])) < 1e-9 and g.get("unit") == p.get("unit")
    return g == p


def _add(prf: PRF, tp: int, fp: int, fn: int) -> None:
    prf.tp += tp
    prf.fp += fp
    prf.fn += fn


def _err(kind: str, label: str, e: dict, text: str, file: str | None) -> dict[str, Any]:
    a = text.rfind("\n", 0, e["start"]) + 1
    b = text.find("\n", e["end"])
    return {"kind": kind, "label": label, "text": e["text"], "file": file,
            "sentence": text[a:b if b >= 0 else len(text)][:200]}


def evaluate(gold_docs: Iterable[dict], pred_docs: dict[str, dict], errors: bool = False) -> Report:
    """Score predictions (by gold ``file``) against gold documents."""
    report = Report()
    for g in gold_docs:
        p = pred_docs.get(g["file"]) or pred_docs.get(Path(g["file"]).name)
        if p is None:
            p = {"entities": [], "provisions": []}
        score_document(g, p, report, errors=errors)
    return report


def load_gold(path: Path) -> list[dict]:
    files = [path] if path.is_file() else sorted(path.glob("*.jsonl"))
    out = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            out.extend(json.loads(line) for line in fh if line.strip())
    return out


def format_table(report: Report, mode: str = "exact") -> str:
    d = report.to_dict()
    lines = [f"entities ({mode} span)", f"{'label':<12} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for lab, r in d["entities"][mode].items():
        lines.append(f"{lab:<12} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
                     f"{r['tp'] + r['fn']:>5} {r['tp'] + r['fp']:>5}")
    p = d["provisions"]
    lines.append("")
    lines.append(f"provisions   P {p['precision']:.3f}  R {p['recall']:.3f}  F1 {p['f1']:.3f}  "
                 f"matched {p['matched']}")
    lines.append("  field accuracy: " + ", ".join(f"{k} {v:.2f}" for k, v in p["field_accuracy"].items()))
    lines.append("  kind (gold->pred): " + ", ".join(f"{k} {v}" for k, v in p["kind_confusion"].items()))
    return "\n".join(lines)
