"""Lexicon helpers for the recognisers: data files (read once) and word alternations."""
from __future__ import annotations

import re
from typing import Any

from .. import datafiles


def load(name: str) -> dict[str, Any]:
    """The parsed ``extractor/data/<name>``, read once per process."""
    return datafiles.load(name)


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so 年底前 beats 年底)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
