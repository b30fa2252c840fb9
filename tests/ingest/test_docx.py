"""DOCX: paragraphs and tables in order, automatic numbering written out as on the page.

The documents are written by python-docx (the seeds through tests/fixtures/make_fixtures.py,
small ones here, with the XML Word writes for fields, revisions, text boxes and content
controls), plus the real Word file realdocs/03.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import SEEDS
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fixtures.make_fixtures import build_docx, encrypted_docx_stand_in

from extractor.clean import clean
from extractor.errors import CorruptFile, EncryptedFile, FileTooLarge
from extractor.ingest import IngestOptions, read_bytes, read_file
from extractor.ingest import docx as docx_reader
from extractor.ingest.numbering import Label, format_number, format_table, join_label

# (value, w:numFmt, as Word/LibreOffice write it)
FORMATS = [
    (1, "chineseCounting", "一"),
    (10, "chineseCounting", "十"),
    (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"),
    (21, "chineseCounting", "二十一"),
    (100, "chineseCounting", "一百"),
    (105, "chineseCountingThousand", "一百零五"),
    (3, "ideographTraditional", "丙"),
    (2, "ideographZodiac", "丑"),
    (12, "japaneseCounting", "十二"),
    (5, "decimalEnclosedCircle", "⑤"),
    (5, "decimalEnclosedParen", "⑸"),
    (7, "decimalFullWidth", "７"),
    (28, "upperLetter", "BB"),
    (4, "lowerRoman", "iv"),
    (3, "bullet", ""),
    (3, "none", ""),
]


@pytest.mark.parametrize(("value", "fmt", "expected"), FORMATS)
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def test_every_example_in_the_format_data_file_holds() -> None:
    rows = format_table().formats
    checked = [(fmt, v, str(text)) for fmt, row in rows.items()
               for v, text in row["examples"].items()]
    assert len(checked) > len(rows)
    assert [(fmt, v, format_number(int(v), fmt)) for fmt, v, _ in checked] == checked


def test_an_unknown_format_is_none() -> None:
    assert format_number(3, "hebrew2") is None


@pytest.mark.parametrize(("label", "text", "expected"), [
    (Label("一、"), "总体要求", "一、总体要求"),
    (Label("（十二）"), "推动中医药服务下沉基层", "（十二）推动中医药服务下沉基层"),
    (Label("①", "space"), "完善机制", "①完善机制"),
    (Label("1."), "总则", "1. 总则"),
    (Label("第一章"), "总则", "第一章 总则"),
    (Label("1.", "nothing"), "总则", "1.总则"),
    (Label(""), "项目", "项目"),
])
def test_a_label_joins_its_text_as_typed(label: Label, text: str, expected: str) -> None:
    assert join_label(label, text) == expected


# --------------------------------------------------------------------------- seeds

@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_docx_reads_back_as_the_seed(seed: Path, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    doc = read_file(build_docx(text, tmp_path / "seed.docx"))
    assert doc.format == "docx"
    assert clean(doc.text).text == clean(text).text


def test_numbering_comes_from_numbering_xml_not_from_the_text(numbered_docx: Path) -> None:
    typed = [p.text for p in docx.Document(str(numbered_docx)).paragraphs]
    assert "指导思想" in typed and "一、指导思想" not in typed
    blocks = read_file(numbered_docx).blocks
    heading = next(b for b in blocks if b.text.endswith("指导思想"))
    assert (heading.text, heading.kind) == ("一、指导思想", "heading")
    item = next(b for b in blocks if "力争全市90%的县级医院" in b.text)
    assert item.text.startswith("（一）至2020年底") and item.kind == "list_item"


def test_numbering_restarts_where_the_seed_restarts(numbered_docx: Path) -> None:
    labels = [m.group(0) for b in read_file(numbered_docx).blocks
              if (m := re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", b.text))]
    # 二、 has five items, 三、 skips （三）, 四、 starts again at （一）
    assert labels[:8] == ["一、", "二、", "（一）", "（二）", "（三）", "（四）", "（五）", "三、"]
    after_three = labels[8:labels.index("四、")]
    assert after_three == ["（一）", "（二）", "（四）", "（五）", "（六）", "（七）", "（八）", "（九）"]
    assert labels[labels.index("四、") + 1:] == ["（一）", "（二）", "（三）", "（四）"]


@pytest.mark.slow
def test_numbering_reads_as_libreoffice_renders_it(numbered_docx: Path, libreoffice_text: str) -> None:
    ours = clean(read_file(numbered_docx).text).text
    # LibreOffice puts Word's tab after the label; we write "一、总体要求" as typed
    theirs = re.sub(r"(?m)^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）) ", r"\1",
                    clean(libreoffice_text).text)
    assert ours == theirs


def test_seed_table_rows_and_page_furniture(numbered_docx: Path, numbered_seed: Path,
                                            page_header: str) -> None:
    doc = read_file(numbered_docx)
    rows = [b.text for b in doc.blocks if b.kind == "table_row"]
    assert 2 <= len(rows) <= 4
    seed_lines = [line.strip() for line in numbered_seed.read_text(encoding="utf-8").split("\n")]
    assert all(row in seed_lines for row in rows)
    assert page_header not in doc.text
    assert not any(b.text.strip() in ("— 1 —", "1") for b in doc.blocks)


# --------------------------------------------------------------------------- hand-made XML

_MORE_NS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"')


def _docx(body_xml: str, numbering_xml: str = "", styles_xml: str = "") -> bytes:
    """A python-docx document whose body (and numbering, styles) get ``*_xml`` appended."""
    document = docx.Document()
    body = document.element.body
    for el in parse_xml(f"<w:body {nsdecls('w', 'r')} {_MORE_NS}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, el)  # before the final w:sectPr
    if numbering_xml:
        numbering = document.part.numbering_part.element
        first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
        for el in parse_xml(f"<w:numbering {nsdecls('w')}>{numbering_xml}</w:numbering>"):
            if el.tag.endswith("abstractNum"):
                first_num.addprevious(el)
            else:
                numbering.append(el)
    if styles_xml:
        styles = document.styles.element
        for el in parse_xml(f"<w:styles {nsdecls('w')}>{styles_xml}</w:styles>"):
            styles.append(el)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _read(data: bytes, options: IngestOptions | None = None):
    return docx_reader.read(Path("test.docx"), data, options or IngestOptions())


def _p(text: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        ppr += f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr += (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
                if num else "")
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _abstract(aid: int, levels: list[tuple[str, str]], extra: dict[int, str] | None = None) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'{(extra or {}).get(i, "")}<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    return f'<w:abstractNum w:abstractNumId="{aid}">{lvls}</w:abstractNum>'


def _num(nid: int, aid: int, overrides: dict[int, int] | None = None) -> str:
    over = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                   for k, v in (overrides or {}).items())
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>'


def test_start_override_restarts_once_and_lists_of_one_definition_continue() -> None:
    # As LibreOffice 7.4 renders it: all w:num of a definition share its counters.
    numbering = (_abstract(90, [("decimal", "%1.")])
                 + _num(91, 90) + _num(92, 90) + _num(93, 90, {0: 1}))
    body = "".join(_p(t, (n, 0)) for t, n in
                   [("甲", 91), ("乙", 91), ("丙", 92), ("丁", 93), ("戊", 93), ("己", 91)])
    assert _read(_docx(body, numbering)).text.split("\n") == [
        "1. 甲", "2. 乙", "3. 丙", "1. 丁", "2. 戊", "3. 己"]


def test_level_restart_legal_numbering_and_outer_levels() -> None:
    numbering = (_abstract(80, [("chineseCounting", "%1、"), ("decimal", "(%2)"),
                                ("chineseCounting", "%1.%2.%3")],
                           {1: '<w:lvlRestart w:val="0"/>', 2: "<w:isLgl/>"})
                 + _num(81, 80))
    body = "".join(_p(t, (81, lvl)) for t, lvl in
                   [("甲", 0), ("乙", 1), ("丙", 0), ("丁", 1), ("戊", 2)])
    assert _read(_docx(body, numbering)).text.split("\n") == [
        "一、甲", "(1) 乙", "二、丙", "(2) 丁", "2.2.1 戊"]


def test_a_list_style_link_shares_the_styles_definition_and_counters() -> None:
    # Word's list styles: the definition a paragraph's w:num names only links to a
    # numbering style, whose own w:num holds the levels.
    numbering = ('<w:abstractNum w:abstractNumId="50"><w:numStyleLink w:val="ZhList"/>'
                 '</w:abstractNum>'
                 + _abstract(51, [("chineseCounting", "%1、")]).replace(
                     '<w:lvl ', '<w:styleLink w:val="ZhList"/><w:lvl ', 1)
                 + _num(52, 51) + _num(53, 50))
    styles = ('<w:style w:type="numbering" w:styleId="ZhList"><w:name w:val="zh list"/>'
              '<w:pPr><w:numPr><w:numId w:val="52"/></w:numPr></w:pPr></w:style>')
    body = _p("甲", (53, 0)) + _p("乙", (52, 0)) + _p("丙", (53, 0))
    assert _read(_docx(body, numbering, styles)).text.split("\n") == ["一、甲", "二、乙", "三、丙"]


def test_an_unknown_format_is_written_in_decimal_with_a_warning() -> None:
    numbering = _abstract(60, [("hebrew1", "%1.")]) + _num(61, 60)
    doc = _read(_docx(_p("甲", (61, 0)) + _p("乙", (61, 0)), numbering))
    assert doc.text.split("\n") == ["1. 甲", "2. 乙"]
    assert doc.warnings == ["PX-W07 docx numbering format hebrew1 rendered as decimal"]


def test_numbering_inherited_from_the_paragraph_style() -> None:
    numbering = _abstract(70, [("chineseCounting", "第%1章")]) + _num(71, 70)
    styles = ('<w:style w:type="paragraph" w:styleId="ChapterTitle">'
              '<w:name w:val="Chapter Title"/><w:basedOn w:val="Heading1"/>'
              '<w:pPr><w:numPr><w:numId w:val="71"/></w:numPr></w:pPr></w:style>')
    body = (_p("总则", style="ChapterTitle") + _p("正文") + _p("附则", style="ChapterTitle")
            + '<w:p><w:pPr><w:pStyle w:val="ChapterTitle"/><w:numPr><w:numId w:val="0"/>'
              '</w:numPr></w:pPr><w:r><w:t>附件</w:t></w:r></w:p>')
    blocks = _read(_docx(body, numbering, styles)).blocks
    assert [(b.text, b.kind) for b in blocks] == [
        ("第一章 总则", "heading"), ("正文", "paragraph"),
        ("第二章 附则", "heading"), ("附件", "heading")]


def test_heading_by_style_name_or_outline_level() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Body Heading"/>'
              '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>')
    body = (_p("总体要求", style="2") + _p("基本原则", style="a5") + _p("文件标题", style="Title")
            + '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>工作目标</w:t></w:r></w:p>'
            + '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/></w:pPr>'
              '<w:r><w:t>正文级别</w:t></w:r></w:p>' + _p("正文"))
    assert [b.kind for b in _read(_docx(body, styles_xml=styles)).blocks] == [
        "heading", "heading", "heading", "heading", "paragraph", "paragraph"]


def test_table_rows_merged_and_nested_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("表1 补贴标准")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["机具", "档次", "补贴额（元）"], ["拖拉机", "50马力", "6000"],
                             ["", "100马力", "12000"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # 拖拉机 spans two rows
    title = table.add_row()
    title.cells[0].merge(title.cells[2]).text = "合计"
    nested = table.cell(2, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "中央"
    nested.cell(0, 1).text = "省级"
    document.add_paragraph("表后正文。")
    document.save(tmp_path / "table.docx")
    blocks = read_file(tmp_path / "table.docx").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "表1 补贴标准"),
        ("table_row", "机具\t档次\t补贴额（元）"),
        ("table_row", "拖拉机\t50马力\t6000"),
        ("table_row", "\t100马力\t12000"),
        ("table_row", "中央\t省级"),
        ("table_row", "合计"),
        ("paragraph", "表后正文。"),
    ]


def test_fields_revisions_text_boxes_and_content_controls() -> None:
    text_box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p>'
        '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的话</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    body = (
        # a broken field (no separator, no end) must not hide what follows it
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r></w:p>'
        # a complex field: the displayed date stays, the instruction goes
        '<w:p><w:r><w:t xml:space="preserve">印发日期：</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024年7月1日</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>第3页</w:t></w:r></w:fldSimple></w:p>'
        # tracked changes: deleted text out, inserted text in
        '<w:p><w:r><w:t>补贴比例不超过</w:t></w:r><w:del w:id="1" w:author="a"><w:r>'
        '<w:delText>35%</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r>'
        '<w:t>30%</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>'
        # footnote mark and hidden text are not on the page
        '<w:p><w:r><w:t>见说明</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>'
        f'<w:p><w:r><w:t>正文段落</w:t></w:r>{text_box}</w:p>'
        '<w:sdt><w:sdtPr><w:alias w:val="主送"/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>各市、县人民政府：</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>单击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        '<w:p><w:r><w:t xml:space="preserve">联系人：</w:t></w:r><w:sdt><w:sdtContent><w:r>'
        '<w:t>张三</w:t></w:r></w:sdtContent></w:sdt></w:p>'
    )
    assert _read(_docx(body)).text.split("\n") == [
        "印发日期：2024年7月1日", "第3页", "补贴比例不超过30%。", "见说明",
        "正文段落", "文本框里的话", "各市、县人民政府：", "联系人：张三"]


# --------------------------------------------------------------------------- real file

def test_realdoc_03_word_file(shared: Path) -> None:
    path = shared / "realdocs" / "03_zhongyang_yihao_wenjian_2026.docx"
    doc = read_file(path)
    assert doc.format == "docx"
    assert doc.blocks[0].text == "2026年中央一号文件" and doc.blocks[0].kind == "heading"
    assert doc.meta["application"] == "Microsoft Office Word"
    # every paragraph Word holds, in order: nothing lost, nothing added
    typed = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    assert [b.text for b in doc.blocks] == typed
    assert "（一）稳定发展粮油生产。粮食产量稳定在1.4万亿斤左右。" in doc.text
    assert doc.blocks[-1].text.startswith("我们要更加紧密地团结在以习近平同志为核心的党中央周围")


# --------------------------------------------------------------------------- broken files

def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A 40 MB word/document.xml of spaces, packed into about 40 kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(40):
                member.write(chunk)
    return out.getvalue()


def test_zip_bomb_over_the_unzipped_limit_is_refused(zip_bomb: bytes) -> None:
    with pytest.raises(FileTooLarge, match=r"unpack to 41,943,048 bytes, over the limit of 10,000,000"):
        read_bytes(zip_bomb, "bomb.docx", {"max_unzipped_bytes": 10_000_000})


def test_zip_bomb_under_the_limit_is_refused_by_its_ratio(zip_bomb: bytes) -> None:
    assert len(zip_bomb) < 100_000
    with pytest.raises(FileTooLarge, match="word/document.xml .* refused as a zip bomb"):
        read_bytes(zip_bomb, "bomb.docx")


def test_truncated_docx_is_corrupt(numbered_docx: Path) -> None:
    data = numbered_docx.read_bytes()
    with pytest.raises(CorruptFile, match="corrupt or truncated DOCX"):
        read_bytes(data[: len(data) // 2], "cut.docx")


def test_random_bytes_as_document_xml_is_corrupt() -> None:
    good = zipfile.ZipFile(io.BytesIO(_docx(_p("正文"))))
    members = {name: good.read(name) for name in good.namelist()}
    members["word/document.xml"] = os.urandom(4096)
    with pytest.raises(CorruptFile, match="corrupt or truncated DOCX"):
        read_bytes(_zip(members), "random.docx")


def test_docx_without_document_xml_is_corrupt() -> None:
    good = zipfile.ZipFile(io.BytesIO(_docx(_p("正文"))))
    members = {n: good.read(n) for n in good.namelist() if n != "word/document.xml"}
    with pytest.raises(CorruptFile, match="word/document.xml"):
        _read(_zip(members))


def test_password_protected_docx_is_refused_by_the_docx_reader() -> None:
    # LibreOffice 7.4 cannot write an encrypted DOCX here: the stand-in is an OLE file
    # with the two streams Word writes (EncryptionInfo, EncryptedPackage).
    with pytest.raises(EncryptedFile, match="password-protected"):
        _read(encrypted_docx_stand_in())


def test_password_protected_docx_through_the_dispatcher() -> None:
    with pytest.raises(EncryptedFile):
        read_bytes(encrypted_docx_stand_in(), "加密.docx")


def test_a_pdf_named_docx_is_read_as_pdf(shared: Path, tmp_path: Path) -> None:
    pytest.importorskip("extractor.ingest.pdf")
    target = tmp_path / "通知.docx"
    shutil.copyfile(shared / "realdocs" / "02_hainan_nongji_subsidy_notice_lo-converted.pdf", target)
    assert read_file(target).format == "pdf"
    with pytest.raises(CorruptFile):
        _read(target.read_bytes())
