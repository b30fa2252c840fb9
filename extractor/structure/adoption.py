"""History lines of laws and regulations: who adopted, amended or approved it, and when.

``2021年11月25日 上海市第十五届人民代表大会常务委员会第三十七次会议通过``
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import find_dates
from .orgs import join_issuers, split_orgs
from .rules import rules

_BOOK = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》|〈[^〈〉]*〉|<[^<>]*>")


@dataclass(frozen=True)
class Entry:
    """One dated step of a law's history."""

    date: str            # ISO
    organ: str | None    # normalised: 上海市人民代表大会常务委员会
    verb: str | None     # 通过, 修正, 批准 …


@lru_cache(maxsize=1)
def _start_rx() -> re.Pattern[str]:
    # a history line starts with its date; a body sentence that starts with a date
    # has a comma after it ("2022年7月20日，省政府办公厅印发…")
    return re.compile(rf"^[（(]?\s*{rules().date_any}\s*(?![，,、])")


def parse_history(line: str) -> list[Entry] | None:
    """The entries of a history line, or None if ``line`` is not one."""
    if not _start_rx().match(line) or "。" in line:
        return None
    dates = find_dates(line)
    entries: list[Entry] = []
    for i, (_, end, iso) in enumerate(dates):
        stop = dates[i + 1][0] if i + 1 < len(dates) else len(line)
        entries.append(_entry(line[end:stop], iso))
    return entries if any(e.verb for e in entries) else None


def _entry(rest: str, iso: str) -> Entry:
    r = rules()
    rest = r.organ_drop.sub("", rest.strip(" （()）"))
    outside = _BOOK.sub(lambda m: "\u3000" * len(m.group(0)), rest)  # verbs inside 《》 do not count
    verb_at = [(outside.find(v), v) for v in r.adoption_verbs if outside.find(v) >= 0]
    verb = min(verb_at)[1] if verb_at else None
    if rest.startswith("《"):
        # amended by a decision: 《国务院关于修改部分行政法规的决定》第一次修订
        before, found, _ = rest[1:].partition(r.subject_word)
        cand = before if found and "》" not in before else ""
    else:
        m = r.organ_end.search(outside)
        cand = rest[: m.start()] if m else ""
    orgs = split_orgs(cand) if cand else None
    return Entry(iso, join_issuers(orgs) if orgs else None, verb)


def version(entries: list[Entry]) -> tuple[str | None, str | None]:
    """``(issuer, date)`` of the text in force: the latest dated version and its enacting organ."""
    r = rules()
    dated = [e for e in entries if e.verb in r.version_verbs]
    date = max((e.date for e in dated), default=None)
    # the organ that enacted the text in force; failing that, the one that approved it
    enacted = [e for e in entries if e.verb in r.enact_verbs and e.organ] or \
        [e for e in entries if e.organ]
    issuer = max(enacted, key=lambda e: e.date).organ if enacted else None
    return issuer, date
