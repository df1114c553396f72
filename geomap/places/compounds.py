"""Stage 2 helper (places): a place name inside a hyphenated compound.

English packs a place into a compound in three ways, told apart by syntax alone (the
word after the hyphen, its case and part of speech), never by a list of place names:

* a **modifier**: the name, a hyphen and a participle or adjective qualifying a noun
  ("US-made munitions", "Iran-backed militia", "Russia-installed officials",
  "Qatar-based channel"). The place is whoever made, backed or installed the thing
  (role ``metonymic``), or where an organisation is based (role ``embedded``,
  :data:`~geomap.places.lexicon.BASE_PARTICIPLES`); never where the sentence's event
  happened. A prefix before the name ("anti-Israel protest", "pro-Russia rally") reads
  the same way: a side, not a place;
* **sides**: two names joined by a hyphen before a noun ("Moscow-Kyiv talks", "the
  Israel-Hamas war"), handled in :mod:`geomap.places.roles`;
* a **route**: two places joined by a hyphen before a route noun ("the Mogadishu-Afgooye
  road", "on the Kaduna-Kachia highway"). The road is one place: a mention spanning
  the whole phrase, placed at the first town it names (or at the place the text
  locates it against, "... road near Kajuru"), while the two names become parts of
  the road's name (role ``embedded``).

A name followed by a hyphen and a capitalised word or a joiner ("Rostov-on-Don") or a
number ("Dnipro-1") is none of these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geomap.places.lexicon import BASE_PARTICIPLES, ROUTE_NOUNS, SIDE_PREFIXES
from geomap.types import Article, PlaceMention, Token

if TYPE_CHECKING:
    from geomap.places.doc_view import DocView

__all__ = ["in_route", "modifier_role", "route_after", "route_mentions"]

#: Tags of a word after the hyphen that qualifies a noun: past participles, adjectives,
#: present participles ("US-made", "Kremlin-friendly", "oil-producing").
_MODIFIER_TAGS = frozenset({"VBN", "VBD", "JJ", "VBG"})
#: Lower-case words inside place names after a hyphen ("Rostov-on-Don", "Frankfurt-am-Main").
_JOINERS = frozenset(
    {"on", "upon", "am", "an", "de", "du", "des", "la", "le", "les", "sur", "en", "di", "del",
     "al", "el", "ul", "ad", "ar", "as", "ash", "at", "ed", "er", "es", "ez", "und", "im", "in"}
)  # fmt: skip
#: Hyphens and dashes that join the parts of a compound (with no space around them).
_HYPHENS = frozenset({"-", "‐", "‑", "–"})


def _joined(toks: Sequence[Token], a: int, b: int) -> bool:
    """Whether tokens ``a`` and ``b`` (``b == a + 1``) touch, with no space between."""
    return toks[a].end == toks[b].start


def modifier_role(toks: Sequence[Token], s: int, e: int) -> str | None:
    """The role of the name at tokens ``s:e`` when it is part of a hyphenated modifier.

    "US-made", "Iran-backed", "Russia-installed" (the place acts: ``metonymic``),
    "Qatar-based", "Gaza-born" (where someone or something is based: ``embedded``),
    "anti-Israel", "pro-Russia" (a side: ``metonymic``); None for any other name.
    """
    n = len(toks)
    if (
        e + 1 < n
        and toks[e].text in _HYPHENS
        and _joined(toks, e - 1, e)
        and _joined(toks, e, e + 1)
    ):
        word = toks[e + 1]
        low = word.text.lower()
        if word.text.isalpha() and word.text.islower() and low not in _JOINERS:
            if low in BASE_PARTICIPLES:
                return "embedded"
            if word.tag in _MODIFIER_TAGS:
                return "metonymic"
    if (
        s >= 2
        and toks[s - 1].text in _HYPHENS
        and toks[s - 2].text.lower() in SIDE_PREFIXES
        and _joined(toks, s - 2, s - 1)
        and _joined(toks, s - 1, s)
    ):
        return "metonymic"
    return None


def route_after(toks: Sequence[Token], s: int, e: int) -> int | None:
    """End token of "A-B road" when the name at tokens ``s:e`` is its first place A.

    The second name B is a run of at most three capitalised tokens right after the
    hyphen; a route noun (:data:`~geomap.places.lexicon.ROUTE_NOUNS`) follows it.
    Returns the index after the route noun, or None.
    """
    n = len(toks)
    if not (e + 1 < n and toks[e].text in _HYPHENS and _joined(toks, e - 1, e)):
        return None
    if not _joined(toks, e, e + 1):
        return None
    k = e + 1
    while k < n and k - (e + 1) < 3 and toks[k].text[:1].isupper():
        k += 1
    if k == e + 1 or k >= n:
        return None
    return k + 1 if toks[k].text.lower() in ROUTE_NOUNS else None


def in_route(toks: Sequence[Token], s: int, e: int) -> bool:
    """Whether the name at tokens ``s:e`` is one end of "A-B road" (A or B)."""
    if route_after(toks, s, e) is not None:
        return True
    return (
        s >= 2
        and toks[s - 1].text in _HYPHENS
        and toks[s - 2].text[:1].isupper()
        and _joined(toks, s - 2, s - 1)
        and _joined(toks, s - 1, s)
        and e < len(toks)
        and toks[e].text.lower() in ROUTE_NOUNS
    )


def route_mentions(
    article: Article, view: DocView, mentions: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """Read "the A-B road" as one place: a mention of the road, A and B parts of its name.

    The road's mention spans "A-B road" (``level_hint`` "street", ``parent`` A, the
    phrase kept as ``feature``): geocoding places it at A, or at the place the text
    locates it against (:attr:`~geomap.types.PlaceMention.anchor`). A and B keep their
    mentions, listed and geocoded, with role ``embedded``: no event is theirs.
    """
    toks = view.tokens
    out = list(mentions)
    by_start = {m.start: k for k, m in enumerate(out)}
    roads: list[PlaceMention] = []
    for k, m in enumerate(mentions):
        span = view.char_span(m.start, m.end)
        if m.role not in {"literal", "metonymic"} or m.level_hint or span is None:
            continue
        end = route_after(toks, *span)
        if end is None:
            continue
        stop = toks[end - 1].end
        phrase = article.text[m.start : stop]
        road = replace(
            m, end=stop, text=phrase, name=phrase, role="literal", level_hint="street",
            parent=m.name, feature=phrase, signals=("pattern",),
        )  # fmt: skip
        roads.append(road)
        out[k] = replace(m, role="embedded", feature=phrase)
        second = by_start.get(toks[span[1] + 1].start)
        if second is not None:
            out[second] = replace(out[second], role="embedded", feature=phrase)
    return sorted([*out, *roads], key=lambda m: (m.start, -m.end))
