"""Plain text in any Chinese encoding (UTF-8/16, GB18030, Big5), detected by charset-normalizer."""
from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import UnsupportedFormat, warning
from .base import Block, IngestOptions, RawDocument

# charset-normalizer may name a GB superset by its subset; decoding with the superset
# never loses characters that the subset decodes.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode bytes of unknown encoding; return text and warnings."""
    warnings: list[str] = []
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), warnings
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise UnsupportedFormat("binary data or unknown text encoding", name)
    enc = _SUPERSET.get(best.encoding.lower().replace("_", ""), best.encoding)
    text = data.decode(enc, errors="replace")
    if best.chaos > 0.2:
        warnings.append(warning("PX-W03", encoding=enc))
    return text, warnings


def read(path: Path, data: bytes, options: IngestOptions, fmt: str = "text") -> RawDocument:
    text, warnings = decode(data, str(path))
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    if bad > max(8, len(text) * 0.02):
        raise UnsupportedFormat("binary data, not text in a known encoding", str(path))
    blocks = [Block(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return RawDocument(format="txt", blocks=blocks, warnings=warnings)
