"""Make each TARGET, QUOTA and STAT whole: metric, value, unit, per, deadline, scope.

The deadline of a figure is the DEADLINE in its clause, else the nearest one in its
sentence, else one that opens its paragraph, else one that opens a line introducing
the list it stands in ("到2025年，…：") or the heading of an enclosing section.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import TYPE_CHECKING

from .models import PerBase, Provision, Section
from .recognise.components import SPAN_KEY, bounds, context_of, text_of
from .recognise.figures import clause_bounds
from .recognise.lexicon import load
from .textmap import line_spans as _lines

if TYPE_CHECKING:
    from spacy.tokens import Doc

FIGURES = ("TARGET", "QUOTA", "STAT")


class ProvisionBuilder:
    """spaCy component: ``doc._.provisions`` from the figure spans of ``doc.spans``."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        text = text_of(doc)
        spans = [(_bounds(s), s.label_, s._.normalized or {}) for s in doc.spans.get(SPAN_KEY, [])]
        times = sorted((b, lab, n) for b, lab, n in spans if lab in ("DEADLINE", "DATE"))
        sentences = [(s.start, s.end) for s in ctx.sentences] or _lines(text)
        starts = [a for a, _ in sentences]
        out: list[Provision] = []
        for (a, b), label, norm in sorted(spans, key=lambda x: x[0]):
            if label not in FIGURES:
                continue
            i = max(0, bisect_right(starts, a) - 1)
            s0, s1 = sentences[i]
            if not (s0 <= a < max(s1, a + 1)):
                s0, s1 = _line_of(text, a)
            # a table's column header names them; a sentence's figure is placed in its text
            deadline, date = norm.get("deadline"), norm.get("date")
            if deadline is None and date is None:
                if label == "STAT":
                    date = _date_for(text, a, b, s0, s1, times, ctx.date)
                else:
                    deadline = _deadline_for(text, a, b, s0, s1, times, ctx.sections)
            out.append(_provision(text, label, a, b, norm, s0, s1, deadline, date, ctx.sections))
        doc._.provisions = out
        return doc


def _provision(text: str, label: str, a: int, b: int, norm: dict, s0: int, s1: int,
               deadline: str | None, date: str | None, sections: list[Section]) -> Provision:
    metric_span = norm.get("metric_span")
    # the figure finder names the metric (a span of the text, or a name); without one
    # the provision has none rather than a guess
    metric = norm.get("metric") or (text[metric_span[0]:metric_span[1]] if metric_span else None)
    per = norm.get("per")
    scope = _scope(text, s0, a)  # from the finder's sentence: a ；-part is its own clause
    s0, s1 = _whole_sentence(text, s0, s1)
    s0 = _after_number(text, s0, a, sections)
    return Provision(
        kind=label, metric=metric or None, metric_id=norm.get("metric_id"),
        comparator=norm.get("comparator"),
        value=norm.get("value"), value_max=norm.get("value_max"), unit=norm.get("unit"),
        per=PerBase(value=per["value"], unit=per.get("unit") or "") if per else None,
        deadline=deadline, date=date, qualifier=norm.get("qualifier"),
        scope=scope, subject=norm.get("subject"),
        text=text[s0:s1], start=s0, end=s1, section=_section_number(sections, a),
        span_start=a, span_end=b,
    )


def _whole_sentence(text: str, s0: int, s1: int) -> tuple[int, int]:
    """The sentence as a reader copies it, to its 。: the parts a ； separates (the finder's
    sentences, for deadlines and scope) are one sentence here, within their line."""
    line0 = text.rfind("\n", 0, s0) + 1
    line1 = text.find("\n", s1)
    line1 = len(text) if line1 < 0 else line1
    while s0 > line0 and text[s0 - 1] in _CLAUSE_ENDS:
        s0 = max(line0, max(text.rfind(c, line0, s0 - 1) for c in _SENTENCE_ENDS) + 1)
    while s1 < line1 and text[s1 - 1] in _CLAUSE_ENDS:
        ends = [i for i in (text.find(c, s1, line1) for c in _SENTENCE_ENDS + _CLAUSE_ENDS) if i >= 0]
        s1 = min(ends) + 1 if ends else line1
    return s0, s1


_SENTENCE_ENDS = "。！？!?"
_CLAUSE_ENDS = "；;"


def _after_number(text: str, s0: int, a: int, sections: list[Section]) -> int:
    """Where the sentence starts once its heading's number is left out ("一、到2025年，…"
    is the sentence "到2025年，…"; the number is the provision's ``section``)."""
    for sec in sections:
        if sec.start <= s0 and text.startswith(sec.number, s0):
            end = s0 + len(sec.number)
            while end < a and text[end] in " \u3000":
                end += 1
            return end if end <= a else s0
    return s0


