"""Stage 4 helper (events): the tolls a barrage's report lists town by town.

"Russia fired 20 missiles at cities across the country. In Kyiv, a missile damaged a
hotel. In the western city of X, two people were wounded": the last sentence names no
weapon, but its victims are the barrage's, in X. A toll alone tells no event in an
article (an accident, a past count); right after a strike told in the same paragraph it
is that strike's, in the town the toll names (:func:`barrage_lead`, :func:`as_barrage`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from geomap.events.casualties import max_known
from geomap.events.context import Context
from geomap.events.crowds import armed_killers
from geomap.events.dating import same_paragraph
from geomap.events.matching import TriggerHit
from geomap.events.record import Draft, event_id
from geomap.events.rules import Family, Role
from geomap.events.schema import EXPLOSIONS
from geomap.types import Sentence

__all__ = ["as_barrage", "bare_toll", "barrage_lead", "toll_of_previous"]


def bare_toll(
    ctx: Context,
    sentences: Sequence[Sentence],
    si: int,
    drafts: Sequence[Draft],
    group: Sequence[TriggerHit],
) -> tuple[bool, Draft | None]:
    """Whether to drop a group of sentence ``si``, and the strike it belongs to.

    Victims alone tell no event in an article (an accident, a past count), unless armed
    men killed them ("fighters killed 35 people in a village near X": no strike of its
    own), or a strike told just before did (:func:`barrage_lead`).
    """
    alone = all(Role.HEADLINE in h.rule.roles for h in group)
    if not alone or ctx.headline or armed_killers(ctx.tree, group):
        return False, None
    lead = barrage_lead(ctx.text, sentences, si, drafts)
    return lead is None, lead


def barrage_lead(
    text: str, sentences: Sequence[Sentence], si: int, drafts: Sequence[Draft]
) -> Draft | None:
    """The strike that sentence ``si``'s bare toll belongs to: an explosion or remote
    violence event of the sentence just before, in the same paragraph; else None."""
    if si == 0 or not same_paragraph(text, sentences[si - 1], sentences[si]):
        return None
    return next(
        (
            d
            for d in reversed(drafts)
            if d.sentence == si - 1
            and d.event.event_type == EXPLOSIONS
            and d.event.status == "occurred"
        ),
        None,
    )


def as_barrage(drafts: Sequence[Draft], lead: Draft | None) -> None:
    """Give the toll's events (``drafts``, coded from the toll alone) the strike's type,
    weapons and attacker, keeping their own place, toll and day (no ``lead``: none)."""
    if lead is None:
        return
    ev = lead.event
    for d in drafts:
        own = d.event
        d.event = replace(
            own,
            event_id=event_id(
                own.article_id,
                own.quote_start,
                own.quote_end,
                ev.event_type,
                ev.sub_event_type,
                own.location,
                own.event_date,
            ),
            event_type=ev.event_type,
            sub_event_type=ev.sub_event_type,
            weapons=own.weapons or ev.weapons,
            actor1=own.actor1 or ev.actor1,
        )


def toll_of_previous(
    drafts: Sequence[Draft],
    si: int,
    toll: tuple[int | None, int | None],
    hits: Sequence[TriggerHit],
    at: Collection[int] = (),
) -> bool:
    """Give a toll (deaths, injuries) of sentence ``si``, told by ``hits``, to the event
    the sentence before coded, if any.

    "Russian missiles struck X. Two people were killed and five wounded.": a sentence
    telling only victims, with no place of its own, counts the event just told; so does
    a figure ("The death toll rose to 19"), in the place it names (``at``: the event must
    be at one of them, when given). (Mutation testing: returning True for a toll without
    numbers is equivalent, such a group is never deferred; returning True for other
    groups, or False after counting, differs only when a later sentence places a
    deferred event, and survives.)
    """
    dead, hurt = toll
    if dead is None and hurt is None:
        return False
    if any(Role.VICTIM not in h.rule.roles for h in hits):
        return False
    before = [
        d
        for d in drafts
        if d.sentence == si - 1
        and d.family == Family.VIOLENCE
        and d.event.status != "planned"
        and (not at or d.event.geonameid in at)
    ]
    if not before:
        return False
    d = before[-1]
    d.event = replace(
        d.event,
        fatalities=max_known([d.event.fatalities, dead]),
        injured=max_known([d.event.injured, hurt]),
    )
    return True
