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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geomap.types import LEVELS, Event

if TYPE_CHECKING:
    import geopandas

__all__ = [
    "ABDUCTION",
    "ACLED_COLUMNS",
    "AGREEMENT",
    "AIR_DRONE_STRIKE",
    "ARMED_CLASH",
    "ARRESTS",
    "ATTACK",
    "BATTLES",
    "CHANGE_TO_GROUP",
    "CHEMICAL_WEAPON",
    "CIVILIAN_TARGETING_VALUES",
    "COLUMNS",
    "CSV_COLUMNS",
    "DIPLOMACY",
    "DISORDER_TYPE_VALUES",
    "DISRUPTED_WEAPONS_USE",
    "EVENT_TYPES",
    "EXCESSIVE_FORCE",
    "EXPLOSIONS",
    "FIELDS",
    "GOVERNMENT_REGAINS_TERRITORY",
    "GRENADE",
    "HEADQUARTERS_ESTABLISHED",
    "INTER_VALUES",
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
    "table_from_rows",
]

#: Value of the ``schema`` column of every event row / exported feature.
SCHEMA_VERSION = "geomap.event.v2"
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


#: ACLED's ``disorder_type`` values.
DISORDER_TYPE_VALUES: tuple[str, ...] = (
    "Political violence",
    "Demonstrations",
    "Political violence; Demonstrations",
    "Strategic developments",
    "",
)
#: ACLED's actor types (``inter1``/``inter2``) in the order of ACLED's numeric codes (1-8),
#: "" for no actor or an unknown type.
INTER_VALUES: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
    "",
)
#: ACLED's ``civilian_targeting`` values.
CIVILIAN_TARGETING_VALUES: tuple[str, ...] = ("Civilian targeting", "")

