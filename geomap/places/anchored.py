"""Stage 2 helper (places): gazetteer-anchored recognition for short, unedited reports.

The main recogniser starts from what spaCy and capitalisation say. Short reports
(map entries, channel posts, captions) break both: "smoke rising in mariupol", town
names inside facility names ("X Oncology Hospital struck"), names run into other
capitalised words ("Damage to Residences X, Y Oblast"), spellings of other
romanisation systems. This pass reads the words the first pass left alone and keeps
those that the gazetteer knows as a settlement *and* the text places:

* the settlement is in the theatre's countries (the run's conflict countries and the
  countries of its theatre, :mod:`geomap.theatre`); the first pass handles the rest;
* a locative cue before the word ("in", "near", "outskirts of", "village of", ...),
  a hashtag, an admin context after it ("X, Y Oblast"), a facility or an
  organisation word after it or a facility word right before it ("Substation X",
  see below), a possessive ("X's power station"; not on a person's name), or a comma
  setting it apart at either end of the article's first line, as a report gives its
  place ("X, drone footage of ...", "Damage after shelling, X");
* lower-case words need a cue and a settlement of the theatre's countries;
* a word the gazetteer lacks is tried in its spelling variants, then as a near-miss
  (one edit, :mod:`geomap.places.fuzzy`) inside the theatre, marked ``near-miss``.

Facility and organisation names: a place right before a facility word ("X Drama
Theatre", "X airbase") or after one ("Electrical Substation X") is a literal mention
with the facility kept as ``feature``; before
an organisation word ("X police", "X City Council", "X Regional Military Administration")
it is an ``embedded`` mention: listed and geocoded, never an event location.
Look-alikes: a gazetteer name that qualifies a facility ("Drama theatre") or names a unit
or a weapon ("battalion X", "X-E UAV") is no place (:func:`is_designation`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Container, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geomap.gazetteer.codec import SETTLEMENT_LEVELS
from geomap.places.demonyms import demonym_target
from geomap.places.fuzzy import MIN_FUZZY_LEN, near_miss, spelling_variants
from geomap.places.lexicon import (
    ADMIN1_NOUNS,
    ARABIC_CONTINUATION,
    COMPASS_WORDS,
    FACILITY_DESCRIPTORS,
    FACILITY_WORDS,
    LOCATIVE_CUES,
    MATERIEL_WORDS,
    OF_PLACE_HEADS,
    ORGANISATION_WORDS,
    PERSON_TITLES,
    ROUTE_NOUNS,
    SETTLEMENT_CALLS,
    SETTLEMENT_NOUNS,
    TOWN_PART_NOUNS,
    WATERS_AFTER_NAME,
    names_water,
)
from geomap.places.parents import direction_word, division_noun, parent_after_words
from geomap.places.wording import (
    POSSESSIVE_AFTER,
    STOP_WORDS,
    Word,
    feature_after,
    feature_before,
    is_designation,
    label_placed,
    on_first_line,
    opens_line,
    set_apart,
    text_between,
    words_of,
)
from geomap.types import GazetteerEntry, PlaceMention

if TYPE_CHECKING:
    from geomap.places.recognise import GazetteerLike, Recogniser

__all__ = [
    "Word",
    "anchored_mentions",
    "feature_after",
    "feature_before",
    "is_designation",
    "words_of",
]

#: Months and days: "in May" is a date.
_CALENDAR = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
    }
)  # fmt: skip
#: Adjectives between a locative cue and a settlement's name ("in rural X").
_PLACE_ADJECTIVES = COMPASS_WORDS | frozenset(
    {"rural", "remote", "neighbouring", "neighboring", "embattled", "frontline",
     "devastated", "central"}
)  # fmt: skip
#: Words right after a name opening a report that make it the report's place.
_REPORTED_AFTER = frozenset(
    {"shelled", "hit", "struck", "bombed", "attacked", "under", "liberated", "captured",
     "damaged", "destroyed", "targeted"}
)  # fmt: skip
#: In a post written in lower case, a town after a locative cue ("in x") this big, with
#: a name this long (short words are English words: "bar"), passes too.
_LOWER_CUED_MIN_POP = 5_000
_LOWER_CUED_MIN_LEN = 6
#: Lower-case words pass only with a settlement at least this big (or one the text calls
#: a settlement, in a text written in lower case).
_LOWER_MIN_POP = 20_000
#: Capitalised words without any cue pass only with a theatre settlement this big ...
_BARE_MIN_POP = 50_000
#: ... or, for a spelling variant ("Gorlovka"), this big.
_VARIANT_MIN_POP = 10_000


#: A town stands for its name before a facility when at least this share of the division.
_TOWN_SHARE = 0.1
#: NER labels a possessive cue leaves to a place (a person's or a team's name is none).
_PLACEISH = frozenset({"", "GPE", "LOC", "FAC"})
#: Capitalised words after a name that make it a water's or a day's ("the X Lake",
#: "Independence Day").
_NAMED_AFTER = WATERS_AFTER_NAME | {"day"}
#: Prepositions among the locative cues.
_PREPOSITIONS = frozenset(
    {"in", "at", "near", "of", "from", "to", "into", "outside", "around", "over", "through",
     "on", "across", "between", "towards", "toward", "off"}
)  # fmt: skip
#: Words before a saint's name ("St. Mark's", "Saint Paul").
_SAINT = frozenset({"st", "saint", "ste"})
#: Locative cues that join names of anything ("dozens of X", "Israel and X", "from X").
_WEAK_CUES = frozenset({"of", "and", "from", "to", "between"})
#: The gap of a possessive between two words ("Crimea's Dzhankoi").
_POSSESSIVE_GAP = re.compile(r"['’]s\s+$")


def _titled(words: Sequence[Word], s: int) -> bool:
    """Whether a person's title ("Mr", "President") stands right before word ``s``."""
    return s > 0 and words[s - 1].low.rstrip(".") in PERSON_TITLES


