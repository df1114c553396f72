"""Stage 4 helper (events): a sentence's places, and which trigger each belongs to.

The literal, resolved places of a sentence (:func:`places_in`) hang on the nearest
trigger they are syntactically attached to (:func:`attach_places`, :func:`link`):
through the trigger, through its clause, or with the trigger inside a modifier of the
place ("the town that X took"). A place reached through an origin, a statement, a
reaction, a quotation apart or another clause is not the event's
(:mod:`geomap.events.location`). An event left without a place may take the sentence's
nearest unclaimed place (:func:`free_place_ok`). Of an event's places the most specific
stay (:func:`most_specific`).
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap._geo import haversine_km
from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.context import Context
from geomap.events.headline import name_like
from geomap.events.location import is_event_path, quoted_apart, under_reaction
from geomap.events.matching import TriggerHit
from geomap.events.merge import contains
from geomap.events.place import Place
from geomap.events.rules import Family, Role
from geomap.events.schema import ABDUCTION, BATTLES
from geomap.events.syntax import Tree
from geomap.types import TOWN_LEVELS, GazetteerEntry, Token

__all__ = [
    "attach_places",
    "drop_descriptors",
    "free_place_ok",
    "link",
    "most_specific",
    "named_dist",
    "places_in",
    "shared_scene",
]


def places_in(ctx: Context, start: int, end: int) -> list[Place]:
    """The literal, resolved places of the sentence ``text[start:end]``.

    A dateline's place is where the story was filed: the event's only when the sentence
    names no other ("KYIV (AP) — Drones hit the capital overnight"), known to the
    gazetteer or not.
    """
    out = []
    for r in ctx.resolved_in(start, end):
        m = r.mention
        # (an unresolved place has no entry)
        if m.role != "literal" or r.entry is None:
            continue
        head = ctx.tree.head_of_span(m.start, m.end)
        # a place name is a noun ("As", "We", "AND" are upstream misreadings)
        if head is not None and (
            ctx.tree.tok[head].pos in {"PROPN", "NOUN"} or (ctx.headline and name_like(m.text))
        ):
            out.append(Place(r, head))
    filed = ctx.filed_end(start, end)
    told = [p for p in out if p.resolved.mention.start >= filed]
    dateline = [p for p in out if p.resolved.mention.start < filed]
    # (a place told by a name the gazetteer lacks, read at what holds it, is no division
    # holding the dateline: "PORT SUDAN — ... the village of X in central Sudan")
    if (
        told
        and dateline
        and all(_holds(p.entry, dateline) and p.resolved.method != "relative" for p in told)
    ):
        return dateline + told  # "TBILISI, Georgia — ... outside Georgia's parliament"
    if told or not any(
        r.mention.start >= filed and r.mention.role == "literal"
        for r in ctx.resolved_in(start, end)
    ):
        return told or out
    return []  # "ISLAMABAD — ... fire at the Torkham crossing": a place the gazetteer lacks


def _holds(entry: GazetteerEntry, places: Sequence[Place]) -> bool:
    """Whether ``entry`` is a country or division holding every one of ``places``."""
    if entry.level == "country":
        return all(p.entry.country_code == entry.country_code for p in places)
    return entry.level == "admin1" and all(
        (p.entry.country_code, p.entry.admin1_code) == (entry.country_code, entry.admin1_code)
        for p in places
    )


def _path_to(ctx: Context, place: Place, hit: TriggerHit) -> tuple[list[int], int] | None:
    """The tokens from a place up to its trigger (or the trigger's clause), and the
    tree distance; None when the place does not hang on the trigger."""
    tree = ctx.tree
    anc_p = tree.ancestors(place.head)
    anc_h = tree.ancestors(hit.token)
    clause = tree.clause(hit.token)
    if hit.token in anc_p:
        path = anc_p[: anc_p.index(hit.token)]
        return path, len(path)
    if clause in anc_p:
        if under_reaction(tree, hit.token):
            return None  # "on a visit to X, the president condemned the bombing"
        path = anc_p[: anc_p.index(clause)]
        return path, len(path) + anc_h.index(clause)
    if place.head in anc_h:  # trigger inside a modifier of the place ("town that X took")
        return [], anc_h.index(place.head) + 3
    tok = tree.tok[hit.token]
    if tok.dep in {"nsubj", "nsubjpass"} and tok.head in anc_p:
        # a gerund the parser makes a clause of its own, subject of where it went on
        # ("Fighting has raged since Friday in X")
        path = anc_p[: anc_p.index(tok.head)]
        return path, len(path) + 1
    return None


def shared_scene(ctx: Context, places: Sequence[Place], hit: TriggerHit) -> list[Place]:
    """Unclaimed places of the verb a trigger's clause is coordinated with, sharing its
    subject: "a man entered a home in X and opened fire" happened in X."""
    tree = ctx.tree
    tok = tree.tok[tree.clause(hit.token)]
    if tok.dep != "conj" or tok.head not in tree.tok:
        return []
    if any(c.dep in {"nsubj", "nsubjpass"} for c in tree.children(tok.i)):
        return []
    out = []
    for p in places:
        anc = tree.ancestors(p.head)
        if p.hit >= 0 or tok.head not in anc or _apart(ctx, p, hit):
            continue
        path = [tree.tok[k] for k in anc[: anc.index(tok.head)]]
        if is_event_path(path, territory=_taken_from(hit)) and not _taken_for_care(tree, p):
            out.append(p)
    return out


def _apart(ctx: Context, place: Place, hit: TriggerHit) -> bool:
    """Another line (a headline or caption), or someone's quoted words."""
    lo, hi = sorted((ctx.tree.tok[place.head].start, hit.start))
    if "\n" in ctx.text[lo:hi]:
        return True
    return quoted_apart(ctx.text, place.mention.start, place.mention.end, hit.start)


def _after_motive(tree: Tree, place: Place) -> bool:
    """Whether a place closes a motive phrase the parser split off ("in solidarity with
    Palestinians in X", "in retaliation for strikes on X"): a motive noun a few words
    before it, with no verb between."""
    words = [t for t in tree.sentence if t.i < place.head]
    for t in reversed(words[-6:]):
        if t.pos in {"VERB", "AUX"}:
            return False
        if t.lemma.lower() in W.MOTIVE_NOUNS:
            return True
    return False


def _taken_from(hit: TriggerHit) -> bool:
    """Whether "from X" tells where the event happened: a change of territory ("drove them
    out from X") or an abduction ("abducted passengers from a bus near X")."""
    return Role.TERRITORY in hit.rule.roles or hit.rule.sub_event_type == ABDUCTION


def _describes(tree: Tree, verb: Token, subjects: Sequence[Token], hit: TriggerHit) -> bool:
    """Whether a relative clause tells more of the trigger itself ("a strike *that used*
    munitions on a school in X": the strike's clause, its subject the relative pronoun),
    or of its victims ("killed 11 men *who were herding sheep near X*")."""
    if verb.dep != "relcl" or not all(t.lemma.lower() in _RELATIVE_PRONOUNS for t in subjects):
        return False
    if verb.head == hit.token:
        return True
    # "killed 11 men who were herding sheep near X": where the victims were
    noun = tree.tok.get(verb.head)
    return noun is not None and noun.head == hit.token and noun.dep in _VICTIM_DEPS


#: How the victims hang on a trigger verb ("killed *men* who ...").
_VICTIM_DEPS = frozenset({"dobj", "nsubjpass"})
#: Pronouns that open a relative clause.
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})


