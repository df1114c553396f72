"""Regression tests of issue 33 (gazetteer cache): damage inside row data is found and rebuilt.

At 5cd5629 the open-time check read the header, the build record and the row counts:
a value changed inside a row went unnoticed (wrong places, or every article failing with
"internal error (DatabaseError: malformed)"), and ``geomap gazetteer info`` printed a
traceback. The cache's sha256 is now recorded at build time and compared on open.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.gazetteer import check_gazetteer, load_gazetteer
from geomap.settings import Settings

from .conftest import DATA


@pytest.fixture
def mini(tmp_path: Path) -> Settings:
    src = tmp_path / "sources"
    shutil.copytree(DATA / "gaz_mini", src)
    settings = Settings(gazetteer_dir=src, cache_dir=tmp_path / "cache", progress=False)
    load_gazetteer(settings).close()
    return settings


def _rename_in_rows(path: Path) -> None:
    """Change a value inside the rows, keeping SQLite's structure intact."""
    data = path.read_bytes()
    assert data.count(b"Kursk") > 10
    path.write_bytes(data.replace(b"Kursk", b"Kurzk"))


def _break_a_page(path: Path) -> None:
    """Overwrite a b-tree page header of the entries table (the row counts still read)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[3 * page + 8 : 3 * page + 16] = b"\xff" * 8
    path.write_bytes(bytes(data))


def test_value_changed_inside_a_row_is_found_and_rebuilt(mini: Settings) -> None:
    """Defect 7: corruption inside row data went undetected (the check counted rows)."""
    _rename_in_rows(mini.gazetteer_path)
    problem = check_gazetteer(mini)
    assert problem is not None
    assert problem.startswith("corrupt (checksum mismatch")
    with load_gazetteer(mini) as gaz:
        assert {e.geonameid for e in gaz.lookup("Kursk region")} == {538555}
    assert check_gazetteer(mini) is None


def test_unchanged_cache_is_not_hashed_again(
    mini: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geomap.gazetteer import integrity

    calls: list[Path] = []
    real = integrity._sha256
    monkeypatch.setattr(integrity, "_sha256", lambda p: calls.append(p) or real(p))
    assert check_gazetteer(mini) is None
    assert calls == []  # identity unchanged since the build: no hashing
    assert check_gazetteer(mini, full=True) is None
    assert len(calls) == 1


def _info(settings: Settings, *args: str) -> object:
    return CliRunner(env={"GEOMAP_GAZETTEER_DIR": str(settings.gazetteer_dir)}).invoke(
        cli, ["--cache-dir", str(settings.cache_dir), "gazetteer", "info", *args]
    )


def test_gazetteer_info_reports_damage_never_a_traceback(mini: Settings) -> None:
    """Defect 7: `geomap gazetteer info` printed a traceback on a malformed cache."""
    _break_a_page(mini.gazetteer_path)
    res = _info(mini, "--no-build")
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output
    assert "corrupt" in res.output
    assert "run `geomap gazetteer build`" in res.output
    res = _info(mini)  # --build (the default): rebuilt, then described
    assert res.exit_code == 0, res.output
    assert "entries:" in res.output
    assert check_gazetteer(mini, full=True) is None
