"""Build the spaCy pipeline from its config and run it on a cleaned text."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.language import Language

from ..models import Entity
from .context import DocContext

CONFIG = "pipeline.cfg"


@lru_cache(maxsize=4)
def load(recognizer: str = "rules", model: str = "") -> Language:
    """The pipeline, built once per process from ``extractor/data/pipeline.cfg``.

    ``recognizer`` "model" or "hybrid" puts ``policyx_ner`` (the trained ``model``, default
    the shipped one) before ``policyx_resolve``; see :mod:`extractor.recognise.learned`.
    """
    import spacy
    from spacy.util import load_config_from_str

    from . import factories  # noqa: F401  (registers the components)

    text = resources.files("extractor.data").joinpath(CONFIG).read_text(encoding="utf-8")
    config = load_config_from_str(text)
    if recognizer != "rules":
        names = list(config["nlp"]["pipeline"])
        names.insert(names.index("policyx_resolve"), "policyx_ner")
        config["nlp"]["pipeline"] = names
        config["components"]["policyx_ner"] = {
            "factory": "policyx_ner", "model": model, "policy": recognizer}
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


def run(text: str, context: DocContext, recognizer: str = "rules",
        model: str = "") -> tuple[list[Entity], list]:
    """Entities and provisions of one cleaned text."""
    from .components import SPAN_KEY, TEXT_KEY, entities_of

    nlp = load(recognizer, model)
    doc = nlp.make_doc(text)
    doc.user_data[SPAN_KEY] = context
    doc.user_data[TEXT_KEY] = text
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return entities_of(doc), list(doc._.provisions or [])
