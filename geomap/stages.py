"""Pipeline glue: the stage sequence, written once.

ingest -> gazetteer -> parse -> geocode -> events. Every command goes through here: the
map build, ``geomap places``, ``geomap eval`` and the worker processes (local or Dask).

* :func:`read_inputs` reads the input files (:mod:`geomap.ingest`);
* :func:`run_stages` opens the gazetteer, finds the run's theatre (:mod:`geomap.theatre`),
  takes what the per-article cache (:mod:`geomap._cache`) holds, and runs the rest in
  this process, on local worker processes or on Dask (:mod:`geomap._parallel`);
* :func:`code_chunk` is what runs there: :func:`parse_and_geocode` a chunk of articles
  (one ``nlp.pipe`` batch), then each article's events
  (:func:`geomap.events.article_events`). A bug one article trips costs that article
  only (:func:`failed`): the others are processed.

Results come back per article with its position in the run, so every path gives the
same output.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap._errors import InputError
from geomap.settings import Settings
from geomap.types import Article, Event, ParsedArticle, ResolvedPlace

if TYPE_CHECKING:
    from geomap._cache import ArticleCache
    from geomap.gazetteer import Gazetteer
    from geomap.ingest import IngestOptions

__all__ = [
    "ArticleResult",
    "Coded",
    "code_all",
    "code_chunk",
    "failed",
    "internal_error",
    "parse_and_geocode",
    "read_inputs",
    "run_stages",
    "with_theatre",
]

log = logging.getLogger(__name__)

#: Articles per ``nlp.pipe`` batch (and the unit chunks are cut in).
BATCH_SIZE = 16


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """The per-article stages' output for one article (position ``index`` in the run).

    ``events`` are the article's events before cross-article deduplication (None when
    not coded); without ``keep_parse`` ``parsed`` is None and ``resolved`` empty.
    ``cached`` says the result came from the per-article cache.
    """

    index: int
    parsed: ParsedArticle | None
    resolved: tuple[ResolvedPlace, ...]
    events: tuple[Event, ...] | None = None
    mentions: int = 0
    unresolved: int = 0
    #: When the article could not be processed: its one-line error and the traceback.
    error: str = ""
    trace: str = ""
    cached: bool = False


def internal_error(article: Article, exc: BaseException) -> str:
    """The one-line report of an unexpected exception while processing ``article``."""
    name = article.path or article.id
    if article.path.endswith(".jsonl"):  # many articles share the file: name the record
        name = f"{article.path} ({article.id})"
    what = " ".join(str(exc).split())[:300]
    return (
        f"{name}: internal error while coding events ({type(exc).__name__}: {what}); please report"
    )


def failed(index: int, article: Article, exc: BaseException) -> ArticleResult:
    """The result of an article whose processing raised ``exc`` (the run goes on)."""
    trace = "".join(traceback.format_exception(exc))
    return ArticleResult(index, None, (), error=internal_error(article, exc), trace=trace)


# --------------------------------------------------------------------------- ingest


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    on_error: Callable[[InputError], None] | None = None,
    options: IngestOptions | None = None,
) -> list[Article]:
    """Read the articles of ``inputs``; an :class:`InputError` when none is readable.

    Parameters
    ----------
    inputs
        Folders and files of any supported format.
    on_error
        Called with each bad input (None: the first one is raised).
    options
        How inputs are read (spreadsheet columns, ``keep_text`` folder).
    """
    from geomap.ingest import read_articles

    articles = read_articles(inputs, on_error=on_error, options=options)
    if not articles:
        msg = f"no readable articles in {', '.join(map(str, inputs))}"
        raise InputError(msg)
    return articles


# --------------------------------------------------------------------------- per article


def parse_and_geocode(
    articles: Sequence[Article],
    *,
    settings: Settings,
    gazetteer: Gazetteer,
    nlp: Any = None,
    batch_size: int = BATCH_SIZE,
    baseline: bool = False,
) -> list[tuple[ParsedArticle, list[ResolvedPlace]]]:
    """Parse and geocode ``articles``; return each article's record and resolved places.

    ``baseline`` runs the evaluation's baseline instead: bare spaCy NER, and the most
    populous candidate of each name.
    """
    from geomap.geocode import geocode_mentions
    from geomap.places import parse_articles

    if not articles:
        return []
    if baseline:
        parsed = parse_articles(articles, settings=settings, nlp=nlp, method="baseline")
        resolved = geocode_mentions(parsed, gazetteer, settings=settings, strategy="population")
    else:
        parsed = parse_articles(
            articles, settings=settings, nlp=nlp, gazetteer=gazetteer, batch_size=batch_size
        )
        resolved = geocode_mentions(parsed, gazetteer, settings=settings)
    out: list[tuple[ParsedArticle, list[ResolvedPlace]]] = []
    k = 0
    for pa in parsed:
        n = len(pa.mentions)
        out.append((pa, resolved[k : k + n]))
        k += n
    if k != len(resolved):  # geocode_mentions returns one record per mention, in order
        msg = f"geocoding returned {len(resolved)} records for {k} mentions"
        raise RuntimeError(msg)
    return out


def _one_by_one(
    articles: Sequence[Article], settings: Settings, nlp: Any, gaz: Gazetteer
) -> list[tuple[ParsedArticle, list[ResolvedPlace]] | BaseException]:
    """Parse and geocode each article alone; an unexpected exception is returned, not raised.

    Fault isolation: a bug that one odd article triggers in a per-article stage costs
    that article (reported as one error line, exit code 3), never the run.
    """
    out: list[tuple[ParsedArticle, list[ResolvedPlace]] | BaseException] = []
    for article in articles:
        try:
            out.append(parse_and_geocode([article], settings=settings, nlp=nlp, gazetteer=gaz)[0])
        except Exception as exc:  # noqa: BLE001 - reported by the caller with its traceback
            out.append(exc)
    return out


def code_chunk(
    chunk: Sequence[tuple[int, Article]],
    settings: Settings,
    cache: ArticleCache | None,
    state: tuple[Any, Gazetteer],
    keep_parse: bool = True,
) -> list[ArticleResult]:
    """Parse, geocode and code the events of a chunk of ``(index, article)`` pairs.

    ``state`` is the (model, gazetteer) of the process; each result is stored in
    ``cache`` when given. Without ``keep_parse`` a result carries the article's events
    and counts only (less to send back from a worker process).
    """
    from geomap.events import article_events

    nlp, gaz = state
    articles = [a for _, a in chunk]
    done: list[tuple[ParsedArticle, list[ResolvedPlace]] | BaseException]
    try:
        done = list(parse_and_geocode(articles, settings=settings, nlp=nlp, gazetteer=gaz))
    except Exception:  # noqa: BLE001 - a bug hit by one article: find it, keep the others
        log.debug("chunk of %d articles failed; processing them one by one", len(chunk))
        done = _one_by_one(articles, settings, nlp, gaz)
    out = []
    for (i, article), got in zip(chunk, done, strict=True):
        if isinstance(got, BaseException):
            out.append(failed(i, article, got))
            continue
        pa, rs = got
        n_un = sum(r.method == "unresolved" for r in rs)
        try:
            evs = tuple(article_events(pa, rs))
        except Exception as exc:  # noqa: BLE001 - fault isolation, see _one_by_one
            out.append(failed(i, article, exc))
            continue
        if cache is not None:
            cache.store(article, pa, rs, evs, n_un)
        if keep_parse:
            out.append(ArticleResult(i, pa, tuple(rs), evs, len(rs), n_un))
        else:
            out.append(ArticleResult(i, None, (), evs, len(rs), n_un))
    return out


# --------------------------------------------------------------------------- the run


def with_theatre(
    settings: Settings,
    articles: Sequence[Article],
    gaz: Gazetteer,
    store: ArticleCache | None = None,
) -> Settings:
    """``settings`` with the run's theatre found in a first pass (kept when already set).

    The theatre is a setting, so it reaches worker processes and Dask with the rest; it
    is left out of the per-article cache key (see :mod:`geomap.theatre`). Each article's
    votes are read from ``store`` when it holds them (an incremental build reads the
    changed texts only), else worked out and stored.
    """
    if settings.theatre:
        return settings
    from geomap.theatre import article_votes, theatre_of_votes

    def votes(article: Article) -> set[tuple[str, str]]:
        got = store.get_votes(article) if store is not None else None
        if got is None:
            got = article_votes(article.text, gaz)
            if store is not None:
                store.put_votes(article, got)
        return got

    theatre = theatre_of_votes(votes(a) for a in articles)
    log.info("theatre: %s", ", ".join(f"{k} {v:.1f}" for k, v in theatre) or "none")
    return replace(settings, theatre=theatre)


def _from_cache(
    store: ArticleCache, i: int, article: Article, *, keep_parse: bool
) -> ArticleResult | None:
    """The cached result of ``article`` (None: not cached; an error result: coding failed)."""
    from geomap.events import article_events

    if not keep_parse:
        small = store.get_events(article)
        if small is not None:
            listed, mentions, unresolved = small
            return ArticleResult(i, None, (), tuple(listed), mentions, unresolved, cached=True)
    got = store.get(article)
    if got is None:
        return None
    pa, rs = got
    n_un = sum(r.method == "unresolved" for r in rs)
    try:
        evs = tuple(article_events(pa, rs))
    except Exception as exc:  # noqa: BLE001 - fault isolation (see code_chunk)
        return replace(failed(i, article, exc), cached=True)
    if not keep_parse:
        store.put_events(article, evs, len(rs), n_un)
        return ArticleResult(i, None, (), evs, len(rs), n_un, cached=True)
    return ArticleResult(i, pa, tuple(rs), evs, len(rs), n_un, cached=True)


def run_stages(
    articles: Sequence[Article],
    *,
    settings: Settings,
    cache: bool = True,
    workers: int = 1,
    scheduler: str = "local",
    keep_parse: bool = False,
    progress: Callable[[int, int], Any] | None = None,
) -> Iterator[ArticleResult]:
    """Run the per-article stages over ``articles``: one result per article.

    Parameters
    ----------
    articles
        Articles from :func:`read_inputs` (or :func:`geomap.ingest.read_articles`).
    settings
        Run settings; per-article results are cached under ``settings.cache_dir``.
    cache
        Reuse and store per-article results (incremental build).
    workers
        Worker processes (1: this process).
    scheduler
        ``"local"`` or ``"dask"`` (``dask.distributed``).
    keep_parse
        Return each article's parse and resolved places with its events (``geomap
        places``, evaluation); a map build needs the events and counts only.
    progress
        Called with (articles in all, articles done) once cache hits are known, and
        returns an object with ``update(n)`` and ``close()`` (a progress bar), or None.

    Yields
    ------
    ArticleResult
        Cache hits first, then chunk by chunk as work completes; ``index`` is the
        article's position in ``articles``. An article a stage failed on gives a result
        with ``error`` set.
    """
    from geomap._cache import ArticleCache, pipeline_version
    from geomap._parallel import check_scheduler, run_chunks
    from geomap.gazetteer import load_gazetteer

    check_scheduler(scheduler, workers)
    gaz = load_gazetteer(settings, progress=settings.progress)
    try:
        store = None
        if cache:  # the version leaves the theatre out: it can be known before it
            version = pipeline_version(settings, gaz.build_meta)
            # a build reads events entries only; parse entries serve `geomap places`
            store = ArticleCache(settings.cache_dir / "articles", version, parses=keep_parse)
            store.prune()
        settings = with_theatre(settings, articles, gaz, store)
        todo: list[tuple[int, Article]] = []
        for i, article in enumerate(articles):
            hit = _from_cache(store, i, article, keep_parse=keep_parse) if store else None
            if hit is None:
                todo.append((i, article))
            else:
                yield hit
        log.info("%d articles to process, %d from the cache", len(todo), len(articles) - len(todo))
        bar = progress(len(articles), len(articles) - len(todo)) if progress else None
        try:
            for results in run_chunks(
                todo,
                settings=settings,
                cache=store,
                workers=workers,
                scheduler=scheduler,
                local_state=lambda: _local_state(settings, gaz),
                keep_parse=keep_parse,
            ):
                yield from results
                if bar is not None:
                    bar.update(len(results))
        finally:
            if bar is not None:
                bar.close()
    finally:
        gaz.close()


def _local_state(settings: Settings, gaz: Gazetteer) -> tuple[Any, Gazetteer]:
    """The model and this run's open gazetteer, for work in this process."""
    from geomap.places import load_model

    return load_model(settings.model), gaz


