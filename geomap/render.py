"""Render stage: event table -> interactive Folium/Leaflet map (the ONLY module importing folium).

:func:`render_map` draws the events as own SVG pins per event type (solid for town-level,
hollow for "near", a dashed ring plus the oblast outline for region-level events) in one
cluster layer whose clusters show their type mix, with one layer-control switch per event
type, a side panel with a legend, the events newest first and the country-level events
that are never drawn as pins, and a day filter. Markers, popups and the panel are built in
the browser by ``assets/geomap.js`` from one columnar JSON payload in which every string has
been HTML-escaped here; it loads large maps in the background after the first paint.
The base layer is drawn offline from bundled data (country outlines, oblast borders, the
town labels the caller passes); OpenStreetMap tiles are a second base layer, off by default.
A new map opens on the main group of events (:func:`main_group`); the rest are listed.
Coordinates are lon/lat everywhere else and flipped to lat/lon only here.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import math
import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap._atomic import atomic_write_text
from geomap._validate import validate_events_gdf
from geomap.events.schema import EVENT_TYPES

if TYPE_CHECKING:
    import folium
    import geopandas

__all__ = ["BASE_LAYER_NAME", "ONLINE_TILES_NAME", "TYPE_COLORS", "render_map", "save_map"]

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
#: Colour of each event type (markers, clusters, legend).
TYPE_COLORS: dict[str, str] = {
    "Battles": "#c62828",
    "Explosions/Remote violence": "#ef6c00",
    "Violence against civilians": "#6a1b9a",
    "Protests": "#2e7d32",
    "Riots": "#795548",
    "Strategic developments": "#1565c0",
    "Diplomacy": "#00838f",
}
MAX_ZOOM = 18
#: The default base layer: drawn in the browser from bundled data, no request anywhere.
BASE_LAYER_NAME = "Offline outlines (no tiles): countries, Ukrainian oblasts, towns 50,000+"
BLANK_LAYER_NAME = "Blank background (offline, no tiles)"
BASE_ATTRIBUTION = (
    "Offline outlines, no tiles: Natural Earth; geoBoundaries (CC BY 4.0); "
    "towns: GeoNames (CC BY 4.0)"
)
#: The opt-in online base layer (off by default: the map sends no request until chosen).
ONLINE_TILES_NAME = "OpenStreetMap tiles (online: loads tiles from openstreetmap.org)"
#: Initial view: events farther than max(OUTLIER_FACTOR x the median distance, OUTLIER_MIN_KM)
#: from the densest spot are outliers (listed, reachable with "All events", not fitted).
OUTLIER_FACTOR = 3.0
OUTLIER_MIN_KM = 50.0
#: Outlier places named in the map's control (one event each); the rest are counted.
MAX_OUTLIER_PLACES = 30
#: Where a local copy of a third-party asset may be found, in this order: a folder named by
#: $GEOMAP_ASSETS_DIR, an installed XStatic package, Debian's libjs-leaflet(.markercluster).
_XSTATIC = {
    "leaflet": ("xstatic.pkg.leaflet",),
    "markercluster": ("xstatic.pkg.leaflet_markercluster", "xstatic.pkg.leaflet.markercluster"),
}
_DEBIAN_DIR = Path("/usr/share/javascript/leaflet")
#: name -> (package, file name); names are folium's header-link names.
_THIRD_PARTY = {
    "leaflet": ("leaflet", "leaflet.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
    "markerclusterjs": ("markercluster", "leaflet.markercluster.js"),
    "markerclustercss": ("markercluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": ("markercluster", "MarkerCluster.Default.css"),
}
_UNUSED_FOLIUM_ASSETS = {
    "jquery",
    "bootstrap",
    "awesome_markers",
    "bootstrap_css",
    "glyphicons_css",
    "awesome_markers_font_css",
    "awesome_markers_css",
    "awesome_rotate_css",
}
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


def render_map(
    gdf: geopandas.GeoDataFrame,
    *,
    m: folium.Map | None = None,
    title: str = "geomap",
    self_contained: bool = True,
    country_outlines: bool = True,
    towns: Sequence[tuple[str, float, float, int]] = (),
    online_tiles: bool = True,
) -> folium.Map:
    """Draw the events on a Folium map.

    Parameters
    ----------
    gdf
        Event table from :func:`geomap.events.events_to_gdf` (validated here).
    m
        Map to draw on; when None, a new map whose base layer is the offline outlines
        (no tiles), opened on the densest group of events (see :data:`OUTLIER_FACTOR`).
    title
        Page title and panel heading (escaped).
    self_contained
        Inline every script and stylesheet that has a local copy (our own assets always;
        Leaflet and Leaflet.markercluster from ``$GEOMAP_ASSETS_DIR``, XStatic packages or
        Debian's ``libjs-leaflet``); what has none stays a CDN link and is logged.
    country_outlines
        Draw the bundled outlines under the events: Natural Earth countries (Crimea as
        Ukraine) and every Ukrainian oblast border (geoBoundaries), small and grey.
    towns
        ``(name, lat, lon, population)`` of the towns to label on the outlines (e.g.
        :func:`geomap.gazetteer.towns.towns_for_events`); larger towns show from lower
        zooms, and labels that would overlap a larger town's are hidden.
    online_tiles
        Offer OpenStreetMap tiles as a second base layer, off by default (a new map only).

    Returns
    -------
    folium.Map
        The map; write it with :func:`save_map`.
    """
    import folium
    from folium.plugins import MarkerCluster

    validate_events_gdf(gdf)
    own_map = m is None
    if m is None:
        m = folium.Map(
            location=(48.5, 31.5),
            zoom_start=6,
            tiles=None,
            max_zoom=MAX_ZOOM,
            min_zoom=2,
            control_scale=True,
        )
        m.default_js = [(n, u) for n, u in m.default_js if n not in _UNUSED_FOLIUM_ASSETS]
        m.default_css = [(n, u) for n, u in m.default_css if n not in _UNUSED_FOLIUM_ASSETS]
    if m.options.get("maxZoom") is None:
        m.options["maxZoom"] = MAX_ZOOM  # MarkerCluster needs it when the map has no tiles
    m.get_root().title = html.escape(title)  # type: ignore[attr-defined]
    # The base layer is an empty feature group that geomap.js fills with the outlines, the
    # town labels and the credit for them (on a caller's map: an overlay, so the caller's
    # own base layers stay).
    base = folium.FeatureGroup(
        name=BASE_LAYER_NAME if country_outlines else BLANK_LAYER_NAME,
        overlay=not own_map,
        control=True,
        show=True,
    )
    base.add_to(m)
    if own_map and online_tiles:
        # show=False: folium never adds the layer, so no tile is asked for until chosen.
        folium.TileLayer(
            "OpenStreetMap", name=ONLINE_TILES_NAME, overlay=False, control=True, show=False
        ).add_to(m)

    payload = _payload(gdf, title=title, country_outlines=country_outlines, towns=towns)
    # One cluster layer holds every type: a cluster per place, its ring coloured by type
    # shares. Seven per-type cluster layers drew up to seven overlapping bubbles per place;
    # at 100,000 events that meant ~10,000 cluster icons at zoom 8, a 10+ s zoom and a 3x
    # slower clustering. The layer control switches types with empty per-type toggle layers.
    # Radius 80 px (markercluster's default) keeps ~2.5x fewer, still distinct, clusters.
    cluster = MarkerCluster(  # type: ignore[no-untyped-call]
        name="Events",
        overlay=True,
        control=False,
        show=True,
        # geomap.js adds the markers in growing slices and sets the chunkedLoading options.
        options={"maxClusterRadius": 80, "showCoverageOnHover": False},
    )
    cluster.add_to(m)
    toggles = []
    for t, etype in zip(payload["types"], EVENT_TYPES, strict=True):
        name = (
            f'<span class="gm-sw" style="background:{TYPE_COLORS[etype]}"></span>'
            f"{html.escape(etype)} ({t['count']})"
        )
        toggle = folium.FeatureGroup(name=name, overlay=True, control=True, show=True)
        toggle.add_to(m)
        toggles.append(toggle)
    areas = folium.FeatureGroup(name="Oblast outlines of region-level events", show=True)
    areas.add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    located = gdf[gdf.geometry.notna() & (gdf["location_level"] != "country")]
    if own_map and len(located):
        # Fitted by geomap.js before it clusters (folium's fit_bounds would run after it:
        # the clusters would be built at zoom_start, then animated to the fitted zoom).
        _fit_view(payload)
    _layer_class()(cluster, toggles, areas, base, payload, self_contained=self_contained).add_to(m)

    log.info("rendered %d events (%d on the map)", len(gdf), len(located))
    return m


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one HTML file, atomically (temp file in the same folder + rename).

    Parameters
    ----------
    m
        Map from :func:`render_map`.
    path
        Target file.

    Returns
    -------
    Path
        The written file.
    """
    text = m.get_root().render()
    target = atomic_write_text(path, text)
    log.info("wrote %s (%d bytes)", target, target.stat().st_size)
    return target


# ---------------------------------------------------------------- payload (data for geomap.js)


def _esc(value: object) -> str:
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
            return f"{_esc(notes[:i])}<mark>{_esc(notes[i:j])}</mark>{_esc(notes[j:])}"
    return _esc(notes)


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


def _payload(
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
    poly_keys = _oblast_keys(gdf)

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
    oblasts = {k: v for k, v in _oblasts().items() if country_outlines or k in used}
    ranked = sorted(towns, key=lambda t: -t[3])
    return {
        "title": _esc(title),
        "types": [
            {"label": _esc(t), "color": TYPE_COLORS[t], "count": n}
            for t, n in zip(EVENT_TYPES, counts, strict=True)
        ],
        "n": len(order),
        "days": [_esc(d) for d in days],
        "cols": cols,
        "adm1": {k: {"name": _esc(v[0]), "geometry": v[1]} for k, v in oblasts.items()},
        "polygons": sorted(used),
        "borders": country_outlines,
        # credited in the attribution control while the base layer is shown
        "attribution": BASE_ATTRIBUTION if country_outlines else "",
        "countries": _countries() if country_outlines else None,
        "towns": {
            "name": [_esc(t[0]) for t in ranked],
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


def _bounds(lat: Any, lon: Any, pad: float = 0.3) -> list[list[float]]:
    return [
        [round(float(lat.min()) - pad, 4), round(float(lon.min()) - pad, 4)],
        [round(float(lat.max()) + pad, 4), round(float(lon.max()) + pad, 4)],
    ]


def _fit_view(payload: dict[str, Any]) -> None:
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
    keep = main_group(lat, lon)
    payload["fit"] = _bounds(lat[keep], lon[keep])
    payload["fitAll"] = _bounds(lat, lon)
    out = rows[~keep]
    place = cols["place"]
    places = [place["v"][place["i"][r]] if isinstance(place, dict) else place[r] for r in out]
    first: dict[str, int] = {}
    for r, name in zip(out.tolist(), places, strict=True):
        first.setdefault(name, r)
    listed = list(first.values())[:MAX_OUTLIER_PLACES]
    payload["outliers"] = {"n": len(out), "rows": listed, "more": len(first) - len(listed)}


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
    import numpy as np

    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    if len(lat) < 3:
        return np.ones(len(lat), dtype=bool)
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
    keep: Any = dist <= limit
    return keep


@cache
def _oblasts() -> dict[str, tuple[str, dict[str, Any]]]:
    data = json.loads((ASSETS / "ua_adm1.geojson").read_text(encoding="utf-8"))
    return {
        f["properties"]["iso"]: (f["properties"]["name"], f["geometry"]) for f in data["features"]
    }


@cache
def _countries() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ASSETS / "countries.geojson").read_text(encoding="utf-8"))
    return data


def _oblast_keys(gdf: geopandas.GeoDataFrame) -> list[str]:
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
    names = list(_oblasts())
    shapes = [shapely.geometry.shape(_oblasts()[k][1]) for k in names]
    tree = shapely.STRtree(shapes)
    points = gdf.geometry.to_numpy()
    for i in want.nonzero()[0]:
        hit = tree.query(points[i], predicate="intersects")
        if len(hit) == 0:
            hit = [tree.nearest(points[i])]
        keys[i] = names[int(hit[0])]
    return keys


def _json_for_html(obj: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, rep)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# ---------------------------------------------------------------- assets and the folium element


def _local_asset(package: str, filename: str) -> Path | None:
    env = os.environ.get("GEOMAP_ASSETS_DIR")
    if env and (Path(env) / filename).is_file():
        return Path(env) / filename
    for module in _XSTATIC[package]:
        try:
            mod = __import__(module, fromlist=["BASE_DIR"])
        except ImportError:
            continue
        found = sorted(Path(mod.BASE_DIR).rglob(filename))
        if found:
            return found[0]
    debian = _DEBIAN_DIR / filename
    return debian if debian.is_file() else None


def _inline_css(path: Path) -> str:
    """Read a stylesheet and turn its relative ``url(...)`` images into data URIs."""

    def repl(match: re.Match[str]) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "http:", "https:", "#")):
            return match.group(0)
        image = path.parent / ref
        if not image.is_file():
            return match.group(0)
        kind = "svg+xml" if image.suffix == ".svg" else image.suffix.lstrip(".")
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f'url("data:image/{kind};base64,{data}")'

    return _CSS_URL.sub(repl, path.read_text(encoding="utf-8"))


