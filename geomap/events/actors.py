"""Stage 4 helper, events: who acted, and against whom.

Actors are kept simple and documented: a state's forces are named after the state
("Russia", "Ukraine"), civilians as ``"Civilians (<country>)"``, non-state armed groups
by their name in :mod:`geomap.events.inventory`. The state comes from a nationality
adjective on the trigger ("a *Russian* drone attack"), the subject of the trigger's
clause ("*Moscow* launched", "*Russian* troops were massing", "shelled *by Russian
forces*"), or the speaker of a military claim ("*Russia's* defence ministry said troops
took control", "the IDF said it struck ..."). An armed group named at the trigger or its
subject ("*Houthi* drone attack", "*Hamas* fighters stormed", "the group said its
gunmen ..." after the group was named) wins over its host state; the object of the
trigger's clause ("targeted Houthi rebels") is actor2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.context import Context
from geomap.events.inventory import (
    STATE_FORCES,
    armed_group_at,
    armed_group_in,
    country_name,
    demonym_country,
)
from geomap.events.matching import TriggerHit
from geomap.events.record import Draft
from geomap.events.rules import Role
from geomap.events.schema import BATTLES
from geomap.events.syntax import reduced_passive
from geomap.types import GazetteerEntry, Token

__all__ = [
    "actors",
    "country_entry",
    "country_name",
    "credit_claim",
    "demonym_country",
    "demonym_target",
    "group_actors",
    "nation_near",
    "nation_of",
]

#: Levels of a place that can name a nation ("Moscow said", "Russia shelled").
_NATION_LEVELS = frozenset({"country", "city", "admin1"})
#: Dependencies of a subject (or agent) token.
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "agent"})
#: Dependencies of a word qualifying a noun ("*Russian* troops", "*Russia's* army").
_QUALIFIERS = frozenset({"amod", "compound", "poss", "nmod"})


def nation_of(ctx: Context, tok: Token, *, subject: bool = False) -> str:
    """Country code a token names (demonym, country, capital, seat of government).

    A place told as a place (a literal mention) names a nation only as a ``subject``
    ("Russia shelled X"); a dateline's place never does.
    """
    if ctx.datelined(tok):
        return ""  # "NAIROBI, June 2 (AP) — ...": where the story was filed
    if _label(ctx, tok):
        return ""  # "Gaza: strike on a school kills 30": what the report is about
    cc = demonym_country(tok.text)
    if cc:
        return cc
    roles = {"metonymic", "demonym", "literal"} if subject else {"metonymic", "demonym"}
    for r in ctx.resolved_at(tok.start):
        e = r.entry
        if e is None or r.mention.role not in roles or e.level not in _NATION_LEVELS:
            continue
        # a place told as a place acts only as a state or its capital, and never when
        # it is what was hit ("Lviv, 4 Sept: missile hit ...", "Kyiv was attacked")
        if r.mention.role == "literal" and (
            tok.dep == "nsubjpass" or not (e.level == "country" or e.feature_code == "PPLC")
        ):
            continue
        return e.country_code
    # seats of government used as actors ("the Kremlin said"), a state's forces by
    # their initials ("the IDF said") (mutation testing: a None default for the seats
    # is equivalent, `or` reads it as "")
    return W.GOVERNMENT_SEATS.get(tok.text.lower(), "") or STATE_FORCES.get(tok.text, "")


def _label(ctx: Context, tok: Token) -> bool:
    """A name opening its sentence and followed by a colon: a report's topic ("X: ...")."""
    toks = ctx.tree.sentence
    return bool(toks) and toks[0].i == tok.i and ctx.text[tok.end : tok.end + 1] == ":"


def nation_near(ctx: Context, i: int) -> str:
    """Nation of token ``i`` itself or of its modifiers ("Russian troops", "Russia's army")."""
    tok = ctx.tree.tok[i]
    cc = nation_of(ctx, tok, subject=tok.dep in _SUBJECTS)
    if cc:
        return cc
    for c in ctx.tree.children(i):
        if c.dep in _QUALIFIERS:
            cc = nation_of(ctx, c, subject=c.dep == "poss")
            if cc:
                return cc
    return ""


