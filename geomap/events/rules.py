"""Stage 4 helper, events: the trigger table (event types, sub-types, weapons, roles).

One row per trigger: a lemma, or a short lemma sequence, over the plain parse from
:mod:`geomap.places`, with the ACLED type and sub-type it codes, the weapon it names
and what else it needs. Every rule has a name that ends up in ``Event.trigger``, so a
record says why it was coded; the code never tests a name: what a rule *is* (a victim
word, a territorial change, a weapon designation ...) is one of its :class:`Role`\\ s.
Matching lives in :mod:`geomap.events.matching`.

Types and sub-types are ACLED's (:mod:`geomap.events.schema`) plus a ``Diplomacy``
extension (Talks, Summit, Sanctions, Agreement). Families group rules that describe
one event when they share a sentence ("a Russian *drone* *attack* ... *killed*"):
``violence`` (explosions, battles, violence against civilians, strategic
developments), ``diplomacy``, ``protest``. Within a family the rule with the highest
``priority`` names the type.

Adding a trigger is adding a row here (and a test with a made-up sentence); see
``docs/architecture.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.schema import (
    ABDUCTION,
    AGREEMENT,
    AIR_DRONE_STRIKE,
    ARMED_CLASH,
    ARRESTS,
    ATTACK,
    BATTLES,
    CHEMICAL_WEAPON,
    DIPLOMACY,
    DISRUPTED_WEAPONS_USE,
    EXPLOSIONS,
    GRENADE,
    LOOTING,
    MOB_VIOLENCE,
    OTHER,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    PROTESTS,
    REMOTE_EXPLOSIVE,
    RIOTS,
    SANCTIONS,
    SEXUAL_VIOLENCE,
    SHELLING,
    STRATEGIC_DEVELOPMENTS,
    SUICIDE_BOMB,
    SUMMIT,
    TALKS,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
)

__all__ = ["RULES", "Family", "Role", "Rule"]


class Family(StrEnum):
    """Rules of one family in one clause describe one event."""

    VIOLENCE = "violence"
    PROTEST = "protest"
    DIPLOMACY = "diplomacy"


class Role(StrEnum):
    """What a rule is, beyond the type it codes (the code asks about roles, never names)."""

    #: Read only in headline-style text (short reports, verbless lines; see
    #: :mod:`geomap.events.headline`): in a long article the word is background.
    HEADLINE = "headline"
    #: A weapon rule that names an event by itself ("shelling", "air strike"); a weapon
    #: rule without it names an instrument, which a headline must see used.
    EVENT = "event"
    #: Knows an event only by its victims ("2 wounded", "bodies found"): it yields a
    #: place to the sentence's strike, and stands down when the victims are soldiers.
    VICTIM = "victim"
    #: Damage words that describe the scene, not an event, "in the background".
    SCENERY = "scenery"
    #: A weapon designation written with capitals ("Grad", "TOS-1A"): in lower case
    #: it is another word ("a grad student").
    DESIGNATION = "designation"
    #: Munitions only seen where they were used ("cluster munitions near X"): no attack
    #: predicate needed.
    SPENT_MUNITION = "spent munition"
    #: A change of territory: its sub-type depends on who took what where, origins
    #: count ("drove them out from X"), the speaker of a claim is the actor.
    TERRITORY = "territory"
    #: A movement that is fighting only when told as tried ("made 30 attempts to
    #: advance near X", "tried to advance"); advancing alone is troops on the move.
    TRIED = "tried"
    #: The anaphoric "the attack"/"the strike": typed from an earlier event of the
    #: article or a claim; never read in headlines.
    GENERIC = "generic"
    #: A bare headline "attack", typed by its context (a claim, the headline's battle).
    UNTYPED = "untyped"
    #: Names people, not an event ("the gunman", "the protesters"): no anaphora.
    AGENT = "agent"
    #: An attack whose target decides its type: on civilians it is violence against them.
    BY_TARGET = "by target"
    #: Firing that non-lethal munitions explain ("tear gas fired at a crowd").
    FIRING = "firing"
    #: A weapon stopped before it hit ("air defences downed 40 drones"): no event, and
    #: the weapons it governs code none.
    INTERCEPTION = "interception"
    #: Only names an event told before ("the incident"): its date and place complete
    #: that event, it is never a new one.
    REFERENCE = "reference"
    #: A state's own politics (a coup, a seizure of power): told without a place, it
    #: happened in the one country its sentence names (geo_precision 3).
    NATIONAL = "national"
    #: A meeting: diplomacy only between parties that speak for states or groups (a title
    #: such as minister or envoy, or a named person), not fans or officers meeting a rabbi.
    PARTIES = "parties"
    #: A deed named as a noun ("the killing of two prisoners"): an event only with its
    #: count of dead; "condemned the killing of civilians" speaks of a kind of deed.
    COUNTED = "counted"
    #: A figure of the dead ("the death toll rose to 19"): it counts the victims of the
    #: event told just before, and is never an event of its own.
    FIGURE = "figure"


#: Who is repelled, or from where, besides armed men: their attackers, positions held.
_REPELLED = frozenset({"attacker", "position"})
_N = frozenset({"NOUN", "PROPN"})
_MEET = frozenset({Role.PARTIES})
_V = frozenset({"VERB"})
_NA = frozenset({"NOUN", "PROPN", "ADJ"})
_NV = frozenset({"NOUN", "PROPN", "VERB"})
_ADJ = frozenset({"ADJ", "VERB"})
#: The tagger reads weapon designations as anything: any part of speech will do.
_ANY = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "PRON", "X", "NUM", "INTJ"})

_H = frozenset({Role.HEADLINE})
_EV = frozenset({Role.EVENT})
_DES = frozenset({Role.DESIGNATION})
_SPENT = frozenset({Role.SPENT_MUNITION})
_TER = frozenset({Role.TERRITORY})
_VICTIM = frozenset({Role.HEADLINE, Role.VICTIM})
_SCENERY = frozenset({Role.HEADLINE, Role.SCENERY})
_FIRING = frozenset({Role.HEADLINE, Role.FIRING})
_NAT = frozenset({Role.NATIONAL})
_STOP = frozenset({Role.INTERCEPTION})


@dataclass(frozen=True, slots=True)
class Rule:
    """One trigger: a lemma sequence (head lemma last unless ``head`` says otherwise).

    ``pos`` restricts the head token's part of speech; ``needs`` lists lemmas one
    of which must occur in the sentence ("mass" needs troops/forces);
    ``blocks`` lists lemmas that, right after the match, cancel it ("missile
    defence"); ``weapon`` is the weapon the trigger names; ``tags``, when given,
    restricts the head's fine-grained tag ("VBG": "fighting", not "fought");
    ``unless`` lists lemmas any of which in the sentence cancels it ("troops marched"
    is no protest march), ``unless_nouns`` nouns that do ("a landslide blocked the
    road", not "blocked a road ... when a canopy collapsed"); ``named_object`` lets a
    proper-noun object of the head stand in for ``needs`` when armed men are in the
    sentence ("troops seized Novohrodivka": the village);
    ``surface``, when given, is how the head's text must begin (the lemmatiser reads
    "corpses" as "corps", a unit); ``roles`` say what the rule is (:class:`Role`).
    """

    name: str
    lemmas: tuple[str, ...]
    event_type: str
    sub_event_type: str
    family: Family = Family.VIOLENCE
    priority: int = 50
    pos: frozenset[str] = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
    weapon: str = ""
    needs: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()
    unless_nouns: frozenset[str] = frozenset()
    head: int = -1
    tags: frozenset[str] = frozenset()
    named_object: bool = False
    surface: str = ""
    roles: frozenset[Role] = frozenset()

    @property
    def instrument(self) -> bool:
        """Whether the rule names only a weapon ("missile", "drone"), not its use."""
        return bool(self.weapon) and not (self.roles & {Role.EVENT, Role.HEADLINE})


RULES: tuple[Rule, ...] = (
    # -- explosions / remote violence
    Rule("shahed", ("shahed",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=82, weapon="Shahed drone"),
    Rule("geran", ("geran",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=82, weapon="Geran drone"),
    Rule("lancet", ("lancet",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=82, weapon="Lancet drone"),
    Rule("drone", ("drone",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=80, pos=_N, weapon="drone",
         blocks=W.CAMERA_NOUNS),
    Rule("uav", ("uav",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=80, pos=_N, weapon="drone",
         blocks=W.CAMERA_NOUNS),
    Rule("air strike", ("air", "strike"), EXPLOSIONS, AIR_DRONE_STRIKE, priority=78,
         weapon="air strike", roles=_EV),
    Rule("airstrike", ("airstrike",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=78,
         weapon="air strike", roles=_EV),
    Rule("air raid", ("air", "raid"), EXPLOSIONS, AIR_DRONE_STRIKE, priority=78,
         weapon="air strike", roles=_EV),
    Rule("aerial attack", ("aerial", "attack"), EXPLOSIONS, AIR_DRONE_STRIKE, priority=76,
         weapon="air strike", roles=_EV),
    Rule("glide bomb", ("glide", "bomb"), EXPLOSIONS, AIR_DRONE_STRIKE, priority=79,
         weapon="glide bomb"),
    Rule("guided bomb", ("guide", "bomb"), EXPLOSIONS, AIR_DRONE_STRIKE, priority=79,
         weapon="glide bomb"),
    Rule("aerial bomb", ("aerial", "bomb"), EXPLOSIONS, AIR_DRONE_STRIKE, priority=79,
         weapon="aerial bomb"),
    Rule("kab", ("kab",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=79, weapon="KAB glide bomb"),
    Rule("umpk", ("umpk",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=79, weapon="glide bomb"),
    Rule("fab", ("fab",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=79, weapon="FAB bomb"),
    Rule("bombing", ("bombing",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=60, pos=_N, weapon="bomb",
         roles=_EV),
    Rule("missile", ("missile",), EXPLOSIONS, SHELLING, priority=75, weapon="missile",
         blocks=W.DEFENCE_NOUNS),
    Rule("rocket", ("rocket",), EXPLOSIONS, SHELLING, priority=74, weapon="rocket",
         blocks=W.DEFENCE_NOUNS),
    Rule("shelling", ("shelling",), EXPLOSIONS, SHELLING, priority=74, weapon="artillery",
         roles=_EV),
    Rule("shell", ("shell",), EXPLOSIONS, SHELLING, priority=72, pos=_V, weapon="artillery",
         roles=_EV),
    Rule("artillery", ("artillery",), EXPLOSIONS, SHELLING, priority=73, weapon="artillery"),
    Rule("mortar", ("mortar",), EXPLOSIONS, SHELLING, priority=73, pos=_N, weapon="mortar"),
    Rule("shell", ("shell",), EXPLOSIONS, SHELLING, priority=71, pos=_N, weapon="artillery",
         blocks=W.SHELL_COMPANIES),
    # a tank's gun is heavy weapons fire, not a firefight ("tank firing on X")
    # "artillery duels around X": the two sides shell each other
    Rule("artillery duel", ("artillery", "duel"), EXPLOSIONS, SHELLING, priority=70, head=1,
         pos=_NV, weapon="artillery", roles=_EV),
    Rule("tank fire", ("tank", "fire"), EXPLOSIONS, SHELLING, priority=70, head=1, weapon="tank",
         roles=_EV),
    Rule("iskander", ("iskander",), EXPLOSIONS, SHELLING, priority=76, weapon="Iskander missile"),
    Rule("kinzhal", ("kinzhal",), EXPLOSIONS, SHELLING, priority=76, weapon="Kinzhal missile"),
    Rule("himars", ("himars",), EXPLOSIONS, SHELLING, priority=76, weapon="HIMARS rocket"),
    Rule("atacms", ("atacms",), EXPLOSIONS, SHELLING, priority=76, weapon="ATACMS missile"),
    # named weapons (lemmas as matching.norm_lemma spells them: "TOS-1A" -> "tos")
    Rule("tos-1", ("tos",), EXPLOSIONS, SHELLING, priority=77, pos=_ANY,
         weapon="TOS-1 thermobaric MLRS", roles=_DES),
    Rule("tochka-u", ("tochka",), EXPLOSIONS, SHELLING, priority=77, pos=_ANY,
         weapon="Tochka-U missile", roles=_DES),
    Rule("mlrs", ("mlrs",), EXPLOSIONS, SHELLING, priority=75, pos=_ANY, weapon="MLRS", roles=_DES),
    Rule("grad", ("grad",), EXPLOSIONS, SHELLING, priority=76, pos=_NA, weapon="Grad MLRS",
         roles=_DES),
    Rule("uragan", ("uragan",), EXPLOSIONS, SHELLING, priority=76, pos=_ANY, weapon="Uragan MLRS",
         roles=_DES),
    Rule("smerch", ("smerch",), EXPLOSIONS, SHELLING, priority=76, pos=_ANY, weapon="Smerch MLRS",
         roles=_DES),
    Rule("kalibr", ("kalibr",), EXPLOSIONS, SHELLING, priority=76, pos=_ANY,
         weapon="Kalibr missile"),
    Rule("kh-missile", ("kh",), EXPLOSIONS, SHELLING, priority=76, pos=_ANY,
         weapon="Kh-series missile", roles=_DES),
    Rule("cluster munitions", ("cluster", "munition"), EXPLOSIONS, SHELLING, priority=80,
         weapon="cluster munitions", roles=_SPENT),
    Rule("cluster bomb", ("cluster", "bomb"), EXPLOSIONS, AIR_DRONE_STRIKE, priority=80,
         weapon="cluster munitions", roles=_SPENT),
    Rule("incendiary", ("incendiary",), EXPLOSIONS, SHELLING, priority=78,
         weapon="incendiary munitions", roles=_SPENT),
    Rule("thermobaric", ("thermobaric",), EXPLOSIONS, SHELLING, priority=77,
         weapon="thermobaric munitions", roles=_SPENT),
    Rule("phosphorus", ("phosphorus",), EXPLOSIONS, SHELLING, priority=78,
         weapon="white phosphorus", roles=_SPENT),
    Rule("landmine", ("landmine",), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=77, weapon="landmine",
         roles=_EV),
    Rule("ied", ("ied",), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=77, weapon="IED", roles=_EV),
    Rule("car bomb", ("car", "bomb"), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=77, weapon="car bomb",
         roles=_EV),
    *(
        Rule("car bomb", (vehicle, "bomb"), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=77,
             weapon=f"{vehicle} bomb", roles=_EV)
        for vehicle in ("truck", "lorry", "van", "motorcycle", "parcel")
    ),
    Rule("suicide bomb", ("suicide", "bomber"), EXPLOSIONS, SUICIDE_BOMB, priority=85,
         weapon="suicide bomb", roles=_EV),
    Rule("suicide bombing", ("suicide", "bombing"), EXPLOSIONS, SUICIDE_BOMB, priority=85,
         weapon="suicide bomb", roles=_EV),
    Rule("grenade", ("grenade",), EXPLOSIONS, GRENADE, priority=70, weapon="grenade"),
    # a rocket-propelled grenade is an infantry weapon fired in ground fighting, no grenade
    # thrown (ACLED's Grenade sub-event)
    Rule("rpg", ("rocket", "-", "propel", "grenade"), BATTLES, ARMED_CLASH, priority=57, head=3,
         weapon="RPG"),
    Rule("rpg", ("rpg",), BATTLES, ARMED_CLASH, priority=57, pos=_N, weapon="RPG"),
    Rule("chemical", ("chemical", "weapon"), EXPLOSIONS, CHEMICAL_WEAPON, priority=86,
         weapon="chemical weapon", roles=_EV),
    # -- battles (territory sub-type decided by actor and place country)
    Rule("territory: take control", ("take", "control"), BATTLES, ARMED_CLASH, priority=90, head=0,
         roles=_TER),
    Rule("territory: seize control", ("seize", "control"), BATTLES, ARMED_CLASH, priority=90,
         head=0, roles=_TER),
    Rule("territory: retake", ("retake",), BATTLES, ARMED_CLASH, priority=90, pos=_V, roles=_TER),
    Rule("territory: recapture", ("recapture",), BATTLES, ARMED_CLASH, priority=90, pos=_V,
         roles=_TER),
    Rule("territory: regain", ("regain",), BATTLES, ARMED_CLASH, priority=90, pos=_V, roles=_TER),
    Rule("territory: reclaim", ("reclaim",), BATTLES, ARMED_CLASH, priority=90, pos=_V, roles=_TER),
    Rule("territory: liberate", ("liberate",), BATTLES, ARMED_CLASH, priority=90, pos=_V,
         roles=_TER),
    Rule("territory: capture", ("capture",), BATTLES, ARMED_CLASH, priority=88, pos=_V, roles=_TER),
    Rule("territory: overrun", ("overrun",), BATTLES, ARMED_CLASH, priority=88, pos=_V,
         roles=_TER),
    # "claims (the) capture of X"
    Rule("territory: capture of", ("capture", "of"), BATTLES, ARMED_CLASH, priority=86, head=0,
         pos=_N, roles=_TER),
    Rule("territory: recapture of", ("recapture", "of"), BATTLES, ARMED_CLASH, priority=88,
         head=0, pos=_N, roles=_TER),
    Rule("territory: seize", ("seize",), BATTLES, ARMED_CLASH, priority=88, pos=_V,
         needs=W.SEIZABLE_PLACES, named_object=True, roles=_TER),
    # "took over the airport and an air base" (not "took over the X station": a sighting;
    # nor an abandoned base taken over: no fight)
    Rule("territory: take over", ("take", "over"), BATTLES, ARMED_CLASH, priority=88, head=0,
         needs=W.SEIZABLE_PLACES, unless=W.LEFT_EMPTY, roles=_TER),
    Rule("territory: take", ("take",), BATTLES, ARMED_CLASH, priority=88, pos=_V,
         needs=W.SETTLEMENTS, blocks=W.TAKE_IDIOMS, named_object=True, roles=_TER),
    # armed men entering a place take it, or fight for it ("troops entered X")
    Rule("territory: enter", ("enter",), BATTLES, ARMED_CLASH, priority=84, pos=_V,
         needs=W.ARMED_MEN, roles=_TER, tags=frozenset({"VBD", "VBN"})),  # (not "entering")
    Rule("territory: push out", ("push", "out"), BATTLES, ARMED_CLASH, priority=89, head=0,
         roles=_TER),
    Rule("territory: drive out", ("drive", "out"), BATTLES, ARMED_CLASH, priority=89, head=0,
         roles=_TER),
    Rule("territory: expel", ("expel",), BATTLES, ARMED_CLASH, priority=89, pos=_V, needs=W.TROOPS,
         roles=_TER),
    Rule("clash", ("clash",), BATTLES, ARMED_CLASH, priority=60),
    Rule("fighting", ("fighting",), BATTLES, ARMED_CLASH, priority=55, pos=_N),
    # the verbs fight and battle are as often a fire's, a court's or a disease's: armed
    # men must be in the sentence
    Rule("fight", ("fight",), BATTLES, ARMED_CLASH, priority=55, pos=_V, needs=W.ARMED_MEN),
    Rule("battle", ("battle",), BATTLES, ARMED_CLASH, priority=55, pos=_N),
    Rule("battle", ("battle",), BATTLES, ARMED_CLASH, priority=55, pos=_V, needs=W.ARMED_MEN),
    Rule("firefight", ("firefight",), BATTLES, ARMED_CLASH, priority=60),
    Rule("gunfight", ("gunfight",), BATTLES, ARMED_CLASH, priority=60),
    Rule("gun battle", ("gun", "battle"), BATTLES, ARMED_CLASH, priority=60, head=1),
    Rule("shootout", ("shootout",), BATTLES, ARMED_CLASH, priority=58, pos=_N),
    Rule("skirmish", ("skirmish",), BATTLES, ARMED_CLASH, priority=56),
    Rule("exchange of fire", ("exchange", "of", "fire"), BATTLES, ARMED_CLASH, priority=58,
         head=0),
    # "troops exchanged fire near X", "forces traded fire at the crossing"
    Rule("exchange fire", ("exchange", "fire"), BATTLES, ARMED_CLASH, priority=58, head=0,
         pos=_V),
    Rule("trade fire", ("trade", "fire"), BATTLES, ARMED_CLASH, priority=58, head=0, pos=_V),
    Rule("offensive", ("offensive",), BATTLES, ARMED_CLASH, priority=56, pos=_N),
    # a counterattack meets the attackers; armed men slipping into a place fight there
    *(
        Rule("counterattack", (word,), BATTLES, ARMED_CLASH, priority=56, pos=_NV)
        for word in ("counterattack", "counteroffensive", "counterassault")
    ),
    Rule("infiltrate", ("infiltrate",), BATTLES, ARMED_CLASH, priority=50, pos=_V,
         needs=W.ARMED_MEN),
    *(
        Rule("infiltration", (word,), BATTLES, ARMED_CLASH, priority=50, pos=_N,
             needs=W.ARMED_MEN)
        for word in ("infiltration", "infiltrating")  # (the tagger's noun "infiltrating")
    ),
    Rule("gain ground", ("gain", "ground"), BATTLES, ARMED_CLASH, priority=56, head=0),
    # an assault repelled is fighting (troops advancing may only be moving: no rule); a
    # drone or missile "repelled" was shot down (no event)
    *(
        Rule(verb, (verb,), BATTLES, ARMED_CLASH, priority=45, pos=_V, needs=needs,
             unless=W.FLYING_WEAPONS)
        for verb in ("repel", "repulse")
        for needs in (W.ARMED_MEN, _REPELLED)  # (a nation's forces count as armed men)
    ),
    Rule("assault", ("assault",), BATTLES, ARMED_CLASH, priority=56, pos=_N, needs=W.ARMED_MEN,
         roles=frozenset({Role.BY_TARGET})),
    # "forces broke through at X", "the village changed hands": ground fighting there
    Rule("break through", ("break", "through"), BATTLES, ARMED_CLASH, priority=45, head=0,
         pos=_V, needs=W.ARMED_MEN),
    Rule("change hands", ("change", "hand"), BATTLES, ARMED_CLASH, priority=45, head=0,
         pos=_V),
    # "troops made 30 attempts to advance near X": ground fighting at X
    Rule("advance", ("advance",), BATTLES, ARMED_CLASH, priority=20, pos=_V, needs=W.ARMED_MEN,
         roles=frozenset({Role.TRIED})),
    Rule("assault", ("assault",), BATTLES, ARMED_CLASH, priority=56, pos=_V, needs=W.ARMED_MEN,
         roles=frozenset({Role.BY_TARGET})),
    # a raid by armed men is fighting where it meets resistance (by its target: on
    # civilians it is violence against them); police raids that arrest are arrests
    Rule("raid", ("raid",), BATTLES, ARMED_CLASH, priority=50, needs=W.ARMED_MEN,
         unless=W.ARREST_WORDS, roles=frozenset({Role.BY_TARGET})),
    # -- violence against civilians
    Rule("execute", ("execute",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=70, pos=_V),
    Rule("behead", ("behead",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=70, pos=_V),
    Rule("massacre", ("massacre",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=70),
    # a vehicle driven into people who died of it: a ramming attack
    *(
        Rule(name, words, VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=50, head=0, pos=_V,
             needs=W.TOLL_WORDS)
        for name, words in (
            ("ram", ("ram",)), ("plow into", ("plow", "into")), ("plough into", ("plough", "into"))
        )
    ),
    # "hacked / stabbed / beaten to death" (not sentenced, starved or crushed to death)
    Rule("to death", ("to", "death"), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=68, head=1,
         pos=_N, unless=W.NOT_KILLINGS),
    Rule("abduct", ("abduct",), VIOLENCE_AGAINST_CIVILIANS, ABDUCTION, priority=70),
    Rule("kidnap", ("kidnap",), VIOLENCE_AGAINST_CIVILIANS, ABDUCTION, priority=70),
    Rule("rape", ("rape",), VIOLENCE_AGAINST_CIVILIANS, SEXUAL_VIOLENCE, priority=70),
    # -- strategic developments
    # a build-up told beside a strike is the strike's scene ("struck vehicles massed near X")
    Rule("mass troops", ("mass",), STRATEGIC_DEVELOPMENTS, OTHER, priority=40, pos=_V,
         needs=W.TROOPS),
    Rule("amass troops", ("amass",), STRATEGIC_DEVELOPMENTS, OTHER, priority=40, pos=_V,
         needs=W.TROOPS),
    Rule("build-up", ("buildup",), STRATEGIC_DEVELOPMENTS, OTHER, priority=40, needs=W.TROOPS),
    Rule("arrest", ("arrest",), STRATEGIC_DEVELOPMENTS, ARRESTS, priority=62),
    Rule("detain", ("detain",), STRATEGIC_DEVELOPMENTS, ARRESTS, priority=62, pos=_V),
    # weapons stopped before they hit: no event (issue 32: an interception is no
    # "Disrupted weapons use"); the weapon words they govern code nothing either
    Rule("shoot down", ("shoot", "down"), STRATEGIC_DEVELOPMENTS, DISRUPTED_WEAPONS_USE,
         priority=40, head=0, roles=_STOP),
    Rule("intercept", ("intercept",), STRATEGIC_DEVELOPMENTS, DISRUPTED_WEAPONS_USE, priority=40,
         pos=_V, roles=_STOP),
    Rule("down", ("down",), STRATEGIC_DEVELOPMENTS, DISRUPTED_WEAPONS_USE, priority=40, pos=_V,
         roles=_STOP),
    Rule("prisoner swap", ("prisoner", "swap"), STRATEGIC_DEVELOPMENTS, AGREEMENT, priority=45),
    Rule("prisoner exchange", ("prisoner", "exchange"), STRATEGIC_DEVELOPMENTS, AGREEMENT,
         priority=45),
    Rule("loot", ("loot",), STRATEGIC_DEVELOPMENTS, LOOTING, priority=45),
    # armed men or authorities pulling down homes ("forces demolished a home in X")
    Rule("demolish", ("demolish",), STRATEGIC_DEVELOPMENTS, LOOTING, priority=45, pos=_V,
         needs=W.DEMOLISHERS),
    Rule("demolition", ("demolition",), STRATEGIC_DEVELOPMENTS, LOOTING, priority=45, pos=_N,
         needs=W.DEMOLISHERS),
    Rule("bulldoze", ("bulldoze",), STRATEGIC_DEVELOPMENTS, LOOTING, priority=45, pos=_V,
         needs=W.DEMOLISHERS),
    # seizures of power: a coup, a leader taking powers
    Rule("coup", ("coup",), STRATEGIC_DEVELOPMENTS, OTHER, priority=60, pos=_N, roles=_NAT),
    Rule("seize power", ("seize", "power"), STRATEGIC_DEVELOPMENTS, OTHER, priority=92, head=0,
         roles=_NAT),
    Rule("take power", ("take", "power"), STRATEGIC_DEVELOPMENTS, OTHER, priority=92, head=0,
         roles=_NAT),
    Rule("assume power", ("assume",), STRATEGIC_DEVELOPMENTS, OTHER, priority=60, pos=_V,
         needs=W.POWERS, roles=_NAT),
    Rule("incident", ("incident",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=9, pos=_N,
         roles=frozenset({Role.GENERIC, Role.REFERENCE})),
    # -- generic attack: typed from an earlier event or a weapon in the sentence
    Rule("attack", ("attack",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=10, pos=_N,
         roles=frozenset({Role.GENERIC})),
    Rule("attack", ("strike",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=10, pos=_N,
         roles=frozenset({Role.GENERIC})),
    # -- protests and riots
    Rule("protest", ("protest",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST, priority=50),
    Rule("demonstration", ("demonstration",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST,
         priority=50),
    Rule("rally", ("rally",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST, priority=48,
         needs=W.RALLY_CUES),
    # "hundreds gathered in the square to demand the release of detainees"
    Rule("gather", ("gather",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST, priority=42,
         pos=_V, needs=W.DEMAND_WORDS, unless=W.ARMED_MEN),
    Rule("riot", ("riot",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST, priority=60,
         blocks=W.RIOT_GEAR),
    Rule("mob", ("mob",), RIOTS, MOB_VIOLENCE, family=Family.PROTEST, priority=58, pos=_N),
    # crowds: geomap.events.crowds decides Protests or Riots by who acts on whom
    Rule("march", ("march",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST, priority=46,
         pos=_NV, needs=W.MARCH_CUES, unless_nouns=W.ARMED_MEN),
    Rule("take to the streets", ("take", "to", "street"), PROTESTS, PEACEFUL_PROTEST,
         family=Family.PROTEST, priority=52, head=0),
    Rule("breach", ("breach",), BATTLES, ARMED_CLASH, priority=50, pos=_V, needs=W.STORM_AGENTS,
         roles=frozenset({Role.BY_TARGET})),
    Rule("break into", ("break", "into"), BATTLES, ARMED_CLASH, priority=50, head=0,
         needs=W.STORM_AGENTS, roles=frozenset({Role.BY_TARGET})),
    # "a crowd forced its way through the gate": a storming
    Rule("force way", ("force", "way"), BATTLES, ARMED_CLASH, priority=50, head=0,
         needs=W.STORM_AGENTS, roles=frozenset({Role.BY_TARGET})),
    Rule("sit-in", ("sit", "-", "in"), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST,
         priority=50, head=2, pos=_N),
    # "students have occupied the rector's building": an occupation by a crowd, not troops
    Rule("occupy", ("occupy",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST, priority=43,
         pos=_V, needs=W.OCCUPIERS, unless=W.ARMED_MEN),
    Rule("general strike", ("general", "strike"), PROTESTS, PEACEFUL_PROTEST,
         family=Family.PROTEST, priority=55, pos=_N),
    Rule("hunger strike", ("hunger", "strike"), PROTESTS, PEACEFUL_PROTEST,
         family=Family.PROTEST, priority=55, pos=_N),
    Rule("block", ("block",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST, priority=44,
         pos=_V, needs=W.ROADS, unless=W.ARMED_MEN, unless_nouns=W.NATURAL_CAUSES),
    Rule("blockade", ("blockade",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST,
         priority=44, pos=_N, needs=W.ROADS, unless=W.ARMED_MEN),
    Rule("tear gas", ("tear", "gas"), PROTESTS, PROTEST_WITH_INTERVENTION, family=Family.PROTEST,
         priority=53, head=1),
    Rule("teargas", ("teargas",), PROTESTS, PROTEST_WITH_INTERVENTION, family=Family.PROTEST,
         priority=53),
    Rule("water cannon", ("water", "cannon"), PROTESTS, PROTEST_WITH_INTERVENTION,
         family=Family.PROTEST, priority=53, head=1),
    Rule("rubber bullet", ("rubber", "bullet"), PROTESTS, PROTEST_WITH_INTERVENTION,
         family=Family.PROTEST, priority=53, head=1),
    Rule("pepper spray", ("pepper", "spray"), PROTESTS, PROTEST_WITH_INTERVENTION,
         family=Family.PROTEST, priority=53, head=1),
    Rule("throw", ("throw",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST, priority=54,
         pos=_V, needs=W.PROJECTILES),
    Rule("hurl", ("hurl",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST, priority=54,
         pos=_V, needs=W.PROJECTILES),
    Rule("pelt", ("pelt",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST, priority=54,
         pos=_V),
    Rule("lynch", ("lynch",), RIOTS, MOB_VIOLENCE, family=Family.PROTEST, priority=62),
    Rule("set fire", ("set", "fire"), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST,
         priority=50, head=0, needs=W.DEMONSTRATORS | W.MOB_PEOPLE),
    Rule("torch", ("torch",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST, priority=50,
         pos=_V, needs=W.DEMONSTRATORS | W.MOB_PEOPLE),
    Rule("vandalise", ("vandalise",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST,
         priority=50, pos=_V),
    Rule("vandalize", ("vandalize",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST,
         priority=50, pos=_V),
    Rule("ransack", ("ransack",), RIOTS, VIOLENT_DEMONSTRATION, family=Family.PROTEST,
         priority=50, pos=_V),
    Rule("storm", ("storm",), BATTLES, ARMED_CLASH, priority=50, pos=_V, needs=W.STORM_AGENTS,
         roles=frozenset({Role.BY_TARGET})),
    # "hundreds of men stormed the airport": a crowd told by its number (see crowds)
    Rule("storm", ("storm",), BATTLES, ARMED_CLASH, priority=49, pos=_V,
         needs=frozenset({"hundred", "thousand"}), roles=frozenset({Role.BY_TARGET})),
    Rule("fight", ("fight",), RIOTS, MOB_VIOLENCE, family=Family.PROTEST, priority=50, pos=_V,
         needs=W.CROWD_FIGHTERS, unless=W.ARMED_MEN),
    Rule("beat", ("beat",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=52, pos=_V,
         needs=W.BEATERS),
    # -- diplomacy
    Rule("summit", ("summit",), DIPLOMACY, SUMMIT, family=Family.DIPLOMACY, priority=60, pos=_N),
    Rule("talks", ("talk",), DIPLOMACY, TALKS, family=Family.DIPLOMACY, priority=55, pos=_N),
    Rule("negotiations", ("negotiation",), DIPLOMACY, TALKS, family=Family.DIPLOMACY, priority=55,
         pos=_N),
    Rule("meeting", ("meeting",), DIPLOMACY, TALKS, family=Family.DIPLOMACY, priority=54, pos=_N,
         roles=_MEET),
    Rule("gathering", ("gathering",), DIPLOMACY, TALKS, family=Family.DIPLOMACY, priority=54,
         pos=_N, roles=_MEET),
    Rule("meet", ("meet",), DIPLOMACY, TALKS, family=Family.DIPLOMACY, priority=53, pos=_V,
         roles=_MEET),
    Rule("sanctions", ("sanction",), DIPLOMACY, SANCTIONS, family=Family.DIPLOMACY, priority=58,
         pos=_N, needs=W.SANCTION_CUES),
    Rule("sign agreement", ("sign",), DIPLOMACY, AGREEMENT, family=Family.DIPLOMACY, priority=62,
         pos=_V, needs=W.AGREEMENT_NOUNS),
    # -- wire news beyond the seeds: gun attacks and killings
    Rule("gun attack", ("gun", "attack"), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=68,
         weapon="firearm", roles=_EV),
    Rule("open fire", ("open", "fire"), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=66, head=0,
         weapon="firearm", roles=_EV),
    Rule("fire on", ("fire", "on"), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=64, head=0, pos=_V,
         weapon="firearm", roles=_EV),
    Rule("shooting", ("shooting",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=66, pos=_N,
         weapon="firearm", needs=W.HARM_CUES, roles=_EV),
    Rule("shoot", ("shoot",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=60, pos=_V,
         weapon="firearm", blocks=frozenset({"down"}), needs=W.HARM_CUES, roles=_EV),
    Rule("gunman", ("gunman",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=64, pos=_N,
         weapon="firearm", roles=frozenset({Role.AGENT})),
    # the tagger leaves "Gunmen" unlemmatised as a proper noun at a sentence start
    Rule("gunman", ("gunmen",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=64, pos=_N,
         weapon="firearm", roles=frozenset({Role.AGENT})),
    Rule("gunfire", ("gunfire",), BATTLES, ARMED_CLASH, priority=58, pos=_N, weapon="firearm",
         roles=_EV),
    Rule("stabbing", ("stabbing",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=62, pos=_N,
         weapon="knife", roles=_EV),
    Rule("knife attack", ("knife", "attack"), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=66,
         weapon="knife", roles=_EV),
    Rule("stab", ("stab",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=62, pos=_V, weapon="knife",
         roles=_EV),
    Rule("assassinate", ("assassinate",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=70, pos=_V),
    Rule("assassination", ("assassination",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=70,
         pos=_N),
    Rule("ambush", ("ambush",), BATTLES, ARMED_CLASH, priority=62),
    # the verb "attack": an armed clash, or an attack on civilians when they are the target
    Rule("attack verb", ("attack",), BATTLES, ARMED_CLASH, priority=40, pos=_V,
         roles=frozenset({Role.BY_TARGET})),
    Rule("storm", ("storm",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=58, pos=_V,
         needs=W.STORMABLE_SITES),
    # an army storming a place fights for it ("troops stormed the village"): a battle
    *(
        Rule("forces storm", (who, "storm"), BATTLES, ARMED_CLASH, priority=59, head=1, pos=_V)
        for who in W.ARMED_FORCES
    ),
    # -- explosions told without a weapon noun
    Rule("bombing verb", ("bomb",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=58, pos=_V,
         weapon="bomb", roles=_EV),
    Rule("roadside bomb", ("roadside", "bomb"), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=77,
         weapon="roadside bomb"),
    Rule("bomb exploded", ("bomb",), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=50, pos=_N,
         weapon="bomb", needs=W.DETONATE_VERBS, roles=_EV),
    # "a homemade bomb wounded four soldiers": a bomb told by its toll
    Rule("bomb toll", ("bomb",), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=49, pos=_N,
         weapon="bomb", needs=W.TOLL_WORDS, roles=_EV),
    # "saboteurs blew up a railway bridge": an explosive set off on the spot
    Rule("blow up", ("blow", "up"), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=56, head=0, pos=_V),
    Rule("blast", ("blast",), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=30, pos=_N,
         needs=W.TOLL_WORDS),
    Rule("explosion", ("explosion",), EXPLOSIONS, REMOTE_EXPLOSIVE, priority=30, pos=_N,
         needs=W.TOLL_WORDS),
    # "heavy explosions shook the air base": explosions told by what they did to a place
    Rule("explosion:impact", ("explosion",), EXPLOSIONS, SHELLING, priority=29, pos=_N,
         needs=frozenset({"shake", "rock", "damage", "destroy", "flatten"})),
    Rule("strike verb", ("strike",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=45, pos=_V,
         needs=W.AIRCRAFT, weapon="air strike"),
    # "aircraft hit a fuel depot"; not a plane that crashed into a hillside
    Rule("hit verb", ("hit",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=44, pos=_V,
         needs=W.AIRCRAFT, weapon="air strike",
         unless=W.ACCIDENT_CAUSES | {"crash", "failure", "emergency"}),
    # a site struck, by no named weapon ("an energy facility was struck"); not a deal, a
    # chord or lightning
    Rule("site struck", ("strike",), EXPLOSIONS, SHELLING, priority=38, pos=_V,
         tags=frozenset({"VBD", "VBN"}), needs=W.STRUCK_SITES,
         unless=W.ACCIDENT_CAUSES | W.STRIKE_IDIOMS),
    Rule("pound", ("pound",), EXPLOSIONS, SHELLING, priority=44, pos=_V, needs=W.POUND_CUES),
    # -- protests
    Rule("protester", ("protester",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST,
         priority=46, pos=_N, roles=frozenset({Role.AGENT})),
    Rule("demonstrator", ("demonstrator",), PROTESTS, PEACEFUL_PROTEST, family=Family.PROTEST,
         priority=46, pos=_N, roles=frozenset({Role.AGENT})),
    # a protest broken up by police or troops ("police dispersed a rally in X")
    Rule("disperse", ("disperse",), PROTESTS, PROTEST_WITH_INTERVENTION, family=Family.PROTEST,
         priority=52, pos=_V, needs=W.GATHERINGS),
    # -- agreements
    Rule("ceasefire", ("ceasefire",), STRATEGIC_DEVELOPMENTS, AGREEMENT, priority=44,
         needs=W.CEASEFIRE_VERBS),
    # -- headline-style text only (short reports, verbless lines): noun phrases and
    # participles that name an event by themselves there ("Aftermath of strike in X",
    # "Shelled school in Y"); in a long article the same words are too often background.
    # The generic "attack"/"strike" rules give way to these (no antecedent is needed).
    Rule("strike:h", ("strike",), EXPLOSIONS, SHELLING, priority=30, pos=_NV, roles=_H,
         unless=W.STRIKE_IDIOMS),
    Rule("attack:h", ("attack",), EXPLOSIONS, SHELLING, priority=25, pos=_NV,
         roles=frozenset({Role.HEADLINE, Role.UNTYPED})),
    Rule("hit:h", ("hit",), EXPLOSIONS, SHELLING, priority=20, pos=_V, roles=_H),
    Rule("impact:h", ("impact",), EXPLOSIONS, SHELLING, priority=30, pos=_N, roles=_H),
    Rule("explosion:h", ("explosion",), EXPLOSIONS, SHELLING, priority=35, pos=_N, roles=_H),
    Rule("blast:h", ("blast",), EXPLOSIONS, SHELLING, priority=34, pos=_N, roles=_H),
    Rule("explode:h", ("explode",), EXPLOSIONS, SHELLING, priority=34, pos=_V, roles=_H),
    Rule("detonation:h", ("detonation",), EXPLOSIONS, SHELLING, priority=34, pos=_N, roles=_H),
    Rule("detonate:h", ("detonate",), EXPLOSIONS, SHELLING, priority=34, pos=_V, roles=_H),
    Rule("bombardment:h", ("bombardment",), EXPLOSIONS, SHELLING, priority=60, pos=_N, roles=_H),
    Rule("bomb:h", ("bomb",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=60, pos=_NV, weapon="bomb",
         roles=_H),
    Rule("bombed:h", ("bombed",), EXPLOSIONS, AIR_DRONE_STRIKE, priority=60, pos=_ADJ,
         weapon="bomb", roles=_H),
    Rule("shelled:h", ("shelled",), EXPLOSIONS, SHELLING, priority=72, pos=_ADJ, weapon="artillery",
         roles=_H),
    Rule("shell:h", ("shell",), EXPLOSIONS, SHELLING, priority=60, pos=_N, weapon="artillery",
         roles=_H),
    Rule("destroy:h", ("destroy",), EXPLOSIONS, SHELLING, priority=15, pos=_NV, roles=_SCENERY),
    Rule("destroyed:h", ("destroyed",), EXPLOSIONS, SHELLING, priority=15, pos=_ADJ,
         roles=_SCENERY),
    Rule("destruction:h", ("destruction",), EXPLOSIONS, SHELLING, priority=15, pos=_N,
         roles=_SCENERY),
    Rule("ruin:h", ("ruin",), EXPLOSIONS, SHELLING, priority=15, pos=_N, roles=_SCENERY),
    Rule("damage:h", ("damage",), EXPLOSIONS, SHELLING, priority=14, pos=_NV, roles=_SCENERY),
    Rule("damaged:h", ("damaged",), EXPLOSIONS, SHELLING, priority=14, pos=_ADJ, roles=_SCENERY),
    Rule("fire:h", ("fire",), EXPLOSIONS, SHELLING, priority=12, pos=_N, roles=_SCENERY),
    Rule("smoke:h", ("smoke",), EXPLOSIONS, SHELLING, priority=11, pos=_N, blocks=W.SMOKE_GEAR,
         needs=W.SMOKE_RISING, roles=_SCENERY),
    # in a report "fighting in X" needs no armed men named (in an article it does)
    Rule("fight:h", ("fight",), BATTLES, ARMED_CLASH, priority=55, pos=_V, tags=frozenset({"VBG"}),
         roles=_H),
    Rule("open fire:h", ("open", "fire"), BATTLES, ARMED_CLASH, priority=58, head=0, roles=_FIRING),
    Rule("firing:h", ("fire",), BATTLES, ARMED_CLASH, priority=40, pos=_V, roles=_FIRING),
    Rule("gunfire:h", ("gunfire",), BATTLES, ARMED_CLASH, priority=58, pos=_N, roles=_H),
    Rule("shootout:h", ("shootout",), BATTLES, ARMED_CLASH, priority=58, pos=_N, roles=_H),
    Rule("storm:h", ("storm",), BATTLES, ARMED_CLASH, priority=50, pos=_V, roles=_H),
    Rule("torture:h", ("torture",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=70, roles=_H),
    Rule("tortured:h", ("tortured",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=70, pos=_ADJ,
         roles=_H),
    # casualty nouns: the event is known by its victims ("Civilian casualties in X");
    # :mod:`geomap.events.headline` drops them when the dead are soldiers
    Rule("casualty:h", ("casualty",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=20, pos=_N,
         roles=_VICTIM),
    Rule("deceased:h", ("deceased",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=20,
         roles=_VICTIM),
    Rule("dead:h", ("dead",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=20,
         pos=frozenset({"ADJ", "NOUN"}), roles=_VICTIM),
    Rule("body:h", ("body",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=18, pos=_N,
         roles=_VICTIM),
    Rule("corpse:h", ("corpse",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=18, pos=_N,
         roles=_VICTIM),
    # the lemmatiser reads "corpses" as "corps" (a corps is a unit)
    Rule("corpse:h", ("corps",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=18, pos=_N,
         surface="corpse", roles=_VICTIM),
    Rule("killed:h", ("kill",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=20, pos=_V,
         roles=_VICTIM),
    # "The death toll rose to 19 on Friday": the victims of the event just told
    Rule("toll", ("toll",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=17, pos=_N,
         roles=frozenset({Role.VICTIM, Role.FIGURE})),
    # "the killing of two prisoners near X": the deed named as a noun
    Rule("killing", ("killing",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=21, pos=_N,
         roles=frozenset({Role.VICTIM, Role.COUNTED})),
    Rule("injured:h", ("injure",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=19, pos=_ADJ,
         roles=_VICTIM),
    Rule("injured:h", ("injured",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=19, pos=_ADJ,
         roles=_VICTIM),
    Rule("wounded:h", ("wound",), VIOLENCE_AGAINST_CIVILIANS, ATTACK, priority=19, pos=_ADJ,
         roles=_VICTIM),
)  # fmt: skip
