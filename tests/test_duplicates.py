"""An agreement an article states twice is one node (invented sentences and readings)."""

from __future__ import annotations

from minegraph.graph.model import Graph
from minegraph.loaders.documents import Document
from minegraph.loaders.duplicates import fold_duplicate_agreements
from minegraph.loaders.entities import Entity, EntityRegistry
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.relations.context import Rel


def extract(text: str) -> Graph:
    return extract_graph(Document(id="d", path="d.txt", text=text, sha256="d", published="2024-05-02"))


def reading(reg: EntityRegistry, name: str, kind: str, sent: int, described: bool = True, **props) -> Entity:
    e = reg.add("Agreement", name, sent, {"kind": kind, **props})
    e.described = described
    return e


def party_links(*pairs: tuple[str, Entity]) -> list[Rel]:
    return [Rel(p, "PARTY_TO", a.key, 0.7, [f"sentence {i}"]) for i, (p, a) in enumerate(pairs)]


def test_a_ministry_and_its_country_signing_one_mou_make_one_agreement():
    g = extract(
        "Kenya's Ministry of Mining signed an MOU with Chile on copper. Chile signed the MOU with Kenya in Nairobi."
    )
    agreements = g.by_label("Agreement")
    assert len(agreements) == 1
    parties = {s for (s, t, k) in g.relationships if t == "PARTY_TO" and k == agreements[0].id}
    assert {"country:cl", "country:ke"} <= parties  # the links of both readings, on the one kept


def test_a_general_reading_folds_into_the_precise_one_with_the_same_parties():
    reg = EntityRegistry()
    deal = reading(reg, "Ruritania–Freedonia agreement", "agreement", 0)
    mou = reading(reg, "Ruritania–Freedonia MOU", "mou", 3)
    copper = reg.add("Mineral", "copper", 3)
    rels = party_links(("country:ru", deal), ("country:fr", deal), ("country:ru", mou), ("country:fr", mou))
    rels.append(Rel(copper.key, "COVERS", deal.key, 0.6, ["sentence 9"]))
    rels.reverse()  # the order links were read in does not matter
    out = fold_duplicate_agreements(reg, rels)
    assert deal.key not in reg.entities and mou.key in reg.entities
    assert {(r.source, r.type, r.target) for r in out} == {
        ("country:ru", "PARTY_TO", mou.key),
        ("country:fr", "PARTY_TO", mou.key),
        (copper.key, "COVERS", mou.key),
    }
    assert sorted(next(r for r in out if r.source == "country:ru").evidence) == ["sentence 0", "sentence 2"]


def test_two_precise_readings_keep_a_general_one_apart():
    # "the agreement" between two firms that agreed an investment and a supply deal may be either
    reg = EntityRegistry()
    stake = reading(reg, "Acme–Borealis investment", "investment", 0)
    supply = reading(reg, "Acme–Borealis offtake", "offtake", 0)
    general = reading(reg, "Acme–Borealis agreement", "agreement", 2)
    rels = party_links(*[(p, a) for a in (stake, supply, general) for p in ("company:acme", "company:borealis")])
    out = fold_duplicate_agreements(reg, rels)
    assert {stake.key, supply.key, general.key} <= set(reg.entities)
    assert len(out) == len(rels)


def test_what_tells_two_agreements_apart_keeps_them_two():
    reg = EntityRegistry()
    named = reading(reg, "Youth Mobility Agreement", "agreement", 0, described=False)
    mou = reading(reg, "Ruritania–Freedonia MOU", "mou", 1)  # a precise kind beside a name of its own
    old = reading(reg, "Ruritania–Freedonia deal (2019)", "deal", 2, year=2019)
    new = reading(reg, "Ruritania–Freedonia deal (2024)", "deal", 3, year=2024)
    one_party = reading(reg, "Ruritania plan", "plan", 4)
    rels = party_links(*[(p, a) for a in (named, mou, old, new) for p in ("country:ru", "country:fr")])
    rels += party_links(("country:ru", one_party))
    fold_duplicate_agreements(reg, rels)
    assert {named.key, mou.key, old.key, new.key, one_party.key} <= set(reg.entities)


