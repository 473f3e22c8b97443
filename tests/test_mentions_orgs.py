"""Organisations named without a designator, found from the reference list and context
(invented sentences)."""

from __future__ import annotations

from minegraph.loaders.mentions import INVEST_AGENCY, TICKER, find_mentions


def found(text: str, heading: bool = False) -> list[tuple[str, str]]:
    return [(m.label, m.text) for m in find_mentions(text, heading).mentions]


def test_bare_company_names_from_the_reference_list():
    assert found("Glencore and Albemarle agreed to study a lithium refinery.") == [
        ("Company", "Glencore"),
        ("Company", "Albemarle"),
        ("Mineral", "lithium"),
    ]


def test_reference_match_takes_the_longest_form_and_keeps_the_surface_as_alias():
    ms = find_mentions("The London Metal Exchange suspended trading.").mentions
    assert [(m.label, m.text) for m in ms] == [("Company", "London Metal Exchange")]
    ms = find_mentions("It sold shares of Rio Tinto plc.").mentions
    assert [(m.label, m.text, m.acronym) for m in ms] == [("Company", "Rio Tinto", "Rio Tinto plc")]
    ms = find_mentions("It traded on the LME.").mentions
    assert [(m.label, m.text, m.acronym) for m in ms] == [("Company", "London Metal Exchange", "LME")]
    ms = find_mentions("Investors in Zijin weighed the offer.").mentions
    assert [(m.label, m.text, m.acronym) for m in ms] == [
        ("Name", "Investors", ""),
        ("Company", "Zijin Mining", "Zijin"),
    ]


def test_development_lenders_are_agencies_and_state_firms_are_flagged():
    ms = find_mentions("The Asian Development Bank and Codelco signed a loan.").mentions
    assert [(m.label, m.text) for m in ms] == [("Agency", "Asian Development Bank"), ("Company", "Codelco")]
    assert ms[1].props == {"state_owned": True}


def test_a_reference_name_inside_a_longer_name_is_not_the_firm():
    # "Ford" is a carmaker, "Gerald Ford" a person; "Vale Street" a place
    assert ("Company", "Ford Motor") not in found("Gerald Ford visited the plant on Vale Street.")
    assert [m for m in found("Gerald Ford visited the plant.") if m[0] == "Company"] == []


def test_a_firm_named_in_a_reporting_clause_is_not_a_person():
    assert found("Goldman Sachs said prices would rise.") == [("Company", "Goldman Sachs")]


def test_the_asset_of_a_firm_is_not_the_firm():
    assert [m for m in found("Work resumed at the Oyu Tolgoi mine.") if m[0] == "Company"] == []


def test_acronym_in_brackets_is_left_to_the_text_definition():
    # a short form in brackets defines the name before it, it does not name a listed firm
    labels = found("The Inspectorate of Audits (BHP) published a report.")
    assert ("Company", "BHP") not in labels


def test_known_names_are_found_in_headlines():
    assert found("Zijin Mining Buys Stake In Ivanhoe Mines", heading=True) == [
        ("Company", "Zijin Mining"),
        ("Company", "Ivanhoe Mines"),
    ]


def test_ticker_pattern():
    for listing in ("(ASX: ABC)", "(TSX-V: XYZ; OTCQX: XYZF)", "(NYSE American: AB)", "( ASX:A1B )"):
        assert TICKER.fullmatch(listing), listing
    for not_listing in ("(ABC)", "(2024: 5%)", "(ASX)", "(see: below)"):
        assert not TICKER.fullmatch(not_listing), not_listing


def test_a_name_before_a_ticker_is_a_listed_company():
    assert found("Kestrel Quarry (ASX: KQY) raised funds.") == [("Company", "Kestrel Quarry")]


def test_public_body_heads_inspectorate_and_directorate_general():
    assert found("An audit by the General Inspectorate of Mines (GIM) flagged unpaid royalties.") == [
        ("Agency", "General Inspectorate of Mines"),
        ("Name", "GIM"),  # the acronym it defines, linked by the registry
    ]
    text = "It was drafted by the Directorate-General for Internal Market, Industry and Entrepreneurship."
    assert found(text) == [("Agency", "Directorate-General for Internal Market, Industry and Entrepreneurship")]


