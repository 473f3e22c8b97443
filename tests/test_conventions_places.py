"""The gold conventions' rulings on capitals, cities and places, one test per ruling.

Each test quotes the ruling of ``CONVENTIONS.md`` it holds and asserts what the ruling
requires and what it forbids, on sentences written for these tests.
"""

from __future__ import annotations

from minegraph.graph.model import Graph
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import _capital_acts, extract_graph


def extract(text: str) -> Graph:
    return extract_graph(Document(id="t", path="t.txt", text=text, sha256="t", published="2024-05-02"))


def countries(graph: Graph) -> set[str]:
    return {n.name for n in graph.by_label("Country")}


def edges(graph: Graph, rel_type: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in graph.edges(rel_type)}


def parties(graph: Graph) -> set[str]:
    return {s for s, _ in edges(graph, "PARTY_TO")}


def test_a_capital_standing_for_its_government_is_its_country():
    """Countries: "a capital standing for its government: 'Washington said'" is a name of the
    country. A capital that speaks, signs, or is the other side of a pact is the country."""
    assert countries(extract("Lisbon said it would speed up permits for lithium refiners.")) == {"Portugal"}
    g = extract("Hanoi and Seoul signed a memorandum of understanding on rare earths on Friday.")
    assert parties(g) == {"country:vn", "country:kr"}
    g = extract("Vietnam signed a rare earths pact with Seoul.")
    assert parties(g) == {"country:vn", "country:kr"}


def test_a_capital_that_is_only_a_place_gives_no_government():
    """The same ruling read the other way: only a capital standing for its government is its
    country. Where a capital is where something happens ("Talks were held in Lisbon", "officials
    in Lisbon said") it is neither a party nor a speaker."""
    g = extract("Talks on a lithium partnership were held in Lisbon on Tuesday between Chile and Japan.")
    assert parties(g) == {"country:cl", "country:jp"}
    assert "Portugal" not in countries(g)
    assert countries(extract("Officials in Lisbon said the lithium talks went well.")) == set()
    assert countries(extract("Envoys in Oslo and Rome said the cobalt talks went well.")) == set()


def test_a_city_that_is_not_a_seat_of_government_never_speaks_for_its_country():
    """Countries: the ruling names "a capital standing for its government"; no other city does.
    A commercial city that says or signs something is not its country ("Shanghai said")."""
    assert countries(extract("Shanghai said it would speed up permits for cobalt refiners.")) == set()
    assert countries(extract("Toronto and Ottawa signed a memorandum on graphite.")) == {"Canada"}
    # the seat stands for its government before the same verb
    assert countries(extract("Beijing said it would speed up permits for cobalt refiners.")) == {"China"}


def test_a_head_office_known_from_a_city_does_not_make_the_city_a_party():
    """What is annotated: "a head office known only from a city ('a Perth-based miner')" is an
    optional inference. The city names the firm's place, so it never makes its country a
    party to the firm's deal, even after "an agreement with"."""
    g = extract("Perth-based Borealis Metals signed a nickel offtake agreement with Japan's Sakura Trading.")
    assert "country:au" not in parties(g)
    assert ("country:au", "company:sakura-trading") not in edges(g, "COOPERATES_WITH")
    g = extract("Acme Lithium signed an offtake agreement with Lisbon-listed Borealis Metals.")
    assert "Portugal" not in countries(g)
    assert parties(g) == {"company:acme-lithium", "company:borealis-metals"}
    text = "a deal with Lisbon-listed Acme"
    start = text.index("Lisbon")
    assert not _capital_acts(text, start, start + len("Lisbon"))


def test_regions_and_continents_are_not_countries():
    """Countries: "Regions and continents ('Central Asia', 'Africa') are not countries"."""
    assert countries(extract("Africa and Central Asia hold much of the world's chromium.")) == set()
    assert countries(extract("Officials in Central Asia said lithium output rose.")) == set()


def test_an_event_in_a_city_is_held_in_its_country_which_does_not_take_part():
    """Rulings from t31: "An event's HELD_IN a country known only from a city ('in Riyadh') is
    optional; where the text places the event in the named country, it is required." The host
    city's country takes no part in the event on that account."""
    g = extract("The Andes Lithium Forum was held in Lima, Peru, on Monday. Chile and Japan took part.")
    assert ("event:andes-lithium-forum", "country:pe") in edges(g, "HELD_IN")
    assert edges(g, "PARTICIPATED_IN") == {
        ("country:cl", "event:andes-lithium-forum"),
        ("country:jp", "event:andes-lithium-forum"),
    }
    g = extract("The Andes Lithium Forum opened in Lima on Monday.")
    assert edges(g, "PARTICIPATED_IN") == set()
    assert parties(g) == set()
