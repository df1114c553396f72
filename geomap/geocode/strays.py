"""Stage 3 helper (geocode): readings of a long article's names that nothing but chance
supports.

A word, a person's or a group's name, or a village the gazetteer lacks reads as a place
of that name somewhere else: far from every place the article names, in a country the
text never names, it is no reading (:func:`stray_readings`).
"""

from __future__ import annotations

from geomap.gazetteer.names import normalize_name as _norm
from geomap.geocode.resolve import (
    _SHORT_TEXT,
    _WELL_KNOWN,
    _no_reading,
    _reread_near,
    _vouched,
)
from geomap.types import TOWN_LEVELS, GazetteerEntry, ResolvedPlace

__all__ = ["stray_readings"]


def _weak_reading(r: ResolvedPlace, e: GazetteerEntry) -> bool:
    """A gazetteer-only reading that is small, or that matches only through another name
    or a spelling without the entry's diacritics ("Hamas" for Hamm, "God" for Göd)."""
    low = r.mention.name.casefold()
    exact = low in {e.name.casefold(), e.latin_name.casefold()}
    return not exact or e.population < _WELL_KNOWN


def _other_name_only(r: ResolvedPlace, e: GazetteerEntry) -> bool:
    """A small place that bears the name only as another name ("Kashmir" for Cashmere, WA)."""
    key = _norm(r.mention.name)
    return key not in {_norm(e.name), _norm(e.latin_name)} and e.population < _WELL_KNOWN


def _small_abroad(r: ResolvedPlace, e: GazetteerEntry) -> bool:
    """A place the model saw, read as a town of under :data:`_WELL_KNOWN` people with no
    division given beside it: a village of the story's country that the gazetteer lacks
    reads as a namesake abroad (a massacre in the village of X in Burkina Faso, a town X
    in India). Read far from everything else, in a country the text does not name, it is
    no reading (a far town the story names is a large one, or given with its division or
    its country: "talks in Doha", "his hometown of X, Ohio")."""
    town = e.feature_class == "P" and e.level in TOWN_LEVELS
    return town and r.mention.parent is None and e.population < _WELL_KNOWN


def stray_readings(results: list[ResolvedPlace], *, text: str) -> list[ResolvedPlace]:
    """In a long article, a weak gazetteer-only reading (:func:`_weak_reading`), or a small
    place bearing a name the model saw only as another name (:func:`_other_name_only`), far
    from everything the article places: more than :data:`_OUTLIER_KM` from every place
    the model saw (or a phrase named), in a country the text does not name. It takes the
    reading near those places if it has one, else none: a word, a person's or a group's
    name that happens to be a place name somewhere ("Hamas", "God", "Ruto"). A long
    article names far places too (talks in Doha beside a war in Gaza): the model sees
    those, or they are large places named exactly.
    """
    if len(text.strip()) <= _SHORT_TEXT:
        return results
    # the points of the places the model saw (or a phrase named), by name
    seen = [
        (r.mention.name, r.entry)
        for r in results
        if r.entry is not None
        and _vouched(r)
        and r.mention.role == "literal"
        and r.entry.level != "country"
        and r.entry.feature_code != "CONT"
        and not r.ambiguous  # (a namesake the text does not choose vouches for no area)
    ]
    # the countries the text names as countries or nationalities ("Colombian troops"), not
    # the country of every place
    named = [
        (r.mention.name, r.entry.country_code)
        for r in results
        if r.entry is not None
        and r.entry.level == "country"
        and (_vouched(r) or r.mention.role == "demonym")
    ]
    out: list[ResolvedPlace] = []
    for r in results:
        e = r.entry
        if (
            e is None
            or r.method != "gazetteer"
            or r.mention.role != "literal"
            or e.level == "country"
            or (_vouched(r) and not _other_name_only(r, e) and not _small_abroad(r, e))
            or not _weak_reading(r, e)
            or any(cc == e.country_code and name != r.mention.name for name, cc in named)
        ):
            out.append(r)
            continue
        # (not a place located by this one: "a base outside the town of X" stands at X)
        others = [o for name, o in seen if name != r.mention.name and o.geonameid != e.geonameid]
        if not others:
            out.append(r)
            continue
        out.append(_reread_near(r, e, others))
    return _unanchored(out, results)


def _unanchored(out: list[ResolvedPlace], before: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """Places located by a reading that :func:`stray_readings` dropped lose it too ("a base
    outside the town of X", X read as a namesake abroad)."""
    dropped = {
        r.entry.geonameid
        for r, o in zip(before, out, strict=True)
        if r.entry is not None and o.entry is None
    }
    return [
        _no_reading(r, r.entry, f"placed by a dropped reading of {r.entry.name}")
        if r.method == "relative" and r.entry is not None and r.entry.geonameid in dropped
        else r
        for r in out
    ]
