"""Ingest stage, shared pieces: decoding, dates, file reading and message helpers.

Every reader in :mod:`geomap.ingest` uses these, so messages look the same
whatever the format: ``FILE: reason`` on one line.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import email.utils
import json
import os
import re
import reprlib
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from geomap._errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_FILE_BYTES",
    "ErrorHandler",
    "check_regular",
    "clip",
    "csv_records",
    "decode_text",
    "loads_json",
    "megabytes",
    "normalise_newlines",
    "open_regular",
    "parse_date",
    "parse_loose_date",
    "raise_error",
    "read_bytes",
    "show",
    "unicode_safe",
]

#: Largest article (in bytes) read by default; bigger files are reported, not read.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Largest file holding many articles (feed, spreadsheet, Telegram export) read by default.
DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024

ErrorHandler = Callable[[InputError], None]
#: About how deep a JSON value may nest (Python's parser recurses once per level).
MAX_JSON_DEPTH = 900

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?")
_NUMERIC_DATE = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})")
_TRAILING_TIME = re.compile(r"(?:,?\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?.*$")
_WORD_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d-%b-%Y", "%d-%B-%Y")


def show(path: Path | str) -> str:
    """Return a path for a one-line message (control characters escaped)."""
    text = str(path)
    return text if text.isprintable() else repr(text)


#: ``repr`` for messages: a few levels and items of a nested value (a hostile JSON value
#: nested a thousand deep is shown as ``[[[[[[...]]]]]]``, never recursed into).
_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxlevel = 4
_SHORT_REPR.maxstring = _SHORT_REPR.maxother = 200


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogate(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    # a byte of a file name that is not UTF-8 (Python's surrogateescape), else a lone escape
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def unicode_safe(value: str) -> str:
    """``value`` with lone surrogates spelt as escapes (``caf\\xe9``), so it can be written.

    A file name that is not valid UTF-8 reaches Python with its bad bytes as lone
    surrogates; an id, source or title made from it could not be encoded later (event
    ids, exports). The bytes are kept visible as ``\\xNN``.
    """
    return _SURROGATE.sub(_escape_surrogate, value) if _SURROGATE.search(value) else value


def clip(value: object, limit: int = 60) -> str:
    """Return ``repr(value)`` shortened to about ``limit`` characters, for messages."""
    text = repr(value) if isinstance(value, str | int | float) else _SHORT_REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def loads_json(text: str | bytes, *, where: str) -> object:
    """``json.loads`` whose nesting depth is bounded: too deep is an :class:`InputError`.

    Python's parser recurses once per nested array or object; a value nested past the
    interpreter's recursion limit (about 1,000 levels: a 2 KB line ``[[[[...]]]]``) raises
    ``RecursionError``, which becomes one error naming ``where``.

    Raises
    ------
    json.JSONDecodeError
        For text that is not JSON (the caller words the message).
    InputError
        For JSON nested too deeply.
    """
    try:
        return json.loads(text)
    except RecursionError as exc:
        msg = f"{where}: JSON nested too deeply (over ~{MAX_JSON_DEPTH} levels); not read"
        raise InputError(msg) from exc


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def check_regular(path: Path) -> None:
    """Refuse anything but a regular file (a FIFO would block the run forever).

    Raises
    ------
    InputError
        ``FILE: not a regular file (a named pipe (FIFO))``, or when it does not exist.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        msg = f"{show(path)}: no such file"
        raise InputError(msg) from exc
    except OSError as exc:
        msg = f"{show(path)}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    if not stat.S_ISREG(mode):
        msg = f"{show(path)}: not a regular file ({_kind_of(mode)}); not read"
        raise InputError(msg)