def test_metal_words_head_company_names():
    assert found("It said output at Tamarind Magnesium rose.") == [("Company", "Tamarind Magnesium")]


def test_an_opening_participle_is_not_part_of_a_name():
    assert found("Highlighting Borealis Lithium's role, the minister spoke.") == [("Company", "Borealis Lithium")]
    assert found("Nanjing Iron & Steel expanded.")[0] != ("Company", "Iron & Steel")


def test_bare_names_in_a_list_of_companies_are_companies():
    text = "It wrote to Kestrel Rare Earths, Borealis, Tamarind Magnesium and Ostra Resources."
    assert found(text) == [
        ("Company", "Kestrel Rare Earths"),
        ("Company", "Borealis"),
        ("Company", "Tamarind Magnesium"),
        ("Company", "Ostra Resources"),
    ]


def test_a_short_list_with_one_company_proves_nothing():
    assert found("Officials from Borealis and Ostra Resources met.") == [
        ("Name", "Borealis"),
        ("Company", "Ostra Resources"),
    ]


def test_invest_plus_country_is_an_investment_agency():
    assert found("He was joined by InvestChile executives.") == [("Agency", "InvestChile")]
    assert found("He was joined by Investors executives.") == [("Name", "Investors")]
    assert not INVEST_AGENCY.fullmatch("Investors")
    assert INVEST_AGENCY.fullmatch("InvestKorea")


def test_a_name_described_as_a_firm_is_a_company():
    assert found("Output rose at Borealis, the biggest lithium producer on earth.")[1] == ("Company", "Borealis")
    assert found("It sold the mine to Kestrel, a Perth-listed miner.")[0] == ("Company", "Kestrel")
    # a region or a country described the same way stays a place
    assert ("Company", "Chile") not in found("It sells to Chile, the world's largest copper producer.")


def test_subject_of_a_business_verb_is_a_company():
    assert found("It said Borealis will acquire a stake in the mine.") == [("Company", "Borealis")]
    assert found("It said Borealis has invested $5 million.") == [("Company", "Borealis")]
    assert found("It said Borealis visited the mine.") == [("Name", "Borealis")]


def test_legal_form_after_a_listed_name_stays_with_it():
    ms = find_mentions("It bought shares of Glencore plc and PT Aneka Tambang Tbk last year.").mentions
    assert [(m.label, m.text, m.acronym) for m in ms] == [
        ("Company", "Glencore", "Glencore plc"),
        ("Company", "Antam", "PT Aneka Tambang Tbk"),
    ]


def test_places_after_a_country_possessive_are_not_names():
    # a region of the country, a geographic feature, a capitalised common noun
    assert found("Zambia's Copperbelt produces copper.") == [
        ("Country", "Zambia"),
        ("Country", "Copperbelt"),
        ("Mineral", "copper"),
    ]
    assert found("Chile's Kivala salt flat holds brine.") == [("Country", "Chile")]
    assert found("Chile's Congress approved the law.") == [("Country", "Chile")]


def test_reference_firm_known_as_state_owned_keeps_that_on_its_entity():
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    text = "Codelco said on Monday that its output rose."
    graph = extract_graph(Document(id="s", path="s.txt", text=text, sha256="s", published="2024-05-02"))
    firm = next(n for n in graph.by_label("Company") if n.name == "Codelco")
    assert firm.props.get("state_owned") is True


def test_legal_form_words_after_a_comma_stay_with_the_name():
    assert found("Tamarind Metals Co., Ltd. signed the offtake.") == [("Company", "Tamarind Metals Co., Ltd.")]


def test_a_listed_name_followed_by_a_portfolio_word_is_a_longer_name():
    # "Glencore" is in the reference list; "Glencore Energy Co." is another firm's name
    assert found("Glencore Energy Co. opened an office.") == [("Company", "Glencore Energy Co.")]
    # a title after the listed name does not make it longer
    assert found("Glencore CEO Ana Ruiz spoke.")[0] == ("Company", "Glencore")


