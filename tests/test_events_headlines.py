"""Events from headline-style text (short reports): triggers, weapons, casualties, sightings.

Every example is made up; the places are real so that the gazetteer can place them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from geomap.events import article_events
from geomap.events.headline import is_headline, name_like
from geomap.events.matching import match_triggers, norm_lemma
from geomap.events.rules import RULES, Role
from geomap.events.schema import SUB_EVENT_TYPES as ACLED_TYPES
from geomap.settings import Settings
from geomap.types import Article, Event, Token

PUB = dt.date(2024, 4, 9)
EXP = "Explosions/Remote violence"
SHELL = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"


def _token(i: int, text: str, lemma: str, pos: str, tag: str, dep: str, head: int) -> Token:
    return Token(i, i * 10, i * 10 + len(text), text, lemma, pos, tag, dep, head)


@pytest.fixture(scope="module")
def code(settings: Settings, gazetteer: Any) -> Any:
    """Code one made-up report (published on PUB) with the real model and gazetteer."""
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    def run(text: str, *, role: str | None = None) -> list[Event]:
        article = Article(id="r1", text=text, published=PUB)
        parsed = parse_articles([article], settings=settings, gazetteer=gazetteer)
        resolved = geocode_mentions(parsed, gazetteer, settings=settings)
        if role is not None:
            resolved = [replace(r, mention=replace(r.mention, role=role)) for r in resolved]
        return article_events(parsed[0], resolved)

    return run


class TestTables:
    def test_headline_rules_use_known_types(self) -> None:
        for rule in (r for r in RULES if Role.HEADLINE in r.roles):
            assert rule.sub_event_type in ACLED_TYPES[rule.event_type], rule.name

    def test_headline_rules_only_in_headlines(self) -> None:
        # "Aftermath of strike": the generic rule in an article, a concrete one in a headline
        toks = [
            _token(0, "Aftermath", "aftermath", "NOUN", "NN", "ROOT", 0),
            _token(1, "of", "of", "ADP", "IN", "prep", 0),
            _token(2, "strike", "strike", "NOUN", "NN", "pobj", 1),
        ]
        assert [h.rule.name for h in match_triggers(toks)] == ["attack"]
        assert [h.rule.name for h in match_triggers(toks, headline=True)] == ["strike:h"]

    def test_weapon_designations(self) -> None:
        toks = [
            _token(0, "TOS-1A", "tos-1a", "NOUN", "NN", "ROOT", 0),
            _token(1, "and", "and", "CCONJ", "CC", "cc", 0),
            _token(2, "MRLS", "mrls", "NOUN", "NN", "conj", 0),
        ]
        assert [h.rule.weapon for h in match_triggers(toks)] == ["TOS-1 thermobaric MLRS", "MLRS"]

    def test_is_headline(self) -> None:
        verbless = [
            _token(0, "Damage", "damage", "NOUN", "NN", "ROOT", 0),
            _token(1, "after", "after", "ADP", "IN", "prep", 0),
            _token(2, "shelling", "shelling", "NOUN", "NN", "pobj", 1),
        ]
        clause = [
            _token(0, "Officials", "official", "NOUN", "NNS", "nsubj", 1),
            _token(1, "said", "say", "VERB", "VBD", "ROOT", 1),
        ]
        assert is_headline(verbless, text_length=3000, n_sentences=40)
        assert not is_headline(clause, text_length=3000, n_sentences=40)
        assert is_headline(clause, text_length=120, n_sentences=2)
        assert name_like("Hadiach")
        assert not name_like("As")
        assert not name_like("NATO")


@pytest.mark.model
class TestNounPhraseReports:
    """Failure class 3: reports without a finite verb or with a participle only."""

    @pytest.mark.parametrize(
        ("text", "etype", "sub", "location", "weapons"),
        [
            ("Aftermath of a strike on the bus depot in Poltava", EXP, SHELL, "Poltava", ""),
            ("Moment of impact at a warehouse in Chernihiv", EXP, SHELL, "Chernihiv", ""),
            ("Damage after shelling in Lutsk", EXP, SHELL, "Lutsk", "artillery"),
            ("Grain silo in Cherkasy hit by rockets", EXP, SHELL, "Cherkasy", "rocket"),
            ("School bombed in Pavlohrad", EXP, AIR, "Pavlohrad", "bomb"),
            ("Shelled kindergarten in Lozova", EXP, SHELL, "Lozova", "artillery"),
            ("Warehouse destroyed in a strike near Okhtyrka", EXP, SHELL, "Okhtyrka", ""),
            ("Explosion at a fuel depot in Konotop", EXP, SHELL, "Konotop", ""),
            ("Fire at the tram depot in Shostka", EXP, SHELL, "Shostka", ""),
        ],
    )
    def test_event_at_the_town(
        self, code: Any, text: str, etype: str, sub: str, location: str, weapons: str
    ) -> None:
        events = code(text)
        assert [(e.event_type, e.sub_event_type, e.location, e.weapons) for e in events] == [
            (etype, sub, location, weapons)
        ]
        assert (events[0].event_date, events[0].time_precision) == (PUB, 1)
        assert events[0].trigger

    @pytest.mark.parametrize(
        ("text", "weapon"),
        [
            ("Cluster munitions used on a market in Lozova", "cluster munitions"),
            ("Incendiary munitions dropped over Konotop", "incendiary munitions"),
            ("Tochka-U fragments after an attack on Okhtyrka", "Tochka-U missile"),
            ("TOS-1 strikes on trenches near Romny", "TOS-1 thermobaric MLRS"),
            ("Grad rockets fired at Balakliia", "Grad MLRS"),
        ],
    )
    def test_named_weapon(self, code: Any, text: str, weapon: str) -> None:
        events = code(text)
        assert len(events) == 1
        # the most specific weapon first ("Grad MLRS, rocket")
        assert (events[0].event_type, events[0].weapons.split(", ")[0]) == (EXP, weapon)

    def test_what_can_be_seen_happened(self, code: Any) -> None:
        events = code("Depot in Poltava on fire, blasts can be heard in the video")
        assert [(e.event_type, e.location) for e in events] == [(EXP, "Poltava")]
        assert code("Blasts could hit Poltava") == []

    def test_a_series_of_explosions_is_one_event(self, code: Any) -> None:
        events = code("Aftermath of a series of explosions at a depot in Konotop")
        assert [(e.event_type, e.location) for e in events] == [(EXP, "Konotop")]

    def test_weapon_named_in_the_next_line(self, code: Any) -> None:
        events = code("Strikes on a grain terminal in Izmail. Possibly by Uragan MLRS.")
        assert [(e.location, e.weapons) for e in events] == [("Izmayil", "Uragan MLRS")]

    def test_smoke_beside_an_explosion_is_no_smoke_grenade(self, code: Any) -> None:
        events = code("Explosions and smoke near the Konotop grain elevator")
        assert [(e.event_type, e.location) for e in events] == [(EXP, "Konotop")]

    def test_spent_munitions_need_no_verb(self, code: Any) -> None:
        events = code("Cluster munitions in a field near Romny")
        assert [(e.location, e.weapons) for e in events] == [("Romny", "cluster munitions")]

    def test_corpses(self, code: Any) -> None:
        events = code("Corpses in a basement in Chernihiv")
        assert [(e.event_type, e.location) for e in events] == [
            ("Violence against civilians", "Chernihiv")
        ]

    def test_date_in_the_text_wins(self, code: Any) -> None:
        events = code("Explosions reported in Poltava on 3 April")
        assert [(e.location, e.event_date) for e in events] == [("Poltava", dt.date(2024, 4, 3))]

    def test_civilian_casualties(self, code: Any) -> None:
        events = code("Civilian casualties after an explosion in Cherkasy")
        assert [(e.event_type, e.location, e.civilian_targeting) for e in events] == [
            (EXP, "Cherkasy", True)
        ]
        alone = code("Deceased civilians in a courtyard in Lutsk")
        assert [(e.event_type, e.location, e.actor2) for e in alone] == [
            ("Violence against civilians", "Lutsk", "Civilians (Ukraine)")
        ]

    def test_dead_soldiers_are_not_civilian_casualties(self, code: Any) -> None:
        assert code("Bodies of soldiers in a field near Romny") == []


@pytest.mark.model
class TestBattlesAndCasualties:
    def test_headline_casualty_counts(self, code: Any) -> None:
        events = code("Clashes near Shostka: 7 soldiers killed, 4 injured")
        assert [(e.event_type, e.location, e.fatalities, e.injured) for e in events] == [
            ("Battles", "Shostka", 7, 4)
        ]

    def test_attack_with_gunfire_is_a_battle(self, code: Any) -> None:
        events = code("Defenders in Shostka under attack, gunfire heard")
        assert [(e.event_type, e.location) for e in events] == [("Battles", "Shostka")]

    def test_clashes_between_parties_near_a_town(self, code: Any) -> None:
        events = code("Clashes between army units and separatist fighters near Shostka")
        assert [(e.event_type, e.location) for e in events] == [("Battles", "Shostka")]

    def test_a_casualty_word_yields_the_place_to_the_weapon(self, code: Any) -> None:
        events = code("Romny: missile hit near the bus station, 4 wounded")
        assert [(e.event_type, e.sub_event_type, e.location, e.injured) for e in events] == [
            ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Romny", 4)
        ]

    def test_fighting_near_is_a_battle(self, code: Any) -> None:
        events = code("Heavy fighting near Romny")
        assert [(e.event_type, e.sub_event_type, e.geo_precision) for e in events] == [
            ("Battles", "Armed clash", 2)
        ]


@pytest.mark.model
class TestSightings:
    """Vehicles, troops and convoys seen somewhere are not battles or strikes."""

    @pytest.mark.parametrize(
        "text",
        [
            "Convoy of armoured vehicles moving through Balakliia",
            "Rocket launchers heading north through Izmail",
            "Artillery unit loading onto a train in Konotop",
            "Surface-to-air missiles being transported by trucks near Okhtyrka",
            "Enemy troops in Poltava with destruction in the background",
            "Column of trucks in Chernihiv near the area of heavy fighting",
            "Drone footage over Chernihiv",
            "Tear gas grenades fired at a crowd in Lutsk",
            "Attack helicopters landing at an airfield near Lozova",
        ],
    )
    def test_no_battle_or_strike(self, code: Any, text: str) -> None:
        violent = {"Battles", EXP}
        assert [e.location for e in code(text) if e.event_type in violent] == []

    def test_a_sighting_after_a_strike_keeps_the_strike(self, code: Any) -> None:
        events = code("Military vehicles burning after a rocket strike in Pavlohrad")
        assert [(e.event_type, e.location) for e in events] == [(EXP, "Pavlohrad")]


@pytest.mark.model
class TestEmbeddedPlaces:
    def test_embedded_place_never_locates_an_event(self, code: Any) -> None:
        literal = "Explosion near the city council building in Lutsk"
        assert [e.location for e in code(literal)] == ["Lutsk"]
        assert code(literal, role="embedded") == []
        # the recogniser itself marks a place inside an organisation's name as embedded
        assert code("Explosion near the Lutsk City Council") == []


@pytest.mark.model
def test_lower_case_designation_is_a_word(code: Any) -> None:
    assert [e.weapons for e in code("Grad rockets hit a school in Lozova")] == ["Grad MLRS, rocket"]
    assert [e.weapons for e in code("A grad student injured by rockets in Lozova")] == ["rocket"]


class TestTriggerSpellings:
    """Plurals the lemmatiser leaves on capitalised words, and typing slips of triggers."""

    def test_capitalised_plurals(self) -> None:
        toks = [
            _token(0, "Cluster", "Cluster", "PROPN", "NNP", "compound", 1),
            _token(1, "Munitions", "Munitions", "PROPN", "NNPS", "ROOT", 1),
            _token(2, "and", "and", "CCONJ", "CC", "cc", 1),
            _token(3, "Clashes", "Clashes", "PROPN", "NNPS", "conj", 1),
        ]
        assert [h.rule.name for h in match_triggers(toks)] == ["cluster munitions", "clash"]

    def test_typing_slips_of_long_triggers(self) -> None:
        assert [norm_lemma(w) for w in ("Shellng", "missle", "artilery", "explosoin")] == [
            "shelling",
            "missile",
            "artillery",
            "explosion",
        ]
        # real words one slip away from a trigger part stay themselves
        assert [norm_lemma(w) for w in ("solder", "luster", "fires")] == [
            "solder",
            "luster",
            "fire",
        ]


@pytest.mark.model
class TestReportWording:
    """Tank fire, smoke, storming, typos, dates and places that only locate others."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Tank firing at a warehouse in Okhtyrka", [(EXP, SHELL, "Okhtyrka", "tank")]),
            ("Black smoke rising over Konotop", [(EXP, SHELL, "Konotop", "")]),
            ("Shellng of a school in Lozova", [(EXP, SHELL, "Lozova", "artillery")]),
            ("Soldiers storming a school in Romny", [("Battles", "Armed clash", "Romny", "")]),
            ("Troops gaining ground near Shostka", [("Battles", "Armed clash", "Shostka", "")]),
            (
                "Volunteers evacuated residents under gunfire in Balakliia",
                [("Battles", "Armed clash", "Balakliya", "firearm")],
            ),
            (
                "Explosion at a depot in Lebedyn town of Sumy region",
                [(EXP, SHELL, "Lebedyn", "")],
            ),
            (
                "Aftermath of a strike on the Bristol hotel in Odesa",
                [(EXP, SHELL, "Odesa", "")],
            ),
        ],
    )
    def test_event(self, code: Any, text: str, expected: list[tuple[str, str, str, str]]) -> None:
        got = [(e.event_type, e.sub_event_type, e.location, e.weapons) for e in code(text)]
        assert got == expected

    def test_smoke_laid_by_a_vehicle_is_no_fire(self, code: Any) -> None:
        assert code("A tank using smoke to hide in Konotop") == []

    def test_gunmen_storming_a_hotel_attack_civilians(self, code: Any) -> None:
        events = code("Gunmen stormed a hotel in Lutsk")
        assert [(e.event_type, e.location) for e in events] == [
            ("Violence against civilians", "Lutsk")
        ]

    def test_a_date_after_from_dates_the_event(self, code: Any) -> None:
        events = code("Rocket impact from 02/04/2024 in Poltava")
        assert [(e.location, e.event_date, e.time_precision) for e in events] == [
            ("Poltava", dt.date(2024, 4, 2), 1)
        ]

    def test_coordinated_events_share_their_place(self, code: Any) -> None:
        events = code("Shelling and fighting in the village of Tsyrkuny near Kharkiv")
        assert sorted((e.event_type, e.location) for e in events) == [
            ("Battles", "Tsyrkuny"),
            (EXP, "Tsyrkuny"),
        ]


