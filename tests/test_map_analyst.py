"""The analyst's map in headless Chromium: context at every zoom, overlays, timeline, filters,
search, sources, export, layout. Each test drives a control as a person would (clicks, drags,
typing, keys) on a generated corpus and checks what is on the screen.

Every request that is not ``file:``, ``data:`` or ``blob:`` is recorded and aborted: with the
default layer there must be none.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyogrio
import pytest

from geomap.events.schema import EVENT_TYPES
from geomap.gazetteer.towns import map_labels
from geomap.render import read_overlay, render_map, save_map
from geomap.settings import Settings
from tests._map_corpus import (
    BAKHMUT_VILLAGES,
    FORMULA_NOTES,
    PLACES,
    analyst_events,
    analyst_gdf,
    write_overlay,
)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SIZES = ((1400, 900), (1024, 768), (390, 844))


@pytest.fixture(scope="module")
def corpus_map(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The corpus map with the gazetteer's place names and the front-line overlay."""
    out = tmp_path_factory.mktemp("analyst")
    gdf = analyst_gdf()
    labels = map_labels(analyst_events(), settings)
    overlay = read_overlay(write_overlay(out / "front line.geojson"))
    path = save_map(
        render_map(gdf, title="Analyst <test>", towns=labels, overlays=overlay), out / "map.html"
    )
    return path, gdf


def _open(browser: Any, path: Path, size: tuple[int, int] = (1400, 900), hash_: str = "") -> Any:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    pg = context.new_page()
    pg.requests = []
    pg.errors = []

    def record(route: Any) -> None:
        pg.requests.append(route.request.url)
        route.abort()

    pg.route(lambda url: not url.startswith(("file:", "data:", "blob:")), record)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.goto(path.as_uri() + hash_)
    pg.wait_for_function("window.geomap !== undefined && window.geomap.isLoaded()")
    pg.wait_for_timeout(150)
    return pg


@pytest.fixture
def page(browser: Any, corpus_map: tuple[Path, Any]) -> Iterator[Any]:
    pg = _open(browser, corpus_map[0])
    yield pg
    assert pg.errors == []
    assert pg.requests == []
    pg.context.close()


def _located(gdf: Any) -> Any:
    return gdf[gdf.geometry.notna() & (gdf["location_level"] != "country")]


def _boxes(pg: Any, selector: str) -> list[tuple[str, float, float, float, float]]:
    return [
        (b[0], b[1], b[2], b[3], b[4])
        for b in pg.eval_on_selector_all(
            selector,
            "els => els.filter(e => e.offsetParent !== null || e.getClientRects().length)"
            ".map(e => { const r = e.getBoundingClientRect();"
            " return [e.className.baseVal === undefined ? e.className : '', r.left, r.top,"
            " r.right, r.bottom]; }).filter(b => b[3] > b[1] && b[4] > b[2])",
        )
    ]


def _overlap(a: tuple[Any, ...], b: tuple[Any, ...], slack: float = 0.5) -> bool:
    return (
        a[1] + slack < b[3] and b[1] + slack < a[3] and a[2] + slack < b[4] and b[2] + slack < a[4]
    )


def _settle(pg: Any, ms: int = 400) -> None:
    pg.wait_for_function("window.geomap.isLoaded()")
    pg.wait_for_timeout(ms)


# ---------------------------------------------------------------- context at every zoom


def test_villages_are_named_at_zoom_11_around_an_event_and_never_under_a_marker(page: Any) -> None:
    lat, lon = PLACES["Bakhmut"]
    page.evaluate(f"void window.geomap.map.setView([{lat}, {lon}], 11, {{animate: false}})")
    _settle(page, 600)
    shown = page.evaluate("window.geomap.townLabels()")
    for village in BAKHMUT_VILLAGES:
        assert village in shown, (village, sorted(shown))
    assert len(shown) >= 40  # every settlement, not just the towns
    names = _boxes(page, ".gm-label span:last-child")
    assert len(names) >= 40
    icons = _boxes(page, ".leaflet-marker-pane .leaflet-marker-icon")
    assert icons  # the Bakhmut cluster is on screen
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not _overlap(a, b), (a, b)
        for m in icons:
            assert not _overlap(a, m), (a, m)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "analyst-zoom11.png"))
    # zoomed out to the whole region: towns only, and the oblast names
    page.evaluate("void window.geomap.map.setZoom(7, {animate: false})")
    _settle(page)
    assert "Opytne" not in page.evaluate("window.geomap.townLabels()")
    assert "Kramatorsk" in page.evaluate("window.geomap.townLabels()")
    assert "Donetsk Oblast" in page.evaluate("window.geomap.regionLabels()")


