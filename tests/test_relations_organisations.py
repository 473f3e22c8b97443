"""Where organisations are based: what the text states of a government body's country, and
national bodies named with their country.  Sentences are written for the test."""

from __future__ import annotations

import pytest

from minegraph.graph.model import Graph
from minegraph.loaders.documents import Document
from minegraph.loaders.entities import Entity, is_portfolio_body, portfolio_name
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.resolve import resolve_against


def extract(text: str, doc_id: str = "t") -> Graph:
    return extract_graph(Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256=doc_id, published="2024-05-02"))


def based(graph: Graph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in graph.edges("BASED_IN"):
        out.setdefault(graph.nodes[r.source].name, set()).add(graph.nodes[r.target].name)
    return out


def test_a_country_describing_a_thing_does_not_place_a_body():
    # "Chinese supply chains" says nothing about where the agency is
    g = extract(
        "The Defense Logistics Agency plans to buy cobalt to cut reliance on Chinese supply chains. "
        "The agency said Chinese refiners dominate the market."
    )
    assert "Defense Logistics Agency" in {n.name for n in g.by_label("Agency")}
    assert "Defense Logistics Agency" not in based(g)


def test_the_one_country_an_article_names_places_its_bodies():
    g = extract("India imports graphite. The General Inspectorate of Finance reviewed the mining contracts.")
    assert based(g)["General Inspectorate of Finance"] == {"India"}


def test_a_dominant_country_places_a_body_and_a_rival_one_does_not():
    dominant = extract(
        "Peru exports copper. Peru also mines zinc, and Peru plans a new smelter. "
        "The Geological Survey Bureau mapped the deposits, with help from Chile."
    )
    assert based(dominant)["Geological Survey Bureau"] == {"Peru"}
    even = extract(
        "Peru exports copper and Chile exports lithium. Peru and Chile met in Lima. "
        "The Geological Survey Bureau mapped the deposits."
    )
    assert "Geological Survey Bureau" not in based(even)


def test_the_country_of_a_person_who_works_for_the_body():
    # Japan is named more often; the minister's title says whose ministry it is
    g = extract(
        "Japan hosted the talks. Japan and Chile signed a memorandum on lithium. Japan's trade minister "
        "attended. Chilean Mining Minister Juana Rivas said the Mining Ministry would lead the work."
    )
    ministry = next(n for n in g.by_label("Agency") if "Mining" in n.name)
    assert based(g)[ministry.name] == {"Chile"}
    assert ministry.name == "Ministry of Mining of Chile"


def test_the_countrys_body_is_the_country_named_before():
    g = extract(
        "Acme Nuclear is owned by the French state and the country's Atomic Energy Commission holds a stake."
    )
    assert based(g)["Atomic Energy Commission"] == {"France"}


def test_a_country_joined_into_a_name_and_a_city_in_a_public_body_name():
    g = extract("InvestPeru and the Lima Port Authority met Acme Mining in Cusco with officials of Chile and Japan.")
    placed = based(g)
    assert placed["InvestPeru"] == {"Peru"}
    assert placed["Lima Port Authority"] == {"Peru"}


def test_a_ministry_named_by_its_portfolio_is_named_with_its_country():
    g = extract("Peru's Ministry of Energy and Mines approved the plan on Monday, Acme Mining said.")
    ministry = next(iter(g.by_label("Agency")))
    assert ministry.name == "Ministry of Energy and Mines of Peru"
    assert {"Peruvian Ministry of Energy and Mines", "Ministry of Energy and Mines"} <= set(ministry.aliases)
    g = extract("The United States and Chile talked. The U.S. Department of Energy and Chile's Mining Ministry met.")
    assert {n.name for n in g.by_label("Agency")} >= {"Ministry of Mining of Chile"}


def test_a_name_every_state_bears_is_written_with_the_country():
    g = extract("Acme Mining said Peru's Foreign Ministry backed the plan. The Foreign Ministry said so too.")
    ministry = next(iter(g.by_label("Agency")))
    assert ministry.name == "Ministry of Foreign Affairs of Peru"
    assert {"Peruvian Foreign Ministry", "Peru's Foreign Ministry", "Peruvian Ministry of Foreign Affairs"} <= set(
        ministry.aliases
    )
    assert not {"Foreign Ministry", "Ministry of Foreign Affairs"} & set(ministry.aliases)
    g = extract("Acme Mining met the Department of Energy. The United States wants cobalt; Washington said so.")
    body = next(n for n in g.by_label("Agency") if "Energy" in n.name)
    assert body.name == "Department of Energy of the United States"
    assert "United States Department of Energy" in body.aliases


def test_two_countries_ministries_stay_apart_across_articles():
    known = extract("Chile's Foreign Ministry said the talks went well, Acme Mining said.", "a")
    other = extract("Peru's Foreign Ministry said the talks went well, Acme Mining said.", "b")
    merged = resolve_against(other, known)
    chile = {n.id for n in known.by_label("Agency")}
    peru = {n.id for n in merged.by_label("Agency")}
    assert chile and peru and not chile & peru


def test_bodies_whose_names_carry_different_countries_are_not_merged_across_articles():
    for form in ("Investment Authority", "Metals Holdings Ltd"):
        known = extract(f"The Peru {form} bought a stake in Acme Mining.", "a")
        other = extract(f"The Chile {form} bought a stake in Acme Mining.", "b")
        merged = resolve_against(other, known)
        chile = next(n for n in merged.nodes.values() if n.name == f"Chile {form}")
        assert chile.id not in known.nodes


def test_a_ministry_named_with_a_list_adjective_is_named_with_its_country():
    from minegraph.loaders.pipeline import build_graph

    docs = [
        Document(
            id="a", path="a.txt", sha256="a", published="2024-05-02",
            text="It involved various Peruvian ministries, including Mines, Budget and Finance, and Acme Mining.",
        ),
        Document(
            id="b", path="b.txt", sha256="b", published="2024-05-02",
            text="India imports graphite. The Ministry of Mines of India said exports rose, Acme Mining said.",
        ),
    ]
    graph = build_graph(docs)
    mines = sorted(n.name for n in graph.by_label("Agency") if "Mines" in n.name)
    assert mines == ["Ministry of Mines of India", "Ministry of Mines of Peru"]


def test_a_country_name_cut_short_is_not_part_of_a_ministry_name():
    from minegraph.loaders.mentions import find_mentions

    found = find_mentions("It signed with the Ministry of Mines of the Democratic Republic on Monday.").mentions
    assert [m.text for m in found if m.label == "Agency"] == ["Ministry of Mines"]


def part_of(text: str) -> set[tuple[str, str]]:
    g = extract(text)
    return {(g.nodes[r.source].name, g.nodes[r.target].name) for r in g.edges("PART_OF")}


def test_a_stated_owner_makes_a_subsidiary_or_a_venture_part_of_it():
    assert part_of("Kestrel Ocean Metals Inc (KOM), a wholly-owned subsidiary of The Acme Co, plans a listing.") == {
        ("Kestrel Ocean Metals Inc", "Acme Co")
    }
    assert part_of("The mine is run by Borealis Energy, a joint venture between Acme Mining and Kestrel Metals.") == {
        ("Borealis Energy", "Acme Mining"),
        ("Borealis Energy", "Kestrel Metals"),
    }
    assert part_of("Acme Holdings Inc., which owns Peru's top miner Acme Mining, said on Monday it would invest.") == {
        ("Acme Mining", "Acme Holdings Inc.")
    }
    assert part_of("Borealis Lithium will get a loan through its subsidiary Kestrel Technology Oy.") == {
        ("Kestrel Technology Oy", "Borealis Lithium")
    }
    assert part_of("Acme Nuclear Corp is a company that is owned by Kestrel Metals Ltd and Borealis Power Inc.") == {
        ("Acme Nuclear Corporation", "Kestrel Metals Ltd"),
        ("Acme Nuclear Corporation", "Borealis Power Inc."),
    }


def test_a_body_of_another_body():
    assert part_of("The Statistics Office, the European Union's executive arm, said so.") == {
        ("Statistics Office", "European Union")
    }
    assert part_of("The case went to the World Bank's Kestrel Arbitration Centre in May.") == {
        ("Kestrel Arbitration Centre", "World Bank")
    }
    assert part_of("It is hosted by the United Nations and the United Nations Development Programme.") == {
        ("United Nations Development Programme", "United Nations")
    }


def test_no_owner_no_part():
    assert part_of("Acme Mining and Kestrel Metals signed a supply deal with Borealis Lithium.") == set()


def test_a_press_release_bracket_and_a_country_named_before_a_list_of_firms():
    placed = based(extract("Acme Energy signed a deal with Kestrel Graphite Inc. (“KG”; Quebec, Canada), a maker."))
    assert placed["Kestrel Graphite Inc."] == {"Canada"}
    placed = based(extract("The minister leads 16 UK minerals companies including Acme Lithium and Kestrel Mines."))
    assert placed["Acme Lithium"] == placed["Kestrel Mines"] == {"United Kingdom"}


def test_an_adjective_describes_only_up_to_a_coordination():
    placed = based(extract("Officials of the Indian government and the Survey Bureau met Sri Lanka's miners."))
    assert placed.get("Survey Bureau") != {"India"}


def test_a_special_administrative_region_places_things_in_its_state():
    g = extract("Acme Metals Ltd, also based in Hong Kong, signed the deal.")
    assert based(g)["Acme Metals Ltd"] == {"China"}
    assert "Hong Kong" not in {n.name for n in g.by_label("Country")}


def test_a_ministers_title_places_a_ministry():
    g = extract(
        "Peru and Chile met. Ana Ruiz, Minister of Mines and Energy of the Republic of Peru, spoke. "
        "Acme Mining signed a deal with the Ministry of Mines and Energy."
    )
    assert based(g)["Ministry of Mines and Energy of Peru"] == {"Peru"}
    # the one country of the sentence, one of whose organisations carries it in its name
    g = extract(
        "Peru and Chile met. The Peru Institute of Geology, with the Ministry of Trade, held the forum in Lima."
    )
    assert based(g)["Ministry of Trade of Peru"] == {"Peru"}
    # a body of another country named in the same sentence says nothing of the ministry's
    g = extract(
        "Peru and Norway met. It was signed by Ana Ruiz of the Ministry of Energy and Mines and Lars Berg of "
        "the Norwegian Trade Agency."
    )
    assert "Ministry of Energy and Mines" not in str(based(g))


def test_a_countrys_ministry_joins_no_ministry_whose_country_stayed_open():
    from minegraph.loaders.pipeline import build_graph

    def doc(i: str, text: str) -> Document:
        return Document(id=i, path=f"{i}.txt", sha256=i, published="2024-05-02", text=text)

    placed = doc("a", "Peru's Ministry of Energy and Mines signed with Acme Mining on Monday.")
    open_ = doc("b", "Peru and Chile met in Lima. The Ministry of Energy and Mines signed with Acme Mining.")
    # the open one may be read as the one known with its country (as "the State Department" is) ...
    assert sorted(n.id for n in build_graph([placed, open_]).by_label("Agency")) == [
        "agency:ministry-of-energy-and-mines-pe"
    ]
    # ... but a country's ministry never joins one whose country was left open
    assert sorted(n.id for n in build_graph([open_, placed]).by_label("Agency")) == [
        "agency:ministry-of-energy-and-mines",
        "agency:ministry-of-energy-and-mines-pe",
    ]


def test_a_firm_described_by_joined_demonyms_is_based_in_each_country():
    got = based(extract("Kestrel Lithium, a Swiss-Chilean explorer, is drilling two wells."))
    assert got["Kestrel Lithium"] == {"Switzerland", "Chile"}


def test_a_known_firm_s_legal_form_after_a_comma_is_part_of_its_name_and_its_bracket_places_it():
    got = based(extract("Mitsui & Co., Ltd. (“Mitsui”; Osaka, Japan) announced a lithium offtake on Monday."))
    assert got == {"Mitsui & Co.": {"Japan"}}


def test_a_firm_that_is_a_national_firm_is_based_in_that_country():
    got = based(extract("Acme Holdings LLC is a Mongolian holding company with three mines."))
    assert got == {"Acme Holdings LLC": {"Mongolia"}}


@pytest.mark.timeout(60)  # the old pattern took hours to refuse a name like this: a hang, not a speed figure
def test_a_long_ministry_name_that_is_no_portfolio_is_refused_at_once():
    name = "Ministry of Mineral Resources Development Planning Cooperation Industry of"
    body = Entity(key="k", label="Agency", name=name, props={"kind": "ministry"})
    assert not is_portfolio_body(body)
    assert not portfolio_name(name)
    assert portfolio_name("Ministry of Mineral Resources Development Planning")


def test_a_firm_s_home_after_its_ticker_and_a_unit_s_adjective_is_the_unit_s():
    # "(TSX: KLI), based in Vancouver, Canada": the bracket does not hide where the firm is based
    assert based(extract("Kestrel Lithium (TSX: KLI), based in Vancouver, Canada, signed a deal.")) == {
        "Kestrel Lithium": {"Canada"}
    }
    # "the Chilean unit of Acme Corp": Chilean is the unit's, not the parent's
    g = extract("Kestrel Lithium SA, the Chilean unit of Acme Corp, signed a deal.")
    assert based(g) == {"Kestrel Lithium SA": {"Chile"}}
    # "a subsidiary of Chinese group Jinshan Holdings": the parent past its country's adjective
    g = extract("Kestrel Lithium, a subsidiary of Chinese group Jinshan Holdings, signed a deal.")
    parts = {(g.nodes[r.source].name, g.nodes[r.target].name) for r in g.edges("PART_OF")}
    assert parts == {("Kestrel Lithium", "Jinshan Holdings")}
    assert based(g)["Jinshan Holdings"] == {"China"}


def test_a_country_right_before_a_body_places_it():
    g = extract("Peru and the U.S. International Development Finance Corporation signed a letter of intent in Lima.")
    assert {"United States"} in [v for k, v in based(g).items() if k.endswith("Development Finance Corporation")]


def test_the_bracket_country_wins_over_a_country_in_the_firms_name():
    g = extract("Japan has been part of the Lofty project of Namibia Lithium Metals Inc. (Canada) since 2020.")
    assert {"Canada"} in [v for k, v in based(g).items() if k.startswith("Namibia Lithium Metals")]


def test_a_joint_venture_of_parents_from_two_countries_inherits_neither_home():
    g = extract(
        "The project is run by Kestrel Energy, a joint venture between France's Arvelle and Bayan Atom, "
        "a Mongolian state miner."
    )
    assert "Kestrel Energy" not in based(g) and based(g).get("Arvelle") == {"France"}
    assert based(extract("The mine is run by Kestrel Energy, a subsidiary of France's Arvelle.")).get(
        "Kestrel Energy"
    ) == {"France"}


def test_a_body_named_for_two_countries_is_based_in_neither():
    g = extract("The Peru-Chile Joint Committee on Copper met in Lima on Monday.")
    assert not [k for k in based(g) if k.startswith("Peru-Chile Joint Committee")]
    assert based(extract("The Peru Copper Institute met on Monday.")).get("Peru Copper Institute") == {"Peru"}




@pytest.mark.parametrize("alias", ["(HMC)", '("HMC")', '("Hoshizora")'])
def test_a_firm_described_after_its_short_name_in_brackets(alias):
    text = f"Kestrel Nickel Ltd. signed an offtake with Hoshizora Magnetics Co., Ltd. {alias}, a Japanese magnet maker."
    assert based(extract(text)).get("Hoshizora Magnetics Co., Ltd.") == {"Japan"}


def home(graph: Graph, prefix: str) -> set[str]:
    """The countries the firm whose name opens with ``prefix`` is based in (its name as resolved)."""
    return next((places for name, places in based(graph).items() if name.startswith(prefix)), set())


def test_a_state_firm_is_based_in_the_one_country_its_sentence_names():
    g = extract(
        "Peru exports copper. Chile mines lithium and Chile refines copper. Bolivian officials met on "
        "Monday with the state mining company Salarmar Corp. to discuss lithium."
    )
    assert home(g, "Salarmar") == {"Bolivia"}


def test_a_state_firm_is_not_based_where_other_firms_adjective_places_them():
    # "Indian companies" are other firms: the state company is the Bolivian one's
    g = extract(
        "India signed memoranda with Peru and Bolivia. Under the Bolivian one, Indian companies may bid for "
        "lithium contracts with the state company Salarmar Corp."
    )
    assert home(g, "Salarmar") == {"Bolivia"}


def test_the_country_that_describes_a_state_firm_places_it_past_a_coordination():
    g = extract(
        "Korea's Hanbit Materials Co. said on Monday it would sign a lithium supply agreement with "
        "Chile's state copper and lithium company Andesal Corp. before the end of the year."
    )
    assert home(g, "Andesal") == {"Chile"}


def test_a_firm_not_owned_by_a_state_is_not_placed_by_the_sentence():
    g = extract(
        "Peru exports copper. Chile mines lithium and Chile refines copper. Bolivian officials met on "
        "Monday with the mining company Salarmar Corp. to discuss lithium."
    )
    assert home(g, "Salarmar") == set()


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Velmora Metals is a company based in France which refines uranium.", "France"),
        ("Kestrel Graphite signed with Velmora Metals AG, a company from Germany, to build a refinery.", "Germany"),
        ("Velmora Metals Ltd, a state-owned company of Zimbabwe, signed a study agreement on lithium.", "Zimbabwe"),
        ("Velmora Metals plc is a UK-incorporated exploration company with tin projects in Rwanda.", "United Kingdom"),
    ],
)
def test_what_a_firm_is_told_to_be_after_its_name_places_it(sentence, country):
    assert home(extract(sentence), "Velmora") == {country}


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("European Parliament", "European Parliament"),
        ("AU Commission", "AU Commission"),
        ("European Commission's Directorate-General for Trade", "Directorate-General for Trade"),
    ],
)
def test_a_body_of_a_union_of_states_is_not_placed_in_the_articles_country(body, name):
    g = extract(
        "Peru exports copper. Peru also mines zinc, and Peru plans a new smelter. "
        f"Officials of the {body} visited the smelter site with Peru's mining minister."
    )
    assert name in {n.name for n in g.by_label("Agency")}
    assert name not in based(g)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("The explorer talks to a South Korean steelmaker, Velmora Special Alloys, on funding.", "South Korea"),
        ("A Korean company, Velmora Materials, is to join the drilling next year.", "South Korea"),
        ("Halcyon plc said its majority-owned Rwandan subsidiary, Velmora Mining Ltd, won a licence.", "Rwanda"),
    ],
)
def test_a_descriptor_then_a_comma_before_the_name_places_it(sentence, country):
    assert home(extract(sentence), "Velmora") == {country}


def test_a_demonym_before_a_noun_that_is_no_organisation_s_places_nothing():
    assert home(extract("In a Korean court filing, Velmora Materials said it would appeal."), "Velmora") == set()


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Velmora Antimony Inc., a family-run U.S. company, was granted federal funding last week.", "United States"),
        ("Their new vehicle, Velmora Antimony LLP, will be a Kazakhstan-registered firm with owners.", "Kazakhstan"),
    ],
)
def test_a_country_s_name_as_the_adjective_after_the_name_places_it(sentence, country):
    assert home(extract(sentence), "Velmora") == {country}


def test_a_descriptor_set_off_without_a_or_its_before_it_places_nothing():
    # "the Korean steelmaker, X" here sets X against that firm: only "a"/"its"/"their" open a descriptor
    assert home(extract("Unlike the Korean steelmaker, Velmora Steel has no plant abroad."), "Velmora") == set()
