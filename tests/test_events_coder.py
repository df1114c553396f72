"""The event coder's pieces: who acted (nations of tokens), country-only events, claims.

The unit tests build a parse by hand, so that each role, level and dependency is
chosen; the model tests run made-up sentences through the real pipeline.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

import pytest

from geomap.events import article_events
from geomap.events.actors import country_entry, credit_claim, nation_near, nation_of
from geomap.events.context import Context
from geomap.events.linking import link, named_dist
from geomap.events.matching import TriggerHit
from geomap.events.place import Place
from geomap.events.record import Draft
from geomap.events.rules import RULES, Family
from geomap.settings import Settings
from geomap.types import (
    Article,
    Event,
    GazetteerEntry,
    ParsedArticle,
    PlaceMention,
    ResolvedPlace,
    Sentence,
    Token,
)

PUB = dt.date(2024, 4, 9)


def _entry(name: str, level: str, cc: str, gid: int = 100) -> GazetteerEntry:
    return GazetteerEntry(
        gid, name, name, 50.0, 30.0, "A", "ADM1", cc, "01", "", 0, "geonames", level
    )


RUSSIA = _entry("Russia", "country", "RU", 2017370)


def _coder(
    rows: list[tuple[str, str, str, int]],
    places: dict[int, tuple[str, GazetteerEntry | None]] | None = None,
) -> Context:
    """The coder's view of one sentence of (text, pos, dep, head) rows; ``places`` maps a token
    index to the (role, entry) of a place mention spanning that token. A row whose text
    starts with an apostrophe is glued to the word before it ("Russia's"), one starting
    with a line break opens a new line."""
    toks: list[Token] = []
    text = ""
    for i, (word, pos, dep, head) in enumerate(rows):
        if word.startswith("\n"):  # a word opening the next line
            text += "\n"
            word = word[1:]
        elif text and not word.startswith("'"):
            text += " "
        at = len(text)
        toks.append(Token(i, at, at + len(word), word, word.lower(), pos, "", dep, head))
        text += word
    mentions, by_key = [], {}
    for i, (role, entry) in (places or {}).items():
        t = toks[i]
        m = PlaceMention("c", t.start, t.end, t.text, t.text, 0, len(text), role=role)
        mentions.append(m)
        method = "gazetteer" if entry is not None else "unresolved"
        by_key[("c", t.start, t.end)] = ResolvedPlace(m, entry, method)
    sent = Sentence(0, len(text), tuple(toks))
    pa = ParsedArticle(Article(id="c", text=text), (sent,), tuple(mentions))
    ctx = Context.of(pa, by_key)
    ctx.tree.sentence = sent.tokens
    return ctx


# "Russia's army shelled Kharkiv": the nation is a possessive of the subject
ARMY = [
    ("Russia", "PROPN", "poss", 2),
    ("'s", "PART", "case", 0),
    ("army", "NOUN", "nsubj", 3),
    ("shelled", "VERB", "ROOT", 3),
    ("Kharkiv", "PROPN", "dobj", 3),
]


class TestNationOf:
    @pytest.mark.parametrize(
        ("role", "level", "subject", "cc"),
        [
            # a country or capital named for its government ("Moscow fired 40 missiles")
            ("metonymic", "country", False, "RU"),
            ("metonymic", "city", False, "RU"),
            ("metonymic", "admin1", False, "RU"),
            ("demonym", "country", False, "RU"),
            # a place told as a place acts only as a subject ("Russia shelled X")
            ("literal", "country", False, ""),
            ("literal", "country", True, "RU"),
            # a town told as a place is what happened there ("Lviv: missile hit ..."),
            # a capital may stand for its state ("Kyiv struck back": below)
            ("literal", "city", True, ""),
            ("demonym", "country", True, "RU"),
            ("metonymic", "country", True, "RU"),
            # a village or a district is no nation, however it is told
            ("metonymic", "village", True, ""),
            ("literal", "admin2", True, ""),
        ],
    )
    def test_role_and_level(self, role: str, level: str, subject: bool, cc: str) -> None:
        coder = _coder(ARMY, {0: (role, RUSSIA._replace(level=level))})
        assert nation_of(coder, coder.tree.tok[0], subject=subject) == cc

    def test_a_capital_as_subject_is_its_state(self) -> None:
        capital = RUSSIA._replace(level="city", feature_code="PPLC")
        coder = _coder(ARMY, {0: ("literal", capital)})
        assert nation_of(coder, coder.tree.tok[0], subject=True) == "RU"

    def test_only_tokens_inside_the_mention(self) -> None:
        coder = _coder(ARMY, {0: ("metonymic", RUSSIA)})
        # "'s" starts where "Russia" ends: outside the mention
        assert nation_of(coder, coder.tree.tok[1], subject=True) == ""

    def test_unresolved_mention_names_no_nation(self) -> None:
        coder = _coder(ARMY, {0: ("metonymic", None)})
        assert nation_of(coder, coder.tree.tok[0], subject=True) == ""

    def test_demonyms_and_seats_of_government(self) -> None:
        coder = _coder(
            [
                ("Russian", "ADJ", "amod", 1),
                ("troops", "NOUN", "nsubj", 2),
                ("and", "CCONJ", "cc", 2),
                ("Kremlin", "PROPN", "conj", 2),
                ("army", "NOUN", "appos", 2),
            ]
        )
        assert nation_of(coder, coder.tree.tok[0]) == "RU"  # no mention needed
        assert nation_of(coder, coder.tree.tok[3]) == "RU"  # "the Kremlin said"
        assert nation_of(coder, coder.tree.tok[4]) == ""
        assert nation_of(coder, coder.tree.tok[1], subject=True) == ""


class TestNationNear:
    @pytest.mark.parametrize("dep", ["nsubj", "agent"])
    def test_a_literal_place_as_subject(self, dep: str) -> None:
        rows = [("Russia", "PROPN", dep, 1), ("shelled", "VERB", "ROOT", 1)]
        assert nation_near(_coder(rows, {0: ("literal", RUSSIA)}), 0) == "RU"

    def test_a_literal_place_as_passive_subject_was_hit(self) -> None:
        rows = [("Russia", "PROPN", "nsubjpass", 1), ("shelled", "VERB", "ROOT", 1)]
        assert nation_near(_coder(rows, {0: ("literal", RUSSIA)}), 0) == ""

    def test_a_literal_place_as_object_is_no_actor(self) -> None:
        rows = [("shelled", "VERB", "ROOT", 0), ("Russia", "PROPN", "dobj", 0)]
        assert nation_near(_coder(rows, {1: ("literal", RUSSIA)}), 1) == ""

    def test_possessive_of_the_token(self) -> None:
        # "Russia's army": a possessive is read like a subject
        assert nation_near(_coder(ARMY, {0: ("literal", RUSSIA)}), 2) == "RU"

    @pytest.mark.parametrize(
        ("dep", "cc"),
        [("amod", "RU"), ("compound", "RU"), ("poss", "RU"), ("nmod", "RU"), ("appos", ""),
         ("prep", "")],
    )  # fmt: skip
    def test_modifiers(self, dep: str, cc: str) -> None:
        rows = [
            ("Moscow", "PROPN", dep, 1),
            ("troops", "NOUN", "nsubj", 2),
            ("fired", "VERB", "ROOT", 2),
        ]
        coder = _coder(rows, {0: ("metonymic", RUSSIA._replace(level="city"))})
        assert nation_near(coder, 1) == cc


class TestCountryEntry:
    def test_the_articles_own_country_entry(self) -> None:
        coder = _coder(ARMY, {0: ("demonym", RUSSIA)})
        assert country_entry(coder, "RU") is RUSSIA

    def test_a_country_the_article_does_not_name(self) -> None:
        e = country_entry(_coder(ARMY, {0: ("demonym", RUSSIA)}), "UA")
        assert e is not None
        assert (e.name, e.latin_name, e.level, e.country_code) == ("Ukraine",) * 2 + (
            "country",
            "UA",
        )
        # like the gazetteer's own country entries, but with no id and no point
        assert (e.geonameid, e.feature_class, e.feature_code, e.source) == (
            0,
            "A",
            "PCLI",
            "country",
        )
        assert (e.admin1_code, e.admin1_name, e.population) == ("", "", 0)
        assert math.isnan(e.lat)
        assert math.isnan(e.lon)


class TestNamedDist:
    @staticmethod
    def _dist(noun: str, dep: str = "pobj") -> int:
        # "the attack happened in the <noun> of Kafanchan": the place hangs 5 steps away
        coder = _coder(
            [
                ("attack", "NOUN", "nsubj", 1),
                ("happened", "VERB", "ROOT", 1),
                ("in", "ADP", "prep", 1),
                (noun, "NOUN", "pobj", 2),
                ("of", "ADP", "prep", 3),
                ("Kafanchan", "PROPN", dep, 4),
            ],
            {5: ("literal", _entry("Kafanchan", "city", "NG"))},
        )
        return named_dist(coder, Place(coder.resolved[0], head=5, dist=5))

    def test_the_settlement_word_is_no_distance(self) -> None:
        assert self._dist("village") == 3
        assert self._dist("town") == 3

    def test_other_words_count(self) -> None:
        assert self._dist("people") == 5  # "the people of X" are not the place X
        assert self._dist("village", dep="appos") == 5  # X does not hang on "of"


KHARKIV = _entry("Kharkiv", "city", "UA", 706483)


def _link(
    rows: list[tuple[str, str, str, int]], place: int, trigger: int, rule: str = "shell"
) -> tuple[int, str] | None:
    """link from the place at token ``place`` to the ``rule`` matched at ``trigger``."""
    coder = _coder(rows, {place: ("literal", KHARKIV)})
    r = next(r for r in RULES if r.name == rule)
    tok = coder.tree.tok[trigger]
    hit = TriggerHit(r, trigger, tok.start, tok.end)
    return link(coder, Place(coder.resolved[0], head=place), hit, r.family)


class TestLink:
    def test_distance_and_preposition(self) -> None:
        shelled = [("Russia", "PROPN", "nsubj", 1), ("shelled", "VERB", "ROOT", 1)]
        assert _link([*shelled, ("Kharkiv", "PROPN", "dobj", 1)], 2, 1) == (1, "")
        rows = [*shelled, ("targets", "NOUN", "dobj", 1), ("in", "ADP", "prep", 2),
                ("Kharkiv", "PROPN", "pobj", 3)]  # fmt: skip
        assert _link(rows, 4, 1) == (3, "in")
        # a preposition is a word tagged ADP or a word attached as one
        rows[3] = ("by", "ADP", "agent", 2)
        assert _link(rows, 4, 1) == (3, "by")
        rows[3] = ("near", "SCONJ", "prep", 2)
        assert _link(rows, 4, 1) == (3, "near")
        # "the outskirts of X" is near X
        rows[2:4] = [("outskirts", "NOUN", "dobj", 1), ("of", "ADP", "prep", 2)]
        assert _link(rows, 4, 1) == (3, "near")

    def test_a_place_under_the_triggers_clause(self) -> None:
        # "drones killed two in Kharkiv": the trigger is the subject of the clause
        rows = [("drones", "NOUN", "nsubj", 1), ("killed", "VERB", "ROOT", 1),
                ("two", "NUM", "dobj", 1), ("in", "ADP", "prep", 1),
                ("Kharkiv", "PROPN", "pobj", 3)]  # fmt: skip
        assert _link(rows, 4, 0, "drone") == (3, "in")

    def test_a_trigger_inside_the_places_modifier(self) -> None:
        # "Kharkiv, which Russia shelled"
        rows = [("Kharkiv", "PROPN", "ROOT", 0), (",", "PUNCT", "punct", 0),
                ("which", "PRON", "dobj", 4), ("Russia", "PROPN", "nsubj", 4),
                ("shelled", "VERB", "relcl", 0)]  # fmt: skip
        assert _link(rows, 0, 4) == (4, "")

    def test_no_link_across_lines_or_clauses(self) -> None:
        rows = [("Russia", "PROPN", "nsubj", 1), ("shelled", "VERB", "ROOT", 1),
                ("\nKharkiv", "PROPN", "dobj", 1)]  # fmt: skip
        assert _link(rows, 2, 1) is None
        # "shelled the town where officials live in Kharkiv": another clause's place
        rows = [("Russia", "PROPN", "nsubj", 1), ("shelled", "VERB", "ROOT", 1),
                ("town", "NOUN", "dobj", 1), ("officials", "NOUN", "nsubj", 4),
                ("live", "VERB", "relcl", 2), ("in", "ADP", "prep", 4),
                ("Kharkiv", "PROPN", "pobj", 5)]  # fmt: skip
        assert _link(rows, 6, 1) is None
        rows[3] = ("officials", "NOUN", "attr", 4)  # the verb has no subject of its own
        assert _link(rows, 6, 1) == (4, "in")

    def test_a_territory_taken_from_a_place(self) -> None:
        # "expelled troops from Kharkiv": an origin, yet where the territory changed hands
        rows = [("forces", "NOUN", "nsubj", 1), ("expelled", "VERB", "ROOT", 1),
                ("troops", "NOUN", "dobj", 1), ("from", "ADP", "prep", 1),
                ("Kharkiv", "PROPN", "pobj", 3)]  # fmt: skip
        assert _link(rows, 4, 1, "territory: expel") == (2, "from")
        assert _link(rows, 4, 1) is None  # a shelling from X was launched there

    @pytest.mark.parametrize(
        ("dep", "link"),
        [("compound", (1, "")), ("poss", (1, "")), ("nmod", (1, "")), ("npadvmod", (1, "")),
         ("dobj", None)],
    )  # fmt: skip
    def test_talks_named_by_a_place(self, dep: str, link: tuple[int, str] | None) -> None:
        # "the Kharkiv talks", "Kharkiv's talks"; talks that merely name a place are not there
        rows = [("Kharkiv", "PROPN", dep, 1), ("talks", "NOUN", "ROOT", 1)]
        assert _link(rows, 0, 1, "talks") == link

    def test_talks_in_a_place(self) -> None:
        rows = [("talks", "NOUN", "ROOT", 0), ("in", "ADP", "prep", 0),
                ("Kharkiv", "PROPN", "pobj", 1)]  # fmt: skip
        assert _link(rows, 2, 0, "talks") == (2, "in")
        rows[1] = ("on", "ADP", "prep", 0)  # "talks on Kharkiv": its topic
        assert _link(rows, 2, 0, "talks") is None
        # one step away, not attached directly: no place of the talks
        rows = [("talks", "NOUN", "ROOT", 0), ("ended", "VERB", "relcl", 0),
                ("Kharkiv", "PROPN", "npadvmod", 1)]  # fmt: skip
        assert _link(rows, 2, 0, "talks") is None


def _event(**kw: Any) -> Event:
    base = Event(
        event_id="e", article_id="c", event_date=PUB, time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", location="Baidoa", country="Somalia", country_code="SO",
        admin1="Bay", latitude=3.1, longitude=43.6, geo_precision=1, location_level="city",
        notes="", quote_start=0, quote_end=0, status="occurred", trigger="clash",
    )  # fmt: skip
    return replace(base, **kw)


class TestCreditClaim:
    CLAIM = "Al-Shabaab claimed responsibility for the attack."

    def _credited(self, text: str, **kw: Any) -> tuple[str, str]:
        coder = _coder([(w, "NOUN", "dep", 0) for w in text.split()])
        draft = Draft(_event(**kw), None, 0, Family.VIOLENCE)
        credit_claim(draft, coder.text)
        return draft.event.actor1, draft.event.actor2

    def test_the_group_becomes_the_actor(self) -> None:
        got = self._credited(self.CLAIM, event_type="Violence against civilians",
                             actor1="", actor2="Civilians (Somalia)")  # fmt: skip
        assert got == ("Al-Shabaab", "Civilians (Somalia)")

    def test_a_battles_parties_swap(self) -> None:
        assert self._credited(self.CLAIM, actor1="Somalia", actor2="Al-Shabaab") == (
            "Al-Shabaab",
            "Somalia",
        )
        # the side told first is the other party of a battle
        assert self._credited(self.CLAIM, actor1="Somalia", actor2="") == ("Al-Shabaab", "Somalia")

    def test_a_one_sided_events_wrong_guess_is_replaced(self) -> None:
        got = self._credited(self.CLAIM, event_type="Explosions/Remote violence",
                             actor1="Somalia", actor2="")  # fmt: skip
        assert got == ("Al-Shabaab", "")

    def test_no_group_named_changes_nothing(self) -> None:
        text = "Nobody claimed responsibility for the attack."
        assert self._credited(text, actor1="Somalia", actor2="Kenya") == ("Somalia", "Kenya")
        assert self._credited(self.CLAIM, actor1="Al-Shabaab", actor2="Somalia") == (
            "Al-Shabaab",
            "Somalia",
        )


@pytest.fixture(scope="module")
def code(settings: Settings, gazetteer: Any) -> Any:
    """Code one made-up article (published on PUB) with the real model and gazetteer."""
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    def run(text: str) -> list[Event]:
        article = Article(id="k1", text=text, published=PUB)
        parsed = parse_articles([article], settings=settings, gazetteer=gazetteer)
        return article_events(parsed[0], geocode_mentions(parsed, gazetteer, settings=settings))

    return run


@pytest.mark.model
class TestCoded:
    @pytest.mark.parametrize(
        ("text", "dead", "hurt"),
        [
            # no count: unknown, not zero
            ("Russian drones struck Kharkiv on Monday.", None, None),
            # zero only where the text says none was harmed
            ("Russian drones struck Kharkiv on Monday. There were no casualties.", 0, 0),
            ("Russian drones struck Kharkiv on Monday; no one was killed.", 0, None),
            ("Russian drones struck Kharkiv on Monday, nobody was injured.", None, 0),
            ("Russian drones struck Kharkiv on Monday without casualties.", 0, 0),
            ("Russian drones struck Kharkiv on Monday, killing two people.", 2, None),
        ],
    )
    def test_unknown_is_not_zero(
        self, code: Any, text: str, dead: int | None, hurt: int | None
    ) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.fatalities, ev.injured) == ("Kharkiv", dead, hurt)

    def test_actors_told_by_place_names(self, code: Any) -> None:
        (ev,) = code("Russia shelled Kharkiv on Monday, killing two people.")
        assert (ev.location, ev.actor1, ev.actor2) == ("Kharkiv", "Russia", "")
        (ev,) = code("Moscow fired 40 missiles at Kyiv on Monday.")
        assert (ev.location, ev.actor1, ev.quantity) == ("Kyiv", "Russia", 40)
        # the place shelled is no actor
        (ev,) = code("Kharkiv shelling kills two.")
        assert (ev.location, ev.actor1, ev.fatalities) == ("Kharkiv", "", 2)

    @pytest.mark.parametrize(
        "text",
        [
            # the agent of a passive
            "Kharkiv was shelled by Russian forces on Monday, killing two.",
            "Kharkiv was shelled by Russia on Monday, killing two.",
            # a modifier of the noun the trigger modifies ("drone attack")
            "A Russian drone attack on Kharkiv killed two people on Monday.",
            # the noun a trigger hangs on through "of" ("barrage of missiles")
            "Russia's barrage of missiles hit Kharkiv on Monday, killing two.",
        ],
    )
    def test_the_actor_beside_the_trigger(self, code: Any, text: str) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.actor1, ev.fatalities) == ("Kharkiv", "Russia", 2)

    def test_a_passive_without_agent_has_no_actor(self, code: Any) -> None:
        (ev,) = code("Two people were killed by shelling in Kharkiv on Monday.")
        assert (ev.location, ev.actor1, ev.fatalities) == ("Kharkiv", "", 2)

    @pytest.mark.parametrize(
        "text",
        [
            "Russian drones attacked a Ukrainian city overnight, killing three people.",
            "Russian forces shelled Ukrainian positions on Monday, killing two soldiers.",
        ],
    )
    def test_a_country_told_by_its_demonym(self, code: Any, text: str) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.location_level, ev.country_code, ev.geo_precision) == (
            "Ukraine",
            "country",
            "UA",
            3,
        )
        assert ev.actor1 == "Russia"

    def test_the_other_party_of_a_clash(self, code: Any) -> None:
        # the place hangs on the party ("militants near Baidoa"): it still locates the clash
        (ev,) = code("Somali soldiers clashed with militants near Baidoa on Monday, killing six.")
        assert (ev.event_type, ev.location, ev.geo_precision, ev.fatalities) == (
            "Battles",
            "Baidoa",
            2,
            6,
        )
        assert ev.actor1 == "Somalia"

    def test_a_claim_after_a_clash(self, code: Any) -> None:
        (ev,) = code(
            "Somali soldiers clashed with Al-Shabaab fighters near Baidoa on Monday, killing "
            "six people, officials said. The fighting lasted several hours, residents said.\n\n"
            "Al-Shabaab later claimed responsibility for the attack in a statement."
        )
        assert (ev.location, ev.actor1, ev.actor2) == ("Baidoa", "Al-Shabaab", "Somalia")

    def test_a_placeless_event_placed_later_keeps_the_sentence_going(self, code: Any) -> None:
        events = code(
            "Gunmen opened fire on a bus on Monday, killing five people, police said. Officials "
            "gave no further details of the shooting on Tuesday and the road was closed.\n\n"
            "The attack happened in Kharkiv, and drones struck Sumy, killing two."
        )
        got = sorted((e.location, e.event_type, e.fatalities, e.event_date) for e in events)
        assert got == [
            ("Kharkiv", "Violence against civilians", 5, dt.date(2024, 4, 8)),
            ("Sumy", "Explosions/Remote violence", 2, PUB),
        ]

    def test_who_took_a_place_and_from_whom(self, code: Any) -> None:
        # the speaker of "... said troops took control" is the side that took it
        (ev,) = code("Russia's defence ministry said troops took control of Novoselivka on Monday.")
        assert (ev.event_type, ev.actor1, ev.actor2) == ("Battles", "Russia", "")
        # the nation of what was taken is the other side
        (ev,) = code("Russian forces captured Ukraine's Avdiivka on Saturday.")
        assert (ev.location, ev.actor1, ev.actor2) == ("Avdiyivka", "Russia", "Ukraine")
        (ev,) = code("Ukrainian troops recaptured Russian positions near Robotyne on Monday.")
        assert (ev.sub_event_type, ev.location, ev.actor1, ev.actor2) == (
            "Government regains territory",
            "Robotyne",
            "Ukraine",
            "Russia",
        )
        # a place taken is no side of its own ("captured Kupiansk": no actor "Ukraine")
        (ev,) = code("Russian forces captured Kupiansk on Saturday.")
        assert (ev.location, ev.actor1, ev.actor2) == ("Kupyansk", "Russia", "")

    def test_attack_on_civilians(self, code: Any) -> None:
        (ev,) = code(
            "Gunmen attacked worshippers at a mosque in Kano on Friday, killing five people, "
            "police said. Officials gave no further details and the area was sealed off on "
            "Saturday."
        )
        assert (ev.event_type, ev.sub_event_type, ev.location, ev.fatalities) == (
            "Violence against civilians",
            "Attack",
            "Kano",
            5,
        )
        assert (ev.actor2, ev.civilian_targeting) == ("Civilians (Nigeria)", True)

    def test_no_toll_is_unknown_of_every_type(self, code: Any) -> None:
        events = code(
            "Drones struck Kharkiv on Monday, officials said. Residents protested in Sumy on "
            "Tuesday over power cuts, and the city council met later."
        )
        got = sorted((e.location, e.event_type, e.fatalities) for e in events)
        assert got == [
            ("Kharkiv", "Explosions/Remote violence", None),
            ("Sumy", "Protests", None),
        ]

    @pytest.mark.parametrize("short", [True, False])
    def test_the_attack_took_place_in_the_village_of_x(self, code: Any, short: bool) -> None:
        # the placeless killing is placed by "the attack" of a later paragraph, through
        # "the village of X"; in a short report and in a longer article alike
        more = "" if short else (
            " The roads into the area were closed by the army for most of the day while "
            "soldiers searched nearby farms and forests for the attackers."
        )  # fmt: skip
        (ev,) = code(
            "Gunmen killed six people overnight, police said. Officials gave no further details "
            f"of the killings on Tuesday.{more}\n\nThe attack took place in the village of "
            "Kafanchan in Kaduna state, a police spokesman said."
        )
        assert (ev.event_type, ev.location, ev.admin1, ev.fatalities) == (
            "Violence against civilians",
            "Kafanchan",
            "Kaduna State",
            6,
        )

    def test_an_indefinite_attack_is_an_event_of_its_own(self, code: Any) -> None:
        # "An attack on Kharkiv" does not refer back to the Odesa strike before it
        events = code(
            "Russian drones struck Odesa on Monday, killing four people, officials said. Rescue "
            "workers searched the rubble through the night and into the morning.\n\n"
            "An attack on Kharkiv on Tuesday killed two people, the regional governor said."
        )
        got = [(e.location, e.sub_event_type, e.fatalities, e.event_date) for e in events]
        assert got == [
            ("Odesa", "Air/drone strike", 4, dt.date(2024, 4, 8)),
            ("Kharkiv", "Shelling/artillery/missile attack", 2, PUB),
        ]
        assert [e.actor1 for e in events] == ["Russia", ""]
        assert not any("anaphoric" in e.trigger for e in events)

    def test_a_place_opening_the_line(self, code: Any) -> None:
        (ev,) = code("Kharkiv: a drone struck a school on Monday, killing two.")
        assert (ev.location, ev.sub_event_type, ev.actor2) == (
            "Kharkiv",
            "Air/drone strike",
            "Civilians (Ukraine)",
        )

    def test_a_country_without_a_number_is_no_event(self, code: Any) -> None:
        assert code("Russian forces shelled Ukrainian positions on Monday.") == []

    def test_a_village_placed_at_its_anchor_keeps_its_name(self, code: Any) -> None:
        (ev,) = code(
            "Russia's defence ministry said its forces had taken the village of Rubanshchina, "
            "west of the town of Sudzha, on Saturday."
        )
        assert (ev.location, ev.geo_precision, ev.country_code, ev.sub_event_type) == (
            "Rubanshchina",
            2,
            "RU",
            "Government regains territory",
        )

    def test_a_claimed_attack_without_antecedent(self, code: Any) -> None:
        (ev,) = code(
            "Al-Shabaab claimed responsibility for an attack on a hotel in Mogadishu on Sunday "
            "that killed five people."
        )
        assert (ev.event_type, ev.location, ev.actor1, ev.fatalities) == (
            "Violence against civilians",
            "Mogadishu",
            "Al-Shabaab",
            5,
        )

    def test_talks_named_after_their_city(self, code: Any) -> None:
        (ev,) = code("Ukraine and Russia held the Istanbul talks on Monday.")
        assert (ev.event_type, ev.location, ev.country_code) == ("Diplomacy", "Istanbul", "TR")

    def test_expelled_from_a_town(self, code: Any) -> None:
        # "from X" is an origin for a strike, but where territory changed hands
        (ev,) = code("Ukrainian forces expelled Russian troops from Kupiansk on Friday.")
        assert (ev.sub_event_type, ev.location, ev.actor1, ev.actor2) == (
            "Government regains territory",
            "Kupyansk",
            "Ukraine",
            "Russia",
        )

    def test_a_placed_event_keeps_the_date_it_inherited(self, code: Any) -> None:
        # the killing takes Sunday from the sentence before it, and its place from the next
        (ev,) = code(
            "Violence flared again in northern Nigeria on Sunday. Gunmen killed six people, "
            "police said.\n\nThe attack took place in the village of Kafanchan in Kaduna "
            "state, a police spokesman said."
        )
        assert (ev.location, ev.fatalities, ev.event_date) == ("Kafanchan", 6, dt.date(2024, 4, 7))

    def test_a_weapon_named_like_a_village(self, code: Any) -> None:
        # Grad is a village in Slovenia, and a rocket launcher
        (ev,) = code("Russian forces fired Grad rockets at Kharkiv on Monday.")
        assert (ev.location, ev.actor1) == ("Kharkiv", "Russia")
        assert ev.weapons.split(", ")[0] == "Grad MLRS"

    def test_a_placed_event_can_be_referred_to_again(self, code: Any) -> None:
        (ev,) = code(
            "Gunmen killed six people overnight, police said. Officials gave no further details "
            "of the killings on Tuesday.\n\nThe attack took place in the village of Kafanchan "
            "in Kaduna state, a police spokesman said. The attack was the third in the area "
            "this month, he said."
        )
        assert (ev.location, ev.fatalities) == ("Kafanchan", 6)

    def test_a_placeless_event_placed_in_a_country_needs_a_number(self, code: Any) -> None:
        # as when the country is told in the event's own sentence
        assert (
            code(
                "Gunmen stormed a hotel overnight, police said. Officials gave no further "
                "details on Tuesday.\n\nThe attack took place in Somalia, a police spokesman said."
            )
            == []
        )

    def test_a_verb_sharing_its_subject(self, code: Any) -> None:
        (ev,) = code("Russian troops advanced near Pokrovsk and captured Novohrodivka.")
        assert (ev.location, ev.event_type, ev.actor1) == ("Novohrodivka", "Battles", "Russia")

    @pytest.mark.parametrize(
        "text",
        [
            # the trigger hangs on the noun the nation modifies
            "Two people died in Kharkiv after a Russian barrage of missiles on Monday.",
            "Residents of Kharkiv sheltered from a Russian salvo of drones on Monday.",
            "Residents of Kharkiv sheltered from Russian drone raids on Monday.",
            "Residents of Kharkiv sheltered from a Russian shelling campaign on Monday.",
        ],
    )
    def test_the_nation_of_the_noun_a_trigger_modifies(self, code: Any, text: str) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.event_type, ev.actor1) == (
            "Kharkiv",
            "Explosions/Remote violence",
            "Russia",
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # the tagger reads the village as a person; the verb says it is a place
            ("Russian troops stormed Novohrodivka on Monday.", [("Battles", "Novohrodivka")]),
            ("Russian troops assaulted Novohrodivka on Monday.", [("Battles", "Novohrodivka")]),
            (
                "Russian troops shelled and stormed Novohrodivka on Monday.",
                [("Battles", "Novohrodivka"), ("Explosions/Remote violence", "Novohrodivka")],
            ),
            ("A man assaulted a woman in a bar in Kharkiv on Monday.", []),  # no troops
        ],
    )
    def test_a_place_stormed(self, code: Any, text: str, expected: list[tuple[str, str]]) -> None:
        assert sorted((e.event_type, e.location) for e in code(text)) == expected

    @pytest.mark.parametrize(
        ("text", "quantity"),
        [
            ("Two attacks hit Kharkiv on Monday, killing one.", None),  # attacks, not weapons
            # the main weapon's
            ("Russia launched 40 drones and 3 missiles at Kharkiv on Monday.", 40),
            ("A Russian attack with 12 drones hit Kharkiv on Monday.", 12),
        ],
    )
    def test_the_number_of_weapons(self, code: Any, text: str, quantity: int | None) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.quantity) == ("Kharkiv", quantity)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # the country qualifying the weapon or the force acts; the event is elsewhere
            (
                "US airstrikes hit the town of Al Qaim on Monday, killing three fighters.",
                ("Al Qā’im", "IQ", "United States", 3),
            ),
            (
                "US troops clashed with militants in Kandahar on Monday.",
                ("Kandahār", "AF", "United States", None),
            ),
        ],
    )
    def test_a_country_named_with_its_forces_acts(
        self, code: Any, text: str, expected: tuple[str, str, str, int | None]
    ) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.country_code, ev.actor1, ev.fatalities) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # a name taken by armed men is a place taken
            ("Russian forces seized Novohrodivka on Monday.", [("Novohrodivka", "Russia")]),
            (
                "Russian troops seized weapons at a depot and then seized Novohrodivka on Monday.",
                [("Novohrodivka", "Russia")],
            ),
            ("Russian troops took Kurakhove on Monday.", [("Kurakhove", "Russia")]),
            # things seized, people taken, are no territory
            ("Troops seized weapons and ammunition in Kharkiv on Monday.", []),
            ("Putin took Xi to Moscow on Monday.", []),
        ],
    )
    def test_a_named_place_seized(
        self, code: Any, text: str, expected: list[tuple[str, str]]
    ) -> None:
        events = [e for e in code(text) if e.trigger.startswith("territory")]
        assert [(e.location, e.actor1) for e in events] == expected

    @pytest.mark.parametrize(
        ("text", "actor1"),
        [
            ("IDF says it struck Hezbollah targets in Tyre overnight.", "Israel"),
            ("The IRGC said it fired missiles at targets in Erbil on Monday.", "Iran"),
            ("Russia said it struck energy facilities in Kharkiv on Monday.", "Russia"),
            # a subject of its own is no speaker's pronoun
            ("Russia said drones struck energy facilities in Kharkiv on Monday.", ""),
        ],
    )
    def test_a_speaker_acting_as_it(self, code: Any, text: str, actor1: str) -> None:
        (ev,) = code(text)
        assert (ev.event_type, ev.actor1) == ("Explosions/Remote violence", actor1)

    def test_the_speaker_is_no_actor_when_the_clause_names_one(self, code: Any) -> None:
        (ev,) = code("Ukraine's military said Russian troops captured Novohrodivka.")
        assert (ev.actor1, ev.actor2) == ("Russia", "")

    def test_a_verb_with_its_own_subject_keeps_it(self, code: Any) -> None:
        (ev,) = code("Russian troops advanced near Pokrovsk and partisans captured Novohrodivka.")
        assert (ev.location, ev.actor1) == ("Novohrodivka", "")

    def test_the_actor_is_not_its_own_opponent(self, code: Any) -> None:
        (ev,) = code("Ukrainian forces liberated the Ukrainian village of Novohrodivka on Monday.")
        assert (ev.location, ev.sub_event_type, ev.actor1, ev.actor2) == (
            "Novohrodivka",
            "Government regains territory",
            "Ukraine",
            "",
        )

    def test_attacks_repelled_are_no_capture(self, code: Any) -> None:
        # the capture is Novohrodivka's alone; "attacks near Pokrovsk" took nothing
        events = code(
            "Ukraine said its forces repelled attacks near Pokrovsk and Russian troops "
            "captured Novohrodivka."
        )
        assert [e.location for e in events if e.trigger.startswith("territory")] == ["Novohrodivka"]

    def test_a_toll_told_after_a_colon(self, code: Any) -> None:
        # the wounded are the shelling's, not an attack in the speaker's region
        (ev,) = code(
            "Shelling of Nikopol: two wounded, says the governor of Dnipropetrovsk region."
        )
        assert (ev.location, ev.sub_event_type, ev.injured) == (
            "Nikopol",
            "Shelling/artillery/missile attack",
            2,
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                (
                    "Russian missiles struck Kramatorsk on Monday. Two people were killed "
                    "and five wounded."
                ),
                ("Kramatorsk", "Shelling/artillery/missile attack", "Russia", 2, 5),
            ),
            (
                "Russian KAB strike on Kostiantynivka, Donetsk Oblast. 2 killed, 5 wounded.",
                ("Kostyantynivka", "Air/drone strike", "Russia", 2, 5),
            ),
            # the toll told twice counts once
            (
                (
                    "Russian missiles struck Kramatorsk on Monday, killing two. Two "
                    "people were killed."
                ),
                ("Kramatorsk", "Shelling/artillery/missile attack", "Russia", 2, None),
            ),
        ],
    )
    def test_a_toll_told_in_the_next_sentence(
        self, code: Any, text: str, expected: tuple[str, str, str, int, int | None]
    ) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.sub_event_type, ev.actor1, ev.fatalities, ev.injured) == expected

    def test_a_toll_of_deaths_alone(self, code: Any) -> None:
        (ev,) = code("Russian missiles struck Kramatorsk on Monday. Two people were killed.")
        assert (ev.location, ev.fatalities, ev.injured) == ("Kramatorsk", 2, None)
        (ev,) = code("A guided bomb hit Kupiansk on Monday. Three people were injured.")
        assert (ev.location, ev.fatalities, ev.injured) == ("Kupyansk", None, 3)

    def test_a_village_placed_near_a_town_stays_apart_from_it(self, code: Any) -> None:
        # Rubanshchina has no entry and is placed near Sudzha, which was taken too
        events = code(
            "Russia's defense ministry said troops took control over the villages of "
            "Zaoleshenka and Rubanshchina - north and west of the town of Sudzha, the main "
            "town that Moscow reclaimed this week."
        )
        assert sorted(e.location for e in events) == ["Rubanshchina", "Sudzha", "Zaoleshenka"]

    def test_a_district_placed_in_a_village_is_one_event_there(self, code: Any) -> None:
        (ev,) = code("#Robotyne: shelling hit the Dniprovskyi district, two wounded.")
        assert (ev.location, ev.location_level, ev.injured) == ("Robotyne", "village", 2)

    def test_what_is_not_the_event_before(self, code: Any) -> None:
        # another weapon is another event, even without a place
        (ev,) = code("Drones struck Kharkiv on Monday. Missiles killed two people in the evening.")
        assert (ev.location, ev.fatalities) == ("Kharkiv", None)
        # a threat is no event a toll counts
        (ev,) = code(
            "Russian forces will attack Kharkiv on Friday, the governor warned. Two people "
            "were killed."
        )
        assert (ev.status, ev.fatalities) == ("planned", None)
        # with no event before, the toll waits for its place (a name five villages bear:
        # the event lists them and is pinned nowhere)
        (ev,) = code(
            "Two people were killed on Monday.\n\nThe attack took place in the village of "
            "Hlynsk, police said."
        )
        assert (ev.location, ev.fatalities, ev.latitude) == ("Hlynsk", 2, None)
        assert len(ev.alternatives) >= 3

    def test_a_toll_after_a_gap_or_a_protest_is_not_the_strike(self, code: Any) -> None:
        events = code(
            "Russian missiles struck Kramatorsk on Monday. The city council met on "
            "Tuesday. Two people were killed."
        )
        assert [(e.location, e.fatalities) for e in events] == [("Kramatorsk", None)]
        (protest,) = code("Protesters rallied in Kyiv on Monday. Two people were injured.")
        assert (protest.event_type, protest.injured) == ("Protests", None)

    def test_a_district_placed_in_the_town_is_one_event_there(self, code: Any) -> None:
        (ev,) = code(
            "#Kherson: Russian artillery hit a bus stop in the Dniprovskyi district, "
            "1 civilian killed."
        )
        assert (ev.location, ev.admin1, ev.fatalities) == ("Kherson", "Kherson Oblast", 1)

    @pytest.mark.parametrize(
        ("text", "fatalities"),
        [
            ("The death toll from the Russian strike on Dnipro rose to 9 on Monday.", 9),
            ("Death toll from Russian missile strike on Dnipro rises to 9.", 9),
            ("The death toll from the strike on Dnipro stands at 14, officials said.", 14),
            ("The death toll from the strike on Dnipro has reached 12.", 12),
            ("The injury toll from the strike on Dnipro rose to 30.", None),  # no deaths told
        ],
    )
    def test_a_death_toll(self, code: Any, text: str, fatalities: int | None) -> None:
        (ev,) = code(text)
        assert (ev.location, ev.fatalities) == ("Dnipro", fatalities)

    def test_a_toll_told_by_the_next_verb(self, code: Any) -> None:
        (ev,) = code("Russian drones hit Kharkiv and killed two people on Monday.")
        assert (ev.location, ev.sub_event_type, ev.actor1, ev.fatalities) == (
            "Kharkiv",
            "Air/drone strike",
            "Russia",
            2,
        )
        assert ev.event_date == dt.date(2024, 4, 8)

    def test_a_village_near_a_town(self, code: Any) -> None:
        # the Andriivka 10 km from Bakhmut, not a larger namesake; Bakhmut only locates it
        (ev,) = code(
            "Ukrainian Armed Forces liberated Andriivka near Bakhmut, the General Staff said."
        )
        assert (ev.location, ev.admin1, ev.actor1) == ("Andriivka", "Donetsk Oblast", "Ukraine")
        assert abs(ev.latitude - 48.50) < 0.05  # type: ignore[operator]
        assert abs(ev.longitude - 37.97) < 0.05  # type: ignore[operator]

    def test_a_town_the_tagger_reads_as_a_group(self, code: Any) -> None:
        (ev,) = code(
            "Two soldiers were killed when their vehicle hit a landmine near Kidal in northern "
            "Mali."
        )
        assert (ev.location, ev.country_code, ev.sub_event_type, ev.fatalities) == (
            "Kidal",
            "ML",
            "Remote explosive/landmine/IED",
            2,
        )

    @pytest.mark.parametrize(
        ("text", "elsewhere"),
        [
            # "Wad" of "Wad al-Noura" is no Vad in Russia, "Ain" of "Ras al-Ain" no Ain in France
            (("RSF fighters attacked the village of Wad al-Noura in Gezira state on Wednesday, "
              "killing at least 100 people."), "RU"),
            ("Fighting erupted in Ras al-Ain on Monday.", "FR"),
        ],
    )  # fmt: skip
    def test_a_word_of_an_arabic_name(self, code: Any, text: str, elsewhere: str) -> None:
        assert [e.location for e in code(text) if e.country_code == elsewhere] == []
