"""Stage 4 helper, events: headline-style text (short reports, map entries, captions).

Short reports name their event with a noun phrase or a participle ("Aftermath of
strike in X", "Shelled school in Y", "Bridge hit by missiles near Z") rather than a
clause with a subject and a finite verb. :func:`is_headline` tells such text apart;
:data:`geomap.events.rules.HEADLINE_RULES` adds the triggers it needs. Then
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

:func:`sentence_casualties` adds headline casualty counts ("12 soldiers killed,
10 injured") to what :func:`geomap.events.actors.casualties` reads from the clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from geomap.events.actors import casualties, max_known, parse_number
from geomap.events.rules import HEADLINE_ATTACK, TERRITORY, TriggerHit
from geomap.events.syntax import SentenceTree
from geomap.types import Event, Token

__all__ = [
    "headline_modality",
    "is_headline",
    "lend_weapons",
    "name_like",
    "screen_hits",
    "sentence_casualties",
]


class _Drafted(Protocol):
    """What :func:`lend_weapons` reads and updates of the coder's event drafts."""

    event: Event
    sentence: int
    family: str


#: Verbs of perception: "can be seen/heard" reports what a video shows, it is no hypothesis.
_PERCEPTION = frozenset({"see", "hear", "spot", "observe", "notice", "film", "record"})

#: A short article: every sentence is read as headline-style text.
_SHORT_CHARS = 400
_SHORT_SENTENCES = 4
#: A verbless line in a long article is headline-style when at most this long.
_LINE_TOKENS = 25
#: Finite verb tags: a sentence with one of them is a clause, not a noun phrase.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})

