"""The aligned comparison table: metrics down, documents across, provisions in the cells.

Plain dataclasses and no rendering; ``render.py`` writes them as HTML, XLSX, CSV, JSON or
Markdown. Records are what ``policyx extract`` writes (dicts), as
:func:`extractor.records.load_records` returns them.

>>> from extractor.compare.table import build_table
>>> t = build_table([rec_lianjiang, rec_zhanjiang])        # doctest: +SKIP
>>> row = t.row("county_inpatient_rate")                    # doctest: +SKIP
>>> [[e.value_text for e in cell] for cell in row.cells]   # doctest: +SKIP
[['约85%'], ['约85%', '约80%']]
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from .. import datafiles

Record = dict[str, Any]


@cache
def report_settings() -> dict[str, Any]:
    return datafiles.load("report.yaml")


def number_text(value: float | int | Decimal) -> str:
    """A number as people write it: ``85.0`` → ``85``, ``7.22`` → ``7.22``, no exponent."""
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = format(d.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled(values: Sequence[float], unit: str | None) -> tuple[list[str], str]:
    """Numbers written with 万/亿 when the largest is at least that scale (not for %)."""
    top = max(abs(v) for v in values)
    if unit not in ("%", "‰", "pp"):
        for s in report_settings()["scales"]:
            if top >= s["value"]:
                scale = Decimal(s["value"])
                return [number_text(Decimal(repr(float(v))) / scale) for v in values], s["word"]
    return [number_text(v) for v in values], ""


def per_text(value: float | None, unit: str | None) -> str:
    """A per-capita base in a few characters: (1000, 人) → ``千人``, (30000, 人) → ``3万人``."""
    if value is None or not unit:
        return ""
    if value == 1:
        return unit
    for s in report_settings()["per_scales"]:
        if value >= s["value"] and value % s["value"] == 0:
            n = value / s["value"]
            return ("" if n == 1 else number_text(n)) + s["word"] + unit
    return number_text(value) + unit


@dataclass
class Column:
    """One document, as a column header shows it."""

    key: str
    file: str
    label: str
    region: str | None = None
    region_full: str | None = None
    title: str | None = None
    short_title: str = ""
    status: str | None = None
    date: str | None = None
    doc_number: str | None = None
    doc_kind: str | None = None


@dataclass
class Entry:
    """One provision in a cell; offsets of the span are relative to ``sentence``."""

    id: str
    kind: str
    metric: str | None
    comparator: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    per_value: float | None
    per_unit: str | None
    deadline: str | None
    date: str | None
    qualifier: str | None
    scope: str | None
    subject: str | None
    section: str | None
    sentence: str
    span_start: int | None
    span_end: int | None
    high: bool = False
    low: bool = False

    @property
    def span_text(self) -> str:
        if self.span_start is None or self.span_end is None:
            return ""
        return self.sentence[self.span_start:self.span_end]

    @property
    def per_text(self) -> str:
        return per_text(self.per_value, self.per_unit)

    @property
    def comparable_key(self) -> tuple[str, str | None, float | None, str | None]:
        """Values with equal keys may be ranked: same unit and per-capita base, and both
        targets/quotas or both reported figures (a 2019 rate is no rival of a 2025 goal)."""
        return ("STAT" if self.kind == "STAT" else "goal", self.unit, self.per_value,
                self.per_unit)

    @property
    def value_text(self) -> str:
        """``≥65%``, ``约6.03亿元``, ``1–1.5名/万人``; the deadline is not included."""
        if self.value is None:
            return self.span_text
        nums = [self.value] + ([self.value_max] if self.value_max is not None else [])
        parts, scale = _scaled(nums, self.unit)
        sign = report_settings()["comparators"].get(self.comparator or "=", self.comparator or "")
        text = sign + "–".join(parts) + scale + (self.unit or "")
        return text + ("/" + self.per_text if self.per_text else "")

    @property
    def text(self) -> str:
        """:attr:`value_text` with the deadline: ``≥65%（期限2025-12-31）``."""
        return self.value_text + (f"（期限{self.deadline}）" if self.deadline else "")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(value_text=self.value_text, span_text=self.span_text)
        return d


@dataclass
class Row:
    """One metric: ``cells[i]`` holds the provisions of ``columns[i]`` (maybe none)."""

    key: str
    metric_id: str | None
    label: str
    cells: list[list[Entry]]
    kinds: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        """How many documents state this metric."""
        return sum(1 for c in self.cells if c)

    def entries(self) -> Iterable[tuple[int, Entry]]:
        for i, cell in enumerate(self.cells):
            for e in cell:
                yield i, e


@dataclass
class CompareTable:
    columns: list[Column]
    rows: list[Row]
    unaligned: int = 0  # provisions with neither metric_id nor metric text: not shown

    def row(self, key: str) -> Row:
        """The row of a metric id (or of ``"text:" + metric`` for one without an id)."""
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": [asdict(c) for c in self.columns],
            "rows": [{"key": r.key, "metric_id": r.metric_id, "label": r.label,
                      "kinds": r.kinds, "documents": r.documents,
                      "cells": [[e.to_dict() for e in cell] for cell in r.cells]}
                     for r in self.rows],
            "unaligned": self.unaligned,
        }


# -- columns ----------------------------------------------------------------------------

def _region_short(region: dict[str, Any] | None) -> str | None:
    if not region or not region.get("name"):
        return None
    name, code = region["name"], region.get("code")
    try:
        from ..regions import gazetteer

        short = {c: f for f, c in gazetteer().short.items()}.get(code or "")
    except Exception:  # noqa: BLE001 - a label without the gazetteer is still a label
        short = None
    return short or name


def short_title(title: str | None, region_names: Iterable[str] = ()) -> str:
    """A title short enough for a column header.

    >>> short_title("湛江市全面提升县级医院综合能力实施方案（2020-2021年）", ["湛江市", "湛江"])
    '全面提升县级医院综合能力实施方案'
    """
    if not title:
        return ""
    cfg = report_settings()
    t = title.strip()
    quoted = re.search(r"《([^《》]+)》", t)
    if quoted:
        t = quoted.group(1)
    while True:  # trailing （征求意见稿）（2020-2021年）
        stripped = re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", t)
        if stripped == t or not stripped:
            break
        t = stripped
    for w in cfg["title_wrappers"]:
        at = t.find(w["before"])
        if at >= 0 and len(t) > at + len(w["before"]) + len(w["after"]):
            t = t[at + len(w["before"]):].removesuffix(w["after"])
            break
    else:
        for prefix in cfg["title_prefixes"]:
            at = t.find(prefix)
            if at >= 0 and len(t) > at + len(prefix):
                t = t[at + len(prefix):]
                break
    for name in sorted((n for n in region_names if n), key=len, reverse=True):
        if name in t and len(t) > len(name):  # the column already names its region
            t = t.replace(name, "", 1)
            break
    limit = int(cfg["short_title_chars"])
    if len(t) <= limit:
        return t
    tail = limit * 2 // 5  # keep the head noun at the end: …实施方案, …的意见
    return t[: limit - 1 - tail] + "…" + t[-tail:]


def _column(rec: Record, index: int) -> Column:
    doc = rec.get("document") or {}
    region = doc.get("region") or None
    short = _region_short(region)
    full = region.get("name") if region else None
    title = doc.get("title")
    st = short_title(title, [full or "", short or ""]) or doc.get("doc_kind") or ""
    file = str(rec.get("file") or f"document {index + 1}")
    head = short or doc.get("issuer") or ""
    label = " ".join(x for x in (head, st) if x) or Path(file).stem
    return Column(key=file, file=file, label=label, region=short, region_full=full, title=title,
                  short_title=st, status=doc.get("status"), date=doc.get("date"),
                  doc_number=doc.get("doc_number"), doc_kind=doc.get("doc_kind"))


def _unique_labels(columns: list[Column]) -> None:
    """Two columns never share a label: add status and date, else the file's name, else #n."""
    groups: dict[str, list[Column]] = {}
    for c in columns:
        groups.setdefault(c.label, []).append(c)
    for label, group in groups.items():
        if len(group) < 2:
            continue
        tries = [[" ".join(x for x in (label, c.status, c.date) if x) for c in group],
                 [f"{label} {Path(c.file).name}" for c in group]]  # one document, two formats
        names = next((t for t in tries if len(set(t)) == len(t)),
                     [f"{label} #{i}" for i in range(1, len(group) + 1)])  # one file twice
        for c, name in zip(group, names, strict=True):
            c.label = name


