"""Stage 4 helper (events): one coded event as its :class:`~geomap.types.Event` record.

The coder decides type, place, date, actors and casualties; :func:`event_record`
turns them into the record: ACLED's geo precision and location name, the id (from
article, quote, type, place and date), the confidence and the provenance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from geomap.events.actors import country_name
from geomap.events.rules import Rule
from geomap.types import Article, Event, GazetteerEntry

__all__ = ["event_id", "event_record"]


def event_id(
    article_id: str, start: int, end: int, etype: str, sub: str, where: str, date: dt.date | None
) -> str:
    """A stable id: one quote, type, place and date of one article is one event."""
    when = "" if date is None else date.isoformat()
    key = f"{article_id}|{start}|{end}|{etype}|{sub}|{where}|{when}"
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def event_record(
    article: Article,
    *,
    entry: GazetteerEntry,
    precision_of_place: int | None,
    relative: bool,
    place_name: str,
    near: bool,
    cc: str,
    etype: str,
    sub: str,
    rule: Rule,
    date: dt.date | None,
    precision: int,
    explicit: bool,
    planned: bool,
    q: tuple[int, int],
    actors: tuple[str, str],
    civilians: bool,
    casualty: tuple[int | None, int | None],
    weapons: str,
    quantity: int | None,
    antecedent: bool,
) -> Event:
    """The record of one event at ``entry``.

    ``precision_of_place`` is the resolved place's geo precision (None for a country the
    text only implies); a ``relative`` place (placed at its anchor) keeps the text's
    ``place_name``; ``near`` ("near X", "outskirts of X") makes the precision at least 2.
    """
    level = entry.level
    gp = {"country": 3, "admin1": 3, "admin2": 2}.get(level, 1)
    location = entry.latin_name or entry.name
    if precision_of_place is not None:
        gp = max(gp, precision_of_place)
        if relative:
            location = place_name
            gp = max(gp, 2)
        if near:
            gp = max(gp, 2)
    admin1 = entry.admin1_name if level != "country" else ""
    if level == "admin1" and not admin1:
        admin1 = entry.name
    lat = None if math.isnan(entry.lat) else entry.lat
    lon = None if math.isnan(entry.lon) else entry.lon
    conf = 0.45
    conf += 0.15 if gp == 1 else (0.08 if gp == 2 else 0.0)
    conf += 0.15 if explicit else 0.0
    conf += 0.15 if rule.priority >= 70 else 0.05
    conf -= 0.1 if antecedent else 0.0
    conf -= 0.1 if planned else 0.0
    q_start, q_end = q
    return Event(
        event_id=event_id(article.id, q_start, q_end, etype, sub, location, date),
        article_id=article.id,
        event_date=date,
        time_precision=precision if date is not None else 3,
        event_type=etype,
        sub_event_type=sub,
        location=location,
        country=country_name(cc),
        country_code=cc,
        admin1=admin1,
        latitude=lat,
        longitude=lon,
        geo_precision=gp,
        location_level=level,
        notes=article.text[q_start:q_end],
        quote_start=q_start,
        quote_end=q_end,
        status="planned" if planned else "occurred",
        trigger=rule.name if not antecedent else f"{rule.name} (anaphoric)",
        actor1=actors[0],
        actor2=actors[1],
        civilian_targeting=civilians,
        fatalities=casualty[0],
        injured=casualty[1],
        weapons=weapons,
        quantity=quantity,
        geonameid=entry.geonameid if entry.geonameid > 0 else None,
        confidence=round(max(0.05, min(1.0, conf)), 2),
        source=article.source,
        url=article.url,
        title=article.title,
        sources=(article.id,),
    )
