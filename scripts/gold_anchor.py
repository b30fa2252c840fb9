"""Anchor draft gold annotations to offsets in the cleaned text.

Annotators write drafts by reading the cleaned text (``corpora/gold/texts/<stem>.txt``,
one paragraph a line, lines numbered from 1): each entity gives its ``label``, ``text``
and ``line`` (and ``nth`` when the same text occurs twice in that line); each provision
gives its fields and the ``span`` text of its TARGET/QUOTA/STAT with its ``line``.
This script finds the offsets, checks every span, and writes ``corpora/gold/gold.jsonl``
(one document a line, in the output's own shapes) with the cleaner's version and the
hash of the text the offsets refer to.

    python scripts/gold_anchor.py            # drafts → gold.jsonl (fails on any bad span)
    python scripts/gold_anchor.py --texts    # (re)write the cleaned texts for annotators
    python scripts/gold_anchor.py --dir corpora/heldout   # the held-out gold (docs/ inside)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.clean import CLEANER_VERSION  # noqa: E402
from extractor.pipeline import ExtractOptions, extract  # noqa: E402

GOLD = ROOT / "corpora" / "gold"
SEEDS = ROOT / "corpora" / "seeds"


def cleaned_text(path: Path) -> str:
    return extract(path, ExtractOptions(recognise=False)).text


def write_texts(gold: Path) -> None:
    (gold / "texts").mkdir(parents=True, exist_ok=True)
    docs = SEEDS if gold == GOLD else gold / "docs"
    for doc in sorted(p for p in docs.iterdir() if p.is_file() and p.suffix != ".md"):
        text = cleaned_text(doc)
        numbered = "\n".join(f"{i + 1:4d}| {line}" for i, line in enumerate(text.split("\n")))
        (gold / "texts" / f"{doc.stem}.txt").write_text(numbered + "\n", encoding="utf-8")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def locate(text: str, starts: list[int], span: str, line: int, nth: int = 1) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``span`` in line ``line`` (1-based)."""
    if not 1 <= line <= len(starts):
        raise ValueError(f"line {line} out of range")
    a = starts[line - 1]
    b = starts[line] - 1 if line < len(starts) else len(text)
    pos = a
    for _ in range(nth):
        i = text.find(span, pos, b)
        if i < 0:
            raise ValueError(f"{span!r} not found {nth} time(s) in line {line}")
        pos = i + 1
    return i, i + len(span)


def anchor(draft: dict, text: str) -> dict:
    starts = _line_starts(text)
    errors: list[str] = []
    entities = []
    for e in draft.get("entities", []):
        try:
            a, b = locate(text, starts, e["text"], e["line"], e.get("nth", 1))
        except (ValueError, KeyError) as err:
            errors.append(f"entity {e}: {err}")
            continue
        ent = {"label": e["label"], "text": e["text"], "start": a, "end": b,
               "normalized": e.get("normalized", {})}
        if e.get("note"):
            ent["note"] = e["note"]
        entities.append(ent)
    provisions = []
    for p in draft.get("provisions", []):
        try:
            a, b = locate(text, starts, p["span"], p["line"], p.get("nth", 1))
        except (ValueError, KeyError) as err:
            errors.append(f"provision {p.get('span')}: {err}")
            continue
        s0 = text.rfind("\n", 0, a) + 1
        rec = {k: v for k, v in p.items() if k not in ("span", "line", "nth")}
        rec.update(span_start=a, span_end=b, span=p["span"], line_start=s0)
        provisions.append(rec)
    if errors:
        raise SystemExit(f"{draft['file']}: {len(errors)} bad span(s):\n  " + "\n  ".join(errors))
    entities.sort(key=lambda e: (e["start"], -e["end"]))
    provisions.sort(key=lambda p: p["span_start"])
    return {"file": draft["file"], "cleaner_version": CLEANER_VERSION,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "entities": entities, "provisions": provisions}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", action="store_true", help="write the cleaned texts")
    ap.add_argument("--dir", type=Path, default=GOLD, help="gold folder (drafts/ inside)")
    args = ap.parse_args()
    gold = args.dir.resolve()
    if args.texts:
        write_texts(gold)
        return
    out = []
    for draft_path in sorted((gold / "drafts").glob("*.json")):
        draft = json.loads(draft_path.read_text(encoding="utf-8"))
        text = cleaned_text(ROOT / "corpora" / draft["file"])
        out.append(anchor(draft, text))
    lines = [json.dumps(r, ensure_ascii=False) for r in out]
    (gold / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} documents, "
          f"{sum(len(r['entities']) for r in out)} entities, "
          f"{sum(len(r['provisions']) for r in out)} provisions")


if __name__ == "__main__":
    main()
