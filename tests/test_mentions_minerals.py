"""Minerals as commodity products and elements named in passing (invented sentences)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.gazetteer import CASELESS_PUNCTUATED
from minegraph.loaders.gazetteer import minerals as gazetteer_minerals
from minegraph.loaders.mentions import find_mentions


def minerals(text: str) -> list[str]:
    return [m.text for m in find_mentions(text).mentions if m.label == "Mineral"]


def test_products_of_an_element_are_commodities_of_their_own():
    assert minerals("The plant makes lithium hydroxide and buys copper concentrates.") == [
        "lithium hydroxide",
        "copper concentrate",
    ]
    assert minerals("Exports of nickel ore and manganese sulphate fell.") == ["nickel ore", "manganese sulfate"]


def test_an_element_alone_stays_the_element():
    assert minerals("The country holds lithium and nickel.") == ["lithium", "nickel"]


def test_second_word_of_a_chemical_name_is_not_a_product():
    assert minerals("The lithium aluminum silicate was found.") == ["lithium"]


def test_groups_take_no_product():
    assert minerals("The ores hold rare earth oxides.") == ["rare earth elements"]


def test_hyphenated_pair_of_minerals():
    assert minerals("It bought a stake in a copper-gold project and a nickel-cobalt mine.") == [
        "copper",
        "gold",
        "nickel",
        "cobalt",
    ]


def test_common_misspelling_of_an_element():
    assert minerals("The ore holds phosphorous.") == ["phosphorus"]


def test_iron_rhenium_and_traded_intermediates_are_minerals():
    text = "The plant takes iron and nickel, rhenium, mixed hydroxide precipitate (MHP) and APT from seabed nodules."
    got = [m.text for m in find_mentions(text).mentions if m.label == "Mineral"]
    assert got == [
        "iron",
        "nickel",
        "rhenium",
        "mixed hydroxide precipitate",
        "mixed hydroxide precipitate",
        "ammonium paratungstate",
        "polymetallic nodules",
    ]
    # "iron" alone in a figure of speech is not a mineral
    assert [m for m in find_mentions("He ruled with an iron hand.").mentions if m.label == "Mineral"] == []


def test_ferroalloys_alumina_and_other_traded_intermediates_are_commodities():
    # USGS Mineral Commodity Summaries chapters: each is traded under its own name
    assert minerals("The smelter ships ferrochrome, ferronickel and nickel pig iron.") == [
        "ferrochrome",
        "ferronickel",
        "nickel pig iron",
    ]
    assert minerals("It sells bauxite, alumina and titanium sponge.") == ["bauxite", "alumina", "titanium sponge"]
    # inside a firm's name it is no commodity
    assert minerals("Ruritan Alumina Ltd hired staff.") == []


def test_industrial_minerals_gemstones_sands_and_more_intermediates_are_commodities():
    # USGS Mineral Commodity Summaries: gypsum, crushed stone, gemstones, titanium mineral sands
    assert minerals("The quarry sells gypsum and limestone, and the coast yields rubies and heavy mineral sands.") == [
        "gypsum",
        "limestone",
        "rubies",
        "heavy mineral sands",
    ]
    assert minerals("The hills hold gemstones and silver.") == ["gemstones", "silver"]
    assert minerals("The plant will make spherical graphite, copper cathode and mixed sulfide precipitate.") == [
        "spherical graphite",
        "copper cathode",
        "mixed sulfide precipitate",
    ]
    # a cathode maker is not a commodity, nor a lithium cathode, a person named Ruby or the MSP (a partnership)
    assert minerals("Ruby Okafor visited battery cathode makers at the MSP meeting.") == []
    assert minerals("They make lithium cathode materials.") == ["lithium"]


def test_an_ambiguous_metal_counts_beside_a_mining_word_before_or_after_it():
    assert minerals("Ruritania produces gold, and is a large silver producers' hub.") == ["gold", "silver"]
    assert minerals("Ruritania is one of the largest gold producers.") == ["gold"]
    assert minerals("She won a gold medal and backed the gold standard.") == []


#: pieces of mineral names in either case, letters that ignoring case folds onto ASCII ones (a
#: dotless i, a long s, the Kelvin sign, a dotted capital I), other letters and uncased punctuation
#: (names run together, or one character apart, test where a match may start after the one before)
_PIECES = st.sampled_from(
    ["lithium", "LITHIUM", "Nickel", "cobalt", "rare earths", "Copper", "tin", "-", " ", "’s", "“", "”", "—", "é",
     "l\u0131thium", "\u017filver", "Nic\u212ael", "\u0130ron", "iron", ",", "x", "(", ".", "_", "1"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_mineral_spans_match_the_pattern_ignoring_case(text):
    """The gazetteer's spans (read in lower case where the text allows it) are the matches of the
    pattern ignoring case, whatever letters and punctuation the text holds."""
    mins = gazetteer_minerals()
    assert mins.spans(text) == [m.span() for m in mins.pattern.finditer(text)]


def test_a_plain_sentence_is_matched_in_lower_case():
    mins = gazetteer_minerals()
    text = "“Exports of LITHIUM, Cobalt and rare earths rose,” the ministry said — twice."
    assert CASELESS_PUNCTUATED.fullmatch(text)
    assert not CASELESS_PUNCTUATED.fullmatch("N\u0131ckel from Jörg’s mine")
    assert [text[s:e] for s, e in mins.spans(text)] == ["LITHIUM", "Cobalt", "rare earths"]


def test_a_plain_sentence_is_read_by_the_lower_case_pattern_alone():
    # the pattern ignoring case is never run on a sentence of ASCII and uncased punctuation
    import dataclasses
    import re

    mins = dataclasses.replace(gazetteer_minerals(), pattern=re.compile(r"(?!)"))
    text = "Exports of LITHIUM, Cobalt and rare earths rose — twice."
    assert [text[s:e] for s, e in mins.spans(text)] == ["LITHIUM", "Cobalt", "rare earths"]
    assert mins.spans("N\u0131ckel and Jörg’s cobalt") == []  # not plain: the pattern ignoring case reads it


def test_the_lower_case_reading_starts_a_mineral_at_the_start_and_after_punctuation_only():
    # the first word of a sentence, after a bracket or a full stop; not after a hyphen or a letter
    import dataclasses
    import re

    mins = dataclasses.replace(gazetteer_minerals(), pattern=re.compile(r"(?!)"))
    text = "Tin, (cobalt) and tin-cobalt.Lithium xnickel"
    assert [text[s:e] for s, e in mins.spans(text)] == ["Tin", "cobalt", "tin", "Lithium"]
