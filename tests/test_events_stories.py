"""Events of long news stories (issue 32): tolls told apart from their strike, the story's
day, crowds typed by who acts on whom, reference places, unknown places, seizures of power.

Every sentence here is made up; the real English model and the real gazetteer code them.
A neutral closing paragraph makes each text a long article (short texts are read as
headline-style reports).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geomap.events import article_events
from geomap.settings import Settings
from geomap.types import Article, Event

PUB = dt.date(2023, 9, 15)  # a Friday
SUN, MON, TUE, WED, THU = (dt.date(2023, 9, d) for d in (10, 11, 12, 13, 14))

#: Sentences that code nothing, to make a text long enough to be an article.
FILLER = (
    "\n\nSchools stayed open across the region. Shops reopened in the afternoon and buses ran "
    "on a reduced timetable. The weather was warm and dry, and markets were busy until late. "
    "Farmers brought melons and tomatoes to the stalls."
)


@pytest.fixture(scope="module")
def code(settings: Settings, gazetteer: Any) -> Any:
    from geomap.geocode import geocode_mentions
    from geomap.places import load_model, parse_articles

    nlp = load_model(settings.model)

    def run(text: str) -> list[Event]:
        art = Article(id="t", text=text + FILLER, published=PUB)
        parsed = parse_articles([art], settings=settings, nlp=nlp, gazetteer=gazetteer)
        resolved = geocode_mentions(parsed, gazetteer, settings=settings)
        return article_events(parsed[0], resolved)

    return run


def _where(events: list[Event]) -> list[tuple[str, str, dt.date | None]]:
    return sorted((e.location, e.event_type, e.event_date) for e in events)


class TestTolls:
    def test_a_toll_in_its_own_clause_is_the_strikes(self, code: Any) -> None:
        """The victims' clause gives the place and the day; the strike's clause the type."""
        (ev,) = code(
            "Seven people were killed and 20 wounded in Mykolaiv on Monday, the regional "
            "governor said, after Russia fired cruise missiles at the city's shipyard."
        )
        assert (ev.location, ev.event_type, ev.event_date) == (
            "Mykolayiv",
            "Explosions/Remote violence",
            MON,
        )
        assert (ev.fatalities, ev.injured, ev.actor1) == (7, 20, "Russia")

    def test_victims_alone_code_nothing_in_an_article(self, code: Any) -> None:
        assert (
            code("Seven people were killed in Mykolaiv on Monday, the regional governor said.")
            == []
        )

    @pytest.mark.parametrize(
        "cause",
        ["floods that have killed at least 30 people",
         "a war that has killed more than 3,000 people"],
    )  # fmt: skip
    def test_a_toll_of_a_disaster_or_a_war_is_no_events(self, code: Any, cause: str) -> None:
        events = code(
            f"Gunmen attacked a bus near Maiduguri on Tuesday. The attack came as the state "
            f"capital struggles with {cause}."
        )
        assert [(e.location, e.fatalities) for e in events] == [("Maiduguri", None)]


class TestStoryDay:
    @pytest.mark.parametrize(
        ("then", "day"),
        [
            ("A day later, rebel artillery shelled Idlib", WED),
            ("The following day, rebel artillery shelled Idlib", WED),
            ("Two days earlier, rebel artillery shelled Idlib", SUN),
            ("Hours later, rebel artillery shelled Idlib", TUE),
            ("Later that evening, rebel artillery shelled Idlib", TUE),
        ],
    )
    def test_a_sequel_moves_the_storys_day(self, code: Any, then: str, day: dt.date) -> None:
        events = code(f"Government jets bombed Aleppo on Tuesday, killing four people. {then}.")
        assert ("Idlib", "Explosions/Remote violence", day) in _where(events)

    def test_a_day_after_an_event_dates_that_event_a_day_before(self, code: Any) -> None:
        events = code(
            "Rebel artillery shelled Aleppo on Wednesday, killing four people.\n\n"
            "The shelling came a day after a drone struck a market in Idlib, killing two traders."
        )
        assert _where(events) == [
            ("Aleppo", "Explosions/Remote violence", WED),
            ("Idlib", "Explosions/Remote violence", TUE),
        ]

    def test_a_day_told_inside_the_earlier_event_is_its_own(self, code: Any) -> None:
        events = code(
            "Rebel artillery shelled Aleppo on Wednesday, killing four people.\n\n"
            "The shelling came two days after a drone struck a fuel depot in Idlib on Sunday, "
            "wounding a guard."
        )
        assert ("Idlib", "Explosions/Remote violence", SUN) in _where(events)

    def test_a_day_earlier_than_the_day_words_were_said(self, code: Any) -> None:
        (ev,) = code(
            "A hospital director said on Thursday that a drone had struck a clinic in Sittwe "
            "a day earlier, wounding three nurses."
        )
        assert (ev.location, ev.event_date) == ("Sittwe", WED)

    def test_a_day_told_with_the_next_verb_beats_the_day_words_were_said(self, code: Any) -> None:
        (ev,) = code(
            "Gunmen abducted six traders and torched a lorry near Gombe on Tuesday, the state "
            "police spokesman said on Thursday."
        )
        assert (ev.location, ev.event_date) == ("Gombe", TUE)

    def test_a_date_hung_in_a_clause_that_tells_no_event(self, code: Any) -> None:
        (ev,) = code(
            "A Russian drone hit a car carrying two volunteers who were delivering food to "
            "elderly residents near Kupiansk on Sunday, killing both."
        )
        assert (ev.location, ev.event_date) == ("Kupyansk", SUN)

    def test_undated_events_of_the_story_take_its_day(self, code: Any) -> None:
        events = code(
            "Police shot dead two protesters in Mombasa on Tuesday, a rights group said.\n\n"
            "In Kisumu, demonstrators blocked a highway with burning tyres."
        )
        assert [(e.location, e.event_date, e.time_precision) for e in events] == [
            ("Mombasa", TUE, 1),
            ("Kisumu", TUE, 1),
        ]

    def test_a_date_of_words_moves_no_story(self, code: Any) -> None:
        events = code(
            "Officials said on Tuesday that the road would stay closed.\n\n"
            "In Kisumu, demonstrators blocked a highway with burning tyres."
        )
        assert [(e.location, e.event_date) for e in events] == [("Kisumu", PUB)]

    def test_what_is_still_going_on_is_of_today(self, code: Any) -> None:
        events = code(
            "Rebel artillery shelled Aleppo on Tuesday, killing four people.\n\n"
            "Rebel fighters are now massing near Idlib for an offensive, officials warned."
        )
        assert ("Aleppo", "Explosions/Remote violence", TUE) in _where(events)
        assert all(e.event_date != TUE for e in events if e.location != "Aleppo")

    @pytest.mark.parametrize("span", ["So far this year", "Earlier this year"])
    def test_a_sum_of_the_year_is_no_event(self, code: Any, span: str) -> None:
        assert code(f"{span}, Russian strikes have killed more than 80 people in Kherson.") == []


class TestCrowds:
    @pytest.mark.parametrize(
        ("text", "typed"),
        [
            ("Police shot dead two protesters in Kisumu on Monday.",
             ("Protests", "Excessive force against protesters")),
            (("Police fired tear gas and rubber bullets at hundreds of teachers who blocked a "
              "highway near Nakuru on Monday, killing one teacher."),
             ("Protests", "Excessive force against protesters")),
            ("Police fired tear gas at hundreds of teachers marching in Nakuru on Monday.",
             ("Protests", "Protest with intervention")),
            ("In Nakuru, protesters set fire to a police post and looted shops on Monday.",
             ("Riots", "Violent demonstration")),
            ("Protesters threw stones and bottles at police in Nakuru on Monday.",
             ("Riots", "Violent demonstration")),
            ("A mob attacked a shrine in Rangpur on Monday, vandalising it.",
             ("Riots", "Mob violence")),
            ("Supporters of rival parties fought with sticks and machetes in Bogura on Monday.",
             ("Riots", "Mob violence")),
            ("Thousands of farmers marched through Nakuru on Monday to demand higher prices.",
             ("Protests", "Peaceful protest")),
            ("Thousands of people took to the streets to protest in Nakuru on Monday.",
             ("Protests", "Peaceful protest")),
            ("Lecturers began a sit-in outside the university offices in Kisumu on Monday.",
             ("Protests", "Peaceful protest")),
        ],
    )  # fmt: skip
    def test_who_acts_on_whom(self, code: Any, text: str, typed: tuple[str, str]) -> None:
        events = code(text)
        assert [(e.event_type, e.sub_event_type) for e in events] == [typed], text
        assert events[0].event_date == MON

    def test_troops_marching_are_no_protest(self, code: Any) -> None:
        assert code("Hundreds of troops marched into Nakuru on Monday.") == []

    def test_police_beating_men_is_violence_against_them(self, code: Any) -> None:
        (ev,) = code("Officers beat three men inside a bus station in Nakuru on Monday.")
        assert (ev.event_type, ev.location) == ("Violence against civilians", "Nakuru")


class TestPlaces:
    def test_a_distance_reference_is_no_place_of_the_event(self, code: Any) -> None:
        (ev,) = code(
            "A man with a rifle entered a care home in the town of Vukovar, about 100 miles "
            "east of the capital Zagreb, and opened fire on Monday, killing four people."
        )
        assert (ev.location, ev.geo_precision) == ("Vukovar", 1)

    def test_alone_a_distance_reference_places_the_event_near_it(self, code: Any) -> None:
        (ev,) = code("Gunmen opened fire on a bus about 40 miles east of Zagreb on Monday.")
        assert (ev.location, ev.geo_precision) == ("Zagreb", 2)

    def test_a_road_named_after_a_town_is_where_it_is_said_to_be(self, code: Any) -> None:
        (ev,) = code("Demonstrators blocked the Nairobi Expressway near Athi River on Monday.")
        # at Athi River (near it: the road is named), not at Nairobi 30 km away
        assert (ev.latitude, ev.longitude) == pytest.approx((-1.456, 36.978), abs=0.05)
        assert ev.geo_precision == 2

    def test_an_unknown_place_is_not_replaced_by_the_speakers(self, code: Any) -> None:
        assert (
            code(
                "Sudan's health ministry said a drone hit tents in the Qoz Tabaldi area on "
                "Monday, killing four people."
            )
            == []
        )

    def test_a_district_of_a_city_is_one_event_there(self, code: Any) -> None:
        # the city that holds the district is no second place of the strike
        (ev,) = code(
            "A missile struck a school in Obolon, a district in the north of the city of "
            "Kyiv, on Tuesday, wounding six."
        )
        assert (ev.location, ev.injured, ev.event_date) == ("Obolon", 6, TUE)


class TestPower:
    def test_a_leader_assuming_powers_is_a_strategic_development(self, code: Any) -> None:
        (ev,) = code("Niger's army chief assumed presidential powers on Monday, state media said.")
        assert (ev.event_type, ev.country_code, ev.geo_precision, ev.event_date) == (
            "Strategic developments",
            "NE",
            3,
            MON,
        )

    def test_a_coup_of_a_past_year_keeps_its_date(self, code: Any) -> None:
        (ev,) = code("The junta has ruled Mali since a military coup in 2020.")
        assert (ev.event_type, ev.country_code, ev.event_date) == (
            "Strategic developments",
            "ML",
            dt.date(2020, 1, 1),
        )


class TestBackground:
    def test_an_event_telling_a_time_is_no_event(self, code: Any) -> None:
        events = code(
            "Militants attacked a border post near Rafah on Tuesday, killing 12 soldiers.\n\n"
            "Following the attack, the army launched an offensive in the area that has killed "
            "hundreds of people, officials said."
        )
        assert [(e.country_code, e.event_date) for e in events] == [("PS", TUE)]

    def test_a_year_naming_an_event_dates_it(self, code: Any) -> None:
        (ev,) = code("The 2014 attack on a school in Peshawar killed more than 140 people.")
        assert (ev.location, ev.event_date, ev.time_precision) == (
            "Peshawar",
            dt.date(2014, 1, 1),
            3,
        )

    def test_an_intent_is_no_event(self, code: Any) -> None:
        assert (
            code(
                "The five activists agreed to cause disruption by having protesters block the "
                "main highway into Leeds, the court heard."
            )
            == []
        )


class TestWho:
    def test_a_place_naming_an_organisation_is_who_not_where(self, code: Any) -> None:
        (ev,) = code(
            "The alleged leader of the Sinaloa cartel was arrested in El Paso on Thursday, "
            "prosecutors said."
        )
        assert (ev.event_type, ev.location, ev.event_date) == (
            "Strategic developments",
            "El Paso",
            THU,
        )


class TestSettlementNamedBefore:
    def test_the_city_is_the_settlement_named_before(self, code: Any) -> None:
        events = code(
            "Artillery shells hit a displacement camp near Kadugli on Monday, killing six.\n\n"
            "The shelling came a day after a drone struck the cattle market in the south of "
            "the city, killing four traders."
        )
        assert ("Kadugli", "Explosions/Remote violence", SUN) in _where(events)

    def test_no_town_is_guessed_after_a_region(self, code: Any) -> None:
        events = code(
            "Fighting spread across South Kordofan on Monday, officials said.\n\n"
            "A drone struck the cattle market in the south of the city, killing four traders."
        )
        assert all(e.location_level != "city" for e in events)

    def test_a_habit_is_no_event(self, code: Any) -> None:
        assert code("The group regularly carries out bombings in Kadugli and Dilling.") == []


class TestTypesByTarget:
    def test_gunmen_attacking_army_positions_fight_a_battle(self, code: Any) -> None:
        (ev,) = code(
            "On Tuesday morning fighters in pickup trucks mounted with machine guns attacked "
            "army positions on the edge of Kadugli, residents said."
        )
        assert (ev.event_type, ev.location, ev.event_date) == ("Battles", "Kadugli", TUE)

    def test_two_days_told_are_two_events(self, code: Any) -> None:
        events = code(
            "Rebel artillery shelled Aleppo on Wednesday, killing four people. Rebel drones hit "
            "Aleppo on Tuesday, killing two."
        )
        assert _where(events) == [
            ("Aleppo", "Explosions/Remote violence", TUE),
            ("Aleppo", "Explosions/Remote violence", WED),
        ]


class TestLaterDetails:
    def test_the_incident_dated_later_dates_the_event(self, code: Any) -> None:
        events = code(
            "An officer has been suspended after videos showed police beating three men "
            "inside a shopping centre in Leeds, the force said.\n\n"
            "Officials called the footage shocking. The force said it would review its "
            "training. Local leaders asked for calm. A march is planned for the weekend.\n\n"
            "The incident started when officers were called to the centre on Tuesday evening "
            "following reports of a fight."
        )
        assert [(e.location, e.event_date) for e in events if e.event_type != "Protests"] == [
            ("Leeds", TUE)
        ]

    def test_the_incident_with_nothing_before_is_no_event(self, code: Any) -> None:
        assert code("The incident in Leeds on Tuesday left two people dead, police said.") == []


class TestStrikeDescribed:
    def test_a_relative_clause_of_the_strike_places_it(self, code: Any) -> None:
        """ "a strike that hit a school in X, central Y": X, which Y only locates."""
        (ev,) = code(
            "On Tuesday, at least 12 people were killed in an air strike that hit a school "
            "in the Jabalia refugee camp, northern Gaza, where families had taken refuge."
        )
        assert (ev.event_type, ev.event_date, ev.fatalities) == (
            "Explosions/Remote violence",
            TUE,
            12,
        )
        assert ev.location.startswith("Jab")

    def test_a_named_towns_compass_word_keeps_it_a_town(self, code: Any) -> None:
        (ev,) = code(
            "At least 10 people were killed in an air strike on a house in central Khan "
            "Younis on Tuesday, a health official told reporters."
        )
        assert (ev.location, ev.event_date) == ("Khān Yūnis", TUE)

    def test_a_background_date_moves_no_story(self, code: Any) -> None:
        events = code(
            "On Monday, an air strike hit a market in Khan Younis, killing eight people.\n\n"
            "Officials said dozens of fighters involved in the October 7 attacks had been "
            "killed in the past week.\n\n"
            "The following day, an air strike hit a school in Rafah, killing five people."
        )
        assert sorted((e.country_code, e.event_date) for e in events) == [
            ("PS", MON),
            ("PS", TUE),
        ]


class TestArmedMen:
    def test_armed_men_killing_people_is_an_event(self, code: Any) -> None:
        (ev,) = code(
            "Paramilitary fighters killed at least 35 people in a village near Kadugli on "
            "Saturday, activists said."
        )
        assert (ev.event_type, ev.location, ev.fatalities, ev.event_date) == (
            "Violence against civilians",
            "Kadugli",
            35,
            dt.date(2023, 9, 9),
        )

    def test_a_strike_on_vehicles_massed_near_a_town_is_a_strike_there(self, code: Any) -> None:
        (ev,) = code(
            "The army said its warplanes had struck rebel vehicles massed near Kadugli on "
            "Monday, destroying more than 30 of them."
        )
        assert (ev.event_type, ev.location, ev.event_date) == (
            "Explosions/Remote violence",
            "Kadugli",
            MON,
        )

    def test_fire_across_a_river_is_no_sum_over_an_area(self, code: Any) -> None:
        (ev,) = code(
            "At least 21 people were killed at a market in Omdurman on Sunday, medics said, "
            "blaming artillery fire from positions across the Nile."
        )
        assert (ev.location, ev.fatalities, ev.event_date) == ("Omdurman", 21, SUN)

    def test_a_source_named_by_a_place_is_no_place(self, code: Any) -> None:
        events = code(
            "Gunmen looted homes and shot men who tried to resist, according to the Kadugli "
            "resistance committee."
        )
        assert all(e.location != "Kadugli" for e in events)


class TestRoadsAndReferences:
    def test_a_reference_beside_a_region_places_the_event_near_it(self, code: Any) -> None:
        (ev,) = code(
            "A military jet struck a passenger truck on the highway a few miles south of "
            "Shwebo in the northern Sagaing region on Sunday, killing seven people."
        )
        assert (ev.location, ev.geo_precision, ev.event_date) == ("Shwebo", 2, SUN)

    def test_a_road_between_two_towns_is_one_event_near_the_first(self, code: Any) -> None:
        (ev,) = code(
            "A drone strike hit a minibus on the road between Kramatorsk and Sloviansk on "
            "Sunday, killing 11 passengers."
        )
        assert (ev.location, ev.geo_precision) == ("Kramatorsk", 2)

    def test_people_abducted_from_a_place_were_taken_there(self, code: Any) -> None:
        (ev,) = code(
            "Gunmen abducted at least 15 passengers from a bus near Fiche, about 110 "
            "kilometers north of Addis Ababa, on Friday, relatives said."
        )
        assert (ev.sub_event_type, ev.event_date) == (
            "Abduction/forced disappearance",
            dt.date(2023, 9, 15),
        )
        assert ev.location.startswith("Fich")

    def test_a_place_near_the_attackers_locates_their_assault(self, code: Any) -> None:
        # "by three squads with tanks near X": the place hangs on a party of the assault
        (ev,) = code(
            "The army said it had beaten back an assault by three squads with tanks near "
            "Hlushkivka, close to the river east of Kupiansk, on Monday."
        )
        assert (ev.location, ev.event_type, ev.event_date) == ("Hlushkivka", "Battles", MON)


class TestKillings:
    def test_a_killing_with_its_dead_counted_is_an_event(self, code: Any) -> None:
        (ev,) = code(
            "Police are investigating the killing of a journalist in Mazar-i-Sharif on Sunday."
        )
        assert (ev.event_type, ev.fatalities, ev.event_date) == (
            "Violence against civilians",
            1,
            SUN,
        )

    def test_a_killing_protested_is_no_toll_of_the_protest(self, code: Any) -> None:
        (ev,) = code(
            "Hundreds of protesters marched in Nairobi, demanding justice for the killing "
            "of a teacher in police custody in June."
        )
        assert (ev.event_type, ev.fatalities) == ("Protests", None)

    def test_a_kind_of_killing_is_no_event(self, code: Any) -> None:
        assert code("Rights groups condemned the killing of civilians in Gaza.") == []
        assert code("Honour killings remain common in rural Punjab, activists say.") == []

    def test_killing_captured_soldiers_is_violence_against_them(self, code: Any) -> None:
        # prisoners are out of the fight: no armed clash
        (ev,) = code(
            "Prosecutors opened an inquiry into the killing of three captured soldiers near "
            "Robotyne on Monday."
        )
        assert (ev.location, ev.event_type, ev.fatalities) == (
            "Robotyne",
            "Violence against civilians",
            3,
        )


class TestBarrageRetold:
    TEXT = (
        "A missile struck a school in Zhytomyr on Monday morning, killing two teachers. "
        "Rescuers worked through the night. The city observed a day of mourning on "
        "Wednesday. The barrage also hit Kropyvnytskyi, where a missile struck a fuel "
        "depot and killed three workers. Strikes were also reported in Uman and Vinnytsia."
    )

    def test_a_place_the_barrage_also_hit_is_of_its_day(self, code: Any) -> None:
        days = {e.location: e.event_date for e in code(self.TEXT)}
        assert days["Kropyvnytskyi"] == MON

    def test_strikes_reported_anew_at_towns_are_events(self, code: Any) -> None:
        places = {e.location for e in code(self.TEXT)}
        assert {"Uman", "Vinnytsya"} <= places


class TestNoEventTold:
    def test_a_distance_from_the_fighting_is_no_fighting_there(self, code: Any) -> None:
        text = (
            "Officials said the hospital in Izium, some 40 kilometers from the fighting, "
            "was still open on Monday."
        )
        assert code(text) == []

    def test_shelling_feared_is_no_shelling(self, code: Any) -> None:
        text = "In Mykolaiv, shopkeepers kept their shutters down, fearing more air strikes."
        assert code(text) == []

    def test_an_event_told_as_a_time_since_is_background(self, code: Any) -> None:
        text = (
            "A statement from the ministry in Port Sudan, where the cabinet has sat since "
            "fighting made Khartoum unlivable, said the army would prevail."
        )
        assert code(text) == []

    def test_the_gunmen_described_tell_no_new_attack(self, code: Any) -> None:
        text = "Police said the gunmen were two brothers from Hebron in the southern West Bank."
        assert code(text) == []

    def test_a_scene_set_before_the_words_is_the_event_place(self, code: Any) -> None:
        # "In X, officials said ...": X sets the scene of what they told
        (ev,) = code(
            "In Kharkiv, officials said a missile hit an apartment block on Monday, killing three."
        )
        assert (ev.location, ev.event_date, ev.fatalities) == ("Kharkiv", MON, 3)

    def test_where_a_spokesperson_spoke_is_not_the_event_place(self, code: Any) -> None:
        text = (
            "Gunmen stormed the town before dawn on Thursday, shooting residents in their "
            "homes, a UN spokesperson told reporters in Geneva."
        )
        assert [e for e in code(text) if e.location.startswith("Gen")] == []


class TestDayOfAnother:
    def test_a_day_of_another_clause_does_not_date_the_event_referred_to(self, code: Any) -> None:
        # Tuesday is when the group hit the bases, not when the debris fell in Jericho
        events = code(
            "A man was killed in Jericho when he was struck by falling debris from a "
            "missile. The group said it had targeted three air bases on Tuesday and "
            "described the attack as revenge for the killing of its leader."
        )
        assert [e.event_date for e in events if e.location.startswith("Jericho")] == [PUB]


class TestFreshStrikes:
    def test_a_strike_told_anew_with_an_indefinite_article(self, code: Any) -> None:
        # "a strike hit their tent": a strike of its own, not "the strike" told before
        events = code(
            "A man in Rafah said he had lost his brother and two of his children when a "
            "strike hit their tent on Tuesday."
        )
        assert [(e.location, e.event_type, e.event_date) for e in events] == [
            ("Rafaḩ", "Explosions/Remote violence", TUE)
        ]

    def test_a_regions_toll_stays_with_the_region(self, code: Any) -> None:
        # a wave of strikes across a region is one event there, with its toll; a strike
        # told anew in one of its towns is another, without that toll
        events = code(
            "Jets launched a wave of airstrikes across the Gaza Strip on Tuesday, killing "
            "more than 300 people. Rescuers worked through the day. A man in Khan Younis "
            "said a strike hit his family's tent."
        )
        got = sorted((e.location, e.geo_precision, e.fatalities) for e in events)
        assert got == [("Gaza Strip", 3, 300), ("Khān Yūnis", 1, None)]


class TestPastCrowds:
    def test_a_past_years_protest_told_beside_a_rally_stays_apart(self, code: Any) -> None:
        # the rally is of the day; the protests of 2013 only describe the square
        events = code(
            "Thousands joined a rally in Maidan Square in central Kyiv on Wednesday "
            "evening, the same square where months of mass protests in 2013 led to the "
            "fall of the government."
        )
        assert (WED, "Protests") in [(e.event_date, e.event_type) for e in events]


class TestNoEventThere:
    def test_weapons_shot_down_strike_nowhere(self, code: Any) -> None:
        assert (
            code(
                "The defence ministry said its air defences had downed 40 drones over the Kursk "
                "region on Sunday night."
            )
            == []
        )

    def test_a_motive_names_no_place(self, code: Any) -> None:
        events = code(
            "Three crew members were killed on Thursday when a missile struck a bulk carrier "
            "off Hodeidah.\n\nThe rebels said they fired the missile in solidarity with "
            "Palestinians in Gaza."
        )
        assert all(e.location != "Gaza" for e in events)

    def test_where_people_fled_from_is_no_place(self, code: Any) -> None:
        (ev,) = code(
            "On Sunday night, jets bombed the outskirts of a camp near Erbil, which houses "
            "some 12,000 Kurds who fled Syria in the 1990s, wounding three people."
        )
        assert ev.country_code == "IQ"

    def test_a_span_since_a_month_dates_no_event(self, code: Any) -> None:
        assert code("Since November the rebels have attacked dozens of ships off Yemen.") == []


class TestCrowdKinds:
    def test_dozens_of_settlers_storming_a_town_riot(self, code: Any) -> None:
        (ev,) = code(
            "On Tuesday evening, dozens of settlers stormed the town of Huwara, setting fire "
            "to cars and throwing stones at homes."
        )
        assert (ev.event_type, ev.location, ev.event_date) == ("Riots", "Huwara", TUE)

    def test_vigilantes_killing_suspects_is_mob_violence(self, code: Any) -> None:
        (ev,) = code("Vigilantes killed four suspected gang members in Petionville on Tuesday.")
        assert (ev.event_type, ev.sub_event_type, ev.fatalities) == (
            "Riots",
            "Mob violence",
            4,
        )

    def test_soldiers_clashing_with_gunmen_is_a_battle(self, code: Any) -> None:
        (ev,) = code(
            "In the western state of Michoacan, soldiers clashed with cartel gunmen on a dirt "
            "road outside Aguililla on Monday."
        )
        assert (ev.event_type, ev.event_date) == ("Battles", MON)


class TestNotReported:
    @pytest.mark.parametrize(
        "text",
        [
            "The envoy renewed calls for both sides to agree a ceasefire in Khartoum.",
            "The extreme level of fighting in Khartoum is inexcusable, the envoy said.",
            "Five activists were jailed on Thursday over a highway protest in Leeds.",
        ],
    )
    def test_wishes_measures_and_reasons_are_no_events(self, code: Any, text: str) -> None:
        assert code(text) == []

    def test_a_place_locating_the_school_only_locates_it(self, code: Any) -> None:
        (ev,) = code(
            "On Tuesday, 12 people were killed in an air strike on a school in the Jabalia "
            "refugee camp, northern Gaza."
        )
        assert ev.location.startswith("Jab")


class TestPeopleNamedLikePlaces:
    def test_a_rank_is_no_town(self, code: Any) -> None:
        events = code(
            "Two generals were attacked at the end of a meeting in Bnei Brak on Monday.\n\n"
            "The commander, Major General David Zini, and Major General Shay Tayeb were "
            "attacked at the end of a meeting with Rabbi David Label, witnesses said."
        )
        assert {e.country_code for e in events} <= {"IL"}

    def test_the_victim_of_the_shooting_is_no_place(self, code: Any) -> None:
        events = code(
            "A gunman fatally shot a man in the parking lot of a mosque in Philadelphia on "
            "Tuesday.\n\nPolice identified the victim as Raheem Jefferson. Investigators "
            "believe Jefferson was the intended target of the shooting."
        )
        assert [(e.location, e.event_date) for e in events] == [("Philadelphia", TUE)]


class TestMoreNoEvents:
    def test_drones_destroyed_by_air_defences_strike_nowhere(self, code: Any) -> None:
        assert (
            code(
                "The defence ministry said its air defences had destroyed 18 drones over the "
                "Bryansk and Kursk regions overnight."
            )
            == []
        )

    def test_a_province_of_a_town_is_the_province(self, code: Any) -> None:
        (ev,) = code(
            "In the eastern province of Arauca, rebels attacked an army base on the outskirts "
            "of Tame late on Saturday, killing two soldiers."
        )
        assert (ev.location, ev.event_type, ev.geo_precision) == ("Tame", "Battles", 2)

    def test_an_attack_on_a_part_of_a_country_is_told_enough(self, code: Any) -> None:
        (ev,) = code("Militants attacked southern Israel on Tuesday, officials said.")
        assert (ev.country_code, ev.geo_precision, ev.event_date) == ("IL", 3, TUE)


class TestWireStory:
    """One made-up wire story read whole (headline, dateline, several events)."""

    TEXT = (
        "Police clash with protesters in Dhaka as opposition calls nationwide strike\n\n"
        "DHAKA, Bangladesh (Wire) — Police fired rubber bullets and tear gas at thousands of "
        "opposition supporters in central Dhaka on Tuesday after protesters set fire to two "
        "buses and threw stones at officers, witnesses said.\n\n"
        "In the port city of Chittagong, rival student groups fought with sticks and bricks "
        "outside a university dormitory late on Monday, police said.\n\n"
        "Paramilitary fighters stormed a camp for displaced people near Teknaf on "
        "Wednesday, looting shelters and killing two men, residents said."
    )

    def test_each_event_once_typed_placed_and_dated(self, code: Any) -> None:
        got = sorted(
            (e.event_type, e.sub_event_type, e.country_code, e.event_date) for e in code(self.TEXT)
        )
        assert got == [
            ("Riots", "Mob violence", "BD", MON),
            ("Riots", "Violent demonstration", "BD", TUE),
            ("Violence against civilians", "Attack", "BD", WED),
        ]

    def test_where_a_witness_fled_to_is_no_place(self, code: Any) -> None:
        events = code(
            "Gunmen opened fire on residents at a market on Saturday afternoon, killing nine "
            "people, a resident who fled to the town of Dori told the agency."
        )
        assert all(e.location != "Dori" for e in events)


class TestMoreWordings:
    def test_a_gunfight_is_a_battle(self, code: Any) -> None:
        (ev,) = code(
            "Three soldiers and two militants were killed in a gunfight in the forests of "
            "Kupwara district on Wednesday, the army said."
        )
        assert (ev.event_type, ev.event_date) == ("Battles", WED)

    def test_a_village_the_gazetteer_lacks_keeps_its_country(self, code: Any) -> None:
        (ev,) = code(
            "An air strike destroyed a house in the southern Lebanese village of Qurnat "
            "Zabadin late on Sunday, killing a couple and their three children."
        )
        assert (ev.event_type, ev.country_code, ev.geo_precision, ev.event_date) == (
            "Explosions/Remote violence",
            "LB",
            3,
            SUN,
        )

    def test_troops_serving_around_a_lake_is_no_event(self, code: Any) -> None:
        assert (
            code(
                "Troops from Cameroon and Niger serve in a regional force fighting the jihadists "
                "around Lake Chad."
            )
            == []
        )


class TestAttempts:
    def test_an_assault_tried_and_repelled_is_a_battle_of_its_subject(self, code: Any) -> None:
        (ev,) = code(
            "Ethiopian troops tried to storm the town of Dessie on Tuesday but were pushed "
            "back, a rebel spokesman said."
        )
        assert (ev.location, ev.event_type, ev.event_date, ev.actor1) == (
            "Dessie",
            "Battles",
            TUE,
            "Ethiopia",
        )

    def test_an_assault_to_be_tried_is_no_event(self, code: Any) -> None:
        assert code("Ethiopian troops will try to storm the town of Dessie next week.") == []

    def test_an_attack_repelled_is_a_battle(self, code: Any) -> None:
        (ev,) = code("Malian soldiers repelled an attack on their base near Gao on Monday.")
        assert (ev.location, ev.event_type, ev.event_date) == ("Gao", "Battles", MON)

    def test_drones_repelled_are_no_battle(self, code: Any) -> None:
        events = code("Air defence units repelled a drone attack on Kharkiv overnight.")
        assert [e.event_type for e in events if e.event_type == "Battles"] == []


class TestRoutesAndCrowds:
    def test_the_end_of_a_road_between_two_towns_is_a_place(
        self, settings: Settings, gazetteer: Any
    ) -> None:
        """The model reads the town as an organisation; "the road between" says where."""
        from dataclasses import replace

        from geomap.geocode import geocode_mentions
        from geomap.places import load_model, parse_articles

        text = (
            "An Israeli drone strike hit a car on the road between Nabatieh and Kfar Roummane "
            "on Saturday, killing three people, the agency said." + FILLER
        )
        lebanon = replace(settings, theatre=(("LB", 1.0),))
        art = Article(id="t", text=text, published=PUB)
        parsed = parse_articles([art], settings=lebanon, nlp=load_model(settings.model),
                                gazetteer=gazetteer)  # fmt: skip
        (ev,) = article_events(parsed[0], geocode_mentions(parsed, gazetteer, settings=lebanon))
        assert (ev.country_code, ev.geo_precision, ev.event_type) == (
            "LB",
            2,
            "Explosions/Remote violence",
        )
        assert ev.location.startswith("Nabat")

    def test_protesters_storming_a_building_riot(self, code: Any) -> None:
        (ev,) = code(
            "Police fired tear gas at thousands of protesters who tried to storm the "
            "parliament in Lilongwe on Tuesday."
        )
        assert (ev.location, ev.event_type, ev.event_date) == (
            "Lilongwe",
            "Riots",
            TUE,
        )


class TestSummedUp:
    def test_a_placeless_toll_over_several_places_goes_to_none_of_them(self, code: Any) -> None:
        """A nationwide attack told first, then town by town: the sum is no town's toll."""
        events = code(
            "Russia fired dozens of missiles at Ukraine's energy facilities on Monday, killing "
            "three people. In Dnipro, a missile hit a power station, injuring two workers. "
            "In Lviv, repeated strikes knocked out power across the city, the mayor said."
        )
        assert ("Dnipro", 2) in {(e.location, e.injured) for e in events}
        assert [e.location for e in events if e.fatalities == 3] == []

    def test_an_event_in_a_region_is_placed_at_region_precision(self, code: Any) -> None:
        (ev,) = code("Heavy fighting took place in the Donbas on Tuesday, the army said.")
        assert (ev.location, ev.geo_precision, ev.event_date) == ("Donets Basin", 3, TUE)


