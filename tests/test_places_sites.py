"""Sites where events happen: camps, air bases, airports, crossings (made-up sentences)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geomap.geocode import geocode_mentions
from geomap.places import parse_articles
from geomap.places.sites import site_end
from geomap.settings import Settings
from geomap.types import Article, ResolvedPlace

pytestmark = pytest.mark.model


def _resolve(text: str, settings: Settings, gazetteer: Any) -> dict[str, ResolvedPlace]:
    art = Article(id="t", text=text, published=dt.date(2024, 3, 5))
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    return {r.mention.text: r for r in geocode_mentions(parsed, gazetteer, settings=settings)}


def _at(r: ResolvedPlace) -> tuple[str, str, int]:
    assert r.entry is not None, r.reason
    return r.entry.name, r.method, r.geo_precision


def test_site_words_after_descriptors() -> None:
    words = ["the", "x", "refugee", "camp", "in", "y", "air", "base", "x", "hospital"]
    assert site_end(words, 2) == 4
    assert site_end(words, 6) == 8
    assert site_end(words, 9) is None  # a hospital is a facility, not a site of its own


def test_a_camp_named_after_a_town_is_near_the_town(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Gunmen raided the Kakuma refugee camp on Friday, aid workers said.", settings, gazetteer
    )
    r = rs["Kakuma"]
    assert _at(r) == ("Kakuma", "relative", 2)
    assert r.mention.feature == "refugee camp"


def test_an_airport_named_after_a_town(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve("Drones were shot down over Erbil Airport overnight.", settings, gazetteer)
    r = rs["Erbil"]
    assert _at(r) == ("Erbil", "relative", 2)
    assert r.mention.feature == "Airport"


def test_a_site_with_its_own_name_is_placed_by_the_text(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Militias shelled the Dereig camp east of Nyala, and rockets hit the Qayyarah West "
        "air base in Nineveh province.",
        settings,
        gazetteer,
    )
    camp = rs["Dereig camp"]
    assert _at(camp) == ("Nyala", "relative", 2)
    assert camp.mention.feature == "Dereig camp"
    base = rs["Qayyarah West air base"]
    assert base.method == "relative"
    assert base.entry is not None
    assert base.entry.level == "admin1"
    assert base.geo_precision == 3


def test_whose_site_is_no_site_name(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve("A drone hit a Russian base near Tartus on Monday.", settings, gazetteer)
    assert not [t for t in rs if "base" in t]
    assert rs["Tartus"].mention.role == "literal"


def test_an_unknown_place_the_text_locates(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Families sheltering in Al-Mawasi near Rafah fled on Tuesday, while others reached "
        "a school in Al-Qarara.",
        settings,
        gazetteer,
    )
    r = rs["Al-Mawasi"]  # not in the gazetteer: placed at the place the text locates it by
    assert r.method == "relative"
    assert r.entry is not None
    assert r.entry.country_code == "PS"
    # a hyphenated Arabic name the model tags as an organisation, read whole
    assert rs["Al-Qarara"].entry is not None
    assert rs["Al-Qarara"].entry.country_code == "PS"


def test_a_namesake_far_from_its_anchor_is_another_place(
    settings: Settings, gazetteer: Any
) -> None:
    """ "Tawila, west of El Fasher": the gazetteer's only Tawila is a Yemeni village, some
    2,000 km from El Fasher; the text's Tawila is placed at El Fasher."""
    rs = _resolve("Shelling hit Tawila, west of El Fasher, on Monday.", settings, gazetteer)
    r = rs["Tawila"]
    assert _at(r) == ("El Fasher", "relative", 2)
    assert "no Tawila near El Fasher" in r.reason


def test_a_place_inside_a_group_or_zone_name_is_no_location(
    settings: Settings, gazetteer: Any
) -> None:
    rs = _resolve(
        "Police said the Jalisco cartel ran the smuggling route, and protesters marched "
        "to the Green Zone in Baghdad.",
        settings,
        gazetteer,
    )
    assert rs["Jalisco"].mention.role == "embedded"
    assert "Green" not in rs
    assert rs["Baghdad"].mention.role == "literal"


def test_a_street_inside_a_town_is_the_towns_street(settings: Settings, gazetteer: Any) -> None:
    # the nearest street of this name in the gazetteer is some 40 km off: the town holds it
    rs = _resolve(
        "A shell hit a shop on Tsentralna Street in Korosten on Friday.", settings, gazetteer
    )
    r = rs["Tsentralna Street"]
    assert _at(r) == ("Korosten", "relative", 2)
    assert r.mention.feature == "Tsentralna Street"


def test_waters_are_no_places_of_their_names(settings: Settings, gazetteer: Any) -> None:
    # a sea is not the town or the division named like it; a gulf is near its town
    rs = _resolve(
        "A drone boat hit a tanker in the Sea of Azov, and a missile struck a freighter in "
        "the Red Sea off Port Sudan, the capital of Red Sea state. Fishermen were shot at in "
        "the Gulf of Suez.",
        settings,
        gazetteer,
    )
    assert "Azov" not in rs
    assert "Red Sea" not in rs  # the water (the Sudanese state says it is one)
    assert rs["Red Sea state"].entry is not None
    assert rs["Red Sea state"].entry.level == "admin1"
    suez = rs["Suez"]
    assert _at(suez) == ("Suez", "relative", 3)
    assert suez.mention.feature == "Gulf of Suez"
