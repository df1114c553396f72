"""Stage 2 helper (places): the place a mention is located by.

"X near Y", "X, south of Y", "north and west of the town of Z": a settlement located by
a place named next to it (its ``anchor``, with the ``relation``). "X, Y district", "X (Y
raion)": a village in the district its seat Y names, when a town Y lies within
:data:`SEAT_KM` of an X; the seat is listed as a mention of its own (embedded: geocoded,
its point places X, no event's) when the text names it only there. The geocoder ranks
the mention's candidates by their distance to the anchor (:mod:`geomap.geocode.ranking`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geomap._geo import haversine_km
from geomap.places.lexicon import (
    _DIRECTION,
    _DISTANCE,
    _DISTRICT_RE,
    _RELATIVE_RE,
    ADMIN1_NOUNS,
    DISTRICT_WORDS,
    SETTLEMENT_CALLS,
)
from geomap.types import PlaceMention

if TYPE_CHECKING:
    from geomap.places.recognise import GazetteerLike

__all__ = [
    "SEAT_KM",
    "add_anchors",
    "clean_name",
    "relation_after",
    "relation_of",
    "relation_to_a_town",
]

#: How far from its district's seat a village may lie.
SEAT_KM = 60.0

_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def clean_name(text: str) -> str:
    """Strip a leading article and trailing possessive from a candidate name."""
    return _POSSESSIVE.sub("", _LEADING_THE.sub("", text)).strip()


def add_anchors(text: str, gaz: GazetteerLike, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Attach anchors to the text's settlements (see the module docstring)."""
    return _in_labelled_district(text, gaz, _anchored(text, gaz, mentions))


def _anchored(text: str, gaz: GazetteerLike, mentions: list[PlaceMention]) -> list[PlaceMention]:
    starts = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.level_hint != "city" or "pattern" not in m.signals:
            out.append(_anchored_next(text, gaz, m, starts))
            out.extend(_district_seat(text, out[-1], mentions))
            continue
        sentence = text[m.end : m.sentence_end]
        hit = _RELATIVE_RE.search(sentence)
        # (the relation right after the name, its own: "X, north and west of the town of
        # Z"; not one of another place later on: "X on Tuesday, ... an airport near Z")
        if hit and hit.group("name") != m.name and _listed_before(sentence[: hit.start()]):
            anchor, relation = clean_name(hit.group("name")), relation_of(hit)
            out.append(replace(m, anchor=anchor, relation=relation))
        else:
            out.append(m)
    return out


#: A report's label naming the district or front sector it tells of ("Y district: ...",
#: "Z oblast, Y district: ...", "Y direction: ...").
_DISTRICT_LABEL = re.compile(
    r"^[^\w\n]*(?:[^:\n]{0,40},\s*)?(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)\s+"
    r"(?P<word>district|raion|rayon|direction|axis|sector|area|community|hromada)\b"
    r"(?:\s*\([^()\n]{1,20}\))?\s*:",
    re.MULTILINE,
)
#: Label words of a smaller reach than a district's ("X community:": within a few km).
_SMALL_REACH = frozenset({"community", "hromada"})


def _in_labelled_district(
    text: str, gaz: GazetteerLike, mentions: list[PlaceMention]
) -> list[PlaceMention]:
    """The settlements a report tells of after a label naming their district or sector
    ("Y district: artillery hit X", "Y direction: drones hit Russian
    positions in X") lie in it: anchored to its seat, like "X, Y district", when a place
    of the name lies near a town of the seat's (:func:`_seat_near`). A seat the model
    did not see is listed as a mention of its own, as for "X, Y district"."""
    label = _DISTRICT_LABEL.match(text)
    if label is None:
        return mentions
    start, end = label.span("name")
    seat = clean_name(text[start:end])
    mentions = [*mentions, *_opening_village(text, gaz, label, seat, mentions)]
    mentions.sort(key=lambda m: m.start)
    relation = "community" if label.group("word").lower() in _SMALL_REACH else "district"
    out = [
        replace(m, anchor=seat, relation=relation)
        if m.start >= label.end()
        and m.role == "literal"
        and not (m.anchor or m.parent)
        and m.name != seat
        and m.level_hint not in {"admin1", "admin2", "country"}
        and _seat_near(gaz, seat, m.name)
        else m
        for m in mentions
    ]
    if out == mentions:
        return out
    if any(m.start == start for m in mentions):
        # the label names the district its villages lie in, no event's place of its own
        return [replace(m, role="embedded") if m.start == start else m for m in out]
    first = next((m for m in mentions if m.sentence_start <= start < m.sentence_end), out[0])
    return [_seat_mention(text, first, (start, end), seat), *out]


