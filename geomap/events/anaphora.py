"""Stage 4 helper (events): what "the attack" refers to, and events waiting for a place.

* A definite event noun ("the attack", "the assassination") a few sentences after a
  violent event refers to it: :func:`antecedent` picks the latest such event, the
  latest in the country of a place the sentence gives when there is one ("the attack
  in X").
* A violent event told without any place ("A policeman fatally shot the ambassador
  on Monday") is :class:`Deferred`: when a later sentence refers to it with a place
  ("the attack in Ankara ..."), the coder codes it there (:func:`take_deferred`);
  otherwise it stays out of the map.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from geomap._geo import haversine_km
from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.dates import DatePhrase
from geomap.events.dating import EventDate, Timeline
from geomap.events.matching import TriggerHit
from geomap.events.merge import same_place_or_nested
from geomap.events.place import Place
from geomap.events.record import Draft
from geomap.events.rules import Family, Role
from geomap.events.syntax import Tree
from geomap.types import TOWN_LEVELS, GazetteerEntry, Token

__all__ = [
    "ANAPHORA_SENTENCES",
    "Deferred",
    "antecedent",
    "new_strikes_at",
    "refers_back",
    "retold_day",
    "take_deferred",
]

#: How many sentences back "the attack" may refer.
ANAPHORA_SENTENCES = 3


@dataclass(slots=True)
class Deferred:
    """A violent event of sentence ``si`` that named no place (the coder's group, as is)."""

    si: int
    start: int
    end: int
    group: list[TriggerHit]
    phrases: list[DatePhrase]
    timeline: Timeline
    status: dict[int, str]
    tokens: Sequence[Token]


def refers_back(tree: Tree, hit: TriggerHit) -> bool:
    """Whether a trigger is a definite singular event noun ("the attack", "this bombing").

    A noun that names people ("the gunman", "the protesters") refers to no event.
    """
    tok = tree.tok[hit.token]
    if tok.pos != "NOUN" or tok.tag == "NNS" or Role.AGENT in hit.rule.roles:
        return False
    return tree.definite(tok.i)


def antecedent(
    drafts: Sequence[Draft],
    si: int,
    countries: Collection[str],
    *,
    reach: int = ANAPHORA_SENTENCES,
    places: Sequence[GazetteerEntry] = (),
) -> Draft | None:
    """The recent violent event sentence ``si`` refers to (see the module docstring);
    ``reach``: how many sentences back it may lie ("the incident" reaches the whole
    article: it names nothing new); ``places``: the referring words' own towns (an event
    at another town is not the one referred to: "the killing of civilians in the village
    of X" after an attack at Y)."""
    recent = [
        d
        for d in drafts
        if d.family == Family.VIOLENCE and si - d.sentence <= reach and not _elsewhere(d, places)
    ]
    agree = [d for d in recent if d.event.country_code in countries]
    return (agree or recent)[-1] if recent else None


def _elsewhere(d: Draft, places: Sequence[GazetteerEntry]) -> bool:
    """Whether a town among ``places`` is no place of the event ``d`` placed at a town."""
    at = d.entry
    if at is None or at.level not in TOWN_LEVELS:
        return False
    return any(
        p.level in TOWN_LEVELS
        and not same_place_or_nested(p, at)
        and haversine_km(p.lat, p.lon, at.lat, at.lon) > _SAME_TOWN_KM
        for p in places
    )


#: How far apart two towns of one name are still one.
_SAME_TOWN_KM = 25.0


def take_deferred(
    deferred: list[Deferred], si: int, drafts: Sequence[Draft] = ()
) -> Deferred | None:
    """Remove and return the latest deferred event sentence ``si`` may refer to.

    Not one the story has moved on from: when an event was placed in a sentence after
    it, the placeless one summed several up ("Russia launched 60 missiles at Ukraine,
    killing four. In X, a missile hit ... In Y, strikes ..."), and no one of its places
    takes its toll.
    """
    for d in reversed(deferred):
        if 0 < si - d.si <= ANAPHORA_SENTENCES:
            if any(d.si < o.sentence < si for o in drafts):
                return None
            deferred.remove(d)
            return d
    return None


def retold_day(
    tree: Tree, token: int, drafts: Sequence[Draft], si: int, places: Sequence[Place]
) -> EventDate | None:
    """ "The barrage also hit X, where a missile killed 10": a sentence whose subject is
    an event told before ("the barrage") tells more of it; its undated events (trigger
    ``token`` of sentence ``si``, at ``places``) are of that event's day: the latest
    dated violent event of the article."""
    if not _under_retold(tree, token):
        return None
    found = {p.entry.country_code for p in places}
    dated = [d for d in drafts if d.explicit and d.event.event_date is not None]
    d = antecedent(dated, si, found, reach=si)
    if d is None or d.event.event_date is None:
        return None
    return EventDate(d.event.event_date, d.event.time_precision, True)


def _under_retold(tree: Tree, i: int) -> bool:
    """Whether token ``i`` hangs on a verb whose subject is a definite event noun ("the
    barrage also hit X, where ..."); a coordinated clause with its own subject ("the
    attack happened in X, and drones struck Y") tells its own event."""
    for a in tree.ancestors(i):
        subjects = [c for c in tree.children(a) if c.dep in {"nsubj", "nsubjpass"}]
        if any(t.lemma.lower() in W.EVENT_NOUNS and tree.definite(t.i) for t in subjects):
            return True
        if tree.tok[a].dep == "conj" and subjects:
            return False
    return False


def new_strikes_at(tree: Tree, main: TriggerHit, close: Sequence[GazetteerEntry]) -> bool:
    """ "Strikes were also reported in X and Y": strikes told anew, plural with no
    determiner, at towns named with them (``close``) or as the subject of what they hit;
    "a strike flattened a house": one told anew as the subject of what it did; no "the
    strike" of an event told before."""
    tok = tree.tok[main.token]
    dets = {c.text.lower() for c in tree.children(tok.i) if c.dep in {"det", "poss", "nummod"}}
    head = tree.head(tok)
    if dets <= {"a", "an", "another"} and dets and tok.dep == "nsubj":
        # "a strike flattened a house", "another strike hit their tent": one told anew
        return head is not None and head.pos == "VERB"
    if tok.tag != "NNS" or dets:
        return False
    if tok.dep == "nsubj" and head is not None and head.pos == "VERB":
        # "strikes also hit the airport of X": plural strikes told anew by what they hit
        return any(c.dep == "dobj" for c in tree.children(head.i))
    return any(e.level in TOWN_LEVELS for e in close)
