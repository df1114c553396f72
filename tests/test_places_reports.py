"""Short reports: recognition without spaCy's help, places in names, look-alikes, namesakes.

Made-up one-line reports (no rows of any evaluation file), run through the real model and
gazetteer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from geomap import geocode, places
from geomap._geo import haversine_km
from geomap.places.fuzzy import near_miss, spelling_variants
from geomap.places.wording import feature_after, is_designation, words_of
from geomap.settings import Settings
from geomap.theatre import admin_context, admin_matches, find_theatre, theatre_countries
from geomap.types import ROLES, Article, GazetteerEntry, ResolvedPlace

pytestmark = [pytest.mark.model]


def _run(
    settings: Settings, gazetteer: Any, *texts: str, theatre: tuple[tuple[str, float], ...] = ()
) -> list[list[ResolvedPlace]]:
    s = replace(settings, theatre=theatre)
    arts = [Article(id=f"r{i}", text=t, published=dt.date(2023, 3, 1)) for i, t in enumerate(texts)]
    parsed = places.parse_articles(arts, settings=s, gazetteer=gazetteer)
    resolved = geocode.geocode_mentions(parsed, gazetteer, settings=s)
    return [[r for r in resolved if r.mention.article_id == a.id] for a in arts]


def _by_text(rs: list[ResolvedPlace]) -> dict[str, ResolvedPlace]:
    return {r.mention.text: r for r in rs}


def _entry(admin1: str) -> GazetteerEntry:
    return GazetteerEntry(1, "X", "X", 0.0, 0.0, "P", "PPL", "UA", "01", admin1, 100, "t", "city")


# --------------------------------------------------------------------------- pure helpers


def test_spelling_variants_cover_the_romanisation_systems() -> None:
    assert "kharkiv" in spelling_variants("charkow")  # German ch- and -ow together
    assert "hlukhiv" in spelling_variants("glukhov")  # Russian g and -ov
    assert "kherson" not in spelling_variants("kherson")


def test_admin_context_and_matching() -> None:
    text = "School hit in Novaya, Chernigiv oblast today"
    assert admin_context(text, text.index(",")) == "Chernigiv"
    assert admin_context("Blast in Abc (Poltava region)", len("Blast in Abc")) == "Poltava"
    assert admin_context("Blast in Abc today", len("Blast in Abc")) is None
    assert admin_matches("Chernigiv", _entry("Chernihiv Oblast"))
    assert admin_matches("Poltavska", _entry("Poltava Oblast"))
    assert not admin_matches("Poltava", _entry("Chernihiv Oblast"))
    assert not admin_matches("Lviv", _entry("Kyiv City"))  # short names need more than edits


def test_feature_and_designation_words() -> None:
    text = "Zorya Oncology Hospital struck; Zorya City Council said; battalion Zorya; Zorya-2M"
    words = words_of(text)
    assert feature_after(text, words, 1)[:2] == ("facility", "Oncology Hospital")  # type: ignore[index]
    k = next(i for i, w in enumerate(words) if w.low == "city")
    assert feature_after(text, words, k)[:2] == ("organisation", "City Council")  # type: ignore[index]
    unit = next(i for i, w in enumerate(words) if w.low == "battalion") + 1
    assert is_designation(text, words, unit, unit + 1)
    last = max(i for i, w in enumerate(words) if w.low == "zorya")
    assert is_designation(text, words, last, last + 1)  # "Zorya-2M"
    orion = words_of("an Orion-E UAV")
    assert is_designation("an Orion-E UAV", orion, 1, 2)
    assert not is_designation(text, words, 0, 1)
    drama = words_of("the Drama theatre")
    assert is_designation("the Drama theatre", drama, 1, 2)
    # a weapon system named like a place, before a weapon noun
    for phrase, k, n in [("fired Grad rockets", 1, 1), ("Storm Shadow missiles hit", 0, 2),
                         ("a Patriot battery", 1, 1), ("Leopard tanks", 0, 1)]:  # fmt: skip
        assert is_designation(phrase, words_of(phrase), k, k + n), phrase
    for phrase in ["the village of Grad", "Grad and Krab villages", "Patriot residents"]:
        ws = words_of(phrase)
        k = next(i for i, w in enumerate(ws) if w.low in {"grad", "patriot"})
        assert not is_designation(phrase, ws, k, k + 1), phrase


def test_arabic_article_names() -> None:
    from geomap.places.lexicon import ARABIC_CONTINUATION, ARABIC_LEAD

    going_on = [" al-Noura", " el-Balah", " al Ain", " an-Nasiriyah", " ash-Shaddadi"]
    assert all(ARABIC_CONTINUATION.match(t) for t in going_on)
    # English words are no articles ("Kyiv as Russia ...", "Bakhmut at Night")
    assert not any(ARABIC_CONTINUATION.match(t) for t in [" as Russia", " at Night", " El Paso"])
    assert all(ARABIC_LEAD.search(t) for t in ["Ras al-", "Deir el ", "Tell an-"])
    assert not any(ARABIC_LEAD.search(t) for t in ["Fighting at ", "Games an ", "in al-"])


def test_roles_accept_embedded() -> None:
    assert "embedded" in ROLES


# --------------------------------------------------------------------------- gazetteer-backed


def test_near_miss_is_one_edit_inside_the_theatre(gazetteer: Any) -> None:
    assert near_miss("kremenchuc", gazetteer, ("UA",)) == "kremenchuk"
    assert near_miss("kremenchuc", gazetteer, ("FR",)) is None
    assert near_miss("lutsq", gazetteer, ("UA",)) is None  # too short for an edit


def test_near_miss_index_finds_what_a_full_scan_finds(gazetteer: Any) -> None:
    """Every kind of edit, at the head, in the middle and at the tail of real names."""
    import random

    from rapidfuzz.distance import OSA

    from geomap.places.fuzzy import MIN_FUZZY_LEN, _affix_index, _one_edit

    names = gazetteer.settlement_names(("UA",))
    index = _affix_index(names)
    long = [n for n in names if len(n) >= MIN_FUZZY_LEN]
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for name in rng.sample(long, 40):
        for pos in (0, 1, 2, 3, len(name) // 2, len(name) - 2, len(name) - 1):
            c = rng.choice(letters)
            edits = {
                name[:pos] + c + name[pos + 1 :],  # substitution
                name[:pos] + name[pos + 1 :],  # deletion
                name[:pos] + c + name[pos:],  # insertion
                name[:pos] + name[pos + 1 : pos + 2] + name[pos : pos + 1] + name[pos + 2 :],
            }
            for query in edits:
                if len(query) < MIN_FUZZY_LEN:
                    continue
                scan = {n for n in long if OSA.distance(query, n) == 1}
                assert _one_edit(query, index) == scan, query


def test_theatre_from_texts(gazetteer: Any) -> None:
    texts = [
        "Shelling of Okhtyrka overnight",
        "Explosions in Konotop and Shostka",
        "Fire near Okhtyrka",
        "Drone over Lutsk",
        "Lutsk",  # a capital at the start votes for nothing
    ]
    theatre = dict(find_theatre(texts, gazetteer))
    top = max((k for k in theatre if "." in k), key=lambda k: theatre[k])
    assert gazetteer.admin1("UA", top.split(".")[1]).name.startswith("Sumy")
    assert theatre["UA"] == 1.0
    assert theatre_countries(tuple(theatre.items())) == ("UA",)


def test_a_country_name_casts_no_theatre_vote(gazetteer: Any) -> None:
    # "Georgia" is a country and a US state: only Tbilisi and Batumi vote, for Georgia
    theatre = dict(find_theatre(["Protests in Georgia: crowds in Tbilisi and Batumi"], gazetteer))
    assert "GE" in theatre
    assert "US" not in theatre


def test_a_name_of_several_words_votes_whole(gazetteer: Any) -> None:
    # "Khan" alone is another name of Haan, Germany; "Khan Younis" is in Gaza
    theatre = dict(find_theatre(["Israeli strikes hit Khan Younis on Monday."], gazetteer))
    assert theatre_countries(tuple(theatre.items())) == ("PS",)
    assert "DE" not in theatre
    # a run the gazetteer does not know whole is read word by word
    theatre = dict(find_theatre(["Fires near Residents Okhtyrka and Shostka"], gazetteer))
    assert theatre_countries(tuple(theatre.items())) == ("UA",)


@pytest.mark.slow
def test_lower_case_and_run_on_names(settings: Settings, gazetteer: Any) -> None:
    low, runon, hashtag = _run(
        settings,
        gazetteer,
        "Smoke rising over poltava after the blasts",
        "Damage To Homes Konotop, Sumy Oblast",
        "Explosions at the #Kremenchuk refinery",
    )
    r = _by_text(low)["poltava"]
    assert r.entry is not None
    assert r.entry.admin1_name.startswith("Poltava")
    assert r.mention.role == "literal"
    r = _by_text(runon)["Konotop"]
    assert r.entry is not None
    assert r.entry.admin1_name.startswith("Sumy")
    r = _by_text(hashtag)["Kremenchuk"]
    assert r.entry is not None
    assert r.entry.admin1_name.startswith("Poltava")


def test_a_report_opening_on_a_village(settings: Settings, gazetteer: Any) -> None:
    # what befell it, or a symbol, follows the name; a speaker's name is no village
    flood, alert, said = _run(
        settings,
        gazetteer,
        "Studenok flooded after the river burst its banks",
        "Tsyrkuny 🔴 evacuation of children announced",
        "Oleh said the shelling lasted all night",
        theatre=(("UA", 1.0),),
    )
    assert [(r.mention.text, r.entry and r.entry.admin1_name) for r in flood + alert] == [
        ("Studenok", "Kharkiv Oblast"),
        ("Tsyrkuny", "Kharkiv Oblast"),
    ]
    assert said == []


def test_a_report_label_after_a_heading(settings: Settings, gazetteer: Any) -> None:
    ((_, village),) = _run(
        settings,
        gazetteer,
        "#Bakhmut direction. Tsyrkuny: fighting in the private sector",
        theatre=(("UA", 1.0),),
    )
    assert (village.mention.text, village.entry and village.entry.admin1_name) == (
        "Tsyrkuny",
        "Kharkiv Oblast",
    )


def test_a_seat_of_unknown_size_outweighs_plain_villages(
    settings: Settings, gazetteer: Any
) -> None:
    # one namesake is a hromada seat (GeoNames PPLA3) with no population given: its kind
    # says it is a small town, likelier meant than any one village of the name
    ((r,),) = _run(
        settings, gazetteer, "Shelling hit Andriiashivka overnight", theatre=(("UA", 1.0),)
    )
    likeliest = max(zip(r.priors, r.namesakes, strict=True))[1]
    assert (likeliest.feature_code, likeliest.admin1_name) == ("PPLA3", "Sumy Oblast")


def test_a_city_section_named_alone_is_no_sure_reading(settings: Settings, gazetteer: Any) -> None:
    # a district of the capital shares its name with villages: named alone, undecided
    ((r,),) = _run(settings, gazetteer, "Voskresenka: assault repelled", theatre=(("UA", 1.0),))
    assert len(r.namesakes) > 1
    assert "PPLX" in {e.feature_code for e in r.namesakes}


@pytest.mark.slow
def test_spellings_and_near_misses(settings: Settings, gazetteer: Any) -> None:
    (typo,) = _run(settings, gazetteer, "Shelling reported in Kremenchuc overnight")
    r = _by_text(typo)["Kremenchuc"]
    assert r.entry is not None
    assert r.entry.name.startswith("Kremenchu")
    assert "near-miss" in r.mention.signals
    assert dict(r.candidates[0].features)["near_miss"] < 0


@pytest.mark.slow
def test_place_inside_facility_and_organisation_names(settings: Settings, gazetteer: Any) -> None:
    fac, org = _run(
        settings,
        gazetteer,
        "Poltava Oncology Hospital struck by a missile",
        "Okhtyrka City Council reports that Lutsk police arrived",
    )
    r = _by_text(fac)["Poltava"]
    assert (r.mention.role, r.mention.feature) == ("literal", "Oncology Hospital")
    assert r.entry is not None
    assert r.entry.country_code == "UA"
    got = _by_text(org)
    assert (got["Okhtyrka"].mention.role, got["Okhtyrka"].mention.feature) == (
        "embedded",
        "City Council",
    )
    assert got["Okhtyrka"].entry is not None  # geocoded all the same
    assert got["Lutsk"].mention.role == "embedded"
    assert "Council" not in got


@pytest.mark.slow
def test_embedded_places_are_never_event_locations(settings: Settings, gazetteer: Any) -> None:
    from geomap.events import article_events

    s = replace(settings, theatre=())
    art = Article(id="e", text="Okhtyrka police said a missile struck a warehouse in Lutsk.")
    pa = places.parse_articles([art], settings=s, gazetteer=gazetteer)
    rs = geocode.geocode_mentions(pa, gazetteer, settings=s)
    events = article_events(pa[0], rs)
    assert events
    assert {e.location for e in events} == {"Lutsk"}


@pytest.mark.slow
def test_look_alikes_are_not_places(settings: Settings, gazetteer: Any) -> None:
    (a, b) = _run(
        settings,
        gazetteer,
        "Footage of a Vega-M UAV above Konotop",
        "Damage to the Opera theatre in Kremenchuk",
    )
    assert set(_by_text(a)) == {"Konotop"}
    assert "Opera" not in _by_text(b)
    assert "Kremenchuk" in _by_text(b)


@pytest.mark.slow
def test_admin_context_decides_between_namesakes(settings: Settings, gazetteer: Any) -> None:
    name = "Novopetrivka"
    entries = gazetteer.lookup(name, levels=("city", "village"))
    divisions = sorted({e.admin1_name for e in entries if e.country_code == "UA"})
    assert len(divisions) >= 2  # a real namesake
    for division in divisions[:3]:
        word = division.split()[0]
        misspelt = word[0] + word[2] + word[1] + word[3:]  # one transposition
        for written in (f"{word} Oblast", f"{misspelt} oblast"):
            (rs,) = _run(settings, gazetteer, f"A school was shelled in {name}, {written}")
            r = _by_text(rs)[name]
            assert r.entry is not None
            assert r.entry.admin1_name == division, (written, r.reason)
            assert r.runner_up is not None
            assert r.reason


@pytest.mark.slow
def test_theatre_prior_picks_the_namesake_in_the_run(settings: Settings, gazetteer: Any) -> None:
    name = "Novopetrivka"
    entries = [
        e for e in gazetteer.lookup(name, levels=("city", "village")) if e.country_code == "UA"
    ]
    top = max(e.population for e in entries)
    # the prior tips the balance between namesakes of comparable size only
    comparable = {e.admin1_code for e in entries if e.population >= top / 8}
    assert len(comparable) >= 2
    for target in comparable:
        theatre = (("UA", 1.0), (f"UA.{target}", 1.0))
        (rs,) = _run(settings, gazetteer, f"Shelling of {name} overnight", theatre=theatre)
        r = _by_text(rs)[name]
        assert r.entry is not None
        assert r.entry.admin1_code == target, r.reason
        assert "theatre" in dict(r.candidates[0].features)


# --------------------------------------------------------------------------- cues of short reports

#: A theatre for the made-up reports below (north-east Ukraine).
_SUMY = (("UA", 1.0), ("UA.21", 1.0))


def test_possessive_is_no_part_of_a_word() -> None:
    words = words_of("Shelling hit Zorya's plant and Mar'inka’s school")
    assert [w.text for w in words] == [
        "Shelling",
        "hit",
        "Zorya",
        "plant",
        "and",
        "Mar'inka",
        "school",
    ]
    text = "Zorya Sheriff's Office; Zorya Int. Airport; Zorya Int. staff"
    words = words_of(text)
    assert feature_after(text, words, 1)[:2] == ("organisation", "Sheriff's Office")  # type: ignore[index]
    k = next(i for i, w in enumerate(words) if w.low == "int")
    assert feature_after(text, words, k)[:2] == ("facility", "Int. Airport")  # type: ignore[index]
    assert feature_after(text, words, len(words) - 2) is None  # "Int. staff": no facility


def test_facility_word_before_a_name() -> None:
    from geomap.places.wording import feature_before

    text = "Electrical Substation Zorya damaged; the school Zorya; substation, Zorya"
    words = words_of(text)
    assert feature_before(text, words, 2) == "Electrical Substation"
    k = next(i for i, w in enumerate(words) if w.low == "school") + 1
    assert feature_before(text, words, k) == "school"
    assert feature_before(text, words, len(words) - 1) is None  # a comma between


@pytest.mark.slow
def test_report_cues_place_small_villages(settings: Settings, gazetteer: Any) -> None:
    """A village too small to stand alone is placed by the cues short reports use."""
    texts = (
        "Power Substation Yunakivka damaged after a strike",
        "Yunakivka, footage of burnt-out houses after the night",
        "Damage to a school after shelling, Nedryhailiv",
        "Smoke over Nedryhailiv's grain elevator after the strike",
    )
    runs = _run(settings, gazetteer, *texts, theatre=_SUMY)
    got = [
        [
            (r.mention.text, r.mention.role, r.mention.feature, r.entry and r.entry.admin1_name)
            for r in rs
        ]
        for rs in runs
    ]
    assert got == [
        [("Yunakivka", "literal", "Power Substation", "Sumy Oblast")],
        [("Yunakivka", "literal", None, "Sumy Oblast")],
        [("Nedryhailiv", "literal", None, "Sumy Oblast")],
        [("Nedryhailiv", "literal", "grain elevator", "Sumy Oblast")],
    ]


@pytest.mark.slow
def test_report_cues_do_not_make_people_places(settings: Settings, gazetteer: Any) -> None:
    """A person's possessive, a dateline mid-article, an appositive after a person's name."""
    texts = ("Mr Putyvl's lawyer said he would appeal", "said Petro Kovalenko, Sumy's mayor")
    runs = _run(settings, gazetteer, *texts, theatre=_SUMY)
    assert [r.mention.text for r in runs[0]] == []
    assert "Kovalenko" not in [r.mention.text for r in runs[1]]


def test_set_apart_on_the_first_line_only() -> None:
    from geomap.places.wording import on_first_line, set_apart

    def apart(text: str, word: str) -> bool:
        words = words_of(text)
        k = next(i for i, w in enumerate(words) if w.text == word)
        return on_first_line(text, words[k].start) and set_apart(text, words, k, k + 1)

    assert apart("Zorya, footage of burnt-out houses", "Zorya")
    assert apart("00:12 Zorya, footage of burnt-out houses", "Zorya")
    assert apart("Damage to a school after shelling, Zorya.", "Zorya")
    assert not apart("Damage to a school in Zorya, residents say", "Zorya")
    assert not apart("Shelling, Zorya and Lutsk hit", "Zorya")
    # a paragraph further down opens with a person's name, not a dateline
    assert not apart("Prices rose.\nZorya, who runs the bakery, said so.", "Zorya")


@pytest.mark.slow
def test_generic_words_are_no_places(settings: Settings, gazetteer: Any) -> None:
    """ "Airport" (Hawaii), "Tank" (Pakistan), "Int." (Inta) name things, not towns."""
    runs = _run(
        settings,
        gazetteer,
        "Airport on fire after shelling",
        "Tank firing at a depot in Okhtyrka",
        "Shelling of the Konotop Int. Airport",
        theatre=_SUMY,
    )
    assert [[r.mention.text for r in rs] for rs in runs] == [[], ["Okhtyrka"], ["Konotop"]]
    konotop = runs[2][0]
    assert konotop.mention.feature == "Int. Airport"
    assert konotop.entry is not None
    assert konotop.entry.level == "city"  # a facility stands in the town, not the oblast


@pytest.mark.slow
def test_district_of_a_town(settings: Settings, gazetteer: Any) -> None:
    """ "X District of Y": X inside the town Y, else placed at Y; a suburb named second."""
    part, other = _run(
        settings,
        gazetteer,
        "Blasts in Kievsky District of Kharkiv",
        "Explosion in the Kharkiv suburb of Kozacha Lopan",
        theatre=(("UA", 1.0), ("UA.07", 1.0)),
    )
    r = _by_text(part)["Kievsky"]
    assert (r.mention.level_hint, r.mention.parent) == ("part", "Kharkiv")
    assert r.method == "relative"  # no Kievsky inside Kharkiv: the town itself
    assert r.entry is not None
    assert (r.entry.name, r.entry.level, r.geo_precision) == ("Kharkiv", "city", 2)
    assert r.reason.startswith("no Kievsky inside Kharkiv")
    got = _by_text(other)
    assert got["Kharkiv"].mention.level_hint is None  # the bigger town is no part
    assert got["Kozacha Lopan"].entry is not None
    assert got["Kozacha Lopan"].entry.admin1_name == "Kharkiv Oblast"


def test_near_miss_prefers_a_town_to_a_hamlet(gazetteer: Any) -> None:
    """One letter dropped from "Berdychiv" is one edit from a hamlet too; the town wins."""
    from geomap.places.fuzzy import _affix_index, _one_edit

    assert _one_edit("berdychv", _affix_index(gazetteer.settlement_names(("UA",)))) == {
        "berdychi",
        "berdychiv",
    }
    assert near_miss("berdychv", gazetteer, ("UA",)) == "berdychiv"


@pytest.mark.slow
def test_more_report_wordings(settings: Settings, gazetteer: Any) -> None:
    """Facility names the model reads as people, lower case, held towns, an oblast in brackets."""
    texts = (
        "Okhtyrka Drama theatre destroyed",  # the model: PERSON "Okhtyrka Drama"
        "Smoke after strikes in okhtyrka",
        "Heavy damage to the konotop market",
        "Damaged school in Russian held Yunakivka, Sumy",  # a division as the line's last word
        "A bridge in occupied Putyvl (Oblast Sumy) on fire",
        "A human chain formed in Sumy",
    )
    runs = _run(settings, gazetteer, *texts, theatre=_SUMY)
    got = [
        [(r.mention.text, r.mention.feature, r.entry and r.entry.name) for r in rs] for rs in runs
    ]
    assert got[0] == [("Okhtyrka", "Drama theatre", "Okhtyrka")]
    assert got[1] == [("okhtyrka", None, "Okhtyrka")]
    assert got[2] == [("konotop", "market", "Konotop")]
    held = _by_text(runs[3])["Yunakivka"]
    assert (held.mention.parent, held.entry and held.entry.name) == ("Sumy", "Yunakivka")
    assert got[4][0] == ("Putyvl", None, "Putyvl")  # not "Putyvl Oblast"
    assert runs[4][0].mention.level_hint is None
    assert [m for m, _f, _e in got[5]] == ["Sumy"]  # "human": an alternate name of Uman


def test_demonym_in_an_organisation_name_is_not_a_namesake(
    settings: Settings, gazetteer: Any
) -> None:
    # the Ukrainian dump has hotels called "European": an organisation's demonym is the
    # region or country (a demonym mention), never a hotel, in a run with a theatre
    (rs,) = _run(
        settings,
        gazetteer,
        "Lawyers at the European Centre for Justice in Kharkiv filed the complaint.",
        theatre=(("UA", 1.0), ("UA.07", 0.5)),
    )
    european = [r for r in rs if r.mention.text == "European"]
    assert european
    assert all(r.mention.role == "demonym" for r in european)
    assert all(r.entry is not None and r.entry.feature_code == "CONT" for r in european)


def test_demonym_qualifying_a_noun_is_no_division(settings: Settings, gazetteer: Any) -> None:
    # Ethiopia has a Somali Region; "Somali troops" are Somalia's, "the Somali region" is
    # the division
    (rs,) = _run(settings, gazetteer, "Somali troops entered the port on Friday.")
    somali = _by_text(rs)["Somali"]
    assert (somali.mention.role, somali.entry.country_code) == ("demonym", "SO")
    (rs,) = _run(settings, gazetteer, "Floods hit the Somali region of Ethiopia on Friday.")
    region = next(r for r in rs if r.mention.name == "Somali")
    assert (region.mention.role, region.entry.level, region.entry.country_code) == (
        "literal",
        "admin1",
        "ET",
    )


def test_near_miss_is_no_word_of_a_longer_name(settings: Settings, gazetteer: Any) -> None:
    # "Middle" is one edit from a town's name, but "in Middle Shabelle" names a division
    # the text spells its own way: the town "Mahaday" is placed in it, nothing at "Middle"
    (rs,) = _run(
        settings,
        gazetteer,
        "Troops retook the town of Mahaday in Middle Shabelle region on Wednesday.",
        theatre=(("US", 1.0), ("SO", 1.0)),
    )
    found = _by_text(rs)
    assert "Middle" not in found
    mahaday = found["Mahaday"]
    assert (mahaday.method, mahaday.entry.level, mahaday.entry.country_code) == (
        "relative",
        "admin1",
        "SO",
    )
    # a near-miss alone after its cue still counts ("in Popasnna" for Popasna)
    (rs,) = _run(settings, gazetteer, "Shelling in Popasnna overnight.", theatre=(("UA", 1.0),))
    assert _by_text(rs)["Popasnna"].entry.name == "Popasna"


def test_divisions_near(gazetteer: Any) -> None:
    assert [e.name for e in gazetteer.divisions_near("Middle Shabelle")] == ["Middle Shabele"]
    assert [e.name for e in gazetteer.divisions_near("Kharkov Oblast")] == ["Kharkiv Oblast"]
    assert gazetteer.divisions_near("Texass region")[0].name == "Texas"
    assert gazetteer.divisions_near("Utahh") == []  # too short a name for an edit
    assert gazetteer.divisions_near("Atlantis") == []


def test_alternate_name_is_no_word_of_a_longer_name(settings: Settings, gazetteer: Any) -> None:
    # "Wad" is an alternate name of Vad (Russia), in the theatre; "Wad Madani" is not
    (rs,) = _run(
        settings,
        gazetteer,
        "Fighters looted the central market in Wad Madani overnight.",
        theatre=(("RU", 1.0),),
    )
    assert all(r.entry is None or r.entry.country_code != "RU" for r in rs)
    # a town's own name before a capitalised word is still read ("in Lutsk Monday")
    (rs,) = _run(settings, gazetteer, "Shelling in Lutsk Monday night.", theatre=(("UA", 1.0),))
    assert _by_text(rs)["Lutsk"].entry.country_code == "UA"


def test_a_town_after_its_divisions_possessive(settings: Settings, gazetteer: Any) -> None:
    """ "Crimea's X", "Kursk region's X": the division vouches for the town; a person
    after a country's possessive stays none ("Russia's Putin")."""
    crimea, kursk, person = _run(
        settings,
        gazetteer,
        "Blasts at an airfield in Crimea's Dzhankoi overnight",
        "Drone hits Kursk region's Rylsk, governor says",
        "Russia's Putin visited troops",
    )
    r = _by_text(crimea)["Dzhankoi"]
    assert r.entry is not None
    assert r.entry.admin1_name.startswith("Autonomous Republic of Crimea")
    r = _by_text(kursk)["Rylsk"]
    assert r.entry is not None
    assert r.entry.admin1_name.startswith("Kursk")
    assert "Putin" not in _by_text(person)


