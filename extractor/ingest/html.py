"""Web pages of government portals: the article's text, its title and its 落款.

The article container is found by where the prose is, not by a list of CMS class
names: every line of the page is weighed by its Chinese running text (links and
furniture weigh nothing), and the container is the deepest element that still holds
nearly all of that weight. Every line inside it is kept (a score that drops a
paragraph is worse than a kept share bar: see FIELD_NOTES); the issuer and date lines
that CMSs often place just after the container are added, and the title goes first.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import lxml.html
from lxml import etree

from .. import boilerplate
from .base import Block, IngestOptions, RawDocument
from .txt import decode

# The container is the deepest element holding this share of the page's prose weight;
# the rest is sidebars, teasers and footers.
CONTAINER_SHARE = 0.9
# ... or this share when it ends with the document's 落款, nothing weighs before it and
# what weighs after it is a note, not an attachment (at most this many characters).
SIGNED_CONTAINER_SHARE = 0.75
SIGNED_TAIL_MAX_CJK = 80
# A line weighs its Chinese characters when it has at least this many, outside links,
# and reads as running text (titles, menus and headings have no clause punctuation).
PROSE_MIN_CJK = 12
# Without running text, lines of this many Chinese characters locate the article.
COVER_MIN_CJK = 8
# Page parts marked as furniture (footer, nav...) holding less than this share of the
# weight do not count in it: a footer address line must not pull the container up.
FURNITURE_MAX_SHARE = 0.3
# How far after the container a 落款 may stand, in lines and in levels up the tree.
SIGNATURE_MAX_LINES = 6
SIGNATURE_MAX_LEVELS = 3
# A heading is the title when it and the <title> overlap this much (a site logo does not).
TITLE_MIN_OVERLAP = 0.6

_SKIP = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "map", "audio", "video", "input", "select", "option", "button", "textarea", "head",
    "title", "meta", "link",
})
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
})
# Elements that are one unit of the article (a paragraph, a list, a data table): the
# container is never one of them, since their neighbours (addressee, headings, 落款)
# belong to the article too.
_UNITS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre",
                    "caption", "ul", "ol", "dl", "table", "tbody", "thead"})
# A table row is data (one table_row line) unless a cell reads like a page column.
_CELL_MAX_LINES = 3
_CELL_MAX_CHARS = 500
# Charset labels that name a subset of GB18030 (decoding with the superset loses nothing).
_GB = {"gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80", "euc-cn"}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# CSS drops a line break between two wide characters (segment break transformation).
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_BREAK_BETWEEN_WIDE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")
_CLAUSE = re.compile(r"[，,。；;！!？?、]")
_ATTACHMENT = re.compile(r"附件|\.(?:pdf|docx?|wps|xlsx?|et|ofd|zip|rar)\b", re.I)
# "索引号：… 主题分类：…": two labelled fields or more, as in a page's metadata table.
_FIELD = re.compile(r"(?:^|\s)[\u3400-\u9fff][\u3400-\u9fff\s]{1,8}[:：]")
_FURNITURE_TAGS = frozenset({"nav", "footer", "header", "aside"})
_COLLAPSE = re.compile(r"[ \t\r\n\f]+")
_CLASS_WORDS = re.compile(r"[^a-z0-9]+")
_NOT_NAME = re.compile(r"[，,。；;：:！!？?|>＞《》“”\"]")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|——|\s[-—–]\s|(?<!\d)-(?!\d))\s*")
_TITLE_KEY = re.compile(r"[\W_]+")
_TRAILING_NUMBER = re.compile(r"\s*[(（][^()（）]*号[)）]$")  # "…的通知(发改价格规〔2020〕101号)"


@dataclass
class _Line:
    """One line of the page: a paragraph, a <br>-separated line or a table row."""

    text: str
    kind: str
    holder: etree._Element  # the block element the text belongs to
    link_chars: int = 0

    def weight(self, prose: bool = True) -> int:
        """Chinese running-text characters outside links: what locates the article.

        Pages without running text (cover notes whose body is a list of attachments)
        are located with ``prose=False``: any line of some length, links to files too.
        """
        cjk = len(_CJK.findall(self.text))
        if prose:
            if (cjk < PROSE_MIN_CJK or self.link_chars * 2 > len(self.text)
                    or not _CLAUSE.search(self.text) or _is_field_row(self.text)):
                return 0
        elif cjk < COVER_MIN_CJK or (self.link_chars * 2 > len(self.text)
                                     and not _ATTACHMENT.search(self.text)):
            return 0
        return 0 if boilerplate.is_furniture_line(self.text) else cjk


def _is_field_row(text: str) -> bool:
    return "。" not in text and len(_FIELD.findall(text)) >= 2


def read(path: Path, data: bytes, options: IngestOptions, fmt: str = "html") -> RawDocument:
    """Read a saved web page into the blocks of its article."""
    text, warnings = _decode(data, str(path))
    root = _parse(text)
    if root is None:
        return RawDocument(format="html", blocks=[], warnings=warnings)
    meta = _meta_tags(root)
    body = root.find("body")
    lines = _lines(body if body is not None else root)
    kept = _article_lines(lines)
    # The page's metadata rows stand outside the article; inside, "来源：" is text.
    inside = {id(ln) for ln in kept}
    outside = [ln for ln in lines if id(ln) not in inside]
    meta.update({k: v for k, v in _visible_meta(outside).items() if k not in meta})
    texts = [ln.text for ln in kept]
    drop = boilerplate.find_boilerplate_lines(texts)
    blocks = [Block(ln.text, ln.kind) for i, ln in enumerate(kept) if i not in drop]

    title = _title(root, meta)
    if title:
        meta["title"] = title
        if blocks and not _starts_with(blocks, title):
            blocks.insert(0, Block(title, "heading"))
    return RawDocument(format="html", blocks=blocks, warnings=warnings, meta=meta)


# -- decoding and parsing ---------------------------------------------------------

def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """BOM, then UTF-8 (saved pages are often re-encoded but keep their old meta
    charset), then the declared charset, then detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, name)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii").lower()
        enc = "gb18030" if declared in _GB else declared
        try:
            codecs.lookup(enc)
            return data.decode(enc), []
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: let detection decide
    return decode(data, name)


