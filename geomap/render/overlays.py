"""Render stage: the user's own map layers (``geomap build --overlay FILE``).

:func:`read_overlay` reads a GeoJSON, GeoPackage or KML file (anything GDAL reads, through
pyogrio) into :class:`Overlay` records, one per layer with features: geometry in WGS84 as
GeoJSON, properties as escaped text, and the feature's date when a property names one
(:data:`DATE_PROPERTIES`), so that the map can show, for a date, the features of the
latest date at or before it. A file that cannot be read is one :class:`InputError`
naming it.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap._errors import InputError

__all__ = [
    "DATE_PROPERTIES",
    "OVERLAY_COLORS",
    "Overlay",
    "overlays_payload",
    "read_overlay",
    "read_overlays",
]

log = logging.getLogger(__name__)

#: Property names read as a feature's date (case-insensitive; the first present wins).
#: ``timestamp`` and ``begin`` are what GDAL's LIBKML driver makes of KML's
#: ``<TimeStamp>`` and ``<TimeSpan>``.
DATE_PROPERTIES: tuple[str, ...] = (
    "date",
    "event_date",
    "day",
    "valid_from",
    "start_date",
    "timestamp",
    "begin",
    "datetime",
    "time",
    "when",
)
#: Properties not shown in popups: GDAL's LIBKML driver adds them to every KML feature.
IGNORED_PROPERTIES = frozenset(
    {"tessellate", "extrude", "visibility", "altitudemode", "draworder", "icon"}
)
#: Colours of the overlays, in order (dark, apart from the event-type palette).
OVERLAY_COLORS: tuple[str, ...] = ("#b2182b", "#2d3a8c", "#5c3d2e", "#1b6e3c", "#7a0177")
#: Decimal digits kept of overlay coordinates (~1 m).
COORD_DIGITS = 5
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Overlay:
    """One user layer: name, and its features as ``(geometry, properties, date)``.

    ``geometry`` is GeoJSON (WGS84, lon/lat), ``properties`` ``(name, value)`` text pairs
    (not escaped), ``date`` an ISO day or None.
    """

    name: str
    features: tuple[tuple[dict[str, Any], tuple[tuple[str, str], ...], str | None], ...]


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, COORD_DIGITS)
    if isinstance(obj, list | tuple):
        return [_round(v) for v in obj]
    return obj


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, list | tuple | dict) else False
    except (TypeError, ValueError):
        return False


def _iso_day(value: object) -> str | None:
    """The ISO day of a date-like property value, or None."""
    if _is_missing(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    import pandas as pd

    stamp = pd.to_datetime(text, errors="coerce", dayfirst=True)
    return None if pd.isna(stamp) else str(stamp.date().isoformat())


def _date_column(columns: list[str]) -> str | None:
    lower = {c.lower(): c for c in columns}
    return next((lower[p] for p in DATE_PROPERTIES if p in lower), None)


def _layer_overlay(frame: Any, name: str) -> Overlay:
    from shapely.geometry import mapping

    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    props = [c for c in frame.columns if c != frame.geometry.name]
    props = [
        c
        for c in props
        if c.lower() not in IGNORED_PROPERTIES and not frame[c].map(_is_missing).all()
    ]
    date_col = _date_column(props)
    features = []
    records = frame[props].to_dict("records")
    for geom, rec in zip(frame.geometry.to_numpy(), records, strict=True):
        if geom is None or geom.is_empty:
            continue
        pairs = tuple((str(c), str(v)) for c, v in rec.items() if not _is_missing(v))
        day = _iso_day(rec.get(date_col)) if date_col else None
        features.append((_round(mapping(geom)), pairs, day))
    return Overlay(name=name, features=tuple(features))


def read_overlay(path: str | os.PathLike[str]) -> list[Overlay]:
    """Read a GeoJSON, GeoPackage or KML file: one :class:`Overlay` per layer with features.

    Raises
    ------
    InputError
        ``"<path>: cannot read overlay (<reason>)"`` when the file is missing, is not a
        format GDAL reads, or holds no feature with a geometry.
    """
    import pyogrio

    p = Path(path)
    if not p.is_file():
        msg = f"{p}: cannot read overlay (no such file)"
        raise InputError(msg)
    try:
        layers = [str(name) for name, _ in pyogrio.list_layers(p)]
        frames = [(layer, pyogrio.read_dataframe(p, layer=layer)) for layer in layers]
    except (RuntimeError, OSError, ValueError) as exc:  # pyogrio errors are RuntimeErrors
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        msg = f"{p}: cannot read overlay ({reason})"
        raise InputError(msg) from exc
    out = []
    for layer, frame in frames:
        if frame.geometry is None or not len(frame):
            continue
        name = p.name if len(frames) == 1 else f"{p.name}: {layer}"
        overlay = _layer_overlay(frame, name)
        if overlay.features:
            out.append(overlay)
    if not out:
        msg = f"{p}: cannot read overlay (no feature with a geometry)"
        raise InputError(msg)
    log.info("overlay %s: %d features", p, sum(len(o.features) for o in out))
    return out


def read_overlays(
    paths: Sequence[str | os.PathLike[str]],
    *,
    on_error: Callable[[InputError], None] | None = None,
) -> list[Overlay]:
    """Read every overlay file; one that cannot be read goes to ``on_error`` (else raises)."""
    out: list[Overlay] = []
    for path in paths:
        try:
            out += read_overlay(path)
        except InputError as err:
            if on_error is None:
                raise
            on_error(err)
    return out


def overlays_payload(overlays: list[Overlay]) -> list[dict[str, Any]]:
    """The overlays as the page reads them: names and properties HTML-escaped, a colour each."""

    def e(text: str) -> str:
        return html.escape(text, quote=True)

    return [
        {
            "name": e(o.name),
            "color": OVERLAY_COLORS[i % len(OVERLAY_COLORS)],
            "features": [
                {"g": geom, "p": [[e(k), e(v)] for k, v in props], "d": day}
                for geom, props, day in o.features
            ],
        }
        for i, o in enumerate(overlays)
    ]
