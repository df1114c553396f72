"""Events in long news beyond the seeds: new triggers, armed groups, places, past dates, dedup.

Every sentence here is made up; the real English model and the real gazetteer code them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geomap.events import article_events
from geomap.events.dates import find_date_phrases
from geomap.events.inventory import armed_group_in
from geomap.gazetteer.build import without_arabic_article
from geomap.settings import Settings
from geomap.types import Article, Event

PUB = dt.date(2023, 9, 15)  # a Friday


@pytest.fixture(scope="module")
def code(settings: Settings, gazetteer: Any) -> Any:
    from geomap.geocode import geocode_mentions
    from geomap.places import load_model, parse_articles

    nlp = load_model(settings.model)

    def run(
        text: str, published: dt.date | None = PUB, skip_spans: tuple[tuple[int, int], ...] = ()
    ) -> list[Event]:
        art = Article(id="t", text=text, published=published, skip_spans=skip_spans)
        parsed = parse_articles([art], settings=settings, nlp=nlp, gazetteer=gazetteer)
        resolved = geocode_mentions(parsed, gazetteer, settings=settings)
        return article_events(parsed[0], resolved)

    return run


def _one(events: list[Event]) -> Event:
    assert len(events) == 1, [(e.event_type, e.location) for e in events]
    return events[0]


class TestInventory:
    def test_group_names(self) -> None:
        assert armed_group_in("Militants of al-Shabaab stormed a hotel") == "Al-Shabaab"
        assert armed_group_in("a Hezbollah commander") == "Hezbollah"
        assert armed_group_in("Houthi-run television said") == "Houthis (Ansar Allah)"
        assert armed_group_in("the Islamic State group's claim") == "Islamic State (ISIS)"
        assert armed_group_in("Taliban officials") == "Taliban"

    def test_no_group(self) -> None:
        assert armed_group_in("The hamster escaped") == ""
        assert armed_group_in("this group of hikers") == ""


class TestArabicArticle:
    def test_stripped(self) -> None:
        assert without_arabic_article(["Al-Mukalla", "El Arish", "Mukalla", "Al Ain"]) == [
            "Mukalla",
            "Arish",
        ]


class TestPastDates:
    def test_years_ago(self) -> None:
        (p,) = find_date_phrases("seven years ago", PUB)
        assert (p.kind, p.date, p.precision) == ("background", dt.date(2016, 1, 1), 3)
        (p,) = find_date_phrases("a decade ago", PUB)
        assert (p.kind, p.date) == ("background", dt.date(2013, 1, 1))
        (p,) = find_date_phrases("two decades ago", PUB)
        assert p.date == dt.date(2003, 1, 1)

    def test_last_year(self) -> None:
        (p,) = find_date_phrases("Last year, rebels", PUB)
        assert (p.kind, p.date, p.precision) == ("background", dt.date(2022, 1, 1), 3)
        (p,) = find_date_phrases("last year's bombing", PUB)
        assert p.date == dt.date(2022, 1, 1)
        (p,) = find_date_phrases("over the last year", PUB)  # a span, not a date
        assert p.kind == "durative"

    def test_explicit_old_day_keeps_its_day(self) -> None:
        (p,) = find_date_phrases("on 3rd March, 2015", PUB)
        assert (p.kind, p.date, p.precision) == ("background", dt.date(2015, 3, 3), 1)

    def test_bare_year(self) -> None:
        (p,) = find_date_phrases("In 2011, rebels", PUB)
        assert (p.kind, p.date, p.precision) == ("background", dt.date(2011, 1, 1), 3)


@pytest.mark.model
class TestShootings:
    def test_gunmen_opened_fire(self, code: Any) -> None:
        ev = _one(
            code(
                "Gunmen opened fire on worshippers at a church in the Nigerian city of Kaduna "
                "on Sunday, killing five people."
            )
        )
        assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
        assert (ev.location, ev.country_code, ev.geo_precision) == ("Kaduna", "NG", 1)
        assert ev.event_date == dt.date(2023, 9, 10)
        assert ev.fatalities == 5
        assert ev.civilian_targeting

    def test_shot_dead_passive(self, code: Any) -> None:
        ev = _one(code("Two police officers were shot dead in Peshawar on Wednesday."))
        assert (ev.event_type, ev.location, ev.country_code) == (
            "Violence against civilians",
            "Peshawar",
            "PK",
        )
        assert ev.event_date == dt.date(2023, 9, 13)

    def test_shooting_noun(self, code: Any) -> None:
        ev = _one(code("Police said three people were killed in a shooting in Marseille."))
        assert (ev.sub_event_type, ev.location, ev.fatalities) == ("Attack", "Marseille", 3)


@pytest.mark.model
class TestStrikesAndClashes:
    def test_jets_struck(self, code: Any) -> None:
        ev = _one(code("Fighter jets struck targets near Idlib on Tuesday, killing three."))
        assert (ev.event_type, ev.sub_event_type) == (
            "Explosions/Remote violence",
            "Air/drone strike",
        )
        assert (ev.location, ev.geo_precision) == ("Idlib", 2)
        assert ev.event_date == dt.date(2023, 9, 12)

    def test_ambush_by_armed_group(self, code: Any) -> None:
        ev = _one(
            code("Al-Shabaab fighters ambushed a convoy near Kismayo on Thursday, killing seven.")
        )
        assert (ev.event_type, ev.location, ev.actor1) == ("Battles", "Kismayo", "Al-Shabaab")

    def test_claim_of_responsibility(self, code: Any) -> None:
        ev = _one(
            code(
                "The Islamic State group claimed responsibility for an attack on a market in "
                "the Iraqi city of Kirkuk on Wednesday that killed four civilians."
            )
        )
        assert (ev.event_type, ev.location) == ("Violence against civilians", "Kirkuk")
        assert ev.actor1 == "Islamic State (ISIS)"
        assert ev.event_date == dt.date(2023, 9, 13)


@pytest.mark.model
class TestPlaces:
    def test_city_of_x_beats_the_country(self, code: Any) -> None:
        ev = _one(
            code(
                "Residents in the northern Italian city of Turin staged a protest on Saturday "
                "over rising rents.",
                dt.date(2023, 9, 16),
            )
        )
        assert (ev.event_type, ev.location, ev.geo_precision) == ("Protests", "Turin", 1)

    def test_launch_site_is_no_event_place(self, code: Any) -> None:
        events = code(
            "Investigators said the missile was fired from a base near the city of Mersin."
        )
        assert [e.location for e in events] == []

    def test_footage_from_a_place_shows_that_place(self, code: Any) -> None:
        # "from" under a recording is where it was filmed, not a launch site
        ev = _one(code("Video from Lysychansk shows the aftermath of shelling."))
        assert (ev.event_type, ev.location) == ("Explosions/Remote violence", "Lysychansk")
        events = code("The drone was launched from a field near Belgorod.")
        assert [e.location for e in events] == []

    def test_statement_place_is_no_event_place(self, code: Any) -> None:
        events = code(
            "A car bomb killed six people in Mogadishu on Monday. The government condemned "
            "the bombing in a statement issued in Nairobi."
        )
        assert [e.location for e in events] == ["Mogadishu"]


@pytest.mark.model
class TestTimeAndDedup:
    def test_past_event_keeps_its_year(self, code: Any) -> None:
        ev = _one(code("In 2011, rebels captured the city of Misrata after weeks of fighting."))
        assert ev.event_type == "Battles"
        assert (ev.event_date, ev.time_precision) == (dt.date(2011, 1, 1), 3)

    def test_one_strike_told_twice(self, code: Any) -> None:
        events = code(
            "A drone strike hit a fuel depot in Benghazi on Thursday, officials said.\n\n"
            "The mayor said the drone strike on Benghazi killed two workers."
        )
        ev = _one(events)
        assert (ev.location, ev.event_date, ev.fatalities) == ("Benghazi", dt.date(2023, 9, 14), 2)


@pytest.mark.model
class TestMoreNews:
    def test_a_strike_told_by_its_toll_needs_no_antecedent(self, code: Any) -> None:
        text = (
            "Schools in Sumy reopened on Monday after the winter holidays. Teachers said "
            "most pupils had returned, and the buses ran on time for the first time in "
            "weeks. Parents welcomed the news. The mayor thanked the volunteers who had "
            "repaired the classrooms over the summer and promised new heating systems "
            "before the cold weather comes back.\n\n"
            "Last year, a Russian strike on a bus station in Konotop killed 14 people."
        )
        assert len(text) > 400  # a long article: no sentence is read as a headline
        ev = _one(code(text))
        assert (ev.event_type, ev.location, ev.fatalities, ev.event_date) == (
            "Explosions/Remote violence",
            "Konotop",
            14,
            dt.date(2022, 1, 1),
        )

    def test_vehicle_bombs(self, code: Any) -> None:
        ev = _one(code("A truck bomb exploded near a checkpoint in Baidoa on Monday, killing 7."))
        assert (ev.sub_event_type, ev.weapons, ev.fatalities) == (
            "Remote explosive/landmine/IED",
            "truck bomb",
            7,
        )

    def test_sabotage_blast(self, code: Any) -> None:
        ev = _one(code("Saboteurs blew up a freight train near Kursk on Tuesday."))
        assert (ev.event_type, ev.sub_event_type, ev.location) == (
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
            "Kursk",
        )
        assert ev.event_date == dt.date(2023, 9, 12)

    @pytest.mark.parametrize(
        "text",
        [
            "Riot police dispersed a rally in Batumi with tear gas on Sunday.",
            "A rally in Batumi was dispersed by riot police on Sunday.",
            "Anti-government rally in Batumi dispersed by riot police with water cannon",
        ],
    )
    def test_protest_broken_up(self, code: Any, text: str) -> None:
        ev = _one(code(text))
        assert (ev.event_type, ev.sub_event_type, ev.location) == (
            "Protests",
            "Protest with intervention",
            "Batumi",
        )

    def test_shooting_at_soldiers_is_a_clash(self, code: Any) -> None:
        ev = _one(
            code(
                "Gunmen opened fire on an army checkpoint near Maiduguri on Thursday, "
                "wounding three soldiers."
            )
        )
        assert (ev.event_type, ev.sub_event_type, ev.location, ev.injured) == (
            "Battles",
            "Armed clash",
            "Maiduguri",
            3,
        )
        assert not ev.civilian_targeting

    def test_an_armed_group_takes_a_town(self, code: Any) -> None:
        ev = _one(code("Al-Shabaab fighters captured the town of Baidoa on Tuesday."))
        assert (ev.event_type, ev.sub_event_type, ev.actor1, ev.location) == (
            "Battles",
            "Non-state actor overtakes territory",
            "Al-Shabaab",
            "Baidoa",
        )

    def test_bare_congo_is_dr_congo_unless_the_article_says_otherwise(
        self, settings: Settings, gazetteer: Any
    ) -> None:
        from geomap.geocode import geocode_mentions
        from geomap.places import parse_articles

        def congo(text: str) -> str:
            art = Article(id="c", text=text, published=PUB)
            parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
            rs = geocode_mentions(parsed, gazetteer, settings=settings)
            found = [r for r in rs if r.mention.text == "Congo" and r.entry is not None]
            assert found, [r.mention.text for r in rs]
            return found[0].entry.country_code

        assert congo("Floods displaced thousands in eastern Congo this week.") == "CD"
        assert congo("Floods in Pointe-Noire and Dolisie displaced thousands in Congo.") == "CG"

    def test_a_later_claim_names_the_actor(self, code: Any) -> None:
        ev = _one(
            code(
                "A car bomb exploded outside a police station in Baidoa on Monday, killing "
                "six people, officials said.\n\nAl-Shabaab later claimed responsibility for "
                "the attack in a statement."
            )
        )
        assert (ev.location, ev.fatalities, ev.actor1) == ("Baidoa", 6, "Al-Shabaab")

    def test_dispersing_onlookers_is_no_protest(self, code: Any) -> None:
        assert code("Police dispersed the crowd of fans outside the stadium in Batumi.") == []

    def test_descriptor_place_is_dropped(self, code: Any) -> None:
        ev = _one(
            code("Airstrikes killed 12 people in the northern Syrian city of Idlib on Monday.")
        )
        assert (ev.location, ev.country_code, ev.fatalities) == ("Idlib", "SY", 12)

    def test_group_beats_its_host_state(self, code: Any) -> None:
        ev = _one(
            code("Yemen's Houthis fired a missile at a ship near Aden on Sunday, killing two.")
        )
        assert ev.actor1 == "Houthis (Ansar Allah)"

    def test_vague_quantity_allows_country_level(self, code: Any) -> None:
        ev = _one(code("Hezbollah fired dozens of rockets at northern Israel on Wednesday."))
        assert (ev.location, ev.geo_precision, ev.actor1) == ("Israel", 3, "Hezbollah")
        assert ev.event_date == dt.date(2023, 9, 13)

    def test_headline_sums_up_the_body(self, code: Any) -> None:
        events = code(
            "Gunmen kill four in northern Nigeria\n\n"
            "Gunmen killed four farmers in the city of Zaria on Tuesday, police said."
        )
        ev = _one(events)
        assert (ev.location, ev.event_date, ev.fatalities) == ("Zaria", dt.date(2023, 9, 12), 4)

    def test_a_headline_event_near_a_town_sums_up_the_body_village(self, code: Any) -> None:
        # the headline places its event near the city; the body names the village 40 km
        # away: one event, at the village
        events = code(
            "Rockets kill six in farming village near Mykolaiv\n\n"
            "Rockets hit the village of Stepove, 40 km north-west of Mykolaiv, on Tuesday, killing "
            "six people, officials said." + _FILLER
        )
        ev = _one(events)
        assert (ev.location, ev.event_date, ev.fatalities) == ("Stepove", dt.date(2023, 9, 12), 6)

    def test_claim_told_as_a_verb(self, code: Any) -> None:
        ev = _one(
            code(
                "The group said its fighters had attacked a village near Kaduna on Friday, "
                "killing nine residents."
            )
        )
        assert (ev.event_type, ev.location, ev.geo_precision) == (
            "Violence against civilians",
            "Kaduna",
            2,
        )
        assert (ev.event_date, ev.fatalities, ev.civilian_targeting) == (PUB, 9, True)

    def test_infinitive_is_no_event(self, code: Any) -> None:
        assert code("Officials said the port had been used to attack ships near Aden.") == []

    def test_outskirts_is_near(self, code: Any) -> None:
        ev = _one(
            code("A roadside bomb exploded on the outskirts of Kandahar on Monday, killing three.")
        )
        assert (ev.location[:6], ev.country_code, ev.geo_precision) == ("Kandah", "AF", 2)

    def test_film_shooting_is_no_event(self, code: Any) -> None:
        assert code("The crew finished shooting the film in Casablanca on Monday.") == []

    def test_year_only_past_event_takes_the_articles_day(self, code: Any) -> None:
        events = code(
            "Families gathered on Friday, ten years since the bombing of a market in Kabul "
            "killed 40 people.\n\nThe market was bombed on 5th June, 2013, police said then."
        )
        dated = [(e.location, e.event_date, e.time_precision) for e in events]
        assert ("Kabul", dt.date(2013, 6, 5), 1) in dated
        assert all(e.event_date is not None and e.event_date.year == 2013 for e in events)


@pytest.mark.model
class TestWireNewsHygiene:
    """What a long wire story says around an event: its later place, quotes, reactions,
    nationalities, generic statements and figures of speech."""

    def test_a_later_sentence_places_an_event_told_without_a_place(self, code: Any) -> None:
        events = code(
            "A gunman fatally shot a senior police officer on Tuesday in front of a crowd. "
            "The attack in Lutsk was the first of its kind in the city, officials said."
        )
        e = _one(events)
        assert (e.event_type, e.location, e.fatalities) == (
            "Violence against civilians",
            "Lutsk",
            1,
        )
        assert e.event_date == dt.date(2023, 9, 12)

    def test_quoted_words_name_no_place(self, code: Any) -> None:
        events = code(
            "A gunman shot two guards at a checkpoint in Lutsk, shouting “Remember Poltava!”"
        )
        assert [e.location for e in events] == ["Lutsk"]

    def test_a_reaction_is_not_where_the_event_was(self, code: Any) -> None:
        assert code("On a visit to Lutsk, the president condemned the bombing.") == []

    def test_a_victims_nationality_is_not_the_place(self, code: Any) -> None:
        events = code("A Canadian national was fatally stabbed at a house in Lutsk on Monday.")
        assert [(e.location, e.fatalities) for e in events] == [("Lutsk", 1)]

    @pytest.mark.parametrize(
        "text",
        [
            "Protests in Belarus are very rare.",
            "The town council meeting will take place in Lutsk.",
            "The council meeting took place in the town of Lutsk on Monday.",
            "Firefighters battled the blaze in Lutsk for hours.",
            "Farmers near Lutsk have fought the dam project in court for years.",
            "Linda Battle of Lutsk said she was proud of her students.",
            "He admitted to having plotted to attack a police station in Lutsk.",
            "The explosion came after weeks of tension in Lutsk.",
        ],
    )
    def test_no_event(self, code: Any, text: str) -> None:
        violent = {
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Protests",
        }
        assert [(e.event_type, e.location) for e in code(text) if e.event_type in violent] == []

    def test_knife_attack(self, code: Any) -> None:
        e = _one(code("Three people were injured in a knife attack in Lutsk on Monday."))
        assert (e.event_type, e.weapons, e.location, e.injured) == (
            "Violence against civilians",
            "knife",
            "Lutsk",
            3,
        )

    def test_a_dateline_city_is_no_actor(self, code: Any) -> None:
        text = (
            "BEIRUT, Sept 14 (Reuters) - Sudan's paramilitary Rapid Support Forces shelled "
            "a market in Omdurman on Thursday, killing 11 civilians, medics said."
        )
        e = _one(code(text))
        assert (e.event_type, e.location, e.fatalities) == (
            "Explosions/Remote violence",
            "Omdurman",
            11,
        )
        assert e.actor1 == "Rapid Support Forces"  # not Lebanon, where the story was filed
        # without an inventory group the state behind the force is the actor, still not
        # the dateline's country
        e = _one(
            code(
                "CAIRO, Sept 14 (AP) — Sudanese army jets bombed a fuel depot in Nyala on "
                "Thursday, witnesses said."
            )
        )
        assert (e.location, e.actor1) == ("Nyala", "Sudan")  # and no event in Cairo
        # a dateline is the event's place when the sentence names no other
        e = _one(
            code(
                "LUTSK (Reuters) - Russian drones hit an apartment block overnight, "
                "killing two people, the mayor said."
            )
        )
        assert (e.location, e.fatalities, e.actor1) == ("Lutsk", 2, "Russia")


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("NAIROBI, June 2 (AP) — Sudan's army", 23),
        ("KHARKIV (Reuters) - Russian", 20),
        ("WASHINGTON — The", 13),
        ("NEW YORK, Jan. 5 (Reuters) - x", 29),
        ("US - Russia talks", 0),
        ("Sudan's RSF - shelled", 0),
        ("UN — x", 0),
    ],
)
def test_dateline_end(text: str, end: int) -> None:
    from geomap.events.location import dateline_end

    assert dateline_end(text, 0, len(text)) == end


TUE, WED, THU = dt.date(2023, 9, 12), dt.date(2023, 9, 13), dt.date(2023, 9, 14)


@pytest.mark.model
class TestEventDates:
    """Which date an event gets (mutation survivors of the coder's _date and its helpers)."""

    @pytest.mark.parametrize(
        ("text", "precision"),
        [
            ("Rebel artillery has shelled Aleppo, killing four people.", 2),
            ("Rebel artillery has been shelling Aleppo, killing four people.", 3),
            ("Rebel artillery has just shelled Aleppo, killing four people.", 1),
            ("Rebel artillery is shelling Aleppo, killing four people.", 1),
            ("Rebel artillery shelled Aleppo, killing four people.", 1),
        ],
    )
    def test_undated_event_precision_follows_the_tense(
        self, code: Any, text: str, precision: int
    ) -> None:
        ev = _one(code(text))
        assert (ev.event_date, ev.time_precision, ev.status) == (PUB, precision, "occurred")

    @pytest.mark.parametrize(
        ("text", "date"),
        [
            # the sentence before, in the same paragraph, dates an undated event
            (("On Tuesday, the mayor spoke to reporters. Rebel artillery shelled Aleppo, "
             "killing four people."), TUE),
            (("On Tuesday, the mayor spoke to reporters. Rebel artillery shelled Aleppo "
             "killing four people"), TUE),
            # not across a paragraph, nor from a later sentence
            (("On Tuesday, the mayor spoke to reporters.\n\nRebel artillery shelled Aleppo, "
             "killing four people."), PUB),
            (("The mayor spoke to reporters. Rebel artillery shelled Aleppo, killing four people. "
             "Markets reopened on Tuesday."), PUB),
            (("Rebel artillery shelled Aleppo, killing four people. Markets reopened on "
             "Tuesday."), PUB),
        ],
    )  # fmt: skip
    def test_date_of_the_sentence_before(self, code: Any, text: str, date: dt.date) -> None:
        assert _one(code(text)).event_date == date

    def test_a_span_in_the_sentence_before_is_no_date(self, code: Any) -> None:
        text = (
            "The road has been closed since Monday. Rebel artillery shelled Aleppo, "
            "killing four people."
        )
        ev = _one(code(text))
        assert (ev.event_date, ev.time_precision) == (PUB, 1)

    def test_skipped_sentence_passes_on_no_date(self, code: Any) -> None:
        text = "Accept cookies on Monday. Rebel artillery shelled Aleppo, killing four people."
        assert _one(code(text, skip_spans=((0, 25),))).event_date == PUB

    @pytest.mark.parametrize(
        ("text", "date"),
        [
            # a date in a relative clause is another clause's; the next one is tried
            (("Rebel artillery that arrived last week shelled Aleppo on Tuesday, killing four "
             "people."), TUE),
            # the date closest in the tree wins over the one closest in the text
            (("The mayor said on Monday that rebel artillery shelled the old quarter of Aleppo "
             "and its northern suburbs on Tuesday, killing four."), TUE),
            # equally close in the tree: the one closest in the text (not the first)
            (("On Tuesday, Aleppo was shelled by rebel artillery on Wednesday, killing four "
             "people."), WED),
            ("On Tuesday, rebel artillery shelled Aleppo on Wednesday, killing four people.", TUE),
            # "a day after" the event: a day before the sentence's date
            (("On Thursday, a day after rebel artillery shelled Aleppo, the mayor visited the "
             "wounded."), WED),
            ("Rebel artillery shelled Aleppo in 2011, killing four people.", dt.date(2011, 1, 1)),
        ],
    )  # fmt: skip
    def test_date_phrase_of_the_event(self, code: Any, text: str, date: dt.date) -> None:
        assert _one(code(text)).event_date == date

    def test_a_past_year_is_an_explicit_date(self, code: Any) -> None:
        """A background date counts as stated (confidence), like a weekday."""
        dated = [
            _one(code(f"Rebel artillery shelled villages near Aleppo{when}, killing four people."))
            for when in (" in 2011", " on Tuesday", "")
        ]
        assert [e.confidence for e in dated] == [0.83, 0.83, 0.68]

    @pytest.mark.parametrize(
        ("text", "published", "date", "precision", "confidence"),
        [
            # a past of another clause dates the event when no point date is around
            (("Rebel artillery shelled villages near Aleppo, which rebels seized a decade ago, "
             "killing four people."), PUB, dt.date(2013, 1, 1), 3, 0.83),
            (("Rebel artillery shelled villages near Aleppo, which rebels seized a decade ago and "
             "lost last week, killing four people."), PUB, PUB, 1, 0.68),
            (("On Tuesday, the mayor spoke to reporters. Rebel artillery shelled villages near "
             "Aleppo, killing four people."), PUB, TUE, 1, 0.83),
            (("On Thursday, a day after rebel artillery shelled villages near Aleppo, the mayor "
             "visited the wounded."), PUB, WED, 1, 0.83),
            # no publication date: no date, none stated
            ("Rebel artillery shelled villages near Aleppo, killing four people.", None, None, 3,
             0.68),
            (("A day after the talks, rebel artillery shelled villages near Aleppo, killing four "
             "people."), None, None, 3, 0.68),
            (("Rebel artillery shelled villages near Aleppo, which rebels seized a decade ago, "
              "killing four people."), None, None, 3, 0.68),
        ],
    )  # fmt: skip
    def test_stated_dates_raise_confidence(
        self,
        code: Any,
        text: str,
        published: dt.date | None,
        date: dt.date | None,
        precision: int,
        confidence: float,
    ) -> None:
        ev = _one(code(text, published=published))
        assert (ev.event_date, ev.time_precision, ev.confidence, ev.status) == (
            date,
            precision,
            confidence,
            "occurred",
        )

    def test_planned_event_dated_forward_after_another_sentence(self, code: Any) -> None:
        ev = _one(code("Officials spoke on Monday. Delegations will meet in Geneva on Sunday."))
        assert (ev.event_date, ev.status) == (dt.date(2023, 9, 17), "planned")

    def test_planned_date_phrase_makes_a_planned_event(self, code: Any) -> None:
        ev = _one(code("Delegations hold talks in Geneva next week."))
        assert (ev.event_date, ev.time_precision, ev.status) == (
            dt.date(2023, 9, 22),
            2,
            "planned",
        )

    @pytest.mark.parametrize(
        ("text", "published"),
        [
            ("Rebel artillery has shelled Aleppo over the past five months, killing four people.",
             PUB),
            # a background phrase without a date to give
            ("Rebel artillery shelled Aleppo ten years ago, killing four people.", None),
        ],
    )  # fmt: skip
    def test_spans_and_undatable_pasts_are_no_event(
        self, code: Any, text: str, published: dt.date | None
    ) -> None:
        assert code(text, published=published) == []


@pytest.mark.model
class TestAggregatesAndWeapons:
    @pytest.mark.parametrize(
        "text",
        [
            "Drone strikes killed four people across the north of Aleppo province.",
            "Rebel artillery killed four people across the north of Aleppo province on Tuesday.",
            "Drone strikes across the north of Aleppo province left four people dead.",
        ],
    )
    def test_a_toll_across_an_area_is_no_event(self, code: Any, text: str) -> None:
        assert code(text) == []

    def test_what_the_strike_caused_across_an_area_leaves_one_event(self, code: Any) -> None:
        # "across the region" sums the outages the strike caused, not the strike
        text = "A drone hit a substation near Kovel overnight, water cuts across the region."
        ev = _one(code(text))
        assert (ev.event_type, ev.location) == ("Explosions/Remote violence", "Kovel")

    def test_what_a_strike_caused_elsewhere_is_no_place_of_it(self, code: Any) -> None:
        # "causing blackouts ... in Y": what followed, not where the missiles hit
        text = (
            "Missiles hit the power station at the Kaniv dam overnight, causing blackouts "
            "across two regions, including in Cherkasy."
        )
        assert [e.location for e in code(text)] == ["Kaniv"]

    def test_raids_across_a_city_are_one_event(self, code: Any) -> None:
        text = (
            "Police arrested 40 students in raids across Lahore overnight, a university "
            "union said. The union called a strike. Officials did not comment."
        )
        ev = _one(code(text))
        assert (ev.sub_event_type, ev.location) == ("Arrests", "Lahore")

    def test_a_district_of_a_city_named_by_its_possessive(self, code: Any) -> None:
        # "Y's X district": X is in Y, whatever the gazetteer's levels say
        text = (
            "Police detained nine men in Mogadishu's Hodan district on Sunday, officials "
            "said. The men were held overnight. Officials did not comment."
        )
        ev = _one(code(text))
        assert (ev.sub_event_type, ev.location) == ("Arrests", "Hodan")

    def test_throughout_a_time_is_no_aggregate(self, code: Any) -> None:
        ev = _one(code("Drone strikes killed four people throughout the night near Idlib."))
        assert (ev.location, ev.fatalities) == ("Idlib", 4)

    def test_across_elsewhere_in_the_sentence_is_no_aggregate(self, code: Any) -> None:
        text = (
            "Rebel artillery shelled Aleppo on Tuesday, killing four people, officials across "
            "the government said."
        )
        assert _one(code(text)).location == "Aleppo"

    @pytest.mark.parametrize(
        ("text", "weapons", "quantity"),
        [
            ("Two drone strikes hit Aleppo, killing four people.", "drone", 2),
            ("Rebel artillery shelled Aleppo, killing four people.", "artillery", None),
        ],
    )
    def test_weapon_count(self, code: Any, text: str, weapons: str, quantity: int | None) -> None:
        ev = _one(code(text))
        assert (ev.weapons, ev.quantity) == (weapons, quantity)


@pytest.mark.model
class TestCountryTargets:
    def test_demonym_of_the_targets_places_the_event(self, code: Any) -> None:
        text = "Rebel drones struck targets in two Syrian provinces, killing four people."
        ev = _one(code(text))
        assert (ev.location_level, ev.country_code, ev.event_type) == (
            "country",
            "SY",
            "Explosions/Remote violence",
        )

    def test_demonym_of_people_is_no_place(self, code: Any) -> None:
        assert code("Rebel drones fired on Syrian soldiers, killing four.") == []


@pytest.mark.model
class TestPluralSets:
    """Triggers naming several events ("both meetings", "two rounds of talks") code none."""

    @pytest.mark.parametrize(
        ("sentence", "locations"),
        [
            ("Two rounds of talks were held in Geneva.", []),
            ("A series of talks was held in Geneva.", []),
            ("A wave of talks was held in Geneva.", []),
            ("A round of talks was held in Geneva.", []),
            ("Two meetings were held in Geneva.", []),
            ("Both meetings were held in Geneva.", []),
            ("All meetings were held in Geneva.", []),
            ("Several meetings were held in Geneva.", []),
            ("Many meetings were held in Geneva.", []),
            ("Multiple meetings were held in Geneva.", []),
            ("Numerous meetings were held in Geneva.", []),
            ("One meeting of the envoys was held in Geneva.", ["Geneva"]),
            ("Talks were held in Geneva.", ["Geneva"]),
        ],
    )
    def test_plural_set(self, code: Any, sentence: str, locations: list[str]) -> None:
        text = "The mayor spoke to reporters on the phone. " + sentence  # not a headline
        assert [e.location for e in code(text)] == locations


def test_a_dateline_split_from_its_sentence_still_ends_there() -> None:
    """The parser may end a sentence after the dateline's place ("PARIS" | ", Jan 29 ...")."""
    from geomap.events.location import dateline_end

    text = "Headline\n\nPARIS, Jan 29 (Wire) - Hundreds of farmers drove tractors."
    start = text.index(", Jan")
    assert dateline_end(text, start, len(text)) == text.index("Hundreds")
    plain = text.index("Hundreds")
    assert dateline_end(text, plain, len(text)) == plain  # no dateline before it on its line


class TestRaidsAndRallies:
    def test_where_the_victims_were_is_where_they_were_killed(self, code: Any) -> None:
        # the place is in a relative clause on the victims, not on the killing
        text = (
            "Militants killed nine men who were herding goats in the hills near Palmyra in "
            "central Syria on Monday, a monitor said. The bodies were found later. Officials "
            "did not comment."
        )
        ev = _one(code(text))
        assert (ev.location, ev.fatalities, ev.geo_precision) == ("Tadmur", 9, 2)

    def test_a_peaceful_rally(self, code: Any) -> None:
        ev = _one(code("A rally in Mombasa passed off peacefully on Saturday. Few attended."))
        assert (ev.event_type, ev.location) == ("Protests", "Mombasa")

    def test_rocket_propelled_grenades_are_fighting(self, code: Any) -> None:
        text = "Gunmen fired rocket-propelled grenades at a police post in Bannu on Monday."
        ev = _one(code(text))
        assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
        assert "RPG" in ev.weapons

    def test_a_raid_on_positions_is_a_battle(self, code: Any) -> None:
        ev = _one(code("Special forces raided rebel positions near Kidal overnight."))
        assert (ev.event_type, ev.location, ev.geo_precision) == ("Battles", "Kidal", 2)

    def test_a_raid_that_arrests_is_arrests(self, code: Any) -> None:
        ev = _one(code("Police raided homes in Kano and arrested 12 people, officials said."))
        assert ev.sub_event_type == "Arrests"

    def test_a_district_holds_only_the_towns_near_it(self, code: Any) -> None:
        # a district and a town of its province 100 km away: two attacks, not one retold
        text = (
            "On Monday, a roadside bomb killed three soldiers in Khyber district, officials "
            "said. Hours later, a car bomb exploded in Bannu, killing two policemen."
        )
        assert sorted(e.location for e in code(text)) == ["Bannu", "Khyber Agency"]

    def test_a_town_overrun_is_taken(self, code: Any) -> None:
        text = "Rebels said on Monday they had overrun the army garrison in Kyauktaw."
        ev = _one(code(text))
        assert (ev.event_type, ev.location, ev.trigger) == (
            "Battles",
            "Kyauktaw",
            "territory: overrun",
        )


class TestPastWars:
    def test_a_role_in_a_massacre_someone_was_tried_for(self, code: Any) -> None:
        text = "A former soldier convicted for his role in a massacre in Srebrenica has died."
        assert code(text) == []

    def test_an_event_of_a_named_war_of_the_past(self, code: Any) -> None:
        text = "Villagers killed during the Second World War were reburied in Lviv on Sunday."
        assert code(text) == []

    def test_a_war_told_in_lower_case_is_todays(self, code: Any) -> None:
        text = "Russian strikes killed two civilians in Kharkiv during the war's third winter."
        assert [e.location for e in code(text)] == ["Kharkiv"]


class TestWireCopy:
    def test_a_month_is_no_march(self, code: Any) -> None:
        text = (
            "A teacher who fled to Homs in March said the town was calm. Shops were open. "
            "Officials did not comment."
        )
        assert code(text) == []

    def test_overnight_into_a_weekday_is_that_day(self, code: Any) -> None:
        # PUB is a Friday: overnight into Wednesday is Wednesday, not the publication day
        text = (
            "Militants attacked an army base in Marte overnight into Wednesday, two "
            "military sources said. Four soldiers were killed. Officials did not comment."
        )
        ev = _one(code(text))
        assert ev.event_date == dt.date(2023, 9, 13)

    @pytest.mark.parametrize("when", ["overnight on Wednesday", "overnight Wednesday"])
    def test_overnight_on_a_weekday_is_that_day(self, code: Any, when: str) -> None:
        # PUB is a Friday: "overnight" alone would be the publication day
        ev = _one(code(f"Drones struck a fuel depot in Kherson {when}, killing two guards."))
        assert ev.event_date == dt.date(2023, 9, 13)

    def test_a_state_named_with_its_noun_is_the_state(self, code: Any) -> None:
        # "In X state": the state, which holds the village the clash was near
        text = (
            "In neighbouring Katsina state, bandits killed nine vigilantes in a gunfight near "
            "Kankara on Monday, an official said. Officials did not comment further."
        )
        ev = _one(code(text))
        assert (ev.location, ev.fatalities) == ("Kankara", 9)

    def test_the_subject_the_parser_hung_on_the_dateline(self, code: Any) -> None:
        text = (
            "SKOPJE, North Macedonia (Wire) — Anti-government protesters clashed with riot "
            "police outside parliament in Skopje late on Monday, hurling stones. Officials "
            "did not comment."
        )
        assert _one(code(text)).event_type == "Riots"

    def test_a_blockade_with_a_disasters_toll(self, code: Any) -> None:
        # the dead of a collapse are no toll of the blockade, and a verb "collapsed" no veto
        text = (
            "In Skopje, students blocked a major intersection for three hours on Monday in "
            "memory of the 12 people killed when a roof collapsed at a market last year. "
            "Police did not intervene."
        )
        ev = _one(code(text))
        assert (ev.event_type, ev.fatalities) == ("Protests", None)

    def test_a_strike_told_within_a_raid_is_its_own_event_there(self, code: Any) -> None:
        text = (
            "Israeli forces killed five Palestinians during a raid on the Tulkarm refugee camp "
            "on Tuesday, including three men killed when a drone fired a missile at a group "
            "in an alley. The army did not comment. Officials did not comment."
        )
        types = sorted((e.event_type, e.location) for e in code(text))
        assert ("Explosions/Remote violence", "Ţūlkarm") in types
        assert len(types) == 2

    def test_a_hyphenated_town_is_no_model_designation(self, code: Any) -> None:
        text = (
            "YANGON, Myanmar (Wire) — Jets bombed a village near Ye-U in Myanmar's Sagaing "
            "region on Monday, killing nine people. Officials did not comment."
        )
        ev = _one(code(text))
        assert (ev.location, ev.geo_precision) == ("Ye-u", 2)

    def test_fighting_since_a_weekday_is_this_weeks(self, code: Any) -> None:
        # PUB is a Friday: "since Tuesday" dates the fighting to the week it began
        text = (
            "Rebels have been attacking army positions around Kyauktaw since Tuesday, the "
            "group said. Officials did not comment. Shops were shut."
        )
        ev = _one(code(text))
        assert (ev.event_date, ev.time_precision) == (dt.date(2023, 9, 12), 2)

    def test_strikes_residents_reported_are_no_riot(self, code: Any) -> None:
        text = (
            "Residents of Kyauktaw reported heavy artillery fire and air strikes on the "
            "surrounding villages on Thursday. Officials did not comment. Shops were shut."
        )
        assert all(e.event_type != "Riots" for e in code(text))
        assert code(text) != []


class TestKillingsAndMeans:
    def test_hacked_to_death_is_an_attack(self, code: Any) -> None:
        text = (
            "Militiamen hacked to death nine villagers near Djugu on Wednesday, officials "
            "said. Officials did not comment. Shops were shut."
        )
        ev = _one(code(text))
        assert (ev.event_type, ev.location) == ("Violence against civilians", "Djugu")

    @pytest.mark.parametrize(
        "text",
        [
            "A court in Minsk sentenced a man to death on Monday.",
            "Three people were crushed to death in a stampede in Lagos.",
        ],
    )
    def test_put_to_death_without_a_killer(self, code: Any, text: str) -> None:
        assert code(f"{text} Officials did not comment. Shops were shut.") == []

    def test_a_strike_made_with_the_means_used(self, code: Any) -> None:
        text = (
            "On Monday night, a task force used explosive-laden drones to strike a house in "
            "Croix-des-Bouquets, an official said. Officials did not comment. Shops were shut."
        )
        ev = _one(code(text))
        assert (ev.event_type, ev.location) == ("Explosions/Remote violence", "Croix-des-Bouquets")

    def test_a_march_beside_an_adjective_of_the_military(self, code: Any) -> None:
        text = (
            "In Butembo, hundreds of residents marched to the town hall on Thursday to demand "
            "the departure of local military commanders. Officials did not comment."
        )
        assert _one(code(text)).event_type == "Protests"

    def test_troops_marching_are_no_protest(self, code: Any) -> None:
        assert code("Troops marched through Butembo on Thursday to demand food.") == []


class TestWireCopyPlaces:
    def test_a_refinery_named_after_its_town(self, code: Any) -> None:
        # "the X oil refinery": the model reads an organisation, the town is the place
        text = (
            "MOSCOW, Russia (Wire) — Drones struck the Novokuibyshevsk oil refinery in "
            "Russia's Samara region early on Friday, the governor said. Firefighters worked "
            "for hours at the plant on the edge of Novokuibyshevsk."
        )
        ev = _one(code(text))
        assert (ev.location, ev.geo_precision) == ("Novokuybyshevsk", 2)

    def test_fighting_went_on_where_its_verb_says(self, code: Any) -> None:
        # "Fighting ... has raged in rural X": the gerund subject, the place on its verb;
        # a dateline in capitals with an accent is where the story was filed
        text = (
            "CÚCUTA, Colombia (Wire) — Fighting between two armed groups has raged since "
            "Wednesday in rural Tibú, near the border, officials in Colombia said on Friday. "
            "Families fled to Cúcuta, a city in Colombia."
        )
        ev = _one(code(text))
        assert (ev.location, ev.event_type) == ("Tibú", "Battles")


class TestWhoDidItToWhom:
    def test_forces_killing_militants_is_a_clash(self, code: Any) -> None:
        text = (
            "Security forces killed six militants in an operation near Turbat on Tuesday, the "
            "military said. Officials did not comment. Shops were shut."
        )
        ev = _one(code(text))
        assert (ev.event_type, ev.location, ev.fatalities) == ("Battles", "Turbat", 6)

    def test_armed_men_torching_houses_attack_civilians(self, code: Any) -> None:
        text = (
            "Armed men torched a dozen houses in a village near Imphal on Wednesday night, "
            "killing two elderly residents, police said. Officials did not comment."
        )
        ev = _one(code(text))
        assert ev.event_type == "Violence against civilians"

    def test_protesters_torching_a_station_riot(self, code: Any) -> None:
        text = "Protesters torched a police station in Nyeri on Tuesday. Officials did not comment."
        assert _one(code(text)).event_type == "Riots"

    def test_beheading_is_an_attack(self, code: Any) -> None:
        text = (
            "Insurgents beheaded four farmers near Mocimboa da Praia on Saturday, officials "
            "said. Officials did not comment. Shops were shut."
        )
        assert _one(code(text)).event_type == "Violence against civilians"


class TestStoryCountry:
    def test_arrests_of_a_told_day_with_no_place_are_the_storys_country(self, code: Any) -> None:
        text = (
            "Protesters rallied in Kisumu on Monday against new taxes. The announcement "
            "sparked further anger. Twelve people were arrested Tuesday for blocking a road."
        )
        arrests = [e for e in code(text) if e.sub_event_type == "Arrests"]
        assert [(e.location, e.geo_precision, e.event_date) for e in arrests] == [
            ("Kenya", 3, dt.date(2023, 9, 12))
        ]

    def test_arrests_with_no_day_wait_for_a_place(self, code: Any) -> None:
        text = (
            "Protesters rallied in Kisumu on Monday against new taxes. The announcement "
            "sparked further anger. Several people have been arrested for blocking roads."
        )
        assert all(e.sub_event_type != "Arrests" for e in code(text))

    def test_a_story_of_two_countries_has_no_country_for_placeless_arrests(self, code: Any) -> None:
        text = (
            "Protesters rallied in Kisumu on Monday and in Kampala on Tuesday. The protests "
            "went on. Twelve people were arrested Tuesday for blocking a road."
        )
        assert all(e.sub_event_type != "Arrests" for e in code(text))

    def test_god_is_no_town(self, code: Any) -> None:
        text = (
            "Rabbis told young men to serve God and refuse the draft in Bnei Brak on Monday, "
            "and protesters threw bottles at two generals. Police did not comment."
        )
        assert [e.location for e in code(text)] == ["Bnei Brak"]


def test_a_nations_assault_later_in_an_article(code: Any) -> None:
    # sentence-local and article token indices differ after the first sentence
    text = (
        "Officials spoke on Monday in Kyiv about the war. A Ukrainian assault near Robotyne "
        "was repelled on Thursday. Officials did not comment."
    )
    assert [(e.event_type, e.actor1) for e in code(text)] == [("Battles", "Ukraine")]


def test_a_raid_by_fighter_planes_is_an_air_strike_on_the_raids_day(code: Any) -> None:
    # "fighter" names the planes, no armed men; the clause the raid's relative clause
    # hangs on tells another event ("Friday's bombardment came after ...")
    text = (
        "Friday's bombardment came after a raid on Tuesday in which Saudi fighter planes "
        "struck a fuel depot in Marib. Officials did not comment. Shops were shut."
    )
    ev = _one(code(text))
    assert (ev.sub_event_type, ev.location, ev.event_date) == (
        "Air/drone strike",
        "Ma'rib",
        dt.date(2023, 9, 12),
    )


def test_over_the_past_day_is_the_day_of_the_report(code: Any) -> None:
    # not a span of several days (no single event): the day the report is of
    text = (
        "The governor said on Tuesday that Russian troops had shelled the village of "
        "Stanislav twice over the past day, wounding a woman. Officials did not comment. "
        "Shops were shut."
    )
    assert [e.event_date for e in code(text)] == [dt.date(2023, 9, 12)]


def test_a_meeting_missiles_struck_is_their_target(code: Any) -> None:
    # no talks: the gathering is what the strike hit, its place the strike's
    text = (
        "The army said on Wednesday that its rockets had struck a meeting of militia "
        "leaders in Kidal, killing 14 fighters. Officials did not comment. Shops were shut."
    )
    ev = _one(code(text))
    assert (ev.event_type, ev.location, ev.fatalities) == (
        "Explosions/Remote violence",
        "Kidal",
        14,
    )


_FILLER = (
    " Officials said the talks would go on. The ministry said nothing else about the visit "
    "or the weather in the region that week. Markets were calm and schools stayed open across "
    "the country, a spokesman for the education ministry told reporters at a briefing."
)


def test_strikes_carried_out_after_a_riot_keep_their_own_type(code: Any) -> None:
    # a claimed generic strike borrows the type of the event just told, but strikes are
    # never a riot
    text = (
        "Crowds stormed the embassy in Tunis. He said American forces had carried out "
        "precision strikes on Sunday against Islamic State camps in central Syria." + _FILLER
    )
    types = {e.location: e.event_type for e in code(text)}
    assert types == {"Tunis": "Riots", "Syria": "Explosions/Remote violence"}


def test_rebel_factions_attacking_are_no_mob(code: Any) -> None:
    text = (
        "Armed rebel factions attacked an army post in Daraa on Tuesday, officials said." + _FILLER
    )
    assert [e.event_type for e in code(text)] == ["Battles"]


def test_the_city_of_a_clause_inside_the_events_is_not_its_place(code: Any) -> None:
    # "the old city" is where the leader appeared, not where the offensive was; nor is
    # it the city named before it
    text = (
        "The ousted president flew to Minsk on Saturday. The sudden offensive was led by a "
        "militia whose commander prayed on Sunday at a shrine in the old city." + _FILLER
    )
    assert [e.location for e in code(text)] == []


def test_where_a_plane_was_leaving_for_is_not_where_it_was_hit(code: Any) -> None:
    text = (
        "At Hermosillo's airport, gunfire struck a cargo plane on Thursday as it was about to "
        "take off for Tijuana." + _FILLER
    )
    assert {e.location for e in code(text)} == {"Hermosillo"}


def test_a_feast_day_dates_the_event(code: Any) -> None:
    text = "On Christmas Eve, gunmen stormed a jail in Tuxtla, killing three guards." + _FILLER
    assert [e.event_date for e in code(text)] == [dt.date(2022, 12, 24)]


def test_an_event_noun_at_another_town_refers_to_no_earlier_event(code: Any) -> None:
    # "the massacre in Y" after an attack at X is another event: its day is not X's
    text = (
        "Gunmen attacked an army post in Djibo, killing 12 soldiers, the army said. "
        "Officials also condemned the massacre in Titao last week." + _FILLER
    )
    days = {e.location: e.event_date for e in code(text)}
    assert days == {"Djibo": dt.date(2023, 9, 15), "Titao": dt.date(2023, 9, 8)}


def test_a_crowd_forcing_its_way_in_is_a_riot(code: Any) -> None:
    text = "In Kisumu, protesters forced their way into the governor's office on Tuesday." + _FILLER
    assert [(e.event_type, e.location) for e in code(text)] == [("Riots", "Kisumu")]


def test_what_a_country_has_seen_many_times_is_no_event(code: Any) -> None:
    text = '"Kenya has seen protests against governments many times," said an analyst in Nairobi.'
    assert code(text + _FILLER) == []


def test_a_place_named_in_a_towns_description_is_not_the_events(code: Any) -> None:
    # "X, a village on the road into Russia from Ukraine's Y region": Y tells of X's road;
    # a place near the town locates it ("a suburb on Z's edge")
    text = (
        "Fighters attacked the border post at Tyotkino, a village on the road into Russia "
        "from Ukraine's Sumy region, on Monday." + _FILLER
    )
    assert [e.country_code for e in code(text)] == ["RU"]


def test_a_town_spelled_in_another_romanisation(code: Any) -> None:
    # "the town of Graivoron": the gazetteer spells it Grayvoron (й after a vowel), a
    # reading taken only near another place the text names (Kozinka); alone, far from
    # every other place, a respelling may be a namesake's and is no reading
    text = (
        "The governor said on Monday that mortar shells had hit an administrative building in "
        "the town of Graivoron, and a house in Kozinka nearby." + _FILLER
    )
    assert ("Grayvoron", 1) in [(e.location, e.geo_precision) for e in code(text)]

    far = "Troops shelled the town of Graivoron on Monday, the ministry in Vladivostok said."
    assert all(e.location != "Grayvoron" for e in code(far + _FILLER))


def test_an_airport_taken_over_in_a_town_the_model_reads_as_a_person(code: Any) -> None:
    # "In X, in the north, ...": a town of some size right after "in" is a place; what
    # armed men took over there is territory
    text = (
        "In Merowe, in the north, the RSF said on Saturday it had taken over the airport "
        "and an adjacent air base." + _FILLER
    )
    ev = _one(code(text))
    assert (ev.event_type, ev.location) == ("Battles", "Merowe")


def test_an_event_told_as_coming_days_after_a_dated_one(code: Any) -> None:
    # the day after the shift is the other event's: X is five days later
    text = (
        "The massacre in Kaya came five days after an attack near the town of Titao on "
        "September 2, in which eight soldiers were killed." + _FILLER
    )
    days = {e.location: e.event_date for e in code(text)}
    assert days.get("Kaya") == dt.date(2023, 9, 7)


def test_a_drone_base_is_no_drone_strike(code: Any) -> None:
    text = (
        "Niger hosts French troops. The United States has some 1,100 troops in Niger, "
        "including at a drone base outside Agadez."
    )
    assert code(text + _FILLER) == []


def test_a_district_of_the_city_that_opens_the_sentence(code: Any) -> None:
    # "In Y, ... the X district": a district of Y, not a far place of that name
    text = (
        "In Kharkiv, a drone hit a warehouse in the Podilskyi district, where most of the "
        "city's victims died, and debris fell on a metro station. In Odesa, a missile struck "
        "an apartment block, killing two residents, and in Lviv, in the west, one person was "
        "killed. Zaporizhzhia and Dnipro were also hit."
    )
    kharkiv = [e for e in code(text) if e.sub_event_type == "Air/drone strike"]
    assert [(e.location, e.geo_precision) for e in kharkiv] == [("Kharkiv", 1)]


def test_the_town_is_the_located_town_not_the_city_it_lies_near(code: Any) -> None:
    text = (
        "In the east, Russian forces kept up their assault on the town of Krasnohorivka, "
        "west of the occupied city of Donetsk. The head of the town's administration said on "
        "Friday that Russian troops were attacking the brick factory on the town's northern "
        "edge." + _FILLER
    )
    assert {e.location for e in code(text)} == {"Krasnohorivka"}


def test_an_attack_told_by_its_death_toll(code: Any) -> None:
    text = (
        "The death toll from Saturday's attack on the center of the Russian city of Kursk rose "
        "to 9, among them two children, Russian officials said on Sunday, the deadliest strike "
        "on the city since the war began." + _FILLER
    )
    ev = _one(code(text))
    assert (ev.location, ev.fatalities, ev.event_date) == ("Kursk", 9, dt.date(2023, 9, 9))


def test_attacks_told_several_times_on_a_day_are_an_event(code: Any) -> None:
    text = (
        "In the north, Russian troops attacked Ukrainian positions near Velykyi Burluk several "
        "times on Friday, the army said. All the attacks were repelled." + _FILLER
    )
    assert [e.event_type for e in code(text)] == ["Battles"]


def test_an_escape_from_a_facility_happens_where_the_facility_is(code: Any) -> None:
    # "escaped from a jail in X": X is the scene, not a place someone left
    text = (
        "Dozens of inmates escaped from a jail in Kismayo overnight, and four guards were "
        "killed in a gunfight with the attackers, a police officer said." + _FILLER
    )
    ev = _one(code(text))
    assert (ev.event_type, ev.location, ev.fatalities) == ("Battles", "Kismayo", 4)


def test_plural_strikes_told_by_what_they_hit_are_an_event(code: Any) -> None:
    text = (
        "Strikes also hit the fuel depot of the port city of Mukalla, on the coast, and the "
        "airport of Ataq, in the south, according to a local radio station." + _FILLER
    )
    assert {(e.event_type, e.location) for e in code(text)} == {
        ("Explosions/Remote violence", "Mukalla"),
        ("Explosions/Remote violence", "Ataq"),
    }


def test_explosions_told_by_what_they_did_to_a_place(code: Any) -> None:
    text = (
        "Residents of Pskov said loud explosions rocked the military airfield, which shares a "
        "runway with the city's airport, and lit up the sky to the north of the city."
        + _FILLER
        + _FILLER
    )
    ev = _one(code(text))
    assert (ev.event_type, ev.location) == ("Explosions/Remote violence", "Pskov")


def test_a_ministry_speaks_from_its_seat_and_a_given_name_is_no_place(code: Any) -> None:
    text = (
        "French jets struck a depot near Gao, in northern Mali, which the defence ministry in "
        'Paris said was used to launch drones. "We heard it all night," said a nurse in Gao '
        "who gave her name as Florence." + _FILLER
    )
    assert {e.location for e in code(text)} == {"Gao"}


def test_attempts_to_advance_are_fighting_an_advance_alone_is_not(code: Any) -> None:
    tried = (
        "The General Staff said on Friday that Russian troops had made 25 attempts over the "
        "previous day to advance near Toretsk, in the Donetsk region." + _FILLER
    )
    ev = _one(code(tried))
    assert (ev.event_type, ev.location) == ("Battles", "Toretsk")
    moving = "A Russian column with tanks advanced toward Toretsk along the highway on Friday."
    assert [e.event_type for e in code(moving + _FILLER)] == []


def test_a_clause_with_its_own_subject_keeps_its_day_and_dead_apart(code: Any) -> None:
    # the strike's own "on Wednesday" dates it, not the day of the coordinated clause
    # after it; the dead of the strike are none of the rockets' fired in answer
    text = (
        "A drone strike destroyed a house in the town of Nabatieh before dawn on Wednesday, "
        "killing six people and wounding 11, the health ministry said, and the militia "
        "answered on Thursday, firing dozens of rockets at Kiryat Shmona." + _FILLER
    )
    got = {(e.country_code, e.event_date, e.fatalities) for e in code(text)}
    assert got == {("LB", dt.date(2023, 9, 13), 6), ("IL", dt.date(2023, 9, 14), None)}


def test_tear_gas_fired_at_a_crowd_is_a_protest_with_intervention(code: Any) -> None:
    # "tear gas" is crowd control, a protest rule's own words, not non-lethal equipment
    text = (
        "Riot police drove hundreds of opposition supporters out of the main square of "
        "Tbilisi overnight into Thursday, firing volleys of tear gas." + _FILLER
    )
    ev = _one(code(text))
    assert (ev.event_type, ev.sub_event_type, ev.location) == (
        "Protests",
        "Protest with intervention",
        "Tbilisi",
    )


def test_a_vehicle_driven_into_people_who_died_is_an_attack(code: Any) -> None:
    text = (
        "Before dawn on Friday, a truck plowed into soldiers at a checkpoint on the edge of "
        "Peshawar, killing two of them, the army said." + _FILLER
    )
    ev = _one(code(text))
    assert (ev.event_type, ev.location, ev.fatalities) == (
        "Violence against civilians",
        "Peshawar",
        2,
    )


def test_a_bare_name_beside_its_region_is_the_regional_capital(code: Any) -> None:
    # "the Kherson region" named first, then "Kherson" alone: the city, the seat the
    # region is named after, not the region
    text = (
        "The missiles were fired from the area of Oleshky, in the occupied part of the "
        "Kherson region, officials said." + _FILLER + " Most of the dead were in Kherson, "
        "where a drone struck a bus on Friday, killing two people." + _FILLER
    )
    bus = [e for e in code(text) if e.fatalities == 2]
    assert [(e.location, e.geo_precision) for e in bus] == [("Kherson", 1)]


def test_a_weekday_told_a_week_earlier_is_that_weeks(code: Any) -> None:
    # published on Friday: "a week earlier, on Friday" is the Friday a week before the
    # story's Wednesday, not the day of publication
    text = (
        "The strike came two days after missiles hit Odesa on Wednesday, killing three "
        "people at a port warehouse. A week earlier, on Friday, Russian strikes on a beach "
        "resort at Zatoka, south of the city, killed four people." + _FILLER
    )
    zatoka = [e for e in code(text) if e.fatalities == 4]
    assert [e.event_date for e in zatoka] == [dt.date(2023, 9, 8)]


def test_hundreds_of_men_storming_a_site_are_a_mob(code: Any) -> None:
    # a crowd told by its number ("hundreds of men"), no word of protest or arms: a riot
    text = (
        "Hundreds of men stormed the bus station in Kaolack on Thursday evening after a "
        "rumour spread online, smashing windows and overturning cars." + _FILLER + _FILLER
    )
    ev = _one(code(text))
    assert (ev.event_type, ev.location) == ("Riots", "Kaolack")


def test_the_town_a_road_leads_to_is_no_place_of_the_event(code: Any) -> None:
    # "a market on the edge of X, on the highway to Y": the event is at X; Y is where the
    # road leads (the parser hangs "to Y" on the verb)
    text = (
        "The missiles struck on Friday morning at a crowded market on the western outskirts "
        "of Kramatorsk, on the highway to Sloviansk, killing 12 people." + _FILLER
    )
    assert {e.location for e in code(text)} == {"Kramatorsk"}


def test_a_place_struck_repeatedly_is_a_record_unless_a_time_bounds_it(code: Any) -> None:
    # "X has been hit repeatedly": what X has lived through, no event of a day; "have
    # repeatedly struck X since Sunday" tells this week's strikes
    record = (
        "Kismayo itself, the south's main port, has been shelled repeatedly, and its "
        "roads stay closed."
    )
    news = (
        "Militants have repeatedly shelled Baidoa since Sunday, damaging a clinic, officials said."
    )
    assert code(record + _FILLER) == []
    assert [e.location for e in code(news + _FILLER)] == ["Baidoa"]


def test_a_building_that_has_seen_repeated_protests_is_no_event(code: Any) -> None:
    text = (
        "Critics accuse Ankara of arming the militia, and the consulate in Erbil has been the "
        "scene of frequent protests."
    )
    assert code(text + _FILLER) == []


def test_victims_named_among_the_dead_are_no_event(code: Any) -> None:
    # "residents of X were among the dead and wounded": whose the toll of an event told
    # elsewhere was, no event in X
    text = (
        "The mayor of Tambov said residents of the city were among the dead and wounded, "
        "and that the city would help their families."
    )
    assert code(text + _FILLER) == []


def test_where_the_wounded_were_taken_is_not_the_events_place(code: Any) -> None:
    text = (
        "Artillery shelled the village of Stepnohirsk on Monday, and the wounded were "
        "later evacuated to hospital in Zaporizhzhia."
    )
    assert [e.location for e in code(text + _FILLER)] == ["Stepnohirsk"]


def test_a_bomb_striking_while_a_crowd_queued_is_no_crowds_violence(code: Any) -> None:
    # "killing 24" hangs on the queue the parser reads; the bomb did the killing
    text = (
        "A guided bomb struck the village of Sivers'k on Tuesday as residents stood in line "
        "for bread, killing 12 people, officials said."
    )
    assert [e.event_type for e in code(text + _FILLER)] == ["Explosions/Remote violence"]


def test_the_age_of_a_named_victim_is_no_toll(code: Any) -> None:
    text = "A bomb under his car killed Ivan Petrenko, 41, a local prosecutor, in Sumy on Friday."
    assert [e.fatalities for e in code(text + _FILLER)] == [1]


def test_a_bare_toll_right_after_a_strike_is_the_barrages_in_its_town(code: Any) -> None:
    # the toll names no weapon; it follows the barrage in the same paragraph
    text = (
        "On Sunday night, Russia launched dozens of drones at cities across the country. "
        "In Odesa, a drone hit a warehouse. In the northern city of Chernihiv, three people "
        "were wounded." + _FILLER
    )
    got = {(e.location, e.event_type, e.injured) for e in code(text)}
    assert ("Chernihiv", "Explosions/Remote violence", 3) in got


def test_a_bare_toll_in_a_new_paragraph_is_still_no_event(code: Any) -> None:
    text = (
        "On Sunday night, a drone hit a warehouse in Odesa.\n\n"
        "In the northern city of Chernihiv, three people were wounded." + _FILLER
    )
    assert [e.location for e in code(text)] == ["Odesa"]


@pytest.mark.parametrize(
    "text",
    [
        (
            "Rescuers in Rivne pulled three more bodies from the rubble on Thursday, bringing "
            "the death toll to 14."
        ),
        (
            "Rescuers in Rivne pulled three more bodies from the rubble on Thursday, bringing "
            "the toll of Tuesday's missile strike to 14."
        ),
        "The number of dead from Tuesday's drone strike on a hostel in Rivne has risen to 14.",
        "A Russian drone hit a hostel in Rivne on Tuesday. The number of dead has risen to 14.",
    ],
)
def test_a_toll_moved_or_counted_by_its_number_is_the_events(code: Any, text: str) -> None:
    """ "bringing the death toll to N", "the number of dead has risen to N": the deaths."""
    ev = _one(code(text))
    assert (ev.location, ev.fatalities) == ("Rivne", 14)


def test_the_number_of_injured_is_no_toll(code: Any) -> None:
    ev = _one(
        code(
            "A Russian drone hit a hostel in Rivne on Tuesday. The number of injured "
            "has risen to 14."
        )
    )
    assert ev.fatalities is None


def test_the_day_a_toll_rose_is_not_the_day_of_the_strike(code: Any) -> None:
    """The lead tells the toll's rise on Friday; the strike's own day comes next."""
    ev = _one(
        code(
            "The death toll from a Russian missile strike on a hostel in Rivne rose to 14 on "
            "Thursday, officials said. The strike on Tuesday night destroyed two floors.",
        )
    )
    assert (ev.location, ev.event_date, ev.fatalities) == ("Rivne", dt.date(2023, 9, 12), 14)


def test_a_date_inside_the_toll_is_the_strikes(code: Any) -> None:
    ev = _one(code("Rescuers in Rivne found three more bodies on Thursday, bringing the toll "
                   "of Tuesday's missile strike to 14."))  # fmt: skip
    assert (ev.event_date, ev.fatalities) == (dt.date(2023, 9, 12), 14)


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # the toll of the strike just told
        ("A Russian missile hit Rivne on Tuesday night. The death toll rose to 14.", 14),
        ("A Russian missile hit Rivne on Tuesday night. The death toll in Rivne rose to 14.",
         14),
        # a toll of another town is not this strike's
        ("A Russian missile hit Rivne on Tuesday night. In Lutsk, the death toll rose to 5.",
         None),
    ],
)  # fmt: skip
def test_a_figure_of_the_dead_counts_the_event_just_told(
    code: Any, text: str, deaths: int | None
) -> None:
    ev = _one(code(text))
    assert (ev.location, ev.event_date, ev.fatalities) == ("Rivne", dt.date(2023, 9, 12), deaths)


