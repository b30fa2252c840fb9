"""INSTITUTION: specific named organisations (hospitals, health centres, bureaus …).

``find_institutions(text, region)`` finds each name from its head, the type word it
ends with (医院, 卫生院, 疾控中心, 卫健局 …), and grows it to the left token by token
over words that can stand inside a name, until the place a name starts: a region
name, a level prefix (省, 市, 县 …) or a proper noun; a verb, preposition or category
word (由, 支持, 各, 县级 …) stops it. A name is kept only if something in it makes it
specific; a bare head or a category (县级医院, 乡镇卫生院) is not an institution.

Normal form (``normalized``):

* ``name``: the full name. Function abbreviations are spelt out (卫健局 → 卫生健康局,
  疾控中心 → 疾病预防控制中心, 政府 → 人民政府) and a bare level prefix is replaced by the
  document's own division of that level (市疾控中心 in a 荆门市 plan →
  荆门市疾病预防控制中心). ``市`` resolves to the first division named …市 on the
  document region's parent chain (the county-level city itself in a 廉江市 plan, the
  prefecture in a 连平县 plan); likewise 县, 区, 省, 州. With no such division the
  prefix stays as written. An optional word in brackets (大湖镇（中心）卫生院) is kept,
  without its brackets: 大湖镇中心卫生院.
* ``members``: for a coordinated list sharing one head (元善、溪山…大湖镇（中心）卫生院;
  吴川市、雷州市…遂溪县人民医院) the span is the whole phrase and ``members`` lists the
  full name of each. The shared head is taken as written without its optional
  bracketed word (元善镇卫生院); the member that carries the bracket in the text keeps
  the word (大湖镇中心卫生院); ``optional_head_word`` records the word.

Names a document uses for its own bodies (docs/annotation-decisions.md) get its division
in ``name``: bare names that certainly mean one body (人民医院 in a county plan, 总院 after
a named 总医院, 医保局), departments named by function (县医保部门; 编制、发改…等部门 with
``members``), bodies the plan sets up (成立县域医共体管理委员会, and its later mentions).
Laws (three or more 第X条 lines) speak of every division: these rules are off there, and
a level prefix that names no division of the document's chain (区人民政府 in a 上海市 law)
is a category. Template names with a placeholder (…XX镇分院) are not institutions.

Names inside a 《title》 are part of the title and not reported. Word lists and the
decisions behind them live in ``extractor/data/institutions.yaml``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..models import Entity, Region
from .lexicon import alternation
from .policy_refs import find_doc_numbers, load_data, title_spans

if TYPE_CHECKING:
    from .context import DocContext

LABEL = "INSTITUTION"
DATA_FILE = "institutions.yaml"
MAX_PREFIX = 24  # a name's part before its head is rarely longer (汕头大学医学院第一附属)
MAX_GAP = 12  # between two heads of one name (大学 … 医学院 … 医院)
# A short form (总院) refers back to a body named at most this far before it (about a
# page): further on, a document's closing remarks use it for any such body.
MAX_ALIAS_DISTANCE = 1000
_DELIMS = set("，,。；;：:、！!？?“”\"‘’'《》〈〉【】[]（）() \t\u3000·•…—-/\\|+*=<>~～#&%@^_")
_OPEN = "（("
_CLOSE = "）)"
_HAN = re.compile(r"[\u3400-\u9fff]")
# POS tags (jieba) of words that cannot stand inside a name: verbs, prepositions,
# conjunctions, auxiliaries, pronouns, adverbs, numerals, measure words, time, locality.
_STOP_TAGS = ("v", "p", "c", "u", "r", "d", "m", "q", "f", "y", "e", "o", "uj", "ul")
_PROPER_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "s", "g", "ng", "zg", "eng"}
# jieba's dictionary tags some common words nr (建立健全): a word of several characters
# counts as a proper noun only with one of these tags.
_STRONG_PROPER = {"ns", "nt", "s"}
# Single characters that never start or continue a place name: measure words,
# numerals, prepositions, conjunctions, auxiliaries, pronouns (批, 个, 对, 和, 的, 其).
_SINGLE_STOP_TAGS = ("q", "m", "p", "c", "u", "r", "uj", "ul")


@dataclass(frozen=True)
class _Lexicon:
    head_rx: re.Pattern[str]
    head_kind: dict[str, str]  # head -> strong | weak | government
    not_followed: dict[str, tuple[str, ...]]
    not_preceded: dict[str, tuple[str, ...]]
    needs_named: frozenset[str]
    not_region: frozenset[str]
    not_in_place: frozenset[str]
    extra_regions: frozenset[str]
    fixed: frozenset[str]
    official: dict[str, str]  # short form of a central organ -> its official name
    levels_specific: frozenset[str]
    levels_generic: frozenset[str]
    region_suffixes: tuple[str, ...]
    functions: frozenset[str]
    name_words: frozenset[str]
    stop_words: frozenset[str]
    category: frozenset[str]
    abbreviations: tuple[tuple[str, str], ...]  # longest key first
    bare_level_generic: frozenset[str]
    vocab_rx: re.Pattern[str]  # multi-character words kept whole in a window
    placeholder_rx: re.Pattern[str]
    place_tails: tuple[str, ...]
    bare_county: frozenset[str]
    aliases: dict[str, tuple[str, ...]]
    bare_not_after: tuple[str, ...]
    dept_rx: re.Pattern[str]  # a list of function words sharing 部门
    dept_func_rx: re.Pattern[str]  # one function word
    dept_names: dict[str, dict[str, str]]  # function word -> level -> name
    dept_middles: tuple[str, ...]
    dept_not_after: tuple[str, ...]
    dept_own: tuple[str, ...]
    state_council: tuple[str, ...]
    level_list_rx: re.Pattern[str]  # 市、区人民政府, 市或者区卫生行政部门
    registered: frozenset[str]
    not_region_words: tuple[str, ...]
    body_rx: re.Pattern[str]
    body_verbs: tuple[str, ...]
    body_skip: tuple[str, ...]
    body_generic: frozenset[str]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    organ_unit_rx: re.Pattern[str]  # 国家卫生健康委办公厅: a central organ's office
    single_body_rx: re.Pattern[str]  # 国家级经办机构: a level with one body
    product_words: tuple[str, ...]
    short_places: dict[str, str]  # 兵团 → 新疆生产建设兵团, once the text names it in full
    sibling_rx: re.Pattern[str]  # "、大康医院" after 重庆永川区卧龙医院
    province_kinds_rx: re.Pattern[str]  # 省、自治区、直辖市…: every province's
    issuer_short: dict[str, str]  # 国家局 -> the level word its issuer starts with


def _level_list_rx(d: dict[str, Any], dept: str) -> re.Pattern[str]:
    """市、区人民政府, 市或者区卫生行政部门: levels joined, then a government or ``dept``."""
    level = alternation(d["levels"])
    named = rf"[\u4e00-\u9fff]{{1,{d['named_division_chars']}}}?[区县市]"
    bracketed = alternation([w for w in d["levels"] if w[-1] in _CLOSE])
    levels = rf"(?:{level})(?:(?:{alternation(d['joiners'])})(?:{level}|{named}))+|{bracketed}"
    return re.compile(rf"(?P<levels>{levels})(?:(?:{alternation(d['heads'])})(?P<gov_dept>{dept})?"
                      rf"|(?P<dept>{dept}))")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    d = load_data(DATA_FILE)
    heads = d["heads"]
    kind = {h: k for k in ("weak", "strong", "government", "category") for h in heads[k]}
    organs = load_data("central_organs.yaml")["organs"]
    official = {short: full for full, shorts in organs.items() for short in shorts or []}
    fixed = frozenset(d["fixed_names"]) | frozenset(organs) | frozenset(official)
    head_words = sorted(set(kind) | fixed, key=len, reverse=True)
    functions = frozenset(d["government_functions"])
    name_words = frozenset(str(w) for w in d["name_words"])
    abbreviations = tuple(sorted(d["abbreviations"].items(), key=lambda kv: -len(kv[0])))
    dept = d["departments"]
    dept_names = {w: {"name": b["name"], "prefecture": b.get("prefecture", b["name"]),
                      "province": b.get("province", b["name"]), "country": b.get("national")}
                  for b in dept["bodies"] for w in b["words"]}
    func_alt = "|".join(map(re.escape, sorted(dept_names, key=len, reverse=True)))
    middles = tuple(sorted(dept["middles"], key=len, reverse=True))
    # a list of function words sharing 部门: 卫生行政部门, 编制、发改…等部门
    dept_pattern = rf"(?:{func_alt})(?:[、和及与](?:{func_alt}))*(?:等)?(?:{'|'.join(middles)})?部门"
    body = d["set_up_bodies"]
    bare = d["bare_names"]
    vocab = {w for w in functions | name_words | set(d["abbreviations"]) | set(d["extra_regions"])
             | set(d["category_words"]) | set(d["stop_words"]) if len(w) > 1}
    return _Lexicon(
        head_rx=re.compile("|".join(map(re.escape, head_words))),
        head_kind=kind | {f: "fixed" for f in fixed},
        not_followed={k: tuple(v) for k, v in d["head_not_followed_by"].items()},
        not_preceded={k: tuple(v) for k, v in d["head_not_preceded_by"].items()},
        needs_named=frozenset(d["heads_needing_a_name"]),
        not_region=frozenset(d["not_region_words"]),
        not_in_place=frozenset(d["not_in_place_names"]),
        extra_regions=frozenset(d["extra_regions"]),
        fixed=fixed,
        official=official,
        levels_specific=frozenset(d["levels"]["specific"]),
        levels_generic=frozenset(d["levels"]["generic"]),
        region_suffixes=tuple(sorted(d["region_suffixes"], key=len, reverse=True)),
        functions=functions,
        name_words=name_words,
        stop_words=frozenset(d["stop_words"]),
        category=frozenset(d["category_words"]),
        abbreviations=abbreviations,
        bare_level_generic=frozenset(d["bare_level_generic_heads"]),
        vocab_rx=re.compile("|".join([*d["name_patterns"],
                                      *map(re.escape, sorted(vocab, key=len, reverse=True))])),
        place_tails=tuple(d["place_tails"]),
        placeholder_rx=re.compile("|".join(map(re.escape, d["template_placeholders"]))),
        bare_county=frozenset(bare["county"]),
        aliases={k: tuple(v) for k, v in bare["aliases"].items()},
        bare_not_after=tuple(bare["not_after"]),
        dept_rx=re.compile(dept_pattern),
        dept_func_rx=re.compile(func_alt),
        dept_names=dept_names,
        dept_middles=middles,
        dept_not_after=tuple(dept["not_after"]),
        dept_own=tuple(dept["own_words"]),
        state_council=tuple(dept["state_council"]),
        registered=frozenset(d["registered_heads"]),
        level_list_rx=_level_list_rx(d["level_lists"], dept_pattern),
        not_region_words=tuple(d["not_region_words"]),
        body_rx=re.compile("|".join(map(re.escape, sorted(body["heads"], key=len, reverse=True)))),
        body_verbs=tuple(body["verbs"]),
        body_skip=tuple(body["skip"]),
        body_generic=frozenset(body["generic"]),
        rewrites=tuple((re.compile(a), b) for a, b in d["name_rewrites"]),
        organ_unit_rx=re.compile(
            f"(?P<organ>{'|'.join(map(re.escape, sorted(set(organs) | set(official), key=len, reverse=True)))})"
            f"(?P<unit>{'|'.join(map(re.escape, d['organ_units']))})"),
        issuer_short=dict(d["issuer_short_forms"]),
        single_body_rx=re.compile(
            f"(?:{alternation(d['single_level_bodies']['levels'])})"
            f"(?:{alternation(d['single_level_bodies']['heads'])})"),
        product_words=tuple(d["product_words"]),
        short_places=dict(d["short_place_forms"]),
        sibling_rx=re.compile(
            f"、(?P<name>[\u4e00-\u9fff]{{2,{int(d['list_sibling_max_chars'])}}}?)"
            f"(?P<head>{alternation(d['list_sibling_heads'])})"),
        province_kinds_rx=re.compile(
            f"(?:{alternation(d['province_kinds'])})(?:、(?:{alternation(d['province_kinds'])}))+"),
    )


# --- segmentation (jieba through extractor.segment, loaded once) ---------------------

@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    from .. import segment  # the tag table only; segmentation stays extractor.segment's

    return segment.word_tags()


@dataclass
class _Tok:
    text: str
    start: int  # offsets into the whole text
    end: int
    tag: str
    kind: str = ""  # region | level | place | func | name | category | stop | proper | word


@lru_cache(maxsize=8192)
def _segment(window: str) -> tuple[tuple[str, int, int, str], ...]:
    """Tokens of a short window: the lexicon's multi-character words kept whole (so that
    人力资源和社会保障 is not split at 和), the rest cut by extractor.segment."""
    from .. import segment

    lex = _lexicon()
    tags = _tag_table()
    out: list[tuple[str, int, int, str]] = []
    pos = 0

    def cut(a: int, b: int) -> None:
        for t in segment.tokens(window[a:b]):
            out.append((t.text, a + t.start, a + t.end, tags.get(t.text, "x")))

    for m in lex.vocab_rx.finditer(window):
        cut(pos, m.start())
        out.append((m.group(), m.start(), m.end(), "LEX"))
        pos = m.end()
    cut(pos, len(window))
    return tuple(out)


# --- regions ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _regions_module() -> Any:
    """extractor.regions, or None when the gazetteer cannot be loaded."""
    import importlib

    for first in ("extractor.regions", "extractor.structure"):
        try:
            # extractor.regions and extractor.structure import each other; entering
            # through structure works when entering through regions does not.
            importlib.import_module(first)
            return importlib.import_module("extractor.regions")
        except ImportError:
            continue
    return None


def _lookup(name: str) -> Region | None:
    """The gazetteer's division of that name (a seam for tests)."""
    mod = _regions_module()
    if mod is None:
        return None
    try:
        return mod.lookup(name)
    except Exception:  # noqa: BLE001 - a broken gazetteer must not stop recognition
        return None


