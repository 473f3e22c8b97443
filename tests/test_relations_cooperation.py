"""COOPERATES_WITH (sentences written for these tests)."""

from __future__ import annotations

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph


def _pairs(text: str, typ: str = "COOPERATES_WITH") -> set[frozenset[str]]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {frozenset((r.source, r.target)) for r in graph.relationships.values() if r.type == typ}


def test_a_country_in_a_relative_clause_is_not_the_subject():
    got = _pairs("Japan, which relies on China for half of its cobalt, will begin cooperation with Peru on mining.")
    assert frozenset({"country:jp", "country:pe"}) in got
    assert frozenset({"country:cn", "country:pe"}) not in got


def test_two_signatories_of_a_deal_cooperate():
    got = _pairs("Ghana and Peru signed a memorandum of understanding on gold on Monday.")
    assert got == {frozenset({"country:gh", "country:pe"})}


def test_agreement_subject_in_the_first_clause_not_the_relative_one():
    text = (
        "Japan agreed to send ships to Peru, which is in a dispute with Chile over fishing, "
        "and signed a memorandum of understanding on port security."
    )
    assert _pairs(text) == {frozenset({"country:jp", "country:pe"})}


def test_the_hub_of_a_multilateral_deal_cooperates_with_each_other_party():
    text = (
        "Ghana, Peru, Chile, Norway and Kenya signed a memorandum of understanding on responsible mining "
        "on Monday. Ghana said the memorandum would bring investment. Officials in Ghana welcomed the news."
    )
    got = _pairs(text)
    others = ("country:pe", "country:cl", "country:no", "country:ke")
    assert {frozenset({"country:gh", o}) for o in others} <= got
    # the others are only named beside the hub: no link among them
    assert not any(frozenset({a, b}) in got for a in others for b in others if a != b)


def test_no_hub_when_no_party_stands_out():
    text = "Ghana, Peru, Chile, Norway and Kenya signed a memorandum of understanding on responsible mining on Monday."
    assert _pairs(text) == set()


def test_a_country_beside_its_own_company_is_not_a_side_of_the_deal():
    text = (
        "The memorandum of understanding was signed on Monday with Codelco, a Chilean copper miner, and "
        "Umicore, a Belgian materials group, to build a refinery in Peru, Posco said."
    )
    got = _pairs(text)
    assert got == {
        frozenset({"company:codelco", "company:umicore"}),
        frozenset({"company:codelco", "company:posco"}),
        frozenset({"company:umicore", "company:posco"}),
    }


def test_an_alliance_with_a_list_links_the_subject_to_each():
    got = _pairs("Ghana is seeking an alliance with Peru, Chile and Kenya on gold mining, its president said.")
    assert got == {frozenset({"country:gh", o}) for o in ("country:pe", "country:cl", "country:ke")}


def test_the_sides_of_a_joint_venture_cooperate():
    got = _pairs("The smelter is a joint venture between Acme Mining and Beta Metals, with a 40,000 t capacity.")
    assert got == {frozenset({"company:acme-mining", "company:beta-metals"})}


def test_a_country_describing_a_side_of_a_venture_is_not_a_side():
    got = _pairs("Officials said a joint venture between Ghana's Acme Mining and Beta Metals runs the refinery.")
    assert frozenset({"company:acme-mining", "company:beta-metals"}) in got
    assert not any("country:" in x for pair in got for x in pair)


def test_adjectives_of_countries_after_between_are_not_sides():
    # the sides are the firms of the two countries, which the sentence does not name
    assert _pairs("Ghana blocked cooperation between Peruvian and Chilean companies on gold.") == set()


def test_co_owners_and_shareholders_cooperate():
    assert _pairs("The mine is owned by Acme Mining and Beta Metals.") == {
        frozenset({"company:acme-mining", "company:beta-metals"})
    }
    assert _pairs("The shareholders are Acme Mining (60%) and the state-owned Beta Metals (40%).") == {
        frozenset({"company:acme-mining", "company:beta-metals"})
    }


def test_one_owner_and_a_later_buyer_do_not_cooperate():
    assert _pairs("The mine, 80% owned by Acme Mining, sells its ore to Beta Metals.") == set()


def test_a_buyer_of_a_stake_cooperates_with_what_it_buys_into():
    got = _pairs("Acme Mining will take a 20% stake in Beta Metals' nickel unit.")
    assert got == {frozenset({"company:acme-mining", "company:beta-metals"})}


