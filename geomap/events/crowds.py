"""Stage 4 helper (events): who acts on whom decides a crowd event's type.

ACLED's codebook, read by the sentence's syntax:

* demonstrators who use violence (throwing stones or bottles, burning, looting, storming,
  fighting the police) make a **Riot** (violent demonstration);
* a mob, vigilantes, rival supporters or villagers attacking people or property
  without a demonstration make a **Riot** (mob violence);
* force used on demonstrators (or on people told as demonstrating: "workers who
  blocked the highway") is a **Protest**: with intervention (tear gas, water cannon,
  batons, arrests, dispersal), or excessive force when it kills or is live fire;
* a demonstration that does neither stays a peaceful protest.

An event whose actors are no crowd (troops, gunmen, a state's aircraft) keeps its type.
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.matching import TriggerHit
from geomap.events.rules import Family, Role
from geomap.events.schema import (
    ARMED_CLASH,
    ATTACK,
    BATTLES,
    EXCESSIVE_FORCE,
    MOB_VIOLENCE,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    PROTESTS,
    RIOTS,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
)
from geomap.events.syntax import Tree
from geomap.types import Token

__all__ = ["agents", "armed_killers", "crowd_type"]

#: Pronouns that stand for the noun a relative clause hangs on.
_RELATIVE = frozenset({"who", "that", "which"})
#: Types of a violent act (a crowd doing one riots).
_VIOLENT_TYPES = frozenset({RIOTS, BATTLES, VIOLENCE_AGAINST_CIVILIANS})
#: Acts two sides do to each other: armed men doing them clash.
_MUTUAL = frozenset({"fight", "clash", "battle"})

#: How a noun trigger hangs on the verb whose subject acts ("police fired *tear gas*").
_ARGUMENT_DEPS = frozenset({"dobj", "conj", "appos", "compound"})


#: Verbs of harm with no object: their subject is who was harmed ("one resident killed").
_HARMED = frozenset({"kill", "wound", "injure"})


def agents(tree: Tree, i: int) -> list[Token]:
    """Who does what token ``i`` tells: a verb's subject (or "by" agent); for a noun,
    the subject of the verb it is an argument of."""
    tok = tree.tok[i]
    while tok.pos != "VERB" and tok.dep in _ARGUMENT_DEPS and tok.head in tree.tok:
        tok = tree.tok[tok.head]
    if tok.i != i and tok.lemma.lower() in W.SPEECH_VERBS | W.PERCEPTION_VERBS:
        return []  # "residents reported air strikes": who told it, not who struck
    out: list[Token] = []
    # "two residents killed": a bare participle's subject is who it befell, not who did it
    # ("one resident killed", tagged as a past tense: killing needs an object)
    passive = (
        (tok.tag == "VBN" or tok.lemma.lower() in _HARMED)
        and not tree.has_object(tok.i)
        and not any(c.dep == "aux" and c.lemma.lower() == "have" for c in tree.children(tok.i))
    )
    for c in tree.children(tok.i):
        if c.dep in {"nsubj", "csubj"} and not passive:
            if c.lemma.lower() in _RELATIVE and tok.dep == "relcl" and tok.head in tree.tok:
                c = tree.tok[tok.head]  # "thousands of protesters who tried to storm ..."
            glossed = _dateline_gloss(tree, c)
            if glossed is not None:
                c = glossed  # "NOVI SAD (Wire) — Protesters clashed": the dateline glosses
            out.extend([c, *(g for g in tree.children(c.i) if g.dep == "conj")])
            out.extend(_counted(tree, c))  # "dozens of settlers stormed": the settlers
        elif c.dep == "agent":  # "attacked by dozens of protesters": the protesters
            for g in tree.children(c.i):
                if g.dep == "pobj":
                    out.extend([g, *_counted(tree, g)])
    if not out and tok.dep in {"relcl", "acl", "advcl", "conj", "xcomp"} and tok.head in tree.tok:
        head = tree.tok[tok.head]  # "protesters who threw stones", "and looted shops"
        out = [head] if tok.dep in {"relcl", "acl"} else agents(tree, head.i)
    if not out and tok.dep == "ROOT" and not passive:
        out = _glossed_subject(tree, tok)
    return out


def _dateline_gloss(tree: Tree, subject: Token) -> Token | None:
    """The noun a dateline the parser took for a subject glosses after its dash ("X,
    Country (Wire) — Protesters clashed": the protesters)."""
    for g in tree.children(subject.i):
        if g.dep != "appos" or g.pos != "NOUN":
            continue
        between = [t for t in tree.sentence if subject.i < t.i < g.i]
        if any(t.text in _DASHES for t in between):
            return g
    return None


#: Dashes that end a dateline.
_DASHES = frozenset({"—", "–", "-", "--"})


def _glossed_subject(tree: Tree, verb: Token) -> list[Token]:
    """ "NOVI SAD (Wire) — Protesters clashed ...": the parser hangs the subject on the
    dateline as its apposition; the noun right before the subjectless verb is it."""
    before = [t for t in tree.sentence if t.i < verb.i and t.pos != "PUNCT"]
    if before and before[-1].dep == "appos" and before[-1].pos in {"NOUN", "PROPN"}:
        return [before[-1]]
    return []


def _counted(tree: Tree, noun: Token) -> list[Token]:
    """What a number noun counts ("dozens *of settlers*", "a group *of youths*")."""
    if noun.lemma.lower() not in W.COUNT_NOUNS:
        return []
    return [
        g
        for p in tree.children(noun.i)
        if p.dep == "prep" and p.lemma.lower() == "of"
        for g in tree.children(p.i)
        if g.dep == "pobj"
    ]


def _crowd_violence(tree: Tree) -> bool:
    """Whether demonstrators or a mob are the subject of a violent act in the sentence."""
    crowd = W.DEMONSTRATORS | W.MOB_PEOPLE
    return any(
        t.pos == "VERB"
        and t.lemma.lower() in W.RIOT_VERBS
        and any(a.lemma.lower() in crowd for a in agents(tree, t.i))
        for t in tree.sentence
    )


def crowd_type(
    tree: Tree,
    hits: Sequence[TriggerHit],
    family: Family,
    typed: tuple[str, str],
    fatalities: int | None,
) -> tuple[str, str]:
    """The (type, sub-type) of an event with a crowd in it (``typed`` otherwise)."""
    lemmas = {t.lemma.lower() for t in tree.sentence}
    # (a toll's "killing 24" tells no doer beside a deed: "a bomb struck X as residents
    # queued, killing 24" was no crowd's)
    deeds = [h for h in hits if Role.VICTIM not in h.rule.roles] or hits
    doers = [a for h in deeds for a in agents(tree, h.token)]
    who = {a.lemma.lower() for a in doers}
    if any(_many_unarmed(tree, a) for a in doers):
        who.add("mob")  # "hundreds of men stormed the airport": a crowd, no army
    crowd = W.DEMONSTRATORS | W.MOB_PEOPLE | W.CROWD_FIGHTERS
    if (
        family == Family.PROTEST
        and doers
        and not who & crowd
        and any(_armed(tree, a) for a in doers)
    ):
        if any(tree.tok[h.token].lemma.lower() in _MUTUAL for h in hits):
            return BATTLES, ARMED_CLASH  # "rival armed groups fought": a clash, no riot
        return VIOLENCE_AGAINST_CIVILIANS, ATTACK  # "armed men torched houses": no riot
    protest = family == Family.PROTEST and (
        typed[0] == PROTESTS or typed[1] == VIOLENT_DEMONSTRATION
    )
    # (people the text calls armed are no crowd: "an armed youth group")
    crowds = (
        t
        for t in tree.sentence
        if t.lemma.lower() in W.PEOPLE_GROUPS and not _armed(tree, t) and not _armed_group(tree, t)
    )
    demonstrating = bool(lemmas & W.DEMONSTRATORS) or (
        bool(lemmas & W.PROTEST_ACTS) and next(crowds, None) is not None
    )
    # a violent act of a crowd is the crowd's, whatever family told it ("protesters
    # stormed parliament": a riot, no battle)
    violent = family == Family.VIOLENCE or typed[0] in _VIOLENT_TYPES
    # "armed youths raided a cattle camp": a communal militia's attack, no mob
    if (
        violent
        and who & W.MOB_PEOPLE
        and not who & W.DEMONSTRATORS
        and any(_armed(tree, a) for a in doers if a.lemma.lower() in W.MOB_PEOPLE)
    ):
        return typed
    if (
        violent
        and not doers
        and typed[0] == BATTLES
        and lemmas & W.DEMONSTRATORS
        and not lemmas & W.ARMED_MEN
    ):
        # "the clashes were fiercest in X, when protesters threw stones at police"
        return RIOTS, VIOLENT_DEMONSTRATION
    # (not "rebel factions"; "hundreds of men" are a crowd)
    unarmed = {a.lemma.lower() for a in doers if not _armed(tree, a)} | (who & {"mob"})
    if violent and unarmed & (W.DEMONSTRATORS | W.MOB_PEOPLE | W.CROWD_FIGHTERS):
        # demonstrators, or a demonstration told, riot in it; settlers, fans or youths
        # acting alone are a mob, whichever word told their act ("settlers set fire to")
        if who & W.DEMONSTRATORS or lemmas & {"protest", "demonstration"}:
            return RIOTS, VIOLENT_DEMONSTRATION
        return RIOTS, MOB_VIOLENCE
    # (police firing tear gas at protesters who stormed a building: the crowd's riot)
    if (violent or protest) and who & W.POLICE and demonstrating and not _crowd_violence(tree):
        lethal = bool(fatalities) or bool(lemmas & W.LIVE_FIRE)
        return PROTESTS, EXCESSIVE_FORCE if lethal else PROTEST_WITH_INTERVENTION
    if protest and typed[0] == PROTESTS:
        if _crowd_violence(tree):
            return RIOTS, VIOLENT_DEMONSTRATION
        if lemmas & W.INTERVENTION:
            return PROTESTS, PROTEST_WITH_INTERVENTION
        return typed if typed[1] != PEACEFUL_PROTEST else (PROTESTS, PEACEFUL_PROTEST)
    return typed


#: Numbers of people a crowd is told by ("hundreds of men").
_MULTITUDES = frozenset({"hundred", "thousand", "dozen", "score"})
#: Plain people such a number counts.
_PLAIN_PEOPLE = frozenset({"man", "men", "people", "person", "youth", "woman", "local"})


def _many_unarmed(tree: Tree, who: Token) -> bool:
    """Whether ``who`` is hundreds or thousands of plain people ("hundreds of men"), not
    armed ("dozens of gunmen")."""
    if who.lemma.lower() not in _MULTITUDES:
        return False
    of = [c for c in tree.children(who.i) if c.dep == "prep" and c.lemma.lower() == "of"]
    people = [g for o in of for g in tree.children(o.i) if g.dep == "pobj"]
    return any(p.lemma.lower() in _PLAIN_PEOPLE and not _armed(tree, p) for p in people)


def _armed(tree: Tree, who: Token) -> bool:
    """Armed men: gunmen, militants, or men the text calls armed ("armed men")."""
    if who.lemma.lower() in W.ARMED_MEN:
        return True
    # "armed men", "rebel factions", "militia members"
    return any(
        (c.dep == "amod" and c.lemma.lower() == "armed")
        or (c.dep in {"amod", "compound"} and c.lemma.lower() in W.ARMED_MEN)
        for c in tree.children(who.i)
    )


def _armed_group(tree: Tree, t: Token) -> bool:
    """A word naming an armed group's members ("an *armed youth* group")."""
    head = tree.tok.get(t.head)
    return t.dep == "compound" and head is not None and _armed(tree, head)


def armed_killers(tree: Tree, hits: Sequence[TriggerHit]) -> bool:
    """Whether armed men (or a named armed group) are who killed or wounded the victims
    the hits count ("paramilitary fighters killed 35 people", "RSF gunmen shot ...")."""
    from geomap.events.inventory import armed_group_in

    for h in hits:
        for a in agents(tree, h.token):
            phrase = " ".join(t.text for t in tree.sentence if a.i == t.i or t.head == a.i)
            if a.lemma.lower() in W.ARMED_MEN | W.MOB_PEOPLE or armed_group_in(phrase):
                return True  # (a mob or vigilantes killing: mob violence, see crowd_type)
    return False
