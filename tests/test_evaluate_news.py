"""Tests for geomap.evaluation.news: the news-events gold reader, scoring and ``eval --news``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geomap._errors import InputError
from geomap.cli.evaluate import eval_command
from geomap.evaluation.format import format_news, news_to_dict
from geomap.evaluation.news import read_news_gold, score_news
from geomap.types import Event

from .conftest import DATA

NEWS_MINI = DATA / "eval" / "news_mini"


def _event(article: str, event_id: str, **kw: Any) -> Event:
    base: dict[str, Any] = {
        "event_id": event_id,
        "article_id": article,
        "event_date": dt.date(2023, 3, 9),
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "location": "Mosul",
        "country": "Iraq",
        "country_code": "IQ",
        "admin1": "Nineveh",
        "latitude": 36.34,
        "longitude": 43.13,
        "geo_precision": 1,
        "location_level": "city",
        "notes": "quote",
        "quote_start": 0,
        "quote_end": 5,
    }
    base.update(kw)
    return Event(**base)


class TestReadNewsGold:
    def test_rows_in_kind_order(self) -> None:
        rows = read_news_gold(NEWS_MINI / "gold.json")
        assert [r.kind for r in rows] == ["required", "required", "optional", "forbidden"]
        first = rows[0]
        assert first.article_id == "a1"
        assert first.points == ((36.335, 43.119),)
        assert (first.date_from, first.date_to) == (dt.date(2023, 3, 9), dt.date(2023, 3, 9))
        assert rows[2].country == "IQ"
        assert rows[2].points == ()
        assert rows[3].points == ((33.315, 44.366),)
        assert rows[3].km == 50.0

    def test_row_without_place_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "gold.json"
        row = {"file": "x", "types": ["Protests"], "from": "2023-01-01", "to": "2023-01-02"}
        path.write_text(json.dumps({"required": [row]}), encoding="utf-8")
        with pytest.raises(InputError, match=r"required\[0\]"):
            read_news_gold(path)

    def test_bad_date_is_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "gold.json"
        row = {"file": "x", "types": ["Protests"], "from": "soon", "to": "2023-01-02",
               "country": "FR"}  # fmt: skip
        path.write_text(json.dumps({"optional": [row]}), encoding="utf-8")
        with pytest.raises(InputError, match="'soon' is not an ISO date"):
            read_news_gold(path)


class TestScoreNews:
    gold = read_news_gold(NEWS_MINI / "gold.json")

    def test_all_found_and_clean(self) -> None:
        events = [
            _event("a1", "e1"),
            _event(
                "a2",
                "e2",
                event_type="Protests",
                sub_event_type="Peaceful protest",
                event_date=dt.date(2023, 3, 8),
                location="Lyon",
                country_code="FR",
                latitude=45.75,
                longitude=4.85,
            ),
        ]
        report = score_news(self.gold, events)
        assert report.score("required") == (2, 2)
        # the one Mosul event is taken by the required row; the optional row needs another
        assert report.score("optional") == (0, 1)
        assert report.forbidden_placements == 0
        assert report.duplicates == ()
        assert report.events_per_article == (("a1", 1), ("a2", 1))

    def test_second_event_fills_optional_not_duplicate(self) -> None:
        events = [_event("a1", "e1"), _event("a1", "e3", event_date=dt.date(2023, 6, 1))]
        report = score_news(self.gold, events)
        assert report.score("optional") == (1, 1)
        assert report.duplicates == ()

    def test_duplicate_of_one_event(self) -> None:
        events = [
            _event("a1", "e1"),
            _event("a1", "e3", event_date=dt.date(2023, 6, 1)),
            _event("a1", "e4", location="Mosul city"),
        ]
        report = score_news(self.gold, events)
        assert len(report.duplicates) == 1
        assert "a1: " in report.duplicates[0]
        assert " repeats " in report.duplicates[0]
        assert report.score("required") == (1, 2)
        assert report.score("optional") == (1, 1)

    def test_misses_say_why(self) -> None:
        events = [_event("a1", "e1", event_date=dt.date(2023, 3, 10), latitude=33.3,
                         longitude=44.4, location="Baghdad")]  # fmt: skip
        report = score_news(self.gold, events)
        assert report.score("required") == (0, 2)
        rows = {(r.gold.article_id, r.gold.kind): r for r in report.rows}
        miss = rows[("a1", "required")]
        assert miss.status == "missing"
        assert "date 2023-03-10 (want 2023-03-09..2023-03-09)" in miss.reason
        assert "'Baghdad' " in miss.reason
        assert "km away (want 25)" in miss.reason
        assert rows[("a2", "required")].reason == "no event in this article"
        forb = rows[("a1", "forbidden")]
        assert (forb.status, forb.event_ids) == ("violated", ("e1",))
        assert report.forbidden_placements == 1

    def test_other_article_does_not_count(self) -> None:
        report = score_news(self.gold, [_event("a2", "e1")])
        assert report.score("required") == (0, 2)
        assert report.forbidden_placements == 0

    def test_merged_sources_count(self) -> None:
        report = score_news(self.gold, [_event("zz", "e1", sources=("zz", "a1"))])
        assert report.score("required") == (1, 2)

    def test_wrong_type_is_not_found(self) -> None:
        report = score_news(self.gold, [_event("a1", "e1", event_type="Battles")])
        assert report.score("required") == (0, 2)

    def test_format_and_dict(self) -> None:
        report = score_news(self.gold, [_event("a1", "e1")], path="mini")
        text = format_news(report)
        assert text.startswith("News events (mini): 1/2 required, 0/1 optional, 0 forbidden")
        assert "MISSING  farmers protest in Lyon" in text
        data = news_to_dict(report)
        assert (data["required_found"], data["required_total"]) == (1, 2)
        assert data["events_per_article"] == {"a1": 1, "a2": 0}
        assert json.loads(json.dumps(data)) == data


@pytest.mark.model
@pytest.mark.slow
def test_cli_eval_news_runs_the_pipeline(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        eval_command,
        ["--no-trnews", "--no-seeds", "--news", str(NEWS_MINI), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["news"][0]
    assert data["required_total"] == 2
    assert data["required_found"] == 2
    assert data["forbidden_placements"] == 0
    assert data["duplicates"] == []
    assert set(data["events_per_article"]) == {"a1", "a2"}


def test_cli_eval_news_without_gold(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        eval_command, ["--no-trnews", "--no-seeds", "--news", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "no gold.json" in result.output


@pytest.mark.model
@pytest.mark.slow
def test_held_back_articles_are_scored_apart(tmp_path: Path) -> None:
    """A gold's held_back articles: left out by default, scored alone with --part held."""
    import shutil

    folder = tmp_path / "news"
    shutil.copytree(NEWS_MINI, folder)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    gold["held_back"] = ["a2"]
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")

    def run(*part: str) -> dict[str, Any]:
        args = ["--no-trnews", "--no-seeds", "--news", str(folder), "--json", *part]
        result = CliRunner().invoke(eval_command, args)
        assert result.exit_code == 0, result.output
        return dict(json.loads(result.output)["news"][0])

    work, held, both = run(), run("--part", "held"), run("--part", "all")
    assert (work["part"], work["left_out"], set(work["events_per_article"])) == ("work", 1, {"a1"})
    assert (work["required_found"], work["required_total"]) == (1, 1)
    assert (held["part"], held["left_out"], set(held["events_per_article"])) == ("held", 1, {"a2"})
    assert (held["required_found"], held["required_total"]) == (1, 1)
    assert (both["left_out"], both["required_total"]) == (0, 2)


