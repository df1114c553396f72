"""Stage 4 helper, events: trigger tables (event types, sub-types, weapons) and matching.

Types and sub-types are ACLED's (six types, 25 sub-types) plus a ``Diplomacy``
extension (Talks, Summit, Sanctions, Agreement). A trigger is a lemma, or a short
lemma sequence, over the plain parse from :mod:`geomap.places`; every rule has a
name that ends up in ``Event.trigger`` so a record says why it was coded.

Families group rules that describe one event when they share a sentence
("a Russian *drone* *attack* ... *killed*"): ``violence`` (explosions, battles,
violence against civilians, strategic developments), ``diplomacy``, ``protest``.
Within a family the rule with the highest ``priority`` names the type.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.events.schema import SUB_EVENT_TYPES
from geomap.types import Token

__all__ = [
    "ACLED_TYPES",
    "GENERIC_ATTACK",
    "HEADLINE_ATTACK",
    "HEADLINE_RULES",
    "RULES",
    "TERRITORY",
    "VICTIM_RULES",
    "Rule",
    "TriggerHit",
    "match_triggers",
]

#: Event types and their sub-types: the one table lives in :mod:`geomap.events.schema`.
ACLED_TYPES = SUB_EVENT_TYPES

#: Name of the generic rule ("the attack"): typed from an earlier event of the article.
GENERIC_ATTACK = "attack"
#: Name of the headline rule for a bare "attack" (a brief's attack is typed on its own).
HEADLINE_ATTACK = "attack:h"
#: Name prefix of territory rules; their sub-type depends on who took what where.
TERRITORY = "territory"


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger: a lemma sequence (head lemma last unless ``head`` says otherwise).

    ``pos`` restricts the head token's part of speech; ``needs`` lists lemmas one
    of which must occur in the sentence ("mass" needs troops/forces);
    ``blocks`` lists lemmas that, right after the match, cancel it ("missile
    defence"); ``weapon`` is the weapon the trigger names; ``tags``, when given,
    restricts the head's fine-grained tag ("VBG": "fighting", not "fought");
    ``named_object`` lets a proper-noun object of the head stand in for ``needs`` when
    armed men are in the sentence ("troops seized Novohrodivka": the village).
    """

    name: str
    lemmas: tuple[str, ...]
    event_type: str
    sub_event_type: str
    family: str = "violence"
    priority: int = 50
    pos: frozenset[str] = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
    weapon: str = ""
    needs: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset()
    head: int = -1
    tags: frozenset[str] = frozenset()
    named_object: bool = False


_EXP = "Explosions/Remote violence"
_AIR = "Air/drone strike"
_SHELL = "Shelling/artillery/missile attack"
_SD = "Strategic developments"
_N = frozenset({"NOUN", "PROPN"})
_V = frozenset({"VERB"})
_NA = frozenset({"NOUN", "PROPN", "ADJ"})
_ANY = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "PRON", "X", "NUM", "INTJ"})
_DEFENCE = frozenset({"defense", "defence", "system", "shield", "interceptor", "launcher", "sale"})
#: Nouns after "drone" that make it a camera ("drone footage"), not a weapon.
_CAMERA = frozenset({"footage", "video", "image", "imagery", "photo", "view", "shot", "camera"})
_TROOPS = frozenset({"troop", "force", "soldier", "unit", "army", "military", "tank", "brigade"})
#: Armed men of any side (what makes "fought" a battle, not a court case).
_ARMED = _TROOPS | frozenset(
    {"rebel", "militant", "fighter", "militia", "insurgent", "guerrilla", "jihadist",
     "separatist", "gunman", "gunmen", "defender", "marine", "paratrooper", "infantry",
     "enemy", "occupier", "invader", "combatant"}
)  # fmt: skip
_PLACES = frozenset(
    {
        "village",
        "town",
        "city",
        "settlement",
        "territory",
        "land",
        "area",
        "position",
        "hamlet",
        "region",
        "district",
        "airport",
        "base",
        "bridgehead",
        "foothold",
        "stronghold",
    }
)

