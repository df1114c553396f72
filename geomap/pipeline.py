"""Glue: run every stage from article files to map and exports (no logic of its own).

The per-article stages (parse, geocode, events) run through
:func:`geomap.stages.run_stages`: once per article, cached (:mod:`geomap._cache`), in
this process, a local process pool or on Dask (:mod:`geomap._parallel`); the
cross-article stages (event deduplication, render, export) always run on the whole
corpus. Results are assembled in input order, so every path writes the same files.
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
from geomap.stages import read_inputs, run_stages
from geomap.types import Event, ParsedArticle, ResolvedPlace

if TYPE_CHECKING:
    from geomap.ingest import IngestOptions

__all__ = ["RunSummary", "analyse", "run_pipeline"]

log = logging.getLogger(__name__)


def log_failure(index: int, message: str, trace: str) -> None:
    """Report an article a stage failed on: the error line, and the traceback at ``-v``."""
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


def _progress(settings: Settings) -> Callable[[int, int], Any]:
    """A progress bar maker for :func:`geomap.stages.run_stages` (None: no bar)."""

    def bar(total: int, done: int) -> Any:
        if not _want_progress(settings) or total == done:
            return None
        from tqdm import tqdm

        return tqdm(total=total, initial=done, unit="article", desc="geomap", leave=False)

    return bar


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
    """Read, parse and geocode ``inputs`` (what ``geomap places`` reports).

    Parameters
    ----------
    inputs
        Folders and files of any supported format.
    settings
        Run settings.
    on_error
        Called with each bad input (None: the first one is raised), and with each article
        a stage failed on (None: logged); those articles are left out.
    cache, workers, scheduler
        See :func:`geomap.stages.run_stages`.
    ingest
        How inputs are read (spreadsheet columns, ``keep_text`` folder).

    Returns
    -------
    tuple
        The parsed articles (input order) and their resolved places (article then text order).
    """
    articles = read_inputs(inputs, on_error=on_error, options=ingest)
    slots: list[tuple[ParsedArticle, list[ResolvedPlace]] | None] = [None] * len(articles)
    for r in run_stages(
        articles,
        settings=settings,
        cache=cache,
        workers=workers,
        scheduler=scheduler,
        keep_parse=True,
        progress=_progress(settings),
    ):
        if r.error:
            if on_error is None:
                log_failure(r.index, r.error, r.trace)
                continue
            log.info("%s", r.trace.rstrip(), extra={"verbatim": True})
            on_error(InputError(r.error))
        elif r.parsed is not None:
            slots[r.index] = (r.parsed, list(r.resolved))
    done = [s for s in slots if s is not None]
    return [pa for pa, _ in done], [r for _, rs in done for r in rs]


def run_pipeline(  # noqa: PLR0913  (options grouped once the output set lands)
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
    from geomap.events import events_to_gdf, finish_events
    from geomap.export import export_events
    from geomap.gazetteer.towns import towns_for_events
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
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{out}: cannot create output folder ({exc.strerror})"
        raise GeomapError(msg) from exc
    articles = read_inputs(inputs, on_error=_collect, options=ingest)
    # keep each article's events, not its parse: memory stays flat on large corpora
    per_article: list[tuple[Event, ...]] = [() for _ in articles]
    for r in run_stages(
        articles,
        settings=settings,
        cache=cache,
        workers=workers,
        scheduler=scheduler,
        progress=_progress(settings),
    ):
        summary.cached += r.cached
        summary.processed += not r.cached
        if r.error:
            summary.errors.append(r.error)
            log_failure(r.index, r.error, r.trace)
            if on_error is not None:
                on_error(InputError(r.error))
            continue
        per_article[r.index] = r.events or ()
        summary.mentions += r.mentions
        summary.unresolved += r.unresolved
    raw = [ev for evs in per_article for ev in evs]
    events = finish_events(raw, days=settings.dedup_days, km=settings.dedup_km)
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
    summary.outputs = dict(export_events(gdf, out, formats=tuple(formats)))
    towns = towns_for_events(events, settings)  # the map's offline labels
    fmap = render_map(
        gdf, title="geomap: conflict events", self_contained=self_contained, towns=towns
    )
    summary.outputs["html"] = save_map(fmap, out / map_name)
    log.info("%s", summary.line())
    log.info("%d articles processed, %d from the cache", summary.processed, summary.cached)
    return summary
