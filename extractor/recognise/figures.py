"""TARGET, QUOTA and STAT spans: a metric and the level it reaches, must reach, or is set at.

Each value with a unit (from :func:`extractor.normalise.quantities.find_quantities`) is
placed in its clause; the clause's wording decides the label (``data/figures.yaml``)
and the span runs from the metric (or the clause's first word that is not scope or
mood) to the value and its qualifier. A QUOTA whose value comes before what it
allocates ("每3万人1辆配备救护车") runs to the end of its clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..models import Entity
from ..normalise.comparators import parse_comparator
from ..normalise.quantities import Quantity, find_per_bases, find_quantities
from .context import DocContext
from .lexicon import alternation, load

PAREN_OPEN, PAREN_CLOSE = "（(", "）)"


@dataclass
class Figure:
    """A figure found in a sentence, before it becomes a provision."""

    label: str
    start: int
    end: int
    quantity: Quantity
    metric: tuple[int, int, str | None] | None  # start, end, metric_id
    subject: str | None = None


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = load("figures.yaml")
    return {
        **d,
        "quota_rx": re.compile(alternation(d["quota_cues"])),
        "stat_rx": re.compile(alternation(d["stat_cues"])),
        "target_rx": re.compile(alternation(d["target_cues"])),
        "from_rx": re.compile(f"(?:{alternation(d['change_from'])})(?:[^，。；]{{0,12}}的)?$"),
        "verb_rx": re.compile(f"(?:{alternation(d['target_cues'] + d['quota_cues'] + d['stat_cues'])})"
                              r"了?$"),
        "to_rx": re.compile(alternation(d["change_to"])),
        "lead_rx": re.compile(f"(?:{alternation(d['lead_words'])})+"),
    }


def clause_bounds(text: str, i: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of ``text[lo:hi]`` around offset ``i``; a bracketed aside is a clause."""
    breaks = _lex()["clause_breaks"]
    a = i
    depth = 0
    while a > lo:
        ch = text[a - 1]
        if ch in PAREN_CLOSE:
            depth += 1
        elif ch in PAREN_OPEN:
            if depth == 0:
                break
            depth -= 1
        elif ch in breaks and depth == 0:
            break
        a -= 1
    b = i
    depth = 0
    while b < hi:
        ch = text[b]
        if ch in PAREN_OPEN:
            depth += 1
        elif ch in PAREN_CLOSE:
            if depth == 0:
                break
            depth -= 1
        elif ch in breaks and depth == 0:
            break
        b += 1
    return a, b


def find_figures(text: str, context: DocContext | None = None,
                 sentences: list[tuple[int, int]] | None = None) -> list[Figure]:
    """Figures of every sentence of ``text``."""
    from .. import metrics

    lex = _lex()
    ctx = context or DocContext()
    spans = sentences or [(s.start, s.end) for s in ctx.sentences] or _lines(text)
    out: list[Figure] = []
    for s0, s1 in spans:
        sentence = text[s0:s1]
        found = metrics.match(sentence)
        quantities = find_quantities(sentence)
        for k, q in enumerate(quantities):
            if q.value is None or (q.unit is None and q.ratio is None):
                continue
            qs, qe = s0 + q.start, s0 + q.end
            # neighbouring values in the sentence bound this figure's span
            prev_end = s0 + quantities[k - 1].end if k else s0
            next_start = s0 + quantities[k + 1].start if k + 1 < len(quantities) else s1
            if any(text.startswith(w, qs - len(w)) for w in lex["skip_before"]):
                continue
            c0, c1 = clause_bounds(text, qs, s0, s1)
            before = text[c0:qs]
            if lex["from_rx"].search(before) and any(
                    lex["to_rx"].search(text[qe:s0 + n.start]) for n in quantities[k + 1:k + 2]
                    if c0 <= s0 + n.start < c1):
                continue  # the starting level of a change: the figure is the level reached
            clause = text[c0:c1]
            if q.unit in lex["count_units"] and not _counts_a_result(text, c0, qs, qe, c1, lex):
                continue  # "15个地市70个县…基本建成": numbers that pick out a subject
            per = q.per if q.per is not None and c0 <= s0 + q.per.start else None
            if per is None and q.per is not None:
                q = _without_per(q)
            if q.comparator is None:
                # a comparator word may stand before the per-base: "不少于常住人口每万人60间"
                cmp, qual = parse_comparator(text[max(c0, prev_end):qe], (qs - max(c0, prev_end), qe - max(c0, prev_end)))
                if cmp is not None:
                    q = replace(q, comparator=cmp, qualifier=qual)
            label = _label(clause, q, per is not None, lex, text[s0:c0])
            if label is None:
                continue
            c0, c1 = max(c0, prev_end), min(c1, next_start)
            metric = _metric(found, s0, c0, qs, c1)
            start = metric[0] if metric and metric[0] < qs else c0
            if per is not None and (metric is None or metric[0] >= s0 + per.start):
                start = s0 + per.start
            start = _trim_lead(text, start, qs, lex)
            end = _value_end(text, qe, c1)
            if metric and metric[0] >= qe:
                end = c1  # "1辆配备救护车": the allocated thing follows the value
            elif not metric and (_allocates_after(text[qe:c1], lex) or q.unit in lex["count_units"]):
                end = _phrase_end(text, qe, c1)  # "组建八个管理中心": what is counted follows
            subject = None
            if c0 > s0 and text[c0 - 1] in PAREN_OPEN:
                subject = _subject(text[c0:qs])
            bases = [b for b in find_per_bases(text[c0:qs]) if b.kind != "time"]
            if len(bases) > 1:
                # "城市地区每3万人、农村地区每5万人配置1辆": one figure a base
                for b in bases:
                    out.append(Figure(label, c0 + b.start, end, replace(q, per=b), metric, subject))
                continue
            out.append(Figure(label, start, end, q, metric, subject))
    return out


