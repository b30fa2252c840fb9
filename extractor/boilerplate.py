"""Web boilerplate lines (navigation, share bars, footers) in scraped text.

The phrases live in ``data/boilerplate.yaml``; this module decides where they count.
It runs on every document, so a rule that could hit document text is confined to the
page header (the lines before the document's first sentence) or the page footer (the
lines after its last sentence), where a document has only its title, 文号, 主送 and
落款, never page furniture. Lines that are furniture anywhere (ICP lines, "扫一扫在手机
打开当前页", share bars) are matched everywhere, but only when short and not a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import datafiles
from .errors import DataFileError

DATA_FILE = "boilerplate.yaml"

_BULLETS = re.compile(r"^(?:[•●▪◆■◇□○►▶]\s*|·\s+)+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORDY = re.compile(r"[\w\u3400-\u9fff]")  # \w covers letters and digits of any script
_CLAUSE = re.compile(r"[，,；;]")
# A sentence of the document: a clause break or a sentence end, with some Chinese text.
_SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?]")
_NUM = r"[\d〇○零一二三四五六七八九十]"
# The date of a 落款: "2024年8月2日", "二〇二四年八月二日", at the end of its line.
SIGNATURE_DATE = re.compile(
    rf"(?:\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*年\s*{_NUM}{{1,3}}\s*月\s*{_NUM}{{1,3}}\s*日$")
_SPLIT_WORDS = re.compile(r"[\s|｜/、·•>＞»›→\[\]【】()（）:：,，\-—_]+")


@dataclass(frozen=True)
class Lexicon:
    """The compiled contents of ``data/boilerplate.yaml``."""

    max_line_chars: int
    furniture: tuple[re.Pattern[str], ...]
    header_ends: tuple[re.Pattern[str], ...]
    footer_starts: tuple[re.Pattern[str], ...]
    metadata_row: re.Pattern[str]
    timestamp: re.Pattern[str]
    nav_words: frozenset[str]
    tool_words: frozenset[str]
    breadcrumb: re.Pattern[str]
    html_furniture_hints: frozenset[str]
    meta_tags: tuple[str, ...]
    pubdate_tags: tuple[str, ...]
    page_fields: dict[str, str]
    site_name_ending: re.Pattern[str]
    header_furniture: tuple[re.Pattern[str], ...]
    menu_split: re.Pattern[str]
    menu_items: int
    menu_item_chars: int


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and compile the boilerplate data file (once)."""
    raw = datafiles.read(DATA_FILE)
    path = f"extractor/data/{DATA_FILE}"
    try:
        labels = _alternatives(raw["metadata_labels"])
        seps = _alternatives(raw["breadcrumb_separators"])
        return Lexicon(
            max_line_chars=int(raw["max_line_chars"]),
            furniture=tuple(re.compile(row["pattern"]) for row in raw["furniture"]),
            header_ends=tuple(re.compile(row["pattern"]) for row in raw["header_ends"]),
            footer_starts=tuple(re.compile(row["pattern"]) for row in raw["footer_starts"]),
            # label, colon, then a short value that is not a sentence
            metadata_row=re.compile(rf"^[【\[]?\s*(?:{labels})\s*[:：][^。；;]{{0,40}}$"),
            timestamp=re.compile(raw["timestamp"]),
            nav_words=frozenset(w.casefold() for w in raw["nav_words"]),
            tool_words=frozenset(w.casefold() for w in raw["tool_words"]),
            breadcrumb=re.compile(rf"\s*(?:{seps})\s*"),
            html_furniture_hints=frozenset(w.casefold() for w in raw["html_furniture_hints"]),
            meta_tags=tuple(raw["page_metadata"]["meta_tags"]),
            pubdate_tags=tuple(raw["page_metadata"]["pubdate_tags"]),
            page_fields=dict(raw["page_metadata"]["fields"]),
            site_name_ending=re.compile(
                f"(?:{_alternatives(raw['page_metadata']['site_name_endings'])})$"),
            header_furniture=tuple(re.compile(r["pattern"]) for r in raw["header_furniture"]),
            menu_split=re.compile(rf"\s*[{re.escape(raw['menu']['separators'])}]\s*"),
            menu_items=int(raw["menu"]["min_items"]),
            menu_item_chars=int(raw["menu"]["max_item_chars"]),
        )
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise DataFileError(f"malformed boilerplate data: {e!r}", str(path)) from None


