"""Fault isolation: a bug that one article triggers in a per-article stage costs that article.

The article becomes one ``geomap: error: FILE: internal error while coding events (...);
please report`` line (its traceback with ``-v``), the others are processed, the outputs
are written and the exit code is 3; in this process and in spawned worker processes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from geomap.cli import cli
from geomap.settings import Settings

from . import _faults
from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.model

MARKER = "Zqxvotnik"  # a made-up word: only the faulty article carries it
FAULTY_TEXT = f"A drone strike killed 9 people in Kharkiv on Monday.\n\nFiled by {MARKER}.\n"
GEOMAP = Path(sys.executable).parent / "geomap"


def _corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    (src / "faulty.txt").write_text(FAULTY_TEXT, encoding="utf-8")
    return src


def _features(out: Path) -> list[dict[str, Any]]:
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    return [f["properties"] for f in data["features"]]


def _error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("geomap: error:")]


def _build(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-q", "--cache-dir", str(settings.cache_dir), "build", *args])


@pytest.fixture(scope="module")
def seeds_only(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Event ids of the seeds built alone (what a run with one faulty article must keep)."""
    out = tmp_path_factory.mktemp("seeds-only")
    res = _build(settings, str(SEEDS), "-o", str(out), "--format", "geojson")
    assert res.exit_code == 0, res.output
    return sorted(p["event_id"] for p in _features(out))


def _check_partial(stderr: str, out: Path, seeds_only: list[str]) -> None:
    errors = _error_lines(stderr)
    expected = (
        f"geomap: error: {out.parent / 'in' / 'faulty.txt'}: internal error while coding "
        f"events (InjectedFaultError: {_faults.MESSAGE}); please report"
    )
    assert errors == [expected]
    assert "Traceback" not in stderr
    props = _features(out)
    assert sorted(p["event_id"] for p in props) == seeds_only
    assert all(p["article_id"] != "faulty" for p in props)
    assert (out / "conflict_map.html").stat().st_size > 0


@pytest.mark.parametrize("stage", ["parse", "geocode", "events"])
def test_fault_in_one_article_in_process(
    stage: str,
    own_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeds_only: list[str],
) -> None:
    src = _corpus(tmp_path)
    _faults.install(stage, MARKER, monkeypatch.setattr)
    out = tmp_path / "out"
    res = _build(own_settings, str(src), "-o", str(out), "--format", "geojson")
    assert res.exit_code == 3, res.output
    _check_partial(res.stderr, out, seeds_only)
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("6 articles (1 undated)"), last  # read: 6; coded: 5
    assert last.endswith(", 1 input errors"), last

    # the faulty article was not cached: once the bug is gone it is processed
    monkeypatch.undo()
    res = _build(own_settings, str(src), "-o", str(out), "--format", "geojson")
    assert res.exit_code == 0, res.output
    assert [p["location"] for p in _features(out) if p["article_id"] == "faulty"] == ["Kharkiv"]


def test_fault_traceback_is_shown_with_verbose(
    own_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _corpus(tmp_path)
    _faults.install("events", MARKER, monkeypatch.setattr)
    res = CliRunner().invoke(
        cli,
        ["-v", "--cache-dir", str(own_settings.cache_dir), "build", str(src), "-o",
         str(tmp_path / "out"), "--format", "csv"],
    )  # fmt: skip
    assert res.exit_code == 3, res.output
    assert len(_error_lines(res.stderr)) == 1
    assert "Traceback (most recent call last):" in res.stderr
    assert f"InjectedFaultError: {_faults.MESSAGE}" in res.stderr.split("Traceback")[1]


def test_fault_in_one_article_of_geomap_places(
    own_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _corpus(tmp_path)
    _faults.install("geocode", MARKER, monkeypatch.setattr)
    res = CliRunner().invoke(
        cli, ["-q", "--cache-dir", str(own_settings.cache_dir), "places", str(src)]
    )
    assert res.exit_code == 3, res.output
    assert len(_error_lines(res.stderr)) == 1
    arts = {json.loads(ln)["article"] for ln in res.stdout.splitlines()}
    assert arts == {p.stem for p in SEEDS.glob("*.txt")}


@pytest.mark.slow
@pytest.mark.skipif(not GEOMAP.exists(), reason=f"no installed console script at {GEOMAP}")
def test_fault_in_one_article_with_two_worker_processes(
    own_settings: Settings, tmp_path: Path, seeds_only: list[str]
) -> None:
    src = _corpus(tmp_path)
    site = _faults.sitecustomize_dir(tmp_path)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "GEOMAP_TEST_FAULT": f"events:{MARKER}",
    }
    out = tmp_path / "out"
    args = ["-q", "--cache-dir", str(own_settings.cache_dir), "build", str(src), "-o", str(out)]
    proc = subprocess.run(
        [str(GEOMAP), *args, "--format", "geojson", "--workers", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    _check_partial(proc.stderr, out, seeds_only)
