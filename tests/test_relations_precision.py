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


def test_a_country_named_as_the_place_gets_the_signers_country_as_counterpart():
    g = _graph(
        "During a week-long visit to Japan, Brazil's Mines Minister Ana Souza signed a memorandum of "
        "understanding with the Japanese Ministry of Economy, Trade and Industry. "
        "The memorandum covers lithium processing."
    )
    [(key, parties)] = _parties(g).items()
    assert "country:br" in parties and "agency:japanese-ministry-of-economy-trade-and-industry" in parties
    assert g.nodes[key].name.startswith("Brazil–Japan")
    assert frozenset(("country:jp", "agency:japanese-ministry-of-economy-trade-and-industry")) not in _partners(g)
    assert frozenset(("country:br", "country:jp")) in _partners(g)


def test_no_agreement_of_a_country_with_only_its_own_ministry():
    g = _graph(
        "Officials in Japan signed a memorandum of understanding with the Japanese Ministry of Economy, "
        "Trade and Industry on battery recycling."
    )
    assert _parties(g) == {}
    assert frozenset(("country:jp", "agency:japanese-ministry-of-economy-trade-and-industry")) not in _partners(g)


def test_a_country_that_signs_with_its_own_company_keeps_its_agreement():
    g = _graph("Peru signed a mining agreement with Peruvian miner Andes Copper Corp. on Monday in Lima.")
    [parties] = _parties(g).values()
    assert parties == {"country:pe", "company:andes-copper-corporation"}


def test_a_country_with_its_own_bodies_and_a_foreign_partner_is_left_as_read():
    g = _graph(
        "Peru's Ministry of Energy and Mines and Canada's Natural Resources Canada signed a memorandum "
        "of understanding on copper in Lima."
    )
    assert any(len(p) >= 2 for p in _parties(g).values())
