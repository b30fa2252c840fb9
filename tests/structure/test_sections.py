"""The section tree: numbered headings, levels by marker type, spans."""
import pytest

from extractor.structure import analyse
from extractor.structure.sections import heading_phrase

from . import seed_text


def tree(text):
    return [(s.level, s.number, s.heading) for s in analyse(text).sections]


# (level, number, heading) of the first headings, read off the seeds
SEED_002 = [
    (1, "一、", "指导思想"),
    (1, "二、", "工作目标"),
    (2, "（一）", ""),  # "至2020年底，力争全市90%…": an item, its opening sentence is no heading
    (2, "（二）", ""),
    (2, "（三）", ""),
    (2, "（四）", ""),
    (2, "（五）", ""),
    (1, "三、", "主要工作任务"),
    (2, "（一）", "落实功能定位，加强县域综合医改"),
    (2, "（二）", "加强县域医共体建设，提升县域整合型服务体系的综合服务效能"),
    (2, "（3）", "加强县级医院基础设施建设"),  # mistyped （三）: still a sibling of （二）
    (2, "（四）", "大力提升县级医院医疗技术水平"),
    (3, "1.", "补齐薄弱专科"),
    (3, "2.", "夯实平台专科"),
]

SEED_004 = [
    (1, "一、", "总体要求"),
    (1, "二、", "基本原则"),
    (2, "（一）", "政府主导，统一规划"),
    (2, "（二）", "深度融合，统一管理"),
    (2, "（三）", "以人为本，健康优先"),
    (2, "（四）", "重心下沉，医防协同"),
    (1, "三、", "工作目标"),
    (2, "（一）", "提高县域医疗卫生服务运行效率"),
    (2, "（二）", "提高县域医疗卫生机构服务能力"),
    (2, "（三）", "深化“三医联动”"),
    (2, "（四）", "提升公共卫生服务的能力"),
    (1, "四、", "建设方式"),
    (2, "（一）", "成立县域医共体管理委员会"),
    (2, "（二）", "组建县域医共体"),
    (2, "（三）", "县域医共体管理模式"),
    (3, "1.", "成立连平县县域医共体总医院领导小组"),
    (3, "2.", "制定总院议事决策机制"),
    (3, "3.", "职责分工"),
    (2, "（四）", "医共体运行模式"),
    (3, "1.", "保持“三个不变”"),
]


@pytest.mark.parametrize("seed,expected", [("002", SEED_002), ("004", SEED_004)])
def test_seed_tree(seed, expected):
    assert tree(seed_text(seed))[: len(expected)] == expected


@pytest.mark.parametrize("seed,count,last", [("002", 33, (2, "（四）", "营造良好氛围")),
                                             ("004", 44, (1, "七、", "其他"))])
def test_seed_tree_size(seed, count, last):
    got = tree(seed_text(seed))
    assert (len(got), got[-1]) == (count, last)


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_spans(seed):
    text = seed_text(seed)
    sections = analyse(text).sections
    for i, s in enumerate(sections):
        assert text[s.start:].startswith(s.number) or text[s.start:].startswith("#")
        nxt = next((x.start for x in sections[i + 1:] if x.level <= s.level), len(text))
        assert s.end == nxt
        assert s.start < s.end


CASES = [
    # (text, [(level, number, heading)])
    ("（一）甲工作\n1.乙项\n2.丙项\n（二）丁工作",  # starts at （一）: still nests
     [(1, "（一）", "甲工作"), (2, "1.", "乙项"), (2, "2.", "丙项"), (1, "（二）", "丁工作")]),
    ("1、 开展工程迫在眉睫\n说明。\n（1） 已取得立项批复\n（2） 妥善解决用地问题\n2、 工程的思路",
     [(1, "1、", "开展工程迫在眉睫"), (2, "（1）", "已取得立项批复"), (2, "（2）", "妥善解决用地问题"),
      (1, "2、", "工程的思路")]),
    ("一、A\n(一)B。说明。\n①C\n②D\n二、E",
     [(1, "一、", "A"), (2, "(一)", "B"), (3, "①", "C"), (3, "②", "D"), (1, "二、", "E")]),
    ("一、A\n（一）B\n（二）C\n（3）D\n（四）E",  # a mistyped member of an open list
     [(1, "一、", "A"), (2, "（一）", "B"), (2, "（二）", "C"), (2, "（3）", "D"), (2, "（四）", "E")]),
    # a law: 章 > 节 > 条 whatever comes first; items inside articles are not sections;
    # the "# 标题" line is the title
    ("# XX条例\n## 第一章 总则\n第一条 为了XX，制定本条例。\n第二条 本条例所称XX，是指：\n（一）甲；\n（二）乙。\n"
     "## 第二章 管理\n### 第一节 一般规定\n第三条 XX应当遵守。\n## 附则",
     [(1, "第一章", "总则"), (3, "第一条", ""), (3, "第二条", ""), (1, "第二章", "管理"),
      (2, "第一节", "一般规定"), (3, "第三条", ""), (1, "", "附则")]),
    ("第一章　总则\n第一条　为了XX，制定本办法。\n第二条　本办法适用于XX。\n第三条　XX。\n第二章　附则\n第四条　本办法自发布之日起施行。",
     [(1, "第一章", "总则"), (2, "第一条", ""), (2, "第二条", ""), (2, "第三条", ""), (1, "第二章", "附则"),
      (2, "第四条", "")]),
    # not headings
    ("一、二级公立医疗机构要加强管理。\n1.25亿元用于建设。\n2024年完成。\n3%以上的机构。", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_tree(text, expected):
    assert tree(text) == expected


PHRASES = [
    # (what follows the marker, heading)
    ("政府主导，统一规划。根据县域卫生规划，结合群众就医需求。", "政府主导，统一规划"),
    ("总体要求", "总体要求"),
    ("落实功能定位，加强县域综合医改。", "落实功能定位，加强县域综合医改"),
    ("成立县域医共体管理委员会：", "成立县域医共体管理委员会"),
    ("至2019年底，全市每个县至少有一家县级医院达到二级甲等医院；廉江市人民医院达到三级医院服务能力。", ""),
]


@pytest.mark.parametrize("rest,heading", PHRASES)
def test_heading_phrase(rest, heading):
    assert heading_phrase(rest) == heading
