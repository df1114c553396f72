"""Stage 3 helper (geocode): what the ranking leaves to decide about a mention.

Namesakes the text does not tell apart (an *ambiguous* mention, decided later by the
run's activity or left undecided); a part of a town named like a place elsewhere; a name
the gazetteer lacks, placed at the place the text locates it against; the most populous
candidate of the evaluation baseline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geomap._geo import haversine_km
from geomap.places.lexicon import TOWN_PART_NOUNS
from geomap.types import (
    Candidate,
    GazetteerEntry,
    PlaceMention,
    ResolvedPlace,
)

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.settings import Settings

from geomap.geocode.ranking import (
    _SETTLEMENT,
    _SETTLEMENT_POINTS,
    _Context,
    _effective_population,
    _precision,
    rank_candidates,
)

log = logging.getLogger(__name__)

#: Ranked candidates kept on a resolved place (the winner and four runners-up).
_KEEP = 5

#: Namesakes score alike (the text does not tell them apart) within this of the winner,
_NAMESAKE_MARGIN = 1.0

#: when they lie this far from it and from each other,
_NAMESAKE_KM = 50.0

#: and are at least this share of its size (a city is its name's reading beside villages
#: a tenth its size);
_NAMESAKE_SIZE = 0.1

#: below this many people, populations tell villages apart no better than chance (many
#: are unknown): between such namesakes the population feature is set aside.
_SMALL_PLACE = 2_000

#: A part of a town ("X District of Y") lies within this distance of the town's point.
_PART_KM = 25.0


def _reason(
    best: Candidate, runner: Candidate | None, namesakes: Sequence[GazetteerEntry] = ()
) -> str:
    top = sorted(best.features, key=lambda kv: -abs(kv[1]))[:3]
    feats = ", ".join(f"{k}={v:+.2f}" for k, v in top)
    if runner is None:
        return f"only candidate ({feats})"
    other = f"{runner.entry.name} ({runner.entry.country_code})"
    said = f"score {best.score:.2f} vs {runner.score:.2f} for {other}; {feats}"
    if namesakes:
        where = ", ".join(f"{en.admin1_name or en.country_code}" for en in namesakes)
        said = f"ambiguous: {len(namesakes)} namesakes score alike ({where}); " + said
    return said


def _namesakes(ranked: Sequence[Candidate]) -> tuple[GazetteerEntry, ...]:
    """The far-apart settlements the mention may be that the text does not tell apart.

    Those within :data:`_NAMESAKE_MARGIN` of the winner's score (between villages and
    small towns, populations aside), at least :data:`_NAMESAKE_SIZE` of its size and
    :data:`_NAMESAKE_KM` from each other, the winner first; empty when the winner stands
    alone (or is no settlement).
    """
    best = ranked[0]
    if best.entry.level not in _SETTLEMENT_POINTS:
        return ()
    size = _effective_population(best.entry)
    out = [best.entry]
    for c in ranked[1:]:
        en = c.entry
        if en.level not in _SETTLEMENT_POINTS:
            continue
        gap = best.score - c.score
        if size < _SMALL_PLACE and _effective_population(en) < _SMALL_PLACE:
            gap -= _feature(best, "population") - _feature(c, "population")
        elif _effective_population(en) < _NAMESAKE_SIZE * size:
            continue
        if gap > _NAMESAKE_MARGIN:
            continue
        if all(haversine_km(en.lat, en.lon, o.lat, o.lon) > _NAMESAKE_KM for o in out):
            out.append(en)
    return tuple(out) if len(out) > 1 else ()


def _feature(c: Candidate, name: str) -> float:
    return sum(v for k, v in c.features if k == name)


def _shared_division(gaz: Gazetteer, namesakes: Sequence[GazetteerEntry]) -> GazetteerEntry | None:
    """The first-level division all ``namesakes`` lie in, if one holds them all."""
    keys = {(en.country_code, en.admin1_code) for en in namesakes}
    if len(keys) != 1:
        return None
    ((cc, code),) = keys
    return gaz.admin1(cc, code) if code else None


#: "the X district": a town's part, told by the word after its name.
_PART_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(TOWN_PART_NOUNS)) + r")\b", re.IGNORECASE)


def _orphan_parts(text: str, results: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """Place "the X district" in the one town the article names, not in a far namesake's.

    A report from a town ("#Kherson: ... in the Dniprovskyi district") names its
    district without the town; the gazetteer may hold that district name only as a
    section of another city (Kyiv's Dniprovskyi). When the section's own city is not
    named (no named settlement within :data:`_PART_KM` of it) and exactly one other
    settlement is, the district is that settlement's (geo_precision 2).
    """
    towns = {
        r.entry.geonameid: r.entry
        for r in results
        if r.entry is not None and r.entry.level in {"city", "village"}
        and r.entry.feature_code != "PPLX" and r.mention.role == "literal"
    }  # fmt: skip
    out = []
    for r in results:
        e = r.entry
        if (
            e is not None
            and e.feature_code == "PPLX"
            and r.method == "gazetteer"
            and len(towns) == 1
            and _PART_AFTER.match(text, r.mention.end)
        ):
            (town,) = towns.values()
            if haversine_km(e.lat, e.lon, town.lat, town.lon) > _PART_KM:
                r = replace(
                    r,
                    entry=town,
                    method="relative",
                    level=town.level,
                    geo_precision=2,
                    reason=f"no {r.mention.name} named near {e.name}'s city; a part of {town.name}",
                )
        out.append(r)
    return out


def _parents(gaz: Gazetteer, name: str) -> list[GazetteerEntry]:
    """The entries a parent name ("X in Y region", "Y's X") may mean; a division's own
    spelling ("Middle Shabelle") finds it with one edit when nothing has the name."""
    return list(gaz.lookup(name, limit=20)) or gaz.divisions_near(name)[:3]


def _inside_town(
    entries: Sequence[GazetteerEntry], towns: Sequence[GazetteerEntry]
) -> list[GazetteerEntry]:
    """The entries within :data:`_PART_KM` of a settlement among ``towns``."""
    points = [(t.lat, t.lon) for t in towns if t.level in _SETTLEMENT]
    return [
        en
        for en in entries
        if any(haversine_km(en.lat, en.lon, lat, lon) <= _PART_KM for lat, lon in points)
    ]


def _admin_ctx(text: str, m: PlaceMention) -> str | None:
    """The division written next to a settlement mention (none for divisions themselves)."""
    if m.level_hint in {"admin1", "country"}:
        return None
    from geomap.theatre import admin_context

    return admin_context(text, m.end) or m.parent


def _population_pick(m: PlaceMention, entries: Sequence[GazetteerEntry]) -> ResolvedPlace:
    if not entries:
        return ResolvedPlace(mention=m, entry=None, method="unresolved", reason="not in gazetteer")
    ranked = sorted(entries, key=lambda en: (-en.population, en.geonameid))
    cands = tuple(Candidate(en, float(en.population)) for en in ranked[:5])
    best = ranked[0]
    return ResolvedPlace(
        mention=m,
        entry=best,
        method="gazetteer",
        score=float(best.population),
        level=best.level,
        geo_precision=_precision(best),
        candidates=cands,
        reason="most populous candidate",
    )


def _relative(
    m: PlaceMention,
    gaz: Gazetteer,
    *,
    settings: Settings,
    context: _Context,
    ps: Sequence[GazetteerEntry],
    home: str,
) -> ResolvedPlace:
    """Place a mention the gazetteer lacks at its anchor or parent, or leave it unresolved.

    ``home`` is the country of the article's site ("" for none), as for the ranking.
    """
    ref_name = m.anchor or m.parent
    if ref_name:
        # (mutation testing: dropping limit=50, the lookup's default, is equivalent)
        refs = list(gaz.lookup(ref_name, limit=50)) if m.anchor else list(ps)
        # ranking reads a mention's name, text, level hint and signals, not its offsets or
        # article (mutation testing: mutants of those fields are equivalent)
        ref_mention = PlaceMention(
            article_id=m.article_id,
            start=m.start,
            end=m.end,
            text=ref_name,
            name=ref_name,
            sentence_start=m.sentence_start,
            sentence_end=m.sentence_end,
        )
        if m.level_hint == "part":  # the town itself, not a division named like it
            ref_mention = replace(ref_mention, level_hint="city")
        # rank_candidates reads home only when it is non-empty (mutation testing: home=None
        # is equivalent)
        ranked = rank_candidates(
            ref_mention, refs, settings=settings, context=context, keep=_KEEP, home=home
        )
        if ranked:
            best = ranked[0]
            how = f"{m.relation} {ref_name}" if m.relation else f"in {ref_name}"
            return ResolvedPlace(
                mention=m,
                entry=best.entry,
                method="relative",
                score=best.score,
                level=best.entry.level,
                geo_precision=2 if best.entry.level in {"city", "village", "other"} else 3,
                candidates=tuple(ranked),
                reason=(
                    f"no {m.name} inside {ref_name}"
                    if m.level_hint == "part"
                    else "not in gazetteer"
                )
                + f"; placed at {best.entry.name} ({how})",
            )
    return ResolvedPlace(mention=m, entry=None, method="unresolved", reason="not in gazetteer")