class TestProbeTwelve:
    def test_a_single_victim_named_with_a_counts_one(self, code: Any) -> None:
        (ev,) = code(
            "A soldier was killed and nine people were injured when a car packed with "
            "explosives blew up near a checkpoint in Kandahar on Tuesday, police said."
        )
        assert (ev.country_code, ev.fatalities, ev.injured, ev.event_date) == ("AF", 1, 9, TUE)

    def test_a_site_struck_by_no_named_weapon_is_a_strike(self, code: Any) -> None:
        (ev,) = code(
            "In the Volyn region, power was cut after an energy facility was struck on "
            "Tuesday, the governor said."
        )
        assert (ev.event_type, ev.geo_precision, ev.event_date) == (
            "Explosions/Remote violence",
            3,
            TUE,
        )

    def test_a_deal_struck_is_no_strike(self, code: Any) -> None:
        assert code("Negotiators struck a deal at the port of Izmail on Tuesday.") == []

    def test_a_post_near_the_town_of_x_is_near_x(self, code: Any) -> None:
        (ev,) = code(
            "Militants killed nine soldiers in an attack on an army post near the town of "
            "Menaka on Tuesday, the army said."
        )
        assert (ev.location, ev.geo_precision, ev.fatalities) == ("Ménaka", 2, 9)

    def test_a_toll_told_for_two_towns_is_divided_between_them(self, code: Any) -> None:
        """ACLED's rule: evenly, the remainder to the first place; no toll is counted twice."""
        events = code(
            "Protesters clashed with police in Conakry and Kankan on Tuesday, leaving seven "
            "people dead, the government said."
        )
        assert sorted((e.country_code, e.fatalities) for e in events) == [("GN", 3), ("GN", 4)]

    def test_a_rally_hit_by_explosions_is_their_target(self, code: Any) -> None:
        """The gathering is what was hit: one attack there, no peaceful protest with a toll."""
        (ev,) = code(
            "On Tuesday, two explosions hit a rally held by the opposition in the centre of "
            "Kisumu, killing at least six people."
        )
        assert (ev.location, ev.event_type, ev.fatalities) == (
            "Kisumu",
            "Explosions/Remote violence",
            6,
        )


