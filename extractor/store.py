"""The corpus store: extraction records in DuckDB, kept in step with folders.

``policyx extract DIR --db corpus.duckdb`` writes one row a document to ``documents``
(header facts, the cleaned text and the full JSON record) and one row an item to
``sections``, ``sentences``, ``entities`` and ``provisions``. The child rows are derived
from the stored record by SQL, in the same transaction as the document row, so a run
killed at any moment leaves every document whole or absent; the next run does the rest.

A file is extracted again only when its content hash changed (its size and mtime are
checked first, so an unchanged folder is not even read); a file gone from a named folder,
or whose new content fails to extract, keeps its rows with ``removed = TRUE``.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import MissingDependency, StoreError

SCHEMA_VERSION = "1"

# Columns of each child table after (doc_id, file, n): name, SQL type, JSON path in an item.
# The same lists make the DDL, the INSERT ... SELECT and the README's schema table.
CHILD_TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "sections": ("$.sections[*]", [
        ("number", "VARCHAR", "$.number"), ("heading", "VARCHAR", "$.heading"),
        ("level", "INTEGER", "$.level"), ("start", "INTEGER", "$.start"),
        ("end", "INTEGER", "$.end"),
    ]),
    "sentences": ("$.sentences[*]", [
        ("start", "INTEGER", "$.start"), ("end", "INTEGER", "$.end"),
        ("text", "VARCHAR", "$.text"),
    ]),
    "entities": ("$.entities[*]", [
        ("label", "VARCHAR", "$.label"), ("text", "VARCHAR", "$.text"),
        ("start", "INTEGER", "$.start"), ("end", "INTEGER", "$.end"),
        ("normalized", "JSON", "$.normalized"), ("source", "VARCHAR", "$.source"),
    ]),
    "provisions": ("$.provisions[*]", [
        ("kind", "VARCHAR", "$.kind"), ("metric", "VARCHAR", "$.metric"),
        ("metric_id", "VARCHAR", "$.metric_id"), ("comparator", "VARCHAR", "$.comparator"),
        ("value", "DOUBLE", "$.value"), ("value_max", "DOUBLE", "$.value_max"),
        ("unit", "VARCHAR", "$.unit"), ("per_value", "DOUBLE", "$.per.value"),
        ("per_unit", "VARCHAR", "$.per.unit"), ("deadline", "VARCHAR", "$.deadline"),
        ("date", "VARCHAR", "$.date"), ("qualifier", "VARCHAR", "$.qualifier"),
        ("scope", "VARCHAR", "$.scope"), ("subject", "VARCHAR", "$.subject"),
        ("text", "VARCHAR", "$.text"), ("start", "INTEGER", "$.start"),
        ("end", "INTEGER", "$.end"), ("span_start", "INTEGER", "$.span_start"),
        ("span_end", "INTEGER", "$.span_end"), ("section", "VARCHAR", "$.section"),
    ]),
}

# documents: columns set by the writer, then columns read from the record.
DOCUMENT_KEYS = [
    ("doc_id", "BIGINT NOT NULL"), ("path", "VARCHAR NOT NULL"), ("file", "VARCHAR NOT NULL"),
    ("size", "BIGINT"), ("mtime_ns", "BIGINT"), ("extracted_at", "TIMESTAMP"),
    ("removed", "BOOLEAN NOT NULL"), ("record", "JSON NOT NULL"),
]
DOCUMENT_FIELDS = [
    ("sha256", "VARCHAR", "$.sha256"), ("format", "VARCHAR", "$.format"),
    ("title", "VARCHAR", "$.document.title"), ("doc_kind", "VARCHAR", "$.document.doc_kind"),
    ("status", "VARCHAR", "$.document.status"), ("issuer", "VARCHAR", "$.document.issuer"),
    ("date", "VARCHAR", "$.document.date"), ("doc_number", "VARCHAR", "$.document.doc_number"),
    ("region_name", "VARCHAR", "$.document.region.name"),
    ("region_code", "VARCHAR", "$.document.region.code"),
    ("region_level", "VARCHAR", "$.document.region.level"),
    ("pages", "INTEGER", "$.document.pages"), ("chars", "INTEGER", "$.document.chars"),
    ("text", "VARCHAR", "$.text"), ("version", "VARCHAR", "$.version"),
]
TABLES = ["documents", *CHILD_TABLES, "failures"]


def _q(name: str) -> str:
    return f'"{name}"'  # "end" is an SQL keyword


def _value(expr: str, sql_type: str, path: str) -> str:
    if sql_type == "JSON":
        return f"json_extract({expr}, '{path}')"
    return f"CAST(json_extract_string({expr}, '{path}') AS {sql_type})"


def _ddl() -> list[str]:
    doc_cols = [f"{_q(n)} {t}" for n, t in DOCUMENT_KEYS]
    doc_cols[7:7] = [f"{_q(n)} {t}" for n, t, _ in DOCUMENT_FIELDS]
    out = [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR)",
        "CREATE SEQUENCE IF NOT EXISTS doc_ids START 1",
        f"CREATE TABLE IF NOT EXISTS documents ({', '.join(doc_cols)})",
    ]
    for table, (_, cols) in CHILD_TABLES.items():
        body = ", ".join(f"{_q(n)} {t}" for n, t, _ in cols)
        out.append(f"CREATE TABLE IF NOT EXISTS {table} (doc_id BIGINT NOT NULL, "
                   f"file VARCHAR NOT NULL, n INTEGER NOT NULL, {body})")
    out.append("CREATE TABLE IF NOT EXISTS failures (path VARCHAR, file VARCHAR, "
               "error VARCHAR, failed_at TIMESTAMP)")
    return out


def _insert_document() -> str:
    keys = [n for n, _ in DOCUMENT_KEYS]
    fields = [n for n, _, _ in DOCUMENT_FIELDS]
    values = [_value("j", t, p) for _, t, p in DOCUMENT_FIELDS]
    cols = ", ".join(_q(c) for c in keys + fields)
    return (f"INSERT INTO documents ({cols}) SELECT ?, ?, ?, ?, ?, current_localtimestamp(), "
            f"FALSE, j, {', '.join(values)} FROM (SELECT CAST(? AS JSON) AS j)")


def _insert_children(table: str) -> str:
    items, cols = CHILD_TABLES[table]
    names = ", ".join(_q(n) for n, _, _ in cols)
    values = ", ".join(_value("item", t, p) for _, t, p in cols)
    # Two unnests in one SELECT advance together: n is each item's position in the record.
    return (f"INSERT INTO {table} (doc_id, file, n, {names}) "
            f"SELECT doc_id, file, n, {values} FROM ("
            f"SELECT doc_id, file, unnest(range(len(l))) AS n, unnest(l) AS item FROM ("
            f"SELECT doc_id, file, json_extract(record, '{items}') AS l "
            f"FROM documents WHERE doc_id = ?))")


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise MissingDependency(
            "the corpus store needs DuckDB: pip install 'policyx[store]'") from None
    return duckdb


def connect(path: str | Path, read_only: bool = False) -> Any:
    """A DuckDB connection to ``path``; a lock or a bad file becomes a :class:`StoreError`."""
    duckdb = _duckdb()
    path = Path(path)
    if read_only and not path.is_file():
        raise StoreError("no such corpus database", str(path))
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as e:
        raise StoreError(f"cannot open the corpus database: {_first_line(e)}", str(path)) from None


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


@dataclass
class Known:
    """What the store holds about one file."""

    doc_id: int
    sha256: str
    size: int | None
    mtime_ns: int | None
    removed: bool


def key(path: str | Path) -> str:
    """The store's key of a file: its absolute path, so ``docs/a`` and ``./docs/a`` agree."""
    return os.path.abspath(path)


