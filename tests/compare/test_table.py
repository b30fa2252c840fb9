"""The aligned table: columns are documents, rows metrics, extremes among comparables."""
from __future__ import annotations

import pytest

from extractor.compare.table import build_table, number_text, per_text, short_title


@pytest.fixture(scope="module")
def seed_table(seed_records):
    return build_table(seed_records)


def test_columns_are_the_seeds_labelled_by_region(seed_table):
    regions = [c.region for c in seed_table.columns]
    assert sorted(regions) == sorted(["廉江", "连平", "汕头", "湛江", "荆门"])
    for c in seed_table.columns:
        assert c.label.startswith(c.region)
    assert len({c.label for c in seed_table.columns}) == 5
    lianjiang = next(c for c in seed_table.columns if c.region == "廉江")
    assert lianjiang.status == "征求意见稿"
    assert "（征求意见稿）" not in lianjiang.short_title  # the status has its own line


def test_a_metric_stated_by_several_documents_is_one_row(seed_table):
    keys = [r.key for r in seed_table.rows]
    assert len(keys) == len(set(keys))
    row = seed_table.row("county_inpatient_rate")
    stated = {seed_table.columns[i].region for i, cell in enumerate(row.cells) if cell}
    assert {"廉江", "湛江"} <= stated
    assert row.label == "县域内住院率"  # the catalogue's name, whatever the documents wrote
    visit = seed_table.row("primary_care_visit_rate")
    assert visit.documents >= 2
    # rows stated by more documents come first
    counts = [r.documents for r in seed_table.rows]
    assert counts == sorted(counts, reverse=True)


def test_every_entry_points_at_its_span_in_its_sentence(seed_table, seed_records):
    for row in seed_table.rows:
        for ci, e in row.entries():
            p = seed_records[ci]["provisions"][int(e.id.rsplit("-", 1)[1])]
            assert e.sentence == p["text"]
            text = seed_records[ci]["text"]
            assert e.span_text == text[p["span_start"]:p["span_end"]]


def _rec(file, region, provisions):
    return {"file": file, "text": "", "document": {"title": None, "region": {"name": region}},
            "provisions": [{"kind": "TARGET", "text": "x", "start": 0, "end": 1, **p}
                           for p in provisions]}


def test_extremes_only_among_same_unit_and_base():
    records = [
        _rec("a.txt", "甲县", [{"metric_id": "beds_per_1000", "value": 7.5, "unit": "张",
                                "per": {"value": 1000, "unit": "人"}},
                               {"metric_id": "county_inpatient_rate", "value": 85, "unit": "%"}]),
        _rec("b.txt", "乙县", [{"metric_id": "beds_per_1000", "value": 6.0, "unit": "张",
                                "per": {"value": 1000, "unit": "人"}},
                               {"metric_id": "county_inpatient_rate", "value": 90, "unit": "%"}]),
        # a larger number, but a count of beds, not beds per 1000 people: not ranked
        _rec("c.txt", "丙县", [{"metric_id": "beds_per_1000", "value": 500, "unit": "张"},
                               {"metric_id": "county_inpatient_rate", "value": 80, "unit": "%",
                                "value_max": 95}]),
    ]
    table = build_table(records)
    beds = table.row("beds_per_1000")
    flags = [[(e.high, e.low) for e in cell] for cell in beds.cells]
    assert flags == [[(True, False)], [(False, True)], [(False, False)]]
    # a range ranks by its upper bound for "highest" and its lower bound for "lowest"
    rate = table.row("county_inpatient_rate")
    assert [[(e.high, e.low) for e in cell] for cell in rate.cells] == [
        [(False, False)], [(False, False)], [(True, True)]]
    assert rate.cells[2][0].value_text == "80–95%"


def test_reported_figures_are_not_ranked_against_goals():
    records = [
        _rec("a.txt", "甲县", [{"metric_id": "county_inpatient_rate", "value": 85, "unit": "%"}]),
        _rec("b.txt", "乙县", [{"metric_id": "county_inpatient_rate", "value": 55.5, "unit": "%",
                                "kind": "STAT"}]),
    ]
    rate = build_table(records).row("county_inpatient_rate")
    assert not any(e.high or e.low for _, e in rate.entries())


