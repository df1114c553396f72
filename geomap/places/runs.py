"""Stage 2 helper (places): names written in lists and hyphenated runs.

Short reports and wire copy list streets ("the junction of X, Y and Z St. in T", "X and
Y streets"): every listed name is a street of the list's town (:func:`listed_before`,
:func:`street_list_town`); and hyphenated names hold small words ("Croix-des-Bouquets",
"Rostov-on-Don") that still belong to one capitalised run (:func:`hyphened_particle`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geomap.places.lexicon import ARABIC_ARTICLES

if TYPE_CHECKING:
    from geomap.places.recognise import Recogniser

__all__ = ["hyphened_particle", "listed_before", "street_list_town"]

#: How many tokens after a listed street the list's town is looked for.
_STREET_LIST_REACH = 10


def street_list_town(rec: Recogniser, e: int) -> str | None:
    """The town a list of streets is in ("X, Y and Z St. in T", "X and Y streets in
    T"): the known place after "in" within the list's reach."""
    lower, cap, toks = rec.lower, rec.cap, rec.toks
    for k in range(e, min(rec.n - 1, e + _STREET_LIST_REACH)):
        if toks[k].pos in {"VERB", "AUX"} or rec.v.is_start[k]:
            return None
        if lower[k] == "in" and cap[k + 1]:
            end = k + 1
            while end < rec.n and cap[end]:
                end += 1
            cand = rec.v.span_text(k + 1, end)
            return cand if rec.gaz.has_name(cand) else None
    return None


def listed_before(rec: Recogniser, j: int) -> list[tuple[int, int]]:
    """The names listed before a street at token ``j`` ("the junction of X, Y and Z
    Street"): streets too."""
    out: list[tuple[int, int]] = []
    lower, cap, start = rec.lower, rec.cap, rec.v.is_start
    k = j
    while k >= 2 and lower[k - 1] in {",", "and"}:
        b = k - 1
        if lower[b] == "and" and b >= 1 and lower[b - 1] == ",":
            b -= 1  # "X, Y, and Z"
        a = b
        while a > 0 and b - a < 3 and cap[a - 1] and not start[a - 1]:
            a -= 1
        if a == b:
            break
        out.append((a, b))
        k = a
    return out


def hyphened_particle(rec: Recogniser, k: int) -> bool:
    """Token ``k`` is a small word or its hyphens inside a hyphenated name, no spaces
    ("Croix-des-Bouquets", "Rostov-on-Don"): a hyphen before a small word that a
    second hyphen and a capitalised word follow, or that word, or that hyphen."""
    toks, n = rec.toks, rec.n

    def tight(a: int) -> bool:  # tokens a and a + 1 touch
        return 0 <= a < n - 1 and toks[a].end == toks[a + 1].start

    def particle(m: int) -> bool:  # "X - small - Y" around token m (the small word)
        if not 2 <= m < n - 2:
            return False
        word = toks[m].text
        return (
            word.isalpha()
            and word.islower()
            and toks[m - 1].text == toks[m + 1].text == "-"
            and rec.cap[m - 2]
            and rec.cap[m + 2]
            and all(tight(a) for a in range(m - 2, m + 2))
        )

    return particle(k + 1) or particle(k) or particle(k - 1)


def arabic_particle(rec: Recogniser, k: int) -> bool:
    """Token ``k`` is an Arabic article inside a name ("Deir *ez*-Zor"), or the hyphen
    after it: a capitalised word before it, a hyphen and a capitalised word after."""
    toks, n = rec.toks, rec.n

    def article(m: int) -> bool:
        return (
            1 <= m < n - 2
            and toks[m].text in ARABIC_ARTICLES
            and rec.cap[m - 1]
            and toks[m + 1].text == "-"
            and rec.cap[m + 2]
            and toks[m].end == toks[m + 1].start
            and toks[m + 1].end == toks[m + 2].start
        )

    return article(k) or article(k - 1)
