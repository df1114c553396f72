"""Tests for the ingest readers of saved web pages, feeds, spreadsheets and Telegram exports.

Fixtures are small files in each real format, written for these tests
(``tests/data/ingest/mixed``) or in ``tmp_path``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap._errors import InputError
from geomap.cli import cli
from geomap.ingest import (
    IngestOptions,
    read_articles,
    read_feed,
    read_html_article,
    read_table_articles,
    read_telegram_export,
    write_article_texts,
)
from geomap.ingest.common import parse_loose_date
from geomap.ingest.feeds import html_to_text
from geomap.ingest.telegram import message_text
from geomap.settings import Settings
from geomap.types import Article

from .conftest import EVAL_DIR

ROOT = Path(__file__).resolve().parent.parent
MIXED = Path(__file__).resolve().parent / "data" / "ingest" / "mixed"
GEOMAP = Path(sys.executable).parent / "geomap"


class Errors(list[InputError]):
    """An ``on_error`` collector."""

    def __call__(self, err: InputError) -> None:
        self.append(err)

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read(paths: list[Path], **kwargs: object) -> tuple[list[Article], Errors]:
    errors = Errors()
    articles = read_articles(paths, on_error=errors, **kwargs)  # type: ignore[arg-type]
    return articles, errors


PARAGRAPH = (
    "Mortar rounds landed on a bus station in the town centre on Saturday, killing six "
    "passengers and wounding eleven, a hospital director told reporters by telephone."
)


def page(head: str, body: str = f"<article><p>{PARAGRAPH}</p></article>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --------------------------------------------------------------------------- HTML


class TestHtml:
    def test_fixture_page(self) -> None:
        a = read_html_article(MIXED / "b_page.html")
        assert a.id == "b_page"
        assert a.published == dt.date(2025, 4, 11)
        assert a.source == "The Nile Courier"
        assert a.url == "https://nile-courier.example/world/omdurman-market-shelling"
        assert a.title == "Shells hit Omdurman market"
        paragraphs = a.text.split("\n\n")
        assert paragraphs[0] == "Shells hit Omdurman market"
        assert len(paragraphs) == 4
        assert paragraphs[1].startswith("Artillery shells struck a crowded vegetable market")
        assert paragraphs[3].endswith("surgical supplies after the attack.")
        for dropped in ("Subscribe", "Reader comment", "Football transfer", "Copyright", "Privacy"):
            assert dropped not in a.text
        assert a.path == str(MIXED / "b_page.html")

    def test_no_date_is_not_guessed_from_the_footer(self, tmp_path: Path) -> None:
        body = f"<article><p>{PARAGRAPH}</p></article><footer><p>Copyright 2021 X</p></footer>"
        a = read_html_article(write(tmp_path / "p.html", page("<title>T</title>", body)))
        assert a.published is None
        assert a.url == ""
        assert a.text.startswith("Mortar rounds landed")

    @pytest.mark.parametrize(
        ("head", "expected"),
        [
            ('<meta name="date" content="2024-02-01">', dt.date(2024, 2, 1)),
            (
                (
                    '<script type="application/ld+json">{"@type": "NewsArticle", '
                    '"datePublished": "2024-10-09T23:30:00+03:00"}</script>'
                ),
                dt.date(2024, 10, 9),
            ),
            (
                '<link rel="canonical" href="https://x.example/2023/05/17/story">',
                dt.date(2023, 5, 17),
            ),
        ],
    )
    def test_date_from_metadata(self, tmp_path: Path, head: str, expected: dt.date) -> None:
        a = read_html_article(write(tmp_path / "p.html", page(head)))
        assert a.published == expected

    def test_declared_legacy_encoding(self, tmp_path: Path) -> None:
        html = page(
            '<meta charset="windows-1252"><title>Caf\xe9</title>',
            f"<article><p>{PARAGRAPH} The caf\xe9 owner \u2014 a witness \u2014 survived.</p>"
            "</article>",
        )
        a = read_html_article(write(tmp_path / "p.htm", html.encode("cp1252")))
        assert a.text.endswith("The caf\xe9 owner \u2014 a witness \u2014 survived.")

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [
            (b"", "empty file"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not a web page"),
            (page("<title>Menu</title>", "<nav><a href='/'>Home</a></nav>").encode(), "no article"),
        ],
    )
    def test_bad_page(self, tmp_path: Path, raw: bytes, problem: str) -> None:
        bad = write(tmp_path / "bad.html", raw)
        good = write(tmp_path / "good.html", page('<meta name="date" content="2024-02-01">'))
        articles, errors = read([bad, good])
        assert [a.id for a in articles] == ["good"]
        assert len(errors) == 1
        assert errors.messages[0].startswith(f"{bad}: {problem}")


# --------------------------------------------------------------------------- feeds


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Coast Watch</title><link>https://coast.example/</link><description>News</description>
<item>
  <title>Port struck at night</title>
  <link>https://coast.example/items/1</link>
  <pubDate>Thu, 20 Mar 2025 01:30:00 +0630</pubDate>
  <description>&lt;p&gt;Drones hit the port &amp;amp; a warehouse.&lt;/p&gt;
    &lt;p&gt;Two guards died.&lt;/p&gt;</description>
</item>
<item>
  <title>Aggregated item</title>
  <link>https://coast.example/items/2</link>
  <source url="https://other.example/rss">Other Wire</source>
  <description>Shelling reported in the hills.</description>
</item>
<item><link>https://coast.example/items/3</link></item>
</channel></rss>
"""


