"""Build corpora/blind8/docs from the plain texts in raw/ (run once, before annotation).

Six local plans and programmes, the first blind set of the seeds' genre (targets by a
year, quotas, tables of indicators): five district or city plans of Shanghai (parks,
greening, sponge city, waste sorting) from the public collection
zhiyao87/Shanghai-Gov-Docs-Index (text extracted from shanghai.gov.cn pages) and a
provincial pricing programme of Sichuan from JunFengXiang/electricity-policy-rag (text
of the fgw.sc.gov.cn page, its split numbers rejoined). Appended documents (附件N: project
tables) are cut; the notices' lists of attachments stay. Each goes into the format it
circulates in, with that format's noise (helpers in scripts/blind_docs.py):

- shanghai_gongyuan → DOCX (python-docx): the city's park-quality programme (2026)
- baoshan_laji      → DOCX: a district's waste-sorting programme (2019)
- fengxian_gongyuan → PDF, written by LibreOffice: a district's park-city opinions (2021)
- jiading_haimian   → legacy .doc, written by LibreOffice: a district's sponge-city
                      programme (2024)
- sichuan_dianjia   → HTML: the provincial development and reform commission's page
- putuo_lvhua       → TXT in GB18030, hard-wrapped at 74 columns, a scraped header and an
                      injected spam token: a district's greening plan for the 15th
                      five-year period, with its indicator tables one cell a line

    python corpora/blind8/build_docs.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))
from blind_docs import build  # noqa: E402

CHROME = {
    "site": "四川省发展和改革委员会",
    "nav": ('<div class="top"><a>无障碍</a> <a>长者模式</a> <a>English</a></div>\n'
            '<div class="nav"><a>首页</a><a>机构概况</a><a>政务公开</a><a>政务服务</a>'
            '<a>互动交流</a><a>专题专栏</a></div>\n'
            '<div class="position">当前位置：首页 &gt; 政务公开 &gt; 其他文件</div>'),
    "meta": ('<div class="info"><span>发布时间：2025-09-30 17:12</span> <span>来源：价格处</span>'
             ' <span>字号：【大 中 小】</span></div>'),
    "footer": ('<div class="share">分享到：微信 微博 【打印本页】 【关闭窗口】</div>\n'
               '<div class="footer">主办单位：四川省发展和改革委员会 网站标识码5100000035 '
               '蜀ICP备05003232号 川公网安备51010402000377号</div>'),
}
HEADER = ["园林绿化资讯网 > 政策法规 > 规划计划", "来源：网络 作者：admin 时间：2026-07-28 浏览：1032", ""]


def main() -> None:
    build(HERE, {"shanghai_gongyuan": "docx", "baoshan_laji": "docx", "fengxian_gongyuan": "pdf",
                 "jiading_haimian": "doc", "sichuan_dianjia": "html", "putuo_lvhua": "txt"},
          CHROME, ("华体会hth", HEADER, 74))


if __name__ == "__main__":
    main()
