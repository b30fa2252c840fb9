"""The document's own region: from its issuer, else its title, else the body's most
frequent division.  National organs (国务院, 国家…委, …部) give the region 全国."""
from __future__ import annotations

from collections import Counter

from ..models import Region
from ..regions import find_regions
from .rules import rules


def national(issuer: str | None) -> bool:
    """True for an issuer that is a national organ: ``国务院``, ``国家发展改革委``, ``财政部``."""
    if not issuer:
        return False
    cfg = rules().region
    names = issuer.split(rules().issuer_joiner)
    if any(find_regions(n) for n in names):
        return False
    return any(n.startswith(tuple(cfg["national_prefixes"])) or
               n.endswith(tuple(cfg["national_suffixes"])) for n in names)


def _leading(hits: list[tuple[int, int, Region]]) -> Region | None:
    """The most specific of the first, nested mentions: 湛江市廉江市… → 廉江市."""
    if not hits:
        return None
    best = hits[0][2]
    end = hits[0][1]
    for a, b, reg in hits[1:]:
        if a != end or reg.parent != best.name:
            break
        best, end = reg, b
    return best


def document_region(issuer: str | None, title: str | None, text: str) -> Region | None:
    """The region a document belongs to (name, code, level, parent)."""
    if national(issuer):
        cfg = rules().region
        return Region(name=cfg["national_name"], level=cfg["national_level"])
    sources = [s for s in (issuer.split(rules().issuer_joiner)[0] if issuer else None, title) if s]
    for source in sources:
        reg = _leading(find_regions(source))
        if reg:
            return reg
    body = find_regions(text)
    context = sorted({reg.name for _, _, reg in body})
    for source in sources:  # an ambiguous name (朝阳区) settled by the body's other places
        reg = _leading(find_regions(source, within=context))
        if reg:
            return reg
    if not body:
        return None
    counts = Counter(reg.code for _, _, reg in body)
    top = max(counts.values())
    return next(reg for _, _, reg in body if counts[reg.code] == top)
