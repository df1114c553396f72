"""Pipeline glue: incremental builds (article cache); 1 process, 2 processes and Dask agree."""

from __future__ import annotations

import gc
import json
import pickle
import shutil
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap._cache import ArticleCache, article_key, pipeline_version
from geomap.cli import cli
from geomap.events import build_events
from geomap.pipeline import BuildOptions, analyse, run_pipeline
from geomap.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.model


def _features(path: Path) -> list[dict[str, Any]]:
    data = json.loads((path / "events.geojson").read_text(encoding="utf-8"))
    return list(data["features"])


def _copy_seeds(dst: Path) -> Path:
    shutil.copytree(SEEDS, dst)
    return dst


def test_streamed_events_equal_build_events(own_settings: Settings, tmp_path: Path) -> None:
    """The pipeline's per-article coding + one dedup gives exactly build_events' records."""
    before = gc.get_threshold()
    parsed, resolved = analyse([SEEDS], settings=own_settings, cache=False)
    # the run's garbage-collector settings are undone
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
    expected = build_events(parsed, resolved, settings=own_settings)
    summary = run_pipeline(
        [SEEDS], tmp_path / "out", settings=own_settings, options=BuildOptions(cache=False)
    )
    got = _features(tmp_path / "out")
    assert summary.events == len(expected) == len(got) > 0
    assert [f["properties"]["event_id"] for f in got] == [e.event_id for e in expected]


def test_incremental_build_reprocesses_only_the_changed_article(
    own_settings: Settings, tmp_path: Path
) -> None:
    src = _copy_seeds(tmp_path / "in")
    cold = run_pipeline([src], tmp_path / "a", settings=own_settings)
    assert (cold.processed, cold.cached) == (5, 0)
    warm = run_pipeline([src], tmp_path / "b", settings=own_settings)
    assert (warm.processed, warm.cached) == (0, 5)
    assert _features(tmp_path / "a") == _features(tmp_path / "b")

    one = sorted(src.glob("*.txt"))[2]
    one.write_text(one.read_text(encoding="utf-8") + "\nA drone hit Kharkiv.\n", encoding="utf-8")
    again = run_pipeline([src], tmp_path / "c", settings=own_settings)
    assert (again.processed, again.cached) == (1, 4)

    # the same texts read from another folder are still cache hits
    moved = shutil.copytree(src, tmp_path / "moved")
    hits = run_pipeline([moved], tmp_path / "d", settings=own_settings)
    assert (hits.processed, hits.cached) == (0, 5)
    assert _features(tmp_path / "c") == _features(tmp_path / "d")


def test_cache_key_follows_settings_and_gazetteer(own_settings: Settings) -> None:
    meta = {"builder_version": "8", "built_at": "2026-01-01T00:00:00Z"}
    v = pipeline_version(own_settings, meta)
    assert v == pipeline_version(replace(own_settings, progress=True, dedup_km=9.0), meta)
    assert v != pipeline_version(replace(own_settings, conflict_prior=2.0), meta)
    assert v != pipeline_version(replace(own_settings, model="en_core_web_md"), meta)
    assert v != pipeline_version(own_settings, {**meta, "built_at": "2026-01-02T00:00:00Z"})


def _corrupt(paths: list[Path]) -> None:
    paths[0].write_bytes(paths[0].read_bytes()[:100])  # truncated
    paths[1].write_bytes(b"not a pickle at all")
    paths[2].write_bytes(paths[3].read_bytes())  # another article's result


