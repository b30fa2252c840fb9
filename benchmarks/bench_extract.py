"""Speed of each stage and of the whole extraction, as a ratio to jieba.lcut; PDF reading
against pdfplumber.

Everything here runs in one process on texts held in memory, and every speed is divided
by jieba.lcut's on the same text in the same process, interleaved and repeated (the
fastest of the repeats counts), so the ratios hold on a loaded or a slow machine.
Models and dictionaries are loaded before any timing (cold start is measured apart, by
:mod:`bench_scale`). Run alone: ``python benchmarks/bench_extract.py [--files N]``.
"""
from __future__ import annotations

import argparse
import cProfile
import difflib
import io
import json
import logging
import pstats
import re
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
_WS = re.compile(r"\s+")
_T0 = time.perf_counter()


def log(what: str) -> None:
    """A progress line on stderr, with the seconds since the start."""
    print(f"[{time.perf_counter() - _T0:6.1f} s] {what}", file=sys.stderr, flush=True)


def best(fn: Callable[[], object], jieba_fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Fastest time of ``fn`` and of ``jieba_fn`` over ``repeat`` interleaved runs."""
    t_fn, t_j = float("inf"), float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        t_fn = min(t_fn, time.perf_counter() - t)
        t = time.perf_counter()
        jieba_fn()
        t_j = min(t_j, time.perf_counter() - t)
    return t_fn, t_j


def figure(chars: int, t: float, t_jieba: float, **extra: object) -> dict:
    return {"chars": chars, "seconds": round(t, 3), "chars_per_s": round(chars / t),
            "jieba_chars_per_s": round(chars / t_jieba), "ratio_to_jieba": round(t_jieba / t, 3),
            **extra}


def stages(txt_files: list[Path], formats: dict[str, list[Path]], repeat: int) -> dict:
    """Ingest per format, clean, structure, recognise (per component), end to end."""
    import jieba

    from extractor.clean import clean
    from extractor.ingest import read_bytes
    from extractor.pipeline import _date, extract, extract_bytes
    from extractor.recognise import nlp
    from extractor.recognise.components import SPAN_KEY, entities_of
    from extractor.recognise.context import DocContext
    from extractor.structure import analyse

    def lcut_all(texts: list[str]) -> Callable[[], None]:
        return lambda: [jieba.lcut(t) for t in texts]

    out: dict = {"ingest": {}, "end_to_end": {}}
    sets = {"txt": txt_files, **{f: p for f, p in formats.items() if f != "txt"}}
    for fmt, files in sets.items():
        log(f"ingest and end to end: {fmt}")
        data = [(p.read_bytes(), str(p)) for p in files]
        raws = [read_bytes(d, n) for d, n in data]
        texts = [r.text for r in raws]
        chars = sum(map(len, texts))
        t, tj = best(lambda data=data: [read_bytes(d, n) for d, n in data],
                     lcut_all(texts), repeat)
        out["ingest"][fmt] = figure(chars, t, tj, documents=len(files))
        extract_bytes(*data[0])  # every lazy table loaded before timing
        t, tj = best(lambda files=files: [extract(p) for p in files], lcut_all(texts), repeat)
        out["end_to_end"][fmt] = figure(chars, t, tj, documents=len(files))
        if fmt == "txt":
            txt_raws = raws

    log("clean, structure")
    cleaned = [clean(r.text) for r in txt_raws]
    ctexts = [c.text for c in cleaned]
    raw_texts = [r.text for r in txt_raws]
    t, tj = best(lambda: [clean(t) for t in raw_texts], lcut_all(raw_texts), repeat)
    out["clean"] = figure(sum(map(len, raw_texts)), t, tj)
    pairs = list(zip(ctexts, [r.meta for r in txt_raws], strict=True))
    t, tj = best(lambda: [analyse(t, m) for t, m in pairs], lcut_all(ctexts), repeat)
    cchars = sum(map(len, ctexts))
    out["structure"] = figure(cchars, t, tj)

    log("recognise")
    # recognise as nlp.run does it, each pipeline step timed on its own
    model = nlp.load()
    contexts = []
    for text, meta in pairs:
        s = analyse(text, meta)
        contexts.append(DocContext(region=s.info.region, date=_date(s.info.date),
                                   sections=s.sections, sentences=s.sentences))
    steps: dict[str, float] = {}
    t_jieba = float("inf")
    for _ in range(repeat):
        acc: dict[str, float] = defaultdict(float)
        for text, ctx in zip(ctexts, contexts, strict=True):
            t0 = time.perf_counter()
            doc = model.make_doc(text)
            doc.user_data[SPAN_KEY] = ctx
            acc["tokenizer"] += time.perf_counter() - t0
            for name, proc in model.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                acc[name] += time.perf_counter() - t0
            t0 = time.perf_counter()
            entities_of(doc)
            acc["entities_of"] += time.perf_counter() - t0
        for k, v in acc.items():
            steps[k] = min(steps.get(k, float("inf")), v)
        t0 = time.perf_counter()
        lcut_all(ctexts)()
        t_jieba = min(t_jieba, time.perf_counter() - t0)
    provisions = steps.pop("policyx_provisions")
    out["recognise"] = figure(cchars, sum(steps.values()), t_jieba,
                              note="entities: tokenizer, rule components, resolver")
    out["provisions"] = figure(cchars, provisions, t_jieba)
    out["recognise_steps_s"] = {k: round(v, 3) for k, v in
                                sorted(steps.items(), key=lambda kv: -kv[1])}
    return out


def pdf_vs_pdfplumber(files: list[Path], repeat: int) -> dict:
    """Pages a second of our PDF ingest and of pdfplumber's extract_text on the same
    files, and the share of characters the two texts have in common (whitespace removed)."""
    import pdfplumber

    from extractor.ingest import read_bytes

    log("PDF against pdfplumber")
    data = [(p.read_bytes(), str(p)) for p in files]

    def ours() -> list:
        return [read_bytes(d, n) for d, n in data]

    def plumber() -> list[str]:
        texts = []
        for p in files:
            with pdfplumber.open(p) as pdf:
                texts.append("\n".join(page.extract_text() or "" for page in pdf.pages))
        return texts

    t_ours, t_plumber = best(ours, plumber, repeat)
    raws, ptexts = ours(), plumber()
    pages = sum(r.pages or 0 for r in raws)
    same = total = 0
    for r, ptext in zip(raws, ptexts, strict=True):
        a, b = _WS.sub("", r.text), _WS.sub("", ptext)
        if a == b:
            same, total = same + 2 * len(a), total + 2 * len(a)
            continue
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        same += 2 * sum(bl.size for bl in sm.get_matching_blocks())
        total += len(a) + len(b)
    return {
        "documents": len(files), "pages": pages,
        "pages_per_s": round(pages / t_ours, 1),
        "pdfplumber_pages_per_s": round(pages / t_plumber, 1),
        "ratio_to_pdfplumber": round(t_plumber / t_ours, 2),
        "text_share_equal": round(same / total, 4) if total else 1.0,
        "engines": sorted({str(r.meta.get("pdf_engine")) for r in raws}),
    }


def profile(fn: Callable[[], object], top: int = 8) -> dict:
    """Where ``fn`` spends its time, by cProfile (see :func:`hot_spots`)."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    return hot_spots(pstats.Stats(prof, stream=io.StringIO()), top)


# callers that only pass the work on: every second of the run is below them
_WRAPPERS = {"extract", "extract_bytes", "build_result", "recognise", "run", "<module>",
             "main", "execute", "process", "invoke", "__call__"}


def hot_spots(stats: pstats.Stats, top: int = 8) -> dict:
    """The functions with the most time of their own, and this project's functions with the
    most time below them (wrappers left out). cProfile slows calls into spaCy's Cython
    (a Token made per character) more than pure Python: read shares as a rough order."""
    total = sum(v[2] for v in stats.stats.values()) or 1.0

    def name(f: str, line: int, func: str) -> str:
        return f"{Path(f).name}:{line}:{func}" if not f.startswith(str(ROOT)) else \
            f"{Path(f).relative_to(ROOT)}:{line}:{func}"

    own = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    ours = [(k, v) for k, v in stats.stats.items()
            if k[0].startswith(str(ROOT / "extractor")) and k[2] not in _WRAPPERS]
    below: list[dict] = []
    for k, v in sorted(ours, key=lambda kv: -kv[1][3]):
        row = {"function": name(*k), "seconds": round(v[3], 2)}
        # a callee with (almost) all of its caller's time is the same chain: keep the deeper
        if below and v[3] >= 0.95 * below[-1]["seconds"]:
            below[-1] = row
        elif len(below) < top:
            below.append(row)
        else:
            break
    return {
        "own_time": [{"function": name(*k), "share": round(v[2] / total, 3)} for k, v in own],
        "below": below,
    }


def txt_set(files: int) -> list[Path]:
    """The seeds plus the first ``files`` texts of the shared corpus (as in issue 4)."""
    extra = sorted(SHARED_CORPUS.glob("*.txt"))[:files] if SHARED_CORPUS.is_dir() else []
    return sorted((ROOT / "corpora" / "seeds").glob("*.txt")) + extra


def measure(formats: dict[str, list[Path]], files: int, repeat: int) -> dict:
    """Every in-process figure, models loaded first."""
    import jieba

    log("loading jieba and the pipeline")
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    from extractor.recognise import nlp

    nlp.load()
    txt = txt_set(files)
    result = stages(txt, formats, repeat)
    result["txt_documents"] = {"seeds": 5, "shared_corpus": len(txt) - 5}
    result["pdf"] = pdf_vs_pdfplumber(formats["pdf"], repeat)
    result["peak_rss_mb_this_process"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=40, help="shared-corpus texts besides the seeds")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    import corpus

    print(json.dumps(measure(corpus.load().formats, args.files, args.repeat), indent=1,
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
