"""WORKS_FOR from the ways news introduces officials (sentences written for these tests)."""

from __future__ import annotations

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph


def _titles(text: str) -> dict[str, str]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {n.id: n.props.get("title") for n in graph.nodes.values() if n.label == "Person"}


def _works_for(text: str) -> set[tuple[str, str]]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {(r.source, r.target) for r in graph.relationships.values() if r.type == "WORKS_FOR"}


def _ruled_works_for(text: str) -> set[tuple[str, str]]:
    """The WORKS_FOR links the rules state (not left to the learned weights alone)."""
    cands: list = []
    extract_graph(Document("t", "t.txt", text, "0" * 64), None, cands)
    return {(c.source, c.target) for c in cands if c.type == "WORKS_FOR" and c.rule}


def test_lowercase_minister_works_for_the_articles_country():
    got = _works_for("Norway said on Monday it had agreed a deal as foreign minister Kari Lunde ends a visit.")
    assert ("person:kari-lunde", "country:no") in got


def test_official_from_a_countrys_ministry():
    got = _works_for("Peru wants investors, according to Ana Rojas, a senior official from Peru's Ministry of Mines.")
    assert any(src == "person:ana-rojas" and dst.startswith("agency:ministry-of-mines") for src, dst in got)


def test_title_of_the_organisation_right_before_the_name():
    got = _works_for("A director of the Mongolian Geological Survey Bat Erdene said the survey was done.")
    assert ("person:bat-erdene", "agency:mongolian-geological-survey") in got


def test_organisation_headed_by_a_person():
    got = _works_for("Chile signed the memorandum with the Ministry of Mines of Peru, headed by Minister Rosa Quispe.")
    assert any(src == "person:rosa-quispe" and dst.startswith("agency:ministry-of-mines") for src, dst in got)


def test_bare_titled_leader_beside_a_foreign_one_leads_the_other_country():
    text = (
        "Canada and Peru are close partners. Canada wants Peru's copper and Canada invests in Canada. "
        "Prime Minister Ana Rojas and Canadian President Lena Berg signed the framework in Lima."
    )
    got = _works_for(text)
    assert ("person:ana-rojas", "country:pe") in got and ("person:lena-berg", "country:ca") in got


def test_a_visiting_minister_is_not_the_hosts_minister():
    text = (
        "Japan and Chile met. Japan hosted the talks in Japan. "
        "Mining Minister Rosa Quispe concluded her activities in Japan with a visit to a smelter."
    )
    assert ("person:rosa-quispe", "country:cl") in _works_for(text)


def test_organisation_with_acronym_headed_by_a_person():
    got = _works_for(
        "Chile signed the memorandum with the Peruvian Ministry of Energy and Mines (MEM), "
        "headed by Minister Rosa Quispe."
    )
    assert any(src == "person:rosa-quispe" and dst.startswith("agency:") for src, dst in got)


def test_title_in_the_government_works_for_the_articles_country():
    text = ("Ghana signed the deals. The terms are fair, the head of the government's team of negotiators, "
            "Kofi Mensah, said.")
    assert ("person:kofi-mensah", "country:gh") in _works_for(text)


def test_the_country_after_a_name_is_the_person_s_and_no_other_named_beside_them():
    got = _works_for(
        "At the signing were envoys Ana Rojas of Chile, Lena Berg of Norway and Tom Hale of Canada.\n"
        "President Ana Ruiz of Peru and President Juan Soto of Bolivia hosted it."
    )
    people = {src: {dst for s, dst in got if s == src} for src, _ in got}
    assert people == {
        "person:ana-rojas": {"country:cl"},
        "person:lena-berg": {"country:no"},
        "person:tom-hale": {"country:ca"},
        "person:ana-ruiz": {"country:pe"},
        "person:juan-soto": {"country:bo"},
    }


def test_titles_after_a_name_that_end_in_a_country_a_described_firm_or_a_relative_clause():
    got = _works_for(
        "The accord was signed by Ana Rojas, Minister of Fisheries of the Kingdom of Norway.\n"
        "Tom Hale, chairman of regional power and mining company Acme Metals, said talks went well.\n"
        "The team will be led by Lena Berg, who has served as Northwind Bank's managing director."
    )
    assert {
        ("person:ana-rojas", "country:no"),
        ("person:tom-hale", "company:acme-metals"),
        ("person:lena-berg", "agency:northwind-bank"),
    } <= got


def test_a_ministers_title_names_the_ministry_the_article_names_elsewhere():
    got = _works_for(
        "Omar Harthy, Minister of Energy and Minerals, signed the deal. Oman's Ministry of Energy and Minerals said so."
    )
    assert ("person:omar-harthy", "agency:ministry-of-energy-and-minerals-om") in got
    # "Minister of State for ...", and a portfolio followed by the country's full style
    got = _works_for(
        "The Ministry of Infrastructure and Public Works of Kenya will build roads, according to Tomas Oduya, "
        "Minister of State for Infrastructure and Public Works."
    )
    assert ("person:tomas-oduya", "agency:ministry-of-infrastructure-and-public-works-ke") in got
    got = _works_for(
        "Mr. Kato met Mr. Oduya, Minister of Mines and Energy of the Republic of Namibia. "
        "Namibia's Ministry of Mines and Energy hosted it."
    )
    assert ("person:oduya", "agency:ministry-of-mines-and-energy-na") in got
    # no ministry named: the country that ends the title
    got = _works_for("Omar Harthy, Minister of Energy of Oman, signed the deal.")
    assert got == {("person:omar-harthy", "country:om")}


def test_a_department_named_portfolio_then_country_is_its_ministers():
    got = _works_for(
        "Canada's Minister of Natural Resources, Liam Ode, met them. Natural Resources Canada published it."
    )
    assert ("person:liam-ode", "agency:natural-resources-canada") in got


def test_a_provinces_office_holders_work_for_its_country():
    got = _works_for(
        "In a joint interview, Salta's Minister of Economic Development, Ana Ruiz, and Jujuy's Secretary of "
        "Mining, Tomas Vera, said the provinces would meet the carmaker."
    )
    assert got == {("person:ana-ruiz", "country:ar"), ("person:tomas-vera", "country:ar")}


def test_a_lowercase_commissioner_works_for_the_commission():
    got = _works_for(
        "The European industry commissioner Anna Berg said the EU must act. The European Commission agreed."
    )
    assert ("person:anna-berg", "agency:european-commission") in got
    # ", and the European Commissioner ..." after a name is the next person's title
    got = _works_for(
        "Chile's Minister of Mines, Ana Ruiz, and the European Commissioner for Trade, Anna Berg, met in Brussels."
    )
    assert ("person:ana-ruiz", "agency:european-commission") not in got


def test_a_country_owning_a_title_of_two_portfolios_is_the_employer_not_the_article_s_other_country():
    got = _works_for(
        "Australian officials attended the forum. Peru's Energy and Mines Minister Rosa Quispe welcomed the delegates."
    )
    assert ("person:rosa-quispe", "country:pe") in got and ("person:rosa-quispe", "country:au") not in got


