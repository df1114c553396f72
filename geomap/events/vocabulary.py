"""Stage 4 helper (events): every word list the events stage reads, in one place.

The rule table (:mod:`geomap.events.rules`) and the code that reads a sentence ask
about words only through the names here; a word list is edited once. Lists are
lemmas in lower case unless a comment says otherwise. Related lists are built from
shared parts (:data:`SETTLEMENTS`, :data:`TROOPS`, :data:`KILL_WORDS` ...), so that
"city" or "soldier" is written once per meaning.

This is also the events stage's one seam with :mod:`geomap.places`: the
nationality adjectives and the seats of government it shares with place
recognition are imported here, nowhere else in the stage.
"""

from __future__ import annotations

from geomap.places.demonyms import country_of_demonym
from geomap.places.lexicon import ADMIN1_NOUNS, GOVERNMENT_SEATS, ROUTE_NOUNS

__all__ = [
    "ACCIDENT_CAUSES",
    "AFTERMATH_NOUNS",
    "AGGREGATE_PREPS",
    "AGREEMENT_NOUNS",
    "AIRCRAFT",
    "ARMED_FORCES",
    "ARMED_MEN",
    "ARMED_TARGETS",
    "ARREST_WORDS",
    "ATTACK_VERBS",
    "ATTEMPT_VERBS",
    "BACKGROUND_ADVERBS",
    "BAD_PREPS",
    "BEATERS",
    "CAMERA_NOUNS",
    "CARE_PLACES",
    "CAUSAL_PREPS",
    "CAUSE_PREPS",
    "CEASEFIRE_VERBS",
    "CHARGE_VERBS",
    "CIVILIAN_NOUNS",
    "CIVILIAN_SITES",
    "CLAIM_VERBS",
    "COMPASS_ADJECTIVES",
    "COMPOUND_HEADS",
    "COUNT_LEADS",
    "COUNT_NOUNS",
    "CROSSING_NOUNS",
    "CROWD_CONTROL",
    "CROWD_FIGHTERS",
    "DEATH_NOUNS",
    "DEFENCE_NOUNS",
    "DEFINITE",
    "DEMAND_WORDS",
    "DEMOLISHERS",
    "DEMONSTRATORS",
    "DEPARTURE_VERBS",
    "DESCRIBED_PLACE_NOUNS",
    "DETONATE_VERBS",
    "DIE_VERBS",
    "DIPLOMACY_PREPS",
    "DIPLOMATS",
    "EQUIPMENT_HEADS",
    "EVENT_NOUNS",
    "EVIDENCE_NOUNS",
    "FATALLY",
    "FIGURE_NOUNS",
    "FLYING_WEAPONS",
    "FUTURE_MODALS",
    "GATHERINGS",
    "GATHER_VERBS",
    "GENERIC_ADJECTIVES",
    "GOVERNMENT_SEATS",
    "GROUP_WORDS",
    "HABITUAL_ADVERBS",
    "HARM_CUES",
    "HARM_VERBS",
    "HYPOTHETICAL_NOUNS",
    "HYPOTHETICAL_PARTICLES",
    "HYPOTHETICAL_VERBS",
    "INJURE_WORDS",
    "INJURY_NOUNS",
    "INTENT_VERBS",
    "INTERCEPT_VERBS",
    "INTERVENTION",
    "KILL_WORDS",
    "LABEL_DIVISION_WORDS",
    "LEGAL_VERBS",
    "LIVE_FIRE",
    "LOCATIVE_PREPS",
    "LOCATOR_PREPS",
    "MANY_WORDS",
    "MARCH_CUES",
    "MEASURE_NOUNS",
    "MILITARY_VICTIMS",
    "MOB_PEOPLE",
    "MODALS",
    "MOTION_VERBS",
    "MOTIVE_NOUNS",
    "NATURAL_CAUSES",
    "NEAR_NOUNS",
    "NEAR_PREPS",
    "NONE_WORDS",
    "NON_LETHAL",
    "NON_STRIKES",
    "NOT_KILLINGS",
    "NUMBER_WORDS",
    "OCCUPIERS",
    "ORGANISATION_NOUNS",
    "ORIGIN_PREPS",
    "PARTY_PREPS",
    "PEOPLE_GROUPS",
    "PEOPLE_NOUNS",
    "PERCEPTION_VERBS",
    "PERSON_NOUNS",
    "PLAN_WORDS",
    "POLICE",
    "POSTINGS",
    "POUND_CUES",
    "POWERS",
    "PRESENCE_NOUNS",
    "PRESENCE_PEOPLE",
    "PROJECTILES",
    "PROTEST_ACTS",
    "RALLY_CUES",
    "REACTION_VERBS",
    "RIOT_GEAR",
    "RIOT_VERBS",
    "ROADS",
    "ROUTE_NOUNS",
    "SANCTION_CUES",
    "SCENERY_CUES",
    "SEIZABLE_PLACES",
    "SERIES_NOUNS",
    "SETTLEMENTS",
    "SETTLEMENT_NOUNS",
    "SHELL_COMPANIES",
    "SMOKE_GEAR",
    "SMOKE_RISING",
    "SPEAKER_PRONOUNS",
    "SPEECH_NOUNS",
    "SPEECH_VERBS",
    "STORMABLE_SITES",
    "STORM_AGENTS",
    "STRIKE_IDIOMS",
    "STRUCK_SITES",
    "TAKE_IDIOMS",
    "TAKING_VERBS",
    "TARGET_NOUNS",
    "TARGET_PREPS",
    "TIME_NOUNS",
    "TIME_PREPS",
    "TOLL_MOVERS",
    "TOLL_NOUNS",
    "TOLL_PREPS",
    "TOLL_VERBS",
    "TOLL_WORDS",
    "TO_COME",
    "TROOPS",
    "UNIT_NOUNS",
    "VAGUE_MANY",
    "WHERE_PREPS",
    "country_of_demonym",
]

