"""`policyx train --backend transformers`: one seeded fine-tuning step of a local model.

A tiny BERT built here is the base; the gold is cut down to one seed document so a
run takes seconds. The trained folder must load in the recogniser, and the same seed
must give the same weights.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from click.testing import CliRunner  # noqa: E402
from conftest import ROOT, SEEDS  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

from extractor.cli import cli  # noqa: E402
from extractor.recognise.hf_backend import load  # noqa: E402
from extractor.train.examples import data_hash, load_examples  # noqa: E402
from extractor.train.hf import TAGS  # noqa: E402

from .tiny_bert import build_tiny_bert  # noqa: E402


@pytest.fixture(scope="module")
def gold(tmp_path_factory) -> Path:
    """The gold of the first seed alone, laid out as corpora/ is (gold/ beside seeds/)."""
    root = tmp_path_factory.mktemp("corpus")
    first = (ROOT / "corpora" / "gold" / "gold.jsonl").read_text("utf-8").splitlines()[0]
    record = json.loads(first)
    (root / "gold").mkdir()
    (root / "gold" / "gold.jsonl").write_text(first + "\n", "utf-8")
    (root / "seeds").mkdir()
    shutil.copy(ROOT / "corpora" / record["file"], root / record["file"])
    return root / "gold"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    return build_tiny_bert(tmp_path_factory.mktemp("tiny-bert"), SEEDS, tags=TAGS)


def train(base: Path, gold: Path, out: Path, *extra: str) -> dict:
    result = CliRunner().invoke(cli, ["train", "--backend", "transformers", "--base", str(base),
                                      "--gold", str(gold), "-o", str(out), "--max-steps", "1",
                                      *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def weights(folder: Path) -> dict:
    return load_file(folder / "model.safetensors")


def same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(a[k].equal(b[k]) for k in a)


def test_one_step_writes_a_model_the_recogniser_loads(tiny, gold, tmp_path):
    summary = train(tiny, gold, tmp_path / "hf-ner")
    assert summary["steps"] == 1 and summary["head"] == "kept" and summary["seed"] == 0
    assert summary["data_hash"] == data_hash(load_examples(gold))
    assert summary["base"] == tiny.name and summary["tags"] == TAGS
    assert json.loads((tmp_path / "hf-ner" / "policyx.json").read_text("utf-8")) == summary
    assert not same(weights(tmp_path / "hf-ner"), weights(tiny)), "one update changes weights"

    rec = load(tmp_path / "hf-ner")
    assert rec.meta["data_hash"] == summary["data_hash"]
    text = SEEDS[0].read_text("utf-8")[:300]
    assert all(0 <= a < b <= len(text) for a, b, _ in rec.predict(text))


def test_same_seed_same_weights(tiny, gold, tmp_path):
    train(tiny, gold, tmp_path / "a", "--seed", "7")
    train(tiny, gold, tmp_path / "b", "--seed", "7")
    train(tiny, gold, tmp_path / "c", "--seed", "8")
    assert same(weights(tmp_path / "a"), weights(tmp_path / "b"))
    assert not same(weights(tmp_path / "a"), weights(tmp_path / "c"))


def test_a_bare_encoder_gets_a_new_head_with_our_tags(gold, tmp_path):
    # As a downloaded bert-base-chinese: an encoder without a token-classification head.
    base = build_tiny_bert(tmp_path / "bare", SEEDS[:1])
    summary = train(base, gold, tmp_path / "out")
    assert summary["head"] == "new"
    assert load(tmp_path / "out").tags == TAGS
    # The encoder's pretrained weights are kept (one small step away), not re-initialised.
    before = weights(base)["embeddings.word_embeddings.weight"]
    after = weights(tmp_path / "out")["bert.embeddings.word_embeddings.weight"]
    assert (after - before).abs().max() < 1e-3


def test_a_folder_that_is_not_a_model_is_a_one_line_error(gold, tmp_path):
    (tmp_path / "notes").mkdir()
    run = subprocess.run([sys.executable, "cli.py", "train", "--backend", "transformers",
                          "--base", str(tmp_path / "notes"), "--gold", str(gold),
                          "-o", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"policyx: {tmp_path / 'notes'}: not a Hugging Face model folder (no config.json)"]
    assert not (tmp_path / "out").exists()
