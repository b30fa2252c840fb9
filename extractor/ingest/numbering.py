"""Word automatic numbering ("一、", "（二）", "1.1") rendered into paragraph text.

python-docx leaves numbering out of ``paragraph.text``, and docx2python writes ``--``
for ``chineseCounting``, the format Chinese government documents use for their
headings. This module reads ``numbering.xml`` and keeps the counters as Word and
LibreOffice do (where they differ, as LibreOffice 7.4 renders, the one we can run):

* a paragraph's ``w:numPr`` (``w:numId``, ``w:ilvl``), else its style's (through
  ``w:basedOn``) names a ``w:num``; ``numId`` 0 switches numbering off;
* a ``w:num`` points at a ``w:abstractNum`` (or, through ``w:numStyleLink``, at the one
  a numbering style uses) and may override levels (``w:lvlOverride``);
* counters belong to the abstract definition, so every ``w:num`` of it continues one
  sequence; a ``w:startOverride`` restarts its level once, when its ``w:num`` is first
  used; later restarts of that level go back to the level's ``w:start``;
* a level restarts after any higher level unless ``w:lvlRestart`` says otherwise
  (0: never; n: only after levels 1..n); a list that opens at a lower level uses up
  the start values of the levels above it (LibreOffice: "（一）" then "一、" reads
  "（一）", "二、");
* ``w:lvlText`` ``%1``..``%9`` are replaced by the counters of those levels, each in its
  level's ``w:numFmt`` (all decimal under ``w:isLgl``).

How a label joins its paragraph (:func:`join_label`): Word puts a tab or a space after
the label (``w:suff``). We write nothing between them when the label ends in full-width
punctuation or an enclosed number ("一、总体要求", "（一）加强领导", "①完善"), the way such
text is typed, and one space otherwise ("1. 总则", "第一章 总则"). A bullet
adds nothing to the text, so bullets render as nothing.

The formats themselves are data: ``extractor/data/numbering_formats.yaml``.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import datafiles
from ..errors import DataFileError, warning

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATA_FILE = "numbering_formats.yaml"
MAX_LEVELS = 9

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


# --------------------------------------------------------------------------- formats

@dataclass(frozen=True)
class _Counting:
    digits: str
    units: tuple[str, ...]
    myriads: tuple[str, ...]
    zero: str
    omit_one: str


@dataclass(frozen=True)
class FormatTable:
    """The compiled contents of ``data/numbering_formats.yaml``."""

    formats: Mapping[str, Mapping[str, Any]]
    counting: Mapping[str, _Counting]
    sequences: Mapping[str, str]


@lru_cache(maxsize=1)
def format_table() -> FormatTable:
    """Load the numbering format data file (once)."""
    raw = datafiles.read(DATA_FILE)
    path = f"extractor/data/{DATA_FILE}"
    try:
        counting = {
            name: _Counting(str(c["digits"]), tuple(c["units"]), tuple(c["myriads"]),
                            str(c["zero"]), str(c["omit_one"]))
            for name, c in raw["counting"].items()
        }
        sequences = {name: str(s) for name, s in raw["sequences"].items()}
        formats = dict(raw["formats"])
        for name, row in formats.items():
            if row.get("counting") and row["counting"] not in counting:
                raise KeyError(f"{name}: unknown counting system {row['counting']}")
            if row.get("sequence") and row["sequence"] not in sequences:
                raise KeyError(f"{name}: unknown sequence {row['sequence']}")
            if not (row.get("counting") or row.get("sequence") or row.get("rule") in _RULES):
                raise KeyError(f"{name}: needs counting, sequence or a known rule")
        for name, c in counting.items():
            if len(c.digits) != 10 or len(c.units) != 3:
                raise ValueError(f"counting system {name} needs 10 digits and 3 units")
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise DataFileError(f"malformed numbering formats: {e!r}", str(path)) from None
    return FormatTable(formats, counting, sequences)


def format_number(value: int, fmt: str) -> str | None:
    """Write ``value`` in Word numbering format ``fmt``; None if the format is unknown.

    >>> format_number(21, "chineseCounting")
    '二十一'
    """
    if fmt == "bullet":
        return ""
    table = format_table()
    row = table.formats.get(fmt)
    if row is None:
        return None
    if "counting" in row:
        return _count(value, table.counting[row["counting"]])
    if "sequence" in row:
        seq = table.sequences[row["sequence"]]
        return seq[value - 1] if 1 <= value <= len(seq) else str(value)
    return _RULES[row["rule"]](value)


def _letters(value: int, base: str) -> str:
    # Word repeats the letter: 27 -> AA, 53 -> AAA.
    if value < 1:
        return str(value)
    return base[(value - 1) % 26] * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    if value < 1:
        return str(value)
    out = []
    for n, sym in _ROMAN:
        k, value = divmod(value, n)
        out.append(sym * k)
    return "".join(out)


def _ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


_RULES = {
    "decimal": str,
    "decimal_zero": lambda v: f"{v:02d}" if 0 <= v < 10 else str(v),
    "full_width": lambda v: str(v).translate({0x30 + i: 0xFF10 + i for i in range(10)}),
    "letter_upper": lambda v: _letters(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "letter_lower": lambda v: _letters(v, "abcdefghijklmnopqrstuvwxyz"),
    "roman_upper": _roman,
    "roman_lower": lambda v: _roman(v).lower(),
    "ordinal": _ordinal,
    "none": lambda v: "",
}


def _count(value: int, sys: _Counting) -> str:
    """Write ``value`` in a counting system (一百零一, 壹拾, 백일)."""
    if value == 0:
        return sys.digits[0]
    if value < 0 or value >= 10 ** (4 * (len(sys.myriads) + 1)):
        return str(value)
    groups = []
    while value:
        value, g = divmod(value, 10000)
        groups.append(g)
    out = ""
    gap = False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            gap = bool(out)
            continue
        if out and (gap or g < 1000):
            out += sys.zero
        if not (g == 1 and i and sys.omit_one == "all"):
            out += _count_group(g, sys, leading=not out)
        if i:
            out += sys.myriads[i - 1]
        gap = False
    return out


def _count_group(g: int, sys: _Counting, leading: bool) -> str:
    out = ""
    gap = False
    for pos in range(3, -1, -1):
        d = g // 10**pos % 10
        if d == 0:
            gap = bool(out)
            continue
        if gap:
            out += sys.zero
            gap = False
        if pos == 0:
            out += sys.digits[d]
            continue
        omit = d == 1 and (sys.omit_one == "all"
                           or (sys.omit_one == "leading_ten" and pos == 1 and leading and not out))
        out += ("" if omit else sys.digits[d]) + sys.units[pos - 1]
    return out


# --------------------------------------------------------------------------- definitions

@dataclass(frozen=True)
class Level:
    """One level of a numbering definition (``w:lvl``)."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # w:lvlRestart; None: after any higher level
    suffix: str = "tab"
    legal: bool = False
    style: str | None = None


