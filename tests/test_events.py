"""Tests for event coding (geomap.events, geomap.events.rules, geomap.events.actors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from geomap.events import article_events, build_events, dedupe_events
from geomap.events.casualties import casualties, max_known, parse_number
from geomap.events.dating import same_paragraph
from geomap.events.event_type import territory_subtype
from geomap.events.inventory import country_name, demonym_country
from geomap.events.linking import most_specific
from geomap.events.matching import TriggerHit, match_triggers, slips
from geomap.events.merge import (
    absorb,
    contains,
    dates_overlap,
    finer,
    fold_covered,
    merge_retold,
    merge_same_id,
    retold,
    same_place_or_nested,
)
from geomap.events.place import Place
from geomap.events.record import Draft, quote_line
from geomap.events.rules import RULES, Family, Role
from geomap.events.schema import SUB_EVENT_TYPES as ACLED_TYPES
from geomap.geocode import haversine_km
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

from .conftest import SEEDS, SEEDS_GOLD

GOLD = SEEDS_GOLD


def _tokens(spec: Sequence[tuple[str, str, str, str, int]]) -> list[Token]:
    """Tokens from (text, lemma, pos, dep, head index) rows, offsets computed."""
    out, pos = [], 0
    for i, (text, lemma, upos, dep, head) in enumerate(spec):
        out.append(Token(i, pos, pos + len(text), text, lemma, upos, "", dep, head))
        pos += len(text) + 1
    return out


# "a Russian drone attack in Sumy region killed nine bus passengers"
SUMY = _tokens(
    [
        ("a", "a", "DET", "det", 3),
        ("Russian", "russian", "ADJ", "amod", 3),
        ("drone", "drone", "NOUN", "compound", 3),
        ("attack", "attack", "NOUN", "nsubj", 7),
        ("in", "in", "ADP", "prep", 3),
        ("Sumy", "Sumy", "PROPN", "compound", 6),
        ("region", "region", "NOUN", "pobj", 4),
        ("killed", "kill", "VERB", "ROOT", 7),
        ("nine", "nine", "NUM", "nummod", 10),
        ("bus", "bus", "NOUN", "compound", 10),
        ("passengers", "passenger", "NOUN", "dobj", 7),
    ]
)


class TestRules:
    def test_typingslips(self) -> None:
        # one letter dropped, or two neighbours swapped; the word itself is no slip
        assert slips("shell") == {
            "hell", "sell", "shll", "shel",  # dropped
            "hsell", "sehll", "shlel",  # swapped ("shell" swapping its two l's is itself)
        }  # fmt: skip
        assert slips("ab") == {"a", "b", "ba"}
        assert slips("aa") == {"a"}

    def test_every_rule_uses_a_known_type(self) -> None:
        for rule in RULES:
            assert rule.sub_event_type in ACLED_TYPES[rule.event_type], rule.name

    def test_every_role_and_family_is_known_and_used(self) -> None:
        used = {role for rule in RULES for role in rule.roles}
        assert used == set(Role)  # no role the code asks about that no rule has
        assert all(isinstance(role, Role) for role in used)
        assert {rule.family for rule in RULES} == set(Family)
        assert all(isinstance(rule.family, Family) for rule in RULES)

    def test_headline_rules_say_so_in_their_name(self) -> None:
        # Event.trigger carries the rule's name: a headline-only rule ends in ":h"
        for rule in RULES:
            assert (Role.HEADLINE in rule.roles) == rule.name.endswith(":h"), rule.name

    def test_an_instrument_is_a_weapon_that_names_no_event(self) -> None:
        by_name = {r.name: r for r in RULES}
        assert by_name["missile"].instrument  # "missile" alone: the weapon
        assert not by_name["shelling"].instrument  # names its own event
        assert not by_name["shelled:h"].instrument  # a headline word
        assert not by_name["clash"].instrument  # no weapon

    def test_the_code_never_asks_a_rules_name(self) -> None:
        """What a rule is lives in its roles: no module tests a rule's name."""
        import re
        from pathlib import Path

        import geomap.events

        pattern = re.compile(r"rule\.name\s*(==|!=|in\b|not in\b)|rule\.name\.startswith")
        for path in Path(geomap.events.__file__).parent.glob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path.name

    def test_drone_attack(self) -> None:
        names = [h.rule.name for h in match_triggers(SUMY)]
        assert "drone" in names
        assert "attack" in names

    def test_multiword_triggers(self) -> None:
        toks = _tokens(
            [
                ("troops", "troop", "NOUN", "nsubj", 1),
                ("took", "take", "VERB", "ROOT", 1),
                ("control", "control", "NOUN", "dobj", 1),
                ("over", "over", "ADP", "prep", 1),
                ("villages", "village", "NOUN", "pobj", 3),
            ]
        )
        hits = match_triggers(toks)
        assert [h.rule.name for h in hits] == ["territory: take control"]
        assert hits[0].token == 1

    def test_a_surname_is_no_trigger(self) -> None:
        def person(toks: list[Token], *idx: int) -> list[Token]:
            return [t._replace(ent_type="PERSON") if t.i in idx else t for t in toks]

        # "Linda Battle watched the battle": the name is skipped, the later battle counts
        toks = _tokens(
            [
                ("Linda", "linda", "PROPN", "compound", 1),
                ("Battle", "battle", "PROPN", "nsubj", 2),
                ("watched", "watch", "VERB", "ROOT", 2),
                ("the", "the", "DET", "det", 4),
                ("battle", "battle", "NOUN", "dobj", 2),
            ]
        )
        assert [h.token for h in match_triggers(person(toks, 0, 1))] == [4]
        # a capitalised word the model calls no person does not make a surname of the next
        assert [h.token for h in match_triggers(person(toks, 1))] == [1, 4]
        # the first word has no word before it (not the sentence's last one)
        first = _tokens(
            [
                ("Battle", "battle", "NOUN", "nsubj", 1),
                ("raged", "rage", "VERB", "ROOT", 1),
                ("near", "near", "ADP", "prep", 1),
                ("Smith", "smith", "PROPN", "pobj", 2),
            ]
        )
        assert [h.token for h in match_triggers(person(first, 0, 3))] == [0]

    def test_missile_defence_is_not_an_attack(self) -> None:
        toks = _tokens(
            [
                ("Patriot", "Patriot", "PROPN", "compound", 1),
                ("missile", "missile", "NOUN", "compound", 2),
                ("defense", "defense", "NOUN", "compound", 3),
                ("systems", "system", "NOUN", "ROOT", 3),
            ]
        )
        assert match_triggers(toks) == []

    def test_massing_needs_troops(self) -> None:
        alone = _tokens([("massing", "mass", "VERB", "ROOT", 0)])
        assert match_triggers(alone) == []
        toks = _tokens(
            [("troops", "troop", "NOUN", "nsubj", 1), ("massing", "mass", "VERB", "ROOT", 1)]
        )
        assert [h.rule.sub_event_type for h in match_triggers(toks)] == ["Other"]

    def test_window_of_a_multiword_trigger(self) -> None:
        """Later words up to four tokens on, searched forward; compounds adjacent."""
        from geomap.events.matching import _window

        assert _window(["air", "strike"], 0, ("air", "strike")) == [0, 1]
        for word in ["strike", "raid", "attack", "bomb", "bomber", "bombing"]:
            assert _window(["air", "force", word], 0, ("air", word)) is None
        take = ("take", "control")
        assert _window(["take", "back", "the", "whole", "control"], 0, take) == [0, 4]
        assert _window(["take", "back", "the", "whole", "area", "control"], 0, take) is None
        assert _window(["control", "take", "their", "control"], 1, take) == [1, 3]
        assert _window(["take"], 0, take) is None
        assert _window(["drone", "control"], 0, take) is None

    def test_every_occurrence_of_a_trigger_is_tried(self) -> None:
        """A first occurrence that fails (no match, wrong part of speech, a blocking word
        after it) does not hide a later one; a rule that fails does not hide the next."""

        def names(spec: list[tuple[str, str, str, str, int]], **kw: Any) -> list[str]:
            return [h.rule.name for h in match_triggers(_tokens(spec), **kw)]

        air = [
            ("air", "air", "NOUN", "compound", 1),
            ("defence", "defence", "NOUN", "nsubj", 3),
            ("and", "and", "CCONJ", "cc", 1),
            ("air", "air", "NOUN", "compound", 4),
            ("strike", "strike", "NOUN", "conj", 1),
        ]
        assert names(air) == ["air strike"]
        drones = [
            ("drone", "drone", "VERB", "ROOT", 0),
            ("on", "on", "ADP", "prep", 0),
            ("drone", "drone", "NOUN", "pobj", 1),
        ]
        assert names(drones) == ["drone"]
        footage = [
            ("drone", "drone", "NOUN", "compound", 1),
            ("footage", "footage", "NOUN", "nsubj", 2),
            ("shows", "show", "VERB", "ROOT", 2),
            ("drone", "drone", "NOUN", "compound", 4),
            ("attack", "attack", "NOUN", "dobj", 2),
        ]
        assert names(footage) == ["drone", "attack"]
        assert names(footage[:2]) == []  # blocked at the end of the sentence too
        # "seize" needs a place word; the drone rule after it still applies
        seized = [
            ("forces", "force", "NOUN", "nsubj", 1),
            ("seized", "seize", "VERB", "ROOT", 1),
            ("a", "a", "DET", "det", 3),
            ("drone", "drone", "NOUN", "dobj", 1),
        ]
        assert names(seized) == ["drone"]
        # "take" too near the end for "take control" (its words are all there)
        late = [
            ("control", "control", "NOUN", "nsubj", 2),
            ("drone", "drone", "NOUN", "nsubj", 2),
            ("take", "take", "VERB", "ROOT", 2),
        ]
        assert names(late) == ["drone"]
        strike = [("strike", "strike", "NOUN", "ROOT", 0)]
        assert (names(strike), names(strike, headline=True)) == (["attack"], ["strike:h"])

    def test_casualties(self) -> None:
        killed, injured, victims = casualties(SUMY)
        assert (killed, injured) == (9, None)
        assert [v.lemma for v in victims] == ["passenger"]
        wounded = _tokens(
            [
                ("attack", "attack", "NOUN", "ROOT", 0),
                ("that", "that", "PRON", "nsubj", 2),
                ("wounded", "wound", "VERB", "relcl", 0),
                ("one", "one", "NUM", "nummod", 5),
                ("railway", "railway", "NOUN", "compound", 5),
                ("worker", "worker", "NOUN", "dobj", 2),
            ]
        )
        assert casualties(wounded)[:2] == (None, 1)

    def test_numbers_and_countries(self) -> None:
        assert parse_number("1,000") == 1000
        assert parse_number("nine") == 9
        assert parse_number("dozens") is None
        assert country_name("UA") == "Ukraine"


