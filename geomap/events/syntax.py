"""Stage 4 helper (events): the dependency tree of a sentence, and a trigger's modality.

:class:`SentenceTree` holds an article's tokens by index and the tokens of the sentence
being coded; :class:`geomap.events.coder.ArticleCoder` builds on it.
"""

from __future__ import annotations

from geomap.events.rules import TriggerHit
from geomap.types import Token

__all__ = ["SentenceTree"]

#: Verbs under which an event is wished for, refused or denied, not reported.
_HYPOTHETICAL = frozenset(
    {"want", "offer", "propose", "urge", "call", "hope", "seek", "need", "threaten", "demand",
     "ask", "refuse", "reject", "deny", "decline", "fail", "insist", "rule", "consider", "wish",
     "plot", "conspire", "scheme", "intend", "vow", "pledge", "promise", "aim"}
)  # fmt: skip
#: Adjectives of a generic statement about a kind of event ("protests are rare").
_GENERIC_ADJECTIVES = frozenset(
    {"rare", "common", "frequent", "infrequent", "uncommon", "unusual", "routine",
     "commonplace", "widespread", "typical", "usual", "unheard"}
)  # fmt: skip
_MODALS = frozenset({"would", "could", "should", "must", "might", "may", "can", "ought"})
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_PLAN_WORDS = frozenset({"due", "schedule", "plan", "expect", "set"})
_BACKGROUND_ADVS = frozenset({"originally", "previously", "formerly", "initially", "once"})


class SentenceTree:
    """Tree walks over parsed tokens (heads never cross sentences)."""

    def __init__(self, tok: dict[int, Token]) -> None:
        self.tok = tok
        self._sentence_tokens: tuple[Token, ...] = ()

    def _ancestors(self, i: int) -> list[int]:
        out = [i]
        while len(out) < 60:
            head = self.tok[out[-1]].head
            if head == out[-1] or head not in self.tok:
                break
            out.append(head)
        return out

    def _children(self, i: int) -> list[Token]:
        # tokens of the same sentence only; heads never cross sentences
        return [t for t in self._sentence_tokens if t.head == i and t.i != i]

    def _clause(self, i: int) -> int:
        for a in self._ancestors(i):
            if self.tok[a].pos in {"VERB", "AUX"}:
                return a
        return self._ancestors(i)[-1]

    def _tree_dist(self, a: int, b: int) -> int:
        anc_a, anc_b = self._ancestors(a), self._ancestors(b)
        pos_b = {x: k for k, x in enumerate(anc_b)}
        for k, x in enumerate(anc_a):
            if x in pos_b:
                return k + pos_b[x]
        return 99

    def _head_of_span(self, start: int, end: int) -> int | None:
        inside = [t for t in self._sentence_tokens if t.start >= start and t.end <= end]
        if not inside:
            return None
        ids = {t.i for t in inside}
        for t in inside:
            if t.head not in ids or t.head == t.i:
                return t.i
        return inside[0].i

    # ---------------------------------------------------------------- modality

    def _generic(self, i: int) -> bool:
        """ "Protests in X are very rare": a plural event noun said to be rare or common."""
        tok = self.tok[i]
        head = self.tok.get(tok.head)
        if tok.tag != "NNS" or tok.dep != "nsubj" or head is None or head.lemma.lower() != "be":
            return False
        return any(
            c.dep == "acomp" and c.lemma.lower() in _GENERIC_ADJECTIVES
            for c in self._children(head.i)
        )

    def _modality(self, hit: TriggerHit) -> str:
        """Return "occurred", "planned" or "skip" for a trigger.

        "skip" also for a generic statement about a kind of event ("protests are rare").
        """
        if self._generic(hit.token):
            return "skip"
        status = "occurred"
        for a in self._ancestors(hit.token):
            tok = self.tok[a]
            if tok.lemma.lower() in _HYPOTHETICAL and tok.pos == "VERB" and a != hit.token:
                return "skip"
            for c in self._children(a):
                low = c.text.lower()
                if c.dep == "neg" or (c.tag == "MD" and low in _MODALS):
                    return "skip"
                if c.dep == "advmod" and low in _BACKGROUND_ADVS:
                    return "skip"
                if (c.tag == "MD" and low in _FUTURE) or (
                    c.lemma.lower() in _PLAN_WORDS and c.dep in {"acomp", "xcomp", "amod"}
                ):
                    status = "planned"
            if tok.lemma.lower() in _PLAN_WORDS and tok.pos in {"VERB", "ADJ"}:
                status = "planned"
        return status