def test_a_named_agreement_keeps_its_name_and_takes_a_general_reading():
    reg = EntityRegistry()
    general = reading(reg, "Ruritania–Freedonia deal", "deal", 0)
    named = reading(reg, "Northern Corridor Pact", "pact", 2, described=False)
    fold_duplicate_agreements(
        reg, party_links(*[(p, a) for a in (general, named) for p in ("country:ru", "country:fr")])
    )
    assert list(e.name for e in reg.entities.values() if e.label == "Agreement") == ["Northern Corridor Pact"]
    assert "Ruritania–Freedonia deal" not in named.aliases  # a made-up description is no alias


def test_the_commission_signs_for_its_union():
    reg = EntityRegistry()
    eu = reg.add("Agency", "European Union", 0, {"kind": "intergovernmental"})
    ec = reg.add("Agency", "European Commission", 0, {"kind": "intergovernmental"})
    first = reading(reg, "European Commission–Freedonia agreement", "agreement", 0)
    second = reading(reg, "European Union–Freedonia MOU", "mou", 1)
    rels = party_links((ec.key, first), ("country:fr", first), (eu.key, second), ("country:fr", second))
    out = fold_duplicate_agreements(reg, rels)
    assert first.key not in reg.entities
    assert {r.source for r in out if r.target == second.key} == {ec.key, eu.key, "country:fr"}


def test_an_mou_and_the_partnership_it_sets_up_are_one():
    reg = EntityRegistry()
    partnership = reading(reg, "Ruritania–Freedonia partnership", "partnership", 0)
    mou = reading(reg, "Ruritania–Freedonia MOU", "mou", 4)
    rels = party_links(*[(p, a) for a in (partnership, mou) for p in ("country:ru", "country:fr")])
    fold_duplicate_agreements(reg, rels)
    assert [e.key for e in reg.entities.values() if e.label == "Agreement"] == [partnership.key]


def test_two_readings_of_one_kind_one_dated_and_one_not_stay_two():
    # "Acme made an initial investment in Borealis in 2020" and "Acme has made a further investment in
    # Borealis" in an undated article: the one whose year is told is not the other
    reg = EntityRegistry()
    further = reading(reg, "Acme–Borealis investment", "investment", 0)
    initial = reading(reg, "Acme–Borealis investment (2020)", "investment", 3, year=2020)
    rels = party_links(*[(p, a) for a in (further, initial) for p in ("company:acme", "company:borealis")])
    out = fold_duplicate_agreements(reg, rels)
    assert {further.key, initial.key} <= set(reg.entities)
    assert "year" not in reg.entities[further.key].props  # no year taken over from the other
    assert len(out) == len(rels)


def test_a_general_reading_without_a_year_still_folds_into_a_dated_precise_one():
    reg = EntityRegistry()
    mou = reading(reg, "Ruritania–Freedonia MOU (2021)", "mou", 0, year=2021)
    deal = reading(reg, "Ruritania–Freedonia agreement", "agreement", 2)
    rels = party_links(*[(p, a) for a in (mou, deal) for p in ("country:ru", "country:fr")])
    fold_duplicate_agreements(reg, rels)
    assert mou.key in reg.entities and deal.key not in reg.entities


def test_cross_validation_builds_an_article_as_the_build_does():
    # the leave-articles-out figure of bench/fit_relations.py scores what a build would store:
    # the agreement read twice is one there too
    from bench.fit_relations import build_graph
    from minegraph.loaders.relations.scorer import shipped_model

    text = "Kenya's Ministry of Mining signed an MOU with Chile on copper. Chile signed the MOU with Kenya in Nairobi."
    doc = Document(id="d", path="d.txt", text=text, sha256="d", published="2024-05-02")
    graph = build_graph({"d": doc}, ["d"], lambda _i: shipped_model())
    assert len(graph.by_label("Agreement")) == len(extract(text).by_label("Agreement")) == 1


def test_one_agreement_between_bodies_of_one_government_read_twice_is_one():
    # "the Departments of Mines and of Trade signed a memorandum", later "the agreement between the two
    # departments": both bodies of one country, the readings still have two parties each
    reg = EntityRegistry()
    country = reg.add("Country", "Peru", 0)
    mines = reg.add("Agency", "Ministry of Mines of Peru", 0, {"kind": "ministry"})
    trade = reg.add("Agency", "Ministry of Trade of Peru", 0, {"kind": "ministry"})
    mou = reading(reg, "Mines–Trade MOU", "mou", 0)
    general = reading(reg, "Mines–Trade agreement", "agreement", 2)
    rels = party_links(*[(p, a) for a in (mou, general) for p in (mines.key, trade.key)])
    rels += [Rel(b.key, "PART_OF", country.key, 0.7, ["s"]) for b in (mines, trade)]
    fold_duplicate_agreements(reg, rels)
    assert mou.key in reg.entities and general.key not in reg.entities


