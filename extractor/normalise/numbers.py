"""Numbers as written in Chinese policy texts, read into exact :class:`~decimal.Decimal`.

Arabic (``1,234.5``), Chinese (``一百零五``, ``两千``), digit-by-digit years (``二0三五``),
Arabic with Chinese multipliers (``4.2万``, ``16.4亿``, ``1万5千``), fractions and percents
in words (``百分之八十``, ``三分之一``, ``千分之五``). The character tables are in
``extractor/data/numerals.yaml``.

Pure Chinese integers (``一千二百三十四万五千六百七十八``) are read by cn2an, whose grammar
rejects malformed numerals (``十十``, ``一百百``) and which returns an ``int`` for them.
Everything with a decimal point or an Arabic part is computed here in Decimal: cn2an
goes through float there, which FIELD_NOTES.md reports wrong on some 亿 values.
Malformed input returns None; nothing here raises on bad text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..errors import DataFileError, MissingDependency
from ._data import data_path, load

__all__ = ["Number", "parse_numeral", "parse_number", "to_float", "normalise_text",
           "normalise_mapped", "numeral_pattern"]

_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?")
_SPACE = re.compile(r"[\s\u3000\u00a0\u2002-\u200b]+")


@dataclass(frozen=True)
class Number:
    """A number read from text.

    ``unit`` is set when the writing itself gives one (``85%``, ``百分之八十`` → "%");
    ``fraction`` keeps the two terms of ``三分之一`` as (1, 3); ``rule`` names the reading
    used: arabic, chinese, digits, mixed, fraction, percent_words.
    """

    value: Decimal
    unit: str | None = None
    fraction: tuple[Decimal, Decimal] | None = None
    rule: str = "arabic"
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: Decimals become floats here, and only here."""
        out: dict[str, Any] = {"value": to_float(self.value), "unit": self.unit,
                               "rule": self.rule}
        if self.fraction:
            out["fraction"] = [to_float(x) for x in self.fraction]
        return out


class _Tables:
    """numerals.yaml compiled once: lookups and the rewrite steps."""

    def __init__(self, data: dict[str, list[dict[str, Any]]]) -> None:
        self.rewrites: list[tuple[str, str, str]] = [
            (r["kind"], r["from"], r["to"]) for r in data["rewrites"]]
        for i, (kind, src, dst) in enumerate(self.rewrites, 1):
            if kind == "translate" and len(src) != len(dst):
                raise DataFileError(f"section `rewrites` row {i}: `from` and `to` differ in "
                                    "length", data_path("numerals.yaml"))
        self.digits = {r["char"]: r["value"] for r in data["digits"]}
        self.small = {r["char"]: r["value"] for r in data["small_units"]}
        self.big = {r["char"]: r["value"] for r in data["big_units"]}
        self.points = {r["char"] for r in data["decimal_points"]}
        self.implicit_one = {r["char"] for r in data["implicit_one"]}
        self.fractions = sorted(data["fractions"], key=lambda r: -len(r["marker"]))
        self.percent = {r["sign"]: r["unit"] for r in data["percent_signs"]}
        self.signs = {r["sign"]: r["value"] for r in data["signs"]}
        self.classifiers = sorted((r["word"] for r in data["trailing_classifiers"]),
                                  key=len, reverse=True)
        self.range_seps = sorted((r["sep"] for r in data["range_separators"]),
                                 key=len, reverse=True)
        self.ratio_marks = [r["sep"] for r in data["ratio_marks"]]
        self.zeros = {c for c, v in self.digits.items() if v == 0}
        # What a numeral is made of, for finders in other modules (no 点: 重点, 特点).
        self.chars = "".join(self.digits) + "".join(self.small) + "".join(self.big)


@lru_cache(maxsize=1)
def tables() -> _Tables:
    """The compiled numeral tables (loaded from YAML on first use)."""
    return _Tables(load("numerals.yaml"))


