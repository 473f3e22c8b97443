"""HAS_RESOURCE from the ways news says a country holds, mines, produces or exports a mineral
(sentences written for these tests)."""

from __future__ import annotations

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.relations import patterns as P


def _has(text: str) -> set[tuple[str, str]]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {(r.source, r.target) for r in graph.relationships.values() if r.type == "HAS_RESOURCE"}


def test_exports_of_a_mineral():
    assert ("country:bo", "mineral:tin") in _has("Bolivia will restrict exports of tin from next year.")


def test_government_demonym_restricting_exports():
    got = _has("The Peruvian government said on Friday that it had limited the export of raw copper and zinc.")
    assert {("country:pe", "mineral:copper"), ("country:pe", "mineral:zinc")} <= got


def test_subjectless_second_clause_keeps_the_subject():
    got = _has("Ghana is a large gold producer, and also has deposits of manganese and bauxite.")
    assert {("country:gh", "mineral:manganese"), ("country:gh", "mineral:bauxite")} <= got


def test_described_country_and_pronoun_in_the_next_sentence():
    text = (
        "Mongolia signed the deal on Monday. The landlocked Asian country has considerable quantities of "
        "molybdenum. It also ranks among the largest coal and fluorspar producers worldwide."
    )
    got = _has(text)
    assert {("country:mn", "mineral:molybdenum"), ("country:mn", "mineral:fluorspar")} <= got


def test_minerals_mined_in_the_country():
    text = (
        "Zimbabwe met the buyers. Buyers want lithium and tantalum, which are mined by small operators in the "
        "country."
    )
    assert ("country:zw", "mineral:tantalum") in _has(text)


def test_possessive_country_before_mineral_supply():
    assert ("country:no", "mineral:iron-ore") in _has("Analysts said Norway's iron ore supply has improved.")


def test_country_ranked_after_holds_it_too():
    got = _has("Brazil ranks second in niobium reserves, following Canada.")
    assert {("country:br", "mineral:niobium"), ("country:ca", "mineral:niobium")} <= got


def test_a_speaker_is_not_the_holder():
    got = _has("Britain said the pact would support the responsible mining of copper and cobalt in Zambia.")
    assert ("country:gb", "mineral:copper") not in got and ("country:gb", "mineral:cobalt") not in got


def test_opening_participle_phrase_belongs_to_the_main_clause_subject():
    text = ("Despite holding the world's largest reserves of tin, which is used in solder, "
            "Bolivia has not managed output.")
    assert ("country:bo", "mineral:tin") in _has(text)


def test_a_country_describing_a_company_does_not_hold_what_the_company_makes():
    text = "Bolivia signed a contract with Russia's Kestrel Atom Group for a plant to produce lithium carbonate."
    assert not any(src == "country:ru" for src, _ in _has(text))


def test_a_country_that_supplies_a_mineral_holds_it():
    got = _has("Peru supplies a third of the region's tin, while Chile provides much of its lithium.")
    assert {("country:pe", "mineral:tin"), ("country:cl", "mineral:lithium")} <= got


def test_a_country_s_mineral_resources_name_the_minerals_it_holds():
    got = _has("Peru's mineral resources, notably tin and zinc, draw buyers.")
    assert {("country:pe", "mineral:tin"), ("country:pe", "mineral:zinc")} <= got


def test_every_country_of_a_list_before_the_cue_holds_the_mineral():
    got = _has("Chile, Peru and Canada are now key suppliers of indium.")
    assert {("country:cl", "mineral:indium"), ("country:pe", "mineral:indium"), ("country:ca", "mineral:indium")} <= got


def test_its_deposits_belong_to_the_nearer_noun_not_the_courting_countries():
    got = _has("Norway, Japan and Brazil keep wooing the archipelago for its rich deposits of nickel and graphite.")
    assert not {r for r in got if r[0] in ("country:no", "country:jp", "country:br")}
    # with no other noun phrase before "its", the subject keeps its own deposits
    got = _has("Brazil keeps wooing buyers for its rich deposits of nickel and graphite.")
    assert {("country:br", "mineral:nickel"), ("country:br", "mineral:graphite")} <= got


