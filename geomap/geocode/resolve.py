"""Stage 3 helper (geocode): what the ranking leaves to decide about a mention.

Namesakes the text does not tell apart (an *ambiguous* mention, decided later by the
run's activity or left undecided); a part of a town named like a place elsewhere; a name
the gazetteer lacks, placed at the place the text locates it against; the most populous
candidate of the evaluation baseline.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geomap._geo import haversine_km, nearest_km
from geomap.gazetteer.names import normalize_name as _norm
from geomap.places.demonyms import country_of_demonym
from geomap.places.lexicon import (
    FACILITY_DESCRIPTORS,
    FACILITY_WORDS,
    SETTLEMENT_CALLS,
    TOWN_PART_NOUNS,
    WATER_NEAR_TOWN,
)
from geomap.types import (
    TOWN_LEVELS,
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
    _W_PARENT_ADMIN1,
    _Context,
    _effective_population,
    _precision,
    rank_candidates,
)

log = logging.getLogger(__name__)

#: Ranked candidates kept on a resolved place (the winner and four runners-up).
_KEEP = 5

#: Namesakes: settlements bearing the name that lie this far from each other.
_NAMESAKE_KM = 50.0
#: How strongly the text's evidence (the score without population and level) weighs in a
#: namesake's prior: a score point more is e^(1/T) times the odds.
_PRIOR_T = 0.5
#: A namesake's size weighs as its population to this power: news of a war names front-line
#: villages as often as towns, so size is weaker evidence than in peacetime news.
_SIZE_POWER = 0.75
#: A winner this likely needs no help from the run: the mention is not ambiguous; a village
#: among villages needs more ...
_CERTAIN = 0.9
#: ... than a town (this populous) among villages of its name.
_CERTAIN_TOWN = 0.8
_TOWN_SIZE = 10_000
#: Most namesakes listed (the likeliest), and the least prior of one listed.
_MAX_NAMESAKES = 12
_LEAST_PRIOR = 0.02

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
        where = ", ".join(f"{en.admin1_name or en.country_code}" for en in namesakes[:4])
        more = f" and {len(namesakes) - 4} more" if len(namesakes) > 4 else ""
        said = f"ambiguous: {len(namesakes)} namesakes ({where}{more}); " + said
    return said


def _namesakes(ranked: Sequence[Candidate]) -> tuple[tuple[GazetteerEntry, ...], tuple[float, ...]]:
    """The far-apart settlements the mention may be, and how likely each is by the text.

    A winner that bears the name as its own has namesakes only among places that do too
    (a former or alternate name: Engels, once Pokrovsk, is no namesake of Pokrovsk). Each
    namesake's prior is its size (a town is mentioned more than a village; an unknown
    population reads as a village's) times e^(evidence / :data:`_PRIOR_T`), the evidence
    being its score without the population and level features (what the text and the
    run's theatre say of it). When the winner's prior reaches :data:`_CERTAIN` the text
    has decided (empty result); else the namesakes (the winner first, then those with a
    prior of at least :data:`_LEAST_PRIOR`) and their priors (renormalised to sum to 1):
    the mention is ambiguous, for the run's activity to decide
    (:mod:`geomap.events.namesakes`).
    """
    best = ranked[0]
    if best.entry.level not in _SETTLEMENT_POINTS:
        return (), ()
    own_name = _feature(best, "name") > 0
    # a winner inside the parent the text names ("Kingston, Jamaica") has namesakes only there
    parented = _feature(best, "parent") > 0
    kept: list[Candidate] = []
    for c in ranked:
        en = c.entry
        if en.level not in _SETTLEMENT_POINTS or (own_name and _feature(c, "name") <= 0):
            continue
        if parented and _feature(c, "parent") <= 0:
            continue
        if all(haversine_km(en.lat, en.lon, k.entry.lat, k.entry.lon) > _NAMESAKE_KM for k in kept):
            kept.append(c)
    if len(kept) < 2:
        return (), ()
    evidence = [_text_evidence(c) for c in kept]
    top = max(evidence)
    weights = [
        _effective_population(c.entry) ** _SIZE_POWER * math.exp((e - top) / _PRIOR_T)
        for c, e in zip(kept, evidence, strict=True)
    ]
    total = sum(weights)
    certain = _CERTAIN_TOWN if _effective_population(kept[0].entry) >= _TOWN_SIZE else _CERTAIN
    if weights[0] >= certain * total:
        return (), ()
    likely = [k for k in range(1, len(kept)) if weights[k] >= _LEAST_PRIOR * total]
    if not likely:
        return (), ()
    order = [0, *sorted(likely, key=lambda k: -weights[k])][:_MAX_NAMESAKES]
    listed = sum(weights[k] for k in order)
    return (
        tuple(kept[k].entry for k in order),
        tuple(round(weights[k] / listed, 4) for k in order),
    )


def _text_evidence(c: Candidate) -> float:
    """A candidate's score without its priors (size, level, a capital's salience): what
    the text and the run's theatre say of it."""
    return c.score - _feature(c, "population") - _feature(c, "level") - _feature(c, "capital")


