"""Render tests: assert on the written HTML (layers, counts, escaping, inlined assets)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import folium
import numpy as np
import pytest

from geomap._errors import ValidationError
from geomap.events.schema import EVENT_TYPES, events_to_gdf
from geomap.render import (
    BASE_LAYER_NAME,
    ONLINE_TILES_NAME,
    main_group,
    render_map,
    save_map,
)
from geomap.render.inline import local_asset
from tests._sample_events import sample_events, synthetic_events, undated_unlocated_event

LOCAL_LEAFLET = local_asset("leaflet", "leaflet.js") is not None


@pytest.fixture(scope="module")
def gdf() -> Any:
    return events_to_gdf([*sample_events(), undated_unlocated_event()])


@pytest.fixture(scope="module")
def page(gdf: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("render") / "map.html"
    save_map(render_map(gdf, title="War map <b>&"), path)
    return path.read_text(encoding="utf-8")


def _payload(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="geomap-data-\w+">(.*?)</script>', page)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _events(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Decode the columnar payload (dictionary-encoded string columns) into one dict per row."""
    cols = {
        k: [c["v"][i] for i in c["i"]] if isinstance(c, dict) else c
        for k, c in data["cols"].items()
    }
    assert {len(c) for c in cols.values()} <= {data["n"]}
    return [{k: c[i] for k, c in cols.items()} for i in range(data["n"])]


def test_one_cluster_layer_and_one_switch_per_event_type_with_counts(page: str) -> None:
    assert page.count("L.markerClusterGroup(") == 1
    switches = re.findall(r"var feature_group_\w+ = L\.featureGroup\(", page)
    # one per type + the oblast outlines + the (offline) base layer
    assert len(switches) == len(EVENT_TYPES) + 2
    assert "Explosions/Remote violence (2)" in page
    assert "Battles (1)" in page
    assert "Oblast outlines of region-level events" in page
    assert "L.control.layers(" in page
    assert '"maxZoom": 18' in page
    data = _payload(page)
    assert [t["count"] for t in data["types"]] == [1, 2, 1, 0, 0, 1, 1]
    assert data["n"] == 6


def test_events_are_newest_first_with_day_indices(page: str) -> None:
    data = _payload(page)
    events = _events(data)
    assert data["days"] == sorted(data["days"])
    dates = [data["days"][e["day"]] if e["day"] >= 0 else "" for e in events]
    assert dates == sorted(dates, reverse=True)
    assert events[-1]["id"] == "ev-undated"
    assert events[-1]["day"] == -1
    assert events[0]["id"] == "ev-kyiv-20250828"
    assert isinstance(data["cols"]["country"], dict)  # repeated strings are stored once
    assert isinstance(data["cols"]["id"], list)


