"""Render stage: event table -> interactive Folium/Leaflet map (the ONLY module importing folium).

:func:`render_map` builds the page's layers with folium: the offline base layer (filled in
the browser from the background of :mod:`geomap.render.context`), opt-in OpenStreetMap
tiles, one cluster layer for the events, an empty switch per event type and per user
overlay in a collapsed layer control, and the (off by default) oblast outlines of
region-level events. Everything else is built in the browser by the scripts of
``geomap/assets/`` (markers and popups, the place names, the side panel with search,
filters, list and export, the timeline, the shareable URL) from one columnar JSON payload
in which every string has been HTML-escaped (:mod:`geomap.render.payload`); large maps load
in the background after the first paint. A new map opens on the main group of events
(:mod:`geomap.render.view`). Coordinates are lon/lat everywhere else and flipped to lat/lon
only in this subpackage.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from geomap._atomic import atomic_write_text
from geomap._validate import validate_events_gdf
from geomap.events.schema import EVENT_TYPES
from geomap.render.inline import (
    inline_links,
    json_for_html,
    raw,
    read_asset,
    script_tag,
    style_tag,
)
from geomap.render.overlays import Overlay, overlays_payload
from geomap.render.payload import build_payload
from geomap.render.style import (
    AREAS_LAYER_NAME,
    BASE_LAYER_NAME,
    BLANK_LAYER_NAME,
    MAX_ZOOM,
    ONLINE_TILES_NAME,
    TYPE_COLORS,
)
from geomap.render.view import fit_view

if TYPE_CHECKING:
    import folium
    import geopandas

__all__ = ["render_map", "save_map"]

log = logging.getLogger(__name__)

#: The page's own scripts, inlined in this order (geomap.js, last, defines geomapInit).
JS_ASSETS = (
    "geomap-util.js",
    "geomap-background.js",
    "geomap-markers.js",
    "geomap-timeline.js",
    "geomap-panel.js",
    "geomap-overlays.js",
    "geomap.js",
)

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


def render_map(
    gdf: geopandas.GeoDataFrame,
    *,
    m: folium.Map | None = None,
    title: str = "geomap",
    self_contained: bool = True,
    country_outlines: bool = True,
    towns: Sequence[Sequence[Any]] = (),
    online_tiles: bool = True,
    overlays: Sequence[Overlay] = (),
) -> folium.Map:
    """Draw the events on a Folium map.

    Parameters
    ----------
    gdf
        Event table from :func:`geomap.events.events_to_gdf` (validated here): every
        source of a merged event (``source_urls``, ``source_names``, ``source_dates``)
        and the ``alternatives`` of an ambiguous place are shown. An optional ``dataset``
        column holding several values (the run's events and an ACLED export, see
        :func:`geomap.table.with_datasets`) gives each dataset a switch in the layer
        control; the first dataset's events are pins, the others' squares.
    m
        Map to draw on; when None, a new map whose base layer is the offline background
        (no tiles), opened on the densest group of events (see :mod:`geomap.render.view`).
    title
        Page title and panel heading (escaped).
    self_contained
        Inline every script and stylesheet that has a local copy (our own assets always;
        Leaflet and Leaflet.markercluster from ``$GEOMAP_ASSETS_DIR``, XStatic packages or
        Debian's ``libjs-leaflet``); what has none stays a CDN link and is logged.
    country_outlines
        Draw the bundled background under the events: countries (Natural Earth, Ukraine
        from geoBoundaries), every Ukrainian oblast border and name (geoBoundaries), rivers
        and lakes around the events (Natural Earth 1:50m).
    towns
        ``(name, lat, lon, population[, kind])`` of the places to label on the background
        (e.g. :func:`geomap.gazetteer.towns.map_labels`); a larger place shows from a lower
        zoom (:data:`geomap.render.context.LABEL_ZOOMS`); kind ``"region"`` is a
        first-level division's name.
    online_tiles
        Offer OpenStreetMap tiles as a second base layer, off by default (a new map only).
    overlays
        The user's own layers (:func:`geomap.render.overlays.read_overlay`), one switch
        each in the layer control.

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
            zoom_control=False,  # geomap.js puts it under the layer control (top right)
            control_scale=False,  # geomap.js puts it bottom right, above the timeline
        )
        m.default_js = [(n, u) for n, u in m.default_js if n not in _UNUSED_FOLIUM_ASSETS]
        m.default_css = [(n, u) for n, u in m.default_css if n not in _UNUSED_FOLIUM_ASSETS]
    if m.options.get("maxZoom") is None:
        m.options["maxZoom"] = MAX_ZOOM  # MarkerCluster needs it when the map has no tiles
    m.get_root().title = html.escape(title)  # type: ignore[attr-defined]
    # The base layer is an empty feature group that geomap.js fills with the background,
    # the names and the credit for them (on a caller's map: an overlay, so the caller's
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

    payload = build_payload(
        gdf,
        title=title,
        country_outlines=country_outlines,
        towns=towns,
        overlays=overlays_payload(list(overlays)),
    )
    payload["ownMap"] = own_map
    # One cluster layer holds every type: a cluster per place, its ring coloured by type
    # shares. Seven per-type cluster layers drew up to seven overlapping bubbles per place;
    # at 100,000 events that meant ~10,000 cluster icons at zoom 8, a 10+ s zoom and a 3x
    # slower clustering. The layer control switches types with empty per-type toggle layers.
    cluster = MarkerCluster(  # type: ignore[no-untyped-call]
        name="Events",
        overlay=True,
        control=False,
        show=True,
        # geomap.js sets the radius per zoom, adds the markers in growing slices and sets
        # the chunkedLoading options.
        options={"showCoverageOnHover": False},
    )
    cluster.add_to(m)
    toggles = []
    for i, (t, etype) in enumerate(zip(payload["types"], EVENT_TYPES, strict=True)):
        # the count follows the page's selection (geomap.js fills the span)
        name = (
            f'<span class="gm-sw" style="background:{TYPE_COLORS[etype]}"></span>'
            f'{html.escape(etype)} <span class="gm-lc-count" data-type="{i}">({t["count"]})</span>'
        )
        toggle = folium.FeatureGroup(name=name, overlay=True, control=True, show=True)
        toggle.add_to(m)
        toggles.append(toggle)
    # Off by default: shaded oblasts read like areas of control; a region-level event's
    # oblast is outlined while its popup is open.
    areas = folium.FeatureGroup(name=AREAS_LAYER_NAME, show=False)
    areas.add_to(m)
    sets = []
    for k, ds in enumerate(payload["sets"]):
        # one switch per dataset (geomap's events, an ACLED export): geomap.js keeps the
        # events of the datasets switched on, under the same time control and filters
        name = (
            f'<span class="gm-set-sw gm-set-{min(k, 1)}"></span>{ds["label"]} '
            f'<span class="gm-set-count" data-set="{k}">({ds["count"]})</span>'
        )
        toggle = folium.FeatureGroup(name=name, overlay=True, control=True, show=True)
        toggle.add_to(m)
        sets.append(toggle)
    groups = []
    for o in payload["overlays"]:
        group = folium.FeatureGroup(
            name=f'<span class="gm-sw" style="background:{o["color"]}"></span>{o["name"]}',
            show=True,
        )
        group.add_to(m)
        groups.append(group)
    control = folium.LayerControl(collapsed=True, position="topright")
    control.add_to(m)
    located = gdf[gdf.geometry.notna() & (gdf["location_level"] != "country")]
    if own_map and len(located):
        # Fitted by geomap.js before it clusters (folium's fit_bounds would run after it:
        # the clusters would be built at zoom_start, then animated to the fitted zoom).
        fit_view(payload)
    layers = _Layers(cluster, toggles, areas, base, control, groups, sets)
    _layer_class()(layers, payload, self_contained=self_contained).add_to(m)

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


