"""The section tree: numbered headings (第一章, 一、, （一）, 1., （1）, ①, Markdown #)
and the span of text each governs.

A marker type's level is its order of first appearance, so a document that starts at
（一） nests correctly.  A marker of a new type that does not start at 1 but continues
an open list is taken as a mistyped member of that list: "（一）（二）（3）（四）".
"""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Section
from .lines import Line
from .numerals import cn_int
from .rules import rules


@dataclass
class _Head:
    line: Line
    kind: str
    number: str
    value: int | None
    heading: str
    structural: bool
    hashes: int = 0                  # Markdown heading depth, 0 if none
    level: int = 0


def heading_phrase(rest: str, allowed: bool = True) -> str:
    """The heading of a marker's line: the whole line, or its opening phrase up to the
    first full stop when the paragraph runs on (``政府主导，统一规划。根据…``)."""
    if not allowed:
        return ""
    r = rules()
    rest = rest.strip()
    cut = next((i for i, ch in enumerate(rest) if ch in r.phrase_end), None)
    if cut is None:
        return rest.rstrip("：:")
    return rest[:cut].strip() if cut <= r.phrase_max_chars else ""


def _value(num: str) -> int | None:
    if num and "\u2460" <= num[0] <= "\u2473":  # ① … ⑳
        return ord(num[0]) - 0x2460 + 1
    return cn_int(num)


def _parse(line: Line) -> _Head | None:
    r = rules()
    text = line.text
    md = r.markdown_heading.match(text)
    body = text[md.end():] if md else text
    hashes = len(md.group("hashes")) if md else 0
    if not md and not r.heading_start.match(body):
        return None  # most lines: no marker can start here
    for h in r.headings:
        m = h.pattern.match(body)
        if m:
            rest = body[m.end():]
            return _Head(line, h.name, m.group(0).strip(), _value(m.group("num")),
                         heading_phrase(rest, h.phrase), h.structural, hashes)
    if md:
        return _Head(line, f"md{hashes}", "", None, body.strip(), True, hashes)
    return None


def find_sections(text: str, lines: list[Line], skip: set[int] | None = None) -> list[Section]:
    """Sections of ``text`` from its ``lines``; lines in ``skip`` (title, header) are not headings."""
    skip = skip or set()
    heads = [h for ln in lines if ln.index not in skip and ln.text.strip()
             for h in [_parse(ln)] if h]
    if sum(h.kind == "article" for h in heads) >= rules().law_min_articles:
        heads = [h for h in heads if h.structural]  # items inside articles are not sections
    _assign_levels(heads)
    out: list[Section] = []
    for i, h in enumerate(heads):
        end = next((x.line.start for x in heads[i + 1:] if x.level <= h.level), len(text))
        out.append(Section(heading=h.heading, number=h.number, level=h.level,
                           start=h.line.start, end=end))
    return out


def _assign_levels(heads: list[_Head]) -> None:
    r = rules()
    # structural markers keep the law's order (编 > 章 > 节 > 条) whatever comes first:
    # chapter one may have no 节 where chapter two has
    rank = [h.name for h in r.headings if h.structural]
    present = {h.kind for h in heads}
    levels: dict[str, int] = {k: i + 1 for i, k in enumerate(x for x in rank if x in present)}
    by_hashes: dict[int, int] = {}   # "## 附则" sits at the level of "## 第一章"
    open_: list[_Head] = []          # the current path from level 1 down
    for h in heads:
        level = levels.get(h.kind)
        if level is None and h.kind.startswith("md"):
            level = by_hashes.get(h.hashes)
        if level is None and h.value not in (None, 1):
            sibling = next((o for o in reversed(open_)
                            if o.value is not None and o.value + 1 == h.value), None)
            if sibling is not None:
                level = sibling.level
        if level is None:
            level = levels[h.kind] = max(levels.values(), default=0) + 1
        h.level = level
        if h.hashes:
            by_hashes.setdefault(h.hashes, level)
        while open_ and open_[-1].level >= level:
            open_.pop()
        open_.append(h)
