"""Render stage: where a new map opens (the main group of events) and what it leaves out.

:func:`main_group` finds the densest group of events; the map is fitted to it, and the
events outside it are listed in the map with a way to reach them.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "FAR_SHARE",
    "MAX_OUTLIER_PLACES",
    "OUTLIER_FACTOR",
    "OUTLIER_MIN_KM",
    "fit_view",
    "main_group",
]

#: Initial view: events farther than max(OUTLIER_FACTOR x the median distance, OUTLIER_MIN_KM)
#: from the densest spot are outliers (listed, reachable with "All events", not fitted).
OUTLIER_FACTOR = 3.0
OUTLIER_MIN_KM = 50.0
#: Outlier places named in the map's control (one event each); the rest are counted.
MAX_OUTLIER_PLACES = 30
#: "All events" leaves out the farthest events when they are at most this share of all (a
#: few far pins would zoom it out to the world); they stay listed and reachable.
FAR_SHARE = 0.02


def _bounds(lat: Any, lon: Any, pad: float = 0.3) -> list[list[float]]:
    return [
        [round(float(lat.min()) - pad, 4), round(float(lon.min()) - pad, 4)],
        [round(float(lat.max()) + pad, 4), round(float(lon.max()) + pad, 4)],
    ]


def fit_view(payload: dict[str, Any]) -> None:
    """Set ``fit`` (main group), ``fitAll`` and ``outliers`` in the payload of a new map."""
    import numpy as np

    cols = payload["cols"]
    level = cols["level"]
    levels = [level["v"][i] for i in level["i"]] if isinstance(level, dict) else level
    rows = np.array(
        [
            r
            for r, (y, lv) in enumerate(zip(cols["lat"], levels, strict=True))
            if y is not None and lv != "country"
        ],
        dtype=np.int64,
    )
    lat = np.array([cols["lat"][r] for r in rows], dtype=float)
    lon = np.array([cols["lon"][r] for r in rows], dtype=float)
    dist, limit = _centre_distances(lat, lon)
    keep = dist <= limit
    payload["fit"] = _bounds(lat[keep], lon[keep])
    wide = dist <= max(limit, _far_limit(dist))
    payload["fitAll"] = _bounds(lat[wide], lon[wide])
    out = rows[~keep]
    place = cols["place"]
    places = [place["v"][place["i"][r]] if isinstance(place, dict) else place[r] for r in out]
    first: dict[str, int] = {}
    for r, name in zip(out.tolist(), places, strict=True):
        first.setdefault(name, r)
    listed = list(first.values())[:MAX_OUTLIER_PLACES]
    payload["outliers"] = {
        "n": len(out),
        "rows": listed,
        "more": len(first) - len(listed),
        "far": int((~wide).sum()),
    }


def _far_limit(dist: Any) -> float:
    """The distance "All events" reaches: all but the farthest :data:`FAR_SHARE` of events."""
    import numpy as np

    if not len(dist):
        return 0.0
    k = int(FAR_SHARE * len(dist))
    return float(np.sort(dist)[len(dist) - 1 - k])


def _haversine(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    import numpy as np

    from geomap._geo import EARTH_RADIUS_KM

    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def main_group(lat: Any, lon: Any) -> Any:
    """Return a boolean mask of the points in the main group (the map's initial view).

    The centre is the weighted medoid of the occupied 1-degree cells (the cell whose events
    are nearest, summed, to all others; each cell at the mean of its points), so a few far
    events do not move it. A point is in the main group when it lies within
    ``max(OUTLIER_FACTOR * median distance to the centre, OUTLIER_MIN_KM)``: at most half of
    the points, and usually none, are left out.

    Parameters
    ----------
    lat, lon
        Point coordinates in degrees (one array each, same length).

    Returns
    -------
    numpy.ndarray
        True for the points to fit the initial view to.
    """
    dist, limit = _centre_distances(lat, lon)
    keep: Any = dist <= limit
    return keep


def _centre_distances(lat: Any, lon: Any) -> tuple[Any, float]:
    """Distance (km) of each point to the weighted medoid cell, and the main group's limit."""
    import numpy as np

    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    if len(lat) < 3:
        return np.zeros(len(lat)), 0.0
    key = np.floor(lat).astype(np.int64) * 360 + np.floor(lon).astype(np.int64)
    _, inv, counts = np.unique(key, return_inverse=True, return_counts=True)
    clat = np.bincount(inv, lat) / counts
    clon = np.bincount(inv, lon) / counts
    # Candidates: the 2,000 fullest cells; cost = summed distance to every event.
    cand = np.argsort(-counts, kind="stable")[:2000]
    cost = np.empty(len(cand))
    for a in range(0, len(cand), 100):
        c = cand[a : a + 100]
        d = _haversine(clat[c][:, None], clon[c][:, None], clat[None, :], clon[None, :])
        cost[a : a + 100] = d @ counts
    best = cand[int(np.argmin(cost))]
    dist = _haversine(clat[best], clon[best], lat, lon)
    limit = max(OUTLIER_FACTOR * float(np.median(dist)), OUTLIER_MIN_KM)
    return dist, limit
