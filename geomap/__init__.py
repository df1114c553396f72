"""geomap: turn war reporting into a map.

Stages: :mod:`geomap.ingest` -> :mod:`geomap.places` -> :mod:`geomap.geocode` ->
:mod:`geomap.events` -> :mod:`geomap.render` / :mod:`geomap.export`, glued by
:mod:`geomap.pipeline`.

The Python API (:mod:`geomap.api`, :mod:`geomap.acled`) is reached from here and imported
on first use (PEP 562), so ``import geomap`` stays light: no spaCy, model, geopandas,
folium or gazetteer until a function is called.

>>> import geomap                                                       # doctest: +SKIP
>>> events = geomap.extract_events(["Shelling of Kherson killed two on Monday."],
...                                published="2025-03-03")              # doctest: +SKIP
>>> geomap.render_map(events)                                         # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from geomap._errors import GeomapError, InputError
    from geomap.acled import compare_events, read_acled, read_any_events
    from geomap.api import (
        extract_events,
        extract_places,
        load_gazetteer,
        read_articles,
        render_map,
        save_map,
    )
    from geomap.events.schema import ACLED_COLUMNS
    from geomap.export import export_events, read_events
    from geomap.settings import Settings
    from geomap.types import Article, Event

#: Public name -> the module it lives in (imported on first access).
_LAZY = {
    "read_articles": "geomap.api",
    "extract_events": "geomap.api",
    "extract_places": "geomap.api",
    "load_gazetteer": "geomap.api",
    "render_map": "geomap.api",
    "save_map": "geomap.api",
    "read_events": "geomap.export",
    "export_events": "geomap.export",
    "read_acled": "geomap.acled",
    "read_any_events": "geomap.acled",
    "compare_events": "geomap.acled",
    "ACLED_COLUMNS": "geomap.events.schema",
    "Settings": "geomap.settings",
    "Article": "geomap.types",
    "Event": "geomap.types",
    "GeomapError": "geomap._errors",
    "InputError": "geomap._errors",
}

__all__ = [
    "ACLED_COLUMNS",
    "Article",
    "Event",
    "GeomapError",
    "InputError",
    "Settings",
    "__version__",
    "compare_events",
    "export_events",
    "extract_events",
    "extract_places",
    "load_gazetteer",
    "read_acled",
    "read_any_events",
    "read_articles",
    "read_events",
    "render_map",
    "save_map",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'geomap' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