def _label(clause: str, q: Quantity, has_per: bool, lex: dict, before: str = "") -> str | None:
    """``before`` is the sentence up to the clause: an allocation verb there (配备救护车，
    其中负压救护车达到40%以上) makes the clause's share part of the same norm."""
    if has_per:
        return "QUOTA"
    stat = lex["stat_rx"].search(clause)
    target = lex["target_rx"].search(clause) or q.comparator in (">=", "<=", "~", ">", "<")
    allocating = lex["quota_rx"].search(clause) or lex["quota_rx"].search(before)
    quota = allocating and (q.unit in lex["quota_units"] or q.unit == "%")
    if quota and not stat:
        return "QUOTA"
    if stat and not (target and not _reported(clause, lex)):
        return "STAT"
    if target:
        return "TARGET"
    return None


def _reported(clause: str, lex: dict) -> bool:
    return bool(re.search("截至|截止|已|累计|共有|现有|分别|其中|由", clause))


def _metric(found: list, s0: int, c0: int, qs: int, c1: int) -> tuple[int, int, str | None] | None:
    best = None
    for m in found:
        a, b = s0 + m.start, s0 + m.end
        if c0 <= a and b <= qs and (best is None or a > best[0]):
            best = (a, b, m.metric.id)
    if best is None:
        for m in found:  # the metric after the value: "1辆配备救护车"
            a, b = s0 + m.start, s0 + m.end
            if qs <= a and b <= c1:
                return (a, b, m.metric.id)
    return best


def _trim_lead(text: str, start: int, stop: int, lex: dict) -> int:
    m = lex["lead_rx"].match(text, start, stop)
    return m.end() if m and m.end() <= stop else start


def _value_end(text: str, qe: int, c1: int) -> int:
    tail = re.match(r"(?:以上|以下|以内|左右|及以上|或以上)", text[qe:c1])
    return qe + tail.end() if tail else qe


def _counts_a_result(text: str, c0: int, qs: int, qe: int, c1: int, lex: dict) -> bool:
    """A count is a figure when a verb governs it or it closes its clause (医院59家)."""
    if lex["verb_rx"].search(text[c0:qs]):
        return True
    return not re.match(r"[^，。；（）()]*[\u4e00-\u9fff]", text[qe:c1]) or bool(
        re.match(r"(?:以上|以下|左右|以内)", text[qe:c1]))


def _phrase_end(text: str, qe: int, c1: int) -> int:
    m = re.match(r"[^、，。；（）()]*", text[qe:c1])
    return qe + (m.end() if m else 0)


def _allocates_after(rest: str, lex: dict) -> bool:
    return bool(lex["quota_rx"].match(rest))


def _subject(lead: str) -> str | None:
    from ..regions import find_regions

    regions = find_regions(lead)
    return regions[0][2].name if regions and regions[0][0] == 0 else None


def _without_per(q: Quantity) -> Quantity:
    return replace(q, per=None)


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_in_doc(text: str, context: DocContext) -> list[Entity]:
    """TARGET/QUOTA/STAT entities; the quantity rides along for the provision builder."""
    out = []
    for f in find_figures(text, context):
        norm = f.quantity.to_dict()
        norm = {k: v for k, v in norm.items() if v is not None}
        if f.metric:
            norm["metric_span"] = [f.metric[0], f.metric[1]]
            norm["metric_id"] = f.metric[2]
        if f.subject:
            norm["subject"] = f.subject
        out.append(Entity(label=f.label, text=text[f.start:f.end], start=f.start, end=f.end,
                          normalized=norm))
    return out
