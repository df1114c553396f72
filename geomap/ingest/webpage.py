"""Ingest stage: saved web pages (``.html``), main text and metadata through trafilatura.

The article text is what trafilatura extracts as the page's main content (menus,
headers, footers, comments and share boxes dropped); every character offset the
later stages publish points into that text, which ``geomap build --keep-text DIR``
writes out. The publication date comes from the page's metadata (``<meta>``,
JSON-LD, ``<time>``, a date in the URL) through trafilatura and htmldate,
never guessed from the running text; the URL from the canonical link, the
source from the site name (else the host name). Nothing is fetched: the page is
parsed from the bytes on disk.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from geomap._errors import InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.ingest.common import (
    DEFAULT_MAX_BYTES,
    clip,
    normalise_newlines,
    parse_loose_date,
    read_bytes,
    show,
)
from geomap.types import Article

__all__ = ["HTML_SUFFIXES", "read_html_article"]

logger = logging.getLogger(__name__)

#: File suffixes read as saved web pages.
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: A page's text needs one line of at least this many words to count as an article.
_MIN_WORDS = 4


def _extract(raw: bytes, *, name: str) -> Any:
    """Run trafilatura on the page bytes; return its document or None."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a declared dependency
        msg = f"{name}: reading .html needs trafilatura (pip install trafilatura)"
        raise InputError(msg) from exc
    # trafilatura logs per-page diagnostics at WARNING/ERROR; they are ours to report
    quiet = logging.getLogger("trafilatura")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        tree = _load_tree(raw, name=name)
        if tree is None:
            return None
        return trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            # metadata, <time> elements and the URL only: a free-text search turns a
            # "Copyright 2021" footer into a 1 January publication date
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, LookupError) as exc:  # malformed markup or encoding
        msg = f"{name}: cannot parse the page ({type(exc).__name__}: {exc})"
        raise InputError(msg) from exc
    except RecursionError as exc:
        msg = f"{name}: page nested too deeply to read (over ~{_MAX_DEPTH} elements)"
        raise InputError(msg) from exc
    finally:
        quiet.setLevel(level)


#: libxml2's nesting limit with ``huge_tree`` (without it, 256: deeper text was lost).
_MAX_DEPTH = 2048


def _load_tree(raw: bytes, *, name: str) -> Any:
    """Parse page bytes as trafilatura's ``load_html`` does, without libxml2's 256-level cap.

    libxml2 stops building the tree 256 elements deep unless told the document may be
    huge, and the text below is silently lost; here it is read down to
    :data:`_MAX_DEPTH` levels, and a page nested deeper is an :class:`InputError`.
    """
    from lxml.html import HTMLParser, fromstring
    from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html

    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    text = decode_file(raw)
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = repair_faulty_html(text, beginning)
    try:
        tree = fromstring(text, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree = None
    except Exception:  # noqa: BLE001 - lxml's own errors: read again from bytes, as trafilatura
        tree = None
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
        except Exception:  # noqa: BLE001 - lxml's XMLSyntaxError/ParserError: not a page
            tree = None
    if any("Excessive depth" in str(e.message) for e in parser.error_log):
        msg = f"{name}: page nested too deeply to read (over {_MAX_DEPTH} elements)"
        raise InputError(msg)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def _page_date(value: object, *, name: str) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_loose_date(value)
    except ValueError:
        logger.warning("%s: unreadable page date %r; the article is undated", name, value)
        return None


def read_html_article(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one saved web page as an article.

    Parameters
    ----------
    path
        The ``.html`` file; its stem becomes ``Article.id``. The encoding is taken
        from the page (``<meta charset>``, BOM) or detected.
    max_bytes
        Larger files are refused.

    Returns
    -------
    Article
        ``text``: the extracted main text, a blank line between blocks (title
        first when the page repeats it as a heading); ``published``: the page's
        publication date (None when the page gives none); ``url``: its
        canonical URL; ``source``: its site name or host; ``title``: its title.

    Raises
    ------
    InputError
        If the file cannot be read, is not a page, or has no main text.
    """
    path = Path(path)
    name = show(path)
    raw = read_bytes(path, max_bytes=max_bytes)
    if not raw.strip():
        msg = f"{name}: empty file"
        raise InputError(msg)
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = f"{name}: binary file, not a web page (NUL byte at byte {raw.index(0)})"
        raise InputError(msg)
    doc = _extract(raw, name=name)
    # trafilatura puts one newline between blocks; a blank line keeps a headline and
    # the paragraphs apart as they are on the page (and as .txt articles are written)
    lines = normalise_newlines(getattr(doc, "text", None) or "").split("\n")
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    if not text.strip():
        msg = f"{name}: no article text found in the page (nothing left after removing boilerplate)"
        raise InputError(msg)
    if not any(len(line.split()) >= _MIN_WORDS for line in text.split("\n")):
        # trafilatura falls back to whatever is left (menu items) when a page has no body
        msg = (
            f"{name}: no article text found in the page (only short lines such as menu "
            f"items: {clip(text[:80])})"
        )
        raise InputError(msg)
    source = getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or ""
    return Article(
        id=path.stem,
        text=text,
        published=_page_date(getattr(doc, "date", None), name=name),
        source=str(source).strip(),
        url=str(getattr(doc, "url", None) or "").strip(),
        title=str(getattr(doc, "title", None) or "").strip(),
        path=str(path),
        skip_spans=find_boilerplate(text),
    )