def test_a_bare_leaders_title_takes_the_datelines_country_before_the_most_named():
    text = (
        "NAIROBI (Agency) -Kenya will restrict exports of raw graphite, Prime Minister John Mwangi said on "
        "Friday. China buys most of the graphite mined abroad, and China has limited its own exports. "
        "Traders in China expect prices to rise."
    )
    got = _works_for(text)
    assert ("person:john-mwangi", "country:ke") in got
    assert ("person:john-mwangi", "country:cn") not in got


def test_a_bare_leader_does_not_lead_the_country_his_sentence_acts_on():
    text = (
        "Peru and Chile are partners. Peru sells copper to Chile. Peru ships tin to Chile. Peru is big. "
        "President Lena Berg announced new tariffs on Peruvian imports."
    )
    got = _works_for(text)
    assert ("person:lena-berg", "country:pe") not in got and ("person:lena-berg", "country:cl") in got


def test_a_country_name_before_a_title_describes_that_leader_not_the_bare_one_beside():
    text = (
        "The US and Australia are partners. The US sells copper to Australia. The US ships tin. "
        "Prime Minister Ana Rojas and US President Lena Berg signed the framework in Washington."
    )
    got = _works_for(text)
    assert ("person:ana-rojas", "country:au") in got and ("person:lena-berg", "country:us") in got
    assert ("person:ana-rojas", "country:us") not in got


def test_a_form_of_address_between_title_and_name_is_not_the_title():
    text = (
        "The Ministry of Mines of Peru pays for the survey. "
        "Peru's Minister of Mines, His Excellency Rosa Quispe, opened the new field office."
    )
    assert ("person:rosa-quispe", "agency:ministry-of-mines-pe") in _works_for(text)


def test_a_countrys_organisation_named_by_its_kind_employs_the_titled_person():
    text = (
        "The Oman Minerals Investment Authority bought a small stake in Acme Mining last year. "
        "The Omani fund's managing director Omar Saleh welcomed the purchase on Tuesday."
    )
    assert ("person:omar-saleh", "agency:oman-minerals-investment-authority") in _works_for(text)


def test_a_relative_clause_that_heads_a_body_names_the_employer():
    assert _works_for("The plan is sound, said Jane Doe, who heads the Acme Mining Institute.") == {
        ("person:jane-doe", "agency:acme-mining-institute")
    }
    assert ("person:john-roe", "company:acme-mining") in _works_for("John Roe, who chairs Acme Mining, spoke.")
    got = _works_for("Jane Doe, who leads Peru's mining ministry, said the plan was sound.")
    assert any(p == "person:jane-doe" and e.startswith("agency:ministry") for p, e in got)


def test_a_relative_clause_that_leads_something_else_names_no_employer():
    assert _works_for("Jane Doe, who led Peru's team to a win over Chile, said the plan was sound.") == set()


def test_a_country_or_body_named_as_an_adjective_before_the_title_employs_the_person():
    found = _works_for(
        "Aisha Rahimi, the United Arab Emirates ambassador to Indonesia, attended the forum. "
        "Marie Dubois, the French Ambassador to Chile, also spoke. "
        "Ian Grey, the European Union envoy to Kenya, joined later. "
        "Ana Costa, a Brazilian trade official, and Tom Hale, Canadian deputy minister of mines, left early."
    )
    assert {
        ("person:aisha-rahimi", "country:ae"),
        ("person:marie-dubois", "country:fr"),
        ("person:ian-grey", "agency:european-union"),
        ("person:ana-costa", "country:br"),
        ("person:tom-hale", "country:ca"),
    } <= found
    # the country the envoy is sent to is not the employer
    assert ("person:aisha-rahimi", "country:id") not in found and ("person:marie-dubois", "country:cl") not in found


def test_a_capitalised_title_after_a_comma_without_an_article_opens_the_next_listed_person():
    found = _works_for(
        "Participants include Argentine Secretary of Mining Lucia Ferro, Australian Minister for Resources "
        "Jane Doering, Canadian Minister of Natural Resources John Rowland and others."
    )
    assert {
        ("person:lucia-ferro", "country:ar"),
        ("person:jane-doering", "country:au"),
        ("person:john-rowland", "country:ca"),
    } <= found
    assert ("person:lucia-ferro", "country:au") not in found


def test_honorifics_between_a_title_and_the_name_do_not_hide_the_title():
    got = _works_for(
        "Freedonia and Ruritania met in Lima. The accord was signed by the Minister of Mines of Freedonia, "
        "Dr. Lena Berg, and by the chief executive of Acme Metals Corp., Eng. Tomas Riera, on Friday."
    )
    assert any(src == "person:tomas-riera" and dst.startswith("company:acme-metals") for src, dst in got)


def test_a_title_ending_in_a_country_before_a_name_with_a_form_of_address():
    text = (
        "Chile hosted the forum. Chile met several delegations, including the Minister of Mines of Peru, "
        "Mr Pablo Quispe, who discussed copper."
    )
    got = _works_for(text)
    assert ("person:pablo-quispe", "country:pe") in got
    assert _titles(text)["person:pablo-quispe"] == "Minister of Mines of Peru"


def test_a_portfolio_with_commas_keeps_the_country_that_owns_the_title():
    text = (
        "The talks were held in Lima with Chile's Minister of Trade, Industry and Energy, Ana Vidal, "
        "who leads a delegation of Chilean executives."
    )
    got = _works_for(text)
    assert ("person:ana-vidal", "country:cl") in got
    assert ("person:ana-vidal", "country:pe") not in got
    assert _titles(text)["person:ana-vidal"] == "Chile's Minister of Trade, Industry and Energy"


def test_the_next_conjunct_is_not_an_appositive():
    got = _works_for(
        "The meeting was co-chaired by the Deputy Prime Minister of Peru, Pablo Quispe, and the Minister "
        "of Mines of Chile, Ana Vidal."
    )
    assert ("person:pablo-quispe", "country:pe") in got
    assert ("person:pablo-quispe", "country:cl") not in got


def test_a_short_form_of_a_named_firm_opens_the_title():
    text = (
        "Acme Copper Resources Ltd said it would buy the stake. "
        "Acme Copper's chief executive, Dr. Lena Berg, said the deal closes in May."
    )
    got = _works_for(text)
    assert any(src == "person:lena-berg" and dst.startswith("company:acme-copper-resources") for src, dst in got)
    assert _titles(text)["person:lena-berg"] == "Acme Copper's chief executive"


def test_the_companys_chairman_works_for_the_firm_the_sentence_before_names_first():
    got = _works_for(
        "Acme Copper Resources Ltd said it had signed an offtake with Beta Smelting Corp. for its concentrate. "
        "The company's chairman, Sir Tomas Riera, said the deal would fund the mine."
    )
    employers = {dst for src, dst in got if src.startswith("person:") and "riera" in src}
    assert employers and all(dst.startswith("company:acme-copper-resources") for dst in employers)


def test_a_minister_named_by_portfolio_alone_works_for_the_articles_country():
    got = _works_for(
        "Ghana ratified the lithium lease on Tuesday. Ghana will take a larger share of royalties, "
        "Minister for Lands and Natural Resources Kofi Mensah told lawmakers."
    )
    assert ("person:kofi-mensah", "country:gh") in got