class TestWhoWasHarmed:
    """Probe set 7: no event where none happened, and who acted on whom in a headline."""

    def test_no_impacts_is_no_event(self, code: Any) -> None:
        assert code("Air raid alert in Dnipro; no impacts reported") == []

    def test_a_drone_downed_is_no_strike(self, code: Any) -> None:
        assert [
            e for e in code("Russian drone downed over Belgorod region") if e.event_type == EXP
        ] == []

    def test_soldiers_killed_in_a_strike_report_the_strike(self, code: Any) -> None:
        (ev,) = code("Two Ukrainian soldiers killed in Russian strike on Kramatorsk")
        assert (ev.location, ev.event_type, ev.fatalities, ev.actor1) == (
            "Kramatorsk",
            EXP,
            2,
            "Russia",
        )

    def test_troops_who_killed_civilians_are_no_victims(self, code: Any) -> None:
        (ev,) = code("Russian troops killed three civilians in Bucha")
        assert (ev.location, ev.event_type, ev.fatalities, ev.actor1) == (
            "Bucha",
            "Violence against civilians",
            3,
            "Russia",
        )

    def test_the_dead_of_a_raid_are_not_its_actor(self, code: Any) -> None:
        (ev,) = code("IDF raid in Jenin camp: 3 Palestinians killed")
        assert (ev.fatalities, ev.actor1) == (3, "Israel")


