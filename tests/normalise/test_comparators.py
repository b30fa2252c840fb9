"""parse_comparator: the comparator and qualifier from the wording around a value."""
from __future__ import annotations

import pytest

from extractor.normalise import _data
from extractor.normalise.comparators import (
    comparator_for,
    find_comparator_words,
    parse_comparator,
)

# (context, comparator, qualifier)
CASES = [
    ("基层就诊率达到65%", "=", "达到"),
    ("县域内住院率达85%", "=", "达"),
    ("比例为15%", "=", "为"),
    ("提高到90%", "=", "提高到"),
    ("逐步提升到2023年的60.5%", "=", "提升到"),
    ("不低于20%", ">=", "不低于"),
    ("不少于2名", ">=", "不少于"),
    ("40%以上", ">=", "以上"),
    ("60岁及以上", ">=", "及以上"),
    ("至少配备2名", ">=", "至少"),
    ("≥90%", ">=", "≥"),
    ("不超过30%", "<=", "不超过"),
    ("3岁以下", "<=", "以下"),
    ("控制在30%以内", "<=", "以内"),
    ("控制在30%", "<=", "控制在"),
    ("≤30%", "<=", "≤"),
    ("85%左右", "~", "左右"),
    ("约2000万元", "~", "约"),
    ("大约20%", "~", "大约"),
    ("接近90%", "~", "接近"),
    ("超过90%", ">", "超过"),
    ("高于90%", ">", "高于"),
    ("多于3名", ">", "多于"),
    ("20余家", ">", "余"),
    ("低于10%", "<", "低于"),
    ("少于3名", "<", "少于"),
    ("不足10%", "<", "不足"),
    # negations flip: 不得超过 is a ceiling, not "more than"
    ("不得超过编制床位的110%", "<=", "不得超过"),
    ("不应低于85%", ">=", "不应低于"),
    ("不得低于85%", ">=", "不得低于"),
    # precedence: an inequality beats approximately beats a level
    ("力争达到90%以上", ">=", "力争…以上"),
    ("基层就诊率达到65%以上", ">=", "以上"),
    ("县域内住院率达85%左右", "~", "左右"),
    ("力争县域内就诊率达到90%左右", "~", "力争…左右"),
    ("控制在30%左右", "~", "左右"),
    ("约4.2万间以上", ">=", "以上"),
    # hedges alone: a qualifier, no comparator
    ("力争全市90%的县级医院", None, "力争"),
    ("原则上不超过30%", "<=", "原则上…不超过"),
    # words that qualify another number, or are not comparators here
    ("二级以上医疗机构达到90%", "=", "达到"),
    ("到2025年基层就诊率达到65%以上", ">=", "以上"),
    ("为了提高质量，90%", None, None),
    ("医疗卫生机构床位数18759张", None, None),
    ("", None, None),
    ("达到", "=", "达到"),  # the words alone, as a caller may pass them
]


@pytest.mark.parametrize(("text", "comparator", "qualifier"), CASES)
def test_parse_comparator(text: str, comparator: str | None, qualifier: str | None) -> None:
    assert parse_comparator(text) == (comparator, qualifier)


def test_value_span_picks_the_value() -> None:
    text = "65%以上的乡镇达到80%"
    assert parse_comparator(text, (0, 2)) == (">=", "以上")
    assert parse_comparator(text, (11, 13)) == ("=", "达到")


def test_words_report_offsets() -> None:
    words = find_comparator_words("力争达到90%以上")
    assert [(w.word, w.start, w.end) for w in words] == [
        ("力争", 0, 2), ("达到", 2, 4), ("以上", 7, 9)]


def test_spaces_inside_the_number_are_ignored() -> None:
    assert parse_comparator("达到 40 %以上") == (">=", "以上")


def test_every_comparators_yaml_example_reads_back() -> None:
    for row in _data.load("comparators.yaml")["words"]:
        text, _, expected = row["example"].partition(" → ")
        assert parse_comparator(text)[0] == expected, row
        assert comparator_for(row["word"]) == row["comparator"]


@pytest.mark.parametrize("text", [None, 5, "", "   "])
def test_bad_input_gives_nothing(text) -> None:
    assert parse_comparator(text) == (None, None)  # type: ignore[arg-type]
