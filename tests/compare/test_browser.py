"""The HTML report in a real headless Chromium (Debian's), driven by playwright."""
from __future__ import annotations

import json

import pytest

from extractor.compare.render import write
from extractor.compare.table import build_table
from extractor.records import load_records

from .conftest import ARTIFACTS

PAYLOADS = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">']


@pytest.fixture(scope="module")
def seed_report(seed_records, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "compare.html"
    write(build_table(seed_records), path, records=seed_records)
    return path


def _column_values(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "#compare tbody tr", f"rows => rows.map(r => r.children[{index}].dataset.sort)")


def test_report_loads_clean_shows_sources_and_sorts(open_page, seed_report, seed_records):
    page, problems = open_page(seed_report)
    table = build_table(seed_records)
    assert page.title() == "政策指标对照"
    assert page.locator("#compare tbody tr").count() == len(table.rows)
    assert page.locator("#px-panel").is_hidden()

    # a click on a value shows its source sentence, the provision's span highlighted
    row = table.row("county_inpatient_rate")
    ci, entry = next((i, e) for i, e in row.entries() if table.columns[i].region == "湛江")
    prov = seed_records[ci]["provisions"][int(entry.id.rsplit("-", 1)[1])]
    page.click(f'#compare a[data-src="{entry.id}"]')
    panel = page.locator("#px-panel")
    assert panel.is_visible()
    text = seed_records[ci]["text"]
    assert panel.locator("mark").inner_text() == text[prov["span_start"]:prov["span_end"]]
    assert prov["text"] in panel.inner_text()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare.png"))

    # a click on a document's header orders the rows by its values, empty cells last
    col = 2 + next(i for i, c in enumerate(table.columns) if c.region == "荆门")
    before = page.eval_on_selector_all("#compare tbody tr", "rows => rows.map(r => r.dataset.key)")
    page.click(f"#compare thead th:nth-child({col + 1})")
    values = _column_values(page, col)
    filled = [float(v) for v in values if v]
    assert filled == sorted(filled) and values[len(filled):] == [""] * (len(values) - len(filled))
    after = page.eval_on_selector_all("#compare tbody tr", "rows => rows.map(r => r.dataset.key)")
    assert after != before and sorted(after) == sorted(before)
    page.click(f"#compare thead th:nth-child({col + 1})")
    filled = [float(v) for v in _column_values(page, col) if v]
    assert filled == sorted(filled, reverse=True)
    assert page.get_attribute(f"#compare thead th:nth-child({col + 1})", "aria-sort") == \
        "descending"

    # the embedded data parses back to the table
    data = page.evaluate("JSON.parse(document.getElementById('policyx-data').textContent)")
    assert data == json.loads(json.dumps(table.to_dict()))
    assert problems == []


def test_document_text_never_runs_as_script(open_page, tmp_path):
    name = 'x<img src=x onerror="window.__pwned=1">.txt'
    (tmp_path / name).write_text(
        f"关于加强县域医共体建设的实施方案\n\n一、工作目标\n\n"
        f"到2025年，县域内住院率达到90%以上{PAYLOADS[0]}，县域内基层就诊率达到65%{PAYLOADS[1]}。\n"
        f"每千人口医疗卫生机构床位数达到7.5张</script>{PAYLOADS[0]}。\n", encoding="utf-8")
    records = load_records([tmp_path])
    assert any(PAYLOADS[0] in p["text"] for p in records[0]["provisions"])
    report = tmp_path / "report.html"
    write(build_table(records), report, records=records)

    page, problems = open_page(report)
    page.click("#compare a.v >> nth=0")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # the payload is shown as text, not parsed into elements
    body = page.inner_text("body")
    assert PAYLOADS[0] in body and PAYLOADS[1] in body
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2  # the page's own code and its JSON data
    header_tip = page.get_attribute("#compare thead th:nth-child(3)", "title")
    assert name in header_tip
    assert problems == []