def _feature(c: Candidate, name: str) -> float:
    return sum(v for k, v in c.features if k == name)


def _shared_division(gaz: Gazetteer, namesakes: Sequence[GazetteerEntry]) -> GazetteerEntry | None:
    """The first-level division all ``namesakes`` lie in, if one holds them all."""
    keys = {(en.country_code, en.admin1_code) for en in namesakes}
    if len(keys) != 1:
        return None
    ((cc, code),) = keys
    return gaz.admin1(cc, code) if code else None


#: What puts a name inside the town named next ("X in Y", "X in the city of Y").
_INSIDE = re.compile(r"\s+in\s+(?:the\s+(?:city|town|village)\s+of\s+)?")
#: ... or a comma, when X is much smaller than Y and no list goes on ("X, Y" but not
#: "A, B, C").
_COMMA = re.compile(r"\s*,\s*")
_LIST_ON = re.compile(r"\s*(?:,|\band\b)\s*[A-Z]")
#: What puts a facility named after a place inside the town named later on its line
#: ("X brewery warehouse hit in Y").
_LATER_IN = re.compile(r"[^\n.;:,]{0,80}\s(?:in|at)\s+(?:the\s+(?:city|town|village)\s+of\s+)?")
#: ... or the town named right before a site by ("Y near the X plant": a plant in Y).
_NEAR_SITE = re.compile(r"\s+(?:near|outside|next\s+to)\s+(?:the\s+)?", re.IGNORECASE)
#: A place named inside a town but resolved this far from it (and outside its region) is a
#: part of the town named like a place elsewhere (a street, a facility, a district).
_ELSEWHERE_KM = 50.0
#: A street, a building or a spot named inside a town but this far from it is one of
#: the same name elsewhere (every town has its Central Street).
_SPOT_KM = 15.0
#: A name the model did not see as a place, resolved this far from every other place of
#: its text, is a word that happens to be a place name somewhere ("Man", "Pool").
_OUTLIER_KM = 1000.0
#: A text this short is a report (a map entry, a post, a caption): its places lie together.
_SHORT_TEXT = 400


def _town_named_around(
    text: str, r: ResolvedPlace, results: Sequence[ResolvedPlace]
) -> ResolvedPlace | None:
    """The town the text puts ``r`` in: its parent, the label of a short report, the town
    named before a site near it, the town that opens the sentence as its scene, or the
    town named right after it."""
    m = r.mention
    assert r.entry is not None
    short = len(text) <= _SHORT_TEXT
    for o in results:
        e = o.entry
        if o is r or e is None or e.level not in TOWN_LEVELS or o.mention.role != "literal":
            continue
        if o.mention.name == m.parent and o.method == "gazetteer":
            return o
        if r.entry.feature_class not in {"P", "A"} and _labels(text, o) and short:
            return o  # "X: shells hit a house on Y street": the report's town holds Y
        if short and m.feature and _NEAR_SITE.fullmatch(text[o.mention.end : m.start]):
            return o
        if _scene_of(text, o, m):
            return o  # "In Y, a missile hit a warehouse in the X district": X is Y's
        gap = text[m.end : o.mention.start]
        if o.mention.start < m.end or "\n" in gap:
            continue
        if _INSIDE.fullmatch(gap) or (m.feature and _LATER_IN.fullmatch(gap)):
            return o
        smaller = _effective_population(r.entry) * 4 < _effective_population(e)
        listed = _LIST_ON.match(text, o.mention.end) is not None
        if _COMMA.fullmatch(gap) and smaller and not listed:
            return o
    return None