def _find_regions(text: str) -> list[tuple[int, int]]:
    mod = _regions_module()
    if mod is None:
        return []
    try:
        return [(s, e) for s, e, _ in mod.find_regions(text)]
    except Exception:  # noqa: BLE001
        return []


def region_chain(region: Region | None,
                 lookup: Callable[[str], Region | None] | None = None) -> list[Region]:
    """``region`` and its enclosing divisions, innermost first (廉江市, 湛江市, 广东省)."""
    lookup = lookup or _lookup
    chain: list[Region] = []
    seen: set[str] = set()
    while region is not None and region.name not in seen and len(chain) < 5:
        chain.append(region)
        seen.add(region.name)
        region = lookup(region.parent) if region.parent else None
    return chain


# --- finding ---------------------------------------------------------------------------

@dataclass
class _Head:
    start: int
    end: int
    text: str
    kind: str


@dataclass
class _Cand:
    start: int
    end: int
    heads: list[_Head]
    toks: list[_Tok] = field(default_factory=list)  # the prefix, left to right
    opt: tuple[int, int] | None = None  # an optional bracketed word: （中心）


def find_institutions(text: str, region: Region | None = None,
                      regions: list[str] | None = None, issuer: str | None = None) -> list[Entity]:
    """INSTITUTION entities in ``text`` (one paragraph a line), in order.

    ``region`` is the document's own division: bare level prefixes (市疾控中心) are
    expanded with it in ``normalized.name``, and bare names of the county's own bodies,
    departments named by function and bodies the plan sets up get it (see the YAML).
    ``regions`` are names of places the caller knows (the document's REGION entities,
    townships the gazetteer lacks): a name may start at any of them. ``issuer`` (the
    issuing body) resolves its own short form (国家局 in a 国家医疗保障局 notice).
    """
    lex = _lexicon()
    # an order's issuer is a body (国务院令第701号): the resolver drops it inside a citation
    titles = sorted(title_spans(text) + [(d.start, d.end) for d in find_doc_numbers(text)
                                         if d.year is not None])
    region_spans = _find_regions(text)
    short = [k for k, full in lex.short_places.items() if full in text]
    for name in [*(regions or []), *short]:
        if name:
            region_spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    chain = region_chain(region)
    law = _is_law(text)
    scope = None if law else _scope(chain)
    out: list[Entity] = []
    prev_end = 0
    for cand in _candidates(text, lex, titles):
        # a name never reaches back into the one found before it (市人民医院|精神卫生中心)
        c = _grow(text, cand, lex, region_spans, prev_end)
        if c is None:
            continue
        if _specific(text, c, lex):
            ent = _entity(text, c, lex, chain, region_spans)
        else:
            ent = _bare(text, c, lex, chain, scope, out)
        if ent is None or _template(text, ent, lex):
            continue
        if law and chain and _level_prefix(ent.normalized["name"], lex):
            continue  # 市和区人民政府 in a city's law: every district's, no one body
        ent = _with_body_head(text, ent, lex)
        prev_end = ent.end
        out.append(ent)
    out = _coordinate(text, out, lex, region_spans, chain)
    out += _departments(text, lex, titles, chain, scope, region_spans)
    out += _level_lists(text, lex, titles, chain)
    out += _siblings(text, out, lex)
    out += _spaced_names(text, region)
    out += [e for e in _organ_units(text, lex) + _issuer_short_forms(text, lex, issuer)
            + _single_bodies(text, lex)
            if not any(a < e.end and e.start < b for a, b in titles)]  # not in a cited title
    out = [_full_place(e, lex, short) for e in out if not text.startswith(lex.product_words, e.end)
           and not lex.province_kinds_rx.match(e.text)]
    if not law:  # 应当设立…指挥部: a duty of every division, not one body
        out += _set_up_bodies(text, lex, titles, chain, region_spans)
    out.sort(key=lambda e: (e.start, -e.end))
    kept: list[Entity] = []
    for e in out:  # a name inside a longer one is part of it
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def _organ_units(text: str, lex: _Lexicon) -> list[Entity]:
    """国家卫生健康委办公厅, 国家疾控局综合司: the office of a central organ."""
    out = []
    for m in lex.organ_unit_rx.finditer(text):
        organ = lex.official.get(m.group("organ"), m.group("organ"))
        out.append(Entity(label=LABEL, text=m.group(0), start=m.start(), end=m.end(),
                          normalized={"name": organ + m.group("unit")}, source="rules"))
    return out


