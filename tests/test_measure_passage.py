"""A measure read with its passage, not only its sentence: the government named in the
sentences before, the headline or the dateline; the minerals the next sentence lists; an
agency that speaks for it or grants its licences; and its identity by date (the same
government's controls on the same minerals imposed at different times are two measures,
the same one restated without a date is one).  Every article is written for the test."""

from __future__ import annotations

import pytest

from minegraph.graph.model import Graph
from tests.test_measures import built, measures, read, summary

# --- who imposes it ------------------------------------------------------------------------------


def test_the_government_named_in_the_sentence_before():
    text = ("Chinese officials met Japanese trade envoys in Tokyo on Monday.\n"
            "Later that day the government said exports of gallium and germanium will require licences from August.")
    [found] = read(text)
    assert summary(found) == ("export_control", "announced", None, ["China"], ["gallium", "germanium"], [])


def test_the_government_of_the_headline():
    text = ("Ghana to stop raw bauxite exports\n"
            "The government will stop exports of raw bauxite from next year, the minister said on Monday.")
    [found] = read(text)
    assert found["imposed_by"] == ["Ghana"]


def test_the_government_of_the_dateline():
    [found] = read("ACCRA, June 3 (Reuters) - The government will stop exports of raw bauxite from next year.")
    assert found["imposed_by"] == ["Ghana"]


def test_the_government_named_just_after_a_junta():
    text = ("The junta prohibited rare earth exports to China, the state newspaper reported. Myanmar's military "
            "government gave no reason.")
    [found] = read(text)
    assert (found["kind"], found["imposed_by"], found["targets"]) == ("export_ban", ["Myanmar"],
                                                                     ["rare earth elements"])


def test_a_country_a_tariff_is_aimed_at_never_imposes_it():
    text = ("Beijing imposed export controls on graphite last year.\n"
            "Washington criticised the move on Friday.\n"
            "The government then announced a 25% tariff on Chinese imports of graphite anodes.")
    found = {m["kind"]: m for m in read(text)}
    assert found["import_tariff"]["imposed_by"] == ["United States"]
    assert found["export_control"]["imposed_by"] == ["China"]
    # with no other government in the passage, none: never the country it is aimed at
    assert [m["kind"] for m in read("Beijing imposed export controls on graphite last year.\n"
                                    "The agency then announced a 25% tariff on Chinese imports of graphite "
                                    "anodes.")] == ["export_control"]


def test_an_agency_speaking_for_the_measure_imposes_it_with_its_government():
    [found] = read("China will prohibit shipments of gallium from August, the Ministry of Commerce said on Tuesday.")
    assert found["imposed_by"] == ["China", "Ministry of Commerce of China"]


def test_an_intergovernmental_body_that_comments_imposes_nothing():
    [found] = read("Peru will ban exports of raw tin ore from 2026, the World Trade Organization said in a report.")
    assert found["imposed_by"] == ["Peru"]


def test_the_ministry_that_grants_the_licence():
    [found] = read("Exports of antimony will need approval from China's Ministry of Commerce under rules published "
                   "on Thursday.")
    assert found["imposed_by"] == ["China", "Ministry of Commerce of China"]


def test_a_company_named_as_the_object_is_not_the_subject():
    [found] = read("Panama ordered the closure of Halcyon Resources' copper mine after the court declared its "
                   "contract unconstitutional.")
    assert (found["kind"], found["imposed_by"], found["affects"]) == ("licence_revocation", ["Panama"],
                                                                      ["Halcyon Resources"])


# --- what it covers ------------------------------------------------------------------------------


def test_the_minerals_the_next_sentence_lists():
    text = ("China imposed export controls on two chipmaking metals on Monday.\n"
            "The curbs cover gallium and germanium, which are used in semiconductors.")
    [found] = read(text)
    assert summary(found) == ("export_control", "in_force", None, ["China"], ["gallium", "germanium"], [])


def test_a_listing_of_another_kind_adds_nothing():
    text = ("Indonesia banned exports of raw minerals on Monday.\n"
            "The tariffs cover nickel and cobalt, the ministry said.")
    [found] = read(text)
    assert (found["kind"], found["targets"]) == ("export_ban", [])


def test_plans_that_list_minerals_are_no_listing_of_the_measure():
    text = ("Beijing imposed new export controls on rare earths on Thursday.\n"
            "Trump announced new tariffs on Chinese goods in response.\n"
            "The agency plans include purchases of cobalt and antimony.")
    found = read(text)
    assert [(m["kind"], m["targets"]) for m in found] == [("export_control", ["rare earth elements"])]


def test_some_metals_borrow_no_mineral_from_the_article():
    text = ("Malaysia will ban exports of raw rare earths, the government said, to build a rare earth refining "
            "industry.\n"
            "Earlier this year, China announced restrictions on exports of certain metals that chips rely on.")
    found = {m["imposed_by"][0]: m for m in read(text)}
    assert found["China"]["targets"] == []
    assert found["China"]["id"] == "measure:cn:export_control:~"


