"""Tests for the ingest stage: real files (seeds, hand-made fixtures, files written to tmp_path)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap._errors import InputError
from geomap.ingest import (
    ManifestRow,
    decode_text,
    find_boilerplate,
    parse_date,
    read_article_file,
    read_articles,
    read_jsonl,
    read_manifest,
)
from geomap.types import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "ingest"
LOGGER = "geomap.ingest"

SEED_BOILERPLATE = (
    (
        "By continuing to browse our site you agree to our use of cookies, revised Privacy Policy "
        "and Terms of Use. You can change your cookie settings through your browser."
    ),
    "CHOOSE YOUR LANGUAGE",
    "CHOOSE YOUR LANGUAGE",
    "互联网新闻信息许可证10120180008",
    "Disinformation report hotline: 010-85061466",
)


#: A long paragraph that happens to contain "sign up", "newsletter" and "Telegram".
LONG_LINE = " ".join(
    [
        "Sign up for the army was voluntary until 2024, the newsletter of the brigade said",
        "in a long interview published on Telegram by the commander of the brigade, who",
        "described the fighting near Pokrovsk and Kurakhove in great detail, adding that the",
        "front line was stable and morale was high despite the shelling of Kharkiv and Sumy",
        "which continued throughout the week and killed dozens of civilians.",
    ]
)


class Errors(list[InputError]):
    """An ``on_error`` collector."""

    def __call__(self, err: InputError) -> None:
        self.append(err)

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self]


def expected_text(path: Path) -> str:
    """The file's content after newline normalisation (what Article.text must be)."""
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def manifest(folder: Path, rows: list[list[str]], header: str = "file,published,source") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header.split(","))
        writer.writerows(rows)
    return path


def lines_in(article: Article) -> list[str]:
    return [article.text[s:e] for s, e in article.skip_spans]


def assert_one_line(errors: Errors) -> None:
    for message in errors.messages:
        assert "\n" not in message
        assert message.strip() == message


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """The five seed articles, read once."""
    errors = Errors()
    articles = read_articles([SEEDS], on_error=errors)
    assert errors == []
    return articles


