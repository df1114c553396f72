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
from collections.abc import Callable, Collection
from typing import Any, Protocol

__all__ = ["MIN_FUZZY_LEN", "near_miss", "spelling_variants"]

#: Names shorter than this are never matched with an edit (too many neighbours).
MIN_FUZZY_LEN = 6

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
    def settlement_names(self, countries: Collection[str]) -> tuple[str, ...]: ...

    def max_population(self, name: str) -> int: ...

    def memo(self, kind: str) -> dict[Any, Any]: ...


@functools.lru_cache(maxsize=1)
def _osa() -> Callable[..., int]:
    from rapidfuzz.distance import OSA

    return OSA.distance


#: Letters of the head and of the tail that index a name (see :func:`_affix_index`).
_HEAD, _TAIL = 3, 2

_AffixIndex = tuple[dict[tuple[str, int], list[str]], dict[tuple[str, int], list[str]]]


def _affix_index(names: tuple[str, ...]) -> _AffixIndex:
    """Index the names of :data:`MIN_FUZZY_LEN` letters or more by (head, length), (tail, length).

    One edit of a name that long changes at most two neighbouring letters, or shifts
    the letters after it: when it falls after the first three letters they stay, when
    it falls among them the last two stay. So a name one edit from a query shares the
    query's head or its tail and has its length, one less or one more, and the
    search reads a few short lists instead of scanning every name.
    """
    heads: dict[tuple[str, int], list[str]] = {}
    tails: dict[tuple[str, int], list[str]] = {}
    for n in names:
        if len(n) >= MIN_FUZZY_LEN:
            heads.setdefault((n[:_HEAD], len(n)), []).append(n)
            tails.setdefault((n[-_TAIL:], len(n)), []).append(n)
    return heads, tails


def _one_edit(name: str, index: _AffixIndex) -> set[str]:
    """The indexed names exactly one edit (optimal string alignment) from ``name``."""
    heads, tails = index
    osa = _osa()
    head, tail = name[:_HEAD], name[-_TAIL:]
    found: set[str] = set()
    for n in (len(name) - 1, len(name), len(name) + 1):
        for c in (*heads.get((head, n), ()), *tails.get((tail, n), ())):
            if c not in found and osa(name, c, score_cutoff=1) == 1:
                found.add(c)
    return found


def near_miss(name: str, gazetteer: _NameSource, countries: Collection[str]) -> str | None:
    """Return the settlement name of ``countries`` one edit from ``name``, if exactly one.

    Parameters
    ----------
    name
        A normalised name (:func:`geomap.gazetteer.normalize_name`).
    gazetteer
        Supplies the settlement names of the theatre's countries.
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
    # one index per theatre, kept with the gazetteer it was built from
    indexes = gazetteer.memo("near-miss-index")
    theatre = tuple(sorted(countries))
    index = indexes.get(theatre)
    if index is None:
        if len(indexes) >= 4:
            indexes.clear()
        index = indexes[theatre] = _affix_index(gazetteer.settlement_names(theatre))
    found = _one_edit(name, index)
    if len(found) <= 1:
        return found.pop() if found else None
    # a slip on a town's name before one on a hamlet's: the far bigger place, if one is
    pops = sorted(((gazetteer.max_population(n), n) for n in found), reverse=True)
    (top, best), (second, _) = pops[0], pops[1]
    return best if top >= _TIE_RATIO * max(second, 1) else None


#: Between names one edit away, the biggest wins when this many times the next.
_TIE_RATIO = 10
