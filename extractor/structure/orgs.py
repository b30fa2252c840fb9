"""Organisation names: is a line an issuer's name, and how issuers are written."""
from __future__ import annotations

import re

from .rules import rules

_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_org(name: str) -> bool:
    """True for a bare organisation name: ``汕头市卫生健康局``, ``国家发展改革委``."""
    r = rules()
    name = name.strip()
    if not name or len(name) > r.raw["issuers"]["max_chars"] or r.not_org.search(name):
        return False
    if any(h.pattern.match(name) for h in r.headings):
        return False  # "（一）成立县域医共体管理委员会" is a heading, not a signature
    m = r.org_suffix.search(name)
    return bool(m) and len(_CJK.findall(name[: m.start()])) >= 2


def split_orgs(line: str) -> list[str] | None:
    """The names of a line of one or more issuers (``中共中央 国务院``), else None."""
    parts = [p for p in rules().org_separators.split(line.strip()) if p]
    if parts and all(is_org(p) for p in parts):
        return parts
    return None


def normalise_issuer(name: str) -> str:
    """Apply the rewrites of ``structure.yaml``: ``河南省第八届人大常委会`` → ``河南省人民代表大会常务委员会``."""
    for rx, repl in rules().issuer_normalise:
        name = rx.sub(repl, name)
    return name.strip()


def join_issuers(names: list[str]) -> str | None:
    """Joint issuers as one string, in order, without repeats."""
    out: list[str] = []
    for n in (normalise_issuer(x) for x in names):
        if n and n not in out:
            out.append(n)
    return rules().issuer_joiner.join(out) or None
