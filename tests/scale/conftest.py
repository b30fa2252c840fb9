"""Small corpora for the store and parallel tests: copies of the seeds and a corrupt DOCX."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def make_corpus(folder: Path, copies: int = 1, corrupt: bool = True) -> Path:
    """``copies`` copies of the five seeds (writable), plus a DOCX cut in half."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(copies):
        for seed in SEEDS:
            target = folder / f"{k}_{seed.name}"
            shutil.copyfile(seed, target)  # copyfile: the seeds are read-only, copies are not
    if corrupt:
        import docx

        whole = folder / "whole.docx"
        d = docx.Document()
        d.add_paragraph("关于印发某方案的通知")
        d.save(whole)
        data = whole.read_bytes()
        whole.unlink()
        (folder / "corrupt.docx").write_bytes(data[: len(data) // 2])
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The five seeds and a corrupt DOCX in a folder of their own."""
    return make_corpus(tmp_path / "docs")
