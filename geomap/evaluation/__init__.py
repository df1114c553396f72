"""Evaluation stage: score geoparsing against TR-News and the seeds gold.

Readers turn the gold files into frozen records (:func:`read_trnews`, :func:`read_seeds_gold`);
the metrics are pure functions (see :mod:`geomap.evaluation.metrics`); the runners
(:func:`evaluate_trnews`, :func:`evaluate_seeds`) push the articles through the real pipeline
stages and score what comes out. TR-News is scored twice in the same run: the system
(``places.parse_articles`` + ``geocode.geocode_mentions``) and the baseline (bare spaCy NER
GPE/LOC/FAC + most populous candidate).

Choices, all documented in the report:

- TR-News annotates every toponym *string*, whatever its function: "The leaders of Turkey and
  Russia said", place names in "Reporting by ... in New York" lines and adjectival forms
  ("Turkish", "Russian": 100+ of the 1,319) are gold toponyms. So by default every mention
  role (literal, metonymic, credit, caption, demonym) counts as a predicted toponym there
  (``roles`` narrows it; the seeds scoring keeps the roles apart).
- Some TR-News offsets are shifted by a few characters (the distributed text lost characters
  the annotators counted). The reader repairs an offset when the phrase occurs within
  ``OFFSET_WINDOW`` characters of it and reports how many it had to repair.
- Gold toponyms without a ``gaztag`` (no coordinates) count for recognition only. A matched
  toponym the system left unresolved is scored with the maximum error (20,039 km).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap._errors import InputError
from geomap.evaluation.metrics import (
    ACC_KM,
    MAX_ERROR_KM,
    MatchedPair,
    RecognitionScores,
    ResolutionScores,
    Scores,
    SpanPoint,
    accuracy_at_km,
    accuracy_by_group,
    auc_of_errors,
    haversine_km,
    match_spans,
    recognition_scores,
    resolution_scores,
    score_documents,
)
from geomap.evaluation.seeds import (
    EventRow,
    PlaceRow,
    SeedEvent,
    SeedPlace,
    SeedsGold,
    SeedsReport,
    read_seeds_gold,
    score_seeds,
)
from geomap.settings import Settings
from geomap.types import ROLES, Article, ParsedArticle, ResolvedPlace

__all__ = [
    "ACC_KM",
    "GOLD_LEVELS",
    "MAX_ERROR_KM",
    "OFFSET_WINDOW",
    "TRNEWS_ROLES",
    "EventRow",
    "GoldDoc",
    "GoldToponym",
    "MatchedPair",
    "PlaceRow",
    "RecognitionScores",
    "Report",
    "ResolutionScores",
    "Scores",
    "SeedEvent",
    "SeedPlace",
    "SeedsGold",
    "SeedsReport",
    "SpanPoint",
    "SystemResult",
    "accuracy_at_km",
    "auc_of_errors",
    "default_eval_dir",
    "default_seeds_dir",
    "default_seeds_gold",
    "evaluate_seeds",
    "evaluate_trnews",
    "gold_level",
    "haversine_km",
    "match_spans",
    "offset_summary",
    "predictions_from",
    "read_seeds_gold",
    "read_trnews",
    "recognition_scores",
    "resolution_scores",
    "score_documents",
    "score_seeds",
    "trnews_to_articles",
]

logger = logging.getLogger(__name__)

#: How far (characters) the reader looks for a gold phrase whose offsets do not match.
OFFSET_WINDOW = 60
#: Mention roles counted as predicted toponyms on TR-News (it annotates every toponym string).
TRNEWS_ROLES: tuple[str, ...] = ROLES

_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_eval_dir() -> Path | None:
    """Return the folder of the evaluation sets kept outside the project, if one is set.

    ``$GEOMAP_EVAL_DIR`` names it (``TR-News.xml``, ``osint-reports-dev.csv``,
    ``news-events-dev/``); these sets are not redistributed with geomap, so there is no
    default. ``None`` when the variable is unset or empty.
    """
    env = os.environ.get("GEOMAP_EVAL_DIR")
    return Path(env) if env else None


def default_seeds_gold() -> Path:
    """Return the project's own hand-coded gold for the seeds (``eval/seeds_gold.json``)."""
    return _PROJECT_ROOT / "eval" / "seeds_gold.json"