def test_an_envoy_works_for_the_country_they_are_of_not_the_one_they_are_sent_to():
    got = _works_for(
        "The forum in Lima was attended by the Ambassador of Chile to Peru Mr. Tomas Riera, and the "
        "Ambassador Extraordinary and Plenipotentiary of Brazil to the Republic of Peru, Ana Vidal, and others."
    )
    assert ("person:tomas-riera", "country:cl") in got and ("person:ana-vidal", "country:br") in got
    assert ("person:tomas-riera", "country:pe") not in got and ("person:ana-vidal", "country:pe") not in got


def test_an_adjunct_after_the_name_is_no_appositive():
    got = _works_for(
        "The dialogue brought together Peru's Minister of Energy and Mines Ana Vidal, together with senior "
        "officials from the Andean Development Bank and the World Bank."
    )
    assert ("person:ana-vidal", "country:pe") in got
    assert not any(src == "person:ana-vidal" and dst.startswith("agency:") and "bank" in dst for src, dst in got)


def test_a_short_form_of_a_named_firm_right_before_a_lowercase_title():
    got = _works_for(
        "Cordillera Metals Corp. and Minera Andina del Norte S.A.A. formed a joint venture. Cordillera chief "
        "executive Tom Riera said drilling would start, while Minera Andina general manager Lena Berg said "
        "the company had spent years on it."
    )
    assert any(src == "person:lena-berg" and dst.startswith("company:minera-andina-del-norte") for src, dst in got)


def test_an_appositive_ends_at_and_before_the_next_persons_title():
    text = (
        "The signing was witnessed by Tomas Riera, President of the Argentine Republic and "
        "Chile's President Ana Vidal."
    )
    got = _works_for(text)
    assert ("person:tomas-riera", "country:ar") in got and ("person:ana-vidal", "country:cl") in got
    assert (_titles(text)["person:tomas-riera"] or "").startswith("President of")


def test_in_a_list_of_titled_people_each_title_is_before_its_name():
    got = _works_for(
        "The plan was announced by Chile's Minister of Mines, Ana Vidal, alongside Peru's Vice Minister of "
        "Energy, Tomas Riera, Brazil's Director-General for Geology, Lena Berg, and others."
    )
    assert ("person:tomas-riera", "country:pe") in got
    assert ("person:tomas-riera", "country:br") not in got


def test_a_permanent_secretary_in_a_ministry_works_for_it():
    got = _works_for(
        "The roundtable, organised by the Ministry of Mines with Korean investors, was attended by more than 40 "
        "Korean firms and officials including the Permanent Secretary in the Ministry of Mines, Eng. Amani Kisanga."
    )
    assert any(src == "person:amani-kisanga" and dst.startswith("agency:ministry-of-mines") for src, dst in got)
    assert ("person:amani-kisanga", "country:kr") not in got


def _labels(text: str) -> set[tuple[str, str]]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {(n.label, n.name) for n in graph.nodes.values()}


def test_a_cabinet_secretary_is_a_title_not_a_cabinet_agency():
    text = "Kenya signed the memorandum. Kenya's Mining Cabinet Secretary, Ana Wekesa, said it would bring investment."
    assert not any(label == "Agency" for label, _ in _labels(text))
    assert ("person:ana-wekesa", "country:ke") in _works_for(text)
    text = (
        "Kenya signed the memorandum. The Cabinet Secretary for Mining, Blue Economy and Maritime Affairs, "
        "Ana Wekesa, said it would bring investment."
    )
    assert ("person:ana-wekesa", "country:ke") in _works_for(text)


def test_a_vice_ministers_portfolio_ends_before_for():
    got = _works_for(
        "The Ministry of Mines and Energy hosted the forum. The memorandum was signed by the Vice Minister of "
        "Mines and Energy for Mining Affairs, Eng. Tomas Riera, and by the visiting delegation."
    )
    ministry = "agency:ministry-of-mines-and-energy"
    assert any(src == "person:tomas-riera" and dst.startswith(ministry) for src, dst in got)


def test_an_envoy_to_a_country_works_for_the_body_that_sends_them_not_that_country():
    text = "Namibia hosted the talks. According to EU Ambassador to Namibia Lena Berg, both sides are working on a MoU."
    got = _works_for(text)
    assert ("person:lena-berg", "agency:european-union") in got
    assert ("person:lena-berg", "country:na") not in got


def test_an_organisation_in_brackets_after_the_name_employs_the_person():
    text = (
        "Acme Lithium Corp. and Beta Metals Ltd signed the deal. Beta Metals Ltd will buy the ore, said "
        "Tomas Riera (Acme Lithium) on Monday."
    )
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    got = {
        r.target: r.props.get("confidence", 0.0)
        for r in graph.relationships.values()
        if r.type == "WORKS_FOR" and r.source == "person:tomas-riera"
    }
    # a rule reads it (the weights alone are far less sure of a firm named in brackets)
    assert any(dst.startswith("company:acme-lithium") and conf >= 0.8 for dst, conf in got.items())
    assert not any(dst.startswith("company:beta") for dst in got)


def test_a_firms_bare_officer_title_names_the_articles_one_firm():
    got = _works_for(
        'Acme Lithium Corp. signed the deal with Peru. "We are ready to build," said Tomas Riera, chief '
        "executive, adding that drilling would start soon."
    )
    assert any(src == "person:tomas-riera" and dst.startswith("company:acme-lithium") for src, dst in got)
    got = _works_for(
        "Acme Lithium Corp. and Beta Metals Ltd signed the deal with Peru. \"We are ready to build,\" said "
        "Tomas Riera, chief executive, adding that drilling would start soon."
    )
    assert not any(src == "person:tomas-riera" and dst.startswith("company:") for src, dst in got)


def test_an_abbreviation_with_stops_does_not_open_the_clause_of_a_title():
    got = _works_for(
        "The talks were opened by Chilean Mining Minister Ana Vidal and U.S. Assistant Secretary of State for "
        "Energy Resources, Tomas Riera, at a meeting in Santiago."
    )
    assert ("person:tomas-riera", "country:us") in got


def test_a_bodys_envoy_to_a_country_before_a_reverse_appositive_name():
    text = (
        "Namibia and the EU agreed to fund a study. It was announced by Namibia's Minister of Mines, Ana Vidal, "
        "and the EU's Ambassador to Namibia, Lena Berg, after a meeting."
    )
    got = _works_for(text)
    assert ("person:lena-berg", "agency:european-union") in got
    assert ("person:lena-berg", "country:na") not in got


def test_a_european_commissioner_works_for_the_union_when_no_commission_is_named():
    got = _works_for(
        "Kazakhstan and the European Union signed a roadmap. The talks were opened by European Commissioner "
        "for Industrial Policy Lena Berg and Kazakhstan's Minister of Industry, Ana Vidal."
    )
    assert ("person:lena-berg", "agency:european-union") in got


def test_a_list_of_delegations_each_led_by_its_head():
    text = (
        "The Lusaka Mining Summit drew ministers from the region. Delegations included:\n"
        "Malawi, led by Vice-Minister of Mines Amani Kato Obura;\n"
        "Burundi, led by Minister of Hydraulics, Energy and Mines Dr. Neema Ali Mrisho;\n"
        "Ghana, represented by its Ambassador in Zambia, Mr. Tomas Vega Ode;\n"
        "the Southern Minerals Bank, represented by its Director for Mining, Ms. Lena Berg Holm.\n"
    )
    got = _works_for(text)
    assert ("person:amani-kato-obura", "country:mw") in got
    assert ("person:neema-ali-mrisho", "country:bi") in got
    assert ("person:tomas-vega-ode", "country:gh") in got
    assert ("person:lena-berg-holm", "agency:southern-minerals-bank") in got