RULES: tuple[Rule, ...] = (
    # -- explosions / remote violence
    Rule("shahed", ("shahed",), _EXP, _AIR, priority=82, weapon="Shahed drone"),
    Rule("geran", ("geran",), _EXP, _AIR, priority=82, weapon="Geran drone"),
    Rule("lancet", ("lancet",), _EXP, _AIR, priority=82, weapon="Lancet drone"),
    Rule("drone", ("drone",), _EXP, _AIR, priority=80, pos=_N, weapon="drone", blocks=_CAMERA),
    Rule("uav", ("uav",), _EXP, _AIR, priority=80, pos=_N, weapon="drone", blocks=_CAMERA),
    Rule("air strike", ("air", "strike"), _EXP, _AIR, priority=78, weapon="air strike"),
    Rule("airstrike", ("airstrike",), _EXP, _AIR, priority=78, weapon="air strike"),
    Rule("air raid", ("air", "raid"), _EXP, _AIR, priority=78, weapon="air strike"),
    Rule("aerial attack", ("aerial", "attack"), _EXP, _AIR, priority=76, weapon="air strike"),
    Rule("glide bomb", ("glide", "bomb"), _EXP, _AIR, priority=79, weapon="glide bomb"),
    Rule("guided bomb", ("guide", "bomb"), _EXP, _AIR, priority=79, weapon="glide bomb"),
    Rule("kab", ("kab",), _EXP, _AIR, priority=79, weapon="KAB glide bomb"),
    Rule("umpk", ("umpk",), _EXP, _AIR, priority=79, weapon="glide bomb"),
    Rule("fab", ("fab",), _EXP, _AIR, priority=79, weapon="FAB bomb"),
    Rule("bombing", ("bombing",), _EXP, _AIR, priority=60, pos=_N, weapon="bomb"),
    Rule("missile", ("missile",), _EXP, _SHELL, priority=75, weapon="missile", blocks=_DEFENCE),
    Rule("rocket", ("rocket",), _EXP, _SHELL, priority=74, weapon="rocket", blocks=_DEFENCE),
    Rule("shelling", ("shelling",), _EXP, _SHELL, priority=74, weapon="artillery"),
    Rule("shell", ("shell",), _EXP, _SHELL, priority=72, pos=_V, weapon="artillery"),
    Rule("artillery", ("artillery",), _EXP, _SHELL, priority=73, weapon="artillery"),
    Rule("mortar", ("mortar",), _EXP, _SHELL, priority=73, pos=_N, weapon="mortar"),
    # a tank's gun is heavy weapons fire, not a firefight ("tank firing on X")
    Rule("tank fire", ("tank", "fire"), _EXP, _SHELL, priority=70, head=1, weapon="tank"),
    Rule("iskander", ("iskander",), _EXP, _SHELL, priority=76, weapon="Iskander missile"),
    Rule("kinzhal", ("kinzhal",), _EXP, _SHELL, priority=76, weapon="Kinzhal missile"),
    Rule("himars", ("himars",), _EXP, _SHELL, priority=76, weapon="HIMARS rocket"),
    Rule("atacms", ("atacms",), _EXP, _SHELL, priority=76, weapon="ATACMS missile"),
    # named weapons (lemmas as :func:`_norm_lemma` spells them: "TOS-1A" -> "tos")
    # (the tagger reads designations as anything: any part of speech will do)
    Rule("tos-1", ("tos",), _EXP, _SHELL, priority=77, pos=_ANY, weapon="TOS-1 thermobaric MLRS"),
    Rule("tochka-u", ("tochka",), _EXP, _SHELL, priority=77, pos=_ANY, weapon="Tochka-U missile"),
    Rule("mlrs", ("mlrs",), _EXP, _SHELL, priority=75, pos=_ANY, weapon="MLRS"),
    Rule("grad", ("grad",), _EXP, _SHELL, priority=76, pos=_NA, weapon="Grad MLRS"),
    Rule("uragan", ("uragan",), _EXP, _SHELL, priority=76, pos=_ANY, weapon="Uragan MLRS"),
    Rule("smerch", ("smerch",), _EXP, _SHELL, priority=76, pos=_ANY, weapon="Smerch MLRS"),
    Rule("kalibr", ("kalibr",), _EXP, _SHELL, priority=76, pos=_ANY, weapon="Kalibr missile"),
    Rule("kh-missile", ("kh",), _EXP, _SHELL, priority=76, pos=_ANY, weapon="Kh-series missile"),
    Rule(
        "cluster munitions",
        ("cluster", "munition"),
        _EXP,
        _SHELL,
        priority=80,
        weapon="cluster munitions",
    ),
    Rule("cluster bomb", ("cluster", "bomb"), _EXP, _AIR, priority=80, weapon="cluster munitions"),
    Rule("incendiary", ("incendiary",), _EXP, _SHELL, priority=78, weapon="incendiary munitions"),
    Rule(
        "thermobaric", ("thermobaric",), _EXP, _SHELL, priority=77, weapon="thermobaric munitions"
    ),
    Rule("phosphorus", ("phosphorus",), _EXP, _SHELL, priority=78, weapon="white phosphorus"),
    Rule(
        "landmine",
        ("landmine",),
        _EXP,
        "Remote explosive/landmine/IED",
        priority=77,
        weapon="landmine",
    ),
    Rule("ied", ("ied",), _EXP, "Remote explosive/landmine/IED", priority=77, weapon="IED"),
    Rule(
        "car bomb",
        ("car", "bomb"),
        _EXP,
        "Remote explosive/landmine/IED",
        priority=77,
        weapon="car bomb",
    ),
    *(
        Rule(
            "car bomb",
            (vehicle, "bomb"),
            _EXP,
            "Remote explosive/landmine/IED",
            priority=77,
            weapon=f"{vehicle} bomb",
        )
        for vehicle in ("truck", "lorry", "van", "motorcycle", "parcel")
    ),
    Rule(
        "suicide bomb",
        ("suicide", "bomber"),
        _EXP,
        "Suicide bomb",
        priority=85,
        weapon="suicide bomb",
    ),
    Rule(
        "suicide bombing",
        ("suicide", "bombing"),
        _EXP,
        "Suicide bomb",
        priority=85,
        weapon="suicide bomb",
    ),
    Rule("grenade", ("grenade",), _EXP, "Grenade", priority=70, weapon="grenade"),
    Rule(
        "chemical",
        ("chemical", "weapon"),
        _EXP,
        "Chemical weapon",
        priority=86,
        weapon="chemical weapon",
    ),
    # -- battles (territory sub-type decided by actor and place country)
    Rule(
        "territory: take control",
        ("take", "control"),
        "Battles",
        "Armed clash",
        priority=90,
        head=0,
    ),
    Rule(
        "territory: seize control",
        ("seize", "control"),
        "Battles",
        "Armed clash",
        priority=90,
        head=0,
    ),
    Rule("territory: retake", ("retake",), "Battles", "Armed clash", priority=90, pos=_V),
    Rule("territory: recapture", ("recapture",), "Battles", "Armed clash", priority=90, pos=_V),
    Rule("territory: regain", ("regain",), "Battles", "Armed clash", priority=90, pos=_V),
    Rule("territory: reclaim", ("reclaim",), "Battles", "Armed clash", priority=90, pos=_V),
    Rule("territory: liberate", ("liberate",), "Battles", "Armed clash", priority=90, pos=_V),
    Rule("territory: capture", ("capture",), "Battles", "Armed clash", priority=88, pos=_V),
    Rule(
        "territory: seize",
        ("seize",),
        "Battles",
        "Armed clash",
        priority=88,
        pos=_V,
        needs=_PLACES,
        named_object=True,
    ),
    Rule(
        "territory: take",
        ("take",),
        "Battles",
        "Armed clash",
        priority=88,
        pos=_V,
        needs=frozenset({"village", "town", "city", "settlement", "hamlet"}),
        blocks=frozenset({"place", "part", "care", "note", "office", "effect", "time"}),
        named_object=True,
    ),
    Rule("territory: push out", ("push", "out"), "Battles", "Armed clash", priority=89, head=0),
    Rule("territory: drive out", ("drive", "out"), "Battles", "Armed clash", priority=89, head=0),
    Rule(
        "territory: expel", ("expel",), "Battles", "Armed clash", priority=89, pos=_V, needs=_TROOPS
    ),
    Rule("clash", ("clash",), "Battles", "Armed clash", priority=60),
    Rule("fighting", ("fighting",), "Battles", "Armed clash", priority=55, pos=_N),
    # the verbs fight and battle are as often a fire's, a court's or a disease's: armed
    # men must be in the sentence
    Rule("fight", ("fight",), "Battles", "Armed clash", priority=55, pos=_V, needs=_ARMED),
    Rule("battle", ("battle",), "Battles", "Armed clash", priority=55, pos=_N),
    Rule("battle", ("battle",), "Battles", "Armed clash", priority=55, pos=_V, needs=_ARMED),
    Rule("firefight", ("firefight",), "Battles", "Armed clash", priority=60),
    Rule("offensive", ("offensive",), "Battles", "Armed clash", priority=56, pos=_N),
    Rule("gain ground", ("gain", "ground"), "Battles", "Armed clash", priority=56, head=0),
    Rule("assault", ("assault",), "Battles", "Armed clash", priority=56, pos=_N, needs=_TROOPS),
    Rule("assault", ("assault",), "Battles", "Armed clash", priority=56, pos=_V, needs=_TROOPS),
    # -- violence against civilians
    Rule("execute", ("execute",), "Violence against civilians", "Attack", priority=70, pos=_V),
    Rule("massacre", ("massacre",), "Violence against civilians", "Attack", priority=70),
    Rule(
        "abduct",
        ("abduct",),
        "Violence against civilians",
        "Abduction/forced disappearance",
        priority=70,
    ),
    Rule(
        "kidnap",
        ("kidnap",),
        "Violence against civilians",
        "Abduction/forced disappearance",
        priority=70,
    ),
    Rule("rape", ("rape",), "Violence against civilians", "Sexual violence", priority=70),
    # -- strategic developments
    Rule("mass troops", ("mass",), _SD, "Other", priority=65, pos=_V, needs=_TROOPS),
    Rule("amass troops", ("amass",), _SD, "Other", priority=65, pos=_V, needs=_TROOPS),
    Rule("build-up", ("buildup",), _SD, "Other", priority=64, needs=_TROOPS),
    Rule("arrest", ("arrest",), _SD, "Arrests", priority=62),
    Rule("detain", ("detain",), _SD, "Arrests", priority=62, pos=_V),
    Rule("shoot down", ("shoot", "down"), _SD, "Disrupted weapons use", priority=40, head=0),
    Rule("intercept", ("intercept",), _SD, "Disrupted weapons use", priority=40, pos=_V),
    Rule("prisoner swap", ("prisoner", "swap"), _SD, "Agreement", priority=45),
    Rule("prisoner exchange", ("prisoner", "exchange"), _SD, "Agreement", priority=45),
    Rule("loot", ("loot",), _SD, "Looting/property destruction", priority=45),
    # -- generic attack: typed from an earlier event or a weapon in the sentence
    Rule(GENERIC_ATTACK, ("attack",), _EXP, _AIR, priority=10, pos=_N),
    Rule(GENERIC_ATTACK, ("strike",), _EXP, _AIR, priority=10, pos=_N),
    # -- protests and riots
    Rule("protest", ("protest",), "Protests", "Peaceful protest", family="protest", priority=50),
    Rule(
        "demonstration",
        ("demonstration",),
        "Protests",
        "Peaceful protest",
        family="protest",
        priority=50,
    ),
    Rule(
        "rally",
        ("rally",),
        "Protests",
        "Peaceful protest",
        family="protest",
        priority=48,
        needs=frozenset(
            {"protester", "demonstrator", "supporter", "against", "people", "disperse"}
        ),
    ),
    Rule(
        "riot",
        ("riot",),
        "Riots",
        "Violent demonstration",
        family="protest",
        priority=60,
        blocks=frozenset(
            {
                "police",
                "policeman",
                "officer",
                "gear",
                "shield",
                "squad",
                "control",
                "unit",
                "troop",
            }
        ),
    ),
    Rule("mob", ("mob",), "Riots", "Mob violence", family="protest", priority=58, pos=_N),
    # -- diplomacy
    Rule("summit", ("summit",), "Diplomacy", "Summit", family="diplomacy", priority=60, pos=_N),
    Rule("talks", ("talk",), "Diplomacy", "Talks", family="diplomacy", priority=55, pos=_N),
    Rule(
        "negotiations",
        ("negotiation",),
        "Diplomacy",
        "Talks",
        family="diplomacy",
        priority=55,
        pos=_N,
    ),
    Rule("meeting", ("meeting",), "Diplomacy", "Talks", family="diplomacy", priority=54, pos=_N),
    Rule(
        "gathering", ("gathering",), "Diplomacy", "Talks", family="diplomacy", priority=54, pos=_N
    ),
    Rule("meet", ("meet",), "Diplomacy", "Talks", family="diplomacy", priority=53, pos=_V),
    Rule(
        "sanctions",
        ("sanction",),
        "Diplomacy",
        "Sanctions",
        family="diplomacy",
        priority=58,
        pos=_N,
        needs=frozenset({"package", "impose", "adopt", "approve", "announce", "unveil"}),
    ),
    Rule(
        "sign agreement",
        ("sign",),
        "Diplomacy",
        "Agreement",
        family="diplomacy",
        priority=62,
        pos=_V,
        needs=frozenset({"agreement", "deal", "treaty", "accord", "memorandum"}),
    ),
)