def test_rivers_lakes_and_sharp_borders_are_drawn(page: Any) -> None:
    # The Dnipro and its reservoirs at Zaporizhzhia (Natural Earth's 1:50m rivers have the
    # large rivers only: not the Siverskyi Donets by Siversk)
    page.evaluate("void window.geomap.map.setView([47.85, 35.1], 9, {animate: false})")
    _settle(page)
    rivers = page.eval_on_selector_all(
        "path.gm-river", "els => els.map(e => e.getAttribute('d').length)"
    )
    assert rivers
    assert max(rivers) > 200  # a real line with many vertices in view
    box = page.eval_on_selector("path.gm-river", "e => e.getBoundingClientRect().width")
    assert box > 100
    assert page.query_selector_all("path.gm-lake")
    # Ukraine's border at zoom 10 comes from the oblast outlines (~1 km vertices)
    page.evaluate("void window.geomap.map.setView([49.2, 37.75], 10, {animate: false})")
    _settle(page)
    d = page.eval_on_selector_all("path.gm-adm1", "els => els.map(e => e.getAttribute('d'))")
    vertices = sum(s.count("L") for s in d)
    assert vertices > 100, vertices


# ---------------------------------------------------------------- overlays


def test_overlay_is_a_layer_switch_and_follows_the_date(page: Any) -> None:
    assert page.evaluate("window.geomap.overlayDays()") == ["2025-05-01"]  # every date: the last
    page.hover(".leaflet-control-layers")
    labels = page.query_selector_all(".leaflet-control-layers-overlays label")
    front = next(lb for lb in labels if "front line.geojson" in lb.inner_text())
    assert front.query_selector("input").is_checked()
    areas = "path.gm-overlay-area"
    assert len(page.query_selector_all(areas)) == 1
    assert len(page.query_selector_all("path.gm-overlay-line")) == 1
    # a range ending in March shows the March area
    page.evaluate("window.geomap.setRange('2025-03-01', '2025-03-20')")
    assert page.evaluate("window.geomap.overlayDays()") == ["2025-03-01"]
    assert len(page.query_selector_all(areas)) == 1
    page.evaluate("window.geomap.setRange('2025-04-01', '2025-04-20')")
    assert page.evaluate("window.geomap.overlayDays()") == ["2025-04-01"]
    # its popup shows the properties, escaped
    page.evaluate("void window.geomap.map.setView([48.6, 38.1], 10, {animate: false})")
    page.wait_for_timeout(200)
    page.eval_on_selector(areas, "e => e.dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    popup = page.wait_for_selector(".gm-overlay-popup")
    assert "<b>bold</b>" in popup.inner_text()
    assert "Control 2025-04-01" in popup.inner_text()
    # switched off in the layer control: gone
    page.hover(".leaflet-control-layers")
    front.query_selector("input").click()
    assert page.query_selector_all(areas) == []
    assert page.query_selector_all("path.gm-overlay-line") == []


def test_bad_overlay_file_is_one_error_naming_it(tmp_path: Path) -> None:
    from geomap._errors import InputError

    bad = tmp_path / "lines.geojson"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"lines\.geojson: cannot read overlay"):
        read_overlay(bad)
    with pytest.raises(InputError, match=r"missing\.kml: cannot read overlay \(no such file\)"):
        read_overlay(tmp_path / "missing.kml")


# ---------------------------------------------------------------- timeline


