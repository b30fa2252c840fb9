"""Each report format, written by `policyx compare` and read back with the tools users have."""
from __future__ import annotations

import csv
import json
import sys
import types

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.compare.render import to_html
from extractor.compare.table import build_table


def run(*args):
    return CliRunner().invoke(cli, ["compare", *map(str, args)])


@pytest.fixture(scope="module")
def seed_table(seed_records):
    return build_table(seed_records)


def test_xlsx_keeps_numbers_as_numbers_and_freezes_the_header(seed_jsonl, seed_table, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "compare.xlsx"
    result = run(seed_jsonl, "-o", out)
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["对照", "明细", "文件"]
    ws = wb["对照"]
    assert ws.freeze_panes == "D2"
    header = [c.value for c in ws[1]]
    assert header[:3] == ["指标", "metric_id", "文件数"]
    assert header[3:] == [c.label for c in seed_table.columns]
    by_id = {row[1].value: row for row in ws.iter_rows(min_row=2)}
    # 负压救护车 ≥40% in 廉江: the cell is the number 40, shown as ≥40%
    cell = by_id["negative_pressure_ambulance_share"][3 + _col(seed_table, "廉江")]
    assert cell.value == 40 and isinstance(cell.value, (int, float))
    assert cell.number_format == '"≥"General"%"'
    assert "负压救护车" in cell.comment.text  # the source sentence
    assert cell.fill.fgColor.rgb.endswith("D1F0D6")  # the highest of two comparable values
    assert ws.column_dimensions["A"].width > 8
    detail = wb["明细"]
    assert detail.freeze_panes == "A2"
    fields = [c.value for c in detail[1]]
    values = [r[fields.index("数值")] for r in detail.iter_rows(min_row=2, values_only=True)]
    assert values and all(isinstance(v, (int, float)) for v in values if v is not None)
    assert len(values) == sum(1 for r in seed_table.rows for _ in r.entries())


def _col(table, region):
    return next(i for i, c in enumerate(table.columns) if c.region == region)


def test_csv_has_a_bom_and_one_row_a_metric(seed_jsonl, seed_table, tmp_path):
    out = tmp_path / "compare.csv"
    assert run(seed_jsonl, "-o", out).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][3:] == [c.label for c in seed_table.columns]
    assert len(rows) == 1 + len(seed_table.rows)
    rate = next(r for r in rows if r[1] == "county_inpatient_rate")
    assert rate[3 + _col(seed_table, "廉江")] == "约85%（期限2025-12-31）"


def test_json_is_the_tables_dict(seed_jsonl, seed_table, tmp_path):
    out = tmp_path / "compare.json"
    assert run(seed_jsonl, "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(seed_table.to_dict()))
    entry = data["rows"][0]["cells"][0][0]
    assert {"value", "unit", "per_value", "deadline", "sentence", "span_start", "span_text",
            "high", "low"} <= set(entry)


def test_markdown_table_and_stdout(seed_jsonl, seed_table, tmp_path):
    out = tmp_path / "compare.md"
    assert run(seed_jsonl, "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    table_lines = [line for line in lines if line.startswith("|")]
    assert len(table_lines) == 2 + len(seed_table.rows)
    assert all(label in table_lines[0] for label in (c.label for c in seed_table.columns))
    assert any("▲" in line for line in table_lines) and any("▼" in line for line in table_lines)
    stdout = run(seed_jsonl)
    assert stdout.exit_code == 0 and stdout.stdout == out.read_text(encoding="utf-8")


def test_html_is_one_file_with_every_source_sentence(seed_jsonl, seed_table, tmp_path):
    out = tmp_path / "compare.html"
    assert run(seed_jsonl, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<link" not in html and "src=\"http" not in html
    for _, e in seed_table.rows[0].entries():
        assert f'id="{e.id}"' in html and f'data-src="{e.id}"' in html


def test_a_failing_input_is_one_line_and_the_rest_is_compared(seed_jsonl, tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    out = tmp_path / "compare.html"
    result = run(seed_jsonl, tmp_path / "missing.docx", bad, "-o", out)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"policyx: {tmp_path / 'missing.docx'}: no such file or folder"
    assert lines[1].startswith(f"policyx: {bad}: line 1 is not JSON")
    assert "Traceback" not in result.stderr
    assert "5 documents" in lines[2] and out.exists()


def test_unknown_format_and_nothing_to_compare(seed_jsonl, tmp_path):
    result = run(seed_jsonl, "-o", tmp_path / "compare.pdf")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"policyx: {tmp_path / 'compare.pdf'}: unknown report "
                                     "format (use .html, .xlsx, .csv, .json or .md)")
    result = run(tmp_path / "nope.txt", "-o", tmp_path / "c.html")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "policyx: nothing to compare: no document was read")


def test_citation_edges_become_a_table_escaped(monkeypatch, seed_table):
    record = {"file": "a.txt", "document": {"region": {"name": "甲县"}}, "provisions": [],
              "text": "", "sentences": [{"start": 0, "end": 9, "text": "根据《<b>方案</b>》，制定本办法。"}]}
    edge = types.SimpleNamespace(source_file="a.txt", cited_title="<b>方案</b>",
                                 cited_doc_number="粤办函〔2022〕245号", target_file=None,
                                 text="《<b>方案</b>》", mentions=2)
    fake = types.ModuleType("extractor.compare.cites")
    fake.build_graph = lambda records: types.SimpleNamespace(edges=[edge])
    monkeypatch.setitem(sys.modules, "extractor.compare.cites", fake)
    from extractor.compare.render import citations

    cites = citations([record])
    assert cites[0].sentence == "根据《<b>方案</b>》，制定本办法。"
    html = to_html(build_table([record]), cites)
    section = html.split('<h2 id="cites">', 1)[1].split("<script", 1)[0]
    assert "粤办函〔2022〕245号" in section and "<b>" not in section
    assert "根据<mark>《&lt;b&gt;方案&lt;/b&gt;》</mark>，制定本办法。" in section
    assert "<td>甲县</td>" in section  # the citing document by its column label


def test_html_has_the_citations_of_the_seeds(seed_records, seed_table):
    pytest.importorskip("extractor.compare.cites")
    from extractor.compare.render import citations

    cites = citations(seed_records)
    html = to_html(seed_table, cites)
    assert ('<h2 id="cites">' in html) and all(c.sentence for c in cites)