#: Rules that name an event by themselves; other rules with a weapon name an instrument.
_EVENT_RULES = frozenset(
    {
        "bombing",
        "shelling",
        "shell",
        "air strike",
        "airstrike",
        "air raid",
        "aerial attack",
        "suicide bomb",
        "suicide bombing",
        "landmine",
        "ied",
        "car bomb",
        "chemical",
        # firearm and tank fire told as a verb or an event noun
        "tank fire",
        "gun attack",
        "knife attack",
        "open fire",
        "fire on",
        "shooting",
        "shoot",
        "gunfire",
        "stabbing",
        "stab",
        "bombing verb",
        "bomb exploded",
    }
)
#: Rules of weapon designations, written with capitals ("Grad", "TOS-1A", "Kh-101").
_DESIGNATIONS = frozenset({"tos-1", "tochka-u", "mlrs", "grad", "uragan", "smerch", "kh-missile"})
#: Munitions only seen where they were used ("cluster munitions in the vicinity of X").
_SPENT_MUNITIONS = frozenset(
    {"cluster munitions", "cluster bomb", "incendiary", "phosphorus", "thermobaric"}
)
#: Nouns a weapon word modifies when it names equipment, not an attack.
_EQUIPMENT_HEADS = frozenset(
    {
        "unit", "launcher", "system", "battery", "crew", "complex", "vehicle", "truck",
        "train", "helicopter", "aircraft", "jet", "plane", "boat", "ship", "submarine",
        "brigade", "battalion", "regiment", "operator", "footage", "video", "image",
        "imagery", "photo", "camera", "component", "part", "depot", "factory", "plant",
        "production", "delivery", "shipment", "supply", "sale",
    }
)  # fmt: skip
#: Verbs of moving, carrying or showing: a weapon under them is equipment being seen.
_MOTION_VERBS = frozenset(
    {
        "move", "transport", "carry", "head", "drive", "spot", "see", "park", "load",
        "unload", "deploy", "arrive", "ship", "deliver", "travel", "pass", "display",
        "parade", "observe", "tow", "haul", "leave", "bring", "send", "receive", "store",
    }
)  # fmt: skip
#: Modifiers that make a munition non-lethal ("tear gas", "smoke grenade").
_NON_LETHAL = frozenset({"gas", "tear", "smoke", "stun", "flash", "flashbang", "training"})
#: Event nouns a weapon word can modify ("missile strike", "artillery fire").
_EVENT_NOUNS = frozenset(
    {
        "strike", "attack", "fire", "shelling", "barrage", "impact", "hit", "explosion",
        "salvo", "launch", "bombardment", "bombing", "raid", "blast", "debris", "remnant",
        "fragment", "crater", "damage", "shell",
    }
)  # fmt: skip
#: Verbs (and participles) that make a weapon word an attack ("missile hit", "shelled by").
_ATTACK_VERBS = frozenset(
    {
        "hit", "strike", "fire", "launch", "land", "target", "destroy", "damage", "attack",
        "shell", "pound", "kill", "injure", "wound", "explode", "use", "drop", "bomb",
        "shoot", "fall", "slam", "rain", "struck", "bombed", "shelled", "damaged",
        "destroyed", "employ",
    }
)  # fmt: skip
#: Head nouns of a sighting headline ("Russian convoy in X", "Movement of troops in Y").
_PRESENCE_NOUNS = frozenset(
    {
        "troop", "force", "soldier", "vehicle", "tank", "convoy", "column", "equipment",
        "movement", "presence", "buildup", "military", "unit", "army", "fighter",
        "helicopter", "aircraft", "jet", "plane", "truck", "train", "hardware", "patrol",
        "spetsnaz", "personnel",
    }
)  # fmt: skip
#: Presence nouns naming people: "fighters *in* a gunfire battle" is a battle, not scenery.
_PEOPLE = frozenset({"troop", "force", "soldier", "fighter", "army", "military", "unit"})
#: Prepositions that tie an event to a sighting as its cause ("troops *after* the strike").
_CAUSAL_PREPS = frozenset({"after", "following", "under", "by", "amid", "during"})
#: Damage words that describe the scene rather than an event when in "the background".
_SCENERY_RULES = frozenset(
    {
        "destroy:h", "destroyed:h", "destruction:h", "ruin:h", "damage:h", "damaged:h",
        "fire:h", "smoke:h",
    }
)  # fmt: skip
#: Casualty-noun rules; they stand down when the victims are soldiers.
_CASUALTY_RULES = frozenset(
    {
        "casualty:h", "deceased:h", "dead:h", "body:h", "corpse:h", "killed:h", "injured:h",
        "wounded:h",
    }
)  # fmt: skip
_MILITARY_VICTIMS = frozenset(
    {"soldier", "serviceman", "servicemen", "troop", "fighter", "military", "marine",
     "paratrooper", "mercenary", "officer", "crew", "personnel", "combatant"}
)  # fmt: skip
_KILL = frozenset({"kill", "killed", "dead", "die", "death"})
_INJURE = frozenset({"injure", "injured", "wound", "wounded", "hurt"})


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


def screen_hits(tree: SentenceTree, hits: list[TriggerHit], *, headline: bool) -> list[TriggerHit]:
    """Drop the trigger hits of a sentence that name equipment or scenery, not an event.

    Parameters
    ----------
    tree
        The coder, with ``_sentence_tokens`` set to the sentence of ``hits``.
    hits
        The sentence's hits from :func:`geomap.events.rules.match_triggers`.
    headline
        The sentence is headline-style (:func:`is_headline`): bare weapon names need an
        attack predicate, sightings keep their background out of the events.
    """
    tokens = tree._sentence_tokens
    out = [h for h in hits if not _equipment(tree, h)]
    if not headline:
        return out
    instruments = [h for h in out if _instrument(h)]
    events = [h for h in out if not _instrument(h)]
    # without an event word, a bare weapon name needs an attack predicate
    out = events + instruments if events else [h for h in out if _attack_predicate(tree, h)]
    root = next((t for t in tokens if t.head == t.i or t.dep == "ROOT"), None)
    sighting = root is not None and root.pos in {"NOUN", "PROPN"}
    sighting = sighting and root is not None and root.lemma.lower() in _PRESENCE_NOUNS
    background = any(t.lemma.lower() == "background" for t in tokens)
    military = any(t.lemma.lower() in _MILITARY_VICTIMS for t in tokens)
    # "tear gas fired at a crowd", "rubber bullets": crowd control, not a firefight
    non_lethal = any(t.lemma.lower() in _NON_LETHAL | {"rubber"} for t in tokens)
    keep = []
    for h in out:
        if sighting and root is not None and _under_preposition(tree, h, root.i):
            people = root.lemma.lower() in _PEOPLE
            if not (
                people and h.rule.event_type == "Battles" and h.rule.name not in _SCENERY_RULES
            ):
                continue
        if background and h.rule.name in _SCENERY_RULES:
            continue
        if military and h.rule.name in _CASUALTY_RULES:
            continue
        if non_lethal and h.rule.name in {"firing:h", "open fire:h"}:
            continue
        keep.append(h)
    # "come under attack ... hit by gunfire": the generic attack of a ground fight is a battle
    # (a fight, not a change of hands: "repelled attacks near X and captured Y" took only Y)
    battle = next(
        (
            h.rule
            for h in keep
            if h.rule.event_type == "Battles" and not h.rule.name.startswith(TERRITORY)
        ),
        None,
    )
    if battle is not None:
        keep = [replace(h, rule=battle) if h.rule.name == HEADLINE_ATTACK else h for h in keep]
    return sorted(keep, key=lambda h: h.start)


