"""Pipeline glue: run the per-article stages (parse + geocode) in one process, a local
process pool or on a Dask cluster.

The work is cut into fixed chunks of articles in input order; each chunk runs
:func:`geomap.places.parse_articles` (``nlp.pipe`` batches) and
:func:`geomap.geocode.geocode_mentions` in a worker that loads the spaCy model and the
gazetteer once (:func:`_worker_state`). Results come back in input order whatever ran
them, so every path gives the same output.

* ``workers=1``: in this process, with the caller's model and gazetteer;
* ``workers=N``: N spawned worker processes (``concurrent.futures``); each worker
  parses, geocodes and writes its cache entries itself, so only plain records cross
  process boundaries;
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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.events import article_events
from geomap.settings import Settings
from geomap.types import Article, Event, ParsedArticle, ResolvedPlace

if TYPE_CHECKING:
    from geomap._cache import ArticleCache
    from geomap.gazetteer import Gazetteer

__all__ = [
    "SCHEDULERS",
    "ArticleResult",
    "check_scheduler",
    "failed",
    "internal_error",
    "process_articles",
    "run_chunks",
]

log = logging.getLogger(__name__)

SCHEDULERS = ("local", "dask")
#: Articles per ``nlp.pipe`` batch (and the unit chunks are cut in).
BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The per-article stages' output for one article (position ``index`` in the run).

    ``events`` are the article's events before cross-article deduplication (None when
    not coded); with ``events_only`` tasks ``parsed`` is None and ``resolved`` empty.
    """

    index: int
    parsed: ParsedArticle | None
    resolved: tuple[ResolvedPlace, ...]
    events: tuple[Event, ...] | None = None
    mentions: int = 0
    unresolved: int = 0
    #: When the article could not be processed: its one-line error and the traceback.
    error: str = ""
    trace: str = ""


def internal_error(article: Article, exc: BaseException) -> str:
    """The one-line report of an unexpected exception while processing ``article``."""
    name = article.path or article.id
    if article.path.endswith(".jsonl"):  # many articles share the file: name the record
        name = f"{article.path} ({article.id})"
    what = " ".join(str(exc).split())[:300]
    return (
        f"{name}: internal error while coding events ({type(exc).__name__}: {what}); please report"
    )


def failed(index: int, article: Article, exc: BaseException) -> ArticleResult:
    """The result of an article whose processing raised ``exc`` (the run goes on)."""
    import traceback

    trace = "".join(traceback.format_exception(exc))
    return ArticleResult(index, None, (), error=internal_error(article, exc), trace=trace)


def process_articles(
    articles: Sequence[Article],
    *,
    settings: Settings,
    nlp: Any = None,
    gazetteer: Gazetteer,
    batch_size: int = BATCH_SIZE,
) -> list[tuple[ParsedArticle, list[ResolvedPlace]]]:
    """Parse and geocode ``articles``; return each article's record and resolved places."""
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    if not articles:
        return []
    parsed = parse_articles(
        articles, settings=settings, nlp=nlp, gazetteer=gazetteer, batch_size=batch_size
    )
    resolved = geocode_mentions(parsed, gazetteer, settings=settings)
    out: list[tuple[ParsedArticle, list[ResolvedPlace]]] = []
    k = 0
    for pa in parsed:
        n = len(pa.mentions)
        out.append((pa, resolved[k : k + n]))
        k += n
    if k != len(resolved):  # geocode_mentions returns one record per mention, in order
        msg = f"geocoding returned {len(resolved)} records for {k} mentions"
        raise RuntimeError(msg)
    return out


@functools.cache
def _worker_state(settings: Settings) -> tuple[Any, Gazetteer]:
    """The model and gazetteer of this worker process, loaded on first use."""
    from geomap.gazetteer import load_gazetteer
    from geomap.places import load_model

    return load_model(settings.model), load_gazetteer(settings, progress=False)


