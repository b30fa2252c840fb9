"""One tree of errors and coded warnings.

Every error carries the file it concerns; the CLI prints ``policyx: FILE: cause``.
Warnings have short codes (``PX-W01``) so users can filter them.
"""
from __future__ import annotations


class PolicyxError(Exception):
    """Base of every error the toolkit raises on purpose."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class IngestError(PolicyxError):
    """A file could not be read into text."""


class UnsupportedFormat(IngestError):
    """The file's content is of a format the toolkit does not read."""


class EmptyDocument(IngestError):
    """The file holds no text at all."""


class CorruptFile(IngestError):
    """The file claims a format but its content is broken or truncated."""


class EncryptedFile(IngestError):
    """The file is password-protected."""


class FileTooLarge(IngestError):
    """The file (or its decompressed content) exceeds a configured limit."""


class ConversionFailed(IngestError):
    """An external converter (LibreOffice, antiword, OCR) failed or timed out."""


class ConfigError(PolicyxError):
    """A setting or configuration file is invalid."""


class DataFileError(PolicyxError):
    """A shipped data file is missing or malformed."""


class MissingDependency(PolicyxError):
    """An optional library or tool is not installed; the message says how to get it."""


class ModelNotFound(PolicyxError):
    """A model folder is missing or incomplete."""


class StoreError(PolicyxError):
    """The corpus database could not be read or written."""


# Warning codes: stable, documented in README, filterable with --quiet-warnings.
WARNINGS = {
    "PX-W01": "scanned pages without a text layer: {pages}",
    "PX-W02": "OCR extra not installed; scanned pages left without text (pip install 'policyx[ocr]')",
    "PX-W03": "encoding detected with low confidence: {encoding}",
    "PX-W04": "injected tokens removed: {tokens}",
    "PX-W05": "malformed number or date left unnormalised: {text}",
    "PX-W06": "pdf fast path disagreed with pdfplumber; used pdfplumber",
    "PX-W07": "docx numbering format {fmt} rendered as decimal",
    "PX-W08": "web boilerplate lines removed: {count}",
    "PX-W09": "LibreOffice failed ({cause}); read with antiword: numbering and tables may be lost",
}


def warning(code: str, **fields: object) -> str:
    """Render a coded warning as ``"PX-W01 scanned pages ..."``."""
    return f"{code} " + WARNINGS[code].format(**fields)
