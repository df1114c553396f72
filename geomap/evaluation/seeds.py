"""Evaluation stage: read the seeds gold and score places and events against it.

The seeds gold (``seeds_gold.json``) lists, per seed article, the place mentions a careful
analyst reads out of it (with a role) and the located events the map must show. Scoring
rules (also in the report):

Places
    A gold row is matched against the system mentions that overlap an occurrence of its
    surface (whole word, case-sensitive) in the article text.
    ``literal``: some literal mention resolves within 5 km of the gold point or to the same
    GeoNames id; admin-1 rows need an admin-1 entry with the same id, within 5 km, or with
    the same admin-1 name and country; country rows (no point) need the same id or a
    country entry of the same country code; a row with neither point nor id borrows the
    point of the gold event at that location ("Rubanshchina" -> near Sudzha).
    ``not_a_place``: no overlapping literal mention. ``metonymic``: at least one overlapping
    mention marked metonymic. ``credit``/``caption``: an overlapping mention marked credit or
    caption (either counts: both keep the place out of the events).
Events
    A gold event is found when an event of the same article (``article_id`` or ``sources``),
    not already credited to another gold event (one-to-one; required events first), has the
    same ``event_type``, a date matching the gold precision (day: same
    date; week: within 7 days; month: same year-month) and a location within 25 km of the
    gold point; admin-1 gold events (geo_precision 3 with a point) also accept the same
    admin-1 name; country gold events (no point) accept the same country code. A system
    event is *misplaced* when its location names a metonymic / not_a_place / credit /
    caption surface of that article and its quote contains that surface.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from geomap._errors import InputError
from geomap.evaluation.metrics import haversine_km
from geomap.types import Event, ParsedArticle, PlaceMention, ResolvedPlace

__all__ = [
    "EVENT_KM",
    "PLACE_KM",
    "EventRow",
    "PlaceRow",
    "SeedEvent",
    "SeedPlace",
    "SeedsGold",
    "SeedsReport",
    "assign_events",
    "read_seeds_gold",
    "score_seeds",
]

#: A literal gold place is found when resolved within this distance (km).
PLACE_KM = 5.0
#: A gold event is matched by a system event located within this distance (km).
EVENT_KM = 25.0
_BAD_ROLES = ("metonymic", "not_a_place", "credit", "caption")
_MARK_ROLES = ("credit", "caption")
_ADMIN_WORDS = re.compile(
    r"\b(oblast|region|province|krai|kray|republic|border|governorate|state)\b|'s\b|’s\b"
)


@dataclass(frozen=True, slots=True)
class SeedPlace:
    """One gold place mention of a seed article (``article_id`` is the file stem)."""

    file: str
    article_id: str
    surface: str
    role: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    level: str = ""
    country: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class SeedEvent:
    """One gold event; ``date`` is "YYYY-MM-DD" or "YYYY-MM" per ``date_precision``."""

    file: str
    article_id: str
    required: bool
    date: str
    date_precision: str
    event_type: str
    sub_event_type: str
    location: str
    geo_precision: int
    country: str = ""
    admin1: str = ""
    lat: float | None = None
    lon: float | None = None
    quote: str = ""


@dataclass(frozen=True, slots=True)
class SeedsGold:
    """The seeds gold file: places and events."""

    places: tuple[SeedPlace, ...]
    events: tuple[SeedEvent, ...]
    published: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """Score of one gold place: ``status`` is "ok", "wrong" or "missing"."""

    article_id: str
    surface: str
    role: str
    status: str
    detail: str
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class EventRow:
    """Score of one gold event: ``status`` "ok" or "missing"; ``reason`` explains a miss."""

    article_id: str
    location: str
    event_type: str
    date: str
    required: bool
    status: str
    reason: str
    event_id: str = ""


@dataclass(frozen=True, slots=True)
class SeedsReport:
    """Seeds scores: one row per gold place and event, and misplaced system events."""

    places: tuple[PlaceRow, ...]
    events: tuple[EventRow, ...]
    misplaced: tuple[str, ...]
    n_system_events: int

    def place_score(self, *roles: str) -> tuple[int, int]:
        """Return ``(ok, total)`` over the gold places with one of ``roles``."""
        rows = [r for r in self.places if r.role in roles]
        return sum(1 for r in rows if r.status == "ok"), len(rows)

    def event_score(self, *, required: bool = True) -> tuple[int, int]:
        """Return ``(found, total)`` over the required (or optional) gold events."""
        rows = [r for r in self.events if r.required is required]
        return sum(1 for r in rows if r.status == "ok"), len(rows)


# --------------------------------------------------------------------------- reader


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def read_seeds_gold(path: str | os.PathLike[str]) -> SeedsGold:
    """Read ``seeds_gold.json``.

    Parameters
    ----------
    path
        Path of the gold file.

    Returns
    -------
    SeedsGold

    Raises
    ------
    InputError
        When the file cannot be read or a row lacks a required key.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        places = tuple(
            SeedPlace(
                file=p["file"],
                article_id=Path(p["file"]).stem,
                surface=p["surface"],
                role=p["role"],
                geonameid=p.get("geonameid"),
                lat=_float(p.get("lat")),
                lon=_float(p.get("lon")),
                level=p.get("level", ""),
                country=p.get("country", ""),
                note=p.get("note", ""),
            )
            for p in data["places"]
        )
        events = tuple(
            SeedEvent(
                file=e["file"],
                article_id=Path(e["file"]).stem,
                required=bool(e.get("required", False)),
                date=e["date"],
                date_precision=e.get("date_precision", "day"),
                event_type=e["event_type"],
                sub_event_type=e.get("sub_event_type", ""),
                location=e["location"],
                geo_precision=int(e.get("geo_precision", 1)),
                country=e.get("country", ""),
                admin1=e.get("admin1", ""),
                lat=_float(e.get("lat")),
                lon=_float(e.get("lon")),
                quote=e.get("quote", ""),
            )
            for e in data["events"]
        )
        published = tuple((a["file"], a.get("published", "")) for a in data.get("articles", []))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        msg = f"cannot read seeds gold {str(path)!r}: {exc!r}"
        raise InputError(msg) from exc
    return SeedsGold(places, events, published)


