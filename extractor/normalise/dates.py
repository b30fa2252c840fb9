"""Dates, deadlines, plan periods and durations as ISO 8601 (ANNOTATION.md, "Dates").

``parse_date`` strips start/deadline markers (到, 至, 前, 起 ...: periods.yaml), then
tries strategies in a configured order and records the one that matched in ``rule``:

- ``plan_period``  "十四五"期末, 十四五时期 → the plan's last (or first) day
- ``absolute``     2022年7月20日, 二〇二四年八月二日, 2024/9/4, 2020年底, 2024年上半年,
                   今年底 (relative years need ``doc_date``)
- ``range``        2020-2021年, 2022—2025年, 2020年1月至6月
- ``relative``     三年内, 用3年时间, 今后五年 (resolved against ``doc_date``)
- ``duration``     19个月 → P19M, 30个工作日 → P30D with ``working_days``
- ``recurring``    每年12月20日前 → "--12-20" with ``recurrence`` P1Y, 每月十日前 → "---10"

What ``value`` holds (docs/annotation-decisions.md, "Normalisers"):

- a start (relation "from": 2019年起) → the first day of what is named;
- a deadline (role "deadline", or relation "by") → the last day: 到2025年 → 2025-12-31;
- a plain date (role "date") → the date at the precision written: "2023" (a year),
  "2023-06" (a month), "2022-07-20", or an ISO interval "2020/2021" for a range.

``start`` and ``end`` always give the first and last day of what was named. Invalid
dates (2023年2月30日, 13月) give a result with ``value`` None and a ``warning``; text
no strategy reads gives None. Nothing raises on bad text.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from ..errors import ConfigError, warning
from ._data import load
from .numbers import normalise_text, numeral_pattern, parse_numeral
from .numbers import tables as numeral_tables

__all__ = ["DateValue", "DateSettings", "parse_date", "parse_duration", "STRATEGIES"]

Role = Literal["deadline", "date"]
ROLES = ("deadline", "date")


@dataclass(frozen=True)
class DateValue:
    """A normalised time. ``value`` is the ISO form the relation points at (see module)."""

    value: str | None
    relation: str | None = None  # "by" | "from" | None
    duration: str | None = None  # ISO 8601 duration: P19M, P3Y
    period: str | None = None  # day | month | part | quarter | half | year | plan | duration
    start: str | None = None
    end: str | None = None
    working_days: bool = False
    rule: str = ""
    text: str = ""
    warning: str | None = None
    recurrence: str | None = None  # ISO 8601 interval of a recurring time: P1Y, P1M

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (all fields; the caller drops the None ones if it likes)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class DateSettings:
    """Options of :func:`parse_date`: the strategies to try, in order."""

    strategies: tuple[str, ...] = ("recurring", "plan_period", "absolute", "range", "relative",
                                   "duration")

    def __post_init__(self) -> None:
        bad = [s for s in self.strategies if s not in STRATEGIES]
        if bad or not self.strategies:
            raise ConfigError(f"date strategies: unknown {bad!r}; accepted: "
                              f"{', '.join(STRATEGIES)}")

    @classmethod
    def resolve(cls, settings: DateSettings | dict[str, Any] | None) -> DateSettings:
        """Settings from None (defaults), a dict of fields, or an instance."""
        if settings is None:
            return _DEFAULT
        if isinstance(settings, cls):
            return settings
        if isinstance(settings, dict):
            known = {f.name for f in fields(cls)}
            extra = set(settings) - known
            if extra:
                raise ConfigError(f"date settings: unknown key(s) {sorted(extra)}; "
                                  f"accepted: {sorted(known)}")
            return cls(**{k: tuple(v) for k, v in settings.items()})
        raise ConfigError(f"date settings: expected None, a dict or DateSettings, "
                          f"got {type(settings).__name__}")


@dataclass
class _Span:
    """A named stretch of calendar: first and last day, precision and natural ISO form."""

    start: date
    end: date
    period: str
    natural: str
    rule: str
    extra: dict[str, Any] = field(default_factory=dict)


class _Invalid(Exception):
    """A date pattern matched but names no real day (2023年2月30日); carries the reason."""


# ---------------------------------------------------------------------------- tables


class _Tables:
    def __init__(self, p: dict[str, list[dict[str, Any]]], hedges: list[str]) -> None:
        self.plans = {r["name"]: (r["start_year"], r["end_year"]) for r in p["plan_periods"]}
        self.plan_suffix = {r["word"]: r["point"] for r in p["plan_suffixes"]}
        self.quotes = "".join(r["char"] for r in p["quotes"])
        self.year_parts = {r["word"]: r for r in p["parts_of_year"]}
        self.month_parts = {r["word"]: r for r in p["parts_of_month"]}
        self.prefix = {r["word"]: r["relation"] for r in p["markers"] if r["position"] == "prefix"}
        self.suffix = {r["word"]: r["relation"] for r in p["markers"] if r["position"] == "suffix"}
        self.units = {r["word"]: r for r in p["duration_units"]}
        self.duration_words = {r["word"]: r["duration"] for r in p["duration_words"]}
        self.rel_years = {r["word"]: int(r["offset"]) for r in p["relative_years"]}
        self.events = [r["word"] for r in p["event_anchors"]]
        self.recurring = {r["word"]: r for r in p["recurring"]}
        self.hedges = sorted(hedges, key=len, reverse=True)
        num = numeral_pattern()
        words = _alt(self.duration_words)
        units = _alt(self.units)
        # a duration: 三年, 19个月, 两年半, 半年 (the number is validated afterwards)
        self.duration = rf"(?:(?P<n>{num})(?P<u>{units})(?P<half>半)?|(?P<w>{words}))"
        self.duration_rx = re.compile(self.duration)
        self.relative: list[tuple[re.Pattern[str], str, str | None]] = []
        for r in sorted(p["relative_patterns"], key=lambda r: -len(r["pattern"])):
            lit = [re.escape(x) for x in r["pattern"].split("{d}")]
            self.relative.append((re.compile(self.duration.join(lit)), r["direction"],
                                  r["relation"]))
        cn_digits = "".join(numeral_tables().digits)
        self.year_digits = re.compile(rf"(?:\d|[{cn_digits}]){{4}}")
        self.number = re.compile(num)
        self.range_seps = numeral_tables().range_seps
        # month and day numbers: 6, 06, 十二, 三十一 (not 19个 in 19个月)
        md = rf"(?:\d{{1,2}}|[{cn_digits}十]{{1,3}})"
        # the day's 日 is now and then left out before 前: "11月20前"
        self.month_rx = re.compile(rf"(?P<m>{md})月(?:(?P<d>{md})[日号]?|(?P<part>.+))?")


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    hedges = [r["word"] for r in load("comparators.yaml")["hedges"]]
    return _Tables(load("periods.yaml"), hedges)


# ---------------------------------------------------------------------------- entry


def parse_date(text: str, *, doc_date: date | None = None, role: Role = "deadline",
               settings: DateSettings | dict[str, Any] | None = None) -> DateValue | None:
    """Normalise one time expression; None when no strategy reads it.

    ``role`` "deadline" makes a year alone its last day (到2025年 → 2025-12-31, relation
    "by"); "date" keeps the precision written (2023年 → "2023"). ``doc_date`` anchors
    relative times (三年内) and years named relatively (明年底).
    """
    if role not in ROLES:
        raise ConfigError(f"parse_date: role {role!r}; accepted: {', '.join(ROLES)}")
    cfg = DateSettings.resolve(settings)
    if not isinstance(text, str):
        return None
    s = normalise_text(text)
    if not s:
        return None
    for name in cfg.strategies:
        try:
            out = STRATEGIES[name](s, doc_date, role)
        except _Invalid as e:
            return DateValue(None, rule=f"{name}:invalid", text=text,
                             warning=f"{warning('PX-W05', text=text)} ({e})")
        if out is not None:
            return _replace(out, text=text)
    return None


def parse_duration(text: str) -> DateValue | None:
    """A bare length of time: 19个月 → P19M, 三十日 → P30D; None otherwise."""
    return parse_date(text, settings={"strategies": ("duration",)})


# ---------------------------------------------------------------------------- strategies


def _strip_markers(s: str) -> tuple[str, str | None, str, str]:
    """(core, relation, prefix, suffix): hedges and start/deadline words removed."""
    t = _tables()
    for h in t.hedges:
        if s.startswith(h):
            s = s[len(h):]
            break
    prefix = suffix = ""
    for w in sorted(t.prefix, key=len, reverse=True):
        if s.startswith(w) and len(s) > len(w):
            prefix, s = w, s[len(w):]
            break
    for w in sorted(t.suffix, key=len, reverse=True):
        if s.endswith(w) and len(s) > len(w):
            suffix, s = w, s[: -len(w)]
            break
    relation = t.suffix.get(suffix) or t.prefix.get(prefix)
    return s, relation, prefix, suffix


def _plan_period(s: str, doc_date: date | None, role: Role) -> DateValue | None:
    t = _tables()
    core, relation, _, _ = _strip_markers(s)
    bare = core.strip(t.quotes)
    rest = ""
    name = next((n for n in sorted(t.plans, key=len, reverse=True) if bare.startswith(n)), None)
    if name is None:
        return None
    rest = bare[len(name):].lstrip(t.quotes)
    if rest and rest not in t.plan_suffix:
        return None
    if not rest and bare == core and len(name) < 3:
        return None  # 十五 or 九五 without quotes or a suffix is a number
    point = t.plan_suffix.get(rest, "span")
    y0, y1 = t.plans[name]
    span = _Span(date(y0, 1, 1), date(y1, 12, 31), "plan", f"{y0}/{y1}", f"plan_period:{point}")
    if point == "end":
        span = _Span(span.end, span.end, "plan", span.end.isoformat(), span.rule)
    elif point == "start":
        span = _Span(span.start, span.start, "plan", span.start.isoformat(), span.rule)
    return _finish(span, relation, role)


def _recurring(s: str, doc_date: date | None, role: Role) -> DateValue | None:
    t = _tables()
    word = next((w for w in t.recurring if s.startswith(w)), None)
    if word is None:
        return None
    row = t.recurring[word]
    core, relation, _, _ = _strip_markers(s[len(word):])
    relation = relation or _default_relation(role)
    part = t.month_parts.get(core)
    if row["within"] != "month_day" and part is not None and part["end"] == "last":
        # "每月底前", "每季度末前": the end of each period, no fixed date
        return DateValue(None, relation, period="part", rule="recurring:end",
                         recurrence=row["recurrence"])
    if row["within"] == "end":
        return None
    if row["within"] == "day":
        m = re.fullmatch(r"(.+?)[日号]", core)
        day = _int(m.group(1)) if m else None
        if day is None:
            return None
        if not 1 <= day <= 31:
            raise _Invalid(f"no month has day {day}")
        return DateValue(f"---{day:02d}", relation, period="day", rule="recurring:day",
                         recurrence=row["recurrence"])
    if core[-1:] in t.month_parts and core[:-1] in t.year_parts:
        core = core[:-1]  # "次年第一季度末": the quarter's end is the quarter's value
    # read as after a year (每年12月20日, 每年底, 次年第一季度); 2000 is a leap year: 2月29日 passes
    span = _read_rest(2000, "年" + core, "recurring")
    if span is None or span.period not in ("day", "month", "part", "quarter"):
        return None
    d = span.start if relation == "from" else span.end
    value = f"--{d.month:02d}" if span.period == "month" else f"--{d.month:02d}-{d.day:02d}"
    return DateValue(value, relation, period=span.period, rule=span.rule,
                     recurrence=row["recurrence"])


def _absolute(s: str, doc_date: date | None, role: Role) -> DateValue | None:
    core, relation, _, _ = _strip_markers(s)
    span = _read_absolute(core, doc_date)
    if span is None:
        return None
    if span.extra.get("unanchored"):
        return DateValue(None, relation or _default_relation(role), period=span.period,
                         rule=span.rule)
    return _finish(span, relation, role)


def _range(s: str, doc_date: date | None, role: Role) -> DateValue | None:
    t = _tables()
    core, relation, _, _ = _strip_markers(s)
    for sep in t.range_seps:
        i = core.find(sep)
        while i > 0:
            # each end may keep its own marker: "1998年1月1日以后至2010年12月31日以前" is a
            # window, and its last 以前 no relation of the whole
            left, lrel, _, _ = _strip_markers(core[:i])
            right = _strip_markers(core[i + len(sep):])[0]
            if lrel is not None:
                relation = None
            spans = _read_range(left, right, doc_date)
            if spans is not None:
                a, b = spans
                if b.end < a.start:
                    raise _Invalid("range ends before it starts")
                span = _Span(a.start, b.end, a.period, f"{a.natural}/{b.natural}", "range")
                return _finish(span, relation, role)
            i = core.find(sep, i + 1)
    return None


def _read_range(left: str, right: str, doc_date: date | None) -> tuple[_Span, _Span] | None:
    t = _tables()
    # the right side may give its unit to the left (2020-2021年, 2020年1-6月) and the
    # left its year to the right (2020年1月至6月)
    candidates = [(left, right)]
    unit = right[-1:] if right[-1:] in "年月日" else ""
    if unit and left and left[-1] not in "年月日号":
        candidates.append((left + unit, right))
    ym = re.match(r"(.+?年)", left)
    if ym and "年" not in right:
        # inherited year first: with a doc_date, "6月" alone would take the document's
        candidates = [(lft, ym.group(1) + right) for lft, _ in candidates] + candidates
    for lft, rgt in candidates:
        if not lft or not rgt or not (t.year_digits.match(lft) or t.year_digits.match(rgt)):
            continue
        try:
            a, b = _read_absolute(lft, doc_date), _read_absolute(rgt, doc_date)
        except _Invalid:
            continue
        # a side without a year of its own (6月) is not read against the document here
        if a is not None and b is not None and not (a.extra or b.extra):
            return a, b
    return None


def _relative(s: str, doc_date: date | None, role: Role) -> DateValue | None:
    t = _tables()
    core = s
    for h in t.hedges:
        if core.startswith(h):
            core = core[len(h):]
            break
    for rx, direction, relation in t.relative:
        m = rx.fullmatch(core)
        if not m:
            continue
        dur = _duration_of(m)
        if dur is None:
            continue
        iso, parts, working = dur
        anchored = doc_date is not None and not any(e in s for e in t.events)
        value = start = end = None
        if anchored:
            sign = 1 if direction == "future" else -1
            moved = _shift(doc_date, parts, sign, working)
            if moved is not None:
                value = moved.isoformat()
                lo, hi = sorted((doc_date, moved))
                start, end = lo.isoformat(), hi.isoformat()
        rule = "relative:document" if value else "relative"
        return DateValue(value, relation, iso, "duration", start, end, working, rule)
    return None


def _duration(s: str, doc_date: date | None, role: Role) -> DateValue | None:
    core, relation, _, _ = _strip_markers(s)
    m = _tables().duration_rx.fullmatch(core)
    if not m:
        return None
    dur = _duration_of(m)
    if dur is None:
        return None
    iso, _, working = dur
    return DateValue(None, relation, iso, "duration", working_days=working, rule="duration")


STRATEGIES: dict[str, Callable[[str, date | None, Role], DateValue | None]] = {
    "recurring": _recurring,
    "plan_period": _plan_period,
    "absolute": _absolute,
    "range": _range,
    "relative": _relative,
    "duration": _duration,
}
_DEFAULT = DateSettings()


# ---------------------------------------------------------------------------- reading


def _read_absolute(core: str, doc_date: date | None) -> _Span | None:
    """Read a whole calendar expression; None if it is not one, _Invalid if impossible."""
    iso = _read_iso(core)
    if iso is not None:
        return iso
    t = _tables()
    year: int | None = None
    rest = core
    rule = "absolute"
    m = t.year_digits.match(rest)
    if m and (rest[4:5] == "年"):
        year = _int(m.group(0))
        rest = rest[4:]
    else:
        for word, offset in sorted(t.rel_years.items(), key=lambda kv: -len(kv[0])):
            stem = word[:-1] if word.endswith("年") else word
            if rest.startswith(stem) and rest[len(stem):].startswith("年"):
                rule = "absolute:relative_year"
                year = doc_date.year + offset if doc_date else None
                if doc_date is None:
                    rest = rest[len(stem):]
                    span = _read_rest(2000, rest, rule)  # a leap year, so 2月29日 passes
                    if span is None:
                        return None
                    span.extra["unanchored"] = True
                    return span
                rest = rest[len(stem):]
                break
        else:
            # no year written: 6月底, 上半年; the document's year, when known
            if not rest or rest[0] == "年" and rest not in t.year_parts:
                return None
            rule = "absolute:doc_year"
            span = _read_rest(doc_date.year if doc_date else 2000, rest, rule)
            if span is not None:
                span.extra["doc_year"] = True
                if doc_date is None:
                    span.extra["unanchored"] = True
            return span
    if year is None or not 1000 <= year <= 2999:
        return None
    return _read_rest(year, rest, rule)


def _read_rest(year: int, rest: str, rule: str) -> _Span | None:
    """What follows the year's digits: 年, 年底, 年上半年, 年6月, 年6月20日, 年6月底 ..."""
    t = _tables()
    if rest in t.year_parts:  # 年底, 年末, 年中, 年初, 年度
        return _year_part(year, t.year_parts[rest], rule)
    if rest.startswith("年"):
        rest = rest[1:]
        if not rest:
            return _Span(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}",
                         f"{rule}:year")
        if rest in t.year_parts:
            return _year_part(year, t.year_parts[rest], rule)
    m = t.month_rx.fullmatch(rest)
    if not m:
        return None
    month = _int(m.group("m"))
    if month is None:
        return None
    if not 1 <= month <= 12:
        raise _Invalid(f"month {month} does not exist")
    last = calendar.monthrange(year, month)[1]
    if m.group("d"):
        day = _int(m.group("d"))
        if day is None:
            return None
        if not 1 <= day <= last:
            raise _Invalid(f"{year}-{month:02d} has no day {day}")
        d = date(year, month, day)
        return _Span(d, d, "day", d.isoformat(), f"{rule}:day")
    if m.group("part"):
        part = t.month_parts.get(m.group("part"))
        if part is None:
            return None
        a = last if part["start"] == "last" else int(part["start"])
        b = last if part["end"] == "last" else int(part["end"])
        d0, d1 = date(year, month, a), date(year, month, b)
        natural = d1.isoformat() if d0 == d1 else f"{d0.isoformat()}/{d1.isoformat()}"
        return _Span(d0, d1, "part", natural, f"{rule}:month_part")
    return _Span(date(year, month, 1), date(year, month, last), "month", f"{year:04d}-{month:02d}",
                 f"{rule}:month")