def _siblings(text: str, found: Sequence[Entity], lex: _Lexicon) -> list[Entity]:
    """Short names listed after a full one with the same head: 卧龙医院、大康医院."""
    out = []
    for e in found:
        end = e.end
        while (m := lex.sibling_rx.match(text, end)) and e.text.endswith(m.group("head")):
            name = m.group("name")
            if name.startswith(tuple(lex.category)) or any(c in name for c in "的和及或与等"):
                break
            out.append(Entity(label=LABEL, text=name + m.group("head"), start=m.start("name"),
                              end=m.end(), normalized={"name": name + m.group("head")}, source="rules"))
            end = m.end()
    return out


def _full_place(e: Entity, lex: _Lexicon, short: Sequence[str]) -> Entity:
    """兵团医疗保障局 → 新疆生产建设兵团医疗保障局 in ``normalized.name``."""
    name = e.normalized.get("name") or ""
    for k in short:
        if name.startswith(k) and not name.startswith(lex.short_places[k]):
            return e.model_copy(update={"normalized": {**e.normalized,
                                                      "name": lex.short_places[k] + name[len(k):]}})
    return e


def _single_bodies(text: str, lex: _Lexicon) -> list[Entity]:
    """国家级经办机构: the one body of its level, named as written."""
    return [Entity(label=LABEL, text=m.group(0), start=m.start(), end=m.end(),
                   normalized={"name": m.group(0)}, source="rules")
            for m in lex.single_body_rx.finditer(text)]


