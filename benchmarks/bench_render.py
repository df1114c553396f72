"""Benchmark the render stage: N synthetic events -> map.html, size, time to first render.

Usage: .venv/bin/python benchmarks/bench_render.py [N] [--no-browser]
Compares with a plain folium baseline (one folium.Marker with a popup per event, in a
MarkerCluster) in the same run and prints the ratio.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

from geomap._schema import EVENT_TYPES, SUB_EVENT_TYPES, events_to_gdf
from geomap.render import render_map, save_map
from geomap.types import Event

OUT = Path(__file__).resolve().parent / "out"


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    start = dt.date(2022, 2, 24)
    events = []
    for i in range(n):
        etype = rng.choice(EVENT_TYPES)
        gp = rng.choice((1, 1, 1, 2, 3))
        country_level = rng.random() < 0.02
        notes = f"Officials said a strike hit Town{i % 5000} overnight, killing {i % 13} people."
        events.append(
            Event(
                event_id=f"ev{i:07d}",
                article_id=f"a{i // 3}",
                event_date=start + dt.timedelta(days=rng.randrange(1300)),
                time_precision=rng.choice((1, 1, 2, 3)),
                event_type=etype,
                sub_event_type=rng.choice(SUB_EVENT_TYPES[etype]),
                location="Ukraine" if country_level else f"Town{i % 5000}",
                country="Ukraine",
                country_code="UA",
                admin1="Sumy",
                latitude=round(rng.uniform(44.5, 52.3), 5),
                longitude=round(rng.uniform(22.5, 40.2), 5),
                geo_precision=3 if country_level else gp,
                location_level="country" if country_level else "city",
                notes=notes,
                quote_start=0,
                quote_end=len(notes),
                fatalities=i % 13,
                actor1="Military Forces of Russia",
                confidence=0.8,
                source="Synthetic",
                url=f"https://example.org/{i}",
                title=f"Article {i}",
                sources=(f"a{i // 3}",),
            )
        )
    return events


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


def open_in_chromium(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
        t0 = time.perf_counter()
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_function(
            "window.geomap && document.querySelector('.geomap-cluster, .geomap-marker')",
            timeout=120_000,
        )
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        elapsed = time.perf_counter() - t0
        browser.close()
    return elapsed


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "100000"))
    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    events = synthetic_events(n)
    gdf = events_to_gdf(events)
    t_gdf = time.perf_counter() - t0
    t0 = time.perf_counter()
    path = save_map(render_map(gdf, title=f"{n} synthetic events"), OUT / f"map-{n}.html")
    t_render = time.perf_counter() - t0
    size = path.stat().st_size
    print(f"events: {n}  events_to_gdf: {t_gdf:.1f} s")
    print(
        f"geomap render+save: {t_render:.1f} s  size {size / 1e6:.1f} MB ({size / n:.0f} B/event)"
    )
    t_base = baseline(gdf, OUT / f"baseline-{n}.html")
    base_size = (OUT / f"baseline-{n}.html").stat().st_size
    print(
        f"folium baseline: {t_base:.1f} s  size {base_size / 1e6:.1f} MB "
        f"({base_size / n:.0f} B/event)  ratio geomap/baseline time {t_render / t_base:.2f}"
    )
    if "--no-browser" not in sys.argv:
        print(f"chromium time to first render: {open_in_chromium(path):.1f} s")


if __name__ == "__main__":
    main()
