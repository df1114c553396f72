"""Stage 4 helper (events): what the coder knows of the article it codes.

:class:`Context` bundles one parsed, geocoded article for the coding steps: its text
and publication date, its parse :class:`~geomap.events.syntax.Tree`, its resolved
places, whether the sentence being read is headline-style text, and the wire datelines
its sentences open with ("NAIROBI, June 2 (AP) — ...": where the story was filed).
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from geomap.events.location import dateline_end
from geomap.events.syntax import Tree
from geomap.types import Article, GazetteerEntry, ParsedArticle, ResolvedPlace, Token

__all__ = ["Context"]


@dataclass(slots=True)
class Context:
    """One article as the coding steps read it (see the module docstring)."""

    article: Article
    tree: Tree
    resolved: list[ResolvedPlace]
    #: The sentence being coded is headline-style text (:mod:`geomap.events.headline`).
    headline: bool = False
    #: A sentence's start -> the end of its dateline (read once, see :meth:`filed_end`).
    filed: dict[int, int] = field(default_factory=dict)
    #: ``resolved`` by mention start, and the starts (for :meth:`resolved_in`).
    _by_start: list[ResolvedPlace] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _longest: int = 0
    _countries: dict[str, GazetteerEntry] | None = None

    def __post_init__(self) -> None:
        self._by_start = sorted(self.resolved, key=lambda r: r.mention.start)
        self._starts = [r.mention.start for r in self._by_start]
        self._longest = max((r.mention.end - r.mention.start for r in self.resolved), default=0)

    def country(self, cc: str) -> GazetteerEntry | None:
        """The article's own entry of country ``cc``, if it names it."""
        if self._countries is None:
            self._countries = {}
            for r in self.resolved:
                e = r.entry
                if e is not None and e.level == "country":
                    self._countries.setdefault(e.country_code, e)
        return self._countries.get(cc)

    def resolved_in(self, start: int, end: int) -> list[ResolvedPlace]:
        """The resolved places whose mention starts in ``text[start:end]``, in text order
        (a bisection: linear in the article, not quadratic, over its sentences)."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        return self._by_start[lo:hi]

    def resolved_at(self, offset: int) -> list[ResolvedPlace]:
        """The resolved places whose mention covers character ``offset``."""
        lo = bisect.bisect_left(self._starts, offset - self._longest)
        hi = bisect.bisect_right(self._starts, offset, lo)
        return [r for r in self._by_start[lo:hi] if offset < r.mention.end]

    @classmethod
    def of(cls, pa: ParsedArticle, by_key: dict[tuple[str, int, int], ResolvedPlace]) -> Context:
        """The context of ``pa``, whose resolved places ``by_key`` holds by (id, start, end)."""
        resolved = [
            by_key[k] for m in pa.mentions if (k := (m.article_id, m.start, m.end)) in by_key
        ]
        tree = Tree({t.i: t for s in pa.sentences for t in s.tokens})
        return cls(pa.article, tree, resolved)

    @property
    def text(self) -> str:
        """The article's text (every offset points into it)."""
        return self.article.text

    @property
    def published(self) -> dt.date | None:
        """The article's publication date."""
        return self.article.published

    def filed_end(self, start: int, end: int) -> int:
        """End of the dateline opening the sentence ``text[start:end]``, read once."""
        if start not in self.filed:
            self.filed[start] = dateline_end(self.text, start, end)
        return self.filed[start]

    def datelined(self, tok: Token) -> bool:
        """Whether ``tok`` lies in the dateline that opens the current sentence."""
        toks = self.tree.sentence
        if not toks or tok.start < toks[0].start or tok.start > toks[-1].start:
            return False
        return tok.start < self.filed_end(toks[0].start, toks[-1].end)

    def subject_of(self, tok: Token) -> list[int]:
        """A subject's token, or in a dateline ("NAIROBI ... — X shelled") what it glosses."""
        if self.datelined(tok):
            return [g.i for g in self.tree.children(tok.i) if g.dep == "appos"]
        return [tok.i]

    def sentence_text(self) -> str:
        """The text of the current sentence (from its first to its last token)."""
        toks = self.tree.sentence
        return self.text[toks[0].start : toks[-1].end] if toks else ""