def _parse(text: str) -> etree._Element | None:
    # lxml refuses str input that declares its own encoding.
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        # huge_tree: without it libxml2 silently drops text nested deeper than 255
        # elements. One parser per call: lxml parsers are not to be shared by threads.
        parser = lxml.html.HTMLParser(huge_tree=True)
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None


# -- lines ------------------------------------------------------------------------

def _lines(root: etree._Element) -> list[_Line]:
    """Every line of text under ``root``, in document order.

    Walks with an explicit stack: broken pages nest unclosed tags thousands deep.
    """
    out: list[_Line] = []
    buf: list[str] = []
    link = [0]

    def flush(holder: etree._Element, kind: str) -> None:
        text = _normalise("".join(buf))
        if text:
            out.append(_Line(text, kind, holder, link[0]))
        buf.clear()
        link[0] = 0

    # (what, element or text, holder, kind, inside a link); "open" visits an element,
    # "text" adds text, "break" ends the current line.
    stack: list[tuple[str, object, etree._Element, str, bool]] = [
        ("open", root, root, "paragraph", False)]
    while stack:
        what, item, holder, kind, in_link = stack.pop()
        if what == "text":
            if item:
                buf.append(item)
                if in_link:
                    link[0] += len(item.strip())
            continue
        if what == "break":
            flush(holder, kind)
            continue
        el = item
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP:
            continue  # comments, scripts: their tail was scheduled by the parent
        if tag == "br":
            flush(holder, kind)
            continue
        if tag == "tr":
            row = _data_row(el)
            if row is not None:
                flush(holder, kind)
                if row.strip():
                    links = sum(len(a.text_content().strip()) for a in el.iter("a"))
                    out.append(_Line(row, "table_row", el, links))
                continue
        if tag in _BLOCK:
            flush(holder, kind)
            holder, kind = el, _kind(tag, kind)
        in_link = in_link or tag == "a"
        todo: list[tuple[str, object, etree._Element, str, bool]] = []
        if tag == "pre":
            for i, part in enumerate((el.text or "").split("\n")):
                if i:
                    todo.append(("break", None, holder, kind, in_link))
                todo.append(("text", part, holder, kind, in_link))
        else:
            todo.append(("text", el.text, holder, kind, in_link))
        for child in el:
            todo.append(("open", child, holder, kind, in_link))
            todo.append(("text", child.tail, holder, kind, in_link))
        if tag in _BLOCK:
            todo.append(("break", None, holder, kind, in_link))
        stack.extend(reversed(todo))
    flush(root, "paragraph")
    return out