class TestMeetings:
    def test_ministers_meeting_is_diplomacy(self, code: Any) -> None:
        (ev,) = code("The foreign ministers met in Astana on Tuesday to discuss the truce.")
        assert (ev.event_type, ev.event_date) == ("Diplomacy", TUE)

    def test_a_meeting_of_no_parties_is_none(self, code: Any) -> None:
        assert code("The club's fans held a meeting in Leeds on Tuesday.") == []

    def test_a_riot_after_a_meeting_takes_its_place(self, code: Any) -> None:
        """The meeting names no party: its place is the riot's."""
        events = code(
            "On Tuesday, two army officers were attacked by dozens of protesters, who threw "
            "stones at them, after they had a meeting in Safed."
        )
        assert [(e.event_type, e.country_code) for e in events] == [("Riots", "IL")]

    def test_settlers_burning_cars_are_a_mob(self, code: Any) -> None:
        (ev,) = code(
            "On Tuesday night, settlers set fire to cars in the village of Burin, residents said."
        )
        assert (ev.event_type, ev.sub_event_type, ev.event_date) == ("Riots", "Mob violence", TUE)

    def test_the_bodys_told_day_dates_the_headlines_event(self, code: Any) -> None:
        """The headline is dated by publication; the body tells the day."""
        events = code(
            "Clashes in Misrata leave nine dead\n\nAt least nine people were killed in clashes "
            "between rival armed groups in Misrata on Tuesday night, the ministry said."
        )
        assert [(e.event_type, e.fatalities, e.event_date) for e in events] == [("Battles", 9, TUE)]