# --------------------------------------------------------------------------- places

#: Kinds of settlement ("the village of X", "took the town").
SETTLEMENTS = frozenset({"village", "town", "city", "settlement", "hamlet"})
#: Nouns of "the village of X": a settlement word the parser puts between X and its verb.
SETTLEMENT_NOUNS = SETTLEMENTS | frozenset({"district", "region", "province"})
#: Words of a place left empty: taking it over is no fight ("an abandoned base").
LEFT_EMPTY = frozenset({"abandon", "abandoned", "deserted", "empty", "evacuate", "evacuated"})
#: What troops seize when the seizure is territorial ("seized the airport").
SEIZABLE_PLACES = SETTLEMENTS | frozenset(
    {"territory", "land", "area", "position", "region", "district", "airport", "base",
     "bridgehead", "foothold", "stronghold"}
)  # fmt: skip
#: Nouns a place name can describe before "of" names the place itself ("the Gaza city of X").
DESCRIBED_PLACE_NOUNS = frozenset(
    {"city", "town", "village", "district", "province", "port", "region", "capital", "area",
     "suburb", "neighbourhood", "neighborhood", "quarter"}
)  # fmt: skip
#: Nouns a demonym can make a country-level target ("nine *Ukrainian* regions").
TARGET_NOUNS = frozenset(
    {"region", "city", "town", "village", "territory", "area", "oblast", "province",
     "infrastructure", "position", "target", "facility", "border"}
)  # fmt: skip
#: Words a report's place label may hold beside its names ("X, Y Oblast:", "X, Y obl.").
LABEL_DIVISION_WORDS = ADMIN1_NOUNS | frozenset({"district", "raion", "rayon", "county", "state"})
#: Words of an arrest ("raids in which 18 were arrested": arrests, not fighting).
ARREST_WORDS = frozenset({"arrest", "detain", "detention", "round", "apprehend"})
#: Nouns that put an event near a place, not in it (geo_precision 2).
NEAR_NOUNS = frozenset({"outskirts", "outskirt", "vicinity", "edge", "environs", "suburb"})
#: Targets that make an attack of unknown kind one on civilians.
CIVILIAN_SITES = frozenset(
    {"mosque", "church", "synagogue", "temple", "shrine", "market", "school", "hospital",
     "worshipper", "wedding", "bus", "restaurant", "cafe", "hotel", "concert", "festival"}
)  # fmt: skip
#: What gunmen storm when they attack civilians ("stormed a hotel").
STORMABLE_SITES = frozenset(
    {"hotel", "building", "prison", "school", "mosque", "church", "market", "restaurant",
     "compound", "village", "hospital"}
)  # fmt: skip

# --------------------------------------------------------------------------- prepositions

#: Prepositions that never attach an event's place ("talks *about* Ukraine"; "the
#: assassination came *after* protests over X": another event's place).
BAD_PREPS = frozenset(
    {"for", "about", "with", "between", "against", "toward", "towards", "than", "after",
     "following", "amid", "despite"}
)  # fmt: skip
#: Prepositions that put a thing at a place.
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "around", "inside", "on"})
#: Prepositions that say where, not whence: under "from" they are a misattached phrase.
WHERE_PREPS = frozenset({"in", "at", "on"})
#: Prepositions of the other party of a trigger ("clashed with X", "fought against X").
PARTY_PREPS = frozenset({"with", "against"})
#: Prepositions that introduce an origin or launch site.
ORIGIN_PREPS = frozenset({"from"})
#: Prepositions that locate a place by another ("X near Y"; not "the suburb *of* Y").
LOCATOR_PREPS = frozenset(
    {"near", "outside", "around", "in", "at", "by", "beside", "behind", "off", "within",
     "inside", "close"}
)  # fmt: skip
#: Prepositions that locate a diplomatic event ("talks *in* Istanbul").
DIPLOMACY_PREPS = frozenset({"in", "at"})
#: Prepositions that put an event *near* a place (geo_precision 2).
NEAR_PREPS = frozenset({"near", "outside", "around", "outskirts", "towards", "toward"})
#: Prepositions that make an event an aggregate over a whole area ("across Ukraine").
AGGREGATE_PREPS = frozenset({"across", "throughout"})
#: Prepositions of what a trigger aims at ("fired *on* worshippers", "*against* Houthis").
TARGET_PREPS = frozenset({"on", "against"})
#: Prepositions of a toll's cause ("killed *in* a strike", "wounded *by* shelling").
CAUSE_PREPS = frozenset({"in", "by"})
#: Prepositions a toll's number follows ("rose *to* 9", "stands *at* 14").
TOLL_PREPS = frozenset({"to", "at"})
#: Prepositions that tie an event to a sighting as its cause ("troops *after* the strike").
CAUSAL_PREPS = frozenset({"after", "following", "under", "by", "amid", "during"})

