"""Stage 4 helper, events: casualty numbers from the plain parse.

:func:`casualties` reads a clause's victims and counts ("killed nine passengers", "two
people died", "fatally shot a policeman", "the death toll rose to 9");
:func:`sentence_casualties` completes it with headline forms ("12 soldiers killed, 10
injured", "3 dead"). Vague counts ("dozens") give None: unknown, not zero. Zero is
what a text says ("no casualties", "nobody was hurt", :func:`none_harmed`).
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.types import Token

__all__ = [
    "MAX_DIGITS",
    "casualties",
    "figure_dep",
    "max_known",
    "none_harmed",
    "parse_number",
    "sentence_casualties",
]

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
    return W.NUMBER_WORDS.get(low)


def max_known(values: list[int | None]) -> int | None:
    """The largest of the known (non-None) values, or None."""
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _children(tokens: Sequence[Token], idx: int) -> list[Token]:
    return [t for t in tokens if t.head == idx and t.i != idx]


def _count_of(tokens: Sequence[Token], noun: Token) -> int | None:
    """Number attached to ``noun`` ("nine bus passengers", "at least 25 civilians")."""
    if noun.pos == "NUM":
        return parse_number(noun.text)
    for child in _children(tokens, noun.i):
        if child.dep == "appos" and noun.pos == "PROPN":
            continue  # "killed Jane Doe, 29,": her age
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
        if tok.pos == "NOUN" and lemma in _KILLING_NOUNS:
            if _motive(tokens, tok):
                continue  # "marched, demanding justice for the killing of a teacher"
            lemma, nouns = "kill", _of_whom(tokens, tok)  # "the killing of two prisoners"
        elif lemma not in W.KILL_WORDS and lemma not in W.INJURE_WORDS:
            continue
        else:
            deps = (
                {"dobj", "nsubjpass"}
                if tok.pos == "VERB" and lemma not in W.DIE_VERBS
                else {"nsubj", "nsubjpass"}
            )
            nouns = [c for c in _children(tokens, tok.i) if c.dep in deps]
        if tok.dep in {"amod", "acl"} and tok.head in by_i:  # "25 dead", "people killed"
            nouns.append(by_i[tok.head])
        for noun in nouns:
            n = _count_of(tokens, noun)
            if n is None and _one_person(tokens, noun):
                n = 1  # "a police officer was killed", "killed a man"
            victims.append(noun)
            if n is None:
                continue
            if lemma in W.KILL_WORDS:
                killed = max_known([killed, n])
            else:
                injured = max_known([injured, n])
    killed = max_known([killed, _fatally(tokens), _toll(tokens)])
    return killed, injured, victims


#: Nouns of a killing whose victims follow "of" ("the killing of two prisoners").
_KILLING_NOUNS = frozenset({"killing", "murder", "execution"})


def _motive(tokens: Sequence[Token], noun: Token) -> bool:
    """Whether a killing is what people act for or against ("justice *for* the killing",
    "protests *over* the killing"): another event's cause, not its toll."""
    by_i = {t.i: t for t in tokens}
    prep = by_i.get(noun.head)
    return (
        noun.dep == "pobj"
        and prep is not None
        and prep.lemma.lower() in {"for", "over", "against", "about"}
    )


def _of_whom(tokens: Sequence[Token], noun: Token) -> list[Token]:
    """The objects of a noun's "of" ("the killing *of* two prisoners")."""
    return [
        g
        for c in _children(tokens, noun.i)
        if c.dep == "prep" and c.lemma.lower() == "of"
        for g in _children(tokens, c.i)
        if g.dep == "pobj"
    ]


def _one_person(tokens: Sequence[Token], noun: Token) -> bool:
    """A person named in the singular with "a", "an" or "one" ("a police officer"), or by
    their name ("killed Jane Doe")."""
    if noun.tag == "NNP" and noun.ent_type == "PERSON":
        return True
    return (
        noun.tag == "NN"
        and noun.lemma.lower() in _PERSONS
        and any(
            c.dep == "det" and c.text.lower() in {"a", "an", "one"}
            for c in _children(tokens, noun.i)
        )
    )


