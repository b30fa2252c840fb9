"""Fine-tune a local Hugging Face model for token classification on the gold examples.

A plain, seeded torch loop (AdamW, linear decay): the same data, base and seed give the
same weights on CPU. Texts are cut into windows of whole lines, one character per
"word", with the tags the recogniser decodes (``extractor.recognise.hf_backend``).
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import ModelNotFound
from ..recognise.hf_backend import META_FILE, check_folder, first_line, import_torch, quiet
from .examples import LABELS, Example, data_hash

TAGS = ["O"] + [f"{p}-{label}" for label in LABELS for p in "BI"]
FORMAT = 1  # of policyx.json


def flat_spans(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans, longest first then earliest (spaCy's ``filter_spans`` rule).

    One tag per character cannot hold nested spans (a MONEY inside a STAT): the outer
    one is kept.
    """
    taken: set[int] = set()
    out = []
    for a, b, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not taken.intersection(range(a, b)):
            out.append((a, b, label))
            taken.update(range(a, b))
    return sorted(out)


def char_tags(example: Example) -> list[str]:
    """The BIO tag of every character of the example's text."""
    tags = ["O"] * len(example.text)
    for a, b, label in flat_spans(example.spans):
        tags[a] = f"B-{label}"
        for i in range(a + 1, b):
            tags[i] = f"I-{label}"
    return tags


def text_windows(text: str, size: int) -> Iterator[list[int]]:
    """Offsets of the non-space characters of ``text``, in windows of whole lines.

    Lines are packed into a window while they fit in ``size`` characters; a longer line
    is cut into pieces of ``size``.
    """
    cur: list[int] = []
    pos = 0
    for line in text.split("\n"):
        chars = [pos + i for i, c in enumerate(line) if not c.isspace()]
        pos += len(line) + 1
        if cur and len(cur) + len(chars) > size:
            yield cur
            cur = []
        while len(chars) > size:
            yield chars[:size]
            chars = chars[size:]
        cur += chars
    if cur:
        yield cur


def train(examples: Sequence[Example], base: Path, output: Path, *, seed: int = 0,
          epochs: int | None = None, max_steps: int | None = None, batch_size: int = 8,
          window: int = 254, lr: float = 5e-5) -> dict[str, Any]:
    """Fine-tune the model folder ``base`` on ``examples``; write it to ``output``.

    Returns the summary also written to ``output/policyx.json``: tags, data hash, base
    folder name, seed, updates made, final loss, and the policyx version.
    """
    torch, transformers = import_torch()
    from .. import __version__

    base = Path(base)
    check_folder(base)
    epochs = 4 if epochs is None else epochs
    transformers.set_seed(seed)
    label2id = {t: i for i, t in enumerate(TAGS)}
    try:
        config = transformers.AutoConfig.from_pretrained(base, local_files_only=True)
        tokenizer = transformers.AutoTokenizer.from_pretrained(base, local_files_only=True)
        same = [config.id2label.get(i) for i in range(len(config.id2label))] == TAGS
        # A new head is expected when the base has other labels: its "newly initialized"
        # report is noise here, the summary says "head": "new".
        with quiet(transformers, logs=True):
            model = transformers.AutoModelForTokenClassification.from_pretrained(
                base, local_files_only=True, num_labels=len(TAGS), id2label=dict(enumerate(TAGS)),
                label2id=label2id, ignore_mismatched_sizes=not same)
    except (OSError, ValueError) as e:
        raise ModelNotFound(f"cannot fine-tune this model: {first_line(e)}", path=str(base)
                            ) from None
    if not getattr(tokenizer, "is_fast", False):
        raise ModelNotFound("needs a fast (tokenizers) tokenizer for word_ids()", path=str(base))
    head = getattr(model, "classifier", None)
    if not same and isinstance(head, torch.nn.Linear):
        # Same number of labels but other names keeps the old head: start it afresh.
        head.reset_parameters()
    window = min(window, (getattr(model.config, "max_position_embeddings", 512) or 512) - 2)

    features = []
    for ex in examples:
        tags = char_tags(ex)
        for offs in text_windows(ex.text, window):
            enc = tokenizer([ex.text[i] for i in offs], is_split_into_words=True,
                            truncation=True, max_length=window + 2)
            seen: set[int] = set()
            labels = []
            for w in enc.word_ids():
                # Only the first sub-token of a character is scored; the rest are ignored.
                labels.append(-100 if w is None or w in seen else label2id[tags[offs[w]]])
                if w is not None:
                    seen.add(w)
            features.append({**enc, "labels": labels})
    if not features:
        raise ModelNotFound("no training text in the examples", path=str(base))

    collate = transformers.DataCollatorForTokenClassification(tokenizer, return_tensors="pt")
    per_epoch = -(-len(features) // batch_size)
    total = epochs * per_epoch if max_steps is None else min(max_steps, epochs * per_epoch)
    optim = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = transformers.get_linear_schedule_with_warmup(optim, total // 10, max(total, 1))
    gen = torch.Generator().manual_seed(seed)
    model.train()
    step, loss_value = 0, float("nan")
    while step < total:
        order = torch.randperm(len(features), generator=gen).tolist()
        for b in range(0, len(order), batch_size):
            if step >= total:
                break
            batch = collate([features[i] for i in order[b:b + batch_size]])
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            step += 1
            loss_value = loss.item()
    model.eval()

    summary = {
        "backend": "transformers", "format": FORMAT, "version": __version__,
        "base": base.resolve().name, "tags": TAGS, "data_hash": data_hash(examples),
        "documents": len(examples), "windows": len(features), "window": window, "seed": seed,
        "epochs": epochs, "steps": step, "loss": round(loss_value, 4),
        "head": "kept" if same else "new", "output": str(output),
    }
    output.mkdir(parents=True, exist_ok=True)
    with quiet(transformers):
        model.save_pretrained(output)
    tokenizer.save_pretrained(output)
    (output / META_FILE).write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n",
                                    "utf-8")
    return summary
