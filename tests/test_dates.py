"""Tests for relative date resolution (geomap.events.dates), hand-checked against a calendar."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from geomap.events import dates
from geomap.events.dates import (
    DatePhrase,
    find_date_phrases,
    month_start,
    shift_months,
    weekday_near,
)

SAT = dt.date(2025, 5, 17)  # a Saturday
SUN = dt.date(2025, 3, 16)  # a Sunday


def _first(text: str, published: dt.date | None, *, future: bool = False):  # type: ignore[no-untyped-def]
    phrases = find_date_phrases(text, published, future=future)
    assert phrases, text
    return phrases[0]


@pytest.mark.parametrize(
    ("text", "published", "date", "precision"),
    [
        ("Earlier on Saturday, a Russian drone attack", SAT, dt.date(2025, 5, 17), 1),
        ("the Istanbul talks on Friday", SAT, dt.date(2025, 5, 16), 1),
        ("On Sunday, Kyiv said", SUN, dt.date(2025, 3, 16), 1),
        ("Saturday's virtual summit", dt.date(2025, 3, 15), dt.date(2025, 3, 15), 1),
        ("received bodies on Thursday", dt.date(2025, 7, 20), dt.date(2025, 7, 17), 1),
        ("last Friday", SUN, dt.date(2025, 3, 14), 1),
        ("last Sunday", SUN, dt.date(2025, 3, 9), 1),
        ("fighting overnight", SUN, SUN, 1),
        ("yesterday", SUN, dt.date(2025, 3, 15), 1),
        ("last night", SUN, dt.date(2025, 3, 15), 1),
        ("two days ago", SUN, dt.date(2025, 3, 14), 1),
        ("earlier this week", SUN, SUN, 2),
        ("last week", SUN, dt.date(2025, 3, 9), 2),
        ("last month", SUN, dt.date(2025, 2, 1), 3),
        ("last month", dt.date(2025, 1, 10), dt.date(2024, 12, 1), 3),
        ("February’s Riyadh gathering", SUN, dt.date(2025, 2, 1), 3),
        ("in December", dt.date(2025, 1, 10), dt.date(2024, 12, 1), 3),
        ("May 17", dt.date(2025, 5, 20), dt.date(2025, 5, 17), 1),
        ("17 May 2025", None, dt.date(2025, 5, 17), 1),
        ("on May 17, 2024", SUN, dt.date(2024, 5, 17), 1),
        ("2025-05-17", None, dt.date(2025, 5, 17), 1),
        ("in March 2025", SUN, dt.date(2025, 3, 1), 3),
        ("December 30", dt.date(2025, 1, 2), dt.date(2024, 12, 30), 1),
    ],
)
def test_past_phrases(text: str, published: dt.date | None, date: dt.date, precision: int) -> None:
    p = _first(text, published)
    assert p.kind == "point"
    assert p.date == date
    assert p.precision == precision
    assert not p.planned


@pytest.mark.parametrize(
    ("text", "published", "date", "precision"),
    [
        ("Carney is due in France on Monday", SUN, dt.date(2025, 3, 17), 1),
        ("will meet again on Thursday", dt.date(2025, 3, 15), dt.date(2025, 3, 20), 1),
        ("next week", SUN, dt.date(2025, 3, 23), 2),
        ("next month", SUN, dt.date(2025, 4, 1), 3),
        ("in April", SUN, dt.date(2025, 4, 1), 3),
    ],
)
def test_future_phrases(text: str, published: dt.date, date: dt.date, precision: int) -> None:
    p = _first(text, published, future=True)
    assert p.date == date
    assert p.precision == precision
    assert p.planned


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("over the past five months", "durative"),
        ("over the past days", "durative"),
        ("in the past day", "sequel"),  # the report's day
        ("over the last 24 hours", "sequel"),
        ("in recent weeks", "durative"),
        ("over recent months", "durative"),
        ("for three years", "durative"),
        ("since February 2022", "durative"),
        ("armed aggression in 2014", "background"),
        ("its invasion in February 2022", "background"),
    ],
)
def test_non_point_phrases(text: str, kind: str) -> None:
    assert _first(text, SUN).kind == kind


def test_shift_phrase() -> None:
    p = _first("a day after a Russian air strike on Kyiv", dt.date(2025, 8, 29))
    assert p.kind == "shift"
    assert p.shift_days == -1
    assert _first("two days before the vote", SUN).shift_days == 2


def test_undated_article_gives_no_date() -> None:
    assert _first("on Saturday", None).date is None
    assert _first("last month", None).date is None


def test_may_the_verb_is_not_a_month() -> None:
    assert find_date_phrases("talks may resume in the spring", SUN) == []


def test_offsets_point_into_text() -> None:
    text = "Strikes hit Odesa on Friday and Kharkiv overnight."
    phrases = find_date_phrases(text, SUN)
    assert [p.text for p in phrases] == ["Friday", "overnight"]  # not an empty loop
    for p in phrases:
        assert text[p.start : p.end] == p.text


def test_helpers() -> None:
    assert weekday_near(SAT, 5, future=False) == SAT
    assert weekday_near(SAT, 0, future=True) == dt.date(2025, 5, 19)
    assert shift_months(dt.date(2025, 1, 31), -1) == dt.date(2024, 12, 1)
    assert month_start(dt.date(2025, 3, 16)) == dt.date(2025, 3, 1)


# Mutation-testing survivors (make mutate): the future tense and the edges of year inference.


@pytest.mark.parametrize(
    ("text", "published", "future", "date", "planned"),
    [
        # explicit day without a year, future tense: the first such day on or after publication
        ("on May 20", SAT, True, dt.date(2025, 5, 20), True),
        ("on March 3", SAT, True, dt.date(2026, 3, 3), True),
        ("on May 17", SAT, True, dt.date(2025, 5, 17), False),
        # past tense: the latest such day not after publication + 1 day (time zones)
        ("on May 18", SAT, False, dt.date(2025, 5, 18), True),
        ("on May 19", SAT, False, dt.date(2024, 5, 19), False),
        ("on December 31", dt.date(2026, 1, 1), False, dt.date(2025, 12, 31), False),
        ("on January 2", dt.date(2025, 12, 31), True, dt.date(2026, 1, 2), True),
    ],
)
def test_day_without_year(
    text: str, published: dt.date, future: bool, date: dt.date, planned: bool
) -> None:
    p = _first(text, published, future=future)
    assert (p.kind, p.date, p.precision, p.planned) == ("point", date, 1, planned)


@pytest.mark.parametrize(
    ("text", "future", "date"),
    [
        ("in March", True, dt.date(2026, 3, 1)),
        ("in June", True, dt.date(2025, 6, 1)),
        ("in May", True, dt.date(2025, 5, 1)),
        ("in March", False, dt.date(2025, 3, 1)),
        ("in June", False, dt.date(2024, 6, 1)),
        ("in May", False, dt.date(2025, 5, 1)),
    ],
)
def test_month_without_day_in_both_tenses(text: str, future: bool, date: dt.date) -> None:
    p = _first(text, SAT, future=future)
    assert (p.date, p.precision, p.planned) == (date, 3, future and date > SAT)


@pytest.mark.parametrize(
    ("published", "future", "date"),
    [
        # no 29 February on or after publication within a year either side: the latest one
        (dt.date(2025, 12, 31), True, dt.date(2024, 2, 29)),
        # none on or before publication: the earliest one
        (dt.date(2023, 1, 1), False, dt.date(2024, 2, 29)),
    ],
)
def test_leap_day_without_year_falls_back(published: dt.date, future: bool, date: dt.date) -> None:
    # (the equivalent mutant: `published.year - k` for k in (-1, 0, 1) is the same set)
    p = _first("on February 29", published, future=future)
    assert p.date == date


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("impact documented 24.3.2022", dt.date(2022, 5, 1), dt.date(2022, 3, 24)),
        ("strike of 04/03/2022", dt.date(2022, 3, 10), dt.date(2022, 3, 4)),  # day first
        ("strike of 04/03/2022", dt.date(2022, 4, 2), dt.date(2022, 3, 4)),
        # the day-first reading (7 April) would lie after publication: month first
        ("strike of 04/07/2022", dt.date(2022, 4, 20), dt.date(2022, 4, 7)),
        ("strike of 3/14/2022", dt.date(2022, 4, 1), dt.date(2022, 3, 14)),  # only one reading
        ("missile impact from 27/04/2022 in the port", dt.date(2022, 5, 1), dt.date(2022, 4, 27)),
    ],
)
def test_numeric_dates(text: str, published: dt.date, date: dt.date) -> None:
    p = _first(text, published)
    assert (p.kind, p.date, p.precision) == ("point", date, 1)


def test_from_opens_a_span_only_with_its_end() -> None:
    assert _first("closed from 3 March to 5 March", SUN).kind == "durative"
    assert _first("footage from 3 March shows the damage", SUN).kind == "point"
    assert find_date_phrases("on 31/02/2022", SUN) == []  # no such day


# Every field of the phrases found, offsets and text included (mutation survivors: each kind's
# record, undated articles, the edges of the planned flag and of the year-long look back).
D = dt.date
MAY_2 = D(2025, 5, 2)
PUB_23 = D(2023, 9, 15)
# (fragment, kind, date, precision, planned, shift_days)
_Want = tuple[str, str, dt.date | None, int, bool, int]


@pytest.mark.parametrize(
    ("text", "published", "future", "want"),
    [
        # numeric dates: day first; "pub + 1 day" still counts as not after publication
        ("Lanterns were lit 03/05/2025 in the square.", MAY_2, False,
         [("03/05/2025", "point", D(2025, 5, 3), 1, True, 0)]),
        ("Lanterns were lit 03/05/2025 in the square.", D(2025, 5, 1), False,
         [("03/05/2025", "point", D(2025, 3, 5), 1, False, 0)]),
        ("Lanterns were lit 03/05/2025 in the square.", D(2025, 5, 10), False,
         [("03/05/2025", "point", D(2025, 5, 3), 1, False, 0)]),
        ("Lanterns were lit 10/05/2025 in the square.", D(2025, 5, 10), False,
         [("10/05/2025", "point", D(2025, 5, 10), 1, False, 0)]),
        # future tense: no preference for the reading not after publication
        ("The fair opens 05/06/2025 at noon.", D(2025, 5, 20), True,
         [("05/06/2025", "point", D(2025, 6, 5), 1, True, 0)]),
        ("The fair opened 05/06/2025 at noon.", None, False,
         [("05/06/2025", "point", D(2025, 6, 5), 1, False, 0)]),
        ("minutes dated 2025-02-14 were lost", SUN, False,
         [("2025-02-14", "point", D(2025, 2, 14), 1, False, 0)]),
        ("minutes dated 2025-02-30 were lost", SUN, False, []),
        ("the ferry sailed on February 30", SUN, False, []),
        ("the ferry sailed on May 17", None, False, [("May 17", "point", None, 1, False, 0)]),
        ("May 0000", SUN, False, []),
        # shifts: "the day/night before/after <event>" (the event named is a day off the
        # one qualified); sequels: "the day before", "later", "the following day" move
        # the story's day
        ("the ferry sailed the day before the vote", SUN, False,
         [("the day before", "shift", None, 1, False, 1)]),
        ("the ferry sailed the night after the storm", SUN, False,
         [("the night after", "shift", None, 1, False, -1)]),
        ("the ferry sailed the day before.", SUN, False,
         [("the day before", "sequel", None, 1, False, -1)]),
        ("two weeks later the ferry sailed", SUN, False,
         [("two weeks later", "sequel", None, 2, False, 14)]),
        ("three days later the ferry sailed", SUN, False,
         [("three days later", "sequel", None, 1, False, 3)]),
        ("Two days earlier, the ferry sailed", SUN, False,
         [("Two days earlier", "sequel", None, 1, False, -2)]),
        ("hours later the ferry sailed", SUN, False,
         [("hours later", "sequel", None, 1, False, 0)]),
        ("The following morning the ferry sailed", SUN, False,
         [("The following morning", "sequel", None, 1, False, 1)]),
        ("later that evening the ferry sailed", SUN, False,
         [("later that evening", "sequel", None, 1, False, 0)]),
        ("days later the ferry sailed", SUN, False, []),
        # a count of time that spans, not a day: "so far this year", "earlier this year"
        ("So far this year the ferry sailed twice", SUN, False,
         [("So far this year", "durative", None, 1, False, 0)]),
        ("earlier this year the ferry sailed", SUN, False,
         [("earlier this year", "durative", None, 1, False, 0)]),
        ("two weeks ago", SUN, False, [("two weeks ago", "point", D(2025, 3, 2), 2, False, 0)]),
        ("two days ago", None, False, [("two days ago", "point", None, 1, False, 0)]),
        # the longest shift a phrase may state, and a digit run past it
        ("3660 days ago", SUN, False,
         [("3660 days ago", "background", D(2015, 3, 9), 1, False, 0)]),
        ("3661 days ago", SUN, False, []),
        ("1234567 days ago", SUN, False, []),
        # weekdays
        ("the kiln cooled next Tuesday", SUN, False,
         [("next Tuesday", "point", D(2025, 3, 18), 1, True, 0)]),
        ("the kiln cooled coming Tuesday", SUN, False,
         [("coming Tuesday", "point", D(2025, 3, 18), 1, True, 0)]),
        ("the kiln cooled on Monday", None, False, [("Monday", "point", None, 1, False, 0)]),
        ("the kiln cools next Monday", None, False, [("next Monday", "point", None, 1, True, 0)]),
        ("the kiln cools on Saturday", SAT, True, [("Saturday", "point", SAT, 1, False, 0)]),
        # weeks and months
        ("the kiln cooled past week", SUN, False,
         [("past week", "point", D(2025, 3, 9), 2, False, 0)]),
        ("the kiln cools coming week", SUN, False,
         [("coming week", "point", D(2025, 3, 23), 2, True, 0)]),
        ("the kiln cools coming month", SUN, False,
         [("coming month", "point", D(2025, 4, 1), 3, True, 0)]),
        ("the kiln cooled this month", SUN, False,
         [("this month", "point", D(2025, 3, 1), 3, False, 0)]),
        ("the kiln cools next month", None, False, [("next month", "point", None, 3, True, 0)]),
        ("the kiln cooled last week", None, False, [("last week", "point", None, 2, False, 0)]),
        ("the kiln cooled yesterday", None, False, [("yesterday", "point", None, 1, False, 0)]),
        # month names: "next", "last" and the month of publication itself
        ("the choir sings next June", SUN, False,
         [("next June", "point", D(2025, 6, 1), 3, True, 0)]),
        ("the choir sang last June", SUN, False,
         [("last June", "point", D(2024, 6, 1), 3, False, 0)]),
        ("the choir sang last February", SUN, False,
         [("last February", "point", D(2025, 2, 1), 3, False, 0)]),
        ("the choir sings in June", D(2025, 6, 1), True,
         [("in June", "point", D(2025, 6, 1), 3, False, 0)]),
        # years: this year and later are spans, earlier ones background
        ("the choir sang in 2023", PUB_23, False, [("in 2023", "durative", None, 1, False, 0)]),
        ("the choir sang in 2024", PUB_23, False, [("in 2024", "durative", None, 1, False, 0)]),
        ("the choir sang in 2011", None, False,
         [("in 2011", "background", D(2011, 1, 1), 3, False, 0)]),
        ("over the past five months", SUN, False,
         [("over the past five months", "durative", None, 1, False, 0)]),
        ("the 10th anniversary of the choir", PUB_23, False,
         [("10th anniversary", "background", D(2013, 1, 1), 3, False, 0)]),
        ("a few years ago", PUB_23, False,
         [("a few years ago", "background", D(2020, 1, 1), 3, False, 0)]),
        ("several years ago", PUB_23, False,
         [("several years ago", "background", D(2020, 1, 1), 3, False, 0)]),
        ("one year ago", PUB_23, False,
         [("one year ago", "background", D(2022, 1, 1), 3, False, 0)]),
        ("ten years ago", None, False, [("ten years ago", "background", None, 1, False, 0)]),
        ("0 years ago", PUB_23, False, [("0 years ago", "background", None, 1, False, 0)]),
        # a span right after another (no space after the dot) is still read
        ("Filed 3 Jan.Yesterday the", SUN, False,
         [("3 Jan.", "point", D(2025, 1, 3), 1, False, 0),
          ("Yesterday", "point", D(2025, 3, 15), 1, False, 0)]),
        # a pattern's later matches are tried after one overlaps or resolves to nothing
        ("in May 2025 and in June", SUN, False,
         [("May 2025", "point", D(2025, 5, 1), 3, False, 0),
          ("in June", "point", D(2024, 6, 1), 3, False, 0)]),
        ("Officials said this may end by June.", SUN, False,
         [("by June", "point", D(2024, 6, 1), 3, False, 0)]),
        # a span begun this week keeps its start (precision 2: the week); an older one none
        ("closed since Monday", SUN, False, [("Monday", "durative", D(2025, 3, 10), 2, False, 0)]),
        ("shut since November", SUN, False, [("since November", "durative", None, 1, False, 0)]),
        # 366 days back is still a point; 367 days back is background, the day kept
        ("on March 15, 2024", SUN, False,
         [("March 15, 2024", "point", D(2024, 3, 15), 1, False, 0)]),
        ("on March 14, 2024", SUN, False,
         [("March 14, 2024", "background", D(2024, 3, 14), 1, False, 0)]),
    ],
)  # fmt: skip
def test_every_field(text: str, published: dt.date | None, future: bool, want: list[_Want]) -> None:
    expected = []
    for frag, kind, date, precision, planned, shift_days in want:
        start = text.index(frag)
        expected.append(
            DatePhrase(start, start + len(frag), frag, kind, date, precision, planned, shift_days)
        )
    assert find_date_phrases(text, published, future=future) == expected


def test_past_tense_by_default() -> None:
    (p,) = find_date_phrases("the kiln cooled on Friday", SAT)
    assert p.date == D(2025, 5, 16)


@pytest.mark.parametrize(
    "text", ["the deadliest period since 1992", "Since November the rebels have attacked",
             "until 2020 the base was open", "fighting from 2014 to 2016"],
)  # fmt: skip
def test_a_span_from_or_to_a_month_or_year_dates_no_event(text: str) -> None:
    (phrase,) = find_date_phrases(text, dt.date(2024, 8, 1))
    assert (phrase.kind, phrase.date) == ("durative", None)


@pytest.mark.parametrize(
    ("text", "day", "planned"),
    [("killed 30 over the weekend", dt.date(2024, 6, 15), False),
     ("last weekend", dt.date(2024, 6, 15), False),
     ("next weekend", dt.date(2024, 6, 22), True)],
)  # fmt: skip
def test_a_weekend_is_its_saturday_within_a_week(text: str, day: dt.date, planned: bool) -> None:
    (phrase,) = find_date_phrases(text, dt.date(2024, 6, 17))  # a Monday
    assert (phrase.date, phrase.precision, phrase.planned) == (day, 2, planned)


@pytest.mark.parametrize(("kind", "pattern"), dates._PATTERNS, ids=lambda v: str(v)[:20])
def test_a_text_without_the_cue_holds_no_date_phrase(kind: str, pattern: re.Pattern[str]) -> None:
    """The cue that lets a text skip the scan is in every match of every pattern."""

    @hyp_settings(max_examples=150, deadline=None)
    @given(st.from_regex(pattern))
    def check(text: str) -> None:
        if pattern.search(text):
            assert dates._CUE.search(text), (kind, text)

    check()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("on New Year's Day", dt.date(2023, 1, 1)),
        ("on New Year’s Eve", dt.date(2022, 12, 31)),
        ("on Christmas Eve", dt.date(2022, 12, 24)),
        ("on Christmas Day", dt.date(2022, 12, 25)),
    ],
)
def test_feast_days(text: str, date: dt.date) -> None:
    p = _first(text, dt.date(2023, 1, 6))
    assert (p.kind, p.date, p.precision) == ("point", date, 1)


def test_within_hours_is_a_sequel_of_the_story_day() -> None:
    (p,) = find_date_phrases("Within hours, crowds set up burning barricades.", SUN)
    assert (p.text, p.kind, p.shift_days) == ("Within hours", "sequel", 0)
