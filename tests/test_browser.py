"""Browser tests: open the written map in headless Chromium, offline; check what a person sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geomap.events.schema import EVENT_TYPES, events_to_gdf
from geomap.render import render_map, save_map
from geomap.render.inline import local_asset
from tests._sample_events import sample_events, synthetic_events, undated_unlocated_event

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CI = bool(__import__("os").environ.get("CI"))


@pytest.fixture(scope="module")
def offline_leaflet() -> None:
    """Leaflet must be available locally for an offline map (XStatic or Debian libjs-leaflet)."""
    if local_asset("leaflet", "leaflet.js") and local_asset(
        "markercluster", "leaflet.markercluster.js"
    ):
        return
    msg = (
        "no local Leaflet/markercluster (apt-get install libjs-leaflet libjs-leaflet.markercluster)"
    )
    # XStatic-Leaflet(-MarkerCluster) are dependencies: without them the install is broken
    pytest.fail(msg)


@pytest.fixture
def page(browser: Any, tmp_path: Path, offline_leaflet: None) -> Any:
    """The sample map opened from file:// with every non-file request blocked and recorded."""
    gdf = events_to_gdf([*sample_events(), undated_unlocated_event()])
    path = save_map(render_map(gdf, title="Seeds <test>"), tmp_path / "map.html")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.blocked = []
    pg.console_errors = []
    pg.dialogs = []
    pg.page_errors = []

    def block(route: Any) -> None:
        pg.blocked.append(route.request.url)
        route.abort()

    pg.route(lambda url: not url.startswith(("file:", "data:")), block)
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.goto(path.as_uri())
    pg.wait_for_function("window.geomap !== undefined")
    yield pg
    context.close()


def _markers_on_map(pg: Any) -> int:
    return int(pg.evaluate("window.geomap.countVisible()"))


def test_map_initialises_offline_and_shows_one_marker_per_located_event(page: Any) -> None:
    assert page.query_selector(".leaflet-container") is not None
    assert page.evaluate("typeof L") == "object"
    assert page.evaluate("window.geomap.map instanceof L.Map")
    # 5 sample events + 1 undated: 4 located non-country events go on the map.
    assert _markers_on_map(page) == 4
    page.wait_for_timeout(300)
    icons = page.query_selector_all(".leaflet-marker-icon.geomap-marker")
    clusters = page.evaluate(
        "Array.from(document.querySelectorAll('.geomap-cluster span'))"
        ".reduce((n, e) => n + Number(e.textContent), 0)"
    )
    assert len(icons) + clusters == 4
    # Only tile requests may try to leave the machine; every script/style is inlined.
    assert all("tile.openstreetmap.org" in url for url in page.blocked), page.blocked
    assert page.page_errors == []
    unexpected = [e for e in page.console_errors if "ERR_FAILED" not in e]
    assert unexpected == []
    assert page.dialogs == []


def test_country_level_events_are_listed_not_pinned(page: Any) -> None:
    off = page.inner_text(".gm-off")
    assert "Ukraine" in off
    assert "Diplomacy" not in off or "Talks" in off
    listed = page.eval_on_selector_all(".gm-off li", "els => els.map(e => e.dataset.event)")
    assert set(listed) == {"ev-ukraine-talks-20250215", "ev-undated"}
    assert page.evaluate("window.geomap.marker('ev-ukraine-talks-20250215')") is None
    assert page.evaluate("window.geomap.marker('ev-kyiv-20250828') instanceof L.Marker")
    assert page.query_selector("title").inner_text() == "Seeds <test>"


def test_layer_toggle_hides_markers_of_that_type(page: Any) -> None:
    page.hover(".leaflet-control-layers")  # collapsed to a button until pointed at
    labels = page.query_selector_all(".leaflet-control-layers-overlays label")
    explosions = next(lb for lb in labels if "Explosions/Remote violence" in lb.inner_text())
    explosions.query_selector("input").click()
    assert _markers_on_map(page) == 2
    assert page.query_selector_all(".geomap-marker") != []
    explosions.query_selector("input").click()
    assert _markers_on_map(page) == 4


