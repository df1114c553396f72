"""Stage 2 helper (places): demonyms and nationality adjectives -> ISO country codes.

Demonyms ("Ukrainian", "Iranian-made") are not places: geomap never locates an event
at one. They are still reported as mentions with ``role="demonym"`` because they tell
the geocoder which countries an article is about, inform actors ("a Russian drone
attack"), and some benchmarks (TR-News) annotate them as toponyms.
Regular forms are derived from the country name by the rules in :func:`demonym_forms`;
this table holds the irregular and most frequent ones.
"""

from __future__ import annotations

import functools

__all__ = [
    "DEMONYMS",
    "REGION_DEMONYMS",
    "country_of_demonym",
    "demonym_target",
    "region_of_demonym",
]

DEMONYMS: dict[str, str] = {
    "afghan": "AF",
    "albanian": "AL",
    "algerian": "DZ",
    "american": "US",
    "angolan": "AO",
    "argentine": "AR",
    "argentinian": "AR",
    "armenian": "AM",
    "australian": "AU",
    "austrian": "AT",
    "azerbaijani": "AZ",
    "azeri": "AZ",
    "bahraini": "BH",
    "bangladeshi": "BD",
    "belarusian": "BY",
    "belgian": "BE",
    "bolivian": "BO",
    "bosnian": "BA",
    "brazilian": "BR",
    "british": "GB",
    "briton": "GB",
    "bulgarian": "BG",
    "burmese": "MM",
    "cambodian": "KH",
    "cameroonian": "CM",
    "canadian": "CA",
    "chadian": "TD",
    "chilean": "CL",
    "chinese": "CN",
    "colombian": "CO",
    "congolese": "CD",
    "croatian": "HR",
    "cuban": "CU",
    "cypriot": "CY",
    "czech": "CZ",
    "danish": "DK",
    "dane": "DK",
    "dutch": "NL",
    "ecuadorian": "EC",
    "egyptian": "EG",
    "emirati": "AE",
    "english": "GB",
    "eritrean": "ER",
    "estonian": "EE",
    "ethiopian": "ET",
    "filipino": "PH",
    "finnish": "FI",
    "french": "FR",
    "georgian": "GE",
    "german": "DE",
    "ghanaian": "GH",
    "greek": "GR",
    "guatemalan": "GT",
    "haitian": "HT",
    "honduran": "HN",
    "hungarian": "HU",
    "icelandic": "IS",
    "indian": "IN",
    "indonesian": "ID",
    "iranian": "IR",
    "iraqi": "IQ",
    "irish": "IE",
    "israeli": "IL",
    "italian": "IT",
    "ivorian": "CI",
    "jamaican": "JM",
    "japanese": "JP",
    "jordanian": "JO",
    "kazakh": "KZ",
    "kenyan": "KE",
    "korean": "KR",
    "kosovar": "XK",
    "kuwaiti": "KW",
    "kyrgyz": "KG",
    "lao": "LA",
    "laotian": "LA",
    "latvian": "LV",
    "lebanese": "LB",
    "liberian": "LR",
    "libyan": "LY",
    "lithuanian": "LT",
    "macedonian": "MK",
    "malagasy": "MG",
    "malaysian": "MY",
    "malian": "ML",
    "maltese": "MT",
    "mexican": "MX",
    "moldovan": "MD",
    "mongolian": "MN",
    "montenegrin": "ME",
    "moroccan": "MA",
    "mozambican": "MZ",
    "namibian": "NA",
    "nepalese": "NP",
    "nepali": "NP",
    "nicaraguan": "NI",
    "nigerian": "NG",
    "nigerien": "NE",
    "norwegian": "NO",
    "omani": "OM",
    "pakistani": "PK",
    "palestinian": "PS",
    "panamanian": "PA",
    "paraguayan": "PY",
    "peruvian": "PE",
    "polish": "PL",
    "pole": "PL",
    "portuguese": "PT",
    "qatari": "QA",
    "romanian": "RO",
    "russian": "RU",
    "rwandan": "RW",
    "saudi": "SA",
    "scottish": "GB",
    "senegalese": "SN",
    "serbian": "RS",
    "singaporean": "SG",
    "slovak": "SK",
    "slovenian": "SI",
    "somali": "SO",
    "south african": "ZA",
    "south korean": "KR",
    "north korean": "KP",
    "spanish": "ES",
    "sri lankan": "LK",
    "sudanese": "SD",
    "swedish": "SE",
    "swiss": "CH",
    "syrian": "SY",
    "taiwanese": "TW",
    "tajik": "TJ",
    "tanzanian": "TZ",
    "thai": "TH",
    "tunisian": "TN",
    "turkish": "TR",
    "turkmen": "TM",
    "ugandan": "UG",
    "ukrainian": "UA",
    "uruguayan": "UY",
    "uzbek": "UZ",
    "venezuelan": "VE",
    "vietnamese": "VN",
    "welsh": "GB",
    "yemeni": "YE",
    "zambian": "ZM",
    "zimbabwean": "ZW",
    "soviet": "RU",
    "chechen": "RU",
    "crimean": "UA",
    "kurdish": "IQ",
}

#: Adjectives of continents and world regions -> the region's gazetteer name.
REGION_DEMONYMS: dict[str, str] = {
    "european": "Europe",
    "asian": "Asia",
    "african": "Africa",
    "south east asian": "Asia",
    "southeast asian": "Asia",
    "latin american": "South America",
    "north american": "North America",
    "south american": "South America",
}


def _base(word: str) -> str:
    w = " ".join(word.strip().lower().split())
    head = w.split("-")[0]
    return head if "-" in w and (head in DEMONYMS or head in REGION_DEMONYMS) else w


def country_of_demonym(word: str) -> str | None:
    """Return the ISO code a demonym refers to, or None if ``word`` is not one.

    Plurals ("Ukrainians", "Russians") and compounds ("Iranian-made") are reduced first.
    """
    w = _base(word)
    if w in DEMONYMS:
        return DEMONYMS[w]
    if w.endswith("s") and w[:-1] in DEMONYMS:
        return DEMONYMS[w[:-1]]
    return None


def region_of_demonym(word: str) -> str | None:
    """Return the continent/region name an adjective refers to ("European" -> "Europe")."""
    w = _base(word)
    return REGION_DEMONYMS.get(w) or REGION_DEMONYMS.get(w[:-1] if w.endswith("s") else w)


@functools.lru_cache(maxsize=1 << 14)
def demonym_target(word: str) -> tuple[str, str] | None:
    """``(country code, "")`` or ``("", region name)`` for a demonym, else None."""
    cc = country_of_demonym(word)
    if cc:
        return cc, ""
    region = region_of_demonym(word)
    return ("", region) if region else None
