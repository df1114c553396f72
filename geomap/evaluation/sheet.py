"""Evaluation stage: a report sheet built as an analyst builds it, pins traced to their rows.

The reports CSV (:mod:`geomap.evaluation.reports`) is cut down to the columns an analyst's
sheet has (``date, text, link``), written to a temporary file and built as ``geomap build
sheet.csv`` builds it: one run, the cross-article merge included. Each event on the map is
traced back to the rows it came from (its ``sources``) and measured against their verified
points:

- *pinned*: events drawn as a point (a place below the country, not left ambiguous);
- *off > 100 km* / *off > 25 km*: pinned events farther than that from a row they came from;
- *bad merges*: events merged from rows whose verified points lie more than 25 km apart;
- *rows with an event*: rows whose article gave at least one event;
- *ambiguous*: events whose place the run left undecided between namesakes (drawn apart,
  at the level the namesakes share or not at all).

A split by town keeps a third of the towns aside (:func:`town_part`), so that a change is
tuned on some towns and checked on others, as the sheets of other towns it will meet.
"""

from __future__ import annotations

import csv
import hashlib
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geomap._geo import haversine_km
from geomap.evaluation.reports import ReportRow
from geomap.settings import Settings
from geomap.types import Event

__all__ = ["OFF_KM", "SheetScore", "evaluate_sheet", "format_sheet", "sheet_to_dict", "town_part"]

#: A pin this far from a row it came from is in the wrong place.
OFF_KM = 100.0
#: A pin this far is not where the report is; rows this far apart are not one event.
NEAR_KM = 25.0


def town_part(town: str) -> str:
    """ "held" for the third of the towns kept aside (by a hash of the name), else "work"."""
    key = town.strip().casefold().encode("utf-8")
    return (
        "held" if int(hashlib.sha1(key, usedforsecurity=False).hexdigest(), 16) % 3 == 0 else "work"
    )


@dataclass(frozen=True, slots=True)
class SheetScore:
    """What the build made of a report sheet (see the module docstring)."""

    rows: int
    rows_with_event: int
    events: int
    pinned: int
    off_far: int
    off_near: int
    merged: int
    bad_merges: int
    ambiguous: int
    #: One line per pin more than :data:`OFF_KM` off, and per bad merge.
    wrong: tuple[str, ...] = ()

    def share(self, k: int, n: int) -> float | None:
        """``k / n`` (None for no ``n``)."""
        return k / n if n else None


def _write_sheet(rows: Sequence[ReportRow], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["date", "text", "link"])
        for r in rows:
            out.writerow([r.date.isoformat() if r.date else "", r.text, r.link])


def _pinned(ev: Event) -> bool:
    return (
        ev.latitude is not None
        and ev.longitude is not None
        and ev.location_level != "country"
        and not ev.alternatives
    )


def evaluate_sheet(settings: Settings, rows: Sequence[ReportRow]) -> SheetScore:
    """Build ``rows`` as a ``date, text, link`` sheet and trace every event to its rows.

    Parameters
    ----------
    settings
        Run settings (no per-article cache is used).
    rows
        The reports, in sheet order.
    """
    from geomap.events import finish_events
    from geomap.stages import read_inputs, run_stages

    with tempfile.TemporaryDirectory(prefix="geomap-sheet-") as tmp:
        path = Path(tmp) / "sheet.csv"
        _write_sheet(rows, path)
        articles = read_inputs([path])
        # a sheet row's id is "<file stem>:<row>", the header being row 1
        by_id = {f"sheet:{n + 2}": r for n, r in enumerate(rows)}
        raw: list[Event] = []
        with_event: set[str] = set()
        for res in run_stages(articles, settings=settings, cache=False):
            for ev in res.events or ():
                raw.append(ev)
                with_event.add(ev.article_id)
    events = finish_events(raw, days=settings.dedup_days, km=settings.dedup_km)
    return _score(events, by_id, n_rows=len(rows), with_event=len(with_event))


def _score(
    events: Sequence[Event], by_id: dict[str, ReportRow], *, n_rows: int, with_event: int
) -> SheetScore:
    pinned = off_far = off_near = merged = bad = ambiguous = 0
    wrong: list[str] = []
    for ev in events:
        rows = [by_id[s] for s in (ev.sources or (ev.article_id,)) if s in by_id]
        ambiguous += bool(ev.alternatives)
        if len(rows) > 1:
            merged += 1
            spread = max(
                haversine_km(a.lat, a.lon, b.lat, b.lon) for a in rows for b in rows if a is not b
            )
            if spread > NEAR_KM:
                bad += 1
                wrong.append(
                    f"merge of {len(rows)} rows {spread:.0f} km apart: "
                    + " | ".join(f"{r.entry} {r.town} {r.text[:50]!r}" for r in rows[:3])
                )
        if not _pinned(ev) or not rows:
            continue
        pinned += 1
        assert ev.latitude is not None
        assert ev.longitude is not None
        km = max(haversine_km(ev.latitude, ev.longitude, r.lat, r.lon) for r in rows)
        off_near += km > NEAR_KM
        if km > OFF_KM:
            off_far += 1
            r = rows[0]
            wrong.append(
                f"{km:.0f} km off: {ev.event_type} @ {ev.location} ({ev.admin1}, "
                f"{ev.country_code}) for {r.entry} {r.town}, {r.province}: {r.text[:70]!r}"
            )
    return SheetScore(
        n_rows, with_event, len(events), pinned, off_far, off_near, merged, bad, ambiguous,
        tuple(wrong),
    )  # fmt: skip


def _pct(k: int, n: int) -> str:
    return "n/a" if not n else f"{k / n:.3f} ({k} of {n})"


def format_sheet(score: SheetScore, *, path: str, part: str, misses: int = 20) -> str:
    """The build-path scores as text, then the wrong pins and merges."""
    head = (
        f"Sheet built as `geomap build` (date,text,link) from {path}, {part} part: "
        f"{score.rows} rows, {score.events} events, {score.pinned} pinned"
    )
    merges = f"{score.bad_merges} (of {score.merged} merges)"
    lines = [
        head,
        f"  pinned events > {OFF_KM:.0f} km off        {_pct(score.off_far, score.pinned)}",
        f"  pinned events > {NEAR_KM:.0f} km off         {_pct(score.off_near, score.pinned)}",
        f"  merges of rows > {NEAR_KM:.0f} km apart      {merges}",
        f"  rows with an event              {_pct(score.rows_with_event, score.rows)}",
        f"  events left ambiguous           {_pct(score.ambiguous, score.events)}",
    ]
    lines.extend(f"  {w}" for w in score.wrong[:misses])
    if len(score.wrong) > misses:
        lines.append(f"  (+{len(score.wrong) - misses} more)")
    return "\n".join(lines)


def sheet_to_dict(score: SheetScore, *, path: str, part: str) -> dict[str, object]:
    """The build-path scores as a JSON-safe dict."""
    return {
        "path": path,
        "part": part,
        "rows": score.rows,
        "rows_with_event": score.rows_with_event,
        "events": score.events,
        "pinned": score.pinned,
        "off_100km": score.off_far,
        "off_25km": score.off_near,
        "merges": score.merged,
        "bad_merges": score.bad_merges,
        "ambiguous": score.ambiguous,
        "wrong": list(score.wrong),
    }
