"""Tests of the structure stage; ``seed_text`` gives a seed as the pipeline cleans it."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from extractor.clean import clean

SEEDS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "seeds"
SEED = {p.name[:3]: p for p in SEEDS_DIR.glob("*.txt")}

# Seed 003 was scraped from a spam site that injects this token; until the spam
# detector (extractor/spam.py) removes it, the test set-up does.
_INJECTED = "PG电子"


@cache
def seed_text(key: str) -> str:
    """The cleaned text of seed ``key`` ("000" … "004"), as the pipeline will produce it."""
    text = clean(SEED[key].read_text(encoding="utf-8")).text.replace(_INJECTED, "")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())
