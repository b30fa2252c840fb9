"""The ``policyx`` command: parses options, calls the API, turns errors into one line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .batch import collect, progress
from .errors import PolicyxError
from .ingest import IngestOptions
from .output import DirWriter, JsonlWriter, dumps
from .pipeline import ExtractOptions


def _fail(message: str) -> None:
    click.echo(f"policyx: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="policyx")
def cli() -> None:
    """Turn Chinese government policy documents into structured, comparable data.

    \b
    Examples:
      policyx extract plan.pdf                      # one document, JSON on stdout
      policyx extract docs/ -o out.jsonl            # a folder, one JSON object a line
      policyx extract docs/ -o out/ --resume        # one .json a document, skip done ones
      policyx schema > policyx.schema.json          # JSON Schema of the output
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="out.jsonl (one object a line) or dir/ (one .json a document).")
@click.option("--resume", is_flag=True, help="Skip documents already in the output.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--debug", is_flag=True, help="Show tracebacks of failures.")
@click.option("--max-bytes", type=int, default=IngestOptions.max_bytes, show_default=True,
              help="Refuse files larger than this.")
@click.option("--convert-timeout", type=float, default=IngestOptions.convert_timeout,
              show_default=True, help="Seconds allowed for a LibreOffice conversion.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="corpus.duckdb: store records there; unchanged files are skipped.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes extracting at once (--engine dask: LocalCluster size, 2 if 1).")
@click.option("--engine", type=click.Choice(["process", "dask"]), default="process",
              show_default=True, help="Where documents are extracted.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler (tcp://host:8786); default: a LocalCluster.")
@click.option("--verbose", "-v", is_flag=True, help="A line on stderr per document extracted.")
@click.option("--recognizer", type=click.Choice(["rules", "model", "hybrid"]), default="rules",
              show_default=True, help="Rules, the trained NER, or rules plus the NER's extra spans.")
@click.option("--ner-model", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A trained model folder (spaCy or Hugging Face); default: models/ner.")
def extract(paths: tuple[Path, ...], output: Path | None, resume: bool, quiet: bool,
            debug: bool, max_bytes: int, convert_timeout: float, no_ocr: bool,
            db: Path | None, workers: int, engine: str, scheduler: str | None,
            verbose: bool, recognizer: str, ner_model: Path | None) -> None:
    """Extract documents (files or folders, recursively) to JSON.

    \b
    One file and no -o: JSON on stdout. -o out.jsonl: a line a document.
    -o dir/: one .json a document. Failures print 'policyx: FILE: cause'
    and the batch goes on; the exit status is 1 if any file failed.
    Folders are searched for .txt .pdf .doc .docx .wps .rtf .odt .html files.
    --db: files whose content is unchanged are skipped, changed ones replaced,
    files gone from the folders marked removed (query with 'policyx sql').

    \b
    Examples:
      policyx extract 通知.pdf
      policyx extract corpora/ -o out/extract.jsonl --resume
      policyx extract corpora/ --db corpus.duckdb --workers 2
      policyx extract corpora/ --db corpus.duckdb --engine dask --scheduler tcp://h:8786
    """
    from .parallel import run
    if ner_model is not None and recognizer == "rules":
        recognizer = "hybrid"  # naming a model means using it
    options = ExtractOptions(ingest=IngestOptions(
        max_bytes=max_bytes, convert_timeout=convert_timeout, ocr=not no_ocr),
        recognizer=recognizer, ner_model=str(ner_model or ""))
    files = collect(paths)
    if not files:
        _fail("no documents found in " + ", ".join(map(str, paths)))
        sys.exit(1)
    writer: JsonlWriter | DirWriter | None = None
    if output is not None:
        is_dir = output.suffix.lower() not in (".jsonl", ".json", ".ndjson") or output.is_dir()
        writer = DirWriter(output, resume) if is_dir else JsonlWriter(output, resume)
    elif len(files) > 1:
        writer = None  # several documents on stdout: JSON Lines
    store, todo, removed = None, files, 0
    if db is not None:
        from .store import Store

        store = Store(db)
        removed = store.mark_removed(files, [p for p in paths if p.is_dir()])
        todo = [f for f in files if not store.unchanged(f)]  # size and mtime: no read
    is_done = store.is_done if store else writer.has if writer else None
    failed = stored = 0
    unchanged = len(files) - len(todo)
    bar = progress(todo, quiet)
    try:
        for outcome in run(todo, options, workers, engine, scheduler, debug, is_done):
            if bar is not None:
                bar.update(1)
            if outcome.error:
                failed += 1
                if bar is not None:
                    bar.clear()
                _fail(outcome.error)
                if store is not None:
                    store.fail(outcome.path, outcome.error.split("\n")[0])
            elif outcome.skipped:
                unchanged += 1
            elif outcome.record is not None:
                if store is not None:
                    store.put(outcome.record, outcome.path)
                    stored += 1
                if verbose:  # after the commit: a line here means the document is stored
                    click.echo(f"{outcome.path}: extracted", err=True)
                if writer is not None:
                    writer.write(outcome.record)
                elif store is not None:
                    pass  # the records are in the database, not on stdout
                elif len(files) == 1:
                    click.echo(dumps(outcome.record, indent=1))
                else:
                    click.echo(dumps(outcome.record))
    finally:
        if bar is not None:
            bar.close()
        if writer is not None:
            writer.close()
        if store is not None:
            store.close()
    if store is not None and not quiet:
        click.echo(f"{db}: {stored} extracted, {unchanged} unchanged, "
                   f"{removed} marked removed, {failed} failed", err=True)
    sys.exit(1 if failed else 0)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the records that 'extract' writes.

    \b
    Example:
      policyx schema > policyx.schema.json
    """
    from .models import ExtractResult

    click.echo(json.dumps(ExtractResult.model_json_schema(), ensure_ascii=False, indent=1))


@cli.command()
@click.option("--gold", type=click.Path(exists=True, path_type=Path), default=Path("corpora/gold"),
              show_default=True, help="Gold JSONL file or folder of them.")
@click.option("--pred", type=click.Path(exists=True, path_type=Path),
              help="Extraction JSONL to score; without it the extractor runs on the gold's files.")
@click.option("--errors", is_flag=True, help="List each miss and false hit with its sentence.")
@click.option("--mode", type=click.Choice(["exact", "overlap", "text"]), default="exact",
              show_default=True, help="Entity matching shown in the table.")
@click.option("--recognizer", type=click.Choice(["rules", "model", "hybrid", "all"]),
              default="rules", show_default=True,
              help="Recognizer the extractor runs with; 'all' compares the three.")
@click.option("--ner-model", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Trained model for model/hybrid; default: models/ner.")
@click.option("--cross-validate", is_flag=True,
              help="Leave one document out: a model trained per fold; rules vs model vs hybrid.")
@click.option("--json", "json_out", type=click.Path(path_type=Path), help="Write the full report here.")
def evaluate(gold: Path, pred: Path | None, errors: bool, mode: str, recognizer: str,
             ner_model: Path | None, cross_validate: bool, json_out: Path | None) -> None:
    """Score extraction against gold annotations (ANNOTATION.md).

    \b
    Examples:
      policyx evaluate --gold corpora/gold --errors
      policyx evaluate --gold corpora/gold --pred out/extract.jsonl --json report.json
      policyx evaluate --gold corpora/heldout --recognizer all --mode overlap
      policyx evaluate --gold corpora/gold --cross-validate --mode overlap
    """
    import hashlib

    from .crossval import cross_validate as run_cv
    from .crossval import format_comparison
    from .evaluate import evaluate as run_eval
    from .evaluate import format_table, load_gold
    from .pipeline import ExtractOptions
    from .pipeline import extract as run_extract
    from .train.examples import corpus_root

    gold_docs = load_gold(gold)
    base = corpus_root(gold)

    def predict(rec: str) -> dict[str, dict]:
        opts = ExtractOptions(recognizer=rec, ner_model=str(ner_model or ""))
        return {g["file"]: run_extract(base / g["file"], opts).to_dict() for g in gold_docs}

    if cross_validate or recognizer == "all":
        reports = (run_cv(gold, log=lambda m: click.echo(m, err=True)) if cross_validate
                   else {r: run_eval(gold_docs, predict(r)) for r in ("rules", "model", "hybrid")})
        click.echo(format_comparison(
            reports, mode, "leave one document out, pooled over folds" if cross_validate else ""))
        if json_out is not None:
            json_out.write_text(json.dumps({r: rep.to_dict() for r, rep in reports.items()},
                                           ensure_ascii=False, indent=1), encoding="utf-8")
        return
    preds: dict[str, dict] = {}
    if pred is not None:
        with open(pred, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                preds[rec["file"]] = rec
                preds[Path(rec["file"]).name] = rec
    else:
        preds = predict(recognizer)
    for g in gold_docs:
        p = preds.get(g["file"]) or preds.get(Path(g["file"]).name)
        if p and g.get("text_sha256") and hashlib.sha256(
                p.get("text", "").encode("utf-8")).hexdigest() != g["text_sha256"]:
            _fail(f"{g['file']}: cleaned text differs from the gold's; offsets may not match "
                  "(use --mode text)")
    report = run_eval(gold_docs, preds, errors=errors)
    click.echo(format_table(report, mode))
    if errors:
        click.echo("")
        for e in report.errors:
            click.echo(json.dumps(e, ensure_ascii=False))
    if json_out is not None:
        json_out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1),
                            encoding="utf-8")


from .commands import cites as _cites  # noqa: E402
from .commands import compare as _compare  # noqa: E402
from .commands import diff as _diff  # noqa: E402
from .commands import sql as _sql  # noqa: E402
from .commands import train as _train  # noqa: E402

cli.add_command(_train.train)
cli.add_command(_compare.compare)
cli.add_command(_diff.diff)
cli.add_command(_cites.cites)
cli.add_command(_sql.sql)


def main() -> None:
    """Console entry point: a :class:`PolicyxError` escaping a command is one line."""
    try:
        cli(standalone_mode=True)
    except PolicyxError as e:
        _fail(str(e))
        sys.exit(1)


if __name__ == "__main__":
    main()
