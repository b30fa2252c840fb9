"""The transformers backend: exact character offsets from a local token-classification model.

A tiny BERT built here (random weights, the seeds' characters as vocabulary) stands in
for a fine-tuned Chinese model; to check offsets exactly, its classifier is forced, or
the network is replaced by a per-character table, and the decoded spans must equal
known character ranges.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

import torch  # noqa: E402
from conftest import SEEDS  # noqa: E402

from extractor.errors import ModelNotFound  # noqa: E402
from extractor.recognise.hf_backend import HFRecognizer, decode, load, windows  # noqa: E402
from extractor.train.hf import TAGS  # noqa: E402

from .tiny_bert import build_tiny_bert  # noqa: E402

# (text, {offset: tag}, expected spans): the decoding rules, one row each.
DECODE = [
    ("湛江市卫生局", {0: "B-REGION", 1: "I-REGION", 2: "I-REGION", 3: "B-INSTITUTION",
                  4: "I-INSTITUTION", 5: "I-INSTITUTION"},
     [(0, 3, "REGION"), (3, 6, "INSTITUTION")]),
    ("投入2000万元", {2: "I-MONEY", 3: "I-MONEY", 4: "I-MONEY", 5: "I-MONEY", 6: "I-MONEY",
                  7: "I-MONEY"}, [(2, 8, "MONEY")]),                      # I- without B- starts
    ("2 000万", {0: "B-MONEY", 2: "I-MONEY", 3: "I-MONEY", 4: "I-MONEY", 5: "I-MONEY"},
     [(0, 6, "MONEY")]),                                                   # across a space
    ("卫生\n健康", {0: "B-INSTITUTION", 1: "I-INSTITUTION", 3: "I-INSTITUTION",
                 4: "I-INSTITUTION"}, [(0, 2, "INSTITUTION"), (3, 5, "INSTITUTION")]),
    ("甲乙丙", {0: "B-STAT", 1: "I-QUOTA", 2: "O"}, [(0, 1, "STAT"), (1, 2, "QUOTA")]),
    ("甲乙丙丁", {0: "S-DATE", 1: "B-DATE", 2: "E-DATE", 3: "I-DATE"},        # BIOES
     [(0, 1, "DATE"), (1, 3, "DATE"), (3, 4, "DATE")]),
    ("甲乙丙", {0: "U-DATE", 1: "B-DATE", 2: "L-DATE"}, [(0, 1, "DATE"), (1, 3, "DATE")]),
]


@pytest.mark.parametrize(("text", "tags", "spans"), DECODE)
def test_decode(text, tags, spans):
    assert decode(text, tags) == spans


@pytest.mark.parametrize(("n", "size", "overlap"), [(1, 5, 2), (5, 5, 2), (6, 5, 2), (23, 5, 2),
                                                    (100, 10, 4), (9, 3, 0), (50, 7, 9)])
def test_window_cores_tile_the_text_away_from_inner_edges(n, size, overlap):
    wins = windows(n, size, overlap)
    assert wins[0][2] == 0 and wins[-1][3] == n
    half = min(overlap, size - 1) // 2
    for k, (s, e, cs, ce) in enumerate(wins):
        assert 0 <= s <= cs < ce <= e <= n and e - s <= size
        if k:
            assert cs == wins[k - 1][3] and cs - s >= half
        if k < len(wins) - 1:
            assert e - ce >= half


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny_bert(tmp_path_factory.mktemp("tiny-bert"), SEEDS, tags=TAGS)


def test_random_model_predicts_spans_inside_the_text(tiny):
    rec = load(tiny)
    assert load(tiny) is rec  # loaded once per folder
    text = SEEDS[0].read_text("utf-8")
    spans = rec.predict(text)
    assert spans, "a random model tags something"
    assert all(0 <= a < b <= len(text) for a, b, _ in spans)
    assert {lab for _, _, lab in spans} <= set(rec.labels)
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b, _ in spans)
    assert all(b1 <= a2 for (_, b1, _), (a2, _, _) in zip(spans, spans[1:], strict=False))


def test_forced_label_covers_each_line_across_window_seams(tiny):
    rec = HFRecognizer(tiny, window=3, overlap=1)
    with torch.no_grad():
        rec.model.classifier.weight.zero_()
        rec.model.classifier.bias.copy_(torch.eye(len(TAGS))[TAGS.index("I-INSTITUTION")])
    text = "湛江市 卫生健康局\n\n 局𠮷 \n"
    assert rec.predict(text) == [(0, 9, "INSTITUTION"), (12, 14, "INSTITUTION")]


class CharTable(torch.nn.Module):
    """Stands in for the network: each token id gets a fixed tag, whatever its context."""

    def __init__(self, tokenizer, rules: dict[str, str]) -> None:
        super().__init__()
        table = torch.zeros(len(tokenizer), len(TAGS))
        table[:, TAGS.index("O")] = 1
        for token, tag in rules.items():
            tid = tokenizer.convert_tokens_to_ids(token)
            table[tid] = torch.eye(len(TAGS))[TAGS.index(tag)]
        self.table = table

    def forward(self, input_ids, **_):
        return SimpleNamespace(logits=self.table[input_ids])


RULES = {"市": "B-INSTITUTION", "卫": "I-INSTITUTION", "生": "I-INSTITUTION",
         "健": "I-INSTITUTION", "康": "I-INSTITUTION", "局": "I-INSTITUTION",
         **{d: "I-MONEY" for d in "0123456789万元"}, "[UNK]": "I-REGION"}

# Spaces, a newline, digits, Latin letters (C, T in the vocabulary; z and 𠮷 are not),
# a zero-width space the tokenizer drops, a full-width space.
TEXT = "湛江市卫生健康局：\n投入 2 0\u200b00万元，\u3000用于CTz𠮷𠮷建设。\n卫生\n健康"
EXPECTED = [(2, 8, "INSTITUTION"), (13, 21, "MONEY"), (27, 30, "REGION"),
            (34, 36, "INSTITUTION"), (37, 39, "INSTITUTION")]


def oracle(tiny, **kw) -> HFRecognizer:
    rec = HFRecognizer(tiny, **kw)
    rec.model = CharTable(rec.tokenizer, RULES)
    return rec


def test_offsets_are_exact_on_mixed_text(tiny):
    spans = oracle(tiny).predict(TEXT)
    assert [TEXT[a:b] for a, b, _ in spans] == ["市卫生健康局", "2 0\u200b00万元", "z𠮷𠮷",
                                                "卫生", "健康"]
    assert spans == EXPECTED


@pytest.mark.parametrize(("window", "overlap"), [(2, 0), (3, 1), (5, 2), (8, 6)])
def test_small_windows_give_the_same_spans(tiny, window, overlap):
    assert oracle(tiny, window=window, overlap=overlap, batch_size=3).predict(TEXT) == EXPECTED


def test_batches_of_several_texts(tiny):
    rec = oracle(tiny, window=6, overlap=2, batch_size=4)
    texts = [TEXT, "", " \n\u3000", "市局", TEXT * 3]
    shift = len(TEXT)
    assert rec.predict_batch(texts) == [
        EXPECTED, [], [], [(0, 2, "INSTITUTION")],
        # Copies are joined without a line break, but 湛 after 健康 is tagged O.
        [(a + k * shift, b + k * shift, lab) for k in range(3) for a, b, lab in EXPECTED],
    ]


def test_a_folder_that_is_not_a_token_classifier_is_one_line(tmp_path):
    bare = build_tiny_bert(tmp_path / "bare", SEEDS[:1])
    plain = build_tiny_bert(tmp_path / "plain", SEEDS[:1], tags=["LABEL_0", "LABEL_1"])
    cases = [(tmp_path / "missing", "no such model folder"),
             (tmp_path, "no config.json"),
             (bare, "not a token-classification model (architectures: BertModel)"),
             (plain, "label LABEL_0 is not a BIO tag")]
    for path, cause in cases:
        with pytest.raises(ModelNotFound) as err:
            HFRecognizer(path)
        assert str(err.value).startswith(f"{path}: ") and cause in str(err.value)
        assert "\n" not in str(err.value)