def normalise_text(text: str, *, keep_spaces: bool = False) -> str:
    """Apply the numeral rewrites (full-width digits, 廿, 卅 ...) and drop spaces.

    ANNOTATION.md: spaces inside numbers ("每3 万人") are ignored, so the normalisers
    read text with all whitespace removed.
    """
    for kind, src, dst in tables().rewrites:
        text = text.translate(str.maketrans(src, dst)) if kind == "translate" \
            else text.replace(src, dst)
    return text if keep_spaces else _SPACE.sub("", text)


def normalise_mapped(text: str) -> tuple[str, list[int]]:
    """:func:`normalise_text` plus, per output character, the offset it came from.

    Finders search the normalised text and report spans in the caller's text.
    """
    chars = list(text)
    index = list(range(len(text)))
    for kind, src, dst in tables().rewrites:
        if kind == "translate":
            table = dict(zip(src, dst, strict=True))
            chars = [table.get(c, c) for c in chars]
            continue
        joined = "".join(chars)
        if src not in joined:
            continue
        new_chars: list[str] = []
        new_index: list[int] = []
        i = 0
        while i < len(chars):
            if joined.startswith(src, i):
                new_chars += list(dst)
                new_index += [index[i]] * len(dst)
                i += len(src)
            else:
                new_chars.append(chars[i])
                new_index.append(index[i])
                i += 1
        chars, index = new_chars, new_index
    keep = [k for k, c in enumerate(chars) if not _SPACE.fullmatch(c)]
    return "".join(chars[k] for k in keep), [index[k] for k in keep]


def numeral_pattern() -> str:
    """A regex fragment matching one numeral as it may stand in text (to be validated)."""
    cn = re.escape(tables().chars)
    digits = re.escape("".join(tables().digits))
    # 点 is the decimal point of a Chinese numeral only between digits: 一点二, not 三点意见
    return rf"(?:\d(?:[\d.,]*\d)?|[{cn}])(?:\d(?:[\d.,]*\d)?|[{cn}]|点(?=[{digits}]))*"


def to_float(value: Decimal | None) -> float | None:
    """Decimal → float for JSON; exact for every value the normalisers produce."""
    return None if value is None else float(value)


def parse_number(text: str) -> Decimal | None:
    """The value of a number as written, or None if it is not a well-formed number.

    >>> parse_number("16.4亿")
    Decimal('1640000000')
    >>> parse_number("二0三五")
    Decimal('2035')
    """
    n = parse_numeral(text)
    return None if n is None else n.value


def parse_numeral(text: str) -> Number | None:
    """Read ``text`` (one number, optionally with %, a fraction word or 个) in full."""
    if not isinstance(text, str):
        return None
    t = tables()
    s = normalise_text(text)
    if not s:
        return None
    sign = 1
    if s[0] in t.signs:
        sign, s = t.signs[s[0]], s[1:]
    unit = None
    for mark, u in t.percent.items():
        if s.endswith(mark):
            s, unit = s[: -len(mark)], u
            break
    if unit is None:
        for word in t.classifiers:
            if s.endswith(word) and len(s) > len(word):
                s = s[: -len(word)]
                break
    if not s:
        return None
    if unit is None:
        frac = _fraction(s)
        if frac is not None:
            value, u, terms, rule = frac
            return Number(_tidy(sign * value), u, terms, rule, text)
    core = _core(s)
    if core is None:
        return None
    value, rule = core
    return Number(_tidy(sign * value), unit, None, rule, text)


def _fraction(s: str) -> tuple[Decimal, str | None, tuple[Decimal, Decimal] | None, str] | None:
    for row in tables().fractions:
        marker = row["marker"]
        if row["denominator"] is not None and s.startswith(marker):
            num = _core(s[len(marker):])
            return None if num is None else (num[0], row["unit"], None, "percent_words")
        if row["denominator"] is None and marker in s:
            left, _, right = s.partition(marker)
            den, num = _core(left), _core(right)
            if den is None or num is None or den[0] == 0:
                return None
            return num[0] / den[0], row["unit"], (num[0], den[0]), "fraction"
    return None


