"""The metric catalogue: indicator names as documents write them → stable metric ids.

>>> from extractor import metrics
>>> metrics.lookup("县域住院率").id
'county_inpatient_rate'
>>> [(s, e, m.id) for s, e, m in metrics.match("每千人口床位数达到7.5张")]
[(0, 7, 'beds_per_1000')]

The catalogue lives in ``extractor/data/metrics.yaml`` (hand-edited, validated on load)
and is read once per process, on first use.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .errors import DataFileError

METRICS_PATH = Path(__file__).resolve().parent / "data" / "metrics.yaml"

_FIELDS = {"id", "name", "synonyms", "unit", "per", "category", "kind_hint", "note"}
_REQUIRED = ("id", "name", "synonyms", "unit", "per", "category")
_KINDS = {"TARGET", "QUOTA"}
_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

# Characters that never distinguish one indicator from another.
_DROP = set(" \t\r\n\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u200b\ufeff"
            "“”‘’\"'「」『』《》〈〉")
_TRANSLATE = {**{c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},  # full-width ASCII
              ord("∶"): ":"}


@dataclass(frozen=True)
class Per:
    """A per-capita base: ``Per(1000, "人")`` for 每千人口."""

    value: float
    unit: str

    def as_dict(self) -> dict[str, Any]:
        """The shape provisions use: ``{"value": 1000, "unit": "人"}``."""
        return {"value": self.value, "unit": self.unit}


@dataclass(frozen=True)
class Metric:
    """One indicator of the catalogue."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    unit: str
    per: Per | None
    category: str
    kind_hint: str | None = None


class MetricMatch(NamedTuple):
    """An occurrence of a metric in a text: ``text[start:end]`` names ``metric``."""

    start: int
    end: int
    metric: Metric


class Normaliser:
    """The light normalisation shared by catalogue entries and searched texts."""

    def __init__(self, rewrites: list[tuple[str, str]]) -> None:
        self._rewrites = [(self._chars(a), self._chars(b)) for a, b in rewrites]
        self._rx = (re.compile("|".join(re.escape(a) for a, _ in
                                        sorted(self._rewrites, key=lambda r: -len(r[0]))))
                    if self._rewrites else None)
        self._to = dict(self._rewrites)

    @staticmethod
    def _chars(text: str) -> str:
        return "".join(c for c in text.translate(_TRANSLATE) if c not in _DROP).lower()

    def __call__(self, text: str) -> str:
        """``"执业（含助理） 医师"`` → ``"执业(助理)医师"``."""
        out = self._chars(text)
        return self._rx.sub(lambda m: self._to[m.group(0)], out) if self._rx else out

    def mapped(self, text: str) -> tuple[str, list[int], list[int]]:
        """The normalised text plus, per character, the source span it came from."""
        chars: list[str] = []
        starts: list[int] = []
        for i, c in enumerate(text):
            if c in _DROP:
                continue
            chars.append(c.translate(_TRANSLATE).lower())
            starts.append(i)
        ends = [s + 1 for s in starts]
        norm = "".join(chars)
        if self._rx is None:
            return norm, starts, ends
        out: list[str] = []
        o_starts: list[int] = []
        o_ends: list[int] = []
        pos = 0
        for m in self._rx.finditer(norm):
            out.append(norm[pos:m.start()])
            o_starts += starts[pos:m.start()]
            o_ends += ends[pos:m.start()]
            new = self._to[m.group(0)]
            out.append(new)
            # A rewritten piece maps, character by character, to the whole source piece.
            o_starts += [starts[m.start()]] * len(new)
            o_ends += [ends[m.end() - 1]] * len(new)
            pos = m.end()
        out.append(norm[pos:])
        o_starts += starts[pos:]
        o_ends += ends[pos:]
        return "".join(out), o_starts, o_ends


class Catalogue:
    """The metrics, indexed by id and by every normalised synonym."""

    def __init__(self, metrics: list[Metric], normaliser: Normaliser | None = None) -> None:
        self.normalise = normaliser or Normaliser([])
        self._by_id = {m.id: m for m in metrics}
        self._by_form: dict[str, Metric] = {}
        for m in metrics:
            for form in (m.name, *m.synonyms):
                self._by_form[self.normalise(form)] = m
        lengths: dict[str, set[int]] = {}
        for form in self._by_form:
            lengths.setdefault(form[0], set()).add(len(form))
        # Longest first, so that 每千人口床位数 wins over 床位数 at the same position.
        self._lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}

    @classmethod
    def from_yaml(cls, path: Path = METRICS_PATH) -> Catalogue:
        """Read and validate a catalogue file; errors name the file and line."""
        metrics, normaliser = _load(path)
        return cls(metrics, normaliser)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Metric]:
        return iter(self._by_id.values())

    def __getitem__(self, metric_id: str) -> Metric:
        return self._by_id[metric_id]

    def metric_ids(self) -> list[str]:
        """Every id, in catalogue order."""
        return list(self._by_id)

    def lookup(self, text: str) -> Metric | None:
        """The metric ``text`` names exactly (after normalisation), else None."""
        return self._by_form.get(self.normalise(text))

    def match(self, text: str) -> list[MetricMatch]:
        """Leftmost-longest, non-overlapping occurrences of any metric name in ``text``."""
        norm, starts, ends = self.normalise.mapped(text)
        found: list[MetricMatch] = []
        i, n = 0, len(norm)
        while i < n:
            for length in self._lengths.get(norm[i], ()):
                metric = self._by_form.get(norm[i:i + length]) if i + length <= n else None
                if metric is not None:
                    found.append(MetricMatch(starts[i], ends[i + length - 1], metric))
                    i += length
                    break
            else:
                i += 1
        return found


