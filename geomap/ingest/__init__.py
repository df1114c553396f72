"""Ingest stage: read articles from folders of ``.txt`` files (+ ``manifest.csv``) and JSON Lines.

``Article.text`` is the file's text exactly as decoded, with ``\\r\\n`` and ``\\r``
normalised to ``\\n`` and nothing else changed, because every character offset
the later stages publish points into it. Boilerplate lines (cookie banners,
language pickers, licence numbers, "READ MORE", newsletter and share lines) are
not deleted; :func:`find_boilerplate` reports them as ``Article.skip_spans``.

Bad input never stops the run: each problem becomes one :class:`InputError`
with a one-line message naming the file, handed to ``on_error`` (raised when
``on_error`` is None), and the other articles are still read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from geomap._errors import InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.types import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ManifestRow",
    "decode_text",
    "find_boilerplate",
    "parse_date",
    "read_article_file",
    "read_articles",
    "read_jsonl",
    "read_manifest",
]

logger = logging.getLogger(__name__)

#: Largest article (in bytes) read by default; bigger files are reported, not read.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Name of the optional per-folder metadata file.
MANIFEST_NAME = "manifest.csv"

ErrorHandler = Callable[[InputError], None]
#: Parsed manifest rows plus its problems, each tagged with the row's file (None: whole file).
_ParsedManifest = tuple[dict[str, "ManifestRow"], list[tuple[str | None, InputError]]]

_TEXT_SUFFIXES = frozenset({".txt"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_MANIFEST_REQUIRED = ("file", "published")
_MANIFEST_COLUMNS = ("file", "published", "source", "url", "title")
_JSONL_STR_FIELDS = ("source", "url", "title")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?")


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One row of a folder's ``manifest.csv``: metadata for the ``.txt`` file it names.

    ``published`` is None when the cell is empty or not a valid date; ``line``
    is the row's line number in the manifest (for messages).
    """

    file: str
    published: dt.date | None = None
    source: str = ""
    url: str = ""
    title: str = ""
    line: int = 0


# --------------------------------------------------------------------------- helpers


def _show(path: Path | str) -> str:
    """Return a path for a one-line message (control characters escaped)."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def _clip(value: object, limit: int = 60) -> str:
    """Return ``repr(value)`` shortened to about ``limit`` characters, for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _raise(err: InputError) -> None:
    raise err


def parse_date(value: str) -> dt.date | None:
    """Parse an ISO 8601 date or datetime string into a date.

    Parameters
    ----------
    value
        ``YYYY-MM-DD``, or a full ISO datetime (``2025-03-16T10:00:00Z``,
        ``2025-03-16 10:00+02:00``) whose calendar date as written is kept.
        Surrounding whitespace is ignored.

    Returns
    -------
    datetime.date or None
        None for an empty string.

    Raises
    ------
    ValueError
        If the value is not an ISO date or datetime.
    """
    text = value.strip()
    if not text:
        return None
    if not _ISO_DATE.fullmatch(text):
        msg = f"not an ISO date (YYYY-MM-DD): {_clip(text)}"
        raise ValueError(msg)
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        msg = f"not a valid date: {_clip(text)} ({exc})"
        raise ValueError(msg) from exc


def _utf16_hint(raw: bytes) -> str:
    """Say so when NUL bytes sit at every other position (UTF-16 without a BOM)."""
    sample = raw[:4096]
    half = len(sample) // 2
    if half >= 2 and (sample[1::2].count(0) >= 0.8 * half or sample[0::2].count(0) >= 0.8 * half):
        return "; looks like UTF-16 without a byte-order mark"
    return ""


