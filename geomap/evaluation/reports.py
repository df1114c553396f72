"""Evaluation stage: score short geolocated conflict reports (one CSV row = one article).

The format is the one of the OSINT map exports (``entry, date, group, text, town, province,
country, lat, lon, link``): each row is read as an article published on its ``date`` (id =
``entry``) and pushed through the real stages as one run (the theatre found over all rows,
then places, geocode, and the events of each article alone, no cross-article
deduplication). Per row:

- *recognised*: a place mention (any role but ``demonym``) names the row's town (the folded
  names are equal, one starts with the other, or they are one or two edits apart), or some
  mention is resolved within :data:`NEAR_KM` of the verified point;
- *within 25 km*: some mention (any role but ``demonym``) is resolved within :data:`NEAR_KM`
  of (``lat``, ``lon``);
- *attack report*: ``Bombing or Explosion``, ``Ground Battle`` and ``Civilian Casualty`` rows,
  and ``... Infrastructure Damage`` rows whose text names a strike, shelling, missile, bomb,
  drone, artillery, attack or explosion (:data:`ATTACK_WORDS`). It is *coded* when an event of
  the matching ACLED type (:data:`EXPECTED_TYPES`) lies within :data:`NEAR_KM`;
- *sighting*: a ``Russian Military Presence`` row; it is *miscoded* when any event of the
  article is a Battle or an Explosion/Remote violence.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geomap._errors import InputError
from geomap._geo import haversine_km
from geomap.events.schema import BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS
from geomap.settings import Settings
from geomap.types import Article, Event, ParsedArticle, ResolvedPlace

__all__ = [
    "ATTACK_WORDS",
    "EXPECTED_TYPES",
    "NEAR_KM",
    "GroupScore",
    "ReportRow",
    "ReportScore",
    "ReportsReport",
    "evaluate_reports",
    "is_attack",
    "read_reports",
    "score_report",
    "summarise_reports",
]

log = logging.getLogger(__name__)

#: A town or an event counts as placed within this distance of the verified point.
NEAR_KM = 25.0
#: Words that make an infrastructure-damage report an attack report.
ATTACK_WORDS = re.compile(
    r"\b(strik\w*|struck|shell\w*|missile\w*|rocket\w*|bomb\w*|drone\w*|artillery|"
    r"attack\w*|explo\w*|airstrike\w*|air strike\w*)",
    re.IGNORECASE,
)
_ALWAYS_ATTACK = frozenset({"Bombing or Explosion", "Ground Battle", "Civilian Casualty"})
_STRIKE, _BATTLE, _VAC = EXPLOSIONS, BATTLES, VIOLENCE_AGAINST_CIVILIANS
#: ACLED event types that code each attack category (others: Explosions/Remote violence).
EXPECTED_TYPES: dict[str, frozenset[str]] = {
    "Ground Battle": frozenset({_BATTLE}),
    "Civilian Casualty": frozenset({_STRIKE, _VAC}),
}
_DEFAULT_TYPES = frozenset({_STRIKE})
#: The category of sightings (vehicles, troops, convoys).
SIGHTING = "Russian Military Presence"
_VIOLENT = frozenset({_STRIKE, _BATTLE})
_COLUMNS = ("entry", "date", "group", "text", "town", "lat", "lon")


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One gold report: the text, its category and the verified point."""

    entry: str
    date: dt.date | None
    group: str
    text: str
    town: str
    province: str
    country: str
    lat: float
    lon: float
    link: str = ""

    def to_article(self) -> Article:
        """The row as a pipeline article (id = entry, published = date)."""
        return Article(id=self.entry, text=self.text, published=self.date, url=self.link)


