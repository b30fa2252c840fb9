"""Gold documents as training examples: the cleaned text and its labelled spans."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PolicyxError
from ..evaluate import load_gold

# The labels a learned recogniser predicts: every entity label of ANNOTATION.md.
LABELS = ("INSTITUTION", "REGION", "DEADLINE", "DATE", "MONEY", "TARGET", "STAT", "QUOTA",
          "POLICY_REF")


@dataclass
class Example:
    """One gold document: its file (as the gold names it), cleaned text and spans."""

    file: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def corpus_root(gold: Path) -> Path:
    """The folder the gold's ``file`` paths are relative to (``corpora/``)."""
    return (gold if gold.is_dir() else gold.parent).parent


def load_examples(gold: Path, only: Iterable[str] | None = None) -> list[Example]:
    """Examples of every gold document (or of those whose file is in ``only``).

    The text is re-extracted from the document, and must hash to the gold's
    ``text_sha256``: offsets of a gold made on another cleaning would be wrong.
    """
    from ..pipeline import ExtractOptions, extract

    keep = set(only) if only is not None else None
    root = corpus_root(gold)
    out: list[Example] = []
    for g in load_gold(gold):
        if keep is not None and g["file"] not in keep:
            continue
        text = extract(root / g["file"], ExtractOptions(recognise=False)).text
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if g.get("text_sha256") and sha != g["text_sha256"]:
            raise PolicyxError(f"{g['file']}: cleaned text differs from the gold's "
                               "(re-anchor the gold: scripts/gold_anchor.py)")
        spans = sorted((e["start"], e["end"], e["label"]) for e in g["entities"]
                       if e["label"] in LABELS)
        out.append(Example(g["file"], text, spans))
    return out


def data_hash(examples: Iterable[Example]) -> str:
    """A short hash of the training data, recorded with every trained model."""
    h = hashlib.sha256()
    for ex in sorted(examples, key=lambda e: e.file):
        h.update(ex.file.encode() + b"\0" + ex.text.encode("utf-8") + b"\0")
        for a, b, lab in ex.spans:
            h.update(f"{a},{b},{lab};".encode())
    return h.hexdigest()[:16]