def test_day_filter_steps_through_days(page: Any) -> None:
    days = page.evaluate("window.geomap.days")
    assert days == ["2025-02-15", "2025-03-10", "2025-05-17", "2025-05-18", "2025-08-28"]
    page.evaluate("window.geomap.setFilter('day', '2025-05-17')")
    assert _markers_on_map(page) == 1
    assert page.inner_text(".gm-tl-label").startswith("2025-05-17\n1 event")
    page.focus(".gm-h-to")
    page.keyboard.press("ArrowRight")  # one more day: the Sumy-oblast event
    assert page.inner_text(".gm-tl-label").startswith("2025-05-17 \u2013 2025-05-18")
    assert _markers_on_map(page) == 2
    page.evaluate("window.geomap.setFilter('upto', '2025-05-18')")
    assert _markers_on_map(page) == 3  # Kursk, Bilopillia, Sumy oblast
    page.click(".gm-tl-all")
    assert _markers_on_map(page) == 4


def test_popup_shows_hostile_text_literally_and_runs_nothing(page: Any) -> None:
    page.click(".gm-list li[data-event='ev-sumy-oblast-xss']")
    popup = page.wait_for_selector(".leaflet-popup-content .geomap-popup")
    text = popup.inner_text()
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "{{ 7*7 }}" in text
    assert "<b>Unidentified</b> armed group" in text
    assert popup.query_selector("script") is None
    assert popup.query_selector("img") is None
    assert popup.query_selector("a") is None  # javascript: URL dropped
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.page_errors == []


def test_popup_content_and_screenshot(page: Any) -> None:
    page.click(".gm-list li[data-event='ev-bilopillia-20250517']")
    popup = page.wait_for_selector(".leaflet-popup-content .geomap-popup")
    text = popup.inner_text()
    for expected in (
        "Explosions/Remote violence",
        "Air/drone strike",
        "2025-05-17",
        "day precision",
        "Bilopillia, Sumy, Ukraine",
        "9 killed, 7 injured",
        "Military Forces of Russia vs. Civilians (Ukraine)",
        "Sources (2)",
        "seed-bilopillia-bbc",
    ):
        assert expected in text
    assert popup.query_selector("mark").inner_text() == "Bilopillia"
    link = popup.query_selector("a")
    assert (
        link.get_attribute("href") == "https://www.reuters.com/world/europe/bilopillia-drone-strike"
    )
    assert link.inner_text() == "reuters.com"
    page.wait_for_timeout(800)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-popup.png"))
    page.evaluate("window.geomap.map.closePopup(); void window.geomap.map.setView([50.2, 33], 6)")
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "map-overview.png"))
    assert (ARTIFACTS / "map-overview.png").stat().st_size > 10_000


# --------------------------------------------------------------- a large map (10,000 events)

N_LARGE = 10_000


@pytest.fixture(scope="module")
def large_map(tmp_path_factory: pytest.TempPathFactory, offline_leaflet: None) -> tuple[Path, Any]:
    """A written 10,000-event map and its event table."""
    gdf = events_to_gdf(synthetic_events(N_LARGE))
    path = tmp_path_factory.mktemp("large") / "map.html"
    save_map(render_map(gdf, title=f"{N_LARGE} events"), path)
    return path, gdf


