"""TARGET and STAT figures from the indicator tables of a plan (``data/tables.yaml``).

A table arrives as tab-separated rows (DOCX, HTML and .doc readers keep a row a line) or,
scraped or extracted from a PDF, one cell a line after its caption and header cells. Its
header says what a number means: a column named by a target ("“十五五”目标") gives
TARGETs by the end of that period, one named by a year or a current state ("2025年",
"“十四五”现状") gives STATs of that time, and a column naming a measure ("面积（平方公
里）") takes its time from the row's year cell. The metric is the row's name (or the
measure column's own name), the unit the row's unit cell, the header's bracketed unit or
the value's own %.

Rows of a one-cell-a-line table are not rebuilt: merged cells leave rows of varying
length. Each run of numbers is read against the header's value columns in order, with the
nearest name, unit and year cells before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import metrics
from ..models import Entity
from ..normalise.quantities import parse_quantity
from ..textmap import line_spans
from .context import DocContext
from .lexicon import load

NUMBER = re.compile(r"约?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>%|‰)?\s*(?P<t>以上|以下|左右|及以上)?")
YEARS = re.compile(r"(?P<a>(?:19|20)\d{2})年?(?:底|末)?(?:\s*[-—–~至到]\s*(?P<b>(?:19|20)\d{2})年?(?:底|末)?)?")
BRACKET = re.compile(r"[（(](?P<u>[^（）()]{1,8})[）)]$")


@dataclass
class Cell:
    text: str
    start: int
    end: int
    row: int | None = None  # the row of a tab-separated table; None one cell a line


@dataclass
class Column:
    header: str
    kind: str | None  # TARGET or STAT when the header says so
    years: tuple[int, int] | None  # the time the header names
    measure: str | None  # the metric a measure column names
    unit: str | None  # its bracketed unit


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = load("tables.yaml")
    periods = {p["name"]: (p["start_year"], p["end_year"]) for p in load("periods.yaml")["plan_periods"]}
    names = sorted(periods, key=len, reverse=True)
    return {**d, "periods": periods,
            "period_rx": re.compile("|".join(re.escape(n) for n in names)),
            "caption_rx": re.compile(d["caption"]), "end_rx": re.compile(d["table_end"]),
            "text_headers": set(d["text_headers"]), "blanks": set(d["blanks"])}


def find_in_doc(text: str, context: DocContext) -> list[Entity]:
    """A TARGET or STAT for every number of a table column that names a time or a target."""
    if "\t" not in text and "表" not in text and "序号" not in text:
        return []
    lex = _lex()
    year = context.date.year if context and context.date else None
    out: list[Entity] = []
    for header, cells in _tables(text, lex):
        out += _read(header, cells, year, lex)
    return out


# ---------------------------------------------------------------- finding tables


def _tables(text: str, lex: dict) -> list[tuple[list[str], list[Cell]]]:
    lines = line_spans(text)
    out = []
    i = 0
    while i < len(lines):
        a, b = lines[i]
        line = text[a:b].strip()
        if "\t" in text[a:b]:
            j = i
            while j < len(lines) and "\t" in text[lines[j][0]:lines[j][1]]:
                j += 1
            table = _tab_table(text, lines[i:j])
            if table:
                out.append(table)
            i = j
            continue
        if lex["caption_rx"].search(line) or line in lex["key_headers"]:
            table, j = _cell_table(text, lines, i if line in lex["key_headers"] else i + 1, lex)
            if table:
                out.append(table)
            i = max(j, i + 1)
            continue
        i += 1
    return out


def _tab_table(text: str, rows: list[tuple[int, int]]) -> tuple[list[str], list[Cell]] | None:
    cells_of = []
    for a, b in rows:
        cells, pos = [], a
        for part in text[a:b].split("\t"):
            cells.append(Cell(part.strip(), pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())))
            pos += len(part) + 1
        cells_of.append(cells)
    header = [c.text for c in cells_of[0]]
    if len(cells_of) < 2 or any(_number(h) for h in header):
        return None
    body = [Cell(c.text, c.start, c.end, r) for r, cells in enumerate(cells_of[1:]) for c in cells]
    return header, body


def _cell_table(text: str, lines: list[tuple[int, int]], i: int,
                lex: dict) -> tuple[tuple[list[str], list[Cell]] | None, int]:
    header: list[str] = []
    while i < len(lines):
        cell = text[lines[i][0]:lines[i][1]].strip()
        if "\t" in cell:
            return None, i  # the caption of a table written in rows
        # under 序号 the header runs to the first row's number (a header may be a year:
        # "2025年"); else to the first number or year (a row's key: "2024年")
        numbered = any(h in lex["key_headers"] for h in header)
        if not cell or len(cell) > lex["max_cell"] or "。" in cell or (
                cell == "1" if numbered else _number(cell) or YEARS.fullmatch(cell)):
            break
        if header and BRACKET.fullmatch(cell):
            header[-1] += cell  # a header cell broken before its unit: 达标区域面积 / （平方公里）
        else:
            header.append(cell)
        i += 1
    if len(header) < 2:
        return None, i
    body = []
    while i < len(lines):
        a, b = lines[i]
        cell = text[a:b].strip()
        if "\t" in cell or len(cell) > lex["max_cell"] or "。" in cell or lex["end_rx"].search(cell) or lex["caption_rx"].search(cell):
            break
        if cell:
            body.append(Cell(cell, a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())))
        i += 1
    if not any(_number(c.text) for c in body):
        return None, i
    return (header, body), i


# ---------------------------------------------------------------- reading a table


def _read(header: list[str], cells: list[Cell], year: int | None, lex: dict) -> list[Entity]:
    columns = [_column(h, lex) for h in header]
    values = [i for i, c in enumerate(columns) if c is not None]
    if not values:
        return []
    numbered = any(h in lex["key_headers"] for h in header)
    out: list[Entity] = []
    name = unit = None
    row_years: tuple[int, int] | None = None
    run: list[Cell] = []
    expected, row = 1, None

    def flush() -> None:
        # more numbers than value columns (a header over two lines, sub-columns): the
        # extra ones belong to the last
        for n, cell in enumerate(run):
            col = values[min(n, len(values) - 1)]
            ent = _entity(cell, columns[col], name, unit, row_years, year, lex)
            if ent is not None:
                out.append(ent)
        run.clear()

    for k, cell in enumerate(cells):
        if cell.row is not None and cell.row != row:
            flush()
            row, name, unit, row_years = cell.row, None, None, None
            if numbered and cell.text.isdigit():
                continue  # the row's number
        nxt = cells[k + 1].text if k + 1 < len(cells) else ""
        if cell.row is None and numbered and cell.text == str(expected) and not _number(nxt):
            flush()
            expected += 1
            continue
        if _number(cell.text):
            run.append(cell)
            continue
        flush()
        if cell.text in lex["blanks"]:
            continue
        years = YEARS.fullmatch(cell.text)
        if years:
            row_years = (int(years["a"]), int(years["b"] or years["a"]))
        elif _unit(cell.text):
            unit = cell.text
        else:
            name = cell.text
    flush()
    return out


def _column(header: str, lex: dict) -> Column | None:
    """What a header says of its numbers; None for a column of names, units or notes."""
    h = re.sub(r"\s+", "", header)
    if h in lex["text_headers"] or h.endswith("单位"):
        return None
    bracket = BRACKET.search(h)
    unit = bracket["u"] if bracket and _unit(bracket["u"]) else None
    bare = h[:bracket.start()] if bracket else h
    kind = ("TARGET" if any(w in h for w in lex["target_words"])
            else "STAT" if any(w in h for w in lex["stat_words"]) else None)
    years = None
    period = lex["period_rx"].search(h)
    if period:
        years = lex["periods"][period.group(0)]
    else:
        m = YEARS.search(h)
        if m:
            years = (int(m["a"]), int(m["b"] or m["a"]))
    measure = bare if bare.endswith(tuple(lex["measure_ends"])) and not years and not kind else None
    if kind is None and years is None and measure is None:
        return None
    return Column(header, kind, years, measure, unit)


def _entity(cell: Cell, col: Column, name: str | None, unit: str | None,
            row_years: tuple[int, int] | None, year: int | None, lex: dict) -> Entity | None:
    metric = col.measure or _metric(name, lex)
    years = col.years or row_years
    if metric is None or years is None:
        return None  # a number with no name or no time: a project's size, not an indicator
    m = NUMBER.fullmatch(cell.text)
    own = m["u"] if m else None
    unit_text = own or col.unit or unit or ""
    unit_text = BRACKET.sub("", unit_text)  # 条（段） → 条
    q = parse_quantity(f"{m['n']}{unit_text}{m['t'] or ''}") if m else None
    if q is None or q.value is None:
        return None
    kind = col.kind or ("STAT" if year is not None and years[1] < year else "TARGET")
    norm: dict = {"value": float(q.value), "unit": q.unit, "metric": metric,
                  "metric_id": getattr(metrics.lookup(metric), "id", None)}
    if q.comparator:
        norm["comparator"] = q.comparator
        norm["qualifier"] = m["t"]
    if metric.startswith("人均"):
        norm["per"] = {"value": 1.0, "unit": "人"}
        kind = "QUOTA" if kind == "TARGET" else kind
    if kind == "STAT":
        norm["date"] = str(years[0]) if years[0] == years[1] else f"{years[0]}/{years[1]}"
    else:
        norm["deadline"] = f"{years[1]}-12-31"
    return Entity(label=kind, text=cell.text, start=cell.start, end=cell.end, normalized=norm)


def _metric(name: str | None, lex: dict) -> str | None:
    if not name:
        return None
    for lead in lex["sub_row_leads"]:
        name = name.removeprefix(lead).strip()
    return name or None


def _number(cell: str) -> bool:
    return bool(NUMBER.fullmatch(cell.strip())) and not YEARS.fullmatch(cell.strip())


def _unit(cell: str) -> bool:
    """A unit cell: 万平方米, %, 条（段）, 公里 — short, no digits, read as a unit."""
    if len(cell) > 8 or re.search(r"\d", cell):
        return False
    bare = BRACKET.sub("", cell)
    q = parse_quantity("1" + bare)
    # the whole cell is the unit: 人 is one, 人均预期寿命 a name
    return q is not None and q.unit is not None and q.end == len(bare) + 1
