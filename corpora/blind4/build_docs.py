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

import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

HERE = Path(__file__).resolve().parent
RAW, DOCS = HERE / "raw", HERE / "docs"
SIGN = re.compile(r"^(.{2,30}?(?:办公厅|局|委|综合司|办公室|部))$")


def lines(name: str) -> list[str]:
    text = (RAW / f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for ln in text.split("\n"):
        # the article and chapter headings of a printed regulation: "第一条　为…"
        ln = re.sub(r"^(第[一二三四五六七八九十百]+[章条])(?=\S)", "\\1\u3000", ln)
        out.append(ln)
    return out


def to_docx(paras: list[str], path: Path) -> None:
    doc = Document()
    for i, p in enumerate(paras):
        para = doc.add_paragraph(p)
        if i == 0:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif i == 1 and p.startswith("（"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif SIGN.match(p) or re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", p):
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(path)


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir),
                    str(src)], check=True, capture_output=True, timeout=180)
    return outdir / f"{src.stem}.{fmt}"


def html_page(paras: list[str]) -> str:
    title = paras[0]
    body = "\n".join(f"<p style=\"text-indent:2em\">{p}</p>" for p in paras[1:])
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_政策文件_卫生健康委网站</title>
<script>var _hmt = _hmt || [];</script></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/wap/">无障碍浏览</a> | <a href="/en/">English</a></div>
<div class="nav"><ul><li>首页</li><li>机构</li><li>新闻</li><li>信息</li><li>服务</li><li>互动</li><li>专题</li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zcwj/">政策文件</a> &gt; 正文</div>
<div class="meta"><span>发布时间：2024-11-01</span><span>来源：医政司</span><span>字号：大 中 小</span></div>
<div class="content">
<h1>{title}</h1>
{body}
</div>
<div class="share">分享到：微信 微博 QQ空间 【打印本页】【关闭窗口】</div>
<div class="related"><h3>相关链接</h3><ul><li>政策解读：一图读懂首诊和转诊服务</li><li>关于印发医疗机构检查检验结果互认管理办法的通知</li></ul></div>
<div class="footer">主办单位：卫生健康委员会 版权所有 网站标识码 bm24000006 京ICP备18052436号 京公网安备 11010202000005号<br>地址：北京市西城区西直门外南路1号 邮编：100044</div>
</body></html>
"""


def wrap(p: str, columns: int) -> list[str]:
    """Hard wrap as a fixed-width reader does: Chinese characters take two columns."""
    out, line, width = [], "", 0
    for ch in p:
        w = 1 if ord(ch) < 0x2E80 else 2
        if width + w > columns:
            out.append(line)
            line, width = "", 0
        line += ch
        width += w
    return out + [line]


def spam_txt(paras: list[str], token: str, seed: int = 7) -> str:
    rnd = random.Random(seed)
    header = ["网站首页 | 政策法规 | 医保资讯 | 在线投稿", "客服热线：400-000-0000 手机版 关注我们", ""]
    out = []
    for p in paras:
        if len(p) > 40 and rnd.random() < 0.5:
            cuts = [m.end() for m in re.finditer(r"[，。；]", p)]
            if cuts:
                i = rnd.choice(cuts)
                p = p[:i] + token + p[i:]
        out.extend(wrap(p, 72))
        out.append("")
    return "\n".join(header + out) + "\n"


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        to_docx(lines("jishi_jiesuan"), t / "jishi_jiesuan.docx")
        shutil.copy(soffice(t / "jishi_jiesuan.docx", "pdf", t), DOCS / "jishi_jiesuan.pdf")
        to_docx(lines("changqi_chufang"), t / "changqi_chufang.docx")
        shutil.copy(soffice(t / "changqi_chufang.docx", "doc", t), DOCS / "changqi_chufang.doc")
    to_docx(lines("yaopin_caigou"), DOCS / "yaopin_caigou.docx")
    (DOCS / "shouzhen_zhuanzhen.html").write_text(html_page(lines("shouzhen_zhuanzhen")),
                                                  encoding="utf-8")
    (DOCS / "zhineng_shenhe.txt").write_bytes(
        spam_txt(lines("zhineng_shenhe"), "WG娱乐").encode("gb18030"))


if __name__ == "__main__":
    main()
