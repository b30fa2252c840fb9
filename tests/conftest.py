"""Shared fixtures: the seed documents, a similarity measure, the shared corpus."""
from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "corpora" / "seeds"
SHARED = ROOT.parent / "shared"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def char_similarity(a: str, b: str) -> float:
    """Share of characters the two texts have in common, aligned (1.0 = equal).

    Lines are aligned first, then characters inside changed blocks, which keeps
    difflib fast on 50k-character documents.
    """
    if a == b:
        return 1.0
    la, lb = a.split("\n"), b.split("\n")
    same = 0
    sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            same += sum(len(x) + 1 for x in la[i1:i2])
        else:
            xa, xb = "\n".join(la[i1:i2]), "\n".join(lb[j1:j2])
            inner = difflib.SequenceMatcher(None, xa, xb, autojunk=False)
            same += sum(bl.size for bl in inner.get_matching_blocks())
    return 2 * same / (len(a) + len(b) + 2) if (a or b) else 1.0


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return SEEDS


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


def needs(tool: str) -> None:
    """Skip when an external tool is missing (the Makefile installs it)."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (run `make setup` as root)")