@pytest.fixture
def large_page(browser: Any, large_map: tuple[Path, Any]) -> Iterator[Any]:
    """The 10,000-event map, loaded; console and page errors recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.route(lambda url: not url.startswith(("file:", "data:")), lambda route: route.abort())
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on(
        "console",
        lambda msg: (
            msg.type == "error" and "ERR_FAILED" not in msg.text and pg.errors.append(msg.text)
        ),
    )
    pg.goto(large_map[0].as_uri())
    pg.wait_for_function("window.geomap !== undefined")
    yield pg
    context.close()


def _located(gdf: Any) -> Any:
    return gdf[gdf.geometry.notna() & (gdf["location_level"] != "country")]


def _drawn_total(pg: Any) -> int:
    """Events drawn at the current view: cluster counts plus single pins."""
    return int(
        pg.evaluate(
            "Array.from(document.querySelectorAll('.geomap-cluster span'))"
            ".reduce((n, e) => n + Number(e.textContent), 0)"
            " + document.querySelectorAll('.leaflet-marker-icon.geomap-marker').length"
        )
    )


def test_large_map_clusters_every_located_event_readably(
    large_page: Any, large_map: tuple[Path, Any]
) -> None:
    located = len(_located(large_map[1]))
    large_page.evaluate("window.geomap.whenLoaded()")
    assert large_page.evaluate("window.geomap.isLoaded()")
    assert large_page.evaluate("window.geomap.countVisible()") == located
    large_page.wait_for_timeout(100)
    # The fitted view shows every located event, in a few dozen clusters, not thousands.
    assert _drawn_total(large_page) == located
    clusters = large_page.query_selector_all(".geomap-cluster")
    assert 5 <= len(clusters) <= 150
    ring = clusters[0].query_selector(".gm-ring")
    assert ring is not None
    assert "conic-gradient" in (ring.get_attribute("style") or "")
    tip = ring.get_attribute("title") or ""
    assert any(f"{t}: " in tip for t in EVENT_TYPES), tip
    status = large_page.inner_text(".gm-status")
    assert status.startswith(f"{N_LARGE:,} of {N_LARGE:,} events selected")
    assert "drawing" not in status
    items = ".gm-list:not(.gm-off) li.gm-item"
    assert large_page.eval_on_selector_all(items, "e => e.length") == 300
    large_page.click(".gm-list:not(.gm-off) li.gm-more")
    assert large_page.eval_on_selector_all(items, "e => e.length") == 600
    assert large_page.errors == []


def test_large_map_day_filter_type_switch_and_focus_while_loading(
    large_page: Any, large_map: tuple[Path, Any]
) -> None:
    gdf = large_map[1]
    located = _located(gdf)
    large_page.evaluate("window.geomap.whenLoaded()")
    day = "2025-03-20"
    large_page.evaluate(f"window.geomap.setFilter('day', '{day}')")
    large_page.evaluate("window.geomap.whenLoaded()")
    on_day = located[located["event_date"] == day]
    assert large_page.evaluate("window.geomap.countVisible()") == len(on_day)
    large_page.wait_for_timeout(100)
    assert _drawn_total(large_page) == len(on_day)
    listed = large_page.eval_on_selector_all(".gm-list:not(.gm-off) li.gm-item", "e => e.length")
    assert listed == min(len(on_day), 300)

    # Switch one event type off in the layer control: its markers leave the clusters.
    large_page.hover(".leaflet-control-layers")
    labels = large_page.query_selector_all(".leaflet-control-layers-overlays label")
    battles = next(lb for lb in labels if lb.inner_text().strip().startswith("Battles"))
    battles.query_selector("input").click()
    large_page.evaluate("window.geomap.whenLoaded()")
    without = on_day[on_day["event_type"] != "Battles"]
    assert large_page.evaluate("window.geomap.countVisible()") == len(without)

    # Back to all dates, Battles still off (thousands of markers load in the background),
    # and at once open the oldest event: focusing an event that is not clustered yet must
    # still find it and open its popup.
    others = located[located["event_type"] != "Battles"]
    oldest = others.sort_values("event_date", kind="stable").index[0]
    still_loading = large_page.evaluate(
        f"window.geomap.setFilter('all'); window.geomap.focusEvent('{oldest}');"
        " !window.geomap.isLoaded()"
    )
    assert still_loading
    popup = large_page.wait_for_selector(".leaflet-popup-content .geomap-popup", timeout=15_000)
    assert "2025-03-01" in popup.inner_text()
    large_page.evaluate("window.geomap.whenLoaded()")
    assert large_page.evaluate("window.geomap.countVisible()") == len(others)
    # Nothing filtered out any more: every event is back at once (the full layer is kept)
    battles.query_selector("input").click()
    assert large_page.evaluate("window.geomap.isLoaded()")
    large_page.evaluate("window.geomap.whenLoaded()")
    assert large_page.evaluate("window.geomap.countVisible()") == len(located)
    assert large_page.errors == []
