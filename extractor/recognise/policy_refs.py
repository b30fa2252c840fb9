"""POLICY_REF: cited documents, by 《title》 and/or 文号 (document number).

``find_policy_refs(text)`` returns one entity per cited document: a 《title》 directly
followed by a parenthesis that opens with its 文号 is one entity spanning both; a bare
文号 and a bare 《title》 are entities of their own. Every 《》 counts (laws, standards and
the odd certificate are cited documents too). The document's own 文号 cannot be told
from a citation by looking at the text alone: the caller passes its span in
``exclude`` (``DocContext.exclude`` does so in the spaCy component).

Patterns and word lists live in ``extractor/data/policy_refs.yaml``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import datafiles
from ..errors import DataFileError
from ..models import Entity

if TYPE_CHECKING:
    from .context import DocContext

LABEL = "POLICY_REF"
DATA_FILE = "policy_refs.yaml"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"


@dataclass(frozen=True)
class _Rules:
    doc_number: re.Pattern[str]
    order_number: re.Pattern[str] | None
    stop_words: tuple[str, ...]
    kept_names: tuple[str, ...]
    code_max: int
    order_code_max: int
    title_max: int
    title_max_breaks: int
    nested: dict[str, str]
    alias: re.Pattern[str]
    not_document: tuple[str, ...]
    form_blanks: tuple[str, ...]
    bare_alias: re.Pattern[str]
    bare_alias_not_starts: tuple[str, ...]


def load_data(name: str = DATA_FILE) -> dict[str, Any]:
    """Parse ``extractor/data/<name>`` (see :func:`extractor.datafiles.read`)."""
    return datafiles.read(name)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    d = load_data()
    try:
        pairs = [(o, c) for o, c in d["year_brackets"]]
        opens = "".join(re.escape(o) for o, _ in pairs)
        closes = "".join(re.escape(c) for _, c in pairs)
        code_max = int(d["issuer_code_max_chars"])
        # The issuer run is taken generously here and trimmed in code (stop words,
        # maximum length), since a regex cannot see where a sentence word ends.
        # The year-and-serial part is searched; the issuer code is read back from it
        # (a pattern that starts with the code would be tried at every character).
        doc_number = re.compile(
            rf"(?<=[{_HAN}])\s*[{opens}]\s*(?P<year>(?:19|20)\d{{2}})\s*"
            rf"[{closes}]\s*第?\s*(?P<serial>\d{{1,6}})\s*号"
        )
        order = d.get("order_number") or {}
        order_max = int(order.get("max_issuer_chars", 20))
        order_number = (
            re.compile(rf"(?P<code>[{_HAN}]{{1,{order_max * 2}}}令)第\s*(?P<serial>\d{{1,6}})\s*号")
            if order.get("enabled", True) else None
        )
        nested = {o: c for o, c in d["nested_title_marks"]}
        alias = re.compile(
            r"\s*[（(]\s*(?:" + "|".join(map(re.escape, d["alias_markers"])) + r")\s*[:：]?\s*$"
        )
        return _Rules(
            doc_number=doc_number, order_number=order_number,
            stop_words=tuple(d["issuer_code_stop_words"]), code_max=code_max,
            kept_names=tuple(d.get("issuer_names_kept_whole", [])),
            order_code_max=order_max, title_max=int(d["title_max_chars"]),
            title_max_breaks=int(d["title_max_line_breaks"]), nested=nested, alias=alias,
            not_document=tuple(d["not_document_endings"]),
            form_blanks=tuple(d["form_blanks"]),
            bare_alias=re.compile(
                r"\s*(?:[（(]|[，,；;]\s*)(?:" + "|".join(map(re.escape, d["alias_markers"]))
                + rf")\s*[:：]?\s*[“\"‘]?(?P<alias>[^《》〈〉（）()，,。；;、：:“”\"‘’\s]{{2,{int(d['bare_alias_max_chars'])}}})"
                r"[”\"’]?\s*[）)]"),
            bare_alias_not_starts=tuple(d["bare_alias_not_starts"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"bad entry: {exc!r}", f"extractor/data/{DATA_FILE}") from exc


# --- titles ---------------------------------------------------------------------------

def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost 《…》 pairs in ``text`` (marks included).

    Nested marks (《关于印发〈…〉的通知》, or a 《 inside 《》) are balanced; an unclosed
    《, a title over ``title_max_chars`` or across more line breaks than allowed is
    skipped, and scanning goes on after its opening mark.
    """
    r = _rules()
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while True:
        i = text.find("《", i)
        if i < 0:
            return out
        end = _close_title(text, i, n, r)
        if end is None:
            i += 1
            continue
        out.append((i, end))
        i = end


def _close_title(text: str, i: int, n: int, r: _Rules) -> int | None:
    stack = ["》"]
    breaks = 0
    j = i + 1
    limit = min(n, i + r.title_max + 2)
    while j < limit:
        ch = text[j]
        if ch in r.nested:
            stack.append(r.nested[ch])
        elif ch == stack[-1]:
            stack.pop()
            if not stack:
                return j + 1 if j > i + 1 else None  # 《》 with nothing inside is no title
        elif ch == "\n":
            breaks += 1
            if breaks > r.title_max_breaks:
                return None
        j += 1
    return None


