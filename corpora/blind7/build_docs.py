"""Build corpora/blind7/docs from the plain texts in raw/ (run once, before annotation).

Five national health documents (a public collection of PDF extractions, line wraps
joined, appended documents cut off), each in the format it circulates in, with that
format's noise (helpers in scripts/blind_docs.py):

- yaopin_mulu      → DOCX (python-docx): 2025 drug-list notice
- duodian_zhiye    → HTML: the 2014 opinion on doctors practising at several sites,
                     on a government portal's page
- zhiliang_guanli  → PDF, written by LibreOffice: a ministry's order on medical quality
- zhineng_jianguan → legacy .doc, written by LibreOffice: a pilot notice
- yibao_biaozhun   → TXT in GB18030, hard-wrapped at 76 columns, a scraped header and an
                     injected spam token

    python corpora/blind7/build_docs.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))
from blind_docs import build  # noqa: E402

CHROME = {
    "site": "人民政府门户网站",
    "nav": ('<div class="topbar"><a>简</a>|<a>繁</a>|<a>EN</a> <a>登录</a> <a>邮箱</a></div>\n'
            '<div class="mainnav"><a>首页</a><a>国务院</a><a>总理</a><a>新闻</a><a>政策</a>'
            '<a>互动</a><a>服务</a><a>数据</a></div>\n'
            '<div class="BreadcrumbNav">首页 &gt; 政策 &gt; 国务院政策文件库 &gt; 国务院文件</div>'),
    "meta": ('<table class="bd1"><tr><td>标　　题：</td><td>关于印发推进和规范医师多点执业的'
             '若干意见的通知</td></tr><tr><td>发文机关：</td><td>国家卫生计生委</td>'
             '<td>发文字号：</td><td>国卫医发〔2014〕86号</td></tr><tr><td>成文日期：</td>'
             '<td>2014年11月05日</td><td>发布日期：</td><td>2015年01月12日</td></tr></table>'),
    "footer": ('<div class="editor">【我要纠错】 责任编辑：王洋</div>\n<div class="share">'
               '扫一扫在手机打开当前页 【打印】【关闭】</div>\n<div class="footer">版权所有：'
               '人民政府网 网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号'
               '</div>'),
}
HEADER = ["医药资讯网 > 政策法规 > 医保", "来源：网络 作者：佚名 时间：2020-12-03 点击：2871", ""]


def main() -> None:
    build(HERE, {"zhiliang_guanli": "pdf", "zhineng_jianguan": "doc", "yaopin_mulu": "docx",
                 "duodian_zhiye": "html", "yibao_biaozhun": "txt"},
          CHROME, ("HY电竞", HEADER, 76))


if __name__ == "__main__":
    main()
