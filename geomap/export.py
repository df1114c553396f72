"""Export stage: event table -> GeoJSON (RFC 7946), GeoPackage and CSV files.

Every writer validates the table first (:func:`geomap._validate.validate_events_gdf`) and
writes atomically (a temp file in the target folder, then a rename). Events without
coordinates (country-level events that were never put on a point, unlocated places) are
kept: GeoJSON writes them as Features with ``"geometry": null`` (valid RFC 7946), the
GeoPackage with a NULL geometry, the CSV with empty latitude/longitude.
:func:`read_events` reads any of the three back into the schema's dtypes.

The CSV is safe to open in a spreadsheet: a text cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (a formula to Excel and LibreOffice: ``=HYPERLINK(...)``,
``@SUM(...)``, ``=cmd|...``) is written with a single quote before it, as OWASP's "CSV
injection" guidance recommends (:func:`neutralise_cell`); so is a text cell starting with a
quote followed by one of those, so that :func:`read_events` can undo it exactly. Numbers
(a longitude of ``-77.0``) stay numbers; GeoJSON and GeoPackage are written unchanged.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geomap._atomic import atomic_write
from geomap._csvsafe import neutralise_cell, restore_cell
from geomap._errors import InputError
from geomap._validate import validate_events_gdf
from geomap.events.schema import (
    COLUMNS,
    CSV_COLUMNS,
    FIELDS,
    LIST_COLUMNS,
    LIST_SEP,
    pandas_dtype,
    split_list,
)

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "FORMATS",
    "export_events",
    "neutralise_cell",
    "read_events",
    "restore_cell",
    "write_csv",
    "write_geojson",
    "write_gpkg",
]

log = logging.getLogger(__name__)

#: Format name -> file name written by :func:`export_events`.
FORMATS = {"geojson": "events.geojson", "gpkg": "events.gpkg", "csv": "events.csv"}


def write_geojson(gdf: geopandas.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    """Write RFC 7946 GeoJSON: lon/lat WGS84, no ``crs`` member, one Feature per event.

    Properties are the schema's columns, ``event_id`` first (ISO date strings,
    ``schema: "geomap.event.v2"``); events without coordinates get ``"geometry": null``.
    """
    validate_events_gdf(gdf)
    return _geojson(gdf, path)


def _geojson(gdf: geopandas.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    frame = gdf.reset_index()

    def write(tmp: Path) -> None:
        frame.to_file(
            tmp,
            driver="GeoJSON",
            engine="pyogrio",
            RFC7946="YES",
            WRITE_NAME="NO",
        )
        _lists_as_arrays(tmp)

    out = atomic_write(path, write)
    log.info("wrote %d events to %s", len(gdf), out)
    return out


def _lists_as_arrays(path: Path) -> None:
    """Rewrite the list columns of a GeoJSON file as JSON arrays (one item per source) and
    the namesakes of an ambiguous place as an array of objects."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data.get("features", ()):
        props = feature.get("properties") or {}
        for name in LIST_COLUMNS:
            if isinstance(props.get(name), str):
                props[name] = split_list(props[name])
        alt = props.get("alternatives")
        if isinstance(alt, str):
            props["alternatives"] = json.loads(alt) if alt else []
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _as_text(name: str, value: object) -> object:
    """A GeoJSON array read back as the table's text (lists joined, namesakes as JSON)."""
    import json

    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, str) and value.startswith("[") and name in {*LIST_COLUMNS, "alternatives"}:
        value = json.loads(value)
    if isinstance(value, list):
        if name == "alternatives":
            return json.dumps(value, ensure_ascii=False) if value else ""
        return LIST_SEP.join(str(v) for v in value)
    return value


