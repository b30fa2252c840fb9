#!/usr/bin/env python3
"""Run policyx from a checkout: ``python cli.py extract corpora/ -o out/extract.jsonl``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extractor.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