def test_a_place_in_brackets_inside_a_company_name():
    text = "Buyers include Kestrel (Shenzhen) Battery Metals Co Ltd and others."
    assert ("Company", "Kestrel (Shenzhen) Battery Metals Co Ltd") in found(text)
    # a bracket that does not lead on to a legal form is not part of a name
    assert ("Company", "Kestrel (Shenzhen) Battery Metals") not in found("Kestrel (Shenzhen) Battery Metals grew.")


def test_a_descriptive_noun_opening_a_sentence_is_not_part_of_the_name():
    assert found("Miner Tamarind Resources will buy a stake.") == [("Company", "Tamarind Resources")]


def test_a_compound_adjective_alone_is_not_a_name():
    assert found("The plants rely on Ruritanian-controlled supply chains.") == []


def test_a_year_opens_only_an_event_name():
    assert found("It cites a 2021 Ruritanian Mining Commission report.") == [("Agency", "Ruritanian Mining Commission")]
    assert found("She spoke at the 2031 Lithium Forum.") == [("Event", "2031 Lithium Forum")]


def test_an_ordinal_before_an_assembly_names_a_session():
    assert found("They met on the sidelines of the 79th Ruritanian General Assembly.") == [
        ("Event", "79th Ruritanian General Assembly")
    ]


def test_a_mountain_is_a_place():
    assert found("The ore comes from the Mt. Kestrel mines.") == []


def test_spanish_and_italian_connectors_inside_names():
    assert found("The government formed Litio para Ruritania, a state-owned company.")[0] == (
        "Company",
        "Litio para Ruritania",
    )


def test_a_complement_stops_before_a_complete_name():
    assert found("The Ministry of Mines and Energy and Natural Resources Norway signed.") == [
        ("Agency", "Ministry of Mines and Energy"),
        ("Agency", "Natural Resources Norway"),
        ("Country", "Norway"),  # written inside the name
    ]


def test_a_place_compound_adjective_before_a_name_is_not_part_of_it():
    assert found("It is a unit of Port Kestrel-listed Tamarind Holdings Company.") == [
        ("Company", "Tamarind Holdings Company")
    ]


def test_an_intergovernmental_body_inside_an_event_name_is_named_there():
    found = [(m.label, m.text, m.inner) for m in find_mentions("They met at the EU-African Union Summit.").mentions]
    assert found == [
        ("Event", "EU-African Union Summit", False),
        ("Agency", "European Union", True),
        ("Agency", "African Union", True),
    ]


def test_bodies_of_the_un_system_by_their_short_forms():
    found = find_mentions("It was hosted by the U.N. Development Program and went to the World Bank's ICSID tribunal.")
    assert [(m.text, m.acronym) for m in found.mentions if m.label == "Agency"] == [
        ("United Nations Development Programme", "U.N. Development Program"),
        ("World Bank", ""),
        ("International Centre for Settlement of Investment Disputes", "ICSID"),
    ]


def orgs(text: str) -> list[tuple[str, str]]:
    return [(m.label, m.text) for m in find_mentions(text).mentions if m.label in ("Agency", "Company")]


def test_a_body_name_goes_on_past_a_plural_possessive_and_in_inside_its_complement():
    assert orgs("The Authority for the Control of Metal Traders’ Markets (ACMTM) said so.") == [
        ("Agency", "Authority for the Control of Metal Traders’ Markets")
    ]
    assert orgs("The Ministry of Mines’ Director said so.") == [("Agency", "Ministry of Mines")]
    assert orgs("It came before the Council for Trade in Services on Monday.") == [
        ("Agency", "Council for Trade in Services")
    ]
    assert orgs("The Ministry of Mines in Peru said so.") == [("Agency", "Ministry of Mines")]