def _candidates(ctx: Context, main: TriggerHit, group: Sequence[TriggerHit]) -> list[int]:
    """Tokens that may name the acting state, nearest first: the triggers, what they
    modify, the subject of their clause (or of the clause a conjoined verb shares)."""
    tree = ctx.tree
    out: list[int] = []
    for h in group:
        out.append(h.token)
        tok = tree.tok[h.token]
        if tok.dep in {"compound", "amod", "pobj"} and tok.head in tree.tok:
            out.append(tok.head)
            up = tree.tok[tok.head]
            if up.dep == "prep" and up.head in tree.tok:  # "salvo of 20 drones"
                out.append(up.head)
    clause = tree.clause(main.token)
    subj = clause
    if tree.tok[clause].dep in {"conj", "xcomp"} and not any(
        c.dep in {"nsubj", "nsubjpass"} for c in tree.children(clause)
    ):
        # "troops advanced ... and captured X", "troops tried to storm X": one subject
        subj = tree.tok[clause].head
    victims = reduced_passive(tree, tree.tok[clause], W.HARM_VERBS)  # "4 Palestinians killed"
    for c in tree.children(clause) + (tree.children(subj) if subj != clause else []):
        if c.dep == "nsubj" and not victims:
            out.extend(ctx.subject_of(c))
        if c.dep == "agent":  # "shelled by Russian forces"
            out.extend(g.i for g in tree.children(c.i) if g.dep == "pobj")
        if c.dep == "dep" and c.pos in {"NOUN", "PROPN"}:  # "IDF raid: 4 killed"
            out.append(c.i)
    return out


def _speaker(ctx: Context, clause: int) -> str:
    """Country of who says a clause ("Russia's defence ministry said troops took ...")."""
    head = ctx.tree.tok[clause]
    actor = ""
    if head.dep == "ccomp" and head.head in ctx.tree.tok:
        for c in ctx.tree.children(head.head):
            if c.dep == "nsubj":
                cc = nation_near(ctx, c.i)
                if cc:
                    actor = country_name(cc)
    return actor


def actors(ctx: Context, main: TriggerHit, group: Sequence[TriggerHit]) -> tuple[str, str]:
    """The states acting (actor1) and, for a change of territory, losing (actor2).

    (Mutation testing: a head is always among the article's tokens, and the extra
    candidates an `or` there adds are verbs, which carry no nation; `subj = None` or
    reading the clause's children twice changes nothing: equivalent.)
    """
    tree = ctx.tree
    actor1 = actor2 = ""
    for i in _candidates(ctx, main, group):
        cc = nation_near(ctx, i)
        if cc:
            actor1 = country_name(cc)
            break
    clause = tree.clause(main.token)
    territory = Role.TERRITORY in main.rule.roles
    if not actor1 and (
        territory
        or any(
            c.dep == "nsubj" and c.lemma.lower() in W.SPEAKER_PRONOUNS
            for c in tree.children(clause)
        )
    ):
        # "Russia's defence ministry said troops took control ...", "the IDF said it
        # struck ...": who speaks acts
        actor1 = _speaker(ctx, clause)
    for c in tree.children(clause):
        if c.dep == "dobj" and territory:
            cc = nation_near(ctx, c.i)
            if cc and country_name(cc) != actor1:
                actor2 = country_name(cc)
    return actor1, actor2


def _words_at(ctx: Context, i: int) -> list[str]:
    """A token with its modifiers, in text order ("Houthi rebels", "Hamas' armed wing")."""
    tree = ctx.tree
    toks = [tree.tok[i]] + [
        c for c in tree.children(i) if c.dep in {"compound", "amod", "poss", "nmod"}
    ]
    return [t.text for t in sorted(toks, key=lambda t: t.i)]


