"""PDF: text layer with pypdfium2 (fast path) or pdfplumber (reference), OCR for scans.

pdfplumber is the reference reader; pypdfium2 reads the same glyphs about 20 times
faster. Both feed the same line builder (:mod:`.pdflines`), and a sample of pages is read
with both: when the texts differ (whitespace aside) the whole document is read with
pdfplumber and warning PX-W06 says so. ``meta["pdf_engine"]`` names the engine used.

Pages covered by an image with (almost) no text of their own are scanned pages: PX-W01
names them and, with ``options.ocr``, :mod:`.ocr` reads them.
"""
from __future__ import annotations

import ctypes
import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFile, EncryptedFile, warning
from . import ocr
from .base import IngestOptions, RawDocument
from .pdflines import Char, Line, build_lines, drop_furniture, page_layouts, paragraphs, squeeze

# A page with fewer characters than this (furniture and watermarks aside) whose images
# cover at least IMAGE_COVER of it is a scanned page.
SCANNED_MAX_CHARS = 20
IMAGE_COVER = 0.5
# Pages read with both engines: the first page with text, then one every SAMPLE_EVERY.
SAMPLE_EVERY = 25
MIN_SAMPLE_CHARS = 20


@dataclass
class _Page:
    height: float
    lines: list[Line]


def read(path: Path, data: bytes, options: IngestOptions, fmt: str = "pdf") -> RawDocument:
    """Read a PDF into one Block per paragraph, with its page."""
    pdf = _open(data)
    try:
        return _read(pdf, data, options)
    finally:
        pdf.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFile("password-protected PDF") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFile("PDF encrypted with an unsupported security handler") from None
        if b"%%EOF" not in data[-2048:]:
            raise CorruptFile(
                f"truncated PDF: no %%EOF end marker after {len(data):,} bytes, and the "
                "document cannot be rebuilt from what is there"
            ) from None
        raise CorruptFile(f"corrupt PDF: PDFium cannot parse it ({_pdfium_cause(code)})") from None


def _pdfium_cause(code: int | None) -> str:
    return {
        pdfium_c.FPDF_ERR_FILE: "file not found or could not be opened",
        pdfium_c.FPDF_ERR_FORMAT: "not a PDF or corrupted",
        pdfium_c.FPDF_ERR_PAGE: "page not found or content error",
    }.get(code, "unknown error")


def _read(pdf: pdfium.PdfDocument, data: bytes, options: IngestOptions) -> RawDocument:
    warnings: list[str] = []
    meta: dict[str, str] = {}
    pages = [_pdfium_page(pdf, i) for i in range(len(pdf))]

    engine, check = _choose_engine(pages, data)
    meta["pdf_engine"] = engine
    meta["pdf_check"] = check
    if engine == "pdfplumber":
        warnings.append(warning("PX-W06"))

    clean = drop_furniture([p.lines for p in pages], [p.height for p in pages])
    scanned = [i for i, lines in enumerate(clean) if _is_scanned(pdf, i, lines)]
    if scanned:
        warnings.append(warning("PX-W01", pages=page_ranges([i + 1 for i in scanned])))
        if options.ocr and ocr.available():
            _ocr_pages(pdf, pages, scanned)
            meta["ocr_pages"] = page_ranges([i + 1 for i in scanned])
            meta["ocr_scale"] = str(ocr.RENDER_SCALE)
            clean = drop_furniture([p.lines for p in pages], [p.height for p in pages])
        else:
            if options.ocr:
                warnings.append(warning("PX-W02"))
            for i in scanned:
                clean[i] = []  # what text there is belongs to the scanner, not the document

    lines = [ln for page_lines in clean for ln in page_lines]
    blocks = paragraphs(lines, page_layouts(lines))
    return RawDocument(format="pdf", blocks=blocks, pages=len(pages), warnings=warnings, meta=meta)


# --- the fast path: pypdfium2 ----------------------------------------------------------

def _pdfium_page(pdf: pdfium.PdfDocument, index: int) -> _Page:
    try:
        page = pdf[index]
    except pdfium.PdfiumError as e:
        raise CorruptFile(f"corrupt PDF: page {index + 1} cannot be read ({e})") from None
    try:
        # the visible box: positions are measured from its top-left corner
        left, bottom, right, top = page.get_bbox()
        textpage = page.get_textpage()
        try:
            chars = _pdfium_chars(textpage, left, top)
        finally:
            textpage.close()
    finally:
        page.close()
    return _Page(top - bottom, build_lines(chars, index + 1))


