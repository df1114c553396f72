"""Placement an analyst can trust (issue 31), on made-up reports with the real model.

Namesakes decided by the run's own activity (and undecided alone), facilities named
inside a town, words that are place names somewhere, merges that keep places apart,
and one meaning for an unknown toll on every input format.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geomap.events import dedupe_events, finish_events
from geomap.pipeline import BuildOptions, run_pipeline
from geomap.settings import Settings
from geomap.stages import code_all, read_inputs
from geomap.types import Event, Namesake


def _sheet(tmp_path: Path, rows: list[tuple[str, str]], name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["date", "text", "link"])
        out.writerows([(day, text, "") for day, text in rows])
    return path


def _events(path: Path, settings: Settings) -> list[Event]:
    coded = code_all(read_inputs([path]), settings=settings)
    return finish_events(coded.events, days=settings.dedup_days, km=settings.dedup_km)


#: Reports of one day around Kharkiv (made up).
KHARKIV_DAY = [
    ("2024-05-02", "Russian glide bomb hit a house in Chuhuiv"),
    ("2024-05-02", "Missile strike on Kharkiv's Saltivka district"),
    ("2024-05-03", "Drone attack on Bezliudivka"),
    ("2024-05-03", "Shelling of Merefa"),
]
#: A village name nine villages share, told without its oblast.
AMBIGUOUS = ("2024-05-03", "Strike on a school in Vilkhivka overnight")


@pytest.mark.model
class TestNamesakes:
    def test_alone_in_a_run_it_is_ambiguous(self, settings: Settings, tmp_path: Path) -> None:
        (ev,) = _events(_sheet(tmp_path, [AMBIGUOUS]), settings)
        assert (ev.location, ev.latitude, ev.geo_precision) == ("Vilkhivka", None, 3)
        assert len(ev.alternatives) >= 3
        # the namesakes lie in several oblasts, each with its point and its prior
        assert len({a.admin1 for a in ev.alternatives}) >= 3
        assert sum(a.prior for a in ev.alternatives) == pytest.approx(1.0, abs=0.01)

    def test_the_runs_activity_decides(self, settings: Settings, tmp_path: Path) -> None:
        events = _events(_sheet(tmp_path, [*KHARKIV_DAY, AMBIGUOUS]), settings)
        (ev,) = [e for e in events if e.location == "Vilkhivka"]
        assert ev.admin1 == "Kharkiv Oblast"
        assert ev.alternatives == ()
        assert ev.geo_precision == 1
        assert ev.latitude == pytest.approx(49.99, abs=0.05)

    def test_activity_weeks_away_decides_nothing(self, settings: Settings, tmp_path: Path) -> None:
        months_later = ("2024-09-03", AMBIGUOUS[1])
        events = _events(_sheet(tmp_path, [*KHARKIV_DAY, months_later]), settings)
        (ev,) = [e for e in events if e.location == "Vilkhivka"]
        assert ev.latitude is None
        assert ev.alternatives


@pytest.mark.model
class TestPartsOfTowns:
    def test_a_facility_named_like_a_far_place_is_in_the_town(
        self, settings: Settings, tmp_path: Path
    ) -> None:
        path = _sheet(tmp_path, [("2024-03-01", "Explosion at the Metro supermarket in Mariupol")])
        (ev,) = _events(path, settings)
        assert (ev.location, ev.admin1, ev.geo_precision) == ("Mariupol", "Donetsk Oblast", 2)
        from geomap.pipeline import analyse

        _, resolved = analyse([path], settings=settings, cache=False)
        (metro,) = [r for r in resolved if r.mention.text == "Metro"]
        assert (metro.method, metro.mention.feature) == ("relative", "supermarket")
        assert metro.entry is not None
        assert metro.entry.name.startswith("Mariupol")

    @pytest.mark.parametrize(
        ("text", "word"),
        [
            ("Man interviewed in Kherson with a wounded neighbour beside him", "Man"),
            ("Plateau of rubble where a school stood in Kherson", "Plateau"),
        ],
    )
    def test_a_word_that_is_a_far_place_name_is_no_place(
        self, settings: Settings, tmp_path: Path, text: str, word: str
    ) -> None:
        from geomap.pipeline import analyse

        path = _sheet(tmp_path, [("2024-03-01", text)])
        _, resolved = analyse([path], settings=settings, cache=False)
        (far,) = [r for r in resolved if r.mention.text == word]
        assert (far.method, far.entry) == ("unresolved", None)
        assert "1000 km" in far.reason
        assert all(e.country_code == "UA" for e in _events(path, settings))

    def test_fighters_named_after_a_place_are_who_not_where(
        self, settings: Settings, tmp_path: Path
    ) -> None:
        text = "Azov fighters clashed with Russian troops near Mariupol"
        events = _events(_sheet(tmp_path, [("2024-03-01", text)]), settings)
        assert [(e.event_type, e.location) for e in events] == [("Battles", "Mariupol")]


def _event(article: str, **kw: Any) -> Event:
    base = Event(
        event_id=f"id-{article}", article_id=article, event_date=dt.date(2024, 5, 3),
        time_precision=1, event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", location="Vesele", country="Ukraine",
        country_code="UA", admin1="Donetsk Oblast", latitude=48.1, longitude=37.6,
        geo_precision=1, location_level="village", notes="", quote_start=0, quote_end=0,
        geonameid=1, sources=(article,),
    )  # fmt: skip
    return replace(base, **kw)


class TestMerges:
    def test_two_places_a_few_km_apart_stay_two_events(self) -> None:
        a = _event("a", geonameid=1)
        b = _event("b", geonameid=2, latitude=48.12, location="Veselе-2")  # 2 km away
        assert len(dedupe_events([a, b])) == 2
        assert len(dedupe_events([a, _event("c", geonameid=1)])) == 1  # one place: merged

    def test_an_ambiguous_name_merges_only_with_itself(self) -> None:
        namesakes = (
            Namesake("Vesele", "Donetsk Oblast", "UA", 48.1, 37.6, 1, "village", 0.5),
            Namesake("Vesele", "Zaporizhzhia Oblast", "UA", 47.0, 35.2, 3, "village", 0.5),
        )
        vague = _event("a", geonameid=None, latitude=None, longitude=None, geo_precision=3,
                       alternatives=namesakes)  # fmt: skip
        pinned = _event("b")  # at the first namesake's point
        assert len(dedupe_events([vague, pinned])) == 2
        again = replace(vague, article_id="c", event_id="id-c", sources=("c",))
        (merged,) = dedupe_events([vague, again])
        assert set(merged.sources) == {"a", "c"}


@pytest.mark.model
def test_unknown_is_null_on_every_input_format(settings: Settings, tmp_path: Path) -> None:
    """A toll the text does not give is null, one it says is none is 0: .txt, .jsonl, .csv."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Russian drones struck Sumy on Monday.", encoding="utf-8")
    (src / "manifest.csv").write_text("file,published,source\na.txt,2024-05-06,site\n")
    line = {"id": "j1", "text": "Russian drones struck Poltava on Monday. There were no "
            "casualties.", "published": "2024-05-06"}  # fmt: skip
    (src / "b.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    _sheet(src, [("2024-05-06", "Shelling of Kherson, two people killed")], name="c.csv")
    out = tmp_path / "out"
    run_pipeline([src], out, settings=settings, options=BuildOptions(cache=False))
    with (out / "events.csv").open(encoding="utf-8", newline="") as fh:
        got = {r["location"]: r["fatalities"] for r in csv.DictReader(fh)}
    assert got == {"Sumy": "", "Poltava": "0", "Kherson": "2"}
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    by_place = {f["properties"]["location"]: f["properties"] for f in data["features"]}
    assert by_place["Sumy"]["fatalities"] is None
    assert by_place["Poltava"]["fatalities"] == 0


class TestRunDecides:
    """How the run's activity weighs namesakes (``geomap.events.namesakes.choose``)."""

    def test_a_quiet_run_keeps_the_texts_favourite(self) -> None:
        from geomap.events.namesakes import choose

        assert choose([0.97, 0.03], [0.0, 0.0]) == 0

    def test_activity_near_another_namesake_only_leaves_it_undecided(self) -> None:
        """The town is far likelier by size, but the run reports near the village only:
        no confident pin at the town."""
        from geomap.events.namesakes import choose

        assert choose([0.97, 0.03], [0.0, 0.9]) is None
        assert choose([0.97, 0.03], [0.9, 0.0]) == 0

    def test_activity_near_two_namesakes_is_contested(self) -> None:
        from geomap.events.namesakes import choose

        assert choose([0.5, 0.5], [0.8, 0.7]) is None
        assert choose([0.5, 0.5], [2.0, 0.0]) == 0
