"""``policyx cites``: the citation graph of a corpus, by 文号 and 《title》."""
from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = {".json": "json", ".csv": "csv"}


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="cites.json or cites.csv (UTF-8 with BOM, for Excel); without it JSON "
                   "on stdout.")
def cites(inputs: tuple[Path, ...], output: Path | None) -> None:
    """List the documents each input cites, resolved to inputs where they match.

    \b
    INPUTS are documents, folders, extract JSONL files or a corpus store.
    Every POLICY_REF is an edge from the citing document to the cited 文号
    and/or title; it resolves to an input whose own 文号 or title matches
    (关于印发X的通知 matches X). A failing input prints 'policyx: FILE: cause',
    the others go on; exit status 1.

    \b
    Examples:
      policyx cites corpora/seeds -o cites.csv
      policyx cites out/extract.jsonl -o cites.json
    """
    from ..compare.cites import build_graph
    from ..errors import PolicyxError
    from ..records import load_records

    failed = 0

    def report(message: str) -> None:
        nonlocal failed
        failed += 1
        click.echo(f"policyx: {message}", err=True)

    fmt = "json"
    if output is not None:
        fmt = FORMATS.get(output.suffix.lower(), "")
        if not fmt:
            report(f"{output}: unknown format {output.suffix or '(no suffix)'!r}; "
                   "use .json or .csv")
            sys.exit(1)
    records = []
    for item in inputs:  # one at a time: a broken JSONL does not stop the others
        try:
            records.extend(load_records([item], on_error=report))
        except PolicyxError as e:
            report(str(e))
    graph = build_graph(records)
    if output is None:
        click.echo(graph.to_json())
    else:
        # utf-8-sig: the BOM makes Excel in a Chinese locale read the CSV as UTF-8.
        text, enc = (graph.to_csv(), "utf-8-sig") if fmt == "csv" else (graph.to_json(), "utf-8")
        try:
            with open(output, "w", encoding=enc, newline="") as f:
                f.write(text)
        except OSError as e:
            report(f"{output}: cannot write: {e.strerror or e}")
        else:
            s = graph.to_dict()["summary"]
            click.echo(f"{output}: {s['edges']} citations from {s['documents']} documents, "
                       f"{s['resolved']} resolved", err=True)
    sys.exit(1 if failed else 0)
