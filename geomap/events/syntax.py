"""Stage 4 helper (events): the dependency tree of a sentence, and a trigger's modality.

:class:`Tree` holds an article's tokens by index and the tokens of the sentence being
read; every tree walk of the events stage goes through its public methods.
:func:`modality` tells a reported event from a wished-for, denied or planned one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Sequence

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.matching import TriggerHit
from geomap.events.rules import Family, Role
from geomap.types import Token

__all__ = ["Tree", "infinitive", "modality"]

#: Longest path walked up from a token (parses are trees; this only bounds a cycle).
_MAX_DEPTH = 60


class Tree:
    """Tree walks over an article's parsed tokens (heads never cross sentences).

    ``tok`` maps a token's article index to the token; ``sentence`` holds the tokens
    of the sentence being read (:meth:`children` looks only there).
    """

    def __init__(self, tokens: dict[int, Token]) -> None:
        self.tok = tokens
        self.sentence: Sequence[Token] = ()
        # the current sentence's tokens by head, and the sentence they were read from
        self._kids: dict[int, list[Token]] = {}
        self._kids_of: Sequence[Token] | None = None

    @contextlib.contextmanager
    def reading(self, sentence: Sequence[Token]) -> Iterator[None]:
        """Read another sentence for a while ("the attack" re-read in its own sentence)."""
        saved = self.sentence
        self.sentence = sentence
        try:
            yield
        finally:
            self.sentence = saved

    def head(self, tok: Token) -> Token | None:
        """The syntactic head of ``tok`` (None for a root, or outside the article)."""
        return self.tok.get(tok.head)

    def ancestors(self, i: int) -> list[int]:
        """Token ``i`` and its heads up to the root, nearest first."""
        out = [i]
        while len(out) < _MAX_DEPTH:
            head = self.tok[out[-1]].head
            if head == out[-1] or head not in self.tok:
                break
            out.append(head)
        return out

    def children(self, i: int) -> list[Token]:
        """The tokens of the current sentence that hang on token ``i``.

        Read from the sentence's tokens grouped by head once per sentence (a scan of the
        sentence per call made the steps that ask it quadratic in its length).
        """
        if self._kids_of is not self.sentence:
            kids: dict[int, list[Token]] = {}
            for t in self.sentence:
                if t.head != t.i:
                    kids.setdefault(t.head, []).append(t)
            self._kids, self._kids_of = kids, self.sentence
        return list(self._kids.get(i, ()))

    def under(self, i: int) -> list[Token]:
        """The tokens of the current sentence that hang, at any depth, on token ``i`` (``i``
        itself among them)."""
        return [t for t in self.sentence if i in self.ancestors(t.i)]

    def definite(self, i: int) -> bool:
        """Whether token ``i`` takes a definite determiner ("*the* attack", "this bombing")."""
        return any(c.dep == "det" and c.text.lower() in W.DEFINITE for c in self.children(i))

    def has_object(self, i: int) -> bool:
        """Whether token ``i`` has a direct object."""
        return any(c.dep == "dobj" for c in self.children(i))

    def clause(self, i: int) -> int:
        """The verb whose clause holds token ``i`` (the root when there is none)."""
        for a in self.ancestors(i):
            if self.tok[a].pos in {"VERB", "AUX"}:
                return a
        return self.ancestors(i)[-1]

    def distance(self, a: int, b: int) -> int:
        """Edges between two tokens through their lowest common ancestor (99: unrelated)."""
        anc_a, anc_b = self.ancestors(a), self.ancestors(b)
        pos_b = {x: k for k, x in enumerate(anc_b)}
        for k, x in enumerate(anc_a):
            if x in pos_b:
                return k + pos_b[x]
        return 99

    def head_of_span(self, start: int, end: int) -> int | None:
        """The token of the current sentence that heads the text ``[start, end)``."""
        inside = [t for t in self.sentence if t.start >= start and t.end <= end]
        if not inside:
            return None
        ids = {t.i for t in inside}
        for t in inside:
            if t.head not in ids or t.head == t.i:
                return t.i
        return inside[0].i


# --------------------------------------------------------------------------- modality


#: Determiners of any event of a kind ("every shot fired on the border ...").
_ANY_DETERMINERS = frozenset({"every", "each", "any"})


def _generic_statement(tree: Tree, i: int) -> bool:
    """ "Protests in X are very rare": a plural event noun said to be rare or common;
    "every shot fired on the border reminds people ...": any event of a kind."""
    tok = tree.tok[i]
    head = tree.head(tok)
    nouns = [head if tok.dep == "acl" and head is not None else tok]
    nouns += [c for c in tree.children(i) if c.dep in {"nsubj", "nsubjpass"}]
    if any(
        c.dep == "det" and c.lemma.lower() in _ANY_DETERMINERS
        for noun in nouns
        for c in tree.children(noun.i)
    ):
        return True
    if tok.tag != "NNS" or tok.dep != "nsubj" or head is None or head.lemma.lower() != "be":
        return False
    return any(
        c.dep == "acomp" and c.lemma.lower() in W.GENERIC_ADJECTIVES for c in tree.children(head.i)
    )


def _not_told(tree: Tree, i: int) -> bool:
    """An event noun that is no report of an event: a measure of it ("the level of
    fighting in X is incomprehensible") or the reason of a sentence or a reaction
    ("activists jailed over a highway protest", "condemned for the bombing")."""
    tok = tree.tok[i]
    up = tree.head(tok)
    if tok.dep != "pobj" or up is None:
        return False
    noun = tree.head(up)
    if noun is None:
        return False
    if up.lemma.lower() == "of" and noun.lemma.lower() in W.MEASURE_NOUNS:
        return True
    if up.lemma.lower() in {"to", "of"} and noun.lemma.lower() in _REMEMBRANCE_NOUNS:
        return True  # "next to the memorial to the 1943 battle": what is remembered
    if up.lemma.lower() == "from" and (
        noun.lemma.lower() in _DISTANCE_WORDS
        or any(c.lemma.lower() in _DISTANCE_WORDS for c in tree.children(up.i))
    ):
        return True  # "a plant 60 kilometers from the fighting": a distance, told elsewhere
    if up.lemma.lower() == "in" and noun.lemma.lower() in _PART_NOUNS and noun.dep == "pobj":
        # "convicted for his role in the massacre": the massacre is what he was tried for
        return _not_told(tree, noun.i)
    return (
        up.lemma.lower() in {"over", "for"}
        and noun.pos == "VERB"
        and noun.lemma.lower() in W.LEGAL_VERBS | W.REACTION_VERBS
    )


#: Prepositions by which a charge names its act ("accused *of*", "charged *with*").
_CHARGE_PREPS = frozenset({"of", "with", "for"})
#: Determiners and the like that make an event noun one event, not a kind of them.
_ONE_EVENT_DEPS = frozenset({"det", "poss", "nummod"})


def _alleged_kind(tree: Tree, i: int) -> bool:
    """A kind of events someone is accused of ("a man suspected of guiding strikes on
    the city", "charged with attacks on police"): a charge, no report of one event.
    "Suspected of carrying out Tuesday's bombing" names one, and is kept."""
    tok = tree.tok[i]
    while tok.dep == "compound" and tree.head(tok) is not None:
        tok = tree.tok[tok.head]  # "drone strikes": the kind is the head noun's
    if tok.tag != "NNS" or any(c.dep in _ONE_EVENT_DEPS for c in tree.children(tok.i)):
        return False
    below = tok
    for a in tree.ancestors(tok.i):
        head = tree.tok[a]
        if a != tok.i and head.lemma.lower() in W.CHARGE_VERBS:
            return below.dep == "prep" and below.lemma.lower() in _CHARGE_PREPS
        below = head
    return False


#: Nouns of what remembers an event: the event is no report ("a memorial to the battle").
_REMEMBRANCE_NOUNS = frozenset(
    {"memorial", "monument", "anniversary", "commemoration", "museum", "plaque", "statue"}
)  # fmt: skip
#: Words of a distance from something ("60 kilometers from the fighting").
_DISTANCE_WORDS = frozenset(
    {"kilometer", "kilometre", "km", "mile", "metre", "meter", "away", "far", "distance"}
)  # fmt: skip


def _since_untold(tree: Tree, i: int) -> bool:
    """An event in a clause opened by "since" with no day of its own ("has been based
    there since fighting made the capital unlivable"): background, told as a time."""
    tok = tree.tok[i]
    head = tree.head(tok)
    if tok.dep in {"pcomp", "pobj"} and head is not None and head.lemma.lower() == "since":
        # "since fighting (made ...)": the parser's other reading ("since a coup in 2020"
        # tells its year: a past event of its own)
        return not any(t.ent_type == "DATE" for t in tree.under(i))
    clause = next(
        (
            a
            for a in tree.ancestors(i)[:3]
            if any(c.dep == "mark" and c.lemma.lower() == "since" for c in tree.children(a))
        ),
        None,
    )
    if clause is None:
        return False
    return not any(t.ent_type == "DATE" for t in tree.under(clause))


#: Nouns of someone's share in an event ("his role in the massacre").
_PART_NOUNS = frozenset({"role", "part", "involvement", "participation", "complicity"})


def _in_named_war(tree: Tree, i: int) -> bool:
    """An event "during the Vietnam War", "in the Second World War": one of a war the
    text names with a capital, a war of the past (today's are "the war in X")."""
    for prep in tree.children(i):
        if prep.dep != "prep" or prep.lemma.lower() not in {"during", "in"}:
            continue
        for war in tree.children(prep.i):
            named = war.dep == "pobj" and war.lemma.lower() == "war" and war.text[:1] == "W"
            if named and any(c.pos == "PROPN" or c.dep == "amod" for c in tree.children(war.i)):
                return not _title_case(tree)
    return False


def _among_the_toll(tree: Tree, tok: Token) -> bool:
    """ "were among the dead and wounded": the victims of an event told elsewhere, named
    by the definite toll they belong to."""
    if tok.lemma.lower() not in _TOLL_NOUNS:
        return False
    if tok.dep == "conj":  # "the dead and wounded" (the parser may hang it on the verb)
        before = tree.tok.get(tok.i - 2)
        return (
            before is not None and tree.tok[tok.i - 1].dep == "cc" and _among_the_toll(tree, before)
        )
    prep = tree.head(tok) if tok.dep == "pobj" else None
    return prep is not None and prep.lemma.lower() == "among" and tree.definite(tok.i)


#: Words of a toll used as nouns ("the dead", "the wounded").
_TOLL_NOUNS = frozenset({"dead", "wound", "wounded", "injured", "injure", "victim", "casualty"})


def _title_case(tree: Tree) -> bool:
    """A sentence in title case (a headline style where every word is capitalised)."""
    words = [t for t in tree.sentence if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) > 2 and all(t.text[:1].isupper() for t in words)


def modality(tree: Tree, hit: TriggerHit) -> str:
    """Return "occurred", "planned" or "skip" for a trigger.

    "skip" for a wished-for, refused, denied, negated, modal or background event, and
    for a generic statement about a kind of event ("protests are rare").
    """
    if _generic_statement(tree, hit.token) or _not_told(tree, hit.token):
        return "skip"
    tok = tree.tok[hit.token]
    # "Take Bamenda, where ...": the reader is asked to consider it; "residents were
    # among the dead": who the victims of an event told elsewhere were
    if _imperative(tree, tok) or _among_the_toll(tree, tok):
        return "skip"
    if (
        _in_named_war(tree, hit.token)
        or _alleged_kind(tree, hit.token)
        or _since_untold(tree, hit.token)
    ):
        return "skip"
    status = "occurred"
    below = tree.tok[hit.token]  # the node on the way up from the trigger to ``a``
    for a in tree.ancestors(hit.token):
        tok = tree.tok[a]
        if a != hit.token and _apart(tree, below, tok):
            break  # "a car bomb blew up in X; the commander was not at home"
        if _hypothetical(tree, tok) and a != hit.token:
            return "skip"
        if tok.lemma.lower() in W.INTENT_VERBS and below.dep == "xcomp" and a != hit.token:
            return "skip"  # "agreed to cause disruption", "decided to storm": intent
        for c in tree.children(a):
            low = c.text.lower()
            if c.dep == "neg" or (c.tag == "MD" and low in W.MODALS):
                return "skip"
            if c.dep == "det" and low in W.NONE_WORDS and Role.VICTIM not in hit.rule.roles:
                return "skip"  # "no impacts reported" ("no casualties" is a toll of 0)
            if _habitual(tree, c):
                return "skip"  # "originally planned", "regularly carries out bombings"
            if (c.tag == "MD" and low in W.FUTURE_MODALS) or (
                c.lemma.lower() in W.PLAN_WORDS and c.dep in {"acomp", "xcomp", "amod"}
            ):
                status = "planned"
        if (
            tok.lemma.lower() in W.PLAN_WORDS
            and tok.pos in {"VERB", "ADJ"}
            and a != hit.token
            and below.dep in _PLANNED_DEPS
            and (tok.lemma.lower() != "set" or below.dep == "xcomp")  # "set to", not "set fire"
        ):
            status = "planned"  # "set to meet", "scheduled talks"; not "protesters set fire"
        below = tok
    return status


#: Verbs an article uses to turn the reader to an example ("Take X", "Consider Y").
_CONSIDER_VERBS = frozenset({"take", "consider", "look", "imagine", "remember"})


def _imperative(tree: Tree, tok: Token) -> bool:
    """A verb asking the reader to consider something, opening its sentence with no
    subject ("Take X, where ..."); not a headline's "Strike on X"."""
    if tok.tag != "VB" or tok.dep != "ROOT" or tok.lemma.lower() not in _CONSIDER_VERBS:
        return False
    words = [t for t in tree.sentence if t.text.strip() and t.pos != "PUNCT"]
    if not words or words[0].i != tok.i:
        return False
    return not any(c.dep in {"nsubj", "nsubjpass", "expl"} for c in tree.children(tok.i))


def _habitual(tree: Tree, c: Token) -> bool:
    """Whether ``c`` tells a habit or a past ("regularly", "originally"; "has seen
    protests many times" is no event, "attacked several times on Friday" is one)."""
    if c.dep == "advmod" and c.text.lower() in W.BACKGROUND_ADVERBS | W.HABITUAL_ADVERBS:
        return True
    perfect = _perfect(tree, c.head)
    low = c.text.lower()
    if (c.dep == "advmod" and low == "repeatedly") or (c.dep == "amod" and low in _REPEATED):
        # "X has been struck repeatedly", "X has been the scene of repeated protests": a
        # record, unless a time bounds it ("have repeatedly struck X since Sunday")
        verb = next(
            (tree.tok[a] for a in tree.ancestors(c.head) if tree.tok[a].pos in _VERBS), None
        )
        return (
            verb is not None
            and _perfect(tree, verb.i)
            and not any(t.ent_type in {"DATE", "TIME"} for t in tree.under(verb.i))
        )
    return (
        c.dep == "npadvmod"
        and c.lemma.lower() == "time"
        and any(g.lemma.lower() in _MANY for g in tree.children(c.i))
        and perfect
    )


def _perfect(tree: Tree, i: int) -> bool:
    """Whether the verb at ``i`` is in a perfect tense ("has been struck")."""
    return any(a.dep == "aux" and a.lemma.lower() == "have" for a in tree.children(i))


#: Adjectives of a record of events ("repeated protests", "frequent raids").
_REPEATED = frozenset({"repeated", "frequent", "recurrent", "recurring"})
_VERBS = frozenset({"VERB", "AUX"})


_MANY = frozenset({"many", "countless", "numerous"})


def _apart(tree: Tree, below: Token, head: Token) -> bool:
    """Whether a semicolon parts a clause from the verb the parser hung it on, or a comma
    one told before a verb that reports nothing: two statements, the second's negation or
    modality not the first's ("a drone hit a house, the owners were not at home"; not "a
    drone hit a house, officials denied")."""
    if below.dep not in {"ccomp", "parataxis", "conj"}:
        return False
    lo, hi = sorted((below.i, head.i))
    between = [t.text for t in tree.sentence if lo < t.i < hi]
    if ";" in between:
        return True
    low = head.lemma.lower()
    reporting = low in W.SPEECH_VERBS or low in W.HYPOTHETICAL_VERBS
    return below.i < head.i and "," in between and not reporting


#: How what is planned hangs on a word of a plan ("plans *to strike*", "scheduled *talks*").
_PLANNED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "nsubjpass", "advcl", "acl", "prep"})


def _hypothetical(tree: Tree, tok: Token) -> bool:
    """A verb under which an event is wished for, refused or denied ("*ruled out* an
    offensive"; "has *ruled* Mali since a coup" tells one)."""
    low = tok.lemma.lower()
    if tok.pos == "NOUN" and low in W.HYPOTHETICAL_NOUNS:
        return True  # "renewed calls for both sides to agree a ceasefire"
    if tok.pos != "VERB" or low not in W.HYPOTHETICAL_VERBS:
        return False
    particle = W.HYPOTHETICAL_PARTICLES.get(low)
    return particle is None or any(
        c.dep == "prt" and c.lemma.lower() == particle for c in tree.children(tok.i)
    )


def reduced_passive(tree: Tree, verb: Token, lemmas: Collection[str]) -> bool:
    """A headline's verb among ``lemmas`` with no object: its subject is what was acted
    on, not who acted ("4 Palestinians killed", "drone downed over X")."""
    return verb.pos == "VERB" and verb.lemma.lower() in lemmas and not tree.has_object(verb.i)


#: Verbs of the means a past act used ("used drones to strike", "deployed tanks to
#: storm"); "used to attack" alone is a habit.
_INSTRUMENT_VERBS = frozenset({"use", "deploy", "employ", "send", "dispatch"})


def _attempts_made(tree: Tree, tok: Token) -> bool:
    """Whether the infinitive ``tok`` tells what attempts made in the past were ("made 30
    attempts to advance", the infinitive on the noun or, as the parser may hang it, on
    the verb)."""
    head = tree.head(tok)
    if head is None:
        return False
    if tok.dep == "acl":
        nouns, verb = [head], tree.head(head)
    elif tok.dep in {"advcl", "xcomp"}:
        nouns, verb = [c for c in tree.children(head.i) if c.dep == "dobj"], head
    else:
        return False
    return (
        verb is not None
        and verb.tag in {"VBD", "VBN"}
        and any(n.lemma.lower() in W.ATTEMPT_VERBS and n.pos == "NOUN" for n in nouns)
    )


def intercepting(tree: Tree, h: TriggerHit, hits: Sequence[TriggerHit]) -> bool:
    """The verb of an interception ("air defences *destroyed* 22 drones")."""
    if tree.tok[h.token].lemma.lower() not in W.INTERCEPT_VERBS:
        return False
    weapons = {w.token for w in hits if w.rule.weapon}
    return any(c.i in weapons and c.dep in {"dobj", "nsubjpass"} for c in tree.children(h.token))


def _own_subject(tree: Tree, verb: Token) -> bool:
    """Whether ``verb`` has a subject of its own."""
    return any(c.dep in {"nsubj", "nsubjpass"} for c in tree.children(verb.i))


def own_conjunct(
    tree: Tree, tokens: Sequence[Token], mine: Collection[int], others: Collection[int]
) -> list[Token]:
    """``tokens`` less the coordinated clauses, with subjects of their own, that tell
    another event and none of the triggers ``mine`` (of ``others``), or only the one that
    tells ``mine``: in "a strike destroyed a building, killing 29, and Hezbollah answered
    on Sunday, firing rockets", the 29 dead are the strike's, none the rockets'."""
    out = list(tokens)
    for t in tree.sentence:
        # (a clause of its own, with its own subject: "a rocket hit X and killed 12" is
        # one event's telling)
        if t.dep != "conj" or t.pos != "VERB" or not _own_subject(tree, t):
            continue
        sub = {x.i for x in tree.under(t.i)}
        if sub.issuperset(mine) and not sub.issuperset(others):
            out = [x for x in out if x.i in sub]
        elif sub.isdisjoint(mine) and not sub.isdisjoint(others):
            out = [x for x in out if x.i not in sub]
    return out


def attempted(tree: Tree, hit: TriggerHit, lemmas: Sequence[str]) -> bool:
    """Whether the trigger, a word of ``lemmas``, is told as tried in the past ("made 30
    attempts to advance", "tried to advance"); a word typed by it ("an attack" in a line
    of advancing troops) is not the one tried."""
    tok = tree.tok[hit.token]
    head = tree.head(tok)
    if tok.lemma.lower() not in lemmas:
        return True
    if head is None:
        return False
    return _attempts_made(tree, tok) or _tried(tok, head)


def _tried(tok: Token, head: Token) -> bool:
    """Whether the infinitive ``tok`` is what its verb ``head`` tried in the past ("tried
    to storm X")."""
    return (
        tok.dep == "xcomp" and head.lemma.lower() in W.ATTEMPT_VERBS and head.tag in {"VBD", "VBN"}
    )


def infinitive(tree: Tree, hit: TriggerHit) -> bool:
    """A trigger verb in the infinitive ("used to attack shipping", "able to strike").

    Not the purpose of a crowd's gathering: in "thousands took to the streets to
    protest" or "gathered to demonstrate" the protest is what they did; nor a violent
    act told as tried ("troops tried to storm X": they stormed it, and failed).
    """
    tok = tree.tok[hit.token]
    if tok.pos != "VERB" or not any(
        c.dep == "aux" and c.text.lower() == "to" for c in tree.children(hit.token)
    ):
        return False
    head = tree.head(tok)
    if _attempts_made(tree, tok):
        return hit.rule.family != Family.VIOLENCE  # "made 30 attempts to advance near X"
    if head is None or tok.dep not in {"advcl", "xcomp", "conj"}:
        return True
    if hit.rule.family == Family.PROTEST and head.lemma.lower() in W.GATHER_VERBS:
        return False
    if (
        head.lemma.lower() in _INSTRUMENT_VERBS
        and head.tag in {"VBD", "VBN"}
        and tree.has_object(head.i)
    ):
        return False  # "used drones to strike a house": the strike was made with them
    # a violent act told as tried in the past was made ("troops tried to storm X")
    return not (hit.rule.family == Family.VIOLENCE and _tried(tok, head))
