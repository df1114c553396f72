"""Stage 4 helper (events): how a trigger is told, beyond its words.

What the coder asks of a trigger's clause: is it claimed ("ISIS claimed responsibility
for an attack"), told by its toll ("a strike on X killed 22"), a sum over an area
("killed three people *across* Ukraine"), one of several ("two rounds of talks"), of
a vague quantity ("dozens of rockets"), and what it aims at (civilians, soldiers).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.casualties import parse_number
from geomap.events.matching import TriggerHit
from geomap.events.rules import Family, Role
from geomap.events.syntax import Tree, reduced_passive
from geomap.types import Token

__all__ = [
    "aggregate",
    "armed_target",
    "civilian_target",
    "claimed",
    "is_year",
    "lethal",
    "people_taken",
    "plural_set",
    "vague_quantity",
    "without_parties",
]


def claimed(tree: Tree, hit: TriggerHit) -> bool:
    """An indefinite attack under a claim ("claimed responsibility for an attack")."""
    return any(tree.tok[a].lemma.lower() in W.CLAIM_VERBS for a in tree.ancestors(hit.token)[1:5])


def lethal(tree: Tree, hit: TriggerHit) -> bool:
    """A new attack told by its toll: "a strike on X killed 22", "22 were killed in a
    strike on X" (no antecedent needed)."""
    tok = tree.tok[hit.token]
    head = tree.head(tok)
    if head is not None and tok.dep == "pobj" and head.lemma.lower() in W.CAUSE_PREPS | {"from"}:
        head = tree.head(head)
    elif tok.dep not in {"nsubj", "nsubjpass"}:
        return False
    if head is not None and head.lemma.lower() == "toll" and tok.dep == "pobj":
        return True  # "the death toll from the attack on X rose to 24"
    return head is not None and head.lemma.lower() in W.HARM_VERBS


def vague_quantity(tree: Tree, group: Sequence[TriggerHit]) -> bool:
    """ "dozens of rockets", "a barrage of missiles": many, though no number is given."""
    for h in group:
        near = tree.ancestors(h.token)[1:3] + [c.i for c in tree.children(h.token)]
        if any(tree.tok[i].lemma.lower() in W.VAGUE_MANY for i in near):
            return True
    return False


def aggregate(
    tree: Tree, group: Sequence[TriggerHit], towns: Collection[int] = frozenset()
) -> bool:
    """ "killed three people *across* Ukraine": a sum over many places, not one event.

    Across a town (a head among ``towns``) is one place: "arrested 85 in raids across X".
    """
    anchors = {h.token for h in group} | {tree.clause(h.token) for h in group}
    for t in tree.sentence:
        # ("power cuts across the district", "alerts across the country": the sum of what
        # followed, not of the event)
        aftermath = tree.tok[t.head].lemma.lower() in _AFTERMATH
        if (
            t.lemma.lower() in W.AGGREGATE_PREPS
            and not aftermath
            and set(tree.ancestors(t.i)) & anchors
        ):
            # "throughout the night", "across the weekend": a time span, not an area
            objects = [c for c in tree.children(t.i) if c.dep == "pobj"]
            if tree.tok[t.head].lemma.lower() in _GOING_ACROSS:
                continue  # "trying to push across the river": a crossing, no sum
            if not any(
                o.lemma.lower() in W.TIME_NOUNS or _crossed(tree, o) or o.i in towns
                for o in objects
            ):
                return True
    return False


#: What an attack leaves spread over an area ("power cuts across the region").
_AFTERMATH = frozenset(
    {"cut", "outage", "blackout", "shortage", "disruption", "alert", "alarm", "siren"}
)
#: Verbs of going over a line ("push across", "advance across").
_GOING_ACROSS = frozenset({"push", "cross", "advance", "move", "get", "swim", "retreat", "pull"})


def _crossed(tree: Tree, obj: Token) -> bool:
    """ "across the border", "across the Nile": a line crossed, not an area summed."""
    if obj.lemma.lower() in W.CROSSING_NOUNS:
        return True
    the = any(c.dep == "det" and c.lemma.lower() == "the" for c in tree.children(obj.i))
    return obj.pos == "PROPN" and the  # a river ("the Nile", "the Dnipro"), not a country


#: A number that is a year ("the *2014* attack").
_YEAR = re.compile(r"(?:19|20)\d{2}")


def is_year(text: str) -> bool:
    """Whether a number is a year ("the *2014* attack", "protests in *2016*")."""
    return _YEAR.fullmatch(text) is not None


