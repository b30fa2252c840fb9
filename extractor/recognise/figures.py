"""TARGET, QUOTA and STAT spans: a metric and the level it reaches, must reach, or is set at.

Each value with a unit (from :func:`extractor.normalise.quantities.find_quantities`) is
placed in its clause; the clause's wording and the sentence's mood (report or plan)
decide the label (``data/figures.yaml``), and the span runs from the metric (or the
clause's first word that is not scope or mood) to the value and its qualifier. A
count that names what it counts after the value ("25家基层医疗卫生机构", "设置“八个管理
中心”") runs to the end of that noun; a QUOTA whose value comes before what it
allocates ("每3万人1辆配备救护车") runs to the end of its clause.

Not figures: amounts in a penalty clause (处五千元以上罚款), thresholds of a condition
("货值金额不足一万元的，"), ordinals, vague counts (一批) and slogan numbers that only
label a list (六个方面, 三个不变); a count that only says where a target applies
("…等3个试点县，县域内就诊率达到90%") is scope.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .. import segment
from ..models import Entity
from ..normalise.comparators import comparator_for, find_comparator_words, parse_comparator
from ..normalise.numbers import numeral_pattern, parse_numeral
from ..normalise.quantities import PerBase, Quantity, find_per_bases, find_quantities
from ..textmap import line_spans as _lines
from . import tables
from .context import DocContext
from .lexicon import alternation, load

PAREN_OPEN, PAREN_CLOSE = "（(", "）)"
TAIL = re.compile(r"(?:及以上|或以上|以上|以下|以内|左右|余|多)")
YEAR_LEAD = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:[上下]半年|底|末)?(?:前|以前|之前)?[，,]?")
DEADLINE = re.compile(r"(?<![截止])(?:到|至|力争到|争取到|在)\s*(?:(?P<y1>(?:19|20)\d{2})年(?:底|末)?(?!的)"
                      r"|“?十[一二三四五六七八九]五”?)|(?P<y2>(?:19|20)\d{2})年(?:底|末)?(?:前|以前|之前)")
# a list marker or stray punctuation before a figure: （三）, 2., "）、", "─"
MARKER = re.compile(r"(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|第[一二三四五六七八九十百零〇\d]+条"
                    r"|[)）、，,─—\-~～的])\s*")
CN_DIGITS = "一二三四五六七八九"
# a relative time opening a clause is not the metric: "三年内为…", "用两年时间"
SPAN_LEAD = re.compile(r"(?:用|利用)?[一二三四五六七八九十两\d]+个?(?:年|个月|月)(?:内|以内|时间)")
PLAN = re.compile(r"十([一二三四五六七八九])五")  # 十一五 … 十九五: the 11th to 19th plans
PAST_YEAR = re.compile(r"(?<![到至在\d])((?:19|20)\d{2})年")


@dataclass
class Figure:
    """A figure found in a sentence, before it becomes a provision."""

    label: str
    start: int
    end: int
    quantity: Quantity
    metric: tuple[int, int, str | None] | None  # start, end, metric_id
    subject: str | None = None
    # (metric_id, name) when no span of the text names the metric whole (住院率 → 县域内住院率)
    metric_name: tuple[str | None, str] | None = None
    bare: bool = False  # a count of a noun with no verb or comparator of its own
    clause_end: int = 0


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = load("figures.yaml")

    def rx(key: str, suffix: str = "") -> re.Pattern[str]:
        return re.compile(f"(?:{alternation(d[key])}){suffix}")

    heads = sorted(set(d["count_heads"]), key=len, reverse=True)
    lengths = alternation(d["time_limits"]["units"] + d["time_limits"]["length_units"])
    period = d["time_limits"]["period"]
    return {
        **d,
        "quota_rx": rx("quota_cues"),
        "quota_after_rx": re.compile(rf"(?:{TAIL.pattern})?[^，。；]{{0,2}}?(?:{alternation(d['quota_after'])})"),
        "stat_rx": rx("stat_cues"),
        "report_rx": rx("report_cues"),
        "report_mood_rx": rx("report_mood"),
        "plan_mood_rx": rx("plan_mood"),
        "target_rx": rx("target_cues"),
        "reach_verb_rx": rx("reach_verbs"),
        "target_after_rx": rx("target_after"),
        "from_rx": re.compile(f"(?:{alternation(d['change_from'])})(?:[^，。；]{{0,12}}的)?$"),
        "verb_rx": re.compile(f"(?:{alternation(d['target_cues'] + d['quota_cues'] + d['stat_cues'])})"
                              r"了?[“”\"‘’\s]*$"),
        "to_rx": rx("change_to"),
        "lead_rx": re.compile(f"(?:{alternation(d['lead_words'])})+"),
        "penalty_rx": rx("penalty_words"),
        "limit_rx": re.compile(
            rf"(?P<n>{numeral_pattern()})(?P<u>{alternation(d['time_limits']['units'])})"
            rf"(?P<w>{alternation(d['time_limits']['within'])})(?=[，,]?[^，。；;,\s])"),
        "length_rx": re.compile(
            rf"(?P<noun>{alternation(d['time_limits']['duration_nouns'])})"
            rf"(?:{alternation(d['time_limits']['hedges'])})?"
            rf"(?:{alternation(d['time_limits']['verbs'])})"
            rf"(?P<n>{numeral_pattern()})(?P<u>{lengths})(?!以上|以下)"),
        "cap_rx": re.compile(
            rf"(?P<w>{alternation(d['time_limits']['caps'])})"
            rf"(?P<n>{numeral_pattern()})(?P<u>{lengths})"
            rf"(?!以上|以下)"),
        "period_rx": re.compile(
            rf"(?P<n>{numeral_pattern()})(?P<u>{alternation(period['units'])})"
            rf"(?P<noun>[\u4e00-\u9fff]{{1,5}}?期)(?![间限内])"
            rf"|(?P<noun2>[\u4e00-\u9fff]{{1,5}}?期)(?:{alternation(d['time_limits']['hedges'])})?"
            rf"(?:{alternation(period['verbs'])})"
            rf"(?P<n2>{numeral_pattern()})(?P<u2>{alternation(period['units'])})(?!以上|以下)"),
        "doubling_rx": re.compile(f"翻(?P<n>[{''.join(d['doublings'])}])番"),
        "frequency_rx": re.compile(
            rf"(?<![\d零〇一二两三四五六七八九十百千万第每])(?P<p>[一二两三四五六七八九十\d]{{1,3}})"
            rf"(?P<pu>{alternation(list(d['frequency']['periods']))})(?P<n>[一二两三四五六七八九十\d]{{1,3}})次"),
        "hedge_before_rx": re.compile(f"(?:{alternation(d['time_limits']['hedges'])})?在?$"),
        "amount_limit_rx": re.compile(
            rf"(?P<h>{alternation(d['time_limits']['hedges'])})?在?"
            rf"(?P<n>{numeral_pattern()})(?P<u>{alternation(d['time_limits']['units'])})"
            rf"(?P<w>{alternation(d['time_limits']['within'])})(?=[，。；;,]|$)"),
        "limit_tail_rx": re.compile(r"[^，。；;,、\s]{0,10}"),
        "noun_before_rx": re.compile(
            f"(?:上述|该)?(?:{alternation(d['time_limits']['duration_nouns'])})(?:可以|可)?"),
        "extend_rx": re.compile(
            rf"延长(?P<to>至)?(?P<n>{numeral_pattern()})(?P<u>{lengths})(?!以上|以下)"),
        "threshold_rx": re.compile(
            rf"(?P<w>{alternation(list(d['thresholds']['words']))})(?P<n>{numeral_pattern()})"
            rf"(?P<u>{alternation(list(d['thresholds']['units']))})(?![龄度])"),
        "set_level_rx": re.compile(f"(?:{alternation(d['set_nouns'])})(?:一般|原则上)?"
                                   f"(?:{alternation(d['set_verbs'])})$"),
        "points_rx": re.compile(f"(?:{alternation(d['points']['verbs'])})$"),
        "surcharge_rx": re.compile(
            f"(?P<d>{alternation(d['surcharges']['daily'])})[^，。；;,]{{0,16}}?"
            f"(?:{alternation(d['surcharges']['nouns'])})"),
        "suspend_cues": tuple(d["suspensions"]["verbs"] + d["suspensions"]["bans"]),
        "limit_cues": tuple(d["time_limits"]["within"] + d["time_limits"]["duration_nouns"]
                            + d["time_limits"]["caps"] + ["期", "延长"]),
        "suspend_rx": re.compile(
            rf"(?:{alternation(d['suspensions']['verbs'])})(?P<a>{numeral_pattern()})"
            rf"(?P<ua>{alternation(list(d['suspensions']['units']))})"
            rf"(?:以上(?P<b>{numeral_pattern()})(?P<ub>{alternation(list(d['suspensions']['units']))})以下)?"),
        "ban_rx": re.compile(
            rf"(?P<a>{numeral_pattern()})(?P<ua>年)(?P<w>内|以内)"
            rf"(?:{alternation(d['suspensions']['bans'])})"),
        "fine_open_rx": re.compile(f"(?:{alternation(d['fines']['openers'])})"),
        "fine_noun_rx": re.compile(f"(?:{alternation(d['fines']['nouns'])})"),
        "skip_before": tuple(d["skip_before"]),
        "skip_after": tuple(d["skip_after"]),
        "word_before_yi": tuple(d["word_before_yi"]),
        "classify_rx": rx("classify"),
        "cn_count_rx": re.compile(f"[一二三四五六七八九十两]+(?:{alternation(d['count_units'])})"),
        "vague": set(d["vague"]),
        "heads": heads,
        "head_rx": re.compile(alternation(heads)),
        "slogan_rx": re.compile(f"[“”\"‘’]*(?:{alternation(d['slogan_heads'])})"),
        "duration_head_rx": re.compile(f"[“”\"‘’]*(?:{alternation(d['duration_heads'])})"),
        "join_rx": re.compile(f"(?:{alternation(d['np_joins'])})"),
        "span_verb_rx": re.compile(f"(?:{alternation(d['span_adverbs'])})?(?:{alternation(d['span_verbs'])})$"),
        "adverb_rx": re.compile(f"(?:{alternation(d['span_adverbs'])})$"),
        "money_rx": re.compile(f"(?:{alternation(d['money_nouns'])})[^，。；\\d]{{0,4}}$"),
        "opener_rx": re.compile(f"(?:{alternation(d['norm_openers'])})$"),
        "opened_rx": re.compile(f"(?:{alternation(d['norm_openers'])})"),
        "norm_verb_rx": rx("norm_verbs"),
        "level_rx": rx("level_verbs", "+$"),
        "per_lead_rx": re.compile(f"(?:{alternation(d['per_lead'])})?$"),
        "minimum_rx": re.compile(f"(?:{alternation(d['minimum_words'])})[^，。；\\d]{{0,4}}$"),
        "share_rx": re.compile(f"占[^，。；]{{0,20}}(?:{alternation(d['share_of'])})[^，。；]{{0,8}}$"),
        "share_verb_rx": re.compile(f"(?:{alternation(d['share_verbs'])})"),
        "norm_of_rx": re.compile(f"(?:{TAIL.pattern})?(?:{alternation(d['norm_of'])})"),
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
    ctx = context or DocContext()
    spans = sentences or [(s.start, s.end) for s in ctx.sentences] or _lines(text)
    ref = _reference_year(text, ctx)
    out: list[Figure] = []
    mood: str | None = None
    prev_end = 0
    for s0, s1 in spans:
        # a sentence that says nothing of its own tense keeps its paragraph's:
        # "截至2020年底，全市共有…。按常住人口计算，每千人口床位7.22张…"
        inherited = mood if "\n" not in text[prev_end:s0] else None
        figures, mood = _sentence_figures(text, s0, s1, ctx, ref, inherited)
        out.extend(figures)
        prev_end = s1
    return out


def _sentence_figures(text: str, s0: int, s1: int, ctx: DocContext, ref: int | None = None,
                      inherited: str | None = None) -> tuple[list[Figure], str | None]:
    """The figures of ``text[s0:s1]`` and the sentence's mood."""
    from .. import metrics

    lex = _lex()
    sentence = text[s0:s1]
    quantities = find_quantities(sentence)
    mood = _mood(sentence, ref, lex) or inherited
    if not quantities:
        return _worded_norms(text, s0, s1, lex), mood
    found = metrics.match(sentence)
    # a penalty, or a condition that ends its sentence with 的 ("（一）造成3人以上死亡的；")
    penalty = bool(lex["penalty_rx"].search(sentence)) or sentence.rstrip("；;。，, ").endswith("的")
    out: list[Figure] = []
    last = s0  # end of the last figure (with its tail): it bounds the next one's span
    for k, q in enumerate(quantities):
        qs, qe = s0 + q.start, s0 + q.end
        c0, c1 = clause_bounds(text, qs, s0, s1)
        q = _money_unit(text, q, c0, qs, lex)
        if q.value is None or (q.unit is None and q.ratio is None) or _not_a_value(text, q, qs, qe, lex):
            continue
        fine = _fine(text, q, qs, qe, c0, c1, lex) if penalty else None
        if fine is not None:
            out.append(Figure("QUOTA", fine[0], fine[1], q, None, metric_name=(None, fine[2]),
                              clause_end=c1))
            last = fine[1]
            continue
        if penalty or _conditional(text, qe, c1) or _modifier(text, q, c0, qs, qe, c1, lex) \
                or _in_title(text, s0, qs) or (q.unit in lex["norm_only_units"] and q.comparator is None
                                               and q.per is None):
            continue
        nxt = quantities[k + 1] if k + 1 < len(quantities) else None
        if nxt is not None and (nxt.value, nxt.unit) == (q.value, q.unit) and text[qe:s0 + nxt.start] in ("或", "及"):
            continue  # "两个或两个以上医疗机构": the alternative with its comparator is the figure
        # the next value's span may begin at its per-base, unless that base is this value's
        next_start = s0 + min(nxt.start, nxt.per.start if nxt.per and nxt.per.start >= q.end
                              else nxt.start) if nxt else s1
        starting = bool(lex["from_rx"].search(text, c0, qs)) and nxt is not None and \
            c0 <= s0 + nxt.start < c1 and bool(lex["to_rx"].search(text[qe:s0 + nxt.start]))
        # a per-base reaches values later in its sentence unless another value used it
        # in an earlier clause: "每千人口床位7.22张、执业(助理)医师2.9人"
        prev = s0 + quantities[k - 1].end if k else s0
        aside = c0 > s0 and text[c0 - 1] in PAREN_OPEN  # "(中医类别达到0.62人)" shares the base
        per = q.per if q.per is not None and (c0 <= s0 + q.per.start or prev <= s0 + q.per.start
                                              or aside) else None
        if per is None and q.per is not None:
            q = replace(q, per=None)
        if per is not None and per.unit is None:
            per = _name_base(text, s0, per)  # "每种药品" → {1, 药品}
            q = replace(q, per=per)
        elif per is not None and per.kind != "time":
            per = _whole_base(text, s0, per)  # "每个家庭医生团队" is no household
            q = replace(q, per=per)
        cmp_start = None
        if per is not None:
            q, cmp_start = _comparator_before_base(text, q, s0 + per.start, c0, lex)
        if per is None and q.unit in lex["count_units"] and lex["minimum_rx"].search(text, c0, qs):
            per = _every_place(text, s0, c0, qs, lex)  # "各县(市、区)至少有1个"
            if per is not None:
                q = replace(q, per=per)
        np = None
        if q.unit in lex["count_units"]:
            np = _counted(text, q, qs, qe, c0, c1, per, lex)
            if np is None:
                continue
        label = "STAT" if starting else _label(text, q, qs, qe, c0, c1, s0, per, np, mood, ref, lex)
        if label is None:
            continue
        lo, hi = max(c0, last), min(c1, next_start)
        if last > c0:
            lo = max(lo, text.rfind("、", lo, qs) + 1)  # "…2.9人、注册护士3.4人": the list item
        item_end = text.find("、", qe, hi)
        if text.startswith(tuple(PAREN_OPEN), qe):
            item_end = qe  # "试点单位10家（其中定点医疗机构8家…）": the aside names no metric
        metric = _metric(found, s0, lo, qs, hi if item_end < 0 else item_end, unit=q.unit)
        if np is not None and np[0] > qe:
            # the counted noun names the metric: "…中心等25家基层医疗卫生机构"
            metric = _metric(found, s0, qe, qe, c1, within=np[0], unit=q.unit) or \
                (metric if not np[1] else None)
        own = per if per is not None and prev <= s0 + per.start else None  # not one a list shares
        start, end = _span(text, q, qs, qe, lo, hi, metric, per, own, np, cmp_start, label, lex)
        if metric is None and label == "QUOTA" and lex["norm_of_rx"].match(text, qe):
            metric = _metric(found, s0, qe, qe, s1)  # "…每万人60间的要求，储备隔离房间…"
        metric, name = _resolve_metric(text, q, qs, qe, start, end, metric, np, out, lex)
        if q.comparator is None and out and out[-1].clause_end == c1 and not text[lo:qs].strip("、，, "):
            # "分别达到98%、85%、90%": a bare list item shares the verb of the first
            q = replace(q, comparator=out[-1].quantity.comparator, qualifier=out[-1].quantity.qualifier)
        subject = None
        if c0 > s0 and text[c0 - 1] in PAREN_OPEN:
            subject = _subject(text[c0:qs])
        last = _value_end(text, qe, c1)
        bases = [b for b in find_per_bases(text[lo:qs]) if b.kind != "time"]
        if len(bases) > 1:
            # "城市地区每3万人、农村地区每5万人配置1辆": one figure a base
            for b in bases:
                out.append(Figure(label, lo + b.start, end, replace(q, per=b), metric, subject))
            continue
        out.append(Figure(label, start, end, q, metric, subject, name,
                          bare=np is not None and np[1] and np[0] > qe and label == "STAT", clause_end=c1))
    out += _worded_norms(text, s0, s1, lex)
    out.sort(key=lambda f: f.start)
    return _drop_scope(text, out, s1), mood


