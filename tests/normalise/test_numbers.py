"""parse_number / parse_numeral, and the integrity of every normaliser data file."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from extractor.errors import DataFileError
from extractor.normalise import _data
from extractor.normalise.numbers import parse_number, parse_numeral, to_float

D = Decimal

NUMBERS = [
    # Arabic
    ("25", D(25)),
    ("1,234.5", D("1234.5")),
    ("0.54", D("0.54")),
    ("１２３", D(123)),
    ("４．２", D("4.2")),
    ("3 万", D(30000)),  # spaces inside numbers are ignored
    # Chinese
    ("十三", D(13)),
    ("十", D(10)),
    ("一百零五", D(105)),
    ("两千", D(2000)),
    ("三十", D(30)),
    ("五千", D(5000)),
    ("四千五百", D(4500)),
    ("十五万", D(150000)),
    ("五千万", D(50000000)),
    ("一千二百三十四万五千六百七十八", D(12345678)),
    ("一亿五千万", D(150000000)),
    ("廿五", D(25)),
    ("卅一", D(31)),
    ("壹佰", D(100)),
    ("三点一四", D("3.14")),
    ("千", D(1000)),  # 每千人口: a leading unit counts one
    ("万", D(10000)),
    # digit by digit (years)
    ("二0三五", D(2035)),
    ("二〇三五", D(2035)),
    ("二○二四", D(2024)),  # U+25CB for 〇
    ("二〇", D(20)),
    # classifier 个
    ("八个", D(8)),
    ("十一个", D(11)),
    # Arabic with Chinese multipliers, exact
    ("4.2万", D(42000)),
    ("1.19亿", D(119000000)),
    ("16.4亿", D(1640000000)),
    ("6.03亿", D(603000000)),
    ("1114.15万", D(11141500)),
    ("3万", D(30000)),
    ("1万5千", D(15000)),
    ("1亿2000万", D(120000000)),
    ("2万亿", D(2000000000000)),
    ("3千万", D(30000000)),
    # signs, percent
    ("-5", D(-5)),
    ("负五", D(-5)),
    ("85%", D(85)),
    ("5‰", D(5)),
    # in words
    ("百分之八十", D(80)),
    ("千分之五", D(5)),
    ("万分之三", D(3)),
    ("三分之一", D(1) / D(3)),
    ("四分之三", D("0.75")),
]

MALFORMED = ["", "   ", "12.3.4%", "12.3.4", "1,23", "十十", "一百百", "万万", "1万2万", "3万5",
             "七八", "两两", "每人", "abc", "%", "分之", "零分之三", "亿元", "12..3",
             "1.2.3万", None, 5]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_numbers_give_none(text: str) -> None:
    assert parse_number(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "unit", "fraction", "rule"), [
    ("百分之八十", "%", None, "percent_words"),
    ("千分之五", "‰", None, "percent_words"),
    ("85%", "%", None, "arabic"),
    ("三分之一", None, (D(1), D(3)), "fraction"),
    ("二0三五", None, None, "digits"),
    ("4.2万", None, None, "mixed"),
    ("一百零五", None, None, "chinese"),
])
def test_numeral_unit_and_rule(text: str, unit: str | None, fraction: tuple | None,
                               rule: str) -> None:
    n = parse_numeral(text)
    assert n is not None
    assert (n.unit, n.fraction, n.rule) == (unit, fraction, rule)


@pytest.mark.parametrize(("text", "expected"), [
    ("16.4亿", 1640000000.0),
    ("6.03亿", 603000000.0),
    ("1.19亿", 119000000.0),
    ("1114.15万", 11141500.0),
    ("0.07亿", 7000000.0),
    ("16.41亿", 1641000000.0),
])
def test_floats_are_exact(text: str, expected: float) -> None:
    # the float made at the end is the correctly rounded value, never 1639999999.99...
    assert to_float(parse_number(text)) == expected
    assert repr(to_float(parse_number(text))) == repr(expected)


def test_exact_over_many_multiplier_values() -> None:
    for i in range(1, 3000):
        x = D(i) / 100
        assert parse_number(f"{x}亿") == x * 100000000
        assert parse_number(f"{x}万") == x * 10000


# ---------------------------------------------------------------- data files

DATA_FILES = sorted(_data.SCHEMAS)


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_loads_and_validates(name: str) -> None:
    data = _data.read(name)
    for section in _data.SCHEMAS[name]:
        assert data[section], f"{name}: empty section {section}"


@pytest.mark.parametrize("name", DATA_FILES)
def test_a_row_missing_a_field_is_named(name: str, tmp_path: Path) -> None:
    data = _data.read(name)
    section, fields = next(iter(_data.SCHEMAS[name].items()))
    field = next(iter(fields))
    broken = {k: [dict(r) for r in v] if isinstance(v, list) else v for k, v in data.items()}
    del broken[section][1][field]
    path = tmp_path / name
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        _data.read(name, path)
    msg = str(e.value)
    assert str(path) in msg and f"`{section}` row 2" in msg and f"`{field}`" in msg


@pytest.mark.parametrize(("name", "mutate", "fragment"), [
    ("comparators.yaml", lambda d: d["words"][0].update(comparator="=="), "allowed"),
    ("periods.yaml", lambda d: d["markers"][0].update(relation="until"), "`relation`"),
    ("units.yaml", lambda d: d["units"][0].update(example=""), "`example`"),
    ("numerals.yaml", lambda d: d.pop("digits"), "`digits`"),
])
def test_bad_values_are_named(name: str, mutate, fragment: str, tmp_path: Path) -> None:
    data = _data.read(name)
    data = {k: [dict(r) for r in v] if isinstance(v, list) else v for k, v in data.items()}
    mutate(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(fragment)):
        _data.read(name, path)


def _arrow_examples(section: str) -> list[tuple[str, str]]:
    rows = _data.load("numerals.yaml")[section]
    out = []
    for r in rows:
        m = re.fullmatch(r"(\S+) → (-?[\d.]+)(?: \(.*\))?", r["example"])
        if m:
            out.append((m.group(1), m.group(2)))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    pair for s in ("digits", "small_units", "big_units", "implicit_one", "decimal_points",
                   "signs", "trailing_classifiers") for pair in _arrow_examples(s)])
def test_numerals_yaml_examples_read_back(text: str, expected: str) -> None:
    assert parse_number(text) == D(expected)


def test_digit_table_agrees_with_cn2an() -> None:
    # numerals.yaml and cn2an (which reads positional Chinese integers) must agree
    cn2an = pytest.importorskip("cn2an")
    for row in _data.load("numerals.yaml")["digits"]:
        assert cn2an.cn2an(row["char"], "normal") == row["value"], row
