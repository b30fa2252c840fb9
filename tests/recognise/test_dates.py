"""DEADLINE and DATE spans (extractor/recognise/dates.py, data/time_spans.yaml).

Every sentence here is invented for the rule it pins; none is taken from a seed.
"""
from __future__ import annotations

from datetime import date

import pytest

from extractor.recognise.context import DocContext
from extractor.recognise.dates import find_dates

DATED = DocContext(date=date(2024, 9, 10))


def times(text: str, ctx: DocContext | None = None) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in find_dates(text, ctx)]


# (rule, sentence, document context, expected [(label, span)])
CASES = [
    ("deadline marker", "到2027年，全县婴幼儿托位数达到2000个。", None, [("DEADLINE", "到2027年")]),
    ("deadline suffix", "2025年底前完成全部改造任务。", None, [("DEADLINE", "2025年底前")]),
    ("report prefix", "截至2023年底，全县共有养老机构28家。", None, [("DATE", "2023年底")]),
    ("a day reports an event", "市政府于2023年4月18日印发实施意见。", None, [("DATE", "2023年4月18日")]),
    # a start before the document's own date says since when
    ("start before the document date", "县医院自2021年6月起开设联合门诊。", DATED, [("DATE", "自2021年6月起")]),
    ("start after the document date", "自2025年1月起全面推行电子健康卡。", DATED, [("DEADLINE", "自2025年1月起")]),
    ("start without a document date", "自2021年6月起开设联合门诊。", None, [("DEADLINE", "自2021年6月起")]),
    ("effective date", "本办法自2025年3月1日起施行。", None, [("DATE", "自2025年3月1日起")]),
    ("effective date, adverb before the verb", "新版目录自2026年1月1日起正式执行。", None,
     [("DATE", "自2026年1月1日起")]),
    # relative times
    ("within", "力争三年内实现医共体全覆盖。", None, [("DEADLINE", "三年内")]),
    ("length of a task", "计划建设工期18个月，年底前开工。", None, [("DEADLINE", "18个月")]),
    ("looking back", "分析近五年县外转诊前十位的病种。", None, [("DATE", "近五年")]),
    ("not a task length", "许可证有效期为12个月，责令暂停执业六个月。", None, []),
    ("counted from an event", "应当自受理申请之日起20个工作日内作出决定。", None, []),
    ("after an event", "协议签订后10日内报送备案。", None, []),
    ("after an event in an earlier clause", "收到群众投诉后，应在七日内核实处理。", None, []),
    # a month and day without a year
    ("recurring deadline", "各乡镇于每年11月30日前报送年度总结。", None, [("DEADLINE", "每年11月30日前")]),
    ("monthly deadline", "用人单位应当每月十五日前申报缴费。", None, [("DEADLINE", "每月十五日前")]),
    ("the month after each", "医药机构在次月5日前申报上月费用。", None, [("DEADLINE", "次月5日前")]),
    # 到/至 belong to a deadline; a hedge and 在 do not
    ("hedge outside the span", "力争到2027年建成区域医疗中心。", None, [("DEADLINE", "到2027年")]),
    ("在 outside the span", "各地要在2026年6月底前完成评估。", None, [("DEADLINE", "2026年6月底前")]),
    # a window between two dates is one interval
    ("window", "2001年1月1日以后至2005年12月31日以前入职的人员", None,
     [("DATE", "2001年1月1日以后至2005年12月31日以前")]),
    # a bare year in a report is a date, in a target clause a deadline
    ("bare year in a target clause", "2026年基层就诊率达到65%。", None, [("DEADLINE", "2026年")]),
    ("bare year in a report", "2023年共完成健康体检4.2万人次。", None, [("DATE", "2023年")]),
    ("bare year after the present", "目前，2023年完成签约服务12万人次。", None, [("DATE", "2023年")]),
]


@pytest.mark.parametrize("rule,text,ctx,expected", CASES, ids=[c[0] for c in CASES])
def test_dates(rule: str, text: str, ctx: DocContext | None, expected: list[tuple[str, str]]) -> None:
    assert times(text, ctx) == expected


def test_task_length_has_relation_by() -> None:
    (e,) = find_dates("项目建设周期为期8个月。")
    assert (e.label, e.normalized.get("relation"), e.normalized.get("duration")) == ("DEADLINE", "by", "P8M")


def test_within_resolved_against_document_date() -> None:
    (e,) = find_dates("力争两年内完成。", DATED)
    assert e.normalized["value"] == "2026-09-10"


def test_looking_back_relation_from() -> None:
    (e,) = find_dates("近三年累计投入资金1.2亿元。")
    assert (e.label, e.normalized.get("relation"), e.normalized.get("duration")) == ("DATE", "from", "P3Y")


def test_recurring_deadline_keeps_no_year() -> None:
    (e,) = find_dates("每年6月底前上报。", DATED)
    assert e.label == "DEADLINE"
    assert (e.normalized["value"], e.normalized["recurrence"]) == ("--06-30", "P1Y")


def test_the_end_of_each_period_is_a_recurring_deadline() -> None:
    got = find_dates("于每月底前生成清算表，最晚应于次年第一季度清算完毕，每年底前总结。", DATED)
    assert [(e.label, e.text, e.normalized["value"], e.normalized["recurrence"]) for e in got] == [
        ("DEADLINE", "每月底前", None, "P1M"),  # months end on different days
        ("DEADLINE", "次年第一季度", "--03-31", "P1Y"),
        ("DEADLINE", "每年底前", "--12-31", "P1Y")]


def test_a_month_in_the_year_in_hand_keeps_its_year_word() -> None:
    (e,) = find_dates("并在当年7月底前公布。", DATED)
    assert (e.label, e.text) == ("DEADLINE", "当年7月底前")
    assert e.normalized["value"].endswith("-07-31")


def test_a_phase_in_brackets_is_the_time_its_tasks_hold_for() -> None:
    ctx = DocContext(date=date(2025, 10, 24))
    (e,) = find_dates("启动试点（2025年10月-2025年11月）：选择试点内容。", ctx)
    assert (e.label, e.normalized["value"]) == ("DEADLINE", "2025-11-30")
    (e,) = find_dates("（2019年1月-2020年6月）全市共完成改造。", ctx)
    assert e.label == "DATE"  # over before the document: what was done then
    assert [e.label for e in find_dates("2026年1月-2026年6月")] == ["DATE"]  # no brackets


def test_a_day_without_its_ri() -> None:
    (e,) = find_dates("于11月20前报送。", DATED)
    assert (e.label, e.normalized["value"]) == ("DEADLINE", "2024-11-20")


def test_window_is_an_iso_interval() -> None:
    (e,) = find_dates("2001年1月1日以后至2005年12月31日以前入职")
    assert e.normalized["value"] == "2001-01-01/2005-12-31"


def test_month_deadline_in_document_year() -> None:
    (e,) = find_dates("请于10月15日前报送材料。", DATED)
    assert (e.label, e.normalized.get("value")) == ("DEADLINE", "2024-10-15")


def test_a_cut_off_before_the_documents_date_is_a_date() -> None:
    ctx = DocContext(date=date(2008, 5, 30))
    got = find_dates("1997年12月31日以前参加工作的职工", ctx)
    assert [(e.label, e.text) for e in got] == [("DATE", "1997年12月31日以前")]
    assert [e.label for e in find_dates("2010年12月31日前完成", ctx)] == ["DEADLINE"]
