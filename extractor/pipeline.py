"""One document in, one :class:`ExtractResult` out: ingest → clean → structure → recognise."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import __version__
from .clean import clean
from .ingest import IngestOptions, RawDocument, load_bytes, read_bytes
from .models import Entity, ExtractResult, Provision
from .structure import Structure, analyse


@dataclass
class ExtractOptions:
    """Settings for :func:`extract`; ``resolve`` accepts None, a dict or an instance.

    ``recognise`` False stops after structure (no entities, no provisions).
    ``recognizer`` is "rules", "model" or "hybrid" (``extractor.recognise.learned``);
    ``ner_model`` a trained model's folder (default: the shipped ``models/ner``).
    """

    ingest: IngestOptions | None = None
    recognise: bool = True
    recognizer: str = "rules"
    ner_model: str = ""

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
    return build_result(raw, Path(name), sha256 or hashlib.sha256(data).hexdigest(), opts)


def build_result(raw: RawDocument, path: Path, sha256: str,
                 options: ExtractOptions | None = None) -> ExtractResult:
    """Everything after ingest, for a document already read."""
    opts = options or ExtractOptions()
    cleaned = clean(raw.text)
    structure = analyse(cleaned.text, raw.meta)
    info = structure.info
    info.pages = raw.pages
    info.chars = len(cleaned.text)
    entities, provisions = [], []
    if opts.recognise:
        entities, provisions = recognise(cleaned.text, structure, opts.recognizer,
                                         opts.ner_model)
    return ExtractResult(
        file=str(path),
        sha256=sha256,
        format=raw.format,
        document=info,
        text=cleaned.text,
        sections=structure.sections,
        sentences=structure.sentences,
        entities=entities,
        provisions=provisions,
        page_spans=_page_spans(raw, cleaned.src) if raw.pages else [],
        warnings=raw.warnings + cleaned.warnings,
        version=__version__,
    )


def recognise(text: str, structure: Structure, recognizer: str = "rules",
              ner_model: str = "") -> tuple[list[Entity], list[Provision]]:
    """Entities and provisions of a cleaned, structured text."""
    from .recognise import nlp
    from .recognise.context import DocContext

    info = structure.info
    context = DocContext(
        region=info.region,
        issuer=info.issuer,
        date=_date(info.date),
        sections=structure.sections,
        sentences=structure.sentences,
        # the document's own title names it: a 《》 there (关于印发《X》的通知) cites nothing
        exclude=_own_number(text, info.doc_number) + structure.title_spans,
    )
    return nlp.run(text, context, recognizer, ner_model)


def _own_number(text: str, number: str | None) -> list[tuple[int, int]]:
    """Where the document's own 文号 stands, and the order that promulgated it in a law's
    history line (国务院令第701号公布): they name this document, they cite none."""
    from .recognise.policy_refs import find_doc_numbers
    from .structure.adoption import parse_history

    spans = [m.span() for m in re.finditer(re.escape(number), text)] if number else []
    pos = 0
    for line in text[:2000].split("\n"):
        orders = [d for d in find_doc_numbers(line) if d.year is None]  # 令第N号: no year
        if orders and parse_history(line):
            spans += [(pos + d.start, pos + d.end) for d in orders]
        pos += len(line) + 1
    return spans


def _date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


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