def _expected(gdf: Any, start: str, end: str) -> Any:
    dated = gdf[gdf["event_date"].notna()]
    return dated[(dated["event_date"] >= start) & (dated["event_date"] <= end)]


def test_dragging_the_timeline_brush_changes_every_count(
    page: Any, corpus_map: tuple[Path, Any]
) -> None:
    gdf = corpus_map[1]
    wrap = page.query_selector(".gm-tl-wrap").bounding_box()
    first, last = dt.date(2025, 3, 1), dt.date(2025, 5, 29)  # the corpus' first and last day
    span = (last - first).days + 1
    y = wrap["y"] + 20

    def x_of(day: dt.date) -> float:
        return wrap["x"] + ((day - first).days + 0.5) / span * wrap["width"]

    a, b = dt.date(2025, 3, 20), dt.date(2025, 4, 20)
    page.mouse.move(x_of(a), y)
    page.mouse.down()
    page.mouse.move((x_of(a) + x_of(b)) / 2, y, steps=4)
    page.mouse.move(x_of(b), y, steps=4)
    page.mouse.up()
    _settle(page, 200)
    label = page.inner_text(".gm-tl-label")
    assert label.startswith("2025-03-20")
    assert "2025-04-20" in label
    want = _expected(gdf, "2025-03-20", "2025-04-20")
    assert f"{len(want)} events" in label
    on_map = _located(want)
    assert page.evaluate("window.geomap.countVisible()") == len(on_map)
    status = page.inner_text(".gm-status")
    assert status.startswith(f"{len(want)} of {len(gdf)} events selected")
    # the legend and the layer control count the range, per type
    legend = page.eval_on_selector_all(".gm-count", "els => els.map(e => e.textContent)")
    layers = page.eval_on_selector_all(".gm-lc-count", "els => els.map(e => e.textContent)")
    counts = [f"({int((want['event_type'] == t).sum())})" for t in EVENT_TYPES]
    assert legend == counts
    assert layers == counts
    listed = page.eval_on_selector_all(
        ".gm-list li.gm-item", "els => els.map(e => e.dataset.event)"
    )
    assert sorted(listed) == sorted(want.index)
    # keys move a handle a day; "All dates" brings every event back (the undated one too)
    page.focus(".gm-h-to")
    page.keyboard.press("ArrowRight")
    assert "2025-04-21" in page.inner_text(".gm-tl-label")
    page.click(".gm-tl-all")
    _settle(page, 100)
    assert page.evaluate("window.geomap.countVisible()") == len(_located(gdf))
    assert page.evaluate("window.geomap.selected()") == len(gdf)


def test_play_slides_the_range(page: Any) -> None:
    page.click(".gm-play")
    start = page.inner_text(".gm-tl-label")
    assert start.startswith("2025-03-01")  # a window from the first day
    page.wait_for_function(
        "label => document.querySelector('.gm-tl-label').innerText !== label", arg=start
    )
    assert not page.inner_text(".gm-tl-label").startswith("2025-03-01")
    page.click(".gm-play")  # pause
    assert not page.evaluate("window.geomap.timeline.playing()")


# ---------------------------------------------------------------- filters, search, hash


