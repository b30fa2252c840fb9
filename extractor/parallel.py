"""Run the per-document function on several processes or a Dask cluster, in input order.

The main process reads and hashes every file (:func:`batch.prepare`), so what is already
done is skipped before any work is shipped, and workers need no access to the files: they
receive the bytes and run :func:`batch.execute`. Outcomes come back in input order
whatever finishes first, so N workers write the same bytes as one.

Engines:
  process  a pool of ``workers`` processes of this machine, each loading the models once
           (forkserver start, so workers do not inherit the parent's threads or database);
           a worker that dies (killed, out of memory) fails its file and is replaced.
  dask     a Dask distributed cluster: ``scheduler`` address, or a LocalCluster of
           ``workers`` processes (2 when ``workers`` is 1). Needs ``policyx[dask]``.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from . import batch
from .batch import Job, Outcome
from .errors import ConfigError, MissingDependency, PolicyxError
from .pipeline import ExtractOptions

ENGINES = ("process", "dask")
SCATTER_BYTES = 1 << 20
CONNECT_TIMEOUT = "20s"  # to reach a --scheduler
Execute = Callable[[Job, ExtractOptions, bool], Outcome]

# A short text that goes through every stage, so a worker's first real document does not
# pay for loading the dictionaries, the gazetteer and the spaCy pipeline.
WARM_TEXT = "广东省卫生健康委员会关于印发某方案的通知\n一、到2025年，全省县级医院覆盖率达到90%以上。\n"


def run(paths: list[Path], options: ExtractOptions, workers: int = 1, engine: str = "process",
        scheduler: str | None = None, debug: bool = False,
        is_done: Callable[[str, str], bool] | None = None,
        execute: Execute = batch.execute) -> Iterator[Outcome]:
    """Outcomes of ``paths``, in their order, computed by ``engine``.

    ``is_done(file, sha256)`` is asked in this process, before a file is shipped; a
    failure of one file is its Outcome's ``error``, never an exception. ``execute`` is the
    per-document function (it must be importable by the workers; tests replace it).

    >>> outs = run(files, ExtractOptions(), workers=2)  # doctest: +SKIP
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    if engine == "dask":
        return _dask(paths, options, workers, scheduler, debug, is_done, execute)
    if workers == 1 or len(paths) < 2:
        return _serial(paths, options, debug, is_done, execute)
    return _pool(paths, options, min(workers, len(paths)), debug, is_done, execute)


def warm(options: ExtractOptions) -> None:
    """Load what extraction loads lazily (dictionaries, gazetteer, pipeline), once."""
    batch.execute(Job(Path("warm-up.txt"), WARM_TEXT.encode("utf-8"), "0" * 64), options)


def _serial(paths: list[Path], options: ExtractOptions, debug: bool,
            is_done: Callable[[str, str], bool] | None, execute: Execute) -> Iterator[Outcome]:
    for path in paths:
        job = batch.prepare(path, options, debug, is_done)
        yield execute(job, options, debug) if isinstance(job, Job) else job


# ---------------------------------------------------------------- process pool


def _worker_main(conn: Any, options: ExtractOptions, debug: bool, execute: Execute) -> None:
    """A pool worker: warm up, then run the jobs sent down ``conn`` until told to stop."""
    # Ctrl-C reaches the whole process group; the parent decides, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        warm(options)
    except BaseException as e:  # reported by the parent as one line
        conn.send(("fatal", f"{type(e).__name__}: {e}"))
        return
    conn.send(("ready", None))
    try:
        while True:
            message = conn.recv()
            if message is None:
                return
            index, job = message
            conn.send(("done", (index, execute(job, options, debug))))
    except (EOFError, OSError):  # the parent is gone
        return


