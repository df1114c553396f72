"""Gazetteer stage helper: the cache file's checksum, so damage inside row data is seen.

SQLite's own checks (the header, ``PRAGMA quick_check``, the row counts the build
recorded) see a broken page structure but not a changed value inside a row: a name, a
point or a population can change and still read. The build therefore records the sha256
of the finished cache file in a sidecar, ``gazetteer.sqlite.sha256.json``, and every
open compares it:

* when the file's identity (size, modification and change times, inode) is the one last
  verified, the file has not been written since and the hash is not recomputed (an open
  stays ~free);
* otherwise the whole file is hashed (~0.6 s for the 230 MB cache) and compared: a
  mismatch is reported as ``corrupt (checksum ...)`` and the cache is rebuilt; a match
  records the new identity (a copy, a ``touch``).

A cache without a sidecar (built before this check existed) is adopted once after
``PRAGMA quick_check`` passes. geomap's own writes to the cache (the opt-in online
answers) record the new checksum when the gazetteer is closed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from pathlib import Path

from geomap._atomic import atomic_write_text

__all__ = [
    "checksum_problem",
    "record_checksum",
    "sidecar_path",
    "stale_reason",
    "stale_reason_once",
]

_SQLITE_MAGIC = b"SQLite format 3\x00"

_CHUNK = 1 << 20


def sidecar_path(path: Path) -> Path:
    """Where the checksum record of the cache at ``path`` lives (next to the real file)."""
    real = path.resolve()
    return real.with_name(real.name + ".sha256.json")


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def record_checksum(path: Path) -> None:
    """Hash the cache at ``path`` and write its sidecar (after a build or our own writes)."""
    real = path.resolve()
    record = {"sha256": _sha256(real), "identity": _identity(real)}
    with contextlib.suppress(OSError):  # a read-only cache folder: checked by hashing each time
        atomic_write_text(sidecar_path(real), json.dumps(record))


def _read_record(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(sidecar_path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _quick_check(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    verdict = "; ".join(str(r[0]) for r in rows[:3])
    return None if verdict == "ok" else verdict


def checksum_problem(path: Path, *, full: bool = False) -> str | None:
    """Return why the cache at ``path`` fails its checksum, or None when it passes.

    Parameters
    ----------
    path
        The SQLite cache (after its header and build record were checked).
    full
        Hash the file even when its identity is the one last verified.

    Returns
    -------
    str or None
        ``"corrupt (checksum mismatch ...)"``, ``"corrupt (quick_check: ...)"``, or None.
    """
    real = path.resolve()
    record = _read_record(real)
    if not record or not isinstance(record.get("sha256"), str):
        problem = _quick_check(real)
        if problem is not None:
            return f"corrupt (quick_check: {problem})"
        if record is not None:
            return "corrupt (unreadable checksum record)"
        record_checksum(real)  # adopt a cache built before the checksum existed
        return None
    if not full and record.get("identity") == _identity(real):
        return None
    digest = _sha256(real)
    if digest != record["sha256"]:
        built = str(record["sha256"])
        return f"corrupt (checksum mismatch: sha256 {digest[:12]}..., built as {built[:12]}...)"
    with contextlib.suppress(OSError):
        atomic_write_text(sidecar_path(real), json.dumps({**record, "identity": _identity(real)}))
    return None


def stale_reason(path: Path, expected: dict[str, str], *, full: bool = False) -> str | None:
    """Return why the cache at ``path`` cannot be used, or None when it is good.

    The header, the build record and the row counts first, then the file's checksum
    (the row counts and the checksum; ``full``: counted and hashed even when the file is
    unchanged since the last check).
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable ({exc})"
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return "not an SQLite file"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    n_pages = int.from_bytes(header[28:32], "big")
    if header[24:28] == header[92:96] and n_pages and size != page_size * n_pages:
        return f"truncated ({size} bytes, header says {page_size * n_pages})"
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            for key, value in expected.items():
                if meta.get(key) != value:
                    return f"{key} changed ({meta.get(key)!r} -> {value!r})"
            if (full or not _verified(path)) and not _counts_agree(con, meta):
                return "row counts differ from the build record"
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"corrupt ({exc})"
    return checksum_problem(path, full=full)


def _verified(path: Path) -> bool:
    """Whether the file at ``path`` is the one its checksum record last verified (its
    identity unchanged since: not written since its counts and checksum were checked)."""
    real = path.resolve()
    record = _read_record(real)
    if not record:
        return False
    try:
        return record.get("identity") == _identity(real)
    except OSError:
        return False


def _counts_agree(con: sqlite3.Connection, meta: dict[str, str]) -> bool:
    """Whether the row counts are the build record's (every row read: ~30 ms)."""
    n_entries = con.execute("SELECT count(*) FROM entries").fetchone()[0]
    n_keys = con.execute("SELECT count(*) FROM name_index").fetchone()[0]
    return str(n_entries) == meta.get("n_entries") and str(n_keys) == meta.get("n_name_keys")


#: Caches this process found good: (real path, file identity, build record expected).
_FOUND_GOOD: set[tuple[str, tuple[int, ...], tuple[tuple[str, str], ...]]] = set()


def stale_reason_once(path: Path, expected: dict[str, str]) -> str | None:
    """:func:`stale_reason`, skipped for a file this process found good and not changed since.

    A build opens the gazetteer three times (the stages, the map's labels, the table's
    divisions): the checks read every row once (the counts), so they run once per file
    identity (size, modification and change times, inode), as the checksum does.
    """
    try:
        real = path.resolve()
        st = real.stat()
    except OSError:
        return stale_reason(path, expected)
    key = (
        str(real),
        (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino),
        tuple(sorted(expected.items())),
    )
    if key in _FOUND_GOOD:
        return None
    reason = stale_reason(path, expected)
    if reason is None:
        _FOUND_GOOD.add(key)
    return reason
