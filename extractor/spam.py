"""Detect tokens injected into a text by spam sites.

Placeholder until the detector lands: finds nothing.
"""
from __future__ import annotations


def find_injected_tokens(text: str) -> list[str]:
    """The injected tokens found in ``text`` (each to be removed wherever it occurs)."""
    return []