def _worded_norms(text: str, s0: int, s1: int, lex: dict) -> list[Figure]:
    """Figures whose units find_quantities does not read: time limits, suspensions, bans."""
    return (_time_limits(text, s0, s1, lex) + _suspensions(text, s0, s1, lex)
            + _frequencies(text, s0, s1, lex) + _doublings(text, s0, s1, lex)
            + _thresholds(text, s0, s1, lex) + _surcharges(text, s0, s1, lex))


def _surcharges(text: str, s0: int, s1: int, lex: dict) -> list[Figure]:
    """A share of the sum owed, charged per day: "按日加收欠缴费额千分之二的滞纳金"."""
    if not any(w in text[s0:s1] for w in lex["surcharges"]["daily"]):
        return []  # most sentences: no regex run
    out = []
    for m in lex["surcharge_rx"].finditer(text, s0, s1):
        q = next((q for q in find_quantities(m.group(0)) if q.unit in ("%", "‰")), None)
        if q is None:
            continue
        day = PerBase(Decimal(1), "日", None, "time", m.group("d"), m.start() - s0, m.end("d") - s0)
        q = replace(q, per=day, start=m.start() + q.start - s0, end=m.start() + q.end - s0)
        out.append(Figure("QUOTA", m.start(), m.end(), q, None,
                          clause_end=clause_bounds(text, m.start(), s0, s1)[1]))
    return out


