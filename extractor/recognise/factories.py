"""Register policyx's components with spaCy, by name, with their defaults.

Saved configs refer to these names, and the ``spacy_factories`` entry points in
pyproject.toml point here, so ``spacy.load`` and ``nlp.add_pipe("policyx_provisions")``
find them without importing policyx first. ``tests/recognise/test_factories.py`` pins
the names.
"""
from __future__ import annotations

from spacy.language import Language

from .components import RuleRecogniser

# component name -> (finder "module:function", labels it assigns)
RULE_COMPONENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "policyx_policy_refs": ("policy_refs:find_in_doc", ("POLICY_REF",)),
    "policyx_dates": ("dates:find_in_doc", ("DEADLINE", "DATE")),
    "policyx_money": ("money:find_in_doc", ("MONEY",)),
    "policyx_institutions": ("institutions:find_in_doc", ("INSTITUTION",)),
    "policyx_regions": ("region_entities:find_in_doc", ("REGION",)),
    "policyx_figures": ("figures:find_in_doc", ("TARGET", "QUOTA", "STAT")),
}


def _rule_factory(name: str, finder: str):
    def make(nlp: Language, name: str, finder: str, set_ents: bool) -> RuleRecogniser:
        return RuleRecogniser(name, finder, set_ents)

    make.__name__ = f"make_{name}"
    return Language.factory(
        name, default_config={"finder": finder, "set_ents": True}, assigns=["doc.spans", "doc.ents"]
    )(make)


make_policy_refs = _rule_factory("policyx_policy_refs", RULE_COMPONENTS["policyx_policy_refs"][0])
make_dates = _rule_factory("policyx_dates", RULE_COMPONENTS["policyx_dates"][0])
make_money = _rule_factory("policyx_money", RULE_COMPONENTS["policyx_money"][0])
make_institutions = _rule_factory("policyx_institutions", RULE_COMPONENTS["policyx_institutions"][0])
make_regions = _rule_factory("policyx_regions", RULE_COMPONENTS["policyx_regions"][0])
make_figures = _rule_factory("policyx_figures", RULE_COMPONENTS["policyx_figures"][0])


@Language.factory("policyx_resolve", assigns=["doc.spans", "doc.ents"],
                  requires=["doc.spans"])
def make_resolve(nlp: Language, name: str):
    """Settle overlaps between labels (a REGION inside an INSTITUTION is not a REGION)."""
    from .resolve import Resolver

    return Resolver()


@Language.factory("policyx_provisions", assigns=["doc._.provisions"], requires=["doc.spans"])
def make_provisions(nlp: Language, name: str):
    """Make TARGET, QUOTA and STAT spans whole: metric, value, unit, per, deadline …"""
    from ..provisions import ProvisionBuilder

    return ProvisionBuilder()


@Language.factory("policyx_ner", assigns=["doc.spans"], requires=["doc.spans"],
                  default_config={"model": "", "policy": "hybrid"})
def make_ner(nlp: Language, name: str, model: str, policy: str):
    """A trained NER (default: the shipped ``models/ner``) merged with the rules by policy:
    ``hybrid`` adds its spans where the rules found nothing, ``model`` replaces them."""
    from .merge import ModelRecogniser

    return ModelRecogniser(name, model, policy)