def link(ctx: Context, place: Place, hit: TriggerHit, family: str) -> tuple[int, str] | None:
    """Tree distance from a place to a trigger, with the governing preposition."""
    tree = ctx.tree
    found = _path_to(ctx, place, hit)
    if found is None or _apart(ctx, place, hit):
        return None
    path, dist = found
    steps = [tree.tok[k] for k in path]
    preps = [t.lemma.lower() for t in steps if t.pos == "ADP" or t.dep == "prep"]
    territory = _taken_from(hit)
    town = place.entry.level in TOWN_LEVELS
    contest = hit.rule.event_type == BATTLES and Role.TERRITORY not in hit.rule.roles
    if not is_event_path(steps, territory=territory, town=town, contest=contest):
        return None  # a launch site, an origin, the place of a statement
    if _after_motive(tree, place) or _road_leads_to(tree, place) or _taken_for_care(tree, place):
        return None  # "fired ... in solidarity with Palestinians in X" (parsed onto "fired")
    for k in path[1:]:
        tok = tree.tok[k]
        subjects = [c for c in tree.children(k) if c.dep in {"nsubj", "nsubjpass"}]
        if tok.pos == "VERB" and subjects and not _describes(tree, tok, subjects, hit):
            return None  # the place belongs to another clause ("what the Police said")
    prep = preps[0] if preps else ""
    if any(tree.tok[k].lemma.lower() in W.NEAR_NOUNS for k in path) or (
        prep == "of" and any(p in {"near", "outside"} for p in preps)
    ):
        prep = "near"  # "on the outskirts of X", "a post near the town of X"
    if "between" in preps:
        prep = "between"  # "on the road between X and Y": near X (see coder._locate)
    if prep in {"toward", "towards"}:
        prep = "near"  # "attacking toward X": on the way to X
    if family == Family.DIPLOMACY:
        if prep and prep not in W.DIPLOMACY_PREPS:
            return None
        direct = tree.tok[place.head].dep in {"compound", "poss", "nmod", "npadvmod"}
        if not prep and not (dist == 1 and direct):
            return None
    return dist, prep


