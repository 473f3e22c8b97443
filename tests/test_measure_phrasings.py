"""Measures stated in ways the training articles did not show: other verbs of each family,
the passive, nominalisations, possessives, headlines, licences and approvals, and hard
negatives (a company's own decision, a union's or a think tank's wish, an agreement, a
guess, a hypothetical).  The cue patterns are composed from families of words
(loaders/reference/measures.json ``families``); these sentences, all written for the test,
check that the composition reaches wording nobody fitted a rule to."""

from __future__ import annotations

import pytest

from minegraph.loaders.measures import measure_vocabulary
from minegraph.loaders.measures.vocabulary import family_patterns
from tests.test_measures import read, summary

PHRASINGS = [
    # export bans: verbs, nouns, the passive, "barred ... from exporting", a possessive
    ("China will prohibit shipments of gallium from August, the Ministry of Commerce said on Tuesday.",
     ("export_ban", "announced", None, ["China", "Ministry of Commerce of China"], ["gallium"], [])),
    ("Mongolia has barred foreign buyers from exporting fluorspar concentrate, officials said.",
     ("export_ban", "in_force", None, ["Mongolia"], ["fluorspar"], [])),
    ("Zimbabwe's ban on raw lithium exports took effect in January.",
     ("export_ban", "in_force", None, ["Zimbabwe"], ["lithium"], [])),
    ("Exports of rare earths will be banned from next year, Indonesia's trade minister said.",
     ("export_ban", "announced", None, ["Indonesia"], ["rare earth elements"], [])),
    ("Manila halted nickel ore shipments from three provinces, the environment department said.",
     ("export_ban", "in_force", None, ["Philippines"], ["nickel ore"], [])),
    ("Ghana's government has imposed an outright ban on the export of unprocessed lithium.",
     ("export_ban", "in_force", None, ["Ghana"], ["lithium"], [])),
    ("Tanzania suspended the export of raw gold ore after a review of its mining laws.",
     ("export_ban", "in_force", None, ["Tanzania"], ["gold ore"], [])),
    # export controls: licences and approvals, a control list, a regime, the object first
    ("Exports of antimony will need approval from China's Ministry of Commerce under rules published on Thursday.",
     ("export_control", "announced", None, ["China", "Ministry of Commerce of China"], ["antimony"], [])),
    ("Starting December 1, exporters of high-purity graphite will need permits from China's commerce ministry.",
     ("export_control", "announced", None, ["China", "Ministry of Commerce of China"], ["graphite"], [])),
    ("China has added tungsten and tellurium to its export control list.",
     ("export_control", "in_force", None, ["China"], ["tellurium", "tungsten"], [])),
    ("Kazakhstan's government introduced a licensing regime for tungsten exports.",
     ("export_control", "in_force", None, ["Kazakhstan"], ["tungsten"], [])),
    ("Beijing's decision to restrict antimony shipments has sent prices soaring.",
     ("export_control", "in_force", None, ["China"], ["antimony"], [])),
    ("Moscow tightened rules on nickel shipments abroad.",
     ("export_control", "in_force", None, ["Russia"], ["nickel"], [])),
    # quotas: a cap in tonnes, a noun with its figure
    ("Congo will cap cobalt shipments at 12,500 tons for the rest of this year.",
     ("export_quota", "announced", None, ["Democratic Republic of the Congo"], ["cobalt"], [])),
    ("Congo set a cap of 80,000 tonnes on cobalt exports for next year.",
     ("export_quota", "in_force", None, ["Democratic Republic of the Congo"], ["cobalt"], [])),
    ("The Democratic Republic of Congo, which mines most of the world's cobalt, will limit exports to 70,000 "
     "tonnes a year from January.",
     ("export_quota", "announced", None, ["Democratic Republic of the Congo"], ["cobalt"], [])),
    # export taxes: levies and duties
    ("Indonesia slapped a new levy on nickel matte exports.",
     ("export_tax", "in_force", None, ["Indonesia"], ["nickel matte"], [])),
    ("Argentina's government raised export duties on lithium carbonate to 8%.",
     ("export_tax", "in_force", None, ["Argentina"], ["lithium carbonate"], [])),
    ("Zimbabwe introduced a 5% levy on lithium exports.",
     ("export_tax", "in_force", None, ["Zimbabwe"], ["lithium"], [])),
    # import tariffs
    ("Washington slapped duties of 93.5% on imports of graphite anode material from China.",
     ("import_tariff", "in_force", None, ["United States"], ["graphite"], [])),
    ("The United States imposed a 50% tariff on copper imports.",
     ("import_tariff", "in_force", None, ["United States"], ["copper"], [])),
    # royalties
    ("Zimbabwe raised royalty rates for lithium to 7%.", ("royalty", "in_force", None, ["Zimbabwe"], ["lithium"], [])),
    ("Chile's parliament approved a mining royalty on large copper producers.",
     ("royalty", "in_force", None, ["Chile"], ["copper"], [])),
    # nationalisation
    ("Bolivia's government took over the country's lithium industry.",
     ("nationalisation", "in_force", None, ["Bolivia"], ["lithium"], [])),
    ("Mexico's president signed a decree transferring lithium deposits to state control.",
     ("nationalisation", "in_force", None, ["Mexico"], ["lithium"], [])),
    # licences revoked, withdrawn, cancelled, declared void
    ("Niger's junta withdrew the French nuclear group Avelin Energie's operating permit for a uranium mine.",
     ("licence_revocation", "in_force", None, ["Niger"], ["uranium"], ["Avelin Energie"])),
    ("Congo's mines ministry cancelled Tessaro Minerals' rights to part of a lithium project.",
     ("licence_revocation", "in_force", None, ["Democratic Republic of the Congo",
                                              "Ministry of Mines of the Democratic Republic of the Congo"], ["lithium"],
      ["Tessaro Minerals"])),
    ("Panama ordered the closure of Halcyon Resources' copper mine after the court declared its contract "
     "unconstitutional.",
     ("licence_revocation", "in_force", None, ["Panama"], ["copper"], ["Halcyon Resources"])),
    # investment screening
    ("Australia's Treasurer ordered China-linked investors to sell down their stakes in the rare earths miner "
     "Korrin Minerals.",
     ("investment_screening", "in_force", None, ["Australia"], ["rare earth elements"], ["Korrin Minerals"])),
    # critical lists
    ("Australia has listed lithium, nickel and rare earths as critical minerals.",
     ("critical_list", "in_force", None, ["Australia"], ["lithium", "nickel", "rare earth elements"], [])),
    ("Lithium was placed on the EU's list of critical raw materials in 2020.",
     ("critical_list", "in_force", 2020, ["European Union"], ["lithium"], [])),
    # stockpiles: buying for a reserve
    ("The Defense Logistics Agency will purchase cobalt worth up to $500 million for the National Defense "
     "Stockpile.",
     ("stockpile", "announced", None, ["Defense Logistics Agency"], ["cobalt"], [])),
    ("India is building a strategic reserve of critical minerals such as lithium and cobalt.",
     ("stockpile", "in_force", None, ["India"], ["cobalt", "lithium"], [])),
    # processing requirements
    ("Indonesia requires miners to process nickel ore domestically before export.",
     ("processing_requirement", "in_force", None, ["Indonesia"], ["nickel ore"], [])),
    # a measure noun whose object is the mineral itself
    ("The curbs on gallium that Beijing imposed last year have hurt chipmakers.",
     ("export_control", "in_force", None, ["China"], ["gallium"], [])),
    # a country whose exports the measure is on imposes it
    ("Nickel prices have been volatile since the 2014 ban on Indonesian nickel ore exports.",
     ("export_ban", "in_force", 2014, ["Indonesia"], ["nickel ore"], [])),
]


