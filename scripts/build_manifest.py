"""Write corpora/manifest.jsonl: file, sha256, region, kind of each seed.

Region and kind are read off the documents (see ../shared/seeds/README.md); the
checksums are computed, so a test can tell when a seed's bytes change.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {
    "000_a7d024204d59770d.txt": ("廉江市", "意见", "征求意见稿"),
    "001_7ea3499f721bf7e2.txt": ("汕头市", "答复", None),
    "002_eb7a27bd3a9b5ff0.txt": ("湛江市", "方案", None),
    "003_adc31f7c3989c8c3.txt": ("荆门市", "规划", None),
    "004_bc5f96bf7aca360a.txt": ("连平县", "方案", "征求意见稿"),
}


def main() -> None:
    lines = []
    for name, (region, kind, status) in SEEDS.items():
        data = (ROOT / "corpora" / "seeds" / name).read_bytes()
        lines.append(json.dumps({
            "file": f"seeds/{name}", "sha256": hashlib.sha256(data).hexdigest(),
            "region": region, "kind": kind, "status": status, "format": "txt",
        }, ensure_ascii=False))
    (ROOT / "corpora" / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