def test_a_reports_topic_label_is_no_actor(code: Any) -> None:
    """ "Sudan: ...": what the report is about, not who struck."""
    (ev,) = code("Syria: air strike on Idlib market kills 12")
    assert (ev.country_code, ev.fatalities, ev.actor1) == ("SY", 12, "")


class TestCaptures:
    def test_a_claimed_capture_of_a_village_is_a_battle_there(self, code: Any) -> None:
        (ev,) = code("Russia claims capture of Krasnohorivka in Donetsk region")
        assert (ev.location, ev.event_type, ev.actor1) == ("Krasnohorivka", "Battles", "Russia")

    def test_soldiers_captured_change_no_territory(self, code: Any) -> None:
        events = code("Ukrainian troops captured three Russian soldiers near Vuhledar")
        assert [e.sub_event_type for e in events if "territory" in e.sub_event_type] == []

    def test_forces_demolishing_homes_destroy_property(self, code: Any) -> None:
        (ev,) = code("Soldiers demolished two Palestinian homes in Nablus")
        assert (ev.location, ev.event_type, ev.sub_event_type) == (
            "Nablus",
            "Strategic developments",
            "Looting/property destruction",
        )
        assert code("Workers demolished a derelict factory in Poltava") == []


class TestNoAttack:
    """Probe set 11: accidents, disasters, disposal and the place hit are no attack or actor."""

    def test_a_disaster_or_a_fault_is_no_attack(self, code: Any) -> None:
        assert code("Tornado damages homes in Mykolaiv region") == []
        assert code("Fire at a market in Rivne kills 3 — officials blame an electrical fault") == []

    def test_a_defused_shell_is_no_strike(self, code: Any) -> None:
        assert code("Bomb disposal experts defused an unexploded shell in a Sumy park") == []

    def test_the_place_hit_is_not_the_actor(self, code: Any) -> None:
        (ev,) = code("Vinnytsia, 4 Sept: missile hit a residential building; 5 dead")
        assert (ev.location, ev.fatalities, ev.actor1) == ("Vinnytsya", 5, "")

    def test_strikes_someone_is_charged_with_are_no_strike(self, code: Any) -> None:
        # a kind of events named as a charge; one event named by its day is kept
        (ev,) = code(
            "Police in Poltava detained a man suspected of guiding drone strikes on the city"
        )
        assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Arrests")
        assert code("A resident of Chernivtsi was charged with spotting for missile strikes") == []
        kept = code("Police detained two men suspected of carrying out Friday's bombing in Rivne")
        assert [e.event_type for e in kept if e.location == "Rivne"] == [EXP]

    def test_the_area_a_bomb_is_launched_over_is_no_target(self, code: Any) -> None:
        (ev,) = code(
            "A guided bomb launched over the Bryansk region damaged a farm in Seredyna-Buda"
        )
        assert (ev.location, ev.event_type) == ("Seredyna-Buda", EXP)

    def test_an_attack_on_positions_repelled_is_a_fight(self, code: Any) -> None:
        (ev,) = code("Attack on the ridge positions near Kismayo repelled, 3 attackers killed")
        assert (ev.event_type, ev.fatalities) == ("Battles", 3)

    def test_a_drone_attack_repelled_is_no_strike(self, code: Any) -> None:
        # the drones were stopped: nothing was hit
        assert code("Drone attack on Chernihiv repelled by air defence") == []


