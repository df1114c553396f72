"""Stage 2 helper (places): the enclosing place named next to a mention.

"Sumy's X", "X, Texas", "X in Y region", "Tripoli, the Libyan capital": the parent the
geocoder ranks the mention's candidates under (:mod:`geomap.geocode.ranking`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap.places.lexicon import ADMIN1_NOUNS, COMPASS_WORDS, names_water
from geomap.places.nations import apposition_country
from geomap.places.wording import POSSESSIVE_AFTER, Word, text_between

if TYPE_CHECKING:
    from geomap.places.recognise import GazetteerLike, Recogniser

__all__ = ["direction_word", "division_noun", "parent_after_words", "parent_of"]


def parent_of(rec: Recogniser, s: int, e: int, *, street: bool = False) -> str | None:
    """Enclosing place named next to the mention ("Sumy's X", "X, Texas", "X in Y region").

    A street's parent may be any known place ("Seaton Street, Edmonton", "Fore Street
    in Edmonton"); other places need a country or first-level division.
    """
    n, cap, lower, toks = rec.n, rec.cap, rec.lower, rec.toks
    big = {"country", "admin1"}
    if s >= 2 and toks[s - 1].tag == "POS" and cap[s - 2]:
        j = s - 2
        while j > 0 and cap[j - 1]:
            j -= 1
        cand = rec._text(j, s - 1)
        if rec.gaz.has_name(cand):
            return cand
    in_list = s > 0 and toks[s - 1].text == ","
    if not in_list and e + 1 < n and toks[e].text == "," and cap[e + 1]:
        a = rec._cap_end(e + 1)  # the candidate parent: tokens e + 1 .. a - 1
        # what follows it: a list goes on ("X, Y and Z", "X, Y, Z")
        list_goes_on = a < n and (
            lower[a] in {"and", "or"} or (toks[a].text == "," and a + 1 < n and cap[a + 1])
        )
        cand = rec._text(e + 1, a)
        own = rec.gaz.lookup(rec.clean_text(s, e), limit=10)
        found = rec.gaz.lookup(cand, limit=10)
        if (
            not list_goes_on
            and not any(en.level == "country" for en in own)
            and ((street and bool(found)) or any(en.level in big for en in found))
        ):
            return cand
    if not street and (country := apposition_country(rec, e)) is not None:
        return country  # "Tripoli, the Libyan capital"
    # "X in (the) Y region" / "X in Y" / "X in central Y" (Y an admin1 or country)
    k = e
    if k + 1 < n and lower[k] == "in":
        k += 1
        if lower[k] == "the":
            k += 1
        if k + 1 < n and lower[k] in COMPASS_WORDS and not cap[k]:
            k += 1
        j = rec._cap_end(k)
        if j > k and not names_water(lower, k, j):  # "off X in the Red Sea": no division
            cand = rec._text(k, j)
            nxt = lower[j] if j < n else ""
            entries = rec.gaz.lookup(cand, limit=10)
            if (
                nxt in ADMIN1_NOUNS
                or any(en.level in big for en in entries)
                or (street and bool(entries))
            ):
                return cand
    return None


def parent_after_words(text: str, words: Sequence[Word], e: int, gaz: GazetteerLike) -> str | None:
    """The division named in ", Y Oblast" / ", Y region" after the name, if the gazetteer has it."""
    if e >= len(words) or "," not in text_between(text, words[e - 1], words[e]):
        return None
    cand = words[e].text.lstrip("#")
    if direction_word(words, e):
        return None
    if not POSSESSIVE_AFTER.match(text, words[e].end) and gaz.lookup(
        cand, levels=("admin1",), limit=1
    ):
        return cand
    return None


def direction_word(words: Sequence[Word], e: int) -> bool:
    """Whether word ``e``, after a name and a comma, is a compass word telling a direction,
    not a division ("X, north of the city": not Cameroon's North region; "X, North
    region" is one)."""
    return words[e].low in COMPASS_WORDS and not division_noun(words, e + 1)


def division_noun(words: Sequence[Word], k: int) -> bool:
    """Whether word ``k`` is a first-level division's noun ("region", "oblast")."""
    return k < len(words) and words[k].low in ADMIN1_NOUNS