def test_a_folders_gold_may_live_in_the_project(tmp_path: Path) -> None:
    from geomap.evaluation.news import find_news_gold

    assert find_news_gold(NEWS_MINI) == NEWS_MINI / "gold.json"
    assert find_news_gold(tmp_path / "nowhere") is None
    # our own coding of a folder kept outside the project: eval/<folder>-gold.json
    found = find_news_gold(tmp_path / "news-events-dev2")
    assert found is not None
    assert found.name == "news-events-dev2-gold.json"
    assert found.parent.name == "eval"


def test_one_merged_event_serves_each_article(tmp_path: Path) -> None:
    row = {"types": ["Explosions/Remote violence"], "from": "2023-03-09", "to": "2023-03-09",
           "lat": 36.335, "lon": 43.119, "km": 25}  # fmt: skip
    path = tmp_path / "gold.json"
    required = [{"file": "a1.txt", **row}, {"file": "b7", **row}]
    path.write_text(json.dumps({"required": required}), encoding="utf-8")
    gold = read_news_gold(path)
    assert [g.article_id for g in gold] == ["a1", "b7"]
    merged = _event("a1", "e1", sources=("a1", "b7"))
    assert score_news(gold, [merged]).score("required") == (2, 2)
    assert score_news(gold, [_event("a1", "e1")]).score("required") == (1, 2)
