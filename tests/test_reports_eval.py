"""Tests of the short-reports scorer (``geomap eval --reports``) on a made-up CSV."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap._errors import InputError
from geomap.evaluation.reports import (
    ReportRow,
    evaluate_reports,
    is_attack,
    read_reports,
    score_report,
    summarise_reports,
)
from geomap.settings import Settings
from geomap.types import Article, Event, GazetteerEntry, ParsedArticle, PlaceMention, ResolvedPlace
from tests.conftest import DATA

MINI = DATA / "eval" / "reports_mini.csv"


def _row(group: str, text: str, *, lat: float = 50.0, lon: float = 30.0) -> ReportRow:
    return ReportRow("X1", dt.date(2023, 1, 2), group, text, "Alphaville", "", "", lat, lon)


def _entry(name: str, lat: float, lon: float) -> GazetteerEntry:
    return GazetteerEntry(
        1, name, name, lat, lon, "P", "PPL", "UA", "01", "Somewhere", 1000, "t", "city"
    )


def _event(kind: str, lat: float | None, lon: float | None) -> Event:
    return Event(
        event_id="e",
        article_id="X1",
        event_date=None,
        time_precision=1,
        event_type=kind,
        sub_event_type="",
        location="Alphaville",
        country="Ukraine",
        country_code="UA",
        admin1="",
        latitude=lat,
        longitude=lon,
        geo_precision=1,
        location_level="city",
        notes="",
        quote_start=0,
        quote_end=1,
    )


def _parsed(row: ReportRow, surface: str, point: tuple[float, float] | None, role: str = "literal"):
    start = row.text.index(surface)
    m = PlaceMention(
        "X1", start, start + len(surface), surface, surface, 0, len(row.text), role=role
    )
    art = Article("X1", row.text)
    pa = ParsedArticle(art, (), (m,))
    entry = None if point is None else _entry(surface, *point)
    rp = ResolvedPlace(m, entry, "gazetteer" if entry else "unresolved")
    return pa, [rp]


def test_read_reports_mini() -> None:
    rows = read_reports(MINI)
    assert [r.entry for r in rows] == ["T001", "T002", "T003", "T004", "T005"]
    assert rows[0].date == dt.date(2023, 5, 4)
    assert rows[4].date is None  # an unreadable date is no date, not an error
    assert rows[3].group == "Russian Military Presence"
    assert rows[0].lat == pytest.approx(50.9077)
    art = rows[1].to_article()
    assert (art.id, art.published, art.url) == (
        "T002",
        dt.date(2023, 5, 5),
        "https://example.org/2",
    )


def test_read_reports_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("entry,date,text\nA,2022-01-01,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column group, town, lat, lon"):
        read_reports(bad)
    nolat = tmp_path / "nolat.csv"
    nolat.write_text(
        "entry,date,group,text,town,lat,lon\nA,2022-01-01,Other,x,T,north,1\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"nolat.csv:2: lat 'north' is not a number"):
        read_reports(nolat)
    with pytest.raises(InputError, match="cannot read reports file"):
        read_reports(tmp_path / "absent.csv")


def test_is_attack() -> None:
    assert is_attack(_row("Ground Battle", "Tanks"))
    assert is_attack(_row("Civilian Infrastructure Damage", "Shelled flats"))
    assert is_attack(_row("Military Infrastructure Damage", "Drone hits a depot"))
    assert not is_attack(_row("Civilian Infrastructure Damage", "Broken windows of a cafe"))
    assert not is_attack(_row("Russian Military Presence", "Missile launchers seen"))


def test_score_report_place_and_event() -> None:
    row = _row("Bombing or Explosion", "Blast in Alphaville")
    pa, rs = _parsed(row, "Alphaville", (50.1, 30.0))  # ~11 km away
    s = score_report(row, pa, rs, [_event("Explosions/Remote violence", 50.1, 30.0)])
    assert (s.recognised, s.within, s.attack, s.coded, s.missed) == (True, True, True, True, ())
    assert s.best_km == pytest.approx(11.1, abs=0.1)
    # the wrong type, and a right type 33 km away, are both misses
    s = score_report(row, pa, rs, [_event("Battles", 50.1, 30.0)])
    assert (s.coded, s.missed) == (False, ("event",))
    s = score_report(row, pa, rs, [_event("Explosions/Remote violence", 50.3, 30.0)])
    assert s.missed == ("event",)
    s = score_report(row, pa, rs, [])
    assert s.missed == ("no event",)


def test_score_report_far_namesake_is_recognised_not_placed() -> None:
    row = _row("Other", "Crowd in Alphaville")
    pa, rs = _parsed(row, "Alphaville", (55.0, 40.0))
    s = score_report(row, pa, rs, [])
    assert (s.recognised, s.within, s.attack) == (True, False, False)
    assert s.missed == ("place",)
    # a demonym is not a town mention
    pa, rs = _parsed(row, "Alphaville", (50.0, 30.0), role="demonym")
    assert score_report(row, pa, rs, []).missed == ("town", "place")


def test_score_report_sightings() -> None:
    row = _row("Russian Military Presence", "Tanks in Alphaville")
    pa, rs = _parsed(row, "Alphaville", (50.0, 30.0))
    assert score_report(row, pa, rs, [_event("Battles", 50.0, 30.0)]).miscoded
    assert not score_report(row, pa, rs, [_event("Strategic developments", 50.0, 30.0)]).miscoded


def test_summarise_reports_per_group() -> None:
    a = _row("Ground Battle", "Clashes in Alphaville")
    pa, rs = _parsed(a, "Alphaville", (50.0, 30.0))
    s1 = score_report(a, pa, rs, [_event("Battles", 50.0, 30.0)])
    b = _row("Russian Military Presence", "Tanks in Alphaville")
    pb, rb = _parsed(b, "Alphaville", None)
    s2 = score_report(b, pb, rb, [_event("Battles", None, None)])
    rep = summarise_reports([s1, s2], path="x.csv")
    t = rep.total
    assert (t.n, t.recognised, t.within, t.attacks, t.coded, t.sightings, t.miscoded) == (
        2,
        2,
        1,
        1,
        1,
        1,
        1,
    )
    assert [g.name for g in rep.groups] == ["Ground Battle", "Russian Military Presence"]
    assert rep.groups[1].miscoded_rate == 1.0
    assert rep.groups[1].coded_rate is None
    assert [m.row.group for m in rep.misses()] == ["Russian Military Presence"]


@pytest.fixture(scope="module")
def mini_report(settings: Settings):
    return evaluate_reports(settings, path=MINI)


@pytest.mark.model
@pytest.mark.slow
def test_evaluate_reports_mini(mini_report) -> None:
    t = mini_report.total
    assert t.n == 5
    assert t.attacks == 3  # T001, T002 (shelling), T005 (ground battle); not T003
    assert t.sightings == 1
    by_entry = {s.row.entry: s for s in mini_report.rows}
    for entry in ("T001", "T002", "T003", "T004"):
        assert by_entry[entry].within, by_entry[entry].places
    assert by_entry["T001"].coded, by_entry["T001"].events
    assert not by_entry["T004"].miscoded
    assert not by_entry["T005"].recognised  # the text does not name its town


@pytest.mark.model
@pytest.mark.slow
def test_cli_reports_text_and_json(settings: Settings) -> None:
    from geomap.cli.evaluate import eval_command

    def run(*args: str):
        return CliRunner().invoke(eval_command, ["--no-trnews", "--no-seeds", *args], obj=settings)

    res = run("--reports", str(MINI), "--misses", "3")
    assert res.exit_code == 0, res.output
    assert "named town within 25 km of the verified point" in res.output
    assert "Ground Battle" in res.output
    assert "T005 [Ground Battle] town, place" in res.output
    res = run("--reports", str(MINI), "--json", "--misses", "1")
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)["reports"]
    assert out["n"] == 5
    assert out["attacks"] == 3
    assert set(out["groups"]) == {
        "Bombing or Explosion",
        "Civilian Infrastructure Damage",
        "Russian Military Presence",
        "Ground Battle",
    }
    assert len(out["misses"]) == 1
    res = run("--reports", "/nonexistent/reports.csv")
    assert res.exit_code == 1
    assert "cannot read reports file" in res.output