def test_legal_forms_before_and_after_a_name():
    assert orgs("Acme Holdings bought LLP Kestrel Katpar and its deposit.") == [
        ("Company", "Acme Holdings"),
        ("Company", "LLP Kestrel Katpar"),
    ]
    assert orgs("The loan goes to its subsidiary Kestrel Technology Oy.") == [("Company", "Kestrel Technology Oy")]


def test_a_compass_word_opens_a_company_name():
    assert orgs("Letters went to Acme Rare Earths, Northern Kestrel Minerals and Borealis Metals.") == [
        ("Company", "Acme Rare Earths"),
        ("Company", "Northern Kestrel Minerals"),
        ("Company", "Borealis Metals"),
    ]
    assert orgs("He met Northern Minerals on Monday.") == [("Company", "Northern Minerals")]


def test_a_short_form_that_spells_a_name_out_makes_it_one_name():
    found = [(m.label, m.text, m.acronym) for m in find_mentions("It signed with Peru Nuclear Energy (PNEC).").mentions]
    assert ("Company", "Peru Nuclear Energy", "PNEC") in found


def test_a_subject_after_on_is_no_company():
    assert orgs("They signed a memorandum of understanding on Nuclear Energy.") == []
    assert orgs("Acme Energy signed it.") == [("Company", "Acme Energy")]


def test_a_body_named_in_an_appositive_after_its_kind():
    assert orgs("He met Peru's mining industry association, Minperu, on Monday.") == [("Agency", "Minperu")]
    assert orgs("Its state carrier Kestrel Airways flies there.") == [("Company", "Kestrel Airways")]


def test_the_country_of_a_body_named_in_an_appositive():
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    text = "Talks were held with Peru's mining industry association, Minperu, on Monday."
    g = extract_graph(Document(id="a", path="a.txt", text=text, sha256="a", published="2024-05-02"))
    assert ("agency:minperu", "BASED_IN", "country:pe") in {(r.source, r.type, r.target) for r in g.edges()}


def test_a_short_form_of_several_words_in_brackets_names_the_same_body():
    found = find_mentions("It got a loan from the Ruritania Export-Import Bank (Exim Bank) on Monday.").mentions
    banks = [(m.text, m.acronym) for m in found if m.label == "Agency"]
    assert banks == [("Ruritania Export-Import Bank", ""), ("Ruritania Export-Import Bank", "Exim Bank")]
    # a bracket that ends in another word is another name
    found = find_mentions("Acme Lithium Corp (Kestrel Metals) said so.").mentions
    assert [m.text for m in found if m.label == "Company"] == ["Acme Lithium Corp", "Kestrel Metals"]


def test_a_short_form_in_quotes_inside_brackets_is_defined_as_one_without():
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    text = (
        'Acme Metals signed a loan agreement with Northwind Infrastructure Bank ("NIB") on Monday.\n'
        "It is a reflection of our commitment, says Ana Rojas, NIB's President and CEO."
    )
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    [body] = [n for n in graph.nodes.values() if n.name == "Northwind Infrastructure Bank"]
    assert "NIB" in body.aliases
    assert ("person:ana-rojas", body.id) in {(r.source, r.target) for r in graph.edges("WORKS_FOR")}


def test_a_group_named_for_what_it_deliberates_is_a_body_not_a_firm():
    text = "The Lakeland Minerals Strategy Group met in Nairobi."
    assert ("Agency", "Lakeland Minerals Strategy Group") in found(text)
    assert ("Agency", "Cobalt Working Group") in found("Officials of the Cobalt Working Group met in Nairobi.")
    assert ("Company", "Kestrel Mining Group") in found("Shares of Kestrel Mining Group rose in Nairobi.")


def test_a_firm_before_a_reporting_verb_is_not_split_into_a_person():
    mentions = found("Shares rose after Vantora Nuclear Energy announced the deal.")
    assert ("Company", "Vantora Nuclear Energy") in mentions
    assert not any(label == "Person" for label, _ in mentions)