# --------------------------------------------------------------------------- people

#: Armed forces of a state.
TROOPS = frozenset({"troop", "force", "soldier", "unit", "army", "military", "tank", "brigade"})
#: Armed men of any side (what makes "fought" a battle, not a court case).
ARMED_MEN = TROOPS | frozenset(
    {"rebel", "militant", "fighter", "militia", "insurgent", "guerrilla", "jihadist",
     "separatist", "gunman", "gunmen", "defender", "marine", "paratrooper", "infantry",
     "enemy", "occupier", "invader", "combatant"}
)  # fmt: skip
#: Organisations a place can name ("the Sinaloa cartel", "a Gaza charity").
ORGANISATION_NOUNS = frozenset(
    {"cartel", "gang", "party", "movement", "ministry", "council", "authority", "agency",
     "front", "alliance", "committee", "company", "firm", "club", "team", "federation",
     "charity", "union", "organisation", "organization", "network", "clan", "syndicate"}
)  # fmt: skip
#: A state's offices that speak from its capital: a place they are "in" is their seat,
#: not where what they tell happened ("the Ministry of Defence in London said ...").
SEAT_NOUNS = frozenset(
    {"ministry", "government", "embassy", "office", "command", "headquarters", "parliament",
     "department", "cabinet", "presidency", "administration"}
)  # fmt: skip
#: Units of armed men ("the Azov regiment", "a Kharkiv brigade").
UNIT_NOUNS = frozenset(
    {"battalion", "regiment", "brigade", "division", "unit", "company", "platoon", "squad",
     "detachment", "corps", "legion", "militia", "group"}
)  # fmt: skip
#: Who storms as an army (a gunman storming a hotel attacks civilians); in table order.
ARMED_FORCES = ("soldier", "troop", "force", "army", "marine", "paratrooper", "infantry")
#: Soldiers and their posts: shooting at them is fighting ("opened fire on a checkpoint").
ARMED_TARGETS = frozenset(
    {"soldier", "troop", "serviceman", "checkpoint", "patrol", "convoy", "outpost", "base",
     "barrack", "garrison", "position", "post", "trench", "bunker", "stronghold",
     "fortification", "headquarters", "battalion", "frontline", "militant", "insurgent",
     "rebel", "fighter", "jihadist", "guerrilla", "gunman", "gunmen", "combatant"}
)  # fmt: skip
#: Victims that are soldiers: dead soldiers are no civilian casualties.
MILITARY_VICTIMS = frozenset(
    {"soldier", "serviceman", "servicemen", "troop", "fighter", "military", "marine",
     "paratrooper", "mercenary", "officer", "crew", "personnel", "combatant"}
)  # fmt: skip
#: Victim nouns that make an event one that targets civilians.
CIVILIAN_NOUNS = frozenset(
    {"civilian", "passenger", "child", "resident", "woman", "family", "pensioner",
     "bystander", "villager", "student", "patient", "worshipper", "refugee", "journalist",
     "farmer", "trader", "shepherd", "migrant", "fisherman", "herder", "herdsman",
     "pastoralist", "labourer", "laborer", "teacher", "nurse", "doctor", "vendor", "merchant",
     "shopkeeper", "pilgrim", "mourner", "commuter", "motorist", "traveller", "traveler",
     "tourist", "priest", "nun", "imam", "teenager", "boy", "girl", "schoolchild", "infant",
     "baby"}
)  # fmt: skip
#: Victims told only as people: unarmed, for typing an attack by its target ("fighters
#: killed 35 people in a village"), though not told as civilians targeted.
PEOPLE_NOUNS = frozenset({"people", "person", "man", "men", "worker"})
#: Nouns of people a country can qualify ("a New Zealand national", "US tourists").
PERSON_NOUNS = frozenset(
    {"national", "citizen", "resident", "native", "tourist", "journalist", "reporter",
     "diplomat", "ambassador", "envoy", "official", "soldier", "man", "woman", "boy", "girl",
     "child", "student", "worker", "volunteer", "officer", "policeman", "mercenary", "fighter",
     "sailor", "pilot", "veteran", "hostage", "prisoner", "passenger", "doctor", "nurse"}
)  # fmt: skip
#: Posts a country is the destination of ("the ambassador to X").
POSTINGS = frozenset({"ambassador", "envoy", "consul", "representative", "delegate", "mission"})
#: Generic words for an armed group's members: with an inventory name elsewhere in the
#: sentence they stand for it ("the group said its fighters attacked").
GROUP_WORDS = frozenset(
    {"group", "militant", "fighter", "gunman", "attacker", "insurgent", "rebel", "militia",
     "jihadist", "assailant", "perpetrator", "movement"}
)  # fmt: skip
#: Subjects that stand for whoever says the sentence ("Russia said it struck ...").
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
#: Head nouns of a sighting headline ("Russian convoy in X", "Movement of troops in Y").
PRESENCE_NOUNS = frozenset(
    {"troop", "force", "soldier", "vehicle", "tank", "convoy", "column", "equipment",
     "movement", "presence", "buildup", "military", "unit", "army", "fighter", "helicopter",
     "aircraft", "jet", "plane", "truck", "train", "hardware", "patrol", "spetsnaz",
     "personnel"}
)  # fmt: skip
#: Presence nouns naming people: "fighters *in* a gunfire battle" is a battle, not scenery.
PRESENCE_PEOPLE = frozenset({"troop", "force", "soldier", "fighter", "army", "military", "unit"})

