"""Fixtures for the compare/diff/cites tests: one extraction of the seeds, one browser."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor.records import load_records

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "corpora" / "seeds"
ARTIFACTS = ROOT / "out" / "test-artifacts"  # out/ is gitignored; screenshots land here

# FIELD_NOTES.md: flags that keep Debian's Chromium off this network's refused services.
# playwright adds --headless and a fresh temporary --user-data-dir itself.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"]


@pytest.fixture(scope="session")
def seed_records() -> list[dict]:
    """The five seeds, extracted once per test session (about 5 s)."""
    records = load_records([SEEDS_DIR])
    assert len(records) == 5
    return records


@pytest.fixture(scope="session")
def seed_jsonl(seed_records, tmp_path_factory) -> Path:
    """The seeds' extraction as ``policyx extract -o`` writes it."""
    path = tmp_path_factory.mktemp("extract") / "extract.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for rec in seed_records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by playwright (never a downloaded browser)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium not installed: `make setup` (as root) installs Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright not installed: pip install -e '.[dev]'")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def open_page(browser):
    """``open_page(path)`` → (page, problems): console errors and uncaught exceptions."""
    pages = []

    def _open(path: Path):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"requestfailed: {r.url}"))
        page.goto(path.resolve().as_uri())
        pages.append(page)
        return page, problems

    yield _open
    for page in pages:
        page.close()
