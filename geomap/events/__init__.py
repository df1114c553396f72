"""Stage 4, events: turn located sentences into ACLED-style event records.

For each sentence, the trigger table (:mod:`geomap.events.rules`, matched by
:mod:`geomap.events.matching`) finds what happened;
hits of one family in one clause make one event. The event is placed at the
literal, resolved place mentions syntactically attached to its trigger (the
nearest trigger wins a place shared by two); metonymic, credit, caption and
demonym mentions never locate an event. Then:

* places that contain another place of the same event (the country of a city,
  the oblast of a town, a parent or anchor) are dropped: the event sits at its
  most specific place; one record per remaining place ("the villages of A and B");
* an unplaced violent event takes the sentence's nearest unclaimed literal place,
  or the country of a demonym target ("drones on nine *Ukrainian* regions");
  country-level violent events need a stated quantity or casualty count, and
  aggregates ("killed three people *across* Ukraine") are not events;
* "the attack" (a definite generic attack) takes its type from the article's
  previous violent event, so a later sentence can name its town ("injured in the
  attack in Sumy's Bilopillia"); within an article a region- or country-level
  event covered by a finer event of the same type and date is folded into it;
* dates come from :mod:`geomap.events.dates` (nearest date phrase in the parse tree,
  else the previous sentence of the paragraph, else the publication date);
  modal, negated or wished-for events ("should meet", "calls for a summit") are
  skipped; "will"/"is due" events are ``status="planned"``;
* wire news beyond the seeds (the table's wire rules, :mod:`geomap.events.framing`,
  :mod:`geomap.events.location`): shootings, gun attacks, blasts, strikes told as
  verbs, claimed attacks (typed in :mod:`geomap.events.event_type`); armed groups from
  :mod:`geomap.events.inventory` as actors; origins, launch sites and the places of
  statements never locate an event; past events keep their own year ("in 2014", "a
  decade ago"); one event told in several sentences of an article is one record;
* :func:`dedupe_events` merges the same type at the same place within a window
  across articles (VIINA / XSub practice), listing every source.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import replace

from geomap._geo import haversine_km
from geomap.events.casualties import max_known
from geomap.events.coder import ArticleCoder
from geomap.types import Event, ParsedArticle, ResolvedPlace

__all__ = [
    "article_events",
    "build_events",
    "dedupe_events",
    "events_to_gdf",
    "finish_events",
    "source_refs",
]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- public API


def build_events(
    parsed: Sequence[ParsedArticle],
    resolved: Sequence[ResolvedPlace],
    *,
    settings: object,
) -> list[Event]:
    """Code the events of parsed, geocoded articles.

    Parameters
    ----------
    parsed
        Output of :func:`geomap.places.parse_articles`.
    resolved
        Output of :func:`geomap.geocode.geocode_mentions` (one per mention).
    settings
        Run settings; ``dedup_days`` and ``dedup_km`` set the cross-article
        deduplication window.

    Returns
    -------
    list of Event
        Events in article then text order, deduplicated across articles.
    """
    by_key = {(r.mention.article_id, r.mention.start, r.mention.end): r for r in resolved}
    events: list[Event] = []
    for pa in parsed:
        events.extend(ArticleCoder(pa, by_key).run())
    n_raw = len(events)
    days = int(getattr(settings, "dedup_days", 1))
    km = float(getattr(settings, "dedup_km", 5.0))
    events = finish_events(events, days=days, km=km)
    log.info(
        "%d events from %d articles (%d before deduplication)", len(events), len(parsed), n_raw
    )
    return events


def article_events(pa: ParsedArticle, resolved: Sequence[ResolvedPlace]) -> list[Event]:
    """Code the events of one article, before cross-article deduplication.

    Parameters
    ----------
    pa
        One parsed article.
    resolved
        Its resolved places (others are ignored).

    Returns
    -------
    list of Event
        The article's events in text order; :func:`build_events` over many articles
        gives :func:`dedupe_events` of their concatenation.
    """
    by_key = {(r.mention.article_id, r.mention.start, r.mention.end): r for r in resolved}
    return ArticleCoder(pa, by_key).run()


def finish_events(events: Sequence[Event], *, days: int = 1, km: float = 5.0) -> list[Event]:
    """The run's events once every article is coded: ambiguous places decided by the run's
    activity (:func:`geomap.events.namesakes.decide_namesakes`), then one record per
    real-world event (:func:`dedupe_events`).

    Parameters
    ----------
    events
        Every article's events, in article then text order.
    days, km
        The merge window of :func:`dedupe_events`.
    """
    from geomap.events.namesakes import decide_namesakes

    return dedupe_events(decide_namesakes(events), days=days, km=km)


def dedupe_events(events: Sequence[Event], *, days: int = 1, km: float = 5.0) -> list[Event]:
    """Merge the same event reported by several articles.

    Two events merge when they have the same ``event_type``, come from different
    articles, lie at one place (the same gazetteer entry; for places with none, within
    ``km`` of each other or of one name; an ambiguous place only with the same ambiguous
    name) and within ``days`` of each other (undated events only merge with undated ones).
    The merged record keeps the most precise report (date precision, then place
    precision, then confidence), the earliest date among equally precise reports, the
    largest casualty counts and lists every source (``sources``, ``source_urls`` ...).

    Parameters
    ----------
    events
        Events, e.g. from :func:`build_events` over many articles.
    days, km
        The merge window.

    Returns
    -------
    list of Event
        One record per distinct event, in input order of each group's first event.
    """
    groups: list[list[Event]] = []
    # Index each group by its first event: a group can only take ``ev`` when ``ev`` matches
    # that first event, i.e. same type, a date within ``days`` and either a point within
    # ``km`` (a latitude band of ``km``, searched one band either side) or the same named
    # place. First fit in creation order, as a scan of every group would give.
    index: dict[tuple[object, ...], list[int]] = {}
    band = max(km, 1e-6) / 111.0  # degrees of latitude per band (>= km of distance)
    # The index only narrows the groups _same_event checks: a mutant that finds more of
    # them (wider bands or day spans, every day under one key) changes the speed, not the
    # groups (mutation testing: those mutants are equivalent).
    for ev in events:
        found = None
        for gi in sorted(set(_candidates(index, ev, days=days, band=band))):
            if all(_same_event(ev, other, days=days, km=km) for other in groups[gi]):
                found = gi
                break
        if found is not None:
            groups[found].append(ev)
            continue
        groups.append([ev])
        for key in _keys(ev, band=band):
            index.setdefault(key, []).append(len(groups) - 1)
    return [_merge(group) for group in groups]


def _day(ev: Event) -> int | None:
    # (mutation testing: always None is equivalent, see dedupe_events)
    return None if ev.event_date is None else ev.event_date.toordinal()


def _keys(ev: Event, *, band: float) -> list[tuple[object, ...]]:
    """Index keys of a group whose first event is ``ev``."""
    keys: list[tuple[object, ...]] = [
        ("name", ev.event_type, _day(ev), ev.country_code, ev.location)
    ]
    # an event's latitude and longitude come from one entry, both or neither (mutation
    # testing: `or` for `and` here, in _candidates and in _same_event is equivalent)
    if ev.latitude is not None and ev.longitude is not None:
        keys.append(("band", ev.event_type, _day(ev), int(ev.latitude // band)))
    return keys


def _candidates(
    index: dict[tuple[object, ...], list[int]], ev: Event, *, days: int, band: float
) -> list[int]:
    day = _day(ev)
    # (mutation testing: a wider span is equivalent, see dedupe_events)
    span = [None] if day is None else range(day - days, day + days + 1)
    out: list[int] = []
    for d in span:
        out.extend(index.get(("name", ev.event_type, d, ev.country_code, ev.location), ()))
        if ev.latitude is not None and ev.longitude is not None:
            b = int(ev.latitude // band)
            for k in (b - 1, b, b + 1):
                out.extend(index.get(("band", ev.event_type, d, k), ()))
    return out


# --------------------------------------------------------------------------- dedup helpers


def _sources(ev: Event) -> set[str]:
    return set(ev.sources) | {ev.article_id}


def source_refs(ev: Event) -> dict[str, tuple[str, str, str]]:
    """Each source of ``ev``: article id -> (url, source name, ISO publication date)."""
    refs = {
        sid: (
            ev.source_urls[k] if k < len(ev.source_urls) else "",
            ev.source_names[k] if k < len(ev.source_names) else "",
            ev.source_dates[k] if k < len(ev.source_dates) else "",
        )
        for k, sid in enumerate(ev.sources)
    }
    if ev.article_id not in refs:
        refs[ev.article_id] = (ev.url, ev.source, "")
    return refs


def _same_event(a: Event, b: Event, *, days: int, km: float) -> bool:
    if a.event_type != b.event_type or _sources(a) & _sources(b):
        return False
    if (a.event_date is None) != (b.event_date is None):
        return False
    if (
        a.event_date is not None
        and b.event_date is not None
        and abs((a.event_date - b.event_date).days) > days
    ):
        return False
    return _same_place(a, b, km=km)


def _same_place(a: Event, b: Event, *, km: float) -> bool:
    """One place: the same namesakes of one ambiguous name, the same gazetteer entry, or
    (for places with no entry) within ``km`` or of one name."""
    if a.alternatives or b.alternatives:
        return a.alternatives == b.alternatives and a.location == b.location
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return a.country_code == b.country_code and a.location == b.location
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km


def _merge(group: Sequence[Event]) -> Event:
    if len(group) == 1:
        ev = group[0]
        if ev.sources and len(ev.source_urls) == len(ev.sources):
            return ev
        refs = source_refs(ev)
        ids = list(ev.sources) or [ev.article_id]
        return replace(
            ev,
            sources=tuple(ids),
            source_urls=tuple(refs[s][0] for s in ids),
            source_names=tuple(refs[s][1] for s in ids),
            source_dates=tuple(refs[s][2] for s in ids),
        )
    best = min(
        group,
        key=lambda e: (
            e.time_precision,
            e.geo_precision,
            e.event_date or dt.date.max,
            -e.confidence,
        ),
    )
    every: dict[str, tuple[str, str, str]] = {}
    for e in group:
        for sid, ref in source_refs(e).items():
            every.setdefault(sid, ref)
    sources = sorted(every)
    return replace(
        best,
        source_urls=tuple(every[s][0] for s in sources),
        source_names=tuple(every[s][1] for s in sources),
        source_dates=tuple(every[s][2] for s in sources),
        fatalities=max_known([e.fatalities for e in group]),
        injured=max_known([e.injured for e in group]),
        civilian_targeting=any(e.civilian_targeting for e in group),
        sources=tuple(sources),
        confidence=min(1.0, max(e.confidence for e in group) + 0.05 * (len(group) - 1)),
    )


from geomap.events.schema import events_to_gdf  # noqa: E402  (re-export; the one conversion point)
