"""Stage 4 helper, events: which of a sentence's places is where its event happened.

* A place reached through "from" is an origin or a launch site ("fired from a base near
  X", "driven into Ukraine from X"), not where a strike or attack happened; only a
  change of territory ("drove troops out from X") is located there.
* A place under a statement, speech, ceremony or commemoration ("said in a statement
  issued in X", "a memorial service in X") is where words were spoken, not the event.
* When the event's places include a country, a place resolved in another country is a
  misreading of a word ("the Gulf Arab state of X"). A sub-place whose gazetteer entry
  lies in another country than the place the text puts it in ("X's Wadi Y district"
  resolved to a town abroad) is a misreading too: the event sits at the enclosing
  place instead, near it (geo_precision 2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from geomap.types import GazetteerEntry, PlaceMention, Token

__all__ = ["NEAR_NOUNS", "ORIGIN_PREPS", "SPEECH_NOUNS", "consistent_places", "is_event_path"]

#: Nouns that put an event near a place, not in it (geo_precision 2).
NEAR_NOUNS = frozenset({"outskirts", "outskirt", "vicinity", "edge", "environs", "suburb"})

#: Prepositions that introduce an origin or launch site.
ORIGIN_PREPS = frozenset({"from"})
#: Nouns of what was recorded at a place: "footage from X" shows X, it is no launch site.
EVIDENCE_NOUNS = frozenset(
    {"footage", "video", "photo", "image", "picture", "clip", "scene", "shot", "imagery",
     "report", "aftermath"}
)  # fmt: skip
#: Nouns under which a place is the setting of words, not of the event.
SPEECH_NOUNS = frozenset(
    {"statement", "speech", "conference", "ceremony", "commemoration", "memorial", "service",
     "vigil", "interview", "briefing", "funeral", "address", "remark", "parliament", "summit",
     "hearing", "court", "trial", "press"}
)  # fmt: skip


class _PlaceLike(Protocol):
    @property
    def entry(self) -> GazetteerEntry: ...

    @property
    def mention(self) -> PlaceMention: ...


def is_event_path(path: Sequence[Token], preps: Sequence[str], *, territory: bool) -> bool:
    """Whether a place reached along ``path`` (place head first) can locate the event.

    Parameters
    ----------
    path
        Tokens from the place's head up to (not including) the trigger or its clause.
    preps
        Lower-case prepositions on that path.
    territory
        Whether the trigger is a change of territory (origins then count).
    """
    if not territory and any(p in ORIGIN_PREPS for p in preps) and not _recorded_at(path):
        return False
    return not any(t.lemma.lower() in SPEECH_NOUNS for t in path[1:])


def _recorded_at(path: Sequence[Token]) -> bool:
    """Whether every origin preposition on ``path`` hangs on a noun of a recording.

    In "footage from X shows the aftermath of shelling" X is where it was filmed; in
    "a missile launched from X" X is the launch site.
    """
    found = False
    for i, t in enumerate(path[:-1]):
        if t.lemma.lower() in ORIGIN_PREPS:
            if path[i + 1].lemma.lower() not in EVIDENCE_NOUNS:
                return False
            found = True
    return found


_P = TypeVar("_P", bound=_PlaceLike)
#: What joins two halves of one name the gazetteer lacks ("Wadi al-Kabir", "Ras el-Ain").
_NAME_JOINT = re.compile(r"^[\s-]*(?:(?:al|el|ad|ar|as|ash|an|at|az|ad|ibn|bin|bani|abu)[\s-]+)?$")


def consistent_places(
    places: Sequence[_P], text: str, *, one_country: bool = True
) -> tuple[list[_P], set[int]]:
    """Drop sub-places resolved outside the country of the place the text puts them in.

    The second half of such a name ("... al-Kabir" after the dropped "Wadi") goes with it.
    With ``one_country`` (violence, protests: not talks, which often span countries), places
    resolved outside the countries among ``places`` are dropped too.
    Returns the kept places and the indices (into the kept list) of enclosing places that
    stand in for a dropped sub-place (the event is *near* them: geo_precision 2).
    """
    by_name = {p.mention.name: p for p in places}
    dropped_parents: set[str] = set()
    dropped_ends: list[int] = []
    kept: list[_P] = []
    for p in sorted(places, key=lambda q: q.mention.start):
        parent = by_name.get(p.mention.parent or "")
        if (
            parent is not None
            and parent is not p
            and parent.entry.country_code != p.entry.country_code
        ):
            dropped_parents.add(parent.mention.name)
            dropped_ends.append(p.mention.end)
            continue
        if any(
            0 <= p.mention.start - end <= 6 and _NAME_JOINT.match(text[end : p.mention.start])
            for end in dropped_ends
        ):
            dropped_ends.append(p.mention.end)
            continue
        kept.append(p)
    countries = {p.entry.country_code for p in kept if p.entry.level == "country"}
    if countries and one_country:  # "the area of Yemen's X Port": a "Port" abroad is a misreading
        kept = [p for p in kept if p.entry.country_code in countries]
    near = {i for i, p in enumerate(kept) if p.mention.name in dropped_parents}
    return kept, near