class Store:
    """A corpus database open for writing by one run of ``extract --db``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.path)
        self._ensure_schema()
        self.known: dict[str, Known] = {
            row[0]: Known(*row[1:]) for row in self.con.execute(
                "SELECT path, doc_id, sha256, size, mtime_ns, removed FROM documents").fetchall()
        }
        self.stats: dict[str, tuple[int, int]] = {}

    def _ensure_schema(self) -> None:
        con = self.con
        con.execute("BEGIN")
        for statement in _ddl():
            con.execute(statement)
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        con.execute("COMMIT")
        if row is not None and row[0] != SCHEMA_VERSION:
            raise StoreError(f"made with store schema {row[0]}, this policyx writes "
                             f"{SCHEMA_VERSION}: extract into a new file", str(self.path))

    # -- deciding what to do

    def unchanged(self, path: Path) -> bool:
        """True when ``path`` has the size and mtime recorded with its current row.

        Also remembers the size and mtime seen now, which are stored with the row if the
        file is extracted (taken before reading, so a later change is seen next run).
        """
        try:
            st = os.stat(path)
        except OSError:
            return False  # let the reader report it
        k = key(path)
        self.stats[k] = (st.st_size, st.st_mtime_ns)
        known = self.known.get(k)
        return (known is not None and not known.removed and known.size == st.st_size
                and known.mtime_ns == st.st_mtime_ns)

    def is_done(self, file: str, sha256: str) -> bool:
        """True when the stored row of ``file`` has this content; its size and mtime are
        brought up to date (a touched file is not read again next time)."""
        k = key(file)
        known = self.known.get(k)
        if known is None or known.sha256 != sha256:
            return False
        size, mtime_ns = self.stats.get(k, (None, None))
        self.con.execute("UPDATE documents SET size = ?, mtime_ns = ?, removed = FALSE "
                         "WHERE doc_id = ?", [size, mtime_ns, known.doc_id])
        known.size, known.mtime_ns, known.removed = size, mtime_ns, False
        return True

    def mark_removed(self, files: Iterable[Path], folders: Iterable[Path]) -> int:
        """Mark removed the rows of files under ``folders`` that are not among ``files``."""
        roots = [key(f).rstrip(os.sep) + os.sep for f in folders]
        present = {key(f) for f in files}
        gone = [(k, v) for k, v in self.known.items() if not v.removed and k not in present
                and any(k.startswith(r) for r in roots)]
        if gone:
            self.con.execute("BEGIN")
            for _, v in gone:
                self.con.execute("UPDATE documents SET removed = TRUE WHERE doc_id = ?",
                                 [v.doc_id])
                v.removed = True
            self.con.execute("COMMIT")
        return len(gone)

    # -- writing

    def put(self, record: dict[str, Any], path: Path | None = None) -> None:
        """Store (or replace) one document's record and its child rows, in one transaction."""
        k = key(path if path is not None else record["file"])
        known = self.known.get(k)
        size, mtime_ns = self.stats.get(k, (None, None))
        text = json.dumps(record, ensure_ascii=False)
        con = self.con
        con.execute("BEGIN")
        try:
            doc_id = known.doc_id if known else con.execute("SELECT nextval('doc_ids')").fetchone()[0]
            for table in CHILD_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
            con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
            con.execute(_INSERT_DOCUMENT, [doc_id, k, record["file"], size, mtime_ns, text])
            for table in CHILD_TABLES:
                con.execute(_INSERT_CHILDREN[table], [doc_id])
            con.execute("DELETE FROM failures WHERE path = ?", [k])
            con.execute("COMMIT")
        except BaseException as e:
            con.execute("ROLLBACK")
            if isinstance(e, _duckdb().Error):
                raise StoreError(f"cannot store {record['file']}: {_first_line(e)}",
                                 str(self.path)) from None
            raise
        self.known[k] = Known(doc_id, record["sha256"], size, mtime_ns, False)

    def fail(self, path: Path, error: str) -> None:
        """Record that ``path`` failed; a row it had no longer describes it: mark it removed."""
        k = key(path)
        error = error.removeprefix(f"{path}: ")
        con = self.con
        con.execute("BEGIN")
        con.execute("DELETE FROM failures WHERE path = ?", [k])
        con.execute("INSERT INTO failures VALUES (?, ?, ?, current_localtimestamp())",
                    [k, str(path), error])
        known = self.known.get(k)
        if known is not None and not known.removed:
            con.execute("UPDATE documents SET removed = TRUE WHERE doc_id = ?", [known.doc_id])
            known.removed = True
        con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_INSERT_DOCUMENT = _insert_document()