@dataclass(frozen=True, slots=True)
class Coded:
    """Every article's results of a run kept in memory, in input order (see :func:`code_all`)."""

    results: tuple[ArticleResult, ...]

    @property
    def parsed(self) -> list[ParsedArticle]:
        """The parsed articles (those no stage failed on)."""
        return [r.parsed for r in self.results if r.parsed is not None]

    @property
    def resolved(self) -> list[ResolvedPlace]:
        """Their resolved places, article then text order."""
        return [p for r in self.results for p in r.resolved]

    @property
    def events(self) -> list[Event]:
        """Their events, article then text order, before cross-article deduplication."""
        return [e for r in self.results for e in (r.events or ())]

    @property
    def errors(self) -> list[str]:
        """One line per article a stage failed on."""
        return [r.error for r in self.results if r.error]


def code_all(articles: Sequence[Article], *, settings: Settings, cache: bool = False) -> Coded:
    """Run the per-article stages over ``articles`` in this process and keep everything.

    For evaluation and notebooks: parses, resolved places and events of every article,
    in input order. An article a stage failed on is logged and left out.
    """
    results = sorted(
        run_stages(articles, settings=settings, cache=cache, keep_parse=True),
        key=lambda r: r.index,
    )
    for r in results:
        if r.error:
            log.error("%s", r.error)
            log.info("%s", r.trace.rstrip(), extra={"verbatim": True})
    return Coded(tuple(results))
