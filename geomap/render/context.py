"""Render stage: the map's offline background, from data bundled in ``geomap/assets/``.

Country outlines with their names (Natural Earth, Ukraine from geoBoundaries), Ukraine's
oblasts with their names (geoBoundaries), rivers and lakes around the events (Natural
Earth 1:50m) and the place names the caller passes (towns and villages from the gazetteer).
Geometry travels as encoded polylines (Google's format: 4-6 characters per vertex instead
of ~16 in GeoJSON); ``geomap-background.js`` decodes and draws it. Also: which oblast holds
each region-level event.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from geomap.render.inline import ASSETS
from geomap.render.style import BASE_ATTRIBUTION

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "LABEL_ZOOMS",
    "background",
    "encode_line",
    "oblast_keys",
    "oblasts",
    "region_key",
]

#: Smallest zoom at which a place is labelled, by population (first row it reaches):
#: cities from zoom 6 (the largest earlier), towns from 8, villages from 10, and places
#: GeoNames gives no population (most villages) from 11.
LABEL_ZOOMS: tuple[tuple[int, int], ...] = (
    (1_000_000, 4),
    (500_000, 5),
    (100_000, 6),
    (50_000, 7),
    (10_000, 8),
    (2_000, 9),
    (1, 10),
    (0, 11),
)
#: Zooms at which names of first-level divisions (oblasts) and countries are shown.
REGION_ZOOMS = (6, 9)
COUNTRY_ZOOMS = (3, 6)
#: Rivers and lakes are kept within this many degrees of an event.
WATER_MARGIN_DEG = 2.0
#: Oblasts that are a city: the town label names them already.
_CITY_OBLASTS = frozenset({"UA-30", "UA-40"})


def encode_line(points: Iterable[Sequence[float]], precision: int) -> str:
    """Encode ``(lon, lat)`` points as a Google encoded polyline (lat first) at ``precision``.

    Parameters
    ----------
    points
        Vertices in GeoJSON order (lon, lat).
    precision
        Decimal digits kept (5 is Google's; 3 is ~100 m, 4 ~10 m).

    Returns
    -------
    str
        Printable ASCII (``?`` to ``~``); ``geomap-background.js`` decodes it.
    """
    factor = 10**precision
    out: list[str] = []
    prev_lat = prev_lon = 0
    for lon, lat in points:
        ilat, ilon = round(lat * factor), round(lon * factor)
        for delta in (ilat - prev_lat, ilon - prev_lon):
            value = ~(delta << 1) if delta < 0 else delta << 1
            while value >= 0x20:
                out.append(chr((0x20 | (value & 0x1F)) + 63))
                value >>= 5
            out.append(chr(value + 63))
        prev_lat, prev_lon = ilat, ilon
    return "".join(out)


def _encode_geometry(geometry: dict[str, Any], precision: int) -> list[Any]:
    """Polygons as lists of encoded rings; lines as encoded strings (one per part)."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return [[encode_line(ring, precision) for ring in coords]]
    if kind == "MultiPolygon":
        return [[encode_line(ring, precision) for ring in poly] for poly in coords]
    if kind == "LineString":
        return [encode_line(coords, precision)]
    if kind == "MultiLineString":
        return [encode_line(part, precision) for part in coords]
    return []


def _read(name: str) -> dict[str, Any]:
    """A bundled GeoJSON file (gzip-compressed when its name ends in ``.gz``)."""
    raw = (ASSETS / name).read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)
    return data


@cache
def oblasts() -> dict[str, tuple[str, dict[str, Any], tuple[float, float]]]:
    """ISO code -> (name, GeoJSON geometry, label point ``(lat, lon)``) of Ukraine's oblasts."""
    return {
        f["properties"]["iso"]: (
            f["properties"]["name"],
            f["geometry"],
            tuple(f["properties"]["label"]),
        )
        for f in _read("ua_adm1.geojson")["features"]
    }


@cache
def _oblast_tree() -> tuple[list[str], Any]:
    import shapely

    names = list(oblasts())
    shapes = [shapely.geometry.shape(oblasts()[k][1]) for k in names]
    return names, shapely.STRtree(shapes)


def region_key(lat: float, lon: float) -> str:
    """The code of the bundled oblast holding ``(lat, lon)``, or ``""``."""
    import shapely

    names, tree = _oblast_tree()
    hit = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return names[int(hit[0])] if len(hit) else ""


@cache
def _countries() -> dict[str, Any]:
    """Encoded country outlines with their names and label points (precision 3)."""
    features = _read("countries.geojson")["features"]
    return {
        "p": 3,
        "name": [f["properties"]["name"] for f in features],
        "label": [f["properties"]["label"] for f in features],
        "shape": [_encode_geometry(f["geometry"], 3) for f in features],
    }


@cache
def _encoded_oblasts() -> dict[str, dict[str, Any]]:
    return {k: {"shape": _encode_geometry(v[1], 4)} for k, v in oblasts().items()}


