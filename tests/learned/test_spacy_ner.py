"""The spaCy NER that ships in models/: training, the shipped model, the merge policies."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from extractor.models import Entity
from extractor.pipeline import ExtractOptions, extract
from extractor.recognise import learned
from extractor.train.examples import data_hash, load_examples
from extractor.train.spacy_ner import train

GOLD = ROOT / "corpora" / "gold"
SHIPPED = ROOT / "models" / "ner"
SEED_000 = ROOT / "corpora" / "seeds" / "000_a7d024204d59770d.txt"


@pytest.fixture(scope="module")
def one_doc_gold(tmp_path_factory) -> Path:
    """The gold of seed 000 alone, laid out as corpora/ is (gold/ beside seeds/)."""
    root = tmp_path_factory.mktemp("corpus")
    line = next(x for x in (GOLD / "gold.jsonl").read_text("utf-8").splitlines() if "000_" in x)
    (root / "gold").mkdir()
    (root / "gold" / "gold.jsonl").write_text(line + "\n", "utf-8")
    (root / "seeds").mkdir()
    shutil.copy(SEED_000, root / "seeds" / SEED_000.name)
    return root / "gold"


def _weights(folder: Path) -> str:
    return hashlib.sha256((folder / "ner" / "model").read_bytes()
                          + (folder / "tok2vec" / "model").read_bytes()).hexdigest()


def test_training_is_deterministic_and_versioned(one_doc_gold: Path, tmp_path: Path) -> None:
    examples = load_examples(one_doc_gold)
    a = train(examples, tmp_path / "a", seed=3, max_steps=4)
    b = train(examples, tmp_path / "b", seed=3, max_steps=4)
    assert _weights(tmp_path / "a") == _weights(tmp_path / "b")
    assert a["data_hash"] == b["data_hash"] == data_hash(examples)
    assert json.loads((tmp_path / "a" / "policyx.json").read_text("utf-8"))["seed"] == 3
    backend = learned.load(tmp_path / "a")
    text = examples[0].text
    for s, e, label in backend.predict(text):
        assert 0 <= s < e <= len(text) and label in learned.MODEL_ADDS + (
            "REGION", "DEADLINE", "DATE", "MONEY", "POLICY_REF")


def test_the_shipped_model_is_trained_on_the_current_gold() -> None:
    """Retrain with `make train` whenever the gold or its cleaning changes."""
    info = learned.model_info(SHIPPED)
    assert info["data_hash"] == data_hash(load_examples(GOLD))
    size = sum(f.stat().st_size for f in SHIPPED.rglob("*") if f.is_file())
    assert size < 20 * 2**20


def test_the_shipped_model_finds_institutions_offline() -> None:
    text = "由廉江市人民医院牵头，联合安铺镇中心卫生院等成员单位组建医共体。"
    spans = learned.load(SHIPPED).predict(text)
    found = {text[s:e] for s, e, label in spans if label == "INSTITUTION"}
    assert "廉江市人民医院" in found


class FixedModel:
    """A model that predicts what it is told: the merge policy under test, not a model."""

    def __init__(self, spans: list[tuple[str, str]]) -> None:
        self.spans = spans

    def predict(self, text: str) -> list[tuple[int, int, str]]:
        return [(text.index(t), text.index(t) + len(t), label) for t, label in self.spans]


def _run(monkeypatch, tmp_path: Path, text: str, spans: list[tuple[str, str]],
         recognizer: str) -> list[Entity]:
    monkeypatch.setattr("extractor.recognise.merge.load", lambda _=None: FixedModel(spans))
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    return extract(f, ExtractOptions(recognizer=recognizer, ner_model="fixed")).entities


TEXT = "二、工作目标\n由廉江市人民医院牵头，联合吴川新风养护中心、妇幼保健医院和百草园参与，县域内住院率达到85%。\n"


def test_hybrid_adds_only_what_the_rules_missed(monkeypatch, tmp_path: Path) -> None:
    rules = {(e.text, e.label) for e in _run(monkeypatch, tmp_path, TEXT, [], "rules")}
    assert ("吴川新风养护中心", "INSTITUTION") not in rules  # a name the rules do not know
    model_says = [("廉江市人民医院", "INSTITUTION"),  # the rules found it too: theirs is kept
                  ("吴川新风养护中心", "INSTITUTION"),  # new: a place, a name, a head
                  ("妇幼保健医院", "INSTITUTION"),      # a bare type of hospital: refused
                  ("百草园", "INSTITUTION"),          # no institution head: refused
                  ("工作目标", "TARGET")]            # figures stay with the rules
    got = _run(monkeypatch, tmp_path, TEXT, model_says, "hybrid")
    added = {(e.text, e.label) for e in got if e.source == "model"}
    assert added == {("吴川新风养护中心", "INSTITUTION")}
    assert rules <= {(e.text, e.label) for e in got}


def test_model_alone_replaces_the_rules(monkeypatch, tmp_path: Path) -> None:
    got = _run(monkeypatch, tmp_path, TEXT, [("县域内住院率达到85%", "TARGET")], "model")
    assert [(e.text, e.label, e.source) for e in got] == [("县域内住院率达到85%", "TARGET", "model")]
    assert got[0].normalized.get("value") == 85.0