def _process_chunk(
    chunk: Sequence[tuple[int, Article]],
    settings: Settings,
    cache: ArticleCache | None,
    state: tuple[Any, Gazetteer],
    events_only: bool = False,
) -> list[ArticleResult]:
    nlp, gaz = state
    done: list[tuple[ParsedArticle, list[ResolvedPlace]] | BaseException]
    try:
        done = list(
            process_articles([a for _, a in chunk], settings=settings, nlp=nlp, gazetteer=gaz)
        )
    except Exception:  # noqa: BLE001 - a bug hit by one article: find it, keep the others
        log.debug("chunk of %d articles failed; processing them one by one", len(chunk))
        done = [_process_one(article, settings, nlp, gaz) for _, article in chunk]
    out = []
    for (i, article), got in zip(chunk, done, strict=True):
        if isinstance(got, BaseException):
            out.append(failed(i, article, got))
            continue
        pa, rs = got
        evs: tuple[Event, ...] | None = None
        n_un = sum(r.method == "unresolved" for r in rs)
        if cache is not None or events_only:
            try:
                evs = tuple(article_events(pa, rs))
            except Exception as exc:  # noqa: BLE001 - fault isolation, see _process_one
                out.append(failed(i, article, exc))
                continue
        if cache is not None:
            assert evs is not None
            cache.store(article, pa, rs, evs, n_un)
        if events_only:
            out.append(ArticleResult(i, None, (), evs, len(rs), n_un))
        else:
            out.append(ArticleResult(i, pa, tuple(rs), evs, len(rs), n_un))
    return out


def _process_one(
    article: Article, settings: Settings, nlp: Any, gaz: Gazetteer
) -> tuple[ParsedArticle, list[ResolvedPlace]] | Exception:
    """Parse and geocode one article; an unexpected exception is returned, not raised.

    Fault isolation: a bug that one odd article triggers in a per-article stage costs
    that article (reported as one error line, exit code 3), never the run.
    """
    try:
        return process_articles([article], settings=settings, nlp=nlp, gazetteer=gaz)[0]
    except Exception as exc:  # noqa: BLE001 - reported by the caller with its traceback
        return exc


def _run_chunk(
    chunk: Sequence[tuple[int, Article]],
    settings: Settings,
    cache: ArticleCache | None,
    events_only: bool = False,
) -> list[ArticleResult]:
    """Worker task: parse and geocode one chunk (and cache the results when asked)."""
    return _process_chunk(chunk, settings, cache, _worker_state(settings), events_only)


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
    events_only: bool = False,
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
    events_only
        Worker processes send back each article's events and counts, not its parse
        (less to pickle, less memory here); in-process work always keeps the parse.

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
        yield from _run_dask(chunks, settings=settings, cache=cache, workers=workers)
    elif workers == 1 or len(chunks) == 1:
        state = local_state() if local_state is not None else _worker_state(settings)
        with long_run_gc():
            for chunk in chunks:
                yield _process_chunk(chunk, settings, cache, state)
    else:
        yield from _run_pool(
            chunks, settings=settings, cache=cache, workers=workers, events_only=events_only
        )


def _run_pool(
    chunks: Sequence[Sequence[tuple[int, Article]]],
    *,
    settings: Settings,
    cache: ArticleCache | None,
    workers: int,
    events_only: bool,
) -> Iterator[list[ArticleResult]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    n = min(workers, len(chunks))
    log.info("processing %d chunks on %d local worker processes", len(chunks), n)
    # spawn: no fork of a process holding threads, sqlite connections or a loaded model
    # (a fork server that preloads spaCy and the model saved no time on 2 CPUs)
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_pool_worker_gc)
    try:
        k = len(chunks)
        yield from pool.map(_run_chunk, chunks, [settings] * k, [cache] * k, [events_only] * k)
    finally:
        # every task is done (or the caller stopped early): the workers' interpreter
        # teardown (~0.4 s with a model loaded) overlaps the caller's output stage
        pool.shutdown(wait=False, cancel_futures=True)


def _run_dask(
    chunks: Sequence[Sequence[tuple[int, Article]]],
    *,
    settings: Settings,
    cache: ArticleCache | None,
    workers: int,
) -> Iterator[list[ArticleResult]]:
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
        futures = client.map(_run_chunk, chunks, settings=settings, cache=None, pure=False)
        for fut in futures:
            results: list[ArticleResult] = fut.result()
            if cache is not None:
                for r in results:
                    if r.parsed is not None:
                        evs = (
                            r.events
                            if r.events is not None
                            else article_events(r.parsed, r.resolved)
                        )
                        cache.store(r.parsed.article, r.parsed, r.resolved, evs, r.unresolved)
            fut.release()
            yield results