class TestFeeds:
    def test_atom_fixture(self) -> None:
        a, b = read_feed(MIXED / "c_feed.atom")
        assert (a.id, b.id) == ("c_feed-1", "c_feed-2")
        assert a.text == (
            "Air strike reported near Lashio\n\nA military aircraft bombed a village north of "
            "Lashio on Wednesday night, killing three farmers, residents said.\n\n"
            "The army did not comment."
        )
        assert a.published == dt.date(2025, 3, 19)  # <published>, not <updated>
        assert b.published == dt.date(2025, 3, 18)  # only <updated>
        assert a.url == "https://shan-monitor.example/2025/03/lashio-air-strike"
        assert (a.source, b.source) == ("Shan Monitor", "Shan Monitor")
        assert b.title == "Clashes on the highway to Myawaddy"
        assert b.text.startswith("Clashes on the highway to Myawaddy\n\nFighting between")

    def test_rss(self, tmp_path: Path) -> None:
        articles = read_feed(write(tmp_path / "coast.rss", RSS))
        assert [a.id for a in articles] == ["coast-1", "coast-2"]  # item 3 has no text
        first, second = articles
        assert (
            first.text
            == "Port struck at night\n\nDrones hit the port & a warehouse.\n\nTwo guards died."
        )
        # the date as written (20 March), not the UTC date (19 March)
        assert first.published == dt.date(2025, 3, 20)
        assert first.source == "Coast Watch"
        assert second.source == "Other Wire"
        assert second.published is None

    def test_never_fetches(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse(*args: object, **kwargs: object) -> None:
            msg = "network access attempted"
            raise AssertionError(msg)

        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket, "getaddrinfo", refuse)
        feed = RSS.replace(
            "<channel>", "<channel><image><url>https://coast.example/i.png</url></image>"
        )
        write(tmp_path / "f.rss", feed)
        shutil.copy(MIXED / "b_page.html", tmp_path / "p.html")
        articles, errors = read([tmp_path])
        assert errors == []
        assert len(articles) == 3

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [
            (
                '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
                "not an RSS",
            ),
            ("<rss><channel><title>Broken", "not an RSS"),
            ("", "empty file"),
        ],
    )
    def test_bad_feed(self, tmp_path: Path, raw: str, problem: str) -> None:
        bad = write(tmp_path / "sitemap.xml", raw)
        articles, errors = read([bad, MIXED / "c_feed.atom"])
        assert len(articles) == 2
        assert len(errors) == 1
        assert errors.messages[0].startswith(f"{bad}: {problem}")

    def test_html_to_text(self) -> None:
        assert html_to_text("<p>One&nbsp; two</p><ul><li>a</li><li>b</li></ul>x<br>y") == (
            "One two\n\na\n\nb\n\nx\ny"
        )
        assert html_to_text("<script>var a = 1;</script>Plain &amp; simple") == "Plain & simple"