def decode_text(raw: bytes, *, name: str) -> str:
    """Decode article bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM) and normalise newlines.

    Parameters
    ----------
    raw
        The file's bytes.
    name
        The file name to put in error messages.

    Returns
    -------
    str
        The decoded text, ``\\r\\n`` and ``\\r`` replaced by ``\\n``, nothing else changed.

    Raises
    ------
    InputError
        For an empty or whitespace-only file, a binary file (NUL bytes), or bytes
        that are not valid in the detected encoding (the message gives the byte offset).
    """
    if not raw:
        msg = f"{name}: empty file"
        raise InputError(msg)
    encoding, bom = "utf-8", b""
    if raw.startswith(codecs.BOM_UTF8):
        bom = codecs.BOM_UTF8
    elif raw.startswith(codecs.BOM_UTF16_LE):
        encoding, bom = "utf-16-le", codecs.BOM_UTF16_LE
    elif raw.startswith(codecs.BOM_UTF16_BE):
        encoding, bom = "utf-16-be", codecs.BOM_UTF16_BE
    body = raw[len(bom) :]
    if encoding == "utf-8":
        nul = body.find(b"\x00")
        if nul >= 0:
            msg = (
                f"{name}: binary file, not text (NUL byte at byte {nul + len(bom)}"
                f"{_utf16_hint(body)})"
            )
            raise InputError(msg)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding == "utf-8" else "UTF-16"
        bad = body[exc.start : exc.start + 4].hex(" ")
        msg = (
            f"{name}: invalid {label} at byte {exc.start + len(bom)} ({exc.reason}: {bad}); "
            f"save the file as UTF-8"
        )
        raise InputError(msg) from exc
    if "\x00" in text:
        msg = f"{name}: binary file, not text (NUL character at character {text.index(chr(0))})"
        raise InputError(msg)
    if not text.strip():
        msg = f"{name}: empty file (no text)"
        raise InputError(msg)
    return _normalise_newlines(text)


# --------------------------------------------------------------------------- single files


