"""Make real PDFs for the PDF reader's tests: python-docx writes a DOCX, LibreOffice prints it.

The layout imitates a 红头 government document (GB/T 9704: A4, 仿宋 16 pt body with a
2-character first-line indent, centred title) so that the reader meets running headers, page
numbers in the footer and justified, hard-wrapped lines as in the real thing.
"""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "Noto Serif CJK SC"
TITLE_FONT = "Noto Sans CJK SC"
FIXTURE_VERSION = "1"  # bump when the way fixtures are made changes (invalidates the cache)


@dataclass
class DocSpec:
    """One DOCX to write: its lines (one paragraph each) and page furniture.

    ``header`` and ``footer`` may hold ``{PAGE}`` and ``{NUMPAGES}``, written as Word fields
    so that LibreOffice prints the real page number on every page.
    """

    name: str
    lines: list[str]
    header: str | None = None
    footer: str | None = None
    centred: set[int] = field(default_factory=set)  # line indices set as centred titles
    indent: bool = True  # 2-character first-line indent on body paragraphs
    body_pt: float = 16

    def key(self) -> str:
        """A content hash, so a cached PDF is reused only for the same spec."""
        h = hashlib.sha1(FIXTURE_VERSION.encode())
        h.update(repr((self.lines, self.header, self.footer, sorted(self.centred),
                       self.indent, self.body_pt)).encode())
        return h.hexdigest()[:12]


def _set_fonts(run_or_style, name: str, size_pt: float) -> None:
    run_or_style.font.name = name
    run_or_style.font.size = Pt(size_pt)
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _add_field(paragraph, instr: str) -> None:
    """Append a complex field (PAGE, NUMPAGES) that the printing program fills in."""
    def run_with(child) -> None:
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr} "
    run_with(text)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    shown = OxmlElement("w:t")
    shown.text = "1"
    run_with(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _write_furniture(paragraph, template: str, size_pt: float) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rest = template
    while rest:
        cut = min((rest.find(f) for f in ("{PAGE}", "{NUMPAGES}") if f in rest), default=-1)
        if cut == -1:
            _set_fonts(paragraph.add_run(rest), BODY_FONT, size_pt)
            break
        if cut:
            _set_fonts(paragraph.add_run(rest[:cut]), BODY_FONT, size_pt)
        field_name = "NUMPAGES" if rest.startswith("{NUMPAGES}", cut) else "PAGE"
        _add_field(paragraph, field_name)
        rest = rest[cut + len(field_name) + 2:]


def write_docx(spec: DocSpec, path: Path) -> Path:
    """Write ``spec`` as a DOCX laid out like a government document."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    normal = doc.styles["Normal"]
    _set_fonts(normal, BODY_FONT, spec.body_pt)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    if spec.header:
        _write_furniture(section.header.paragraphs[0], spec.header, 10.5)
    if spec.footer:
        _write_furniture(section.footer.paragraphs[0], spec.footer, 14)
    for i, line in enumerate(spec.lines):
        p = doc.add_paragraph()
        if i in spec.centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_fonts(p.add_run(line), TITLE_FONT, spec.body_pt + 6)
            continue
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if spec.indent and line.strip():
            p.paragraph_format.first_line_indent = Pt(2 * spec.body_pt)
        _set_fonts(p.add_run(line), BODY_FONT, spec.body_pt)
    doc.save(path)
    return path


def soffice_to_pdf(sources: list[Path], outdir: Path, timeout: float = 300) -> list[Path]:
    """Convert files to PDF with one LibreOffice run (its own profile) and return the PDFs."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    # an input filter applies to every file of a run: plain text goes in a run of its own
    texts = [s for s in sources if s.suffix == ".txt"]
    others = [s for s in sources if s.suffix != ".txt"]
    for group, infilter in ((texts, ["--infilter=Text (encoded):UTF8"]), (others, [])):
        if not group:
            continue
        with tempfile.TemporaryDirectory(prefix="px-lo-") as profile:
            cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                   *infilter, "--convert-to", "pdf", "--outdir", str(outdir), *map(str, group)]
            subprocess.run(cmd, check=True, timeout=timeout, capture_output=True,
                           env={**os.environ, "HOME": profile})
    pdfs = [outdir / (s.stem + ".pdf") for s in sources]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return pdfs


def build_pdfs(specs: list[DocSpec], texts: dict[str, str], cache: Path) -> dict[str, Path]:
    """PDFs for DOCX ``specs`` and plain ``texts`` (name -> UTF-8 text), cached in ``cache``.

    All missing PDFs are converted in one LibreOffice run: its start-up is the slow part.
    """
    cache.mkdir(parents=True, exist_ok=True)
    want: dict[str, Path] = {}
    sources: list[Path] = []
    for spec in specs:
        pdf = cache / f"{spec.name}-{spec.key()}.pdf"
        want[spec.name] = pdf
        if not pdf.exists():
            sources.append(write_docx(spec, cache / f"{spec.name}-{spec.key()}.docx"))
    for name, text in texts.items():
        key = hashlib.sha1((FIXTURE_VERSION + text).encode()).hexdigest()[:12]
        pdf = cache / f"{name}-{key}.pdf"
        want[name] = pdf
        if not pdf.exists():
            src = cache / f"{name}-{key}.txt"
            src.write_text(text, encoding="utf-8")
            sources.append(src)
    if sources:
        soffice_to_pdf(sources, cache)
    return want


def cache_folder(pytestconfig, tmp_path_factory) -> Path:
    """Where made PDFs are kept: pytest's cache (reused across runs, keyed by content)."""
    cache = getattr(pytestconfig, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("policyx-pdf-fixtures"))
    folder = tmp_path_factory.getbasetemp() / "policyx-pdf-fixtures"  # one per session
    folder.mkdir(exist_ok=True)
    return folder


HEADER = "廉江市卫生健康局文件"  # in no seed: every occurrence in a PDF is the running header
_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
LAW = ["某某市基层医疗卫生机构管理条例", "第一章 总则"] + [
    f"第{n}条 本市各级卫生健康主管部门应当按照第{n}项工作要求，加强基层医疗卫生机构的"
    f"规划、建设和管理，保障居民获得安全、有效、方便、价廉的基本医疗卫生服务，具体办法由"
    f"市人民政府另行制定。"
    for n in _NUMERALS[:6]
] + ["第二章 设置与审批"] + [
    f"第{n}条 设置基层医疗卫生机构，应当符合本市医疗机构设置规划，并向所在地县级卫生健康"
    f"主管部门提出申请；主管部门应当自受理之日起二十日内作出决定。"
    for n in _NUMERALS[6:]
]

LAW_SPEC = DocSpec("law-bare", LAW, header=HEADER, footer="{PAGE}", centred={0, 1, 8})


def pdf_pages(data: bytes, pages: list[int]) -> bytes:
    """A new PDF of the given pages (1-based) of ``data``, written by PDFium."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(data)
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [p - 1 for p in pages])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def image_only_pdf(data: bytes, scale: float = 2.0, keep_top: float = 1.0) -> bytes:
    """A scan of ``data``: every page rendered to a picture, saved as an image-only PDF.

    ``keep_top`` < 1 keeps only that share of each page from the top (fewer lines to OCR).
    """
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(data)
    images = []
    for i in range(len(src)):
        page = src[i]
        width, height = page.get_size()
        page.set_cropbox(0, height * (1 - keep_top), width, height)
        images.append(page.render(scale=scale).to_pil().convert("RGB"))
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=72 * scale, save_all=True, append_images=images[1:])
    return buf.getvalue()


def encrypted(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """``data`` encrypted by pypdf (a test-only dependency)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
