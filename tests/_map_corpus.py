"""A made-up corpus for the map's browser tests: events around Bakhmut, an overlay file.

Places are real GeoNames settlements (so the map's village names come from the real
gazetteer); the reports, sources and dates are invented.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from geomap.events.schema import events_to_gdf
from geomap.types import Event

#: (name, lat, lon) of the places the events are at (GeoNames coordinates).
PLACES = {
    "Bakhmut": (48.59419, 37.99886),
    "Soledar": (48.6921, 38.07098),
    "Chasiv Yar": (48.58768, 37.83409),
    "Kramatorsk": (48.73106, 37.56779),
    "Kostyantynivka": (48.52728, 37.70594),
    "Toretsk": (48.39477, 37.8478),
    "Siversk": (48.86476, 38.09683),
    "Horlivka": (48.29986, 38.01709),
    "Pokrovsk": (48.28014, 37.17706),
    "Lyman": (48.99012, 37.80843),
}
#: Villages a zoom-11 view of Bakhmut must name (4-7 km from it).
BAKHMUT_VILLAGES = ("Opytne", "Ivanivs'ke", "Klishchiivka")
START = dt.date(2025, 3, 1)
#: Notes that a spreadsheet would read as a formula.
FORMULA_NOTES = '=HYPERLINK("http://evil.example","click") shelling near Siversk was reported.'


def _event(i: int, place: str, **kw: Any) -> Event:
    lat, lon = PLACES[place]
    types = (
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Battles", "Armed clash"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Violence against civilians", "Attack"),
    )
    etype, sub = types[i % len(types)]
    notes = kw.pop("notes", f"Report {i}: fighting was reported in {place} on that day.")
    base = {
        "event_id": f"ev{i:03d}",
        "article_id": f"art{i:03d}",
        "event_date": START + dt.timedelta(days=(i * 7) % 90),
        "time_precision": 1,
        "event_type": etype,
        "sub_event_type": sub,
        "location": place,
        "country": "Ukraine",
        "country_code": "UA",
        "admin1": "Donetsk",
        "latitude": lat,
        "longitude": lon,
        "geo_precision": 1,
        "location_level": "city",
        "notes": notes,
        "quote_start": 0,
        "quote_end": len(notes),
        "actor1": "Military Forces of Russia" if i % 3 else "Military Forces of Ukraine",
        "fatalities": i % 4 if i % 2 else None,
        "confidence": 0.8,
        "source": "reports.csv",
        "url": f"https://news.example.org/{i}",
        "title": f"Report {i}",
        "sources": (f"art{i:03d}",),
    }
    base.update(kw)
    return Event(**base)


def analyst_events() -> list[Event]:
    """28 events: 10 at one point in Bakhmut, the others at nine towns, over three months.

    Among them: a region-level event, an ambiguous place, a three-source event, hostile
    text, a formula in a quote, a country-level event and an undated one.
    """
    events = [_event(i, "Bakhmut") for i in range(10)]
    others = [p for p in PLACES if p != "Bakhmut"]
    events += [_event(10 + k, p) for k, p in enumerate(others)]
    events += [
        _event(
            19,
            "Kramatorsk",
            location="Donetsk Oblast",
            admin1="Donetsk",
            geo_precision=3,
            location_level="admin1",
            latitude=48.05,
            longitude=37.66667,
            notes="Shelling was reported across the Donetsk region.",
        ),
        _event(20, "Toretsk", location="Druzhba", notes="A strike hit Druzhba overnight."),
        _event(
            21,
            "Soledar",
            notes="Drones hit Soledar, three channels reported.",
            sources=("art021", "art021b", "art021c"),
        ),
        _event(
            22,
            "Chasiv Yar",
            notes="<script>alert('x')</script> Chasiv Yar <img src=x onerror=alert(2)>",
            actor1="<b>Unknown</b>",
        ),
        _event(23, "Siversk", notes=FORMULA_NOTES, actor1="@attacker"),
        _event(24, "Lyman", fatalities=12),
        _event(25, "Pokrovsk", event_date=None, time_precision=3),
        dataclasses.replace(
            _event(26, "Horlivka"),
            location="Ukraine",
            location_level="country",
            geo_precision=3,
            latitude=None,
            longitude=None,
            event_type="Strategic developments",
            sub_event_type="Other",
        ),
        _event(27, "Kostyantynivka", event_date=START + dt.timedelta(days=89)),
    ]
    return events


def analyst_gdf() -> Any:
    """The events as the map's table, one event with three sources, one ambiguous."""
    gdf = events_to_gdf(analyst_events())
    gdf.loc["ev021", "sources"] = "art021; art021b; art021c"
    gdf.loc["ev021", "source_urls"] = (
        "https://t.me/s/donbas_news/123; https://www.reuters.com/world/x; "
        "https://twitter.com/osint_guy/status/1"
    )
    gdf.loc["ev021", "source_names"] = "tg; Reuters; "
    gdf.loc["ev021", "source_dates"] = "2025-04-08; 2025-04-09; 2025-04-10"
    gdf["alternatives"] = ""
    gdf.loc["ev020", "alternatives"] = json.dumps(
        [
            {
                "name": "Druzhba",
                "admin1": "Sumy",
                "country_code": "UA",
                "lat": 52.0424,
                "lon": 33.9469,
            },
            {
                "name": "Druzhba <i>",
                "admin1": "Kharkiv",
                "country_code": "UA",
                "lat": 49.6,
                "lon": 36.2,
            },
        ]
    )
    return gdf


def write_overlay(path: Path) -> Path:
    """A front-line file: one dated area per month near Bakhmut, and an undated line."""

    def square(lon: float, lat: float, d: float) -> list[list[list[float]]]:
        return [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]

    features = [
        {
            "type": "Feature",
            "properties": {"date": day, "name": f"Control {day}", "note": "<b>bold</b>"},
            "geometry": {"type": "Polygon", "coordinates": square(38.05 + k * 0.05, 48.55, 0.1)},
        }
        for k, day in enumerate(("2025-03-01", "2025-04-01", "2025-05-01"))
    ]
    features.append(
        {
            "type": "Feature",
            "properties": {"name": "Road"},
            "geometry": {"type": "LineString", "coordinates": [[37.7, 48.5], [38.1, 48.7]]},
        }
    )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


def decode_polyline(text: str, precision: int) -> list[tuple[float, float]]:
    """``(lat, lon)`` points of a Google encoded polyline (as the page's decoder reads it)."""
    points, i, lat, lon, factor = [], 0, 0, 0, 10**precision
    while i < len(text):
        pair = []
        for _ in range(2):
            shift = result = 0
            while True:
                b = ord(text[i]) - 63
                i += 1
                result |= (b & 0x1F) << shift
                shift += 5
                if b < 0x20:
                    break
            pair.append(~(result >> 1) if result & 1 else result >> 1)
        lat += pair[0]
        lon += pair[1]
        points.append((lat / factor, lon / factor))
    return points


def payload_labels(data: dict[str, Any]) -> list[tuple[str, float, float, int, int]]:
    """``(name, lat, lon, zoom, kind)`` of the place names in a map's payload (escaped names)."""
    labels = data["background"]["labels"]
    pts = decode_polyline(labels["pts"], 4)
    return [
        (name, lat, lon, zoom, kind)
        for name, (lat, lon), zoom, kind in zip(
            labels["name"], pts, labels["zoom"], labels["kind"], strict=True
        )
    ]