# --------------------------------------------------------------------------- harm

#: Words of death (lemmas, and the forms a tagger leaves unlemmatised).
KILL_WORDS = frozenset({"kill", "killed", "die", "dead", "death", "perish", "slay"})
#: Words of injury.
INJURE_WORDS = frozenset({"injure", "injured", "wound", "wounded", "hurt", "injury"})
#: Nouns of the dead (and of the harmed) a text may say there were none of ("no casualties").
DEATH_NOUNS = frozenset({"casualty", "death", "fatality", "victim", "dead"})
INJURY_NOUNS = frozenset({"casualty", "injury"})
#: Words that say there were none ("*no* casualties", "*nobody* was hurt", "*without* victims").
NONE_WORDS = frozenset({"no", "nobody", "none", "noone", "without"})
#: Verbs whose subject is the victim ("two people *died*").
DIE_VERBS = frozenset({"die", "perish"})
#: Adverbs that make the victim of a verb a dead one ("*fatally* shot").
FATALLY = frozenset({"fatally"})
#: Verbs a new attack's toll is told with ("a strike killed 22", "wounded in an attack").
HARM_VERBS = frozenset({"kill", "wound", "injure"})
#: Words that make a blast an event (a stated toll), not a figure of speech.
TOLL_WORDS = frozenset({"kill", "injure", "wound", "dead", "die", "casualty", "death"})
#: A shooting is one of violence (not a film's) when the sentence says who was harmed.
HARM_CUES = TOLL_WORDS | frozenset(
    {"wound", "police", "officer", "gunman", "gunmen", "victim", "suspect", "attack", "fire",
     "fatally", "policeman", "gun", "rifle", "pistol", "bullet", "sniper"}
)  # fmt: skip
#: Verbs a toll moves or stands with ("the death toll rose to 9", "has reached 12").
TOLL_VERBS = frozenset({"rise", "climb", "reach", "increase", "jump", "stand", "hit", "grow"})
#: Verbs that move a toll to a count ("bringing the death toll to 19", "put the toll at 9").
TOLL_MOVERS = frozenset({"bring", "take", "push", "raise", "put", "lift", "drive"})
#: Nouns of a figure that rises or is brought to a count ("the toll", "the number of dead").
FIGURE_NOUNS = frozenset({"toll", "number", "count", "tally"})
#: Nouns that count victims by themselves ("civilian casualties", "bodies").
TOLL_NOUNS = frozenset({"casualty", "deceased", "body", "corpse"})
#: Words between a number and a headline's participle ("7 *have been* killed").
COUNT_LEADS = frozenset({"be", "have", "at", "least", "more", "than", "about"})
#: Number words.
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
#: Words that state a (vague) quantity of weapons.
VAGUE_MANY = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
     "barrage", "salvo", "volley", "wave", "swarm"}
)  # fmt: skip
#: Determiners of several events ("both talks", "several attacks").
MANY_WORDS = frozenset({"both", "all", "several", "many", "multiple", "numerous"})
#: Nouns of a series of events ("two rounds of talks", "a wave of strikes").
SERIES_NOUNS = frozenset({"round", "series", "wave"})

# --------------------------------------------------------------------------- weapons

