"""OCR of scanned PDF pages with RapidOCR (the ``ocr`` extra; its models ship in the wheel).

The only module that imports ``rapidocr_onnxruntime``. Recognised text lines come back as
:class:`~extractor.ingest.pdflines.Line` in PDF points, so scanned pages go through the
same furniture removal and paragraph re-joining as pages with a text layer.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from statistics import median
from typing import TYPE_CHECKING, Any

from ..errors import ConversionFailed, MissingDependency
from .pdflines import Line, head_length, is_wide

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# Render scale (1.0 = 72 dpi). Measured on realdocs 05 (8 A4 scans, ~290 ppi), 2 cores:
# 1.5 (108 dpi, 893x1263 px) took 2.0 s a page (3.8 CPU-s), 2.0 took 3.3 s, 2.5 took 8.9 s,
# and all read the same text but for ASCII/full-width punctuation variants. Recognition,
# the larger cost, resizes each line to 48 px high whatever the scale; detection grows
# with the pixel count.
RENDER_SCALE = 1.5
MIN_SCORE = 0.5  # RapidOCR's own default: below it a "line" is mostly noise

# OCR reads Chinese punctuation next to Chinese text as its ASCII look-alike.
_FULLWIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？",
                            "(": "（", ")": "）"})
_ASCII_PUNCT = re.compile(r"[,;:!?()]")


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the OCR engine imports (the ``ocr`` extra is installed and loads)."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # ImportError, or a native library of onnxruntime/OpenCV missing
        return False
    return True


@lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise MissingDependency(
            "OCR needs rapidocr-onnxruntime: pip install 'policyx[ocr]'"
        ) from None
    return RapidOCR()


def ocr_page(page: pdfium.PdfPage, page_no: int, scale: float = RENDER_SCALE) -> list[Line]:
    """Render one page and read its text lines (positions in PDF points)."""
    engine = _engine()
    image = page.render(scale=scale).to_numpy()  # BGR, as RapidOCR expects of an array
    try:
        # use_cls: the 180-degree line classifier; pages of a document are upright
        results, _ = engine(image, use_cls=False)
    except Exception as e:  # onnxruntime raises its own types; report them as one
        raise ConversionFailed(f"OCR failed on page {page_no}: {e}") from None
    return lines_from_ocr(results or [], scale, page_no)


def lines_from_ocr(results: Sequence[Sequence[Any]], scale: float, page_no: int) -> list[Line]:
    """Turn RapidOCR results ``[box, text, score]`` (pixels) into visual lines (points).

    Boxes on one row (a signature block, a table row) are merged into one line.
    """
    boxes = []
    for box, text, score in results:
        text = text.strip()
        if not text or float(score) < MIN_SCORE:
            continue
        xs = [p[0] / scale for p in box]
        ys = [p[1] / scale for p in box]
        boxes.append((min(xs), max(xs), min(ys), max(ys), text))
    if not boxes:
        return []
    boxes.sort(key=lambda b: (b[2] + b[3]) / 2)
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for b in boxes:
        if rows:
            last = rows[-1][-1]
            if abs((b[2] + b[3]) / 2 - (last[2] + last[3]) / 2) < 0.5 * (last[3] - last[2]):
                rows[-1].append(b)
                continue
        rows.append([b])

    ems = [_em(b) for row in rows for b in row if _units(b[4]) >= 6]
    page_em = median(ems) if ems else median(b[3] - b[2] for row in rows for b in row) / 1.4
    lines = []
    for row in rows:
        row.sort(key=lambda b: b[0])
        text = row[0][4]
        for prev, b in zip(row, row[1:], strict=False):
            text += (" " if b[0] - prev[1] > page_em else "") + b[4]
        text = _fullwidth_punct(text)
        em = _em(row[0]) if _units(row[0][4]) >= 6 else page_em
        # a detection box is padded around the glyphs: take the middle of the padding
        bottom = max(b[3] for b in row)
        pad = max(0.0, (bottom - min(b[2] for b in row) - em) / 2)
        lines.append(Line(
            text=text, x0=row[0][0], x1=row[-1][1], baseline=bottom - pad - 0.12 * em,
            size=em, page=page_no, head=_head_units(text) * em,
        ))
    return lines


def _units(text: str) -> float:
    """Width of ``text`` in ems: a CJK character 1, anything else 1/2."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text if not ch.isspace())


def _em(box: tuple[float, float, float, float, str]) -> float:
    return (box[1] - box[0]) / max(_units(box[4]), 1.0)


def _head_units(text: str) -> float:
    """Width in ems of the first unit line breaking keeps together (see pdflines)."""
    s = text.lstrip()
    return max(_units(s[:head_length(s)]), 1.0)


def _fullwidth_punct(text: str) -> str:
    def fix(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        wide = (before and is_wide(before)) or (after and is_wide(after))
        return m.group(0).translate(_FULLWIDTH) if wide else m.group(0)

    return _ASCII_PUNCT.sub(fix, text)
