"""parse_date: deadlines, dates, plan periods, ranges, relative times, durations."""
from __future__ import annotations

import re
from datetime import date

import pytest

from extractor.errors import ConfigError
from extractor.normalise import _data
from extractor.normalise.dates import DateSettings, parse_date, parse_duration

DOC = date(2022, 7, 20)

# (text, role, value, relation, period)
DEADLINES = [
    ("到2025年", "deadline", "2025-12-31", "by", "year"),
    ("到2023年底", "deadline", "2023-12-31", "by", "part"),
    ("至2020年底", "deadline", "2020-12-31", "by", "part"),
    ("2020年底前", "deadline", "2020-12-31", "by", "part"),
    ("到2020年底前", "deadline", "2020-12-31", "by", "part"),
    ("2020年末", "deadline", "2020-12-31", "by", "part"),
    ("2024年上半年", "deadline", "2024-06-30", "by", "half"),
    ("2024年下半年", "deadline", "2024-12-31", "by", "half"),
    ("2024年中", "deadline", "2024-06-30", "by", "part"),
    ("2024年初", "deadline", "2024-01-01", "by", "part"),
    ("2024年第一季度", "deadline", "2024-03-31", "by", "quarter"),
    ("2024年三季度", "deadline", "2024-09-30", "by", "quarter"),
    ("2023年6月", "deadline", "2023-06-30", "by", "month"),
    ("2024年2月", "deadline", "2024-02-29", "by", "month"),  # leap year
    ("2023年2月", "deadline", "2023-02-28", "by", "month"),
    ("2023年6月底前", "deadline", "2023-06-30", "by", "part"),
    ("2023年9月中旬", "deadline", "2023-09-20", "by", "part"),
    ("2023年6月15日前", "deadline", "2023-06-15", "by", "day"),
    ("力争到2025年", "deadline", "2025-12-31", "by", "year"),
    ("截至2020年底", "deadline", "2020-12-31", "by", "part"),
    ("2025年", "deadline", "2025-12-31", "by", "year"),
    # starts: the first day of what is named
    ("2019年起", "deadline", "2019-01-01", "from", "year"),
    ("自2019年1月1日起", "deadline", "2019-01-01", "from", "day"),
    ("从2019年开始", "deadline", "2019-01-01", "from", "year"),
    ("自2022年10月起", "deadline", "2022-10-01", "from", "month"),
    ("2024年下半年起", "deadline", "2024-07-01", "from", "half"),
    ("2019年以来", "date", "2019-01-01", "from", "year"),
    ("自2020年7月23日起施行", "date", "2020-07-23", "from", "day"),
    # plan periods
    ("“十四五”期末", "deadline", "2025-12-31", "by", "plan"),
    ("\"十四五\"期末", "deadline", "2025-12-31", "by", "plan"),
    ("“十四五”末", "deadline", "2025-12-31", "by", "plan"),
    ("“十四五”时期末", "deadline", "2025-12-31", "by", "plan"),
    ("十四五时期", "deadline", "2025-12-31", "by", "plan"),
    ("“十三五”", "deadline", "2020-12-31", "by", "plan"),
    ("十三五期间", "deadline", "2020-12-31", "by", "plan"),
    ("十五五", "deadline", "2030-12-31", "by", "plan"),
    ("“十一五”期末", "deadline", "2010-12-31", "by", "plan"),
    ("“十四五”初期", "deadline", "2021-01-01", "by", "plan"),
    ("“十四五”时期", "date", "2021/2025", None, "plan"),
    # dates that report: precision as written
    ("2022年7月20日", "date", "2022-07-20", None, "day"),
    ("2024年8月2日", "date", "2024-08-02", None, "day"),
    ("二〇二四年八月二日", "date", "2024-08-02", None, "day"),
    ("二0二四年十二月三十一日", "date", "2024-12-31", None, "day"),
    ("二○二四年八月二号", "date", "2024-08-02", None, "day"),
    ("2024-09-04", "date", "2024-09-04", None, "day"),
    ("2024/9/4", "date", "2024-09-04", None, "day"),
    ("2024.9.4", "date", "2024-09-04", None, "day"),
    ("２０２４年９月４日", "date", "2024-09-04", None, "day"),
    ("2024 年 9 月 4 日", "date", "2024-09-04", None, "day"),
    ("2023年", "date", "2023", None, "year"),
    ("2023年6月", "date", "2023-06", None, "month"),
    ("2024-09", "date", "2024-09", None, "month"),
    ("2020年底", "date", "2020-12-31", None, "part"),
    ("2024年上半年", "date", "2024-01-01/2024-06-30", None, "half"),
    ("2024年度", "date", "2024", None, "year"),
    ("于2022年7月20日", "date", "2022-07-20", None, "day"),
    # ranges
    ("2020-2021年", "date", "2020/2021", None, "year"),
    ("2022—2025年", "date", "2022/2025", None, "year"),
    ("2022—2025年", "deadline", "2025-12-31", "by", "year"),
    ("2020年至2025年", "deadline", "2025-12-31", "by", "year"),
    ("2020年1月至6月", "date", "2020-01/2020-06", None, "month"),
    ("2020年1-6月", "date", "2020-01/2020-06", None, "month"),
    ("2024-09-04至2024-12-31", "date", "2024-09-04/2024-12-31", None, "day"),
]