def test_spanish_portuguese_and_french_company_words_open_a_company_name():
    assert ("Company", "Compagnie des Mines de Kestrel") in found("Compagnie des Mines de Kestrel signed the deal.")
    assert ("Company", "Companhia Brasileira de Lítio") in found("Companhia Brasileira de Lítio signed the deal.")
    mentions = found("Sociedad Minera Andina said exports fell.")
    assert ("Company", "Sociedad Minera Andina") in mentions
    assert not any(label == "Person" for label, _ in mentions)


def test_latin_american_legal_forms_end_a_name_and_keep_two_firms_apart():
    assert found("Andina Minera S.A.B. de C.V. and Norte Litio SpA agreed to explore.") == [
        ("Company", "Andina Minera S.A.B. de C.V."),
        ("Company", "Norte Litio SpA"),
    ]
    assert ("Company", "Minera Andina S.A.C.") in found("Minera Andina S.A.C. signed with Kestrel S.L. on Monday.")


def test_business_groups_named_bare_are_their_groups():
    # the largest groups are named by their bare name; a longer listed name still wins
    assert found("Ruritania signed a battery deal with Samsung and LG.")[1:] == [
        ("Company", "Samsung Group"),
        ("Company", "LG Group"),
    ]
    assert found("LG Energy Solution will supply the cells.") == [("Company", "LG Energy Solution")]


def test_a_country_word_inside_a_listed_name_is_its_country_only_when_the_list_agrees():
    # "Anglo American" is a British miner, the "Inter-American" bank serves a continent
    assert found("Anglo American said output rose.") == [("Company", "Anglo American")]
    assert found("The Inter-American Development Bank lent more.") == [
        ("Agency", "Inter-American Development Bank")
    ]
    assert found("Korea Zinc said output rose.") == [("Company", "Korea Zinc"), ("Country", "Korea")]


def test_a_combining_form_names_a_country_only_in_a_compound_with_another():
    assert found("The Anglo-Australian miner said output rose.") == [
        ("Country", "Anglo"),
        ("Country", "Australian"),
    ]
    assert [m for m in found("Franco said the Greco-Roman ruins were safe.") if m[0] == "Country"] == []


def test_a_legal_form_written_with_dots_keeps_its_last_dot():
    assert found("Marvoli Metalli S.p.A. and Quispe Andina S.A.C. signed an offtake deal.")[:2] == [
        ("Company", "Marvoli Metalli S.p.A."),
        ("Company", "Quispe Andina S.A.C."),
    ]
    assert found("The buyer is Sertão Minerais Ltda. in Brazil.")[0] == ("Company", "Sertão Minerais Ltda.")


def test_a_country_s_name_a_word_of_its_own_and_a_weak_head_name_a_firm():
    assert found("Kenya Atomic Energy signed a uranium deal.")[0] == ("Company", "Kenya Atomic Energy")
    assert ("Company", "Zambia Consolidated Copper Mines") in found(
        "The deal with Zambia Consolidated Copper Mines covers cobalt."
    )
    assert ("Company", "Chile Nuclear Energy") in found("Chile Nuclear Energy signed a uranium deal.")
    # the country's trade in a mineral, or a generic word before the head, is no firm
    assert not any(label == "Company" for label, _ in found("Peru Copper Mines output fell."))
    assert not any(label == "Company" for label, _ in found("Chile Critical Minerals output fell."))


def test_a_body_s_name_followed_by_its_country_is_one_agency():
    assert found("The Minerals Council Zambia said output fell.")[0] == ("Agency", "Minerals Council Zambia")
    assert found("Geological Survey Ireland mapped the deposit.")[0] == ("Agency", "Geological Survey Ireland")


def test_a_word_dating_a_title_opens_no_organisation_s_name():
    assert found("Former Vantor Minerals executive Ana Ruiz joined the board.")[0] == ("Company", "Vantor Minerals")


def test_industry_words_and_their_translations_end_a_firm_s_name():
    for name in ("Tarsis Smelting", "Orvik Alloys", "Halden Mining Investments", "Kestrel Platinum",
                 "Anvar Madencilik", "Serra Mineração", "Quorra Bergbau"):
        assert found(f"The buyer, {name}, signed the deal.")[0] == ("Company", name), name


