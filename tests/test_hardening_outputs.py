"""Regression tests of issue 33 (outputs): one set, kept when a run produced nothing, never
inside the inputs.

At 5cd5629 a run whose every article failed replaced the outputs with empty ones (exit 3);
files were renamed one by one, so an interrupt or a second build into the same folder left
a mixed set (exports of 2 events, a map of 18); SIGTERM left a hidden ``.events.gpkg.*``
folder; ``-o`` inside an input folder made the next build read ``events.csv`` back as
articles; ``--keep-text`` into the input folder rewrote the user's ``manifest.csv``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pyogrio
import pytest
from click.testing import CliRunner, Result

from geomap.cli import cli
from geomap.settings import Settings

from . import _faults
from ._signals import signalled_build
from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.model

GEOMAP = Path(sys.executable).parent / "geomap"
NAMES = ("conflict_map.html", "events.csv", "events.geojson", "events.gpkg")


def _build(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-q", "--cache-dir", str(settings.cache_dir), "build", *args])


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _event_ids(out: Path) -> dict[str, set[str]]:
    """The event ids each file of the set holds (the map: those its payload names)."""
    doc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    geojson = {f["properties"]["event_id"] for f in doc["features"]}
    gpkg = set(pyogrio.read_dataframe(out / "events.gpkg", read_geometry=False)["event_id"])
    lines = (out / "events.csv").read_text(encoding="utf-8").splitlines()[1:]
    csv_ids = {ln.split(",")[0] for ln in lines}
    html = (out / "conflict_map.html").read_text(encoding="utf-8")
    return {"geojson": geojson, "gpkg": gpkg, "csv": csv_ids, "html-has-all": {
        i for i in geojson if i in html
    }}  # fmt: skip


def _one_seed(tmp_path: Path) -> Path:
    src = tmp_path / "one"
    src.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[1]
    shutil.copy(seed, src / seed.name)
    return src


def test_a_run_where_every_article_fails_keeps_the_old_outputs(
    own_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 8: every article failing replaced the previous outputs with empty ones (exit 3)."""
    out = tmp_path / "out"
    res = _build(own_settings, str(SEEDS), "-o", str(out))
    assert res.exit_code == 0, res.output
    before = _snapshot(out)
    src = tmp_path / "bad"
    src.mkdir()
    for k in range(2):
        (src / f"bad{k}.txt").write_text(f"BOOM{k} strike on Kharkiv.", encoding="utf-8")
    _faults.install("parse", "BOOM", monkeypatch.setattr)
    res = _build(own_settings, str(src), "-o", str(out), "--no-cache")
    assert res.exit_code == 1, res.output
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("geomap: error:")]
    assert len(errors) == 3, errors  # one per article, then why nothing was written
    assert "no article could be processed" in errors[-1]
    assert _snapshot(out) == before