def _year_part(year: int, part: dict[str, Any], rule: str) -> _Span:
    d0 = date.fromisoformat(f"{year:04d}-{part['start']}")
    d1 = date.fromisoformat(f"{year:04d}-{part['end']}")
    if part["period"] == "year":
        natural = f"{year:04d}"
    else:
        natural = d1.isoformat() if d0 == d1 else f"{d0.isoformat()}/{d1.isoformat()}"
    return _Span(d0, d1, part["period"], natural, f"{rule}:{part['period']}")


_ISO = re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?:(?P=s)(?P<d>\d{1,2}))?")


def _read_iso(core: str) -> _Span | None:
    m = _ISO.fullmatch(core)
    if not m or (m.group("s") == "." and not m.group("d")):
        return None  # 2024.9 is more likely a number than September 2024
    y, mo = int(m.group("y")), int(m.group("m"))
    if not 1 <= mo <= 12:
        raise _Invalid(f"month {mo} does not exist")
    last = calendar.monthrange(y, mo)[1]
    if m.group("d") is None:
        return _Span(date(y, mo, 1), date(y, mo, last), "month", f"{y:04d}-{mo:02d}",
                     "absolute:iso_month")
    d = int(m.group("d"))
    if not 1 <= d <= last:
        raise _Invalid(f"{y}-{mo:02d} has no day {d}")
    return _Span(date(y, mo, d), date(y, mo, d), "day", date(y, mo, d).isoformat(),
                 "absolute:iso")


