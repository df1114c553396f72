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
and geo-precision 2; anything else unknown is kept with ``method="unresolved"``.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from geomap._geo import haversine_km, nearest_km, radian_points
from geomap.gazetteer.names import admin2_cue
from geomap.gazetteer.names import normalize_name as _norm  # cached there
from geomap.places.lexicon import TOWN_PART_NOUNS
from geomap.types import (
    Article,
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

# Weights, in score points. Population counts 0.5 per decade, so the other features read
# as "worth N decades of population": a parent named in the text (6 decades) beats any
# size difference; the article's country focus (2 decades at most) or the conflict-zone
# prior (under 1) only tip the balance between places of comparable size, so a Ukrainian
# hamlet called "New York" never beats New York City in a Ukrainian story.
_W_POP = 3.5
_W_LEVEL = {
    "country": 2.0,
    "admin1": -0.3,
    "admin2": -0.2,
    "city": 0.6,
    "village": 0.3,
    "other": -0.5,
}
_W_HINT = 3.0
_W_NAME = 0.4
_W_FOCUS = 1.0
_W_PARENT_ADMIN1 = 3.0
_W_PARENT_COUNTRY = 1.5
_W_ADMIN1_FOCUS = 1.5
_W_DIVISION = 1.2
#: A division's same-named settlement smaller than this share of it does not claim the name.
_DIVISION_SHARE = 0.1
_SETTLEMENT = frozenset({"city", "village", "other", "admin2"})
_W_COHERENCE = 1.2
_W_CONFLICT = 0.4
_W_CAPITAL = 0.6
_COHERENCE_KM = 400.0
#: "X near Y": X's candidates close to Y's point (within a few tens of km) are X.
_W_ANCHOR = 4.0
_ANCHOR_KM = 20.0
_ANCHORED_LIMIT = 1000
#: A county cue for a second-level division (and against a town of that name).
_W_ADMIN2_CUE = 2.0
#: A division's bare stem ("Metcalfe" for "Metcalfe County") is the town by default.
_W_ADMIN2_BARE = 2.5
#: A settlement in a county the article names: as strong as a named parent division.
_W_COUNTY_FOCUS = 3.0
#: A settlement this close to a named county's point (same first-level division) lies in it.
_COUNTY_KM = 40.0
_W_ADMIN_CONTEXT = 3.0
_W_THEATRE = 1.5
_W_NEAR_MISS = -0.3
_W_SOURCE = 0.8
#: Country-code domains used mostly for other things than the country (.tv, .io, .me
#: sites say nothing of where they report from); the rest name their country.
_VANITY_TLDS = frozenset({"ai", "cc", "co", "fm", "io", "ly", "me", "nu", "tk", "tv", "ws"})
#: Ranked candidates kept on a resolved place (the winner and four runners-up).
_KEEP = 5
#: A part of a town ("X District of Y") lies within this distance of the town's point.
_PART_KM = 25.0


@dataclass(frozen=True, slots=True)
class _Context:
    """What the rest of the article says about where it is."""

    # normalised name -> country code -> first-pass winners of mentions with that name
    votes: dict[str, Counter[str]]
    # the same, summed over all names
    all_votes: Counter[str]

    def focus(self, name_n: str) -> dict[str, float]:
        """Share of each country among the article's *other* place names' winners."""
        own = self.votes.get(name_n)
        total = self.all_votes if own is None else self.all_votes - own
        n = total.total()
        # n is 0 only when ``total`` is empty (a Counter difference keeps positive counts):
        # the test saves the division (mutation testing: `if n or True` is equivalent)
        return {cc: k / n for cc, k in total.items()} if n else {}

    # normalised name and point (as _geo.radian_points gives it) of the provisional
    # winners of the literal mentions, without repeats
    points: tuple[tuple[str, tuple[float, float, float]], ...]

    def points_of(self, name_n: str) -> list[tuple[float, float, float]]:
        """The points of the article's place name ``name_n`` (normalised)."""
        return [pt for key, pt in self.points if key == name_n]

    def points_besides(self, name_n: str) -> list[tuple[float, float, float]]:
        """The points of the article's other place names (a name never vouches for itself)."""
        return [pt for key, pt in self.points if key != name_n]

    # (country, admin1 code) -> normalised names of mentions whose winner is that division
    admin1s: dict[tuple[str, str], set[str]]

    def names_admin1(self, en: GazetteerEntry, name_n: str) -> bool:
        """True when another place name of the article is ``en``'s first-level division."""
        return any(k != name_n for k in self.admin1s.get((en.country_code, en.admin1_code), ()))

    #: ids of second-level divisions the article names with a county cue ("Adair County")
    admin2s: frozenset[int] = frozenset()
    #: (country, admin1 code, lat, lon) of those divisions
    admin2_points: tuple[tuple[str, str, float, float], ...] = ()


def _names_of(en: GazetteerEntry) -> tuple[str, str]:
    """An entry's primary and Latin names, normalised."""
    return _norm(en.name), _norm(en.latin_name)


def _hint_levels(hint: str | None) -> set[str] | None:
    if hint == "admin1":
        return {"admin1"}
    if hint == "city":
        return {"city", "village", "admin2", "other"}
    if hint == "country":
        return {"country"}
    return None


def rank_candidates(
    mention: PlaceMention,
    entries: Sequence[GazetteerEntry],
    *,
    settings: Settings,
    context: _Context | None = None,
    parents: Sequence[GazetteerEntry] = (),
    keep: int | None = None,
    admin_ctx: str | None = None,
    home: str = "",
) -> list[Candidate]:
    """Score ``entries`` as readings of ``mention``; best first.

    Parameters
    ----------
    mention
        The place mention.
    entries
        Gazetteer entries carrying the mention's name.
    settings
        Supplies the conflict-zone prior.
    context
        Country focus and provisional locations of the article's other places.
    parents
        Entries for the parent place named in the text, if any.
    keep
        Return only the best ``keep`` candidates (None: all).
    admin_ctx
        The division written next to the mention ("X, Y Oblast" -> "Y"), if any.
    home
        The country of the article's site (:func:`source_country`), or "".
    """
    sc = _Scene(
        mention=mention,
        entries=entries,
        settings=settings,
        context=context,
        parents=parents,
        admin_ctx=admin_ctx,
        home=home,
    )
    out: list[tuple[float, GazetteerEntry, list[tuple[str, float]]]] = []
    for en in entries:
        f = _features(sc, en)
        out.append((round(sum(v for _, v in f), 4), en, f))
    out.sort(key=lambda c: (-c[0], -c[1].population, c[1].geonameid))
    return [
        Candidate(en, score, tuple((k, round(v, 4)) for k, v in f)) for score, en, f in out[:keep]
    ]


@dataclass(slots=True)
class _Scene:
    """What ranking knows of one mention beyond any one of its entries."""

    mention: PlaceMention
    entries: Sequence[GazetteerEntry]
    settings: Settings
    context: _Context | None
    parents: Sequence[GazetteerEntry]
    admin_ctx: str | None
    home: str
    hint_levels: set[str] | None = None
    name_n: str = ""
    focus: dict[str, float] = field(default_factory=dict)
    others: Sequence[tuple[float, float, float]] = ()
    anchored: Sequence[tuple[float, float, float]] = ()
    top: float = 1.0
    capital_named: bool = False

    def __post_init__(self) -> None:
        mention, context, entries = self.mention, self.context, self.entries
        self.hint_levels = _hint_levels(mention.level_hint)
        self.name_n = _norm(mention.name)
        self.focus = context.focus(self.name_n) if context is not None else {}
        self.others = context.points_besides(self.name_n) if context is not None else []
        # "X near Y": the point the text locates X against
        if context is not None and mention.anchor:
            self.anchored = context.points_of(_norm(mention.anchor))
        # the default is read only for no entries, when no entry is ranked (mutation
        # testing: its mutants are equivalent)
        self.top = max((_effective_population(en) for en in entries), default=1)
        self.capital_named = any(en.feature_code == "PPLC" for en in entries)


def _features(sc: _Scene, en: GazetteerEntry) -> list[tuple[str, float]]:
    """The scored features of entry ``en`` as a reading of the mention (in a fixed order)."""
    # context may tip the balance between places of comparable size, not lift a hamlet
    # over a city a thousand times larger ("New York" in a story about Donetsk)
    ratio = _effective_population(en) / sc.top
    plaus = min(1.0, max(0.0, (math.log10(ratio) + 4.0) / 2.0))
    f: list[tuple[str, float]] = [("population", _W_POP * math.log10(en.population + 1) / 7.0)]
    # every level is a key of _W_LEVEL (GazetteerEntry.level): the default is never read
    # (mutation testing: equivalent)
    f.append(("level", _W_LEVEL.get(en.level, 0.0)))
    if sc.hint_levels is not None:
        f.append(("level_hint", _W_HINT if en.level in sc.hint_levels else -_W_HINT))
    if sc.name_n in _names_of(en):
        f.append(("name", _W_NAME))
    if sc.focus:
        # (mutation testing: `plaus / _W_FOCUS` is equivalent while the weight is 1.0)
        f.append(("focus", plaus * _W_FOCUS * sc.focus.get(en.country_code, 0.0)))
    f.extend(_parent_feature(sc.parents, en))
    f.extend(_named_division_features(sc, en, plaus))
    f.extend(_nearby_features(sc, en, plaus))
    if en.country_code in sc.settings.conflict_countries:
        f.append(("conflict", plaus * _W_CONFLICT * sc.settings.conflict_prior))
    if en.feature_code == "PPLC":
        f.append(("capital", _W_CAPITAL))
    if sc.home and en.country_code == sc.home and en.level != "country":
        f.append(("source", plaus * _W_SOURCE))
    admin2 = _admin2_feature(sc.mention, en, sc.context)
    if admin2 is not None:
        f.append(admin2)
    if sc.context is not None and sc.context.admin2_points and _county_focus(en, sc.context):
        f.append(("county_focus", _W_COUNTY_FOCUS))
    f.extend(
        _run_features(sc.mention, en, settings=sc.settings, admin_ctx=sc.admin_ctx, ratio=ratio)
    )
    return f


def _parent_feature(
    parents: Sequence[GazetteerEntry], en: GazetteerEntry
) -> list[tuple[str, float]]:
    """A parent place the text names ("Sumy's Bilopillia"): its division, else its country."""
    if not parents:
        return []
    if any(
        p.country_code == en.country_code
        and p.level in {"admin1", "city", "village", "admin2"}
        and p.admin1_code == en.admin1_code
        for p in parents
    ):
        return [("parent", _W_PARENT_ADMIN1)]
    if any(p.country_code == en.country_code for p in parents):
        return [("parent", _W_PARENT_COUNTRY)]
    return []


def _named_division_features(
    sc: _Scene, en: GazetteerEntry, plaus: float
) -> list[tuple[str, float]]:
    """A first-level division the article names, and a division's claim on its own name."""
    f: list[tuple[str, float]] = []
    # a national capital's name means the capital unless the text says "X, Idaho"
    if (
        sc.context is not None
        and en.level in _SETTLEMENT
        and (not sc.capital_named or en.feature_code == "PPLC")
        and sc.context.names_admin1(en, sc.name_n)
    ):
        f.append(("admin1_focus", plaus * _W_ADMIN1_FOCUS))
    # the division claims its own name ("Quebec", "Wyoming"), not a name its settlement
    # carries and it does only without its admin word ("Kherson" of "Kherson Oblast")
    if en.level == "admin1" and not sc.capital_named and sc.name_n in _names_of(en):
        inside = max(
            (
                e.population
                for e in sc.entries
                if e.level in _SETTLEMENT
                and e.country_code == en.country_code
                and e.admin1_code == en.admin1_code
            ),
            default=0,
        )
        if inside < _DIVISION_SHARE * en.population:
            f.append(("division", _W_DIVISION))
    return f


def _nearby_features(sc: _Scene, en: GazetteerEntry, plaus: float) -> list[tuple[str, float]]:
    """Nearness to the article's other places, and to the place the text locates it by."""
    f: list[tuple[str, float]] = []
    if sc.others and en.level != "country":
        near = math.exp(-nearest_km(en.lat, en.lon, sc.others) / _COHERENCE_KM)
        f.append(("coherence", plaus * _W_COHERENCE * near))
    if sc.anchored and en.level in _SETTLEMENT:
        near = math.exp(-nearest_km(en.lat, en.lon, sc.anchored) / _ANCHOR_KM)
        f.append(("anchor", _W_ANCHOR * near))
    return f


def _admin2_feature(
    mention: PlaceMention, en: GazetteerEntry, context: _Context | None
) -> tuple[str, float] | None:
    """The county-cue feature: second-level divisions against same-named towns.

    "Adair County" / "Metcalfe Co." / "Caddo Parish" (a cue ends the mention) favour a
    second-level division and count against a settlement. A bare "Metcalfe" matching a
    division called "Metcalfe County" only through its stem counts against the division,
    unless the article names that division with its cue elsewhere.
    """
    if admin2_cue(mention.name) or admin2_cue(mention.text):
        if en.level == "admin2":
            return ("admin2_cue", _W_ADMIN2_CUE)
        if en.level in {"city", "village"}:
            return ("admin2_cue", -_W_ADMIN2_CUE)
        return None
    if en.level != "admin2" or not admin2_cue(en.name):
        return None
    if context is not None and en.geonameid in context.admin2s:
        return None
    return ("admin2_cue", -_W_ADMIN2_BARE)


def _county_focus(en: GazetteerEntry, context: _Context) -> bool:
    """True when ``en`` is a settlement in a second-level division the article names.

    Entries carry no county code, so "in" is read as: same country and first-level
    division, and within :data:`_COUNTY_KM` of the division's reference point (which
    is its seat or the population-weighted mean of its places).
    """
    if en.level not in {"city", "village"}:
        return False
    return any(
        cc == en.country_code
        and a1 == en.admin1_code
        and haversine_km(lat, lon, en.lat, en.lon) <= _COUNTY_KM
        for cc, a1, lat, lon in context.admin2_points
    )


def _run_features(
    mention: PlaceMention,
    en: GazetteerEntry,
    *,
    settings: Settings,
    admin_ctx: str | None,
    ratio: float,
) -> list[tuple[str, float]]:
    """The admin-context, theatre and near-miss features (:mod:`geomap.theatre`)."""
    from geomap.theatre import admin_matches, theatre_weight

    f: list[tuple[str, float]] = []
    if admin_ctx and en.level in _SETTLEMENT and admin_matches(admin_ctx, en):
        f.append(("admin_context", _W_ADMIN_CONTEXT))
    if settings.theatre and en.level != "country":
        weight = theatre_weight(en, _theatre_shares(settings.theatre))
        if weight:
            # only between namesakes of comparable size: full weight from a tenth of the
            # largest one, none below a hundredth
            near = min(1.0, max(0.0, math.log10(max(ratio, 1e-9)) + 2.0))
            f.append(("theatre", near * _W_THEATRE * weight))
    if "near-miss" in mention.signals:
        f.append(("near_miss", _W_NEAR_MISS))
    return f


@functools.lru_cache(maxsize=8)
def _theatre_shares(theatre: tuple[tuple[str, float], ...]) -> dict[str, float]:
    return dict(theatre)


def _effective_population(entry: GazetteerEntry) -> int:
    """Population, with unknown (0) populations of settlements read as a small village."""
    if entry.population <= 0 and entry.level in {"city", "village", "other"}:
        return 500
    return max(entry.population, 1)


def _precision(entry: GazetteerEntry) -> int:
    if entry.level == "admin2":
        return 2
    return 1 if entry.level in {"city", "village", "other"} else 3


def _reason(best: Candidate, runner: Candidate | None) -> str:
    top = sorted(best.features, key=lambda kv: -abs(kv[1]))[:3]
    feats = ", ".join(f"{k}={v:+.2f}" for k, v in top)
    if runner is None:
        return f"only candidate ({feats})"
    other = f"{runner.entry.name} ({runner.entry.country_code})"
    return f"score {best.score:.2f} vs {runner.score:.2f} for {other}; {feats}"


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


def _geocode_article(
    pa: ParsedArticle, gaz: Gazetteer, *, settings: Settings, strategy: str
) -> list[ResolvedPlace]:
    mentions = list(pa.mentions)
    # a bare name that the same article also calls "X region" means the region
    admin1_names = {_norm(m.name) for m in mentions if m.level_hint == "admin1"}
    hints = [
        m.level_hint
        if m.level_hint is not None
        else ("admin1" if _norm(m.name) in admin1_names else None)
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

    def rank_all(**kw: Any) -> list[list[Candidate]]:
        done: dict[tuple[Any, ...], list[Candidate]] = {}
        for key, m, es, ps, c in zip(keys, hinted, entries, parents, ctxs, strict=True):
            if key not in done:
                done[key] = rank_candidates(
                    m, es, settings=settings, parents=ps, admin_ctx=c, home=home, **kw
                )
        return [done[k] for k in keys]

    # pass 1: without spatial context; _context reads each mention's winner only, so any
    # keep >= 1 gives the same context (mutation testing: equivalent)
    first = rank_all(keep=1)
    context = _context(hinted, first)
    second = rank_all(context=context, keep=_KEEP)
    results = []
    for orig, ranked, ps in zip(mentions, second, parents, strict=True):
        if ranked:
            best = ranked[0]
            results.append(
                ResolvedPlace(
                    mention=orig,
                    entry=best.entry,
                    method="gazetteer" if best.entry.source != "online" else "online",
                    score=best.score,
                    level=best.entry.level,
                    geo_precision=_precision(best.entry),
                    candidates=tuple(ranked),
                    reason=_reason(best, ranked[1] if len(ranked) > 1 else None),
                )
            )
            continue
        results.append(_relative(orig, gaz, settings=settings, context=context, ps=ps, home=home))
    return _orphan_parts(pa.article.text, results)


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


def source_country(article: Article, gaz: Gazetteer) -> str:
    """The country whose code ends the article's site name ("www.cbc.ca" -> "CA"), or "".

    Read from the URL's host, else from ``source`` when that is a host name. Generic
    domains (.com, .org) and country codes sold for other uses (:data:`_VANITY_TLDS`)
    give "". ".uk" is GB.
    """
    try:
        host = urlsplit(article.url).hostname or ""
    except ValueError:  # an article's URL is untrusted text ("http://[x")
        host = ""
    if not host and "." in article.source and " " not in article.source.strip():
        host = article.source.strip().lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in _VANITY_TLDS:
        return ""
    code = "GB" if tld == "uk" else tld.upper()
    return code if gaz.country(code) is not None else ""


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


def _context(mentions: Sequence[PlaceMention], ranked: Sequence[list[Candidate]]) -> _Context:
    """Country focus and provisional points from the literal mentions' first-pass winners."""
    votes: dict[str, Counter[str]] = {}
    points: list[tuple[str, float, float]] = []
    admin1s: dict[tuple[str, str], set[str]] = {}
    admin2s: dict[int, tuple[str, str, float, float]] = {}
    # one ranking per mention, one radian point per unique point: `strict` never fires
    # (mutation testing: its mutants are equivalent)
    for m, cands in zip(mentions, ranked, strict=True):
        if not cands or m.role in {"credit", "caption"}:
            continue
        best = cands[0].entry
        key = _norm(m.name)
        votes.setdefault(key, Counter())[best.country_code] += 1
        if m.role == "literal" and best.level != "country":
            points.append((key, best.lat, best.lon))  # repeats removed below
        if best.level == "admin1":
            admin1s.setdefault((best.country_code, best.admin1_code), set()).add(key)
        if best.level == "admin2" and admin2_cue(m.name):
            admin2s[best.geonameid] = (best.country_code, best.admin1_code, best.lat, best.lon)
    unique = list(dict.fromkeys(points))
    radians = radian_points((lat, lon) for _, lat, lon in unique)
    return _Context(
        votes=votes,
        all_votes=sum(votes.values(), Counter()),
        points=tuple(zip([k for k, _, _ in unique], radians, strict=True)),
        admin1s=admin1s,
        admin2s=frozenset(admin2s),
        admin2_points=tuple(admin2s.values()),
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


def summarize(resolved: Sequence[ResolvedPlace]) -> dict[str, Any]:
    """Counts by method and role, for the run summary."""
    return {
        "mentions": len(resolved),
        "by_method": dict(Counter(r.method for r in resolved)),
        "by_role": dict(Counter(r.mention.role for r in resolved)),
    }
