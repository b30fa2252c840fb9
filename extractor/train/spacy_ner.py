"""Train the spaCy NER that ships in ``models/ner``, with spaCy's own config and loop.

The config is ``extractor/data/ner.cfg``; each paragraph of each gold document is one
training Doc. Where gold spans overlap (a MONEY inside a STAT) the longer span is kept:
the model is a second opinion for recall, the rules keep the nested, normalisable spans.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from ..recognise.learned import paragraphs  # (extractor.recognise hides torch from spaCy)
from .examples import Example, data_hash

CONFIG = "ner.cfg"


def to_docs(nlp: Any, examples: list[Example]) -> list[Any]:
    from spacy.util import filter_spans

    docs = []
    for ex in examples:
        for a, b in paragraphs(ex.text):
            doc = nlp.make_doc(ex.text[a:b])
            spans = [doc.char_span(s - a, e - a, label=lab)
                     for s, e, lab in ex.spans if a <= s and e <= b]
            doc.ents = filter_spans([sp for sp in spans if sp is not None])
            docs.append(doc)
    return docs


def train(examples: list[Example], output: Path, *, seed: int = 0, epochs: int | None = None,
          max_steps: int | None = None) -> dict[str, Any]:
    """Train on ``examples`` and write the model to ``output``; returns its summary."""
    import spacy
    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    cfg = resources.files("extractor.data").joinpath(CONFIG).read_text(encoding="utf-8")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "char"}}})
    docs = to_docs(nlp, examples)
    with tempfile.TemporaryDirectory(prefix="policyx-train-") as tmp:
        work = Path(tmp)
        DocBin(docs=docs).to_disk(work / "train.spacy")
        (work / CONFIG).write_text(cfg, encoding="utf-8")
        overrides: dict[str, Any] = {
            "paths.train": str(work / "train.spacy"),
            # no documents are spared for a dev set: the loop's scores are training scores,
            # and model-last (not a "best" picked on them) is what ships
            "paths.dev": str(work / "train.spacy"),
            "system.seed": seed,
        }
        if epochs is not None:
            overrides["training.max_epochs"] = epochs
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
        spacy_train(work / CONFIG, work / "out", overrides=overrides)
        model = spacy.load(work / "out" / "model-last")
    summary = {
        "backend": "spacy",
        "data_hash": data_hash(examples),
        "documents": sorted(ex.file for ex in examples),
        "paragraphs": len(docs),
        "spans": sum(len(d.ents) for d in docs),
        "labels": sorted(model.get_pipe("ner").labels),
        "seed": seed,
    }
    model.meta["name"] = "policyx_ner"
    model.meta["description"] = "policyx NER trained from corpora/gold (policyx train)"
    model.meta["policyx"] = summary
    _replace_dir(output, model.to_disk)
    summary["size_bytes"] = sum(f.stat().st_size for f in output.rglob("*") if f.is_file())
    (output / "policyx.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    return summary


def _replace_dir(target: Path, write: Any) -> None:
    """Write a model folder next to ``target`` and swap it in, so a failure keeps the old."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        write(tmp)
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