#: ACLED's columns, in the order of ACLED's export (the CSV's first columns after ``event_id``).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: Every column: ``event_id`` (the index), ACLED's columns in ACLED's order, then geomap's.
FIELDS: tuple[Field, ...] = (
    Field("event_id", "str", "Stable event identifier (the table index; unique, non-empty)."),
    # -- ACLED's columns
    Field(
        "event_id_cnty",
        "str",
        "ACLED-style id: the country's ISO alpha-3 code and a number derived from `event_id` "
        "(`UKR123456789012`), the same from run to run; `XXX` when the country is unknown. "
        "(ACLED numbers its events in sequence and uses its own acronyms for a few countries.)",
    ),
    Field("event_date", "date", "Event date, ISO 8601 `YYYY-MM-DD`; null when undated."),
    Field("year", "int?", "Year of `event_date`; null when undated."),
    Field(
        "time_precision",
        "int",
        "ACLED time precision: 1 day, 2 week, 3 month.",
        allowed=(1, 2, 3),
    ),
    Field(
        "disorder_type",
        "str",
        "ACLED's disorder type, from the sub-event type as in ACLED's codebook (table 2); "
        "geomap's `Diplomacy` counts as `Strategic developments`.",
        DISORDER_TYPE_VALUES,
    ),
    Field("event_type", "str", "ACLED event type, or geomap's `Diplomacy`.", EVENT_TYPES),
    Field(
        "sub_event_type",
        "str",
        "ACLED sub-event type; must belong to `event_type` (see the table below).",
    ),
    Field(
        "actor1",
        "str",
        "Main actor, named as ACLED names it: a state's forces `Military Forces of Russia "
        "(2000-)` (`Government of Russia (2000-)` for talks, agreements and sanctions; the "
        "years of the regime for the states geomap knows them for, see below), an armed group "
        "of the inventory (`Hamas`, `Rapid Support Forces`), `Protesters (Country)` / `Rioters "
        "(Country)` for protests and riots without a named actor; may be empty. The event "
        'coder itself keeps short names (`Russia`, from "Russian troops", "the Kremlin").',
    ),
    Field("assoc_actor_1", "str", "ACLED's associated actors of actor1: always empty."),
    Field(
        "inter1",
        "str",
        "ACLED actor type of actor1: a state's forces are `State forces` in their own "
        "country and `External/Other forces` elsewhere; armed groups by the table below; "
        "empty when there is no actor1.",
        INTER_VALUES,
    ),
    Field(
        "actor2",
        "str",
        "Second actor or target, named as actor1 (`Military Forces of Ukraine (2019-)`, "
        "`Hezbollah`, `Civilians (Sudan)`); may be empty.",
    ),
    Field("assoc_actor_2", "str", "ACLED's associated actors of actor2: always empty."),
    Field("inter2", "str", "ACLED actor type of actor2 (as inter1).", INTER_VALUES),
    Field(
        "interaction",
        "str",
        "ACLED's interaction of inter1 and inter2, the lower ACLED code first whatever the "
        "actors' order (`State forces-Civilians`, `External/Other forces-Civilians`, "
        "`State forces only`); empty when neither actor has a type.",
    ),
    Field(
        "civilian_targeting",
        "str",
        "`Civilian targeting` when civilians were the target, else empty.",
        CIVILIAN_TARGETING_VALUES,
    ),
    Field("iso", "int?", "ISO 3166-1 numeric code of the country (804); null when unknown."),
    Field(
        "region",
        "str",
        "ACLED's world region of the country (`Europe`, `Middle East`, `Eastern Africa`, ...); "
        "empty when the country is unknown.",
    ),
    Field("country", "str", "Country name."),
    Field("admin1", "str", "First-level division name (oblast); may be empty."),
    Field(
        "admin2",
        "str",
        "Second-level division (raion, district, county) from the gazetteer: the division "
        "itself for an event there, else the division of the event's first-level division "
        "whose seat is nearest (the gazetteer has no boundaries: right for 83% of Ukraine's "
        "places); empty for country- and region-level events, ambiguous places and events "
        "without a point.",
    ),
    Field("admin3", "str", "Third-level division: always empty (not in the gazetteer)."),
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
        "source",
        "str",
        "The source names (publisher, channel) of every report of the event, joined with "
        "`; ` as ACLED does.",
    ),
    Field(
        "source_scale",
        "str",
        "ACLED's source scale: `New media` when every source is a social-media post or "
        "channel, else empty (geomap does not know a news site's scale).",
    ),
    Field("notes", "str", "The quoted sentence the event was coded from."),
    Field(
        "fatalities",
        "int?",
        "Number killed; null when the text gives no count (ACLED writes 0 there). A toll "
        'one sentence gives for several places ("clashes in X and Y left nine dead") is '
        "divided evenly between their events, the remainder to the first, as ACLED does; a "
        "share of none is null.",
        lo=0,
    ),
    Field("tags", "str", "ACLED's tags: always empty."),
    Field(
        "timestamp",
        "int?",
        "Unix time (UTC midnight) of the latest publication date among the event's sources, "
        "so that a run's output does not change with the clock (ACLED: when the row was "
        "uploaded); null when no source is dated.",
    ),
    # -- geomap's columns
    Field("status", "str", "`occurred`, or `planned` for announced future events.", STATUSES),
    Field("country_code", "str", "ISO 3166-1 alpha-2 code (`UA`), or empty when unknown."),
    Field(
        "location_level",
        "str",
        "Level of the place: `country` events are listed, never drawn as pins.",
        LEVELS,
    ),
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
#: CSV column order: ``event_id``, ACLED's columns in ACLED's order, geomap's.
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


