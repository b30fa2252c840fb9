"""The benchmark corpus, built from the seeds by the real tools and cached.

* ``formats/{txt,docx,pdf,html}/``: each seed as it is (TXT), written by python-docx
  (DOCX, with automatic numbering and a table: ``tests/fixtures/make_fixtures.py``), and
  that DOCX converted by LibreOffice to PDF and to HTML (one private profile);
* ``pool/kN/``: ``POOL_COPIES`` copies of every file above, for the workers' speed-up;
* ``many/``: ``MANY`` small TXT documents, the seeds cut to at most ``MANY_CHARS``
  characters at a line end, each copy with its own last line so every hash differs.

The cache lives in ``benchmarks/.corpus/<key>/`` where the key hashes the seeds and the
code that builds them; a build that did not finish has no ``complete`` marker and is
done again. Usage: ``python benchmarks/corpus.py`` prints where the corpus is.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
CACHE = ROOT / "benchmarks" / ".corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "make_fixtures.py"
FORMATS = ("txt", "docx", "pdf", "html")
POOL_COPIES = 10
MANY = 1000
MANY_CHARS = 2500
SOFFICE_TIMEOUT = 300


@dataclass
class Corpus:
    """Where each part of a built corpus is."""

    root: Path
    formats: dict[str, list[Path]]
    pool: Path
    many: Path
    built: bool  # False when it came from the cache

    @property
    def pool_files(self) -> list[Path]:
        return sorted(p for p in self.pool.rglob("*") if p.is_file())


def cache_key(seeds: list[Path]) -> str:
    """Hash of the seeds (names and contents) and of the code that turns them into files."""
    h = hashlib.sha256()
    for p in [*seeds, Path(__file__), FIXTURES]:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    h.update(f"{POOL_COPIES},{MANY},{MANY_CHARS}".encode())
    return h.hexdigest()[:16]


def load(rebuild: bool = False) -> Corpus:
    """The corpus for the current seeds, built when the cache does not hold it."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seeds in {SEEDS}")
    root = CACHE / cache_key(seeds)
    built = rebuild or not (root / "complete").is_file()
    if built:
        if CACHE.is_dir():  # other keys are stale builds of older seeds
            for old in CACHE.iterdir():
                if old.is_dir() and old.name != "runs":
                    shutil.rmtree(old)
        _build(seeds, root)
    formats = {f: sorted((root / "formats" / f).glob(f"*.{f}")) for f in FORMATS}
    return Corpus(root, formats, root / "pool", root / "many", built)


def _build(seeds: list[Path], root: Path) -> None:
    sys.path.insert(0, str(FIXTURES.parent.parent))
    from fixtures.make_fixtures import build_docx

    fdir = root / "formats"
    for f in FORMATS:
        (fdir / f).mkdir(parents=True, exist_ok=True)
    for s in seeds:
        shutil.copyfile(s, fdir / "txt" / s.name)
        build_docx(s.read_text(encoding="utf-8"), fdir / "docx" / f"{s.stem}.docx")
    docx = sorted((fdir / "docx").glob("*.docx"))
    _soffice(docx, "pdf", fdir / "pdf")
    _soffice(docx, "html", fdir / "html")
    for k in range(POOL_COPIES):
        for f in FORMATS:
            out = root / "pool" / f"k{k}" / f
            out.mkdir(parents=True, exist_ok=True)
            for p in (fdir / f).iterdir():
                shutil.copyfile(p, out / p.name)
    _many(seeds, root / "many")
    (root / "complete").write_text("ok\n", encoding="utf-8")


def _soffice(files: list[Path], target: str, outdir: Path) -> None:
    """Convert ``files`` in one LibreOffice run with a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to build the PDF and HTML corpus: "
                         "make setup (or apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="policyx-bench-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--norestore", "--nolockcheck", "--convert-to", target, "--outdir", str(outdir),
               *map(str, files)]
        subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=SOFFICE_TIMEOUT, check=False)
    missing = [p.name for p in files if not (outdir / f"{p.stem}.{target}").is_file()]
    if missing:
        raise SystemExit(f"soffice made no {target.upper()} of {', '.join(missing)}")


def _many(seeds: list[Path], out: Path) -> None:
    """MANY small documents: a seed's opening lines, and a last line naming the copy."""
    out.mkdir(parents=True, exist_ok=True)
    heads = []
    for s in seeds:
        text, head = s.read_text(encoding="utf-8"), ""
        for line in text.splitlines(keepends=True):
            if len(head) + len(line) > MANY_CHARS:
                break
            head += line
        heads.append(head.rstrip("\n") + "\n")
    for i in range(MANY):
        seed = seeds[i % len(seeds)]
        # the copy number changes every hash, as a re-published document would
        text = heads[i % len(seeds)] + f"（本件为第{i + 1:04d}份）\n"
        (out / f"{i:04d}_{seed.stem[:3]}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    c = load(rebuild="--rebuild" in sys.argv)
    print(c.root, "(built)" if c.built else "(cached)")