class TestSeeds:
    def test_five_articles_in_file_order(self, articles: list[Article]) -> None:
        assert [a.id for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
        assert len(articles) == 5
        assert articles[1].id == "001_1945312238f9fb6f"

    def test_manifest_metadata(self, articles: list[Article]) -> None:
        with (SEEDS / "manifest.csv").open(encoding="utf-8", newline="") as fh:
            rows = {r["file"]: r for r in csv.DictReader(fh)}
        for article in articles:
            row = rows[Path(article.path).name]
            assert article.published == dt.date.fromisoformat(row["published"])
            assert article.source == row["source"]
        assert articles[1].source == ""  # the manifest's one empty source
        assert articles[0].source == "Agence France-Presse"

    def test_text_is_file_content(self, articles: list[Article]) -> None:
        for article in articles:
            path = Path(article.path)
            assert path.parent == SEEDS
            assert article.text == expected_text(path)

    def test_offsets_into_text(self, articles: list[Article]) -> None:
        article = articles[1]
        start = article.text.index("Bilopillia")
        assert expected_text(Path(article.path))[start : start + 10] == "Bilopillia"

    def test_boilerplate_in_cgtn_seeds(self, articles: list[Article]) -> None:
        for article in articles[2:4]:
            assert tuple(lines_in(article)) == SEED_BOILERPLATE
            first_body_line = article.text.split("\n")[len(SEED_BOILERPLATE)]
            assert article.skip_spans[-1][1] + 1 == article.text.index(first_body_line)

    def test_no_boilerplate_in_clean_seeds(self, articles: list[Article]) -> None:
        assert articles[0].skip_spans == ()
        assert articles[1].skip_spans == ()
        assert lines_in(articles[4]) == ["READ MORE"]

    def test_single_seed_file_uses_manifest(self) -> None:
        path = SEEDS / "002_08b20fdd6524bfd8.txt"
        (article,) = read_articles([path])
        assert article.published == dt.date(2025, 7, 20)
        assert article.source == "CGTN"
        assert article.path == str(path)

    def test_summary_line(self, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.INFO, logger=LOGGER)
        read_articles([str(SEEDS)])
        assert "5 articles read from 1 inputs (0 undated, 0 errors)" in caplog.messages
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


# --------------------------------------------------------------------------- decoding


class TestDecoding:
    TEXT = "Kyiv — «Україна»\nline two\n"

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            (b"a\r\nb\rc\nd\r\n\r\ne", "a\nb\nc\nd\n\ne"),
            (b"no newline at end", "no newline at end"),
            (b"\t  indented \xc2\xa0 kept  \n", "\t  indented \xa0 kept  \n"),
            ("é".encode() + b"\xcc\x81 NFD kept", "é\u0301 NFD kept"),
        ],
    )
    def test_only_newlines_change(self, tmp_path: Path, raw: bytes, expected: str) -> None:
        article = read_article_file(write(tmp_path / "a.txt", raw))
        assert article.text == expected

    @pytest.mark.parametrize(
        "raw",
        [
            TEXT.encode("utf-8"),
            codecs.BOM_UTF8 + TEXT.encode("utf-8"),
            codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
            codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
            codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"),
        ],
        ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16-crlf"],
    )
    def test_encodings(self, tmp_path: Path, raw: bytes) -> None:
        article = read_article_file(write(tmp_path / "story.txt", raw))
        assert article.text == self.TEXT
        assert article.id == "story"

    def test_crlf_offsets(self, tmp_path: Path) -> None:
        body = "Cookie-free line.\r\nShelling hit Kherson.\r\n"
        article = read_article_file(write(tmp_path / "k.txt", body))
        start = article.text.index("Kherson")
        assert article.text[start : start + 7] == "Kherson"
        assert start == body.replace("\r\n", "\n").index("Kherson")


