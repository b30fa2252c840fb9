"""Read the YAML language data under ``extractor/data``; every module goes through here."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from .errors import DataFileError


def parse(text: str, where: str) -> Any:
    """YAML text → data, with libyaml's C parser when PyYAML has it (10x faster)."""
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise DataFileError(f"cannot read data file: {exc}", where) from None


def read(name: str) -> dict[str, Any]:
    """Parse ``extractor/data/<name>``: a missing, broken or non-mapping file is a
    :class:`DataFileError` naming it. Callers that compile the data cache the result."""
    where = f"extractor/data/{name}"
    try:
        text = resources.files("extractor").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read data file: {exc}", where) from None
    data = parse(text, where)
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping at the top level", where)
    return data


@cache
def load(name: str) -> dict[str, Any]:
    """:func:`read`, once per process (do not modify the result)."""
    return read(name)