def _counts(spec: Sequence[tuple[str, str, str, str, int]]) -> tuple[Any, ...]:
    """(fatalities, injured, victim lemmas) of a hand-parsed sentence."""
    killed, injured, victims = casualties(_tokens(spec))
    return killed, injured, [v.lemma for v in victims]


class TestCasualties:
    """Casualty counts from the parse (geomap.events.actors), one construction each."""

    def test_dead_and_killed_as_modifiers(self) -> None:
        # "nine dead civilians", "25 people killed"
        assert _counts(
            [
                ("nine", "nine", "NUM", "nummod", 2),
                ("dead", "dead", "ADJ", "amod", 2),
                ("civilians", "civilian", "NOUN", "ROOT", 2),
            ]
        ) == (9, None, ["civilian"])
        assert _counts(
            [
                ("25", "25", "NUM", "nummod", 1),
                ("people", "person", "NOUN", "ROOT", 1),
                ("killed", "kill", "VERB", "acl", 1),
            ]
        ) == (25, None, ["person"])

    def test_subjects_of_die_and_perish(self) -> None:
        # "two people died", "three soldiers perished": the subject, not an object
        for verb, lemma in [("died", "die"), ("perished", "perish")]:
            assert _counts(
                [
                    ("two", "two", "NUM", "nummod", 1),
                    ("people", "person", "NOUN", "nsubj", 2),
                    (verb, lemma, "VERB", "ROOT", 2),
                    ("three", "three", "NUM", "nummod", 4),
                    ("others", "other", "NOUN", "dobj", 2),
                ]
            ) == (2, None, ["person"])
        # "soldiers killed three villagers": the object of a killing verb, not its subject
        assert _counts(
            [
                ("two", "two", "NUM", "nummod", 1),
                ("soldiers", "soldier", "NOUN", "nsubj", 2),
                ("killed", "kill", "VERB", "ROOT", 2),
                ("three", "three", "NUM", "nummod", 4),
                ("villagers", "villager", "NOUN", "dobj", 2),
            ]
        ) == (3, None, ["villager"])

    def test_passive_subjects(self) -> None:
        # "Seven were killed": the count is the subject itself
        assert _counts(
            [
                ("Seven", "seven", "NUM", "nsubjpass", 2),
                ("were", "be", "AUX", "auxpass", 2),
                ("killed", "kill", "VERB", "ROOT", 2),
            ]
        ) == (7, None, ["seven"])
        # "three people were hurt" with "hurt" read as an adjective
        assert _counts(
            [
                ("three", "three", "NUM", "nummod", 1),
                ("people", "person", "NOUN", "nsubjpass", 3),
                ("were", "be", "AUX", "auxpass", 3),
                ("hurt", "hurt", "ADJ", "ROOT", 3),
            ]
        ) == (None, 3, ["person"])

    def test_which_child_is_the_count(self) -> None:
        def killed(child: tuple[str, str, str, str, int]) -> Any:
            return _counts(
                [
                    ("killed", "kill", "VERB", "ROOT", 0),
                    ("bus", "bus", "NOUN", "compound", 3),
                    child,
                    ("passengers", "passenger", "NOUN", "dobj", 0),
                ]
            )[0]

        assert killed(("25", "25", "NUM", "nummod", 3)) == 25
        assert killed(("hundred", "hundred", "NOUN", "nummod", 3)) == 100
        assert killed(("25", "25", "X", "quantmod", 3)) == 25
        assert killed(("25", "25", "NUM", "dep", 3)) == 25  # a number by its tag alone
        assert killed(("many", "many", "ADJ", "amod", 3)) is None
        # "2 drones killed 3 soldiers": only the noun's own children count
        assert _counts(
            [
                ("2", "2", "NUM", "nummod", 1),
                ("drones", "drone", "NOUN", "nsubj", 2),
                ("killed", "kill", "VERB", "ROOT", 2),
                ("3", "3", "NUM", "nummod", 4),
                ("soldiers", "soldier", "NOUN", "dobj", 2),
            ]
        ) == (3, None, ["soldier"])

    def test_largest_count_of_each_kind(self) -> None:
        # "killed residents, 5 guards and 3 passengers; wounded 4 and 2 more"
        assert _counts(
            [
                ("killed", "kill", "VERB", "ROOT", 0),
                ("residents", "resident", "NOUN", "dobj", 0),
                ("5", "5", "NUM", "nummod", 3),
                ("guards", "guard", "NOUN", "dobj", 0),
                ("3", "3", "NUM", "nummod", 5),
                ("passengers", "passenger", "NOUN", "dobj", 0),
                ("wounded", "wound", "VERB", "conj", 0),
                ("4", "4", "NUM", "dobj", 6),
                ("2", "2", "NUM", "dobj", 6),
            ]
        ) == (5, 4, ["resident", "guard", "passenger", "4", "2"])

    @staticmethod
    def _toll(*clauses: tuple[str, str, str, str]) -> int | None:
        """Deaths of hand-parsed toll clauses joined by "and": each clause is (noun
        before "toll" or "", verb lemma, preposition or "" for an object, count words)."""
        rows: list[tuple[str, str, str, str, int]] = []
        for k, (mod, verb, prep, count) in enumerate(clauses):
            base = len(rows)
            toll = base + (1 if mod else 0)
            v = toll + 1
            if mod:
                rows.append((mod, mod, "NOUN", "compound", toll))
            rows.append(("toll", "toll", "NOUN", "nsubj", v))
            rows.append((verb, verb, "VERB", "ROOT" if k == 0 else "conj", v if k == 0 else 1))
            words = count.split()
            at = v
            if prep:
                rows.append((prep, prep, "ADP", "prep", v))
                at = v + 1
            num = len(rows)
            if len(words) == 1:
                rows.append((words[0], words[0], "NUM", "pobj" if prep else "dobj", at))
            else:  # "14 people"
                rows.append((words[0], words[0], "NUM", "nummod", num + 1))
                rows.append((words[1], words[1], "NOUN", "pobj" if prep else "dobj", at))
        if len(clauses) > 1:  # the later verbs hang on the first
            first_verb = next(i for i, r in enumerate(rows) if r[3] == "ROOT")
            rows = [(a, b, c, d, first_verb if d == "conj" else h) for a, b, c, d, h in rows]
        return casualties(_tokens(rows))[0]

    def test_a_death_toll(self) -> None:
        toll = self._toll
        assert toll(("death", "rise", "to", "9")) == 9
        assert toll(("death", "reach", "", "12")) == 12  # "has reached 12"
        assert toll(("", "stand", "at", "14 people")) == 14  # a count on a noun
        assert toll(("injury", "rise", "to", "30")) is None  # injuries are no deaths
        assert toll(("death", "remain", "", "9")) is None  # not a verb a toll moves with
        # the largest of two tolls, each read past the ones that count nothing
        assert toll(("death", "rise", "to", "9"), ("", "stand", "at", "3")) == 9
        assert toll(("injury", "rise", "to", "30"), ("death", "rise", "to", "9")) == 9
        assert toll(("death", "remain", "", "40"), ("death", "rise", "to", "9")) == 9

    @pytest.mark.parametrize(
        ("rows", "deaths"),
        [
            # "the death toll reached 12 at noon": the object, though a phrase follows
            ([("death", "death", "NOUN", "compound", 1), ("toll", "toll", "NOUN", "nsubj", 2),
              ("reached", "reach", "VERB", "ROOT", 2), ("12", "12", "NUM", "dobj", 2),
              ("at", "at", "ADP", "prep", 2), ("noon", "noon", "NOUN", "pobj", 4)], 12),
            # "the death toll rose to 9 in 24 hours": not the hours
            ([("death", "death", "NOUN", "compound", 1), ("toll", "toll", "NOUN", "nsubj", 2),
              ("rose", "rise", "VERB", "ROOT", 2), ("to", "to", "ADP", "prep", 2),
              ("9", "9", "NUM", "pobj", 3), ("in", "in", "ADP", "prep", 2),
              ("24", "24", "NUM", "nummod", 7), ("hours", "hour", "NOUN", "pobj", 5)], 9),
            # "prices rose to 9": no toll, no deaths
            ([("prices", "price", "NOUN", "nsubj", 1), ("rose", "rise", "VERB", "ROOT", 1),
              ("to", "to", "ADP", "prep", 1), ("9", "9", "NUM", "pobj", 2)], None),
        ],
    )  # fmt: skip
    def test_a_toll_counts_only_its_own_numbers(
        self, rows: list[tuple[str, str, str, str, int]], deaths: int | None
    ) -> None:
        assert _counts(rows)[0] == deaths

    @pytest.mark.parametrize(
        ("rows", "deaths"),
        [
            # "the gunman fatally shot a policeman": one, though no number is told
            ([("gunman", "NN", "nsubj", 2), ("fatally", "RB", "advmod", 2),
              ("shot", "VBD", "ROOT", 2), ("policeman", "NN", "dobj", 2)], 1),
            # "the gunman fatally shot two men", "... shot policemen" (how many untold)
            ([("gunman", "NN", "nsubj", 2), ("fatally", "RB", "advmod", 2),
              ("shot", "VBD", "ROOT", 2), ("two", "CD", "nummod", 4), ("men", "NNS", "dobj", 2)],
             2),
            ([("gunman", "NN", "nsubj", 2), ("fatally", "RB", "advmod", 2),
              ("shot", "VBD", "ROOT", 2), ("policemen", "NNS", "dobj", 2)], None),
            # "a man was fatally stabbed", "two men were fatally stabbed"
            ([("man", "NN", "nsubjpass", 2), ("fatally", "RB", "advmod", 2),
              ("stabbed", "VBN", "ROOT", 2)], 1),
            ([("two", "CD", "nummod", 1), ("men", "NNS", "nsubjpass", 3),
              ("fatally", "RB", "advmod", 3), ("stabbed", "VBN", "ROOT", 3)], 2),
            # "the gunman fatally shot": no victim named, the gunman is none
            ([("gunman", "NN", "nsubj", 2), ("fatally", "RB", "advmod", 2),
              ("shot", "VBD", "ROOT", 2)], None),
            # "fatally shot two men and fatally stabbed a woman": the larger
            ([("fatally", "RB", "advmod", 1), ("shot", "VBD", "ROOT", 1),
              ("two", "CD", "nummod", 3), ("men", "NNS", "dobj", 1),
              ("fatally", "RB", "advmod", 5), ("stabbed", "VBD", "conj", 1),
              ("woman", "NN", "dobj", 5)], 2),
            ([("fatally", "RB", "advmod", 1), ("stabbed", "VBD", "ROOT", 1),
              ("woman", "NN", "dobj", 1), ("fatally", "RB", "advmod", 4),
              ("shot", "VBD", "conj", 1), ("two", "CD", "nummod", 6),
              ("men", "NNS", "dobj", 4)], 2),
        ],
    )  # fmt: skip
    def test_fatally(self, rows: list[tuple[str, str, str, int]], deaths: int | None) -> None:
        pos = {"NN": "NOUN", "NNS": "NOUN", "RB": "ADV", "VBD": "VERB", "VBN": "VERB", "CD": "NUM"}
        toks, at = [], 0
        for i, (word, tag, dep, head) in enumerate(rows):
            lemma = {"shot": "shoot", "stabbed": "stab", "men": "man"}.get(word, word)
            toks.append(Token(i, at, at + len(word), word, lemma, pos[tag], tag, dep, head))
            at += len(word) + 1
        assert casualties(toks)[0] == deaths

    def test_the_largest_of_verb_adverb_and_toll(self) -> None:
        # "killed 3 ...; the death toll rose to 9" and "killed 5 ...; the toll rose to 2"
        for first, toll, expected in [("3", "9", 9), ("5", "2", 5)]:
            rows = [
                ("killed", "kill", "VERB", "ROOT", 0),
                (first, first, "NUM", "dobj", 0),
                ("toll", "toll", "NOUN", "nsubj", 3),
                ("rose", "rise", "VERB", "conj", 0),
                ("to", "to", "ADP", "prep", 3),
                (toll, toll, "NUM", "pobj", 4),
            ]
            assert _counts(rows)[0] == expected
        # "fatally shot two men and killed 3 others" / "... killed 1 other"
        for other, expected in [("3", 3), ("1", 2)]:
            rows = [
                ("fatally", "fatally", "ADV", "advmod", 1),
                ("shot", "shoot", "VERB", "ROOT", 1),
                ("two", "two", "NUM", "nummod", 3),
                ("men", "man", "NOUN", "dobj", 1),
                ("killed", "kill", "VERB", "conj", 1),
                (other, other, "NUM", "dobj", 4),
            ]
            assert _counts(rows)[0] == expected

    def test_country_names(self) -> None:
        assert (country_name("ua"), country_name("ZZ"), country_name("zz")) == (
            "Ukraine",
            "ZZ",
            "ZZ",
        )
        assert country_name("") == ""
        assert demonym_country("Ukrainian") == "UA"
        assert demonym_country("Martian") == ""


