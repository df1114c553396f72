"""Robustness and security of ``geomap build``: bad inputs, hostile text, path escapes,
atomic outputs, the offline guarantee, and a hypothesis fuzz of the per-article stages."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from geomap.cli import cli
from geomap.settings import Settings

from .conftest import SEEDS

pytestmark = pytest.mark.model

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }} {% raw %}"


def _build(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-q", "--cache-dir", str(settings.cache_dir), "build", *args])


def _error_lines(res: Result) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.startswith("geomap: error:")]


# --------------------------------------------------------------------------- bad inputs


def test_bad_inputs_are_one_line_each_and_the_rest_is_built(
    own_settings: Settings, tmp_path: Path
) -> None:
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    manifest = (src / "manifest.csv").read_text(encoding="utf-8").splitlines()
    first = manifest[1].split(",")[0]
    manifest[1] = manifest[1].replace(manifest[1].split(",")[1], "2025-13-45")
    manifest.append("ghost.txt,2025-05-01,Nowhere")
    (src / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (src / "latin1.txt").write_bytes("Kyiv caf\xe9 strike".encode("latin-1"))
    utf16 = "A drone struck Kharkiv on Monday, officials said.\n"
    (src / "utf16.txt").write_bytes(b"\xff\xfe" + utf16.encode("utf-16-le"))
    with (src / "huge.txt").open("wb") as fh:  # sparse: 50 MB + 1 byte, no disk used
        fh.truncate(50 * 1024 * 1024 + 1)
    good = {"id": "jl-ok", "text": "Shelling hit Kherson on Tuesday.", "published": "2025-06-03"}
    (src / "feed.jsonl").write_text(
        json.dumps(good) + "\n{broken json\n" + json.dumps({"id": "jl-2"}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    res = _build(own_settings, str(src), "-o", str(out), "--format", "geojson")
    assert res.exit_code == 3, res.output
    errors = _error_lines(res)
    expected = {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "latin1.txt": "invalid UTF-8",
        "huge.txt": "file too large",
        "feed.jsonl line 2": "invalid JSON",
        "feed.jsonl line 3": "'text' must be a string",
        "ghost.txt": "does not exist",
        f"bad published date for {first}": "",
    }
    for name, problem in expected.items():
        hits = [e for e in errors if name in e and problem in e]
        assert len(hits) == 1, (name, errors)
    assert "Traceback" not in res.output
    # the five seeds, the UTF-16 article and the good JSON line were processed
    assert res.stdout.strip().splitlines()[-1].startswith("7 articles"), res.stdout
    assert (out / "events.geojson").stat().st_size > 0
    assert (out / "conflict_map.html").stat().st_size > 0


def test_total_failure_is_exit_1_and_one_line(own_settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.md").write_text("not an article", encoding="utf-8")
    res = _build(own_settings, str(empty), "-o", str(tmp_path / "out"))
    assert res.exit_code == 1
    assert len(_error_lines(res)) >= 1
    assert "no articles" in res.stderr
    assert not (tmp_path / "out" / "conflict_map.html").exists()


def test_unusable_output_folder_is_one_clean_line(own_settings: Settings, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    res = _build(own_settings, str(SEEDS), "-o", str(blocker / "maps"))
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("geomap: error:")
    assert "a-file" in lines[0]


# --------------------------------------------------------------------------- hostile text


def _hostile_corpus(tmp_path: Path) -> Path:
    src = tmp_path / "hostile"
    src.mkdir()
    rec = {
        "id": "../../../escape",
        "title": f"Strike {HOSTILE}",
        "source": f"Wire {HOSTILE}",
        "url": "javascript:alert(3)",
        "published": "2025-05-17",
        "text": (
            f"A Russian drone strike on Bilopillia in Sumy region killed nine people {HOSTILE}, "
            "officials said.\n\nShelling hit Kherson on Tuesday, injuring two people "
            "{{ config }}.\n"
        ),
    }
    (src / "feed.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return src


def test_hostile_text_is_escaped_and_stays_in_the_output_folder(
    own_settings: Settings, tmp_path: Path
) -> None:
    src = _hostile_corpus(tmp_path)
    before = {p for p in tmp_path.rglob("*") if "cache" not in p.parts}
    out = tmp_path / "out"
    res = _build(own_settings, str(src), "-o", str(out))
    assert res.exit_code == 0, res.output
    after = {p for p in tmp_path.rglob("*") if "cache" not in p.parts}
    assert {p.relative_to(out) for p in after - before if p != out} == {
        Path(n) for n in ("conflict_map.html", "events.geojson", "events.gpkg", "events.csv")
    }
    html = (out / "conflict_map.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "javascript:alert(3)" not in html
    assert "49" not in html.split("{{ 7*7 }}")[0][-200:]  # not rendered by a template engine
    feats = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert any(HOSTILE in f["properties"]["notes"] for f in feats)  # kept as data, verbatim


@pytest.mark.browser
def test_hostile_text_runs_nothing_in_the_browser(
    own_settings: Settings, tmp_path: Path, browser: Any
) -> None:
    from geomap.render.inline import local_asset

    # XStatic-Leaflet is a dependency: a missing local copy is a broken install, not a skip
    assert local_asset("leaflet", "leaflet.js") is not None
    out = tmp_path / "out"
    res = _build(own_settings, str(_hostile_corpus(tmp_path)), "-o", str(out))
    assert res.exit_code == 0, res.output
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.route(lambda url: not url.startswith(("file:", "data:")), lambda route: route.abort())
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((out / "conflict_map.html").as_uri())
    page.wait_for_function("window.geomap !== undefined")
    assert int(page.evaluate("window.geomap.countVisible()")) >= 1
    item = page.query_selector(".gm-list li")
    assert item is not None
    item.click()
    popup = page.wait_for_selector(".leaflet-popup-content")
    text = popup.inner_text()
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }}" in text
    assert popup.query_selector("script") is None
    assert popup.query_selector("img") is None
    page.wait_for_timeout(300)
    assert dialogs == []
    assert errors == []
    context.close()


# --------------------------------------------------------------------------- atomic outputs


def test_crash_mid_write_keeps_the_previous_map(
    own_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    res = _build(own_settings, str(SEEDS), "-o", str(out))
    assert res.exit_code == 0, res.output
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    (src / "000_ba34a8c6a71a56a0.txt").unlink()
    real_replace = os.replace

    def crash(a: Any, b: Any) -> None:
        if Path(b).parent == out:
            raise OSError(5, "Input/output error (simulated crash)", str(b))
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", crash)
    res = _build(own_settings, str(src), "-o", str(out))
    monkeypatch.undo()
    assert res.exit_code == 1
    assert res.stderr.startswith("geomap: error:")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old  # intact, no temp files


def test_map_name_cannot_escape(own_settings: Settings, tmp_path: Path) -> None:
    from geomap._errors import GeomapError
    from geomap.pipeline import BuildOptions, run_pipeline

    with pytest.raises(GeomapError, match="plain file name"):
        run_pipeline(
            [SEEDS],
            tmp_path / "out",
            settings=own_settings,
            options=BuildOptions(map_name="../x.html"),
        )
    assert not (tmp_path / "x.html").exists()


# --------------------------------------------------------------------------- offline


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        attempts.append(args[1:] if args else kwargs)
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_build_makes_no_network_connection(
    own_settings: Settings, tmp_path: Path, no_network: list[object]
) -> None:
    src = _hostile_corpus(tmp_path)
    shutil.copytree(SEEDS, src / "seeds")
    res = _build(own_settings, str(src), str(src / "seeds"), "-o", str(tmp_path / "out"))
    assert res.exit_code == 0, res.output
    assert no_network == []


# --------------------------------------------------------------------------- fuzz

_PIECES = st.sampled_from(
    [
        "Bilopillia",
        "Sumy region",
        "Kyiv",
        " drone strike killed 9 people ",
        "the villages of Zelenyi Hai and Novoselivka west of the town of Sudzha",
        "Mr Kharkiv",
        "\u202eevil\u202c",
        "كييف",
        "קייב",
        "🚀💥🇺🇦",
        "\x07\x1b[31m\x7f",
        "\u200b\u200d\ufeff",
        "x" * 3000,
        "Ukraine's",
        "\n\n",
        "{{ 7*7 }}",
        "<script>",
    ]
)
_TEXT = st.lists(
    st.one_of(
        _PIECES,
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=80,
        ),
    ),
    min_size=1,
    max_size=12,
).map("".join)


@hyp_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=_TEXT)
def test_fuzz_per_article_stages_never_raise_and_keep_offsets(
    text: str, settings: Settings, gazetteer: Any
) -> None:
    from geomap._errors import InputError
    from geomap.events import build_events
    from geomap.geocode import geocode_mentions
    from geomap.ingest import decode_text, find_boilerplate
    from geomap.places import parse_articles
    from geomap.types import Article

    try:
        decoded = decode_text(text.encode("utf-8"), name="fuzz.txt")
    except InputError:
        return  # empty or whitespace-only: reported by ingest, never parsed
    article = Article(id="fuzz", text=decoded, skip_spans=find_boilerplate(decoded))
    parsed = parse_articles([article], settings=settings, gazetteer=gazetteer)
    resolved = geocode_mentions(parsed, gazetteer, settings=settings)
    events = build_events(parsed, resolved, settings=settings)
    for m in parsed[0].mentions:
        assert decoded[m.start : m.end] == m.text
        assert 0 <= m.sentence_start <= m.start <= m.end <= m.sentence_end <= len(decoded)
    assert len(resolved) == len(parsed[0].mentions)
    for ev in events:
        assert 0 <= ev.quote_start <= ev.quote_end <= len(decoded)
