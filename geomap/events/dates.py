"""Stage 4 helper, events: find date phrases in a sentence and resolve them.

Relative expressions ("on Saturday", "overnight", "last month", "earlier this
week", "February's gathering") are resolved against the article's publication
date. Precision follows ACLED's ``time_precision``: 1 day, 2 week, 3 month.

Rules (checked against hand-coded seeds):

* a weekday in the past tense is the most recent such day on or before the
  publication date (an article published on a Saturday that says "on Saturday"
  means that same day); in the future tense it is the next such day on or after
  the publication date;
* "overnight", "today", "tonight", "this morning" are the publication day;
  "yesterday" and "last night" the day before;
* "this week" / "earlier this week" is the publication date with week
  precision; "last week" seven days earlier; "next week" seven days later
  (planned);
* a month name without a day ("in February", "February's") is the most recent
  such month on or before publication (the next one in the future tense), with
  month precision and the first of the month as date;
* explicit dates ("May 17", "17 May 2025", "2025-05-17", "17/05/2025", "17.5.2025")
  keep their day; a missing year is the one that puts the date closest to (past tense:
  not after) the publication date; numeric dates are read day first unless only the
  month-first reading is a date, or is not after the publication date;
* "a day later", "the following day", "hours later", "that evening", "two days
  earlier", "the day before," are *sequels*: a day of the story told so far (the
  event told before), not of the publication; "a day after <event>" is a *shift*:
  the event it names happened a day before the one it qualifies;
* durations ("over the past five months", "in recent weeks", "since ...", "so far
  this year", "earlier this year") are
  *durative*: they do not date a single event; a bare year, "last year", "ten years
  ago", "a decade ago", "the 10th anniversary" or a date more than a year before
  publication is
  *background*: it keeps its own date (January 1 of the year, month precision; an
  explicit day with its year keeps day precision) so a past event is not dated at
  publication.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from geomap.events import vocabulary as W  # noqa: N812  (W.X: a word list)

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "DatePhrase",
    "find_date_phrases",
    "month_start",
    "shift_months",
    "weekday_near",
]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

_WD = "|".join(WEEKDAYS)
_MON = (
    "|".join(m.capitalize() for m in MONTHS) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
_APOS = r"(?:['’]s)"

#: (kind, regex); order matters: the first pattern to claim a span wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # "over the past day", "in the last 24 hours": the day of the report (the day the
        # story is at), not a span of several days
        "past_day",
        re.compile(
            r"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+"
            r"(?:day|24\s+hours|twenty-four\s+hours)\b",
            re.I,
        ),
    ),
    (
        "durative",
        re.compile(
            rf"\b(?:over|in|during|for|within)\s+(?:(?:most|much|all|part)\s+of\s+)?the\s+"
            rf"(?:past|last|previous|coming|next)\s+"
            rf"(?:{_NUM}\s+|few\s+|several\s+)?(?:days?|weeks?|months?|years?)\b",
            re.I,
        ),
    ),
    (
        "durative",
        re.compile(r"\b(?:in|over|during)\s+recent\s+(?:days|weeks|months|years)\b", re.I),
    ),
    (
        "durative",
        re.compile(
            rf"\bfor\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?{_NUM}\s+"
            r"(?:days|weeks|months|years)\b",
            re.I,
        ),
    ),
    (
        "durative",
        re.compile(
            r"\bso\s+far(?:\s+this\s+(?:year|month|week))?\b|\b(?:earlier\s+)?this\s+year\b", re.I
        ),
    ),
    # days of the calendar's feasts ("on New Year's Day", "on Christmas Eve")
    ("holiday", re.compile(rf"\b(New\s+Year{_APOS}?|Christmas)\s+(Day|Eve)\b", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("numeric", re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2(\d{4})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON})\.?(?:,?\s+(\d{{4}}))?\b")),
    ("mdy", re.compile(rf"\b({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")),
    ("my", re.compile(rf"\b(?:(?:early|mid|late)[-\s]+)?({_MON})\s+(\d{{4}})\b")),
    (
        "sequel",
        re.compile(
            rf"\b(?:({_NUM}|a\s+few|several)\s+)?(days?|weeks?|hours?|minutes?)\s+(later|earlier)\b"
            r"|\bthe\s+(following|next|previous)\s+(day|morning|afternoon|evening|night)\b"
            r"|\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+(day|morning|afternoon|evening|night)\b"
            r"|\bwithin\s+(?:hours|minutes|the\s+hour)\b",
            re.I,
        ),
    ),
    ("shift", re.compile(rf"\b({_NUM})\s+(days?|weeks?)\s+(after|before|ago)\b", re.I)),
    ("shift", re.compile(r"\b(the\s+day|the\s+night)\s+(before|after)\b", re.I)),
    (
        "weekday",
        re.compile(
            # ("overnight into Wednesday", "overnight on Wednesday": the weekday, not the
            # publication day; "the night of Sunday to Monday": the second day, as
            # "overnight into Monday")
            rf"\b(?:overnight\s+(?:(?:into|to|on)\s+)?|the\s+night\s+of\s+(?:{_WD})\s+(?:to|into)\s+)?"
            rf"(?:(last|this|next|past|coming)\s+)?({_WD}){_APOS}?"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    ("weekend", re.compile(r"\b(?:over|at|during)\s+the\s+(?:past\s+)?weekend\b", re.I)),
    (
        "rel",
        re.compile(
            r"\b(?:(?:earlier|later)\s+)?(?:(this|last|next|past|coming)\s+"
            r"(week|weekend|month))\b",
            re.I,
        ),
    ),
    (
        "day",
        re.compile(
            r"\b(yesterday|today|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening)"
            r"|earlier\s+today|on\s+the\s+night)\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:(?:in|since|during|until|by|of|last|this|next|early|mid|late)[-\s]+)({_MON})\b"
            rf"|\b({_MON}){_APOS}",
            re.I,
        ),
    ),
    ("year", re.compile(r"\b(?:in|since|of|from|until|by)\s+((?:19|20)\d{2})\b", re.I)),
    # a year naming an event ("the 2014 attack", "a 2010 wedding", "its 2022 invasion"),
    # not a count of things ("the 2000 soldiers": a plural follows)
    (
        "year",
        re.compile(
            r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]hat|\w+(?:['’]s|s['’]))\s+"
            r"((?:19|20)\d{2})(?:\s*[-–]\s*(?:19|20)?\d{2})?"  # "Haftar's 2019-2020 offensive"
            r"(?=\s+[a-z]*[a-rt-z]\b)"
        ),
    ),
    (
        "years_ago",
        re.compile(
            rf"\b(?:({_NUM}|a\s+few|several)\s+(years?|decades?)|(a\s+decade))\s+"
            r"(?:ago|earlier|before|since)\b",
            re.I,
        ),
    ),
    (
        "anniversary",
        re.compile(rf"\b({_NUM})(?:th|st|nd|rd)?[-\s]+(?:year\s+)?anniversary\b", re.I),
    ),
    # "last year" (not "over the last year", a span, read above): the year before
    ("last_year", re.compile(r"\blast\s+year\b", re.I)),
)
#: What every pattern above needs somewhere in a text (a digit, a month's first letters,
#: a time word): a text without it has no date phrase, and is not scanned 22 times.
_CUE = re.compile(
    r"\d|day|week|month|year|hour|minute|morning|afternoon|evening|night|decade|anniversar"
    r"|\beve\b|far|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)
_SINCE = re.compile(r"\b(?:since|until|till)\s+$", re.I)
#: "from <date>" opens a span only when the span's end follows ("from 3 to 5 May");
#: "an impact from 27/04/2022" is dated by it.
#: How far before a phrase "since" or "from" is looked for.
_LOOK_BACK = 24
_FROM = re.compile(r"\bfrom\s+$", re.I)
#: What ends a clause right after "the day before" (no event follows as its object).
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)]|$)")
_SPAN_END = re.compile(r"\s*(?:to|until|till|through|-|–|—)\s", re.I)


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A date expression found in a text and what it resolves to.

    ``kind`` is "point" (dates one event), "durative" (a span of time),
    "background" (long before publication), "shift" ("a day after <event>": the
    event it introduces happened ``shift_days`` from the one it qualifies) or
    "sequel" ("a day later", "the following day", "hours later", "that evening":
    ``shift_days`` from the day of the story told so far). ``date`` is None
    when the phrase cannot be resolved (no publication date) or for durative (but a
    span begun this week: "since Saturday" keeps its start, precision 2), shift and
    sequel phrases. ``planned`` marks phrases that point to the future
    ("next week", "on Monday" in the future tense).
    """

    start: int
    end: int
    text: str
    kind: str
    date: dt.date | None = None
    # (mutation testing: dropping an explicit precision 1 where a phrase is built is equivalent)
    precision: int = 1
    planned: bool = False
    shift_days: int = 0


