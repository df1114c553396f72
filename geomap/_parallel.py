"""Pipeline glue: run the per-article stages in one process, a local process pool or on
a Dask cluster.

The work is cut into fixed chunks of articles in input order; each chunk goes through
:func:`geomap.stages.code_chunk` (parse in ``nlp.pipe`` batches, geocode, events) in a
worker that loads the spaCy model and the gazetteer once (:func:`_worker_state`).
Results come back in input order whatever ran them, so every path gives the same
output.

* ``workers=1``: in this process, with the caller's model and gazetteer;
* ``workers=N``: this process and N - 1 spawned worker processes
  (``concurrent.futures``) taking chunks from one queue; each worker parses, geocodes
  and writes its cache entries itself, so only plain records cross process boundaries;
* ``scheduler="dask"``: ``dask.distributed``: the cluster at the configured
  ``scheduler-address`` (``$DASK_SCHEDULER_ADDRESS``), else a ``LocalCluster`` of
  ``workers`` single-threaded processes; results return to this process, which
  writes the cache.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from geomap.settings import Settings
from geomap.stages import BATCH_SIZE, ArticleResult, code_chunk
from geomap.types import Article

if TYPE_CHECKING:
    from geomap._cache import ArticleCache
    from geomap.gazetteer import Gazetteer

__all__ = ["SCHEDULERS", "check_scheduler", "long_run_gc", "run_chunks"]

log = logging.getLogger(__name__)

SCHEDULERS = ("local", "dask")


@functools.cache
def _worker_state(settings: Settings) -> tuple[Any, Gazetteer]:
    """The model and gazetteer of this worker process, loaded on first use."""
    from geomap.gazetteer import load_gazetteer
    from geomap.places import load_model

    return load_model(settings.model), load_gazetteer(settings, progress=False)


def _run_chunk(
    chunk: Sequence[tuple[int, Article]],
    settings: Settings,
    cache: ArticleCache | None,
    keep_parse: bool = True,
) -> list[ArticleResult]:
    """Worker task: one chunk through the per-article stages (results cached when asked)."""
    return code_chunk(chunk, settings, cache, _worker_state(settings), keep_parse)


#: Young-generation threshold during a run (CPython's default is 700).
_GC_GEN0 = 10_000


@contextlib.contextmanager
def long_run_gc() -> Iterator[None]:
    """Garbage-collector settings for a long run of the per-article stages, then restored.

    Parsing allocates millions of small tuples and lists that live until their article
    is done; with CPython's defaults the collector runs every 700 allocations and its
    full passes re-scan the loaded model and gazetteer each time (~1.5% of a build).
    Inside: objects alive on entry are frozen (never scanned; back to normal on exit)
    and the young generation is collected every 10,000 allocations.
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_GC_GEN0, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _pool_worker_gc() -> None:
    """Initializer of local worker processes: :func:`long_run_gc`'s young-generation threshold
    for the worker's lifetime (the worker is ours; Dask's are not touched)."""
    gc.set_threshold(_GC_GEN0, *gc.get_threshold()[1:])


def check_scheduler(scheduler: str, workers: int) -> None:
    """Raise :class:`~geomap._errors.GeomapError` for an unknown scheduler or < 1 worker."""
    from geomap._errors import GeomapError

    if scheduler not in SCHEDULERS:
        msg = f"unknown scheduler {scheduler!r} (use {' or '.join(SCHEDULERS)})"
        raise GeomapError(msg)
    if workers < 1:
        msg = f"workers must be at least 1, got {workers}"
        raise GeomapError(msg)


