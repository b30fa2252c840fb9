"""The metric catalogue: indicator names as documents write them → stable ids."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from extractor import metrics
from extractor.errors import DataFileError
from extractor.metrics import Catalogue

ROOT = Path(__file__).resolve().parent.parent

# Every indicator the five seeds give a value for (or name as an assessment indicator),
# written exactly as the seed writes it, and the id it must map to.
SEED_INDICATORS = [
    # 000 廉江: county medical community and epidemic-control capacity
    ("000", "县域内住院率", "county_inpatient_rate"),
    ("000", "县域内基层就诊率", "primary_care_visit_rate"),
    ("000", "救护车", "ambulances"),
    ("000", "负压救护车", "negative_pressure_ambulance_share"),
    ("000", "储备隔离房间", "isolation_rooms"),
    ("000", "集中隔离用房数", "isolation_rooms"),
    ("000", "具备核酸检测能力的医疗机构", "pcr_testing_institutions"),
    ("000", "估算总投资", "total_investment"),
    ("000", "基层医疗卫生机构", "primary_care_institutions"),
    # 001 汕头: reply to a CPPCC proposal
    ("001", "县域医共体", "county_medical_communities"),
    ("001", "投入", "fiscal_investment"),
    ("001", "财政投入", "fiscal_investment"),
    ("001", "病例转诊", "referrals"),
    ("001", "上转", "upward_referrals"),
    ("001", "下转", "downward_referrals"),
    ("001", "收治住院病人", "inpatient_admissions"),
    ("001", "县域住院率", "county_inpatient_rate"),
    ("001", "县域内住院率", "county_inpatient_rate"),
    ("001", "基层就诊率", "primary_care_visit_rate"),
    ("001", "流动送医岗位", "outreach_post_share"),
    ("001", "流动送培岗位", "training_post_share"),
    ("001", "三级医院", "tertiary_hospitals"),
    ("001", "二级医院", "secondary_hospitals"),
    ("001", "基层医疗机构", "primary_care_institutions"),
    ("001", "社区卫生服务中心", "community_health_centres"),
    ("001", "村卫生站", "village_clinics"),
    # 002 湛江: county hospital capability
    ("002", "县级医院医疗服务能力达到基本标准", "county_hospital_basic_standard_share"),
    ("002", "县级医院医疗服务能力达到推荐标准", "county_hospital_recommended_standard_share"),
    ("002", "县级医院达到二级甲等医院", "county_hospitals_grade_2a"),
    ("002", "达到“三级医院”服务能力", "county_hospitals_tertiary_capability"),
    ("002", "县域内就诊率", "county_visit_rate"),
    ("002", "县域内住院率", "county_inpatient_rate"),
    ("002", "基层就诊率", "primary_care_visit_rate"),
    ("002", "接受住院医师规范化培训", "residency_training_rate"),
    ("002", "县外转出率", "county_outflow_rate"),
    # 003 荆门: "十四五" health service system plan
    ("003", "各级各类医疗卫生机构", "health_institutions"),
    ("003", "基层医疗卫生机构", "primary_care_institutions"),
    ("003", "专业公共卫生机构", "public_health_institutions"),
    ("003", "社区卫生服务中心", "community_health_centres"),
    ("003", "村卫生室", "village_clinics"),
    ("003", "医疗卫生机构床位数", "beds_total"),
    ("003", "执业(助理)医师", "licensed_doctors"),
    ("003", "每千人口床位", "beds_per_1000"),
    ("003", "大型乙类设备", "large_medical_equipment"),
    ("003", "医疗机构门诊", "outpatient_visits"),
    ("003", "出院", "discharges"),
    ("003", "人均预期寿命", "life_expectancy"),
    ("003", "每千人口医疗卫生机构床位数", "beds_per_1000"),
    ("003", "每千人口康复床位", "rehab_beds_per_1000"),
    ("003", "精神科床位", "psychiatric_beds_per_1000"),
    ("003", "公立中医医院床位", "tcm_hospital_beds_per_1000"),
    ("003", "开放床位数", "open_beds_share_of_approved"),
    ("003", "床护比", "bed_nurse_ratio"),
    ("003", "每千人口执业(助理)医师数", "doctors_per_1000"),
    ("003", "药师(士)数", "pharmacists_per_1000"),
    ("003", "每万人口全科医生数", "gps_per_10000"),
    ("003", "疾病预防控制机构人员", "cdc_staff_per_10000"),
    ("003", "卫生监督员", "health_inspectors_per_10000"),
    ("003", "妇幼保健机构保健人员", "mch_staff_per_10000"),
    ("003", "公共卫生医师", "public_health_physicians"),
    ("003", "卫生技术人员数占比", "health_technician_share"),
    ("003", "实际开放床位与卫生技术人员比例", "bed_staff_ratio"),
    ("003", "大学生村医", "graduate_village_doctors"),
    ("003", "每万人口精神科执业(助理)医师", "psychiatrists_per_100k"),
    ("003", "负压型救护车占比", "negative_pressure_ambulance_share"),
    ("003", "送血车", "blood_delivery_vehicles"),
    ("003", "国家级临床重点专科", "national_key_clinical_specialties"),
    ("003", "国家级中医重点专科", "national_key_tcm_specialties"),
    ("003", "省级临床(中医)重点专科", "provincial_key_clinical_specialties"),
    ("003", "中医特色专科", "tcm_featured_specialties"),
    ("003", "专业技术人员占编制总额的比例", "professional_staff_share"),
    ("003", "公共卫生人员占专业技术人员比例", "public_health_staff_share"),
    ("003", "平均服务半径", "ems_station_service_radius"),
    ("003", "急救圈", "ems_coverage_time"),
    ("003", "急诊科观察床", "emergency_observation_bed_share"),
    ("003", "ICU 床位", "icu_bed_share"),
    ("003", "可转换 ICU", "convertible_icu_bed_share"),
    ("003", "“优质服务基层行”推荐标准", "primary_quality_service_standard_share"),
    ("003", "中医药适宜技术", "tcm_appropriate_techniques"),
    ("003", "每千人口拥有3岁以下婴幼儿托位数", "childcare_places_per_1000"),
    ("003", "托位/千人", "childcare_places_per_1000"),
    ("003", "婴幼儿托位数", "childcare_places"),
    ("003", "普惠托位", "affordable_childcare_places"),
    ("003", "每千人口儿科床位数", "paediatric_beds_per_1000_children"),
    ("003", "每千名儿童儿科执业(助理)医师数", "paediatricians_per_1000_children"),
    ("003", "二级以上综合性医院老年医学科开设率", "geriatrics_department_rate"),
    ("003", "开展安宁疗护服务", "palliative_care_institution_share"),
    ("003", "护理床位占比", "nursing_bed_share"),
    ("003", "社区康复网络覆盖", "community_mental_rehab_coverage"),
    # 004 连平: county medical community plan
    ("004", "乡镇卫生院", "township_health_centres"),
    ("004", "公建规范化村卫生站", "village_clinics"),
    ("004", "县域住院率", "county_inpatient_rate"),
    ("004", "基层诊疗量占比", "primary_care_visit_rate"),
    ("004", "双向转诊数量", "referrals"),
    ("004", "医保基金县域内支出率", "insurance_fund_county_expenditure_rate"),
    ("004", "医保基金县域内基层医疗卫生机构支出率", "insurance_fund_primary_expenditure_rate"),
    ("004", "财政投入", "fiscal_investment"),
]


# Indicators of the national plans (国务院"十四五"医疗卫生服务体系规划, "十四五"国民健康规划,
# 健康中国2030) as those plans and local copies of them write them.
NATIONAL_INDICATORS = [
    ("每千人口医疗卫生机构床位数", "beds_per_1000"),
    ("每千人口执业（助理）医师数", "doctors_per_1000"),
    ("每千人口注册护士数", "nurses_per_1000"),
    ("每千人口药师（士）数", "pharmacists_per_1000"),
    ("每千人口中医类别执业医师数", "tcm_doctors_per_1000"),
    ("每万人口全科医生数", "gps_per_10000"),
    ("每万人口专业公共卫生机构人员数", "public_health_staff_per_10000"),
    ("每万人口公共卫生人员数", "public_health_staff_per_10000"),
    ("每千人口康复医师数", "rehab_doctors_per_100k"),
    ("每千名老年人医养结合床位", "elderly_care_beds_per_1000_elderly"),
    ("每千人口3岁以下婴幼儿托位数", "childcare_places_per_1000"),
    ("二级以上综合医院设老年医学科比例", "geriatrics_department_rate"),
    ("医护比", "doctor_nurse_ratio"),
    ("床人比", "bed_staff_ratio"),
    ("床护比", "bed_nurse_ratio"),
    ("重症床位占比", "icu_bed_share"),
    ("精神科床位", "psychiatric_beds_per_1000"),
    ("儿科医师", "paediatricians_per_1000_children"),
    ("三级医院数", "tertiary_hospitals"),
    ("县级医院达到二级甲等", "county_hospitals_grade_2a"),
    ("120急救平均反应时间", "ems_response_time"),
    ("院前急救平均反应时间", "ems_response_time"),
    ("人均预期寿命", "life_expectancy"),
    ("孕产妇死亡率", "maternal_mortality"),
    ("婴儿死亡率", "infant_mortality"),
    ("5岁以下儿童死亡率", "under5_mortality"),
    ("重大慢性病过早死亡率", "premature_ncd_mortality"),
    ("个人卫生支出占卫生总费用比重", "oop_share"),
    ("法定传染病报告率", "notifiable_disease_reporting_rate"),
    ("预防接种率", "immunisation_coverage"),
    ("家庭医生签约率", "family_doctor_contract_rate"),
    ("电子健康档案建档率", "ehr_coverage"),
    ("疾控人员编制", "cdc_staff_per_10000"),
    ("财政投入", "fiscal_investment"),
]


def seed_text(prefix: str) -> str:
    for folder in (ROOT / "corpora" / "seeds", ROOT.parent / "shared" / "seeds"):
        found = sorted(folder.glob(f"{prefix}_*.txt"))
        if found:
            return found[0].read_text(encoding="utf-8")
    pytest.skip("seed documents not found (corpora/seeds or ../shared/seeds)")


def test_the_shipped_catalogue_loads_and_is_large_enough():
    cat = Catalogue.from_yaml()
    assert len(cat) >= 60
    assert len(set(cat.metric_ids())) == len(cat)
    assert cat["beds_per_1000"].per == metrics.Per(1000, "人")
    assert cat["county_inpatient_rate"].kind_hint == "TARGET"


@pytest.mark.parametrize(("seed", "written", "metric_id"), SEED_INDICATORS)
def test_seed_indicator_maps_to_its_id(seed, written, metric_id):
    found = metrics.lookup(written)
    assert found is not None, f"{written!r} (seed {seed}) is not in the catalogue"
    assert found.id == metric_id


@pytest.mark.parametrize(("seed", "written", "metric_id"), SEED_INDICATORS)
def test_seed_indicator_is_found_where_the_seed_writes_it(seed, written, metric_id):
    text = seed_text(seed)
    spans = [(s, s + len(written)) for s in range(len(text)) if text.startswith(written, s)]
    assert spans, f"{written!r} does not occur in seed {seed}: fix the table"
    # At one of its places at least, the name is found (maybe within a longer synonym of
    # the same metric: 项目估算总投资), not swallowed by another metric's name.
    found = metrics.match(text)
    assert any(m.metric.id == metric_id and m.start < end and start < m.end
               for start, end in spans for m in found)


@pytest.mark.parametrize(("written", "metric_id"), NATIONAL_INDICATORS)
def test_national_indicator_maps_to_its_id(written, metric_id):
    found = metrics.lookup(written)
    assert found is not None and found.id == metric_id


@pytest.mark.parametrize(("written", "metric_id"), [
    ("县域住院率", "county_inpatient_rate"),
    ("县域内住院人次占比", "county_inpatient_rate"),
    ("每千人口执业（助理）医师数", "doctors_per_1000"),
    ("每千人口执业(含助理)医师数", "doctors_per_1000"),
    ("每千人口执业医师(含助理)数", "doctors_per_1000"),
    ("每千常住人口床位数", "beds_per_1000"),
    ("每 千人口 床位数", "beds_per_1000"),
    ("每十万人口重症床位数", "icu_beds_per_100k"),
    ("icu床位", "icu_bed_share"),
    ("每千人口药师（士）数", "pharmacists_per_1000"),
    ("“十四五”", None),
    # Alone, 住院率 is not the county share: "县域内就诊率…，住院率…" is an ellipsis that
    # the provision builder resolves from its neighbour.
    ("住院率", None),
])
def test_lookup_ignores_spelling_variants(written, metric_id):
    found = metrics.lookup(written)
    assert (found.id if found else None) == metric_id


def test_match_takes_the_longest_name_and_keeps_source_offsets():
    text = "全市每千人口医疗卫生机构床位数达到7.5张，综合 ICU 床位不少于4%"
    found = [(text[s:e], m.id) for s, e, m in metrics.match(text)]
    assert found == [("每千人口医疗卫生机构床位数", "beds_per_1000"),
                     ("综合 ICU 床位", "icu_bed_share")]


def test_match_maps_a_rewritten_name_back_to_the_whole_source():
    text = "到2025年，每千常住人口执业（含助理）医师数达到3.2人"
    [(start, end, metric)] = metrics.match(text)
    assert text[start:end] == "每千常住人口执业（含助理）医师数"
    assert metric.id == "doctors_per_1000"


def test_match_of_a_text_without_metrics_is_empty():
    assert metrics.match("专此答复，再次感谢各位委员。") == []
    assert metrics.match("") == []


def test_catalogue_is_read_once_per_process():
    assert metrics.catalogue() is metrics.catalogue()


HEADER = """\
units: ["%", 张]
categories: [services, resources]
metrics:
- id: county_inpatient_rate
  name: 县域内住院率
  synonyms: [县域住院率]
  unit: "%"
  per: null
  category: services
