"""Titles: the opening lines up to the body, joined when broken over lines."""
import pytest

from extractor.structure import analyse

from . import seed_text

# (seed, title) read off the documents
SEED_TITLES = [
    ("000", "关于开展廉江市医共体建设暨防控体系能力提升工程的意见（征求意见稿）"),
    ("001", "关于对汕头市政协十四届三次会议第20240313号提案的答复"),
    ("002", "湛江市全面提升县级医院综合能力实施方案（2020-2021年）"),
    ("003", None),  # the scraped page kept no title line: only the issuer's name above the body
    ("004", "连平县加强紧密型县域医疗卫生共同体建设实施方案（征求意见稿）"),
]


@pytest.mark.parametrize("seed,title", SEED_TITLES)
def test_seed_title(seed, title):
    assert analyse(seed_text(seed)).info.title == title


CASES = [
    # (text, title)
    ("关于开展廉江市医共体建设暨防控体系能力\n提升工程的意见（征求意见稿）\n为贯彻落实有关文件精神，现提出如下意见。",
     "关于开展廉江市医共体建设暨防控体系能力提升工程的意见（征求意见稿）"),
    ("连平县加强紧密型县域医疗卫生\n共同体建设实施方案\n（征求意见稿）\n为深入贯彻落实，制定本方案。\n一、总体要求",
     "连平县加强紧密型县域医疗卫生共同体建设实施方案（征求意见稿）"),
    # a law converted to Markdown
    ("# 上海市人口与计划生育条例\n2003年12月31日 上海市第十二届人民代表大会常务委员会第九次会议通过\n"
     "<!-- INFO END -->\n## 第一章 总则\n第一条 为了推行计划生育，制定本条例。",
     "上海市人口与计划生育条例"),
    # red head and 文号 above the title are not part of it
    ("汕头市人民政府办公室文件\n汕府办〔2024〕12号\n汕头市人民政府办公室关于印发\n汕头市推进医联体建设工作方案的通知\n"
     "各区县人民政府，市府直属各单位：\n现将方案印发给你们，请认真贯彻执行。",
     "汕头市人民政府办公室关于印发汕头市推进医联体建设工作方案的通知"),
    # the issuers' line heads a "关于…" title
    ("海南省农业农村厅 海南省财政厅\n关于印发2024-2026年海南省农机\n购置与应用补贴实施方案的通知\n各市、县、自治县农业农村局、财政局：\n现将方案印发给你们。",
     "海南省农业农村厅 海南省财政厅关于印发2024-2026年海南省农机购置与应用补贴实施方案的通知"),
    # a 文号 line between title and addressee
    ("国家发展改革委关于印发\n《省级电网输配电价定价办法》的通知\n发改价格规〔2020〕101号\n各省、自治区、直辖市发展改革委：\n现印发你们。",
     "国家发展改革委关于印发《省级电网输配电价定价办法》的通知"),
    # a title ends at its head noun, a line wrapped before "的通知" does not
    ("关于做好2024年防汛工作的通知\n各有关单位\n现将有关事项通知如下。", "关于做好2024年防汛工作的通知"),
    ("关于印发湛江市加强紧密型县域医疗卫生共同体建设实施方案\n的通知\n各县人民政府：\n现印发给你们。",
     "关于印发湛江市加强紧密型县域医疗卫生共同体建设实施方案的通知"),
    # a first line that names no kind is a title only when it opens the text
    ("2026年中央一号文件\n党的十八大以来第14个中央一号文件由新华社受权发布。", "2026年中央一号文件"),
    # an issuer's name alone is not a title
    ("荆门市人民政府\n荆门市人民政府为科学配置医疗卫生资源，结合实际，制定本规划。", None),
    # the body starts at once
    ("为贯彻落实有关文件精神，现提出如下意见。\n一、总体要求", None),
    # a heading is not a title
    ("一、总体要求\n坚持以人民健康为中心。", None),
]


@pytest.mark.parametrize("text,title", CASES)
def test_title(text, title):
    assert analyse(text).info.title == title


def test_title_from_meta_when_the_text_has_none():
    text = "各省、自治区发展改革委：\n现将办法印发你们，请按照执行。"
    meta = {"title": "关于印发《省级电网输配电价定价办法》的通知(发改价格规〔2020〕101号)"}
    info = analyse(text, meta).info
    assert info.title == meta["title"]
    assert info.doc_kind == "通知"


def test_the_texts_title_wins_over_meta():
    text = "关于对第20240313号提案的答复\n李冠武等委员:\n现答复如下。"
    assert analyse(text, {"title": "网站栏目标题"}).info.title == "关于对第20240313号提案的答复"
