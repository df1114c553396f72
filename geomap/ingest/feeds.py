"""Ingest stage: RSS and Atom feed files (``.rss``, ``.atom``, ``.xml``) through feedparser.

One article per entry: its title, a blank line, then its full content (else its
summary) as plain text; the entry's publication date (else its update date) as
written in the feed; its link; the feed's title as source (an entry's own
``<source>`` wins, as aggregators set it). Only the bytes on disk are parsed:
feedparser is given a stream, never a path or URL, so nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from geomap._errors import InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.ingest.common import (
    DEFAULT_MAX_FILE_BYTES,
    ErrorHandler,
    clip,
    normalise_newlines,
    parse_loose_date,
    raise_error,
    read_bytes,
    show,
)
from geomap.types import Article

__all__ = ["FEED_SUFFIXES", "html_to_text", "read_feed"]

logger = logging.getLogger(__name__)

#: File suffixes read as feeds.
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}
    | {"blockquote", "section", "article", "header", "footer", "figure", "figcaption", "pre"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _TextParser(HTMLParser):
    """Collect the text of an HTML fragment, a line break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Turn an HTML fragment (a feed entry's content) into plain text.

    Parameters
    ----------
    fragment
        HTML or plain text; character references are decoded.

    Returns
    -------
    str
        The text, one blank line between block elements (paragraphs, list
        items, headings), runs of spaces collapsed, no leading or trailing space.
    """
    if "<" not in fragment and "&" not in fragment:
        text = fragment
    else:
        parser = _TextParser()
        parser.feed(fragment)
        parser.close()
        text = "".join(parser.parts)
    lines = [_SPACES.sub(" ", line).strip() for line in normalise_newlines(text).split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    body = ""
    for part in contents:  # prefer the HTML / text part with the most text
        value = html_to_text(str(part.get("value", "")))
        if len(value) > len(body):
            body = value
    summary = html_to_text(str(entry.get("summary", "")))
    if len(summary) > len(body):
        body = summary
    title = html_to_text(str(entry.get("title", "")))
    if title and body.startswith(title):
        return body
    return f"{title}\n\n{body}" if title and body else title or body


def _entry_date(entry: Any) -> tuple[dt.date | None, str]:
    """Return the entry's date as written (published, else updated) and the raw value."""
    for key in ("published", "updated", "created"):
        with warnings.catch_warnings():  # feedparser warns when it maps "updated" to "published"
            warnings.simplefilter("ignore", DeprecationWarning)
            raw = entry.get(key)
        if not raw:
            continue
        try:
            return parse_loose_date(str(raw)), ""
        except ValueError:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                parsed = entry.get(f"{key}_parsed")
            if parsed:  # a form feedparser knows but we do not: its UTC date
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), ""
            return None, str(raw)
    return None, ""


def read_feed(
    path: str | Path,
    *,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> list[Article]:
    """Read the entries of an RSS or Atom feed file as articles.

    Parameters
    ----------
    path
        The feed file. Entry ``n`` (1-based, in file order) gets the id
        ``<file stem>-<n>``.
    on_error
        Called with an :class:`InputError` for an entry with an unreadable date
        (kept, undated); None raises it.
    max_bytes
        Larger files are refused.

    Returns
    -------
    list of Article
        One per entry with text, in file order; entries without any text are skipped.

    Raises
    ------
    InputError
        If the file cannot be read, is not a feed, or has no entry with text.
    """
    path = Path(path)
    handle = on_error or raise_error
    name = show(path)
    raw = read_bytes(path, max_bytes=max_bytes)
    if not raw.strip():
        msg = f"{name}: empty file"
        raise InputError(msg)
    try:
        import feedparser
    except ImportError as exc:  # pragma: no cover - a declared dependency
        msg = f"{name}: reading feeds needs feedparser (pip install feedparser)"
        raise InputError(msg) from exc
    parsed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=True)
    entries = list(parsed.get("entries") or [])
    if not entries:
        why = parsed.get("bozo_exception")
        detail = " ".join(str(why).split())
        reason = f" ({type(why).__name__}: {clip(detail, 100)})" if why else ""
        msg = f"{name}: not an RSS or Atom feed, or a feed without entries{reason}"
        raise InputError(msg)
    feed = parsed.get("feed") or {}
    feed_title = html_to_text(str(feed.get("title", "")))
    articles: list[Article] = []
    for n, entry in enumerate(entries, start=1):
        text = _entry_text(entry)
        if not text:
            logger.debug("%s entry %d: no text; skipped", name, n)
            continue
        published, bad = _entry_date(entry)
        if bad:
            handle(InputError(f"{name} entry {n}: unreadable date {clip(bad)}; undated"))
        source = entry.get("source") or {}
        articles.append(
            Article(
                id=f"{path.stem}-{n}",
                text=text,
                published=published,
                source=html_to_text(str(source.get("title", ""))) or feed_title,
                url=str(entry.get("link", "")).strip(),
                title=html_to_text(str(entry.get("title", ""))),
                path=str(path),
                skip_spans=find_boilerplate(text),
            )
        )
    if not articles:
        msg = f"{name}: no entry with text in the feed ({len(entries)} entries)"
        raise InputError(msg)
    return articles
