"""Print a table of what `policyx extract` wrote: one row a document."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(path: str) -> None:
    print(f"{'file':<34} {'fmt':<5} {'kind':<4} {'status':<6} {'date':<10} {'region':<6} "
          f"{'sect':>4} {'sent':>4} {'ents':>4} {'prov':>4}  title")
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            d = r["document"]
            region = (d.get("region") or {}).get("name") or ""
            print(f"{Path(r['file']).name[-34:]:<34} {r['format']:<5} {d.get('doc_kind') or '':<4} "
                  f"{d.get('status') or '':<6} {d.get('date') or '':<10} {region:<6} "
                  f"{len(r['sections']):>4} {len(r['sentences']):>4} {len(r['entities']):>4} "
                  f"{len(r['provisions']):>4}  {(d.get('title') or '')[:40]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "out/extract.jsonl")
