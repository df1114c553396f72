"""Stage 4 helper (events): code the events of one parsed, geocoded article.

:class:`ArticleCoder` implements the rules described in :mod:`geomap.events`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from geomap.events.actors import (
    CIVILIAN_NOUNS,
    country_name,
    demonym_country,
    parse_number,
)
from geomap.events.anaphora import Deferred, refers_back, take_deferred
from geomap.events.anaphora import antecedent as antecedent_of
from geomap.events.dates import DatePhrase, find_date_phrases
from geomap.events.headline import (
    headline_modality,
    is_headline,
    lend_weapons,
    name_like,
    screen_hits,
    sentence_casualties,
)
from geomap.events.inventory import STATE_FORCES, armed_group_in
from geomap.events.location import (
    NEAR_NOUNS,
    consistent_places,
    coordinated_places,
    drop_locators,
    drop_nationalities,
    is_event_path,
    quoted_apart,
    under_reaction,
)
from geomap.events.merge import (
    contains,
    fold_covered,
    max_known,
    merge_retold,
    merge_same_id,
    territory_subtype,
)
from geomap.events.news_coding import NewsTree
from geomap.events.news_rules import ATTACK_VERB
from geomap.events.record import event_record
from geomap.events.rules import (
    GENERIC_ATTACK,
    TERRITORY,
    VICTIM_RULES,
    Rule,
    TriggerHit,
    match_triggers,
)
from geomap.places.lexicon import GOVERNMENT_SEATS
from geomap.types import (
    Event,
    GazetteerEntry,
    ParsedArticle,
    PlaceMention,
    ResolvedPlace,
    Sentence,
    Token,
)

__all__ = ["ArticleCoder"]

#: How close (tree distance) a place must hang on "the attack" to place a deferred event.
_CLOSE = 3
#: Nouns of "the village of X": a settlement word the parser puts between X and its verb.
_SETTLEMENT_NOUNS = frozenset(
    {"village", "town", "city", "settlement", "hamlet", "district", "region", "province"}
)
#: Triggers this strong (or a stated toll) wait for a place (weaker ones, "attack" as a
#: verb or a bare "the attack", do not).
_DEFER_PRIORITY = 55
#: Prepositions that locate a diplomatic event ("talks *in* Istanbul").
_DIPLOMACY_PREPS = frozenset({"in", "at"})
#: Prepositions that put an event *near* a place (geo_precision 2).
_NEAR_PREPS = frozenset({"near", "outside", "around", "outskirts", "towards", "toward"})
#: How a toll's clause hangs on the strike's to tell the same event: "drones hit X and
#: killed two" (conj), "Shelling of X: two wounded" (parataxis).
_JOINED = frozenset({"conj", "parataxis"})
#: Subjects that stand for whoever says the sentence ("Russia said it struck ...").
_SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
#: Prepositions that make an event an aggregate over a whole area.
_AGGREGATE_PREPS = frozenset({"across", "throughout"})
#: What "throughout" spans when it tells a time, not an area.
_TIME_NOUNS = frozenset(
    {"night", "day", "morning", "afternoon", "evening", "weekend", "week", "month", "year",
     "overnight", "hour"}
)  # fmt: skip
#: Nouns a demonym can make a country-level target ("nine *Ukrainian* regions").
_TARGET_NOUNS = frozenset(
    {
        "region",
        "city",
        "town",
        "village",
        "territory",
        "area",
        "oblast",
        "province",
        "infrastructure",
        "position",
        "target",
        "facility",
        "border",
    }
)
_VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class _Place:
    resolved: ResolvedPlace
    head: int
    prep: str = ""
    hit: int = -1
    dist: int = 99

    @property
    def entry(self) -> GazetteerEntry:
        assert self.resolved.entry is not None
        return self.resolved.entry

    @property
    def mention(self) -> PlaceMention:
        return self.resolved.mention


@dataclass(slots=True)
class _Draft:
    """An event before it becomes a frozen :class:`Event` (article-level merging)."""

    event: Event
    entry: GazetteerEntry | None
    sentence: int
    family: str
    #: A part of the entry's town placed in the town (see :func:`merge_same_id`).
    part: bool = False


# --------------------------------------------------------------------------- per article


class ArticleCoder(NewsTree):
    """Codes the events of one parsed article."""

    def __init__(
        self,
        pa: ParsedArticle,
        by_key: dict[tuple[str, int, int], ResolvedPlace],
    ) -> None:
        self.pa = pa
        self.article = pa.article
        self.text = pa.article.text
        self.pub = pa.article.published
        self.resolved = [
            by_key[k] for m in pa.mentions if (k := (m.article_id, m.start, m.end)) in by_key
        ]
        super().__init__({t.i: t for s in pa.sentences for t in s.tokens})
        self.drafts: list[_Draft] = []
        self.deferred: list[Deferred] = []  # violent events told without a place, so far
        self.sentence_dates: dict[int, DatePhrase | None] = {}
        self.filed: dict[int, int] = {}
        self._headline = False  # the sentence being coded is headline-style text

    # ---------------------------------------------------------------- main loop

    def run(self) -> list[Event]:
        sentences = self.pa.sentences
        for si, sent in enumerate(sentences):
            if self._skipped(sent):
                continue
            self._sentence_tokens = sent.tokens
            headline = self._headline = is_headline(
                sent.tokens, text_length=len(self.text.strip()), n_sentences=len(sentences)
            )
            raw = match_triggers(sent.tokens, headline=headline)
            hits = screen_hits(self, raw, headline=headline)
            if not hits:
                if headline:  # "Strikes on X. Possibly by Grad MLRS."
                    lend_weapons(self, raw, self.drafts, si)
                continue  # dates are read where events are, and in the sentence before
            prev = sentences[si - 1] if si > 0 else None
            phrases = self._phrases(sent.start, sent.end)
            self.sentence_dates[si] = self._own_date(phrases)
            inherited = None
            if not phrases and prev is not None and self._same_paragraph(prev, sent):
                inherited = self._date_of(si - 1)
            self._code_sentence(si, sent.start, sent.end, hits, phrases, inherited)
        self._refine_past_dates(self.pub)
        self.drafts = merge_retold(merge_same_id(fold_covered(self.drafts)))
        return [d.event for d in self.drafts]

    def _skipped(self, sent: Sentence) -> bool:
        return any(s <= sent.start and sent.end <= e for s, e in self.article.skip_spans)

    @staticmethod
    def _own_date(phrases: list[DatePhrase]) -> DatePhrase | None:
        """The date a sentence passes on to the next (its own only: no chains)."""
        return next((p for p in phrases if p.kind == "point" and not p.planned), None)

    def _date_of(self, si: int) -> DatePhrase | None:
        """Sentence ``si``'s own date, read once (None in a skipped sentence)."""
        if si not in self.sentence_dates:
            sent = self.pa.sentences[si]
            own = None
            if not self._skipped(sent):
                own = self._own_date(self._phrases(sent.start, sent.end))
            self.sentence_dates[si] = own
        return self.sentence_dates[si]

    def _same_paragraph(self, prev: Sentence, sent: Sentence) -> bool:
        prev_words = [t for t in prev.tokens if t.text.strip() and t.pos != "PUNCT"]
        cur_words = [t for t in sent.tokens if t.text.strip() and t.pos != "PUNCT"]
        if not prev_words or not cur_words:
            return False
        return "\n" not in self.text[prev_words[-1].end : cur_words[0].start]

    def _phrases(self, start: int, end: int, *, future: bool = False) -> list[DatePhrase]:
        # no caller passes future=True, _date re-reads planned phrases itself (mutation
        # testing: mutants of the future argument are equivalent)
        found = find_date_phrases(self.text[start:end], self.pub, future=future)
        return [replace(p, start=p.start + start, end=p.end + start) for p in found]

    # ---------------------------------------------------------------- places

    def _places_in(self, start: int, end: int) -> list[_Place]:
        out = []
        for r in self.resolved:
            m = r.mention
            # (an unresolved place has no entry)
            if not (start <= m.start < end) or m.role != "literal" or r.entry is None:
                continue
            head = self._head_of_span(m.start, m.end)
            # a place name is a noun ("As", "We", "AND" are upstream misreadings)
            if head is not None and (
                self.tok[head].pos in {"PROPN", "NOUN"} or (self._headline and name_like(m.text))
            ):
                out.append(_Place(r, head))
        # a dateline's place is where the story was filed: the event's only when the
        # sentence names no other ("KYIV (AP) — Drones hit the capital overnight")
        filed = self._filed_end(start, end)
        told = [p for p in out if p.resolved.mention.start >= filed]
        return told or out

    def _link(self, place: _Place, hit: TriggerHit, family: str) -> tuple[int, str] | None:
        """Tree distance from a place to a trigger, with the governing preposition."""
        anc_p = self._ancestors(place.head)
        anc_h = self._ancestors(hit.token)
        clause = self._clause(hit.token)
        if hit.token in anc_p:
            path = anc_p[: anc_p.index(hit.token)]
            dist = len(path)
        elif clause in anc_p:
            if under_reaction(self, hit.token):
                return None  # "on a visit to X, the president condemned the bombing"
            path = anc_p[: anc_p.index(clause)]
            dist = len(path) + anc_h.index(clause)
        elif place.head in anc_h:  # trigger inside a modifier of the place ("town that X took")
            path = []
            dist = anc_h.index(place.head) + 3
        else:
            return None
        lo, hi = sorted((self.tok[place.head].start, hit.start))
        if "\n" in self.text[lo:hi]:
            return None  # another line: a headline or caption, not the same statement
        if quoted_apart(self.text, place.mention.start, place.mention.end, hit.start):
            return None  # someone's quoted words
        preps = [
            self.tok[k].lemma.lower()
            for k in path
            if self.tok[k].pos == "ADP" or self.tok[k].dep == "prep"
        ]
        territory = hit.rule.name.startswith(TERRITORY)
        if not is_event_path([self.tok[k] for k in path], territory=territory):
            return None  # a launch site, an origin, the place of a statement
        for k in path[1:]:
            tok = self.tok[k]
            if tok.pos == "VERB" and any(
                c.dep in {"nsubj", "nsubjpass"} for c in self._children(k)
            ):
                return None  # the place belongs to another clause ("what the Police said")
        prep = preps[0] if preps else ""
        if any(self.tok[k].lemma.lower() in NEAR_NOUNS for k in path):
            prep = "near"  # "on the outskirts of X", "in the vicinity of X"
        if family == "diplomacy":
            if prep and prep not in _DIPLOMACY_PREPS:
                return None
            direct = self.tok[place.head].dep in {"compound", "poss", "nmod", "npadvmod"}
            if not prep and not (dist == 1 and direct):
                return None
        return dist, prep

    # ---------------------------------------------------------------- one sentence

    def _code_sentence(
        self,
        si: int,
        start: int,
        end: int,
        hits: list[TriggerHit],
        phrases: list[DatePhrase],
        inherited: DatePhrase | None,
    ) -> None:
        status = {h.token: headline_modality(self, h, self._modality(h), self._headline)
                  for h in hits}  # fmt: skip
        for h in hits:
            if (
                self._is_plural_set(h) and not (self._headline and h.rule.family == "violence")
            ) or self._infinitive(h):
                status[h.token] = "skip"
        live = [h for h in hits if status[h.token] != "skip"]
        if not live:
            return
        places = self._places_in(start, end)
        for p in places:
            links = [(link, h) for h in live if (link := self._link(p, h, h.rule.family))]
            # a place goes to the nearest trigger, but a casualty word ("2 wounded") yields
            # it to the sentence's weapon or attack ("rocket hit near X, 2 wounded")
            strong = [(link, h) for link, h in links if h.rule.name not in VICTIM_RULES]
            for link, h in strong or links:
                if link[0] < p.dist:
                    p.dist, p.prep, p.hit = link[0], link[1], h.token
        # group live hits by (family, clause)
        groups: dict[tuple[str, int, int], list[TriggerHit]] = {}
        at = {(h.rule.family, h.token) for h in live}
        strikers = {self._clause(h.token) for h in live if h.rule.name not in VICTIM_RULES}
        for h in live:  # a headline parsed into the sentence under it is another statement
            # (mutation testing: the parser starts a sentence at every line break, see
            # places.geomap_blank_lines, so this guard's mutants are equivalent there)
            line = self.text.rfind("\n", start, h.start)
            tok = self.tok[h.token]
            # a participle telling more of another trigger is the same event ("a rally in X
            # dispersed by police": one protest, met with force)
            own = tok.head if tok.dep == "acl" and (h.rule.family, tok.head) in at else h.token
            clause = self._clause(own)
            # a toll told by the next verb is the same event ("drones hit X and killed two",
            # "Shelling of X: two wounded")
            ctok = self.tok[clause]
            if h.rule.name in VICTIM_RULES and ctok.dep in _JOINED and ctok.head in strikers:
                clause = ctok.head
            groups.setdefault((h.rule.family, clause, line), []).append(h)
        claimed = {p.head for p in places if p.hit >= 0}
        for (family, _clause, _line), group in groups.items():
            tokens_in = {h.token for h in group}
            mine = [p for p in places if p.hit in tokens_in]
            self._code_group(si, start, end, family, group, mine, places, claimed, phrases,
                             inherited, status)  # fmt: skip

    def _code_group(
        self,
        si: int,
        start: int,
        end: int,
        family: str,
        group: list[TriggerHit],
        mine: list[_Place],
        places: list[_Place],
        claimed: set[int],
        phrases: list[DatePhrase],
        inherited: DatePhrase | None,
        status: dict[int, str],
    ) -> None:
        main = max(group, key=lambda h: (h.rule.priority, -h.start))
        rule: Rule = main.rule
        antecedent: _Draft | None = None
        if rule.name == GENERIC_ATTACK or (family == "violence" and refers_back(self, main)):
            found = {p.entry.country_code for p in mine}
            antecedent = antecedent_of(self.drafts, si, found) if refers_back(self, main) else None
            if antecedent is not None and self._claimed(main):
                self._credit_claim(antecedent, start, end)
            close = [p for p in mine if self._named_dist(p) <= _CLOSE]
            if antecedent is None and close and self._recode_deferred(si, close):
                return  # "the attack in X" places the event the article told without a place
            if (
                antecedent is None
                and rule.name == GENERIC_ATTACK
                and not self._claimed(main)
                and not self._lethal(main)
            ):
                return
        if any(p.prep in _AGGREGATE_PREPS for p in mine) or self._aggregate(group):
            return
        if not mine and family == "violence":
            mine = coordinated_places(self, {h.token for h in group}, places)
        if not mine and family == "violence":
            line_s, line_e = self._quote(start, end, main)
            free = [
                p
                for p in places
                if p.head not in claimed
                and line_s <= p.mention.start < line_e
                and self._free_place_ok(p, main)
            ]
            if free:
                best = min(free, key=lambda p: self._tree_dist(p.head, main.token))
                best.dist, best.hit = self._tree_dist(best.head, main.token), main.token
                mine = [best]
        if antecedent is not None and antecedent.event.location_level != "country":
            # "the attack" happened where its antecedent did (a country alone it may refine)
            mine = [p for p in mine if p.entry.country_code == antecedent.event.country_code]
        mine, near = consistent_places(
            self._drop_descriptors(drop_nationalities(self, mine)),
            self.text,
            one_country=family != "diplomacy",
        )
        for i in near:
            mine[i].prep = mine[i].prep if mine[i].prep in _NEAR_PREPS else "near"
        mine = _most_specific(drop_locators(self, mine))
        fatalities, injured, victims = sentence_casualties(self._sentence_tokens)
        quantity, weapons = self._weapons(group)
        country_only: GazetteerEntry | None = None
        demonym_cc = ""
        if not mine:
            if family != "violence":
                return
            demonym_cc = self._demonym_target(group)
            if not demonym_cc:
                if antecedent is None and self._toll_of_previous(si, group, fatalities, injured):
                    return
                if antecedent is None and (rule.priority >= _DEFER_PRIORITY or fatalities):
                    # a clear event told without a place may get one in a later sentence
                    self.deferred.append(Deferred(si, start, end, group, phrases, inherited,
                                                  status, self._sentence_tokens))  # fmt: skip
                return
            country_only = self._country_entry(demonym_cc)
        if (
            family == "violence"
            and (not mine or all(p.entry.level == "country" for p in mine))
            and quantity is None
            and fatalities is None
            and injured is None
            and antecedent is None
            and not self._vague_quantity(group)
        ):
            return
        planned = any(status[h.token] == "planned" for h in group)
        date, precision, explicit, date_status = self._date(main, group, phrases, inherited,
                                                            planned=planned)  # fmt: skip
        if date_status == "skip":
            return
        if date_status == "planned":
            planned = True
        etype, sub = rule.event_type, rule.sub_event_type
        # "a strike ... killed 22" is a strike; a bare lethal "attack" is typed as a claim
        lethal_strike = self._lethal(main) and self.tok[main.token].lemma.lower() == "strike"
        if antecedent is None and self._typed_by_claim(main) and not lethal_strike:
            etype, sub = self._claimed_type(si)
        actor1, actor2 = self._actors(main, group)
        actor1, actor2 = self._group_actors(main, group, actor1, actor2)
        if antecedent is not None:
            # (mutation testing: merge_retold folds this draft into its antecedent and fills
            # the same fields, so mutants of this inheritance mostly survive; they show only
            # where the two stay apart, as with another place or day)
            a = antecedent.event
            if rule.name == GENERIC_ATTACK:  # "the assassination" keeps its own type
                etype, sub = a.event_type, a.sub_event_type
            weapons = weapons or a.weapons
            actor1 = actor1 or a.actor1
            if not explicit:
                date, precision = a.event_date, a.time_precision
        civilians = any(v.lemma.lower() in CIVILIAN_NOUNS for v in victims)
        civilians = civilians or (family == "violence" and self._civilian_target(group))
        if civilians and rule.name == ATTACK_VERB:  # "gunmen attacked worshippers"
            etype, sub = "Violence against civilians", "Attack"
        elif etype == "Violence against civilians" and self._armed_target(group, victims):
            etype, sub = "Battles", "Armed clash"  # "gunmen fired on an army checkpoint"
        q_start, q_end = self._quote(start, end, main)
        targets: list[tuple[GazetteerEntry, _Place | None]] = [(p.entry, p) for p in mine]
        if country_only is not None:
            targets = [(country_only, None)]
        elif not targets:
            return
        for entry, place in targets:
            cc = entry.country_code or demonym_cc
            sub_here = sub
            a1, a2 = actor1, actor2
            if rule.name.startswith(TERRITORY):
                sub_here, a1 = territory_subtype(a1, a2, cc)
            if civilians and not a2:
                a2 = f"Civilians ({country_name(cc)})"
            if etype in _VIOLENT_TYPES and fatalities is None:
                fat: int | None = 0
            else:
                fat = fatalities
            ev = event_record(
                self.article,
                entry=entry,
                precision_of_place=None if place is None else place.resolved.geo_precision,
                relative=place is not None and place.resolved.method == "relative",
                place_name="" if place is None else place.mention.name,
                near=place is not None and place.prep in _NEAR_PREPS,
                cc=cc,
                etype=etype,
                sub=sub_here,
                rule=rule,
                date=date,
                precision=precision,
                explicit=explicit,
                planned=planned,
                q=(q_start, q_end),
                actors=(a1, a2),
                civilians=civilians,
                casualty=(fat, injured),
                weapons=weapons,
                quantity=quantity,
                antecedent=antecedent is not None,
            )
            # a relative place with no anchor or parent is a part of its entry's town
            part = (
                place is not None
                and place.resolved.method == "relative"
                and not (place.mention.anchor or place.mention.parent)
            )
            self.drafts.append(_Draft(ev, entry, si, family, part))

    # ---------------------------------------------------------------- pieces

    def _aggregate(self, group: list[TriggerHit]) -> bool:
        """ "killed three people *across* Ukraine": a sum over many places, not one event."""
        anchors = {h.token for h in group} | {self._clause(h.token) for h in group}
        for t in self._sentence_tokens:
            if t.lemma.lower() in _AGGREGATE_PREPS and set(self._ancestors(t.i)) & anchors:
                # "throughout the night", "across the weekend": a time span, not an area
                objects = [c for c in self._children(t.i) if c.dep == "pobj"]
                if not any(o.lemma.lower() in _TIME_NOUNS for o in objects):
                    return True
        return False

    def _is_plural_set(self, hit: TriggerHit) -> bool:
        """A trigger naming several events ("both talks", "two rounds of talks")."""
        tok = self.tok[hit.token]
        nouns = [tok]
        if tok.dep == "pobj" and tok.head in self.tok:
            of = self.tok[tok.head]
            if of.lemma.lower() == "of" and of.head in self.tok:
                nouns.append(self.tok[of.head])
        for noun in nouns:
            if noun.lemma.lower() in {"round", "series", "wave"} and noun is not tok:
                return True
            for c in self._children(noun.i):
                low = c.text.lower()
                if low in {"both", "all", "several", "many", "multiple", "numerous"}:
                    return True
                n = parse_number(c.text) if c.dep == "nummod" else None
                if n is not None and n > 1 and not hit.rule.weapon:
                    return True
        return False

    def _named_dist(self, place: _Place) -> int:
        """Tree distance to the place's trigger, "the village of X" counted as "X"."""
        tok = self.tok[place.head]
        of = self.tok.get(tok.head)
        if tok.dep == "pobj" and of is not None and of.lemma.lower() == "of":
            noun = self.tok.get(of.head)
            if noun is not None and noun.i != of.i and noun.lemma.lower() in _SETTLEMENT_NOUNS:
                return place.dist - 2
        return place.dist

    def _credit_claim(self, draft: _Draft, start: int, end: int) -> None:
        """ "X claimed responsibility for the attack": the armed group X carried it out."""
        group = armed_group_in(self.text[start:end])
        ev = draft.event
        if group and ev.actor1 != group:
            # in a battle the side told first is the other ("troops clashed with X" + X's claim)
            second = ev.actor2 if ev.actor2 != group else ev.actor1
            if not second and ev.event_type == "Battles":
                second = ev.actor1
            draft.event = replace(ev, actor1=group, actor2=second)

    def _recode_deferred(self, si: int, places: list[_Place]) -> bool:
        """Code the placeless event this sentence refers to at its places (see anaphora)."""
        d = take_deferred(self.deferred, si)
        if d is None:
            return False
        saved = self._sentence_tokens
        self._sentence_tokens = d.tokens
        # ``places`` is never empty here, and _code_group reads the sentence's places and
        # the claimed ones only to find a place for a group that has none (mutation testing:
        # passing None for either is equivalent)
        try:
            self._code_group(d.si, d.start, d.end, "violence", d.group, places, places, set(),
                             d.phrases, d.inherited, d.status)  # fmt: skip
        finally:
            self._sentence_tokens = saved
        return True

    def _weapons(self, group: list[TriggerHit]) -> tuple[int | None, str]:
        names: list[str] = []
        quantity: int | None = None
        for h in sorted(group, key=lambda h: -h.rule.priority):
            if h.rule.weapon and h.rule.weapon not in names:
                names.append(h.rule.weapon)
            tok = self.tok[h.token]
            nouns = [tok]
            if tok.dep in {"compound", "amod"} and tok.head in self.tok:
                nouns.append(self.tok[tok.head])
            for noun in nouns:
                for c in self._children(noun.i):
                    if c.dep == "nummod" and quantity is None and h.rule.weapon:
                        quantity = parse_number(c.text)
        # a more specific weapon name replaces the generic one ("Shahed drone" > "drone")
        names = [n for n in names if not any(o != n and o.endswith(n) for o in names)]
        return quantity, ", ".join(names)

    def _demonym_target(self, group: list[TriggerHit]) -> str:
        """Country of "... on nine *Ukrainian* regions" under the group's triggers."""
        tokens_in = {h.token for h in group}
        clauses = {self._clause(h.token) for h in group}
        for t in self._sentence_tokens:
            if t.lemma.lower() not in _TARGET_NOUNS or t.dep not in {"pobj", "dobj"}:
                continue
            anc = self._ancestors(t.i)
            if not (tokens_in | clauses) & set(anc):
                continue
            for c in self._children(t.i):
                cc = demonym_country(c.text) if c.dep in {"amod", "compound"} else ""
                if cc:
                    return cc
        return ""

    def _country_entry(self, cc: str) -> GazetteerEntry | None:
        for r in self.resolved:
            e = r.entry
            if e is not None and e.level == "country" and e.country_code == cc:
                return e
        return GazetteerEntry(
            geonameid=0, name=country_name(cc), latin_name=country_name(cc), lat=math.nan,
            lon=math.nan, feature_class="A", feature_code="PCLI", country_code=cc,
            admin1_code="", admin1_name="", population=0, source="country", level="country",
        )  # fmt: skip

    def _nation_of(self, tok: Token, *, subject: bool = False) -> str:
        """Country code a token names (demonym, country, capital, seat of government)."""
        if self._datelined(tok):
            return ""  # "NAIROBI, June 2 (AP) — ...": where the story was filed
        cc = demonym_country(tok.text)
        if cc:
            return cc
        for r in self.resolved:
            m = r.mention
            if m.start <= tok.start < m.end and r.entry is not None:
                roles = {"metonymic", "demonym", "literal"} if subject else {"metonymic", "demonym"}
                if m.role in roles and r.entry.level in {
                    "country",
                    "city",
                    "admin1",
                }:
                    return r.entry.country_code
        # seats of government used as actors ("the Kremlin said"), a state's forces by
        # their initials ("the IDF said") (mutation testing: a None default for the seats
        # is equivalent, `or` reads it as "")
        return GOVERNMENT_SEATS.get(tok.text.lower(), "") or STATE_FORCES.get(tok.text, "")

    def _nation_near(self, i: int) -> str:
        """Nation of token ``i`` itself or of its modifiers ("Russian troops", "Russia's army")."""
        tok = self.tok[i]
        cc = self._nation_of(tok, subject=tok.dep in {"nsubj", "nsubjpass", "agent"})
        if cc:
            return cc
        for c in self._children(i):
            if c.dep in {"amod", "compound", "poss", "nmod"}:
                cc = self._nation_of(c, subject=c.dep == "poss")
                if cc:
                    return cc
        return ""

    def _toll_of_previous(
        self, si: int, group: list[TriggerHit], fatalities: int | None, injured: int | None
    ) -> bool:
        """Give a placeless toll to the event the sentence before coded, if any.

        "Russian missiles struck X. Two people were killed and five wounded.": a sentence
        telling only victims, with no place of its own, counts the event just told.
        (Mutation testing: returning True for a toll without numbers is equivalent, such a
        group is never deferred; returning True for other groups, or False after counting,
        differs only when a later sentence places a deferred event, and survives.)
        """
        if fatalities is None and injured is None:
            return False
        if any(h.rule.name not in VICTIM_RULES for h in group):
            return False
        before = [
            d
            for d in self.drafts
            if d.sentence == si - 1 and d.family == "violence" and d.event.status != "planned"
        ]
        if not before:
            return False
        d = before[-1]
        d.event = replace(
            d.event,
            fatalities=max_known([d.event.fatalities, fatalities]),
            injured=max_known([d.event.injured, injured]),
        )
        return True

    def _actors(self, main: TriggerHit, group: list[TriggerHit]) -> tuple[str, str]:
        # (mutation testing: a head is always among the article's tokens, and the extra
        # candidates an `or` there adds are verbs, which carry no nation; `subj = None` or
        # reading the clause's children twice changes nothing: equivalent)
        actor1 = actor2 = ""
        candidates: list[int] = []
        for h in group:
            candidates.append(h.token)
            tok = self.tok[h.token]
            if tok.dep in {"compound", "amod", "pobj"} and tok.head in self.tok:
                candidates.append(tok.head)
                up = self.tok[tok.head]
                if up.dep == "prep" and up.head in self.tok:  # "salvo of 20 drones"
                    candidates.append(up.head)
        clause = self._clause(main.token)
        subj = clause
        if self.tok[clause].dep == "conj" and not any(
            c.dep in {"nsubj", "nsubjpass"} for c in self._children(clause)
        ):
            subj = self.tok[clause].head  # "troops advanced ... and captured X": one subject
        for c in self._children(clause) + (self._children(subj) if subj != clause else []):
            if c.dep == "nsubj":
                candidates.extend(self._subject_of(c))
            if c.dep == "agent":  # "shelled by Russian forces"
                candidates.extend(g.i for g in self._children(c.i) if g.dep == "pobj")
        for i in candidates:
            cc = self._nation_near(i)
            if cc:
                actor1 = country_name(cc)
                break
        if not actor1 and (
            main.rule.name.startswith(TERRITORY)
            or any(
                c.dep == "nsubj" and c.lemma.lower() in _SPEAKER_PRONOUNS
                for c in self._children(clause)
            )
        ):
            # "Russia's defence ministry said troops took control ...", "the IDF said it
            # struck ...": who speaks acts
            head = self.tok[clause]
            if head.dep == "ccomp" and head.head in self.tok:
                for c in self._children(head.head):
                    if c.dep == "nsubj":
                        cc = self._nation_near(c.i)
                        if cc:
                            actor1 = country_name(cc)
        for c in self._children(clause):
            if c.dep == "dobj" and main.rule.name.startswith(TERRITORY):
                cc = self._nation_near(c.i)
                if cc and country_name(cc) != actor1:
                    actor2 = country_name(cc)
        return actor1, actor2

    def _date(
        self,
        main: TriggerHit,
        group: list[TriggerHit],
        phrases: list[DatePhrase],
        inherited: DatePhrase | None,
        *,
        planned: bool,
    ) -> tuple[dt.date | None, int, bool, str]:
        """Return (date, precision, explicit, status) for an event; status "skip" drops it."""
        # The caller reads status only as "skip" or "planned", event_record a precision only
        # with a date, and nothing of a skipped event (mutation testing: other spellings of
        # "occurred", the precision beside a None date and the values beside "skip" are
        # equivalent)
        if planned and phrases:
            # re-resolve weekdays and months forward in time
            s = min(p.start for p in phrases)
            # (mutation testing: reading on to the text's end is equivalent, a later
            # sentence's phrases govern no clause of this one)
            e = max(p.end for p in phrases)
            fut = find_date_phrases(self.text[s:e], self.pub, future=True)
            phrases = [replace(p, start=p.start + s, end=p.end + s) for p in fut]
        scored: list[tuple[int, int, DatePhrase]] = []
        governing = {a for h in group for a in self._ancestors(h.token)}
        for p in phrases:
            head = self._head_of_span(p.start, p.end)
            if head is None:
                continue
            if self._clause(head) not in governing:
                continue  # a date of another clause ("the town that X reclaimed this week")
            dist = min(self._tree_dist(head, h.token) for h in group)
            scored.append((dist, abs(p.start - main.start), p))
        scored.sort(key=lambda x: (x[0], x[1]))
        pub = self.pub
        if scored:
            best = scored[0][2]
            if best.kind == "background" and best.date is not None:
                return best.date, best.precision, True, "occurred"  # a past event: its date
            if best.kind in {"durative", "background"}:
                return None, 3, True, "skip"
            if best.kind == "shift":
                ref = next((p for _, _, p in scored if p.kind == "point" and p.date), None)
                base = ref.date if ref is not None and ref.date is not None else pub
                if base is None:
                    return None, 3, False, "occurred"
                return base + dt.timedelta(days=best.shift_days), 1, True, "occurred"
            return best.date, best.precision, True, "planned" if best.planned else "occurred"
        past = [p for p in phrases if p.kind == "background" and p.date is not None]
        if past and not any(p.kind == "point" for p in phrases):
            return past[0].date, past[0].precision, True, "occurred"  # "... a decade ago"
        if inherited is not None and not planned:
            return inherited.date, inherited.precision, True, "occurred"
        if pub is None:
            return None, 3, False, "occurred"
        return pub, self._default_precision(main), False, "occurred"

    def _default_precision(self, main: TriggerHit) -> int:
        """Undated events: 1 for a simple past, 2 for a present perfect, 3 for "has been -ing"."""
        clause = self._clause(main.token)
        head = self.tok[clause]
        # a passive "be" never heads a "-ing" form, and head is self.tok[clause], so a VBN is
        # no VBD (mutation testing: mutants of "auxpass" and of the VBD test are equivalent)
        aux = {c.lemma.lower() for c in self._children(clause) if c.dep in {"aux", "auxpass"}}
        if "have" in aux and "be" in aux and head.tag == "VBG":
            return 3
        if "have" in aux and head.tag == "VBN" and self.tok[clause].tag != "VBD":
            adv = {c.lemma.lower() for c in self._children(clause)}
            return 1 if "just" in adv else 2
        return 1

    def _quote(self, start: int, end: int, main: TriggerHit) -> tuple[int, int]:
        """The line of the sentence holding the trigger, trimmed."""
        # A newline found is at or after start (>= 0) and at or after main.end (> 0), and the
        # trigger stops both trimming loops (mutation testing: `s <= 0`, `s < 1`, `e <= 0`,
        # `e < 1`, `s <= e` and `e >= s` are equivalent)
        s = self.text.rfind("\n", start, main.start)
        s = start if s < 0 else s + 1
        e = self.text.find("\n", main.end, end)
        e = end if e < 0 else e
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e


def _most_specific(places: list[_Place]) -> list[_Place]:
    """Drop places that contain, parent or anchor another place of the same event."""
    names = {p.mention.parent for p in places if p.mention.parent} | {
        p.mention.anchor for p in places if p.mention.anchor
    }
    if any(p.entry.level != "country" for p in places):
        places = [p for p in places if p.entry.level != "country"]
    # one place per entry: two names placed at one entry ("#Kherson ... the Dniprovskyi
    # district" placed in Kherson) are one location, told best by the name the gazetteer
    # holds itself
    out: dict[int, _Place] = {}
    for p in places:
        if p.mention.name in names and len(places) > 1:
            continue
        if any(o is not p and contains(p.entry, o.entry) for o in places):
            continue
        kept = out.get(p.entry.geonameid)
        if kept is None or (kept.resolved.method == "relative" and p.resolved.method != "relative"):
            out[p.entry.geonameid] = p
    return list(out.values())
