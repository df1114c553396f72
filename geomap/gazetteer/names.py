"""Gazetteer stage helper: name normalisation and the name-variant tables.

Everything that decides *which strings* find a gazetteer entry lives here, so the
builder and the reader agree by construction: :func:`normalize_name` (the key of
the name index), the script filter for GeoNames alternate names, the small
hand-kept tables of English exonyms and country short names that GeoNames lacks,
and :func:`admin1_forms` ("Sumy" -> "sumy region", "sumy oblast", "sumska oblast").
"""

from __future__ import annotations

import functools
import re
import unicodedata

from geomap.gazetteer.romanize import romanize_uk

__all__ = [
    "ADMIN1_ALIASES",
    "ADMIN1_DISPLAY",
    "ADMIN2_CUES",
    "CITY_ALIASES",
    "COUNTRY_ALIASES",
    "admin1_forms",
    "admin1_stem",
    "admin2_cue",
    "admin2_stem",
    "is_wanted_script",
    "normalize_name",
]

# Apostrophes (dropped), then separators (-> space). U+00B4 and U+02B9 look like
# apostrophes in transliterations ("Bilopil´ya"); NFKD would turn U+00B4 into a space.
_DROP = "'’ʼ`‘´ʹʻ\u2032\""
_SPACE = "-‐‑‒–—.,()/"
_TABLE = str.maketrans(
    {
        **dict.fromkeys(_DROP),
        **dict.fromkeys(_SPACE, " "),
        # Latin letters NFKD does not decompose
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
    }
)


@functools.lru_cache(maxsize=1 << 16)  # the recogniser asks for the same words over and over
def normalize_name(name: str) -> str:
    """Return the index key of a place name.

    Casefolds, strips diacritics (NFKD, combining marks dropped), drops
    apostrophes (``' ’ ʼ ` ‘``), turns hyphens, dots, commas and parentheses
    into spaces and collapses whitespace. Cyrillic stays Cyrillic ("й" -> "и").

    Parameters
    ----------
    name
        A place name as written anywhere.

    Returns
    -------
    str
        The normalised key ("Bilopil'ya" -> "bilopilya", "Türkiye" -> "turkiye").

    Examples
    --------
    >>> normalize_name("Ivano-Frankivs’k")
    'ivano frankivsk'
    """
    text = name.casefold()
    if not text.isascii():
        text = text.translate(_TABLE)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_TABLE)
    return " ".join(text.split())


# Latin (incl. extensions and IPA modifiers), Cyrillic, general punctuation.
_UNWANTED = re.compile(r"[^\u0000-\u02ff\u0300-\u036f\u0400-\u052f\u1e00-\u1eff\u2000-\u206f]")


def is_wanted_script(name: str) -> bool:
    """Return True for names written in Latin or Cyrillic script.

    GeoNames alternate names include Arabic, CJK, Greek, ... forms that
    English-language news never uses; they only bloat the index.

    Parameters
    ----------
    name
        An alternate name.

    Returns
    -------
    bool
        Whether every character is Latin, Cyrillic, a digit or punctuation.
    """
    return name.isascii() or _UNWANTED.search(name) is None