@pytest.mark.parametrize(("text", "role", "value", "relation", "period"), DEADLINES)
def test_parse_date(text: str, role: str, value: str, relation: str | None,
                    period: str) -> None:
    d = parse_date(text, role=role)  # type: ignore[arg-type]
    assert d is not None
    assert (d.value, d.relation, d.period) == (value, relation, period)
    assert d.warning is None and d.text == text and d.rule


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2020-2021年", "2020-01-01", "2021-12-31"),
    ("2022—2025年", "2022-01-01", "2025-12-31"),
    ("“十四五”时期", "2021-01-01", "2025-12-31"),
    ("2024年上半年", "2024-01-01", "2024-06-30"),
    ("2023年", "2023-01-01", "2023-12-31"),
])
def test_start_and_end_give_the_interval(text: str, start: str, end: str) -> None:
    d = parse_date(text, role="date")
    assert d is not None and (d.start, d.end) == (start, end)


# (text, duration, working_days)
DURATIONS = [
    ("19个月", "P19M", False),
    ("三年", "P3Y", False),
    ("两年", "P2Y", False),
    ("30日", "P30D", False),
    ("三十日", "P30D", False),
    ("30天", "P30D", False),
    ("30个工作日", "P30D", True),
    ("五个工作日", "P5D", True),
    ("两周", "P2W", False),
    ("两个季度", "P6M", False),
    ("24小时", "PT24H", False),
    ("半年", "P6M", False),
    ("两年半", "P2Y6M", False),
    ("一年半", "P1Y6M", False),
    ("3年左右", "P3Y", False),
]


@pytest.mark.parametrize(("text", "duration", "working"), DURATIONS)
def test_durations(text: str, duration: str, working: bool) -> None:
    d = parse_date(text)
    assert d is not None
    assert (d.value, d.duration, d.working_days, d.period) == (None, duration, working,
                                                                "duration")
    assert parse_duration(text) == d


# (text, doc_date, value, relation, duration)
RELATIVE = [
    ("三年内", None, None, "by", "P3Y"),
    ("三年内", DOC, "2025-07-20", "by", "P3Y"),
    ("3年内", DOC, "2025-07-20", "by", "P3Y"),
    ("用3年时间", None, None, "by", "P3Y"),
    ("用3年时间", DOC, "2025-07-20", "by", "P3Y"),
    ("利用3年时间", DOC, "2025-07-20", "by", "P3Y"),
    ("用3年左右时间", DOC, "2025-07-20", "by", "P3Y"),
    ("今后五年", DOC, "2027-07-20", "by", "P5Y"),
    ("未来五年", None, None, "by", "P5Y"),
    ("两年之内", DOC, "2024-07-20", "by", "P2Y"),
    ("6个月内", DOC, "2023-01-20", "by", "P6M"),
    ("半年内", DOC, "2023-01-20", "by", "P6M"),
    ("30日内", DOC, "2022-08-19", "by", "P30D"),
    ("三年后", DOC, "2025-07-20", "from", "P3Y"),
    ("近三年", DOC, "2019-07-20", "from", "P3Y"),
    ("五年来", DOC, "2017-07-20", "from", "P5Y"),
    # month-end clamping: 2024-02-29 + 1 year
    ("一年内", date(2024, 2, 29), "2025-02-28", "by", "P1Y"),
    # working days skip the weekend (2022-07-20 is a Wednesday)
    ("5个工作日内", DOC, "2022-07-27", "by", "P5D"),
    # an event anchors it, not the document: not resolved
    ("自收到申请之日起三十日内", DOC, None, None, None),
]


@pytest.mark.parametrize(("text", "doc", "value", "relation", "duration"), RELATIVE)
def test_relative_times(text: str, doc: date | None, value: str | None,
                        relation: str | None, duration: str | None) -> None:
    d = parse_date(text, doc_date=doc)
    if duration is None:
        assert d is None or d.value is None
        return
    assert d is not None
    assert (d.value, d.relation, d.duration) == (value, relation, duration)


