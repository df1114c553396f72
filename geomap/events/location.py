"""Stage 4 helper, events: which of a sentence's places is where its event happened.

* A place reached through "about", "for", "against", "after" ... is a topic, a purpose
  or another event's place ("talks about X", "the attack came after protests in X").
* A place reached through "from" is an origin or a launch site ("fired from a base near
  X", "driven into Ukraine from X"), not where a strike or attack happened; only a
  change of territory ("drove troops out from X") is located there.
* A place under a statement, speech, ceremony or commemoration ("said in a statement
  issued in X", "a memorial service in X") is where words were spoken, not the event;
  one under a verb of reaction ("condemned the role of X") is its topic.
* When the event's places include a country, a place resolved in another country is a
  misreading of a word ("the Gulf Arab state of X"). A sub-place whose gazetteer entry
  lies in another country than the place the text puts it in ("X's Wadi Y district"
  resolved to a town abroad) is a misreading too: the event sits at the enclosing
  place instead, near it (geo_precision 2).
* A wire dateline ("NAIROBI, June 2 (AP) — ...") names where the story was filed: its
  place is no actor of the sentence's event (:func:`dateline_end`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from geomap._geo import haversine_km
from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.merge import contains
from geomap.events.place import Place
from geomap.events.syntax import Tree
from geomap.types import TOWN_LEVELS, GazetteerEntry, Token

__all__ = [
    "consistent_places",
    "coordinated_places",
    "dateline_end",
    "drop_asides",
    "drop_locators",
    "drop_nationalities",
    "drop_references",
    "is_event_path",
    "names_unknown_place",
    "quoted_apart",
    "under_reaction",
]

#: A wire dateline at a sentence's start: a place in capitals, then a state or country,
#: a date and an agency in brackets as the wires write them, then a dash.
_DATELINE = re.compile(
    r"\s*(?P<place>[^\W\d_][\w'’.-]+(?: [^\W\d_][\w'’.-]+){0,3})"
    r"(?P<state>,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?"
    r"(?P<date>,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2})?"
    r"\s*(?P<agency>\([^()\n]{1,40}\))?\s*(?P<dash>[—–]|--?)\s+"
)


def dateline_end(text: str, start: int, end: int) -> int:
    """End of the dateline that opens ``text[start:end]`` (``start`` when there is none).

    "NAIROBI, June 2 (AP) — Sudan's ..." -> the offset of "Sudan's". The place is
    written in capitals; a place alone before a dash ("WASHINGTON — ") needs four
    letters and a long dash, so that "US - Russia talks" is no dateline.
    """
    found = _dateline_at(text, start, end)
    if found is not None:
        return found
    # the parser may end a sentence after the place ("PARIS" | ", Jan 29 (AP) - ..."):
    # the dateline then opens the line, before the sentence
    line = text.rfind("\n", 0, start) + 1
    if 0 < start - line <= _PLACE_MAX:
        found = _dateline_at(text, line, end)
        if found is not None and found > start:
            return found
    return start


#: Most characters of a dateline's place.
_PLACE_MAX = 40


def _dateline_at(text: str, start: int, end: int) -> int | None:
    """End of a dateline matched at ``start``, or None."""
    m = _DATELINE.match(text, start, end)
    if m is None or m["place"] != m["place"].upper():
        return None  # (in capitals, whatever the alphabet: "CÚCUTA", "KYIV")
    if not (m["state"] or m["date"] or m["agency"]) and (
        m["dash"] not in {"—", "–"} or sum(c.isupper() for c in m["place"]) < 4
    ):
        return None
    return m.end()


def is_event_path(
    path: Sequence[Token], *, territory: bool, town: bool = False, contest: bool = False
) -> bool:
    """Whether a place reached along ``path`` (place head first) can locate the event.

    Parameters
    ----------
    path
        Tokens from the place's head up to (not including) the trigger or its clause.
    territory
        Whether the trigger is a change of territory (origins then count).
    town
        Whether the place is a settlement: "shelling between X and Y" is where, not
        between whom.
    contest
        Whether the trigger is a fight: a settlement fought "for" is where it was
        fought ("fighting for X").
    """
    preps = [t.lemma.lower() for t in path if t.pos == "ADP" or t.dep == "prep"]
    if town or _between_towns(path):
        preps = [p for p in preps if p != "between"]  # "on the road between X and Y"
    if contest and town and _fought_for(path):
        preps = preps[1:]  # "fighting for X", "the battle for X, Y region", "attacking
        # toward X" (near X: see linking.link)
    if _for_whom(path):
        preps = [p for p in preps if p != "for"]  # "a camp for displaced people near X"
    # "clashes between X and Y near Z", "clashed with militants near Z", "an assault by
    # two platoons with armour near Z": the parties hang on "between" (or on a "with",
    # "against" or "by" of the trigger itself), and the place the parser hangs on a party
    # through "near"/"in" locates the clash
    first_bad = next((i for i, p in enumerate(preps) if p in W.BAD_PREPS), None)
    if first_bad is not None and not (
        (
            preps[first_bad] == "between"
            or (preps[first_bad] in W.PARTY_PREPS and path[-1].lemma.lower() in _PARTY_HEADS)
        )
        and any(p in W.LOCATIVE_PREPS for p in preps[:first_bad])
        and all(p not in W.BAD_PREPS for p in preps[first_bad + 1 :])
    ):
        return False
    if not territory and _origin(path) and not _recorded_at(path):
        return False
    if any(t.pos == "VERB" and t.lemma.lower() in W.REACTION_VERBS for t in path[1:]):
        return False  # "... and then condemned Russia's role in X": the topic, not the place
    if any(t.lemma.lower() in W.MOTIVE_NOUNS for t in path[1:]):
        return False  # "fired in solidarity with Palestinians in X": a motive, not a place
    if _departed(path) or _destination(path):
        return False  # "Kurds who fled X in the 1990s", "while driving to X": not there
    if any(t.lemma.lower() in _MEDIA for t in path[1:]):
        return False  # "state television in X broadcast footage of the strike": the source
    if any(t.text.lower() == "according" for t in path[1:]):
        return False  # "according to the X resistance committee": a source, not a place
    return not any(t.lemma.lower() in W.SPEECH_NOUNS for t in path[1:])


def _departed(path: Sequence[Token]) -> bool:
    """Whether the place is what someone left or fled to ("fled X", "a resident who fled
    to the town of X"; not where what they left is, "escaped from the prison in X")."""
    k = next((i for i, t in enumerate(path) if i > 0 and t.pos == "VERB"), None)
    if k is None or path[k].lemma.lower() not in W.DEPARTURE_VERBS:
        return False
    if any(t.lemma.lower() in W.WHERE_PREPS and t.dep == "prep" for t in path[1 : k - 1]):
        return False
    return (k == 1 and path[0].dep == "dobj") or any(
        t.lemma.lower() in {"to", "into", "toward", "towards", "from"} for t in path[1:k]
    )


def _for_whom(path: Sequence[Token]) -> bool:
    """Whether a located place hangs on what a noun is for ("stormed a camp *for*
    displaced people near X"): a noun's complement, not the event's purpose ("fought
    for control of X" is a purpose: its "for" hangs on the verb)."""
    for i, t in enumerate(path[:-1]):
        if t.lemma.lower() == "for" and (t.pos == "ADP" or t.dep == "prep"):
            head = path[i + 1]
            located = any(
                p.lemma.lower() in W.LOCATIVE_PREPS | W.NEAR_PREPS
                for p in path[:i]
                if p.pos == "ADP" or p.dep == "prep"
            )
            return head.pos == "NOUN" and located
    return False


def _fought_for(path: Sequence[Token]) -> bool:
    """Whether the place is the object of "for" (through nouns only: "for X, Y region"),
    or of a "toward" of the trigger itself ("attacking toward X"; not "on the road from
    A toward X")."""
    for k, t in enumerate(path[1:], start=1):
        if t.pos == "ADP" or t.dep == "prep":
            low = t.lemma.lower()
            return low == "for" or (low in {"toward", "towards"} and k == len(path) - 1)
        if t.pos not in {"NOUN", "PROPN"}:
            return False
    return False


def _destination(path: Sequence[Token]) -> bool:
    """Whether the place is where someone was going ("killed while driving *to* X",
    "a convoy heading *toward* X"): "to" or "toward" right on a verb of motion."""
    # (the place itself, not a place of the people reached: "delivering food to residents
    # near X" happened near X)
    if len(path) <= 2:
        return False
    prep, verb = path[1].lemma.lower(), path[2].lemma.lower()
    if prep == "for":  # "a jet about to take off for X", "a ship bound for X"
        return verb in _LEAVING_FOR
    return prep in {"to", "toward", "towards"} and path[2].pos == "VERB" and verb in _GOING_VERBS


#: Verbs of going somewhere: the place they go "to" is not yet where they are.
_GOING_VERBS = W.MOTION_VERBS | frozenset({"go", "return", "walk", "ride"})
#: Verbs of leaving "for" a place ("take off for X", "left for X", "bound for X").
_LEAVING_FOR = frozenset({"take", "leave", "depart", "head", "sail", "fly", "bound", "bind"})


def _between_towns(path: Sequence[Token]) -> bool:
    """Whether a place is one end of a road or an area "between" two places ("the road
    between X and Y"), not a party to a clash."""
    for i, t in enumerate(path[:-1]):
        if t.lemma.lower() == "between" and (t.pos == "ADP" or t.dep == "prep"):
            return path[i + 1].lemma.lower() in W.ROADS | _AREA_NOUNS
    return False


#: Nouns of an area that lies between two places.
_AREA_NOUNS = frozenset({"area", "stretch", "section", "front", "frontline", "countryside"})


def _origin(path: Sequence[Token]) -> bool:
    """Whether ``path`` goes through an origin preposition that names a place.

    "from 27/04/2022" or "from Monday" dates the event, and the parser may hang the
    place on that preposition ("Missile impact from 27/04/2022 in X": X under "in"
    under "from"); "from near X" and "from inside X" are origins, "from ... in X" is not.
    """
    if any(
        t.lemma.lower() == "over" and path[i + 1].lemma.lower() in _LAUNCH_VERBS
        for i, t in enumerate(path[:-1])
    ):
        return True  # "a glide bomb launched over the X region": where its carrier flew
    return any(
        t.lemma.lower() in W.ORIGIN_PREPS
        and not (i > 0 and (_temporal(path[i - 1]) or path[i - 1].lemma.lower() in W.WHERE_PREPS))
        # "on the road from X toward Y": an end of the road, no origin
        and not (i + 1 < len(path) and path[i + 1].lemma.lower() in W.ROADS)
        and not _own_where(path[:i])
        for i, t in enumerate(path)
        if t.pos == "ADP" or t.dep == "prep"
    )


def _own_where(below: Sequence[Token]) -> bool:
    """Whether a place under a "from" has a "where" of its own through a thing that is no
    launch site ("shelling from the left bank damaged houses *in X*", misparsed under
    "from"; but "fired from positions *in X*" is an origin)."""
    for k in range(1, len(below) - 1):
        if below[k].lemma.lower() in W.WHERE_PREPS | {"near"}:
            nouns = [t for t in below[k + 1 :] if t.pos in {"NOUN", "PROPN"}]
            return bool(nouns) and not any(t.lemma.lower() in _LAUNCH_SITES for t in nouns)
    return False


#: Prepositions by which a trigger takes a party ("clashed *with*", "an assault *by*").
_PARTY_HEADS = W.PARTY_PREPS | {"by"}
#: Verbs of setting a weapon off: the area it is launched "over" is its carrier's.
_LAUNCH_VERBS = frozenset({"launch", "release"})
#: Who reports: a place they are in is where the report comes from, not the event's.
_MEDIA = frozenset(
    {"television", "tv", "radio", "broadcaster", "newspaper", "channel", "media", "outlet"}
)  # fmt: skip  ("video from X" shows X: no recording here)
#: What fire comes from ("from positions near X", "from the area of X").
_LAUNCH_SITES = frozenset(
    {"area", "position", "base", "side", "bank", "direction", "territory", "outskirts",
     "vicinity", "region", "district", "airfield", "field", "site", "launcher", "village",
     "town", "city", "border", "coast", "sea", "bomber", "aircraft", "jet", "plane",
     "warplane", "helicopter", "ship", "vessel", "warship", "submarine", "boat", "unit"}
)  # fmt: skip


def _temporal(tok: Token) -> bool:
    """A number, a date or a day or month name (the object of a "from" about time)."""
    low = tok.lemma.lower()
    return tok.pos == "NUM" or _DATE_WORD.fullmatch(low) is not None


#: Words of time a "from" can take ("from Monday", "from 24 February").
_DATE_WORD = re.compile(
    r"\d[\d/.:-]*|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|morning|night"
    r"|evening|afternoon|january|february|march|april|may|june|july|august|september"
    r"|october|november|december"
)


def _recorded_at(path: Sequence[Token]) -> bool:
    """Whether every origin preposition on ``path`` hangs on a noun of a recording.

    In "footage from X shows the aftermath of shelling" X is where it was filmed; in
    "a missile launched from X" X is the launch site.
    """
    found = False
    for i, t in enumerate(path[:-1]):
        if t.lemma.lower() in W.ORIGIN_PREPS:
            if path[i + 1].lemma.lower() not in W.EVIDENCE_NOUNS:
                return False
            found = True
    return found


#: Opening and closing quotation marks ("…", “…”, «…»).
_QUOTES = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")


def quoted_apart(text: str, start: int, end: int, trigger: int) -> bool:
    """Whether ``text[start:end]`` lies inside a quotation that the trigger is outside of.

    "shot the ambassador ..., shouting: “Don't forget Aleppo!”": the words someone
    shouted name no place of the shooting. (Quotations are read within their line.)
    """
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    for q in _QUOTES.finditer(text, lo, hi):
        if q.start() < start and end <= q.end():
            return not (q.start() < trigger < q.end())
    return False


def under_reaction(tree: Tree, trigger: int) -> bool:
    """Whether a trigger is the object of a verb of reaction ("condemned the attack")."""
    tok = tree.tok[trigger]
    head = tree.tok.get(tok.head)
    return (
        head is not None
        and tok.dep in {"dobj", "pobj", "nsubjpass"}
        and head.lemma.lower() in W.REACTION_VERBS
    )


def coordinated_places(
    tree: Tree, triggers: Collection[int], places: Sequence[Place]
) -> list[Place]:
    """The places of a trigger coordinated with one of ``triggers``.

    In "shelling and fighting in X" X hangs from one of the two; both happened there.
    """
    partners: set[int] = set()
    for i in triggers:
        tok = tree.tok[i]
        if tok.dep == "conj":
            partners.add(tok.head)
        partners.update(c.i for c in tree.children(i) if c.dep == "conj")
    partners -= set(triggers)
    return [p for p in places if p.hit in partners]


def drop_asides(tree: Tree, places: Sequence[Place]) -> list[Place]:
    """Drop the places the text names aside from the event when it has places of its own:
    what the event set off ("struck the power station at the X dam, causing blackouts ...,
    including in Y" was at X; alone, "causing delays in the Y region" may well be where it
    was), and a post's hashtag ("#Y Russian assault on X": Y tags the region); only to
    places the text decides."""
    aside = [p for p in places if _in_consequence(tree, p.head) or _hashtag(tree, p.head)]
    # (only to a place the text decides: "#Y X, north of the city": X may be any X)
    own = [p for p in places if p not in aside]
    return own if aside and any(not p.resolved.ambiguous for p in own) else list(places)


def _hashtag(tree: Tree, i: int) -> bool:
    """Whether token ``i`` is a hashtag's word ("#Sumy", however it is tokenised) that
    tags a post, not its label ("#Y: shells hit ...": the report's town)."""
    before, after = tree.tok.get(i - 1), tree.tok.get(i + 1)
    tagged = tree.tok[i].text.startswith("#") or (before is not None and before.text == "#")
    return tagged and not (after is not None and after.text == ":")


#: Verbs of what an event set off, told after it ("causing blackouts in X").
_CONSEQUENCES = frozenset({"cause", "trigger", "spark", "plunge"})


def _in_consequence(tree: Tree, i: int) -> bool:
    """Whether token ``i`` hangs on what an event set off ("causing blackouts in X")."""
    return any(
        tree.tok[a].dep == "advcl" and tree.tok[a].lemma.lower() in _CONSEQUENCES
        for a in tree.ancestors(i)[1:]
    )


def drop_nationalities(tree: Tree, places: Sequence[Place]) -> list[Place]:
    """Drop countries that say who someone is, not where the event was.

    "fatally stabbing a New Zealand national ... in X", "shot Russia's ambassador to
    Turkey": a victim's country, a diplomat's posting. A place of any level that names
    armed men or their unit ("*Azov* fighters attacked in X", "the *Kharkiv* brigade")
    goes too when the event has another place: it says who fought, not where; so does
    one naming an organisation ("the leader of the *Sinaloa* cartel was arrested in X").
    """
    units = [p for p in places if _names_armed_men(tree, p)]
    if units and len(units) < len(places):
        places = [p for p in places if p not in units]
    out = []
    for p in places:
        if p.entry.level == "country":
            tok = tree.tok[p.head]
            head = tree.tok.get(tok.head)
            qualifies = tok.dep in {"compound", "amod", "nmod", "poss"}
            if head is not None and qualifies and head.lemma.lower() in W.PERSON_NOUNS:
                continue
            if head is not None and tok.dep == "pobj" and head.lemma.lower() == "to":
                post = tree.tok.get(head.head)
                if post is not None and post.lemma.lower() in W.POSTINGS:
                    continue
        out.append(p)
    return out


def _names_armed_men(tree: Tree, place: Place) -> bool:
    """Whether a place qualifies a noun of armed men, a unit or an organisation ("Azov
    fighters", "the Sinaloa cartel"): who, not where."""
    tok = tree.tok[place.head]
    head = tree.head(tok)
    qualifies = tok.dep in {"compound", "amod", "nmod", "poss"}
    who = W.ARMED_MEN | W.UNIT_NOUNS | W.ORGANISATION_NOUNS
    return head is not None and qualifies and head.lemma.lower() in who


def drop_locators(tree: Tree, places: Sequence[Place]) -> list[Place]:
    """Drop places that only say where another of the event's places is.

    In "fighting in the village of X near Y" or "shelling of X, a town outside Y", Y
    locates X (through "near" under X or under the noun X names); the event is at X.
    A locator lies near what it locates (within :data:`LOCATOR_KM`) and never inside
    it: "the monastery in X, Y Oblast" keeps X. When a name that modifies a noun lies
    far from the place that noun is said to be in ("the Z plant in X", "Z Poshta in X",
    Z resolved to a namesake far away), Z is the facility's or company's name, not a
    place of the event: X stays and Z goes.
    """
    nouns: dict[int, Place] = {}
    for q in places:
        nouns[q.head] = q
        head = tree.tok[q.head]
        if head.dep in {"compound", "appos", "nmod", "amod"} and head.head in tree.tok:
            nouns.setdefault(head.head, q)
        for c in tree.children(q.head):
            if c.dep == "appos":
                nouns.setdefault(c.i, q)
        located = _located_noun(tree, q)
        if located is not None:
            nouns.setdefault(located, q)
    drop: set[int] = set()
    for p in places:
        head = tree.tok[p.head]
        owner = nouns.get(head.head) if head.dep == "appos" else None
        if owner is not None and owner is not p and _locates(p.entry, owner.entry):
            drop.add(id(p))  # "the X refugee camp, central Y": Y says where X is
            continue
        up = tree.ancestors(p.head)
        prep = up[1] if len(up) > 2 and tree.tok[up[1]].dep == "prep" else None
        where = prep is not None and tree.tok[prep].lemma.lower() in W.LOCATOR_PREPS
        owner = nouns.get(up[2]) if where else None
        if owner is None or owner is p:
            continue
        if (
            tree.tok[owner.head].dep in _NAME_DEPS
            and owner.resolved.method != "relative"
            and not _settlement_named(tree, owner)
        ):
            drop.add(id(owner))  # "the Thika Superhighway near Juja": the road's name goes
        elif _locates(p.entry, owner.entry):
            drop.add(id(p))
        elif tree.tok[owner.head].dep in _NAME_DEPS and not contains(p.entry, owner.entry):
            drop.add(id(owner))
    return [p for p in places if id(p) not in drop]


#: Dependencies of a word that names the noun it hangs on ("*Z* plant", "*Z* Poshta").
_NAME_DEPS = frozenset({"compound", "amod", "nmod"})


def _located_noun(tree: Tree, place: Place) -> int | None:
    """The noun a place locates ("the *school* in X", "the *school* in the X camp")."""
    inner = tree.tok[place.head]
    while inner.dep == "compound" and inner.head in tree.tok:
        inner = tree.tok[inner.head]
    prep = tree.head(inner) if inner.dep == "pobj" else None
    if prep is None or prep.lemma.lower() not in {"in", "at"}:
        return None
    noun = tree.head(prep)
    return noun.i if noun is not None and noun.pos == "NOUN" else None


def _settlement_named(tree: Tree, place: Place) -> bool:
    """Whether a name modifying a noun names a settlement by it ("*X* village", "*X*
    district"), not a road, a facility or a company called after a town."""
    noun = tree.head(tree.tok[place.head])
    return noun is not None and noun.lemma.lower() in W.SETTLEMENT_NOUNS


#: Words of a compass direction ("75 miles *east* of X", "*southwest* of X").
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west"}
)  # fmt: skip


