"""The cleaned text as lines with their offsets (one paragraph per line)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """Line ``index`` of the text, ``text == full_text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """All lines of ``text``, empty ones included, with their offsets."""
    out: list[Line] = []
    pos = 0
    for i, t in enumerate(text.split("\n")):
        out.append(Line(i, pos, pos + len(t), t))
        pos += len(t) + 1
    return out
