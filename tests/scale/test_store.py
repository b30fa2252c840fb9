"""The corpus store: created, kept in step with a folder, read back by compare/diff."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

duckdb = pytest.importorskip("duckdb")

from extractor import batch  # noqa: E402
from extractor.cli import cli  # noqa: E402
from extractor.records import load_records  # noqa: E402
from extractor.store import iter_records  # noqa: E402

from .dbcheck import check_consistent, rows  # noqa: E402


def extract(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["extract", *map(str, args)])
    return result.exit_code, result.output


def test_store_created_with_every_table(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    code, out = extract(corpus, "--db", db)
    assert code == 1  # the corrupt DOCX failed, the rest went on
    assert "corrupt.docx: corrupt or truncated DOCX" in out
    assert "5 extracted, 0 unchanged, 0 marked removed, 1 failed" in out
    check_consistent(db)
    titles = dict(rows(db, "SELECT file, title FROM documents"))
    assert titles[str(corpus / "0_004_bc5f96bf7aca360a.txt")] == \
        "连平县加强紧密型县域医疗卫生共同体建设实施方案（征求意见稿）"
    assert rows(db, "SELECT count(*) FROM provisions WHERE kind = 'TARGET' AND value IS NOT NULL"
                )[0][0] > 10
    assert rows(db, "SELECT file, error FROM failures") == [
        (str(corpus / "corrupt.docx"), "corrupt or truncated DOCX: File is not a zip file")]
    # a provision row is its record's provision, flattened
    (record,) = rows(db, "SELECT record FROM documents WHERE file LIKE '%000_a7d%'")[0]
    first = json.loads(record)["provisions"][0]
    got = rows(db, "SELECT kind, metric, value, unit, deadline, span_start, span_end, section "
                   "FROM provisions WHERE file LIKE '%000_a7d%' AND n = 0")[0]
    assert got == (first["kind"], first["metric"], first["value"], first["unit"],
                   first["deadline"], first["span_start"], first["span_end"], first["section"])


def test_unchanged_files_are_not_read_again(corpus: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "corpus.duckdb"
    (corpus / "corrupt.docx").unlink()
    assert extract(corpus, "--db", db)[0] == 0
    before = rows(db, "SELECT file, extracted_at FROM documents ORDER BY file")

    reads: list[str] = []
    real = batch.load_bytes
    monkeypatch.setattr(batch, "load_bytes", lambda p, o=None: reads.append(str(p)) or real(p, o))
    code, out = extract(corpus, "--db", db)
    assert (code, reads) == (0, [])
    assert "0 extracted, 5 unchanged" in out

    # touched but the same content: read and hashed, not extracted again
    touched = corpus / "0_002_eb7a27bd3a9b5ff0.txt"
    os.utime(touched, ns=(1, 1))
    code, out = extract(corpus, "--db", db)
    assert reads == [str(touched)] and "0 extracted, 5 unchanged" in out
    assert rows(db, "SELECT file, extracted_at FROM documents ORDER BY file") == before
    reads.clear()
    extract(corpus, "--db", db)
    assert reads == []  # its new mtime was recorded


def test_changed_file_replaced_and_gone_file_marked(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    extract(corpus, "--db", db)
    changed = corpus / "0_000_a7d024204d59770d.txt"
    gone = corpus / "0_001_7ea3499f721bf7e2.txt"
    old_id, old_sha = rows(db, f"SELECT doc_id, sha256 FROM documents WHERE file = '{changed}'")[0]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("2025年", "2027年"), encoding="utf-8")
    gone.unlink()

    code, out = extract(corpus, "--db", db)
    assert "1 extracted, 3 unchanged, 1 marked removed, 1 failed" in out
    check_consistent(db)
    doc_id, sha = rows(db, f"SELECT doc_id, sha256 FROM documents WHERE file = '{changed}'")[0]
    assert doc_id == old_id and sha != old_sha
    deadlines = {r[0] for r in rows(db, f"SELECT deadline FROM provisions WHERE doc_id = {doc_id}")}
    assert "2027-12-31" in deadlines and "2025-12-31" not in deadlines
    assert rows(db, f"SELECT removed FROM documents WHERE file = '{gone}'") == [(True,)]
    # removed documents stay queryable but are not records any more
    files = [r["file"] for r in iter_records(db)]
    assert str(gone) not in files and str(changed) in files and len(files) == 4

    gone.write_text(text, encoding="utf-8")  # back, with other content: extracted again
    extract(corpus, "--db", db)
    assert rows(db, f"SELECT removed FROM documents WHERE file = '{gone}'") == [(False,)]

    # new content that fails: the old rows no longer describe the file
    broken = corpus / "0_003_adc31f7c3989c8c3.txt"
    broken.write_bytes((corpus / "corrupt.docx").read_bytes())
    code, out = extract(corpus, "--db", db)
    assert code == 1 and f"policyx: {broken}: corrupt or truncated DOCX" in out
    assert rows(db, f"SELECT removed FROM documents WHERE file = '{broken}'") == [(True,)]
    assert rows(db, f"SELECT error FROM failures WHERE file = '{broken}'") == [
        ("corrupt or truncated DOCX: File is not a zip file",)]


def test_a_document_is_written_whole_or_not_at_all(corpus: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor import store
    from extractor.errors import StoreError

    db = tmp_path / "corpus.duckdb"
    extract(corpus, "--db", db)
    changed = corpus / "0_004_bc5f96bf7aca360a.txt"
    before = rows(db, f"SELECT sha256, record FROM documents WHERE file = '{changed}'")
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充。", encoding="utf-8")
    # the provisions insert fails after the document, sections, sentences and entities
    monkeypatch.setitem(store._INSERT_CHILDREN, "provisions", "INSERT INTO nowhere SELECT ?")
    with pytest.raises(StoreError, match="cannot store"):
        CliRunner().invoke(cli, ["extract", str(corpus), "--db", str(db)],
                           catch_exceptions=False)
    check_consistent(db)
    assert rows(db, f"SELECT sha256, record FROM documents WHERE file = '{changed}'") == before


def test_compare_and_diff_read_the_store(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    jsonl = tmp_path / "out.jsonl"
    extract(corpus, "--db", db, "-o", jsonl)
    from_db = load_records([db])
    from_jsonl = load_records([jsonl])
    assert from_db == sorted(from_jsonl, key=lambda r: r["file"])
    assert len(from_db) == 5


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    from extractor.errors import StoreError

    with pytest.raises(StoreError, match="no such corpus database"):
        list(iter_records(tmp_path / "missing.duckdb"))
    not_db = tmp_path / "notes.db"
    not_db.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open the corpus database"):
        list(iter_records(not_db))


def test_readme_lists_the_store_schema() -> None:
    from extractor.store import schema_markdown

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert schema_markdown() in readme
