"""A local Hugging Face token-classification model as an entity recogniser.

Chinese text is fed one character per "word" (``is_split_into_words=True``), so every
character gets its own label and ``word_ids()`` maps labels back to exact character
offsets, whatever the tokenizer does with Latin words or digits. Long texts run in
overlapping windows; each character takes its label from the window where it sits
furthest from the edges, and BIO (or BIOES/BILOU) tags are decoded once over the whole
text, so a span is never cut at a window seam.

Models are read from a folder only (``local_files_only=True``): no hub, no download.
"""
from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import MissingDependency, ModelNotFound

INSTALL = "pip install 'policyx[transformers]'"
META_FILE = "policyx.json"  # written by `policyx train --backend transformers`

# Tag prefixes of the schemes we decode: B/I (IOB2), plus E/S (BIOES) and L/U (BILOU).
_BEGIN, _INSIDE, _END, _SINGLE = "B", "I", "E", "S"
_BREAKS = frozenset("\n\r\u2028\u2029")  # a span never runs across these
_PREFIX = {"B": _BEGIN, "I": _INSIDE, "E": _END, "L": _END, "S": _SINGLE, "U": _SINGLE}


def import_torch() -> tuple[Any, Any]:
    """``(torch, transformers)``, or :class:`MissingDependency` saying how to install them."""
    try:
        import torch
        import transformers
    except ImportError:
        raise MissingDependency(f"the transformers backend needs torch and transformers: {INSTALL}"
                                ) from None
    return torch, transformers


def parse_tag(tag: str) -> tuple[str | None, str | None]:
    """``"B-MONEY"`` → ``("B", "MONEY")``; ``"O"`` → ``(None, None)``; unknown → ValueError."""
    if tag == "O":
        return None, None
    prefix, sep, label = tag.partition("-")
    if not sep or not label or prefix.upper() not in _PREFIX:
        raise ValueError(tag)
    return _PREFIX[prefix.upper()], label


def decode(text: str, tags: dict[int, str]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, label)`` from the tags of the characters at those offsets.

    Characters without a tag (whitespace, or what the tokenizer drops) never start or
    end a span; a span goes on across them when the next tagged character continues it,
    but never across a line break. An I- (or E-) tag that does not continue a span of its
    label starts one, as most decoders do.
    """
    spans: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None  # [start, end, label]
    for i in sorted(tags):
        kind, label = parse_tag(tags[i])
        if cur is not None and (kind in (None, _BEGIN, _SINGLE) or label != cur[2]
                                or _BREAKS.intersection(text[cur[1]:i])):
            spans.append((cur[0], cur[1], cur[2]))
            cur = None
        if kind is None:
            continue
        if cur is None:
            cur = [i, i + 1, label]
        else:
            cur[1] = i + 1
        if kind in (_END, _SINGLE):
            spans.append((cur[0], cur[1], cur[2]))
            cur = None
    if cur is not None:
        spans.append((cur[0], cur[1], cur[2]))
    return spans


def windows(n: int, size: int, overlap: int) -> list[tuple[int, int, int, int]]:
    """``(start, end, core_start, core_end)`` windows over ``n`` items.

    Cores tile ``0..n`` exactly: each item is labelled by the one window whose core holds
    it, at least ``overlap // 2`` items away from that window's inner edges.
    """
    if n <= 0:
        return []
    overlap = max(0, min(overlap, size - 1))
    step, half = size - overlap, overlap // 2
    starts = [0]
    while starts[-1] + size < n:
        starts.append(starts[-1] + step)
    out = []
    for k, s in enumerate(starts):
        last = k == len(starts) - 1
        core_start = 0 if k == 0 else s + half
        core_end = n if last else starts[k + 1] + half
        out.append((s, min(s + size, n), core_start, core_end))
    return out


@contextlib.contextmanager
def quiet(transformers: Any, logs: bool = False) -> Iterator[None]:
    """No progress bars on stderr (and, with ``logs``, only errors) while inside."""
    hf_log = transformers.utils.logging
    bars, level = hf_log.is_progress_bar_enabled(), hf_log.get_verbosity()
    hf_log.disable_progress_bar()
    if logs:
        hf_log.set_verbosity_error()
    try:
        yield
    finally:
        hf_log.set_verbosity(level)
        if bars:
            hf_log.enable_progress_bar()


def check_folder(path: Path) -> None:
    """A one-line :class:`ModelNotFound` unless ``path`` is a model folder (has config.json)."""
    if not path.is_dir():
        raise ModelNotFound("no such model folder", path=str(path))
    if not (path / "config.json").is_file():
        raise ModelNotFound("not a Hugging Face model folder (no config.json)", path=str(path))


def first_line(exc: BaseException) -> str:
    """The first non-empty line of an exception's message (library errors run long)."""
    return next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), type(exc).__name__)