# --- document numbers -----------------------------------------------------------------

@dataclass(frozen=True)
class DocNumber:
    """A 文号 found in text: its span and parts."""

    start: int
    end: int
    issuer_code: str
    year: int | None
    serial: int

    def normalized(self) -> dict[str, Any]:
        return {"issuer_code": self.issuer_code, "year": self.year, "serial": self.serial}


def find_doc_numbers(text: str) -> list[DocNumber]:
    """Every 文号 in ``text``: 粤办函〔2022〕245号, 国卫办医函[2021]538号, 国务院令第701号."""
    r = _rules()
    found: list[DocNumber] = []
    for m in r.doc_number.finditer(text):
        code_end = m.start()
        code_start = code_end
        while code_start > 0 and code_end - code_start < r.code_max * 3 and _is_han(
                text[code_start - 1]):
            code_start -= 1
        start = _trim_code(text, code_start, code_end, r.code_max, r.stop_words, r.kept_names)
        if start is None:
            continue
        found.append(DocNumber(start, m.end(), text[start:code_end],
                               int(m.group("year")), int(m.group("serial"))))
    if r.order_number is not None:
        taken = [(d.start, d.end) for d in found]
        for m in r.order_number.finditer(text):
            if _overlaps(m.start(), m.end(), taken):
                continue
            start = _trim_code(text, m.start("code"), m.end("code"), r.order_code_max,
                               r.stop_words, r.kept_names)
            if start is None or m.end("code") - start < 2:
                continue
            found.append(DocNumber(start, m.end(), text[start:m.end("code")], None,
                                   int(m.group("serial"))))
    found.sort(key=lambda d: d.start)
    return found


def _trim_code(text: str, start: int, end: int, max_chars: int,
               stop_words: Sequence[str], kept: Sequence[str] = ()) -> int | None:
    """Left edge of an issuer code ending at ``end``: after the last stop word, at most
    ``max_chars`` long. None when nothing is left."""
    run = text[start:end]
    for name in kept:  # 和 inside 中华人民共和国 is no conjunction
        run = run.replace(name, "\0" * len(name))
    cut = 0
    for w in stop_words:
        k = run.rfind(w)
        # A stop word that is the whole code is the code (e.g. a code "经"? never seen;
        # keep the rule simple: the code must keep at least one character).
        if k >= 0 and k + len(w) < len(run):
            cut = max(cut, k + len(w))
    cut = max(cut, len(run) - max_chars)
    return start + cut if cut < len(run) else None


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u4dbf" or "\u4e00" <= ch <= "\u9fff"


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


# --- the finder -----------------------------------------------------------------------

_PAREN_OPEN = "（("
_PAREN_CLOSE = {"（": "）", "(": ")"}


def find_policy_refs(text: str, exclude: Sequence[tuple[int, int]] | None = None) -> list[Entity]:
    """POLICY_REF entities in ``text``, in order.

    ``exclude`` holds spans that are not citations (the document's own 文号 in its
    header): a reference overlapping one of them is dropped.
    """
    r = _rules()
    numbers = find_doc_numbers(text)
    titles = title_spans(text)
    used: set[int] = set()  # indices into numbers that were joined to a title
    out: list[Entity] = []
    last_title: str | None = None
    last_title_end = -1
    aliases: list[tuple[int, str, dict[str, Any]]] = []  # (defined at, alias, its document)
    for ts, te in titles:
        title = _clean_title(text[ts + 1:te - 1])
        if title.endswith(r.not_document) and _number_in_paren(text, te, numbers, titles) is None \
                or any(b in title for b in r.form_blanks):
            continue  # 《医疗机构执业许可证》: a certificate; a form with blanks
        norm: dict[str, Any] = {"title": title}
        end = te
        k = _number_in_paren(text, te, numbers, titles)
        if k is not None:
            num = numbers[k]
            used.add(k)
            norm["doc_number"] = num.normalized()
            norm["doc_number_text"] = text[num.start:num.end]
            end = num.end
            close = _PAREN_CLOSE[text[te:num.start].lstrip()[0]]
            if text[end:end + 1] == close:
                end += 1
        if last_title is not None and r.alias.match(text[last_title_end:ts]):
            norm["alias_of"] = last_title
        else:
            last_title, last_title_end = title, end
        out.append(Entity(label=LABEL, text=text[ts:end], start=ts, end=end,
                          normalized=norm, source="rules"))
        if "alias_of" in norm:
            last_title = None
        a = r.bare_alias.match(text, end)
        if a and not a.group("alias").startswith(r.bare_alias_not_starts):
            aliases.append((a.start("alias"), a.group("alias"), norm))
    spans = [(e.start, e.end) for e in out]
    for k, num in enumerate(numbers):
        if k in used or _overlaps(num.start, num.end, spans):
            continue  # a 文号 written inside a title belongs to that title
        out.append(Entity(label=LABEL, text=text[num.start:num.end], start=num.start,
                          end=num.end, normalized={"doc_number": num.normalized(),
                                                   "doc_number_text": text[num.start:num.end]},
                          source="rules"))
    out += _bare_titles(text, out, titles)
    out += _bare_aliases(text, aliases, out, titles)
    if exclude:
        out = [e for e in out if not _overlaps(e.start, e.end, exclude)]
    out.sort(key=lambda e: e.start)
    return out


