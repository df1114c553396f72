"""Stage 4 helper (events): a report's place label and the regions that locate a town.

Short reports name their place before telling what happened there: "X, Y Oblast: drones
hit a warehouse", "X. Artillery hit the school.", "X: three killed, officials blame
shelling". The label, a line-opening sentence or phrase of place names alone, places the
event the line tells without a place of its own (:func:`label_places`). A region an event
took only as the locator of a town ("a hospital in X, Y region damaged", parsed onto the
region) or as the line's label ("Y region: a street in X destroyed") stands for that town
(:func:`located_by`).
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.context import Context
from geomap.events.linking import most_specific
from geomap.events.merge import contains
from geomap.events.place import Place
from geomap.types import PlaceMention, Sentence

__all__ = ["capital_place", "label_at", "label_places", "located_by"]


def label_at(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens its line and a colon follows it ("X: ...")."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip(" #") and text[end:].lstrip().startswith(":")


def located_by(
    ctx: Context,
    mine: Sequence[Place],
    places: Sequence[Place],
    claimed: set[int],
    hit: int,
) -> list[Place]:
    """The towns of the sentence that a region among the event's places (``mine``)
    locates: named just before it as their parent, or after it when it is the label.

    ``claimed`` holds the heads of places another trigger took; ``hit`` is the event's
    main trigger token, on which the towns found are hung.
    """
    out: list[Place] = []
    for p in mine:
        if p.entry.level not in {"admin1", "admin2"}:
            continue
        m = p.mention
        label = label_at(ctx.text, m.start, m.end)
        out += [
            q
            for q in places
            if q not in mine
            and q not in out
            and q.head not in claimed
            and (
                (q.mention.parent is not None and q.mention.end <= m.start)
                or (label and q.mention.start > m.end)
            )
            and contains(p.entry, q.entry)
        ]
    for q in out:
        q.hit, q.dist = hit, 1
    return out


def label_places(
    ctx: Context, sentences: Sequence[Sentence], si: int, places: Sequence[Place], hit: int
) -> list[Place]:
    """The places of the label of sentence ``si``'s line, hung on trigger ``hit``.

    A place of the sentence itself opening the line before a colon ("X: three killed,
    officials blame shelling"), else the sentence before when it holds place names alone
    (with division words: "X, Y Oblast:") and opens the same line or the text.
    """
    text = ctx.text
    own = [p for p in places if label_at(text, p.mention.start, _label_end(p, places))]
    if own:
        return most_specific([Place(p.resolved, hit, "in", hit, 1) for p in own])
    if si == 0:
        return []
    label, told = sentences[si - 1], sentences[si]
    first_line = "\n" not in text[: label.start].strip()
    if "\n" in text[label.end : told.start] and not first_line:
        return []
    named = [r for r in ctx.resolved_in(label.start, label.end) if r.entry is not None]
    if not named or any(r.mention.role != "literal" for r in named):
        return []
    words = [
        t
        for t in label.tokens
        if t.pos not in {"PUNCT", "SPACE", "SYM"}
        and any(ch.isalnum() for ch in t.text)  # (an emoji, whatever its tag)
        and t.text.lower() not in W.LABEL_DIVISION_WORDS
    ]
    # (a name's location is part of the label: "X east of Y:", "X, 5 km from Y:")
    mentions = [r.mention for r in named]
    spans = [(m.start, m.end) for m in mentions]
    spans += [(m.end, a.start) for m in mentions for a in _anchors_after(m, mentions)]
    if any(not any(a <= t.start < b for a, b in spans) for t in words):
        return []  # a sentence telling something, not a label
    anchors = {r.mention.anchor for r in named if r.mention.anchor}
    located = [r for r in named if r.mention.name not in anchors] or named
    return most_specific([Place(r, hit, prep="in", hit=hit, dist=1) for r in located])


def _label_end(p: Place, places: Sequence[Place]) -> int:
    """Where the label a place opens ends: its own name, or the place it is located by
    ("X east of Y: ...", "X, 5 km from Y: ...": the label is X)."""
    anchors = _anchors_after(p.mention, [q.mention for q in places])
    return min((a.end for a in anchors), default=p.mention.end)


def _anchors_after(m: PlaceMention, mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The mentions after ``m`` of the place ``m`` is located by (its anchor)."""
    return [a for a in mentions if m.anchor and a.name == m.anchor and a.start > m.end]


#: Prepositions by which "the capital" is where an event happened.
_IN_CAPITAL = frozenset({"in", "near", "outside", "around", "across", "into", "at"})


def capital_place(ctx: Context, hit: int) -> list[Place]:
    """ "In the capital, police detained 11 ...": the capital city the article names
    itself (its dateline, or a capital named elsewhere), of the country a nationality
    gives ("the Chadian capital") or of the one country whose capital the article names."""
    tree = ctx.tree
    word = next(
        (
            t
            for t in tree.sentence
            if t.lemma.lower() == "capital"
            and t.pos == "NOUN"
            and t.dep == "pobj"
            and tree.tok[t.head].lemma.lower() in _IN_CAPITAL
        ),
        None,
    )
    if word is None:
        return []
    from geomap.events.inventory import demonym_country

    nation = next((demonym_country(c.text) for c in tree.children(word.i) if c.dep == "amod"), "")
    capitals = {
        r.entry.geonameid: r
        for r in ctx.resolved
        if r.entry is not None
        and r.entry.feature_code == "PPLC"
        and r.mention.role == "literal"
        and (not nation or r.entry.country_code == nation)
    }
    if len(capitals) != 1:
        return []  # none named, or several: which one, the text does not say
    (r,) = capitals.values()
    return [Place(r, word.i, prep="in", hit=hit, dist=1)]