def _deadline_for(text: str, a: int, b: int, s0: int, s1: int, times: list,
                  sections: list[Section]) -> str | None:
    deadlines = [(x, n) for x, lab, n in times if lab == "DEADLINE" and n.get("value")]
    c0, c1 = clause_bounds(text, a, s0, s1)
    in_clause = [(x, n) for x, n in deadlines if c0 <= x[0] < c1]
    if in_clause:
        return min(in_clause, key=lambda d: abs(d[0][0] - a))[1]["value"]
    before = [(x, n) for x, n in deadlines if s0 <= x[0] < a]
    if before:
        return before[-1][1]["value"]
    # a deadline after the figure governs it only from a trailing clause of its own
    # ("…达到95%，力争2028年前完成。"), not one that opens the next target
    after = [(x, n) for x, n in deadlines if b <= x[0] < s1
             and clause_bounds(text, x[0], s0, s1)[1] >= s1 - 1]
    if after:
        return after[0][1]["value"]
    p0, _ = _line_of(text, a)
    opening = [(x, n) for x, n in deadlines if p0 <= x[0] < a and _opens(text, p0, x[0])]
    if opening:
        return opening[-1][1]["value"]
    return _governing_deadline(text, a, p0, deadlines, sections)


def _governing_deadline(text: str, a: int, p0: int, deadlines: list,
                        sections: list[Section]) -> str | None:
    """The deadline of the list a figure stands in: walking back from its line, the first
    enclosing section whose heading (its first sentence, not the body that runs on after
    it) names a deadline, or a line of an enclosing section's body that opens with a
    deadline and introduces a list ("到2025年，实现以下目标："). Lines of sibling sections
    ("（一）到2025年底，完成…" above "（二）…") govern nothing here."""
    enclosing = [s for s in sections if s.start <= a < s.end]
    heads = {s.start for s in enclosing}
    others = [(s.start, s.end) for s in sections if not s.start <= a < s.end and s.start < p0]
    top = min(heads, default=0)
    line_start = p0
    while line_start > 0 and line_start > p0 - 3000:
        prev0, prev1 = _line_of(text, line_start - 1)
        line_start = prev0
        sibling = min((s0 for s0, s1 in others if s0 <= prev0 < s1), default=None)
        if prev0 in heads:
            cut = min((i for i in (text.find(c, prev0, prev1) for c in "。；;") if i >= 0), default=prev1)
            found = [(x, n) for x, n in deadlines if prev0 <= x[0] < cut]
            if found:
                return found[0][1]["value"]
        elif sibling is not None:
            line_start = sibling  # skip a sibling's list, heading and all
            continue
        else:
            found = [(x, n) for x, n in deadlines if prev0 <= x[0] < prev1 and _opens(text, prev0, x[0])]
            if found and text[prev0:prev1].rstrip().endswith(("：", ":")):
                return found[0][1]["value"]
            if _is_heading(text[prev0:prev1]):
                break
        if prev0 <= top:
            break
    return None


def _date_for(text: str, a: int, b: int, s0: int, s1: int, times: list,
              doc_date: date | None = None) -> str | None:
    """The date a STAT reports: the time before it in its sentence, else the first one
    in it; "目前"/"现有" with no time is the document's own date when it is known."""
    dates = [(x, n) for x, lab, n in times if n.get("value") and s0 <= x[0] < s1]
    before = [d for d in dates if d[0][0] < b]
    c0 = max(s0, max((text.rfind(c, s0, a) for c in "，,；;"), default=s0) + 1)
    now = any(text.find(w, s0, a) >= 0 for w in load("figures.yaml")["now_words"])
    if now and not [d for d in before if d[0][0] >= c0]:
        return doc_date.isoformat() if doc_date else None  # "目前，我市共有县域医共体2个"
    pick = before[-1] if before else (dates[0] if dates else None)
    return pick[1]["value"] if pick else None


def _opens(text: str, line_start: int, i: int) -> bool:
    """True when only a list marker or scope words stand between the line start and ``i``."""
    lead = text[line_start:i]
    return bool(re.fullmatch(r"[（(]?[一二三四五六七八九十\d]*[）)、.．]?\s*(?:力争|争取|全市|全县|全省)?", lead))


def _is_heading(line: str) -> bool:
    return bool(re.match(r"(?:第[一二三四五六七八九十百]+[章节]|[一二三四五六七八九十]+、)", line))


def _scope(text: str, s0: int, a: int) -> str | None:
    words = load("figures.yaml")["scope_words"]
    lead = text[s0:a]
    found = [w for w in words if w in lead]
    return max(found, key=len) if found else None


def _section_number(sections: list[Section], a: int) -> str | None:
    inside = [s for s in sections if s.start <= a < s.end]
    return max(inside, key=lambda s: s.level).number if inside else None


def _line_of(text: str, i: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return a, len(text) if b < 0 else b


def _bounds(span) -> tuple[int, int]:
    return bounds(span)[:2]
