"""Value-level diff of two versions of a document (a 征求意见稿 and its final text).

>>> from extractor.records import load_records
>>> from extractor.compare.diff import diff_records, render_markdown
>>> old, new = load_records(["draft.docx"]) + load_records(["final.pdf"])  # doctest: +SKIP
>>> print(render_markdown(diff_records(old, new)))  # doctest: +SKIP

Provisions are paired one to one, in three passes: the same key (metric id or metric
text, scope, subject, kind) with the same figures; then the same key alone; then what is
left by the likeness of their sentences with the numbers masked. A pair whose figures
differ is a change (each field old → new); what stays unpaired is added or removed.
Offsets are never compared (a DOCX draft and a PDF final have other offsets): only
text, figures and names. The text diff beside it runs difflib over sentences, anchored
to section headings, for the reader's context.
"""
from __future__ import annotations

import difflib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from .. import datafiles

Record = dict[str, Any]

# The figures a change is reported on, in reading order (``date``: a STAT's reference date).
FIELDS = ("comparator", "value", "value_max", "unit", "per", "deadline", "date")
# What identifies a provision; a pair found by likeness alone may differ here too.
KEY_FIELDS = ("kind", "metric", "scope", "subject")
# Pairs found by likeness (third pass) need at least this score (0..1).
SIMILARITY = 0.7


# --- result ---------------------------------------------------------------------------

@dataclass
class DocInfo:
    """Which document a side of the diff is."""

    file: str
    title: str | None = None
    status: str | None = None
    date: str | None = None
    doc_number: str | None = None
    region: str | None = None

    @classmethod
    def of(cls, record: Record) -> DocInfo:
        d = record.get("document") or {}
        return cls(file=record.get("file", ""), title=d.get("title"), status=d.get("status"),
                   date=d.get("date"), doc_number=d.get("doc_number"),
                   region=(d.get("region") or {}).get("name"))


@dataclass
class ProvisionView:
    """A provision as the report shows it: its figures, its sentence and where it stands."""

    kind: str
    metric: str | None
    metric_id: str | None
    scope: str | None
    subject: str | None
    comparator: str | None
    value: float | None
    value_max: float | None
    unit: str | None
    per: dict[str, Any] | None
    deadline: str | None
    date: str | None
    sentence: str
    quote: str = ""
    section: str | None = None
    # Offsets of the quote inside ``sentence`` (the record's own offsets, for highlighting).
    quote_start: int | None = None
    quote_end: int | None = None

    def label(self) -> str:
        """The metric as a reader names it: its text, else its id, else the quote."""
        return self.metric or self.metric_id or self.quote or "(no metric)"


@dataclass
class FieldChange:
    """One field of a paired provision that differs: ``value 85 → 90``."""

    field: str
    old: Any
    new: Any


@dataclass
class ProvisionChange:
    """A provision present in both versions with at least one field changed."""

    old: ProvisionView
    new: ProvisionView
    fields: list[FieldChange]
    matched_by: str  # "key" or "similarity"


@dataclass
class TextHunk:
    """A run of sentences that differs: ``delete``, ``insert`` or ``replace``."""

    op: str
    anchor: str | None  # the section headings the run stands under
    old: list[str]
    new: list[str]
    # Only punctuation differs (a PDF that lost a line-end 、 or 。, or an edit of commas).
    punctuation_only: bool = False


