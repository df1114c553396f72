"""Stage 4 helper (events): the groups of one sentence that tell one scene.

The coder groups a sentence's triggers by family and clause (one event each); a news
sentence often tells one event over several clauses:

* a toll told in its own clause is the toll of the sentence's strike ("Nine people were
  killed in X on Monday, the governor said, after Russia fired missiles at the port"):
  the victims' clause gives the place and the day, the strike's the type; unless both
  name places of their own ("drones hit X, and two people were killed in Y"), or the
  toll counts the dead of a disaster or a war ("floods that have killed 30");
* a demonstration told over several clauses is one ("police fired tear gas at teachers
  who blocked a highway near X"), unless its clauses name different places;
* a crowd's violent act ("protesters ... looted shops") is part of its demonstration;
* a clause describing what a trigger hit is that event's scene ("warplanes struck
  vehicles massed near X": a strike near X, no build-up of its own);
* a gathering a violent act hit is its target ("explosions hit a rally held in X": an
  attack in X, no rally of its own).
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.crowds import agents
from geomap.events.framing import is_year, toll_of_other
from geomap.events.matching import TriggerHit
from geomap.events.merge import same_place_or_nested
from geomap.events.place import Place
from geomap.events.rules import Family, Role
from geomap.events.syntax import Tree
from geomap.types import Token

__all__ = ["join_scenes"]

#: A group's key: (family, clause, line).
Key = tuple[str, int, int]
Groups = dict[Key, list[TriggerHit]]


def join_scenes(tree: Tree, groups: Groups, places: Sequence[Place]) -> Groups:
    """Merge the groups of one sentence that tell one scene (see the module docstring)."""
    _join_tolls(tree, groups, places)
    _join_described(tree, groups)
    _join_targets(tree, groups, places)
    _join_crowds(tree, groups, places)
    return groups


def _where(group: Sequence[TriggerHit], places: Sequence[Place]) -> frozenset[int]:
    tokens = {h.token for h in group}
    return frozenset(p.entry.geonameid for p in places if p.hit in tokens)


def _apart(a: Sequence[TriggerHit], b: Sequence[TriggerHit], places: Sequence[Place]) -> bool:
    """Whether two groups name places of their own that are not one place or nested
    ("drones hit X, and two were killed in Y"; not "after shelling of X, Y Oblast")."""
    ta, tb = {h.token for h in a}, {h.token for h in b}
    pa = [p.entry for p in places if p.hit in ta]
    pb = [p.entry for p in places if p.hit in tb]
    return bool(pa and pb) and not all(any(same_place_or_nested(x, y) for y in pa) for x in pb)


def _nearest(tree: Tree, group: Sequence[TriggerHit], keys: Sequence[Key], groups: Groups) -> Key:
    return min(
        keys, key=lambda s: min(tree.distance(h.token, x.token) for h in group for x in groups[s])
    )


def _join_tolls(tree: Tree, groups: Groups, places: Sequence[Place]) -> None:
    strikers = [
        k
        for k, g in groups.items()
        if k[0] == Family.VIOLENCE and any(Role.VICTIM not in h.rule.roles for h in g)
    ]
    for k in list(groups):
        g = groups[k]
        if k[0] != Family.VIOLENCE or k in strikers:
            continue
        if any(toll_of_other(tree, h) for h in g):
            del groups[k]  # "floods that have killed 30", "a war that has killed 38,000"
            continue
        line = [s for s in strikers if s[2] == k[2]]
        if not line or (_where(g, places) and any(_apart(groups[s], g, places) for s in line)):
            continue
        to = _nearest(tree, g, line, groups)
        groups[to] = [*groups[to], *groups.pop(k)]


def _join_described(tree: Tree, groups: Groups) -> None:
    """A clause describing what another trigger hit is that event's scene ("warplanes
    struck vehicles *massed near X*", "shelled positions *held by the enemy*")."""
    for k in list(groups):
        clause = tree.tok[k[1]]
        noun = tree.head(clause) if clause.dep in {"acl", "relcl"} else None
        if noun is not None and _of_a_past_year(tree, k[1]):
            continue  # "the square where protests in 2016 led to ...": a past event
        into = None if noun is None else _taker(tree, groups, k, noun, family=k[0], hit=True)
        if into is not None:
            groups[into] = [*groups[into], *groups.pop(k)]


def _join_targets(tree: Tree, groups: Groups, places: Sequence[Place]) -> None:
    """A gathering a violent act hit is its target, no event of its own: its place is
    the attack's ("two explosions hit a rally held in X", "gunmen attacked a protest in X",
    "missiles struck a meeting of commanders in X")."""
    for k in list(groups):
        if k[0] not in {Family.PROTEST, Family.DIPLOMACY}:
            continue
        takers = (
            _taker(tree, groups, k, tree.tok[h.token], family=Family.VIOLENCE, act=True)
            for h in groups[k]
        )
        into = next((o for o in takers if o is not None), None)
        if into is None:
            continue
        tokens = {h.token for h in groups.pop(k)}
        for p in places:
            if p.hit in tokens:
                p.hit = groups[into][0].token


def _taker(
    tree: Tree,
    groups: Groups,
    k: Key,
    noun: Token,
    *,
    family: str,
    act: bool = False,
    hit: bool = False,
) -> Key | None:
    """Another group of ``family`` on ``k``'s line whose trigger (or clause) takes
    ``noun`` as its object, directly or through a preposition ("hit *a rally*", "struck
    *vehicles* ...", "fired at *protesters*"); ``act``: a group that tells an act, not
    only a toll; ``hit``: the trigger itself, not a verb of its clause ("*the strikes*
    followed a raid in which jets struck X": two events)."""
    if noun.dep not in {"dobj", "pobj", "nsubjpass"}:
        return None
    governor = tree.head(noun)
    if governor is not None and governor.dep == "prep":
        governor = tree.head(governor)
    if governor is None:
        return None
    return next(
        (
            o
            for o in groups
            if o != k
            and o[0] == family
            and o[2] == k[2]
            and governor.i in {*(() if hit else (o[1],)), *(h.token for h in groups[o])}
            and (not act or any(Role.VICTIM not in h.rule.roles for h in groups[o]))
        ),
        None,
    )


def _of_a_past_year(tree: Tree, clause: int) -> bool:
    """Whether a clause names a year ("the square where mass protests in 2016 led to
    ..."): a past demonstration, no part of the one told now."""
    return any(t.pos == "NUM" and is_year(t.text) for t in tree.under(clause))


def _join_crowds(tree: Tree, groups: Groups, places: Sequence[Place]) -> None:
    crowd = W.DEMONSTRATORS | W.MOB_PEOPLE
    for line in {k[2] for k in groups}:
        protests = [k for k in groups if k[0] == Family.PROTEST and k[2] == line]
        if not protests:
            continue
        acts = [
            k
            for k in groups
            if k[0] == Family.VIOLENCE
            and k[2] == line
            and not any(h.rule.weapon for h in groups[k])
            and any(a.lemma.lower() in crowd for h in groups[k] for a in agents(tree, h.token))
        ]
        scene = [k for k in protests + acts if not _of_a_past_year(tree, k[1])]
        wheres = {_where(groups[k], places) for k in scene} - {frozenset()}
        if len(scene) < 2 or len(wheres) > 1:
            continue
        keep = max(protests, key=lambda k: max(h.rule.priority for h in groups[k]))
        for k in scene:
            if k != keep:
                groups[keep] = [*groups[keep], *groups.pop(k)]
