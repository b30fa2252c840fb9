"""Word segmentation: jieba plus the project's domain dictionary, with exact offsets.

>>> from extractor.segment import tokens
>>> [t.text for t in tokens("推进县域医共体建设")]  # doctest: +SKIP
['推进', '县域医共体', '建设']

Every character of the text belongs to exactly one token, and ``text[t.start:t.end] ==
t.text``. One jieba tokenizer is built per process, on first use (1–2 s on a 2-core machine), with
its cache in :func:`cache_dir`.

HMM is off (``HMM = False``). jieba's HMM guesses words its dictionaries lack by gluing
runs of single characters. On the seeds it finds some names (盐鸿镇, 掇刀) but glues
function words onto administrative units as often (由县/人民医院, 以市/带区, 云/澳镇/中心卫生院,
我局), which hides the boundaries the REGION and INSTITUTION rules need, and its guesses
change with the neighbouring words. With it off, tokens come from the dictionaries only,
a phrase always splits the same way, unknown names fall apart into single characters
(the rule-based recognisers join them back). Speed is the same either way.

Two kinds of span are kept whole before jieba sees the text: decimal numbers (without
HMM jieba cuts 7.5 into 7 / . / 5) and domain words with characters outside jieba's word
class (brackets), such as ``执业（助理）医师``, which jieba splits before it looks words up.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from .errors import DataFileError, MissingDependency

if TYPE_CHECKING:
    import jieba

USER_DICT = Path(__file__).resolve().parent / "data" / "generated" / "jieba_user_dict.txt"
HMM = False


class Token(NamedTuple):
    """A word of the text and its offsets: ``text[start:end] == token.text``."""

    text: str
    start: int
    end: int


_lock = threading.Lock()
_cache_dir: Path | None = None
_state: tuple[jieba.Tokenizer, re.Pattern[str]] | None = None
_DECIMAL = r"\d+(?:\.\d+)+"


def cache_dir() -> Path:
    """The writable folder for caches: $POLICYX_CACHE, else $XDG_CACHE_HOME/policyx,
    else ~/.cache/policyx; a private temporary folder when that one is not writable."""
    global _cache_dir
    if _cache_dir is None:
        if os.environ.get("POLICYX_CACHE"):
            wanted = Path(os.environ["POLICYX_CACHE"])
        elif os.environ.get("XDG_CACHE_HOME"):
            wanted = Path(os.environ["XDG_CACHE_HOME"]) / "policyx"
        else:
            wanted = Path.home() / ".cache" / "policyx"
        try:
            wanted.mkdir(parents=True, exist_ok=True)
            usable = os.access(wanted, os.W_OK | os.X_OK)
        except OSError:
            usable = False
        # Not a shared /tmp/policyx: jieba loads its cache with marshal, and a file
        # another user planted there would become our dictionary.
        _cache_dir = wanted if usable else Path(tempfile.mkdtemp(prefix="policyx-"))
    return _cache_dir


def _jieba() -> ModuleType:
    try:
        import jieba
    except ImportError as e:
        raise MissingDependency(
            "jieba is not installed: pip install 'jieba>=0.42.1,<0.43'") from e
    # jieba logs four DEBUG lines to stderr on every load; keep warnings only.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


def base_tokenizer() -> jieba.Tokenizer:
    """A new jieba tokenizer with jieba's own dictionary only, loaded, cache in
    :func:`cache_dir`. For building the domain dictionary and for comparisons."""
    jieba = _jieba()
    folder = cache_dir() / "jieba"
    folder.mkdir(exist_ok=True)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(folder)
    tk.initialize()
    return tk


def load_user_dict(tk: jieba.Tokenizer, path: Path = USER_DICT) -> list[str]:
    """Add the words of a generated user dictionary to ``tk``; return the words jieba
    cannot keep whole (with brackets), for :func:`tokens` to join itself.

    The file is jieba's format (``word freq tag``) with ``#`` comment lines, which
    ``jieba.load_userdict`` would take for words: hence this loader.
    """
    han = _jieba().re_han_default
    joined: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"cannot read the user dictionary ({e.strerror}); "
                            "run `python scripts/build_data.py`", str(path)) from e
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3 or not parts[1].isdigit():
            raise DataFileError(f"line {n}: expected `word freq tag`, got {line!r}", str(path))
        word, freq, tag = parts
        if han.fullmatch(word):
            tk.add_word(word, int(freq), tag)
        else:
            joined.append(word)
    return joined


def _load() -> tuple[jieba.Tokenizer, re.Pattern[str]]:
    global _state
    if _state is None:
        with _lock:
            if _state is None:
                tk = base_tokenizer()
                joined = load_user_dict(tk)
                # Longest first: at one position the alternation takes the first that fits.
                words = [re.escape(w) for w in sorted(joined, key=len, reverse=True)]
                _state = (tk, re.compile("|".join([*words, _DECIMAL])))
    return _state


def tokenizer() -> jieba.Tokenizer:
    """The process's jieba tokenizer, domain words loaded (for jieba.posseg and the like)."""
    return _load()[0]


def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of every dictionary word (with the domain words).

    jieba.posseg rebuilds this table from its 350,000-line dictionary in each process
    (about 0.5 s); it is kept in :func:`cache_dir`, keyed by both dictionaries' contents.
    """
    import hashlib
    import marshal

    tk = tokenizer()
    key = hashlib.sha256()
    with tk.get_dict_file() as f:
        key.update(f.read())
    key.update(USER_DICT.read_bytes())
    cached = cache_dir() / "jieba" / f"word_tags-{key.hexdigest()[:16]}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    import jieba.posseg  # loads its HMM tables too (0.4 s): only when the cache is cold

    pos = jieba.posseg.POSTokenizer(tk)
    pos.makesure_userdict_loaded()
    table = dict(pos.word_tag_tab)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps(table))
        os.replace(tmp, cached)  # another process may be writing it too: rename is atomic
    except OSError:
        tmp.unlink(missing_ok=True)
    return table


def tokens(text: str) -> list[Token]:
    """Segment ``text`` into tokens that cover every character exactly once."""
    tk, whole = _load()
    out: list[Token] = []
    pos = 0
    for m in whole.finditer(text):
        _cut(tk, text, pos, m.start(), out)
        out.append(Token(m.group(), m.start(), m.end()))
        pos = m.end()
    _cut(tk, text, pos, len(text), out)
    return out


def _cut(tk: jieba.Tokenizer, text: str, start: int, end: int, out: list[Token]) -> None:
    if start >= end:
        return
    pos = start
    for word in tk.cut(text[start:end], HMM=HMM):
        out.append(Token(word, pos, pos + len(word)))
        pos += len(word)
