"""The structure stage's domain knowledge, loaded once from ``extractor/data/*.yaml``.

The YAML files are hand-edited; this module only expands their placeholders
(``{cn}``, ``{date}``, ``{doc_number}``, ``{kinds}``) and compiles the patterns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import datafiles
from ..errors import DataFileError


def load_yaml(name: str) -> dict[str, Any]:
    """Parse ``extractor/data/<name>`` (see :func:`extractor.datafiles.read`)."""
    return datafiles.read(name)


@dataclass(frozen=True)
class HeadingType:
    """One kind of numbering marker (一、, （一）, 第一条 …)."""

    name: str
    pattern: re.Pattern[str]
    structural: bool
    phrase: bool


@dataclass(frozen=True)
class Rules:
    """Compiled tables; see the comments in ``structure.yaml`` and ``doc_kinds.yaml``."""

    raw: dict[str, Any]
    cn_digits: dict[str, int]
    cn_units: dict[str, int]
    date_forms: tuple[re.Pattern[str], ...]
    date_any: str
    issue_words: tuple[str, ...]
    printed_words: tuple[str, ...]
    org_suffix: re.Pattern[str]
    not_org: re.Pattern[str]
    org_separators: re.Pattern[str]
    issuer_joiner: str
    issuer_normalise: tuple[tuple[re.Pattern[str], str], ...]
    red_head: re.Pattern[str]
    doc_number: re.Pattern[str]
    doc_number_line: re.Pattern[str]
    doc_number_in_title: re.Pattern[str]
    header_skip: tuple[re.Pattern[str], ...]
    body_marks: re.Pattern[str]
    header_scan_lines: int
    title_max_line: int
    title_max_chars: int
    title_max_lines: int
    title_min_cjk: int
    not_title: re.Pattern[str]
    subject_word: str
    markdown_title: re.Pattern[str]
    trailing_brackets: re.Pattern[str]
    kinds: tuple[str, ...]
    kind_aliases: dict[str, str]
    not_kinds: tuple[str, ...]
    self_reference: tuple[re.Pattern[str], ...]
    self_reference_paragraphs: int
    status_words: tuple[str, ...]
    status_before_kind: tuple[str, ...]
    adoption_verbs: tuple[str, ...]
    version_verbs: tuple[str, ...]
    enact_verbs: tuple[str, ...]
    organ_end: re.Pattern[str]
    organ_drop: re.Pattern[str]
    headings: tuple[HeadingType, ...]
    heading_start: re.Pattern[str]
    markdown_heading: re.Pattern[str]
    phrase_end: str
    law_min_articles: int
    signature_name_lines: int
    signature_tail_lines: int
    phrase_max_chars: int
    enders: str
    cjk_full_stop: str
    closers: str
    pairs: tuple[str, ...]
    meta_keys: dict[str, list[str]]
    region: dict[str, Any]


def _alternation(words: list[str]) -> str:
    # longest first, so that an alternation prefers 实施方案 to 方案
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The compiled rules (parsed on first use, then cached)."""
    s = load_yaml("structure.yaml")
    k = load_yaml("doc_kinds.yaml")
    try:
        return _compile(s, k)
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"bad entry: {exc!r}", "extractor/data/structure.yaml") from exc