_INSERT_CHILDREN = {t: _insert_children(t) for t in CHILD_TABLES}


def iter_records(db_path: str | Path) -> Iterator[dict[str, Any]]:
    """The full records of a corpus store, sorted by file, leaving out removed documents.

    >>> next(iter_records("corpus.duckdb"))["document"]["title"]  # doctest: +SKIP
    """
    con = connect(db_path, read_only=True)
    try:
        cur = con.execute("SELECT record FROM documents WHERE NOT removed ORDER BY file")
        while rows := cur.fetchmany(256):
            for (text,) in rows:
                yield json.loads(text)
    except _duckdb().Error as e:
        raise StoreError(f"cannot read the corpus database: {_first_line(e)}",
                         str(db_path)) from None
    finally:
        con.close()


def schema_markdown() -> str:
    """The tables and columns, as the README shows them."""
    doc = [n for n, _ in DOCUMENT_KEYS[:7]] + [n for n, _, _ in DOCUMENT_FIELDS] + ["record"]
    lines = [f"- `documents`: {', '.join(doc)}"]
    for table, (_, cols) in CHILD_TABLES.items():
        lines.append(f"- `{table}`: doc_id, file, n, {', '.join(n for n, _, _ in cols)}")
    lines.append("- `failures`: path, file, error, failed_at")
    return "\n".join(lines)
