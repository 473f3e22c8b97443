"""Agreements and their parties, from sentences written for these tests."""

from __future__ import annotations

from minegraph.graph.model import Graph
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph


def _graph(text: str) -> Graph:
    return extract_graph(Document("t", "t.txt", text, "0" * 64))


def _agreements(g: Graph) -> dict[str, tuple[str, set[str]]]:
    """agreement id -> (kind, parties)"""
    out = {n.id: (n.props.get("kind"), set()) for n in g.by_label("Agreement")}
    for r in g.relationships.values():
        if r.type == "PARTY_TO" and r.target in out:
            out[r.target][1].add(r.source)
    return out


def _rels(g: Graph, typ: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in g.relationships.values() if r.type == typ}


def test_memorandum_of_mutual_understanding_between_two_parties():
    g = _graph("Peru and Canada signed a memorandum of mutual understanding on critical minerals on Monday.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "mou" and parties == {"country:pe", "country:ca"}
    assert ("country:pe", "country:ca") in _rels(g, "COOPERATES_WITH") | {
        (b, a) for a, b in _rels(g, "COOPERATES_WITH")
    }


def test_statement_of_intent_and_capitalised_kind_word():
    g = _graph("Norway and Chile signed a Statement of Intent on battery minerals on Tuesday.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "mou" and parties == {"country:no", "country:cl"}


def test_loan_with_a_lender():
    g = _graph("Kestrel Mining Corp. finalised a $300 million loan with the Nordic Investment Bank on Monday.")
    agreements = _agreements(g)
    assert [k for k, _ in agreements.values()] == ["loan"]
    [(_, parties)] = agreements.values()
    assert len(parties) == 2


def test_offtake_contract_between_companies():
    g = _graph("Acme Lithium Ltd signed a supply contract with Borealis Cells Inc. for lithium hydroxide.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "offtake" and len(parties) == 2


def test_stake_purchase_is_an_agreement_between_buyer_and_seller():
    g = _graph("Acme Mining Corp. agreed to buy a 30% stake in Borealis Resources Ltd's copper project.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "stake" and len(parties) == 2


def test_a_stray_memorandum_with_one_party_is_no_agreement():
    g = _graph("Acme Mining Corp. said the memorandum was a good step.")
    assert _agreements(g) == {}


def test_a_capitalised_kind_word_is_not_a_name():
    g = _graph("Ghana and Japan on Friday signed a Memorandum of Understanding (MoU) on manganese supply.")
    agreements = _agreements(g)
    assert len(agreements) == 1
    [(kind, parties)] = agreements.values()
    assert kind == "mou" and parties == {"country:gh", "country:jp"}
    assert all(n.name != "Memorandum of Understanding" for n in g.nodes.values())


def test_parties_joined_at_the_head_of_a_name():
    g = _graph(
        "The European Union (EU) and Canada met on Monday. They launched the Canada-EU Raw Materials Partnership."
    )
    [(_, parties)] = _agreements(g).values()
    assert parties == {"country:ca", "agency:european-union"}


def test_the_place_of_a_meeting_is_not_a_party():
    g = _graph("Ahead of the summit in Egypt, Namibia and Chile have reached an agreement on lithium exports.")
    [(_, parties)] = _agreements(g).values()
    assert parties == {"country:na", "country:cl"}


def test_the_two_countries_are_the_last_two_named():
    g = _graph(
        "Japan launched a plan on Monday.\n"
        "Peru raised tariffs on Chile. The move angered officials in Lima. "
        "Yet the two countries concluded a framework agreement on Friday to settle the row."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "framework" and parties == {"country:pe", "country:cl"}


def test_under_the_terms_of_two_deals_with_a_list_of_companies():
    g = _graph(
        "Ghana and Canada have signed deals worth $300 million on gold mining.\n"
        "Under the terms of the two deals with Kestrel Gold Ltd, and Borealis Mining Corp., Ghana will hold "
        "a 10% stake."
    )
    [(_, parties)] = _agreements(g).values()
    assert {"company:kestrel-gold-ltd", "company:borealis-mining-corporation", "country:gh"} <= parties


def test_firms_of_a_country_are_not_the_country():
    g = _graph("Ghana signed an agreement with Canadian miners and the Export Bank of Ruritania on Monday.")
    parties = set().union(*(p for _, p in _agreements(g).values()))
    assert "country:ca" not in parties


def test_deals_with_several_countries_are_one_deal_each():
    g = _graph("Canada has already signed similar deals on nickel with other countries, such as Peru and Chile.")
    got = {frozenset(p) for _, p in _agreements(g).values()}
    assert got == {frozenset({"country:ca", "country:pe"}), frozenset({"country:ca", "country:cl"})}


def test_minerals_of_a_which_clause_and_a_bare_sign_is_planned():
    g = _graph(
        "Britain agreed a compact with Zambia.\n"
        "The minister will visit a mine in Zambia and sign an MoU on critical minerals, which Britain says "
        "will support the mining of copper and cobalt."
    )
    mous = [n for n in g.by_label("Agreement") if n.props.get("kind") == "mou"]
    assert len(mous) == 1 and mous[0].props["status"] == "planned"
    covers = {t for s, t in _rels(g, "COVERS") if s == mous[0].id}
    assert covers == {"mineral:copper", "mineral:cobalt"}
    assert ("country:gb", "mineral:copper") not in _rels(g, "HAS_RESOURCE")


def test_short_form_of_a_company_and_a_currency_are_read_right():
    g = _graph(
        "Brazilian producer Kestrel Verde Group has offered a stake. The move comes as Kestrel Verde finalized "
        "a US$500 million loan with the Nordic Investment Bank."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "loan" and parties == {"company:kestrel-verde-group", "agency:nordic-investment-bank"}


def test_counterpart_after_a_bracketed_acronym_and_an_officials_ministry():
    g = _graph(
        "Chile signed a Memorandum of Cooperation (MoC) on Monday with the Peruvian Ministry of Energy and "
        "Mines (MEM), headed by Minister Rosa Quispe."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "mou" and "country:cl" in parties and any(p.startswith("agency:") for p in parties)


def test_parties_read_from_the_signing_officials():
    g = _graph(
        "Peru and Chile are neighbours. Peru's Trade Minister Ana Rojas signed a memorandum of understanding "
        "on copper with Chile's Mining Minister Lena Berg on Monday."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "mou" and parties == {"country:pe", "country:cl"}


def test_the_chinese_company_in_a_follow_up_is_not_china():
    g = _graph(
        "Mali signed an agreement with Kestrel Lithium Ltd on Monday. "
        "Under the agreement, the Chinese company is also to build a plant."
    )
    parties = set().union(*(p for _, p in _agreements(g).values()))
    assert "country:cn" not in parties and {"country:ml", "company:kestrel-lithium-ltd"} <= parties


def test_a_national_act_has_no_foreign_parties():
    g = _graph("Namibia joined talks under the European Critical Minerals Act on Monday.")
    parties = set().union(*(p for _, p in _agreements(g).values()))
    assert "country:na" not in parties


def test_the_accord_ensures_cooperation_on_a_mineral_covers_it():
    g = _graph(
        "Peru and Canada signed a memorandum of understanding on Thursday. "
        "This pact supports joint work on the smelting of base metals, zinc above all."
    )
    [agreement] = g.by_label("Agreement")
    assert (agreement.id, "mineral:zinc") in _rels(g, "COVERS")


def test_a_group_of_signers_each_signs_its_own_agreement_with_the_hub():
    g = _graph(
        "Chile was among seven countries that signed a memorandum of understanding on battery metals with Japan, "
        "which included Peru, Norway and Kenya."
    )
    got = sorted(sorted(parties) for _, parties in _agreements(g).values())
    assert got == [
        ["country:cl", "country:jp"],
        ["country:jp", "country:ke"],
        ["country:jp", "country:no"],
        ["country:jp", "country:pe"],
    ]


def test_a_hub_signs_with_each_listed_member_of_a_group():
    g = _graph("Japan signed MoUs with five countries, including Peru, Norway and Kenya, on battery metals.")
    got = sorted(sorted(parties) for _, parties in _agreements(g).values())
    assert got == [["country:jp", "country:ke"], ["country:jp", "country:no"], ["country:jp", "country:pe"]]


def test_signers_listed_without_a_group_sign_one_agreement():
    g = _graph("Peru, Norway and Kenya signed a memorandum of understanding on battery metals with Japan.")
    [(_, parties)] = _agreements(g).values()
    assert parties == {"country:pe", "country:no", "country:ke", "country:jp"}


def test_an_official_who_will_announce_a_deal_makes_their_country_a_party():
    g = _graph(
        "Norway's Foreign Minister Jane Holloway arrived in Santiago on Sunday.\n"
        "Holloway will announce a new critical minerals deal with Chile on Monday."
    )
    [(_, parties)] = _agreements(g).values()
    assert parties == {"country:no", "country:cl"}


def test_a_country_that_places_a_firm_is_no_party_of_its_agreement():
    g = _graph("Kestrel Mining Corp. and US-based Borealis Capital signed an agreement to develop a tungsten mine.")
    [(_, parties)] = _agreements(g).values()
    assert "country:us" not in parties and len(parties) == 2


def test_the_organisations_of_the_officials_who_signed_are_the_parties():
    g = _graph(
        "Norway's Minister of Trade Jane Holloway and Chile's Mining Minister Ana Soto signed an MoU on lithium."
    )
    [(_, parties)] = _agreements(g).values()
    assert parties == {"country:no", "country:cl"}


def test_bare_memoranda_with_several_countries_are_one_mou_each():
    g = _graph("The Nordic Investment Bank also signed four memoranda with Chile, Peru and Bolivia for water projects.")
    agreements = _agreements(g)
    assert {k for k, _ in agreements.values()} == {"mou"}
    assert len(agreements) >= 2
    bank = next(n.id for n in g.by_label("Agency"))
    assert all(bank in parties and len(parties) == 2 for _, parties in agreements.values())


def test_acquisition_told_by_its_verb_is_a_deal_of_buyer_and_bought():
    g = _graph(
        "Acme Mining Corp will buy Canada's Borealis Lithium Corp for C$900 million, the companies said on Friday. "
        "Borealis said the deal was approved by its board. The deal comes after Kestrel Batteries Ltd agreed to "
        "acquire Andes Salt Corp last month in an all-stock deal."
    )
    agreements = _agreements(g)
    acme = next(p for _, ps in agreements.values() for p in ps if "acme" in p)
    [(kind, parties)] = [(k, ps) for k, ps in agreements.values() if acme in ps]
    assert kind == "acquisition"
    assert parties == {acme, next(p for p in parties if "borealis" in p)}  # not the firms of the later deal


def test_investment_told_by_its_verb_needs_a_company_invested_in():
    g = _graph("Acme Energy announced plans to invest in Northern Graphite Inc. this year.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "investment" and len(parties) == 2
    assert not _agreements(_graph("Chile will invest heavily in Peru's mines next year."))


def test_declaration_a_summit_produced_is_an_agreement_of_its_sides():
    g = _graph(
        "Leaders of Chile and Norway met at the first Chile-Norway Summit in Oslo on Monday. "
        "The summit produced a joint declaration on critical minerals."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "declaration" and parties == {"country:cl", "country:no"}


def test_said_in_a_joint_statement_is_not_an_agreement():
    g = _graph(
        "Leaders of Chile and Norway met at the Chile-Norway Summit in Oslo on Monday. "
        "The two governments said in a joint statement released after the summit that talks would go on."
    )
    assert not [k for k, _ in _agreements(g).values() if k == "declaration"]


def test_lender_after_from_and_a_coordinated_loan_sharing_the_signing():
    g = _graph(
        "Kestrel Metals Ltd. announced the signing of a $110 million bridge loan agreement with the Nordic "
        "Investment Bank, and a loan facility of up to $55 million from the Andes Development Bank, to fund its mine."
    )
    loans = [ps for k, ps in _agreements(g).values() if k == "loan"]
    kestrel = next(n.id for n in g.by_label("Company"))
    lenders = {p for ps in loans for p in ps} - {kestrel}
    assert len(loans) == 2 and all(kestrel in ps and len(ps) == 2 for ps in loans)
    assert len(lenders) == 2


def test_investment_of_an_amount_from_an_investor():
    g = _graph("Kestrel Metals has landed a further equity investment of $40m from the Nordic Investment Bank.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "investment" and len(parties) == 2


def test_meeting_declaration_of_its_states_not_its_observer_bodies():
    g = _graph(
        "Chile, Norway and the World Bank took part in the Andean Minerals Roundtable in Lima on Monday. "
        "The roundtable adopted a joint communique on local processing."
    )
    assert ("agency:world-bank", "PARTICIPATED_IN") in {(r.source, r.type) for r in g.relationships.values()}
    [(kind, parties)] = _agreements(g).values()
    assert kind == "declaration" and parties == {"country:cl", "country:no"}


def test_a_firm_described_by_its_country_and_several_words_is_not_the_country():
    # "a Ruritanian battery component maker": a firm of that country, not the country
    g = _graph(
        "Orvo Energy signed a memorandum of understanding with Kestrel Mining, a Chilean battery component maker."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "mou" and parties == {"company:orvo-energy", "company:kestrel-mining"}


def test_a_list_with_a_serial_comma_keeps_its_last_item():
    # ", and" ends a clause, but here it is the comma before the last item of a list of parties
    g = _graph("The Nordic Investment Bank signed three memoranda with Kenya, Ghana, and Peru for water projects.")
    pairs = {frozenset(p) for _, p in _agreements(g).values()}
    bank = "agency:nordic-investment-bank"
    assert {frozenset({bank, c}) for c in ("country:ke", "country:gh", "country:pe")} <= pairs
    g = _graph("A joint venture between Rio Tinto, Glencore, and Vale will develop the lithium mine.")
    [(_, parties)] = _agreements(g).values()
    assert parties == {"company:rio-tinto", "company:glencore", "company:vale"}


def test_a_new_clause_after_one_counterpart_is_not_a_list():
    g = _graph("Glencore signed a supply deal with Rio Tinto, and Vale announced a new mine.")
    [(_, parties)] = _agreements(g).values()
    assert parties == {"company:glencore", "company:rio-tinto"}


def test_the_duo_of_the_deal_just_told_are_the_parties_of_the_next():
    g = _graph(
        "Glencore agreed to buy a 20% stake in Vale's nickel mine in Brazil. "
        "The two companies also inked a memorandum to explore copper together."
    )
    kinds = {kind: parties for kind, parties in _agreements(g).values()}
    assert kinds["mou"] == {"company:glencore", "company:vale"}
    assert ("agreement:mou-glencore-vale", "mineral:copper") in _rels(g, "COVERS")


def test_an_agreement_word_after_one_that_refers_back_tells_a_new_agreement():
    # "that deal" refers back; "a memorandum" in the same clause is the new one, inked by "the pair"
    g = _graph(
        "Glencore agreed to buy a 20% stake in Vale's nickel mine in Brazil. "
        "Under that deal the pair also inked a memorandum on copper exploration."
    )
    assert {kind for kind, _ in _agreements(g).values()} == {"stake", "mou"}


def test_a_renewed_memorandum_is_an_agreement_of_the_nations():
    g = _graph(
        "Chile and Japan signed a copper supply contract on Monday. The nations also deepened their "
        "ties by renewing a memorandum of understanding on seabed surveys."
    )
    parties = [p for kind, p in _agreements(g).values() if kind == "mou"]
    assert parties == [{"country:cl", "country:jp"}]


def test_the_members_a_group_subject_lists_are_parties_of_what_it_announces():
    # "the plan" refers back to "an action plan" by its head noun; the group that announces it
    # lists its members in a relative clause before its verb
    g = _graph(
        "The G7 adopted an action plan on cobalt recycling last week. "
        "The bloc, which includes Canada, Japan and Italy, unveiled the plan in Paris."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "action_plan"
    assert {"country:ca", "country:jp", "country:it"} <= parties


def test_a_group_listing_its_members_without_telling_the_agreement_adds_no_party():
    g = _graph(
        "The G7 adopted an action plan on cobalt recycling last week. "
        "The bloc, which includes Canada, Japan and Italy, met in Paris."
    )
    parties = set().union(*(p for _, p in _agreements(g).values()))
    assert not parties & {"country:ca", "country:jp", "country:it"}


def test_a_second_agreement_sharing_the_verb_has_the_same_subject():
    # "..., and a separate offtake agreement with C": the noun shares "inked" and its subject A
    g = _graph("Glencore inked a supply deal with Tesla, and a separate offtake agreement with BMW.")
    parties = {frozenset(p) for _, p in _agreements(g).values()}
    assert frozenset({"company:glencore", "company:bmw"}) in parties
    # the subject an official: whom they sign for; the counterpart an official too
    g = _graph(
        "Kenya's Mining Minister John Otieno signed a memorandum on graphite with Japan, "
        "and a strategic partnership on copper with Zambia's Finance Minister Peter Banda."
    )
    parties = {frozenset(p) for _, p in _agreements(g).values()}
    assert frozenset({"country:ke", "country:zm"}) in parties
    # a clause with its own subject does not borrow one
    g = _graph("Glencore inked a supply deal with Tesla, and BMW announced an offtake agreement with Vale.")
    parties = {frozenset(p) for _, p in _agreements(g).values()}
    assert frozenset({"company:bmw", "company:vale"}) in parties
    assert not any({"company:glencore", "company:vale"} <= p for p in parties)


def test_any_agreement_names_no_agreement_in_particular():
    for text in (
        "Peru will hold a controlling stake in any later joint venture with Glencore.",
        "Kenya agreed that any new deal with Japan must cover graphite.",
    ):
        assert not _agreements(_graph(text)), text
    [(kind, parties)] = _agreements(_graph("Glencore signed a joint venture with Vale on Monday.")).values()
    assert kind == "joint_venture" and parties == {"company:glencore", "company:vale"}


def test_and_another_with_is_a_second_agreement_of_the_kind():
    # a batch told as "X with B and another with C": one agreement each, each with its own pair
    for text in (
        "Kenya signed an MoU with Japan and another with India on graphite.",
        "Kenya signed an MoU on cobalt with Japan and another on graphite with India.",
    ):
        pairs = sorted(sorted(p) for kind, p in _agreements(_graph(text)).values() if kind == "mou")
        assert pairs == [["country:in", "country:ke"], ["country:jp", "country:ke"]], text
    # "another" that is no agreement, and a list item joined on by a preposition, are not parties
    [(_, parties)] = _agreements(_graph("Kenya signed an MoU with Japan and another country joined later.")).values()
    assert parties == {"country:ke", "country:jp"}


def test_they_who_sign_are_the_actors_of_the_sentence_before():
    for text in (
        "Peru and Canada met in Lima on Monday. They signed an agreement on copper.",
        "Peru's President met Canada's Prime Minister in Lima on Monday. They signed an agreement on copper.",
    ):
        [(_, parties)] = _agreements(_graph(text)).values()
        assert parties == {"country:pe", "country:ca"}, text
    assert not _agreements(_graph("Peru and Canada met in Lima on Monday. They said an agreement on copper was near."))


def test_who_did_not_sign_is_no_party():
    # a negated signing: "did not sign the plan", "declined to join the pact"
    g = _graph(
        "Japan and Peru signed an action plan on cobalt on Monday. "
        "Kenya and Ghana attended as guests but did not sign the plan."
    )
    [(_, parties)] = _agreements(g).values()
    assert parties == {"country:jp", "country:pe"}
    assert not _agreements(_graph("Kenya did not sign an MoU with Japan on cobalt."))


def test_plural_agreements_signed_by_several_with_one_are_one_each():
    # the rule (write_deal) and the frames (realise) both split across the verb
    g = _graph("Ghana and Kenya signed deals with Chile on lithium.")
    got = sorted(parties for _kind, parties in _agreements(g).values())
    assert got == [{"country:gh", "country:cl"}, {"country:ke", "country:cl"}]
    g = _graph("Peru signed deals with Ghana, Kenya and Chile on Monday.")
    got = sorted(sorted(parties) for _kind, parties in _agreements(g).values())
    assert got == [["country:cl", "country:pe"], ["country:gh", "country:pe"], ["country:ke", "country:pe"]]


def test_one_each_pairs_across_the_verb_only_when_one_side_is_one():
    from minegraph.loaders.relations.agreements import one_each

    assert one_each(["a", "b", "c"], ["a", "b"]) == [["a", "c"], ["b", "c"]]
    assert one_each(["a", "b", "c"], ["a"]) == [["a", "b"], ["a", "c"]]
    assert one_each(["a", "b", "c", "d"], ["a", "b"]) == [["a", "b", "c", "d"]]  # who with whom is unsaid
    assert one_each(["a", "b"], ["a"]) == [["a", "b"]]


def test_plural_agreement_words_with_no_signing_nor_counterpart_tell_no_agreement():
    from minegraph.loaders.extract import document_context
    from minegraph.loaders.relations.frames import agreement_frames

    for text in (
        "Chile and Peru remain open to deals that could lead to new cobalt refineries.",
        "Both ministries will strengthen international agreements to expand cobalt stocks in Chile and Peru.",
    ):
        doc = Document("t", "t.txt", text, "0" * 64)
        assert [f.untold for f in agreement_frames(document_context(doc))] == [True], text
        assert _agreements(_graph(text)) == {}, text
    # the counterparts are listed, the signer is no actor: not one agreement of Chile's with Peru
    text = "Since then, the new government has moved to secure deals with rich nations, such as Chile and Peru."
    assert _agreements(_graph(text)) == {}


def test_a_share_bought_in_a_firm_is_a_stake_the_rule_states():
    g = _graph("Kestrel Mining Corp. will take a 20% stake in Borealis Lithium Ltd.")
    [node] = g.by_label("Agreement")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "stake" and node.props["status"] == "planned"
    assert parties == {"company:kestrel-mining-corporation", "company:borealis-lithium-ltd"}
    g = _graph("Kestrel Mining Corp. bought a 5% holding in Borealis Lithium Ltd on Monday.")
    assert [n.props["status"] for n in g.by_label("Agreement")] == ["signed"]
    # a share referred back to ("the stake") is no new agreement
    assert _agreements(_graph("Kestrel Mining Corp. was interested in buying the stake in Borealis Lithium Ltd.")) == {}


def test_after_one_with_is_an_earlier_agreement_of_the_kind():
    for text in (
        "Peru signed a lithium MoU with Ghana on Monday, after one with Chile in March.",
        "Peru signed a lithium MoU with Ghana on Monday, months after a similar one with Chile.",
    ):
        got = sorted(sorted(parties) for kind, parties in _agreements(_graph(text)).values() if kind == "mou")
        assert got == [["country:cl", "country:pe"], ["country:gh", "country:pe"]], text
    # talks are no agreement
    text = "Peru signed a lithium MoU with Ghana after talks with Chile."
    assert [sorted(p) for _k, p in _agreements(_graph(text)).values()] == [["country:gh", "country:pe"]]


def _pairs(g: Graph) -> list[set[str]]:
    return sorted((parties for _, parties in _agreements(g).values()), key=sorted)


def test_plural_partnerships_are_one_agreement_per_counterpart():
    # a plural of every agreement word is one agreement per counterpart, as "deals" is
    g = _graph("Ghana has signed partnerships with Peru and Chile.")
    assert _pairs(g) == [{"country:cl", "country:gh"}, {"country:gh", "country:pe"}]
    g = _graph("The European Union has signed similar accords with several countries, including Peru, Ghana and Chile.")
    assert len(_pairs(g)) == 3 and all(len(p) == 2 and "agency:european-union" in p for p in _pairs(g))
    g = _graph("Neighbouring Ghana and Peru have signed similar treaties with Japan.")
    assert _pairs(g) == [{"country:gh", "country:jp"}, {"country:jp", "country:pe"}]


def test_plural_agreements_a_relative_clause_says_were_signed_are_one_per_counterpart():
    # the signer is the subject of a relative clause after the word, also when an agreement was told before
    for text in (
        "Officials recalled the partnerships that the European Union has signed with Peru and Ghana.",
        "Chile signed an MoU with Japan. Officials recalled the strategic partnerships on cobalt that the "
        "European Union has signed with Peru and Ghana.",
    ):
        got = [p for p in _pairs(_graph(text)) if "agency:european-union" in p]
        assert got == [{"agency:european-union", "country:gh"}, {"agency:european-union", "country:pe"}], text
    # no signing verb in the clause: the kind, not agreements
    assert _agreements(_graph("Officials praised the partnerships that the European Union wants with Peru.")) == {}


def test_plural_agreements_with_each_counterpart_in_its_own_year():
    g = _graph("Ghana signed critical minerals agreements with Peru in 2022 and with Chile in 2023.")
    got = sorted((sorted(p), n.props.get("year")) for n in g.by_label("Agreement") for k, p in [_agreements(g)[n.id]])
    assert got == [(["country:cl", "country:gh"], 2023), (["country:gh", "country:pe"], 2022)]
    g = _graph("Ghana signed deals with Peru and with Chile.")
    assert _pairs(g) == [{"country:cl", "country:gh"}, {"country:gh", "country:pe"}]
    # one agreement word in the singular stays one agreement
    assert len(_agreements(_graph("Ghana signed a deal with Peru and with Chile."))) == 1


def test_a_share_purchase_agreement_buys_a_firm_not_its_output():
    g = _graph("Kestrel Mining Corp. signed a share purchase agreement with Borealis Lithium Ltd on Monday.")
    assert [k for k, _p in _agreements(g).values()] == ["acquisition"]
    g = _graph("Kestrel Mining Corp. signed a purchase agreement with Borealis Lithium Ltd for spodumene.")
    assert [k for k, _p in _agreements(g).values()] == ["offtake"]


def test_a_separate_agreement_with_one_side_named_is_made_with_the_same_counterpart():
    # "a side agreement" is told apart from the sale before it, with the same two firms
    text = (
        "Kestrel Mining Corp. has signed a share purchase agreement to sell a 30% stake in its nickel unit "
        "to Borealis Lithium Ltd. The unit is building a refinery. Under a side agreement signed at the same "
        "ceremony, Borealis will buy half of the refinery's output."
    )
    got = sorted(k for k, p in _agreements(_graph(text)).values() if len(p) == 2)
    assert got == ["acquisition", "agreement"]
    assert all(
        p == {"company:kestrel-mining-corporation", "company:borealis-lithium-ltd"}
        for _k, p in _agreements(_graph(text)).values()
    )
    # without a word that tells it apart, the general reading is the sale told before
    text = text.replace("Under a side agreement", "Under an agreement")
    assert [k for k, _p in _agreements(_graph(text)).values()] == ["acquisition"]


def test_talks_with_a_firm_to_buy_or_about_financing_are_an_agreement_under_discussion():
    text = "Kestrel Mining Corp., a Seoul firm, is in talks with Borealis Lithium Ltd to buy a stake in its mine."
    g = _graph(text)
    [node] = g.by_label("Agreement")
    assert node.props["kind"] == "acquisition" and node.props["status"] == "under_discussion"
    assert _agreements(g)[node.id][1] == {"company:kestrel-mining-corporation", "company:borealis-lithium-ltd"}
    g = _graph("Kestrel Mining Corp. said it was in early talks with the Nordic Investment Bank about funding a road.")
    assert [k for k, _p in _agreements(g).values()] == ["loan"]
    # talks on something else are no agreement
    assert _agreements(_graph("Kestrel Mining Corp. is in talks with Borealis Lithium Ltd on prices.")) == {}


def test_lines_of_credit_letters_of_support_and_money_facilities_are_loans():
    for text in (
        "The Nordic Investment Bank said it had signed a $250 million line of credit with the Government of Ghana.",
        "The Nordic Investment Bank issued a letter of support for up to $150 million of debt for Kestrel Mining Corp.",
        "The Nordic Investment Bank signed a mandate letter to arrange $110 million of debt for Kestrel Mining Corp.",
        "The Nordic Investment Bank signed a $150 million facility with Kestrel Mining Corp.",
        "The Nordic Investment Bank, a regional lender, lent Kestrel Mining Corp. $150 million in 2024.",
    ):
        [(kind, parties)] = _agreements(_graph(text)).values()
        assert kind == "loan" and len(parties) == 2, text
    # a facility that is built is a plant, and so are facilities of some money near a place
    assert _agreements(_graph("Kestrel Mining Corp. built a $150 million processing facility in Ghana.")) == {}
    text = "Kestrel Mining Corp. and Borealis Lithium Ltd signed off on $600 million facilities near the Ghana border."
    assert all(k != "loan" for k, _p in _agreements(_graph(text)).values())


def test_the_counterpart_after_what_the_agreement_is_on():
    text = (
        "The European Union signed a memorandum of understanding on cooperation in geology and mineral "
        "resources with Ghana, and a strategic partnership on battery raw materials with Peru."
    )
    got = sorted((k, sorted(p)) for k, p in _agreements(_graph(text)).values())
    assert got == [
        ("mou", ["agency:european-union", "country:gh"]),
        ("partnership", ["agency:european-union", "country:pe"]),
    ]


def test_a_named_declaration_is_an_agreement_its_signers_are_party_to():
    text = (
        "Ministers adopted the Quito Declaration on Critical Minerals at the First Andean Minerals Summit on "
        "Friday. The Declaration was signed by the ministers of Peru, Chile, Ghana and Kenya."
    )
    g = _graph(text)
    [(key, (kind, parties))] = _agreements(g).items()
    assert key == "agreement:quito-declaration-on-critical-minerals" and kind == "declaration"
    assert parties == {"country:pe", "country:cl", "country:gh", "country:ke"}
    # the declaration a meeting adopted is the named one, not another of the meeting's
    text = (
        "Ministers from Peru, Chile and Ghana attended the First Andean Minerals Summit in Lima. The summit "
        "adopted the Quito Declaration on Regional Mineral Value Chains on Saturday."
    )
    assert list(_agreements(_graph(text))) == ["agreement:quito-declaration-on-regional-mineral-value-chains"]
    # a capitalised "Declaration" alone names no agreement of its own
    g = _graph("Peru and Chile signed the Declaration on Monday.")
    assert all(n.name != "Declaration" for n in g.by_label("Agreement"))


def test_plural_partnerships_sought_or_discussed_are_no_agreement():
    for text in (
        "Ghana wants to build partnerships with like-minded nations.",
        "Ghana is seeking partnerships with Peru and Chile.",
        "Ghana did not sign partnerships with Peru.",
        "Ghana and Peru have held talks on strategic partnerships.",
    ):
        assert _agreements(_graph(text)) == {}, text


def test_a_headline_present_tense_signs_tells_the_agreements():
    g = _graph("Ghana signs strategic partnerships with Peru and Chile")
    assert _pairs(g) == [{"country:cl", "country:gh"}, {"country:gh", "country:pe"}]
    assert {n.props.get("status") for n in g.by_label("Agreement")} == {"signed"}


def test_plural_kind_words_that_tell_no_agreement():
    from minegraph.loaders.relations.patterns import agreement_words

    def words(text: str) -> list[str]:
        return [m.group() for m in agreement_words(text)]

    # a portfolio's name, and a plural of a kind that no signing verb tells
    assert words("The Commissioner for International Partnerships met the minister.") == []
    assert words("Standing contracts will be honoured, the ministry said.") == []
    assert words("Ruritania wants ambitious and strategic partnerships driving growth.") == []
    # what is told: signed plurals, and the plurals a later "the MoUs" refers back to
    assert words("Ghana has inked supply contracts with two firms.") == ["supply contracts"]
    assert words("The MOUs Ghana has signed cover lithium.") == ["MOUs"]
    assert words("Deals worth $2 billion are expected.") == ["Deals"]


def test_an_agreement_talked_about_is_not_the_one_signed_between_the_same_parties():
    # one signed, another only discussed: two agreements, each with its own minerals
    g = _graph(
        "Brazil and Canada signed a letter of intent on graphite on Monday. "
        "The two countries also discussed a possible agreement on lithium, but no date was set."
    )
    got = {n.props.get("status"): n.id for n in g.by_label("Agreement")}
    assert set(got) == {"signed", "under_discussion"}
    covers = _rels(g, "COVERS")
    assert (got["signed"], "mineral:graphite") in covers and (got["under_discussion"], "mineral:lithium") in covers
    assert (got["signed"], "mineral:lithium") not in covers
    # talks, then the signing of the same deal: one agreement
    g = _graph("Brazil and Canada are in talks on a lithium deal. The deal was signed on Friday.")
    assert len(g.by_label("Agreement")) == 1


def test_an_agreement_told_by_what_its_parties_agreed_to_do():
    # no agreement word: the coordinated subjects, or the subject and its with-party, and what they do
    g = _graph(
        "French group Acme Chimie and the state company Borealis Minera agreed on Wednesday to create a "
        "joint company to extract lithium."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "joint_venture" and parties == {"company:acme-chimie", "company:borealis-minera"}
    g = _graph(
        "Finland's Acme Minerals Oy and Japan's Borealis Chemical Industries announced on Wednesday that they "
        "will jointly build a nickel sulphate plant."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "joint_project" and parties == {"company:acme-minerals-oy", "company:borealis-chemical-industries"}
    g = _graph(
        "Acme Platinum said it had agreed with British developer Borealis Power Ltd to supply platinum group metals."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "offtake" and parties == {"company:acme-platinum", "company:borealis-power-ltd"}
    assert ("agreement:offtake-acme-platinum-borealis-power-ltd", "mineral:platinum-group-metals") in _rels(g, "COVERS")


def test_no_agreement_from_work_not_agreed_together():
    for text in (
        "Acme Chimie and Borealis Minera did not agree to build a plant.",
        "Acme Chimie and Borealis Minera discussed whether to build a plant.",
        "Acme Chimie will build a plant with Borealis Minera.",
        "Acme Chimie and Borealis Minera will build plants in Chile and Peru.",
        # a headline's present (the instrument is told below); the past "agreed to cooperate" tells one
        "Ghana and Peru agree to cooperate on lithium",
    ):
        assert _agreements(_graph(text)) == {}, text


def test_the_companies_are_the_two_firms_named_before():
    g = _graph(
        "Spain and Portugal signed a declaration on lithium. The first project is a refinery planned by "
        "Spanish group Acme Minera with Portuguese miner Borealis Norte. "
        "The companies signed a supply agreement on the sidelines of the summit."
    )
    assert {"company:acme-minera", "company:borealis-norte"} in _pairs(g)
    g = _graph("Acme Minera SA and Borealis Norte Ltd have worked together since 2019. Both companies signed a deal.")
    assert _pairs(g) == [{"company:acme-minera-sa", "company:borealis-norte-ltd"}]
    # three firms before: "the companies" is not read as two of them
    g = _graph("Acme Minera SA, Borealis Norte Ltd and Cobalt Tres Inc met on Monday. The companies signed a deal.")
    assert _agreements(g) == {}


def test_a_joint_statement_adopted_by_named_parties():
    g = _graph("Australia, India, Japan and the United States adopted a joint statement on seabed data on Monday.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "statement" and parties == {"country:au", "country:in", "country:jp", "country:us"}
    g = _graph(
        "Fiji, Tonga and Samoa met in Suva on Monday. The three countries endorsed a joint statement on seabed mining."
    )
    assert _pairs(g) == [{"country:fj", "country:to", "country:ws"}]


def test_a_statement_something_was_said_in_is_no_agreement():
    for text in (
        "Acme Mining Corp. agreed to acquire Borealis Metals Inc., both firms said in a joint statement.",
        "Ghana and Peru will cooperate on lithium, the ministries said in their joint statement.",
    ):
        assert all(kind != "statement" for kind, _ in _agreements(_graph(text)).values()), text


def test_an_agreement_told_in_a_relative_clause_about_its_signer():
    g = _graph(
        "South Korea and Mongolia agreed to begin talks. "
        "Japan, which signed a similar memorandum with Mongolia in 2023, did not take part."
    )
    assert {"country:jp", "country:mn"} in _pairs(g)
    g = _graph("Chile, which has signed trade deals with Peru and Bolivia, hosted the talks.")
    assert _pairs(g) == [{"country:bo", "country:cl"}, {"country:cl", "country:pe"}]
    assert _agreements(_graph("Chile, which did not sign an MoU with Peru, hosted the talks.")) == {}


def _dated(text: str) -> Graph:
    return extract_graph(Document("t", "t.txt", text, "0" * 64, published="2026-03-02"))


def _years(g: Graph) -> list[tuple[int | None, frozenset[str]]]:
    return sorted(
        ((n.props.get("year"), frozenset(p)) for n in g.by_label("Agreement") for p in [_agreements(g)[n.id][1]]),
        key=lambda x: x[0] or 0,
    )


def test_an_earlier_agreement_told_by_its_year_is_not_the_one_just_told():
    # "their 2019 pact", "the memorandum the two countries signed in 2019": an agreement of its own
    cl_jp = frozenset({"country:cl", "country:jp"})
    g = _dated("Chile and Japan signed a lithium deal on Monday. The two countries also renewed their 2019 pact.")
    assert _years(g) == [(2019, cl_jp), (2026, cl_jp)]
    g = _dated(
        "Chile and Japan signed a lithium deal on Monday. It builds on the memorandum the two sides signed in 2019."
    )
    assert _years(g) == [(2019, cl_jp), (2026, cl_jp)]
    # a union is one of "the two sides"
    g = _dated(
        "Namibia and the European Union agreed on Tuesday to co-fund a study, the first project under the "
        "strategic partnership the two sides signed in 2022."
    )
    assert (2022, frozenset({"country:na", "agency:european-union"})) in _years(g)
    # the year of one told before, or the article's own: the one told
    g = _dated("Chile and Japan signed a lithium pact in 2019. The two countries renewed their 2019 pact on Monday.")
    assert _years(g) == [(2019, cl_jp)]
    g = _dated("Chile and Japan signed a lithium deal on Monday. The deal was signed in 2026 in Tokyo.")
    assert _years(g) == [(2026, cl_jp)]


def test_neither_signed_is_no_agreement():
    for text in (
        "Egypt and Jordan sent ministers to the talks, but neither signed an agreement.",
        "Egypt and Jordan attended the talks; none of them signed an agreement.",
    ):
        assert _agreements(_graph(text)) == {}, text


def test_a_capital_is_its_government_on_the_other_side_of_an_agreement():
    g = _graph("Manila has signed a minerals accord with Canberra.")
    assert _pairs(g) == [{"country:au", "country:ph"}]
    # a capital that only places the signing is no party
    assert _pairs(_graph("Chile signed a deal with Peru in Lima.")) == [{"country:cl", "country:pe"}]
    assert _agreements(_graph("Talks with Lima stalled.")) == {}


# --- a clause that tells another event is no part of the agreement -----------------------------


def _parties_and_minerals(text: str) -> tuple[set[str], set[str], set[frozenset[str]]]:
    g = _graph(text)
    [(_, parties)] = _agreements(g).values()
    covers = {t for _, t in _rels(g, "COVERS")}
    partners = {frozenset(p) for p in _rels(g, "COOPERATES_WITH")}
    return parties, covers, partners


def test_actor_and_mineral_of_a_later_clause_with_its_own_verb_are_no_roles():
    for text in (
        "Peru and Canada signed an agreement on copper on Monday, weeks after Chile tightened its controls on lithium.",
        "Peru and Canada signed a deal on copper as Chile imposed new controls on lithium.",
        "Peru and Canada signed a deal on copper while Chile's mines ministry banned lithium exports.",
        "Peru and Canada signed a deal on copper before Chile banned lithium exports.",
        "Peru and Canada signed a deal on copper following Chile's curbs on lithium exports.",
        "After Chile tightened its controls on lithium, Peru and Canada signed a deal on copper.",
        "Peru and Canada signed a memorandum of understanding on copper, weeks after Chile, which Argentina "
        "criticised, banned lithium exports.",
    ):
        parties, covers, partners = _parties_and_minerals(text)
        assert parties == {"country:pe", "country:ca"}, text
        assert covers == {"mineral:copper"}, text
        assert partners == {frozenset(("country:pe", "country:ca"))}, text


def test_the_agreement_told_inside_the_clause_keeps_its_own_roles():
    parties, covers, _ = _parties_and_minerals(
        "Chile tightened its controls on lithium weeks after Peru and Canada signed an agreement on copper."
    )
    assert parties == {"country:pe", "country:ca"} and covers == {"mineral:copper"}


def test_a_relative_clause_with_its_own_subject_names_no_party():
    parties, _, _ = _parties_and_minerals("Peru and Canada signed a deal on copper, a metal which Chile dominates.")
    assert parties == {"country:pe", "country:ca"}


def test_phrases_without_a_verb_of_their_own_and_the_parties_own_clause_stay():
    parties, covers, _ = _parties_and_minerals(
        "A cobalt agreement was signed on Friday after talks in Seoul between South Korea and Chile."
    )
    assert parties == {"country:kr", "country:cl"} and covers == {"mineral:cobalt"}
    parties, covers, _ = _parties_and_minerals(
        "South Korea and Chile, which signed the agreement on cobalt last week, plan to meet again."
    )
    assert parties == {"country:kr", "country:cl"} and covers == {"mineral:cobalt"}
    # what a relative clause's subject says of the agreement is about it
    _, covers, _ = _parties_and_minerals(
        "Zambia signed an MoU on copper with Britain, which Britain said would help the mining of cobalt."
    )
    assert covers == {"mineral:copper", "mineral:cobalt"}


def test_minerals_of_a_relative_clause_about_a_party_are_not_covered():
    _, covers, _ = _parties_and_minerals("Ghana signed an MoU on lithium with Peru, which mines copper and zinc.")
    assert covers == {"mineral:lithium"}
    _, covers, _ = _parties_and_minerals("Ghana signed an MoU with Peru, which covers copper and zinc.")
    assert covers == {"mineral:copper", "mineral:zinc"}
    parties, covers, _ = _parties_and_minerals(
        "Ghana and Peru signed an MoU on lithium on Monday. Ghana's minister said his country, which mines "
        "manganese and gold, would use the MoU's rules in its next licensing round."
    )
    assert covers == {"mineral:lithium"}


def test_a_country_or_mineral_that_describes_a_firm_is_no_role_of_its_deal():
    # ", one of Japan's largest trading houses,": the firm's description, not a party
    g = _graph(
        "Kestrel Trading Corp agreed to buy lithium from Andes Salt Ltd on Monday. Kestrel, one of Japan's largest "
        "trading houses, will take half of the output under a ten-year offtake agreement with Andes Salt."
    )
    parties = {s for s, _ in _rels(g, "PARTY_TO")}
    assert "country:jp" not in parties
    assert {"company:kestrel-trading-corporation", "company:andes-salt-ltd"} <= parties
    # "Chile's state copper company Quilla": copper names the firm, the memorandum is about lithium
    g = _graph(
        "Korea's Hanbit Materials and Chile's state copper company Quilla Minera signed a memorandum to "
        "study a lithium hydroxide plant."
    )
    covered = {m for _, m in _rels(g, "COVERS")}
    assert "mineral:lithium-hydroxide" in covered and "mineral:copper" not in covered


def test_a_currency_is_not_one_of_the_two_countries():
    g = _graph(
        "Kenya and Peru agreed a credit line of up to 500 million US dollars for rail works. "
        "The two governments were also discussing a memorandum of understanding on copper."
    )
    mous = [parties for kind, parties in _agreements(g).values() if kind == "mou"]
    assert mous == [{"country:ke", "country:pe"}]


def test_countries_named_as_where_investors_come_from_are_no_parties():
    g = _graph(
        "Kenya hosted a mining conference in May, where the Ministry of Mines said that 20 agreements "
        "were signed with investors from Japan, Chile and Canada."
    )
    parties = set().union(set(), *(p for _kind, p in _agreements(g).values()))
    assert not parties & {"country:jp", "country:cl", "country:ca"}


def test_within_the_framework_of_a_visit_is_no_agreement():
    g = _graph(
        "Kenya and Chile agreed to negotiate an agreement on copper processing. "
        "Within the framework of the visit, the Kenya Geological Survey and the Chilean Copper "
        "Commission signed a memorandum of understanding on mapping."
    )
    for kind, parties in _agreements(g).values():
        if kind == "agreement":
            assert parties == {"country:ke", "country:cl"}


def test_an_agreement_to_set_up_a_joint_venture_is_one_agreement():
    from minegraph.loaders.relations import patterns as P

    text = "Tsavo Metals and Andes Cobre signed an agreement to set up a joint venture to refine copper."
    first, second = P.agreement_words(text)[:2]
    assert P.one_agreement(text, first.end(), second.start())
    text = "Tsavo Metals signed an agreement with Andes Cobre and a joint venture with Kivu Mining."
    first, second = P.agreement_words(text)[:2]
    assert not P.one_agreement(text, first.end(), second.start())


def test_the_memorandum_with_one_counterpart_of_a_batch_is_that_ones():
    g = _graph(
        "Chile's Ministry of Mining signed two memoranda of understanding with Peru and Bolivia on Monday. "
        "The memorandum with Peru was signed by the two ministers and aims to develop cooperation in the "
        "exploration of copper. The memorandum with Bolivia was signed by the vice ministers and sets out "
        "joint work on lithium brines."
    )
    covers = {}
    for agreement, mineral in _rels(g, "COVERS"):
        covers.setdefault(agreement, set()).add(mineral)
    parties = {k: p for k, (_kind, p) in _agreements(g).items()}
    by_counterpart = {c: covers.get(k, set()) for k, p in parties.items() for c in p & {"country:pe", "country:bo"}}
    assert by_counterpart == {"country:pe": {"mineral:copper"}, "country:bo": {"mineral:lithium"}}


def test_a_definite_agreement_told_by_the_year_it_was_adopted_is_an_earlier_one():
    text = (
        "Peru and Canada signed an agreement on copper on Monday. During the visit, the ministers "
        "reviewed the implementation of the roadmap on the development of mining cooperation between "
        "Peru and Canada adopted in 2019."
    )
    for g in (_graph(text), _dated(text)):  # the article's date known or not
        kinds = {kind for kind, parties in _agreements(g).values() if parties == {"country:pe", "country:ca"}}
        assert "roadmap" in kinds
    assert {kind for kind, _p in _agreements(_dated(text)).values()} == {"agreement", "roadmap"}


def test_a_country_named_with_a_region_as_where_a_project_is_is_no_party():
    g = _graph(
        "Qatari fund Dunes Capital has agreed to buy a 30 per cent stake in a copper project in northern "
        "Zambia from Kivu Copper Ltd for $200 million."
    )
    parties = set().union(set(), *(p for _kind, p in _agreements(g).values()))
    assert "country:zm" not in parties


def test_opportunities_for_investment_are_no_deal():
    g = _graph(
        "The Saudi minister also held a number of bilateral meetings on the sidelines of the forum, including "
        "with the Minister of Mines of Zambia, John Banda, with whom he discussed opportunities for Saudi "
        "investment in copper and cobalt, and with the Chilean Minister of Mining, Ana Rojas, with whom he "
        "reviewed a proposed agreement on lithium between the two countries."
    )
    assert {kind for kind, _p in _agreements(g).values()} == {"agreement"}


def test_the_roadmap_refers_to_the_roadmap_not_to_a_named_agreement_told_since():
    g = _graph(
        "Chile and Peru signed a roadmap on mining cooperation on Monday. Both countries also take part in "
        "the Minerals Security Partnership, which was launched in 2022. The roadmap identifies joint "
        "exploration of copper and cobalt as priorities."
    )
    covers = _rels(g, "COVERS")
    assert {a for a, _m in covers} == {"agreement:roadmap-cl-pe"}
    assert {m for _a, m in covers} == {"mineral:copper", "mineral:cobalt"}


def test_the_subject_of_an_agreements_terms_is_its_party():
    g = _graph(
        "Among the agreements signed on Tuesday was an offtake under which Kivu Battery Ltd will buy "
        "5,000 tonnes a year of cobalt hydroxide from Zambian producer Copperbelt Cobalt Plc."
    )
    parties = set().union(set(), *(p for _kind, p in _agreements(g).values()))
    assert {"company:kivu-battery-ltd", "company:copperbelt-cobalt-plc"} <= parties


def test_the_subject_before_a_relative_clause_signs_and_the_listed_counterparts_do_not_cooperate():
    g = _graph(
        "Ghana, which ranks among the larger tin producers, has signed similar agreements with Peru, "
        "Norway and Chile in recent years."
    )
    parties = sorted(sorted(p) for _, p in _agreements(g).values())
    assert parties == [["country:cl", "country:gh"], ["country:gh", "country:no"], ["country:gh", "country:pe"]]
    partners = {frozenset(p) for p in _rels(g, "COOPERATES_WITH")}
    assert partners == {frozenset(("country:gh", c)) for c in ("country:pe", "country:no", "country:cl")}
    # what the relative clause names has no role
    parties, covers, _ = _parties_and_minerals(
        "Japan, which buys its rare earths from Peru, has signed a lithium deal with Chile."
    )
    assert parties == {"country:jp", "country:cl"} and covers == {"mineral:lithium"}


def test_what_a_relative_clause_after_the_agreement_names_is_no_party():
    g = _graph(
        "Peru and Canada signed a memorandum on copper on Monday in Lima. The memorandum was signed by Peru's "
        "Minister of Mines, Ana Ruiz, and Canada's Minister of Natural Resources, Jean Roux, who is leading a "
        "trade mission of Canadian companies to Peru and Chile this week."
    )
    assert [p for _, p in _agreements(g).values()] == [{"country:pe", "country:ca"}]
    assert {frozenset(p) for p in _rels(g, "COOPERATES_WITH")} == {frozenset(("country:pe", "country:ca"))}
    g = _graph("Ghana signed an MoU on lithium with Acme Mining, which will supply the metal to Chile.")
    assert [p for _, p in _agreements(g).values()] == [{"country:gh", "company:acme-mining"}]


def test_minerals_of_the_list_a_sentence_about_the_agreement_opens_are_covered():
    g = _graph(
        "Peru and Canada signed a roadmap on critical minerals on Monday.\n"
        "The roadmap sets out concrete actions for three years, including:\n"
        "- joint exploration of deposits of tin, zinc and gallium;\n"
        "- training of geologists in copper processing.\n"
        "The ministers also discussed lithium prices."
    )
    covered = {t for _, t in _rels(g, "COVERS")}
    assert covered == {"mineral:tin", "mineral:zinc", "mineral:gallium", "mineral:copper"}


def test_the_letter_that_names_its_signers_refers_back_to_the_letter_of_intent():
    g = _graph(
        "A Japanese magnet maker has signed a letter of intent to buy neodymium from a planned plant.\n"
        "Acme Metals Ltd and Borealis Magnets Inc signed the letter on Monday evening in Stockholm.\n"
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "mou" and {"company:acme-metals-ltd", "company:borealis-magnets-inc"} <= parties


def test_under_the_letter_tells_what_the_agreement_just_told_covers():
    g = _graph(
        "Acme Metals Ltd signed a letter of intent with Borealis Mining Inc on Monday.\n"
        "Shares of both firms rose in Toronto after the news was announced by the two companies.\n"
        "Under the letter, Acme will take cobalt and nickel from a planned plant.\n"
    )
    [key] = _agreements(g)
    assert {m for a, m in _rels(g, "COVERS") if a == key} == {"mineral:cobalt", "mineral:nickel"}


def test_the_document_signed_by_a_firm_makes_it_a_party_of_the_agreement_just_told():
    g = _graph(
        "Acme Metals Ltd signed a letter of intent with Borealis Mining Inc on Monday.\n"
        "The document was signed by Jane Doe, chief executive of Acme, and by Sylvan Holdings Ltd.\n"
    )
    [(_kind, parties)] = _agreements(g).values()
    assert "company:sylvan-holdings-ltd" in parties


def test_a_country_named_as_where_a_firm_is_from_is_no_party_and_no_key():
    # "X Corporation of Ruritania": the country tells whose the firm is; the memorandum is the firms'
    g = _graph(
        "At the seminar, Brightwater Minerals Corporation of Japan and Okavango Lithium Holdings Ltd of Namibia "
        "signed a memorandum of understanding on lithium exploration."
    )
    agreements = _agreements(g)
    [(key, (kind, parties))] = agreements.items()
    assert kind == "mou" and len(parties) == 2
    assert not any(p.startswith("country:") for p in parties)
    assert "-jp-" not in key and "-na" not in key


def test_the_counterparts_of_partnerships_a_clause_says_were_signed_are_not_a_named_partnerships():
    # "partnerships the UK has signed with A, B and C and its membership of X": A, B and C have one
    # partnership each with the UK, and are not parties of X
    g = _graph(
        "The minister pointed to partnerships the UK has signed with Kazakhstan, Zambia and Chile and to its "
        "membership of the US-led Critical Metals Partnership."
    )
    agreements = _agreements(g)
    named = [p for k, (_, p) in agreements.items() if "critical-metals-partnership" in k]
    assert named and not named[0] & {"country:kz", "country:zm", "country:cl"}
    pairs = {frozenset(p) for k, (_, p) in agreements.items() if "critical-metals-partnership" not in k}
    assert {frozenset({"country:gb", c}) for c in ("country:kz", "country:zm", "country:cl")} <= pairs


def test_the_subject_of_a_bare_relative_clause_signs_though_an_official_of_it_is_named():
    # "UK Trade Minister Jane Doe pointed to partnerships the UK has signed with A and B": the UK
    # is the minister's employer, yet the clause's subject, so it signs one partnership with each
    g = _graph("UK Trade Minister Jane Doe pointed to partnerships the UK has signed with Kazakhstan and Zambia.")
    pairs = {frozenset(p) for _, p in _agreements(g).values()}
    assert pairs == {frozenset({"country:gb", "country:kz"}), frozenset({"country:gb", "country:zm"})}


def test_each_coordinated_verb_gives_its_own_agreement_its_status():
    # "signed X and agreed to explore Y": the MoU is signed, whatever the verb coordinated after it says
    g = _graph(
        "Norway and Chile signed a memorandum of understanding on lithium and agreed to explore an "
        "arrangement for cobalt supply."
    )
    [mou] = [n for n in g.by_label("Agreement") if n.props.get("kind") == "mou"]
    assert mou.props.get("status") == "signed"


def test_the_clause_subject_signs_the_agreement_of_a_coordinated_verb():
    # the arrangement is Norway's with Peru, not the MoU's counterpart Chile's
    g = _graph(
        "Norway signed a memorandum of understanding on lithium with Chile and agreed to explore an "
        "arrangement for cobalt supply with Peru."
    )
    parties = {frozenset(p) for _, p in _agreements(g).values()}
    assert frozenset({"country:no", "country:pe"}) in parties
    assert frozenset({"country:cl", "country:pe"}) not in parties


def test_a_coordinated_verb_after_talks_gives_the_memorandum_its_own_counterpart():
    g = _graph(
        "Chile was in talks with the European Union on financing for smelters and hopes to sign a "
        "memorandum of understanding with Japan on copper refining next year."
    )
    [(key, (kind, parties))] = _agreements(g).items()
    assert kind == "mou" and {"country:cl", "country:jp"} <= parties
    assert "european-union" not in key and g.nodes[key].props.get("status") == "planned"


def test_the_subjects_of_a_later_agreement_are_not_parties_of_the_one_referred_back_to():
    # "The agreement follows weeks in which C and D negotiate a partnership": C and D sign the partnership; the
    # agreement referred back to is A and B's, whatever the weights say of a pair in one sentence
    from minegraph.loaders.relations.candidates import Candidate

    text = (
        "Chile and Japan signed a loan agreement on Monday. "
        "The agreement follows weeks in which Peru and Korea negotiate a cobalt partnership."
    )
    got: list[Candidate] = []
    g = extract_graph(Document(id="t", path="t.txt", text=text, sha256="t", published="2024-05-02"), collect=got)
    loan = {c.source: c for c in got if c.type == "PARTY_TO" and c.frame is not None and c.frame.kind == "loan"}
    assert loan["country:pe"].veto and loan["country:kr"].veto
    assert not loan["country:cl"].veto
    agreements = _agreements(g)
    assert {frozenset(p) for _, p in agreements.values()} == {
        frozenset({"country:cl", "country:jp"}),
        frozenset({"country:pe", "country:kr"}),
    }


def test_a_nationality_in_the_buyers_apposition_is_not_the_buyer():
    # "A, a Ruritanian supplier of X, agreed to buy ...": the buyer is A, past its apposition
    g = _graph(
        "In May, Harzwerk Chemie GmbH, a German maker of fluorochemicals, agreed to buy 40 per cent of "
        "Gobi Spar LLC, which runs a fluorspar mine."
    )
    assert [p for _k, p in _agreements(g).values()] == [{"company:harzwerk-chemie-gmbh", "company:gobi-spar-llc"}]
    g = _graph("Kestrel Mining Corp., a Korean refiner, is in talks with Borealis Lithium Ltd to buy a stake in it.")
    assert [p for _k, p in _agreements(g).values()] == [
        {"company:kestrel-mining-corporation", "company:borealis-lithium-ltd"}
    ]


def test_talks_with_a_described_side_on_a_supply_or_a_plant_are_an_agreement_under_discussion():
    # the other side past its describing words, the talks on a noun (a supply is an offtake, a plant a joint project)
    g = _graph(
        "Finnish drill-bit maker Harju Carbide Oy is in talks with Mongolian state-owned miner "
        "Gobi Volfram Mining on a ten-year supply of tungsten concentrate."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "offtake" and parties == {"company:harju-carbide-oy", "company:gobi-volfram-mining"}
    [node] = g.by_label("Agreement")
    assert node.props["status"] == "under_discussion"
    g = _graph("Norrel Materials is separately in talks with Kestrel Mining Corp. about a possible cobalt plant.")
    assert [k for k, _p in _agreements(g).values()] == ["joint_project"]
    # not a list of firms the talks are with
    g = _graph("Norrel Materials is in talks with several firms including Kestrel Mining Corp. about a cobalt plant.")
    assert _agreements(g) == {}


def test_negotiations_between_two_described_firms_are_an_agreement_under_discussion():
    g = _graph(
        "The ministers welcomed ongoing negotiations between state-owned battery firm Borealis Cells Inc. "
        "and Canadian miner Acme Lithium Ltd on a five-year supply of lithium concentrate."
    )
    [(kind, parties)] = _agreements(g).values()
    assert kind == "offtake" and parties == {"company:borealis-cells-inc", "company:acme-lithium-ltd"}


def test_agreed_in_a_year_to_cooperate_or_to_build_is_an_agreement_by_its_verb():
    g = _graph("Canada and Norway agreed in 2015 to cooperate on developing Norway's graphite, but prices fell.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "agreement" and parties == {"country:ca", "country:no"}
    g = _graph("When Bolivia and Paraguay agreed last year to build a shared copper smelter, money was short.")
    [(_kind, parties)] = _agreements(g).values()
    assert parties == {"country:bo", "country:py"}
    g = _graph("Chile and Peru agreed to conduct joint cobalt surveys in the Atacama.")
    [(_kind, parties)] = _agreements(g).values()
    assert parties == {"country:cl", "country:pe"}
    # a headline's present "agree to cooperate" sums up the instrument the article goes on to tell
    assert _agreements(_graph("Chile and Peru agree to cooperate on cobalt and copper")) == {}


def test_two_parties_launching_a_joint_work_is_a_joint_project():
    g = _graph("Chile and Peru launched a joint lithium refining centre.")
    [node] = g.by_label("Agreement")
    assert node.props["kind"] == "joint_project" and node.props["status"] == "launched"
    assert _agreements(g)[node.id][1] == {"country:cl", "country:pe"}
    # one party's launch is no agreement
    assert _agreements(_graph("Chile launched a joint lithium refining centre.")) == {}


def test_the_stake_told_again_is_an_anchor_of_the_stake_a_rule_read():
    # "the stake" refers back to the stake bought before: the sentence naming its seller is about it
    from minegraph.loaders.extract import document_context
    from minegraph.loaders.relations import extract_relations
    from minegraph.loaders.relations.frames import agreement_frames

    text = (
        "Borealis Trading Corp has agreed to take a 25% stake in a Chilean copper project for $300 million. "
        "Borealis, the third-largest trading house by sales, will acquire the stake in the Cerro Plata project "
        "from Sierra Cobre SA, a private developer."
    )
    ctx = document_context(Document("t", "t.txt", text, "0" * 64))
    extract_relations(ctx)
    [stake] = [f for f in agreement_frames(ctx) if f.kind == "stake"]
    assert [a.sent for a in stake.anchors] == [0, 1]
    # a stake no rule read (no buyer known) takes no later "the stake": who was "interested in buying the
    # stake" are bidders, not parties
    text = (
        "The miner had been sounding out buyers to sell a minority stake in its copper project. "
        "Acme Mining Corp. and Kestrel Resources Ltd were said to be interested in buying the stake."
    )
    ctx = document_context(Document("t", "t.txt", text, "0" * 64))
    extract_relations(ctx)
    [stake] = [f for f in agreement_frames(ctx) if f.kind == "stake"]
    assert [a.sent for a in stake.anchors] == [0]
    # "the stake also carried rights": not the stake bought again, and what it is said of is another deal's
    text = (
        "Borealis Trading Corp has agreed to take a 25% stake in Sierra Cobre SA for $300 million. "
        "An executive said the stake also carried rights to buy output of a planned copper cathode plant."
    )
    ctx = document_context(Document("t", "t.txt", text, "0" * 64))
    extract_relations(ctx)
    [stake] = [f for f in agreement_frames(ctx) if f.kind == "stake"]
    assert [a.sent for a in stake.anchors] == [0]


def test_a_purchase_told_in_a_relative_clause_has_the_actor_it_follows_as_buyer():
    g = _graph(
        "Tokai Trading, which last month agreed to buy $40 million worth of cobalt hydroxide from "
        "Kestrel Mining Corp., said its supplies were safe."
    )
    [(_kind, parties)] = _agreements(g).values()
    assert parties == {"company:tokai-trading", "company:kestrel-mining-corporation"}
    # talks told so too
    g = _graph("Tokai Trading, which is in talks with Kestrel Mining Corp. about a cobalt plant, declined to comment.")
    [(kind, parties)] = _agreements(g).values()
    assert kind == "joint_project" and parties == {"company:tokai-trading", "company:kestrel-mining-corporation"}
