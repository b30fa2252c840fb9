"""Document kind (文种) and drafting status, read from the title."""
from __future__ import annotations

import re

from .rules import rules

_BOOK = re.compile(r"《[^《》]*》")
_BRACKET = re.compile(r"[（(]([^（）()]*)[）)]")


def _bare(title: str) -> str:
    """The title without trailing brackets and trailing status words."""
    r = rules()
    t = title.strip()
    while True:
        before = t
        t = r.trailing_brackets.sub("", t).strip()
        for w in r.status_words:
            if t.endswith(w) and w not in r.status_before_kind:
                t = t[: -len(w)].strip()
        if t == before:
            return t


def head_kind(title: str | None) -> str | None:
    """The kind named by a title's head noun: ``关于印发X方案的通知`` → ``通知``."""
    if not title:
        return None
    r = rules()
    t = _bare(title)
    if any(t.endswith(w) for w in r.not_kinds):
        return None
    words = sorted([*r.kinds, *r.kind_aliases], key=len, reverse=True)
    for w in words:
        if t.endswith(w):
            return r.kind_aliases.get(w, w)
    return None


def kind_from_body(paragraphs: list[str]) -> str | None:
    """A kind the preamble names itself by: ``…结合实际，制定本规划。`` → ``规划``."""
    r = rules()
    for p in paragraphs[: r.self_reference_paragraphs]:
        for rx in r.self_reference:
            m = rx.search(p)
            if m:
                w = m.group("kind")
                return r.kind_aliases.get(w, w)
    return None


def status(title: str | None, next_line: str | None = None) -> str | None:
    """Drafting status: ``（征求意见稿）``, ``暂行办法`` → ``暂行``, ``条例草案`` → ``草案``."""
    r = rules()
    if title:
        t = _BOOK.sub("", title)  # the status of a cited document is not this one's
        for content in _BRACKET.findall(t):
            found = _word_in(content)
            if found:
                return found
        bare = _bare(t)
        tail = t[len(bare):]
        found = _word_in(tail)
        if found:
            return found
        kind = head_kind(title)
        if kind:
            stem = bare[: -len(kind)] if bare.endswith(kind) else bare
            for w in r.status_before_kind:
                if stem.endswith(w):
                    return w
    if next_line:
        line = next_line.strip()
        m = _BRACKET.fullmatch(line)
        found = _word_in(m.group(1) if m else line)
        if found and len(line) <= len(found) + 4:
            return found
    return None


def _word_in(text: str) -> str | None:
    for w in rules().status_words:  # longest first
        if w in text:
            return w
    return None