def test_a_region_named_with_the_is_no_hamlet_abroad(settings: Settings, gazetteer: Any) -> None:
    """ "the Middle East" is also a hamlet in the United States: with no other place of
    the text there, it is a region the gazetteer lacks, left unresolved."""
    (rs,) = _run(
        settings, gazetteer, "Ministers meeting in Rome discussed the war in the Middle East."
    )
    r = _by_text(rs)["Middle East"]
    assert r.entry is None
    assert _by_text(rs)["Rome"].entry is not None


def test_a_headlines_present_tense_is_a_cue(settings: Settings, gazetteer: Any) -> None:
    """ "troops attack X": a headline's verb in the present tense says where, as "attacked"."""
    (rs,) = _run(settings, gazetteer, "Russian troops attack Chasiv Yar from two directions")
    r = _by_text(rs)["Chasiv Yar"]
    assert r.entry is not None
    assert r.entry.admin1_name.startswith("Donetsk")


@pytest.mark.model
def test_a_story_from_a_country_outside_the_runs_theatre(
    settings: Settings, gazetteer: Any
) -> None:
    # the run is about Ukraine; this story names Georgia twice: its capital's dateline,
    # in capitals, is a place of the story's own country
    from geomap.places import parse_articles

    text = (
        "TBILISI, Georgia (Probe Wire) — Riot police fired water cannon at protesters "
        "outside the parliament on Sunday night. Georgia's president called for calm."
    )
    s = replace(settings, theatre=(("UA", 1.0),))
    (pa,) = parse_articles([Article(id="t", text=text)], settings=s, gazetteer=gazetteer)
    assert "TBILISI" in [m.text for m in pa.mentions]