class HFRecognizer:
    """A token-classification model folder, ready to tag texts.

    >>> rec = load(Path("models/hf-ner"))            # doctest: +SKIP
    >>> rec.predict("湛江市卫生健康局：2025年底前完成")  # doctest: +SKIP
    [(0, 8, 'INSTITUTION'), (9, 16, 'DEADLINE')]
    """

    def __init__(self, path: Path, batch_size: int = 8, window: int | None = None,
                 overlap: int = 64, threads: int | None = None) -> None:
        torch, transformers = import_torch()
        if threads:
            # torch's default (all cores) spins and crawls when the cores are busy elsewhere:
            # measured 7x slower than one thread on a loaded 2-core machine.
            torch.set_num_threads(threads)
        check_folder(path)
        try:
            config = transformers.AutoConfig.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError) as e:
            raise ModelNotFound(f"unreadable model config: {first_line(e)}", path=str(path)
                                ) from None
        archs = config.architectures or []
        if not any(a.endswith("ForTokenClassification") for a in archs):
            raise ModelNotFound(
                f"not a token-classification model (architectures: {', '.join(archs) or 'none'});"
                " fine-tune it first: policyx train --backend transformers --base PATH",
                path=str(path))
        self.tags = [config.id2label[i] for i in range(len(config.id2label))]
        try:
            for t in self.tags:
                parse_tag(t)
        except ValueError as e:
            raise ModelNotFound(f"label {e} is not a BIO tag (O, B-X, I-X...)", path=str(path)
                                ) from None
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(path,
                                                                        local_files_only=True)
            with quiet(transformers):
                self.model = transformers.AutoModelForTokenClassification.from_pretrained(
                    path, local_files_only=True)
        except (OSError, ValueError) as e:
            raise ModelNotFound(first_line(e), path=str(path)) from None
        if not getattr(self.tokenizer, "is_fast", False):
            raise ModelNotFound("needs a fast (tokenizers) tokenizer for word_ids()",
                                path=str(path))
        self.model.eval()
        self._torch = torch
        self.path = path
        self.batch_size = batch_size
        # Room for [CLS] and [SEP]: one character is one token in a Chinese vocabulary.
        limit = min(getattr(config, "max_position_embeddings", 512) or 512,
                    self.tokenizer.model_max_length, 512)
        self.max_tokens = limit
        self.window = min(window or limit - 2, limit - 2)
        self.overlap = overlap
        meta = path / META_FILE
        self.meta: dict[str, Any] = json.loads(meta.read_text("utf-8")) if meta.is_file() else {}

    @property
    def labels(self) -> list[str]:
        """The entity labels the model can predict (tags without their B-/I- prefix)."""
        return sorted({parse_tag(t)[1] for t in self.tags if t != "O"})

    def predict(self, text: str) -> list[tuple[int, int, str]]:
        """Entity spans ``(start, end, label)`` of one text, as character offsets."""
        return self.predict_batch([text])[0]

    def predict_batch(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Entity spans of each text; windows of all texts share batches."""
        torch = self._torch
        # Whitespace is not given to the tokenizer: some would turn it into a token.
        offsets = [[i for i, c in enumerate(t) if not c.isspace()] for t in texts]
        jobs = [(d, w) for d, pos in enumerate(offsets)
                for w in windows(len(pos), self.window, self.overlap)]
        tags: list[dict[int, str]] = [{} for _ in texts]
        with torch.inference_mode():
            for b in range(0, len(jobs), self.batch_size):
                batch = jobs[b:b + self.batch_size]
                words = [[texts[d][i] for i in offsets[d][s:e]] for d, (s, e, _, _) in batch]
                enc = self.tokenizer(words, is_split_into_words=True, truncation=True,
                                     max_length=self.max_tokens, padding=True,
                                     return_tensors="pt")
                best = self.model(**enc).logits.argmax(-1).tolist()
                for row, (d, (s, _e, cs, ce)) in enumerate(batch):
                    seen: set[int] = set()
                    for tok, w in enumerate(enc.word_ids(row)):
                        # First sub-token of each character speaks for it.
                        if w is None or w in seen:
                            continue
                        seen.add(w)
                        if cs <= s + w < ce:
                            tags[d][offsets[d][s + w]] = self.tags[best[row][tok]]
        return [decode(t, tg) for t, tg in zip(texts, tags, strict=True)]


@functools.lru_cache(maxsize=4)
def _load(path: Path, batch_size: int, threads: int | None) -> HFRecognizer:
    return HFRecognizer(path, batch_size=batch_size, threads=threads)


def load(path: Path, batch_size: int = 8, threads: int | None = None) -> HFRecognizer:
    """The recogniser of a local model folder, loaded once per folder and settings.

    ``threads`` sets torch's (process-wide) thread count; None leaves torch's default.
    """
    return _load(Path(path).resolve(), batch_size, threads)
