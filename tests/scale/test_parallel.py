"""--workers N: the same bytes as one process, whatever fails or dies in the pool."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import batch, parallel
from extractor.batch import Job, Outcome
from extractor.cli import cli
from extractor.errors import ConfigError
from extractor.pipeline import ExtractOptions


def crash_on_marked(job: Job, options: ExtractOptions, debug: bool = False) -> Outcome:
    """A per-document function whose process dies on files named crash-*: a stand-in for
    a converter that takes the worker down, or the kernel's OOM killer."""
    if job.path.name.startswith("crash-"):
        os.kill(os.getpid(), signal.SIGKILL)
    return batch.execute(job, options, debug)


def test_two_workers_write_the_same_bytes_as_one(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = CliRunner().invoke(cli, ["extract", str(corpus), "-o", str(one), "-q"])
    r2 = CliRunner().invoke(cli, ["extract", str(corpus), "-o", str(two), "-q", "--workers", "2"])
    # the corrupt DOCX is reported the same way and does not stop the pool
    assert r1.exit_code == r2.exit_code == 1
    line = f"policyx: {corpus / 'corrupt.docx'}: corrupt or truncated DOCX"
    assert line in r1.output and line in r2.output
    assert len(one.read_bytes().splitlines()) == 5
    assert two.read_bytes() == one.read_bytes()


def test_a_killed_worker_fails_its_file_only(corpus: Path) -> None:
    (corpus / "crash-me.txt").write_bytes((corpus / "0_000_a7d024204d59770d.txt").read_bytes())
    paths = batch.collect([corpus])
    outcomes = list(parallel.run(paths, ExtractOptions(), workers=2, execute=crash_on_marked))
    assert [o.path for o in outcomes] == paths  # input order
    errors = {o.path.name: o.error for o in outcomes if o.error}
    assert errors[("crash-me.txt")] == \
        f"{corpus / 'crash-me.txt'}: worker process died (killed by SIGKILL)"
    assert set(errors) == {"crash-me.txt", "corrupt.docx"}
    assert sum(o.record is not None for o in outcomes) == 5  # the replacement worker went on


def test_skips_are_decided_before_shipping(corpus: Path) -> None:
    paths = batch.collect([corpus])
    asked: list[str] = []

    def is_done(file: str, sha256: str) -> bool:  # runs here, so it may be a closure
        asked.append(file)
        return file.endswith(".txt")

    outcomes = list(parallel.run(paths, ExtractOptions(), workers=2, is_done=is_done))
    assert asked == [str(p) for p in paths]
    assert [o.skipped for o in outcomes] == [p.suffix == ".txt" for p in paths]
    assert outcomes[-1].error.startswith(f"{corpus / 'corrupt.docx'}: corrupt or truncated DOCX")


def test_a_run_with_nothing_to_do_starts_no_worker(corpus: Path, monkeypatch) -> None:
    def no_worker(*args, **kwargs):
        raise AssertionError("a worker was started")

    monkeypatch.setattr(parallel, "_Worker", no_worker)
    paths = batch.collect([corpus])
    outcomes = list(parallel.run(paths, ExtractOptions(), workers=2,
                                 is_done=lambda file, sha: True))
    done = [o for o in outcomes if o.error is None]
    assert done and all(o.skipped for o in done)


@pytest.mark.parametrize("kwargs, message", [
    ({"engine": "spark"}, "unknown engine"),
    ({"workers": 0}, "at least 1"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler needs --engine dask"),
])
def test_bad_settings_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parallel.run([], ExtractOptions(), **kwargs)
