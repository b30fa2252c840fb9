"""Extraction records from whatever a user names: documents, folders, JSONL, a corpus store.

``compare``, ``diff`` and ``cites`` all take their inputs through :func:`load_records`, so
each accepts a DOCX draft, a folder of PDFs, an earlier ``extract -o out.jsonl`` or a
``--db corpus.duckdb`` alike.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .batch import collect, process
from .errors import PolicyxError
from .pipeline import ExtractOptions

Record = dict[str, Any]
RECORD_SUFFIXES = (".jsonl", ".ndjson")
STORE_SUFFIXES = (".duckdb", ".db")


def read_jsonl(path: Path) -> list[Record]:
    """Records of an ``extract`` JSONL; a torn last line (a killed run) is skipped."""
    out: list[Record] = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise PolicyxError(f"{path}: line {n} is not JSON ({e.msg})") from None
            if not isinstance(rec, dict) or "text" not in rec:
                raise PolicyxError(f"{path}: line {n} is not an extraction record")
            out.append(rec)
    return out


def read_store(path: Path) -> list[Record]:
    """Records of a corpus store written by ``extract --db``."""
    from . import store

    return list(store.iter_records(path))


def load_records(inputs: Iterable[str | Path], options: ExtractOptions | None = None,
                 on_error: Callable[[str], None] | None = None) -> list[Record]:
    """One record a document, in the order named (folders sorted).

    Documents are extracted; ``.jsonl`` files and corpus stores are read as they are.
    A document that fails is reported through ``on_error`` ("FILE: cause") and left out.
    """
    opts = options or ExtractOptions()
    out: list[Record] = []
    for item in map(Path, inputs):
        suffix = item.suffix.lower()
        if item.is_file() and suffix in RECORD_SUFFIXES:
            out.extend(read_jsonl(item))
        elif item.is_file() and suffix in STORE_SUFFIXES:
            out.extend(read_store(item))
        else:
            if not item.exists():
                _report(on_error, f"{item}: no such file or folder")
                continue
            for path in collect([item]):
                outcome = process(path, opts)
                if outcome.error:
                    _report(on_error, outcome.error)
                elif outcome.record is not None:
                    out.append(outcome.record)
    return out


def _report(on_error: Callable[[str], None] | None, message: str) -> None:
    if on_error is None:
        raise PolicyxError(message)
    on_error(message)
