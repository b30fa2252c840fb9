"""DOCX (Word 2007+) into blocks: body paragraphs and table rows, in document order.

python-docx opens the package; the body XML is walked here, because python-docx's
``paragraph.text`` leaves out automatic numbering, text boxes and content controls.

What the reader keeps, as Word shows the document:

* paragraphs with their automatic numbering rendered (:mod:`.numbering`); headings
  (style "heading N"/"标题 N"/"Title", or an outline level) are ``heading`` blocks,
  numbered paragraphs ``list_item`` blocks; empty paragraphs are dropped;
* a table row as one ``table_row`` block, cells joined by a tab; a merged cell once
  (a vertically merged continuation is an empty cell); the paragraphs of a cell joined
  by a space; the rows of a nested table follow the row that holds them;
* text boxes and content controls (after the paragraph that anchors them); field
  results (not field codes); inserted revisions.

Left out: page headers and footers, footnotes, comments, deleted revisions, hidden
text and a content control's placeholder prompt.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.package import OpcPackage
from lxml import etree

from ..errors import CorruptFile, FileTooLarge, UnsupportedFormat
from .base import Block, IngestOptions, RawDocument
from .numbering import Label, Numbering, join_label
from .sniff import OLE_MAGIC

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"

# A member that unpacks to more than this many times its packed size is a zip bomb:
# Word's XML packs about 5-20 times, images and fonts about once; DEFLATE tops out near
# 1000 times. Only large members are judged, as a tiny file of spaces packs far better.
MAX_RATIO = 200
RATIO_MIN_BYTES = 16 * 1024 * 1024

# Elements whose content is never on the page (or is read elsewhere).
_SKIP = {W + t for t in (
    "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "sdtPr", "sdtEndPr",
    "del", "moveFrom", "delText", "instrText", "delInstrText", "fldData",
    "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
    "rt",  # ruby (phonetic guide) text above the base text
)}
_HEADING_NAMES = ("heading", "标题", "title")


def read(path: Path, data: bytes, options: IngestOptions, fmt: str = "docx") -> RawDocument:
    """Read DOCX ``data`` (the content of ``path``) into blocks."""
    if data[:8] == OLE_MAGIC:
        from .office import check_not_encrypted

        check_not_encrypted(data, str(path))
        raise CorruptFile("not a DOCX: an OLE compound file (a legacy .doc?)", str(path))
    check_zip(data, options, "DOCX", str(path))
    try:
        package = OpcPackage.open(io.BytesIO(data))
        main = package.main_document_part
        root = main.element
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, zlib.error,
            etree.XMLSyntaxError, PackageNotFoundError, NotImplementedError) as e:
        raise CorruptFile(f"corrupt or truncated DOCX: {_cause(e)}", str(path)) from None
    if root.tag.startswith(STRICT_W):
        raise UnsupportedFormat(
            "DOCX in Strict Open XML is not supported; save it as a standard Word document",
            str(path))
    body = root.find(W + "body")
    if body is None:
        raise CorruptFile("corrupt DOCX: word/document.xml has no body", str(path))

    styles = _Styles(_related_element(main, RT.STYLES))
    numbering = Numbering(_related_element(main, RT.NUMBERING), styles.num_of_style)
    walker = _Walker(styles, numbering)
    blocks = walker.body(body)
    return RawDocument(format=fmt, blocks=blocks, pages=None,
                       warnings=numbering.warnings, meta=_meta(package))


def check_zip(data: bytes, options: IngestOptions, what: str, name: str) -> None:
    """Refuse a zip that is broken or would unpack past ``options.max_unzipped_bytes``.

    Judged on the sizes the zip declares, before anything is unpacked; Python's zipfile
    stops a member at its declared size, so a member cannot lie its way past this.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
        raise CorruptFile(f"corrupt or truncated {what}: {_cause(e)}", name) from None
    total = sum(i.file_size for i in infos)
    if total > options.max_unzipped_bytes:
        raise FileTooLarge(
            f"{what} would unpack to {total:,} bytes, over the limit of "
            f"{options.max_unzipped_bytes:,} (--max-unzipped-bytes)", name)
    for i in infos:
        if i.file_size > RATIO_MIN_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise FileTooLarge(
                f"{what} member {i.filename} would unpack to {i.file_size:,} bytes from "
                f"{i.compress_size:,} ({i.file_size // max(i.compress_size, 1):,} times): "
                f"refused as a zip bomb", name)


