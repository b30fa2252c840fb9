"""Settle overlapping spans of different labels, by the contract's rules.

- A REGION inside an INSTITUTION is part of the institution's name (ANNOTATION.md).
- A DATE inside a DEADLINE, a POLICY_REF or an INSTITUTION is not a date of its own.
- A MONEY, DEADLINE or DATE inside a POLICY_REF title is part of the citation.
- Two spans of one label that overlap: the longer wins.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .components import SPAN_KEY, bounds

# label -> labels whose spans swallow it when it lies inside them
SWALLOWED_BY = {
    "REGION": {"INSTITUTION", "POLICY_REF"},
    "DATE": {"DEADLINE", "POLICY_REF", "INSTITUTION"},
    "DEADLINE": {"POLICY_REF"},
    "MONEY": {"POLICY_REF"},
    "INSTITUTION": {"POLICY_REF"},
    "TARGET": {"POLICY_REF"},
    "QUOTA": {"POLICY_REF"},
    "STAT": {"POLICY_REF"},
}


class Resolver:
    def __call__(self, doc: Doc) -> Doc:
        from spacy.util import filter_spans

        spans = list(doc.spans.get(SPAN_KEY, []))
        items = sorted(((*bounds(sp)[:2], sp.label_, i) for i, sp in enumerate(spans)))
        drop: set[int] = set()
        for k, (a, b, label, i) in enumerate(items):
            hosts = SWALLOWED_BY.get(label, set())
            # spans that can overlap this one start before its end; sorted by start, the
            # scan stops early, and earlier ones are reached through `reach` below
            for a2, b2, label2, j in _neighbours(items, k, a, b):
                if j == i:
                    continue
                if label2 in hosts and a2 <= a and b <= b2:
                    drop.add(i)
                    break
                if label2 == label and a2 < b and a < b2 and (b2 - a2, -a2) > (b - a, -a):
                    drop.add(i)
                    break
        kept = [sp for i, sp in enumerate(spans) if i not in drop]
        doc.spans[SPAN_KEY] = kept
        doc.ents = filter_spans(kept)
        return doc


def _neighbours(items: list, k: int, a: int, b: int):
    """Items overlapping ``[a, b)``: items are sorted by start; spans are short."""
    j = k
    while j > 0 and items[j - 1][0] > a - 400:
        j -= 1
    for item in items[j:]:
        if item[0] >= b:
            break
        if item[1] > a:
            yield item
