"""Benchmark the render stage: N synthetic events -> map.html, size, time to first render,
and how fast a filter or date-range change is applied at FILTER_N events.

Usage: .venv/bin/python benchmarks/bench_render.py [N] [--no-browser] [--no-baseline]
Compares with a plain folium baseline (one folium.Marker with a popup per event, in a
MarkerCluster) in the same run and prints the ratio. Targets (issue 34): 100,000 events
written in <= 20 s and first drawn in <= 5 s; a filter or range change at 10,000 events
applied in <= 200 ms.

In Chromium, times are taken inside the page from the start of navigation
(``performance.now()``), so they do not depend on when Playwright gets to poll:

- first render: the first cluster or marker icon is in the DOM and a frame has been drawn
  with it; the map, panel and day filter are up and the rest loads in the background;
- all markers loaded: ``geomap.whenLoaded()`` resolved (every marker clustered);
- while loading, a wheel zoom in and out is sent at the first render and the time from each
  wheel event to Leaflet's ``zoomend`` is printed (Leaflet waits 40 ms for more wheel
  events and animates 250 ms), with the longest main-thread task (the worst input delay);
- a filter change (FILTER_N events, loaded): from the change made through the page's own
  controls (timeline keys, the panel's selects and boxes, the layer control) to every
  marker it asks for being clustered and the next frame drawn.

The file size is split into the events' data, the offline background (outlines, rivers,
place names) and the rest (Leaflet, our scripts, folium's page).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.events.schema import events_to_gdf  # noqa: E402
from geomap.gazetteer.towns import map_labels  # noqa: E402
from geomap.render import render_map, save_map  # noqa: E402
from geomap.settings import Settings  # noqa: E402
from tests._sample_events import synthetic_events  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
FILTER_N = 10_000


def baseline(gdf: object, path: Path) -> float:
    import folium
    from folium.plugins import MarkerCluster

    t0 = time.perf_counter()
    m = folium.Map(location=(48.5, 31.5), zoom_start=6, max_zoom=18)
    cluster = MarkerCluster().add_to(m)
    for row in gdf.itertuples():  # type: ignore[attr-defined]
        if row.geometry is None or row.location_level == "country":
            continue
        folium.Marker((row.latitude, row.longitude), popup=folium.Popup(row.notes)).add_to(cluster)
    m.save(str(path))
    return time.perf_counter() - t0


#: Runs before the page's own scripts: records the first marker/cluster frame, long tasks
#: and how long wheel zooms take to be answered.
_PROBE = """
window.__bench = {first: null, firstLoaded: null, longtasks: [], zooms: []};
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    window.__bench.longtasks.push([e.startTime, e.duration]);
  });
}).observe({type: "longtask", buffered: true});
new MutationObserver(function (records, observer) {
  if (document.querySelector(".geomap-cluster, .geomap-marker")) {
    observer.disconnect();
    requestAnimationFrame(function () {
      window.__bench.first = performance.now();
      window.__bench.firstLoaded = window.geomap ? window.geomap.countVisible() : null;
    });
  }
}).observe(document, {childList: true, subtree: true});
window.addEventListener("wheel", function (e) {
  var t = e.timeStamp;
  window.geomap.map.once("zoomend", function () {
    window.__bench.zooms.push(performance.now() - t);
  });
}, {capture: true});
"""


def open_in_chromium(path: Path) -> dict[str, Any]:
    """Open the map offline in headless Chromium; return in-page timings (ms)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
        page.add_init_script(_PROBE)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        t0 = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000, wait_until="commit")
        page.wait_for_function("window.__bench.first !== null", timeout=120_000, polling=50)
        wall_first = time.perf_counter() - t0
        # Zoom in, then out, while the rest is still loading.
        page.mouse.move(900, 450)
        for dy in (-200, 200):
            page.mouse.wheel(0, dy)
            page.wait_for_function(
                f"window.__bench.zooms.length >= {1 if dy < 0 else 2}", timeout=60_000
            )
        page.evaluate("window.geomap.whenLoaded()")
        result: dict[str, Any] = page.evaluate(
            """() => ({
              first: window.__bench.first,
              firstLoaded: window.__bench.firstLoaded,
              loaded: performance.now(),
              total: window.geomap.countVisible(),
              zooms: window.__bench.zooms,
              longtasks: window.__bench.longtasks,
              clusterTotal: Array.from(document.querySelectorAll(".geomap-cluster span"))
                .reduce((n, e) => n + Number(e.textContent), 0)
                + document.querySelectorAll(".geomap-marker").length,
            })"""
        )
        loaded_mark = page.evaluate(
            "performance.getEntriesByName('geomap:loaded').map(e => e.startTime).pop()"
        )
        if loaded_mark is not None:
            result["loaded"] = loaded_mark
        result["wall_first"] = wall_first
        result["errors"] = errors
        browser.close()
    return result


