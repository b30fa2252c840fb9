"""OCR of scanned pages: lines from RapidOCR boxes, and real scans read end to end.

The scan tests OCR one page each (a few seconds); they skip without the ``ocr`` extra.
"""
from __future__ import annotations

import pytest
from conftest import SHARED, char_similarity, needs

from extractor.ingest import read_bytes
from extractor.ingest.ocr import lines_from_ocr
from extractor.ingest.pdflines import paragraphs, squeeze

from .pdf_fixtures import HEADER, LAW, LAW_SPEC, build_pdfs, cache_folder, image_only_pdf, pdf_pages

SCANNED = SHARED / "realdocs" / "05_nongji_youji_youbu_opinion_scanned.pdf"


@pytest.fixture(scope="module")
def law_pdf(pytestconfig, tmp_path_factory):
    needs("soffice")
    return build_pdfs([LAW_SPEC], {}, cache_folder(pytestconfig, tmp_path_factory))["law-bare"]


def box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def test_boxes_on_one_row_make_one_line():
    results = [
        [box(100, 100, 400, 130), "海南省农业农村厅", 0.99],
        [box(600, 102, 850, 131), "海南省财政厅", 0.98],
        [box(100, 160, 900, 190), "各市、县农业农村局(农牧局)，", 0.97],
        [box(100, 220, 300, 250), "噪点", 0.2],  # below the score threshold
    ]
    lines = lines_from_ocr(results, scale=2.0, page_no=3)
    assert [ln.text for ln in lines] == ["海南省农业农村厅 海南省财政厅", "各市、县农业农村局（农牧局），"]
    assert lines[0].x0 == 50 and lines[0].x1 == 425  # pixels at scale 2 -> points
    assert {ln.page for ln in lines} == {3}


def test_ocr_lines_rejoin_like_text_lines():
    # a paragraph wrapped at the right edge, then a short last line and a heading
    results = [
        [box(224, 1084, 998, 1120), "为深入贯彻落实党中央、国务院有关部署要求，进一步完善农", 0.99],
        [box(165, 1140, 997, 1176), "机购置与应用补贴政策，加力推进优机优补、有进有出，加快", 0.99],
        [box(165, 1197, 548, 1233), "经商财政部，现提出以下意见。", 0.99],
        [box(221, 1253, 385, 1289), "一、总体要求", 0.99],
    ]
    text = [b.text for b in paragraphs(lines_from_ocr(results, scale=2.0, page_no=1))]
    assert text == [
        "为深入贯彻落实党中央、国务院有关部署要求，进一步完善农机购置与应用补贴政策，"
        "加力推进优机优补、有进有出，加快经商财政部，现提出以下意见。",
        "一、总体要求",
    ]


@pytest.mark.slow
def test_scan_of_a_printed_page_reads_like_its_text_layer(law_pdf):
    pytest.importorskip("rapidocr_onnxruntime")
    page = pdf_pages(law_pdf.read_bytes(), [1])
    scan = read_bytes(image_only_pdf(page, keep_top=0.45), "page1-scan.pdf", {"ocr": True})
    assert scan.warnings == ["PX-W01 scanned pages without a text layer: 1"]
    assert scan.meta["ocr_pages"] == "1"
    # the top of the page: running header, title, chapter heading and the first articles
    assert scan.blocks[0].text == HEADER  # one page: nothing repeats, so the header stays
    # OCR keeps no spaces inside a line ("第一章总则"): compare without them
    read = [squeeze(b.text) for b in scan.blocks]
    source = [squeeze(x) for x in [HEADER, *LAW[:4]]]
    assert char_similarity("\n".join(read), "\n".join(source)) >= 0.97


@pytest.mark.slow
def test_real_scan_title_is_recognised():
    pytest.importorskip("rapidocr_onnxruntime")
    if not SCANNED.exists():
        pytest.skip("realdocs not beside the checkout")
    first = pdf_pages(SCANNED.read_bytes(), [1])
    doc = read_bytes(first, "scan-page1.pdf", {"ocr": True})
    assert doc.warnings == ["PX-W01 scanned pages without a text layer: 1"]
    title = [b.text for b in doc.blocks[:2]]
    assert title == ["农业农村部办公厅关于加力推进农机购置", "与应用补贴“优机优补”“有进有出”的意见"]
    text = squeeze(doc.text)
    assert "经商财政部，现提出以下意见。" in text
    assert "扫描全能王" not in text  # the scanner's watermark, drawn and printed on the page
    assert not any(squeeze(b.text) in ("—1—", "-1-", "一1一") for b in doc.blocks)
