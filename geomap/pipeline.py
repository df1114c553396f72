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
from geomap.types import Article, Event, ParsedArticle, ResolvedPlace

if TYPE_CHECKING:
    from geomap.fates import Fates
    from geomap.ingest import IngestOptions

__all__ = ["BuildOptions", "RunSummary", "analyse", "run_pipeline"]

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
    ambiguous: int = 0
    no_place: int = 0
    no_event: int = 0
    merged: int = 0
    errors: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    #: ``--events`` files drawn beside the run's events -> how many events each gave.
    drawn: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """One human-readable summary line."""
        return (
            f"{self.articles} articles ({self.undated} undated), {self.mentions} place mentions "
            f"({self.resolved} resolved, {self.unresolved} unresolved), {self.events} events "
            f"({self.located_events} on the map, {self.ambiguous} ambiguous), "
            f"{self.no_place} articles with no place, {self.no_event} with places but no "
            f"event, {self.merged} events merged into others, {len(self.errors)} input errors"
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
    events: list[Event] = []
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
            events.extend(r.events or ())
    from geomap.events.namesakes import decide_places

    # an ambiguous place decided by the run's activity, as the build decides its events
    done = [
        (pa, decide_places(rs, events, day=pa.article.published))
        for pa, rs in (s for s in slots if s is not None)
    ]
    return [pa for pa, _ in done], [r for _, rs in done for r in rs]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How a build runs and what it writes (the ``geomap build`` options).

    ``formats`` are export formats among ``geojson``, ``gpkg``, ``csv``; ``map_name`` the
    HTML map's plain file name; ``self_contained`` inlines every script and stylesheet;
    ``cache`` reuses per-article results of earlier runs (incremental build) and stores new
    ones; ``workers`` and ``scheduler`` say where per-article work runs (see
    :func:`geomap.stages.run_stages`); ``report``, when given, is a CSV file that gets one
    line per input saying what became of it (:mod:`geomap.fates`); ``overlays`` are the
    user's own layers (a file that cannot be read is an input error, the map is drawn
    without it); ``events`` are event files from elsewhere (an ACLED export, another
    geomap export: :func:`geomap.acled.read_any_events`) drawn beside the run's events,
    not exported (a file that cannot be read is an input error too).
    """

    self_contained: bool = True
    formats: tuple[str, ...] = ("geojson", "gpkg", "csv")
    map_name: str = "conflict_map.html"
    cache: bool = True
    workers: int = 1
    scheduler: str = "local"
    report: Path | None = None
    #: GeoJSON/GeoPackage/KML files drawn as the user's own layers on the map.
    overlays: tuple[Path, ...] = ()
    #: Events from elsewhere (an ACLED export, another geomap export) drawn beside the
    #: run's own, a layer per file, under the same time control (not exported).
    events: tuple[Path, ...] = ()


def _out_folder(out_dir: str | Path, map_name: str) -> Path:
    if Path(map_name).name != map_name or map_name in {"", ".", ".."}:
        msg = f"map name must be a plain file name, got {map_name!r}"
        raise GeomapError(msg)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{out}: cannot create output folder ({exc.strerror})"
        raise GeomapError(msg) from exc
    return out


def run_pipeline(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    settings: Settings,
    options: BuildOptions | None = None,
    on_error: Callable[[InputError], None] | None = None,
    ingest: IngestOptions | None = None,
) -> RunSummary:
    """Build the map and exports for the articles in ``inputs``.

    Parameters
    ----------
    inputs
        Folders and files of any supported format.
    out_dir
        Folder for ``conflict_map.html`` and ``events.*``; created if missing.
    settings
        Run settings.
    options
        How the build runs and what it writes (:class:`BuildOptions`).
    on_error
        Called with each bad input; the run goes on with the others. When None,
        errors are collected in the summary.
    ingest
        How inputs are read (spreadsheet columns, ``keep_text`` folder).

    Returns
    -------
    RunSummary
        Counts, input errors and the files written.
    """
    from geomap.events import finish_events
    from geomap.fates import Fates

    options = options or BuildOptions()
    summary = RunSummary()

    def _collect(err: InputError) -> None:
        summary.errors.append(str(err))
        log.error("%s", err)
        if on_error is not None:
            on_error(err)

    from geomap._outputs import refuse_outputs_inside_inputs
    from geomap.render import read_overlays

    keep_text = ingest.keep_text if ingest else None
    refuse_outputs_inside_inputs(inputs, out=Path(out_dir), keep_text=keep_text)
    out = _out_folder(out_dir, options.map_name)
    layers = read_overlays(options.overlays, on_error=_collect)  # early: a bad file fails fast
    others = _external_events(options.events, _collect)
    summary.drawn = {str(p): len(o) for p, o in others}
    articles = read_inputs(inputs, on_error=_collect, options=ingest)
    fates = Fates(articles)
    # keep each article's events, not its parse: memory stays flat on large corpora
    per_article, produced = _code(articles, settings, options, summary, fates, on_error)
    if articles and not produced:  # every article failed: the previous outputs are worth more
        msg = f"no article could be processed ({len(articles)} failed); {out} left as it was"
        raise GeomapError(msg)
    raw = [ev for evs in per_article for ev in evs]
    events = finish_events(raw, days=settings.dedup_days, km=settings.dedup_km)
    log.info(
        "%d events from %d articles (%d before deduplication)", len(events), len(articles), len(raw)
    )
    fates.merged(raw, events)
    _count(summary, articles, events, fates)
    _write(out, events, settings, options, summary, (layers, [o for _, o in others]))
    if options.report is not None:
        summary.outputs["report"] = fates.write(options.report)
    log.info("%s", summary.line())
    log.info("%d articles processed, %d from the cache", summary.processed, summary.cached)
    for line in fates.lines(limit=None if log.isEnabledFor(logging.DEBUG) else 0):
        log.debug("%s", line)
    return summary


def _code(
    articles: Sequence[Article],
    settings: Settings,
    options: BuildOptions,
    summary: RunSummary,
    fates: Fates,
    on_error: Callable[[InputError], None] | None,
) -> tuple[list[tuple[Event, ...]], int]:
    """Every article's events (in input order), counting what the stages found, and how
    many articles gave a result (events or none)."""
    per_article: list[tuple[Event, ...]] = [() for _ in articles]
    produced = 0
    for r in run_stages(
        articles,
        settings=settings,
        cache=options.cache,
        workers=options.workers,
        scheduler=options.scheduler,
        progress=_progress(settings),
    ):
        summary.cached += r.cached
        summary.processed += not r.cached
        fates.took(r)
        if r.error:
            summary.errors.append(r.error)
            log_failure(r.index, r.error, r.trace)
            if on_error is not None:
                on_error(InputError(r.error))
            continue
        per_article[r.index] = r.events or ()
        produced += 1
        summary.mentions += r.mentions
        summary.unresolved += r.unresolved
    return per_article, produced


def _count(
    summary: RunSummary, articles: Sequence[Article], events: Sequence[Event], fates: Fates
) -> None:
    summary.articles = len(articles)
    summary.undated = sum(a.published is None for a in articles)
    summary.resolved = summary.mentions - summary.unresolved
    summary.events = len(events)
    summary.located_events = sum(
        e.latitude is not None and e.location_level != "country" and not e.alternatives
        for e in events
    )
    summary.ambiguous = sum(bool(e.alternatives) for e in events)
    summary.no_place, summary.no_event, summary.merged = fates.counts()


def _external_events(
    paths: Sequence[Path], on_error: Callable[[InputError], None]
) -> list[tuple[Path, Any]]:
    """Each ``--events`` file and its event table (one that cannot be read goes to
    ``on_error``)."""
    from geomap.acled import read_any_events

    out = []
    for path in paths:
        try:
            out.append((path, read_any_events(path)))
        except InputError as err:
            on_error(err)
    return out


def _write(
    out: Path,
    events: Sequence[Event],
    settings: Settings,
    options: BuildOptions,
    summary: RunSummary,
    extra: tuple[Sequence[Any], Sequence[Any]],
) -> None:
    """The exports and the map (with the user's ``extra`` overlays and other events),
    written as one set: staged, then swapped in together (:mod:`geomap._outputs`)."""
    from geomap._outputs import output_set
    from geomap.export import FORMATS, export_events
    from geomap.gazetteer.towns import labels_near
    from geomap.render import render_map, save_map
    from geomap.table import event_table, located_points, with_datasets

    layers, others = extra
    gdf = event_table(events, settings=settings)
    with output_set(out, names=[*FORMATS.values(), options.map_name]) as staged:
        written = dict(export_events(gdf, staged.staging, formats=tuple(options.formats)))
        shown = with_datasets(gdf, others)
        towns = labels_near(located_points(shown), settings)  # the map's offline place names
        fmap = render_map(
            shown,
            title="geomap: conflict events",
            self_contained=options.self_contained,
            towns=towns,
            overlays=layers,
        )
        written["html"] = save_map(fmap, staged.staging / options.map_name)
        summary.outputs = staged.commit(written)
