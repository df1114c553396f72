"""Pipeline glue: what became of each input of a build (nothing is dropped silently).

Every article the build read ends up one way: it gave events (some perhaps merged into
the events of other articles), it named places but gave no event, it named no place the
gazetteer knows, or a stage failed on it. :class:`Fates` keeps that per article; the
run summary counts it, ``-v -v`` lists it and ``geomap build --report FILE`` writes it
as a CSV, one line per input (its cells neutralised against spreadsheet formulas).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geomap._atomic import atomic_write
from geomap._csvsafe import neutralise_cell
from geomap.types import Article, Event

if TYPE_CHECKING:
    from geomap.stages import ArticleResult

__all__ = ["FATE_COLUMNS", "Fate", "Fates"]

#: Columns of the per-input report.
FATE_COLUMNS = (
    "article_id",
    "path",
    "url",
    "published",
    "status",
    "places",
    "events",
    "merged_into",
    "reason",
)


@dataclass(slots=True)
class Fate:
    """What became of one article (see the module docstring for ``status``)."""

    article: Article
    status: str = "not processed"
    places: int = 0
    events: int = 0
    merged_into: list[str] = field(default_factory=list)
    reason: str = ""


class Fates:
    """The fate of every article of a build, in input order."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.fates = [Fate(a) for a in articles]

    def took(self, result: ArticleResult) -> None:
        """Record what the per-article stages made of an article."""
        fate = self.fates[result.index]
        if result.error:
            fate.status, fate.reason = "error", result.error
            return
        fate.places = result.mentions - result.unresolved
        fate.events = len(result.events or ())
        if fate.events:
            fate.status = "events"
        elif fate.places:
            fate.status, fate.reason = "no event", "places named, but no event told of them"
        else:
            fate.status = "no place"
            fate.reason = "no place the gazetteer knows" if result.mentions else "no place named"

    def merged(self, raw: Sequence[Event], events: Sequence[Event]) -> None:
        """Record which articles' events were merged into another article's event."""
        kept = {ev.event_id for ev in events}
        into: dict[str, str] = {}
        for ev in events:
            for sid in ev.sources:
                if sid != ev.article_id:
                    into.setdefault(sid, ev.event_id)
        by_id = {f.article.id: f for f in self.fates}
        for ev in raw:
            fate = by_id.get(ev.article_id)
            if fate is not None and ev.event_id not in kept and ev.article_id in into:
                target = into[ev.article_id]
                if target not in fate.merged_into:
                    fate.merged_into.append(target)
        for fate in self.fates:
            if fate.status == "events" and fate.merged_into:
                fate.reason = f"{len(fate.merged_into)} event(s) merged into other articles' events"

    def counts(self) -> tuple[int, int, int]:
        """(articles with no place, with places but no event, with events merged away)."""
        return (
            sum(f.status == "no place" for f in self.fates),
            sum(f.status == "no event" for f in self.fates),
            sum(bool(f.merged_into) for f in self.fates),
        )

    def lines(self, *, limit: int | None = None) -> list[str]:
        """One line per article that gave no event (at most ``limit``; None: all)."""
        out = [
            f"{f.article.path or f.article.id} [{f.article.id}]: {f.status}, {f.reason}"
            for f in self.fates
            if f.status != "events"
        ]
        return out if limit is None else out[:limit]

    def rows(self) -> list[list[str]]:
        """The report's rows (cells as text, neutralised against formulas)."""
        return [
            [
                neutralise_cell(v)
                for v in (
                    f.article.id,
                    f.article.path,
                    f.article.url,
                    f.article.published.isoformat() if f.article.published else "",
                    f.status,
                    str(f.places),
                    str(f.events),
                    "; ".join(f.merged_into),
                    f.reason,
                )
            ]
            for f in self.fates
        ]

    def write(self, path: str | Path) -> Path:
        """Write the per-input report as a CSV (atomically)."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(FATE_COLUMNS)
        writer.writerows(self.rows())
        data = buf.getvalue()

        def write(tmp: Path) -> None:
            tmp.write_text(data, encoding="utf-8")

        return atomic_write(path, write)
