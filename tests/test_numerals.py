"""Numeral parsers take any Unicode digit, superscript or fraction without raising.

``str.isdigit`` is true for superscripts ("²") that ``int`` cannot read; an odd numeral
in one article must never stop a run. Decimal digits of any script are read (what
``int`` reads), other numeric signs are not counts.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from geomap.events.casualties import MAX_DIGITS, parse_number
from geomap.events.dates import find_date_phrases

#: Characters Unicode calls numeric that are not decimal digits (superscripts, fractions,
#: roman numerals, circled numbers, CJK numerals ...), the ones ``int`` rejects.
NON_DECIMAL_NUMERIC = st.characters(categories=("No", "Nl")).filter(lambda c: not c.isdecimal())
DECIMAL = st.characters(categories=("Nd",))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("9", 9),
        ("25", 25),
        ("1,000", 1000),
        ("nine", 9),
        ("Twelve", 12),
        ("٢٥", 25),  # Arabic-Indic digits
        ("१२", 12),  # Devanagari
        ("１２", 12),  # fullwidth
        ("²", None),
        ("9²", None),
        ("½", None),
        ("3½", None),
        ("Ⅻ", None),
        ("①", None),
        ("dozens", None),
        ("", None),
        ("1.5", None),
        ("-3", None),
        ("9" * MAX_DIGITS, int("9" * MAX_DIGITS)),
        ("9" * (MAX_DIGITS + 1), None),
        ("9" * 5000, None),  # past CPython's int-from-str digit limit
    ],
)
def test_parse_number_examples(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@given(st.text(max_size=40))
def test_parse_number_never_raises(text: str) -> None:
    n = parse_number(text)
    assert n is None or 0 <= n < 10**MAX_DIGITS


@given(st.lists(DECIMAL, min_size=1, max_size=MAX_DIGITS).map("".join))
def test_parse_number_reads_decimal_digits_of_any_script(digits: str) -> None:
    expected = int("".join(str(unicodedata.decimal(c)) for c in digits))
    assert parse_number(digits) == expected


@given(st.text(alphabet=DECIMAL, max_size=3), NON_DECIMAL_NUMERIC, st.text(DECIMAL, max_size=3))
def test_parse_number_rejects_superscripts_and_fractions(a: str, odd: str, b: str) -> None:
    assert parse_number(a + odd + b) is None


_DATE_PIECES = st.sampled_from(
    [
        " days ago",
        " weeks ago",
        " days after",
        " day before",
        "in May ",
        "on ",
        "-",
        " Monday",
        " last week",
        " next month",
        "last January",
        "May ",
        ", ",
        "th ",
        "over the past ",
        " months",
    ]
)
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**30).map(str),
    st.lists(st.one_of(DECIMAL, NON_DECIMAL_NUMERIC), min_size=1, max_size=6).map("".join),
)
_DATE_TEXT = st.lists(st.one_of(_DATE_PIECES, _NUMBERS), min_size=1, max_size=8).map("".join)


@hyp_settings(max_examples=300)
@given(
    _DATE_TEXT,
    st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max])),
    st.booleans(),
)
def test_date_phrases_never_raise(text: str, published: dt.date | None, future: bool) -> None:
    for p in find_date_phrases(text, published, future=future):
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start : p.end] == p.text
        assert abs(p.shift_days) <= 3660


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("3 days ago", dt.date.min),
        ("last week", dt.date.min),
        ("last January", dt.date.min),
        ("next week", dt.date.max),
        ("in May 0000", dt.date(2025, 5, 1)),
        ("99999999999 days ago", dt.date(2025, 5, 1)),
        ("9999 weeks before", dt.date(2025, 5, 1)),
    ],
)
def test_out_of_calendar_date_phrases_give_no_date(text: str, published: dt.date) -> None:
    phrases = find_date_phrases(text, published)
    assert all(p.date is None or dt.date.min < p.date < dt.date.max for p in phrases)
    assert all(p.shift_days == 0 for p in phrases)


def test_date_phrases_read_decimal_digits_of_other_scripts() -> None:
    (p,) = find_date_phrases("٣ days ago", dt.date(2025, 5, 17))
    assert (p.kind, p.date, p.precision) == ("point", dt.date(2025, 5, 14), 1)
    (q,) = find_date_phrases("May ٢٠٢٤", dt.date(2025, 5, 17))
    assert (q.date, q.precision) == (dt.date(2024, 5, 1), 3)
    assert find_date_phrases("² days ago", dt.date(2025, 5, 17)) == []
