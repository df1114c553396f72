"""Ingest stage: spreadsheets of reports (``.csv``, ``.tsv``), one article per row.

The header names the columns, case-insensitively (spaces and dashes count as
underscores): the text column is the first of :data:`TEXT_COLUMNS` present
(``text``, ``description``, ``notes``, ...), the date column the first of
:data:`DATE_COLUMNS` (``date``, ``published``, ``event_date``, ...), unless
``text_column`` / ``date_column`` name them. An id-like column (``entry``,
``id``, ``event_id_cnty``, ...) gives the article id, else ``<file stem>:<row>``
(the spreadsheet row, the header being row 1); ``link``/``url`` the URL,
``source`` the source (else the file stem), ``title``/``headline`` the title.
Other columns are ignored. The file is streamed, so large exports stay cheap.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import logging
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from geomap._errors import InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.ingest.common import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_FILE_BYTES,
    ErrorHandler,
    check_regular,
    clip,
    csv_records,
    megabytes,
    normalise_newlines,
    open_regular,
    parse_loose_date,
    raise_error,
    show,
)
from geomap.types import Article

__all__ = [
    "DATE_COLUMNS",
    "ID_COLUMNS",
    "TABLE_SUFFIXES",
    "TEXT_COLUMNS",
    "read_table_articles",
]

logger = logging.getLogger(__name__)

#: File suffixes read as spreadsheets (``manifest.csv`` excepted).
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
#: Text column names tried in order.
TEXT_COLUMNS = ("text", "description", "notes", "content", "body", "message", "summary")
#: Date column names tried in order.
DATE_COLUMNS = ("date", "published", "event_date", "publication_date", "pubdate", "datetime")
#: Id column names tried in order.
ID_COLUMNS = ("id", "entry", "event_id_cnty", "event_id", "report_id", "uid", "uuid")
_URL_COLUMNS = ("url", "link", "source_url", "href")
_SOURCE_COLUMNS = ("source", "publisher", "outlet", "channel")
_TITLE_COLUMNS = ("title", "headline")
_SLASH_DATE = re.compile(r"\s*(\d{1,2})/(\d{1,2})/\d{2,4}")
_BAD_DATES_SHOWN = 3
#: Malformed rows named one by one in a file; the rest are counted on one more line.
_BAD_ROWS_SHOWN = 5
#: What a spreadsheet without a BOM that is not UTF-8 is read as: Excel's plain "CSV" on Windows.
_LEGACY = "cp1252"


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _pick(header: Sequence[str], wanted: Sequence[str]) -> int | None:
    for name in wanted:
        if name in header:
            return header.index(name)
    return None


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _open_text(path: Path) -> tuple[str, int]:
    """Return the file's encoding (from its BOM; else UTF-8) and its size."""
    with open_regular(path) as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", path.stat().st_size
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", path.stat().st_size
    if b"\x00" in head:
        msg = f"{show(path)}: binary file, not a spreadsheet (NUL byte at byte {head.index(0)})"
        raise InputError(msg)
    return "utf-8", path.stat().st_size


