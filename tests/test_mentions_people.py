"""People's names from every region, with particles, suffixes and diacritics; titles in
front are not part of the name (invented sentences)."""

from __future__ import annotations

from minegraph.loaders.mentions import find_mentions, find_people


def people(text: str) -> list[str]:
    return [name for _, _, name in find_people(text)]


def labels(text: str) -> list[tuple[str, str]]:
    return [(m.label, m.text) for m in find_mentions(text).mentions]


def test_vietnamese_three_part_name_with_diacritics():
    assert people("He met Vietnamese President Nguyễn Văn Phước on Monday.") == ["Nguyễn Văn Phước"]


def test_particles_and_generational_suffix():
    assert people("The talks were opened by Commissioner Anna von der Brink.") == ["Anna von der Brink"]
    assert people("Canada's Minister of Mines, the Honourable Liam O'Brady Jr., and others spoke.") == [
        "Liam O'Brady Jr."
    ]


def test_arabic_and_spanish_names():
    assert people("Minister Khalid bin Rashid signed the accord.") == ["Khalid bin Rashid"]
    assert people("Energy Minister María Pérez Gallardo said output would rise.") == ["María Pérez Gallardo"]


def test_name_after_a_title_with_a_complement_and_a_comma():
    assert people("Minister for Resources and Northern Ruritania, Clara Boyd signed it in Perth.") == ["Clara Boyd"]
    assert people("It was signed with the Zambian Minister of Finance, Tembo Mwale.") == ["Tembo Mwale"]
    assert people("She was joined by the investment commissioner for Asia, Rafael Soto.") == ["Rafael Soto"]


def test_name_after_ambassador_to_a_country():
    assert people("According to EU Ambassador to Namibia Liisa Korhonen, talks continue.") == ["Liisa Korhonen"]


def test_lowercase_title_with_an_organisation_before_the_name():
    assert people("Asked on Friday, spokesperson for the Mines and Energy Ministry Otto Brandvik would not say.") == [
        "Otto Brandvik"
    ]


def test_title_with_an_acronym_in_brackets_before_the_name():
    text = "She met the president of the Metals Agency of Ruritania (MAR), Kenji Oda, to explore ties."
    assert people(text) == ["Kenji Oda"]


def test_month_names_that_are_given_names():
    assert people("“We are ready”, says Jan Holm, President and CEO of Nordmalm.") == ["Jan Holm"]


def test_portfolio_lists_are_not_people():
    text = "The pact bears the signature of Secretary for Trade, Energy, and Ports Rosa Diaz."
    assert people(text) == ["Rosa Diaz"]
    text = "Officials of Harbours and Inland Waterways, Mines, Budget, and Finance attended."
    assert [label for label, _ in labels(text)] == ["Name", "Name", "Name"]  # Budget: a Name, not a company


def test_title_words_alone_are_not_names():
    assert labels("Mali's Interim President Ade Kone signed a new mining code.") == [
        ("Country", "Mali"),
        ("Person", "Ade Kone"),
    ]


def test_organisation_after_a_person_and_title_is_a_company():
    assert labels("“It is great”, says Carla Ruiz, Partner, Vega Torres.") == [
        ("Person", "Carla Ruiz"),
        ("Company", "Vega Torres"),
    ]
    found = labels("“Good news”, said Ian Ode, Vice President Exploration at Nordmalm.")
    assert ("Company", "Nordmalm") in found
    assert ("Company", "Vice President Exploration") not in found


def test_four_part_names_and_lowercase_business_titles():
    assert people("Dr. Ana María Pérez Soto, a geologist at the university, said so.") == ["Ana María Pérez Soto"]
    assert people("Sheikh Khalid bin Rashid Al Nuaimi attended.") == ["Khalid bin Rashid Al Nuaimi"]
    assert people("It was signed by Acme chief executive Tom Hale and others.") == ["Tom Hale"]


def test_a_name_opening_with_a_given_name_is_a_person_without_a_title():
    text = "Leaders included Ruritania's Cyril Okafor, and the fund is backed by Jeff Stone and Maria Lopes."
    assert people(text) == ["Cyril Okafor", "Jeff Stone", "Maria Lopes"]


def test_a_given_name_does_not_make_a_person_of_a_firm_a_place_or_a_sentence_opening():
    assert people("Work at Victoria Falls Mining Corp. resumed.") == []
    assert people("The ore went to Paris Basin Metals for refining.") == []
    assert people("Grant Kestrel said nothing.") == ["Grant Kestrel"]  # a reporting verb marks a person
    assert people("Grant Kestrel funding arrived.") == []  # a capitalised first word proves nothing