def _issuer_short_forms(text: str, lex: _Lexicon, issuer: str | None) -> list[Entity]:
    """"国家局" in a notice of 国家医疗保障局 (or its office) is the issuer."""
    if not issuer:
        return []
    office = lex.organ_unit_rx.search(issuer)  # 国家医疗保障局办公室 issues for 国家医疗保障局
    organ = office.group("organ") if office else issuer
    own = lex.official.get(organ, organ)
    out = []
    for short, level in lex.issuer_short.items():
        if not (own.startswith(level) and own.endswith(short[-1])):
            continue
        for m in re.finditer(re.escape(short), text):
            out.append(Entity(label=LABEL, text=short, start=m.start(), end=m.end(),
                              normalized={"name": own}, source="rules"))
    return out


def _scope(chain: Sequence[Region]) -> str | None:
    """The level of the document's own division when bare names may stand for its bodies:
    "county" or "prefecture"; None for provinces and the country (and laws, see the
    caller), whose words speak of every division."""
    if not chain or chain[0].level not in ("county", "prefecture"):
        return None
    return chain[0].level


def _is_law(text: str) -> bool:
    """Three or more 第X条 lines: a law, whose duties bind every division."""
    return len(_ARTICLE.findall(text, 0, 20000)) >= 3


_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条", re.M)


def _heads(text: str, lex: _Lexicon, titles: Sequence[tuple[int, int]]) -> list[_Head]:
    out = []
    ti = 0
    for m in lex.head_rx.finditer(text):
        while ti < len(titles) and titles[ti][1] <= m.start():
            ti += 1
        if ti < len(titles) and titles[ti][0] <= m.start() < titles[ti][1]:
            continue  # inside a 《title》 or a 文号 (湛府办〔2020〕9号)
        after = text[m.end():m.end() + 4]
        kind = lex.head_kind[m.group()]
        # a whole name (财政部) also obeys its last character's rules (财政部门, 部长)
        stops = lex.not_followed.get(m.group(), ()) + (
            lex.not_followed.get(m.group()[-1], ()) if kind == "fixed" else ())
        if any(after.startswith(x) for x in stops):
            continue
        before = text[max(0, m.start() - 2):m.start()]
        if any(before.endswith(x) for x in lex.not_preceded.get(m.group(), ())):
            continue  # 格局, 厕所, 网站, 部署
        out.append(_Head(m.start(), m.end(), m.group(), kind))
    return out


def _candidates(text: str, lex: _Lexicon, titles: Sequence[tuple[int, int]]) -> list[_Cand]:
    """Runs of heads that make one name (汕头大学 医学院 第一附属 医院)."""
    heads = _heads(text, lex, titles)
    cands: list[_Cand] = []
    i = 0
    while i < len(heads):
        run = [heads[i]]
        j = i + 1
        while j < len(heads) and heads[j].kind != "fixed" and _joins(text, run[-1], heads[j], lex):
            # (a whole central organ's name never continues another name: a signature
            # block that lost its spaces reads 国家卫生计生委国家发展改革委, two organs)
            # A weak or government head after a strong one is a unit of it
            # (市人民医院精神卫生中心, 公立医院党委): the name ends before it.
            if heads[j].kind in ("weak", "government") and any(
                    h.kind == "strong" for h in run):
                break
            run.append(heads[j])
            j += 1
        cands.append(_Cand(run[0].start, run[-1].end, run))
        i = j
    return cands


def _joins(text: str, a: _Head, b: _Head, lex: _Lexicon) -> bool:
    gap = text[a.end:b.start]
    if len(gap) > MAX_GAP or any(c in _DELIMS or c == "\n" for c in gap):
        return False
    if not gap:
        return True
    if b.kind == "government" and a.kind == "government":
        # 人民政府…办公室 joins only over a function word (外事), not 委托郑州市
        return all(_classify(t, lex, []) in ("func", "name") for t in _toks(gap, a.end))
    return all(_classify(t, lex, []) not in ("stop", "category", "region")
               for t in _toks(gap, a.end))


def _toks(window: str, offset: int) -> list[_Tok]:
    return [_Tok(w, offset + s, offset + e, tag) for w, s, e, tag in _segment(window)]


def _classify(t: _Tok, lex: _Lexicon, region_spans: Sequence[tuple[int, int]]) -> str:
    w = t.text
    if w in lex.not_region:
        return "word"  # 居住区, 城区: places, but no divisions
    if w in lex.extra_regions or any(s <= t.start and t.end <= e for s, e in region_spans):
        return "region"
    if w in lex.levels_specific or w in lex.levels_generic:
        return "level"
    if w in lex.stop_words or w.isdigit():
        return "stop"
    if w in lex.category:
        return "category"  # before the suffix test: 城市 is not a city
    if t.tag == "ns" and _region_suffix(w, lex) and w[0] not in lex.stop_words:
        return "region"  # (各乡镇, 外省市: not one division)
    if w in lex.functions:
        return "func"
    if w in lex.name_words or t.tag == "LEX":
        return "name"
    if len(w) > 1 and _level_func(w, lex):
        return "levelfunc"  # 县委, 县府, 省政府
    if not _HAN.search(w) and not w.isascii():
        return "stop"
    if t.tag in _PROPER_TAGS:
        return "proper"
    if len(w) > 1 and t.tag.startswith(_STOP_TAGS):
        return "stop"
    if len(w) == 1:
        if t.tag in _SINGLE_STOP_TAGS:
            return "stop"
        return "proper"  # a rare name falls apart into single characters (隆都, 掇刀)
    return "word"


def _region_suffix(w: str, lex: _Lexicon) -> str | None:
    return next((s for s in lex.region_suffixes if w.endswith(s) and len(w) > len(s)), None)


def _level_func(w: str, lex: _Lexicon) -> bool:
    return w[0] in lex.levels_specific and (
        w[1:] in lex.functions or w[1:] in _lexicon().head_kind)


