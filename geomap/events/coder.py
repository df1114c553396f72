"""Stage 4 helper (events): code the events of one parsed, geocoded article.

:class:`ArticleCoder` reads an article sentence by sentence: it matches the trigger
table, screens what only looks like an event, hangs each place on its trigger, groups
the triggers of one family in one clause, and codes each group in named steps over
one small record (:class:`_Group`): what the group refers to, where it happened, what
it cost, when, what type, who, and finally one draft per place. The article's drafts
are then merged (:mod:`geomap.events.merge`). See :mod:`geomap.events` for the rules.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.actors import actors, country_entry, credit_claim, demonym_target, group_actors
from geomap.events.anaphora import (
    ANAPHORA_SENTENCES,
    Deferred,
    new_strikes_at,
    refers_back,
    retold_day,
    take_deferred,
)
from geomap.events.anaphora import antecedent as antecedent_of
from geomap.events.barrage import as_barrage, bare_toll, toll_of_previous
from geomap.events.casualties import max_known, none_harmed, parse_number, sentence_casualties
from geomap.events.context import Context
from geomap.events.crowds import crowd_type
from geomap.events.dates import DatePhrase
from geomap.events.dating import (
    SentenceDates,
    Timeline,
    date_event,
    own_date,
    phrases_in,
    phrases_under,
    refine_past_dates,
    same_paragraph,
    skipped,
    story_told,
)
from geomap.events.event_type import claim_type, decide_type, territory_subtype
from geomap.events.framing import (
    aggregate,
    armed_target,
    civilian_target,
    claimed,
    intercepted,
    lethal,
    other_tolls,
    people_taken,
    plural_set,
    time_reference,
    vague_quantity,
    without_parties,
)
from geomap.events.headline import headline_modality, is_headline, lend_weapons, screen_hits
from geomap.events.inventory import country_name
from geomap.events.labels import capital_place, label_places, located_by
from geomap.events.linking import (
    attach_places,
    drop_descriptors,
    free_place_ok,
    most_specific,
    named_dist,
    places_in,
    shared_scene,
)
from geomap.events.location import (
    consistent_places,
    coordinated_places,
    drop_asides,
    drop_locators,
    drop_nationalities,
    drop_references,
    names_unknown_place,
    the_settlement,
)
from geomap.events.matching import TriggerHit, match_triggers
from geomap.events.merge import contains, fold_covered, has_title, merge_retold, merge_same_id
from geomap.events.place import Place
from geomap.events.record import Coding, Draft, Spot, event_record, quote_line
from geomap.events.rules import Family, Role
from geomap.events.scenes import join_scenes
from geomap.events.schema import ARRESTS
from geomap.events.syntax import attempted, infinitive, intercepting, modality, own_conjunct
from geomap.types import (
    TOWN_LEVELS,
    Event,
    GazetteerEntry,
    Namesake,
    ParsedArticle,
    ResolvedPlace,
    Sentence,
    Token,
)

__all__ = ["ArticleCoder"]

#: How close (tree distance) a place must hang on "the attack" to place a deferred event.
_CLOSE = 3
#: Triggers this strong (or a stated toll) wait for a place (weaker ones, "attack" as a
#: verb or a bare "the attack", do not).
_DEFER_PRIORITY = 55
#: How a toll's clause hangs on the strike's to tell the same event: "drones hit X and
#: killed two" (conj), "Shelling of X: two wounded" (parataxis).
_JOINED = frozenset({"conj", "parataxis"})


@dataclass(slots=True)
class _Told:
    """The sentence a group is told in: its index, span, date phrases and tokens.

    ``timeline`` is what else dates it (the previous sentence's date, the story's day,
    its triggers); ``status`` each trigger's modality ("occurred", "planned", "skip").
    """

    si: int
    start: int
    end: int
    phrases: list[DatePhrase]
    timeline: Timeline
    status: dict[int, str]
    tokens: Sequence[Token]


@dataclass(slots=True)
class _Group:
    """One event being coded: the triggers of one family in one clause, and what the
    coding steps find out about it."""

    told: _Told
    family: Family
    hits: list[TriggerHit]
    #: The places hanging on the group's triggers (then: the event's places).
    mine: list[Place]
    #: Every place of the sentence, and the heads of those some trigger took.
    places: list[Place]
    claimed: set[int]
    main: TriggerHit = field(init=False)
    antecedent: Draft | None = None
    #: The country a demonym target names, when the event has no place of its own.
    demonym_cc: str = ""
    country_only: GazetteerEntry | None = None
    #: Placed at the one country of the story (:meth:`ArticleCoder._story_country`).
    story_country: bool = False
    fatalities: int | None = None
    injured: int | None = None
    victims: list[Token] = field(default_factory=list)
    quantity: int | None = None
    weapons: str = ""
    #: A generic strike told anew ("a strike flattened a house"): its own type, no claim's.
    fresh: bool = False

    def __post_init__(self) -> None:
        # the strike, not its toll nor who did it, says what the event is ("soldiers
        # clashed with gunmen": a clash)
        self.main = max(
            self.hits,
            key=lambda h: (
                Role.VICTIM not in h.rule.roles,
                Role.AGENT not in h.rule.roles,
                h.rule.priority,
                -h.start,
            ),
        )

    @property
    def violent(self) -> bool:
        """Whether the group is of the violence family."""
        return self.family == Family.VIOLENCE


class ArticleCoder:
    """Codes the events of one parsed article."""

    def __init__(
        self,
        pa: ParsedArticle,
        by_key: dict[tuple[str, int, int], ResolvedPlace],
    ) -> None:
        self.pa = pa
        self.ctx = Context.of(pa, by_key)
        self.drafts: list[Draft] = []
        self.deferred: list[Deferred] = []  # violent events told without a place, so far
        self.dates = SentenceDates(self.ctx, pa.sentences)
        #: Days the story reached, by sentence: a sentence's own day of something told
        #: (not of words said), else that of an event it told with a date of its own.
        self.story: dict[int, dt.date] = {}
        self.story_at = -1  # the latest sentence in ``story``

    # ---------------------------------------------------------------- main loop

    def run(self) -> list[Event]:
        """Code every sentence, then merge the article's drafts; return its events."""
        sentences = self.pa.sentences
        for si, sent in enumerate(sentences):
            if not skipped(self.ctx, sent):
                self._read_sentence(si, sent)
        refine_past_dates(self.ctx.text, self.ctx.published, self.drafts)
        titled = has_title(self.ctx.text)
        self.drafts = merge_retold(merge_same_id(fold_covered(self.drafts)), titled=titled)
        return [d.event for d in self.drafts]

    def _read_sentence(self, si: int, sent: Sentence) -> None:
        ctx = self.ctx
        sentences = self.pa.sentences
        ctx.tree.sentence = sent.tokens
        headline = ctx.headline = is_headline(
            sent.tokens, text_length=len(ctx.text.strip()), n_sentences=len(sentences)
        )
        raw = match_triggers(sent.tokens, headline=headline)
        hits = screen_hits(ctx.tree, raw, headline=headline)
        phrases = phrases_in(ctx, sent.start, sent.end)
        story = self.story.get(self.story_at)  # the day before this sentence
        told_day = own_date([p for p in phrases if story_told(ctx.tree, p)])
        if told_day is not None and told_day.date is not None:
            self._mark(si, told_day.date, told=True)  # the story moves on, events or not
        if not hits:
            if headline:  # "Strikes on X. Possibly by Grad MLRS."
                lend_weapons(ctx.tree, raw, self.drafts, si)
            return  # dates are read where events are, and in the sentence before
        prev = sentences[si - 1] if si > 0 else None
        self.dates.dates[si] = own_date(phrases)
        inherited = None
        if not phrases and prev is not None and same_paragraph(ctx.text, prev, sent):
            inherited = self.dates.date_of(si - 1)
        timeline = Timeline(inherited, story, frozenset(h.token for h in hits))
        told = _Told(si, sent.start, sent.end, phrases, timeline, {}, sent.tokens)
        self._code_sentence(told, hits)

    def _mark(self, si: int, day: dt.date, *, told: bool) -> None:
        """The story reached ``day`` in sentence ``si`` (a sentence's own told day wins
        over its events' days)."""
        if told or si not in self.story:
            self.story[si] = day
        self.story_at = max(self.story_at, si)

    # ---------------------------------------------------------------- one sentence

    def _statuses(self, hits: Sequence[TriggerHit]) -> dict[int, str]:
        """Each trigger's modality; "skip" also for several events and infinitives."""
        ctx = self.ctx
        status = {
            h.token: headline_modality(ctx.tree, h, modality(ctx.tree, h), ctx.headline)
            for h in hits
        }
        stops = {h.token for h in hits if Role.INTERCEPTION in h.rule.roles}
        for h in hits:
            several = plural_set(ctx.tree, h) and not (
                ctx.headline and h.rule.family == Family.VIOLENCE
            )
            if several or infinitive(ctx.tree, h) or h.token in stops:
                status[h.token] = "skip"
            elif Role.TRIED in h.rule.roles and not attempted(ctx.tree, h, h.rule.lemmas):
                status[h.token] = "skip"  # "troops advanced toward X": on the move
            elif people_taken(ctx.tree, h):
                status[h.token] = "skip"  # "captured two soldiers near X": no territory
            elif without_parties(ctx.tree, h):
                status[h.token] = "skip"  # "fans held a meeting in X": no diplomacy
            elif intercepted(ctx.tree, h, stops) or intercepting(ctx.tree, h, hits):
                status[h.token] = "skip"  # "downed 40 drones over X": no strike there
        return status

    def _groups(
        self, told: _Told, live: Sequence[TriggerHit]
    ) -> dict[tuple[str, int, int], list[TriggerHit]]:
        """Live hits grouped by (family, clause, line): one event each."""
        tree, text = self.ctx.tree, self.ctx.text
        groups: dict[tuple[str, int, int], list[TriggerHit]] = {}
        at = {(h.rule.family, h.token) for h in live}
        strikers = {tree.clause(h.token) for h in live if Role.VICTIM not in h.rule.roles}
        for h in live:  # a headline parsed into the sentence under it is another statement
            # (mutation testing: the parser starts a sentence at every line break, see
            # places.geomap_blank_lines, so this guard's mutants are equivalent there)
            line = text.rfind("\n", told.start, h.start)
            tok = tree.tok[h.token]
            # a participle telling more of another trigger is the same event ("a rally in X
            # dispersed by police": one protest, met with force)
            # ("took to the streets to protest": one protest, its purpose told)
            joined = tok.dep == "acl" or (tok.dep in {"advcl", "xcomp"} and tok.tag == "VB")
            own = tok.head if joined and (h.rule.family, tok.head) in at else h.token
            clause = tree.clause(own)
            # a toll told by the next verb is the same event ("drones hit X and killed two",
            # "Shelling of X: two wounded")
            ctok = tree.tok[clause]
            if Role.VICTIM in h.rule.roles and ctok.dep in _JOINED and ctok.head in strikers:
                clause = ctok.head
            groups.setdefault((h.rule.family, clause, line), []).append(h)
        return groups

    def _code_sentence(self, told: _Told, hits: Sequence[TriggerHit]) -> None:
        told.status = self._statuses(hits)
        live = [h for h in hits if told.status[h.token] != "skip"]
        if not live:
            return
        places = places_in(self.ctx, told.start, told.end)
        attach_places(self.ctx, places, live)
        claimed_heads = {p.head for p in places if p.hit >= 0}
        groups = join_scenes(self.ctx.tree, self._groups(told, live), places)
        for (family, _clause, _line), group in groups.items():
            skip, lead = bare_toll(self.ctx, self.pa.sentences, told.si, self.drafts, group)
            if skip:
                continue  # victims alone tell no event in an article (see bare_toll)
            mine = [p for p in places if p.hit in {h.token for h in group}]
            g = _Group(told, Family(family), group, mine, places, claimed_heads)
            n = len(self.drafts)
            self._code_group(g)
            as_barrage(self.drafts[n:], lead)

    # ---------------------------------------------------------------- one event

    def _code_group(self, g: _Group) -> None:
        """Code one group in named steps; a step returning False ends it (no event)."""
        steps = (
            self._refer,
            self._not_aggregate,
            self._locate,
            self._count,
            self._place_or_defer,
            self._specific_enough,
        )
        if all(step(g) for step in steps):
            self._emit(g)

    def _refer(self, g: _Group) -> bool:
        """ "the attack": find the event it refers to, or place a deferred one, or stop."""
        main, tree = g.main, self.ctx.tree
        if all(Role.AGENT in h.rule.roles for h in g.hits) and tree.definite(main.token):
            return False  # "the gunmen were Palestinians from X": who did what was told
        generic = Role.GENERIC in main.rule.roles
        if not (generic or (g.violent and refers_back(tree, main))):
            return True
        if generic and time_reference(tree, main):
            return False  # "Following the attack, ...": a time told by an event, no new one
        found = {p.entry.country_code for p in g.mine}
        if refers_back(tree, main):
            reach = g.told.si if Role.REFERENCE in main.rule.roles else ANAPHORA_SENTENCES
            towns = [p.entry for p in g.mine]
            g.antecedent = antecedent_of(self.drafts, g.told.si, found, reach=reach, places=towns)
        if g.antecedent is not None and claimed(tree, main):
            credit_claim(g.antecedent, self.ctx.text[g.told.start : g.told.end])
        if g.antecedent is not None:
            self._date_antecedent(g)
            return True
        if Role.REFERENCE in main.rule.roles:
            return False  # "the incident" with nothing told before it to name
        close = [p for p in g.mine if named_dist(self.ctx, p) <= _CLOSE]
        if close and self._recode_deferred(g.told.si, close):
            return False  # "the attack in X" placed the event told without a place
        return not generic or claimed(tree, main) or lethal(tree, main) or self._fresh(g, close)

    def _fresh(self, g: _Group, close: Sequence[Place]) -> bool:
        g.fresh = new_strikes_at(self.ctx.tree, g.main, [p.entry for p in close])
        return g.fresh

    def _date_antecedent(self, g: _Group) -> None:
        """ "The incident started ... on Tuesday evening": the day a later sentence gives
        an event referred back to dates it, when its own telling gave none."""
        d = g.antecedent
        if d is None or d.explicit:
            return
        t = g.told
        near = phrases_under(self.ctx.tree, g.main.token, t.phrases)
        when = date_event(self.ctx, g.main, g.hits, near, t.timeline, planned=False)
        if near and when.explicit and when.status == "occurred" and when.date is not None:
            d.date_told(when.date, when.precision)

    def _not_aggregate(self, g: _Group) -> bool:
        """ "killed three people across Ukraine": a sum, not an event."""
        # (across a town is one place: "arrested 85 activists in raids across X")
        across = any(p.prep in W.AGGREGATE_PREPS and p.entry.level == "country" for p in g.mine)
        towns = {p.head for p in g.places if p.entry.level in TOWN_LEVELS}
        return not (across or aggregate(self.ctx.tree, g.hits, towns))

    def _locate(self, g: _Group) -> bool:
        """The event's places: its own, a coordinated trigger's, or a free one; then the
        most specific consistent ones."""
        ctx = self.ctx
        if not g.mine and g.violent:
            g.mine = coordinated_places(ctx.tree, {h.token for h in g.hits}, g.places)
        if not g.mine and g.violent:
            g.mine = shared_scene(ctx, g.places, g.main)
        a = g.antecedent
        # a crowd's event may take a free place too, not a mere mention of protesters
        free = g.violent or (g.family == Family.PROTEST and Role.AGENT not in g.main.rule.roles)
        if not g.mine and free and a is None:
            g.mine = self._free_place(g)
        if not g.mine and free and a is None:
            g.mine = self._settlement_named_before(g)
        g.mine += located_by(ctx, g.mine, g.places, g.claimed, g.main.token)
        if a is not None and a.event.location_level != "country":
            # "the attack" happened where its antecedent did (a country alone it may refine),
            # and a place not told as where ("X was the target of the shooting") is no place
            g.mine = [
                p
                for p in g.mine
                if p.entry.country_code == a.event.country_code
                and p.prep in W.LOCATIVE_PREPS | W.NEAR_PREPS
            ]
        mine, near = consistent_places(
            drop_descriptors(ctx, drop_nationalities(ctx.tree, drop_asides(ctx.tree, g.mine))),
            ctx.text,
            one_country=g.family != Family.DIPLOMACY,
        )
        for i in near:
            mine[i].prep = mine[i].prep if mine[i].prep in W.NEAR_PREPS else "near"
        ends = [p for p in mine if p.prep == "between"]
        if ends:  # "the road between X and Y": one event, near the first place named
            first = min(ends, key=lambda p: p.mention.start)
            mine = [p for p in mine if p.prep != "between" or p is first]
            first.prep = "near"
        g.mine = most_specific(drop_locators(ctx.tree, drop_references(ctx.tree, mine)))
        if not g.mine and free and a is None:
            g.mine = label_places(ctx, self.pa.sentences, g.told.si, g.places, g.main.token)
        if not g.mine and a is None:
            g.mine = capital_place(ctx, g.main.token)  # "in the capital"
        return True

    def _free_place(self, g: _Group) -> list[Place]:
        """The sentence's nearest unclaimed place on the trigger's line, if one may do."""
        tree = self.ctx.tree
        line_s, line_e = quote_line(self.ctx.text, g.told.start, g.told.end, g.main)
        free = [
            p
            for p in g.places
            if p.head not in g.claimed
            and line_s <= p.mention.start < line_e
            and free_place_ok(self.ctx, p, g.main)
        ]
        known = {t.i for p in g.places for t in self._mention_tokens(p)}
        if not free or names_unknown_place(tree, [h.token for h in g.hits], known):
            return []
        best = min(free, key=lambda p: tree.distance(p.head, g.main.token))
        best.dist, best.hit = tree.distance(best.head, g.main.token), g.main.token
        return [best]

    def _settlement_named_before(self, g: _Group) -> list[Place]:
        """ "in the south of the city": the settlement the article named last before."""
        tree = self.ctx.tree
        at = the_settlement(tree, [h.token for h in g.hits])
        if at is None:
            return []
        capital = tree.tok[at].lemma.lower() == "capital"
        regions: list[GazetteerEntry] = []
        before = self.ctx.resolved_in(0, tree.tok[at].start)
        small = tree.tok[at].lemma.lower() in {"town", "village"}  # (not the city it is near)
        locators = {r.mention.anchor for r in before if r.mention.anchor and small}
        for r in reversed(before):
            e = r.entry
            if r.mention.role != "literal" or e is None or r.ambiguous:
                continue
            if r.mention.name in locators:
                continue  # "the town of X, north of the city of Y. ... the town's edge": X's
            if e.level in TOWN_LEVELS and (not capital or e.feature_code == "PPLC"):
                if all(contains(big, e) for big in regions):
                    return [Place(r, at, prep="in", hit=g.main.token, dist=1)]
                return []  # a region named since that holds another town: which, unknown
            if e.level != "country":
                regions.append(e)
        return []

    def _mention_tokens(self, p: Place) -> list[Token]:
        m = p.mention
        return [t for t in self.ctx.tree.sentence if m.start <= t.start < m.end]

    def _count(self, g: _Group) -> bool:
        """Casualties, and the weapons with their number."""
        other = other_tolls(self.ctx.tree)  # "floods that have killed 30"
        mine = {h.token for h in g.hits}
        others = {k for k, v in g.told.status.items() if v != "skip" and k not in mine}
        tokens = own_conjunct(
            self.ctx.tree, [t for t in self.ctx.tree.sentence if t.i not in other], mine, others
        )
        g.fatalities, g.injured, g.victims = sentence_casualties(tokens)
        # unknown stays unknown (None); zero only where the text says none was harmed
        no_dead, no_hurt = none_harmed(tokens)
        if no_dead and g.fatalities is None:
            g.fatalities = 0
        if no_hurt and g.injured is None:
            g.injured = 0
        g.quantity, g.weapons = self._weapons(g.hits)
        # a deed named as a noun is one event only with its dead counted
        return g.fatalities is not None or any(Role.COUNTED not in h.rule.roles for h in g.hits)

    def _place_or_defer(self, g: _Group) -> bool:
        """An event without a place: a demonym's country, the toll of the event just
        told, or a wait for a later sentence to place it."""
        if all(Role.FIGURE in h.rule.roles for h in g.hits):
            # "The death toll rose to 19": the event's just told (in the place it names)
            toll_of_previous(
                self.drafts,
                g.told.si,
                (g.fatalities, g.injured),
                g.hits,
                at={p.entry.geonameid for p in g.mine},
            )
            return False
        if g.mine:
            return True
        if not g.violent:
            return False
        if g.antecedent is not None:
            # "The attack lasted two hours before the rebels withdrew toward the X border":
            # the event told before, nothing new to place
            d = g.antecedent
            d.event = replace(
                d.event,
                fatalities=max_known([d.event.fatalities, g.fatalities]),
                injured=max_known([d.event.injured, g.injured]),
            )
            return False
        g.demonym_cc = demonym_target(self.ctx, g.hits) or self._national(g)
        if g.demonym_cc:
            g.country_only = country_entry(self.ctx, g.demonym_cc)
            return True
        if g.antecedent is None and toll_of_previous(
            self.drafts, g.told.si, (g.fatalities, g.injured), g.hits
        ):
            return False
        g.mine = self._scene_of_sentence(g)
        if g.mine:
            return True
        if self._story_country(g):
            return True
        if g.antecedent is None and (g.main.rule.priority >= _DEFER_PRIORITY or g.fatalities):
            # a clear event told without a place may get one in a later sentence
            t = g.told
            self.deferred.append(Deferred(t.si, t.start, t.end, g.hits, t.phrases, t.timeline,
                                          t.status, t.tokens))  # fmt: skip
        return False

    def _national(self, g: _Group) -> str:
        """The one country a sentence names, for a state's own politics ("Myanmar's junta
        leader assumed presidential powers")."""
        if Role.NATIONAL not in g.main.rule.roles:
            return ""
        t = g.told
        found = {
            r.entry.country_code
            for r in self.ctx.resolved_in(t.start, t.end)
            if r.entry is not None
        }
        return found.pop() if len(found) == 1 else ""

    def _specific_enough(self, g: _Group) -> bool:
        """A violent event at a country alone needs a number (weapons, dead, injured)."""
        if not g.violent or g.antecedent is not None or Role.NATIONAL in g.main.rule.roles:
            return True
        if g.story_country:
            return True  # a story's arrests of a told day (see _story_country)
        if g.mine and not all(p.entry.level == "country" for p in g.mine):
            return True
        tree = self.ctx.tree
        if any(  # "attacked southern Israel": a part of the country, told
            c.dep == "amod" and c.lemma.lower() in W.COMPASS_ADJECTIVES
            for p in g.mine
            for c in tree.children(p.head)
        ):
            return True
        told_count = g.quantity is not None or g.fatalities is not None or g.injured is not None
        # "the southern Lebanese village of X" (X unknown to the gazetteer): a place named
        unknown = any(
            r.entry is None and r.mention.role == "literal" and r.mention.level_hint == "city"
            for r in self.ctx.resolved_in(g.told.start, g.told.end)
        )
        return told_count or unknown or vague_quantity(self.ctx.tree, g.hits)

    # ---------------------------------------------------------------- the records

    def _coding(self, g: _Group) -> Coding | None:
        """Date, type, actors and casualties of the event (None: the date says skip)."""
        ctx, main = self.ctx, g.main
        planned = any(g.told.status[h.token] == "planned" for h in g.hits)
        when = date_event(ctx, main, g.hits, g.told.phrases, g.told.timeline, planned=planned)
        if when.status == "skip":
            return None
        planned = planned and when.status != "past"  # an example of the plan, done before
        a = g.antecedent.event if g.antecedent is not None else None
        if a is None and not g.told.phrases:  # (no day of its own, at most the last one's)
            when = retold_day(ctx.tree, g.main.token, self.drafts, g.told.si, g.mine) or when
        civilians = any(v.lemma.lower() in W.CIVILIAN_NOUNS for v in g.victims)
        civilians = civilians or (g.violent and civilian_target(ctx.tree, g.hits))
        typed = a is not None or g.fresh  # (its antecedent's type, or its own)
        claim = None if typed else claim_type(ctx.tree, main, self.drafts, g.told.si)
        unarmed = civilians or any(v.lemma.lower() in W.PEOPLE_NOUNS for v in g.victims)
        etype, sub = decide_type(
            main.rule,
            claim=claim,
            antecedent=a,
            civilians=unarmed,
            armed=armed_target(ctx.tree, g.hits, g.victims),
        )
        etype, sub = crowd_type(ctx.tree, g.hits, g.family, (etype, sub), g.fatalities)
        actor1, actor2 = group_actors(ctx, main, g.hits, *actors(ctx, main, g.hits))
        quote = quote_line(ctx.text, g.told.start, g.told.end, main)
        coding = Coding(
            main.rule, etype, sub, quote=quote, date=when.date,
            time_precision=when.precision, explicit=when.explicit,
            planned=planned or when.status == "planned", actor1=actor1, actor2=actor2,
            civilians=civilians, fatalities=g.fatalities, injured=g.injured,
            weapons=g.weapons, quantity=g.quantity, anaphoric=a is not None,
        )  # fmt: skip
        if a is not None:
            # (mutation testing: merge_retold folds this draft into its antecedent and fills
            # the same fields, so mutants of this inheritance mostly survive; they show only
            # where the two stay apart, as with another place or day)
            coding.weapons = coding.weapons or a.weapons
            coding.actor1 = coding.actor1 or a.actor1
            if not when.explicit:
                coding.date, coding.time_precision = a.event_date, a.time_precision
        return coding

    def _emit(self, g: _Group) -> None:
        """One draft per place of the event (or at the demonym's country)."""
        coding = self._coding(g)
        if coding is None:
            return
        targets: list[tuple[GazetteerEntry, Place | None]] = [(p.entry, p) for p in g.mine]
        if g.country_only is not None:
            targets = [(g.country_only, None)]
        for k, (target, place) in enumerate(targets):
            cc = target.country_code or g.demonym_cc
            spot = Spot(target, cc) if place is None else _spot(place, cc)
            share = _share(coding, k, len(targets))
            ev = event_record(self.ctx.article, _at(share, spot.cc), spot)
            # a relative place with no anchor or parent is a part of its entry's town
            part = (
                place is not None
                and place.resolved.method == "relative"
                and not (place.mention.anchor or place.mention.parent)
            )
            draft = Draft(ev, spot.entry, g.told.si, g.family, part, coding.explicit, g.fresh)
            self.drafts.append(draft)
            if coding.explicit and ev.event_date is not None:
                self._mark(g.told.si, ev.event_date, told=False)

    # ---------------------------------------------------------------- pieces

    def _recode_deferred(self, si: int, places: list[Place]) -> bool:
        """Code the placeless event this sentence refers to at its places (see anaphora)."""
        d = take_deferred(self.deferred, si, self.drafts)
        if d is None:
            return False
        told = _Told(d.si, d.start, d.end, d.phrases, d.timeline, d.status, d.tokens)
        # ``places`` is never empty here, and the steps read the sentence's places and the
        # claimed ones only to find a place for a group that has none (mutation testing:
        # passing others for either is equivalent)
        with self.ctx.tree.reading(d.tokens):
            self._code_group(_Group(told, Family.VIOLENCE, d.group, places, places, set()))
        return True

    def _story_country(self, g: _Group) -> bool:
        """ "Nine people were arrested Tuesday for blocking a highway.": arrests told on a
        day of their own, with no place, in a story all of whose places lie in one
        country, happened in that country (geo_precision 3, no point of a town)."""
        if g.main.rule.sub_event_type != ARRESTS or own_date(g.told.phrases) is None:
            return False
        found = {
            r.entry.country_code
            for r in self.ctx.resolved
            if r.entry is not None and r.mention.role == "literal" and r.entry.country_code
        }
        if len(found) != 1:
            return False
        g.demonym_cc = found.pop()
        g.country_only = country_entry(self.ctx, g.demonym_cc)
        g.story_country = True
        return True

    def _scene_of_sentence(self, g: _Group) -> list[Place]:
        """ "Forces killed six during a raid on X, including four killed when a drone
        fired a missile at a group": a strike of its own, told as part of the event the
        sentence placed before it, happened where that event did."""
        if not any(h.rule.weapon for h in g.hits):
            return []  # (what the placed event did: "an attack that killed 12 and kidnapped 250")
        t = g.told
        placed = [
            d.entry.geonameid
            for d in self.drafts
            if d.sentence == t.si and d.family == Family.VIOLENCE and d.entry is not None
        ]
        if not placed:
            return []
        found = [
            r for r in self.ctx.resolved_in(t.start, t.end)
            if r.entry is not None and r.entry.geonameid == placed[-1]
        ]  # fmt: skip
        hit = g.main.token
        return [Place(found[0], hit, "in", hit, 1)] if found else []

    def _weapons(self, group: Sequence[TriggerHit]) -> tuple[int | None, str]:
        """The number of the main weapons, and the weapons named (most specific names)."""
        tree = self.ctx.tree
        names: list[str] = []
        quantity: int | None = None
        for h in sorted(group, key=lambda h: -h.rule.priority):
            if h.rule.weapon and h.rule.weapon not in names:
                names.append(h.rule.weapon)
            tok = tree.tok[h.token]
            nouns = [tok]
            if tok.dep in {"compound", "amod"} and tok.head in tree.tok:
                nouns.append(tree.tok[tok.head])
            for noun in nouns:
                for c in tree.children(noun.i):
                    if c.dep == "nummod" and quantity is None and h.rule.weapon:
                        quantity = parse_number(c.text)
        # a more specific weapon name replaces the generic one ("Shahed drone" > "drone")
        names = [n for n in names if not any(o != n and o.endswith(n) for o in names)]
        return quantity, ", ".join(names)


