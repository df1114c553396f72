"""Regression tests of issue 33 (ingest): hostile inputs cost one error line, never the run.

Each test reproduces a defect found at 5cd5629 (deeply nested JSON, an unclosed spreadsheet
quote, a file name that is not UTF-8, a FIFO named like an article, a page nested past
libxml2's 255 levels) and checks the fixed behaviour: one ``geomap: error:`` line naming
the file (and line), the other inputs processed, the README's exit code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from geomap._errors import InputError
from geomap.cli import cli
from geomap.ingest import read_articles, read_html_article, read_table_articles
from geomap.settings import Settings

from .conftest import ROOT

GEOMAP = Path(sys.executable).parent / "geomap"
GOOD = "A drone strike hit Kharkiv on Monday, killing two people, officials said."
DEEP = "[" * 1000 + "]" * 1000


class Errors(list[InputError]):
    """An ``on_error`` collector."""

    def __call__(self, err: InputError) -> None:
        self.append(err)

    def __bool__(self) -> bool:  # an empty collector is still a handler
        return True

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self]


def _invoke(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-q", "--cache-dir", str(settings.cache_dir), *args])


def _error_lines(res: Result) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.startswith("geomap: error:")]


def _good_jsonl(path: Path) -> Path:
    rec = {"id": "good", "text": GOOD, "published": "2025-03-03"}
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- nested JSON


def test_deep_json_line_is_one_error_and_the_good_line_is_read(tmp_path: Path) -> None:
    """Defect 1 (.jsonl): a 2 KB line ``[[[[...]]]]`` raised RecursionError, run lost."""
    errors = Errors()
    f = tmp_path / "deep.jsonl"
    f.write_text(
        DEEP + "\n" + json.dumps({"id": "ok", "text": GOOD}) + "\n"
        '{"id": ' + DEEP[:990] + "0" + DEEP[990:] + ', "text": "x"}\n',
        encoding="utf-8",
    )
    got = read_articles([f], on_error=errors)
    assert [a.id for a in got] == ["ok"]
    assert len(errors) == 2, errors.messages
    assert "deep.jsonl line 1: JSON nested too deeply" in errors.messages[0]
    assert "deep.jsonl line 3" in errors.messages[1]


@pytest.mark.model
def test_deep_json_in_jsonl_telegram_and_folder_json_builds_the_rest(
    own_settings: Settings, tmp_path: Path
) -> None:
    """Defect 1: `.jsonl`, a Telegram `result.json` and a `.json` in a folder, build and places."""
    src = tmp_path / "in"
    src.mkdir()
    _good_jsonl(src / "a_good.jsonl")
    (src / "b_deep.jsonl").write_text(DEEP + "\n", encoding="utf-8")
    (src / "c_config.json").write_text(DEEP, encoding="utf-8")
    tg = tmp_path / "result.json"
    tg.write_text('{"name": "x", "messages": ' + DEEP + "}", encoding="utf-8")
    out = tmp_path / "out"
    res = _invoke(own_settings, "build", str(src), str(tg), "-o", str(out), "--format", "csv")
    assert res.exit_code == 3, res.output
    assert "Traceback" not in res.output
    errors = _error_lines(res)
    assert len(errors) == 3, errors
    assert any("b_deep.jsonl line 1: JSON nested too deeply" in e for e in errors)
    assert any("c_config.json: JSON nested too deeply" in e for e in errors)
    assert any("result.json: JSON nested too deeply" in e for e in errors)
    assert "good" in (out / "events.csv").read_text(encoding="utf-8")
    res = _invoke(own_settings, "places", str(src / "b_deep.jsonl"), str(src / "a_good.jsonl"))
    assert res.exit_code == 3, res.output
    assert '"text": "Kharkiv"' in res.stdout
    assert len(_error_lines(res)) == 1


# --------------------------------------------------------------------------- spreadsheets


def test_unclosed_quote_is_an_error_naming_the_line_not_a_merge(tmp_path: Path) -> None:
    """Defect 6: an unclosed quote swallowed the next rows into one article, exit 0."""
    path = tmp_path / "r.csv"
    path.write_text(
        "id,date,text\n"
        'r1,2025-03-03,"A drone strike hit Kharkiv on Monday, killing two people.\n'
        "r2,2025-03-10,Shelling hit Kherson on Wednesday, injuring three people.\n"
        'r3,2025-03-11,"Missiles struck Odesa on Tuesday."\n',
        encoding="utf-8",
    )
    errors = Errors()
    got = read_table_articles(path, on_error=errors)
    # r2's line has 4 cells (an unquoted comma): an error too, never merged into r1
    assert [a.id for a in got] == ["r3"]
    assert [a.text for a in got] == ["Missiles struck Odesa on Tuesday."]
    assert len(errors) == 2, errors.messages
    assert "r.csv line 2: malformed CSV" in errors.messages[0]
    assert "r.csv line 3: 4 fields, header has 3" in errors.messages[1]


def test_unclosed_quote_to_the_end_of_file_keeps_the_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        'id,date,text\nr1,2025-03-03,"Shelling hit Kherson."\nr2,2025-03-04,"Never closed\n'
        "r3,2025-03-05,Missiles struck Odesa.\n",
        encoding="utf-8",
    )
    errors = Errors()
    got = read_table_articles(path, on_error=errors)
    assert [a.id for a in got] == ["r1", "r3"]
    assert len(errors) == 1
    assert "line 3: malformed CSV" in errors.messages[0]


def test_rows_with_a_wrong_field_count_are_errors_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "id,date,text\n"
        "r1,2025-03-03,A drone hit Kharkiv.,extra\n"
        "r2,2025-03-10\n"
        "r3,2025-03-11,Missiles struck Odesa.,,\n"  # trailing empty cells are fine
        "r4,2025-03-12,Shelling hit Kherson.\n",
        encoding="utf-8",
    )
    errors = Errors()
    got = read_table_articles(path, on_error=errors)
    assert [a.id for a in got] == ["r3", "r4"]
    assert errors.messages == [
        f"{path} line 2: 4 fields, header has 3; row skipped",
        f"{path} line 3: 2 fields, header has 3; row skipped",
    ]


def test_a_quoted_multi_line_cell_is_still_one_row(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        'id,text\nr1,"Line one.\n\nLine two, with a comma."\nr2,"He said ""stop""."\n',
        encoding="utf-8",
    )
    errors = Errors()
    got = read_table_articles(path, on_error=errors)
    assert [(a.id, a.text) for a in got] == [
        ("r1", "Line one.\n\nLine two, with a comma."),
        ("r2", 'He said "stop".'),
    ]
    assert list(errors) == []


# --------------------------------------------------------------------------- file names


@pytest.mark.model
def test_file_name_that_is_not_utf8_is_read(own_settings: Settings, tmp_path: Path) -> None:
    """Defect 10: a file name that is not valid UTF-8 was an 'internal error'."""
    src = tmp_path / "in"
    src.mkdir()
    with open(os.fsencode(src) + b"/caf\xe9.txt", "wb") as fh:  # noqa: PTH123 - a bytes path
        fh.write(GOOD.encode("utf-8"))
    out = tmp_path / "out"
    res = _invoke(own_settings, "build", str(src), "-o", str(out), "--format", "geojson")
    assert res.exit_code == 0, res.output
    feats = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["article_id"] for f in feats} == {"caf\\xe9"}


def test_unicode_safe_spells_lone_surrogates() -> None:
    from geomap.ingest import unicode_safe

    assert unicode_safe("caf\udce9") == "caf\\xe9"
    assert unicode_safe("a\ud800b") == "a\\ud800b"
    assert unicode_safe("Kyiv 🇺🇦") == "Kyiv 🇺🇦"


# --------------------------------------------------------------------------- FIFOs


def _run_geomap(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [str(GEOMAP), "-q", "--cache-dir", str(settings.cache_dir), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.model
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_inputs_are_refused_not_waited_on(own_settings: Settings, tmp_path: Path) -> None:
    """Defect 10: a named FIFO given as a `.jsonl` or `.csv` hung the run forever."""
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "pipe.jsonl")
    os.mkfifo(src / "pipe.csv")
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    try:
        proc = _run_geomap(
            own_settings,
            "build",
            str(src / "pipe.jsonl"),
            str(src / "pipe.csv"),
            str(src),
            "-o",
            str(out),
            "--format",
            "csv",
        )
    except subprocess.TimeoutExpired:
        pytest.fail("geomap waited on a FIFO")
    assert proc.returncode == 3, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("geomap: error:")]
    assert len(errors) == 2, errors  # each FIFO once (given, then met in the folder)
    assert all("not a regular file (a named pipe (FIFO))" in e for e in errors)
    assert "good" in (out / "events.csv").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- deep pages


def test_page_nested_past_255_elements_is_read(tmp_path: Path) -> None:
    """Defect 10: text nested deeper than ~255 HTML elements was lost ('no article text')."""
    body = "<div>" * 300 + f"<p>{GOOD}</p>" + "</div>" * 300
    page = tmp_path / "deep.html"
    page.write_text(f"<html><head><title>Strike</title></head><body>{body}</body></html>")
    assert read_html_article(page).text == GOOD


def test_page_nested_past_the_parser_limit_is_a_clear_error(tmp_path: Path) -> None:
    body = "<div>" * 3000 + f"<p>{GOOD}</p>" + "</div>" * 3000
    page = tmp_path / "deeper.html"
    page.write_text(f"<html><body>{body}</body></html>")
    with pytest.raises(InputError, match=r"deeper\.html: page nested too deeply"):
        read_html_article(page)


def test_lone_surrogate_escape_in_a_telegram_message_is_spelt_out(tmp_path: Path) -> None:
    """Found beside issue 33: a message with a lone ``\\ud83d`` escape (a broken emoji) was an
    internal error (its event id and exports could not be encoded as UTF-8)."""
    messages = [
        {"id": 1, "type": "message", "date": "2025-03-03T10:00:00", "text": GOOD + " \ud83d"},
    ]
    export = tmp_path / "result.json"
    export.write_text(json.dumps({"name": "Chan", "id": 5, "messages": messages}))
    (article,) = read_articles([export])
    assert article.text == GOOD + " \\ud83d"
    article.text.encode("utf-8")


def test_unclosed_quote_in_a_manifest_costs_its_row_only(tmp_path: Path) -> None:
    """Found beside issue 33: a manifest's unclosed quote merged the next row into its source."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "manifest.csv").write_text(
        'file,published,source\na.txt,2025-03-03,"Wire\nb.txt,2025-03-04,Agency\n', encoding="utf-8"
    )
    (folder / "a.txt").write_text("Shelling hit Kherson.", encoding="utf-8")
    (folder / "b.txt").write_text("A strike on Kharkiv.", encoding="utf-8")
    errors = Errors()
    got = {a.id: (a.source, str(a.published)) for a in read_articles([folder], on_error=errors)}
    assert got == {"a": ("", "None"), "b": ("Agency", "2025-03-04")}
    assert errors.messages == [
        f"{folder / 'manifest.csv'} line 2: malformed CSV (unexpected end of data); row ignored"
    ]
