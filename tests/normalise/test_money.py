"""parse_money: yuan as exact Decimal, currencies, ranges, comparators; the corpus."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.normalise.money import parse_money
from extractor.normalise.numbers import parse_number

D = Decimal
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# (text, amount, currency, amount_max, comparator, qualifier)
MONEY = [
    ("6.03亿元", D(603000000), "CNY", None, None, None),
    ("约2000万元", D(20000000), "CNY", None, "~", "约"),
    ("1114.15万元", D(11141500), "CNY", None, None, None),
    ("五千元", D(5000), "CNY", None, None, None),
    ("两千元", D(2000), "CNY", None, None, None),
    ("十万元", D(100000), "CNY", None, None, None),
    ("四千五百元", D(4500), "CNY", None, None, None),
    ("16.4亿元", D(1640000000), "CNY", None, None, None),
    ("1.19亿元", D(119000000), "CNY", None, None, None),
    ("3千元", D(3000), "CNY", None, None, None),
    ("500元", D(500), "CNY", None, None, None),
    ("1,234.5万元", D(12345000), "CNY", None, None, None),
    ("人民币5000元", D(5000), "CNY", None, None, None),
    ("100万元人民币", D(1000000), "CNY", None, None, None),
    ("2.5亿美元", D(250000000), "USD", None, None, None),
    ("100万欧元", D(1000000), "EUR", None, None, None),
    ("2000万元以上", D(20000000), "CNY", None, ">=", "以上"),
    ("不超过50万元", D(500000), "CNY", None, "<=", "不超过"),
    ("最高5000元", D(5000), "CNY", None, "<=", "最高"),
    ("3 000元", D(3000), "CNY", None, None, None),
    ("5000多万元", D(50000000), "CNY", None, ">", "多"),
    ("20余万元", D(200000), "CNY", None, ">", "余"),
    ("逾5000元", D(5000), "CNY", None, ">", "逾"),
    # ranges
    ("五千元以上五万元以下", D(5000), "CNY", D(50000), None, None),
    ("1-2万元", D(10000), "CNY", D(20000), None, None),
    ("5000-2万元", D(5000), "CNY", D(20000), None, None),
    ("5000元至1万元", D(5000), "CNY", D(10000), None, None),
    ("1万至5万元", D(10000), "CNY", D(50000), None, None),
]


@pytest.mark.parametrize(("text", "amount", "currency", "amount_max", "cmp", "qual"), MONEY)
def test_parse_money(text: str, amount: Decimal, currency: str, amount_max: Decimal | None,
                     cmp: str | None, qual: str | None) -> None:
    m = parse_money(text)
    assert m is not None
    assert (m.amount, m.currency, m.amount_max, m.comparator, m.qualifier) == (
        amount, currency, amount_max, cmp, qual)
    assert m.yuan == (amount if currency == "CNY" else None)


def test_foreign_currency_keeps_amount_without_yuan() -> None:
    m = parse_money("2.5亿美元")
    assert m is not None
    assert m.to_dict() == {"yuan": None, "currency": "USD", "amount": 250000000.0,
                           "rule": "amount"}


@pytest.mark.parametrize(("text", "yuan"), [
    ("6.03亿元", 603000000.0), ("16.4亿元", 1640000000.0), ("1114.15万元", 11141500.0),
    ("0.07亿元", 7000000.0), ("16.41亿元", 1641000000.0)])
def test_json_floats_are_exact(text: str, yuan: float) -> None:
    m = parse_money(text)
    assert m is not None and m.to_dict()["yuan"] == yuan


def test_two_amounts_read_the_first_with_a_warning() -> None:
    m = parse_money("总投资6.03亿元，其中2000万元")
    assert m is not None and m.yuan == D(603000000) and m.warning


@pytest.mark.parametrize("text", ["", "元", "万元", "亿元", "千元", "数亿元", "12.3.4元",
                                  "基层就诊率", "5000", None, 3])
def test_no_amount_gives_none(text) -> None:
    assert parse_money(text) is None


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_every_chinese_numeral_amount_in_the_corpus_parses() -> None:
    """Every 五千元 / 二十万元 of the 291 laws reads, and parse_money agrees."""
    cn = "零〇○一二两三四五六七八九十百千万亿"
    rx = re.compile(rf"(?<![0-9０-９.．{cn}])([{cn}]+)元")
    seen = failed = 0
    bad: list[str] = []
    for f in sorted(CORPUS.glob("*.txt")):
        for m in rx.finditer(f.read_text(encoding="utf-8")):
            numeral = m.group(1)
            if not any(c in "零〇○一二两三四五六七八九十" for c in numeral):
                continue  # 万元 after a letter: not an amount
            seen += 1
            value = parse_number(numeral)
            money = parse_money(m.group(0))
            if value is None or money is None or money.yuan != value:
                failed += 1
                bad.append(m.group(0))
    assert seen > 1000
    assert failed == 0, bad[:20]
