"""Every format of one document cleans to the same text, with the same header facts.

From each seed the real tools make a DOCX (python-docx, with automatic numbering and
a table), a PDF and a DOC (LibreOffice, from that DOCX) and a GB18030 copy; the HTML
page around each seed is tested in tests/ingest/test_html.py.
"""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import SEEDS, char_similarity, needs
from fixtures.make_fixtures import build_docx, find_soffice

from extractor.pipeline import ExtractOptions, extract

STRUCTURE_ONLY = ExtractOptions(recognise=False)
HEADER = ("title", "doc_kind", "status", "issuer", "date", "doc_number")


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """{seed stem: {format: file}} made once per test session."""
    needs("soffice")
    out = tmp_path_factory.mktemp("formats")
    files: dict[str, dict[str, Path]] = {}
    docxs = []
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        gb = out / f"{seed.stem}.gb18030.txt"
        gb.write_bytes(text.encode("gb18030"))
        docx = build_docx(text, out / f"{seed.stem}.docx")
        docxs.append(docx)
        files[seed.stem] = {"txt": seed, "gb18030": gb, "docx": docx}
    # one LibreOffice start for all the conversions of a format
    for fmt, target in (("pdf", "pdf"), ("doc", "doc:MS Word 97")):
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [find_soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                 "--convert-to", target, "--outdir", str(out / fmt), *map(str, docxs)],
                check=True, capture_output=True, timeout=600)
        for seed in SEEDS:
            files[seed.stem][fmt] = out / fmt / f"{seed.stem}.{fmt}"
    return files


@pytest.fixture(scope="session")
def reference() -> dict[str, object]:
    return {seed.stem: extract(seed, STRUCTURE_ONLY) for seed in SEEDS}


@pytest.mark.parametrize("fmt", ["gb18030", "docx", "pdf", "doc"])
@pytest.mark.parametrize("seed", [s.stem for s in SEEDS])
def test_every_format_cleans_to_the_seed_text(converted, reference, seed, fmt):
    got = extract(converted[seed][fmt], STRUCTURE_ONLY)
    want = reference[seed]
    assert got.format == {"gb18030": "txt"}.get(fmt, fmt)
    assert char_similarity(got.text, want.text) >= 0.99
    for field in HEADER:
        assert getattr(got.document, field) == getattr(want.document, field), field


def test_a_pdf_named_docx_is_read_as_a_pdf(converted, tmp_path):
    fake = tmp_path / "plan.docx"
    fake.write_bytes(converted[SEEDS[4].stem]["pdf"].read_bytes())
    assert extract(fake, STRUCTURE_ONLY).format == "pdf"
