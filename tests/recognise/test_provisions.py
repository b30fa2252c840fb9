"""Provisions made whole (extractor/provisions.py): deadline governance, dates, metrics.

The documents are invented; each table row names the figure (its value) and what the
provision built from it must carry.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

from extractor.models import ExtractResult
from extractor.pipeline import extract_bytes

PLAN = """某县加强基层医疗卫生服务能力建设实施方案
一、工作目标
到2026年，全县实现以下目标：
（一）每千常住人口医疗卫生机构床位数达到6.2张。
（二）县域内就诊率达到91%以上。
二、重点任务
（一）到2025年底，完成乡镇卫生院标准化建设。
1.每个乡镇卫生院至少配备4名全科医生。
2.村卫生室规范化建设达标率达到100%。
（二）加强人才队伍建设。到2027年，全县培训乡村医生260名。
1.每个村卫生室配备1名乡村医生。
2.乡镇卫生院中级以上职称人员占比达到25%。
三、保障措施
县财政每年安排专项资金不低于800万元，2028年前完成全部设备更新，设备更新率达到95%。
某县人民政府
2024年1月8日
"""

REPLY = """关于县政协某号提案的答复
某委员：
您提出的提案收悉，现答复如下：
目前，全县共有社区卫生服务中心7家，乡镇卫生院14家。2023年，全县家庭医生签约人数达到18.6万人。
县域内就诊率由2021年的82.3%提高到2023年的87.5%。
某县卫生健康局
2024年5月6日
"""


@lru_cache(maxsize=2)
def _doc(name: str) -> ExtractResult:
    text = {"plan": PLAN, "reply": REPLY}[name]
    return extract_bytes(text.encode("utf-8"), f"{name}.txt")


def _provision(name: str, value: float):
    found = [p for p in _doc(name).provisions if p.value == value]
    assert len(found) == 1, [(p.kind, p.value) for p in _doc(name).provisions]
    return found[0]


# (rule, document, value, kind, deadline)
DEADLINES = [
    ("a list introduced by a line that opens with a deadline", "plan", 6.2, "QUOTA", "2026-12-31"),
    ("second item of that list", "plan", 91.0, "TARGET", "2026-12-31"),
    ("items under a heading that opens with a deadline", "plan", 4.0, "QUOTA", "2025-12-31"),
    ("second item under it", "plan", 100.0, "TARGET", "2025-12-31"),
    ("the deadline in its own sentence", "plan", 260.0, "TARGET", "2027-12-31"),
    # a deadline in the body after a heading does not govern the heading's sub-items
    ("body deadline does not govern sub-items", "plan", 1.0, "QUOTA", None),
    ("nor the second sub-item", "plan", 25.0, "TARGET", None),
    ("a deadline in the clause after the value's clause", "plan", 95.0, "TARGET", "2028-12-31"),
    ("a deadline of another clause does not govern", "plan", 8000000.0, "TARGET", None),
]


@pytest.mark.parametrize("rule,name,value,kind,deadline", DEADLINES, ids=[d[0] for d in DEADLINES])
def test_deadline_governance(rule: str, name: str, value: float, kind: str, deadline: str | None) -> None:
    p = _provision(name, value)
    assert (p.kind, p.deadline) == (kind, deadline)


# (rule, value, kind, date, metric_id)
REPORTED = [
    ("目前 dates a count to the document's day", 7.0, "STAT", "2024-05-06", "community_health_centres"),
    ("same sentence, next count", 14.0, "STAT", "2024-05-06", "township_health_centres"),
    ("a year before the document's date reports", 186000.0, "STAT", "2023", None),
    ("starting level of a change", 82.3, "STAT", "2021", "county_visit_rate"),
    ("level reached, metric carried over", 87.5, "STAT", "2023", "county_visit_rate"),
]


@pytest.mark.parametrize("rule,value,kind,when,metric_id", REPORTED, ids=[r[0] for r in REPORTED])
def test_reported_figures(rule: str, value: float, kind: str, when: str, metric_id: str | None) -> None:
    p = _provision("reply", value)
    assert (p.kind, p.date, p.deadline, p.metric_id) == (kind, when, None, metric_id)


def test_fields_of_a_quota() -> None:
    p = _provision("plan", 4.0)
    assert (p.comparator, p.unit, p.per.value, p.per.unit, p.section) == (">=", "名", 1.0, "乡镇卫生院", "1.")


def test_a_provisions_sentence_leaves_its_heading_number_to_section() -> None:
    text = ("关于做好家庭医生签约服务的通知\n一、到2025年，每个家庭医生团队签约人数不超过2000人。\n"
            "第十一条 长期处方的处方量一般在4周内。\n")
    got = [(p.section, p.text) for p in extract_bytes(text.encode(), "plan.txt").provisions]
    assert got == [("一、", "到2025年，每个家庭医生团队签约人数不超过2000人。"),
                   ("第十一条", "长期处方的处方量一般在4周内。")]
    for p in extract_bytes(text.encode(), "plan.txt").provisions:
        assert text.split("\n", 1)[1].find(p.text) >= 0 and p.start <= p.span_start


def test_a_provisions_sentence_runs_to_its_full_stop_and_each_keeps_its_deadline() -> None:
    text = ("关于推进门诊费用跨省直接结算的通知\n"
            "2021年底前，各省份60%以上的县有联网医疗机构；2022年底前，县域覆盖率达到100%。\n")
    got = [(p.value, p.deadline, p.text) for p in extract_bytes(text.encode(), "n.txt").provisions]
    whole = "2021年底前，各省份60%以上的县有联网医疗机构；2022年底前，县域覆盖率达到100%。"
    assert got == [(60, "2021-12-31", whole), (100, "2022-12-31", whole)]