def headline_modality(tree: SentenceTree, hit: TriggerHit, status: str, headline: bool) -> str:
    """A trigger's modality, where "can be seen/heard" in a headline is no modal.

    Parameters
    ----------
    tree
        The coder, with the sentence of ``hit`` set.
    hit
        The trigger.
    status
        Its modality from :meth:`geomap.events.syntax.SentenceTree._modality`.
    headline
        The sentence is headline-style text (a caption of what a video shows:
        "ammunition can be heard exploding", "bodies can be seen").
    """
    if status != "skip" or not headline:
        return status
    for a in tree._ancestors(hit.token):
        up = tree.tok[a]
        modals = [c for c in tree._children(a) if c.tag == "MD"]
        if modals and up.lemma.lower() in _PERCEPTION:
            others = [c for c in tree._children(a) if c.dep == "neg"]
            return "skip" if others or any(m.text.lower() != "can" for m in modals) else "occurred"
    return status


def lend_weapons(
    tree: SentenceTree, hits: Sequence[TriggerHit], drafts: Sequence[_Drafted], si: int
) -> None:
    """Give the weapon a follow-up line names to the previous line's strike.

    Short reports add the weapon in a second line of their own ("Strikes on a
    depot in X. Possibly Grad MLRS."): that line makes no event, and the strike of
    the sentence just before, when it names no weapon, takes the line's weapons.

    Parameters
    ----------
    tree
        The coder, with the follow-up sentence set.
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
        if (
            d.sentence == si - 1
            and ev.event_type == "Explosions/Remote violence"
            and not ev.weapons
        ):
            d.event = replace(ev, weapons=", ".join(names))


def _instrument(hit: TriggerHit) -> bool:
    return bool(hit.rule.weapon) and hit.rule.name not in _EVENT_RULES and ":h" not in hit.rule.name


def _equipment(tree: SentenceTree, hit: TriggerHit) -> bool:
    """A weapon word naming equipment: on the move, modifying a unit or camera, non-lethal."""
    tok = tree.tok[hit.token]
    if hit.rule.name in _DESIGNATIONS and tok.text.islower():
        return True  # "a grad student", not a Grad rocket
    if any(
        c.lemma.lower() in _NON_LETHAL and c.dep in {"compound", "amod", "nmod"}
        for c in tree._children(hit.token)
    ):
        return True
    if hit.rule.name == "corpse:h" and not tok.text.lower().startswith("corpse"):
        return True  # the lemmatiser reads "corpses" as "corps"; a corps is a unit
    prev = [t for t in tree._sentence_tokens if t.i == hit.token - 1]
    if prev and prev[0].lemma.lower() in _NON_LETHAL and hit.rule.weapon:
        return True
    if tok.dep in {"compound", "amod", "nmod"} and tok.head in tree.tok:
        head = tree.tok[tok.head]
        if head.lemma.lower() in _EQUIPMENT_HEADS:
            return True
    if not _instrument(hit):
        return False
    for a in tree._ancestors(hit.token)[1:]:
        up = tree.tok[a]
        if up.pos in {"VERB", "AUX"}:
            return up.lemma.lower() in _MOTION_VERBS
    return False


def _attack_predicate(tree: SentenceTree, hit: TriggerHit) -> bool:
    """Whether a weapon word is used in an attack ("missile hit X", "rocket strike on Y")."""
    if not _instrument(hit) or hit.rule.name in _SPENT_MUNITIONS:
        return True
    tok = tree.tok[hit.token]
    modifier = tok.dep in {"compound", "amod", "nmod"} and tok.head in tree.tok
    if modifier and tree.tok[tok.head].lemma.lower() in _EVENT_NOUNS:
        return True
    for a in tree._ancestors(hit.token)[1:4]:
        up = tree.tok[a]
        low = up.lemma.lower()
        if low in _ATTACK_VERBS or up.text.lower() in _ATTACK_VERBS or low in _EVENT_NOUNS:
            return True
    nouns = [hit.token]
    if tok.dep in {"compound", "amod", "nmod"} and tok.head in tree.tok:
        nouns.append(tok.head)  # "incendiary weapons *used* in X"
    return any(
        c.lemma.lower() in _ATTACK_VERBS and c.pos in {"VERB", "ADJ"}
        for n in nouns
        for c in tree._children(n)
    )


def _under_preposition(tree: SentenceTree, hit: TriggerHit, root: int) -> bool:
    """Whether a trigger hangs from the root through a preposition ("troops *in* fighting")."""
    path = tree._ancestors(hit.token)
    if root not in path or hit.token == root:
        return False
    between = path[1 : path.index(root)]
    preps = [tree.tok[k].lemma.lower() for k in between if tree.tok[k].dep in {"prep", "agent"}]
    if any(p in _CAUSAL_PREPS for p in preps):
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


def sentence_casualties(tokens: Sequence[Token]) -> tuple[int | None, int | None, list[Token]]:
    """Casualties of a sentence: the clause reading, completed by headline forms.

    :func:`geomap.events.actors.casualties` reads "killed nine passengers" and
    "two people died"; headlines also write "12 soldiers killed, 10 injured" and
    "3 dead": a number, optionally the victims, then the participle or adjective.
    "Civilian casualties" makes the victims civilians.

    Parameters
    ----------
    tokens
        The sentence's tokens.

    Returns
    -------
    tuple
        ``(fatalities, injured, victim nouns)`` as :func:`~geomap.events.actors.casualties`.
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
        if low in {"casualty", "deceased", "body", "corpse"}:
            victims.extend(c for c in tokens if c.head == t.i and c.dep in {"amod", "compound"})
        if low in _KILL | _INJURE | {"deceased"} and t.dep == "amod" and t.head in by_i:
            victims.append(by_i[t.head])  # "deceased civilians", "injured residents"
    return killed, injured, victims