def test_a_report_label_outside_the_theatre_is_its_place(
    settings: Settings, gazetteer: Any
) -> None:
    """A town named alone before a colon opens a report: its place, in any country."""
    (rs,) = _run(settings, gazetteer, "Kadugli: four killed as gunfire erupted at the market")
    r = _by_text(rs)["Kadugli"]
    assert r.entry is not None
    assert r.entry.country_code == "SD"


def test_a_word_abroad_in_a_report_opened_by_its_town_is_no_place(
    settings: Settings, gazetteer: Any
) -> None:
    """'Jebel' is a town in Turkmenistan; in a report opened by Malakal it is a market's
    name, and 'Tripoli' in one opened by Kadugli a neighbourhood's."""
    for text, town, cc in (
        ("Malakal: gunfire near the Jebel market, 3 wounded", "Malakal", "SS"),
        ("Kadugli: shells hit the Tripoli neighbourhood, 2 dead", "Kadugli", "SD"),
    ):
        (rs,) = _run(settings, gazetteer, text)
        placed = {r.mention.text: r.entry.country_code for r in rs if r.entry is not None}
        assert placed == {town: cc}


def test_a_town_opening_a_sentence_is_no_label(settings: Settings, gazetteer: Any) -> None:
    (rs,) = _run(settings, gazetteer, "Moscow has sent more troops to occupied Mariupol")
    r = _by_text(rs)["Mariupol"]
    assert r.entry is not None
    assert r.entry.country_code == "UA"


