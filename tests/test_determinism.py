"""The same inputs give byte-identical outputs in two interpreters with different hash seeds.

Re-running in one process cannot see an order that depends on ``PYTHONHASHSEED`` (set
and dict-of-str iteration), so the build runs twice as the installed console script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.settings import Settings

from .conftest import ROOT, SEEDS

pytestmark = [pytest.mark.model, pytest.mark.slow]

GEOMAP = Path(sys.executable).parent / "geomap"


@pytest.mark.skipif(not GEOMAP.exists(), reason=f"no installed console script at {GEOMAP}")
def test_build_is_identical_across_hash_seeds(own_settings: Settings, tmp_path: Path) -> None:
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [str(GEOMAP), "-q", "--cache-dir", str(own_settings.cache_dir), "build",
             str(SEEDS), "-o", str(out), "--no-cache", "--format", "geojson",
             "--format", "csv"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    a, b = outs
    features = json.loads((a / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) >= 10  # the seeds' events, not an empty file twice
    assert (a / "events.geojson").read_bytes() == (b / "events.geojson").read_bytes()
    assert (a / "events.csv").read_bytes() == (b / "events.csv").read_bytes()

    def html(out: Path) -> str:  # folium names its elements with random uuid4 hex ids
        text = (out / "conflict_map.html").read_text(encoding="utf-8")
        return re.sub(r"[-_][0-9a-f]{32}(?![0-9a-f])", "-ID", text)

    assert html(a) == html(b)