def test_a_measure_on_unnamed_minerals_is_the_government_s_measure_known_of_that_kind():
    named = "China imposed export controls on gallium and germanium in July."
    unnamed = "Earlier this year, China announced restrictions on exports of certain metals that chips rely on."
    graph = built(("one", named), ("two", unnamed))
    [found] = measures(graph)
    assert found["targets"] == ["gallium", "germanium"]
    assert sorted(graph.nodes[found["id"]].sources) == ["one", "two"]


def test_a_measure_noun_whose_object_is_the_mineral():
    [found] = read("The curbs on gallium that Beijing imposed last year have hurt chipmakers.")
    assert (found["kind"], found["imposed_by"], found["targets"]) == ("export_control", ["China"], ["gallium"])


@pytest.mark.parametrize("sentence", [
    "Beijing tightened controls on lithium mining in Sichuan.",  # what is mined, not what is traded
    "Restrictions on cobalt imports hurt refiners in Finland.",
])
def test_a_measure_noun_on_a_mineral_s_mining_or_imports_is_no_export_measure(sentence):
    assert all(m["kind"] not in ("export_ban", "export_control") for m in read(sentence))


# --- a headline ----------------------------------------------------------------------------------


def test_a_headline_alone_states_no_measure():
    assert read("Guinea Bans Bauxite Exports\nPrices of aluminium rose on Friday in London.") == []


def test_the_body_refers_back_to_the_measure_of_the_headline():
    text = ("Guinea Bans Bauxite Exports From Three Ports\n"
            "The ban will take effect next month, the mines minister told reporters on Friday.")
    [found] = read(text)
    assert summary(found) == ("export_ban", "announced", None, ["Guinea"], ["bauxite"], [])


# --- when it was imposed, and which measure it is ---------------------------------------------------


def test_a_new_measure_dated_otherwise_is_another_measure():
    text = ("China imposed export controls on seven rare earth elements in April 2025.\n"
            "In October 2025, Beijing announced far-reaching new export controls on rare earths.")
    found = read(text)
    assert [(m["kind"], m["imposed_by"], m["targets"], m["status"]) for m in found] == [
        ("export_control", ["China"], ["rare earth elements"], "in_force"),
        ("export_control", ["China"], ["rare earth elements"], "announced")]
    assert [m["id"] for m in found] == ["measure:cn:export_control:rare-earth-elements",
                                        "measure:cn:export_control:rare-earth-elements:2025-10"]
    assert found[1]["name"] == "China export controls on rare earth elements (October 2025)"


def test_the_same_measure_re_dated_without_a_word_saying_it_is_new_is_one():
    text = ("On Friday the Philippines declared it will stop nickel ore exports after June 2027.\n"
            "Its cabinet had earlier indicated that nickel ore exports would be banned from March 2029.")
    [found] = read(text)
    assert found["targets"] == ["nickel ore"]


def test_a_lifted_measure_keeps_the_date_it_was_imposed():
    """'lifted in May the ban imposed in 2023': the date of the lifting is not the measure's."""
    [found] = read("Guinea lifted in May the ban on bauxite exports it imposed in 2023.")
    assert (found["kind"], found["status"]) == ("export_ban", "lifted")


def test_a_historical_mention_keeps_its_year():
    [found] = read("Since Indonesia's 2020 ban on nickel ore exports, smelter investment has soared.")
    assert (found["status"], found["year"], found["imposed_by"]) == ("in_force", 2020, ["Indonesia"])


APRIL = "China imposed export controls on seven rare earth elements in April 2025."
OCTOBER = "In October 2025 China announced fresh export controls on rare earths and magnet technology."
UNDATED = "China's export controls on rare earths have hurt magnet makers in Japan."


def _partition(graph: Graph) -> list[list[str]]:
    return sorted(sorted(graph.nodes[m["id"]].sources) for m in measures(graph))


@pytest.mark.parametrize("order", [("april", "october", "undated"), ("undated", "april", "october"),
                                   ("october", "april", "undated")])
def test_measures_dated_differently_in_two_articles_stay_two_and_an_undated_one_joins_one(order):
    texts = {"april": APRIL, "october": OCTOBER, "undated": UNDATED}
    graph = built(*[(name, texts[name]) for name in order])
    found = measures(graph)
    assert len(found) == 2
    partition = _partition(graph)
    assert ["april"] in partition or ["april", "undated"] in partition
    assert ["october"] in partition or ["october", "undated"] in partition
    assert sorted(source for group in partition for source in group) == ["april", "october", "undated"]


@pytest.mark.parametrize("order", [("dated", "undated"), ("undated", "dated")])
def test_the_same_measure_restated_without_a_date_joins_its_dated_node_in_any_order(order):
    texts = {"dated": APRIL, "undated": UNDATED}
    graph = built(*[(name, texts[name]) for name in order])
    [found] = measures(graph)
    assert found["id"] == "measure:cn:export_control:rare-earth-elements"
    assert sorted(graph.nodes[found["id"]].sources) == ["dated", "undated"]
    assert graph.nodes[found["id"]].props["date"] == "2025-04"


def test_a_measure_dated_by_year_joins_the_one_dated_by_month_of_that_year():
    graph = built(("a", "China imposed export controls on gallium and germanium in July 2023."),
                  ("b", "China's 2023 export controls on gallium have cut shipments to Japan."))
    [found] = measures(graph)
    assert sorted(graph.nodes[found["id"]].sources) == ["a", "b"]
