"""TARGET, QUOTA and STAT spans (extractor/recognise/figures.py, data/figures.yaml).

Every sentence here is invented for the rule it pins; none is taken from a seed.
"""
from __future__ import annotations

from datetime import date

import pytest

from extractor.models import Sentence
from extractor.recognise.context import DocContext
from extractor.recognise.figures import find_figures


def figures(text: str, ctx: DocContext | None = None,
            sentences: list[tuple[int, int]] | None = None) -> list[tuple[str, str]]:
    found = find_figures(text, ctx, sentences or [(0, len(text))])
    return [(f.label, text[f.start:f.end]) for f in found]


def one(text: str, ctx: DocContext | None = None):
    found = find_figures(text, ctx, [(0, len(text))])
    assert len(found) == 1, [(f.label, text[f.start:f.end]) for f in found]
    return found[0]


# (rule, sentence, expected [(label, span)])
CASES = [
    # a count of named institutions closing a list is what exists: STAT, the count and its noun
    ("bare count after 等", "改造地点包括东门社区卫生服务中心、西城镇卫生院等12家基层医疗卫生机构。",
     [("STAT", "12家基层医疗卫生机构")]),
    ("bare count opening its clause", "我县9家乡镇卫生院要在年内完成信息系统改造。",
     [("STAT", "9家乡镇卫生院")]),
    ("count after a list of names", "支持县人民医院、县中医院两家牵头医院建设胸痛中心。",
     [("STAT", "两家牵头医院")]),
    # a report cue makes a required-looking count a STAT
    ("report mood beats a target verb", "全区已组建3个紧密型医联体，取得了积极成效。",
     [("STAT", "3个紧密型医联体")]),
    ("report adverb and verb open the span", "去年县医院共派出12名骨干医师到乡镇坐诊。",
     [("STAT", "共派出12名骨干医师")]),
    ("count closing its clause", "其中乡镇卫生院11家、村卫生室145个。",
     [("STAT", "乡镇卫生院11家"), ("STAT", "村卫生室145个")]),
    # money: spent or budgeted unless a level is required of it
    ("money amount is a STAT", "该项目估算总投资为2.35亿元，建设周期两年。",
     [("STAT", "项目估算总投资为2.35亿元")]),
    ("money without 元 after a money noun", "去年落实上级补助资金300万、地方配套资金120万元。",
     [("STAT", "落实上级补助资金300万"), ("STAT", "地方配套资金120万元")]),
    # allocation norms
    ("value before the phrase it sets", "按150%测算服务人口每5万人配置1辆负压救护车。",
     [("QUOTA", "按150%测算服务人口"), ("QUOTA", "每5万人配置1辆负压救护车")]),
    ("comparator before the per-base", "按照不少于常住人口每千人2.5张的要求配置康复床位。",
     [("QUOTA", "不少于常住人口每千人2.5张")]),
    ("setting up a quoted count", "2.组建“五个专科中心”。",
     [("QUOTA", "五个专科中心")]),
    ("minimum staffing", "街道综合执法队至少配备3名专职执法人员。",
     [("QUOTA", "至少配备3名专职执法人员")]),
    ("minimum staffing per place", "每个街道综合执法队至少配备3名专职执法人员。",
     [("QUOTA", "每个街道综合执法队至少配备3名专职执法人员")]),
    ("a share of an allocation", "全县配备救护车20辆，其中监护型救护车占比达到30%以上。",
     [("QUOTA", "救护车20辆"), ("QUOTA", "监护型救护车占比达到30%以上")]),
    # what must be reached
    ("per-place count that must reach a level", "每个镇至少有1所中心卫生院达到二级医院水平。",
     [("TARGET", "每个镇至少有1所中心卫生院达到二级医院水平")]),
    ("per-time count of things to do", "每年遴选5-8项适宜技术在基层推广。",
     [("TARGET", "每年遴选5-8项适宜技术")]),
    ("count with a deadline in a plan", "到2027年，全县培训乡村医生300名。",
     [("TARGET", "培训乡村医生300名")]),
    ("count subject of a deadline verb", "到2026年，全市20个乡镇基本建成标准化中心卫生院。",
     [("TARGET", "20个乡镇基本建成标准化中心卫生院")]),
    ("a verb opens the clause, the count closes it", "新建标准化村卫生室25个。",
     [("TARGET", "新建标准化村卫生室25个")]),
    ("list items share the first item's verb", "三个病区床位使用率分别达到90%、85%、80%。",
     [("TARGET", "床位使用率分别达到90%"), ("TARGET", "85%"), ("TARGET", "80%")]),
    ("money each year is a level to keep", "县财政每年安排慢病防治经费不低于300万元。",
     [("TARGET", "每年安排慢病防治经费不低于300万元")]),
    ("a grant is an allocation standard", "对评为示范村卫生室的，给予一次性奖励3万元。",
     [("QUOTA", "给予一次性奖励3万元")]),
    # not figures
    ("slogan numbers", "坚持“三个统一”，抓好四个方面的工作。", []),
    ("durations are not counts", "整改期限为三个月。", []),
    ("vague counts", "引进一批高层次人才，培育一系列特色专科。", []),
    ("one-off is an adverb", "实行一次性奖励，二次供水设施定期清洗。", []),
    ("a fine is a norm", "逾期不改正的，处二千元以上二万元以下罚款。",
     [("QUOTA", "处二千元以上二万元以下罚款")]),
    ("condition", "货值金额不足五千元的，没收违法所得。", []),
    ("a list item that is a condition", "（二）造成5人以上10人以下重伤，或者直接经济损失500万元以上的；", []),
    ("modifier of a noun", "为65岁以上老年人免费体检，服务人口超过3万人的社区增设服务站。", []),
    ("value inside a cited title", "依据《某省卫生事业发展“十四五”规划（2021—2025年）》执行。", []),
    ("ordinal", "全省排名第3位。", []),
    ("一 inside a word", "依托统一架构的平台，实现唯一一套标准。", []),
    ("classification", "医疗机构分为甲、乙、丙三类。", []),
    ("a count with its own count after a verb is a base", "农村村民一户只能拥有一处宅基地。",
     [("STAT", "一处宅基地")]),
    ("scope count before a juxtaposed count", "全省12个地市60个县（市、区）全面建成县域医共体。",
     [("STAT", "60个县")]),
    ("scope count closing its clause before a target", "甲县、乙县等4个试点县，县域内就诊率达到90%。",
     [("TARGET", "县域内就诊率达到90%")]),
    ("a count that is a base", "原则上一个街道设置一个社区卫生服务中心。",
     [("QUOTA", "一个社区卫生服务中心")]),
]


