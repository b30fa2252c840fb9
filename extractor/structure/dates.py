"""Full dates in the forms of official documents, as ISO strings."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .numerals import cn_int
from .rules import rules


def _iso(m: re.Match[str]) -> str | None:
    y, mo, d = (cn_int(m.group(g)) for g in ("y", "m", "d"))
    if y is None or mo is None or d is None:
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None  # 2024年2月30日: not a date


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full date in ``text`` as ``(start, end, "YYYY-MM-DD")``."""
    found: list[tuple[int, int, str]] = []
    for rx in rules().date_forms:
        for m in rx.finditer(text):
            iso = _iso(m)
            if iso and not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), iso))
    return sorted(found)


def parse_date(text: str) -> str | None:
    """The ISO form of ``text`` if it is one date and nothing else."""
    text = text.strip()
    for rx in rules().date_forms:
        m = rx.fullmatch(text)
        if m:
            return _iso(m)
    return None


@dataclass(frozen=True)
class DateLine:
    """A line that ends in a date: the 落款's date, maybe after the issuer's name."""

    before: str        # text before the date ("" or an organisation name)
    date: str          # ISO
    printed: bool      # "…印发": a printing date from the 版记


@lru_cache(maxsize=1)
def _date_line_rx() -> re.Pattern[str]:
    r = rules()
    words = "|".join(map(re.escape, r.issue_words))
    return re.compile(rf"^(?P<before>.*?)\s*[（(]?(?P<date>{r.date_any})[）)]?\s*(?P<word>{words})?$")


def date_line(line: str) -> DateLine | None:
    """Read ``2024年8月2日``, ``二〇二四年八月二日``, ``XX局 2024年8月2日印发``."""
    m = _date_line_rx().match(line.strip())
    if not m:
        return None
    iso = parse_date(m.group("date"))
    if iso is None:
        return None
    word = m.group("word") or ""
    return DateLine(m.group("before").strip(), iso, word in rules().printed_words)