def _pdfium_chars(textpage: pdfium.PdfTextPage, left: float, top: float) -> list[Char]:
    """Every drawn, upright glyph with its position, by raw PDFium calls (~3 a glyph)."""
    raw = textpage.raw
    unicode, origin, loose = (pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetCharOrigin,
                              pdfium_c.FPDFText_GetLooseCharBox)
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    chars: list[Char] = []
    # glyphs of one font and size have loose boxes of one height: size and angle are
    # asked again only when the height changes
    height, size, upright = -1.0, 0.0, True
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        u = unicode(raw, i)
        if u in (0x0D, 0x0A, 0x02, 0xFFFE) or (u == 0x20 and pdfium_c.FPDFText_IsGenerated(raw, i)):
            continue  # line breaks and spaces PDFium inferred: the line builder infers its own
        loose(raw, i, box)
        if box.top - box.bottom != height:
            height = box.top - box.bottom
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            # rotated text: stamps, diagonal watermarks, margin notes (as pdfplumber)
            upright = abs(pdfium_c.FPDFText_GetCharAngle(raw, i)) <= 0.01
        if not upright:
            continue
        origin(raw, i, x, y)
        chars.append((chr(u), box.left - left, box.right - left, top - y.value, size))
    return chars


# --- the reference: pdfplumber ---------------------------------------------------------

def _choose_engine(pages: list[_Page], data: bytes) -> tuple[str, str]:
    """Compare the fast path with pdfplumber on sample pages; replace the lines if needed."""
    with_text = [i for i, p in enumerate(pages)
                 if sum(len(squeeze(ln.text)) for ln in p.lines) >= MIN_SAMPLE_CHARS]
    if not with_text:
        return "pypdfium2", "no page with text to compare"
    sample = sorted({with_text[0], *with_text[SAMPLE_EVERY::SAMPLE_EVERY]})
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as doc:
            for i in sample:
                ref = _plumber_lines(doc.pages[i], i + 1)
                if [squeeze(ln.text) for ln in ref] != [squeeze(ln.text) for ln in pages[i].lines]:
                    # disagreement: the reference reads every page
                    for j, page in enumerate(doc.pages):
                        pages[j].lines = ref if j == i else _plumber_lines(page, j + 1)
                    return "pdfplumber", f"page {i + 1} differed"
    except Exception as e:  # pdfminer raises many types on broken files PDFium repaired
        return "pypdfium2", f"pdfplumber could not read the file: {type(e).__name__}"
    return "pypdfium2", "agreed on page(s) " + page_ranges([i + 1 for i in sample])


def _plumber_lines(page, page_no: int) -> list[Line]:
    chars: list[Char] = []
    for c in page.chars:
        if not c.get("upright", True):
            continue
        # baseline from the glyph origin (matrix), as PDFium reports it
        baseline = c["top"] + (c["y1"] - c["matrix"][5])
        chars.append((c["text"], c["x0"], c["x1"], baseline, c["size"]))
    page.flush_cache()  # pdfplumber keeps every char of every page otherwise
    return build_lines(chars, page_no)


# --- scanned pages ---------------------------------------------------------------------

def _is_scanned(pdf: pdfium.PdfDocument, index: int, lines: list[Line]) -> bool:
    """Few characters of text of its own, and mostly covered by images."""
    if sum(len(squeeze(ln.text)) for ln in lines) >= SCANNED_MAX_CHARS:
        return False
    page = pdf[index]
    try:
        return image_cover(page) >= IMAGE_COVER
    finally:
        page.close()


def image_cover(page: pdfium.PdfPage) -> float:
    """Share of the visible page under its largest image (images inside forms included)."""
    left, bottom, right, top = page.get_bbox()
    best = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        x0, y0, x1, y1 = obj.get_bounds()
        w = max(0.0, min(x1, right) - max(x0, left))
        h = max(0.0, min(y1, top) - max(y0, bottom))
        best = max(best, w * h)
    area = (right - left) * (top - bottom)
    return best / area if area > 0 else 0.0


def _ocr_pages(pdf: pdfium.PdfDocument, pages: list[_Page], scanned: list[int]) -> None:
    for i in scanned:
        layer = {squeeze(ln.text) for ln in pages[i].lines}
        page = pdf[i]
        try:
            found = ocr.ocr_page(page, i + 1)
        finally:
            page.close()
        # the text layer of a scan is furniture (a scanner's watermark): the OCR reads it
        # again from the image, so drop it there too
        pages[i].lines = [ln for ln in found if squeeze(ln.text) not in layer]


def page_ranges(pages: list[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``"1-3, 5"``."""
    out: list[str] = []
    start = prev = None
    for p in sorted(pages):
        if prev is not None and p == prev + 1:
            prev = p
            continue
        if start is not None:
            out.append(f"{start}-{prev}" if prev != start else str(start))
        start = prev = p
    if start is not None:
        out.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(out)