def _thresholds(text: str, s0: int, s1: int, lex: dict) -> list[Figure]:
    """Lengths one must have served or paid: "缴费年限满十五年" (value 15, unit 年, ">=")."""
    if "满" not in text[s0:s1]:
        return []  # most sentences: no regex run
    th = lex["thresholds"]
    out = []
    for m in lex["threshold_rx"].finditer(text, s0, s1):
        n = parse_numeral(m.group("n"))
        if n is None or n.unit is not None or text.endswith(tuple(th["not_after"]), 0, m.start()):
            continue
        c0, c1 = clause_bounds(text, m.start(), s0, s1)
        toks = list(segment.tokens(text[c0:m.start()]))
        # the thing measured starts after the last joining word: "…退休且缴费年限满十五年"
        cut = _after_last(toks[1:], th["cuts"])
        start = c0 + cut if cut is not None else _trim_lead(text, c0, m.start(), lex)
        if start >= m.start():
            start = m.start()
        q = Quantity(n.value, th["units"][m.group("u")], comparator=th["words"][m.group("w")],
                     qualifier=m.group("w"), text=m.group(0), start=m.start("n") - s0, end=m.end() - s0)
        metric = (start, m.start(), None) if start < m.start() else None
        out.append(Figure("QUOTA", start, m.end(), q, metric, clause_end=c1))
    return out


def _frequencies(text: str, s0: int, s1: int, lex: dict) -> list[Figure]:
    """"采购周期原则上一年一次": once a year (value 1, unit 次, per {1, 年})."""
    if "次" not in text[s0:s1]:
        return []
    out = []
    for m in lex["frequency_rx"].finditer(text, s0, s1):
        p, n = parse_numeral(m.group("p")), parse_numeral(m.group("n"))
        if p is None or n is None or p.unit is not None or n.unit is not None:
            continue
        c0, c1 = clause_bounds(text, m.start(), s0, s1)
        unit = lex["frequency"]["periods"][m.group("pu")]
        per = PerBase(p.value, unit, None, "time", m.group("p") + m.group("pu"),
                      m.start() - s0, m.start("n") - s0)
        q = Quantity(n.value, "次", per=per, text=m.group(0), start=m.start("n") - s0,
                     end=m.end() - s0)
        out.append(Figure("TARGET", c0, m.end(), q, None, clause_end=c1))
    return out


def _after_last(toks: list, words: list[str]) -> int | None:
    """The end of the last token that is one of ``words``: a name starts there
    ("…退休且|缴费年限满十五年", "对于新纳入的|政策辅导期延长6个月")."""
    return next((t.end for t in reversed(toks) if t.text in words), None)


def _doublings(text: str, s0: int, s1: int, lex: dict) -> list[Figure]:
    """"…数量实现翻一番": a multiple to reach (value 2, unit 倍); 翻两番 is 4."""
    if "番" not in text[s0:s1]:
        return []
    out = []
    for m in lex["doubling_rx"].finditer(text, s0, s1):
        c0, c1 = clause_bounds(text, m.start(), s0, s1)
        q = Quantity(lex["doublings"][m.group("n")], "倍", comparator="=", qualifier=m.group(0),
                     text=m.group(0), start=m.start() - s0, end=m.end() - s0)
        out.append(Figure("TARGET", c0, m.end(), q, None, clause_end=c1))
    return out