def test_event_anchored_duration_is_not_resolved() -> None:
    d = parse_date("收到通知后十五日内", doc_date=DOC)
    assert d is None or d.value is None


@pytest.mark.parametrize(("text", "doc", "value", "relation"), [
    ("年底", DOC, "2022-12-31", "by"),
    ("年底", None, None, "by"),
    ("明年底前", DOC, "2023-12-31", "by"),
    ("明年底前", None, None, "by"),
    ("今年上半年", DOC, "2022-06-30", "by"),
    ("6月底", DOC, "2022-06-30", "by"),
])
def test_years_named_relative_to_the_document(text: str, doc: date | None,
                                              value: str | None, relation: str) -> None:
    d = parse_date(text, doc_date=doc)
    assert d is not None and (d.value, d.relation) == (value, relation)


# invalid: a result with a warning, never an exception
INVALID = ["2023年2月30日", "2023年13月", "13月", "二〇二五年十三月", "2023-02-30", "2023/13/1",
           "2025—2022年", "2022年6月31日", "2023年2月29日", "每月三十二日前", "每年2月30日前"]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_dates_warn(text: str) -> None:
    d = parse_date(text, role="date")
    assert d is not None and d.value is None
    assert d.warning and d.warning.startswith("PX-W05") and text in d.warning


UNREADABLE = ["", "   ", "基层就诊率", "十五", "九五", "七八年", "每年", "每月前", "2023", "12.3.4%",
              "年", "月", "“十四五”规划纲要全文", None, 2025]


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable_text_gives_none(text) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "value", "recurrence"), [
    ("每年3月底前", "--03-31", "P1Y"),
    ("每年12月20日前", "--12-20", "P1Y"),
    ("每年2月29日前", "--02-29", "P1Y"),
    ("每月十日前", "---10", "P1M"),
    ("次月10日前", "---10", "P1M"),
])
def test_recurring_times_keep_only_what_recurs(text: str, value: str, recurrence: str) -> None:
    d = parse_date(text)
    assert d is not None
    assert (d.value, d.recurrence, d.relation) == (value, recurrence, "by")


def test_leap_day_is_valid() -> None:
    d = parse_date("2024年2月29日", role="date")
    assert d is not None and d.value == "2024-02-29"


def test_strategies_run_in_configured_order() -> None:
    # "三年内" is a relative time by default; with only "duration" it is a bare length
    d = parse_date("三年内", doc_date=DOC, settings={"strategies": ["duration"]})
    assert d is not None and (d.value, d.duration, d.rule) == (None, "P3Y", "duration")
    assert parse_date("2023年", settings=DateSettings(strategies=("duration",))) is None


@pytest.mark.parametrize("settings", [{"strategies": ["absolute", "guess"]}, {"order": []},
                                      "absolute", {"strategies": []}])
def test_bad_settings_name_the_problem(settings) -> None:
    with pytest.raises(ConfigError):
        parse_date("2023年", settings=settings)


def test_bad_role_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="role"):
        parse_date("2023年", role="when")  # type: ignore[arg-type]


def test_to_dict_is_json_ready() -> None:
    d = parse_date("到2025年")
    assert d is not None
    assert d.to_dict() == {"value": "2025-12-31", "relation": "by", "duration": None,
                           "period": "year", "start": "2025-01-01", "end": "2025-12-31",
                           "working_days": False, "rule": "absolute:year",
                           "text": "到2025年", "warning": None, "recurrence": None}


def _period_examples() -> list[tuple[str, str, str | None]]:
    """periods.yaml rows whose example reads "TEXT → [by|from] YYYY-MM-DD"."""
    out = []
    data = _data.load("periods.yaml")
    for section in ("plan_periods", "plan_suffixes", "parts_of_year", "parts_of_month",
                    "markers"):
        for r in data[section]:
            m = re.fullmatch(r"(\S+) → (?:(by|from) )?(\d{4}-\d{2}-\d{2})", r["example"])
            if m:
                out.append((m.group(1), m.group(3), m.group(2)))
    return out


@pytest.mark.parametrize(("text", "value", "relation"), _period_examples())
def test_periods_yaml_examples_read_back(text: str, value: str, relation: str | None) -> None:
    d = parse_date(text, role="deadline")
    assert d is not None and d.value == value
    if relation:
        assert d.relation == relation


def test_every_duration_unit_example_reads_back() -> None:
    for r in _data.load("periods.yaml")["duration_units"]:
        text, _, iso = r["example"].partition(" → ")
        d = parse_date(text)
        assert d is not None and d.duration == iso.split()[0], r
