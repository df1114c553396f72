"""The foundation's acceptance check: the five seeds, end to end, as a user gets them.

Real model, real gazetteer, real Folium HTML opened in headless Chromium, GeoJSON read
back through GDAL (pyogrio).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyogrio
import pytest

from geomap.events.schema import SCHEMA_VERSION
from geomap.geocode import haversine_km
from geomap.pipeline import RunSummary, run_pipeline
from geomap.settings import Settings

from .conftest import SEEDS

pytestmark = [pytest.mark.model, pytest.mark.browser]

BILOPILLIA = (51.147, 34.311)
KYIV = (50.45466, 30.5238)


@pytest.fixture(scope="module")
def built(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunSummary]:
    out = tmp_path_factory.mktemp("maps")
    return out, run_pipeline([SEEDS], out, settings=settings)


def _features(out: Path) -> list[dict[str, Any]]:
    with (out / "events.geojson").open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert "crs" not in data
    return list(data["features"])


def test_outputs_written(built: tuple[Path, RunSummary]) -> None:
    out, summary = built
    assert summary.errors == []
    assert summary.articles == 5
    for name in ("conflict_map.html", "events.geojson", "events.gpkg", "events.csv"):
        assert (out / name).stat().st_size > 0
        mode = (out / name).stat().st_mode
        assert mode & 0o044 == 0o044, f"{name} is not readable by group and others: {mode:o}"


def test_bilopillia_and_kyiv_strikes(built: tuple[Path, RunSummary]) -> None:
    out, _ = built
    df = pyogrio.read_dataframe(out / "events.geojson")
    strikes = df[df["sub_event_type"] == "Air/drone strike"]
    bilo = [
        r
        for r in strikes.itertuples()
        if r.geometry is not None
        and haversine_km(r.geometry.y, r.geometry.x, *BILOPILLIA) <= 5
        and str(r.event_date)[:10] == "2025-05-17"
    ]
    assert len(bilo) == 1
    assert bilo[0].fatalities == 9
    kyiv = [
        r
        for r in strikes.itertuples()
        if r.geometry is not None
        and haversine_km(r.geometry.y, r.geometry.x, *KYIV) <= 5
        and str(r.event_date)[:10] == "2025-08-28"
    ]
    assert len(kyiv) == 1
    assert kyiv[0].fatalities == 25


def test_geojson_and_geopackage_agree(built: tuple[Path, RunSummary]) -> None:
    out, _ = built
    gj = pyogrio.read_dataframe(out / "events.geojson").set_index("event_id").sort_index()
    gp = pyogrio.read_dataframe(out / "events.gpkg", layer="events").set_index("event_id")
    gp = gp.sort_index()
    assert list(gj.index) == list(gp.index)
    located = gj.geometry.notna()
    assert (
        gj[located].geometry.x - gp[located].geometry.x
    ).abs().max() < 1e-6  # RFC 7946 writers round to 7 decimals (~1 cm)
    assert (
        gj[located].geometry.y - gp[located].geometry.y
    ).abs().max() < 1e-6  # RFC 7946 writers round to 7 decimals (~1 cm)
    assert set(gj["schema"]) == {SCHEMA_VERSION}


def test_map_in_chromium_shows_one_marker_per_located_event(
    built: tuple[Path, RunSummary], browser: Any
) -> None:
    out, summary = built
    located = [
        f
        for f in _features(out)
        if f["geometry"] is not None and f["properties"]["location_level"] != "country"
    ]
    assert summary.located_events == len(located)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
    page.goto((out / "conflict_map.html").as_uri())
    page.wait_for_function("window.geomap !== undefined")
    assert page.evaluate("window.geomap.map instanceof L.Map")
    assert page.evaluate("window.geomap.countVisible()") == len(located)
    listed = page.inner_text("body")
    assert "Bilopillia" in listed
    assert "Kyiv" in listed
    assert errors == []
    context.close()


def test_dates_are_iso_and_not_in_the_future(built: tuple[Path, RunSummary]) -> None:
    out, _ = built
    days = [f["properties"]["event_date"] for f in _features(out)]
    dated = [d for d in days if d]
    assert len(dated) >= len(days) // 2 > 0  # the seeds are dated: not an empty loop
    for day in dated:
        assert dt.date.fromisoformat(day) <= dt.date(2025, 9, 30)
