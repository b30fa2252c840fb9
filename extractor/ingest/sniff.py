"""Tell a file's format from its content, never from its name."""
from __future__ import annotations

import io
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes) -> str:
    """Return one of pdf, docx, odt, zip, doc, wps, xls, ole, rtf, html, text, binary, empty."""
    if not data.strip():
        return "empty"
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return _sniff_zip(data)
    if data[:8] == OLE_MAGIC:
        return _sniff_ole(data)
    if head.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if _looks_binary(head):
        return "binary"
    low = head.lower()
    if (b"<html" in low or b"<!doctype html" in low or b"<body" in low
            or (b"<div" in low and b"</div>" in data[:65536].lower())):
        return "html"
    return "text"


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        # A truncated DOCX still starts with its first member's name.
        return "docx" if b"word/" in data[:4096] or b"[Content_Types]" in data[:4096] else "zip"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _sniff_ole(data: bytes) -> str:
    # Directory entries hold stream names in UTF-16; the names tell Word from Excel.
    from .office import CompoundFile

    try:
        streams = set(CompoundFile(data).streams)
    except Exception:  # a broken directory: fall back to the names' bytes
        streams = set()
    if "EncryptedPackage" in streams:
        return "encrypted"  # a password-protected DOCX/XLSX: office.read says so
    if "WordDocument" in streams or _utf16("WordDocument") in data:
        return "doc"
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return "xls"
    if _utf16("WpsContent") in data or _utf16("WPS") in data:
        return "wps"
    return "ole"


def _looks_binary(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False  # UTF-16 with BOM
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte of ASCII; garbage has them anywhere.
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        return not (even > len(head) // 4 or odd > len(head) // 4)
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > len(head) * 0.05
