"""A tiny randomly initialised Chinese BERT, built from the seeds' own characters.

Tests need a real token-classification model folder but no download: this one is a
BertConfig of hidden size 32, two layers and two heads, with a character vocabulary
written from the seed documents, saved the way Hugging Face saves any model.
"""
from __future__ import annotations

from pathlib import Path

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def seed_characters(seeds: list[Path]) -> list[str]:
    """The distinct non-space characters of the seed texts, in code-point order."""
    chars = {c for p in seeds for c in p.read_text("utf-8") if not c.isspace()}
    return sorted(chars)


def build_tiny_bert(folder: Path, seeds: list[Path], *, tags: list[str] | None = None,
                    seed: int = 0) -> Path:
    """Save a tiny BERT with a token-classification head for ``tags`` to ``folder``.

    Without ``tags`` it is a bare encoder (``BertModel``), as a downloaded
    ``bert-base-chinese`` is before fine-tuning.
    """
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertModel, BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(SPECIALS + seed_characters(seeds)) + "\n", "utf-8")
    tokenizer = BertTokenizerFast(vocab=str(vocab), do_lower_case=False)
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=128)
    torch.manual_seed(seed)
    if tags is None:
        model = BertModel(config)
    else:
        config.id2label = dict(enumerate(tags))
        config.label2id = {t: i for i, t in enumerate(tags)}
        model = BertForTokenClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
