"""Benchmark the render stage: N synthetic events -> map.html, size, time to first render.

Usage: .venv/bin/python benchmarks/bench_render.py [N] [--no-browser] [--no-baseline]
Compares with a plain folium baseline (one folium.Marker with a popup per event, in a
MarkerCluster) in the same run and prints the ratio.

In Chromium, times are taken inside the page from the start of navigation
(``performance.now()``), so they do not depend on when Playwright gets to poll:

- first render: the first cluster or marker icon is in the DOM and a frame has been drawn
  with it; the map, panel and day filter are up and the rest loads in the background;
- all markers loaded: ``geomap.whenLoaded()`` resolved (every marker clustered);
- while loading, a wheel zoom in and out is sent at the first render and the time from each
  wheel event to Leaflet's ``zoomend`` is printed (Leaflet waits 40 ms for more wheel
  events and animates 250 ms), with the longest main-thread task (the worst input delay).
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
from geomap.gazetteer.towns import towns_for_events  # noqa: E402
from geomap.render import render_map, save_map  # noqa: E402
from geomap.settings import Settings  # noqa: E402
from tests._sample_events import synthetic_events  # noqa: E402

OUT = ROOT / "benchmarks" / "out"


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
    towns = towns_for_events(events, Settings(progress=False))
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
    if "--no-baseline" not in sys.argv:
        t_base = baseline(gdf, OUT / f"baseline-{n}.html")
        base_size = (OUT / f"baseline-{n}.html").stat().st_size
        print(
            f"folium baseline: {t_base:.1f} s  size {base_size / 1e6:.1f} MB "
            f"({base_size / n:.0f} B/event)  ratio geomap/baseline time {t_render / t_base:.2f}"
        )
    if "--no-browser" not in sys.argv:
        _print_browser(open_in_chromium(path))


if __name__ == "__main__":
    main()