def _person_elsewhere(rec: Recogniser, span: tuple[int, int], surface: str) -> bool:
    """Whether the model names a person so elsewhere than at ``span`` (tokens)."""
    low = surface.lower()
    for s, e, label in rec.ents:
        if label != "PERSON" or (s < span[1] and span[0] < e):
            continue
        name = rec.v.span_text(s, e).lower()
        if low == name or low in name.split():
            return True
    return False


def _person_runs_on(rec: Recogniser, span: tuple[int, int]) -> bool:
    """Whether a person entity at ``span`` goes on with a name ("Donald Trump administration").

    "X Drama" or "X Airbase" read as a person run on with a facility's words only.
    """
    ent = rec.ent_of.get(span[0])
    if ent is None or ent[2] != "PERSON":
        return False
    words = (
        {rec.lower[i] for i in range(span[1], ent[1]) if rec.v.alpha[i]}
        - FACILITY_WORDS
        - ORGANISATION_WORDS
        - FACILITY_DESCRIPTORS
    )
    return bool(words)


def _town_first(gaz: GazetteerLike, name: str) -> bool:
    """Whether a town of this name is sizeable beside the division of the same name.

    "Kherson" (a city of 280,000 in an oblast of a million) reads as the city before a
    facility; "Iowa" (a small town, a state of three million) does not.
    """
    entries = gaz.lookup(name, limit=20)
    town = max((en.population for en in entries if en.level in SETTLEMENT_LEVELS), default=0)
    division = max((en.population for en in entries if en.level == "admin1"), default=0)
    return town >= _TOWN_SHARE * division


def _primary(gaz: GazetteerLike, name: str) -> bool:
    """Whether ``name`` is some place's own name, not only an alternate one ("Care")."""
    from geomap.gazetteer import normalize_name

    key = normalize_name(name)
    return any(
        key in {normalize_name(en.name), normalize_name(en.latin_name)}
        for en in gaz.lookup(name, limit=20)
    )