@pytest.mark.parametrize(
    "text",
    [
        "The death toll in Rivne rose to 14 on Thursday.",
        "The war has pushed the death toll in Gaza past 40,000, the ministry said.",
    ],
)
def test_a_figure_of_the_dead_alone_is_no_event(code: Any, text: str) -> None:
    assert code(text) == []


def test_people_taken_somewhere_take_no_territory(code: Any) -> None:
    assert code("Officials said evacuees were being taken by bus to the town of Lubny.") == []


def test_a_place_of_what_is_to_come_is_not_the_strikes(code: Any) -> None:
    """ "..., and the ambassador would be summoned in X": X is where that is to happen."""
    events = code(
        "Drones struck a power plant overnight, the minister said, and the ambassador "
        "would be summoned in Vienna."
    )
    assert all(e.location != "Vienna" for e in events)


def test_a_headline_telling_two_stories_keeps_their_tolls_apart(code: Any) -> None:
    """ "A kills two near X; B injures a woman in Y": the semicolon ends the first story."""
    events = code(
        "Missile kills two near Izium; drone wave injures woman in Rivne\n\n"
        "A Russian missile hit a village near Izium on Tuesday, killing two people."
    )
    by_place = {e.location: e for e in events}
    assert by_place["Rivne"].fatalities is None


def test_the_day_bodies_were_found_is_not_the_strikes(code: Any) -> None:
    """ "..., raising the death toll from Tuesday's strike to 14": the strike's own day."""
    ev = _one(code("Rescuers in Rivne found two more bodies on Thursday, raising the death "
                   "toll from Tuesday's missile strike to 14."))  # fmt: skip
    assert (ev.event_date, ev.fatalities) == (dt.date(2023, 9, 12), 14)


@pytest.mark.parametrize(
    "text",
    [
        (
            "KHARTOUM, Sudan (Wire) — Gunmen killed 40 people in an attack on the village of "
            "Zzorka in central Sudan on Wednesday, activists said."
        ),
        (
            "KHARTOUM, Sudan (Wire) — Gunmen killed 40 people in an attack on the village of "
            "Umm al-Zzorka on Wednesday, activists said."
        ),
    ],
)
def test_a_village_the_gazetteer_lacks_is_not_the_datelines_town(code: Any, text: str) -> None:
    """The story is filed from the dateline's city; the attack was in a village the
    gazetteer lacks: no pin at the dateline."""
    assert all(e.location != "Khartoum" for e in code(text))
