"""Page geometry to paragraphs: characters to visual lines, page furniture, re-joined lines.

Engine-neutral: the pdfium fast path, the pdfplumber path and OCR all hand in characters
or lines with positions in PDF points (origin top-left, y growing downwards), so every
engine gives the same paragraphs for the same page. The domain patterns (page-number
forms, list markers, scanner watermarks) live in ``data/pdf_furniture.yaml``.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

from .. import datafiles
from ..errors import DataFileError
from .base import Block

DATA_FILE = "pdf_furniture.yaml"

# (text, x0, x1, baseline, size): one glyph, x from the left edge, baseline from the top.
Char = tuple[str, float, float, float, float]

_WS = re.compile(r"\s+")
# A gap (in ems, beyond the line's usual gap) that reads as a space, by how many of the
# two glyphs are CJK. A space is 0.25-0.5 em; LibreOffice and Word put 0.2-0.3 em between
# CJK and Latin or digits (autospacing) that is no space in the text. Justification
# stretches every gap of a line alike, hence "beyond the line's usual gap".
_SPACE_GAP = {0: 0.15, 1: 0.45, 2: 0.25}


@dataclass(frozen=True)
class LineStart:
    pattern: re.Pattern[str]
    kind: str
    max_chars: int | None


@dataclass(frozen=True)
class Furniture:
    """The compiled contents of ``data/pdf_furniture.yaml``."""

    edge_band: float
    repeat_share: float
    page_number: tuple[re.Pattern[str], ...]
    page_number_edge_only: tuple[re.Pattern[str], ...]
    scanner_watermark: tuple[re.Pattern[str], ...]
    line_starts: tuple[LineStart, ...]
    sentence_end: frozenset[str]
    closing_marks: str
    no_line_start: frozenset[str]
    no_line_end: frozenset[str]


@lru_cache(maxsize=1)
def furniture() -> Furniture:
    """Load and compile the PDF furniture data file (once)."""
    raw = datafiles.read(DATA_FILE)
    path = f"extractor/data/{DATA_FILE}"
    try:
        pn = raw["page_number"]
        return Furniture(
            edge_band=float(raw["edge_band"]),
            repeat_share=float(raw["repeat_share"]),
            page_number=tuple(re.compile(r["pattern"]) for r in pn if not r.get("edge_only")),
            page_number_edge_only=tuple(re.compile(r["pattern"]) for r in pn if r.get("edge_only")),
            scanner_watermark=tuple(re.compile(r["pattern"]) for r in raw["scanner_watermark"]),
            line_starts=tuple(
                LineStart(re.compile(r["pattern"]), r["kind"], r.get("max_chars"))
                for r in raw["line_starts"]
            ),
            sentence_end=frozenset(raw["sentence_end"]),
            closing_marks=raw["closing_marks"],
            no_line_start=frozenset(raw["no_line_start"]),
            no_line_end=frozenset(raw["no_line_end"]),
        )
    except (KeyError, TypeError, re.error) as e:
        raise DataFileError(f"malformed PDF furniture data: {e!r}", str(path)) from None


def squeeze(text: str) -> str:
    """``text`` without any whitespace: how lines are compared and patterns matched."""
    return _WS.sub("", text)


@lru_cache(maxsize=8192)
def is_wide(ch: str) -> bool:
    """A full-width (CJK) character: no space is implied between two of them."""
    return unicodedata.east_asian_width(ch) in "WF" or ch in "“”‘’…—"


@dataclass
class Line:
    """One visual line of a page, in PDF points from the top-left corner."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    page: int
    head: float = 0.0  # width of the first unbreakable unit: what did not fit on the line before

    @property
    def top(self) -> float:
        return self.baseline - 0.88 * self.size

    @property
    def bottom(self) -> float:
        return self.baseline + 0.12 * self.size


# --- characters to lines ---------------------------------------------------------------

