"""Benchmark one very long article (issue 33): time and peak memory of ``geomap build``.

Usage::

    .venv/bin/python benchmarks/bench_long_article.py                # 1 MB baseline, 10 MB
    .venv/bin/python benchmarks/bench_long_article.py --mb 1 2 4 10  # the curve

The article is the seeds' paragraphs repeated (with the day of each copy varied) up to
the size asked for, written as one ``.txt`` file; each size is built in a fresh
``geomap build`` process (cache off, GeoJSON only) whose wall time and peak resident
memory (``ru_maxrss`` of the child) are printed, with the time per MB against the
smallest size measured in the same run: a pass that is linear in the article's length
keeps that ratio near 1.0 (at 5cd5629 a quadratic pass made 8 MB take 249 s, and spaCy
refused anything over 1,000,000 characters). Every event's quote is checked against the
text (``text[quote_start:quote_end]``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GEOMAP = Path(sys.executable).parent / "geomap"
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_text(n_bytes: int) -> str:
    """The seeds' paragraphs repeated up to ``n_bytes`` of UTF-8."""
    paras = [
        p.strip()
        for f in sorted(SEEDS.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]
    out: list[str] = []
    size, k = 0, 0
    while size < n_bytes:
        para = paras[k % len(paras)].replace("Monday", _DAYS[(k // len(paras)) % 7])
        out.append(para)
        size += len(para.encode("utf-8")) + 2
        k += 1
    return "\n\n".join(out)


def build(path: Path, work: Path) -> tuple[float, float, int]:
    """Build ``path`` in a fresh process; return seconds, peak MB and the event count."""
    out = work / f"out-{path.stem}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(GEOMAP), "-q", "build", str(path), "-o", str(out), "--no-cache",
         "--format", "geojson"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        sys.exit(f"build of {path.name} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    text = path.read_text(encoding="utf-8")
    feats = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    for f in feats:
        p = f["properties"]
        assert text[p["quote_start"] : p["quote_end"]] == p["notes"], p["event_id"]
    # ru_maxrss of children is the largest child so far (KB on Linux)
    return seconds, max(peak, before) / 1024, len(feats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 10.0])
    args = parser.parse_args()
    sizes = sorted(args.mb)
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        work = Path(tmp)
        base: float | None = None
        for mb in sizes:
            path = work / f"long-{mb:g}mb.txt"
            path.write_text(long_text(int(mb * 1024 * 1024)), encoding="utf-8")
            seconds, peak, n = build(path, work)
            per_mb = seconds / mb
            base = per_mb if base is None else base
            print(
                f"{mb:5g} MB article: {seconds:7.1f} s ({per_mb:5.1f} s/MB, "
                f"{per_mb / base:4.2f}x the {sizes[0]:g} MB rate), peak memory {peak:7.0f} MB, "
                f"{n} events, quotes checked"
            )


if __name__ == "__main__":
    main()