class _Layers(NamedTuple):
    """The folium layers geomap.js fills and switches."""

    cluster: Any
    toggles: list[Any]
    areas: Any
    base: Any
    control: Any
    overlays: list[Any]
    sets: list[Any]


@cache
def _layer_class() -> type:
    from branca.element import MacroElement

    class GeomapLayer(MacroElement):
        """Adds the data payload, our JS/CSS and (self-contained) inlined libraries."""

        def __init__(
            self, layers: _Layers, payload: dict[str, Any], *, self_contained: bool
        ) -> None:
            super().__init__()  # type: ignore[no-untyped-call]
            self._name = "GeomapLayer"
            self.layers = layers
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
                for owner in (m, self.layers.cluster):
                    owner.default_js = inline_links(owner.default_js, header, remote)
                    owner.default_css = inline_links(owner.default_css, header, remote)
                if remote:
                    log.warning(
                        "self-contained map still loads from CDNs (no local copy): %s",
                        ", ".join(sorted(set(remote))),
                    )
            header.add_child(raw(style_tag(read_asset("geomap.css"))), name="geomap_css")
            js = "\n".join(read_asset(name) for name in JS_ASSETS)
            header.add_child(raw(script_tag(js)), name="geomap_js")
            data_id = f"geomap-data-{self._id}"
            figure.html.add_child(
                raw(
                    f'<script type="application/json" id="{data_id}">'
                    f"{json_for_html(self.payload)}</script>"
                ),
                name=data_id,
            )
            ly = self.layers

            def names(items: list[Any]) -> str:
                return "[" + ",".join(t.get_name() for t in items) + "]"

            figure.script.add_child(
                raw(
                    f"geomapInit({m.get_name()}, {ly.cluster.get_name()}, {names(ly.toggles)}, "
                    f"{ly.areas.get_name()}, "
                    f'JSON.parse(document.getElementById("{data_id}").textContent), '
                    f"{ly.base.get_name()}, {ly.control.get_name()}, {names(ly.overlays)}, "
                    f"{names(ly.sets)});"
                ),
                name=self.get_name(),
            )
            return ""

    return GeomapLayer
