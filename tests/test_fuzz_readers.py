"""Property tests (hypothesis) of every input reader and the cache reader (issue 33).

Each reader gets random bytes and random nested structures in its own format (JSON
values nested up to thousands deep, spreadsheets of quotes, separators and line breaks,
pages and feeds of random markup) next to a good article, through
:func:`geomap.ingest.read_articles`, and must: raise nothing, report each problem as one
:class:`~geomap._errors.InputError` line naming the bad file, and still read the good
article. The cache reader gets random bytes, and random payloads sealed with the right
key, and must return None (recompute) or the entry, never raise. Example counts stay
modest: the whole file runs in well under a minute.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from geomap._errors import InputError
from geomap.ingest import read_articles
from geomap.types import Article

GOOD_TEXT = "A drone strike hit Kharkiv on Monday, killing two people."
FUZZ = hyp_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_INTS = st.integers(-(2**63), 2**64 - 1)  # what MessagePack can hold
_SCALARS = st.none() | st.booleans() | _INTS | st.floats() | st.text(max_size=20)
#: JSON-like values: lists and objects of scalars, a few levels deep
NESTED = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)
#: a value wrapped in arrays/objects up to several thousand levels deep (as text)
DEEP = st.tuples(st.integers(1, 5000), st.sampled_from(["[", '{"a":'])).map(
    lambda d: d[1] * d[0] + "1" + ("]" if d[1] == "[" else "}") * d[0]
)


def _read_beside_a_good_article(name: str, data: bytes | str) -> tuple[list[Article], list[str]]:
    """Read the fuzzed file and a good .txt from one folder; return articles and errors."""
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
        bad = folder / name
        if isinstance(data, str):
            bad.write_text(data, encoding="utf-8", errors="surrogatepass")
        else:
            bad.write_bytes(data)

        def collect(err: InputError) -> None:
            errors.append(str(err))

        articles = read_articles([folder], on_error=collect)
    return articles, errors


def _check(articles: list[Article], errors: list[str], name: str) -> None:
    assert [a.text for a in articles if a.id == "good"] == [GOOD_TEXT]
    for message in errors:
        assert "\n" not in message, message  # one line each
        assert name in message, message  # naming the file
    for article in articles:
        article.text.encode("utf-8")  # every text can be written (no lone surrogates)
        article.id.encode("utf-8")


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(
    [".txt", ".jsonl", ".csv", ".tsv", ".json", ".html", ".rss", ".xml"]
))  # fmt: skip
def test_random_bytes_in_any_format(data: bytes, suffix: str) -> None:
    articles, errors = _read_beside_a_good_article(f"fuzz{suffix}", data)
    _check(articles, errors, f"fuzz{suffix}")


@FUZZ
@given(lines=st.lists(NESTED.map(json.dumps) | DEEP, min_size=1, max_size=6))
def test_jsonl_of_random_and_deep_values(lines: list[str]) -> None:
    articles, errors = _read_beside_a_good_article("fuzz.jsonl", "\n".join(lines) + "\n")
    _check(articles, errors, "fuzz.jsonl")


@FUZZ
@given(
    messages=st.lists(NESTED, max_size=6) | DEEP,
    extra=st.dictionaries(st.text(max_size=8), NESTED, max_size=3),
)
def test_telegram_export_of_random_and_deep_values(messages: Any, extra: dict[str, Any]) -> None:
    body = messages if isinstance(messages, str) else json.dumps(messages)
    text = '{"name": "fuzz", ' + json.dumps(extra)[1:-1] + (", " if extra else "")
    text += f'"messages": {body}}}'
    articles, errors = _read_beside_a_good_article("result.json", text)
    _check(articles, errors, "result.json")


_CELL = st.text(alphabet=",;\"\t\r\n =+-@abc'", max_size=12)


@FUZZ
@given(
    header=st.sampled_from(["id,date,text", "text", "date;text;url", "notes\tsource"]),
    rows=st.lists(st.lists(_CELL, max_size=5).map(",".join), max_size=8),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_spreadsheet_of_quotes_separators_and_line_breaks(
    header: str, rows: list[str], newline: str
) -> None:
    articles, errors = _read_beside_a_good_article("fuzz.csv", newline.join([header, *rows]))
    _check(articles, errors, "fuzz.csv")


@FUZZ
@given(rows=st.lists(st.lists(_CELL, max_size=6).map(",".join), max_size=6))
def test_manifest_of_quotes_separators_and_line_breaks(rows: list[str]) -> None:
    text = "\n".join(["file,published,source,url,title", *rows])
    articles, errors = _read_beside_a_good_article("manifest.csv", text)
    _check(articles, errors, "manifest.csv")


_TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "<!--", "<br/>", "<b>"])
_MARKUP = st.lists(_TAGS | st.text(max_size=20), max_size=30).map("".join)


@hyp_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_MARKUP, depth=st.integers(0, 3000))
def test_web_page_of_random_and_deep_markup(body: str, depth: int) -> None:
    page = f"<html><body>{'<div>' * depth}<p>{body}</p>{'</div>' * depth}</body></html>"
    articles, errors = _read_beside_a_good_article("fuzz.html", page)
    _check(articles, errors, "fuzz.html")


@hyp_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_MARKUP, content=_MARKUP, date=st.text(max_size=30))
def test_feed_of_random_entries(title: str, content: str, date: str) -> None:
    def esc(s: str) -> str:
        return s.replace("&", "&amp;").replace("<", "&lt;")

    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
        f"<title>{esc(title)}</title><description>{esc(content)}</description>"
        f"<pubDate>{esc(date)}</pubDate></item></channel></rss>"
    )
    articles, errors = _read_beside_a_good_article("fuzz.rss", feed)
    _check(articles, errors, "fuzz.rss")


# --------------------------------------------------------------------------- the cache reader


def _cache_with_entry(folder: Path) -> tuple[Any, Article, Path]:
    from geomap._cache import ArticleCache

    article = Article(id="a", text=GOOD_TEXT)
    store = ArticleCache(folder / "articles", "v")
    store.put_events(article, [], 3, 1)
    (path,) = list((folder / "articles" / "v").rglob("*.msgpack"))
    return store, article, path


@FUZZ
@given(data=st.binary(max_size=2000))
def test_cache_reader_on_random_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, article, path = _cache_with_entry(Path(tmp))
        path.write_bytes(data)
        assert store.get_events(article) is None
        path.write_bytes(data)
        parse = path.with_name(path.name.replace(".events.", ".parse."))
        parse.write_bytes(data)
        assert store.get(article) is None


@FUZZ
@given(value=NESTED, raw=st.binary(max_size=300))
def test_cache_reader_on_sealed_random_payloads(value: Any, raw: bytes) -> None:
    """Payloads carrying a valid checksum (as a bug of ours could write) never raise either."""
    import msgpack

    from geomap._cache import article_key
    from geomap._cache_codec import seal_entry

    with tempfile.TemporaryDirectory() as tmp:
        store, article, path = _cache_with_entry(Path(tmp))
        name = article_key(article)
        for payload in (msgpack.packb(value), raw, msgpack.packb([article.id, value, 1, 2])):
            path.write_bytes(seal_entry(store.key, b"events", name, payload))
            got = store.get_events(article)
            assert got is None or got[1:] == (1, 2)
            parse = path.with_name(path.name.replace(".events.", ".parse."))
            parse.write_bytes(seal_entry(store.key, b"parse", name, payload))
            assert store.get(article) is None
