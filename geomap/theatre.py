"""Stage 3 helper (geocode): what the whole run and the text around a name say about where.

Two signals for choosing between namesakes, both read before ranking:

* the **theatre** of a run: the countries and first-level divisions that dominate all its
  articles, found in a cheap first pass over the raw texts (no parsing): every capitalised
  name (a run of capitalised words when the gazetteer knows it whole: "Khan Younis")
  whose gazetteer settlements (or whose division) lie mostly in one division (90% of
  their people, a village of unknown size counted as a village) votes once per article
  for that division and its country (a name that is also a country's, such as "Georgia",
  does not vote; nor does one that villages all over a country share). Shares are the
  square root of the votes relative to the top one, rounded to tenths (kept from 0.3),
  so adding a few articles
  to a run seldom changes the theatre. The theatre is a setting
  (:attr:`geomap.settings.Settings.theatre`), so ``--workers`` and Dask get it with the
  rest; it is left out of the per-article cache key, so an incremental build reprocesses
  only new or changed articles, and a cached article keeps the resolution of the run
  that computed it;
* the **admin context** written next to a name: "X, Y Oblast", "X, Y region", "X (Y
  oblast)", "in X, Y" with Y misspelt or in another romanisation ("Donestk",
  "Zaporizhia", "Charkov"): Y is compared with each candidate's first-level division.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from geomap.gazetteer.names import normalize_name
from geomap.types import GazetteerEntry

__all__ = [
    "THEATRE_MIN_SHARE",
    "admin_context",
    "admin_matches",
    "article_votes",
    "find_theatre",
    "theatre_countries",
    "theatre_of_votes",
    "theatre_shares",
]

#: Divisions and countries below this share of the top one are left out of the theatre.
THEATRE_MIN_SHARE = 0.3
_NAME_RE = re.compile(r"(?<![\w'’])[A-Z][^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_SETTLEMENTS = ("city", "village", "admin2")
_ADMIN_WORDS = r"(?:oblast|oblas|region|province|raion|district|krai|kray|governorate)"
_CONTEXT_RE = re.compile(
    r"^\s*(?:,|\(|in\s+(?:the\s+)?)\s*#?([A-Z][^\W\d_]+(?:['’ʼ-][^\W\d_]+)*)"
    r"(\s+" + _ADMIN_WORDS + r")?",
)
_DIVISION_SUFFIX = re.compile(r"\s+(?:oblast|region|province|krai|kray|republic|city)$")


#: The most capitalised words read together as one name ("Khan Younis", "Nova Kakhovka").
_MAX_RUN = 3


def _names_of(text: str, gaz: Any) -> list[tuple[int, str, list[GazetteerEntry] | None]]:
    """The capitalised names of a text, with their offsets and, for runs, their entries.

    A run of capitalised words joined by single spaces is one name when the gazetteer
    knows it whole ("Khan Younis": "Khan" alone is another name of a German town), the
    longest run first; otherwise each word is a name of its own, left for the caller to
    look up (None) once it is worth it.
    """
    words = list(_NAME_RE.finditer(text))
    out: list[tuple[int, str, list[GazetteerEntry] | None]] = []
    i = 0
    while i < len(words):
        j = i + 1
        while (
            j < len(words)
            and j - i < _MAX_RUN
            and text[words[j - 1].end() : words[j].start()] == " "
        ):
            j += 1
        for k in range(j, i + 1, -1):
            name = text[words[i].start() : words[k - 1].end()]
            entries = gaz.lookup(name, limit=20)
            if entries:
                out.append((words[i].start(), name, entries))
                i = k
                break
        else:
            out.append((words[i].start(), words[i].group(0), None))
            i += 1
    return out


def _char_before(text: str, start: int) -> str:
    """The last character before ``start`` that is not white space ("\\0" at the start).

    Read backwards from ``start``, not from a copy of ``text[:start]``: a copy per name
    made the pass quadratic in the article's length (8 MB took minutes).
    """
    k = start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else "\0"


def article_votes(text: str, gaz: Any) -> set[tuple[str, str]]:
    """The (country, admin1 code) divisions one article names unambiguously."""
    found: set[tuple[str, str]] = set()
    for start, name, known in _names_of(text, gaz):
        # a capital after a full stop or at the start proves nothing ("Drone over X")
        if len(name) < 4 or _char_before(text, start) in "\0.!?:\n":
            continue
        found_all = known if known is not None else gaz.lookup(name, limit=20)
        if any(en.level == "country" for en in found_all):
            continue  # "Georgia" names a country as well as a US state: no vote
        division = _dominant_division(found_all)
        if division is not None:
            found.add(division)
    return found


#: A name votes for a division that holds this share of what the name may mean.
_DOMINANT = 0.9
#: What a settlement of unknown population weighs (a village's size).
_UNKNOWN_POPULATION = 500


def _dominant_division(entries: Iterable[GazetteerEntry]) -> tuple[str, str] | None:
    """The division holding most of what a name may mean (its settlements by size, a
    village of unknown population as :data:`_UNKNOWN_POPULATION`, and divisions of the
    name), or None: a name shared by villages all over a country votes for none of them."""
    weights: Counter[tuple[str, str]] = Counter()
    for en in entries:
        if not en.admin1_code or en.level not in {"admin1", *_SETTLEMENTS}:
            continue
        size = en.population if en.population > 0 else _UNKNOWN_POPULATION
        weights[(en.country_code, en.admin1_code)] += size
    if not weights:
        return None
    division, top = weights.most_common(1)[0]
    return division if top >= _DOMINANT * sum(weights.values()) else None


def find_theatre(texts: Iterable[str], gaz: Any) -> tuple[tuple[str, float], ...]:
    """Return the run's theatre as ``(("UA", 1.0), ("UA.14", 0.8), ...)``.

    Parameters
    ----------
    texts
        The raw texts of all the run's articles.
    gaz
        The open gazetteer.

    Returns
    -------
    tuple of (str, float)
        Country codes and ``"CC.admin1"`` division keys with their share of the top
        country / division (rounded to tenths, at least :data:`THEATRE_MIN_SHARE`),
        sorted; empty when no name votes.
    """
    return theatre_of_votes(article_votes(text, gaz) for text in texts)


def theatre_of_votes(
    per_article: Iterable[set[tuple[str, str]]],
) -> tuple[tuple[str, float], ...]:
    """The theatre (as :func:`find_theatre`) from each article's :func:`article_votes`."""
    divisions: Counter[tuple[str, str]] = Counter()
    countries: Counter[str] = Counter()
    for votes in per_article:
        divisions.update(votes)
        countries.update({cc for cc, _ in votes})
    out: list[tuple[str, float]] = []
    for counts, key in ((countries, lambda k: k), (divisions, lambda k: f"{k[0]}.{k[1]}")):
        if not counts:
            continue
        top = max(counts.values())
        for k, n in counts.items():
            share = round(math.sqrt(n / top), 1)
            if share >= THEATRE_MIN_SHARE:
                out.append((key(k), share))
    return tuple(sorted(out))