def test_initials_inside_and_before_a_name():
    assert people("Trade Secretary Rosa T. Quispe raised the matter.") == ["Rosa T. Quispe"]
    assert people("Secretary of Mines and Energy Carlo J.R. Villa signed the memorandum.") == ["Carlo J.R. Villa"]
    assert people("Minister of Coal, Shri K. Arvind Rao, opened the session.") == ["K. Arvind Rao"]


def test_honorific_with_a_family_name_alone_or_in_capitals():
    # press releases write the family name in capitals, sometimes before the given name
    assert people("Mr. TANAKA, Chairman of Acme Metals, met Ms. OKAFOR, Minister of Mines.") == ["Tanaka", "Okafor"]
    assert people("The agency accompanied Mr. SATO Kenji, Minister of Trade.") == ["Kenji Sato"]
    assert people("Talks were led by Dr. Mbeki for the ministry.") == ["Mbeki"]


def test_a_family_name_alone_after_an_honorific_is_the_person_named_in_full():
    from minegraph.loaders.documents import Document
    from minegraph.loaders.extract import extract_graph

    text = "Minister Kenji Sato opened the forum. Mr. SATO said Acme Metals would invest."
    graph = extract_graph(Document(id="p", path="p.txt", text=text, sha256="p", published="2024-05-02"))
    assert [n.name for n in graph.by_label("Person")] == ["Kenji Sato"]


def test_all_after_a_country_complement_is_the_name():
    assert people("It was announced by Prime Minister of Norway Lars Eide Berg in May.") == ["Lars Eide Berg"]
    assert people("The Minister of Foreign Affairs Ana Ruiz met him.") == ["Ana Ruiz"]


def test_a_list_of_portfolios_is_no_name():
    text = "It was signed by Ana Ruiz, Executive Vice-President for the Clean Deal, Regional Relations and Foresight."
    assert people(text) == ["Ana Ruiz"]
    text = "He met President of the Regional Council Rosa Mendes, the Vice-President of the Acme Bank."
    assert people(text) == ["Rosa Mendes"]


def test_given_name_words_that_name_things():
    # "Rosa", "Ruby", "Per" are given names; here they open the names of a mine, an army and a firm
    assert people("The retreat of the Ruby Army began in spring.") == []
    assert people("It invested in the abandoned Rosa Providencia, which holds silver.") == []
    assert people("It signed with Rosa Eco-Materials (REM), a battery maker.") == []
    assert people("The company's Per Lindqvist deposit holds iron ore.") == []
    assert people("Investors may use Executive Order No. 18 to speed approvals.") == []


def test_counterpart_before_a_name():
    assert people("He met his Brazilian counterpart Luiz Carlos Moura da Costa.") == ["Luiz Carlos Moura da Costa"]


def test_south_and_southeast_asian_honorifics_are_not_part_of_the_name():
    assert people("Shri Ramesh Kumar Verma, Union Minister of Mines, opened the session.") == ["Ramesh Kumar Verma"]
    assert people("His Excellency Omar Haddad met Datuk Seri Ahmad Zaki on Monday.") == ["Omar Haddad", "Ahmad Zaki"]


def test_a_chinese_name_written_like_the_pronoun_he_after_a_title():
    people = [
        m.text
        for m in find_mentions("Vice-Premier Zhou He and Vice Premier He Lin met the delegation.").mentions
        if m.label == "Person"
    ]
    assert people == ["Zhou He", "He Lin"]
    assert not [m for m in find_mentions("He Met Reporters on Monday.").mentions if m.label == "Person"]


def test_an_appositive_title_after_a_capitalised_modifier_marks_a_person():
    text = "Lena Berg, the U.S. commerce secretary, and Tomas Oberg, EU trade commissioner, joined the talks."
    assert [m.text for m in find_mentions(text).mentions if m.label == "Person"] == ["Lena Berg", "Tomas Oberg"]


def test_a_portfolio_word_after_minister_of_does_not_open_the_name_a_reporting_verb_follows():
    assert [n for _, _, n in find_people("Ruritania's Minister of Lands Kofi Mensah said output would rise.")] == [
        "Kofi Mensah"
    ]
    assert [n for _, _, n in find_people("Minister of Energy Ana Maria Ruiz said so.")] == ["Ana Maria Ruiz"]