class _Worker:
    """One pool process, its end of the pipe, and the job it holds."""

    def __init__(self, ctx: Any, options: ExtractOptions, debug: bool, execute: Execute) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, options, debug, execute),
                                name="policyx-worker", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.index: int | None = None

    def send(self, index: int, job: Job) -> None:
        self.index = index
        self.conn.send((index, job))

    def cause_of_death(self) -> str:
        self.proc.join(5)
        code = self.proc.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exited with status {code}"

    def stop(self, wait_s: float) -> None:
        try:
            if self.proc.is_alive():
                self.conn.send(None)
        except OSError:
            pass
        self.proc.join(wait_s)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        # Workers fork from a server that imported the pipeline once, not from this process.
        ctx.set_forkserver_preload(["extractor.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


def _pool(paths: list[Path], options: ExtractOptions, workers: int, debug: bool,
          is_done: Callable[[str, str], bool] | None, execute: Execute) -> Iterator[Outcome]:
    todo = deque(enumerate(paths))
    # Files already done need no worker: the pool starts with the first file to extract
    # (a --resume over an unchanged folder starts none).
    first: tuple[int, Job | Outcome] | None = None
    while todo and first is None:
        i, path = todo.popleft()
        job = batch.prepare(path, options, debug, is_done)
        if isinstance(job, Job):
            first = (i, job)
        else:
            yield job
    if first is None:
        return
    ctx = _context()
    pool = [_Worker(ctx, options, debug, execute) for _ in range(min(workers, 1 + len(todo)))]
    prepared = deque([first])
    done: dict[int, Outcome] = {}
    # Files read ahead of the oldest unfinished one: bounds memory when one file is slow.
    window = 4 * workers
    head = first[0]
    clean_exit = False

    def feed() -> None:
        for w in pool:
            while w.ready and w.index is None and (prepared or (
                    todo and todo[0][0] < head + window)):
                if prepared:
                    i, job = prepared.popleft()
                else:
                    i, path = todo.popleft()
                    job = batch.prepare(path, options, debug, is_done)
                if isinstance(job, Job):
                    w.send(i, job)
                else:
                    done[i] = job

    try:
        while head < len(paths):
            feed()
            while head in done:
                yield done.pop(head)
                head += 1
                feed()  # the consumer may have been slow (a store write): keep workers busy
            if head >= len(paths):
                break
            waiting = [w for w in pool if not w.ready or w.index is not None]
            if not waiting:
                continue
            ready = set(wait([w.conn for w in waiting] + [w.proc.sentinel for w in waiting]))
            for k, w in enumerate(pool):
                if w.conn not in ready and w.proc.sentinel not in ready:
                    continue
                message = None
                if w.conn.poll():
                    try:
                        message = w.conn.recv()
                    except (EOFError, OSError):
                        message = None
                if message is None:
                    pool[k] = _replace(w, paths, done, ctx, options, debug, execute)
                    continue
                kind, payload = message
                if kind == "fatal":
                    raise PolicyxError(f"a worker process could not start: {payload}")
                if kind == "ready":
                    w.ready = True
                else:
                    index, outcome = payload
                    done[index] = outcome
                    w.index = None
        clean_exit = True
    finally:
        for w in pool:
            w.stop(5 if clean_exit else 0.5)


def _replace(w: _Worker, paths: list[Path], done: dict[int, Outcome], ctx: Any,
             options: ExtractOptions, debug: bool, execute: Execute) -> _Worker:
    """A worker died: fail the file it held and start another in its place."""
    cause = w.cause_of_death()
    w.conn.close()
    if not w.ready:
        raise PolicyxError(f"a worker process could not start ({cause})")
    if w.index is not None:
        path = paths[w.index]
        done[w.index] = Outcome(path, error=f"{path}: worker process died ({cause})")
    return _Worker(ctx, options, debug, execute)


# ---------------------------------------------------------------- dask


def _dask(paths: list[Path], options: ExtractOptions, workers: int, scheduler: str | None,
          debug: bool, is_done: Callable[[str, str], bool] | None,
          execute: Execute) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingDependency(
            "the dask engine needs dask.distributed: pip install 'policyx[dask]'") from None
    import logging

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(n_workers=workers if workers > 1 else 2, threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise PolicyxError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {e}") \
            from None
    window = max(8, 4 * len(client.scheduler_info().get("workers", {})))
    queue: deque[tuple[Path, Any]] = deque()
    try:
        for path in paths:
            job = batch.prepare(path, options, debug, is_done)
            if isinstance(job, Job):
                # Big files go to a worker first, not inside the task graph (dask warns there).
                arg = client.scatter(job, hash=False) if len(job.data) > SCATTER_BYTES else job
                # pure=False: a document submitted twice is extracted twice, not cached.
                queue.append((path, client.submit(execute, arg, options, debug, pure=False)))
            else:
                queue.append((path, job))
            while len(queue) >= window:
                yield _dask_result(*queue.popleft())
        while queue:
            yield _dask_result(*queue.popleft())
    finally:
        for _, item in queue:
            if not isinstance(item, Outcome):
                item.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_result(path: Path, item: Any) -> Outcome:
    if isinstance(item, Outcome):
        return item
    try:
        return item.result()
    except Exception as e:  # the task itself never raises: this is the cluster failing it
        return Outcome(path, error=f"{path}: dask task failed: {type(e).__name__}: {e}")