class TestGroundFights:
    def test_a_village_fought_for_is_where_the_fight_is(self, code: Any) -> None:
        (ev,) = code("Heavy fighting for Robotyne, Zaporizhzhia oblast, the brigade says")
        assert (ev.location, ev.event_type) == ("Robotyne", "Battles")

    def test_forces_taking_a_village_named_with_its_region(self, code: Any) -> None:
        (ev,) = code("Ukrainian forces take Piatykhatky, Zaporizhzhia region")
        assert ev.location.endswith("tykhatky")
        assert ev.sub_event_type == "Government regains territory"

    def test_counterattacks_and_infiltrations_are_fights(self, code: Any) -> None:
        (ev,) = code("Kreminna: Ukrainian counterattack pushes the Russians back")
        assert (ev.location, ev.event_type) == ("Kreminna", "Battles")
        (ev,) = code("Russian infantry infiltrated the outskirts of Huliaipole overnight")
        assert ev.event_type == "Battles"

    def test_a_front_named_after_a_town_is_not_the_place(self, code: Any) -> None:
        events = code("Bakhmut direction: assault on Klishchiivka repelled by the 5th brigade")
        assert [e.location for e in events] == ["Klishchiivka"]

    def test_troops_entering_a_town_take_it(self, code: Any) -> None:
        (ev,) = code("Ukrainian troops entered Kupiansk on Monday")
        assert (ev.location, ev.sub_event_type) == ("Kupyansk", "Government regains territory")

    def test_troops_seen_entering_or_taking_over_a_site_are_a_sighting(self, code: Any) -> None:
        assert [e.event_type for e in code("Russian troops entering Kupiansk")] == []
        assert [e.event_type for e in code("Russian forces take over Kupiansk bus station")] == []

    def test_firing_positions_dug_are_a_sighting(self, code: Any) -> None:
        # "digging trenches and firing positions": places to fire from, no firing
        text = (
            "Russian troops digging trenches and firing positions along the road outside Kupiansk"
        )
        assert [e.event_type for e in code(text)] == []

    def test_a_breakthrough_or_a_village_changing_hands_is_fighting(self, code: Any) -> None:
        # ("Marines" is no village Marine of Poltava Oblast)
        (broke,) = code("Marines broke through at Krynky, on the left bank, overnight")
        (hands,) = code("Klishchiivka, south of Bakhmut: the village changed hands twice overnight")
        assert [(e.location, e.event_type) for e in (broke, hands)] == [
            ("Krynky", "Battles"),
            ("Klishchiivka", "Battles"),
        ]

    def test_attacking_toward_a_town_is_near_it(self, code: Any) -> None:
        (ev,) = code("Russian troops attacking toward Kurakhove from the east")
        assert (ev.location, ev.geo_precision, ev.event_type) == ("Kurakhove", 2, "Battles")


