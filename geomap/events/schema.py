"""Event schema (stage: events -> render/export): one table of every event column.

:data:`FIELDS` is the single source of truth for the flat, JSON-safe event table that
:func:`events_to_gdf` builds from :class:`geomap.types.Event` records, that
:func:`geomap._validate.validate_events_gdf` enforces and that the exports write.
``docs/event-schema.md`` is generated from it (:func:`schema_markdown`); a test checks
that the two agree.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.types import LEVELS, Event

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "ABDUCTION",
    "AGREEMENT",
    "AIR_DRONE_STRIKE",
    "ARMED_CLASH",
    "ARRESTS",
    "ATTACK",
    "BATTLES",
    "CHANGE_TO_GROUP",
    "CHEMICAL_WEAPON",
    "COLUMNS",
    "CSV_COLUMNS",
    "DIPLOMACY",
    "DISRUPTED_WEAPONS_USE",
    "EVENT_TYPES",
    "EXCESSIVE_FORCE",
    "EXPLOSIONS",
    "FIELDS",
    "GOVERNMENT_REGAINS_TERRITORY",
    "GRENADE",
    "HEADQUARTERS_ESTABLISHED",
    "LIST_COLUMNS",
    "LIST_SEP",
    "LOOTING",
    "MOB_VIOLENCE",
    "NON_STATE_OVERTAKES_TERRITORY",
    "NON_VIOLENT_TRANSFER",
    "OTHER",
    "PEACEFUL_PROTEST",
    "PROTESTS",
    "PROTEST_WITH_INTERVENTION",
    "REMOTE_EXPLOSIVE",
    "RIOTS",
    "SANCTIONS",
    "SCHEMA_VERSION",
    "SEXUAL_VIOLENCE",
    "SHELLING",
    "STATUSES",
    "STRATEGIC_DEVELOPMENTS",
    "SUB_EVENT_TYPES",
    "SUICIDE_BOMB",
    "SUMMIT",
    "TALKS",
    "VIOLENCE_AGAINST_CIVILIANS",
    "VIOLENT_DEMONSTRATION",
    "Field",
    "events_to_gdf",
    "schema_markdown",
    "split_list",
]

#: Value of the ``schema`` column of every event row / exported feature.
SCHEMA_VERSION = "geomap.event.v1"
#: How the items of a list column are joined in the table and the CSV (GeoJSON: arrays).
LIST_SEP = "; "
#: The list columns (parallel lists, one item per source).
LIST_COLUMNS = ("sources", "source_urls", "source_names", "source_dates")

# ACLED's six event types, plus geomap's ``Diplomacy`` (one spelling each, used everywhere)
BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
DIPLOMACY = "Diplomacy"

# their sub-event types
ARMED_CLASH = "Armed clash"
GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
NON_STATE_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
AIR_DRONE_STRIKE = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
GRENADE = "Grenade"
SUICIDE_BOMB = "Suicide bomb"
CHEMICAL_WEAPON = "Chemical weapon"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
SEXUAL_VIOLENCE = "Sexual violence"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_WITH_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_TO_GROUP = "Change to group/activity"
DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
HEADQUARTERS_ESTABLISHED = "Headquarters or base established"
LOOTING = "Looting/property destruction"
NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"
TALKS = "Talks"
SUMMIT = "Summit"
SANCTIONS = "Sanctions"

#: ACLED's six event types and their sub-event types, plus geomap's ``Diplomacy``.
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (ARMED_CLASH, GOVERNMENT_REGAINS_TERRITORY, NON_STATE_OVERTAKES_TERRITORY),
    EXPLOSIONS: (
        AIR_DRONE_STRIKE,
        SHELLING,
        REMOTE_EXPLOSIVE,
        GRENADE,
        SUICIDE_BOMB,
        CHEMICAL_WEAPON,
    ),
    VIOLENCE_AGAINST_CIVILIANS: (ATTACK, ABDUCTION, SEXUAL_VIOLENCE),
    PROTESTS: (PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE),
    RIOTS: (VIOLENT_DEMONSTRATION, MOB_VIOLENCE),
    STRATEGIC_DEVELOPMENTS: (
        AGREEMENT,
        ARRESTS,
        CHANGE_TO_GROUP,
        DISRUPTED_WEAPONS_USE,
        HEADQUARTERS_ESTABLISHED,
        LOOTING,
        NON_VIOLENT_TRANSFER,
        OTHER,
    ),
    DIPLOMACY: (TALKS, SUMMIT, SANCTIONS, AGREEMENT),
}
EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)
STATUSES: tuple[str, ...] = ("occurred", "planned")


@dataclass(frozen=True, slots=True)
class Field:
    """One column of the event table.

    ``kind`` is the logical type: "str", "date" (ISO ``YYYY-MM-DD`` string or null),
    "int", "int?" (nullable integer), "float", "float?" (nullable float) or "bool".
    ``allowed`` lists the allowed values (empty: any), ``lo``/``hi`` an inclusive range.
    """

    name: str
    kind: str
    description: str
    allowed: tuple[object, ...] = ()
    lo: float | None = None
    hi: float | None = None


#: Every column, in the ACLED-like order used by the CSV export. ``event_id`` is the index.
FIELDS: tuple[Field, ...] = (
    Field("event_id", "str", "Stable event identifier (the table index; unique, non-empty)."),
    Field("event_date", "date", "Event date, ISO 8601 `YYYY-MM-DD`; null when undated."),
    Field(
        "time_precision",
        "int",
        "ACLED time precision: 1 day, 2 week, 3 month.",
        allowed=(1, 2, 3),
    ),
    Field("status", "str", "`occurred`, or `planned` for announced future events.", STATUSES),
    Field("event_type", "str", "ACLED event type, or `Diplomacy`.", EVENT_TYPES),
    Field(
        "sub_event_type",
        "str",
        "ACLED sub-event type; must belong to `event_type` (see the table below).",
    ),
    Field(
        "actor1",
        "str",
        'Main actor: a state by its country name (`Russia`, from "Russian troops", "the '
        'Kremlin", "the IDF") or a non-state group of the inventory (`Hamas`, `Rapid '
        "Support Forces`); may be empty.",
    ),
    Field(
        "actor2",
        "str",
        "Second actor or target (`Ukraine`, `Hezbollah`, `Civilians (Sudan)`); may be empty.",
    ),
    Field("civilian_targeting", "bool", "True when civilians were the target."),
    Field("country_code", "str", "ISO 3166-1 alpha-2 code (`UA`), or empty when unknown."),
    Field("country", "str", "Country name."),
    Field("admin1", "str", "First-level division name (oblast); may be empty."),
    Field("location", "str", "Name of the event's place."),
    Field("latitude", "float?", "WGS84 latitude; null when the event has no point.", lo=-90, hi=90),
    Field(
        "longitude",
        "float?",
        "WGS84 longitude; null when the event has no point.",
        lo=-180,
        hi=180,
    ),
    Field(
        "geo_precision",
        "int",
        "ACLED geo precision: 1 town, 2 near a town / part of a region, 3 region or country.",
        allowed=(1, 2, 3),
    ),
    Field(
        "location_level",
        "str",
        "Level of the place: `country` events are listed, never drawn as pins.",
        LEVELS,
    ),
    Field("source", "str", "Publisher / source name of the (first) article."),
    Field("notes", "str", "The quoted sentence the event was coded from."),
    Field("fatalities", "int?", "Number killed; null when not reported.", lo=0),
    Field("injured", "int?", "Number injured; null when not reported.", lo=0),
    Field("weapons", "str", "Weapons named (e.g. `Shahed drones`); may be empty."),
    Field("quantity", "int?", "Number of weapons (e.g. 90 drones); null when not given.", lo=0),
    Field("trigger", "str", "The trigger pattern that classified the event."),
    Field("geonameid", "int?", "GeoNames id of the place (negative: other sources); nullable."),
    Field("confidence", "float", "Extraction confidence in [0, 1].", lo=0, hi=1),
    Field("article_id", "str", "Id of the article the quote comes from."),
    Field("url", "str", "Article URL; may be empty."),
    Field("title", "str", "Article title; may be empty."),
    Field("quote_start", "int", "Start offset of the quote in the article text.", lo=0),
    Field("quote_end", "int", "End offset of the quote (>= quote_start).", lo=0),
    Field(
        "sources",
        "str",
        "Every article id merged into the event, joined with `; ` (a JSON array in GeoJSON).",
    ),
    Field(
        "source_urls",
        "str",
        "The URL of each source, in the order of `sources`, joined with `; ` (a JSON array in "
        "GeoJSON); an unknown URL is empty.",
    ),
    Field(
        "source_names",
        "str",
        "The source name (publisher, channel, file) of each source, joined with `; ` (a JSON "
        "array in GeoJSON).",
    ),
    Field(
        "source_dates",
        "str",
        "The publication date (ISO) of each source, joined with `; ` (a JSON array in GeoJSON).",
    ),
    Field(
        "alternatives",
        "str",
        "The namesakes of a place the run could not decide between, as a JSON list of "
        "`{name, admin1, country_code, lat, lon, geonameid}`; empty when the place is decided. "
        "Such an event is drawn apart, at the level its namesakes share or not at all.",
    ),
    Field("schema", "str", "Schema version of the row.", (SCHEMA_VERSION,)),
)

#: Column names (without the index ``event_id``), in export order.
COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.name != "event_id")
#: CSV column order (ACLED-like, the index first).
CSV_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS)

_PANDAS_DTYPES = {
    "str": "str",
    "date": "str",
    "int": "int64",
    "int?": "Int64",
    "float": "float64",
    "float?": "float64",
    "bool": "bool",
}


def pandas_dtype(field: Field) -> str:
    """Return the pandas dtype name a column of ``field`` has in the event table."""
    return _PANDAS_DTYPES[field.kind]


def _row(event: Event) -> dict[str, Any]:
    return {
        "event_date": None if event.event_date is None else event.event_date.isoformat(),
        "time_precision": event.time_precision,
        "status": event.status,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "civilian_targeting": bool(event.civilian_targeting),
        "country_code": event.country_code,
        "country": event.country,
        "admin1": event.admin1,
        "location": event.location,
        "latitude": math.nan if event.latitude is None else float(event.latitude),
        "longitude": math.nan if event.longitude is None else float(event.longitude),
        "geo_precision": event.geo_precision,
        "location_level": event.location_level,
        "source": event.source,
        "notes": event.notes,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "weapons": event.weapons,
        "quantity": event.quantity,
        "trigger": event.trigger,
        "geonameid": event.geonameid,
        "confidence": float(event.confidence),
        "article_id": event.article_id,
        "url": event.url,
        "title": event.title,
        "quote_start": event.quote_start,
        "quote_end": event.quote_end,
        "sources": LIST_SEP.join(event.sources),
        "source_urls": LIST_SEP.join(event.source_urls),
        "source_names": LIST_SEP.join(event.source_names),
        "source_dates": LIST_SEP.join(event.source_dates),
        "alternatives": _alternatives(event),
        "schema": SCHEMA_VERSION,
    }


def _alternatives(event: Event) -> str:
    if not event.alternatives:
        return ""
    return json.dumps([n._asdict() for n in event.alternatives], ensure_ascii=False)


def split_list(value: str) -> list[str]:
    """A list column's items (the inverse of joining with :data:`LIST_SEP`)."""
    return value.split(LIST_SEP) if value else []


