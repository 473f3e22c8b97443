"""The per-article entity registry: which mentions are one entity and which are none
(invented sentences)."""

from __future__ import annotations

from minegraph.graph.model import Graph
from minegraph.loaders.documents import Document
from minegraph.loaders.entities import EntityRegistry
from minegraph.loaders.extract import _titled_person, extract_graph


def extract(text: str) -> Graph:
    return extract_graph(Document(id="d", path="d.txt", text=text, sha256="d", published="2024-05-02"))


def names(graph: Graph, label: str) -> set[str]:
    return {n.name for n in graph.by_label(label)}


def test_a_bare_head_refers_to_the_one_body_with_that_head():
    reg = EntityRegistry()
    ministry = reg.add("Agency", "Ministry of Mines and Energy", 0, {"kind": "ministry"})
    assert reg.add("Agency", "Ministry", 1, {"kind": "ministry"}) is ministry


def test_a_bare_head_with_no_body_before_it_is_not_an_entity():
    g = extract("The Ministry said the licences would be reviewed.")
    assert names(g, "Agency") == set()
    reg = EntityRegistry()
    reg.add("Agency", "Ministry of Mines", 0, {"kind": "ministry"})
    reg.add("Agency", "Ministry of Finance", 0, {"kind": "ministry"})
    assert reg.add("Agency", "Ministry", 1, {"kind": "ministry"}).label == "Name"  # which of the two?


def test_plain_congo_is_the_democratic_republic():
    g = extract("Congo produces most of the world's cobalt. The Republic of Congo exports timber.")
    assert names(g, "Country") == {"Democratic Republic of the Congo", "Republic of the Congo"}


def test_a_company_board_is_not_an_agency():
    g = extract("The deal was signed by the chairman of Tamarind Metals' Board of Directors and Kestrel Mining LLC.")
    assert names(g, "Agency") == set()
    assert {"Tamarind Metals", "Kestrel Mining LLC"} <= names(g, "Company")


def test_a_one_word_short_form_of_a_longer_name():
    reg = EntityRegistry()
    firm = reg.add("Company", "Kestrel Tinto", 0)
    assert reg.add("Company", "Kestrel", 1) is firm
    # a name whose other words are designators may have a parent of that one word
    reg = EntityRegistry()
    unit = reg.add("Company", "Kestrel Energy Co.", 0)
    assert reg.add("Company", "Kestrel", 1) is not unit


def test_an_organisation_given_a_short_form_already_named_is_that_one():
    g = extract("Ruritania's TMC opened a plant. Tamarind Metals Corporation (TMC), a cathode maker, will supply it.")
    assert [n.name for n in g.by_label("Company")] == ["Tamarind Metals Corporation"]


def test_a_family_name_alone_is_the_person_named_in_full():
    reg = EntityRegistry()
    person = reg.add("Person", "Omar bin Ali al Haddad", 0)
    assert reg.add("Person", "Al Haddad", 1) is person
    person = reg.add("Person", "Ana Lello Ivanova", 0)
    assert reg.add("Person", "Lello Ivanova", 1) is person
    assert reg.add("Person", "Rosa Ivanova", 1) is not person


def test_a_title_and_part_of_a_name_refer_to_the_person_named_in_full():
    g = extract("Peru's president, Ana Vega Ruiz, spoke on Monday. President Ruiz then attended the Lima Mining Forum.")
    assert names(g, "Person") == {"Ana Vega Ruiz"}
    assert ("person:ana-vega-ruiz", "PARTICIPATED_IN", "event:lima-mining-forum") in g.relationships
    g = extract("Mexico's president, Ana Vega Ruiz, spoke on Monday. Vega Ruiz later attended the Lima Mining Forum.")
    assert ("person:ana-vega-ruiz", "PARTICIPATED_IN", "event:lima-mining-forum") in g.relationships
    # words of two people's names, or a first name alone after a title, name neither of them
    reg = EntityRegistry()
    ana, tomas = reg.add("Person", "Ana Vega Ruiz", 0), reg.add("Person", "Tomas Ortega", 0)
    people = {w: p for p in (ana, tomas) for w in p.name.split()}
    assert _titled_person("President Ortega Ruiz", people) is None
    assert _titled_person("President Ana", people) is None
    assert _titled_person("Minister Vega Ruiz", people) is ana