def _admin_after(text: str, words: Sequence[Word], e: int, gaz: GazetteerLike) -> bool:
    """', Y Oblast' / ', Y region' / ', Y' (a known division) or 'Oblast' right after."""
    if (
        e < len(words)
        and words[e].low in ADMIN1_NOUNS
        and text_between(text, words[e - 1], words[e]) == " "
    ):
        return True
    gap = text_between(text, words[e - 1], words[e]) if e < len(words) else ""
    if e >= len(words) or not ("," in gap or gap.strip() == "("):
        return False
    if division_noun(words, e + 1):
        return True
    if POSSESSIVE_AFTER.match(text, words[e].end):
        return False  # "X, Y's father": Y is a person
    return not direction_word(words, e) and bool(_divisions_named(gaz, words[e]))


def _divisions_named(gaz: GazetteerLike, word: Word) -> list[GazetteerEntry]:
    """The countries and first-level divisions ``word`` names."""
    return list(gaz.lookup(word.text.lstrip("#"), levels=("admin1", "country"), limit=3))


def _division_before(
    text: str, words: Sequence[Word], s: int, gaz: GazetteerLike
) -> list[GazetteerEntry]:
    """The country or first-level division whose possessive stands right before word
    ``s`` ("Crimea's X", "Y region's X"), as the gazetteer knows it."""
    if s < 1 or not _POSSESSIVE_GAP.match(text_between(text, words[s - 1], words[s])):
        return []
    k = s - 2 if words[s - 1].low in ADMIN1_NOUNS and s >= 2 else s - 1
    return _divisions_named(gaz, words[k])


def _inside_division(f: _Found, entries: Sequence[GazetteerEntry]) -> bool:
    """A settlement's exact name (its theatre ``entries``) after the possessive of a
    division that holds it ("Crimea's Dzhankoi"; not "Muscat's Wadi" for a Wadi
    elsewhere, nor a person's name: "Russia's Putin")."""
    if f.how != "gazetteer" or f.label == "PERSON":
        return False
    divisions = _division_before(f.text, f.words, f.s, f.rec.gaz)
    return any(
        en.country_code == d.country_code
        and (d.level == "country" or en.admin1_code == d.admin1_code)
        for d in divisions
        for en in entries
    )


#: Words that may follow a (misspelt) settlement name without making a longer name of it.
_NAME_TAILS = (
    ADMIN1_NOUNS
    | FACILITY_WORDS
    | ORGANISATION_WORDS
    | FACILITY_DESCRIPTORS
    | TOWN_PART_NOUNS
    | SETTLEMENT_NOUNS
    | MATERIEL_WORDS
    | COMPASS_WORDS
    | _CALENDAR
    | {"house", "street", "avenue", "road", "highway", "front", "direction", "axis", "sector"}
)


def _in_longer_name(text: str, words: Sequence[Word], s: int, e: int) -> bool:
    """Words ``s:e`` are part of a longer capitalised name ("Middle" of "Middle Shabelle")."""
    after = (
        e < len(words)
        and words[e].cap
        and text_between(text, words[e - 1], words[e]) == " "
        and words[e].low not in _NAME_TAILS
    )
    before = (
        s > 0
        and words[s - 1].cap
        and text_between(text, words[s - 1], words[s]) == " "
        and words[s - 1].low not in LOCATIVE_CUES
        and words[s - 1].low not in STOP_WORDS
    )
    # "Wad" of "Wad al-Noura", "Deir" of "Deir el-Balah"
    arabic = ARABIC_CONTINUATION.match(text, words[e - 1].end) is not None
    return after or before or arabic


def _theatre_entries(
    gaz: GazetteerLike, name: str, countries: Collection[str]
) -> list[GazetteerEntry]:
    return [
        en
        for en in gaz.lookup(name, levels=SETTLEMENT_LEVELS, limit=1 << 30)
        if en.country_code in countries
    ]


#: Verdicts of :func:`_settlement_name` kept per gazetteer and theatre
#: (``Gazetteer.memo``): a run reads the same words in article after article. Cleared
#: when this many are kept.
_FOUND_MAX = 1 << 17