@dataclass
class DiffResult:
    """Everything ``policyx diff`` reports about OLD → NEW."""

    old: DocInfo
    new: DocInfo
    changed: list[ProvisionChange] = field(default_factory=list)
    added: list[ProvisionView] = field(default_factory=list)
    removed: list[ProvisionView] = field(default_factory=list)
    unchanged: int = 0
    text: list[TextHunk] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        """True when a provision changed, came or went (the text diff aside)."""
        return bool(self.changed or self.added or self.removed)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; ``summary`` counts each list."""
        out = asdict(self)
        out["summary"] = {"changed": len(self.changed), "added": len(self.added),
                          "removed": len(self.removed), "unchanged": self.unchanged,
                          "text_hunks": len(self.text)}
        return out


# --- the diff -------------------------------------------------------------------------

def diff_records(old: Record, new: Record, similarity: float = SIMILARITY) -> DiffResult:
    """Diff two extraction records (``extract`` output, one document each)."""
    old_views = [_view(p, old) for p in old.get("provisions", [])]
    new_views = [_view(p, new) for p in new.get("provisions", [])]
    pairs, removed, added = align(old_views, new_views, similarity)
    result = DiffResult(DocInfo.of(old), DocInfo.of(new))
    for (i, j, how) in pairs:
        a, b = old_views[i], new_views[j]
        changes = field_changes(a, b)
        if changes:
            result.changed.append(ProvisionChange(a, b, changes, how))
        else:
            result.unchanged += 1
    result.removed = [old_views[i] for i in removed]
    result.added = [new_views[j] for j in added]
    result.text = text_diff(old, new)
    return result


def align(old: Sequence[ProvisionView], new: Sequence[ProvisionView],
          similarity: float = SIMILARITY
          ) -> tuple[list[tuple[int, int, str]], list[int], list[int]]:
    """Pair provisions one to one: (pairs as (old index, new index, how), removed, added).

    Within each pass the likeliest pairs are taken first (sentence likeness with numbers
    masked, then nearness in reading order), so duplicates of a key pair up in place.
    """
    free_old, free_new = set(range(len(old))), set(range(len(new)))
    pairs: list[tuple[int, int, str]] = []
    masked_old = [_masked(v) for v in old]
    masked_new = [_masked(v) for v in new]

    def score(i: int, j: int) -> float:
        return _likeness(masked_old[i], masked_new[j])

    def take(candidates: list[tuple[int, int]], how: str, floor: float | None) -> None:
        scored = []
        for i, j in candidates:
            s = score(i, j)
            if floor is None or s >= floor:
                rank = abs(i / max(len(old), 1) - j / max(len(new), 1))
                scored.append((-s, rank, i, j))
        for _, _, i, j in sorted(scored):
            if i in free_old and j in free_new:
                free_old.discard(i)
                free_new.discard(j)
                pairs.append((i, j, how))

    def same_key(check_figures: bool) -> list[tuple[int, int]]:
        by_key: dict[tuple, list[int]] = {}
        for j in sorted(free_new):
            by_key.setdefault(_key(new[j]), []).append(j)
        out = []
        for i in sorted(free_old):
            for j in by_key.get(_key(old[i]), []):
                if not check_figures or not field_changes(old[i], new[j]):
                    out.append((i, j))
        return out

    take(same_key(True), "key", None)
    take(same_key(False), "key", None)
    leftovers = [(i, j) for i in sorted(free_old) for j in sorted(free_new)
                 if _may_be_same(old[i], new[j])]
    take(leftovers, "similarity", similarity)
    pairs.sort()
    return pairs, sorted(free_old), sorted(free_new)


def field_changes(a: ProvisionView, b: ProvisionView) -> list[FieldChange]:
    """Fields that differ between two paired provisions (figures, then names)."""
    out = [FieldChange(f, getattr(a, f), getattr(b, f)) for f in FIELDS
           if not _same(getattr(a, f), getattr(b, f))]
    # A pair made by likeness may also differ in what it is about (scope, metric text).
    out += [FieldChange(f, getattr(a, f), getattr(b, f)) for f in KEY_FIELDS
            if _norm(getattr(a, f)) != _norm(getattr(b, f)) and not (
                f == "metric" and (a.metric_id and a.metric_id == b.metric_id
                                   or _mask(a.metric or "") == _mask(b.metric or "")))]
    return out


def _same(x: Any, y: Any) -> bool:
    if isinstance(x, float | int) and isinstance(y, float | int):
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_same(x[k], y[k]) for k in x)
    return x == y


def _key(v: ProvisionView) -> tuple:
    # Metric text without an id is matched with numbers masked: a recogniser that took
    # "按300%估算人口基数" for the metric must not split a pair whose 300 became 350.
    return (v.kind, v.metric_id or _mask(v.metric or ""), _norm(v.scope), _norm(v.subject))


def _may_be_same(a: ProvisionView, b: ProvisionView) -> bool:
    """Two metric ids that differ name two indicators, however alike the sentences."""
    return a.kind == b.kind and not (a.metric_id and b.metric_id and a.metric_id != b.metric_id)


def _norm(s: str | None) -> str:
    """Text as compared: NFKC (full-width forms), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)) if s else ""


@lru_cache(maxsize=1)
def _numeral_chars() -> str:
    d = datafiles.load("numerals.yaml")
    return "".join(row["char"] for key in ("digits", "small_units") for row in d[key])


def _mask(s: str) -> str:
    """Numbers become ``#``: a sentence whose figures changed still reads alike."""
    chars = re.escape(_numeral_chars())
    return re.sub(rf"(?:\d+(?:\.\d+)?|[{chars}]+)", "#", _norm(s))


def _masked(v: ProvisionView) -> tuple[str, str]:
    return _mask(v.quote), _mask(v.sentence)