def test_a_name_with_an_arabic_article_inside(settings: Settings, gazetteer: Any) -> None:
    (rs,) = _run(settings, gazetteer, "Deir ez-Zor: security forces detain 11 men")
    r = _by_text(rs)["Deir ez-Zor"]
    assert r.entry is not None
    assert r.entry.country_code == "SY"


def test_a_label_in_another_spelling_with_its_region(settings: Settings, gazetteer: Any) -> None:
    """A label in the national spelling ("Verkhnia") the gazetteer keeps as another name,
    its region in brackets before the colon: the whole name, not its first word."""
    (rs,) = _run(
        settings,
        gazetteer,
        "Verkhnia Syrovatka (Sumy region): two drones hit a barn",
        theatre=(("UA", 1.0),),
    )
    r = _by_text(rs)["Verkhnia Syrovatka"]
    assert r.entry is not None
    assert r.entry.admin1_name == "Sumy Oblast"


def test_an_english_word_far_from_the_place_the_model_saw(
    settings: Settings, gazetteer: Any
) -> None:
    """Only the gazetteer reads "Man" as a place (a town in Côte d'Ivoire), thousands of
    km from the town the model saw: no reading."""
    (rs,) = _run(
        settings, gazetteer, "Man shot dead at a checkpoint near Jenin, Palestinian medics say"
    )
    placed = {r.mention.text: r.entry.country_code for r in rs if r.entry is not None}
    assert placed.get("Man") is None
    assert placed.get("Jenin") == "PS"