def _suspensions(text: str, s0: int, s1: int, lex: dict) -> list[Figure]:
    """Suspensions and bans set as penalties: "暂停6个月以上1年以下执业活动", "5年内不得从事…"."""
    if not any(w in text[s0:s1] for w in lex["suspend_cues"]):
        return []  # most sentences: no regex run
    units, months = lex["suspensions"]["units"], lex["suspensions"]["months_per"]
    out = []
    for rx in (lex["suspend_rx"], lex["ban_rx"]):
        for m in rx.finditer(text, s0, s1):
            a = parse_numeral(m.group("a"))
            if a is None or a.unit is not None:
                continue
            ua = units.get(m.group("ua"), m.group("ua"))
            value, value_max, unit = a.value, None, ua
            b = parse_numeral(m.group("b")) if "b" in rx.groupindex and m.group("b") else None
            if b is not None:
                ub = units.get(m.group("ub"), m.group("ub"))
                if ua != ub:  # 6个月以上1年以下: both in months
                    value = value * months.get(ua, 1)
                    b = replace(b, value=b.value * months.get(ub, 1))
                    unit = "月"
                value_max = b.value
            c0, c1 = clause_bounds(text, m.start(), s0, s1)
            qualifier = "以上…以下" if value_max is not None else m.groupdict().get("w")
            q = Quantity(value, unit, value_max, qualifier=qualifier, text=m.group(0),
                         start=m.start("a") - s0, end=m.end() - s0)
            out.append(Figure("QUOTA", m.start(), c1, q, None, clause_end=c1))
    return out


def _time_limits(text: str, s0: int, s1: int, lex: dict) -> list[Figure]:
    """Processing limits in days: "于15个工作日内通过…兑付资金", "公示时间为5个工作日"."""
    if not any(w in text[s0:s1] for w in lex["limit_cues"]):
        return []  # most sentences: no regex run
    seen: set[int] = set()  # "不超过15个工作日内": one figure, read once
    out = _periods(text, s0, s1, lex, seen) + _extensions(text, s0, s1, lex, seen)
    for rx in (lex["amount_limit_rx"], lex["limit_rx"], lex["length_rx"], lex["cap_rx"]):
        for m in rx.finditer(text, s0, s1):
            n = parse_numeral(m.group("n"))
            if n is None or n.unit is not None or text.endswith("每", 0, m.start("n")) \
                    or m.start("n") in seen:
                continue
            # the amount may stand in an earlier part of the sentence: "处方量一般在4周内；…，
            # 最长不超过12周"
            a0 = s0
            if s0 and text[s0 - 1] in "；;":
                a0 = max(text.rfind(c, 0, s0) for c in "。\n") + 1
            amount = amount_before(text, a0, m.start())
            if rx is lex["amount_limit_rx"] and (amount is None or amount[1] != m.start()):
                continue  # "在3个月内" with no amount right before it: a deadline's
            if rx is lex["length_rx"] and m.group("u") in lex["time_limits"]["length_units"] \
                    and not m.group("noun").endswith("期"):
                continue  # "整改期限为三个月": a task's length in months, no figure
            seen.add(m.start("n"))
            unit = m.group("u").removeprefix("个")
            # a status's period (有效期原则上不少于6个月) is a norm; a step's time, a target
            label = "QUOTA" if amount is not None or (m.groupdict().get("noun") or "").endswith("期") \
                else "TARGET"
            c0, c1 = clause_bounds(text, m.start(), s0, s1)
            if rx is lex["amount_limit_rx"]:  # "处方量一般在4周内": the amount and its cap
                start, end, cmp = amount[0], m.end(), "<="
                word = f"{m.group('h')}…{m.group('w')}" if m.group("h") else m.group("w")
            elif rx is lex["cap_rx"]:  # "不得超过30天", "最长不超过12周": the cap and its step
                start = m.start()
                end = m.end() + len(lex["limit_tail_rx"].match(text, m.end(), c1).group(0))
                cmp, word = "<=", m.group("w")
            elif "w" in rx.groupindex:  # "N日内" and the task after it ("5个工作日内，向…提交")
                start = m.start()
                end = c1 if c1 > m.end() + 1 else clause_bounds(text, c1 + 1, s0, s1)[1]
                cmp, word = "<=", m.group("w")
            else:  # "公示时间为5个工作日": the step named before the noun
                toks = list(segment.tokens(text[c0:m.start()]))
                start = c0 + toks[-1].start if toks else m.start()
                end = m.end()
                cmp, word = parse_comparator(text[start:end], (m.start("n") - start, end - start))
            q = Quantity(n.value, unit, comparator=cmp, qualifier=word, text=m.group(0),
                         start=m.start("n") - s0, end=m.end("u") - s0)
            metric = None if amount is None else (amount[0], amount[1], None)
            out.append(Figure(label, start, end, q, metric, clause_end=c1))
    return out


def _periods(text: str, s0: int, s1: int, lex: dict, seen: set[int]) -> list[Figure]:
    """Periods set up or extended, norms (QUOTA): "设立6个月政策辅导期" (the length and its
    period), "政策辅导期延长6个月", "试用期为6个月" (the period and its length)."""
    if "期" not in text[s0:s1]:
        return []
    period = lex["time_limits"]["period"]
    out = []
    for m in lex["period_rx"].finditer(text, s0, s1):
        after = m.group("noun") is not None
        g = "" if after else "2"
        noun = m.group("noun") if after else m.group("noun2")
        n = parse_numeral(m.group("n" + g))
        if n is None or n.unit is not None or n.value >= 1000 or noun.endswith(tuple(period["not_periods"])) \
                or m.start("n" + g) in seen:
            continue  # "2025年同期": a year, no period
        start = m.start()
        if not after:  # "…对于新纳入的政策辅导期延长6个月": the name starts after the last joining word
            toks = list(segment.tokens(noun))
            start += _after_last(toks, period["name_stops"]) or 0
        seen.add(m.start("n" + g))
        c1 = clause_bounds(text, m.start(), s0, s1)[1]
        name = (m.start("noun"), m.end("noun")) if after else (start, m.end("noun2"))
        q = Quantity(n.value, m.group("u" + g).removeprefix("个"), comparator="=" if not after else None,
                     text=m.group(0), start=m.start("n" + g) - s0, end=m.end("u" + g) - s0)
        out.append(Figure("QUOTA", start, m.end(), q, (*name, None), clause_end=c1))
    return out


def _extensions(text: str, s0: int, s1: int, lex: dict, seen: set[int]) -> list[Figure]:
    """A time limit's extension: "可以延长十五个工作日" (a change, comparator null),
    "上述期限延长至五年" (a level, "=", spanning its noun)."""
    if "延长" not in text[s0:s1]:
        return []
    out = []
    for m in lex["extend_rx"].finditer(text, s0, s1):
        n = parse_numeral(m.group("n"))
        if n is None or n.unit is not None or m.start("n") in seen:
            continue
        seen.add(m.start("n"))
        c0, c1 = clause_bounds(text, m.start(), s0, s1)
        noun = lex["noun_before_rx"].search(text, c0, m.start())
        start = noun.start() if noun and noun.end() == m.start() else m.start()
        q = Quantity(n.value, m.group("u").removeprefix("个"), comparator="=" if m.group("to") else None,
                     qualifier="延长至" if m.group("to") else "延长", text=m.group(0),
                     start=m.start("n") - s0, end=m.end() - s0)
        out.append(Figure("TARGET", start, m.end(), q, None, clause_end=c1))
    return out


def caps_amount(text: str, i: int, end: int) -> bool:
    """True when ``text[:i]`` ends in an amount and its hedge ("处方量一般在") and the length
    of time ``text[i:end]`` ends its clause: the amount's cap, not a deadline ("库存量在3个月内
    消化" keeps its deadline)."""
    if text[end:end + 1] not in "，。；;,\n":
        return False
    m = _lex()["hedge_before_rx"].search(text[max(0, i - 6):i])
    j = i - len(m.group(0)) if m else i
    a = amount_before(text, max(0, j - 8), j)
    return a is not None and a[1] == j


