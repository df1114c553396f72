"""Stage 2 helper (places): sites named after a town or told by their own name.

A camp, an air base, an airport, a border crossing or a port is where many events of a
war happen, and the gazetteer seldom holds it. Two readings, by what stands before the
site word (:data:`~geomap.places.lexicon.SITE_WORDS`, after at most two descriptors:
"refugee camp", "air base"):

* a name the gazetteer knows is the town the site is named after ("the X refugee camp",
  "X Airport"): the recogniser keeps the town's mention with the site as its
  ``feature``, and geocoding places it near the town (:func:`geomap.geocode.resolve.
  sites_at_towns`);
* a name it does not know ("the Y camp south of Z", "the Y air base in W") is a site of
  its own: a mention of the whole phrase (``level_hint`` "street", like a street name),
  placed at the place the text locates it against or puts it in, else left unresolved.

A group's or a nation's word before the site ("a Russian base", "the UN camp") names
whose it is, not where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geomap.places.demonyms import demonym_target
from geomap.places.lexicon import FACILITY_DESCRIPTORS, SITE_WORDS

if TYPE_CHECKING:
    from geomap.places.recognise import Recogniser

__all__ = ["site_end", "site_spans"]

#: Lower-case Arabic articles inside a name, before a hyphen ("Ain al-Asad").
_ARTICLES = frozenset({"al", "el", "as", "ad", "ar", "ash", "at", "az", "an", "ul", "ud"})
#: Most tokens of a site's own name.
_MAX_NAME = 5


def site_end(lower: list[str], e: int) -> int | None:
    """The token after "(descriptors) site word" starting at token ``e``, if any."""
    k, n = e, len(lower)
    while k < n and k - e < 2 and lower[k] in FACILITY_DESCRIPTORS:
        k += 1
    return k + 1 if k < n and lower[k] in SITE_WORDS else None


def _name_start(rec: Recogniser, end: int) -> int:
    """The first token of the capitalised name ending before token ``end`` (``end`` when
    none): capitalised words, hyphens inside them, Arabic articles before a hyphen."""
    toks, cap, start = rec.toks, rec.cap, rec.v.is_start
    j = end
    while j > 0 and end - j < _MAX_NAME:
        k = j - 1
        tok = toks[k]
        joined = k + 1 < rec.n and tok.end == toks[k + 1].start
        if (
            (cap[k] and not rec.v.stop[k])
            or (tok.text == "-" and joined and k > 0 and toks[k - 1].end == tok.start)
            or (tok.text in _ARTICLES and joined and toks[k + 1].text == "-")
        ):
            j = k
        else:
            break
        if start[j]:
            break
    while j < end and not cap[j]:  # a name starts with a capital
        j += 1
    return j


def site_spans(rec: Recogniser) -> list[tuple[int, int]]:
    """Token spans of sites with a name of their own ("Zamzam camp", "Ain al-Asad air base").

    The name before the site word must be unknown to the gazetteer (a known one is the
    town's, read by the recogniser) and no demonym ("Russian base").
    """
    out = []
    lower = rec.lower
    for i, low in enumerate(lower):
        if low not in SITE_WORDS:
            continue
        k = i
        while k > 0 and i - k < 2 and lower[k - 1] in FACILITY_DESCRIPTORS:
            k -= 1
        j = _name_start(rec, k)
        if j == k:
            continue
        name = rec.v.span_text(j, k)
        if rec.gaz.has_name(name) or demonym_target(name) is not None:
            continue
        if rec.toks[j].text.isupper() and len(rec.toks[j].text) > 1 and j + 1 == k:
            continue  # an acronym: whose site ("the UN base"), not its name
        out.append((j, i + 1))
    return out
