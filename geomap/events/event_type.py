"""Stage 4 helper (events): every decision of an event's type, in one place.

An event takes its rule's type and sub-type (:mod:`geomap.events.rules`), unless
(in this order, :func:`decide_type`):

1. a bare attack is typed by its claim: "ISIS claimed responsibility for an attack
   on ..." takes the article's previous violent event's type, else an attack on
   civilians when civilian people or sites are named, else an armed clash
   (:func:`claim_type`); a lethal "strike" keeps its own;
2. "the attack" (the generic anaphoric rule) takes the type of the event it refers to;
3. an attack whose target decides (the verb "attack") is violence against civilians
   when civilians are its target;
4. violence against civilians aimed at soldiers or their posts is an armed clash
   ("gunmen fired on an army checkpoint").

Two decisions are made elsewhere in the run but written here: in a headline, a bare
"attack" told beside a ground fight is that fight (:func:`battle_for_bare_attacks`);
a change of territory's sub-type depends on who took which country's soil
(:func:`territory_subtype`, per place).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.framing import claimed, lethal
from geomap.events.inventory import ARMED_GROUPS, country_name
from geomap.events.matching import TriggerHit
from geomap.events.record import Draft
from geomap.events.rules import Family, Role, Rule
from geomap.events.schema import (
    ARMED_CLASH,
    ATTACK,
    BATTLES,
    EXPLOSIONS,
    GOVERNMENT_REGAINS_TERRITORY,
    NON_STATE_OVERTAKES_TERRITORY,
    VIOLENCE_AGAINST_CIVILIANS,
)
from geomap.events.syntax import Tree
from geomap.types import Event

__all__ = [
    "battle_for_bare_attacks",
    "claim_type",
    "decide_type",
    "territory_subtype",
    "typed_by_claim",
]

#: How many sentences back a claimed attack looks for the article's violent event.
_CLAIM_SENTENCES = 6
#: Actors that are no state (the armed groups of the inventory).
_NON_STATE = frozenset(name for name, _forms in ARMED_GROUPS)


def typed_by_claim(tree: Tree, main: TriggerHit) -> bool:
    """A bare "attack" whose kind comes from the claim or the article, not the rule.

    The generic rule always is (it needs an antecedent or a claim); a bare headline
    attack only under a claim ("the group claimed an attack on ..." in a brief).
    """
    roles = main.rule.roles
    return Role.GENERIC in roles or (Role.UNTYPED in roles and claimed(tree, main))


def claim_type(
    tree: Tree, main: TriggerHit, drafts: Sequence[Draft], si: int
) -> tuple[str, str] | None:
    """Type of a claimed attack of unknown kind in sentence ``si`` (None: not one).

    "a strike ... killed 22" is a strike: a lethal generic strike keeps its own type.
    """
    lethal_strike = lethal(tree, main) and tree.tok[main.token].lemma.lower() == "strike"
    if not typed_by_claim(tree, main) or lethal_strike:
        return None
    lemmas = {t.lemma.lower() for t in tree.sentence}
    civilian = bool(lemmas & (W.CIVILIAN_SITES | W.CIVILIAN_NOUNS))
    definite = any(
        c.dep == "det" and c.lemma.lower() in W.DEFINITE for c in tree.children(main.token)
    )
    if civilian and not definite:
        # "killed 30 civilians in an attack on a village": a new attack, told by its victims
        return VIOLENCE_AGAINST_CIVILIANS, ATTACK
    strike = tree.tok[main.token].lemma.lower() == "strike"
    for d in reversed(drafts):
        if d.family == Family.VIOLENCE and si - d.sentence <= _CLAIM_SENTENCES:
            if strike and d.event.event_type != EXPLOSIONS:
                return None  # "forces carried out strikes" after a riot: strikes, their own
            return d.event.event_type, d.event.sub_event_type
    if civilian:
        return VIOLENCE_AGAINST_CIVILIANS, ATTACK
    return BATTLES, ARMED_CLASH


def decide_type(
    rule: Rule,
    *,
    claim: tuple[str, str] | None,
    antecedent: Event | None,
    civilians: bool,
    armed: bool,
) -> tuple[str, str]:
    """The (type, sub-type) of an event (see the module docstring for the order).

    Parameters
    ----------
    rule
        The event's main rule.
    claim
        The type of a claimed bare attack (:func:`claim_type`), else None.
    antecedent
        The event "the attack" refers to, if any.
    civilians
        Civilians are the event's victims or target.
    armed
        Soldiers or their posts are its target or victims.
    """
    etype, sub = rule.event_type, rule.sub_event_type
    if claim is not None:
        etype, sub = claim
    if antecedent is not None and Role.GENERIC in rule.roles:
        etype, sub = antecedent.event_type, antecedent.sub_event_type
    if civilians and not armed and Role.BY_TARGET in rule.roles:  # "attacked worshippers"
        return VIOLENCE_AGAINST_CIVILIANS, ATTACK
    if etype == VIOLENCE_AGAINST_CIVILIANS and armed:
        return BATTLES, ARMED_CLASH  # "gunmen fired on an army checkpoint"
    return etype, sub


def territory_subtype(actor1: str, actor2: str, cc: str) -> tuple[str, str]:
    """Sub-type of a territory change and the (possibly inferred) taking actor.

    A state retaking its own soil is "Government regains territory"; when only the
    expelled side is known and it is foreign to the place, the taker is the state
    the place belongs to. An armed group of the inventory taking a place is "Non-state
    actor overtakes territory"; a state taking another state's soil is an armed clash.
    """
    owner = country_name(cc)
    if not actor1 and actor2 and actor2 != owner:
        actor1 = owner
    if actor1 and actor1 == owner:
        return GOVERNMENT_REGAINS_TERRITORY, actor1
    if actor1 in _NON_STATE:
        return NON_STATE_OVERTAKES_TERRITORY, actor1
    return ARMED_CLASH, actor1


def battle_for_bare_attacks(hits: Sequence[TriggerHit]) -> list[TriggerHit]:
    """In a headline, a bare "attack" told beside a ground fight is that fight.

    "come under attack ... hit by gunfire": the generic attack of a ground fight is a
    battle (a fight, not a change of hands: "repelled attacks near X and captured Y"
    took only Y; nor troops on the move: "an attack on a blockade of advancing troops").
    """
    battle = next(
        (
            h.rule
            for h in hits
            if h.rule.event_type == BATTLES and not h.rule.roles & {Role.TERRITORY, Role.TRIED}
        ),
        None,
    )
    if battle is None:
        return list(hits)
    return [replace(h, rule=battle) if Role.UNTYPED in h.rule.roles else h for h in hits]
