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