class TestWhatHits:
    def test_aircraft_that_hit_a_site_struck_it(self, code: Any) -> None:
        (ev,) = code("Government jets hit a fuel depot in Gao on Tuesday, wounding two guards.")
        assert (ev.location, ev.sub_event_type, ev.event_date) == ("Gao", "Air/drone strike", TUE)

    def test_a_plane_that_crashed_struck_nothing(self, code: Any) -> None:
        assert not code(
            "A cargo plane hit a hillside near Gao on Tuesday after an engine failure, the "
            "airline said."
        )

    def test_tanks_set_on_fire_are_no_tank_fire(self, code: Any) -> None:
        events = code(
            "A drone hit an oil depot in Belgorod on Tuesday, setting two storage tanks on fire."
        )
        assert [(e.location, e.sub_event_type) for e in events] == [
            ("Belgorod", "Air/drone strike")
        ]

    def test_armed_villagers_who_attack_are_no_mob(self, code: Any) -> None:
        (ev,) = code(
            "Armed villagers attacked a market in Damaturu on Tuesday, killing three traders."
        )
        assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")

    def test_villagers_who_attack_unarmed_are_a_mob(self, code: Any) -> None:
        (ev,) = code("Villagers attacked a market in Damaturu on Tuesday, killing three traders.")
        assert (ev.event_type, ev.sub_event_type) == ("Riots", "Mob violence")

    def test_fishermen_attacked_are_civilians(self, code: Any) -> None:
        (ev,) = code("Gunmen attacked herders near Kadugli on Tuesday, killing two.")
        assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")


