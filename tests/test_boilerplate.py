"""Web furniture lines: dropped from scraped pages, never from a document's own text."""
from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, SEEDS_DIR

from extractor import boilerplate
from extractor.boilerplate import find_boilerplate_lines, is_furniture_line
from extractor.clean import clean
from extractor.errors import DataFileError

DATA = ROOT / "extractor" / "data" / "boilerplate.yaml"
_INVISIBLE = re.compile(r"[\f\v\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def lines_of(raw: str) -> list[str]:
    """The trimmed, non-blank lines, as clean() hands them to the detector."""
    return [s for s in (_INVISIBLE.sub("", x).strip() for x in raw.split("\n")) if s]


def seed(name: str) -> list[str]:
    return lines_of(next(SEEDS_DIR.glob(f"{name}_*.txt")).read_text(encoding="utf-8"))


def dropped(lines: list[str]) -> list[str]:
    """The dropped lines, spaces folded (the seeds have no-break spaces)."""
    return [" ".join(lines[i].split()) for i in sorted(find_boilerplate_lines(lines))]


@pytest.mark.parametrize("section", ["furniture", "header_ends", "footer_starts", "header_furniture"])
def test_every_pattern_matches_its_example(section):
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))[section]
    for row in rows:
        assert re.search(row["pattern"], row["example"]), row


def test_scraped_government_page_seed_001():
    lines = seed("001")
    assert [x.lstrip("• ") for x in dropped(lines)] == [
        "头部",
        "您现在所在的位置 : 首页 > 汕头市卫生健康局(中医药局) > 政务公开 > 通知公告",
        "分享到:",
        "2024-09-04 11:16",
        "来源:汕头市卫生健康局(中医药局)",
        "发布机构:",
        "【字体:",
        "公开方式:主动公开",
        "相关附件:",
        "扫一扫在手机打开当前页",
        "- -",
        "您访问的链接即将离开“汕头市卫生健康局(中医药局)门户网站”,是否继续?",
    ]
    kept = [x for i, x in enumerate(lines) if i not in find_boilerplate_lines(lines)]
    assert kept[0] == "关于对汕头市政协十四届三次会议第20240313号提案的答复"
    assert kept[1] == "• 李冠武等委员:"
    assert kept[-2:] == ["汕头市卫生健康局", "2024年8月2日"]


def test_spam_site_header_and_footer_seed_003():
    lines = seed("003")
    got = dropped(lines)
    assert got[:6] == [
        "咨询热线:13915574022",
        "您当前的位置: PG电子官方网站 > 新闻中心 > 行业动态",
        "NEWS",
        "新闻中心",
        "行业动态",
        "发布时间: 2024-06-02 次浏览",
    ]
    assert len(got[6:]) == len(lines[lines.index("友情链接"):])  # 友情链接 … ICP line
    assert got[-1].startswith("Copyright ©") and "ICP备" in got[-1]
    # The article's heading stays; the injected brand is another module's business.
    assert "PG电子荆门市人民政府" not in got


@pytest.mark.parametrize("name", ["001", "003"])
def test_a_second_pass_finds_nothing_more(name):
    lines = seed(name)
    drop = find_boilerplate_lines(lines)
    assert find_boilerplate_lines([x for i, x in enumerate(lines) if i not in drop]) == set()


