"""Larger towns around a set of events: the offline map's orientation labels.

The render stage never reads the gazetteer; :func:`towns_for_events` picks the
populated places it labels (plain named tuples) and the pipeline hands them over.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from geomap.settings import Settings
from geomap.types import Event

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer

__all__ = ["MIN_TOWN_POPULATION", "Town", "towns_for_events", "towns_near"]

#: Smallest population of a labelled town.
MIN_TOWN_POPULATION = 50_000


class Town(NamedTuple):
    """A labelled town (WGS84 degrees)."""

    name: str
    lat: float
    lon: float
    population: int


def _cells(points: Iterable[tuple[float, float]], margin: int) -> set[tuple[int, int]]:
    """The 1-degree cells holding a point, grown by ``margin`` cells in every direction."""
    near = set()
    for lat, lon in points:
        y, x = math.floor(lat), math.floor(lon)
        for dy in range(-margin, margin + 1):
            for dx in range(-margin, margin + 1):
                near.add((y + dy, (x + dx + 180) % 360 - 180))
    return near


def towns_near(
    gaz: Gazetteer,
    points: Iterable[tuple[float, float]],
    *,
    min_population: int = MIN_TOWN_POPULATION,
    margin: int = 1,
) -> list[Town]:
    """Return the towns of ``min_population``+ people around ``(lat, lon)`` points.

    Parameters
    ----------
    gaz
        An open :class:`geomap.gazetteer.Gazetteer`.
    points
        Event locations, ``(lat, lon)`` in degrees.
    min_population
        Smallest population kept.
    margin
        A town is kept when its 1-degree cell is within ``margin`` cells of a point's
        cell (``margin=1``: roughly 1-2 degrees around every event).

    Returns
    -------
    list[Town]
        Largest first; empty when there are no points.
    """
    cells = _cells(points, margin)
    if not cells:
        return []
    entries = gaz.towns(min_population)
    return [
        Town(e.name, e.lat, e.lon, e.population)
        for e in entries
        if (math.floor(e.lat), math.floor(e.lon)) in cells
    ]


def towns_for_events(
    events: Iterable[Event], settings: Settings, *, min_population: int = MIN_TOWN_POPULATION
) -> list[Town]:
    """Return the towns to label around the events drawn as pins (not country-level ones).

    Opens the gazetteer of ``settings`` (built when needed) and closes it again.
    """
    from geomap.gazetteer import load_gazetteer

    points = [
        (e.latitude, e.longitude)
        for e in events
        if e.latitude is not None and e.longitude is not None and e.location_level != "country"
    ]
    if not points:
        return []
    with load_gazetteer(settings) as gaz:
        return towns_near(gaz, points, min_population=min_population)
