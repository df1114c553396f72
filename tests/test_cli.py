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


def test_build_without_articles_fails_cleanly(
    runner: CliRunner, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    out = tmp_path / "out"
    res = runner.invoke(cli, [*_base_args(settings), "build", str(tmp_path / "in"), "-o", str(out)])
    assert res.exit_code == 1
    assert res.stderr.startswith("geomap: error:")
    assert not (out / "conflict_map.html").exists()
