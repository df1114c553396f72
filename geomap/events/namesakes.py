"""Stage 4 helper (events): a place the text leaves ambiguous, decided by the run itself.

A name several far-apart villages share ("Vilkhivka", "Novoselivka"), told without an
oblast, a parent or a nearby place, is *ambiguous* (:attr:`ResolvedPlace.namesakes
<geomap.types.ResolvedPlace.namesakes>`): its event is coded at the level its namesakes
share (their first-level division at geo_precision 3, else no point) and lists them in
``alternatives``. Once every article of the run is coded, :func:`decide_namesakes`
weighs each namesake by the run's own activity: the events placed without doubt (a
settlement's point, geo_precision 1 or 2) of *other* articles, the nearer in space and
time the heavier (a kernel of :data:`SPACE_KM` and :data:`TIME_DAYS`), above a
:data:`BACKGROUND` every place has (events happen in quiet places too), times the
namesake's prior from the text (:attr:`Namesake.prior <geomap.types.Namesake.prior>`: its
size and what the text says of it). A namesake that holds :data:`DECIDE` of the weight
takes the event, unless the run is active near more than one namesake (support of
:data:`ACTIVE` or more: contested); otherwise the event stays undecided, drawn apart,
never pinned as if certain.

The decision reads only the run's events, after the per-article stages: it is the same
whatever the cache held, however many workers ran, and in any input order.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace

from geomap._geo import haversine_km
from geomap.events.inventory import country_name
from geomap.types import Event, Namesake, ResolvedPlace

__all__ = [
    "ACTIVE",
    "BACKGROUND",
    "DECIDE",
    "SPACE_KM",
    "TIME_DAYS",
    "choose",
    "decide_namesakes",
    "decide_places",
    "support",
]

#: Distance scale of the run's support for a namesake (weight e^-1 at this distance).
SPACE_KM = 40.0
#: Time scale (weight e^-1 this many days apart; undated events weigh as same-day).
TIME_DAYS = 14.0
#: Support any place has: events happen in quiet places too (the prior of a namesake).
BACKGROUND = 0.5
#: The share of the namesakes' weight that decides.
DECIDE = 0.8
#: Support that makes a namesake's area active: two active namesakes are contested (the
#: run reports near both), and the event stays undecided.
ACTIVE = 0.5
#: Grid cell (degrees) of the evidence index; evidence beyond 3 scales weighs nothing.
_CELL = 1.0
_REACH_KM = 3 * SPACE_KM
_REACH_DAYS = 3 * TIME_DAYS
_POINT_LEVELS = frozenset({"city", "village", "other", "admin2"})


def _evidence(events: Sequence[Event]) -> dict[tuple[int, int], list[Event]]:
    """The run's certainly placed events, indexed by grid cell."""
    grid: dict[tuple[int, int], list[Event]] = {}
    for ev in events:
        if (
            ev.alternatives
            or ev.latitude is None
            or ev.longitude is None
            or ev.geo_precision > 2
            or ev.location_level not in _POINT_LEVELS
        ):
            continue
        cell = (math.floor(ev.latitude / _CELL), math.floor(ev.longitude / _CELL))
        grid.setdefault(cell, []).append(ev)
    return grid


def support(
    lat: float,
    lon: float,
    grid: dict[tuple[int, int], list[Event]],
    *,
    article_id: str,
    day: dt.date | None,
) -> float:
    """The run's support for a place at (lat, lon) as the place of something article
    ``article_id`` tells of ``day``: the certain events of other articles around it."""
    total = 0.0
    lat0, lon0 = math.floor(lat / _CELL), math.floor(lon / _CELL)
    for dlat in (-1, 0, 1):
        for dlon in (-2, -1, 0, 1, 2):  # a degree of longitude is shorter than of latitude
            for other in grid.get((lat0 + dlat, lon0 + dlon), ()):
                if other.article_id == article_id or article_id in other.sources:
                    continue
                assert other.latitude is not None
                assert other.longitude is not None
                km = haversine_km(lat, lon, other.latitude, other.longitude)
                days = _days_apart(day, other.event_date)
                if km <= _REACH_KM and days <= _REACH_DAYS:
                    total += math.exp(-km / SPACE_KM - days / TIME_DAYS)
    return total


def _days_apart(a: dt.date | None, b: dt.date | None) -> float:
    if a is None or b is None:
        return 0.0
    return float(abs((a - b).days))


def _placed(ev: Event, place: Namesake) -> Event:
    """``ev`` at ``place``, its alternatives decided."""
    return replace(
        ev,
        latitude=place.lat,
        longitude=place.lon,
        admin1=place.admin1,
        country_code=place.country_code,
        country=country_name(place.country_code),
        geonameid=place.geonameid if place.geonameid > 0 else None,
        location_level=place.level,
        geo_precision=1 if place.level in {"city", "village", "other"} else 2,
        alternatives=(),
    )


def choose(priors: Sequence[float], supports: Sequence[float]) -> int | None:
    """The namesake holding :data:`DECIDE` of the weight (prior times support above the
    background), unless the run is active near two of them; None: undecided."""
    if sum(s >= ACTIVE for s in supports) >= 2:
        return None  # the run reports near more than one namesake
    weights = [p * (s + BACKGROUND) for p, s in zip(priors, supports, strict=True)]
    k = max(range(len(weights)), key=lambda j: (weights[j], -j))
    if supports[k] < ACTIVE and any(s >= ACTIVE for s in supports):
        return None  # the run reports near another namesake, not this one: which, unknown
    return k if weights[k] >= DECIDE * sum(weights) else None


def decide_namesakes(events: Sequence[Event]) -> list[Event]:
    """Place each ambiguous event at the namesake the run's activity clearly supports.

    Parameters
    ----------
    events
        The run's events, before cross-article deduplication.

    Returns
    -------
    list of Event
        The same events in the same order; an ambiguous one placed at a namesake when the
        run decides it, else left as it is (see the module docstring).
    """
    if not any(ev.alternatives for ev in events):
        return list(events)
    grid = _evidence(events)
    out = []
    for ev in events:
        if ev.alternatives:
            supports = [
                support(p.lat, p.lon, grid, article_id=ev.article_id, day=ev.event_date)
                for p in ev.alternatives
            ]
            k = choose([p.prior for p in ev.alternatives], supports)
            if k is not None:
                ev = _placed(ev, ev.alternatives[k])
        out.append(ev)
    return out


def decide_places(
    resolved: Sequence[ResolvedPlace], events: Sequence[Event], *, day: dt.date | None
) -> list[ResolvedPlace]:
    """An article's resolved places, each ambiguous one decided as its events are.

    ``events`` are the run's events (the evidence: see :func:`decide_namesakes`); ``day``
    the article's date. A decided place takes the chosen namesake as its entry, and its
    reason says so; an undecided one stays as it is (ambiguous, its namesakes listed).
    """
    if not any(r.namesakes for r in resolved):
        return list(resolved)
    grid = _evidence(events)
    out = []
    for r in resolved:
        if r.namesakes:
            supports = [
                support(en.lat, en.lon, grid, article_id=r.mention.article_id, day=day)
                for en in r.namesakes
            ]
            k = choose(r.priors, supports)
            if k is not None:
                chosen = r.namesakes[k]
                near = ", ".join(f"{s:.1f}" for s in supports)
                r = replace(
                    r,
                    entry=chosen,
                    level=chosen.level,
                    geo_precision=1,
                    reason=f"decided by the run's activity among {len(supports)} namesakes "
                    f"(support {near}); {r.reason}",
                    namesakes=(),
                    priors=(),
                    shared=None,
                )
        out.append(r)
    return out