def test_a_name_opening_a_sentence_is_a_person_when_a_person_s_act_follows():
    assert [n for _, _, n in find_people("Ana Rojas represented Chile at the forum.")] == ["Ana Rojas"]
    assert [n for _, _, n in find_people("Kofi Mensah, who attended the forum, spoke.")] == ["Kofi Mensah"]
    assert find_people("Rosa Lithium shares rose.") == []


def test_a_name_opening_a_sentence_is_a_person_when_people_are_listed_with_it():
    assert people("Ana Rojas, Kofi Mensah and Luis Soto flew to Lima on Sunday.") == [
        "Ana Rojas", "Kofi Mensah", "Luis Soto",
    ]
    assert people("Ana Rojas and Kofi Mensah flew to Lima.") == ["Ana Rojas", "Kofi Mensah"]
    # a comma alone, without the list going on, is an aside: "X, B said, is ..."
    assert people("Santa Clara, Kofi Mensah said, is booming.") == ["Kofi Mensah"]


def test_a_noun_saying_what_a_firm_makes_opens_no_person_s_name():
    assert people("Carmaker Vellora said it would buy nickel.") == []
    assert people("Drugmaker Pellix and Toolmaker Arvon said prices rose.") == []
    assert labels("Carmaker Vellora said it would buy nickel.")[0] == ("Name", "Vellora")


def test_a_given_name_from_no_list_is_a_person_before_who_or_an_age():
    assert people("Obiora Nwankwo-Eze, who chairs the board, said output rose.") == ["Obiora Nwankwo-Eze"]
    assert people("The plan was drawn up by Tsetseg Batbold, 54, a geologist.") == ["Tsetseg Batbold"]
    assert people("Shares of Obiora Nwankwo-Eze rose.") == []  # no cue: a capitalised pair alone


def test_a_name_after_at_is_where_someone_works_not_a_person():
    assert people("Lena Fischer, an analyst at Wesley Partners, said demand would rise.") == ["Lena Fischer"]


def test_a_form_of_address_before_a_family_name_with_particles():
    assert people("Mr. van der Merwe said the firm would list in Sydney.") == ["van der Merwe"]
    assert people("Ms. de la Cruz declined to comment.") == ["de la Cruz"]


def test_the_organisation_a_title_is_of_or_a_person_s_employer_is_no_person():
    assert people("The chairman of Lionel Brothers said the firm would grow.") == []
    assert people("He asked the president of Dalton Tinto to act.") == []
    assert people("Prices rose, according to Morley Media's Cristina Belda.") == ["Cristina Belda"]


def test_a_zone_or_a_law_after_a_title_word_is_no_person():
    assert people("The Special Economic Zone in the south will host refiners.") == []
    assert people("Minister Ana Ruiz visited the Free Trade Zone.") == ["Ana Ruiz"]


def test_a_name_opening_a_sentence_is_a_person_when_of_an_organisation_and_a_reporting_verb_follow():
    assert people("Ana Rojas of Vantor Minerals said output would rise.") == ["Ana Rojas"]
    assert people("Rosa Lithium of Peru said output would rise.") == []


def test_names_with_mac_mc_an_apostrophe_and_a_hyphen_or_the_particle_dela():
    assert people("Director Fiona MacLeod and Sean McKenna met the delegation.") == ["Fiona MacLeod", "Sean McKenna"]
    assert people("CEO Liam O'Brien-Dubois said costs rose.") == ["Liam O'Brien-Dubois"]
    assert people("Secretary Luisa dela Cruz-Santos signed the accord.") == ["Luisa dela Cruz-Santos"]


def test_a_trade_representative_listed_before_another_official_keeps_her_name():
    # "Representative" is a title: the first of two titled officials joined by "and" is a person too
    assert people("Talks were led by Trade Representative Lena Berg-Holm and Trade Undersecretary Tom Vega Jr.") == [
        "Lena Berg-Holm",
        "Tom Vega Jr.",
    ]
    assert people("Representative Tom Vega said the bill would pass.") == ["Tom Vega"]
    assert people("Acme opened a Representative Office in Lima.") == []


def test_a_three_word_name_after_a_coordinated_portfolio_keeps_its_given_names():
    # "Geology" ends the portfolio; the given names before the surname belong to the name
    assert people("The order was signed by Minister of Mines and Geology Ana Lucia Ruiz-Vega.") == [
        "Ana Lucia Ruiz-Vega"
    ]
    assert people("The order was signed by Minister of Mines and Geology Mamadou Saliou Diallo.") == [
        "Mamadou Saliou Diallo"
    ]
    assert people("It was signed by Minister of Trade and Tourism Lars Eide.") == ["Lars Eide"]
    # two capitalised words left before the given names: a family name may open the name, the tail stays
    assert people("It was led by Vice Minister of Natural Resources and Environment Tran Thi Thu Hang.") == [
        "Thu Hang"
    ]


