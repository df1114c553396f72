"""Build the map's bundled background layers (stage: render assets; run by hand, not at import).

Writes next to this file, from the source files in the project's ``gazetteer/`` folder:

- ``countries.geojson``: Natural Earth 1:110m admin-0 countries with a label point each.
  Ukraine is the union of its geoBoundaries oblasts (Crimea included), so its outline is as
  sharp as the oblast borders; its neighbours lose what overlaps it and gain the slivers
  Natural Earth's coarser Ukraine left between them. Coordinates rounded to 0.001 degree.
- ``ua_adm1.geojson``: Ukraine's oblasts (geoBoundaries), unsimplified beyond the source
  (median segment ~1 km), coordinates rounded to 0.0001 degree, with a label point
  (the pole of inaccessibility) per oblast.
- ``rivers.geojson.gz`` and ``lakes.geojson.gz``: Natural Earth 1:50m rivers / lake centre-lines
  and lakes, worldwide, simplified to 0.002 degree and rounded to 0.001 degree. The map
  keeps only the part around its events.

Usage::

    .venv/bin/python geomap/assets/_make_outlines.py [SOURCE_DIR]   # default: gazetteer/
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Natural Earth's 1:110m Russia multipolygon holds Crimea as a separate ring inside this box.
CRIMEA_BOX = (32.0, 44.0, 36.8, 46.3)
#: Slivers between Natural Earth's Ukraine and geoBoundaries' that touch no neighbour (on
#: the coast) are dropped; smaller ones than this (square degrees) as well.
MIN_SLIVER = 1e-6


def _round(obj: Any, ndigits: int) -> Any:
    if isinstance(obj, float):
        return round(obj, ndigits)
    if isinstance(obj, list | tuple):
        return [_round(v, ndigits) for v in obj]
    return obj


def _write(path: Path, features: list[dict[str, Any]]) -> None:
    """Write a FeatureCollection; gzip-compressed when ``path`` ends in ``.gz``."""
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    tmp = path.with_name(path.name + ".tmp")
    data = (text + "\n").encode("utf-8")
    tmp.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
    tmp.replace(path)


def _label_point(geom: Any) -> list[float]:
    """``[lat, lon]`` of the pole of inaccessibility of the largest part."""
    from shapely.ops import polylabel

    parts = list(getattr(geom, "geoms", [geom]))
    main = max(parts, key=lambda p: p.area)
    p = polylabel(main, tolerance=0.01)
    return [round(p.y, 3), round(p.x, 3)]


def _feature(props: dict[str, Any], geom: Any, grid: float, ndigits: int) -> dict[str, Any]:
    import shapely
    from shapely.geometry import mapping

    return {
        "type": "Feature",
        "properties": props,
        "geometry": _round(mapping(shapely.set_precision(geom, grid)), ndigits),
    }


def _ukraine_outline(source_dir: Path) -> tuple[Any, Any]:
    """The oblasts (GeoDataFrame) and Ukraine as their union."""
    import geopandas
    import shapely

    gb = geopandas.read_file(source_dir / "geoBoundaries-UKR-ADM1_simplified.geojson")
    gb["geometry"] = shapely.set_precision(gb.geometry.values, 0.0001)
    return gb, shapely.union_all(gb.geometry.values).buffer(0)


def _countries(source_dir: Path, ukraine: Any) -> list[dict[str, Any]]:
    import geopandas
    import shapely
    from shapely.geometry import MultiPolygon, box

    ne = geopandas.read_file(source_dir / "ne_110m_admin_0_countries.geojson")
    ru_i = ne.index[ne["ADMIN"] == "Russia"][0]
    ua_i = ne.index[ne["ADMIN"] == "Ukraine"][0]
    ru_parts = list(ne.at[ru_i, "geometry"].geoms)
    crimea = [p for p in ru_parts if box(*CRIMEA_BOX).contains(p)]
    if len(crimea) != 1:
        msg = f"expected one Crimea polygon in Natural Earth's Russia, found {len(crimea)}"
        raise SystemExit(msg)
    ne.at[ru_i, "geometry"] = MultiPolygon([p for p in ru_parts if p is not crimea[0]])
    coarse = shapely.union(ne.at[ua_i, "geometry"], crimea[0])
    slivers = shapely.difference(coarse, ukraine)
    neighbours = [i for i in ne.index if i != ua_i and ne.at[i, "geometry"].intersects(coarse)]
    gained: dict[int, list[Any]] = {i: [] for i in neighbours}
    for part in getattr(slivers, "geoms", [slivers]):
        if part.area < MIN_SLIVER:
            continue
        shared = {i: part.boundary.intersection(ne.at[i, "geometry"]).length for i in neighbours}
        best = max(shared, key=lambda i: shared[i], default=None)
        if best is not None and shared[best] > 0:
            gained[best].append(part)
    for i in neighbours:
        grown = shapely.union_all([ne.at[i, "geometry"], *gained[i]])
        ne.at[i, "geometry"] = shapely.difference(grown, ukraine).buffer(0)
    ne.at[ua_i, "geometry"] = ukraine
    return [
        _feature(
            {"name": row.ADMIN, "iso_a2": row.ISO_A2, "label": _label_point(row.geometry)},
            row.geometry,
            0.001,
            3,
        )
        for row in ne.itertuples()
        if not row.geometry.is_empty
    ]


def _natural_earth_lines(path: Path, tolerance: float) -> list[dict[str, Any]]:
    import shapely

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for f in data["features"]:
        geom = shapely.geometry.shape(f["geometry"]).simplify(tolerance)
        if not geom.is_empty:
            out.append(_feature({}, geom, 0.001, 3))
    return out


def make_outlines(source_dir: Path) -> None:
    """Write the four GeoJSON files from the files in ``source_dir``."""
    gb, ukraine = _ukraine_outline(source_dir)
    _write(HERE / "countries.geojson", _countries(source_dir, ukraine))
    oblasts = [
        _feature(
            {"name": row.shapeName, "iso": row.shapeISO, "label": _label_point(row.geometry)},
            row.geometry,
            0.0001,
            4,
        )
        for row in gb.itertuples()
    ]
    _write(HERE / "ua_adm1.geojson", oblasts)
    rivers = source_dir / "ne_50m_rivers_lake_centerlines.geojson.gz"
    _write(HERE / "rivers.geojson.gz", _natural_earth_lines(rivers, 0.002))
    lakes = source_dir / "ne_50m_lakes.geojson.gz"
    _write(HERE / "lakes.geojson.gz", _natural_earth_lines(lakes, 0.002))


if __name__ == "__main__":
    make_outlines(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[1] / "gazetteer")