def amount_before(text: str, s0: int, i: int) -> tuple[int, int] | None:
    """(start, end) of the last amount word (处方量, 用药量) in ``text[s0:i]``, if any: a
    length of time capping it is a norm (QUOTA), not a step's processing limit."""
    lim = _lex()["time_limits"]
    j = text.rfind(lim["amount_end"], s0, i)
    if j < 0:
        return None
    head = max(s0, j - 6)
    toks = list(segment.tokens(text[head:j + 1]))
    if not toks or head + toks[-1].end != j + 1:
        return None
    start = toks[-1].start
    if toks[-1].text == lim["amount_end"] and len(toks) > 1 and len(toks[-2].text) >= 2:
        start = toks[-2].start  # jieba cuts 处方量 as 处方 / 量
    word = text[head + start:j + 1]
    if len(word) < 2 or word.endswith(tuple(lim["not_amounts"])):
        return None
    return head + start, j + 1


# ---------------------------------------------------------------- what is a value


def _fine(text: str, q: Quantity, qs: int, qe: int, c0: int, c1: int,
          lex: dict) -> tuple[int, int, str] | None:
    """(start, end, noun) of the fine a value sets: "处3万元以上5万元以下罚款"; None if the
    value is no fine's."""
    if q.unit not in lex["fines"]["units"]:
        return None
    opener = None
    for m in lex["fine_open_rx"].finditer(text, c0, qs):
        opener = m  # the nearest before the value
    noun = lex["fine_noun_rx"].search(text, qe, c1)
    if opener is None or noun is None or lex["fine_noun_rx"].search(text, opener.end(), qs):
        return None
    if lex["fine_open_rx"].search(text, qe, noun.start()):
        # "处以二百元以下、对法人…处以三千元以下罚款": two fines share the noun; each its own span
        tail = TAIL.match(text, qe, c1)
        return opener.start(), tail.end() if tail else qe, noun.group(0)
    return opener.start(), noun.end(), noun.group(0)


def _name_base(text: str, s0: int, per: PerBase) -> PerBase:
    """A per-base whose noun the unit table lacks takes the word after its measure word."""
    i = s0 + per.end
    toks = segment.tokens(text[i:i + 8])
    if toks and len(toks[0].text) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in toks[0].text):
        return replace(per, unit=toks[0].text, text=per.text + toks[0].text, end=per.end + len(toks[0].text))
    return per


def _whole_base(text: str, s0: int, per: PerBase) -> PerBase:
    """A per-base whose table noun ends inside a longer word of jieba's is named by that
    word and the nouns after it: 每个家庭医生团队 → {1, 家庭医生团队}, not a household."""
    a, b = s0 + per.start, s0 + per.end
    toks = segment.tokens(text[a:b + 10])
    cut = next((t for t in toks if t.start < b - a < t.end), None)
    if cut is None or len(cut.text) < 3:
        return per
    tags = segment.word_tags()
    end = cut.end
    for t in toks[toks.index(cut) + 1:]:
        if not tags.get(t.text, "").startswith("n") or t.end > b - a + 8:
            break
        end = t.end
    noun = text[a + cut.start:a + end]
    return replace(per, unit=noun, kind=None, text=text[a:a + end], end=per.start + end)


def _every_place(text: str, s0: int, c0: int, qs: int, lex: dict) -> PerBase | None:
    """The place a minimum holds in each of: 各县(市、区) → {1, 县(市、区)} (offsets from s0)."""
    for w in lex["every_words"]:
        i = text.rfind(w, c0, qs)
        if i < 0:
            continue
        base = next((b for b in find_per_bases("每" + text[i + len(w):qs]) if b.start == 0), None)
        if base is not None and base.kind == "place":
            end = i + len(w) + base.end - 1
            return replace(base, text=text[i:end], start=i - s0, end=end - s0)
    return None


def _money_unit(text: str, q: Quantity, c0: int, qs: int, lex: dict) -> Quantity:
    """"省级资金500万": an amount of money written without 元 is in 元 all the same.

    ``find_quantities`` reads 500万 as a bare number; the noun before it says money.
    """
    if q.unit is None and q.value is not None and q.text and q.text[-1] in "万亿" \
            and lex["money_rx"].search(text, c0, qs):
        return replace(q, unit="元")
    return q


def _not_a_value(text: str, q: Quantity, qs: int, qe: int, lex: dict) -> bool:
    if text.endswith(lex["skip_before"], 0, qs) or text.startswith(lex["skip_after"], qe):
        return True
    if text.startswith("一", qs) and text.endswith(lex["word_before_yi"], 0, qs):
        return True  # "统一架构", "唯一一家": 一 is part of a word
    opened = text.rfind(lex["label_marks"][0], max(0, qs - 20), qs)
    if opened >= 0 and lex["label_marks"][1] not in text[opened:qs]:
        return True  # "【记1—3分情形】": a heading's label names a case, sets no value
    if lex["classify_rx"].search(text, max(0, qs - 12), qs) and not re.search(r"[，。；]", text[max(0, qs - 12):qs]):
        return True  # "分为甲、乙、丙三类": a classification, not a figure
    return text[qs:qe] in lex["vague"]


def _modifier(text: str, q: Quantity, c0: int, qs: int, qe: int, c1: int, lex: dict) -> bool:
    """"城区规模在8000人以上的新建居住区", "60岁以上老年人": the value picks out what a
    noun covers; a share ("90%的县级医院") or a value a verb governs is a figure."""
    tail = TAIL.match(text, qe, c1)
    after = tail.end() if tail else qe
    if q.unit in lex["modifier_units"] and tail is not None and re.match(
            r"[\u4e00-\u9fff]", text[after:after + 1]) and not text.startswith("的", after):
        return True  # an age band before its noun, whatever governs the clause:
        # "每千常住人口拥有3岁以下婴幼儿托位数达到4.5个"
    if q.unit in ("%", "‰", "pp", "ratio", "fraction") or q.per is not None \
            or lex["verb_rx"].search(text, c0, qs):
        return False
    if lex["norm_of_rx"].match(text, after):
        return False  # "…60间的要求": the norm itself
    if text.startswith("的", after) and re.match(r"[\u4e00-\u9fff]", text[after + 1:after + 2]):
        return True
    return q.unit in lex["modifier_units"] and tail is not None and \
        bool(re.match(r"[\u4e00-\u9fff]", text[after:after + 1]))


def _conditional(text: str, qe: int, c1: int) -> bool:
    """"货值金额不足一万元的，并处…", "…缺席会议三分之一以上次数的。": the value is a
    condition, not a figure."""
    rest = text[qe:c1]
    return rest.endswith("的") and len(rest) <= 8


def _in_title(text: str, s0: int, qs: int) -> bool:
    """A value inside a cited 《title》 belongs to the citation."""
    return text.rfind("《", s0, qs) > text.rfind("》", s0, qs)


# ---------------------------------------------------------------- counted things


def _counted(text: str, q: Quantity, qs: int, qe: int, c0: int, c1: int, per: PerBase | None,
             lex: dict) -> tuple[int, bool] | None:
    """(end of the counted noun, whether the count is bare), or None when it is no figure.

    A count is a figure when a verb or comparator governs it, when it closes its clause
    (医院59家), or when it counts a noun of ``count_heads``; slogan counts are not.
    """
    tail = TAIL.match(text, qe, c1)
    after = tail.end() if tail else qe
    if lex["duration_head_rx"].match(text, after) or lex["slogan_rx"].match(text, after) and not \
            lex["head_rx"].match(text, _unquote(text, after)) and q.comparator is None:
        return None  # "六个方面", "三个不变", "三个月"; "至少将50种重点监测药品…" is a count
    governed = bool(lex["verb_rx"].search(text, c0, qs)) or q.comparator is not None or per is not None
    closes = not re.match(r"[^，。；、（）()]*[\u4e00-\u9fff]", text[after:c1])
    end = _noun_end(text, after, c1, lex)
    if end is None:
        return (after, not governed) if governed or closes else None  # "医院59家"
    if re.match(rf"[^和及与、，,\d]{{0,4}}?[\d一二三四五六七八九十两]+(?:{alternation(lex['count_units'])})",
                text[end:c1]):
        return None  # "15个地市70个县", "一个行政村设置一个村卫生室": the first is a base
    if not governed and not _bare_position(text, c0, qs, lex):
        return None  # "支持1家医院建设…": a verb this file does not know governs it
    return end, not governed