def test_a_given_name_that_also_names_a_city_opens_a_person_s_name():
    # "Santiago" is Chile's capital and a given name: before a surname it opens a name
    assert people("Ruiz met Brazil's ambassador to India, Santiago Rossi-Vega.") == ["Santiago Rossi-Vega"]
    assert labels("The forum met in Santiago on Tuesday.") == [("Country", "Santiago")]
    # after a preposition of place it is the city, whatever follows
    assert "Santiago Ruiz" not in people("Talks in Santiago Ruiz said were long.")
    # a country's name is never read as a given name ("Jordan")
    assert people("Officials from Jordan Valley Mining said output rose.") == []


def test_a_portfolio_word_before_given_names_ends_the_title():
    # "Transition", "Cooperation": words of a portfolio, so the given names after them open the name
    assert people("It was signed by Minister of Energy Transition Leila Benali Vega on Monday.") == [
        "Leila Benali Vega"
    ]
    assert people("Minister of Foreign Affairs and Cooperation Maria Lopez Ruiz spoke.") == ["Maria Lopez Ruiz"]
    # a family name no given-name list holds: the name is at most what follows the portfolio (the whole
    # name would be better; today its two-word tail), never a portfolio's word
    [found] = people("It was led by Vice Minister of Natural Resources and Environment Tran Thi Thu Hang.")
    assert found.split()[-2:] == ["Thu", "Hang"] and "Tran Thi Thu Hang".endswith(found)


def test_a_right_honourable_is_no_person():
    assert people("Ruritania's Minister for Trade, Rt Hon. Lena Berg-Hale, said the plant would be built.") == [
        "Lena Berg-Hale"
    ]


def test_a_name_word_spelt_like_a_form_of_address_stays_in_the_name():
    # "Eng" (Hokkien) and "Hon" (Cantonese) are name words; only "Eng." / "Hon." with a stop address someone
    text = "Ruritania's trade minister Tan Eng Kiat met Hon Lai Ming, the head of Acme Metals, on Monday."
    assert people(text) == ["Tan Eng Kiat", "Hon Lai Ming"]


def test_ro_k_names_south_korea():
    assert ("Country", "RoK") in labels("RoK Minister of Trade Kim Do-hyun visited the plant.")


def test_arabic_names_with_bint_and_a_capitalised_article_stay_whole():
    assert people("The deal was hailed by the Minister of State, Dr. Huda bint Salem Al Rashdi, in Muscat.") == [
        "Huda bint Salem Al Rashdi"
    ]
    assert people("It was co-chaired by Nabil bin Sami Al Qasimi Al Dhaheri, Minister of Minerals, on Monday.") == [
        "Nabil bin Sami Al Qasimi Al Dhaheri"
    ]


def test_a_polynesian_name_with_a_glottal_stop_is_one_word():
    assert people("The memorandum was signed by Dr Tui'ava Lesa Faleafa, Director of the Institute.") == [
        "Tui'ava Lesa Faleafa"
    ]


def test_a_form_of_address_after_a_portfolios_comma_leaves_the_whole_name():
    # a given name from no list ("Vanraj") after the form of address stays part of the name
    text = "The talks were held with Ruritania's Minister of Trade and Mines, Shri Vanraj Kiran Joshi, on Monday."
    assert people(text) == ["Vanraj Kiran Joshi"]


def test_a_long_title_before_a_reverse_appositive_name():
    assert people(
        "The session was attended by the Ambassador Extraordinary and Plenipotentiary of the Republic of "
        "Ruritania to the Federal Republic of Freedonia, Xue Hanlin, and others."
    ) == ["Xue Hanlin"]


def test_mongolian_initials_open_a_name_after_a_titles_complement():
    assert people("The talks were attended by Vice Minister of Foreign Affairs B. Oyunbat and others.") == [
        "B. Oyunbat"
    ]
    assert people("Minister of Mining and Heavy Industry Ch. Tsogtbaatar and Minister Ana Ruiz signed it.") == [
        "Ch. Tsogtbaatar",
        "Ana Ruiz",
    ]


def test_a_name_after_a_complements_comma_is_whole():
    text = "It was announced by Ruritania's Minister of Mines, Vanraj Kiran Joshi, and others at a meeting."
    assert people(text) == ["Vanraj Kiran Joshi"]


def test_given_names_after_a_bodys_name_in_a_complement_belong_to_the_name():
    text = "It was attended by President of the Council of Ministers Maria Elena Vega Prado and others."
    assert people(text) == ["Maria Elena Vega Prado"]


