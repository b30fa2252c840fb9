"""Brand tokens that spam sites inject into the documents they copy.

A spam site copies a government document and writes its brand ("PG电子") into it at
places chosen without regard to syntax: before a comma that closes a clause, at the
start of a paragraph, in a list ("计时托PG电子、临时托"), inside a word. The detector
knows no brand names. It takes the substrings that repeat (maximal, 2-10 characters,
three times or more) and keeps those whose occurrences look inserted, not written.

Gates first, each of which real terms of a document fail (measured on 291 laws and the
seeds): a date; a phrase between punctuation (构成犯罪的) or one that only starts
clauses; neighbours that repeat (a real term has collocations: 乡镇卫生院); an
occurrence glued into a word around it (十一条 in 第十一条); a word jieba knows; a
phrase made of the text's own words (任何单位和个人: 任何, 单位, 个人 occur elsewhere);
nothing new in it at all. Then evidence points: a character found nowhere else in the
text, Latin letters mixed with Chinese, occurrences at line starts, occurrences whose
removal joins two halves of one word (医疗卫|生机构), neighbours that stand side by side
elsewhere in the text (the text reads on without the token), the token on a line of
site furniture (©, ICP, 官方网站).

Limits, patterns and points are in ``data/spam.yaml``; ``scripts/spam_eval.py``
measures them (false positives on the corpus, recall on injected invented tokens).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from . import datafiles
from .errors import DataFileError

DATA_FILE = "spam.yaml"

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_DOTS = "·・"
_TOKEN_CHAR = re.compile(rf"[0-9A-Za-z{_CJK}{_DOTS}]")
_LETTER = re.compile(r"[A-Za-z]")
_HAN = re.compile(rf"[{_CJK}]")
_WORD_CHAR = re.compile(rf"[0-9A-Za-z{_CJK}]")  # a neighbour that can be part of a word
# Punctuation that closes a clause: a token between a boundary and one of these fills
# a whole clause or heading ("；构成犯罪的，"), which an insertion does not.
_CLOSING = set("，。、；：！？,.;:!?）)》」』”’】") | {"\n"}
_LINE_START = "\n"


@dataclass(frozen=True)
class Settings:
    """The compiled contents of ``data/spam.yaml``."""

    min_count: int
    min_length: int
    max_length: int
    max_word_freq: int
    occurrences_per_repeat: int
    max_clause_share: float
    max_boundary_left_share: float
    max_glued_share: float
    min_new_chars: int
    known_part_count: int
    window: int
    structure: tuple[re.Pattern[str], ...]
    furniture: re.Pattern[str]
    points: dict[str, float]
    threshold: float


@lru_cache(maxsize=1)
def settings() -> Settings:
    """Load and compile the spam data file (once)."""
    raw = datafiles.read(DATA_FILE)
    path = f"extractor/data/{DATA_FILE}"
    try:
        return Settings(
            min_count=int(raw["min_count"]),
            min_length=int(raw["min_length"]),
            max_length=int(raw["max_length"]),
            max_word_freq=int(raw["max_word_freq"]),
            occurrences_per_repeat=int(raw["occurrences_per_repeat"]),
            max_clause_share=float(raw["max_clause_share"]),
            max_boundary_left_share=float(raw["max_boundary_left_share"]),
            max_glued_share=float(raw["max_glued_share"]),
            min_new_chars=int(raw["min_new_chars"]),
            known_part_count=int(raw["known_part_count"]),
            window=int(raw["window"]),
            structure=tuple(re.compile(row["pattern"]) for row in raw["structure"]),
            furniture=re.compile(raw["furniture"]),
            points={k: float(v) for k, v in raw["points"].items()},
            threshold=float(raw["threshold"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise DataFileError(f"malformed spam data: {e!r}", str(path)) from None


@dataclass
class Verdict:
    """How one repeated substring was judged (for tests and the measurement script)."""

    token: str
    starts: list[int]
    rejected_by: str = ""  # the gate it failed, "" if it passed them all
    points: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(self.points.values())


def find_injected_tokens(text: str) -> list[str]:
    """The injected tokens found in ``text`` (each to be removed wherever it occurs).

    A variant that contains a found token ("PG电子·" beside "PG电子") is left out:
    removing the shorter one removes it too.
    """
    threshold = settings().threshold
    found = [v for v in assess(text) if not v.rejected_by and v.score >= threshold]
    found.sort(key=lambda v: v.starts[0])
    tokens = [v.token for v in found]
    return [t for t in tokens if not any(o != t and o in t for o in tokens)]


def assess(text: str) -> list[Verdict]:
    """Judge every repeated substring of ``text`` that could be an injected token."""
    s = settings()
    out: list[Verdict] = []
    char_counts: Counter[str] | None = None
    line_firsts: Counter[str] | None = None
    for token, starts in _repeats(text, s).items():
        v = Verdict(token, starts)
        out.append(v)
        v.rejected_by = _cheap_gate(text, token, starts, s)
        if v.rejected_by and v.rejected_by != "opens clauses":
            continue
        if char_counts is None or line_firsts is None:
            char_counts = Counter(text)
            line_firsts = Counter(line[:1] for line in text.split("\n"))
        if v.rejected_by:
            # A subject that opens clauses is written in the text's own characters; a
            # token pasted after punctuation brings one the text has nowhere else.
            if not _foreign_char(token, len(starts), char_counts):
                continue
            v.rejected_by = ""
        v.rejected_by = (_word_gate(text, token, starts, s)
                         or _novelty_gate(text, token, starts, char_counts, s))
        if v.rejected_by:
            continue
        v.points = _points(text, token, starts, char_counts, line_firsts, s)
    return out


# --- candidates -----------------------------------------------------------------------

def _repeats(text: str, s: Settings) -> dict[str, list[int]]:
    """Maximal repeated substrings of token characters, with non-overlapping starts.

    Maximal: no one-character extension to the left or right occurs as often, so
    "PG电" is not a candidate beside "PG电子", but "PG电子" is one beside "PG电子·"
    when some of its occurrences are not followed by "·".
    """
    n = len(text)
    usable = [bool(_TOKEN_CHAR.match(ch)) for ch in text]
    grams: defaultdict[str, list[int]] = defaultdict(list)
    for i, ch in enumerate(text):
        if usable[i]:
            grams[ch].append(i)
    levels = [{g: p for g, p in grams.items() if len(p) >= s.min_count}]
    for size in range(2, s.max_length + 2):  # one longer than wanted, to test maximality
        grams = defaultdict(list)
        for g, starts in levels[-1].items():
            for p in starts:
                q = p + size - 1
                if q < n and usable[q]:
                    grams[g + text[q]].append(p)
        level = {g: p for g, p in grams.items() if len(p) >= s.min_count}
        if not level:
            break
        levels.append(level)
    out: dict[str, list[int]] = {}
    for size in range(s.min_length, min(s.max_length, len(levels)) + 1):
        longer = levels[size] if size < len(levels) else {}
        extended = {g[:-1] for g, p in longer.items() if len(p) == len(levels[size - 1][g[:-1]])}
        extended |= {g[1:] for g, p in longer.items()
                     if len(p) == len(levels[size - 1].get(g[1:], ()))}
        for g, starts in levels[size - 1].items():
            if g in extended or g[0] in _DOTS:
                continue
            kept = _non_overlapping(starts, size)
            if len(kept) >= s.min_count:
                out[g] = kept
    return out


def _non_overlapping(starts: list[int], size: int) -> list[int]:
    kept: list[int] = []
    for p in starts:
        if not kept or p >= kept[-1] + size:
            kept.append(p)
    return kept


# --- gates ----------------------------------------------------------------------------

def _neighbours(text: str, token: str, starts: list[int]) -> tuple[list[str], list[str]]:
    """The character before and after each occurrence ("\\n" at the text's ends)."""
    left = [text[p - 1] if p > 0 else _LINE_START for p in starts]
    right = [text[p + len(token)] if p + len(token) < len(text) else "\n" for p in starts]
    return left, right


def _repeats_of(chars: list[str]) -> int:
    return sum(c - 1 for c in Counter(chars).values())


def _cheap_gate(text: str, token: str, starts: list[int], s: Settings) -> str:
    """The name of the first string-level gate ``token`` fails, or "". "opens clauses" is
    named only when no other gate fails: the caller may still let such a token through."""
    if not (_HAN.search(token) or _LETTER.search(token)):
        return "no letters"
    if any(p.fullmatch(token) for p in s.structure):
        return "structure"
    k = len(starts)
    tolerated = k // s.occurrences_per_repeat
    left, right = _neighbours(text, token, starts)
    clause = sum(not _WORD_CHAR.match(a) and b in _CLOSING for a, b in zip(left, right, strict=True))
    if clause > s.max_clause_share * k:
        return "fills a clause"
    # After punctuation or a space (第三条 本条例所称…) a token opens a clause: real
    # subjects do that every time, an insertion lands there seldom.
    boundary = sum(a != _LINE_START and not _WORD_CHAR.match(a) for a in left)
    opens = "opens clauses" if boundary > s.max_boundary_left_share * k else ""
    if _repeats_of([c for c in left if _WORD_CHAR.match(c)]) > tolerated:
        return "left collocation"
    # After a line start the right neighbour is the start of a paragraph, which repeats
    # in any text (第, 一): only neighbours inside lines count.
    inside = [b for a, b in zip(left, right, strict=True) if a != _LINE_START and _WORD_CHAR.match(b)]
    if _repeats_of(inside) > tolerated:
        return "right collocation"
    glued = sum((token[0].isdigit() and a.isdigit()) or (token[-1].isdigit() and b.isdigit())
                for a, b in zip(left, right, strict=True))
    if glued > tolerated:
        return "part of a number"
    return opens


def _word_gate(text: str, token: str, starts: list[int], s: Settings) -> str:
    """The name of the first word-level gate ``token`` fails, or ""."""
    tk = _tokenizer()
    if tk.FREQ.get(token, 0) >= s.max_word_freq:
        return "known word"
    k = len(starts)
    glued = sum(_glued(text, token, p, s.window) for p in starts)
    # An insertion glues into a word now and then by chance (三|亚博 reads 三亚): a share.
    if glued > max(k // s.occurrences_per_repeat, s.max_glued_share * k):
        return "glued into words"
    return ""


def _novelty_gate(text: str, token: str, starts: list[int], char_counts: Counter[str],
                  s: Settings) -> str:
    """Reject a token made of the text's own words: an injected brand brings new text."""
    if _new_chars(text, token, starts, s.known_part_count) < s.min_new_chars:
        return "made of the text's words"
    k = len(starts)
    if (not _foreign_char(token, k, char_counts) and not _latin_mixed(token)
            and _new_chars(text, token, starts, 1) < s.min_new_chars):
        return "nothing new"
    return ""


def _outside(text: str, part: str, token: str, k: int) -> int:
    """How often ``part`` occurs in ``text`` outside the token's occurrences."""
    return text.count(part) - k * token.count(part)


def _new_chars(text: str, token: str, starts: list[int], known: int) -> int:
    """Characters of the token not covered by a part of it (2 characters or more, not
    the whole) that occurs at least ``known`` times elsewhere in the text."""
    k = len(starts)
    covered = [False] * len(token)
    for i in range(len(token)):
        for j in range(i + 2, len(token) + (i > 0)):
            if _outside(text, token[i:j], token, k) >= known:
                covered[i:j] = [True] * (j - i)
    return sum(not c for c, ch in zip(covered, token, strict=True) if ch not in _DOTS)


def _foreign_char(token: str, k: int, char_counts: Counter[str]) -> bool:
    """Whether a character of the token appears nowhere else in the text."""
    own = Counter(token)
    return any(char_counts[c] == k * own[c] for c in own if c not in _DOTS)


def _latin_mixed(token: str) -> bool:
    return bool(_LETTER.search(token) and _HAN.search(token))


def _glued(text: str, token: str, start: int, window: int) -> bool:
    """Whether jieba, segmenting the text around this occurrence, puts one of the
    token's edges inside a word (十一条 in 第十一条)."""
    a = text[max(0, start - window):start].rsplit("\n", 1)[-1]
    end = start + len(token)
    b = text[end:end + window].split("\n", 1)[0]
    cuts = _cuts(a + token + b)
    return bool(a) and len(a) not in cuts or bool(b) and len(a) + len(token) not in cuts


# --- evidence -------------------------------------------------------------------------

def _points(text: str, token: str, starts: list[int], char_counts: Counter[str],
            line_firsts: Counter[str], s: Settings) -> dict[str, float]:
    pts = s.points
    k = len(starts)
    out: dict[str, float] = {}
    if _foreign_char(token, k, char_counts):
        out["foreign_char"] = pts["foreign_char"]
    if _latin_mixed(token):
        out["latin_mixed"] = pts["latin_mixed"]
    left, right = _neighbours(text, token, starts)
    pairs = list(zip(left, right, strict=True))
    # A line start counts when the rest reads like a line start of this text (another
    # line begins with the same character), and when the token also stands inside lines
    # after a word: a real subject phrase only ever opens lines and clauses.
    if any(_WORD_CHAR.match(a) for a in left):
        opened = sum(a == _LINE_START and line_firsts[b] > 0 for a, b in pairs)
        if opened:
            out["line_start"] = pts["line_start"] * min(opened, pts["line_start_cap"])
    split = sum(_splits_word(text, token, p, s.window) for p in starts)
    if split:
        out["split_word"] = pts["split_word"] * min(split, pts["split_word_cap"])
    # Neighbours that stand side by side elsewhere: the text reads on without the token.
    # Before punctuation that says less (备， 程。 are common), so it is scored apart.
    words = [(a, b) for a, b in pairs if a != _LINE_START and _WORD_CHAR.match(b)]
    marks = [(a, b) for a, b in pairs if a != _LINE_START and not _WORD_CHAR.match(b)]
    for name, group in (("bridge_word", words), ("bridge_punct", marks)):
        seen = sum(text.count(a + b) > 0 for a, b in group)
        if seen:
            out[name] = pts[name] * seen / len(group)
    if any(s.furniture.search(_line_at(text, p).replace(token, "")) for p in starts):
        out["furniture_line"] = pts["furniture_line"]
    return out


def _splits_word(text: str, token: str, start: int, window: int) -> bool:
    """Whether the text without this occurrence has one word across the gap (医疗卫|生机构).

    A phrase that jieba keeps as one entry but that is two words joined at the gap
    (推进|改革) does not count: a real term stands between two words all the time.
    """
    a = text[max(0, start - window):start].rsplit("\n", 1)[-1]
    end = start + len(token)
    b = text[end:end + window].split("\n", 1)[0]
    if not a or not b:
        return False
    freq = _tokenizer().FREQ
    pos = 0
    for word in _tokenizer().cut(a + b, HMM=False):
        if pos < len(a) < pos + len(word):
            head, tail = word[:len(a) - pos], word[len(a) - pos:]
            return not (len(head) > 1 and len(tail) > 1 and freq.get(head) and freq.get(tail))
        pos += len(word)
    return False


def _line_at(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a:b if b >= 0 else len(text)]


# --- segmentation ---------------------------------------------------------------------

def _tokenizer():  # jieba loads lazily, through extractor.segment (about 1 s)
    from . import segment
    return segment.tokenizer()


def _cuts(s: str) -> set[int]:
    """Offsets in ``s`` where jieba (HMM off) puts a word boundary."""
    out = {0}
    pos = 0
    for word in _tokenizer().cut(s, HMM=False):
        pos += len(word)
        out.add(pos)
    return out
