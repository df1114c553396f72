"""Render stage: the event table as the columnar, HTML-escaped payload ``geomap.js`` reads.

Every string that reaches the page is escaped here; the browser only concatenates them.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geomap.events.schema import EVENT_TYPES
from geomap.render.context import countries, oblast_keys, oblasts
from geomap.render.style import BASE_ATTRIBUTION, TYPE_COLORS

if TYPE_CHECKING:
    import geopandas

__all__ = ["build_payload", "esc"]

_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def esc(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _text(values: list[Any]) -> list[str]:
    """Raw (unescaped) strings; missing values become ``""``."""
    return ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v) for v in values]


def _highlight(notes: str, place: str) -> str:
    """Escape the quoted sentence and wrap the first mention of ``place`` in ``<mark>``."""
    if place:
        i = notes.lower().find(place.lower())
        if i >= 0:
            j = i + len(place)
            return f"{esc(notes[:i])}<mark>{esc(notes[i:j])}</mark>{esc(notes[j:])}"
    return esc(notes)


def _column(values: list[str]) -> list[str] | dict[str, list[Any]]:
    """Escape a string column; repeated values are stored once (``{"v": values, "i": codes}``)."""
    codes: dict[str, int] = {}
    index = [codes.setdefault(v, len(codes)) for v in values]
    escape = html.escape  # values are str already (see _text)
    if 2 * len(codes) > len(values):
        return [escape(v) for v in values]
    return {"v": [escape(v) for v in codes], "i": index}


def _opt_ints(values: list[Any]) -> list[int | None]:
    import pandas as pd

    return [None if pd.isna(v) else int(v) for v in values]


def _coords(values: list[Any]) -> list[float | None]:
    return [None if v is None or math.isnan(v) else round(float(v), 5) for v in values]


def build_payload(
    gdf: geopandas.GeoDataFrame,
    *,
    title: str,
    country_outlines: bool,
    towns: Sequence[tuple[str, float, float, int]] = (),
) -> dict[str, Any]:
    """Columnar data for ``geomap.js``: events newest first, every string HTML-escaped.

    Events are sorted by date, newest first (undated last, ties in table order), so the
    browser never sorts and a day filter is a contiguous slice. ``days`` are the distinct
    dates, oldest first; each event stores the index of its date there (-1: undated).
    String columns whose values repeat are dictionary-encoded (``{"v": [...], "i": [...]}``).
    ``adm1`` holds the oblast outlines (all of them with ``country_outlines``, else those
    of region-level events), ``polygons`` the keys of those outlined for events.
    """
    type_index = {t: i for i, t in enumerate(EVENT_TYPES)}
    dates = _text(gdf["event_date"].tolist())
    order = sorted(range(len(gdf)), key=dates.__getitem__, reverse=True)
    days = sorted({d for d in dates if d})
    day_index = {d: i for i, d in enumerate(days)}
    poly_keys = oblast_keys(gdf)

    def col(name: str) -> list[Any]:
        values = gdf[name].tolist()
        return [values[i] for i in order]

    ids = gdf.index.tolist()
    places = _text(col("location"))
    urls = [u if _SAFE_URL.match(u) else "" for u in _text(col("url"))]
    cols: dict[str, Any] = {
        "id": _column([str(ids[i]) for i in order]),
        "day": [day_index.get(dates[i], -1) for i in order],
        "tp": [int(v) for v in col("time_precision")],
        "type": [type_index[v] for v in col("event_type")],
        "sub": _column(_text(col("sub_event_type"))),
        "lat": _coords(col("latitude")),
        "lon": _coords(col("longitude")),
        "gp": [int(v) for v in col("geo_precision")],
        "level": _column(_text(col("location_level"))),
        "place": _column(places),
        "adm1": _column(_text(col("admin1"))),
        "country": _column(_text(col("country"))),
        "killed": _opt_ints(col("fatalities")),
        "injured": _opt_ints(col("injured")),
        "a1": _column(_text(col("actor1"))),
        "a2": _column(_text(col("actor2"))),
        "notes": [_highlight(n, p) for n, p in zip(_text(col("notes")), places, strict=True)],
        "src": _column(_text(col("source"))),
        "url": _column(urls),
        "title": _column(_text(col("title"))),
        "status": _column(_text(col("status"))),
        "poly": _column([poly_keys[i] for i in order]),
        "nsrc": [len([s for s in v.split(";") if s]) for v in _text(col("sources"))],
        "weapons": _column(_text(col("weapons"))),
    }
    counts = [int((gdf["event_type"] == t).sum()) for t in EVENT_TYPES]
    used = {k for k in poly_keys if k}
    drawn = {k: v for k, v in oblasts().items() if country_outlines or k in used}
    ranked = sorted(towns, key=lambda t: -t[3])
    return {
        "title": esc(title),
        "types": [
            {"label": esc(t), "color": TYPE_COLORS[t], "count": n}
            for t, n in zip(EVENT_TYPES, counts, strict=True)
        ],
        "n": len(order),
        "days": [esc(d) for d in days],
        "cols": cols,
        "adm1": {k: {"name": esc(v[0]), "geometry": v[1]} for k, v in drawn.items()},
        "polygons": sorted(used),
        "borders": country_outlines,
        # credited in the attribution control while the base layer is shown
        "attribution": BASE_ATTRIBUTION if country_outlines else "",
        "countries": countries() if country_outlines else None,
        "towns": {
            "name": [esc(t[0]) for t in ranked],
            "lat": [round(float(t[1]), 4) for t in ranked],
            "lon": [round(float(t[2]), 4) for t in ranked],
            "pop": [int(t[3]) for t in ranked],
        },
        # set by render_map for a new map: bounds [[S, W], [N, E]] of the main group of
        # events and of all of them, and the rows left out of the main group
        "fit": None,
        "fitAll": None,
        "outliers": {"n": 0, "rows": [], "more": 0},
    }
