"""Hand-made, realistic events for the render/export/validate tests (no extraction involved)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from geomap.events.schema import EVENT_TYPES, SUB_EVENT_TYPES
from geomap.types import Event

XSS_NOTES = (
    "Residents of Sudzha said <script>alert(1)</script> was painted on a wall, "
    'next to <img src=x onerror=alert(1)> and the slogan {{ 7*7 }} & "more".'
)


def sample_events() -> list[Event]:
    """Five events: two town-level strikes, a region, a country-level event, hostile text."""
    return [
        Event(
            event_id="ev-bilopillia-20250517",
            article_id="seed-bilopillia",
            event_date=dt.date(2025, 5, 17),
            time_precision=1,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            location="Bilopillia",
            country="Ukraine",
            country_code="UA",
            admin1="Sumy",
            latitude=51.14747,
            longitude=34.31079,
            geo_precision=1,
            location_level="city",
            notes=(
                "A Russian drone attack on a bus in Bilopillia in Ukraine's Sumy region "
                "killed nine people, officials said."
            ),
            quote_start=0,
            quote_end=103,
            trigger="drone attack",
            actor1="Military Forces of Russia",
            actor2="Civilians (Ukraine)",
            civilian_targeting=True,
            fatalities=9,
            injured=7,
            weapons="drone",
            geonameid=711660,
            confidence=0.9,
            source="Reuters",
            url="https://www.reuters.com/world/europe/bilopillia-drone-strike",
            title="Russian drone strike on bus kills nine in Ukraine's Sumy region",
            sources=("seed-bilopillia", "seed-bilopillia-bbc"),
        ),
        Event(
            event_id="ev-kyiv-20250828",
            article_id="seed-kyiv",
            event_date=dt.date(2025, 8, 28),
            time_precision=1,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            location="Kyiv",
            country="Ukraine",
            country_code="UA",
            admin1="Kyiv City",
            latitude=50.45466,
            longitude=30.5238,
            geo_precision=1,
            location_level="city",
            notes=(
                "Russia launched 598 drones and 31 missiles at Kyiv overnight, killing at "
                "least 23 people."
            ),
            quote_start=120,
            quote_end=210,
            trigger="missiles",
            actor1="Military Forces of Russia",
            actor2="Civilians (Ukraine)",
            civilian_targeting=True,
            fatalities=23,
            weapons="drones; missiles",
            quantity=598,
            geonameid=703448,
            confidence=0.85,
            source="BBC",
            url="https://www.bbc.com/news/articles/kyiv-strike",
            title="Kyiv hit by massive Russian drone and missile attack",
            sources=("seed-kyiv",),
        ),
        Event(
            event_id="ev-kursk-20250310",
            article_id="seed-kursk",
            event_date=dt.date(2025, 3, 10),
            time_precision=2,
            event_type="Battles",
            sub_event_type="Government regains territory",
            location="Kursk Oblast",
            country="Russia",
            country_code="RU",
            admin1="Kursk Oblast",
            latitude=51.73733,
            longitude=36.18735,
            geo_precision=3,
            location_level="admin1",
            notes="Russian forces said they had retaken several villages in the Kursk region.",
            quote_start=0,
            quote_end=76,
            trigger="retaken",
            actor1="Military Forces of Russia",
            actor2="Military Forces of Ukraine",
            geonameid=538555,
            confidence=0.7,
            source="Reuters",
            url="https://www.reuters.com/world/europe/kursk",
            title="Russia says it retook villages in Kursk region",
            sources=("seed-kursk",),
        ),
        Event(
            event_id="ev-ukraine-talks-20250215",
            article_id="seed-talks",
            event_date=dt.date(2025, 2, 15),
            time_precision=3,
            event_type="Diplomacy",
            sub_event_type="Talks",
            location="Ukraine",
            country="Ukraine",
            country_code="UA",
            admin1="",
            latitude=49.0,
            longitude=32.0,
            geo_precision=3,
            location_level="country",
            notes="Ukraine and the United States held talks on a minerals deal in February.",
            quote_start=5,
            quote_end=77,
            status="occurred",
            trigger="talks",
            actor1="Government of Ukraine",
            actor2="Government of the United States",
            geonameid=690791,
            confidence=0.6,
            source="AP",
            sources=("seed-talks",),
        ),
        Event(
            event_id="ev-sumy-oblast-xss",
            article_id="seed-xss",
            event_date=dt.date(2025, 5, 18),
            time_precision=1,
            event_type="Violence against civilians",
            sub_event_type="Attack",
            location="Sumy Oblast",
            country="Ukraine",
            country_code="UA",
            admin1="Sumy",
            latitude=50.9216,
            longitude=34.80029,
            geo_precision=3,
            location_level="admin1",
            notes=XSS_NOTES,
            quote_start=10,
            quote_end=10 + len(XSS_NOTES),
            trigger="attack",
            actor1="<b>Unidentified</b> armed group",
            fatalities=1,
            confidence=0.5,
            source="Example <News>",
            url="javascript:alert(1)",
            title="<script>alert('title')</script>",
            sources=("seed-xss",),
        ),
    ]


def undated_unlocated_event() -> Event:
    """An undated event whose place could not be located (null date, null coordinates)."""
    return Event(
        event_id="ev-undated",
        article_id="seed-undated",
        event_date=None,
        time_precision=3,
        event_type="Strategic developments",
        sub_event_type="Other",
        location="",
        country="Ukraine",
        country_code="UA",
        admin1="",
        latitude=None,
        longitude=None,
        geo_precision=3,
        location_level="country",
        notes="Officials announced new measures.",
        quote_start=0,
        quote_end=33,
        status="planned",
    )


def synthetic_events(
    n: int,
    *,
    seed: int = 7,
    start: dt.date = dt.date(2025, 3, 1),
    days: int = 60,
    towns: int = 500,
    time_precisions: Sequence[int] = (1,),
) -> list[Event]:
    """``n`` random events over Ukraine's bounding box (browser tests and the render benchmark).

    90% are town-level (geo precision 1 or 2), 8% region-level and 2% country-level, spread
    over ``days`` days from ``start``, at ``towns`` distinct town names.
    """
    rng = random.Random(seed)
    events = []
    width = len(str(n))
    for i in range(n):
        etype = rng.choice(EVENT_TYPES)
        level = rng.choices(("city", "admin1", "country"), weights=(90, 8, 2))[0]
        town = f"Town{i % towns}"
        notes = f"Officials said a strike hit {town} overnight, killing {i % 13} people."
        events.append(
            Event(
                event_id=f"ev{i:0{width}d}",
                article_id=f"a{i // 3}",
                event_date=start + dt.timedelta(days=rng.randrange(days)),
                time_precision=rng.choice(time_precisions),
                event_type=etype,
                sub_event_type=rng.choice(SUB_EVENT_TYPES[etype]),
                location="Ukraine" if level == "country" else town,
                country="Ukraine",
                country_code="UA",
                admin1="Sumy",
                latitude=round(rng.uniform(44.5, 52.3), 5),
                longitude=round(rng.uniform(22.5, 40.2), 5),
                geo_precision={"city": rng.choice((1, 2)), "admin1": 3, "country": 3}[level],
                location_level=level,
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