def test_the_war_department_is_the_department_of_defense():
    g = extract("The War Department said it would buy cobalt for its stockpile.")
    agency = g.by_label("Agency")[0]
    assert agency.name == "Department of Defense" and "War Department" in agency.aliases


def test_a_headless_name_given_a_short_form_is_an_organisation():
    g = extract("The state will hold 40% of Vandor Hydroelectrique (VANDHYDRO) of Zenda. VANDHYDRO will build the dam.")
    firm = g.by_label("Company")
    assert [(n.name, n.aliases) for n in firm] == [("Vandor Hydroelectrique", ["VANDHYDRO"])]
    # a law, a policy or a zone given a short form is no organisation
    g = extract("The Clean Metals Act (CMA) and the Kestrel Mining Vision (KMV) cover the Tamarind Zone (TZ).")
    assert names(g, "Company") == set() and names(g, "Agency") == set()


def test_a_name_set_off_after_a_firm_word_is_that_firm():
    g = extract("Ruritania's state-run lithium firm, ZLB, opened a plant. ZLB chief executive Ana Ruiz said so.")
    assert names(g, "Company") == {"ZLB"}
    assert [(r.source, r.type, r.target) for r in g.relationships.values() if r.type == "WORKS_FOR"] == [
        ("person:ana-ruiz", "WORKS_FOR", "company:zlb")
    ]
    # a list after the firm word is not its name
    g = extract("Output rose at the firm, Kestrel Lake and Tamarind Bay reported.")
    assert "Kestrel Lake" not in names(g, "Company")


def test_the_assembly_of_an_intergovernmental_body_is_an_event():
    g = extract(
        "Leaders met at the United Nations General Assembly in September. The UN General Assembly adopted a text."
    )
    assert [(n.name, n.aliases) for n in g.by_label("Event")] == [
        ("United Nations General Assembly", ["UN General Assembly"])
    ]
    g = extract("Ministers gathered at the 80th session of the UN General Assembly. The Assembly closed on Friday.")
    [event] = g.by_label("Event")
    assert event.name == "United Nations General Assembly"
    assert "80th session of the United Nations General Assembly" in event.aliases
    # a state's assembly is its parliament
    g = extract("Ruritania's National Assembly passed the mining law.")
    assert names(g, "Agency") == {"National Assembly"} and names(g, "Event") == set()


def test_a_short_form_after_the_place_of_the_organisation_is_its_alias():
    g = extract("The Kestrel Metals Company of Ndola (KMC) signed the deal. KMC will invest $10 million.")
    assert [(n.name, n.aliases) for n in g.by_label("Company")] == [("Kestrel Metals Company", ["KMC"])]
    g = extract('The Tamarind Survey Authority in Lusaka ("TSA") mapped the belt. TSA said copper reserves rose.')
    assert [(n.name, n.aliases) for n in g.by_label("Agency")] == [("Tamarind Survey Authority", ["TSA"])]
    g = extract("The Zambia Geological Survey (ZGS, Lusaka) released a map. ZGS said copper reserves rose.")
    assert [(n.name, n.aliases) for n in g.by_label("Agency")] == [("Zambia Geological Survey", ["ZGS"])]
    g = extract("The National Mining Company of Zambia, known as NAMCO, signed the deal. NAMCO will invest.")
    assert [(n.name, n.aliases) for n in g.by_label("Company")] == [("National Mining Company", ["NAMCO"])]
    # a bracket after a place that does not spell the name is not its short form
    g = extract("The Kestrel Metals Company of Ndola (ZX) signed the deal.")
    assert [n.aliases for n in g.by_label("Company")] == [[]]


def test_the_other_party_of_a_deal_is_a_firm():
    g = extract("Zambia signed a $2 billion battery deal with Zorblax in 2021.")
    assert names(g, "Company") == {"Zorblax"}
    g = extract("The miner signed an offtake agreement with Quorra Lithium for ten years.")
    assert names(g, "Company") == {"Quorra Lithium"}
    # a region is no firm
    g = extract("Zambia signed a partnership with Western Australia on mining skills.")
    assert names(g, "Company") == set()


