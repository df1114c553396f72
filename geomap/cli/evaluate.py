"""Evaluation stage: the ``geomap eval`` command (attached to the main click group by cli.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from geomap._errors import GeomapError
from geomap.settings import Settings
from geomap.types import ROLES

__all__ = ["eval_command"]


def _skipped(name: str, why: str) -> None:
    """Say on stderr that an evaluation set was not scored, and why."""
    click.echo(f"geomap: {name}: skipped ({why})", err=True)


def _roles(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    roles = tuple(r.strip() for r in value.split(",") if r.strip())
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        msg = f"{value!r}: give a comma-separated subset of {','.join(ROLES)}"
        raise click.BadParameter(msg)
    return roles


@click.command("eval")
@click.option(
    "--trnews",
    "trnews_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TR-News.xml [default: EVAL_DIR/TR-News.xml; skipped when there is none].",
)
@click.option(
    "--eval-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the evaluation sets kept outside the project [default: $GEOMAP_EVAL_DIR].",
)
@click.option(
    "--seeds-gold",
    "seeds_gold",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="seeds_gold.json [default: the project's eval/seeds_gold.json].",
)
@click.option(
    "--seeds-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the seed articles [default: seeds/ in the project].",
)
@click.option(
    "--news",
    "news_dirs",
    type=click.Path(file_okay=False, path_type=Path),
    multiple=True,
    help="Folder of long news articles to score events on (repeatable): its gold is the "
    "folder's gold.json, else the project's eval/<folder>-gold.json "
    "[default: EVAL_DIR/news-events-dev and news-events-dev2 when there].",
)
@click.option("--no-news", is_flag=True, help="Skip the news-events folders.")
@click.option(
    "--part",
    type=click.Choice(["work", "held", "all"]),
    default=None,
    help="Score the working set, the held-back set (only when a change is finished) or all: "
    "of a news gold, the articles it holds back [default: work]; of a reports CSV, a third "
    "of its towns [default: all].",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only N articles.")
@click.option(
    "--roles",
    default=",".join(ROLES),
    show_default=True,
    callback=_roles,
    help="Mention roles counted as predicted TR-News toponyms.",
)
@click.option(
    "--reports",
    "reports_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A CSV of short geolocated reports (entry, date, group, text, town, ..., lat, lon).",
)
@click.option(
    "--misses",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="List this many missed reports (with --reports).",
)
@click.option("--no-trnews", is_flag=True, help="Skip TR-News.")
@click.option("--no-seeds", is_flag=True, help="Skip the seeds.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    trnews_path: Path | None,
    eval_dir: Path | None,
    seeds_gold: Path | None,
    seeds_dir: Path | None,
    news_dirs: tuple[Path, ...],
    no_news: bool,
    part: str | None,
    limit: int | None,
    roles: tuple[str, ...],
    reports_path: Path | None,
    misses: int,
    no_trnews: bool,
    no_seeds: bool,
    as_json: bool,
) -> None:
    """Score geoparsing on TR-News (system vs baseline), places/events on the seeds and events
    on folders of long news articles with a ``gold.json`` (``--news``).

    Prints recognition P/R/F1 (overlapping spans match), acc@161 km, mean/median error km and
    AUC on matched toponyms for the system and the bare-NER + most-populous baseline, then the
    seeds place and event tables, then per news folder: required and optional events found,
    forbidden placements, events per article, duplicates and what was missed. With
    ``--reports``, each CSV row is read as an article published on its date and scored: town
    recognised, town within 25 km, attack reports coded with the right event type within
    25 km, attacks with no event, sightings coded as battles or strikes, a table per category
    and the misses. Sets kept outside the project are read from EVAL_DIR (``--eval-dir`` or
    ``$GEOMAP_EVAL_DIR``); those absent are skipped with a line on stderr.
    Exits 0 whatever the scores; 1 when an input given cannot be read.
    """
    from geomap.evaluation import (
        default_eval_dir,
        default_seeds_gold,
        evaluate_seeds,
        evaluate_trnews,
    )
    from geomap.evaluation.format import (
        format_news,
        format_report,
        format_seeds,
        news_to_dict,
        report_to_dict,
        seeds_to_dict,
    )

    found = ctx.find_object(Settings)
    settings = found if found is not None else Settings()
    eval_dir = eval_dir or default_eval_dir()
    if trnews_path is None and eval_dir is not None:
        trnews_path = eval_dir / "TR-News.xml"
        if not trnews_path.is_file():  # a set absent from the folder is skipped, not an error
            _skipped("TR-News", f"no {trnews_path}")
            no_trnews = True
    if not news_dirs and eval_dir is not None and not no_news:
        from geomap.evaluation.news import find_news_gold

        news_dirs = tuple(
            folder
            for folder in (eval_dir / "news-events-dev", eval_dir / "news-events-dev2")
            if folder.is_dir() and find_news_gold(folder) is not None
        )
    if no_news:
        news_dirs = ()
    seeds_gold = seeds_gold or default_seeds_gold()
    out: dict[str, Any] = {}
    news_out: list[dict[str, Any]] = []
    texts: list[str] = []
    try:
        if no_trnews:
            pass
        elif trnews_path is None:
            _skipped("TR-News", "no --trnews, --eval-dir or $GEOMAP_EVAL_DIR")
        else:
            report = evaluate_trnews(settings, path=trnews_path, limit=limit, roles=roles)
            out["trnews"] = report_to_dict(report)
            texts.append(format_report(report))
        if not no_seeds:
            seeds = evaluate_seeds(settings, gold_path=seeds_gold, seeds_dir=seeds_dir)
            out["seeds"] = seeds_to_dict(seeds)
            texts.append(format_seeds(seeds))
        if news_dirs:
            from geomap.evaluation.news import evaluate_news

            out["news"] = news_out
            for folder in news_dirs:
                news = evaluate_news(settings, folder=folder, part=part or "work")
                news_out.append(news_to_dict(news))
                texts.append(format_news(news))
        if reports_path is not None:
            _eval_reports(settings, reports_path, part=part or "all", limit=limit, misses=misses,
                          out=out, texts=texts)  # fmt: skip
    except GeomapError as exc:
        raise click.ClickException(str(exc).splitlines()[0]) from exc
    if as_json:
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        click.echo("\n\n".join(texts))


def _eval_reports(
    settings: Settings,
    path: Path,
    *,
    part: str,
    limit: int | None,
    misses: int,
    out: dict[str, Any],
    texts: list[str],
) -> None:
    """Score a reports CSV row by row, then as a sheet built as an analyst builds it."""
    from geomap.evaluation.format import format_reports, reports_to_dict
    from geomap.evaluation.reports import evaluate_reports, read_reports
    from geomap.evaluation.sheet import evaluate_sheet, format_sheet, sheet_to_dict, town_part

    rows = [r for r in read_reports(path) if part == "all" or town_part(r.town) == part]
    if limit is not None:
        rows = rows[:limit]
    rep = evaluate_reports(settings, path=path, rows=rows)
    out["reports"] = reports_to_dict(rep, misses=misses)
    out["reports"]["part"] = part
    texts.append(f"({part} part: {len(rows)} rows)\n" + format_reports(rep, misses=misses))
    sheet = evaluate_sheet(settings, rows)
    out["sheet"] = sheet_to_dict(sheet, path=str(path), part=part)
    texts.append(format_sheet(sheet, path=str(path), part=part, misses=misses))