@pytest.mark.parametrize(("sentence", "expected"), PHRASINGS, ids=[c[0][:50] for c in PHRASINGS])
def test_wording_the_training_articles_did_not_show(sentence, expected):
    [found] = read(sentence)
    assert summary(found) == expected


HARD_NEGATIVES = [
    # a company's own decision
    "Halvard Metals halted its own cobalt exports from the Kivu mine.",
    "The company's board voted to suspend shipments of lithium concentrate until prices recover.",
    "Shares in Korrin fell after the company said it would halt rare earth exports to Japan during maintenance.",
    "Halvard Metals cancelled its contract with a Chilean copper supplier.",
    "The miner said its permit application for the lithium project was still under review.",
    # a union's, a committee's, a think tank's or an industry group's wish
    "The miners' union called for a ban on lithium exports.",
    "A Washington think tank proposed that the US stockpile rare earths.",
    "A parliamentary committee recommended that the government ban raw lithium exports.",
    "The trade union said it would ask the government to restrict scrap copper exports.",
    "A think tank urged Canada to build a strategic stockpile of rare earths.",
    "Lithium producers have asked for a royalty cut, the industry group said.",
    "Environmental groups demanded the revocation of the lithium mine's permit.",
    # an agreement between parties
    "The United States and Japan agreed to coordinate export controls on critical minerals.",
    "The two countries signed a pact to lift tariffs on cobalt and nickel.",
    # a guess, a doubt, a hypothetical, a refusal
    "Analysts expect China may restrict graphite exports.",
    "Traders warned of possible curbs on tungsten shipments.",
    "Investors are watching whether Beijing will tighten export controls on graphite.",
    "It is unclear whether Zimbabwe will enforce its lithium export ban.",
    "Analysts say a ban on nickel ore exports would hurt Philippine miners.",
    "Namibia said it does not intend to seize licences from lithium miners already at work.",
    # trade figures, a market, a technology
    "Lithium exports from Chile rose 20% in May.",
    "China dominates exports of gallium and germanium.",
    "Exports of copper from Zambia were disrupted by floods.",
    "Shares of Korrin rose after China banned exports of magnet technology.",
    # people or events, not a government, stop the trade
    "Exports of copper from Zambia were halted by a strike at the port.",
    "Protesters in Peru blocked shipments of copper concentrate from a mine in the south.",
    "Floods in Zambia blocked shipments of copper for two weeks.",
    "The civil war in Myanmar cut off exports of tin from the eastern provinces.",
    "Rebels seized control of the coltan mines of eastern Congo.",
    # a state buying a company's assets in a deal is no nationalisation
    "Zambia took over the copper mines from Halvard Metals in a $1 billion deal.",
]