def _int(s: str) -> int | None:
    n = parse_numeral(s)
    if n is None or n.unit is not None or n.value != n.value.to_integral_value():
        return None
    return int(n.value)


def _duration_of(m: re.Match[str]) -> tuple[str, dict[str, Decimal], bool] | None:
    """(ISO duration, parts by designator, working days?) from a duration match."""
    t = _tables()
    if m.group("w"):
        iso = t.duration_words[m.group("w")]
        return iso, _parse_iso_duration(iso), False
    n = parse_numeral(m.group("n"))
    if n is None or n.unit is not None or n.value <= 0:
        return None
    unit = t.units[m.group("u")]
    # a four-digit number before 年 is a year (2023年), not 2023 years
    if unit["iso"] == "Y" and (n.rule == "digits" or n.value >= 1000):
        return None
    parts = {unit["iso"]: n.value * int(unit["factor"])}
    if m.group("half"):
        if unit["iso"] != "Y":
            return None
        parts["M"] = Decimal(6)  # 两年半: half a year is six months
    return _format_duration(parts), parts, bool(unit["working"])


def _format_duration(parts: dict[str, Decimal]) -> str:
    def num(v: Decimal) -> str:
        return format(v.normalize(), "f")

    date_part = "".join(f"{num(parts[k])}{k}" for k in ("Y", "M", "W", "D") if k in parts)
    time_part = "".join(f"{num(parts[k])}{'M' if k == 'MIN' else k}" for k in ("H", "MIN")
                        if k in parts)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _parse_iso_duration(iso: str) -> dict[str, Decimal]:
    date_part = iso[1:].split("T")[0]
    return {k: Decimal(v) for v, k in re.findall(r"(\d+(?:\.\d+)?)([YMWD])", date_part)}


