"""Evaluation stage: score the events of a folder of long news articles against a ``gold.json``.

The folder holds the articles (``NN.txt`` + ``manifest.csv``, read by :mod:`geomap.ingest`)
and ``gold.json`` with three lists, each row naming its article by ``file`` (the file stem):

``required`` / ``optional``
    An event the map must (may) show: a system event of that article whose ``event_type`` is
    in ``types``, whose ``event_date`` lies in ``[from, to]`` and which lies within ``km`` of
    ``(lat, lon)``, or in ``country`` (ISO code) when no point is given. Gold and system
    events are matched one to one, required rows first.
``forbidden``
    A placement the text does not support: no event of that article of one of ``types``,
    dated in ``[from, to]``, within ``km`` of any of ``points`` (``[lat, lon]`` pairs) or in
    ``country``. Every such system event counts as a forbidden placement.

Besides, the report counts events per article and *duplicates*: system events of one
article that also satisfy a gold row already matched by another event (one real-world event
coded twice). Each missed row is listed with the closest event of its article and why it
failed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geomap._errors import InputError
from geomap.evaluation.metrics import haversine_km
from geomap.evaluation.seeds import assign_events
from geomap.settings import Settings
from geomap.types import Event

__all__ = [
    "NEWS_GOLD_NAME",
    "PARTS",
    "NewsGold",
    "NewsReport",
    "NewsRow",
    "evaluate_news",
    "find_news_gold",
    "read_held_back",
    "read_news_gold",
    "score_news",
]

#: Name of the gold file inside a news evaluation folder.
NEWS_GOLD_NAME = "gold.json"
#: Default radius (km) of a gold row that gives a point but no ``km``.
DEFAULT_KM = 25.0
#: Which articles of a gold with a ``held_back`` list are scored: the working set, the
#: held-back set, or all of them.
PARTS = ("work", "held", "all")
#: The project's own gold files for folders kept outside it: ``eval/<folder>-gold.json``.
_PROJECT_EVAL = Path(__file__).resolve().parents[2] / "eval"


@dataclass(frozen=True, slots=True)
class NewsGold:
    """One gold row: ``kind`` is "required", "optional" or "forbidden".

    ``points`` holds ``(lat, lon)`` pairs (one for required/optional rows with a point);
    ``country`` is used when there is no point.
    """

    kind: str
    article_id: str
    what: str
    types: tuple[str, ...]
    date_from: dt.date
    date_to: dt.date
    points: tuple[tuple[float, float], ...] = ()
    km: float = DEFAULT_KM
    country: str = ""


@dataclass(frozen=True, slots=True)
class NewsRow:
    """Score of one gold row.

    For required/optional rows ``status`` is "found" or "missing"; for forbidden rows "clean"
    or "violated". ``event_ids`` are the matched (or offending) events; ``reason`` explains.
    """

    gold: NewsGold
    status: str
    reason: str
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewsReport:
    """Scores of one news folder."""

    path: str
    rows: tuple[NewsRow, ...]
    events_per_article: tuple[tuple[str, int], ...]
    duplicates: tuple[str, ...]
    #: Which articles were scored (see :data:`PARTS`; "all" when the gold has no split),
    #: and how many were left out.
    part: str = "all"
    left_out: int = 0

    def score(self, kind: str) -> tuple[int, int]:
        """Return ``(found, total)`` of ``kind`` rows ("required" or "optional")."""
        rows = [r for r in self.rows if r.gold.kind == kind]
        return sum(1 for r in rows if r.status == "found"), len(rows)

    @property
    def forbidden_placements(self) -> int:
        """Number of system events at a forbidden placement."""
        return sum(len(r.event_ids) for r in self.rows if r.gold.kind == "forbidden")

    @property
    def n_events(self) -> int:
        """Number of system events in the scored articles."""
        return sum(n for _a, n in self.events_per_article)


# --------------------------------------------------------------------------- reader


def _date(value: Any, *, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        msg = f"{where}: {value!r} is not an ISO date"
        raise InputError(msg) from exc


def _row(kind: str, raw: dict[str, Any], where: str) -> NewsGold:
    points: list[tuple[float, float]] = []
    if raw.get("lat") is not None and raw.get("lon") is not None:
        points.append((float(raw["lat"]), float(raw["lon"])))
    for p in raw.get("points", ()):
        points.append((float(p[0]), float(p[1])))
    country = str(raw.get("country", "")).upper()
    if not points and not country:
        msg = f"{where}: a row needs lat/lon, points or country"
        raise InputError(msg)
    return NewsGold(
        kind=kind,
        article_id=Path(str(raw["file"])).stem,
        what=str(raw.get("what", "")),
        types=tuple(str(t) for t in raw["types"]),
        date_from=_date(raw["from"], where=where),
        date_to=_date(raw["to"], where=where),
        points=tuple(points),
        km=float(raw.get("km", DEFAULT_KM)),
        country=country,
    )


def read_news_gold(path: str | os.PathLike[str]) -> tuple[NewsGold, ...]:
    """Read a news ``gold.json`` (lists ``required``, ``optional``, ``forbidden``).

    Parameters
    ----------
    path
        The gold file.

    Returns
    -------
    tuple of NewsGold
        Required rows, then optional, then forbidden, each in file order.

    Raises
    ------
    InputError
        When the file cannot be read or a row lacks a key.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows: list[NewsGold] = []
        for kind in ("required", "optional", "forbidden"):
            for n, raw in enumerate(data.get(kind, [])):
                rows.append(_row(kind, raw, f"{path} {kind}[{n}]"))
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        msg = f"cannot read news gold {str(path)!r}: {exc!r}"
        raise InputError(msg) from exc
    return tuple(rows)


