"""Short reports that give their place as a label, in lower case, or by a designation.

Every example is made up; the places are real so that the gazetteer can place them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geomap.settings import Settings
from geomap.types import Article, Event

PUB = dt.date(2024, 4, 9)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(settings: Settings, gazetteer: Any) -> Any:
    """Code one made-up report (published on PUB) with the real model and gazetteer."""
    from geomap.events import article_events
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    def run(text: str) -> list[Event]:
        article = Article(id="r1", text=text, published=PUB)
        parsed = parse_articles([article], settings=settings, gazetteer=gazetteer)
        resolved = geocode_mentions(parsed, gazetteer, settings=settings)
        return article_events(parsed[0], resolved)

    return run


def _where(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.location, e.event_type) for e in events]


EXP = "Explosions/Remote violence"


class TestPlaceLabels:
    """ "X, Y Oblast: ...", "X\\n...", "X: ...": the report's place opens its line."""

    def test_town_and_oblast_label_places_the_next_sentence(self, code: Any) -> None:
        # the parser makes the label a sentence of its own: its town places the strike
        events = code("Izium, Kharkiv Oblast. Russian artillery hit a school.")
        assert [(e.location, e.geo_precision) for e in events] == [("Izyum", 1)]

    def test_town_named_like_its_oblast_is_the_town(self, code: Any) -> None:
        # "X, X Oblast": the first X is the oblast's town, not the oblast again
        events = code("Kharkiv, Kharkiv Oblast: fire at a depot after a drone attack")
        assert _where(events) == [("Kharkiv", EXP)]
        assert events[0].geo_precision == 1

    def test_name_alone_on_the_first_line(self, code: Any) -> None:
        events = code("Orikhiv\nRussian artillery hit the market.")
        assert _where(events) == [("Orikhiv", EXP)]

    def test_name_before_a_colon_is_a_place(self, code: Any) -> None:
        # and the town a road is named after is not where the drones struck
        events = code("Bilozerka: drones struck a bus stop on the Kherson highway")
        assert _where(events) == [("Bilozerka", EXP)]

    def test_a_road_named_after_a_town_places_an_event_alone(self, code: Any) -> None:
        events = code("Drones struck a bus stop on the Kherson highway")
        assert [e.location for e in events] == ["Kherson"]

    def test_a_word_before_a_colon_is_no_label(self, code: Any) -> None:
        assert code("Breaking: drones hit Odesa") != []
        assert [e.location for e in code("Breaking: drones hit Odesa")] == ["Odesa"]

    def test_abbreviated_oblast_is_the_oblast(self, code: Any) -> None:
        # "Y obl." is the oblast, and the body found after the shelling is its toll
        events = code("Body of a woman recovered after shelling of Zolote, Luhansk obl.")
        assert _where(events) == [("Zolote", EXP)]


class TestLowerCaseReports:
    def test_small_village_the_post_calls_a_village(self, code: Any) -> None:
        events = code("heavy shelling of the village of kozacha lopan overnight")
        assert [e.location for e in events] == ["Kozacha Lopan"]

    def test_small_village_in_a_named_oblast(self, code: Any) -> None:
        events = code("explosions in velyka novosilka in donetsk oblast this morning")
        assert [e.location for e in events] == ["Velyka Novosilka"]

    def test_a_word_called_a_village_needs_the_gazetteer(self, code: Any) -> None:
        assert code("shelling of the village of hope overnight") == []


class TestDesignationsAndNations:
    def test_numbered_bomb_designation_is_the_bomb(self, code: Any) -> None:
        events = code("FAB-250 dropped on Kostiantynivka")
        assert [(e.sub_event_type, e.trigger) for e in events] == [("Air/drone strike", "fab")]

    def test_a_nations_assault_is_its_forces(self, code: Any) -> None:
        events = code("Ukrainian assault near Robotyne repelled")
        assert [(e.event_type, e.location, e.actor1) for e in events] == [
            ("Battles", "Robotyne", "Ukraine")
        ]

    def test_an_assault_on_a_person_is_no_battle(self, code: Any) -> None:
        assert code("Sexual assault on a woman reported in Kyiv") == []


def test_a_region_locating_a_town_stands_for_the_town(code: Any) -> None:
    # the parser hangs "damaged" on the region, which the text gives as the town's locator
    events = code("Old school in Novaya Kakhovka, Kherson region damaged by mortar fire")
    assert [(e.location, e.geo_precision) for e in events] == [("Nova Kakhovka", 1)]