def test_verbs_of_working_together_link_their_subject_and_partner():
    for text in (
        "Acme Mining teamed up with Beta Metals to build a smelter.",
        "Acme Mining joined forces with Beta Metals on the smelter.",
        "Acme Mining has partnered with Beta Metals on the smelter.",
    ):
        assert _pairs(text) == {frozenset({"company:acme-mining", "company:beta-metals"})}, text
    assert _pairs("Ghana is working closely with Peru on gold supply chains.") == {
        frozenset({"country:gh", "country:pe"})
    }


def test_coordinated_subjects_that_act_together_cooperate():
    assert _pairs("Ghana and Peru have pledged to collaborate on gold mining.") == {
        frozenset({"country:gh", "country:pe"})
    }
    assert _pairs("Acme Mining and Beta Metals jointly invested in the project.") == {
        frozenset({"company:acme-mining", "company:beta-metals"})
    }


def test_a_jointly_held_firm_far_from_a_list_does_not_join_the_list():
    text = (
        "Ghana signed supply contracts with Acme Mining, Beta Metals and Gamma Minerals on Friday, and it "
        "will own a fifth of every company the three set up together."
    )
    got = _pairs(text)
    assert frozenset({"company:beta-metals", "company:gamma-minerals"}) not in got
    assert frozenset({"company:acme-mining", "company:gamma-minerals"}) not in got


def test_countries_named_together_are_not_partners_by_being_named():
    assert _pairs("Ghana and Peru are the largest trading partners of Chile.") == set()


def test_the_two_countries_of_the_sentence_before_cooperate():
    text = "Ghana's president visited Peru on Monday. The two countries agreed to deepen cooperation on gold mining."
    assert _pairs(text) == {frozenset({"country:gh", "country:pe"})}
    text = "Ghana's president met Peru's president in Lima. Both sides pledged to expand cooperation in mining."
    assert _pairs(text) == {frozenset({"country:gh", "country:pe"})}


def test_the_two_countries_are_not_guessed_among_three_nor_paired_when_they_work_with_another():
    assert _pairs("Ghana, Peru and Chile met on Monday. The two countries will cooperate on gold processing.") == set()
    got = _pairs("Ghana and Peru held talks on Monday. The two countries will cooperate with Chile on gold.")
    assert frozenset({"country:gh", "country:pe"}) not in got


def test_a_lender_and_what_it_lends_to_cooperate():
    bank, firm = "agency:european-investment-bank", "company:acme-mining"
    for text in (
        "The loan from the European Investment Bank to Acme Mining will fund the mine.",
        "The European Investment Bank will finance Acme Mining's lithium project.",
        "Acme Mining secured financing from the European Investment Bank for the mine.",
        "Acme Mining is backed by the European Investment Bank.",
    ):
        assert _pairs(text) == {frozenset({bank, firm})}, text


def test_a_fund_or_a_backed_firm_is_not_a_lender():
    assert _pairs("Norway's wealth fund Acme Capital sold its shares in Beta Metals last year.") == set()
    assert _pairs("Ghana named state-backed Acme Mining and Beta Metals as bidders.") == set()


def test_strengthening_ties_is_cooperation_but_having_relations_is_not():
    assert _pairs("Ghana and Peru agreed to strengthen ties in mining.") == {frozenset({"country:gh", "country:pe"})}
    assert _pairs("Ghana and Peru have had tense relations for years.") == set()


def test_co_verbs_and_mergers_are_cooperation():
    pair = {frozenset({"company:acme-mining", "company:beta-metals"})}
    assert _pairs("Acme Mining and Beta Metals will co-develop the mine.") == pair
    assert _pairs("Acme Mining merged with Beta Metals last year.") == pair
    assert _pairs("Acme Mining and Beta Metals are working on a joint study of nickel deposits.") == pair


def test_a_named_partner_cooperates_but_a_trading_partner_only_trades():
    assert _pairs("Ghana's key partner Peru pledged support.") == {frozenset({"country:gh", "country:pe"})}
    assert _pairs("Peru, a strategic partner of Ghana, pledged support.") == {frozenset({"country:gh", "country:pe"})}
    assert _pairs("Ghana's partners Peru and Chile pledged support.") == {
        frozenset({"country:gh", "country:pe"}),
        frozenset({"country:gh", "country:cl"}),
    }
    assert _pairs("Peru, Ghana's largest trading partner, pledged support.") == set()


def test_the_country_referred_to_is_the_one_the_passage_named():
    text = (
        "Ghana wants buyers for its gold; Peru and Chile, which have teamed up with the West African "
        "nation, plan a refinery."
    )
    assert _pairs(text) == {frozenset({"country:pe", "country:gh"}), frozenset({"country:cl", "country:gh"})}
    text = "Ghana opened its gold sector to foreign firms. Acme Mining will cooperate with the country on exploration."
    assert _pairs(text) == {frozenset({"company:acme-mining", "country:gh"})}


