"""Who is not a party: an owner named in a possessive on another noun, the background of the
news, those who attended the meeting an agreement came out of, a country named as the place
of a signing with its own ministry. Sentences written for these tests."""

from __future__ import annotations

from minegraph.graph.model import Graph
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph

#: a named partnership of two countries, stated twice, that the sentence under test refers to
_LAUNCH = (
    "Canada and Peru launched the Andean Minerals Partnership in May in Ottawa. "
    "Canada and Peru will fund joint exploration. "
)


def _graph(text: str) -> Graph:
    return extract_graph(Document("t", "t.txt", text, "0" * 64))


def _rels(g: Graph, typ: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in g.relationships.values() if r.type == typ}


def _parties(g: Graph) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {n.id: set() for n in g.by_label("Agreement")}
    for src, dst in _rels(g, "PARTY_TO"):
        if dst in out:
            out[dst].add(src)
    return out


def _partners(g: Graph) -> set[frozenset[str]]:
    return {frozenset(p) for p in _rels(g, "COOPERATES_WITH")}


PARTNERSHIP = "agreement:andean-minerals-partnership"


def test_an_owner_named_in_a_possessive_on_another_noun_is_no_party():
    g = _graph(_LAUNCH + "The Andean Minerals Partnership follows years of Chile's rapid growth as a refiner.")
    assert _parties(g)[PARTNERSHIP] == {"country:ca", "country:pe"}


def test_the_background_of_the_news_is_neither_party_nor_mineral_covered():
    g = _graph(
        _LAUNCH + "The launch of the Andean Minerals Partnership comes amid concern over "
        "Chile's large share of lithium refining."
    )
    assert _parties(g)[PARTNERSHIP] == {"country:ca", "country:pe"}
    assert (PARTNERSHIP, "mineral:lithium") not in _rels(g, "COVERS")


def test_an_attendee_of_the_meeting_that_led_to_an_agreement_is_no_party():
    g = _graph(
        _LAUNCH + "The ministerial meeting that led to the Andean Minerals Partnership was held in Lima "
        "and drew delegates from 30 countries along with the World Bank."
    )
    assert _parties(g)[PARTNERSHIP] == {"country:ca", "country:pe"}


def test_a_possessive_owner_that_signs_is_still_a_party():
    g = _graph(_LAUNCH + "The Andean Minerals Partnership was later joined by Chile's government.")
    assert _parties(g)[PARTNERSHIP] == {"country:ca", "country:pe", "country:cl"}