def test_a_closed_class_word_opening_a_sentence_opens_no_name():
    assert found("Despite Quorra Lithium's objections, the law passed.")[0] == ("Company", "Quorra Lithium")
    assert found("Unlike Vantor Resources, Halden Metals kept its guidance.")[:2] == [
        ("Company", "Vantor Resources"),
        ("Company", "Halden Metals"),
    ]
    assert found("Besides Glencore, two firms bid.")[0] == ("Company", "Glencore")
    assert found("Separately Quorra Lithium raised $5 million.")[0] == ("Company", "Quorra Lithium")
    together = found("Together, Kestrel Nickel and Vantor Resources own the mine.")
    assert ("Company", "Together") not in together and ("Company", "Kestrel Nickel") in together


def test_field_words_and_a_public_body_s_name_are_one_body():
    assert found("Officials of the Kenyan Mines and Geosciences Bureau inspected the site.")[0] == (
        "Agency",
        "Kenyan Mines and Geosciences Bureau",
    )
    assert found("The Energy and Water Regulatory Commission fined the firm.")[0] == (
        "Agency",
        "Energy and Water Regulatory Commission",
    )
    # a firm's name before a body's stays a name of its own
    assert found("Acme Energy and Ruritania Mining Commission signed a deal.")[:2] == [
        ("Company", "Acme Energy"),
        ("Agency", "Ruritania Mining Commission"),
    ]


def acronyms(text: str) -> dict[str, str]:
    return {m.text: m.acronym for m in find_mentions(text).mentions if m.acronym}


def test_a_press_release_defines_a_short_form_with_more_in_its_brackets():
    # '(“KGI”; Quebec, Canada)' and '("KGI" or the "Company")': the quoted short form still names the firm
    text = "Kestrel Graphite Inc. (“KGI”; Quebec, Canada) signed an offtake."
    assert acronyms(text) == {"Kestrel Graphite Inc.": "KGI"}
    assert acronyms('Kestrel Graphite Inc. ("KGI" or the "Company") signed.') == {"Kestrel Graphite Inc.": "KGI"}
    # an unquoted first word in a list of places is no short form
    assert acronyms("Talks with Ruritan Graphite (Quebec, Ontario) went on.") == {}


def test_a_countrys_own_name_with_a_body_head_is_the_country():
    # "Federation" heads bodies' names ("the Ruritanian Mining Federation"), but not a country's own name
    assert found("Officials of the Russian Federation met the Mining Federation of Ghana.") == [
        ("Country", "Russian Federation"),
        ("Agency", "Mining Federation of Ghana"),
        ("Country", "Ghana"),
    ]


def test_the_body_an_officers_title_names_is_a_body_of_its_own():
    assert found("The Executive Secretary of the Mining Commission, Ana Ruiz, spoke.") == [
        ("Agency", "Mining Commission"),
        ("Person", "Ana Ruiz"),
    ]
    assert ("Agency", "African Union") in found("The Secretary General of the African Union, Ana Ruiz, spoke.")


def test_a_bodys_name_that_lists_its_fields_goes_on_past_the_comma():
    assert ("Agency", "Geophysical, Mining and Metallurgical Institute") in found(
        "Samples went to the Geophysical, Mining and Metallurgical Institute for assay."
    )
    # single-word names of firms listed before one firm's name are no fields of it
    assert ("Name", "Kestrel") in found("Officials from Kestrel, Orion and Vega Mining Corp met.")


def test_a_board_of_a_named_firm_is_the_firm_not_an_agency():
    assert found("The Board of Pellworth Rare Earths Limited approved the offtake.") == [
        ("Company", "Pellworth Rare Earths Limited"),
    ]
    assert found("The Board of Directors of Norvale Cobalt Holdings backed the bid.") == [
        ("Company", "Norvale Cobalt Holdings"),
    ]
    # a board of a public body keeps its name: no firm's legal form follows
    assert found("The Board of Governors of the Ruritanian Central Bank met.")[0][0] == "Agency"