def read_article_file(
    path: Path,
    *,
    manifest_row: ManifestRow | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read one ``.txt`` article.

    Parameters
    ----------
    path
        The text file; its stem becomes ``Article.id`` and ``str(path)`` ``Article.path``.
    manifest_row
        Metadata (publication date, source, url, title) from the folder's manifest.
    max_bytes
        Files larger than this are refused.

    Returns
    -------
    Article
        The decoded, newline-normalised text with its boilerplate ``skip_spans``.

    Raises
    ------
    InputError
        If the file is missing, unreadable, too large, empty, binary or not valid text.
    """
    path = Path(path)
    name = _show(path)
    raw = _read_bytes(path, max_bytes=max_bytes)
    text = decode_text(raw, name=name)
    row = manifest_row or ManifestRow(file=path.name)
    return Article(
        id=path.stem,
        text=text,
        published=row.published,
        source=row.source,
        url=row.url,
        title=row.title,
        path=str(path),
        skip_spans=find_boilerplate(text),
    )


def _read_bytes(path: Path, *, max_bytes: int) -> bytes:
    name = _show(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            msg = f"{name}: not a regular file"
            raise InputError(msg)
        if size > max_bytes:
            msg = (
                f"{name}: file too large ({_megabytes(size)}, {size} bytes; limit "
                f"{_megabytes(max_bytes)}); split it or raise max_bytes"
            )
            raise InputError(msg)
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        msg = f"{name}: no such file"
        raise InputError(msg) from exc
    except OSError as exc:
        msg = f"{name}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    if len(raw) > max_bytes:  # grew while we were looking
        msg = f"{name}: file too large (over {_megabytes(max_bytes)})"
        raise InputError(msg)
    return raw


# --------------------------------------------------------------------------- manifest


def _parse_manifest(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> _ParsedManifest:
    """Parse a manifest; return its rows and its problems, each tagged with the row's file."""
    name = _show(path)
    problems: list[tuple[str | None, InputError]] = []
    rows: dict[str, ManifestRow] = {}

    def problem(file: str | None, msg: str) -> None:
        problems.append((file or None, InputError(msg)))

    try:
        text = decode_text(_read_bytes(path, max_bytes=max_bytes), name=name)
    except InputError as exc:
        problems.append((None, exc))
        return rows, problems
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except (StopIteration, csv.Error) as exc:
        problem(None, f"{name}: no header row ({exc or 'empty'})")
        return rows, problems
    missing = [col for col in _MANIFEST_REQUIRED if col not in header]
    if missing:
        problem(
            None,
            f"{name}: missing column(s) {', '.join(missing)} (header is "
            f"{_clip(','.join(header))}; expected {','.join(_MANIFEST_COLUMNS)})",
        )
        if "file" in missing:
            return rows, problems
    index = {col: header.index(col) for col in _MANIFEST_COLUMNS if col in header}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            where = f"{name} line {line}"
            values = {col: cells[i].strip() if i < len(cells) else "" for col, i in index.items()}
            file = values["file"]
            if len(cells) > len(header):
                problem(file, f"{where}: {len(cells)} fields, header has {len(header)}; ignored")
            elif not file:
                problem(None, f"{where}: empty 'file' cell; row ignored")
            elif "/" in file or "\\" in file or file in {".", ".."}:
                problem(file, f"{where}: 'file' must be a plain file name, got {_clip(file)}")
            elif file in rows:
                problem(file, f"{where}: {_clip(file)} already on line {rows[file].line}; ignored")
            else:
                try:
                    published = parse_date(values.get("published", ""))
                except ValueError as exc:
                    published = None
                    problem(file, f"{where}: bad published date for {file}: {exc}; undated")
                rows[file] = ManifestRow(
                    file=file,
                    published=published,
                    source=values.get("source", ""),
                    url=values.get("url", ""),
                    title=values.get("title", ""),
                    line=line,
                )
    except csv.Error as exc:
        problem(None, f"{name} line {reader.line_num}: malformed CSV ({exc}); rest ignored")
    return rows, problems


def read_manifest(
    path: Path, *, on_error: ErrorHandler | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, ManifestRow]:
    """Read a folder's ``manifest.csv``: columns ``file,published,source`` [, ``url,title``].

    Parameters
    ----------
    path
        The CSV file (UTF-8, BOM allowed). Header names are case-insensitive;
        extra columns are ignored.
    on_error
        Called with an :class:`InputError` for each bad row (bad date: the row is
        kept, undated; duplicate or malformed rows: ignored) or an unusable file.
        None raises the first one.
    max_bytes
        Larger manifests are refused.

    Returns
    -------
    dict of str to ManifestRow
        Rows keyed by the file name they describe.
    """
    handle = on_error or _raise
    rows, problems = _parse_manifest(Path(path), max_bytes=max_bytes)
    for _file, err in problems:
        handle(err)
    return rows


# --------------------------------------------------------------------------- JSON Lines


def _iter_lines(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(line number, byte offset, raw line)`` for each line of a file."""
    offset = 0
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            yield number, offset, raw
            offset += len(raw)


def _encodable(text: str) -> bool:
    """Return whether text can be written as UTF-8 (JSON allows lone surrogate escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _jsonl_record(
    obj: object, *, where: str, default_id: str, path: Path
) -> tuple[Article | None, list[InputError]]:
    """Turn one decoded JSON value into an Article (or None) plus the problems found."""
    problems: list[InputError] = []
    if not isinstance(obj, dict):
        return None, [InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")]
    text = obj.get("text")
    if not isinstance(text, str):
        got = "missing" if text is None else type(text).__name__
        return None, [InputError(f"{where}: 'text' must be a string ({got})")]
    if "\x00" in text:
        return None, [InputError(f"{where}: binary text (NUL character)")]
    if not _encodable(text):
        return None, [InputError(f"{where}: 'text' has an unpaired UTF-16 surrogate escape")]
    if not text.strip():
        return None, [InputError(f"{where}: empty 'text'")]
    raw_id = obj.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | type(None)):
        problems.append(InputError(f"{where}: 'id' must be a string, got {_clip(raw_id)}"))
        raw_id = None
    article_id = str(raw_id).strip() if raw_id is not None else ""
    meta: dict[str, str] = {}
    for key in _JSONL_STR_FIELDS:
        value = obj.get(key)
        if value is None:
            meta[key] = ""
        elif isinstance(value, str) and _encodable(value):
            meta[key] = value.strip()
        else:
            meta[key] = ""
            problem = (
                "has an unpaired UTF-16 surrogate escape"
                if isinstance(value, str)
                else f"must be a string, got {_clip(value)}"
            )
            problems.append(InputError(f"{where}: {key!r} {problem}; ignored"))
    published = None
    raw_date = obj.get("published")
    if raw_date is not None:
        try:
            published = parse_date(raw_date if isinstance(raw_date, str) else repr(raw_date))
        except ValueError as exc:
            msg = f"{where}: bad published date: {exc}; the article is undated"
            problems.append(InputError(msg))
    text = _normalise_newlines(text)
    article = Article(
        id=article_id or default_id,
        text=text,
        published=published,
        source=meta["source"],
        url=meta["url"],
        title=meta["title"],
        path=str(path),
        skip_spans=find_boilerplate(text),
    )
    return article, problems


def read_jsonl(
    path: Path, *, on_error: ErrorHandler | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Article]:
    """Read articles from a JSON Lines file.

    Each non-blank line is one object ``{"id", "text", "published", "source",
    "url", "title"}``; only ``text`` is required. A missing ``id`` becomes
    ``<file stem>-<line number>``.

    Parameters
    ----------
    path
        The ``.jsonl`` file (UTF-8, a BOM on the first line is allowed).
    on_error
        Called with an :class:`InputError` for each bad line (line number in the
        message); the other lines are still read. None raises the first one.
    max_bytes
        Lines (articles) larger than this are refused.

    Returns
    -------
    list of Article
        One article per good line, in file order.
    """
    path = Path(path)
    handle = on_error or _raise
    name = _show(path)
    articles: list[Article] = []
    blank = True
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
        if b"\x00" in head:
            msg = f"{name}: binary file, not JSON Lines (NUL byte at byte {head.index(0)})"
            raise InputError(msg)
        for number, offset, raw in _iter_lines(path):
            where = f"{name} line {number}"
            line = raw[3:] if number == 1 and raw.startswith(codecs.BOM_UTF8) else raw
            if not line.strip():
                continue
            blank = False
            if len(line) > max_bytes:
                handle(InputError(f"{where}: too large ({_megabytes(len(line))})"))
                continue
            try:
                obj = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                at = offset + exc.start + (len(raw) - len(line))
                handle(InputError(f"{where}: invalid UTF-8 at byte {at} ({exc.reason})"))
                continue
            except json.JSONDecodeError as exc:
                handle(InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"))
                continue
            article, problems = _jsonl_record(
                obj, where=where, default_id=f"{path.stem}-{number}", path=path
            )
            for err in problems:
                handle(err)
            if article is not None:
                articles.append(article)
    except FileNotFoundError as exc:
        msg = f"{name}: no such file"
        raise InputError(msg) from exc
    except OSError as exc:
        msg = f"{name}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    if blank:
        handle(InputError(f"{name}: empty file"))
    return articles


# --------------------------------------------------------------------------- many inputs


def _where(article: Article) -> str:
    """Name an article in a message: its path, plus its id when the file holds many."""
    path = _show(article.path)
    return (
        f"{path} [{article.id}]" if Path(article.path).suffix.lower() in _JSONL_SUFFIXES else path
    )


class _Run:
    """State of one :func:`read_articles` call: results, counts, dedup."""

    def __init__(self, on_error: ErrorHandler | None, max_bytes: int) -> None:
        self.on_error = on_error
        self.max_bytes = max_bytes
        self.articles: list[Article] = []
        self.errors = 0
        self.seen_errors: set[str] = set()
        self.seen_files: set[Path] = set()
        self.ids: dict[str, str] = {}
        self.manifests: dict[Path, _ParsedManifest] = {}

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
            logger.warning("%s: given more than once; read once", _show(path))
            return False
        self.seen_files.add(key)
        return True

    def manifest(self, folder: Path) -> _ParsedManifest:
        key = folder.resolve()
        if key not in self.manifests:
            path = folder / MANIFEST_NAME
            self.manifests[key] = (
                _parse_manifest(path, max_bytes=self.max_bytes) if path.is_file() else ({}, [])
            )
        return self.manifests[key]

    def add(self, article: Article) -> None:
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
                _show(self.ids[wanted]),
                new_id,
            )
            article = replace(article, id=new_id)
        self.ids[article.id] = article.path
        if article.published is None:
            logger.warning("%s: no publication date; its events will be undated", _where(article))
        self.articles.append(article)

    def read_txt(self, path: Path, row: ManifestRow | None) -> None:
        try:
            article = read_article_file(path, manifest_row=row, max_bytes=self.max_bytes)
        except InputError as err:
            self.error(err)
            return
        self.add(article)

    def read_jsonl(self, path: Path) -> None:
        try:
            articles = read_jsonl(path, on_error=self.error, max_bytes=self.max_bytes)
        except InputError as err:
            self.error(err)
            return
        for article in articles:
            self.add(article)

    def read_folder(self, folder: Path) -> None:
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name)
        except OSError as exc:
            self.error(InputError(f"{_show(folder)}: cannot list folder ({exc.strerror or exc})"))
            return
        files = [
            p
            for p in entries
            if not p.name.startswith(".")
            and p.suffix.lower() in _TEXT_SUFFIXES | _JSONL_SUFFIXES
            and p.is_file()
        ]
        if not files:
            msg = f"{_show(folder)}: no articles (no .txt or .jsonl files) in this folder"
            self.error(InputError(msg))
            return
        rows, problems = self.manifest(folder)
        for _file, err in problems:
            self.error(err)
        names = {p.name for p in files if p.suffix.lower() in _TEXT_SUFFIXES}
        for file, row in rows.items():
            if file not in names:
                msg = (
                    f"{_show(folder / MANIFEST_NAME)} line {row.line}: "
                    f"listed file {_show(folder / file)} does not exist"
                )
                self.error(InputError(msg))
        for path in files:
            if not self.first_visit(path):
                continue
            if path.suffix.lower() in _TEXT_SUFFIXES:
                self.read_txt(path, rows.get(path.name))
            else:
                self.read_jsonl(path)

    def read_path(self, path: Path) -> None:
        if not path.exists():
            self.error(InputError(f"{_show(path)}: no such file or folder"))
            return
        if path.is_dir():
            self.read_folder(path)
            return
        suffix = path.suffix.lower()
        if suffix not in _TEXT_SUFFIXES | _JSONL_SUFFIXES:
            msg = (
                f"{_show(path)}: unsupported input type {_clip(suffix or path.name)} "
                f"(expected a folder, .txt or .jsonl)"
            )
            self.error(InputError(msg))
            return
        if not self.first_visit(path):
            return
        if suffix in _JSONL_SUFFIXES:
            self.read_jsonl(path)
            return
        rows, problems = self.manifest(path.parent)
        for file, err in problems:
            if file is None or file == path.name:
                self.error(err)
        self.read_txt(path, rows.get(path.name))


def read_articles(
    paths: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Article]:
    """Read articles from folders, ``.txt`` files and JSON Lines files.

    A folder contributes every ``*.txt`` and ``*.jsonl`` file in it (sorted by
    name, not recursive, hidden files skipped) with metadata from its
    ``manifest.csv`` if present; a single ``.txt`` file uses its folder's
    manifest. Articles without a publication date are kept (a WARNING says
    their events will be undated). Two articles with the same id are both kept,
    the later one renamed ``<id>-2`` (WARNING). A file given twice is read once.

    Parameters
    ----------
    paths
        Folders, ``.txt`` files and ``.jsonl`` files.
    on_error
        Called with a one-line :class:`InputError` for each bad input (empty,
        binary, invalid UTF-8/UTF-16, too large, bad manifest row, broken JSON
        line, folder without articles, missing path); reading then continues.
        None raises the first error.
    max_bytes
        Largest article file read; larger ones are reported.

    Returns
    -------
    list of Article
        In input order (folder contents sorted by file name).
    """
    inputs = [Path(p) for p in paths]
    run = _Run(on_error, max_bytes)
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
    return run.articles