def _utf8_error(path: Path) -> str | None:
    """Return why the file is not UTF-8 (reason and byte offset), or None when it is."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        with open_regular(path) as fh:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
                offset += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        pending = len(exc.object) - len(chunk) if exc.object is not chunk else 0
        return f"{exc.reason} at byte {offset + exc.start - pending}"
    return None


def _legacy_fallback(path: Path, why: str) -> str:
    """Pick the encoding of a spreadsheet without a BOM that is not UTF-8 (Excel's "CSV")."""
    try:
        with open_regular(path) as fh:
            fh.read().decode(_LEGACY)
    except UnicodeDecodeError as exc:
        msg = f"{show(path)}: invalid UTF-8 ({why}); save the file as UTF-8"
        raise InputError(msg) from exc
    logger.warning(
        "%s: not UTF-8 (%s); read as Windows-1252 (Excel's plain CSV); save it as UTF-8 to be sure",
        show(path),
        why,
    )
    return _LEGACY


def _open_text_file(path: Path, encoding: str, errors: str = "strict") -> IO[str]:
    return io.TextIOWrapper(open_regular(path), encoding=encoding, errors=errors, newline="")


def _dayfirst(path: Path, encoding: str, delimiter: str, column: int) -> bool:
    """Decide how the file writes ``04/03/2025``: day first unless a row proves otherwise."""
    with _open_text_file(path, encoding, errors="replace") as fh:
        for _line, cells, _problem in csv_records(fh, delimiter):
            m = _SLASH_DATE.match(cells[column]) if cells and column < len(cells) else None
            if m is None:
                continue
            if int(m.group(1)) > 12:
                return True
            if int(m.group(2)) > 12:
                return False
    return True


def _row_problem(cells: list[str], width: int) -> str:
    """Why a row cannot be read against a header of ``width`` cells ("" when it can)."""
    if len(cells) < width:
        return f"{len(cells)} fields, header has {width}"
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return f"{len(cells)} fields, header has {width}"
    return ""


def _column(
    header: list[str], name: str | None, defaults: Sequence[str], *, what: str, path: Path
) -> int | None:
    if name is None:
        return _pick(header, defaults)
    found = _pick(header, [_key(name)])
    if found is None:
        msg = (
            f"{show(path)}: no {what} column {clip(name)} (header is {clip(','.join(header), 120)})"
        )
        raise InputError(msg)
    return found


def read_table_articles(
    path: str | Path,
    *,
    text_column: str | None = None,
    date_column: str | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> list[Article]:
    """Read a spreadsheet of reports (CSV or TSV with a header), one article per row.

    Parameters
    ----------
    path
        The ``.csv``/``.tsv`` file: UTF-8 (BOM allowed), UTF-16 with a BOM, or
        (with a WARNING) Windows-1252 when it is not UTF-8, as Excel's plain CSV;
        comma, semicolon, tab or ``|`` separated (from the header line).
    text_column, date_column
        Header names of the text and date columns (case-insensitive), when they
        are not among :data:`TEXT_COLUMNS` / :data:`DATE_COLUMNS`.
    on_error
        Called with one :class:`InputError` per file for the rows whose date
        cannot be read (those articles are kept, undated); None raises it.
    max_bytes
        Largest text cell.
    max_file_bytes
        Largest file.

    Returns
    -------
    list of Article
        One per row with text, in file order; ``id`` from the id column (else
        ``<file stem>:<row>``), ``published`` from the date column (ISO,
        ``04/03/2025``, ``4 March 2025``, ... see
        :func:`geomap.ingest.common.parse_loose_date`), ``url``, ``source``
        (else the file stem) and ``title`` from their columns.

    Raises
    ------
    InputError
        If the file cannot be read or decoded, has no header, no text column
        (or not the one named) or no row with text.
    """
    path = Path(path)
    handle = on_error or raise_error
    name = show(path)
    try:
        check_regular(path)
        encoding, size = _open_text(path)
        why = _utf8_error(path) if encoding == "utf-8" and size <= max_file_bytes else None
        if why is not None:
            encoding = _legacy_fallback(path, why)
        if size > max_file_bytes:
            msg = f"{name}: file too large ({megabytes(size)}; limit {megabytes(max_file_bytes)})"
            raise InputError(msg)
        with _open_text_file(path, encoding) as fh:
            first = fh.readline()
        if not first.strip():
            msg = f"{name}: empty file (no header row)"
            raise InputError(msg)
        delimiter = _delimiter(first, path.suffix.lower())
        header_cells = next(csv.reader([first], delimiter=delimiter))
        cols = _table_columns(header_cells, text_column, date_column, path=path)
        cols.dayfirst = cols.date is None or _dayfirst(path, encoding, delimiter, cols.date)
        limit = csv.field_size_limit()
        csv.field_size_limit(max(limit, min(max_bytes + 1, sys.maxsize)))
        got = _Rows(path=path, cols=cols, max_bytes=max_bytes, handle=handle)
        try:
            with _open_text_file(path, encoding) as fh:
                got.read(fh, delimiter)
        except UnicodeDecodeError as exc:
            label = "UTF-16" if encoding == "utf-16" else "UTF-8"
            msg = (
                f"{name}: invalid {label} after line {got.line} ({exc.reason}); "
                "save the file as UTF-8"
            )
            handle(InputError(msg))
        finally:
            csv.field_size_limit(limit)
    except FileNotFoundError as exc:
        msg = f"{name}: no such file"
        raise InputError(msg) from exc
    except UnicodeDecodeError as exc:
        msg = f"{name}: invalid UTF-8 near the start ({exc.reason}); save the file as UTF-8"
        raise InputError(msg) from exc
    except OSError as exc:
        msg = f"{name}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    got.report(header_cells)
    return got.articles


@dataclass(slots=True)
class _Columns:
    """Where a spreadsheet keeps each field (column indices; None: absent)."""

    width: int
    text: int
    date: int | None
    id: int | None
    url: int | None
    source: int | None
    title: int | None
    dayfirst: bool = True


def _table_columns(
    header_cells: list[str], text_column: str | None, date_column: str | None, *, path: Path
) -> _Columns:
    header = [_key(cell) for cell in header_cells]
    text_at = _column(header, text_column, TEXT_COLUMNS, what="text", path=path)
    if text_at is None:
        msg = (
            f"{show(path)}: no text column (header is {clip(','.join(header), 120)}; expected "
            f"one of {', '.join(TEXT_COLUMNS)}, or name it with --text-column)"
        )
        raise InputError(msg)
    return _Columns(
        width=len(header),
        text=text_at,
        date=_column(header, date_column, DATE_COLUMNS, what="date", path=path),
        id=_pick(header, ID_COLUMNS),
        url=_pick(header, _URL_COLUMNS),
        source=_pick(header, _SOURCE_COLUMNS),
        title=_pick(header, _TITLE_COLUMNS),
    )


@dataclass(slots=True)
class _Rows:
    """The rows of one spreadsheet read into articles, with what was wrong with the others."""

    path: Path
    cols: _Columns
    max_bytes: int
    handle: ErrorHandler
    articles: list[Article] = field(default_factory=list)
    bad_dates: list[str] = field(default_factory=list)
    bad_rows: list[str] = field(default_factory=list)
    empty: int = 0
    line: int = 1

    def read(self, fh: Iterable[str], delimiter: str) -> None:
        """Read every record after the header; row numbers count records (header: row 1)."""
        name = show(self.path)
        for row, (line, cells, problem) in enumerate(csv_records(fh, delimiter), start=1):
            self.line = line
            if row == 1:
                continue
            if problem:
                self.bad_rows.append(f"{name} line {line}: malformed CSV ({problem}); row skipped")
                continue
            if not any(c.strip() for c in cells):
                continue
            wrong = _row_problem(cells, self.cols.width)
            if wrong:
                self.bad_rows.append(f"{name} line {line}: {wrong}; row skipped")
                continue
            self.add(row, cells)

    def add(self, row: int, cells: list[str]) -> None:
        cols = self.cols

        def cell(at: int | None) -> str:
            return cells[at].strip() if at is not None and at < len(cells) else ""

        text = normalise_newlines(cells[cols.text])
        if not text.strip():
            self.empty += 1
            return
        if len(text) > self.max_bytes:
            self.handle(
                InputError(f"{show(self.path)} row {row}: text too large ({len(text)} chars)")
            )
            return
        published: dt.date | None = None
        raw_date = cell(cols.date)
        if raw_date:
            try:
                published = parse_loose_date(raw_date, dayfirst=cols.dayfirst)
            except ValueError:
                self.bad_dates.append(f"row {row} {clip(raw_date, 30)}")
        self.articles.append(
            Article(
                id=cell(cols.id) or f"{self.path.stem}:{row}",
                text=text,
                published=published,
                source=cell(cols.source) or self.path.stem,
                url=cell(cols.url),
                title=cell(cols.title),
                path=str(self.path),
                skip_spans=find_boilerplate(text),
            )
        )

    def report(self, header_cells: list[str]) -> None:
        """Hand the problems to the error handler; raise when no row had text."""
        name = show(self.path)
        for problem in self.bad_rows[:_BAD_ROWS_SHOWN]:
            self.handle(InputError(problem))
        if len(self.bad_rows) > _BAD_ROWS_SHOWN:
            extra = len(self.bad_rows) - _BAD_ROWS_SHOWN
            msg = f"{name}: {extra} more malformed row(s) skipped (run with -v to list them)"
            for problem in self.bad_rows[_BAD_ROWS_SHOWN:]:
                logger.info("%s", problem)
            self.handle(InputError(msg))
        if self.bad_dates:
            shown = ", ".join(self.bad_dates[:_BAD_DATES_SHOWN])
            n = len(self.bad_dates)
            more = f" and {n - _BAD_DATES_SHOWN} more" if n > _BAD_DATES_SHOWN else ""
            column = header_cells[self.cols.date or 0].strip()
            msg = (
                f"{name}: {n} row(s) with an unreadable date in column {column!r} "
                f"({shown}{more}); those articles are undated"
            )
            self.handle(InputError(msg))
        if self.empty:
            logger.warning("%s: %d row(s) with an empty text cell skipped", name, self.empty)
        if not self.articles:
            msg = f"{name}: no row with text in column {header_cells[self.cols.text].strip()!r}"
            raise InputError(msg)
