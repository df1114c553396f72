"""Stage 2 helper (places): how a place mention is used — literal, metonymic, credit, caption.

Kept apart from :mod:`geomap.places` so that the rules read as one table. It works
on the plain :class:`~geomap.types.Token` records ``places`` exports from spaCy; spaCy
is never imported here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geomap.places.compounds import modifier_role, route_after
from geomap.places.lexicon import ROUTE_NOUNS
from geomap.types import Token

__all__ = ["assign_role", "credit_spans"]

#: Photo agencies and credit words that end a credit line ("/Reuters", "/AFP").
_AGENCIES = (
    r"Reuters|AFP|AP|Getty(?: Images)?|EPA(?:-EFE)?|Sputnik|TASS|Anadolu|Xinhua|Bloomberg|"
    r"Shutterstock|Alamy|PA|Ukrinform|UNIAN|Pool|Handout|Press Service|Photo"
)
_CREDIT_LINE = re.compile(rf"^(?P<caption>.*?)\s+/(?P<credit>[^\n]*(?:{_AGENCIES})[^\n]*)$", re.M)
_PHOTO_LINE = re.compile(
    r"^(?:Photo(?:graph)?|Image|Picture|Credit)s?\s*(?:by|:)[^\n]*$", re.M | re.IGNORECASE
)

#: Verbs whose direct object is a physical place ("attack Kyiv").
_PHYSICAL_VERBS = frozenset(
    {
        "attack",
        "strike",
        "hit",
        "shell",
        "bomb",
        "target",
        "capture",
        "take",
        "seize",
        "liberate",
        "encircle",
        "visit",
        "enter",
        "leave",
        "reach",
        "approach",
        "surround",
        "defend",
        "occupy",
        "invade",
        "storm",
        "evacuate",
        "flee",
        "rock",
        "shake",
        "pound",
        "raid",
        "bombard",
        "tour",
        "retake",
        "recapture",
        "besiege",
        "blockade",
        "reclaim",
        "lose",
    }
)
#: Nouns whose "on X" is a physical target ("air strike on Kyiv").
_ATTACK_NOUNS = frozenset(
    {
        "strike",
        "strikes",
        "attack",
        "attacks",
        "assault",
        "raid",
        "raids",
        "offensive",
        "bombardment",
        "shelling",
        "advance",
        "march",
        "barrage",
        "salvo",
        "missile",
        "missiles",
        "drone",
        "drones",
        "fire",
        "push",
        "onslaught",
        "bombing",
        "rocket",
    }
)
#: Possessed nouns that keep the possessor physical ("Kyiv's outskirts").
_PLACE_NOUNS = frozenset(
    {
        "region",
        "regions",
        "city",
        "centre",
        "center",
        "outskirts",
        "suburbs",
        "suburb",
        "streets",
        "street",
        "port",
        "ports",
        "airport",
        "border",
        "borders",
        "territory",
        "residents",
        "people",
        "population",
        "infrastructure",
        "district",
        "districts",
        "oblast",
        "province",
        "coast",
        "skies",
        "sky",
        "capital",
        "north",
        "south",
        "east",
        "west",
        "downtown",
        "neighbourhoods",
        "neighborhoods",
        "villages",
        "towns",
        "cities",
        "hospitals",
        "buildings",
        "homes",
        "energy",
        "grid",
        "largest",
        "second",
    }
)
_LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "around",
        "outside",
        "across",
        "inside",
        "throughout",
        "into",
        "from",
        "to",
        "toward",
        "towards",
        "over",
        "through",
        "within",
        "along",
        "off",
        "beyond",
        "via",
        "under",
        "above",
        "below",
        "past",
        "onto",
        "of",
        "against",
    }
)
_AGENT_PREPS = frozenset({"with", "between", "by", "among", "amongst"})
#: Nouns (lemmas) a country's or capital's name qualifies as their owner: "US airstrikes",
#: "UK officials", "Moscow's troops" name who acts, not where.
_ACTOR_NOUNS = frozenset(
    {
        "force", "troop", "army", "military", "soldier", "navy", "marine", "government",
        "official", "authority", "administration", "ministry", "minister", "president",
        "leader", "envoy", "diplomat", "intelligence", "airstrike", "strike", "air", "drone",
        "missile", "warplane", "jet", "aircraft", "bomber", "artillery", "raid", "attack",
        "sanction", "delegation", "negotiator", "commander", "general", "spokesman",
        "spokesperson", "ally", "backing", "aid", "weapon",
    }
)  # fmt: skip


def credit_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, kind)`` spans of photo credits and captions.

    A caption line ends with a credit introduced by `` /`` and naming an agency
    ("A destroyed tank near ... /Alexander Ermochenko/Reuters"): the part before
    the slash is the caption, the rest the credit.
    """
    out: list[tuple[int, int, str]] = []
    for m in _CREDIT_LINE.finditer(text):
        out.append((m.start("caption"), m.end("caption"), "caption"))
        out.append((m.start("credit") - 1, m.end("credit"), "credit"))
    out.extend(
        (m.start(), m.end(), "credit")
        for m in _PHOTO_LINE.finditer(text)
        if _names_only(m.group(0).split(":", 1)[-1])
    )
    return out