def _settlement_name(
    gaz: GazetteerLike,
    name: str,
    countries: tuple[str, ...],
    known: Container[str],
    *,
    fuzzy: bool,
    variants: bool,
) -> tuple[str, str] | None:
    """(name to look up, how) when ``name`` or a variant of it names a theatre settlement.

    ``known``: the theatre's settlement names (``Gazetteer.settlement_key_probe``);
    ``variants``: try the spelling variants when the name itself is unknown;
    ``fuzzy``: then try a near-miss. A gazetteer hit keeps the name as written.
    """
    from geomap.gazetteer import normalize_name

    key = normalize_name(name)
    if key in known:
        return name, "gazetteer"
    if len(key) < 4 or not variants:
        return None
    for var in spelling_variants(key):
        if var in known:
            return var, "variant"
    if fuzzy and len(key) >= MIN_FUZZY_LEN:
        hit = near_miss(key, gaz, countries)
        if hit is not None:
            return hit, "near-miss"
    return None


def _skipped(w: Word) -> bool:
    """Words never read as a place in this pass (function words, facility words, dates)."""
    return (
        w.low in STOP_WORDS
        or w.low in FACILITY_WORDS
        or w.low in ORGANISATION_WORDS
        or w.low in FACILITY_DESCRIPTORS
        or w.low in COMPASS_WORDS
        or w.low in _CALENDAR
        or w.low in TOWN_PART_NOUNS
        or w.low in MATERIEL_WORDS
        or w.low.rstrip(".") in PERSON_TITLES  # "Major General X", "Rabbi X": a rank
    )


def _mark(
    words: Sequence[Word], ends: Sequence[int], busy: list[bool], start: int, end: int
) -> None:
    """Mark the words (ending at ``ends``) overlapping characters ``start:end`` as taken."""
    lo = bisect.bisect_right(ends, start)
    for j in range(lo, len(words)):
        if words[j].start >= end:
            break
        busy[j] = True


def anchored_mentions(
    rec: Recogniser,
    taken: Sequence[tuple[int, int]],
    *,
    countries: Collection[str],
) -> list[PlaceMention]:
    """Settlement names the first pass missed (see the module docstring).

    Parameters
    ----------
    rec
        The document's recogniser (article, doc view, gazetteer, NER labels).
    taken
        Token spans already holding a mention.
    countries
        ISO codes of the theatre (the run's conflict countries).

    Returns
    -------
    list of PlaceMention
        New mentions, in text order.
    """
    article, view, gaz = rec.article, rec.v, rec.gaz
    text = article.text
    words = words_of(text)
    theatre = tuple(sorted(countries))
    known = gaz.settlement_key_probe(theatre)  # a set once many words are asked
    verdicts = gaz.memo("anchored-settlement").setdefault(theatre, {})
    ends = [w.end for w in words]
    lows = [w.low for w in words]
    busy = [False] * len(words)
    for s, e in taken:
        _mark(words, ends, busy, view.tokens[s].start, view.tokens[e - 1].end)
    # words k and k + 1 join into one name only across a space or a hyphen
    joins = [text[a.end : b.start] in {" ", "-"} for a, b in itertools.pairwise(words)]
    out: list[PlaceMention] = []
    k = 0
    while k < len(words):
        w = words[k]
        if busy[k] or _skipped(w):
            k += 1
            continue
        found = None
        cap = w.cap
        for e in range(min(len(words), k + 3), k, -1):
            if not all(joins[k : e - 1]) or any(busy[k:e]):
                continue
            surface = text[w.start : words[e - 1].end].lstrip("#")
            # a lower-case word passes only as the gazetteer spells it (see _judge)
            memo = (surface, cap and e == k + 1, cap)
            got = verdicts.get(memo, verdicts)
            if got is verdicts:
                got = _settlement_name(gaz, surface, theatre, known, fuzzy=memo[1], variants=cap)
                if len(verdicts) >= _FOUND_MAX:
                    verdicts.clear()
                verdicts[memo] = got
            if got is not None:
                found = (e, surface, got)
                break
        if found is None:
            k += 1
            continue
        e, surface, (name, how) = found
        m = (
            None
            if names_water(lows, k, e)
            else _judge(rec, words, k, e, surface, name, how, countries)
        )
        if m is None:
            k += 1
            continue
        out.append(m)
        _mark(words, ends, busy, m.start, m.end)
        after = text.find(m.feature, m.end) if m.feature else -1
        if after >= 0:  # the facility's own words are no places ("... City Council")
            _mark(words, ends, busy, m.end, after + len(m.feature or ""))
        k = e
    return out