@dataclass
class _Num:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag)
    return None if child is None else child.get(W + "val")


def _int(text: str | None, default: int | None = None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _on(el: Any, tag: str) -> bool:
    child = el.find(W + tag)
    return child is not None and child.get(W + "val", "true") not in ("0", "false", "off")


def _level(lvl: Any) -> Level:
    text_el = lvl.find(W + "lvlText")
    text = ""
    if text_el is not None and text_el.get(W + "null") not in ("1", "true", "on"):
        text = text_el.get(W + "val") or ""
    return Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=text,
        start=_int(_val(lvl, "start"), 1),
        restart=_int(_val(lvl, "lvlRestart")),
        suffix=_val(lvl, "suff") or "tab",
        legal=_on(lvl, "isLgl"),
        style=_val(lvl, "pStyle"),
    )


@dataclass(frozen=True)
class Label:
    """A paragraph's rendered number: ``text`` ("一、") and Word's ``suffix`` after it."""

    text: str
    suffix: str = "tab"
    fmt: str = "decimal"


class Numbering:
    """The numbering definitions of one document and its running counters.

    Call :meth:`label` for every paragraph in document order: it advances the counters.
    ``style_nums`` maps a paragraph or numbering style id to the ``numId`` its
    ``w:pPr/w:numPr`` names (used by ``w:numStyleLink``).
    """

    def __init__(self, root: Any | None, style_nums: Mapping[str, str] | None = None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstractNumId -> style id (numStyleLink)
        self.nums: dict[str, _Num] = {}
        self._style_nums = dict(style_nums or {})
        self._counters: dict[str, list[int | None]] = {}
        self._pending: dict[str, dict[int, int]] = {}  # startOverride values not yet used
        self._used: set[str] = set()
        self._unknown: set[str] = set()
        if root is not None:
            self._parse(root)

    def _parse(self, root: Any) -> None:
        for a in root.iter(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            levels = {}
            for lvl in a.findall(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0)
                if 0 <= ilvl < MAX_LEVELS:
                    levels[ilvl] = _level(lvl)
            self.abstracts[aid] = levels
            link = _val(a, "numStyleLink")
            if link:
                self._links[aid] = link
        for n in root.iter(W + "num"):
            aid = _val(n, "abstractNumId")
            if aid is None:
                continue
            num = _Num(aid)
            for o in n.findall(W + "lvlOverride"):
                ilvl = _int(o.get(W + "ilvl"), 0)
                start = _int(_val(o, "startOverride"))
                if start is not None:
                    num.start_overrides[ilvl] = start
                lvl = o.find(W + "lvl")
                if lvl is not None:
                    num.levels[ilvl] = _level(lvl)
            self.nums[n.get(W + "numId")] = num

    @property
    def warnings(self) -> list[str]:
        """Coded warnings for formats written in decimal because we do not know them."""
        return [warning("PX-W07", fmt=f) for f in sorted(self._unknown)]

    def _abstract_of(self, num_id: str) -> str | None:
        """The abstract definition whose counters ``num_id`` uses, through style links."""
        seen = set()
        aid = self.nums[num_id].abstract if num_id in self.nums else None
        while aid in self._links and aid not in seen:
            seen.add(aid)
            linked_num = self._style_nums.get(self._links[aid])
            if linked_num not in self.nums:
                break
            aid = self.nums[linked_num].abstract
        return aid if aid in self.abstracts else None

    def levels(self, num_id: str) -> dict[int, Level]:
        """The levels ``num_id`` shows: its abstract definition's, with overrides."""
        aid = self._abstract_of(num_id)
        if aid is None:
            return {}
        return {**self.abstracts[aid], **self.nums[num_id].levels}

    def level_of_style(self, num_id: str, style_id: str) -> int | None:
        """The level whose ``w:pStyle`` is ``style_id`` (a heading style tied to a level)."""
        for ilvl, lvl in sorted(self.levels(num_id).items()):
            if lvl.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the counter of (``num_id``, ``ilvl``) and return the rendered label."""
        aid = self._abstract_of(num_id)
        if aid is None:
            return None
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return None
        num = self.nums[num_id]
        counters = self._counters.setdefault(aid, [None] * MAX_LEVELS)
        pending = self._pending.setdefault(aid, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for k, value in num.start_overrides.items():
                if 0 <= k < MAX_LEVELS:
                    counters[k] = None
                    pending[k] = value

        def start(k: int) -> int:
            if k in pending:
                return pending[k]
            return levels[k].start if k in levels else 1

        # A list may open at a lower level: the levels above it count as used at their
        # start value, so the next higher-level paragraph gets the value after it.
        for k in range(ilvl):
            if counters[k] is None:
                counters[k] = start(k)
                pending.pop(k, None)
        if counters[ilvl] is None:
            counters[ilvl] = start(ilvl)
            pending.pop(ilvl, None)
        else:
            counters[ilvl] += 1
        for k in range(ilvl + 1, MAX_LEVELS):
            restart = levels[k].restart if k in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                counters[k] = None

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            value = counters[k] if counters[k] is not None else start(k)
            fmt = levels[k].fmt if k in levels else "decimal"
            if level.legal and fmt not in ("none", "bullet"):
                fmt = "decimal"
            text = format_number(value, fmt)
            if text is None:
                self._unknown.add(fmt)
                text = str(value)
            return text

        if level.fmt == "bullet":
            return Label("", level.suffix, level.fmt)
        return Label(_PLACEHOLDER.sub(render, level.text), level.suffix, level.fmt)


def join_label(label: Label | None, text: str) -> str:
    """Prepend ``label`` to paragraph ``text`` as it reads on the page.

    >>> join_label(Label("（一）"), "加强组织领导")
    '（一）加强组织领导'
    >>> join_label(Label("1."), "总则")
    '1. 总则'
    """
    if label is None or not label.text:
        return text
    if label.suffix == "nothing" or _tight(label.text[-1]) or not text:
        return label.text + text
    return f"{label.text} {text}"


def _tight(ch: str) -> bool:
    """True for a label end that Chinese text follows without a space: 、）①⑴㊀."""
    cat = unicodedata.category(ch)
    if cat.startswith("P"):
        return unicodedata.east_asian_width(ch) in ("W", "F")
    return cat in ("No", "So")
