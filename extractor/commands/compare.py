"""``policyx compare``: documents side by side, one row a metric."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="report.html, .xlsx, .csv, .json or .md; without it Markdown on stdout.")
@click.option("--format", "fmt", type=click.Choice(["html", "xlsx", "csv", "json", "md"]),
              help="Format, when the output's suffix does not say.")
def compare(inputs: tuple[Path, ...], output: Path | None, fmt: str | None) -> None:
    """Compare the provisions of several documents, metric by metric.

    \b
    INPUTS are documents, folders, extract JSONL files or a corpus store.
    Rows are metrics, columns documents (region, short title, status, date);
    each cell gives comparator, value, unit, per-capita base and deadline, and
    in HTML links to its source sentence. Among values of the same unit and
    base, the highest and lowest are marked. A failing input prints
    'policyx: FILE: cause', the others are compared; exit status 1.

    \b
    Examples:
      policyx compare corpora/seeds -o compare.html
      policyx compare out/extract.jsonl -o compare.xlsx
      policyx compare 廉江.docx 连平.pdf                # Markdown on stdout
    """
    from ..compare.render import format_of, to_markdown, write
    from ..compare.table import build_table
    from ..errors import PolicyxError
    from ..records import load_records

    failed = 0

    def report(message: str) -> None:
        nonlocal failed
        failed += 1
        click.echo(f"policyx: {message}", err=True)

    try:
        if output is not None:
            format_of(output, fmt)  # a wrong suffix fails before any document is read
        elif fmt not in (None, "md"):
            raise PolicyxError(f"--format {fmt} needs -o FILE")
        records = []
        for item in inputs:  # one input at a time: a broken JSONL does not stop the others
            try:
                records.extend(load_records([item], on_error=report))
            except PolicyxError as e:
                report(str(e))
        if not records:
            raise PolicyxError("nothing to compare: no document was read")
        seen: set[str] = set()  # a file named twice (a folder and a file in it) is one column
        records = [r for r in records if not (r.get("file") in seen or seen.add(r.get("file")))]
        table = build_table(records)
        if output is None:
            click.echo(to_markdown(table), nl=False)
        else:
            write(table, output, fmt, records=records)
            click.echo(f"{output}: {len(table.columns)} documents, {len(table.rows)} metrics",
                       err=True)
    except (PolicyxError, OSError) as e:
        report(str(e))
    sys.exit(1 if failed else 0)
