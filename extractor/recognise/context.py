"""What a recogniser may know about the document beyond its text."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models import Region, Section, Sentence


@dataclass
class DocContext:
    """The document's own facts, set on ``doc.user_data['policyx']`` before the pipeline runs."""

    region: Region | None = None
    issuer: str | None = None  # the issuing body as the document names it
    date: date | None = None
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    exclude: list[tuple[int, int]] = field(default_factory=list)  # e.g. the document's own 文号
