"""Ingest stage: JSON Lines, one article object per line."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path

from geomap._errors import InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.ingest.common import (
    DEFAULT_MAX_BYTES,
    ErrorHandler,
    clip,
    loads_json,
    megabytes,
    normalise_newlines,
    open_regular,
    parse_date,
    raise_error,
    show,
)
from geomap.types import Article

__all__ = ["read_jsonl"]

_JSONL_STR_FIELDS = ("source", "url", "title")


def _iter_lines(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(line number, byte offset, raw line)`` for each line of a file."""
    offset = 0
    with open_regular(path) as fh:
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
        problems.append(InputError(f"{where}: 'id' must be a string, got {clip(raw_id)}"))
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
                else f"must be a string, got {clip(value)}"
            )
            problems.append(InputError(f"{where}: {key!r} {problem}; ignored"))
    published = None
    raw_date = obj.get("published")
    if raw_date is not None:
        try:
            published = parse_date(raw_date if isinstance(raw_date, str) else clip(raw_date))
        except ValueError as exc:
            msg = f"{where}: bad published date: {exc}; the article is undated"
            problems.append(InputError(msg))
    text = normalise_newlines(text)
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
    handle = on_error or raise_error
    name = show(path)
    articles: list[Article] = []
    blank = True
    try:
        with open_regular(path) as fh:
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
                handle(InputError(f"{where}: too large ({megabytes(len(line))})"))
                continue
            try:
                obj = loads_json(line.decode("utf-8"), where=where)
            except InputError as deep:  # nested too deeply
                handle(deep)
                continue
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