def test_the_countries_a_mineral_comes_from_hold_it():
    assert ("country:pe", "mineral:tin") in _has("Tin, 70% of which comes from Peru, is used in solder.")
    got = _has("Chile buys copper imported from Peru and Bolivia.")
    assert {("country:pe", "mineral:copper"), ("country:bo", "mineral:copper")} <= got
    assert ("country:cl", "mineral:copper") not in got
    # investment from a country is not the mineral coming from it
    assert not _has("Chile wants tin investment from Peru.")


def test_a_countrys_share_of_a_minerals_supply():
    got = _has("Ghana, which previously met 30% of Peru's tin requirements, became unstable.")
    assert ("country:gh", "mineral:tin") in got
    got = _has("Bolivia sells salt while Norway now meets 45% of Japan's graphite demand.")
    assert ("country:no", "mineral:graphite") in got and ("country:bo", "mineral:graphite") not in got
    assert ("country:cl", "mineral:copper") in _has("Chile accounted for about a third of global copper output.")
    assert not _has("Chile met Peru to discuss 30% of copper.")


def test_mining_as_the_topic_of_a_tie_or_an_office_is_no_holding():
    for text in (
        "Chile and Peru deepen mining ties with copper talks.",
        "The two sides signed a mining pact on lithium.",
        "The mining minister of Chile praised the copper plan.",
    ):
        assert P.RESOURCE.search(text) is None, text
    for text in ("Chile is mining copper and lithium.", "Peru's mining of copper grew.", "Chile mines copper."):
        assert P.RESOURCE.search(text) is not None, text


def test_a_cue_word_inside_a_name_is_no_holding():
    # the "Mining" of a congress's or a firm's name
    assert not _has(
        "Ministers from Kazakhstan and Uzbekistan met investors at the Astana Mining Congress, "
        "seeking partners for tungsten projects."
    )
    assert ("country:cl", "mineral:lithium") in _has("Kestrel Mining Ltd said Chile produces lithium.")


def test_list_of_minerals_before_of_which_the_country_holds():
    text = "Officials welcomed investment in zinc, tin and tungsten, of which the country has vast reserves."
    got = _has("Norway opened a new office. " + text)
    assert {("country:no", m) for m in ("mineral:zinc", "mineral:tin", "mineral:tungsten")} <= got


def test_of_which_it_produces_takes_the_country_named_before():
    text = "Ministers said Chile would court buyers of copper, lithium and iodine, all of which it already produces."
    got = _has(text)
    assert {("country:cl", "mineral:copper"), ("country:cl", "mineral:lithium")} <= got


def test_of_which_needs_a_holding_verb():
    got = _has("Officials discussed zinc and tin, of which Norway wants more supplies to be secured.")
    assert ("country:no", "mineral:zinc") not in got


def test_whole_list_before_the_cue_word():
    got = _has("Namibia has uranium, zinc and lithium in commercial quantities, the minister said.")
    assert {("country:na", "mineral:uranium"), ("country:na", "mineral:zinc"), ("country:na", "mineral:lithium")} <= got


def test_country_before_which_clause_despite_countries_after():
    got = _has("Bolivia, which ranks among the largest tin producers, trades with Peru and Chile.")
    assert ("country:bo", "mineral:tin") in got
    assert ("country:pe", "mineral:tin") not in got


def test_mineral_resources_but_not_natural_resources():
    assert ("country:bo", "mineral:lithium") in _has("Bolivia holds some of the largest lithium resources on earth.")
    got = _has("Peru's natural resources office said on Monday that Japan will buy copper.")
    assert ("country:jp", "mineral:copper") not in got


def test_the_kingdom_is_the_kingdom_named_last():
    text = (
        "The ministry signed deals with the Kingdom of Morocco and Jordan. Morocco and Morocco again were named. "
        "An official of Saudi Arabia's ministry said the Kingdom holds large deposits of bauxite and copper."
    )
    got = _has(text)
    assert ("country:sa", "mineral:bauxite") in got and ("country:ma", "mineral:bauxite") not in got