@pytest.mark.parametrize("name", ["000", "002", "004"])
def test_clean_seed_documents_lose_nothing(name):
    assert dropped(seed(name)) == []
    raw = next(SEEDS_DIR.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    assert not any(w.startswith("PX-W08") for w in clean(raw).warnings)


def test_laws_and_regulations_of_the_corpus_lose_nothing(shared):
    files = sorted((shared / "corpus").glob("*.txt"))
    assert len(files) > 200
    lost = {f.name: dropped(lines_of(f.read_text(encoding="utf-8"))) for f in files}
    assert {k: v for k, v in lost.items() if v} == {}


NOTICE = """关于召开2024年基层卫生工作会议的通知
汕卫函〔2024〕12号
各区（县）卫生健康局，市直各医疗卫生单位：
经研究，定于2024年9月10日召开全市基层卫生工作会议，现将有关事项通知如下。
一、会议时间
2024年9月10日 9:30
二、会议地点
市卫生健康局三楼会议室
三、主办单位
主办单位：汕头市卫生健康局
承办单位：汕头市中心医院
联系人：张三，联系电话：0754-88888888
附件：1．参会回执
2．会议议程
汕头市卫生健康局
2024年8月2日
（此件主动公开）
抄送：市政府办公室。
汕头市卫生健康局办公室 2024年8月2日印发"""


def test_a_notice_keeps_every_line_even_those_that_look_like_web_furniture():
    assert dropped(lines_of(NOTICE)) == []


def test_page_footer_after_the_signature_goes_but_the_signature_stays():
    page = NOTICE.split("\n")[:-3] + [
        "网站地图 | 联系我们 | 网站声明",
        "主办单位：汕头市卫生健康局 网站标识码：4405000019",
        "地址：汕头市龙湖区某某路1号 邮编：515041",
        "粤ICP备05080322号 粤公网安备 44050702000123号",
    ]
    assert dropped(page) == page[-4:]


@pytest.mark.parametrize("line", [
    "上一篇：关于做好2024年度基层卫生工作的通知",
    "【打印本页】【关闭窗口】",
    "分享到：",
    "【字体：大 中 小】",
    "扫一扫在手机打开当前页",
    "浏览次数：1024",
    "首页 > 政务公开 > 通知公告",
])
def test_furniture_between_paragraphs_is_dropped(line):
    lines = ["一、总体要求", "坚持以人民健康为中心，推进紧密型县域医共体建设，提升基层服务能力。",
             line, "二、主要任务", "到2025年，县域内就诊率达到90%左右，基层就诊率达到65%以上。"]
    assert dropped(lines) == [line]
    assert is_furniture_line(line)


def test_a_menu_bar_and_a_hotline_above_a_copied_notice_are_dropped():
    lines = ["首页｜通知公告｜医改动态｜办事指南", "服务热线：0759-1234567 手机版",
             "关于做好基层卫生人才招聘工作的通知",
             "各县（市、区）卫生健康局：",
             "为加强基层卫生人才队伍建设，现就有关事项通知如下。",
             "联系电话：0759-7654321"]
    # the notice's own contact line after its last sentence stays
    assert dropped(lines) == lines[:2]


def test_a_title_with_bars_is_no_menu():
    assert not is_furniture_line("关于印发《医疗机构管理条例》|实施细则的通知")


def test_publication_time_is_furniture_above_the_text_but_a_meeting_time_is_not():
    lines = ["关于召开基层卫生工作会议的通知", "2024-09-04 11:16 来源：汕头市卫生健康局",
             "经研究，定于2024年9月10日召开全市基层卫生工作会议，现将有关事项通知如下。",
             "2024年9月10日 9:30",
             "请各单位按时参会，不得缺席。"]
    assert dropped(lines) == ["2024-09-04 11:16 来源：汕头市卫生健康局"]


@pytest.mark.parametrize("line", [
    "一、总体要求",
    "（三）网站地图和导航建设",
    "附件：省级电网输配电价定价办法",
    "2024年8月2日",
    "二〇二四年八月二日",
    "汕头市卫生健康局",
    "各网站要在首页显著位置设置网站地图、联系我们等栏目，并标注ICP备案编号，不得虚假标注。",
])
def test_document_lines_are_not_furniture(line):
    assert not is_furniture_line(line)


def test_a_missing_data_file_is_a_data_file_error(monkeypatch):
    monkeypatch.setattr(boilerplate, "DATA_FILE", "no-such-file.yaml")
    boilerplate.lexicon.cache_clear()
    try:
        with pytest.raises(DataFileError, match="no-such-file.yaml"):
            boilerplate.lexicon()
    finally:
        monkeypatch.undo()
        boilerplate.lexicon.cache_clear()
