"""Structure stage: header facts, section tree and sentences of a cleaned text.

A chain of small steps, each in its own module: ``title`` (header lines and title),
``kind`` (文种, status), ``header`` (文号, issuer named at the top), ``signature``
(落款), ``adoption`` (a law's history lines), ``place`` (the document's region),
``sections`` and ``sentences``.  The domain knowledge is in ``extractor/data/``.

>>> s = analyse("关于开展X工作的意见（征求意见稿）\\n一、总体要求\\n坚持标准。")
>>> s.info.title, s.info.doc_kind, s.info.status, [x.number for x in s.sections]
('关于开展X工作的意见（征求意见稿）', '意见', '征求意见稿', ['一、'])
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import DocumentInfo, Section, Sentence
from .adoption import version
from .dates import find_dates
from .header import HeaderFacts, header_facts
from .kind import head_kind, kind_from_body, status
from .lines import Line, split_lines
from .place import document_region
from .rules import rules
from .sections import find_sections
from .sentences import split_sentences
from .signature import find_signature
from .title import Header, read_header

__all__ = ["Structure", "analyse"]


@dataclass
class Structure:
    """What the structure stage finds; ``info.pages``/``info.chars`` are the caller's."""

    info: DocumentInfo
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    title_spans: list[tuple[int, int]] = field(default_factory=list)  # the title's lines


def analyse(text: str, meta: dict | None = None) -> Structure:
    """Title, kind, status, issuer, date, 文号, region, sections and sentences of ``text``.

    ``text`` is the cleaned text (see :func:`extractor.clean.clean`); ``meta`` holds what
    a reader found outside it (an HTML page's title, source, dates), used only where the
    text is silent.
    """
    lines = split_lines(text)
    head = read_header(lines)
    facts = header_facts(head)
    title = head.title or _meta(meta, "title")
    body = [ln.text for ln in lines[head.body_start:] if ln.text.strip()]
    issuer, date = _issuer_and_date(lines, head, facts, meta)
    info = DocumentInfo(
        title=title,
        doc_kind=head_kind(title) or kind_from_body(body),
        status=status(title, _line_after(lines, head)),
        issuer=issuer,
        date=date,
        doc_number=facts.doc_number or _meta(meta, "doc_number"),
        region=document_region(issuer, title, text),
    )
    skip = set(range(head.body_start)) | set(head.title_lines)
    return Structure(info, find_sections(text, lines, skip), split_sentences(text),
                     [(lines[i].start, lines[i].end) for i in head.title_lines])


def _issuer_and_date(lines: list[Line], head: Header, facts: HeaderFacts,
                     meta: dict | None) -> tuple[str | None, str | None]:
    """落款 first; then the header (title prefix, red head, name line, a reader's meta);
    then a law's history lines.  A page's publication date comes last."""
    sig = find_signature(lines, head.body_start)
    law_issuer, law_date = version(facts.history)
    signed = sig.issuer if sig and not sig.printed else None
    printed = sig.issuer if sig and sig.printed else None
    issuer = signed or facts.issuer or printed or _meta(meta, "issuer") or law_issuer
    meta_date = _meta(meta, "date")
    meta_dates = find_dates(meta_date) if meta_date else []
    date = (sig.date if sig else None) or facts.date or law_date or \
        (meta_dates[0][2] if meta_dates else None)
    return issuer, date


def _line_after(lines: list[Line], head: Header) -> str | None:
    """The first non-empty line after the title (it may carry the status)."""
    if not head.title_lines:
        return None
    last = max(head.title_lines)
    return next((ln.text for ln in lines[last + 1:] if ln.text.strip()), None)


def _meta(meta: dict | None, fact: str) -> str | None:
    for key in rules().meta_keys.get(fact, []):
        value = (meta or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
