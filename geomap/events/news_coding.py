"""Stage 4 helper (events): armed-group actors and claimed attacks, for wire news.

:class:`NewsTree` adds to :class:`geomap.events.syntax.SentenceTree` what long news
about any conflict needs beyond states' forces:

* actors from the inventory of :mod:`geomap.events.inventory` ("*Houthi* drone attack",
  "*Hamas* fighters stormed", "the group said its gunmen ..." after the group was named);
  the taking side is actor1, the object of the trigger's clause ("targeted Houthi rebels")
  actor2;
* an indefinite attack reported as a claim ("ISIS claimed responsibility for an attack
  on ...", "the group claimed a deadly attack on X") is an event: typed from the
  article's previous violent event, else a civilian target makes it an attack on
  civilians, else an armed clash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from geomap.events.actors import CIVILIAN_NOUNS
from geomap.events.dates import find_date_phrases
from geomap.events.inventory import GROUP_WORDS, armed_group_at, armed_group_in
from geomap.events.location import dateline_end, is_event_path, quoted_apart, under_reaction
from geomap.events.merge import contains
from geomap.events.rules import GENERIC_ATTACK, HEADLINE_ATTACK, TriggerHit
from geomap.events.syntax import SentenceTree
from geomap.types import Token

__all__ = ["NewsTree"]

_CLAIM_VERBS = frozenset({"claim", "responsibility", "carry", "launch", "conduct", "stage"})
#: Targets that make an attack of unknown kind one on civilians.
_CIVILIAN_SITES = frozenset(
    {"mosque", "church", "synagogue", "temple", "shrine", "market", "school", "hospital",
     "worshipper", "wedding", "bus", "restaurant", "cafe", "hotel", "concert", "festival"}
)  # fmt: skip

#: Verbs a new attack's toll is told with ("a strike killed 22", "wounded in an attack").
_TOLL_VERBS = frozenset({"kill", "wound", "injure"})

#: Soldiers and their posts: shooting at them is fighting ("opened fire on a checkpoint").
_ARMED_TARGETS = frozenset(
    {"soldier", "troop", "serviceman", "checkpoint", "patrol", "convoy", "outpost", "base",
     "barrack", "garrison"}
)  # fmt: skip

#: Nouns a place name can describe before "of" names the place itself.
_SETTLEMENT_NOUNS = frozenset(
    {"city", "town", "village", "district", "province", "port", "region", "capital", "area",
     "suburb", "neighbourhood", "neighborhood", "quarter"}
)  # fmt: skip

#: Words that state a (vague) quantity of weapons.
_VAGUE_MANY = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
     "barrage", "salvo", "volley", "wave", "swarm"}
)  # fmt: skip


class NewsTree(SentenceTree):
    """Tree walks for armed-group actors and claimed attacks."""

    drafts: list[Any]
    text: str
    filed: dict[int, int]  # a sentence's start -> the end of its dateline (see _filed_end)

    def _words_at(self, i: int) -> list[str]:
        """A token with its modifiers, in text order ("Houthi rebels", "Hamas' armed wing")."""
        toks = [self.tok[i]] + [
            c for c in self._children(i) if c.dep in {"compound", "amod", "poss", "nmod"}
        ]
        return [t.text for t in sorted(toks, key=lambda t: t.i)]

    def _group_actors(
        self, main: TriggerHit, group: list[TriggerHit], actor1: str, actor2: str
    ) -> tuple[str, str]:
        """Fill actor1/actor2 from armed groups named at the trigger, its subject, object."""
        clause = self._clause(main.token)
        subjects: list[int] = [h.token for h in group]
        objects: list[int] = []
        for c in self._children(clause):
            if c.dep in {"nsubj", "agent", "nsubjpass"}:
                (objects if c.dep == "nsubjpass" else subjects).extend(self._subject_of(c))
                subjects.extend(g.i for g in self._children(c.i) if g.dep == "pobj")
            elif c.dep == "dobj":
                objects.append(c.i)
        for c in self._children(main.token):
            if c.dep == "prep" and c.lemma.lower() in {"on", "against"}:
                objects.extend(g.i for g in self._children(c.i) if g.dep == "pobj")
        # a group named at the trigger or its subject wins over its host state
        # ("Sudan's Rapid Support Forces shelled ...")
        named = next((n for i in subjects if (n := armed_group_at(self._words_at(i)))), "")
        if named:
            actor1 = named
        elif not actor1:
            actor1 = self._group_by_reference(subjects)
        if not actor2:
            for i in objects:
                name = armed_group_at(self._words_at(i))
                if name and name != actor1:
                    actor2 = name
                    break
        return actor1, actor2

    def _filed_end(self, start: int, end: int) -> int:
        """End of the dateline opening the sentence ``text[start:end]``, read once."""
        if start not in self.filed:
            self.filed[start] = dateline_end(self.text, start, end)
        return self.filed[start]

    def _datelined(self, tok: Token) -> bool:
        """Whether ``tok`` lies in the dateline that opens its sentence."""
        toks = self._sentence_tokens
        if not toks or tok.start < toks[0].start or tok.start > toks[-1].start:
            return False
        return tok.start < self._filed_end(toks[0].start, toks[-1].end)

    def _subject_of(self, tok: Token) -> list[int]:
        """A subject's token, or in a dateline ("NAIROBI ... — X shelled") what it glosses."""
        if self._datelined(tok):
            return [g.i for g in self._children(tok.i) if g.dep == "appos"]
        return [tok.i]

    def _group_by_reference(self, subjects: list[int]) -> str:
        """ "the group", "its fighters": the armed group the sentence names."""
        for i in subjects:
            if self.tok[i].lemma.lower() in GROUP_WORDS:
                toks = self._sentence_tokens
                if toks:
                    return armed_group_in(self.text[toks[0].start : toks[-1].end])
        return ""

    def _free_place_ok(self, place: Any, main: TriggerHit) -> bool:
        """An unattached place may locate the event unless it is an origin or a speech's.

        Nor when the event is only referred to ("condemned the attack": the place is the
        speaker's), nor when the place is in words quoted apart from the trigger.
        """
        if under_reaction(self, main.token):
            return False
        m = place.mention
        if quoted_apart(self.text, m.start, m.end, main.start):
            return False
        path = [self.tok[k] for k in self._ancestors(place.head)]
        return is_event_path(path, territory=main.rule.name.startswith("territory"))

    def _targets(self, group: list[TriggerHit]) -> set[str]:
        """Lemmas of what the triggers aim at: objects, and "on"/"against" phrases."""
        found: set[str] = set()
        for h in group:
            heads = [h.token, self._clause(h.token)]
            targets = [c for i in heads for c in self._children(i) if c.dep == "dobj"]
            preps = [
                c
                for i in heads
                for c in self._children(i)
                if c.dep == "prep" and c.lemma.lower() in {"on", "against"}
            ]
            targets += [g for p in preps for g in self._children(p.i) if g.dep == "pobj"]
            found.update(t.lemma.lower() for t in targets)
        return found

    def _civilian_target(self, group: list[TriggerHit]) -> bool:
        """A trigger aimed at civilians ("opened fire on worshippers", "attacked a market")."""
        return bool(self._targets(group) & (CIVILIAN_NOUNS | _CIVILIAN_SITES))

    def _armed_target(self, group: list[TriggerHit], victims: list[Token]) -> bool:
        """A trigger aimed at, or casualties among, soldiers ("fired on a checkpoint,
        wounding two soldiers"): an armed clash, not violence against civilians."""
        hit = self._targets(group) | {v.lemma.lower() for v in victims}
        return bool(hit & _ARMED_TARGETS)

    def _drop_descriptors(self, places: list[Any]) -> list[Any]:
        """ "the southern *Gaza* city of X": the place describing the noun is not the event's.

        Unless the place after "of" contains it: in "X town of Y region" X is the town.
        """
        by_head = {p.head: p for p in places}
        out = []
        for p in places:
            tok = self.tok[p.head]
            noun = self.tok.get(tok.head)
            if tok.dep in {"compound", "amod", "nmod", "poss"} and noun is not None:
                named = [
                    by_head[g.i]
                    for c in self._children(noun.i)
                    if c.dep == "prep" and c.lemma.lower() == "of"
                    for g in self._children(c.i)
                    if g.dep == "pobj" and g.i in by_head
                ]
                if noun.lemma.lower() in _SETTLEMENT_NOUNS and any(
                    not contains(q.entry, p.entry) for q in named
                ):
                    continue
            out.append(p)
        return out

    def _vague_quantity(self, group: list[TriggerHit]) -> bool:
        """ "dozens of rockets", "a barrage of missiles": many, though no number is given."""
        for h in group:
            near = self._ancestors(h.token)[1:3] + [c.i for c in self._children(h.token)]
            if any(self.tok[i].lemma.lower() in _VAGUE_MANY for i in near):
                return True
        return False

    def _infinitive(self, hit: TriggerHit) -> bool:
        """A trigger verb in the infinitive ("used to attack shipping", "able to strike")."""
        tok = self.tok[hit.token]
        return tok.pos == "VERB" and any(
            c.dep == "aux" and c.text.lower() == "to" for c in self._children(hit.token)
        )

    def _refine_past_dates(self, published: dt.date | None) -> None:
        """A past event dated only by its year ("ten years since") takes the one explicit
        day of that year the article gives ("on 17 July 2014"), if it gives exactly one."""
        vague = [
            d
            for d in self.drafts
            if d.family == "violence"
            and d.event.event_date is not None
            and d.event.time_precision == 3
            and d.event.event_date.timetuple().tm_yday == 1
            and published is not None
            and d.event.event_date.year < published.year - 1
        ]
        if not vague:
            return
        days: dict[int, set[dt.date]] = {}
        for p in find_date_phrases(self.text, published):
            if p.kind == "background" and p.date is not None and p.precision == 1:
                days.setdefault(p.date.year, set()).add(p.date)
        for d in vague:
            assert d.event.event_date is not None
            found = days.get(d.event.event_date.year, set())
            if len(found) == 1:
                d.event = replace(d.event, event_date=next(iter(found)), time_precision=1)

    def _claimed(self, hit: TriggerHit) -> bool:
        """An indefinite attack under a claim ("claimed responsibility for an attack")."""
        return any(
            self.tok[a].lemma.lower() in _CLAIM_VERBS for a in self._ancestors(hit.token)[1:5]
        )

    def _lethal(self, hit: TriggerHit) -> bool:
        """A new attack told by its toll: "a strike on X killed 22", "22 were killed in a
        strike on X" (no antecedent needed)."""
        tok = self.tok[hit.token]
        head = self.tok.get(tok.head)
        if head is not None and tok.dep == "pobj" and head.lemma.lower() in {"in", "by"}:
            head = self.tok.get(head.head)
        elif tok.dep not in {"nsubj", "nsubjpass"}:
            return False
        return head is not None and head.lemma.lower() in _TOLL_VERBS

    def _typed_by_claim(self, main: TriggerHit) -> bool:
        """A bare "attack" whose kind comes from the claim or the article, not the rule.

        The generic rule always is (it needs an antecedent or a claim); the headline rule
        only under a claim ("the group claimed an attack on ..." in a brief).
        """
        name = main.rule.name
        return name == GENERIC_ATTACK or (name == HEADLINE_ATTACK and self._claimed(main))

    def _claimed_type(self, si: int) -> tuple[str, str]:
        """Type of a claimed attack of unknown kind (see the module docstring)."""
        for d in reversed(self.drafts):
            if d.family == "violence" and si - d.sentence <= 6:
                return d.event.event_type, d.event.sub_event_type
        lemmas = {t.lemma.lower() for t in self._sentence_tokens}
        if lemmas & (_CIVILIAN_SITES | CIVILIAN_NOUNS):
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