def open_regular(path: Path) -> IO[bytes]:
    """Open ``path`` for reading in binary mode, refusing a FIFO, device or socket.

    The file is opened without blocking (a FIFO with no writer would wait forever) and
    checked on the open descriptor, so a file swapped for a FIFO after a check is refused too.

    Raises
    ------
    InputError
        When it is not a regular file; OSError as ``open`` raises it.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            msg = f"{show(path)}: not a regular file ({_kind_of(mode)}); not read"
            raise InputError(msg)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def raise_error(err: InputError) -> None:
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
        msg = f"not an ISO date (YYYY-MM-DD): {clip(text)}"
        raise ValueError(msg)
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        msg = f"not a valid date: {clip(text)} ({exc})"
        raise ValueError(msg) from exc


def _numeric_date(match: re.Match[str], *, dayfirst: bool) -> dt.date:
    first, sep, second, third = match.groups()
    if len(first) == 4:  # 2025/03/04, 2025.03.04
        return dt.date(int(first), int(second), int(third))
    year = int(third) + (2000 if len(third) == 2 else 0)
    a, b = int(first), int(second)
    if a > 12 or ((dayfirst or sep == ".") and b <= 12):  # 04.03.2025 is always day first
        return dt.date(year, b, a)
    return dt.date(year, a, b)


def parse_loose_date(value: str, *, dayfirst: bool = True) -> dt.date | None:
    """Parse a date as spreadsheets, feeds and pages write them; keep the date as written.

    Accepts ISO 8601 (see :func:`parse_date`), ``2025/03/04``, ``04.03.2025``,
    ``04/03/2025`` (day first unless ``dayfirst`` is False and the second number
    is at most 12), ``4 March 2025``, ``March 4, 2025``, ``04-Mar-2025`` and RFC 2822
    (``Tue, 04 Mar 2025 10:00:00 +0000``); a time after the date is ignored.

    Parameters
    ----------
    value
        The cell or element text.
    dayfirst
        Read an ambiguous ``04/03/2025`` as 4 March (True) or 3 April (False).

    Returns
    -------
    datetime.date or None
        None for an empty string.

    Raises
    ------
    ValueError
        If the value is not a date in any of these forms.
    """
    text = value.strip()
    if not text:
        return None
    if _ISO_DATE.fullmatch(text):
        return parse_date(text)
    try:
        numeric = _NUMERIC_DATE.match(text)
        if numeric and (numeric.end() == len(text) or _TRAILING_TIME.match(text, numeric.end())):
            return _numeric_date(numeric, dayfirst=dayfirst)
        if text[:3].isalpha() and "," in text[:5]:  # RFC 2822: "Tue, 04 Mar 2025 ..."
            parsed = email.utils.parsedate_to_datetime(text)
            return parsed.date()
    except (ValueError, TypeError, IndexError) as exc:
        msg = f"not a valid date: {clip(text)} ({exc})"
        raise ValueError(msg) from exc
    words = _TRAILING_TIME.sub("", text).replace(",", " ")
    words = " ".join(words.split())
    for fmt in _WORD_FORMATS:
        try:
            return dt.datetime.strptime(words, fmt).date()
        except ValueError:
            continue
    msg = f"not a date (expected e.g. 2025-03-04, 04/03/2025 or 4 March 2025): {clip(text)}"
    raise ValueError(msg)


def csv_records(lines: Iterable[str], delimiter: str = ",") -> Iterator[tuple[int, list[str], str]]:
    """Yield ``(line number, cells, "")`` per CSV record, strictly parsed.

    A malformed record (an unclosed quote, text after a closing quote, a cell over the
    field size limit) yields ``(its first line, [], problem)``, and the lines after its
    first one are read again as records of their own: an unclosed quote costs its own
    row, never silently swallows the rows after it.
    """
    numbered = enumerate(lines, start=1)
    again: deque[tuple[int, str]] = deque()
    taken: list[tuple[int, str]] = []

    def feed() -> Iterator[str]:
        while True:
            item = again.popleft() if again else next(numbered, None)
            if item is None:
                return
            taken.append(item)
            yield item[1]

    while True:
        try:
            for cells in csv.reader(feed(), delimiter=delimiter, strict=True):
                first = taken[0][0]
                taken.clear()
                yield first, cells, ""
        except csv.Error as exc:
            first = taken[0][0] if taken else 0
            again.extendleft(reversed(taken[1:]))
            taken.clear()
            yield first, [], str(exc)
            continue
        return


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
    return normalise_newlines(text)


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    name = show(path)
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                msg = (
                    f"{name}: file too large ({megabytes(size)}, {size} bytes; limit "
                    f"{megabytes(max_bytes)}); split it or raise max_bytes"
                )
                raise InputError(msg)
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        msg = f"{name}: no such file"
        raise InputError(msg) from exc
    except OSError as exc:
        msg = f"{name}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    if len(raw) > max_bytes:  # grew while we were looking
        msg = f"{name}: file too large (over {megabytes(max_bytes)})"
        raise InputError(msg)
    return raw
