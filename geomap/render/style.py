"""Render stage: the map's names, colours and credits (one table of look, no code).

The event-type palette is Okabe and Ito's colour-blind-safe set ("Color Universal Design",
2008): every pair stays apart under simulated protanopia, deuteranopia and tritanopia
(checked in ``tests/test_render.py``), and each type also has its own glyph.
"""

from __future__ import annotations

__all__ = [
    "AREAS_LAYER_NAME",
    "BASE_ATTRIBUTION",
    "BASE_LAYER_NAME",
    "BLANK_LAYER_NAME",
    "MAX_ZOOM",
    "ONLINE_TILES_NAME",
    "TYPE_COLORS",
]

#: Colour of each event type (markers, clusters, legend, timeline): Okabe-Ito.
TYPE_COLORS: dict[str, str] = {
    "Battles": "#d55e00",  # vermillion
    "Explosions/Remote violence": "#e69f00",  # orange
    "Violence against civilians": "#cc79a7",  # reddish purple
    "Protests": "#009e73",  # bluish green
    "Riots": "#000000",  # black
    "Strategic developments": "#0072b2",  # blue
    "Diplomacy": "#56b4e9",  # sky blue
}
MAX_ZOOM = 18
#: Off by default: the oblasts of region-level events, outlined (never shaded).
AREAS_LAYER_NAME = "Outlines of oblasts with region-level events"
#: The default base layer: drawn in the browser from bundled data, no request anywhere.
BASE_LAYER_NAME = "Offline map (no tiles): borders, rivers, place names"
BLANK_LAYER_NAME = "Blank background (offline, no tiles)"
BASE_ATTRIBUTION = (
    "Offline map, no tiles: Natural Earth; geoBoundaries (CC BY 4.0); "
    "place names: GeoNames (CC BY 4.0)"
)
#: The opt-in online base layer (off by default: the map sends no request until chosen).
ONLINE_TILES_NAME = "OpenStreetMap tiles (online: loads tiles from openstreetmap.org)"