def _event(article: str, **kw: Any) -> Event:
    base: dict[str, Any] = {
        "event_id": f"id-{article}",
        "article_id": article,
        "event_date": dt.date(2025, 7, 20),
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "location": "Odesa",
        "country": "Ukraine",
        "country_code": "UA",
        "admin1": "Odessa",
        "latitude": 46.48572,
        "longitude": 30.74383,
        "geo_precision": 1,
        "location_level": "city",
        "notes": "quote",
        "quote_start": 0,
        "quote_end": 5,
        "fatalities": 1,
        "confidence": 0.5,
    }
    base.update(kw)
    return Event(**base)


class TestDedupe:
    def test_same_place_and_day_across_articles_merge(self) -> None:
        a = _event("a")
        b = _event("b", latitude=46.50, fatalities=3, event_date=dt.date(2025, 7, 19))
        (merged,) = dedupe_events([a, b], days=1, km=5.0)
        assert merged.sources == ("a", "b")
        assert merged.fatalities == 3
        assert merged.event_date == dt.date(2025, 7, 19)

    def test_window_is_respected(self) -> None:
        a = _event("a")
        far = _event("b", latitude=47.0)
        late = _event("c", event_date=dt.date(2025, 7, 25))
        other = _event("d", event_type="Battles", sub_event_type="Armed clash")
        assert len(dedupe_events([a, far, late, other], days=1, km=5.0)) == 4

    def test_same_article_never_merges(self) -> None:
        a = _event("a")
        b = replace(_event("a"), event_id="other", location="Rubanshchina")
        assert len(dedupe_events([a, b], days=1, km=5.0)) == 2

    def test_more_precise_report_wins(self) -> None:
        vague = _event("a", time_precision=2, geo_precision=3)
        exact = _event("b")
        (merged,) = dedupe_events([vague, exact], days=1, km=5.0)
        assert merged.article_id == "b"
        assert set(merged.sources) == {"a", "b"}

    def test_a_merged_event_keeps_every_source(self) -> None:
        """Each source's link, name and date stay with it, whichever record wins."""
        refs = {
            "tg-1": ("https://t.me/kharkiv_live/101", "kharkiv_live", "2025-07-20"),
            "bbc": ("https://www.bbc.co.uk/news/x", "BBC", "2025-07-19"),
            "sheet:3": ("", "sheet.csv", "2025-07-20"),
        }
        made = [
            _event(
                sid, sources=(sid,), source_urls=(url,), source_names=(name,),
                source_dates=(day,), confidence=c,
            )
            for (sid, (url, name, day)), c in zip(refs.items(), (0.5, 0.9, 0.6), strict=True)
        ]  # fmt: skip
        (merged,) = dedupe_events(made, days=1, km=5.0)
        assert merged.article_id == "bbc"  # the surest record
        assert merged.sources == ("bbc", "sheet:3", "tg-1")
        got = list(zip(merged.source_urls, merged.source_names, merged.source_dates, strict=True))
        assert got == [refs[s] for s in merged.sources]

    def test_default_window_is_a_day_and_5_km(self) -> None:
        a = _event("a")
        assert len(dedupe_events([a, _event("b", latitude=46.53572)])) == 2  # 5.6 km
        assert len(dedupe_events([a, _event("b", event_date=dt.date(2025, 7, 22))])) == 2
        assert len(dedupe_events([a, _event("b", event_date=dt.date(2025, 7, 21))])) == 1

    def test_merged_record(self) -> None:
        """The most precise report, then the surest; the largest counts; every source; a
        confidence raised 0.05 per extra report, at most 1."""
        a = _event("a", confidence=0.5, injured=None, fatalities=2, civilian_targeting=True)
        b = _event("b", confidence=0.7, injured=1, fatalities=None)
        c = _event("c", confidence=0.6, injured=4, fatalities=3)
        (merged,) = dedupe_events([a, b, c], days=1, km=5.0)
        assert merged == replace(
            b,
            fatalities=3,
            injured=4,
            civilian_targeting=True,
            sources=("a", "b", "c"),
            source_urls=("", "", ""),
            source_names=("", "", ""),
            source_dates=("", "", ""),
            confidence=pytest.approx(0.8, abs=1e-12),
        )
        sure = [_event("a", confidence=0.98), _event("b", confidence=0.9)]
        (capped,) = dedupe_events(sure, days=1, km=5.0)
        assert (capped.article_id, capped.confidence) == ("a", 1.0)

    def test_single_record_keeps_or_gets_its_sources(self) -> None:
        alone = _event("a")
        told = _event("b", location="Sumy", latitude=50.9, sources=("b", "x"))
        assert [e.sources for e in dedupe_events([alone, told], days=1, km=5.0)] == [
            ("a",),
            ("b", "x"),
        ]

    @pytest.mark.parametrize(
        ("lat_a", "lat_b"),
        [(-12.3, -12.3449), (-12.3, -12.2551), (-12.32118, -12.36608)],
    )
    def test_index_finds_neighbours_across_bands(self, lat_a: float, lat_b: float) -> None:
        """Two reports under 5 km apart in neighbouring latitude bands, named differently
        (so only the band index finds them), south of the equator too."""
        a = _event("a", location="Lindi", country_code="TZ", latitude=lat_a, longitude=30.0)
        b = replace(_event("b", latitude=lat_b, longitude=30.0), location="Lindi bay")
        assert haversine_km(lat_a, 30.0, lat_b, 30.0) <= 5.0
        (merged,) = dedupe_events([a, b], days=1, km=5.0)
        assert merged.sources == ("a", "b")

    def test_build_events_reads_the_window_from_settings(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The coder's events of every article go through one dedup with the run's window."""
        import geomap.events as events_module

        coded = {"a": [_event("a")], "b": [_event("b")]}
        seen: list[tuple[Any, ...]] = []

        class Coder:
            def __init__(self, pa: Any, by_key: dict[tuple[str, int, int], Any]) -> None:
                seen.append((pa.article.id, sorted(by_key)))
                self.id = pa.article.id

            def run(self) -> list[Event]:
                return coded[self.id]

        def dedupe(events: list[Event], *, days: int, km: float) -> list[Event]:
            seen.append((days, km))
            return events[:1]

        monkeypatch.setattr(events_module, "ArticleCoder", Coder)
        monkeypatch.setattr(events_module, "dedupe_events", dedupe)
        parsed = [
            ParsedArticle(Article(id=i, text="Shelling hit Sumy."), (), ()) for i in ("a", "b")
        ]
        mention = PlaceMention("a", 13, 17, "Sumy", "Sumy", 0, 18)
        resolved = [ResolvedPlace(mention=mention, entry=P_SUMY, method="gazetteer")]
        custom = Settings(dedup_days=3, dedup_km=12.5)
        assert build_events(parsed, resolved, settings=custom) == coded["a"]
        assert seen == [("a", [("a", 13, 17)]), ("b", [("a", 13, 17)]), (3, 12.5)]
        seen.clear()
        assert build_events(parsed, resolved, settings=object()) == coded["a"]
        assert seen[-1] == (1, 5.0)
        seen.clear()
        assert article_events(parsed[1], resolved) == coded["b"]
        assert seen == [("b", [("a", 13, 17)])]

    def test_indexed_grouping_equals_a_scan_of_every_group(self) -> None:
        """The indexed dedup groups exactly as the plain first-fit scan does."""
        import random

        from geomap.events import _merge, _same_event

        def scan(events: list[Event], days: int, km: float) -> list[Event]:
            groups: list[list[Event]] = []
            for ev in events:
                for g in groups:
                    if all(_same_event(ev, o, days=days, km=km) for o in g):
                        g.append(ev)
                        break
                else:
                    groups.append([ev])
            return [_merge(g) for g in groups]

        rng = random.Random(5)
        types = ["Explosions/Remote violence", "Battles"]
        events = []
        for i in range(600):
            located = rng.random() < 0.85
            events.append(
                _event(
                    f"a{rng.randrange(120)}",
                    event_id=f"e{i}",
                    event_type=rng.choice(types),
                    event_date=(
                        None if rng.random() < 0.1 else dt.date(2025, 7, 1 + rng.randrange(6))
                    ),
                    location=rng.choice(["Odesa", "Sumy", "Kharkiv"]),
                    country_code=rng.choice(["UA", "UA", "RU"]),
                    latitude=46.4 + rng.random() * 0.2 if located else None,
                    longitude=30.7 + rng.random() * 0.2 if located else None,
                )
            )
        for days, km in [(1, 5.0), (0, 2.0), (2, 15.0)]:
            fast = dedupe_events(events, days=days, km=km)
            assert fast == scan(events, days, km)
            assert len(fast) < len(events)


def _place(gid: int, name: str, level: str, cc: str, a1: str) -> GazetteerEntry:
    return GazetteerEntry(gid, name, name, 50.0, 30.0, "P", "PPL", cc, a1, "", 0, "geonames", level)


P_UKRAINE = _place(690791, "Ukraine", "country", "UA", "00")
P_SUMY_OBLAST = _place(692196, "Sumy Oblast", "admin1", "UA", "21")
P_SUMY = _place(692194, "Sumy", "city", "UA", "21")
P_HLYNSK = _place(9001, "Hlynsk", "village", "UA", "21")
P_KHARKIV = _place(706483, "Kharkiv", "city", "UA", "07")
P_BELGOROD = _place(578072, "Belgorod", "city", "RU", "09")


def _Draft(  # noqa: N802  (reads as the record it makes)
    event: Event, entry: GazetteerEntry | None, sentence: int, *, part: bool = False
) -> Draft:
    """A violent event's draft, as the coder makes it."""
    return Draft(event, entry, sentence, Family.VIOLENCE, part)


class TestMerge:
    """How two records of one event combine (geomap.events.merge), on made-up events."""

    def test_absorb_completes_the_kept_record(self) -> None:
        kept = _event("a", fatalities=None, injured=2, actor2="", weapons="", quantity=None)
        other = _event(
            "a",
            fatalities=4,
            injured=5,
            civilian_targeting=True,
            actor1="Russia",
            actor2="Belarus",
            weapons="Shahed",
            quantity=12,
        )
        merged = absorb(kept, other)
        assert merged == replace(
            kept,
            fatalities=4,
            injured=5,
            civilian_targeting=True,
            actor1="Russia",
            actor2="Belarus",
            weapons="Shahed",
            quantity=12,
        )
        full = _event(
            "a", injured=3, actor1="Russia", actor2="Ukraine", weapons="Iskander", quantity=0
        )
        other = _event(
            "a", injured=1, actor1="Belarus", actor2="Belarus", weapons="Shahed", quantity=9
        )
        assert absorb(full, other) == full
        assert absorb(_event("a", civilian_targeting=True), _event("a")).civilian_targeting
        assert max_known([None, 3, None, 7]) == 7
        assert max_known([None, None]) is None

    def test_places_nest_by_country_then_division(self) -> None:
        assert contains(P_UKRAINE, P_SUMY)
        assert contains(P_SUMY_OBLAST, P_SUMY)
        assert not contains(P_SUMY, P_SUMY_OBLAST)
        assert not contains(P_SUMY_OBLAST, P_KHARKIV)  # another division
        assert not contains(P_UKRAINE, P_BELGOROD)  # another country
        assert not contains(P_SUMY, P_HLYNSK)  # two settlements
        assert not contains(P_SUMY_OBLAST._replace(admin1_code=""), P_SUMY._replace(admin1_code=""))
        assert same_place_or_nested(P_SUMY, P_SUMY._replace(name="Sumy city", level="other"))
        assert same_place_or_nested(P_SUMY, P_SUMY._replace(geonameid=-1, level="admin2"))
        assert same_place_or_nested(P_SUMY, P_UKRAINE)
        assert same_place_or_nested(P_SUMY_OBLAST, P_HLYNSK)
        assert not same_place_or_nested(P_SUMY, P_HLYNSK)
        assert not same_place_or_nested(P_SUMY, P_BELGOROD)

    def test_dates_overlap_at_their_precision(self) -> None:
        def ev(day: dt.date | None, precision: int = 1) -> Event:
            return _event("a", event_date=day, time_precision=precision)

        assert dates_overlap(ev(None), ev(None))
        assert not dates_overlap(ev(None), ev(dt.date(2025, 7, 20)))
        assert not dates_overlap(ev(dt.date(2025, 7, 20)), ev(None))
        assert dates_overlap(ev(dt.date(2025, 7, 20)), ev(dt.date(2025, 7, 20)))
        assert not dates_overlap(ev(dt.date(2025, 7, 20)), ev(dt.date(2025, 7, 21)))
        # a week: seven days either side
        assert dates_overlap(ev(dt.date(2025, 7, 20), 2), ev(dt.date(2025, 7, 27)))
        assert not dates_overlap(ev(dt.date(2025, 7, 20)), ev(dt.date(2025, 7, 28), 2))
        # a month: the same calendar month, whichever side is vague
        july, august = dt.date(2025, 7, 30), dt.date(2025, 8, 2)
        assert not dates_overlap(ev(july, 3), ev(august))
        assert not dates_overlap(ev(july), ev(august, 3))
        assert not dates_overlap(ev(july, 3), ev(august, 3))
        assert dates_overlap(ev(dt.date(2025, 7, 1), 3), ev(july))
        assert dates_overlap(ev(july), ev(dt.date(2025, 7, 1), 3))
        assert not dates_overlap(ev(july, 3), ev(dt.date(2024, 7, 1), 3))

    @pytest.mark.parametrize(
        ("actor1", "actor2", "expected"),
        [
            ("", "Russia", ("Government regains territory", "Ukraine")),
            ("", "Ukraine", ("Armed clash", "")),
            ("", "", ("Armed clash", "")),
            ("Ukraine", "Russia", ("Government regains territory", "Ukraine")),
            ("Russia", "Ukraine", ("Armed clash", "Russia")),
            ("Russia", "Belarus", ("Armed clash", "Russia")),
            ("Wagner Group", "Ukraine", ("Non-state actor overtakes territory", "Wagner Group")),
            ("Wagner Group", "", ("Non-state actor overtakes territory", "Wagner Group")),
        ],
    )
    def test_territory_subtype(self, actor1: str, actor2: str, expected: tuple[str, str]) -> None:
        assert territory_subtype(actor1, actor2, "UA") == expected

    def test_retold_needs_type_status_date_and_place(self) -> None:
        day = dt.date(2025, 7, 20)
        a = _event("a", location="Sumy", location_level="city", event_date=day)

        def told(b: Event, ea: Any = P_SUMY, eb: Any = P_SUMY, **kw: Any) -> bool:
            return retold(a, b, ea, eb, **kw)

        assert told(replace(a))
        assert not told(replace(a, event_type="Battles"))
        assert not told(replace(a, status="planned"))
        assert not told(replace(a), ea=None)
        assert not told(replace(a), eb=None)
        assert told(replace(a, event_date=day - dt.timedelta(days=1)))
        assert told(replace(a, event_date=day + dt.timedelta(days=1)))
        assert not told(replace(a, event_date=day - dt.timedelta(days=2)))
        assert told(replace(a, event_date=day - dt.timedelta(days=3), time_precision=2))
        assert not told(replace(a, event_date=None))
        assert not retold(replace(a, event_date=None), a, P_SUMY, P_SUMY)
        assert retold(replace(a, event_date=None), replace(a, event_date=None), P_SUMY, P_SUMY)
        # one entry under two names at one level: a place located relative to another
        assert not told(replace(a, location="Sumy outskirts"))
        assert told(replace(a, location="Sumy Oblast", location_level="admin1"), eb=P_SUMY_OBLAST)
        assert not told(replace(a, location="Hlynsk"), eb=P_HLYNSK)

    @pytest.mark.parametrize(("days", "expected"), [(0, True), (5, True), (7, True), (8, False)])
    def test_retold_headline_sums_up_the_week_before(self, days: int, expected: bool) -> None:
        day = dt.date(2025, 7, 20)
        head = _event("a", location="Sumy region", location_level="city", event_date=day)
        body = replace(head, location="Sumy", event_date=day - dt.timedelta(days=days))
        assert retold(head, body, P_SUMY, P_SUMY, headline=True) is expected
        assert retold(head, body, P_SUMY, P_SUMY) is False  # two names at one level otherwise
        assert retold(head, replace(body, event_date=None), P_SUMY, P_SUMY, headline=True) is False
        assert retold(replace(head, event_date=None), body, P_SUMY, P_SUMY, headline=True) is False
        later = replace(body, event_date=day + dt.timedelta(days=2))
        assert retold(head, later, P_SUMY, P_SUMY, headline=True) is False

    def test_finer_record(self) -> None:
        base = _event("a", geo_precision=2, time_precision=2, confidence=0.5)
        assert finer(replace(base, geo_precision=1, time_precision=3), base)
        assert finer(replace(base, time_precision=1, confidence=0.1), base)
        assert finer(replace(base, confidence=0.9), base)
        assert not finer(replace(base, confidence=0.1), base)
        assert not finer(base, replace(base))

    def test_fold_covered(self) -> None:
        day = dt.date(2025, 7, 20)
        region = _event("a", location="Sumy Oblast", location_level="admin1", geo_precision=3,
                        fatalities=4, event_date=day)  # fmt: skip
        town = _event("a", location="Hlynsk", fatalities=None, actor1="Russia", event_date=day)

        def fold(*drafts: _Draft) -> list[tuple[str, int | None]]:
            return [(d.event.location, d.event.fatalities) for d in fold_covered(drafts)]

        # the region's event is the town's, told coarser: one event, knowing both
        assert fold(_Draft(region, P_SUMY_OBLAST, 0), _Draft(town, P_HLYNSK, 1)) == [("Hlynsk", 4)]
        # a region with two of its towns: the towns' events stand, the region's goes
        other = replace(town, location="Sumy", fatalities=2)
        assert fold(
            _Draft(region, P_SUMY_OBLAST, 0), _Draft(town, P_HLYNSK, 1), _Draft(other, P_SUMY, 2)
        ) == [("Hlynsk", None), ("Sumy", 2)]
        # another type, a planned event, another day or a place elsewhere: apart
        for fine, entry in [
            (replace(town, event_type="Battles"), P_HLYNSK),
            (replace(town, status="planned"), P_HLYNSK),
            (replace(town, event_date=day - dt.timedelta(days=9)), P_HLYNSK),
            (replace(town, location="Kharkiv"), P_KHARKIV),
        ]:
            got = fold(_Draft(region, P_SUMY_OBLAST, 0), _Draft(fine, entry, 1))
            assert got == [("Sumy Oblast", 4), (fine.location, None)]
        # an event placed nowhere covers nothing and is covered by nothing
        assert len(fold(_Draft(region, None, 0), _Draft(town, P_HLYNSK, 1))) == 2
        assert len(fold(_Draft(region, P_SUMY_OBLAST, 0), _Draft(town, None, 1))) == 2

    def test_merge_same_id(self) -> None:
        strike = _event("a", fatalities=2, injured=None, actor1="", weapons="")
        again = replace(strike, fatalities=5, injured=7, actor1="Russia", weapons="drone")
        other = replace(strike, event_id="id-b", location="Kharkiv", fatalities=1)
        kept = merge_same_id([_Draft(strike, P_SUMY, 1), _Draft(other, P_KHARKIV, 1),
                              _Draft(again, P_SUMY, 1)])  # fmt: skip
        # one record per id, in first-seen order; the first completed by the second
        assert [d.event.event_id for d in kept] == ["id-a", "id-b"]
        assert kept[0].event == replace(strike, fatalities=5, injured=7, actor1="Russia",
                                        weapons="drone")  # fmt: skip
        assert kept[1].event == other
        assert merge_same_id([]) == []

    def test_merge_a_part_with_its_town(self) -> None:
        day = dt.date(2025, 7, 20)
        town = _event("a", location="Sumy", fatalities=None, event_date=day)
        part = replace(town, event_id="id-b", location="Zarichnyi", injured=2)
        for first, second in [
            (_Draft(town, P_SUMY, 1), _Draft(part, P_SUMY, 1, part=True)),
            (_Draft(part, P_SUMY, 1, part=True), _Draft(town, P_SUMY, 1)),
        ]:
            kept = merge_same_id([first, second])
            assert [(d.event.injured, d.event.fatalities) for d in kept] == [(2, None)]
        # another sentence, sub-event type, day or status, no entry, or no part: apart
        for other, sentence, entry, is_part in [
            (part, 2, P_SUMY, True),
            (replace(part, sub_event_type="Shelling/artillery/missile attack"), 1, P_SUMY, True),
            (replace(part, event_date=day - dt.timedelta(days=1)), 1, P_SUMY, True),
            (replace(part, status="planned"), 1, P_SUMY, True),
            (part, 1, None, True),
            (part, 1, P_SUMY, False),  # "the villages of A and B", B placed near A
        ]:
            got = merge_same_id(
                [_Draft(town, P_SUMY, 1), _Draft(other, entry, sentence, part=is_part)]
            )
            assert [d.event.location for d in got] == ["Sumy", "Zarichnyi"]

    def test_merge_retold_sentences(self) -> None:
        day = dt.date(2025, 7, 20)
        sumy = _event("a", location="Sumy", fatalities=3, confidence=0.6, event_date=day)
        again = replace(sumy, fatalities=5, actor1="Russia", confidence=0.5)
        drafts = [
            _Draft(sumy, P_SUMY, 1),
            _Draft(replace(sumy), P_SUMY, 1),
            _Draft(again, P_SUMY, 3),
        ]
        kept = merge_retold(drafts)
        # a sentence's own records stay apart; the later retelling completes the first
        assert [(d.sentence, d.event.fatalities, d.event.actor1) for d in kept] == [
            (1, 5, "Russia"),
            (1, 3, ""),
        ]
        assert kept[0].entry == P_SUMY
        # the finer record (the city, not the country) is kept, with what the other knew
        vague = _event(
            "a",
            location="Ukraine",
            location_level="country",
            geo_precision=3,
            fatalities=7,
            event_date=day,
        )
        (one,) = merge_retold([_Draft(vague, P_UKRAINE, 1), _Draft(again, P_SUMY, 2)])
        assert (one.event.location, one.event.fatalities, one.event.actor1) == ("Sumy", 7, "Russia")
        assert one.entry == P_SUMY
        # a headline (sentence 0) takes the body's telling of the week before
        head = replace(sumy, location="Sumy region")
        body = replace(sumy, event_date=day - dt.timedelta(days=5), fatalities=9)
        (merged,) = merge_retold([_Draft(head, P_SUMY, 0), _Draft(body, P_SUMY, 2)])
        assert merged.event.fatalities == 9
        apart = merge_retold([_Draft(head, P_SUMY, 1), _Draft(body, P_SUMY, 2)])
        assert len(apart) == 2
        # ... and is dated by it (not the publication day), summing up one body event: a
        # second one two days later is an event of its own
        later = replace(body, event_date=day - dt.timedelta(days=3), fatalities=1)
        kept = merge_retold(
            [_Draft(head, P_SUMY, 0), _Draft(body, P_SUMY, 2), _Draft(later, P_SUMY, 4)]
        )
        assert [(d.event.event_date, d.event.fatalities) for d in kept] == [
            (day - dt.timedelta(days=5), 9),
            (day - dt.timedelta(days=3), 1),
        ]


@pytest.fixture(scope="module")
def run(settings: Settings, gazetteer: Any) -> tuple[Any, ...]:
    from geomap.evaluation.seeds import read_seeds_gold, score_seeds
    from geomap.geocode import geocode_mentions
    from geomap.ingest import read_articles
    from geomap.places import parse_articles

    articles = read_articles([SEEDS])
    parsed = parse_articles(articles, settings=settings, gazetteer=gazetteer)
    resolved = geocode_mentions(parsed, gazetteer, settings=settings)
    events = build_events(parsed, resolved, settings=settings)
    report = score_seeds(read_seeds_gold(GOLD), parsed, resolved, events)
    return parsed, resolved, events, report


@pytest.mark.model
@pytest.mark.slow
class TestSeeds:
    """The real pipeline on the five seed articles, scored against seeds_gold.json."""

    def test_required_events(self, run: tuple[Any, ...]) -> None:
        report = run[3]
        found, total = report.event_score(required=True)
        missing = [r for r in report.events if r.required and r.status != "ok"]
        print(f"\nseeds events: {found}/{total} required, {report.n_system_events} emitted")
        for r in missing:
            print(f"  missing {r.article_id} {r.location}: {r.reason}")
        assert found == total

    def test_no_misplaced_events(self, run: tuple[Any, ...]) -> None:
        assert run[3].misplaced == ()

    def test_no_flood(self, run: tuple[Any, ...]) -> None:
        events: list[Event] = run[2]
        per_article: dict[str, int] = {}
        for ev in events:
            per_article[ev.article_id] = per_article.get(ev.article_id, 0) + 1
        assert max(per_article.values()) <= 6

    def test_records_are_well_formed(self, run: tuple[Any, ...]) -> None:
        parsed, _, events, _ = run
        texts = {p.article.id: p.article.text for p in parsed}
        for ev in events:
            assert ev.sub_event_type in ACLED_TYPES[ev.event_type]
            assert texts[ev.article_id][ev.quote_start : ev.quote_end] == ev.notes
            assert ev.trigger
            assert 0.0 <= ev.confidence <= 1.0
            assert ev.time_precision in {1, 2, 3}
            assert ev.geo_precision in {1, 2, 3}
            assert ev.status in {"occurred", "planned"}
            assert ev.article_id in ev.sources
        assert len({ev.event_id for ev in events}) == len(events)

    def test_key_details(self, run: tuple[Any, ...]) -> None:
        events: list[Event] = run[2]
        by_loc = {ev.location: ev for ev in events}
        bilo = by_loc["Bilopillia"]
        assert (bilo.fatalities, bilo.injured, bilo.civilian_targeting) == (9, 7, True)
        assert bilo.actor1 == "Russia"
        shahed = next(ev for ev in events if "Shahed" in ev.weapons)
        assert (shahed.quantity, shahed.location_level, shahed.geo_precision) == (90, "country", 3)
        assert by_loc["Rubanshchina"].geo_precision == 2
        assert by_loc["Pokrovsk"].sub_event_type == "Other"
        assert by_loc["Kyiv"].event_date == dt.date(2025, 8, 28)
        planned = [ev for ev in events if ev.status == "planned"]
        assert all(ev.event_date and ev.event_date > dt.date(2025, 1, 1) for ev in planned)

    def test_deterministic(self, run: tuple[Any, ...], settings: Settings) -> None:
        parsed, resolved, events, _ = run
        again = build_events(parsed, resolved, settings=settings)
        assert [e.event_id for e in again] == [e.event_id for e in events]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "date", "location"),
    [
        ("Ukrainian and Russian delegations will meet in Geneva next week, officials said.",
         dt.date(2025, 5, 21), "Geneva"),
        ("The two presidents are due to hold talks in Vienna on Friday.",
         dt.date(2025, 5, 16), "Vienna"),
    ],
)  # fmt: skip
def test_planned_events(
    text: str, date: dt.date, location: str, settings: Settings, gazetteer: Any
) -> None:
    """Future-tense events are coded as planned, dated forward (the seeds have none)."""
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    art = Article(id="plan", text=text, published=dt.date(2025, 5, 14))  # a Wednesday
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    resolved = geocode_mentions(parsed, gazetteer, settings=settings)
    events = build_events(parsed, resolved, settings=settings)
    got = [(e.event_type, e.status, e.event_date, e.location) for e in events]
    assert got == [("Diplomacy", "planned", date, location)]