def test_a_relation_of_another_place_later_anchors_nothing(
    settings: Settings, gazetteer: Any
) -> None:
    # "near Tel Aviv" locates the airport, not the port named at the start
    ((port, _),) = _run(
        settings,
        gazetteer,
        "Jets struck the port of Hodeidah on Tuesday, in retaliation for a missile that hit "
        "an airport near Tel Aviv over the weekend.",
    )
    assert port.mention.anchor is None
    assert port.entry is None or port.entry.country_code == "YE"


def test_a_distance_and_direction_from_a_town_anchor_a_village(
    settings: Settings, gazetteer: Any
) -> None:
    # "X, 14 km south of Y", "X, 6 km from Y": X is the namesake near Y ("from" alone is
    # an origin and anchors nothing)
    south, near, origin = _run(
        settings,
        gazetteer,
        "Zelene Pole, 14 km south of Velyka Novosilka: shelling damaged a school",
        "Novoselivka, 6 km from Lyman: artillery hit a farm",
        "Novoselivka: mortars fired from Lyman hit a farm",
        theatre=(("UA", 1.0),),
    )
    assert (
        _by_text(south)["Zelene Pole"].mention.anchor,
        _by_text(near)["Novoselivka"].mention.anchor,
    ) == ("Velyka Novosilka", "Lyman")
    pole = _by_text(south)["Zelene Pole"]
    assert pole.entry is not None
    assert pole.entry.admin1_name == "Donetsk Oblast"
    assert not pole.namesakes
    assert _by_text(origin)["Novoselivka"].mention.anchor is None


