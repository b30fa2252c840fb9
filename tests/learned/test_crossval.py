"""Leave-one-document-out cross-validation: one fold model per document, three recognizers."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT

from extractor.crossval import RECOGNIZERS, cross_validate, format_comparison

GOLD = ROOT / "corpora" / "gold"


def test_two_folds_compare_rules_model_and_hybrid(tmp_path: Path) -> None:
    root = tmp_path / "corpora"
    (root / "gold").mkdir(parents=True)
    (root / "seeds").mkdir()
    lines = [x for x in (GOLD / "gold.jsonl").read_text("utf-8").splitlines()
             if "/000_" in x or "/004_" in x]
    (root / "gold" / "gold.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    for line in lines:
        name = Path(json.loads(line)["file"]).name
        shutil.copy(ROOT / "corpora" / "seeds" / name, root / "seeds" / name)
    logged: list[str] = []
    reports = cross_validate(root / "gold", epochs=1, log=logged.append, cache=tmp_path / "cv")
    assert len(logged) == 2 and len(list((tmp_path / "cv").iterdir())) == 2
    assert set(reports) == set(RECOGNIZERS)
    gold_total = sum(len(json.loads(x)["entities"]) for x in lines)
    for r in reports.values():
        counts = r.to_dict()["entities"]["overlap"]["ALL"]
        assert counts["tp"] + counts["fn"] == gold_total
    # the hybrid keeps every rule span, so it finds at least what the rules find
    rules = reports["rules"].entities["overlap"]["ALL"]
    hybrid = reports["hybrid"].entities["overlap"]["ALL"]
    assert hybrid.tp >= rules.tp
    table = format_comparison(reports, "overlap")
    assert "INSTITUTION" in table and "hybrid" in table
    # a second run trains nothing: the fold models are cached by their data's hash
    logged.clear()
    cross_validate(root / "gold", epochs=1, log=logged.append, cache=tmp_path / "cv")
    assert logged == []