def month_start(d: dt.date) -> dt.date:
    """Return the first day of ``d``'s month."""
    return d.replace(day=1)


def shift_months(d: dt.date, months: int) -> dt.date:
    """Return the first day of the month ``months`` away from ``d``'s month."""
    idx = d.year * 12 + (d.month - 1) + months
    return dt.date(idx // 12, idx % 12 + 1, 1)


def weekday_near(published: dt.date, weekday: int, *, future: bool) -> dt.date:
    """Return the weekday (0 Monday) on or before ``published`` (on or after if ``future``)."""
    if future:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _month_index(name: str) -> int:
    # the patterns keep an abbreviation's dot outside the name's group (mutation testing:
    # mutants of rstrip(".") are equivalent)
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


#: Longest shift a date phrase may state ("400 days ago" is a date; "10**12 days" is not).
_MAX_SHIFT_DAYS = 3660


def _number(word: str) -> int:
    """The count a word spells; decimal digits of any script (what ``int`` reads), else 1.

    ``_NUM`` only lets words and ``\\d`` runs (Unicode decimal digits) through; a
    superscript ("²") is not a decimal digit and never reaches ``int``.
    """
    # ``_NUM`` lets through only number words up to ten and digits, and any digit run
    # past six digits is beyond the longest shift (mutation testing: the .get default and a
    # longer or shorter digit cap, or one just above it, are equivalent; int() of a run too
    # long to read raises ValueError, which find_date_phrases catches)
    w = word.lower()
    if w.isdecimal():
        return int(w) if len(w) <= 6 else _MAX_SHIFT_DAYS + 1
    return W.NUMBER_WORDS.get(w, 1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date | None, *, future: bool) -> dt.date | None:
    if published is None:
        return None
    # (mutation testing: `year - k` survives as an equivalent mutant, the set is symmetric)
    options = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    valid = [d for d in options if d is not None]
    if not valid:
        return None
    if future:
        after = [d for d in valid if d >= published]
        return min(after) if after else max(valid)
    before = [d for d in valid if d <= published + dt.timedelta(days=1)]
    return max(before) if before else min(valid)


def _month_only(month: int, published: dt.date | None, *, future: bool) -> dt.date | None:
    if published is None:
        return None
    this_year = dt.date(published.year, month, 1)
    if future:
        return this_year if month >= published.month else dt.date(published.year + 1, month, 1)
    return this_year if month <= published.month else dt.date(published.year - 1, month, 1)


def _numeric(
    s: int, e: int, text: str, m: re.Match[str], published: dt.date | None, *, future: bool
) -> DatePhrase | None:
    """ "27/04/2022", "24.3.2022": day first, month first when only that is a date or when
    only that is not after publication (a report tells what has happened)."""
    a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    readings = [d for d in (_safe_date(year, b, a), _safe_date(year, a, b)) if d is not None]
    if published is not None and not future:
        past = [d for d in readings if d <= published + dt.timedelta(days=1)]
        readings = past or readings
    if not readings:
        return None
    d = readings[0]
    return DatePhrase(s, e, text, "point", d, 1, planned=bool(published and d > published))


def _durative(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    return DatePhrase(m.start(), m.end(), m.group(0), "durative")


def _iso(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None if d is None else DatePhrase(m.start(), m.end(), m.group(0), "point", d, 1)


def _numeric_kind(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    return _numeric(m.start(), m.end(), m.group(0), m, published, future=future)


def _day_month(
    m: re.Match[str], published: dt.date | None, future: bool, *, dmy: bool
) -> DatePhrase | None:
    """ "4 March 2025" (dmy) or "March 4" (mdy): a day, its year inferred when not given."""
    s, e, text = m.start(), m.end(), m.group(0)
    day_s, mon_s = (m.group(1), m.group(2)) if dmy else (m.group(2), m.group(1))
    month, day = _month_index(mon_s), int(day_s)
    year = m.group(3)
    d = (
        _safe_date(int(year), month, day)
        if year
        else _infer_year(month, day, published, future=future)
    )
    if d is None and (year or published is not None):
        return None
    return DatePhrase(s, e, text, "point", d, 1, planned=bool(d and published and d > published))


def _holiday(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    """ "New Year's Day", "Christmas Eve": a day of the calendar, its year inferred."""
    new_year, eve = m.group(1).lower().startswith("new"), m.group(2).lower() == "eve"
    month, day = (12, 31) if new_year and eve else (1, 1) if new_year else (12, 24 if eve else 25)
    d = _infer_year(month, day, published, future=future)
    planned = bool(d and published and d > published)
    return DatePhrase(m.start(), m.end(), m.group(0), "point", d, 1, planned=planned)


def _month_year(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    d = _safe_date(int(m.group(2)), _month_index(m.group(1)), 1)  # "May 0000": no date
    return None if d is None else DatePhrase(m.start(), m.end(), m.group(0), "point", d, 3)


def _shift(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    """ "three days ago" (a day), "a day after <event>" (a shift from the event's day)."""
    s, e, text = m.start(), m.end(), m.group(0)
    # (mutation testing: another placeholder than "" is equivalent, it is replaced below)
    word, unit, direction = m.group(1), m.group(2), m.group(3) if m.lastindex == 3 else ""
    if m.lastindex == 2:  # "the day before/after"
        n, direction = 1, m.group(2)
        if _CLAUSE_END.match(m.string, e):  # "The day before, ...": the story's day before
            sign = 1 if direction.lower() == "after" else -1
            return DatePhrase(s, e, text, "sequel", shift_days=sign)
    else:
        n = _number(word) * (7 if unit.lower().startswith("week") else 1)
        if n > _MAX_SHIFT_DAYS:
            return None
    direction = direction.lower()
    if direction == "ago":
        d = None if published is None else published - dt.timedelta(days=n)
        return DatePhrase(s, e, text, "point", d, 1 if unit.lower().startswith("day") else 2)
    # "a day after <event>": the event happened n days before the reference
    sign = -1 if direction in {"after", "later"} else 1
    return DatePhrase(s, e, text, "shift", shift_days=sign * n)


#: How many days a sequel's unit moves the story ("hours later": the same day).
_SEQUEL_UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7}
_SEQUEL_STEP = {"following": 1, "next": 1, "previous": -1}


def _sequel(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    """ "A day later", "the following day", "hours later", "that evening": a day of the
    story told so far (the date of the event told before), moved by ``shift_days``."""
    s, e, text = m.start(), m.end(), m.group(0)
    if m.group(2):  # "[n] days/weeks/hours later/earlier"
        unit = m.group(2).lower().rstrip("s")
        if m.group(1) is None and unit in {"day", "week"}:
            return None  # "days later": how many, the text does not say
        n = _number(m.group(1) or "1") * _SEQUEL_UNIT_DAYS[unit]
        if n > _MAX_SHIFT_DAYS:
            return None
        sign = 1 if m.group(3).lower() == "later" else -1
        return DatePhrase(s, e, text, "sequel", precision=2 if unit == "week" else 1,
                          shift_days=sign * n)  # fmt: skip
    if m.group(4):  # "the following/next/previous day"
        return DatePhrase(s, e, text, "sequel", shift_days=_SEQUEL_STEP[m.group(4).lower()])
    return DatePhrase(s, e, text, "sequel")  # "that day", "later that evening", "within hours"


def _weekday(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    s, e, text = m.start(), m.end(), m.group(0)
    # (mutation testing: another placeholder than "" is equivalent, no qualifier matches it)
    qual = (m.group(1) or "").lower()
    wd = WEEKDAYS.index(m.group(2).lower())
    fut = future or qual in {"next", "coming"}
    if published is None:
        return DatePhrase(s, e, text, "point", None, 1, planned=fut)
    d = weekday_near(published, wd, future=fut)
    if qual == "last" and d == published:
        d -= dt.timedelta(days=7)
    return DatePhrase(s, e, text, "point", d, 1, planned=fut and d > published)


def _weekend(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    """ "over the weekend": the last Saturday on or before publication, week precision."""
    d = None if published is None else weekday_near(published, 5, future=future)
    return DatePhrase(m.start(), m.end(), m.group(0), "point", d, 2)


def _relative(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    """ "this week", "last month", "next week": a week or a month from publication."""
    s, e, text = m.start(), m.end(), m.group(0)
    qual, unit = m.group(1).lower(), m.group(2).lower()
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[qual]
    planned = step > 0
    if published is None:
        return DatePhrase(s, e, text, "point", None, 3 if unit == "month" else 2, planned)
    if unit == "weekend":  # "last weekend", "this weekend": the nearest Saturday
        d = weekday_near(published, 5, future=planned)
        return DatePhrase(s, e, text, "point", d, 2, planned)
    if unit == "month":
        # shift_months(published, 0) is month_start(published) (mutation testing: equivalent)
        d = month_start(published) if step == 0 else shift_months(published, step)
        return DatePhrase(s, e, text, "point", d, 3, planned)
    d = published + dt.timedelta(days=7 * step)
    return DatePhrase(s, e, text, "point", d, 2, planned)


def _day_word(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    text = m.group(0)
    low = text.lower()
    back = 1 if low in {"yesterday"} or low.startswith("last") else 0
    d = None if published is None else published - dt.timedelta(days=back)
    return DatePhrase(m.start(), m.end(), text, "point", d, 1)


def _month(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    """ "in March", "last May", "next June": a month near publication."""
    text = m.group(0)
    name = m.group(1) or m.group(2)
    # "May" is also a modal verb: only the capitalised month counts
    if not name[0].isupper():
        return None
    # no lead word holds a month's name (mutation testing: rfind is equivalent)
    lead = text[: text.find(name)].strip().lower()
    if lead in {"since", "until"}:
        return DatePhrase(m.start(), m.end(), text, "durative")  # "since November": a span
    fut = future or lead == "next"
    month = _month_index(name)
    if lead == "last" and published is not None:
        d_month: dt.date | None = dt.date(
            published.year - (1 if month >= published.month else 0), month, 1
        )
    else:
        d_month = _month_only(month, published, future=fut)
    planned = bool(fut and d_month and published and d_month > published)
    return DatePhrase(m.start(), m.end(), text, "point", d_month, 3, planned=planned)


def _year(m: re.Match[str], published: dt.date | None, future: bool) -> DatePhrase | None:
    s, e, text = m.start(), m.end(), m.group(0)
    year = int(m.group(1))
    span = text.lower().startswith(("since", "until", "from"))  # "since 1992": a span
    if span or (published is not None and year >= published.year):
        return DatePhrase(s, e, text, "durative")
    return DatePhrase(s, e, text, "background", dt.date(year, 1, 1), 3)


def _back(
    m: re.Match[str], published: dt.date | None, future: bool, *, kind: str
) -> DatePhrase | None:
    return _years_back(kind, m, published)


#: How each kind of phrase is resolved (a phrase of ``kind`` matched at ``m``).
_RESOLVERS: dict[str, Callable[[re.Match[str], dt.date | None, bool], DatePhrase | None]] = {
    "durative": _durative,
    "iso": _iso,
    "holiday": _holiday,
    "numeric": _numeric_kind,
    "dmy": functools.partial(_day_month, dmy=True),
    "mdy": functools.partial(_day_month, dmy=False),
    "my": _month_year,
    "sequel": _sequel,
    "past_day": lambda m, published, future: DatePhrase(m.start(), m.end(), m.group(0), "sequel"),
    "shift": _shift,
    "weekday": _weekday,
    "weekend": _weekend,
    "rel": _relative,
    "day": _day_word,
    "month": _month,
    "year": _year,
    "years_ago": functools.partial(_back, kind="years_ago"),
    "anniversary": functools.partial(_back, kind="anniversary"),
    "last_year": functools.partial(_back, kind="last_year"),
}


def _resolve(
    kind: str, m: re.Match[str], published: dt.date | None, *, future: bool
) -> DatePhrase | None:
    resolver = _RESOLVERS.get(kind)
    return None if resolver is None else resolver(m, published, future)


def _years_back(kind: str, m: re.Match[str], published: dt.date | None) -> DatePhrase | None:
    """ "ten years ago", "a decade ago", "the 10th anniversary": a year long before publication."""
    s, e, text = m.start(), m.end(), m.group(0)
    if kind == "last_year":
        years = 1
    elif kind == "anniversary":
        years = _number(m.group(1))
    elif m.group(3):
        # never taken: the first alternative already reads "a decade" as _NUM "a" + "decade"
        # (mutation testing: mutants of this branch are equivalent)
        years = 10
    else:
        word = m.group(1).lower()
        n = 3 if word.startswith(("a few", "several")) else _number(word)
        years = n * (10 if m.group(2).lower().startswith("decade") else 1)
    if published is None or years < 1:
        return DatePhrase(s, e, text, "background")
    return DatePhrase(s, e, text, "background", dt.date(published.year - years, 1, 1), 3)


def _span_from(kind: str, phrase: DatePhrase, published: dt.date | None) -> DatePhrase:
    """A span a date opens ("since November", "from May to June"): durative, no day of
    one event; but fighting "since Saturday" is this week's, dated to the week it began."""
    recent = (
        kind == "weekday"
        and phrase.date is not None
        and published is not None
        and 0 < (published - phrase.date).days <= _RECENT_SPAN_DAYS
    )
    if recent:  # (a span still: no day the next sentence inherits)
        return replace(phrase, kind="durative", precision=2)
    return DatePhrase(phrase.start, phrase.end, phrase.text, "durative")


#: A span begun this many days before publication at most is dated to its start's week.
_RECENT_SPAN_DAYS = 7


def find_date_phrases(
    text: str, published: dt.date | None, *, future: bool = False
) -> list[DatePhrase]:
    """Return the date phrases of ``text`` (offsets into ``text``), left to right.

    Parameters
    ----------
    text
        A sentence or clause.
    published
        The article's publication date (relative phrases resolve to None without it).
    future
        Whether the clause is in the future tense (weekdays and months then
        look forward from the publication date).
    """
    if not _CUE.search(text):
        return []
    taken = bytearray(len(text))  # characters an earlier pattern's match claimed
    out: list[DatePhrase] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            try:
                phrase = _resolve(kind, m, published, future=future)
            except (OverflowError, ValueError):
                # date arithmetic past the calendar's ends ("last week" of a text dated
                # 0001-01-01): no date to give, and never a reason to stop the run
                phrase = None
            if phrase is None:
                continue
            # what precedes the phrase, within the few words "since" or "from" take (a
            # bounded look back: linear in a whole article's text)
            before = text[max(0, m.start() - _LOOK_BACK) : m.start()]
            span = _FROM.search(before) and _SPAN_END.match(text, m.end())
            if phrase.kind == "point" and (_SINCE.search(before) or span):
                phrase = _span_from(kind, phrase, published)
            if (
                phrase.kind == "point"
                and phrase.date is not None
                and published is not None
                and (published - phrase.date).days > 366
            ):
                # an explicit day keeps its precision ("on 17 July 2014"); others are months
                precision = 1 if phrase.precision == 1 and re.search(r"\d{4}", phrase.text) else 3
                phrase = DatePhrase(
                    phrase.start, phrase.end, phrase.text, "background", phrase.date, precision
                )
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            out.append(phrase)
    out.sort(key=lambda p: p.start)
    return out
