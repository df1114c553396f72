"""Stage 4 helper (events): how two records of one event combine, and when places nest.

Shared by the article coder (one event told twice in an article) and by
:func:`geomap.events.dedupe_events` (one event in several articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from geomap._geo import haversine_km
from geomap.events.casualties import max_known
from geomap.events.record import Draft
from geomap.types import Event, GazetteerEntry

__all__ = [
    "absorb",
    "contains",
    "dates_overlap",
    "finer",
    "fold_covered",
    "has_title",
    "merge_retold",
    "merge_same_id",
    "retold",
    "same_place_or_nested",
]

#: How many days either side of its date an event of each ACLED time precision spans.
_PRECISION_DAYS = {1: 0, 2: 7, 3: 31}


def absorb(b: Event, a: Event) -> Event:
    """Return ``b`` completed with what ``a`` (the same event, coded twice) knows."""
    return replace(
        b,
        fatalities=max_known([a.fatalities, b.fatalities]),
        injured=max_known([a.injured, b.injured]),
        civilian_targeting=a.civilian_targeting or b.civilian_targeting,
        actor1=b.actor1 or a.actor1,
        actor2=b.actor2 or a.actor2,
        weapons=b.weapons or a.weapons,
        quantity=b.quantity if b.quantity is not None else a.quantity,
    )


_RANK = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "village": 3, "other": 3}


#: How far from its point a second-level division reaches (the gazetteer keeps no
#: second-level codes: a district holds the places of its first-level division this near).
_ADMIN2_KM = 60.0
#: How far from the town a headline places its event near (geo_precision 2) the body's
#: telling of that event (with the same toll) may lie.
_NEAR_KM = 100.0


def contains(big: GazetteerEntry, small: GazetteerEntry) -> bool:
    """Whether ``big`` holds ``small``: a country its places, a first-level division the
    places of its code, a district those of its division near its point."""
    if big.country_code != small.country_code or _RANK[big.level] >= _RANK[small.level]:
        return False
    if big.level == "country":
        return True
    if not big.admin1_code or big.admin1_code != small.admin1_code:
        return False
    return (
        big.level != "admin2" or haversine_km(big.lat, big.lon, small.lat, small.lon) <= _ADMIN2_KM
    )


def dates_overlap(a: Event, b: Event) -> bool:
    if a.event_date is None or b.event_date is None:
        return a.event_date is None and b.event_date is None
    window = max(_PRECISION_DAYS[a.time_precision], _PRECISION_DAYS[b.time_precision])
    if a.time_precision == 3 or b.time_precision == 3:
        return (a.event_date.year, a.event_date.month) == (b.event_date.year, b.event_date.month)
    return abs((a.event_date - b.event_date).days) <= window


def same_place_or_nested(a: GazetteerEntry, b: GazetteerEntry) -> bool:
    """Whether two entries are one place, or one contains the other."""
    if a.geonameid and a.geonameid == b.geonameid:
        return True
    if (a.name, a.country_code) == (b.name, b.country_code):
        return True
    return contains(a, b) or contains(b, a)


#: Types of a demonstration, peaceful or not.
_DEMONSTRATIONS = frozenset({"Protests", "Riots"})
#: Types of political violence.
_VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def retold(
    a: Event,
    b: Event,
    ea: GazetteerEntry | None,
    eb: GazetteerEntry | None,
    *,
    headline: bool = False,
    title: bool = False,
) -> bool:
    """Whether two events of one article are one real-world event told twice.

    Same type and status, dates at most a day apart (or overlapping at their
    precision), and the same place or nested places (the city and its country).
    A ``headline`` event ``a`` (dated at publication) sums up a body event ``b`` of the
    week before; a ``title``'s event placed near a town (a line of its own above the body:
    "... kill 21 in a village near X") sums up one with its toll within :data:`_NEAR_KM`.
    """
    # a headline sums its body up: its protest and the body's riot are one demonstration,
    # its "attack" and the body's attack on civilians one attack
    same_kind = a.event_type == b.event_type or (
        headline
        and any({a.event_type, b.event_type} <= kinds for kinds in (_DEMONSTRATIONS, _VIOLENCE))
    )
    if not same_kind or a.status != b.status or ea is None or eb is None:
        return False
    if (
        headline
        and a.event_date is not None
        and b.event_date is not None
        and 0 <= (a.event_date - b.event_date).days <= 7
    ):
        # ("... kill 21 in a village near X": the body names the village, and its toll)
        near = (
            title
            and a.geo_precision >= 2
            and a.fatalities is not None
            and a.fatalities == b.fatalities
            and haversine_km(ea.lat, ea.lon, eb.lat, eb.lon) <= _NEAR_KM
        )
        return near or same_place_or_nested(ea, eb)
    if a.event_date is None or b.event_date is None:
        if a.event_date is not b.event_date:
            return False
    elif abs((a.event_date - b.event_date).days) > 1 and not dates_overlap(a, b):
        return False
    if a.location != b.location and a.location_level == b.location_level:
        return False  # one entry, two names: a place located relative to another
    return same_place_or_nested(ea, eb)


def finer(a: Event, b: Event) -> bool:
    """Whether ``a`` is the better record of one event (finer place, then date)."""
    return (a.geo_precision, a.time_precision, -a.confidence) < (
        b.geo_precision,
        b.time_precision,
        -b.confidence,
    )


def has_title(text: str) -> bool:
    """Whether the text opens with a title: a first line of its own with no final stop."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    return bool(first and rest.strip()) and not first.endswith((".", "!", "?", '"', "”", ":"))


