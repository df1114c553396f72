"""Stage 2 helper (places): names of nations as mentions.

Seats of government used for their state ("the Kremlin said") become metonymic mentions
of their city; nationality adjectives ("Iranian", "South African") become ``demonym``
mentions named after their country or region. Both skip what the recogniser already
took (``taken``) and the article's boilerplate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geomap.places.demonyms import DEMONYMS, REGION_DEMONYMS, demonym_target
from geomap.places.lexicon import GOVERNMENT_SEATS, SEAT_CITIES
from geomap.places.spans import Spans
from geomap.types import PlaceMention

if TYPE_CHECKING:
    from geomap.places.recognise import Recogniser

__all__ = [
    "apposition_country",
    "demonym_mentions",
    "government_seats",
    "seat_city",
    "theatre_of_text",
]

_DEMONYM_FIRST_WORDS = frozenset(k.split()[0] for k in (*DEMONYMS, *REGION_DEMONYMS) if " " in k)
_SEATS_RE = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(GOVERNMENT_SEATS, key=len, reverse=True))) + r")\b",
    re.IGNORECASE,
)


def government_seats(rec: Recogniser, taken: list[tuple[int, int]]) -> list[PlaceMention]:
    """Seats of government ("the Kremlin") as metonymic mentions of their city."""
    out = []
    busy = Spans(taken)
    text = rec.article.text
    for m in _SEATS_RE.finditer(text):
        if not text[m.start()].isupper():
            continue
        span = rec.v.char_span(m.start(), m.end())
        if span is None or busy.meets(span[0], span[1]):
            continue
        if rec.skip.holds(m.start(), m.end()):
            continue
        sent = rec.v.sentence_of(span[0])
        city, country = seat_city(rec, m.group(0))
        out.append(
            PlaceMention(
                article_id=rec.article.id,
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                name=city,
                sentence_start=sent.start,
                sentence_end=sent.end,
                role="metonymic",
                parent=country,
                signals=("pattern",),
            )
        )
    return out


def seat_city(rec: Recogniser, seat: str) -> tuple[str, str]:
    """(city, country name) of a seat of government ("the Kremlin" -> Moscow, Russia)."""
    key = seat.lower()
    return SEAT_CITIES[key], rec.gaz.country_name(GOVERNMENT_SEATS[key])


def demonym_mentions(rec: Recogniser, taken: list[tuple[int, int]]) -> list[PlaceMention]:
    """Nationality adjectives as ``role="demonym"`` mentions named after their country."""
    out = []
    n, cap, toks = rec.n, rec.cap, rec.toks
    busy = Spans(taken)
    skip_to = 0
    for i, tok in enumerate(toks):
        if i < skip_to or not cap[i] or busy.meets(i, i + 1):
            continue
        # the longest demonym from here: "South East Asian", "South African", "Iranian"
        last, target = i, None
        if rec.lower[i] in _DEMONYM_FIRST_WORDS:
            for k in (3, 2):
                if i + k > n or not all(cap[i : i + k]) or busy.meets(i + k - 1, i + k):
                    continue
                target = demonym_target(" ".join(t.text for t in toks[i : i + k]))
                if target is not None:
                    last = i + k - 1
                    break
        if target is None:
            target = demonym_target(tok.text)
        if target is None or rec.ent_label.get(i) == "PERSON":
            continue
        cc, region = target
        name = rec.gaz.country_name(cc) if cc else region
        end = toks[last].end
        if not name or rec.skip.holds(tok.start, end):
            continue
        if "-" in toks[last].text:
            end = toks[last].start + toks[last].text.index("-")
        skip_to = last + 1
        sent = rec.v.sentence_of(i)
        out.append(
            PlaceMention(
                article_id=rec.article.id,
                start=tok.start,
                end=end,
                text=rec.article.text[tok.start : end],
                name=name,
                sentence_start=sent.start,
                sentence_end=sent.end,
                role="demonym",
                level_hint="country" if cc else None,
                signals=("demonym",),
            )
        )
    return out


#: Words an apposition may open with ("X, the Libyan capital", "X, a Portuguese resort").
_APPOSITION_OPENERS = frozenset({"the", "a", "an"})
#: How many words of an apposition are read for a nationality.
_APPOSITION_WORDS = 5


def apposition_country(rec: Recogniser, e: int) -> str | None:
    """The country a nationality in an apposition after a name gives it ("Tripoli, the
    *Libyan* capital"; "Hyderabad, the southern *Indian* technology hub"), by name.

    An apposition the parser marks so, or one a comma closes before any verb ("Lagos,
    the Portuguese resort town, said"); not the subject of the clause ("In X, a
    Russian drone dropped ...").
    """
    toks, n = rec.toks, rec.n
    if e + 2 >= n or toks[e].text != "," or rec.lower[e + 1] not in _APPOSITION_OPENERS:
        return None
    name = toks[e - 1].i
    code = None
    appos = False
    for k in range(e + 2, min(e + 3 + _APPOSITION_WORDS, n)):
        appos = appos or (toks[k].dep == "appos" and toks[k].head == name)
        if rec.v.punct[k] or toks[k].pos in {"VERB", "AUX", "ADP"}:
            closed = toks[k].text in {",", ";", ".", ")"} or appos
            return rec.gaz.country_name(code) if code and closed and k > e + 2 else None
        found = DEMONYMS.get(rec.lower[k])
        if found is not None and toks[k].text[:1].isupper() and code is None:
            code = found
    return rec.gaz.country_name(code) if code and appos else None


#: Roles of a mention that says the text is about its place.
_OWN_ROLES = frozenset({"literal", "metonymic"})
#: A text this long is an article, read against its own countries of the run's theatre.
_ARTICLE_CHARS = 1000


def theatre_of_text(rec: Recogniser, mentions: Sequence[PlaceMention]) -> tuple[str, ...]:
    """The countries the theatre pass reads a text against: the run's theatre as the text
    draws on it, and the countries the text names itself ("TBILISI, Georgia": a story
    from a country the rest of the run is not about)."""
    return tuple(dict.fromkeys((*_theatre_here(rec, mentions), *_countries_named(rec, mentions))))


def _theatre_here(rec: Recogniser, mentions: Sequence[PlaceMention]) -> tuple[str, ...]:
    """The run's theatre countries the text draws on: all of them for a short text (a
    report names its village alone), those its own first-pass places lie in for an
    article (a story from Sri Lanka in a run that names US towns is read for no US town:
    "Temple Trees" is no Temple, Texas)."""
    if len(rec.article.text) < _ARTICLE_CHARS:
        return rec.theatre
    own = {
        en.country_code
        for m in mentions
        if m.role in _OWN_ROLES
        for en in rec.gaz.lookup(m.name, limit=1)
        if en.level != "country"
    }
    return tuple(c for c in rec.theatre if c in own)


def _countries_named(rec: Recogniser, mentions: Sequence[PlaceMention]) -> list[str]:
    """The countries the article is about: those its (first-pass) literal mentions name
    twice or more (a country named once in passing is not its story's)."""
    names = Counter(m.name for m in mentions if m.role in _OWN_ROLES)
    out: list[str] = []
    for name in (n for n, k in names.items() if k >= 2):
        out += [en.country_code for en in rec.gaz.lookup(name, levels=("country",), limit=1)]
    return out
