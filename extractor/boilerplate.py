"""Web boilerplate lines (navigation, share bars, footers) in scraped text.

Placeholder until the boilerplate detector lands: finds nothing.
"""
from __future__ import annotations


def find_boilerplate_lines(lines: list[str]) -> set[int]:
    """Indices of lines that are web-page furniture, not document text."""
    return set()