class TestClausesAndBackground:
    def test_a_negation_after_a_semicolon_is_another_statement(self, code: Any) -> None:
        (ev,) = code(
            "On Tuesday, a car packed with explosives blew up outside a hotel in Gao, "
            "killing a guard; the owner was not at home."
        )
        assert (ev.location, ev.event_type, ev.event_date) == (
            "Gao",
            "Explosions/Remote violence",
            TUE,
        )

    def test_armed_groups_that_fought_clashed(self, code: Any) -> None:
        (ev,) = code(
            "Rival armed groups fought with machine guns in Zawiya on Tuesday, officials said."
        )
        assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")

    def test_a_bomb_told_by_its_toll(self, code: Any) -> None:
        (ev,) = code("A homemade bomb wounded three policemen in Gao on Monday.")
        assert (ev.location, ev.event_type, ev.event_date) == (
            "Gao",
            "Explosions/Remote violence",
            MON,
        )

    def test_the_reader_asked_to_take_a_town_is_no_capture(self, code: Any) -> None:
        events = code(
            "Take Gao, the largest town of the north, where traders reopened their stalls "
            "within hours after a homemade bomb wounded three policemen on Monday."
        )
        assert [(e.event_type, e.event_date) for e in events] == [
            ("Explosions/Remote violence", MON)
        ]

    def test_an_ambush_on_the_road_from_a_town(self, code: Any) -> None:
        (ev,) = code(
            "Gunmen ambushed a convoy of traders on Tuesday on the road from Paoua toward "
            "Bocaranga, killing two drivers."
        )
        assert (ev.location, ev.event_type, ev.event_date) == ("Paoua", "Battles", TUE)

    def test_a_duration_and_a_nouns_date_do_not_move_the_story(self, code: Any) -> None:
        events = code(
            "Traders said the border had been closed for most of the past month, and the "
            "town is still rebuilding after the March 2021 floods.\n\nHours later, jets "
            "struck a depot near Gao overnight into Thursday."
        )
        assert ("Gao", "Explosions/Remote violence", THU) in _where(events)

    def test_a_span_of_years_dates_a_past_campaign(self, code: Any) -> None:
        (ev,) = code("The rebels' 2012-2013 offensive on Gao left hundreds dead.")
        assert (ev.event_date, ev.time_precision) == (dt.date(2012, 1, 1), 3)

    def test_an_example_of_what_is_planned_was_done_before(self, code: Any) -> None:
        (ev,) = code(
            "The minister says militants use the hills to plan attacks such as the 2019 "
            "bombing of a market in Gao; the rebels deny this."
        )
        assert (ev.event_date, ev.time_precision, ev.status) == (
            dt.date(2019, 1, 1),
            3,
            "occurred",
        )

    def test_the_night_of_one_day_to_the_next(self, code: Any) -> None:
        (ev,) = code(
            "Armed men attacked a camp for displaced people in Kaga-Bandoro on the night of "
            "Sunday to Monday, killing three residents."
        )
        assert ev.event_date == MON

    def test_a_dateline_is_no_scene_when_the_sentence_names_an_unknown_place(
        self, code: Any
    ) -> None:
        events = code(
            "GAO (Probe Wire) — Soldiers and rebels traded mortar fire at the Tessit "
            "checkpoint on Tuesday, killing three people."
        )
        assert all(e.location != "Gao" for e in events)