def test_the_parties_of_a_deal_between_two_names_are_firms():
    g = extract("The plant is a joint venture between Kestrel and Quorra Lithium.")
    assert names(g, "Company") == {"Kestrel", "Quorra Lithium"}
    g = extract("Trucks run between Lobito and Kolwezi.")
    assert names(g, "Company") == set()


def test_a_short_form_of_several_words_without_the_designators_is_the_same_firm():
    reg = EntityRegistry()
    firm = reg.add("Company", "Borvik Kobalt Minerals", 0)
    assert reg.add("Company", "Borvik Kobalt", 3) is firm
    assert firm.name == "Borvik Kobalt Minerals"
    # two firms of the article open with the same words: which one is meant is not known
    reg = EntityRegistry()
    reg.add("Company", "Borvik Kobalt Minerals", 0)
    reg.add("Company", "Borvik Kobalt Mining Ltd", 0)
    assert reg.add("Company", "Borvik Kobalt", 3).name == "Borvik Kobalt"
    # a word left out that is no designator ("Refinery") makes another name
    reg = EntityRegistry()
    reg.add("Company", "Borvik Kobalt Refinery Holdings", 0)
    assert reg.add("Company", "Borvik Kobalt", 3).name == "Borvik Kobalt"


def test_an_initial_and_the_family_name_refer_to_the_person_named_in_full():
    reg = EntityRegistry()
    person = reg.add("Person", "Arman Serikuly Dosov", 0)
    assert reg.add("Person", "A. Dosov", 1) is person
    assert reg.add("Person", "B. Dosov", 2) is not person  # another initial: another person


def test_an_offices_portfolio_is_not_a_firm():
    # the portfolio after a title's "of"/"for", or before a government title, names no firm or agreement
    g = extract(
        "The memorandum was signed by the Ruritanian Commissioner for Industrial Strategy and Raw Materials, "
        "Ana Belo, and by Freedonia's Energy and Natural Resources Undersecretary Jon Arvo. "
        "Tom Sall, Director for Raw Materials at the Acme Institute, welcomed it."
    )
    assert names(g, "Company") == set()
    assert names(g, "Agreement") & {"Industrial Strategy", "Raw Materials"} == set()
    # a firm's officer "of" the firm keeps the firm
    g = extract("Ana Belo, Managing Director of Kestrel Resources, said output would rise.")
    assert names(g, "Company") == {"Kestrel Resources"}


def test_a_currency_named_with_its_country_is_no_country():
    g = extract("Ruritania said bilateral trade exceeded 3 billion US dollars, paid partly in Japanese yen.")
    assert names(g, "Country") == set()
    # the country named for itself still is one
    g = extract("The fund, worth 40 million Canadian dollars, was set up by Canada.")
    assert names(g, "Country") == {"Canada"}


def test_a_firms_short_form_joins_its_full_name_in_either_order():
    # the headline's short form first, the full name with its designator after it
    reg = EntityRegistry()
    short = reg.add("Company", "Tarsis Alloys", 0)
    assert reg.add("Company", "Tarsis Alloys & Metals Ltd", 1) is short
    # the full name first, its leading words after it
    reg = EntityRegistry()
    full = reg.add("Company", "Tarsis Alloys & Metals Ltd", 0)
    assert reg.add("Company", "Tarsis Alloys", 1) is full
    reg = EntityRegistry()
    one = reg.add("Company", "Harukawa", 0)
    assert reg.add("Company", "Harukawa Corp", 1) is one
    # a subsidiary named with a country, or a one-word name's holding company, is another firm
    reg = EntityRegistry()
    parent = reg.add("Company", "Kalgoor Rare Metals", 0)
    assert reg.add("Company", "Kalgoor Rare Metals Namibia (Pty) Ltd", 1) is not parent
    reg = EntityRegistry()
    one = reg.add("Company", "Kestrel", 0)
    assert reg.add("Company", "Kestrel Holdings", 1) is not one
