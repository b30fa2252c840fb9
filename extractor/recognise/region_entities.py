"""REGION spans: administrative divisions named in the text, with code, level and parent.

A division named inside an institution's name is part of that name: the resolver
drops such REGION spans (ANNOTATION.md).
"""
from __future__ import annotations

from ..models import Entity
from ..regions import find_regions
from .context import DocContext


def find_in_doc(text: str, ctx: DocContext) -> list[Entity]:
    within = [ctx.region.name] if ctx.region else []
    out = []
    for start, end, region in find_regions(text, within):
        out.append(Entity(label="REGION", text=text[start:end], start=start, end=end,
                          normalized=region.model_dump(exclude_none=True)))
    return out