def _kind(tag: str, inherited: str) -> str:
    if tag in _HEADINGS:
        return "heading"
    if tag == "li":
        return "list_item"
    return inherited if inherited in ("heading", "list_item") else "paragraph"


def _data_row(tr: etree._Element) -> str | None:
    """The row's cells joined by tabs, or None for a layout row (page columns)."""
    if tr.find(".//table") is not None:
        return None
    cells = []
    for c in tr:
        if isinstance(c.tag, str) and c.tag in ("td", "th"):
            lines = [ln.text for ln in _lines(c)]
            if len(lines) > _CELL_MAX_LINES or sum(map(len, lines)) > _CELL_MAX_CHARS:
                return None
            cells.append(" ".join(lines))
    return "\t".join(cells) if any(cells) else ""


def _normalise(text: str) -> str:
    text = _BREAK_BETWEEN_WIDE.sub("", text)
    return _COLLAPSE.sub(" ", text).strip()


# -- the article --------------------------------------------------------------------

def _article_lines(lines: list[_Line]) -> list[_Line]:
    """The lines of the article container, then its 落款 when it stands outside."""
    weights = [ln.weight() for ln in lines]
    if not any(weights):
        weights = [ln.weight(prose=False) for ln in lines]
        if not any(weights):
            return []
    container = _container(lines, weights)
    inside = [i for i, ln in enumerate(lines) if _within(ln.holder, container)]
    start, end = inside[0], inside[-1] + 1
    kept = _drop_furniture_parts(lines[start:end], container)
    return kept + _signature_after(lines, end, container)


def _container(lines: list[_Line], weights: list[int]) -> etree._Element:
    """The deepest element that holds nearly all the weight, never a single unit.

    An element that ends with a 落款 may leave a short note of the site behind it,
    but nothing before it.
    """
    weight: dict[etree._Element, int] = {}
    span: dict[etree._Element, tuple[int, int]] = {}
    for i, (ln, w) in enumerate(zip(lines, weights, strict=True)):
        for el in _self_and_ancestors(ln.holder):
            weight[el] = weight.get(el, 0) + w
            span[el] = (span[el][0], i) if el in span else (i, i)
    before = [0]
    for w in weights:
        before.append(before[-1] + w)  # weight of the lines before each index
    root = lines[0].holder.getroottree().getroot()
    total = weight[root] - _furniture_weight(root, weight) or weight[root]
    node = root
    while True:
        best = max((c for c in node if c in weight), key=lambda c: weight[c], default=None)
        if best is None or span[best][0] == span[best][1] or best.tag in _UNITS:
            return node
        first, last = span[best]
        share = weight[best] / total
        if not (share >= CONTAINER_SHARE or (
                share >= SIGNED_CONTAINER_SHARE and before[first] == 0
                and total - weight[best] <= SIGNED_TAIL_MAX_CJK
                and _ends_with_signature(lines[first:last + 1], weights[first:last + 1]))):
            return node
        node = best


