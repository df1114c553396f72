"""Stage 4 helper (events): a place the text leaves ambiguous, decided by the run itself.

A name several far-apart villages share ("Vilkhivka", "Novoselivka"), told without an
oblast, a parent or a nearby place, is *ambiguous* (:attr:`ResolvedPlace.namesakes
<geomap.types.ResolvedPlace.namesakes>`): its event is coded at the level its namesakes
share (their first-level division at geo_precision 3, else no point) and lists them in
``alternatives``. Once every article of the run is coded, :func:`decide_namesakes`
weighs each namesake by the run's own activity: the events placed without doubt (a
settlement's point, geo_precision 1 or 2) of *other* articles, the nearer in space and
time the heavier (a kernel of :data:`SPACE_KM` and :data:`TIME_DAYS`), above a
:data:`BACKGROUND` every place has (events happen in quiet places too, and a name with
many namesakes is the more uncertain for it). A namesake that holds :data:`DECIDE` of
the namesakes' weight takes the event; otherwise it stays undecided, drawn apart, never
pinned as if certain.

The decision reads only the run's events, after the per-article stages: it is the same
whatever the cache held, however many workers ran, and in any input order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from geomap._geo import haversine_km
from geomap.events.inventory import country_name
from geomap.types import Event, Namesake

__all__ = ["BACKGROUND", "DECIDE", "SPACE_KM", "TIME_DAYS", "decide_namesakes", "support"]

#: Distance scale of the run's support for a namesake (weight e^-1 at this distance).
SPACE_KM = 40.0
#: Time scale (weight e^-1 this many days apart; undated events weigh as same-day).
TIME_DAYS = 14.0
#: Support any place has: events happen in quiet places too (the prior of a namesake).
BACKGROUND = 0.5
#: The share of the namesakes' support (background included) that decides.
DECIDE = 0.8
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


def support(place: Namesake, ev: Event, grid: dict[tuple[int, int], list[Event]]) -> float:
    """The run's support for ``place`` as the place of ``ev`` (other articles only)."""
    total = 0.0
    lat0, lon0 = math.floor(place.lat / _CELL), math.floor(place.lon / _CELL)
    for dlat in (-1, 0, 1):
        for dlon in (-2, -1, 0, 1, 2):  # a degree of longitude is shorter than of latitude
            for other in grid.get((lat0 + dlat, lon0 + dlon), ()):
                if other.article_id == ev.article_id or ev.article_id in other.sources:
                    continue
                assert other.latitude is not None
                assert other.longitude is not None
                km = haversine_km(place.lat, place.lon, other.latitude, other.longitude)
                days = _days_apart(ev, other)
                if km <= _REACH_KM and days <= _REACH_DAYS:
                    total += math.exp(-km / SPACE_KM - days / TIME_DAYS)
    return total


def _days_apart(a: Event, b: Event) -> float:
    if a.event_date is None or b.event_date is None:
        return 0.0
    return float(abs((a.event_date - b.event_date).days))


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
            weights = [support(p, ev, grid) + BACKGROUND for p in ev.alternatives]
            k = max(range(len(weights)), key=lambda j: (weights[j], -j))
            if weights[k] >= DECIDE * sum(weights):
                ev = _placed(ev, ev.alternatives[k])
        out.append(ev)
    return out
