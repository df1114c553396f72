"""Render stage: the event table as the columnar, HTML-escaped payload the page reads.

Every string that reaches the page is escaped here; the browser only concatenates them.
Events are sorted newest first; string columns whose values repeat are stored once. Each
event's sources (``source_urls``/``source_names``/``source_dates``, else
``url``/``source``/``sources``) point into one table
of links labelled by site or channel; ambiguous places carry their alternatives.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geomap.events.schema import EVENT_TYPES, split_list
from geomap.render.context import background, oblast_keys
from geomap.render.style import TYPE_COLORS

if TYPE_CHECKING:
    import geopandas

__all__ = ["CHANNEL_HOSTS", "OWN_DATASET", "build_payload", "esc", "source_label"]

log = logging.getLogger(__name__)

_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
#: Hosts whose first path segment is the channel or account: labelled ``host/segment``.
#: Value: the host shown (``telegram.me`` links read as ``t.me``).
CHANNEL_HOSTS: dict[str, str] = {
    "t.me": "t.me",
    "telegram.me": "t.me",
    "twitter.com": "twitter.com",
    "mobile.twitter.com": "twitter.com",
    "x.com": "x.com",
    "facebook.com": "facebook.com",
    "m.facebook.com": "facebook.com",
    "instagram.com": "instagram.com",
    "tiktok.com": "tiktok.com",
    "youtube.com": "youtube.com",
    "vk.com": "vk.com",
}
#: Path segments that are not a channel (``t.me/s/name``: the web preview of ``name``).
_NOT_CHANNEL = frozenset({"s", "c", "share", "status", "watch", "i"})


def esc(value: object) -> str:
    """HTML-escape a value (quotes included); missing values become ``""``."""
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


_URL_PARTS = re.compile(r"^https?://(?:[^@/?#]*@)?([^:/?#]+)(?::\d*)?([^?#]*)", re.IGNORECASE)


def source_label(url: str, source: str = "") -> str:
    """Name a source by its site or channel (unescaped).

    ``https://www.reuters.com/x`` -> ``reuters.com``; ``https://t.me/s/name/12`` ->
    ``t.me/name``; ``https://twitter.com/user/status/1`` -> ``twitter.com/user``; no
    usable URL -> ``source`` (else ``"source"``).
    """
    parts = _URL_PARTS.match(url)
    if parts is None:
        return source or "source"
    host = parts.group(1).lower().removeprefix("www.")
    shown = CHANNEL_HOSTS.get(host)
    if shown is None:
        return host
    segments = [s for s in parts.group(2).split("/") if s]
    while segments and segments[0] in _NOT_CHANNEL and len(segments) > 1:
        if segments[0] == "c":  # t.me/c/<id>/<post>: a private channel by its number
            return f"{shown}/c/{segments[1]}"
        segments = segments[1:]
    return f"{shown}/{segments[0]}" if segments else shown


def _json_list(text: str, *, row: str, column: str) -> list[dict[str, Any]]:
    """Parse a JSON list of objects; empty or malformed text gives ``[]`` (logged)."""
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except ValueError:
        log.warning("event %s: %s is not valid JSON; ignored", row, column)
        return []
    if not isinstance(value, list):
        log.warning("event %s: %s is not a JSON list; ignored", row, column)
        return []
    return [v for v in value if isinstance(v, dict)]


class _SourceTable:
    """Distinct sources (label, href, date, name), referenced by index; stored by column."""

    def __init__(self) -> None:
        self.columns: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
        self._index: dict[tuple[str, str, str], int] = {}

    def add(self, url: str, source: str, date: str) -> int:
        key = (url, source, date[:10])
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self._index)
            href = url if _SAFE_URL.match(url) else ""
            for column, value in zip(
                self.columns, (source_label(href, source), href, key[2], source), strict=True
            ):
                column.append(value)
        return i

    def payload(self) -> dict[str, Any]:
        """Escaped columns ``label``, ``href``, ``date``, ``name`` (repeats stored once)."""
        return {
            name: _column(values)
            for name, values in zip(("label", "href", "date", "name"), self.columns, strict=True)
        }


def _listed(gdf: geopandas.GeoDataFrame, column: str) -> list[list[str]]:
    """A list column's items per row (empty lists when the table lacks the column)."""
    if column not in gdf:
        return [[] for _ in range(len(gdf))]
    return [split_list(v) for v in _text(gdf[column].tolist())]


def _sources(gdf: geopandas.GeoDataFrame, order: list[int]) -> tuple[list[Any], dict[str, Any]]:
    """Per event: its source indices (an int when one); and the table of distinct sources.

    Every merged source with its URL, name and date (``source_urls``, ``source_names``,
    ``source_dates``, parallel to ``sources``); a table without them gives the event's own
    ``url``/``source`` and the other merged article ids.
    """
    table = _SourceTable()
    url, source = _text(gdf["url"].tolist()), _text(gdf["source"].tolist())
    article = _text(gdf["article_id"].tolist())
    merged = _listed(gdf, "sources")
    urls, names, dates = (_listed(gdf, c) for c in ("source_urls", "source_names", "source_dates"))
    out: list[Any] = []
    for i in order:
        refs = [
            table.add(
                urls[i][k] if k < len(urls[i]) else "",
                names[i][k] if k < len(names[i]) else sid,
                dates[i][k] if k < len(dates[i]) else "",
            )
            for k, sid in enumerate(merged[i])
            if urls[i] or names[i]
        ]
        if not refs:  # the event's own article, then the other merged article ids
            refs = [table.add(url[i], source[i], "")]
            refs += [table.add("", a, "") for a in merged[i] if a and a != article[i]]
        out.append(refs[0] if len(refs) == 1 else refs)
    return out, table.payload()


