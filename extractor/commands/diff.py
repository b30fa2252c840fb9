"""``policyx diff``: what changed between two versions of a document, value by value."""
from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".md": "md", ".markdown": "md"}


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="diff.html, diff.json or diff.md; without it a Markdown report on stdout.")
def diff(old: Path, new: Path, output: Path | None) -> None:
    """Diff two versions of a document: changed, added and removed provisions.

    \b
    OLD and NEW are documents of any format (a DOCX draft and a PDF final
    compare fine) or extract JSONL files holding one record each. Provisions
    are paired by metric, scope, subject and kind (by sentence likeness when
    those changed too); each change is reported field by field (value,
    comparator, unit, per-capita base, deadline, old → new), then the
    sentences that differ, under their section headings.
    Exit status 0 when the diff was made (changes or not), 1 on a bad input.

    \b
    Examples:
      policyx diff 征求意见稿.docx 正式稿.pdf
      policyx diff draft.docx final.pdf -o diff.html
      policyx diff old.jsonl new.jsonl -o diff.json
    """
    from ..compare.diff import diff_records, render_html, render_json, render_markdown
    from ..errors import PolicyxError
    from ..records import load_records

    def fail(message: str) -> None:
        click.echo(f"policyx: {message}", err=True)
        sys.exit(1)

    fmt = "md"
    if output is not None:
        fmt = FORMATS.get(output.suffix.lower(), "")
        if not fmt:  # a wrong suffix fails before any document is read
            fail(f"{output}: unknown report format {output.suffix or '(no suffix)'!r}; "
                 "use .html, .json or .md")
    sides = []
    errors: list[str] = []
    for path in (old, new):
        before = len(errors)
        try:
            records = load_records([path], on_error=errors.append)
        except PolicyxError as e:
            errors.append(str(e))
            continue
        if len(records) == 1:
            sides.append(records[0])
        elif records:
            errors.append(f"{path}: holds {len(records)} documents; diff compares one with one")
        elif path.is_dir():
            errors.append(f"{path}: is a folder; diff compares one document with one")
        elif len(errors) == before:
            errors.append(f"{path}: no document in it")
    for message in errors:
        click.echo(f"policyx: {message}", err=True)
    if errors or len(sides) != 2:
        sys.exit(1)
    result = diff_records(sides[0], sides[1])
    render = {"html": render_html, "json": render_json, "md": render_markdown}[fmt]
    text = render(result)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(f"{output}: cannot write: {e.strerror or e}")
    r = result
    click.echo(f"{output}: {len(r.changed)} changed, {len(r.added)} added, "
               f"{len(r.removed)} removed, {r.unchanged} unchanged", err=True)
