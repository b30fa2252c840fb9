"""POLICY_REF: cited documents by 《title》 and/or 文号."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extractor.recognise.policy_refs import find_doc_numbers, find_policy_refs

ROOT = Path(__file__).resolve().parents[2]

# (sentence, [(text, title or None, doc_number or None)])
CASES = [
    ("根据《广东省紧密型县域医疗卫生共同体高质量发展行动方案（2022-2025年）》（粤办函〔2022〕245号）文件精神",
     [("《广东省紧密型县域医疗卫生共同体高质量发展行动方案（2022-2025年）》（粤办函〔2022〕245号）",
       "广东省紧密型县域医疗卫生共同体高质量发展行动方案（2022-2025年）",
       {"issuer_code": "粤办函", "year": 2022, "serial": 245})]),
    ("按照国卫办医函〔2021〕538号要求", [("国卫办医函〔2021〕538号", None,
                                     {"issuer_code": "国卫办医函", "year": 2021, "serial": 538})]),
    ("见粤府办[2019]18号、湘政发【2020】3号、京政发(2021)第7号和沪府（2018）12号",
     [("粤府办[2019]18号", None, {"issuer_code": "粤府办", "year": 2019, "serial": 18}),
      ("湘政发【2020】3号", None, {"issuer_code": "湘政发", "year": 2020, "serial": 3}),
      ("京政发(2021)第7号", None, {"issuer_code": "京政发", "year": 2021, "serial": 7}),
      ("沪府（2018）12号", None, {"issuer_code": "沪府", "year": 2018, "serial": 12})]),
    ("依据《A办法》《B条例》和《C规定》执行",
     [("《A办法》", "A办法", None), ("《B条例》", "B条例", None), ("《C规定》", "C规定", None)]),
    ("为贯彻落实《“千县工程”县医院综合能力提升工作方案（2021-2025）》（国卫办医函〔2021〕538号）",
     [("《“千县工程”县医院综合能力提升工作方案（2021-2025）》（国卫办医函〔2021〕538号）",
       "“千县工程”县医院综合能力提升工作方案（2021-2025）",
       {"issuer_code": "国卫办医函", "year": 2021, "serial": 538})]),
    ("根据《中华人民共和国基本医疗卫生与健康促进法》，制定本规划。",
     [("《中华人民共和国基本医疗卫生与健康促进法》", "中华人民共和国基本医疗卫生与健康促进法", None)]),
    ("《关于印发〈某某办法〉的通知》（国发〔2024〕5号）",
     [("《关于印发〈某某办法〉的通知》（国发〔2024〕5号）", "关于印发〈某某办法〉的通知",
       {"issuer_code": "国发", "year": 2024, "serial": 5})]),
    ("2018年7月31日 中华人民共和国国务院令第701号公布",
     [("中华人民共和国国务院令第701号", None,
       {"issuer_code": "中华人民共和国国务院令", "year": None, "serial": 701})]),
    # no year bracket, no 号, unclosed mark: nothing
    ("（2022-2025年）目标；到2025年；《未闭合的书名号", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_cases(sentence: str, expected: list) -> None:
    got = find_policy_refs(sentence)
    assert [(e.text, e.normalized.get("title"), e.normalized.get("doc_number")) for e in got] \
        == expected
    for e in got:
        assert sentence[e.start:e.end] == e.text
        assert e.label == "POLICY_REF"
        if "doc_number" in e.normalized:
            assert e.normalized["doc_number_text"] in e.text


def test_alias_in_brackets() -> None:
    s = "按照《湛江市实施疫情防控能力提升五大攻坚行动方案》（下称《五大攻坚行动方案》）要求"
    got = find_policy_refs(s)
    assert [e.text for e in got] == ["《湛江市实施疫情防控能力提升五大攻坚行动方案》", "《五大攻坚行动方案》"]
    assert got[1].normalized["alias_of"] == "湛江市实施疫情防控能力提升五大攻坚行动方案"


def test_exclude_own_number() -> None:
    s = "粤府办〔2019〕18号\n根据《X方案》（粤办函〔2022〕245号）"
    assert len(find_policy_refs(s)) == 2
    got = find_policy_refs(s, exclude=[(0, 12)])
    assert [e.text for e in got] == ["《X方案》（粤办函〔2022〕245号）"]


def test_title_over_a_line_break() -> None:
    got = find_policy_refs("2014年原总局令第4号公布的《医疗器械注册\n管理办法》同时废止")
    assert got[-1].normalized["title"] == "医疗器械注册管理办法"


def test_yaml_examples() -> None:
    data = yaml.safe_load((ROOT / "extractor" / "data" / "policy_refs.yaml").read_text("utf-8"))
    for ex in data["examples"]:
        got = find_policy_refs(ex["text"])
        assert len(got) == 1 and got[0].text == ex["text"]
        assert got[0].normalized["doc_number"] == ex["doc_number"]
        assert got[0].normalized.get("title") == ex.get("title")


def _seed(seeds: list[Path], prefix: str) -> str:
    # The raw text: these finders need no cleaning, and the test should not depend on it.
    return next(p for p in seeds if p.name.startswith(prefix)).read_text("utf-8")


def test_seed_000(seeds: list[Path]) -> None:
    got = find_policy_refs(_seed(seeds, "000"))
    numbers = [e.normalized["doc_number_text"] for e in got if "doc_number" in e.normalized]
    assert numbers == ["国卫办医函〔2021〕538号", "粤办函〔2022〕245号", "湛府办〔2020〕9号",
                       "湛防疫指办〔2022〕31号", "湛府办〔2020〕9号", "湛防疫指办〔2022〕31号",
                       "湛廉发改投审〔2022〕167号"]
    titles = [e.normalized["title"] for e in got]
    assert titles == [
        "“千县工程”县医院综合能力提升工作方案（2021-2025）",
        "广东省紧密型县域医疗卫生共同体高质量发展行动方案（2022-2025）",
        "湛江市加强紧密型县域医疗卫生共同体建设实施方案",
        "湛江市实施疫情防控能力提升五大攻坚行动方案",
        "广东省紧密型县域医疗卫生共同体高质量发展行动方案（2022-2025年）",
        "湛江市加强紧密型县域医疗卫生共同体建设实施方案",
        "湛江市实施疫情防控能力提升五大攻坚行动方案",
        "湛江市实施疫情防控能力提升五大攻坚行动方案",
        "五大攻坚行动方案",
        "关于廉江市医共体建设暨防控体系能力提升工程可行性研究报告的批复",
    ]


def test_seed_002(seeds: list[Path]) -> None:
    got = find_policy_refs(_seed(seeds, "002"))
    assert [(e.normalized["doc_number"]["issuer_code"], e.normalized["doc_number"]["serial"])
            for e in got] == [("国卫医发", 37), ("粤卫", 42), ("国卫办医发", 12),
                              ("国中医药办医政函", 163), ("粤府", 52)]
    assert got[0].normalized["title"] == \
        "关于印发全面提升县级医院综合能力工作方案（2018-2020年）的通知"
    assert all(e.text.startswith("《") and e.text.endswith("号）") for e in got)


def test_corpus_robustness(shared: Path) -> None:
    files = sorted((shared / "corpus").glob("*.txt"))
    assert len(files) == 291
    total = 0
    for f in files:
        text = f.read_text("utf-8")
        for e in find_policy_refs(text):
            assert text[e.start:e.end] == e.text
            total += 1
    assert total > 1000  # 1438 《》 pairs in the corpus, a few across lines or stray


def test_doc_numbers_alone() -> None:
    [d] = find_doc_numbers("据湛廉发改投审〔2022〕167号")
    assert (d.issuer_code, d.year, d.serial) == ("湛廉发改投审", 2022, 167)


def test_the_documents_own_number_is_no_citation(tmp_path) -> None:
    from extractor.pipeline import extract

    doc = tmp_path / "notice.txt"
    doc.write_text("湛江市卫生健康局文件\n湛卫〔2023〕12号\n关于印发湛江市基层卫生工作方案的通知\n"
                   "各县（市、区）卫生健康局：\n根据《广东省基层卫生工作方案》（粤卫〔2022〕5号），"
                   "现将方案印发给你们。\n湛江市卫生健康局\n2023年3月1日\n", encoding="utf-8")
    result = extract(doc)
    assert result.document.doc_number == "湛卫〔2023〕12号"
    refs = [e.text for e in result.entities if e.label == "POLICY_REF"]
    assert refs == ["《广东省基层卫生工作方案》（粤卫〔2022〕5号）"]


def test_the_order_that_promulgated_a_law_is_no_citation(tmp_path) -> None:
    from extractor.pipeline import extract

    doc = tmp_path / "regulation.txt"
    doc.write_text("# 医疗纠纷预防和处理条例\n2018年7月31日 中华人民共和国国务院令第701号公布\n"
                   "第一条 依照《医疗机构管理条例》（国务院令第149号），制定本条例。\n",
                   encoding="utf-8")
    ents = [(e.label, e.text) for e in extract(doc).entities if e.label in ("POLICY_REF", "INSTITUTION")]
    assert ents == [("INSTITUTION", "中华人民共和国国务院"),
                    ("POLICY_REF", "《医疗机构管理条例》（国务院令第149号）")]


def test_a_rules_own_order_number_is_no_citation_but_names_its_organ(tmp_path) -> None:
    from extractor.pipeline import extract

    doc = tmp_path / "rule.txt"
    doc.write_text("医疗保障基金飞行检查管理暂行办法\n（国家医疗保障局令第6号）\n"
                   "第一条 根据《中华人民共和国社会保险法》，制定本办法。\n", encoding="utf-8")
    result = extract(doc)
    assert result.document.doc_number == "国家医疗保障局令第6号"
    ents = [(e.label, e.text) for e in result.entities if e.label in ("POLICY_REF", "INSTITUTION")]
    assert ents == [("INSTITUTION", "国家医疗保障局"), ("POLICY_REF", "《中华人民共和国社会保险法》")]


def test_a_certificate_in_title_marks_is_no_citation() -> None:
    got = find_policy_refs("发给《计划生育技术服务机构执业许可证》，依照《医疗机构管理条例》办理。")
    assert [e.text for e in got] == ["《医疗机构管理条例》"]


def test_a_form_with_blanks_to_fill_in_is_no_citation() -> None:
    text = "生成《____省（区、市）跨省异地就医费用付款通知书》（见附件15），按《医保结算办法》执行。"
    assert [e.text for e in find_policy_refs(text)] == ["《医保结算办法》"]


def test_an_alias_without_marks_cites_its_document_wherever_it_stands() -> None:
    text = ("按照《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号，以下简称2号令），"
            "以2号令第三十八条处理。依据《条例》（以下简称本条例）")
    aliases = [e for e in find_policy_refs(text) if e.text == "2号令"]
    assert len(aliases) == 2
    assert aliases[0].normalized["alias_of"] == "医疗机构医疗保障定点管理暂行办法"
    assert aliases[0].normalized["doc_number"]["serial"] == 2
    assert "本条例" not in [e.text for e in find_policy_refs(text)]  # the document's own
    quoted = "按《零售药店医疗保障定点管理暂行办法》（国家医疗保障局令第3号，以下简称“3号令”），依3号令处理。"
    assert [e.text for e in find_policy_refs(quoted)][1:] == ["3号令", "3号令"]


def bare(text: str) -> list[str]:
    return [e.text for e in find_policy_refs(text) if "《" not in e.text]


def test_a_law_cited_in_marks_is_cited_bare_too() -> None:
    text = "根据《突发事件应对条例》，制定本办法。\n依照突发事件应对条例第四十条处理。"
    assert bare(text) == ["突发事件应对条例"]


def test_a_law_named_after_a_verb_of_compliance_is_a_citation() -> None:
    assert bare("违反精神卫生法的规定，由公安机关处理。") == ["精神卫生法"]
    assert bare("依照药品管理法实施条例处罚。") == []  # another document's name runs on


def test_a_rule_named_bare_is_a_citation_only_when_the_text_keeps_citing_it() -> None:
    once = "部门应当组织制定急救转运服务规范，并按照急救转运服务规范开展培训。"
    assert bare(once) == []
    thrice = ("应当符合血液储存运输管理规范要求。按照血液储存运输管理规范开展检查。"
              "违反血液储存运输管理规范的，责令改正。")
    assert bare(thrice) == ["血液储存运输管理规范"] * 3


def test_words_that_end_like_laws_are_no_citations() -> None:
    assert bare("按照有关法律法规执行，依照本法处理，按照科学方法测算，依照宪法行使职权。") == []


def test_the_documents_own_title_as_a_heading_is_no_citation() -> None:
    text = "现将《急救站点管理办法》印发给你们。\n急救站点管理办法\n第一条 为规范急救站点管理，制定本办法。"
    assert bare(text) == []


def test_the_documents_own_title_cites_nothing(tmp_path) -> None:
    from extractor import extract

    doc = tmp_path / "notice.txt"
    doc.write_text("关于印发《国家基本医疗保险药品目录》\n以及《商业健康保险创新药品目录》的通知\n"
                   "各省医保局：\n现将《国家基本医疗保险药品目录》印发给你们，"
                   "并按《基本医疗保险用药管理暂行办法》执行。\n", encoding="utf-8")
    refs = [e.text for e in extract(doc).entities if e.label == "POLICY_REF"]
    assert refs == ["《国家基本医疗保险药品目录》", "《基本医疗保险用药管理暂行办法》"]
