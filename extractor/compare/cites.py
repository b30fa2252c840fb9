"""Citation graph: which document cites which, by 文号 or 《title》.

>>> from extractor.records import load_records
>>> from extractor.compare.cites import build_graph
>>> graph = build_graph(load_records(["corpora/seeds/"]))  # doctest: +SKIP
>>> [(e.cited_doc_number, e.target_file) for e in graph.edges][:1]  # doctest: +SKIP
[('国卫办医函〔2021〕538号', None)]

Each POLICY_REF entity of a record is a mention; the mentions of one cited document in
one citing document make one edge (``mentions`` counts them). An edge is resolved to a
document among the inputs whose own 文号 (``document.doc_number``) or title matches.
Title matching rules (marks dropped, 关于印发X的通知 ≡ X) are in
``extractor/data/cites.yaml``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from .. import datafiles
from ..errors import DataFileError

Record = dict[str, Any]
DATA_FILE = "cites.yaml"
LABEL = "POLICY_REF"

CSV_COLUMNS = ("source_file", "source_title", "cited_title", "cited_doc_number",
               "issuer_code", "year", "serial", "target_file", "target_title", "resolved_by",
               "mentions", "text")


@dataclass
class CiteEdge:
    """One citing document → one cited document."""

    source_file: str
    source_title: str | None
    cited_title: str | None
    cited_doc_number: str | None  # as written: 粤办函〔2022〕245号
    issuer_code: str | None = None
    year: int | None = None
    serial: int | None = None
    target_file: str | None = None  # the input document it resolves to, if any
    target_title: str | None = None
    resolved_by: str | None = None  # "doc_number" or "title"
    mentions: int = 1
    text: str = ""  # the first mention as written


@dataclass
class CiteGraph:
    """Documents given and the citations between them (and to documents outside)."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    edges: list[CiteEdge] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``documents`` (file, title, doc_number, status) and ``edges``."""
        return {"documents": self.documents, "edges": [asdict(e) for e in self.edges],
                "summary": {"documents": len(self.documents), "edges": len(self.edges),
                            "resolved": sum(e.target_file is not None for e in self.edges)}}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        """One row an edge, the columns of :data:`CSV_COLUMNS` (write it as ``utf-8-sig``)."""
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        w.writeheader()
        for e in self.edges:
            w.writerow({k: "" if v is None else v for k, v in asdict(e).items()})
        return buf.getvalue()


# --- matching keys --------------------------------------------------------------------

@dataclass(frozen=True)
class _Rules:
    drop: frozenset[str]
    wrappers: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    d = datafiles.load(DATA_FILE)
    try:
        return _Rules(frozenset(d["title_drop"]),
                      tuple(re.compile(w["pattern"]) for w in d.get("wrappers", [])))
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"bad entry: {exc!r}", f"extractor/data/{DATA_FILE}") from None


def normalise_title(title: str | None) -> str:
    """A title as compared: NFKC, no whitespace, no 《》 or quotes.

    >>> normalise_title(" 《“千县工程”县医院综合能力提升工作方案（2021-2025）》")
    '千县工程县医院综合能力提升工作方案(2021-2025)'
    """
    if not title:
        return ""
    drop = _rules().drop
    s = unicodedata.normalize("NFKC", title)
    return "".join(c for c in s if not c.isspace() and c not in drop and
                   unicodedata.normalize("NFKC", c) not in drop)


def title_keys(title: str | None) -> set[str]:
    """The normalised title and, for 关于印发X的通知, X: either may name the document."""
    t = normalise_title(title)
    if not t:
        return set()
    keys = {t}
    for pat in _rules().wrappers:
        m = pat.match(t)
        if m and m.group("inner"):
            keys.add(m.group("inner"))
    return keys


def doc_number_key(text: str | None, parts: dict[str, Any] | None = None) -> tuple | None:
    """(issuer code, year, serial) of a 文号, from its parts or parsed from its text.

    Writers vary the brackets (〔〕, [], （）) and spacing; the parts do not.
    """
    if parts and parts.get("serial") is not None:
        return (normalise_title(parts.get("issuer_code")), parts.get("year"), parts["serial"])
    if not text:
        return None
    from ..recognise.policy_refs import find_doc_numbers

    found = find_doc_numbers(text)
    if found:
        d = found[0]
        return (normalise_title(d.issuer_code), d.year, d.serial)
    return ("", None, normalise_title(text))  # unparsed: the text itself, normalised