def _row(event: Event, admin2: str) -> dict[str, Any]:
    from geomap.events import acled  # (acled imports this module: no module-level import)

    day = event.event_date
    government = event.event_type == DIPLOMACY or event.sub_event_type == AGREEMENT
    actor1 = acled.acled_actor(event.actor1, day=day, government=government)
    if not actor1 and event.event_type in _CROWDS:
        actor1 = f"{_CROWDS[event.event_type]} ({acled.country_label(event.country_code)})"
    actor2 = acled.acled_actor(event.actor2, day=day, government=government)
    inter1 = acled.actor_type(actor1, country_code=event.country_code)
    inter2 = acled.actor_type(actor2, country_code=event.country_code)
    codes = acled.country_codes(event.country_code)
    return {
        "event_id_cnty": acled.event_id_cnty(event.event_id, event.country_code),
        "event_date": None if day is None else day.isoformat(),
        "year": None if day is None else day.year,
        "time_precision": event.time_precision,
        "disorder_type": acled.disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": acled.interaction(inter1, inter2),
        "civilian_targeting": acled.CIVILIAN_TARGETING if event.civilian_targeting else "",
        "iso": None if codes is None else codes.numeric,
        "region": acled.region_of(event.country_code) if event.country_code else "",
        "country": event.country,
        "admin1": event.admin1,
        "admin2": admin2,
        "admin3": "",
        "location": event.location,
        "latitude": math.nan if event.latitude is None else float(event.latitude),
        "longitude": math.nan if event.longitude is None else float(event.longitude),
        "geo_precision": event.geo_precision,
        "source": LIST_SEP.join(dict.fromkeys(n for n in event.source_names if n)) or event.source,
        "source_scale": acled.source_scale(event.source_urls or (event.url,)),
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": "",
        "timestamp": _timestamp(event.source_dates),
        "status": event.status,
        "country_code": event.country_code,
        "location_level": event.location_level,
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


#: The generic actor ACLED names for a protest or riot without a named actor.
_CROWDS = {PROTESTS: "Protesters", RIOTS: "Rioters"}


def _timestamp(dates: Sequence[str]) -> int | None:
    """Unix time of the latest ISO date of ``dates`` at 00:00 UTC (None: none parses)."""
    import datetime as dt

    days = []
    for d in dates:
        try:
            days.append(dt.date.fromisoformat(d[:10]))
        except ValueError:
            continue
    if not days:
        return None
    return int(dt.datetime.combine(max(days), dt.time(), tzinfo=dt.UTC).timestamp())


def _alternatives(event: Event) -> str:
    if not event.alternatives:
        return ""
    return json.dumps([n._asdict() for n in event.alternatives], ensure_ascii=False)


def split_list(value: str) -> list[str]:
    """A list column's items (the inverse of joining with :data:`LIST_SEP`)."""
    return value.split(LIST_SEP) if value else []


def events_to_gdf(
    events: Sequence[Event], *, admin2: Mapping[str, str] | None = None
) -> geopandas.GeoDataFrame:
    """Convert event records into the flat event table (the one conversion point).

    ACLED's columns are filled here from each event (actor names and types, interaction,
    disorder type, region, ...: see ``docs/event-schema.md``).

    Parameters
    ----------
    events
        Coded events; ``event_id`` values must be unique.
    admin2
        Each event's second-level division by ``event_id``
        (:func:`geomap.gazetteer.admin.admin2_names`); events missing here get "".

    Returns
    -------
    geopandas.GeoDataFrame
        One row per event, index ``event_id``, the columns of :data:`FIELDS` with their
        dtypes, CRS EPSG:4326 and point geometry (lon, lat); events without coordinates
        get a null geometry.
    """
    names = admin2 or {}
    return table_from_rows(
        [e.event_id for e in events], [_row(e, names.get(e.event_id, "")) for e in events]
    )


def table_from_rows(
    ids: Sequence[str], rows: Sequence[Mapping[str, Any]]
) -> geopandas.GeoDataFrame:
    """The event table of rows holding every column of :data:`COLUMNS` (values as
    :func:`events_to_gdf` writes them: ISO dates, NaN for a missing coordinate).

    Parameters
    ----------
    ids
        The rows' ``event_id`` (the index).
    rows
        One mapping per row, column -> value.
    """
    import geopandas
    import pandas as pd
    import shapely

    data = {f.name: pd.Series([r[f.name] for r in rows], dtype=pandas_dtype(f)) for f in FIELDS[1:]}
    frame = pd.DataFrame(data, columns=list(COLUMNS))
    frame.index = pd.Index(list(ids), name="event_id", dtype="str")
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
            "One row per event: `geomap.events.events_to_gdf` builds it (`geomap build` and "
            "`geomap.extract_events` through `geomap.table.event_table`), "
            "`geomap._validate.validate_events_gdf` enforces it (render and export call it), "
            "and `maps/events.geojson` / `.gpkg` / `.csv` carry it. Coordinates are WGS84 "
            "(EPSG:4326), stored lon/lat in the geometry; events without coordinates (e.g. "
            "country-level events that were never geocoded to a point) have a null geometry "
            "and null latitude/longitude. GeoJSON writes them as Features with "
            '`"geometry": null` (valid RFC 7946).'
        ),
        "",
        (
            "After `event_id` come ACLED's 31 columns, with ACLED's names, in the order of "
            "ACLED's export and with ACLED's values (codebook conventions, described below), so "
            "scripts written for an ACLED export read geomap's CSV as they are: "
            "`pandas.read_csv(path, usecols=ACLED_COLUMNS)`. geomap's own columns follow. "
            "`geomap build --events acled.csv` and `geomap.read_acled` read an ACLED export "
            "into this table (geomap's own columns filled as described in "
            "`geomap.acled.read_acled`)."
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
    from geomap.events.acled import acled_markdown

    lines += acled_markdown()
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
