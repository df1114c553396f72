"""Build the map's bundled outline layers (stage: render assets; run by hand, not at import).

Writes ``countries.geojson`` (Natural Earth 1:110m admin-0, Crimea drawn as part of
Ukraine, coordinates rounded to 0.01 degree) and ``ua_adm1.geojson`` (geoBoundaries
Ukrainian oblasts, simplified to ~0.01 degree) next to this file::

    .venv/bin/python geomap/assets/_make_outlines.py [SOURCE_DIR]   # default: gazetteer/
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Natural Earth's 1:110m Russia multipolygon holds Crimea as a separate ring inside this box.
CRIMEA_BOX = (32.0, 44.0, 36.8, 46.3)


def _round(obj: Any, ndigits: int) -> Any:
    if isinstance(obj, float):
        return round(obj, ndigits)
    if isinstance(obj, list | tuple):
        return [_round(v, ndigits) for v in obj]
    return obj


def _write(path: Path, features: list[dict[str, Any]]) -> None:
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)


def make_outlines(source_dir: Path) -> None:
    """Write ``countries.geojson`` and ``ua_adm1.geojson`` from the files in ``source_dir``."""
    import geopandas
    import shapely
    from shapely.geometry import MultiPolygon, box, mapping

    ne = geopandas.read_file(source_dir / "ne_110m_admin_0_countries.geojson")
    ru_i = ne.index[ne["ADMIN"] == "Russia"][0]
    ua_i = ne.index[ne["ADMIN"] == "Ukraine"][0]
    crimea_box = box(*CRIMEA_BOX)
    ru_parts = list(ne.at[ru_i, "geometry"].geoms)
    crimea = [p for p in ru_parts if crimea_box.contains(p)]
    if len(crimea) != 1:
        msg = f"expected one Crimea polygon in Natural Earth's Russia, found {len(crimea)}"
        raise SystemExit(msg)
    ne.at[ru_i, "geometry"] = MultiPolygon([p for p in ru_parts if p is not crimea[0]])
    ne.at[ua_i, "geometry"] = shapely.union(ne.at[ua_i, "geometry"], crimea[0])
    features = [
        {
            "type": "Feature",
            "properties": {"name": row.ADMIN, "iso_a2": row.ISO_A2},
            "geometry": _round(mapping(shapely.set_precision(row.geometry, 0.01)), 2),
        }
        for row in ne.itertuples()
    ]
    _write(HERE / "countries.geojson", features)

    gb = geopandas.read_file(source_dir / "geoBoundaries-UKR-ADM1_simplified.geojson")
    features = [
        {
            "type": "Feature",
            "properties": {"name": row.shapeName, "iso": row.shapeISO},
            "geometry": _round(
                mapping(shapely.set_precision(row.geometry.simplify(0.01), 0.001)), 3
            ),
        }
        for row in gb.itertuples()
    ]
    _write(HERE / "ua_adm1.geojson", features)


if __name__ == "__main__":
    make_outlines(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[1] / "gazetteer")
