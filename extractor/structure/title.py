"""The header of a document: which opening lines are its title, which are header
furniture (文号, red head, issuer line, dates), and where the body begins.

A title may be broken over lines ("关于开展廉江市医共体建设暨防控体系能力" /
"提升工程的意见（征求意见稿）"); its lines are joined without a separator.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .adoption import parse_history
from .dates import date_line
from .kind import head_kind
from .lines import Line
from .orgs import split_orgs
from .rules import rules

_CJK = re.compile(r"[\u4e00-\u9fff]")

# line classes
TITLE, ORG, RED_HEAD, DOC_NUMBER, DATE, HISTORY, SKIP, OTHER, BODY, MD_TITLE = (
    "title", "org", "red_head", "doc_number", "date", "history", "skip", "other", "body",
    "md_title")


@dataclass
class Header:
    """The header lines of a document, classified, and its title."""

    lines: list[tuple[Line, str]] = field(default_factory=list)   # (line, class) before the body
    title: str | None = None
    title_lines: list[int] = field(default_factory=list)          # indices of the title's lines
    body_start: int = 0                                            # index of the first body line

    def of_class(self, cls: str) -> list[Line]:
        return [ln for ln, c in self.lines if c == cls and ln.index not in self.title_lines]


def classify(text: str) -> str:
    """The class of one non-empty header line."""
    r = rules()
    if r.markdown_title.match(text):
        return MD_TITLE
    if r.markdown_heading.match(text):
        return BODY  # "## 第一章 总则"
    if any(rx.search(text) for rx in r.header_skip):
        return SKIP
    if r.doc_number_line.match(text):
        return DOC_NUMBER
    if date_line(text):
        return DATE
    if parse_history(text):
        return HISTORY
    m = r.red_head.match(text)
    if m and split_orgs(m.group("org")):
        return RED_HEAD
    if split_orgs(text):
        return ORG
    if any(h.pattern.match(text) for h in r.headings) or r.body_marks.search(text):
        return BODY
    if len(text) > r.title_max_line:
        return BODY
    if r.not_title.search(text) or len(_CJK.findall(text)) < r.title_min_cjk:
        return OTHER
    return TITLE


def read_header(lines: list[Line]) -> Header:
    """Classify the opening lines up to the first body line and find the title among them."""
    r = rules()
    head = Header()
    seen = 0
    for ln in lines:
        if not ln.text.strip():
            continue
        cls = classify(ln.text)
        if cls == BODY or seen >= r.header_scan_lines:
            head.body_start = ln.index
            break
        head.lines.append((ln, cls))
        seen += 1
    else:
        head.body_start = len(lines)
    _choose_title(head)
    return head


def _runs(head: Header) -> list[list[Line]]:
    """Consecutive title-like lines, each run short enough to be a title."""
    r = rules()
    runs: list[list[Line]] = []
    current: list[Line] = []
    for ln, cls in [*head.lines, (None, OTHER)]:
        if cls == TITLE and ln is not None:
            current.append(ln)
        elif current:
            runs.append(current)
            current = []
    return [run for run in runs
            if len(run) <= r.title_max_lines and sum(len(x.text) for x in run) <= r.title_max_chars]


def _choose_title(head: Header) -> None:
    if not head.lines:
        return
    first, first_cls = head.lines[0]
    m = rules().markdown_title.match(first.text) if first_cls == MD_TITLE else None
    if m:
        head.title, head.title_lines = m.group("title").strip(), [first.index]
        return
    runs = _runs(head)
    chosen = next((run for run in runs if _looks_like_title("".join(x.text for x in run))), None)
    if chosen is None and runs and runs[0][0].index == first.index:
        chosen = runs[0]  # an untyped title on the first line: "2026年中央一号文件"
    if chosen is None:
        return
    # a title ends at its head noun (and the brackets after it): "关于…的通知" + "各有关单位"
    typed = [k for k in range(1, len(chosen) + 1)
             if head_kind("".join(x.text for x in chosen[:k]))]
    if typed:
        chosen = chosen[: typed[-1]]
    # the issuer's name on a line of its own before "关于…": part of the title
    classes = {ln.index: (ln, cls) for ln, cls in head.lines}
    prev = classes.get(chosen[0].index - 1)
    if prev and prev[1] == ORG and chosen[0].text.startswith(rules().subject_word):
        chosen = [prev[0], *chosen]
    head.title_lines = [x.index for x in chosen]
    head.title = "".join(x.text.strip() for x in chosen)


def _looks_like_title(text: str) -> bool:
    return rules().subject_word in text or head_kind(text) is not None
