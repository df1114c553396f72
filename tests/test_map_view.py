"""What the map shows on opening, in headless Chromium: the view, the background, no requests.

Every request that is not ``file:`` or ``data:`` is recorded and aborted: a map opened
with its default layers must record none.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shapely

from geomap.events.schema import events_to_gdf
from geomap.pipeline import RunSummary, run_pipeline
from geomap.render import ASSETS, BASE_LAYER_NAME, ONLINE_TILES_NAME, render_map, save_map
from geomap.settings import Settings
from tests._map_corpus import payload_labels
from tests._sample_events import sample_events

from .conftest import SEEDS

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
#: geoBoundaries code of the oblast the seeds map is zoomed to (a district-level view).
SUMY_OBLAST = "UA-59"


def _open(browser: Any, path: Path) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.requests = []
    pg.page_errors = []

    def record(route: Any) -> None:
        pg.requests.append(route.request.url)
        route.abort()

    pg.route(lambda url: not url.startswith(("file:", "data:")), record)
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))
    pg.goto(path.as_uri())
    pg.wait_for_function("window.geomap !== undefined && window.geomap.isLoaded()")
    pg.wait_for_timeout(300)
    return pg


def _bounds(pg: Any) -> tuple[float, float, float, float]:
    """The view as (south, west, north, east)."""
    b = pg.evaluate(
        "(() => { const b = window.geomap.map.getBounds();"
        " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()"
    )
    return b[0], b[1], b[2], b[3]


def _inside(b: tuple[float, float, float, float], lat: float, lon: float) -> bool:
    return b[0] <= lat <= b[2] and b[1] <= lon <= b[3]


@pytest.fixture
def sample_page(browser: Any, tmp_path: Path) -> Iterator[Any]:
    gdf = events_to_gdf(sample_events())
    path = save_map(
        render_map(gdf, towns=[("Madeupgrad", 50.0, 31.0, 300_000)]), tmp_path / "m.html"
    )
    pg = _open(browser, path)
    yield pg
    pg.context.close()


def test_default_map_sends_no_request_and_credits_the_outlines(sample_page: Any) -> None:
    pg = sample_page
    assert pg.requests == []
    assert pg.page_errors == []
    credit = pg.inner_text(".leaflet-control-attribution")
    assert "Natural Earth" in credit
    assert "geoBoundaries" in credit
    assert "OpenStreetMap" not in credit
    bases = pg.eval_on_selector_all(
        ".leaflet-control-layers-base label",
        "els => els.map(e => [e.innerText.trim(), e.querySelector('input').checked])",
    )
    assert bases == [[BASE_LAYER_NAME, True], [ONLINE_TILES_NAME, False]]
    assert pg.query_selector_all(".leaflet-tile") == []


def test_online_tiles_load_only_when_chosen(sample_page: Any) -> None:
    pg = sample_page
    pg.hover(".leaflet-control-layers")
    labels = pg.query_selector_all(".leaflet-control-layers-base label")
    labels[1].query_selector("input").click()
    pg.wait_for_timeout(300)
    assert pg.requests
    assert all("tile.openstreetmap.org" in url for url in pg.requests), pg.requests
    assert "OpenStreetMap" in pg.inner_text(".leaflet-control-attribution")
    assert pg.evaluate("window.geomap.townLabels()") == []  # the offline layer is off
    labels[0].query_selector("input").click()
    pg.wait_for_timeout(300)
    assert "Natural Earth" in pg.inner_text(".leaflet-control-attribution")


# ---------------------------------------------------------------- the seeds map


@pytest.fixture(scope="module")
def seeds_map(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, RunSummary]:
    out = tmp_path_factory.mktemp("seedmap")
    return out, run_pipeline([SEEDS], out, settings=settings)


@pytest.fixture
def seeds_page(browser: Any, seeds_map: tuple[Path, RunSummary]) -> Iterator[Any]:
    pg = _open(browser, seeds_map[0] / "conflict_map.html")
    yield pg
    pg.context.close()


def _located(out: Path) -> list[dict[str, Any]]:
    with (out / "events.geojson").open(encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return [
        f["properties"]
        for f in features
        if f["geometry"] is not None and f["properties"]["location_level"] != "country"
    ]


@pytest.mark.model
def test_seeds_map_opens_on_ukraine_and_western_russia(
    seeds_page: Any, seeds_map: tuple[Path, RunSummary]
) -> None:
    pg = seeds_page
    assert pg.requests == []
    assert pg.page_errors == []
    view = _bounds(pg)
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "seeds-initial-view.png"))
    located = _located(seeds_map[0])
    main = [e for e in located if e["country_code"] in {"UA", "RU"}]
    others = [e for e in located if e["country_code"] not in {"UA", "RU"}]
    assert len(main) >= 5
    assert others, "the seeds mention events outside Ukraine and Russia"
    for e in main:
        assert _inside(view, e["latitude"], e["longitude"]), (e["location"], view)
    for e in others:
        assert not _inside(view, e["latitude"], e["longitude"]), (e["location"], view)
    # a regional view, not the world: well under a quarter of the globe's width
    assert view[3] - view[1] < 40
    assert view[2] - view[0] < 20
    # every event left out of the view is listed, and "All events" shows them all
    listed = pg.eval_on_selector(".geomap-outliers", "e => e.textContent")
    for e in others:
        assert e["location"] in listed
    pg.click(".geomap-outliers .gm-all")
    pg.wait_for_timeout(600)
    everything = _bounds(pg)
    for e in located:
        assert _inside(everything, e["latitude"], e["longitude"]), e["location"]
    assert pg.requests == []


@pytest.mark.model
def test_seeds_map_labels_towns_when_zoomed_to_an_oblast(
    seeds_page: Any, seeds_map: tuple[Path, RunSummary]
) -> None:
    pg = seeds_page
    oblasts = json.loads((ASSETS / "ua_adm1.geojson").read_text(encoding="utf-8"))
    shape = next(
        shapely.geometry.shape(f["geometry"])
        for f in oblasts["features"]
        if f["properties"]["iso"] == SUMY_OBLAST
    )
    west, south, east, north = shape.bounds
    pg.evaluate(
        f"void window.geomap.map.fitBounds([[{south}, {west}], [{north}, {east}]], "
        "{animate: false})"
    )
    pg.wait_for_timeout(400)
    pg.screenshot(path=str(ARTIFACTS / "seeds-oblast-view.png"))
    data = pg.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/json\"]').textContent)"
    )
    inside = [
        html.unescape(name)
        for name, lat, lon, zoom, kind in payload_labels(data)
        if kind == 0 and zoom <= 7 and shape.contains(shapely.Point(lon, lat))
    ]
    assert len(inside) >= 2, "the gazetteer has several 50,000+ towns in this oblast"
    shown = pg.evaluate("window.geomap.townLabels()")
    assert set(inside) <= set(shown)
    assert len(shown) >= len(inside)
    drawn = pg.eval_on_selector_all(".gm-town-name", "els => els.map(e => e.textContent)")
    assert sorted(drawn) == sorted(shown)
    for label in pg.query_selector_all(".gm-town-name"):
        assert label.is_visible()
    assert pg.requests == []
