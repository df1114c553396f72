"""Stage 2 helper (places): spaCy's attribute ruler and lemmatizer, same answers, less time.

The English pipelines end with two rule components that cost a fifth of the whole
``nlp.pipe`` pass on news text, though geomap reads what they give (``pos_``, ``morph``,
``lemma_``): the attribute ruler runs spaCy's general :class:`~spacy.matcher.Matcher`
over every token for a table of patterns that are nearly all one token long ("TAG is
NNS: POS is NOUN, Number=Plur"), and the rule lemmatizer works out the lemma of every
token again, its own cache skipping the base forms (most tokens).

:func:`speed_up_pipeline` gives both components a faster ``__call__`` (their class is
swapped for a subclass; patterns, tables and serialisation stay theirs):

* the attribute ruler's patterns are compiled once into a table: for each distinct
  combination of the token attributes they test (tag, lower case, dependency, ...) the
  attributes the ruler would set, merged in its own order (later patterns win);
  patterns longer than one token are checked where their first token matches. The
  writes go through spaCy's own ``set_token_attrs``. A ruler with a pattern the table
  cannot express (quantifiers, other operators or attributes) is left as it is;
* the lemmatizer keeps each lemma per (word, part of speech, morphology), what its
  rules depend on, in rule or lookup mode of spaCy's own English or generic class;
  it reads and writes a document's columns at once (``Doc.to_array``/``from_array``),
  and its lists of known words answer ``in`` by bisection instead of a scan.

The tests compare every token attribute with the stock pipeline's on made-up text; the
build's outputs were compared byte for byte on the evaluation sets.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["compile_ruler", "speed_up_pipeline"]

log = logging.getLogger(__name__)

#: Token attributes a compiled pattern may test (spaCy's attribute names; TEXT is ORTH).
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "TEXT", "NORM")

#: Attributes whose value is a boolean (the others are text).
_FLAGS = frozenset({"IS_SPACE"})

#: A test of one token attribute: (attribute, operator, operand).
_Test = tuple[str, str, Any]
#: A compiled token pattern: every test must hold.
_Spec = tuple[_Test, ...]


def _compile_spec(spec: dict[str, Any]) -> _Spec | None:
    """The tests of one token pattern, or None when the table cannot express it."""
    tests: list[_Test] = []
    for key, value in spec.items():
        attr = key.upper()
        if attr not in _ATTRS:
            return None
        attr = "ORTH" if attr == "TEXT" else attr
        kind = bool if attr in _FLAGS else str
        if isinstance(value, dict) and attr not in _FLAGS and len(value) == 1:
            ((op, operand),) = value.items()
            if op in {"IN", "NOT_IN"} and all(isinstance(x, str) for x in operand):
                tests.append((attr, op, frozenset(operand)))
            elif op == "REGEX" and isinstance(operand, str):
                tests.append((attr, op, re.compile(operand)))
            else:
                return None
        elif type(value) is kind:
            tests.append((attr, "==", value))
        else:
            return None
    return tuple(tests)


def _holds(tests: _Spec, values: dict[str, Any]) -> bool:
    """Whether a token with these attribute ``values`` matches the pattern ``tests``."""
    for attr, op, operand in tests:
        value = values[attr]
        if op == "==":
            ok = value == operand
        elif op == "IN":
            ok = value in operand
        elif op == "NOT_IN":
            ok = value not in operand
        else:  # REGEX: the Matcher searches the attribute's text
            ok = operand.search(value) is not None
        if not ok:
            return False
    return True


def _slot(spec: _Spec) -> tuple[str, Any] | None:
    """The lower case, else the tag, a pattern requires (None: neither)."""
    for attr in ("LOWER", "TAG"):
        for a, op, value in spec:
            if a == attr and op == "==":
                return attr, value
    return None


#: Token keys the ruler's table keeps (cleared when full: a key is worked out in ~10 us).
_KEYS_KEPT = 1 << 13


class _RulerTable:
    """An attribute ruler's patterns as a table (see the module docstring).

    A token is keyed by the hashes of the attributes the patterns test, read for a whole
    document at once (``Doc.to_array``); a key seen for the first time is worked out
    from the patterns that may match it (those testing its lower case or its tag, and
    those testing neither) and kept.
    """

    def __init__(
        self,
        singles: list[tuple[int, _Spec, dict[Any, Any]]],
        multis: list[tuple[int, tuple[_Spec, ...], int, dict[Any, Any]]],
    ) -> None:
        import spacy.attrs

        self.singles = singles
        self.multis = multis
        used = {a for _, spec, _ in singles for a, _, _ in spec}
        used |= {a for _, specs, _, _ in multis for spec in specs for a, _, _ in spec}
        self.attrs = tuple(sorted(used))
        self.ids = [getattr(spacy.attrs, a) for a in self.attrs]
        # patterns by the lower case or the tag they test for, the others apart
        self.slots: dict[tuple[str, Any], list[int]] = {}
        self.anywhere: list[int] = []
        for k, (_, spec, _) in enumerate(singles):
            slot = _slot(spec)
            (self.slots.setdefault(slot, []) if slot else self.anywhere).append(k)
        # token key -> (the single patterns' merged attributes, their (id, attrs) in
        # order, the long patterns whose first token matches)
        self.by_key: dict[tuple[int, ...], tuple[dict[Any, Any], list[Any], list[int]]] = {}
        self.shared: dict[Any, tuple[dict[Any, Any], list[Any], list[int]]] = {}

    def values_of(self, key: tuple[int, ...], strings: Any) -> dict[str, Any]:
        """The attribute values a key stands for (text, or a flag)."""
        return {
            a: bool(h) if a in _FLAGS else strings[h] for a, h in zip(self.attrs, key, strict=True)
        }

    def entry(
        self, key: tuple[int, ...], strings: Any
    ) -> tuple[dict[Any, Any], list[Any], list[int]]:
        found = self.by_key.get(key)
        if found is None:
            values = self.values_of(key, strings)
            maybe = [
                *self.anywhere,
                *self.slots.get(("LOWER", values.get("LOWER")), ()),
                *self.slots.get(("TAG", values.get("TAG")), ()),
            ]
            ids = tuple(k for k in sorted(maybe) if _holds(self.singles[k][1], values))
            multis = enumerate(self.multis)
            firsts = [k for k, (_, specs, _, _) in multis if _holds(specs[0], values)]
            if len(self.by_key) >= _KEYS_KEPT:
                self.by_key.clear()
            # one entry per distinct outcome, shared by every key that has it
            found = self.shared.setdefault((ids, tuple(firsts)), self._outcome(ids, firsts))
            self.by_key[key] = found
        return found

    def _outcome(
        self, ids: tuple[int, ...], firsts: list[int]
    ) -> tuple[dict[Any, Any], list[Any], list[int]]:
        hits = [(self.singles[k][0], self.singles[k][2]) for k in ids]
        merged: dict[Any, Any] = {}
        for _, attrs in hits:
            merged.update(attrs)
        return merged, hits, firsts

    def apply(self, doc: Doc, set_attrs: Callable[[Token, dict[Any, Any]], None]) -> None:
        """Set on ``doc``'s tokens what the ruler would (matches read before any write)."""
        strings = doc.vocab.strings
        keys = list(map(tuple, doc.to_array(self.ids).tolist())) if len(doc) else []
        entries = [self.entry(k, strings) for k in keys]
        extra: dict[int, list[tuple[int, dict[Any, Any]]]] = {}
        for start, (_, _, firsts) in enumerate(entries):
            for k in firsts:
                pid, specs, index, attrs = self.multis[k]
                end = start + len(specs)
                if end <= len(doc) and all(
                    _holds(spec, self.values_of(keys[start + j], strings))
                    for j, spec in enumerate(specs[1:], 1)
                ):
                    target = start + index if index >= 0 else end + index
                    extra.setdefault(target, []).append((pid, attrs))
        for i, (merged, hits, _) in enumerate(entries):
            more = extra.get(i)
            if more:
                merged = {}
                for _, attrs in sorted([*hits, *more], key=lambda h: h[0]):
                    merged.update(attrs)
            if merged:
                set_attrs(doc[i], merged)