@pytest.mark.parametrize("rule,text,expected", CASES, ids=[c[0] for c in CASES])
def test_figures(rule: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


def test_money_unit_and_value() -> None:
    f = one("省级补助资金500万已全部拨付到位。")
    assert (f.label, float(f.quantity.value), f.quantity.unit) == ("STAT", 5000000.0, "元")


def test_list_item_comparator() -> None:
    found = find_figures("三个病区床位使用率分别达到90%、85%、80%。", None, [(0, 24)])
    assert [f.quantity.comparator for f in found] == ["=", "=", "="]


def test_comparator_before_per_base() -> None:
    f = one("按照不少于常住人口每千人2.5张的要求配置康复床位。")
    q = f.quantity
    assert (q.comparator, q.qualifier, float(q.per.value), q.per.unit) == (">=", "不少于", 1000.0, "人")


def test_change_pair_gives_two_stats() -> None:
    text = "2023年，全县基层就诊率由2020年的48.5%逐步提升到2023年的56.2%。"
    ctx = DocContext(date=date(2024, 5, 1))
    assert figures(text, ctx) == [("STAT", "基层就诊率由2020年的48.5%"), ("STAT", "提升到2023年的56.2%")]
    second = find_figures(text, ctx, [(0, len(text))])[1]
    assert second.metric and second.metric[2] == "primary_care_visit_rate"  # carried over


def test_change_pair_in_a_plan_reaches_a_target() -> None:
    text = "到2026年，县域内住院率由2023年的80%提高到88%。"
    assert figures(text) == [("STAT", "县域内住院率由2023年的80%"), ("TARGET", "提高到88%")]


def test_past_year_before_document_date_reports() -> None:
    text = "2023年，县医院门急诊人次达到35万人次。"
    # (the hospital is the subject, outside the span)
    assert figures(text, DocContext(date=date(2024, 3, 1))) == [("STAT", "门急诊人次达到35万人次")]
    assert figures(text, DocContext(date=date(2022, 3, 1))) == [("TARGET", "门急诊人次达到35万人次")]


def test_earlier_five_year_plan_reports() -> None:
    text = "“十四五”规划。“十三五”期间，全市新建中小学校30所。到2025年，新建中小学校20所。"
    spans = [(0, 7), (7, 27), (27, len(text))]
    assert figures(text, sentences=spans) == [("STAT", "新建中小学校30所"), ("TARGET", "新建中小学校20所")]


def test_paragraph_keeps_its_mood() -> None:
    # the second sentence says nothing of its own tense: the paragraph's report carries over
    text = "截至2023年底，全县共有医疗卫生机构320家。按常住人口计算，每千人口床位5.8张。"
    spans = [(0, 24), (24, len(text))]
    assert [lab for lab, _ in figures(text, sentences=spans)] == ["STAT", "STAT"]
    assert [lab for lab, _ in figures(text[24:])] == ["QUOTA"]  # alone: a per-capita norm


@pytest.mark.parametrize("text,metric_id", [
    # a name shortened after an earlier metric of the sentence
    ("力争县域内就诊率达到92%左右，住院率达到88%左右。", "county_inpatient_rate"),
    # a bracketed exception for one place keeps the metric before it
    ("县域内住院率达到85%左右（博罗县达到80%左右）。", "county_inpatient_rate"),
    # the counted noun names it
    ("改造8家镇卫生院。", "township_health_centres"),
    # verb and noun name it
    ("市医院派遣6名专家常驻县医院。", "dispatched_experts"),
])
def test_metric_resolution(text: str, metric_id: str) -> None:
    last = find_figures(text, None, [(0, len(text))])[-1]
    got = last.metric[2] if last.metric else (last.metric_name or (None, ""))[0]
    assert got == metric_id


def test_metric_unit_must_fit() -> None:
    # 派出专家 counts people; "150人次" counts visits: not that metric
    f = one("今年派出专家下乡义诊150人次。")
    assert not (f.metric and f.metric[2]) and not (f.metric_name or (None, ""))[0]


def test_law_sentences_give_their_fines_and_time_limits() -> None:
    # the fines are norms (ranges of 元 and of 倍), the time limit a processing limit (a
    # TARGET in days); the condition 货值金额一万元以上的 is not a figure
    law = ("第三十条 违反本条例规定，未取得许可擅自经营的，由卫生健康主管部门责令改正，没收违法所得，"
           "并处五千元以上三万元以下罚款；货值金额一万元以上的，并处货值金额五倍以上十倍以下罚款。"
           "申请人应当自收到通知之日起十五日内提交材料。")
    sentences = [Sentence(start=0, end=len(law), text=law)]
    got = find_figures(law, DocContext(sentences=sentences))
    assert [(f.label, law[f.start:f.end], f.quantity.value, f.quantity.value_max, f.quantity.unit)
            for f in got] == [
        ("QUOTA", "处五千元以上三万元以下罚款", 5000, 30000, "元"),
        ("QUOTA", "处货值金额五倍以上十倍以下罚款", 5, 10, "倍"),
        ("TARGET", "十五日内提交材料", 15, None, "日")]
    assert all(f.metric_name == (None, "罚款") and f.quantity.comparator is None for f in got[:2])


TIME_LIMITS = [
    ("应于2个工作日内做出是否受理的决定。", "2个工作日内做出是否受理的决定", 2, "工作日", "<="),
    ("在公示完成后5个工作日内，向财政部门提交申请。", "5个工作日内，向财政部门提交申请", 5, "工作日", "<="),
    ("公示时间为5个工作日。", "公示时间为5个工作日", 5, "工作日", "="),
    ("公告时间不得少于三十日。", "公告时间不得少于三十日", 30, "日", ">="),
    ("应当在抢救结束后6小时内据实补记。", "6小时内据实补记", 6, "小时", "<="),
    ("死者尸体存放时间一般不得超过14日。", "存放时间一般不得超过14日", 14, "日", "<="),
    # a cap written before the length, with the step after it
    ("从验收合格到付款不得超过30天。", "不得超过30天", 30, "天", "<="),
    ("自申报截止之日起不超过20个工作日拨付资金。", "不超过20个工作日拨付资金", 20, "工作日", "<="),
    ("病情稳定的患者适当延长，最长不超过12周。", "最长不超过12周", 12, "周", "<="),
]


@pytest.mark.parametrize("sentence,span,value,unit,comparator", TIME_LIMITS)
def test_processing_limits_are_targets_in_days(sentence, span, value, unit, comparator) -> None:
    [f] = find_figures(sentence)
    assert (f.label, sentence[f.start:f.end], f.quantity.value, f.quantity.unit,
            f.quantity.comparator) == ("TARGET", span, value, unit, comparator)


def test_a_limit_in_days_is_no_deadline() -> None:
    from extractor.recognise.dates import find_dates

    assert find_dates("财政部门于15个工作日内兑付资金。") == []
    assert find_dates("5年内不得从事医疗损害鉴定业务。") == []  # how long a ban lasts
    assert [e.label for e in find_dates("计划建设工期19个月。")] == ["DEADLINE"]


SHARES_AND_SIZES = [
    # a share of a budget or a fund is an allocation norm
    ("科技三项费用应占本年度财政预算支出的百分之一点二以上。", 1.2, ">="),
    ("农业发展基金每年应安排百分之三十用于农业科技成果的转化。", 30, None),
    # the size of a facility set up
    ("每个乡、镇由政府设置一所卫生院，建筑面积不少于一千五百平方米。", 1500, ">="),
    # a contribution set as a share of a base
    ("职工个人每月按照本人上一年度月平均工资的百分之八缴纳基本养老保险费。", 8, None),
]


@pytest.mark.parametrize("sentence,value,comparator", SHARES_AND_SIZES)
def test_shares_of_funds_and_facility_sizes_are_quotas(sentence, value, comparator) -> None:
    f = find_figures(sentence)[-1]
    assert (f.label, float(f.quantity.value), f.quantity.comparator) == ("QUOTA", value, comparator)


@pytest.mark.parametrize("sentence", [
    "农机创新产品补贴品目实行总量控制，年度总数量不超过10个，按年度进行调整。",
    "每个县选择不超过3个品目开展试点。",
])
def test_an_upper_limit_with_nothing_to_reach_is_a_norm(sentence: str) -> None:
    assert [f.label for f in find_figures(sentence)] == ["QUOTA"]


def test_an_upper_limit_to_reach_by_a_deadline_stays_a_target() -> None:
    sentence = "到2025年，个人卫生支出占卫生总费用的比例不超过27%。"
    assert "TARGET" in [f.label for f in find_figures(sentence)]


def test_farm_measures_are_units() -> None:
    sentence = "粮食产量稳定在1.4万亿斤左右，耕地保有量不低于18亿亩。"
    got = [(f.label, f.quantity.value, f.quantity.unit) for f in find_figures(sentence)]
    assert got == [("TARGET", 1_400_000_000_000, "斤"), ("TARGET", 1_800_000_000, "亩")]


def test_rates_per_100000_keep_their_base_in_the_unit() -> None:
    sentence = "到2025年，孕产妇死亡率控制在12/10万以下，婴儿死亡率控制在5‰以下。"
    got = [(f.label, f.quantity.value, f.quantity.unit, f.quantity.comparator)
           for f in find_figures(sentence)]
    assert got == [("TARGET", 12, "/10万", "<="), ("TARGET", 5, "‰", "<=")]


def test_an_age_band_is_no_value_even_under_a_per_capita_base() -> None:
    sentence = "到2025年，每千常住人口拥有3岁以下婴幼儿托位数达到4.5个。"
    figures = find_figures(sentence)
    assert [(f.quantity.value, f.quantity.unit) for f in figures] == [(4.5, "个")]
    assert figures[0].quantity.per.value == 1000


def test_shares_and_ratios_under_an_allocation_norm_are_quotas() -> None:
    sentence = ("按照医院等级与功能任务的需要确定床位与人员配比，二级以上综合医院卫生技术人员数占比"
                "不少于70%，实际开放床位与卫生技术人员比例不低于1∶1.25。")
    assert [f.label for f in find_figures(sentence)] == ["QUOTA", "QUOTA"]


def test_a_place_base_does_not_reach_the_size_of_what_it_sets_up() -> None:
    # the base belongs to the count; the floor area after it is per facility, not per village
    t = "（二）每个行政村设置一个村卫生室，建筑面积不少于一百二十平方米。"
    got = [(f.label, t[f.start:f.end], f.quantity.per.unit if f.quantity.per else None)
           for f in find_figures(t)]
    assert got == [("QUOTA", "每个行政村设置一个村卫生室", "行政村"),
                   ("QUOTA", "建筑面积不少于一百二十平方米", None)]


SUSPENSIONS = [
    ("并可以责令暂停6个月以上1年以下执业活动；", "暂停6个月以上1年以下执业活动", 6, 12, "月"),
    ("情节严重的，5年内不得从事医疗损害鉴定业务。", "5年内不得从事医疗损害鉴定业务", 5, None, "年"),
    ("对列入黑名单的供应商，采购单位三年内不得与其签订合同。", "三年内不得与其签订合同", 3, None, "年"),
]


@pytest.mark.parametrize("sentence,span,value,value_max,unit", SUSPENSIONS)
def test_suspensions_and_bans_are_penalty_norms(sentence, span, value, value_max, unit) -> None:
    [f] = find_figures(sentence)
    assert (f.label, sentence[f.start:f.end], f.quantity.value, f.quantity.value_max,
            f.quantity.unit) == ("QUOTA", span, value, value_max, unit)


def test_how_often_is_a_count_per_period() -> None:
    f = one("药品目录调整周期原则上两年一次。")
    assert (f.label, f.quantity.value, f.quantity.unit) == ("TARGET", 1, "次")
    assert (f.quantity.per.value, f.quantity.per.unit) == (2, "年")


def test_every_kind_of_thing_is_a_per_base_named_by_its_noun() -> None:
    t = "每种耗材的供应企业原则上不超过3家，每类设备的备用台数不少于1台。"
    got = [(f.quantity.per.value, f.quantity.per.unit) for f in find_figures(t)]
    assert got == [(1, "耗材"), (1, "设备")]


def test_a_base_inside_a_longer_word_is_named_by_that_word() -> None:
    # 家庭 alone would be a household; here it begins 家庭医生团队
    t = "每个家庭医生团队签约人数不超过2000人，每个家庭补助500元。"
    got = [(f.quantity.per.value, f.quantity.per.unit) for f in find_figures(t)]
    assert got == [(1, "家庭医生团队"), (1, "户")]


def test_a_length_capping_an_amount_is_a_norm_and_no_deadline() -> None:
    from extractor.recognise.dates import find_dates

    t = "长期处方的处方量一般在4周内；病情稳定的患者适当延长，最长不超过12周。"
    got = [(f.label, t[f.start:f.end], f.quantity.value, f.quantity.unit, f.quantity.comparator)
           for f in find_figures(t)]
    assert got == [("QUOTA", "处方量一般在4周内", 4, "周", "<="),
                   ("QUOTA", "最长不超过12周", 12, "周", "<=")]
    assert find_dates(t) == []
    # a task done within the time keeps its deadline, and 质量 is no amount
    assert [e.text for e in find_dates("库存量在3个月内消化，保证质量在3个月内完成。")] \
        == ["3个月内", "3个月内"]


def test_a_share_to_be_reached_is_a_target_and_its_deadline_stays_outside() -> None:
    t = "（二）2027年底前实现门诊统筹资金占本地基金月支出的60%以上。"
    f = one(t)
    assert (f.label, t[f.start:f.end]) == ("TARGET", "门诊统筹资金占本地基金月支出的60%以上")


PERIODS = [
    # a period set up, or extended: a norm, named by the period
    ("对新纳入的医疗机构设立6个月政策辅导期。", "6个月政策辅导期", 6, "月", "政策辅导期"),
    ("考核不合格的，政策辅导期延长6个月。", "政策辅导期延长6个月", 6, "月", "政策辅导期"),
    # a validity period with a floor
    ("临时外出就医人员备案有效期原则上不少于6个月。", "备案有效期原则上不少于6个月", 6, "月", None),
]


@pytest.mark.parametrize("sentence,span,value,unit,metric", PERIODS)
def test_a_period_set_up_or_extended_is_a_norm(sentence, span, value, unit, metric) -> None:
    f = one(sentence)
    assert (f.label, sentence[f.start:f.end], f.quantity.value, f.quantity.unit) == (
        "QUOTA", span, value, unit)
    if metric:
        assert sentence[f.metric[0]:f.metric[1]] == metric


def test_words_ending_in_qi_name_no_period_and_years_are_none() -> None:
    assert find_figures("与2024年同期相比，按期完成。") == []


def test_a_cap_in_months_is_a_time_limit_and_a_task_within_months_keeps_its_deadline() -> None:
    f = one("清算延期最长不超过2个月。")
    assert (f.label, f.quantity.value, f.quantity.unit, f.quantity.comparator) == ("TARGET", 2, "月", "<=")
    assert find_figures("各地在3个月内完成整改。") == []


def test_doubling_is_a_multiple_to_reach() -> None:
    t = "到2025年底，联网定点医药机构数量实现翻一番。"
    f = one(t)
    assert (f.label, t[f.start:f.end], f.quantity.value, f.quantity.unit) == (
        "TARGET", "联网定点医药机构数量实现翻一番", 2, "倍")


def test_points_are_a_unit_and_a_label_in_brackets_sets_no_value() -> None:
    f = one("一个自然年度内记分达到9分，登记备案状态应当维护为暂停。")
    assert (f.quantity.value, f.quantity.unit) == (9, "分")
    assert find_figures("【记1—3分情形】相关人员出现以下情形的：") == []


def test_a_time_limits_extension_is_a_target() -> None:
    f = one("经法制机构负责人批准后可延长十个工作日。")
    assert (f.label, f.quantity.value, f.quantity.unit, f.quantity.comparator) == ("TARGET", 10, "工作日", None)
    t = "涉及公民生命健康安全的，上述期限延长至五年。"
    f = one(t)
    assert (t[f.start:f.end], f.quantity.value, f.quantity.unit, f.quantity.comparator) == (
        "上述期限延长至五年", 5, "年", "=")


def test_a_fine_given_is_a_norm() -> None:
    f = one("（一）依法给予一百元以下的罚款的；")
    assert (f.label, f.quantity.value, f.quantity.unit, f.quantity.comparator) == ("QUOTA", 100, "元", "<=")


def test_a_slogan_word_after_a_count_with_a_comparator_is_an_adjective() -> None:
    t = "2025年12月底前，试点地区至少将50种重点监测医保药品纳入智能监管覆盖范围。"
    assert [f.quantity.value for f in find_figures(t)] == [50]
    assert find_figures("抓好三个重点，暂停执业不超过6个月。")[0].quantity.unit == "月"  # no count of 个


def test_two_fines_sharing_one_noun_are_two_norms() -> None:
    t = "对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款的，可以当场作出决定。"
    got = [(t[f.start:f.end], f.quantity.value) for f in find_figures(t)]
    assert got == [("处以二百元以下", 200), ("处以三千元以下罚款", 3000)]


def test_an_aside_after_a_count_is_counted_on_its_own() -> None:
    t = "报送试点单位10家（其中定点医疗机构8家、定点零售药店2家）。"
    assert [t[f.start:f.end] for f in find_figures(t)] == [
        "报送试点单位10家", "定点医疗机构8家", "定点零售药店2家"]


def test_n_or_more_than_n_is_one_figure() -> None:
    f = one("医师于注册期内在两个或两个以上医疗机构定期执业。")
    assert (f.quantity.value, f.quantity.comparator) == (2, ">=")


def test_a_rate_after_an_allocating_clause_is_a_level_not_a_share_of_it() -> None:
    assert figures("配置充分的审核力量，检出疑点问题“阳性率”保持在50%以上。") == [
        ("TARGET", "检出疑点问题“阳性率”保持在50%以上")]
    assert figures("配备救护车，其中负压救护车达到40%以上。")[0][0] == "QUOTA"


THRESHOLDS = [
    ("多点执业的医师应当从事同一专业工作满5年；", "从事同一专业工作满5年", 5, "年", ">="),
    ("2011年1月1日以后退休且缴费年限满十五年的；", "缴费年限满十五年", 15, "年", ">="),
    ("或者患者在病历资料封存满3年未再提出要求的，可以启封。", "病历资料封存满3年", 3, "年", ">="),
    ("（三）被吊销医师执业证书不满二年；", "被吊销医师执业证书不满二年", 2, "年", "<"),
    ("实际工作时间未满十二个月的，按月计算。", "实际工作时间未满十二个月", 12, "月", "<"),
]


@pytest.mark.parametrize("sentence,span,value,unit,comparator", THRESHOLDS)
def test_a_length_served_is_an_eligibility_threshold(sentence, span, value, unit, comparator) -> None:
    [f] = [f for f in find_figures(sentence) if f.quantity.unit == unit]
    assert (f.label, sentence[f.start:f.end], f.quantity.value, f.quantity.comparator) == (
        "QUOTA", span, value, comparator)


def test_an_expiry_or_a_rate_per_year_served_is_no_threshold() -> None:
    assert figures("应当在注册证有效期届满6个月前提出延续申请。") == []
    assert all(f.quantity.unit != "年" for f in find_figures("缴费每满一年发给百分之一。"))


def test_a_share_each_party_pays_and_a_rate_set_are_norms() -> None:
    assert figures("雇工的养老保险费，由雇工缴纳百分之八，雇主缴纳百分之十二。") == [
        ("QUOTA", "由雇工缴纳百分之八"), ("QUOTA", "雇主缴纳百分之十二")]
    assert figures("单位缴费比例为16%。") == [("QUOTA", "单位缴费比例为16%")]


def test_a_surcharge_per_day_is_a_penalty_norm() -> None:
    f = one("自欠缴之日起按日加收欠缴费额千分之二的滞纳金。")
    assert (f.label, f.quantity.value, f.quantity.unit) == ("QUOTA", 2, "‰")
    assert (f.quantity.per.value, f.quantity.per.unit) == (1, "日")
    assert figures("逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。") == [
        ("QUOTA", "每日按罚款数额的百分之三加处罚款")]


def test_points_given_for_a_failing_and_a_points_threshold_are_norms() -> None:
    f = one("根据责任程度，每次记1—3分：")
    assert (f.label, f.quantity.value, f.quantity.value_max, f.quantity.unit) == ("QUOTA", 1, 3, "分")
    f = one("累计记满12分的，暂停其资格。")
    assert (f.label, f.quantity.value, f.quantity.comparator) == ("QUOTA", 12, ">=")