def test_the_countrys_own_people_are_not_the_country_referred_to():
    assert _pairs("Ghana opened its gold sector. Acme Mining will work with the country's miners on gold.") == set()


def test_one_actor_helping_another_build_or_develop_is_cooperation():
    assert frozenset({"country:jp", "country:cl"}) in _pairs("Japan will help Chile develop its lithium industry.")
    assert frozenset({"country:kr", "country:id"}) in _pairs("Korea is assisting Indonesia to build a battery plant.")
    # help with no actor helped, or no work of the helped one: nothing
    assert not _pairs("The deal will help Chile develop lithium.")
    assert not _pairs("High prices helped Chile post a surplus as Peru watched.")


def test_two_sides_named_as_one_subject_of_a_joint_undertaking_cooperate():
    # no agreement word: the pair launched or agreed to build something jointly
    assert frozenset({"country:gh", "country:pe"}) in _pairs("Ghana and Peru launched a joint gold refining centre.")
    got = _pairs("When Norway and Chile agreed in 2024 to build a joint copper smelter, the idea was sound.")
    assert frozenset({"country:no", "country:cl"}) in got


def test_a_pair_whose_second_side_a_country_describes_cooperates():
    # "A (alias) and Ruritania's B will jointly invest": the describing country is not a side
    text = "Tamarind Metals Corp. (TMC) and Japan's Hoshizora Mining Co., Ltd. will jointly invest in a nickel plant."
    got = _pairs(text)
    assert frozenset({"company:tamarind-metals-corporation", "company:hoshizora-mining-co-ltd"}) in got
    assert not any("country:jp" in p for p in got)


def test_a_pair_that_each_signed_with_a_third_side_does_not_cooperate_with_each_other():
    got = _pairs("Ghana and Peru have signed similar partnerships with Japan.")
    assert frozenset({"country:gh", "country:pe"}) not in got
    assert frozenset({"country:gh", "country:jp"}) in got


def test_two_countries_that_together_mine_a_share_of_the_world_s_output_do_not_cooperate():
    got = _pairs("Ghana and Peru together mine more than a tenth of the world's gold.")
    assert frozenset({"country:gh", "country:pe"}) not in got


_TAMARIND = "company:tamarind-metals-corporation"
_HOSHIZORA = "company:hoshizora-mining-co"


def test_a_buyer_cooperates_with_the_developer_of_the_project_it_buys_into():
    text = (
        "Tamarind Metals Corp. will take a 20% interest in the Kuro project, which is being developed by "
        "Hoshizora Mining Co."
    )
    assert frozenset({_TAMARIND, _HOSHIZORA}) in _pairs(text)


def test_the_owner_of_a_purchase_is_read_in_its_own_clause_only():
    text = (
        "Tamarind Metals Corp. took a stake in the Kuro mine, while Hoshizora Mining Co. bought a plant from "
        "Kestrel Nickel Ltd."
    )
    assert frozenset({_TAMARIND, "company:kestrel-nickel-ltd"}) not in _pairs(text)


def test_a_buyer_of_an_owner_s_shares_cooperates_with_it():
    text = "Tamarind Metals Corp. plans to subscribe to Hoshizora Mining Co.'s shares."
    assert frozenset({_TAMARIND, _HOSHIZORA}) in _pairs(text)


def test_the_buyer_is_the_subject_not_the_country_of_its_apposition():
    text = (
        "Tamarind Metals Corp., Canada's largest nickel trader, will acquire the stake in the Kuro project from "
        "Hoshizora Mining Co."
    )
    got = _pairs(text)
    assert frozenset({_TAMARIND, _HOSHIZORA}) in got
    assert frozenset({"country:ca", _HOSHIZORA}) not in got


def test_a_party_the_weights_add_from_another_sentence_cooperates_with_no_one():
    # the weights make the funder a party of the memorandum from a sentence of its own: it is not
    # named signing beside either side, so it is not read cooperating with them
    text = (
        "Ghana and Peru signed a memorandum of understanding on gold mining on Monday. Acme Mining Ltd will "
        "finance the first survey under the memorandum. Ghana expects the first results next year."
    )
    assert _pairs(text, "PARTY_TO") >= {
        frozenset({"company:acme-mining-ltd", "agreement:mou-gh-pe"}),
        frozenset({"country:gh", "agreement:mou-gh-pe"}),
    }
    assert _pairs(text) == {frozenset({"country:gh", "country:pe"})}


