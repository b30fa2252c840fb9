"""The learned recognisers beside the rules, and how their spans are merged.

A model is a folder: a spaCy pipeline with an ``ner`` (``policyx train``, shipped in
``models/ner``) or a Hugging Face token-classification model (``--backend transformers``).
Either is run a paragraph at a time and gives ``(start, end, label)`` spans.

Merge policy (``--recognizer``):

* ``rules``: the rule components only.
* ``model``: the model's spans only; each gets the normal form the rule finder of its
  label gives the span's text (or none).
* ``hybrid``: every rule span is kept (rules carry the normal forms); a model span is
  added when it overlaps no rule span and its label is one the model adds recall for
  (``MODEL_ADDS``: INSTITUTION), and when it passes a check that keeps precision: it must
  look like one named body (``merge.specific_name``: a place, a name, an institution
  head of the lexicon). Cross-validation showed the model's extra TARGET, QUOTA and STAT
  spans to be mostly wrong, so figures stay with the rules.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from ..errors import PolicyxError
from ..textmap import line_spans

MODELS_ENV = "POLICYX_MODELS"
MODEL_ADDS = ("INSTITUTION",)
RECOGNIZERS = ("rules", "model", "hybrid")

Span3 = tuple[int, int, str]


class Backend(Protocol):
    def predict(self, text: str) -> list[Span3]: ...


def models_dir() -> Path:
    """Where shipped models live: ``$POLICYX_MODELS``, else ``models/`` of the checkout."""
    env = os.environ.get(MODELS_ENV)
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models"


def default_model() -> Path:
    return models_dir() / "ner"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: the unit models are trained and run on."""
    return [(a, b) for a, b in line_spans(text) if text[a:b].strip()]


class SpacyNER:
    """A spaCy pipeline's ``ner``, run on each paragraph."""

    def __init__(self, path: Path) -> None:
        import spacy

        self.path = path
        self.nlp = spacy.load(path)
        self.meta = self.nlp.meta.get("policyx", {})

    def predict(self, text: str) -> list[Span3]:
        paras = paragraphs(text)
        out: list[Span3] = []
        for (a, _), doc in zip(paras, self.nlp.pipe(text[a:b] for a, b in paras),
                               strict=True):
            out.extend((a + e.start_char, a + e.end_char, e.label_) for e in doc.ents)
        return out


@lru_cache(maxsize=4)
def load(path: str | Path | None = None) -> Backend:
    """The model in ``path`` (default: the shipped ``models/ner``), loaded once."""
    folder = Path(path) if path else default_model()
    if not folder.is_dir():
        raise PolicyxError(f"{folder}: no model folder (train one: policyx train)")
    if (folder / "meta.json").is_file() and (folder / "config.cfg").is_file():
        return SpacyNER(folder)
    if (folder / "config.json").is_file():
        from .hf_backend import load as load_hf

        return load_hf(folder)
    raise PolicyxError(f"{folder}: neither a spaCy pipeline nor a Hugging Face model")


def model_info(path: str | Path | None = None) -> dict:
    """The ``policyx.json`` written with a trained model (data hash, labels, seed)."""
    folder = Path(path) if path else default_model()
    try:
        return json.loads((folder / "policyx.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