def plural_set(tree: Tree, hit: TriggerHit) -> bool:
    """A trigger naming several events ("both talks", "two rounds of talks")."""
    tok = tree.tok[hit.token]
    violent = hit.rule.family == Family.VIOLENCE
    nouns = [tok]
    if tok.dep == "pobj" and tok.head in tree.tok:
        of = tree.tok[tok.head]
        if of.lemma.lower() == "of" and of.head in tree.tok:
            nouns.append(tree.tok[of.head])
    for noun in nouns:
        if noun.lemma.lower() in W.SERIES_NOUNS and noun is not tok and not violent:
            return True  # ("two rounds of talks"; "a wave of airstrikes killing 400": one toll)
        for c in tree.children(noun.i):
            if c.text.lower() in W.MANY_WORDS:
                return True
            n = parse_number(c.text) if c.dep == "nummod" and not is_year(c.text) else None
            if n is not None and n > 1 and not hit.rule.weapon and not violent:
                return True  # ("two rounds"; "the 2014 attack" is one, of a year; "two
                # explosions hit X" are one incident there)
    return False


def _targets(tree: Tree, group: Sequence[TriggerHit]) -> set[str]:
    """Lemmas of what the triggers aim at: objects, and "on"/"against" phrases."""
    found: set[str] = set()
    for h in group:
        heads = [h.token, tree.clause(h.token)]
        targets = [c for i in heads for c in tree.children(i) if c.dep == "dobj"]
        preps = [
            c
            for i in heads
            for c in tree.children(i)
            if c.dep == "prep" and c.lemma.lower() in W.TARGET_PREPS
        ]
        targets += [g for p in preps for g in tree.children(p.i) if g.dep == "pobj"]
        found.update(t.lemma.lower() for t in targets)
    return found


def civilian_target(tree: Tree, group: Sequence[TriggerHit]) -> bool:
    """A trigger aimed at civilians ("opened fire on worshippers", "attacked a market")."""
    return bool(_targets(tree, group) & (W.CIVILIAN_NOUNS | W.CIVILIAN_SITES))


def armed_target(tree: Tree, group: Sequence[TriggerHit], victims: Sequence[Token]) -> bool:
    """A trigger aimed at, or casualties among, soldiers ("fired on a checkpoint,
    wounding two soldiers"): an armed clash, not violence against civilians."""
    held = {v.lemma.lower() for v in victims if _hors_de_combat(tree, v)}
    hit = _targets(tree, group) | {v.lemma.lower() for v in victims}
    return bool((hit - held) & W.ARMED_TARGETS)


#: Words of soldiers out of the fight: killing them is violence against the defenceless.
_DEFENCELESS = frozenset({"captured", "capture", "surrendered", "surrender", "unarmed"})


def _hors_de_combat(tree: Tree, noun: Token) -> bool:
    """Soldiers taken prisoner or who gave up ("two *captured* soldiers")."""
    return any(
        c.dep in {"amod", "acl"} and {c.lemma.lower(), c.text.lower()} & _DEFENCELESS
        for c in tree.children(noun.i)
    )


def other_tolls(tree: Tree) -> set[int]:
    """Tokens of the sentence's tolls of something other than a strike, with their
    clauses (:func:`toll_of_other`): a casualty count there is not the event's."""
    out: set[int] = set()
    for t in tree.sentence:
        low = t.lemma.lower()
        if (low in W.KILL_WORDS or low in W.INJURE_WORDS) and _other_cause(tree, t.i):
            out.add(t.i)
    return {t.i for t in tree.sentence if out & {t.i, *tree.ancestors(t.i)}}


def toll_of_other(tree: Tree, hit: TriggerHit) -> bool:
    """Whether a victims' word counts the dead of something other than a strike.

    "floods that have killed 30", "a war that has killed 38,000", "a landslide killed
    12": a toll told in a clause describing a noun that is no trigger of the sentence,
    or whose cause is a disaster or an accident, is no toll of the sentence's event.
    """
    return Role.VICTIM in hit.rule.roles and _other_cause(tree, hit.token)


def _other_cause(tree: Tree, i: int) -> bool:
    tok = tree.tok[i]
    for anc in [tok, *(tree.tok[a] for a in tree.ancestors(i))]:
        if anc.dep in {"relcl", "acl"}:
            noun = tree.head(anc)
            if noun is not None and noun.lemma.lower() in W.NON_STRIKES | W.NATURAL_CAUSES:
                return True
            break
    causes = W.NATURAL_CAUSES | W.NON_STRIKES
    for c in tree.children(i):
        agents = [c] if c.dep in {"nsubj", "csubj"} else []
        if c.dep == "agent":  # "killed by floods"
            agents = list(tree.children(c.i))
        if any(a.lemma.lower() in causes for a in agents):
            return True
        if c.dep == "advcl" and c.pos == "VERB" and c.lemma.lower() in causes:
            return True  # "16 people killed when a canopy collapsed"
    return False