def _bare_position(text: str, c0: int, qs: int, lex: dict) -> bool:
    """A count with no verb stands after a list word, a noun, or opens its clause."""
    i = _trim_lead(text, c0, qs, lex)
    if i >= qs or lex["span_verb_rx"].search(text, c0, qs):
        return True  # opens its clause, or "共派出9名骨干"
    j = qs
    if text[qs - 1] in REGION_END:
        for k in range(max(c0, qs - 8), qs - 1):  # "…及濠江区8所": the region names a subject
            region = _region_span(text[k:qs])
            if region == (0, qs - k):
                j = k
                break
    if j <= c0 or text[j - 1] in lex["bare_after"]:
        return True
    return any(text.endswith(h, c0, j) for h in lex["heads"] if len(h) > 1)  # "…医院两家"


def _unquote(text: str, i: int) -> int:
    while i < len(text) and text[i] in "“”\"‘’":
        i += 1
    return i


def _noun_end(text: str, i: int, c1: int, lex: dict) -> int | None:
    """End of the noun a count counts: the first head noun within reach, with the
    nouns that join it ("乡镇"+"卫生院", "专家和技术骨干")."""
    stops = lex["np_stops"]
    if text.startswith("“", i):
        close = text.find("”", i, min(c1, i + 24))
        if close > i + 1:
            return close + 1  # 1个“社区卫生康复医疗服务示范中心”: a name in quotes
    i = _unquote(text, i)
    limit = min(c1, i + lex["np_reach"])
    j = i
    end = None
    while j < limit:
        ch = text[j]
        if ch in PAREN_OPEN:
            close = _bracket_end(text, j, limit)
            if j == i or not close:
                break  # "试点单位10家（其中定点医疗机构8家…）": an aside on the count
            j = close  # "执业（助理）医师": a short aside inside the noun
            continue
        if ch in stops or ch.isdigit() or _verb_at(text, j, lex) or lex["cn_count_rx"].match(text, j):
            break  # a noun phrase holds none of its clause's verbs ("…的要求配置床位")
        m = lex["head_rx"].match(text, j)
        chained = m is not None and (m2 := lex["head_rx"].match(text, m.end())) is not None \
            and len(m2.group(0)) > 1
        if m and (len(m.group(0)) > 1 or chained or _phrase_ends(text, m.end(), c1, lex)):
            end = m.end()
            while (m2 := lex["head_rx"].match(text, end)) and len(m2.group(0)) > 1:
                end = m2.end()  # 乡镇 + 卫生院, 成员 + 单位, 中心 + 村卫生室
            break
        j += 1
    if end is None:
        return None
    join = lex["join_rx"].match(text, end)
    if join:
        for k in range(join.end(), min(join.end() + 5, c1)):
            if text[k] in stops or text[k].isdigit():
                break
            m = lex["head_rx"].match(text, k)
            if m and len(m.group(0)) > 1:
                return m.end()  # "专家和技术骨干"
    return end


def _verb_at(text: str, j: int, lex: dict) -> bool:
    return bool(lex["quota_rx"].match(text, j) or lex["norm_of_rx"].match(text, j)
                or lex["target_after_rx"].match(text, j))


def _bracket_end(text: str, i: int, limit: int) -> int | None:
    close = next((k for k in range(i + 1, min(limit, i + 6)) if text[k] in "）)"), None)
    return close + 1 if close is not None else None


def _phrase_ends(text: str, i: int, c1: int, lex: dict) -> bool:
    """A one-character head noun counts only at the end of its phrase: 县（市、区）, 3所."""
    return i >= c1 or text[i] in lex["np_stops"] or text[i] in lex["clause_breaks"] or \
        bool(lex["target_after_rx"].match(text, i))


def _drop_scope(text: str, figures: list[Figure], s1: int) -> list[Figure]:
    """A bare count closing its clause before a TARGET is where the target applies:
    "…等3个试点县（市），县域内就诊率达到90%左右" (ANNOTATION decisions)."""
    out = []
    for f in figures:
        if f.bare and f.clause_end < s1 and text[f.clause_end] in "，," and any(
                g.label == "TARGET" and g.start > f.clause_end for g in figures):
            continue
        if f.bare and any(g.label in ("TARGET", "QUOTA") and g.start >= f.end and g.clause_end == f.clause_end
                          for g in figures):
            continue  # "三个病区床位使用率达到90%": the count is part of the subject
        out.append(f)
    return out


# ---------------------------------------------------------------- labels


def _reference_year(text: str, ctx: DocContext) -> int | None:
    """The year the document speaks from: its date's, else the first year of the latest
    five-year plan it names (a "十四五" plan looks back on 2020 and before)."""
    if ctx.date is not None:
        return ctx.date.year
    plans = [CN_DIGITS.index(m) + 11 for m in PLAN.findall(text)]
    return 2001 + 5 * (max(plans) - 10) if plans else None


def _mood(sentence: str, ref: int | None, lex: dict) -> str | None:
    """"plan" when the sentence commits to a deadline or the future, "report" when it
    tells what is or was (已, 累计, a year or a five-year plan before the reference year),
    else None."""
    if _deadline_in(sentence, ref):
        return "plan"
    past = ref is not None and (any(int(y) < ref for y in PAST_YEAR.findall(sentence)) or any(
        2001 + 5 * (CN_DIGITS.index(m) + 1) < ref for m in PLAN.findall(sentence)))
    if lex["report_mood_rx"].search(sentence) or past:
        return "report"
    return "plan" if lex["plan_mood_rx"].search(sentence) else None


def _deadline_in(text: str, ref: int | None, start: int = 0, end: int | None = None) -> bool:
    """A deadline in ``text[start:end]`` that is not before the reference year."""
    for m in DEADLINE.finditer(text, start, len(text) if end is None else end):
        year = m.group("y1") or m.group("y2")
        if ref is None or year is None or int(year) >= ref:
            return True
    return False