class TestWireSites:
    def test_air_defences_that_destroyed_drones_struck_nothing(self, code: Any) -> None:
        assert not code(
            "Air defences destroyed 22 drones approaching Gao on Tuesday, the mayor said; no "
            "damage was reported."
        )

    def test_a_town_with_a_glued_arabic_article(self, code: Any) -> None:
        (ev,) = code(
            "Jets struck a former air-defence base near al-Kiswah, south of Damascus, on "
            "Tuesday, setting off secondary explosions."
        )
        assert (ev.location, ev.event_date) == ("Al Kiswah", TUE)

    def test_the_dateline_town_beats_its_own_country(self, code: Any) -> None:
        (ev,) = code(
            "YEREVAN, Armenia (Probe Wire) — Protesters hurled stones at riot police outside "
            "Armenia's parliament on Tuesday, and officers answered with tear gas."
        )
        assert (ev.location, ev.geo_precision) == ("Yerevan", 1)

    def test_a_subject_after_a_fronted_place_is_no_apposition(self, code: Any) -> None:
        (ev,) = code("In Kherson, a Russian drone dropped an explosive on a cyclist on Tuesday.")
        assert (ev.location, ev.country_code) == ("Kherson", "UA")

    def test_aerial_bombs_are_an_air_strike(self, code: Any) -> None:
        (ev,) = code("Guided aerial bombs struck Kupiansk on Tuesday, killing two people.")
        assert (ev.sub_event_type, ev.event_date) == ("Air/drone strike", TUE)


