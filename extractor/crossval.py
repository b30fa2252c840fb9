"""Leave-one-document-out cross-validation: rules vs the trained model vs the hybrid.

For each gold document, a spaCy NER is trained on the other documents (cached by the
hash of its training data, so a second run only scores) and the document is extracted
with each recognizer. Scores are pooled over the folds (micro-averaged), per label.
The rules are the same in every fold: they were written with all seeds in view, so
their figures here are closer to training accuracy than to unseen documents'; the
held-out gold in ``corpora/heldout`` is the check on that.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .evaluate import LABELS, Report, evaluate, load_gold
from .pipeline import ExtractOptions, extract
from .segment import cache_dir
from .train.examples import corpus_root, data_hash, load_examples

RECOGNIZERS = ("rules", "model", "hybrid")


def cross_validate(gold: Path, seed: int = 0, epochs: int | None = None,
                   log: Callable[[str], None] = print,
                   cache: Path | None = None) -> dict[str, Report]:
    """One :class:`Report` per recognizer, pooled over leave-one-out folds; fold models
    are kept in ``cache`` (default: the policyx cache folder)."""
    from .train.spacy_ner import train

    gold_docs = load_gold(gold)
    examples = load_examples(gold)
    root = corpus_root(gold)
    preds: dict[str, dict[str, dict]] = {r: {} for r in RECOGNIZERS}
    for held in examples:
        rest = [ex for ex in examples if ex.file != held.file]
        folder = (cache or cache_dir() / "cv") / f"{data_hash(rest)}-s{seed}-e{epochs or 0}"
        if not (folder / "meta.json").is_file():
            log(f"fold {held.file}: training on {len(rest)} documents → {folder}")
            train(rest, folder, seed=seed, epochs=epochs)
        for r in RECOGNIZERS:
            opts = ExtractOptions(recognizer=r, ner_model=str(folder))
            preds[r][held.file] = extract(root / held.file, opts).to_dict()
    return {r: evaluate(gold_docs, preds[r]) for r in RECOGNIZERS}


def format_comparison(reports: dict[str, Report], mode: str = "overlap",
                      title: str = "") -> str:
    """A table of P/R/F1 per label (rows) and recognizer (column groups)."""
    names = list(reports)
    dicts = {r: reports[r].to_dict()["entities"][mode] for r in names}
    head = f"{'label':<12}" + "".join(f" | {r:^20}" for r in names)
    sub = f"{'':<12}" + "".join(f" | {'P':>6}{'R':>7}{'F1':>7}" for _ in names)
    lines = [f"entities ({mode} span){', ' + title if title else ''}", head, sub]
    for lab in (*LABELS, "ALL"):
        row = f"{lab:<12}"
        for r in names:
            d = dicts[r].get(lab)
            row += (f" | {d['precision']:>6.3f}{d['recall']:>7.3f}{d['f1']:>7.3f}" if d
                    else f" | {'-':>6}{'-':>7}{'-':>7}")
        lines.append(row)
    prov = "  ".join(f"{r}: F1 {reports[r].provisions.f1:.3f}" for r in names)
    lines.append(f"provisions   {prov}")
    return "\n".join(lines)