@dataclass(slots=True)
class _Found:
    """A settlement name found at words ``s:e`` and what its surroundings say of it."""

    rec: Recogniser
    words: Sequence[Word]
    s: int
    e: int
    surface: str
    name: str
    how: str
    span: tuple[int, int]
    label: str = ""
    possessive: bool = False
    feature: tuple[str, str, int] | None = None
    before: str | None = None
    prev: str = ""
    cue: bool = False
    strong: bool = False
    #: The name is the report's label: set apart at an end of the text's first line.
    labelled: bool = False
    #: The text calls the name a settlement or a division's: "village of X", "X
    #: village", "X, Y oblast", "#X" (enough for a small village in a lower-case post).
    called: bool = False
    pop: int = -1

    @property
    def text(self) -> str:
        return self.rec.article.text

    @property
    def first(self) -> Word:
        return self.words[self.s]


def _judge(
    rec: Recogniser,
    words: Sequence[Word],
    s: int,
    e: int,
    surface: str,
    name: str,
    how: str,
    countries: Collection[str],
) -> PlaceMention | None:
    """Keep or drop the settlement name at words ``s:e``; build its mention."""
    found = _found(rec, words, s, e, surface, name, how)
    if found is None:
        return None
    _read_surroundings(found, countries)
    if not _vouched(found):
        return None
    return _mention_of(found)


def _found(
    rec: Recogniser, words: Sequence[Word], s: int, e: int, surface: str, name: str, how: str
) -> _Found | None:
    """The name at words ``s:e`` unless it is plainly no settlement's (a designation, a
    saint, an acronym, part of a longer name, a demonym, a person's possessive)."""
    text, gaz = rec.article.text, rec.gaz
    first = words[s]
    hyphenated = e - s == 1 and "-" in first.text  # "Ye-U": a town's whole name, no model
    if is_designation(text, words, s, e) and not (
        hyphenated and gaz.lookup(first.text, levels=SETTLEMENT_LEVELS, limit=1)
    ):
        return None
    start = first.start + (1 if first.text.startswith("#") else 0)
    span = rec.v.char_span(start, words[e - 1].end)
    if span is None:
        return None
    label = rec.ent_label.get(span[0], "")
    if rec.river(span[0], span[1], surface) or (
        e < len(words) and words[e].cap and words[e].low in _NAMED_AFTER
    ):
        return None  # "a warehouse on the Dnipro bank", "into the X Lake", "X Day"
    if how == "near-miss" and label == "ORG" and not _cued(text, first):
        return None  # "Rangers" (an organisation to the model) is no misspelt "Angers"
    if e - s == 1 and rec.toks[span[0]].pos in _NOT_NAME_POS and not _cued(text, first):
        return None  # "Mobile internet was cut" in an article: a word, no town
    if (
        s > 0
        and words[s - 1].low in _SAINT
        and text_between(text, words[s - 1], first) in {" ", ". "}
    ):
        return None  # a saint ("St. Mark's Cathedral"), not a town
    if len(first.text) <= 4 and first.text.isupper():
        return None  # an acronym ("BA", "CIA")
    if _in_longer_name(text, words, s, e) and (how != "gazetteer" or not _primary(gaz, name)):
        # part of a longer name, matched only misspelt or by an alternate name: "Middle"
        # of "in Middle Shabelle" is no misspelt "Riddle", "Wad" of "Wad Madani" no "Vad"
        return None
    if e - s == 1 and demonym_target(surface) is not None:
        return None  # "European Court", "German-led": a demonym (read apart), not a hotel
    possessive = POSSESSIVE_AFTER.match(text, words[e - 1].end) is not None
    if possessive and (
        how != "gazetteer" or label == "PERSON" or rec.looks_like_person(*span, surface)
    ):
        return None  # "Mr X's", "X's reports": a person's, or a name spelt otherwise
    return _Found(rec, words, s, e, surface, name, how, span, label, possessive)


