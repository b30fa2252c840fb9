"""The gold annotations still fit the text the extractor produces.

Gold offsets point into the cleaned text of the cleaner version they were made with. If
cleaning changes, these tests fail: re-anchor the drafts (`python scripts/gold_anchor.py`,
and `--dir corpora/heldout`), check the spans that no longer anchor, bump
CLEANER_VERSION, and retrain (`make train`).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ROOT

from extractor.clean import CLEANER_VERSION
from extractor.pipeline import ExtractOptions, extract
from extractor.train.examples import LABELS

GOLD_FILES = [ROOT / "corpora" / name / "gold.jsonl" for name in ("gold", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8")]
DOCS = [(f, json.loads(line)) for f in GOLD_FILES
        for line in f.read_text("utf-8").splitlines() if line.strip()]


def test_every_seed_has_gold() -> None:
    seeds = {p.name for p in (ROOT / "corpora" / "seeds").glob("*.txt")}
    gold = {Path(d["file"]).name for f, d in DOCS if f.parent.name == "gold"}
    assert gold == seeds


@pytest.mark.parametrize(("gold_file", "doc"), DOCS, ids=[Path(d["file"]).stem for _, d in DOCS])
def test_gold_spans_are_the_text_at_their_offsets(gold_file: Path, doc: dict) -> None:
    text = extract(gold_file.parents[1] / doc["file"], ExtractOptions(recognise=False)).text
    assert doc["cleaner_version"] == CLEANER_VERSION
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == doc["text_sha256"]
    for e in doc["entities"]:
        assert e["label"] in LABELS
        assert text[e["start"]:e["end"]] == e["text"], e
    for p in doc["provisions"]:
        assert p["kind"] in ("TARGET", "QUOTA", "STAT")
        assert text[p["span_start"]:p["span_end"]] == p["span"], p
        # every provision is also an entity of its kind, with the same span
        assert any(e["label"] == p["kind"] and (e["start"], e["end"]) == (
            p["span_start"], p["span_end"]) for e in doc["entities"]), p
