"""Render stage: event table -> interactive Folium/Leaflet map (the ONLY module importing folium).

:func:`render_map` draws the events as own SVG pins per event type (solid for town-level,
hollow for "near", a dashed ring plus the oblast outline for region-level events) in one
cluster layer whose clusters show their type mix, with one layer-control switch per event
type, a side panel with a legend, the events newest first and the country-level events
that are never drawn as pins, and a day filter. Markers, popups and the panel are built in
the browser by ``assets/geomap.js`` from one columnar JSON payload in which every string has
been HTML-escaped here; it loads large maps in the background after the first paint.
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
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap._atomic import atomic_write_text
from geomap._validate import validate_events_gdf
from geomap.events.schema import EVENT_TYPES

if TYPE_CHECKING:
    import folium
    import geopandas

__all__ = ["TYPE_COLORS", "render_map", "save_map"]

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
) -> folium.Map:
    """Draw the events on a Folium map.

    Parameters
    ----------
    gdf
        Event table from :func:`geomap.events.events_to_gdf` (validated here).
    m
        Map to draw on; a new OpenStreetMap-tiled map fitted to the events when None.
    title
        Page title and panel heading (escaped).
    self_contained
        Inline every script and stylesheet that has a local copy (our own assets always;
        Leaflet and Leaflet.markercluster from ``$GEOMAP_ASSETS_DIR``, XStatic packages or
        Debian's ``libjs-leaflet``); what has none stays a CDN link and is logged.
    country_outlines
        Draw the bundled Natural Earth country outlines (Crimea as Ukraine) under the
        tiles, so the map stays readable offline.

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
            tiles="OpenStreetMap",
            max_zoom=MAX_ZOOM,
            min_zoom=2,
            control_scale=True,
        )
        m.default_js = [(n, u) for n, u in m.default_js if n not in _UNUSED_FOLIUM_ASSETS]
        m.default_css = [(n, u) for n, u in m.default_css if n not in _UNUSED_FOLIUM_ASSETS]
    elif m.options.get("maxZoom") is None:
        m.options["maxZoom"] = MAX_ZOOM  # MarkerCluster needs it when the map has no tiles
    m.get_root().title = html.escape(title)  # type: ignore[attr-defined]

    payload = _payload(gdf, title=title, country_outlines=country_outlines)
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
        south, north = float(located["latitude"].min()), float(located["latitude"].max())
        west, east = float(located["longitude"].min()), float(located["longitude"].max())
        pad = 0.3
        payload["fit"] = [[south - pad, west - pad], [north + pad, east + pad]]
    _layer_class()(cluster, toggles, areas, payload, self_contained=self_contained).add_to(m)

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


def _payload(gdf: geopandas.GeoDataFrame, *, title: str, country_outlines: bool) -> dict[str, Any]:
    """Columnar data for ``geomap.js``: events newest first, every string HTML-escaped.

    Events are sorted by date, newest first (undated last, ties in table order), so the
    browser never sorts and a day filter is a contiguous slice. ``days`` are the distinct
    dates, oldest first; each event stores the index of its date there (-1: undated).
    String columns whose values repeat are dictionary-encoded (``{"v": [...], "i": [...]}``).
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
    oblasts = {k: v for k, v in _oblasts().items() if k in used}
    return {
        "title": _esc(title),
        "types": [
            {"label": _esc(t), "color": TYPE_COLORS[t], "count": n}
            for t, n in zip(EVENT_TYPES, counts, strict=True)
        ],
        "n": len(order),
        "days": [_esc(d) for d in days],
        "cols": cols,
        "polygons": {k: {"name": _esc(v[0]), "geometry": v[1]} for k, v in oblasts.items()},
        "countries": _countries() if country_outlines else None,
        "fit": None,  # set by render_map: bounds to fit a new map to, [[S, W], [N, E]]
    }


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
            payload: dict[str, Any],
            *,
            self_contained: bool,
        ) -> None:
            super().__init__()  # type: ignore[no-untyped-call]
            self._name = "GeomapLayer"
            self.cluster = cluster
            self.toggles = toggles
            self.areas = areas
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
                    f'JSON.parse(document.getElementById("{data_id}").textContent));'
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
