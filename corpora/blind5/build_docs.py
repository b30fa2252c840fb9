"""Build corpora/blind5/docs from the plain texts in raw/ (run once, before annotation).

Five national health-insurance notices (a public collection of PDF extractions, line
wraps joined; appended unrelated documents cut off), each put into the format it
circulates in, with that format's noise (helpers in scripts/blind_docs.py):

- zhifu_zige       → PDF, written by LibreOffice from a python-docx file
- kuasheng_yidi    → DOCX (python-docx), with its attached 经办规程 after the signature
- menzhen_feiyong  → HTML: a saved page of a medical-insurance bureau's site
- dingdian_guanli  → legacy .doc, written by LibreOffice
- manbing_kuowei   → TXT in GB18030, hard-wrapped at 64 columns, a forum header and an
                     injected spam token

    python corpora/blind5/build_docs.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))
from blind_docs import build  # noqa: E402

CHROME = {
    "site": "医疗保障局",
    "nav": ('<div class="head"><span>今天是：2021年5月8日 星期六</span> <a href="/">设为首页</a>'
            ' <a href="/fav">加入收藏</a></div>\n<div class="menu"><a>首页</a><a>机构概况</a>'
            '<a>新闻动态</a><a>政务公开</a><a>办事服务</a><a>互动交流</a></div>\n'
            '<div class="path">您现在的位置：首页 &gt;&gt; 政务公开 &gt;&gt; 政策文件</div>'),
    "meta": ('<div class="info">文章来源：医药服务管理司 发布日期：2021-05-08 浏览次数：'
             '<span id="hits">1024</span> 【<a>大</a> <a>中</a> <a>小</a>】</div>'),
    "footer": ('<div class="tools"><a>【打印】</a><a>【关闭】</a> 上一篇：关于做好2021年医疗保障工作的'
               '通知 下一篇：没有了</div>\n<div class="foot">版权所有：医疗保障局 技术支持：信息中心'
               '<br>ICP备案号：京ICP备18054585号-1 网站标识码：bm51000001</div>'),
}
HEADER = ["【医保政策文库】首页 > 法规库 > 正文", "本帖最后由 admin 于 2024-10-12 编辑", ""]


def main() -> None:
    build(HERE, {"zhifu_zige": "pdf", "dingdian_guanli": "doc", "kuasheng_yidi": "docx",
                 "menzhen_feiyong": "html", "manbing_kuowei": "txt"},
          CHROME, ("开元棋牌", HEADER, 64))


if __name__ == "__main__":
    main()