def _ends_with_signature(lines: list[_Line], weights: list[int]) -> bool:
    """A 落款 date after the last line of running text."""
    last_prose = max(i for i, w in enumerate(weights) if w) if any(weights) else -1
    return any(_is_signature_date(ln.text) for ln in lines[last_prose + 1:])


def _furniture_weight(root: etree._Element, weight: dict[etree._Element, int]) -> int:
    """Weight in small page parts that say they are furniture (footer, nav, share)."""
    hints = boilerplate.lexicon().html_furniture_hints
    small = FURNITURE_MAX_SHARE * weight[root]
    found = 0
    stack = [root]
    while stack:
        el = stack.pop()
        w = weight.get(el, 0)
        if not w:
            continue
        if el is not root and (el.tag in _FURNITURE_TAGS or _class_words(el) & hints):
            if w < small:
                found += w
                continue
        stack.extend(c for c in el if isinstance(c.tag, str))
    return found


def _class_words(el: etree._Element) -> set[str]:
    return set(_CLASS_WORDS.split(f"{el.get('class', '')} {el.get('id', '')}".lower()))


def _self_and_ancestors(el: etree._Element):
    while el is not None:
        yield el
        el = el.getparent()


def _within(el: etree._Element, ancestor: etree._Element) -> bool:
    return any(a is ancestor for a in _self_and_ancestors(el))


def _drop_furniture_parts(lines: list[_Line], container: etree._Element) -> list[_Line]:
    """Drop share bars, print buttons and the like inside the container: parts whose
    class or id says furniture and that hold no document text (a 落款 date, or a line
    of some length that is neither a link nor furniture)."""
    hints = boilerplate.lexicon().html_furniture_hints
    flagged = [el for el in container.iter()
               if el is not container and isinstance(el.tag, str) and _class_words(el) & hints]
    dropped = []
    for el in flagged:
        own = [ln for ln in lines if _within(ln.holder, el)]
        if not any(_is_document_text(ln) for ln in own):
            dropped.append(el)
    return [ln for ln in lines if not any(_within(ln.holder, el) for el in dropped)]


def _is_document_text(ln: _Line) -> bool:
    if _is_signature_date(ln.text):
        return True
    return (len(_CJK.findall(ln.text)) >= COVER_MIN_CJK and ln.link_chars * 2 <= len(ln.text)
            and not boilerplate.is_furniture_line(ln.text))


def _signature_after(lines: list[_Line], end: int, container: etree._Element) -> list[_Line]:
    """Issuer and date lines right after the container, in the same article wrapper."""
    wrapper = container
    for _ in range(SIGNATURE_MAX_LEVELS):
        if wrapper.getparent() is None:
            break
        wrapper = wrapper.getparent()
    run: list[_Line] = []
    for ln in lines[end:end + SIGNATURE_MAX_LINES]:
        if not _within(ln.holder, wrapper) or ln.link_chars:
            break
        if not (_is_name(ln.text) or _is_signature_date(ln.text)):
            break
        run.append(ln)
    while run and not _is_signature_date(run[-1].text):
        run.pop()
    return run


def _is_signature_date(text: str) -> bool:
    m = boilerplate.SIGNATURE_DATE.search(text)
    return bool(m) and (m.start() == 0 or _is_name(text[:m.start()]))


def _is_name(text: str) -> bool:
    """An issuer line: short Chinese words without sentence punctuation."""
    text = text.strip()
    if not 2 <= len(text) <= 40 or _NOT_NAME.search(text):
        return False
    if boilerplate.is_furniture_line(text):
        return False
    return len(_CJK.findall(text)) >= 0.6 * len(text.replace(" ", ""))


# -- title and metadata -----------------------------------------------------------

