"""The ``policyx_ner`` component: a learned model's spans merged with the rules'.

The merge policy is documented in :mod:`extractor.recognise.learned`.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from ..models import Entity
from .components import SPAN_KEY, add_entities, bounds, context_of, load_finder
from .learned import MODEL_ADDS, load

FIGURES = ("TARGET", "QUOTA", "STAT")


@lru_cache(maxsize=1)
def _finders() -> dict[str, str]:
    from .factories import RULE_COMPONENTS

    return {label: ref for ref, labels in RULE_COMPONENTS.values() for label in labels}


@lru_cache(maxsize=1)
def _institution_heads() -> tuple[str, ...]:
    from .institutions import _lexicon

    lex = _lexicon()
    return tuple(h for h, kind in lex.head_kind.items() if kind != "category")


class ModelRecogniser:
    """Runs a trained NER over the text and merges its spans by ``policy``."""

    def __init__(self, name: str, model: str = "", policy: str = "hybrid") -> None:
        self.name = name
        self.model = model
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        predicted = load(self.model or None).predict(doc.text)
        rules = [bounds(sp)[:2] for sp in doc.spans.get(SPAN_KEY, [])]
        if self.policy == "model":
            doc.spans[SPAN_KEY] = []
            rules = []
        found: list[Entity] = []
        for a, b, label in predicted:
            if self.policy == "hybrid" and (
                    label not in MODEL_ADDS or any(s < b and a < e for s, e in rules)):
                continue
            ent = self._normalise(doc.text, a, b, label, ctx)
            if ent is not None:
                found.append(ent)
        add_entities(doc, found, source="model", set_ents=False)
        return doc

    def _normalise(self, text: str, a: int, b: int, label: str, ctx) -> Entity | None:
        """The span with its normal form from the rule finder of its label, or None when
        the hybrid's precision check refuses it."""
        span = text[a:b]
        ent = Entity(label=label, text=span, start=a, end=b, source="model")
        if label == "INSTITUTION":
            if self.policy == "hybrid" and not span.endswith(_institution_heads()):
                return None
            return replace_normalized(ent, {"name": span})
        ref = _finders().get(label)
        if ref is None:
            return ent
        sub = replace(ctx, sentences=[], sections=[]) if ctx is not None else None
        hits = [e for e in load_finder(ref)(span, sub) if e.label == label or label in FIGURES
                and e.label in FIGURES]
        if not hits:
            return None if self.policy == "hybrid" else ent
        best = max(hits, key=lambda e: e.end - e.start)
        return replace_normalized(ent, best.normalized)


def replace_normalized(ent: Entity, normalized: dict) -> Entity:
    return ent.model_copy(update={"normalized": dict(normalized)})
