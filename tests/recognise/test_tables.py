"""Indicator tables: a plan's 主要指标表 read into TARGETs and STATs by its header."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from extractor import extract
from extractor.recognise.context import DocContext
from extractor.recognise.tables import find_in_doc

PLAN_2026 = DocContext(date=date(2026, 7, 20))

# a table scraped from a page: one cell a line, a merged 类别 cell, a sub-row (其中)
ONE_CELL_A_LINE = "\n".join([
    "表1 绿化建设主要指标表",
    "序号", "类别", "指标名称", "单位", "“十四五”目标值", "2025年", "指标属性",
    "1", "绿化建设", "新建绿地", "万平方米", "75", "90.87", "约束性",
    "其中 公园绿地", "50", "58.46", "约束性",
    "2", "绿化覆盖率", "%", "30.55", "31.46", "预期性",
    "二、主要任务",
])


def read(text: str, ctx: DocContext = PLAN_2026) -> list[tuple]:
    return [(e.label, e.text, e.normalized["metric"], e.normalized["value"], e.normalized["unit"],
             e.normalized.get("deadline") or e.normalized.get("date")) for e in find_in_doc(text, ctx)]


def test_a_target_column_and_a_past_year_column() -> None:
    assert read(ONE_CELL_A_LINE) == [
        ("TARGET", "75", "新建绿地", 750000.0, "平方米", "2025-12-31"),
        ("STAT", "90.87", "新建绿地", 908700.0, "平方米", "2025"),
        ("TARGET", "50", "公园绿地", 500000.0, "平方米", "2025-12-31"),
        ("STAT", "58.46", "公园绿地", 584600.0, "平方米", "2025"),
        ("TARGET", "30.55", "绿化覆盖率", 30.55, "%", "2025-12-31"),
        ("STAT", "31.46", "绿化覆盖率", 31.46, "%", "2025"),
    ]


def test_a_measure_column_takes_its_time_from_the_rows_year() -> None:
    text = "\n".join([
        "表2 系统方案编制计划表",
        "年份", "编制区域", "编制区域面积", "（平方公里）",
        "2023年", "马陆社区", "4.42",
        "2025年", "工业区", "14.00",
    ])
    assert read(text, DocContext(date=date(2024, 10, 10))) == [
        ("STAT", "4.42", "编制区域面积", 4.42, "平方公里", "2023"),
        ("TARGET", "14.00", "编制区域面积", 14.0, "平方公里", "2025-12-31"),
    ]


def test_a_current_state_and_a_target_by_plan_period_with_a_comparator() -> None:
    text = "\n".join(["表2 主要指标", "序号", "指标名称", "单位", "“十四五”现状", "“十五五”目标",
                      "1", "新能源环卫车辆占比", "%", "62", "70以上"])
    assert [(lab, v, when) for lab, _, _, v, _, when in read(text)] == [
        ("STAT", 62.0, "2021/2025"), ("TARGET", 70.0, "2030-12-31")]
    [_, target] = find_in_doc(text, PLAN_2026)
    assert target.normalized["comparator"] == ">="


def test_numbers_with_no_time_or_no_name_are_no_indicators() -> None:
    projects = "\n".join(["郊野公园建设项目表", "序号", "项目名称", "位置", "面积（公顷）",
                          "1", "庄行郊野公园", "庄行镇", "450"])
    assert read(projects) == []


def test_a_docx_table_of_indicators_gives_provisions(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("某区卫生健康事业发展“十五五”规划")
    d.add_paragraph("表1 主要发展指标")
    rows = [("序号", "指标", "单位", "2025年", "2030年目标"),
            ("1", "每千常住人口执业（助理）医师数", "人", "3.2", "3.6"),
            ("2", "人均预期寿命", "岁", "80.1", "81")]
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    d.add_paragraph("二、主要任务")
    d.add_paragraph("上海市某区卫生健康委员会")
    d.add_paragraph("2026年7月20日")
    path = tmp_path / "plan.docx"
    d.save(path)
    got = [(p.kind, p.metric, p.value, p.unit, p.deadline, p.date) for p in extract(path).provisions]
    assert ("TARGET", "每千常住人口执业（助理）医师数", 3.6, "人", "2030-12-31", None) in got
    assert ("STAT", "人均预期寿命", 80.1, "岁", None, "2025") in got