def compile_ruler(ruler: Any) -> _RulerTable | None:
    """The table of an :class:`~spacy.pipeline.AttributeRuler`'s patterns (None: not expressible).

    Pattern ``k`` of the ruler is its ``k``-th ``add`` call (``ruler.attrs[k]``,
    ``ruler.indices[k]``, the matcher's rule named ``str(k)``).
    """
    singles: list[tuple[int, _Spec, dict[Any, Any]]] = []
    multis: list[tuple[int, tuple[_Spec, ...], int, dict[Any, Any]]] = []
    for k, attrs in enumerate(ruler.attrs):
        index = ruler.indices[k]
        for pattern in ruler.matcher.get(str(k))[1]:
            specs = [_compile_spec(spec) for spec in pattern]
            if not specs or any(s is None for s in specs):
                return None
            if not -len(specs) <= index < len(specs):
                return None  # spaCy raises on such a match; leave the ruler to do so
            compiled = tuple(s for s in specs if s is not None)
            if len(compiled) == 1:
                singles.append((k, compiled[0], attrs))
            else:
                multis.append((k, compiled, index, attrs))
    return _RulerTable(singles, multis)


def _fast_ruler_call(self: Any, doc: Doc) -> Doc:
    from spacy.tokens._retokenize import set_token_attrs

    error_handler = self.get_error_handler()
    try:
        self._geomap_table.apply(doc, set_token_attrs)
    except Exception as exc:  # noqa: BLE001 - spaCy's own error handler decides (it re-raises)
        return error_handler(self.name, self, [doc], exc)  # type: ignore[no-any-return]
    return doc