def _grow(text: str, cand: _Cand, lex: _Lexicon,
          region_spans: Sequence[tuple[int, int]], floor: int = 0) -> _Cand | None:
    """Extend a candidate to the left (whether it is specific is for the caller)."""
    first = cand.heads[0]
    if first.kind == "fixed" and len(cand.heads) == 1:
        cand.toks = []
        state = next((w for w in lex.extra_regions if text.endswith(w, 0, cand.start)), None)
        if state and len(state) > 2:
            cand.start -= len(state)  # 中华人民共和国国务院
        return cand
    line_start = text.rfind("\n", 0, cand.start) + 1
    end = cand.start
    # An optional word in brackets right before the head: 大湖镇（中心）卫生院.
    m = re.search(r"[（(]([\u4e00-\u9fff]{1,4})[）)]$", text[max(line_start, end - 6):end])
    if m and (m.group(1) in lex.name_words or m.group(1) in lex.head_kind):
        cand.opt = (end - len(m.group(0)), end)
        end = cand.opt[0]
    lo = max(line_start, end - MAX_PREFIX, floor)
    win_start = end
    while win_start > lo and text[win_start - 1] not in _DELIMS:
        win_start -= 1
    toks = _toks(text[win_start:end], win_start)
    for t in toks:
        t.kind = _classify(t, lex, region_spans)
    after_list = win_start > 0 and text[win_start - 1] == "、"
    if cand.heads[-1].text in lex.registered:
        for t in toks:  # 国家开发投资集团有限公司: a company's name may hold verbs
            if t.kind == "stop" and len(t.text) > 1 and t.tag.startswith("v"):
                t.kind = "word"
    taken: list[_Tok] = []
    k = len(toks) - 1
    while k >= 0:
        t = toks[k]
        if (taken and taken[0].text.endswith(lex.place_tails) and len(t.text) == 1
                and len(taken[0].text) < 4 and _placeish(t)):
            # 悦城镇: a name character before 城镇 (alone the common noun "towns")
            taken[0] = _Tok(t.text + taken[0].text, t.start, taken[0].end, "ns", "place")
            k -= 1
            continue
        anchored = any(x.kind in ("region", "level", "levelfunc", "place") or (
            x.tag == "ns" and len(x.text) > 1) for x in taken)
        if (t.kind == "level" and t.text in lex.levels_generic and k > 0
                and _placeish(toks[k - 1])):
            # (市, 县, 区 names are the gazetteer's: 约谈区, 现就市 are no places)
            # 莲上镇, 和寮镇: single characters before a level word make a place name
            j = k - 1
            while j >= 0 and _placeish(toks[j]) and t.end - toks[j].start <= 6:
                j -= 1
            if j == 0 and after_list and toks[0].kind == "stop" and len(toks[0].text) == 1:
                j = -1  # a list item cannot open with a conjunction: 、和寮镇 is a name
            place = _Tok(text[toks[j + 1].start:t.end], toks[j + 1].start, t.end, "ns", "place")
            if anchored and taken[0].kind not in ("region", "level", "place"):
                break
            taken.insert(0, place)
            k = j
            continue
        if anchored and t.kind not in ("region", "level"):
            break  # a name starts at its region: nothing but a larger region before it
        if t.kind == "stop":
            if k == 0 and after_list and len(t.text) == 1 and taken:
                t.kind = "proper"  # 、和寮镇卫生院: not the conjunction 和
            else:
                break
        if t.kind in ("category",) and not taken and first.kind == "government":
            break
        taken.insert(0, t)
        k -= 1
    # Words that cannot open a name are shed from its left edge (综合, 公立 stay inside).
    while taken and taken[0].kind in ("word", "name") and not _is_region_word(taken[0]):
        if taken[0].kind == "name" and taken[0].text in lex.functions:
            break
        if taken[0].kind == "name" and any(x.kind in ("proper", "region", "level", "place",
                                                         "levelfunc") for x in taken[1:]):
            taken.pop(0)
            continue
        break
    cand.toks = taken
    if taken:
        cand.start = taken[0].start
    elif cand.opt:
        cand.start = cand.opt[0]
    return cand


def _placeish(t: _Tok) -> bool:
    lex = _lexicon()
    if t.text in lex.levels_specific or t.text in lex.levels_generic:
        return False
    if len(t.text) == 1:
        # jieba's tags on lone characters say little (安铺镇 is 安/v 铺/v): any character
        # but a function one may belong to a township's name
        return t.text not in lex.stop_words and t.text not in lex.not_in_place
    return t.kind == "region" or (t.kind == "proper" and t.tag in _STRONG_PROPER)


def _is_region_word(t: _Tok) -> bool:
    return t.kind in ("region", "place", "level", "levelfunc")


def _specific(text: str, c: _Cand, lex: _Lexicon) -> bool:
    """Whether a grown candidate names one organisation rather than a category."""
    last = c.heads[-1]
    kinds = [t.kind for t in c.toks]
    region = any(k in ("region", "place") for k in kinds)
    level = [t.text for t in c.toks if t.kind == "level"]
    specific_level = any(x in lex.levels_specific for x in level) or "levelfunc" in kinds or (
        c.heads[0].text[:1] in lex.levels_specific and c.heads[0].kind == "government"
        and len(c.heads[0].text) == 2)  # 县委, 市委 as heads
    proper = any(k == "proper" and len(t.text) > 1 and t.tag in _STRONG_PROPER
                 for k, t in zip(kinds, c.toks, strict=True))
    # an unknown name falls apart into single characters (隆都, 掇刀)
    singles = [t for t in c.toks if t.kind == "proper" and len(t.text) == 1]
    proper = proper or (len(singles) >= 2 and sum(t.tag[:1] in "vd" for t in singles) <= 1)
    named = any(t.tag in ("ns", "nt") and len(t.text) > 1 for t in c.toks)
    has_func = "func" in kinds or "levelfunc" in kinds or any(
        h.text in lex.functions or h.text in dict(lex.abbreviations) for h in c.heads) or any(
        _abbrev_func(h.text, lex) for h in c.heads)
    category = "category" in kinds
    if c.heads[0].kind == "fixed" and len(c.heads) == 1:
        return True
    if any(h.kind == "category" for h in c.heads):
        return False  # 中小学: a collective noun
    if not (region or specific_level or proper or last.text in lex.registered):
        return False
    if category:
        return False  # 市公立医院, 县级医院, 普惠性幼儿园
    if last.text in lex.registered and any(
            len(t.text) > 1 and (k in ("proper", "name", "region", "level") or t.tag[:1] == "n")
            for k, t in zip(kinds, c.toks, strict=True)):
        return True  # 国家电网有限公司: a registered name
    strong_proper = proper and not singles
    if any(h.text in lex.needs_named for h in c.heads) and not (region or named or strong_proper):
        return False  # 区内银行, 保安服务公司, 售电公司: a level word or a verb does not name one
    if not (region or proper) and c.start > 0 and text[c.start - 1] == "的":
        return False  # 设区的市人民政府: any city's
    if last.kind == "government":
        if not (region or specific_level or named):
            return False
        if last.text in ("人民政府", "政府", "政协", "人大常委会", "人民代表大会常务委员会",
                         "党委", "县委", "市委", "区委", "省委"):
            return True
        return has_func
    if last.kind == "weak":
        described = any(k in ("name", "func", "proper") for k in kinds)
        only_state = not region and not named and all(t.text == "国家" for t in c.toks
                                                       if t.kind == "level")
        return (region or specific_level or named) and described and not only_state
    if (len(c.heads) == 1 and last.text in lex.bare_level_generic and not region
            and not proper and all(k == "level" for k in kinds)):
        return False  # 市医院, 县医院: any city's hospital
    return True


def _abbrev_func(head: str, lex: _Lexicon) -> bool:
    return any(head.endswith(k) and len(k) > len(head) - 1 for k, _ in lex.abbreviations)


# --- normal form -----------------------------------------------------------------------