def _print_browser(r: dict[str, Any]) -> None:
    first = r["first"]
    after = [d for start, d in r["longtasks"] if start >= first]
    print(
        f"chromium time to first render: {first / 1000:.1f} s  (first clusters drawn, map "
        f"interactive; {r['firstLoaded']:,} of {r['total']:,} markers loaded; "
        f"wall clock in Playwright {r['wall_first']:.1f} s)"
    )
    print(f"chromium time to all markers loaded: {r['loaded'] / 1000:.1f} s")
    zooms = ", ".join(f"{z:.0f}" for z in r["zooms"])
    print(
        f"chromium while loading: wheel zoom in/out answered (zoomend) after {zooms} ms; "
        f"longest task after first render {max(after, default=0):.0f} ms "
        f"({len(after)} tasks > 50 ms)"
    )
    print(f"chromium page errors: {len(r['errors'])}  {r['errors'][:3]}")


#: Filter changes timed at FILTER_N events: (what, JS that makes the change with the page's
#: controls). Each runs after the previous one has been applied.
_CHANGES = (
    ("range: one month", "window.geomap.setRange('2023-03-01', '2023-03-31')"),
    (
        "range: a day later (key)",
        (
            "document.querySelector('.gm-h-to').dispatchEvent("
            "new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}))"
        ),
    ),
    ("range: every date", "document.querySelector('.gm-tl-all').click()"),
    (
        "sub-type",
        (
            "(() => { const s = document.querySelector('.gm-f-sub'); s.value = s.options[2].value;"
            " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
        ),
    ),
    ("fatalities > 0", "document.querySelector('.gm-f-fatal').click()"),
    (
        "type off (layer control)",
        "document.querySelectorAll('.leaflet-control-layers-overlays input')[1].click()",
    ),
    ("clear filters", "document.querySelector('.gm-f-clear').click()"),
    ("precision: towns off", "document.querySelector('.gm-f-prec').click()"),
    ("clear filters", "document.querySelector('.gm-f-clear').click()"),
)


def time_filters(path: Path) -> list[tuple[str, float, int]]:
    """Open the map, wait until loaded; time each change in :data:`_CHANGES` (ms)."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_function("window.geomap && window.geomap.isLoaded()", timeout=120_000)
        for what, js in _CHANGES:
            ms, selected = page.evaluate(
                "async () => { const t0 = performance.now();"
                f" {js};"
                " await window.geomap.whenLoaded();"
                " await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));"
                " return [performance.now() - t0, window.geomap.selected()]; }"
            )
            out.append((what, float(ms), int(selected)))
        browser.close()
    return out


def _size_split(path: Path) -> str:
    """Bytes of the events' data, the background and the rest of a written map."""
    import json
    import re

    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', text, re.S)
    if found is None:
        return ""
    payload = json.loads(found.group(1))
    background = len(json.dumps(payload.pop("background"), separators=(",", ":")))
    events = len(json.dumps(payload, separators=(",", ":"), ensure_ascii=False))
    rest = len(text.encode("utf-8")) - len(found.group(1).encode("utf-8"))
    return (
        f"events data {events / 1e6:.1f} MB, background (outlines, rivers, place names) "
        f"{background / 1e6:.2f} MB, scripts and page {rest / 1e6:.2f} MB"
    )


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "100000"))
    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    # 3.5 years of war, mixed day/week/month dates, 5,000 town names
    events = synthetic_events(
        n, start=dt.date(2022, 2, 24), days=1300, towns=5000, time_precisions=(1, 1, 2, 3)
    )
    gdf = events_to_gdf(events)
    t_gdf = time.perf_counter() - t0
    t0 = time.perf_counter()
    # the town labels the pipeline passes (gazetteer of $GEOMAP_CACHE_DIR, built when needed)
    towns = map_labels(events, Settings(progress=False))
    t_towns = time.perf_counter() - t0
    t0 = time.perf_counter()
    path = save_map(
        render_map(gdf, title=f"{n} synthetic events", towns=towns), OUT / f"map-{n}.html"
    )
    t_render = time.perf_counter() - t0
    size = path.stat().st_size
    print(f"events: {n}  events_to_gdf: {t_gdf:.1f} s")
    print(f"town labels: {len(towns)} (gazetteer query {t_towns:.1f} s)")
    print(
        f"geomap render+save: {t_render:.1f} s  size {size / 1e6:.1f} MB ({size / n:.0f} B/event)"
    )
    print(f"  size: {_size_split(path)}")
    if "--no-baseline" not in sys.argv:
        t_base = baseline(gdf, OUT / f"baseline-{n}.html")
        base_size = (OUT / f"baseline-{n}.html").stat().st_size
        print(
            f"folium baseline: {t_base:.1f} s  size {base_size / 1e6:.1f} MB "
            f"({base_size / n:.0f} B/event)  ratio geomap/baseline time {t_render / t_base:.2f}"
        )
    if "--no-browser" not in sys.argv:
        _print_browser(open_in_chromium(path))
        small = synthetic_events(FILTER_N, start=dt.date(2022, 2, 24), days=1300, towns=2000)
        small_path = save_map(
            render_map(events_to_gdf(small), towns=map_labels(small, Settings(progress=False))),
            OUT / f"map-{FILTER_N}.html",
        )
        timings = time_filters(small_path)
        for what, ms, selected in timings:
            print(
                f"chromium filter change at {FILTER_N:,} events: {what:<26} {ms:6.0f} ms "
                f"({selected:,} selected)"
            )
        print(
            f"chromium filter change at {FILTER_N:,} events: slowest "
            f"{max(ms for _, ms, _ in timings):.0f} ms (target 200 ms)"
        )


if __name__ == "__main__":
    main()