# --------------------------------------------------------------------------- places


def _norm(name: str) -> str:
    """Reduce a place name to its core for comparison ("Ukraine's Sumy region" -> "ukrainesumy")."""
    text = _ADMIN_WORDS.sub(" ", name.casefold())
    return re.sub(r"[^\w]", "", text)


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _overlapping(
    mentions: Iterable[PlaceMention], spans: Sequence[tuple[int, int]]
) -> list[PlaceMention]:
    return [m for m in mentions if any(m.start < e and s < m.end for s, e in spans)]


def _fallback_point(gold: SeedPlace, events: Sequence[SeedEvent]) -> tuple[float, float] | None:
    if gold.lat is not None and gold.lon is not None:
        return gold.lat, gold.lon
    for e in events:
        if (
            e.article_id == gold.article_id
            and e.location == gold.surface
            and e.lat is not None
            and e.lon is not None
        ):
            return e.lat, e.lon
    return None


def _describe(r: ResolvedPlace | None) -> str:
    if r is None or r.entry is None:
        return "unresolved"
    e = r.entry
    return f"{e.name} ({e.country_code} {e.level}, geonameid {e.geonameid}, {r.method})"


def _judge_literal(
    gold: SeedPlace, r: ResolvedPlace | None, point: tuple[float, float] | None
) -> tuple[bool, float | None]:
    if r is None or r.entry is None:
        return False, None
    entry = r.entry
    dist = None if point is None else haversine_km(point[0], point[1], entry.lat, entry.lon)
    same_id = gold.geonameid is not None and entry.geonameid == gold.geonameid
    if gold.level == "admin1":
        same_name = entry.country_code == gold.country and _norm(gold.surface) in {
            _norm(entry.name),
            _norm(entry.admin1_name),
        }
        near = dist is not None and dist <= PLACE_KM
        return entry.level == "admin1" and (same_id or near or same_name), dist
    if point is None:
        same_country = entry.level == "country" and entry.country_code == gold.country
        return same_id or (gold.level == "country" and same_country), dist
    return same_id or (dist is not None and dist <= PLACE_KM), dist


