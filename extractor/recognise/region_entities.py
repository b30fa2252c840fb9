"""REGION spans: administrative divisions named in the text, with code, level and parent.

A division named inside an institution's name is part of that name: the resolver
drops such REGION spans (ANNOTATION.md). Functional zones (漳河新区, 屈家岭管理区) have no
official code; one counts where it continues a list of divisions the gazetteer knows.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Entity, Region
from ..regions import _settings, find_regions
from .context import DocContext
from .lexicon import alternation


@lru_cache(maxsize=1)
def _zones() -> tuple[re.Pattern[str], str]:
    zones = _settings()["zones"]
    lo, hi = zones["name_chars"]
    name = rf"[\u4e00-\u9fff]{{{lo},{hi}}}?(?:{alternation(zones['suffixes'])})"
    return re.compile(name), zones["joiners"]


def _zone_spans(text: str, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Zones that follow a known division (or another zone) across a list joiner."""
    pattern, joiners = _zones()
    taken = set(known)
    out: list[tuple[int, int]] = []
    todo = sorted(known)
    while todo:
        _, end = todo.pop()
        if end >= len(text) or text[end] not in joiners:
            continue
        m = pattern.match(text, end + 1)
        # a division inside the zone's name (荆门 in 荆门高新区) gives way to the zone
        if m is None or any(a < m.end() and m.start() < b and not m.start() <= a < b <= m.end()
                            for a, b in taken):
            continue
        taken.add(m.span())
        out.append(m.span())
        todo.append(m.span())
    return out


def find_in_doc(text: str, ctx: DocContext) -> list[Entity]:
    within = [ctx.region.name] if ctx.region else []
    out = []
    hits = find_regions(text, within)
    zones = _zone_spans(text, [(a, b) for a, b, _ in hits])
    for start, end, region in hits:
        if any(a <= start and end <= b for a, b in zones):
            continue
        out.append(Entity(label="REGION", text=text[start:end], start=start, end=end,
                          normalized=region.model_dump(exclude_none=True)))
    for start, end in zones:
        zone = Region(name=text[start:end], level="zone",
                      parent=ctx.region.name if ctx.region else None)
        out.append(Entity(label="REGION", text=text[start:end], start=start, end=end,
                          normalized=zone.model_dump(exclude_none=True)))
    return sorted(out, key=lambda e: e.start)
