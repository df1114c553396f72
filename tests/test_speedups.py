"""Tests of geomap.places.speedups: the faster attribute ruler and lemmatizer answer as spaCy's."""

from __future__ import annotations

from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG  # noqa: E402

from geomap.places import load_model  # noqa: E402
from geomap.places.speedups import compile_ruler, speed_up_pipeline  # noqa: E402

#: Made-up text with what the English rules single out: contractions, clipped words,
#: "gonna"-style pairs, the pronoun "I", white space of every kind.
TEXTS = [
    "I ain't gonna wait, he said; we're doin' nothin' 'bout it. Ol' Pete's somethin' else.",
    "She don't know. Ain't nobody seen 'em. I'll wanna see the villages of Avalon and Brin.",
    "Drones struck the port of Fenwick overnight.\n\nResidents   fled\tnorth; 3 were killed.",
    "The U.N. said two shells hit Lorrimer's market — officials are investigating… 1990s.",
    "  \n Gon na go. Gotta run! Lemme see: the 3rd brigade's tanks were destroyed near Qarth.",
    # one word, several parts of speech: the lemma follows the tag
    "I saw the old saw. The meeting was meeting again. He leaves as the leaves fall.",
]
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_TYPE, ENT_IOB]


def _rows(nlp: Any, texts: list[str]) -> list[list[list[int]]]:
    return [doc.to_array(ATTRS).tolist() for doc in nlp.pipe(texts)]


def test_the_model_answers_as_the_stock_model(settings: Any) -> None:
    """Every token's tag, part of speech, morphology, lemma, parse and entity: unchanged."""
    fast = load_model(settings.model)
    names = {name: type(c).__name__ for name, c in fast.pipeline}
    assert names["attribute_ruler"].startswith("Fast")
    assert names["lemmatizer"].startswith("Fast")
    stock = spacy.load(settings.model)
    stock.add_pipe("geomap_blank_lines", before="parser")  # registered by load_model
    assert _rows(fast, TEXTS) == _rows(stock, TEXTS)
    assert [str(t.morph) for t in fast(TEXTS[0])] == [str(t.morph) for t in stock(TEXTS[0])]
    # a second pass reads the lemmatizer's cache: still the same
    assert _rows(fast, TEXTS[::-1]) == _rows(stock, TEXTS[::-1])
    # the lemmatizer's word lists: the same words in the same order, saved the same
    fast_lists, stock_lists = (
        nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index") for nlp in (fast, stock)
    )
    assert {k: list(v) for k, v in fast_lists.items()} == dict(stock_lists.items())
    assert fast_lists.to_bytes() == stock_lists.to_bytes()
    lemmas = {(t.text, t.pos_): t.lemma_ for t in fast(TEXTS[-1])}
    assert lemmas[("saw", "VERB")] == "see"
    assert lemmas[("saw", "NOUN")] == "saw"
    assert lemmas[("leaves", "NOUN")] == "leaf"


def test_a_full_key_table_is_emptied_and_answers_the_same(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import geomap.places.speedups as speedups

    monkeypatch.setattr(speedups, "_KEYS_KEPT", 3)
    fast = load_model(settings.model)
    table = fast.get_pipe("attribute_ruler")._geomap_table
    table.by_key.clear()
    stock = spacy.load(settings.model)
    stock.add_pipe("geomap_blank_lines", before="parser")
    assert _rows(fast, TEXTS) == _rows(stock, TEXTS)
    assert 0 < len(table.by_key) <= 3


def _ruler_pipeline() -> Any:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "ab"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": "gh"}]], {"LEMMA": "early"})
    ruler.add([[{"LOWER": "ab"}, {"LOWER": {"IN": ["cd", "ef"]}}]], {"LEMMA": "pair"}, index=-1)
    ruler.add([[{"LOWER": {"REGEX": "^e"}}]], {"LEMMA": "later", "NORM": "e-word"})
    ruler.add([[{"LOWER": "gh"}, {"TEXT": "IJ"}]], {"LEMMA": "joined"}, index=0)
    ruler.add([[{"IS_SPACE": True}], [{"LOWER": "zz"}]], {"LEMMA": "blank"})
    ruler.add([[{"LOWER": {"NOT_IN": ["ab", "cd"]}, "TEXT": "Kl"}]], {"LEMMA": "kl"})
    return nlp


def test_long_patterns_and_pattern_order_as_the_matcher_gives_them() -> None:
    """Two-token patterns (negative index), alternatives, regex, sets: later patterns win."""
    texts = ["ab cd ab ef gh IJ gh ij zz \n Kl kl eb", "ab", "ef ab", "gh"]
    stock = _ruler_pipeline()
    fast = _ruler_pipeline()
    assert speed_up_pipeline(fast) == ["attribute_ruler"]
    got = [[(t.text, t.lemma_, t.norm_) for t in doc] for doc in fast.pipe(texts)]
    assert got == [[(t.text, t.lemma_, t.norm_) for t in doc] for doc in stock.pipe(texts)]
    # "ef" after "ab": the pair pattern, then the later regex pattern wins
    assert got[0][3] == ("ef", "later", "e-word")
    assert got[0][1] == ("cd", "pair", "cd")
    # "gh IJ": the earlier one-token pattern, then the pair's
    assert got[0][4] == ("gh", "joined", "gh")
    assert got[0][6][1] == "early"  # "gh ij": the second token's text is not "IJ"


def test_a_pattern_the_table_cannot_express_leaves_the_ruler_as_it_is() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "ab", "OP": "+"}]], {"LEMMA": "x"})
    assert compile_ruler(ruler) is None
    assert speed_up_pipeline(nlp) == []
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert [t.lemma_ for t in nlp("ab ab")] == ["x", "x"]


def test_the_stored_near_miss_index_is_the_one_the_names_give(gazetteer: Any) -> None:
    """The cache's near-miss index (near_names) answers as the index built from the names."""
    from rapidfuzz.distance import OSA

    from geomap.gazetteer.codec import near_keys
    from geomap.places.fuzzy import MIN_FUZZY_LEN, _affix_index, _one_edit, near_miss

    theatre = ("UA", "ru", "FR")
    names = gazetteer.settlement_names(theatre)
    built = _affix_index(names)
    stored = lambda n, sizes: gazetteer.settlement_names_near(near_keys(n, sizes), theatre)  # noqa: E731
    every = [n for n in names if len(n) >= MIN_FUZZY_LEN]
    queries = ["kremenchuc", "berdychv", "marseile", "novosibirks", "zaporizhzia", "pokrvosk"]
    queries += every[:: len(every) // 40]  # names themselves: their neighbours one edit away
    for query in queries:
        sizes = range(max(len(query) - 1, MIN_FUZZY_LEN), len(query) + 2)
        assert stored(query, sizes) == built(query, sizes), query
        scan = {n for n in every if OSA.distance(query, n) == 1}
        assert _one_edit(query, stored) == scan, query
    # one country's names only; an unknown key holds none
    ua = gazetteer.settlement_names_near(near_keys("kremenchuc", range(9, 12)), ("UA",))
    assert "kremenchuk" in ua
    fr = gazetteer.settlement_names_near(near_keys("kremenchuc", range(9, 12)), ("FR",))
    assert "kremenchuk" not in fr
    assert fr  # French names ending in -uc: the tail's key
    assert gazetteer.settlement_names_near(near_keys("qqqqqqqq", range(7, 10)), theatre) == set()
    assert near_miss("kremenchuc", gazetteer, theatre) == "kremenchuk"