def read_held_back(path: str | os.PathLike[str]) -> frozenset[str]:
    """The article stems a gold file's ``held_back`` list keeps aside (empty: none)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return frozenset(Path(str(f)).stem for f in data.get("held_back", ()))
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        msg = f"cannot read news gold {str(path)!r}: {exc!r}"
        raise InputError(msg) from exc


def find_news_gold(folder: str | os.PathLike[str]) -> Path | None:
    """The gold of a news folder: its own ``gold.json``, else the project's
    ``eval/<folder name>-gold.json`` (our coding of texts kept outside the project)."""
    folder = Path(folder)
    for path in (folder / NEWS_GOLD_NAME, _PROJECT_EVAL / f"{folder.name}-gold.json"):
        if path.is_file():
            return path
    return None


# --------------------------------------------------------------------------- scoring


def _in_article(ev: Event, article_id: str) -> bool:
    return ev.article_id == article_id or article_id in ev.sources


def _distance(gold: NewsGold, ev: Event) -> float | None:
    if ev.latitude is None or ev.longitude is None or not gold.points:
        return None
    return min(haversine_km(lat, lon, ev.latitude, ev.longitude) for lat, lon in gold.points)


def _failures(gold: NewsGold, ev: Event) -> list[str]:
    """Why ``ev`` does not satisfy ``gold`` (empty: it does)."""
    fails: list[str] = []
    if ev.event_type not in gold.types:
        fails.append(f"type {ev.event_type!r}")
    if ev.event_date is None or not gold.date_from <= ev.event_date <= gold.date_to:
        got = ev.event_date.isoformat() if ev.event_date else "no date"
        fails.append(f"date {got} (want {gold.date_from}..{gold.date_to})")
    if gold.points:
        dist = _distance(gold, ev)
        if dist is None:
            if not (gold.country and ev.country_code == gold.country):
                fails.append(f"location {ev.location!r} has no point")
        elif dist > gold.km:
            fails.append(f"location {ev.location!r} {dist:.0f} km away (want {gold.km:.0f})")
    elif ev.country_code != gold.country:
        fails.append(f"country {ev.country_code or '?'} (want {gold.country})")
    return fails


def _describe(ev: Event) -> str:
    when = ev.event_date.isoformat() if ev.event_date else "undated"
    return f"{ev.event_type}/{ev.sub_event_type} at {ev.location!r} {when}"


def _missing_reason(gold: NewsGold, events: Sequence[Event]) -> tuple[str, tuple[str, ...]]:
    mine = [ev for ev in events if _in_article(ev, gold.article_id)]
    if not mine:
        return "no event in this article", ()
    best = min(
        mine,
        key=lambda ev: (len(_failures(gold, ev)), ev.event_type not in gold.types),
    )
    return f"closest {_describe(best)}: " + "; ".join(_failures(gold, best)), (best.event_id,)


def score_news(gold: Sequence[NewsGold], events: Sequence[Event], *, path: str = "") -> NewsReport:
    """Score system events against news gold rows.

    Parameters
    ----------
    gold
        Rows from :func:`read_news_gold`.
    events
        System events of the folder's articles.
    path
        Folder name for the report.

    Returns
    -------
    NewsReport
    """
    wanted = [g for g in gold if g.kind in {"required", "optional"}]
    cands = [
        [
            (g.article_id, i)
            for i, ev in enumerate(events)
            if _in_article(ev, g.article_id) and not _failures(g, ev)
        ]
        for g in wanted
    ]
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i].kind != "required", i))
    assigned = assign_events(cands, order)
    used = set(assigned.values())
    rows: list[NewsRow] = []
    duplicates: list[str] = []
    for gi, g in enumerate(wanted):
        matched = assigned.get(gi)
        if matched is None:
            reason, ids = _missing_reason(g, events)
            rows.append(NewsRow(g, "missing", reason, ids))
            continue
        ev = events[matched[1]]
        rows.append(NewsRow(g, "found", _describe(ev), (ev.event_id,)))
        for key in cands[gi]:
            if key not in used:
                used.add(key)
                duplicates.append(
                    f"{g.article_id}: {_describe(events[key[1]])} repeats {_describe(ev)} "
                    f"({g.what})"
                )
    for g in gold:
        if g.kind != "forbidden":
            continue
        bad = [ev for ev in events if _in_article(ev, g.article_id) and not _failures(g, ev)]
        if bad:
            where = "; ".join(_describe(ev) for ev in bad)
            rows.append(NewsRow(g, "violated", where, tuple(ev.event_id for ev in bad)))
        else:
            rows.append(NewsRow(g, "clean", "no event there"))
    articles = sorted({g.article_id for g in gold})
    per_article = tuple((a, sum(1 for ev in events if _in_article(ev, a))) for a in articles)
    return NewsReport(path, tuple(rows), per_article, tuple(duplicates))


def evaluate_news(
    settings: Settings,
    *,
    folder: str | os.PathLike[str],
    gold_path: str | os.PathLike[str] | None = None,
    part: str = "work",
) -> NewsReport:
    """Run the whole pipeline on a news folder and score its events against its gold.

    Parameters
    ----------
    settings
        Run settings.
    folder
        Folder with the articles and ``manifest.csv``.
    gold_path
        The gold file; default :func:`find_news_gold`.
    part
        With a gold that holds articles back (``held_back``): "work" scores the others,
        "held" the held-back ones, "all" every article (see :data:`PARTS`). Only the
        scored articles are run.

    Returns
    -------
    NewsReport

    Raises
    ------
    InputError
        When the gold or the articles cannot be read.
    """
    folder = Path(folder)
    if part not in PARTS:
        msg = f"unknown part {part!r}; choose from {', '.join(PARTS)}"
        raise InputError(msg)
    path = Path(gold_path) if gold_path is not None else find_news_gold(folder)
    if path is None:
        msg = f"{folder}: no {NEWS_GOLD_NAME} and no eval/{folder.name}-gold.json in the project"
        raise InputError(msg)
    gold = read_news_gold(path)
    held = read_held_back(path)
    if not held:
        part = "all"

    def scored(article_id: str) -> bool:
        return part == "all" or ((article_id in held) == (part == "held"))

    from geomap.events import finish_events
    from geomap.ingest import read_articles
    from geomap.stages import code_all

    everything = read_articles([folder])
    articles = [a for a in everything if scored(a.id)]
    coded = code_all(articles, settings=settings)
    built = finish_events(coded.events, days=settings.dedup_days, km=settings.dedup_km)
    rows = [g for g in gold if scored(g.article_id)]
    report = score_news(rows, built, path=str(folder))
    return replace(report, part=part, left_out=len(everything) - len(articles))