def _group_by_reference(ctx: Context, subjects: list[int]) -> str:
    """ "the group", "its fighters": the armed group the sentence names."""
    for i in subjects:
        if ctx.tree.tok[i].lemma.lower() in W.GROUP_WORDS:
            return armed_group_in(ctx.sentence_text())
    return ""


def _parties(
    ctx: Context, main: TriggerHit, group: Sequence[TriggerHit]
) -> tuple[list[int], list[int]]:
    """Tokens of who acts (the triggers, subjects, agents) and of whom they act on."""
    tree = ctx.tree
    clause = tree.clause(main.token)
    subjects: list[int] = [h.token for h in group]
    objects: list[int] = []
    for c in tree.children(clause):
        if c.dep in {"nsubj", "agent", "nsubjpass"}:
            (objects if c.dep == "nsubjpass" else subjects).extend(ctx.subject_of(c))
            subjects.extend(g.i for g in tree.children(c.i) if g.dep == "pobj")
        elif c.dep == "dobj":
            objects.append(c.i)
    for c in tree.children(main.token):
        if c.dep == "prep" and c.lemma.lower() in W.TARGET_PREPS:
            objects.extend(g.i for g in tree.children(c.i) if g.dep == "pobj")
    return subjects, objects


def group_actors(
    ctx: Context, main: TriggerHit, group: Sequence[TriggerHit], actor1: str, actor2: str
) -> tuple[str, str]:
    """Fill actor1/actor2 from armed groups named at the trigger, its subject, object."""
    subjects, objects = _parties(ctx, main, group)
    # a group named at the trigger or its subject wins over its host state
    # ("Sudan's Rapid Support Forces shelled ...")
    named = next((n for i in subjects if (n := armed_group_at(_words_at(ctx, i)))), "")
    if named:
        actor1 = named
    elif not actor1:
        actor1 = _group_by_reference(ctx, subjects)
    if not actor2:
        for i in objects:
            name = armed_group_at(_words_at(ctx, i))
            if name and name != actor1:
                actor2 = name
                break
    return actor1, actor2


def demonym_target(ctx: Context, group: Sequence[TriggerHit]) -> str:
    """Country of "... on nine *Ukrainian* regions" under the group's triggers."""
    tree = ctx.tree
    tokens_in = {h.token for h in group}
    clauses = {tree.clause(h.token) for h in group}
    for t in tree.sentence:
        if t.lemma.lower() not in W.TARGET_NOUNS or t.dep not in {"pobj", "dobj"}:
            continue
        anc = tree.ancestors(t.i)
        if not (tokens_in | clauses) & set(anc):
            continue
        for c in tree.children(t.i):
            cc = demonym_country(c.text) if c.dep in {"amod", "compound"} else ""
            if cc:
                return cc
    return ""


def country_entry(ctx: Context, cc: str) -> GazetteerEntry:
    """The article's own entry of country ``cc``, else a pointless one made for it."""
    own = ctx.country(cc)
    if own is not None:
        return own
    return GazetteerEntry(
        geonameid=0, name=country_name(cc), latin_name=country_name(cc), lat=math.nan,
        lon=math.nan, feature_class="A", feature_code="PCLI", country_code=cc,
        admin1_code="", admin1_name="", population=0, source="country", level="country",
    )  # fmt: skip


def credit_claim(draft: Draft, text: str) -> None:
    """ "X claimed responsibility for the attack" (``text``): the armed group X did it."""
    group = armed_group_in(text)
    ev = draft.event
    if group and ev.actor1 != group:
        # in a battle the side told first is the other ("troops clashed with X" + X's claim)
        second = ev.actor2 if ev.actor2 != group else ev.actor1
        if not second and ev.event_type == BATTLES:
            second = ev.actor1
        draft.event = replace(ev, actor1=group, actor2=second)