def test_a_town_near_a_site_named_after_another_town(settings: Settings, gazetteer: Any) -> None:
    # "X near the Y plant": a plant in X named after Y (or after someone); Y anchors
    # nothing and its far reading is the plant of X
    ((town, site),) = _run(
        settings,
        gazetteer,
        "Bodies of civilians found in Lysychansk near the Kirov plant",
        theatre=(("UA", 1.0),),
    )
    assert (town.mention.anchor, town.entry and town.entry.admin1_name) == (None, "Luhansk Oblast")
    assert (site.mention.feature, site.entry and site.entry.name) == ("plant", "Lysychansk")


def test_relations_with_a_qualifier_or_an_adjective_anchor_a_village(
    settings: Settings, gazetteer: Any
) -> None:
    # "X just north of Y", "X, north of the occupied city of Y"
    just, occupied = _run(
        settings,
        gazetteer,
        "A drone hit a garage in Zelene Pole just south of Velyka Novosilka, two cars burnt",
        "Troops shelled Zelene Pole, south of the occupied town of Velyka Novosilka",
        theatre=(("UA", 1.0),),
    )
    for rs in (just, occupied):
        pole = _by_text(rs)["Zelene Pole"]
        assert pole.mention.anchor == "Velyka Novosilka"
        assert pole.entry is not None
        assert pole.entry.admin1_name == "Donetsk Oblast"


def _km_from(r: ResolvedPlace, lat: float, lon: float) -> float:
    assert r.entry is not None
    return haversine_km(r.entry.lat, r.entry.lon, lat, lon)


def test_a_district_seat_with_a_hyphenated_name(settings: Settings, gazetteer: Any) -> None:
    # the seat is the whole hyphenated name ("Bilhorod" alone is another name of
    # Belgorod): the village lies in its district, whatever a bigger namesake of the
    # seat abroad would win on a first, context-free reading
    (rs,) = _run(
        settings,
        gazetteer,
        "A drone hit a grain store in Yaroslavka, Bilhorod-Dnistrovskyi district",
    )
    village = _by_text(rs)["Yaroslavka"]
    assert village.mention.parent is None
    assert village.method == "gazetteer"
    assert _km_from(village, 46.19484, 30.34827) < 60  # Bilhorod-Dnistrovskyi


def test_a_relation_after_a_division_in_brackets_or_commas(
    settings: Settings, gazetteer: Any
) -> None:
    # "X (Y oblast), south-east of Z", "X, Y oblast, south-east of Z": the relation is X's
    # even with the division between; a namesake in the direction but 150 km off loses
    brackets, commas = _run(
        settings,
        gazetteer,
        "Artillery hit a farm in Petropavlivka (Kharkiv oblast), south-east of Bohodukhiv",
        "Shells landed on Petropavlivka, Kharkiv oblast, south-east of Bohodukhiv, overnight",
    )
    for rs in (brackets, commas):
        village = _by_text(rs)["Petropavlivka"]
        assert village.mention.anchor == "Bohodukhiv"
        assert _km_from(village, 50.16519, 35.52762) < 30  # Bohodukhiv


def test_a_power_plant_abbreviation_is_a_site_of_its_town(
    settings: Settings, gazetteer: Any
) -> None:
    (rs,) = _run(settings, gazetteer, "Ladyzhyn TPP hit by missiles, Vinnytsia region")
    plant = _by_text(rs)["Ladyzhyn"]
    assert plant.mention.feature == "TPP"
    assert plant.entry is not None
    assert plant.entry.admin1_name == "Vinnytsia Oblast"


def test_a_hyphenated_town_the_model_reads_as_a_person(settings: Settings, gazetteer: Any) -> None:
    # a report's label "X-Y: ..." naming a town of 5,000 people or more, and the same
    # town after "in" with an adverb after it (no noun it qualifies), are places
    label, located = _run(
        settings,
        gazetteer,
        "Gorom-Gorom: gunmen attacked the market at dawn, five killed",
        "Explosions in Gorom-Gorom today",
    )
    for rs in (label, located):
        town = _by_text(rs)["Gorom-Gorom"]
        assert town.entry is not None
        assert town.entry.country_code == "BF"


def test_a_community_is_smaller_than_a_district(settings: Settings, gazetteer: Any) -> None:
    # "X, Y community": X within some 15 km of Y, where two namesakes lie within a
    # district's 50 km
    (rs,) = _run(
        settings,
        gazetteer,
        "A drone dropped a grenade on a tractor in Khotiivka, Semenivka community",
    )
    village = _by_text(rs)["Khotiivka"]
    assert village.namesakes == ()
    assert _km_from(village, 52.24085, 32.50717) < 5


def test_a_hashtag_is_one_name_and_a_compass_word_no_division(
    settings: Settings, gazetteer: Any
) -> None:
    # "#Kharkiv Slatyne, north of the city: ...": the tag is all of its name (the model
    # reads "Kharkiv Slatyne" as a person), the village the next name, and "north" after
    # a comma is a direction, not Cameroon's North region
    (rs,) = _run(
        settings,
        gazetteer,
        "#Kharkiv Slatyne, north of the city: a glide bomb hit the village school",
        theatre=(("UA", 1.0),),
    )
    got = _by_text(rs)
    assert "Slatyne" in got
    village = got["Slatyne"]
    assert village.mention.parent is None
    assert village.entry is not None
    assert village.entry.admin1_name == "Kharkiv Oblast"


def test_an_organisation_to_the_model_is_no_misspelt_town(
    settings: Settings, gazetteer: Any
) -> None:
    # "Rangers" (ORG to the model) is one letter from Angers, a town of the theatre, but
    # off a report's first line and without a hashtag it is no misspelling of it
    (rs,) = _run(
        settings,
        gazetteer,
        "Officials in Paris met on Monday.\nA truck plowed into Rangers guarding the bridge "
        "outside the capital, police said.",
        theatre=(("FR", 1.0),),
    )
    assert all(r.entry is None or r.entry.name != "Angers" for r in rs)