def _trnews_default() -> Path:
    eval_dir = default_eval_dir()
    if eval_dir is None:
        msg = "no TR-News file: give its path (--trnews) or set $GEOMAP_EVAL_DIR"
        raise InputError(msg)
    return eval_dir / "TR-News.xml"


def default_seeds_dir() -> Path:
    """Return the folder of the five seed articles (``seeds/`` in the project root)."""
    return _PROJECT_ROOT / "seeds"


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One TR-News gold toponym.

    ``start``/``end`` index into :attr:`GoldDoc.text` (repaired when needed);
    ``raw_start``/``raw_end`` are the offsets as written in the file and ``offset`` says
    "exact", "repaired" or "unmatched" (phrase not found near the given offset; raw kept).
    ``lat``/``lon``/``geonameid`` are None for toponyms without a gaztag.
    """

    phrase: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    offset: str
    geonameid: int | None = None
    name: str = ""
    lat: float | None = None
    lon: float | None = None
    fclass: str = ""
    fcode: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One TR-News article with its gold toponyms; ``text`` is the CDATA text, unchanged."""

    docid: str
    title: str
    url: str
    published: dt.date | None
    text: str
    toponyms: tuple[GoldToponym, ...]
    domain: str = ""


@dataclass(frozen=True, slots=True)
class SystemResult:
    """Scores of one configuration (system or baseline) with its run time and method counts."""

    name: str
    scores: Scores
    seconds: float
    methods: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """TR-News evaluation of the system and the baseline, computed in the same run."""

    path: str
    n_docs: int
    n_gold: int
    n_gold_with_coords: int
    offsets: tuple[tuple[str, int], ...]
    roles: tuple[str, ...]
    system: SystemResult
    baseline: SystemResult
    #: What the gazetteer's points allow: gold toponyms with a GeoNames id and coordinates,
    #: how many of those ids the cache lacks, and how many it has with a point more than
    #: 161 km from the gold one (countries and divisions whose reference point differs).
    reachable: tuple[int, int, int] = (0, 0, 0)
    #: The system's acc@161 by coordinates per gold level: ``(level, n, acc)`` for
    #: country, admin1, admin2, city and other (see :func:`gold_level`).
    by_level: tuple[tuple[str, int, float | None], ...] = ()

    @property
    def coverage(self) -> float | None:
        """Share of gold toponyms with a GeoNames id and a point whose id is in the cache."""
        n, absent, _far = self.reachable
        return (n - absent) / n if n else None

    @property
    def acc_ceiling(self) -> float | None:
        """acc@161 by coordinates if every gold toponym got its gold id (absent ids: misses)."""
        n, absent, far = self.reachable
        return (n - absent - far) / n if n else None


# --------------------------------------------------------------------------- TR-News reader


def _child_text(elem: ET.Element, tag: str) -> str:
    child = elem.find(tag)
    return "" if child is None or child.text is None else child.text


def _repair_offsets(text: str, phrase: str, start: int, end: int) -> tuple[int, int, str]:
    if text[start:end] == phrase:
        return start, end, "exact"
    if phrase and text[start : start + len(phrase)] == phrase:
        return start, start + len(phrase), "repaired"
    best: int | None = None
    for delta in range(1, OFFSET_WINDOW + 1):
        for s in (start - delta, start + delta):
            if s >= 0 and text[s : s + len(phrase)] == phrase:
                best = s
                break
        if best is not None:
            break
    if phrase and best is not None:
        return best, best + len(phrase), "repaired"
    return start, end, "unmatched"


