"""Pipeline glue: the bytes of a per-article cache entry (:mod:`geomap._cache`).

An entry is MessagePack (plain arrays, strings and numbers: unlike a pickle, reading one
cannot run code) behind a header that authenticates it::

    b"GMC2" + HMAC-SHA256(key, b"GMC2" + kind + article key + payload) + payload

``key`` is the cache folder's own secret (:func:`load_key`, a ``key`` file of 32 random
bytes, mode 0600), ``kind`` says which entry it is (events or parse) and the article key
names the article, so an entry that was changed by a single bit, truncated, written by
another cache or moved onto another article's name fails the check and is recomputed.

Records become arrays of their fields in declaration order (dates as ISO strings); the
entry format is part of the pipeline version (``CACHE_FORMAT`` in :mod:`geomap._cache`),
so a change of layout never meets an old entry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from geomap.types import (
    Article,
    Candidate,
    Event,
    GazetteerEntry,
    Namesake,
    ParsedArticle,
    PlaceMention,
    ResolvedPlace,
    Sentence,
    Span,
    token_from_row,
)

__all__ = [
    "EntryError",
    "decode_events",
    "decode_parse",
    "decode_votes",
    "encode_events",
    "encode_parse",
    "encode_votes",
    "load_key",
    "open_entry",
    "seal_entry",
]

MAGIC = b"GMC2"
_MAC_SIZE = hashlib.sha256().digest_size
_KEY_SIZE = 32

_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_EVENT_ROW = attrgetter(*_EVENT_FIELDS)
_EVENT_DATE = _EVENT_FIELDS.index("event_date")
_EVENT_ALTERNATIVES = _EVENT_FIELDS.index("alternatives")
_MENTION_ROW = attrgetter(*(f.name for f in fields(PlaceMention)))
_SPAN_ROW = attrgetter(*(f.name for f in fields(Span)))
_N_MENTION = len(fields(PlaceMention))


class EntryError(ValueError):
    """A cache entry that fails its check or cannot be decoded (it is recomputed)."""


# --------------------------------------------------------------------------- the key


def load_key(root: Path) -> bytes:
    """Return the cache folder's secret, creating it (mode 0600) on first use.

    Two processes creating it at once agree: the key is written to a temporary file and
    linked into place only if no key exists yet; the loser reads the winner's.
    """
    path = root / "key"
    with contextlib.suppress(FileNotFoundError):
        key = path.read_bytes()
        if len(key) == _KEY_SIZE:
            return key
        path.unlink()  # damaged: every entry sealed with it is recomputed
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".key-{os.getpid()}-{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(_KEY_SIZE))
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink()
    return path.read_bytes()


def _mac(key: bytes, kind: bytes, name: str, payload: bytes) -> bytes:
    mac = hmac.new(key, MAGIC, hashlib.sha256)
    mac.update(kind)
    mac.update(name.encode("ascii"))
    mac.update(payload)
    return mac.digest()


def seal_entry(key: bytes, kind: bytes, name: str, payload: bytes) -> bytes:
    """Return the bytes to store: header, MAC over (kind, article key, payload), payload."""
    return MAGIC + _mac(key, kind, name, payload) + payload


def open_entry(key: bytes, kind: bytes, name: str, blob: bytes) -> bytes:
    """Return the payload of a stored entry, after checking its header and MAC.

    Raises
    ------
    EntryError
        When the header or the MAC does not match.
    """
    head = len(MAGIC) + _MAC_SIZE
    if len(blob) < head or not blob.startswith(MAGIC):
        msg = "not a geomap cache entry (bad header)"
        raise EntryError(msg)
    payload = blob[head:]
    if not hmac.compare_digest(blob[len(MAGIC) : head], _mac(key, kind, name, payload)):
        msg = "checksum mismatch (changed, damaged or written by another cache)"
        raise EntryError(msg)
    return payload


# --------------------------------------------------------------------------- payloads


def _pack(obj: object) -> bytes:
    import msgpack

    try:
        return bytes(msgpack.packb(obj, use_bin_type=True))
    except (TypeError, ValueError, OverflowError) as exc:  # lone surrogates, huge ints
        msg = f"cannot encode the entry ({type(exc).__name__}: {exc})"
        raise EntryError(msg) from exc


def _unpack(payload: bytes) -> Any:
    import msgpack

    try:
        return msgpack.unpackb(payload, use_list=False, raw=False, strict_map_key=True)
    except (ValueError, TypeError, msgpack.UnpackException) as exc:
        msg = f"cannot decode the entry ({type(exc).__name__})"
        raise EntryError(msg) from exc


def encode_votes(votes: Iterable[tuple[str, str]]) -> bytes:
    """Payload of a votes entry: the (country, admin1) divisions an article names."""
    return _pack(sorted([cc, a1] for cc, a1 in votes))


def decode_votes(payload: bytes) -> set[tuple[str, str]]:
    """Inverse of :func:`encode_votes`.

    Raises
    ------
    EntryError
        When the payload is no list of (country, admin1) string pairs.
    """
    data = _unpack(payload)
    try:
        votes = {(cc, a1) for cc, a1 in data}
    except (TypeError, ValueError) as exc:
        msg = f"not a votes entry ({type(exc).__name__}: {exc})"
        raise EntryError(msg) from exc
    if not all(isinstance(x, str) for v in votes for x in v):
        msg = "not a votes entry (a division is not a pair of strings)"
        raise EntryError(msg)
    return votes


def _event_row(event: Event) -> list[Any]:
    row = list(_EVENT_ROW(event))
    date = row[_EVENT_DATE]
    row[_EVENT_DATE] = None if date is None else date.isoformat()
    return row


def _event(row: Sequence[Any]) -> Event:
    values = list(row)
    date = values[_EVENT_DATE]
    values[_EVENT_DATE] = None if date is None else dt.date.fromisoformat(date)
    values[_EVENT_ALTERNATIVES] = tuple(Namesake(*a) for a in values[_EVENT_ALTERNATIVES])
    return Event(*values)


def encode_events(
    article_id: str, events: Sequence[Event], mentions: int, unresolved: int
) -> bytes:
    """Payload of an events entry: the article's events and its mention counts."""
    return _pack([article_id, [_event_row(e) for e in events], mentions, unresolved])


