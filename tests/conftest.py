"""Shared fixtures: real settings, the real gazetteer cache, the real model, headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geomap.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
#: The project's own hand-coded gold for the seeds.
SEEDS_GOLD = ROOT / "eval" / "seeds_gold.json"
#: A made-up corpus in TR-News' XML format (the real one is GPL-3.0 and stays out).
TRNEWS_MINI = DATA / "eval" / "trnews_mini.xml"
#: Evaluation sets kept outside the project ($GEOMAP_EVAL_DIR); tests of them skip without it.
EVAL_DIR = Path(os.environ["GEOMAP_EVAL_DIR"]) if os.environ.get("GEOMAP_EVAL_DIR") else None
TRNEWS = EVAL_DIR / "TR-News.xml" if EVAL_DIR is not None else None
needs_trnews = pytest.mark.skipif(
    TRNEWS is None or not TRNEWS.is_file(),
    reason="the real TR-News corpus: set $GEOMAP_EVAL_DIR to the folder holding TR-News.xml",
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """Cache folder shared by the whole test session (the gazetteer is built once per checkout)."""
    path = Path(os.environ.get("GEOMAP_TEST_CACHE_DIR", ROOT / ".cache" / "test"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def settings(cache_dir: Path) -> Settings:
    """Default settings pointing at the project's gazetteer sources and the test cache."""
    return Settings(cache_dir=cache_dir, progress=False)


@pytest.fixture(scope="session")
def gazetteer(settings: Settings) -> Iterator[Any]:
    """The real gazetteer, built from ``gazetteer/`` on first use."""
    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer(settings)
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright; skipped off CI when not installed."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"chromium not found at {CHROMIUM}; .ci/run must install it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def own_settings(settings: Settings, tmp_path: Path) -> Settings:
    """A private cache folder reusing the session's built gazetteer."""
    from geomap.gazetteer import load_gazetteer

    load_gazetteer(settings).close()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "gazetteer.sqlite").symlink_to(settings.gazetteer_path)
    return replace(settings, cache_dir=cache)


@pytest.fixture(scope="module")
def private_settings(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A module's own cache folder (no per-article cache shared with other modules), reusing
    the session's built gazetteer."""
    from geomap.gazetteer import load_gazetteer

    load_gazetteer(settings).close()
    cache = tmp_path_factory.mktemp("private-cache")
    (cache / "gazetteer.sqlite").symlink_to(settings.gazetteer_path)
    return replace(settings, cache_dir=cache)


# --------------------------------------------------------------------------- browser skips

#: When set (``.ci/run`` sets it), a skipped browser test fails the run.
REQUIRE_BROWSER = bool(os.environ.get("GEOMAP_REQUIRE_BROWSER"))
_BROWSER_SKIPS: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note every browser test that was skipped (a missing Chromium skips them all)."""
    if report.skipped and "browser" in report.keywords:
        _BROWSER_SKIPS.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With ``$GEOMAP_REQUIRE_BROWSER``, skipped browser tests turn a green run red."""
    if _BROWSER_SKIPS and REQUIRE_BROWSER and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    """A loud last line, after pytest's own counts, when browser tests did not run."""
    terminalreporter = config.pluginmanager.get_plugin("terminalreporter")
    if not _BROWSER_SKIPS or terminalreporter is None:
        return
    n = len(_BROWSER_SKIPS)
    verdict = "FAILING the run ($GEOMAP_REQUIRE_BROWSER)" if REQUIRE_BROWSER else "NOT checked"
    terminalreporter.write_sep(
        "!",
        f"BROWSER TESTS SKIPPED: {n} browser test{'s' * (n != 1)} did not run; the map in "
        f"Chromium is {verdict} (install chromium: apt-get install chromium)",
        red=True,
        bold=True,
    )
