"""ACLED's format in and out (geomap/acled.py, geomap compare, geomap build --events): ACLED
CSVs written here with made-up rows of the documented schema, geomap's own CSV read back."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from geomap._errors import InputError
from geomap.acled import compare_events, read_acled, read_any_events
from geomap.cli import cli
from geomap.events.schema import ACLED_COLUMNS, COLUMNS, events_to_gdf
from geomap.export import read_events, write_csv, write_geojson
from geomap.settings import Settings
from tests._sample_events import sample_events

from .conftest import ROOT, SEEDS

GEOMAP = Path(sys.executable).parent / "geomap"


def acled_row(event_id: str, **values: Any) -> dict[str, Any]:
    """A made-up row of ACLED's export: every column, ACLED's values."""
    row: dict[str, Any] = {
        "event_id_cnty": event_id,
        "event_date": "2025-03-03",
        "year": 2025,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)",
        "assoc_actor_1": "",
        "inter1": "External/Other forces",
        "actor2": "Civilians (Ukraine)",
        "assoc_actor_2": "",
        "inter2": "Civilians",
        "interaction": "External/Other forces-Civilians",
        "civilian_targeting": "Civilian targeting",
        "iso": 804,
        "region": "Europe",
        "country": "Ukraine",
        "admin1": "Sumy",
        "admin2": "Sumskyi",
        "admin3": "Sumska",
        "location": "Sumy",
        "latitude": 50.9077,
        "longitude": 34.7981,
        "geo_precision": 1,
        "source": "Made-up Source; Other Source",
        "source_scale": "National",
        "notes": "On 3 March 2025, a made-up drone strike hit Sumy.",
        "fatalities": 2,
        "tags": "",
        "timestamp": 1741100000,
    }
    row.update(values)
    return row


def write_acled(path: Path, rows: list[dict[str, Any]], *, bom: bool = False) -> Path:
    """Write rows as ACLED's export tool does: its 31 columns, comma-separated, quoted as needed."""
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


# --------------------------------------------------------------------------- reading


def test_read_acled_keeps_acleds_columns_and_fills_geomaps(tmp_path: Path) -> None:
    path = write_acled(
        tmp_path / "acled.csv",
        [
            acled_row("UKR1"),
            acled_row(  # an older export: a long date, numeric actor types and interaction
                "UKR2",
                event_date="05 March 2025",
                inter1="1",
                inter2="7",
                interaction="17",
                actor1="Military Forces of Ukraine (2019-)",
                civilian_targeting="",
                fatalities="",
                latitude=48.0,
                longitude=37.8,
                location='Village "Made-up", with a comma',
            ),
            acled_row("RUS3", iso=643, country="Russia", region="Europe", admin1="Kursk"),
        ],
        bom=True,
    )
    gdf = read_acled(path)
    assert list(gdf.index) == ["UKR1", "UKR2", "RUS3"]
    assert list(gdf.columns) == [*COLUMNS, "geometry", "dataset"]
    assert gdf.crs.to_epsg() == 4326
    one = gdf.loc["UKR1"]
    for name in ACLED_COLUMNS:
        want = acled_row("UKR1")[name]
        assert one[name] == want, name
    assert (one["country_code"], one["status"], one["location_level"]) == (
        "UA",
        "occurred",
        "other",
    )
    assert (one["source_names"], one["sources"], one["source_urls"], one["dataset"]) == (
        "Made-up Source; Other Source",
        "Made-up Source; Other Source",
        "; ",
        "ACLED",
    )
    two = gdf.loc["UKR2"]
    assert (two["event_date"], two["inter1"], two["inter2"], two["interaction"]) == (
        "2025-03-05",
        "State forces",
        "Civilians",
        "State forces-Civilians",
    )
    assert pd.isna(two["fatalities"])
    assert two["location"] == 'Village "Made-up", with a comma'
    assert gdf.loc["RUS3", "country_code"] == "RU"
    assert gdf.geometry.iloc[1].x == pytest.approx(37.8)