def _label(text: str, q: Quantity, qs: int, qe: int, c0: int, c1: int, s0: int, per: PerBase | None,
           np: tuple[int, bool] | None, mood: str | None, ref: int | None, lex: dict) -> str | None:
    clause, before, after = text[c0:c1], text[c0:qs], text[qe:c1]
    if per is not None and per.kind != "time":
        # a per-head norm is a QUOTA; a per-place count that must reach a level is a
        # TARGET: "每个县至少有1家县级医院达到二级甲等"
        if mood == "report" and q.comparator is None and not lex["quota_rx"].search(clause):
            return "STAT"  # "截至2020年底…每千人口床位7.22张": a reported ratio
        if per.kind in ("people", "beds") or not lex["target_after_rx"].search(after):
            return "QUOTA"
        return "TARGET"
    if q.unit == lex["points"]["unit"] and lex["points_rx"].search(before):
        return "QUOTA"  # "每次记1—3分": points given for a failing
    if q.unit == "ratio" and mood != "report":
        return "QUOTA"  # 床位与卫生技术人员比例不低于1∶1.25: a staffing or allocation norm
    if q.unit in lex["count_units"] and lex["minimum_rx"].search(before) and mood != "report":
        return "QUOTA"  # "乡镇(街道)至少建有1所普惠性托育机构": a minimum to set up
    stat = lex["stat_rx"].search(clause)
    target = lex["target_rx"].search(clause) or q.comparator in (">=", "<=", "~", ">", "<")
    # "按300%估算人口基数…配备", "按照不低于…的5%安排": the norm's verb follows the value
    opened = lex["opened_rx"].search(before) and lex["norm_verb_rx"].search(after)
    # an allocation verb earlier in the sentence makes a share part of the same norm:
    # "配备救护车，其中负压救护车达到40%以上"
    allocating = (lex["quota_rx"].search(before) or lex["quota_after_rx"].match(after)
                  # (not a rate of its own: "配置…力量，检出…阳性率保持在50%以上" is a level)
                  or (q.unit in ("%", "ratio") and lex["quota_rx"].search(text, s0, c0)
                      and "率" not in before)
                  or opened
                  # "实现…资金占…的80%以上": a share that is to be reached is a level
                  or (q.unit == "%" and not lex["target_after_rx"].search(before, 0, max(before.find("占"), 0))
                      and (lex["share_rx"].search(before)
                           or lex["share_verb_rx"].search(text, max(c0, qs - 4), qe + 3))))
    if allocating and q.unit in lex["quota_units"] and not stat:
        # a count set up in a report was set up: "已…，组建2个医共体"; a share stays a norm
        return "STAT" if mood == "report" and q.unit in lex["count_units"] else "QUOTA"
    if q.unit in lex["staffing_units"] and q.comparator == ">=" and not lex["target_rx"].search(before) \
            and not stat:
        return "QUOTA"  # "至少有2名专职人员", "两名以上检查人员": a minimum staffing
    if (q.comparator == "<=" and mood != "report" and not lex["reach_verb_rx"].search(clause)
            and not _deadline_in(text, ref, s0, c1)):
        return "QUOTA"  # an upper limit with no level to reach and no deadline: a norm
    if np is not None and np[1]:
        # a bare count: "25家基层医疗卫生机构" is what is; "到2025年，70个县基本建成…"
        # is what must be
        closes = np[0] <= _value_end(text, qe, c1)
        if mood == "plan" and _deadline_in(text, ref, s0, c1) and (closes or lex["target_after_rx"].search(after)):
            return "TARGET"  # "到2027年，全县培训乡村医生200名"
        if closes and mood != "report" and lex["target_rx"].search(before):
            return "TARGET"  # "建设示范县3个": a verb opens the clause, the count closes it
        return "STAT"
    if stat and not (target and not lex["report_rx"].search(clause)):
        return "STAT"
    if per is not None and per.kind == "time" and mood != "report":
        return "TARGET"  # "每年安排资金2000万元", "每年培训1000人次": a level to keep each year
    if mood != "report" and lex["set_level_rx"].search(before):
        return "QUOTA"  # "单位缴费比例为16%", "起付标准为800元": a rate set, not a level to reach
    if q.unit == "元" and not (target and lex["target_rx"].search(before) and mood != "report"):
        return "STAT"  # money is spent or budgeted unless a level is required of it
    if target:
        return "STAT" if mood == "report" and not lex["plan_mood_rx"].search(clause) else "TARGET"
    if mood == "report":
        return "STAT"
    if per is not None and np is not None:
        return "TARGET"  # "每年选取3-5项推广": a count of things to achieve each year
    if mood == "plan" and _deadline_in(text, ref, s0, c1):
        return "TARGET"  # "到2027年，全县培训乡村医生200名"
    return None


# ---------------------------------------------------------------- metrics


def _resolve_metric(text: str, q: Quantity, qs: int, qe: int, start: int, end: int,
                    metric: tuple[int, int, str | None] | None, np: tuple[int, bool] | None,
                    before: list[Figure], lex: dict
                    ) -> tuple[tuple[int, int, str | None] | None, tuple[str | None, str] | None]:
    """The figure's metric span (with its catalogue id) or, when no span of the catalogue
    names it, its (id or None, name).

    Without a catalogue metric in the span: the counted noun (3家镇卫生院), the verb
    and its noun (派遣8名专家 → 派遣专家), a name shortened after an earlier metric
    (县域内就诊率…、住院率 → 县域内住院率), the noun before the value's verb
    (学前三年毛入园率达到…), or the metric of the figure before it when nothing names
    one ("…由85.3%提高到92.1%", "（遂溪县达到80%左右）").
    """
    from .. import metrics

    if metric is not None:
        return metric, None
    tail = TAIL.match(text, qe, end)
    noun_at = tail.end() if tail else qe
    counted = np is not None and np[0] > noun_at
    noun = text[noun_at:end] if counted else _lead_noun(text[start:qs])
    if counted:
        lex_ = lex
        inside = [m for m in metrics.match(noun) if _fits(m.metric.unit, q.unit, lex_)]
        if inside:  # "70个县（市、区）基本建成…的县域医共体"
            m = inside[-1]
            return (noun_at + m.start, noun_at + m.end, m.metric.id), None
    if not noun:
        prev = next((f for f in reversed(before) if f.metric or f.metric_name), None)
        if prev is not None and _fits(_unit_of(prev), q.unit, lex):
            return prev.metric, prev.metric_name  # "…由55.5%逐步提升到60.5%": the same metric
        return None, None
    verb = lex["span_verb_rx"].search(text, start, qs)
    heads = [h for h in lex["heads"] if noun.endswith(h)]
    if verb is not None and heads:
        bare_verb = re.sub(f"^(?:{alternation(lex['span_adverbs'])})", "", verb.group(0))
        hit = metrics.lookup(bare_verb + heads[0])
        if hit is not None and _fits(hit.unit, q.unit, lex):
            return None, (hit.id, bare_verb + noun)
    for f in reversed(before):
        prev_name = text[f.metric[0]:f.metric[1]] if f.metric else ""
        for k in range(1, len(prev_name)):
            hit = metrics.lookup(prev_name[:k] + noun)
            if hit is not None:
                return None, (hit.id, prev_name[:k] + noun)
    return None, (None, noun)


def _unit_of(f: Figure) -> str | None:
    from .. import metrics

    mid = f.metric[2] if f.metric else (f.metric_name[0] if f.metric_name else None)
    return metrics.catalogue()[mid].unit if mid else None


def _lead_noun(lead: str) -> str:
    """The noun before a value and its verb: "住院率达到" → "住院率", "50岁以上的乡村医生
    占比达到" → "乡村医生占比", "学前三年毛入园率由2015年的" → "学前三年毛入园率"; "" when
    only a verb, a time or a subject stands there ("提升到2023年的", "遂溪县达到")."""
    noun = _lex()["level_rx"].sub("", lead)
    noun = re.split(r"由|从|按照|按", noun)[0]
    digits = list(re.finditer(r"\d", noun))
    if digits:
        noun = re.sub(r"^[^\u4e00-\u9fff]*[\u4e00-\u9fff]?(?:以上|以下|及以上|以内)?的?", "",
                      noun[digits[-1].end():])
    noun = re.sub(r"^(?:为|对|向|在|每[个名人户年月]?)", "", noun).strip("，,、的")
    if noun and noun[-1] in REGION_END and _region_span(noun) == (0, len(noun)):
        return ""  # "遂溪县达到80%左右": a subject, no metric
    return noun if re.search(r"[\u4e00-\u9fff]{2}", noun) else ""


def _fits(metric_unit: str | None, unit: str | None, lex: dict) -> bool:
    """Can a value in ``unit`` measure a metric counted in ``metric_unit``?"""
    if unit is None or metric_unit is None or metric_unit == unit:
        return True
    groups = [set(g) for g in lex["unit_groups"]]
    a = next((i for i, g in enumerate(groups) if metric_unit in g), None)
    b = next((i for i, g in enumerate(groups) if unit in g), None)
    return a is None or b is None or a == b


# ---------------------------------------------------------------- spans


def _comparator_before_base(text: str, q: Quantity, b0: int, c0: int,
                            lex: dict) -> tuple[Quantity, int | None]:
    """"不少于常住人口每万人60间": the comparator stands before the per-base."""
    m = lex["per_lead_rx"].search(text, c0, b0)
    stop = m.start() if m else b0
    for n in range(min(4, stop - c0), 1, -1):
        word = text[stop - n:stop]
        cmp = comparator_for(word)
        if cmp is not None:
            if q.comparator is None:
                q = replace(q, comparator=cmp, qualifier=word)
            return q, stop - n
    return q, None