def test_a_reading_naming_some_parties_of_one_agreement_of_its_kind_is_that_agreement():
    # "Acme, Borealis and the Zenith Bank signed a loan" then "the loan from Zenith Bank to Acme"
    reg = EntityRegistry()
    whole = reading(reg, "Acme–Borealis–Zenith Bank loan", "loan", 0)
    part = reading(reg, "Zenith Bank–Acme loan", "loan", 3)
    parties = ("company:acme", "company:borealis", "company:zenith-bank")
    rels = party_links(*[(p, whole) for p in parties], *[(p, part) for p in parties[::2]])
    fold_duplicate_agreements(reg, rels)
    assert whole.key in reg.entities and part.key not in reg.entities


def test_a_general_reading_or_another_kind_naming_some_parties_stays_apart():
    # "Tanzania signed deals with Acme, Borealis and Zenith": "the deal with Acme" is one of them
    reg = EntityRegistry()
    whole = reading(reg, "Tanzania–Acme–Borealis stake", "stake", 0)
    deal = reading(reg, "Tanzania–Acme deal", "deal", 2)
    offtake = reading(reg, "Tanzania–Borealis offtake", "offtake", 3)
    rels = party_links(*[(p, whole) for p in ("country:tz", "company:acme", "company:borealis")])
    rels += party_links(
        ("country:tz", deal), ("company:acme", deal), ("country:tz", offtake), ("company:borealis", offtake)
    )
    fold_duplicate_agreements(reg, rels)
    assert {whole.key, deal.key, offtake.key} <= set(reg.entities)


def test_a_reading_that_fits_two_larger_agreements_stays_apart():
    reg = EntityRegistry()
    first = reading(reg, "Acme–Borealis–Zenith MOU", "mou", 0)
    second = reading(reg, "Acme–Borealis–Kestrel MOU", "mou", 1)
    part = reading(reg, "Acme–Borealis MOU", "mou", 4)
    rels = party_links(*[(p, first) for p in ("company:acme", "company:borealis", "company:zenith")])
    rels += party_links(*[(p, second) for p in ("company:acme", "company:borealis", "company:kestrel")])
    rels += party_links(("company:acme", part), ("company:borealis", part))
    fold_duplicate_agreements(reg, rels)
    assert {first.key, second.key, part.key} <= set(reg.entities)


def test_a_reading_with_the_article_year_only_is_the_same_as_one_without():
    # "A and B signed an offtake on Monday" carries the article's year; "the offtake will run ten
    # years" none: one agreement. A year the text tells apart from the article's keeps two.
    for year, folded in ((2026, True), (2020, False)):
        reg = EntityRegistry()
        signed = reading(reg, f"Acme–Borealis offtake ({year})", "offtake", 0, year=year)
        told = reading(reg, "Acme–Borealis offtake", "offtake", 2)
        rels = party_links(*[(p, a) for a in (signed, told) for p in ("company:acme", "company:borealis")])
        fold_duplicate_agreements(reg, rels, 2026)
        assert (told.key not in reg.entities) is folded and signed.key in reg.entities


def test_an_agreement_talked_about_and_one_signed_stay_two():
    reg = EntityRegistry()
    signed = reading(reg, "Ruritania–Freedonia MOU", "mou", 0, status="signed")
    talked = reading(reg, "Ruritania–Freedonia agreement", "agreement", 3, status="under_discussion")
    rels = party_links(*[(p, a) for a in (signed, talked) for p in ("country:ru", "country:fr")])
    fold_duplicate_agreements(reg, rels)
    assert {signed.key, talked.key} <= set(reg.entities)


def test_an_investment_and_the_stake_it_pays_for_are_one():
    # "Acme will invest $90 million in Borealis ... in return for a 20% stake in Borealis"
    reg = EntityRegistry()
    money = reading(reg, "Acme–Borealis investment", "investment", 0)
    stake = reading(reg, "Acme–Borealis stake", "stake", 3)
    rels = party_links(*[(p, a) for a in (money, stake) for p in ("company:acme", "company:borealis")])
    fold_duplicate_agreements(reg, rels)
    assert [e.key for e in reg.entities.values() if e.label == "Agreement"] == [money.key]


