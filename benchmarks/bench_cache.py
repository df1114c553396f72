"""Benchmark the per-article cache (issue 33): write and read cost per article.

Usage::

    .venv/bin/python benchmarks/bench_cache.py              # seeds + 300 short reports
    .venv/bin/python benchmarks/bench_cache.py --reports 1000

The articles are parsed and geocoded once (real model, real gazetteer), then the cache's
own API is timed, best of ``--repeat`` rounds, on a fresh folder each round: ``store``
(a build's events entry) and ``get_events`` (a warm build's read), and ``put``/``get``
(the full parse entry ``geomap places`` keeps). Printed per article in microseconds, with
the per-article cost of parsing + geocoding measured in the same run as the baseline the
cache must stay small against (an incremental rebuild of 1 article in 300 may cost at
most 5% of a cold build). The short reports are 1-3 sentences recombined from ``seeds/``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.settings import Settings  # noqa: E402

SEEDS = ROOT / "seeds"
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def short_reports(n: int, *, seed: int = 33) -> list[Any]:
    """``n`` short reports (1-3 sentences of the seeds), as articles."""
    import datetime as dt

    from geomap.types import Article

    pool = [
        " ".join(s.split())
        for p in sorted(SEEDS.glob("*.txt"))
        for para in p.read_text(encoding="utf-8").split("\n")
        for s in _SENT.split(para.strip())
        if 40 <= len(s) <= 400
    ]
    rng = random.Random(seed)
    return [
        Article(
            id=f"report-{i:04d}",
            text=" ".join(rng.sample(pool, rng.randint(1, 3))),
            published=dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(300)),
            source="bench",
        )
        for i in range(n)
    ]


def processed(articles: list[Any], settings: Settings) -> tuple[list[Any], float]:
    """Parse, geocode and code ``articles``; return the results and seconds per article."""
    from geomap._parallel import process_articles
    from geomap.events import article_events
    from geomap.gazetteer import load_gazetteer
    from geomap.places import load_model

    nlp = load_model(settings.model)
    with load_gazetteer(settings) as gaz:
        t0 = time.perf_counter()
        done = process_articles(articles, settings=settings, nlp=nlp, gazetteer=gaz)
        out = []
        for pa, rs in done:
            evs = article_events(pa, rs)
            out.append((pa.article, pa, rs, evs, sum(r.method == "unresolved" for r in rs)))
        return out, (time.perf_counter() - t0) / len(articles)


def _operations(store: Any, full: Any, results: list[Any]) -> dict[str, Any]:
    return {
        "store (events entry)": lambda: [store.store(*r) for r in results],
        "get_events": lambda: [store.get_events(r[0]) for r in results],
        "put (parse entry)": lambda: [full.put(r[0], r[1], r[2]) for r in results],
        "get (parse entry)": lambda: [full.get(r[0]) for r in results],
    }


def time_cache(results: list[Any], repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` microseconds per article of each cache operation."""
    from geomap._cache import ArticleCache

    best: dict[str, float] = {}
    for _ in range(repeat):
        folder = Path(tempfile.mkdtemp(prefix="bench-cache-"))
        try:
            store = ArticleCache(folder, "v", parses=False)
            full = ArticleCache(folder, "p", parses=True)
            timings = _operations(store, full, results)
            for name, run in timings.items():
                t0 = time.perf_counter()
                got = run()
                us = (time.perf_counter() - t0) / len(results) * 1e6
                if name.startswith("get"):
                    assert all(g is not None for g in got), name
                best[name] = min(best.get(name, us), us)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from geomap.ingest import read_articles

    settings = Settings(progress=False)
    corpora = {
        "seeds": read_articles([SEEDS]),
        f"{args.reports} short reports": short_reports(args.reports),
    }
    for label, articles in corpora.items():
        results, per_article = processed(articles, settings)
        cost = time_cache(results, args.repeat)
        print(
            f"{label}: {len(articles)} articles, "
            f"parse+geocode+events {per_article * 1e3:.1f} ms each"
        )
        for name, us in cost.items():
            print(
                f"  {name:<22} {us:8.0f} us/article  ({us / 1e6 / per_article:.2%} of processing)"
            )


if __name__ == "__main__":
    main()