def theatre_shares(theatre: Iterable[tuple[str, float]]) -> dict[str, float]:
    """The theatre as a dict (country code or ``"CC.admin1"`` -> share)."""
    return dict(theatre)


def theatre_countries(
    theatre: Iterable[tuple[str, float]], *, least: float = 0.5
) -> tuple[str, ...]:
    """Country codes of the theatre with a share of at least ``least``."""
    return tuple(k for k, v in theatre if "." not in k and v >= least)


def admin_context(text: str, end: int) -> str | None:
    """The division written right after a name ending at ``end`` ("X, Y Oblast" -> "Y").

    Only a capitalised word after a comma, an opening parenthesis or "in"; with an
    admin noun after it ("Y oblast") or without ("X, Y").
    """
    hit = _CONTEXT_RE.match(text[end : end + 80])
    return None if hit is None else hit.group(1)


@functools.lru_cache(maxsize=1 << 14)
def _division_key(admin1_name: str) -> str:
    return _DIVISION_SUFFIX.sub("", normalize_name(admin1_name))


def admin_matches(context: str, entry: GazetteerEntry) -> bool:
    """Whether ``context`` names ``entry``'s first-level division, spelling aside.

    Equal folded names, a shared first five letters, or at most two edits (RapidFuzz
    Damerau-style distance) on names of five letters or more.
    """
    if not entry.admin1_name:
        return False
    a = normalize_name(context)
    b = _division_key(entry.admin1_name)
    if not a or not b:
        return False
    if a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]):
        return True
    if min(len(a), len(b)) < 5:
        return False
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b, score_cutoff=2)) <= 2


def theatre_weight(entry: GazetteerEntry, shares: Mapping[str, float]) -> float:
    """How much the run's theatre favours ``entry`` (0..1.5: country half, division full)."""
    if not shares:
        return 0.0
    return 0.5 * shares.get(entry.country_code, 0.0) + shares.get(
        f"{entry.country_code}.{entry.admin1_code}", 0.0
    )
