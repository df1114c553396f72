"""Events from elsewhere (ingest of events -> render, compare): ACLED exports in, comparisons out.

* :func:`read_acled` reads a CSV as ACLED's export tool writes it (31 columns, dates as
  ``2025-03-03`` or ``03 March 2025``, actor types as text or ACLED's old numeric codes)
  into geomap's event table (``docs/event-schema.md``); geomap's own CSV export reads the
  same way, ACLED's columns being its first;
* :func:`read_any_events` reads either that or one of geomap's exports (GeoJSON,
  GeoPackage, CSV) and names its ``dataset`` (the map draws each dataset as a layer);
* :func:`compare_events` pairs the events of two tables that are within ``km`` and
  ``days`` of each other and lists those found by one only (``geomap compare``).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap._errors import InputError
from geomap._validate import validate_events_gdf
from geomap.events import acled as conventions
from geomap.events.schema import (
    INTER_VALUES,
    LIST_SEP,
    SCHEMA_VERSION,
    SUB_EVENT_TYPES,
    table_from_rows,
)

if TYPE_CHECKING:
    import geopandas
    import pandas

__all__ = ["Comparison", "compare_events", "read_acled", "read_any_events"]

log = logging.getLogger(__name__)

#: Columns an ACLED file must have to be read as events.
REQUIRED = ("event_date", "event_type", "sub_event_type", "latitude", "longitude")
#: Actor types as older exports and tools spell them -> ACLED's current text.
_INTER_ALIASES = {
    **{str(i): t for i, t in enumerate(conventions.INTER_CODES, start=1)},
    "0": "",
    "state forces": "State forces",
    "rebel groups": "Rebel group",
    "political militias": "Political militia",
    "identity militias": "Identity militia",
    "communal militia": "Identity militia",
    "protestors": "Protesters",
    "external/other forces": "External/Other forces",
    "other forces": "External/Other forces",
    "others": "External/Other forces",
}
#: Rows named in a warning about skipped rows.
_SHOWN = 5
#: The ``dataset`` of an ACLED file's events.
ACLED = "ACLED"


def _read_csv(path: Path) -> pandas.DataFrame:
    import pandas as pd

    def read(encoding: str) -> pandas.DataFrame:
        return pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding=encoding, on_bad_lines="error"
        )

    try:
        try:
            frame = read("utf-8-sig")
        except UnicodeDecodeError:
            log.warning("%s: not UTF-8; read as Windows-1252", path)
            frame = read("cp1252")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        msg = f"{path}: cannot read as CSV ({' '.join(str(exc).split())[:200]})"
        raise InputError(msg) from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame


def _header(path: Path) -> list[str]:
    """A CSV's column names (lower case), from its first line only."""
    import csv

    with path.open("rb") as fh:
        first = fh.readline()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            line = first.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [c.strip().lower() for c in next(csv.reader([line]), [])]
    return []


def _day(text: str) -> dt.date | None:
    """An ACLED date (``2025-03-03``; ``03 March 2025`` in older files); None when empty."""
    from geomap.ingest.common import parse_loose_date

    try:
        return parse_loose_date(text)
    except ValueError as exc:
        msg = f"event_date {text.strip()!r} is not a date"
        raise ValueError(msg) from exc


