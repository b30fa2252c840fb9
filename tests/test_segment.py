"""Segmentation: jieba with the domain dictionary, tokens with exact offsets."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import segment
from extractor.errors import DataFileError
from extractor.segment import tokens

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("jieba")


def words(text: str) -> list[str]:
    return [t.text for t in tokens(text)]


@pytest.mark.parametrize(("text", "term"), [
    ("全面推进紧密型县域医共体建设", "县域医共体"),
    ("人民医院、妇幼保健院、疾病预防控制中心、中医院", "疾病预防控制中心"),
    ("到2025年，全市每千人口床位数达到7.5张", "每千人口"),
    ("具有执业（助理）医师资格的乡村医生", "执业（助理）医师"),
    ("每千人口执业(助理)医师数达到3.2人", "执业(助理)医师"),
    ("推进家庭医生签约服务做实做细", "家庭医生签约服务"),
    ("濠江区8所社区卫生服务中心构成", "社区卫生服务中心"),
    ("乡镇卫生院（社区卫生服务中心）设立公共卫生科", "乡镇卫生院"),
    ("《国务院“十四五”医疗卫生服务体系规划》", "十四五"),
    ("提升工程的意见（征求意见稿）", "征求意见稿"),
    ("每万人口全科医生数达到3.93人", "每万人口"),
    ("县域内住院率达85%左右", "县域内住院率"),
])
def test_domain_terms_are_single_tokens(text, term):
    assert term in words(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("每千人口执业（助理）医师数达到3.2人",
     ["每千人口", "执业（助理）医师", "数", "达到", "3.2", "人"]),
    ("负压救护车达到 40%以上",
     ["负压救护车", "达到", " ", "40", "%", "以上"]),
    # HMM off: no guessed word glues 由 onto 县 (HMM gives 由县/人民医院).
    ("由县人民医院牵头", ["由", "县", "人民医院", "牵头"]),
])
def test_segmentation_examples(text, expected):
    assert words(text) == expected


def seed_paths() -> list[Path]:
    for folder in (ROOT / "corpora" / "seeds", ROOT.parent / "shared" / "seeds"):
        found = sorted(folder.glob("*.txt"))
        if found:
            return found
    return []


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "a", "第一条　为了", "COVID-19 疫情 🙂 ，ＩＣＵ床位",
    "每3 万人1 辆配备救护车（其中负压救护车达到 40%以上）",
    *[p.read_text(encoding="utf-8") for p in seed_paths()],
], ids=lambda t: t[:12] or "empty")
def test_tokens_cover_every_character_exactly_once(text):
    toks = tokens(text)
    assert "".join(t.text for t in toks) == text
    pos = 0
    for t in toks:
        assert t.start == pos and t.end > t.start
        assert text[t.start:t.end] == t.text
        pos = t.end
    assert pos == len(text)


def test_tokenizer_is_built_once_per_process():
    assert segment.tokenizer() is segment.tokenizer()


class RecordingTokenizer:
    def __init__(self) -> None:
        self.added: list[tuple[str, int, str]] = []

    def add_word(self, word: str, freq: int, tag: str) -> None:
        self.added.append((word, freq, tag))


def test_comment_lines_of_the_shipped_user_dictionary_are_not_words():
    tk = RecordingTokenizer()
    segment.load_user_dict(tk, segment.USER_DICT)
    assert not any(word.startswith("#") for word, _, _ in tk.added)
    assert ("县域医共体", "nt") in {(word, tag) for word, _, tag in tk.added}


def test_user_dictionary_words_with_brackets_are_left_for_tokens_to_join(tmp_path):
    path = tmp_path / "user_dict.txt"
    path.write_text("# generated\n\n县域医共体 3 nt\n执业(助理)医师 1 n\n", encoding="utf-8")
    tk = RecordingTokenizer()
    assert segment.load_user_dict(tk, path) == ["执业(助理)医师"]
    assert tk.added == [("县域医共体", 3, "nt")]


def test_a_malformed_user_dictionary_names_file_and_line(tmp_path):
    path = tmp_path / "user_dict.txt"
    path.write_text("# generated\n县域医共体 1 nt\n医防融合 n\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"user_dict.txt: line 3: expected `word freq tag`"):
        segment.load_user_dict(RecordingTokenizer(), path)


@pytest.fixture
def fresh_cache_dir(monkeypatch):
    monkeypatch.setattr(segment, "_cache_dir", None)
    for name in ("POLICYX_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_cache_dir_follows_policyx_cache(fresh_cache_dir, tmp_path):
    fresh_cache_dir.setenv("POLICYX_CACHE", str(tmp_path / "px"))
    fresh_cache_dir.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert segment.cache_dir() == tmp_path / "px"
    assert (tmp_path / "px").is_dir()


def test_cache_dir_falls_back_to_xdg(fresh_cache_dir, tmp_path):
    fresh_cache_dir.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert segment.cache_dir() == tmp_path / "xdg" / "policyx"


def test_cache_dir_that_cannot_be_made_falls_back_to_a_private_temp_dir(fresh_cache_dir, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    fresh_cache_dir.setenv("POLICYX_CACHE", str(blocker / "cache"))
    got = segment.cache_dir()
    assert got != blocker / "cache"
    assert got.is_dir() and got.name.startswith("policyx-")
