"""The one record every reader returns: blocks of text with their page.

Library objects (pdfminer, python-docx, lxml) never leave ``extractor/ingest``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """A paragraph-like unit of source text.

    ``kind`` is one of ``paragraph``, ``heading``, ``table_row``, ``list_item``;
    ``page`` is 1-based where the format has pages, else None.
    Table rows keep cells separated by a tab.
    """

    text: str
    kind: str = "paragraph"
    page: int | None = None


@dataclass
class RawDocument:
    """What a reader produces: ordered blocks plus format-level facts."""

    format: str
    blocks: list[Block]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The raw text: blocks joined by newlines."""
        return "\n".join(b.text for b in self.blocks)

    def char_pages(self) -> list[int | None]:
        """The page of every character of :attr:`text` (newlines take their block's page)."""
        pages: list[int | None] = []
        for i, b in enumerate(self.blocks):
            pages.extend([b.page] * len(b.text))
            if i < len(self.blocks) - 1:
                pages.append(b.page)
        return pages


@dataclass
class IngestOptions:
    """Limits and tools for reading files; ``resolve`` accepts None, a dict or an instance."""

    max_bytes: int = 200 * 1024 * 1024
    max_unzipped_bytes: int = 500 * 1024 * 1024
    convert_timeout: float = 120.0
    soffice: str | None = None
    ocr: bool = True

    @classmethod
    def resolve(cls, value: IngestOptions | dict | None) -> IngestOptions:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            unknown = set(value) - set(cls.__dataclass_fields__)
            if unknown:
                from ..errors import ConfigError

                raise ConfigError(
                    f"unknown ingest option(s) {sorted(unknown)}; "
                    f"accepted: {sorted(cls.__dataclass_fields__)}"
                )
            return cls(**value)
        raise TypeError(f"cannot make IngestOptions from {type(value).__name__}")
