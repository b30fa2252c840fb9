"""Load YAML lexicons from ``extractor/data`` once, with errors that name the file."""
from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import DataFileError


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``extractor/data/<name>``."""
    try:
        text = resources.files("extractor.data").joinpath(name).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"cannot load data file: {e}", f"extractor/data/{name}") from None
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top level", f"extractor/data/{name}")
    return data


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so 年底前 beats 年底)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