def test_a_capitalised_common_word_in_an_article_is_no_theatre_town(
    settings: Settings, gazetteer: Any
) -> None:
    # "Mobile" (an adjective to the tagger) opening a sentence of an article is no town
    # of Alabama, though the run's theatre holds the United States; a report's label is
    (rs,) = _run(
        settings,
        gazetteer,
        "Police fired tear gas at the crowds on Monday.\n\nPolice fired tear gas at the crowds. "
        "Mobile internet was cut for a third day.",
        theatre=(("US", 1.0),),
    )
    assert "Mobile" not in _by_text(rs)


def test_a_river_bank_and_a_town_on_the_outskirts_of_another(
    settings: Settings, gazetteer: Any
) -> None:
    # "on the Dnipro bank" names the river, not the city; "X on the outskirts of Y" is
    # an X near Y (a city of that name 400 km away is another)
    bank, outskirts = _run(
        settings,
        gazetteer,
        "Smila, Cherkasy oblast: a drone hit a pumping station on the Dnipro bank",
        "Artillery hit Koziatyn on the outskirts of Okhtyrka overnight, two houses burnt",
        theatre=(("UA", 1.0),),
    )
    assert "Dnipro" not in _by_text(bank)
    village = _by_text(outskirts)["Koziatyn"]
    assert village.mention.anchor == "Okhtyrka"
    assert village.entry is not None
    assert village.entry.admin1_name == "Sumy Oblast"


def test_a_hashtag_name_runs_across_its_hyphens(settings: Settings, gazetteer: Any) -> None:
    # "#Bilhorod-Dnistrovskyi" is one name ("Bilhorod" alone is another name of Belgorod)
    (rs,) = _run(
        settings,
        gazetteer,
        "#Bilhorod-Dnistrovskyi: a drone hit a warehouse in the port",
        theatre=(("UA", 1.0),),
    )
    assert "Bilhorod" not in _by_text(rs)
    assert "Bilhorod-Dnistrovskyi" in _by_text(rs)


def test_waters_named_after_a_town_are_no_town(settings: Settings, gazetteer: Any) -> None:
    # "the X Lake", "the X Reservoir": water named after a place, not the place
    lake, reservoir = _run(
        settings,
        gazetteer,
        "Rioters pushed two buses into the Beira Lake in the centre of Colombo on Monday.",
        "A patrol boat was hit on the Kakhovka Reservoir near Nikopol overnight.",
        theatre=(("UA", 1.0),),
    )
    assert set(_by_text(lake)) == {"Colombo"}
    assert set(_by_text(reservoir)) == {"Nikopol"}


def test_waters_named_after_a_theatre_town_are_no_town(settings: Settings, gazetteer: Any) -> None:
    # the run is about the country of the town the water is named after: still water
    (lake,) = _run(
        settings,
        gazetteer,
        "Crowds pushed the empty buses into the Beira Lake in central Colombo on Monday.",
        theatre=(("MZ", 1.0),),
    )
    assert set(_by_text(lake)) == {"Colombo"}


def test_a_weapon_named_before_what_it_did_is_no_place(settings: Settings, gazetteer: Any) -> None:
    # "Geran fell on a house": the drone (a village in Armenia is spelt like it)
    (rs,) = _run(
        settings,
        gazetteer,
        "Geran fell on a house in Kupiansk overnight, two injured",
        theatre=(("UA", 1.0),),
    )
    assert set(_by_text(rs)) == {"Kupiansk"}


def test_the_facility_a_village_names_keeps_the_village(settings: Settings, gazetteer: Any) -> None:
    # "the X school": "the" is the school's; X is no region the gazetteer lacks
    (rs,) = _run(
        settings,
        gazetteer,
        "Drone debris fell near the Stepove school overnight, windows broken",
        theatre=(("UA", 1.0),),
    )
    stepove = _by_text(rs)["Stepove"]
    assert stepove.entry is not None
    assert stepove.entry.country_code == "UA"


def test_a_label_placed_before_its_colon_and_a_community_are_villages(
    settings: Settings, gazetteer: Any
) -> None:
    # "X on the Y peninsula: ...": the report's label; "the X community": its village
    label, community = _run(
        settings,
        gazetteer,
        "Chornomorske on the Tarkhankut peninsula: explosions heard, drones were shot down",
        "Drone debris fell in the Velyka Dymerka community overnight, a house damaged",
        theatre=(("UA", 1.0),),
    )
    assert "Chornomorske" in _by_text(label)
    dymerka = _by_text(community)["Velyka Dymerka"]
    assert dymerka.entry is not None
    assert dymerka.entry.admin1_name == "Kyiv Oblast"


def test_a_district_of_an_oblast_is_no_part_of_its_capital(
    settings: Settings, gazetteer: Any
) -> None:
    # "X, Y district of Kyiv oblast": Y's district lies in the oblast, not in the city
    (rs,) = _run(
        settings,
        gazetteer,
        "Makariv, Bucha district of Kyiv oblast: debris damaged a school",
        theatre=(("UA", 1.0),),
    )
    assert _by_text(rs)["Bucha"].mention.parent is None


_NEPAL = (
    "Police in Kathmandu fired tear gas on Tuesday as thousands of protesters marched on "
    "Singha Durbar, the seat of government, and a crowd broke through the gate of Concord "
    "Hill, the prime minister's residence, where officers beat several people. In Pokhara, "
    "shops stayed shut and students blocked the main roads. The home ministry said 12 "
    "people were hurt in Kathmandu and that a curfew would be imposed in parts of the city "
    "from Wednesday. Opposition leaders said the protests would go on until the government "
    "resigned. The army was not deployed. Hospitals in Kathmandu said they had treated "
    "dozens of people for injuries from batons and rubber bullets, and that two of them "
    "were in a serious condition. The finance minister said the budget would be presented "
    "as planned. Traders in Birgunj said the border crossing with India was open. A "
    "spokesman for the prime minister said he would meet opposition leaders on Thursday "
    "and visit Pokhara. Schools in the capital were told to stay closed until the weekend."
)


def test_an_article_is_read_for_its_own_countries_of_the_theatre(
    settings: Settings, gazetteer: Any
) -> None:
    # a run about Ukraine and the United States; a long story from Nepal is read for no
    # US town ("Concord Hill", a residence), and a short report still is
    story, report = _run(
        settings,
        gazetteer,
        _NEPAL,
        "Concord: police cordon after a shooting at a mall",
        theatre=(("UA", 1.0), ("US", 1.0)),
    )
    assert "Concord" not in _by_text(story)
    assert "Concord" in _by_text(report)


