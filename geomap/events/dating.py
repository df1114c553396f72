"""Stage 4 helper (events): the date of a coded event.

The date phrases of :mod:`geomap.events.dates` are found in a sentence; an event takes
the one nearest its triggers in the parse tree, among those of its own clauses ("the
town that X reclaimed this week" dates the reclaiming, not the main clause). Without
one it takes the previous sentence's date in the same paragraph, else (told in the
simple past) the day the story is at (the last event an earlier sentence dated, within
a week of publication), else the publication date, at a precision its tense allows
(:func:`default_precision`). Past events dated
only by a year take the one day of that year the article gives
(:func:`refine_past_dates`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.casualties import figure_dep
from geomap.events.context import Context
from geomap.events.dates import WEEKDAYS, DatePhrase, find_date_phrases
from geomap.events.matching import TriggerHit
from geomap.events.record import Draft
from geomap.events.rules import Family
from geomap.events.syntax import Tree
from geomap.types import Sentence

__all__ = [
    "EventDate",
    "SentenceDates",
    "Timeline",
    "date_event",
    "default_precision",
    "own_date",
    "phrases_in",
    "phrases_under",
    "refine_past_dates",
    "same_paragraph",
    "skipped",
    "story_told",
]


@dataclass(frozen=True, slots=True)
class Timeline:
    """What dates a sentence's events besides its own date phrases.

    ``inherited`` is the previous sentence's date (same paragraph, none of its own);
    ``narrative`` the day of the story told so far (the last event an earlier sentence
    dated), which "a day later" or "hours later" move from; ``triggers`` the tokens of
    every trigger of the sentence (a clause holding one tells its own event).
    """

    inherited: DatePhrase | None = None
    narrative: dt.date | None = None
    triggers: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date: ``status`` "skip" drops the event, "planned" makes it planned."""

    date: dt.date | None
    precision: int
    explicit: bool
    status: str = "occurred"


def phrases_in(ctx: Context, start: int, end: int, *, future: bool = False) -> list[DatePhrase]:
    """The date phrases of ``text[start:end]``, with article offsets."""
    # no caller passes future=True, date_event re-reads planned phrases itself (mutation
    # testing: mutants of the future argument are equivalent)
    found = find_date_phrases(ctx.text[start:end], ctx.published, future=future)
    return [replace(p, start=p.start + start, end=p.end + start) for p in found]


def phrases_under(tree: Tree, token: int, phrases: Sequence[DatePhrase]) -> list[DatePhrase]:
    """The phrases of the clause of ``token`` or of one under it ("the incident started
    when police were called on Tuesday"), not of a clause it hangs on ("said it had
    targeted X on Friday and described the attack as ...")."""
    own = tree.clause(token)
    return [
        p
        for p in phrases
        if (head := tree.head_of_span(p.start, p.end)) is not None
        and own in tree.ancestors(tree.clause(head))
    ]


def own_date(phrases: Sequence[DatePhrase]) -> DatePhrase | None:
    """The date a sentence passes on to the next (its own only: no chains)."""
    return next((p for p in phrases if p.kind == "point" and not p.planned), None)


class SentenceDates:
    """Each sentence's own date, read once (for a next sentence with none of its own)."""

    def __init__(self, ctx: Context, sentences: Sequence[Sentence]) -> None:
        self.ctx = ctx
        self.sentences = sentences
        self.dates: dict[int, DatePhrase | None] = {}

    def date_of(self, si: int) -> DatePhrase | None:
        """Sentence ``si``'s own date (None in a skipped sentence)."""
        if si not in self.dates:
            sent = self.sentences[si]
            own = None
            if not skipped(self.ctx, sent):
                own = own_date(phrases_in(self.ctx, sent.start, sent.end))
            self.dates[si] = own
        return self.dates[si]


def same_paragraph(text: str, prev: Sentence, sent: Sentence) -> bool:
    """Whether no line break separates two sentences' words."""
    prev_words = [t for t in prev.tokens if t.text.strip() and t.pos != "PUNCT"]
    cur_words = [t for t in sent.tokens if t.text.strip() and t.pos != "PUNCT"]
    if not prev_words or not cur_words:
        return False
    return "\n" not in text[prev_words[-1].end : cur_words[0].start]