def test_delegations_in_a_list_after_represented_by():
    text = (
        "The Arctic forum in Norway drew many delegations. Japan was represented by Vice-Minister Kenji Morita, "
        "Sweden by Secretary Erik Lund-Ahmadi, Chile by Deputy Minister Ana Rojas."
    )
    # stated by the rules (the learned weights alone link some of them too); without the
    # delegation read, the first head goes to the country nearest after him
    got = _ruled_works_for(text)
    assert {("Person:kenji-morita", "country:jp"), ("Person:erik-lund-ahmadi", "country:se")} <= got
    assert ("Person:ana-rojas", "country:cl") in got and ("Person:kenji-morita", "country:cl") not in got


def test_a_short_form_inside_a_firms_name_before_a_title():
    text = (
        "Tokyo trader Kitsune Corp bought a stake in Minera Cerro Blanco SA, the Chilean developer said. "
        "Cerro Blanco chief executive Pablo Ruiz Tagle said building would start next year."
    )
    assert ("person:pablo-ruiz-tagle", "company:minera-cerro-blanco-sa") in _works_for(text)


def test_a_firms_possessive_short_form_opens_the_title():
    text = (
        "Tokyo trader Kitsune Shoji Co. agreed to buy oxide from Rimu Minerals Ltd on Monday. "
        '"Supply is scarce," said Kitsune\'s head of metals, Kenta Oda. '
        "Tom Berrigan, Rimu's managing director, said the deal would help."
    )
    ruled = _ruled_works_for(text)
    assert ("Person:kenta-oda", "Company:kitsune-shoji-co") in ruled
    assert ("Person:tom-berrigan", "Company:rimu-minerals-ltd") in ruled


def test_a_portfolio_before_the_title_names_the_ministry():
    text = (
        "Zimbabwe's Ministry of Mines and Mining Development issued new rules on Monday. "
        "The rules follow a visit to Jakarta by Mines and Mining Development Minister Tendai Moyo Ncube. "
        "Permanent Secretary for Mines and Mining Development Rudo Chari said the rules were clear."
    )
    got = _works_for(text)
    ministry = "agency:ministry-of-mines-and-mining-development"
    assert any(s == "person:tendai-moyo-ncube" and t.startswith(ministry) for s, t in got)
    assert any(s == "person:rudo-chari" and t.startswith(ministry) for s, t in got)


def test_an_employer_described_before_its_name():
    text = (
        "Nordvik Recycling AB will expand its plant in Sweden. The forum was also attended by Lars Eide, "
        "chief executive of Swedish battery recycler Nordvik Recycling AB."
    )
    assert ("person:lars-eide", "company:nordvik-recycling-ab") in _works_for(text)


def test_a_form_of_address_read_into_a_title_leaves_the_ministry_it_names():
    text = (
        "India's Ministry of Mines signed the pact. It was signed in the presence of Union Minister of Mines "
        "Shri Gurdeep Singh Bhullar."
    )
    got = _works_for(text)
    assert any(s == "person:gurdeep-singh-bhullar" and t.startswith("agency:ministry-of-mines") for s, t in got)


def test_name_title_and_organisation_each_after_a_comma():
    text = (
        "Kestrel Lithium faces a long permit fight in Mexico, lawyers say. "
        '"The route is open," says Ana Ruiz Vega, Partner, Orrin Vale Legal. '
        "The permit would take a year, according to Tom Berrigan, Director, Halden Advisory Ltd; others disagree."
    )
    ruled = _ruled_works_for(text)
    assert ("Person:ana-ruiz-vega", "Company:orrin-vale-legal") in ruled
    assert ("Person:tom-berrigan", "Company:halden-advisory-ltd") in ruled


def test_a_bare_firm_title_after_a_clause_works_for_the_firm_the_sentence_names():
    text = (
        "Tarnvik Nickel Corp sold a stake to Kitsune Corp on Monday. "
        "Tarnvik, which is listed in Toronto, will fund its mine in Quebec, chief executive Lena Berg Holm said."
    )
    assert ("person:lena-berg-holm", "company:tarnvik-nickel-corporation") in _works_for(text)


def test_a_firm_named_after_a_professionals_role_and_at_is_a_company_she_works_for():
    got = _works_for('"Prices will hold," said Mara Lindqvist, a senior analyst at Tolvane Quarrow.')
    assert ("person:mara-lindqvist", "company:tolvane-quarrow") in got
    got = _works_for('"Buyers are wary," said Ines Duarte, a mining analyst at Banco Tolvane in Lima.')
    assert ("person:ines-duarte", "company:banco-tolvane") in got


def test_a_consultancy_before_a_name_makes_it_a_company():
    text = "The forecast came from the consultancy Harlow Tern Insight."
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    assert [n.name for n in graph.nodes.values() if n.label == "Company"] == ["Harlow Tern Insight"]


def test_a_title_of_a_firm_named_with_the_place_it_is_based_in():
    # "<title> of <Place>-based <Name>": the place describes the firm, the firm is the employer
    got = _works_for("Maria Rossi, chief executive of Perth-based Quarry Minerals Ltd, signed the deal.")
    assert got == {("person:maria-rossi", "company:quarry-minerals-ltd")}
    got = _works_for('"Prices will fall," said Omar Haddad, a fellow at the Almaty-based Steppe Policy Institute.')
    assert got == {("person:omar-haddad", "agency:steppe-policy-institute")}


def test_a_list_of_titles_before_names_gives_no_one_the_next_persons_employer():
    # each title stands before its own name: the words after the comma are the next person's title
    text = (
        "The Korean delegation included Ambassador of the Republic of Korea to Ghana Kim Do-yun, President of the "
        "Korea Institute of Geoscience and Mineral Resources (KIGAM) Choi Min-ho and heads of Korean companies."
    )
    kigam = "agency:korea-institute-of-geoscience-and-mineral-resources"
    got = _works_for(text)
    assert ("person:choi-min-ho", kigam) in got and ("person:kim-do-yun", kigam) not in got
    text = (
        "The meeting was attended by Vice Minister of Mines Kwame Asante, CEO of the Ghana Geological Survey "
        "Dr. Kofi Mensah and officials of both ministries."
    )
    got = _ruled_works_for(text)
    assert ("Person:kofi-mensah", "Agency:ghana-geological-survey") in got
    assert ("Person:kwame-asante", "Agency:ghana-geological-survey") not in got


def test_its_chief_executive_works_for_the_organisation_the_sentence_before_opens_with():
    got = _works_for(
        "Ruritania Lithium Holdings Ltd bought a smelter from Beta Smelting Corp. last year. "
        "Its chief executive, Tomas Riera, said the plant would reopen in May."
    )
    employers = {dst for src, dst in got if src == "person:tomas-riera"}
    assert employers and all(dst.startswith("company:ruritania-lithium-holdings") for dst in employers)


def test_its_official_after_a_country_is_no_firms():
    got = _works_for(
        "Norway has studied membership but is wary of the rules set by Beta Smelting Corp. "
        "Its chief negotiator, Tomas Riera, said the policy was firm."
    )
    assert not any(src == "person:tomas-riera" and dst.startswith("company:") for src, dst in got)


