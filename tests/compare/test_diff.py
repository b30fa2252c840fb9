"""``policyx diff``: a seed against a copy edited on purpose reports exactly the edits."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.compare.diff import (
    DiffResult,
    diff_records,
    render_html,
    render_json,
    render_markdown,
)
from extractor.records import load_records

SEEDS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "seeds"
SEED_000 = SEEDS_DIR / "000_a7d024204d59770d.txt"  # 廉江 draft: duplicate keys in a sentence
SEED_002 = SEEDS_DIR / "002_eb7a27bd3a9b5ff0.txt"  # 湛江 plan: targets under 工作目标

ADDED_002 = "到2021年底，全市每千人口医疗卫生机构床位数达到6.5张。"
REMOVED_002 = ("加强县级医院住院医师规范化培训工作，到2020年底前，县级医院所有新进医疗岗位的"
               "本科及以上学历临床医师100%接受住院医师规范化培训。")
REMOTE_002 = "远程监护、远程健康管理等服务。"  # the sentence the added one follows

# seed, edits (each find string occurs once in the seed), expected changes as
# (metric id or text, field, old, new), metric ids added, metric ids removed
CASES = {
    "002 two values, a deadline, one added, one removed": (
        SEED_002,
        [("基层就诊率达到65%左右", "基层就诊率达到70%左右"),
         ("我市16家升级建设单位", "我市18家升级建设单位"),
         ("（二）至2019年底，全市每个县", "（二）至2020年底，全市每个县"),
         (REMOVED_002, ""),
         (REMOTE_002, REMOTE_002 + ADDED_002)],
        {("primary_care_visit_rate", "value", 65, 70),
         ("升级建设单位", "value", 16, 18),
         ("county_hospitals_grade_2a", "deadline", "2019-12-31", "2020-12-31")},
        {"beds_per_1000"},
        {"residency_training_rate"},
    ),
    "000 both values of one key in one sentence, a deadline shared by three": (
        SEED_000,
        [("隔离房间约4.2", "隔离房间约5.6"),  # 4.2万 → 5.6万
         ("每万人 60 间", "每万人 70 间"),
         ("提出到2025年", "提出到2027年")],
        {("isolation_rooms", "value", 42000, 56000),
         ("isolation_rooms", "value", 60, 70),
         ("county_medical_communities", "deadline", "2025-12-31", "2027-12-31"),
         ("county_inpatient_rate", "deadline", "2025-12-31", "2027-12-31"),
         ("primary_care_visit_rate", "deadline", "2025-12-31", "2027-12-31")},
        set(), set(),
    ),
    "002 scope and value changed together: paired by likeness": (
        SEED_002,
        [("力争全市90%的县级医院", "力争全省95%的县级医院")],
        {("county_hospital_basic_standard_share", "value", 90, 95),
         ("county_hospital_basic_standard_share", "scope", "全市", "全省"),
         ("county_hospital_recommended_standard_share", "scope", "全市", "全省")},
        set(), set(),
    ),
}


def edited_copy(seed: Path, edits: list[tuple[str, str]], out: Path) -> Path:
    text = seed.read_text(encoding="utf-8")
    for find, replace in edits:
        assert text.count(find) == 1, f"{find!r} is not unique in {seed.name}"
        text = text.replace(find, replace)
    out.write_text(text, encoding="utf-8")
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def changes_of(result: DiffResult) -> set[tuple]:
    return {(c.new.metric_id or c.new.metric, f.field, f.old, f.new)
            for c in result.changed for f in c.fields}


def one(path: Path) -> dict:
    (record,) = load_records([path])
    return record


@pytest.fixture(scope="module")
def seed_by_name(seed_records) -> dict[str, dict]:
    return {Path(r["file"]).name: r for r in seed_records}


def test_a_document_against_itself_reports_no_change(seed_records):
    for record in seed_records:
        result = diff_records(record, record)
        assert not result.has_changes and result.text == [], record["file"]
        assert result.unchanged == len(record["provisions"])
        assert "No difference." in render_markdown(result)


@pytest.mark.parametrize("case", list(CASES))
def test_an_edited_copy_reports_exactly_its_edits(case, seed_by_name, tmp_path):
    seed, edits, changes, added, removed = CASES[case]
    new = one(edited_copy(seed, edits, tmp_path / seed.name))
    result = diff_records(seed_by_name[seed.name], new)

    assert changes_of(result) == changes
    assert {v.metric_id for v in result.added} == added
    assert {v.metric_id for v in result.removed} == removed
    assert len(result.added) == len(added) and len(result.removed) == len(removed)
    # The text diff holds the edited sentences and nothing else: each old sentence holds
    # what an edit took out, each new one what an edit put in.
    # (Compared without whitespace: cleaning drops the seed's "每万人 60 间" spaces.)
    taken = [squeeze(f) for f, r in edits if not r.startswith(f)]  # insertions take nothing
    put = [squeeze(r.removeprefix(f)) for f, r in edits if r]
    old_side = [squeeze(s) for h in result.text for s in h.old]
    new_side = [squeeze(s) for h in result.text for s in h.new]
    assert all(any(t in s for s in old_side) for t in taken)
    assert all(any(t in s for s in new_side) for t in put)
    assert all(any(t in s for t in taken) for s in old_side)
    assert all(any(t in s for t in put) for s in new_side)


def test_a_pair_changed_in_scope_is_found_by_likeness(seed_by_name, tmp_path):
    seed, edits, *_ = CASES["002 scope and value changed together: paired by likeness"]
    result = diff_records(seed_by_name[seed.name], one(edited_copy(seed, edits, tmp_path / "x.txt")))
    assert {c.matched_by for c in result.changed} == {"similarity"}


def test_changes_carry_their_sentences_and_section_headings(seed_by_name, tmp_path):
    seed, edits, *_ = CASES["002 two values, a deadline, one added, one removed"]
    result = diff_records(seed_by_name[seed.name], one(edited_copy(seed, edits, tmp_path / "x.txt")))
    (change,) = [c for c in result.changed if c.new.metric_id == "primary_care_visit_rate"]
    assert "基层就诊率达到65%左右" in change.old.sentence
    assert "基层就诊率达到70%左右" in change.new.sentence
    assert change.new.section == "二、工作目标 › （三）"
    assert change.new.quote == "基层就诊率达到70%左右"
    anchors = {h.anchor for h in result.text}
    assert "三、主要工作任务 › （六）加强县级医院人才梯队建设 › 2.加强县级医院卫生人才培训" in anchors


def test_renderers(seed_by_name, tmp_path):
    seed, edits, *_ = CASES["002 two values, a deadline, one added, one removed"]
    result = diff_records(seed_by_name[seed.name], one(edited_copy(seed, edits, tmp_path / "x.txt")))
    data = json.loads(render_json(result))
    assert data["summary"] == {"changed": 3, "added": 1, "removed": 1, "unchanged": 8,
                               "text_hunks": len(result.text)}
    assert data["changed"][0]["fields"][0].keys() == {"field", "old", "new"}
    md = render_markdown(result)
    assert "  - value: 65 → 70" in md
    assert "  - deadline: 2019-12-31 → 2020-12-31" in md
    assert "## Added provisions" in md and "## Removed provisions" in md
    page = render_html(result)
    assert page.startswith("<!DOCTYPE html>") and "<del>65</del> → <ins>70</ins>" in page
    assert "http://" not in page and "https://" not in page  # self-contained


PAYLOAD = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def test_html_escapes_document_text(tmp_path, open_page):
    # The payload sits in the title, in a changed provision's sentence and in the text diff.
    body = "关于印发{p}的通知\n\n到2025年，全市县域内住院率达到{v}%以上{p}。\n"
    old = one(_write(tmp_path / "old.txt", body.format(p=PAYLOAD, v=85)))
    new = one(_write(tmp_path / "new.txt", body.format(p=PAYLOAD, v=90)))
    result = diff_records(old, new)
    assert changes_of(result) == {("county_inpatient_rate", "value", 85, 90)}
    page = render_html(result)
    assert "<script>window" not in page and "<img" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "<img" not in render_markdown(result).replace("```", "").split("## Text")[0]
    out = tmp_path / "diff.html"
    out.write_text(page, encoding="utf-8")
    tab, problems = open_page(out)
    assert problems == []
    assert tab.evaluate("window.pwned") is None
    assert "window.pwned=1" in tab.inner_text("body")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- across formats (LibreOffice) ------------------------------------------------------

@pytest.fixture(scope="module")
def soffice_tools():
    from fixtures.make_fixtures import build_docx, convert, find_soffice

    try:
        find_soffice()
    except RuntimeError as e:
        pytest.skip(str(e))
    return build_docx, convert


@pytest.mark.slow
def test_a_docx_against_a_pdf_of_the_same_text_reports_no_provision_change(
        soffice_tools, tmp_path):
    build_docx, convert = soffice_tools
    docx = build_docx(SEED_002.read_text(encoding="utf-8"), tmp_path / "seed.docx")
    pdf = convert(docx, "pdf", tmp_path / "pdf")
    old, new = one(docx), one(pdf)
    assert old["format"] == "docx" and new["format"] == "pdf"
    result = diff_records(old, new)
    assert not result.has_changes, render_markdown(result)
    assert result.unchanged == len(old["provisions"]) > 10


@pytest.mark.slow
def test_a_docx_draft_against_an_edited_pdf_final(soffice_tools, tmp_path):
    build_docx, convert = soffice_tools
    seed, edits, changes, added, removed = CASES[
        "000 both values of one key in one sentence, a deadline shared by three"]
    draft = build_docx(seed.read_text(encoding="utf-8"), tmp_path / "draft.docx")
    final_txt = edited_copy(seed, edits, tmp_path / "final.txt")
    final = convert(build_docx(final_txt.read_text(encoding="utf-8"), tmp_path / "final.docx"),
                    "pdf", tmp_path / "pdf")
    result = diff_records(one(draft), one(final))
    assert changes_of(result) == changes
    assert result.added == [] and result.removed == []


# --- the command ----------------------------------------------------------------------

def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_cli_prints_markdown_and_writes_each_format(tmp_path):
    seed, edits, *_ = CASES["002 two values, a deadline, one added, one removed"]
    new = edited_copy(seed, edits, tmp_path / "new.txt")
    result = run("diff", seed, new)
    assert result.exit_code == 0, result.stderr
    assert "Provisions: 3 changed, 1 added, 1 removed, 8 unchanged." in result.stdout
    for name in ("diff.json", "diff.md", "diff.html"):
        out = tmp_path / name
        result = run("diff", seed, new, "-o", out)
        assert result.exit_code == 0, result.stderr
        assert result.stderr.strip() == f"{out}: 3 changed, 1 added, 1 removed, 8 unchanged"
    assert json.loads((tmp_path / "diff.json").read_text(encoding="utf-8"))["summary"]["added"] == 1


def test_cli_takes_an_extract_jsonl_of_one_record(seed_records, tmp_path):
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(json.dumps(seed_records[0], ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("diff", jsonl, SEED_000)
    assert result.exit_code == 0, result.stderr
    assert "Provisions: 0 changed, 0 added, 0 removed, 13 unchanged." in result.stdout


@pytest.mark.parametrize("bad, message", [
    ("missing.txt", "{bad}: no such file or folder"),
    ("broken.jsonl", "{bad}: line 1 is not JSON (Expecting value)"),
    ("two.jsonl", "{bad}: holds 2 documents; diff compares one with one"),
    ("empty.txt", "{bad}: file is empty"),
])
def test_cli_bad_input_is_one_line_and_exit_1(bad, message, seed_records, tmp_path):
    path = tmp_path / bad
    if bad == "broken.jsonl":
        path.write_text("not json\n", encoding="utf-8")
    elif bad == "two.jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                for r in seed_records[:2]), encoding="utf-8")
    elif bad == "empty.txt":
        path.write_bytes(b"")
    result = run("diff", path, SEED_000)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"policyx: {message.format(bad=path)}"]


def test_cli_refuses_an_unknown_report_format_before_reading(tmp_path):
    result = run("diff", tmp_path / "missing.txt", SEED_000, "-o", tmp_path / "diff.pdf")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"policyx: {tmp_path / 'diff.pdf'}: unknown report format "
                                     "'.pdf'; use .html, .json or .md")