def _entity(text: str, c: _Cand, lex: _Lexicon, chain: Sequence[Region],
            region_spans: Sequence[tuple[int, int]]) -> Entity:
    span = text[c.start:c.end]
    name = _normal_name(span, c, lex, chain)
    norm: dict[str, Any] = {"name": name}
    return Entity(label=LABEL, text=span, start=c.start, end=c.end, normalized=norm,
                  source="rules")


def _strip_opt(name: str) -> str:
    return re.sub(r"[（(]([\u4e00-\u9fff]{1,4})[）)]", r"\1", name)


def _normal_name(span: str, c: _Cand | None, lex: _Lexicon, chain: Sequence[Region]) -> str:
    name = _strip_opt(span)
    if name in lex.official:
        return lex.official[name]
    name = _expand_abbreviation(name, lex)
    return _rewrite(_expand_level(name, lex, chain), lex)


def _rewrite(name: str, lex: _Lexicon) -> str:
    for rx, repl in lex.rewrites:
        name = rx.sub(repl, name, count=1)
    return name


def _expand_abbreviation(name: str, lex: _Lexicon) -> str:
    for short, full in lex.abbreviations:
        if name.endswith(short) and not name.endswith(full):
            return name[: -len(short)] + full
    return name


def _expand_level(name: str, lex: _Lexicon, chain: Sequence[Region]) -> str:
    """县人民医院 → 连平县人民医院 when the document's region chain has a …县 (自治县人民政府
    → 秀山土家族苗族自治县人民政府)."""
    level = _level_prefix(name, lex)
    for r in chain if level else ():
        if r.name.endswith(level) and len(r.name) > len(level):
            return r.name + name[len(level):]
    return name


def _level_prefix(name: str, lex: _Lexicon) -> str:
    """The level word a name opens with (县, 自治县), "" for none."""
    if name.startswith(("国家", "中央")) or name[1:2] in ("域", "级"):
        return ""  # 县域医共体…: the county's area, not a level prefix
    if name.startswith(("自治区", "自治州", "自治县")):
        return name[:3]
    return name[:1] if name[:1] in lex.levels_specific else ""


# --- coordinated lists ---------------------------------------------------------------------

def _coordinate(text: str, ents: list[Entity], lex: _Lexicon,
                region_spans: Sequence[tuple[int, int]], chain: Sequence[Region]) -> list[Entity]:
    """Join 元善、溪山…大湖镇（中心）卫生院 into one entity with members."""
    out: list[Entity] = []
    for e in ents:
        joined = _members(text, e, lex, region_spans, chain)
        out.append(joined or e)
    return out


def _members(text: str, e: Entity, lex: _Lexicon, region_spans: Sequence[tuple[int, int]],
             chain: Sequence[Region]) -> Entity | None:
    if e.start == 0 or text[e.start - 1] != "、":
        return None
    toks = _toks(text[e.start:e.end], e.start)
    for t in toks:
        t.kind = _classify(t, lex, region_spans)
    # the last member's place: a region token (遂溪县) or a place made of a name and a
    # level word (大湖镇)
    place_end = None
    if toks and toks[0].kind == "region" and _region_suffix(toks[0].text, lex):
        place_end = toks[0].end
    else:
        m = re.match(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道|县|市|区)", text[e.start:e.end])
        if m and not lex.head_rx.match(text, e.start + m.end() - 1):
            place_end = e.start + m.end()
    if place_end is None:
        return None
    place = text[e.start:place_end]
    suffix = _region_suffix(place, lex) or ""
    tail = text[place_end:e.end]
    conj: list[tuple[int, int]] = []
    pos = e.start - 1  # at a 、
    line_start = text.rfind("\n", 0, e.start) + 1
    while pos > line_start and text[pos] == "、":
        s = pos
        while s > line_start and text[s - 1] not in _DELIMS:
            s -= 1
        seg = text[s:pos]
        if not seg or len(seg) > 12:
            break
        if lex.head_rx.search(seg):
            # "国家医保局确定北京市、天津市…医疗保障局": the first item is the division
            # that ends the segment, after the name of its own
            first = next((a for a, b in region_spans if b == pos and s < a), None)
            if first is not None and not lex.head_rx.search(text, first, pos) \
                    and suffix not in lex.levels_generic:
                conj.insert(0, (first, pos))
            break  # a complete name of its own
        seg_start = _conjunct_start(text, s, pos, lex, region_spans)
        if seg_start is None:
            break
        if suffix not in lex.levels_generic and not any(
                a <= seg_start and pos <= b for a, b in region_spans):
            break  # after 遂溪县 only divisions (吴川市) make list items, not 地方性法规
        conj.insert(0, (seg_start, pos))
        if seg_start > s:
            break  # the list began inside this segment (由元善)
        pos = s - 1
    if not conj:
        return None
    opt = re.search(r"[（(]([\u4e00-\u9fff]{1,4})[）)]", tail)
    plain_tail = tail.replace(opt.group(0), "") if opt else tail
    members = []
    for cs, ce in conj:
        c = text[cs:ce]
        full = c + plain_tail if _region_suffix(c, lex) else c + suffix + plain_tail
        members.append(_normal_name(full, None, lex, chain))
    members.append(_normal_name(text[e.start:e.end], None, lex, chain))
    norm: dict[str, Any] = {"name": text[conj[0][0]:e.end], "members": members}
    if opt:
        norm["optional_head_word"] = opt.group(1)
    return Entity(label=LABEL, text=text[conj[0][0]:e.end], start=conj[0][0], end=e.end,
                  normalized=norm, source="rules")


def _conjunct_start(text: str, s: int, e: int, lex: _Lexicon,
                    region_spans: Sequence[tuple[int, int]]) -> int | None:
    """Start of a list item (元善, 吴川市) in text[s:e], or None if it is not one.

    An item between two 、 is taken whole when it is a short run of characters that is
    no function, category or level word (三角 is a town, whatever its tag); the first
    item is trimmed from the left like a name (院务成员由元善 → 元善)."""
    seg = text[s:e]
    if not re.fullmatch(r"[\u4e00-\u9fff]{1,6}", seg) or seg in lex.functions or (
            seg in lex.category or seg in lex.levels_specific or seg in lex.levels_generic
            or seg in lex.name_words or seg in lex.stop_words):
        start = _item_start(seg, s, e, lex, region_spans, ("v", "p", "c", "r", "d"), 1)
        return start if e - start in range(1, 7) and start > s else None
    if s > 0 and text[s - 1] == "、":
        return s
    # the first item: trim words before it (由, 院务成员由)
    start = _item_start(seg, s, e, lex, region_spans, ("v", "p", "c", "r"), 2)
    return start if start < e else None