def attach_places(ctx: Context, places: Sequence[Place], live: Sequence[TriggerHit]) -> None:
    """Hang each place on its nearest linked trigger (sets ``dist``, ``prep``, ``hit``).

    A casualty word ("2 wounded") yields a place to the sentence's weapon or attack
    ("rocket hit near X, 2 wounded").
    """
    for p in places:
        links = [(found, h) for h in live if (found := link(ctx, p, h, h.rule.family))]
        strong = [(found, h) for found, h in links if Role.VICTIM not in h.rule.roles]
        for found, h in strong or links:
            if found[0] < p.dist:
                p.dist, p.prep, p.hit = found[0], found[1], h.token


def named_dist(ctx: Context, place: Place) -> int:
    """Tree distance to the place's trigger, "the village of X" counted as "X"."""
    tree = ctx.tree
    tok = tree.tok[place.head]
    of = tree.head(tok)
    if tok.dep == "pobj" and of is not None and of.lemma.lower() == "of":
        noun = tree.head(of)
        if noun is not None and noun.i != of.i and noun.lemma.lower() in W.SETTLEMENT_NOUNS:
            return place.dist - 2
    return place.dist


def free_place_ok(ctx: Context, place: Place, main: TriggerHit) -> bool:
    """An unattached place may locate the event unless it is an origin or a speech's.

    Nor when the event is only referred to ("condemned the attack": the place is the
    speaker's), nor when the place is in words quoted apart from the trigger.
    """
    tree = ctx.tree
    if under_reaction(tree, main.token):
        return False
    m = place.mention
    if quoted_apart(ctx.text, m.start, m.end, main.start) or _taken_for_care(tree, place):
        return False
    path = [tree.tok[k] for k in tree.ancestors(place.head)]
    k = next((k for k, t in enumerate(path) if k and t.pos == "VERB"), 0)
    if k and path[k].i != main.token and _to_come(tree, path[k].i):
        return False  # "..., and its envoy would be summoned in X": what is to come, there
    if k and path[k].lemma.lower() in W.SPEECH_VERBS and path[k].i != main.token:
        below = path[k - 1]
        if below.dep == "nsubj" and below.lemma.lower() in W.SEAT_NOUNS:
            return False  # "the Ministry of Defence in London said ...": its seat
        if below.dep not in {"nsubj", "nsubjpass"} and place.head > path[k].i:
            return False  # "..., a spokesperson told reporters in X": where it was said
            # (the speakers' own place, "police in X said ...", and a scene set before
            # the words, "In X, officials said ...", are the event's)
    return is_event_path(path, territory=_taken_from(main)) and not _after_motive(tree, place)


def _to_come(tree: Tree, verb: int) -> bool:
    """Whether a verb tells what is to come ("would be summoned", "will meet")."""
    return any(c.dep == "aux" and c.lemma.lower() in W.TO_COME for c in tree.children(verb))


def _road_leads_to(tree: Tree, place: Place) -> bool:
    """Whether the text names the place as where a road leads ("a market on the highway to
    X", "on the road to X"), wherever the parser hangs the "to": not where the event was
    when the sentence places it otherwise (alone, it may still be the nearest place)."""
    words = [t.lemma.lower() for t in tree.sentence if t.end <= place.mention.start][-2:]
    return len(words) == 2 and words[0] in W.ROADS_TO and words[1] in {"to", "toward", "towards"}


def _taken_for_care(tree: Tree, place: Place) -> bool:
    """Whether the text names the place as where the wounded or the dead were taken ("were
    evacuated to hospital in X", "taken to a clinic in X"), wherever the parser hangs the
    "in": not where the event was."""
    words = [t.lemma.lower() for t in tree.sentence if t.end <= place.mention.start][-5:]
    if len(words) < 4 or words[-1] not in {"in", "at"} or words[-2] not in W.CARE_PLACES:
        return False
    # ("evacuated to hospital in", "taken to a clinic in"; not "slammed into the hospital")
    to = [k for k, w in enumerate(words[:-2]) if w == "to"]
    return bool(to) and to[-1] > 0 and words[to[-1] - 1] in W.TAKING_VERBS


