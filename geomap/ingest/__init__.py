"""Ingest stage: read articles from the files analysts have.

Formats, one module each: folders of ``.txt`` files with an optional
``manifest.csv`` (:mod:`~geomap.ingest.textfile`), JSON Lines
(:mod:`~geomap.ingest.jsonl`), saved web pages (:mod:`~geomap.ingest.webpage`),
RSS/Atom feeds (:mod:`~geomap.ingest.feeds`), spreadsheets of reports
(:mod:`~geomap.ingest.table`) and Telegram Desktop exports
(:mod:`~geomap.ingest.telegram`). The readers of web pages and feeds import
their libraries (trafilatura, feedparser) only when such a file is read, and
nothing is fetched from the network.

``Article.text`` is the text every later character offset points into: a text
file's content as decoded (newlines normalised, nothing else changed), a page's
extracted main text, a feed entry's title and content as plain text, a cell, a
message. :func:`write_article_texts` writes them out (``--keep-text``).
Boilerplate lines are not deleted; :func:`find_boilerplate` reports them as
``Article.skip_spans``.

Bad input never stops the run: each problem becomes one :class:`InputError`
with a one-line message naming the file, handed to ``on_error`` (raised when
``on_error`` is None), and the other articles are still read.
"""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from geomap._errors import InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.ingest.common import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    ErrorHandler,
    check_regular,
    clip,
    decode_text,
    parse_date,
    parse_loose_date,
    show,
    unicode_safe,
)
from geomap.ingest.feeds import FEED_SUFFIXES, read_feed
from geomap.ingest.jsonl import read_jsonl
from geomap.ingest.table import TABLE_SUFFIXES, read_table_articles
from geomap.ingest.telegram import TELEGRAM_SUFFIXES, NotTelegramExportError, read_telegram_export
from geomap.ingest.textfile import (
    MANIFEST_NAME,
    ManifestRow,
    ParsedManifest,
    parse_manifest,
    read_article_file,
    read_manifest,
    write_article_texts,
)
from geomap.ingest.webpage import HTML_SUFFIXES, read_html_article
from geomap.types import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_FILE_BYTES",
    "SUFFIXES",
    "IngestOptions",
    "ManifestRow",
    "decode_text",
    "find_boilerplate",
    "parse_date",
    "parse_loose_date",
    "read_article_file",
    "read_articles",
    "read_feed",
    "read_html_article",
    "read_jsonl",
    "read_manifest",
    "read_table_articles",
    "read_telegram_export",
    "write_article_texts",
]

logger = logging.getLogger(__name__)