def test_the_banks_managing_director_works_for_the_bank_the_sentence_names():
    got = _works_for(
        "The Ruritanian Development Bank is in talks on a loan to the project, said Ana Ruiz, "
        "the bank's managing director for mining."
    )
    assert any(src == "person:ana-ruiz" and dst.endswith("ruritanian-development-bank") for src, dst in got)


def test_a_delegations_leader_works_for_the_country_whose_delegation_it_is():
    text = (
        "Norway hosted the copper talks in Oslo on Monday. Norway wants new suppliers. "
        "The Chilean delegation, led by Deputy Mining Minister Rosa Quispe, presented three projects. "
        "Peru's team, headed by Vice Minister of Energy Tomas Riera, left early."
    )
    got = _works_for(text)
    assert ("person:rosa-quispe", "country:cl") in got and ("person:tomas-riera", "country:pe") in got
    assert not any(dst == "country:no" for src, dst in got if src in ("person:rosa-quispe", "person:tomas-riera"))


def test_a_country_sent_its_minister():
    text = "Norway hosted the copper talks in Oslo. Norway wants new suppliers. Canada sent Minister Lena Berg."
    assert ("person:lena-berg", "country:ca") in _works_for(text)


def test_its_delegate_speaks_for_the_country_the_sentence_before_opens_with():
    text = (
        "Norway hosted the copper talks in Oslo. Norway wants new suppliers. "
        "Chile, the largest copper producer, is wary of commitments. "
        "Its delegate, Deputy Minister of Mining Ana Ruiz, said the policy was firm."
    )
    got = _works_for(text)
    assert ("person:ana-ruiz", "country:cl") in got and ("person:ana-ruiz", "country:no") not in got


def test_a_firms_officer_on_a_countrys_side_is_not_the_countrys():
    text = (
        "Norway hosted the talks in Oslo. The deal was signed from the Chilean side by the Chairman of the "
        "Board of Directors of Andes Lithium Group Rosa Quispe."
    )
    assert ("person:rosa-quispe", "country:cl") not in _works_for(text)


def test_a_countrys_secretary_works_for_the_department_the_title_names():
    text = (
        "MANILA - Philippines will curb ore exports, Environment Secretary Ana Ruiz said on Monday. "
        "The Department of Environment and Natural Resources will issue the rules."
    )
    got = _works_for(text)
    assert any(src == "person:ana-ruiz" and "department-of-environment" in dst for src, dst in got)


def test_a_vice_minister_works_for_the_ministry_whose_portfolio_opens_with_the_titles():
    text = (
        "Kazakhstan's Ministry of Industry and Construction of Kazakhstan signed the deal in Seoul. "
        "Kazakh Vice Minister of Industry Tomas Riera told reporters the buyers were Korean."
    )
    got = _works_for(text)
    assert any(src == "person:tomas-riera" and "ministry-of-industry-and-construction" in dst for src, dst in got)


def test_another_countrys_ministry_is_not_the_ministers():
    text = (
        "Samoa and Japan signed the framework in Apia. Officials from the Ministry of Foreign Affairs and Trade "
        "attended. Japan's State Minister for Foreign Affairs, Hiroko Tanabe, arrived on Sunday."
    )
    got = _works_for(text)
    assert ("person:hiroko-tanabe", "country:jp") in got


def test_an_undefined_acronym_before_a_title_names_the_firm_whose_initials_it_is():
    text = (
        "PT Sinar Nikel Makmur (Persero) agreed to sell a stake in its smelter to a Japanese buyer. "
        "SNM president director Tomas Riera said the sale would close in May."
    )
    got = _works_for(text)
    assert any(src == "person:tomas-riera" and "sinar-nikel-makmur" in dst for src, dst in got)


def test_a_press_releases_contact_line_names_an_officer_of_the_issuing_firm():
    text = (
        "PERTH - Acme Lithium Limited has signed an offtake with Beta Cathode Co. Ltd of Japan. "
        "Acme Lithium will ship spodumene from 2027, and Acme Lithium expects first revenue in 2028.\n\n"
        "For further information, please contact:\n"
        "Tomas Riera, Company Secretary, +61 8 0000 0001\n"
    )
    got = _works_for(text)
    assert any(src == "person:tomas-riera" and dst.startswith("company:acme-lithium") for src, dst in got)
    assert ("person:tomas-riera", "country:au") not in got


def test_a_bare_deputy_minister_after_the_sentence_naming_the_countrys_ministry_works_there():
    text = (
        "HANOI - Vietnam will license exports of rare earth oxides from March. "
        "Vietnam's Ministry of Industry and Trade set out the rules on Friday. "
        "Deputy Minister Pham Van Tuan said the licences applied to all buyers."
    )
    got = _works_for(text)
    assert any(src == "person:pham-van-tuan" and "ministry-of-industry-and-trade" in dst for src, dst in got)


def test_a_portfolio_read_as_a_bare_title_looks_for_no_ministry_nearby():
    text = (
        "KUALA LUMPUR - Malaysia's Ministry of Natural Resources signed the memorandum with Japan. "
        "Visiting Industry Minister Kenji Arakawa said Japan wanted diverse supply chains."
    )
    got = _works_for(text)
    assert not any(src == "person:kenji-arakawa" and "natural-resources" in dst for src, dst in got)


def test_in_a_list_of_titled_names_the_next_title_is_not_an_appositive():
    text = (
        "Around the table were Chile's Minister of Mining Rosa Quispe, Japan's State Minister of Economy, "
        "Trade and Industry Kenji Arakawa and others."
    )
    got = _works_for(text)
    assert ("person:rosa-quispe", "country:cl") in got and ("person:rosa-quispe", "country:jp") not in got


def test_a_role_noun_no_list_holds_places_a_person_at_an_organisation():
    got = _works_for('"Prices will stay weak," said Ana Vela, a metals strategist at Rosa Lane Advisory.')
    assert ("person:ana-vela", "company:rosa-lane-advisory") in got
    got = _works_for("Output is too small, said Tom Berg, a consultant at Vela Metals Advisory in London.")
    assert ("person:tom-berg", "company:vela-metals-advisory") in got


def test_a_place_of_several_words_describing_the_organisation_after_at():
    got = _works_for('"It works," said Lena Kowa, head of research at Dar es Salaam brokerage Zanj Capital.')
    assert ("person:lena-kowa", "company:zanj-capital") in got


def test_a_firms_officer_opening_a_sentence_works_for_the_firm_the_sentence_before_names():
    text = (
        "Rosa Graphite Ltd said it would expand. Beta Mining Corp was not available for comment. "
        "Managing director Tom Berg said the company would build a plant."
    )
    got = _works_for(text)
    assert ("person:tom-berg", "company:beta-mining-corporation") in got
    assert _titles(text)["person:tom-berg"] == "Managing director"
    # two firms named in the sentence before: whose officer is not told
    text = (
        "Rosa Graphite Ltd said it would expand, and Beta Mining Corp agreed. "
        "Chief executive Tom Berg said the plan was on track."
    )
    assert not any(src == "person:tom-berg" for src, _ in _works_for(text))


def test_its_refers_past_a_countrys_adjective_that_describes_the_firm():
    text = (
        "Australian-listed developer Mbinga Graphite Ltd, which is building a mine, said it was studying the "
        "bill. Its managing director, Tom Berg, said the company would comply."
    )
    assert ("person:tom-berg", "company:mbinga-graphite-ltd") in _works_for(text)


