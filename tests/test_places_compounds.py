"""Places inside hyphenated compounds: modifiers, sides, routes (made-up sentences)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from geomap.geocode import geocode_mentions
from geomap.places import parse_articles
from geomap.settings import Settings
from geomap.types import Article, ResolvedPlace

pytestmark = pytest.mark.model


def _resolve(text: str, settings: Settings, gazetteer: Any) -> dict[str, ResolvedPlace]:
    art = Article(id="t", text=text, published=dt.date(2024, 3, 5))
    parsed = parse_articles([art], settings=settings, gazetteer=gazetteer)
    return {r.mention.text: r for r in geocode_mentions(parsed, gazetteer, settings=settings)}


class TestModifiers:
    def test_a_maker_or_backer_acts(self, settings: Settings, gazetteer: Any) -> None:
        rs = _resolve(
            "The strike on Kherson used UK-supplied missiles, and Moscow-backed officials "
            "blamed Kyiv.",
            settings,
            gazetteer,
        )
        assert rs["UK"].mention.role == "metonymic"
        assert rs["Moscow"].mention.role == "metonymic"
        assert rs["Kherson"].mention.role == "literal"

    def test_where_one_is_based_is_a_description(self, settings: Settings, gazetteer: Any) -> None:
        rs = _resolve(
            "A Nairobi-based researcher said the shelling of Goma went on all night.",
            settings,
            gazetteer,
        )
        assert rs["Nairobi"].mention.role == "embedded"
        assert rs["Goma"].mention.role == "literal"

    def test_a_side_after_a_prefix(self, settings: Settings, gazetteer: Any) -> None:
        rs = _resolve(
            "Police dispersed an anti-France rally in Niamey on Friday.", settings, gazetteer
        )
        assert "France" not in rs or rs["France"].mention.role != "literal"
        assert rs["Niamey"].mention.role == "literal"

    def test_joined_names_stay_places(self, settings: Settings, gazetteer: Any) -> None:
        rs = _resolve(
            "Missiles hit Rostov-on-Don overnight, and the Azov-2 battalion moved east.",
            settings,
            gazetteer,
        )
        # the whole hyphenated name is the mention ("Croix-des-Bouquets" alike)
        assert rs["Rostov-on-Don"].mention.role == "literal"
        assert rs["Rostov-on-Don"].entry is not None
        assert rs["Rostov-on-Don"].entry.name == "Rostov-on-Don"
        assert "Azov" not in rs


class TestRoutes:
    def test_a_road_between_two_towns_is_at_the_first(
        self, settings: Settings, gazetteer: Any
    ) -> None:
        rs = _resolve(
            "Militants ambushed a convoy on the Kabul-Jalalabad highway on Monday.",
            settings,
            gazetteer,
        )
        road = rs["Kabul-Jalalabad highway"]
        assert road.method == "relative"
        assert road.geo_precision == 2
        assert road.entry is not None
        assert road.entry.name == "Kabul"
        assert road.mention.feature == "Kabul-Jalalabad highway"
        assert "first place it names" in road.reason
        # the two towns are parts of the road's name: no event is theirs
        assert rs["Kabul"].mention.role == "embedded"
        assert rs["Jalalabad"].mention.role == "embedded"

    def test_a_road_located_near_a_town_is_at_that_town(
        self, settings: Settings, gazetteer: Any
    ) -> None:
        rs = _resolve(
            "Bandits stopped a bus on the Kano-Zaria road near Kura on Sunday.",
            settings,
            gazetteer,
        )
        road = rs["Kano-Zaria road"]
        assert road.method == "relative"
        assert road.entry is not None
        assert road.entry.name == "Kura"
        assert road.geo_precision == 2

    def test_two_sides_are_no_road(self, settings: Settings, gazetteer: Any) -> None:
        rs = _resolve("Moscow-Kyiv talks resumed in Istanbul.", settings, gazetteer)
        assert rs["Moscow"].mention.role == "metonymic"
        assert rs["Kyiv"].mention.role == "metonymic"
        assert rs["Istanbul"].mention.role == "literal"

    def test_a_named_highway_is_placed_by_its_anchor(
        self, settings: Settings, gazetteer: Any
    ) -> None:
        rs = _resolve(
            "Farmers blocked the Trans-Sahara Highway north of Agadez on Tuesday.",
            settings,
            gazetteer,
        )
        road = rs["Trans-Sahara Highway"]
        assert road.method == "relative"
        assert road.entry is not None
        assert road.entry.name == "Agadez"
        assert road.mention.feature == "Trans-Sahara Highway"
