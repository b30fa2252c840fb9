"""The 落款: the issuer's name and the date that close an official document.

::

    汕头市卫生健康局
    2024年8月2日

Joint issuers stand on one line or on consecutive lines.  A date with "印发" may be
the 落款's or a 版记's printing line ("XX办公室 2024年8月5日印发"): it is used only when
no other dated block is found, and its name yields to an issuer named in the header.
"""
from __future__ import annotations

from dataclasses import dataclass

from .dates import date_line
from .lines import Line
from .orgs import join_issuers, split_orgs
from .rules import rules


@dataclass(frozen=True)
class Signature:
    issuer: str | None
    date: str
    line: int          # index of the date line
    printed: bool = False


def find_signature(lines: list[Line], start: int = 0) -> Signature | None:
    """The document's own 落款 among ``lines[start:]``, else None.

    The first dated block with names above it wins (a notice's 落款 comes before
    the attachments it encloses); then a bare date near the end; then a printing date.
    """
    r = rules()
    body = [ln for ln in lines[start:] if ln.text.strip()]
    named: list[Signature] = []
    bare: list[Signature] = []
    printed: list[Signature] = []
    for k, ln in enumerate(body):
        dl = date_line(ln.text)
        if dl is None:
            continue
        names: list[str] = []
        if dl.before:
            orgs = split_orgs(dl.before)
            if orgs is None:
                continue  # "截至2024年8月2日" is a sentence, not a signature
            names = orgs
        else:
            j = k - 1
            above: list[list[str]] = []
            while j >= 0 and len(above) < r.signature_name_lines:
                orgs = split_orgs(body[j].text)
                if orgs is None:
                    break
                above.insert(0, orgs)
                j -= 1
            names = [n for group in above for n in group]
        if dl.printed:
            printed.append(Signature(join_issuers(names) if names else None, dl.date, ln.index,
                                     printed=True))
        elif names:
            named.append(Signature(join_issuers(names), dl.date, ln.index))
        elif k >= len(body) - r.signature_tail_lines:
            bare.append(Signature(None, dl.date, ln.index))
    for group in (named, bare):
        if group:
            return group[0]
    return printed[-1] if printed else None
