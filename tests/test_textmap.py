"""MappedText keeps, for every cleaned character, the raw offset it came from."""
from extractor.textmap import MappedText


def test_sub_that_deletes_keeps_offsets_of_the_rest():
    t = MappedText("每3 万人1 辆").sub(r"(?<=\d) (?=\S)", "")
    assert t.text == "每3万人1辆"
    assert [t.src[i] for i in range(len(t))] == [0, 1, 3, 4, 5, 7]


def test_replacement_characters_point_at_their_match():
    t = MappedText("a[bookmark: x]b").sub(r"\[bookmark:[^\]]*\]", "")
    assert t.text == "ab" and t.src == [0, 14]
    t = MappedText("１０％").translate({0xFF11: "1", 0xFF10: "0", ord("％"): "%"})
    assert t.text == "10%" and t.src == [0, 1, 2]


def test_edits_compose():
    raw = "  标题\n\n正文 2024 年"
    t = MappedText(raw).sub(r"(?m)^ +", "").sub(r"\n+", "\n").sub(r"(?<=\d) |(?<=[文]) (?=\d)", "")
    assert t.text == "标题\n正文2024年"
    for ch, s in zip(t.text, t.src, strict=True):
        assert raw[s] == ch


def test_delete_and_replace_spans():
    t = MappedText("abcdef").delete_spans([(1, 3), (2, 4)])
    assert t.text == "aef" and t.src == [0, 4, 5]
    t = MappedText("abcdef").replace_spans([(0, 2, "X")])
    assert t.text == "Xcdef" and t.src == [0, 2, 3, 4, 5]