#: Nouns after "missile"/"rocket" that make it a defence, not an attack ("missile defence").
DEFENCE_NOUNS = frozenset(
    {"defense", "defence", "system", "shield", "interceptor", "launcher", "sale"}
)
#: Nouns after "drone" that make it a camera ("drone footage"), not a weapon.
CAMERA_NOUNS = frozenset(
    {"footage", "video", "image", "imagery", "photo", "view", "shot", "camera"}
)
#: Words that make a "struck"/"hit"/"pounded" an air strike.
AIRCRAFT = frozenset(
    {"jet", "warplane", "aircraft", "helicopter", "bomber", "airstrike", "plane", "air"}
)
#: What pounds when a pounding is shelling ("artillery pounded X").
POUND_CUES = frozenset({"artillery", "shell", "rocket", "mortar", "force", "troop"})
#: What a bomb does when it went off ("a bomb exploded").
DETONATE_VERBS = frozenset({"explode", "detonate", "blow", "plant"})
#: Nouns a weapon word modifies when it names equipment or a warning, not an attack
#: ("air raid alert", "drone threat").
EQUIPMENT_HEADS = frozenset(
    {"unit", "launcher", "system", "battery", "crew", "complex", "vehicle", "truck", "train",
     "helicopter", "aircraft", "jet", "plane", "boat", "ship", "submarine", "brigade",
     "battalion", "regiment", "operator", "footage", "video", "image", "imagery", "photo",
     "camera", "component", "part", "depot", "factory", "plant", "production", "delivery",
     "shipment", "supply", "sale", "alert", "siren", "warning", "alarm", "threat", "disposal",
     "squad", "technician", "expert", "base", "workshop"}
)  # fmt: skip
#: What a "firing" qualifies when a parser reads it as a verb: "digging trenches and
#: firing positions" builds positions, fires nothing (one fires *at* positions).
FIRING_PLACES = frozenset({"position", "point", "range", "line", "nest"})
#: Roads a text names by where they lead ("the highway to X").
ROADS_TO = frozenset({"road", "highway", "motorway", "route", "expressway", "railway"})
#: Verbs of moving, carrying or showing: a weapon under them is equipment being seen.
MOTION_VERBS = frozenset(
    {"move", "transport", "carry", "head", "drive", "spot", "see", "park", "load", "unload",
     "deploy", "arrive", "ship", "deliver", "travel", "pass", "display", "parade", "observe",
     "tow", "haul", "leave", "bring", "send", "receive", "store"}
)  # fmt: skip
#: Modifiers that make a munition non-lethal ("tear gas", "smoke grenade").
NON_LETHAL = frozenset({"gas", "tear", "smoke", "stun", "flash", "flashbang", "training"})
#: Words of crowd control: "tear gas fired at a crowd", "rubber bullets" is no firefight.
CROWD_CONTROL = NON_LETHAL | frozenset({"rubber"})
#: Words after "shell" that make it a company, not a munition ("shell company").
SHELL_COMPANIES = frozenset({"company", "corporation", "firm", "game", "script", "account"})
#: Words that make damage the scene of a sighting ("destruction *in the background*").
SCENERY_CUES = frozenset({"background"})
#: Event nouns a weapon word can modify ("missile strike", "artillery fire").
EVENT_NOUNS = frozenset(
    {"strike", "attack", "fire", "shelling", "barrage", "impact", "hit", "explosion", "salvo",
     "launch", "bombardment", "bombing", "raid", "blast", "debris", "remnant", "fragment",
     "crater", "damage", "shell"}
)  # fmt: skip
#: Verbs (and participles) that make a weapon word an attack ("missile hit", "shelled by").
ATTACK_VERBS = frozenset(
    {"hit", "strike", "fire", "launch", "land", "target", "destroy", "damage", "attack",
     "shell", "pound", "kill", "injure", "wound", "explode", "use", "drop", "bomb", "shoot",
     "fall", "slam", "rain", "struck", "bombed", "shelled", "damaged", "destroyed", "employ",
     "flatten", "level", "raze", "obliterate", "devastate", "wreck"}
)  # fmt: skip
#: Second words of two-word triggers that must follow the first at once ("air strike",
#: not "air ... strike").
COMPOUND_HEADS = frozenset({"strike", "raid", "attack", "bomb", "bomber", "bombing"})
#: Nouns after "smoke" that make it gear, not a fire ("smoke grenade", "smoke screen").
SMOKE_GEAR = frozenset({"grenade", "bomb", "screen", "signal", "detector", "shell", "break"})
#: Words that make smoke a fire's ("smoke rising over X", "a plume of smoke"), not a screen
#: laid by a vehicle ("a tank using smoke").
SMOKE_RISING = frozenset(
    {"rise", "rising", "billow", "billowing", "plume", "column", "cloud", "over", "above",
     "black", "thick", "heavy", "pour", "pouring"}
)  # fmt: skip

# --------------------------------------------------------------------------- protest, talks

#: What police disperse when the dispersal is a protest's end, not a crowd of onlookers.
GATHERINGS = frozenset(
    {"rally", "protest", "demonstration", "protester", "demonstrator", "march", "picket",
     "sit-in", "vigil"}
)  # fmt: skip
# --------------------------------------------------------------------------- crowds
# (who acts on whom decides Protests or Riots: geomap.events.crowds)