def _scene_of(text: str, o: ResolvedPlace, m: PlaceMention) -> bool:
    """Whether town ``o`` opens ``m``'s sentence as its scene ("In Y, ..."), ``m`` a part
    of a town named after it ("the X district")."""
    om = o.mention
    return (
        om.sentence_start == m.sentence_start
        and om.end <= m.start
        and text[om.sentence_start : om.start].strip().lower() == "in"
        and text[om.end : om.end + 2].startswith(",")
        and _PART_AFTER.match(text, m.end) is not None
    )


#: A part of a town named after the name ("the X district", "X neighbourhood").
_PART_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(TOWN_PART_NOUNS))})\b", re.IGNORECASE)


def _elsewhere(e: GazetteerEntry, town: GazetteerEntry, km: float) -> bool:
    """Whether ``e``, named inside ``town``, lies too far from it to be the place meant: a
    settlement far away and outside the town's region, or a street, a building or a spot
    (no settlement, no division) beyond the town's own ground."""
    if e.feature_class not in {"P", "A"}:
        return km > _SPOT_KM
    outside = (e.country_code, e.admin1_code) != (town.country_code, town.admin1_code)
    return outside and km > _ELSEWHERE_KM and e.level in _SETTLEMENT_POINTS


def parts_of_named_towns(text: str, results: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A name the text puts inside a town ("Neptune Pool in Mariupol", "Kyiv District,
    Donetsk", "Sumy's X") but whose reading lies outside the town's region, more than
    :data:`_ELSEWHERE_KM` away, is a part of that town named like a far place: a
    facility, a street, a district. It is placed at the town (method "relative",
    geo_precision 2), the name kept as the mention's ``feature``.
    """
    out = []
    for r in results:
        e = r.entry
        town = (
            None
            if e is None or r.mention.role != "literal"
            else _town_named_around(text, r, results)
        )
        if town is not None and town.entry is not None and e is not None:
            t = town.entry
            km = haversine_km(e.lat, e.lon, t.lat, t.lon)
            if _elsewhere(e, t, km):
                m = r.mention
                r = replace(
                    r,
                    mention=replace(m, feature=m.feature or m.text),
                    entry=t,
                    method="relative",
                    level=t.level,
                    geo_precision=2,
                    reason=f"named inside {t.name}, while {e.name} lies {km:.0f} km away in "
                    f"{e.admin1_name or e.country_code}: a part of {t.name}",
                    namesakes=(),
                    priors=(),
                    shared=None,
                )
        out.append(r)
    return out


def far_outliers(
    results: list[ResolvedPlace], *, theatre: Collection[str], text: str
) -> list[ResolvedPlace]:
    """In a short report, a name only the gazetteer vouches for (the model saw no place),
    resolved outside the run's ``theatre`` countries and more than :data:`_OUTLIER_KM`
    from every place of the report inside the theatre or seen by the model as a place:
    a reading near those if it has
    one, else none (unresolved: a word that is a place name somewhere, "Man", "Pool",
    "Metro"). A long article ranges farther (talks in Riyadh beside a war in Ukraine)."""
    if len(text.strip()) > _SHORT_TEXT:
        return results
    # the report's places the run's theatre or the model vouches for ("Man shot dead at a
    # checkpoint near Jenin": the model saw Jenin, only the gazetteer saw "Man")
    points = [
        (r, r.entry)
        for r in results
        if r.entry is not None
        and r.mention.role == "literal"
        and r.entry.level != "country"
        and (
            r.entry.country_code in theatre
            or ("ner" in r.mention.signals and r.mention.level_hint is None)
            or _labels(text, r)
        )
    ]  # (not "X region" the model saw: a region the gazetteer may lack, read abroad)
    out = []
    for r in results:
        e = r.entry
        others = [o for q, o in points if q is not r]
        if (
            e is None
            or not others
            or r.method != "gazetteer"
            or r.mention.role != "literal"
            or e.level == "country"
            or "ner" in r.mention.signals
            or e.country_code in theatre
            or _labels(text, r)  # a report's label: its own place
        ):
            out.append(r)
            continue
        out.append(_reread_near(r, e, others))
    return out


def abroad_of_label(results: list[ResolvedPlace], *, text: str) -> list[ResolvedPlace]:
    """In a short report opened by its town ("Port-au-Prince: shooting on Boulevard ...
    near the Marché en Fer"), a word read as a place in another country, with no
    preposition placing it, is a part of that town named like a place elsewhere: a
    reading in the town's country if it has one, else none. "Drones launched from X",
    "near X" keep theirs."""
    if len(text.strip()) > _SHORT_TEXT or not results:
        return results
    first = min(results, key=lambda r: r.mention.start)
    label = first.entry
    if (
        label is None
        or label.level not in TOWN_LEVELS
        or text[: first.mention.start].strip(_LABEL_LEAD)  # it opens the report itself
        or not _labels(text, first)
    ):
        return results
    out = []
    for r in results:
        e = r.entry
        if (
            r is first
            or e is None
            or e.country_code == label.country_code
            or e.level == "country"
            or r.mention.role != "literal"
            or _PLACED_BEFORE.search(text, 0, r.mention.start) is not None
            or _labels(text, r)  # another report's label
        ):
            out.append(r)
            continue
        fits = [c for c in r.candidates if c.entry.country_code == label.country_code]
        out.append(_near_reading(r, fits[0]) if fits else _no_reading(r, e))
    return out


#: What closes a report's town label: a colon or a dash, after an optional division
#: ("X: ...", "X, Y region: ...", "X (Y) — ...").
_LABEL_END = re.compile(r"(?:\s*,\s*[^,:\n]{1,40}?|\s*\([^()\n]{1,40}\)){0,2}\s*(?::|\s[—–-]\s)")
#: What may open a report before its town ("🔴 ", "#", "⚡️").
_LABEL_LEAD = " \t\n#@🔴⚡️💥❗️🚨-–—*•"
#: A preposition right before a name, which places it ("near X", "from X", "in X"; not
#: "near the X": a thing named like a place).
_PLACED_BEFORE = re.compile(
    r"\b(?:in|near|from|at|to|toward|towards|outside|into|of|between|and)\s+$", re.I
)


def _labels(text: str, r: ResolvedPlace) -> bool:
    """Whether ``r``'s mention is a report's label: it opens its line (lead symbols
    aside) and a colon or a dash closes it ("X: ...", "X, Y region — ...")."""
    start = r.mention.start
    opens = not text[text.rfind("\n", 0, start) + 1 : start].strip(_LABEL_LEAD)
    return opens and _LABEL_END.match(text, r.mention.end) is not None


#: A place this large, named exactly as the gazetteer spells it, is no chance reading.
_WELL_KNOWN = 100_000


def _vouched(r: ResolvedPlace) -> bool:
    """Whether the model or a phrase ("the town of X") saw the mention as a place."""
    return "ner" in r.mention.signals or "pattern" in r.mention.signals


def _reread_near(
    r: ResolvedPlace, e: GazetteerEntry, others: Sequence[GazetteerEntry]
) -> ResolvedPlace:
    """``r`` kept when its entry ``e`` is near one of ``others``, else re-read at its first
    candidate that is, else left unresolved."""

    def near(en: GazetteerEntry) -> bool:
        return any(haversine_km(en.lat, en.lon, o.lat, o.lon) <= _OUTLIER_KM for o in others)

    if near(e):
        return r
    fits = [c for c in r.candidates if near(c.entry)]
    return _near_reading(r, fits[0]) if fits else _no_reading(r, e)


#: A settlement this small, named with "the" before it, is no reading of a region
#: ("the Middle East" is also a hamlet in the United States).
_DEFINITE_REGION_MAX_POP = 10_000


#: A facility or a settlement the name qualifies ("the X palace park", "the X
#: community"): the article is the noun's.
_FACILITY_AFTER = re.compile(
    r"\s+(?:(?:"
    + "|".join(sorted(FACILITY_DESCRIPTORS))
    + r")\s+)?(?:"
    + "|".join(sorted(FACILITY_WORDS | SETTLEMENT_CALLS))
    + r")\b"
)


def misread_regions(results: list[ResolvedPlace], *, text: str = "") -> list[ResolvedPlace]:
    """A name the text calls a region ("X region", "X province", "the X") read as a
    settlement in a country no other place of the article lies in: a region the gazetteer
    lacks, spelt like a village abroad ("Hiran region" read as a village in Iraq, "the
    Middle East" as a hamlet in the United States). No reading.

    ``text``: the article's text, where "the" before a name is read (a settlement's
    name takes no article; a small one read so, with no other place in its country, is
    a region the gazetteer lacks).
    """
    countries: dict[str, set[str]] = {}
    for r in results:
        if r.entry is not None and r.mention.role in {"literal", "demonym", "metonymic"}:
            countries.setdefault(r.entry.country_code, set()).add(r.mention.name)
    out = []
    for r in results:
        e, m = r.entry, r.mention
        regional = m.level_hint == "admin1" or (
            text[max(0, m.start - 4) : m.start].lower() == "the "
            and not _FACILITY_AFTER.match(text, m.end)  # ("the X palace": the palace's)
            and e is not None
            and e.feature_class == "P"
            and e.population < _DEFINITE_REGION_MAX_POP
        )
        qualified = e is not None and _qualified_otherwise(text, m.start, e)
        if (
            e is not None
            and (regional or qualified)
            and (e.level in _SETTLEMENT or (qualified and e.level in {"admin1", "admin2"}))
            and not countries.get(e.country_code, set()) - {m.name}
        ):
            why = f"a region, read only as {e.name} ({e.country_code}), a settlement abroad"
            r = _no_reading(r, e, why)
        out.append(r)
    return out


#: A capitalised compass word that begins a region's name ("South Yorkshire").
_COMPASS_NAME = re.compile(r"(?:North|South|East|West|Central|Upper|Lower)(?:ern)?\s+$")
#: The adjective right before a name ("the English Midlands").
_ADJECTIVE_BEFORE = re.compile(r"([A-Z][a-z]+)\s+$")


def _qualified_otherwise(text: str, start: int, e: GazetteerEntry) -> bool:
    """Whether the name is part of a longer one the gazetteer lacks ("South *Yorkshire*")
    or qualified by another country's adjective ("the English *Midlands*"), so that its
    reading ``e`` is a namesake abroad."""
    before = text[max(0, start - 20) : start]
    compass = _COMPASS_NAME.search(before)
    small = e.feature_class == "P" and e.population < _DEFINITE_REGION_MAX_POP
    if compass and small and not _norm(e.name).startswith(_norm(compass.group(0).strip())):
        return True  # (a city's own part is no region: "Eastern Y")
    adjective = _ADJECTIVE_BEFORE.search(before)
    cc = country_of_demonym(adjective.group(1)) if adjective else None
    return cc is not None and cc != e.country_code


def sites_at_towns(results: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """A site named after a town ("the X refugee camp", "X airport", "the X power plant",
    :attr:`~geomap.types.PlaceMention.feature`) is near the town, not the town itself: the
    town's entry, method "relative", geo_precision 2. Ambiguous towns stay as they are, for
    the run to decide."""
    out = []
    for r in results:
        e, m = r.entry, r.mention
        if (
            e is not None
            and m.feature
            and m.feature != m.text
            and r.method == "gazetteer"
            and m.role == "literal"
            and e.level in _SETTLEMENT_POINTS
            and not r.namesakes
        ):
            water = m.feature.split()[0].lower() in WATER_NEAR_TOWN  # "the Gulf of X"
            r = replace(
                r,
                method="relative",
                geo_precision=3 if water else 2,
                reason=f"the {m.feature}{'' if water else ' of ' + e.name}: placed at {e.name}, "
                f"near it; {r.reason}",
            )
        out.append(r)
    return out


def _near_reading(r: ResolvedPlace, c: Candidate) -> ResolvedPlace:
    return replace(
        r,
        entry=c.entry,
        level=c.entry.level,
        score=c.score,
        geo_precision=_precision(c.entry),
        namesakes=(),
        priors=(),
        shared=None,
        reason=f"the reading near the text's other places; {r.reason}",
    )


def _no_reading(r: ResolvedPlace, e: GazetteerEntry, why: str = "") -> ResolvedPlace:
    return replace(
        r,
        entry=None,
        method="unresolved",
        level=None,
        namesakes=(),
        priors=(),
        shared=None,
        reason=why
        or f"{e.name} ({e.country_code}) lies over {_OUTLIER_KM:.0f} km from every other "
        "place of the text, and the model saw no place",
    )


#: "the X district": a town's part, told by the word after its name.
_PART_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(TOWN_PART_NOUNS)) + r")\b", re.IGNORECASE)


def _orphan_parts(text: str, results: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """Place "the X district" in the one town the article names, not in a far namesake's.

    A report from a town ("#Y: ... in the Z district") names its district without the
    town; the gazetteer may hold that district name only as a section of another city.
    When the section's own city is not named (no named settlement within
    :data:`_PART_KM` of it) and exactly one other settlement is, the district is that
    settlement's (geo_precision 2).
    """
    towns = {
        r.entry.geonameid: r.entry
        for r in results
        if r.entry is not None and r.entry.level in TOWN_LEVELS
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


def outside_parent(ranked: Sequence[Candidate], parents: Sequence[GazetteerEntry]) -> bool:
    """Whether no candidate lies inside the country or division the text names as the
    mention's parent ("HOLLIDAY, Mo.", and the gazetteer knows Holliday only in Texas):
    the place is then the parent itself, not a namesake elsewhere."""
    if ranked[0].entry.level not in TOWN_LEVELS:
        return False  # "In Asia, Canada ...", "Wisconsin, Michigan and ...": no parent
    if not any(en.level in {"country", "admin1"} for en in parents):
        return False
    return not any(_feature(c, "parent") >= _W_PARENT_ADMIN1 for c in ranked)


def holding_units(parents: Sequence[GazetteerEntry]) -> list[GazetteerEntry]:
    """The parents that may hold a place ranked under them: a country or a division when
    the name has one ("Kingston, Jamaica" is not in Jamaica, Queens; "Cordoba, Argentina"
    not near La Argentina)."""
    units = [en for en in parents if en.level in {"country", "admin1"}]
    return units or list(parents)


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


#: "X near Y" / "X, west of Y": a reading of X farther than this from Y is another X.
_ANCHOR_FAR_KM = 100.0


def far_from_anchor(m: PlaceMention, e: GazetteerEntry, context: _Context) -> bool:
    """Whether the text locates ``m`` against a place (its anchor) that its best reading
    ``e``, a settlement, lies more than :data:`_ANCHOR_FAR_KM` from: the gazetteer's X is
    another X ("Tawila, west of El Fasher" is no village in Yemen), placed at the anchor."""
    if not m.anchor or e.level not in _SETTLEMENT_POINTS:
        return False
    points = context.points_of(_norm(m.anchor))
    return bool(points) and nearest_km(e.lat, e.lon, points) > _ANCHOR_FAR_KM


def _how_placed(m: PlaceMention, ref_name: str) -> str:
    """How the text puts a mention at ``ref_name``: "near Y", "in Y", "on the road from Y"."""
    if m.relation:
        return f"{m.relation} {ref_name}"
    if m.feature and m.feature.startswith(ref_name) and m.feature != ref_name:
        # "the A-B road" (geomap.places.compounds): where along it the text does not say
        return f"on the {m.feature}: at {ref_name}, the first place it names"
    return f"in {ref_name}"


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
        ranked = rank_candidates(ref_mention, refs, settings=settings, context=context, home=home)
        if ranked:
            best = ranked[0]
            how = _how_placed(m, ref_name)
            # placed at an anchor the text leaves undecided between namesakes: so is it
            namesakes, priors = _namesakes(ranked) if m.anchor else ((), ())
            return ResolvedPlace(
                mention=m,
                entry=best.entry,
                method="relative",
                score=best.score,
                level=best.entry.level,
                geo_precision=2 if best.entry.level in {"city", "village", "other"} else 3,
                candidates=tuple(ranked[:_KEEP]),
                reason=(
                    f"no {m.name} inside {ref_name}"
                    if m.level_hint == "part"
                    else "not in gazetteer"
                )
                + f"; placed at {best.entry.name} ({how})",
                namesakes=namesakes,
                priors=priors,
                shared=_shared_division(gaz, namesakes),
            )
    return ResolvedPlace(mention=m, entry=None, method="unresolved", reason="not in gazetteer")


def as_first_named(results: Sequence[ResolvedPlace]) -> list[ResolvedPlace]:
    """Bare mentions of a name take the place the text qualifies it as elsewhere.

    "PARIS, Texas — ... the north side of Paris": a story names its place fully once,
    then by its name alone; a later "Paris" with no parent of its own is that Paris. Only
    a mention with a parent or an anchor ("X near Y") that resolved to one place counts
    (a story that opens on Lagos, Nigeria and later names "Lagos, the Portuguese resort
    town" keeps both), and only over a reading that the bare mention's own words favour no
    more than the qualified one's ("In Pakistan, the city of Hyderabad" keeps its own).
    A bare mention before the qualified one takes its place only when it is ambiguous
    itself between namesakes of that country: "the village of X ... X lies in the Y
    district" names one X.
    """
    lead: dict[str, ResolvedPlace] = {}
    for r in sorted(results, key=lambda r: r.mention.start):
        m = r.mention
        if (m.parent or m.anchor) and r.entry is not None and not r.ambiguous:
            lead.setdefault(m.name.casefold(), r)
    return [_as_qualified(r, lead.get(r.mention.name.casefold())) for r in results]


def _as_qualified(r: ResolvedPlace, lead: ResolvedPlace | None) -> ResolvedPlace:
    """``r`` read as the place ``lead`` (its name's qualified mention) resolved to, when
    :func:`as_first_named` lets it."""
    if lead is None or lead is r or r.mention.parent or r.mention.anchor:
        return r
    e, le = r.entry, lead.entry
    assert le is not None
    if e is None or e.level != le.level:
        return r
    if r.ambiguous:  # the text does not tell the namesakes apart here: one of them
        # (a namesake of another country named later is a contrast: "a hotel in X,
        # Argentina, 10,000 km away")
        later_abroad = r.mention.start < lead.mention.start and e.country_code != le.country_code
        if later_abroad or not any(c.entry.geonameid == le.geonameid for c in r.candidates):
            return r
    elif (
        r.mention.start < lead.mention.start
        or e.geonameid == le.geonameid
        or not _no_more_evident(r, le)
    ):
        return r
    qualified = lead.mention.parent or f"{lead.mention.relation} {lead.mention.anchor}"
    return replace(
        r,
        entry=le,
        level=le.level,
        geo_precision=lead.geo_precision,
        reason=f"the {le.name} named with {qualified}; {r.reason}",
        namesakes=(),
        priors=(),
        shared=None,
    )


def _no_more_evident(r: ResolvedPlace, other: GazetteerEntry) -> bool:
    """Whether ``other`` is among ``r``'s candidates with as much evidence of the text as
    its winner (:func:`_text_evidence`)."""
    alt = next((c for c in r.candidates if c.entry.geonameid == other.geonameid), None)
    return alt is not None and _text_evidence(alt) >= _text_evidence(r.candidates[0])