def _parse_toponym(elem: ET.Element, text: str, docid: str) -> GoldToponym:
    phrase = _child_text(elem, "phrase")
    try:
        raw_start = int(_child_text(elem, "start"))
        raw_end = int(_child_text(elem, "end"))
    except ValueError as exc:
        msg = f"TR-News article {docid}: toponym {phrase!r} has no integer start/end"
        raise InputError(msg) from exc
    start, end, status = _repair_offsets(text, phrase, raw_start, raw_end)
    gaz = elem.find("gaztag")
    if gaz is None:
        return GoldToponym(phrase, start, end, raw_start, raw_end, status)
    gid = gaz.get("geonameid")
    try:
        lat: float | None = float(_child_text(gaz, "lat"))
        lon: float | None = float(_child_text(gaz, "lon"))
    except ValueError:
        lat = lon = None
    return GoldToponym(
        phrase=phrase,
        start=start,
        end=end,
        raw_start=raw_start,
        raw_end=raw_end,
        offset=status,
        geonameid=int(gid) if gid and gid.isdecimal() else None,
        name=_child_text(gaz, "name").strip(),
        lat=lat,
        lon=lon,
        fclass=_child_text(gaz, "fclass").strip(),
        fcode=_child_text(gaz, "fcode").strip(),
        country=_child_text(gaz, "country").strip(),
    )


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def read_trnews(path: str | os.PathLike[str]) -> list[GoldDoc]:
    """Read the TR-News corpus (``<articles><article docid>…``) into gold documents.

    Parameters
    ----------
    path
        Path of ``TR-News.xml``.

    Returns
    -------
    list of GoldDoc
        In file order. Offsets that do not index the phrase are repaired when the phrase
        occurs within :data:`OFFSET_WINDOW` characters (see :func:`offset_summary`).

    Raises
    ------
    InputError
        When the file cannot be read or is not TR-News XML.
    """
    path = Path(path)
    try:
        # Local evaluation file; expat resolves no external entities (no XXE).
        root = ET.parse(path).getroot()  # noqa: S314
    except (OSError, ET.ParseError) as exc:
        msg = f"cannot read TR-News file {str(path)!r}: {exc}"
        raise InputError(msg) from exc
    if root.tag != "articles":
        msg = f"{str(path)!r} is not TR-News XML (root element <{root.tag}>, not <articles>)"
        raise InputError(msg)
    docs: list[GoldDoc] = []
    for art in root.iter("article"):
        docid = art.get("docid") or str(len(docs))
        text = _child_text(art, "text")
        tops_elem = art.find("toponyms")
        toponyms = (
            ()
            if tops_elem is None
            else tuple(_parse_toponym(t, text, docid) for t in tops_elem.iter("toponym"))
        )
        docs.append(
            GoldDoc(
                docid=docid,
                title=" ".join(_child_text(art, "title").split()),
                url=_child_text(art, "url").strip(),
                published=_parse_date(_child_text(art, "dltime")),
                text=text,
                toponyms=toponyms,
                domain=_child_text(art, "domain").strip(),
            )
        )
    summary = dict(offset_summary(docs))
    logger.info(
        "%d TR-News articles, %d gold toponyms (%d offsets repaired, %d unmatched)",
        len(docs),
        sum(len(d.toponyms) for d in docs),
        summary.get("repaired", 0),
        summary.get("unmatched", 0),
    )
    return docs


def offset_summary(docs: Iterable[GoldDoc]) -> tuple[tuple[str, int], ...]:
    """Count gold offsets by status ("exact", "repaired", "unmatched")."""
    counts = Counter(t.offset for d in docs for t in d.toponyms)
    return tuple((k, counts.get(k, 0)) for k in ("exact", "repaired", "unmatched"))


# --------------------------------------------------------------------------- runners


def trnews_to_articles(docs: Iterable[GoldDoc]) -> list[Article]:
    """Turn gold documents into pipeline articles (id = docid, published = download date)."""
    return [
        Article(
            id=d.docid,
            text=d.text,
            published=d.published,
            source=d.domain,
            url=d.url,
            title=d.title,
        )
        for d in docs
    ]