def _meta_tags(root: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip()
        content = (m.get("content") or "").strip()
        if name and content:
            by_name.setdefault(name.lower(), content)
    lex = boilerplate.lexicon()
    for tag in lex.meta_tags:
        if tag.lower() in by_name:
            meta[tag] = by_name[tag.lower()]
    for tag in lex.pubdate_tags:
        if tag.lower() in by_name:
            meta["pubdate"] = by_name[tag.lower()]
            break
    if "ContentSource" in meta:
        meta["source"] = meta["ContentSource"]
    if "SiteName" in meta:
        meta["site_name"] = meta["SiteName"]
    title = root.find(".//title")
    if title is not None and _normalise(title.text_content()):
        meta["page_title"] = _normalise(title.text_content())
    return meta


def _visible_meta(lines: list[_Line]) -> dict[str, str]:
    """Metadata rows shown on the page: "发布时间：2020/02/05", "来源：价格司"."""
    fields = boilerplate.lexicon().page_fields
    label_rx = _label_regex(tuple(fields))
    found: dict[str, str] = {}
    for ln in lines:
        if len(ln.text) > 200:
            continue
        text = ln.text.replace("\t", " ")
        marks = list(label_rx.finditer(text))
        for i, m in enumerate(marks):
            stop = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            # the value ends at a wide gap, the next field or tool of the bar ("【字体")
            value = _FIELD.split(text[m.end():stop])[0]
            value = re.split(r"\s{2,}|【|\[|\|", value)[0].strip(" (（")
            value = _balance(value)
            key = fields[re.sub(r"\s", "", m.group(1))]
            if value and len(value) <= 60 and key not in found:
                found[key] = value
    return found


@lru_cache(maxsize=4)
def _label_regex(labels: tuple[str, ...]) -> re.Pattern[str]:
    # Labels may be spaced out to align a table ("索  引  号："): \s* between characters.
    spaced = (r"\s*".join(map(re.escape, label)) for label in sorted(labels, key=len, reverse=True))
    return re.compile("(" + "|".join(spaced) + r")\s*[:：]\s*")


def _balance(value: str) -> str:
    """Drop a closing bracket whose opening one stayed outside the value."""
    for left, right in ("()", "（）"):
        if value.endswith(right) and value.count(left) < value.count(right):
            value = value[:-1].rstrip()
    return value


def _title(root: etree._Element, meta: dict[str, str]) -> str:
    """ArticleTitle meta, else the heading that matches the <title>, else the <title>
    without the site's name."""
    if meta.get("ArticleTitle"):
        return _normalise(meta["ArticleTitle"])
    page = _page_title(meta.get("page_title", ""), meta.get("SiteName", ""))
    pkey = _TITLE_KEY.sub("", page)
    best, best_score = "", TITLE_MIN_OVERLAP
    for el in root.iter("h1", "h2", "h3"):
        text = _normalise(el.text_content())
        key = _TITLE_KEY.sub("", text)
        if not 4 <= len(text) <= 120:
            continue
        if not pkey:
            return text if el.tag == "h1" else ""  # nothing to check the heading against
        # A heading inside the <title> or around it, not a site logo sharing a word.
        if key in pkey or pkey in key:
            score = min(len(key), len(pkey)) / max(len(key), len(pkey))
            if score > best_score:
                best, best_score = text, score
    return best or page


def _page_title(title: str, site: str) -> str:
    """``【标题】-国家发展和改革委员会`` -> ``标题``: the first part that is not the site."""
    parts = [p.strip("【】[] ") for p in _TITLE_SEPARATORS.split(title)]
    ending = boilerplate.lexicon().site_name_ending
    parts = [p for p in parts if p and p != site and not ending.search(p)]
    return parts[0] if parts else ""


def _starts_with(blocks: list[Block], title: str) -> bool:
    """Whether the article already opens with its title, perhaps over several lines and
    after its issuer ("国家发展改革委关于印发…"), ending where a line ends."""
    # The page title may carry the 文号 the article puts on a later line: try both.
    keys = {_TITLE_KEY.sub("", t) for t in (title, _TRAILING_NUMBER.sub("", title))} - {""}
    head = ""
    for b in blocks[:6]:
        head += _TITLE_KEY.sub("", b.text)
        if any(head.endswith(k) for k in keys):
            return True
        if len(head) > max(map(len, keys), default=0) + 40:
            return False
    return False
