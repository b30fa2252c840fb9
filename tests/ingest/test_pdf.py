"""PDF: text back as paragraphs, page furniture out, scans and broken files reported.

The PDFs are made by real tools (python-docx writes a DOCX laid out like a 红头 document,
LibreOffice prints it) once per session and cached by content; see pdf_fixtures.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from conftest import SEEDS_DIR, SHARED, char_similarity, needs

from extractor.clean import clean
from extractor.errors import CorruptFile, EncryptedFile
from extractor.ingest import RawDocument, pdf, read_bytes
from extractor.ingest.pdflines import Layout, Line, is_page_number, paragraphs, squeeze

from .pdf_fixtures import HEADER, LAW, LAW_SPEC, DocSpec, build_pdfs, cache_folder, encrypted

REALDOCS = SHARED / "realdocs"
HAINAN = REALDOCS / "02_hainan_nongji_subsidy_notice_lo-converted.pdf"
SCANNED = REALDOCS / "05_nongji_youji_youbu_opinion_scanned.pdf"


def seed_lines(name: str) -> list[str]:
    return (SEEDS_DIR / name).read_text(encoding="utf-8").split("\n")


SPECS = [
    DocSpec("seed000-dash", seed_lines("000_a7d024204d59770d.txt"), header=HEADER,
            footer="— {PAGE} —", centred={0, 1}),
    DocSpec("seed001-of", seed_lines("001_7ea3499f721bf7e2.txt"),
            footer="第 {PAGE} 页 共 {NUMPAGES} 页"),
    DocSpec("seed004-slash", seed_lines("004_bc5f96bf7aca360a.txt"), header=HEADER,
            footer="{PAGE}/{NUMPAGES}", centred={2, 3, 4}),
    LAW_SPEC,
]
TEXTS = {"seed002-txt": "002_eb7a27bd3a9b5ff0.txt"}  # printed straight from the text file
SOURCES = {
    **{s.name: "\n".join(s.lines) for s in SPECS},
    **{k: (SEEDS_DIR / v).read_text(encoding="utf-8") for k, v in TEXTS.items()},
}


@pytest.fixture(scope="session")
def made_pdfs(pytestconfig, tmp_path_factory) -> dict[str, Path]:
    needs("soffice")
    folder = cache_folder(pytestconfig, tmp_path_factory)
    return build_pdfs(SPECS, {k: SOURCES[k] for k in TEXTS}, folder)


def read(path: Path, **options) -> RawDocument:
    return read_bytes(path.read_bytes(), path.name, {"ocr": False, **options})


def cleaned(doc: RawDocument) -> str:
    return clean(doc.text).text


# --- the data file -------------------------------------------------------------------

def test_furniture_patterns_match_their_examples():
    path = Path(pdf.__file__).resolve().parents[1] / "data" / "pdf_furniture.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = data["page_number"] + data["scanner_watermark"]
    for row in rows:
        for example in row["examples"]:
            assert re.fullmatch(row["pattern"], squeeze(example)), (row["pattern"], example)
    for row in data["line_starts"]:
        for example in row["examples"]:
            assert re.match(row["pattern"], squeeze(example)), (row["pattern"], example)


PAGE_NUMBERS = [
    # (line, in the top or bottom band of the page, is a page number)
    ("— 3 —", False, True),
    ("- 12 -", False, True),
    ("-3-", False, True),
    ("第3页 共9页", False, True),
    ("第 3 页", False, True),
    ("3/9", False, True),
    ("3", True, True),
    ("3", False, False),  # a bare number in the body is a list number or a table cell
    ("2024年", True, False),
    ("3.5", True, False),
    ("第三条", True, False),
    ("— 附件 —", True, False),
]


@pytest.mark.parametrize("line,in_band,expected", PAGE_NUMBERS)
def test_page_number_lines(line, in_band, expected):
    assert is_page_number(line, in_band) is expected


# --- re-joining lines: a page drawn by hand ------------------------------------------

# A4 text block from x=90 to x=500, 10 pt type, 15 pt line pitch, first-line indents.
LAYOUT = Layout(left=90, right=500, em=10, pitch=15, indents=True)


def page(*rows: tuple[float, float, str]) -> list[Line]:
    """Lines from (x0, x1, text) rows, one pitch apart."""
    return [Line(text, x0, x1, 100 + 15 * i, 10, 1, head=10) for i, (x0, x1, text) in enumerate(rows)]


def texts(lines: list[Line]) -> list[str]:
    return [b.text for b in paragraphs(lines, {1: LAYOUT})]


def test_a_line_that_reaches_the_margin_continues():
    lines = page((110, 500, "为规范实施农机购置与应用补贴政策，充分发挥政策"),
                 (90, 300, "效益，推动农业机械化发展。"))
    assert texts(lines) == ["为规范实施农机购置与应用补贴政策，充分发挥政策效益，推动农业机械化发展。"]


def test_a_line_that_stops_short_ends_its_paragraph():
    lines = page((90, 300, "各市、县农业农村局："), (90, 500, "现将实施方案印发给你们，请"),
                 (90, 200, "遵照执行。"))
    assert texts(lines) == ["各市、县农业农村局：", "现将实施方案印发给你们，请遵照执行。"]


def test_an_indented_line_starts_a_paragraph():
    lines = page((110, 500, "（一）常规机具。全省补贴范围为21大类40个小"),
                 (90, 500, "类91个品目，根据工作需要按年度进行调整。"),
                 (110, 500, "全面开展农用无人驾驶航空器购置补贴工作，按"),
                 (90, 200, "有关规定执行。"))
    assert texts(lines) == ["（一）常规机具。全省补贴范围为21大类40个小类91个品目，根据工作需要按年度进行调整。",
                            "全面开展农用无人驾驶航空器购置补贴工作，按有关规定执行。"]


def test_a_heading_after_a_full_sentence_starts_a_paragraph():
    lines = page((90, 500, "这一行写满版心并且恰好以句号结束了一句话。"),
                 (90, 500, "（二）补贴标准。实行定额补贴，同一种类、同一档"),
                 (90, 300, "次农业机械统一补贴标准。"))
    assert texts(lines) == ["这一行写满版心并且恰好以句号结束了一句话。",
                            "（二）补贴标准。实行定额补贴，同一种类、同一档次农业机械统一补贴标准。"]


def test_centred_title_lines_stay_apart():
    lines = page((180, 410, "关于印发2024-2026年海南省农机"), (190, 400, "购置与应用补贴实施方案的通知"))
    assert texts(lines) == ["关于印发2024-2026年海南省农机", "购置与应用补贴实施方案的通知"]


# --- PDFs printed by LibreOffice -----------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", ["seed000-dash", "seed001-of", "seed004-slash", "seed002-txt"])
def test_pdf_of_a_seed_reads_back_as_the_seed(made_pdfs, name):
    doc = read(made_pdfs[name])
    assert doc.meta["pdf_engine"] == "pypdfium2"
    assert not doc.warnings
    assert char_similarity(cleaned(doc), clean(SOURCES[name]).text) >= 0.99


@pytest.mark.slow
@pytest.mark.parametrize("name,footer,headed", [
    ("seed000-dash", r"—\d+—", True),
    ("seed001-of", r"第\d+页共\d+页", False),
    ("seed004-slash", r"\d+/\d+", True),
    ("law-bare", r"\d+", True),
])
def test_running_header_and_page_numbers_are_dropped(made_pdfs, name, footer, headed):
    data = made_pdfs[name].read_bytes()
    printed = pdfium.PdfDocument(data)
    assert len(printed) >= 2
    raw_lines = [squeeze(x) for i in range(len(printed))
                 for x in printed[i].get_textpage().get_text_range().splitlines()]
    # the printed pages do carry them ...
    assert sum(re.fullmatch(footer, x) is not None for x in raw_lines) == len(printed)
    assert raw_lines.count(HEADER) == (len(printed) if headed else 0)
    # ... and the text does not
    text = cleaned(read(made_pdfs[name]))
    assert HEADER not in text
    assert not [x for x in text.split("\n") if re.fullmatch(footer, squeeze(x))]


@pytest.mark.slow
def test_blocks_know_their_page(made_pdfs):
    path = made_pdfs["seed004-slash"]
    doc = read(path)
    printed = pdfium.PdfDocument(path.read_bytes())
    assert doc.pages == len(printed) >= 5
    page_text = [squeeze(printed[i].get_textpage().get_text_range()) for i in range(len(printed))]
    for block in doc.blocks:
        assert squeeze(block.text)[:12] in page_text[block.page - 1], block
    assert {b.page for b in doc.blocks} == set(range(1, doc.pages + 1))


@pytest.mark.slow
def test_chapters_are_headings_and_articles_are_paragraphs(made_pdfs):
    doc = read(made_pdfs["law-bare"])
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["第一章 总则"] == "heading"
    assert kinds["第二章 设置与审批"] == "heading"
    articles = [b for b in doc.blocks if b.text.startswith("第") and "条 " in b.text[:5]]
    assert [b.text for b in articles] == [x for x in LAW if "条 " in x[:5]]
    assert {b.kind for b in articles} == {"paragraph"}


@pytest.mark.slow
def test_fast_path_gives_pdfplumbers_text_on_every_page(made_pdfs):
    import pdfplumber

    for path in (made_pdfs["seed000-dash"], made_pdfs["seed002-txt"]):
        fast = pdfium.PdfDocument(path.read_bytes())
        with pdfplumber.open(path) as ref:
            for i, p in enumerate(ref.pages):
                lines = pdf._pdfium_page(fast, i).lines
                assert squeeze("".join(ln.text for ln in lines)) == squeeze(p.extract_text())


@pytest.mark.slow
def test_pdfplumber_takes_over_when_the_fast_path_disagrees(made_pdfs, monkeypatch):
    real = pdf._pdfium_chars

    def misread(*args):  # as a font without a usable ToUnicode map would read
        return [("?" if c[0] == "的" else c[0], *c[1:]) for c in real(*args)]

    monkeypatch.setattr(pdf, "_pdfium_chars", misread)
    doc = read(made_pdfs["seed000-dash"])
    assert doc.meta["pdf_engine"] == "pdfplumber"
    assert doc.warnings == ["PX-W06 pdf fast path disagreed with pdfplumber; used pdfplumber"]
    assert char_similarity(cleaned(doc), clean(SOURCES["seed000-dash"]).text) >= 0.99


# --- real documents ------------------------------------------------------------------

@pytest.fixture(scope="module")
def hainan():
    if not HAINAN.exists():
        pytest.skip("realdocs not beside the checkout")
    return read(HAINAN)


def test_realdoc_title_lines_and_engine(hainan):
    assert hainan.pages == 11
    assert hainan.meta["pdf_engine"] == "pypdfium2"
    lines = cleaned(hainan).split("\n")
    assert lines[:3] == ["海南省农业农村厅 海南省财政厅", "关于印发2024-2026年海南省农机",
                         "购置与应用补贴实施方案的通知"]
    assert "农机购置与应用补贴实施方案" in lines
    assert not [x for x in lines if is_page_number(x, True)]


def test_realdoc_paragraphs_are_whole(hainan):
    lines = cleaned(hainan).split("\n")
    # one paragraph of the source, printed over 9 lines of page 1
    assert any(x.startswith("以习近平新时代中国特色社会主义思想为指导") and x.endswith("提供坚实支撑。")
               for x in lines)
    # a paragraph split mid-sentence would leave long lines without closing punctuation
    broken = [x for x in lines if len(x) > 40 and x[-1] not in "。；：！？”）)》"]
    assert broken == []
    assert [b.page for b in hainan.blocks][-1] == 11


def test_scanned_pdf_names_its_pages():
    if not SCANNED.exists():
        pytest.skip("realdocs not beside the checkout")
    doc = read(SCANNED)  # OCR off: the dispatcher must not call this an empty document
    assert doc.warnings == ["PX-W01 scanned pages without a text layer: 1-8"]
    assert doc.blocks == []
    assert doc.pages == 8


def test_scanned_pdf_without_the_ocr_extra(monkeypatch):
    if not SCANNED.exists():
        pytest.skip("realdocs not beside the checkout")
    monkeypatch.setattr(pdf.ocr, "available", lambda: False)
    doc = read(SCANNED, ocr=True)
    assert [w[:6] for w in doc.warnings] == ["PX-W01", "PX-W02"]
    assert doc.blocks == []


# --- broken and locked files ---------------------------------------------------------

@pytest.mark.slow
def test_password_protected_pdf(made_pdfs):
    pytest.importorskip("pypdf")
    locked = encrypted(made_pdfs["law-bare"].read_bytes(), user_password="secret")
    with pytest.raises(EncryptedFile, match="password-protected PDF"):
        read_bytes(locked, "locked.pdf", {"ocr": False})


@pytest.mark.slow
def test_pdf_with_only_an_owner_password_is_read(made_pdfs):
    pytest.importorskip("pypdf")
    restricted = encrypted(made_pdfs["law-bare"].read_bytes(), user_password="")
    doc = read_bytes(restricted, "restricted.pdf", {"ocr": False})
    assert "第一章 总则" in doc.text


@pytest.mark.slow
def test_truncated_pdf(made_pdfs):
    data = made_pdfs["law-bare"].read_bytes()
    with pytest.raises(CorruptFile, match="truncated PDF") as e:
        read_bytes(data[: len(data) // 2], "cut.pdf", {"ocr": False})
    assert "\n" not in str(e.value)
    assert str(e.value).startswith("cut.pdf: ")


def test_corrupt_pdf():
    data = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nthis is not a pdf body\n%%EOF\n"
    with pytest.raises(CorruptFile, match="corrupt PDF"):
        read_bytes(data, "broken.pdf", {"ocr": False})
