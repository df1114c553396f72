"""Two names the text places against each other decide each other.

"Kucherivka, 11 km north-east of Katerynivka": Ukraine has dozens of Katerynivkas and
a few Kucherivkas, and the biggest Katerynivka is not the one with a Kucherivka 11 km to
its north-east. Ranking the anchor alone picks its most likely namesake and leaves the
located name no reading near it (placed at the wrong anchor). Here the anchor's readings
that have a reading of the located name where the text puts it (at the distance and in
the direction it states, within a district's reach of its seat, or near when it states
none) gain ``paired``; the located name then follows its anchor
(:func:`geomap.geocode.geocode_mentions` ranks it again against the anchor's new point).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from geomap._geo import haversine_km
from geomap.gazetteer.names import normalize_name as _norm
from geomap.geocode.ranking import _SETTLEMENT_POINTS, bearing_off, relation_off, wanted_bearing
from geomap.types import Candidate, GazetteerEntry, PlaceMention

__all__ = ["paired_anchors"]

#: As much as the anchor feature gives the located name's reading near its anchor.
_W_PAIRED = 4.0
#: "X near Y" (no distance stated): a reading of X within this many km fits Y in full.
_NEAR_KM = 30.0
#: Beyond its slack, a fit fades over this many km, and is none at all past 3 times it.
_FADE_KM = 5.0
#: A stated direction fits within this many degrees (between two compass points); it is
#: not read for a reading closer than :data:`_CLOSE_KM` (a village's point is rough).
_DIRECTION_DEG = 67.5
_CLOSE_KM = 3.0


def paired_anchors(
    mentions: Sequence[PlaceMention],
    entries: Sequence[Sequence[GazetteerEntry]],
    ranked: Sequence[list[Candidate]],
) -> list[list[Candidate]]:
    """``ranked`` (one ranking per mention) with the readings of each anchor that have a
    reading of a name it locates where the text puts it gaining ``paired`` (as much as
    the fit), re-sorted. Rankings are unchanged when no anchor has such a reading, or
    when all have."""
    by_name: dict[str, list[int]] = {}
    for j, m in enumerate(mentions):
        by_name.setdefault(_norm(m.name), []).append(j)
    gains: dict[str, dict[int, float]] = {}
    for i, m in enumerate(mentions):
        js = by_name.get(_norm(m.anchor or ""))
        if not js:
            continue
        xs = [e for e in entries[i] if e.level in _SETTLEMENT_POINTS]
        ys = [c.entry for c in ranked[js[0]] if c.entry.level in _SETTLEMENT_POINTS]
        fits = {y.geonameid: _fit(m.relation, y, xs) for y in ys}
        if len(set(fits.values())) < 2:  # none, or all alike: the pair decides nothing
            continue
        mine = gains.setdefault(_norm(m.anchor or ""), {})
        for gid, fit in fits.items():
            mine[gid] = max(mine.get(gid, 0.0), fit)
    if not gains:
        return list(ranked)
    out = list(ranked)
    for name, gain in gains.items():
        for j in by_name[name]:
            out[j] = _gained(ranked[j], gain)
    return out


def _gained(ranking: Sequence[Candidate], gain: dict[int, float]) -> list[Candidate]:
    """``ranking`` with each candidate's ``paired`` gain added, best first again."""
    out = []
    for c in ranking:
        g = gain.get(c.entry.geonameid, 0.0)
        if g > 0:
            w = _W_PAIRED * g
            c = Candidate(c.entry, c.score + w, (*c.features, ("paired", w)))
        out.append(c)
    return sorted(out, key=lambda c: -c.score)  # stable: ties keep their order


def _fit(relation: str | None, y: GazetteerEntry, xs: Sequence[GazetteerEntry]) -> float:
    """How well the best of ``xs`` lies where ``relation`` puts it from ``y``: 1 in full,
    fading to 0."""
    wanted = wanted_bearing(relation)
    best = math.inf
    for x in xs:
        km = haversine_km(y.lat, y.lon, x.lat, x.lon)
        if (
            wanted is not None
            and km > _CLOSE_KM
            and bearing_off(wanted, y.lat, y.lon, x.lat, x.lon) > _DIRECTION_DEG
        ):
            continue
        off = relation_off(relation, km)
        best = min(best, max(0.0, km - _NEAR_KM) if off is None else off)
    return math.exp(-best / _FADE_KM) if best < 3 * _FADE_KM else 0.0
