"""Web pages: the article, its title and 落款 in; the portal around it out.

The seed pages are built the way a government portal (TRS and the like) lays out a
detail page: header menu, breadcrumb, share bar, the body in an article div with one
<p> per line, the 落款 right-aligned after it, a QR-code line and a footer.
"""
from __future__ import annotations

import html
import re
from collections.abc import Sequence

import pytest
from conftest import SEEDS_DIR, char_similarity

from extractor.clean import clean
from extractor.errors import EmptyDocument
from extractor.ingest import read_bytes

SITE = "某某市卫生健康局"

HEADER = f"""
<div class="header">
  <div class="top"><a href="#">无障碍</a> | <a href="#">长者模式</a> | <a href="#">登录</a></div>
  <ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li>
  </ul>
</div>
<div class="location">您现在所在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">{SITE}</a>
  &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/tzgg/">通知公告</a></div>
"""
FOOTER = """
<div class="footer">
  <p><a href="/map.html">网站地图</a> | <a href="/lxwm.html">联系我们</a> | <a href="#">网站声明</a></p>
  <p>主办单位：某某市卫生健康局　　承办单位：某某市政务服务数据管理局</p>
  <p>网站标识码：4405000019　<a href="https://beian.miit.gov.cn">粤ICP备05080322号</a>
     粤公网安备 44050702000123号</p>
  <p>建议使用1366×768分辨率浏览本站</p>
</div>
"""


def portal_page(title: str, body: list[str], signature: Sequence[str] = (),
                charset: str = "utf-8") -> str:
    """A detail page of a government portal around ``body`` (one <p> per line)."""
    esc = html.escape
    paras = "\n".join(f"<p>{esc(x)}</p>" for x in body)
    sign = "".join(f"<p>{esc(x)}</p>" for x in signature)
    return f"""<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{esc(title)}_{SITE}</title>
<meta name="SiteName" content="{SITE}">
<meta name="PubDate" content="2024-09-04 11:16">
<meta name="ContentSource" content="{SITE}">
<script>var nav = "首页 > 政务公开";</script>
<style>.TRS_Editor p {{ text-indent: 2em; }}</style>
</head><body>
{HEADER}
<div class="article">
  <h1 class="article-title">{esc(title)}</h1>
  <div class="info">
    <span>发布时间：2024-09-04 11:16</span> <span>来源：{SITE}</span>
    <span>【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  <div class="article-con"><div class="TRS_Editor" id="zoom">
{paras}
  </div></div>
  <div class="article-sign" style="text-align:right">{sign}</div>
  <div class="ewm">扫一扫在手机打开当前页</div>
  <div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
</div>
{FOOTER}
</body></html>"""


def read_page(page: str):
    return read_bytes(page.encode("utf-8"), "page.html")