def test_its_after_the_reporting_verb():
    text = (
        "Industry groups were cautious. The Rosa Minerals Producers Federation said the ban needed clearer "
        'rules. "Investors want to know what they can export," said its president, Lena Vale.'
    )
    assert ("person:lena-vale", "agency:rosa-minerals-producers-federation") in _works_for(text)


def test_its_minister_or_secretary_after_a_country_is_its_governments():
    text = "Peru is a large copper producer. Its Secretary of Mines, Lena Vale, signed the instrument."
    assert ("person:lena-vale", "country:pe") in _works_for(text)
    text = "Peru is a large copper producer. Its chairman, Lena Vale, signed the instrument."
    assert not any(src == "person:lena-vale" for src, _ in _works_for(text))


def test_a_title_the_verb_after_the_name_gives():
    text = "LUSAKA - Lena Mwale Banda has been Zambia's Minister of Mines and Minerals Development for a year."
    assert ("person:lena-mwale-banda", "country:zm") in _works_for(text)
    text = "SEOUL - Han Jae-woo took over as chief executive of Gaon Advanced Materials in January."
    assert ("person:han-jae-woo", "company:gaon-advanced-materials") in _works_for(text)


def test_a_legislators_or_treasurers_bare_title_names_the_articles_country():
    text = "Australia blocked the sale of a rare earths project. Treasurer Dan Whitby said he had accepted the advice."
    assert ("person:dan-whitby", "country:au") in _works_for(text)
    text = 'Bolivia signed a lithium deal. "We want the full text," opposition senator Rodrigo Arce Vela said.'
    assert ("person:rodrigo-arce-vela", "country:bo") in _works_for(text)


def test_a_bare_leaders_title_in_a_round_up_names_the_country_the_sentence_is_about():
    text = (
        "Chile raised copper royalties. Chile wants more smelters. The Philippines, a large nickel exporter, "
        "is considering a tax on ore, Trade Undersecretary Ramon Cruz told a forum."
    )
    got = _works_for(text)
    assert ("person:ramon-cruz", "country:ph") in got and ("person:ramon-cruz", "country:cl") not in got



def test_a_firms_officer_does_not_also_work_for_the_firms_country():
    text = (
        "Norway Minerals Holdings ASA announced on Monday a $200 million investment in Acme Mines Ltd. "
        "The Norwegian company's chief executive Tomas Ferro said the money would support Acme."
    )
    got = _works_for(text)
    assert ("person:tomas-ferro", "company:norway-minerals-holdings-asa") in got
    assert ("person:tomas-ferro", "country:no") not in got


def test_a_country_owning_a_body_in_the_sentence_may_be_the_ministers():
    text = (
        "OSLO, May 3 - Norway's Mining Directorate on Tuesday issued the country's first licences for cobalt "
        "exports under rules that cap shipments, Trade and Industry Minister Kari Lunde said. "
        "Sweden has similar rules. Sweden and Finland export cobalt to Sweden."
    )
    got = _works_for(text)
    assert ("person:kari-lunde", "country:no") in got
    assert ("person:kari-lunde", "country:se") not in got


def test_title_of_the_republic_right_before_the_name():
    text = (
        "At the invitation of Prime Minister of Finland Aino Virta, President of the Republic of Kazakhstan "
        "Arman Bekov paid an official visit to Finland. The forum was attended by Prime Minister Virta and "
        "President Bekov."
    )
    got = _works_for(text)
    assert ("person:arman-bekov", "country:kz") in got
    assert ("person:arman-bekov", "country:fi") not in got


def test_a_title_after_the_name_is_not_owned_by_a_place_before_the_name():
    text = (
        "The talks took place in Toronto, Canada and were led by Jane Miller, Under Secretary of State for "
        "Trade, Oceans, and Energy of the United States."
    )
    assert ("person:jane-miller", "country:ca") not in _works_for(text)


def test_chief_executive_of_a_short_form_of_a_firm_named_before():
    text = (
        "Acme Holdings and Energy Resources Ltd agreed a lithium deal. "
        "Tom Baker, chief executive of Energy Resources, called the terms fair."
    )
    assert ("person:tom-baker", "company:energy-resources-ltd") in _works_for(text)


def test_a_bodys_delegate_after_a_dash_in_a_list():
    text = (
        "Observers: Chile - Ana Rojas, Vice Minister of Mines; "
        "Nordic Investment Bank - Lena Berg, Principal Mining Specialist."
    )
    assert ("Person:lena-berg", "Agency:nordic-investment-bank") in _ruled_works_for(text)


def test_a_delegations_leader_whose_title_follows_the_name():
    text = (
        "Deputy Minister Ana Rojas received a delegation of Kita Mining & Smelting Co., Ltd. (Japan) led by "
        "Mr. Ken Sato, Senior Managing Executive Officer of the corporation."
    )
    assert ("Person:ken-sato", "Company:kita-mining-and-smelting-co-ltd") in _ruled_works_for(text)


def test_a_person_with_a_stated_employer_is_flagged_on_other_bodies_named_near():
    text = (
        "Jane Doe, Minister of Mines of Norway, visited Peru. The Acme Institute signed a plan with "
        "Peru's Ministry of Energy in the presence of Jane Doe and Ana Rojas."
    )
    cands: list = []
    extract_graph(Document("t", "t.txt", text, "0" * 64), None, cands)
    flagged = {
        (c.source, c.target)
        for c in cands
        if c.type == "WORKS_FOR" and not c.rule and c.feats.get("employed")
    }
    assert ("Person:jane-doe", "Agency:acme-institute") in flagged
    assert not any(src == "Person:ana-rojas" for src, _ in flagged)


def test_title_of_a_body_before_the_name_is_not_overruled_by_the_next_items_title():
    text = (
        "The union sent Commission President Anna Berg, President of the Nordic Council Luis Ortega, "
        "the Vice-President of the Nordic Investment Bank (NIB) and a member of the Harbour Board."
    )
    got = _ruled_works_for(text)
    assert ("Person:luis-ortega", "Agency:nordic-investment-bank") not in got


def test_a_bodys_short_form_opening_the_appositive_title():
    text = (
        "The Nordic Metals Agency (NMA) signed a plan with Zambia. Mr. TANAKA, NMA Chairman & CEO, joined "
        "the talks of Mr. SATO, Minister of Trade and Mr. BANDA, Minister of Mines of the Republic of Zambia."
    )
    got = _ruled_works_for(text)
    assert any(src == "Person:tanaka" and dst.startswith("Agency:nordic-metals-agency") for src, dst in got)


def test_an_undefined_short_form_and_title_read_as_one_name():
    text = "The Nordic Metals Agency (NMA) signed a plan. Ken Tanaka, NMA Chairman & CEO, attended the meeting."
    assert ("Person:ken-tanaka", "Agency:nordic-metals-agency") in _ruled_works_for(text)


def test_secretary_of_a_portfolio_leads_the_articles_country_not_the_datelines_other_official():
    text = (
        "WASHINGTON, D.C. – Secretary of Lands and Forests Maria Santos signed an accord linking "
        "the Philippines and the United States on nickel supply at talks that U.S. "
        "Secretary of State John Clark hosted on Monday. The Philippines has nickel. The Philippines mines copper."
    )
    got = _works_for(text)
    assert ("person:maria-santos", "country:ph") in got
    assert ("person:maria-santos", "country:us") not in got


