"""The map's place names around the events, from the gazetteer: towns, every village, oblasts."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from geomap.gazetteer.towns import (
    MAX_LABELS,
    MIN_TOWN_POPULATION,
    Town,
    map_labels,
    settlements_near,
    towns_for_events,
    towns_near,
)
from geomap.settings import Settings
from tests._sample_events import synthetic_events


def test_towns_are_large_populated_places_largest_first(gazetteer: Any) -> None:
    towns = gazetteer.towns(MIN_TOWN_POPULATION)
    assert len(towns) > 1000
    assert all(t.feature_class == "P" and t.population >= MIN_TOWN_POPULATION for t in towns)
    assert not {t.feature_code for t in towns} & {"PPLX", "PPLH", "PPLQ", "PPLW"}
    pops = [t.population for t in towns]
    assert pops == sorted(pops, reverse=True)


def test_towns_near_keeps_the_cells_around_the_points(gazetteer: Any) -> None:
    everywhere = gazetteer.towns(MIN_TOWN_POPULATION)
    anchor = everywhere[len(everywhere) // 2]
    got = towns_near(gazetteer, [(anchor.lat, anchor.lon)])
    assert all(isinstance(t, Town) for t in got)
    y, x = math.floor(anchor.lat), math.floor(anchor.lon)
    expected = [
        (e.name, e.lat, e.lon, e.population)
        for e in everywhere
        if abs(math.floor(e.lat) - y) <= 1
        and (math.floor(e.lon) - x + 181) % 360 - 181 in (-1, 0, 1)
    ]
    assert [tuple(t) for t in got] == expected
    assert (anchor.name, anchor.lat, anchor.lon, anchor.population) in expected
    # a bigger threshold keeps a subset; the open Pacific has no towns
    big = towns_near(gazetteer, [(anchor.lat, anchor.lon)], min_population=500_000)
    assert set(big) <= set(got)
    assert all(t.population >= 500_000 for t in big)
    assert towns_near(gazetteer, [(-45.0, -130.0)]) == []
    assert towns_near(gazetteer, []) == []


def test_towns_for_events_skips_country_level_and_unlocated_events(settings: Settings) -> None:
    events = synthetic_events(40, towns=5)
    pacific = [
        dataclasses.replace(e, latitude=-45.0 + 0.01 * i, longitude=-130.0)
        for i, e in enumerate(events)
        if e.location_level != "country"
    ]
    assert towns_for_events(pacific, settings) == []
    country = [dataclasses.replace(e, location_level="country") for e in events]
    assert towns_for_events(country, settings) == []
    got = towns_for_events(events, settings)
    assert got
    assert all(t.population >= MIN_TOWN_POPULATION for t in got)


BAKHMUT = (48.59419, 37.99886)


def test_settlements_near_names_every_village_around_an_event(gazetteer: Any) -> None:
    got = settlements_near(gazetteer, [BAKHMUT])
    names = {t.name for t in got}
    assert {"Bakhmut", "Soledar", "Opytne", "Ivanivs'ke", "Klishchiivka"} <= names
    assert len(got) > 100
    # the 0.25-degree cell of the event and its eight neighbours, nothing farther
    assert all(48.25 <= t.lat < 49.0 and 37.5 <= t.lon < 38.25 for t in got)
    pops = [t.population for t in got]
    assert pops == sorted(pops, reverse=True)
    assert 0 in pops  # villages GeoNames gives no population are named too
    assert settlements_near(gazetteer, []) == []
    # Russian postal places carry Cyrillic names: the map shows their Latin spelling
    sudzha = settlements_near(gazetteer, [(51.19, 35.27)])
    assert sudzha
    cyrillic = [t.name for t in sudzha if any("\u0400" <= ch <= "\u04ff" for ch in t.name)]
    assert cyrillic == []


def test_map_labels_are_towns_villages_and_regions(settings: Settings) -> None:
    events = [
        dataclasses.replace(e, latitude=BAKHMUT[0], longitude=BAKHMUT[1])
        for e in synthetic_events(10, towns=2)
        if e.location_level != "country"
    ]
    labels = map_labels(events, settings)
    places = {lb.name: lb for lb in labels if lb.kind == "place"}
    regions = {lb.name for lb in labels if lb.kind == "region"}
    assert {"Opytne", "Klishchiivka"} <= set(places)  # villages by the event
    assert places["Kharkiv"].population > 1_000_000  # a large town two degrees away
    assert "Donetsk Oblast" in regions
    assert len(places) <= MAX_LABELS
    assert len({(lb.lat, lb.lon) for lb in places.values()}) == len(places)
    assert map_labels([], settings) == []


def _settlements_by_scan(gaz: Any, points: list[tuple[float, float]]) -> list[Town]:
    """settlements_near as it was before the spatial index: whole 10-degree boxes, scanned."""
    from geomap.gazetteer.towns import VILLAGE_CELL_DEG, _boxes, _cells

    cell = VILLAGE_CELL_DEG
    cells = _cells(points, 1, cell)
    found: dict[int, Town] = {}
    for box in _boxes(cells, cell):
        for e in gaz.places_in(*box):
            if (math.floor(e.lat / cell), math.floor(e.lon / cell)) in cells:
                found[e.geonameid] = Town(e.latin_name or e.name, e.lat, e.lon, e.population)
    return sorted(found.values(), key=lambda t: -t.population)


def test_the_spatial_index_gives_what_a_scan_gives(gazetteer: Any) -> None:
    """places_in(parts=...) reads the R*Tree; same places, same order as the scan, edges too."""
    box = (46.0, 30.0, 52.0, 40.0)
    every = gazetteer.places_in(*box)
    assert len(every) > 1000
    a, b = every[len(every) // 3], every[len(every) // 2]
    # parts on the places' exact coordinates: edges count (inclusive bounds)
    parts = [
        (a.lat, a.lon - 0.3, a.lat + 0.2, a.lon),
        (b.lat - 0.5, b.lon, b.lat, b.lon + 0.5),
        (60.0, 30.0, 61.0, 31.0),  # outside the box
    ]
    got = gazetteer.places_in(*box, parts=parts)
    expected = [
        e for e in every if any(p[0] <= e.lat <= p[2] and p[1] <= e.lon <= p[3] for p in parts)
    ]
    assert got == expected
    assert a in got
    assert b in got
    # a cache without the index (an SQLite lacking R*Tree): the scan, filtered the same
    memo = gazetteer.memo("place-boxes")
    memo["present"] = False
    try:
        assert gazetteer.places_in(*box, parts=parts) == expected
    finally:
        memo.clear()
    # the villages around events in three countries, one on a 10-degree edge
    points = [(a.lat, a.lon), (b.lat, b.lon), (50.0, 36.25), (31.5, 34.45), (48.0, 11.5)]
    near = settlements_near(gazetteer, points)
    assert near == _settlements_by_scan(gazetteer, points)
    assert len(near) > 100


def test_second_level_of_one_country_is_that_country_s_share(gazetteer: Any) -> None:
    every = gazetteer.second_level()
    ua = gazetteer.second_level("ua")
    assert ua == [e for e in every if e.country_code == "UA"]
    assert len(ua) > 50
    assert gazetteer.second_level("XX") == []
