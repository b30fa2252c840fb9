"""--engine dask: the same per-document function on a LocalCluster of two workers."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed")

from extractor import batch, parallel  # noqa: E402
from extractor.errors import PolicyxError  # noqa: E402
from extractor.pipeline import ExtractOptions  # noqa: E402


def test_local_cluster_of_two_gives_the_sequential_outcomes(corpus: Path) -> None:
    paths = batch.collect([corpus])
    options = ExtractOptions()
    sequential = list(batch.run(paths, options))
    on_dask = list(parallel.run(paths, options, workers=2, engine="dask"))
    assert [(o.path, o.record, o.error) for o in on_dask] == \
        [(o.path, o.record, o.error) for o in sequential]
    assert sum(o.error is not None for o in on_dask) == 1  # the corrupt DOCX, in its place


def test_unreachable_scheduler_is_one_error(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(PolicyxError, match="cannot reach the Dask scheduler tcp://127.0.0.1:9"):
        list(parallel.run(batch.collect([corpus]), ExtractOptions(), engine="dask",
                          scheduler="tcp://127.0.0.1:9"))