@dataclass(frozen=True, slots=True)
class ReportScore:
    """What the system made of one report.

    ``best`` describes the place nearest the verified point (surface -> name, admin1,
    country) and ``best_km`` its distance; ``events`` lists "type @ location (km)".
    """

    row: ReportRow
    recognised: bool
    within: bool
    best: str
    best_km: float | None
    attack: bool
    coded: bool
    n_events: int
    sighting: bool
    miscoded: bool
    events: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    @property
    def missed(self) -> tuple[str, ...]:
        """The measures this report fails ("town", "place", "event", "no event", "sighting")."""
        out = []
        if not self.recognised:
            out.append("town")
        if not self.within:
            out.append("place")
        if self.attack and not self.coded:
            out.append("no event" if self.n_events == 0 else "event")
        if self.miscoded:
            out.append("sighting")
        return tuple(out)


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Counts over a set of reports (the whole file or one category)."""

    name: str
    n: int
    recognised: int
    within: int
    attacks: int
    coded: int
    no_event: int
    sightings: int
    miscoded: int

    @staticmethod
    def _ratio(k: int, n: int) -> float | None:
        return k / n if n else None

    @property
    def recognised_rate(self) -> float | None:
        """Share of reports whose town is recognised."""
        return self._ratio(self.recognised, self.n)

    @property
    def within_rate(self) -> float | None:
        """Share of reports with a place within 25 km of the verified point."""
        return self._ratio(self.within, self.n)

    @property
    def coded_rate(self) -> float | None:
        """Share of attack reports with an event of the right type within 25 km."""
        return self._ratio(self.coded, self.attacks)

    @property
    def no_event_rate(self) -> float | None:
        """Share of attack reports with no event at all."""
        return self._ratio(self.no_event, self.attacks)

    @property
    def miscoded_rate(self) -> float | None:
        """Share of sightings coded as battles or strikes."""
        return self._ratio(self.miscoded, self.sightings)


@dataclass(frozen=True, slots=True)
class ReportsReport:
    """The scores of a reports file: overall, per category and per row."""

    path: str
    total: GroupScore
    groups: tuple[GroupScore, ...]
    rows: tuple[ReportScore, ...] = field(default_factory=tuple)
    seconds: float = 0.0

    def misses(self, limit: int | None = None) -> list[ReportScore]:
        """Reports failing some measure, in file order (at most ``limit``)."""
        out = [r for r in self.rows if r.missed]
        return out if limit is None else out[:limit]


# --------------------------------------------------------------------------- reader


def _float(value: str, what: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        msg = f"{where}: {what} {value!r} is not a number"
        raise InputError(msg) from exc


def read_reports(path: str | os.PathLike[str]) -> list[ReportRow]:
    """Read a reports CSV (``entry, date, group, text, town, province, country, lat, lon``).

    Parameters
    ----------
    path
        The CSV file (UTF-8, header row).

    Returns
    -------
    list of ReportRow
        In file order.

    Raises
    ------
    InputError
        When the file cannot be read, lacks a column or has a row without coordinates.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                msg = f"{str(path)!r} is not a reports CSV (no column {', '.join(missing)})"
                raise InputError(msg)
            rows = []
            for n, rec in enumerate(reader, start=2):
                where = f"{path}:{n}"
                try:
                    day: dt.date | None = dt.date.fromisoformat(rec["date"].strip()[:10])
                except ValueError:
                    day = None
                rows.append(
                    ReportRow(
                        entry=rec["entry"].strip() or f"row{n}",
                        date=day,
                        group=rec["group"].strip(),
                        text=rec["text"].strip(),
                        town=rec["town"].strip(),
                        province=(rec.get("province") or "").strip(),
                        country=(rec.get("country") or "").strip(),
                        lat=_float(rec["lat"], "lat", where),
                        lon=_float(rec["lon"], "lon", where),
                        link=(rec.get("link") or "").strip(),
                    )
                )
    except OSError as exc:
        msg = f"cannot read reports file {str(path)!r}: {exc.strerror or exc}"
        raise InputError(msg) from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        msg = f"cannot read reports file {str(path)!r}: {exc}"
        raise InputError(msg) from exc
    return rows


# --------------------------------------------------------------------------- scoring


def is_attack(row: ReportRow) -> bool:
    """Whether the report is an attack report (see the module docstring)."""
    if row.group in _ALWAYS_ATTACK:
        return True
    return row.group.endswith("Infrastructure Damage") and ATTACK_WORDS.search(row.text) is not None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _names_town(surface: str, town: str) -> bool:
    a, b = _fold(surface), _fold(town)
    if not a or not b:
        return False
    if a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))):
        return True
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b, score_cutoff=2) <= (2 if len(b) >= 6 else 1)


def _expected(row: ReportRow) -> frozenset[str]:
    return EXPECTED_TYPES.get(row.group, _DEFAULT_TYPES)


