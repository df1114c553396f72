"""Render stage: event table -> one self-contained, offline HTML map (Folium/Leaflet).

The modules: :mod:`~geomap.render.folium_map` (``render_map``, ``save_map``; the only
module importing folium), :mod:`~geomap.render.payload` (the escaped, columnar event data
the page reads), :mod:`~geomap.render.context` (the bundled offline background),
:mod:`~geomap.render.view` (where a new map opens), :mod:`~geomap.render.overlays` (the user's own
layers, ``--overlay``), :mod:`~geomap.render.inline` (inlined
scripts and styles) and :mod:`~geomap.render.style` (names, colours, credits). The page's
own code is in ``geomap/assets/``.
"""

from __future__ import annotations

from geomap.render.folium_map import render_map, save_map
from geomap.render.inline import ASSETS
from geomap.render.overlays import Overlay, read_overlay, read_overlays
from geomap.render.style import BASE_LAYER_NAME, ONLINE_TILES_NAME, TYPE_COLORS
from geomap.render.view import main_group

__all__ = [
    "ASSETS",
    "BASE_LAYER_NAME",
    "ONLINE_TILES_NAME",
    "TYPE_COLORS",
    "Overlay",
    "main_group",
    "read_overlay",
    "read_overlays",
    "render_map",
    "save_map",
]