def skipped(ctx: Context, sent: Sentence) -> bool:
    """Whether a sentence lies in boilerplate the reader marked (cookie banners ...)."""
    return any(s <= sent.start and sent.end <= e for s, e in ctx.article.skip_spans)


def _resolve_forward(ctx: Context, phrases: list[DatePhrase]) -> list[DatePhrase]:
    """A planned event's phrases with weekdays and months resolved forward in time."""
    s = min(p.start for p in phrases)
    # (mutation testing: reading on to the text's end is equivalent, a later sentence's
    # phrases govern no clause of this one)
    e = max(p.end for p in phrases)
    fut = find_date_phrases(ctx.text[s:e], ctx.published, future=True)
    return [replace(p, start=p.start + s, end=p.end + s) for p in fut]


def _governing(
    tree: Tree, main: TriggerHit, group: Sequence[TriggerHit], phrases: Sequence[DatePhrase]
) -> list[DatePhrase]:
    """The phrases of the triggers' own clauses, nearest in the tree first."""
    scored: list[tuple[bool, bool, int, int, DatePhrase]] = []
    own = {a for h in group for a in tree.ancestors(h.token)}
    # a verb told alongside the trigger's shares its day ("beheaded four farmers and
    # burned homes over the weekend"), when the trigger's own clause gives none ("...
    # before dawn on Saturday, ..., and Hezbollah answered on Sunday": Saturday)
    governing = own | {
        c.i
        for h in group
        for c in tree.children(tree.clause(h.token))
        if c.dep == "conj" and c.pos == "VERB"
    }
    for p in phrases:
        head = tree.head_of_span(p.start, p.end)
        if head is None:
            continue
        if tree.clause(head) not in governing:
            continue  # a date of another clause ("the town that X reclaimed this week")
        dist = min(tree.distance(head, h.token) for h in group)
        # the day words were said, or a toll rose, dates the event only when nothing else
        # does
        borrowed = tree.clause(head) not in own
        later = _said_on(tree, p) or figure_moved_on(tree, p)
        scored.append((later, borrowed, dist, abs(p.start - main.start), p))
    scored.sort(key=lambda x: x[:4])
    return [x[4] for x in scored]


def _from_phrase(
    best: DatePhrase, scored: Sequence[DatePhrase], pub: dt.date | None, story: dt.date | None
) -> EventDate:
    """The date the best governing phrase gives (``story``: the day the story is at)."""
    if best.kind == "background" and best.date is not None:
        return EventDate(best.date, best.precision, True)  # a past event: its date
    if best.kind == "durative" and best.date is not None:
        return EventDate(best.date, best.precision, True)  # "fighting since Saturday"
    if best.kind in {"durative", "background"}:
        return EventDate(None, 3, True, "skip")
    if best.kind in {"shift", "sequel"}:
        ref = next((p for p in scored if p.kind == "point" and p.date), None)
        if best.kind == "sequel" or ref is None or ref.date is None:
            base = story or pub
        else:
            base = ref.date
        if base is None:
            return EventDate(None, 3, False)
        return EventDate(base + dt.timedelta(days=best.shift_days), best.precision, True)
    return EventDate(best.date, best.precision, True, "planned" if best.planned else "occurred")


def _qualifies_other(tree: Tree, phrase: DatePhrase, group: Sequence[TriggerHit]) -> bool:
    """Whether a shift ("a day after <event>") dates another event than the group's.

    In "The shelling came a day after a drone struck the market" the phrase dates the
    drone strike (inside its object) from the shelling; the shelling keeps its own day.
    """
    if phrase.kind != "shift":
        return False
    inside = _shifted(tree, phrase)
    if inside is None:
        return False
    return not any(inside == h.token or inside in tree.ancestors(h.token) for h in group)


def _shifted(tree: Tree, phrase: DatePhrase) -> int | None:
    """The token heading what a shift dates from another event: the object of its
    "after"/"before" ("a day after *a drone struck* the market"), or None."""
    pivot = next(
        (
            t
            for t in tree.sentence
            if phrase.start <= t.start < phrase.end and t.lemma.lower() in {"after", "before"}
        ),
        None,
    )
    if pivot is None:
        return None
    return pivot.i if pivot.dep != "mark" else pivot.head


