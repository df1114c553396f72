"""Evaluation stage: render evaluation reports as a compact text table or JSON-safe dicts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from geomap.evaluation import Report, SystemResult
from geomap.evaluation.metrics import Scores
from geomap.evaluation.news import NewsReport
from geomap.evaluation.reports import NEAR_KM, GroupScore, ReportsReport
from geomap.evaluation.seeds import SeedsReport

__all__ = [
    "format_news",
    "format_report",
    "format_reports",
    "format_seeds",
    "news_to_dict",
    "report_to_dict",
    "reports_to_dict",
    "seeds_to_dict",
]


def _f(value: float | None, spec: str = ".3f") -> str:
    return "n/a" if value is None else format(value, spec)


def _row(result: SystemResult) -> str:
    rec, res = result.scores.recognition, result.scores.resolution
    by_id = result.scores.resolution_by_id
    return (
        f"{result.name:<9} {rec.precision:>6.3f} {rec.recall:>6.3f} {rec.f1:>6.3f} "
        f"{_f(res.acc_at_161):>8} {_f(res.mean_km, '.0f'):>8} {_f(res.median_km, '.1f'):>8} "
        f"{_f(res.auc):>6} {_f(by_id.acc_at_161):>8} {_f(by_id.auc):>6} "
        f"{res.n:>6} {res.n_unresolved:>5} {result.seconds:>6.0f}"
    )


def format_report(report: Report) -> str:
    """Return the TR-News system-vs-baseline table as text."""
    offsets = ", ".join(f"{n} {k}" for k, n in report.offsets)
    head = (
        f"{'TR-News':<9} {'P':>6} {'R':>6} {'F1':>6} {'acc@161':>8} {'mean km':>8} "
        f"{'med km':>8} {'AUC':>6} {'acc@161*':>8} {'AUC*':>6} {'n':>6} {'unres':>5} {'sec':>6}"
    )
    lines = [
        (
            f"TR-News: {report.n_docs} articles, {report.n_gold} gold toponyms "
            f"({report.n_gold_with_coords} with coordinates; offsets: {offsets}); "
            f"roles counted: {', '.join(report.roles)}"
        ),
        head,
        "-" * len(head),
        _row(report.system),
        _row(report.baseline),
        (
            "(P/R/F1: overlapping spans; acc@161..AUC: matched toponyms, by coordinates (EUPEG);\n"
            " *: the gold GeoNames id counts as 0 km; unres: matched but unresolved = 20039 km)"
        ),
    ]
    if report.by_level:
        cells = ", ".join(f"{level} {_f(acc)} (n={n})" for level, n, acc in report.by_level)
        lines.append(f"system acc@161 by gold level: {cells}")
    coverage = report.coverage
    if coverage is not None:
        n, absent, _far = report.reachable
        lines.append(
            f"coverage: gold ids present {n - absent} of {n} ({coverage:.1%}); "
            f"{absent} absent from the cache"
        )
    ceiling = report.acc_ceiling
    if ceiling is not None:
        n, absent, far = report.reachable
        lines.append(
            f"gazetteer points: with every gold GeoNames id chosen, acc@161 by coordinates "
            f"would be {ceiling:.3f} ({(n - far) / n:.3f} if the {absent} ids absent from the "
            f"cache were placed exactly): {far} of {n} gold entries have a reference point "
            f"> 161 km from the gold one"
        )
    missed = Counter(g.text for _doc, g in report.system.scores.missed)
    if missed:
        top = ", ".join(f"{t} x{n}" for t, n in missed.most_common(12))
        lines.append(f"system misses most: {top}")
    spurious = Counter(p.text for _doc, p in report.system.scores.spurious)
    if spurious:
        top = ", ".join(f"{t} x{n}" for t, n in spurious.most_common(12))
        lines.append(f"system false positives most: {top}")
    return "\n".join(lines)


def format_seeds(seeds: SeedsReport) -> str:
    """Return the seeds place and event tables as text."""
    lit = seeds.place_score("literal")
    nap = seeds.place_score("not_a_place")
    met = seeds.place_score("metonymic")
    mark = seeds.place_score("credit", "caption")
    req = seeds.event_score(required=True)
    opt = seeds.event_score(required=False)
    lines = [
        (
            f"Seeds places: literal {lit[0]}/{lit[1]} found, not_a_place {nap[0]}/{nap[1]} clean, "
            f"metonymic {met[0]}/{met[1]} marked, credit/caption {mark[0]}/{mark[1]} marked"
        ),
    ]
    width = max((len(r.surface) for r in seeds.places), default=10)
    for r in seeds.places:
        status = {"ok": "found", "wrong": "WRONG", "missing": "MISSING"}[r.status]
        if r.role != "literal" and r.status == "ok":
            status = "ok"
        lines.append(
            f"  {r.article_id[:3]} {r.surface:<{width}} {r.role:<11} {status:<7} {r.detail}"
        )
    lines.append(
        f"Seeds events: {req[0]}/{req[1]} required events, {opt[0]}/{opt[1]} optional, "
        f"{len(seeds.misplaced)} misplaced, {seeds.n_system_events} system events"
    )
    for e in seeds.events:
        tag = "req" if e.required else "opt"
        status = "found" if e.status == "ok" else "MISSING"
        lines.append(
            f"  {e.article_id[:3]} {tag} {e.event_type:<27} {e.location:<22} {e.date:<10} "
            f"{status:<7} {e.reason}"
        )
    lines.extend(f"  misplaced: {m}" for m in seeds.misplaced)
    return "\n".join(lines)


def _scores_to_dict(scores: Scores) -> dict[str, Any]:
    rec, res = scores.recognition, scores.resolution
    worst = sorted(
        (p for p in scores.pairs if p.error_km is not None), key=lambda p: -(p.error_km or 0.0)
    )[:20]
    return {
        "precision": rec.precision,
        "recall": rec.recall,
        "f1": rec.f1,
        "n_gold": rec.n_gold,
        "n_pred": rec.n_pred,
        "n_matched": rec.n_matched,
        "acc_at_161": res.acc_at_161,
        "mean_km": res.mean_km,
        "median_km": res.median_km,
        "auc": res.auc,
        "acc_at_161_by_id": scores.resolution_by_id.acc_at_161,
        "mean_km_by_id": scores.resolution_by_id.mean_km,
        "median_km_by_id": scores.resolution_by_id.median_km,
        "auc_by_id": scores.resolution_by_id.auc,
        "n_scored": res.n,
        "n_unresolved": res.n_unresolved,
        "missed": dict(Counter(g.text for _d, g in scores.missed).most_common(40)),
        "spurious": dict(Counter(p.text for _d, p in scores.spurious).most_common(40)),
        "worst_errors": [
            {
                "doc": p.doc_id,
                "gold": p.gold.text,
                "start": p.gold.start,
                "pred": p.pred.text,
                "km": p.error_km,
                "same_id": p.same_id,
            }
            for p in worst
        ],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """Return the TR-News report as a JSON-safe dict."""
    return {
        "corpus": "TR-News",
        "path": report.path,
        "n_docs": report.n_docs,
        "n_gold": report.n_gold,
        "n_gold_with_coords": report.n_gold_with_coords,
        "offsets": dict(report.offsets),
        "roles": list(report.roles),
        "gold_id_points": {
            "acc_at_161_if_gold_ids": report.acc_ceiling,
            "gold_with_id": report.reachable[0],
            "id_absent": report.reachable[1],
            "point_far": report.reachable[2],
            "gold_ids_present": report.coverage,
        },
        "system_acc_at_161_by_level": {
            level: {"n": n, "acc_at_161": acc} for level, n, acc in report.by_level
        },
        **{
            r.name: {
                **_scores_to_dict(r.scores),
                "seconds": r.seconds,
                "methods": dict(r.methods),
            }
            for r in (report.system, report.baseline)
        },
    }


def seeds_to_dict(seeds: SeedsReport) -> dict[str, Any]:
    """Return the seeds report as a JSON-safe dict."""
    req = seeds.event_score(required=True)
    return {
        "places": {
            role: dict(zip(("ok", "total"), seeds.place_score(*roles), strict=True))
            for role, roles in (
                ("literal", ("literal",)),
                ("not_a_place", ("not_a_place",)),
                ("metonymic", ("metonymic",)),
                ("credit_caption", ("credit", "caption")),
            )
        },
        "events": {"required_found": req[0], "required_total": req[1]},
        "misplaced": list(seeds.misplaced),
        "n_system_events": seeds.n_system_events,
        "place_rows": [
            {
                "article_id": r.article_id,
                "surface": r.surface,
                "role": r.role,
                "status": r.status,
                "detail": r.detail,
                "distance_km": r.distance_km,
            }
            for r in seeds.places
        ],
        "event_rows": [
            {
                "article_id": e.article_id,
                "location": e.location,
                "event_type": e.event_type,
                "date": e.date,
                "required": e.required,
                "status": e.status,
                "reason": e.reason,
                "event_id": e.event_id,
            }
            for e in seeds.events
        ],
    }


def format_news(news: NewsReport) -> str:
    """Return the news-events table as text: scores, then every row, then duplicates."""
    req = news.score("required")
    opt = news.score("optional")
    per = ", ".join(f"{a}: {n}" for a, n in news.events_per_article)
    part = "" if news.part == "all" else f", {news.part} part, {news.left_out} articles left out"
    lines = [
        (
            f"News events ({news.path}{part}): {req[0]}/{req[1]} required, "
            f"{opt[0]}/{opt[1]} optional, "
            f"{news.forbidden_placements} forbidden placements, {len(news.duplicates)} duplicates, "
            f"{news.n_events} system events ({per})"
        ),
    ]
    label = {
        "found": "found",
        "missing": "MISSING",
        "clean": "clean",
        "violated": "VIOLATED",
    }
    for r in news.rows:
        kind = {"required": "req", "optional": "opt", "forbidden": "forb"}[r.gold.kind]
        lines.append(
            f"  {r.gold.article_id:<4} {kind:<4} {label[r.status]:<8} {r.gold.what[:60]:<60} "
            f"| {r.reason}"
        )
    lines.extend(f"  duplicate: {d}" for d in news.duplicates)
    return "\n".join(lines)


def news_to_dict(news: NewsReport) -> dict[str, Any]:
    """Return the news-events report as a JSON-safe dict."""
    req = news.score("required")
    opt = news.score("optional")
    return {
        "path": news.path,
        "part": news.part,
        "left_out": news.left_out,
        "required_found": req[0],
        "required_total": req[1],
        "optional_found": opt[0],
        "optional_total": opt[1],
        "forbidden_placements": news.forbidden_placements,
        "duplicates": list(news.duplicates),
        "n_events": news.n_events,
        "events_per_article": dict(news.events_per_article),
        "rows": [
            {
                "article_id": r.gold.article_id,
                "kind": r.gold.kind,
                "what": r.gold.what,
                "status": r.status,
                "reason": r.reason,
                "event_ids": list(r.event_ids),
            }
            for r in news.rows
        ],
    }


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _group_row(g: GroupScore, width: int) -> str:
    return (
        f"{g.name:<{width}} {g.n:>5} {_pct(g.recognised_rate):>7} {_pct(g.within_rate):>7} "
        f"{g.attacks:>7} {_pct(g.coded_rate):>7} {_pct(g.no_event_rate):>8} "
        f"{g.sightings:>6} {_pct(g.miscoded_rate):>7}"
    )


def format_reports(report: ReportsReport, *, misses: int = 20) -> str:
    """Return the reports scores as text: the headline measures, a table per category, misses."""
    t = report.total
    lines = [
        f"Reports: {t.n} rows of {report.path} ({report.seconds:.0f} s)",
        f"  named town recognised                          {_pct(t.recognised_rate)}",
        f"  named town within {NEAR_KM:.0f} km of the verified point      {_pct(t.within_rate)}",
        (
            f"  attack reports ({t.attacks}) with an event of the right type within "
            f"{NEAR_KM:.0f} km  {_pct(t.coded_rate)}"
        ),
        f"  attack reports with no event at all            {_pct(t.no_event_rate)}",
        (f"  sightings ({t.sightings}) coded as battles or strikes       {_pct(t.miscoded_rate)}"),
    ]
    width = max([len(g.name) for g in report.groups] + [8])
    head = (
        f"{'category':<{width}} {'n':>5} {'town':>7} {'<25km':>7} {'attacks':>7} "
        f"{'coded':>7} {'no event':>8} {'sight.':>6} {'miscod.':>7}"
    )
    lines += ["", head, "-" * len(head)]
    lines += [_group_row(g, width) for g in report.groups]
    lines.append(_group_row(t, width))
    shown = report.misses(misses if misses > 0 else 0)
    if shown:
        lines += ["", f"misses (first {len(shown)} of {len(report.misses())}):"]
        for s in shown:
            r = s.row
            best = f"{s.best} {s.best_km:.0f} km" if s.best_km is not None else "nothing placed"
            lines.append(
                f"  {r.entry} [{r.group}] {', '.join(s.missed)}: {r.text!r} "
                f"(town {r.town}, {r.province}); best: {best}"
            )
            if s.events:
                lines.append(f"      events: {'; '.join(s.events)}")
    return "\n".join(lines)


def _group_to_dict(g: GroupScore) -> dict[str, Any]:
    return {
        "n": g.n,
        "town_recognised": g.recognised_rate,
        "town_within_25km": g.within_rate,
        "attacks": g.attacks,
        "attacks_coded": g.coded_rate,
        "attacks_no_event": g.no_event_rate,
        "sightings": g.sightings,
        "sightings_miscoded": g.miscoded_rate,
    }


def reports_to_dict(report: ReportsReport, *, misses: int = 20) -> dict[str, Any]:
    """Return the reports scores as a JSON-safe dict (overall, per category, misses)."""
    return {
        "path": report.path,
        "seconds": report.seconds,
        **_group_to_dict(report.total),
        "groups": {g.name: _group_to_dict(g) for g in report.groups},
        "misses": [
            {
                "entry": s.row.entry,
                "group": s.row.group,
                "text": s.row.text,
                "town": s.row.town,
                "missed": list(s.missed),
                "best": s.best,
                "best_km": s.best_km,
                "events": list(s.events),
                "places": list(s.places),
            }
            for s in report.misses(max(misses, 0))
        ],
    }