def test_filters_narrow_the_map_and_the_url_restores_them(
    browser: Any, page: Any, corpus_map: tuple[Path, Any]
) -> None:
    path, gdf = corpus_map
    page.click(".gm-filters summary")
    page.check(".gm-f-fatal")
    page.select_option(".gm-f-sub", "Armed clash")
    _settle(page, 250)
    want = gdf[(gdf["fatalities"].fillna(0) > 0) & (gdf["sub_event_type"] == "Armed clash")]
    assert len(want) >= 2
    assert page.evaluate("window.geomap.selected()") == len(want)
    assert page.evaluate("window.geomap.countVisible()") == len(_located(want))
    page.uncheck(".gm-f-prec[data-gp='1']")  # town-level off: only the rest is left
    _settle(page, 250)
    assert page.evaluate("window.geomap.selected()") == int((want["geo_precision"] != 1).sum())
    page.check(".gm-f-prec[data-gp='1']")
    page.select_option(".gm-f-actor", "Military Forces of Ukraine")
    _settle(page, 250)
    want = want[want["actor1"] == "Military Forces of Ukraine"]
    assert page.evaluate("window.geomap.selected()") == len(want)
    # the hash is written after 150 ms of quiet
    page.wait_for_function("location.hash.includes('actor=')")
    link = page.evaluate("location.hash")
    assert "fat=1" in link
    assert "sub=Armed+clash" in link
    # the link opens the same selection and view in a new tab
    other = _open(browser, path, hash_=link)
    assert other.evaluate("window.geomap.selected()") == len(want)
    assert other.is_checked(".gm-f-fatal")
    assert other.evaluate("window.geomap.map.getZoom()") == page.evaluate(
        "window.geomap.map.getZoom()"
    )
    assert other.errors == []
    other.context.close()
    page.click(".gm-f-clear")
    _settle(page, 100)
    assert page.evaluate("window.geomap.selected()") == len(gdf)


def test_a_search_hit_opens_its_popup(page: Any) -> None:
    page.fill(".gm-q", "soledar")
    page.wait_for_selector(".gm-hits li[data-row]")
    hits = page.eval_on_selector_all(".gm-hits li[data-row]", "els => els.map(e => e.innerText)")
    assert all("Soledar" in h for h in hits)
    assert len(hits) == 2
    page.click(".gm-hits li[data-row] >> nth=0")
    popup = page.wait_for_selector(".leaflet-popup-content .geomap-popup")
    assert "Soledar" in popup.inner_text()
    # a word of a quote; Enter opens the first hit
    page.fill(".gm-q", "three channels")
    page.wait_for_function(
        "document.querySelector('.gm-hits mark')?.textContent === 'three channels'"
    )
    page.focus(".gm-q")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('.leaflet-popup-content .geomap-popup')?.dataset.event === 'ev021'"
    )


# ---------------------------------------------------------------- markers and popups


def test_every_list_item_opens_its_markers_popup(page: Any) -> None:
    items = page.eval_on_selector_all(
        ".gm-list:not(.gm-off) li.gm-item", "els => els.map(e => e.dataset.event)"
    )
    assert len(items) == 27  # every event but the country-level one
    for event_id in items:
        page.click(f".gm-list li[data-event='{event_id}']")
        page.wait_for_function(
            "id => document.querySelector('.leaflet-popup-content .geomap-popup')"
            "?.dataset.event === id",
            arg=event_id,
            timeout=5000,
        )
        # the marker itself is on screen (not a popup over an empty view)
        marker = page.evaluate(
            "id => { const m = window.geomap.marker(id); return !!(m && m._icon); }", event_id
        )
        assert marker, event_id
    assert page.errors == []


def test_events_at_one_point_fan_out_with_date_and_type_on_hover(page: Any) -> None:
    lat, lon = PLACES["Bakhmut"]
    page.evaluate(f"void window.geomap.map.setView([{lat}, {lon}], 12, {{animate: false}})")
    _settle(page)
    page.click(".geomap-cluster:has-text('10')")  # ten events at one point: they fan out
    page.wait_for_function("window.geomap.cluster._spiderfied")
    page.wait_for_timeout(300)  # the fan-out animation
    fanned = page.evaluate(
        "window.geomap.cluster._spiderfied.getAllChildMarkers().map(m => {"
        " const r = m._icon.getBoundingClientRect(); return [r.left + r.width / 2, r.top + 12]; })"
    )
    assert len(fanned) == 10
    xs = {round(x) for x, _ in fanned}
    assert len(xs) >= 5  # spread out, not stacked
    page.mouse.move(*fanned[0])
    tip = page.wait_for_selector(".leaflet-tooltip.gm-tip")
    text = tip.inner_text()
    assert "2025-" in text
    assert "Bakhmut" in text
    assert "(town)" in text
    assert any(s in text for s in ("Shelling", "Armed clash", "Air/drone strike", "Attack"))