def _own_day(tree: Tree, shift: DatePhrase, scored: Sequence[DatePhrase]) -> DatePhrase | None:
    """A day told inside the clause a shift dates ("two days after drones hit the depot
    *on Wednesday*"): that clause's own date, which the shift does not move."""
    inside = _shifted(tree, shift)
    if inside is None:
        return None
    for p in scored:
        head = tree.head_of_span(p.start, p.end)
        # told after the "after" (a date before it is the sentence's, whatever the parse)
        if (
            p.kind == "point"
            and p.date is not None
            and head is not None
            and p.start >= shift.end
            and (head == inside or inside in tree.ancestors(head))
        ):
            return p
    return None


def _day_of_other(
    tree: Tree, main: TriggerHit, shift: DatePhrase, scored: Sequence[DatePhrase]
) -> EventDate | None:
    """ "X came five days after an attack near Y on April 15": the day told after the
    shift is the other event's, and X, told before the shift and outside what it dates,
    lies the shift's days from it (April 20)."""
    inside = _shifted(tree, shift)
    if inside is None or main.start >= shift.start or inside in tree.ancestors(main.token):
        return None
    day = next(
        (p for p in scored if p.kind == "point" and p.date is not None and p.start >= shift.end),
        None,
    )
    if day is None or day.date is None:
        return None
    return EventDate(day.date - dt.timedelta(days=shift.shift_days), day.precision, True)


def _said_on(tree: Tree, phrase: DatePhrase) -> bool:
    """Whether a date phrase dates words said ("the governor *said on Tuesday* that ..."),
    not an event."""
    head = tree.head_of_span(phrase.start, phrase.end)
    if head is None:
        return False
    return tree.tok[tree.clause(head)].lemma.lower() in W.SPEECH_VERBS


def figure_moved_on(tree: Tree, phrase: DatePhrase) -> bool:
    """Whether a date phrase dates a figure's change ("the death toll rose to 19 *on
    Friday*", "..., bringing the toll to 19"), not the event it counts."""
    head = tree.head_of_span(phrase.start, phrase.end)
    if head is None:
        return False
    verb = tree.tok[tree.clause(head)]
    dep = figure_dep(verb.lemma.lower())
    if dep is None:
        return False
    # only a date told of the verb itself: one inside a noun phrase dates what the figure
    # counts ("the toll of Wednesday's strike", "raising the toll from Monday's strike")
    up = tree.tok[head].head
    while up != verb.i and tree.tok[up].pos == "ADP":  # "rose to 19 (on) Friday"
        up = tree.tok[up].head
    if head != verb.i and up != verb.i:
        return False
    return any(c.dep == dep and c.lemma.lower() in W.FIGURE_NOUNS for c in tree.children(verb.i))


def _told_within(
    tree: Tree, main: TriggerHit, phrases: Sequence[DatePhrase], timeline: Timeline
) -> DatePhrase | None:
    """A date of a clause inside the event's own that tells no event of its own.

    "a drone hit a car carrying volunteers who were delivering food near X on Sunday":
    the parser hangs the date in the relative clause, which tells no other event; the
    strike is dated by it. A clause with its own trigger ("the town that X seized last
    week") or a statement ("said on Tuesday") keeps its date.
    """
    own = tree.clause(main.token)
    for p in phrases:
        head = tree.head_of_span(p.start, p.end)
        if p.kind != "point" or p.date is None or head is None:
            continue
        clause = tree.clause(head)
        if clause == own or own not in tree.ancestors(head):
            continue
        inner = {k for k in timeline.triggers if clause in (k, *tree.ancestors(k))}
        if inner and not _simultaneous(tree, clause):
            continue  # "the town that X seized last week": the seizure's own date
        if tree.tok[clause].lemma.lower() in W.SPEECH_VERBS:
            continue
        return p
    return None


def _simultaneous(tree: Tree, clause: int) -> bool:
    """A clause telling what happened at the same time ("fighting flared on the front
    line *when* fighters attacked positions on Monday")."""
    return any(
        c.dep == "mark" and c.lemma.lower() in {"when", "as", "while"}
        for c in tree.children(clause)
    )