class TestDistricts:
    def test_a_village_placed_by_its_districts_seat(self, code: Any) -> None:
        # the seat names the district: the village near it, no event at the seat
        (ev,) = code("Shelling damaged a school in Bobryk, Brovary district")
        assert (ev.location, ev.admin1) == ("Bobryk", "Kyiv Oblast")

    def test_a_seat_named_only_with_its_district_places_the_village(self, code: Any) -> None:
        # the text names the seat only in "Y district": its point still places the village
        (ev,) = code("Shelling damaged a school in Hrakove, Chuhuiv district")
        assert ev.location == "Hrakove"
        assert (ev.latitude, ev.longitude) == pytest.approx((49.72, 36.82), abs=0.1)

    def test_a_district_named_after_no_town_nearby_places_nothing(self, code: Any) -> None:
        events = code("Livenka, Krasnogvardeysky district: drone attack on a grain store")
        assert all(e.admin1 != "St.-Petersburg" for e in events)


class TestReportPlaces:
    def test_where_a_victim_was_driving_to_is_no_place_of_the_strike(self, code: Any) -> None:
        events = code("Seredyna-Buda: a man was killed by an FPV drone while driving to Shostka")
        assert [e.location for e in events] == ["Seredyna-Buda"]

    def test_a_street_of_the_reports_town_is_in_it(self, code: Any) -> None:
        # the gazetteer's streets of this name lie in other towns: the labelled town's own
        events = code("Korosten: shells hit a house on Tsentralna Street")
        assert [e.location for e in events] == ["Korosten"]

    def test_a_battle_a_memorial_remembers_is_no_battle(self, code: Any) -> None:
        text = (
            "Troop trains unloading at Prokhorovka station, next to the memorial to the 1943 battle"
        )
        assert [e.event_type for e in code(text)] == []


