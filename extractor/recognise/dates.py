"""DEADLINE and DATE spans: where times stand, and which of them are deadlines.

A time with a deadline marker (到2025年, 至2020年底, 2020年底前, "十四五"期末, 2019年起)
is a DEADLINE; one that reports (截至2020年底, 2019年以来, 2022年7月20日) is a DATE;
a bare year is a DEADLINE only when its clause sets a target and the year is not
before the document's own date. A start before the document's date reports since when
something holds (自2022年10月起 in a 2024 reply) and a rule's effective date (自…起施行)
is a DATE too. Relative times: 三年内, 用3年时间 and a task's length (工期19个月) are
DEADLINEs, 近3年 a DATE; one counted from an event (自受理之日起20日内) is not annotated.
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
    year_range = (rf"{YEAR}年{MONTH}月[-—–~～至到]{YEAR}年{MONTH}月"
                  rf"|{YEAR}(?:年)?[-—–~～至到](?:{YEAR})年"
                  rf"|(?:{ymd})(?:{alternation(d['window_from'])})至(?:{ymd})"
                  rf"(?:{alternation(d['window_to'])})")
    return {
        "time": re.compile(
            rf"(?P<pre>{pre})?(?:(?P<range>{year_range})|(?P<ymd>{ymd})(?P<suf>{ysuf})?"
            rf"|(?P<plan>{d['plan_period']})(?P<psuf>{psuf})?)"
        ),
        "relative": re.compile(rel),
        "report_suffix": re.compile(alternation(d["report_suffix"]) + "$"),
        "target_cues": re.compile(alternation(d["target_cues"])),
        "report_cues": re.compile(alternation(d["report_cues"])),
        "effective": re.compile(alternation(d["effective_after"])),
        "month_day": re.compile(
            rf"(?:(?P<rec>{alternation(d['recurring_prefix'])})|(?P<cur>{alternation(d['same_year_prefix'])})"
            rf"|(?<![\d年]))(?P<md>{MONTH}月(?:{DAY}[日号]?)?)"
            rf"(?P<suf>{alternation(d['month_day_suffix'])})"
            rf"|(?P<mrec>{alternation(d['recurring_day_prefix'])})(?P<day>{DAY}[日号])"
            rf"(?P<dsuf>{alternation(d['month_day_suffix'])})"),
        "recurring_end": re.compile(
            rf"(?:{alternation(d['recurring_ends']['prefixes'])})"
            rf"(?:第?[一二三四]季度(?:{alternation(d['recurring_ends']['after_quarter'])})?"
            rf"|(?:{alternation(d['recurring_ends']['ends'])}))"),
        "duration_cue": re.compile(f"(?:{alternation(d['duration_cues'])})(?:为|约|共|需)?$"),
        "anchor": re.compile(alternation([a for a in d["event_anchors"] if len(a) > 1])),
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
        if label == "DEADLINE" and (pre in d["start_prefix"] or suf in d["start_suffix"]) \
                and _reports_start(m, text, ctx, p):
            label = "DATE"
        if pre and pre not in d["deadline_prefix"] + d["start_prefix"] + d["report_prefix"]:
            start += len(pre)
        if label == "DATE" and pre and pre not in d["start_prefix"]:
            start = m.start() + len(pre)  # "截至2020年底": the date is 2020年底; "自…起" stays
        elif label == "DEADLINE" and pre:
            # "力争到2025年" → 到2025年, "在2020年底前" → 2020年底前: hedges and 在 are no
            # part of the time (the hedge is the figure's qualifier)
            lead = next((w for w in d["outside_span"] if pre.startswith(w)), "")
            start += len(lead)
        span = text[start:end]
        value = parse_date(span, doc_date=ctx.date, role="deadline" if label == "DEADLINE" else "date")
        out.append(Entity(label=label, text=span, start=start, end=end,
                          normalized=_norm(value)))
        taken.append((start, end))
    for m in p["month_day"].finditer(text):
        if _inside(m.start(), m.end(), taken):
            continue
        # "每年12月20日前", "每月十日前" recur: the span keeps 每年, and no year is resolved
        start = m.start() if m.group("rec") or m.group("mrec") or m.group("cur") else m.start("md")
        span = text[start:m.end()]
        # "当年7月底前" is "7月底前" of the year in hand: the document's, as a bare month is
        value = parse_date(text[m.start("md"):m.end()] if m.group("cur") else span,
                           doc_date=ctx.date, role="deadline")
        out.append(Entity(label="DEADLINE", text=span, start=start, end=m.end(),
                          normalized={**_norm(value), "relation": "by"}))
        taken.append((start, m.end()))
    for m in p["recurring_end"].finditer(text):
        if _inside(m.start(), m.end(), taken):
            continue
        value = parse_date(m.group(0), role="deadline")
        if value is None or not value.recurrence:
            continue
        # value null stays in: "每月底前" has no fixed date, and says so
        out.append(Entity(label="DEADLINE", text=m.group(0), start=m.start(), end=m.end(),
                          normalized={"value": None, **_norm(value), "relation": "by"}))
        taken.append((m.start(), m.end()))
    for m in p["relative"].finditer(text):
        entity = _relative(m, text, ctx, d, p, taken)
        if entity is not None:
            out.append(entity)
    out.sort(key=lambda e: e.start)
    return out


def _relative(m: re.Match[str], text: str, ctx: DocContext, d: dict, p: dict,
              taken: list[tuple[int, int]]) -> Entity | None:
    """三年内, 用3年时间, 工期19个月 (DEADLINE), 近3年 (DATE); None for a time counted
    from an event, a bare length without a duration word, or a number that is no time."""
    from ..normalise.dates import parse_date
    from .figures import caps_amount

    s = m.group(0)
    if _inside(m.start(), m.end(), taken) or text.startswith("第", m.start() - 1):
        return None
    relative = any(w in s for w in d["relative_needs"])
    if not relative:
        cue = p["duration_cue"].search(text, max(0, m.start() - 6), m.start())
        if not (s.endswith(tuple(d["bare_duration_units"])) and cue):
            return None
    if _anchored(text, m.start(), p) or caps_amount(text, m.start(), m.end()) or re.search(
            f"(?:{alternation(d['procedure_units'])})(?:以内|之内|内)$", s) \
            or text.startswith(tuple(d["ban_words"]), m.end()):
        return None  # counted from an event; a limit in days is a figure's; a ban's length
    looks_back = s.startswith(tuple(w for w in d["relative_report"] if w != "来")) or s.endswith("来")
    value = parse_date(s, doc_date=ctx.date, role="date" if looks_back else "deadline")
    norm = _norm(value)
    if not norm.get("duration") and not norm.get("value"):
        return None
    if looks_back:
        return Entity(label="DATE", text=s, start=m.start(), end=m.end(), normalized=norm)
    # "三年内" and a task's length ("工期19个月") both say by when it must be done
    norm["relation"] = norm.get("relation") or "by"
    return Entity(label="DEADLINE", text=s, start=m.start(), end=m.end(), normalized=norm)


def _anchored(text: str, i: int, p: dict) -> bool:
    """A time counted from an event the sentence names: "自受理之日起20日内",
    "签订后7日内", "期满前30日内", "收到建议后，应在三个月内…"."""
    s0 = max(text.rfind(c, 0, i) for c in "。；;\n") + 1
    if p["anchor"].search(text, s0, i):
        return True
    lead = text[s0:i].rstrip()
    return lead.endswith(("前", "后")) or bool(re.search(r"[前后][，,]", lead))


def _reports_start(m: re.Match[str], text: str, ctx: DocContext, p: dict) -> bool:
    """"自2022年10月起设置…" in a document dated 2024 says since when; "自…起施行"
    says when a rule takes effect: both are dates."""
    if p["effective"].match(text, m.end()):
        return True
    if ctx.date is None:
        return False
    y = re.search(r"((?:19|20)\d{2})年(?:(\d{1,2})月)?", m.group(0))
    if y is None:
        return False
    year, month = int(y.group(1)), int(y.group(2) or 1)
    return (year, month) < (ctx.date.year, ctx.date.month)


def _label(m: re.Match[str], pre: str, suf: str, text: str, ctx: DocContext, d: dict,
           p: dict) -> str:
    if m.group("range"):
        # "启动试点（2025年10月-2025年11月）": the months a phase of work holds, ahead
        return "DEADLINE" if _phase(m, text, ctx) else "DATE"
    if not suf and text.startswith("的", m.end()):
        return "DATE"  # "提升到2023年的60.5%": the year of a reported value
    if pre in d["report_prefix"] or suf in d["report_suffix"]:
        return "DATE"
    year = _year(m.group("ymd") or "")
    if suf in d["deadline_suffix"] and ctx.date is not None and year is not None \
            and year < ctx.date.year:
        return "DATE"  # "1997年12月31日以前参加工作" in a 2008 law: a cut-off, not a deadline
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
    s0 = max(text.rfind(c, 0, m.start()) for c in "。；;\n") + 1
    target = p["target_cues"].search(clause) and not p["report_cues"].search(text, s0, clause_end)
    return "DEADLINE" if future and target and _opens_clause(m, text) else "DATE"


def _phase(m: re.Match[str], text: str, ctx: DocContext) -> bool:
    """A range of months in brackets after a task's name, not over before the document."""
    before, after = text[m.start() - 1:m.start()], text[m.end():m.end() + 1]
    if "月" not in m.group("range") or not before or before not in "（(" \
            or not after or after not in "）)":
        return False  # ("" is in every string: the text's edges are no brackets)
    years = re.findall(r"(?:19|20)\d{2}", m.group("range"))
    return ctx.date is None or int(years[-1]) >= ctx.date.year


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
