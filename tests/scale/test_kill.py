"""kill -9 in the middle of `extract --db`: the store stays whole and the next run finishes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("duckdb")

from extractor.cli import cli  # noqa: E402

from .conftest import make_corpus  # noqa: E402
from .dbcheck import check_consistent, content, rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_killed_run_leaves_a_consistent_store_that_the_next_run_completes(tmp_path: Path) -> None:
    docs = make_corpus(tmp_path / "docs", copies=3)  # 15 documents and a corrupt one
    db = tmp_path / "corpus.duckdb"
    run = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", "extract", str(docs), "--db", str(db),
         "--verbose", "--workers", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stored = 0
    assert run.stderr is not None
    for line in run.stderr:  # "FILE: extracted" comes after the document's commit
        stored += line.endswith(": extracted\n")
        if stored == 3:
            break
    run.kill()
    run.wait()
    run.stderr.close()
    assert (stored, run.returncode) == (3, -9)

    check_consistent(db)
    (n,) = rows(db, "SELECT count(*) FROM documents")[0]
    assert 3 <= n < 15

    result = CliRunner().invoke(cli, ["extract", str(docs), "--db", str(db)])
    assert result.exit_code == 1  # the corrupt DOCX, again
    assert f"{15 - n} extracted, {n} unchanged, 0 marked removed, 1 failed" in result.output
    check_consistent(db)

    clean = tmp_path / "clean.duckdb"
    CliRunner().invoke(cli, ["extract", str(docs), "--db", str(clean)])
    assert content(db) == content(clean)
