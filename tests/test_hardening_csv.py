"""Regression tests of issue 33 (export): no formula can run from a CSV geomap writes.

At 5cd5629 ``events.csv`` wrote cells from article text, source, title and url as they
were (``=HYPERLINK(...)``, ``@SUM(1+1)``, ``=cmd|'/C calc'!A0``); LibreOffice made the
link live. Text cells are now neutralised (OWASP: a single quote in front), numbers stay
numbers, and :func:`geomap.export.read_events` restores the original values.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from geomap._csvsafe import FORMULA_STARTS, neutralise_cell, restore_cell
from geomap.events.schema import FIELDS, events_to_gdf
from geomap.export import read_events, write_csv, write_geojson
from geomap.ingest import read_articles, write_article_texts
from geomap.types import Article
from tests._sample_events import sample_events

HOSTILE = {
    "notes": '=HYPERLINK("http://evil.example/","click") drone strike',
    "url": "=cmd|'/C calc'!A0",
    "title": "@SUM(1+1)",
    "source": "+1+1",
    "location": "-2+3",
    "actor1": "\tTAB",
    "actor2": "\rCR",
    "weapons": "'=already quoted",
    "trigger": "''",
}


def _hostile_gdf() -> object:
    events = sample_events()
    bad = dataclasses.replace(events[0], **HOSTILE, longitude=-77.0365, latitude=38.8951)
    return events_to_gdf([bad, *events[1:]])


def test_csv_cells_cannot_start_a_formula_and_numbers_stay_numbers(tmp_path: Path) -> None:
    """Defect 4: formula injection in events.csv."""
    path = write_csv(_hostile_gdf(), tmp_path / "events.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    text_columns = [f.name for f in FIELDS if f.kind == "str"]
    for row in rows:
        for name in text_columns:
            assert not row[name].startswith(FORMULA_STARTS), (name, row[name])
    first = rows[0]
    assert first["notes"] == "'" + HOSTILE["notes"]
    assert first["url"] == "'=cmd|'/C calc'!A0"
    assert first["title"] == "'@SUM(1+1)"
    assert first["weapons"] == "''=already quoted"
    assert float(first["longitude"]) == -77.0365  # a number, not '-77.0365
    assert first["longitude"] == "-77.0365"


def test_csv_round_trip_gives_back_the_original_values(tmp_path: Path) -> None:
    gdf = _hostile_gdf()
    back = read_events(write_csv(gdf, tmp_path / "events.csv"))
    pd.testing.assert_frame_equal(
        pd.DataFrame(back.drop(columns="geometry")), pd.DataFrame(gdf.drop(columns="geometry"))
    )
    assert back.iloc[0]["notes"] == HOSTILE["notes"]
    assert back.iloc[0]["actor2"] == "\rCR"


def test_geojson_is_written_unchanged(tmp_path: Path) -> None:
    path = write_geojson(_hostile_gdf(), tmp_path / "events.geojson")
    props = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert props["notes"] == HOSTILE["notes"]
    assert props["url"] == HOSTILE["url"]


@hyp_settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_restore_undoes_neutralise(value: str) -> None:
    safe = neutralise_cell(value)
    assert not safe.startswith(FORMULA_STARTS)
    assert restore_cell(safe) == value


def test_keep_text_manifest_is_neutralised_and_read_back(tmp_path: Path) -> None:
    art = Article(
        id="-5",
        text="Shelling hit Kherson on Tuesday.",
        source="=HYPERLINK(1)",
        url="@SUM(1)",
        title="+cmd",
    )
    manifest = write_article_texts([art], tmp_path / "texts")
    cells = manifest.read_text(encoding="utf-8").splitlines()[1].split(",")
    assert cells[0] == "'-5.txt"
    assert not any(c.startswith(FORMULA_STARTS) for c in cells)
    (back,) = read_articles([tmp_path / "texts"])
    assert (back.id, back.source, back.url, back.title) == (
        "-5",
        "=HYPERLINK(1)",
        "@SUM(1)",
        "+cmd",
    )


@pytest.mark.parametrize("value", ["=1+1", "@A1", "+1", "-1", "\t=1", "\r=1", "'=1", "''"])
def test_each_trigger_is_quoted(value: str) -> None:
    assert neutralise_cell(value) == "'" + value
