"""Evaluation stage: the standard geoparsing metrics as pure functions.

Recognition is scored as in EUPEG (Wang & Hu 2019) and Gritta et al. (2018, 2020): a predicted
span matches a gold span when the two overlap, each span matching at most one span of the other
side. Resolution is scored on the matched pairs: accuracy@161 km, mean and median error in
kilometres and the AUC of the log error curve (Gritta et al. 2018, "What's missing in
geographical parsing?"): the sorted errors are mapped to ``ln(1 + km) / ln(20039)`` and the area
under that curve is taken with the trapezoidal rule over unit steps and divided by ``n - 1``
(0 is perfect, 1 is every toponym on the far side of the planet).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from geomap._geo import EARTH_RADIUS_KM, haversine_km

__all__ = [
    "ACC_KM",
    "EARTH_RADIUS_KM",
    "MAX_ERROR_KM",
    "MatchedPair",
    "RecognitionScores",
    "ResolutionScores",
    "Scores",
    "SpanPoint",
    "accuracy_at_km",
    "accuracy_by_group",
    "auc_of_errors",
    "haversine_km",
    "match_spans",
    "recognition_scores",
    "resolution_scores",
    "score_documents",
]

#: Mean Earth radius (IUGG), kilometres.
#: Half the equatorial circumference: the largest possible error, the AUC's normaliser.
MAX_ERROR_KM = 20039.0
#: The "accuracy@k" distance: 161 km = 100 miles.
ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class SpanPoint:
    """A character span with an optional point: a gold toponym or a predicted one.

    ``lat``/``lon`` are None when the gold has no coordinates or the system left the
    mention unresolved; ``geonameid`` is the GeoNames id when known.
    """

    start: int
    end: int
    text: str = ""
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class MatchedPair:
    """A gold span matched to a predicted span; ``error_km`` is None when either has no point.

    ``same_id`` is True when both carry the same GeoNames id.
    """

    doc_id: str
    gold: SpanPoint
    pred: SpanPoint
    error_km: float | None
    same_id: bool = False


@dataclass(frozen=True, slots=True)
class RecognitionScores:
    """Toponym recognition counts and precision / recall / F1 (0.0 when undefined)."""

    n_gold: int
    n_pred: int
    n_matched: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True, slots=True)
class ResolutionScores:
    """Resolution scores over matched pairs whose gold toponym has coordinates.

    ``n`` counts those pairs; ``n_unresolved`` of them had no system point and were scored
    with the maximum error (20,039 km). Values are None when ``n`` is 0.
    """

    n: int
    n_unresolved: int
    acc_at_161: float | None
    mean_km: float | None
    median_km: float | None
    auc: float | None


@dataclass(frozen=True, slots=True)
class Scores:
    """Recognition and resolution scores of one system on one corpus, with the matched pairs.

    ``resolution`` is the EUPEG score (distance between the coordinates);
    ``resolution_by_id`` scores a pair whose prediction has the gold GeoNames id as 0 km,
    which separates wrong places from a gazetteer's different representative point for the
    same place (country and admin-1 centroids differ between sources by hundreds of km).
    """

    recognition: RecognitionScores
    resolution: ResolutionScores
    resolution_by_id: ResolutionScores
    pairs: tuple[MatchedPair, ...] = ()
    missed: tuple[tuple[str, SpanPoint], ...] = ()
    spurious: tuple[tuple[str, SpanPoint], ...] = ()


def match_spans(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Match overlapping spans one to one.

    Pairs are taken greedily by largest overlap, then by closest start, then by position,
    so each gold span and each predicted span is used at most once and the result does not
    depend on input order beyond ties at equal positions.

    Parameters
    ----------
    gold, pred
        ``(start, end)`` character spans (end exclusive) of one document.

    Returns
    -------
    list of tuple of int
        ``(gold_index, pred_index)`` pairs sorted by gold index.
    """
    candidates: list[tuple[int, int, int, int]] = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                candidates.append((-overlap, abs(gs - ps), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _neg, _dist, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return pairs


def recognition_scores(n_gold: int, n_pred: int, n_matched: int) -> RecognitionScores:
    """Return precision, recall and F1 from counts (each 0.0 when its denominator is 0).

    Parameters
    ----------
    n_gold
        Number of gold toponyms.
    n_pred
        Number of predicted toponyms.
    n_matched
        Number of one-to-one matched pairs (true positives).

    Returns
    -------
    RecognitionScores
    """
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return RecognitionScores(n_gold, n_pred, n_matched, precision, recall, f1)


def accuracy_at_km(errors_km: Sequence[float], *, km: float = ACC_KM) -> float | None:
    """Return the share of errors at most ``km`` kilometres (None for no errors).

    Parameters
    ----------
    errors_km
        Errors in kilometres.
    km
        The distance threshold, 161 km by convention.

    Returns
    -------
    float or None
    """
    if not errors_km:
        return None
    return sum(1 for e in errors_km if e <= km) / len(errors_km)


def accuracy_by_group(
    pairs: Iterable[MatchedPair],
    group_of: Mapping[tuple[str, int, int], str],
    *,
    groups: Sequence[str] = (),
    km: float = ACC_KM,
) -> tuple[tuple[str, int, float | None], ...]:
    """acc@km by coordinates per group of gold toponyms (by level, say).

    Parameters
    ----------
    pairs
        Matched pairs; those whose gold has no point are left out, an unresolved
        prediction counts as a miss (as in :func:`resolution_scores`).
    group_of
        ``(doc_id, gold start, gold end) -> group``; pairs not in it go to "other".
    groups
        Groups to report first, in this order, even when empty; others follow sorted.
    km
        The distance threshold.

    Returns
    -------
    tuple
        ``(group, n, acc)`` rows; ``acc`` is None for an empty group.
    """
    errors: dict[str, list[float]] = {g: [] for g in groups}
    for p in pairs:
        if p.gold.lat is None or p.gold.lon is None:
            continue
        group = group_of.get((p.doc_id, p.gold.start, p.gold.end), "other")
        err = MAX_ERROR_KM if p.error_km is None else p.error_km
        errors.setdefault(group, []).append(err)
    order = [*groups, *sorted(set(errors) - set(groups))]
    return tuple((g, len(errors[g]), accuracy_at_km(errors[g], km=km)) for g in order)


def auc_of_errors(errors_km: Sequence[float]) -> float | None:
    """Return the area under the log error curve (Gritta et al. 2018); lower is better.

    The errors are sorted, scaled to ``ln(1 + km) / ln(20039)`` and integrated with the
    trapezoidal rule over unit steps; the area is divided by ``n - 1`` so the result lies
    in [0, 1]. A single error gives its own scaled value.

    Parameters
    ----------
    errors_km
        Errors in kilometres (clipped to [0, 20039]).

    Returns
    -------
    float or None
        None when there are no errors.
    """
    if not errors_km:
        return None
    norm = math.log(MAX_ERROR_KM)
    ys = [math.log1p(min(max(e, 0.0), MAX_ERROR_KM)) / norm for e in sorted(errors_km)]
    if len(ys) == 1:
        return ys[0]
    area = sum(ys) - (ys[0] + ys[-1]) / 2
    return area / (len(ys) - 1)


def resolution_scores(errors_km: Sequence[float], *, n_unresolved: int = 0) -> ResolutionScores:
    """Return accuracy@161, mean and median error and AUC of a list of errors.

    Parameters
    ----------
    errors_km
        One error per scored pair, unresolved pairs already set to 20,039 km.
    n_unresolved
        How many of them were unresolved (reported, not used in the arithmetic).

    Returns
    -------
    ResolutionScores
    """
    if not errors_km:
        return ResolutionScores(0, n_unresolved, None, None, None, None)
    return ResolutionScores(
        n=len(errors_km),
        n_unresolved=n_unresolved,
        acc_at_161=accuracy_at_km(errors_km),
        mean_km=statistics.fmean(errors_km),
        median_km=statistics.median(errors_km),
        auc=auc_of_errors(errors_km),
    )


def _error_km(gold: SpanPoint, pred: SpanPoint) -> float | None:
    if gold.lat is None or gold.lon is None or pred.lat is None or pred.lon is None:
        return None
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)


def score_documents(
    gold: Mapping[str, Sequence[SpanPoint]], pred: Mapping[str, Iterable[SpanPoint]]
) -> Scores:
    """Score predicted toponyms against gold toponyms, document by document.

    Identical predicted spans in one document count once. A matched pair enters the
    resolution scores when its gold toponym has coordinates; if the prediction has none
    (unresolved), the pair is scored with the maximum error :data:`MAX_ERROR_KM`.
    Predictions for documents absent from ``gold`` are ignored.

    Parameters
    ----------
    gold
        Gold toponyms by document id.
    pred
        Predicted toponyms by document id.

    Returns
    -------
    Scores
    """
    pairs: list[MatchedPair] = []
    missed: list[tuple[str, SpanPoint]] = []
    spurious: list[tuple[str, SpanPoint]] = []
    n_gold = n_pred = 0
    for doc_id, gold_spans in gold.items():
        seen: dict[tuple[int, int], SpanPoint] = {}
        for p in pred.get(doc_id, ()):
            seen.setdefault((p.start, p.end), p)
        pred_spans = sorted(seen.values(), key=lambda s: (s.start, s.end))
        n_gold += len(gold_spans)
        n_pred += len(pred_spans)
        matches = match_spans(
            [(g.start, g.end) for g in gold_spans], [(p.start, p.end) for p in pred_spans]
        )
        matched_gold = {gi for gi, _ in matches}
        matched_pred = {pi for _, pi in matches}
        for gi, pi in matches:
            g, p = gold_spans[gi], pred_spans[pi]
            same = g.geonameid is not None and g.geonameid == p.geonameid
            pairs.append(MatchedPair(doc_id, g, p, _error_km(g, p), same))
        missed.extend((doc_id, g) for i, g in enumerate(gold_spans) if i not in matched_gold)
        spurious.extend((doc_id, p) for i, p in enumerate(pred_spans) if i not in matched_pred)
    errors: list[float] = []
    errors_by_id: list[float] = []
    n_unresolved = 0
    for pair in pairs:
        if pair.gold.lat is None or pair.gold.lon is None:
            continue
        if pair.error_km is None:
            n_unresolved += 1
            errors.append(MAX_ERROR_KM)
        else:
            errors.append(pair.error_km)
        errors_by_id.append(0.0 if pair.same_id else errors[-1])
    return Scores(
        recognition=recognition_scores(n_gold, n_pred, len(pairs)),
        resolution=resolution_scores(errors, n_unresolved=n_unresolved),
        resolution_by_id=resolution_scores(errors_by_id, n_unresolved=n_unresolved),
        pairs=tuple(pairs),
        missed=tuple(missed),
        spurious=tuple(spurious),
    )
