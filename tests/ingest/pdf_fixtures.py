"""Make real PDFs for the PDF reader's tests: python-docx writes a DOCX, LibreOffice prints it.

The layout imitates a 红头 government document (GB/T 9704: A4, 仿宋 16 pt body with a
2-character first-line indent, centred title) so that the reader meets running headers, page
numbers in the footer and justified, hard-wrapped lines as in the real thing.
"""
from __future__ import annotations

import difflib
import hashlib
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


def similarity(a: str, b: str) -> float:
    """Share of characters (newlines included) that ``a`` and ``b`` have in common, 0..1.

    Lines are aligned first, then characters inside the lines that differ: quick on long
    texts and strict about paragraph breaks, since a newline counts as a character.
    """
    la, lb = a.split("\n"), b.split("\n")
    same = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        if tag == "equal":
            same += sum(len(x) + 1 for x in la[i1:i2])
        elif tag == "replace":
            sa, sb = "\n".join(la[i1:i2]), "\n".join(lb[j1:j2])
            sm = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
            same += sum(m.size for m in sm.get_matching_blocks())
    total = max(len(a) + 1, len(b) + 1)
    return min(1.0, same / total)
