"""The component names saved configs refer to: renaming one breaks users' pipelines."""
import spacy

from extractor.recognise import factories, nlp
from extractor.recognise.components import SPAN_KEY

NAMES = [
    "policyx_policy_refs", "policyx_dates", "policyx_money", "policyx_institutions",
    "policyx_regions", "policyx_figures", "policyx_resolve", "policyx_provisions",
]
# the trained NER, inserted before policyx_resolve by --recognizer model|hybrid
LEARNED = ["policyx_ner"]


def test_factory_names_are_pinned():
    registered = {n for n in spacy.registry.factories.get_all() if n.startswith("policyx_")}
    assert registered == set(NAMES + LEARNED)
    assert set(factories.RULE_COMPONENTS) < set(NAMES)


def test_the_shipped_pipeline_uses_them_in_order():
    assert nlp.load().pipe_names == NAMES
    hybrid = nlp.load("hybrid").pipe_names
    assert hybrid == NAMES[:6] + LEARNED + NAMES[6:]


def test_a_spacy_user_adds_policyx_components_to_a_blank_pipeline():
    blank = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    blank.add_pipe("policyx_dates")
    blank.add_pipe("policyx_money")
    doc = blank("到2025年，项目总投资6.03亿元。")
    got = [(s.label_, s.text) for s in doc.spans[SPAN_KEY]]
    assert ("DEADLINE", "到2025年") in got and ("MONEY", "6.03亿元") in got
    assert [e.label_ for e in doc.ents] == ["DEADLINE", "MONEY"]


def test_entry_points_let_spacy_find_the_components_unaided():
    from importlib.metadata import entry_points

    declared = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert {n for n in declared if n.startswith("policyx_")} == set(NAMES + LEARNED)
    for name in NAMES + LEARNED:
        assert declared[name].startswith("extractor.recognise.factories:make_")
