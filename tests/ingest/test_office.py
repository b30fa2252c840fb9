"""DOC, WPS, RTF, ODT: LibreOffice converts them to DOCX; antiword reads DOC without it.

Real files: realdocs/01 (a .doc written by WPS Office) and DOC files LibreOffice saves
from the seed DOCX of tests/fixtures/make_fixtures.py.
"""
from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from conftest import char_similarity, needs
from fixtures.make_fixtures import encrypted_docx_stand_in, make_compound_file

from extractor.clean import clean
from extractor.errors import ConversionFailed, EncryptedFile, MissingDependency
from extractor.ingest import IngestOptions, office, read_bytes, read_file, sniff


@pytest.fixture
def no_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine without LibreOffice."""
    which = shutil.which
    monkeypatch.setattr(office.shutil, "which",
                        lambda name: None if name in ("soffice", "libreoffice") else which(name))


@pytest.mark.slow
def test_wps_written_doc_through_libreoffice(realdoc_01_read) -> None:
    doc = realdoc_01_read
    assert doc.format == "doc"  # named .docx, sniffed as a Word 97 file
    assert doc.meta == {"converter": "libreoffice"}  # no title invented for the file
    lines = clean(doc.text).text.split("\n")
    assert lines[:3] == ["海南省农业农村厅 海南省财政厅", "关于印发2024-2026年海南省农机",
                         "购置与应用补贴实施方案的通知"]
    assert "（此件主动公开）" in lines
    for heading in ("一、总体要求", "二、实施重点", "三、补贴范围和补贴机具"):
        assert heading in lines
    assert "（一）常规机具" in lines
    # the file itself breaks the paragraph before the last character
    assert "附件：2024—2026年海南省农机购置与应用补贴机具种类范\n围" in doc.text
    assert "补贴额测算比例不超过上年同档次产品市场销售均价的30%" in doc.text


@pytest.mark.slow
def test_the_same_doc_through_antiword(no_soffice: None, realdoc_01_as_docx: Path,
                                       realdoc_01_read) -> None:
    needs("antiword")
    doc = read_file(realdoc_01_as_docx)
    assert doc.format == "doc" and doc.meta["converter"] == "antiword"
    assert "一、总体要求" in clean(doc.text).text.split("\n")
    # two converters, one text
    assert char_similarity(clean(doc.text).text, clean(realdoc_01_read.text).text) > 0.99


@pytest.mark.slow
def test_a_failing_libreoffice_falls_back_to_antiword(realdoc_01_as_docx: Path) -> None:
    needs("antiword")
    doc = read_file(realdoc_01_as_docx, {"soffice": "/bin/false"})
    assert doc.meta["converter"] == "antiword"
    assert doc.warnings == [
        "PX-W09 LibreOffice failed (soffice made no DOCX (exit code 1: no message)); "
        "read with antiword: numbering and tables may be lost"]
    assert "二、实施重点" in doc.text


def test_no_converter_at_all_names_the_package(monkeypatch: pytest.MonkeyPatch,
                                               realdoc_01_as_docx: Path) -> None:
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    with pytest.raises(MissingDependency, match="apt-get install libreoffice-writer-nogui antiword"):
        read_file(realdoc_01_as_docx)


def test_a_hanging_libreoffice_is_killed_with_its_children(tmp_path: Path) -> None:
    # A stand-in soffice that starts a child (as soffice starts soffice.bin) and hangs.
    pids = tmp_path / "pids"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pids}\nwait\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    rtf = b"{\\rtf1\\ansi \\u36890?\\u30693? notice}"
    with pytest.raises(ConversionFailed, match=r"soffice timed out after 0\.5 s; raise --convert-timeout"):
        read_bytes(rtf, "通知.rtf", {"soffice": str(fake), "convert_timeout": 0.5})
    child = int(pids.read_text())
    for _ in range(50):  # the killed child may linger a moment as a zombie
        if not _running(child):
            break
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.slow
def test_libreoffice_doc_keeps_the_automatic_numbering(numbered_doc: Path,
                                                       numbered_seed: Path) -> None:
    assert sniff(numbered_doc.read_bytes()) == "doc"
    doc = read_file(numbered_doc)
    assert doc.format == "doc"
    assert clean(doc.text).text == clean(numbered_seed.read_text(encoding="utf-8")).text
    kinds = {b.text[:8]: b.kind for b in doc.blocks}
    assert kinds["四、工作要求"] == "heading"
    assert kinds["（四）营造良好氛"] == "list_item"
    assert any(b.kind == "table_row" for b in doc.blocks)


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "message"), [("doc", "password-protected DOC"),
                                              ("odt", "password-protected ODF document")])
def test_password_protected_files_are_refused_before_conversion(
        encrypted: dict[str, Path], fmt: str, message: str) -> None:
    data = encrypted[fmt].read_bytes()
    assert sniff(data) == fmt
    with pytest.raises(EncryptedFile, match=message):
        read_bytes(data, encrypted[fmt].name, {"soffice": "/bin/false"})  # never started


def test_password_protected_docx_is_refused() -> None:
    with pytest.raises(EncryptedFile, match="encrypted DOCX/XLSX package"):
        office.read(Path("加密.docx"), encrypted_docx_stand_in(), IngestOptions(), fmt="doc")


def test_compound_file_directory() -> None:
    data = make_compound_file({"WordDocument": b"\xec\xa5" + bytes(30), "1Table": os.urandom(5000)})
    cfb = office.CompoundFile(data)
    assert cfb.streams.keys() == {"WordDocument", "1Table"}
    assert cfb.read("WordDocument", 4) == b"\xec\xa5\0\0"
    assert len(cfb.read("1Table", 10_000)) == 5120  # padded to whole sectors
    with pytest.raises(ValueError):
        office.CompoundFile(data[:300])