def _int(text: str, name: str = "value") -> int | None:
    """A whole number (``3``, ``3.0``); None when empty; ValueError naming ``name`` else."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not value.is_integer():
        msg = f"{name} {text!r} is not a whole number"
        raise ValueError(msg)
    return int(value)


def _inter(text: str) -> str:
    t = text.strip()
    if t in INTER_VALUES:
        return t
    found = _INTER_ALIASES.get(t.casefold())
    if found is None:
        found = next((v for v in INTER_VALUES if v.casefold() == t.casefold()), "")
    return found


def _interaction(text: str, inter1: str, inter2: str) -> str:
    t = text.strip()
    if t.isdigit():  # ACLED's old numeric interaction: the two codes, smaller first
        return conventions.interaction(inter1, inter2)
    return t


def _where(row: Mapping[str, str]) -> tuple[str, str]:
    """Country code and name of an ACLED row (from ``iso``, else the country's name)."""
    country = row.get("country", "").strip()
    iso = _int(row.get("iso", "") or "", "iso")
    cc = conventions.country_of_numeric(iso) if iso is not None else ""
    return cc or conventions.country_code_of(country), country


def _coordinate(text: str, name: str, bound: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > bound:
        msg = f"{name} {text!r} is out of range"
        raise ValueError(msg)
    return value


def _row(raw: Mapping[str, str], event_id: str) -> dict[str, Any]:
    """geomap's columns of one ACLED row (raises ValueError on a value it cannot take)."""

    def get(name: str) -> str:
        return raw.get(name, "").strip()

    etype, sub = get("event_type"), get("sub_event_type")
    if sub not in SUB_EVENT_TYPES.get(etype, ()):
        msg = f"sub_event_type {sub!r} is not one of event_type {etype!r}"
        raise ValueError(msg)
    day = _day(get("event_date"))
    cc, country = _where(raw)
    inter1, inter2 = _inter(get("inter1")), _inter(get("inter2"))
    precision = _int(get("time_precision"), "time_precision") or 1
    gp = _int(get("geo_precision"), "geo_precision") or 1
    if precision not in (1, 2, 3) or gp not in (1, 2, 3):
        msg = f"time_precision {precision} / geo_precision {gp}: not 1, 2 or 3"
        raise ValueError(msg)
    source = get("source")
    names = [n.strip() for n in source.split(";") if n.strip()] or [""]
    fatalities = _int(get("fatalities"), "fatalities")
    if fatalities is not None and fatalities < 0:
        msg = f"fatalities {fatalities} is negative"
        raise ValueError(msg)
    return {
        "event_id_cnty": get("event_id_cnty") or event_id,
        "event_date": None if day is None else day.isoformat(),
        "year": _int(get("year"), "year") or (None if day is None else day.year),
        "time_precision": precision,
        "disorder_type": get("disorder_type") or conventions.disorder_type(etype, sub),
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": get("actor1"),
        "assoc_actor_1": get("assoc_actor_1"),
        "inter1": inter1,
        "actor2": get("actor2"),
        "assoc_actor_2": get("assoc_actor_2"),
        "inter2": inter2,
        "interaction": _interaction(get("interaction"), inter1, inter2),
        "civilian_targeting": conventions.CIVILIAN_TARGETING if get("civilian_targeting") else "",
        "iso": _int(get("iso"), "iso"),
        "region": get("region") or (conventions.region_of(cc) if cc else ""),
        "country": country,
        "admin1": get("admin1"),
        "admin2": get("admin2"),
        "admin3": get("admin3"),
        "location": get("location"),
        "latitude": _coordinate(get("latitude"), "latitude", 90),
        "longitude": _coordinate(get("longitude"), "longitude", 180),
        "geo_precision": gp,
        "source": source,
        "source_scale": get("source_scale"),
        "notes": get("notes"),
        "fatalities": fatalities,
        "tags": get("tags"),
        "timestamp": _int(get("timestamp"), "timestamp"),
        # geomap's own columns
        "status": "occurred",
        "country_code": cc,
        "location_level": "other",
        "injured": None,
        "weapons": "",
        "quantity": None,
        "trigger": "",
        "geonameid": None,
        "confidence": 1.0,
        "article_id": event_id,
        "url": "",
        "title": "",
        "quote_start": 0,
        "quote_end": 0,
        # ACLED's sources stand for the articles: one item each in the list columns
        "sources": LIST_SEP.join(names),
        "source_urls": LIST_SEP.join("" for _ in names),
        "source_names": LIST_SEP.join(names),
        "source_dates": LIST_SEP.join("" for _ in names),
        "alternatives": "",
        "schema": SCHEMA_VERSION,
    }


def read_acled(path: str | os.PathLike[str], *, dataset: str = ACLED) -> geopandas.GeoDataFrame:
    """Read an ACLED export (CSV, as ACLED's export tool writes it) as a geomap event table.

    Parameters
    ----------
    path
        The CSV: ACLED's columns (any case, any order; extra columns ignored). geomap's
        own ``events.csv`` reads the same way.
    dataset
        The value of the table's ``dataset`` column (a layer of the map).

    Returns
    -------
    geopandas.GeoDataFrame
        The schema's columns (EPSG:4326) plus ``dataset``; index ``event_id`` =
        ``event_id_cnty``. ACLED's columns keep their values (numeric ``inter1``/``inter2``
        /``interaction`` codes become ACLED's text); geomap's own are filled as follows:
        ``status`` occurred, ``country_code`` from ``iso``, ``location_level`` other,
        ``confidence`` 1, ``article_id`` the ACLED id, ``sources`` and ``source_names``
        ACLED's sources (its ``source`` split at ``;``), ``quote_start``/``quote_end`` 0,
        the rest empty. A row that cannot be
        read (unknown event type, bad date or coordinates) is skipped, counted in a
        warning naming the first ones, and listed in ``.attrs["skipped"]``; a repeated
        ``event_id_cnty`` keeps its first row.

    Raises
    ------
    InputError
        The file cannot be read, or lacks the columns of :data:`REQUIRED`.
    """
    p = Path(path)
    if not p.is_file():
        msg = f"{p}: no such file"
        raise InputError(msg)
    frame = _read_csv(p)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        msg = f"{p}: not an ACLED export (no column {', '.join(missing)})"
        raise InputError(msg)
    ids: list[str] = []
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for k, raw in enumerate(frame.to_dict("records"), start=2):  # the header is line 1
        event_id = str(raw.get("event_id_cnty", "")).strip() or f"{p.stem}:{k}"
        if event_id in seen:
            skipped.append(f"line {k}: {event_id} repeated")
            continue
        try:
            rows.append(_row(raw, event_id))
        except ValueError as exc:
            skipped.append(f"line {k}: {exc}")
            continue
        seen.add(event_id)
        ids.append(event_id)
    if skipped:
        shown = "; ".join(skipped[:_SHOWN]) + ("; ..." if len(skipped) > _SHOWN else "")
        log.warning("%s: %d rows skipped (%s)", p, len(skipped), shown)
    log.info("%s: %d ACLED events", p, len(rows))
    gdf = table_from_rows(ids, rows)
    validate_events_gdf(gdf)
    gdf["dataset"] = dataset
    gdf.attrs["skipped"] = skipped
    return gdf


def read_any_events(
    path: str | os.PathLike[str], *, dataset: str | None = None
) -> geopandas.GeoDataFrame:
    """Read events from an ACLED export or one of geomap's exports (GeoJSON, GeoPackage, CSV).

    A CSV with geomap's ``schema`` column is read by :func:`geomap.export.read_events`
    (every column back), any other CSV as ACLED's. ``dataset`` (default: ``ACLED`` for an
    ACLED file, the file name for geomap's) names the events' layer on the map.
    """
    from geomap.export import read_events

    p = Path(path)
    if not p.is_file():
        msg = f"{p}: no such file"
        raise InputError(msg)
    if p.suffix.lower() == ".csv" and "schema" not in _header(p):
        return read_acled(p, dataset=dataset or ACLED)
    try:
        gdf = read_events(p)
    except (KeyError, ValueError, OSError) as exc:
        msg = f"{p}: cannot read events ({' '.join(str(exc).split())[:200]})"
        raise InputError(msg) from exc
    gdf["dataset"] = dataset or p.name
    return gdf


# --------------------------------------------------------------------------- compare


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two event tables paired up (:func:`compare_events`).

    ``pairs`` has one row per matched pair: ``a`` and ``b`` (the events' ids), ``km``
    and ``days`` between them; ``only_a`` and ``only_b`` are the rows of each table that
    found no partner.
    """

    pairs: pandas.DataFrame
    only_a: geopandas.GeoDataFrame
    only_b: geopandas.GeoDataFrame

    def line(self) -> str:
        """One summary line."""
        return (
            f"{len(self.pairs)} events matched, {len(self.only_a)} only in the first, "
            f"{len(self.only_b)} only in the second"
        )


@dataclass(frozen=True, slots=True)
class _Ev:
    row: int
    day: int | None
    lat: float | None
    lon: float | None
    etype: str
    place: tuple[str, str]


def _events(gdf: geopandas.GeoDataFrame) -> list[_Ev]:
    out = []
    for k, (date, lat, lon, etype, cc, loc) in enumerate(
        zip(
            gdf["event_date"],
            gdf["latitude"],
            gdf["longitude"],
            gdf["event_type"],
            gdf["country_code"],
            gdf["location"],
            strict=True,
        )
    ):
        day = dt.date.fromisoformat(date).toordinal() if isinstance(date, str) and date else None
        located = lat is not None and lon is not None and not (math.isnan(lat) or math.isnan(lon))
        out.append(
            _Ev(
                k,
                day,
                float(lat) if located else None,
                float(lon) if located else None,
                str(etype),
                (str(cc), str(loc).casefold()),
            )
        )
    return out


def _distance(a: _Ev, b: _Ev) -> float | None:
    """km between two events; 0 for two unlocated events of one named place; None: apart."""
    from geomap._geo import haversine_km

    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        return haversine_km(a.lat, a.lon, b.lat, b.lon)
    if a.lat is None and b.lat is None and a.place == b.place and a.place[1]:
        return 0.0
    return None


def _candidates(
    a: list[_Ev], b: list[_Ev], *, km: float, days: int, same_type: bool
) -> list[tuple[float, int, int, int]]:
    """(km, days, row in a, row in b) of every pair within the window."""
    by_day: dict[int, list[_Ev]] = {}
    for ev in b:
        if ev.day is not None:
            by_day.setdefault(ev.day, []).append(ev)
    out = []
    for x in a:
        if x.day is None:
            continue
        for d in range(x.day - days, x.day + days + 1):
            for y in by_day.get(d, ()):
                if same_type and x.etype != y.etype:
                    continue
                dist = _distance(x, y)
                if dist is not None and dist <= km:
                    out.append((dist, abs(d - x.day), x.row, y.row))
    return out


def compare_events(
    a: geopandas.GeoDataFrame,
    b: geopandas.GeoDataFrame,
    *,
    km: float = 10.0,
    days: int = 1,
    same_type: bool = False,
) -> Comparison:
    """Pair the events of two tables; list those found by one only.

    Two events match when their dates are at most ``days`` apart and their points at most
    ``km`` apart (two events without a point: the same country and place name), and with
    ``same_type`` when they have the same ``event_type``. Each event matches at most one:
    the closest pairs are taken first (distance, then days). Undated events never match.

    Parameters
    ----------
    a, b
        Event tables (:func:`geomap.extract_events`, :func:`read_any_events`).
    km, days
        The window.
    same_type
        Require the same event type.

    Returns
    -------
    Comparison
        The pairs, and the rows of ``a`` and of ``b`` that found no partner (in table order).
    """
    import pandas as pd

    if km < 0 or days < 0:
        msg = f"km and days must not be negative (km={km}, days={days})"
        raise InputError(msg)
    pairs = sorted(_candidates(_events(a), _events(b), km=km, days=days, same_type=same_type))
    used_a: set[int] = set()
    used_b: set[int] = set()
    found = []
    for dist, gap, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        found.append((str(a.index[i]), str(b.index[j]), round(dist, 3), gap))
    table = pd.DataFrame(found, columns=["a", "b", "km", "days"])
    keep_a = [i for i in range(len(a)) if i not in used_a]
    keep_b = [j for j in range(len(b)) if j not in used_b]
    return Comparison(table, a.iloc[keep_a], b.iloc[keep_b])
