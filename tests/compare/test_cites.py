"""``policyx cites``: each cited document an edge, resolved when it is among the inputs."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import datafiles
from extractor.cli import cli
from extractor.compare.cites import CSV_COLUMNS, build_graph, normalise_title, title_keys
from extractor.records import load_records

SEEDS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "seeds"

# A notice with its own 文号 in the header, one that cites it by 文号 (twice, the second
# time by title alone) and one that cites it by its full notice title, no 文号.
NOTICE = """广东省卫生健康委员会文件
粤卫函〔2023〕12号
关于印发广东省基层医疗卫生服务能力提升行动方案的通知

各地级以上市卫生健康局：
现将《广东省基层医疗卫生服务能力提升行动方案》印发给你们，请认真贯彻执行。

广东省卫生健康委员会
2023年3月1日
"""
BY_NUMBER = """连平县卫生健康局关于落实基层医疗卫生服务能力提升行动的通知

各乡镇卫生院：
为贯彻落实《广东省基层医疗卫生服务能力提升行动方案》（粤卫函〔2023〕12号）要求，结合我县实际，制定本通知。
按照《广东省基层医疗卫生服务能力提升行动方案》要求，到2025年，全县县域内住院率达到85%以上。
同时参照《国家卫生健康委关于推进紧密型县域医疗卫生共同体建设的通知》（国卫基层发〔2020〕12号）。
"""
BY_TITLE = """某县卫生健康局关于基层医疗卫生服务能力提升工作情况的报告

根据《广东省卫生健康委员会关于印发广东省基层医疗卫生服务能力提升行动方案的通知》要求，现将我县工作情况报告如下。
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in (("a_notice.txt", NOTICE), ("b_by_number.txt", BY_NUMBER),
                       ("c_by_title.txt", BY_TITLE)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def seed_graph(seed_records):
    return build_graph(seed_records)


def edges_from(graph, seed_prefix: str):
    return [e for e in graph.edges if Path(e.source_file).name.startswith(seed_prefix)]


def test_lianjiang_cites_the_documents_of_its_preamble(seed_graph):
    numbers = {e.cited_doc_number: e for e in edges_from(seed_graph, "000_")}
    assert {"国卫办医函〔2021〕538号", "粤办函〔2022〕245号", "湛府办〔2020〕9号",
            "湛防疫指办〔2022〕31号"} <= set(numbers)
    e = numbers["湛防疫指办〔2022〕31号"]
    assert (e.issuer_code, e.year, e.serial) == ("湛防疫指办", 2022, 31)
    assert e.cited_title == "湛江市实施疫情防控能力提升五大攻坚行动方案"
    # cited again by title alone, twice; its short name 《五大攻坚行动方案》 is no citation
    assert e.mentions == 3
    assert not any(x.cited_title == "五大攻坚行动方案" for x in seed_graph.edges)


def test_lianping_cites_its_earlier_plan(seed_graph):
    (e,) = [x for x in edges_from(seed_graph, "004_") if x.cited_doc_number == "连府办〔2020〕17号"]
    assert (e.issuer_code, e.year, e.serial) == ("连府办", 2020, 17)
    assert e.cited_title == "连平县加强紧密型县域医疗卫生共同体建设实施方案"
    assert e.mentions == 2
    # the seeds cite none of each other
    assert all(x.target_file is None for x in seed_graph.edges)


def test_citations_resolve_to_documents_among_the_inputs(corpus):
    graph = build_graph(load_records([corpus]))
    edges = {(Path(e.source_file).name, e.cited_doc_number or e.cited_title): e
             for e in graph.edges}
    # The notice's own 文号 and its enclosed plan are the notice itself: no edge.
    assert not any(Path(e.source_file).name == "a_notice.txt" for e in graph.edges)
    by_number = edges[("b_by_number.txt", "粤卫函〔2023〕12号")]
    assert Path(by_number.target_file).name == "a_notice.txt"
    assert by_number.resolved_by == "doc_number" and by_number.mentions == 2
    by_title = edges[("c_by_title.txt",
                      "广东省卫生健康委员会关于印发广东省基层医疗卫生服务能力提升行动方案的通知")]
    assert Path(by_title.target_file).name == "a_notice.txt"
    assert by_title.resolved_by == "title"
    outside = edges[("b_by_number.txt", "国卫基层发〔2020〕12号")]
    assert outside.target_file is None and outside.resolved_by is None
    assert graph.to_dict()["summary"] == {"documents": 3, "edges": 3, "resolved": 2}


@pytest.mark.parametrize("title, normal", [
    ("《“千县工程”县医院综合能力提升工作方案（2021-2025）》", "千县工程县医院综合能力提升工作方案(2021-2025)"),
    ("县医院医疗服务能力 基本标准", "县医院医疗服务能力基本标准"),
    ("关于印发〈某某办法〉的通知", "关于印发某某办法的通知"),
    (None, ""),
])
def test_normalise_title(title, normal):
    assert normalise_title(title) == normal


def test_wrapper_examples_of_the_data_file():
    for row in datafiles.read("cites.yaml")["wrappers"]:
        assert row["inner"] in title_keys(row["example"]), row


def test_csv_has_a_bom_and_one_row_an_edge(corpus, tmp_path):
    out = tmp_path / "cites.csv"
    result = CliRunner().invoke(cli, ["cites", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"{out}: 3 citations from 3 documents, 2 resolved"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 3
    assert {r["cited_doc_number"] for r in rows} >= {"粤卫函〔2023〕12号", "国卫基层发〔2020〕12号"}


def test_cli_json_on_stdout_and_a_bad_input_among_good_ones(seed_jsonl, tmp_path):
    missing = tmp_path / "missing.pdf"
    result = CliRunner().invoke(cli, ["cites", str(seed_jsonl), str(missing)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"policyx: {missing}: no such file or folder"]
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 5 and data["summary"]["edges"] == len(data["edges"]) > 20


def test_cli_refuses_an_unknown_format(tmp_path):
    out = tmp_path / "cites.xlsx"
    result = CliRunner().invoke(cli, ["cites", str(SEEDS_DIR), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.strip() == f"policyx: {out}: unknown format '.xlsx'; use .json or .csv"
