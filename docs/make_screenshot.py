"""Make ``docs/map.png``, the README's picture of the map (run by hand after a map change).

Draws the made-up corpus of the browser tests (``tests/_map_corpus.py``: real GeoNames places
around Bakhmut, invented reports) with the gazetteer's place names and a dated overlay, opens
it in headless Chromium offline at 1280x800, narrows the timeline to a range, opens one
event's popup and saves the screen::

    .venv/bin/python docs/make_screenshot.py [OUT.png]

The gazetteer is the one of ``$GEOMAP_CACHE_DIR`` (built when missing); Chromium is
``/usr/bin/chromium``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.gazetteer.towns import map_labels  # noqa: E402
from geomap.render import read_overlay, render_map, save_map  # noqa: E402
from geomap.settings import Settings  # noqa: E402
from tests._map_corpus import analyst_events, analyst_gdf, write_overlay  # noqa: E402

VIEWPORT = {"width": 1280, "height": 800}


def make_screenshot(out: Path) -> Path:
    """Write the map, open it and save a screenshot to ``out``."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        labels = map_labels(analyst_events(), Settings(progress=False))
        overlay = read_overlay(write_overlay(folder / "front line.geojson"))
        html = save_map(
            render_map(analyst_gdf(), title="geomap: Bakhmut area", towns=labels, overlays=overlay),
            folder / "map.html",
        )
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport=VIEWPORT)
            page.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
            page.goto(html.as_uri())
            page.wait_for_function("window.geomap && window.geomap.isLoaded()")
            page.evaluate("window.geomap.setRange('2025-03-15', '2025-05-20')")
            page.evaluate("window.geomap.focusEvent('ev021')")
            page.wait_for_selector(".leaflet-popup-content .geomap-popup")
            page.evaluate("void window.geomap.map.setView([48.62, 37.93], 10, {animate: false})")
            page.wait_for_timeout(800)
            page.screenshot(path=str(out))
            browser.close()
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "map.png"
    print(make_screenshot(target))
