"""Text repair: one cleaned text, the same whatever format the document came in.

Steps, in order (each an edit of a :class:`~extractor.textmap.MappedText`):

1. conversion artefacts: ``[bookmark: …]``, form feeds, zero-width characters;
2. width: full-width digits, Latin letters and number punctuation to ASCII;
3. lines: trimmed, blank lines dropped, runs of spaces folded (a table row's cells keep
   one tab between them);
4. web boilerplate lines (navigation, share bars, footers) dropped;
5. hard-wrapped lines re-joined into paragraphs;
6. spaces inside numbers and units removed (``每3 万人`` → ``每3万人``);
7. injected spam tokens removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import boilerplate, rejoin, spam
from .errors import warning
from .textmap import MappedText

CLEANER_VERSION = "2"

_ARTEFACTS = re.compile(
    r"\[(?:bookmark|BOOKMARK):[^\]\n]*\]"  # python-docx/pandoc bookmark markers
    r"|[\f\v\u200b\u200c\u200d\u2060\ufeff\u00ad]"  # form feeds, zero-width, BOM, soft hyphen
)
_SPACES = "\u0020\u00a0\u3000\u2002\u2003\u2009\u200a\u202f"
_WIDTH = {**{0xFF10 + i: str(i) for i in range(10)},
          **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
          **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
          ord("％"): "%", ord("．"): ".", ord("＋"): "+", ord("－"): "-",
          ord("＜"): "<", ord("＞"): ">", ord("＝"): "=", ord("／"): "/"}
_DIGIT_CJK_SPACE = re.compile(
    rf"(?<=[0-9.%])[{_SPACES}]+(?=[\u3400-\u9fff%‰])"
    rf"|(?<=[\u3400-\u9fff])[{_SPACES}]+(?=[0-9])"
)
# "3 000" style separators inside one number
_DIGIT_GROUP_SPACE = re.compile(rf"(?<=\d)[{_SPACES}](?=\d{{3}}(?!\d))")


@dataclass
class CleanText:
    """The cleaned text with, for every character, its raw offset."""

    text: str
    src: list[int]
    warnings: list[str] = field(default_factory=list)


def clean(raw: str, *, rejoin_lines: bool = True) -> CleanText:
    """Clean ``raw`` (blocks joined by newlines) into the text all offsets refer to."""
    warnings: list[str] = []
    t = MappedText(raw)
    t = t.sub(_ARTEFACTS, "")
    t = t.translate(_WIDTH)
    t = t.sub(r"\r\n?", "\n")
    # a tab parts the cells of a table row (readers write rows so): one tab, never a space
    t = t.sub(rf"[{_SPACES}]*\t[{_SPACES}\t]*", "\t")
    t = t.sub(rf"[{_SPACES}]+", " ")
    t = t.sub(r"(?m)^[ \t]+|[ \t]+$", "")
    t = t.sub(r"\n{2,}", "\n")
    t = t.sub(r"^\n+|\n+$", "")

    lines = t.text.split("\n")
    drop = boilerplate.find_boilerplate_lines(lines)
    if drop:
        warnings.append(warning("PX-W08", count=len(drop)))
        t = _drop_lines(t, drop)

    if rejoin_lines:
        joins = rejoin.find_wrap_joins(t.text.split("\n"))
        if joins:
            t = _join_lines(t, joins)

    t = t.sub(_DIGIT_CJK_SPACE, "")
    t = t.sub(_DIGIT_GROUP_SPACE, "")

    tokens = spam.find_injected_tokens(t.text)
    if tokens:
        warnings.append(warning("PX-W04", tokens=", ".join(tokens)))
        t = t.sub("|".join(re.escape(x) for x in sorted(tokens, key=len, reverse=True)), "")
        t = t.sub(r"(?m)^ +| +$", "").sub(r"\n{2,}", "\n").sub(r"^\n+|\n+$", "")
    return CleanText(t.text, t.src, warnings)


def _drop_lines(t: MappedText, drop: set[int]) -> MappedText:
    spans = []
    for i, (a, b) in enumerate(t.lines()):
        if i in drop:
            spans.append((a, min(b + 1, len(t))))
    out = t.delete_spans(spans)
    return out.sub(r"\n+$", "")


def _join_lines(t: MappedText, joins: set[int]) -> MappedText:
    """Remove the newline after each line index in ``joins``."""
    spans = [(b, b + 1) for i, (a, b) in enumerate(t.lines()) if i in joins and b < len(t)]
    return t.delete_spans(spans)
