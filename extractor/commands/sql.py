"""``policyx sql``: query a corpus store, or export its tables to Parquet or CSV."""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click


@click.command()
@click.argument("query", required=False)
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The corpus store written by 'extract --db'.")
@click.option("--export", "export", nargs=2, metavar="FORMAT DIR",
              type=(click.Choice(["parquet", "csv"]), click.Path(file_okay=False, path_type=Path)),
              help="Write each table to DIR/<table>.<format> instead of querying.")
@click.option("--width", type=click.IntRange(min=0), default=60, show_default=True,
              help="Cut cells wider than this many columns (0: never).")
def sql(query: str | None, db: Path, export: tuple[str, Path] | None, width: int) -> None:
    """Run an SQL query on a corpus store and print the result as a table.

    \b
    Tables: documents, sections, sentences, entities, provisions, failures
    (README: "Corpus store and parallel runs"). "end" must be quoted.

    \b
    Examples:
      policyx sql --db corpus.duckdb "SELECT file, title, date FROM documents"
      policyx sql --db corpus.duckdb "SELECT metric, value, unit, deadline
          FROM provisions WHERE kind = 'TARGET' ORDER BY metric"
      policyx sql --db corpus.duckdb --export parquet out/parquet
    """
    from ..errors import ConfigError, StoreError
    from ..store import TABLES, connect

    if (query is None) == (export is None):
        raise ConfigError("give either a QUERY or --export FORMAT DIR")
    con = connect(db, read_only=True)  # MissingDependency if DuckDB is not installed
    import duckdb
    try:
        if export is not None:
            fmt, folder = export
            folder.mkdir(parents=True, exist_ok=True)
            present = {r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables").fetchall()}
            for table in TABLES:
                if table not in present:
                    continue
                target = folder / f"{table}.{fmt}"
                literal = str(target).replace("'", "''")
                options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
                con.execute(f"COPY {table} TO '{literal}' ({options})")
                count = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                click.echo(f"{target}\t{count} rows")
            return
        cur = con.execute(query)
        if cur.description is None:
            return
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    except duckdb.Error as e:
        raise StoreError(str(e).strip().splitlines()[0], str(db)) from None
    finally:
        con.close()
    click.echo(format_table(names, rows, width))


def display_width(text: str) -> int:
    """Terminal columns of ``text``: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in text)


def _cell(value: Any, width: int) -> str:
    text = "NULL" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", "⏎").replace("\t", " ")
    if width and display_width(text) > width:
        out, used = [], 0
        for c in text:
            w = display_width(c)
            if used + w > width - 1:
                break
            out.append(c)
            used += w
        text = "".join(out) + "…"
    return text


def format_table(names: Sequence[str], rows: Sequence[Sequence[Any]], width: int = 60) -> str:
    """Rows as plain aligned text, numbers to the right, with a row count at the end."""
    cells = [[_cell(v, width) for v in row] for row in rows]
    numeric = [bool(rows) and all(isinstance(r[i], (int, float)) or r[i] is None for r in rows)
               for i in range(len(names))]
    widths = [max([display_width(n)] + [display_width(r[i]) for r in cells])
              for i, n in enumerate(names)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - display_width(v))
            parts.append(pad + v if numeric[i] else v + pad)
        return "  ".join(parts).rstrip()

    out = [line(names), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