def test_two_firms_joined_by_and_after_a_portuguese_legal_form():
    assert found("Tessaro Graphite Lda and Brightwater Anode Inc. signed an offtake.")[:2] == [
        ("Company", "Tessaro Graphite Lda"),
        ("Company", "Brightwater Anode Inc."),
    ]


def test_a_sentence_opening_adverb_or_an_about_heading_is_not_part_of_a_name():
    assert found("Only Australia mines more tin than Chile.")[0] == ("Country", "Australia")
    assert found("About Kestrel Lithium Corporation") == [("Company", "Kestrel Lithium Corporation")]
    assert found("Concurrently Norvale Metals Ltd said it would sell.") == [("Company", "Norvale Metals Ltd")]


def test_a_second_and_or_a_firm_ends_a_ministrys_complement():
    def named(text: str) -> set[tuple[str, str]]:
        return {(m.label, m.text) for m in find_mentions(text).mentions if m.label in ("Agency", "Company")}

    # a list of portfolios has one "and": the next one joins another party
    found = named("A memorandum between the Ministry of Lands, Mines and Energy and KGEO on mapping was signed.")
    assert ("Agency", "Ministry of Lands, Mines and Energy") in found
    found = named("The Ministry of Energy and Mines and Kestrel Lithium signed a supply deal.")
    assert found == {("Agency", "Ministry of Energy and Mines"), ("Company", "Kestrel Lithium")}
    # a firm's name of its own word and head is no portfolio
    found = named("The Ministry of Minerals and Kestrel Critical Metals signed a framework.")
    assert found == {("Agency", "Ministry of Minerals"), ("Company", "Kestrel Critical Metals")}
    # portfolios still join
    assert named("The Ministry of Energy and Mineral Resources met.") == {
        ("Agency", "Ministry of Energy and Mineral Resources")
    }


def test_a_romance_body_head_opens_an_agency_s_name():
    # Spanish, Portuguese and French heads open the name where English ends it; not a person's name
    assert found("The Cámara de Productores de Kestrel said prices fell.") == [
        ("Agency", "Cámara de Productores de Kestrel")
    ]
    assert found("The Fédération des Mines de Ruritanie welcomed it.") == [
        ("Agency", "Fédération des Mines de Ruritanie")
    ]
    # a legal form at its end still makes a firm
    assert found("Instituto Kestrel SA said output rose.") == [("Company", "Instituto Kestrel SA")]


def test_an_embassy_is_named_with_its_host_country():
    assert found("The forum was organised with the Embassy of Ruritania in Kenya on Monday.")[0] == (
        "Agency",
        "Embassy of Ruritania in Kenya",
    )
    assert found("A spokesman for the Embassy of Canada to the Republic of Korea said so.")[0] == (
        "Agency",
        "Embassy of Canada to the Republic of Korea",
    )
    # a city after it is no part of the name
    assert found("The Embassy of Japan in Nairobi said so.")[0] == ("Agency", "Embassy of Japan")


def test_a_currency_before_an_amount_is_no_word_of_the_name_before_it():
    # "A$150": the Australian dollar sign is not the last word of "Quarry Minerals Ltd"
    assert found("Export Finance Ghana lent Quarry Minerals Ltd A$150 million for the plant.") == [
        ("Agency", "Export Finance Ghana"),
        ("Country", "Ghana"),
        ("Company", "Quarry Minerals Ltd"),
    ]


def test_ampersand_joins_a_partnership_name():
    # a law firm's or broker's name of two partners is one name; countries stay two
    assert ("Name", "Berg & Lund") in found("Ana Ruiz, a partner at the firm Berg & Lund, said so.")
    assert found("Trade between Japan & Chile grew.") == [("Country", "Japan"), ("Country", "Chile")]


def test_portfolio_word_ends_a_firm_name():
    # "Finance" is a word of ministers' titles, and the last word of many brokers' names
    got = found("Ana Ruiz, who covers metals at the brokerage Zembla Finance, said so.")
    assert ("Name", "Zembla Finance") in got
    assert ("Name", "Zembla") in found("Zembla CEO Ana Ruiz said so.")


