"""Render tests: assert on the written HTML (layers, counts, escaping, inlined assets)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import folium
import pytest

from geomap._errors import ValidationError
from geomap.events.schema import EVENT_TYPES, events_to_gdf
from geomap.render import _local_asset, render_map, save_map
from tests._sample_events import sample_events, undated_unlocated_event

LOCAL_LEAFLET = _local_asset("leaflet", "leaflet.js") is not None


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
    assert len(switches) == len(EVENT_TYPES) + 1  # one per type + the oblast outlines
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
    assert set(data["polygons"]) == {"UA-59"}
    assert data["polygons"]["UA-59"]["name"] == "Sumy Oblast"


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
    assert _payload(text)["countries"] is None
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