def _quote_of(text: str, sentence: str, trigger: str) -> str:
    """The quote the coder gives an event whose trigger is in ``sentence`` of ``text``."""
    start = text.index(sentence)
    end = start + len(sentence)
    at = text.index(trigger, start)
    hit = TriggerHit(RULES[0], 0, at, at + len(trigger))
    s, e = quote_line(text, start, end, hit)
    return text[s:e]


@pytest.mark.parametrize(
    ("text", "sentence", "quote"),
    [
        # a sentence run over several lines: the trigger's line, trimmed
        ("Wire report\nNews.\n Rebel artillery shelled Aleppo. \nMore.\nEnd.", None,
         "Rebel artillery shelled Aleppo."),
        ("Wire\nRebel artillery shelled Aleppo.", None, "Rebel artillery shelled Aleppo."),
        # a sentence in the middle of a line: the sentence only
        ("Intro.\nRebels fired. Artillery shelled Aleppo. Next one.\nTail.",
         "Artillery shelled Aleppo.", "Artillery shelled Aleppo."),
    ],
)  # fmt: skip
def test_quote_is_the_triggers_line_in_the_sentence(
    text: str, sentence: str | None, quote: str
) -> None:
    assert _quote_of(text, sentence or text, "shelled") == quote


def _at(
    entry: GazetteerEntry, name: str = "", parent: str | None = None, method: str = "gazetteer"
) -> Place:
    m = PlaceMention("a", 0, 1, name or entry.name, name or entry.name, 0, 1, parent=parent)
    return Place(ResolvedPlace(m, entry, method), head=0)