@pytest.mark.parametrize("sentence", HARD_NEGATIVES, ids=[s[:50] for s in HARD_NEGATIVES])
def test_no_measure_in_a_hard_negative(sentence):
    assert read(sentence) == []


def test_a_may_date_is_no_guess():
    """'May' the month (a dateline) is not the modal of a guess."""
    [found] = read("ACCRA, May 3 (Reuters) - The government will stop exports of raw bauxite from next year, "
                   "the minister said.")
    assert summary(found) == ("export_ban", "announced", None, ["Ghana"], ["bauxite"], [])


# --- the families of words ---------------------------------------------------------------------


def test_each_family_is_composed_into_every_shape_it_has():
    """A family with verbs, nouns, participles and a 'from' gives the five shapes: verb +
    object, noun + object, modifier + noun, object + participle, verb + someone + from."""
    family = {"object": "export", "verbs": ["embargo(?:es|ed)?"], "nouns": ["embargo"], "participles": ["embargoed"],
              "from": True}
    objects = {"export": {"noun": "exports?", "modifier": "exports?", "gerund": "exporting"}}
    import re

    patterns = [re.compile(r"\b(?:" + p + r")", re.I) for p in family_patterns(family, objects)]
    shapes = ["embargoed all exports", "an embargo on the exports", "the export embargo",
              "exports of tin were embargoed", "embargoed foreign buyers from exporting"]
    for text in shapes:
        assert any(p.search(text) for p in patterns), text
    assert not any(p.search("embargoed shipments of oil") for p in patterns[:1])


def test_an_object_followed_by_a_measure_noun_is_that_noun_s_modifier():
    """'suspended export licences' is about licences: the verb family of bans does not take it."""
    vocabulary = measure_vocabulary()
    bans = [p for kind, p in vocabulary.cues if kind == "export_ban"]
    assert not any(p.search("Beijing suspended export licences for two firms") for p in bans)


def test_the_vocabulary_names_its_public_sources_and_a_category_for_every_kind():
    import json
    from pathlib import Path

    from minegraph.graph.model import MEASURE_KINDS
    from minegraph.loaders.gazetteer import REFERENCE_DIR

    data = json.loads((Path(REFERENCE_DIR) / "measures.json").read_text(encoding="utf-8"))
    for source in ("OECD Inventory of Export Restrictions", "UNCTAD", "IEA Critical Minerals Policy Tracker"):
        assert source in data["_source"]
    assert set(data["taxonomy"]) == set(MEASURE_KINDS)
    assert set(data["families"]) <= set(MEASURE_KINDS)
