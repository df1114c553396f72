"""Stage 2 helper (places): the word lists and patterns recognition reads.

Kept apart so the rules of :mod:`geomap.places` read as code and the vocabulary as data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "ADMIN1_NOUNS",
    "ADMIN1_PLURALS",
    "ARABIC_CONTINUATION",
    "ARABIC_LEAD",
    "CARDINALS",
    "COMPASS_WORDS",
    "DISTRICT_WORDS",
    "GOVERNMENT_SEATS",
    "NAME_CONTINUATIONS",
    "NEWS_AGENCIES",
    "PERSON_TITLES",
    "PLACE_LABELS",
    "SACRED_NAMES",
    "SEAT_CITIES",
    "SETTLEMENT_CALLS",
    "SETTLEMENT_NOUNS",
    "WATERS_AFTER_NAME",
    "WEAPON_NAMES",
    "WEAPON_NOUNS",
    "listed_division",
]

# ---- hyphenated compounds (:mod:`geomap.places.compounds`) -------------------------
#: Participles after "X-" that say where someone or something is based, not who acts
#: ("Qatar-based channel", "Gaza-born poet"): the place is part of a description.
BASE_PARTICIPLES = frozenset(
    {"based", "born", "headquartered", "registered", "bound", "flagged", "listed"}
)
#: Prefixes before "-X" that make X a side, not a place ("anti-Israel", "pro-Russia").
SIDE_PREFIXES = frozenset({"anti", "pro"})
#: Nouns after "A-B" that make the pair the two ends of a route ("the A-B road").
ROUTE_NOUNS = frozenset(
    {"road", "highway", "motorway", "expressway", "freeway", "route", "corridor",
     "railway", "railroad", "rail", "line", "pipeline", "superhighway", "bypass", "axis"}
)  # fmt: skip

#: NER labels that name places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Nouns after a name that make it a first-level division ("Kursk region").
ADMIN1_NOUNS = frozenset(
    {"region", "oblast", "obl", "obl.", "province", "governorate", "krai", "kray"}
)
#: Number words: "the Group of Seven" names no place ("Seven" matched Cevins, France).
CARDINALS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million"}
)  # fmt: skip
#: Plural division nouns closing a list of names ("the Kharkiv and Sumy regions").
ADMIN1_PLURALS = frozenset({"regions", "oblasts", "provinces", "governorates", "krais"})


def listed_division(lower: Sequence[str], cap: Sequence[bool], k: int) -> bool:
    """Whether the words from ``k`` on close a list of names with a plural division noun
    ("X *and Y regions*", "X*, Y and Z oblasts*"): the
    name before ``k`` is a first-level division too."""
    for j in range(k, min(len(lower), k + _LIST_WORDS)):
        if lower[j] in ADMIN1_PLURALS:
            return True
        if not (cap[j] or lower[j] in {"and", "or", ","}):
            return False
    return False


#: How many words a list of division names may run over.
_LIST_WORDS = 8
#: Words of a sea's name: "the X Sea", "the Sea of X", "the Gulf of X" name water, not
#: the town, division or country X is also the name of ("Sea of Azov", "Gulf of Aden",
#: "Red Sea" beside the Red Sea state and governorate).
WATER_NAME_ENDS = frozenset({"sea", "ocean", "gulf", "strait", "straits"})
WATER_BEFORE_OF = WATER_NAME_ENDS | frozenset({"bay", "bight"})
#: Waters as a whole near the town they are named after ("the Gulf of Aden": in it, near
#: Aden, placed at the town as a region is); a sea or a strait is too large or too far.
WATER_NEAR_TOWN = frozenset({"gulf", "bay"})
#: Nouns before "of X" that make X a settlement ("the town of Sudzha").
SETTLEMENT_NOUNS = frozenset(
    {
        "town",
        "towns",
        "city",
        "cities",
        "village",
        "villages",
        "settlement",
        "settlements",
        "hamlet",
        "hamlets",
        "port",
        "capital",
        "suburb",
        "district",
        "municipality",
    }
)
#: Words after a name that call it a settlement ("X village", "the X community").
SETTLEMENT_CALLS = frozenset(
    {"village", "town", "settlement", "hamlet", "city", "hromada", "community", "municipality"}
)
#: Capitalised words that end a street name ("Seaton Street", "Colton Way"): the whole
#: span is a place below the town, placed at the town the text gives ("..., Edmonton").
#: Direction words that modify a place name or name a bloc, never a place alone.
COMPASS_WORDS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "northeast", "northwest", "southeast", "southwest", "north east",
        "north west", "south east", "south west", "northeastern", "northwestern",
        "southeastern", "southwestern", "midwest",
    }
)  # fmt: skip

STREET_WORDS = frozenset(
    {
        "street",
        "road",
        "avenue",
        "lane",
        "way",
        "drive",
        "boulevard",
        "highway",
        "parkway",
        "expressway",
        "motorway",
        "terrace",
        "crescent",
        "square",
        "superhighway",
        "bypass",
    }
)
#: Capitalised words after a place name that make the whole a non-place name
#: ("Budapest Memorandum", "Washington Post"); a place name followed by one of
#: these is part of another name (street names included: "Kharkiv Road").
NAME_CONTINUATIONS = STREET_WORDS | frozenset(
    {
        "memorandum",
        "accord",
        "accords",
        "agreement",
        "protocol",
        "convention",
        "treaty",
        "format",
        "declaration",
        "communique",
        "post",
        "times",
        "journal",
        "independent",
        "herald",
        "tribune",
        "gazette",
        "review",
        "university",
        "institute",
        "airlines",
        "airways",
        "club",
        "fc",
        "united",
        "city",
        "stadium",
        "group",
        "process",
        "social",
        "council",
        "school",
        "college",
        "academy",
        "bridge",
        "airport",
        "station",
        "hospital",
        "cathedral",
        "museum",
        "theatre",
        "theater",
        "hotel",
        "center",
        "centre",
        "bank",
        "exchange",
        "company",
        "corp",
        "inc",
        "ltd",
        "party",
        "front",
        "army",
        "brigade",
        "battalion",
        "regiment",
        "division",
        "corps",
        "fleet",
        "command",
        "police",
        "service",
        "ministry",
        "department",
        "court",
        "assembly",
        "parliament",
        "senate",
        "house",
        "office",
        "agency",
        "news",
        "radio",
        "television",
        "tv",
        "channel",
        "daily",
        "pravda",
        "zone",
    }
)
#: Waters named after a place: "the Beira Lake", "the Kakhovka Reservoir".
WATERS_AFTER_NAME = frozenset({"lake", "reservoir", "lagoon", "estuary", "river"})
NAME_CONTINUATIONS |= WATERS_AFTER_NAME | {"day"}  # ("Independence Day": a holiday)
#: Words that introduce a person ("President X", "Mr X").
PERSON_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "senator",
        "governor",
        "mayor",
        "general",
        "gen",
        "colonel",
        "col",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "sir",
        "lady",
        "lord",
        "judge",
        "justice",
        "ambassador",
        "envoy",
        "chief",
        "commander",
        "leader",
        "diplomat",
        "tánaiste",
        "taoiseach",
        "rep",
        "sen",
        "gov",
        "lt",
        "sgt",
        "capt",
        "adm",
        "marshal",
        "bishop",
        "rev",
        "saint",
        "rabbi",
        "imam",
        "sheikh",
        "cleric",
        "pastor",
        "father",
        "cardinal",
        "patriarch",
        "mullah",
        "ayatollah",
        "lieutenant",
        "captain",
        "major",
        "sergeant",
        "brigadier",
        "admiral",
        "inspector",
        "officer",
        "prosecutor",
        "lawmaker",
        "mp",
        "activist",
        "journalist",
        "reporter",
    }
)
_NAME_JOINERS = frozenset({"of", "de", "del", "la", "upon", "on", "-"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "to", "into", "outside", "around"})
#: Names of God and of scriptures that gazetteers also list as towns ("God" folds to Göd,
#: Hungary): never places.
SACRED_NAMES = frozenset(
    {"god", "allah", "jesus", "christ", "lord", "satan", "torah", "bible", "quran", "koran"}
)
#: Single-word names of news agencies and outlets that gazetteers also list as towns
#: ("according to Xinhua"); never places.
NEWS_AGENCIES = frozenset(
    {
        "xinhua",
        "reuters",
        "tass",
        "interfax",
        "ukrinform",
        "unian",
        "anadolu",
        "yonhap",
        "kyodo",
        "bernama",
        "ansa",
        "efe",
        "afp",
        "ria",
        "itar",
        "sputnik",
        "rbc",
        "irna",
        "wafa",
        "petra",
        "antara",
        "pti",
        "apa",
        "belta",
        "kyivpost",
        "meduza",
    }
)
#: Phrases naming seats of government; always metonymic.
GOVERNMENT_SEATS: dict[str, str] = {
    "downing street": "GB",
    "white house": "US",
    "kremlin": "RU",
    "elysee": "FR",
    "élysée": "FR",
    "pentagon": "US",
    "capitol hill": "US",
    "bankova": "UA",
    "zhongnanhai": "CN",
    "whitehall": "GB",
    "foggy bottom": "US",
}
#: Where each seat of government is: its mention is placed at that city (in the seat's
#: country), never at a namesake ("White House" is also an old name of Casablanca).
SEAT_CITIES: dict[str, str] = {
    "downing street": "London",
    "white house": "Washington",
    "kremlin": "Moscow",
    "elysee": "Paris",
    "élysée": "Paris",
    "pentagon": "Washington",
    "capitol hill": "Washington",
    "bankova": "Kyiv",
    "zhongnanhai": "Beijing",
    "whitehall": "London",
    "foggy bottom": "Washington",
}
_DIRECTION = (
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest"
    r"|north-east|north-west|south-east|south-west)"
)
#: A distance before a relation ("10 km east of Y", "5 km from Y").
_DISTANCE = r"(?:\d+(?:[.,]\d+)?|a\s+few|several)\s*(?:km|kms|kilomet(?:er|re)s?|miles?)"
#: "near Y", "south of Y", "10 km east of the town of Y", "5 km from Y" ("from" only after
#: a distance: "shelled from Y" names where the fire came from). Groups: ``dist``, ``rel``
#: (the relation), ``name`` (Y).
_RELATIVE_RE = re.compile(
    r"\b(?:(?:just|about|some|roughly|around|slightly|a\s+little|immediately|on\s+the)\s+)?"
    rf"(?:(?P<dist>{_DISTANCE})\s+(?:to\s+the\s+)?)?"
    rf"(?P<rel>(?:{_DIRECTION}(?:\s*(?:and|or|-)\s*{_DIRECTION})?"
    rf"|(?:{_DIRECTION}(?:ern)?\s+)?(?:outskirts|edge)|near|outside|close to|not far from"
    r"|(?(dist)from|(?!)))"
    r"(?:\s+of)?\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:town|city|village|settlement)\s+of\s+)?)"
    r"(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)"
)
#: Words of a district its seat names ("Y district", "Y raion").
DISTRICT_WORDS = frozenset({"district", "raion", "rayon", "hromada", "okrug", "community"})
#: "X, Y district", "X (Y raion)": a village placed in the district its seat Y names.
_DISTRICT_RE = re.compile(
    r"\s*[,(]\s*([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)\s+"
    rf"({'|'.join(sorted(DISTRICT_WORDS))})\b",
    re.IGNORECASE,
)
_MAX_NGRAM = 5
#: A name going on with an Arabic article ("Wad al-Noura", "Deir el-Balah", "Ras al Ain"):
#: the word before it is a part of that longer name, not a place of its own.
#: (the assimilated forms only hyphenated: "as", "an", "at", "en" are English words too)
_ARTICLE = r"(?:(?:al|el)[- \t]|(?:a[nrstdz]|ash|e[dnrsz]|u[ld])-)"
#: Arabic articles written with a hyphen before a name ("al-Kiswah", "Deir ez-Zor").
ARABIC_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "ez", "en", "er"}
)
ARABIC_CONTINUATION = re.compile(rf"[ \t]+{_ARTICLE}[A-Z]")
#: ... and the name the word ends ("Ain" of "Ras al-Ain"), read on the text before it.
ARABIC_LEAD = re.compile(rf"[A-Z][\w’'-]*[ \t]+{_ARTICLE}$")


# ---- short reports: places inside facility and organisation names, look-alikes --------
#: Last words of a facility's name: a place before them is where the facility is
#: ("X Oncology Hospital", "X airbase"); the facility is kept as the mention's feature.
FACILITY_WORDS = frozenset(
    {
        "hospital", "clinic", "theater", "theatre", "airport", "airbase", "airfield",
        "aerodrome", "station", "plant", "factory", "works", "steelworks", "mine",
        "university", "college", "school", "lyceum", "academy", "institute", "stadium",
        "arena", "port", "harbour", "harbor", "bridge", "dam", "refinery", "depot",
        "market", "mall", "supermarket", "zoo", "museum", "cathedral", "church", "mosque",
        "monastery", "synagogue", "tower", "substation", "prison", "barracks", "cemetery",
        "park", "circus", "library", "hotel", "cinema", "palace", "terminal", "elevator",
        "sanatorium", "base", "embankment", "square", "center", "centre",
        "complex", "building", "offices", "headquarters", "hall", "brewery", "distillery",
        "winery", "mill", "bakery", "warehouse", "enterprise", "shop", "store", "restaurant",
        "cafe", "pool", "garage", "kindergarten", "gymnasium", "dormitory", "hostel", "pier",
        "shelter", "bunker", "camp", "camps", "crossing", "seaport", "airstrip",
        # power plants as Ukrainian and Russian reporting abbreviates them
        "tpp", "tes", "tets", "chp", "hpp", "ges", "npp", "aes",
    }
)  # fmt: skip
#: Words of an organisation's name: a place before them is part of the name ("X police",
#: "X City Council", "X Regional Military Administration"): role ``embedded``.
ORGANISATION_WORDS = frozenset(
    {
        "police", "council", "administration", "mayor", "governor", "prosecutor",
        "prosecutors", "court", "authorities", "officials", "guard", "guards", "ova",
        "rescuers", "service", "services", "department", "directorate", "garrison",
        "diocese", "eparchy", "parliament", "assembly", "ministry", "office", "cartel",
        "cartels", "gang", "gangs",
    }
)  # fmt: skip
#: Words that qualify a facility without being places ("Drama theatre", "Opera house"):
#: a gazetteer name among them is part of the facility's name.
FACILITY_DESCRIPTORS = frozenset(
    {
        "drama", "opera", "puppet", "ballet", "concert", "music", "art", "arts",
        "philharmonic", "oncology", "children", "childrens", "maternity", "regional",
        "city", "state", "national", "central", "military", "medical", "railway",
        "bus", "power", "nuclear", "thermal", "heating", "oil", "gas", "fuel", "grain",
        "international", "int", "main", "technical", "technology", "refugee", "refugees",
        "displacement", "displaced", "air", "naval", "army", "border", "tent", "transit",
    }
)  # fmt: skip
#: Words of unit names: a place name right next to one is the unit's name ("battalion
#: X", "X brigade"), not a place (weapon names are caught by their "-E"/"-2M" codes).
DESIGNATION_WORDS = frozenset(
    {"battalion", "brigade", "regiment", "squadron", "detachment", "battalions", "brigades"}
)
#: Nouns of a vessel its name follows ("the landing ship Minsk", "the cruiser Moskva").
VESSEL_NOUNS = frozenset(
    {"ship", "warship", "flagship", "submarine", "cruiser", "frigate", "corvette", "destroyer",
     "tanker", "vessel", "tug", "tugboat", "ferry", "freighter", "icebreaker", "minesweeper",
     "trawler", "barge", "steamer", "yacht", "carrier"}
)  # fmt: skip
#: Nouns of a part of a town: "X district of Y" puts X inside the town Y.
TOWN_PART_NOUNS = frozenset(
    {"district", "neighbourhood", "neighborhood", "quarter", "microdistrict", "suburb"}
)
#: Military hardware and personnel words that are also the names of small places
#: ("Tank", Pakistan): alone and without a locative preposition, they are the thing.
MATERIEL_WORDS = frozenset(
    {
        "tank", "tanks", "convoy", "column", "truck", "trucks", "vehicle", "vehicles",
        "helicopter", "helicopters", "jet", "jets", "drone", "drones", "artillery",
        "howitzer", "mortar", "mortars", "rocket", "rockets", "missile", "missiles", "bomb",
        "shell", "shells", "trench", "trenches", "bunker", "checkpoint", "position",
        "positions", "soldier", "soldiers", "troops", "army", "navy", "warship", "ammunition",
        "marine", "marines", "ranger", "rangers", "paratrooper", "paratroopers", "sniper",
        "snipers", "infantry", "gunmen", "militants", "fighters", "guards",
    }
)  # fmt: skip
#: Names of weapon systems that are also the names of places (Grad, Slovenia; Tornado, West
#: Virginia; Patriot, Indiana): right before a weapon noun ("Grad rockets", "Patriot
#: batteries") they are the weapon.
WEAPON_NAMES = frozenset(
    {
        "grad", "uragan", "smerch", "tornado", "iskander", "kinzhal", "kalibr", "shahed",
        "geran", "lancet", "tochka", "bayraktar", "himars", "atacms", "storm shadow", "scalp",
        "patriot", "buk", "tor", "pantsir", "krasnopol", "caesar", "krab", "leopard",
        "abrams", "bradley", "javelin", "stinger", "zircon", "oniks", "onyx", "neptune",
        "harpoon", "excalibur", "kub", "osa", "strela", "igla", "msta", "gvozdika", "akatsiya",
        "pion", "hyacinth", "giatsint",
    }
)  # fmt: skip
#: Nouns a weapon name qualifies ("Grad rockets", "Buk system", "Leopard tanks").
WEAPON_NOUNS = MATERIEL_WORDS | frozenset(
    {
        "mlrs", "launcher", "launchers", "system", "systems", "battery", "batteries",
        "cruise", "ballistic", "munition", "munitions", "strike", "strikes", "salvo",
        "salvos", "fire", "round", "rounds", "interceptor", "interceptors", "unit", "units",
    }
)  # fmt: skip
#: Common nouns that name a thing, not a place, when they stand alone ("Airport" is a
#: town in Hawaii; "Airport on fire" is an airport).
GENERIC_NOUNS = FACILITY_WORDS | ORGANISATION_WORDS | MATERIEL_WORDS | FACILITY_DESCRIPTORS
#: Words before a name that say it is where something is ("in X", "outskirts of X").
LOCATIVE_CUES = frozenset(
    {
        "in", "at", "near", "of", "from", "to", "into", "outside", "around", "outskirts",
        "off", "towards", "toward", "over", "through", "entering", "entered", "village", "town",
        "city", "settlement", "on", "across", "nearby", "between", "and", "hit", "struck",
        "shelled", "shelling", "bombed", "bombing", "liberated", "captured", "occupied",
        "damaged", "destroyed", "besieged", "held", "controlled", "recaptured", "retaken",
        "stormed", "storming", "attacked", "attacking", "assaulted", "seized", "encircled",
        "surrounded", "pounded", "targeted", "raided", "defended", "defending", "liberating",
        "capturing",
        # a headline's present tense ("troops attack X", "drones hit X")
        "attack", "attacks", "shell", "shells", "strikes", "storm", "storms", "capture",
        "captures", "seize", "seizes", "pound", "pounds", "target", "targets", "raid", "raids",
        "liberate", "liberates", "encircle", "encircles", "bomb", "bombs", "hits",
    }
)  # fmt: skip
#: Nouns whose "of X" makes X a place ("the mayor of X", "residents of X", "the outskirts
#: of X"), unlike "dozens of X", "the leader of X".
OF_PLACE_HEADS = (
    SETTLEMENT_NOUNS
    | TOWN_PART_NOUNS
    | ORGANISATION_WORDS
    | COMPASS_WORDS
    | frozenset(
        {
            "residents", "people", "outskirts", "centre", "center", "edge", "heart",
            "streets", "mayor", "governor", "part", "parts", "north", "south", "east", "west",
            "population", "inhabitants", "citizens", "suburbs", "area", "areas",
            # what befalls a place: "the shelling of X", "the liberation of X"
            "shelling", "shellings", "bombing", "bombardment", "liberation", "capture",
            "occupation", "siege", "encirclement", "evacuation", "storming", "recapture",
        }
    )
)  # fmt: skip
#: Last words of the sites a town gives its name to and where events happen: a
#: gazetteer name before one is that town's, whatever the model reads it as ("the X
#: refugee camp", "X air base"); an unknown name before one is a site placed at the town
#: the text puts it in or near ("the Y camp south of Z").
SITE_WORDS = frozenset(
    {"camp", "camps", "dam", "airport", "airbase", "airfield", "base", "crossing", "port",
     "seaport", "harbour", "harbor", "airstrip"}
)  # fmt: skip


def names_water(lower: Sequence[str], s: int, e: int) -> str:
    """How the words ``s:e`` (of ``lower``, the text's lower-cased tokens) name a sea, a
    gulf or a strait: "of" for "the Sea of Azov", "the Gulf of Aden" (water named after
    the place), "end" for "the Red Sea" (the name is the water's, not the division's or
    the town's of that name), "" for no water."""
    if s > 1 and lower[s - 1] == "of" and lower[s - 2] in WATER_BEFORE_OF:
        return "of"
    # (a division named after its sea says so: "Red Sea state", "Red Sea Governorate")
    after = lower[e] if e < len(lower) else ""
    end = (
        e - s > 1
        and lower[e - 1] in WATER_NAME_ENDS
        and lower[e - 2] not in {"on", "-"}  # "Southend-on-Sea": a town
        and after not in ADMIN1_NOUNS | {"state"}
    )
    return "end" if end else ""