@pytest.mark.parametrize(
    ("places", "kept"),
    [
        # a country goes when a finer place is there, even of another country
        ([_at(P_UKRAINE), _at(P_BELGOROD)], ["Belgorod"]),
        # a place named as another's parent goes, the other stays (unless it is alone)
        ([_at(P_SUMY), _at(P_HLYNSK, parent="Sumy")], ["Hlynsk"]),
        ([_at(P_SUMY, parent="Sumy")], ["Sumy"]),
        # a division containing another place goes
        ([_at(P_SUMY_OBLAST), _at(P_HLYNSK)], ["Hlynsk"]),
        # two places are both kept, the same place once
        ([_at(P_SUMY), _at(P_KHARKIV)], ["Sumy", "Kharkiv"]),
        ([_at(P_SUMY), _at(P_SUMY), _at(P_KHARKIV)], ["Sumy", "Kharkiv"]),
    ],
)
def test_most_specific_places(places: list[Place], kept: list[str]) -> None:
    assert [p.entry.name for p in most_specific(places)] == kept


@pytest.mark.parametrize(
    ("places", "kept"),
    [
        # two names at one entry: the gazetteer's own name, not the one placed there
        ([_at(P_SUMY, "Zarichnyi", method="relative"), _at(P_SUMY)], ["Sumy"]),
        ([_at(P_SUMY), _at(P_SUMY, "Zarichnyi", method="relative")], ["Sumy"]),
        # otherwise the first told
        ([_at(P_SUMY, "Sumy"), _at(P_SUMY, "Sumi")], ["Sumy"]),
        ([_at(P_SUMY, "Zarichnyi", method="relative"), _at(P_SUMY, "Kurskyi", method="relative")],
         ["Zarichnyi"]),
    ],
)  # fmt: skip
def test_one_place_per_entry(places: list[Place], kept: list[str]) -> None:
    assert [p.mention.name for p in most_specific(places)] == kept


