"""Re-join hard-wrapped lines of plain text into paragraphs.

Placeholder until the wrap detector lands: joins nothing.
"""
from __future__ import annotations


def find_wrap_joins(lines: list[str]) -> set[int]:
    """Indices ``i`` where line ``i`` was wrapped and continues on line ``i + 1``."""
    return set()
