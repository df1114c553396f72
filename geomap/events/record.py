"""Stage 4 helper (events): one coded event as its :class:`~geomap.types.Event` record.

The coder fills a :class:`Coding` (type, date, actors, casualties ... of one event) and
names the :class:`Spot`\\ s it happened at; :func:`event_record` turns each into the
record: ACLED's geo precision and location name, the id (from article, quote, type,
place and date), the confidence and the provenance. A :class:`Draft` is a record before
the article's records are merged (:mod:`geomap.events.merge`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, replace

from geomap.events.inventory import country_name
from geomap.events.matching import TriggerHit
from geomap.events.rules import Family, Rule
from geomap.types import Article, Event, GazetteerEntry, Namesake

__all__ = ["Coding", "Draft", "Spot", "event_id", "event_record", "quote_line"]


@dataclass(slots=True)
class Coding:
    """What the coder decided of one event, whatever its places.

    ``quote`` is the quoted line's ``(start, end)``; ``explicit`` says the text gave the
    date; ``anaphoric`` that the event refers back to an earlier one ("the attack").
    """

    rule: Rule
    event_type: str
    sub_event_type: str
    quote: tuple[int, int] = (0, 0)
    date: dt.date | None = None
    time_precision: int = 3
    explicit: bool = False
    planned: bool = False
    actor1: str = ""
    actor2: str = ""
    civilians: bool = False
    fatalities: int | None = None
    injured: int | None = None
    weapons: str = ""
    quantity: int | None = None
    anaphoric: bool = False


@dataclass(frozen=True, slots=True)
class Spot:
    """One place of an event: the entry, and how the text put the event there.

    ``cc`` is the event's country (the entry's, or the one a demonym names);
    ``place_precision`` is the resolved place's geo precision (None for a country the
    text only implies); a ``relative`` place (placed at its anchor) keeps the text's
    ``place_name``; ``near`` ("near X", "outskirts of X") makes the precision at least 2.
    """

    entry: GazetteerEntry
    cc: str
    place_precision: int | None = None
    relative: bool = False
    place_name: str = ""
    near: bool = False
    #: The namesakes of an ambiguous place (``entry`` is then what they share).
    alternatives: tuple[Namesake, ...] = ()


@dataclass(slots=True)
class Draft:
    """An event before it becomes final (article-level merging reads and updates it)."""

    event: Event
    entry: GazetteerEntry | None
    sentence: int
    family: Family
    #: A part of the entry's town placed in the town (see ``merge.merge_same_id``).
    part: bool = False
    #: Whether the text gave the event's date (the story's day moves with it).
    explicit: bool = False
    #: A strike told anew ("a strike hit their tent"): no retelling of an earlier event.
    fresh: bool = False

    def date_told(self, date: dt.date, precision: int) -> None:
        """The day the text gives the event, told after its first telling."""
        self.event = replace(self.event, event_date=date, time_precision=precision)
        self.explicit = True


def event_id(
    article_id: str, start: int, end: int, etype: str, sub: str, where: str, date: dt.date | None
) -> str:
    """A stable id: one quote, type, place and date of one article is one event."""
    when = "" if date is None else date.isoformat()
    key = f"{article_id}|{start}|{end}|{etype}|{sub}|{where}|{when}"
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


#: GeoNames codes of regions and zones: an event there is placed at region precision.
_AREA_CODES = frozenset({"RGN", "RGNE", "RGNH", "AREA", "ZN", "ZNB"})
#: Precision of an event at other features by their class: water bodies, relief.
_CLASS_PRECISION = {"H": 2, "T": 2}


def _geo_precision(spot: Spot) -> tuple[int, str]:
    """ACLED's geo precision of an event at ``spot``, and the name of its location."""
    entry = spot.entry
    gp = {"country": 3, "admin1": 3, "admin2": 2}.get(entry.level, 1)
    if entry.level == "other":  # a region or a zone is no spot; a river or a hill is near one
        gp = (
            3 if entry.feature_code in _AREA_CODES else _CLASS_PRECISION.get(entry.feature_class, 1)
        )
    location = entry.latin_name or entry.name
    if spot.place_precision is not None:
        gp = max(gp, spot.place_precision)
        if spot.relative:
            location = spot.place_name
            gp = max(gp, 2)
        if spot.near:
            gp = max(gp, 2)
    return gp, location


def _confidence(coding: Coding, gp: int) -> float:
    conf = 0.45
    conf += 0.15 if gp == 1 else (0.08 if gp == 2 else 0.0)
    conf += 0.15 if coding.explicit else 0.0
    conf += 0.15 if coding.rule.priority >= 70 else 0.05
    conf -= 0.1 if coding.anaphoric else 0.0
    conf -= 0.1 if coding.planned else 0.0
    return round(max(0.05, min(1.0, conf)), 2)


def event_record(article: Article, coding: Coding, spot: Spot) -> Event:
    """The record of the event ``coding`` tells, at ``spot``."""
    entry = spot.entry
    level = entry.level
    gp, location = _geo_precision(spot)
    admin1 = entry.admin1_name if level != "country" else ""
    if level == "admin1" and not admin1:
        admin1 = entry.name
    lat = None if math.isnan(entry.lat) else entry.lat
    lon = None if math.isnan(entry.lon) else entry.lon
    q_start, q_end = coding.quote
    rule = coding.rule
    date = coding.date
    cc, sub = spot.cc, coding.sub_event_type
    return Event(
        event_id=event_id(article.id, q_start, q_end, coding.event_type, sub, location, date),
        article_id=article.id,
        event_date=date,
        time_precision=coding.time_precision if date is not None else 3,
        event_type=coding.event_type,
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
        status="planned" if coding.planned else "occurred",
        trigger=rule.name if not coding.anaphoric else f"{rule.name} (anaphoric)",
        actor1=coding.actor1,
        actor2=coding.actor2,
        civilian_targeting=coding.civilians,
        fatalities=coding.fatalities,
        injured=coding.injured,
        weapons=coding.weapons,
        quantity=coding.quantity,
        geonameid=entry.geonameid if entry.geonameid > 0 else None,
        confidence=_confidence(coding, gp),
        source=article.source,
        url=article.url,
        title=article.title,
        sources=(article.id,),
        source_urls=(article.url,),
        source_names=(article.source,),
        source_dates=(article.published.isoformat() if article.published else "",),
        alternatives=spot.alternatives,
    )


def quote_line(text: str, start: int, end: int, hit: TriggerHit) -> tuple[int, int]:
    """The quote of an event: the line of the sentence ``text[start:end]`` holding the
    trigger, trimmed."""
    # A newline found is at or after start (>= 0) and at or after hit.end (> 0), and the
    # trigger stops both trimming loops (mutation testing: `s <= 0`, `s < 1`, `e <= 0`,
    # `e < 1`, `s <= e` and `e >= s` are equivalent)
    s = text.rfind("\n", start, hit.start)
    s = start if s < 0 else s + 1
    e = text.find("\n", hit.end, end)
    e = end if e < 0 else e
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