class TestReportsOfStrikes:
    """Short reports: what makes a strike an event, and where (made-up reports)."""

    def test_a_negation_told_after_a_comma_is_another_statement(self, code: Any) -> None:
        text = "Hlushkivka, Kupiansk district: a drone hit a barn, the owners were not at home"
        assert [e.location for e in code(text)] == ["Hlushkivka"]

    def test_bombs_that_flattened_a_village(self, code: Any) -> None:
        text = "Zaliznychne: Russian glide bombs flattened the club and two houses"
        assert [e.sub_event_type for e in code(text)] == ["Air/drone strike"]

    def test_a_label_with_its_location(self, code: Any) -> None:
        # "X west of Y:": the report is of X, not of Y
        text = "Kamianka west of Izium: Russian shelling destroyed a shop and damaged houses"
        assert [e.location for e in code(text)] == ["Kamianka"]

    def test_one_resident_killed_is_a_victim_not_a_mob(self, code: Any) -> None:
        text = (
            "Berdiansk after the strike on the port: windows out along the seafront, one "
            "resident killed"
        )
        assert [e.event_type for e in code(text)] == ["Explosions/Remote violence"]

    def test_an_emoji_before_the_label(self, code: Any) -> None:
        # the emoji's presentation mark (U+FE0F) is no part of the town's name
        text = "❗️Kletnya, Bryansk region: drone attack on a substation, no injuries"
        assert [e.location for e in code(text)] == ["Kletnya"]

    def test_an_emoji_label_on_its_own_line_of_parse(self, code: Any) -> None:
        text = "‼️ Stepnohirsk, Zaporizhzhia oblast: 1 killed, 3 injured in missile strike."
        assert [e.location for e in code(text)] == ["Stepnohirsk"]

    def test_a_push_across_a_river_is_no_sum_and_the_river_no_place(self, code: Any) -> None:
        text = (
            "Battles at Kurylivka north of Kupiansk, Russian troops trying to push across the Oskil"
        )
        assert [e.location for e in code(text)] == ["Kurylivka"]

    def test_an_abandoned_base_taken_over_is_no_battle(self, code: Any) -> None:
        # no fight: a place left empty changes hands (a sighting of the troops)
        text = "Deserted army base outside Nova Kakhovka taken over by Russian troops"
        assert [e.event_type for e in code(text)] == []


def test_a_posts_hashtag_yields_to_the_place_it_tells_of(code: Any) -> None:
    # "#Y ... on X": Y tags the post's region; the assault was at X (a tag alone still
    # places its post)
    tagged = code("#Chernihiv Russian assault on Hremiach repelled, two vehicles destroyed")
    alone = code("#Chernihiv drone hit a warehouse overnight, fire put out")
    assert [e.location for e in tagged] == ["Hremiach"]
    assert [e.location for e in alone] == ["Chernihiv"]