#: Parts of speech of a capitalised word that is no name ("Mobile internet").
_NOT_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "DET", "PRON", "ADP"})


def _cued(text: str, first: Word) -> bool:
    """Whether a name starting with word ``first`` is a hashtag or on a report's first
    line (its label, most often)."""
    return first.text.startswith("#") or on_first_line(text, first.start)


def _read_surroundings(f: _Found, countries: Collection[str]) -> None:
    """The facility around the name, the cue before it, the theatre town's population."""
    text, words, first, gaz = f.text, f.words, f.first, f.rec.gaz
    f.feature = feature_after(text, words, f.e)
    f.before = None if f.feature is not None else feature_before(text, words, f.s)
    joined = f.s > 0 and text_between(text, words[f.s - 1], first).strip() in {"", "("}
    f.prev = words[f.s - 1].low if joined else ""
    if (
        f.prev in _PLACE_ADJECTIVES
        and f.prev not in LOCATIVE_CUES  # ("liberated X": the cue itself)
        and f.s > 1
        and not text_between(text, words[f.s - 2], words[f.s - 1]).strip()
    ):
        f.prev = words[f.s - 2].low  # "in rural X", "near occupied X": the cue before
    entries = _theatre_entries(gaz, f.name, countries)
    # a cue that says where by itself, or only one that joins names of anything ("dozens
    # of X", "X and Y", "a statement from X", a possessive)
    # the report's own label: "X, drone footage of ...", "X: ...", "🔴 X: ..."
    f.labelled = on_first_line(text, first.start) and set_apart(text, words, f.s, f.e)
    f.called = (
        f.labelled
        or (f.prev == "of" and f.s >= 2 and words[f.s - 2].low in SETTLEMENT_CALLS)
        or (f.e < len(words) and words[f.e].low in SETTLEMENT_CALLS)
        or first.text.startswith("#")
        or _admin_after(text, words, f.e, gaz)
        # "X in Y oblast"
        or (f.e + 2 < len(words) and words[f.e].low == "in" and words[f.e + 2].low in ADMIN1_NOUNS)
    )
    f.strong = (
        f.called
        or (f.prev in LOCATIVE_CUES and f.prev not in _WEAK_CUES)
        or (f.prev == "of" and f.s >= 2 and words[f.s - 2].low in OF_PLACE_HEADS)
        # "the road between X and ...": a route's end
        or (f.prev == "between" and f.s >= 2 and words[f.s - 2].low in ROUTE_NOUNS)
        or f.before is not None
        or _inside_division(f, entries)
        # "in X and Y": coordinated with a settlement of the theatre
        or _after_settlement(f, countries)
        # "X shelled from the left bank", "X under KAB attack": a report opening on its place
        or (
            opens_line(text, first.start) and (_reported_after(f) or label_placed(text, words, f.e))
        )
    )
    f.cue = (
        f.strong or f.prev in LOCATIVE_CUES or (f.possessive and first.cap and f.label in _PLACEISH)
    )
    f.pop = max((en.population for en in entries), default=-1)


def _reported_after(f: _Found) -> bool:
    """Whether a report opening on the name goes on with what befell it: a word of the
    report ("X shelled", "X under KAB attack") or a verb in the past ("X flooded after
    ...", "X evacuated")."""
    words = f.words
    if f.e >= len(words) or text_between(f.text, words[f.e - 1], words[f.e]).strip():
        return False
    if words[f.e].low in _REPORTED_AFTER:
        return True
    if f.label == "PERSON" or f.rec.looks_like_person(*f.span, f.surface):
        return False  # "Oleh said ...": a person's name, even if a village bears it
    toks = f.rec.v.tokens
    nxt = toks[f.span[1]] if f.span[1] < len(toks) else None
    if nxt is None or nxt.tag not in {"VBD", "VBN"} or nxt.text.lower() != words[f.e].low:
        return False
    # what befell a place takes no object and is no speech ("Oleh said", "Maksym joined
    # the army": someone's deeds)
    objects = any(t.head == nxt.i and t.dep in {"dobj", "ccomp"} for t in toks[nxt.i + 1 :])
    return nxt.lemma.lower() not in _SPEECH and not objects


