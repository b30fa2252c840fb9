"""Read any supported file into a :class:`RawDocument`.

The format is sniffed from the content (a PDF named ``.docx`` is read as a PDF).
"""
from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import EmptyDocument, FileTooLarge, IngestError, UnsupportedFormat
from .base import Block, IngestOptions, RawDocument
from .sniff import sniff

__all__ = ["Block", "IngestOptions", "RawDocument", "load_bytes", "read_bytes", "read_file", "sniff"]

# format -> module under extractor.ingest with a read(path, data, options) function
READERS = {
    "text": "txt",
    "html": "html",
    "docx": "docx",
    "pdf": "pdf",
    "doc": "office",
    "wps": "office",
    "rtf": "office",
    "odt": "office",
    "encrypted": "office",
}


def read_file(path: str | Path, options: IngestOptions | dict | None = None) -> RawDocument:
    """Read ``path`` into blocks of text; raises an :class:`IngestError` naming the file."""
    opts = IngestOptions.resolve(options)
    return read_bytes(load_bytes(path, opts), str(path), opts)


def load_bytes(path: str | Path, options: IngestOptions | dict | None = None) -> bytes:
    """The bytes of ``path``, refused when over the size limit or unreadable."""
    opts = IngestOptions.resolve(options)
    p = Path(path)
    if p.is_dir():
        raise IngestError("is a folder, not a file", str(p))
    try:
        size = p.stat().st_size
    except OSError as e:
        raise IngestError(f"cannot read file: {e.strerror or e}", str(p)) from None
    if size > opts.max_bytes:
        raise FileTooLarge(
            f"file is {size:,} bytes, over the limit of {opts.max_bytes:,} (--max-bytes)", str(p)
        )
    try:
        return p.read_bytes()
    except OSError as e:
        raise IngestError(f"cannot read file: {e.strerror or e}", str(p)) from None


def read_bytes(data: bytes, name: str, options: IngestOptions | dict | None = None) -> RawDocument:
    """Read ``data`` (the content of file ``name``)."""
    opts = IngestOptions.resolve(options)
    fmt = sniff(data)
    if fmt == "empty":
        raise EmptyDocument("file is empty", name)
    if fmt == "binary":
        raise UnsupportedFormat("binary data that is not a supported document format", name)
    if fmt not in READERS:
        raise UnsupportedFormat(
            f"unsupported format ({fmt}); policyx reads PDF, DOCX, DOC, WPS, RTF, ODT, HTML and text",
            name,
        )
    module = importlib.import_module(f".{READERS[fmt]}", __name__)
    try:
        doc = module.read(Path(name), data, opts, fmt=fmt)
    except IngestError as e:
        e.path = e.path or name
        raise
    if not any(b.text.strip() for b in doc.blocks) and not doc.warnings:
        raise EmptyDocument("no text found in the file", name)
    return doc