def drop_references(tree: Tree, places: Sequence[Place]) -> list[Place]:
    """Places told only as a reference point ("X, about 75 miles east of Y") go when the
    event has another town; alone, or beside regions only ("a few miles south of Y in
    the Z region"), the event is near them (geo_precision 2)."""
    refs = [p for p in places if _direction_of(tree, p)]
    towns = [p for p in places if p not in refs and p.entry.level in TOWN_LEVELS]
    if refs and towns:
        return [p for p in places if p not in refs]
    for p in refs:
        p.prep = "near"
    return list(places)


def _direction_of(tree: Tree, place: Place) -> bool:
    """Whether a place hangs on "<direction> of" ("east of the capital Y")."""
    up = [tree.tok[k] for k in tree.ancestors(place.head)[:4]]
    return any(
        t.lemma.lower() == "of" and i + 1 < len(up) and up[i + 1].lemma.lower() in _DIRECTIONS
        for i, t in enumerate(up)
    )


def names_unknown_place(tree: Tree, tokens: Sequence[int], known: Collection[int]) -> bool:
    """Whether the triggers' clause puts the event at a named place no entry stands for.

    "another airstrike hit tents in the Al-Mawasi area": the event's place is named
    (a proper noun under "in", "at", "near" ...) but not resolved; another place of the
    sentence ("Gaza's civil defence said") must not stand in for it. ``known`` are the
    token indices of the sentence's resolved places.
    """
    for i in tokens:
        scope = [i, *(c.i for c in tree.children(i) if c.dep in {"dobj", "nsubjpass", "pobj"})]
        for k in scope:
            for prep in tree.children(k):
                if prep.dep != "prep" or prep.lemma.lower() not in W.LOCATIVE_PREPS:
                    continue
                for obj in tree.children(prep.i):
                    names = [obj, *tree.children(obj.i)]
                    proper = [
                        t for t in names if t.pos == "PROPN" and t.ent_type not in _NOT_PLACES
                    ]
                    if proper and not any(t.i in known for t in names):
                        return True
    return False


