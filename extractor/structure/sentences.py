"""Sentences with offsets: split at 。；！？ (and their ASCII forms) and at line ends,
never inside 《》, “”, brackets, or a number (1.25, 3.5%)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Sentence
from .rules import rules


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], re.Pattern[str]]:
    r = rules()
    enders = re.escape(r.enders)
    closers = re.escape(r.closers)
    stop = re.escape(r.cjk_full_stop)
    # an ender, or a full stop between Chinese characters (not 1.25, not "1.补齐")
    end = re.compile(rf"[{enders}]|(?<=[\u4e00-\u9fff])[{stop}](?=[\u4e00-\u9fff])")
    tail = re.compile(rf"[{enders}{closers}]*")
    opens = {p[0]: p[1] for p in r.pairs}
    return end, tail, opens, re.compile("[" + re.escape("".join(opens)) + "]")


def _protected(line: str, opens: dict[str, str]) -> list[tuple[int, int]]:
    """Spans ``(a, b)`` strictly inside matched outermost pairs; unmatched openers count for nothing."""
    closes = set(opens.values())
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(line):
        if ch in closes and any(opens[o] == ch for o, _ in stack):
            while opens[stack[-1][0]] != ch:
                stack.pop()  # an inner opener never closed
            _, a = stack.pop()
            if not stack:
                spans.append((a + 1, i))
        elif ch in opens:
            stack.append((ch, i))
    return spans


def _cuts(line: str) -> list[int]:
    """Offsets in ``line`` after which a sentence ends."""
    end, tail, opens, opener = _patterns()
    spans = _protected(line, opens) if opener.search(line) else []

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in spans)

    cuts: set[int] = set()
    for m in end.finditer(line):
        i = m.start()
        if inside(i):
            # a quotation that ends its sentence: …水平。” followed by more text
            close = next((b for a, b in spans if a <= i < b), None)
            if close is not None and close == i + 1 and line[close] in rules().closers:
                cuts.add(tail.match(line, close).end())
            continue
        cuts.add(tail.match(line, i + 1).end())  # "！？" and "。”" stay with their sentence
    return sorted(c for c in cuts if 0 < c < len(line))


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text``; ``s.text == text[s.start:s.end]``, trimmed."""
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        bounds = [0, *_cuts(line), len(line)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            seg = line[a:b]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg.rstrip())
            if trail > lead:
                out.append(Sentence(start=pos + a + lead, end=pos + a + trail,
                                    text=seg[lead:trail]))
        pos += len(line) + 1
    return out
