"""MONEY spans: an amount with its currency word (6.03亿元, 约2000万元, 五千元以上五万元以下)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Entity
from ..normalise._data import load as load_norm
from ..normalise.money import parse_money
from ..normalise.numbers import numeral_pattern
from .context import DocContext
from .lexicon import alternation

HEDGES = ["大约", "约", "近", "逾", "超过", "不少于", "不低于", "不超过", "共计", "合计", "总计", "达"]
TAIL = ["以上", "以下", "以内", "左右", "余"]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    currencies = [r["word"] for r in load_norm("units.yaml")["currencies"] if r["word"] != "人民币"]
    num = numeral_pattern()
    amount = rf"{num}(?:[万亿千百]|万亿)?(?:多|余)?(?:{alternation(currencies)})"
    return re.compile(
        rf"(?:(?:{alternation(HEDGES)}))?(?:人民币)?{amount}"
        rf"(?:(?:{alternation(TAIL)})?(?:[-—–~～至到]|以上|以下){amount})?"
        rf"(?:{alternation(TAIL)})?"
    )


def find_money(text: str, context: DocContext | None = None) -> list[Entity]:
    """Every amount of money in ``text`` whose value can be read."""
    out = []
    for m in _pattern().finditer(text):
        start = m.start()
        span = m.group(0)
        # the hedge "达" belongs to a verb (达到), not to the amount
        if span.startswith("达"):
            start += 1
            span = span[1:]
        money = parse_money(span)
        if money is None or money.amount is None:
            continue
        out.append(Entity(label="MONEY", text=span, start=start, end=m.end(),
                          normalized={k: v for k, v in money.to_dict().items() if v is not None}))
    return out


def find_in_doc(text: str, context: DocContext) -> list[Entity]:
    return find_money(text, context)