def _score_place(
    gold: SeedPlace,
    article: ParsedArticle | None,
    resolved: dict[tuple[str, int, int], ResolvedPlace],
    events: Sequence[SeedEvent],
) -> PlaceRow:
    def row(status: str, detail: str, dist: float | None = None) -> PlaceRow:
        return PlaceRow(gold.article_id, gold.surface, gold.role, status, detail, dist)

    if article is None:
        return row("missing", "article not read")
    occ = _occurrences(article.article.text, gold.surface)
    if not occ:
        return row("missing", "surface not in the article text")
    near = _overlapping(article.mentions, occ)
    literal = [m for m in near if m.role == "literal"]
    roles = sorted({m.role for m in near})
    if gold.role == "literal":
        if not literal:
            detail = f"only as {'/'.join(roles)}" if roles else "no mention"
            return row("missing", detail)
        point = _fallback_point(gold, events)
        best: tuple[float, str, float | None] | None = None
        for m in literal:
            r = resolved.get((m.article_id, m.start, m.end))
            ok, dist = _judge_literal(gold, r, point)
            far = "" if dist is None else f", {dist:.1f} km from gold"
            text = f"{m.text!r} -> {_describe(r)}{far}"
            if ok:
                return row("ok", text, dist)
            rank = float("inf") if dist is None else dist
            if best is None or rank < best[0]:
                best = (rank, text, dist)
        assert best is not None
        return row("wrong", best[1], best[2])
    if gold.role == "not_a_place":
        if literal:
            return row("wrong", f"emitted as literal place {literal[0].text!r}")
        return row("ok", f"not a literal place ({'/'.join(roles) or 'no mention'})")
    wanted = ("metonymic",) if gold.role == "metonymic" else _MARK_ROLES
    marked = [m for m in near if m.role in wanted]
    if marked:
        return row("ok", f"marked {marked[0].role} ({marked[0].text!r})")
    if near:
        return row("wrong", f"emitted only as {'/'.join(roles)}")
    return row("missing", "no mention")


# --------------------------------------------------------------------------- events


def _gold_date(e: SeedEvent) -> dt.date | None:
    try:
        if e.date_precision == "month" or len(e.date) == 7:
            return dt.date.fromisoformat(e.date[:7] + "-01")
        return dt.date.fromisoformat(e.date[:10])
    except ValueError:
        return None


def _date_ok(gold: SeedEvent, date: dt.date | None) -> bool:
    want = _gold_date(gold)
    if date is None or want is None:
        return False
    if gold.date_precision == "month":
        return (date.year, date.month) == (want.year, want.month)
    if gold.date_precision == "week":
        return abs((date - want).days) <= 7
    return date == want


def _location_ok(gold: SeedEvent, ev: Event) -> tuple[bool, str]:
    if gold.lat is None or gold.lon is None:
        ok = bool(gold.country) and ev.country_code == gold.country
        return ok, f"country {ev.country_code or '?'} (want {gold.country})"
    if ev.latitude is None or ev.longitude is None:
        return False, f"{ev.location!r} has no coordinates"
    dist = haversine_km(gold.lat, gold.lon, ev.latitude, ev.longitude)
    where = f"{ev.location!r} {dist:.0f} km away"
    if dist <= EVENT_KM:
        return True, where
    if gold.geo_precision == 3:
        want = _norm(gold.admin1 or gold.location)
        if want and want in {_norm(ev.admin1), _norm(ev.location)}:
            return True, f"{where}, same admin-1 {ev.admin1!r}"
    return False, where


def _event_failures(gold: SeedEvent, ev: Event) -> list[str]:
    fails: list[str] = []
    if ev.event_type != gold.event_type:
        fails.append(f"type {ev.event_type!r}")
    if not _date_ok(gold, ev.event_date):
        got = ev.event_date.isoformat() if ev.event_date else "no date"
        fails.append(f"date {got} (want {gold.date}, {gold.date_precision})")
    ok, where = _location_ok(gold, ev)
    if not ok:
        fails.append(f"location {where}")
    return fails


def _in_article(ev: Event, article_id: str) -> bool:
    return ev.article_id == article_id or article_id in ev.sources


def _candidates(gold: SeedEvent, events: Sequence[Event]) -> list[int]:
    """Indices of the events that satisfy ``gold``, the same-named location first."""
    ok = [
        i
        for i, ev in enumerate(events)
        if _in_article(ev, gold.article_id) and not _event_failures(gold, ev)
    ]

    def key(i: int) -> tuple[bool, float]:
        ev = events[i]
        dist = (
            0.0
            if gold.lat is None or gold.lon is None or ev.latitude is None or ev.longitude is None
            else haversine_km(gold.lat, gold.lon, ev.latitude, ev.longitude)
        )
        return _norm(ev.location) != _norm(gold.location), dist

    return sorted(ok, key=key)


_E = TypeVar("_E", bound=Hashable)