def _weekday_of_week_told(
    sequel: DatePhrase, day: DatePhrase | None, story: dt.date | None
) -> dt.date | None:
    """ "A week earlier, on Sunday": the weekday ``day`` names, in the week ``sequel``
    shifts the story's day to by a week or more (the Sunday nearest that day, not the
    last one before publication)."""
    if day is None or day.date is None or story is None or abs(sequel.shift_days) < 7:
        return None
    if not any(w in day.text.lower() for w in WEEKDAYS):
        return None
    target = story + dt.timedelta(days=sequel.shift_days)
    offset = (day.date.weekday() - target.weekday() + 3) % 7 - 3
    return target + dt.timedelta(days=offset)


def date_event(
    ctx: Context,
    main: TriggerHit,
    group: Sequence[TriggerHit],
    phrases: list[DatePhrase],
    timeline: Timeline,
    *,
    planned: bool,
) -> EventDate:
    """The date of the event ``group`` tells (see the module docstring).

    The caller reads status only as "skip" or "planned", the record a precision only
    with a date, and nothing of a skipped event (mutation testing: other spellings of
    "occurred", the precision beside a None date and the values beside "skip" are
    equivalent).
    """
    tree = ctx.tree
    if planned and phrases:
        done = _done_before(tree, main, group, phrases, ctx.published)
        if done is not None:  # "plan attacks such as the 2023 bombing of X": one done
            return EventDate(done.date, done.precision, True, "past")
        phrases = _resolve_forward(ctx, phrases)
    scored = [
        p for p in _governing(tree, main, group, phrases) if not _qualifies_other(tree, p, group)
    ]
    pub = ctx.published
    if scored:
        best = scored[0]
        if best.kind == "sequel":  # "Hours earlier, on Monday evening, ...": the day told
            day = next((p for p in scored if p.kind == "point" and p.date), None)
            if day is not None and day.date is not None and _said_on(tree, day):
                # "the governor said on Tuesday that a man was killed a day earlier"
                shifted = day.date + dt.timedelta(days=best.shift_days)
                return EventDate(shifted, best.precision, True)
            weekday = _weekday_of_week_told(best, day, timeline.narrative or pub)
            if weekday is not None:
                return EventDate(weekday, 1, True)
            best = day or best
        elif best.kind == "shift":
            after = _day_of_other(tree, main, best, scored)
            if after is not None:
                return after
            best = _own_day(tree, best, scored) or best
        when = _from_phrase(best, scored, pub, timeline.narrative)
        # the day a toll rose is no more than the latest the event can be: a later telling
        # of it may date it ("The strike on Wednesday night ...")
        return replace(when, explicit=False) if figure_moved_on(tree, best) else when
    within = _told_within(tree, main, phrases, timeline)
    if within is not None:
        return _from_phrase(within, [within], pub, timeline.narrative)
    past = [p for p in phrases if p.kind == "background" and p.date is not None]
    if past and not any(p.kind == "point" for p in phrases):
        return EventDate(past[0].date, past[0].precision, True)  # "... a decade ago"
    inherited = timeline.inherited
    if inherited is not None and not planned:
        return EventDate(inherited.date, inherited.precision, True)
    if pub is None:
        return EventDate(None, 3, False)
    precision = default_precision(ctx.tree, main)
    story = timeline.narrative
    if (
        story is not None
        and _simple_past(ctx.tree, main)
        and 0 <= (pub - story).days <= _STORY_DAYS
    ):
        # told in the past tense after the story's day was given: that day, not the
        # publication's ("Police shot two protesters on Monday. ... Demonstrators also
        # blocked the highway.")
        return EventDate(story, 1, False)
    return EventDate(pub, precision, False)


def _done_before(
    tree: Tree,
    main: TriggerHit,
    group: Sequence[TriggerHit],
    phrases: Sequence[DatePhrase],
    pub: dt.date | None,
) -> DatePhrase | None:
    """A past year dating an event its clause tells as planned: an example of what is
    planned, done before ("to plan attacks such as the 2023 bombing")."""
    if pub is None:
        return None
    return next(
        (
            p
            for p in _governing(tree, main, group, phrases)
            if p.kind == "background" and p.date is not None and p.date.year < pub.year
        ),
        None,
    )