# rules for wire news beyond the seeds' wording (a module of their own; it needs ``Rule``)
from geomap.events.news_rules import NEWS_RULES  # noqa: E402

RULES = RULES + NEWS_RULES

_VAC = "Violence against civilians"
_ADJ = frozenset({"ADJ", "VERB"})
#: Nouns after "smoke" that make it gear, not a fire ("smoke grenade", "smoke screen").
_SMOKE_GEAR = frozenset({"grenade", "bomb", "screen", "signal", "detector", "shell", "break"})
#: Words that make smoke a fire's ("smoke rising over X", "a plume of smoke"), not a screen
#: laid by a vehicle ("a tank using smoke").
_SMOKE_RISING = frozenset(
    {"rise", "rising", "billow", "billowing", "plume", "column", "cloud", "over", "above",
     "black", "thick", "heavy", "pour", "pouring"}
)  # fmt: skip
_NV = frozenset({"NOUN", "PROPN", "VERB"})
#: Triggers read only in headline-style text (short reports, verbless lines; see
#: :mod:`geomap.events.headline`): noun phrases and participles that name an event
#: by themselves there ("Aftermath of strike in X", "Shelled school in Y"). In a long
#: article the same words are too often background ("the strike", "the damage").
#: Names ending in ":h" mark them in ``Event.trigger``; the generic "attack"/"strike"
#: rules give way to concrete ones here (no antecedent is needed in a headline).
HEADLINE_RULES: tuple[Rule, ...] = (
    Rule("strike:h", ("strike",), _EXP, _SHELL, priority=30, pos=_NV),
    Rule(HEADLINE_ATTACK, ("attack",), _EXP, _SHELL, priority=25, pos=_NV),
    Rule("hit:h", ("hit",), _EXP, _SHELL, priority=20, pos=_V),
    Rule("impact:h", ("impact",), _EXP, _SHELL, priority=30, pos=_N),
    Rule("explosion:h", ("explosion",), _EXP, _SHELL, priority=35, pos=_N),
    Rule("blast:h", ("blast",), _EXP, _SHELL, priority=34, pos=_N),
    Rule("explode:h", ("explode",), _EXP, _SHELL, priority=34, pos=_V),
    Rule("detonation:h", ("detonation",), _EXP, _SHELL, priority=34, pos=_N),
    Rule("detonate:h", ("detonate",), _EXP, _SHELL, priority=34, pos=_V),
    Rule("bombardment:h", ("bombardment",), _EXP, _SHELL, priority=60, pos=_N),
    Rule("bomb:h", ("bomb",), _EXP, _AIR, priority=60, pos=_NV, weapon="bomb"),
    Rule("bombed:h", ("bombed",), _EXP, _AIR, priority=60, pos=_ADJ, weapon="bomb"),
    Rule("shelled:h", ("shelled",), _EXP, _SHELL, priority=72, pos=_ADJ, weapon="artillery"),
    Rule("shell:h", ("shell",), _EXP, _SHELL, priority=60, pos=_N, weapon="artillery"),
    Rule("destroy:h", ("destroy",), _EXP, _SHELL, priority=15, pos=_NV),
    Rule("destroyed:h", ("destroyed",), _EXP, _SHELL, priority=15, pos=_ADJ),
    Rule("destruction:h", ("destruction",), _EXP, _SHELL, priority=15, pos=_N),
    Rule("ruin:h", ("ruin",), _EXP, _SHELL, priority=15, pos=_N),
    Rule("damage:h", ("damage",), _EXP, _SHELL, priority=14, pos=_NV),
    Rule("damaged:h", ("damaged",), _EXP, _SHELL, priority=14, pos=_ADJ),
    Rule("fire:h", ("fire",), _EXP, _SHELL, priority=12, pos=_N),
    Rule(
        "smoke:h",
        ("smoke",),
        _EXP,
        _SHELL,
        priority=11,
        pos=_N,
        blocks=_SMOKE_GEAR,
        needs=_SMOKE_RISING,
    ),
    # in a report "fighting in X" needs no armed men named (in an article it does)
    Rule(
        "fight:h",
        ("fight",),
        "Battles",
        "Armed clash",
        priority=55,
        pos=_V,
        tags=frozenset({"VBG"}),
    ),
    Rule("open fire:h", ("open", "fire"), "Battles", "Armed clash", priority=58, head=0),
    Rule("firing:h", ("fire",), "Battles", "Armed clash", priority=40, pos=_V),
    Rule("gunfire:h", ("gunfire",), "Battles", "Armed clash", priority=58, pos=_N),
    Rule("shootout:h", ("shootout",), "Battles", "Armed clash", priority=58, pos=_N),
    Rule("storm:h", ("storm",), "Battles", "Armed clash", priority=50, pos=_V),
    Rule("torture:h", ("torture",), _VAC, "Attack", priority=70),
    Rule("tortured:h", ("tortured",), _VAC, "Attack", priority=70, pos=_ADJ),
    # casualty nouns: the event is known by its victims ("Civilian casualties in X");
    # :mod:`geomap.events.headline` drops them when the dead are soldiers
    Rule("casualty:h", ("casualty",), _VAC, "Attack", priority=20, pos=_N),
    Rule("deceased:h", ("deceased",), _VAC, "Attack", priority=20),
    Rule("dead:h", ("dead",), _VAC, "Attack", priority=20, pos=frozenset({"ADJ", "NOUN"})),
    Rule("body:h", ("body",), _VAC, "Attack", priority=18, pos=_N),
    Rule("corpse:h", ("corpse",), _VAC, "Attack", priority=18, pos=_N),
    Rule("corpse:h", ("corps",), _VAC, "Attack", priority=18, pos=_N),
    Rule("killed:h", ("kill",), _VAC, "Attack", priority=20, pos=_V),
    Rule("injured:h", ("injure",), _VAC, "Attack", priority=19, pos=_ADJ),
    Rule("injured:h", ("injured",), _VAC, "Attack", priority=19, pos=_ADJ),
    Rule("wounded:h", ("wound",), _VAC, "Attack", priority=19, pos=_ADJ),
)

