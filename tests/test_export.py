"""Export tests: write GeoJSON / GeoPackage / CSV and read them back through GDAL (pyogrio)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from geomap._errors import InputError, ValidationError
from geomap.events.schema import ACLED_COLUMNS, CSV_COLUMNS, SCHEMA_VERSION, events_to_gdf
from geomap.export import export_events, read_events, write_csv, write_geojson, write_gpkg
from tests._sample_events import sample_events, undated_unlocated_event


@pytest.fixture
def gdf() -> object:
    return events_to_gdf([*sample_events(), undated_unlocated_event()])


def _assert_same_events(back: object, gdf: object) -> None:
    pd.testing.assert_frame_equal(
        pd.DataFrame(back.drop(columns="geometry")), pd.DataFrame(gdf.drop(columns="geometry"))
    )
    assert back.crs.to_epsg() == 4326
    for got, want in zip(back.geometry, gdf.geometry, strict=True):
        if want is None:
            assert got is None
        else:
            assert (got.x, got.y) == pytest.approx((want.x, want.y), abs=1e-9)


def test_geojson_is_rfc7946_with_flat_typed_properties(gdf: object, tmp_path: Path) -> None:
    path = write_geojson(gdf, tmp_path / "events.geojson")
    with path.open(encoding="utf-8") as fh:
        doc = json.load(fh)
    assert "crs" not in doc
    assert len(doc["features"]) == 6
    by_id = {f["properties"]["event_id"]: f for f in doc["features"]}
    bilo = by_id["ev-bilopillia-20250517"]
    assert bilo["geometry"] == {"type": "Point", "coordinates": [34.31079, 51.14747]}
    props = bilo["properties"]
    assert props["event_date"] == "2025-05-17"
    assert props["fatalities"] == 9
    assert props["quantity"] is None
    assert props["civilian_targeting"] == "Civilian targeting"
    assert (props["year"], props["iso"], props["region"]) == (2025, 804, "Europe")
    assert props["schema"] == SCHEMA_VERSION
    assert props["sources"] == ["seed-bilopillia", "seed-bilopillia-bbc"]
    assert by_id["ev-undated"]["geometry"] is None
    assert by_id["ev-undated"]["properties"]["event_date"] is None


def test_geojson_reads_back_through_gdal(gdf: object, tmp_path: Path) -> None:
    path = write_geojson(gdf, tmp_path / "events.geojson")
    raw = pyogrio.read_dataframe(path)
    assert len(raw) == 6
    assert raw["fatalities"].dropna().tolist() == [9, 23, 1]
    assert str(raw["time_precision"].dtype) == "int32"
    assert raw["civilian_targeting"].tolist().count("Civilian targeting") == 2
    _assert_same_events(read_events(path), gdf)


def test_gpkg_layer_events_reads_back(gdf: object, tmp_path: Path) -> None:
    path = write_gpkg(gdf, tmp_path / "events.gpkg")
    assert [list(x) for x in pyogrio.list_layers(path)] == [["events", "Point"]]
    info = pyogrio.read_info(path, layer="events")
    assert info["crs"] == "EPSG:4326"
    assert info["features"] == 6
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["geo_precision"] == "int64"
    assert types["latitude"] == "float64"
    assert types["civilian_targeting"] == "object"
    assert types["iso"] == "int64"
    _assert_same_events(read_events(path), gdf)


def test_csv_has_acled_like_columns_and_reads_back(gdf: object, tmp_path: Path) -> None:
    path = write_csv(gdf, tmp_path / "events.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == list(CSV_COLUMNS)
    assert header[: 1 + len(ACLED_COLUMNS)] == ["event_id", *ACLED_COLUMNS]
    assert header[1:8] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
    ]
    raw = pyogrio.read_dataframe(path, read_geometry=False)
    assert len(raw) == 6
    _assert_same_events(read_events(path), gdf)


def test_export_events_writes_every_format_atomically(gdf: object, tmp_path: Path) -> None:
    out = export_events(gdf, tmp_path / "maps")
    assert set(out) == {"geojson", "gpkg", "csv"}
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == [
        "events.csv",
        "events.geojson",
        "events.gpkg",
    ]
    with pytest.raises(InputError, match="shapefile"):
        export_events(gdf, tmp_path / "maps", formats=("shapefile",))


def test_invalid_table_is_refused_and_nothing_written(gdf: object, tmp_path: Path) -> None:
    bad = gdf.copy()
    bad.loc["ev-kyiv-20250828", "status"] = "rumoured"
    with pytest.raises(ValidationError, match=r"ev-kyiv-20250828.*status"):
        write_geojson(bad, tmp_path / "events.geojson")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv"])
def test_a_failed_write_leaves_the_previous_file_and_no_temporary(
    fmt: str, gdf: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What "atomically" promises: a write that fails at the last step (the rename) leaves
    the previous file byte for byte and nothing else in the folder."""
    import os

    out = tmp_path / "maps"
    export_events(gdf, out, formats=(fmt,))
    (target,) = out.iterdir()
    before = target.read_bytes()
    real_replace = os.replace

    def fail(a: object, b: object) -> None:
        if Path(str(b)) == target:
            raise OSError(28, "No space left on device (simulated)", str(b))
        real_replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fail)
    fewer = gdf.iloc[:2]  # type: ignore[attr-defined]
    with pytest.raises(OSError, match="simulated"):
        export_events(fewer, out, formats=(fmt,))
    monkeypatch.undo()
    assert [p.name for p in out.iterdir()] == [target.name]
    assert target.read_bytes() == before