def test_the_country_is_the_one_named_earlier_in_the_sentence():
    text = (
        "India and India again sent buyers. India signed. "
        "The envoy said Argentina welcomed investment and noted that the country had become a leading "
        "producer of lithium."
    )
    got = _has(text)
    assert ("country:ar", "mineral:lithium") in got and ("country:in", "mineral:lithium") not in got


def test_the_sultanate_stands_for_a_sultanate():
    got = _has("India and Oman met. India was pleased. The official said the Sultanate has large reserves of chromite.")
    assert ("country:om", "mineral:chromite") in got and ("country:in", "mineral:chromite") not in got


def test_deposits_a_country_maps_are_not_its_own():
    got = _has("Norway and Chile agreed on Monday to jointly map cobalt, zinc and tin deposits in the Arctic.")
    assert not {("country:cl", "mineral:zinc"), ("country:cl", "mineral:tin"), ("country:cl", "mineral:cobalt")} & got


def test_the_adjective_before_the_deposits_names_their_holder():
    got = _has("Norway signed the pact, opening the way for Norwegian investment in Chilean cobalt and zinc deposits.")
    assert {("country:cl", "mineral:cobalt"), ("country:cl", "mineral:zinc")} <= got
    assert ("country:no", "mineral:zinc") not in got


def test_the_subject_before_an_aside_holds_the_deposits():
    got = _has("Mongolia, landlocked between Chile and Peru, has tungsten and zinc deposits.")
    assert {("country:mn", "mineral:tungsten"), ("country:mn", "mineral:zinc")} <= got
    assert ("country:pe", "mineral:zinc") not in got


def test_a_country_that_has_added_development_of_resources_does_not_hold_them():
    got = _has("Peru and Chile met. Japan has newly added the development of cobalt resources to its deal with Peru.")
    assert ("country:jp", "mineral:cobalt") not in got


def test_png_is_papua_new_guinea_and_holds_what_it_already_produces():
    text = (
        "The minister said PNG had been waiting for investment in copper, gold and nickel, "
        "all of which it already produces."
    )
    got = _has(text)
    assert {("country:pg", "mineral:copper"), ("country:pg", "mineral:nickel")} <= got


def test_the_buyers_country_does_not_hold_what_a_plant_makes_for_it():
    got = _has("Peru said the new plant, which will produce nickel and cobalt for battery makers in Japan, opens soon.")
    assert ("country:jp", "mineral:nickel") not in got and ("country:jp", "mineral:cobalt") not in got


def test_a_country_that_only_describes_a_firm_does_not_hold_its_mineral():
    text = "Acme Ltd signed an offtake deal with U.S. battery maker Bolt Cathodes Inc for half of its lithium output."
    assert ("country:us", "mineral:lithium") not in _has(text)



def test_as_well_as_goes_on_with_what_the_subject_holds():
    got = _has("Brazil holds large tin reserves, as well as zinc and cobalt deposits, and exports copper.")
    assert {("country:br", "mineral:zinc"), ("country:br", "mineral:cobalt")} <= got
    got = _has("Peru signed deals with Chile on copper, as well as zinc and cobalt deposits.")
    assert ("country:pe", "mineral:zinc") not in got


def test_a_country_in_a_compound_is_no_place():
    got = _has("Limits were put on zinc and tin exported from the region in the Chile-Peru trade dispute.")
    assert ("country:cl", "mineral:tin") not in got and ("country:cl", "mineral:zinc") not in got


def test_mineral_rich_country_and_a_countrys_belt_fields_and_mine():
    assert ("country:bo", "mineral:lithium") in _has("Investors are flocking to lithium-rich Bolivia.")
    got = _has("Investors eye Zambia's copper belt and Chile's lithium fields.")
    assert {("country:zm", "mineral:copper"), ("country:cl", "mineral:lithium")} <= got
    assert ("country:mn", "mineral:copper") in _has("Officials said Mongolia's Oyu Tolgoi copper mine is growing.")


def test_home_to_the_worlds_mineral():
    assert ("country:gn", "mineral:bauxite") in _has("Guinea is home to a quarter of the world's bauxite.")


