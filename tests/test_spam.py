"""Injected spam tokens: found without a list of brands, real repeated terms left alone."""
from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, SEEDS, char_similarity

from extractor import spam
from extractor.clean import clean
from extractor.spam import assess, find_injected_tokens

pytest.importorskip("jieba")

DATA = ROOT / "extractor" / "data" / "spam.yaml"


def seed(prefix: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


def spam_into(text: str, token: str) -> str:
    """Write ``token`` the way spam sites do: at some paragraph starts, before the
    first comma of some paragraphs, inside a sentence of others."""
    lines = [x for x in text.split("\n") if x.strip()]
    for i in range(2, len(lines)):
        line = lines[i]
        if i % 7 == 2:
            body = line.lstrip()
            lines[i] = line[:len(line) - len(body)] + token + body
        elif i % 7 == 4 and "，" in line:
            lines[i] = line.replace("，", token + "，", 1)
        elif i % 7 == 6 and len(line) > 20:
            lines[i] = line[:12] + token + line[12:]
    return "\n".join(lines)


def test_seed_003_yields_its_brand_and_nothing_else():
    result = clean(seed("003"))
    assert "PX-W04 injected tokens removed: PG电子" in result.warnings
    assert "PG电子" not in result.text
    assert result.text.startswith("荆门市人民政府\n荆门市人民政府为科学配置医疗卫生资源")


def test_a_variant_on_furniture_lines_reduces_to_the_brand():
    # the raw page also has "PG电子·(中国)官方网站" three times in its footer
    raw = "\n".join(x.strip() for x in seed("003").split("\n") if x.strip())
    assert raw.count("PG电子·") == 3
    assert find_injected_tokens(raw) == ["PG电子"]


@pytest.mark.parametrize(("prefix", "token"), [
    ("002", "ZX娱乐"),      # Latin + Chinese
    ("004", "QB棋牌官网"),  # with 官网
    ("001", "鸿运国际"),    # Chinese only
    ("000", "金鼎·娱乐"),   # with a middle dot
])
def test_an_invented_token_written_into_a_seed_is_found_and_removed(prefix, token):
    original = clean(seed(prefix)).text
    dirty = spam_into(seed(prefix), token)
    assert dirty.count(token) >= 3
    result = clean(dirty)
    assert f"PX-W04 injected tokens removed: {token}" in result.warnings
    assert token not in result.text
    assert char_similarity(result.text, original) >= 0.999


def test_a_token_pasted_after_punctuation_is_found():
    # every occurrence opens a clause, as a subject does; its new characters give it away
    original = clean(seed("002")).text
    dirty = re.sub(r"(?<=[，；])(?=[^\n]{12})", _every_tenth("XW娱乐"), seed("002"))
    assert dirty.count("XW娱乐") == 6
    result = clean(dirty)
    assert "XW娱乐" not in result.text
    assert char_similarity(result.text, original) >= 0.999


def _every_tenth(token: str):
    seen = iter(range(10**6))
    return lambda m: token if next(seen) in range(0, 60, 10) else ""  # six places


@pytest.mark.parametrize(("prefix", "term"), [
    ("000", "医共体"), ("000", "县域"), ("000", "廉江市"), ("001", "紧密型"),
    ("001", "南澳县"), ("001", "医疗卫生机构"), ("003", "十四五"), ("003", "卫生院"),
    ("004", "县域医共体"), ("004", "连平县"),
])
def test_repeated_terms_of_the_seeds_are_judged_real(prefix, term):
    text = clean(seed(prefix)).text
    assert text.count(term) >= 3
    assert term not in find_injected_tokens(text)
    verdicts = {v.token: v for v in assess(text)}
    if term in verdicts:  # a maximal repeat: say why it is real
        v = verdicts[term]
        assert v.rejected_by or v.score < spam.settings().threshold


def test_the_clean_seeds_have_no_injected_token():
    for prefix in ("000", "001", "002", "004"):
        assert find_injected_tokens(clean(seed(prefix)).text) == [], prefix


def test_the_corpus_has_no_injected_token(shared):
    files = sorted((shared / "corpus").glob("*.txt"))
    assert len(files) > 200
    flagged = {}
    for path in files:
        tokens = find_injected_tokens(clean(path.read_text(encoding="utf-8")).text)
        if tokens:
            flagged[path.name] = tokens
    assert flagged == {}


def test_a_latin_term_of_the_text_is_not_a_brand():
    text = "\n".join([
        "各地要积极推进DRG付费改革，完善医保支付方式。",
        "到2025年，全市实现DRG付费全覆盖，覆盖所有符合条件的医疗机构。",
        "医保部门要加强DRG付费监测评估，及时调整分组和权重。",
        "实施DRG付费后，医疗机构要加强成本核算。",
        "全面推行多元复合式医保支付方式，推动DRG付费和按床日付费并行。",
        "各医疗机构要适应DRG付费要求，规范诊疗行为。",
    ])
    assert find_injected_tokens(text) == []


def test_a_phrase_made_of_the_texts_own_words_is_real():
    # 任何单位和个人 repeats with varied neighbours, but 任何, 单位, 个人 occur elsewhere
    text = clean(seed("002")).text + "\n" + "\n".join([
        "对任何单位和个人不得收取费用，单位之间不得转嫁，个人不得重复申领。",
        "鼓励任何单位和个人参与，任何部门不得干预，各单位做好个人信息保护。",
        "支持任何单位和个人捐赠，任何时候不得挪用，接收单位向个人出具凭证。",
    ])
    verdicts = {v.token: v for v in assess(text)}
    assert "任何单位和个人" not in find_injected_tokens(text)
    assert verdicts["任何单位和个人"].rejected_by


def test_dates_and_numbers_are_never_candidates():
    text = "\n".join(f"{d}日，会议在{p}召开。" for d, p in
                     [("2019年5月1", "北京"), ("2020年5月2", "上海"), ("2021年5月3", "广州")])
    assert find_injected_tokens(text) == []
    assert all(v.rejected_by for v in assess(text) if re.search(r"\d", v.token))


def test_every_structure_pattern_matches_its_examples():
    for row in yaml.safe_load(DATA.read_text(encoding="utf-8"))["structure"]:
        for example in row["examples"]:
            assert re.fullmatch(row["pattern"], example), (row["pattern"], example)
