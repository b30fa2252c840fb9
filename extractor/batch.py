"""Run the pipeline over many files: collect, skip what is done, write, report failures."""
from __future__ import annotations

import hashlib
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import PolicyxError
from .ingest import load_bytes
from .pipeline import ExtractOptions, extract_bytes

# Extensions picked up when walking a folder; files named on the command line are
# always read (their content decides the format).
DOCUMENT_SUFFIXES = {
    ".txt", ".text", ".pdf", ".doc", ".docx", ".wps", ".rtf", ".odt",
    ".htm", ".html", ".shtml", ".xhtml", ".xls", ".xlsx", ".et",
}


def collect(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus document files under folders named (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            ]
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


@dataclass
class Outcome:
    """The result of one file: a record, or an error line, or a skip."""

    path: Path
    record: dict | None = None
    error: str | None = None
    skipped: bool = False


@dataclass
class Job:
    """A file read and hashed, ready for :func:`execute` (in this process or another)."""

    path: Path
    data: bytes
    sha256: str


def prepare(path: Path, options: ExtractOptions, debug: bool = False,
            is_done: Callable[[str, str], bool] | None = None) -> Job | Outcome:
    """Read and hash one file: a :class:`Job`, or an Outcome when skipped or unreadable."""
    name = str(path)
    try:
        data = load_bytes(path, options.ingest)
        sha = hashlib.sha256(data).hexdigest()
        if is_done is not None and is_done(name, sha):
            return Outcome(path, skipped=True)
        return Job(path, data, sha)
    except Exception as e:
        return failure(path, e, debug)


def execute(job: Job, options: ExtractOptions, debug: bool = False) -> Outcome:
    """Extract a prepared file; every failure becomes a one-line error, never an exception."""
    try:
        record = extract_bytes(job.data, str(job.path), options, job.sha256).to_dict()
        return Outcome(job.path, record=record)
    except Exception as e:
        return failure(job.path, e, debug)


def process(path: Path, options: ExtractOptions, debug: bool = False,
            is_done: Callable[[str, str], bool] | None = None) -> Outcome:
    """Extract one file; every failure becomes a one-line error, never an exception."""
    job = prepare(path, options, debug, is_done)
    return execute(job, options, debug) if isinstance(job, Job) else job


def failure(path: Path, exc: BaseException, debug: bool = False) -> Outcome:
    """The Outcome of ``exc`` raised for ``path``; call it inside the ``except`` block."""
    name = str(path)
    if isinstance(exc, PolicyxError):
        return Outcome(path, error=f"{name}: {exc.message}" + _trace(debug))
    if isinstance(exc, MemoryError):
        return Outcome(path, error=f"{name}: out of memory while reading" + _trace(debug))
    # a bug must not stop the batch; --debug shows where
    return Outcome(path, error=f"{name}: internal error: {type(exc).__name__}: {exc}"
                   + _trace(debug))


def _trace(debug: bool) -> str:
    return "\n" + traceback.format_exc().rstrip() if debug else ""


def run(paths: list[Path], options: ExtractOptions, debug: bool = False,
        is_done: Callable[[str, str], bool] | None = None) -> Iterator[Outcome]:
    """Process files in order, one at a time."""
    for p in paths:
        yield process(p, options, debug, is_done)


def progress(items: list[Path], quiet: bool) -> Iterable[Path] | None:
    """A tqdm wrapper when stderr is a terminal and the batch has several files."""
    if quiet or len(items) < 2 or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from tqdm import tqdm

    return tqdm(total=len(items), unit="doc", file=sys.stderr, leave=False)