def seed_lines(name: str) -> list[str]:
    path = next(SEEDS_DIR.glob(f"{name}_*.txt"))
    return [x.strip() for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def seed_text(name: str) -> str:
    return next(SEEDS_DIR.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def seed_page(name: str) -> tuple[str, str]:
    """(page, cleaned seed text): the seed's document lines placed in a portal page."""
    lines = seed_lines(name)
    if name == "001":
        # Scraped page: title, four metadata bullets (the page's info bar), then
        # "• 李冠武等委员:" ... "专此答复…", then the 落款.
        start = lines.index("关于对汕头市政协十四届三次会议第20240313号提案的答复")
        end = lines.index("汕头市卫生健康局")
        body = [x.lstrip("• ") for x in lines[start + 5:end]]
        title, sign = lines[start], lines[end:end + 2]
    elif name == "003":
        # Scraped page: the article title, then the plan's paragraphs up to the footer.
        start = lines.index("PG电子荆门市人民政府")
        end = lines.index("友情链接")
        title, body, sign = lines[start], lines[start + 2:end], []
    else:
        # Clean documents whose title runs over the first lines; the page's <h1> has it whole.
        title_lines = {"000": 2, "002": 2, "004": 3}[name]
        title = re.sub(r"\[bookmark:[^\]]*\]", "", "".join(lines[:title_lines]))
        body, sign = lines, []
    return portal_page(title, body, sign), clean(seed_text(name)).text


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_page_reads_back_as_the_seed(name):
    page, expected = seed_page(name)
    raw = read_page(page)
    got = clean(raw.text).text
    assert char_similarity(got, expected) >= 0.99
    for furniture in ("首页", "分享到", "扫一扫", "ICP", "网站标识码", "字体", "打印本页"):
        assert furniture not in got


def test_seed_page_keeps_title_first_and_the_signature_last():
    page, _ = seed_page("001")
    raw = read_page(page)
    assert raw.blocks[0].text == "关于对汕头市政协十四届三次会议第20240313号提案的答复"
    assert raw.blocks[0].kind == "heading"
    assert [b.text for b in raw.blocks[-3:]] == [
        "专此答复,再次感谢各位委员对我局工作的关心和支持。", "汕头市卫生健康局", "2024年8月2日"]
    assert raw.format == "html"
    assert raw.meta["pubdate"] == "2024-09-04 11:16"
    assert raw.meta["source"] == SITE


def test_gb2312_page_with_meta_charset():
    lines = seed_lines("004")
    page = portal_page(lines[0], lines, charset="gb2312")
    # Sites declare gb2312 and write GBK characters; the reader decodes as GB18030.
    raw = read_bytes(page.encode("gb18030"), "gb.html")
    assert raw.text == read_page(page).text
    assert "连平县加强紧密型县域医疗卫生" in raw.text
    assert raw.warnings == []


def test_real_ndrc_page(shared):
    path = shared / "realdocs" / "04_ndrc_shudianjia_notice.html"
    raw = read_bytes(path.read_bytes(), path.name)
    texts = [b.text for b in raw.blocks]
    assert texts[:3] == ["国家发展改革委关于印发", "《省级电网输配电价定价办法》的通知",
                         "发改价格规〔2020〕101号"]
    assert texts[3].startswith("各省、自治区、直辖市发展改革委（物价局）")
    assert texts[4].startswith("为贯彻落实《中共中央 国务院关于进一步深化电力体制改革的若干意见》")
    assert texts[4].endswith("现印发你们，请按照执行。")
    assert texts[5] == "附件：省级电网输配电价定价办法"
    assert texts[-2:] == ["国家发展改革委", "2020年1月19日"]  # 成文日期, not 发布时间
    whole = raw.text
    for furniture in ("首页", "政务公开", "发布时间", "打印", "相关政策与解读", "排行榜"):
        assert furniture not in whole
    assert raw.meta["title"] == "关于印发《省级电网输配电价定价办法》的通知(发改价格规〔2020〕101号)"
    assert raw.meta["ArticleTitle"] == raw.meta["title"]
    assert raw.meta["pubdate"] == "2020-02-05 10:26:38"
    assert raw.meta["source"] == raw.meta["ContentSource"] == "价格司"
    assert raw.meta["SiteIDCode"] == "bm04000007"
    assert raw.meta["ColumnName"] == "规范性文件"


def test_unclosed_tags_and_malformed_attributes():
    page = """<html><head><meta name="Author"content=""><title>关于做好流感防控工作的通知</title>
    <body><div class="nav"><a href="/">首页</a><a href="/a">通知公告</a>
    <div class=content>
    <p>各镇（街道）卫生院：
    <p>为做好今冬明春流感防控工作，切实保障人民群众身体健康，现将有关事项通知如下。
    <p><b>一、加强监测预警
    <p>各单位要落实发热门诊预检分诊制度，及时报告聚集性疫情，不得迟报、漏报。</span>
    <p>某某县卫生健康局<p>2024年11月1日
    </div><div class="footer">版权所有：某某县卫生健康局
    """
    raw = read_page(page)
    assert [b.text for b in raw.blocks] == [
        "关于做好流感防控工作的通知",
        "各镇（街道）卫生院：",
        "为做好今冬明春流感防控工作，切实保障人民群众身体健康，现将有关事项通知如下。",
        "一、加强监测预警",
        "各单位要落实发热门诊预检分诊制度，及时报告聚集性疫情，不得迟报、漏报。",
        "某某县卫生健康局",
        "2024年11月1日",
    ]


def test_page_without_body_text_is_an_empty_document():
    page = f"""<!DOCTYPE html><html><head><title>{SITE}</title>
    <script>document.write("正文由脚本载入，请稍候。正文由脚本载入，请稍候。");</script></head>
    <body>{HEADER}<div id="content"></div>{FOOTER}</body></html>"""
    with pytest.raises(EmptyDocument):
        read_page(page)


def test_opening_paragraph_and_every_paragraph_of_the_container_are_kept():
    # Extractors that score paragraphs drop a short or differently styled lead.
    body = ('<p class="lead">市政府同意，现予印发。</p>'
            + "".join(f"<div>（{n}）第{n}项措施要求各地落实责任，加强督导检查，确保取得实效。</div>"
                      for n in "一二三四五")
            + '<div class="pic"><img src="a.png"></div><p>附件：<a href="a.docx">任务分工表</a></p>')
    page = f"<html><body>{HEADER}<div class=\"main\">{body}</div>{FOOTER}</body></html>"
    texts = [b.text for b in read_page(page).blocks]
    assert texts[0] == "市政府同意，现予印发。"
    assert len(texts) == 7
    assert texts[-1] == "附件：任务分工表"


def test_br_lines_table_rows_and_list_items():
    page = """<html><body><div class="nav"><a href="/">首页</a> <a href="/b">政策文件</a></div>
    <div id="zoom">
    <p>各有关单位：<br>现将2024年度项目资金安排情况公布如下，请各单位按规定使用资金。<br>特此通知。</p>
    <table><tr><th>单位</th><th>金额（万元）</th></tr>
           <tr><td>市人民医院</td><td><p>120</p></td></tr></table>
    <ul><li>资金须专款专用，不得挤占挪用。</li><li>年底前报送使用情况，逾期不再安排资金。</li></ul>
    </div></body></html>"""
    blocks = read_page(page).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "各有关单位："),
        ("paragraph", "现将2024年度项目资金安排情况公布如下，请各单位按规定使用资金。"),
        ("paragraph", "特此通知。"),
        ("table_row", "单位\t金额（万元）"),
        ("table_row", "市人民医院\t120"),
        ("list_item", "资金须专款专用，不得挤占挪用。"),
        ("list_item", "年底前报送使用情况，逾期不再安排资金。"),
    ]