#: Named-entity types that name no place ("in Netanyahu's war", "at Reuters").
_NOT_PLACES = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART"})


#: How far a locator ("near Y", "outside Y") may lie from the place it locates.
LOCATOR_KM = 100.0


def _locates(locator: GazetteerEntry, place: GazetteerEntry) -> bool:
    if contains(place, locator):
        return False
    near = haversine_km(locator.lat, locator.lon, place.lat, place.lon) <= LOCATOR_KM
    return near or contains(locator, place)


#: What joins two halves of one name the gazetteer lacks ("Wadi al-Kabir", "Ras el-Ain").
_NAME_JOINT = re.compile(r"^[\s-]*(?:(?:al|el|ad|ar|as|ash|an|at|az|ad|ibn|bin|bani|abu)[\s-]+)?$")


def consistent_places(
    places: Sequence[Place], text: str, *, one_country: bool = True
) -> tuple[list[Place], set[int]]:
    """Drop sub-places resolved outside the country of the place the text puts them in.

    The second half of such a name ("... al-Kabir" after the dropped "Wadi") goes with it.
    With ``one_country`` (violence, protests: not talks, which often span countries), places
    resolved outside the countries among ``places`` are dropped too.
    Returns the kept places and the indices (into the kept list) of enclosing places that
    stand in for a dropped sub-place (the event is *near* them: geo_precision 2).
    """
    by_name = {p.mention.name: p for p in places}
    dropped_parents: set[str] = set()
    dropped_ends: list[int] = []
    kept: list[Place] = []
    for p in sorted(places, key=lambda q: q.mention.start):
        parent = by_name.get(p.mention.parent or "")
        if (
            parent is not None
            and parent is not p
            and parent.entry.country_code != p.entry.country_code
        ):
            dropped_parents.add(parent.mention.name)
            dropped_ends.append(p.mention.end)
            continue
        if any(
            0 <= p.mention.start - end <= 6 and _NAME_JOINT.match(text[end : p.mention.start])
            for end in dropped_ends
        ):
            dropped_ends.append(p.mention.end)
            continue
        kept.append(p)
    countries = {p.entry.country_code for p in kept if p.entry.level == "country"}
    if countries and one_country:  # "the area of Yemen's X Port": a "Port" abroad is a misreading
        kept = [p for p in kept if p.entry.country_code in countries]
    near = {i for i, p in enumerate(kept) if p.mention.name in dropped_parents}
    return kept, near


