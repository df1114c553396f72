"""Stage 2 helper (places): one parsed document as plain Python lists.

spaCy keeps a ``Doc`` in C; every ``doc[i]``, ``for tok in doc`` or ``doc.sents`` builds new
Python ``Token``/``Span`` objects, and the recogniser reads the same few attributes of
every token many times (capitalisation, lower case, part of speech, sentence starts).
:mod:`geomap.places` exports those attributes once per document (``Doc.to_array``) and
hands them here; the recogniser and the role rules then index plain lists. spaCy is
never imported here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from geomap.types import Sentence, Token

__all__ = ["DocView"]


class DocView:
    """Tokens, lexical flags, sentences and entities of one document.

    Parameters
    ----------
    text
        The document's text (token offsets index into it).
    tokens
        Its tokens, in order (``tokens[i].i == i``).
    sent_start
        spaCy's ``SENT_START`` per token (1: starts a sentence, -1: does not, 0: unknown).
    alpha, punct, stop
        spaCy's ``IS_ALPHA``, ``IS_PUNCT`` and ``IS_STOP`` per token.
    ents
        The named entities as ``(first token, end token, label)``.

    Attributes
    ----------
    lower
        Each token's text in lower case (spaCy's ``lower_``).
    cap
        Whether each token is a capitalised word (a letter in upper case first, not
        punctuation).
    is_start
        Whether each token is a sentence start (spaCy's ``is_sent_start`` is True).
    sentences
        The sentences as :class:`~geomap.types.Sentence` records (spaCy's ``doc.sents``).
    """

    __slots__ = (
        "_sent_of",
        "_starts",
        "alpha",
        "cap",
        "ents",
        "is_start",
        "lower",
        "punct",
        "sentences",
        "stop",
        "text",
        "tokens",
    )

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        *,
        sent_start: Sequence[int],
        alpha: Sequence[int],
        punct: Sequence[int],
        stop: Sequence[int],
        ents: Sequence[tuple[int, int, str]],
    ) -> None:
        self.text = text
        self.tokens = tuple(tokens)
        self.lower = [t.text.lower() for t in self.tokens]
        self.alpha = [bool(x) for x in alpha]
        self.punct = [bool(x) for x in punct]
        self.stop = [bool(x) for x in stop]
        self.cap = [
            bool(t.text) and t.text[0].isupper() and t.text[0].isalpha() and not p
            for t, p in zip(self.tokens, self.punct, strict=True)
        ]
        self.is_start = [x == 1 for x in sent_start]
        self.ents = tuple(ents)
        self._starts = [t.start for t in self.tokens]
        # sentences as spaCy's doc.sents cuts them: a new one at every SENT_START == 1
        bounds = [i for i in range(1, len(self.tokens)) if sent_start[i] == 1]
        sents: list[Sentence] = []
        sent_of: list[int] = []
        lo = 0
        for hi in [*bounds, len(self.tokens)] if self.tokens else []:
            toks = self.tokens[lo:hi]
            sents.append(Sentence(toks[0].start, toks[-1].end, toks))
            sent_of.extend([len(sents) - 1] * (hi - lo))
            lo = hi
        self.sentences = tuple(sents)
        self._sent_of = sent_of

    def __len__(self) -> int:
        return len(self.tokens)

    def span_text(self, s: int, e: int) -> str:
        """The text of tokens ``s:e`` (spaCy's ``doc[s:e].text``)."""
        s, e = max(s, 0), min(e, len(self.tokens))
        if s >= e:
            return ""
        return self.text[self.tokens[s].start : self.tokens[e - 1].end]

    def sentence_of(self, i: int) -> Sentence:
        """The sentence holding token ``i``."""
        return self.sentences[self._sent_of[i]]

    def char_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Tokens covering characters ``start:end``, widened to whole tokens (None: none)."""
        if not self.tokens or end <= start:
            return None
        s = bisect_right(self._starts, start) - 1
        e = bisect_right(self._starts, end - 1)
        if s < 0 or e <= s:
            return None
        return s, e