def test_popup_lists_every_source_and_the_alternatives(page: Any) -> None:
    page.evaluate("window.geomap.focusEvent('ev021')")
    popup = page.wait_for_selector(".leaflet-popup-content .geomap-popup")
    links = popup.eval_on_selector_all(
        ".gm-src-list a", "els => els.map(a => [a.textContent, a.getAttribute('href')])"
    )
    assert links == [
        ["t.me/donbas_news", "https://t.me/s/donbas_news/123"],
        ["reuters.com", "https://www.reuters.com/world/x"],
        ["twitter.com/osint_guy", "https://twitter.com/osint_guy/status/1"],
    ]
    text = popup.inner_text()
    assert "Sources (3)" in text
    assert "2025-04-09" in text
    assert popup.query_selector("mark").inner_text() == "Soledar"
    # an ambiguous place: drawn apart, its popup names the other places
    assert page.evaluate(
        "window.geomap.marker('ev020').options.icon.options.className.includes('ambiguous')"
    )
    page.evaluate("window.geomap.focusEvent('ev020')")
    page.wait_for_function(
        "document.querySelector('.leaflet-popup-content .geomap-popup')?.dataset.event === 'ev020'"
    )
    text = page.inner_text(".leaflet-popup-content .geomap-popup")
    assert "Ambiguous place" in text
    assert "Druzhba, Sumy, UA" in text
    assert "Druzhba <i>, Kharkiv, UA" in text
    assert len(page.query_selector_all("path.gm-alt-point")) == 2
    # a region-level event: its oblast is outlined (dashed, not shaded) while it is open
    page.evaluate("window.geomap.focusEvent('ev019')")
    page.wait_for_selector("path.gm-region-outline")
    assert page.eval_on_selector("path.gm-region-outline", "e => e.getAttribute('fill')") in (
        "none",
        None,
    )


