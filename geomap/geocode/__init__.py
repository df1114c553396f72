"""Stage 3, geocode: rank gazetteer candidates for each place mention.

Every candidate gets a score that is a sum of explicit, logged features:

============  =====================================================================
feature       meaning
============  =====================================================================
population    log10 of the population, scaled to ~0..1
level         prior of the entry's level (countries and admin-1 names usually mean
              the division, not a homonymous village)
level_hint    the phrase implies a level ("X region" -> admin-1, "town of X" -> city)
name          the mention equals the entry's primary name (not only an alternate)
focus         share of the article's other place names resolved (first pass) to the
              candidate's country
parent        a parent place named in the text ("Sumy's X", "X, Texas") contains it
admin1_focus  the article names the candidate's first-level division elsewhere
              ("... in Kentucky ... Columbia" -> Columbia, KY); not against a
              same-named national capital (Paris in a Kentucky family's story is Paris)
division      a first-level division whose name no national capital shares and whose
              same-named settlements are small beside it ("Wyoming", "Delaware",
              "Quebec": the state or province, not Wyoming, MI; "Kursk" stays the city)
coherence     closeness to the article's other places (spatial coherence; a repeated
              name never vouches for itself)
conflict      the known-conflict-zone prior (``Settings.conflict_countries``)
capital       national capitals get a small bonus
admin2_cue    a county cue in the mention ("Adair County", "Metcalfe Co.", "X Parish")
              favours second-level divisions; a bare stem ("Metcalfe") of a division
              named "Metcalfe County" counts against the division unless the article
              names it with its cue elsewhere (see :func:`_admin2_feature`)
county_focus  the article names, with its cue, the county a settlement lies in
              ("... in Laurel County ... London" -> London, KY); see :func:`_county_focus`
admin_context the text names the candidate's division next to it ("X, Y Oblast"),
              spelling aside (:func:`geomap.theatre.admin_matches`)
theatre       the run's theatre (``Settings.theatre``): the countries and divisions
              that dominate all the articles of the run
anchor        the settlement the text locates the mention against ("Andriivka near
              Bakhmut"): candidates within a few tens of km of its point
near_miss     the name was matched with one edit: a small penalty
source        the article comes from a site under the candidate's country-code domain
              ("nlhnews.co.uk": Edmonton, London, not Edmonton, Alberta); a nudge
              between places of comparable size, like ``focus``
============  =====================================================================

focus, coherence, conflict and source are scaled by a plausibility factor: 1 for candidates at
least 1/100 the size of the largest one, falling to 0 at 1/10,000, so context picks
between places of comparable size but never lifts a hamlet over a metropolis.

A mention the gazetteer lacks but that the text places relative to a known place
("villages ... west of Sudzha") resolves to that place with ``method="relative"``
and geo-precision 2; so does a reading of "X near Y" lying far from Y (another X), a
site named after a town ("the X refugee camp", :func:`~geomap.geocode.resolve.
sites_at_towns`) and a road between two towns (placed at the first, or at its anchor);
anything else unknown is kept with ``method="unresolved"``. In a long article, a weak
gazetteer-only reading far from every place the model saw is left unresolved too
(:func:`~geomap.geocode.strays.stray_readings`): a group's name or a word that names a
place somewhere ("Hamas", "God").
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from geomap._geo import haversine_km
from geomap.gazetteer.names import normalize_name as _norm  # cached there
from geomap.geocode.pairs import paired_anchors
from geomap.geocode.ranking import (
    _ANCHORED_LIMIT,
    _context,
    _precision,
    rank_candidates,
    source_country,
)
from geomap.geocode.resolve import (
    _KEEP,
    _admin_ctx,
    _inside_town,
    _namesakes,
    _orphan_parts,
    _parents,
    _population_pick,
    _reason,
    _relative,
    _shared_division,
    abroad_of_label,
    as_first_named,
    far_from_anchor,
    far_outliers,
    holding_units,
    misread_regions,
    outside_parent,
    parts_of_named_towns,
    sites_at_towns,
)
from geomap.geocode.strays import stray_readings
from geomap.theatre import theatre_countries
from geomap.types import (
    TOWN_LEVELS,
    Candidate,
    GazetteerEntry,
    ParsedArticle,
    PlaceMention,
    ResolvedPlace,
)

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.settings import Settings

__all__ = ["geocode_mentions", "haversine_km", "rank_candidates", "source_country"]

log = logging.getLogger(__name__)


def _lookup(gaz: Gazetteer, m: PlaceMention, settings: Settings) -> list[GazetteerEntry]:
    # the 50 most populous namesakes; a village the text locates against another place
    # ("Andriivka near Bakhmut") may be a hamlet among hundreds, so it reads them all
    entries = list(gaz.lookup(m.name, limit=_ANCHORED_LIMIT if m.anchor else 50))
    if not entries and settings.online:
        found = gaz.lookup_online(m.name)
        if found is not None:
            entries = [found]
    return entries


def geocode_mentions(
    parsed: Sequence[ParsedArticle],
    gazetteer: Gazetteer,
    *,
    settings: Settings,
    strategy: str = "full",
) -> list[ResolvedPlace]:
    """Resolve every mention of ``parsed`` against ``gazetteer``.

    Parameters
    ----------
    parsed
        Output of :func:`geomap.places.parse_articles`.
    gazetteer
        An open gazetteer.
    settings
        Run settings (conflict prior, online fallback).
    strategy
        ``"full"`` (feature ranking with context) or ``"population"`` (most populous
        candidate, the evaluation baseline).

    Returns
    -------
    list of ResolvedPlace
        One per mention, in article then text order; unresolved mentions included.
    """
    if strategy not in {"full", "population"}:
        msg = f"unknown geocoding strategy {strategy!r} (use 'full' or 'population')"
        raise ValueError(msg)
    out: list[ResolvedPlace] = []
    for pa in parsed:
        out.extend(_geocode_article(pa, gazetteer, settings=settings, strategy=strategy))
    methods = Counter(r.method for r in out)
    log.info(
        "%d mentions geocoded (%s)",
        len(out),
        ", ".join(f"{k} {v}" for k, v in sorted(methods.items())),
    )
    return out


def _regional_capital(gaz: Gazetteer, name: str) -> bool:
    """Whether a first-level division's seat is called ``name`` (Kharkiv, of the Kharkiv
    region)."""
    regions = {(e.country_code, e.admin1_code) for e in gaz.lookup(name, levels=("admin1",))}
    return any(
        e.feature_code in {"PPLA", "PPLC"} and (e.country_code, e.admin1_code) in regions
        for e in gaz.lookup(name, levels=("city",), limit=10)
    )


def _geocode_article(
    pa: ParsedArticle, gaz: Gazetteer, *, settings: Settings, strategy: str
) -> list[ResolvedPlace]:
    mentions = list(pa.mentions)
    # a bare name that the same article also calls "X region" means the region, unless
    # the text puts it in that region ("X, X Oblast": the region's town), or the region
    # is named after its capital: "Kharkiv" beside "the Kharkiv region" is the city
    # (not a country's name: "Georgia's parliament" beside "the US state of Georgia")
    admin1_names = {
        _norm(m.name)
        for m in mentions
        if m.level_hint == "admin1"
        and not gaz.lookup(m.name, levels=("country",), limit=1)
        and not _regional_capital(gaz, m.name)
    }
    hints = [
        m.level_hint
        if m.level_hint is not None
        else (
            "admin1"
            if _norm(m.name) in admin1_names and _norm(m.parent or "") != _norm(m.name)
            else None
        )
        for m in mentions
    ]
    # every list zipped below holds one item per mention: `strict` never fires (mutation
    # testing: its mutants are equivalent)
    entries = [_lookup(gaz, m, settings) for m in mentions]
    if strategy == "population":
        return [_population_pick(m, es) for m, es in zip(mentions, entries, strict=True)]
    parents = [_parents(gaz, m.parent) if m.parent else [] for m in mentions]
    # "X District of Y": only an X inside the town Y (else the mention is placed at Y)
    entries = [
        _inside_town(es, ps) if m.level_hint == "part" else es
        for m, es, ps in zip(mentions, entries, parents, strict=True)
    ]
    hinted = [replace(m, level_hint=h) for m, h in zip(mentions, hints, strict=True)]
    # a ranking reads only the mention's name, level hint, parent and anchor (and the
    # article's context): mentions that repeat all four share one ranking per pass
    ctxs = [_admin_ctx(pa.article.text, m) for m in hinted]
    # (mutation testing: `"near-miss" not in` is equivalent, the flag only tells keys apart)
    keys = [
        (m.name, m.level_hint, m.parent, m.anchor, c, "near-miss" in m.signals)
        for m, c in zip(hinted, ctxs, strict=True)
    ]

    home = source_country(pa.article, gaz)

    def rank_all(only: Collection[int] | None = None, **kw: Any) -> list[list[Candidate]]:
        done: dict[tuple[Any, ...], list[Candidate]] = {}
        for i, (key, m, es, ps, c) in enumerate(
            zip(keys, hinted, entries, parents, ctxs, strict=True)
        ):
            if key not in done and (only is None or i in only):
                done[key] = rank_candidates(
                    m,
                    es,
                    settings=settings,
                    parents=holding_units(ps),
                    admin_ctx=c,
                    home=home,
                    **kw,
                )
        return [done.get(k, []) for k in keys]

    # pass 1: without spatial context; _context reads each mention's winner only, so any
    # keep >= 1 gives the same context (mutation testing: equivalent)
    first = rank_all(keep=1)
    context = _context(hinted, first)
    second = rank_all(context=context)
    # a mention the text locates by another name ("X, Y district") is ranked again when
    # Y's final reading is not its first one (a bigger namesake abroad had won it alone)
    # (the final readings' context is built only for an article with anchored mentions)
    anchored = [i for i, m in enumerate(hinted) if m.anchor]
    if anchored:  # "X, 11 km north-east of Y": Y's namesake that has an X there
        second = paired_anchors(hinted, entries, second)
    settled = _context(hinted, second) if anchored else context
    moved = {
        i
        for i in anchored
        if settled.points_of(_norm(hinted[i].anchor or ""))
        != context.points_of(_norm(hinted[i].anchor or ""))
    }
    if moved:
        again = rank_all(only=moved, context=settled)
        second = [again[i] if i in moved else r for i, r in enumerate(second)]
        context = settled
    results = []
    for orig, ranked, ps in zip(mentions, second, parents, strict=True):
        if ranked and outside_parent(ranked, ps):
            r = _relative(orig, gaz, settings=settings, context=context, ps=ps, home=home)
            why = r.reason.replace("not in gazetteer; ", "")
            results.append(replace(r, reason=f"no {orig.name} in {orig.parent}; {why}"))
            continue
        if ranked and far_from_anchor(orig, ranked[0].entry, context):
            r = _relative(orig, gaz, settings=settings, context=context, ps=ps, home=home)
            why = r.reason.replace("not in gazetteer; ", "")
            results.append(replace(r, reason=f"no {orig.name} near {orig.anchor}; {why}"))
            continue
        if ranked:
            best = ranked[0]
            namesakes, priors = _namesakes(ranked)
            results.append(
                ResolvedPlace(
                    mention=orig,
                    entry=best.entry,
                    method="gazetteer" if best.entry.source != "online" else "online",
                    score=best.score,
                    level=best.entry.level,
                    # "the X district" read as its seat town: somewhere in the district
                    geo_precision=2
                    if orig.level_hint == "admin2" and best.entry.level in TOWN_LEVELS
                    else _precision(best.entry),
                    candidates=tuple(ranked[:_KEEP]),
                    reason=_reason(best, ranked[1] if len(ranked) > 1 else None, namesakes),
                    namesakes=namesakes,
                    priors=priors,
                    shared=_shared_division(gaz, namesakes),
                )
            )
            continue
        results.append(_relative(orig, gaz, settings=settings, context=context, ps=ps, home=home))
    theatre = theatre_countries(settings.theatre)
    text = pa.article.text
    results = as_first_named(results)
    results = far_outliers(parts_of_named_towns(text, results), theatre=theatre, text=text)
    results = abroad_of_label(results, text=text)
    results = sites_at_towns(misread_regions(stray_readings(results, text=text), text=text))
    return _orphan_parts(pa.article.text, results)


def summarize(resolved: Sequence[ResolvedPlace]) -> dict[str, Any]:
    """Counts by method and role, for the run summary."""
    return {
        "mentions": len(resolved),
        "by_method": dict(Counter(r.method for r in resolved)),
        "by_role": dict(Counter(r.mention.role for r in resolved)),
    }