def _item_start(seg: str, s: int, e: int, lex: _Lexicon,
                region_spans: Sequence[tuple[int, int]], cut_tags: tuple[str, ...],
                cut_len: int) -> int:
    """Where a list item ending at ``e`` begins in ``seg`` (= text[s:e]): tokens are taken
    from the right up to a stop, category, function, level or name word, or a plain word
    of ``cut_len`` characters or more whose tag starts with one of ``cut_tags``."""
    toks = _toks(seg, s)
    for t in toks:
        t.kind = _classify(t, lex, region_spans)
    start = e
    for t in reversed(toks):
        if len(t.text) == 1 and t.kind == "stop" and t.text not in lex.stop_words:
            t.kind = "proper"  # 元 in 元善: a tag does not make a single character a word
        if t.kind in ("stop", "category", "func", "levelfunc", "level", "name") or (
                len(t.text) >= cut_len and t.kind == "word" and t.tag.startswith(cut_tags)):
            break
        start = t.start
    return start


# --- bare names, departments, bodies set up ------------------------------------------------

def _template(text: str, e: Entity, lex: _Lexicon) -> bool:
    """A template name (连平县医共体总医院XX镇分院, XX县医共体) holds, follows or runs on
    into a placeholder."""
    return bool(lex.placeholder_rx.search(text, max(0, e.start - 2), e.end)
                or lex.placeholder_rx.match(text, e.end))


def _bare(text: str, c: _Cand, lex: _Lexicon, chain: Sequence[Region], scope: str | None,
          found: Sequence[Entity]) -> Entity | None:
    """A bare name that certainly means one body (institutions.yaml ``bare_names``)."""
    span = text[c.start:c.end]
    # 医保局, 卫健委 alone: the bureau of the document's own county or prefecture
    bureau = scope is not None and len(span) > 2 and span[-1] in "局委" and (
        span[:-1] in lex.functions)
    if c.opt or not (span in lex.aliases or span in lex.bare_county or bureau):
        return None
    if text[max(0, c.start - 4):c.start].endswith(lex.bare_not_after):
        return None  # 二级以上人民医院, 各中医院: a category
    tail = re.match(r"[^，,。；;：:\n]*?等(\S{0,3})", text[c.end:c.end + 30])
    if tail and tail.group(1).startswith(tuple(lex.category)):
        return None  # 中医医院、人民医院等县级公立医院: kinds of hospital
    prev = found[-1] if found and "members" not in found[-1].normalized else None
    name = None
    if prev and prev.end == c.start - 1 and text[prev.end] in _OPEN and text.startswith(
            tuple(_CLOSE), c.end):
        name = prev.normalized["name"]  # 区第二人民医院(医共体总院): an alias in brackets
    elif span in lex.aliases:
        ends = lex.aliases[span]
        name = next((e.normalized["name"] for e in reversed(found)
                     if c.start - e.end <= MAX_ALIAS_DISTANCE and "members" not in e.normalized
                     and (e.text.endswith(ends) or e.normalized["name"].endswith(ends))), None)
    elif bureau:
        name = chain[0].name + _normal_name(span, None, lex, [])
    else:
        place = None
        if prev and prev.end == c.start - 1 and text[c.start - 1] in "和与及、":
            place = _leading_division(prev.normalized["name"])
        if place is None and scope == "county":
            place = chain[0].name
        if place:
            name = place + _normal_name(span, None, lex, [])
    if name is None:
        return None
    return Entity(label=LABEL, text=span, start=c.start, end=c.end,
                  normalized={"name": name}, source="rules")


def _with_body_head(text: str, e: Entity, lex: _Lexicon) -> Entity:
    """A name that a set-up body's head follows is that body's (连平县县域医共体总医院领导小组,
    县医共体管理委员会办公室): the longest name as written."""
    m = lex.body_rx.match(text, e.end)
    if m is None or "members" in e.normalized or text[m.end():m.end() + 2].startswith(
            lex.not_followed.get(m.group(), ())):
        return e
    return Entity(label=LABEL, text=text[e.start:m.end()], start=e.start, end=m.end(),
                  normalized={"name": e.normalized["name"] + m.group()}, source="rules")


def _leading_division(name: str) -> str | None:
    """The division a name starts with (钟祥市 in 钟祥市人民医院), if the gazetteer has it."""
    m = re.match(r"\S{1,8}?(?:自治州|自治县|自治区|省|市|县|区|州|旗)", name)
    return m.group() if m and _lookup(m.group()) is not None else None


def _departments(text: str, lex: _Lexicon, titles: Sequence[tuple[int, int]],
                 chain: Sequence[Region], scope: str | None,
                 region_spans: Sequence[tuple[int, int]]) -> list[Entity]:
    """Departments named by function: 县医保部门, 财政部门, 编制、发改…等部门."""
    out: list[Entity] = []
    region_at = {b: a for a, b in region_spans if b - a > 1}  # by end
    for m in lex.dept_rx.finditer(text):
        s, e = m.span()
        if _inside(s, titles):
            continue
        if s > 0 and text[s - 1] == "、" and not _ends_with_head(text, s - 1, lex):
            continue  # 教育、网络、财政等部门: the list starts at an item we cannot name
        prefix, division = _dept_prefix(text, s, lex, chain, scope, region_spans, region_at)
        if division is None:
            continue
        middle = any(m.group().endswith(x + "部门") for x in lex.dept_middles)
        if middle and not prefix:
            continue  # 卫生健康主管部门 alone: a legal category
        funcs = lex.dept_func_rx.findall(m.group())
        members = [n for f in funcs if (n := _dept_name(f, division, lex))]
        if not members:
            continue  # a central department we cannot name
        start = s - len(prefix)
        norm: dict[str, Any] = {"name": members[0]} if len(members) == 1 else {
            "name": text[start:e], "members": members}
        out.append(Entity(label=LABEL, text=text[start:e], start=start, end=e,
                          normalized=norm, source="rules"))
    return out


_SPACED = re.compile(r"(?m)^[ \t\u3000]*((?:[\u4e00-\u9fff][ \u3000]+){2,}[\u4e00-\u9fff])[ \t\u3000]*$")


def _spaced_names(text: str, region: Region | None) -> list[Entity]:
    """A signature line set with letter spacing ("国 家 能 源 局"): the name it spells."""
    out: list[Entity] = []
    for m in _SPACED.finditer(text):
        name = re.sub(r"[ \u3000]+", "", m.group(1))
        found = find_institutions(name, region)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
            out.append(Entity(label=LABEL, text=m.group(1), start=m.start(1), end=m.end(1),
                              normalized=found[0].normalized, source="rules"))
    return out