class TestCrowdsAndExchanges:
    def test_troops_that_exchanged_fire_clashed(self, code: Any) -> None:
        (ev,) = code("Border troops exchanged fire near the village of Sotk on Tuesday.")
        assert (ev.location, ev.event_type, ev.event_date) == ("Sotk", "Battles", TUE)

    def test_every_shot_fired_is_no_event(self, code: Any) -> None:
        assert not code(
            '"Every shot fired on the border reminds people that nothing is settled," said '
            "an analyst in Gao."
        )

    def test_clashes_told_by_the_protesters_acts_are_a_riot(self, code: Any) -> None:
        (ev,) = code(
            "The clashes were fiercest in Bamako on Tuesday night, when protesters threw "
            "stones at police lines and set tyres on fire."
        )
        assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")

    def test_students_who_occupy_a_building_protest(self, code: Any) -> None:
        (ev,) = code(
            "In Kisumu, students have occupied the rector's building since Sunday, holding "
            "lectures on the stairs."
        )
        assert (ev.location, ev.event_type) == ("Kisumu", "Protests")

    def test_workers_who_rallied_demanding_pay_protested(self, code: Any) -> None:
        (ev,) = code(
            "In Kisumu, several hundred nurses rallied outside the county offices on Tuesday, "
            "demanding unpaid wages."
        )
        assert (ev.location, ev.event_type, ev.event_date) == ("Kisumu", "Protests", TUE)

    def test_people_who_gathered_to_demand_protested(self, code: Any) -> None:
        (ev,) = code(
            "Several hundred people gathered in the main square of as-Suwayda on Tuesday to "
            "demand the release of detainees."
        )
        assert (ev.location, ev.event_type) == ("As-Suwayda", "Protests")

    def test_stocks_that_rallied_are_no_protest(self, code: Any) -> None:
        assert not code("Stocks rallied in Nairobi on Tuesday as coffee prices rose.")

    def test_the_capital_is_the_one_the_article_names(self, code: Any) -> None:
        events = code(
            "BAMAKO, Mali (Probe Wire) — Gunmen attacked an army post near Gao on Monday, "
            "killing four soldiers.\n\nIn the capital, police detained 11 opposition members "
            "on Tuesday as they prepared a news conference."
        )
        assert ("Bamako", "Strategic developments", TUE) in _where(events)


