"""Gazetteer stage helper: the one format of the name index's entry lists.

The cache's ``name_index`` table maps a normalised name to every entry carrying it,
written out in full and already in rank order, so a lookup is one B-tree probe and
one C-level decode (no join, no sort, one SQL value to marshal). The
``settlement_names`` table holds, per country, the names of its settlements in the
same way (one tuple of strings a value), and ``near_names`` its town and village names by
their first and last letters and length (the near-miss index, see :func:`near_keys`), one
row per key and country. The
lists are
:mod:`marshal` blobs of plain tuples: built and read only by this module, in a cache
file that is rebuilt whenever the interpreter's marshal version or Python version
differs from the build record (see :func:`codec_meta`).
"""

from __future__ import annotations

import functools
import marshal
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from geomap.types import LEVELS, GazetteerEntry

__all__ = [
    "NEAR_MIN_LEN",
    "SETTLEMENT_LEVELS",
    "codec_meta",
    "decode_entries",
    "decode_names",
    "encode_names",
    "entry_rank",
    "index_row",
    "near_keys",
    "near_rows",
]

#: The levels of the ``settlement_names`` table's ``all_names`` (what a town, a village,
#: a district or a landmark is called); ``primary_names`` holds towns and villages only.
SETTLEMENT_LEVELS = ("city", "village", "admin2", "other")

_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
_MARSHAL_VERSION = 4
_as_entry = functools.partial(tuple.__new__, GazetteerEntry)

#: One entry row: the 14 fields of :class:`GazetteerEntry`, in order.
Row = tuple[int, str, str, float, float, str, str, str, str, str, int, str, str, str]


def codec_meta() -> dict[str, str]:
    """Build-record keys that must match for a cache's blobs to be readable here."""
    major, minor = sys.version_info[:2]
    return {"codec": f"marshal {_MARSHAL_VERSION} python {major}.{minor}"}


def entry_rank(population: int, level: str, geonameid: int) -> tuple[int, int, int]:
    """Sort key of the entries of one name: most populous, then coarser level, then id."""
    return (-population, _LEVEL_RANK.get(level, 9), geonameid)


def index_row(key: str, rows: list[Row]) -> tuple[str, int, int, bytes]:
    """One ``name_index`` row: key, max population, entry count, entries in rank order."""
    rows.sort(key=lambda r: entry_rank(r[10], r[12], r[0]))
    return (key, rows[0][10], len(rows), marshal.dumps(tuple(rows), _MARSHAL_VERSION))


#: Letters of a name's head and of its tail that key the near-miss index.
NEAR_HEAD, NEAR_TAIL = 3, 2
#: The shortest name the near-miss index holds.
NEAR_MIN_LEN = 4


def near_keys(name: str, sizes: Iterable[int]) -> list[str]:
    """The ``near_names`` keys of the names of ``sizes`` letters sharing ``name``'s head or tail.

    One edit of a name changes at most two neighbouring letters, or shifts the letters
    after it: when it falls after the first three letters they stay, when it falls among
    them the last two stay. So a name one edit from a query shares the query's head or
    its tail and has its length, one less or one more (:mod:`geomap.places.fuzzy`).
    """
    lengths = list(sizes)
    heads = [f"<{name[:NEAR_HEAD]}|{n}" for n in lengths]
    return heads + [f">{name[-NEAR_TAIL:]}|{n}" for n in lengths]


def near_rows(primary: dict[str, set[str]]) -> Iterator[tuple[str, str, bytes]]:
    """The ``near_names`` rows: key, country, the country's names under the key (sorted)."""
    index: dict[tuple[str, str], set[str]] = {}
    for cc in sorted(primary):
        for name in primary[cc]:
            if len(name) >= NEAR_MIN_LEN:
                for key in near_keys(name, (len(name),)):
                    index.setdefault((key, cc), set()).add(name)
    for (key, cc), names in sorted(index.items()):
        yield key, cc, encode_names(names)


def _unmarshal(blob: bytes, what: str) -> Any:
    """Read one blob of our own cache file (marshal builds data, never runs code)."""
    try:
        return marshal.loads(blob)  # noqa: S302
    except (EOFError, TypeError, ValueError) as exc:
        msg = f"damaged {what} ({exc})"
        raise ValueError(msg) from exc


def encode_names(names: set[str]) -> bytes:
    """One ``settlement_names`` value: the normalised names, sorted."""
    return marshal.dumps(tuple(sorted(names)), _MARSHAL_VERSION)


def decode_names(blob: bytes) -> tuple[str, ...]:
    """Decode a ``settlement_names`` value.

    Raises
    ------
    ValueError
        The blob is not a name list (a damaged cache file).
    """
    names = _unmarshal(blob, "settlement name list")
    if not isinstance(names, tuple) or not all(isinstance(n, str) for n in names[:1]):
        msg = "damaged settlement name list (not a tuple of names)"
        raise ValueError(msg)
    return names


def decode_entries(blob: bytes) -> tuple[GazetteerEntry, ...]:
    """Decode a ``name_index`` entry list.

    Raises
    ------
    ValueError
        The blob is not an entry list (a damaged cache file).
    """
    rows = _unmarshal(blob, "name index entry")
    try:
        entries = tuple(map(_as_entry, rows))
    except TypeError as exc:
        msg = f"damaged name index entry ({exc})"
        raise ValueError(msg) from exc
    if entries and len(entries[0]) != len(GazetteerEntry._fields):
        msg = "damaged name index entry (wrong field count)"
        raise ValueError(msg)
    return entries