def predictions_from(
    parsed: Iterable[ParsedArticle],
    resolved: Iterable[ResolvedPlace],
    *,
    roles: Sequence[str] = TRNEWS_ROLES,
) -> dict[str, list[SpanPoint]]:
    """Collect predicted toponyms (mention spans with the resolved point) by article id.

    Parameters
    ----------
    parsed
        Parsed articles; every mention whose role is in ``roles`` is a prediction.
    resolved
        Resolved places; a mention with no resolved place (or ``entry`` None) has no point.
    roles
        Mention roles that count as predicted toponyms.

    Returns
    -------
    dict
        Predicted spans by article id.
    """
    points: dict[tuple[str, int, int], tuple[float, float, int]] = {}
    for r in resolved:
        m = r.mention
        if r.entry is not None and m.role in roles:
            points.setdefault(
                (m.article_id, m.start, m.end), (r.entry.lat, r.entry.lon, r.entry.geonameid)
            )
    out: dict[str, list[SpanPoint]] = {}
    for p in parsed:
        spans = out.setdefault(p.article.id, [])
        for m in p.mentions:
            if m.role not in roles:
                continue
            pt = points.get((m.article_id, m.start, m.end))
            spans.append(
                SpanPoint(
                    m.start,
                    m.end,
                    m.text,
                    None if pt is None else pt[0],
                    None if pt is None else pt[1],
                    None if pt is None else pt[2],
                )
            )
    return out


def _gold_points(docs: Iterable[GoldDoc]) -> dict[str, list[SpanPoint]]:
    return {
        d.docid: [
            SpanPoint(t.start, t.end, t.phrase, t.lat, t.lon, t.geonameid) for t in d.toponyms
        ]
        for d in docs
    }


def _run_configuration(
    name: str,
    articles: list[Article],
    gold: dict[str, list[SpanPoint]],
    gazetteer: Any,
    settings: Settings,
    *,
    roles: Sequence[str],
    baseline: bool,
) -> SystemResult:
    from geomap.stages import parse_and_geocode

    t0 = time.perf_counter()
    done = parse_and_geocode(articles, settings=settings, gazetteer=gazetteer, baseline=baseline)
    parsed = [pa for pa, _ in done]
    resolved = [r for _, rs in done for r in rs]
    seconds = time.perf_counter() - t0
    scores = score_documents(gold, predictions_from(parsed, resolved, roles=roles))
    methods = Counter(r.method for r in resolved)
    rec, res = scores.recognition, scores.resolution
    by_id = scores.resolution_by_id.acc_at_161
    logger.info(
        "%s: P %.3f R %.3f F1 %.3f, acc@161 %s (same id = 0 km: %s) on %d matched toponyms"
        " (%.1f s)",
        name,
        rec.precision,
        rec.recall,
        rec.f1,
        "n/a" if res.acc_at_161 is None else f"{res.acc_at_161:.3f}",
        "n/a" if by_id is None else f"{by_id:.3f}",
        res.n,
        seconds,
    )
    return SystemResult(name, scores, seconds, tuple(sorted(methods.items())))