def test_rows_that_cannot_be_read_are_skipped_and_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_acled(
        tmp_path / "acled.csv",
        [
            acled_row("UKR1"),
            acled_row("UKR2", sub_event_type="Armed clash"),  # not an explosion
            acled_row("UKR3", event_date="sometime"),
            acled_row("UKR4", latitude=95),
            acled_row("UKR1"),
            acled_row("UKR6", geo_precision=4),
            acled_row("UKR7", fatalities="many"),
        ],
    )
    with caplog.at_level(logging.WARNING, logger="geomap"):
        gdf = read_acled(path)
    assert list(gdf.index) == ["UKR1"]
    skipped = gdf.attrs["skipped"]
    assert [s.split(":")[0] for s in skipped] == [f"line {k}" for k in range(3, 9)]
    assert skipped[-1] == "line 8: fatalities 'many' is not a whole number"
    assert "UKR1 repeated" in skipped[3]
    assert f"{path}: 6 rows skipped (line 3: sub_event_type 'Armed clash'" in caplog.text


def test_a_file_that_is_not_an_acled_export_is_one_clear_error(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("id,text\n1,hello\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.csv: not an ACLED export \(no column event_date"):
        read_acled(other)
    with pytest.raises(InputError, match=r"nothing\.csv: no such file"):
        read_acled(tmp_path / "nothing.csv")
    broken = tmp_path / "broken.csv"
    broken.write_text('event_date,event_type\n"2025-03-03,x\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.csv"):
        read_acled(broken)


def test_geomaps_own_csv_reads_back_through_the_acled_reader(tmp_path: Path) -> None:
    ours = events_to_gdf(sample_events())
    path = write_csv(ours, tmp_path / "events.csv")
    back = read_acled(path)
    assert list(back.index) == ours["event_id_cnty"].tolist()
    for name in ACLED_COLUMNS:  # ACLED's columns: the same values both ways
        pd.testing.assert_series_equal(
            back[name].reset_index(drop=True), ours[name].reset_index(drop=True), check_names=False
        )
    assert (back["country_code"] == ours["country_code"].to_numpy()).all()


def test_pandas_reads_geomaps_csv_with_acleds_column_list(tmp_path: Path) -> None:
    path = write_csv(events_to_gdf(sample_events()), tmp_path / "events.csv")
    frame = pd.read_csv(path, usecols=list(ACLED_COLUMNS))
    assert list(frame.columns) == list(ACLED_COLUMNS)
    assert pd.api.types.is_integer_dtype(frame["iso"])
    assert pd.api.types.is_integer_dtype(frame["year"])
    assert pd.api.types.is_float_dtype(frame["latitude"])
    assert set(frame["civilian_targeting"].dropna()) == {"Civilian targeting"}
    assert frame["actor1"].iloc[0] == "Military Forces of Russia"


def test_read_any_events_tells_the_formats_apart(tmp_path: Path) -> None:
    ours = events_to_gdf(sample_events())
    gj = write_geojson(ours, tmp_path / "events.geojson")
    ours_csv = write_csv(ours, tmp_path / "events.csv")
    acled = write_acled(tmp_path / "acled.csv", [acled_row("UKR1")])
    a = read_any_events(gj)
    assert list(a.index) == list(ours.index)
    assert set(a["dataset"]) == {"events.geojson"}
    b = read_any_events(ours_csv)  # geomap's CSV: every column back, not ACLED's subset
    assert list(b.index) == list(ours.index)
    assert (b["quote_end"] == ours["quote_end"]).all()
    c = read_any_events(acled, dataset="ACLED 2025")
    assert set(c["dataset"]) == {"ACLED 2025"}


# --------------------------------------------------------------------------- compare


def _gdf(*events: Any) -> Any:
    return events_to_gdf(list(events))


def _moved(ev: Any, event_id: str, *, km_north: float = 0.0, days: int = 0, **changes: Any) -> Any:
    return replace(
        ev,
        event_id=event_id,
        latitude=ev.latitude + km_north / 111.2,
        event_date=ev.event_date + dt.timedelta(days=days),
        **changes,
    )


def test_compare_pairs_events_within_the_window_closest_first() -> None:
    bilo, kyiv, kursk, _, _ = sample_events()
    a = _gdf(bilo, kyiv, kursk)
    b = _gdf(
        _moved(bilo, "b-near", km_north=3, days=1),
        _moved(bilo, "b-nearer", km_north=1),  # the closer one wins bilo
        _moved(kyiv, "b-far", km_north=12),
        _moved(kursk, "b-late", days=2),
    )
    result = compare_events(a, b, km=10, days=1)
    assert result.pairs[["a", "b"]].values.tolist() == [["ev-bilopillia-20250517", "b-nearer"]]
    assert result.pairs["km"].iloc[0] == pytest.approx(1.0, abs=0.01)
    assert list(result.only_a.index) == ["ev-kyiv-20250828", "ev-kursk-20250310"]
    assert list(result.only_b.index) == ["b-near", "b-far", "b-late"]
    wide = compare_events(a, b, km=15, days=2)
    assert len(wide.pairs) == 3
    assert list(wide.only_b.index) == ["b-near"]
    assert wide.line() == "3 events matched, 0 only in the first, 1 only in the second"


def test_compare_same_type_undated_and_unlocated() -> None:
    bilo, _, _, talks, _ = sample_events()
    a = _gdf(
        bilo, replace(talks, event_id="talks-a"), replace(bilo, event_id="undated", event_date=None)
    )
    b = _gdf(
        _moved(bilo, "b-battle", event_type="Battles", sub_event_type="Armed clash"),
        replace(talks, event_id="talks-b"),
        replace(bilo, event_id="undated-b", event_date=None),
    )
    assert len(compare_events(a, b).pairs) == 2  # the battle pairs with the strike; the talks
    typed = compare_events(a, b, same_type=True)
    assert typed.pairs["b"].tolist() == ["talks-b"]  # no point: same country and place name
    assert "undated" in typed.only_a.index
    assert "undated-b" in typed.only_b.index
    with pytest.raises(InputError, match="must not be negative"):
        compare_events(a, b, km=-1)


# --------------------------------------------------------------------------- the commands


@pytest.fixture(scope="module")
def seeds_and_acled(
    private_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Any]:
    """The seeds built with a made-up ACLED export beside them: two rows near (3 km) two
    events the seeds give, one far away; the build's folder, the CSV, the CLI result."""
    from geomap.pipeline import BuildOptions, run_pipeline

    folder = tmp_path_factory.mktemp("with-acled")
    run_pipeline([SEEDS], folder / "plain", settings=private_settings, options=BuildOptions())
    ours = read_events(folder / "plain" / "events.geojson")
    dated = ours[ours["event_date"].notna() & ours["latitude"].notna()].head(2)
    rows = [
        acled_row(
            f"UKR9{k}",
            event_date=r["event_date"],
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"],
            disorder_type=r["disorder_type"],
            latitude=round(r["latitude"] + 3 / 111.2, 4),
            longitude=r["longitude"],
            location=f"Near {r['location']}",
        )
        for k, (_, r) in enumerate(dated.iterrows())
    ]
    rows.append(
        acled_row("UKR99", event_date="2025-01-01", latitude=45.0, longitude=35.0, location="=Far")
    )
    acled = write_acled(folder / "acled.csv", rows)
    result = CliRunner().invoke(
        cli,
        [
            "--cache-dir",
            str(private_settings.cache_dir),
            "build",
            str(SEEDS),
            "-o",
            str(folder / "out"),
            "--events",
            str(acled),
        ],
    )
    return folder, acled, result


def _payload(html: str) -> dict[str, Any]:
    m = re.search(
        r'<script type="application/json" id="geomap-data-[^"]+">(.*?)</script>', html, re.S
    )
    assert m is not None
    return dict(json.loads(m.group(1)))


def test_build_with_acled_events_draws_both_as_layers(seeds_and_acled: Any) -> None:
    folder, _, result = seeds_and_acled
    assert result.exit_code == 0, result.output
    drew = f"drew 3 events of {folder / 'acled.csv'} beside the run's own (not exported)"
    assert drew in result.output
    out = folder / "out"
    plain = read_events(folder / "plain" / "events.geojson")
    exported = read_events(out / "events.geojson")
    assert list(exported.index) == list(plain.index)  # ACLED's events are drawn, not exported
    data = _payload((out / "conflict_map.html").read_text(encoding="utf-8"))
    assert [s["label"] for s in data["sets"]] == ["geomap", "ACLED"]
    assert [s["count"] for s in data["sets"]] == [len(plain), 3]
    assert data["n"] == len(plain) + 3
    assert sorted(data["cols"]["set"]) == [0] * len(plain) + [1] * 3
    html = (out / "conflict_map.html").read_text(encoding="utf-8")
    # the layer control's switch of each dataset, with its count (a JSON string in the page)
    assert 'gm-set-count\\" data-set=\\"1\\"\\u003e(3)' in html


def test_compare_lists_what_each_side_lacks(seeds_and_acled: Any, tmp_path: Path) -> None:
    folder, acled, _ = seeds_and_acled
    ours = folder / "out" / "events.geojson"
    n_ours = len(read_events(ours))
    out_csv = tmp_path / "compare.csv"
    result = CliRunner().invoke(
        cli, ["compare", str(ours), str(acled), "--km", "10", "--days", "1", "--out", str(out_csv)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == (
        f"{n_ours} events in events.geojson, 3 in acled.csv: 2 matched (within 10 km and 1 "
        f"days), {n_ours - 2} only in events.geojson, 1 only in acled.csv"
    )
    assert f"only in {acled}: 1 events" in lines
    assert "  UKR99\t2025-01-01\tExplosions/Remote violence\t=Far, Ukraine" in lines
    with out_csv.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["status"] for r in rows].count("both") == 2
    far = next(r for r in rows if r["event_id"] == "UKR99")
    assert (far["status"], far["location"]) == ("only second", "'=Far")  # no formula runs
    narrow = CliRunner().invoke(cli, ["compare", str(ours), str(acled), "--km", "1"])
    assert "0 matched (within 1 km and 1 days)" in narrow.output


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GEOMAP), *args],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.skipif(not GEOMAP.exists(), reason="the geomap console script is not installed")
def test_installed_commands_exit_codes(
    seeds_and_acled: Any, private_settings: Settings, tmp_path: Path
) -> None:
    folder, acled, _ = seeds_and_acled
    ours = str(folder / "out" / "events.geojson")
    ok = _run("compare", ours, str(acled))
    assert ok.returncode == 0, ok.stderr
    missing = _run("compare", ours, str(tmp_path / "none.csv"))
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"geomap: error: {tmp_path / 'none.csv'}: no such file"
    assert _run("compare", ours, str(acled), "--km", "-1").returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text\n1,x\n", encoding="utf-8")
    partial = _run(
        "--cache-dir",
        str(private_settings.cache_dir),
        "build",
        str(SEEDS),
        "-o",
        str(tmp_path / "out"),
        "--events",
        str(bad),
    )
    assert partial.returncode == 3, partial.stderr
    assert f"geomap: error: {bad}: not an ACLED export (no column event_date" in partial.stderr
    assert (tmp_path / "out" / "conflict_map.html").is_file()


# --------------------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_the_datasets_share_the_time_control_in_chromium(
    browser: Any, seeds_and_acled: Any
) -> None:
    folder, _, _ = seeds_and_acled
    path = folder / "out" / "conflict_map.html"
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route(lambda url: not url.startswith(("file:", "data:")), lambda route: route.abort())
    page.goto(path.as_uri())
    page.wait_for_function("window.geomap !== undefined && window.geomap.isLoaded()")
    total = page.evaluate("window.geomap.selected()")
    assert page.evaluate("window.geomap.setToggles.length") == 2
    assert (
        page.locator(".geomap-marker.geomap-ext").count() + page.locator(".geomap-cluster").count()
        > 0
    )
    # ACLED's layer off: its three events leave the selection, the list and the counts
    page.evaluate("window.geomap.map.removeLayer(window.geomap.setToggles[1])")
    assert page.evaluate("window.geomap.selected()") == total - 3
    assert all(not i.startswith("UKR9") for i in page.evaluate("window.geomap.selectedIds()"))
    page.wait_for_function("location.hash.indexOf('ds=10') >= 0")
    page.evaluate("window.geomap.map.addLayer(window.geomap.setToggles[1])")
    # one time control for both: the day of the far ACLED event keeps it alone
    page.evaluate("window.geomap.setRange('2025-01-01', '2025-01-01')")
    assert page.evaluate("window.geomap.selectedIds()") == ["UKR99"]
    assert errors == []
    context.close()
