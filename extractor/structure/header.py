"""Facts of a document's header: its own 文号, the issuer named at the top, header dates
and a law's history lines.  Citations inside the body never count: only header lines
and the title are read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .adoption import Entry, parse_history
from .dates import date_line
from .orgs import join_issuers, split_orgs
from .rules import rules
from .title import DATE, DOC_NUMBER, HISTORY, ORG, RED_HEAD, Header


@dataclass
class HeaderFacts:
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    history: list[Entry] = field(default_factory=list)


def header_facts(head: Header) -> HeaderFacts:
    """What the header lines and the title say about the document."""
    r = rules()
    facts = HeaderFacts()
    for ln in head.of_class(DOC_NUMBER):
        m = r.doc_number_line.match(ln.text.strip())
        if m:
            facts.doc_number = re.sub(r"\s+", "", m.group("num"))
            break
    if facts.doc_number is None and head.title:
        m = r.doc_number_in_title.search(head.title)
        if m:
            facts.doc_number = re.sub(r"\s+", "", m.group("num"))

    facts.issuer = _issuer(head)
    for ln in head.of_class(DATE):
        dl = date_line(ln.text)
        if dl and not dl.printed:
            facts.date = dl.date
            break
    for ln in head.of_class(HISTORY):
        facts.history.extend(parse_history(ln.text) or [])
    return facts


def _issuer(head: Header) -> str | None:
    r = rules()
    for ln in head.of_class(RED_HEAD):  # 汕头市人民政府办公室文件
        m = r.red_head.match(ln.text.strip())
        orgs = split_orgs(m.group("org")) if m else None
        if orgs:
            return join_issuers(orgs)
    if head.title:  # 国家发展改革委关于印发…的通知
        before, found, _ = head.title.partition(r.subject_word)
        orgs = split_orgs(before) if found and before else None
        if orgs:
            return join_issuers(orgs)
    org_lines = head.of_class(ORG)
    if org_lines:  # the name line nearest the body: "荆门市人民政府"
        orgs = split_orgs(org_lines[-1].text)
        if orgs:
            return join_issuers(orgs)
    return None