def evaluate_trnews(
    settings: Settings,
    *,
    path: str | os.PathLike[str] | None = None,
    limit: int | None = None,
    roles: Sequence[str] = TRNEWS_ROLES,
    baseline: bool = True,
) -> Report:
    """Run the system and the baseline on TR-News and score both.

    Parameters
    ----------
    settings
        Run settings (model, gazetteer cache).
    path
        ``TR-News.xml``; default ``$GEOMAP_EVAL_DIR/TR-News.xml``.
    limit
        Score only the first ``limit`` articles.
    roles
        Mention roles counted as predicted toponyms (default: all, see module docstring).
    baseline
        Also run the baseline (bare spaCy NER + most populous candidate).

    Returns
    -------
    Report

    Raises
    ------
    InputError
        When the corpus cannot be read or ``roles`` names an unknown role.
    """
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        msg = f"unknown mention role(s) {', '.join(unknown)}; choose from {', '.join(ROLES)}"
        raise InputError(msg)
    path = Path(path) if path is not None else _trnews_default()
    docs = read_trnews(path)
    if limit is not None:
        docs = docs[: max(0, limit)]
    gold = _gold_points(docs)
    articles = trnews_to_articles(docs)

    from geomap.gazetteer import load_gazetteer

    gaz = load_gazetteer(settings)
    try:
        reachable = _reachable(docs, gaz)
        system = _run_configuration(
            "system", articles, gold, gaz, settings, roles=roles, baseline=False
        )
        base = (
            _run_configuration(
                "baseline", articles, gold, gaz, settings, roles=roles, baseline=True
            )
            if baseline
            else SystemResult("baseline", score_documents(gold, {}), 0.0)
        )
    finally:
        gaz.close()
    return Report(
        path=str(path),
        n_docs=len(docs),
        n_gold=sum(len(d.toponyms) for d in docs),
        n_gold_with_coords=sum(1 for d in docs for t in d.toponyms if t.lat is not None),
        offsets=offset_summary(docs),
        roles=tuple(roles),
        system=system,
        baseline=base,
        reachable=reachable,
        by_level=_acc_by_level(docs, system.scores),
    )


#: The levels acc@161 is broken down by, in report order.
GOLD_LEVELS = ("country", "admin1", "admin2", "city", "other")


def gold_level(fcode: str) -> str:
    """The level of a gold toponym from its GeoNames feature code.

    ``PCL*`` -> "country", ``ADM1`` -> "admin1", ``ADM2`` -> "admin2", ``PPL*`` ->
    "city" (every populated place), anything else (regions, ADM3, buildings,
    waters, no code) -> "other".
    """
    if fcode.startswith("PCL"):
        return "country"
    if fcode in ("ADM1", "ADM2"):
        return "admin1" if fcode == "ADM1" else "admin2"
    if fcode.startswith("PPL"):
        return "city"
    return "other"


def _acc_by_level(
    docs: Sequence[GoldDoc], scores: Any
) -> tuple[tuple[str, int, float | None], ...]:
    group_of = {(d.docid, t.start, t.end): gold_level(t.fcode) for d in docs for t in d.toponyms}
    return accuracy_by_group(scores.pairs, group_of, groups=GOLD_LEVELS)


def _reachable(docs: Sequence[GoldDoc], gaz: Any) -> tuple[int, int, int]:
    """(gold toponyms with id and point, ids absent from the cache, ids whose point is far)."""
    n = absent = far = 0
    for d in docs:
        for t in d.toponyms:
            if t.geonameid is None or t.lat is None or t.lon is None:
                continue
            n += 1
            entry = gaz.get(t.geonameid)
            if entry is None:
                absent += 1
            elif haversine_km(entry.lat, entry.lon, t.lat, t.lon) > 161:
                far += 1
    return n, absent, far


def evaluate_seeds(
    settings: Settings,
    *,
    gold_path: str | os.PathLike[str] | None = None,
    seeds_dir: str | os.PathLike[str] | None = None,
) -> SeedsReport:
    """Run the whole pipeline on the seed articles and score places and events.

    Parameters
    ----------
    settings
        Run settings.
    gold_path
        ``seeds_gold.json``; default the project's own (:func:`default_seeds_gold`).
    seeds_dir
        Folder of the seed articles; default :func:`default_seeds_dir`.

    Returns
    -------
    SeedsReport

    Raises
    ------
    InputError
        When the gold or the articles cannot be read.
    """
    gold_path = Path(gold_path) if gold_path is not None else default_seeds_gold()
    seeds_dir = Path(seeds_dir) if seeds_dir is not None else default_seeds_dir()
    gold = read_seeds_gold(gold_path)

    from geomap.events import finish_events
    from geomap.ingest import read_articles
    from geomap.stages import code_all

    coded = code_all(read_articles([seeds_dir]), settings=settings)
    built = finish_events(coded.events, days=settings.dedup_days, km=settings.dedup_km)
    return score_seeds(gold, coded.parsed, coded.resolved, built)