def time_reference(tree: Tree, hit: TriggerHit) -> bool:
    """Whether an event noun only tells a time: "*following* the attack", "since the
    invasion", "in the wake of the strike"."""
    tok = tree.tok[hit.token]
    prep = tree.head(tok)
    if tok.dep != "pobj" or prep is None:
        return False
    low = prep.text.lower()  # ("Following" is parsed as a verb, its lemma "follow")
    if low in W.TIME_PREPS:
        return True
    # "in the wake of", "in the aftermath of"
    noun = tree.head(prep) if low == "of" else None
    return noun is not None and noun.lemma.lower() in W.AFTERMATH_NOUNS


def intercepted(tree: Tree, hit: TriggerHit, stops: set[int]) -> bool:
    """Whether a weapon word is what an interception stopped ("air defences *downed* 40
    drones", "most rockets *were intercepted*", "had *destroyed* 18 drones over X"), or an
    attack of such weapons ("a drone attack on X was repelled")."""
    flying = any(
        c.dep in {"compound", "amod"} and c.lemma.lower() in W.FLYING_WEAPONS
        for c in tree.children(hit.token)
    )
    if not hit.rule.weapon and not flying and hit.token not in stops:
        return False
    tok = tree.tok[hit.token]
    while tok.dep in {"dobj", "nsubjpass", "conj", "compound", "amod", "pobj", "prep", "nsubj"}:
        head = tree.head(tok)
        if head is None:
            return False
        if tok.dep == "nsubj":  # "drone downed over X"
            return reduced_passive(tree, head, W.INTERCEPT_VERBS)
        if head.i in stops or (
            head.pos == "VERB"
            and tok.dep in {"dobj", "nsubjpass"}
            and head.lemma.lower() in W.INTERCEPT_VERBS
        ):
            return True
        tok = head
    # "Drone attack on X repelled by air defence": the stopping verb hangs on the noun
    return any(
        c.dep == "acl" and c.tag in {"VBN", "VBD"}
        for c in tree.children(tok.i)
        if c.lemma.lower() in W.INTERCEPT_VERBS
    )


#: Who can be taken prisoner: a territory word whose object is one of them took people.
_PEOPLE_TAKEN = (
    W.ARMED_MEN | W.MILITARY_VICTIMS | W.CIVILIAN_NOUNS | W.PEOPLE_NOUNS
    | frozenset({"prisoner", "hostage", "captive", "pilot", "commander"})
)  # fmt: skip


#: Territory words that may take people as well as places.
_TAKING = frozenset({"capture", "recapture", "seize", "take", "retake"})


def people_taken(tree: Tree, hit: TriggerHit) -> bool:
    """Whether a change-of-territory word took people, not a place ("captured two
    soldiers near X", "the capture of a pilot", "residents were taken by bus to X"): no
    territory changed hands."""
    if Role.TERRITORY not in hit.rule.roles or hit.rule.lemmas[0] not in _TAKING:
        return False  # (enemy forces are what "pushed out" or "expelled" act on)
    kids = tree.children(hit.token)
    if hit.rule.lemmas[0] == "take" and any(
        c.dep == "prep" and c.lemma.lower() == "to" for c in kids
    ):
        return True  # "were taken by bus to X", "took them to X": carried, not captured
    objects = [c for c in kids if c.dep in {"dobj", "nsubjpass"}]
    objects += [g for c in kids if c.dep == "prep" and c.lemma.lower() == "of"
                for g in tree.children(c.i) if g.dep == "pobj"]  # fmt: skip
    tok = tree.tok[hit.token]
    if tok.dep == "amod" and tok.head in tree.tok:
        objects.append(tree.tok[tok.head])  # "the killing of two captured soldiers"
    return any(o.lemma.lower() in _PEOPLE_TAKEN for o in objects)


def without_parties(tree: Tree, hit: TriggerHit) -> bool:
    """A meeting with no party that speaks for a state or a group: no title of one in its
    sentence ("the foreign ministers met") and no named person ("Zelensky met Biden")."""
    if Role.PARTIES not in hit.rule.roles:
        return False
    return not any(
        t.lemma.lower() in W.DIPLOMATS or (t.pos == "PROPN" and _party(tree, t))
        for t in tree.sentence
    )


def _party(tree: Tree, tok: Token) -> bool:
    """A name where a party of a meeting stands ("X met Y", "a meeting with X"), not
    where it took place ("in X")."""
    if tok.dep in {"nsubj", "nsubjpass", "dobj", "conj", "poss", "appos"}:
        return True
    head = tree.head(tok)
    return tok.dep == "pobj" and head is not None and head.lemma.lower() in {"with", "between"}
