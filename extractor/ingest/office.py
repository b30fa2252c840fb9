"""Legacy office files (DOC, WPS, RTF, ODT): LibreOffice converts them to DOCX.

LibreOffice runs headless in a private profile under a timeout, and its DOCX is read by
:mod:`.docx`, so numbering and tables come out as for any DOCX. For DOC, antiword is the
fallback when LibreOffice is missing or fails (plain text: no numbering, tables as rows
of cells).

Password-protected files are refused before any converter sees them: an encrypted DOCX
or XLSX is an OLE compound file with an ``EncryptedPackage`` stream (sniff() calls it
"ole"), an encrypted DOC has the fEncrypted flag in its FIB, an encrypted ODT lists
encryption data in its manifest.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zipfile
from array import array
from pathlib import Path

from ..errors import ConversionFailed, EncryptedFile, MissingDependency, warning
from . import docx as docx_reader
from .base import Block, IngestOptions, RawDocument
from .sniff import OLE_MAGIC

APT_PACKAGE = "libreoffice-writer-nogui"
EXTENSIONS = {"doc": ".doc", "wps": ".wps", "rtf": ".rtf", "odt": ".odt", "docx": ".docx"}


def read(path: Path, data: bytes, options: IngestOptions, fmt: str = "doc") -> RawDocument:
    """Read a DOC, WPS, RTF or ODT file through LibreOffice (or antiword for DOC)."""
    name = str(path)
    check_not_encrypted(data, name)
    soffice = find_soffice(options)
    antiword = shutil.which("antiword") if fmt == "doc" else None
    if soffice is None and antiword is None:
        also = " or antiword" if fmt == "doc" else ""
        raise MissingDependency(
            f"reading {fmt.upper()} needs LibreOffice{also}: apt-get install {APT_PACKAGE}"
            f"{' antiword' if also else ''} (the project's Makefile installs it)", name)
    failure: ConversionFailed | None = None
    if soffice is not None:
        try:
            return _read_with_soffice(data, fmt, soffice, options, name)
        except ConversionFailed as e:
            if antiword is None:
                if fmt == "doc":
                    e.message += "; or install antiword to read .doc without LibreOffice"
                raise
            failure = e
    assert antiword is not None
    doc = read_with_antiword(data, antiword, options.convert_timeout, name)
    if failure is not None:
        doc.warnings.append(warning("PX-W09", cause=failure.message))
    return doc


def find_soffice(options: IngestOptions) -> str | None:
    """The LibreOffice program: ``options.soffice`` if set, else soffice on PATH."""
    if options.soffice:
        found = shutil.which(options.soffice)
        if found is None:
            raise MissingDependency(f"LibreOffice not found at {options.soffice} (--soffice)")
        return found
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(src: Path, target: str, outdir: Path, soffice: str, timeout: float) -> Path:
    """Convert ``src`` with LibreOffice to ``target`` ("docx", "doc", "pdf", or
    "ext:Filter Name") in ``outdir``; return the new file.

    Each call has its own LibreOffice profile (two soffice processes cannot share one)
    and its own process group, killed whole on timeout: soffice starts soffice.bin,
    which a plain kill of the first process leaves running.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="policyx-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", target,
               "--outdir", str(outdir), str(src)]
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True)
        except OSError as e:
            raise ConversionFailed(f"cannot run {soffice}: {e.strerror or e}") from None
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise ConversionFailed(
                f"soffice timed out after {timeout:g} s; raise --convert-timeout") from None
    result = outdir / (src.stem + "." + target.split(":", 1)[0])
    if not result.is_file() or result.stat().st_size == 0:
        said = _last_line(err) or _last_line(out) or "no message"
        raise ConversionFailed(
            f"soffice made no {result.suffix[1:].upper()} (exit code {proc.returncode}: {said})")
    return result


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()


def _last_line(raw: bytes) -> str:
    lines = [x.strip() for x in raw.decode("utf-8", "replace").splitlines()]
    # LibreOffice's start-up noise says nothing about the file
    lines = [x for x in lines if x and "javaldx" not in x]
    return lines[-1] if lines else ""


def _read_with_soffice(data: bytes, fmt: str, soffice: str, options: IngestOptions,
                       name: str) -> RawDocument:
    with tempfile.TemporaryDirectory(prefix="policyx-office-") as tmp:
        # The file may be named anything; soffice wants an extension that fits its content.
        src = Path(tmp) / ("document" + EXTENSIONS.get(fmt, ".doc"))
        src.write_bytes(data)
        try:
            out = soffice_convert(src, "docx", Path(tmp) / "out", soffice,
                                  options.convert_timeout)
        except ConversionFailed as e:
            e.path = name
            raise
        converted = out.read_bytes()
    doc = docx_reader.read(Path(name), converted, options, fmt=fmt)
    doc.meta.pop("application", None)  # LibreOffice wrote the DOCX, not the original
    doc.meta["converter"] = "libreoffice"
    return doc