_TEXT_SUFFIXES = frozenset({".txt"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: Every file suffix read, by format.
SUFFIXES: dict[str, frozenset[str]] = {
    "text": _TEXT_SUFFIXES,
    "jsonl": _JSONL_SUFFIXES,
    "html": HTML_SUFFIXES,
    "feed": FEED_SUFFIXES,
    "table": TABLE_SUFFIXES,
    "telegram": TELEGRAM_SUFFIXES,
}
_ALL_SUFFIXES = frozenset().union(*SUFFIXES.values())
_SINGLE_SUFFIXES = _TEXT_SUFFIXES | HTML_SUFFIXES
_NO_ARTICLES = (
    "no articles (no .txt, .jsonl, .html, feed, .csv or Telegram .json files) in this folder"
)
_EXPECTED = "a folder, .txt, .jsonl, .html, .rss/.atom/.xml, .csv/.tsv or a Telegram result.json"


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How inputs are read, beyond the files themselves (``geomap build`` options).

    ``text_column`` / ``date_column`` name a spreadsheet's text and date columns
    when its header does not use the usual names; ``keep_text`` is a folder to
    write every article's text to (:func:`write_article_texts`).
    """

    text_column: str | None = None
    date_column: str | None = None
    keep_text: Path | None = None


def _where(article: Article) -> str:
    """Name an article in a message: its path, plus its id when the file holds many."""
    path = show(article.path)
    many = Path(article.path).suffix.lower() not in _SINGLE_SUFFIXES
    return f"{path} [{article.id}]" if many else path


def _is_manifest(path: Path) -> bool:
    return path.name.lower() == MANIFEST_NAME


def _writable(article: Article) -> Article:
    """The article with lone surrogates spelt as escapes in its text and metadata.

    They come from file names that are not UTF-8 and from JSON ``\\ud83d`` escapes
    (Telegram exports); left in, they could not be written to the exports.
    """
    fields = (article.id, article.source, article.url, article.title, article.text)
    safe = tuple(map(unicode_safe, fields))
    if safe == fields:
        return article
    text = safe[4]
    spans = article.skip_spans if text == article.text else find_boilerplate(text)
    return replace(
        article, id=safe[0], source=safe[1], url=safe[2], title=safe[3], text=text, skip_spans=spans
    )


class _Run:
    """State of one :func:`read_articles` call: results, counts, dedup."""

    def __init__(
        self, on_error: ErrorHandler | None, max_bytes: int, options: IngestOptions
    ) -> None:
        self.on_error = on_error
        self.max_bytes = max_bytes
        self.options = options
        self.articles: list[Article] = []
        self.errors = 0
        self.seen_errors: set[str] = set()
        self.seen_files: set[Path] = set()
        self.ids: dict[str, str] = {}
        self.manifests: dict[Path, ParsedManifest] = {}

    def error(self, err: InputError) -> None:
        message = str(err)
        if message in self.seen_errors:
            return
        self.seen_errors.add(message)
        self.errors += 1
        if self.on_error is None:
            raise err
        self.on_error(err)

    def first_visit(self, path: Path) -> bool:
        key = path.resolve()
        if key in self.seen_files:
            logger.warning("%s: given more than once; read once", show(path))
            return False
        self.seen_files.add(key)
        return True

    def manifest(self, folder: Path) -> ParsedManifest:
        key = folder.resolve()
        if key not in self.manifests:
            path = folder / MANIFEST_NAME
            self.manifests[key] = (
                parse_manifest(path, max_bytes=self.max_bytes)
                if _entry_kind(path) != "gone"
                else ({}, [])
            )
        return self.manifests[key]

    def add(self, article: Article, *, warn_undated: bool = True) -> None:
        article = _writable(article)
        wanted = article.id
        if wanted in self.ids:
            n = 2
            while f"{wanted}-{n}" in self.ids:
                n += 1
            new_id = f"{wanted}-{n}"
            logger.warning(
                "%s: article id %r is already used by %s; renamed to %r",
                _where(article),
                wanted,
                show(self.ids[wanted]),
                new_id,
            )
            article = replace(article, id=new_id)
        self.ids[article.id] = article.path
        if article.published is None and warn_undated:
            logger.warning("%s: no publication date; its events will be undated", _where(article))
        self.articles.append(article)

    def add_many(self, path: Path, articles: list[Article]) -> None:
        """Add a feed's, spreadsheet's or export's articles; one warning for the undated."""
        undated = sum(a.published is None for a in articles)
        if undated:
            logger.warning(
                "%s: %d of %d articles have no publication date; their events will be undated",
                show(path),
                undated,
                len(articles),
            )
        for article in articles:
            # (mutation testing: warn_undated=None is equivalent, it is read as a truth value)
            self.add(article, warn_undated=False)

    def read_txt(self, path: Path, row: ManifestRow | None) -> None:
        try:
            article = read_article_file(path, manifest_row=row, max_bytes=self.max_bytes)
        except InputError as err:
            self.error(err)
            return
        self.add(article)

    def read_other(self, path: Path, *, in_folder: bool = False) -> None:
        """Read any file that is not a ``.txt`` article.

        In a folder, a JSON file that is not a Telegram export (a gold file, a configuration)
        is passed over with a warning; named on its own, it is an input error.
        """
        suffix = path.suffix.lower()
        big = max(self.max_bytes, DEFAULT_MAX_FILE_BYTES)
        try:
            if suffix in _JSONL_SUFFIXES:
                for article in read_jsonl(path, on_error=self.error, max_bytes=self.max_bytes):
                    self.add(article)
            elif suffix in HTML_SUFFIXES:
                self.add(read_html_article(path, max_bytes=self.max_bytes))
            elif suffix in FEED_SUFFIXES:
                self.add_many(path, read_feed(path, on_error=self.error, max_bytes=big))
            elif suffix in TABLE_SUFFIXES:
                articles = read_table_articles(
                    path,
                    text_column=self.options.text_column,
                    date_column=self.options.date_column,
                    on_error=self.error,
                    max_bytes=self.max_bytes,
                    max_file_bytes=big,
                )
                self.add_many(path, articles)
            else:
                self.add_many(path, read_telegram_export(path, max_bytes=big))
        except NotTelegramExportError as err:
            if not in_folder:
                self.error(err)
                return
            logger.warning("%s: not a Telegram export (no 'messages' list); skipped", show(path))
        except InputError as err:
            self.error(err)

    def read_folder(self, folder: Path) -> None:
        try:
            # by name, case-sensitive on every system; POSIX paths of one folder compare so
            # anyway (mutation testing: dropping the key is equivalent on Linux)
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            self.error(InputError(f"{show(folder)}: cannot list folder ({exc.strerror or exc})"))
            return
        candidates = [
            p for p in entries if not p.name.startswith(".") and p.suffix.lower() in _ALL_SUFFIXES
        ]
        files = []
        for p in candidates:
            kind = _entry_kind(p)
            if kind == "file" and not _is_manifest(p):
                files.append(p)
            elif kind == "special":  # a FIFO named like an article would block the run
                try:
                    check_regular(p)
                except InputError as refused:
                    self.error(refused)
        if not files:
            msg = f"{show(folder)}: {_NO_ARTICLES}"
            self.error(InputError(msg))
            return
        rows, problems = self.manifest(folder)
        for _file, err in problems:
            self.error(err)
        names = {p.name for p in files if p.suffix.lower() in _TEXT_SUFFIXES}
        for file, row in rows.items():
            if file not in names:
                msg = (
                    f"{show(folder / MANIFEST_NAME)} line {row.line}: "
                    f"listed file {show(folder / file)} does not exist"
                )
                self.error(InputError(msg))
        for path in files:
            if not self.first_visit(path):
                continue
            if path.suffix.lower() in _TEXT_SUFFIXES:
                self.read_txt(path, rows.get(path.name))
            else:
                self.read_other(path, in_folder=True)

    def read_path(self, path: Path) -> None:
        if not path.exists():
            self.error(InputError(f"{show(path)}: no such file or folder"))
            return
        if path.is_dir():
            self.read_folder(path)
            return
        suffix = path.suffix.lower()
        if suffix not in _ALL_SUFFIXES:
            msg = (
                f"{show(path)}: unsupported input type {clip(suffix or path.name)} "
                f"(expected {_EXPECTED})"
            )
            self.error(InputError(msg))
            return
        if _is_manifest(path):
            msg = (
                f"{show(path)}: a folder's manifest (metadata of its .txt files), not articles; "
                f"give the folder {show(path.parent)} instead"
            )
            self.error(InputError(msg))
            return
        try:
            check_regular(path)
        except InputError as refused:
            self.error(refused)
            return
        if not self.first_visit(path):
            return
        if suffix not in _TEXT_SUFFIXES:
            self.read_other(path)
            return
        rows, problems = self.manifest(path.parent)
        for file, err in problems:
            if file is None or file == path.name:
                self.error(err)
        self.read_txt(path, rows.get(path.name))


def _entry_kind(path: Path) -> str:
    """``"file"``, ``"folder"`` (sub-folders are not read), ``"special"`` (FIFO, device, socket)
    or ``"gone"``."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "gone"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "special"


def read_articles(
    paths: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: IngestOptions | None = None,
) -> list[Article]:
    """Read articles from folders and files of every supported format.

    A folder contributes every ``.txt``, ``.jsonl``, ``.html``, feed
    (``.rss``/``.atom``/``.xml``), spreadsheet (``.csv``/``.tsv``, not its
    ``manifest.csv``) and Telegram export (``.json``) in it (sorted by name, not
    recursive, hidden files skipped); its ``.txt`` files take their metadata from
    the folder's ``manifest.csv`` if present, and a single ``.txt`` file uses its
    folder's manifest. Articles without a publication date are kept (a WARNING
    says their events will be undated; one per file for feeds, spreadsheets and
    exports). Two articles with the same id are both kept, the later one renamed
    ``<id>-2`` (WARNING). A file given twice is read once.

    Parameters
    ----------
    paths
        Folders and files.
    on_error
        Called with a one-line :class:`InputError` for each bad input (empty,
        binary, invalid UTF-8/UTF-16, too large, bad manifest row, broken JSON
        line, a page or feed without text, a spreadsheet without a text column,
        folder without articles, missing path); reading then continues. None
        raises the first error.
    max_bytes
        Largest article file (or spreadsheet cell, JSON line) read; larger ones
        are reported. Files of many articles may be larger (up to
        :data:`DEFAULT_MAX_FILE_BYTES`).
    options
        Spreadsheet column names and the ``keep_text`` folder.

    Returns
    -------
    list of Article
        In input order (folder contents sorted by file name).

    Raises
    ------
    GeomapError
        If ``options.keep_text`` cannot be written, or is an input folder or inside one.
    """
    inputs = [Path(p) for p in paths]
    opts = options or IngestOptions()
    if opts.keep_text is not None:  # never rewrite an input folder's own files
        from geomap._outputs import refuse_outputs_inside_inputs

        refuse_outputs_inside_inputs(inputs, keep_text=opts.keep_text)
    run = _Run(on_error, max_bytes, opts)
    for path in inputs:
        run.read_path(path)
    undated = sum(1 for a in run.articles if a.published is None)
    logger.info(
        "%d articles read from %d inputs (%d undated, %d errors)",
        len(run.articles),
        len(inputs),
        undated,
        run.errors,
    )
    if opts.keep_text is not None and run.articles:
        manifest = write_article_texts(run.articles, opts.keep_text)
        logger.info("%d article texts written to %s", len(run.articles), show(manifest.parent))
    return run.articles
