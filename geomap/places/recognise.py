"""Stage 2 helper (places): the recogniser that finds the place mentions of one document.

It reads the plain lists of :class:`~geomap.places.doc_view.DocView` (never spaCy objects)
and the gazetteer's name index; :mod:`geomap.places` describes the signals it combines.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Container, Iterable, Sequence
from typing import Any, Protocol

from geomap.places.anchors import add_anchors, clean_name, relation_after, relation_to_a_town
from geomap.places.compounds import in_route, route_mentions
from geomap.places.demonyms import demonym_target
from geomap.places.doc_view import DocView
from geomap.places.evidence import named_otherwise, names_of_others
from geomap.places.fuzzy import respelled
from geomap.places.lexicon import (
    _LOCATIVE_PREPS,
    _MAX_NGRAM,
    _NAME_JOINERS,
    ADMIN1_NOUNS,
    ARABIC_ARTICLES,
    ARABIC_CONTINUATION,
    ARABIC_LEAD,
    CARDINALS,
    COMPASS_WORDS,
    FACILITY_DESCRIPTORS,
    GENERIC_NOUNS,
    GOVERNMENT_SEATS,
    NAME_CONTINUATIONS,
    NEWS_AGENCIES,
    OF_PLACE_HEADS,
    PLACE_LABELS,
    SACRED_NAMES,
    SETTLEMENT_NOUNS,
    SITE_WORDS,
    STREET_WORDS,
    TOWN_PART_NOUNS,
    WATER_NEAR_TOWN,
    listed_division,
    names_water,
)
from geomap.places.nations import demonym_mentions, government_seats, seat_city, theatre_of_text
from geomap.places.parents import parent_of
from geomap.places.persons import PLACED_TOWN, looks_like_person, person_names
from geomap.places.roles import assign_role, credit_spans
from geomap.places.runs import arabic_particle, hyphened_particle, listed_before, street_list_town
from geomap.places.sites import site_end, site_spans
from geomap.places.spans import Spans
from geomap.places.wording import is_dateline, is_label, vessel_names
from geomap.types import TOWN_LEVELS, Article, GazetteerEntry, PlaceMention

__all__ = ["GazetteerLike"]


class GazetteerLike(Protocol):
    """What recognition needs from the gazetteer."""

    def has_name(self, name: str) -> bool: ...

    def max_population(self, name: str) -> int: ...

    def country_name(self, country_code: str) -> str: ...

    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        levels: Collection[str] | None = None,
        limit: int = 50,
    ) -> list[GazetteerEntry]: ...

    def settlement_keys(self, countries: Collection[str]) -> frozenset[str]: ...

    def settlement_key_probe(self, countries: Collection[str]) -> Container[str]: ...

    def settlement_names(self, countries: Collection[str]) -> tuple[str, ...]: ...

    def settlement_names_near(
        self, keys: Sequence[str], countries: Collection[str]
    ) -> set[str]: ...

    def memo(self, kind: str) -> dict[Any, Any]: ...


def _in_spans(start: int, end: int, spans: Iterable[tuple[int, int]] | Spans) -> bool:
    index = spans if isinstance(spans, Spans) else Spans(spans)
    return index.holds(start, end)


def _baseline_mentions(article: Article, view: DocView) -> list[PlaceMention]:
    out = []
    for s, e, label in view.ents:
        start, end = view.tokens[s].start, view.tokens[e - 1].end
        if label not in PLACE_LABELS or _in_spans(start, end, article.skip_spans):
            continue
        sent = view.sentence_of(s)
        name = view.span_text(s, e)
        out.append(
            PlaceMention(
                article_id=article.id,
                start=start,
                end=end,
                text=name,
                name=name,
                sentence_start=sent.start,
                sentence_end=sent.end,
                signals=("ner",),
            )
        )
    return out


#: First words of multi-word demonyms ("south" of "South African"): only these start one.


def _fold(name: str) -> str:
    from geomap.gazetteer import normalize_name

    return normalize_name(name)


_clean_name = clean_name


#: Inner words of a capitalised run ("Rostov-on-Don", "Bay of Biscay", "Stratford upon Avon").
_RUN_JOINERS = frozenset(
    {"of", "de", "del", "la", "upon", "on", "da", "do", "dos", "das", "di", "du"}
)
#: Names gazetteers list as towns that a text never means as places.
_NEVER_PLACES = NEWS_AGENCIES | SACRED_NAMES | CARDINALS
#: Plural street nouns after a list of names ("X and Y streets").
_STREETS = frozenset({"streets", "roads", "avenues"})
#: Nouns of a second-level division named after its seat ("the X district").
_DISTRICT_NOUNS = frozenset({"district", "raion", "rayon", "county", "prefecture"})
#: Prepositions before "the X" that make X a river or a line crossed, not a town.
_ACROSS = frozenset({"across", "along", "over"})
#: Words after "the X" that make X a river ("a warehouse on the Dnipro bank").
_BANKS = frozenset({"bank", "banks", "riverbank", "riverside", "shore"})
_NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
#: Seats of government ("the Kremlin", "Downing Street"), any case; no name is part of another.
_COMMON_POS = frozenset({"ADJ", "ADV", "VERB", "NOUN", "DET", "PRON"})
#: Words that may follow a place inside a longer name and leave it a place: "X region",
#: "X Airport", "X Refugee Camp".
_NAME_TAIL_WORDS = ADMIN1_NOUNS | SITE_WORDS | FACILITY_DESCRIPTORS
#: Articles skipped between a preposition and a name ("in the X camp").
_DETERMINERS = frozenset({"the", "a", "an"})


#: Tokens after which a word starts a sentence (and is capitalised anyway).
_ENDS = frozenset({".", "!", "?", "\n", "\n\n", ":", '"', "“"})


class Recogniser:
    """Find the place mentions of one parsed document."""

    def __init__(
        self,
        article: Article,
        view: DocView,
        gazetteer: GazetteerLike,
        *,
        theatre: tuple[str, ...] = (),
    ) -> None:
        self.article = article
        self.theatre = theatre
        self.v = view
        self.toks = view.tokens
        self.lower = view.lower
        self.cap = view.cap
        self.n = len(view)
        self.gaz = gazetteer
        self.credits = credit_spans(article.text)
        self.vessels = vessel_names(article.text)  # "the landing ship X": later "the X" too
        self.skip = Spans(article.skip_spans)
        self.name_parts: set[tuple[int, int]] = set()
        # token index -> NER label, and the entity (start, end, label) holding it
        self.ent_label: dict[int, str] = {}
        self.ent_of: dict[int, tuple[int, int, str]] = {}
        # (an entity across a hashtag's word is none: "#Sumy Loknia: ..." is a tag and a
        # village, no person)
        self.ents = [
            ent
            for ent in view.ents
            if ent[1] - ent[0] == 1 or not any(self._tagged(k) for k in range(ent[0], ent[1]))
        ]
        for ent in self.ents:
            for i in range(ent[0], ent[1]):
                self.ent_label[i] = ent[2]
                self.ent_of[i] = ent
        self.persons = person_names(self)
        self.others = names_of_others(view, lambda s, e: _clean_name(self._text(s, e)))
        # the folded names of the places taken so far (literal mentions, in text order)
        self.placed_names: set[str] = set()

    def _text(self, s: int, e: int) -> str:
        return self.v.span_text(s, e)

    @functools.cached_property
    def lower_case_text(self) -> bool:
        """Whether the text is written in lower case (a post, a chat): under 3% of its
        words capitalised, sentence starts aside."""
        alpha, lower = self.v.alpha, self.lower
        words = [i for i in range(1, self.n) if alpha[i] and lower[i - 1] not in _ENDS]
        return bool(words) and sum(self.cap[i] for i in words) < 0.03 * len(words)

    @functools.cached_property
    def _capitalised(self) -> frozenset[str]:
        return frozenset(self.lower[i] for i in range(self.n) if self.cap[i])

    def capitalised_elsewhere(self, word: str) -> bool:
        """Whether the text writes ``word`` (lower case) capitalised somewhere."""
        return word in self._capitalised

    def _cap_end(self, k: int) -> int:
        """End of the run of capitalised tokens starting at ``k`` (``k`` itself when none),
        across the hyphens inside a name ("Bilhorod-Dnistrovskyi" is one name, not
        "Bilhorod")."""
        j = k
        while j < self.n and (self.cap[j] or (j > k and self._name_hyphen(j))):
            j += 1
        # ... and across an Arabic article inside it ("Wad al-Noora", "Deir ez Zor")
        after = j + (2 if j + 1 < self.n and self.toks[j + 1].text == "-" else 1)
        if j > k and after < self.n and self.cap[after] and self.lower[j] in ARABIC_ARTICLES:
            return self._cap_end(after)
        return j

    # ---- persons ---------------------------------------------------------------
    def named_otherwise(self, name: str) -> bool:
        """Whether the text reads ``name`` as no place (:func:`named_otherwise`)."""
        return named_otherwise(self.gaz, self.others, name)

    def looks_like_person(self, start: int, end: int, name: str) -> bool:
        """Whether the name at tokens ``start:end`` is a person's (:func:`looks_like_person`)."""
        return looks_like_person(self, start, end, name)

    # ---- candidate spans ---------------------------------------------------------
    def _cap_runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised tokens (allowing inner hyphens and 'of'/'de')."""
        runs = []
        cap, toks = self.cap, self.toks
        i, n = 0, self.n
        while i < n:
            if cap[i]:
                j = i + 1
                while (
                    j < n
                    # a hashtag's name ends at the first space ("#Bilhorod-Dnistrovskyi")
                    and (not self._tagged(i) or toks[j - 1].end == toks[j].start)
                    and (
                        cap[j]
                        or (toks[j].text in _RUN_JOINERS and j + 1 < n and cap[j + 1])
                        or self._name_hyphen(j)
                        or hyphened_particle(self, j)
                        or arabic_particle(self, j)
                    )
                ):
                    j += 1
                runs.append((i, j))
                i = j
            else:
                i += 1
        return runs

    def _gaz_spans(self) -> list[tuple[int, int]]:
        """Longest-first gazetteer matches inside capitalised runs."""
        found = []
        toks = self.toks
        for rs, re_ in self._cap_runs():
            hits: list[tuple[int, int]] = []
            i = rs
            while i < re_:
                hit = None
                for j in range(min(re_, i + _MAX_NGRAM), i, -1):
                    if toks[j - 1].text == "-" or toks[i].text == "-":
                        continue  # a name neither starts nor ends with a hyphen
                    if not (self.cap[i] and self.cap[j - 1]):
                        continue  # nor with a small word ("of" in "Gulf of Aden" is no town)
                    name = _clean_name(self._text(i, j))
                    if name and self.gaz.has_name(name):
                        hit = (i, j)
                        break
                if hit:
                    hits.append(hit)
                    i = hit[1]
                else:
                    i += 1
            # a hit next to proper nouns no place explains is part of another kind of
            # name ("National Police", "Volodymyr Zelenskyy", "Truth Social"); "of" and
            # the like separate names ("Anne McLellan of Edmonton")
            covered = {k for h in hits for k in range(h[0], h[1])}
            for h in hits:
                lo, hi = h
                while lo > rs and toks[lo - 1].text not in _NAME_JOINERS:
                    lo -= 1
                while hi < re_ and toks[hi].text not in _NAME_JOINERS:
                    hi += 1
                loose = [
                    k
                    for k in range(lo, hi)
                    if k not in covered
                    and toks[k].pos == "PROPN"
                    and self.lower[k] not in _NAME_TAIL_WORDS
                ]
                (self.name_parts.add(h) if loose else found.append(h))
        return found

    def _pattern_spans(self) -> list[tuple[int, int, str]]:
        """Names after settlement nouns ("the villages of X and Y"), found even off-gazetteer."""
        out = []
        n, cap, lower, toks = self.n, self.cap, self.lower, self.toks
        for i, low in enumerate(lower):
            admin = low in ADMIN1_NOUNS  # "the province of X": a first-level division
            if (low in SETTLEMENT_NOUNS or admin) and i + 2 < n and lower[i + 1] == "of":
                k = i + 2
                while k < n:
                    if cap[k]:
                        j = self._cap_end(k)
                        out.append((k, j, "admin1" if admin else "city"))
                        k = j
                        if k < n and lower[k] in {"and", ",", "or"}:
                            k += 1
                            # "the city of Irbid, Jordan": a country or state after the
                            # comma is the parent, not the next settlement of a list
                            if toks[k - 1].text == "," and self._parent_after_comma(k):
                                break
                            continue
                    break
        # street names: "Seaton Street", "Weir Road" (the town comes from the parent)
        start = self.v.is_start
        for i, low in enumerate(lower):
            # "Schmidt St." (a saint's "St." comes before the name)
            abbreviated = low in {"st", "st."} and i > 0 and cap[i - 1] and not start[i - 1]
            if (low not in STREET_WORDS and not abbreviated) or not cap[i] or start[i]:
                continue
            j = i
            while j > 0 and i - j < 3 and not start[j] and (cap[j - 1] or self._name_hyphen(j - 1)):
                j -= 1
            if j < i:
                out.append((j, i + 1, "street"))
                out.extend((a, b, "street") for a, b in listed_before(self, j))
        # "the corner of X and Y streets": each name a street
        for i, low in enumerate(lower):
            if low not in _STREETS or cap[i] or i == 0 or not cap[i - 1] or start[i - 1]:
                continue
            j = i - 1
            while j > 0 and i - j < 3 and cap[j - 1] and not start[j - 1]:
                j -= 1
            out.append((j, i, "street"))
            out.extend((a, b, "street") for a, b in listed_before(self, j))
        # sites with a name of their own: "the Y camp", "the Y air base" (placed like streets)
        out.extend((a, b, "street") for a, b in site_spans(self))
        return out

    def _tagged(self, k: int) -> bool:
        """Token ``k`` is a hashtag's word ("#Zaporizhzhia"): the tag is all of its name."""
        toks = self.toks
        return k > 0 and toks[k - 1].text == "#" and toks[k - 1].end == toks[k].start

    def _name_hyphen(self, k: int) -> bool:
        """Token ``k`` is a hyphen inside a capitalised name ("Pan-American"), no spaces."""
        toks = self.toks
        return (
            toks[k].text == "-"
            and 0 < k < self.n - 1
            and self.cap[k - 1]
            and self.cap[k + 1]
            and toks[k - 1].end == toks[k].start
            and toks[k].end == toks[k + 1].start
        )

    def _parent_after_comma(self, k: int) -> bool:
        """True when the capitalised run at ``k`` names a country or a division, not a town."""
        j = self._cap_end(k)
        if j == k:
            return False
        levels = {e.level for e in self.gaz.lookup(_clean_name(self._text(k, j)))}
        return "country" in levels or ("admin1" in levels and not levels & TOWN_LEVELS)

    # ---- main ----------------------------------------------------------------------
    def run(self) -> list[PlaceMention]:
        cands: dict[tuple[int, int], set[str]] = {}
        for s, e, label in self.ents:
            if label in PLACE_LABELS:
                cands.setdefault((s, e), set()).add("ner")
        for s, e in self._gaz_spans():
            cands.setdefault((s, e), set()).add("gazetteer")
        pattern_hint: dict[tuple[int, int], str] = {}
        for s, e, hint in self._pattern_spans():
            cands.setdefault((s, e), set()).add("pattern")
            pattern_hint[(s, e)] = hint
        # split NER spans at possessives ("Sumy's Bilopillia") and prefer gazetteer
        # sub-spans inside NER spans the gazetteer does not know as a whole
        spans = self._refine(cands)
        mentions: list[PlaceMention] = []
        taken: list[tuple[int, int]] = []
        reach = 0  # the end of the last taken span (taken in start order, never overlapping)
        for (s, e), signals in sorted(spans.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            if s < reach:  # overlaps a taken span
                continue
            # a bare compass word is a modifier ("North London", "Southern California") or
            # a bloc ("the West"), never a place of its own (Cameroon's "South" region)
            if (s, e) not in pattern_hint and _fold(_clean_name(self._text(s, e))) in COMPASS_WORDS:
                continue
            m = self._mention(s, e, signals, pattern_hint.get((s, e)))
            if m is not None:
                m = self._in_name(m, s, e)
            if m is not None:
                mentions.append(m)
                taken.append((s, e))
                reach = max(reach, e)
                if m.role == "literal":
                    self.placed_names.add(_fold(m.name))
        mentions.extend(government_seats(self, taken))
        if self.theatre:
            from geomap.places.anchored import anchored_mentions

            # the run's theatre, and the countries the article names itself ("TBILISI,
            # Georgia": a story from a country the rest of the run is not about)
            countries = theatre_of_text(self, mentions)
            mentions.extend(  # boilerplate stays unread in this pass too
                m
                for m in anchored_mentions(self, taken, countries=countries)
                if not self.skip.holds(m.start, m.end)
            )
        mentions.extend(demonym_mentions(self, taken))
        mentions = [respelled(self, m, mentions) for m in mentions]
        mentions = add_anchors(
            self.article.text, self.gaz, route_mentions(self.article, self.v, mentions)
        )
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _in_name(self, m: PlaceMention, s: int, e: int) -> PlaceMention | None:
        """A facility's or organisation's place keeps the name as feature; look-alikes go."""
        from dataclasses import replace

        from geomap.places.wording import feature_after, is_designation, words_of

        text = self.article.text
        words = words_of(text[m.sentence_start : m.sentence_end])
        off = m.sentence_start
        ks = [i for i, w in enumerate(words) if w.start + off <= m.start < w.end + off]
        ke = [i for i, w in enumerate(words) if w.start + off < m.end <= w.end + off]
        if not ks or not ke:
            return m
        sub = text[off : m.sentence_end]
        if is_designation(sub, words, ks[0], ke[0] + 1):
            return None
        found = feature_after(sub, words, ke[0] + 1)
        if found is None or m.role != "literal" or m.level_hint == "admin1":
            return m
        kind, phrase, _end = found
        return replace(m, role="embedded" if kind == "organisation" else m.role, feature=phrase)

    def _refine(self, cands: dict[tuple[int, int], set[str]]) -> dict[tuple[int, int], set[str]]:
        out: dict[tuple[int, int], set[str]] = {}
        toks = self.toks
        for (s, e), sig in cands.items():
            parts: list[tuple[int, int]] = []
            k = s
            for t in toks[s:e]:
                if t.tag == "POS" or t.text in {"’s", "'s"}:
                    if k < t.i:
                        parts.append((k, t.i))
                    k = t.i + 1
            if k < e:
                parts.append((k, e))
            for p in parts:
                name = _clean_name(self._text(p[0], p[1]))
                ner_only = "ner" in sig and "pattern" not in sig
                if ner_only and not self.gaz.has_name(name) and (p[1] - p[0]) > 1:
                    # an NER span unknown as a whole: keep known sub-spans instead
                    sub = [
                        (a, b)
                        for a, b in cands
                        if p[0] <= a and b <= p[1] and (a, b) != p and "gazetteer" in cands[(a, b)]
                    ]
                    # "the Gulf of Aden", "the Strait of Hormuz": what comes before "of"
                    # says what kind of place the name after it is
                    last_of = max(
                        (i for i in range(p[0], p[1]) if self.lower[i] == "of"), default=-1
                    )
                    sub = [(a, b) for a, b in sub if a > last_of]
                    covered = {i for a, b in sub for i in range(a, b)}
                    loose = [
                        i
                        for i in range(max(p[0], last_of + 1), p[1])
                        if i not in covered
                        and self.cap[i]
                        and self.lower[i] not in _NAME_TAIL_WORDS
                    ]
                    if sub and not loose:
                        for a, b in sub:
                            out.setdefault((a, b), set()).update(cands[(a, b)] | {"ner"})
                        continue
                out.setdefault(p, set()).update(sig)
        return out

    def _attributive(self, e: int) -> bool:
        """The word after token ``e - 1`` is a lower-case noun other than an admin word."""
        if e >= self.n:
            return False
        word = self.toks[e].text
        return word.isalpha() and word.islower() and word not in ADMIN1_NOUNS

    def _qualifies(self, e: int) -> bool:
        """The name ending at token ``e - 1`` qualifies the lower-case word after it, its
        head ("near the X plant"; not "in X today")."""
        return self._attributive(e) and self.toks[e - 1].head == e

    def _noun_after(self, e: int) -> bool:
        """Token ``e`` is a lower-case noun (the name before it qualifies it)."""
        return e < self.n and self.toks[e].pos == "NOUN" and self.toks[e].text.islower()

    def _mention(
        self, s: int, e: int, signals: set[str], pattern_hint: str | None
    ) -> PlaceMention | None:
        n, lower, toks = self.n, self.lower, self.toks
        span_text = self._text(s, e)
        name = _clean_name(span_text)
        if not name or not name[0].isalpha():
            return None
        start_char = toks[s].start
        if span_text.startswith(("the ", "The ")):
            start_char += 4
        end_char = start_char + len(name)
        if self.skip.holds(start_char, end_char):
            return None
        if self._not_a_place(s, e, name, (start_char, end_char), signals):
            return None
        town = self._town_of_part(s, e)  # "X District of Y": a part of the town Y
        level_hint = "part" if town is not None else pattern_hint
        # "X region", "X border region", "X oblast"
        k = e
        if k < n and lower[k] == "border":
            k += 1
        # ("X state": "Borno state", not "X State University")
        state = k < n and lower[k] == "state" and not (k + 1 < n and self.cap[k + 1])
        if k < n and (lower[k] in ADMIN1_NOUNS or state):
            level_hint = "admin1"
            end_char = toks[k].end
        elif listed_division(lower, self.cap, k):  # "the X and Y regions": both
            level_hint = "admin1"
        elif k < n and lower[k] in _DISTRICT_NOUNS and level_hint is None:
            level_hint = "admin2"  # "in the southern X district": the district, not its town
        text = self.article.text[start_char:end_char]
        parent = town or self._parent(s, e, street=pattern_hint == "street")
        if parent is None and pattern_hint == "street":
            parent = street_list_town(self, e)
        sent = self.v.sentence_of(s)
        role = assign_role(
            toks, s, e, start_char, end_char, self.credits, capital=self._is_capital(name)
        )
        if role == "metonymic" and (
            is_dateline(self.article.text, start_char, end_char)
            or is_label(self.article.text, start_char, end_char)
        ):
            role = "literal"  # "TBILISI, Georgia (Wire) —", "Kyiv: ...": a place
        if name.lower() in GOVERNMENT_SEATS:
            role = "metonymic" if role == "literal" else role  # credits stay credits
            name, parent = seat_city(self, name)
        return PlaceMention(
            article_id=self.article.id,
            start=start_char,
            end=end_char,
            text=text,
            name=name,
            sentence_start=sent.start,
            sentence_end=sent.end,
            role=role,
            level_hint=level_hint,
            parent=parent,
            signals=tuple(sorted(signals)),
            feature=text if pattern_hint == "street" else self._water_of(s, name),
        )

    def _water_of(self, s: int, name: str) -> str | None:
        """ "the Gulf of X" (X at token ``s``) when X is a town the waters are near: the
        waters' name (a feature of the town, see :data:`WATER_NEAR_TOWN`)."""
        if s < 2 or self.lower[s - 1] != "of" or self.lower[s - 2] not in WATER_NEAR_TOWN:
            return None
        levels = {en.level for en in self.gaz.lookup(name, limit=10)}
        if not levels & TOWN_LEVELS or "country" in levels:
            return None  # ("the Gulf of Guinea": not the country's)
        return f"{self.toks[s - 2].text} of {name}"

    def _not_a_place(
        self, s: int, e: int, name: str, chars: tuple[int, int], signals: set[str]
    ) -> bool:
        """Whether the name at tokens ``s:e`` (characters ``chars``) is no place mention."""
        start_char, end_char = chars
        n, lower, cap = self.n, self.lower, self.cap
        label = self.ent_label.get(s, "")
        known = self.gaz.has_name(name)
        pop = self.gaz.max_population(name) if known else 0
        if self.looks_like_person(s, e, name) or name.lower() in _NEVER_PLACES:
            return True
        water = names_water(lower, s, e)
        if water == "end" or (water == "of" and self._water_of(s, name) is None):
            return True  # "the Red Sea", "the Sea of Azov": water, no place of that name
        if self.river(s, e, name):
            return True  # "push across the Donets", "along the Dnipro": a river
        if s > 0 and lower[s - 1] == "the" and name in self.vessels:
            return True  # "the Minsk" after "the landing ship Minsk": the ship
        # "Wad" of "Wad al-Noura", "Ain" of "Ras al-Ain": a part of a longer name
        if ARABIC_CONTINUATION.match(self.article.text, end_char) or ARABIC_LEAD.search(
            self.article.text, max(0, start_char - 40), start_char
        ):
            return True
        if name.lower() in GENERIC_NOUNS and not (s > 0 and lower[s - 1] in _LOCATIVE_PREPS):
            return True  # "Airport on fire", "Tank firing at ...": the thing, not a town
        # part of a longer non-place name: "Budapest Memorandum", "Truth Social" (a site
        # the town names is the town's: "X Airport")
        if e < n and cap[e] and lower[e] in NAME_CONTINUATIONS and site_end(self.lower, e) is None:
            return True
        # ... and the tail of one: "Road" of "Blackwater Road", "Way" of "Colton Way"
        tail = s > 0 and not self.v.is_start[s] and cap[s - 1]
        if tail and lower[s] in NAME_CONTINUATIONS:
            return True
        if demonym_target(name) is not None and (pop < 100_000 or self._attributive(e)):
            # demonyms ("Ukrainian", "Iranian-made") are handled apart, and so is one that
            # also names a large division when it qualifies a noun ("Somali troops", not
            # Ethiopia's Somali Region)
            return True
        # a group's name ("Sunni areas"), unless it stands where a place does ("near Kidal
        # in northern Mali": the tagger reads some towns as groups)
        located = s > 0 and lower[s - 1] in _LOCATIVE_PREPS
        if label == "NORP" and pop < 100_000 and not (located and not self._noun_after(e)):
            return True
        if "ner" in signals:
            # a name the gazetteer lacks stays when the text locates it ("X near Y")
            return not known and "pattern" not in signals and not self._located(e)
        if "pattern" in signals:
            return False
        # gazetteer-only: the NER saw nothing or mislabelled it
        return not self._accept_gazetteer_only(s, e, label, pop, name)

    def _placed_apart(self, s: int, e: int, name: str) -> bool:
        """Whether the text sets the name at tokens ``s:e`` apart as a place: a dateline, a
        report's label, or located against another place."""
        text, start, end = self.article.text, self.toks[s].start, self.toks[e - 1].end
        if is_dateline(text, start, end):
            return True  # "SANTIAGO — Trade ministers met ..."
        if not self.own_name(name):
            return False
        # "Malakal: four killed ...": a report's place label; "X east of Y: ...": a name the
        # text locates against another place
        return is_label(text, start, end) or (not self.v.stop[s] and self._located(e))

    def river(self, s: int, e: int, name: str) -> bool:
        """Whether "across the X", "along the X", "the X bank" name a river X (no country,
        no other noun after it: "along the Gaza border" is a border)."""
        lower = self.lower
        bank = s >= 1 and lower[s - 1] == "the" and e < self.n and lower[e] in _BANKS
        if not bank and (
            s < 2 or lower[s - 1] != "the" or lower[s - 2] not in _ACROSS or self._noun_after(e)
        ):
            return False
        return not any(en.level == "country" for en in self.gaz.lookup(name, limit=10))

    def _accept_gazetteer_only(self, s: int, e: int, label: str, pop: int, name: str) -> bool:
        first = self.toks[s]
        if self._placed_apart(s, e, name):
            return True
        if self.v.stop[s] or (
            len(first.text) > 1 and first.text.isupper() and label not in PLACE_LABELS
        ):
            return False  # "We", "As", shouting ("AND"), acronyms ("BA" cabin crew)
        if in_route(self.toks, s, e):
            return True  # "the A-B road": two places a road joins, whatever NER says
        ent = self.ent_of.get(s)
        glued = ent is not None and ent[0] == s - 2 and self._glued_article(s)
        if ent is not None and (ent[0] < s or ent[1] > e) and not (glued and ent[1] == e):
            return False  # part of a longer name the model found ("Downing Street")
        if label in _NOT_PLACE_LABELS:
            return False
        if first.pos != "PROPN" and not label and (self.v.is_start[s] or first.pos in _COMMON_POS):
            # capitalised common word (sentence start, headline): needs a strong prior
            return pop >= 1_000_000 and first.pos != "VERB"
        if e < self.n and self.lower[e] in ADMIN1_NOUNS:
            return True
        if s >= 2 and self.lower[s - 1] == "of" and self.lower[s - 2] in SETTLEMENT_NOUNS:
            return True
        if site_end(self.lower, e) is not None and not (
            self.named_otherwise(name) and not self.placed_by_preposition(s)
        ):
            # "the X refugee camp", "X air base": a site the town X names (not a group's
            # camp: a name the text reads as a group's needs "in" or "near" before it)
            return True
        entries = self.gaz.lookup(name, limit=20)
        if any(en.level in {"country", "admin1"} for en in entries):
            return True
        # an alternate-name-only match ("Volodymyr" for Volodymyr-Volynskyi, "Eta" for Etah)
        # needs a big place, or a preposition placing it ("near Khan Younis")
        keys = {_fold(name)}
        if self._glued_article(s):  # "as-Suwayda": the name with its article
            keys |= {_fold(f"{self.toks[s - 2].text}{sep}{name}") for sep in ("-", " ")}
        primary = any(keys & {_fold(en.name), _fold(en.latin_name)} for en in entries)
        placed = self.placed_by_preposition(s)
        if not primary and (pop < 500_000 or label == "PERSON") and not placed:
            return False  # ("under Stalin": a person, though once a city's name)
        # (a town of some size right after "in", "near": "In X, in the north, ...", though
        # the model reads X as a person; not "near the X plant")
        town = pop >= PLACED_TOWN and placed and not self._qualifies(e)
        # (a small place the article has already placed: "the village of X ... X lies on
        # the coast")
        return pop >= 15_000 or label in PLACE_LABELS or town or _fold(name) in self.placed_names

    def clean_text(self, s: int, e: int) -> str:
        """The name tokens ``s:e`` spell, cleaned as a mention's name."""
        return _clean_name(self._text(s, e))

    def own_name(self, name: str) -> bool:
        """Whether ``name`` is a settlement's own name (or another name of one in the
        run's theatre: "Verkhnia Syrovatka" for Verkhnya Syrovatka)."""
        key = _fold(name)
        return any(
            en.level in TOWN_LEVELS
            and (key in {_fold(en.name), _fold(en.latin_name)} or en.country_code in self.theatre)
            for en in self.gaz.lookup(name, limit=20)
        )

    def _located(self, e: int) -> bool:
        """Whether the text locates the name ending at token ``e`` against a place named
        next to it ("X near Y", "X, west of Y"; a division alone, "X, Y Oblast", is too
        coarse to place a name it does not know), or against a town named otherwise ("X,
        north of the city")."""
        text, end = self.article.text, self.toks[e - 1].end
        return relation_after(text, end) is not None or relation_to_a_town(text, end)

    def _glued_article(self, s: int) -> bool:
        """Whether an Arabic article is glued to the name at ``s`` ("al-Kiswah")."""
        return (
            s >= 2
            and self.lower[s - 1] == "-"
            and self.toks[s - 2].text in ARABIC_ARTICLES  # lower case: "Al-Ahram" is a name
        )

    def placed_by_preposition(self, s: int) -> bool:
        """ "in X", "near (the) X", "the mayor of X", "residents of X" (not "dozens of X");
        "near al-X" too (an Arabic article glued to the name)."""
        k = s - 1
        if self._glued_article(s):
            k -= 2
        if k > 0 and self.lower[k] in COMPASS_WORDS:
            k -= 1  # "in central X", "in northern X"
        if k > 0 and self.lower[k] in _DETERMINERS:
            k -= 1
        prev = self.lower[k] if k >= 0 else ""
        if prev in _LOCATIVE_PREPS:
            return True
        return prev == "of" and k >= 1 and self.lower[k - 1] in OF_PLACE_HEADS

    def _is_capital(self, name: str) -> bool:
        return any(
            en.feature_code == "PPLC" or en.level == "country"
            for en in self.gaz.lookup(name, limit=10)
        )

    def _parent(self, s: int, e: int, *, street: bool = False) -> str | None:
        """Enclosing place named next to the mention (:func:`~geomap.places.parents.parent_of`)."""
        return parent_of(self, s, e, street=street)

    def _town_of_part(self, s: int, e: int) -> str | None:
        """The town Y of "X District of Y" (X: tokens ``s:e``), if the gazetteer has it.

        A part is smaller than its town: in "the Cincinnati suburb of West Chester" the
        suburb is the second name.
        """
        n, lower = self.n, self.lower
        if e + 2 >= n or lower[e] not in TOWN_PART_NOUNS or lower[e + 1] != "of":
            return None
        j = self._cap_end(e + 2)
        if j < n and lower[j] in ADMIN1_NOUNS:
            return None  # "X district of Y oblast": a district of the division, no town's
        cand = self._text(e + 2, j) if j > e + 2 else ""
        found = self.gaz.lookup(cand, limit=10) if cand else []
        if not any(en.level in TOWN_LEVELS for en in found):
            return None
        part = _clean_name(self._text(s, e))
        return cand if self.gaz.max_population(cand) > self.gaz.max_population(part) else None
