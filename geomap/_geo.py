"""Small geodesy helpers shared by the stages (gazetteer build, geocode, events, evaluation)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

__all__ = ["EARTH_RADIUS_KM", "bearing_deg", "haversine_km", "nearest_km", "radian_points"]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points (decimal degrees)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial compass bearing (0 north, 90 east) from the first point to the second, in
    degrees 0..360 (decimal-degree WGS84 points)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    y = math.sin(dlon) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dlon)
    return math.degrees(math.atan2(y, x)) % 360


def radian_points(points: Iterable[tuple[float, float]]) -> tuple[tuple[float, float, float], ...]:
    """``(lat, lon)`` points as :func:`nearest_km` reads them: (lat in radians, lon, cos lat)."""
    out = []
    for lat, lon in points:
        p = math.radians(lat)
        out.append((p, lon, math.cos(p)))
    return tuple(out)


def nearest_km(lat: float, lon: float, points: Sequence[tuple[float, float, float]]) -> float:
    """Distance in km from ``(lat, lon)`` to the nearest of ``points`` (see :func:`radian_points`).

    Exactly ``min(haversine_km(lat, lon, a, b) for a, b in points)``: the same arithmetic
    per point, but only the smallest haversine term goes through ``asin`` (distance grows
    with it), and the points' radians and cosines are computed once by the caller.
    ``inf`` when ``points`` is empty.
    """
    if not points:
        return math.inf
    p1 = math.radians(lat)
    c1 = math.cos(p1)
    sin, rad = math.sin, math.radians
    h = min(
        sin((p2 - p1) / 2) ** 2 + c1 * c2 * sin(rad(lon2 - lon) / 2) ** 2 for p2, lon2, c2 in points
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