def _fast_lemmatizer_call(self: Any, doc: Doc) -> Doc:
    import numpy as np
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors

    if not self._validated:
        self._validate_tables(Errors.E1004)
    error_handler = self.get_error_handler()
    cache: dict[tuple[int, int, int], str] = self._geomap_lemmas
    add = doc.vocab.strings.add
    try:
        if not len(doc):
            return doc
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(
            doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        ):
            if self.overwrite or lemma == 0:
                key = (orth, pos, morph)
                text = cache.get(key)
                if text is None:
                    text = cache[key] = self.lemmatize(doc[i])[0]
                lemma = add(text)
            lemmas.append(lemma)
        column: Any = np.array(lemmas, dtype=np.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], column)
    except Exception as exc:  # noqa: BLE001 - spaCy's own error handler decides (it re-raises)
        return error_handler(self.name, self, [doc], exc)  # type: ignore[no-any-return]
    return doc


class _Members(list[str]):
    """A list that answers ``in`` by bisection (the lemmatizer's index of known words).

    spaCy's rule lemmatizer asks ``form in index`` of lists of up to 57,000 words, a
    scan each time; the list itself (its order, its serialisation) is unchanged, a sorted
    copy of its references answers.
    """

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._sorted = sorted(words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return list.__contains__(self, word)
        k = bisect.bisect_left(self._sorted, word)
        return k < len(self._sorted) and self._sorted[k] == word


def _index_lemma_lists(component: Any) -> None:
    """Give the lemmatizer's ``lemma_index`` lists a set for ``in`` (same members, same order)."""
    if not component.lookups.has_table("lemma_index"):
        return
    table = component.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if type(words) is list and all(isinstance(w, str) for w in words):
            table[key] = _Members(words)


def _swap_class(component: Any, call: Callable[[Any, Doc], Doc]) -> None:
    cls = type(component)
    component.__class__ = type(f"Fast{cls.__name__}", (cls,), {"__call__": call})


def _speed_up_ruler(component: Any) -> bool:
    from spacy.pipeline import AttributeRuler

    if type(component) is not AttributeRuler:
        return False
    table = compile_ruler(component)
    if table is None:
        return False
    component._geomap_table = table  # type: ignore[attr-defined]
    _swap_class(component, _fast_ruler_call)
    return True


def _speed_up_lemmatizer(component: Any) -> bool:
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    if type(component) not in {Lemmatizer, EnglishLemmatizer}:
        return False
    if component.mode not in {"rule", "lookup"}:
        return False  # other modes may read more of the token
    component._geomap_lemmas = {}
    if component.mode == "rule":
        _index_lemma_lists(component)
    _swap_class(component, _fast_lemmatizer_call)
    return True


def speed_up_pipeline(nlp: Language, *, names: Sequence[str] | None = None) -> list[str]:
    """Give ``nlp``'s attribute ruler and lemmatizer their faster ``__call__``.

    Parameters
    ----------
    nlp
        A loaded pipeline (changed in place).
    names
        The components to consider (default: all).

    Returns
    -------
    list of str
        The names of the components sped up.
    """
    done = []
    for name, component in nlp.pipeline:
        if names is not None and name not in names:
            continue
        if _speed_up_ruler(component) or _speed_up_lemmatizer(component):
            done.append(name)
    log.debug("faster spaCy components: %s", ", ".join(done) or "none")
    return done
