"""Schema and validator tests: events_to_gdf output, every rule, docs/event-schema.md in sync."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point

from geomap._errors import ValidationError
from geomap._validate import validate_events_gdf
from geomap.events.schema import (
    COLUMNS,
    EVENT_TYPES,
    SCHEMA_VERSION,
    events_to_gdf,
    schema_markdown,
)
from tests._sample_events import sample_events, undated_unlocated_event

DOC = Path(__file__).resolve().parent.parent / "docs" / "event-schema.md"


@pytest.fixture
def gdf() -> Any:
    return events_to_gdf([*sample_events(), undated_unlocated_event()])


def test_events_to_gdf_builds_the_flat_table(gdf: Any) -> None:
    validate_events_gdf(gdf)
    assert gdf.index.name == "event_id"
    assert tuple(c for c in gdf.columns if c != "geometry") == COLUMNS
    assert gdf.crs.to_epsg() == 4326
    row = gdf.loc["ev-bilopillia-20250517"]
    assert row["event_date"] == "2025-05-17"
    assert row["fatalities"] == 9
    assert row["sources"] == "seed-bilopillia; seed-bilopillia-bbc"
    assert row["schema"] == SCHEMA_VERSION
    assert (row.geometry.x, row.geometry.y) == (34.31079, 51.14747)  # lon/lat
    undated = gdf.loc["ev-undated"]
    assert undated.geometry is None
    assert undated["event_date"] is None or undated["event_date"] != undated["event_date"]
    assert str(gdf["fatalities"].dtype) == "Int64"
    assert str(gdf["geo_precision"].dtype) == "int64"


def test_empty_event_list_is_a_valid_table() -> None:
    validate_events_gdf(events_to_gdf([]))


def test_docs_match_the_schema() -> None:
    assert DOC.read_text(encoding="utf-8") == schema_markdown()
    for etype in EVENT_TYPES:
        assert etype in DOC.read_text(encoding="utf-8")


def _with(**changes: Any) -> Any:
    events = sample_events()
    events[1] = dataclasses.replace(events[1], **changes)
    return events_to_gdf(events)


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"event_type": "Airstrike"}, "event_type"),
        ({"sub_event_type": "Armed clash"}, "sub_event_type"),
        ({"time_precision": 4}, "time_precision"),
        ({"geo_precision": 0}, "geo_precision"),
        ({"status": "rumoured"}, "status"),
        ({"latitude": 91.0}, "latitude"),
        ({"longitude": -181.0}, "longitude"),
        ({"latitude": None}, "latitude"),
        ({"location_level": "country", "geo_precision": 1}, "geo_precision"),
        ({"location_level": "street"}, "location_level"),
        ({"fatalities": -1}, "fatalities"),
        ({"confidence": 1.5}, "confidence"),
        ({"quote_end": 1}, "quote_end"),
    ],
)
def test_validator_names_row_and_column(changes: dict[str, Any], column: str) -> None:
    bad = _with(**changes)
    with pytest.raises(ValidationError, match=rf"ev-kyiv-20250828.*{column}"):
        validate_events_gdf(bad)


def test_geometry_must_equal_latitude_longitude(gdf: Any) -> None:
    gdf.loc["ev-kyiv-20250828", "geometry"] = Point(50.45466, 30.5238)  # lat/lon swapped
    with pytest.raises(ValidationError, match=r"ev-kyiv-20250828.*geometry"):
        validate_events_gdf(gdf)


def test_bad_date_dtype_crs_index_and_columns(gdf: Any) -> None:
    bad = gdf.copy()
    bad.loc["ev-kyiv-20250828", "event_date"] = "28 Aug 2025"
    with pytest.raises(ValidationError, match=r"ev-kyiv-20250828.*event_date"):
        validate_events_gdf(bad)
    with pytest.raises(ValidationError, match=r"fatalities.*dtype"):
        validate_events_gdf(gdf.assign(fatalities=gdf["fatalities"].astype(str)))
    with pytest.raises(ValidationError, match="EPSG:4326"):
        validate_events_gdf(gdf.set_crs(3857, allow_override=True))
    with pytest.raises(ValidationError, match="index"):
        validate_events_gdf(gdf.reset_index(drop=True))
    with pytest.raises(ValidationError, match="lacks columns: notes"):
        validate_events_gdf(gdf.drop(columns="notes"))
    with pytest.raises(ValidationError, match="GeoDataFrame"):
        validate_events_gdf(gdf.to_dict())
    with pytest.raises(ValidationError, match="not unique"):
        validate_events_gdf(events_to_gdf([sample_events()[0]] * 2))
