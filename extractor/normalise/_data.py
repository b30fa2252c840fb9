"""Load and check the normalisers' YAML tables (numerals, units, comparators, periods).

Each file is a mapping of sections; each section a list of rows. The schema below names
the fields every row must have (and, for some, the values allowed), so that a broken
row fails at load time with the file, section and row in the message.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..datafiles import parse
from ..errors import DataFileError

Row = dict[str, Any]
# field -> allowed values (None: any value, but the key must be there)
Fields = dict[str, tuple[Any, ...] | None]

COMPARATORS = ("=", ">=", "<=", ">", "<", "~")

SCHEMAS: dict[str, dict[str, Fields]] = {
    "numerals.yaml": {
        "rewrites": {"kind": ("replace", "translate"), "from": None, "to": None, "example": None},
        "digits": {"char": None, "value": tuple(range(10)), "example": None},
        "small_units": {"char": None, "value": (10, 100, 1000), "example": None},
        "big_units": {"char": None, "value": None, "example": None},
        "decimal_points": {"char": None, "example": None},
        "implicit_one": {"char": None, "example": None},
        "fractions": {"marker": None, "denominator": None, "unit": None, "example": None},
        "percent_signs": {"sign": None, "unit": None, "example": None},
        "signs": {"sign": None, "value": (1, -1), "example": None},
        "trailing_classifiers": {"word": None, "example": None},
        "range_separators": {"sep": None, "example": None},
        "ratio_marks": {"sep": None, "example": None},
    },
    "units.yaml": {
        "units": {"word": None, "unit": None,
                  "kind": ("percent", "change", "count", "age", "time", "measure", "money"),
                  "example": None},
        "currencies": {"word": None, "code": None, "example": None},
        "per_measure_words": {"word": None, "example": None},
        "per_bases": {"word": None, "unit": None, "kind": None, "example": None},
    },
    "comparators.yaml": {
        "words": {"word": None, "comparator": COMPARATORS,
                  "position": ("before", "after", "between"), "priority": (1, 2, 3),
                  "example": None},
        "max_gap": {"position": ("before", "after", "between", "hedge"), "chars": None,
                    "example": None},
        "negations": {"word": None, "example": None},
        "flips": {"comparator": COMPARATORS, "negated": COMPARATORS, "example": None},
        "hedges": {"word": None, "example": None},
    },
    "periods.yaml": {
        "plan_periods": {"name": None, "start_year": None, "end_year": None, "example": None},
        "plan_suffixes": {"word": None, "point": ("start", "end", "span"), "example": None},
        "quotes": {"char": None, "example": None},
        "parts_of_year": {"word": None, "start": None, "end": None,
                          "period": ("part", "half", "quarter", "year"), "example": None},
        "parts_of_month": {"word": None, "start": None, "end": None, "example": None},
        "recurring": {"word": None, "recurrence": None, "within": ("month_day", "day", "end"),
                      "example": None},
        "markers": {"word": None, "position": ("prefix", "suffix"),
                    "relation": ("by", "from", None), "example": None},
        "duration_units": {"word": None, "iso": ("Y", "M", "W", "D", "H", "MIN"),
                           "factor": None, "working": (True, False), "example": None},
        "duration_words": {"word": None, "duration": None, "example": None},
        "relative_patterns": {"pattern": None, "direction": ("future", "past"),
                              "relation": ("by", "from", None), "example": None},
        "relative_years": {"word": None, "offset": None, "example": None},
        "event_anchors": {"word": None, "example": None},
    },
}


def data_path(name: str) -> str:
    """The path shown in messages for a shipped data file."""
    return f"extractor/data/{name}"


def validate(name: str, data: Any, path: str | None = None) -> dict[str, list[Row]]:
    """Check ``data`` (a parsed file) against the schema of ``name``; return it.

    Raises :class:`DataFileError` naming the file, section, row number (1-based) and
    the missing field or bad value.
    """
    where = path or data_path(name)
    schema = SCHEMAS[name]
    if not isinstance(data, dict):
        raise DataFileError("expected a mapping of sections at the top level", where)
    for section, fields in schema.items():
        rows = data.get(section)
        if not isinstance(rows, list) or not rows:
            raise DataFileError(f"section `{section}` is missing or not a non-empty list", where)
        for i, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise DataFileError(f"section `{section}` row {i}: expected a mapping, got {row!r}",
                                    where)
            for field, allowed in fields.items():
                if field not in row:
                    raise DataFileError(
                        f"section `{section}` row {i} ({_label(row)}): missing field `{field}`",
                        where)
                if field == "example" and not (isinstance(row[field], str) and row[field]):
                    raise DataFileError(
                        f"section `{section}` row {i} ({_label(row)}): `example` must be text",
                        where)
                if allowed is not None and row[field] not in allowed:
                    raise DataFileError(
                        f"section `{section}` row {i} ({_label(row)}): `{field}` is "
                        f"{row[field]!r}; allowed: {', '.join(map(repr, allowed))}", where)
    return data


def read(name: str, path: Path | str | None = None) -> dict[str, list[Row]]:
    """Parse and validate a data file: the shipped one, or ``path`` (used by tests)."""
    where = str(path) if path is not None else data_path(name)
    try:
        if path is not None:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = resources.files("extractor.data").joinpath(name).read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(f"cannot load data file: {e}", where) from None
    return validate(name, parse(text, where), where)


@cache
def load(name: str) -> dict[str, list[Row]]:
    """The shipped data file ``name``, parsed and validated once per process."""
    return read(name)


def _label(row: dict[str, Any]) -> str:
    # the row's first field, so a message says which row without printing all of it
    for key in ("word", "char", "name", "marker", "sign", "sep", "pattern", "comparator",
                "position", "kind"):
        if key in row:
            return f"{key}={row[key]!r}"
    return repr(row)[:40]