def write_gpkg(gdf: geopandas.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a GeoPackage with one layer ``events`` (EPSG:4326 points)."""
    validate_events_gdf(gdf)
    return _gpkg(gdf, path)


def _gpkg(gdf: geopandas.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    frame = gdf.reset_index()

    def write(tmp: Path) -> None:
        frame.to_file(tmp, driver="GPKG", layer="events", engine="pyogrio")

    out = atomic_write(path, write)
    log.info("wrote %d events to %s", len(gdf), out)
    return out


def write_csv(gdf: geopandas.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a CSV in ACLED-like column order, with ``latitude``/``longitude`` columns.

    Text cells that a spreadsheet would run as a formula are neutralised
    (:func:`neutralise_cell`); :func:`read_events` restores them.
    """
    validate_events_gdf(gdf)
    return _csv(gdf, path)


def _csv(gdf: geopandas.GeoDataFrame, path: str | os.PathLike[str]) -> Path:
    frame = gdf.reset_index()[list(CSV_COLUMNS)]
    for f in FIELDS:
        if f.kind == "str":  # text cells only: numbers and ISO dates cannot be formulas
            frame[f.name] = frame[f.name].map(
                lambda v: neutralise_cell(v) if isinstance(v, str) else v
            )

    def write(tmp: Path) -> None:
        # CRLF rows (RFC 4180): the csv module quotes a cell holding a line terminator
        # character, so with "\n" alone a carriage return in a title split its row
        frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\r\n")

    out = atomic_write(path, write)
    log.info("wrote %d events to %s", len(gdf), out)
    return out


#: The writers behind the public ``write_*`` functions, which validate first:
#: :func:`export_events` validates the table once for all of them.
_WRITERS = {"geojson": _geojson, "gpkg": _gpkg, "csv": _csv}


def export_events(
    gdf: geopandas.GeoDataFrame,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] = ("geojson", "gpkg", "csv"),
) -> dict[str, Path]:
    """Write the events in each of ``formats`` into ``out_dir`` (``events.<ext>``).

    Returns
    -------
    dict of str to Path
        Format name -> written file.
    """
    unknown = [f for f in formats if f not in _WRITERS]
    if unknown:
        msg = f"unknown export format(s) {', '.join(unknown)}; choose from {', '.join(_WRITERS)}"
        raise InputError(msg)
    validate_events_gdf(gdf)
    return {f: _WRITERS[f](gdf, Path(out_dir) / FORMATS[f]) for f in formats}


def read_events(path: str | os.PathLike[str]) -> geopandas.GeoDataFrame:
    """Read an exported events file (GeoJSON, GeoPackage or CSV) back into the event table.

    The result has the schema's columns and dtypes and passes
    :func:`geomap._validate.validate_events_gdf`.
    """
    import geopandas
    import pandas as pd

    p = Path(path)
    csv_file = p.suffix.lower() == ".csv"
    if csv_file:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
        lon, lat = pd.to_numeric(raw["longitude"]), pd.to_numeric(raw["latitude"])
        points = geopandas.points_from_xy(lon, lat)
        geometry = [
            p if ok else None for p, ok in zip(points, lon.notna() & lat.notna(), strict=True)
        ]
    else:
        read = geopandas.read_file(p, engine="pyogrio", datetime_as_string=True)
        raw = pd.DataFrame(read.drop(columns=read.geometry.name))
        geometry = read.geometry.array
    data = {}
    for f in FIELDS:
        col = raw[f.name].map(lambda v, name=f.name: _as_text(name, v))
        kind = pandas_dtype(f)
        if f.kind == "bool":
            col = col.map(lambda v: v if isinstance(v, bool) else str(v).lower() == "true")
        elif kind == "str":
            col = col.map(lambda v: None if pd.isna(v) else str(v))
            if csv_file and f.kind == "str":
                col = col.map(lambda v: restore_cell(v) if isinstance(v, str) else v)
            if f.kind != "date":
                col = col.fillna("")
        else:
            col = pd.to_numeric(col)
        data[f.name] = col.astype(kind).to_list() if kind != "str" else col.to_list()
    frame = pd.DataFrame(
        {f.name: pd.Series(data[f.name], dtype=pandas_dtype(f)) for f in FIELDS[1:]},
        columns=list(COLUMNS),
    )
    frame.index = pd.Index(data["event_id"], name="event_id", dtype="str")
    geoms = [None if g is None or g.is_empty else g for g in geometry]
    gdf = geopandas.GeoDataFrame(frame, geometry=geoms, crs="EPSG:4326")
    validate_events_gdf(gdf)
    return gdf