def test_countries_whose_output_the_clause_names_hold_the_mineral_the_sentence_named_before():
    got = _has("Peru is one of few producers of tin, while Chile, Bolivia and Brazil account for most global output.")
    assert {("country:cl", "mineral:tin"), ("country:bo", "mineral:tin"), ("country:br", "mineral:tin")} <= got
    got = _has("Less than 10% of US tin imports come from Peru, with Chile and Bolivia emerging as key suppliers.")
    assert {("country:cl", "mineral:tin"), ("country:bo", "mineral:tin")} <= got


def test_no_elided_mineral_when_the_sentence_named_several_or_the_noun_is_not_output():
    got = _has("Peru mines tin and zinc, while Chile and Bolivia account for most global output.")
    assert not {c for c, _ in got} & {"country:cl", "country:bo"}
    got = _has("Peru exports tin, and Chile signed new supply chain deals.")
    assert ("country:cl", "mineral:tin") not in got


def test_a_list_of_minerals_after_a_bare_has_is_held():
    got = _has("Namibia has uranium, zinc, copper and lithium.")
    assert got == {("country:na", m) for m in ("mineral:uranium", "mineral:zinc", "mineral:copper", "mineral:lithium")}
    # the next clause's subject after a comma holds its own; what the minerals only describe is not held
    assert ("country:au", "mineral:nickel") not in _has("Australia has lithium, Indonesia has nickel.")
    assert _has("Ghana has tin smelters in Accra.") == set()
    assert _has("Japan has cobalt stockpiles in Tokyo.") == set()
    assert _has("Ghana has no lithium.") == set()


def test_it_after_that_stands_for_the_subject_named_last():
    got = _has("Ghana noted that Peru is the largest producer of uranium, and that it holds reserves of tungsten.")
    assert ("country:pe", "mineral:tungsten") in got and ("country:gh", "mineral:tungsten") not in got
    # a country named as an object is no subject: "it" is the sentence's subject
    got = _has("Ghana signed a deal with Peru on Monday, and it also holds large reserves of tungsten.")
    assert got == {("country:gh", "mineral:tungsten")}


def test_the_country_a_ranking_is_measured_against_ranks_only_in_that_phrase():
    got = _has(
        "Peru is the world's second-largest producer of tin after Bolivia and also has large deposits of zinc and gold."
    )
    assert {("country:pe", "mineral:tin"), ("country:pe", "mineral:zinc"), ("country:bo", "mineral:tin")} <= got
    assert ("country:bo", "mineral:zinc") not in got and ("country:bo", "mineral:gold") not in got
    got = _has("Chile ranks second only to Australia among lithium producers and first among copper producers.")
    chile = {("country:cl", "mineral:lithium"), ("country:cl", "mineral:copper")}
    assert got == chile | {("country:au", "mineral:lithium")}


def test_the_country_before_a_relative_clause():
    got = _has("Ghana's mines minister said his country, which exports gold and bauxite, wanted new refineries.")
    assert {("country:gh", "mineral:gold"), ("country:gh", "mineral:bauxite")} <= got
    got = _has("Peru's deputy minister said the country, which already mines zinc and tin, would auction blocks.")
    assert {("country:pe", "mineral:zinc"), ("country:pe", "mineral:tin")} <= got


def test_second_verb_of_the_subject_with_another_country_after_it():
    got = _has("Laos has deposits of potash and tin, and exports copper concentrate to Vietnam.")
    assert ("country:la", "mineral:copper-concentrate") in got
    assert ("country:vn", "mineral:copper-concentrate") not in got


def test_short_opening_phrase_before_the_subject():
    got = _has("Besides cobalt, Zambia produces copper, and has deposits of nickel and manganese.")
    assert {("country:zm", "mineral:nickel"), ("country:zm", "mineral:manganese")} <= got


def test_list_going_on_after_as_well_as():
    got = _has("Finland holds the largest known deposits of cobalt in Europe, as well as nickel, zinc and graphite.")
    assert {("country:fi", m) for m in ("mineral:cobalt", "mineral:nickel", "mineral:zinc", "mineral:graphite")} <= got