def _script_tag(js: str) -> str:
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE) + "</script>"


def _style_tag(css: str) -> str:
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"


def _icon_default_script(leaflet_css: Path) -> str:
    """Point ``L.Icon.Default`` at inlined marker images (inlined CSS breaks its path)."""
    images = leaflet_css.parent / "images"
    names = {"iconUrl": "marker-icon.png", "iconRetinaUrl": "marker-icon-2x.png"}
    names["shadowUrl"] = "marker-shadow.png"
    if not all((images / f).is_file() for f in names.values()):
        return ""
    opts = {
        k: base64.b64encode((images / f).read_bytes()).decode("ascii") for k, f in names.items()
    }
    return _script_tag(
        'L.Icon.Default.imagePath = "data:image/png;base64,";'
        f"L.Icon.Default.mergeOptions({json.dumps(opts)});"
    )


@cache
def _raw_class() -> type:
    from branca.element import Element

    class Raw(Element):
        """Text inserted as is: never parsed as a Jinja template (article text may hold ``{{``)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._text = text

        def render(self, **kwargs: Any) -> str:
            return self._text

    return Raw


def _raw(text: str) -> Any:
    return _raw_class()(text)


@cache
def _layer_class() -> type:
    from branca.element import MacroElement

    class GeomapLayer(MacroElement):
        """Adds the data payload, our JS/CSS and (self-contained) inlined libraries."""

        def __init__(
            self,
            cluster: Any,
            toggles: list[Any],
            areas: Any,
            base: Any,
            payload: dict[str, Any],
            *,
            self_contained: bool,
        ) -> None:
            super().__init__()  # type: ignore[no-untyped-call]
            self._name = "GeomapLayer"
            self.cluster = cluster
            self.toggles = toggles
            self.areas = areas
            self.base = base
            self.payload = payload
            self.self_contained = self_contained

        def render(self, **kwargs: Any) -> str:
            figure: Any = self.get_root()
            m: Any = self._parent
            header = figure.header
            remote: list[str] = []
            if self.self_contained:
                # Map and clusters have already put their CDN links in the header; a local
                # copy replaces its link in place (same name), so the order is kept.
                for owner in (m, self.cluster):
                    owner.default_js = _inline_links(owner.default_js, header, remote)
                    owner.default_css = _inline_links(owner.default_css, header, remote)
                if remote:
                    log.warning(
                        "self-contained map still loads from CDNs (no local copy): %s",
                        ", ".join(sorted(set(remote))),
                    )
            css = (ASSETS / "geomap.css").read_text(encoding="utf-8")
            header.add_child(_raw(_style_tag(css)), name="geomap_css")
            js = (ASSETS / "geomap.js").read_text(encoding="utf-8")
            header.add_child(_raw(_script_tag(js)), name="geomap_js")
            data_id = f"geomap-data-{self._id}"
            figure.html.add_child(
                _raw(
                    f'<script type="application/json" id="{data_id}">'
                    f"{_json_for_html(self.payload)}</script>"
                ),
                name=data_id,
            )
            toggle_names = ",".join(t.get_name() for t in self.toggles)
            figure.script.add_child(
                _raw(
                    f"geomapInit({m.get_name()}, {self.cluster.get_name()}, [{toggle_names}], "
                    f"{self.areas.get_name()}, "
                    f'JSON.parse(document.getElementById("{data_id}").textContent), '
                    f"{self.base.get_name()});"
                ),
                name=self.get_name(),
            )
            return ""

    return GeomapLayer


def _inline_links(links: list[tuple[str, str]], header: Any, remote: list[str]) -> list[Any]:
    """Inline every link with a local copy into ``header``; return the links left remote."""
    left = []
    for name, url in links:
        local = _local_asset(*_THIRD_PARTY[name]) if name in _THIRD_PARTY else None
        if local is None:
            left.append((name, url))
            remote.append(url)
            continue
        if local.suffix == ".css":
            text = _style_tag(_inline_css(local))
            if name == "leaflet_css":
                text += _icon_default_script(local)
        else:
            text = _script_tag(local.read_text(encoding="utf-8"))
        header.add_child(_raw(text), name=name)
    return left