# --------------------------------------------------------------------------- bad inputs


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one good article, so every bad-input test checks the rest is still read."""
    path = tmp_path / "in"
    write(path / "good.txt", "Shelling hit Kharkiv.\n")
    return path


def read_with_errors(paths: list[Path], **kw: int) -> tuple[list[Article], Errors]:
    errors = Errors()
    articles = read_articles(paths, on_error=errors, **kw)
    assert_one_line(errors)
    return articles, errors


class TestBadInputs:
    @pytest.mark.parametrize(
        ("name", "raw", "problem"),
        [
            ("empty.txt", b"", "empty file"),
            ("blank.txt", b" \n\r\n\t\n", "empty file"),
            ("bom-only.txt", codecs.BOM_UTF8, "empty file"),
            ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
            ("utf16-no-bom.txt", "Kyiv was hit".encode("utf-16-le"), "UTF-16 without a byte-order"),
            (
                "latin1.txt",
                "Kyiv\nKiev caf\xe9 strike".encode("latin-1"),
                "invalid UTF-8 at byte 13",
            ),
            ("cut.txt", b"Odesa port " + "€".encode()[:2], "invalid UTF-8 at byte 11"),
            ("bom-bad.txt", codecs.BOM_UTF8 + b"ab\xff", "invalid UTF-8 at byte 5"),
            (
                "surrogate.txt",
                codecs.BOM_UTF16_LE + b"a\x00\x00\xd8b\x00",
                "invalid UTF-16 at byte 4",
            ),
            ("odd.txt", codecs.BOM_UTF16_BE + b"\x00a\x00", "invalid UTF-16"),
            ("nul16.txt", codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "binary file"),
        ],
    )
    def test_bad_text_file(self, folder: Path, name: str, raw: bytes, problem: str) -> None:
        write(folder / name, raw)
        articles, errors = read_with_errors([folder])
        assert [a.id for a in articles] == ["good"]
        assert len(errors) == 1
        assert str(folder / name) in errors.messages[0]
        assert problem in errors.messages[0]

    def test_bad_file_given_directly(self, folder: Path) -> None:
        bad = write(folder / "empty.txt", b"")
        articles, errors = read_with_errors([bad, folder / "good.txt"])
        assert [a.id for a in articles] == ["good"]
        assert errors.messages == [f"{bad}: empty file"]

    def test_file_over_max_bytes(self, folder: Path) -> None:
        big = write(folder / "big.txt", "x" * 200)
        articles, errors = read_with_errors([folder], max_bytes=100)
        assert [a.id for a in articles] == ["good"]
        assert errors.messages[0].startswith(f"{big}: file too large")

    def test_fifty_megabyte_article(self, folder: Path) -> None:
        with (folder / "huge.txt").open("wb") as fh:  # sparse: costs no disk and is never read
            fh.truncate(50 * 1024 * 1024 + 1)
        articles, errors = read_with_errors([folder])
        assert [a.id for a in articles] == ["good"]
        assert (
            "huge.txt: file too large (50.0 MB, 52428801 bytes; limit 50.0 MB)"
            in errors.messages[0]
        )

    def test_missing_path(self, folder: Path) -> None:
        gone = folder / "nope"
        articles, errors = read_with_errors([gone, folder])
        assert len(articles) == 1
        assert errors.messages == [f"{gone}: no such file or folder"]

    def test_folder_without_articles(self, tmp_path: Path, folder: Path) -> None:
        empty = tmp_path / "empty"
        write(empty / "notes.md", "nothing")
        write(empty / ".hidden.txt", "Ignored, hidden.")
        (empty / "sub.txt").mkdir()
        articles, errors = read_with_errors([empty, folder])
        assert len(articles) == 1
        expected = "no articles (no .txt, .jsonl, .html, feed, .csv or Telegram .json files)"
        assert errors.messages == [f"{empty}: {expected} in this folder"]

    def test_unsupported_file_type(self, folder: Path) -> None:
        pdf = write(folder / "report.pdf", b"%PDF-1.7")
        articles, errors = read_with_errors([pdf, folder])
        assert len(articles) == 1
        assert errors.messages[0].startswith(f"{pdf}: unsupported input type")

    def test_unsupported_file_type_is_named_by_suffix_or_name(self, folder: Path) -> None:
        pdf = write(folder / "report.PDF", b"%PDF-1.7")
        bare = write(folder / "README", "Notes.")
        expected = (
            "(expected a folder, .txt, .jsonl, .html, .rss/.atom/.xml, .csv/.tsv or a Telegram "
            "result.json)"
        )
        _, errors = read_with_errors([pdf, bare])
        assert errors.messages == [
            f"{pdf}: unsupported input type '.pdf' {expected}",
            f"{bare}: unsupported input type 'README' {expected}",
        ]

    def test_manifest_given_as_an_input(self, folder: Path) -> None:
        path = manifest(folder, [["good.txt", "2025-01-01", "Wire"]])
        articles, errors = read_with_errors([path, folder])
        assert [(a.id, a.published) for a in articles] == [("good", dt.date(2025, 1, 1))]
        assert errors.messages == [
            (
                f"{path}: a folder's manifest (metadata of its .txt files), not articles; "
                f"give the folder {folder} instead"
            )
        ]

    def test_folder_that_cannot_be_listed(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        listing = Path.iterdir
        locked, broken = folder.parent / "locked", folder.parent / "broken"
        locked.mkdir()
        broken.mkdir()

        def iterdir(path: Path) -> Any:
            if path == locked:
                raise PermissionError(13, "Permission denied")
            if path == broken:
                raise OSError("device gone")
            return listing(path)

        monkeypatch.setattr(Path, "iterdir", iterdir)
        articles, errors = read_with_errors([locked, broken, folder])
        assert [a.id for a in articles] == ["good"]
        assert errors.messages == [
            f"{locked}: cannot list folder (Permission denied)",
            f"{broken}: cannot list folder (device gone)",
        ]

    def test_same_problem_reported_once(self, tmp_path: Path) -> None:
        """A manifest without its columns is one error, however many of its files are read."""
        a = write(tmp_path / "a.txt", "A.")
        b = write(tmp_path / "b.txt", "B.")
        path = manifest(tmp_path, [["a.txt", "2025-01-01"]], header="filename,date")
        articles, errors = read_with_errors([a, b])
        assert [x.id for x in articles] == ["a", "b"]
        assert len(errors) == 1
        assert errors.messages[0].startswith(f"{path}: missing column(s)")

    def test_manifest_over_max_bytes(self, tmp_path: Path) -> None:
        write(tmp_path / "a.txt", "Shelling hit Kharkiv.")
        path = manifest(tmp_path, [["a.txt", "2025-01-01", "W" * 200]])
        (article,), errors = read_with_errors([tmp_path], max_bytes=100)
        assert article.published is None
        assert errors.messages[0].startswith(f"{path}: file too large")

    def test_on_error_none_raises(self, folder: Path) -> None:
        write(folder / "empty.txt", b"")
        with pytest.raises(InputError, match=r"empty\.txt: empty file"):
            read_articles([folder])

    def test_read_article_file_raises(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="no such file"):
            read_article_file(tmp_path / "x.txt")
        with pytest.raises(InputError, match="not a regular file"):
            read_article_file(tmp_path)

    def test_error_count_in_summary(self, folder: Path, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.INFO, logger=LOGGER)
        write(folder / "empty.txt", b"")
        read_with_errors([folder, folder.parent / "missing"])
        assert "1 articles read from 2 inputs (1 undated, 2 errors)" in caplog.messages


# --------------------------------------------------------------------------- manifest


class TestManifest:
    def test_fixture_folder(self, caplog: pytest.LogCaptureFixture) -> None:
        folder = DATA / "folder"
        articles, errors = read_with_errors([folder])
        by_id = {a.id: a for a in articles}
        assert list(by_id) == ["a_pokrovsk", "b_dnipro", "c_kyiv"]
        assert by_id["a_pokrovsk"].published is None  # 2025-02-30 is not a date
        assert by_id["a_pokrovsk"].title == "Pokrovsk"  # the rest of the row still applies
        assert by_id["a_pokrovsk"].url == "https://example.org/a"
        assert by_id["b_dnipro"].published == dt.date(2025, 4, 1)  # from a datetime
        assert by_id["c_kyiv"].published is None  # no manifest row
        assert by_id["c_kyiv"].source == ""
        assert len(errors) == 2
        bad_date, missing = errors.messages
        assert bad_date.startswith(f"{folder / 'manifest.csv'} line 2: bad published date")
        assert "a_pokrovsk.txt" in bad_date
        assert missing == (
            f"{folder / 'manifest.csv'} line 4: listed file {folder / 'missing.txt'} does not exist"
        )
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert f"{folder / 'c_kyiv.txt'}: no publication date; its events will be undated" in (
            warnings
        )
        assert len(warnings) == 2

    def test_single_file_reports_only_its_row(self) -> None:
        folder = DATA / "folder"
        articles, errors = read_with_errors([folder / "b_dnipro.txt"])
        assert articles[0].published == dt.date(2025, 4, 1)
        assert errors == []
        articles, errors = read_with_errors([folder / "a_pokrovsk.txt"])
        assert articles[0].published is None
        assert len(errors) == 1

    def test_empty_date_is_undated_without_error(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        write(tmp_path / "a.txt", "Text.")
        manifest(tmp_path, [["a.txt", "", "Wire"]])
        (article,), errors = read_with_errors([tmp_path])
        assert errors == []
        assert article.published is None
        assert article.source == "Wire"
        assert f"{tmp_path / 'a.txt'}: no publication date; its events will be undated" in (
            caplog.messages
        )

    def test_bom_header_case_and_extra_columns(self, tmp_path: Path) -> None:
        write(tmp_path / "a.txt", "Text.")
        raw = "File, Published ,Source,Notes,URL\r\na.txt, 2025-01-02 ,Wire,x,https://e.org\r\n"
        write(tmp_path / "manifest.csv", codecs.BOM_UTF8 + raw.encode())
        (article,), errors = read_with_errors([tmp_path])
        assert errors == []
        assert (article.published, article.source, article.url) == (
            dt.date(2025, 1, 2),
            "Wire",
            "https://e.org",
        )

    def test_malformed_rows(self, tmp_path: Path) -> None:
        for name in "abcd":
            write(tmp_path / f"{name}.txt", f"Article {name}.")
        manifest(
            tmp_path,
            [
                ["a.txt", "16/03/2025", "Wire"],
                ["b.txt", "2025-03-16", "Wire", "extra", "fields"],
                ["c.txt", "2025-03-16", "Wire"],
                ["c.txt", "2025-03-17", "Other"],
                ["../d.txt", "2025-03-16", "Wire"],
                ["", "2025-03-16", "Wire"],
                ["d.txt", "2025-03-16T25:00:00", "Wire"],
            ],
        )
        articles, errors = read_with_errors([tmp_path])
        assert [a.id for a in articles] == ["a", "b", "c", "d"]
        assert [a.published for a in articles] == [None, None, dt.date(2025, 3, 16), None]
        assert articles[2].source == "Wire"
        where = f"{tmp_path / 'manifest.csv'} line"
        assert [m.split(":")[0] for m in errors.messages] == [
            f"{where} {n}" for n in (2, 3, 5, 6, 7, 8)
        ]
        assert "not an ISO date (YYYY-MM-DD): '16/03/2025'" in errors.messages[0]
        assert "5 fields, header has 3; ignored" in errors.messages[1]
        assert "already on line 4; ignored" in errors.messages[2]
        assert "must be a plain file name" in errors.messages[3]
        assert "empty 'file' cell" in errors.messages[4]
        assert "bad published date for d.txt" in errors.messages[5]

    def test_missing_columns(self, tmp_path: Path) -> None:
        write(tmp_path / "a.txt", "Text.")
        manifest(tmp_path, [["a.txt", "2025-01-01"]], header="filename,date")
        (article,), errors = read_with_errors([tmp_path])
        assert article.published is None
        assert errors.messages[0].startswith(f"{tmp_path / 'manifest.csv'}: missing column(s)")

    def test_binary_manifest(self, tmp_path: Path) -> None:
        write(tmp_path / "a.txt", "Text.")
        write(tmp_path / "manifest.csv", b"\x00\x01\x02")
        (_article,), errors = read_with_errors([tmp_path])
        assert "manifest.csv: binary file" in errors.messages[0]

    def test_read_manifest(self, tmp_path: Path) -> None:
        path = manifest(
            tmp_path,
            [["a.txt", "2025-05-17", "Al Jazeera", "https://x.org", "T"]],
            header="file,published,source,url,title",
        )
        assert read_manifest(path) == {
            "a.txt": ManifestRow(
                "a.txt", dt.date(2025, 5, 17), "Al Jazeera", "https://x.org", "T", 2
            )
        }
        manifest(tmp_path, [["a.txt", "May 17", "Wire"]])
        with pytest.raises(InputError, match="line 2: bad published date"):
            read_manifest(path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-16", dt.date(2025, 3, 16)),
        (" 2025-03-16 ", dt.date(2025, 3, 16)),
        ("2025-03-16T23:30:00Z", dt.date(2025, 3, 16)),
        ("2025-03-16T23:30:00-05:00", dt.date(2025, 3, 16)),  # the date as written, not UTC
        ("2025-03-16 08:00", dt.date(2025, 3, 16)),
        ("", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2025-02-29", "16.03.2025", "20250316", "2025-03-16Tnoon", "x"])
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(value)


# --------------------------------------------------------------------------- JSON Lines


class TestJsonl:
    def test_fixture(self) -> None:
        path = DATA / "articles.jsonl"
        articles, errors = read_with_errors([path])
        assert [a.id for a in articles] == ["kharkiv-1", "articles-2", "articles-4", "baddate"]
        first = articles[0]
        assert first.text == "Shelling hit Kharkiv on Monday.\nTwo people were wounded."
        assert (first.published, first.source, first.url, first.title) == (
            dt.date(2025, 6, 2),
            "Example Wire",
            "https://example.org/kharkiv",
            "Kharkiv shelled",
        )
        assert first.path == str(path)
        assert articles[1].published == dt.date(2025, 6, 3)
        assert articles[2].published is None
        assert articles[3].published is None
        assert [m.split(":")[0] for m in errors.messages] == [
            f"{path} line 3",
            f"{path} line 6",
            f"{path} line 7",
        ]
        assert "invalid JSON" in errors.messages[0]
        assert "bad published date" in errors.messages[1]
        assert "expected a JSON object, got list" in errors.messages[2]

    def test_records(self, tmp_path: Path) -> None:
        rows = [
            {"id": 7, "text": "Shelling.\r\nMore.", "source": None},
            {"id": "", "text": "Id falls back."},
            {"text": 5},
            {"title": "no text"},
            {"text": "   "},
            {"text": "Bad meta.", "source": 3, "published": 20250101},
            {"text": "READ MORE\nBody about Kherson."},
            {"text": "Lone \ud800 surrogate."},
            {"text": "Fine.", "title": "Lone \udc00"},
        ]
        body = "\n".join(json.dumps(r) for r in rows) + "\n\n"
        path = write(tmp_path / "feed.jsonl", codecs.BOM_UTF8 + body.encode())
        articles, errors = read_with_errors([path])
        assert [a.id for a in articles] == ["7", "feed-2", "feed-6", "feed-7", "feed-9"]
        assert articles[4].title == ""
        assert articles[0].text == "Shelling.\nMore."
        assert articles[2].source == ""
        assert articles[3].skip_spans == ((0, 9),)
        assert [m.split(": ", 1)[1] for m in errors.messages] == [
            "'text' must be a string (int)",
            "'text' must be a string (missing)",
            "empty 'text'",
            "'source' must be a string, got 3; ignored",
            "bad published date: not an ISO date (YYYY-MM-DD): '20250101'; the article is undated",
            "'text' has an unpaired UTF-16 surrogate escape",
            "'title' has an unpaired UTF-16 surrogate escape; ignored",
        ]

    def test_invalid_utf8_line(self, tmp_path: Path) -> None:
        good = b'{"text": "Kyiv."}\n'
        path = write(tmp_path / "x.jsonl", good + b'{"text": "caf\xe9"}\n' + good)
        articles, errors = read_with_errors([path])
        assert len(articles) == 2
        assert errors.messages == [
            f"{path} line 2: invalid UTF-8 at byte {len(good) + 13} (invalid continuation byte)"
        ]

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [(b"", "empty file"), (b"\n \n", "empty file"), (b"\x00\x01{}", "binary file")],
    )
    def test_bad_file(self, folder: Path, raw: bytes, problem: str) -> None:
        path = write(folder / "feed.jsonl", raw)
        articles, errors = read_with_errors([folder])
        assert [a.id for a in articles] == ["good"]
        assert errors.messages[0].startswith(f"{path}: {problem}")

    def test_line_over_max_bytes(self, tmp_path: Path) -> None:
        body = json.dumps({"text": "x" * 300}) + "\n" + json.dumps({"text": "short"}) + "\n"
        path = write(tmp_path / "f.jsonl", body)
        articles, errors = read_with_errors([path], max_bytes=100)
        assert [a.text for a in articles] == ["short"]
        assert errors.messages[0].startswith(f"{path} line 1: too large")

    def test_read_jsonl_raises(self, tmp_path: Path) -> None:
        path = write(tmp_path / "f.jsonl", '{"text": "ok"}\n{broken\n')
        with pytest.raises(InputError, match="line 2: invalid JSON"):
            read_jsonl(path)


# --------------------------------------------------------------------------- many inputs


class TestInputs:
    def test_duplicate_ids_keep_both(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        a = write(tmp_path / "a" / "story.txt", "First.")
        b = write(tmp_path / "b" / "story.txt", "Second.")
        c = write(tmp_path / "c" / "feed.jsonl", '{"id": "story", "text": "Third."}\n')
        articles, errors = read_with_errors([a.parent, b.parent, c])
        assert errors == []
        assert [(x.id, x.text) for x in articles] == [
            ("story", "First."),
            ("story-2", "Second."),
            ("story-3", "Third."),
        ]
        assert f"{b}: article id 'story' is already used by {a}; renamed to 'story-2'" in (
            caplog.messages
        )
        assert f"{c} [story]: article id 'story' is already used by {a}; renamed to 'story-3'" in (
            caplog.messages
        )

    def test_same_file_twice_read_once(self, folder: Path) -> None:
        articles, errors = read_with_errors([folder, folder / "good.txt", folder])
        assert [a.id for a in articles] == ["good"]
        assert errors == []

    def test_file_given_before_its_folder(self, tmp_path: Path) -> None:
        """The folder's other files are still read after the one already given."""
        for name in "abc":
            write(tmp_path / f"{name}.txt", f"{name.upper()}.")
        articles, errors = read_with_errors([tmp_path / "b.txt", tmp_path])
        assert [a.id for a in articles] == ["b", "a", "c"]
        assert errors == []

    def test_single_file_reports_its_manifest_row(self) -> None:
        folder = DATA / "folder"
        _, errors = read_with_errors([folder / "a_pokrovsk.txt"])
        assert errors.messages[0].startswith(
            f"{folder / 'manifest.csv'} line 2: bad published date for a_pokrovsk.txt"
        )

    def test_mixed_inputs_in_order(self, tmp_path: Path) -> None:
        write(tmp_path / "b.txt", "B.")
        write(tmp_path / "a.jsonl", '{"id": "j", "text": "J."}\n')
        write(tmp_path / "c.TXT", "C.")
        write(tmp_path / "manifest.csv", "file,published,source\nb.txt,2025-01-01,W\n")
        articles = read_articles([tmp_path, SEEDS / "000_ba34a8c6a71a56a0.txt"])
        assert [a.id for a in articles] == ["j", "b", "c", "000_ba34a8c6a71a56a0"]
        assert articles[1].published == dt.date(2025, 1, 1)
        assert articles[3].source == "Agence France-Presse"

    def test_undated_warning(self, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
        path = write(tmp_path / "lonely.txt", "No manifest here.")
        (article,) = read_articles([path])
        assert article.published is None
        assert caplog.messages[0] == f"{path}: no publication date; its events will be undated"
        assert caplog.records[0].levelno == logging.WARNING


# --------------------------------------------------------------------------- boilerplate


class TestBoilerplate:
    def test_fixture_page(self) -> None:
        text = expected_text(DATA / "page.txt")
        lines = text.split("\n")
        flagged = [text[s:e] for s, e in find_boilerplate(text)]
        kept = [line for line in lines if line not in flagged and line]
        assert kept == [lines[4], lines[6], lines[11]]
        assert len(flagged) == 12

    @pytest.mark.parametrize(
        "line",
        [
            "We use cookies to give you the best experience on our website.",
            "This website uses cookies. Accept all cookies",
            "Manage cookie preferences",
            "Choose your language",
            "  SELECT LANGUAGE:  ",
            "English · Español · Français · Deutsch",
            "京公网安备 11010502035432号",
            "互联网新闻信息服务许可证：10120170032",
            "Licence number: 2024-00012",
            "违法和不良信息举报电话：12377",
            "Read more",
            "» Read more: Russia claims capture of village near Pokrovsk",
            "See also | Zelensky meets Trump",
            "Read more about the war in Ukraine",
            "ADVERTISEMENT",
            "Story continues below advertisement",
            "Sponsored content",
            "Sign up to our free daily newsletter",
            "Subscribe to our newsletter:",
            "Get our Morning Briefing newsletter",
            "Share on Facebook",
            "Share",
            "Twitter | Facebook | LinkedIn | Copy link",
            "Follow us on Telegram",
            "Download the Example News app",
            "4 min read",
            "Copyright 2025 Example News Ltd.",
            "All rights reserved.",
            "Related stories",
            "Continue reading below",
            "- Advertisement -",
        ],
    )
    def test_boilerplate_lines(self, line: str) -> None:
        text = f"Body before.\n{line}\nBody after."
        assert find_boilerplate(text) == ((13, 13 + len(line)),)

    @pytest.mark.parametrize(
        "line",
        [
            "- Agence France-Presse",
            "Rubio, Lavrov talk",
            "‘Barbaric war crime’",
            "Moscow sanctions",
            "Kursk battles",
            (
                "A destroyed tank near the town of Kurakhove in the Donetsk region. /Alexander "
                "Ermochenko/Reuters"
            ),
            "Volunteers handed out cookies and tea at the shelter in Kharkiv.",
            "The ministry urged residents to subscribe to air-raid alerts.",
            "Ukraine's language law requires Ukrainian in schools.",
            "He said the advertisement campaign for recruits was launched in Lviv.",
            "Read the full statement below, the ministry said on Monday in Kyiv.",
            "Watch next week's talks closely, the envoy said in Istanbul on Friday.",
            "Copyright law was amended by the Verkhovna Rada in 2024.",
            LONG_LINE,
            "Two people died after a missile hit the hotline centre at 9 Peremohy Avenue.",
            "",
        ],
    )
    def test_article_lines_kept(self, line: str) -> None:
        assert find_boilerplate(f"Body before.\n{line}\nBody after.") == ()

    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
    def test_spans_are_whole_lines(self, text: str) -> None:
        spans = find_boilerplate(text)
        assert list(spans) == sorted(spans)
        for start, end in spans:
            assert 0 <= start <= end <= len(text)
            assert start == 0 or text[start - 1] == "\n"
            assert end == len(text) or text[end] == "\n"
            assert "\n" not in text[start:end]

    @given(
        st.lists(
            st.sampled_from(
                ["READ MORE", "Advertisement", "Kyiv was shelled.", "", "CHOOSE YOUR LANGUAGE"]
            ),
            max_size=8,
        )
    )
    def test_spans_match_lines(self, lines: list[str]) -> None:
        text = "\n".join(lines)
        flagged = [text[s:e] for s, e in find_boilerplate(text)]
        assert flagged == [line for line in lines if line and line != "Kyiv was shelled."]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1))
def test_decode_round_trip(text: str) -> None:
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    for raw in (
        text.encode("utf-8"),
        codecs.BOM_UTF8 + text.encode("utf-8"),
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    ):
        if not text.strip():
            with pytest.raises(InputError, match="empty file"):
                decode_text(raw, name="f.txt")
        else:
            assert decode_text(raw, name="f.txt") == expected


@given(st.binary(max_size=200))
def test_decode_any_bytes_is_text_or_input_error(raw: bytes) -> None:
    message = ""
    try:
        text = decode_text(raw, name="f.txt")
    except InputError as err:
        message = str(err)
        text = ""
    if message:
        assert message.startswith("f.txt: ")
        assert "\n" not in message
    else:
        assert "\r" not in text
        assert "\x00" not in text
