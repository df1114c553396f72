"""Stage 3 helper (geocode): score the gazetteer candidates of a mention.

Every candidate gets a score that is a sum of explicit, logged features (the table is in
:mod:`geomap.geocode`); :func:`rank_candidates` returns them best first.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from geomap._geo import bearing_deg, haversine_km, nearest_km, radian_points
from geomap.gazetteer.names import admin2_cue
from geomap.gazetteer.names import normalize_name as _norm  # cached there
from geomap.places.lexicon import DISTRICT_WORDS
from geomap.types import (
    TOWN_LEVELS,
    Article,
    Candidate,
    GazetteerEntry,
    PlaceMention,
)

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.settings import Settings

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

#: A parent that is the candidate's country itself ("Kingston, Jamaica"): as strong as a
#: parent division.
_W_PARENT_NATION = 3.0

_W_ADMIN1_FOCUS = 1.5

_W_DIVISION = 1.2

#: A division's same-named settlement smaller than this share of it does not claim the name.
_DIVISION_SHARE = 0.1

_SETTLEMENT = frozenset({"city", "village", "other", "admin2"})

#: Levels of a settlement's own point (not a division's).
_SETTLEMENT_POINTS = frozenset({"city", "village", "other"})

_W_COHERENCE = 1.2

_W_CONFLICT = 0.4

_W_CAPITAL = 0.6
#: A name only another name of a place, spelt unlike its own (a former name: a city's
#: old name, not a transliteration of its own), while several places of its country bear
#: it as their own: those are what the text means.
_W_ALTERNATE = 1.5
#: Names this alike (normalised Indel similarity) are spellings of one name.
_SPELLING_ALIKE = 0.6

_COHERENCE_KM = 400.0

#: "X near Y": X's candidates close to Y's point (within a few tens of km) are X.
_W_ANCHOR = 4.0

_ANCHOR_KM = 20.0
#: A district (its seat the anchor: "X, Y district") reaches this far from its seat.
_DISTRICT_KM_ANY = 50.0
_DISTRICT_KM = {"hromada": 15.0, "community": 15.0}

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


@functools.lru_cache(maxsize=1 << 14)
def _unlike(a: str, b: str) -> bool:
    """Whether two normalised names are different names, not spellings of one (their
    Indel similarity, RapidFuzz's ``fuzz.ratio``, under :data:`_SPELLING_ALIKE`)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) < 100 * _SPELLING_ALIKE


def _names_of(en: GazetteerEntry) -> tuple[str, str]:
    """An entry's primary and Latin names, normalised."""
    return _norm(en.name), _norm(en.latin_name)


def _hint_levels(hint: str | None) -> set[str] | None:
    if hint in {"admin1", "admin2"}:
        return {hint}
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
    # a place inside the parent the text names comes first, whatever the article's
    # context says of the others ("Lagos, the Portuguese resort town")
    held = {id(en) for _, en, f in out if any(k == "parent" for k, _ in f)}
    out.sort(key=lambda c: (id(c[1]) not in held, -c[0], -c[1].population, c[1].geonameid))
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
    #: How many entries of each country bear the name as their own.
    own_name: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        mention, context, entries = self.mention, self.context, self.entries
        self.hint_levels = _hint_levels(mention.level_hint)
        self.name_n = _norm(mention.name)
        self.focus = context.focus(self.name_n) if context is not None else {}
        self.others = context.points_besides(self.name_n) if context is not None else []
        # "X near Y": the point the text locates X against
        if context is not None and mention.anchor:
            self.anchored = context.points_of(_norm(mention.anchor))
        # the scale of plausibility: the largest place of the name, or the largest bearing
        # it as its own when those lie in a country the text names and the others, matched
        # by another of their names, in none ("Mambasa" in a story on Congo is not Mombasa,
        # Kenya); the default is read only for no entries, when no entry is ranked
        # (mutation testing: its mutants are equivalent)
        bears = [self.name_n in _names_of(en) for en in entries]
        own = [en for en, b in zip(entries, bears, strict=True) if b]
        named = {cc for cc, share in self.focus.items() if share > 0}
        foreign = all(
            en.country_code not in named for en, b in zip(entries, bears, strict=True) if not b
        )
        scale = own if foreign and any(en.country_code in named for en in own) else entries
        self.top = max((_effective_population(en) for en in scale), default=1)
        self.capital_named = any(en.feature_code == "PPLC" for en in entries)
        self.own_name = Counter(en.country_code for en in own)


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
    elif sc.own_name[en.country_code] >= 2 and _unlike(sc.name_n, _norm(en.latin_name)):
        f.append(("alternate", -_W_ALTERNATE))
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
    if any(p.country_code == en.country_code and p.level == "country" for p in parents):
        return [("parent", _W_PARENT_NATION)]
    if any(p.country_code == en.country_code for p in parents):
        return [("parent", _W_PARENT_COUNTRY)]  # another division of its country
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
        km = nearest_km(en.lat, en.lon, sc.anchored)
        off = relation_off(sc.mention.relation, km)
        near = math.exp(-(km if off is None else off) / _ANCHOR_KM)
        f.append(("anchor", _W_ANCHOR * near))
        f.extend(
            _direction_feature(sc, en, math.exp(-max(0.0, km - _DIRECTION_KM) / _DIRECTION_FADE_KM))
        )
    return f


#: A distance a relation states ("40 km north-west of"), in km or miles.
_STATED = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(km|kms|kilomet\w*|miles?)\s+", re.IGNORECASE)
#: How far a stated distance may be off: a few km, and a quarter of it (a round figure).
_STATED_SLACK_KM = 3.0
_STATED_SLACK = 0.25


def relation_off(relation: str | None, km: float) -> float | None:
    """How far beyond what ``relation`` allows a reading ``km`` from its anchor lies:
    "X, Y district" anywhere in Y's district (a community is a smaller one), "X, 40 km
    north-west of Y" about that far from Y (a round figure); None for a relation that
    states no reach ("near Y")."""
    if (relation or "") in DISTRICT_WORDS:
        return max(0.0, km - _DISTRICT_KM.get(relation or "", _DISTRICT_KM_ANY))
    stated, _ = stated_distance(relation)
    if stated is None:
        return None
    return max(0.0, abs(km - stated) - _STATED_SLACK_KM - _STATED_SLACK * stated)


def stated_distance(relation: str | None) -> tuple[float | None, str]:
    """The distance in km a relation states, and the relation without it ("40 km north-west
    of" -> 40.0, "north-west of"); None when it states none."""
    hit = _STATED.match(relation or "")
    if hit is None:
        return None, relation or ""
    value = float(hit.group(1).replace(",", "."))
    miles = hit.group(2).lower().startswith("mile")
    return value * (1.609 if miles else 1.0), relation[hit.end() :] if relation else ""


#: Compass bearings of the directions a text places a name by ("X, east of Y").
_BEARINGS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}  # fmt: skip
_BY_LENGTH = sorted(_BEARINGS.items(), key=lambda kv: -len(kv[0]))
_W_DIRECTION = 1.0
#: How far from its anchor a place in the direction given counts in full ("east of the
#: city": some tens of kilometres), less and less beyond (not the next oblast).
_DIRECTION_KM = 100.0
_DIRECTION_FADE_KM = 50.0