"""


@pytest.mark.parametrize(("row", "message"), [
    ("""\
- id: county_inpatient_rate
  name: 县域内就诊率
  synonyms: []
  unit: "%"
  per: null
  category: services
""", "line 10: metric 2 (county_inpatient_rate): duplicate id, first at line 4"),
    ("""\
- id: county_visit_rate
  name: 县域内就诊率
  synonyms: [县域 住院率]
  unit: "%"
  per: null
  category: services
""", "line 10: metric 2 (county_visit_rate): synonym '县域 住院率' already names "
     "county_inpatient_rate (line 4, as '县域住院率')"),
    ("""\
- id: county_visit_rate
  name: 县域内就诊率
  unit: "%"
  category: services
""", "line 10: metric 2 (county_visit_rate): missing synonyms, per"),
    ("""\
- id: county_visit_rate
  name: 县域内就诊率
  synonym: [县域就诊率]
  synonyms: []
  unit: "%"
  per: null
  category: services
""", "unknown field synonym"),
    ("""\
- id: CountyVisitRate
  name: 县域内就诊率
  synonyms: []
  unit: "%"
  per: null
  category: services
""", "line 10: metric 2 (CountyVisitRate): id must be snake_case"),
    ("""\
- id: beds_per_1000
  name: 每千人口床位数
  synonyms: []
  unit: 床
  per: {value: 1000, unit: 人}
  category: resources
""", "unit '床' is not one of `units`"),
    ("""\
- id: beds_per_1000
  name: 每千人口床位数
  synonyms: []
  unit: 张
  per: 1000
  category: resources
""", "per must be null or {value"),
    ("""\
- id: beds_per_1000
  name: 每千人口床位数
  synonyms: [每千人口床位数]
  unit: 张
  per: null
  category: resources
""", "synonym '每千人口床位数' is the same as '每千人口床位数' once normalised"),
    ("""\
- id: beds_per_1000
  name: [每千人口床位数
""", "not valid YAML"),
])
def test_a_bad_catalogue_names_file_line_and_problem(tmp_path, row, message):
    path = tmp_path / "metrics.yaml"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        Catalogue.from_yaml(path)
    assert str(err.value).startswith(str(path) + ": line ")
    assert message in str(err.value)


def test_a_catalogue_without_metrics_list_is_refused(tmp_path):
    path = tmp_path / "metrics.yaml"
    path.write_text(textwrap.dedent("""\
        metric:
          - id: x
    """), encoding="utf-8")
    with pytest.raises(DataFileError, match="expected a mapping with a `metrics:` list"):
        Catalogue.from_yaml(path)