def test_layout_table_page_keeps_the_article_cell_not_the_menu_cell():
    menu = "".join(f'<a href="/{i}">{w}</a><br>' for i, w in enumerate(
        ["机构概况", "政务公开", "通知公告", "政策法规", "办事服务", "互动交流"]))
    text = "<br>".join(["关于开展爱国卫生月活动的通知", "各乡镇人民政府，县直各单位：",
                        "为巩固国家卫生县城创建成果，经研究，决定于四月开展爱国卫生月活动。",
                        "请各单位结合实际，认真组织，确保活动取得实效。",
                        "某某县爱国卫生运动委员会办公室", "2024年3月25日"])
    page = f"""<html><head><title>关于开展爱国卫生月活动的通知 - 某某县人民政府</title></head>
    <body><table width="100%"><tr><td width="200" class="left">{menu}</td>
    <td class="bt_content">{text}</td></tr></table></body></html>"""
    raw = read_page(page)
    assert [b.text for b in raw.blocks][0] == "关于开展爱国卫生月活动的通知"
    assert [b.text for b in raw.blocks][-1] == "2024年3月25日"
    assert "政务公开" not in raw.text
    assert raw.meta["title"] == "关于开展爱国卫生月活动的通知"


def test_title_comes_from_the_page_title_without_the_site_name():
    page = """<html><head><title>湛江市全面提升县级医院综合能力实施方案（2020-2021年）-湛江市人民政府</title>
    </head><body><div><h1>湛江市人民政府</h1></div><div class="con">
    <p>为贯彻落实国家有关部署，全面提升县级医院综合能力，制定本方案。</p>
    <p>到2021年底，县域内就诊率达到90%左右。</p></div></body></html>"""
    raw = read_page(page)
    assert raw.meta["title"] == "湛江市全面提升县级医院综合能力实施方案（2020-2021年）"
    assert raw.blocks[0].text == raw.meta["title"]
    assert raw.blocks[1].text.startswith("为贯彻落实")


def test_metadata_table_of_the_page_goes_to_meta_not_to_the_text():
    page = """<html><head><title>国务院办公厅关于加强基层医疗卫生服务能力建设的意见_卫生健康_中国政府网</title>
    </head><body><div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zc/">政策</a></div>
    <table class="bd1">
    <tr><td>索　引　号：</td><td>000014349/2024-00011</td><td>主题分类：</td><td>卫生、体育\\卫生</td></tr>
    <tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2024年02月20日</td></tr>
    <tr><td>发文字号：</td><td>国办发〔2024〕9号</td><td>发布日期：</td><td>2024年03月01日</td></tr>
    </table>
    <div class="pages_content" id="UCAP-CONTENT">
    <p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
    <p>　　基层医疗卫生服务体系是保障人民健康的第一道防线。经国务院同意，现提出以下意见。</p>
    <p>　　到2027年，基层医疗卫生机构服务能力明显提升，县域内就诊率达到90%左右。</p>
    <p style="text-align:right">国务院办公厅</p><p style="text-align:right">2024年2月20日</p>
    </div>
    <div class="editor">【我要纠错】 责任编辑：张三</div></body></html>"""
    raw = read_page(page)
    assert [b.text for b in raw.blocks][0] == "国务院办公厅关于加强基层医疗卫生服务能力建设的意见"
    assert [b.text for b in raw.blocks][-2:] == ["国务院办公厅", "2024年2月20日"]
    assert "索" not in raw.text and "责任编辑" not in raw.text
    assert raw.meta["doc_number"] == "国办发〔2024〕9号"
    assert raw.meta["issuer"] == "国务院办公厅"
    assert raw.meta["doc_date"] == "2024年02月20日"
    assert raw.meta["pubdate"] == "2024年03月01日"
    assert raw.meta["index_no"] == "000014349/2024-00011"