#: Verbs of speech: a name before them is the speaker's.
_SPEECH = frozenset(
    {"say", "tell", "write", "add", "report", "announce", "claim", "note", "warn", "post",
     "state", "confirm", "deny", "explain", "insist", "recall", "describe"}
)  # fmt: skip


def _after_settlement(f: _Found, countries: Collection[str]) -> bool:
    """Whether the name is listed after theatre settlements that a locative cue
    introduces ("in X and Y", "between X and Y", "in X, Y and Z")."""
    words, text = f.words, f.text
    k = f.s
    after = text_between(text, words[f.e - 1], words[f.e]).strip() if f.e < len(words) else ""
    listed = (
        f.prev == "and"
        or after == ","
        or (after == "" and f.e < len(words) and words[f.e].low == "and")
    )
    if not listed:
        return False  # "in X, Y was shelled": Y is in X, no list
    for _ in range(_LIST_MAX):
        gap = text_between(text, words[k - 1], words[k]) if k >= 1 else ""
        if gap.strip() == ",":
            k -= 1
        elif (
            k >= 2
            and words[k - 1].low == "and"
            and gap.strip() == ""
            and text_between(text, words[k - 2], words[k - 1]).strip() in {"", ","}
        ):
            k -= 2
        else:
            return False
        if k < 1 or not words[k].cap:
            return False
        if not _theatre_entries(f.rec.gaz, words[k].text.lstrip("#"), countries):
            return False
        if text_between(text, words[k - 1], words[k]).strip() == "" and (
            words[k - 1].low in LOCATIVE_CUES and words[k - 1].low not in _WEAK_CUES
        ):
            return True
    return False


#: How many listed names back a list is read for its locative cue.
_LIST_MAX = 4


def _vouched(f: _Found) -> bool:
    """Whether the name's case, cues, facility and size vouch for a settlement."""
    rec, first, gaz = f.rec, f.first, f.rec.gaz
    # a facility's or organisation's name ("X Drama theatre", "X Airbase") is no person,
    # whatever the model says of it; a title or the article's own people still count
    person = (f.label == "PERSON" or rec.looks_like_person(*f.span, f.surface)) and (
        f.feature is None
        or _titled(f.words, f.s)
        or _person_elsewhere(rec, f.span, f.surface)
        or _person_runs_on(rec, f.span)
    )
    if not f.cue and person:
        return False
    facility = f.feature is not None and f.feature[0] == "facility"
    if rec.named_otherwise(f.surface) and not (f.strong or facility):
        # the model reads the name as a group or a person elsewhere ("Hamas", "Ruto"): only
        # a spatial word before it ("in", "near", "village of") makes it a place here
        return False
    if not first.cap:
        return _lower_case_vouched(f)
    if not (f.cue or f.feature):
        # a capitalised word alone: a sizeable settlement of the theatre
        least = _BARE_MIN_POP if f.how == "gazetteer" else _VARIANT_MIN_POP
        return not (f.pop < least or f.how == "near-miss" or f.label not in _PLACEISH)
    # a facility word alone vouches only for a settlement's own name, or another
    # spelling of a sizeable town's ("the Novokuibyshevsk oil refinery")
    known = _primary(gaz, f.name) or f.pop >= _VARIANT_MIN_POP
    return f.cue or not (f.how == "near-miss" or not known)