def test_a_lender_and_the_borrower_cooperate():
    got = _pairs("Export Finance Ghana, the state export-credit agency, lent Quarry Minerals Ltd A$150 million.")
    assert got == {frozenset({"agency:export-finance-ghana", "company:quarry-minerals-ltd"})}
    got = _pairs(
        "The plant is backed by the Japan Bank for International Cooperation, which will lend Quarry Minerals Ltd "
        "half of the price."
    )
    assert frozenset({"agency:japan-bank-for-international-cooperation", "company:quarry-minerals-ltd"}) in got
    got = _pairs("The World Bank said on Thursday it had signed a $250 million line of credit with Ghana.")
    assert got == {frozenset({"agency:world-bank", "country:gh"})}
    # "a loan to B" with no agreement verb: only the loan's own cue reads the lender and borrower
    got = _pairs("The World Bank approved a loan to Ghana for the smelter.")
    assert got == {frozenset({"agency:world-bank", "country:gh"})}


def test_a_lender_lending_to_no_one_named_cooperates_with_no_one():
    assert _pairs("Ghana is lending heavily to its farmers, the World Bank said.") == set()


def test_the_partner_after_with_is_the_firm_its_country_describes():
    text = "Codelco has signed a joint venture with Belgium's Umicore to build a copper refinery in Peru."
    got = _pairs(text)
    assert frozenset({"company:codelco", "company:umicore"}) in got
    assert frozenset({"company:codelco", "country:be"}) not in got


def test_a_listed_partner_described_by_its_country_is_the_firm():
    text = (
        "Codelco has signed a joint venture with Norway's Umicore and Japanese trader Sojitz Corp to build "
        "a copper refinery in Peru."
    )
    got = _pairs(text)
    assert frozenset({"company:codelco", "company:sojitz-corporation"}) in got
    assert not any("country:jp" in p or "country:no" in p for p in got)


def test_the_organisation_named_first_leads_a_deal_of_equally_named_parties():
    text = (
        "Codelco closed a $600 million financing package on Monday, with the World Bank, the African "
        "Development Bank and the Asian Development Bank lending $200 million each."
    )
    got = _pairs(text)
    banks = ("agency:world-bank", "agency:african-development-bank", "agency:asian-development-bank")
    assert {frozenset({"company:codelco", b}) for b in banks} <= got
    assert not any(frozenset({a, b}) in got for a in banks for b in banks if a != b)


def test_a_ministry_that_signed_for_its_country_stands_for_it_beside_a_country():
    text = (
        "Zimbabwe signed a memorandum of understanding with Peru on Tuesday to develop lithium processing. "
        "The memorandum was signed by Zimbabwe's President and by Peru's Ministry of Energy and Mines."
    )
    got = _pairs(text)
    assert frozenset({"country:zw", "country:pe"}) in got
    assert frozenset({"country:zw", "agency:ministry-of-energy-and-mines-pe"}) not in got


def test_the_party_named_first_among_all_leads_a_multilateral_deal():
    text = (
        "The European Union, Ghana, Peru and Kenya signed a memorandum of understanding on a railway for "
        "copper exports on Monday. Ghana will build the first section. Officials in Ghana welcomed the news."
    )
    got = _pairs(text)
    assert {frozenset({"agency:european-union", o}) for o in ("country:gh", "country:pe", "country:ke")} <= got
    assert frozenset({"country:gh", "country:pe"}) not in got


def test_the_owners_of_a_venture_listed_with_their_shares_cooperate():
    for text in (
        "The refinery is owned 40 percent by Codelco, 35 percent by Umicore and 25 percent by Sojitz Corp.",
        "Andes Refining, which is 70% owned by Codelco and 30% by the state's Umicore, opened a plant last year.",
    ):
        got = _pairs(text)
        assert frozenset({"company:codelco", "company:umicore"}) in got, text


def test_one_that_supports_another_in_its_work_cooperates_with_it():
    got = _pairs("Officials said Japan would support Peru with airborne surveys of its copper belt.")
    assert frozenset({"country:jp", "country:pe"}) in got
    got = _pairs("Norway would support Ghana in environmental monitoring of its gold mines, the minister said.")
    assert frozenset({"country:no", "country:gh"}) in got


def test_supporting_another_s_claim_is_no_cooperation():
    assert frozenset({"country:jp", "country:pe"}) not in _pairs("Japan said it would support Peru in its claim.")