def _load(path: Path) -> tuple[list[Metric], Normaliser]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise DataFileError(f"cannot read the metric catalogue: {e.strerror}", str(path)) from e
    # libyaml's loader when present: six times faster, and this runs at first use.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise DataFileError(f"{where}not valid YAML: {getattr(e, 'problem', e)}", str(path)) from e
    finally:
        loader.dispose()

    def fail(line: int, message: str) -> DataFileError:
        return DataFileError(f"line {line}: {message}", str(path))

    if not isinstance(data, dict) or not isinstance(data.get("metrics"), list):
        raise fail(1, "expected a mapping with a `metrics:` list")
    units = set(data.get("units") or ())
    categories = set(data.get("categories") or ())
    rewrites = []
    for r in data.get("normalise") or ():
        if not isinstance(r, dict) or not isinstance(r.get("from"), str) or "to" not in r:
            raise fail(1, f"`normalise` entries need `from` and `to`: {r!r}")
        rewrites.append((r["from"], str(r["to"])))
    normaliser = Normaliser(rewrites)

    item_nodes = next(v for k, v in root.value if k.value == "metrics").value
    metrics: list[Metric] = []
    seen_ids: dict[str, int] = {}
    seen_forms: dict[str, tuple[str, int, str]] = {}
    for n, (row, node) in enumerate(zip(data["metrics"], item_nodes, strict=True), 1):
        line = node.start_mark.line + 1
        label = f"metric {n}"
        if not isinstance(row, dict):
            raise fail(line, f"{label}: expected a mapping, got {type(row).__name__}")
        if isinstance(row.get("id"), str):
            label = f"metric {n} ({row['id']})"
        missing = [f for f in _REQUIRED if f not in row]
        if missing:
            raise fail(line, f"{label}: missing {', '.join(missing)}")
        unknown = sorted(set(row) - _FIELDS)
        if unknown:
            raise fail(line, f"{label}: unknown field {', '.join(unknown)}; "
                             f"allowed: {', '.join(sorted(_FIELDS))}")
        mid = row["id"]
        if not isinstance(mid, str) or not _ID.fullmatch(mid):
            raise fail(line, f"{label}: id must be snake_case ASCII, got {mid!r}")
        if mid in seen_ids:
            raise fail(line, f"{label}: duplicate id, first at line {seen_ids[mid]}")
        seen_ids[mid] = line
        name, synonyms = row["name"], row["synonyms"]
        if not isinstance(name, str) or not name.strip():
            raise fail(line, f"{label}: name must be a non-empty string")
        if not isinstance(synonyms, list) or not all(isinstance(s, str) and s.strip()
                                                     for s in synonyms):
            raise fail(line, f"{label}: synonyms must be a list of non-empty strings")
        if row["unit"] not in units:
            raise fail(line, f"{label}: unit {row['unit']!r} is not one of `units`")
        if row["category"] not in categories:
            raise fail(line, f"{label}: category {row['category']!r} is not one of `categories`")
        kind = row.get("kind_hint")
        if kind is not None and kind not in _KINDS:
            raise fail(line, f"{label}: kind_hint must be TARGET or QUOTA, got {kind!r}")
        per = row["per"]
        if per is not None:
            if (not isinstance(per, dict) or set(per) != {"value", "unit"}
                    or not isinstance(per["value"], (int, float)) or per["value"] <= 0
                    or not isinstance(per["unit"], str)):
                raise fail(line, f"{label}: per must be null or {{value: <number > 0>, unit: <str>}}")
            per = Per(per["value"], per["unit"])
        mine: dict[str, str] = {}
        for form in (name, *synonyms):
            key = normaliser(form)
            if key in mine:
                raise fail(line, f"{label}: synonym {form!r} is the same as {mine[key]!r} "
                                 "once normalised; keep one")
            if key in seen_forms:
                other_id, other_line, other_form = seen_forms[key]
                raise fail(line, f"{label}: synonym {form!r} already names {other_id} "
                                 f"(line {other_line}, as {other_form!r})")
            mine[key] = form
        for key, form in mine.items():
            seen_forms[key] = (mid, line, form)
        metrics.append(Metric(mid, name, tuple(synonyms), row["unit"], per,
                              row["category"], kind))
    return metrics, normaliser


_lock = threading.Lock()
_catalogue: Catalogue | None = None


def catalogue() -> Catalogue:
    """The shipped catalogue, read on first use and shared by the whole process."""
    global _catalogue
    if _catalogue is None:
        with _lock:
            if _catalogue is None:
                _catalogue = Catalogue.from_yaml()
    return _catalogue


def lookup(text: str) -> Metric | None:
    """The metric of the shipped catalogue that ``text`` names, else None."""
    return catalogue().lookup(text)


def match(text: str) -> list[MetricMatch]:
    """Occurrences of the shipped catalogue's metrics in ``text``."""
    return catalogue().match(text)


def metric_ids() -> list[str]:
    """Every id of the shipped catalogue."""
    return catalogue().metric_ids()
