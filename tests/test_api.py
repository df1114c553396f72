"""The Python API (geomap/api.py, geomap/__init__.py): made-up texts, the seeds against
``geomap build`` field by field, the map, and docs/notebook.md run block by block."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import geomap
from geomap.events.schema import ACLED_COLUMNS, COLUMNS
from geomap.export import read_events
from geomap.pipeline import BuildOptions, run_pipeline
from geomap.settings import Settings
from geomap.types import Article

from .conftest import ROOT, SEEDS

KHERSON = "Shelling of Kherson killed two on Monday."
NOTEBOOK = ROOT / "docs" / "notebook.md"


@pytest.fixture(scope="module")
def api_settings(private_settings: Settings) -> Settings:
    return private_settings


@pytest.fixture(scope="module")
def kherson(api_settings: Settings) -> Any:
    return geomap.extract_events([KHERSON], published="2025-03-03", settings=api_settings)


# --------------------------------------------------------------------------- import


def test_import_geomap_loads_nothing_heavy() -> None:
    code = (
        "import sys, geomap\n"
        "heavy = {'spacy', 'geopandas', 'pandas', 'folium', 'shapely', 'geomap.api'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
        "print(callable(geomap.extract_events), 'geomap.api' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "True True"  # the first access imports the module


def test_every_public_name_resolves() -> None:
    for name in geomap.__all__:
        assert getattr(geomap, name) is not None, name
    assert set(dir(geomap)) >= set(geomap.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = geomap.nope  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- made-up texts


def test_a_list_of_strings_gives_the_event_table(kherson: Any) -> None:
    assert list(kherson.columns) == [*COLUMNS, "geometry"]
    assert kherson.index.name == "event_id"
    assert kherson.crs.to_epsg() == 4326
    assert len(kherson) == 1
    row = kherson.iloc[0]
    assert (row["event_date"], row["event_type"], row["location"], row["fatalities"]) == (
        "2025-03-03",
        "Explosions/Remote violence",
        "Kherson",
        2,
    )
    assert (row["article_id"], row["iso"], row["region"]) == ("text-1", 804, "Europe")
    assert row["admin2"].endswith("Raion")
    assert row["geometry"].x == pytest.approx(row["longitude"])
    assert kherson.attrs["errors"] == []


def test_strings_articles_and_dates(api_settings: Settings) -> None:
    text = "Russian drones struck Sumy on Tuesday, killing three people."
    one = geomap.extract_events(text, published=dt.date(2025, 3, 6), settings=api_settings)
    article = Article(id="mine", text=text, published=dt.date(2025, 3, 6), source="Desk")
    two = geomap.extract_events([article], settings=api_settings)
    assert one["event_date"].tolist() == two["event_date"].tolist() == ["2025-03-04"]
    assert two["source"].tolist() == ["Desk"]
    assert two["actor1"].tolist() == ["Military Forces of Russia (2000-)"]
    undated = geomap.extract_events([text], settings=api_settings)
    assert undated["event_date"].isna().all()


@pytest.mark.parametrize(
    ("texts", "published", "message"),
    [
        ([], None, "no articles or texts"),
        ([KHERSON, 3], None, "item 2: expected a string or an Article, got int"),
        ([KHERSON], "last Monday", "published: not an ISO date"),
    ],
)
def test_bad_input_is_one_clear_error(texts: Any, published: Any, message: str) -> None:
    with pytest.raises(geomap.InputError, match=message):
        geomap.extract_events(texts, published=published)


def test_text_without_events_gives_an_empty_valid_table(api_settings: Settings) -> None:
    empty = geomap.extract_events(["The weather was fine."], settings=api_settings)
    assert len(empty) == 0
    assert list(empty.columns) == [*COLUMNS, "geometry"]


def test_extract_places(api_settings: Settings) -> None:
    places = geomap.extract_places([KHERSON], settings=api_settings)
    assert isinstance(places, pd.DataFrame)
    row = places[places["text"] == "Kherson"].iloc[0]
    assert (row["country"], row["level"], row["method"]) == ("UA", "city", "gazetteer")
    assert KHERSON[row["start"] : row["end"]] == "Kherson"
    none = geomap.extract_places(["Nothing here."], settings=api_settings)
    assert len(none) == 0
    assert "lat" in none.columns


def test_load_gazetteer_looks_names_up(api_settings: Settings) -> None:
    with geomap.load_gazetteer(api_settings) as gaz:
        found = [(e.name, e.level) for e in gaz.lookup("Kursk", country="RU")]
    assert ("Kursk", "city") in found


def test_read_articles_takes_a_path_or_several(tmp_path: Path) -> None:
    assert len(geomap.read_articles(SEEDS)) == 5
    assert len(geomap.read_articles([str(SEEDS)])) == 5
    with pytest.raises(geomap.InputError, match="nowhere: no such file or folder"):
        geomap.read_articles(tmp_path / "nowhere")


# --------------------------------------------------------------------------- map


def test_render_map_returns_a_folium_map_with_the_events(kherson: Any, tmp_path: Path) -> None:
    import folium

    m = geomap.render_map(kherson, title="Kherson <test>", place_names=False)
    assert isinstance(m, folium.Map)
    html = m.get_root().render()
    assert str(kherson.index[0]) in html
    assert "Kherson &lt;test&gt;" in html
    inline = m._repr_html_()  # what Jupyter shows: the page in an iframe
    assert "<iframe" in inline
    assert "Kherson" in inline
    path = geomap.save_map(m, tmp_path / "map.html")
    assert str(kherson.index[0]) in path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds_both(api_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("build")
    run_pipeline([SEEDS], out, settings=api_settings, options=BuildOptions(cache=False))
    events = geomap.extract_events(geomap.read_articles(SEEDS), settings=api_settings)
    return out, events


@pytest.mark.parametrize("name", ["events.geojson", "events.csv", "events.gpkg"])
def test_extract_events_on_the_seeds_equals_geomap_build(seeds_both: Any, name: str) -> None:
    out, events = seeds_both
    built = read_events(out / name)
    assert len(events) > 5
    assert list(built.index) == list(events.index)
    for column in COLUMNS:  # field by field, every event
        pd.testing.assert_series_equal(built[column], events[column], check_names=True)
    for got, want in zip(built.geometry, events.geometry, strict=True):
        assert (got is None) == (want is None)
        if want is not None:
            assert (got.x, got.y) == pytest.approx((want.x, want.y), abs=1e-7)


def test_the_seeds_acled_columns_are_filled(seeds_both: Any) -> None:
    _, events = seeds_both
    assert events["iso"].notna().all()
    assert (events["region"] != "").all()
    assert (events["disorder_type"] != "").all()
    located = events[events["location_level"].isin(["city", "village"])]
    assert (located["admin2"] != "").all()
    states = events[events["actor1"].str.startswith("Military Forces of")]
    assert len(states) > 0
    assert set(states["inter1"]) <= {"State forces", "External/Other forces"}


# --------------------------------------------------------------------------- docs/notebook.md


def _blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def test_the_notebook_page_runs(
    api_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = _blocks(NOTEBOOK.read_text(encoding="utf-8"))
    assert len(blocks) >= 10
    (tmp_path / "seeds").symlink_to(SEEDS, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(api_settings.cache_dir))
    namespace: dict[str, Any] = {"__name__": "notebook"}
    for k, block in enumerate(blocks, start=1):
        try:
            exec(compile(block, f"docs/notebook.md block {k}", "exec"), namespace)  # noqa: S102
        except Exception as exc:
            msg = f"docs/notebook.md block {k} failed: {exc!r}\n{block}"
            raise AssertionError(msg) from exc
    assert (tmp_path / "seeds_map.html").is_file()
    assert (tmp_path / "acled.csv").is_file()
    assert ACLED_COLUMNS == geomap.ACLED_COLUMNS