class TestHeadlineReports:
    def test_shelling_from_a_bank_that_damaged_houses_in_a_town(self, code: Any) -> None:
        events = code("Russian shelling from the left bank damaged houses in Kachkarivka")
        assert [e.location.casefold() for e in events] == ["kachkarivka"]

    def test_fire_from_positions_near_a_town_comes_from_there(self, code: Any) -> None:
        events = code("Drones launched from positions near Belgorod struck Kharkiv on Tuesday.")
        assert [e.location for e in events] == ["Kharkiv"]

    def test_artillery_duels_are_shelling(self, code: Any) -> None:
        (ev,) = code("Artillery duels around Kupiansk since early morning")
        assert (ev.location, ev.sub_event_type) == (
            "Kupyansk",
            "Shelling/artillery/missile attack",
        )

    def test_missiles_fired_from_bombers_near_a_town_come_from_there(self, code: Any) -> None:
        events = code(
            "Missiles struck Dnipro on Tuesday. The air force said they were fired from "
            "strategic bombers flying near Engels, deep inside Russia."
        )
        assert all(e.location != "Engels" for e in events)

    def test_an_olive_press_set_on_fire_is_no_press_conference(self, code: Any) -> None:
        (ev,) = code(
            "Settlers set fire to homes and an olive press in the village of Burin on "
            "Tuesday night, wounding two residents."
        )
        assert (ev.location.casefold(), ev.event_date) == ("burin", TUE)

    def test_captured_soldiers_are_no_captured_town(self, code: Any) -> None:
        events = code(
            "Prosecutors opened an inquiry into the killing of two captured soldiers near "
            "Kupiansk earlier this month."
        )
        assert all(e.event_type != "Battles" for e in events)