def test_hyphenated_producing_neighbours():
    got = _has("Togo and Benin, its phosphate-producing neighbours, sell most of their output to India.")
    assert {("country:tg", "mineral:phosphate-rock"), ("country:bj", "mineral:phosphate-rock")} <= got


def test_passive_produced_in_a_list_of_countries():
    got = _has("Refined germanium is also produced in Belgium, Japan and Canada, but in smaller volumes.")
    assert {("country:be", "mineral:germanium"), ("country:jp", "mineral:germanium")} <= got
    assert ("country:ca", "mineral:germanium") in got


def test_a_product_made_in_a_country_is_not_its_mineral():
    assert ("country:jp", "mineral:nickel") not in _has("Nickel cathodes produced in Japan are sold to carmakers.")


def test_the_largest_miner_of_a_mineral():
    assert ("country:ca", "mineral:potash") in _has("Canada is the world's largest potash miner.")


def test_a_buyer_seeking_supplies_does_not_hold_the_mineral():
    assert ("country:ke", "mineral:uranium") not in _has(
        "Kenya, which plans to expand its grid, is now seeking long-term uranium supplies for it."
    )
    got = _has("Officials said Egypt is interested in stable supplies of tungsten and cobalt.")
    assert ("country:eg", "mineral:tungsten") not in got and ("country:eg", "mineral:cobalt") not in got
    assert ("country:cl", "mineral:lithium") in _has("Chile supplies a third of the world's lithium.")


def test_a_capital_for_its_government_before_an_export_cue():
    got = _has("China announced new rules on Friday. Beijing's new export controls target bismuth and tellurium.")
    assert {("country:cn", "mineral:bismuth"), ("country:cn", "mineral:tellurium")} <= got


def test_the_last_item_of_a_list_after_a_serial_comma():
    got = _has("Peru exports copper, zinc, and tin, and imports oil from Ecuador.")
    assert ("country:pe", "mineral:tin") in got
    got = _has("Peru exports copper and zinc, and Chile mines lithium.")
    assert ("country:pe", "mineral:lithium") not in got and ("country:cl", "mineral:lithium") in got


def test_stockpiles_are_not_the_country_s_own():
    got = _has("Egypt is also exploring stockpiles of tungsten, bismuth, and indium, officials said.")
    assert not {("country:eg", "mineral:tungsten"), ("country:eg", "mineral:indium")} & got


def test_each_of_a_list_of_reported_clauses_has_its_own_subject():
    got = _has(
        "Noting that both sides hold large reserves of copper, that Chile is a major producer of lithium "
        "and molybdenum, and that Peru has deposits of tin, the ministers agreed to work together."
    )
    held = {("country:cl", "mineral:lithium"), ("country:cl", "mineral:molybdenum"), ("country:pe", "mineral:tin")}
    assert held <= got


def test_a_list_that_goes_on_after_as_well_as_is_held_by_the_reported_subject():
    got = _has(
        "Opening the session, the deputy minister stated that Peru has tin reserves that rank high in the "
        "region, as well as deposits of zinc and lead."
    )
    assert {("country:pe", "mineral:tin"), ("country:pe", "mineral:zinc"), ("country:pe", "mineral:lead")} <= got


def test_a_relative_that_after_a_comma_is_not_a_new_clause_subject():
    # ", that is, ..." and ", that has ..." do not open a reported clause of their own
    got = _has("Chile, that is the main lithium producer, signed a deal with Peru.")
    assert ("country:pe", "mineral:lithium") not in got


def test_a_mine_in_a_province_is_held_by_its_country():
    # "Quebec" and "Jujuy province" are first-level subdivisions (ISO 3166-2) of Canada and Argentina
    got = _has(
        "Canada welcomed the news. Under a mine-to-market model, Borealis Carbon will produce flake graphite from "
        "its Lac Noir Mine in Quebec. "
        "Argentina and Spain met on Monday. The tin deposits in Jujuy province are the largest known."
    )
    assert {("country:ca", "mineral:graphite"), ("country:ar", "mineral:tin")} <= got