#: Country names news uses that GeoNames' ``countryInfo.txt`` name lacks.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": (
        "United States",
        "United States of America",
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "America",
        "the United States",
    ),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "the United Kingdom"),
    "RU": ("Russia", "Russian Federation", "the Russian Federation"),
    "CZ": ("Czech Republic", "Czechia"),
    "TR": ("Türkiye", "Turkiye", "Turkey"),
    "KR": ("South Korea", "Republic of Korea", "Korea, South"),
    "KP": ("North Korea", "Democratic People's Republic of Korea", "DPRK", "Korea, North"),
    "IR": ("Iran", "Islamic Republic of Iran"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos", "Lao PDR"),
    "MD": ("Moldova", "Republic of Moldova"),
    "BY": ("Belarus", "Byelorussia"),
    "UA": ("Ukraine",),
    "NL": ("Netherlands", "the Netherlands", "Holland"),
    "AE": ("United Arab Emirates", "UAE", "U.A.E."),
    # news calls both "Congo"; the article's other places tell them apart (focus), the
    # larger DR Congo wins a bare mention
    "CD": ("DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville", "Congo"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "MK": ("North Macedonia", "Macedonia"),
    "SZ": ("Eswatini", "Swaziland"),
    "MM": ("Myanmar", "Burma"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "PS": ("Palestine", "Palestinian Territories", "State of Palestine"),
    "TW": ("Taiwan", "Republic of China"),
    "CN": ("China", "People's Republic of China", "PRC"),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "BN": ("Brunei",),
    "FM": ("Micronesia",),
    "GE": ("Georgia",),
    "BA": ("Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina"),
    "VG": ("British Virgin Islands",),
    "VI": ("US Virgin Islands", "U.S. Virgin Islands"),
}

#: English exonyms and former names of war-zone cities (and admin-1 units of the same
#: name) that GeoNames' alternate names may lack. Keys are (country, GeoNames name);
#: an entry whose primary name normalises to the key's name gets the aliases.
CITY_ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("UA", "Kyiv"): ("Kiev", "Kyyiv", "Kyjiv"),
    ("UA", "Odesa"): ("Odessa",),
    ("UA", "Kharkiv"): ("Kharkov",),
    ("UA", "Dnipro"): ("Dnipropetrovsk", "Dnepropetrovsk", "Dnepr"),
    ("UA", "Mykolayiv"): ("Mykolaiv", "Nikolaev", "Nikolayev"),
    ("UA", "Mykolaiv"): ("Mykolayiv", "Nikolaev", "Nikolayev"),
    ("UA", "Zaporizhzhia"): ("Zaporizhia", "Zaporozhye", "Zaporozhe", "Zaporizhzhya"),
    ("UA", "Luhansk"): ("Lugansk", "Luhans'k"),
    ("UA", "Donetsk"): ("Donets'k",),
    ("UA", "Lviv"): ("Lvov", "Lwow", "Lemberg"),
    ("UA", "Chernihiv"): ("Chernigov",),
    ("UA", "Chernivtsi"): ("Chernovtsy",),
    ("UA", "Vinnytsia"): ("Vinnitsa", "Vinnytsya"),
    ("UA", "Khmelnytskyi"): ("Khmelnitsky", "Khmelnytskyy"),
    ("UA", "Kropyvnytskyi"): ("Kirovohrad", "Kirovograd", "Kropyvnytskyy"),
    ("UA", "Zhytomyr"): ("Zhitomir",),
    ("UA", "Rivne"): ("Rovno",),
    ("UA", "Ternopil"): ("Ternopol",),
    ("UA", "Cherkasy"): ("Cherkassy",),
    ("UA", "Kherson"): ("Kherson",),
    ("UA", "Poltava"): ("Poltava",),
    ("UA", "Sumy"): ("Sumy",),
    ("UA", "Bakhmut"): ("Artemivsk", "Artyomovsk"),
    ("UA", "Pokrovsk"): ("Krasnoarmiisk", "Krasnoarmeysk"),
    ("UA", "Toretsk"): ("Dzerzhynsk", "Dzerzhinsk"),
    ("UA", "Kramatorsk"): ("Kramatorsk",),
    ("UA", "Sloviansk"): ("Slovyansk", "Slavyansk"),
    ("UA", "Sievierodonetsk"): ("Severodonetsk", "Syeverodonetsk"),
    ("UA", "Lysychansk"): ("Lisichansk",),
    ("UA", "Mariupol"): ("Mariupol'",),
    ("UA", "Melitopol"): ("Melitopol'",),
    ("UA", "Berdyansk"): ("Berdiansk",),
    ("UA", "Enerhodar"): ("Energodar",),
    ("UA", "Kupiansk"): ("Kupyansk",),
    ("UA", "Avdiivka"): ("Avdeyevka", "Avdiyivka"),
    ("UA", "Vuhledar"): ("Ugledar",),
    ("UA", "Chasiv Yar"): ("Chasov Yar",),
    ("UA", "Izium"): ("Izyum",),
    ("UA", "Bilopillia"): ("Bilopillya", "Belopolye"),
    ("UA", "Bila Tserkva"): ("Belaya Tserkov",),
    ("UA", "Kryvyi Rih"): ("Krivoy Rog", "Kryvyy Rih"),
    ("UA", "Kremenchuk"): ("Kremenchug",),
    ("UA", "Nikopol"): ("Nikopol'",),
    ("UA", "Simferopol"): ("Simferopol'",),
    ("UA", "Sevastopol"): ("Sebastopol",),
    ("UA", "Crimea"): ("Krym",),
    ("RU", "Moscow"): ("Moskva",),
    ("RU", "Saint Petersburg"): ("St. Petersburg", "St Petersburg", "Petersburg"),
    ("RU", "Rostov-na-Donu"): ("Rostov-on-Don", "Rostov"),
    ("RU", "Belgorod"): ("Bilhorod",),
    ("RU", "Sudzha"): ("Sudja",),
}

#: Suffixes and prefixes that mark a first-level division ("Kursk Oblast", "State of Mexico").
_ADMIN_SUFFIX = re.compile(
    r"\s+(oblast|oblast'|oblast’|region|province|provincia|krai|kray|republic|state|governorate|"
    r"prefecture|voivodeship|county|department|district|territory|autonomous okrug|okrug|"
    r"autonomous region|autonomous republic|municipality)$",
    re.IGNORECASE,
)
_ADMIN_PREFIX = re.compile(
    r"^(state of|province of|republic of|autonomous republic of|oblast of|region of|"
    r"autonomous community of)\s+",
    re.IGNORECASE,
)
#: Stems too generic to stand alone ("Northern Territory" is not "Northern").
_GENERIC_STEMS = frozenset(
    {
        *("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
        *("central", "capital", "upper", "lower", "new", "great", "greater", "middle", "far"),
        *("coast", "coastal", "interior", "inner", "outer", "national", "federal", "special"),
        "autonomous",
    }
)

#: Admin-1 names news uses that ``admin1CodesASCII.txt`` and the GeoNames rows lack,
#: keyed by GeoNames admin-1 code.
#: English display names of first-level divisions whose GeoNames names are
#: transliterated adjectives or old spellings ("Sumska Oblast", "Misto Kyiv", "Odessa"):
#: the names English-language reporting and Ukraine's own English usage give them.
ADMIN1_DISPLAY: dict[str, str] = {
    "UA.01": "Cherkasy Oblast",
    "UA.02": "Chernihiv Oblast",
    "UA.03": "Chernivtsi Oblast",
    "UA.04": "Dnipropetrovsk Oblast",
    "UA.05": "Donetsk Oblast",
    "UA.06": "Ivano-Frankivsk Oblast",
    "UA.07": "Kharkiv Oblast",
    "UA.08": "Kherson Oblast",
    "UA.09": "Khmelnytskyi Oblast",
    "UA.10": "Kirovohrad Oblast",
    "UA.11": "Autonomous Republic of Crimea",
    "UA.12": "Kyiv City",
    "UA.13": "Kyiv Oblast",
    "UA.14": "Luhansk Oblast",
    "UA.15": "Lviv Oblast",
    "UA.16": "Mykolaiv Oblast",
    "UA.17": "Odesa Oblast",
    "UA.18": "Poltava Oblast",
    "UA.19": "Rivne Oblast",
    "UA.20": "Sevastopol",
    "UA.21": "Sumy Oblast",
    "UA.22": "Ternopil Oblast",
    "UA.23": "Vinnytsia Oblast",
    "UA.24": "Volyn Oblast",
    "UA.25": "Zakarpattia Oblast",
    "UA.26": "Zaporizhzhia Oblast",
    "UA.27": "Zhytomyr Oblast",
}

ADMIN1_ALIASES: dict[str, tuple[str, ...]] = {
    "UA.13": ("Kyiv Oblast", "Kyiv region", "Kiev Oblast"),
    "UA.17": ("Odesa Oblast", "Odesa", "Odessa Oblast"),
    "UA.07": ("Kharkiv", "Kharkov Oblast"),
    "UA.26": ("Zaporizhia", "Zaporozhye Oblast", "Zaporizhzhia Oblast"),
    "UA.25": ("Transcarpathia", "Zakarpattia Oblast"),
    "UA.04": ("Dnipro region", "Dnepropetrovsk Oblast"),
    "UA.14": ("Lugansk Oblast",),
    "UA.16": ("Nikolaev Oblast", "Mykolaiv Oblast"),
    "UA.10": ("Kropyvnytskyi region",),
    "UA.11": ("Crimea", "Crimean Peninsula", "Republic of Crimea"),
    "RU.42": ("Leningrad Oblast",),
    "RU.06": ("Arkhangelsk Oblast",),
    "RU.29": ("Kemerovo Oblast",),
    "RU.59": ("Primorsky Krai",),
    "RU.93": ("Zabaykalsky Krai", "Transbaikal"),
    "RU.63": ("Yakutia", "Sakha Republic"),
    "RU.66": ("Saint Petersburg",),
    "RU.48": ("Moscow City",),
    "RU.61": ("Rostov Oblast",),
    "RU.13": ("Chelyabinsk Oblast",),
    "RU.81": ("Ulyanovsk Oblast",),
    "RU.49": ("Murmansk Oblast",),
    "RU.30": ("Khabarovsk Krai",),
    "RU.92": ("Kamchatka Krai",),
    "RU.12": ("Chechen Republic",),
    "RU.17": ("Republic of Dagestan",),
    # Postal and AP-style abbreviations English-language news uses after a town ("Surrey, B.C.",
    # "Edmonton, Alta.", "Frankfort, Ky."); abbreviations that are also common words or
    # titles ("Miss.", "Man.", "Ind.", "Me.") are left out.
    "CA.01": ("Alta.",),
    "CA.02": ("B.C.", "BC"),
    "CA.08": ("Ont.",),
    "CA.10": ("Que.",),
    "CA.11": ("Sask.",),
    "CA.07": ("N.S.",),
    "CA.04": ("N.B.",),
    "CA.05": ("N.L.", "Newfoundland"),
    "CA.09": ("P.E.I.", "PEI"),
    "AU.04": ("Qld", "Qld."),
    "AU.02": ("NSW", "N.S.W."),
    "AU.08": ("WA",),
    "AU.07": ("Vic.",),
    "AU.06": ("Tas.",),
    "US.AL": ("Ala.",),
    "US.AZ": ("Ariz.",),
    "US.AR": ("Ark.",),
    "US.CA": ("Calif.",),
    "US.CO": ("Colo.",),
    "US.CT": ("Conn.",),
    "US.DE": ("Del.",),
    "US.FL": ("Fla.",),
    "US.GA": ("Ga.",),
    "US.IL": ("Ill.",),
    "US.KS": ("Kan.", "Kans."),
    "US.KY": ("Ky.",),
    "US.LA": ("La.",),
    "US.MD": ("Md.",),
    "US.MA": ("Mass.",),
    "US.MI": ("Mich.",),
    "US.MN": ("Minn.",),
    "US.MO": ("Mo.",),
    "US.MT": ("Mont.",),
    "US.NE": ("Neb.", "Nebr."),
    "US.NV": ("Nev.",),
    "US.NH": ("N.H.",),
    "US.NJ": ("N.J.",),
    "US.NM": ("N.M.",),
    "US.NY": ("N.Y.",),
    "US.NC": ("N.C.",),
    "US.ND": ("N.D.",),
    "US.OK": ("Okla.",),
    "US.OR": ("Ore.",),
    "US.PA": ("Pa.", "Penn."),
    "US.RI": ("R.I.",),
    "US.SC": ("S.C.",),
    "US.SD": ("S.D.",),
    "US.TN": ("Tenn.",),
    "US.TX": ("Tex.",),
    "US.VT": ("Vt.",),
    "US.VA": ("Va.",),
    "US.WA": ("Wash.",),
    "US.WV": ("W.Va.", "W. Va."),
    "US.WI": ("Wis.", "Wisc."),
    "US.WY": ("Wyo.",),
}

#: Countries that call their first-level units "oblast" (and Russia's adjectival forms).
_OBLAST_COUNTRIES = frozenset({"UA", "RU", "BY", "KZ", "KG", "BG", "TJ"})


def admin1_stem(name: str) -> str:
    """Return an admin-1 name without its "Oblast"/"Region"/"State of" wrapping.

    Parameters
    ----------
    name
        A first-level division name ("Kursk Oblast", "State of Mexico", "Sumy").

    Returns
    -------
    str
        The normalised stem ("kursk", "mexico", "sumy").
    """
    text = normalize_name(name)
    for _ in range(2):
        text = _ADMIN_SUFFIX.sub("", text)
        text = _ADMIN_PREFIX.sub("", text)
    # adjectival Ukrainian/Russian forms: "sumska oblast" -> "sumska" kept as a form of its own
    return text.strip()


def _adjectives(stem: str) -> list[str]:
    """Return Ukrainian (-ska) and Russian (-skaya) adjectives of an oblast stem."""
    if not stem or " " in stem:
        return []
    if stem.endswith(("ska", "skaya", "ska oblast")):
        return []
    if stem.endswith("sk"):
        base = stem
        return [base + "a", base + "aya"]
    if stem[-1] in "aeiouy":
        base = stem[:-1]
        if base.endswith("i"):  # "zaporizhzhia" style endings
            base = base[:-1]
        if base.endswith("s"):
            return [base + "ka", base + "kaya"]
        return [base + "ska", base + "skaya"]
    return [stem + "ska", stem + "skaya"]


#: A compass word's other form in a division's name ("North" / "Northern").
_COMPASS_FORMS = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "northern": "north", "southern": "south", "eastern": "east", "western": "west",
}  # fmt: skip


def admin1_forms(name: str, country_code: str, *, cyrillic: tuple[str, ...] = ()) -> set[str]:
    """Return the normalised names a first-level division is written as in news.

    Parameters
    ----------
    name
        One Latin name of the division ("Sumy", "Kursk Oblast", "California").
    country_code
        Its ISO country code; "oblast" and adjectival forms only for post-Soviet countries.
    cyrillic
        Cyrillic names of the division ("Сумська область"); their Ukrainian
        romanisation is added ("sumska oblast").

    Returns
    -------
    set of str
        Normalised forms: the stem, "X region", "X oblast", "Xska oblast",
        "Xskaya oblast" or "X province", "X state", "state of X", ...
    """
    stem = admin1_stem(name)
    if not stem:
        return set()
    if stem in _GENERIC_STEMS or len(stem) < 3:
        return {normalize_name(name)}
    forms = {normalize_name(name), stem, f"{stem} region"}
    # "Northern Darfur" is written "North Darfur", "West Kordofan" "Western Kordofan"
    first, _, rest = stem.partition(" ")
    if rest and first in _COMPASS_FORMS:
        other = f"{_COMPASS_FORMS[first]} {rest}"
        forms.update({other, f"{other} region", f"{other} state", f"{other} province"})
    if country_code in _OBLAST_COUNTRIES:
        forms.update({f"{stem} oblast", f"{stem} province"})
        for adj in _adjectives(stem):
            forms.update({f"{adj} oblast", f"{adj} region"})
        if country_code == "RU":
            forms.update({f"{stem} krai", f"{stem} kray", f"{stem} republic"})
    else:
        forms.update(
            {
                f"{stem} province",
                f"{stem} state",
                f"state of {stem}",
                f"province of {stem}",
                f"{stem} governorate",
            }
        )
    for cyr in cyrillic:
        lat = normalize_name(romanize_uk(cyr))
        if lat:
            forms.add(lat)
    return forms


#: Words that mark a second-level division after its name ("Adair County", "Metcalfe Co.",
#: "Caddo Parish", "Matanuska-Susitna Borough", "Kamloops District"), longest first.
ADMIN2_CUES = (
    "regional district",
    "census division",
    "municipal district",
    "county",
    "parish",
    "district",
    "borough",
    "co",
)
_ADMIN2_CUE = re.compile(
    r"^(?P<stem>.+?)\s+(?P<cue>" + "|".join(c.replace(" ", r"\s+") for c in ADMIN2_CUES) + r")\.?$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1 << 14)
def admin2_stem(name: str) -> tuple[str, str]:
    """Split a trailing division word off a name.

    Parameters
    ----------
    name
        A place name ("Adair County", "Metcalfe Co.", "Caddo Parish", "Leeds").

    Returns
    -------
    tuple of str
        ``(stem, cue)`` with the cue lower-cased and "co" read as "county"
        (``("Adair", "county")``), or ``(name, "")`` when no cue ends the name.
    """
    m = _ADMIN2_CUE.match(name.strip())
    if m is None:
        return name, ""
    cue = " ".join(m.group("cue").lower().split())
    return m.group("stem"), "county" if cue == "co" else cue


def admin2_cue(name: str) -> str:
    """Return the division word ending ``name`` ("county", "parish", ...), or ""."""
    return admin2_stem(name)[1]
