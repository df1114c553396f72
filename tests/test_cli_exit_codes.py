"""The INSTALLED ``geomap`` console script, run as a subprocess: the README's exit codes.

CliRunner calls the click group directly and never sees what ``geomap.cli.main`` hands
the shell, so these tests run the real entry point (``.venv/bin/geomap``) with this
checkout first on ``PYTHONPATH``: 0 success, 1 error, 2 usage error, 3 partial success,
130 interrupted.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.settings import Settings

from ._signals import signalled_build
from .conftest import ROOT, SEEDS

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(
        not (Path(sys.executable).parent / "geomap").exists(),
        reason="the geomap console script is not installed next to this Python",
    ),
]

GEOMAP = Path(sys.executable).parent / "geomap"
SUPERSCRIPT_ARTICLE = "² drone strike killed 9 people in Kharkiv on Monday.\n"


@pytest.fixture(scope="module")
def cache(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder for this module's runs, reusing the session's built gazetteer."""
    from geomap.gazetteer import load_gazetteer

    load_gazetteer(settings).close()
    folder = tmp_path_factory.mktemp("exit-codes-cache")
    (folder / "gazetteer.sqlite").symlink_to(settings.gazetteer_path)
    return folder


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _run(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GEOMAP), "--cache-dir", str(cache), *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_console_script_runs_this_checkout() -> None:
    code = "import geomap, sys; sys.stdout.write(geomap.__file__)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=_env(), capture_output=True, text=True, check=True
    )
    assert Path(out.stdout).resolve() == (ROOT / "geomap" / "__init__.py").resolve()
    with GEOMAP.open(encoding="utf-8") as fh:
        assert fh.readline().strip() == f"#!{sys.executable}"


def test_exit_0_good_seed_and_superscript_article(cache: Path, tmp_path: Path) -> None:
    """The issue's case: one odd numeral must not lose the run (it used to be exit 1)."""
    src = tmp_path / "in"
    src.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[1]
    shutil.copy(seed, src / seed.name)
    (src / "superscript.txt").write_text(SUPERSCRIPT_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    proc = _run(cache, "build", str(src), "-o", str(out), "--format", "geojson")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "geomap: error:" not in proc.stderr
    assert (out / "conflict_map.html").stat().st_size > 0
    props = [
        f["properties"]
        for f in json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    ]
    by_article = {p["article_id"] for p in props}
    assert seed.stem in by_article
    odd = [p for p in props if p["article_id"] == "superscript"]
    # "²" is no count; "9 people" is
    assert [(p["location"], p["fatalities"]) for p in odd] == [("Kharkiv", 9)]


def test_exit_1_nothing_readable(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("not an article", encoding="utf-8")
    proc = _run(cache, "build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("geomap: error:")
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "conflict_map.html").exists()


def test_exit_1_unknown_place_lookup(cache: Path) -> None:
    proc = _run(cache, "geocode", "Qxzzyvv Nowhere")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == "geomap: error: 'Qxzzyvv Nowhere': no gazetteer entry\n"


@pytest.mark.parametrize(
    "args",
    [
        ["build"],
        ["build", "--no-such-option", "x"],
        ["no-such-command"],
        ["build", "--workers", "0", "x"],
    ],
)
def test_exit_2_usage_error(cache: Path, args: list[str]) -> None:
    proc = _run(cache, *args)
    assert proc.returncode == 2, proc.stderr
    assert "Usage:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_exit_3_good_plus_binary_file(cache: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[1]
    shutil.copy(seed, src / seed.name)
    (src / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out"
    proc = _run(cache, "build", str(src), "-o", str(out), "--format", "csv")
    assert proc.returncode == 3, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("geomap: error:")]
    assert len(errors) == 1
    assert "binary.txt" in errors[0]
    assert "binary file" in errors[0]
    assert (out / "events.csv").stat().st_size > 0
    assert (out / "conflict_map.html").stat().st_size > 0


def test_exit_0_version() -> None:
    from geomap import __version__

    proc = subprocess.run(
        [str(GEOMAP), "--version"], env=_env(), capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout == f"geomap, version {__version__}\n"


@pytest.mark.slow
def test_exit_130_on_ctrl_c(cache: Path, tmp_path: Path) -> None:
    """SIGINT during a run (as Ctrl-C sends it) is exit 130 and one line, no traceback."""
    args = ["--cache-dir", str(cache), "build", str(SEEDS), "-o", str(tmp_path / "out"),
            "--no-cache"]  # fmt: skip
    code, seen, err = signalled_build(GEOMAP, args, signal.SIGINT)
    assert code == 130, seen + err
    assert err.strip().splitlines()[-1] == "geomap: interrupted"
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "conflict_map.html").exists()


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>Front &lt;May&gt;</name><TimeStamp><when>2025-05-01</when></TimeStamp>
<LineString><coordinates>37.9,48.5 38.1,48.7</coordinates></LineString></Placemark>
</Document></kml>
"""


def test_exit_3_overlays_good_and_bad(cache: Path, tmp_path: Path) -> None:
    import geopandas
    import shapely

    src = tmp_path / "in"
    src.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[1]
    shutil.copy(seed, src / seed.name)
    areas = tmp_path / "areas.gpkg"
    geopandas.GeoDataFrame(
        {"date": ["2025-03-01", "2025-04-01"], "unit": ["A", "B"]},
        geometry=[shapely.box(37.9, 48.5, 38.0, 48.6), shapely.box(37.9, 48.5, 38.1, 48.7)],
        crs="EPSG:4326",
    ).to_crs(3857).to_file(areas, layer="control", engine="pyogrio")
    kml = tmp_path / "front.kml"
    kml.write_text(KML, encoding="utf-8")
    bad = tmp_path / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(src), "-o", str(out), "--format", "csv"]
    for overlay in (areas, kml, bad):
        args += ["--overlay", str(overlay)]
    proc = _run(cache, *args)
    assert proc.returncode == 3, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("geomap: error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"geomap: error: {bad}: cannot read overlay (")
    page = (out / "conflict_map.html").read_text(encoding="utf-8")
    data = json.loads(
        page.split('type="application/json"', 1)[1].split(">", 1)[1].split("</script>", 1)[0]
    )
    overlays = {o["name"]: o for o in data["overlays"]}
    assert set(overlays) == {"areas.gpkg", "front.kml"}
    days = sorted(f["d"] for f in overlays["areas.gpkg"]["features"])
    assert days == ["2025-03-01", "2025-04-01"]
    ring = overlays["areas.gpkg"]["features"][0]["g"]["coordinates"][0]
    # written in Web Mercator metres, read back in degrees
    assert all(37.8 < lon < 38.2 and 48.4 < lat < 48.8 for lon, lat in ring)
    (front,) = overlays["front.kml"]["features"]
    assert front["d"] == "2025-05-01"
    assert ["Name", "Front &lt;May&gt;"] in front["p"] or ["name", "Front &lt;May&gt;"] in front[
        "p"
    ]