# -- rows -------------------------------------------------------------------------------

def _metric_name(metric_id: str) -> str | None:
    try:
        from ..metrics import catalogue

        return catalogue()[metric_id].name
    except Exception:  # noqa: BLE001 - an id the catalogue no longer has keeps its text
        return None


def _entry(p: dict[str, Any], ident: str) -> Entry:
    sentence = p.get("text") or ""
    s0 = p.get("start") or 0
    ss, se = p.get("span_start"), p.get("span_end")
    rel_s = ss - s0 if ss is not None else None
    rel_e = se - s0 if se is not None else None
    if rel_s is None or rel_e is None or not 0 <= rel_s < rel_e <= len(sentence):
        rel_s = rel_e = None  # a span outside its sentence is not highlighted at all
    per = p.get("per") or {}
    return Entry(
        id=ident, kind=p.get("kind") or "", metric=p.get("metric"),
        comparator=p.get("comparator"), value=p.get("value"), value_max=p.get("value_max"),
        unit=p.get("unit"), per_value=per.get("value"), per_unit=per.get("unit"),
        deadline=p.get("deadline"), date=p.get("date"), qualifier=p.get("qualifier"),
        scope=p.get("scope"), subject=p.get("subject"), section=p.get("section"),
        sentence=sentence, span_start=rel_s, span_end=rel_e)