def _span(text: str, q: Quantity, qs: int, qe: int, lo: int, hi: int,
          metric: tuple[int, int, str | None] | None, per: PerBase | None, own: PerBase | None,
          np: tuple[int, bool] | None, cmp_start: int | None, label: str, lex: dict) -> tuple[int, int]:
    """Start and end of a figure's span inside ``text[lo:hi]``; ``own`` is the per-base
    when the figure's span starts at it (not one that a list before it shares)."""
    s0 = qs - q.start
    end = _value_end(text, qe, hi)
    if np is not None and np[0] > end:
        return _count_span(text, q, qs, qe, lo, hi, metric, own, np, cmp_start, label, lex)
    if metric and metric[0] >= end and re.fullmatch("的?", text[end:metric[0]]):
        return qs, metric[1]  # "3%左右的流动送医岗位", "100%接受住院医师规范化培训"
    start = metric[0] if metric and metric[0] < qs else lo
    if own is not None and (metric is None or metric[0] >= s0 + own.start):
        start = s0 + own.start
    if cmp_start is not None:
        start = min(start, cmp_start)
    keep = lo > 0 and text[lo - 1] in PAREN_OPEN
    start = _trim_lead(text, start, qs, lex, keep_region=keep)
    if metric and metric[0] == start:
        # a short modifier before a catalogue name belongs to it: "监护型救护车占比", "专用集中隔离用房数"
        first = _trim_lead(text, lo, start, lex, keep_region=keep)
        gap = text[first:start]
        if re.fullmatch(rf"(?:{lex['target_rx'].pattern})[\u4e00-\u9fff]{{0,6}}", gap) and "的" not in gap:
            start = first  # "新建标准化村卫生室25个": the verb that opens the clause governs it
            gap = ""
        if 0 < len(gap) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", gap) and "的" not in gap \
                and not any(gap.endswith(h) for h in lex["heads"]) and _region_span(gap) != (0, len(gap)) \
                and not (lex["quota_rx"].search(gap) or lex["target_rx"].search(gap)):
            start = first  # but not a subject or a verb: "龙湖区投入…", "总院下转…", "配备救护车…"
    verb = lex["span_verb_rx"].search(text, lo, start)
    if verb is not None and metric and metric[0] == start:
        start = verb.start()  # "合共投入1114.15万元"
    elif (adverb := lex["adverb_rx"].search(text, lo, start)) is not None:
        start = adverb.start()  # "共有县域医共体2个"
    opener = lex["opener_rx"].search(text, start, qs)
    if opener is not None and metric is None:
        start, end = opener.start(), _phrase_end(text, qe, hi)  # "按300%估算人口基数"
    elif metric and metric[0] >= qe and not lex["norm_of_rx"].match(text, qe):
        end = hi  # "1辆配备救护车": the allocated thing follows the value
    return start, max(end, qe)


def _count_span(text: str, q: Quantity, qs: int, qe: int, lo: int, hi: int,
                metric: tuple[int, int, str | None] | None, per: PerBase | None,
                np: tuple[int, bool], cmp_start: int | None, label: str, lex: dict) -> tuple[int, int]:
    """A count and the noun after it: "25家基层医疗卫生机构", "共派出9名骨干",
    "至少配备2名公共卫生医师", "每个行政村都有1个村卫生站"."""
    s0 = qs - q.start
    start = qs
    if per is not None:
        start = s0 + per.start if cmp_start is None else min(cmp_start, s0 + per.start)
    elif cmp_start is not None:
        start = cmp_start
    else:
        words = [w for w in find_comparator_words(text[lo:qe], (qs - lo, qe - lo))
                 if w.comparator is not None and w.position == "before"]
        verb = lex["span_verb_rx"].search(text, lo, qs)
        if words:
            start = lo + min(w.start for w in words)  # "至少配备2名"
        elif verb is not None:
            start = verb.start()  # "共派出9名骨干", "派遣8名专家"
    end = min(np[0], hi)
    if metric and metric[0] < end < metric[1] <= hi:
        end = metric[1]  # "547例病例转诊": the metric runs past the noun
    if label == "TARGET" and (lex["target_after_rx"].match(text, end)
                              or (np[1] and lex["target_after_rx"].search(text, end, hi))):
        end = hi  # "70个县（市、区）基本建成…县域医共体": the level is the verb phrase
    return start, max(end, qe)


def _metric(found: list, s0: int, c0: int, qs: int, c1: int,
            within: int | None = None, unit: str | None = None) -> tuple[int, int, str | None] | None:
    """The metric nearest before the value in ``[c0, qs)``, else the first after it;
    ``within``: only a metric that starts before that offset (inside a counted noun);
    ``unit``: only a metric a value in that unit can measure (not 乡镇卫生院 for "60名")."""
    if unit is not None:
        lex = _lex()
        found = [m for m in found if _fits(m.metric.unit, unit, lex)]
    if within is not None:
        inside = [m for m in found if qs <= s0 + m.start < within and s0 + m.end <= c1]
        return (s0 + inside[0].start, s0 + inside[0].end, inside[0].metric.id) if inside else None
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


def _trim_lead(text: str, start: int, stop: int, lex: dict, keep_region: bool = False) -> int:
    """Skip scope and mood words, a leading list marker, a date and the region that
    opens the clause (the subject: "南澳县2023年利用…"); in a bracketed exception
    ("（遂溪县达到80%左右）") the region is the figure's subject and stays."""
    first = True
    while start < stop:
        m = lex["lead_rx"].match(text, start, stop) or YEAR_LEAD.match(text, start, stop) \
            or MARKER.match(text, start, stop) or SPAN_LEAD.match(text, start, stop)
        if m and m.end() > start:
            start = m.end()
            continue
        if first and not keep_region:
            first = False
            region = _region_span(text[start:min(stop, start + 12)])
            if region and region[0] == 0 and start + region[1] < stop:
                start += region[1]
                continue
        break
    return start


def _value_end(text: str, qe: int, c1: int) -> int:
    tail = re.match(r"(?:以上|以下|以内|左右|及以上|或以上)", text[qe:c1])
    return qe + tail.end() if tail else qe


def _phrase_end(text: str, qe: int, c1: int) -> int:
    m = re.match(r"[^、，。；（）()]*", text[qe:c1])
    return qe + (m.end() if m else 0)


REGION_END = "省市县区镇乡州旗"


def _region_span(text: str) -> tuple[int, int] | None:
    """The first division named in ``text`` as (start, end); the gazetteer is asked only
    when a division's suffix stands in the text (it is slow on many short strings)."""
    from ..regions import find_regions

    if not any(c in REGION_END for c in text):
        return None
    regions = find_regions(text)
    return (regions[0][0], regions[0][1]) if regions else None


def _subject(lead: str) -> str | None:
    from ..regions import find_regions

    regions = find_regions(lead)
    return regions[0][2].name if regions and regions[0][0] == 0 else None


def find_in_doc(text: str, context: DocContext) -> list[Entity]:
    """TARGET/QUOTA/STAT entities; the quantity rides along for the provision builder."""
    out = []
    for f in find_figures(text, context):
        norm = f.quantity.to_dict()
        norm = {k: v for k, v in norm.items() if v is not None}
        if f.metric:
            norm["metric_span"] = [f.metric[0], f.metric[1]]
            norm["metric_id"] = f.metric[2]
        if f.metric_name:
            norm["metric_id"], norm["metric"] = f.metric_name
        if f.subject:
            norm["subject"] = f.subject
        out.append(Entity(label=f.label, text=text[f.start:f.end], start=f.start, end=f.end,
                          normalized=norm))
    # an indicator table's cells: the sentence rules see no metric or time in them
    taken = [(e.start, e.end) for e in out]
    out += [e for e in tables.find_in_doc(text, context)
            if not any(a < e.end and e.start < b for a, b in taken)]
    return out