def test_lowercase_plc_closes_a_company_name():
    assert ("Company", "Quarrow Resources plc") in found("British company Quarrow Resources plc agreed to the deal.")
    assert found("The plc was sold.") == []


def test_spanish_centro_opens_an_agency_name():
    assert ("Agency", "Centro de Estudios Mineros del Sur") in found(
        "Ana Ruiz, who now works at the Centro de Estudios Mineros del Sur, disagreed."
    )


def test_office_named_for_a_title_keeps_it():
    # the title is the complement of "Office of the ...", not a person's title after a body's name
    assert found("The Office of the Prime Minister said so.") == [("Agency", "Office of the Prime Minister")]
    assert ("Agency", "Office of the Chilean Trade Representative") in found(
        "A spokesman for the Office of the Chilean Trade Representative declined to comment."
    )
    assert ("Agency", "Bank of Ghana") in found("The Bank of Ghana Governor Ana Ruiz said so.")


def test_legal_form_closes_a_firm_name_before_its_chairman():
    got = found("Also present was the head of the state miner Zembla Metals OJSC Dana Omarova.")
    assert ("Company", "Zembla Metals OJSC") in got
    assert not any("Omarova" in text for label, text in got if label == "Company")
    got = found("The chief of the Turkish smelter Quarrow Metal A.S. Emre Kaya attended.")
    assert ("Company", "Quarrow Metal A.S.") in got
    # several legal-form words after one another are one name
    assert found("Quarrow Sdn Bhd and Zembla Co., Ltd. signed.") == [
        ("Company", "Quarrow Sdn Bhd"),
        ("Company", "Zembla Co., Ltd."),
    ]


def test_particles_inside_names_keep_them_whole():
    # "es" of "Dar es Salaam" and an elided article ("d'", "l'") join a name as "de" does
    assert found("China hoped Dar es Salaam would reconsider.") == [
        ("Country", "China"),
        ("Country", "Dar es Salaam"),
    ]
    assert ("Agency", "University of Dar es Salaam") in found("Ana Ruiz, of the University of Dar es Salaam, agreed.")
    assert ("Agency", "Institut Ruritanien d'Analyse Économique") in found(
        "Ana Ruiz, an economist at the Institut Ruritanien d'Analyse Économique, agreed."
    )
    assert ("Company", "Société Minière de l'Est") in found("It buys from Société Minière de l'Est (SME) now.")


def test_quoted_firm_with_its_legal_form_outside_the_quotes():
    ms = find_mentions('The chairman of the state-owned JSC "Zembla Rare Metals" Ana Ruiz attended.').mentions
    firm = next(m for m in ms if m.label == "Company")
    assert (firm.text, firm.props["aliases"]) == ("Zembla Rare Metals", ["JSC Zembla Rare Metals"])
    assert ("Company", "Quarrow Subsoil JSC") in found('It was signed between "Quarrow Subsoil" JSC and Acme Co.')
    # quotes without a legal form are a title or a phrase, not a firm
    assert not any(label == "Company" for label, _ in found('He called it "a Good Deal" and left.'))


def test_a_name_the_text_calls_a_public_agency_is_one_whatever_its_head():
    # a corporation the text calls "the state agency", a forum it calls a think tank
    got = found("It needs a licence from the Zembla Minerals Corporation (ZMC), the state agency that handles sales.")
    assert ("Agency", "Zembla Minerals Corporation") in got
    got = found("A study by the Geneva think tank Forum for Fair Trade in Metals found 12 cases.")
    assert ("Agency", "Forum for Fair Trade in Metals") in got  # its field, not where a meeting is held
    # a state firm from the reference list the text calls a public agency
    got = found("KOMIR, a state agency that funds mine clean-up, signed a letter.")
    assert ("Agency", "KOMIR") in got
    # without such words the head decides
    assert ("Company", "Zembla Minerals Corporation") in found("The Zembla Minerals Corporation said so.")
    assert ("Company", "KOMIR") in found("KOMIR said so.")
