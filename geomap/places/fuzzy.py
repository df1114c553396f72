"""Stage 2 helper (places): spelling variants and near-misses of settlement names.

Short reports spell the same town many ways: Russian-style romanisation ("g" for the
Ukrainian "h", "-ov" for "-iv", "ch" for "kh"), German and French forms ("Charkow",
"Cherson"), dropped or doubled letters and typing slips ("Pokrvosk"). Two steps, both
made to return names the gazetteer knows:

* :func:`spelling_variants` rewrites a name by the regular correspondences between the
  romanisation systems (a few rules, applied alone and together);
* :func:`near_miss` finds the one settlement name of the theatre's countries one edit
  away (optimal string alignment: a transposition counts as one edit), for names of
  :data:`MIN_FUZZY_LEN` letters or more; ties are refused.

The edit distance is RapidFuzz's (``rapidfuzz.distance.OSA``), imported on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection
from typing import Protocol

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


@functools.lru_cache(maxsize=1)
def _osa() -> Callable[..., int]:
    from rapidfuzz.distance import OSA

    return OSA.distance


def _deletions(word: str) -> set[str]:
    """``word`` and every string one character shorter than it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


#: Deletion index per name list (kept while the list is: one per theatre and process).
_INDEXES: dict[int, tuple[tuple[str, ...], dict[str, list[str]]]] = {}


def _deletion_index(names: tuple[str, ...]) -> dict[str, list[str]]:
    """Map every name and its one-deletion forms to the names they come from.

    Two strings within one edit (substitution, insertion, deletion or transposition of
    neighbours) share a member of their deletion sets, so a query looks up its own set
    instead of scanning the list (symmetric-delete search); the distance is checked after.
    """
    cached = _INDEXES.get(id(names))
    if cached is not None and cached[0] is names:
        return cached[1]
    index: dict[str, list[str]] = {}
    for n in names:
        if len(n) + 1 >= MIN_FUZZY_LEN:
            for d in _deletions(n):
                index.setdefault(d, []).append(n)
    if len(_INDEXES) >= 4:
        _INDEXES.clear()
    _INDEXES[id(names)] = (names, index)
    return index


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
        The gazetteer's normalised name, or None when there is none or more than one.
    """
    if len(name.replace(" ", "")) < MIN_FUZZY_LEN or not countries:
        return None
    index = _deletion_index(gazetteer.settlement_names(countries))
    osa = _osa()
    candidates = {c for d in _deletions(name) for c in index.get(d, ())}
    found = {c for c in candidates if len(c) >= MIN_FUZZY_LEN and osa(name, c) == 1}
    return found.pop() if len(found) == 1 else None
