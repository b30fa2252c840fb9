"""One document in, one :class:`ExtractResult` out: ingest → clean → structure → recognise."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .clean import clean
from .ingest import IngestOptions, RawDocument, load_bytes, read_bytes
from .models import ExtractResult
from .structure import analyse


@dataclass
class ExtractOptions:
    """Settings for :func:`extract`; ``resolve`` accepts None, a dict or an instance."""

    ingest: IngestOptions | None = None

    @classmethod
    def resolve(cls, value: ExtractOptions | dict | None) -> ExtractOptions:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        return cls(ingest=IngestOptions.resolve(value))


def extract(path: str | Path, options: ExtractOptions | dict | None = None) -> ExtractResult:
    """Read, clean and structure one document.

    >>> doc = extract("corpora/seeds/004_bc5f96bf7aca360a.txt")
    >>> doc.document.doc_kind
    '方案'
    """
    opts = ExtractOptions.resolve(options)
    return extract_bytes(load_bytes(path, opts.ingest), str(path), opts)


def extract_bytes(data: bytes, name: str, options: ExtractOptions | dict | None = None,
                  sha256: str | None = None) -> ExtractResult:
    """Like :func:`extract` for the content ``data`` of file ``name``."""
    opts = ExtractOptions.resolve(options)
    raw = read_bytes(data, name, opts.ingest)
    return build_result(raw, Path(name), sha256 or hashlib.sha256(data).hexdigest())


def build_result(raw: RawDocument, path: Path, sha256: str) -> ExtractResult:
    """Everything after ingest, for a document already read."""
    cleaned = clean(raw.text)
    structure = analyse(cleaned.text, raw.meta)
    info = structure.info
    info.pages = raw.pages
    info.chars = len(cleaned.text)
    return ExtractResult(
        file=str(path),
        sha256=sha256,
        format=raw.format,
        document=info,
        text=cleaned.text,
        sections=structure.sections,
        sentences=structure.sentences,
        page_spans=_page_spans(raw, cleaned.src) if raw.pages else [],
        warnings=raw.warnings + cleaned.warnings,
        version=__version__,
    )


def _page_spans(raw: RawDocument, src: list[int]) -> list[tuple[int, int, int]]:
    pages = raw.char_pages()
    spans: list[tuple[int, int, int]] = []
    for i, s in enumerate(src):
        page = pages[s] if s < len(pages) else None
        if page is None:
            continue
        if spans and spans[-1][2] == page and spans[-1][1] == i:
            spans[-1] = (spans[-1][0], i + 1, page)
        else:
            spans.append((i, i + 1, page))
    return spans