#: Nouns of one person (a singular one of them counts one victim).
_PERSONS = W.PERSON_NOUNS | W.CIVILIAN_NOUNS | W.MILITARY_VICTIMS | frozenset({"person"})


def _toll(tokens: Sequence[Token]) -> int | None:
    """The deaths a sentence's toll gives: "the death toll rose to 9", "the toll stands at
    14", "the number of dead has risen to 12", "..., bringing the death toll to 19" (an
    injury toll counts no deaths)."""
    by_i = {t.i: t for t in tokens}
    out: int | None = None
    for tok in tokens:
        if tok.head not in by_i or not _death_count(tokens, tok):
            continue
        verb = by_i[tok.head]
        dep = figure_dep(verb.lemma.lower())
        if dep is None or tok.dep != dep:
            continue
        if dep == "nsubj":  # "the toll rose to 9"
            counts = [c for c in _children(tokens, verb.i) if c.dep == "dobj"]
            heads = [verb]
        else:  # "bringing the toll to 19"
            counts = []
            # "the toll of Wednesday's strike to 19": the parser may hang the count there
            heads = [verb, *_of_whom(tokens, tok)]
        for prep in (c for h in heads for c in _children(tokens, h.i)):
            if prep.dep == "prep" and prep.lemma.lower() in W.TOLL_PREPS:
                counts += [c for c in _children(tokens, prep.i) if c.dep == "pobj"]
        out = max_known([out, *(_count_of(tokens, c) for c in counts)])
    return out


def figure_dep(verb: str) -> str | None:
    """How a figure hangs on a verb (a lemma) that moves it: the subject of one it moves
    with ("the toll *rose* to 9"), the object of one that moves it ("*bringing* the toll
    to 19"); None for another verb."""
    if verb in W.TOLL_VERBS:
        return "nsubj"
    return "dobj" if verb in W.TOLL_MOVERS else None


#: Words of the dead a "number of" counts ("the number of dead", "of fatalities").
_DEAD_WORDS = frozenset({"dead", "death", "fatality", "killed"})


def _death_count(tokens: Sequence[Token], tok: Token) -> bool:
    """Whether ``tok`` is a count of deaths: a toll (not an injury toll), or a "number of"
    the dead ("the number of dead", "the number of people killed")."""
    lemma = tok.lemma.lower()
    if lemma == "toll":
        return not any(c.lemma.lower() in W.INJURE_WORDS for c in _children(tokens, tok.i))
    if lemma not in {"number", "count"}:
        return False
    for whom in _of_whom(tokens, tok):
        if whom.lemma.lower() in _DEAD_WORDS or whom.text.lower() in _DEAD_WORDS:
            return True
        if any(
            c.dep in {"acl", "amod"} and c.lemma.lower() in W.KILL_WORDS | {"dead"}
            for c in _children(tokens, whom.i)
        ):
            return True  # "the number of people killed", "of civilians dead"
    return False