def _read_by(rule, text: str) -> set[frozenset[str]]:
    """The pairs one cooperation reading finds in each sentence of ``text`` (``rule(text, mentions, out)``),
    whatever the agreement rules make of the same sentences."""
    from minegraph.loaders.extract import document_context
    from minegraph.loaders.relations import Out

    ctx = document_context(Document("t", "t.txt", text, "0" * 64))
    out = Out()
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        rule(sent.text, sm.mentions, out)
    return {frozenset((r.source.lower(), r.target.lower())) for r in out.rels.values() if r.type == "COOPERATES_WITH"}


def test_a_signer_cooperates_with_the_partner_of_each_deal_it_signed():
    from minegraph.loaders.relations.cooperation import _signed_with

    got = _read_by(
        _signed_with,
        "Brightwater Metals, a Canadian explorer, has inked a five-year supply contract with Japanese trader "
        "Mitsuno Corp for its Red Lake project, and a memorandum with Namdo Zinc Co. on recycling.",
    )
    assert frozenset({"company:brightwater-metals", "company:mitsuno-corporation"}) in got
    assert frozenset({"company:brightwater-metals", "company:namdo-zinc-co"}) in got
    # the country of an apposition describes the signer; it signs nothing
    assert not any("country:ca" in p or "country:jp" in p for p in got)


def test_the_partner_of_a_signed_deal_is_the_body_a_country_name_opens():
    from minegraph.loaders.relations.cooperation import _signed_with

    got = _read_by(
        _signed_with,
        "Kestrel Rare Earths Ltd has signed a US$90 million loan agreement with the U.S. Development Finance "
        "Corporation for its clay project.",
    )
    assert len(got) == 1
    [pair] = got
    assert "company:kestrel-rare-earths-ltd" in pair and not any(k.startswith("country:") for k in pair)


def test_the_partners_of_a_signed_deal_end_with_the_list_its_and_closes():
    from minegraph.loaders.relations.cooperation import _signed_with

    got = _read_by(
        _signed_with,
        "Neighbouring Kazakhstan has concluded similar agreements with the European Union and South Korea, "
        "and Tashkent has watched closely.",
    )
    assert frozenset({"country:kz", "country:kr"}) in got
    assert not any("country:uz" in p for p in got)  # Tashkent opens a clause of its own


def test_no_deal_no_signer_comparison_or_another_clause():
    from minegraph.loaders.relations.cooperation import _signed_with

    assert not _read_by(_signed_with, "Chile signed the decree on Monday, while talks with Bolivia go on.")
    assert not _read_by(_signed_with, "Peru's minister signed an agreement with Andesal Corp. on Monday.")


def test_the_sides_named_after_a_deal_and_between_cooperate():
    got = _pairs("The partnership on raw materials was concluded between the European Union and Kazakhstan in 2022.")
    assert frozenset({"agency:european-union", "country:kz"}) in got
    from minegraph.loaders.relations.cooperation import _listed_sides

    got = _read_by(
        _listed_sides,
        "A separate memorandum on training geologists was also signed, between Kohsar Minerals Holdings and "
        "the Geological Survey of Pakistan.",
    )
    assert got == {frozenset({"company:kohsar-minerals-holdings", "agency:geological-survey-of-pakistan"})}
    # a country that only says whose official signed is not a side
    assert not _read_by(
        _listed_sides, "An accord was signed between Peru's minister of mines and Andesal Corp. on Monday in Lima."
    )


def test_a_buyer_of_a_share_of_an_actor_cooperates_with_it():
    got = _pairs(
        "In June, Flusswerk Oberpfalz GmbH, a German supplier of fluorochemicals, agreed to buy 49 per cent of "
        "Dornod Fluorite LLC, which runs a fluorspar mine."
    )
    assert got == {frozenset({"company:flusswerk-oberpfalz-gmbh", "company:dornod-fluorite-llc"})}
    from minegraph.loaders.relations.cooperation import _share_purchase

    got = _read_by(_share_purchase, "Norrland Metals AB bought full ownership of Kiruna Minerals Oy last year.")
    assert got == {frozenset({"company:norrland-metals-ab", "company:kiruna-minerals-oy"})}
    # a share of what another sells is trade, not a stake
    assert not _read_by(_share_purchase, "China takes more than 80 per cent of Mongolia's exports of copper.")


def test_a_nationality_in_an_apposition_is_not_the_subject():
    got = _pairs("Brightwater Capital, a Canadian lender, will finance Taranaki Graphite's plant in Otago.")
    assert got == {frozenset({"company:brightwater-capital", "company:taranaki-graphite"})}
