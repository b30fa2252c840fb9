"""Write a :class:`~extractor.compare.table.CompareTable` as HTML, XLSX, CSV, JSON or Markdown.

>>> write(build_table(records), Path("report.html"), records=records)   # doctest: +SKIP

The format follows the file's suffix (or ``fmt``). HTML is one self-contained page
(see :mod:`extractor.compare.html`); XLSX keeps numbers as numbers with the unit in the
number format; CSV is UTF-8 with a BOM so that Excel reads Chinese right.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PolicyxError
from .html import esc, highlight, page, script_json
from .table import Column, CompareTable, Entry, report_settings

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv", ".json": "json",
           ".md": "md", ".markdown": "md"}
TITLE = "政策指标对照"
LEGEND = ("行：指标；列：文件。点击数值查看原句（高亮为识别出的片段），点击表头排序。"
          "绿色为最高、红色为最低：仅在单位和人均基数相同、且来自两份以上文件的数值之间比较。")


def format_of(path: Path, fmt: str | None = None) -> str:
    """``html``, ``xlsx``, ``csv``, ``json`` or ``md``, from ``fmt`` or the suffix."""
    name = fmt or FORMATS.get(path.suffix.lower())
    if name not in set(FORMATS.values()):
        raise PolicyxError(f"{path}: unknown report format (use .html, .xlsx, .csv, .json or .md)")
    return name


def write(table: CompareTable, path: Path, fmt: str | None = None,
          records: Sequence[dict[str, Any]] = ()) -> str:
    """Write ``table`` to ``path``; returns the format used.

    ``records`` feed the HTML report's citation section, when ``cites`` is available.
    """
    name = format_of(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if name == "xlsx":
        write_xlsx(table, path)
    elif name == "csv":
        # utf-8-sig: the BOM tells Excel the file is UTF-8 (without it, Chinese is garbled)
        path.write_text(to_csv(table), encoding="utf-8-sig", newline="")
    else:
        text = {"html": lambda: to_html(table, citations(records)),
                "json": lambda: to_json(table), "md": lambda: to_markdown(table)}[name]()
        path.write_text(text, encoding="utf-8")
    return name


def _cell_text(cell: list[Entry]) -> str:
    return "; ".join(e.text for e in cell)


def _header_bits(c: Column) -> list[str]:
    return [x for x in (c.status, c.date, c.doc_number) if x]


# -- JSON, CSV, Markdown ----------------------------------------------------------------

def to_json(table: CompareTable) -> str:
    return json.dumps(table.to_dict(), ensure_ascii=False, indent=1) + "\n"


def to_csv(table: CompareTable) -> str:
    """The table as text cells (``≥65%（期限2025-12-31）``), one row a metric."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["指标", "metric_id", "文件数"] + [c.label for c in table.columns])
    for r in table.rows:
        w.writerow([r.label, r.metric_id or "", r.documents] + [_cell_text(c) for c in r.cells])
    return buf.getvalue()


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(table: CompareTable) -> str:
    """A GitHub-style table; ▲ marks the highest and ▼ the lowest comparable value."""
    head = ["指标", "文件数"] + [
        " ".join([c.label] + [b for b in _header_bits(c) if b not in c.label])
        for c in table.columns]
    lines = [f"# {TITLE}", "", _md(LEGEND), "",
             "| " + " | ".join(_md(h) for h in head) + " |",
             "|" + "---|" * len(head)]
    for r in table.rows:
        cells = ["<br>".join(_md(e.text) + (" ▲" if e.high else "") + (" ▼" if e.low else "")
                             for e in cell) for cell in r.cells]
        lines.append("| " + " | ".join([_md(r.label), str(r.documents)] + cells) + " |")
    if table.unaligned:
        lines += ["", f"{table.unaligned} 条无指标名的条款未列入。"]
    return "\n".join(lines) + "\n"


# -- XLSX -------------------------------------------------------------------------------

def _width(values: Sequence[Any], cap: int = 40) -> float:
    """A column width that fits its longest value (East Asian characters count twice)."""
    longest = 0
    for v in values:
        text = "" if v is None else str(v)
        longest = max(longest, sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
                                   for ch in text))
    return min(max(longest + 2, 6), cap)


def _number_format(e: Entry) -> str:
    """A format that shows ``≥65%（期限2025-12-31）`` while the cell holds 65."""
    sign = report_settings()["comparators"].get(e.comparator or "=", e.comparator or "")
    tail = (e.unit or "") + ("/" + e.per_text if e.per_text else "")
    tail += f"（期限{e.deadline}）" if e.deadline else ""

    def lit(s: str) -> str:
        s = s.replace('"', "").replace("\\", "")
        return f'"{s}"' if s else ""

    return lit(sign) + "General" + lit(tail)


