"""Regression tests of issue 33 (long articles): nothing under the input limit is dropped,
and the passes over a text copy nothing per name.

At 5cd5629 an article over spaCy's ``nlp.max_length`` (1,000,000 characters) was always
dropped (E088, reported as an internal error), and the theatre pass copied ``text[:start]``
for every capitalised name (quadratic: 8 MB took 249 s). Times are measured in
``benchmarks/bench_long_article.py``; here the copies are counted with tracemalloc.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from geomap.settings import Settings
from geomap.types import Article

TOWNS = ("Kharkiv", "Kherson", "Odesa", "Sumy", "Dnipro", "Poltava", "Mykolaiv", "Chernihiv")


def _long_text(paragraphs: int) -> tuple[str, list[tuple[int, str]]]:
    parts, where, at = [], [], 0
    for k in range(paragraphs):
        town = TOWNS[k % len(TOWNS)]
        para = f"Shelling hit {town} on Monday, officials said. Residents reported damage."
        where.append((at + len("Shelling hit "), town))
        parts.append(para)
        at += len(para) + 2
    return "\n\n".join(parts), where


def test_split_for_parser_covers_the_text_and_cuts_at_breaks() -> None:
    from geomap.places import split_for_parser

    text, _ = _long_text(400)
    pieces = split_for_parser(text, 2_000)
    assert pieces[0][0] == 0
    assert pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))
    assert all(0 < e - s <= 2_000 for s, e in pieces)
    assert all(text[e - 2 : e] == "\n\n" for _, e in pieces[:-1])  # paragraph breaks
    unbroken = "x" * 5_000
    assert split_for_parser(unbroken, 2_000) == [(0, 2_000), (2_000, 4_000), (4_000, 5_000)]


@pytest.mark.model
def test_article_over_nlp_max_length_is_parsed_in_pieces_with_exact_offsets(
    settings: Settings, gazetteer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 3: articles over nlp.max_length were always dropped (spaCy's E088).

    The model's limit is lowered to 20,000 characters so the test stays quick; the
    mechanism is the one a 1,000,000-character article goes through.
    """
    from geomap.events import article_events
    from geomap.geocode import geocode_mentions
    from geomap.places import load_model, parse_articles

    nlp = load_model(settings.model)
    monkeypatch.setattr(nlp, "max_length", 20_000)
    text, where = _long_text(700)  # ~53,000 characters
    assert len(text) > 2 * nlp.max_length
    article = Article(id="long", text=text)
    (pa,) = parse_articles([article], settings=settings, nlp=nlp, gazetteer=gazetteer)
    found = {(m.start, m.text) for m in pa.mentions}
    assert set(where) <= found  # every paragraph's town, at its offset, to the last one
    for m in pa.mentions:
        assert text[m.start : m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
    for sent in pa.sentences:
        for tok in sent.tokens:
            assert text[tok.start : tok.end] == tok.text
    heads = [t.head for s in pa.sentences for t in s.tokens]
    assert all(0 <= h < len(heads) for h in heads)
    events = article_events(pa, geocode_mentions([pa], gazetteer, settings=settings))
    assert events
    for ev in events:
        assert text[ev.quote_start : ev.quote_end] == ev.notes


class _CountingStr(str):
    """A text that counts the characters every slice of it copies."""

    copied = 0

    def __getitem__(self, key: Any) -> str:
        piece = str.__getitem__(self, key)
        type(self).copied += len(piece)
        return piece


def test_theatre_pass_copies_no_prefix_per_name(gazetteer: Any) -> None:
    """Defect 2: `text[:start]` per capitalised name made the theatre pass quadratic."""
    from geomap.theatre import article_votes

    text, _ = _long_text(3_000)  # ~225,000 characters, 6,000 capitalised names
    counted = _CountingStr(text)
    _CountingStr.copied = 0
    votes = article_votes(counted, gazetteer)
    assert votes == article_votes(text, gazetteer)
    # names and the gaps between them: about the text once, never a prefix per name
    assert _CountingStr.copied < 2 * len(text), _CountingStr.copied


def test_first_line_check_copies_no_prefix() -> None:
    from geomap.places.wording import on_first_line

    text = "Headline on the first line\n\n" + "Body text. " * 20_000
    assert on_first_line(text, 5)
    assert not on_first_line(text, len(text) - 1)
    assert on_first_line("  \n  Headline", 8)  # leading white space is skipped
    counted = _CountingStr(text)
    _CountingStr.copied = 0
    assert [on_first_line(counted, p) for p in range(0, len(text), 97)][:2] == [True, False]
    assert _CountingStr.copied < len(text), _CountingStr.copied


def test_date_phrases_of_a_whole_article_copy_no_prefix_per_phrase() -> None:
    """The events stage reads an article's date phrases over its whole text (past dates);
    `text[: m.start()]` per phrase made that quadratic."""
    import datetime as dt

    from geomap.events.dates import find_date_phrases

    para = "Shelling hit the town on Monday, a day after talks resumed since March 3. "
    text = para * 3_000
    pub = dt.date(2024, 6, 12)
    counted = _CountingStr(text)
    _CountingStr.copied = 0
    found = find_date_phrases(counted, pub)
    assert _CountingStr.copied < 2 * len(text), _CountingStr.copied
    one = find_date_phrases(para, pub)
    assert [(p.kind, p.date, p.text) for p in found] == [
        (p.kind, p.date, p.text) for _ in range(3_000) for p in one
    ]
    assert [p.start for p in found[: 2 * len(one)]] == [
        p.start + k * len(para) for k in range(2) for p in one
    ]


def test_the_coders_place_index_answers_as_a_scan_would(settings: Settings, gazetteer: Any) -> None:
    """Context.resolved_in/resolved_at (bisection) give what scanning every place gives."""
    from geomap.events.context import Context
    from geomap.geocode import geocode_mentions
    from geomap.places import load_model, parse_articles

    text, _ = _long_text(200)
    art = Article(id="long", text=text)
    parsed = parse_articles([art], settings=settings, nlp=load_model(settings.model),
                            gazetteer=gazetteer)  # fmt: skip
    resolved = geocode_mentions(parsed, gazetteer, settings=settings)
    ctx = Context.of(parsed[0], {(r.mention.article_id, r.mention.start, r.mention.end): r
                                 for r in resolved})  # fmt: skip
    assert len(ctx.resolved) > 100
    for s in parsed[0].sentences[::7]:
        scan = [r for r in ctx.resolved if s.start <= r.mention.start < s.end]
        assert ctx.resolved_in(s.start, s.end) == scan
    for offset in range(0, len(text), 53):
        scan = [r for r in ctx.resolved if r.mention.start <= offset < r.mention.end]
        assert ctx.resolved_at(offset) == scan
