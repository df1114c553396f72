"""Ingest stage: ``.txt`` articles and a folder's ``manifest.csv``; writing texts back out.

``Article.text`` is the file's text exactly as decoded, with ``\\r\\n`` and ``\\r``
normalised to ``\\n`` and nothing else changed, because every character offset
the later stages publish points into it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geomap._atomic import atomic_write_text
from geomap._csvsafe import neutralise_cell, restore_cell
from geomap._errors import GeomapError, InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.ingest.common import (
    DEFAULT_MAX_BYTES,
    ErrorHandler,
    clip,
    csv_records,
    decode_text,
    parse_date,
    raise_error,
    read_bytes,
    show,
    unicode_safe,
)
from geomap.types import Article

__all__ = [
    "MANIFEST_NAME",
    "ManifestRow",
    "read_article_file",
    "read_manifest",
    "write_article_texts",
]

#: Name of the optional per-folder metadata file.
MANIFEST_NAME = "manifest.csv"
#: Parsed manifest rows plus its problems, each tagged with the row's file (None: whole file).
ParsedManifest = tuple[dict[str, "ManifestRow"], list[tuple[str | None, InputError]]]

_MANIFEST_REQUIRED = ("file", "published")
_MANIFEST_COLUMNS = ("file", "published", "source", "url", "title")
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


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
    name = show(path)
    raw = read_bytes(path, max_bytes=max_bytes)
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


def parse_manifest(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedManifest:
    """Parse a manifest; return its rows and its problems, each tagged with the row's file."""
    name = show(path)
    problems: list[tuple[str | None, InputError]] = []
    rows: dict[str, ManifestRow] = {}

    def problem(file: str | None, msg: str) -> None:
        problems.append((file or None, InputError(msg)))

    try:
        text = decode_text(read_bytes(path, max_bytes=max_bytes), name=name)
    except InputError as exc:
        problems.append((None, exc))
        return rows, problems
    records = csv_records(io.StringIO(text, newline=""))
    first = next(records, None)
    if first is None or first[2]:
        problem(None, f"{name}: no header row ({first[2] if first else 'empty'})")
        return rows, problems
    header = [cell.strip().lower() for cell in first[1]]
    missing = [col for col in _MANIFEST_REQUIRED if col not in header]
    if missing:
        problem(
            None,
            f"{name}: missing column(s) {', '.join(missing)} (header is "
            f"{clip(','.join(header))}; expected {','.join(_MANIFEST_COLUMNS)})",
        )
        if "file" in missing:
            return rows, problems
    index = {col: header.index(col) for col in _MANIFEST_COLUMNS if col in header}
    for line, cells, malformed in records:
        if malformed:  # an unclosed quote: this row only, the next lines are read again
            problem(None, f"{name} line {line}: malformed CSV ({malformed}); row ignored")
            continue
        if not any(cell.strip() for cell in cells):
            continue
        where = f"{name} line {line}"
        values = {
            col: restore_cell(cells[i].strip()) if i < len(cells) else ""
            for col, i in index.items()
        }
        file = values["file"]
        if len(cells) > len(header):
            problem(file, f"{where}: {len(cells)} fields, header has {len(header)}; ignored")
        elif not file:
            problem(None, f"{where}: empty 'file' cell; row ignored")
        elif "/" in file or "\\" in file or file in {".", ".."}:
            problem(file, f"{where}: 'file' must be a plain file name, got {clip(file)}")
        elif file in rows:
            problem(file, f"{where}: {clip(file)} already on line {rows[file].line}; ignored")
        else:
            try:
                published = parse_date(values.get("published", ""))
            except ValueError as exc:
                published = None
                problem(file, f"{where}: bad published date for {show(file)}: {exc}; undated")
            rows[file] = ManifestRow(
                file=file,
                published=published,
                source=values.get("source", ""),
                url=values.get("url", ""),
                title=values.get("title", ""),
                line=line,
            )
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
    handle = on_error or raise_error
    rows, problems = parse_manifest(Path(path), max_bytes=max_bytes)
    for _file, err in problems:
        handle(err)
    return rows