def _likeness(a: tuple[str, str], b: tuple[str, str]) -> float:
    """Mean difflib ratio of the masked quotes and the masked sentences."""
    return (_ratio(a[0], b[0]) + _ratio(a[1], b[1])) / 2


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # The cheap upper bounds spare the full ratio for plainly different sentences.
    if sm.real_quick_ratio() < 0.3 or sm.quick_ratio() < 0.3:
        return sm.quick_ratio()
    return sm.ratio()


def _view(p: Record, record: Record) -> ProvisionView:
    text = record.get("text", "")
    start, end = p.get("start"), p.get("end")
    sentence = p.get("text") or (text[start:end] if start is not None else "")
    s0, s1 = p.get("span_start"), p.get("span_end")
    quote, q0, q1 = "", None, None
    if s0 is not None and s1 is not None and start is not None:
        quote = text[s0:s1]
        q0, q1 = s0 - start, s1 - start
    return ProvisionView(
        kind=p.get("kind", ""), metric=p.get("metric"), metric_id=p.get("metric_id"),
        scope=p.get("scope"), subject=p.get("subject"), comparator=p.get("comparator"),
        value=p.get("value"), value_max=p.get("value_max"), unit=p.get("unit"),
        per=p.get("per"), deadline=p.get("deadline"), date=p.get("date"), sentence=sentence,
        quote=quote,
        section=_heading_at(record, start), quote_start=q0, quote_end=q1)


def _heading_at(record: Record, pos: int | None) -> str | None:
    """Headings of the sections holding ``pos`` (this record's offsets), outermost first:
    ``二、工作目标 › （二）``. A numbered paragraph has no heading text; its parent's
    heading tells which （二） it is."""
    if pos is None:
        return None
    chain = sorted((s for s in record.get("sections", []) if s["start"] <= pos < s["end"]),
                   key=lambda s: (s["start"], -s["end"]))
    names = [f"{s.get('number') or ''}{s.get('heading') or ''}".strip() for s in chain]
    return " › ".join(n for n in names if n) or None


# --- text diff ------------------------------------------------------------------------

def text_diff(old: Record, new: Record) -> list[TextHunk]:
    """Sentences that differ, each run under the section heading it stands in.

    Sentences are compared with whitespace removed and NFKC applied; a run whose joined
    text is the same on both sides (a sentence split elsewhere, as PDF line breaks do) is
    no difference.
    """
    a, b = _sentences(old), _sentences(new)
    ka, kb = [_norm(s) for s, _ in a], [_norm(s) for s, _ in b]
    sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    out: list[TextHunk] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or "".join(ka[i1:i2]) == "".join(kb[j1:j2]):
            continue
        anchor = a[i1][1] if i1 < i2 else (b[j1][1] if j1 < j2 else None)
        if anchor is None and i1 > 0:
            anchor = a[i1 - 1][1]
        minor = _unpunctuated("".join(ka[i1:i2])) == _unpunctuated("".join(kb[j1:j2]))
        out.append(TextHunk(op, anchor, [s for s, _ in a[i1:i2]], [s for s, _ in b[j1:j2]],
                            minor))
    return out


def _unpunctuated(s: str) -> str:
    return "".join(c for c in s if not unicodedata.category(c).startswith("P"))


def _sentences(record: Record) -> list[tuple[str, str | None]]:
    text = record.get("text", "")
    out = []
    for s in record.get("sentences", []):
        body = s.get("text") or text[s["start"]:s["end"]]
        if body.strip():
            out.append((body, _heading_at(record, s["start"])))
    return out


# --- rendering ------------------------------------------------------------------------

def fmt_number(x: float | None) -> str:
    """85.0 → ``85``, 0.5 → ``0.5``, 603000000.0 → ``603000000``."""
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:g}" if abs(x) < 1e15 else str(x)


def fmt_field(name: str, value: Any) -> str:
    """One field's value as text: a per-capita base reads ``每 10000 人``, absent ``—``."""
    if value is None or value == "":
        return "—"
    if name == "per" and isinstance(value, dict):
        return f"每 {fmt_number(value.get('value'))} {value.get('unit') or ''}".strip()
    if isinstance(value, float | int):
        return fmt_number(value)
    return str(value)


def describe(v: ProvisionView) -> str:
    """``>= 85 % (每 10000 人) by 2025-12-31``."""
    val = fmt_number(v.value)
    if v.value_max is not None:
        val += f"-{fmt_number(v.value_max)}"
    parts = [p for p in (v.comparator, val, v.unit) if p]
    if v.per:
        parts.append(f"({fmt_field('per', v.per)})")
    if v.deadline:
        parts.append(f"by {v.deadline}")
    if v.date:
        parts.append(f"as of {v.date}")
    return " ".join(parts)


