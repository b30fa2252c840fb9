"""The region gazetteer: look-ups, codes, levels, parents, mentions in text."""
import subprocess
import sys

import pytest

from extractor.regions import candidates, find_regions, level_of, lookup

LOOKUPS = [
    # (name, official name, code, level, parent)
    ("廉江市", "廉江市", "440881000000", "county", "湛江市"),       # county-level city
    ("廉江", "廉江市", "440881000000", "county", "湛江市"),         # unambiguous short form
    ("连平县", "连平县", "441623000000", "county", "河源市"),
    ("汕头市", "汕头市", "440500000000", "prefecture", "广东省"),
    ("南澳县", "南澳县", "440523000000", "county", "汕头市"),
    ("龙湖区", "龙湖区", "440507000000", "county", "汕头市"),
    ("广东省", "广东省", "440000000000", "province", None),
    ("湛江", "湛江市", "440800000000", "prefecture", "广东省"),
    ("北京市", "北京市", "110000000000", "province", None),         # not its prefecture stand-in
    ("海淀区", "海淀区", "110108000000", "county", "北京市"),
    ("丰都县", "丰都县", "500230000000", "county", "重庆市"),       # under 重庆's county stand-in
    ("仙桃市", "仙桃市", "429004000000", "county", "湖北省"),       # no prefecture above it
    ("东莞市", "东莞市", "441900000000", "prefecture", "广东省"),   # no counties below it
    ("广西", "广西壮族自治区", "450000000000", "province", None),
    ("新疆", "新疆维吾尔自治区", "650000000000", "province", None),
    ("酉阳", "酉阳土家族苗族自治县", "500242000000", "county", "重庆市"),
]


@pytest.mark.parametrize("name,official,code,level,parent", LOOKUPS)
def test_lookup(name, official, code, level, parent):
    r = lookup(name)
    assert (r.name, r.code, r.level, r.parent) == (official, code, level, parent)


@pytest.mark.parametrize("name", [
    "朝阳区",     # in 北京市 and 长春市
    "吉林",       # 吉林省 or 吉林市
    "海南",       # 海南省 or 海南藏族自治州
    "资源",       # 资源县 only as a word: short forms that are common words are off
    "火星市",
    "苏鲁交界",   # a row of the data that is no division
])
def test_unknown_or_ambiguous(name):
    assert lookup(name) is None


def test_ambiguity_settled_by_context():
    assert {r.parent for r in candidates("朝阳区")} == {"北京市", "长春市"}
    assert lookup("朝阳区", within="北京市").code == "110105000000"
    assert lookup("朝阳区", within="吉林省").code == "220104000000"


@pytest.mark.parametrize("code,level", [("440000000000", "province"), ("440800000000", "prefecture"),
                                        ("440881000000", "county"), ("440881100000", "township")])
def test_level_of(code, level):
    assert level_of(code) == level


MENTIONS = [
    # (text, [(mention, official name)])
    ("南澳县和龙湖区医共体均达到紧密型标准", [("南澳县", "南澳县"), ("龙湖区", "龙湖区")]),
    ("湛江中心人民医院与廉江市人民医院", [("湛江", "湛江市"), ("廉江市", "廉江市")]),
    ("北京市朝阳区卫生健康委员会", [("北京市", "北京市"), ("朝阳区", "朝阳区")]),  # settled by 北京市
    ("朝阳区卫生健康委员会", []),                                               # not settled
    ("连平镇卫生院", []),                # a town, not 连平县
    ("提高县域内住院率，建设示范县", []),  # no 高县, no 范县
    ("荆门城区依托市中心医院", [("荆门", "荆门市")]),  # 城区 is a word here
    ("开展安宁疗护服务，整合资源", []),    # 安宁(市), 资源(县): common words
]


@pytest.mark.parametrize("text,expected", MENTIONS)
def test_find_regions(text, expected):
    found = find_regions(text)
    assert [(text[a:b], r.name) for a, b, r in found] == expected


def test_find_regions_resolves_with_context_given():
    [(_, _, r)] = find_regions("朝阳区卫生健康委员会", within=["长春市"])
    assert r.parent == "长春市"


def test_regions_imports_first():
    # extractor.structure uses the gazetteer: importing regions first must not cycle
    done = subprocess.run([sys.executable, "-c", "import extractor.regions as r; r.lookup('廉江')"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_documents_own_place_by_its_short_form_inside_a_phrase():
    text = "全面推进健康荆门建设，提高县域内住院率"
    assert [(text[a:b], r.name) for a, b, r in find_regions(text, within=["荆门市"])] == [
        ("荆门", "荆门市")]
    assert find_regions(text) == []  # another document's: 康荆 … is no place of its own


ZONES = [
    # a zone continuing a list of divisions the gazetteer knows is a REGION without a code
    ("东宝区、掇刀区、漳河新区依托乡镇卫生院", ["东宝区", "掇刀区", "漳河新区"]),
    ("京山市、东宝区、掇刀区、屈家岭管理区各设置一个疾控中心",
     ["京山市", "东宝区", "掇刀区", "屈家岭管理区"]),
    ("沙洋县和荆门高新区及漳河新区", ["沙洋县", "荆门高新区", "漳河新区"]),
    # alone, a zone name is not read: nothing says it is a place of this document
    ("漳河新区设立公共卫生机构", []),
    ("推进开发区建设", []),
]


@pytest.mark.parametrize("text,expected", ZONES)
def test_functional_zones_in_a_list_of_divisions(text, expected):
    from extractor.recognise.context import DocContext
    from extractor.recognise.region_entities import find_in_doc

    found = find_in_doc(text, DocContext())
    assert [e.text for e in found] == expected
    for e in found:
        if e.text.endswith(("新区", "管理区")):
            assert e.normalized["level"] == "zone" and "code" not in e.normalized