def _headline_counts(tokens: Sequence[Token]) -> tuple[int | None, int | None, list[Token]]:
    """ "12 soldiers killed, 10 injured", "3 dead": number [victims] participle."""
    killed: int | None = None
    injured: int | None = None
    victims: list[Token] = []
    for k, tok in enumerate(tokens):
        low, word = tok.lemma.lower(), tok.text.lower()
        is_kill = low in _KILL or word in _KILL
        is_injure = low in _INJURE or word in _INJURE
        if not (is_kill or is_injure) or tok.pos not in {"VERB", "ADJ", "NOUN"}:
            continue
        if tok.pos == "VERB" and tok.tag not in {"VBN", "VBD"}:
            continue
        n = None
        nouns: list[Token] = []
        for j in range(k - 1, max(-1, k - 5), -1):
            prev = tokens[j]
            if prev.pos == "PUNCT" or prev.pos == "VERB":
                break
            val = parse_number(prev.text) if prev.pos == "NUM" else None
            if val is not None:
                n = val
                break
            if prev.pos in {"NOUN", "ADJ", "PROPN"}:
                nouns.append(prev)
                continue
            if prev.lemma.lower() not in {"be", "have", "at", "least", "more", "than", "about"}:
                break
        if n is None:
            continue
        victims.extend(nouns)
        if is_kill:
            killed = max_known([killed, n])
        else:
            injured = max_known([injured, n])
    return killed, injured, victims