#: Nouns by which a text names again a settlement it named before ("the city").
_SETTLEMENT_ANAPHORS = frozenset({"city", "town", "village", "capital"})


def the_settlement(tree: Tree, tokens: Sequence[int]) -> int | None:
    """The token of "the city" ("the town", "the village") where the triggers' clause
    puts the event ("in the south of the city", "on the town's main street"), if any.

    It names again a settlement the article named before (see the coder); "the city of
    X" names X itself and is not one.
    """
    for i in tokens:
        clause = tree.clause(i)
        for t in tree.sentence:
            if t.lemma.lower() not in _SETTLEMENT_ANAPHORS or t.pos != "NOUN":
                continue
            head = tree.head(t)
            if t.dep == "compound" and head is not None:
                t = head  # "in the city centre": the centre of the city
            kids = tree.children(t.i)
            if not any(c.dep == "det" and c.lemma.lower() == "the" for c in kids):
                continue
            if any(c.dep == "prep" and c.lemma.lower() == "of" for c in kids):
                continue  # "the city of X"
            up = tree.ancestors(t.i)
            # the trigger's own clause, not one told inside it ("the offensive was led by
            # a group whose leader appeared in the old city")
            if tree.clause(t.i) != clause and i not in up:
                continue
            preps = [tree.tok[a] for a in up[:4] if tree.tok[a].dep == "prep"]
            where = t.dep == "poss" or any(
                p.lemma.lower() in W.LOCATIVE_PREPS | {"of", "into", "across", "through"}
                for p in preps
            )
            if where:
                return t.i
    return None
