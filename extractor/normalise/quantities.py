"""Quantities in targets and quotas: value, unit, per-base, comparator, range, ratio.

``parse_quantity("每千人口床位数达到7.5张")`` → value 7.5, unit 张, per {1000, 人}, "=".
Units are simplified with ``extractor/data/units.yaml`` (个百分点 → pp, 周岁 → 岁);
per-bases (每千人口, 每3万人, 每百张床位, 每个乡镇) are read with the same file.

Choices (docs/annotation-decisions.md, "Normalisers"):

- ``per.unit`` names what the base counts: people words → 人, bed words → 床, other
  nouns as written (每个乡镇 → {1, 乡镇}); a rate per time (每年) is a per-base too but
  a population base outranks it.
- A span with several values gives the last one that has a unit (由55.5%提升到60.5% →
  60.5), with a ``warning``; :func:`find_quantities` gives them all.
- A ratio 1∶1.25 has ``value`` b/a (1.25), unit "ratio", ``ratio`` (1, 1.25); a
  fraction in words 三分之一 has value 1/3, unit "fraction", ``ratio`` (1, 3).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..errors import warning as coded_warning
from ._data import load
from .comparators import parse_comparator
from .numbers import normalise_mapped, numeral_pattern, parse_numeral, tables, to_float

__all__ = ["PerBase", "Quantity", "parse_quantity", "find_quantities", "find_per_bases"]

# a per-base reaches to the end of its sentence (每万人口…达到0.4人，注册不低于0.87人);
# a share (%, pp, ratio) is per-capita only inside the base's own clause
_SENTENCE_END = set("；;。！？!?\n")
_CLAUSE_END = _SENTENCE_END | set("，,")
_SHARES = {"%", "‰", "‱", "pp", "ratio", "fraction"}


@dataclass(frozen=True)
class PerBase:
    """The base of a per-capita value: 每3万人 → value 30000, unit 人."""

    value: Decimal
    unit: str | None
    value_max: Decimal | None = None
    kind: str | None = None  # people, beds, place, institution, time ... (units.yaml)
    text: str = ""
    start: int = 0  # offsets into the text given to the finder
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": to_float(self.value), "unit": self.unit}
        if self.value_max is not None:
            out["value_max"] = to_float(self.value_max)
        return out


@dataclass(frozen=True)
class Quantity:
    """A value as a TARGET or QUOTA carries it (ANNOTATION.md, "Normal forms")."""

    value: Decimal | None
    unit: str | None = None
    value_max: Decimal | None = None
    per: PerBase | None = None
    comparator: str | None = None
    qualifier: str | None = None
    ratio: tuple[Decimal, Decimal] | None = None
    unit_text: str | None = None  # the unit word as written (张床位, 个百分点)
    rule: str = ""
    text: str = ""
    start: int = 0  # the value's span in the text given (number through unit)
    end: int = 0
    warning: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: Decimals become floats here, exactly."""
        return {
            "value": to_float(self.value),
            "value_max": to_float(self.value_max),
            "unit": self.unit,
            "per": self.per.to_dict() if self.per else None,
            "comparator": self.comparator,
            "qualifier": self.qualifier,
            "ratio": [to_float(x) for x in self.ratio] if self.ratio else None,
            "warning": self.warning,
        }


class _Tables:
    def __init__(self, units: dict[str, list[dict[str, Any]]]) -> None:
        self.units = {r["word"]: r for r in units["units"]}
        self.per_measure = sorted((r["word"] for r in units["per_measure_words"]),
                                  key=len, reverse=True)
        self.bases = {r["word"]: r for r in units["per_bases"]}
        nt = tables()
        num = numeral_pattern()
        seps = _alt(nt.range_seps)
        marks = _alt(nt.ratio_marks)
        fracs = _alt(r["marker"] for r in nt.fractions)
        cmp = load("comparators.yaml")
        between = _alt(r["word"] for r in cmp["words"] if r["position"] == "between")
        unit_alt = _alt(self.units)
        self.unit_rx = re.compile(rf"(?P<btw>{between})?(?P<unit>{unit_alt})")
        self.per_rx = re.compile(rf"每(?P<n>{num})?(?:(?:{seps})(?P<n2>{num}))?")
        self.slash_rx = re.compile(rf"/(?P<n>{num})?")
        self.ratio_rx = re.compile(rf"(?P<a>{num})(?:{marks})(?P<b>{num})")
        self.frac_rx = re.compile(rf"(?:{num})?(?:{fracs})(?:{num})")
        self.num_rx = re.compile(num)
        self.sep_rx = re.compile(rf"(?:{seps})")


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables(load("units.yaml"))


