"""Stage contracts (events -> render/export): check an event table against the schema.

:func:`validate_events_gdf` is called by :mod:`geomap.render` and :mod:`geomap.export`
before anything is drawn or written; it raises :class:`geomap._errors.ValidationError`
naming the offending row (``event_id``) and column.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from geomap._errors import ValidationError
from geomap.events.schema import COLUMNS, FIELDS, SUB_EVENT_TYPES, Field, pandas_dtype

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["validate_events_gdf"]

_COORD_TOLERANCE = 1e-9


def validate_events_gdf(gdf: Any) -> None:
    """Check that ``gdf`` is a valid event table (see ``docs/event-schema.md``).

    Parameters
    ----------
    gdf
        The table to check, normally from :func:`geomap.events.events_to_gdf`.

    Raises
    ------
    ValidationError
        On the first broken rule, naming the row's ``event_id`` and the column.
    """
    import geopandas
    import pandas as pd

    if not isinstance(gdf, geopandas.GeoDataFrame):
        msg = f"events must be a GeoDataFrame, got {type(gdf).__name__}"
        raise ValidationError(msg)
    if gdf.index.name != "event_id":
        msg = f"events index must be named 'event_id', got {gdf.index.name!r}"
        raise ValidationError(msg)
    missing = [c for c in COLUMNS if c not in gdf.columns]
    if missing:
        msg = f"events table lacks columns: {', '.join(missing)}"
        raise ValidationError(msg)
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        msg = f"events must be in EPSG:4326, got {gdf.crs}"
        raise ValidationError(msg)
    ids = gdf.index
    for i, eid in enumerate(ids):
        if not isinstance(eid, str) or not eid:
            msg = f"row {i}: event_id must be a non-empty string, got {eid!r}"
            raise ValidationError(msg)
    if ids.has_duplicates:
        dup = ids[ids.duplicated()][0]
        msg = f"event {dup!r}: event_id is not unique"
        raise ValidationError(msg)
    for f in FIELDS[1:]:
        _check_column(gdf[f.name], f, pd)
    _check_rows(gdf)


def _fail(eid: object, column: str, problem: str) -> ValidationError:
    return ValidationError(f"event {eid!r}, column {column!r}: {problem}")


def _check_column(col: pd.Series[Any], f: Field, pd: Any) -> None:
    want = pandas_dtype(f)
    dtype = col.dtype
    ok_dtype = {
        "str": pd.api.types.is_string_dtype(dtype),
        "int64": pd.api.types.is_integer_dtype(dtype) and not isinstance(dtype, pd.Int64Dtype),
        "Int64": pd.api.types.is_integer_dtype(dtype),
        "float64": pd.api.types.is_float_dtype(dtype),
        "bool": pd.api.types.is_bool_dtype(dtype),
    }[want]
    if not ok_dtype:
        msg = f"column {f.name!r} has dtype {dtype}, expected {want}"
        raise ValidationError(msg)
    nullable = f.kind in {"date", "int?", "float?"}
    for eid, value in col.items():
        if _is_null(value):
            if not nullable:
                raise _fail(eid, f.name, "must not be null")
            continue
        if want == "str" and not isinstance(value, str):
            raise _fail(eid, f.name, f"must be a string, got {value!r}")
        if f.kind == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                msg = f"event {eid!r}, column {f.name!r}: not an ISO date: {value!r}"
                raise ValidationError(msg) from exc
            if len(value) != 10:
                raise _fail(eid, f.name, f"not an ISO YYYY-MM-DD date: {value!r}")
        if f.allowed and value not in f.allowed:
            allowed = ", ".join(repr(a) for a in f.allowed)
            raise _fail(eid, f.name, f"{value!r} is not one of {allowed}")
        if f.lo is not None and value < f.lo:
            raise _fail(eid, f.name, f"{value!r} is below {f.lo:g}")
        if f.hi is not None and value > f.hi:
            raise _fail(eid, f.name, f"{value!r} is above {f.hi:g}")


def _is_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return bool(value is pd.NA)
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def _check_rows(gdf: Any) -> None:
    geoms = gdf.geometry
    for eid, etype, sub, level, gp, qs, qe, lat, lon, geom in zip(
        gdf.index,
        gdf["event_type"],
        gdf["sub_event_type"],
        gdf["location_level"],
        gdf["geo_precision"],
        gdf["quote_start"],
        gdf["quote_end"],
        gdf["latitude"],
        gdf["longitude"],
        geoms,
        strict=True,
    ):
        if sub not in SUB_EVENT_TYPES[etype]:
            raise _fail(eid, "sub_event_type", f"{sub!r} is not a sub-event type of {etype!r}")
        if level == "country" and gp != 3:
            raise _fail(eid, "geo_precision", f"country-level events need 3, got {gp}")
        if qe < qs:
            raise _fail(eid, "quote_end", f"{qe} is before quote_start {qs}")
        lat_null, lon_null = _is_null(lat), _is_null(lon)
        if lat_null != lon_null:
            raise _fail(eid, "latitude", "latitude and longitude must both be set or both null")
        empty = geom is None or geom.is_empty
        if lat_null:
            if not empty:
                raise _fail(eid, "geometry", "must be null when latitude/longitude are null")
            continue
        if empty or geom.geom_type != "Point":
            raise _fail(eid, "geometry", "must be a point when latitude/longitude are set")
        if abs(geom.x - lon) > _COORD_TOLERANCE or abs(geom.y - lat) > _COORD_TOLERANCE:
            raise _fail(
                eid,
                "geometry",
                f"point ({geom.x}, {geom.y}) differs from longitude/latitude ({lon}, {lat})",
            )