def _lower_case_vouched(f: _Found) -> bool:
    """A lower-case word: a town's own name, however the tagger reads it, in a text
    written in lower case or one that writes this name capitalised elsewhere.

    An adjective before a facility ("to mariupol market"), an adverb after a preposition
    ("in bakhmut"); never a verb, a function word, or an alternate name that is an
    English word ("human").
    """
    spelt = f.how == "gazetteer" or (f.how == "variant" and f.called)
    if not (f.cue or f.feature) or not _big_enough_lower(f) or not spelt:
        return False
    if not (f.labelled or f.rec.lower_case_text or f.rec.capitalised_elsewhere(f.first.low)):
        return False  # "setting fire to cars" in an article that writes names capitalised
    pos = f.rec.v.tokens[f.span[0]].pos
    if pos in {"VERB", "ADP", "DET", "PRON", "AUX", "CCONJ", "NUM"}:
        return False
    if (pos == "ADJ" and f.feature is None) or (pos == "ADV" and f.prev not in _PREPOSITIONS):
        return False
    # a report's label may spell its place by another name ("kirikovka: ...")
    return _primary(f.rec.gaz, f.name) or (f.labelled and len(f.name) >= _LOWER_CUED_MIN_LEN)


def _big_enough_lower(f: _Found) -> bool:
    """A lower-case settlement name's size: big, or in a post written in lower case,
    called a village ("village of x"), or a town after a locative cue ("in x")."""
    if f.pop >= _LOWER_MIN_POP:
        return True
    if f.pop < 0:
        return False
    if f.called:
        return True
    if not f.rec.lower_case_text:
        return False
    cued = f.prev in LOCATIVE_CUES and f.prev not in _WEAK_CUES
    return cued and len(f.name) >= _LOWER_CUED_MIN_LEN and f.pop >= _LOWER_CUED_MIN_POP


def _mention_of(f: _Found) -> PlaceMention | None:
    """The mention of a vouched name: its level hint, role, facility and parent."""
    rec, words, text, gaz = f.rec, f.words, f.text, f.rec.gaz
    s, e, name, how = f.s, f.e, f.name, f.how
    role = "literal"
    feat = None
    town = _town_after(words, s, e, gaz)  # "X District of Y": a part of the town Y
    level_hint = "part" if town is not None else None
    if (
        e < len(words)
        and words[e].low in ADMIN1_NOUNS
        and text_between(text, words[e - 1], words[e]) == " "
    ):
        # "Y oblast" (however spelt): the division, read as the admin context of a town
        level_hint = "admin1"
        if not gaz.lookup(name, levels=("admin1",), limit=1) and how == "gazetteer":
            return None
    if f.feature is not None:
        kind, phrase, _end = f.feature
        feat = phrase
        if kind == "organisation":
            role = "embedded"
    elif f.before is not None:
        if not _primary(gaz, name):
            return None  # "Academy Award": an alternate name after a facility-like word
        feat = f.before
    if role == "literal" and feat is not None and level_hint is None and _town_first(gaz, name):
        level_hint = "city"  # a facility stands in a town ("X Int. Airport": X, not X Oblast)
    sent = rec.v.sentence_of(f.span[0])
    signals = ("gazetteer-anchored",) if how == "gazetteer" else ("gazetteer-anchored", how)
    start = f.first.start + (1 if f.first.text.startswith("#") else 0)
    end = words[e - 1].end
    return PlaceMention(
        article_id=rec.article.id,
        start=start,
        end=end,
        text=text[start:end],
        name=f.surface if how == "gazetteer" else name,
        sentence_start=sent.start,
        sentence_end=sent.end,
        role=role,
        level_hint=level_hint,
        parent=town or parent_after_words(text, words, e, gaz),
        signals=signals,
        feature=feat,
    )


def _town_after(words: Sequence[Word], s: int, e: int, gaz: GazetteerLike) -> str | None:
    """The town Y of "X District of Y" (X: words ``s:e``), if the gazetteer has it.

    A part is smaller than its town: in "the Cincinnati suburb of West Chester" the
    suburb is the second name.
    """
    if e + 2 >= len(words) or words[e].low not in TOWN_PART_NOUNS or words[e + 1].low != "of":
        return None
    cand = words[e + 2].text.lstrip("#")
    if not words[e + 2].cap or not gaz.lookup(cand, levels=SETTLEMENT_LEVELS, limit=1):
        return None
    part = " ".join(w.text.lstrip("#") for w in words[s:e])
    return cand if gaz.max_population(cand) > gaz.max_population(part) else None
