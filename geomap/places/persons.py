"""Stage 2 helper (places): names that are people's, not places'.

The model's multi-word PERSON entities and their parts, names after a title ("President
X", "spokeswoman Y"), and names the text gives as a person's ("a teacher who gave his
name as X") are people wherever the text names them again, unless a locative preposition
places the name ("in central X") or a town of some size labels a report with it
("X-Y: police arrest ..."). The recogniser (:mod:`geomap.places.recognise`) asks here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from geomap.places.lexicon import PERSON_TITLES
from geomap.places.wording import is_label

if TYPE_CHECKING:
    from geomap.places.recognise import Recogniser

__all__ = ["PLACED_TOWN", "looks_like_person", "person_names"]

#: People enough for a town the gazetteer alone vouches for, when "in" or "near" places it.
PLACED_TOWN = 5_000
#: Nouns before "of X" that make X a place, whatever the model says ("the city of X").
_SETTLEMENTS = frozenset({"city", "town", "village", "district", "province", "port", "capital"})
#: Words that give a person's name: what follows them is no place.
_GIVEN_NAME = re.compile(
    r"\b(?:(?:his|her|their)\s+name\s+(?:as|is|was)|identified\s+(?:only\s+)?as"
    r"|known\s+only\s+as|first\s+name\s*,?)\s*[\"“‘']?$",
    re.IGNORECASE,
)


def person_names(rec: Recogniser) -> set[str]:
    """Names known to be people in the document (multi-token PERSON ents and their parts,
    names after a title)."""
    names: set[str] = set()
    alpha, toks, lower = rec.v.alpha, rec.toks, rec.lower
    for s, e, label in rec.ents:
        if label != "PERSON":
            continue
        words = [i for i in range(s, e) if alpha[i]]
        if len(words) >= 2:
            names.add(rec.v.span_text(s, e).lower())
            names.add(lower[words[-1]])
            names.add(lower[words[0]])
    # "President X", "Mr X", "spokeswoman Tammy Bruce"
    for i, low in enumerate(lower):
        if low.rstrip(".") in PERSON_TITLES:
            nxt = i + 1
            run: list[str] = []
            while nxt < rec.n and rec.cap[nxt] and len(run) < 3:
                run.append(toks[nxt].text)
                nxt += 1
            if run:
                names.add(" ".join(run).lower())
                names.add(run[-1].lower())
    return names


def looks_like_person(rec: Recogniser, start: int, end: int, name: str) -> bool:
    """Whether the name at tokens ``start:end`` is a person's (see the module docstring)."""
    lower = rec.lower
    if start >= 2 and lower[start - 1] == "of" and lower[start - 2] in _SETTLEMENTS:
        return False  # "the city of X": a place, whatever NER says
    ent = rec.ent_of.get(start)
    if ent is not None and ent[2] == "PERSON":
        words = sum(rec.v.alpha[ent[0] : ent[1]])
        if words >= 2 and (ent[0] < start or ent[1] > end):
            return True
    prev = lower[start - 1] if start > 0 else None
    before = rec.article.text[max(0, rec.toks[start].start - 40) : rec.toks[start].start]
    if _GIVEN_NAME.search(before):
        return True  # "a teacher who gave his name as X", "identified only as X"
    if name.lower() in rec.persons:
        # a person's name seen elsewhere in the article ("Mark Carney" ... "Carney is
        # due"): a person here too, unless a locative preposition governs it ("in
        # central X"), or a town's name labels a report ("X-Y: police arrest ...")
        return not (rec.placed_by_preposition(start) or _labelled_town(rec, start, end, name))
    return prev is not None and prev.rstrip(".") in PERSON_TITLES


def _labelled_town(rec: Recogniser, s: int, e: int, name: str) -> bool:
    """Whether a town of :data:`PLACED_TOWN` people or more bearing ``name`` as its own
    labels the report at tokens ``s:e`` ("X: ...")."""
    return (
        is_label(rec.article.text, rec.toks[s].start, rec.toks[e - 1].end)
        and rec.gaz.max_population(name) >= PLACED_TOWN
        and rec.own_name(name)
    )