def _alternatives(words: list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def find_boilerplate_lines(lines: list[str]) -> set[int]:
    """Indices of lines that are web-page furniture, not document text.

    ``lines`` are trimmed and non-blank (as :func:`extractor.clean.clean` passes them).
    """
    lex = lexicon()
    bare = [_strip_bullets(x) for x in lines]
    n = len(bare)
    drop = {i for i, s in enumerate(bare) if _furniture_anywhere(s, lex)}

    sentences = [i for i, s in enumerate(bare) if i not in drop and _is_sentence(s)]
    first = sentences[0] if sentences else n
    last = sentences[-1] if sentences else -1
    edges = [i for i in range(n) if i < first or i > last]
    for i in edges:
        if _furniture_at_edge(bare[i], lex) or (
                i < first and _short(bare[i], lex) and _matches(bare[i], lex.header_furniture)):
            drop.add(i)

    # A location trail ends the page header: nothing of the document stands above it.
    trails = [i for i in range(first) if _short(bare[i], lex) and (
        _matches(bare[i], lex.header_ends) or _is_breadcrumb(bare[i], lex, strict=False))]
    if trails:
        drop.update(range(trails[-1] + 1))

    # A footer marker after the last sentence opens the page footer, unless a 落款
    # date comes after it: then the marker line was the document's own.
    for i in range(last + 1, n):
        if _short(bare[i], lex) and _matches(bare[i], lex.footer_starts):
            if not any(SIGNATURE_DATE.search(bare[j]) and j not in drop for j in range(i, n)):
                drop.update(range(i, n))
            break
    return drop


def is_furniture_line(line: str) -> bool:
    """Whether one line is page furniture on its own, wherever it stands.

    Context-free and stricter than :func:`find_boilerplate_lines`; used by the HTML
    reader to tell the article's text from the page around it.
    """
    lex = lexicon()
    s = _strip_bullets(line.strip())
    return _furniture_anywhere(s, lex) or _furniture_at_edge(s, lex)


def _strip_bullets(line: str) -> str:
    return _BULLETS.sub("", line).strip()


def _short(s: str, lex: Lexicon) -> bool:
    """Short enough to be furniture and not a sentence of several clauses."""
    if len(s) > lex.max_line_chars:
        return False
    return not (s.endswith("。") and _CLAUSE.search(s))


def _matches(s: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    return any(p.search(s) for p in patterns)


def _furniture_anywhere(s: str, lex: Lexicon) -> bool:
    if not _short(s, lex):
        return False
    return (_matches(s, lex.furniture) or _only_words(s, lex.tool_words)
            or _is_breadcrumb(s, lex, strict=True))


def _is_timestamp_row(s: str, lex: Lexicon) -> bool:
    m = lex.timestamp.match(s)
    if not m:
        return False
    rest = s[m.end():].strip()
    return not rest or bool(lex.metadata_row.search(rest))


def _furniture_at_edge(s: str, lex: Lexicon) -> bool:
    """Furniture when it stands before the first sentence or after the last one."""
    if not _short(s, lex):
        return False
    return (bool(lex.metadata_row.search(s)) or _is_timestamp_row(s, lex)
            or _only_words(s, lex.nav_words | lex.tool_words)
            or not _WORDY.search(s)  # "- -", "|": separators left of a menu
            or _is_breadcrumb(s, lex, strict=False) or _is_menu(s, lex))


def _is_menu(s: str, lex: Lexicon) -> bool:
    """``网站首页 | 政策法规 | 医保资讯``: short items between bars, one a nav word."""
    items = [p for p in lex.menu_split.split(s) if p]
    return (len(items) >= lex.menu_items
            and all(len(p) <= lex.menu_item_chars and not _SENTENCE_PUNCT.search(p) for p in items)
            and any(p.casefold() in lex.nav_words for p in items))


def _only_words(s: str, words: frozenset[str]) -> bool:
    parts = [p for p in _SPLIT_WORDS.split(s.casefold()) if p]
    return bool(parts) and all(p in words for p in parts)


def _is_breadcrumb(s: str, lex: Lexicon, *, strict: bool) -> bool:
    """``首页 > 政务公开 > 通知公告``: two separators or more between short names.

    ``strict`` (used anywhere in a text) also wants the trail to start at a home page.
    """
    parts = lex.breadcrumb.split(s)
    if len(parts) < 3 or any(len(p) > 24 or _SENTENCE_PUNCT.search(p) for p in parts):
        return False
    if not all(_WORDY.search(p) for p in parts[1:]):
        return False  # "a > > b" or arrows drawn in a diagram
    return not strict or parts[0].casefold() in lex.nav_words


def _is_sentence(s: str) -> bool:
    """A line of running text: clause punctuation and some Chinese around it."""
    return len(_CJK.findall(s)) >= 8 and bool(_SENTENCE_PUNCT.search(s))
