"""Stage 4 helper, events: trigger rules for wire news beyond the seeds' wording.

Gun attacks, shootings, assassinations, ambushes, blasts, strikes told as verbs
("jets struck"), protesters and cease-fires: the kinds of event wire reports about
any conflict carry. :mod:`geomap.events.rules` appends :data:`NEWS_RULES` to its
table, so matching and priorities work as for every other rule.
"""

from __future__ import annotations

from geomap.events.rules import Rule

__all__ = ["ATTACK_VERB", "NEWS_RULES"]

#: Name of the verb "attack": an armed clash, or an attack on civilians when they are the
#: target (the coder decides).
ATTACK_VERB = "attack verb"

_EXP = "Explosions/Remote violence"
_AIR = "Air/drone strike"
_IED = "Remote explosive/landmine/IED"
_VAC = "Violence against civilians"
_N = frozenset({"NOUN", "PROPN"})
_V = frozenset({"VERB"})
#: Words that make a "struck"/"hit"/"pounded" an air strike.
_AIRCRAFT = frozenset(
    {"jet", "warplane", "aircraft", "helicopter", "bomber", "airstrike", "plane", "air"}
)
#: Words that make a blast an event (a stated toll), not a figure of speech.
#: What police disperse when the dispersal is a protest's end, not a crowd of onlookers.
_GATHERINGS = frozenset(
    {"rally", "protest", "demonstration", "protester", "demonstrator", "march", "picket",
     "sit-in", "vigil"}
)  # fmt: skip
_TOLL = frozenset({"kill", "injure", "wound", "dead", "die", "casualty", "death"})
#: A shooting is one of violence (not a film's) when the sentence says who was harmed.
_HARM = _TOLL | frozenset(
    {"wound", "police", "officer", "gunman", "gunmen", "victim", "suspect", "attack", "fire",
     "fatally", "policeman", "gun", "rifle", "pistol", "bullet", "sniper"}
)  # fmt: skip

#: Who storms as an army (a gunman storming a hotel attacks civilians).
_ARMED_FORCES = ("soldier", "troop", "force", "army", "marine", "paratrooper", "infantry")

NEWS_RULES: tuple[Rule, ...] = (
    # -- gun attacks and killings
    Rule("gun attack", ("gun", "attack"), _VAC, "Attack", priority=68, weapon="firearm"),
    Rule("open fire", ("open", "fire"), _VAC, "Attack", priority=66, head=0, weapon="firearm"),
    Rule("fire on", ("fire", "on"), _VAC, "Attack", priority=64, head=0, pos=_V,
         weapon="firearm"),
    Rule("shooting", ("shooting",), _VAC, "Attack", priority=66, pos=_N, weapon="firearm",
         needs=_HARM),
    Rule("shoot", ("shoot",), _VAC, "Attack", priority=60, pos=_V, weapon="firearm",
         blocks=frozenset({"down"}), needs=_HARM),
    Rule("gunman", ("gunman",), _VAC, "Attack", priority=64, pos=_N, weapon="firearm"),
    # the tagger leaves "Gunmen" unlemmatised as a proper noun at a sentence start
    Rule("gunman", ("gunmen",), _VAC, "Attack", priority=64, pos=_N, weapon="firearm"),
    Rule("gunfire", ("gunfire",), "Battles", "Armed clash", priority=58, pos=_N,
         weapon="firearm"),
    Rule("stabbing", ("stabbing",), _VAC, "Attack", priority=62, pos=_N, weapon="knife"),
    Rule("knife attack", ("knife", "attack"), _VAC, "Attack", priority=66, weapon="knife"),
    Rule("stab", ("stab",), _VAC, "Attack", priority=62, pos=_V, weapon="knife"),
    Rule("assassinate", ("assassinate",), _VAC, "Attack", priority=70, pos=_V),
    Rule("assassination", ("assassination",), _VAC, "Attack", priority=70, pos=_N),
    Rule("ambush", ("ambush",), "Battles", "Armed clash", priority=62),
    Rule(ATTACK_VERB, ("attack",), "Battles", "Armed clash", priority=40, pos=_V),
    Rule("storm", ("storm",), _VAC, "Attack", priority=58, pos=_V,
         needs=frozenset({"hotel", "building", "prison", "school", "mosque", "church",
                          "market", "restaurant", "compound", "village", "hospital"})),
    # an army storming a place fights for it ("troops stormed the village"): a battle
    *(
        Rule("forces storm", (who, "storm"), "Battles", "Armed clash", priority=59, head=1,
             pos=_V)
        for who in _ARMED_FORCES
    ),
    # -- explosions told without a weapon noun
    Rule("bombing verb", ("bomb",), _EXP, _AIR, priority=58, pos=_V, weapon="bomb"),
    Rule("roadside bomb", ("roadside", "bomb"), _EXP, _IED, priority=77, weapon="roadside bomb"),
    Rule("bomb exploded", ("bomb",), _EXP, _IED, priority=50, pos=_N, weapon="bomb",
         needs=frozenset({"explode", "detonate", "blow", "plant"})),
    # "saboteurs blew up a railway bridge": an explosive set off on the spot
    Rule("blow up", ("blow", "up"), _EXP, _IED, priority=56, head=0, pos=_V),
    Rule("blast", ("blast",), _EXP, _IED, priority=30, pos=_N, needs=_TOLL),
    Rule("explosion", ("explosion",), _EXP, _IED, priority=30, pos=_N, needs=_TOLL),
    Rule("strike verb", ("strike",), _EXP, _AIR, priority=45, pos=_V, needs=_AIRCRAFT,
         weapon="air strike"),
    Rule("pound", ("pound",), _EXP, "Shelling/artillery/missile attack", priority=44, pos=_V,
         needs=frozenset({"artillery", "shell", "rocket", "mortar", "force", "troop"})),
    # -- protests
    Rule("protester", ("protester",), "Protests", "Peaceful protest", family="protest",
         priority=46, pos=_N),
    Rule("demonstrator", ("demonstrator",), "Protests", "Peaceful protest", family="protest",
         priority=46, pos=_N),
    # a protest broken up by police or troops ("police dispersed a rally in X")
    Rule("disperse", ("disperse",), "Protests", "Protest with intervention", family="protest",
         priority=52, pos=_V, needs=_GATHERINGS),
    # -- agreements
    Rule("ceasefire", ("ceasefire",), "Strategic developments", "Agreement", priority=44,
         needs=frozenset({"agree", "sign", "announce", "reach", "broker", "declare"})),
)  # fmt: skip