def _about(v: ProvisionView) -> str:
    bits = [v.kind]
    if v.metric_id:
        bits.append(v.metric_id)
    if v.scope:
        bits.append(f"scope {v.scope}")
    if v.subject:
        bits.append(f"subject {v.subject}")
    return "; ".join(bits)


def render_json(result: DiffResult) -> str:
    """The result as indented JSON (UTF-8 text, Chinese kept as is)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1)


def _md(s: str | None) -> str:
    """Text safe inside a Markdown list item: no line breaks, markup characters escaped."""
    s = re.sub(r"\s+", " ", s or "").strip()
    s = re.sub(r"([\\`*\[\]|])", r"\\\1", s)
    # Only a "<" that could open a tag is escaped: ">= 65 %" stays readable.
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", s)


def _doc_line(d: DocInfo) -> str:
    meta = ", ".join(x for x in (d.region, d.status, d.date, d.doc_number) if x)
    return f"{_md(d.file)} — {_md(d.title) or '(no title)'}" + (f" ({_md(meta)})" if meta else "")


def summary_line(r: DiffResult) -> str:
    """``Provisions: 3 changed, 1 added, 1 removed, 8 unchanged. Text: 5 passages differ.``"""
    minor = sum(h.punctuation_only for h in r.text)
    text = f"Text: {len(r.text)} passages differ" + (
        f" ({minor} in punctuation only)." if minor else ".")
    return (f"Provisions: {len(r.changed)} changed, {len(r.added)} added, {len(r.removed)} "
            f"removed, {r.unchanged} unchanged. {text}")


def _text_groups(r: DiffResult) -> list[tuple[str, list[TextHunk]]]:
    return [(title, hunks) for title, hunks in (
        ("Text", [h for h in r.text if not h.punctuation_only]),
        ("Punctuation only", [h for h in r.text if h.punctuation_only])) if hunks]


def render_markdown(result: DiffResult) -> str:
    """A readable report: provision changes first, then the sentence-level text diff."""
    r = result
    lines = [
        "# policyx diff", "",
        f"- old: {_doc_line(r.old)}",
        f"- new: {_doc_line(r.new)}", "",
        summary_line(r), "",
    ]
    if r.changed:
        lines += ["## Changed provisions", ""]
        for c in r.changed:
            lines.append(f"- **{_md(c.new.label())}** ({_md(_about(c.new))})"
                         + (f" — {_md(c.new.section)}" if c.new.section else ""))
            for fc in c.fields:
                lines.append(f"  - {fc.field}: {_md(fmt_field(fc.field, fc.old))} → "
                             f"{_md(fmt_field(fc.field, fc.new))}")
            lines.append(f"  - old: {_md(c.old.sentence)}")
            lines.append(f"  - new: {_md(c.new.sentence)}")
        lines.append("")
    for title, views in (("Added provisions", r.added), ("Removed provisions", r.removed)):
        if views:
            lines += [f"## {title}", ""]
            for v in views:
                lines.append(f"- **{_md(v.label())}** {_md(describe(v))} ({_md(_about(v))})"
                             + (f" — {_md(v.section)}" if v.section else ""))
                lines.append(f"  - {_md(v.sentence)}")
            lines.append("")
    for title, hunks in _text_groups(r):
        lines += [f"## {title}", ""]
        last: object = object()
        for h in hunks:
            if h.anchor != last:
                lines += [f"### {_md(h.anchor) if h.anchor else '(before the first heading)'}", ""]
                last = h.anchor
            # A fenced block keeps document text literal; a fence longer than any run of
            # backticks in the text cannot be closed by it.
            body = [re.sub(r"[\r\n]+", " ", f"- {x}") for x in h.old]
            body += [re.sub(r"[\r\n]+", " ", f"+ {x}") for x in h.new]
            run = max((len(m) for m in re.findall(r"`+", "".join(body))), default=0)
            ticks = "`" * max(3, run + 1)
            lines += [ticks + "diff", *body, ticks, ""]
    if not r.has_changes and not r.text:
        lines.append("No difference.")
    return "\n".join(lines).rstrip() + "\n"


def render_html(result: DiffResult) -> str:
    """One self-contained HTML page (the reports' scaffold), every document text escaped."""
    from .html import esc, highlight, page

    r = result
    parts = [f"<h1>policyx diff</h1><dl class='docs'><dt>old</dt><dd>{esc(_doc_line_plain(r.old))}"
             f"</dd><dt>new</dt><dd>{esc(_doc_line_plain(r.new))}</dd></dl>",
             f"<p class='summary'>{esc(summary_line(r))}</p>"]

    def sentence(v: ProvisionView) -> str:
        return highlight(v.sentence, v.quote_start, v.quote_end)

    if r.changed:
        rows = []
        for c in r.changed:
            fields = "".join(
                f"<li><b>{esc(fc.field)}</b> <del>{esc(fmt_field(fc.field, fc.old))}</del> → "
                f"<ins>{esc(fmt_field(fc.field, fc.new))}</ins></li>" for fc in c.fields)
            rows.append(
                f"<tr><td>{esc(c.new.label())}<div class='about'>{esc(_about(c.new))}</div>"
                f"<div class='about'>{esc(c.new.section)}</div></td>"
                f"<td><ul>{fields}</ul></td><td><div class='src'>{sentence(c.old)}</div>"
                f"<div class='src'>{sentence(c.new)}</div></td></tr>")
        parts.append("<h2>Changed provisions</h2><div class='scroll'><table class='sortable'>"
                     "<thead><tr><th>Provision</th><th>Change</th><th>Sentence (old, new)</th>"
                     "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")
    for title, views, cls in (("Added provisions", r.added, "added"),
                              ("Removed provisions", r.removed, "removed")):
        if views:
            rows = [f"<tr class='{cls}'><td>{esc(v.label())}<div class='about'>"
                    f"{esc(_about(v))}</div></td><td>{esc(describe(v))}</td>"
                    f"<td>{sentence(v)}</td></tr>" for v in views]
            parts.append(f"<h2>{title}</h2><div class='scroll'><table class='sortable'><thead>"
                         "<tr><th>Provision</th><th>Figures</th><th>Sentence</th></tr></thead>"
                         "<tbody>" + "".join(rows) + "</tbody></table></div>")
    for title, hunks in _text_groups(r):
        body = "".join(f"<section class='hunk'><h3>{esc(h.anchor)}</h3>{_html_hunk(h, esc)}"
                       "</section>" for h in hunks)
        if hunks[0].punctuation_only:  # folded: usually a converter's doing, not an edit
            parts.append(f"<details><summary><h2>{title} ({len(hunks)})</h2></summary>"
                         f"{body}</details>")
        else:
            parts.append(f"<h2>{title}</h2>{body}")
    if not r.has_changes and not r.text:
        parts.append("<p>No difference.</p>")
    title = f"diff: {r.old.title or r.old.file} → {r.new.title or r.new.file}"
    return page(title, "".join(parts), css=_CSS)


_CSS = """
ins { background: var(--hi); text-decoration: none; }
del { background: var(--lo); }
.about { color: var(--muted); font-size: .85rem; }
dl.docs dt { font-weight: bold; float: left; width: 3em; }
tr.added td:first-child { border-left: 4px solid #2a2; }
tr.removed td:first-child { border-left: 4px solid #c22; }
.hunk h3 { font-size: 1rem; margin: 1rem 0 .2rem; }
.hunk p { margin: .2rem 0; white-space: pre-wrap; }
summary h2 { display: inline; }
"""


def _doc_line_plain(d: DocInfo) -> str:
    meta = ", ".join(x for x in (d.region, d.status, d.date, d.doc_number) if x)
    return f"{d.file} — {d.title or '(no title)'}" + (f" ({meta})" if meta else "")


def _html_hunk(h: TextHunk, esc: Callable[[Any], str]) -> str:
    """Old and new sentences; a one-for-one replacement shows the changed characters."""
    if len(h.old) == len(h.new):
        out = []
        for a, b in zip(h.old, h.new, strict=True):
            old_html, new_html = [], []
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            for op, i1, i2, j1, j2 in sm.get_opcodes():
                if op == "equal":
                    old_html.append(esc(a[i1:i2]))
                    new_html.append(esc(b[j1:j2]))
                    continue
                if i2 > i1:
                    old_html.append(f"<del>{esc(a[i1:i2])}</del>")
                if j2 > j1:
                    new_html.append(f"<ins>{esc(b[j1:j2])}</ins>")
            out.append(f"<p class='old'>− {''.join(old_html)}</p>"
                       f"<p class='new'>+ {''.join(new_html)}</p>")
        return "".join(out)
    return ("".join(f"<p class='old'>− <del>{esc(s)}</del></p>" for s in h.old)
            + "".join(f"<p class='new'>+ <ins>{esc(s)}</ins></p>" for s in h.new))
