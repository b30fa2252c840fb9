"""Amounts of money: 6.03亿元 → 603000000 yuan, exactly (Decimal).

``normalized.yuan`` (ANNOTATION.md) is set for amounts in 元/人民币. Foreign currencies
(2.5亿美元) keep their ``amount`` and ISO ``currency``; ``yuan`` stays None because no
exchange rate is known here. A range (五千元以上五万元以下, 1-2万元) fills ``yuan_max``.
Comparator words around a single amount (约2000万元, 2000万元以上) are read with
comparators.py. Currency words are in ``extractor/data/units.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ._data import load
from .comparators import parse_comparator
from .numbers import normalise_text, numeral_pattern, parse_numeral, tables, to_float

__all__ = ["Money", "parse_money"]


@dataclass(frozen=True)
class Money:
    """An amount of money. ``yuan``/``yuan_max`` only for CNY; ``amount`` always."""

    amount: Decimal
    currency: str = "CNY"
    amount_max: Decimal | None = None
    comparator: str | None = None
    qualifier: str | None = None
    rule: str = "amount"
    text: str = ""
    warning: str | None = None

    @property
    def yuan(self) -> Decimal | None:
        return self.amount if self.currency == "CNY" else None

    @property
    def yuan_max(self) -> Decimal | None:
        return self.amount_max if self.currency == "CNY" else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready ``normalized`` for a MONEY entity (floats made here, exactly)."""
        out: dict[str, Any] = {"yuan": to_float(self.yuan), "currency": self.currency,
                               "amount": to_float(self.amount)}
        if self.amount_max is not None:
            out["yuan_max"] = to_float(self.yuan_max)
            out["amount_max"] = to_float(self.amount_max)
        for key in ("comparator", "qualifier", "warning"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["rule"] = self.rule
        return out


@dataclass(frozen=True)
class _Amount:
    value: Decimal
    currency: str | None
    numeral: str
    start: int  # of the numeral, in the normalised text
    end: int
    stop: int  # end of the currency word


class _Tables:
    def __init__(self, units: dict[str, list[dict[str, Any]]]) -> None:
        self.currencies = {r["word"]: r["code"] for r in units["currencies"]}
        words = sorted(self.currencies, key=len, reverse=True)
        alt = "|".join(re.escape(w) for w in words)
        num = numeral_pattern()
        nt = tables()
        mult = re.escape("".join(nt.small) + "".join(nt.big))
        cmp = load("comparators.yaml")
        between = "|".join(re.escape(r["word"]) for r in cmp["words"]
                           if r["position"] == "between")
        # 人民币 may stand before the number (人民币5000元); 多/余 may split the number
        # from its multiplier (5000多万元: more than 50 million)
        self.amount = re.compile(rf"(?:(?P<pre>人民币))?(?P<n>{num})"
                                 rf"(?:(?P<btw>{between})(?P<mult>[{mult}]*))?(?P<cur>{alt})?")
        seps = "|".join(re.escape(s) for s in tables().range_seps)
        self.sep = re.compile(rf"(?:以上)?(?:{seps})")


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables(load("units.yaml"))


def parse_money(text: str) -> Money | None:
    """Read one amount (or a range of two) from a MONEY span; None if there is none.

    >>> parse_money("6.03亿元").yuan
    Decimal('603000000')
    """
    if not isinstance(text, str):
        return None
    s = normalise_text(text)
    if not s:
        return None
    amounts = _amounts(s)
    priced = [a for a in amounts if a.currency is not None]
    if not priced:
        return None
    rng = _range(s, amounts)
    if rng is not None:
        lo, hi = rng
        return Money(lo.value, hi.currency or "CNY", hi.value, rule="range", text=text)
    a = priced[0]
    comparator, qualifier = parse_comparator(s, (a.start, a.end))
    warn = None
    if len(priced) > 1:
        warn = f"{len(priced)} amounts in the span; the first is read"
    return Money(a.value, a.currency or "CNY", None, comparator, qualifier, "amount", text, warn)


def _amounts(s: str) -> list[_Amount]:
    t = _tables()
    t_num = tables()
    out = []
    for m in t.amount.finditer(s):
        numeral = m.group("n") + (m.group("mult") or "")
        # a bare multiplier is not an amount: 亿元 in 数亿元, 千元 in 每千元
        if not any(c.isdigit() or c in t_num.digits or c == "十" for c in numeral):
            continue
        n = parse_numeral(numeral)
        if n is None or n.unit is not None:
            continue
        cur = m.group("cur")
        code = t.currencies[cur] if cur else ("CNY" if m.group("pre") else None)
        out.append(_Amount(n.value, code, numeral, m.start("n"), m.end("n"), m.end()))
    return out


def _range(s: str, amounts: list[_Amount]) -> tuple[_Amount, _Amount] | None:
    """Two amounts joined by a range separator (1-2万元, 5000元至1万元) or 以上…以下."""
    if len(amounts) != 2:
        return None
    a, b = amounts
    between = s[a.stop:b.start]
    joined = _tables().sep.fullmatch(between) is not None
    if not joined and not (between == "以上" and s[b.stop:].startswith("以下")):
        return None
    if b.currency is None:
        return None
    if a.currency is None:
        a = _inherit(a, b)
    if a.value > b.value:
        return None
    return a, b


def _inherit(a: _Amount, b: _Amount) -> _Amount:
    """1-2万元: the left number takes the right one's multiplier when that makes sense."""
    t = tables()
    if any(c in t.big or c in t.small for c in a.numeral):
        return _Amount(a.value, b.currency, a.numeral, a.start, a.end, a.stop)
    tail = re.search(rf"[{re.escape(''.join(t.small) + ''.join(t.big))}]+$", b.numeral)
    if tail:
        mult = parse_numeral("1" + tail.group(0))
        if mult is not None and a.value * mult.value <= b.value:
            return _Amount(a.value * mult.value, b.currency, a.numeral + tail.group(0),
                           a.start, a.end, a.stop)
    return _Amount(a.value, b.currency, a.numeral, a.start, a.end, a.stop)