def wanted_bearing(relation: str | None) -> float | None:
    """The compass bearing a relation gives ("40 km north-west of" -> 315.0), or None."""
    rel = stated_distance(relation)[1].lower().replace("-", "").replace(" ", "")
    return next((b for w, b in _BY_LENGTH if rel.startswith(w)), None)


def bearing_off(wanted: float, lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """How many degrees (0..180) the bearing from point 1 to point 2 is off ``wanted``."""
    return abs((bearing_deg(lat1, lon1, lat2, lon2) - wanted + 180) % 360 - 180)


def _direction_feature(sc: _Scene, en: GazetteerEntry, near: float) -> list[tuple[str, float]]:
    """A candidate in the direction the text gives from its anchor ("east of Y") gains as
    much as it is ``near`` it (in full within :data:`_DIRECTION_KM`: a village 150 km to
    the east is hardly one "east of Y"), one on the other side loses (within 45 degrees: agrees;
    over 90: disagrees)."""
    wanted = wanted_bearing(sc.mention.relation)
    if wanted is None:
        return []
    lat2, lon2 = math.radians(en.lat), math.radians(en.lon)
    # (anchored points hold latitude in radians, longitude in degrees: see radian_points)
    best = min(sc.anchored, key=lambda pt: (pt[0] - lat2) ** 2 + (math.radians(pt[1]) - lon2) ** 2)
    diff = bearing_off(wanted, math.degrees(best[0]), best[1], en.lat, en.lon)
    if diff <= 45:
        return [("direction", _W_DIRECTION * near)]
    return [("direction", -_W_DIRECTION)] if diff > 90 else []


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
        if en.level in TOWN_LEVELS:
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
    if en.level not in TOWN_LEVELS:
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


#: What an unknown (0) population of a settlement is read as, by its GeoNames feature
#: code: any settlement as a small village, the seat of a third-level division (a
#: hromada's centre) as twice that (the seats GeoNames gives no population are its small
#: ones; the known ones have a median of about 2,900 in the Ukrainian dump), that of a
#: second-level one as a town (median about 16,500).
_UNKNOWN_POPULATION = {"PPLA3": 1000, "PPLA2": 15000}
_UNKNOWN_VILLAGE = 500


#: A section of a city (GeoNames PPLX: a district, a quarter) is named alone far less
#: than a town of its size (a text names its city with it): its population counts this
#: share.
_SECTION_SHARE = 0.1


def _effective_population(entry: GazetteerEntry) -> int:
    """Population, with unknown (0) populations of settlements read by their kind, and
    a city section's counted at :data:`_SECTION_SHARE`."""
    if entry.population <= 0 and entry.level in {"city", "village", "other"}:
        return _UNKNOWN_POPULATION.get(entry.feature_code, _UNKNOWN_VILLAGE)
    if entry.feature_code == "PPLX":
        return max(int(entry.population * _SECTION_SHARE), _UNKNOWN_VILLAGE)
    return max(entry.population, 1)


def _precision(entry: GazetteerEntry) -> int:
    if entry.level == "admin2":
        # (a division with no member place sits at its first-level division's point)
        return 3 if entry.point_source == "admin1" else 2
    return 1 if entry.level in {"city", "village", "other"} else 3


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
        # (an embedded name places others too: "X, Y district" is near Y)
        if m.role in {"literal", "embedded"} and best.level != "country":
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