def test_a_site_note_after_the_signature_is_left_out_but_an_attachment_table_is_kept():
    article = """<p>各县（市、区）卫生健康局：</p>
    <p>现将《2024年基层卫生工作要点》印发给你们，请结合实际认真贯彻落实。</p>
    <p>各地要把基层卫生工作摆上重要位置，明确责任分工，细化工作措施，加强督导考核，
    确保各项任务按时完成。执行中遇到的问题，请及时报告市卫生健康局基层卫生科。</p>
    <p>某某市卫生健康局</p><p>2024年3月5日</p>"""
    note = """<div class="consult"><a href="/ly">政策性文件留言咨询</a>
    <p>（注：只接收对该政策性文件的相关咨询;留言时请注明文件名称）</p></div>"""
    table = """<div class="WordSection2"><table>
    <tr><td>序号</td><td>任务</td><td>牵头单位</td></tr>
    <tr><td>1</td><td>推进紧密型县域医共体建设，年底前实现全覆盖。</td><td>基层卫生科</td></tr>
    <tr><td>2</td><td>实施基层人才培养项目，培训乡村医生不少于500人。</td><td>科教科</td></tr>
    </table></div>"""
    noted = read_page(f'<html><body><div class="art"><div class="con">{article}</div>{note}</div></body></html>')
    assert [b.text for b in noted.blocks][-1] == "2024年3月5日"
    attached = read_page(f'<html><body><div class="art"><div class="WordSection1">{article}</div>'
                         f"{table}</div></body></html>")
    assert [b.text for b in attached.blocks][-1] == "2\t实施基层人才培养项目，培训乡村医生不少于500人。\t科教科"


def test_cover_note_whose_body_is_only_attachment_links():
    page = f"""<html><head><title>关于印发《电力辅助服务市场运营规则》的通知</title></head><body>
    {HEADER}
    <div class="detail">
      <div class="detail_title">关于印发《电力辅助服务市场运营规则》的通知</div>
      <div class="detail_date"><span>2020-01-16 12:32</span> <span>来源：</span></div>
      <div class="detail_font"><p>Aa</p><span>字体：</span><a href="#">小</a> | <a href="#">中</a></div>
      <div class="detail_text">
        <p><a href="/a.pdf">关于印发《电力辅助服务市场运营规则》的通知.pdf</a></p>
        <p><a href="/b.pdf">附件：电力辅助服务市场运营规则.pdf</a></p>
      </div>
      <div class="qr">扫一扫在手机打开当前页</div>
    </div>
    <div class="footer"><p>地址：某某市某某区某某路68号 邮编：830063</p>
    <p>某某监管办公室版权所有，如需转载，请注明来源</p></div></body></html>"""
    assert [b.text for b in read_page(page).blocks] == [
        "关于印发《电力辅助服务市场运营规则》的通知",
        "关于印发《电力辅助服务市场运营规则》的通知.pdf",
        "附件：电力辅助服务市场运营规则.pdf",
    ]


def test_page_saved_as_utf8_that_still_declares_gb2312():
    lines = seed_lines("000")
    page = portal_page(lines[0], lines, charset="gb2312")
    assert read_bytes(page.encode("utf-8"), "resaved.html").text == read_page(page).text


def test_title_with_its_number_is_not_repeated_when_the_article_opens_with_it():
    page = """<html><head><meta name="ArticleTitle" content="关于印发《某某办法》的通知(某发〔2024〕1号)">
    </head><body><div class="con"><p>某某局关于印发《某某办法》的通知</p><p>各有关单位：</p>
    <p>现将《某某办法》印发给你们，请认真遵照执行。各单位要加强组织领导，确保取得实效。</p>
    <p>某某局</p><p>2024年1月2日</p></div></body></html>"""
    raw = read_page(page)
    assert raw.blocks[0].text == "某某局关于印发《某某办法》的通知"
    assert raw.meta["title"] == "关于印发《某某办法》的通知(某发〔2024〕1号)"


def test_text_under_a_thousand_unclosed_font_tags_is_read():
    page = ("<html><body><div class=content>" + "<font size=3>" * 1000
            + "<p>各单位要落实发热门诊预检分诊制度，及时报告聚集性疫情。</p></div></body></html>")
    assert read_page(page).text == "各单位要落实发热门诊预检分诊制度，及时报告聚集性疫情。"