def score_report(
    row: ReportRow,
    parsed: ParsedArticle,
    resolved: Sequence[ResolvedPlace],
    events: Sequence[Event],
) -> ReportScore:
    """Score what the pipeline made of one report.

    Parameters
    ----------
    row
        The gold report.
    parsed
        Its parsed article (the mentions).
    resolved
        Its resolved places.
    events
        The events coded from it.

    Returns
    -------
    ReportScore
    """
    placed = [r for r in resolved if r.mention.role != "demonym"]
    best: tuple[float, str] | None = None
    for r in placed:
        if r.entry is None:
            continue
        km = haversine_km(r.entry.lat, r.entry.lon, row.lat, row.lon)
        label = (
            f"{r.mention.text} -> {r.entry.name} ({r.entry.admin1_name}, {r.entry.country_code})"
        )
        if best is None or km < best[0]:
            best = (km, label)
    within = best is not None and best[0] <= NEAR_KM
    recognised = within or any(
        _names_town(m.text, row.town) or _names_town(m.name, row.town)
        for m in parsed.mentions
        if m.role != "demonym"
    )
    attack = is_attack(row)
    want = _expected(row)
    coded = attack and any(
        e.event_type in want
        and e.latitude is not None
        and e.longitude is not None
        and haversine_km(e.latitude, e.longitude, row.lat, row.lon) <= NEAR_KM
        for e in events
    )
    sighting = row.group == SIGHTING
    miscoded = sighting and any(e.event_type in _VIOLENT for e in events)
    ev_labels = tuple(
        f"{e.event_type} @ {e.location or '?'}"
        + (
            f" ({haversine_km(e.latitude, e.longitude, row.lat, row.lon):.0f} km)"
            if e.latitude is not None and e.longitude is not None
            else ""
        )
        for e in events
    )
    place_labels = tuple(
        f"{r.mention.text}[{r.mention.role}] -> "
        + (
            "unresolved"
            if r.entry is None
            else (
                f"{r.entry.name}, {r.entry.admin1_name}, {r.entry.country_code} "
                f"({haversine_km(r.entry.lat, r.entry.lon, row.lat, row.lon):.0f} km)"
            )
        )
        for r in resolved
    )
    return ReportScore(
        row=row,
        recognised=recognised,
        within=within,
        best="" if best is None else best[1],
        best_km=None if best is None else best[0],
        attack=attack,
        coded=coded,
        n_events=len(events),
        sighting=sighting,
        miscoded=miscoded,
        events=ev_labels,
        places=place_labels,
    )


def _group(name: str, scores: Iterable[ReportScore]) -> GroupScore:
    rows = list(scores)
    return GroupScore(
        name=name,
        n=len(rows),
        recognised=sum(r.recognised for r in rows),
        within=sum(r.within for r in rows),
        attacks=sum(r.attack for r in rows),
        coded=sum(r.coded for r in rows),
        no_event=sum(r.attack and r.n_events == 0 for r in rows),
        sightings=sum(r.sighting for r in rows),
        miscoded=sum(r.miscoded for r in rows),
    )


def summarise_reports(
    scores: Sequence[ReportScore], *, path: str = "", seconds: float = 0.0
) -> ReportsReport:
    """Aggregate per-row scores overall and per category (largest category first)."""
    names = sorted({s.row.group for s in scores})
    groups = [_group(g, (s for s in scores if s.row.group == g)) for g in names]
    groups.sort(key=lambda g: (-g.n, g.name))
    return ReportsReport(
        path=path,
        total=_group("all", scores),
        groups=tuple(groups),
        rows=tuple(scores),
        seconds=seconds,
    )


def evaluate_reports(
    settings: Settings,
    *,
    path: str | os.PathLike[str],
    limit: int | None = None,
    rows: Sequence[ReportRow] | None = None,
) -> ReportsReport:
    """Run the pipeline on each report of a reports CSV and score it.

    Parameters
    ----------
    settings
        Run settings (model, gazetteer cache).
    path
        The reports CSV.
    limit
        Score only the first ``limit`` rows.
    rows
        The rows to score (default: every row of ``path``), e.g. one part of a split.

    Returns
    -------
    ReportsReport

    Raises
    ------
    InputError
        When the file cannot be read.
    """
    import time

    from geomap.events.namesakes import decide_namesakes, decide_places
    from geomap.ingest import read_table_articles
    from geomap.stages import code_all

    rows = list(rows) if rows is not None else read_reports(path)
    if limit is not None:
        rows = rows[: max(0, limit)]
    # the articles are read as `geomap build FILE.csv` reads them, so the scores are those of
    # the build path; a row the reader passes over (no text) is still scored, as an empty report
    read = {a.id: a for a in read_table_articles(Path(path), on_error=lambda _err: None)}
    articles = [read.get(r.entry) or r.to_article() for r in rows]
    t0 = time.perf_counter()
    coded = code_all(articles, settings=settings)
    # the run's events, ambiguous places decided by its activity as a build decides them
    # (each row is scored on its own events: no cross-row merge)
    by_article: dict[str, list[Event]] = {}
    for ev in decide_namesakes(coded.events):
        by_article.setdefault(ev.article_id, []).append(ev)
    scores = []
    for row, article, r in zip(rows, articles, coded.results, strict=True):
        # an article a stage failed on (logged) is scored as a report with nothing found
        pa = r.parsed or ParsedArticle(article, (), ())
        places = decide_places(r.resolved, coded.events, day=article.published)
        scores.append(score_report(row, pa, places, by_article.get(article.id, [])))
    report = summarise_reports(scores, path=str(path), seconds=time.perf_counter() - t0)
    t = report.total
    log.info(
        "reports: %d rows, town %s, within %d km %s, attacks coded %s (%d attacks)",
        t.n,
        t.recognised_rate,
        NEAR_KM,
        t.within_rate,
        t.coded_rate,
        t.attacks,
    )
    return report