def test_contracted_short_form_names_the_employer_named_in_full_earlier():
    # "Eximbank" is written from the heads of "Export-Import Bank": the bank named before, not a new firm
    got = _works_for(
        "The Export-Import Bank of Freedonia said on Monday it would lend $50 million to a copper miner.\n\n"
        '"We will keep lending," said Ana Ruiz, president of Eximbank.'
    )
    assert ("person:ana-ruiz", "agency:export-import-bank-of-freedonia") in got


def test_contraction_reads_the_heads_of_two_words_or_more():
    from minegraph.loaders.extract import _contracts

    assert _contracts("Eximbank", "Export-Import Bank of Freedonia")
    assert _contracts("Gemetaux", "Générale des Métaux de Ruritanie")  # accents and "des" passed over
    assert _contracts("Kesmet", "Kestrel Metals Limited")
    assert not _contracts("Kestrel", "Kestrel Metals Limited")  # the first word alone is no contraction
    assert not _contracts("Rosen", "Rosa Energy")  # a last piece of two letters: a surname, not a contraction
    assert not _contracts("Exbank", "Export Finance and Bank")  # a capitalised word is not passed over


def test_bare_titled_minister_works_for_the_country_the_sentence_is_placed_in():
    # the article names Canada most, but the minister speaks in Zambia's capital: Zambia's minister
    text = (
        "Canada and Zambia signed a geology pact on Friday. Canada will fund the survey, Canada said, and "
        "Canadian experts will lead the work with Canada's survey agency.\n"
        "Mining Minister Ana Phiri said in Lusaka that the new maps would draw investors."
    )
    got = _works_for(text)
    assert ("person:ana-phiri", "country:zm") in got and ("person:ana-phiri", "country:ca") not in got


def test_a_firm_described_by_a_demonym_is_no_country_the_minister_acts_on():
    # "with Peruvian miner X": the object is the firm; Peru stays the minister's country
    text = (
        "Peru wants more copper investment and Peru is changing its rules. Peru and Mexico held talks on Monday.\n"
        "Mines Minister Ana Rojas signed the contract with Peruvian miner Andes Copper SAA for its expansion."
    )
    got = _works_for(text)
    assert ("person:ana-rojas", "country:pe") in got and ("person:ana-rojas", "country:mx") not in got


def test_portfolio_title_before_a_comma_and_the_name_works_for_the_articles_country():
    # "On Monday the Minister of X, A,": with no ministry named, the article's country (the clause's
    # words before the title are no part of it)
    text = (
        "Chile and Japan agreed to deepen mining ties on Monday. Chile wants investment in its lithium mines, "
        "and Chile's copper output is rising.\n"
        "On Monday the Minister of Mining and Geology, Tomas Varga, and Japan's envoy Kenji Arata met in the capital."
    )
    got = _works_for(text)
    assert ("person:tomas-varga", "country:cl") in got
    assert ("person:kenji-arata", "country:jp") in got


def test_its_portfolio_minister_is_the_previous_sentences_countrys():
    # "Its Mines Minister, A,": the portfolio before the title, "its" the country the sentence before opens with
    text = (
        "Canada wants to secure copper supply, Canada said on Monday, and Canada will fund new smelters in "
        "Canada and abroad.\n"
        "Zambia, which has taxed raw copper exports since 2021, urged its neighbours to follow.\n"
        "Its Mines Minister, Grace Chanda, said three smelters had opened."
    )
    got = _works_for(text)
    assert ("person:grace-chanda", "country:zm") in got and ("person:grace-chanda", "country:ca") not in got


def test_portfolio_with_commas_before_minister_names_the_ministry():
    # "Vietnamese Industry, Trade and Transport Minister A": the whole portfolio names the ministry
    text = (
        "Indonesia and Vietnam agreed to share nickel data. Indonesia will host a second round in Indonesia, and "
        "Indonesia's smelters backed the plan.\n"
        "Vietnam's Ministry of Industry, Trade and Transport will fund the survey, said Vietnamese Industry, "
        "Trade and Transport Minister Lan Tran after a tour of two smelters."
    )
    got = _works_for(text)
    ministry = "agency:ministry-of-industry-trade-and-transport"
    assert any(s == "person:lan-tran" and t.startswith(ministry) for s, t in got)
    assert ("person:lan-tran", "country:id") not in got


def test_a_city_the_talks_are_held_in_sends_no_team():
    # "held in <city> between a team led by A": the city places the talks; A is not its country's
    text = (
        "Chile and the United States held talks on lithium. Chile wants investors and Chile's "
        "salt flats are growing.\n"
        "A second round took place on Tuesday in Santiago between a team headed by Assistant Secretary of "
        "Commerce Rita Hale and Chile's Deputy Minister of Mining, Pablo Reyes."
    )
    got = _works_for(text)
    assert ("person:rita-hale", "country:cl") not in got and ("person:pablo-reyes", "country:cl") in got


def test_regional_opens_a_portfolio_not_a_name():
    # "Secretary for Regional Integration, Dr. A": "Regional Integration" is the portfolio's end
    text = (
        "Ministers of the Economic Community of West African States (ECOWAS) gathered in Abuja on Tuesday "
        "to approve a roadmap.\n"
        "The ECOWAS Executive Secretary for Regional Integration, Dr. Amani Kweli, told reporters the "
        "roadmap would be costed by June."
    )
    assert "person:regional-integration" not in _titles(text) and "person:amani-kweli" in _titles(text)


def test_body_opening_a_comma_set_title_employs_the_person():
    # "The ECOWAS Deputy Executive Secretary for Trade, Dr. A,": the body the title opens with, as
    # "ECOWAS's Deputy Executive Secretary" would say
    text = (
        "Ministers of the Economic Community of West African States (ECOWAS) gathered in Abuja on Tuesday "
        "to approve a roadmap.\n"
        "The ECOWAS Deputy Executive Secretary for Trade, Dr. Amani Kweli, told reporters the roadmap would be "
        "costed by June."
    )
    got = _ruled_works_for(text)
    assert ("Person:amani-kweli", "Agency:economic-community-of-west-african-states") in got


def test_managing_director_of_the_firm_the_sentence_calls_the_company():
    # two firms in the sentence: the one it calls "the company" is the officer's, not its partner
    text = (
        "Kestrel Graphite Ltd said on Monday it would build a plant in Tanzania. Kestrel Graphite Ltd has mined "
        "graphite since 2019.\n"
        "Managing director Tom Riera said the company's supply deal with Japanese buyer Sakura Materials Co "
        "already assumed processed product."
    )
    assert ("Person:tom-riera", "Company:kestrel-graphite-ltd") in _ruled_works_for(text)


def test_managing_director_of_the_firm_the_sentence_before_calls_the_company():
    text = (
        "Kestrel Graphite Ltd said on Monday it would build a plant in Tanzania, and Kestrel Graphite Ltd will "
        "list in London.\n"
        "The company also signed a supply agreement with Beta Magnets Inc. of the United States.\n"
        'Managing Director Ana Ruiz said: "Our first shipment leaves in May."'
    )
    got = _ruled_works_for(text)
    assert ("Person:ana-ruiz", "Company:kestrel-graphite-ltd") in got
    assert ("Person:ana-ruiz", "Company:beta-magnets-inc") not in got


