"""Text files in the encodings Chinese offices use come out as the same text."""
import pytest

from extractor.errors import UnsupportedFormat
from extractor.ingest import read_bytes

SIMPLIFIED = "关于印发连平县紧密型县域医疗卫生共同体建设实施方案的通知\n到2025年，县域内住院率达到85%左右。\n"
TRADITIONAL = "關於印發醫療衛生服務體系規劃的通知\n到2025年，每千人口床位數達到7.5張。\n"


@pytest.mark.parametrize("text,encoding", [
    (SIMPLIFIED, "utf-8"),
    (SIMPLIFIED, "utf-8-sig"),
    (SIMPLIFIED, "utf-16"),
    (SIMPLIFIED, "gb18030"),
    (SIMPLIFIED, "gbk"),
    (TRADITIONAL, "big5"),
])
def test_encoding_is_detected(text, encoding):
    doc = read_bytes(text.encode(encoding), f"notice.{encoding}.txt")
    assert doc.format == "txt"
    assert doc.text.strip("\n") == text.strip("\n")


def test_binary_garbage_named_txt_is_refused():
    with pytest.raises(UnsupportedFormat, match="binary"):
        read_bytes(bytes(range(256)) * 20, "garbage.txt")