# ---------------------------------------------------------------------------- per-bases


def find_per_bases(text: str) -> list[PerBase]:
    """Every per-base in ``text``, in order: "城市地区每 3 万人、农村地区每 5 万人" gives two.

    Offsets refer to ``text`` as given.
    """
    if not isinstance(text, str) or not text:
        return []
    s, index = normalise_mapped(text)
    return [_orig(b, text, index) for b in _per_bases(s)]


def _per_bases(s: str) -> list[PerBase]:
    t = _tables()
    out = []
    for m in t.per_rx.finditer(s):
        base = _read_base(s, m.end())
        if base is None:
            continue
        noun_end, unit, kind = base
        value, value_max = Decimal(1), None
        if m.group("n"):
            n = parse_numeral(m.group("n"))
            if n is None or n.unit is not None:
                continue
            value = n.value
        if m.group("n2"):
            n2 = parse_numeral(m.group("n2"))
            if n2 is None or n2.value <= value:
                continue
            value_max = n2.value
        out.append(PerBase(value, unit, value_max, kind, s[m.start():noun_end], m.start(),
                           noun_end))
    return out


def _read_base(s: str, i: int) -> tuple[int, str | None, str | None] | None:
    """(end, unit, kind) of the base noun at ``i``: measure word + noun, noun, or measure."""
    t = _tables()
    for mw in t.per_measure:
        if s.startswith(mw, i):
            noun = _longest(s, i + len(mw), t.bases)
            if noun:
                row = t.bases[noun]
                return i + len(mw) + len(noun), row["unit"], row["kind"]
    noun = _longest(s, i, t.bases)
    if noun:
        return i + len(noun), t.bases[noun]["unit"], t.bases[noun]["kind"]
    for mw in t.per_measure:
        if s.startswith(mw, i):
            # 每名 / 每个 before an unknown noun: the measure word is all we know;
            # 名/位 count people.
            unit = "人" if mw in ("名", "位") else None
            return i + len(mw), unit, "people" if unit else None
    return None


def _longest(s: str, i: int, words: dict[str, Any]) -> str | None:
    best = None
    for w in words:
        if s.startswith(w, i) and (best is None or len(w) > len(best)):
            best = w
    return best


# ---------------------------------------------------------------------------- values


def find_quantities(text: str) -> list[Quantity]:
    """Every value in ``text`` with its unit, comparator and nearest per-base, in order."""
    if not isinstance(text, str) or not text:
        return []
    s, index = normalise_mapped(text)
    bases = _per_bases(s)
    return [_orig(q, text, index) for q in _values(s, bases)]


def parse_quantity(text: str) -> Quantity | None:
    """The value of a TARGET/QUOTA span; None when the span holds no number.

    Several values: the last one with a unit is read and ``warning`` says so. A
    malformed number (12.3.4%) gives a Quantity with value None and a warning.
    """
    if not isinstance(text, str) or not text:
        return None
    s, index = normalise_mapped(text)
    if not s:
        return None
    bases = _per_bases(s)
    values = _values(s, bases)
    if not values:
        bad = _malformed(s, bases)
        if bad is None:
            return None
        numeral, unit, a, b = bad
        return _orig(Quantity(None, unit, rule="malformed", text=text, start=a, end=b,
                              warning=coded_warning("PX-W05", text=text)), text, index)
    with_unit = [q for q in values if q.unit is not None]
    q = (with_unit or values)[-1]
    notes = []
    if len(values) > 1:
        notes.append(f"{len(values)} values in the span; the last"
                     f"{' with a unit' if with_unit else ''} is read")
    people = [b for b in _governing(s, q, bases) if b.kind != "time"]
    if len(people) > 1:
        notes.append(f"{len(people)} per-bases before the value; the nearest is read")
    q = _with(q, text=text, warning="; ".join(notes) or None)
    return _orig(q, text, index)


