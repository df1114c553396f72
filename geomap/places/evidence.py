"""Stage 2 helper (places): what the document itself says a name is.

The model may tag a name as a person, a group or an organisation in one sentence and miss
it in the next, where the gazetteer offers a far namesake ("Hamas" is another name of
Hamm, "Guzman" is Guzmán without its accent). A name the model reads only as something
else in the whole document, and that is no place's own name as written, needs a spatial
cue before it ("in", "near", "the mayor of") to be a place: the recogniser and the
gazetteer-anchored pass ask :func:`named_otherwise`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from geomap.gazetteer.names import normalize_name
from geomap.places.lexicon import PLACE_LABELS

if TYPE_CHECKING:
    from geomap.places.doc_view import DocView
    from geomap.places.recognise import GazetteerLike

__all__ = ["named_otherwise", "names_of_others"]

#: NER labels of names that are no places: people, groups, organisations.
_OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def names_of_others(view: DocView, name_of: Callable[[int, int], str]) -> frozenset[str]:
    """Folded names the model reads as a person, a group or an organisation in this
    document, and never as a place ("Hamas", "Guzman"); ``name_of(s, e)`` is the name of
    the entity at tokens ``s:e`` (without "the" and a possessive)."""
    seen: dict[str, bool] = {}
    for s, e, label in view.ents:
        key = normalize_name(name_of(s, e))
        if label in PLACE_LABELS:
            seen[key] = True
        elif label in _OTHER_LABELS:
            seen.setdefault(key, False)
    return frozenset(k for k, place in seen.items() if not place)


def named_otherwise(gaz: GazetteerLike, others: frozenset[str], name: str) -> bool:
    """Whether ``name`` is among ``others`` (:func:`names_of_others`) and no place's own
    name as written: "Edmonton" stays a place even where the model reads it as a team;
    "Hamas", another name of Hamm, and "Guzman", Guzmán without its accent, do not."""
    if normalize_name(name) not in others:
        return False
    low = name.casefold()
    return not any(
        low in {en.name.casefold(), en.latin_name.casefold()} for en in gaz.lookup(name, limit=20)
    )
