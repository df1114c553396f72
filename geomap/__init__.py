"""geomap: turn war reporting into a map.

Stages: :mod:`geomap.ingest` -> :mod:`geomap.places` -> :mod:`geomap.geocode` ->
:mod:`geomap.events` -> :mod:`geomap.render` / :mod:`geomap.export`, glued by
:mod:`geomap.pipeline`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