def test_a_visit_told_of_the_guest_is_not_the_hosts():
    # the ", who is paying a visit" clause is the guest's: the host is not a visitor to his own country
    text = (
        "SANTIAGO - President Ana Rojas held a summit with President Lena Berg of Peru, who is paying a state "
        "visit to Chile. Peru and Chile signed a lithium pact. Peru will ship copper. Peru wants more."
    )
    got = _ruled_works_for(text)
    assert ("Person:ana-rojas", "country:cl") in got and ("Person:ana-rojas", "country:pe") not in got


def test_two_presidents_in_one_sentence_lead_the_headlines_two_countries():
    # the guest's country is read first; the bare-titled host leads the headline's other country
    text = (
        "Peru, Chile sign lithium memorandum\n\n"
        "Peruvian President Lena Berg began a state visit on Monday. Peru wants lithium and Peru wants copper.\n"
        "Lena Berg held summit talks with President Ana Rojas in the capital."
    )
    got = _ruled_works_for(text)
    assert ("Person:ana-rojas", "country:cl") in got and ("Person:ana-rojas", "country:pe") not in got


def test_a_bare_president_on_a_visit_leads_the_headlines_other_country():
    # the visited country and the foreign leader's are excluded; of the two the headline names, the other
    text = (
        "Chile, Peru agree to cooperate on copper\n\n"
        "During a summit with Peruvian President Lena Berg on Friday, President Ana Rojas, who is in the middle "
        "of a three-day visit to Peru, agreed to build a smelter. Peru buys power from Bolivia. Bolivia and Peru "
        "share a lake, and Bolivia sells gas."
    )
    got = _ruled_works_for(text)
    assert ("Person:ana-rojas", "country:cl") in got and ("Person:ana-rojas", "country:bo") not in got


_OTHER_COUNTRYS_MINISTRY = (
    "Chile signs energy memoranda with Kenya and Ghana\n\n"
    "SANTIAGO, March 3, 2031 (Wire) - Chile signed memoranda of understanding with Kenya and Ghana on Tuesday.\n\n"
    "Chile's Energy Secretary Pablo Fuentes Mora signed the memoranda with Kenya's Deputy Minister of Energy "
    "Amina Njeri Wambui and Ghana's Deputy Minister of Energy Kofi Boateng Owusu.\n\n"
    "The talks were hosted by Chile's Ministry of Energy.\n"
)


def test_a_title_owned_by_one_country_is_not_another_countrys_ministry():
    got = _works_for(_OTHER_COUNTRYS_MINISTRY)
    assert ("person:amina-njeri-wambui", "country:ke") in got
    assert not any(src == "person:amina-njeri-wambui" and dst.startswith("agency:") for src, dst in got)


def test_officials_listed_after_with_sign_for_their_countries():
    """Each listed official's country signs its own memorandum with the other side's country, not
    the other side's ministry beside it."""
    graph = extract_graph(Document("t", "t.txt", _OTHER_COUNTRYS_MINISTRY, "0" * 64, published="2031-03-03"))
    parties: dict[str, set[str]] = {}
    for r in graph.relationships.values():
        if r.type == "PARTY_TO":
            parties.setdefault(r.target, set()).add(r.source)
    assert sorted(map(sorted, parties.values())) == [["country:cl", "country:gh"], ["country:cl", "country:ke"]]


def test_a_delegation_lists_dash_line_gives_the_delegate_the_country_before_the_dash():
    text = (
        "The ministers adopted a joint communiqué on copper in Nairobi.\n\n"
        "List of heads of delegation:\n"
        "Republic of Kenya - Kiprono Mwangi Baraza, Cabinet Secretary for Mining\n"
        "Republic of Korea - Seo Min-jae, Ambassador to Kenya\n"
    )
    got = _works_for(text)
    assert ("person:kiprono-mwangi-baraza", "country:ke") in got and ("person:seo-min-jae", "country:kr") in got


def test_a_firm_whose_name_opens_with_mp_keeps_its_officer():
    got = _works_for("MP Materials chief executive Dara Holt said the United States needs more magnets.")
    assert ("person:dara-holt", "company:mp-materials") in got


def test_names_a_plural_title_lists_share_the_employer_read_for_one():
    text = (
        "Chile hosted the copper talks in Santiago, and Chile wants more smelters. "
        "Vice Ministers of Mines Noemi Quilla, Teodoro Apaza and Lidia Mamani of Peru attended."
    )
    got = _works_for(text)
    assert {("person:noemi-quilla", "country:pe"), ("person:teodoro-apaza", "country:pe")} <= got
    assert ("person:lidia-mamani", "country:pe") in got


def test_their_plural_title_gives_each_name_its_own_organisation_in_turn():
    text = (
        "The supply contract between Borealis Lithium Corp and the Chilean state miner Codelco was signed "
        "by their chief executives, Hanne Lyngstad and Ramiro Fuenzalida."
    )
    got = _works_for(text)
    assert ("person:hanne-lyngstad", "company:borealis-lithium-corporation") in got
    assert ("person:ramiro-fuenzalida", "company:codelco") in got
    assert not any(dst.startswith("country:") for _, dst in got)


def test_a_plural_title_before_the_first_name_is_no_part_of_it():
    text = "Chile hosted the copper talks in Santiago. Foreign Ministers Noemi Quilla and Teodoro Apaza of Peru came."
    got = _works_for(text)
    assert ("person:noemi-quilla", "country:pe") in got and ("person:teodoro-apaza", "country:pe") in got


def test_a_secretary_works_for_the_ministry_whose_name_opens_with_the_countrys_adjective():
    text = (
        "Kenya opened talks on a cobalt pact with Japan, the Kenyan Department of Environment and Forestry said. "
        "The talks were opened by Kenyan Environment Secretary Wanjiru Odhiambo in Nairobi."
    )
    got = _works_for(text)
    want = "agency:kenyan-department-of-environment"
    assert any(s == "person:wanjiru-odhiambo" and t.startswith(want) for s, t in got)


def test_a_presidential_adviser_works_for_the_articles_country():
    text = (
        "Ghana has proposed a bauxite pact to Japan. "
        "Presidential adviser Yaw Boakye-Ansah said talks would start."
    )
    assert ("person:yaw-boakye-ansah", "country:gh") in _works_for(text)


def test_a_list_after_the_two_ministers_shares_no_employer():
    # "the two ministers": each may be of another side, so one's country is not the other's
    got = _works_for("Chile and Peru met in Lima. The two ministers, Ana Rojas and Luis Vera of Peru, signed a pact.")
    assert ("person:luis-vera", "country:pe") in got and ("person:ana-rojas", "country:pe") not in got


def test_their_chief_executives_after_more_firms_than_names_are_not_paired_in_turn():
    got = _works_for(
        "A deal between Acme Mining Ltd, Borealis Cells Inc. and Kestrel Resources Ltd was signed by their "
        "chief executives, Ann Lee and Bo Chan."
    )
    assert ("person:ann-lee", "company:acme-mining-ltd") not in got
    assert ("person:bo-chan", "company:borealis-cells-inc") not in got