def _core(s: str) -> tuple[Decimal, str] | None:
    """An unsigned number without unit: (value, rule) or None."""
    if not s:
        return None
    t = tables()
    if _ARABIC.fullmatch(s):
        return Decimal(s.replace(",", "")), "arabic"
    if all(c.isdigit() and c.isascii() or c in t.digits for c in s):
        return _digit_sequence(s)
    if all(c in t.digits or c in t.small or c in t.big or c in t.points for c in s):
        return _chinese(s)
    return _mixed(s)


def _digit_sequence(s: str) -> tuple[Decimal, str] | None:
    t = tables()
    if len(s) == 1:
        return Decimal(t.digits[s]), "chinese"
    # 七八 or 三五 is "seven or eight", not 78: without a zero, two Chinese digits are
    # an estimate, not a number. 二〇, 二〇三五 and mixed 二0三五 are read digit by digit.
    if len(s) == 2 and not any(c in t.zeros or c == "0" for c in s):
        return None
    value = 0
    for c in s:
        value = value * 10 + (int(c) if c.isascii() else t.digits[c])
    return Decimal(value), "digits"


def _chinese(s: str) -> tuple[Decimal, str] | None:
    t = tables()
    whole, point, frac = s, "", ""
    for p in t.points:
        if p in s:
            whole, point, frac = s.partition(p)
            break
    if point and (not frac or any(c not in t.digits for c in frac)):
        return None
    if whole and whole[0] in t.implicit_one and whole[0] != "十":
        whole = next(c for c, v in t.digits.items() if v == 1) + whole
    value = _cn2an_int(whole) if whole else 0
    if value is None:
        return None
    if frac:
        digits = "".join(str(t.digits[c]) for c in frac)
        return Decimal(value) + Decimal("0." + digits), "chinese"
    return Decimal(value), "chinese"


def _cn2an_int(s: str) -> int | None:
    try:
        import cn2an
    except ImportError:  # pragma: no cover - cn2an is a core dependency
        raise MissingDependency("reading Chinese numerals needs cn2an: pip install cn2an") from None
    try:
        value = cn2an.cn2an(s, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    # "normal" mode returns int for integers; a float would mean a decimal slipped in.
    return value if isinstance(value, int) else None


def _mixed(s: str) -> tuple[Decimal, str] | None:
    """Arabic numbers with Chinese units (4.2万, 1万5千, 1亿2000万), in Decimal."""
    t = tables()
    tokens: list[tuple[str, Decimal]] = []
    i = 0
    while i < len(s):
        m = _ARABIC.match(s, i)
        if m:
            tokens.append(("num", Decimal(m.group(0).replace(",", ""))))
            i = m.end()
        elif s[i] in t.digits:
            tokens.append(("num", Decimal(t.digits[s[i]])))
            i += 1
        elif s[i] in t.small:
            tokens.append(("small", Decimal(t.small[s[i]])))
            i += 1
        elif s[i] in t.big:
            tokens.append(("big", Decimal(t.big[s[i]])))
            i += 1
        else:
            return None
    total, section = Decimal(0), Decimal(0)
    cur: Decimal | None = None
    last_big: Decimal | None = None
    seen_unit = False
    for kind, v in tokens:
        if kind == "num":
            if cur is not None:
                return None  # two numbers side by side: 3五, 12.3.4
            cur = v
        elif kind == "small":
            if cur is None:
                return None
            section += cur * v
            cur, seen_unit = None, True
        else:
            val = section + (cur if cur is not None else 0)
            section, cur, seen_unit = Decimal(0), None, True
            if val == 0:
                if total == 0:
                    return None
                total *= v  # 万亿: a second multiplier scales everything before it
            elif last_big is not None and v < last_big:
                total += val * v
            elif last_big is not None and v == last_big:
                return None  # 1万2万
            else:
                total = (total + val) * v
            last_big = v
    if cur is not None and seen_unit:
        return None  # 3万5: colloquial, ambiguous (35000? 30005?)
    return total + section + (cur if cur is not None else 0), "mixed"


def _tidy(value: Decimal) -> Decimal:
    # 4.2 × 10000 is Decimal('42000.0'); show whole numbers without the exponent/fraction.
    try:
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
    except InvalidOperation:  # pragma: no cover - values beyond the context precision
        pass
    return value
