"""policyx sql: a query printed as an aligned table, tables exported to Parquet."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

duckdb = pytest.importorskip("duckdb")

from extractor.cli import cli  # noqa: E402
from extractor.commands.sql import display_width, format_table  # noqa: E402
from extractor.errors import StoreError  # noqa: E402

from .conftest import make_corpus  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sql")
    docs = make_corpus(folder / "docs", corrupt=False)
    path = folder / "corpus.duckdb"
    result = CliRunner().invoke(cli, ["extract", str(docs), "--db", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


def sql(*args: str) -> str:
    result = CliRunner().invoke(cli, ["sql", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_query_prints_aligned_rows(db: Path) -> None:
    out = sql("--db", str(db), "SELECT region_name, doc_kind, chars FROM documents ORDER BY file")
    lines = out.splitlines()
    assert lines[0].split() == ["region_name", "doc_kind", "chars"]
    assert [line.split()[:2] for line in lines[2:7]] == [
        ["廉江市", "意见"], ["汕头市", "答复"], ["湛江市", "方案"], ["荆门市", "规划"], ["连平县", "方案"]]
    assert lines[-1] == "(5 rows)"
    # each column starts at the same terminal column on every line, CJK counted double
    starts = {display_width(line[:line.index(line.split()[1])]) for line in lines[2:7]}
    assert starts == {display_width(lines[0][:lines[0].index("doc_kind")])}
    # numbers to the right
    assert {display_width(line) for line in lines[2:7]} == {display_width(lines[1])}


def test_provisions_are_flat_columns(db: Path) -> None:
    out = sql("--db", str(db), "SELECT metric_id, comparator, value, unit, deadline FROM provisions"
              " WHERE metric_id = 'county_inpatient_rate' ORDER BY file, n LIMIT 1")
    assert out.splitlines()[2].split() == ["county_inpatient_rate", "~", "85.0", "%", "2025-12-31"]


def test_long_cells_are_cut_to_the_width(db: Path) -> None:
    out = sql("--db", str(db), "--width", "20", "SELECT text FROM documents LIMIT 1")
    cell = out.splitlines()[2]
    assert cell.endswith("…") and display_width(cell) <= 20 and "\n" not in cell


def test_export_parquet_reads_back(db: Path, tmp_path: Path) -> None:
    out = sql("--db", str(db), "--export", "parquet", str(tmp_path / "pq"))
    con = duckdb.connect(str(db), read_only=True)
    mem = duckdb.connect()
    for table in ["documents", "sections", "sentences", "entities", "provisions", "failures"]:
        file = tmp_path / "pq" / f"{table}.parquet"
        want = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        got = mem.execute(f"SELECT count(*) FROM read_parquet('{file}')").fetchone()[0]
        assert got == want and f"{file}\t{want} rows" in out
    titles = mem.execute(f"SELECT title FROM read_parquet('{tmp_path / 'pq' / 'documents.parquet'}')"
                        " ORDER BY file").fetchall()
    assert titles == con.execute("SELECT title FROM documents ORDER BY file").fetchall()
    con.close()
    mem.close()


def test_bad_sql_is_one_line_error(db: Path) -> None:
    result = CliRunner().invoke(cli, ["sql", "--db", str(db), "SELECT nope FROM documents"])
    assert isinstance(result.exception, StoreError)
    assert "nope" in str(result.exception) and "\n" not in str(result.exception)


def test_format_table_pads_by_display_width() -> None:
    text = format_table(["名称", "n"], [["湛江市", 1], ["ab", 22], [None, None]])
    assert text.splitlines() == [
        "名称       n",  # 名称 is four columns wide, 湛江市 six
        "------  ----",
        "湛江市     1",
        "ab        22",
        "NULL    NULL",
        "(3 rows)",
    ]