#: People demonstrating, whatever they do.
DEMONSTRATORS = frozenset(
    {"protester", "protestor", "demonstrator", "marcher", "rioter", "picketer", "crowd"}
)
#: People who form a mob when they attack ("a mob", "vigilantes", "rival supporters").
MOB_PEOPLE = frozenset(
    {"mob", "vigilante", "supporter", "fan", "youth", "villager", "resident", "settler",
     "hooligan", "crowd", "rioter", "looter"}
)  # fmt: skip
#: Groups of people who demonstrate when a protest act is told ("workers blocked ...").
PEOPLE_GROUPS = frozenset(
    {"worker", "student", "teacher", "farmer", "trucker", "driver", "lecturer", "employee",
     "activist", "resident", "youth", "woman", "relative", "family", "supporter", "villager",
     "citizen", "people", "trader", "nurse", "doctor", "miner", "evacuee", "wife", "mother",
     "thousand", "hundred", "dozen", "crowd", "member", "voter", "opponent", "pensioner",
     "veteran", "taxi", "motorcyclist", "vendor", "merchant", "shopkeeper", "fisherman"}
)  # fmt: skip
#: Who occupies a building in protest ("students occupied the rector's office").
OCCUPIERS = frozenset(
    {"student", "worker", "activist", "protester", "protestor", "demonstrator", "farmer",
     "teacher", "employee", "miner", "resident", "villager"}
)  # fmt: skip
#: Acts of demonstrating ("blocked the road", "demanding unpaid wages").
PROTEST_ACTS = frozenset(
    {"protest", "march", "rally", "demonstration", "block", "blockade", "sit", "strike",
     "demand", "chant", "picket", "vigil", "demonstrate", "occupy", "gather"}
)  # fmt: skip
#: Who polices a crowd.
POLICE = frozenset(
    {"police", "policeman", "policemen", "officer", "gendarme", "gendarmerie", "security",
     "force", "soldier", "troop", "army", "guard", "riot"}
)  # fmt: skip
#: Force used on a crowd that stops short of killing ("tear gas", "dispersed", "arrested").
INTERVENTION = frozenset(
    {"tear", "teargas", "cannon", "rubber", "pepper", "baton", "disperse", "arrest", "detain",
     "truncheon", "stun", "beat", "charge"}
)  # fmt: skip
#: Live fire on a crowd: excessive force even when no one is said to have died.
LIVE_FIRE = frozenset({"live", "ammunition", "bullet", "round"})
#: What a violent crowd does ("threw stones", "set fire", "looted shops").
RIOT_VERBS = frozenset(
    {"throw", "hurl", "pelt", "burn", "torch", "set", "loot", "storm", "vandalise",
     "vandalize", "smash", "attack", "beat", "clash", "fight", "lynch", "ransack", "stone",
     "kill", "stab", "assault", "destroy", "break", "breach", "raid"}
)  # fmt: skip
#: What a crowd throws.
PROJECTILES = frozenset(
    {"stone", "rock", "bottle", "brick", "molotov", "firework", "petrol", "cocktail",
     "projectile", "chair", "flare", "firecracker"}
)  # fmt: skip
#: Causes that make a fire, a blast or damage an accident or a disaster, no attack
#: ("Tornado damages homes in X", "fire in X; officials blame an electrical fault").
ACCIDENT_CAUSES = frozenset(
    {"tornado", "windstorm", "gale", "hurricane", "cyclone", "typhoon", "earthquake", "quake",
     "flood", "flooding", "landslide", "lightning", "wildfire", "fault", "malfunction", "leak",
     "negligence", "accident", "short-circuit"}
)  # fmt: skip
#: Sites whose being struck tells a strike, weapon named or not ("a substation was
#: struck").
STRUCK_SITES = frozenset(
    {"facility", "infrastructure", "plant", "substation", "depot", "refinery", "building",
     "house", "home", "port", "airfield", "airbase", "base", "bridge", "warehouse", "position",
     "school", "hospital", "station", "terminal", "apartment", "factory", "dam", "ship"}
)  # fmt: skip
#: What "struck" may take that is no target ("struck a deal", "struck a chord").
STRIKE_IDIOMS = frozenset(
    {"deal", "agreement", "chord", "balance", "tone", "note", "pose", "match", "bargain",
     "compromise", "accord", "lightning", "iceberg"}
)  # fmt: skip
#: Titles of those whose meetings are diplomacy ("the foreign ministers met").
DIPLOMATS = frozenset(
    {"minister", "president", "premier", "chancellor", "envoy", "ambassador", "diplomat",
     "delegation", "delegate", "counterpart", "leader", "king", "emir", "prince", "secretary",
     "negotiator", "mediator", "official", "representative", "governor", "mayor", "head",
     "commander", "chief"}
)  # fmt: skip
#: Who demolishes as an act of conflict (not a builder): armed men, police, authorities.
DEMOLISHERS = ARMED_MEN | frozenset(
    {"police", "authority", "army", "settler", "militia", "bulldozer", "occupation"}
)  # fmt: skip
#: Ways a crowd blocks ("blocked the highway").
ROADS = frozenset(
    {"road", "highway", "street", "motorway", "superhighway", "bridge", "junction", "railway",
     "route", "avenue", "expressway", "crossing", "intersection", "roundabout", "traffic",
     "port", "entrance"}
)  # fmt: skip
#: What makes a march a protest (not troops marching).
MARCH_CUES = (
    PEOPLE_GROUPS
    | DEMONSTRATORS
    | frozenset(
        {"against", "demand", "chant", "banner", "placard", "slogan", "protest", "thousand"}
    )
)
#: Who fights in a brawl, not a battle ("rival student groups fought with sticks").
CROWD_FIGHTERS = (
    DEMONSTRATORS
    | MOB_PEOPLE
    | frozenset({"student", "rival", "faction", "worker", "villager", "tribesman", "clan"})
)
#: Who beats people in an event ("police beat protesters", "a mob beat two men").
BEATERS = POLICE | MOB_PEOPLE | ARMED_MEN
#: What people storm in a riot or a raid.
STORM_AGENTS = ARMED_MEN | DEMONSTRATORS | MOB_PEOPLE
#: Nouns that count people ("dozens of settlers", "a group of youths").
COUNT_NOUNS = frozenset(
    {"dozen", "hundred", "thousand", "group", "number", "score", "handful", "gang", "band",
     "crowd", "mob"}
)  # fmt: skip
#: Verbs of a crowd coming together, whose purpose ("to protest") is what it did.
GATHER_VERBS = frozenset(
    {"take", "gather", "march", "rally", "assemble", "converge", "come", "turn", "pour",
     "flood", "fill", "walk", "mass", "descend"}
)  # fmt: skip
#: What a leader or a junta assumes in a seizure of power.
POWERS = frozenset({"power", "presidency", "leadership", "throne", "premiership"})
#: Words that make a rally a protest ("supporters rallied against ...").
#: What a crowd gathers for when it demonstrates ("gathered to demand ...").
DEMAND_WORDS = frozenset({"demand", "protest", "denounce", "condemn", "chant", "against"})
RALLY_CUES = (
    frozenset(
        {"protester", "demonstrator", "supporter", "against", "people", "disperse", "peaceful",
         "peacefully", "opposition", "crowd"}
    )
    | PEOPLE_GROUPS
    | DEMAND_WORDS
)  # fmt: skip
#: Nouns after "riot" that make it gear or police, not a riot ("riot police").
RIOT_GEAR = frozenset(
    {"police", "policeman", "officer", "gear", "shield", "squad", "control", "unit", "troop"}
)
#: What makes "sanctions" an event ("announced a package of sanctions").
SANCTION_CUES = frozenset({"package", "impose", "adopt", "approve", "announce", "unveil"})
#: What is signed when a signing is an agreement.
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "treaty", "accord", "memorandum"})
#: What makes a cease-fire an event (agreed, signed, announced ...).
CEASEFIRE_VERBS = frozenset({"agree", "sign", "announce", "reach", "broker", "declare"})
#: Objects of "take" that make it no capture ("take place", "take part", "take note").
TAKE_IDIOMS = frozenset({"place", "part", "care", "note", "office", "effect", "time"})

