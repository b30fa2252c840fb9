"""Reading a corpus store back in tests: consistency and content."""
from __future__ import annotations

from pathlib import Path

import duckdb

from extractor.store import CHILD_TABLES


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def check_consistent(db: Path) -> None:
    """Every document has exactly its record's child rows, and no child row is orphaned."""
    for table in CHILD_TABLES:
        orphans = rows(db, f"SELECT count(*) FROM {table} c "
                           "WHERE c.doc_id NOT IN (SELECT doc_id FROM documents)")
        assert orphans == [(0,)], table
        wrong = rows(db, f"""
            SELECT d.file, json_array_length(d.record, '$.{table}') AS want, count(c.doc_id) AS got
            FROM documents d LEFT JOIN {table} c USING (doc_id)
            GROUP BY d.file, want HAVING want <> got""")
        assert wrong == [], (table, wrong)
    assert rows(db, "SELECT count(*) - count(DISTINCT path) FROM documents") == [(0,)]


def content(db: Path) -> dict[str, list[tuple]]:
    """Everything a run stores, less what differs between runs (ids, times)."""
    out = {
        "documents": rows(db, "SELECT * EXCLUDE (doc_id, extracted_at) FROM documents "
                              "ORDER BY path"),
        "failures": rows(db, "SELECT path, file, error FROM failures ORDER BY path"),
    }
    for table in CHILD_TABLES:
        out[table] = rows(db, f"SELECT d.path, c.* EXCLUDE (doc_id) FROM {table} c "
                              "JOIN documents d USING (doc_id) ORDER BY d.path, c.n")
    return out