# --- the graph ------------------------------------------------------------------------

def build_graph(records: list[Record]) -> CiteGraph:
    """Edges for every cited document in ``records``, resolved against ``records``."""
    graph = CiteGraph(documents=[_doc_entry(r) for r in records])
    by_number: dict[tuple, list[int]] = {}
    by_title: dict[str, list[int]] = {}
    for k, r in enumerate(records):
        doc = r.get("document") or {}
        key = doc_number_key(doc.get("doc_number"))
        if key is not None:
            by_number.setdefault(key, []).append(k)
        for t in title_keys(doc.get("title")):
            by_title.setdefault(t, []).append(k)
    for k, r in enumerate(records):
        for edge in _edges_of(r):
            _resolve(edge, k, records, by_number, by_title)
            graph.edges.append(edge)
    return graph


def _doc_entry(r: Record) -> dict[str, Any]:
    doc = r.get("document") or {}
    return {"file": r.get("file", ""), "title": doc.get("title"),
            "doc_number": doc.get("doc_number"), "status": doc.get("status")}


def _edges_of(r: Record) -> list[CiteEdge]:
    """One edge per cited document: mentions merged by 文号, else by title."""
    doc = r.get("document") or {}
    own_number = doc_number_key(doc.get("doc_number"))
    own_titles = title_keys(doc.get("title"))
    edges: list[CiteEdge] = []
    by_key: dict[Any, CiteEdge] = {}
    for e in r.get("entities", []):
        norm = e.get("normalized") or {}
        if e.get("label") != LABEL or norm.get("alias_of"):
            continue  # a short name given to a title cited just before is not a citation
        title, number = norm.get("title"), norm.get("doc_number_text")
        parts = norm.get("doc_number") or {}
        num_key = doc_number_key(number, parts) if (number or parts) else None
        keys = title_keys(title)
        # The document naming itself: its own 文号 in the header, or 现将《X》印发给你们 in
        # a notice titled 关于印发X的通知.
        if (num_key is not None and num_key == own_number) or (
                num_key is None and keys & own_titles):
            continue
        edge = by_key.get(num_key) if num_key else None
        if edge is None:
            # The same title mentioned again joins its edge, unless both carry 文号 that
            # differ (two documents of one title, a year apart).
            edge = next((by_key[t] for t in sorted(keys) if t in by_key), None)
            if edge is not None and num_key and edge.cited_doc_number:
                edge = None
        if edge is not None:
            edge.mentions += 1
            if edge.cited_title is None and title:
                edge.cited_title = title
            if edge.cited_doc_number is None and number:
                edge.cited_doc_number = number
                edge.issuer_code, edge.year = parts.get("issuer_code"), parts.get("year")
                edge.serial = parts.get("serial")
            if num_key:
                by_key.setdefault(num_key, edge)
            for t in keys:
                by_key.setdefault(t, edge)
            continue
        edge = CiteEdge(source_file=r.get("file", ""), source_title=doc.get("title"),
                        cited_title=title, cited_doc_number=number,
                        issuer_code=parts.get("issuer_code"), year=parts.get("year"),
                        serial=parts.get("serial"), text=e.get("text", ""))
        edges.append(edge)
        if num_key:
            by_key[num_key] = edge
        for t in keys:
            by_key.setdefault(t, edge)
    return edges


def _resolve(edge: CiteEdge, source: int, records: list[Record],
             by_number: dict[tuple, list[int]], by_title: dict[str, list[int]]) -> None:
    """Point ``edge`` at the input document it cites: by 文号 first, then by title."""
    hits: list[int] = []
    how = None
    key = doc_number_key(edge.cited_doc_number, {"issuer_code": edge.issuer_code,
                                                 "year": edge.year, "serial": edge.serial})
    if key is not None:
        hits, how = [k for k in by_number.get(key, []) if k != source], "doc_number"
    if not hits:
        hits = sorted({k for t in title_keys(edge.cited_title) for k in by_title.get(t, [])
                       if k != source})
        how = "title"
    if not hits:
        return
    # A citation means the final text: prefer a document with no status (no 征求意见稿).
    best = min(hits, key=lambda k: ((records[k].get("document") or {}).get("status") is not None,
                                    k))
    edge.target_file = records[best].get("file")
    edge.target_title = (records[best].get("document") or {}).get("title")
    edge.resolved_by = how
