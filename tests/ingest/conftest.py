"""Fixtures for the DOCX and office readers: documents made once per session.

python-docx builds the seed DOCX in milliseconds; every LibreOffice run costs seconds,
so each conversion is a session fixture cached in one temporary folder.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS_DIR, needs
from fixtures import make_fixtures

# 002 has both list levels, restarts after every 一、 and a skipped number (（二） then （四））
NUMBERED_SEED = SEEDS_DIR / "002_eb7a27bd3a9b5ff0.txt"
PAGE_HEADER = "湛江市卫生健康局文件"


@pytest.fixture(scope="session")
def numbered_seed() -> Path:
    return NUMBERED_SEED


@pytest.fixture(scope="session")
def page_header() -> str:
    return PAGE_HEADER


@pytest.fixture(scope="session")
def office_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("office")


@pytest.fixture(scope="session")
def numbered_docx(office_dir: Path) -> Path:
    """The numbered seed as a DOCX with auto-numbered 一、/（一）, a table, a page
    header and page numbers in the footer."""
    return make_fixtures.build_docx(NUMBERED_SEED.read_text(encoding="utf-8"),
                                    office_dir / "numbered.docx",
                                    header=PAGE_HEADER, page_numbers=True)


@pytest.fixture(scope="session")
def numbered_doc(numbered_docx: Path, office_dir: Path) -> Path:
    """The numbered DOCX saved by LibreOffice as Word 97 (.doc)."""
    needs("soffice")
    return make_fixtures.convert(numbered_docx, "doc", office_dir / "doc")


@pytest.fixture(scope="session")
def libreoffice_text(numbered_docx: Path, office_dir: Path) -> str:
    """How LibreOffice itself renders the numbered DOCX, from its text export."""
    needs("soffice")
    return make_fixtures.convert(numbered_docx, "txt", office_dir / "txt").read_text(
        encoding="utf-8-sig")


@pytest.fixture(scope="session")
def realdoc_01_as_docx(shared: Path, office_dir: Path) -> Path:
    """The WPS-written .doc under a .docx name: the reader must go by content."""
    target = office_dir / "海南农机补贴通知.docx"
    shutil.copyfile(shared / "realdocs" / "01_hainan_nongji_subsidy_notice.doc", target)
    return target


@pytest.fixture(scope="session")
def realdoc_01_read(realdoc_01_as_docx: Path):
    """Real .doc 01 read through LibreOffice (one conversion for all tests)."""
    needs("soffice")
    from extractor.ingest import read_file

    return read_file(realdoc_01_as_docx)


@pytest.fixture(scope="session")
def encrypted(numbered_docx: Path, office_dir: Path) -> dict[str, Path]:
    """A DOC and an ODT that LibreOffice saved with a password (one LibreOffice run)."""
    needs("soffice")
    paths = {"doc": office_dir / "加密.doc", "odt": office_dir / "加密.odt"}
    make_fixtures.save_with_password(numbered_docx, {paths["doc"]: "MS Word 97",
                                                     paths["odt"]: "writer8"})
    return paths