def events_to_gdf(events: Sequence[Event]) -> geopandas.GeoDataFrame:
    """Convert event records into the flat event table (the one conversion point).

    Parameters
    ----------
    events
        Coded events; ``event_id`` values must be unique.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event, index ``event_id``, the columns of :data:`FIELDS` with their
        dtypes, CRS EPSG:4326 and point geometry (lon, lat); events without coordinates
        get a null geometry.
    """
    import geopandas
    import pandas as pd
    import shapely

    rows = [_row(e) for e in events]
    data = {f.name: pd.Series([r[f.name] for r in rows], dtype=pandas_dtype(f)) for f in FIELDS[1:]}
    index = pd.Index([e.event_id for e in events], name="event_id", dtype="str")
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    frame.index = index
    lon = frame["longitude"].to_numpy(dtype=float)
    lat = frame["latitude"].to_numpy(dtype=float)
    points = shapely.points(lon, lat)
    located = ~(pd.isna(frame["longitude"]) | pd.isna(frame["latitude"])).to_numpy()
    geometry = [p if ok else None for p, ok in zip(points, located, strict=True)]
    return geopandas.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def schema_markdown() -> str:
    """Return the Markdown text of ``docs/event-schema.md``."""
    lines = [
        "# Event schema `" + SCHEMA_VERSION + "`",
        "",
        (
            "<!-- Generated from geomap/events/schema.py by `python -m geomap.events.schema`; "
            "tests/test_validate.py checks they agree. -->"
        ),
        "",
        (
            "One row per event: `geomap.events.events_to_gdf` builds it, "
            "`geomap._validate.validate_events_gdf` enforces it (render and export call it), "
            "and `maps/events.geojson` / `.gpkg` / `.csv` carry it. Field names follow ACLED's "
            "codebook where ACLED has one. Coordinates are WGS84 (EPSG:4326), stored lon/lat "
            "in the geometry; events without coordinates (e.g. country-level events that were "
            "never geocoded to a point) have a null geometry and null latitude/longitude. "
            'GeoJSON writes them as Features with `"geometry": null` (valid RFC 7946).'
        ),
        "",
        "| column | type | allowed values / range | description |",
        "|---|---|---|---|",
    ]
    for f in FIELDS:
        lines.append(f"| `{f.name}` | {f.kind} | {_allowed_text(f)} | {f.description} |")
    lines += [
        "",
        (
            "Types: `str` text (never null), `date` ISO `YYYY-MM-DD` text or null, `int` "
            "integer, `int?` integer or null, `float` number, `float?` number or null, "
            "`bool` true/false."
        ),
        "",
        "## Event types and sub-event types",
        "",
        "| event_type | sub_event_type |",
        "|---|---|",
    ]
    for etype, subs in SUB_EVENT_TYPES.items():
        lines.append(f"| {etype} | {'; '.join(subs)} |")
    lines += [
        "",
        "## Rules checked across columns",
        "",
        "- `latitude`/`longitude` are both set or both null, and equal the point geometry.",
        (
            "- `location_level` `country` requires `geo_precision` 3 (shown in the map's "
            "list, never as a pin)."
        ),
        "- `quote_end` >= `quote_start`.",
        "",
    ]
    return "\n".join(lines)


def _allowed_text(f: Field) -> str:
    if f.allowed:
        return ", ".join(f"`{v}`" for v in f.allowed)
    if f.lo is not None or f.hi is not None:
        lo = "" if f.lo is None else f"{f.lo:g}"
        hi = "" if f.hi is None else f"{f.hi:g}"
        return f"{lo} .. {hi}" if hi else f">= {lo}"
    return ""


if __name__ == "__main__":  # pragma: no cover - regenerates the docs page
    import sys

    sys.stdout.write(schema_markdown())