def _values(s: str, bases: list[PerBase]) -> list[Quantity]:
    t = _tables()
    taken = [(b.start, b.end) for b in bases]
    out: list[Quantity] = []

    for m in t.ratio_rx.finditer(s):
        a, b = parse_numeral(m.group("a")), parse_numeral(m.group("b"))
        if a is None or b is None or a.value == 0 or a.unit or b.unit:
            continue
        out.append(Quantity(b.value / a.value, "ratio", ratio=(a.value, b.value), rule="ratio",
                            start=m.start(), end=m.end()))
        taken.append((m.start(), m.end()))

    for m in t.frac_rx.finditer(s):
        if _overlaps(m.start(), m.end(), taken):
            continue
        n = parse_numeral(m.group(0))
        if n is None:
            continue
        unit = n.unit or "fraction"
        out.append(Quantity(n.value, unit, ratio=n.fraction, unit_text=m.group(0),
                            rule=n.rule, start=m.start(), end=m.end()))
        taken.append((m.start(), m.end()))

    for m in t.num_rx.finditer(s):
        if _overlaps(m.start(), m.end(), taken):
            continue
        q = _value_at(s, m)
        if q is None:
            continue
        out.append(q)
        taken.append((q.start, q.end))

    out.sort(key=lambda q: q.start)
    return _bounded_ranges(s, [_attach(s, q, bases) for q in out])


def _bounded_ranges(s: str, values: list[Quantity]) -> list[Quantity]:
    """"五千元以上五万元以下", "百分之十以上百分之三十以下": a lower and an upper bound in a
    row are one range (value, value_max), bounded by both words."""
    out: list[Quantity] = []
    for q in values:
        prev = out[-1] if out else None
        if (prev is not None and prev.value_max is None and prev.comparator == ">="
                and q.comparator == "<=" and q.value_max is None and prev.unit == q.unit
                and prev.value is not None and q.value is not None and q.value > prev.value
                and s[prev.end:q.start] == prev.qualifier and s[q.end:].startswith(q.qualifier or "")):
            out[-1] = _with(prev, value_max=q.value, end=q.end, rule="range", comparator=None,
                            qualifier=f"{prev.qualifier}…{q.qualifier}")
            continue
        out.append(q)
    return out


def _value_at(s: str, m: re.Match[str]) -> Quantity | None:
    """The value whose number is ``m``: unit, range partner and all; None if it is not one."""
    t = _tables()
    start, end = m.start(), m.end()
    n, end = _read_number(s, start, end)
    numeral = s[start:end]
    if n is None or not _countable(numeral):
        return None
    if s[start - 1:start] == "第":
        return None  # 第一, 第3: ordinals
    nxt = s[end:end + 1]
    if nxt in ("月", "日", "号") or (nxt == "年" and (n.value >= 1000 or n.rule == "digits")):
        return None  # dates are dates.py's
    unit, unit_text, stop = _unit_after(s, end)
    value_max = None
    rule = n.rule
    # a range: 80%—85%, 3-5项, 5至10家
    sep = t.sep_rx.match(s, stop)
    if sep:
        m2 = t.num_rx.match(s, sep.end())
        n2 = parse_numeral(m2.group(0)) if m2 else None
        if m2 and n2 is not None and n2.value > n.value and _countable(m2.group(0)):
            unit2, unit_text2, stop2 = _unit_after(s, m2.end())
            nxt2 = s[m2.end():m2.end() + 1]
            if nxt2 not in ("年", "月", "日", "号") and (unit is None or unit2 in (None, unit)):
                value_max, stop = n2.value, stop2
                unit, unit_text = unit or unit2, unit_text or unit_text2
                rule = "range"
    if unit is None and n.unit is None and not any(c.isdigit() for c in numeral):
        return None  # a Chinese numeral needs its measure word (一是, 统一, 一体化)
    return Quantity(n.value, unit or n.unit, value_max, unit_text=unit_text, rule=rule,
                    start=start, end=stop)