def _spot(place: Place, cc: str) -> Spot:
    """Where an event at ``place`` is: its entry, or for an ambiguous name what its
    namesakes share (their division, else no point), with the namesakes listed."""
    r = place.resolved
    if r.method == "relative" and place.mention.feature:
        # a part of a town named like a place elsewhere ("the Bristol hotel in Odesa"):
        # the town, near it
        return Spot(place.entry, cc, r.geo_precision, near=True)
    if not r.ambiguous:
        near = place.prep in W.NEAR_PREPS
        return Spot(place.entry, cc, r.geo_precision, r.method == "relative",
                    place.mention.name, near)  # fmt: skip
    alternatives = tuple(
        Namesake(en.latin_name or en.name, en.admin1_name, en.country_code, en.lat, en.lon,
                 en.geonameid, en.level, prior)
        for en, prior in zip(r.namesakes, r.priors, strict=True)
    )  # fmt: skip
    countries = {en.country_code for en in r.namesakes}
    shared = r.shared or _nowhere(
        place.mention.name, countries.pop() if len(countries) == 1 else ""
    )
    return Spot(shared, shared.country_code, 3, True, place.mention.name,
                alternatives=alternatives)  # fmt: skip


def _nowhere(name: str, cc: str) -> GazetteerEntry:
    """An entry with no point, for a place known only by its name (and maybe country)."""
    return GazetteerEntry(
        geonameid=0, name=name, latin_name=name, lat=math.nan, lon=math.nan,
        feature_class="P", feature_code="PPL", country_code=cc, admin1_code="",
        admin1_name="", population=0, source="ambiguous", level="other",
    )  # fmt: skip