def test_an_agreement_of_two_states_and_an_mou_of_their_bodies_stay_two():
    # "Ruritania and Freedonia signed an agreement ... their geological surveys signed an MoU"
    reg = EntityRegistry()
    ru, fr = reg.add("Country", "Ruritania", 0), reg.add("Country", "Freedonia", 0)
    rgs, fgs = reg.add("Agency", "Ruritanian Survey", 2), reg.add("Agency", "Freedonian Survey", 2)
    states = reading(reg, "Ruritania–Freedonia agreement", "agreement", 0)
    bodies = reading(reg, "Ruritanian Survey–Freedonian Survey MOU", "mou", 2)
    rels = party_links((ru.key, states), (fr.key, states), (rgs.key, bodies), (fgs.key, bodies))
    rels += [Rel(rgs.key, "PART_OF", ru.key, 0.7, ["s"]), Rel(fgs.key, "PART_OF", fr.key, 0.7, ["s"])]
    fold_duplicate_agreements(reg, rels)
    assert {states.key, bodies.key} <= set(reg.entities)
    # one of them read with a country and its body is the states' agreement read again
    again = reading(reg, "Ruritanian Survey–Freedonia MOU", "mou", 4)
    rels += party_links((rgs.key, again), (fr.key, again))
    fold_duplicate_agreements(reg, rels)
    assert states.key not in reg.entities or again.key not in reg.entities


def test_an_earlier_agreement_told_by_its_year_is_not_the_one_signed_now():
    # "signed a roadmap on Thursday ... promised in their 2019 cooperation agreement"
    reg = EntityRegistry()
    roadmap = reading(reg, "Ruritania–Freedonia roadmap", "roadmap", 0)
    earlier = reading(reg, "Ruritania–Freedonia agreement (2019)", "agreement", 0, year=2019)
    rels = party_links(*[(p, a) for a in (roadmap, earlier) for p in ("country:ru", "country:fr")])
    fold_duplicate_agreements(reg, rels, 2024)
    assert {roadmap.key, earlier.key} <= set(reg.entities)
    # an undated general reading still refers back to the dated precise one ("the 2019 MoU ... the agreement")
    reg = EntityRegistry()
    mou = reading(reg, "Ruritania–Freedonia MOU (2019)", "mou", 0, year=2019)
    general = reading(reg, "Ruritania–Freedonia agreement", "agreement", 2)
    rels = party_links(*[(p, a) for a in (mou, general) for p in ("country:ru", "country:fr")])
    fold_duplicate_agreements(reg, rels, 2024)
    assert mou.key in reg.entities and general.key not in reg.entities


def test_an_unqualified_ministry_is_the_home_countrys_when_folding():
    # "The Ministry of Mines signed MoUs with Chile and Peru ... The MoU with Chile was signed for Kenya by ..."
    reg = EntityRegistry()
    ke, cl = reg.add("Country", "Kenya", 0), reg.add("Country", "Chile", 0)
    ministry = reg.add("Agency", "Ministry of Mines", 0, {"kind": "ministry"})
    by_ministry = reading(reg, "Ministry of Mines–Chile MOU", "mou", 0)
    by_state = reading(reg, "Kenya–Chile MOU", "mou", 2)
    rels = party_links((ministry.key, by_ministry), (cl.key, by_ministry), (ke.key, by_state), (cl.key, by_state))
    fold_duplicate_agreements(reg, list(rels))
    assert {by_ministry.key, by_state.key} <= set(reg.entities)  # whose ministry it is is not told
    fold_duplicate_agreements(reg, rels, home=ke.key)
    assert len({by_ministry.key, by_state.key} & set(reg.entities)) == 1


def test_an_mou_signed_and_a_partnership_still_in_talks_stay_two():
    # "held talks on an economic partnership agreement ... and signed an MoU on mining"
    reg = EntityRegistry()
    talks = reading(reg, "Ruritania–Freedonia partnership", "partnership", 0, status="under_discussion")
    mou = reading(reg, "Ruritania–Freedonia MOU", "mou", 0, status="signed")
    rels = party_links(*[(p, a) for a in (talks, mou) for p in ("country:ru", "country:fr")])
    fold_duplicate_agreements(reg, rels)
    assert {talks.key, mou.key} <= set(reg.entities)
    # an MoU on a strategic partnership, both signed: one agreement
    set_up = reading(reg, "Ruritania–Freedonia partnership (set up)", "partnership", 2, status="signed")
    reg.entities.pop(talks.key)
    rels = party_links(*[(p, a) for a in (set_up, mou) for p in ("country:ru", "country:fr")])
    fold_duplicate_agreements(reg, rels)
    assert len({set_up.key, mou.key} & set(reg.entities)) == 1


