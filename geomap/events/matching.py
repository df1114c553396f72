"""Stage 4 helper, events: match the trigger table against a sentence's lemmas.

:func:`match_triggers` tries the rules of :mod:`geomap.events.rules` longest first,
then by priority; a token taken by one match is not the head of another. Lemmas are
read as the rules spell them (:func:`norm_lemma`): weapon designations take their
rule's key, plurals the lemmatiser left and typing slips of long triggers take the
trigger's lemma.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)
from geomap.events.rules import RULES, Family, Role, Rule
from geomap.places.demonyms import country_of_demonym
from geomap.types import Token

__all__ = ["TriggerHit", "match_triggers", "norm_lemma", "slips"]


@dataclass(frozen=True, slots=True)
class TriggerHit:
    """A rule matched in a sentence: ``token`` is the article index of the head token."""

    rule: Rule
    token: int
    start: int
    end: int


def _in_order(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    """Longest rules first, then the higher priority (the order matching tries them)."""
    return tuple(sorted(rules, key=lambda r: (-len(r.lemmas), -r.priority)))


#: The rules of long text: every rule but the headline-only ones; the victims' words
#: ("were killed") are read too, as the toll of a strike told in the same sentence
#: (alone they tell no event in an article: see ``coder._tolls_joined``).
_ARTICLE_RULES = _in_order(
    [r for r in RULES if Role.HEADLINE not in r.roles or Role.VICTIM in r.roles]
)
#: The rules of headline-style text: every rule but the anaphoric generic ones (no
#: antecedent is needed in a headline).
_HEADLINE_RULES = _in_order([r for r in RULES if Role.GENERIC not in r.roles])


def _by_first_lemma(rules: Sequence[Rule]) -> dict[str, tuple[int, ...]]:
    """The positions in ``rules`` of the rules each first lemma opens."""
    index: dict[str, list[int]] = {}
    for k, rule in enumerate(rules):
        index.setdefault(rule.lemmas[0], []).append(k)
    return {lemma: tuple(ks) for lemma, ks in index.items()}


_ARTICLE_FIRST = _by_first_lemma(_ARTICLE_RULES)
_HEADLINE_FIRST = _by_first_lemma(_HEADLINE_RULES)


def _rules_opened(where: dict[str, list[int]], *, headline: bool) -> list[Rule]:
    """The rules whose first lemma is in the sentence, in the order matching tries them
    (a sentence opens a few of the table's rules: the others are not read)."""
    rules, first = (
        (_HEADLINE_RULES, _HEADLINE_FIRST) if headline else (_ARTICLE_RULES, _ARTICLE_FIRST)
    )
    return [rules[k] for k in sorted(k for lemma in where for k in first.get(lemma, ()))]


#: Tokens of weapon designations, to the key their rule uses ("tos-1a" -> "tos",
#: "kh-101" -> "kh", "tochka-u" -> "tochka", "mrls" -> "mlrs", "fab-500" -> "fab",
#: "shahed-136" -> "shahed", "iskander-m" -> "iskander").
_WEAPON_TOKEN = re.compile(
    r"^(tos|kh|tochka|mlrs|mrls|fab|kab|shahed|geran|lancet|iskander|kalibr|kinzhal)"
    r"(?:-?\d+[a-z]{0,2}|-[a-z]{1,2})?s?$"
)

#: Every lemma a rule reads.
_RULE_LEMMAS = frozenset(w for r in RULES for w in r.lemmas)


def slips(word: str) -> set[str]:
    """A word with one letter dropped or two neighbours swapped (typing slips)."""
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return out - {word}


#: Typing slips of the long one-word violence triggers ("Shellng", "artilery", "misile")
#: to the trigger; shorter words and the parts of longer rules have real words one slip
#: away ("solder", "luster").
_SLIPS = {
    slip: word
    for r in RULES
    if r.family == Family.VIOLENCE and len(r.lemmas) == 1 and len(word := r.lemmas[0]) >= 7
    for slip in slips(word)
    if slip not in _RULE_LEMMAS
}


@functools.lru_cache(maxsize=1 << 16)
def norm_lemma(lemma: str) -> str:
    """A lemma as the rules spell it (cached: news vocabulary is small).

    Designations take their rule's key; plurals the lemmatiser left (capitalised words
    are read as proper nouns: "Cluster Munitions", "Strikes") and typing slips of long
    triggers take the trigger's lemma.
    """
    low = lemma.lower()
    weapon = _WEAPON_TOKEN.match(low)
    if weapon is not None:
        return weapon.group(1).replace("mrls", "mlrs")
    if low in _RULE_LEMMAS:
        return low
    for suffix, stem in (("s", low[:-1]), ("es", low[:-2]), ("ies", low[:-3] + "y")):
        if low.endswith(suffix) and stem in _RULE_LEMMAS:
            return stem
    return _SLIPS.get(low, low.replace("-", ""))


def match_triggers(tokens: Sequence[Token], *, headline: bool = False) -> list[TriggerHit]:
    """Return every rule match in ``tokens`` (one sentence), left to right.

    Rules are tried longest first, then by priority; a token taken by one match is
    not the head of another.

    Parameters
    ----------
    tokens
        The sentence's tokens.
    headline
        Read the sentence as headline-style text: the headline rules apply too, the
        generic anaphoric ones do not.
    """
    lemmas = _aircraft_compounds(tokens, list(map(norm_lemma, [t.lemma for t in tokens])))
    where: dict[str, list[int]] = {}
    for i, lemma in enumerate(lemmas):
        where.setdefault(lemma, []).append(i)
    hits: list[TriggerHit] = []
    taken: set[int] = set()
    armed = not W.ARMED_MEN.isdisjoint(where)
    national: bool | None = None  # a demonym modifies some word (read when a rule needs it)
    for rule in _rules_opened(where, headline=headline):
        starts = where.get(rule.lemmas[0])
        # the pre-checks and the last start only save _window calls that would fail
        # (mutation testing: checking fewer words, or a later last start, is equivalent)
        if starts is None or any(w not in where for w in rule.lemmas[1:]):
            continue
        if rule.unless and not rule.unless.isdisjoint(where):
            continue  # "troops marched": no protest march
        if rule.unless_nouns and any(
            lemmas[i] in rule.unless_nouns and tokens[i].pos in {"NOUN", "PROPN"}
            for i in range(len(tokens))
        ):
            continue  # "a landslide blocked the road": no blockade
        lacking = bool(rule.needs) and rule.needs.isdisjoint(where)
        # "troops seized Novohrodivka": a name taken by armed men stands for "the village"
        # a nation's forces are armed men ("a Russian assault"), not a crowd
        forces = False
        if lacking and rule.needs <= W.ARMED_MEN:
            if national is None:
                national = any(t.dep == "amod" and _demonym(t) for t in tokens)
            forces = national
        if lacking and not ((rule.named_object and armed) or forces):
            continue
        last_start = len(tokens) - len(rule.lemmas)
        for i in starts:
            if i > last_start:
                break
            window = _window(lemmas, i, rule.lemmas)
            if window is None or not _fits(rule, tokens, lemmas, window, taken=taken):
                continue
            idx = window[rule.head]
            if lacking and not (
                (rule.named_object and armed and _named_object(tokens, idx))
                or (forces and _national(tokens, idx))
            ):
                continue  # "troops seized weapons"; "a Russian assault": a nation's forces
            taken.update(window)
            head = tokens[window[rule.head]]
            hits.append(TriggerHit(rule, head.i, tokens[window[0]].start, tokens[window[-1]].end))
    hits.sort(key=lambda h: h.start)
    return hits


def _aircraft_compounds(tokens: Sequence[Token], lemmas: list[str]) -> list[str]:
    """``lemmas`` with a word that names an aircraft's kind read as the aircraft ("fighter
    jets", "fighter planes" are aircraft, no fighters: their raid is an air raid)."""
    first = tokens[0].i if tokens else 0
    for k, t in enumerate(tokens):
        head = t.head - first
        if (
            t.dep == "compound"
            and lemmas[k] in W.ARMED_MEN
            and 0 <= head < len(tokens)
            and lemmas[head] in W.AIRCRAFT
        ):
            lemmas[k] = lemmas[head]
    return lemmas


def _fits(
    rule: Rule,
    tokens: Sequence[Token],
    lemmas: Sequence[str],
    window: list[int],
    *,
    taken: set[int],
) -> bool:
    """Whether a rule's lemmas matched at ``window`` make a trigger (its head's checks)."""
    idx = window[rule.head]
    head = tokens[idx]
    if head.pos not in rule.pos or idx in taken or (rule.tags and head.tag not in rule.tags):
        return False
    if head.ent_type == "DATE":
        return False  # "fled to Homs in March": a month, no march
    if rule.surface and not head.text.lower().startswith(rule.surface):
        return False
    if not rule.weapon and _surname(tokens, idx):
        return False  # a name ("Linda Battle"), not an event
    if len(rule.lemmas) > 1 and head.lemma.lower() == "fire" and _burning(tokens, idx):
        return False  # "set fuel tanks on fire", "caught fire": flames, no tank fire
    # no rule blocks on "" (mutation testing: another end marker is equivalent)
    after = lemmas[window[-1] + 1] if window[-1] + 1 < len(tokens) else ""
    return after not in rule.blocks


def _national(tokens: Sequence[Token], idx: int) -> bool:
    """Whether the noun at ``idx``, or a verb's subject or object, is a nation's ("a
    *Russian* assault", "a *Russian* attack repelled"): its forces'."""
    tok = tokens[idx]
    nouns = {tok.i} if tok.pos == "NOUN" else set()  # (article indices, as heads are)
    if tok.pos == "VERB":
        nouns = {t.i for t in tokens if t.head == tok.i and t.dep in _ARGUMENTS}
        if tok.dep == "acl":
            nouns.add(tok.head)  # "a Russian attack repelled near X"
    return any(t.head in nouns and t.dep == "amod" and _demonym(t) for t in tokens)


#: A verb's subject and object (whose nation makes the verb's event a nation's).
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _demonym(t: Token) -> bool:
    return t.ent_type == "NORP" or country_of_demonym(t.text) is not None


def _named_object(tokens: Sequence[Token], idx: int) -> bool:
    """Whether the head at ``idx`` has a proper-noun object ("seized *Novohrodivka*")."""
    head = tokens[idx].i  # (heads are article indices; ``idx`` is the sentence's)
    objects = {t.i for t in tokens if t.head == head and t.dep == "dobj"}
    # ... or a name the parser hangs on the object ("took X, Y region": "region" the object;
    # not "took over the X train station", a site of the town)
    return any(
        (t.i in objects or (t.head in objects and t.dep == "nmod")) and t.pos == "PROPN"
        for t in tokens
    )


def _burning(tokens: Sequence[Token], idx: int) -> bool:
    """Whether the word "fire" at ``idx`` is flames: "on fire", "caught fire"."""
    tok = tokens[idx]
    k = idx + tok.head - tok.i  # (heads are article indices; ``idx`` is the sentence's)
    if tok.head == tok.i or not 0 <= k < len(tokens):
        return False
    gov = tokens[k].lemma.lower()
    return (tok.dep == "pobj" and gov == "on") or (tok.dep == "dobj" and gov == "catch")


def _surname(tokens: Sequence[Token], idx: int) -> bool:
    """Whether token ``idx`` goes on a person's name the model found ("Linda *Battle*")."""
    if idx == 0 or tokens[idx].ent_type != "PERSON":
        return False
    prev = tokens[idx - 1]
    return prev.ent_type == "PERSON" and prev.text[:1].isupper()


def _window(lemmas: Sequence[str], i: int, want: tuple[str, ...]) -> list[int] | None:
    """Indices matching ``want`` from ``i``; later words may be up to 4 tokens on (particles)."""
    if lemmas[i] != want[0]:
        return None
    out = [i]
    # no rule has more than two lemmas yet, so ``pos`` is not read again and out[-1] is
    # out[1] below (mutation testing: mutants of either are equivalent for now)
    pos = i
    for w in want[1:]:
        for j in range(pos + 1, min(pos + 5, len(lemmas))):
            if lemmas[j] == w:
                out.append(j)
                pos = j
                break
        else:
            return None
        # compounds must be adjacent ("air strike", not "air ... strike")
        if len(want) == 2 and w in W.COMPOUND_HEADS and out[-1] != out[-2] + 1:
            return None
    return out