def mark_extremes(row: Row) -> None:
    """Mark the highest and lowest values among comparable entries of the row.

    Entries are comparable when their :attr:`Entry.comparable_key` is equal; a group is ranked
    only when it spans two documents or more and its values are not all equal. A range
    counts by its upper bound for "highest" and by its lower bound for "lowest".
    """
    groups: dict[tuple[Any, ...], list[tuple[int, Entry]]] = {}
    for col, e in row.entries():
        e.high = e.low = False
        if e.value is not None:
            groups.setdefault(e.comparable_key, []).append((col, e))
    for members in groups.values():
        if len({col for col, _ in members}) < 2:
            continue
        top = max(e.value_max if e.value_max is not None else e.value for _, e in members)
        bottom = min(e.value for _, e in members)
        if top == bottom:
            continue
        for _, e in members:
            e.high = (e.value_max if e.value_max is not None else e.value) == top
            e.low = e.value == bottom


def build_table(records: Sequence[Record]) -> CompareTable:
    """Align the provisions of ``records`` by metric.

    A provision's row is its ``metric_id``; one without an id is grouped with others of
    the same metric text; one with neither is counted in ``unaligned``. Rows stated by
    more documents come first, then in order of first appearance.
    """
    columns = [_column(r, i) for i, r in enumerate(records)]
    _unique_labels(columns)
    rows: dict[str, Row] = {}
    unaligned = 0
    for ci, rec in enumerate(records):
        for pi, p in enumerate(rec.get("provisions") or []):
            metric_id = p.get("metric_id")
            metric = re.sub(r"\s+", "", p.get("metric") or "")
            if metric_id:
                key = metric_id
            elif metric:
                key = "text:" + metric
            else:
                unaligned += 1
                continue
            row = rows.get(key)
            if row is None:
                label = (_metric_name(metric_id) if metric_id else None) or metric or key
                row = rows[key] = Row(key=key, metric_id=metric_id, label=label,
                                      cells=[[] for _ in columns])
            entry = _entry(p, f"p{ci}-{pi}")
            row.cells[ci].append(entry)
            if entry.kind and entry.kind not in row.kinds:
                row.kinds.append(entry.kind)
    ordered = sorted(rows.values(), key=lambda r: -r.documents)  # stable: first seen next
    for row in ordered:
        mark_extremes(row)
    return CompareTable(columns=columns, rows=ordered, unaligned=unaligned)
