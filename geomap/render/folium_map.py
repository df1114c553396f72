"""Render stage: event table -> interactive Folium/Leaflet map (the ONLY module importing folium).

:func:`render_map` draws the events as own SVG pins per event type (solid for town-level,
hollow for "near", a dashed ring plus the oblast outline for region-level events) in one
cluster layer whose clusters show their type mix, with one layer-control switch per event
type, a side panel with a legend, the events newest first and the country-level events
that are never drawn as pins, and a day filter. Markers, popups and the panel are built in
the browser by ``assets/geomap.js`` from one columnar JSON payload in which every string has
been HTML-escaped (:mod:`geomap.render.payload`); it loads large maps in the background after
the first paint. The base layer is drawn offline from bundled data (country outlines, oblast
borders, the town labels the caller passes); OpenStreetMap tiles are a second base layer, off
by default. A new map opens on the main group of events (:mod:`geomap.render.view`).
Coordinates are lon/lat everywhere else and flipped to lat/lon only in this subpackage.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from geomap.render.payload import build_payload
from geomap.render.style import (
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

    payload = build_payload(gdf, title=title, country_outlines=country_outlines, towns=towns)
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
        fit_view(payload)
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
                    owner.default_js = inline_links(owner.default_js, header, remote)
                    owner.default_css = inline_links(owner.default_css, header, remote)
                if remote:
                    log.warning(
                        "self-contained map still loads from CDNs (no local copy): %s",
                        ", ".join(sorted(set(remote))),
                    )
            css = read_asset("geomap.css")
            header.add_child(raw(style_tag(css)), name="geomap_css")
            js = read_asset("geomap.js")
            header.add_child(raw(script_tag(js)), name="geomap_js")
            data_id = f"geomap-data-{self._id}"
            figure.html.add_child(
                raw(
                    f'<script type="application/json" id="{data_id}">'
                    f"{json_for_html(self.payload)}</script>"
                ),
                name=data_id,
            )
            toggle_names = ",".join(t.get_name() for t in self.toggles)
            figure.script.add_child(
                raw(
                    f"geomapInit({m.get_name()}, {self.cluster.get_name()}, [{toggle_names}], "
                    f"{self.areas.get_name()}, "
                    f'JSON.parse(document.getElementById("{data_id}").textContent), '
                    f"{self.base.get_name()});"
                ),
                name=self.get_name(),
            )
            return ""

    return GeomapLayer
