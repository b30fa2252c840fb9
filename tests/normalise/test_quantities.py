"""parse_quantity: value, unit, per-base, comparator, range, ratio, percentage points."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.normalise import _data
from extractor.normalise.quantities import find_per_bases, find_quantities, parse_quantity

D = Decimal

# (span, value, unit, per (value, unit) | None, comparator, value_max)
QUANTITIES = [
    ("每千人口床位数达到7.5张", D("7.5"), "张", (1000, "人"), "=", None),
    ("每3 万人1 辆", D(1), "辆", (30000, "人"), None, None),
    ("每3万人1辆", D(1), "辆", (30000, "人"), None, None),
    ("每万人 60 间", D(60), "间", (10000, "人"), None, None),
    ("每万人口1.75名", D("1.75"), "名", (10000, "人"), None, None),
    ("按区域每万人口1.75名的比例核定", D("1.75"), "名", (10000, "人"), None, None),
    ("每千人口执业(助理)医师数达到3.2人", D("3.2"), "人", (1000, "人"), "=", None),
    ("每千名老年人配备1名", D(1), "名", (1000, "人"), None, None),
    ("每百张床位配备护士40名", D(40), "名", (100, "床"), None, None),
    ("每个乡镇设置1所政府举办的乡镇卫生院", D(1), "所", (1, "乡镇"), None, None),
    ("每个村卫生室配备1名大学生村医", D(1), "名", (1, "村卫生室"), None, None),
    ("原则上按供血量每 3 吨配置 1 辆送血车", D(1), "辆", (3, "吨"), None, None),
    ("每年从省、市适宜技术库选取3-5项", D(3), "项", (1, "年"), None, D(5)),
    ("500元/人", D(500), "元", (1, "人"), None, None),
    ("40%以上", D(40), "%", None, ">=", None),
    ("负压救护车达到 40%以上", D(40), "%", None, ">=", None),
    ("85%左右", D(85), "%", None, "~", None),
    ("3%左右", D(3), "%", None, "~", None),
    ("80%—85%", D(80), "%", None, None, D(85)),
    ("80%-85%", D(80), "%", None, None, D(85)),
    ("80%～85%", D(80), "%", None, None, D(85)),
    ("80-85%", D(80), "%", None, None, D(85)),
    ("按医院床位的2%—3%设置急诊科观察床", D(2), "%", None, None, D(3)),
    ("5至10家", D(5), "家", None, None, D(10)),
    ("提高5个百分点", D(5), "pp", None, None, None),
    ("八个管理中心", D(8), "个", None, None, None),
    ("十一个服务中心", D(11), "个", None, None, None),
    ("不少于2名", D(2), "名", None, ">=", None),
    ("至少配备2名公共卫生医师", D(2), "名", None, ">=", None),
    ("25家", D(25), "家", None, None, None),
    ("储备隔离房间约4.2万间", D(42000), "间", None, "~", None),
    ("“十四五”期末达到1万个普惠托位", D(10000), "个", None, "=", None),
    ("20余家", D(20), "家", None, ">", None),
    ("65周岁以上", D(65), "岁", None, ">=", None),
    ("3岁以下", D(3), "岁", None, "<=", None),
    ("门诊量100万人次", D(1000000), "人次", None, None, None),
    ("不得超过三十千克", D(30), "公斤", None, "<=", None),
    ("医疗卫生机构床位数18759张", D(18759), "张", None, None, None),
    ("百分之八十", D(80), "%", None, None, None),
    ("千分之五", D(5), "‰", None, None, None),
    ("支持常住人口8万以上", D(80000), None, None, ">=", None),
    # several values: the last with a unit, and a warning
    ("县域住院率由2019年的55.5%逐步提升到2023年的60.5%", D("60.5"), "%", None, "=", None),
    ("每千人口拥有3岁以下婴幼儿托位数达到4.5个", D("4.5"), "个", (1000, "人"), "=", None),
]


@pytest.mark.parametrize(("text", "value", "unit", "per", "cmp", "vmax"), QUANTITIES)
def test_parse_quantity(text: str, value: Decimal, unit: str | None, per: tuple | None,
                        cmp: str | None, vmax: Decimal | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.comparator, q.value_max) == (value, unit, cmp, vmax)
    assert (None if q.per is None else (q.per.value, q.per.unit)) == per


@pytest.mark.parametrize(("text", "value", "ratio", "cmp"), [
    ("医护比1∶1.25", D("1.25"), (D(1), D("1.25")), None),
    ("1:1.25", D("1.25"), (D(1), D("1.25")), None),
    ("1：1.25", D("1.25"), (D(1), D("1.25")), None),
    ("床位与卫生技术人员比例不低于1∶1.25", D("1.25"), (D(1), D("1.25")), ">="),
    ("不低于1∶1", D(1), (D(1), D(1)), ">="),
])
def test_ratios(text: str, value: Decimal, ratio: tuple, cmp: str | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.ratio, q.comparator) == (value, "ratio", ratio, cmp)


def test_fraction_in_words() -> None:
    q = parse_quantity("三分之一的床位")
    assert q is not None
    assert (q.unit, q.ratio) == ("fraction", (D(1), D(3)))
    assert q.to_dict()["value"] == pytest.approx(1 / 3)


def test_to_dict_has_exact_floats_and_annotation_shape() -> None:
    q = parse_quantity("每千人口床位数达到7.5张")
    assert q is not None
    assert q.to_dict() == {"value": 7.5, "value_max": None, "unit": "张",
                           "per": {"value": 1000.0, "unit": "人"}, "comparator": "=",
                           "qualifier": "达到", "ratio": None, "warning": None}
    big = parse_quantity("投资16.4亿元")
    assert big is not None and big.to_dict()["value"] == 1640000000.0


def test_value_offsets_point_into_the_text_given() -> None:
    text = "每3 万人1 辆配备救护车"
    q = parse_quantity(text)
    assert q is not None and text[q.start:q.end] == "1 辆"
    assert q.per is not None and text[q.per.start:q.per.end] == "每3 万人"


def test_several_values_warn() -> None:
    q = parse_quantity("县域住院率由2019年的55.5%逐步提升到2023年的60.5%")
    assert q is not None and q.warning and "2 values" in q.warning


# (text, [(value, unit, value_max)])
PER_BASES = [
    ("城市地区每 3 万人、农村地区每 5 万人配置1辆救护车",
     [(D(30000), "人", None), (D(50000), "人", None)]),
    ("每千人口", [(D(1000), "人", None)]),
    ("每万人口", [(D(10000), "人", None)]),
    ("每3万人", [(D(30000), "人", None)]),
    ("每百张床位", [(D(100), "床", None)]),
    ("每千名老年人", [(D(1000), "人", None)]),
    ("每千名儿童", [(D(1000), "人", None)]),
    ("每个乡镇", [(D(1), "乡镇", None)]),
    ("每个县（市、区）", [(D(1), "县（市、区）", None)]),
    ("每个行政村", [(D(1), "行政村", None)]),
    ("每个乡、镇", [(D(1), "乡镇", None)]),
    ("每户家庭", [(D(1), "户", None)]),
    ("每人", [(D(1), "人", None)]),
    ("每3万—10万居民", [(D(30000), "人", D(100000))]),
    ("每项工作", [(D(1), None, None)]),  # the measure word alone; figures name the noun
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), PER_BASES)
def test_find_per_bases(text: str, expected: list) -> None:
    assert [(b.value, b.unit, b.value_max) for b in find_per_bases(text)] == expected


def test_city_and_country_split_by_the_caller() -> None:
    text = "城市地区每 3 万人、农村地区每 5 万人配置1辆救护车"
    q = parse_quantity(text)
    assert q is not None and q.warning and "per-bases" in q.warning
    assert [text[b.start:b.end] for b in find_per_bases(text)] == ["每 3 万人", "每 5 万人"]


def test_find_quantities_keeps_per_bases_inside_their_clause() -> None:
    qs = find_quantities("城市地区每 5 万人配置1辆救护车，负压型救护车占比不低于20%")
    assert [(q.value, q.unit, q.per and q.per.value, q.comparator) for q in qs] == [
        (D(1), "辆", D(50000), None), (D(20), "%", None, ">=")]


@pytest.mark.parametrize("text", ["", "   ", "每人", "每百张床位", "一是加强", "基层就诊率",
                                  "2025年", "第3条", "十四五", None, 7])
def test_no_value_gives_none(text) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize("text", ["12.3.4%", "达到12.3.4%", "1,23名"])
def test_malformed_numbers_warn(text: str) -> None:
    q = parse_quantity(text)
    assert q is not None and q.value is None
    assert q.warning and q.warning.startswith("PX-W05")


def test_every_units_yaml_example_reads_back() -> None:
    data = _data.load("units.yaml")
    for row in data["units"]:
        text = row["example"].split(" → ")[0]
        q = parse_quantity(text)
        assert q is not None and q.unit == row["unit"], row
    for row in data["per_bases"]:
        text = row["example"].split(" → ")[0]
        bases = find_per_bases(text)
        assert bases and bases[0].unit == row["unit"], row


def test_a_per_base_reaches_counts_across_a_comma() -> None:
    qs = find_quantities("按区域每万人口精神科执业(助理)医师达到0.4人,注册不低于0.87人")
    assert [(q.value, q.per and q.per.value, q.comparator) for q in qs] == [
        (D("0.4"), D(10000), "="), (D("0.87"), D(10000), ">=")]
