"""Render stage: the map's offline background, from data bundled in ``geomap/assets/``.

Country outlines (Natural Earth) and Ukraine's oblasts (geoBoundaries), and which oblast
holds each region-level event.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from geomap.render.inline import ASSETS

if TYPE_CHECKING:
    import geopandas

__all__ = ["countries", "oblast_keys", "oblasts"]


@cache
def oblasts() -> dict[str, tuple[str, dict[str, Any]]]:
    data = json.loads((ASSETS / "ua_adm1.geojson").read_text(encoding="utf-8"))
    return {
        f["properties"]["iso"]: (f["properties"]["name"], f["geometry"]) for f in data["features"]
    }


@cache
def countries() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ASSETS / "countries.geojson").read_text(encoding="utf-8"))
    return data


def oblast_keys(gdf: geopandas.GeoDataFrame) -> list[str]:
    """Return the geoBoundaries oblast code containing each region-level Ukrainian event."""
    import shapely

    keys = [""] * len(gdf)
    want = (
        (gdf["geo_precision"] == 3)
        & (gdf["location_level"] == "admin1")
        & (gdf["country_code"] == "UA")
        & gdf.geometry.notna()
    ).to_numpy()
    if not want.any():
        return keys
    names = list(oblasts())
    shapes = [shapely.geometry.shape(oblasts()[k][1]) for k in names]
    tree = shapely.STRtree(shapes)
    points = gdf.geometry.to_numpy()
    for i in want.nonzero()[0]:
        hit = tree.query(points[i], predicate="intersects")
        if len(hit) == 0:
            hit = [tree.nearest(points[i])]
        keys[i] = names[int(hit[0])]
    return keys