def test_a_place_named_day_is_a_holiday(settings: Settings, gazetteer: Any) -> None:
    (rs,) = _run(
        settings,
        gazetteer,
        "Shelling hit Kherson on Independence Day, officials said",
        theatre=(("UA", 1.0), ("US", 1.0)),
    )
    assert set(_by_text(rs)) == {"Kherson"}


def test_the_edge_of_a_town_anchors_a_village(settings: Settings, gazetteer: Any) -> None:
    # "X on the eastern edge of Y": a dozen villages share X's name; the one by Y
    (rs,) = _run(
        settings,
        gazetteer,
        "Zelenyi Hai on the eastern edge of Mykolaiv: drone debris damaged a house",
        theatre=(("UA", 1.0),),
    )
    hai = _by_text(rs)["Zelenyi Hai"]
    assert hai.mention.anchor == "Mykolaiv"
    assert not hai.namesakes


def test_a_label_with_a_district_and_a_relation_holds_its_streets(
    settings: Settings, gazetteer: Any
) -> None:
    # "X (Y district), 5 km east of Z: ... on W street": W is X's street, not a W street
    # hundreds of km away
    (rs,) = _run(
        settings,
        gazetteer,
        "Bezliudivka (Kharkiv district), 10 km south-east of Kharkiv: shells hit houses on "
        "Zaliznychna street",
        theatre=(("UA", 1.0),),
    )
    street = _by_text(rs)["Zaliznychna street"]
    assert street.entry is not None
    assert street.entry.name == "Bezliudivka"


@pytest.mark.parametrize(
    ("text", "village", "point"),
    [
        ("Zhmerynka district: a drone hit a grain store in Travneve overnight, no one hurt",
         "Travneve", (48.944, 28.114)),
        ("Zolotonosha direction: shelling damaged houses in Shcherbynivka",
         "Shcherbynivka", (49.673, 32.201)),
    ],
)  # fmt: skip
def test_a_labelled_district_holds_the_reports_village(
    settings: Settings, gazetteer: Any, text: str, village: str, point: tuple[float, float]
) -> None:
    """ "Y district: ... X": of X's many namesakes, the one in Y's district (near its seat);
    the label's seat is listed, no place of the event."""
    (rs,) = _run(settings, gazetteer, text)
    got = _by_text(rs)[village]
    assert got.entry is not None
    assert haversine_km(got.entry.lat, got.entry.lon, *point) < 2
    seat = text.split()[0]
    assert [r.mention.role for r in rs if r.mention.name == seat] == ["embedded"]


def test_a_label_naming_no_district_anchors_nothing(settings: Settings, gazetteer: Any) -> None:
    (rs,) = _run(settings, gazetteer, "Zhmerynka: a drone hit a grain store in Travneve")
    assert _by_text(rs)["Travneve"].mention.anchor is None


def test_both_names_of_a_list_of_regions_are_regions(settings: Settings, gazetteer: Any) -> None:
    """ "the X and Y regions": X is a region too, not its city."""
    (rs,) = _run(
        settings, gazetteer, "Drones attacked villages in the Poltava and Chernihiv regions."
    )
    got = _by_text(rs)
    assert [got[n].level for n in ("Poltava", "Chernihiv")] == ["admin1", "admin1"]


def test_a_ship_named_like_a_town_is_no_place(settings: Settings, gazetteer: Any) -> None:
    """ "the landing ship Orsk", and "the Orsk" after it, name the ship."""
    (rs,) = _run(
        settings,
        gazetteer,
        "Missiles hit the landing ship Orsk in the port of Berdiansk. The Orsk sank within "
        "minutes, and the cruiser Kursk was not hit.",
    )
    names = {r.mention.name for r in rs}
    assert "Berdiansk" in names
    assert not names & {"Orsk", "Kursk"}


def test_a_big_city_matched_by_another_spelling_leaves_the_text_its_say(
    settings: Settings, gazetteer: Any
) -> None:
    """GeoNames lists "Mambasa" as another name of Mombasa, Kenya: in a story set in
    Congo's Ituri province, the Ituri territory that bears the name is meant."""
    (rs,) = _run(
        settings,
        gazetteer,
        "GOMA, Congo — Militiamen attacked a church in Ituri province on Sunday, aid "
        "workers said. Last year, the same militia killed 12 people near Mambasa.",
    )
    got = _by_text(rs)["Mambasa"]
    assert got.entry is not None
    assert got.entry.country_code == "CD"


def test_a_village_opening_a_districts_report_is_found_there(
    settings: Settings, gazetteer: Any
) -> None:
    """ "Y district: X hit by ...": the model misses X at the text's opening; a village of
    the name near Y's seat is the report's place."""
    (rs,) = _run(settings, gazetteer, "Zhmerynka district: Travneve hit by a drone, a barn burned")
    got = _by_text(rs)["Travneve"]
    assert got.entry is not None
    assert haversine_km(got.entry.lat, got.entry.lon, 48.944, 28.114) < 2


def test_a_district_read_as_its_seat_is_no_exact_point(settings: Settings, gazetteer: Any) -> None:
    """ "Y district: shelling ...": the district, read at its seat town, is somewhere in the
    district (precision 2), not the town itself."""
    (rs,) = _run(settings, gazetteer, "Zhmerynka district: shelling damaged houses overnight")
    got = _by_text(rs)["Zhmerynka"]
    assert (got.level, got.geo_precision) == ("city", 2)


def test_a_number_word_is_no_place(settings: Settings, gazetteer: Any) -> None:
    """ "the Group of Seven" names no village "Seven" (in a run whose theatre holds France,
    it matched Cevins there)."""
    (rs,) = _run(
        settings,
        gazetteer,
        "KYIV, Ukraine (Wire) — Rescuers in the central Ukrainian city of Poltava pulled "
        "more bodies from the rubble on Tuesday, raising the death toll from Monday's "
        "strike to 9, as leaders of the Group of Seven called the attack a war crime.",
        theatre=(("UA", 0.5), ("FR", 0.5)),
    )
    assert "Seven" not in {r.mention.text for r in rs}


def test_a_district_placed_at_its_region_is_no_closer_than_the_region(
    settings: Settings, gazetteer: Any
) -> None:
    """A second-level division with no member place in the gazetteer sits at its region's
    point: read there, it is as precise as the region (3), not a district (2)."""
    (rs,) = _run(
        settings,
        gazetteer,
        "Rostov oblast: a drone fell in Neklinovsky district, windows broken",
        theatre=(("RU", 1.0),),
    )
    got = _by_text(rs)["Neklinovsky district"]
    assert got.entry is not None
    assert got.entry.point_source == "admin1"
    assert (got.level, got.geo_precision) == ("admin2", 3)