def test_an_everyday_form_of_address_before_a_reverse_appositive_name():
    text = "It was signed by the Vice Minister of Mines for Mining Affairs, Eng. Vanraj bin Saad Al-Qadi, and others."
    assert people(text) == ["Vanraj bin Saad Al-Qadi"]


def test_a_bay_or_an_island_is_no_person():
    assert people("They will build a refinery near the port of Kestrel Bay, the first project of the plan.") == []


def test_ma_for_maria_opens_a_philippine_name():
    assert people("The deal was signed by Undersecretary for Mining Ma. Luisa Cruz-Reyes and the ambassador.") == [
        "Ma. Luisa Cruz-Reyes"
    ]


def test_patronymic_written_as_a_word_of_its_own():
    # Azerbaijani "oglu" / "qizi", Kyrgyz "uulu": between the father's name and the surname
    assert people("Ruritania's Minister of Economy, Tamerlan Ilgar oglu Hasanov, said so.") == [
        "Tamerlan Ilgar oglu Hasanov"
    ]
    assert people("Deputy Minister Aidai Bakyt kyzy spoke first.") == ["Aidai Bakyt kyzy"]


def test_post_nominal_letters_are_no_part_of_the_name():
    assert labels("Tom Hargreave-Lund MP, who chairs the panel, opened it.")[0] == ("Person", "Tom Hargreave-Lund")
    assert people("The panel heard from Tom Hargreave-Lund MP and two others.") == ["Tom Hargreave-Lund"]


def test_a_form_of_address_opens_the_whole_name_after_a_portfolio():
    assert people("Freedonia, led by Minister of Water, Energy and Mines Dr. Amani Kato Obura;") == [
        "Amani Kato Obura"
    ]
    assert people("It was signed before Union Minister of Mines Shri Gurdeep Singh Bhullar.") == [
        "Gurdeep Singh Bhullar"
    ]
    assert people("Ruritania's Minister of Minerals, Dkt. Neema Ali Mrisho, spoke.") == ["Neema Ali Mrisho"]
    assert people("The permit was signed by Principal Secretary for Mining Eng. Otieno Kamau Were.") == [
        "Otieno Kamau Were"
    ]


def test_a_given_name_that_is_a_word_of_a_place_opens_a_name_after_a_portfolio():
    # "Helena" is one word of "Saint Helena": no place by itself
    assert people("Minister of Mines and Energy Helena Vaz Quaresma said so.") == ["Helena Vaz Quaresma"]


def test_a_country_that_ends_the_complement_leaves_the_whole_name_after_it():
    text = (
        "It was co-chaired by the Vice Minister of Industry and Trade of the Republic of Kazakhstan "
        "Arman Serikuly Dosov."
    )
    assert people(text) == ["Arman Serikuly Dosov"]


def test_after_said_a_clause_subject_or_a_firms_possessive_is_no_person():
    text = '"We signed," said Tarnvik Metallverk\'s founder and chief executive, Annika Lund-Rova.'
    assert people(text) == ["Annika Lund-Rova"]
    assert people("Its chief executive, Tom Vega Ode, said Kestrel Ouest would be the cornerstone.") == [
        "Tom Vega Ode"
    ]


def test_the_address_cue_scan_finds_what_the_substring_tests_find():
    from minegraph.loaders.mentions.people import _ADDRESS_CUE, _ADDRESS_CUES

    for text in ("Mines Dr. Ana Ruiz spoke", "Shri Anil Rao", "H. E. Ana Ruiz", "no address here", "Engineers met"):
        assert (_ADDRESS_CUE.search(text) is not None) == any(c in text for c in _ADDRESS_CUES)
    assert _ADDRESS_CUE.search("Dkt. Ana Ruiz") and not _ADDRESS_CUE.search("Dkt Ana Ruiz holds HE office")


def test_a_word_no_portfolio_has_after_a_portfolio_opens_the_name():
    # "Kwame" and "Do" are not in the given-name list: only portfolio words stand before them
    assert people("The delegation included the Minister of Mines and Energy Kwabo Teleni Mbeki.") == [
        "Kwabo Teleni Mbeki"
    ]
    assert people("He met Minister of Agriculture and Environment Do Van Tam on Monday.") == ["Do Van Tam"]
    # a body's head before the name stays the body's ("Lands and Energy Ministry")
    assert people("A spokesperson of the Lands and Energy Ministry Jonas Kale said so.") == ["Jonas Kale"]