# --------------------------------------------------------------------------- spreadsheets


class TestTable:
    def test_fixture(self, caplog: pytest.LogCaptureFixture) -> None:
        caplog.set_level(logging.WARNING, logger="geomap.ingest")
        a, b = read_table_articles(MIXED / "d_reports.csv")
        assert (a.id, b.id) == ("QX001", "QX002")
        assert a.text == "Drone strike on a fuel depot in Kassala"
        assert b.text == "Fighting reported on the road south of El Fasher, two soldiers killed"
        assert (a.published, b.published) == (dt.date(2025, 2, 3), dt.date(2025, 2, 5))
        assert (a.source, b.source) == ("Monitor Desk", "d_reports")
        assert b.url == "https://example.org/posts/884"
        assert any("1 row(s) with an empty text cell skipped" in m for m in caplog.messages)

    def test_build_path_matches_the_public_reader(self) -> None:
        direct = read_table_articles(MIXED / "d_reports.csv")
        via_build, errors = read([MIXED / "d_reports.csv"])
        assert errors == []
        assert via_build == direct

    def test_named_columns_and_slash_dates(self, tmp_path: Path) -> None:
        path = write(
            tmp_path / "desk.csv",
            "Ref,When,Report Body\nr1,03/04/2025,Shelling in the north\n"
            'r2,25/03/2025,"Two drones\r\nshot down"\n',
        )
        with pytest.raises(InputError, match="no text column"):
            read_table_articles(path)
        a, b = read_table_articles(path, text_column="report body", date_column="WHEN")
        assert (a.id, b.id) == ("desk:2", "desk:3")  # spreadsheet rows, header = row 1
        assert a.published == dt.date(2025, 4, 3)  # day first: row 3 has day 25
        assert b.text == "Two drones\nshot down"
        us = write(tmp_path / "us.csv", "date,text\n03/04/2025,a b c\n03/25/2025,d e f\n")
        assert [x.published for x in read_table_articles(us)] == [
            dt.date(2025, 3, 4),
            dt.date(2025, 3, 25),
        ]

    def test_named_column_missing(self, tmp_path: Path) -> None:
        path = write(tmp_path / "t.csv", "date,text\n2025-01-01,Words here\n")
        articles, errors = read([path], options=IngestOptions(date_column="published_on"))
        assert articles == []
        assert errors.messages == [f"{path}: no date column 'published_on' (header is 'date,text')"]

    def test_semicolons_bom_and_word_dates(self, tmp_path: Path) -> None:
        raw = codecs.BOM_UTF8 + b"Event Date;Notes;URL\n4 March 2025;Raid on a depot;u1\n"
        (a,) = read_table_articles(write(tmp_path / "eu.csv", raw))
        assert (a.published, a.text, a.url, a.id) == (
            dt.date(2025, 3, 4),
            "Raid on a depot",
            "u1",
            "eu:2",
        )

    def test_tsv_and_utf16(self, tmp_path: Path) -> None:
        tsv = write(tmp_path / "t.tsv", "id\tdescription\n7\tConvoy hit, two dead\n")
        assert [(a.id, a.text) for a in read_table_articles(tsv)] == [("7", "Convoy hit, two dead")]
        u16 = write(tmp_path / "w.csv", "text,date\nAmbush,2025-06-01\n".encode("utf-16"))
        assert [(a.text, a.published) for a in read_table_articles(u16)] == [
            ("Ambush", dt.date(2025, 6, 1))
        ]

    def test_windows_1252_export(self, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
        raw = "date;text\n2025-05-01;Caf\xe9 \u2014 attaque \xe0 l\u2019aube\n".encode("cp1252")
        (a,) = read_table_articles(write(tmp_path / "excel.csv", raw))
        assert a.text == "Caf\xe9 \u2014 attaque \xe0 l\u2019aube"
        assert any("read as Windows-1252" in m for m in caplog.messages)

    def test_bad_dates_one_error_rows_kept(self, tmp_path: Path) -> None:
        rows = "".join(f"soon{i},Report {i}\n" for i in range(5))
        path = write(tmp_path / "d.csv", "date,text\n2025-01-02,Fine\n" + rows)
        articles, errors = read([path])
        assert len(articles) == 6
        assert [a.published for a in articles].count(None) == 5
        assert errors.messages == [
            (
                f"{path}: 5 row(s) with an unreadable date in column 'date' (row 3 'soon0', "
                "row 4 'soon1', row 5 'soon2' and 2 more); those articles are undated"
            )
        ]

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [
            (b"", "empty file"),
            (b"name,value\nx,1\n", "no text column (header is 'name,value'"),
            (b"date,text\n2025-01-01,\n", "no row with text in column 'text'"),
            (b"text\nbad \x81\x8d bytes\n", "invalid UTF-8 (invalid start byte at byte 9)"),
            (b"\x00\x01\x02\x03", "binary file"),
        ],
    )
    def test_bad_table(self, tmp_path: Path, raw: bytes, problem: str) -> None:
        bad = write(tmp_path / "bad.csv", raw)
        articles, errors = read([bad, MIXED / "d_reports.csv"])
        assert [a.id for a in articles] == ["QX001", "QX002"]
        assert errors.messages[0].startswith(f"{bad}: {problem}")

    def test_manifest_is_not_a_spreadsheet(self) -> None:
        articles, errors = read([MIXED / "manifest.csv"])
        assert articles == []
        assert errors.messages[0].startswith(f"{MIXED / 'manifest.csv'}: a folder's manifest")