def test_an_interrupt_while_writing_leaves_the_old_set(
    own_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 9: SIGINT while writing left new GeoJSON/GPKG beside the old CSV and map."""
    import geomap.render

    out = tmp_path / "out"
    res = _build(own_settings, str(SEEDS), "-o", str(out))
    assert res.exit_code == 0, res.output
    before = _snapshot(out)

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(geomap.render, "save_map", interrupted)  # after the exports
    res = _build(own_settings, str(_one_seed(tmp_path)), "-o", str(out))
    assert isinstance(res.exception, KeyboardInterrupt | SystemExit), res.output
    assert _snapshot(out) == before  # the old set, nothing added (no staging left)


def test_leftovers_of_an_interrupted_write_are_cleaned(
    own_settings: Settings, tmp_path: Path
) -> None:
    """Defect 9: SIGTERM left a hidden ``.events.gpkg.XXXX`` folder behind."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".events.gpkg.abc123").mkdir()
    (out / ".events.gpkg.abc123" / "events.gpkg").write_bytes(b"half")
    (out / ".geomap-new-xyz").mkdir()
    (out / ".geomap-new-xyz" / "events.csv").write_text("half", encoding="utf-8")
    (out / "notes.md").write_text("the user's own file", encoding="utf-8")
    res = _build(own_settings, str(_one_seed(tmp_path)), "-o", str(out))
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == sorted([*NAMES, "notes.md"])


def test_a_complete_staged_set_is_swapped_in_by_the_next_run(tmp_path: Path) -> None:
    """A SIGKILL in the middle of the renames: the next build finishes them first."""
    from geomap._outputs import output_set

    out = tmp_path / "out"
    out.mkdir()
    (out / "events.csv").write_text("old", encoding="utf-8")
    (out / "conflict_map.html").write_text("old", encoding="utf-8")
    swap = out / ".geomap-swap-k1"
    swap.mkdir()
    (swap / "events.csv").write_text("new", encoding="utf-8")  # the map was already moved
    with output_set(out, names=NAMES):
        assert (out / "events.csv").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in out.iterdir()) == ["conflict_map.html", "events.csv"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_two_builds_into_one_folder_never_mix(
    own_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 9: two builds into one folder ended with exports of 2 events and a map of 18.

    This build pauses between writing its exports and its map while a second build (a
    process of its own) runs into the same folder; the set left is one build's, whole.
    """
    import geomap.render

    out = tmp_path / "out"
    other = _one_seed(tmp_path)
    real_save = geomap.render.save_map
    seen: list[str] = []

    def save_after_the_other_build(*args: Any, **kwargs: Any) -> Any:
        proc = subprocess.Popen(
            [str(GEOMAP), "--cache-dir", str(own_settings.cache_dir), "build", str(other),
             "-o", str(out)],
            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert proc.stderr is not None

        def watch() -> None:  # the other build ends, or waits for this one's lock
            for line in proc.stderr:
                seen.append(line)
                if "waiting for it" in line:
                    return

        t = threading.Thread(target=watch, daemon=True)
        t.start()
        t.join(timeout=300)
        monkeypatch.setattr(sys.modules[__name__], "_other", proc, raising=False)
        return real_save(*args, **kwargs)

    monkeypatch.setattr(geomap.render, "save_map", save_after_the_other_build)
    res = _build(own_settings, str(SEEDS), "-o", str(out))
    assert res.exit_code == 0, res.output
    proc = _other
    _, rest = proc.communicate(timeout=300)
    seen.append(rest)
    assert proc.returncode == 0, "".join(seen)
    ids = _event_ids(out)
    assert ids["geojson"] == ids["gpkg"] == ids["csv"] == ids["html-has-all"], ids
    assert any("another geomap build is writing here" in ln for ln in seen)
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)


_other: Any = None


# --------------------------------------------------------------------------- inside inputs


def _run(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GEOMAP), "--cache-dir", str(settings.cache_dir), *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("where", ["in", "in/maps"])
def test_output_folder_inside_an_input_folder_is_refused(
    own_settings: Settings, tmp_path: Path, where: str
) -> None:
    """Defect 10: `-o` at the input folder made the next build read its events.csv back."""
    src = _one_seed(tmp_path)
    src.rename(tmp_path / "in")
    proc = _run(own_settings, "build", str(tmp_path / "in"), "-o", str(tmp_path / where))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1
    assert proc.stderr.startswith("geomap: error: -o ")
    assert "input folder" in proc.stderr
    assert not (tmp_path / where / "events.csv").exists()


def test_keep_text_into_an_input_folder_is_refused(own_settings: Settings, tmp_path: Path) -> None:
    """Defect 10: `--keep-text` into the input folder rewrote the user's manifest.csv."""
    src = tmp_path / "in"
    src.mkdir()
    manifest = b"file,published,source,extra\r\na.txt,2025-03-03,Wire,keep me\r\n"
    (src / "manifest.csv").write_bytes(manifest)
    (src / "a.txt").write_text("A drone strike hit Kharkiv on Monday.", encoding="utf-8")
    for command in (["build", "-o", str(tmp_path / "out")], ["places"]):
        proc = _run(own_settings, command[0], str(src), *command[1:], "--keep-text", str(src))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("geomap: error: --keep-text ")
        assert (src / "manifest.csv").read_bytes() == manifest


def test_keep_text_never_replaces_a_file_it_did_not_write(tmp_path: Path) -> None:
    from geomap._errors import GeomapError
    from geomap.ingest import write_article_texts
    from geomap.types import Article

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("the user's own notes\r\n", encoding="utf-8")
    art = Article(id="a", text="Shelling hit Kherson.")
    write_article_texts([art], texts)
    assert (texts / "a.txt").read_bytes() == b"the user's own notes\r\n"
    assert (texts / "a-2.txt").read_text(encoding="utf-8") == "Shelling hit Kherson."
    write_article_texts([art], texts)  # its own files are replaced: same names again
    assert sorted(p.name for p in texts.iterdir()) == ["a-2.txt", "a.txt", "manifest.csv"]
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "manifest.csv").write_text("file,published,source,extra\n", encoding="utf-8")
    with pytest.raises(GeomapError, match="manifest geomap did not write"):
        write_article_texts([art], theirs)
    assert (theirs / "manifest.csv").read_text(encoding="utf-8") == "file,published,source,extra\n"


# --------------------------------------------------------------------------- exit codes


def test_exit_1_and_the_old_set_when_every_article_fails_installed_geomap(
    own_settings: Settings, tmp_path: Path
) -> None:
    """The README's exit code for a run with no result, from the installed console script."""
    out = tmp_path / "out"
    assert (
        _run(own_settings, "-q", "build", str(_one_seed(tmp_path)), "-o", str(out)).returncode == 0
    )
    before = _snapshot(out)
    src = tmp_path / "bad"
    src.mkdir()
    (src / "bad.txt").write_text("BOOM strike on Kharkiv.", encoding="utf-8")
    site = _faults.sitecustomize_dir(tmp_path)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "GEOMAP_TEST_FAULT": "parse:BOOM",
    }
    proc = subprocess.run(
        [str(GEOMAP), "-q", "--cache-dir", str(own_settings.cache_dir), "build", str(src),
         "-o", str(out), "--no-cache"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1].startswith("geomap: error: no article could be processed")
    assert _snapshot(out) == before


@pytest.mark.slow
def test_sigterm_is_exit_130_and_leaves_the_old_set(own_settings: Settings, tmp_path: Path) -> None:
    """SIGTERM unwinds like Ctrl-C: exit 130, one line, the old set, no staging left."""
    import signal

    out = tmp_path / "out"
    assert (
        _run(own_settings, "-q", "build", str(_one_seed(tmp_path)), "-o", str(out)).returncode == 0
    )
    before = _snapshot(out)
    args = ["--cache-dir", str(own_settings.cache_dir), "build", str(SEEDS), "-o", str(out),
            "--no-cache"]  # fmt: skip
    code, seen, err = signalled_build(GEOMAP, args, signal.SIGTERM)
    assert code == 130, seen + err
    assert err.strip().splitlines()[-1] == "geomap: interrupted"
    assert "Traceback" not in err
    assert _snapshot(out) == before