def _cause(e: BaseException) -> str:
    text = e.args[0] if isinstance(e, KeyError) and e.args else str(e)
    return str(text) or type(e).__name__


def _related_element(part: Any, reltype: str) -> Any | None:
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


def _meta(package: Any) -> dict[str, str]:
    """Title, author and dates from docProps/core.xml; writing program from app.xml."""
    meta: dict[str, str] = {}
    try:
        # python-docx invents core properties (title "Word Document") for a package
        # without them, as LibreOffice writes DOCX converted from DOC
        core = package.part_related_by(RT.CORE_PROPERTIES).core_properties
        for key, value in (("title", core.title), ("author", core.author),
                           ("created", core.created), ("modified", core.modified)):
            if value:
                meta[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    except (KeyError, ValueError, AttributeError, etree.XMLSyntaxError):
        pass
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            try:
                app = etree.fromstring(part.blob)
            except etree.XMLSyntaxError:
                break
            for child in app:
                local = etree.QName(child).localname
                if local in ("Application", "Pages") and child.text:
                    meta["application" if local == "Application" else "pages_declared"] = child.text
    return meta


def _val(el: Any | None, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(W + tag)
    return None if child is None else child.get(W + "val")


def _digits(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _on(el: Any | None, tag: str) -> bool:
    if el is None:
        return False
    child = el.find(W + tag)
    return child is not None and child.get(W + "val", "true") not in ("0", "false", "off")


class _Styles:
    """Paragraph styles: name, parent, and the numbering and outline level they carry."""

    def __init__(self, root: Any | None) -> None:
        self._styles: dict[str, Any] = {}
        self.default: str | None = None
        self.num_of_style: dict[str, str] = {}
        if root is None:
            return
        for s in root.findall(W + "style"):
            sid = s.get(W + "styleId")
            if sid is None:
                continue
            self._styles[sid] = s
            if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true", "on"):
                self.default = sid
            num = _val(s.find(W + "pPr/" + W + "numPr"), "numId")
            if num is not None:
                self.num_of_style[sid] = num

    def _chain(self, sid: str | None):
        seen = set()
        while sid in self._styles and sid not in seen:
            seen.add(sid)
            yield self._styles[sid]
            sid = _val(self._styles[sid], "basedOn")

    def is_heading(self, sid: str | None) -> bool:
        """Heading by name ("heading 2", "标题 1", "Title") or by an outline level."""
        for s in self._chain(sid):
            name = (_val(s, "name") or "").strip().lower()
            if name.startswith(_HEADING_NAMES) and name.rstrip("0123456789 ") in _HEADING_NAMES:
                return True
            level = _val(s.find(W + "pPr"), "outlineLvl")
            if level is not None:
                return level.isdigit() and int(level) < 9
        return False

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a style gives its paragraphs, each None when not set."""
        num_id = ilvl = None
        for s in self._chain(sid):
            numpr = s.find(W + "pPr/" + W + "numPr")
            if numpr is None:
                continue
            if num_id is None:
                num_id = _val(numpr, "numId")
            if ilvl is None:
                ilvl = _digits(_val(numpr, "ilvl"))
        return num_id, ilvl


class _Walker:
    """Turns body XML into blocks; keeps the field and numbering state across paragraphs."""

    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.fields: list[bool] = []  # one per open complex field: past its separator?

    # -- block level

    def body(self, el: Any) -> list[Block]:
        out: list[Block] = []
        for child in el:
            tag = child.tag
            if tag == W + "p":
                out += self.paragraph(child)
            elif tag == W + "tbl":
                out += self.table(child)
            elif tag == W + "sdt":
                if not self._placeholder(child):
                    content = child.find(W + "sdtContent")
                    if content is not None:
                        out += self.body(content)
            elif tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
                out += self.body(child)
            elif tag == MC + "AlternateContent":
                branch = child.find(MC + "Choice")
                if branch is None:
                    branch = child.find(MC + "Fallback")
                if branch is not None:
                    out += self.body(branch)
        return out

    def paragraph(self, p: Any) -> list[Block]:
        # A field result may run over paragraphs (a table of contents), its instruction
        # never does: a field still in its instruction here is broken, and would hide
        # the rest of the document.
        self.fields = [past for past in self.fields if past]
        parts: list[str] = []
        floats: list[Block] = []
        self.inline(p, parts, floats)
        ppr = p.find(W + "pPr")
        sid = _val(ppr, "pStyle") or self.styles.default
        label = self._label(ppr, sid)
        text = join_label(label, "".join(parts))
        out = []
        if text.strip():
            if self._heading(ppr, sid):
                kind = "heading"
            elif label is not None:
                kind = "list_item"
            else:
                kind = "paragraph"
            out.append(Block(text, kind))
        return out + floats

    def _heading(self, ppr: Any | None, sid: str | None) -> bool:
        level = _val(ppr, "outlineLvl")
        if level is not None:
            return level.isdigit() and int(level) < 9
        return self.styles.is_heading(sid)

    def _label(self, ppr: Any | None, sid: str | None) -> Label | None:
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl = _digits(_val(numpr, "ilvl"))
        if num_id is None:
            num_id, style_ilvl = self.styles.numbering(sid)
            ilvl = style_ilvl if ilvl is None else ilvl
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, sid) if sid else None
        return self.numbering.label(num_id, ilvl or 0)

    def table(self, tbl: Any) -> list[Block]:
        out: list[Block] = []
        for tr in _unwrap(tbl, W + "tr"):
            if tr.find(W + "trPr/" + W + "del") is not None:
                continue
            cells: list[str] = []
            nested: list[Block] = []
            for tc in _unwrap(tr, W + "tc"):
                tcpr = tc.find(W + "tcPr")
                merge = tcpr.find(W + "hMerge") if tcpr is not None else None
                if merge is not None and merge.get(W + "val") != "restart":
                    continue  # legacy horizontal merge: the first cell holds the text
                merge = tcpr.find(W + "vMerge") if tcpr is not None else None
                if merge is not None and merge.get(W + "val") != "restart":
                    cells.append("")  # the cell above holds the text; keep the column
                    continue
                texts = []
                for block in self.body(tc):
                    if block.kind == "table_row":
                        nested.append(block)
                    else:
                        texts.append(" ".join(block.text.split("\n")).replace("\t", " "))
                cells.append(" ".join(t for t in texts if t.strip()))
            if any(c.strip() for c in cells):
                out.append(Block("\t".join(cells), "table_row"))
            out += nested
        return out

    # -- run level

    def inline(self, el: Any, parts: list[str], floats: list[Block]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                if not _on(child.find(W + "rPr"), "vanish"):
                    self.inline(child, parts, floats)
            elif tag == W + "t" or tag == M + "t":
                if self._showing():
                    parts.append(child.text or "")
            elif tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag in (W + "tab", W + "ptab"):
                if self._showing():
                    parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                if self._showing():
                    parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                code = int(child.get(W + "char") or "0", 16)
                # F000-F0FF are glyphs of a symbol font (Wingdings bullets), not text
                if code and not 0xF000 <= code <= 0xF0FF and self._showing():
                    parts.append(chr(code))
            elif tag == W + "sdt":
                if not self._placeholder(child):
                    content = child.find(W + "sdtContent")
                    if content is not None:
                        self.inline(content, parts, floats)
            elif tag == MC + "AlternateContent":
                self._alternate(child, parts, floats)
            elif tag in (W + "drawing", W + "pict", W + "object"):
                floats += self._text_boxes(child)
            else:
                self.inline(child, parts, floats)

    def _showing(self) -> bool:
        """False inside a field's instruction part (between begin and separate)."""
        return all(self.fields)

    def _alternate(self, el: Any, parts: list[str], floats: list[Block]) -> None:
        # Choice and Fallback hold the same content (e.g. a DrawingML and a VML text
        # box): read the first one that yields something.
        for branch in (el.find(MC + "Choice"), el.find(MC + "Fallback")):
            if branch is None:
                continue
            p: list[str] = []
            f: list[Block] = []
            self.inline(branch, p, f)
            if "".join(p).strip() or f:
                parts += p
                floats += f
                return

    def _text_boxes(self, el: Any) -> list[Block]:
        out: list[Block] = []
        for box in el.iter(W + "txbxContent"):
            up = box.getparent()
            while up is not None and up is not el:
                if up.tag in (W + "txbxContent", MC + "Fallback"):
                    break
                up = up.getparent()
            else:
                out += self.body(box)
        return out

    @staticmethod
    def _placeholder(sdt: Any) -> bool:
        """A content control still showing its prompt ("单击此处输入文字")."""
        return sdt.find(W + "sdtPr/" + W + "showingPlcHdr") is not None


def _unwrap(el: Any, tag: str):
    """Children ``tag`` of ``el``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _unwrap(content, tag)
        elif child.tag in (W + "customXml", W + "ins", W + "moveTo"):
            yield from _unwrap(child, tag)