# --------------------------------------------------------------------------- Telegram


class TestTelegram:
    def test_fixture_export(self) -> None:
        a, b = read_telegram_export(MIXED / "result.json")
        assert (a.id, b.id) == ("1830042517-12", "1830042517-13")
        assert a.text == (
            "Breaking: an air strike on a house in Rafah killed five people tonight. "
            "#Gaza More: report"
        )
        assert a.published == dt.date(2025, 1, 14)
        assert b.published == dt.date(2025, 1, 13)
        assert a.source == "Frontline Dispatch"
        assert b.source == "Gaza Field Reports"  # forwarded: the original channel
        assert a.url == "https://t.me/c/1830042517/12"

    def test_username_account_export_and_unix_dates(self, tmp_path: Path) -> None:
        chat = {
            "name": "Valley News",
            "username": "@valley_news",
            "type": "public_channel",
            "id": 99,
            "messages": [
                {"id": 5, "type": "message", "date_unixtime": "1736899200", "text": "Raid at dawn"},
                {
                    "id": 6,
                    "type": "message",
                    "date": "2025-02-01T00:10:00",
                    "text": ["x ", {"type": "italic", "text": "y"}],
                },
            ],
        }
        path = write(tmp_path / "result.json", json.dumps({"chats": {"list": [chat]}}))
        a, b = read_telegram_export(path)
        assert (a.id, a.url, a.source) == (
            "valley_news-5",
            "https://t.me/valley_news/5",
            "Valley News",
        )
        assert a.published == dt.date(2025, 1, 15)
        assert (b.text, b.published) == ("x y", dt.date(2025, 2, 1))

    @pytest.mark.parametrize(("signed", "url"), [(3, "https://t.me/shore_watch/4"), (2, None)])
    def test_username_from_the_channel_signature(
        self, tmp_path: Path, signed: int, url: str | None
    ) -> None:
        sign = [
            {"type": "mention", "text": "@Shore_Watch"},
            {"type": "text_link", "text": "Subscribe", "href": "https://t.me/shore_watch"},
            {"type": "link", "text": "t.me/shore_watch/77"},
        ]
        messages = [
            {"id": i, "type": "message", "date": "2025-03-01T10:00:00",
             "text_entities": [{"type": "plain", "text": f"Report {i}. "}]
             + ([sign[i - 1]] if i <= signed else [])}
            for i in range(1, 5)
        ]  # fmt: skip
        messages.append(
            {"id": 9, "type": "message", "date": "2025-03-01T11:00:00", "forwarded_from": "Other",
             "text_entities": [{"type": "mention", "text": "@other_news"}]}
        )  # fmt: skip
        data = {"name": "Shore Watch", "type": "public_channel", "id": 5501, "messages": messages}
        articles = read_telegram_export(write(tmp_path / "result.json", json.dumps(data)))
        assert len(articles) == 5
        expected = url or "https://t.me/c/5501/4"
        assert articles[3].url == expected
        assert articles[3].id == ("shore_watch-4" if url else "5501-4")

    def test_message_text(self) -> None:
        assert message_text({"text": "a\r\nb"}) == "a\nb"
        assert message_text({"text": [{"type": "link", "text": "t.me/x"}, 3, " ok"]}) == "t.me/x ok"
        assert message_text({"photo": "p.jpg"}) == ""

    def test_other_json_in_a_folder_is_passed_over(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        write(tmp_path / "gold.json", '{"about": "hand-coded events", "required": []}')
        shutil.copy(MIXED / "result.json", tmp_path / "result.json")
        articles, errors = read([tmp_path])
        assert len(errors) == 0
        assert len(articles) == 2
        assert f"{tmp_path / 'gold.json'}: not a Telegram export" in caplog.text
        # named on its own, the same file is an input error
        _, errors = read([tmp_path / "gold.json"])
        assert errors.messages[0].startswith(f"{tmp_path / 'gold.json'}: not a Telegram export")

    @pytest.mark.parametrize(
        ("raw", "problem"),
        [
            (
                '{"name": "x", "items": []}',
                "not a Telegram export (no 'messages' list; top level: 'name,items')",
            ),
            ("[1, 2]", "not a Telegram export"),
            ('{"messages": [', "invalid JSON (Expecting value at line 1 column 15)"),
            (
                '{"messages": [{"id": 1, "type": "service", "text": ""}]}',
                "no message with text in the export (0 messages)",
            ),
        ],
    )
    def test_bad_export(self, tmp_path: Path, raw: str, problem: str) -> None:
        bad = write(tmp_path / "bad.json", raw)
        articles, errors = read([bad, MIXED / "result.json"])
        assert len(articles) == 2
        assert len(errors) == 1
        assert errors.messages[0].startswith(f"{bad}: {problem}")


# --------------------------------------------------------------------------- mixed folder


EXPECTED_MIXED = [
    ("a_note", dt.date(2025, 5, 7), "Lakes Desk"),
    ("b_page", dt.date(2025, 4, 11), "The Nile Courier"),
    ("c_feed-1", dt.date(2025, 3, 19), "Shan Monitor"),
    ("c_feed-2", dt.date(2025, 3, 18), "Shan Monitor"),
    ("QX001", dt.date(2025, 2, 3), "Monitor Desk"),
    ("QX002", dt.date(2025, 2, 5), "d_reports"),
    ("1830042517-12", dt.date(2025, 1, 14), "Frontline Dispatch"),
    ("1830042517-13", dt.date(2025, 1, 13), "Gaza Field Reports"),
]


def _telegram(messages: list[dict[str, object]]) -> str:
    chat = {"name": "Valley News", "type": "public_channel", "id": 99, "messages": messages}
    return json.dumps({"chats": {"list": [chat]}})


def _rss(*items: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        + "".join(f"<item>{item}</item>" for item in items)
        + "</channel></rss>"
    )


class TestDispatch:
    """What read_articles adds to the format readers: limits, options, errors, warnings."""

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("desk.csv", "date,text\n2025-01-02,Raid at dawn\n,Shelling at noon\n,Drones\n"),
            (
                "wire.rss",
                _rss(
                    "<pubDate>Thu, 02 Jan 2025 10:00:00 +0000</pubDate>"
                    "<description>Raid at dawn</description>",
                    "<description>Shelling at noon</description>",
                    "<description>Drones</description>",
                ),
            ),
            (
                "result.json",
                _telegram(
                    [
                        {"id": 1, "type": "message", "date": "2025-01-02T10:00:00", "text": "Raid"},
                        {"id": 2, "type": "message", "text": "Shelling at noon"},
                        {"id": 3, "type": "message", "text": "Drones"},
                    ]
                ),
            ),
        ],
    )
    def test_undated_articles_of_one_file_warn_once(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, content: str
    ) -> None:
        caplog.set_level(logging.WARNING, logger="geomap.ingest")
        path = write(tmp_path / name, content)
        articles, errors = read([path])
        assert errors == []
        assert [a.published is None for a in articles] == [False, True, True]
        assert [m for m in caplog.messages if "publication date" in m] == [
            f"{path}: 2 of 3 articles have no publication date; their events will be undated"
        ]

    def test_a_feed_entry_with_a_bad_date_is_reported_and_kept(self, tmp_path: Path) -> None:
        path = write(
            tmp_path / "wire.rss",
            _rss(
                "<pubDate>someday</pubDate><description>Raid at dawn</description>",
                "<description>Shelling at noon</description>",
            ),
        )
        articles, errors = read([path])
        assert [a.text for a in articles] == ["Raid at dawn", "Shelling at noon"]
        assert errors.messages == [f"{path} entry 1: unreadable date 'someday'; undated"]

    def test_max_bytes_limits_pages_and_cells(self, tmp_path: Path) -> None:
        html = write(tmp_path / "p.html", page("<title>T</title>"))
        cells = write(tmp_path / "t.csv", f'date,text\n2025-01-02,"{PARAGRAPH}"\n')
        articles, errors = read([html, cells], max_bytes=100)
        assert articles == []
        assert errors.messages[0].startswith(f"{html}: file too large")
        assert errors.messages[1:] == [
            f"{cells} row 2: text too large ({len(PARAGRAPH)} chars)",
            f"{cells}: no row with text in column 'text'",
        ]
        articles, errors = read([html, cells])
        assert (len(articles), errors) == (2, [])

    def test_text_column_option(self, tmp_path: Path) -> None:
        path = write(tmp_path / "desk.csv", "Ref,Report Body\nr1,Shelling in the north\n")
        articles, errors = read([path], options=IngestOptions(text_column="report body"))
        assert errors == []
        assert [a.text for a in articles] == ["Shelling in the north"]