#: The capitalised name that opens a report's text after its label ("...: X shelled").
_OPENING_NAME = re.compile(r"[^\w\n]{0,4}([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)")


def _opening_village(
    text: str,
    gaz: GazetteerLike,
    label: re.Match[str],
    seat: str,
    mentions: Sequence[PlaceMention],
) -> list[PlaceMention]:
    """The village a district's label opens the report on ("Kupiansk district: X shelled,
    ..."), as a mention when the model missed it and a settlement of the name lies near
    the seat (:func:`_seat_near`)."""
    hit = _OPENING_NAME.match(text, label.end())
    if hit is None or any(m.start <= hit.start(1) < m.end for m in mentions):
        return []
    name = hit.group(1)
    if name == seat or not _seat_near(gaz, seat, name):
        return []
    # (the label's own mention gives the article; the village's sentence runs from the
    # label to the sentence's end)
    first = next((m for m in mentions if m.start >= label.start()), None)
    if first is None:
        return []
    s, e = hit.span(1)
    return [
        PlaceMention(
            article_id=first.article_id,
            start=s,
            end=e,
            text=name,
            name=name,
            sentence_start=first.sentence_start,
            sentence_end=max(first.sentence_end, _sentence_end(text, e)),
            role="literal",
            level_hint="city",
            signals=("district-label",),
        )
    ]


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends: its stop or line break (or the text's end)."""
    hit = _SENTENCE_STOP.search(text, pos)
    return hit.start() + 1 if hit else len(text)


_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")


def relation_after(text: str, end: int) -> re.Match[str] | None:
    """The relation told right after a name ending at ``end`` ("X near Y", "X, west of
    Y", past a comma and spaces), or None."""
    called = _CALLED.match(text, end)  # "X village, 7 km from Y"
    pos = _past_separators(text, called.end() if called else end)
    division = _DIVISION_ASIDE.match(text, pos)
    if division is not None:  # "X (Y oblast), south of Z", "X, Y region, near Z"
        pos = _past_separators(text, division.end())
    return _RELATIVE_RE.match(text, pos)


def relation_of(hit: re.Match[str]) -> str:
    """The relation a match of ``_RELATIVE_RE`` tells, with its distance when it gives one
    ("40 km north-west of")."""
    rel = " ".join(hit.group("rel").split())
    dist = hit.group("dist")
    return f"{' '.join(dist.split())} {rel}" if dist else rel


def relation_to_a_town(text: str, end: int) -> bool:
    """Whether a relation to a town the text names otherwise follows a name ending at
    ``end`` ("X, north of the city", "X, 5 km east of the town"): X is located, by no
    name."""
    return _RELATIVE_TO_TOWN.match(text, _past_separators(text, end)) is not None


_RELATIVE_TO_TOWN = re.compile(
    rf"(?:{_DISTANCE}\s+)?{_DIRECTION}\s+of\s+the\s+(?:city|town|village|regional\s+centre)\b",
    re.IGNORECASE,
)

#: What a name is called right after it ("X village", "X settlement").
_CALLED = re.compile(rf"\s+(?:{'|'.join(sorted(SETTLEMENT_CALLS))})\b")

#: A first-level division named between a name and its relation, in brackets or commas.
_DIVISION_ASIDE = re.compile(
    rf"\(?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?\s+(?:{'|'.join(sorted(ADMIN1_NOUNS))})\)?"
    r"(?=\s*,)",
    re.IGNORECASE,
)


def _past_separators(text: str, pos: int) -> int:
    """Past the comma and spaces (three characters at most) after ``pos``."""
    end = pos
    while end < min(len(text), pos + 3) and text[end] in " ,":
        end += 1
    return end


def _listed_before(gap: str) -> bool:
    """Whether only separators and other names lie between a name and its relation ("X
    and Y - north and west of Z"), no words of another clause."""
    return all(w[:1].isupper() or w in {"and", "or"} for w in re.findall(r"[^\W\d_]+", gap))


def _anchored_next(
    text: str, gaz: GazetteerLike, m: PlaceMention, starts: dict[int, PlaceMention]
) -> PlaceMention:
    """ "X near Y", "X, south of Y", "X, Y district": a settlement located by the place
    named next to it."""
    if m.role != "literal" or m.anchor or m.level_hint in {"admin1", "country"}:
        return m
    district = _DISTRICT_RE.match(text, m.end)
    if district is not None and district.group(1)[:1].isupper():
        seat = clean_name(district.group(1))  # "X, Y district": near Y, its seat
        if seat != m.name and _seat_near(gaz, seat, m.name):
            return replace(m, anchor=seat, relation=district.group(2).lower())
    hit = relation_after(text, m.end) or _situated(text, m)
    other = starts.get(hit.start("name")) if hit else None
    if hit is None or other is None or other.role != "literal" or other.name == m.name:
        return m
    if other.feature:
        return m  # "X near the Y plant": a site named after Y, or after someone, not Y
    return replace(m, anchor=other.name, relation=relation_of(hit))


#: A predicate that tells where something lies.
_LIES = r"(?:lies|lay|sits|sat|(?:is|was)\s+(?:located|situated))\b"
#: "X lies ...", "X, which is located ...": a predicate that tells where X lies.
_SITUATED = re.compile(rf",?\s+(?:which\s+|that\s+)?{_LIES}")
#: The same past a relative clause of the name ("X, which had 70,000 residents, lies ...").
_SITUATED_PAST_CLAUSE = re.compile(rf",\s+which\s+[^.;:!?\n]{{1,120}}?,\s+{_LIES}")


def _situated(text: str, m: PlaceMention) -> re.Match[str] | None:
    """The relation a predicate of the name tells later in its sentence ("X lies on the
    coast, in the Y district, about 50 km south-west of Z"), or None."""
    lies = _SITUATED.match(text, m.end) or _SITUATED_PAST_CLAUSE.match(text, m.end)
    if lies is None:
        return None
    return _RELATIVE_RE.search(text, lies.end(), m.sentence_end)


def _seat_near(gaz: GazetteerLike, seat: str, name: str) -> bool:
    """Whether a town ``seat`` (no city's district) lies within :data:`SEAT_KM` of a
    settlement called ``name``: the district's seat can place it ("Krasnogvardeysky
    district", named after no town nearby, cannot)."""
    towns = [
        en
        for en in gaz.lookup(seat, limit=10)
        if en.feature_class == "P" and en.feature_code != "PPLX"
    ]
    places = [en for en in gaz.lookup(name, limit=30) if en.feature_class == "P"]
    return any(haversine_km(t.lat, t.lon, p.lat, p.lon) <= SEAT_KM for t in towns for p in places)


def _district_seat(
    text: str, m: PlaceMention, mentions: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """The seat a district anchors ``m`` by ("X, Y district"), as a mention of its own
    when the text has none: listed and geocoded (its point places X), no event's."""
    if m.relation not in DISTRICT_WORDS or any(o.name == m.anchor for o in mentions):
        return []
    hit = _DISTRICT_RE.match(text, m.end)
    if hit is None:
        return []
    return [_seat_mention(text, m, hit.span(1), m.anchor or "")]


def _seat_mention(text: str, near: PlaceMention, span: tuple[int, int], name: str) -> PlaceMention:
    """A district's seat at ``span`` that the text names only with its district, as a
    mention of its own (in ``near``'s sentence): listed and geocoded, no event's place."""
    start, end = span
    return PlaceMention(
        article_id=near.article_id,
        start=start,
        end=end,
        text=text[start:end],
        name=name,
        sentence_start=near.sentence_start,
        sentence_end=near.sentence_end,
        role="embedded",
        level_hint="city",
        signals=("district-seat",),
    )
