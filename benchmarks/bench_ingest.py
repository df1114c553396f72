"""Benchmark the ingest stage: articles/s per input format, against reading ``.txt`` files.

Usage: .venv/bin/python benchmarks/bench_ingest.py [N]

Writes N generated articles (default 1000; web pages: N/10, they cost most) in each
format to a temporary folder — ``.txt`` + ``manifest.csv``, JSON Lines, saved web
pages, one RSS feed, one CSV, one Telegram export — then times
:func:`geomap.ingest.read_articles` on each (best of 3, after one warm-up read that
also pays the library imports) and prints articles/s and the ratio to ``.txt``.
Takes well under a minute.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.ingest import read_articles  # noqa: E402

#: Filler vocabulary (no place names: this measures reading, not geoparsing).
WORDS = re.findall(
    r"\w+",
    "shelling struck the district overnight killing civilians officials said drones artillery "
    "forces village road bridge market hospital regional governor reported wounded residents "
    "attack morning evening front line positions troops strike damaged buildings",
)


def paragraph(rng: random.Random, words: int = 60) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def article(rng: random.Random) -> tuple[str, str]:
    title = paragraph(rng, 8).rstrip(".")
    return title, "\n\n".join(paragraph(rng) for _ in range(5))


def day(i: int) -> dt.date:
    return dt.date(2025, 1, 1) + dt.timedelta(days=i % 300)


def write_txt(folder: Path, items: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "published", "source"])
        for i, (title, body) in enumerate(items):
            (folder / f"a{i:05d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
            writer.writerow([f"a{i:05d}.txt", day(i).isoformat(), "Desk"])
    return folder


def write_jsonl(folder: Path, items: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, (title, body) in enumerate(items):
            rec = {"id": f"j{i}", "text": f"{title}\n\n{body}", "published": day(i).isoformat()}
            fh.write(json.dumps(rec) + "\n")
    return path


def write_html(folder: Path, items: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    nav = "".join(f'<li><a href="/s{k}">Section {k}</a></li>' for k in range(12))
    for i, (title, body) in enumerate(items):
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        html = (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{day(i).isoformat()}T08:00:00Z">'
            f'<meta property="og:site_name" content="Bench News">'
            f'<link rel="canonical" href="https://bench.example/a/{i}"></head><body>'
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>"
            f"{paras}</article></main><footer><p>Copyright Bench News</p></footer></body></html>"
        )
        (folder / f"p{i:05d}.html").write_text(html, encoding="utf-8")
    return folder


def write_feed(folder: Path, items: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    path = folder / "feed.rss"
    entries = []
    for i, (title, body) in enumerate(items):
        when = dt.datetime.combine(day(i), dt.time(8), tzinfo=dt.UTC)
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        entries.append(
            f"<item><title>{title}</title><link>https://bench.example/f/{i}</link>"
            f"<pubDate>{format_datetime(when)}</pubDate>"
            f"<description><![CDATA[{paras}]]></description></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Bench Feed</title>{''.join(entries)}</channel></rss>",
        encoding="utf-8",
    )
    return path


def write_csv(folder: Path, items: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    path = folder / "reports.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["entry", "date", "text", "link"])
        for i, (title, body) in enumerate(items):
            writer.writerow([f"R{i}", day(i).isoformat(), f"{title}\n\n{body}", f"u{i}"])
    return path


def write_telegram(folder: Path, items: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    path = folder / "result.json"
    messages = []
    for i, (title, body) in enumerate(items):
        stamp = dt.datetime.combine(day(i), dt.time(8)).isoformat()
        entities = [{"type": "bold", "text": title}, {"type": "plain", "text": f"\n\n{body}"}]
        messages.append(
            {"id": i + 1, "type": "message", "date": stamp, "text": entities,
             "text_entities": entities}
        )  # fmt: skip
    data = {"name": "Bench", "type": "public_channel", "id": 42, "messages": messages}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def best_rate(path: Path, expected: int) -> float:
    errors: list[object] = []
    got = read_articles([path], on_error=errors.append)  # warm-up (imports, page cache)
    if len(got) != expected or errors:
        msg = f"read {len(got)} of {expected} articles; errors: {errors[:3]}"
        raise SystemExit(msg)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        read_articles([path], on_error=errors.append)
        best = min(best, time.perf_counter() - t0)
    return expected / best


def main() -> None:
    import logging

    logging.getLogger("geomap").setLevel(logging.ERROR)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(18)
    items = [article(rng) for _ in range(n)]
    writers: list[tuple[str, Callable[[Path, list[tuple[str, str]]], Path], int]] = [
        ("txt + manifest", write_txt, n),
        ("jsonl", write_jsonl, n),
        ("csv", write_csv, n),
        ("telegram json", write_telegram, n),
        ("rss feed", write_feed, n),
        ("html pages", write_html, max(1, n // 10)),
    ]
    print(f"{n} generated articles of ~{len(items[0][1].split())} words")
    print(f"{'format':<16}{'articles':>10}{'articles/s':>14}{'vs .txt':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        base = 0.0
        for k, (label, writer, count) in enumerate(writers):
            path = writer(Path(tmp) / f"in{k}", items[:count])
            rate = best_rate(path, count)
            base = base or rate
            print(f"{label:<16}{count:>10}{rate:>14,.0f}{rate / base:>10.2f}")


if __name__ == "__main__":
    main()
