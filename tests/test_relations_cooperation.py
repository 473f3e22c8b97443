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