def test_every_string_is_escaped_and_templates_are_inert(page: str) -> None:
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "{{ 7*7 }}" in page  # Jinja did not evaluate article text
    assert "javascript:alert" not in page
    assert "<title>War map &lt;b&gt;&amp;</title>" in page
    xss = next(e for e in _events(_payload(page)) if e["id"] == "ev-sumy-oblast-xss")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xss["notes"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in xss["notes"]
    assert xss["url"] == ""  # javascript: URL dropped
    assert xss["title"] == "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;"
    # Only our JSON block and inline scripts: no stray closing tag from the data.
    assert page.count("</script>") == page.count("<script")


def test_precision_symbology_and_quote_highlight(page: str) -> None:
    data = _payload(page)
    by_id = {e["id"]: e for e in _events(data)}
    bilopillia = by_id["ev-bilopillia-20250517"]
    assert [bilopillia[k] for k in ("lat", "lon", "gp")] == [51.14747, 34.31079, 1]
    assert "<mark>Bilopillia</mark>" in bilopillia["notes"]
    assert by_id["ev-ukraine-talks-20250215"]["level"] == "country"
    assert by_id["ev-sumy-oblast-xss"]["poly"] == "UA-59"  # Sumy oblast polygon
    assert by_id["ev-kursk-20250310"]["poly"] == ""  # Russian region: dashed ring only
    assert data["polygons"] == ["UA-59"]
    assert data["adm1"]["UA-59"]["name"] == "Sumy Oblast"
    assert len(data["adm1"]) == 27  # every oblast border is drawn on the offline base layer
    assert data["borders"] is True


def test_self_contained_inlines_every_script_and_stylesheet(page: str) -> None:
    assert LOCAL_LEAFLET  # XStatic-Leaflet is a dependency: there is always a copy to inline
    assert re.search(r"<script[^>]+src=", page) is None
    assert re.search(r"<link[^>]+stylesheet", page) is None
    assert "cdn.jsdelivr.net" not in page
    assert "url(images/" not in page
    assert "L.Icon.Default.imagePath" in page
    assert "bootstrap" not in page.lower()


def test_not_self_contained_links_cdn_and_skips_outlines(gdf: Any, tmp_path: Path) -> None:
    path = save_map(
        render_map(gdf, self_contained=False, country_outlines=False), tmp_path / "m.html"
    )
    text = path.read_text(encoding="utf-8")
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js">' in text
    assert "leaflet.markercluster.js" in text
    data = _payload(text)
    assert data["countries"] is None
    assert data["borders"] is False
    assert set(data["adm1"]) == set(data["polygons"]) == {"UA-59"}  # only what events use
    assert data["attribution"] == ""
    assert "Blank background (offline, no tiles)" in text
    assert "geomapInit(" in text


def test_existing_map_without_tiles_gets_max_zoom(gdf: Any, tmp_path: Path) -> None:
    m = folium.Map(tiles=None)
    assert render_map(gdf, m=m) is m
    path = save_map(m, tmp_path / "sub" / "m.html")
    assert '"maxZoom": 18' in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == ["m.html"]  # no temp file left


def test_empty_table_renders(tmp_path: Path) -> None:
    path = save_map(render_map(events_to_gdf([])), tmp_path / "empty.html")
    data = _payload(path.read_text(encoding="utf-8"))
    assert data["n"] == 0
    assert data["days"] == []
    assert _events(data) == []


def test_invalid_table_is_refused(gdf: Any) -> None:
    bad = gdf.copy()
    bad.loc["ev-kyiv-20250828", "event_type"] = "Airstrike"
    with pytest.raises(ValidationError, match=r"ev-kyiv-20250828.*event_type"):
        render_map(bad)


def _base_layers(page: str) -> dict[str, str]:
    block = re.search(r"base_layers : \{(.*?)\}", page, re.S)
    assert block is not None
    return dict(re.findall(r'"([^"]+)" : (\w+)', block.group(1)))


def test_base_layer_is_the_offline_outlines_and_online_tiles_are_opt_in(page: str) -> None:
    layers = _base_layers(page)
    assert list(layers) == [BASE_LAYER_NAME, ONLINE_TILES_NAME]
    assert "no tiles" in BASE_LAYER_NAME.lower()
    assert "online" in ONLINE_TILES_NAME.lower()
    base, tiles = layers[BASE_LAYER_NAME], layers[ONLINE_TILES_NAME]
    assert f"{base}.addTo(" in page  # the offline outlines are shown
    assert page.count(tiles) == 2  # defined and offered in the control, never added to the map
    assert f"{tiles}.addTo(" not in page
    attribution = _payload(page)["attribution"]
    for credit in ("Natural Earth", "geoBoundaries", "GeoNames", "no tiles"):
        assert credit in attribution
    assert "OpenStreetMap" not in attribution


def test_online_tiles_can_be_left_out(gdf: Any, tmp_path: Path) -> None:
    text = save_map(render_map(gdf, online_tiles=False), tmp_path / "m.html").read_text("utf-8")
    assert list(_base_layers(text)) == [BASE_LAYER_NAME]
    assert "openstreetmap.org" not in text
    assert "L.tileLayer(" not in text


def test_town_labels_are_escaped_and_largest_first(gdf: Any, tmp_path: Path) -> None:
    towns = [("Smallville", 50.1, 30.2, 60_000), ("Big <b>Town</b> & Co", 50.0, 30.0, 1_200_000)]
    text = save_map(render_map(gdf, towns=towns), tmp_path / "m.html").read_text("utf-8")
    data = _payload(text)
    assert data["towns"] == {
        "name": ["Big &lt;b&gt;Town&lt;/b&gt; &amp; Co", "Smallville"],
        "lat": [50.0, 50.1],
        "lon": [30.0, 30.2],
        "pop": [1_200_000, 60_000],
    }
    assert "<b>Town" not in text
    assert _payload(page_of(render_map(gdf), tmp_path))["towns"]["name"] == []


def page_of(m: folium.Map, tmp_path: Path) -> str:
    return save_map(m, tmp_path / "other.html").read_text(encoding="utf-8")


def test_main_group_drops_far_points_only() -> None:
    rng = np.random.default_rng(3)
    lat = list(20 + rng.uniform(-2, 2, 40))
    lon = list(-60 + rng.uniform(-3, 3, 40))
    # two far points (one ~3,000 km east, one on another continent) and one near the edge
    lat += [21.0, -30.0, 22.5]
    lon += [-30.0, 150.0, -56.0]
    keep = main_group(lat, lon)
    assert keep.tolist() == [True] * 40 + [False, False, True]
    # a tight group: a point 30 km away stays (the view never shrinks below 50 km)
    assert main_group([10.0, 10.001, 10.002, 10.27], [5.0, 5.001, 5.0, 5.0]).all()
    assert main_group([1.0, 80.0], [1.0, -170.0]).all()  # too few points to call outliers
    # evenly spread points: nothing is an outlier
    grid_lat, grid_lon = np.meshgrid(np.linspace(40, 50, 11), np.linspace(10, 30, 11))
    assert main_group(grid_lat.ravel(), grid_lon.ravel()).all()


def test_initial_view_fits_the_main_group_and_lists_the_outliers(tmp_path: Path) -> None:
    events = synthetic_events(60, towns=20)
    far = [
        dataclasses.replace(
            events[i], location=name, country="Farland", latitude=lat, longitude=lon
        )
        for i, name, lat, lon in ((3, "Far <A>", 5.0, -120.0), (7, "Far B", -40.0, 170.0))
    ]
    events = [e for i, e in enumerate(events) if i not in (3, 7)] + far
    gdf = events_to_gdf(events)
    data = _payload(page_of(render_map(gdf), tmp_path))
    near = gdf[(gdf["location_level"] != "country") & (gdf["country"] != "Farland")]
    (south, west), (north, east) = data["fit"]
    assert south == pytest.approx(near["latitude"].min() - 0.3, abs=1e-3)
    assert north == pytest.approx(near["latitude"].max() + 0.3, abs=1e-3)
    assert west == pytest.approx(near["longitude"].min() - 0.3, abs=1e-3)
    assert east == pytest.approx(near["longitude"].max() + 0.3, abs=1e-3)
    assert data["fitAll"] == [[-40.3, -120.3], [north, 170.3]]
    rows = _events(data)
    listed = [rows[r]["place"] for r in data["outliers"]["rows"]]
    assert sorted(listed) == ["Far &lt;A&gt;", "Far B"]
    assert data["outliers"]["n"] == 2
    assert data["outliers"]["more"] == 0
    # a caller's map is not refitted
    assert _payload(page_of(render_map(gdf, m=folium.Map(tiles=None)), tmp_path))["fit"] is None