@lru_cache(maxsize=1)
def _bare_rules() -> dict[str, Any]:
    b = load_data()["bare_titles"]
    han = f"[{_HAN}]"
    name = (f"(?:(?!{'|'.join(map(re.escape, b['not_inside']))}){han})"
            f"{{{b['min_chars'] - 1},{b['max_chars']}}}?")
    endings = b["law_endings"] + b["rule_endings"]
    return {**b, "rx": re.compile(
        f"(?:{'|'.join(map(re.escape, b['verbs']))})(?P<name>{name}(?:{'|'.join(map(re.escape, endings))}))"
        # the name ends where a function word or a clause does: 依照药品管理法第八十一条
        f"(?=[^{_HAN}]|[{''.join(b['followed_by'])}]|$)")}


def _bare_titles(text: str, found: Sequence[Entity], titles: Sequence[tuple[int, int]]) -> list[Entity]:
    """Citations without 《》 (see ``bare_titles`` in the data file)."""
    b = _bare_rules()
    names = {e.normalized["title"] for e in found
             if "title" in e.normalized and "alias_of" not in e.normalized
             and b["min_chars"] <= len(e.normalized["title"]) <= b["max_chars"]
             and re.fullmatch(f"[{_HAN}]+", e.normalized["title"])
             and e.normalized["title"].endswith(tuple(b["cited_endings"]))}
    for m in b["rx"].finditer(text):
        name = m.group("name")
        if name in names or name.startswith(tuple(b["not_starts"])) \
                or name.endswith(tuple(b["not_endings"])) \
                or _overlaps(m.start("name"), m.end("name"), titles):
            continue
        if name.endswith(tuple(b["law_endings"])) or (
                text.count(name) >= b["min_repeats"] and len(name) >= b["rule_min_chars"]):
            names.add(name)
    out: list[Entity] = []
    taken = [(e.start, e.end) for e in found] + list(titles)
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            a, z = m.start(), m.end()
            line_a = text.rfind("\n", 0, a) + 1
            line_z = text.find("\n", z)
            line_z = len(text) if line_z < 0 else line_z
            heading = not text[line_a:a].strip("#* \u3000") and not text[z:line_z].strip()
            if _overlaps(a, z, taken) or text.startswith(tuple(b["not_followed_by"]), z) \
                    or heading:  # a heading: the document's own title
                continue
            out.append(Entity(label=LABEL, text=name, start=a, end=z,
                              normalized={"title": name}, source="rules"))
            taken.append((a, z))
    return out


def _bare_aliases(text: str, aliases: Sequence[tuple[int, str, dict[str, Any]]],
                  found: Sequence[Entity], titles: Sequence[tuple[int, int]]) -> list[Entity]:
    """Every use of an alias defined without 《》 ("以下简称2号令"), from its definition on."""
    out: list[Entity] = []
    taken = [(e.start, e.end) for e in found] + list(titles)
    for at, alias, doc in aliases:
        norm = {"title": None, "alias_of": doc.get("title")}
        if "doc_number" in doc:
            norm["doc_number"] = doc["doc_number"]
        for m in re.compile(re.escape(alias)).finditer(text, at):
            s, e = m.start(), m.end()
            if not _overlaps(s, e, taken):
                out.append(Entity(label=LABEL, text=alias, start=s, end=e, normalized=dict(norm),
                                  source="rules"))
                taken.append((s, e))
    return out


def _number_in_paren(text: str, title_end: int, numbers: Sequence[DocNumber],
                     titles: Sequence[tuple[int, int]]) -> int | None:
    """Index of the 文号 that opens a parenthesis right after a title, if any."""
    j = title_end
    while j < len(text) and text[j] in " \u3000":
        j += 1
    if j >= len(text) or text[j] not in _PAREN_OPEN:
        return None
    j += 1
    while j < len(text) and text[j] in " \u3000":
        j += 1
    for k, num in enumerate(numbers):
        if num.start == j:
            return k
        if num.start > j:
            break
    return None


def _clean_title(title: str) -> str:
    # A title hard-wrapped over two lines is one title: drop the break and its spaces.
    return re.sub(r"\s*\n\s*", "", title).strip()


def find_in_doc(text: str, ctx: DocContext) -> list[Entity]:
    """The spaCy component's entry point (``policyx_policy_refs``)."""
    return find_policy_refs(text, exclude=ctx.exclude)
