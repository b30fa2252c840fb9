"""Cleaning: the same text whatever the format, every character traced to its source."""
import pytest

from extractor.clean import clean

CASES = [
    # (raw, cleaned)
    ("每3 万人1 辆", "每3万人1辆"),
    ("每万人 60 间", "每万人60间"),
    ("负压救护车达到40 %以上", "负压救护车达到40%以上"),
    ("２０２５年达到８５％", "2025年达到85%"),
    ("比例为３．５％", "比例为3.5%"),
    ("ＡＢＣ级", "ABC级"),
    ("[bookmark: _GoBack]为贯彻落实", "为贯彻落实"),
    ("第一页\f第二页", "第一页第二页"),
    ("\n\n  标题\n\n\n  正文。  \n", "标题\n正文。"),
    ("共计1 000 家", "共计1000家"),
    ("《健康荆门 2030 行动规划》", "《健康荆门2030行动规划》"),
    ("全角\u3000空格", "全角 空格"),
]


@pytest.mark.parametrize("raw,expected", CASES)
def test_clean(raw, expected):
    assert clean(raw).text == expected


def test_every_cleaned_character_comes_from_its_source(seeds):
    for path in seeds:
        raw = path.read_text(encoding="utf-8")
        c = clean(raw)
        assert len(c.src) == len(c.text)
        width = {"％": "%", "．": "."}
        for ch, s in zip(c.text, c.src, strict=True):
            if ch in "\n ":
                continue  # folded whitespace maps to the first space of its run
            assert raw[s] == ch or width.get(raw[s]) == ch or ord(raw[s]) - 0xFEE0 == ord(ch)


def test_cleaning_is_idempotent(seeds):
    for path in seeds:
        once = clean(path.read_text(encoding="utf-8")).text
        assert clean(once).text == once