# --------------------------------------------------------------------------- writing texts


#: The header of a manifest :func:`write_article_texts` wrote (how it knows its own files).
_WRITTEN_HEADER = [*_MANIFEST_COLUMNS, "id", "path"]


def _own_files(out: Path) -> set[str]:
    """Names (lower case) of the files a previous :func:`write_article_texts` wrote in ``out``.

    Raises
    ------
    GeomapError
        When ``out`` holds a ``manifest.csv`` that geomap did not write.
    """
    manifest = out / MANIFEST_NAME
    try:
        with manifest.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, strict=True))
    except FileNotFoundError:
        return set()
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        msg = f"{show(manifest)}: exists and cannot be read ({exc}); choose another folder"
        raise GeomapError(msg) from exc
    if not rows or rows[0] != _WRITTEN_HEADER:
        msg = (
            f"{show(manifest)}: a manifest geomap did not write; --keep-text never replaces "
            "files it did not write: choose an empty folder"
        )
        raise GeomapError(msg)
    return {MANIFEST_NAME} | {restore_cell(r[0]).lower() for r in rows[1:] if r}


def _file_name(article_id: str, taken: set[str]) -> str:
    """Return a safe, unused ``.txt`` file name for an article id."""
    stem = _UNSAFE_NAME.sub("_", article_id).strip("._") or "article"
    name, n = f"{stem[:150]}.txt", 2
    while name.lower() in taken or name.lower() == MANIFEST_NAME:
        name, n = f"{stem[:150]}-{n}.txt", n + 1
    taken.add(name.lower())
    return name


def write_article_texts(articles: Iterable[Article], folder: str | Path) -> Path:
    """Write each article's text to ``FOLDER/<id>.txt`` plus a ``manifest.csv``.

    The files hold ``Article.text`` exactly (UTF-8, ``\\n`` newlines): the text
    the character offsets of ``geomap places`` and the events' quotes refer to,
    so ``text[start:end]`` can be checked by hand. The manifest (``file,
    published, source, url, title`` and the article's ``id`` and input ``path``)
    makes the folder itself a valid input giving the same texts, dates, sources
    and URLs (ids with characters other than letters, digits, ``.``, ``-`` and
    ``_`` come back with ``_`` for them, the file stem being the id).

    Parameters
    ----------
    articles
        Articles from :func:`geomap.ingest.read_articles`.
    folder
        Created if missing. Files an earlier call wrote there (listed in its
        ``manifest.csv``) are replaced; any other file is never touched: an article
        whose name it has gets another (``<id>-2.txt``), and a ``manifest.csv`` geomap
        did not write is an error.

    Returns
    -------
    pathlib.Path
        The manifest written.

    Raises
    ------
    GeomapError
        If the folder or a file cannot be written.
    """
    out = Path(folder)
    rows: list[list[str]] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        own = _own_files(out)
        # a file already there that an earlier --keep-text did not write is never replaced
        taken = {p.name.lower() for p in out.iterdir()} - own
        for article in articles:
            name = _file_name(article.id, taken)
            atomic_write_text(out / name, article.text)
            published = article.published.isoformat() if article.published else ""
            meta = [article.source, article.url, article.title, article.id]
            meta.append(unicode_safe(article.path))  # a file name that is not UTF-8
            rows.append([neutralise_cell(c) for c in (name, published, *meta)])
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(_WRITTEN_HEADER)
        writer.writerows(rows)
        manifest = atomic_write_text(out / MANIFEST_NAME, buffer.getvalue())
    except OSError as exc:
        msg = f"{show(exc.filename or out)}: cannot write article text ({exc.strerror or exc})"
        raise GeomapError(msg) from exc
    return manifest