def story_told(tree: Tree, phrase: DatePhrase) -> bool:
    """Whether a date phrase moves the story: it dates the sentence's own telling (its
    main clause, or a clause told alongside), not words said ("officials said on
    Tuesday") nor a noun's background ("operatives involved in the October 7 attacks")."""
    head = tree.head_of_span(phrase.start, phrase.end)
    if head is None:
        return False
    tok = tree.tok[head]
    gov = tree.tok.get(tok.head)
    if tok.dep in {"compound", "nmod", "amod", "poss"} and gov is not None and gov.pos == "NOUN":
        return False  # "rebuilding after the September 2023 floods": the floods' date
    verb = next((tree.tok[a] for a in tree.ancestors(head) if tree.tok[a].pos == "VERB"), None)
    if verb is None or verb.lemma.lower() in W.SPEECH_VERBS:
        return False
    clause = tree.tok[tree.clause(verb.i)]
    return clause.dep in {"ROOT", "ccomp", "conj", "advcl", "parataxis"}


def _simple_past(tree: Tree, main: TriggerHit) -> bool:
    """Whether the trigger's clause is told in the simple past ("hit", "were killed"),
    not ongoing ("were now massing") or of the present."""
    head = tree.tok[tree.clause(main.token)]
    kids = tree.children(head.i)
    # a participle takes its tense from the verb it hangs on ("saw protesters ... while
    # marching through the city")
    while (
        head.tag in {"VBG", "VBN"}
        and head.dep in {"advcl", "acl", "xcomp", "pcomp"}
        and not any(c.dep in {"aux", "auxpass"} for c in kids)
        and head.head in tree.tok
    ):
        head = tree.tok[tree.clause(head.head)]
        kids = tree.children(head.i)
    if any(c.lemma.lower() in _NOW for c in kids) or head.tag == "VBG":
        return False
    if head.tag == "VBD":
        return True
    return head.tag == "VBN" and any(c.dep == "auxpass" and c.tag == "VBD" for c in kids)


#: Adverbs of the present ("troops were *now* massing").
_NOW = frozenset({"now", "currently", "still", "today"})
#: How far before publication the story's day may lie to date an undated event.
_STORY_DAYS = 7


def default_precision(tree: Tree, main: TriggerHit) -> int:
    """Undated events: 1 for a simple past, 2 for a present perfect, 3 for "has been -ing"."""
    clause = tree.clause(main.token)
    head = tree.tok[clause]
    # a passive "be" never heads a "-ing" form, and head is tree.tok[clause], so a VBN is
    # no VBD (mutation testing: mutants of "auxpass" and of the VBD test are equivalent)
    aux = {c.lemma.lower() for c in tree.children(clause) if c.dep in {"aux", "auxpass"}}
    if "have" in aux and "be" in aux and head.tag == "VBG":
        return 3
    if "have" in aux and head.tag == "VBN" and tree.tok[clause].tag != "VBD":
        adv = {c.lemma.lower() for c in tree.children(clause)}
        return 1 if "just" in adv else 2
    return 1


def refine_past_dates(text: str, published: dt.date | None, drafts: Sequence[Draft]) -> None:
    """A past event dated only by its year ("ten years since") takes the one explicit
    day of that year the article gives ("on 17 July 2014"), if it gives exactly one."""
    vague = [
        d
        for d in drafts
        if d.family == Family.VIOLENCE
        and d.event.event_date is not None
        and d.event.time_precision == 3
        and d.event.event_date.timetuple().tm_yday == 1
        and published is not None
        and d.event.event_date.year < published.year - 1
    ]
    if not vague:
        return
    days: dict[int, set[dt.date]] = {}
    for p in find_date_phrases(text, published):
        if p.kind == "background" and p.date is not None and p.precision == 1:
            days.setdefault(p.date.year, set()).add(p.date)
    for d in vague:
        assert d.event.event_date is not None
        found = days.get(d.event.event_date.year, set())
        if len(found) == 1:
            d.event = replace(d.event, event_date=next(iter(found)), time_precision=1)