def read_with_antiword(data: bytes, antiword: str, timeout: float, name: str) -> RawDocument:
    """Read a .doc with antiword: one block per paragraph, table rows tab-separated."""
    with tempfile.TemporaryDirectory(prefix="policyx-antiword-") as tmp:
        src = Path(tmp) / "document.doc"
        src.write_bytes(data)
        try:
            # -w 0: one line per paragraph instead of lines wrapped at 76 columns
            proc = subprocess.run([antiword, "-w", "0", "-m", "UTF-8.txt", str(src)],
                                  capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ConversionFailed(
                f"antiword timed out after {timeout:g} s; raise --convert-timeout", name) from None
    if proc.returncode != 0:
        said = _last_line(proc.stderr) or _last_line(proc.stdout) or "no message"
        raise ConversionFailed(f"antiword failed (exit code {proc.returncode}: {said})", name)
    blocks = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        cells = line.strip().split("|")
        if len(cells) > 2 and cells[0] == "" and cells[-1] == "":
            # antiword draws a table row as |cell|cell|
            blocks.append(Block("\t".join(c.strip() for c in cells[1:-1]), "table_row"))
        else:
            blocks.append(Block(line.rstrip()))
    return RawDocument(format="doc", blocks=blocks, meta={"converter": "antiword"})


# --------------------------------------------------------------------------- encryption

def check_not_encrypted(data: bytes, name: str) -> None:
    """Raise :class:`EncryptedFile` for a password-protected DOCX/XLSX, DOC or ODT."""
    if data[:8] == OLE_MAGIC:
        try:
            cfb = CompoundFile(data)
        except (ValueError, struct.error, IndexError):
            return  # unreadable directory: leave the verdict to the converter
        if "EncryptedPackage" in cfb.streams:
            raise EncryptedFile(
                "password-protected Office document (an encrypted DOCX/XLSX package); "
                "open it with the password and save a copy without one", name)
        if "WordDocument" in cfb.streams:
            try:
                fib = cfb.read("WordDocument", 12)
            except (ValueError, struct.error, IndexError):
                return
            # FIB base: wIdent 0xA5EC, then flags at 0x0A whose bit 8 is fEncrypted
            if len(fib) >= 12 and fib[:2] == b"\xec\xa5" and fib[11] & 0x01:
                raise EncryptedFile(
                    "password-protected DOC; open it with the password and save a copy "
                    "without one", name)
    elif data[:4] == b"PK\x03\x04":
        try:
            z = zipfile.ZipFile(io.BytesIO(data))
            info = z.getinfo("META-INF/manifest.xml")
            manifest = z.read(info) if info.file_size < 1 << 20 else b""
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
            return
        if b"encryption-data" in manifest:
            raise EncryptedFile(
                "password-protected ODF document; open it with the password and save a "
                "copy without one", name)


_FREE = 0xFFFFFFFA  # sector numbers from here on are markers (end of chain, free, ...)


class CompoundFile:
    """Just enough of an OLE compound file (MS-CFB) to list its streams and read one.

    ``streams`` maps every stream name to (first sector, size). Raises ValueError on a
    file that is not a well-formed compound file.
    """

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or data[:8] != OLE_MAGIC:
            raise ValueError("not an OLE compound file")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError("bad sector size")
        self.sector = 1 << shift
        n_fat, dir_start = struct.unpack_from("<II", data, 0x2C)
        self.cutoff, minifat_start, n_minifat, difat_start, n_difat = struct.unpack_from(
            "<IIIII", data, 0x38)
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        per = self.sector // 4
        sect = difat_start
        for _ in range(min(n_difat, len(data) // self.sector)):
            if sect >= _FREE:
                break
            entries = struct.unpack_from(f"<{per}I", data, self._offset(sect))
            difat += entries[:-1]
            sect = entries[-1]
        self.fat = _u32s(b"".join(data[self._offset(s):self._offset(s) + self.sector]
                                  for s in [s for s in difat if s < _FREE][:n_fat]))
        directory = self._chain(dir_start)
        self.streams: dict[str, tuple[int, int]] = {}
        self._root: tuple[int, int] = (0, 0)
        for i in range(0, len(directory) - 127, 128):
            entry = directory[i:i + 128]
            name_len = struct.unpack_from("<H", entry, 0x40)[0]
            kind = entry[0x42]
            start, size = struct.unpack_from("<IQ", entry, 0x74)
            if shift == 9:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            if kind == 5:
                self._root = (start, size)
            elif kind == 2 and 2 <= name_len <= 64:
                self.streams[entry[:name_len - 2].decode("utf-16-le", "replace")] = (start, size)
        self._minifat_start = minifat_start

    def _offset(self, sect: int) -> int:
        off = (sect + 1) * self.sector
        if off >= len(self.data):
            raise ValueError(f"sector {sect} lies past the end of the file")
        return off

    def _chain(self, start: int, limit: int | None = None) -> bytes:
        out = bytearray()
        sect = start
        for _ in range(len(self.fat) + 1):  # a loop in the chain cannot go on forever
            if sect >= _FREE or (limit is not None and len(out) >= limit):
                break
            off = self._offset(sect)
            out += self.data[off:off + self.sector]
            sect = self.fat[sect] if sect < len(self.fat) else _FREE
        return bytes(out)

    def read(self, name: str, limit: int) -> bytes:
        """The first ``limit`` bytes of stream ``name``."""
        start, size = self.streams[name]
        limit = min(limit, size)
        if size >= self.cutoff:
            return self._chain(start, limit)[:limit]
        # A small stream lives in the mini stream, in 64-byte sectors chained by the mini FAT.
        minifat = _u32s(self._chain(self._minifat_start))
        mini = self._chain(self._root[0], self._root[1])
        out = bytearray()
        sect = start
        for _ in range(len(minifat) + 1):
            if sect >= _FREE or len(out) >= limit:
                break
            out += mini[sect * 64:sect * 64 + 64]
            sect = minifat[sect] if sect < len(minifat) else _FREE
        return bytes(out[:limit])


def _u32s(raw: bytes) -> array:
    """Little-endian 32-bit integers, whatever this machine's byte order."""
    out = array("I")
    out.frombytes(raw[:len(raw) - len(raw) % 4])
    if sys.byteorder == "big":
        out.byteswap()
    return out