def _in_description(tree: Tree, p: Place, by_head: dict[int, Place]) -> bool:
    """Whether ``p`` is named in what the text says of another town of the event, far from
    it ("X, a village on the road into Russia from Ukraine's *Y* region": Y describes X),
    not a place of its own; a place near the town locates it ("X, a suburb on *Y*'s
    edge"), a division holding it is its parent ("X, a village in Y region")."""
    described = False
    for a in tree.ancestors(p.head)[1:]:
        below = tree.tok[a]
        q = by_head.get(a)
        if q is not None and q is not p:
            e, town = p.entry, q.entry
            if not described or town.level not in TOWN_LEVELS or contains(e, town):
                return False
            readings = [town, *q.resolved.namesakes]
            if all(r.country_code != e.country_code for r in readings):
                return True  # (another country: whichever reading)
            # (a town of several readings: how far, unknown)
            far = haversine_km(e.lat, e.lon, town.lat, town.lon) > _DESCRIBED_KM
            return far and not q.resolved.ambiguous
        described = described or below.dep in {"appos", "relcl", "acl"}
    return False


#: How far from a town a place its description names is no longer near it.
_DESCRIBED_KM = 50.0


def drop_descriptors(ctx: Context, places: Sequence[Place]) -> list[Place]:
    """ "the southern *Gaza* city of X": the place describing the noun is not the event's.

    Unless the place after "of" contains it: in "X town of Y region" X is the town. A
    place naming a road ("the Y highway") yields to the event's other places.
    """
    tree = ctx.tree
    by_head = {p.head: p for p in places}
    out: list[Place] = []
    routes: list[Place] = []
    for p in places:
        if _in_description(tree, p, by_head):
            continue
        tok = tree.tok[p.head]
        noun = tree.head(tok)
        if tok.dep in {"compound", "amod", "nmod", "poss"} and noun is not None:
            named = [
                by_head[g.i]
                for c in tree.children(noun.i)
                if c.dep == "prep" and c.lemma.lower() == "of"
                for g in tree.children(c.i)
                if g.dep == "pobj" and g.i in by_head
            ]
            if noun.lemma.lower() in W.DESCRIBED_PLACE_NOUNS and any(
                not contains(q.entry, p.entry) for q in named
            ):
                continue
            if noun.lemma.lower() in W.ROUTE_NOUNS | _FRONT_NOUNS and len(places) > 1:
                routes.append(p)  # "X: drones hit a checkpoint on the Y highway": X's;
                continue  # "Y direction | X: ...": a front named after a town, X's
        out.append(p)
    return out or routes


#: Nouns of a front named after a town ("the Y direction", "the Y sector").
_FRONT_NOUNS = frozenset({"direction", "sector", "axis"})


def most_specific(places: Sequence[Place]) -> list[Place]:
    """Drop places that contain, parent or anchor another place of the same event.

    One place per entry: two names placed at one entry ("#Y ... the Z district" placed
    in Y) are one location, told best by the name the gazetteer holds itself.
    """
    names = {p.mention.parent for p in places if p.mention.parent} | {
        p.mention.anchor for p in places if p.mention.anchor
    }
    if any(p.entry.level != "country" for p in places):
        places = [p for p in places if p.entry.level != "country"]
    out: dict[int, Place] = {}
    for p in places:
        if p.mention.name in names and len(places) > 1 and p.mention.parent != p.mention.name:
            continue  # (in "X, X Oblast" the first X is the town, not the oblast)
        if any(
            o is not p
            and (contains(p.entry, o.entry) or _section_of(p.entry, o.entry))
            and p.mention.parent != o.mention.name
            for o in places
        ):
            continue  # (the text's "Y's X" puts X in Y, whatever the levels say)
        kept = out.get(p.entry.geonameid)
        if kept is None or (kept.resolved.method == "relative" and p.resolved.method != "relative"):
            out[p.entry.geonameid] = p
    return list(out.values())


#: How far from its town's point a section of it (a district, a quarter) may lie.
_SECTION_KM = 15.0


def _section_of(town: GazetteerEntry, part: GazetteerEntry) -> bool:
    """Whether ``part`` is a section of the town ``town`` (GeoNames PPLX: a district or
    quarter, "Saltivka, a district of Kharkiv"): the event is told at the section."""
    return (
        part.feature_code == "PPLX"
        and town.feature_class == "P"
        and town.feature_code != "PPLX"
        and (town.country_code, town.admin1_code) == (part.country_code, part.admin1_code)
        and haversine_km(town.lat, town.lon, part.lat, part.lon) <= _SECTION_KM
    )
