"""Re-join hard-wrapped lines of plain text into paragraphs.

A PDF copied to TXT (or a text saved with hard line breaks) cuts every line of a
paragraph at about the same display width W, anywhere, even inside a number ("2025" /
"年"). Such a text shows many lines of width W and none much wider; a text with one
paragraph a line shows no such cluster, and gets no join at all (that is the common
case: this step runs on every document).

When W is believed, a line of about width W continues on the next line, unless it ends
a sentence (。) or the next line opens a paragraph of its own (一、 （一） 1. 第X条 ...);
a clearly shorter line ends its paragraph. Settings and paragraph-start patterns are in ``data/rejoin.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from . import datafiles
from .errors import DataFileError

DATA_FILE = "rejoin.yaml"


@dataclass(frozen=True)
class Settings:
    """The compiled contents of ``data/rejoin.yaml``."""

    full_line_slack: float
    min_width: float
    min_full_lines: int
    min_full_share: float
    max_longer_share: float
    sentence_ends: str
    paragraph_starts: tuple[re.Pattern[str], ...]
    clause_ends: str
    list_items: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def settings() -> Settings:
    """Load and compile the rejoin data file (once)."""
    raw = datafiles.read(DATA_FILE)
    path = f"extractor/data/{DATA_FILE}"
    try:
        return Settings(
            full_line_slack=float(raw["full_line_slack"]),
            min_width=float(raw["min_width"]),
            min_full_lines=int(raw["min_full_lines"]),
            min_full_share=float(raw["min_full_share"]),
            max_longer_share=float(raw["max_longer_share"]),
            sentence_ends=str(raw["sentence_ends"]),
            paragraph_starts=tuple(re.compile(row["pattern"]) for row in raw["paragraph_starts"]),
            clause_ends=str(raw["clause_ends"]),
            list_items=tuple(re.compile(row["pattern"]) for row in raw["list_items"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise DataFileError(f"malformed rejoin data: {e!r}", str(path)) from None


def display_width(line: str) -> float:
    """Width in Chinese characters: wide and full-width characters 1, others 0.5.

    East Asian "ambiguous" characters (“ ” · …) count 1: Chinese fonts draw them wide.
    """
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in line)


def wrap_width(lines: list[str]) -> float | None:
    """The width W the lines were wrapped at, or None if they were not hard-wrapped."""
    s = settings()
    widths = [display_width(x) for x in lines]
    n = len(widths)
    if n < s.min_full_lines:
        return None
    ordered = sorted(widths)
    best: tuple[int, float] | None = None
    for w in sorted(set(widths)):
        if w < s.min_width:
            continue
        longer = n - bisect_right(ordered, w)
        if longer > s.max_longer_share * n:
            continue
        full = bisect_right(ordered, w) - bisect_left(ordered, w - s.full_line_slack)
        if best is None or full > best[0]:
            best = (full, w)
    if best is None:
        return None
    full, w = best
    if full < s.min_full_lines or full < s.min_full_share * n:
        return None
    return w


def find_wrap_joins(lines: list[str]) -> set[int]:
    """Indices ``i`` where line ``i`` was wrapped and continues on line ``i + 1``.

    ``lines`` are trimmed and non-blank (as :func:`extractor.clean.clean` passes them).
    """
    w = wrap_width(lines)
    if w is None:
        return set()
    s = settings()
    joins = set()
    for i in range(len(lines) - 1):
        line, after = lines[i], lines[i + 1]
        if display_width(line) < w - s.full_line_slack:
            continue  # a short line ends its paragraph
        if line[-1] in s.sentence_ends or _opens_paragraph(line, after, s):
            continue
        joins.add(i)
    return joins


def _opens_paragraph(line: str, after: str, s: Settings) -> bool:
    """Whether ``after`` starts a paragraph of its own after ``line``."""
    if any(p.match(after) for p in s.paragraph_starts):
        return True
    return line[-1] in s.clause_ends and any(p.match(after) for p in s.list_items)
