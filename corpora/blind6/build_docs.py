"""Build corpora/blind6/docs from the plain texts in raw/ (run once, before annotation).

Five national health-insurance rules and a notice (a public collection of PDF
extractions, line wraps joined, appended documents cut off), each in the format it
circulates in, with that format's noise (helpers in scripts/blind_docs.py):

- xingzheng_chufa  → PDF, written by LibreOffice from a python-docx file
- feixing_jiancha  → DOCX (python-docx)
- jubao_chuli      → HTML: a saved page of a provincial bureau's site
- bingzhong_fufei  → legacy .doc, written by LibreOffice
- chaoliang_kaiyao → TXT in GB18030, hard-wrapped at 80 columns, a scraped header and
                     an injected spam token

    python corpora/blind6/build_docs.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))
from blind_docs import build  # noqa: E402

CHROME = {
    "site": "省医疗保障局门户网站",
    "nav": ('<header><div class="logo">省医疗保障局</div><form class="search"><input '
            'placeholder="请输入关键字"><button>搜索</button></form></header>\n<nav>'
            '<a>首页</a> | <a>政务公开</a> | <a>政策法规</a> | <a>医保服务</a> | <a>公众参与</a></nav>\n'
            '<div class="loc">首页 &gt; 政策法规 &gt; 部门规章</div>'),
    "meta": ('<table class="zwgk"><tr><td>索引号：11000000MB0000000X/2022-00123</td>'
             '<td>主题分类：医疗保障</td></tr><tr><td>发布机构：国家医疗保障局</td>'
             '<td>发布日期：2022-01-15</td></tr></table>'),
    "footer": ('<div class="fx">【字体：大 中 小】 【打印】 【关闭】 扫一扫在手机打开当前页</div>\n'
               '<footer>主办：省医疗保障局 地址：省府路88号 联系电话：0000-12345678<br>'
               '备案号：ICP备05001234号 政府网站标识码：3300000001</footer>'),
}
HEADER = ["转载自：医保法规汇编 | 2023-03-02 | 阅读 356 次", "分享到： 微信 QQ 微博", ""]


def main() -> None:
    build(HERE, {"xingzheng_chufa": "pdf", "bingzhong_fufei": "doc", "feixing_jiancha": "docx",
                 "jubao_chuli": "html", "chaoliang_kaiyao": "txt"},
          CHROME, ("BTI体育", HEADER, 80))


if __name__ == "__main__":
    main()