class TestMixed:
    def test_folder_of_every_format(self) -> None:
        articles, errors = read([MIXED])
        assert errors == []
        assert [(a.id, a.published, a.source) for a in articles] == EXPECTED_MIXED

    def test_keep_text_round_trip(self, tmp_path: Path) -> None:
        keep = tmp_path / "texts"
        articles, _ = read([MIXED], options=IngestOptions(keep_text=keep))
        again, errors = read([keep])
        assert errors == []
        assert [(a.id, a.text, a.published, a.source, a.url) for a in again] == sorted(
            ((a.id, a.text, a.published, a.source, a.url) for a in articles),
        )
        page_text = (keep / "b_page.txt").read_bytes().decode("utf-8")
        assert page_text == read_html_article(MIXED / "b_page.html").text

    def test_keep_text_unsafe_ids(self, tmp_path: Path) -> None:
        arts = [
            Article(id="../a/b", text="x"),
            Article(id="a_b", text="y"),
            Article(id="", text="z"),
        ]
        write_article_texts(arts, tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "a_b-2.txt",
            "a_b.txt",
            "article.txt",
            "manifest.csv",
        ]
        assert (tmp_path / "a_b.txt").read_text(encoding="utf-8") == "x"

    def test_libraries_imported_only_for_their_format(self) -> None:
        code = (
            "import sys; from geomap.ingest import read_articles; "
            f"read_articles([{str(MIXED / 'a_note.txt')!r}, {str(MIXED / 'result.json')!r}, "
            f"{str(MIXED / 'd_reports.csv')!r}]); "
            "mods = ('trafilatura', 'feedparser', 'htmldate'); "
            "print(sorted(m for m in mods if m in sys.modules))"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- from a shell


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write one unreadable file per format; return file name -> expected reason."""
    write(folder / "e_menu.html", page("<title>Menu</title>", "<nav><a href='/'>Home</a></nav>"))
    write(folder / "f_sitemap.xml", "<urlset><url><loc>https://x.example/</loc></url></urlset>")
    write(folder / "g_sheet.csv", "name,value\nx,1\n")
    write(folder / "h_export.json", '{"messages": [{"id": 1, "type": "service", "text": ""}]}')
    write(folder / "i_other.json", '{"name": "x"}')  # not an export: passed over, no error
    return {
        "e_menu.html": "no article text found",
        "f_sitemap.xml": "not an RSS or Atom feed",
        "g_sheet.csv": "no text column",
        "h_export.json": "no message with text in the export",
    }


@pytest.mark.model
def test_build_mixed_folder_from_a_shell(settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(MIXED, src)
    bad = _bad_inputs(src)
    out, keep = tmp_path / "out", tmp_path / "texts"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [str(GEOMAP), "-q", "--cache-dir", str(settings.cache_dir), "build", str(src)]
    cmd += ["-o", str(out), "--format", "geojson", "--keep-text", str(keep)]
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, timeout=600)
    assert res.returncode == 3, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == len(bad)
    for line, (name, reason) in zip(lines, sorted(bad.items()), strict=True):
        assert line.startswith(f"geomap: error: {src / name}: {reason}")
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    got = {(f["properties"]["article_id"], f["properties"]["source"]) for f in features}
    assert got == {(aid, source) for aid, _, source in EXPECTED_MIXED}
    dates = {f["properties"]["article_id"]: f["properties"]["event_date"] for f in features}
    # relative weekdays resolved against each article's own publication date
    assert dates["a_note"] == "2025-05-06"  # "on Tuesday", published Wednesday 7 May
    assert dates["b_page"] == "2025-04-10"  # "on Thursday", page dated Friday 11 April
    assert dates["QX002"] == "2025-02-05"
    assert dates["1830042517-13"] == "2025-01-13"
    urls = {f["properties"]["article_id"]: f["properties"]["url"] for f in features}
    assert urls["1830042517-12"] == "https://t.me/c/1830042517/12"
    assert sorted(p.name for p in keep.glob("*.txt")) == sorted(
        f"{a}.txt" for a, _, _ in EXPECTED_MIXED
    )


@pytest.mark.model
def test_places_offsets_point_into_the_kept_text(settings: Settings, tmp_path: Path) -> None:
    keep = tmp_path / "texts"
    args = ["-q", "--cache-dir", str(settings.cache_dir), "places", str(MIXED)]
    res = CliRunner().invoke(cli, [*args, "--keep-text", str(keep)])
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert {r["article"] for r in records} >= {"b_page", "c_feed-1", "QX001", "1830042517-12"}
    for r in records:
        text = (keep / f"{r['article']}.txt").read_text(encoding="utf-8")
        assert text[r["start"] : r["end"]] == r["text"]


def test_parse_loose_date() -> None:
    assert parse_loose_date("Tue, 04 Mar 2025 23:30:00 +0300") == dt.date(2025, 3, 4)
    assert parse_loose_date("March 4, 2025") == dt.date(2025, 3, 4)
    assert parse_loose_date("04-Mar-2025") == dt.date(2025, 3, 4)
    assert parse_loose_date("04.03.2025", dayfirst=False) == dt.date(2025, 3, 4)
    assert parse_loose_date("04/03/2025", dayfirst=False) == dt.date(2025, 4, 3)
    assert parse_loose_date("2025/03/04 10:00") == dt.date(2025, 3, 4)
    assert parse_loose_date("  ") is None
    with pytest.raises(ValueError, match=r"month must be in 1\.\.12"):
        parse_loose_date("31/31/2025")
    with pytest.raises(ValueError, match="not a date"):
        parse_loose_date("last week")


OSINT_DEV = EVAL_DIR / "osint-reports-dev.csv" if EVAL_DIR is not None else None


@pytest.mark.skipif(
    OSINT_DEV is None or not OSINT_DEV.is_file(),
    reason="the OSINT reports dev file: set $GEOMAP_EVAL_DIR to the folder holding it",
)
def test_osint_reports_file_reads_as_the_scorer_reads_it() -> None:
    assert OSINT_DEV is not None
    with OSINT_DEV.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    scorer = read_table_articles(OSINT_DEV)
    built, errors = read([OSINT_DEV])
    assert errors == []
    assert built == scorer
    assert [a.id for a in built] == [r["entry"] for r in rows]
    assert [a.published.isoformat() if a.published else "" for a in built] == [
        r["date"] for r in rows
    ]
    assert [a.url for a in built] == [r["link"] for r in rows]
    assert {a.source for a in built} == {OSINT_DEV.stem}