def _alternatives(gdf: geopandas.GeoDataFrame, order: list[int]) -> dict[str, list[list[Any]]]:
    """Row (in payload order) -> ``[name, admin1, country_code, lat, lon]`` of each alternative."""
    if "alternatives" not in gdf:
        return {}
    ids = gdf.index.tolist()
    texts = _text(gdf["alternatives"].tolist())
    out: dict[str, list[list[Any]]] = {}
    for row, i in enumerate(order):
        alts: list[list[Any]] = []
        for a in _json_list(texts[i], row=ids[i], column="alternatives"):
            try:
                lat, lon = float(a["lat"]), float(a["lon"])
            except (KeyError, TypeError, ValueError):
                lat = lon = math.nan
            ok = math.isfinite(lat) and math.isfinite(lon)
            names = [esc(a.get("name")), esc(a.get("admin1")), esc(a.get("country_code"))]
            alts.append([*names, round(lat, 5) if ok else None, round(lon, 5) if ok else None])
        if alts:
            out[str(row)] = alts
    return out


def _event_columns(
    gdf: geopandas.GeoDataFrame, order: list[int], days: list[str]
) -> dict[str, Any]:
    type_index = {t: i for i, t in enumerate(EVENT_TYPES)}
    day_index = {d: i for i, d in enumerate(days)}
    dates = _text(gdf["event_date"].tolist())
    poly_keys = oblast_keys(gdf)

    def col(name: str) -> list[Any]:
        values = gdf[name].tolist()
        return [values[i] for i in order]

    ids = gdf.index.tolist()
    places = _text(col("location"))
    return {
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
        "title": _column(_text(col("title"))),
        "status": _column(_text(col("status"))),
        "poly": _column([poly_keys[i] for i in order]),
        "weapons": _column(_text(col("weapons"))),
    }


#: The ``dataset`` of rows that have none (events geomap found).
OWN_DATASET = "geomap"


def _datasets(gdf: geopandas.GeoDataFrame, order: list[int]) -> tuple[list[str], list[int]]:
    """The table's datasets (first seen first) and each row's index among them, in payload
    order; none when the table has no ``dataset`` column or a single dataset."""
    if "dataset" not in gdf:
        return [], []
    names = [v or OWN_DATASET for v in _text(gdf["dataset"].tolist())]
    sets = list(dict.fromkeys(names))
    if len(sets) < 2:
        return [], []
    index = {name: k for k, name in enumerate(sets)}
    return sets, [index[names[i]] for i in order]


def build_payload(
    gdf: geopandas.GeoDataFrame,
    *,
    title: str,
    country_outlines: bool,
    towns: Sequence[Sequence[Any]] = (),
    overlays: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Columnar data for the page: events newest first, every string HTML-escaped.

    Events are sorted by date, newest first (undated last, ties in table order), so the
    browser never sorts. ``days`` are the distinct dates, oldest first; each event stores
    the index of its date there (-1: undated). String columns whose values repeat are
    dictionary-encoded (``{"v": [...], "i": [...]}``). ``src`` holds per event the index
    (or list of indices) of its sources in the columns of ``sources``; ``alts`` the
    alternatives of ambiguous places by row; ``background`` the offline base layer
    (:func:`~.context.background`). A table whose ``dataset`` column holds several values
    (geomap's events and an ACLED export) lists them in ``sets``, and ``cols.set`` gives
    each event's.
    """
    dates = _text(gdf["event_date"].tolist())
    order = sorted(range(len(gdf)), key=dates.__getitem__, reverse=True)
    days = sorted({d for d in dates if d})
    cols = _event_columns(gdf, order, days)
    cols["src"], sources = _sources(gdf, order)
    sets, of_row = _datasets(gdf, order)
    if sets:
        cols["set"] = of_row
    counts = [int((gdf["event_type"] == t).sum()) for t in EVENT_TYPES]
    poly = cols["poly"]
    keys = [poly["v"][i] for i in poly["i"]] if isinstance(poly, dict) else poly
    used = sorted({k for k in keys if k})
    located = gdf[gdf.geometry.notna() & (gdf["location_level"] != "country")]
    points = list(zip(located["latitude"].tolist(), located["longitude"].tolist(), strict=True))
    return {
        "title": esc(title),
        "types": [
            {"label": esc(t), "color": TYPE_COLORS[t], "count": n}
            for t, n in zip(EVENT_TYPES, counts, strict=True)
        ],
        "n": len(order),
        # the datasets drawn as layers of their own (``dataset`` column): none, or 2+
        "sets": [{"label": esc(name), "count": of_row.count(k)} for k, name in enumerate(sets)],
        "days": [esc(d) for d in days],
        "cols": cols,
        "sources": sources,
        "alts": _alternatives(gdf, order),
        "polygons": used,
        "background": background(
            country_outlines=country_outlines, towns=towns, points=points, used_oblasts=used
        ),
        "overlays": list(overlays),
        # set by render_map for a new map: bounds [[S, W], [N, E]] of the main group of
        # events and of all of them, and the rows left out of the main group
        "fit": None,
        "fitAll": None,
        "outliers": {"n": 0, "rows": [], "more": 0},
    }
