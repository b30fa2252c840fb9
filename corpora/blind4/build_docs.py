"""Build corpora/blind4/docs from the plain texts in raw/ (run once, before annotation).

The texts are national health-insurance and health notices as published (taken from a
public collection of PDF extractions; PDF line-wrap spaces removed). Each is put into
the format it circulates in, with that format's usual noise:

- jishi_jiesuan      → PDF, written by LibreOffice from a python-docx file
- yaopin_caigou      → DOCX (python-docx), title centred, a 文号 line, signature right
- shouzhen_zhuanzhen → HTML: a ministry page with navigation, breadcrumbs and a footer
- changqi_chufang    → legacy .doc, written by LibreOffice
- zhineng_shenhe     → TXT in GB18030, hard-wrapped at 72 columns, with an injected
                       spam token and a scraped site header

    python corpora/blind4/build_docs.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))
from blind_docs import build  # noqa: E402

CHROME = {
    "site": "政策文件_卫生健康委网站",
    "nav": ('<div class="top"><a href="/">首页</a> | <a href="/wap/">无障碍浏览</a> | '
            '<a href="/en/">English</a></div>\n<div class="nav"><ul><li>首页</li><li>机构</li>'
            '<li>新闻</li><li>信息</li><li>服务</li><li>互动</li><li>专题</li></ul></div>\n'
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a>'
            ' &gt; 正文</div>'),
    "meta": ('<div class="meta"><span>发布时间：2024-11-01</span><span>来源：医政司</span>'
             '<span>字号：大 中 小</span></div>'),
    "footer": ('<div class="share">分享到：微信 微博 QQ空间 【打印本页】【关闭窗口】</div>\n'
               '<div class="related"><h3>相关链接</h3><ul><li>政策解读：一图读懂首诊和转诊服务</li>'
               '<li>关于印发医疗机构检查检验结果互认管理办法的通知</li></ul></div>\n'
               '<div class="footer">主办单位：卫生健康委员会 版权所有 网站标识码 bm24000006 '
               '京ICP备18052436号 京公网安备 11010202000005号<br>地址：北京市西城区西直门外南路1号 '
               '邮编：100044</div>'),
}
HEADER = ["网站首页 | 政策法规 | 医保资讯 | 在线投稿", "客服热线：400-000-0000 手机版 关注我们", ""]


def main() -> None:
    build(HERE, {"jishi_jiesuan": "pdf", "changqi_chufang": "doc", "yaopin_caigou": "docx",
                 "shouzhen_zhuanzhen": "html", "zhineng_shenhe": "txt"},
          CHROME, ("WG娱乐", HEADER, 72))


if __name__ == "__main__":
    main()