def test_hostile_text_is_shown_literally_and_runs_nothing(page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.evaluate("window.geomap.focusEvent('ev022')")
    popup = page.wait_for_selector(".leaflet-popup-content .geomap-popup")
    text = popup.inner_text()
    assert "<script>alert('x')</script>" in text
    assert "<b>Unknown</b>" in text
    assert popup.query_selector("script, img, b + b") is None
    page.fill(".gm-q", "<img src=x onerror=alert(3)>")
    page.wait_for_timeout(300)
    assert page.query_selector(".gm-hits img") is None
    page.wait_for_timeout(200)
    assert dialogs == []


# ---------------------------------------------------------------- export


def _download(page: Any, fmt: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.click(f".gm-export button[data-fmt='{fmt}']")
    info.value.save_as(target)
    return target


def test_export_of_a_filtered_view_reads_back(
    page: Any, corpus_map: tuple[Path, Any], tmp_path: Path
) -> None:
    gdf = corpus_map[1]
    # a view of the Bakhmut-Siversk area, Battles off
    page.evaluate(
        "void window.geomap.map.fitBounds([[48.5, 37.8], [48.95, 38.2]], {animate: false})"
    )
    page.hover(".leaflet-control-layers")
    labels = page.query_selector_all(".leaflet-control-layers-overlays label")
    battles = next(lb for lb in labels if lb.inner_text().strip().startswith("Battles"))
    battles.query_selector("input").click()
    _settle(page, 200)
    bounds = page.evaluate(
        "(() => { const b = window.geomap.map.getBounds();"
        " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()"
    )
    located = _located(gdf)
    want = located[
        (located["event_type"] != "Battles")
        & located["latitude"].between(bounds[0], bounds[2])
        & located["longitude"].between(bounds[1], bounds[3])
    ]
    assert 5 <= len(want) < len(located)
    gj = pyogrio.read_dataframe(_download(page, "geojson", tmp_path / "sel.geojson"))
    assert sorted(gj["event_id"]) == sorted(want.index)
    assert (gj.geometry.x.round(4) == gj["longitude"].round(4)).all()
    assert "Battles" not in set(gj["event_type"])
    siversk = gj[gj["event_id"] == "ev023"].iloc[0]
    assert siversk["notes"] == FORMULA_NOTES  # GeoJSON keeps the text as it is
    path = _download(page, "csv", tmp_path / "sel.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["event_id"] for r in rows) == sorted(want.index)
    row = next(r for r in rows if r["event_id"] == "ev023")
    assert row["notes"] == "'" + FORMULA_NOTES  # a formula cannot run from the CSV
    assert row["actor1"] == "'@attacker"
    assert float(row["latitude"]) == pytest.approx(PLACES["Siversk"][0])
    back = pyogrio.read_dataframe(path)
    assert len(back) == len(want)


# ---------------------------------------------------------------- layout, keyboard, requests


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_control_overlaps_another_and_nothing_is_requested(
    browser: Any, corpus_map: tuple[Path, Any], size: tuple[int, int]
) -> None:
    pg = _open(browser, corpus_map[0], size)
    boxes = _boxes(pg, ".leaflet-control-container .leaflet-control, .geomap-timeline")
    assert len(boxes) >= 5  # panel, layers, zoom, scale, attribution (+ the timeline)
    for i, a in enumerate(boxes):
        assert min(a[1], a[2]) >= -0.5, a  # inside the window
        assert a[3] <= size[0] + 0.5, a
        assert a[4] <= size[1] + 0.5, a
        for b in boxes[i + 1 :]:
            assert not _overlap(a, b), (a, b)
    # the layer control is collapsed to its button; the panel too on a phone
    assert pg.query_selector(".leaflet-control-layers-expanded") is None
    collapsed = pg.evaluate(
        "document.querySelector('.geomap-panel').classList.contains('gm-collapsed')"
    )
    assert collapsed == (size[0] < 600)
    if not collapsed:  # the open panel's body stays clear of the timeline
        body = pg.query_selector(".gm-panel-body").bounding_box()
        timeline = pg.query_selector(".geomap-timeline").bounding_box()
        assert body["y"] + body["height"] <= timeline["y"]
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"analyst-{size[0]}x{size[1]}.png"))
    assert pg.requests == []
    assert pg.errors == []
    pg.context.close()


def test_keyboard_reaches_search_list_layers_and_timeline(page: Any) -> None:
    seen = []
    page.focus(".gm-q")
    for _ in range(80):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.className + '|' + (e.getAttribute('aria-label') || ''); })()"
            )
        )
    joined = " ".join(seen)
    for needle in (
        "gm-export-btn",
        "gm-item",
        "leaflet-control-layers-toggle",
        "gm-play",
        "gm-handle",
    ):
        assert needle in joined, (needle, seen)
    # Enter on a list item opens its popup
    page.focus(".gm-list li.gm-item")
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup-content .geomap-popup")
    # the layer control opens with Enter on its button
    page.focus(".leaflet-control-layers-toggle")
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-control-layers-expanded", timeout=3000)


def test_an_empty_map_and_a_callers_map_open_without_errors(browser: Any, tmp_path: Path) -> None:
    import folium

    from geomap.events.schema import events_to_gdf

    empty = save_map(render_map(events_to_gdf([])), tmp_path / "empty.html")
    pg = _open(browser, empty)
    assert pg.inner_text(".gm-tl-label").startswith("no dates")
    assert pg.evaluate("window.geomap.selected()") == 0
    assert pg.errors == []
    pg.context.close()
    theirs = folium.Map(location=(48.6, 38.0), zoom_start=8, tiles=None)
    path = save_map(
        render_map(analyst_gdf(), m=theirs, country_outlines=False), tmp_path / "theirs.html"
    )
    pg = _open(browser, path)
    assert len(pg.query_selector_all(".leaflet-control-zoom")) == 1  # theirs, not a second one
    assert pg.evaluate("window.geomap.countVisible()") == 27
    # folium's own default assets of a caller's map (jQuery, Bootstrap...) stay CDN links
    assert [e for e in pg.errors if "ERR_FAILED" not in e] == []
    ours = ("/leaflet.js", "leaflet.css", "markercluster", "openstreetmap")
    assert not [u for u in pg.requests if any(k in u.lower() for k in ours)], pg.requests
    pg.context.close()