def merge_retold(drafts: Sequence[Draft], *, titled: bool = False) -> list[Draft]:
    """One event told in several sentences of an article (:func:`retold`) is one record.

    Records of one sentence stay apart (the coder split them on purpose: "the villages
    of A and B"); a headline (sentence 0) event takes the body's telling of its event
    (``titled``: the text opens with a title line, see :func:`has_title`).
    The merged record keeps the finest place (then date precision) and what the others
    know (casualties, actors, weapons).
    """
    keep: list[Draft] = []
    summed: set[int] = set()  # headlines that took their body's telling (one each)
    for d in drafts:
        o = next(
            (
                k
                for k in keep
                if k.sentence != d.sentence
                and not (k.fresh or d.fresh)  # ("a strike hit their tent": one of its own)
                and not _other_days(k, d)
                and not (k.sentence == 0 and id(k) in summed)
                and retold(
                    k.event,
                    d.event,
                    k.entry,
                    d.entry,
                    headline=k.sentence == 0,
                    title=titled and k.sentence == 0,
                )
            ),
            None,
        )
        if o is None:
            keep.append(d)
            continue
        headline = o.sentence == 0
        if headline:
            summed.add(id(o))
        if finer(d.event, o.event):
            o.event, o.entry = absorb(d.event, o.event), d.entry
        else:
            o.event = absorb(o.event, d.event)
        told = d.explicit or headline  # (a headline is dated by the body it sums up)
        if told and not o.explicit and d.event.event_date is not None:
            o.date_told(d.event.event_date, d.event.time_precision)  # not the publication day
    return keep


def _other_days(a: Draft, b: Draft) -> bool:
    """Two events the text dates to two different days are two events ("the shelling on
    Monday came a day after a drone strike")."""
    da, db = a.event.event_date, b.event.event_date
    return (
        a.explicit
        and b.explicit
        and a.event.time_precision == 1
        and b.event.time_precision == 1
        and da is not None
        and db is not None
        and da != db
    )


def merge_same_id(drafts: Sequence[Draft]) -> list[Draft]:
    """Merge drafts sharing an id: one quote, type, place and date is one event.

    Two clauses of a sentence can each code the same strike on the same place
    ("drones hit Kharkiv ... and the drones hit Kharkiv's power plant"); the record
    keeps the first and takes the larger casualty counts of the two. So does a part of
    a town placed in the town (:attr:`~geomap.events.record.Draft.part`) with the town's
    draft of the same sentence, sub-event type, day and status ("#Robotyne: shelling hit
    the Dniprovskyi district"): one location, as in ACLED. Other places of a sentence
    sharing an entry stay apart ("the villages of A, B and C", B placed near C for want
    of an entry).
    """
    first: dict[str, Draft] = {}
    at: dict[tuple[object, ...], Draft] = {}
    keep: list[Draft] = []
    for d in drafts:
        e = d.event
        o = first.get(e.event_id)
        where = None  # (mutation testing: "" is equivalent, only entries' keys are read)
        if d.entry is not None:
            where = (d.sentence, d.entry.geonameid, e.sub_event_type, e.event_date, e.status)
            same = at.get(where)
            if o is None and same is not None and (same.part or d.part):
                o = same
        if o is None:
            first[e.event_id] = d
            if where is not None:
                at.setdefault(where, d)
            keep.append(d)
            continue
        o.event = absorb(o.event, d.event)
    return keep


def fold_covered(drafts: Sequence[Draft]) -> list[Draft]:
    """Fold region/country events into the one finer event of the same type and date.

    A coarse draft with several finer ones (a region and two of its towns) is dropped.
    """
    keep: list[Draft] = []
    for d in drafts:
        inside = [o for o in drafts if o is not d and _covers(d, o)]
        if not inside:
            keep.append(d)
            continue
        if len(inside) == 1:
            o = inside[0]
            if o.fresh and o.sentence != d.sentence:
                keep.append(d)  # "a strike hit their tent" in X is no telling of the region's
                continue
            o.event = absorb(o.event, d.event)
    return keep


def _covers(coarse: Draft, fine: Draft) -> bool:
    a, b = coarse.event, fine.event
    if coarse.entry is None or fine.entry is None or a.event_type != b.event_type:
        return False
    if a.status != b.status:
        return False
    return contains(coarse.entry, fine.entry) and dates_overlap(a, b)