def test_a_word_the_graph_leaves_out_does_not_tell_two_readings_apart():
    # "the industry ministry" with no ministry named before it is a word (label Name), not a party:
    # the deal it was read into is the MOU the two states signed
    reg = EntityRegistry()
    deal = reading(reg, "Ruritania–Freedonia agreement", "agreement", 0)
    mou = reading(reg, "Ruritania–Freedonia MOU", "mou", 3)
    word = reg.add("Agency", "Ministry of Industry", 0, {"kind": "ministry"})
    word.label = "Name"
    rels = party_links(
        ("country:ru", deal), ("country:fr", deal), (word.key, deal), ("country:ru", mou), ("country:fr", mou)
    )
    fold_duplicate_agreements(reg, rels)
    assert deal.key not in reg.entities and mou.key in reg.entities


def test_an_agreement_also_signed_is_not_the_memorandum_told_before():
    # "also signed an agreement" tells one more agreement than the memorandum before it; "the
    # agreement" after a memorandum is still that memorandum
    g = extract(
        "Kenya and Peru signed a memorandum of understanding on lithium on Monday. The two governments "
        "also signed an agreement on the protection of investments, officials said."
    )
    assert sorted(n.id for n in g.nodes.values() if n.label == "Agreement") == [
        "agreement:agreement-ke-pe-2024",
        "agreement:mou-ke-pe-2024",
    ]
    g = extract(
        "Kenya and Peru signed a memorandum of understanding on lithium on Monday. The agreement covers "
        "exploration, officials said."
    )
    assert [n.id for n in g.nodes.values() if n.label == "Agreement"] == ["agreement:mou-ke-pe-2024"]


def test_an_agreement_also_made_now_is_not_a_dated_earlier_memorandum():
    # told before or after the memorandum of another year, and whether or not the article's year is known
    for text, published in (
        (
            "Kenya and Peru held talks in Lima on Monday. On the sidelines, the two governments also signed an "
            "agreement on the promotion and protection of investments. Kenya and Peru first signed a "
            "memorandum on mining cooperation in 2019.",
            "",
        ),
        (
            "Kenya and Peru signed a memorandum on mining cooperation in 2019. The two governments also agreed "
            "to conclude an investment protection agreement by June next year.",
            "2031-05-02",
        ),
    ):
        g = extract_graph(Document(id="d", path="d.txt", text=text, sha256="d", published=published))
        assert sorted(n.id for n in g.nodes.values() if n.label == "Agreement") == [
            "agreement:agreement-ke-pe",
            "agreement:mou-ke-pe-2019",
        ]


def test_two_readings_signed_by_other_bodies_of_the_same_governments_stay_two():
    # "Kenya's and Chile's mining ministries signed an MoU ... Kenya's geological survey and Chile's
    # mining agency also signed a memorandum": each body a government's, yet other signers, two
    reg = EntityRegistry()
    ke, cl = reg.add("Country", "Kenya", 0), reg.add("Country", "Chile", 0)
    bodies = [
        reg.add("Agency", name, 0, {"kind": "ministry"})
        for name in ("Ministry of Mining of Kenya", "Ministry of Mining of Chile")
    ] + [
        reg.add("Agency", name, 0, {"kind": "agency"})
        for name in ("Geological Survey of Kenya", "Mining Agency of Chile")
    ]
    ministries = reading(reg, "Kenya–Chile ministries MOU", "mou", 0)
    surveys = reading(reg, "Kenya–Chile surveys MOU", "mou", 3)
    rels = party_links(
        (bodies[0].key, ministries), (bodies[1].key, ministries), (bodies[2].key, surveys), (bodies[3].key, surveys)
    )
    rels += [Rel(b.key, "PART_OF", c.key, 0.7, ["s"]) for b, c in zip(bodies, (ke, cl, ke, cl), strict=True)]
    fold_duplicate_agreements(reg, rels)
    assert {ministries.key, surveys.key} <= set(reg.entities)
    # one of the same bodies again: the same agreement told twice
    again = reading(reg, "Kenya–Chile MOU (again)", "mou", 5)
    fold_duplicate_agreements(reg, [*rels, *party_links((bodies[0].key, again), (bodies[3].key, again))])
    assert again.key not in reg.entities
