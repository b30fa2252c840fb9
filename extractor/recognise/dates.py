"""DEADLINE and DATE spans: where times stand, and which of them are deadlines.

A time with a deadline marker (到2025年, 至2020年底, 2020年底前, "十四五"期末, 2019年起)
is a DEADLINE; one that reports (截至2020年底, 2019年以来, 2022年7月20日) is a DATE;
a bare year is a DEADLINE only when its clause sets a target and the year is not
before the document's own date.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Entity
from .context import DocContext
from .lexicon import alternation, load

CNUM = "[零〇○一二两三四五六七八九十百千]+"
YEAR = r"(?:(?:19|20)\d{2}|[二][〇○零0][〇○零0一二三四五六七八九\d]{2})"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十[一]?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
CLAUSE_END = "，。；！？\n,;"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    d = load("time_spans.yaml")
    pre = alternation(d["deadline_prefix"] + d["start_prefix"] + d["report_prefix"])
    ysuf = alternation(d["year_suffix"])
    psuf = alternation(d["plan_period_suffix"])
    rel = d["relative"].replace("{CNUM}", CNUM)
    ymd = (rf"{YEAR}年(?:{MONTH}月(?:{DAY}[日号])?)?"
           rf"|{YEAR}[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])(?!\d)")
    year_range = rf"{YEAR}(?:年)?[-—–~～至到](?:{YEAR})年"
    return {
        "time": re.compile(
            rf"(?P<pre>{pre})?(?:(?P<range>{year_range})|(?P<ymd>{ymd})(?P<suf>{ysuf})?"
            rf"|(?P<plan>{d['plan_period']})(?P<psuf>{psuf})?)"
        ),
        "relative": re.compile(rel),
        "report_suffix": re.compile(alternation(d["report_suffix"]) + "$"),
        "target_cues": re.compile(alternation(d["target_cues"])),
    }


def find_dates(text: str, context: DocContext | None = None) -> list[Entity]:
    """All DEADLINE and DATE entities of ``text``, normalised."""
    from ..normalise.dates import parse_date

    ctx = context or DocContext()
    d = load("time_spans.yaml")
    p = _patterns()
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for m in p["time"].finditer(text):
        pre, suf = m.group("pre") or "", m.group("suf") or m.group("psuf") or ""
        start, end = m.start(), m.end()
        if m.group("plan") and not (suf or pre):
            continue  # "十四五" alone names a plan, not a time
        label = _label(m, pre, suf, text, ctx, d, p)
        if pre and pre not in d["deadline_prefix"] + d["start_prefix"] + d["report_prefix"]:
            start += len(pre)
        if label == "DATE" and pre:
            start = m.start() + len(pre)  # "截至2020年底": the date is 2020年底
        span = text[start:end]
        value = parse_date(span, doc_date=ctx.date, role="deadline" if label == "DEADLINE" else "date")
        out.append(Entity(label=label, text=span, start=start, end=end,
                          normalized=_norm(value)))
        taken.append((start, end))
    for m in p["relative"].finditer(text):
        s = m.group(0)
        if _inside(m.start(), m.end(), taken):
            continue
        relative = any(w in s for w in d["relative_needs"])
        if not relative and not s.endswith(tuple(d["bare_duration_units"])):
            continue
        value = parse_date(s, doc_date=ctx.date, role="deadline")
        norm = _norm(value)
        if not norm.get("duration") and not norm.get("value"):
            continue
        # "三年内" and a task's length ("工期19个月") both say by when it must be done
        out.append(Entity(label="DEADLINE", text=s, start=m.start(),
                          end=m.end(), normalized=norm))
    out.sort(key=lambda e: e.start)
    return out


def _label(m: re.Match[str], pre: str, suf: str, text: str, ctx: DocContext, d: dict,
           p: dict) -> str:
    if m.group("range"):
        return "DATE"
    if not suf and text.startswith("的", m.end()):
        return "DATE"  # "提升到2023年的60.5%": the year of a reported value
    if pre in d["report_prefix"] or suf in d["report_suffix"]:
        return "DATE"
    if pre in d["deadline_prefix"] and pre not in ("在", "于"):
        return "DEADLINE"
    if pre in d["start_prefix"] or suf in d["start_suffix"] or suf in d["deadline_suffix"]:
        return "DEADLINE"
    if m.group("plan"):
        return "DEADLINE" if suf in d["plan_period_deadline_suffix"] else "DATE"
    ymd = m.group("ymd") or ""
    if "日" in ymd or "号" in ymd or "-" in ymd or "/" in ymd:
        return "DATE"
    # a bare year or month: a deadline when its clause sets a target in the future
    clause_end = min((i for i in (text.find(c, m.end()) for c in "。；\n") if i >= 0),
                     default=len(text))
    clause = text[m.end():clause_end]
    year = _year(ymd)
    future = ctx.date is None or year is None or year >= ctx.date.year
    return "DEADLINE" if future and p["target_cues"].search(clause) and _opens_clause(m, text) else "DATE"


def _opens_clause(m: re.Match[str], text: str) -> bool:
    i = m.start() - 1
    return i < 0 or text[i] in CLAUSE_END or text[i] in "（("


def _year(s: str) -> int | None:
    g = re.match(r"\d{4}", s)
    return int(g.group(0)) if g else None


def _inside(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(x < b and a < y for x, y in spans)


def _norm(value) -> dict:
    if value is None:
        return {}
    if hasattr(value, "to_dict"):
        return {k: v for k, v in value.to_dict().items() if v is not None}
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return {k: v for k, v in asdict(value).items() if v is not None}
    return dict(value)


def find_in_doc(text: str, context: DocContext) -> list[Entity]:
    return find_dates(text, context)