def _fatally(tokens: Sequence[Token]) -> int | None:
    """ "fatally shot the ambassador" (1), "fatally stabbed two men" (2): deaths by the adverb."""
    out: int | None = None
    for tok in tokens:
        if tok.pos != "VERB" or not any(
            c.dep == "advmod" and c.text.lower() in W.FATALLY for c in _children(tokens, tok.i)
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


def sentence_casualties(tokens: Sequence[Token]) -> tuple[int | None, int | None, list[Token]]:
    """Casualties of a sentence: the clause reading, completed by headline forms.

    :func:`casualties` reads "killed nine passengers" and "two people died"; headlines
    also write "12 soldiers killed, 10 injured" and "3 dead": a number, optionally the
    victims, then the participle or adjective. "Civilian casualties" makes the victims
    civilians.

    Parameters
    ----------
    tokens
        The sentence's tokens.

    Returns
    -------
    tuple
        ``(fatalities, injured, victim nouns)`` as :func:`casualties`.
    """
    killed, injured, victims = casualties(tokens)
    h_killed, h_injured, h_victims = _headline_counts(tokens)
    if killed is None:
        killed = h_killed
    if injured is None:
        injured = h_injured
    victims = victims + [v for v in h_victims if v not in victims]
    by_i = {t.i: t for t in tokens}
    for t in tokens:
        low = t.lemma.lower()
        if low in W.TOLL_NOUNS:
            victims.extend(c for c in tokens if c.head == t.i and c.dep in {"amod", "compound"})
        harm = W.KILL_WORDS | W.INJURE_WORDS
        if (low in harm or low == "deceased") and t.dep == "amod" and t.head in by_i:
            victims.append(by_i[t.head])  # "deceased civilians", "injured residents"
    return killed, injured, victims


def _headline_counts(tokens: Sequence[Token]) -> tuple[int | None, int | None, list[Token]]:
    """ "12 soldiers killed, 10 injured", "3 dead": number [victims] participle."""
    killed: int | None = None
    injured: int | None = None
    victims: list[Token] = []
    for k, tok in enumerate(tokens):
        low, word = tok.lemma.lower(), tok.text.lower()
        is_kill = low in W.KILL_WORDS or word in W.KILL_WORDS
        is_injure = low in W.INJURE_WORDS or word in W.INJURE_WORDS
        if not (is_kill or is_injure) or tok.pos not in {"VERB", "ADJ", "NOUN"}:
            continue
        if tok.pos == "VERB" and tok.tag not in {"VBN", "VBD"}:
            continue
        n, nouns = _count_before(tokens, k)
        if n is None:
            continue
        victims.extend(nouns)
        if is_kill:
            killed = max_known([killed, n])
        else:
            injured = max_known([injured, n])
    return killed, injured, victims


def _count_before(tokens: Sequence[Token], k: int) -> tuple[int | None, list[Token]]:
    """The number before token ``k`` ("12 soldiers killed") and the nouns between."""
    nouns: list[Token] = []
    for j in range(k - 1, max(-1, k - 5), -1):
        prev = tokens[j]
        if prev.pos == "PUNCT" or prev.pos == "VERB":
            break
        val = parse_number(prev.text) if prev.pos == "NUM" else None
        if val is not None:
            return val, nouns
        if prev.pos in {"NOUN", "ADJ", "PROPN"}:
            nouns.append(prev)
            continue
        if prev.lemma.lower() not in W.COUNT_LEADS:
            break
    return None, nouns


def _says_none(tokens: Sequence[Token], word: Token) -> bool:
    """Whether ``word`` is said to be none: "*no* casualties", "*without* victims",
    "*nobody*" / "*no one*" as the subject."""
    if word.text.lower() in W.NONE_WORDS:
        return True
    kids = _children(tokens, word.i)
    if any(c.text.lower() in W.NONE_WORDS and c.dep in {"det", "neg", "amod"} for c in kids):
        return True
    head = next((t for t in tokens if t.i == word.head), None)
    return word.dep == "pobj" and head is not None and head.text.lower() == "without"


def none_harmed(tokens: Sequence[Token]) -> tuple[bool, bool]:
    """Whether a sentence says nobody died, and whether it says nobody was hurt.

    "There were no casualties" (both), "no one was killed" (died), "nobody was injured",
    "no injuries were reported" (hurt), "without victims" (died).
    """
    dead = hurt = False
    for tok in tokens:
        low = tok.lemma.lower()
        if low in W.DEATH_NOUNS | W.INJURY_NOUNS and _says_none(tokens, tok):
            dead = dead or low in W.DEATH_NOUNS
            hurt = hurt or low in W.INJURY_NOUNS
        if tok.pos == "VERB" and (low in W.KILL_WORDS or low in W.INJURE_WORDS):
            subjects = [c for c in _children(tokens, tok.i) if c.dep in {"nsubj", "nsubjpass"}]
            if any(_says_none(tokens, c) for c in subjects):
                dead = dead or low in W.KILL_WORDS
                hurt = hurt or low in W.INJURE_WORDS
    return dead, hurt