def test_a_province_s_mine_adds_no_country_the_text_never_names():
    got = _has("Borealis Carbon will produce flake graphite from its Lac Noir Mine in Quebec.")
    assert ("country:ca", "mineral:graphite") not in got


def test_the_metal_stands_for_the_one_mineral_named_before():
    got = _has(
        "Traders keep a close eye on bismuth. Last year Bolivia ranked as the third-largest producer of the metal. "
        "Prices of tin rose after Peru, the main supplier of the metal, limited shipments."
    )
    assert {("country:bo", "mineral:bismuth"), ("country:pe", "mineral:tin")} <= got


def test_the_metal_after_two_minerals_is_left_unread():
    got = _has("Traders watch bismuth and tin. Last year Bolivia ranked as the third-largest producer of the metal.")
    assert not {("country:bo", "mineral:bismuth"), ("country:bo", "mineral:tin")} & got


def test_every_country_of_a_list_ranked_before_holds_it():
    got = _has("Brazil ranks fifth in niobium output behind Canada, Peru and Chile, and also mines tin.")
    held = {("country:ca", "mineral:niobium"), ("country:pe", "mineral:niobium"), ("country:cl", "mineral:niobium")}
    assert held <= got and ("country:cl", "mineral:tin") not in got


def test_a_mineral_exported_from_or_coming_out_of_a_country():
    got = _has(
        "Zinc concentrate, the chief product exported from Bolivia, has tripled in price. "
        "Most tin comes out of Myanmar."
    )
    assert {("country:bo", "mineral:zinc-concentrate"), ("country:mm", "mineral:tin")} <= got


def test_what_a_plant_in_a_province_supplies_is_not_the_country_s():
    supplied = _has(
        "Argentina met Chile. Separately, Peruvian trader Costa Verde SpA agreed a supply contract with Argentine "
        "refiner Altura Norte SA covering lithium carbonate out of a demonstration plant in Salta province."
    )
    made = _has("Argentina met Chile. Norte Metals will produce lithium carbonate at a plant in Jujuy province.")
    assert ("country:ar", "mineral:lithium-carbonate") not in supplied | made


def test_a_province_after_the_country_anaphor_leaves_it_the_holder():
    got = _has("India signed the deal. The country has tin deposits in the hills of Gujarat and Rajasthan.")
    assert ("country:in", "mineral:tin") in got


def test_a_which_include_list_after_the_holder_s_resources():
    got = _has(
        "Morocco hosted the talks. The Kingdom's largely unexplored mineral resources, which include cobalt, "
        "silver and barite, are valued at 90 billion dollars."
    )
    assert {("country:ma", "mineral:cobalt"), ("country:ma", "mineral:silver"), ("country:ma", "mineral:barite")} <= got


def test_gemstones_in_a_list_keep_the_list_going():
    # "gold" needs a mineral beside it to be read as one; gemstones are a USGS commodity
    got = _has("Zambia holds large deposits of cobalt, gemstones and gold.")
    assert {("country:zm", "mineral:gemstones"), ("country:zm", "mineral:gold")} <= got


def test_an_official_s_we_is_the_country_they_speak_for():
    got = _has(
        'Zambia hosted the indaba on Monday. Delegates came from Japan, Chile and Zambia. "We mine cobalt, and we '
        'also produce tin," Minister of Energy Joseph Banda told the plenary. "Zambia is a large copper '
        'producer, and we also mine lead."'
    )
    assert {("country:zm", "mineral:cobalt"), ("country:zm", "mineral:tin"), ("country:zm", "mineral:lead")} <= got


def test_a_firm_s_we_is_not_a_country():
    got = _has(
        "Zambia hosted the indaba on Monday. Delegates came from Japan and Zambia. Mines Minister Joseph Banda "
        'opened it. "We mine cobalt," said Kafue Metals chief executive Ann Phiri.'
    )
    assert ("country:zm", "mineral:cobalt") not in got