def decode_events(payload: bytes, article_id: str) -> tuple[list[Event], int, int]:
    """Inverse of :func:`encode_events`, checked against the article it is read for.

    Raises
    ------
    EntryError
        When the payload does not decode to the events of ``article_id``.
    """
    data = _unpack(payload)
    try:
        stored_id, rows, mentions, unresolved = data
        events = [_event(r) for r in rows]
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        msg = f"not an events entry ({type(exc).__name__}: {exc})"
        raise EntryError(msg) from exc
    if (
        stored_id != article_id
        or not isinstance(mentions, int)
        or not isinstance(unresolved, int)
        or any(e.article_id != article_id for e in events)
    ):
        msg = f"not the events of article {article_id!r}"
        raise EntryError(msg)
    return events, mentions, unresolved


def _resolved_row(r: ResolvedPlace) -> list[Any]:
    cands = [[c.entry, c.score, c.features] for c in r.candidates]
    return [
        _MENTION_ROW(r.mention),
        r.entry,
        r.method,
        r.score,
        r.level,
        r.geo_precision,
        cands,
        r.reason,
        r.namesakes,
        r.priors,
        r.shared,
    ]


def _resolved(row: Sequence[Any]) -> ResolvedPlace:
    mention, entry, method, score, level, precision, cands, reason, names, priors, shared = row
    return ResolvedPlace(
        PlaceMention(*mention),
        None if entry is None else GazetteerEntry(*entry),
        method,
        score,
        level,
        precision,
        tuple(Candidate(GazetteerEntry(*e), s, f) for e, s, f in cands),
        reason,
        tuple(GazetteerEntry(*e) for e in names),
        tuple(priors),
        None if shared is None else GazetteerEntry(*shared),
    )


def encode_parse(parsed: ParsedArticle, resolved: Sequence[ResolvedPlace]) -> bytes:
    """Payload of a parse entry: sentences (tokens), mentions, entities, resolved places.

    The article itself is not stored: the entry's name is the hash of its text and
    metadata, so the reader's own article record is the one it was computed from.
    """
    return _pack(
        [
            parsed.article.id,
            [[s.start, s.end, s.tokens] for s in parsed.sentences],
            [_MENTION_ROW(m) for m in parsed.mentions],
            [_SPAN_ROW(e) for e in parsed.entities],
            [_resolved_row(r) for r in resolved],
        ]
    )


def decode_parse(payload: bytes, article: Article) -> tuple[ParsedArticle, list[ResolvedPlace]]:
    """Inverse of :func:`encode_parse` for ``article``.

    Raises
    ------
    EntryError
        When the payload does not decode to a parse of ``article``.
    """
    data = _unpack(payload)
    try:
        stored_id, sents, mentions, entities, resolved = data
        if stored_id != article.id or any(len(m) != _N_MENTION for m in mentions):
            msg = f"not a parse of article {article.id!r}"
            raise EntryError(msg)
        parsed = ParsedArticle(
            article,
            tuple(Sentence(a, b, tuple(map(token_from_row, toks))) for a, b, toks in sents),
            tuple(PlaceMention(*m) for m in mentions),
            tuple(Span(*e) for e in entities),
        )
        return parsed, [_resolved(r) for r in resolved]
    except (TypeError, ValueError, IndexError, KeyError) as exc:
        if isinstance(exc, EntryError):
            raise
        msg = f"not a parse entry ({type(exc).__name__}: {exc})"
        raise EntryError(msg) from exc