def build_lines(chars: list[Char], page: int) -> list[Line]:
    """Group glyphs into visual lines (same baseline), left to right, top to bottom.

    Spaces are kept where the PDF has a space glyph or a gap wider than a space; a gap
    between two CJK characters must be wider (justified CJK text is stretched).
    """
    glyphs = sorted(chars, key=lambda c: c[3])
    rows: list[list[Char]] = []
    last = -1e9
    for c in glyphs:
        if rows and c[3] - last <= max(1.0, 0.3 * c[4]):
            rows[-1].append(c)
        else:
            rows.append([c])
        last = c[3]
    return [line for row in rows if (line := _row_to_line(row, page)) is not None]


def _row_to_line(row: list[Char], page: int) -> Line | None:
    row.sort(key=lambda c: c[1])
    gaps = sorted(b[1] - a[2] for a, b in zip(row, row[1:], strict=False))
    usual = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0
    out: list[str] = []
    kept: list[Char] = []
    pending_space = False
    p: Char | None = None
    p_wide = False
    for c in row:
        text = c[0]
        if not text or text.isspace():
            pending_space = p is not None
            continue
        wide = is_wide(text[0])
        if p is not None:
            em = c[4] if c[4] > p[4] else p[4]
            # the same glyph drawn twice a hair apart is simulated bold, not two characters
            if text == p[0] and abs(c[1] - p[1]) < 0.2 * em:
                continue
            if pending_space or c[1] - p[2] - usual > _SPACE_GAP[wide + p_wide] * em:
                out.append(" ")
        out.append(text)
        kept.append(c)
        p, p_wide = c, is_wide(text[-1])
        pending_space = False
    if not kept:
        return None
    if pending_space:
        out.append(" ")  # a space glyph ending a wrapped line separates it from the next
    mid = kept[len(kept) // 2]
    line = Line(
        text="".join(out),
        x0=kept[0][1],
        x1=kept[-1][2],
        baseline=mid[3],
        size=sorted(c[4] for c in kept)[len(kept) // 2],
        page=page,
    )
    line.head = _head_width(kept)
    return line


def _head_width(kept: list[Char]) -> float:
    """Width of the line's first unit that line breaking keeps together."""
    n = head_length("".join(c[0][:1] for c in kept))
    return kept[n - 1][2] - kept[0][1]


def head_length(text: str) -> int:
    """How many characters open ``text`` that a line break cannot separate.

    Opening brackets with what follows, one CJK character or a run of Latin letters and
    digits, closing marks, and Latin or digits glued after a closing mark (``〔2019〕42``).
    """
    f = furniture()
    n, i = len(text), 0
    while i < n - 1 and text[i] in f.no_line_end:
        i += 1
    if i < n and is_wide(text[i]) and text[i] not in f.no_line_start:
        i += 1
    else:
        i = _latin_run(text, i)
    while i < n:
        j = i
        while j < n and text[j] in f.no_line_start:
            j += 1
        if j == i:
            break
        i = _latin_run(text, j)
    return max(i, 1)


def _latin_run(text: str, i: int) -> int:
    while i < len(text) and not is_wide(text[i]) and not text[i].isspace() \
            and text[i] not in furniture().no_line_start:
        i += 1
    return i


# --- page furniture --------------------------------------------------------------------

def is_page_number(text: str, in_band: bool) -> bool:
    """``text`` is a page-number line (``— 3 —``, ``第3页 共9页``; a bare 3 only in the band)."""
    f = furniture()
    s = squeeze(text)
    if any(p.fullmatch(s) for p in f.page_number):
        return True
    return in_band and any(p.fullmatch(s) for p in f.page_number_edge_only)


def is_watermark(text: str) -> bool:
    """``text`` is a scanner app's watermark line."""
    s = squeeze(text)
    return len(s) <= 30 and any(p.fullmatch(s) for p in furniture().scanner_watermark)


def drop_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove page numbers, running headers and footers, and scanner watermarks.

    Only the first and last three lines of a page, inside the top or bottom edge band,
    can be headers, footers or page numbers: the body of the page is never touched.
    """
    f = furniture()
    edge: list[set[int]] = []
    for lines, h in zip(pages, heights, strict=True):
        n = len(lines)
        idx = {i for i in (*range(min(3, n)), *range(max(n - 3, 0), n))
               if lines[i].top < f.edge_band * h or lines[i].bottom > (1 - f.edge_band) * h}
        edge.append(idx)

    # running lines: same text (digits aside) at about the same height on many pages
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for p, (lines, idx) in enumerate(zip(pages, edge, strict=True)):
        for i in idx:
            seen[re.sub(r"\d+", "#", squeeze(lines[i].text))].append((p, lines[i].baseline))
    with_text = sum(1 for lines in pages if lines)
    need = max(2, math.ceil(f.repeat_share * with_text))
    running: set[tuple[int, float]] = set()
    for hits in seen.values():
        if len({p for p, _ in hits}) < need:
            continue
        mid = median(y for _, y in hits)
        tol = max(4.0, 0.015 * max(heights))
        near = [(p, y) for p, y in hits if abs(y - mid) <= tol]
        if len({p for p, _ in near}) >= need:
            running.update(near)

    out: list[list[Line]] = []
    for p, (lines, idx) in enumerate(zip(pages, edge, strict=True)):
        keep = []
        for i, line in enumerate(lines):
            if is_watermark(line.text):
                continue
            if i in idx and ((p, line.baseline) in running or is_page_number(line.text, True)):
                continue
            keep.append(line)
        out.append(keep)
    return out


# --- lines to paragraphs ---------------------------------------------------------------

@dataclass
class Layout:
    """The text block of a document: margins, body size, line pitch, indent habit."""

    left: float
    right: float
    em: float
    pitch: float
    indents: bool  # paragraphs start with a first-line indent


def measure_layout(lines: list[Line]) -> Layout:
    """Estimate margins and habits from the lines of body size."""
    if not lines:
        return Layout(0.0, 0.0, 10.0, 12.0, False)
    em = _mode([round(ln.size * 2) / 2 for ln in lines], [len(ln.text) for ln in lines])
    body = [ln for ln in lines if abs(ln.size - em) <= 0.15 * em] or lines
    k = max(1, len(body) // 10)
    # the 10th-percentile extremes: robust to a stray line in the margin
    left = sorted(ln.x0 for ln in body)[min(k, len(body) - 1)]
    right = sorted((ln.x1 for ln in body), reverse=True)[min(k, len(body) - 1)]
    steps = [b.baseline - a.baseline for a, b in zip(body, body[1:], strict=False)
             if a.page == b.page and 0.8 * em < b.baseline - a.baseline < 3 * em]
    pitch = median(steps) if steps else 1.5 * em
    layout = Layout(left, right, em, pitch, False)
    starts = [b for a, b in zip(body, body[1:], strict=False)
              if not _full(a, b, layout) and b.x0 < left + 3 * em]
    indented = sum(1 for b in starts if b.x0 >= left + 1.0 * em)
    layout.indents = len(starts) >= 2 and indented >= 0.5 * len(starts)
    return layout


def page_layouts(lines: list[Line]) -> dict[int, Layout]:
    """A layout per page: the document's, with the page's own margins where it shows them.

    Scans are placed a little differently on every page, an OCR'd page among text pages
    has its own type size, a landscape page other margins. A page's own margin counts
    only when enough of its lines reach it: a page of short list items keeps the
    document's margins.
    """
    doc = measure_layout(lines)
    by_page: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        by_page[ln.page].append(ln)
    out: dict[int, Layout] = {}
    for page, own in by_page.items():
        lay = Layout(doc.left, doc.right, doc.em, doc.pitch, doc.indents)
        out[page] = lay
        if len(own) < 6:
            continue
        mine = measure_layout(own)
        if abs(mine.em - doc.em) > 0.15 * doc.em:
            lay.em, lay.pitch, lay.indents = mine.em, mine.pitch, mine.indents
        body = [ln for ln in own if abs(ln.size - lay.em) <= 0.15 * lay.em]
        need = max(3, len(body) // 4)
        if sum(1 for ln in body if ln.x1 >= mine.right - 0.5 * lay.em) >= need:
            lay.right = mine.right
        if sum(1 for ln in body if ln.x0 <= mine.left + 0.5 * lay.em) >= need:
            lay.left = mine.left
    return out


def _mode(values: list[float], weights: list[int]) -> float:
    score: dict[float, int] = defaultdict(int)
    for v, w in zip(values, weights, strict=True):
        score[v] += w
    return max(score, key=lambda v: (score[v], -v))


def _full(a: Line, b: Line | None, lay: Layout) -> bool:
    """Line ``a`` ran to the right margin: the next unit (``b``'s head) did not fit."""
    room = lay.right - a.x1
    head = b.head if b is not None else lay.em
    return room < max(head, lay.em) + 0.5 * lay.em


def _ends_sentence(text: str) -> bool:
    f = furniture()
    t = text.rstrip().rstrip(f.closing_marks)
    return bool(t) and t[-1] in f.sentence_end


def _line_start(text: str) -> LineStart | None:
    s = squeeze(text)
    return next((ls for ls in furniture().line_starts if ls.pattern.match(s)), None)


def _continues(a: Line, b: Line, a_starts: bool, la: Layout, lb: Layout) -> bool:
    """Whether visual line ``b`` continues the paragraph that line ``a`` is part of.

    ``la`` and ``lb`` are the layouts of their pages (the same unless at a page break).
    """
    em = la.em
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return False  # a title in a bigger font, a note in a smaller one
    if a.page == b.page and b.baseline - a.baseline > 1.7 * max(la.pitch, a.size):
        return False  # a blank line or paragraph spacing between them
    if a.x0 > la.left + 3 * em and a.x1 - a.x0 < 0.6 * (la.right - la.left):
        return False  # a short centred or right-aligned line (title, signature, date)
    b_in = b.x0 - lb.left
    if b_in > 3 * em and b_in > a.x0 - la.left + 0.5 * em:
        return False  # the next line is centred or right-aligned, not a continuation
    if not _full(a, b, la):
        return False  # a line that stops short of the margin ends its paragraph
    if la.indents and b_in >= 1.0 * em and (a_starts or a.x0 - la.left < b_in - 0.5 * em):
        return False  # a first-line indent starts a new paragraph
    if _ends_sentence(a.text) and _line_start(b.text) is not None:
        return False  # a heading or list item after a sentence that filled its line
    return True


def _join(a: str, b: str) -> str:
    # Latin words wrapped at a space lose that space; CJK lines join directly
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def paragraphs(lines: list[Line], layouts: dict[int, Layout] | None = None) -> list[Block]:
    """Re-join visual lines (all pages, reading order) into one Block per paragraph.

    A paragraph that runs over a page break is one Block with the page where it starts.
    """
    lays = layouts or page_layouts(lines)
    blocks: list[Block] = []
    group: list[Line] = []
    for ln in lines:
        if group and _continues(group[-1], ln, len(group) == 1,
                                lays[group[-1].page], lays[ln.page]):
            group.append(ln)
            continue
        if group:
            blocks.append(_block(group, lays[group[0].page]))
        group = [ln]
    if group:
        blocks.append(_block(group, lays[group[0].page]))
    return blocks


def _block(group: list[Line], lay: Layout) -> Block:
    text = group[0].text
    for ln in group[1:]:
        text = _join(text, ln.text)
    return Block(text, _kind(group, text, lay), group[0].page)


def _kind(group: list[Line], text: str, lay: Layout) -> str:
    first = group[0]
    start = _line_start(text)
    s = squeeze(text)
    if start is not None:
        if start.kind == "heading" and (start.max_chars is None or len(s) <= start.max_chars) \
                and "。" not in s:
            return "heading"
        if start.kind == "list_item":
            return "list_item"
        return "paragraph"
    centred = abs((first.x0 + first.x1) / 2 - (lay.left + lay.right) / 2) < 1.5 * lay.em
    if len(group) == 1 and first.x0 > lay.left + 3 * lay.em and centred \
            and not _ends_sentence(text):
        return "heading"
    if first.size > lay.em * 1.15 and len(s) <= 60:
        return "heading"
    return "paragraph"
