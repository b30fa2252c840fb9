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
        kept = []
        for s in spans:
            a, b = _bounds(s)
            hosts = SWALLOWED_BY.get(s.label_, set())
            if any(o is not s and o.label_ in hosts and _bounds(o)[0] <= a and b <= _bounds(o)[1]
                   for o in spans):
                continue
            if any(o is not s and o.label_ == s.label_ and _overlap(o, s) and _longer(o, s)
                   for o in spans):
                continue
            kept.append(s)
        doc.spans[SPAN_KEY] = kept
        doc.ents = filter_spans(kept)
        return doc


def _bounds(span) -> tuple[int, int]:
    return bounds(span)[:2]


def _overlap(a, b) -> bool:
    (a0, a1), (b0, b1) = _bounds(a), _bounds(b)
    return a0 < b1 and b0 < a1


def _longer(a, b) -> bool:
    (a0, a1), (b0, b1) = _bounds(a), _bounds(b)
    return (a1 - a0, -a0) > (b1 - b0, -b0)