def test_corrupt_or_foreign_cache_entries_are_recomputed(
    own_settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    src = _copy_seeds(tmp_path / "in")
    run_pipeline([src], tmp_path / "a", settings=own_settings)
    root = own_settings.cache_dir / "articles"

    def entries() -> tuple[list[Path], list[Path]]:
        small = sorted(root.rglob("*.events.msgpack"))
        return small, sorted(p for p in root.rglob("*.parse.msgpack") if p not in small)

    def warnings_of(inputs: Path, out: str) -> tuple[tuple[int, int], int]:
        caplog.clear()
        with caplog.at_level("INFO", logger="geomap._cache"):
            summary = run_pipeline([inputs], tmp_path / out, settings=own_settings)
        n = len([r for r in caplog.records if "discarding cache entry" in r.getMessage()])
        return (summary.processed, summary.cached), n

    # a build stores each article's events entry, not its parse
    small, big = entries()
    assert (len(small), len(big)) == (5, 0)
    # bad events entries (and no parse to fall back on): those articles are processed again
    _corrupt(small)
    assert warnings_of(src, "b") == ((3, 2), 3)
    # `geomap places` (analyse) stores the full parses as well
    analyse([src], settings=own_settings)
    small, big = entries()
    assert (len(small), len(big)) == (5, 5)
    # bad events entries next to good parse entries: events re-coded, nothing re-parsed
    _corrupt(small)
    assert warnings_of(src, "c") == ((0, 5), 3)
    # bad parse entries and no events entries: those articles are processed again
    _corrupt(big)
    for p in root.rglob("*.events.msgpack"):
        p.unlink()
    assert warnings_of(src, "d") == ((3, 2), 3)
    assert all(_features(tmp_path / "a") == _features(tmp_path / x) for x in "bcd")
    # repaired: the next run is all hits
    assert run_pipeline([src], tmp_path / "e", settings=own_settings).cached == 5
    assert not list(root.rglob(".tmp-*"))


def test_cache_write_is_atomic(
    own_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash while storing an entry leaves no entry and no temp file; the run goes on."""
    from geomap.ingest import read_articles

    article = read_articles([SEEDS])[0]
    parsed, resolved = analyse(
        [SEEDS / Path(article.path).name], settings=own_settings, cache=False
    )
    store = ArticleCache(tmp_path / "articles", "v")

    def boom(self: Path, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", boom)
    store.put(article, parsed[0], resolved)
    monkeypatch.undo()
    assert store.get(article) is None
    files = [p for p in (tmp_path / "articles").rglob("*") if p.is_file()]
    assert files == [tmp_path / "articles" / "key"]  # the folder's secret, no entry
    store.put(article, parsed[0], resolved)
    got = store.get(article)
    assert got is not None
    assert got[0] == parsed[0]
    assert got[1] == resolved
    assert article_key(article) == article_key(replace(article, path="elsewhere.txt"))
    assert article_key(article) != article_key(replace(article, title="other"))
    # worker processes get the cache by pickle, with its choice of entries
    for parses in (True, False):
        blob = pickle.dumps(ArticleCache(tmp_path / "x", "v", parses=parses))
        sent = pickle.loads(blob)  # noqa: S301  (our own bytes)
        assert (sent.folder, sent.parses) == (tmp_path / "x" / "v", parses)


def test_no_cache_option_neither_reads_nor_writes(own_settings: Settings, tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli,
        [
            "-q",
            "--cache-dir",
            str(own_settings.cache_dir),
            "build",
            str(SEEDS),
            "-o",
            str(tmp_path / "out"),
            "--no-cache",
            "--format",
            "geojson",
        ],
    )
    assert res.exit_code == 0, res.output
    assert not (own_settings.cache_dir / "articles").exists()  # writes nothing
    # ...and reads nothing: after a cached run, a --no-cache run processes every article
    # and leaves the cache exactly as it was
    warm = run_pipeline(
        [SEEDS], tmp_path / "a", settings=own_settings, options=BuildOptions(formats=("csv",))
    )
    assert (warm.processed, warm.cached) == (5, 0)
    articles = own_settings.cache_dir / "articles"

    def snapshot() -> dict[Path, tuple[int, int]]:
        return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in articles.rglob("*")}

    before = snapshot()
    assert before
    cold = run_pipeline(
        [SEEDS],
        tmp_path / "b",
        settings=own_settings,
        options=BuildOptions(formats=("csv",), cache=False),
    )
    assert (cold.processed, cold.cached) == (5, 0)
    assert snapshot() == before


@pytest.mark.slow
def test_local_processes_and_dask_write_identical_features(
    own_settings: Settings, tmp_path: Path
) -> None:
    """Seeds built in 1 process, 2 local processes and on a 2-worker Dask LocalCluster."""
    base = ["-q", "--cache-dir", str(own_settings.cache_dir), "build", str(SEEDS)]
    runs = {
        "one": ["--workers", "1"],
        "two": ["--workers", "2"],
        "dask": ["--scheduler", "dask", "--workers", "2"],
    }
    outputs = {}
    for name, opts in runs.items():
        out = tmp_path / name
        with warnings.catch_warnings():
            # distributed's LocalCluster may warn about its own start-up environment
            # (no dashboard, nanny memory limits); those are not geomap's problems
            warnings.filterwarnings("ignore", category=UserWarning, module=r"distributed\..*")
            res = CliRunner().invoke(
                cli, [*base, "-o", str(out), "--no-cache", "--format", "geojson", *opts]
            )
        assert res.exit_code == 0, res.output + repr(res.exception)
        outputs[name] = _features(out)
    assert outputs["one"]
    assert outputs["two"] == outputs["one"]
    assert outputs["dask"] == outputs["one"]


def test_chunks_cover_the_run_in_order_ending_small() -> None:
    from geomap._parallel import _chunks

    todo: list[Any] = [(i, None) for i in range(1000)]
    chunks = _chunks(todo, 64, tail=256)
    assert [x for c in chunks for x in c] == todo
    assert [len(c) for c in chunks] == [64] * 11 + [40] + [16] * 16
    assert [len(c) for c in _chunks(todo, 64)] == [64] * 15 + [40]
    assert [len(c) for c in _chunks(todo[:5], 64, tail=256)] == [5]


def test_stopping_a_pool_run_early_cancels_the_rest(own_settings: Settings, tmp_path: Path) -> None:
    import multiprocessing
    import time

    from geomap._parallel import run_chunks
    from geomap.types import Article

    text = "Russian drones struck Kharkiv and Sumy on day {}, officials said."
    todo = [(k, Article(id=f"a{k}", text=text.format(k))) for k in range(200)]
    store = ArticleCache(tmp_path / "articles", "v", parses=False)
    run = run_chunks(todo, settings=own_settings, cache=store, workers=2, keep_parse=False)
    first = next(run)
    run.close()  # the caller stops: chunks not yet started are cancelled
    deadline = time.monotonic() + 120
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not multiprocessing.active_children()
    stored = sum(store.get_events(a) is not None for _, a in todo)
    assert [r.index for r in first] == list(range(len(first)))
    assert len(first) <= stored < len(todo)


def test_long_run_gc_settings_are_scoped() -> None:
    from geomap._parallel import long_run_gc

    before = gc.get_threshold()
    inside = []

    def crash() -> None:
        with long_run_gc():
            inside.append((gc.get_freeze_count() > 0, gc.get_threshold()[0] > before[0]))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        crash()
    assert inside == [(True, True)]
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)


def test_bad_scheduler_and_workers_are_clean_errors(own_settings: Settings, tmp_path: Path) -> None:
    base = ["--cache-dir", str(own_settings.cache_dir), "build", str(SEEDS), "-o", str(tmp_path)]
    res = CliRunner().invoke(cli, [*base, "--workers", "0"])
    assert res.exit_code == 2
    res = CliRunner().invoke(cli, [*base, "--scheduler", "spark"])
    assert res.exit_code == 2
    from geomap._errors import GeomapError

    with pytest.raises(GeomapError, match="scheduler"):
        run_pipeline(
            [SEEDS], tmp_path, settings=own_settings, options=BuildOptions(scheduler="spark")
        )


def _move_entry(zip_path: Path, geonameid: int, lat: float, lon: float) -> None:
    """Rewrite one GeoNames row of ``zip_path`` with new coordinates (a changed source)."""
    import zipfile

    with zipfile.ZipFile(zip_path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    changed = 0
    for name, raw in members.items():
        if not name.endswith(".txt"):
            continue
        rows = raw.decode("utf-8").splitlines(keepends=True)
        for k, row in enumerate(rows):
            f = row.split("\t")
            if f[0] == str(geonameid):
                f[4], f[5] = f"{lat:.5f}", f"{lon:.5f}"
                rows[k] = "\t".join(f)
                changed += 1
        members[name] = "".join(rows).encode("utf-8")
    assert changed == 1
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_rebuilt_gazetteer_reprocesses_cached_articles(tmp_path: Path) -> None:
    """A gazetteer rebuilt from a changed source invalidates the per-article cache:
    the cached article is processed again and its place takes the new entry."""
    from .conftest import DATA

    src = tmp_path / "sources"
    shutil.copytree(DATA / "gaz_mini", src)
    mini = Settings(gazetteer_dir=src, cache_dir=tmp_path / "cache", progress=False)
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(
        "A missile strike hit Odesa on Tuesday, killing three people.\n", encoding="utf-8"
    )

    def odesa(out: Path) -> list[tuple[float, float]]:
        return [
            tuple(f["geometry"]["coordinates"])
            for f in _features(out)
            if f["properties"]["location"] == "Odesa"
        ]

    first = run_pipeline(
        [articles], tmp_path / "a", settings=mini, options=BuildOptions(formats=("geojson",))
    )
    assert (first.processed, first.cached) == (1, 0)
    assert odesa(tmp_path / "a") == [(30.74383, 46.48572)]
    again = run_pipeline(
        [articles], tmp_path / "b", settings=mini, options=BuildOptions(formats=("geojson",))
    )
    assert (again.processed, again.cached) == (0, 1)

    _move_entry(src / "UA.zip", 698740, 46.5, 30.7)  # the city's point moves
    moved = run_pipeline(
        [articles], tmp_path / "c", settings=mini, options=BuildOptions(formats=("geojson",))
    )
    assert (moved.processed, moved.cached) == (1, 0)
    assert odesa(tmp_path / "c") == [(30.7, 46.5)]
