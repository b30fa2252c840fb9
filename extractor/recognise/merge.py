"""The ``policyx_ner`` component: a learned model's spans merged with the rules'.

The merge policy is documented in :mod:`extractor.recognise.learned`.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from ..models import Entity
from .components import SPAN_KEY, add_entities, bounds, context_of, load_finder, text_of
from .learned import MODEL_ADDS, load

FIGURES = ("TARGET", "QUOTA", "STAT")


@lru_cache(maxsize=1)
def _finders() -> dict[str, str]:
    from .factories import RULE_COMPONENTS

    return {label: ref for ref, labels in RULE_COMPONENTS.values() for label in labels}


@lru_cache(maxsize=1)
def _institution_heads() -> tuple[str, ...]:
    """Institution heads, longest first (医院 after 中医医院)."""
    from .institutions import _lexicon

    lex = _lexicon()
    return tuple(sorted((h for h, kind in lex.head_kind.items() if kind != "category"),
                        key=len, reverse=True))


@lru_cache(maxsize=1)
def _not_in_names() -> frozenset[str]:
    from .institutions import _lexicon

    lex = _lexicon()
    return lex.category | lex.stop_words | frozenset(lex.bare_not_after) | {
        "包括", "举办", "建立", "成立"}


def specific_name(span: str) -> bool:
    """Whether a model's INSTITUTION looks like one named body, judged with the rules'
    lexicon: an institution head after a name of two characters or more that opens with a
    place (a division in the gazetteer, or a level word: 市, 县) and holds no category word
    (县级, 公立), no word of a generic mention (以上, 各, 等, 的), no word that cannot stand
    in a name (由, 在, 包括) and no bracket. A bare head (中医医院) is a category.
    """
    from .institutions import _lexicon

    head = next((h for h in _institution_heads() if span.endswith(h)), None)
    if head is None or len(span) - len(head) < 2:
        return False
    lex = _lexicon()
    name = span[: -len(head)]
    if any(w in name for w in _not_in_names()) or not name.isalnum():
        return False
    # it belongs to a place: a division's name (湛江市…) or a level word (市…, 县…) opens it
    from ..regions import find_regions

    return name[0] in lex.levels_specific or any(a == 0 for a, _, _ in find_regions(name))


class ModelRecogniser:
    """Runs a trained NER over the text and merges its spans by ``policy``."""

    def __init__(self, name: str, model: str = "", policy: str = "hybrid") -> None:
        self.name = name
        self.model = model
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        predicted = load(self.model or None).predict(text_of(doc))
        rules = [bounds(sp)[:2] for sp in doc.spans.get(SPAN_KEY, [])]
        if self.policy == "model":
            doc.spans[SPAN_KEY] = []
            rules = []
        found: list[Entity] = []
        for a, b, label in predicted:
            if self.policy == "hybrid" and (
                    label not in MODEL_ADDS or any(s < b and a < e for s, e in rules)):
                continue
            ent = self._normalise(text_of(doc), a, b, label, ctx)
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
            if self.policy == "hybrid" and not specific_name(span):
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
