"""Glue: run every stage from article files to map and exports (no logic of its own)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import GeomapError, InputError
from .settings import Settings
from .types import Event, ParsedArticle, ResolvedPlace

__all__ = ["RunSummary", "analyse", "run_pipeline"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunSummary:
    """What one run read, found and wrote."""

    articles: int = 0
    undated: int = 0
    mentions: int = 0
    resolved: int = 0
    unresolved: int = 0
    events: int = 0
    located_events: int = 0
    errors: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    def line(self) -> str:
        """One human-readable summary line."""
        return (
            f"{self.articles} articles ({self.undated} undated), {self.mentions} place mentions "
            f"({self.resolved} resolved, {self.unresolved} unresolved), {self.events} events "
            f"({self.located_events} on the map), {len(self.errors)} input errors"
        )


def analyse(
    inputs: Sequence[str | Path],
    *,
    settings: Settings,
    on_error: Callable[[InputError], None] | None = None,
) -> tuple[list[ParsedArticle], list[ResolvedPlace]]:
    """Read, parse and geocode ``inputs`` (the shared front half of every command)."""
    from .gazetteer import load_gazetteer
    from .geocode import geocode_mentions
    from .ingest import read_articles
    from .places import parse_articles

    articles = read_articles(inputs, on_error=on_error)
    if not articles:
        msg = f"no readable articles in {', '.join(map(str, inputs))}"
        raise InputError(msg)
    gaz = load_gazetteer(settings, progress=settings.progress)
    try:
        parsed = parse_articles(articles, settings=settings, gazetteer=gaz)
        resolved = geocode_mentions(parsed, gaz, settings=settings)
    finally:
        gaz.close()
    return parsed, resolved


def run_pipeline(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    settings: Settings,
    self_contained: bool = True,
    formats: Sequence[str] = ("geojson", "gpkg", "csv"),
    map_name: str = "conflict_map.html",
    on_error: Callable[[InputError], None] | None = None,
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
        File name of the HTML map.
    on_error
        Called with each bad input; the run goes on with the others. When None,
        errors are collected in the summary.
    """
    from .events import build_events, events_to_gdf
    from .export import export_events
    from .render import render_map, save_map

    summary = RunSummary()

    def _collect(err: InputError) -> None:
        summary.errors.append(str(err))
        log.error("%s", err)
        if on_error is not None:
            on_error(err)

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{out}: cannot create output folder ({exc.strerror})"
        raise GeomapError(msg) from exc
    parsed, resolved = analyse(inputs, settings=settings, on_error=_collect)
    events: list[Event] = build_events(parsed, resolved, settings=settings)
    summary.articles = len(parsed)
    summary.undated = sum(p.article.published is None for p in parsed)
    summary.mentions = len(resolved)
    summary.unresolved = sum(r.method == "unresolved" for r in resolved)
    summary.resolved = summary.mentions - summary.unresolved
    summary.events = len(events)
    summary.located_events = sum(
        e.latitude is not None and e.location_level != "country" for e in events
    )
    gdf = events_to_gdf(events)
    summary.outputs = dict(export_events(gdf, out, formats=tuple(formats)))
    fmap = render_map(gdf, title="geomap: conflict events", self_contained=self_contained)
    summary.outputs["html"] = save_map(fmap, out / map_name)
    log.info("%s", summary.line())
    return summary
