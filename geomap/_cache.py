"""Pipeline glue: the per-article result cache behind incremental builds.

Files under ``settings.cache_dir / "articles" / <version>/``, named by the sha256 of the
article (id, text, date, source, url, title, boilerplate spans). ``<key>.events.msgpack``
holds the article's events and counts, all a map build reads; ``<key>.parse.msgpack`` holds
its :class:`~geomap.types.ParsedArticle` (tokens included) and its
:class:`~geomap.types.ResolvedPlace` list, which only commands that report the parse
itself (``geomap places``) write and read. A build skips them: writing one costs about
1 ms per article (every token is stored), over 1% of a build, and takes ~100 times the
disk of the events entry. ``<version>`` hashes everything else the
per-article result depends on: geomap's version and source code, spaCy's and the model's
versions, the gazetteer cache's build record and the settings that change recognition or
ranking. A rebuild therefore re-processes exactly the articles whose text or metadata
changed, and none of the cache is reused after an upgrade.

Entries are MessagePack, which cannot run code when read (a cache folder is a place others
may be able to write to), sealed with an HMAC-SHA256 under the folder's own key
(``articles/key``, 32 random bytes, mode 0600) over the entry kind, the article's key and
the payload (:mod:`geomap._cache_codec`). An entry that fails the check (a changed byte,
truncated, another cache's, moved onto another article's name) or does not decode is
discarded, logged at ``-v`` and recomputed. Entries are written atomically (temp file in
the same folder + ``os.replace``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from geomap import __version__
from geomap._cache_codec import (
    EntryError,
    decode_events,
    decode_parse,
    decode_votes,
    encode_events,
    encode_parse,
    encode_votes,
    load_key,
    open_entry,
    seal_entry,
)
from geomap.settings import Settings
from geomap.types import Article, Event, ParsedArticle, ResolvedPlace

__all__ = ["ArticleCache", "article_key", "pipeline_version"]

log = logging.getLogger(__name__)

#: Bump when the layout of a cache entry changes.
CACHE_FORMAT = "2"
#: Settings that never change a per-article result (paths, output, cross-article dedup).
_IGNORED_SETTINGS = frozenset(
    {
        "cache_dir",
        "gazetteer_dir",
        "progress",
        "dedup_days",
        "dedup_km",
        # the run's theatre (geomap.theatre) moves with every article added: keyed on it,
        # an incremental build would redo everything; a cached article keeps the
        # resolution its own run gave it (a build without the cache recomputes all)
        "theatre",
        "online_user_agent",
        "online_min_delay_s",
    }
)
_T = TypeVar("_T")
#: Version folders of other pipelines untouched this long are removed.
_STALE_AFTER_S = 7 * 24 * 3600

_EVENTS = b"events"
_PARSE = b"parse"
_VOTES = b"votes"

Entry = tuple[ParsedArticle, list[ResolvedPlace]]
#: An article's events (before deduplication), mention count, unresolved count.
EventsEntry = tuple[list[Event], int, int]


def _code_digest() -> str:
    """Hash of the package's own source files (a code change invalidates the cache)."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for path in sorted(pkg.rglob("*.py")):
        h.update(path.relative_to(pkg).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _dist_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        meta = Path(name) / "meta.json"
        if meta.is_file():
            return hashlib.sha256(meta.read_bytes()).hexdigest()[:16]
        return "unknown"


def pipeline_version(settings: Settings, gazetteer_meta: dict[str, str]) -> str:
    """Return the identity of everything besides the article that shapes its result.

    Parameters
    ----------
    settings
        Run settings; fields that cannot change a per-article result are left out.
    gazetteer_meta
        The gazetteer cache's build record (builder version, build time, source hashes).

    Returns
    -------
    str
        A short hex digest, used as the cache's version folder name.
    """
    relevant = {
        f.name: repr(getattr(settings, f.name))
        for f in fields(settings)
        if f.name not in _IGNORED_SETTINGS
    }
    gaz = {k: v for k, v in gazetteer_meta.items() if k != "build_seconds"}
    parts = {
        "format": CACHE_FORMAT,
        "geomap": __version__,
        "code": _code_digest(),
        "spacy": _dist_version("spacy"),
        "model": f"{settings.model} {_dist_version(settings.model)}",
        "gazetteer": gaz,
        "settings": relevant,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def article_key(article: Article) -> str:
    """Return the sha256 of an article's id, text and metadata (not its path)."""
    blob = json.dumps(
        [
            article.id,
            article.text,
            None if article.published is None else article.published.isoformat(),
            article.source,
            article.url,
            article.title,
            [list(s) for s in article.skip_spans],
        ],
        ensure_ascii=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


class ArticleCache:
    """Per-article results of one pipeline version.

    Parameters
    ----------
    root
        The ``articles`` folder of the cache directory.
    version
        From :func:`pipeline_version`.
    parses
        Whether :meth:`store` also writes the full parse entry (see the module docstring).
    """

    def __init__(self, root: str | os.PathLike[str], version: str, *, parses: bool = True) -> None:
        self.root = Path(root)
        self.version = version
        self.folder = self.root / version
        self.parses = parses
        self._key: bytes | None = None

    def __reduce__(self) -> tuple[Any, ...]:  # cheap to send to worker processes
        return (functools.partial(ArticleCache, parses=self.parses), (str(self.root), self.version))

    @property
    def key(self) -> bytes:
        """The folder's secret for entry checksums (created on first use)."""
        if self._key is None:
            self._key = load_key(self.root)
        return self._key

    def _path(self, name: str, kind: bytes) -> Path:
        return self.folder / name[:2] / f"{name}.{kind.decode()}.msgpack"

    def _read(self, name: str, kind: bytes) -> bytes | None:
        """The checked payload of an entry; None when missing or bad (then it is removed)."""
        path = self._path(name, kind)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.info("ignoring unreadable cache entry %s (%s)", path, exc)
            return None
        try:
            return open_entry(self.key, kind, name, blob)
        except EntryError as exc:
            self._reject(path, exc)
            return None

    def _reject(self, path: Path, exc: Exception) -> None:
        log.info("discarding cache entry %s: %s; recomputing it", path, exc)
        self._discard(path)

    def _write(self, name: str, kind: bytes, payload: bytes) -> None:
        path = self._path(name, kind)
        tmp: str | None = None
        try:
            blob = seal_entry(self.key, kind, name, payload)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".msgpack", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            Path(tmp).replace(path)
            tmp = None
        except OSError as exc:
            log.warning("cannot write cache entry %s (%s)", path, exc)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    Path(tmp).unlink()

    def _load(self, article: Article, kind: bytes, decode: Callable[[bytes], _T]) -> _T | None:
        """The decoded entry of ``kind`` for ``article``; None when missing or bad (a bad
        one is removed)."""
        name = article_key(article)
        payload = self._read(name, kind)
        if payload is None:
            return None
        try:
            return decode(payload)
        except EntryError as exc:
            self._reject(self._path(name, kind), exc)
            return None

    def _save(self, article: Article, kind: bytes, encode: Callable[[], bytes], what: str) -> None:
        """Write the entry ``encode`` gives (a failure to encode is logged, not raised)."""
        try:
            payload = encode()
        except EntryError as exc:
            log.info("not caching the %s of article %s: %s", what, article.id, exc)
            return
        self._write(article_key(article), kind, payload)

    def get(self, article: Article) -> Entry | None:
        """Return the cached result of ``article``, or None (missing, bad or unreadable)."""
        return self._load(article, _PARSE, lambda payload: decode_parse(payload, article))

    def put(
        self, article: Article, parsed: ParsedArticle, resolved: Sequence[ResolvedPlace]
    ) -> None:
        """Store the result of ``article`` (atomically; a failure is logged, not raised)."""
        self._save(article, _PARSE, lambda: encode_parse(parsed, resolved), "parse")

    def get_events(self, article: Article) -> EventsEntry | None:
        """Return the article's cached events and counts, or None.

        These are the events of the article alone (before cross-article deduplication),
        its number of place mentions and of unresolved mentions: all a map build needs,
        without reading the parse.
        """
        return self._load(article, _EVENTS, lambda payload: decode_events(payload, article.id))

    def put_events(
        self, article: Article, events: Sequence[Event], mentions: int, unresolved: int
    ) -> None:
        """Store an article's events and counts (see :meth:`get_events`)."""
        self._save(
            article,
            _EVENTS,
            lambda: encode_events(article.id, events, mentions, unresolved),
            "events",
        )

    def get_votes(self, article: Article) -> set[tuple[str, str]] | None:
        """Return the divisions the article votes for in the run's theatre, or None.

        (:func:`geomap.theatre.article_votes`; they depend on the text and the
        gazetteer only, so an incremental build need not read every text again.)
        """
        return self._load(article, _VOTES, decode_votes)

    def put_votes(self, article: Article, votes: set[tuple[str, str]]) -> None:
        """Store an article's theatre votes (see :meth:`get_votes`)."""
        self._save(article, _VOTES, lambda: encode_votes(votes), "theatre votes")

    def store(
        self,
        article: Article,
        parsed: ParsedArticle,
        resolved: Sequence[ResolvedPlace],
        events: Sequence[Event],
        unresolved: int,
    ) -> None:
        """Store a freshly processed article: its events entry, and its parse if ``parses``."""
        if self.parses:
            self.put(article, parsed, resolved)
        self.put_events(article, events, len(resolved), unresolved)

    def prune(self) -> None:
        """Remove version folders of other pipelines left untouched for a week."""
        try:
            others = [p for p in self.root.iterdir() if p.is_dir() and p.name != self.version]
        except OSError:
            return
        now = time.time()
        for p in others:
            try:
                stale = now - p.stat().st_mtime > _STALE_AFTER_S
            except OSError:
                continue
            if stale:
                log.debug("removing stale article cache %s", p)
                shutil.rmtree(p, ignore_errors=True)

    @staticmethod
    def _discard(path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()
