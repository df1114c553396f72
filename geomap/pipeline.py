"""Glue: run every stage from article files to map and exports (no logic of its own).

The per-article stages (parse, geocode) run once per article and are cached
(:mod:`geomap._cache`), in this process, a local process pool or on Dask
(:mod:`geomap._parallel`); the cross-article stages (event deduplication, render,
export) always run on the whole corpus. Results are assembled in input order, so
every path writes the same files.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap._errors import GeomapError, InputError
from geomap.settings import Settings
from geomap.types import Article, Event, ParsedArticle, ResolvedPlace

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.ingest import IngestOptions

__all__ = ["RunSummary", "analyse", "analyse_articles", "run_pipeline", "with_theatre"]

log = logging.getLogger(__name__)

#: Called with (position in the run, parsed article, its resolved places).
ResultHandler = Callable[[int, ParsedArticle, list[ResolvedPlace]], None]
#: Called with (position, the article's events, its mention count, its unresolved count).
EventsHandler = Callable[[int, list[Event], int, int], None]
#: Called with (position, one-line error, traceback) for an article a stage failed on.
FailureHandler = Callable[[int, str, str], None]


def log_failure(index: int, message: str, trace: str) -> None:
    """Default :data:`FailureHandler`: the error line, and the traceback at ``-v``."""
    log.error("%s", message)
    log.info("%s", trace.rstrip(), extra={"verbatim": True})


@dataclass(slots=True)
class RunSummary:
    """What one run read, found and wrote.

    ``processed`` counts the articles parsed and geocoded in this run, ``cached``
    those whose results came from the per-article cache.
    """

    articles: int = 0
    undated: int = 0
    mentions: int = 0
    resolved: int = 0
    unresolved: int = 0
    events: int = 0
    located_events: int = 0
    processed: int = 0
    cached: int = 0
    errors: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    def line(self) -> str:
        """One human-readable summary line."""
        return (
            f"{self.articles} articles ({self.undated} undated), {self.mentions} place mentions "
            f"({self.resolved} resolved, {self.unresolved} unresolved), {self.events} events "
            f"({self.located_events} on the map), {len(self.errors)} input errors"
        )


def _want_progress(settings: Settings) -> bool:
    return sys.stderr.isatty() if settings.progress is None else settings.progress


def analyse_articles(
    articles: Sequence[Article],
    *,
    settings: Settings,
    on_result: ResultHandler,
    cache: bool = True,
    workers: int = 1,
    scheduler: str = "local",
    on_events: EventsHandler | None = None,
    on_failure: FailureHandler = log_failure,
) -> tuple[int, int]:
    """Run the per-article stages (parse + geocode) over ``articles``.

    Parameters
    ----------
    articles
        Articles from :func:`geomap.ingest.read_articles`.
    settings
        Run settings; per-article results are cached under ``settings.cache_dir``.
    on_result
        Called once per article with its position, parsed record and resolved
        places: first for cache hits, then chunk by chunk as work completes.
    cache
        Reuse and store per-article results.
    workers
        Worker processes (1: this process).
    scheduler
        ``"local"`` or ``"dask"`` (``dask.distributed``).
    on_events
        When given, it is called with (position, events, mentions, unresolved) instead
        of ``on_result`` wherever the events are at hand: cache hits (read from a small
        per-article events entry) and local worker processes, which code each article's
        events themselves (nothing large crosses process boundaries).
    on_failure
        Called for each article that a stage raised an unexpected exception on (a bug,
        isolated to that article: it is skipped and not cached, the run goes on).

    Returns
    -------
    tuple of int
        ``(processed, cached)`` article counts.
    """
    from geomap._cache import ArticleCache, pipeline_version
    from geomap._parallel import check_scheduler, failed, run_chunks
    from geomap.events import article_events
    from geomap.gazetteer import load_gazetteer

    check_scheduler(scheduler, workers)
    gaz = load_gazetteer(settings, progress=settings.progress)
    try:
        settings = with_theatre(settings, articles, gaz)
        store = None
        if cache:
            version = pipeline_version(settings, gaz.build_meta)
            # a build reads events entries only; parse entries serve `geomap places`
            store = ArticleCache(settings.cache_dir / "articles", version, parses=on_events is None)
            store.prune()
        todo: list[tuple[int, Article]] = []
        hits = 0
        for i, article in enumerate(articles):
            if store is not None and on_events is not None:
                small = store.get_events(article)
                if small is not None:
                    hits += 1
                    on_events(i, *small)
                    continue
            got = store.get(article) if store is not None else None
            if got is None:
                todo.append((i, article))
                continue
            hits += 1
            if store is not None and on_events is not None:
                try:
                    evs = article_events(*got)
                except Exception as exc:  # noqa: BLE001 - fault isolation (geomap._parallel)
                    r = failed(i, article, exc)
                    on_failure(i, r.error, r.trace)
                    continue
                n_un = sum(r.method == "unresolved" for r in got[1])
                store.put_events(article, evs, len(got[1]), n_un)
                on_events(i, evs, len(got[1]), n_un)
            else:
                on_result(i, got[0], got[1])
        log.info("%d articles to process, %d from the cache", len(todo), hits)

        def local_state() -> tuple[Any, Gazetteer]:
            from geomap.places import load_model

            return load_model(settings.model), gaz

        bar = _progress(len(articles), hits, settings=settings)
        try:
            for results in run_chunks(
                todo,
                settings=settings,
                cache=store,
                workers=workers,
                scheduler=scheduler,
                local_state=local_state,
                events_only=on_events is not None,
            ):
                for r in results:
                    if r.error:
                        on_failure(r.index, r.error, r.trace)
                    elif on_events is not None and r.events is not None:
                        on_events(r.index, list(r.events), r.mentions, r.unresolved)
                    elif r.parsed is not None:
                        on_result(r.index, r.parsed, list(r.resolved))
                if bar is not None:
                    bar.update(len(results))
        finally:
            if bar is not None:
                bar.close()
    finally:
        gaz.close()
    return len(todo), hits


def with_theatre(settings: Settings, articles: Sequence[Article], gaz: Gazetteer) -> Settings:
    """``settings`` with the run's theatre found in a first pass (kept when already set).

    The theatre is a setting, so it reaches worker processes and Dask with the rest; it
    is left out of the per-article cache key (see :mod:`geomap.theatre`).
    """
    if settings.theatre:
        return settings
    from dataclasses import replace

    from geomap.theatre import find_theatre

    theatre = find_theatre((a.text for a in articles), gaz)
    log.info("theatre: %s", ", ".join(f"{k} {v:.1f}" for k, v in theatre) or "none")
    return replace(settings, theatre=theatre)


def _progress(total: int, done: int, *, settings: Settings) -> Any:
    if not _want_progress(settings) or total == done:
        return None
    from tqdm import tqdm

    return tqdm(total=total, initial=done, unit="article", desc="geomap", leave=False)


def analyse(
    inputs: Sequence[str | Path],
    *,
    settings: Settings,
    on_error: Callable[[InputError], None] | None = None,
    cache: bool = True,
    workers: int = 1,
    scheduler: str = "local",
    ingest: IngestOptions | None = None,
) -> tuple[list[ParsedArticle], list[ResolvedPlace]]:
    """Read, parse and geocode ``inputs`` (the shared front half of every command).

    Parameters
    ----------
    inputs
        Folders, ``.txt`` and ``.jsonl`` files.
    settings
        Run settings.
    on_error
        Called with each bad input (None: the first one is raised), and with each article
        a stage failed on (None: logged); those articles are left out.
    cache, workers, scheduler
        See :func:`analyse_articles`.
    ingest
        How inputs are read (spreadsheet columns, ``keep_text`` folder).

    Returns
    -------
    tuple
        The parsed articles (input order) and their resolved places (article then text order).
    """
    from geomap.ingest import read_articles

    articles = read_articles(inputs, on_error=on_error, options=ingest)
    if not articles:
        msg = f"no readable articles in {', '.join(map(str, inputs))}"
        raise InputError(msg)
    slots: list[tuple[ParsedArticle, list[ResolvedPlace]] | None] = [None] * len(articles)

    def keep(i: int, pa: ParsedArticle, rs: list[ResolvedPlace]) -> None:
        slots[i] = (pa, rs)

    def fail(i: int, message: str, trace: str) -> None:
        if on_error is None:
            log_failure(i, message, trace)
            return
        log.info("%s", trace.rstrip(), extra={"verbatim": True})
        on_error(InputError(message))

    analyse_articles(
        articles,
        settings=settings,
        on_result=keep,
        cache=cache,
        workers=workers,
        scheduler=scheduler,
        on_failure=fail,
    )
    done = [s for s in slots if s is not None]
    return [pa for pa, _ in done], [r for _, rs in done for r in rs]


def run_pipeline(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    settings: Settings,
    self_contained: bool = True,
    formats: Sequence[str] = ("geojson", "gpkg", "csv"),
    map_name: str = "conflict_map.html",
    on_error: Callable[[InputError], None] | None = None,
    cache: bool = True,
    workers: int = 1,
    scheduler: str = "local",
    ingest: IngestOptions | None = None,
) -> RunSummary:
    """Build the map and exports for the articles in ``inputs``.

    Parameters
    ----------
    inputs
        Folders of ``.txt`` articles (with an optional ``manifest.csv``), ``.txt``
        files or ``.jsonl`` files.
    out_dir
        Folder for ``conflict_map.html`` and ``events.*``; created if missing.
    settings
        Run settings.
    self_contained
        Inline every script and stylesheet into the HTML.
    formats
        Export formats among ``geojson``, ``gpkg``, ``csv``.
    map_name
        File name of the HTML map (a plain file name).
    on_error
        Called with each bad input; the run goes on with the others. When None,
        errors are collected in the summary.
    cache
        Reuse per-article results of earlier runs (incremental build) and store new ones.
    workers
        Worker processes for the per-article stages.
    scheduler
        ``"local"`` (this machine) or ``"dask"`` (``dask.distributed``).
    ingest
        How inputs are read (spreadsheet columns, ``keep_text`` folder).

    Returns
    -------
    RunSummary
        Counts, input errors and the files written.
    """
    from geomap._outputs import output_set, refuse_outputs_inside_inputs
    from geomap._parallel import failed
    from geomap.events import article_events, dedupe_events, events_to_gdf
    from geomap.export import FORMATS, export_events
    from geomap.gazetteer.towns import towns_for_events
    from geomap.ingest import read_articles
    from geomap.render import render_map, save_map

    summary = RunSummary()

    def _collect(err: InputError) -> None:
        summary.errors.append(str(err))
        log.error("%s", err)
        if on_error is not None:
            on_error(err)

    if Path(map_name).name != map_name or map_name in {"", ".", ".."}:
        msg = f"map name must be a plain file name, got {map_name!r}"
        raise GeomapError(msg)
    out = Path(out_dir)
    refuse_outputs_inside_inputs(inputs, out=out, keep_text=ingest.keep_text if ingest else None)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{out}: cannot create output folder ({exc.strerror})"
        raise GeomapError(msg) from exc
    articles = read_articles(inputs, on_error=_collect, options=ingest)
    if not articles:
        msg = f"no readable articles in {', '.join(map(str, inputs))}"
        raise InputError(msg)
    # keep each article's events, not its parse: memory stays flat on large corpora
    per_article: list[list[Event]] = [[] for _ in articles]

    produced = [False] * len(articles)  # an article with a result (events or none)

    def take_events(i: int, evs: list[Event], mentions: int, unresolved: int) -> None:
        per_article[i] = evs
        produced[i] = True
        summary.mentions += mentions
        summary.unresolved += unresolved

    def fail(i: int, message: str, trace: str) -> None:
        summary.errors.append(message)
        log_failure(i, message, trace)
        if on_error is not None:
            on_error(InputError(message))

    def take(i: int, pa: ParsedArticle, rs: list[ResolvedPlace]) -> None:
        n_un = sum(r.method == "unresolved" for r in rs)
        try:
            evs = article_events(pa, rs)
        except Exception as exc:  # noqa: BLE001 - fault isolation (geomap._parallel)
            r = failed(i, pa.article, exc)
            fail(i, r.error, r.trace)
            return
        take_events(i, evs, len(rs), n_un)

    summary.processed, summary.cached = analyse_articles(
        articles,
        settings=settings,
        on_result=take,
        cache=cache,
        workers=workers,
        scheduler=scheduler,
        on_events=take_events,
        on_failure=fail,
    )
    if not any(produced):  # every article failed: the previous outputs are worth more
        msg = f"no article could be processed ({len(articles)} failed); {out} left as it was"
        raise GeomapError(msg)
    raw = [ev for evs in per_article for ev in evs]
    events = dedupe_events(raw, days=settings.dedup_days, km=settings.dedup_km)
    log.info(
        "%d events from %d articles (%d before deduplication)", len(events), len(articles), len(raw)
    )
    summary.articles = len(articles)
    summary.undated = sum(a.published is None for a in articles)
    summary.resolved = summary.mentions - summary.unresolved
    summary.events = len(events)
    summary.located_events = sum(
        e.latitude is not None and e.location_level != "country" for e in events
    )
    gdf = events_to_gdf(events)
    # written as one set: staged, then swapped in together (geomap._outputs)
    with output_set(out, names=[*FORMATS.values(), map_name]) as staged:
        written = dict(export_events(gdf, staged.staging, formats=tuple(formats)))
        towns = towns_for_events(events, settings)  # the map's offline labels
        fmap = render_map(
            gdf, title="geomap: conflict events", self_contained=self_contained, towns=towns
        )
        written["html"] = save_map(fmap, staged.staging / map_name)
        summary.outputs = staged.commit(written)
    log.info("%s", summary.line())
    log.info("%d articles processed, %d from the cache", summary.processed, summary.cached)
    return summary