@cache
def _water() -> tuple[list[Any], list[Any], Any, Any]:
    """Rivers and lakes (GeoJSON geometries) with an STRtree over each."""
    import shapely

    rivers = [f["geometry"] for f in _read("rivers.geojson.gz")["features"]]
    lakes = [f["geometry"] for f in _read("lakes.geojson.gz")["features"]]
    trees = [shapely.STRtree([shapely.geometry.shape(g) for g in gs]) for gs in (rivers, lakes)]
    return rivers, lakes, trees[0], trees[1]


def _water_near(points: Sequence[tuple[float, float]]) -> tuple[list[Any], list[Any]]:
    """Encoded rivers and lakes within :data:`WATER_MARGIN_DEG` of the ``(lat, lon)`` points."""
    import shapely

    if not points:
        return [], []
    cells = {(math.floor(lat), math.floor(lon)) for lat, lon in points}
    m = WATER_MARGIN_DEG
    area = shapely.union_all([shapely.box(x - m, y - m, x + 1 + m, y + 1 + m) for y, x in cells])
    rivers, lakes, river_tree, lake_tree = _water()
    out_r: list[Any] = []
    for i in sorted(river_tree.query(area, predicate="intersects")):
        out_r += _encode_geometry(rivers[int(i)], 3)
    out_l: list[Any] = []
    for i in sorted(lake_tree.query(area, predicate="intersects")):
        out_l += _encode_geometry(lakes[int(i)], 3)
    return out_r, out_l


def _label_zoom(population: int) -> int:
    return next(z for p, z in LABEL_ZOOMS if population >= p)


def _labels(towns: Sequence[Sequence[Any]], *, with_oblasts: bool) -> dict[str, Any]:
    """Place and region names, most important first, with the zooms they show at.

    ``towns`` holds ``(name, lat, lon, population[, kind])``; kind ``"region"`` marks a
    first-level division. A caller's region inside a bundled oblast is left out when the
    oblasts' own names are drawn.
    """
    rows: list[tuple[int, int, int, str, float, float]] = []  # zoom, kind, -pop, name, lat, lon
    for t in towns:
        name, lat, lon, pop = str(t[0]), float(t[1]), float(t[2]), int(t[3])
        if len(t) > 4 and t[4] == "region":
            if with_oblasts and region_key(lat, lon):
                continue
            rows.append((REGION_ZOOMS[0], 1, -pop, name, lat, lon))
        else:
            rows.append((_label_zoom(pop), 0, -pop, name, lat, lon))
    if with_oblasts:
        for key, (name, _, (lat, lon)) in oblasts().items():
            if key not in _CITY_OBLASTS:
                rows.append((REGION_ZOOMS[0], 1, 0, name, lat, lon))
    rows.sort()
    return {
        "name": [_esc(r[3]) for r in rows],
        "zoom": [r[0] for r in rows],
        "kind": [r[1] for r in rows],
        "pts": encode_line(((r[5], r[4]) for r in rows), 4),
        "regionZooms": list(REGION_ZOOMS),
        "countryZooms": list(COUNTRY_ZOOMS),
    }


def _esc(value: str) -> str:
    import html

    return html.escape(value, quote=True)


def background(
    *,
    country_outlines: bool,
    towns: Sequence[Sequence[Any]],
    points: Sequence[tuple[float, float]],
    used_oblasts: Iterable[str],
) -> dict[str, Any]:
    """The offline background of one map, every name HTML-escaped.

    Parameters
    ----------
    country_outlines
        Draw countries, every oblast, rivers and lakes; when False only the outlines of
        the oblasts in ``used_oblasts`` (region-level events) are sent.
    towns
        ``(name, lat, lon, population[, kind])`` of the places to label.
    points
        ``(lat, lon)`` of the events drawn: rivers and lakes are kept around them.
    used_oblasts
        Codes of the oblasts holding region-level events.
    """
    used = set(used_oblasts)
    adm1 = {
        k: {"name": _esc(oblasts()[k][0]), **v}
        for k, v in _encoded_oblasts().items()
        if country_outlines or k in used
    }
    rivers, lakes = _water_near(points) if country_outlines else ([], [])
    countries = _countries() if country_outlines else None
    if countries is not None:
        countries = {**countries, "name": [_esc(n) for n in countries["name"]]}
    return {
        "borders": country_outlines,
        # credited in the attribution control while the base layer is shown
        "attribution": BASE_ATTRIBUTION if country_outlines else "",
        "countries": countries,
        "adm1": adm1,
        "rivers": rivers,
        "lakes": lakes,
        "labels": _labels(towns, with_oblasts=country_outlines),
    }


def oblast_keys(gdf: geopandas.GeoDataFrame) -> list[str]:
    """Return the geoBoundaries oblast code containing each region-level Ukrainian event."""

    keys = [""] * len(gdf)
    want = (
        (gdf["geo_precision"] == 3)
        & (gdf["location_level"] == "admin1")
        & (gdf["country_code"] == "UA")
        & gdf.geometry.notna()
    ).to_numpy()
    if not want.any():
        return keys
    names, tree = _oblast_tree()
    points = gdf.geometry.to_numpy()
    for i in want.nonzero()[0]:
        hit = tree.query(points[i], predicate="intersects")
        if len(hit) == 0:
            hit = [tree.nearest(points[i])]
        keys[i] = names[int(hit[0])]
    return keys
