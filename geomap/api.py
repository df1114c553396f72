"""The Python API (every stage): texts or files in, pandas/geopandas tables and a Folium map out.

For notebooks and scripts. Each function is a thin door onto the stages that ``geomap
build`` runs (:func:`geomap.stages.run_stages` via :func:`geomap.stages.code_all`,
:func:`geomap.events.finish_events`, :func:`geomap.table.event_table`), so
:func:`extract_events` on a folder gives the events ``geomap build`` writes, field by
field. Nothing heavy is imported until a function is called: ``import geomap`` loads
neither spaCy, the model, geopandas, folium nor the gazetteer.

>>> import geomap                                                        # doctest: +SKIP
>>> events = geomap.extract_events(
...     ["Shelling of Kherson killed two on Monday."], published="2025-03-03"
... )                                                                    # doctest: +SKIP
>>> geomap.render_map(events)          # shows inline in Jupyter      # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap._errors import InputError
from geomap.settings import Settings
from geomap.types import Article

if TYPE_CHECKING:
    import folium
    import geopandas
    import pandas

    from geomap.gazetteer import Gazetteer
    from geomap.stages import Coded

__all__ = [
    "extract_events",
    "extract_places",
    "load_gazetteer",
    "read_articles",
    "render_map",
    "save_map",
]

log = logging.getLogger(__name__)

#: What the stage functions take: articles, or plain texts (one article each).
Texts = str | Article | Iterable[str | Article]
PathLike = str | os.PathLike[str]


def read_articles(
    paths: PathLike | Iterable[PathLike],
    *,
    text_column: str | None = None,
    date_column: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> list[Article]:
    """Read articles from folders and files, as ``geomap build`` does.

    Parameters
    ----------
    paths
        A folder or file, or several: ``.txt`` (dated by the folder's ``manifest.csv``),
        ``.jsonl``, ``.html``, RSS/Atom feeds, spreadsheets (``.csv``/``.tsv``) and
        Telegram exports (see the README's "Inputs").
    text_column, date_column
        A spreadsheet's text and date columns when its header does not use the usual names.
    on_error
        Called with each bad input (one-line :class:`geomap.InputError`), reading goes on;
        None raises the first one.

    Returns
    -------
    list of Article
        In input order (a folder's files sorted by name).

    Raises
    ------
    InputError
        A bad input (``on_error`` None) or no readable article at all.
    """
    from geomap.ingest import IngestOptions
    from geomap.stages import read_inputs

    listed = [Path(paths)] if isinstance(paths, str | os.PathLike) else [Path(p) for p in paths]
    options = IngestOptions(text_column=text_column, date_column=date_column)
    return read_inputs(listed, on_error=on_error, options=options)


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        msg = f"published: not an ISO date (YYYY-MM-DD): {value!r}"
        raise InputError(msg) from exc


def as_articles(texts: Texts, *, published: str | dt.date | None = None) -> list[Article]:
    """Articles from articles or plain strings (``text-1``, ``text-2``, ... in order).

    ``published`` dates the strings, and the articles that have no date of their own.
    """
    day = _date(published)
    items: list[str | Article] = [texts] if isinstance(texts, str | Article) else list(texts)
    out = []
    for i, item in enumerate(items, start=1):
        if isinstance(item, Article):
            out.append(item if item.published or day is None else replace(item, published=day))
        elif isinstance(item, str):
            out.append(Article(id=f"text-{i}", text=item, published=day))
        else:
            msg = f"item {i}: expected a string or an Article, got {type(item).__name__}"
            raise InputError(msg)
    if not out:
        msg = "no articles or texts given"
        raise InputError(msg)
    return out


def _run(texts: Texts, published: str | dt.date | None, settings: Settings | None) -> Coded:
    from geomap.stages import code_all

    articles = as_articles(texts, published=published)
    coded = code_all(articles, settings=settings or Settings())
    for line in coded.errors:
        log.warning("%s", line)
    return coded


def extract_events(
    texts: Texts,
    *,
    published: str | dt.date | None = None,
    settings: Settings | None = None,
) -> geopandas.GeoDataFrame:
    """Code the events of articles or texts: the table ``geomap build`` exports.

    Parameters
    ----------
    texts
        Articles (:func:`read_articles`), or plain strings, one article each (a single
        string is one article).
    published
        Publication date (ISO ``YYYY-MM-DD`` or a date) of the strings, and of articles
        without one: "on Monday" is resolved against it. None: undated.
    settings
        Run settings (model, cache folder of the gazetteer, merge window); default
        :class:`geomap.Settings`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event (merged across articles), index ``event_id``, the columns of
        ``docs/event-schema.md`` (ACLED's first) with the GeoJSON export's values, CRS
        EPSG:4326. An article a stage failed on is left out, logged as a warning and
        listed in ``.attrs["errors"]``.

    Examples
    --------
    >>> gdf = extract_events(["Shelling of Kherson killed two on Monday."],
    ...                      published="2025-03-03")                    # doctest: +SKIP
    >>> gdf[["event_date", "event_type", "location", "fatalities"]]       # doctest: +SKIP
    """
    from geomap.events import finish_events
    from geomap.table import event_table

    settings = settings or Settings()
    coded = _run(texts, published, settings)
    events = finish_events(coded.events, days=settings.dedup_days, km=settings.dedup_km)
    gdf = event_table(events, settings=settings)
    gdf.attrs["errors"] = coded.errors
    return gdf


def extract_places(
    texts: Texts,
    *,
    published: str | dt.date | None = None,
    settings: Settings | None = None,
) -> pandas.DataFrame:
    """Find and geocode the place mentions of articles or texts (``geomap places``).

    Parameters
    ----------
    texts, published, settings
        As for :func:`extract_events`.

    Returns
    -------
    pandas.DataFrame
        One row per mention, in article then text order, with the fields of ``geomap
        places`` (README): ``article``, ``start``, ``end``, ``text``, ``name``, ``role``,
        ``lat``, ``lon``, ``geonameid``, ``country``, ``admin1``, ``level``,
        ``geo_precision``, ``score``, ``method``, ``reason``, ``runner_up``, ``signals``...
        ``.attrs["errors"]`` lists the articles a stage failed on.
    """
    import pandas as pd

    from geomap.cli import place_record

    coded = _run(texts, published, settings)
    rows = [place_record(r) for r in coded.resolved]
    columns = list(rows[0]) if rows else list(_PLACE_COLUMNS)
    frame = pd.DataFrame(rows, columns=columns)
    frame.attrs["errors"] = coded.errors
    return frame


#: The columns of an empty :func:`extract_places` table.
_PLACE_COLUMNS = (
    "article",
    "start",
    "end",
    "text",
    "name",
    "role",
    "lat",
    "lon",
    "geonameid",
    "gazetteer_id",
    "resolved_name",
    "country",
    "admin1",
    "level",
    "geo_precision",
    "score",
    "method",
    "reason",
    "runner_up",
    "signals",
    "feature",
)


def load_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """Open the offline gazetteer (built in the cache folder on first use, ~1 minute).

    Parameters
    ----------
    settings
        Its ``cache_dir`` holds the gazetteer; default :class:`geomap.Settings`
        (``$GEOMAP_CACHE_DIR`` or ``~/.cache/geomap``).

    Returns
    -------
    Gazetteer
        ``.lookup(name, country=..., levels=...)`` gives the matching entries, most
        populous first; close it (or use it in a ``with`` block) when done.

    Examples
    --------
    >>> with load_gazetteer() as gaz:                                   # doctest: +SKIP
    ...     [(e.name, e.level) for e in gaz.lookup("Kursk", country="RU")][:2]
    [('Kursk', 'city'), ('Kursk Oblast', 'admin1')]
    """
    from geomap.gazetteer import load_gazetteer as load

    settings = settings or Settings()
    return load(settings, progress=settings.progress)


def render_map(
    events: geopandas.GeoDataFrame,
    *,
    title: str = "geomap: conflict events",
    place_names: bool = True,
    overlays: Sequence[PathLike] = (),
    settings: Settings | None = None,
) -> folium.Map:
    """Draw an event table on the offline map ``geomap build`` writes.

    Parameters
    ----------
    events
        An event table (:func:`extract_events`, :func:`geomap.read_events`,
        :func:`geomap.read_acled`); a ``dataset`` column, when it holds several values
        (``pandas.concat`` of two tables), draws each dataset as its own switchable layer.
    title
        Page title and panel heading.
    place_names
        Label the places around the events from the gazetteer (as ``geomap build``).
    overlays
        Your own GeoJSON / GeoPackage / KML layers (``--overlay``).
    settings
        Where the gazetteer is (for the place names).

    Returns
    -------
    folium.Map
        Displays inline in Jupyter (the last expression of a cell); :func:`save_map`
        writes it as one self-contained HTML file.
    """
    from geomap.gazetteer.towns import labels_near
    from geomap.render import read_overlays
    from geomap.render import render_map as render
    from geomap.table import located_points

    labels: list[Any] = []
    if place_names:
        labels = labels_near(located_points(events), settings or Settings())
    layers = read_overlays([Path(p) for p in overlays]) if overlays else []
    return render(events, title=title, towns=labels, overlays=layers)


def save_map(m: folium.Map, path: PathLike) -> Path:
    """Write a map as one self-contained HTML file (atomically); return its path."""
    from geomap.render import save_map as save

    return save(m, path)
