"""spaCy components that put the finders' entities on a Doc.

Entities go to ``doc.spans["policyx"]`` (overlaps allowed: a REGION inside a TARGET),
each span carrying its normal form in ``span._.normalized``; ``doc.ents`` gets the
non-overlapping longest ones so that displaCy and spaCy's scorer see them.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..models import Entity
from .context import DocContext

SPAN_KEY = "policyx"

if not Span.has_extension("normalized"):
    Span.set_extension("normalized", default=None)
if not Span.has_extension("exact"):
    Span.set_extension("exact", default=None)  # (start, end, text) when tokens round it off
if not Span.has_extension("source"):
    Span.set_extension("source", default="rules")
if not Doc.has_extension("provisions"):
    Doc.set_extension("provisions", default=None)

Finder = Callable[[str, DocContext], list[Entity]]


TEXT_KEY = "policyx_text"


def text_of(doc: Doc) -> str:
    """The Doc's text; spaCy rebuilds ``doc.text`` from its (one-character) tokens on every
    call, so the pipeline keeps it in ``user_data`` once."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def context_of(doc: Doc) -> DocContext:
    ctx = doc.user_data.get(SPAN_KEY)
    return ctx if isinstance(ctx, DocContext) else DocContext()


def load_finder(ref: str) -> Finder:
    """``"module:function"`` under ``extractor.recognise``."""
    module, _, func = ref.partition(":")
    return getattr(importlib.import_module(f"extractor.recognise.{module}"), func)


class RuleRecogniser:
    """Runs one finder over the text and adds what it finds to the Doc."""

    def __init__(self, name: str, finder: str, set_ents: bool = True) -> None:
        self.name = name
        self.finder_ref = finder
        self.set_ents = set_ents
        self._finder: Finder | None = None

    @property
    def finder(self) -> Finder:
        if self._finder is None:
            self._finder = load_finder(self.finder_ref)
        return self._finder

    def __call__(self, doc: Doc) -> Doc:
        add_entities(doc, self.finder(text_of(doc), context_of(doc)), source="rules",
                     set_ents=self.set_ents)
        return doc


def add_entities(doc: Doc, entities: list[Entity], source: str, set_ents: bool = True) -> None:
    """Append entities as spans (expanded to token bounds) and refresh ``doc.ents``.

    Setting ``doc.ents`` walks every token; a pipeline that ends with ``policyx_resolve``
    turns it off in the rule components and sets the entities once.
    """
    group = doc.spans.get(SPAN_KEY)
    spans = list(group) if group is not None else []
    for e in entities:
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is None:
            continue
        span._.normalized = dict(e.normalized)
        span._.exact = (e.start, e.end, e.text)
        span._.source = source
        spans.append(span)
    doc.spans[SPAN_KEY] = spans
    if set_ents:
        doc.ents = filter_spans(spans)


def entities_of(doc: Doc) -> list[Entity]:
    """The Doc's spans back as :class:`Entity` records with exact character offsets."""
    out = []
    for span in doc.spans.get(SPAN_KEY, []):
        start, end, text = bounds(span)
        out.append(Entity(label=span.label_, text=text, start=start, end=end,
                          normalized=dict(span._.normalized or {}), source=span._.source))
    out.sort(key=lambda e: (e.start, -e.end, e.label))
    return out


def bounds(span: Span) -> tuple[int, int, str]:
    """Exact ``(start, end, text)`` of a span, as its finder gave them."""
    return span._.exact or (span.start_char, span.end_char, span.text)
