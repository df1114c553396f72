"""Error types shared by every stage of the geomap pipeline."""

from __future__ import annotations

__all__ = ["GazetteerError", "GeomapError", "InputError", "ValidationError"]


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class InputError(GeomapError):
    """An input file or value cannot be read or understood."""


class GazetteerError(GeomapError):
    """The gazetteer sources or cache are missing, corrupt or unusable."""


class ValidationError(GeomapError):
    """Data handed between stages breaks a stage contract."""
