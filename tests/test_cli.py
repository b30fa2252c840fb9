"""The CLI as a user meets it: outputs, progress, resume, and bad input."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from extractor.cli import cli

SEED = SEEDS[4]  # 连平县 plan


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_help_shows_examples():
    out = run("--help").output
    assert "Examples:" in out and "policyx extract" in out
    for command in ("extract", "schema"):
        assert "Example" in run(command, "--help").output


def test_one_file_prints_json_on_stdout():
    result = run("extract", SEED)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["file"] == str(SEED)
    assert record["format"] == "txt"
    assert set(record) >= {"file", "sha256", "format", "document", "text", "sections",
                           "sentences", "entities", "provisions", "warnings"}
    assert set(record["document"]) >= {"title", "doc_kind", "status", "issuer", "date",
                                       "doc_number", "region", "pages", "chars"}
    assert record["document"]["chars"] == len(record["text"])


def test_folder_to_jsonl_and_to_dir(tmp_path):
    out = tmp_path / "out.jsonl"
    assert run("extract", SEED.parent, "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["file"] for x in lines] == [str(p) for p in SEEDS]

    folder = tmp_path / "json"
    assert run("extract", SEED.parent, "-o", str(folder) + "/").exit_code == 0
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(p.stem + ".json" for p in SEEDS)
    assert not list(folder.glob(".*"))  # no temporary files left behind


def test_resume_skips_documents_already_written(tmp_path):
    out = tmp_path / "out.jsonl"
    run("extract", SEEDS[0], "-o", out)
    before = out.read_text(encoding="utf-8")
    assert run("extract", SEEDS[0], SEEDS[1], "-o", out, "--resume").exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and out.read_text(encoding="utf-8").startswith(before)


def test_schema_is_json_schema():
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "ExtractResult" and "provisions" in schema["properties"]


# --- bad input: one line each, no traceback, the batch goes on, exit 1 ---------------

def _zip_bomb(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (600 * 1024 * 1024))
    path.write_bytes(buf.getvalue())


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty": d / "empty.txt",
        "blank": d / "blank.txt",
        "garbage": d / "garbage.txt",
        "xlsx": d / "table.xls",
        "corrupt_docx": d / "corrupt.docx",
        "truncated_pdf": d / "truncated.pdf",
        "bomb": d / "bomb.docx",
        "locked_pdf": d / "locked.pdf",
    }
    files["empty"].write_bytes(b"")
    files["blank"].write_bytes(b" \n\n \r\n")
    files["garbage"].write_bytes(os.urandom(4096))
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "指标"
    wb.save(files["xlsx"])
    docx_bytes = _small_docx()
    files["corrupt_docx"].write_bytes(docx_bytes[: len(docx_bytes) // 2])
    files["truncated_pdf"].write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    _zip_bomb(files["bomb"])
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(files["locked_pdf"], "wb") as f:
        writer.write(f)
    return files


def _small_docx() -> bytes:
    import docx

    d = docx.Document()
    for i in range(40):
        d.add_paragraph(f"第{i}段：这是用于测试的正文内容。" * 5)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind,cause", [
    ("empty", "empty"),
    ("blank", "empty"),
    ("garbage", "binary"),
    ("xlsx", "unsupported format"),
    ("corrupt_docx", "DOCX"),
    ("truncated_pdf", "PDF"),
    ("bomb", "limit"),
    ("locked_pdf", "password-protected"),
])
def test_bad_file_gives_one_line(bad_files, kind, cause):
    path = bad_files[kind]
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"policyx: {path}: ")
    assert cause.lower() in lines[0].lower()
    assert "Traceback" not in result.output


def test_file_over_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("正文。" * 100, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(big), "--max-bytes", "100"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"policyx: {big}: file is 900 bytes, over the limit")


def test_unreadable_file(tmp_path, monkeypatch):
    f = tmp_path / "secret.txt"
    f.write_text("正文", encoding="utf-8")
    real = Path.read_bytes

    def deny(self):
        if self == f:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = CliRunner().invoke(cli, ["extract", str(f)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"policyx: {f}: cannot read file: Permission denied"


def test_missing_file(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.pdf")])
    assert result.exit_code == 1 and "nope.pdf: cannot read file" in result.stderr


def test_batch_goes_on_past_bad_files(bad_files, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for p in (bad_files["empty"], bad_files["garbage"], SEEDS[0], SEEDS[2]):
        (folder / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 2
    written = [json.loads(x)["file"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert written == [str(folder / SEEDS[0].name), str(folder / SEEDS[2].name)]


def test_debug_shows_the_traceback(bad_files):
    result = CliRunner().invoke(cli, ["extract", str(bad_files["garbage"]), "--debug"])
    assert "Traceback" in result.stderr


def test_killed_run_leaves_whole_lines_and_resume_finishes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:03d}.txt").write_bytes(SEEDS[i % len(SEEDS)].read_bytes())
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, str(ROOT / "cli.py"), "extract", str(folder), "-o", str(out), "-q"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 3):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    data = out.read_bytes()
    assert data.endswith(b"\n")
    done = [json.loads(x) for x in data.splitlines()]
    assert 3 <= len(done) < 40

    # a torn line (as a full disk could leave) is cut before resuming
    out.write_bytes(data + b'{"file": "half')
    subprocess.run(cmd + ["--resume"], check=True)
    files = [json.loads(x)["file"] for x in out.read_bytes().splitlines()]
    assert files == [str(p) for p in sorted(folder.glob("*.txt"))]
