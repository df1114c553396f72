"""Place names around a set of events: the offline map's labels.

The render stage never reads the gazetteer; :func:`map_labels` picks the places it labels
(plain named tuples) and the pipeline hands them over: the towns of 50,000+ people within
a degree or two of the events (orientation when zoomed out), every settlement within
roughly 25-50 km of an event (villages when zoomed in) and the first-level divisions
(oblasts) around them. The map decides from a place's population from which zoom it is
named.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from geomap.settings import Settings
from geomap.types import Event

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer

__all__ = [
    "MAX_LABELS",
    "MIN_TOWN_POPULATION",
    "VILLAGE_CELL_DEG",
    "Label",
    "Town",
    "labels_near",
    "map_labels",
    "settlements_near",
    "towns_for_events",
    "towns_near",
]

#: Smallest population of a labelled town.
MIN_TOWN_POPULATION = 50_000
#: Every settlement is labelled in the cells of this size (degrees) around an event, and in
#: their eight neighbours: 25-50 km around it, what a zoom-11 view of it shows.
VILLAGE_CELL_DEG = 0.25
#: At most this many place names in one map (largest first): ~20 bytes each in the file.
MAX_LABELS = 20_000


class Town(NamedTuple):
    """A labelled town (WGS84 degrees)."""

    name: str
    lat: float
    lon: float
    population: int


class Label(NamedTuple):
    """A place name on the map: ``kind`` "place" (a settlement) or "region" (a division)."""

    name: str
    lat: float
    lon: float
    population: int
    kind: str = "place"


def _cells(
    points: Iterable[tuple[float, float]], margin: int, size: float = 1.0
) -> set[tuple[int, int]]:
    """The ``size``-degree cells holding a point, grown by ``margin`` cells in every direction."""
    near = set()
    wrap = round(360 / size)
    for lat, lon in points:
        y, x = math.floor(lat / size), math.floor(lon / size)
        for dy in range(-margin, margin + 1):
            for dx in range(-margin, margin + 1):
                near.add((y + dy, (x + dx + wrap // 2) % wrap - wrap // 2))
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
    """Return the towns of ``min_population``+ around the events drawn as pins.

    The larger towns only (:func:`map_labels` gives the map's full set of names). Opens the
    gazetteer of ``settings`` (built when needed) and closes it again.
    """
    from geomap.gazetteer import load_gazetteer

    points = _event_points(events)
    if not points:
        return []
    with load_gazetteer(settings) as gaz:
        return towns_near(gaz, points, min_population=min_population)


def settlements_near(
    gaz: Gazetteer, points: Iterable[tuple[float, float]], *, cell: float = VILLAGE_CELL_DEG
) -> list[Town]:
    """Return every settlement in the ``cell``-degree cells around ``(lat, lon)`` points.

    Parameters
    ----------
    gaz
        An open :class:`geomap.gazetteer.Gazetteer`.
    points
        Event locations, ``(lat, lon)`` in degrees.
    cell
        Cell size in degrees; a place is kept when its cell is one of the cells holding a
        point or next to one.

    Returns
    -------
    list[Town]
        Largest first, named by their Latin spelling.
    """
    pts = list(points)
    cells = _cells(pts, 1, cell)
    if not cells:
        return []
    found: dict[int, Town] = {}  # by id: a place on the edge of two boxes is read twice
    runs = _runs(cells, cell)  # only these parts of each box are read (a spatial index)
    for south, west, north, east in _boxes(cells, cell):
        for e in gaz.places_in(south, west, north, east, parts=runs):
            if (math.floor(e.lat / cell), math.floor(e.lon / cell)) in cells:
                found[e.geonameid] = Town(e.latin_name or e.name, e.lat, e.lon, e.population)
    return sorted(found.values(), key=lambda t: -t.population)


def _boxes(cells: set[tuple[int, int]], cell: float) -> list[tuple[float, float, float, float]]:
    """Boxes (south, west, north, east) covering the cells: one per 10-degree block in use."""
    blocks = {(math.floor(y * cell / 10), math.floor(x * cell / 10)) for y, x in cells}
    return [(by * 10.0, bx * 10.0, by * 10.0 + 10, bx * 10.0 + 10) for by, bx in sorted(blocks)]


def _runs(cells: set[tuple[int, int]], cell: float) -> list[tuple[float, float, float, float]]:
    """Boxes (south, west, north, east) covering the cells: one per run of cells along a row."""
    rows: dict[int, list[int]] = {}
    for y, x in cells:
        rows.setdefault(y, []).append(x)
    out = []
    for y, xs in sorted(rows.items()):
        xs.sort()
        first = 0
        for k in range(1, len(xs) + 1):
            if k == len(xs) or xs[k] != xs[k - 1] + 1:
                out.append((y * cell, xs[first] * cell, (y + 1) * cell, (xs[k - 1] + 1) * cell))
                first = k
    return out


def _event_points(events: Iterable[Event]) -> list[tuple[float, float]]:
    return [
        (e.latitude, e.longitude)
        for e in events
        if e.latitude is not None and e.longitude is not None and e.location_level != "country"
    ]


def map_labels(events: Iterable[Event], settings: Settings) -> list[Label]:
    """Return the names to draw on the map around the events drawn as pins.

    Towns of :data:`MIN_TOWN_POPULATION`+ within a degree or two, every settlement within
    :data:`VILLAGE_CELL_DEG`-degree cells around an event (at most :data:`MAX_LABELS`
    places, largest first), and the first-level divisions with a point within a degree or
    two (kind ``"region"``). Opens the gazetteer of ``settings`` (built when needed) and
    closes it again.
    """
    return labels_near(_event_points(events), settings)


def labels_near(points: Sequence[tuple[float, float]], settings: Settings) -> list[Label]:
    """Return the map's names around ``(lat, lon)`` points, as :func:`map_labels` does."""
    from geomap.gazetteer import load_gazetteer

    if not points:
        return []
    with load_gazetteer(settings) as gaz:
        places = {(t.lat, t.lon): t for t in towns_near(gaz, points)}
        for t in settlements_near(gaz, points):
            places.setdefault((t.lat, t.lon), t)
        near = _cells(points, 1)
        regions = [
            Label(e.name, e.lat, e.lon, e.population, "region")
            for e in gaz.divisions()
            if (math.floor(e.lat), math.floor(e.lon)) in near
        ]
    ranked = sorted(places.values(), key=lambda t: -t.population)[:MAX_LABELS]
    return [Label(*t) for t in ranked] + regions