def _split(total: int | None, k: int, n: int) -> int | None:
    """Place ``k``'s share of a toll told for ``n`` places at once (ACLED's rule: divided
    evenly, the remainder to the first); a share of none is not known to be none."""
    if total is None or n == 1:
        return total
    share = total // n + (total % n if k == 0 else 0)
    return share or None


def _share(coding: Coding, k: int, n: int) -> Coding:
    """The coding of place ``k`` of ``n`` places one sentence gives one event ("clashes
    in X and Y left nine dead"): its share of the tolls."""
    if n == 1:
        return coding
    return replace(
        coding, fatalities=_split(coding.fatalities, k, n), injured=_split(coding.injured, k, n)
    )


def _at(coding: Coding, cc: str) -> Coding:
    """The coding of an event at a place of country ``cc``.

    A change of territory's sub-type (and taker) depends on the place's country; civilian
    victims are that country's.
    """
    sub, a1, a2 = coding.sub_event_type, coding.actor1, coding.actor2
    if Role.TERRITORY in coding.rule.roles:
        sub, a1 = territory_subtype(a1, a2, cc)
    if coding.civilians and not a2:
        a2 = f"Civilians ({country_name(cc)})"
    return replace(coding, sub_event_type=sub, actor1=a1, actor2=a2)