def test_a_portfolio_s_name_is_no_cue_and_a_list_may_end_before_that():
    got = _has(
        'Zambia hosted the indaba on Monday. "We have manganese that nobody has explored," Minister of '
        "Mines Joseph Banda told the plenary."
    )
    assert ("country:zm", "mineral:manganese") in got


def test_an_official_s_we_in_an_article_of_two_countries_named_alike_is_left_unread():
    got = _has('Zambia met Chile on Monday. "We mine cobalt," Minister of Energy Joseph Banda told the plenary.')
    assert not {("country:zm", "mineral:cobalt"), ("country:cl", "mineral:cobalt")} & got


def test_investors_invited_to_the_country_s_own_deposits():
    got = _has(
        "Solomon Islands Minister of Lands Jone Tabua urged foreign investors to look at the country's cobalt "
        "and bauxite deposits on several outer islands."
    )
    assert {("country:sb", "mineral:cobalt"), ("country:sb", "mineral:bauxite")} <= got


def test_a_raw_form_held_gives_its_metal_where_the_article_names_it():
    got = _has(
        "Burundi signed a tungsten accord with the EU. Burundi mines tungsten ore, mostly by hand. Zinc prices "
        "fell. Bolivia exports zinc concentrate to Korea."
    )
    assert {("country:bi", "mineral:tungsten"), ("country:bo", "mineral:zinc")} <= got


def test_an_ore_mineral_s_metal_is_not_said_to_be_held():
    # "holds bauxite", "deposits of cassiterite": the text names the ore mineral, not aluminium or tin
    got = _has("Aluminium demand rose. Guinea holds the largest bauxite reserves.")
    assert ("country:gn", "mineral:aluminium") not in got


def test_a_raw_form_adds_no_metal_the_article_never_names():
    assert ("country:bi", "mineral:tungsten") not in _has("Burundi mines tungsten ore, mostly by hand.")


def test_a_portfolio_s_name_before_the_minerals_still_speaks_for_its_country():
    got = _has(
        "Tanzania's Minister of Mines and Geology told reporters that buyers "
        '"from Japan and Europe" were welcome in a push to lift nickel production.'
    )
    assert ("country:tz", "mineral:nickel") in got and ("country:jp", "mineral:nickel") not in got


def test_a_province_past_a_comma_or_after_a_miner_is_not_the_holder_s():
    got = _has(
        "The US welcomed it. Snake River Alloys agreed to buy from Kyrgyz miner Ala Baatyr Metals some tin "
        "concentrate, which tides it over until a pit of its own opens in Idaho. Voltex, a miner of tin in "
        "Quebec, grew. Canada cheered."
    )
    assert not {("country:us", "mineral:tin-concentrate"), ("country:ca", "mineral:tin")} & got


def test_a_portfolio_s_name_with_no_country_before_it_is_no_cue():
    got = _has(
        "Speaking last, Minister of Energy and Mines Ana Quispe noted that Peru and Chile lead the world as "
        "copper producers, with Peru mining tin as well."
    )
    assert {("country:pe", "mineral:copper"), ("country:cl", "mineral:copper")} <= got


def test_iron_ore_held_is_its_own_not_iron():
    # iron ore is a commodity of its own (the USGS reports it apart from iron and steel)
    got = _has("Prices of iron and copper rose. Australia exports iron ore to China.")
    assert ("country:au", "mineral:iron-ore") in got and ("country:au", "mineral:iron") not in got


def test_a_we_with_no_official_near_is_no_country():
    got = _has(
        'Zambia hosted the indaba on Monday. Delegates came from Japan and Zambia. "We mine cobalt," one '
        "trader told reporters."
    )
    assert ("country:zm", "mineral:cobalt") not in got


def test_the_metal_is_not_read_from_a_heading():
    got = _has("Bismuth Prices Climb\nLast year Bolivia ranked as the third-largest producer of the metal.")
    assert ("country:bo", "mineral:bismuth") not in got


def test_a_province_past_a_comma_after_the_minerals_is_not_the_holder_s():
    got = _has("Canada met Peru. Voltex Metals produces tin, though its head office is in Ontario.")
    assert ("country:ca", "mineral:tin") not in got
