"""Regression tests of issue 33 (per-article cache): a damaged or planted entry is recomputed.

At 5cd5629 entries were pickles checked only for their shape: 8 overwritten header bytes
raised ``OverflowError`` on every run, about 4 in 10 single-byte changes were accepted with
altered values (fatalities 0 -> 255, a shifted latitude), and a planted pickle ran code.
Entries are now MessagePack sealed with an HMAC under the folder's own key.
"""

from __future__ import annotations

import json
import pickle
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap._cache import ArticleCache, article_key
from geomap.cli import cli
from geomap.settings import Settings
from geomap.types import Article, Event
from tests._sample_events import sample_events

from .conftest import SEEDS


def _events_article() -> tuple[Article, list[Event]]:
    events = [e for e in sample_events() if e.article_id == "seed-bilopillia"]
    return Article(id="seed-bilopillia", text="A drone attack on Bilopillia."), events


def _entry_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != "key")


def test_single_byte_changes_are_never_accepted(tmp_path: Path) -> None:
    """Defect 5: of 5,000 single-byte changes, 2,052 were accepted with altered values."""
    article, events = _events_article()
    store = ArticleCache(tmp_path / "articles", "v", parses=False)
    store.put_events(article, events, 7, 1)
    (path,) = _entry_files(tmp_path / "articles")
    good = path.read_bytes()
    assert store.get_events(article) == (events, 7, 1)
    rng = random.Random(33)
    altered = 0
    for _ in range(300):
        at = rng.randrange(len(good))
        bad = bytearray(good)
        bad[at] = (bad[at] + rng.randrange(1, 256)) % 256
        path.write_bytes(bytes(bad))
        got = store.get_events(article)
        altered += got is not None and got != (events, 7, 1)
        assert got is None, f"a change at byte {at} was accepted"
        assert not path.exists()  # discarded, to be recomputed
    assert altered == 0


def test_entry_moved_onto_another_article_is_refused(tmp_path: Path) -> None:
    article, events = _events_article()
    other = Article(id="seed-bilopillia", text="Another text, the same id.")
    store = ArticleCache(tmp_path / "articles", "v", parses=False)
    store.put_events(article, events, 7, 1)
    (path,) = _entry_files(tmp_path / "articles")
    target = path.with_name(path.name.replace(article_key(article), article_key(other)))
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, target)
    assert store.get_events(other) is None


def test_entries_of_another_cache_key_are_refused(tmp_path: Path) -> None:
    article, events = _events_article()
    store = ArticleCache(tmp_path / "articles", "v", parses=False)
    store.put_events(article, events, 7, 1)
    (tmp_path / "articles" / "key").write_bytes(b"k" * 32)  # another folder's secret
    assert ArticleCache(tmp_path / "articles", "v").get_events(article) is None


class _Plant:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_runs_nothing(tmp_path: Path) -> None:
    """Defect 5: the cache folder is a place others may write to; pickles ran code."""
    article, _ = _events_article()
    marker = tmp_path / "code-ran"
    store = ArticleCache(tmp_path / "articles", "v", parses=True)
    name = article_key(article)
    folder = tmp_path / "articles" / "v" / name[:2]
    folder.mkdir(parents=True)
    planted = pickle.dumps(_Plant(marker))
    for suffix in (".pkl", ".events.pkl", ".parse.msgpack", ".events.msgpack"):
        (folder / f"{name}{suffix}").write_bytes(planted)
    assert store.get_events(article) is None
    assert store.get(article) is None
    assert not marker.exists()


def _features(out: Path) -> list[dict[str, object]]:
    doc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    return [f["properties"] for f in doc["features"]]


@pytest.mark.model
def test_overwritten_header_bytes_are_recomputed_not_a_crash(
    own_settings: Settings, tmp_path: Path
) -> None:
    """Defect 5: 8 overwritten header bytes raised OverflowError on every run."""
    base = ["--cache-dir", str(own_settings.cache_dir), "build", str(SEEDS), "--format", "geojson"]
    res = CliRunner().invoke(cli, ["-q", *base, "-o", str(tmp_path / "a")])
    assert res.exit_code == 0, res.output
    entries = _entry_files(own_settings.cache_dir / "articles")
    assert len(entries) == 10  # each article's events and theatre votes
    for path in entries:
        data = bytearray(path.read_bytes())
        data[3:11] = b"\xff" * 8
        path.write_bytes(bytes(data))
    res = CliRunner().invoke(cli, ["-v", *base, "-o", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    assert res.stderr.count("discarding cache entry") == 10
    assert "5 articles to process, 0 from the cache" in res.stderr
    assert _features(tmp_path / "a") == _features(tmp_path / "b")
    res = CliRunner().invoke(cli, ["-v", *base, "-o", str(tmp_path / "c")])
    assert "0 articles to process, 5 from the cache" in res.stderr


def test_parse_entries_round_trip(settings: Settings, gazetteer: object, tmp_path: Path) -> None:
    from geomap.ingest import read_articles
    from geomap.pipeline import analyse

    parsed, resolved = analyse([SEEDS], settings=settings, cache=False)
    store = ArticleCache(tmp_path / "articles", "v")
    articles = read_articles([SEEDS])
    for pa in parsed:
        rs = [r for r in resolved if r.mention.article_id == pa.article.id]
        store.put(pa.article, pa, rs)
        assert store.get(pa.article) == (pa, rs)
    assert len(articles) == len(parsed)


def test_merged_and_ambiguous_events_round_trip(tmp_path: Path) -> None:
    """An event's sources and its namesakes (issue 31) come back as they were stored."""
    from dataclasses import replace

    from geomap.types import Namesake

    article, events = _events_article()
    alternatives = (
        Namesake("Ivanivka", "Kharkiv Oblast", "UA", 49.9, 36.9, 1, "village", 0.6),
        Namesake("Ivanivka", "Donetsk Oblast", "UA", 48.4, 37.8, 2, "village", 0.4),
    )
    event = replace(
        events[0],
        sources=("a", "b"),
        source_urls=("https://a.example/1", ""),
        source_names=("A", "B"),
        source_dates=("2025-03-01", ""),
        alternatives=alternatives,
    )
    store = ArticleCache(tmp_path / "articles", "v", parses=False)
    store.put_events(article, [event], 3, 0)
    got = store.get_events(article)
    assert got == ([event], 3, 0)
    assert got is not None
    assert isinstance(got[0][0].alternatives[0], Namesake)


def test_theatre_votes_are_read_back_not_recomputed(gazetteer: object, tmp_path: Path) -> None:
    """An incremental build takes each unchanged text's theatre votes from the cache."""
    from dataclasses import replace

    from geomap.stages import with_theatre
    from geomap.theatre import article_votes

    store = ArticleCache(tmp_path / "articles", "v1")
    art = Article(id="a", text="Shelling hit Nikopol and Marhanets overnight, officials said.")
    plain = with_theatre(Settings(progress=False), [art], gazetteer)  # type: ignore[arg-type]
    first = with_theatre(Settings(progress=False), [art], gazetteer, store)  # type: ignore[arg-type]
    assert first.theatre == plain.theatre
    assert "UA" in dict(plain.theatre)
    assert store.get_votes(art) == article_votes(art.text, gazetteer)
    store.put_votes(art, {("XX", "01")})  # what is stored is what counts
    again = with_theatre(Settings(progress=False), [art], gazetteer, store)  # type: ignore[arg-type]
    assert dict(again.theatre) == {"XX": 1.0, "XX.01": 1.0}
    changed = replace(art, text=art.text + " More shelling was reported in Kherson.")
    assert store.get_votes(changed) is None  # another text: another entry
