"""Stage 2 helper (places): spelling variants and near-misses of settlement names.

Short reports spell the same town many ways: Russian-style romanisation ("g" for the
Ukrainian "h", "-ov" for "-iv", "ch" for "kh"), German and French forms ("Charkow",
"Cherson"), dropped or doubled letters and typing slips ("Pokrvosk"). Two steps, both
made to return names the gazetteer knows:

* :func:`spelling_variants` rewrites a name by the regular correspondences between the
  romanisation systems (a few rules, applied alone and together);
* :func:`near_miss` finds the one settlement name of the theatre's countries one edit
  away (optimal string alignment: a transposition counts as one edit), for names of
  :data:`MIN_FUZZY_LEN` letters or more; between several, a place ten times the size of
  the next wins (a slip on a town's name, not a hamlet's), else none is chosen.

The edit distance is RapidFuzz's (``rapidfuzz.distance.OSA``), imported on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Any, Protocol

from geomap._geo import haversine_km
from geomap.gazetteer.codec import NEAR_MIN_LEN, near_keys
from geomap.types import TOWN_LEVELS, PlaceMention

__all__ = ["MIN_FUZZY_LEN", "near_miss", "respelled", "spelling_variants"]

#: Names shorter than this are never matched with an edit (too many neighbours); at least
#: the shortest name the gazetteer's near-miss index holds.
MIN_FUZZY_LEN = max(6, NEAR_MIN_LEN)

#: (pattern, replacement) on normalised names: the regular correspondences between the
#: Russian, Ukrainian, German, French and older English romanisations.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"g", "h"),  # Russian г -> Ukrainian h ("Gorlovka")
        (r"^ch", "kh"),  # German/French ch ("Cherson")
        (r"^c", "k"),
        (r"ow$|ov$|of$", "iv"),  # -ов/-ів ("Charkow", "Kharkov")
        (r"sch", "sh"),  # German sch
        (r"tsch|tch", "ch"),
        (r"ij|yj|iy", "yi"),  # -ий/-ій endings
        (r"ye", "e"),
        (r"ya", "ia"),
        (r"yu", "iu"),
        (r"j", "y"),
        (r"w", "v"),
        (r"z", "s"),
        (r"e", "ye"),
        (r"(?<=[aeou])i(?=[^aeiouy]|$)", "y"),  # й after a vowel ("Graivoron", "Zaitseve")
    )
)


def spelling_variants(name: str) -> list[str]:
    """Return rewrites of a normalised name by the romanisation rules (not ``name`` itself).

    Each rule alone, then the first two rules that apply together; duplicates removed,
    in rule order.

    Examples
    --------
    >>> spelling_variants("charkow")[:2]
    ['kharkow', 'charkiv']
    """
    out: list[str] = []
    applied: list[str] = []
    for pat, rep in _RULES:
        new = pat.sub(rep, name)
        if new != name:
            out.append(new)
            applied.append(new)
    # two rules together ("charkow" -> "kharkiv")
    for pat, rep in _RULES:
        for base in list(applied):
            new = pat.sub(rep, base)
            if new not in {name, base}:
                out.append(new)
    return list(dict.fromkeys(out))


class _NameSource(Protocol):
    def settlement_names_near(
        self, keys: Sequence[str], countries: Collection[str]
    ) -> set[str]: ...

    def max_population(self, name: str) -> int: ...


@functools.lru_cache(maxsize=1)
def _osa() -> Callable[..., int]:
    from rapidfuzz.distance import OSA

    return OSA.distance


#: Where the names one edit from a query may be: (query, the lengths they may have) ->
#: the names sharing its head or its tail at those lengths (see :func:`near_keys`).
_AffixIndex = Callable[[str, range], set[str]]


def _affix_index(names: tuple[str, ...]) -> _AffixIndex:
    """The near-miss index of ``names`` built in memory (the gazetteer stores its own).

    The names of :data:`MIN_FUZZY_LEN` letters or more by their :func:`near_keys`: a
    name one edit from a query shares the query's head or its tail and has its length,
    one less or one more, so the search reads a few short lists instead of every name.
    """
    lists: dict[str, list[str]] = {}
    for n in names:
        if len(n) >= MIN_FUZZY_LEN:
            for key in near_keys(n, (len(n),)):
                lists.setdefault(key, []).append(n)
    return lambda name, sizes: {c for k in near_keys(name, sizes) for c in lists.get(k, ())}


def _one_edit(name: str, index: _AffixIndex) -> set[str]:
    """The indexed names exactly one edit (optimal string alignment) from ``name``."""
    osa = _osa()
    sizes = range(max(len(name) - 1, MIN_FUZZY_LEN), len(name) + 2)
    return {c for c in index(name, sizes) if osa(name, c, score_cutoff=1) == 1}


def near_miss(name: str, gazetteer: _NameSource, countries: Collection[str]) -> str | None:
    """Return the settlement name of ``countries`` one edit from ``name``, if exactly one.

    Parameters
    ----------
    name
        A normalised name (:func:`geomap.gazetteer.normalize_name`).
    gazetteer
        Supplies the settlement names of the theatre's countries from the near-miss index
        stored with its cache.
    countries
        ISO country codes of the theatre.

    Returns
    -------
    str or None
        The gazetteer's normalised name; of several, the one whose place is ten times the
        size of the next; None when there is none or no such one.
    """
    if len(name.replace(" ", "")) < MIN_FUZZY_LEN or not countries:
        return None
    found = _one_edit(
        name, lambda n, sizes: gazetteer.settlement_names_near(near_keys(n, sizes), countries)
    )
    if len(found) <= 1:
        return found.pop() if found else None
    # a slip on a town's name before one on a hamlet's: the far bigger place, if one is
    pops = sorted(((gazetteer.max_population(n), n) for n in found), reverse=True)
    (top, best), (second, _) = pops[0], pops[1]
    return best if top >= _TIE_RATIO * max(second, 1) else None


#: Between names one edit away, the biggest wins when this many times the next.
_TIE_RATIO = 10


#: How near another place of the article a respelt name must lie (see :func:`respelled`).
_RESPELT_KM = 60.0


def respelled(rec: Any, m: PlaceMention, mentions: Sequence[PlaceMention]) -> PlaceMention:
    """A name the text calls a settlement ("the town of X") that the gazetteer knows only
    in another romanisation of the theatre's ("Graivoron": Grayvoron), renamed as the
    gazetteer spells it when a settlement of that spelling lies near another place the
    article names (a namesake far off is no reading of it). ``rec``: the recogniser."""
    from geomap.gazetteer import normalize_name

    gaz, theatre = rec.gaz, rec.theatre
    if "pattern" not in m.signals or not theatre or gaz.has_name(m.name):
        return m
    known = gaz.settlement_key_probe(theatre)
    spelt = [v for v in spelling_variants(normalize_name(m.name)) if v in known]
    if not spelt:
        return m  # (the other places are looked up only for a name respelt)
    towns = TOWN_LEVELS
    others = [
        en
        for o in mentions
        if o.name != m.name and o.role == "literal"
        for en in gaz.lookup(o.name, levels=towns, limit=5)
    ]
    for var in spelt:
        if any(
            haversine_km(en.lat, en.lon, o.lat, o.lon) <= _RESPELT_KM
            for en in gaz.lookup(var, levels=towns, limit=10)
            for o in others
        ):
            return replace(m, name=var)
    return m
