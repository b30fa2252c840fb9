"""Put plain policy texts into the formats they circulate in, for blind test sets.

Each blind set's ``build_docs.py`` reads ``raw/<name>.txt`` (title first, one paragraph a
line) and writes ``docs/`` with the helpers here: a DOCX as python-docx writes it, PDF and
legacy .doc as LibreOffice converts that DOCX, a saved web page with a site's navigation,
and a scraped TXT: hard-wrapped, GB18030, with a site header and an injected spam token.
"""
from __future__ import annotations

import html
import random
import re
import subprocess
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

SIGN = re.compile(r"^(.{2,30}?(?:办公厅|局|委|综合司|办公室|部))$")
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def read_lines(path: Path) -> list[str]:
    """The paragraphs of a raw text; a printed regulation's 第一条 gets its full-width space."""
    out = []
    for ln in path.read_text(encoding="utf-8").split("\n"):
        out.append(re.sub(r"^(第[一二三四五六七八九十百]+[章条])(?=\S)", "\\1\u3000", ln))
    return out


def to_docx(paras: list[str], path: Path) -> None:
    """Title and 文号 centred, signatures and dates right-aligned, as offices lay them out."""
    doc = Document()
    for i, p in enumerate(paras):
        para = doc.add_paragraph(p)
        if i == 0 or (i == 1 and p.startswith("（")):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif SIGN.match(p) or DATE.fullmatch(p):
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(path)


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert ``src`` with headless LibreOffice; the converted file's path."""
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir),
                    str(src)], check=True, capture_output=True, timeout=180)
    return outdir / f"{src.stem}.{fmt}"


def html_page(paras: list[str], chrome: dict[str, str]) -> str:
    """A saved article page: ``chrome`` gives the site's ``site``, ``nav`` (HTML),
    ``meta`` (HTML) and ``footer`` (HTML) around the text."""
    title = html.escape(paras[0])
    body = "\n".join(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in paras[1:])
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_{chrome['site']}</title>
<script>var _hmt = _hmt || [];</script></head>
<body>
{chrome['nav']}
{chrome['meta']}
<div class="content">
<h1>{title}</h1>
{body}
</div>
{chrome['footer']}
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


def spam_txt(paras: list[str], token: str, header: list[str], columns: int = 72,
             seed: int = 7) -> str:
    """A scraped copy: ``header`` lines above, ``token`` pasted after a punctuation mark in
    about half the long paragraphs, every paragraph hard-wrapped at ``columns``."""
    rnd = random.Random(seed)
    out = []
    for p in paras:
        if len(p) > 40 and rnd.random() < 0.5:
            cuts = [m.end() for m in re.finditer(r"[，。；]", p)]
            if cuts:
                i = rnd.choice(cuts)
                p = p[:i] + token + p[i:]
        out.extend(wrap(p, columns))
        out.append("")
    return "\n".join(header + out) + "\n"


def build(here: Path, formats: dict[str, str], chrome: dict[str, str] | None = None,
          spam: tuple[str, list[str], int] | None = None) -> None:
    """Write ``here/docs`` from ``here/raw``: ``formats`` maps each text's name to pdf, docx,
    doc, html (a page with ``chrome``) or txt (scraped: ``spam`` = token, header, columns)."""
    import shutil
    import tempfile

    raw, docs = here / "raw", here / "docs"
    docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for name, fmt in formats.items():
            paras = read_lines(raw / f"{name}.txt")
            if fmt in ("pdf", "doc"):
                to_docx(paras, t / f"{name}.docx")
                shutil.copy(soffice(t / f"{name}.docx", fmt, t), docs / f"{name}.{fmt}")
            elif fmt == "docx":
                to_docx(paras, docs / f"{name}.docx")
            elif fmt == "html" and chrome is not None:
                (docs / f"{name}.html").write_text(html_page(paras, chrome), encoding="utf-8")
            elif fmt == "txt" and spam is not None:
                token, header, columns = spam
                (docs / f"{name}.txt").write_bytes(
                    spam_txt(paras, token, header, columns).encode("gb18030"))
            else:
                raise ValueError(f"{name}: cannot write {fmt}")
