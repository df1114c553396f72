"""The ``geomap`` command line through click's CliRunner: exit codes, messages, files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap import __version__
from geomap.cli import cli
from geomap.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.model


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _base_args(settings: Settings) -> list[str]:
    return ["-q", "--cache-dir", str(settings.cache_dir)]


def test_version(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["--version"])
    assert res.exit_code == 0
    assert __version__ in res.output


def test_places_jsonl_offsets(runner: CliRunner, settings: Settings) -> None:
    res = runner.invoke(cli, [*_base_args(settings), "places", str(SEEDS), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    from geomap.pipeline import analyse

    _, resolved = analyse([SEEDS], settings=settings)
    assert len(lines) == len(resolved) > 50  # one line per mention, every role
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    keys = {"article", "start", "end", "text", "lat", "lon", "geonameid", "country", "level"}
    keys |= {"score", "role"}
    for ln in lines:
        rec = json.loads(ln)
        assert keys <= rec.keys()
        assert texts[rec["article"]][rec["start"] : rec["end"]] == rec["text"]
    bilo = [json.loads(ln) for ln in lines if '"Bilopillia"' in ln]
    assert bilo
    assert bilo[0]["geonameid"] == 712559


def test_geocode_command(runner: CliRunner, settings: Settings) -> None:
    res = runner.invoke(cli, [*_base_args(settings), "geocode", "Pokrovsk", "--country", "ua"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert rows
    assert {r["country"] for r in rows} == {"UA"}
    assert 704422 in {r["geonameid"] for r in rows}
    assert {r["point_source"] for r in rows if r["geonameid"] == 704422} == {"geonames"}
    res = runner.invoke(cli, [*_base_args(settings), "geocode", "Canada", "--limit", "1"])
    assert res.exit_code == 0, res.output
    (row,) = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert (row["level"], row["point_source"]) == ("country", "geonames-country-points")


def test_geocode_unknown_name_is_one_clean_line(runner: CliRunner, settings: Settings) -> None:
    res = runner.invoke(cli, [*_base_args(settings), "geocode", "Qwzxtrovka"])
    assert res.exit_code == 1
    assert res.stderr.strip().count("\n") == 0
    assert res.stderr.startswith("geomap: error: 'Qwzxtrovka'")
    assert "Traceback" not in res.output


def test_build_partial_success(runner: CliRunner, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    (src / "zz_empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    res = runner.invoke(cli, [*_base_args(settings), "build", str(src), "-o", str(out)])
    assert res.exit_code == 3, res.output
    assert "zz_empty.txt" in res.stderr
    for name in ("conflict_map.html", "events.geojson", "events.gpkg", "events.csv"):
        assert (out / name).stat().st_size > 0


@pytest.mark.model
def test_build_says_what_became_of_every_input(
    runner: CliRunner, settings: Settings, tmp_path: Path
) -> None:
    """Nothing is dropped silently: the summary counts, --report lists each input."""
    import csv

    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "date,text,link\n"
        "2024-05-02,Russian drones struck Kharkiv overnight,https://t.me/kharkiv_now/11\n"
        "2024-05-02,Drone attack on Kharkiv: fire at a warehouse,https://example.org/a\n"
        "2024-05-02,Nothing to report today,\n"
        "2024-05-02,Residents of Kharkiv queue for water,\n"
        '2024-05-02,"=HYPERLINK(""http://evil.example"")",=1+1\n',
        encoding="utf-8",
    )
    out, report = tmp_path / "out", tmp_path / "fates.csv"
    args = [*_base_args(settings), "build", str(sheet), "-o", str(out), "--report", str(report)]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert "2 articles with no place, 1 with places but no event, 1 events merged" in res.output
    with report.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = [(r["article_id"], r["status"], r["merged_into"] != "") for r in rows]
    assert got == [
        ("sheet:2", "events", False),
        ("sheet:3", "events", True),  # one strike told twice: merged into the first report
        ("sheet:4", "no place", False),
        ("sheet:5", "no event", False),
        ("sheet:6", "no place", False),
    ]
    assert rows[2]["reason"] == "no place named"
    assert rows[4]["path"].endswith("sheet.csv")
    # a cell a spreadsheet would run as a formula is neutralised
    assert rows[4]["url"] == "'=1+1"
    assert all(not v.startswith("=") for r in rows for v in r.values())


def test_build_without_articles_fails_cleanly(
    runner: CliRunner, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    out = tmp_path / "out"
    res = runner.invoke(cli, [*_base_args(settings), "build", str(tmp_path / "in"), "-o", str(out)])
    assert res.exit_code == 1
    assert res.stderr.startswith("geomap: error:")
    assert not (out / "conflict_map.html").exists()
