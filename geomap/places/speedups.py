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
  rules depend on, in rule or lookup mode of spaCy's own English or generic class.

The tests compare every token attribute with the stock pipeline's on made-up text; the
build's outputs were compared byte for byte on the evaluation sets.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["compile_ruler", "speed_up_pipeline"]

log = logging.getLogger(__name__)

#: Token attributes a compiled pattern may test, and how to read each from a token.
_READERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
    "NORM": lambda t: t.norm_,
}

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
        if attr not in _READERS:
            return None
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


class _RulerTable:
    """An attribute ruler's patterns as a table (see the module docstring)."""

    def __init__(
        self,
        singles: list[tuple[int, _Spec, dict[Any, Any]]],
        multis: list[tuple[int, tuple[_Spec, ...], int, dict[Any, Any]]],
    ) -> None:
        self.singles = singles
        self.multis = multis
        used = {a for _, spec, _ in singles for a, _, _ in spec}
        used |= {a for _, specs, _, _ in multis for spec in specs for a, _, _ in spec}
        self.attrs = tuple(sorted(used))
        self.readers = tuple(_READERS[a] for a in self.attrs)
        # token key -> (the single patterns' merged attributes, their (id, attrs) in
        # order, the long patterns whose first token matches)
        self.by_key: dict[tuple[Any, ...], tuple[dict[Any, Any], list[Any], list[int]]] = {}

    def key_of(self, token: Token) -> tuple[Any, ...]:
        return tuple(read(token) for read in self.readers)

    def entry(self, key: tuple[Any, ...]) -> tuple[dict[Any, Any], list[Any], list[int]]:
        found = self.by_key.get(key)
        if found is None:
            values = dict(zip(self.attrs, key, strict=True))
            hits = [(i, attrs) for i, spec, attrs in self.singles if _holds(spec, values)]
            merged: dict[Any, Any] = {}
            for _, attrs in hits:
                merged.update(attrs)
            multis = enumerate(self.multis)
            firsts = [k for k, (_, specs, _, _) in multis if _holds(specs[0], values)]
            found = self.by_key[key] = (merged, hits, firsts)
        return found

    def apply(self, doc: Doc, set_attrs: Callable[[Token, dict[Any, Any]], None]) -> None:
        """Set on ``doc``'s tokens what the ruler would (matches read before any write)."""
        keys = [self.key_of(t) for t in doc]
        entries = [self.entry(k) for k in keys]
        extra: dict[int, list[tuple[int, dict[Any, Any]]]] = {}
        for start, (_, _, firsts) in enumerate(entries):
            for k in firsts:
                pid, specs, index, attrs = self.multis[k]
                end = start + len(specs)
                if end <= len(doc) and all(
                    _holds(spec, dict(zip(self.attrs, keys[start + j], strict=True)))
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
    from spacy.errors import Errors

    if not self._validated:
        self._validate_tables(Errors.E1004)
    error_handler = self.get_error_handler()
    cache: dict[tuple[int, int, int], str] = self._geomap_lemmas
    try:
        for token in doc:
            if self.overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
                lemma = cache.get(key)
                if lemma is None:
                    lemma = cache[key] = self.lemmatize(token)[0]
                token.lemma_ = lemma
    except Exception as exc:  # noqa: BLE001 - spaCy's own error handler decides (it re-raises)
        return error_handler(self.name, self, [doc], exc)  # type: ignore[no-any-return]
    return doc


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