#: Headline rules that know an event only by its victims ("2 wounded", "bodies found").
VICTIM_RULES = frozenset(
    {"casualty:h", "deceased:h", "dead:h", "body:h", "corpse:h", "killed:h", "injured:h",
     "wounded:h"}
)  # fmt: skip

#: Longest rules first, then the higher priority (the order :func:`match_triggers` tries).
_RULES_IN_ORDER = tuple(sorted(RULES, key=lambda r: (-len(r.lemmas), -r.priority)))
#: The same for headline-style text: every rule but the anaphoric generic ones, plus
#: :data:`HEADLINE_RULES`.
_HEADLINE_IN_ORDER = tuple(
    sorted(
        [r for r in RULES if r.name != GENERIC_ATTACK] + list(HEADLINE_RULES),
        key=lambda r: (-len(r.lemmas), -r.priority),
    )
)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A rule matched in a sentence: ``token`` is the article index of the head token."""

    rule: Rule
    token: int
    start: int
    end: int


#: Tokens of weapon designations, to the key their rule uses ("tos-1a" -> "tos",
#: "kh-101" -> "kh", "tochka-u" -> "tochka", "mrls" -> "mlrs").
_WEAPON_TOKEN = re.compile(r"^(tos|kh|tochka|mlrs|mrls)(?:-?\d+[a-z]?|-?u)?s?$")


#: Every lemma a rule reads.
_RULE_LEMMAS = frozenset(w for r in RULES + HEADLINE_RULES for w in r.lemmas)


def _slips(word: str) -> set[str]:
    """A word with one letter dropped or two neighbours swapped (typing slips)."""
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return out - {word}


#: Typing slips of the long one-word violence triggers ("Shellng", "artilery", "misile")
#: to the trigger; shorter words and the parts of longer rules have real words one slip
#: away ("solder", "luster").
_SLIPS = {
    slip: word
    for r in RULES + HEADLINE_RULES
    if r.family == "violence" and len(r.lemmas) == 1 and len(word := r.lemmas[0]) >= 7
    for slip in _slips(word)
    if slip not in _RULE_LEMMAS
}


@functools.lru_cache(maxsize=1 << 16)
def _norm_lemma(lemma: str) -> str:
    """A lemma as the rules spell it (cached: news vocabulary is small).

    Designations take their rule's key; plurals the lemmatiser left (capitalised words
    are read as proper nouns: "Cluster Munitions", "Strikes") and typing slips of long
    triggers take the trigger's lemma.
    """
    low = lemma.lower()
    weapon = _WEAPON_TOKEN.match(low)
    if weapon is not None:
        return weapon.group(1).replace("mrls", "mlrs")
    if low in _RULE_LEMMAS:
        return low
    for suffix, stem in (("s", low[:-1]), ("es", low[:-2]), ("ies", low[:-3] + "y")):
        if low.endswith(suffix) and stem in _RULE_LEMMAS:
            return stem
    return _SLIPS.get(low, low.replace("-", ""))


def match_triggers(tokens: Sequence[Token], *, headline: bool = False) -> list[TriggerHit]:
    """Return every rule match in ``tokens`` (one sentence), left to right.

    Rules are tried longest first, then by priority; a token taken by one match is
    not the head of another.

    Parameters
    ----------
    tokens
        The sentence's tokens.
    headline
        Read the sentence as headline-style text: :data:`HEADLINE_RULES` apply too.
    """
    lemmas = list(map(_norm_lemma, [t.lemma for t in tokens]))
    where: dict[str, list[int]] = {}
    for i, lemma in enumerate(lemmas):
        where.setdefault(lemma, []).append(i)
    hits: list[TriggerHit] = []
    taken: set[int] = set()
    for rule in _HEADLINE_IN_ORDER if headline else _RULES_IN_ORDER:
        starts = where.get(rule.lemmas[0])
        # the pre-checks and the last start only save _window calls that would fail
        # (mutation testing: checking fewer words, or a later last start, is equivalent)
        if starts is None or any(w not in where for w in rule.lemmas[1:]):
            continue
        lacking = bool(rule.needs) and rule.needs.isdisjoint(where)
        # "troops seized Novohrodivka": a name taken by armed men stands for "the village"
        if lacking and not (rule.named_object and not _ARMED.isdisjoint(where)):
            continue
        last_start = len(tokens) - len(rule.lemmas)
        for i in starts:
            if i > last_start:
                break
            window = _window(lemmas, i, rule.lemmas)
            if window is None:
                continue
            idx = window[rule.head]
            head = tokens[idx]
            if (
                head.pos not in rule.pos
                or idx in taken
                or (rule.tags and head.tag not in rule.tags)
            ):
                continue
            if lacking and not any(
                t.head == idx and t.dep == "dobj" and t.pos == "PROPN" for t in tokens
            ):
                continue  # "troops seized weapons"
            if not rule.weapon and _surname(tokens, idx):
                continue  # a name ("Linda Battle"), not an event
            # no rule blocks on "" (mutation testing: another end marker is equivalent)
            after = lemmas[window[-1] + 1] if window[-1] + 1 < len(tokens) else ""
            if after in rule.blocks:
                continue
            taken.update(window)
            hits.append(TriggerHit(rule, head.i, tokens[window[0]].start, tokens[window[-1]].end))
    hits.sort(key=lambda h: h.start)
    return hits


def _surname(tokens: Sequence[Token], idx: int) -> bool:
    """Whether token ``idx`` goes on a person's name the model found ("Linda *Battle*")."""
    if idx == 0 or tokens[idx].ent_type != "PERSON":
        return False
    prev = tokens[idx - 1]
    return prev.ent_type == "PERSON" and prev.text[:1].isupper()


def _window(lemmas: Sequence[str], i: int, want: tuple[str, ...]) -> list[int] | None:
    """Indices matching ``want`` from ``i``; later words may be up to 4 tokens on (particles)."""
    if lemmas[i] != want[0]:
        return None
    out = [i]
    # no rule has more than two lemmas yet, so ``pos`` is not read again and out[-1] is
    # out[1] below (mutation testing: mutants of either are equivalent for now)
    pos = i
    for w in want[1:]:
        for j in range(pos + 1, min(pos + 5, len(lemmas))):
            if lemmas[j] == w:
                out.append(j)
                pos = j
                break
        else:
            return None
        # compounds must be adjacent ("air strike", not "air ... strike")
        compound = w in {"strike", "raid", "attack", "bomb", "bomber", "bombing"}
        if len(want) == 2 and compound and out[-1] != out[-2] + 1:
            return None
    return out
