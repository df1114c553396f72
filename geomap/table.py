"""Glue (events -> render/export): the event table of a run, built one way for every caller.

``geomap build`` (:mod:`geomap.pipeline`) and the Python API (:mod:`geomap.api`) both call
:func:`event_table`, so a notebook gets exactly the table the exports carry: the events'
columns (:func:`geomap.events.events_to_gdf`) with each event's second-level division read
from the gazetteer (:func:`geomap.gazetteer.admin.admin2_names`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap.settings import Settings
from geomap.types import Event

if TYPE_CHECKING:
    import geopandas

    from geomap.gazetteer import Gazetteer

__all__ = ["event_table", "located_points", "with_datasets"]


def event_table(
    events: Sequence[Event], *, settings: Settings, gazetteer: Gazetteer | None = None
) -> geopandas.GeoDataFrame:
    """The event table of ``events`` (index ``event_id``, EPSG:4326, ACLED's columns).

    Parameters
    ----------
    events
        The run's events (after :func:`geomap.events.finish_events`).
    settings
        Run settings: the gazetteer to read second-level divisions from.
    gazetteer
        An open gazetteer to use instead of opening the one of ``settings``.
    """
    from geomap.events import events_to_gdf
    from geomap.gazetteer import load_gazetteer
    from geomap.gazetteer.admin import admin2_names

    if not events:
        return events_to_gdf([])
    if gazetteer is not None:
        return events_to_gdf(events, admin2=admin2_names(events, gazetteer))
    with load_gazetteer(settings) as gaz:
        return events_to_gdf(events, admin2=admin2_names(events, gaz))


def located_points(gdf: geopandas.GeoDataFrame) -> list[tuple[float, float]]:
    """``(lat, lon)`` of the events of a table drawn as pins (not country-level, with a point)."""
    located = gdf[gdf.geometry.notna() & (gdf["location_level"] != "country")]
    return list(zip(located["latitude"].tolist(), located["longitude"].tolist(), strict=True))


def with_datasets(
    own: geopandas.GeoDataFrame, others: Sequence[geopandas.GeoDataFrame]
) -> geopandas.GeoDataFrame:
    """``own`` (dataset ``geomap``) and ``others`` (their ``dataset``) as one table for the map.

    An event id already in an earlier table is dropped from a later one (the same ACLED
    file given twice, or two exports that share events), with a warning counting them.
    """
    import logging

    import pandas as pd

    from geomap.render.payload import OWN_DATASET

    if not others:
        return own
    tables = [own.assign(dataset=OWN_DATASET)]
    seen = set(own.index)
    for other in others:
        repeated = other.index.isin(list(seen))
        if repeated.any():
            logging.getLogger(__name__).warning(
                "%d events of %s left out: their ids are already on the map",
                int(repeated.sum()),
                ", ".join(sorted(set(other["dataset"].astype(str)))),
            )
        kept = other[~repeated]
        seen.update(kept.index)
        tables.append(kept)
    return pd.concat(tables)