def _chunks(
    todo: Sequence[tuple[int, Article]], size: int, *, tail: int = 0
) -> list[Sequence[tuple[int, Article]]]:
    """Cut ``todo`` in chunks of ``size``; the last ``tail`` articles in chunks of ``size // 4``.

    Workers take chunks in order as they free up, so the run ends when the last chunk
    does: small final chunks keep one worker from finishing a full chunk alone while the
    others wait (a 64-article chunk takes about 4 s on one CPU).
    """
    cut = max(0, len(todo) - tail)
    small = max(1, size // 4)
    return [todo[k : min(k + size, cut)] for k in range(0, cut, size)] + [
        todo[k : k + small] for k in range(cut, len(todo), small)
    ]


def run_chunks(
    todo: Sequence[tuple[int, Article]],
    *,
    settings: Settings,
    cache: ArticleCache | None,
    workers: int = 1,
    scheduler: str = "local",
    chunk_size: int = 4 * BATCH_SIZE,
    local_state: Callable[[], tuple[Any, Gazetteer]] | None = None,
    keep_parse: bool = True,
) -> Iterator[list[ArticleResult]]:
    """Run the per-article stages over ``todo`` (``(index, article)`` pairs), chunk by chunk.

    Parameters
    ----------
    todo
        The articles to process, with their positions in the run.
    settings
        Run settings (sent to every worker).
    cache
        Where to store each result (None: not stored).
    workers
        Worker processes (local) or LocalCluster workers (dask).
    scheduler
        ``"local"`` or ``"dask"``.
    chunk_size
        Most articles per task (fewer when that leaves a worker idle).
    local_state
        Returns the model and gazetteer for in-process work (``workers=1``).
    keep_parse
        Send back each article's parse with its events and counts (else the events and
        counts only: less to pickle, less memory here).

    Yields
    ------
    list of ArticleResult
        One list per chunk, chunks in input order.
    """
    check_scheduler(scheduler, workers)
    tail = 0
    if workers > 1 or scheduler == "dask":  # enough tasks to keep every worker busy
        chunk_size = max(1, min(chunk_size, -(-len(todo) // (4 * workers))))
        tail = 2 * workers * chunk_size
    chunks = _chunks(todo, chunk_size, tail=tail)
    if not chunks:
        return
    if scheduler == "dask":
        yield from _run_dask(
            chunks, settings=settings, cache=cache, workers=workers, keep_parse=keep_parse
        )
    elif workers == 1 or len(chunks) == 1:
        state = local_state() if local_state is not None else _worker_state(settings)
        with long_run_gc():
            for chunk in chunks:
                yield code_chunk(chunk, settings, cache, state, keep_parse)
    else:
        yield from _run_pool(
            chunks,
            settings=settings,
            cache=cache,
            workers=workers,
            keep_parse=keep_parse,
            local_state=local_state,
        )


def _run_pool(
    chunks: Sequence[Sequence[tuple[int, Article]]],
    *,
    settings: Settings,
    cache: ArticleCache | None,
    workers: int,
    keep_parse: bool,
    local_state: Callable[[], tuple[Any, Gazetteer]] | None = None,
) -> Iterator[list[ArticleResult]]:
    """The chunks on ``workers - 1`` spawned processes and this one, from one queue.

    This process would otherwise sit idle while the workers start, load their models
    and work: it takes chunks from the same queue (the first one while they start), and
    a worker that finishes a chunk takes the next one left. Results are yielded in input
    order as soon as they and all before them are done.
    """
    import multiprocessing
    import threading
    from concurrent.futures import Future, ProcessPoolExecutor

    k = len(chunks)
    n = min(workers - 1, k - 1)
    log.info("processing %d chunks here and on %d local worker processes", k, n)
    # spawn: no fork of a process holding threads, sqlite connections or a loaded model
    # (a fork server that preloads spaCy and the model saved no time on 2 CPUs)
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_pool_worker_gc)
    queue = iter(range(k))
    lock = threading.Lock()
    futures: dict[int, Future[list[ArticleResult]]] = {}
    stopping = threading.Event()

    def take() -> int | None:
        with lock:
            return next(queue, None)

    def submit_next(_done: object = None) -> None:  # also a done-callback
        with lock:  # a chunk taken is a future known (the last loop below reads it)
            i = None if stopping.is_set() else next(queue, None)
            if i is None:
                return
            try:
                fut = pool.submit(_run_chunk, chunks[i], settings, cache, keep_parse)
            except RuntimeError as exc:  # shut down, or broken: the error at its place
                futures[i] = Future()
                futures[i].set_exception(exc)
                return
            futures[i] = fut
        fut.add_done_callback(submit_next)

    here: dict[int, list[ArticleResult]] = {}
    first = take()
    for _ in range(n):
        submit_next()
    try:
        state = local_state() if local_state is not None else _worker_state(settings)
        nxt = 0
        with long_run_gc():
            i = first
            while i is not None:
                here[i] = code_chunk(chunks[i], settings, cache, state, keep_parse)
                while nxt in here or (nxt in futures and futures[nxt].done()):
                    yield here.pop(nxt) if nxt in here else futures.pop(nxt).result()
                    nxt += 1
                i = take()
        for j in range(nxt, k):  # what the workers still hold
            yield here.pop(j) if j in here else futures.pop(j).result()
    finally:
        stopping.set()
        # every task is done (or the caller stopped early): the workers' interpreter
        # teardown (~0.4 s with a model loaded) overlaps the caller's output stage
        pool.shutdown(wait=False, cancel_futures=True)


def _run_dask(
    chunks: Sequence[Sequence[tuple[int, Article]]],
    *,
    settings: Settings,
    cache: ArticleCache | None,
    workers: int,
    keep_parse: bool,
) -> Iterator[list[ArticleResult]]:
    """The chunks on Dask: the workers write no cache, this process stores their results."""
    import contextlib

    import dask
    import dask.distributed

    dd: Any = dask.distributed  # untyped

    address = dask.config.get("scheduler-address", None)
    with contextlib.ExitStack() as stack:
        if address:
            log.info("processing %d chunks on the Dask cluster at %s", len(chunks), address)
            client = stack.enter_context(dd.Client(address))
        else:
            log.info("processing %d chunks on a local Dask cluster of %d", len(chunks), workers)
            cluster = stack.enter_context(
                dd.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            )
            client = stack.enter_context(dd.Client(cluster))
        futures = client.map(
            _run_chunk, chunks, settings=settings, cache=None, keep_parse=keep_parse, pure=False
        )
        for chunk, fut in zip(chunks, futures, strict=True):
            results: list[ArticleResult] = fut.result()
            if cache is not None:
                _store(cache, chunk, results)
            fut.release()
            yield results


def _store(
    cache: ArticleCache, chunk: Sequence[tuple[int, Article]], results: Sequence[ArticleResult]
) -> None:
    """Store the results of a chunk computed elsewhere (parse entries when they came back)."""
    articles = dict(chunk)
    for r in results:
        if r.error or r.events is None:
            continue
        if r.parsed is not None:
            cache.store(articles[r.index], r.parsed, r.resolved, r.events, r.unresolved)
        else:
            cache.put_events(articles[r.index], r.events, r.mentions, r.unresolved)