def _read_number(s: str, start: int, end: int) -> tuple[Any, int]:
    """The number at s[start:end], backing off when its tail is a unit: 三十千克 → 三十."""
    t = _tables()
    # unit words that begin with a numeral character (千克, 千米, 百分点) win over the
    # multiplier reading: 5千克 is 5 公斤, not 5000 克
    for cut in range(start + 1, end):
        u = t.unit_rx.match(s, cut)
        if u and not u.group("btw") and u.group("unit")[0] in tables().chars:
            n = parse_numeral(s[start:cut])
            if n is not None:
                return n, cut
    n = parse_numeral(s[start:end])
    if n is not None:
        return n, end
    for cut in range(end - 1, start, -1):
        if _tables().unit_rx.match(s, cut):
            n = parse_numeral(s[start:cut])
            if n is not None:
                return n, cut
    return None, end


def _unit_after(s: str, i: int) -> tuple[str | None, str | None, int]:
    m = _tables().unit_rx.match(s, i)
    if not m:
        return None, None, i
    row = _tables().units[m.group("unit")]
    return row["unit"], m.group("unit"), m.end()


def _countable(numeral: str) -> bool:
    # 万 or 千 alone (万人, 千元) is a multiplier, not a count
    nt = tables()
    return any(c.isdigit() or c in nt.digits or c == "十" for c in numeral)


def _attach(s: str, q: Quantity, bases: list[PerBase]) -> Quantity:
    """Add the comparator and the per-base that govern ``q``."""
    m = _tables().num_rx.match(s, q.start)
    # 百分之一点二: a fraction word's value ends with the span (百 is no number of its own)
    num_end = q.start + len(m.group(0)) if m and not _tables().frac_rx.match(s, q.start) \
        else q.end
    # a range is qualified as a whole: 不低于…90%—95%, 80%—85%左右
    comparator, qualifier = parse_comparator(s, (q.start, q.end if q.value_max is not None
                                                 else num_end))
    per = _slash_base(s, q.end) or _nearest_base(s, q, bases)
    return _with(q, comparator=comparator, qualifier=qualifier, per=per)


def _slash_base(s: str, i: int) -> PerBase | None:
    """500元/人, 2张/千人: a per-base after a slash."""
    m = _tables().slash_rx.match(s, i)
    if not m:
        return None
    base = _read_base(s, m.end())
    if base is None:
        return None
    value = Decimal(1)
    if m.group("n"):
        n = parse_numeral(m.group("n"))
        if n is None:
            return None
        value = n.value
    return PerBase(value, base[1], None, base[2], s[m.start():base[0]], m.start(), base[0])


def _governing(s: str, q: Quantity, bases: list[PerBase]) -> list[PerBase]:
    """The per-bases before ``q`` that reach it (see _SENTENCE_END)."""
    stop = _CLAUSE_END if q.unit in _SHARES else _SENTENCE_END
    return [b for b in bases if b.end <= q.start and not set(s[b.end:q.start]) & stop]


def _nearest_base(s: str, q: Quantity, bases: list[PerBase]) -> PerBase | None:
    before = _governing(s, q, bases)
    people = [b for b in before if b.kind != "time"]
    pool = people or before
    return pool[-1] if pool else None


def _malformed(s: str, bases: list[PerBase]) -> tuple[str, str | None, int, int] | None:
    """A numeral that does not read (12.3.4%): (numeral, unit after it, start, end)."""
    taken = [(b.start, b.end) for b in bases]
    for m in _tables().num_rx.finditer(s):
        if _overlaps(m.start(), m.end(), taken):
            continue
        if parse_numeral(m.group(0)) is None and any(c.isdigit() for c in m.group(0)):
            unit, _, stop = _unit_after(s, m.end())
            return m.group(0), unit, m.start(), stop
    return None


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(x < b and a < y for x, y in spans)


def _with(q: Any, **changes: Any) -> Any:
    return type(q)(**{**q.__dict__, **changes})


def _orig(item: Any, text: str, index: list[int]) -> Any:
    """Map an item's offsets (normalised text) back to ``text``; same for its per-base."""
    def span(a: int, b: int) -> tuple[int, int]:
        if not index or a >= len(index):
            return len(text), len(text)
        return index[a], index[b - 1] + 1 if b > a else index[a]

    changes: dict[str, Any] = {}
    a, b = span(item.start, item.end)
    changes.update(start=a, end=b)
    if isinstance(item, PerBase) or not item.text:
        changes["text"] = text[a:b]
    if isinstance(item, Quantity) and item.per is not None:
        changes["per"] = _orig(item.per, text, index)
    return _with(item, **changes)