def _compile(s: dict[str, Any], k: dict[str, Any]) -> Rules:
    digits = {str(c): int(v) for c, v in s["numerals"]["digits"].items()}
    units = {str(c): int(v) for c, v in s["numerals"]["units"].items()}
    # {cn}: Chinese numeral characters only, so that （1） is never read as （一）
    cn = "[" + "".join(sorted(c for c in set(digits) | set(units) if not c.isascii())) + "]"
    digits.update({str(i): i for i in range(10)})
    forms = s["dates"]["forms"]
    date_any = "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", f) for f in forms) + ")"
    iss = s["issuers"]
    suffix = "(?:" + _alternation(iss["suffixes"]) + ")"
    dn = s["doc_number"]["pattern"]
    kinds = [str(x) for x in k["kinds"]]
    aliases = {str(a): str(b) for a, b in (k.get("aliases") or {}).items()}
    kind_alt = _alternation(kinds + list(aliases))
    hs = s["headings"]
    heads = tuple(
        HeadingType(h["type"], re.compile(h["pattern"].replace("{cn}", cn)),
                    bool(h.get("structural", False)), bool(h.get("phrase", True)))
        for h in hs["markers"]
    )
    return Rules(
        raw=s,
        cn_digits=digits,
        cn_units=units,
        date_forms=tuple(re.compile(f) for f in forms),
        date_any=date_any,
        issue_words=tuple(s["dates"]["issue_words"]),
        printed_words=tuple(s["dates"]["printed_words"]),
        org_suffix=re.compile(f"{suffix}(?:{iss['trailing_note']})?$"),
        not_org=re.compile("|".join(iss["not_org"])),
        org_separators=re.compile(iss["separators"]),
        issuer_joiner=iss["joiner"],
        issuer_normalise=tuple((re.compile(p), r) for p, r in iss["normalise"]),
        red_head=re.compile(iss["red_head"]),
        doc_number=re.compile(dn),
        doc_number_line=re.compile(s["doc_number"]["line"].replace("{doc_number}", dn)),
        doc_number_in_title=re.compile(s["doc_number"]["in_title"].replace("{doc_number}", dn)),
        header_skip=tuple(re.compile(p) for p in s["header"]["skip"]),
        body_marks=re.compile(s["header"]["body_marks"]),
        header_scan_lines=int(s["header"]["scan_lines"]),
        title_max_line=int(s["title"]["max_line_chars"]),
        title_max_chars=int(s["title"]["max_chars"]),
        title_max_lines=int(s["title"]["max_lines"]),
        title_min_cjk=int(s["title"]["min_cjk"]),
        not_title=re.compile(s["title"]["not_title"]),
        subject_word=str(s["title"]["subject_word"]),
        markdown_title=re.compile(s["title"]["markdown"]),
        trailing_brackets=re.compile(s["title"]["trailing_brackets"]),
        kinds=tuple(kinds),
        kind_aliases=aliases,
        not_kinds=tuple(k.get("not_kinds") or ()),
        self_reference=tuple(re.compile(p.replace("{kinds}", kind_alt)) for p in k["self_reference"]),
        self_reference_paragraphs=int(k["self_reference_paragraphs"]),
        status_words=tuple(sorted(s["status"]["words"], key=len, reverse=True)),
        status_before_kind=tuple(s["status"]["before_kind"]),
        adoption_verbs=tuple(s["adoption"]["verbs"]),
        version_verbs=tuple(s["adoption"]["version_verbs"]),
        enact_verbs=tuple(s["adoption"]["enact_verbs"]),
        organ_end=re.compile(s["adoption"]["organ_end"]),
        organ_drop=re.compile(s["adoption"]["organ_drop"]),
        headings=heads,
        heading_start=re.compile("|".join(f"(?:{h.pattern.pattern})" for h in heads)
                                 .replace("?P<num>", "")),
        markdown_heading=re.compile(hs["markdown"]),
        phrase_end=str(hs["phrase_end"]),
        law_min_articles=int(hs["law_min_articles"]),
        signature_name_lines=int(s["signature"]["max_name_lines"]),
        signature_tail_lines=int(s["signature"]["bare_date_tail_lines"]),
        phrase_max_chars=int(hs["phrase_max_chars"]),
        enders=s["sentences"]["enders"],
        cjk_full_stop=s["sentences"]["cjk_full_stop"],
        closers=s["sentences"]["closers"],
        pairs=tuple(s["sentences"]["pairs"]),
        meta_keys={str(a): list(b) for a, b in s["meta_keys"].items()},
        region=s["region"],
    )