def _sentence(text: str, words: list[str], at: int, *, pos: int = 0) -> Sentence:
    """A sentence of the given tokens (indices from ``at``), found in ``text`` from ``pos`` on."""
    toks = []
    for k, w in enumerate(words):
        start = text.index(w, pos)
        upos = "SPACE" if w.isspace() else ("PUNCT" if not w.isalnum() else "NOUN")
        toks.append(Token(at + k, start, start + len(w), w, w.lower(), upos, "", "dep", at))
        pos = start + len(w)
    return Sentence(toks[0].start, toks[-1].end, tuple(toks))


@pytest.mark.parametrize(
    ("text", "prev", "cur", "same"),
    [
        # lines broken inside sentences: only the gap between the two sentences counts
        ("Mayor Ann\nspoke . Rebels\nfired .", ["Mayor", "Ann", "\n", "spoke", "."],
         ["Rebels", "\n", "fired", "."], True),
        # a line break after the sentence (a space token closing it): another paragraph
        ("Mayor spoke .\nRebels fired .", ["Mayor", "spoke", ".", "\n"],
         ["Rebels", "fired", "."], False),
        # sentences without punctuation
        ("Mayor spoke Rebels fired .", ["Mayor", "spoke"], ["Rebels", "fired", "."], True),
        ("Mayor spoke . Rebels fired", ["Mayor", "spoke", "."], ["Rebels", "fired"], True),
        # punctuation beyond the line break is no word
        ("Mayor spoke\n. Rebels fired .", ["Mayor", "spoke", "\n", "."],
         ["Rebels", "fired", "."], False),
        ('Mayor spoke . "\nRebels fired .', ["Mayor", "spoke", "."],
         ['"', "\n", "Rebels", "fired", "."], False),
        # a sentence of punctuation only passes nothing on
        ("-- Rebels fired .", ["--"], ["Rebels", "fired", "."], False),
    ],
)  # fmt: skip
def test_same_paragraph(text: str, prev: list[str], cur: list[str], same: bool) -> None:
    first = _sentence(text, prev, 0)
    second = _sentence(text, cur, len(prev), pos=first.end)
    assert same_paragraph(text, first, second) is same