# --------------------------------------------------------------------------- telling

#: Verbs of a claim ("claimed responsibility for an attack", "carried out").
CLAIM_VERBS = frozenset({"claim", "responsibility", "carry", "launch", "conduct", "stage"})
#: Verbs of reaction: the event they take as object is referred to, not told
#: ("the White House condemned the assassination"); their place is the speaker's.
REACTION_VERBS = frozenset(
    {"condemn", "denounce", "deplore", "mourn", "welcome", "praise", "decry", "criticize",
     "criticise", "blame", "investigate", "probe", "discuss", "debate"}
)  # fmt: skip
#: Causes of death that are no political violence ("floods that killed 30").
NATURAL_CAUSES = frozenset(
    {"flood", "flooding", "landslide", "mudslide", "earthquake", "quake", "storm", "cyclone",
     "hurricane", "typhoon", "rain", "downpour", "heatwave", "heat", "drought", "disease",
     "cholera", "outbreak", "epidemic", "pandemic", "accident", "crash", "collapse",
     "avalanche", "lightning", "tsunami", "eruption", "stampede", "famine", "hunger",
     "starvation", "malnutrition", "wildfire", "blaze", "drowning", "virus", "illness"}
)  # fmt: skip
#: What puts someone "to death" without a killer's violence (a court, hunger, a crowd).
NOT_KILLINGS = NATURAL_CAUSES | frozenset(
    {"sentence", "condemn", "execute", "starve", "freeze", "crush", "trample", "bleed",
     "drown", "penalty", "court", "bore", "scare", "work"}
)  # fmt: skip
#: Long campaigns whose toll sums many events ("a war that has killed 38,000").
NON_STRIKES = frozenset(
    {"war", "conflict", "campaign", "offensive", "insurgency", "crisis", "violence", "unrest",
     "siege", "occupation", "crackdown", "fighting", "operation", "blockade"}
)  # fmt: skip
#: Verbs of saying: a date on one dates the words ("officials said on Tuesday").
SPEECH_VERBS = frozenset(
    {"say", "tell", "report", "announce", "confirm", "add", "state", "write", "post",
     "claim", "allege", "note", "warn", "declare", "insist", "deny", "explain", "accuse",
     "speak", "talk", "comment", "brief", "testify", "tweet"}
)  # fmt: skip
#: Nouns under which a place is the setting of words, not of the event.
SPEECH_NOUNS = frozenset(
    {"statement", "speech", "conference", "ceremony", "commemoration", "memorial", "service",
     "vigil", "interview", "briefing", "funeral", "address", "remark", "parliament", "summit",
     "hearing", "court", "trial"}
)  # fmt: skip
#: Nouns of what was recorded at a place: "footage from X" shows X, it is no launch site.
EVIDENCE_NOUNS = frozenset(
    {"footage", "video", "photo", "image", "picture", "clip", "scene", "shot", "imagery",
     "report", "aftermath"}
)  # fmt: skip
#: Verbs of perception: "can be seen/heard" reports what a video shows, it is no hypothesis.
PERCEPTION_VERBS = frozenset({"see", "hear", "spot", "observe", "notice", "film", "record"})
#: Verbs under which an event is wished for, refused or denied, not reported.
HYPOTHETICAL_VERBS = frozenset(
    {"want", "offer", "propose", "urge", "call", "hope", "seek", "need", "threaten", "demand",
     "ask", "refuse", "reject", "deny", "decline", "fail", "insist", "rule", "consider", "wish",
     "plot", "conspire", "scheme", "intend", "vow", "pledge", "promise", "aim", "fear",
     "dread"}
)  # fmt: skip
#: Lines a strike or a crossing goes across ("fired across the border").
CROSSING_NOUNS = frozenset(
    {"border", "frontier", "river", "line", "front", "frontline", "bridge", "canal", "strait",
     "sea", "channel", "lake", "boundary"}
)  # fmt: skip
#: Verbs that stop a weapon before it hits: their object struck nowhere ("destroyed 18
#: drones over X").
INTERCEPT_VERBS = frozenset(
    {"intercept", "down", "destroy", "neutralise", "neutralize", "repel", "thwart", "foil",
     "jam", "suppress", "stop", "defuse", "disarm"}
)  # fmt: skip
#: Adjectives of a part of a country ("southern Israel", "eastern Ukraine").
COMPASS_ADJECTIVES = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
     "southeastern", "southwestern", "north", "south", "east", "west"}
)  # fmt: skip
#: Nouns of a motive: a place under them is why, not where ("in solidarity with X").
MOTIVE_NOUNS = frozenset(
    {"solidarity", "retaliation", "revenge", "response", "support", "honour", "honor",
     "memory", "reprisal", "vengeance"}
)  # fmt: skip
#: Weapons that fly: what is "repelled" when they are is shot down, no ground fight.
FLYING_WEAPONS = AIRCRAFT | frozenset(
    {"drone", "uav", "missile", "rocket", "shahed", "geran", "bomb", "kab", "munition"}
)  # fmt: skip
#: Verbs of a reported try: what was tried was done, and failed ("tried to storm X").
ATTEMPT_VERBS = frozenset({"try", "attempt"})
#: Verbs of leaving a place: its object is where people came from ("fled X").
DEPARTURE_VERBS = frozenset({"flee", "escape", "evacuate", "abandon", "quit"})
#: Prepositions by which an event noun tells a time ("following the attack").
TIME_PREPS = frozenset({"following", "after", "since", "before", "until", "prior"})
#: Nouns by which an event noun tells a time ("in the wake of the strike").
AFTERMATH_NOUNS = frozenset({"wake", "aftermath", "run-up", "eve", "anniversary"})
#: Verbs of an intent whose infinitive is not told as done ("agreed to cause disruption").
INTENT_VERBS = frozenset({"agree", "decide", "prepare", "resolve", "conspire", "arrange"})
#: Nouns under which an event is wished for, not reported ("calls for a ceasefire").
HYPOTHETICAL_NOUNS = frozenset(
    {"call", "demand", "plea", "appeal", "bid", "effort", "push", "proposal", "plan", "hope",
     "offer", "threat", "prospect", "possibility", "risk", "fear", "warning"}
)  # fmt: skip
#: Nouns measuring violence: an event noun under them is no report ("the level of").
MEASURE_NOUNS = frozenset({"level", "scale", "extent", "degree", "amount", "intensity"})
#: Verbs of a legal process: an event "over"/"for" which someone is tried is its topic.
LEGAL_VERBS = frozenset(
    {"sentence", "convict", "jail", "imprison", "charge", "fine", "prosecute", "try",
     "indict", "acquit", "punish", "sue", "investigate", "arrest", "detain"}
)  # fmt: skip
#: Verbs of a charge: what someone is accused "of" or charged "with" is alleged.
CHARGE_VERBS = LEGAL_VERBS | frozenset({"accuse", "suspect", "blame"})
#: Hypothetical verbs that are so only with their particle ("rule out", not "rule").
HYPOTHETICAL_PARTICLES = {"rule": "out"}
#: Adjectives of a generic statement about a kind of event ("protests are rare").
GENERIC_ADJECTIVES = frozenset(
    {"rare", "common", "frequent", "infrequent", "uncommon", "unusual", "routine",
     "commonplace", "widespread", "typical", "usual", "unheard"}
)  # fmt: skip
#: Modal verbs of possibility or duty ("could strike", "should meet").
MODALS = frozenset({"would", "could", "should", "must", "might", "may", "can", "ought"})
#: Modal verbs of the future ("will meet").
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
#: Auxiliaries of what is to come, in reported speech too ("said it would be summoned").
TO_COME = FUTURE_MODALS | frozenset({"would"})
#: Words of a plan ("is due to", "scheduled", "expected").
PLAN_WORDS = frozenset({"due", "schedule", "plan", "expect", "set"})
#: Places the wounded and the dead are taken to ("evacuated to hospital in X").
CARE_PLACES = frozenset({"hospital", "clinic", "morgue", "hospice", "infirmary"})
#: Verbs of taking the wounded somewhere ("evacuated to hospital").
TAKING_VERBS = frozenset(
    {"take", "evacuate", "rush", "bring", "transfer", "airlift", "send", "admit", "carry",
     "move", "transport", "fly"}
)  # fmt: skip
#: Adverbs that make a trigger background ("originally planned").
BACKGROUND_ADVERBS = frozenset({"originally", "previously", "formerly", "initially", "once"})
#: Adverbs of a habit: what is regularly done is no event of a day.
HABITUAL_ADVERBS = frozenset(
    {"regularly", "routinely", "frequently", "often", "usually", "habitually", "typically",
     "sometimes", "occasionally", "daily", "nightly", "constantly"}
)  # fmt: skip
#: Determiners of an event told before ("*the* attack").
DEFINITE = frozenset({"the", "this", "that"})
#: What "throughout" spans when it tells a time, not an area.
TIME_NOUNS = frozenset(
    {"night", "day", "morning", "afternoon", "evening", "weekend", "week", "month", "year",
     "overnight", "hour"}
)  # fmt: skip
