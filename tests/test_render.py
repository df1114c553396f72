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
    TYPE_COLORS,
    main_group,
    render_map,
    save_map,
)
from geomap.render.context import encode_line
from geomap.render.inline import local_asset
from geomap.render.payload import source_label
from geomap.render.style import AREAS_LAYER_NAME
from tests._map_corpus import decode_polyline, payload_labels
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


def _source(data: dict[str, Any], k: int) -> list[str]:
    """Row ``k`` of the sources table: [label, href, date, name]."""
    cols = [data["sources"][c] for c in ("label", "href", "date", "name")]
    return [c["v"][c["i"][k]] if isinstance(c, dict) else c[k] for c in cols]


def _events(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Decode the columnar payload (dictionary-encoded string columns) into one dict per row."""
    cols = {
        k: [c["v"][i] for i in c["i"]] if isinstance(c, dict) else c
        for k, c in data["cols"].items()
    }
    assert {len(c) for c in cols.values()} <= {data["n"]}
    return [{k: c[i] for k, c in cols.items()} for i in range(data["n"])]


def test_one_cluster_layer_and_one_switch_per_event_type_with_counts(page: str) -> None:
    # one folium cluster layer (the page makes a second one for filtered selections)
    assert len(re.findall(r"var marker_cluster_\w+ = L\.markerClusterGroup\(", page)) == 1
    switches = re.findall(r"var feature_group_\w+ = L\.featureGroup\(", page)
    # one per type + the oblast outlines + the (offline) base layer
    assert len(switches) == len(EVENT_TYPES) + 2
    assert (
        'Explosions/Remote violence \\u003cspan class=\\"gm-lc-count\\" data-type=\\"1\\"\\u003e(2)'
        in page
    )
    assert 'Battles \\u003cspan class=\\"gm-lc-count\\" data-type=\\"0\\"\\u003e(1)' in page
    assert AREAS_LAYER_NAME in page
    assert "L.control.layers(" in page
    assert '"collapsed": true' in page
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
    data = _payload(page)
    xss = next(e for e in _events(data) if e["id"] == "ev-sumy-oblast-xss")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xss["notes"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in xss["notes"]
    assert _source(data, xss["src"]) == ["Example &lt;News&gt;", "", "", "Example &lt;News&gt;"]
    assert xss["title"] == "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;"
    assert xss["a1"] == "&lt;b&gt;Unidentified&lt;/b&gt; armed group"
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
    adm1 = data["background"]["adm1"]
    assert adm1["UA-59"]["name"] == "Sumy Oblast"
    assert len(adm1) == 27  # every oblast border is drawn on the offline base layer
    assert data["background"]["borders"] is True
    # the outline is an encoded polyline around the oblast, ~1 km between vertices
    ring = decode_polyline(adm1["UA-59"]["shape"][0][0], 4)
    assert len(ring) > 300
    lats, lons = [p[0] for p in ring], [p[1] for p in ring]
    assert 50.0 < min(lats) < 50.5 < 52.2 < max(lats) < 52.5
    assert 32.9 < min(lons) < 33.3 < 35.3 < max(lons) < 35.8


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
    bg = data["background"]
    assert bg["countries"] is None
    assert bg["borders"] is False
    assert set(bg["adm1"]) == set(data["polygons"]) == {"UA-59"}  # only what events use
    assert bg["attribution"] == ""
    assert bg["rivers"] == bg["lakes"] == []
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
    attribution = _payload(page)["background"]["attribution"]
    for credit in ("Natural Earth", "geoBoundaries", "GeoNames", "no tiles"):
        assert credit in attribution
    assert "OpenStreetMap" not in attribution


def test_online_tiles_can_be_left_out(gdf: Any, tmp_path: Path) -> None:
    text = save_map(render_map(gdf, online_tiles=False), tmp_path / "m.html").read_text("utf-8")
    assert list(_base_layers(text)) == [BASE_LAYER_NAME]
    assert "openstreetmap.org" not in text
    assert "L.tileLayer(" not in text


def test_place_names_are_escaped_and_shown_from_a_zoom_by_population(
    gdf: Any, tmp_path: Path
) -> None:
    towns = [
        ("Smallville", 50.1, 30.2, 60_000),
        ("Big <b>Town</b> & Co", 50.0, 30.0, 1_200_000),
        ("Hamlet", 50.2, 30.1, 0),
        ("Village", 50.3, 30.3, 800),
        ("Kursk Oblast", 51.6, 36.2, 0, "region"),
        ("Sumy Oblast (gazetteer)", 51.0, 34.0, 0, "region"),  # inside a bundled oblast
    ]
    text = save_map(render_map(gdf, towns=towns), tmp_path / "m.html").read_text("utf-8")
    labels = payload_labels(_payload(text))
    places = [(n, round(la, 4), round(lo, 4), z) for n, la, lo, z, k in labels if k == 0]
    assert places == [
        ("Big &lt;b&gt;Town&lt;/b&gt; &amp; Co", 50.0, 30.0, 4),
        ("Smallville", 50.1, 30.2, 7),
        ("Village", 50.3, 30.3, 10),
        ("Hamlet", 50.2, 30.1, 11),
    ]
    regions = {n for n, *_, k in labels if k == 1}
    assert "Kursk Oblast" in regions  # a Russian region: the caller's name
    assert "Sumy Oblast" in regions  # a Ukrainian oblast: the bundled outline's name
    assert "Sumy Oblast (gazetteer)" not in regions
    assert "Kyiv" not in regions  # the city oblasts are named by their town label
    assert "<b>Town" not in text
    bare = payload_labels(_payload(page_of(render_map(gdf), tmp_path)))
    assert {k for *_, k in bare} == {1}  # no towns given: only the oblasts' names


def test_rivers_and_lakes_are_kept_around_the_events_only(gdf: Any, tmp_path: Path) -> None:
    bg = _payload(page_of(render_map(gdf), tmp_path))["background"]
    rivers = [decode_polyline(r, 3) for r in bg["rivers"]]
    assert 3 <= len(rivers) < 60
    points = [p for r in rivers for p in r]
    # the Dnipro through Kyiv is there; nothing from another continent
    assert any(abs(lat - 50.45) < 0.3 and abs(lon - 30.55) < 0.3 for lat, lon in points)
    assert all(30 < lat < 60 and 15 < lon < 55 for lat, lon in points)
    assert bg["lakes"]
    assert len(bg["countries"]["name"]) > 150  # every country, for the zoomed-out view
    assert "Ukraine" in bg["countries"]["name"]


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
    # "All events" leaves out the farthest 2% (one of 57 located events): Far B
    assert data["fitAll"] == [[4.7, -120.3], [north, east]]
    rows = _events(data)
    listed = [rows[r]["place"] for r in data["outliers"]["rows"]]
    assert sorted(listed) == ["Far &lt;A&gt;", "Far B"]
    assert data["outliers"]["n"] == 2
    assert data["outliers"]["more"] == 0
    assert data["outliers"]["far"] == 1
    # a caller's map is not refitted
    assert _payload(page_of(render_map(gdf, m=folium.Map(tiles=None)), tmp_path))["fit"] is None


def test_all_events_leaves_out_a_few_far_pins(tmp_path: Path) -> None:
    events = synthetic_events(200, towns=50)
    far = dataclasses.replace(events[5], location="Far", latitude=-33.9, longitude=151.2)
    gdf = events_to_gdf([*(e for i, e in enumerate(events) if i != 5), far])
    data = _payload(page_of(render_map(gdf), tmp_path))
    (south, west), _ = data["fitAll"]
    assert south > 40  # not zoomed out to Sydney: a regional view
    assert west > 20
    assert data["outliers"]["far"] == 1
    rows = _events(data)
    assert "Far" in [rows[r]["place"] for r in data["outliers"]["rows"]]  # still reachable


def test_every_source_is_listed_by_site_or_channel(tmp_path: Path) -> None:
    gdf = events_to_gdf(sample_events())
    kyiv = "ev-kyiv-20250828"
    gdf.loc[kyiv, "sources"] = "a; b; c"
    gdf.loc[kyiv, "source_urls"] = (
        "https://t.me/kyiv_news/77; https://www.bbc.com/news/x; javascript:alert(1)"
    )
    gdf.loc[kyiv, "source_names"] = "tg; BBC; <i>evil</i>"
    gdf.loc[kyiv, "source_dates"] = "2025-08-28T09:00; 2025-08-29; "
    gdf.loc["ev-kursk-20250310", ["source_urls", "source_names"]] = ["", ""]
    data = _payload(page_of(render_map(gdf), tmp_path))
    by_id = {e["id"]: e for e in _events(data)}
    assert [_source(data, k) for k in by_id["ev-kyiv-20250828"]["src"]] == [
        ["t.me/kyiv_news", "https://t.me/kyiv_news/77", "2025-08-28", "tg"],
        ["bbc.com", "https://www.bbc.com/news/x", "2025-08-29", "BBC"],
        ["&lt;i&gt;evil&lt;/i&gt;", "", "", "&lt;i&gt;evil&lt;/i&gt;"],
    ]
    # no (or unreadable) list: the event's own URL, then the other merged article ids
    bilo = [_source(data, k) for k in by_id["ev-bilopillia-20250517"]["src"]]
    assert bilo == [
        [
            "reuters.com",
            "https://www.reuters.com/world/europe/bilopillia-drone-strike",
            "",
            "Reuters",
        ],
        ["seed-bilopillia-bbc", "", "", "seed-bilopillia-bbc"],
    ]
    assert _source(data, by_id["ev-kursk-20250310"]["src"])[0] == "reuters.com"


@pytest.mark.parametrize(
    ("url", "source", "label"),
    [
        ("https://t.me/s/rybar/123", "", "t.me/rybar"),
        ("https://telegram.me/rybar/9", "", "t.me/rybar"),
        ("https://t.me/c/1234567/89", "", "t.me/c/1234567"),
        ("https://mobile.twitter.com/user/status/1", "", "twitter.com/user"),
        ("https://x.com/user", "", "x.com/user"),
        ("http://WWW.Kyivindependent.com/a", "KI", "kyivindependent.com"),
        ("", "Reuters", "Reuters"),
        ("ftp://x.org/", "", "source"),
    ],
)
def test_source_labels(url: str, source: str, label: str) -> None:
    assert source_label(url, source) == label


def test_ambiguous_places_carry_their_alternatives(tmp_path: Path, caplog: Any) -> None:
    gdf = events_to_gdf(sample_events())
    gdf["alternatives"] = ""
    gdf.loc["ev-kyiv-20250828", "alternatives"] = json.dumps(
        [
            {"name": "Kyiv <x>", "admin1": "Other", "country_code": "UA", "lat": 48.1, "lon": 30.0},
            {"name": "Nowhere", "admin1": "", "country_code": "", "lat": None, "lon": None},
        ]
    )
    gdf.loc["ev-kursk-20250310", "alternatives"] = "{broken"
    data = _payload(page_of(render_map(gdf), tmp_path))
    rows = {e["id"]: r for r, e in enumerate(_events(data))}
    assert data["alts"] == {
        str(rows["ev-kyiv-20250828"]): [
            ["Kyiv &lt;x&gt;", "Other", "UA", 48.1, 30.0],
            ["Nowhere", "", "", None, None],
        ]
    }
    assert "ev-kursk-20250310: alternatives is not valid JSON" in caplog.text
    # without the column: no alternatives, no error
    assert _payload(page_of(render_map(events_to_gdf(sample_events())), tmp_path))["alts"] == {}


def _srgb_to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


#: Machado, Oliveira & Fernandes (2009) matrices for full protanopia, deuteranopia and
#: tritanopia, applied to linear RGB.
_CVD = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_type_palette_stays_apart_for_colour_blind_readers() -> None:
    colours = list(TYPE_COLORS.values())
    assert len(set(colours)) == len(EVENT_TYPES)
    linear = [
        tuple(_srgb_to_linear(int(c[i : i + 2], 16) / 255) for i in (1, 3, 5)) for c in colours
    ]
    for name, m in {"normal": None, **_CVD}.items():
        sim = [
            v
            if m is None
            else tuple(min(1.0, max(0.0, sum(m[r][k] * v[k] for k in range(3)))) for r in range(3))
            for v in linear
        ]
        labs = [_lab(v) for v in sim]
        for i in range(len(labs)):
            for j in range(i + 1, len(labs)):
                d = sum((a - b) ** 2 for a, b in zip(labs[i], labs[j], strict=True)) ** 0.5
                assert d > 10, (name, colours[i], colours[j], round(d, 1))


def test_encoded_lines_round_trip() -> None:
    line = [(30.5234, 50.4501), (30.5235, 50.4499), (-120.0001, -45.5), (0.0, 0.0)]
    assert decode_polyline(encode_line(line, 4), 4) == [(lat, lon) for lon, lat in line]