def assign_events(cands: Sequence[Sequence[_E]], order: Sequence[int]) -> dict[int, _E]:
    """One-to-one gold -> event assignment by augmenting paths (Kuhn), golds in ``order``.

    ``cands[g]`` lists the events gold row ``g`` accepts, best first. A gold matched earlier
    stays matched when later golds augment, so required events (first in ``order``) never
    lose their event to optional ones. Shared by the seeds and the news-events scorers.
    """
    owner: dict[_E, int] = {}

    def augment(g: int, seen: set[_E]) -> bool:
        for e in cands[g]:
            if e in seen:
                continue
            seen.add(e)
            if e not in owner or augment(owner[e], seen):
                owner[e] = g
                return True
        return False

    for g in order:
        augment(g, set())
    return {g: e for e, g in owner.items()}


def _event_row(
    gold: SeedEvent, events: Sequence[Event], matched: int | None, cands: Sequence[int]
) -> EventRow:
    def row(status: str, reason: str, event_id: str = "") -> EventRow:
        return EventRow(
            gold.article_id,
            gold.location,
            gold.event_type,
            gold.date,
            gold.required,
            status,
            reason,
            event_id,
        )

    if matched is not None:
        ev = events[matched]
        return row("ok", f"{ev.sub_event_type} at {ev.location!r}", ev.event_id)
    if cands:
        taken = ", ".join(f"{events[i].location!r}" for i in cands)
        return row("missing", f"the matching event(s) at {taken} went to another gold event")
    mine = [ev for ev in events if _in_article(ev, gold.article_id)]
    if not mine:
        return row("missing", "no event in this article")
    best: tuple[int, int, list[str], Event] | None = None
    for ev in mine:
        fails = _event_failures(gold, ev)
        rank = (len(fails), 0 if ev.event_type == gold.event_type else 1)
        if best is None or rank < best[:2]:
            best = (rank[0], rank[1], fails, ev)
    assert best is not None
    ev = best[3]
    reason = f"closest {ev.event_type}/{ev.sub_event_type} at {ev.location!r}: " + "; ".join(
        best[2]
    )
    return row("missing", reason, ev.event_id)


def _score_events(golds: Sequence[SeedEvent], events: Sequence[Event]) -> list[EventRow]:
    cands = [_candidates(g, events) for g in golds]
    order = sorted(range(len(golds)), key=lambda i: (not golds[i].required, i))
    assigned = assign_events(cands, order)
    return [_event_row(g, events, assigned.get(i), cands[i]) for i, g in enumerate(golds)]


def _quote_text(ev: Event, article: ParsedArticle | None) -> str:
    if article is not None and 0 <= ev.quote_start < ev.quote_end <= len(article.article.text):
        return article.article.text[ev.quote_start : ev.quote_end]
    return ev.notes


def _misplaced(
    gold: SeedsGold, events: Sequence[Event], articles: dict[str, ParsedArticle]
) -> list[str]:
    bad = [p for p in gold.places if p.role in _BAD_ROLES]
    out: list[str] = []
    for ev in events:
        quote = _quote_text(ev, articles.get(ev.article_id))
        for p in bad:
            if p.article_id != ev.article_id or _norm(p.surface) != _norm(ev.location):
                continue
            if _occurrences(quote, p.surface):
                out.append(
                    f"{ev.event_id} {ev.event_type} located at {p.role} {p.surface!r} "
                    f"in {ev.article_id}: {quote[:80]!r}"
                )
    return out


def score_seeds(
    gold: SeedsGold,
    parsed: Sequence[ParsedArticle],
    resolved: Sequence[ResolvedPlace],
    events: Sequence[Event],
) -> SeedsReport:
    """Score the pipeline's output on the seed articles against the seeds gold.

    Parameters
    ----------
    gold
        The seeds gold.
    parsed
        Parsed seed articles (ids are the file stems).
    resolved
        Resolved place mentions.
    events
        Built events.

    Returns
    -------
    SeedsReport
    """
    articles = {p.article.id: p for p in parsed}
    by_key = {(r.mention.article_id, r.mention.start, r.mention.end): r for r in resolved}
    places = tuple(
        _score_place(p, articles.get(p.article_id), by_key, gold.events) for p in gold.places
    )
    rows = tuple(_score_events(gold.events, events))
    seed_ids = {p.article_id for p in gold.places} | {e.article_id for e in gold.events}
    mine = [ev for ev in events if ev.article_id in seed_ids]
    return SeedsReport(
        places=places,
        events=rows,
        misplaced=tuple(_misplaced(gold, mine, articles)),
        n_system_events=len(mine),
    )