def _level_lists(text: str, lex: _Lexicon, titles: Sequence[tuple[int, int]],
                 chain: Sequence[Region]) -> list[Entity]:
    """Governments or departments of several levels at once: 市、区人民政府 (one entity; its
    member is the document's own division's body, the other levels are every district's)."""
    out: list[Entity] = []
    for m in lex.level_list_rx.finditer(text):
        s, e = m.span()
        before = text[max(0, s - 4):s]
        if _inside(s, titles) or before.endswith(lex.dept_not_after) or any(
                text[max(0, s - len(w) + 1):s + 1] == w for w in lex.not_region_words):
            continue  # 各县(区)政府; 城市、区 is no level list
        own = next((r for r in chain if r.name.endswith(m.group("levels")[0])
                    and len(r.name) > 1), None)
        dept = m.group("gov_dept") or m.group("dept") or ""
        members: list[str] = []
        if own is not None:
            funcs = lex.dept_func_rx.findall(dept)
            members = [_dept_name(f, own, lex) for f in funcs] or [own.name + "人民政府"]
        norm: dict[str, Any] = {"name": m.group(0)}
        if members:
            norm["members"] = members
        out.append(Entity(label=LABEL, text=m.group(0), start=s, end=e, normalized=norm,
                          source="rules"))
    return out


def _ends_with_head(text: str, end: int, lex: _Lexicon) -> bool:
    """Whether the list item before ``end`` is a complete name (县府办 in 县府办、编制…)."""
    start = end
    while start > 0 and text[start - 1] not in _DELIMS and end - start < MAX_PREFIX:
        start -= 1
    return any(m.end() == end for m in lex.head_rx.finditer(text, start, end))


def _dept_prefix(text: str, s: int, lex: _Lexicon, chain: Sequence[Region], scope: str | None,
                 region_spans: Sequence[tuple[int, int]],
                 region_at: dict[int, int]) -> tuple[str, Region | None]:
    """The place or level word before a department (kept in its span) and its division,
    None when it is not certain which one."""
    before = text[max(0, s - 4):s]
    central = next((w for w in lex.state_council if before.endswith(w)), None)
    if central:  # 国务院卫生主管部门, 国家医疗保障行政部门: the ministry
        return central, _COUNTRY
    for w in lex.dept_own:
        if before.endswith(w):
            return "", (chain[0] if chain and chain[0].level != "country" else None)
    if before.endswith(lex.dept_not_after):
        return "", None  # 各级财政部门, 其他相关部门
    if s in region_at:
        return text[region_at[s]:s], _lookup(text[region_at[s]:s])  # 连平县财政部门
    lvl = text[s - 1:s]
    if lvl and lvl in lex.levels_specific:
        toks = _toks(text[max(0, s - 6):s], max(0, s - 6))
        if toks and toks[-1].text == lvl and not (
                len(toks) > 1 and toks[-2].text.endswith(lex.dept_not_after)):
            # 县医保部门 (not 城市, 全县, 县级以上): the level's division on the chain; in a
            # city's text 区/县 departments are every district's, not one body
            return lvl, next((r for r in chain if r.name.endswith(lvl) and len(r.name) > 1),
                             None)
        return "", None
    if s > 0 and _HAN.match(text[s - 1]):
        toks = _toks(text[max(0, s - 6):s], max(0, s - 6))
        if toks and _classify(toks[-1], lex, region_spans) != "stop":
            return "", None  # 健康教育部门, 公共卫生部门: another word's tail
    return "", (chain[0] if scope else None)


_COUNTRY = Region(name="中华人民共和国", level="country")


def _dept_name(func: str, division: Region, lex: _Lexicon) -> str | None:
    names = lex.dept_names[func]
    level = division.level
    if level == "country":
        return names["country"]
    if level == "province" and division.name.endswith("市"):
        level = "prefecture"  # 北京市财政局: municipalities have bureaus, not 厅
    template = names[level if level in ("province", "prefecture") else "name"]
    if "{region}" in template:
        return template.replace("{region}", division.name)
    return division.name + template


def _set_up_bodies(text: str, lex: _Lexicon, titles: Sequence[tuple[int, int]],
                   chain: Sequence[Region],
                   region_spans: Sequence[tuple[int, int]]) -> list[Entity]:
    """Bodies a plan sets up (成立县域医共体管理委员会) and every mention of their names."""
    named: dict[str, dict[str, Any]] = {}
    for m in lex.body_rx.finditer(text):
        after = text[m.end():m.end() + 2]
        if _inside(m.start(), titles) or after.startswith(lex.not_followed.get(m.group(), ())):
            continue
        sent = max(text.rfind(x, 0, m.start()) for x in "。；;！？\n") + 1
        seg = text[sent:m.start()]
        verb = max(((seg.rfind(v), v) for v in lex.body_verbs), default=(-1, ""))
        if verb[0] < 0:
            continue
        rest = seg[verb[0] + len(verb[1]):]
        if "由" in rest or "的" in rest:
            if "的" not in rest:
                continue
            rest = rest[rest.rindex("的") + 1:]
        for w in lex.body_skip:
            rest = rest.removeprefix(w)
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,24}", rest) or rest in lex.body_generic:
            continue
        name = rest + m.group()
        if name in named:
            continue
        start = m.start() - len(rest)
        subjects = [text[a:b] for a, b in region_spans if sent <= a and b <= sent + verb[0]]
        named[name] = _body_norm(name, start, subjects, lex, chain, region_spans)
        # later mentions may drop the place: 仁寿县医共体建设领导小组 … 医共体建设领导小组
        place = next((b - a for a, b in region_spans if a == start), 0) or len(
            _level_prefix(name, lex))
        core = name[place:]
        if place and len(core) > len(m.group()) + 1 and core not in named:
            named[core] = named[name]
    out: list[Entity] = []
    for name, norm in named.items():
        for m in re.finditer(re.escape(name), text):
            if not _inside(m.start(), titles):
                out.append(Entity(label=LABEL, text=name, start=m.start(), end=m.end(),
                                  normalized=dict(norm), source="rules"))
    return out


def _body_norm(name: str, start: int, subjects: list[str], lex: _Lexicon,
               chain: Sequence[Region], region_spans: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """市级…专家组 → 汕头市…专家组; a bare name gets the division that set it up."""
    if any(a == start for a, _ in region_spans):
        return {"name": _normal_name(name, None, lex, chain)}
    m = re.match(r"([省市县区州])级", name)
    if m:
        return {"name": _normal_name(m.group(1) + name[2:], None, lex, chain)}
    if name[0] in lex.levels_specific and name[1] not in "域级":
        return {"name": _normal_name(name, None, lex, chain)}  # 县医共体管理委员会
    if len(subjects) > 1:
        return {"name": name, "members": [r + name for r in subjects]}
    if subjects:
        return {"name": subjects[-1] + name}
    if chain and chain[0].level != "country":
        return {"name": chain[0].name + name}
    return {"name": name}


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def find_in_doc(text: str, ctx: DocContext) -> list[Entity]:
    """The spaCy component's entry point (``policyx_institutions``)."""
    return find_institutions(text, region=ctx.region, issuer=ctx.issuer)
