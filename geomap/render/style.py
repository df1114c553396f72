"""Render stage: the map's names, colours and credits (one table of look, no code)."""

from __future__ import annotations

__all__ = [
    "BASE_ATTRIBUTION",
    "BASE_LAYER_NAME",
    "BLANK_LAYER_NAME",
    "MAX_ZOOM",
    "ONLINE_TILES_NAME",
    "TYPE_COLORS",
]

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