def test_one_document_alone_or_equal_values_are_not_ranked(seed_table):
    ambulances = seed_table.row("ambulances")  # 1辆/3万人 in two documents, 1辆/万人 in one
    assert not any(e.high or e.low for _, e in ambulances.entries())


def test_provisions_without_id_group_by_metric_text():
    records = [_rec("a.txt", "甲县", [{"metric": "专科 医院", "value": 3, "unit": "家"}, {"value": 1}]),
               _rec("b.txt", "乙县", [{"metric": "专科医院", "value": 5, "unit": "家"}])]
    table = build_table(records)
    assert [r.key for r in table.rows] == ["text:专科医院"]
    assert table.rows[0].documents == 2
    assert table.unaligned == 1


def test_same_labels_are_told_apart_by_status_and_date():
    a = _rec("draft.txt", "甲县", [])
    b = _rec("final.txt", "甲县", [])
    a["document"].update(title="甲县卫生规划（征求意见稿）", status="征求意见稿")
    b["document"].update(title="甲县卫生规划", date="2024-05-01")
    labels = [c.label for c in build_table([a, b]).columns]
    assert labels == ["甲县 卫生规划 征求意见稿", "甲县 卫生规划 2024-05-01"]
    # one document in two formats: the file names tell them apart
    docx, pdf = _rec("规划.docx", "甲县", []), _rec("规划.pdf", "甲县", [])
    assert [c.label for c in build_table([docx, pdf]).columns] == [
        "甲县 规划.docx", "甲县 规划.pdf"]


VALUES = [
    ({"value": 85.0, "unit": "%", "comparator": "~"}, "约85%"),
    ({"value": 65.0, "unit": "%", "comparator": ">="}, "≥65%"),
    ({"value": 603000000.0, "unit": "元"}, "6.03亿元"),
    ({"value": 13677000.0, "unit": "人次"}, "1367.7万人次"),
    ({"value": 1.0, "value_max": 1.5, "unit": "名", "per": {"value": 10000, "unit": "人"}},
     "1–1.5名/万人"),
    ({"value": 1.0, "unit": "辆", "per": {"value": 30000, "unit": "人"}}, "1辆/3万人"),
]


@pytest.mark.parametrize(("provision", "expected"), VALUES)
def test_value_text(provision, expected):
    table = build_table([_rec("a.txt", "甲县", [{"metric": "m", **provision}])])
    assert table.rows[0].cells[0][0].value_text == expected


def test_deadline_is_part_of_the_cell_text():
    table = build_table([_rec("a.txt", "甲县", [{"metric": "m", "value": 90, "unit": "%",
                                                  "deadline": "2025-12-31"}])])
    assert table.rows[0].cells[0][0].text == "90%（期限2025-12-31）"


@pytest.mark.parametrize(("title", "expected"), [
    ("湛江市全面提升县级医院综合能力实施方案（2020-2021年）", "全面提升县级医院综合能力实施方案"),
    ("关于印发《湛江市卫生健康事业发展规划》的通知", "卫生健康事业发展规划"),
    ("关于开展湛江市医共体建设暨防控体系能力提升工程的意见（征求意见稿）", "开展医共体建设暨防控…提升工程的意见"),
    ("湛江市卫生健康局 湛江市财政局关于印发2024-2026年湛江市农机购置与应用补贴实施方案的通知",
     "2024-2026年…用补贴实施方案"),
    ("关于对湛江市政协第20240313号提案的答复", "政协第20240313号提案的答复"),
    (None, ""),
])
def test_short_title(title, expected):
    assert short_title(title, ["湛江市", "湛江"]) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (1000, "人", "千人"), (10000, "人", "万人"), (30000, "人", "3万人"), (1, "县", "县"),
    (3, "吨", "3吨"), (None, None, "")])
def test_per_text(value, unit, expected):
    assert per_text(value, unit) == expected


def test_number_text_writes_no_exponent_or_trailing_zero():
    assert [number_text(v) for v in (85.0, 7.22, 1e8, 0.42)] == ["85", "7.22", "100000000", "0.42"]
