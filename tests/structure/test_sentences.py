"""Sentences: split at 。；！？ and line ends, never inside 《》 “” brackets or numbers."""
import pytest

from extractor.structure.sentences import split_sentences

from . import seed_text

CASES = [
    # (text, sentences)
    ("坚持标准。提升能力；完善机制！是否可行？", ["坚持标准。", "提升能力；", "完善机制！", "是否可行？"]),
    ("一、总体要求\n（一）政府主导，统一规划。根据县域卫生规划，统筹资源。",
     ["一、总体要求", "（一）政府主导，统一规划。", "根据县域卫生规划，统筹资源。"]),
    ("医护比不低于1∶1.25，床位使用率3.5%。下一句。", ["医护比不低于1∶1.25，床位使用率3.5%。", "下一句。"]),
    ("1.补齐薄弱专科。在建设基础上加强。", ["1.补齐薄弱专科。", "在建设基础上加强。"]),
    ("根据《关于印发XX。的通知》精神，制定本方案。", ["根据《关于印发XX。的通知》精神，制定本方案。"]),
    ("指出：“坚持问题导向。不断提高水平。”要求各地落实。",
     ["指出：“坚持问题导向。不断提高水平。”", "要求各地落实。"]),
    ("住院率达到85%左右（遂溪县达到80%左右；其他县达到85%）。完成。",
     ["住院率达到85%左右（遂溪县达到80%左右；其他县达到85%）。", "完成。"]),
    ("挂牌运行;龙湖区结合政策。", ["挂牌运行;", "龙湖区结合政策。"]),           # ASCII semicolon
    ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    ("服务.下一步工作", ["服务.", "下一步工作"]),                                # full stop between Chinese
    ("未闭合（括号。继续。", ["未闭合（括号。", "继续。"]),                       # an unclosed bracket protects nothing
    ("  列表项一\n列表项二  \n\n", ["列表项一", "列表项二"]),                     # line ends split, trimmed
]


@pytest.mark.parametrize("text,expected", CASES)
def test_split(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_offsets_on_seeds(seed):
    text = seed_text(seed)
    sentences = split_sentences(text)
    assert sentences
    for s in sentences:
        assert text[s.start:s.end] == s.text == s.text.strip()
        assert "\n" not in s.text
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    # every non-space character belongs to a sentence
    covered = sum(len(s.text) for s in sentences)
    assert covered == len(text) - text.count("\n") - sum(
        len(x) - len(x.strip()) for x in text.split("\n"))
