"""MONEY spans: an amount with its currency word (6.03亿元, 约2000万元, 五千元以上五万元以下).

The comparator words around an amount (不超过, 以上) are read into ``normalized`` but
left out of the span, which holds the amount and its approximation words (units.yaml
``money_words``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Entity
from ..normalise._data import load as load_norm
from ..normalise.money import parse_money
from ..normalise.numbers import numeral_pattern
from .context import DocContext
from .lexicon import alternation


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    units = load_norm("units.yaml")
    words = units["money_words"]
    currencies = [r["word"] for r in units["currencies"] if r["word"] != "人民币"]
    num = numeral_pattern()
    mult = r"(?:[万亿千百]|万亿)?(?:多|余)?"
    amount = rf"{num}(?:多|余)?{mult}(?:{alternation(currencies)})"
    to = r"[-—–~～至到]"
    after = alternation(words["approx_after"] + words["compare_after"])
    # a range keeps its joining words: 1-2万元, 五千元以上五万元以下
    span = (rf"(?:{num}{mult}{to}{amount}"
            rf"|{amount}(?:(?:{after})?(?:{to}|以上|以下){amount}(?:以下|以内)?)?)")
    return re.compile(
        rf"(?P<cmp_before>{alternation(words['compare_before'])})?"
        rf"(?P<amount>(?:{alternation(words['approx_before'])})?(?:人民币)?{span}"
        rf"(?:{alternation(words['approx_after'])})?)"
        rf"(?P<cmp_after>{alternation(words['compare_after'])})?"
    )


def find_money(text: str, context: DocContext | None = None) -> list[Entity]:
    """Every amount of money in ``text`` whose value can be read."""
    out = []
    for m in _pattern().finditer(text):
        money = parse_money(m.group(0))
        if money is None or money.amount is None:
            continue
        start, end = m.span("amount")
        out.append(Entity(label="MONEY", text=text[start:end], start=start, end=end,
                          normalized={k: v for k, v in money.to_dict().items() if v is not None}))
    return out


def find_in_doc(text: str, context: DocContext) -> list[Entity]:
    return find_money(text, context)
