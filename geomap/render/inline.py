"""Render stage: what makes the map one self-contained file.

Local copies of the third-party scripts and stylesheets (Leaflet, Leaflet.markercluster)
replace their CDN links; our own assets are inlined; text is wrapped so that nothing in it
can close the tag it sits in or be read as a template.
"""

from __future__ import annotations

import base64
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "ASSETS",
    "inline_links",
    "json_for_html",
    "local_asset",
    "raw",
    "read_asset",
    "script_tag",
    "style_tag",
]

ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: Where a local copy of a third-party asset may be found, in this order: a folder named by
#: $GEOMAP_ASSETS_DIR, an installed XStatic package, Debian's libjs-leaflet(.markercluster).
_XSTATIC = {
    "leaflet": ("xstatic.pkg.leaflet",),
    "markercluster": ("xstatic.pkg.leaflet_markercluster", "xstatic.pkg.leaflet.markercluster"),
}
_DEBIAN_DIR = Path("/usr/share/javascript/leaflet")
#: name -> (package, file name); names are folium's header-link names.
_THIRD_PARTY = {
    "leaflet": ("leaflet", "leaflet.js"),
    "leaflet_css": ("leaflet", "leaflet.css"),
    "markerclusterjs": ("markercluster", "leaflet.markercluster.js"),
    "markerclustercss": ("markercluster", "MarkerCluster.css"),
    "markerclusterdefaultcss": ("markercluster", "MarkerCluster.Default.css"),
}
_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


def read_asset(name: str) -> str:
    """Return the text of one of our own files in ``geomap/assets/``."""
    return (ASSETS / name).read_text(encoding="utf-8")


def local_asset(package: str, filename: str) -> Path | None:
    """Return a local copy of a third-party asset (``"leaflet"``, ``"leaflet.js"``), or None."""
    env = os.environ.get("GEOMAP_ASSETS_DIR")
    if env and (Path(env) / filename).is_file():
        return Path(env) / filename
    for module in _XSTATIC[package]:
        try:
            mod = __import__(module, fromlist=["BASE_DIR"])
        except ImportError:
            continue
        found = sorted(Path(mod.BASE_DIR).rglob(filename))
        if found:
            return found[0]
    debian = _DEBIAN_DIR / filename
    return debian if debian.is_file() else None


def json_for_html(obj: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, rep in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, rep)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _inline_css(path: Path) -> str:
    """Read a stylesheet and turn its relative ``url(...)`` images into data URIs."""

    def repl(match: re.Match[str]) -> str:
        ref = match.group(2)
        if ref.startswith(("data:", "http:", "https:", "#")):
            return match.group(0)
        image = path.parent / ref
        if not image.is_file():
            return match.group(0)
        kind = "svg+xml" if image.suffix == ".svg" else image.suffix.lstrip(".")
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f'url("data:image/{kind};base64,{data}")'

    return _CSS_URL.sub(repl, path.read_text(encoding="utf-8"))


def script_tag(js: str) -> str:
    """``<script>`` holding ``js``; a ``</script`` inside it cannot close the tag."""
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE) + "</script>"


def style_tag(css: str) -> str:
    """``<style>`` holding ``css``; a ``</style`` inside it cannot close the tag."""
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"


def _icon_default_script(leaflet_css: Path) -> str:
    """Point ``L.Icon.Default`` at inlined marker images (inlined CSS breaks its path)."""
    images = leaflet_css.parent / "images"
    names = {"iconUrl": "marker-icon.png", "iconRetinaUrl": "marker-icon-2x.png"}
    names["shadowUrl"] = "marker-shadow.png"
    if not all((images / f).is_file() for f in names.values()):
        return ""
    opts = {
        k: base64.b64encode((images / f).read_bytes()).decode("ascii") for k, f in names.items()
    }
    return script_tag(
        'L.Icon.Default.imagePath = "data:image/png;base64,";'
        f"L.Icon.Default.mergeOptions({json.dumps(opts)});"
    )


@cache
def _raw_class() -> type:
    from branca.element import Element

    class Raw(Element):
        """Text inserted as is: never parsed as a Jinja template (article text may hold ``{{``)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._text = text

        def render(self, **kwargs: Any) -> str:
            return self._text

    return Raw


def raw(text: str) -> Any:
    """A branca element that renders ``text`` verbatim."""
    return _raw_class()(text)


def inline_links(links: list[tuple[str, str]], header: Any, remote: list[str]) -> list[Any]:
    """Inline every link with a local copy into ``header``; return the links left remote."""
    left = []
    for name, url in links:
        local = local_asset(*_THIRD_PARTY[name]) if name in _THIRD_PARTY else None
        if local is None:
            left.append((name, url))
            remote.append(url)
            continue
        if local.suffix == ".css":
            text = style_tag(_inline_css(local))
            if name == "leaflet_css":
                text += _icon_default_script(local)
        else:
            text = script_tag(local.read_text(encoding="utf-8"))
        header.add_child(raw(text), name=name)
    return left
