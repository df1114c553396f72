"""Stage 4 helper, events: headline-style text (short reports, map entries, captions).

Short reports name their event with a noun phrase or a participle ("Aftermath of
strike in X", "Shelled school in Y", "Bridge hit by missiles near Z") rather than a
clause with a subject and a finite verb. :func:`is_headline` tells such text apart;
the headline rules of :mod:`geomap.events.rules` add the triggers it needs. Then
:func:`screen_hits` drops what only *looks* like an event:

* equipment, not its use: a weapon on the move or on display ("rocket launchers
  heading north", "missiles being transported by train"), a weapon name that
  modifies a unit, a vehicle or a camera ("artillery unit", "attack helicopter",
  "drone footage"), non-lethal munitions ("tear gas grenades"); in a headline a bare
  weapon name needs an attack predicate ("missile hit", "rocket strike", "shelled by
  MLRS") — "Enemy rocket launcher in X" is a sighting;
* a sighting's background: when the headline is about troops, vehicles or convoys,
  triggers inside its prepositional modifiers ("troops moving *in fighting*",
  "convoy leaving the area *of shelling*", "forces in X, *destruction in the
  background*") are scenery, not the report's event;
* dead soldiers are not civilian casualties (casualty nouns only code violence
  against civilians when no military victim is named).

Headline casualty counts ("12 soldiers killed, 10 injured") are read by
:func:`geomap.events.casualties.sentence_casualties`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.crowds import agents
from geomap.events.event_type import battle_for_bare_attacks
from geomap.events.matching import TriggerHit
from geomap.events.record import Draft
from geomap.events.rules import Family, Role
from geomap.events.schema import BATTLES, EXPLOSIONS
from geomap.events.syntax import Tree
from geomap.types import Token

__all__ = ["headline_modality", "is_headline", "lend_weapons", "name_like", "screen_hits"]

#: A short article: every sentence is read as headline-style text.
_SHORT_CHARS = 400
_SHORT_SENTENCES = 4
#: A verbless line in a long article is headline-style when at most this long.
_LINE_TOKENS = 25
#: Finite verb tags: a sentence with one of them is a clause, not a noun phrase.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def is_headline(tokens: Sequence[Token], *, text_length: int, n_sentences: int) -> bool:
    """Whether a sentence is headline-style text.

    Every sentence of a short article (a map entry, a post, a caption: at most
    400 characters in at most four sentences) is; in a longer article, a line of at
    most 25 words without a finite verb ("Aftermath of the strike on X") is.

    Parameters
    ----------
    tokens
        The sentence's tokens.
    text_length, n_sentences
        Size of the whole article.
    """
    if text_length <= _SHORT_CHARS and n_sentences <= _SHORT_SENTENCES:
        return True
    words = [t for t in tokens if t.pos not in {"PUNCT", "SPACE"}]
    if not words or len(words) > _LINE_TOKENS:
        return False
    return not any(t.tag in _FINITE for t in words)


def _killed_by_forces(tree: Tree, hit: TriggerHit) -> bool:
    """ "Security forces killed six militants in an operation": armed men killing armed
    men is a clash, not a mere toll of one."""
    return any(a.lemma.lower() in W.ARMED_MEN for a in agents(tree, hit.token))


def screen_hits(tree: Tree, hits: list[TriggerHit], *, headline: bool) -> list[TriggerHit]:
    """Drop the trigger hits of a sentence that name equipment or scenery, not an event.

    Parameters
    ----------
    tree
        The article's tree, reading the sentence of ``hits``.
    hits
        The sentence's hits from :func:`geomap.events.matching.match_triggers`.
    headline
        The sentence is headline-style (:func:`is_headline`): bare weapon names need an
        attack predicate, sightings keep their background out of the events.
    """
    tokens = tree.sentence
    out = [h for h in hits if not _equipment(tree, h)]
    if not headline:
        return out
    instruments = [h for h in out if _instrument(h)]
    events = [h for h in out if not _instrument(h)]
    # without an event word, a bare weapon name needs an attack predicate
    out = events + instruments if events else [h for h in out if _attack_predicate(tree, h)]
    root = next((t for t in tokens if t.head == t.i or t.dep == "ROOT"), None)
    sighting = root is not None and root.pos in {"NOUN", "PROPN"}
    sighting = sighting and root is not None and root.lemma.lower() in W.PRESENCE_NOUNS
    # "Four soldiers killed in a strike on X" reports harm, no presence
    sighting = sighting and not (
        root is not None
        and any(c.dep == "acl" and c.lemma.lower() in W.HARM_VERBS for c in tree.children(root.i))
    )
    background = any(t.lemma.lower() in W.SCENERY_CUES for t in tokens)
    # soldiers among the dead (not soldiers who killed: "troops killed two civilians")
    military = any(t.lemma.lower() in W.MILITARY_VICTIMS and not _acting(tree, t) for t in tokens)
    # "tear gas fired at a crowd", "rubber bullets": crowd control, not a firefight
    non_lethal = any(t.lemma.lower() in W.CROWD_CONTROL for t in tokens)
    # "Tornado damages homes in X", "Fire in X kills 2; officials say an electrical fault"
    accident = any(
        t.pos in {"NOUN", "PROPN"} and t.lemma.lower() in W.ACCIDENT_CAUSES for t in tokens
    )
    keep = []
    for h in out:
        roles = h.rule.roles
        if sighting and root is not None and _under_preposition(tree, h, root.i):
            people = root.lemma.lower() in W.PRESENCE_PEOPLE
            if not (people and h.rule.event_type == BATTLES and Role.SCENERY not in roles):
                continue
        if background and Role.SCENERY in roles:
            continue
        if military and Role.VICTIM in roles and not _killed_by_forces(tree, h):
            continue
        if non_lethal and Role.FIRING in roles:
            continue
        if (
            accident
            and not h.rule.weapon
            and (h.rule.event_type == EXPLOSIONS or Role.VICTIM in roles)
        ):
            continue
        keep.append(h)
    keep = battle_for_bare_attacks(keep)
    return sorted(keep, key=lambda h: h.start)


def headline_modality(tree: Tree, hit: TriggerHit, status: str, headline: bool) -> str:
    """A trigger's modality, where "can be seen/heard" in a headline is no modal.

    Parameters
    ----------
    tree
        The article's tree, reading the sentence of ``hit``.
    hit
        The trigger.
    status
        Its modality from :func:`geomap.events.syntax.modality`.
    headline
        The sentence is headline-style text (a caption of what a video shows:
        "ammunition can be heard exploding", "bodies can be seen").
    """
    if status != "skip" or not headline:
        return status
    for a in tree.ancestors(hit.token):
        up = tree.tok[a]
        modals = [c for c in tree.children(a) if c.tag == "MD"]
        if modals and up.lemma.lower() in W.PERCEPTION_VERBS:
            others = [c for c in tree.children(a) if c.dep == "neg"]
            return "skip" if others or any(m.text.lower() != "can" for m in modals) else "occurred"
    return status


def lend_weapons(tree: Tree, hits: Sequence[TriggerHit], drafts: Sequence[Draft], si: int) -> None:
    """Give the weapon a follow-up line names to the previous line's strike.

    Short reports add the weapon in a second line of their own ("Strikes on a
    depot in X. Possibly Grad MLRS."): that line makes no event, and the strike of
    the sentence just before, when it names no weapon, takes the line's weapons.

    Parameters
    ----------
    tree
        The article's tree, reading the follow-up sentence.
    hits
        The follow-up sentence's hits before :func:`screen_hits`.
    drafts
        The article's event drafts so far (updated in place).
    si
        Index of the follow-up sentence.
    """
    names = [
        h.rule.weapon for h in hits if _instrument(h) and not _equipment(tree, h) and h.rule.weapon
    ]
    names = [n for n in dict.fromkeys(names) if not any(o != n and o.endswith(n) for o in names)]
    if not names:
        return
    for d in drafts:
        ev = d.event
        if d.sentence == si - 1 and ev.event_type == EXPLOSIONS and not ev.weapons:
            d.event = replace(ev, weapons=", ".join(names))


def _instrument(hit: TriggerHit) -> bool:
    return hit.rule.instrument


def _acting(tree: Tree, tok: Token) -> bool:
    """Whether ``tok`` is the subject of a verb that has an object: who acts on someone."""
    head = tree.head(tok)
    return (
        tok.dep == "nsubj" and head is not None and head.pos == "VERB" and tree.has_object(head.i)
    )


def _equipment(tree: Tree, hit: TriggerHit) -> bool:
    """A weapon word naming equipment: on the move, modifying a unit or camera, non-lethal."""
    tok = tree.tok[hit.token]
    if Role.DESIGNATION in hit.rule.roles and tok.text.islower():
        return True  # "a grad student", not a Grad rocket
    if hit.rule.family != Family.PROTEST and any(
        c.lemma.lower() in W.NON_LETHAL and c.dep in {"compound", "amod", "nmod"}
        for c in tree.children(hit.token)
    ):
        return True  # ("tear gas" itself is crowd control: a protest rule's own words)
    if Role.FIRING in hit.rule.roles and any(
        c.dep == "dobj" and c.lemma.lower() in W.FIRING_PLACES for c in tree.children(hit.token)
    ):
        return True  # "digging trenches and firing positions": a place to fire from
    prev = [t for t in tree.sentence if t.i == hit.token - 1]
    if prev and prev[0].lemma.lower() in W.NON_LETHAL and hit.rule.weapon:
        return True
    if tok.dep in {"compound", "amod", "nmod"} and tok.head in tree.tok:
        head = tree.tok[tok.head]
        if head.lemma.lower() in W.EQUIPMENT_HEADS:
            return True
    if not _instrument(hit):
        return False
    for a in tree.ancestors(hit.token)[1:]:
        up = tree.tok[a]
        if up.pos in {"VERB", "AUX"}:
            return up.lemma.lower() in W.MOTION_VERBS
    return False


def _attack_predicate(tree: Tree, hit: TriggerHit) -> bool:
    """Whether a weapon word is used in an attack ("missile hit X", "rocket strike on Y")."""
    if not _instrument(hit) or Role.SPENT_MUNITION in hit.rule.roles:
        return True
    tok = tree.tok[hit.token]
    modifier = tok.dep in {"compound", "amod", "nmod"} and tok.head in tree.tok
    if modifier and tree.tok[tok.head].lemma.lower() in W.EVENT_NOUNS:
        return True
    for a in tree.ancestors(hit.token)[1:4]:
        up = tree.tok[a]
        low = up.lemma.lower()
        if low in W.ATTACK_VERBS or up.text.lower() in W.ATTACK_VERBS or low in W.EVENT_NOUNS:
            return True
    nouns = [hit.token]
    if tok.dep in {"compound", "amod", "nmod"} and tok.head in tree.tok:
        nouns.append(tok.head)  # "incendiary weapons *used* in X"
    return any(
        c.lemma.lower() in W.ATTACK_VERBS and c.pos in {"VERB", "ADJ"}
        for n in nouns
        for c in tree.children(n)
    )


def _under_preposition(tree: Tree, hit: TriggerHit, root: int) -> bool:
    """Whether a trigger hangs from the root through a preposition ("troops *in* fighting")."""
    path = tree.ancestors(hit.token)
    if root not in path or hit.token == root:
        return False
    between = path[1 : path.index(root)]
    preps = [tree.tok[k].lemma.lower() for k in between if tree.tok[k].dep in {"prep", "agent"}]
    if any(p in W.CAUSAL_PREPS for p in preps):
        return False
    return bool(preps) or tree.tok[hit.token].dep in {"conj", "appos"}


def name_like(text: str) -> bool:
    """Whether a mention's surface looks like a place name in a headline the parser misread.

    Headlines confuse the tagger ("Aftermath of shelling in *Lozova*" as an adverb,
    "*Kremenchuk* theater" as an adjective); a capitalised word of four letters or more
    is still a name.
    """
    word = text.strip()
    return len(word) >= 4 and word[:1].isupper() and not word.isupper()