def write_xlsx(table: CompareTable, path: Path) -> None:
    """Three sheets: 对照 (the table), 明细 (one row a provision, every field), 文件."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    fills = {"hi": PatternFill("solid", fgColor="D1F0D6"), "lo": PatternFill("solid", fgColor="FDE2E1")}
    wrap = Alignment(wrap_text=True, vertical="top")

    wb = Workbook()
    ws = wb.active
    ws.title = "对照"
    header = ["指标", "metric_id", "文件数"] + [c.label for c in table.columns]
    ws.append(header)
    for cell in ws[1]:
        cell.font, cell.alignment = bold, wrap
    for r in table.rows:
        ws.append([r.label, r.metric_id, r.documents] + [None] * len(table.columns))
        n = ws.max_row
        for ci, entries in enumerate(r.cells):
            if not entries:
                continue
            cell = ws.cell(row=n, column=4 + ci)
            single = entries[0] if len(entries) == 1 else None
            if single is not None and single.value is not None and single.value_max is None:
                cell.value = single.value
                cell.number_format = _number_format(single)
            else:
                cell.value = _cell_text(entries)
                cell.alignment = wrap
            if any(e.high for e in entries):
                cell.fill = fills["hi"]
            elif any(e.low for e in entries):
                cell.fill = fills["lo"]
            note = "\n\n".join(f"{e.text}\n{e.sentence}" for e in entries)
            cell.comment = Comment(note[:2000], "policyx", width=360, height=160)
    ws.freeze_panes = "D2"
    widths = [_width([r.label for r in table.rows], 30), _width([r.metric_id for r in table.rows]),
              8] + [_width([c.label] + [_cell_text(r.cells[i]) for r in table.rows], 28)
                    for i, c in enumerate(table.columns)]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w

    detail = wb.create_sheet("明细")
    fields = ["指标", "metric_id", "文件", "类型", "比较", "数值", "上限", "单位", "人均基数",
              "基数单位", "期限", "范围", "对象", "限定", "章节", "片段", "原句", "最高", "最低"]
    detail.append(fields)
    kinds = report_settings()["kinds"]
    for r in table.rows:
        for ci, e in r.entries():
            detail.append([r.label, r.metric_id, table.columns[ci].label, kinds.get(e.kind, e.kind),
                           e.comparator, e.value, e.value_max, e.unit, e.per_value, e.per_unit,
                           e.deadline, e.scope, e.subject, e.qualifier, e.section, e.span_text,
                           e.sentence, e.high or None, e.low or None])
    for cell in detail[1]:
        cell.font = bold
    detail.freeze_panes = "A2"
    detail.auto_filter.ref = detail.dimensions
    for i, col in enumerate(detail.iter_cols(values_only=True), 1):
        cap = 60 if fields[i - 1] == "原句" else 24
        detail.column_dimensions[detail.cell(row=1, column=i).column_letter].width = _width(col, cap)

    docs = wb.create_sheet("文件")
    doc_fields = ["label", "region", "region_full", "title", "status", "date", "doc_number",
                  "doc_kind", "file"]
    docs.append(doc_fields)
    for c in table.columns:
        docs.append([getattr(c, f) for f in doc_fields])
    for cell in docs[1]:
        cell.font = bold
    docs.freeze_panes = "A2"
    for i, col in enumerate(docs.iter_cols(values_only=True), 1):
        docs.column_dimensions[docs.cell(row=1, column=i).column_letter].width = _width(col, 60)
    wb.save(path)


# -- citations (from extractor.compare.cites, when present) -----------------------------

@dataclass
class Citation:
    source: str
    title: str | None
    doc_number: str | None
    target: str | None
    mention: str  # the citation as written
    sentence: str  # the first sentence of the source that holds it ("" if none)
    mentions: int = 1


def _pick(obj: Any, *names: str) -> Any:
    for n in names:
        v = obj.get(n) if isinstance(obj, dict) else getattr(obj, n, None)
        if v is not None:
            return v
    return None


def citations(records: Sequence[dict[str, Any]]) -> list[Citation] | None:
    """The citation edges of ``records``; None when the cites module is not there."""
    try:
        from .cites import build_graph
    except ImportError:
        return None
    if not records:
        return []
    graph = build_graph(list(records))
    sentences = {r.get("file"): [s.get("text", "") for s in r.get("sentences") or []]
                 for r in records}
    out = []
    for e in getattr(graph, "edges", None) or []:
        source = str(_pick(e, "source_file", "source") or "")
        mention = str(_pick(e, "text", "mention") or "")
        sentence = _pick(e, "sentence") or next(
            (s for s in sentences.get(source, []) if mention and mention in s), "")
        out.append(Citation(
            source=source, title=_pick(e, "cited_title", "title"),
            doc_number=_pick(e, "cited_doc_number", "doc_number"),
            target=_pick(e, "target_file", "target"), mention=mention, sentence=sentence,
            mentions=int(_pick(e, "mentions") or 1)))
    return out


# -- HTML -------------------------------------------------------------------------------

def _th(c: Column) -> str:
    tip = " · ".join(x for x in (c.title, c.file) if x)
    bits = " · ".join(esc(x) for x in _header_bits(c))
    return (f'<th scope="col" title="{esc(tip)}"><div class="region">{esc(c.region or "")}</div>'
            f'<div>{esc(c.short_title or c.label)}</div>'
            f'<div class="muted">{bits}</div></th>')


def _entry_html(e: Entry) -> str:
    kinds = report_settings()["kinds"]
    mark = "hi" if e.high else "lo" if e.low else ""
    rank = "最高" if e.high else "最低" if e.low else ""
    # the qualifier (左右, 原则上, 力争) stays in the tooltip: the sign already says most of it
    tip = " · ".join(x for x in (kinds.get(e.kind, e.kind), e.qualifier, rank) if x)
    notes = [x for x in (e.subject, e.scope) if x]
    if e.deadline:
        notes.append("期限 " + e.deadline)
    note = f'<div class="muted">{esc(" · ".join(notes))}</div>' if notes else ""
    return (f'<div class="e {mark}"><a class="v" href="#{esc(e.id)}" data-src="{esc(e.id)}" '
            f'title="{esc(tip)}">{esc(e.value_text)}</a>{note}</div>')


def _sort_key(cell: list[Entry]) -> str:
    for e in cell:
        if e.value is not None:
            return repr(float(e.value))
    return ""


def _sources_html(table: CompareTable) -> str:
    by_col: list[list[tuple[str, Entry]]] = [[] for _ in table.columns]
    for r in table.rows:
        for ci, e in r.entries():
            by_col[ci].append((r.label, e))
    parts = ['<h2 id="sources">原句</h2>']
    for c, items in zip(table.columns, by_col, strict=True):
        if not items:
            continue
        items.sort(key=lambda x: int(x[1].id.rsplit("-", 1)[1]))  # document order
        parts.append(f"<h3>{esc(c.label)}</h3>")
        for label, e in items:
            where = " · ".join(x for x in (c.region, label, e.section) if x)
            parts.append(f'<p class="src" id="{esc(e.id)}"><span class="muted">[{esc(where)}]'
                         f"</span> {highlight(e.sentence, e.span_start, e.span_end)}</p>")
    return "\n".join(parts)


def _citations_html(cites: list[Citation], table: CompareTable) -> str:
    label = {c.file: c.label for c in table.columns}
    rows = []
    for e in cites:
        target = label.get(e.target or "", e.target) if e.target else "—"
        at = e.sentence.find(e.mention) if e.mention else -1
        quote = (highlight(e.sentence, at, at + len(e.mention)) if at >= 0
                 else esc(e.sentence or e.mention))
        rows.append(f"<tr><td>{esc(label.get(e.source, e.source))}</td><td>{esc(e.title)}</td>"
                    f"<td>{esc(e.doc_number)}</td><td>{esc(target)}</td>"
                    f'<td data-sort="{e.mentions}">{e.mentions}</td><td>{quote}</td></tr>')
    body = "\n".join(rows) or '<tr><td colspan="6" class="muted">没有引用。</td></tr>'
    return ('<h2 id="cites">引用</h2><div class="scroll"><table class="sortable cites">'
            "<thead><tr><th>引用文件</th><th>被引标题</th><th>被引文号</th><th>语料中的文件</th>"
            f"<th>次数</th><th>原句</th></tr></thead><tbody>\n{body}\n</tbody></table></div>")


def to_html(table: CompareTable, cites: list[Citation] | None = None) -> str:
    """One self-contained page: the table, the source sentences, the citations."""
    head = ('<tr><th scope="col">指标</th><th scope="col">文件数</th>'
            + "".join(_th(c) for c in table.columns) + "</tr>")
    rows = []
    for r in table.rows:
        cells = "".join(f'<td data-sort="{_sort_key(cell)}">'
                        + "".join(_entry_html(e) for e in cell) + "</td>" for cell in r.cells)
        ident = f'<div class="muted">{esc(r.metric_id)}</div>' if r.metric_id else ""
        rows.append(f'<tr data-key="{esc(r.key)}"><th scope="row" data-sort="{esc(r.label)}">'
                    f'{esc(r.label)}{ident}</th><td data-sort="{r.documents}">{r.documents}</td>'
                    f"{cells}</tr>")
    note = (f'<p class="muted">{table.unaligned} 条无指标名的条款未列入。</p>'
            if table.unaligned else "")
    body = "\n".join([
        f"<h1>{esc(TITLE)}</h1>",
        f'<p class="muted">{len(table.columns)} 份文件，{len(table.rows)} 项指标。{esc(LEGEND)}</p>',
        '<div class="scroll"><table class="sortable compare" id="compare">',
        f"<thead>{head}</thead>", "<tbody>", *rows, "</tbody></table></div>", note,
        _sources_html(table),
        _citations_html(cites, table) if cites is not None else "",
        f'<script type="application/json" id="policyx-data">{script_json(table.to_dict())}</script>',
    ])
    css = (".e + .e { border-top: 1px dotted var(--line); margin-top: .2rem; padding-top: .2rem; }"
           " .region { font-weight: bold; } td .muted { font-size: .75rem; }"
           " table.compare td { min-width: 7rem; } table.compare tr > :first-child { width: 12rem; }"
           " table.compare td:nth-child(2) { min-width: 0; text-align: right; }"
           " table.cites thead th { white-space: nowrap; } table.cites td { min-width: 6rem; }")
    return page(TITLE, body, css=css)