def _shift(d: date, parts: dict[str, Decimal], sign: int, working: bool) -> date | None:
    """``d`` moved by a duration; None when it has hours or fractions (no calendar day)."""
    if any(k in parts for k in ("H", "MIN")):
        return None
    if any(v != v.to_integral_value() for v in parts.values()):
        return None
    months = int(parts.get("Y", 0)) * 12 + int(parts.get("M", 0))
    y, m = divmod(d.month - 1 + sign * months, 12)
    year, month = d.year + y, m + 1
    if not 1 <= year <= 9999:
        return None
    out = date(year, month, min(d.day, calendar.monthrange(year, month)[1]))
    days = int(parts.get("W", 0)) * 7 + int(parts.get("D", 0))
    if working:
        # working days: Monday to Friday; public holidays are not known here
        step = timedelta(days=sign)
        while days:
            out += step
            if out.weekday() < 5:
                days -= 1
        return out
    return out + timedelta(days=sign * days)


# ---------------------------------------------------------------------------- results


def _default_relation(role: Role) -> str | None:
    return "by" if role == "deadline" else None


def _finish(span: _Span, relation: str | None, role: Role) -> DateValue:
    relation = relation or _default_relation(role)
    if relation == "from":
        value = span.start.isoformat()
    elif relation == "by" or role == "deadline":
        value = span.end.isoformat()
    else:
        value = span.natural
    return DateValue(value, relation, None, span.period, span.start.isoformat(),
                     span.end.isoformat(), False, span.rule)


def _replace(v: DateValue, **changes: Any) -> DateValue:
    return DateValue(**{**v.to_dict(), **changes})