#: Lower-case words a credit may hold besides names ("Photo: courtesy of the army").
_CREDIT_WORDS = frozenset(
    {"by", "via", "courtesy", "of", "the", "and", "for", "from", "press", "service", "office",
     "handout", "pool", "photo", "photos", "file"}
)  # fmt: skip


def _names_only(rest: str) -> bool:
    """Whether what follows "Photo:" credits someone, not describes the picture.

    "Photo: Sergei Supinsky/AFP" credits; "Photo: destroyed bridge in X after a strike"
    is a report of what the picture shows, its places literal.
    """
    words = re.findall(r"[^\W\d_]+", rest)
    return not any(w.islower() and w not in _CREDIT_WORDS for w in words)


def _root(toks: Sequence[Token], s: int, e: int) -> Token:
    for tok in toks[s:e]:
        if not (s <= tok.head < e) or tok.head == tok.i:
            return tok
    return toks[e - 1]


def assign_role(
    toks: Sequence[Token],
    s: int,
    e: int,
    start_char: int,
    end_char: int,
    photo_lines: list[tuple[int, int, str]],
    *,
    capital: bool,
) -> str:
    """Return the role of the mention spanning tokens ``s:e`` of a document.

    Parameters
    ----------
    toks
        The document's tokens (``toks[i].i == i``).
    s, e
        Token span of the mention.
    start_char, end_char
        Its character span.
    photo_lines
        Output of :func:`credit_spans` for the same text.
    capital
        Whether the name can stand for a government (a capital city or a country);
        only such names are read metonymically.
    """
    for a, b, kind in photo_lines:
        if a <= start_char and end_char <= b:
            return kind
    # "US-made munitions", "Qatar-based channel", "anti-Israel": who acts, or a description
    compound = modifier_role(toks, s, e)
    if compound is not None:
        return compound
    if not capital:
        return "literal"
    tok = _root(toks, s, e)
    if _sides(toks, s, e):
        return "metonymic"
    while tok.dep == "conj" and tok.head != tok.i:
        tok = toks[tok.head]
    return _role_by_dependency(toks, tok)


def _sides(toks: Sequence[Token], s: int, e: int) -> bool:
    """Whether the name at tokens ``s:e`` is one of a hyphenated pair of sides.

    "Moscow-Kyiv talks", "the Israel-Hamas war"; not the two ends of a route ("the
    Mogadishu-Afgooye road", :mod:`geomap.places.compounds`).
    """
    n = len(toks)
    first = e < n and toks[e].text == "-" and e + 1 < n and toks[e + 1].pos == "PROPN"
    second = s >= 2 and toks[s - 1].text == "-" and toks[s - 2].pos == "PROPN"
    if first:
        return route_after(toks, s, e) is None
    return second and not (e < n and toks[e].text.lower() in ROUTE_NOUNS)


def _role_by_dependency(toks: Sequence[Token], tok: Token) -> str:
    """The role of a capital or country read from how its head token hangs in the clause."""
    dep = tok.dep
    head = toks[tok.head]
    if dep == "nsubj":
        return "literal" if head.lemma == "be" else "metonymic"
    if dep == "dative":
        return "metonymic"
    if dep in {"compound", "nmod"} and head.lemma.lower() in _ACTOR_NOUNS:
        return "metonymic"  # "US airstrikes hit X": the US acts, X is where
    if dep == "dobj":
        return "literal" if head.lemma in _PHYSICAL_VERBS else "metonymic"
    if dep == "poss":
        if head.text.lower() in _PLACE_NOUNS or head.pos == "PROPN":
            return "literal"
        return "metonymic"
    if dep == "pobj":
        prep = head.text.lower()
        if prep == "on":
            gov = toks[head.head]
            return (
                "literal"
                if gov.text.lower() in _ATTACK_NOUNS or gov.lemma in _PHYSICAL_VERBS
                else "metonymic"
            )
        if prep in _AGENT_PREPS:
            return "metonymic"
        return "literal"
    return "literal"
