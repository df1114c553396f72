"""Gazetteer stage helper: a division's reference point from its member places (build time).

GeoNames' points for large first-level divisions and countries, the points GeoNames-based
gold standards use ("Queensland" -20, 145; "British Columbia" 54, -125), sit at the middle
of the division's extent, not at a label point or a population centre. Without the
division's outline, the extent is read from its member places: the centre of the bounding
box of the division's *main part*. The main part is the largest group of places linked
by hops of at most :data:`LINK_KM` (single linkage): a mis-coded place hundreds of
kilometres away, an overseas part (Hawaii for the United States) or a far island falls
outside it and cannot stretch the box, while the sparse settled frontier of a big region
(northern British Columbia, the outback) stays in. Longitudes are read on the circle:
the box is the shortest arc holding every longitude, so places on both sides of the
antimeridian (Chukotka, the Aleutians, Fiji) give a centre near 180, not near 0.

Checked against the points GeoNames gives in our sources (the 27 Ukrainian ADM1 rows, each
computed from its places as if the row were missing; the 196 country points), none of them
from an evaluation corpus: within 161 km for 27/27 divisions (median 24 km) and 163/196
countries (median 51 km). The rule it replaces (Natural Earth's label point, else the
places' convex-hull centre): 26/27 (24 km); Natural Earth's admin-0 centroids: 149/196
(50 km). Trimmed percentiles of the places' coordinates fit Ukraine as well but follow
population (Canadian provinces' points move south), and a mean or a population-weighted
mean does so more.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from geomap._geo import EARTH_RADIUS_KM

__all__ = ["LINK_KM", "extent_centre", "main_part", "places_point"]

#: Places closer than this (great-circle km) belong to one part of a division. Chosen on
#: GeoNames' own points (module docstring): with 300 km, 160 of the 196 countries come
#: within 161 km (sparse hinterlands split off); with 500 km, 26 of the 27 Ukrainian
#: divisions (a place of the dump coded to Zakarpattia lies 434 km from the others).
LINK_KM = 400.0


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    p, q = math.radians(lat), math.radians(lon)
    return (math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p))


def main_part(
    points: Sequence[tuple[float, float]], *, link_km: float = LINK_KM
) -> list[tuple[float, float]]:
    """Return the largest group of points linked by hops of at most ``link_km``.

    Parameters
    ----------
    points
        ``(lat, lon)`` pairs in decimal degrees.
    link_km
        Longest hop, great-circle km, between two points of one group.

    Returns
    -------
    list of tuple
        The points of the group with the most points, in input order (ties: the group
        holding the earliest point). Empty for no points.

    Notes
    -----
    Single linkage on a grid of unit vectors: a cell's side is the link chord over
    sqrt(3), so a cell's points are all linked and only cells up to two apart need a
    pairwise test (and none once they are joined).
    """
    if not points:
        return []
    chord = 2.0 * math.sin(link_km / EARTH_RADIUS_KM / 2.0)
    side = chord / math.sqrt(3.0)
    vectors = [_unit(lat, lon) for lat, lon in points]
    cells: dict[tuple[int, int, int], list[int]] = {}
    for i, (x, y, z) in enumerate(vectors):
        key = (math.floor(x / side), math.floor(y / side), math.floor(z / side))
        cells.setdefault(key, []).append(i)
    keys = list(cells)
    index = {key: n for n, key in enumerate(keys)}
    parent = list(range(len(keys)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    limit = chord * chord
    steps = range(-2, 3)
    for key in keys:
        mine = cells[key]
        for dx in steps:
            for dy in steps:
                for dz in steps:
                    other_key = (key[0] + dx, key[1] + dy, key[2] + dz)
                    if other_key <= key or other_key not in cells:
                        continue
                    a, b = root(index[key]), root(index[other_key])
                    if a == b:
                        continue
                    others = cells[other_key]
                    if any(
                        math.dist(vectors[i], vectors[j]) ** 2 <= limit
                        for i in mine
                        for j in others
                    ):
                        parent[a] = b
    groups: dict[int, list[int]] = {}
    for key in keys:
        groups.setdefault(root(index[key]), []).extend(cells[key])
    best = max(groups.values(), key=lambda g: (len(g), -min(g)))
    return [points[i] for i in sorted(best)]


def extent_centre(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """Return the centre ``(lat, lon)`` of the points' bounding box, longitudes on the circle.

    Parameters
    ----------
    points
        ``(lat, lon)`` pairs in decimal degrees.

    Returns
    -------
    tuple or None
        The middle of the latitude range and of the shortest longitude arc holding every
        point (the arc opposite the widest gap between neighbouring longitudes), the
        longitude in [-180, 180). None for no points.
    """
    if not points:
        return None
    lats = [lat for lat, _ in points]
    lons = sorted({lon % 360.0 for _, lon in points})
    # the widest gap between neighbouring longitudes, the wrap-around one included
    gap, start = lons[0] + 360.0 - lons[-1], lons[0]
    for west, east in itertools.pairwise(lons):
        if east - west > gap:
            gap, start = east - west, east
    width = 360.0 - gap
    lon = (start + width / 2.0 + 180.0) % 360.0 - 180.0
    return ((min(lats) + max(lats)) / 2.0, lon)


def places_point(
    points: Sequence[tuple[float, float]], *, link_km: float = LINK_KM
) -> tuple[float, float] | None:
    """Return a division's reference point: the extent centre of its main part.

    Parameters
    ----------
    points
        The ``(lat, lon)`` of the division's member places.
    link_km
        See :func:`main_part`.

    Returns
    -------
    tuple or None
        ``(lat, lon)`` rounded to 5 decimals (GeoNames' precision), None for no places.
    """
    centre = extent_centre(main_part(points, link_km=link_km))
    if centre is None:
        return None
    return (round(centre[0], 5), round(centre[1], 5))
