"""Comparators from wording: 达到 "=", 以上 ">=", 以内 "<=", 左右 "~", 超过 ">", 低于 "<".

The words, their positions and priorities are in ``extractor/data/comparators.yaml``.
Precedence when several words qualify one value (ANNOTATION.md is silent; the choice is
recorded in docs/annotation-decisions.md):

- the highest ``priority`` decides: an inequality (以上, 不低于, 以内) beats an
  approximation (左右, 约), which beats a level verb (达到, 为, 控制在);
  so 达到90%以上 is ">=" and 达到85%左右 / 控制在30%左右 are "~";
- on equal priority the word nearer the value wins;
- hedges (力争, 原则上, 争取) never set the comparator; they are kept in the qualifier
  before the deciding word, joined by "…": 力争达到90%以上 → (">=", "力争…以上").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ._data import load
from .numbers import normalise_mapped, numeral_pattern, parse_numeral

__all__ = ["ComparatorWord", "find_comparator_words", "parse_comparator", "comparator_for"]

CLAUSE_PUNCT = set("，。；;：:！？!?\n（）()")


@dataclass(frozen=True)
class ComparatorWord:
    """One comparator word or hedge found in a text (offsets into the text as given)."""

    word: str
    comparator: str | None  # None for a hedge
    position: str  # before | after | between | hedge
    priority: int
    start: int
    end: int


class _Tables:
    def __init__(self, data: dict[str, list[dict[str, Any]]]) -> None:
        gaps = {r["position"]: int(r["chars"]) for r in data["max_gap"]}
        flips = {r["comparator"]: r["negated"] for r in data["flips"]}
        self.words: dict[str, dict[str, Any]] = {}
        for r in data["words"]:
            gap = r.get("max_gap", gaps[r["position"]])
            self.words[r["word"]] = {**r, "max_gap": gap}
        # 不得超过, 不应低于 ...: derived rows so that longest-match finds them whole
        for r in data["words"]:
            if r.get("negatable"):
                for n in data["negations"]:
                    w = n["word"] + r["word"]
                    if w not in self.words:
                        self.words[w] = {**self.words[r["word"]], "word": w,
                                         "comparator": flips[r["comparator"]]}
        for h in data["hedges"]:
            self.words.setdefault(h["word"], {"word": h["word"], "comparator": None,
                                              "position": "hedge", "priority": 0,
                                              "max_gap": gaps["hedge"]})
        alt = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        self.regex = re.compile(alt)
        self.number = re.compile(numeral_pattern())


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables(load("comparators.yaml"))


def comparator_for(word: str) -> str | None:
    """The comparator a single word stands for (``"以上"`` → ``">="``), or None."""
    row = _tables().words.get(word)
    return None if row is None else row["comparator"]


def find_comparator_words(text: str, value_span: tuple[int, int] | None = None
                          ) -> list[ComparatorWord]:
    """Comparator words and hedges that qualify the value at ``value_span`` in ``text``.

    Without a span the value is taken to be the last number in ``text``; a text with no
    number gives every word found (the caller passed the words alone). Offsets refer
    to ``text`` as given (spaces included).
    """
    if not isinstance(text, str) or not text:
        return []
    t = _tables()
    span = value_span if value_span is not None else _last_number(text)
    out: list[ComparatorWord] = []
    for m in t.regex.finditer(text):
        row = t.words[m.group(0)]
        w = ComparatorWord(m.group(0), row["comparator"], row["position"], row["priority"],
                           m.start(), m.end())
        if span is None or _qualifies(text, w, span, row["max_gap"]):
            out.append(w)
    return out


def parse_comparator(text: str, value_span: tuple[int, int] | None = None
                     ) -> tuple[str | None, str | None]:
    """(comparator, qualifier) for the value in ``text``; (None, None) if no word says.

    >>> parse_comparator("力争达到90%以上")
    ('>=', '力争…以上')
    """
    words = find_comparator_words(text, value_span)
    if not words:
        return None, None
    span = value_span if value_span is not None else _last_number(text)
    deciding = [w for w in words if w.comparator is not None]
    hedges = [w for w in words if w.comparator is None]
    best = None
    if deciding:
        best = max(deciding, key=lambda w: (w.priority, -_distance(w, span)))
    hedge = hedges[0].word if hedges else None
    if best is None:
        return None, hedge
    qualifier = f"{hedge}…{best.word}" if hedge else best.word
    return best.comparator, qualifier


def _last_number(text: str) -> tuple[int, int] | None:
    """The span of the last well-formed number in ``text`` (spaces inside allowed)."""
    t = _tables()
    squeezed, index = _squeeze(text)
    last = None
    for m in t.number.finditer(squeezed):
        n = parse_numeral(m.group(0))
        nxt = squeezed[m.end():m.end() + 1]
        # a year or a day is not the value a comparator qualifies (到2025年达到90%)
        if n is None or nxt in ("月", "日", "号") or (nxt == "年" and n.value >= 1000):
            continue
        last = (index[m.start()], index[m.end() - 1] + 1)
    return last


def _squeeze(text: str) -> tuple[str, list[int]]:
    # numbers may hold spaces ("每3 万人"): search a normalised copy, map offsets back
    return normalise_mapped(text)


def _qualifies(text: str, w: ComparatorWord, span: tuple[int, int], max_gap: int) -> bool:
    vs, ve = span
    if w.position in ("before", "hedge"):
        gap = text[w.end:vs] if w.end <= vs else None
    elif w.position == "after":
        gap = text[ve:w.start] if w.start >= ve else None
    else:  # between: right after the number, before its measure word
        gap = text[ve:w.start] if w.start >= ve else None
    if gap is None:
        return False
    gap = "".join(gap.split())
    if set(gap) & CLAUSE_PUNCT:
        return False
    if len(gap) <= max_gap:
        return True
    # "不低于前三年用电量平均值的80%": the word governs a value measured against a base
    # named between them, as long as no other number stands there
    reach = 2 * max_gap + (4 if gap.endswith("的") else 0)
    return (w.position == "before" and max_gap > 1 and len(gap) <= reach
            and not any(c.isdigit() for c in gap))


def _distance(w: ComparatorWord, span: tuple[int, int] | None) -> int:
    if span is None:
        return 0
    return span[0] - w.end if w.end <= span[0] else w.start - span[1]