class TestMoreLabels:
    def test_name_then_a_full_stop_is_a_label(self, code: Any) -> None:
        # the town has namesakes: the event keeps their ambiguity, not a guess
        events = code("Huliaipole. Russian artillery hit the school.")
        assert [e.event_type for e in events] == [EXP]
        assert events[0].location == "Huliaipole"

    def test_region_label_stands_for_the_town_the_line_names(self, code: Any) -> None:
        events = code("Kharkiv region: a house in Zolochiv destroyed by a drone")
        assert [(e.location, e.geo_precision) for e in events] == [("Zolochiv", 1)]

    def test_label_places_an_event_told_in_someones_words(self, code: Any) -> None:
        # the strike is what officials blame: no place hangs on it but the line's label
        events = code("Kupiansk: three residents killed, officials blame shelling")
        assert [(e.location, e.event_type, e.fatalities) for e in events] == [("Kupyansk", EXP, 3)]

    def test_residents_killed_are_no_mob(self, code: Any) -> None:
        # "two residents killed": a bare participle's subject is its victims, not a crowd
        events = code("Svatove: two residents killed, local media blame Ukrainian shelling")
        assert [(e.event_type, e.fatalities) for e in events] == [(EXP, 2)]


class TestMorePlaces:
    def test_settlements_coordinated_after_between_locate_the_event(self, code: Any) -> None:
        # the second name is a spelling the gazetteer lacks; the event is near the first
        events = code("Shelling between Vovchansk and Kupiansk overnight")
        assert [(e.location, e.geo_precision) for e in events] == [("Vovchansk", 2)]

    def test_countries_after_between_are_parties(self, code: Any) -> None:
        events = code("Shelling between Russia and Ukraine overnight")
        assert all(e.location_level != "city" for e in events)

    def test_lower_case_town_after_a_locative_cue(self, code: Any) -> None:
        events = code("air raid alert, then explosions in bilozerka")
        # (three villages bear the name: the event may stay at the level they share)
        assert [e.location.casefold() for e in events] == ["bilozerka"]

    def test_a_nations_attack_repelled_is_a_battle(self, code: Any) -> None:
        events = code("Russian attack repelled outside Vovchansk")
        assert [(e.event_type, e.actor1) for e in events] == [("Battles", "Russia")]


class TestListsAndStreets:
    def test_names_listed_before_a_street_are_streets(self, code: Any) -> None:
        # "Schmidt St." ends a list of streets: none of them is a town elsewhere
        events = code(
            "Shelling hit shops at the junction of Franko, Pushkin and Lysenko St. in Sumy"
        )
        assert [(e.location, e.geo_precision) for e in events] == [("Sumy", 2)]

    def test_names_before_plural_streets_are_streets(self, code: Any) -> None:
        events = code("Shelling near the corner of Pushkin and Gogol streets in Kherson")
        assert [e.location for e in events] == ["Kherson"]

    def test_towns_listed_after_a_locative_cue(self, code: Any) -> None:
        events = code("Explosions in Kharkiv, Izium and Balakliia overnight")
        assert sorted(e.location for e in events) == ["Balakliya", "Izyum", "Kharkiv"]

    def test_a_name_after_a_town_and_a_comma_is_no_list(self, code: Any) -> None:
        # "In X, Y was shelled": Y is a part of X, not the town of that name elsewhere
        events = code("In Bucha, Pokrovsky was shelled overnight.")
        assert [e.location for e in events] == ["Bucha"]


def test_the_city_centre_names_the_labelled_town_again(code: Any) -> None:
    events = code("Kramatorsk: air raid alert. Explosions heard in the city centre.")
    assert [(e.location, e.event_type) for e in events] == [("Kramatorsk", EXP)]


def test_a_state_university_is_in_its_town(code: Any) -> None:
    # "X state" is a state, "X State University" a university of the town X
    events = code("Damage to the faculty of law of Sumy State University")
    assert [(e.location, e.geo_precision) for e in events] == [("Sumy", 2)]


class TestChannelPosts:
    def test_a_lower_case_label_in_another_spelling(self, code: Any) -> None:
        # a post's label, in lower case and Russian spelling, is its place
        events = code("velikaya pisarevka: explosions again around 22:00, probably MLRS")
        assert [e.location for e in events] == ["Velyka Pysarivka"]

    def test_an_emoji_before_the_label(self, code: Any) -> None:
        events = code("🔴 Kryvyi Rih: ballistic missile strike on the town at 14:05.")
        assert [e.location for e in events] == ["Kryvyy Rih"]

    def test_a_division_in_brackets_after_the_town(self, code: Any) -> None:
        events = code("Yampil (Sumy region) under mortar fire, per local sources")
        assert [(e.location, e.admin1) for e in events] == [("Yampil'", "Sumy Oblast")]

    def test_a_report_opening_on_its_place_then_shelled(self, code: Any) -> None:
        events = code("Dniprovske shelled from the left bank, 20 rounds recorded")
        assert [e.location for e in events] == ["Dniprovske"]

    def test_a_launcher_after_with_is_no_place(self, code: Any) -> None:
        events = code("Vovchansk shelled with Grad this morning, 5 impacts near the railway")
        assert [e.location for e in events] == ["Vovchansk"]
